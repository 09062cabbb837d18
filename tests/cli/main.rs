//! Integration tests through the real binary, one file per topic: what an advocate or an
//! editor runs and sees. (The conversation with a scripted prompter is tested beside its code,
//! in `src/edge/commands/compose.rs`.)

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
