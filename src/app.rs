//! The edge: arguments, environment, files, terminal and stdout. Everything here is thin;
//! the work happens in the modules it calls.

use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use anyhow::{Context, Result};
use clap::Parser;

use crate::answers::RawAnswer;
use crate::cli::{Cli, Command, ComposeArgs};
use crate::compose::{self, Given, Request};
use crate::error::{BadInput, exit, exit_code};
use crate::library::Library;
use crate::prompt::{Prompter, Terminal};
use crate::{output, yaml};

/// An answers file larger than this is refused: no one types a megabyte of answers.
const MAX_ANSWERS_BYTES: u64 = 1 << 20;

/// Runs the program and returns its exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return err.exit_code();
        }
    };
    match execute(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", chain(&err));
            exit_code(&err)
        }
    }
}

fn execute(cli: Cli) -> Result<i32> {
    let library = match &cli.library {
        Some(dir) => Library::open(dir)?,
        None => Library::BuiltIn,
    };
    match cli.command {
        Command::Compose(args) => compose(&library, &args),
        Command::List { query } => list(&library, &query),
    }
}

fn compose(library: &Library, args: &ComposeArgs) -> Result<i32> {
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

fn list(library: &Library, query: &[String]) -> Result<i32> {
    let words: Vec<String> = query
        .iter()
        .flat_map(|q| q.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    let mut rows = Vec::new();
    let mut broken = 0;
    for file in library.snippet_files()? {
        let loaded = match library.load_snippet(&file.rel) {
            Ok(loaded) => loaded,
            Err(err) => {
                eprintln!("error: {}", chain(&err));
                broken += 1;
                continue;
            }
        };
        let s = &loaded.snippet;
        let haystack = [&loaded.id, &s.category, &s.title]
            .into_iter()
            .chain(&s.tags)
            .chain(s.blocks.iter().map(|b| &b.text))
            .map(|t| t.to_lowercase())
            .collect::<Vec<_>>()
            .join("\n");
        if words.iter().all(|w| haystack.contains(w.as_str())) {
            rows.push([loaded.id.clone(), s.category.clone(), s.title.clone()]);
        }
    }
    let width = |i: usize| {
        rows.iter()
            .map(|r: &[String; 3]| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1) = (width(0), width(1));
    let mut out = String::new();
    for [id, category, title] in &rows {
        out.push_str(&format!("{id:w0$}  {category:w1$}  {title}\n"));
    }
    if rows.is_empty() && !words.is_empty() {
        eprintln!("no snippet mentions '{}'", words.join(" "));
    }
    print(&out)?;
    Ok(if broken > 0 {
        exit::FAILURE
    } else {
        exit::SUCCESS
    })
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

/// Writes to stdout in one piece. A closed pipe (`| head`) is not an error.
fn print(text: &str) -> Result<i32> {
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
fn chain(err: &anyhow::Error) -> String {
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
