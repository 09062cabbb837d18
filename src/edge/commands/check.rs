//! `check`: prints the lint of the whole library on stderr, one compiler-like line per
//! problem, and exits 1 when any is an error.

use anyhow::Result;

use crate::edge::settings::Settings;
use crate::edge::stderr as term;
use crate::error::exit;
use crate::lint::{self, Options};

pub fn run(settings: &Settings) -> Result<i32> {
    let options = Options {
        max_age_days: settings.max_age_days,
        today: settings.today,
    };
    let report = lint::check(&settings.library, &options);
    let mut out = String::new();
    for diagnostic in &report.diagnostics {
        // One problem stays one line for the editor; `term::text` cleans what files quote.
        out.push_str(&diagnostic.to_string().replace(['\n', '\r'], " "));
        out.push('\n');
    }
    if let Some(note) = report.capitals_note() {
        out.push_str(&note);
        out.push('\n');
    }
    out.push_str(&report.summary());
    out.push('\n');
    term::text(&out);
    Ok(if report.errors() > 0 {
        exit::FAILURE
    } else {
        exit::SUCCESS
    })
}
