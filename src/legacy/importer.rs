//! The importer at work: one legacy text being turned into questions and blocks, with
//! every decision noted for the report. Its parts are in the modules beside it (the header
//! and paragraphs here, what is inside a paragraph in `inline`); `import` drives it.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};

use thiserror::Error;

use crate::library;
use crate::library::registry::LinkRegistry;
use crate::library::snippet::{Block, Question, QuestionKind};
use crate::library::values::RawAnswer;

use super::directive::{self, Condition, Directive};
use super::layout::{
    self, Governed, Head, Para, collapse, is_label, is_sort_marked, literal, paragraph_head,
};
use super::report::{At, Item, Report};
use super::slots::Namer;

/// The header (banner, `Hotline`, category, title) is found among the first paragraphs.
const HEADER_PARAGRAPHS: usize = 8;
/// The hotline-section line of the header.
const SECTION: &str = "Hotline";
const UNCATEGORIZED: &str = "Uncategorized";
/// The text question `NAME` becomes: `name` itself is reserved for the program.
pub const WRITER_NAME: &str = "writer_name";
/// Names a question id may not take: the program's, and words of minijinja expressions.
pub(super) const TAKEN_NAMES: &[&str] = &[
    "true", "false", "none", "and", "or", "not", "in", "is", "if", "else", "self", "loop",
];

/// A legacy text that cannot become a draft at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error(
        "no title found; a legacy text starts with its header: the banner, `Hotline`, the category, and the title with its sort marks (e.g. `..V wants to drop criminal RO and/or criminal charges*`)"
    )]
    NoTitle,
    #[error("line {0}: the title is not followed by any reply text")]
    NoBody(usize),
}

pub(super) struct Header {
    pub(super) title: String,
    pub(super) category: String,
    pub(super) title_at: usize,
}

pub(super) struct Importer<'t> {
    pub(super) text: &'t str,
    /// The last position computed, so positions are counted onward rather than from the
    /// start each time (a large text with many items must not take quadratic time).
    pub(super) position: Cell<(usize, At)>,
    pub(super) namer: Namer,
    pub(super) questions: Vec<Question>,
    /// Ids of `questions`.
    pub(super) ids: BTreeSet<String>,
    /// Condition (as written) → question id and the condition as a statement, so one
    /// condition asked in several places is one question.
    pub(super) conditions: BTreeMap<String, (String, String)>,
    /// How deep inside conditional pieces the text being converted is.
    pub(super) nesting: usize,
    pub(super) report: Report,
}

impl<'t> Importer<'t> {
    pub(super) fn new(text: &'t str, links: &LinkRegistry) -> Importer<'t> {
        Importer {
            text,
            position: Cell::new((0, At { line: 1, column: 1 })),
            namer: Namer::new(links),
            questions: Vec::new(),
            ids: BTreeSet::new(),
            conditions: BTreeMap::new(),
            nesting: 0,
            report: Report::default(),
        }
    }

    /// Line and column of a byte offset (always a char boundary: offsets come from slices).
    pub(super) fn at(&self, offset: usize) -> At {
        let offset = offset.min(self.text.len());
        let (from, mut at) = match self.position.get() {
            (last, at) if last <= offset => (last, at),
            _ => (0, At { line: 1, column: 1 }),
        };
        for c in self.text[from..offset].chars() {
            if c == '\n' {
                at.line += 1;
                at.column = 1;
            } else {
                at.column += 1;
            }
        }
        self.position.set((offset, at));
        at
    }

    pub(super) fn note(list: &mut Vec<Item>, at: At, found: &str, outcome: impl Into<String>) {
        list.push(Item {
            at,
            found: collapse(found),
            outcome: outcome.into(),
        });
    }

    /// Title and category from the header lines, every header line reported.
    pub(super) fn header(&mut self, paras: &[Para]) -> Result<Header, ImportError> {
        let top = &paras[..paras.len().min(HEADER_PARAGRAPHS)];
        let title_at = match top.iter().position(|p| is_sort_marked(p.text)) {
            Some(t) => t,
            // Without sort marks: `Hotline`, then the category, then the title.
            None => top
                .iter()
                .position(|p| p.text.trim().eq_ignore_ascii_case(SECTION))
                .map(|h| h + 2)
                .filter(|&t| t < paras.len() && is_label(paras[t].text))
                .ok_or(ImportError::NoTitle)?,
        };
        let raw_title = paras[title_at].text;
        let title = collapse(
            raw_title
                .trim()
                .trim_start_matches('.')
                .trim_end_matches('*'),
        );
        if title.is_empty() {
            return Err(ImportError::NoTitle);
        }
        let mut items = Vec::new();
        let mut category = None;
        for p in paras[..title_at].iter().rev() {
            let at = self.at(p.start);
            let line = p.text.trim();
            let outcome = if line.eq_ignore_ascii_case(SECTION) {
                "the hotline section; left out of the snippet".to_owned()
            } else if category.is_none() && is_label(line) {
                category = Some(collapse(line));
                format!("category: {line}")
            } else {
                "banner; left out of the snippet".to_owned()
            };
            items.push((at, line, outcome));
        }
        items.reverse();
        for (at, line, outcome) in items {
            Self::note(&mut self.report.header, at, line, outcome);
        }
        let title_pos = self.at(paras[title_at].start);
        let marks = if title == collapse(raw_title) {
            ""
        } else {
            " (sort marks removed)"
        };
        Self::note(
            &mut self.report.header,
            title_pos,
            raw_title,
            format!("title: {title}{marks}"),
        );
        let category = category.unwrap_or_else(|| {
            Self::note(
                &mut self.report.review,
                title_pos,
                raw_title,
                format!("no category line above the title; the draft says `{UNCATEGORIZED}`: set `category`"),
            );
            UNCATEGORIZED.to_owned()
        });
        Ok(Header {
            title,
            category,
            title_at,
        })
    }

    /// One block per paragraph; a directive paragraph becomes a block with `when`.
    pub(super) fn body(&mut self, paras: &[Para]) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut k = 0;
        while k < paras.len() {
            let p = paras[k];
            match paragraph_head(p.text) {
                Some(head) => k = self.conditional(paras, k, head, &mut blocks),
                None => {
                    blocks.push(Block {
                        when: None,
                        note: None,
                        text: self.convert(p.text, p.start),
                    });
                    k += 1;
                }
            }
        }
        blocks
    }

    /// The block a paragraph directive governs; returns the index of the next paragraph.
    pub(super) fn conditional(
        &mut self,
        paras: &[Para],
        k: usize,
        head: Head,
        blocks: &mut Vec<Block>,
    ) -> usize {
        let p = paras[k];
        let at = self.at(p.start);
        let Governed {
            parts,
            trailing,
            next,
            unclosed,
        } = layout::governed(paras, k, &head);
        if unclosed {
            Self::note(
                &mut self.report.review,
                at,
                &p.text[..head.content],
                "no closing ] found for these paragraphs; only the first is conditional: check where the condition should end",
            );
        }
        let parts: Vec<(&str, usize)> = parts
            .into_iter()
            .map(|(t, off)| (t.trim(), off + (t.len() - t.trim_start().len())))
            .filter(|(t, _)| !t.is_empty())
            .collect();
        if parts.is_empty() {
            Self::note(
                &mut self.report.unclassified,
                at,
                p.text,
                "a paragraph directive with no text after it; kept as written",
            );
            blocks.push(Block {
                when: None,
                note: None,
                text: literal(p.text),
            });
            return next;
        }
        let governed = parts[0].0;
        let written = p.text[..head.content].trim_end();
        let (when, statement) = self.condition(&head.directive, written, governed, at);
        let texts: Vec<String> = parts.iter().map(|&(t, off)| self.convert(t, off)).collect();
        let note = if head.directive.keep_when {
            format!("Only when {statement}.")
        } else {
            format!("Left out when {statement}.")
        };
        blocks.push(Block {
            when: Some(when),
            note: Some(note),
            text: texts.join("\n\n"),
        });
        if let Some((rest, off)) = trailing.filter(|(t, _)| !t.trim().is_empty()) {
            let lead = rest.len() - rest.trim_start().len();
            let pos = self.at(off + lead);
            Self::note(
                &mut self.report.review,
                pos,
                rest,
                "text after the closing ] of a conditional paragraph; put in a paragraph of its own, always included",
            );
            blocks.push(Block {
                when: None,
                note: None,
                text: self.convert(rest.trim(), off + lead),
            });
        }
        next
    }

    /// The question a directive (`written` as in the legacy text, at `at`) asks, made once per
    /// condition, and the `when` expression. Returns the expression and the condition as a
    /// statement, for the block's note.
    pub(super) fn condition(
        &mut self,
        d: &Directive,
        written: &str,
        governed: &str,
        at: At,
    ) -> (String, String) {
        let (key, wording) = match &d.condition {
            Condition::Stated(c) => (c.clone(), directive::wording(c)),
            Condition::TextIsTrue => (
                format!("true: {}", collapse(governed)),
                directive::wording_for_text(governed),
            ),
        };
        let (id, statement) = match self.conditions.get(&key) {
            Some((id, statement)) => {
                Self::note(
                    &mut self.report.questions,
                    at,
                    written,
                    format!("the same condition as before: question '{id}'"),
                );
                (id.clone(), statement.clone())
            }
            None => {
                let id = self.unique_id(&wording.id);
                Self::note(
                    &mut self.report.questions,
                    at,
                    written,
                    format!("question '{id}' (yes-no, default no): {}", wording.ask),
                );
                self.ids.insert(id.clone());
                self.questions.push(Question {
                    id: id.clone(),
                    ask: wording.ask,
                    kind: QuestionKind::YesNo,
                    choices: Vec::new(),
                    default: Some(RawAnswer::Bool(false)),
                    help: Some(format!("The legacy directive: {}", d.words)),
                });
                self.conditions
                    .insert(key, (id.clone(), wording.statement.clone()));
                (id, wording.statement)
            }
        };
        let when = if d.keep_when { id } else { format!("not {id}") };
        (when, statement)
    }

    /// `wanted`, or `wanted_2`, ... : a name no other question, the program or minijinja has.
    pub(super) fn unique_id(&self, wanted: &str) -> String {
        let taken = |id: &str| {
            library::RESERVED_NAMES.contains(&id)
                || TAKEN_NAMES.contains(&id)
                || self.ids.contains(id)
        };
        let base = if TAKEN_NAMES.contains(&wanted) || library::RESERVED_NAMES.contains(&wanted) {
            format!("q_{wanted}")
        } else {
            wanted.to_owned()
        };
        let mut id = base.clone();
        let mut n = 2;
        while taken(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        id
    }
}
