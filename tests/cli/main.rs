//! Integration tests through the real binary (and, for prompts, through the library API with
//! a scripted prompter). One test binary; one file per topic.

mod bad_input;
mod check;
mod compose;
mod config;
mod copy;
mod corpus;
mod echo;
mod formats;
mod guard;
mod hostile_files;
mod import;
mod list;
mod man;
mod manners;
mod parse;
mod privacy;
mod pty;
mod schema;
mod several;
mod show;
mod sources;
mod states;
mod stdout;
mod util;
mod windows_files;
mod x11;
