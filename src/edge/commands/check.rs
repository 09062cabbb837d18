//! `check`: prints the lint of the whole library on stderr, one compiler-like line per
//! problem, and exits 1 when any is an error.

use std::io::{self, Write};

use anyhow::Result;

use crate::clean::strip_unsafe_chars;
use crate::edge::args::CheckArgs;
use crate::edge::settings::Settings;
use crate::error::exit;
use crate::lint::{self, Options};

pub fn run(settings: &Settings, args: &CheckArgs) -> Result<i32> {
    let options = Options {
        max_age_days: settings.check(args),
        today: settings.today,
    };
    let report = lint::check(&settings.library, &options);
    let mut out = String::new();
    for diagnostic in &report.diagnostics {
        // URLs and YAML messages quote file contents: nothing in them may drive the terminal,
        // and one problem stays one line for the editor.
        let line = diagnostic.to_string().replace(['\n', '\r'], " ");
        out.push_str(&strip_unsafe_chars(&line));
        out.push('\n');
    }
    if let Some(note) = report.capitals_note() {
        out.push_str(&strip_unsafe_chars(&note));
        out.push('\n');
    }
    out.push_str(&report.summary());
    out.push('\n');
    // A closed stderr leaves nobody to tell; the exit code still says it all.
    let _ = io::stderr().lock().write_all(out.as_bytes());
    Ok(if report.errors() > 0 {
        exit::FAILURE
    } else {
        exit::SUCCESS
    })
}
