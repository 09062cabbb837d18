//! Integration tests through the real binary (and, for prompts, through the library API with
//! a scripted prompter). One test binary; one file per topic.

mod bad_input;
mod check;
mod compose;
mod guard;
mod list;
mod prompts;
mod schema;
mod show;
mod util;
