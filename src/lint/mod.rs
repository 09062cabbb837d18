//! `check`: lints a whole library so an editor learns of every problem before an advocate
//! meets one. Files (YAML, schema, UTF-8, duplicate ids), the jurisdictions, the link
//! registry, the guard rules, the frames, each snippet's templates and names, drafts and
//! stale `reviewed` dates, and then every reply each snippet can produce for every
//! jurisdiction and frame, through the same guard `compose` uses: `check` passes exactly
//! when no compose of a single snippet can be refused by the guard.
//!
//! It takes a library and returns a [`Report`]; printing is the edge's job.

mod blocks;
pub mod diagnostic;
mod exhaustive;
mod failure;
mod frames;
mod link_table;
mod links_yaml;
mod require;
mod world;

use std::collections::{BTreeMap, BTreeSet};

pub use blocks::Options;
pub use exhaustive::{MAX_BLOCK_FUEL, MAX_COMBINATIONS};

use crate::error::Located;
use crate::library::jurisdictions::Jurisdiction;
use crate::library::loading::Loading;
use crate::library::registry::LinkRegistry;
use crate::library::rules::Rules;
use crate::library::snippet::Question;
use crate::library::source_map::block_spans;
use crate::library::{JURISDICTIONS, LINKS, Library, LoadedSnippet, RULES, SnippetFile};
use crate::reply::guard::{Guard, prose};
use diagnostic::{Diagnostic, Severity};
use link_table::LinkTable;
use world::World;

/// Every problem found, errors and warnings, in file order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub snippets: usize,
    pub links: usize,
    pub jurisdictions: usize,
    /// Snippets whose replies were not rendered, because of errors reported above.
    pub not_rendered: usize,
    /// Every word in capitals the library's text holds that `acronyms` does not list, with
    /// how often: what an editor reads to allow the real acronyms in one pass.
    pub capital_words: BTreeMap<String, usize>,
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

    /// The list of capital words, for the end of the output, if there are any.
    pub fn capitals_note(&self) -> Option<String> {
        if self.capital_words.is_empty() {
            return None;
        }
        let words: Vec<String> = self
            .capital_words
            .iter()
            .map(|(w, n)| {
                if *n == 1 {
                    w.clone()
                } else {
                    format!("{w} ({n})")
                }
            })
            .collect();
        Some(format!(
            "words in capitals in the library's text that `acronyms` does not list (the guard refuses each wherever a reply prints it): {}; list the real acronyms under `acronyms` in {RULES}, and replace the rest",
            words.join(", ")
        ))
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
    let mut origin_order: Vec<String> = [JURISDICTIONS, LINKS, RULES]
        .iter()
        .map(|f| library.origin_of(f))
        .collect();

    // The same loaders compose uses: what they refuse is reported here, every problem.
    let jurisdictions = reported(library.load_jurisdictions(), out).jurisdictions;
    report.jurisdictions = jurisdictions.len();
    let rules = reported(library.load_rules(), out);
    let guard = Guard::new(&rules);
    let links = library.load_links();
    let no_links_file = links.source.is_none() && links.problems.is_empty();
    let (registry, broken) = lint_registry(links, &jurisdictions, &rules, out);
    report.links = registry.as_ref().map_or(0, |r| r.entries.len());
    let table = registry
        .as_ref()
        .map(|r| LinkTable::new(r, &jurisdictions, &broken, &rules));
    let frames = library.load_frames();
    let frame_files = frames.problems.iter().map(|p| p.origin.clone());
    let frame_files = frame_files.chain(frames.value.iter().map(|(_, s)| s.origin.clone()));
    origin_order.extend(frame_files.collect::<Vec<_>>());
    let frames = reported(frames, out);
    let frames = frames::check(&frames, guard, out);
    for name in jurisdictions.iter().map(|j| j.in_prose()) {
        count_capitals(&name, &rules, &mut report.capital_words);
    }

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
    for rel in library.unread_files().unwrap_or_default() {
        out.push(Diagnostic::warning(Located::new(
            &library.origin_of(&rel),
            None,
            "never read: a snippet is `<category>/<id>.yaml` (one folder deep, lowercase `.yaml`) and the registries are links.yaml, jurisdictions.yaml and rules.yaml at the top; rename or move it".to_owned(),
        )));
    }
    let first_of_id = duplicate_ids(&files);
    let world = table.as_ref().map(|links| World {
        jurisdictions: &jurisdictions,
        links,
        guard,
    });
    // Each snippet is checked on its own, so they are checked on every core; what each
    // finds is put back in file order.
    // Each thread renders untrusted templates, so gets the deep stack rendering needs.
    let stack = Some(crate::reply::render::STACK_BYTES);
    let checked = crate::parallel::on_every_core(&files, stack, |file| {
        let mut found = Vec::new();
        let mut capitals = BTreeMap::new();
        let mut questions = Vec::new();
        let checked = check_snippet(
            library,
            file,
            registry.as_ref(),
            world.as_ref(),
            &frames,
            options,
            &mut capitals,
            &mut questions,
            &mut found,
        );
        (found, capitals, checked, questions)
    });
    // The first declaration of each question id, and the file it is in.
    let mut declared: BTreeMap<String, (Question, String)> = BTreeMap::new();
    let mut linking = 0;
    for (file, (found, capitals, checked, questions)) in files.iter().zip(checked) {
        let origin = library.origin_of(&file.rel);
        origin_order.push(origin.clone());
        if let Some(first) = first_of_id
            .get(file.id.as_str())
            .filter(|f| **f != file.rel)
        {
            out.push(Diagnostic::error(Located::new(
                &origin,
                None,
                format!(
                    "snippet id '{}' is also {first}; `compose {}` cannot tell them apart, so rename one",
                    file.id, file.id
                ),
            )));
        }
        out.extend(found);
        for (q, at) in questions {
            match declared.get(&q.id) {
                Some((first, rel)) if !crate::reply::declared_alike(first, &q) => {
                    out.push(Diagnostic::error(Located::new(
                        &origin,
                        at,
                        format!(
                            "question '{}' is also declared in {rel}, with another type, choices or default; the two snippets cannot be composed together (`compose` asks once for both), so give one of them another id or the same declaration",
                            q.id
                        ),
                    )));
                }
                Some(_) => {}
                None => {
                    declared.insert(q.id.clone(), (q, file.rel.clone()));
                }
            }
        }
        for (word, n) in capitals {
            *report.capital_words.entry(word).or_default() += n;
        }
        if !checked.rendered {
            report.not_rendered += 1;
        }
        linking += usize::from(checked.uses_links);
    }
    // Each `link()` is reported at its block; this says why none can be found.
    if no_links_file && linking > 0 {
        report.diagnostics.push(Diagnostic::error(Located::new(
            &library.origin_of(LINKS),
            None,
            format!(
                "the library has no {LINKS}, so it has no links, and {linking} snippet{} use{} `link()`; add {LINKS} (`hotline-reply schema links` describes it)",
                if linking == 1 { "" } else { "s" },
                if linking == 1 { "s" } else { "" },
            ),
        )));
    }
    sort(&mut report.diagnostics, &origin_order);
    report
}

/// What checking one snippet found besides its diagnostics.
#[derive(Default)]
struct Checked {
    /// Every reply it can produce was rendered (it had no errors that prevent it).
    rendered: bool,
    /// A block names a link.
    uses_links: bool,
}

/// Lints one snippet and, when it has no errors, renders every reply it can produce.
#[allow(clippy::too_many_arguments)]
fn check_snippet(
    library: &Library,
    file: &SnippetFile,
    registry: Option<&LinkRegistry>,
    world: Option<&World>,
    frames: &frames::Frames,
    options: &Options,
    capitals: &mut BTreeMap<String, usize>,
    questions: &mut Vec<(Question, Option<(usize, usize)>)>,
    out: &mut Vec<Diagnostic>,
) -> Checked {
    let origin = library.origin_of(&file.rel);
    let source = match library.read(&file.rel) {
        Ok(Some(source)) => source,
        Ok(None) => return Checked::default(),
        Err(err) => {
            out.push(Diagnostic::error(Located::from_error(&err, &origin)));
            return Checked::default();
        }
    };
    let snippet = match crate::library::read_snippet(&source) {
        Ok(snippet) => snippet,
        Err(err) => {
            out.push(Diagnostic::error(err));
            return Checked::default();
        }
    };
    questions.extend(snippet.questions.iter().map(|q| {
        let at = crate::error::locate(&source.text, &format!("id: {}", q.id));
        (q.clone(), at)
    }));
    let uses_links = snippet
        .blocks
        .iter()
        .any(|b| !crate::reply::render::literal_links(&b.text).0.is_empty());
    let mut checked = Checked {
        rendered: false,
        uses_links,
    };
    let problems = crate::library::snippet_problems(&snippet, &source);
    let sound = problems.is_empty();
    out.extend(problems.into_iter().map(Diagnostic::error));
    let loaded = LoadedSnippet {
        id: file.id.clone(),
        source,
        snippet,
    };
    if let Some(world) = world {
        for text in library_texts(&loaded) {
            count_capitals(text, world.guard.rules, capitals);
        }
    }
    let spans = block_spans(&loaded);
    let linted = blocks::lint(&loaded, &spans, registry, options, out);
    let (Some(linted), Some(world), true) = (linted, world, sound) else {
        return checked;
    };
    let replies = exhaustive::check_replies(&loaded, &linted, &spans, world, out);
    match replies.failure {
        Some(failure) => out.push(Diagnostic::error(failure)),
        None => check_requirements(&loaded, &replies, world, frames, out),
    }
    checked.rendered = true;
    checked
}

/// Every `require` rule no frame always meets must be met by every reply of the snippet.
fn check_requirements(
    snippet: &LoadedSnippet,
    replies: &exhaustive::Checked,
    world: &World,
    frames: &frames::Frames,
    out: &mut Vec<Diagnostic>,
) {
    let domains: Vec<usize> = snippet
        .snippet
        .questions
        .iter()
        .map(|q| exhaustive::domain(q).len())
        .collect();
    // The library's rules, then the one every reply keeps: it has text (some block is in it).
    let blocks = &replies.requirements;
    let rules = &world.guard.rules.require;
    for rule in 0..=rules.len() {
        let what = match rules.get(rule) {
            Some(_) if frames.always_meet.get(rule).copied().unwrap_or(false) => continue,
            Some(compiled) => format!("what {RULES} requires (“{}”)", compiled.message),
            None if replies.always_text => continue,
            None => "any text (every block is left out or says nothing)".to_owned(),
        };
        let message = match require::search(blocks, rule, &domains, world.jurisdictions.len()) {
            require::Outcome::Met => continue,
            require::Outcome::TooHard => format!(
                "could not show within {} steps that every reply has {what}; split the snippet so fewer questions decide it",
                require::MAX_STEPS,
            ),
            require::Outcome::Missed { values, state } => {
                let mut answers = crate::reply::answers::Answers::default();
                for (q, value) in snippet.snippet.questions.iter().zip(values) {
                    let domain = exhaustive::domain(q);
                    if let Some(answer) = value.and_then(|v| domain.get(v)).or(domain.first()) {
                        answers.insert(&q.id, answer.clone());
                    }
                }
                format!(
                    "a reply lacks {what}{}",
                    failure::flags(snippet, &answers, state, world)
                )
            }
        };
        out.push(Diagnostic::error(Located::new(
            &snippet.source.origin,
            None,
            message,
        )));
    }
}

/// The library prose of a snippet outside its blocks' templates' code: block texts, text
/// defaults and choice labels, which the capital-word list is made from.
fn library_texts(snippet: &LoadedSnippet) -> impl Iterator<Item = &str> {
    let s = &snippet.snippet;
    s.blocks
        .iter()
        .map(|b| b.text.as_str())
        .chain(
            s.questions
                .iter()
                .flat_map(|q| q.choices.iter().map(String::as_str)),
        )
        .chain(s.questions.iter().filter_map(|q| match &q.default {
            Some(crate::library::values::RawAnswer::Text(t)) => Some(t.as_str()),
            _ => None,
        }))
}

/// Adds the capital words of `text` (template tags left out) to `counts`.
fn count_capitals(text: &str, rules: &Rules, counts: &mut BTreeMap<String, usize>) {
    for word in prose::capital_words(&without_tags(text), rules) {
        *counts.entry(word).or_default() += 1;
    }
}

/// The text of a template with its `{{ … }}`, `{% … %}` and `{# … #}` tags left out.
fn without_tags(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{']) {
        let close = match rest[open..].chars().nth(1) {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
                continue;
            }
        };
        out.push_str(&rest[..open]);
        out.push(' ');
        match rest[open + 2..].find(close) {
            Some(end) => rest = &rest[open + 2 + end + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// A shared file's value, its problems reported as errors.
fn reported<T>(loading: Loading<T>, out: &mut Vec<Diagnostic>) -> T {
    out.extend(loading.problems.into_iter().map(Diagnostic::error));
    loading.value
}

/// The registry with its own lint, and the names of its broken entries; `None` when the
/// file could not be loaded (then no reply is rendered: every link would be missing).
fn lint_registry(
    loading: Loading<LinkRegistry>,
    jurisdictions: &[Jurisdiction],
    rules: &Rules,
    out: &mut Vec<Diagnostic>,
) -> (Option<LinkRegistry>, BTreeSet<String>) {
    if !loading.problems.is_empty() {
        reported(loading, out);
        return (None, BTreeSet::new());
    }
    let broken = match &loading.source {
        Some(source) => links_yaml::lint(source, &loading.value, jurisdictions, rules, out),
        None => BTreeSet::new(),
    };
    (Some(loading.value), broken)
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

fn describe(library: &Library) -> String {
    match library {
        Library::BuiltIn => "(built-in) snippets".to_owned(),
        Library::Dir(root) => root.display().to_string(),
    }
}

/// Registries first, then frames, then snippets in path order; inside a file, by line and
/// column.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_tags_are_not_prose() {
        assert_eq!(
            without_tags("See {{ link(\"X\") }} and {% if LINK %}TBD{% endif %} {# NOTE #}."),
            "See   and  TBD   ."
        );
    }
}
