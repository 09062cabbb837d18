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

use std::io::{self, Write};

use anyhow::{Context, Result};

use crate::error::exit;

/// Writes to stdout in one piece. A closed pipe (`| head`) is not an error. Control and bidi
/// characters never get through, wherever they came from: stdout is often a terminal.
pub fn print(text: &str) -> Result<i32> {
    let text = crate::reply::strip_unsafe_chars(text);
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(exit::SUCCESS),
        other => other.context("writing to stdout").map(|()| exit::SUCCESS),
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
