//! `import`: reads a legacy text, prints the snippet draft on stdout (or writes `-o FILE`) and
//! the report on stderr. Every problem with the input is bad input (exit 2), with nothing on
//! stdout.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::path::Path;

use anyhow::{Context, Result};

use crate::error::{BadInput, exit};
use crate::legacy;
use crate::library::Library;

use super::read_input;
use crate::edge::stderr as term;

pub fn run(library: &Library, file: &Path, output: Option<&Path>) -> Result<i32> {
    if output.is_none() {
        crate::edge::stdout::refuse_if_closed("the draft")?;
    }
    let (origin, text) = read_input(file, "legacy text", "paste the text")?;
    let links = library.links()?;
    let draft =
        legacy::import(&text, &links).map_err(|e| BadInput::new(format!("{origin}: {e}")))?;
    let yaml = draft.to_yaml(&origin)?;
    let report = draft.report.render(&origin)?;
    match output {
        Some(path) => {
            write_new(path, &yaml)?;
            term::note(&format!("wrote the draft to {}", path.display()));
        }
        None => {
            // The draft is the product, not a listing: a closed pipe is not success.
            crate::edge::stdout::deliver(&yaml, "the draft")?;
        }
    }
    term::text(&report);
    Ok(exit::SUCCESS)
}

/// Writes a new file. An existing file may be a reviewed snippet: it is never overwritten.
fn write_new(path: &Path, text: &str) -> Result<()> {
    let mut file = match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            return Err(BadInput::new(format!(
                "{} already exists; import never overwrites a file (it may be a reviewed snippet): remove it or choose another name",
                path.display()
            ))
            .into());
        }
        Err(e) => {
            return Err(BadInput::new(format!("cannot create {}: {e}", path.display())).into());
        }
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .with_context(|| format!("writing {}", path.display()))
}
