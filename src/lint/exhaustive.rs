//! Exhaustive rendering: every reply a snippet can produce, for every jurisdiction, through
//! the send-safety guard, reporting the first that fails as the answers that reproduce it.
//!
//! Done naively this is (answer combinations × jurisdictions) full renders per snippet. It is
//! made cheap by three facts of the pipeline, each exact:
//! - a reply passes the guard when each of its paragraphs does, and a paragraph never spans
//!   two blocks, so each block is checked on its own;
//! - a block's inclusion and text depend only on the questions its `when` and `text` name
//!   (and `state`), so only combinations of those are enumerated (templates cannot include
//!   one another: minijinja's `multi_template` feature is off);
//! - links are filled in after rendering, so a block that does not use `state` renders once
//!   per combination and only its paragraphs with links are re-checked per jurisdiction
//!   ([`paragraph`](super::paragraph)), and never twice for the same paragraph.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use crate::library::LoadedSnippet;
use crate::library::snippet::{Question, QuestionKind};
use crate::library::source_map::BlockSpan;
use crate::lint::diagnostic::{Diagnostic, Located};
use crate::reply::answers::{self, Answer, Answers};
use crate::reply::paragraphs::{Paragraph, Reply};
use crate::reply::render;

use super::blocks::{Linted, Uses};
use super::failure::Failure;
use super::shapes::{Failed, Problem, World, check_paragraph};

/// At most this many answer combinations per block. Twelve yes-no questions in one block is
/// far beyond any response the hotline keeps; past it the block is an error to split, since
/// checking it would cost more than the check is worth on every commit.
pub const MAX_COMBINATIONS: usize = 4096;

/// A safety net against templates that stay just under the fuel limit in every one of
/// thousands of renders: no snippet may hold `check` up for longer than this.
const TIME_BUDGET: Duration = Duration::from_secs(2);

/// What a text answer is rendered with. Its content never matters to the guard (answers are
/// not judged), but whether it is empty does (`when: signature`), so both are tried.
const SAMPLE_TEXT: &str = "Sam";

/// Renders every reply of `snippet`: the first that fails is an error; a block no answers
/// include (`when: topic == "housng"`) is a warning, since its text can never be sent.
pub fn check_replies(
    snippet: &LoadedSnippet,
    linted: &Linted,
    spans: &[BlockSpan],
    world: &World,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(failure) = first_failure(snippet, linted, spans, world, out) {
        out.push(Diagnostic::error(failure));
    }
}

fn first_failure(
    snippet: &LoadedSnippet,
    linted: &Linted,
    spans: &[BlockSpan],
    world: &World,
    out: &mut Vec<Diagnostic>,
) -> Option<Located> {
    let questions = &snippet.snippet.questions;
    let domains: Vec<Vec<Answer>> = questions.iter().map(domain).collect();
    let baseline: Answers = questions
        .iter()
        .zip(&domains)
        .map(|(q, d)| (q.id.clone(), default_or_first(q, d)))
        .collect();
    let needs_state = linted
        .blocks
        .iter()
        .any(|u| u.state || u.computed_link || u.links.iter().any(|l| world.links.needs_state(l)));
    let report = |failure: Failure| Some(failure.describe(snippet, spans, world, needs_state));

    let deadline = Instant::now() + TIME_BUDGET;
    let mut passed: HashSet<Paragraph> = HashSet::new();
    for (block, uses) in linted.blocks.iter().enumerate() {
        let combinations = uses
            .questions
            .iter()
            .try_fold(1usize, |n, &q| n.checked_mul(domains[q].len()));
        if combinations.is_none_or(|n| n > MAX_COMBINATIONS) {
            return Some(too_many(snippet, spans, block, uses, combinations));
        }
        let states: Vec<Option<usize>> = if uses.state {
            (0..world.jurisdictions.len()).map(Some).collect()
        } else {
            vec![None]
        };
        let mut odometer = vec![0usize; uses.questions.len()];
        let mut ever_included = false;
        loop {
            let mut answers = baseline.clone();
            for (&q, &i) in uses.questions.iter().zip(&odometer) {
                answers.insert(questions[q].id.clone(), domains[q][i].clone());
            }
            // Every state is tried before reporting, to say how many fail.
            let mut first = None;
            let mut failed = 0;
            for &state in &states {
                match render_and_check(snippet, linted, block, &answers, state, world, &mut passed)
                {
                    Ok(included) => ever_included |= included,
                    Err(failure) => {
                        failed += 1;
                        first.get_or_insert(failure);
                    }
                }
                if Instant::now() > deadline {
                    return Some(too_slow(snippet, spans, block));
                }
            }
            if let Some((problem, state, scope)) = first {
                let scope = if states.len() > 1 {
                    Some((failed, states.len()))
                } else {
                    scope
                };
                return report(Failure {
                    block,
                    answers,
                    state,
                    scope,
                    problem,
                });
            }
            if !advance(&mut odometer, &uses.questions, &domains) {
                break;
            }
        }
        if !ever_included {
            out.push(Diagnostic::warning(Located::new(
                &snippet.source.origin,
                block_location(snippet, spans, block),
                format!(
                    "block {} is never included: its `when` is false for every answer{}, so its text can never be sent",
                    block + 1,
                    if uses.state { " and state" } else { "" }
                ),
            )));
        }
    }
    None
}

/// Renders one block for one combination of answers (and state, when it uses one) and
/// checks its paragraphs; returns whether the block was included. `passed` remembers
/// paragraphs already checked for every state.
fn render_and_check(
    snippet: &LoadedSnippet,
    linted: &Linted,
    block: usize,
    answers: &Answers,
    state: Option<usize>,
    world: &World,
    passed: &mut HashSet<Paragraph>,
) -> Result<bool, Failed> {
    let name = state.map(|j| world.jurisdictions[j].name.as_str());
    let ctx = render::context(answers, name);
    let renderer = &linted.renderer;
    let rendered = renderer
        .included(snippet, block, &ctx)
        .and_then(|included| {
            included
                .then(|| renderer.render(snippet, block, &ctx))
                .transpose()
        })
        .map_err(|err| {
            let at = Located::from_error(&err, &snippet.source.origin);
            (Problem::Error(at), state, None)
        })?;
    let Some(rendered) = rendered else {
        return Ok(false);
    };
    for paragraph in Reply::parse([rendered.as_str()]).paragraphs {
        if state.is_none() && passed.contains(&paragraph) {
            continue;
        }
        if let Some(failed) = check_paragraph(&paragraph, state, world) {
            return Err(failed);
        }
        if state.is_none() {
            passed.insert(paragraph);
        }
    }
    Ok(true)
}

fn too_slow(snippet: &LoadedSnippet, spans: &[BlockSpan], block: usize) -> Located {
    Located::new(
        &snippet.source.origin,
        block_location(snippet, spans, block),
        format!(
            "block {}: gave up after {} s of rendering every combination; its templates are too slow to check (do they loop?)",
            block + 1,
            TIME_BUDGET.as_secs()
        ),
    )
}

fn block_location(
    snippet: &LoadedSnippet,
    spans: &[BlockSpan],
    block: usize,
) -> Option<(usize, usize)> {
    spans
        .get(block)
        .and_then(BlockSpan::start)
        .map(|o| crate::library::line_col(&snippet.source.text, o))
}

/// The values a question's answers are enumerated over.
fn domain(q: &Question) -> Vec<Answer> {
    match q.kind {
        QuestionKind::YesNo => vec![Answer::YesNo(true), Answer::YesNo(false)],
        QuestionKind::Choice => q.choices.iter().cloned().map(Answer::Choice).collect(),
        QuestionKind::Text => vec![
            Answer::Text(SAMPLE_TEXT.into()),
            Answer::Text(String::new()),
        ],
    }
}

/// The answer a question has while other questions are varied: its default, else its first.
fn default_or_first(q: &Question, domain: &[Answer]) -> Answer {
    q.default
        .as_ref()
        .and_then(|d| answers::validate(q, d).ok())
        .or_else(|| domain.first().cloned())
        .unwrap_or(Answer::Text(String::new()))
}

/// Next combination, rightmost question fastest; false after the last.
fn advance(odometer: &mut [usize], questions: &[usize], domains: &[Vec<Answer>]) -> bool {
    for (slot, &q) in odometer.iter_mut().zip(questions).rev() {
        *slot += 1;
        if *slot < domains[q].len() {
            return true;
        }
        *slot = 0;
    }
    false
}

fn too_many(
    snippet: &LoadedSnippet,
    spans: &[BlockSpan],
    block: usize,
    uses: &Uses,
    combinations: Option<usize>,
) -> Located {
    let names: Vec<&str> = uses
        .questions
        .iter()
        .map(|&q| snippet.snippet.questions[q].id.as_str())
        .collect();
    Located::new(
        &snippet.source.origin,
        block_location(snippet, spans, block),
        format!(
            "block {} depends on {} questions ({}): {} answer combinations, more than the {MAX_COMBINATIONS} check renders per block; split the block (or the snippet) so each part depends on fewer",
            block + 1,
            names.len(),
            names.join(", "),
            combinations.map_or_else(|| "too many".to_owned(), |n| n.to_string())
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_odometer_visits_every_combination_once() {
        let domains = vec![
            domain(&Question::sample(QuestionKind::YesNo, &[])),
            domain(&Question::sample(QuestionKind::Choice, &["a", "b", "c"])),
        ];
        let questions = [0, 1];
        let mut odometer = vec![0, 0];
        let mut seen = vec![odometer.clone()];
        while advance(&mut odometer, &questions, &domains) {
            seen.push(odometer.clone());
        }
        assert_eq!(seen.len(), 6);
        assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 6);
    }
}
