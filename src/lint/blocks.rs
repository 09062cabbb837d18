//! Lints one snippet without rendering it: template syntax in every block, names a `when` or
//! a text uses that are neither questions nor built-ins, `link(...)` names the registry does
//! not have, questions nothing uses, its `reviewed` date and whether it is a draft.

use std::collections::HashSet;

use crate::error::Located;
use crate::error::locate;
use crate::library::LoadedSnippet;
use crate::library::date::Date;
use crate::library::registry::LinkRegistry;
use crate::library::snippet::Status;
use crate::library::source_map::{BlockSpan, locate_in_block};
use crate::lint::diagnostic::{Diagnostic, Severity};
use crate::reply::answers::STATE;
use crate::reply::plan::links_need_state;
use crate::reply::render::{self, Engine};
use crate::suggest;

/// What `check` is asked to judge by.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// A `reviewed` date older than this many days is a warning.
    pub max_age_days: u32,
    pub today: Date,
}

/// A snippet whose templates all compiled and whose names are all known: ready to render.
pub struct Linted {
    pub engine: Engine,
    pub blocks: Vec<Uses>,
}

/// What one block's `when` and `text` depend on.
#[derive(Debug, Clone, Default)]
pub struct Uses {
    /// Indices into the snippet's questions that the `when` names, in declaration order.
    pub when: Vec<usize>,
    /// Those the text names.
    pub text: Vec<usize>,
    pub state_in_when: bool,
    pub state_in_text: bool,
    /// Link names called with a literal, and whether a name is computed.
    pub links: Vec<String>,
    pub computed_link: bool,
    /// Whether one of its links gives a URL that depends on the state.
    pub links_need_state: bool,
}

impl Uses {
    /// Every question the block depends on, in declaration order.
    pub fn questions(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self.when.iter().chain(&self.text).copied().collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// Whether its `when` or its text names the state.
    pub fn state(&self) -> bool {
        self.state_in_when || self.state_in_text
    }

    /// Whether a reply with this block needs the state: it names it, or links to a page
    /// that depends on it.
    pub fn needs_state(&self) -> bool {
        self.state() || self.links_need_state
    }
}

/// Lints `snippet`; returns it ready to render when nothing in it is an error.
pub fn lint(
    snippet: &LoadedSnippet,
    spans: &[BlockSpan],
    registry: Option<&LinkRegistry>,
    options: &Options,
    out: &mut Vec<Diagnostic>,
) -> Option<Linted> {
    let errors_before = count_errors(out);
    let origin = &snippet.source.origin;
    let link_names: Vec<String> = registry
        .map(|r| r.entries.keys().cloned().collect())
        .unwrap_or_default();
    let mut engine = Engine::new(link_names, "links.yaml lists the links".to_owned());
    let mut compiled = Vec::new();
    for block in 0..snippet.snippet.blocks.len() {
        match engine.add_block(snippet, block) {
            Ok(()) => compiled.push(block),
            Err(err) => out.push(Diagnostic::error(Located::from_error(&err, origin))),
        }
    }

    let questions = &snippet.snippet.questions;
    let mut uses = vec![Uses::default(); snippet.snippet.blocks.len()];
    for &block in &compiled {
        let when = engine.when_names(snippet, block).unwrap_or_default();
        let text = engine.text_names(snippet, block).unwrap_or_default();
        let u = &mut uses[block];
        let mut sort = |names: &HashSet<String>, into_state: &mut bool| -> Vec<usize> {
            let mut found = Vec::new();
            let mut names: Vec<&String> = names.iter().collect();
            names.sort();
            for name in names {
                if let Some(i) = questions.iter().position(|q| &q.id == name) {
                    found.push(i);
                } else if name == STATE {
                    *into_state = true;
                } else if !engine.is_global(name) {
                    out.push(Diagnostic::error(Located::new(
                        origin,
                        locate_in_block(snippet, spans, block, name),
                        format!(
                            "block {}: `{name}` is not a question of this snippet{}; a template may use its questions, `state` and `link(\"name\")`",
                            block + 1,
                            suggest::did_you_mean(name, questions.iter().map(|q| q.id.as_str()))
                        ),
                    )));
                }
            }
            found.sort_unstable();
            found
        };
        u.when = sort(&when, &mut u.state_in_when);
        let mut state_in_text = false;
        u.text = sort(&text, &mut state_in_text);
        u.state_in_text = state_in_text;
        let text = &snippet.snippet.blocks[block].text;
        (u.links, u.computed_link) = render::literal_links(text);
        u.links_need_state = registry.is_none_or(|r| links_need_state(text, r));
        if let Some(registry) = registry {
            for link in &u.links {
                if !registry.entries.contains_key(link) {
                    out.push(Diagnostic::error(Located::new(
                        origin,
                        locate_in_block(snippet, spans, block, &format!("\"{link}\""))
                            .or_else(|| locate_in_block(snippet, spans, block, link)),
                        format!(
                            "block {}: no link '{link}' in links.yaml{}",
                            block + 1,
                            suggest::did_you_mean(
                                link,
                                registry.entries.keys().map(String::as_str)
                            )
                        ),
                    )));
                }
            }
        }
    }

    if compiled.len() == snippet.snippet.blocks.len() {
        for (i, q) in questions.iter().enumerate() {
            if !uses
                .iter()
                .any(|u| u.when.contains(&i) || u.text.contains(&i))
            {
                out.push(Diagnostic::warning(Located::new(
                    origin,
                    locate(&snippet.source.text, &format!("id: {}", q.id)),
                    format!(
                        "question '{}' is never used: no `when` or text refers to it, so asking it changes nothing",
                        q.id
                    ),
                )));
            }
        }
    }
    lint_status(snippet, options, out);

    (count_errors(out) == errors_before).then_some(Linted {
        engine,
        blocks: uses,
    })
}

/// Drafts, and how long ago the text was checked against the law.
fn lint_status(snippet: &LoadedSnippet, options: &Options, out: &mut Vec<Diagnostic>) {
    let at = |needle: &str, message: String| {
        Located::new(
            &snippet.source.origin,
            locate(&snippet.source.text, needle),
            message,
        )
    };
    if snippet.snippet.status == Some(Status::Draft) {
        out.push(Diagnostic::warning(at(
            "status:",
            "a draft: compose refuses it until an editor has checked its text and removed `status: draft`".to_owned(),
        )));
    }
    let Some(reviewed) = &snippet.snippet.reviewed else {
        out.push(Diagnostic::warning(at(
            "title:",
            "no `reviewed` date: add the day the text was last checked against the law (reviewed: 2026-11-23)".to_owned(),
        )));
        return;
    };
    let Some(date) = Date::parse(reviewed.trim()) else {
        out.push(Diagnostic::error(at(
            "reviewed:",
            format!("`reviewed` is '{reviewed}', not a date like 2026-11-23 (year-month-day)"),
        )));
        return;
    };
    let age = options.today.0 - date.0;
    if age > i64::from(options.max_age_days) {
        out.push(Diagnostic::warning(at(
            "reviewed:",
            format!(
                "reviewed {reviewed}, {age} days ago (more than {}): check the text against the law and update `reviewed`",
                options.max_age_days
            ),
        )));
    } else if age < 0 {
        out.push(Diagnostic::warning(at(
            "reviewed:",
            format!("`reviewed` {reviewed} is in the future; is the year right?"),
        )));
    }
}

fn count_errors(out: &[Diagnostic]) -> usize {
    out.iter().filter(|d| d.severity == Severity::Error).count()
}
