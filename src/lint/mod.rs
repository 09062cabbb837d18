//! `check`: lints a whole library so an editor learns of every problem before an advocate
//! meets one. Files (YAML, schema, UTF-8, duplicate ids), the link registry, each snippet's
//! templates and names, stale `reviewed` dates, and then every reply each snippet can
//! produce for every jurisdiction, through the same guard `compose` uses.
//!
//! It takes a library and returns a [`Report`]; printing is the edge's job.

mod blocks;
pub mod diagnostic;
mod exhaustive;
mod failure;
mod registry;
mod shapes;

use std::collections::{BTreeMap, BTreeSet};

pub use crate::library::date::Date;
pub use exhaustive::MAX_COMBINATIONS;

use crate::library::jurisdictions::Jurisdiction;
use crate::library::links::LinkRegistry;
use crate::library::source_map::block_spans;
use crate::library::{self, yaml};
use crate::library::{JURISDICTIONS, LINKS, Library, LoadedSnippet, SnippetFile};
use crate::lint::diagnostic::{Diagnostic, Located, Severity};

use shapes::{LinkTable, World};

#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// A `reviewed` date older than this many days is a warning.
    pub max_age_days: u32,
    pub today: Date,
}

/// Every problem found, errors and warnings, in file order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub snippets: usize,
    pub links: usize,
    pub jurisdictions: usize,
    /// Snippets whose replies were not rendered, because of errors reported above.
    pub not_rendered: usize,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// One line for the end of the output.
    pub fn summary(&self) -> String {
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let mut out = format!(
            "checked {} and {}, every answer combination for {}: {}, {}",
            plural(self.snippets, "snippet"),
            plural(self.links, "link"),
            plural(self.jurisdictions, "jurisdiction"),
            plural(self.errors(), "error"),
            plural(self.warnings(), "warning"),
        );
        if self.not_rendered > 0 {
            out.push_str(&format!(
                " ({} not rendered because of errors)",
                plural(self.not_rendered, "snippet")
            ));
        }
        out
    }
}

pub fn check(library: &Library, options: &Options) -> Report {
    let mut report = Report::default();
    let out = &mut report.diagnostics;
    let mut origin_order: Vec<String> = Vec::new();

    let jurisdictions = load_jurisdictions(library, out);
    report.jurisdictions = jurisdictions.len();
    let (registry, broken) = load_registry(library, &jurisdictions, out, &mut origin_order);
    report.links = registry.as_ref().map_or(0, |r| r.entries.len());
    let table = registry
        .as_ref()
        .map(|r| LinkTable::new(r, &jurisdictions, &broken));

    let files = match library.snippet_files() {
        Ok(files) => files,
        Err(err) => {
            out.push(Diagnostic::error(Located::from_error(
                &err,
                &describe(library),
            )));
            return report;
        }
    };
    report.snippets = files.len();
    let first_of_id = duplicate_ids(&files);
    for file in &files {
        origin_order.push(origin_of(library, &file.rel));
        if let Some(first) = first_of_id
            .get(file.id.as_str())
            .filter(|f| **f != file.rel)
        {
            out.push(Diagnostic::error(Located::new(
                &origin_of(library, &file.rel),
                None,
                format!(
                    "snippet id '{}' is also {first}; `compose {}` cannot tell them apart, so rename one",
                    file.id, file.id
                ),
            )));
        }
        let rendered = check_snippet(
            library,
            file,
            registry.as_ref(),
            table.as_ref(),
            &jurisdictions,
            options,
            out,
        );
        if !rendered {
            report.not_rendered += 1;
        }
    }
    sort(&mut report.diagnostics, &origin_order);
    report
}

/// Lints one snippet and, when it has no errors, renders every reply it can produce.
/// Returns whether it was rendered.
fn check_snippet(
    library: &Library,
    file: &SnippetFile,
    registry: Option<&LinkRegistry>,
    table: Option<&LinkTable>,
    jurisdictions: &[Jurisdiction],
    options: &Options,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let origin = origin_of(library, &file.rel);
    let source = match library.read(&file.rel) {
        Ok(Some(source)) => source,
        Ok(None) => return false,
        Err(err) => {
            out.push(Diagnostic::error(Located::from_error(&err, &origin)));
            return false;
        }
    };
    let snippet = match library::read_snippet(&source) {
        Ok(snippet) => snippet,
        Err(err) => {
            out.push(Diagnostic::error(Located::new(
                &err.origin,
                err.location,
                err.message,
            )));
            return false;
        }
    };
    let problems = library::snippet_problems(&snippet, &source);
    let sound = problems.is_empty();
    out.extend(problems.into_iter().map(Diagnostic::error));
    let loaded = LoadedSnippet {
        id: file.id.clone(),
        source,
        snippet,
    };
    let spans = block_spans(&loaded);
    let linted = blocks::lint(&loaded, &spans, registry, options, out);
    let (Some(linted), Some(table), true) = (linted, table, sound) else {
        return false;
    };
    let world = World {
        jurisdictions,
        links: table,
    };
    exhaustive::check_replies(&loaded, &linted, &spans, &world, out);
    true
}

fn load_jurisdictions(library: &Library, out: &mut Vec<Diagnostic>) -> Vec<Jurisdiction> {
    match library.jurisdictions() {
        Ok(j) => j.jurisdictions,
        Err(err) => {
            out.push(Diagnostic::error(Located::from_error(
                &err,
                &origin_of(library, JURISDICTIONS),
            )));
            // Keep checking snippets against the built-in list rather than stopping here.
            Library::BuiltIn
                .jurisdictions()
                .map(|j| j.jurisdictions)
                .unwrap_or_default()
        }
    }
}

fn load_registry(
    library: &Library,
    jurisdictions: &[Jurisdiction],
    out: &mut Vec<Diagnostic>,
    origin_order: &mut Vec<String>,
) -> (Option<LinkRegistry>, BTreeSet<String>) {
    origin_order.push(origin_of(library, JURISDICTIONS));
    origin_order.push(origin_of(library, LINKS));
    let source = match library.read(LINKS) {
        Ok(Some(source)) => source,
        Ok(None) => return (Some(LinkRegistry::default()), BTreeSet::new()),
        Err(err) => {
            out.push(Diagnostic::error(Located::from_error(
                &err,
                &origin_of(library, LINKS),
            )));
            return (None, BTreeSet::new());
        }
    };
    match yaml::parse::<LinkRegistry>(&source.text, &source.origin) {
        Ok(registry) => {
            let broken = registry::lint(&source, &registry, jurisdictions, out);
            (Some(registry), broken)
        }
        Err(err) => {
            out.push(Diagnostic::error(Located::new(
                &err.origin,
                err.location,
                err.message,
            )));
            (None, BTreeSet::new())
        }
    }
}

/// For each id used by more than one file, the first file's path.
fn duplicate_ids(files: &[SnippetFile]) -> BTreeMap<&str, &str> {
    let mut first: BTreeMap<&str, &str> = BTreeMap::new();
    let mut dup: BTreeMap<&str, &str> = BTreeMap::new();
    for f in files {
        match first.get(f.id.as_str()) {
            Some(rel) => {
                dup.insert(&f.id, rel);
            }
            None => {
                first.insert(&f.id, &f.rel);
            }
        }
    }
    dup
}

/// The name a file has in messages, as `Library::read` gives it.
fn origin_of(library: &Library, rel: &str) -> String {
    match library {
        Library::BuiltIn => format!("(built-in) snippets/{rel}"),
        Library::Dir(root) => root.join(rel).display().to_string(),
    }
}

fn describe(library: &Library) -> String {
    match library {
        Library::BuiltIn => "(built-in) snippets".to_owned(),
        Library::Dir(root) => root.display().to_string(),
    }
}

/// Registries first, then snippets in path order; inside a file, by line and column.
fn sort(diagnostics: &mut [Diagnostic], origin_order: &[String]) {
    let rank = |origin: &str| {
        origin_order
            .iter()
            .position(|o| o == origin)
            .unwrap_or(origin_order.len())
    };
    diagnostics.sort_by(|a, b| {
        (rank(&a.at.origin), &a.at.origin, a.at.location).cmp(&(
            rank(&b.at.origin),
            &b.at.origin,
            b.at.location,
        ))
    });
}
