//! Integration tests through the real binary (and, for prompts, through the library API with
//! a scripted prompter). One test binary; one file per topic.

mod bad_input;
mod compose;
mod guard;
mod import;
mod list;
mod prompts;
mod util;
