//! Lints one snippet without rendering it: template syntax in every block, names a `when` or
//! a text uses that are neither questions nor built-ins, `link(...)` names the registry does
//! not have, questions nothing uses, and how old its `reviewed` date is.

use std::collections::BTreeSet;

use crate::library::links::LinkRegistry;
use crate::library::source_map::{BlockSpan, locate_in_block};
use crate::library::{LoadedSnippet, locate};
use crate::lint::diagnostic::{Diagnostic, Located};
use crate::reply::render::{self, Renderer, STATE};
use crate::suggest;

use super::Options;
use crate::library::date::Date;

/// A snippet whose templates all compiled and whose names are all known: ready to render.
pub struct Linted {
    pub renderer: Renderer,
    pub blocks: Vec<Uses>,
}

/// What one block's `when` and `text` depend on.
#[derive(Debug, Clone, Default)]
pub struct Uses {
    /// Indices into the snippet's questions, in declaration order.
    pub questions: Vec<usize>,
    pub state: bool,
    /// Link names called with a literal, and whether a name is computed.
    pub links: Vec<String>,
    pub computed_link: bool,
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
    let link_names = registry
        .map(|r| r.entries.keys().cloned().collect())
        .unwrap_or_default();
    let mut renderer = Renderer::new(link_names);
    let mut compiled = Vec::new();
    for block in 0..snippet.snippet.blocks.len() {
        match renderer.add_block(snippet, block) {
            Ok(()) => compiled.push(block),
            Err(err) => out.push(Diagnostic::error(Located::from_error(&err, origin))),
        }
    }

    let questions = &snippet.snippet.questions;
    let mut uses = vec![Uses::default(); snippet.snippet.blocks.len()];
    for &block in &compiled {
        let mut names = BTreeSet::new();
        names.extend(renderer.when_names(snippet, block).unwrap_or_default());
        names.extend(renderer.text_names(snippet, block).unwrap_or_default());
        let u = &mut uses[block];
        for name in &names {
            if let Some(i) = questions.iter().position(|q| &q.id == name) {
                u.questions.push(i);
            } else if name == STATE {
                u.state = true;
            } else if !renderer.is_global(name) {
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
        let text = &snippet.snippet.blocks[block].text;
        u.questions.sort_unstable();
        (u.links, u.computed_link) = render::literal_links(text);
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
            if !uses.iter().any(|u| u.questions.contains(&i)) {
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
    lint_reviewed(snippet, options, out);

    (count_errors(out) == errors_before).then_some(Linted {
        renderer,
        blocks: uses,
    })
}

fn lint_reviewed(snippet: &LoadedSnippet, options: &Options, out: &mut Vec<Diagnostic>) {
    let Some(reviewed) = &snippet.snippet.reviewed else {
        return;
    };
    let at = |message: String| {
        Located::new(
            &snippet.source.origin,
            locate(&snippet.source.text, "reviewed:"),
            message,
        )
    };
    let Some(date) = Date::parse(reviewed.trim()) else {
        out.push(Diagnostic::error(at(format!(
            "`reviewed` is '{reviewed}', not a date like 2026-11-23 (year-month-day)"
        ))));
        return;
    };
    let age = options.today.0 - date.0;
    if age > i64::from(options.max_age_days) {
        out.push(Diagnostic::warning(at(format!(
            "reviewed {reviewed}, {age} days ago (more than {}): check the text against the law and update `reviewed`",
            options.max_age_days
        ))));
    } else if age < 0 {
        out.push(Diagnostic::warning(at(format!(
            "`reviewed` {reviewed} is in the future; is the year right?"
        ))));
    }
}

fn count_errors(out: &[Diagnostic]) -> usize {
    out.iter()
        .filter(|d| d.severity == crate::lint::diagnostic::Severity::Error)
        .count()
}
