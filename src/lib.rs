//! hotline-reply composes email replies for a hotline from a library of approved snippets.
//!
//! A reply flows one way, one module per step: [`cli`] arguments → [`library`] (snippets,
//! [`links`], [`jurisdictions`]) → [`answers`] (flags, file, [`prompt`]s; one validation) →
//! [`render`] (minijinja) → [`guard`] → [`review`] → [`output`] (format, frame) →
//! [`clipboard`]. [`compose`] drives the steps; only [`app`], [`config`] and the clipboard
//! touch the terminal, the environment and the disk.

pub mod answers;
mod app;
pub mod check;
pub mod cli;
pub mod clipboard;
mod commands;
pub mod compose;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod guard;
pub mod import;
pub mod jurisdictions;
pub mod library;
pub mod links;
pub mod output;
pub mod prompt;
pub mod render;
pub mod reply;
pub mod review;
pub mod schema;
pub mod snippet;
pub mod source_map;
mod suggest;
mod term;
pub mod yaml;

pub use app::run;
