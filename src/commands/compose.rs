//! `compose`: the main job. Gathers answers from flags, an answers file and the terminal,
//! and prints the reply that passed the guard.

use std::io::{self, IsTerminal, Read};
use std::path::Path;

use anyhow::Result;

use crate::answers::RawAnswer;
use crate::cli::ComposeArgs;
use crate::compose::{self, Given, Request};
use crate::error::BadInput;
use crate::library::Library;
use crate::prompt::{Prompter, Terminal};
use crate::{output, yaml};

use super::print;

/// An answers file larger than this is refused: no one types a megabyte of answers.
const MAX_ANSWERS_BYTES: u64 = 1 << 20;

pub fn run(library: &Library, args: &ComposeArgs) -> Result<i32> {
    let mut given = Vec::new();
    if let Some(path) = &args.answers {
        given.extend(read_answers(path)?);
    }
    given.extend(args.set.iter().map(|(id, value)| Given {
        id: id.clone(),
        value: RawAnswer::Text(value.clone()),
        from: "--set".to_owned(),
    }));
    let request = Request {
        snippets: args.ids.clone(),
        state: args.state.clone(),
        given,
        defaults: args.defaults,
    };
    let interactive = !args.no_input && io::stdin().is_terminal() && io::stderr().is_terminal();
    let mut terminal = Terminal;
    let prompter: Option<&mut dyn Prompter> = if interactive {
        Some(&mut terminal)
    } else {
        None
    };
    let composed = compose::compose(library, &request, prompter)?;
    for warning in &composed.warnings {
        eprintln!("warning: {warning}");
    }
    print(&output::text(&composed.reply))
}

/// Reads `--answers FILE|-` into given answers; any problem is bad input (exit 2).
fn read_answers(path: &Path) -> Result<Vec<Given>> {
    let (origin, text) = if path == Path::new("-") {
        (
            "stdin".to_owned(),
            read_limited(io::stdin().lock(), "stdin")?,
        )
    } else {
        let origin = path.display().to_string();
        let file = std::fs::File::open(path)
            .map_err(|e| BadInput::new(format!("cannot read answers file {origin}: {e}")))?;
        let text = read_limited(file, &origin)?;
        (origin, text)
    };
    let map: std::collections::BTreeMap<String, RawAnswer> = yaml::parse(&text, &origin)
        .map_err(|e| BadInput::new(format!("{e}; an answers file is a mapping of question id to value, e.g. `asks_about_charges: yes`")))?;
    Ok(map
        .into_iter()
        .map(|(id, value)| Given {
            id,
            value,
            from: origin.clone(),
        })
        .collect())
}

fn read_limited(reader: impl Read, origin: &str) -> Result<String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_ANSWERS_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| BadInput::new(format!("cannot read answers from {origin}: {e}")))?;
    if bytes.len() as u64 > MAX_ANSWERS_BYTES {
        return Err(BadInput::new(format!(
            "answers file {origin} is larger than 1 MiB; is it the right file?"
        ))
        .into());
    }
    String::from_utf8(bytes).map_err(|_| {
        BadInput::new(format!(
            "answers file {origin} is not UTF-8 text; is it the right file?"
        ))
        .into()
    })
}
