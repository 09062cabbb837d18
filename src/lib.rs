//! hotline-reply composes email replies for a hotline from a library of approved snippets.
//!
//! A reply flows one way: [`edge`] (arguments, settings, terminal, stdout) → [`library`]
//! (snippets, links, jurisdictions, rules, frames) → [`reply`] (answers, render, guard,
//! output). [`lint`] runs the same reply path over every answer a library allows, and
//! [`legacy`] turns the hotline's old texts into snippet drafts.

pub mod clean;
pub mod edge;
pub mod error;
pub mod legacy;
pub mod library;
pub mod lint;
mod parallel;
pub mod reply;
mod suggest;

pub use edge::run;
