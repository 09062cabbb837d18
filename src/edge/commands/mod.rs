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

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

use anyhow::{Context, Result};

use crate::error::{BadInput, exit};

/// Writes to stdout in one piece. A closed pipe (`| head`) is not an error. Control and bidi
/// characters never get through, wherever they came from: stdout is often a terminal.
pub fn print(text: &str) -> Result<i32> {
    let text = crate::clean::strip_unsafe_chars(text);
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

/// Files a user names on the command line are small: anything larger is the wrong file.
const MAX_INPUT_BYTES: u64 = 1 << 20;

/// Reads a text file the user named (`kind` says what it should be, e.g. `answers file`),
/// or stdin for `-`. Returns the name to show for it and its text. Every problem is bad
/// input (exit 2): the user pointed at the wrong thing.
pub fn read_input(path: &Path, kind: &str) -> Result<(String, String)> {
    let from_stdin = path == Path::new("-");
    let origin = if from_stdin {
        "stdin".to_owned()
    } else {
        path.display().to_string()
    };
    let cannot = |e: io::Error| BadInput::new(format!("cannot read {kind} {origin}: {e}"));
    let mut bytes = Vec::new();
    if from_stdin {
        io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    } else {
        File::open(path)
            .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
            .map_err(cannot)?;
    }
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(BadInput::new(format!(
            "{kind} {origin} is larger than 1 MiB; is it the right file?"
        ))
        .into());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        BadInput::new(format!(
            "{origin}:{line}: the file is not UTF-8 text; save it as plain text, UTF-8"
        ))
    })?;
    Ok((origin, text))
}
