//! `import`: reads a legacy text, prints the snippet draft on stdout (or writes `-o FILE`) and
//! the report on stderr. Every problem with the input is bad input (exit 2), with nothing on
//! stdout.

use std::fs::OpenOptions;
use std::io::{self, ErrorKind, Read, Write};
use std::path::Path;

use anyhow::{Context, Result};

use crate::error::{BadInput, exit};
use crate::import;
use crate::library::Library;

use super::print;

/// Legacy texts are a few kilobytes; anything this large is the wrong file.
const MAX_BYTES: u64 = 1 << 20;

pub fn run(library: &Library, file: &Path, output: Option<&Path>) -> Result<i32> {
    let (origin, text) = read_legacy(file)?;
    let links = library.links()?;
    let draft =
        import::import(&text, &links).map_err(|e| BadInput::new(format!("{origin}: {e}")))?;
    let yaml = draft.to_yaml(&origin)?;
    let report = draft.report.render(&origin)?;
    match output {
        Some(path) => {
            write_new(path, &yaml)?;
            eprintln!("wrote the draft to {}", path.display());
        }
        None => {
            print(&yaml)?;
        }
    }
    eprint!("{report}");
    Ok(exit::SUCCESS)
}

/// The legacy text from `file` (or stdin for `-`), and the name to show for it.
fn read_legacy(file: &Path) -> Result<(String, String)> {
    let (origin, bytes) = if file == Path::new("-") {
        (
            "stdin".to_owned(),
            read_limited(io::stdin().lock(), "stdin")?,
        )
    } else {
        let origin = file.display().to_string();
        let reader = std::fs::File::open(file)
            .map_err(|e| BadInput::new(format!("cannot read {origin}: {e}")))?;
        let bytes = read_limited(reader, &origin)?;
        (origin, bytes)
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        BadInput::new(format!(
            "{origin}:{line}: the file is not UTF-8 text; save it from the word processor as plain text, UTF-8"
        ))
    })?;
    Ok((origin, text))
}

fn read_limited(reader: impl Read, origin: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| BadInput::new(format!("cannot read {origin}: {e}")))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(BadInput::new(format!(
            "{origin} is larger than 1 MiB; a legacy response is a few kilobytes: is it the right file?"
        ))
        .into());
    }
    Ok(bytes)
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
