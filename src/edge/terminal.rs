//! Asking the advocate. The core only sees the [`Prompter`] trait, so it is tested without a
//! terminal; [`Terminal`] asks with inquire, [`Scripted`] replays answers in tests.

use std::collections::VecDeque;
use std::io::{self, Write};

use anyhow::{Context, Result, bail};
use inquire::InquireError;

use crate::clean::strip_unsafe_chars;
use crate::error::Cancelled;
use crate::library::jurisdictions::Jurisdiction;
use crate::library::snippet::{Question, QuestionKind};
use crate::reply::answers::RawAnswer;
use crate::reply::review::{Decision, Review};

pub trait Prompter {
    /// Asks one question; the answer goes through the same validation as every other source.
    fn ask(&mut self, question: &Question) -> Result<RawAnswer>;
    /// Asks for the survivor's state; returns what identifies it (its postal code).
    fn state(&mut self, all: &[Jurisdiction]) -> Result<String>;
    /// Shows the answers and the reply, and asks whether to send it.
    fn review(&mut self, review: &Review) -> Result<Decision>;
}

/// Prompts on the terminal (stderr), with the question's `help` and default.
pub struct Terminal;

impl Prompter for Terminal {
    fn ask(&mut self, q: &Question) -> Result<RawAnswer> {
        let help = q.help.as_deref();
        let default = q.default.as_ref().map(ToString::to_string);
        match q.kind {
            QuestionKind::YesNo => {
                let mut prompt = inquire::Confirm::new(&q.ask);
                if let Some(help) = help {
                    prompt = prompt.with_help_message(help);
                }
                if let Some(d) = default
                    .as_deref()
                    .and_then(crate::reply::answers::parse_yes_no)
                {
                    prompt = prompt.with_default(d);
                }
                Ok(RawAnswer::Bool(prompt.prompt().map_err(cancelled)?))
            }
            QuestionKind::Choice => {
                let start = default
                    .and_then(|d| q.choices.iter().position(|c| c.eq_ignore_ascii_case(&d)))
                    .unwrap_or(0);
                let mut prompt =
                    inquire::Select::new(&q.ask, q.choices.clone()).with_starting_cursor(start);
                if let Some(help) = help {
                    prompt = prompt.with_help_message(help);
                }
                Ok(RawAnswer::Text(prompt.prompt().map_err(cancelled)?))
            }
            QuestionKind::Text => {
                let mut prompt = inquire::Text::new(&q.ask);
                if let Some(help) = help {
                    prompt = prompt.with_help_message(help);
                }
                if let Some(d) = default.as_deref() {
                    prompt = prompt.with_default(d);
                }
                Ok(RawAnswer::Text(prompt.prompt().map_err(cancelled)?))
            }
        }
    }

    fn state(&mut self, all: &[Jurisdiction]) -> Result<String> {
        // From jurisdictions.yaml, which a library folder may bring: no control characters.
        let labels: Vec<String> = all.iter().map(|j| strip_unsafe_chars(&j.label())).collect();
        let picked = inquire::Select::new(crate::reply::review::STATE_ASK, labels)
            .with_help_message("type to filter, ↑↓ to move, enter to pick, esc to cancel")
            .with_page_size(8)
            .raw_prompt()
            .map_err(cancelled)?;
        Ok(all[picked.index].code.clone())
    }

    fn review(&mut self, review: &Review) -> Result<Decision> {
        show_review(review).context("writing the review to the terminal")?;
        const ACCEPT: &str = "Accept";
        const CHANGE: &str = "Change an answer";
        const CANCEL: &str = "Cancel";
        loop {
            let mut options = vec![ACCEPT, CHANGE, CANCEL];
            if review.answers.is_empty() {
                options.retain(|o| *o != CHANGE);
            }
            let picked = inquire::Select::new("Send this reply?", options)
                .with_help_message("enter to pick, esc to cancel")
                .prompt()
                .map_err(cancelled)?;
            match picked {
                ACCEPT => return Ok(Decision::Accept),
                CANCEL => return Ok(Decision::Cancel),
                _ => {}
            }
            let labels: Vec<String> = review
                .answers
                .iter()
                .map(|a| strip_unsafe_chars(&format!("{} ({})", a.ask, a.value)))
                .collect();
            match inquire::Select::new("Which answer?", labels)
                .with_help_message("enter to pick, esc to go back")
                .raw_prompt()
            {
                Ok(picked) => return Ok(Decision::Change(review.answers[picked.index].id.clone())),
                Err(InquireError::OperationCanceled) => continue,
                Err(other) => return Err(cancelled(other)),
            }
        }
    }
}

/// The summary and the preview, on stderr (the terminal), never on stdout.
fn show_review(review: &Review) -> io::Result<()> {
    let mut err = io::stderr().lock();
    writeln!(err, "\nAnswers:")?;
    for a in &review.answers {
        writeln!(
            err,
            "  {}  {}",
            strip_unsafe_chars(&a.ask),
            strip_unsafe_chars(&a.value)
        )?;
    }
    let rule = "─".repeat(40);
    writeln!(err, "\nReply:\n{rule}")?;
    write!(err, "{}", strip_unsafe_chars(&review.preview))?;
    writeln!(err, "{rule}")?;
    drop(err);
    for warning in &review.warnings {
        crate::edge::stderr::warning(warning);
    }
    Ok(())
}

fn cancelled(err: InquireError) -> anyhow::Error {
    match err {
        InquireError::OperationCanceled | InquireError::OperationInterrupted => Cancelled.into(),
        other => anyhow::Error::new(other).context("asking on the terminal"),
    }
}

/// Replays prepared answers in order, for tests. Asking past the script is an error, and so
/// is an answer of `Cancel`: it behaves like Esc at a real prompt.
#[derive(Debug, Default)]
pub struct Scripted {
    pub script: VecDeque<Step>,
    /// Every prompt shown, in order: question ids, `state` for the state, `review` for the
    /// review.
    pub asked: Vec<String>,
    /// Every review shown, in order.
    pub reviews: Vec<Review>,
}

/// One scripted response.
#[derive(Debug, Clone)]
pub enum Step {
    Answer(RawAnswer),
    State(String),
    /// At the review: send the reply.
    Accept,
    /// At the review: ask this question (or `state`) again.
    Change(String),
    /// Esc at any prompt; at the review, the advocate's "Cancel".
    Cancel,
}

impl Scripted {
    pub fn new(script: impl IntoIterator<Item = Step>) -> Self {
        Scripted {
            script: script.into_iter().collect(),
            asked: Vec::new(),
            reviews: Vec::new(),
        }
    }

    fn next(&mut self, what: &str) -> Result<Step> {
        self.asked.push(what.to_owned());
        match self.script.pop_front() {
            Some(Step::Cancel) => Err(Cancelled.into()),
            Some(next) => Ok(next),
            None => bail!("the script has no answer for '{what}'"),
        }
    }
}

impl Prompter for Scripted {
    fn ask(&mut self, question: &Question) -> Result<RawAnswer> {
        match self.next(&question.id)? {
            Step::Answer(raw) => Ok(raw),
            other => bail!("'{}' was asked but the script gives {other:?}", question.id),
        }
    }

    fn state(&mut self, _all: &[Jurisdiction]) -> Result<String> {
        match self.next("state")? {
            Step::State(s) => Ok(s),
            other => bail!("the state was asked but the script gives {other:?}"),
        }
    }

    fn review(&mut self, review: &Review) -> Result<Decision> {
        self.reviews.push(review.clone());
        match self.next("review")? {
            Step::Accept => Ok(Decision::Accept),
            Step::Change(id) => Ok(Decision::Change(id)),
            other => bail!("the review was shown but the script gives {other:?}"),
        }
    }
}
