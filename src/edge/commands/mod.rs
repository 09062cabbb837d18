//! One module per subcommand: each reads its arguments, calls the core, and writes the result.

pub mod check;
pub mod compose;
pub mod config;
pub mod import;
pub mod links;
pub mod list;
pub mod schema;
pub mod shell;
pub mod show;

use std::io::{self, IsTerminal};
use std::path::Path;

use anyhow::Result;

use crate::edge::stderr as term;
use crate::error::BadInput;
use crate::library::Library;
use crate::library::files::{self, Input, Limit};
use crate::library::jurisdictions::Jurisdiction;
use crate::reply::answers::{self, Source};

pub use crate::edge::stdout::print;

/// The jurisdiction `--state` names, checked as every source's state is.
pub fn state_flag(library: &Library, state: Option<&str>) -> Result<Option<Jurisdiction>> {
    match state {
        Some(s) => Ok(Some(answers::state(
            &library.jurisdictions()?,
            s,
            &Source::StateFlag,
        )?)),
        None => Ok(None),
    }
}

/// The error and its causes on one line each, without repeating a cause already in the text.
pub fn chain(err: &anyhow::Error) -> String {
    let mut out = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !out.contains(&cause) {
            out.push_str("\n  caused by: ");
            out.push_str(&cause);
        }
    }
    out
}

/// Reads a text file the user named (`kind` says what it should be, e.g. `answers file`),
/// or stdin for `-`, through [`files::read_text`]: a regular file (or stdin) of at most 1 MiB,
/// UTF-8. Returns the name to show for it and its text. Every problem is bad input (exit 2):
/// the user pointed at the wrong thing. When `-` is a terminal, `on_terminal` tells the
/// advocate what to type and how to end, instead of waiting silently.
pub fn read_input(path: &Path, kind: &str, on_terminal: &str) -> Result<(String, String)> {
    let input = if path == Path::new("-") {
        if io::stdin().is_terminal() {
            let end = if cfg!(windows) {
                "Ctrl-Z then Enter"
            } else {
                "Ctrl-D"
            };
            term::note(&format!(
                "reading the {kind} from the terminal: {on_terminal}, then press {end} on a line of its own"
            ));
        }
        Input::Stdin
    } else {
        Input::File(path)
    };
    let text =
        files::read_text(input, Limit::UserFile).map_err(|e| BadInput::new(e.for_user(kind)))?;
    Ok((input.name(), text))
}
