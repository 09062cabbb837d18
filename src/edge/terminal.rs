//! Asking the advocate on the terminal. The conversation in `commands::compose` sees only
//! the [`Prompter`] trait, so it is tested without a terminal; [`Terminal`] asks with
//! inquire, and a scripted prompter replays answers in tests.
//!
//! Every answer typed here goes through the same validation as every other source, and a
//! yes-no prompt parses with the program's one yes/no parser.

use anyhow::Result;
use inquire::InquireError;

use crate::clean::strip_unsafe_chars;
use crate::edge::stderr as term;
use crate::error::Cancelled;
use crate::library::jurisdictions::{Jurisdiction, Jurisdictions};
use crate::library::snippet::{Question, QuestionKind};
use crate::library::values::{RawAnswer, YES_NO_EXPECTED, parse_yes_no};
use crate::reply::{AnswerLine, STATE_ASK};

/// What the advocate sees before deciding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// Each answer the reply depends on, in the order of the snippets' questions, the state
    /// last.
    pub answers: Vec<AnswerLine>,
    /// The reply as it will be pasted.
    pub preview: String,
    /// What the advocate should know about it (a state without state pages).
    pub warnings: Vec<String>,
}

/// The advocate's decision at the review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Accept,
    /// Ask this question (an [`AnswerLine::id`]) again.
    Change(String),
    Cancel,
}

pub trait Prompter {
    /// Asks one question.
    fn ask(&mut self, question: &Question) -> Result<RawAnswer>;
    /// Asks for the survivor's state, one of `all`.
    fn state(&mut self, all: &Jurisdictions) -> Result<Jurisdiction>;
    /// Shows the answers and the reply, and asks whether to send it.
    fn review(&mut self, review: &Review) -> Result<Decision>;
}

/// Prompts on the terminal (stderr), with the question's `help` and default.
pub struct Terminal;

impl Prompter for Terminal {
    fn ask(&mut self, q: &Question) -> Result<RawAnswer> {
        let help = q.help.as_deref().map(strip_unsafe_chars);
        let ask = strip_unsafe_chars(&q.ask);
        let default = q.default.as_ref().map(ToString::to_string);
        match q.kind {
            QuestionKind::YesNo => {
                let parser = |answer: &str| parse_yes_no(answer).ok_or(());
                let mut prompt = inquire::Confirm::new(&ask)
                    .with_parser(&parser)
                    .with_error_message(YES_NO_EXPECTED);
                if let Some(help) = help.as_deref() {
                    prompt = prompt.with_help_message(help);
                }
                if let Some(d) = default.as_deref().and_then(parse_yes_no) {
                    prompt = prompt.with_default(d);
                }
                Ok(RawAnswer::Bool(prompt.prompt().map_err(cancelled)?))
            }
            QuestionKind::Choice => {
                let start = default
                    .and_then(|d| q.choices.iter().position(|c| c.eq_ignore_ascii_case(&d)))
                    .unwrap_or(0);
                let labels: Vec<String> = q.choices.iter().map(|c| strip_unsafe_chars(c)).collect();
                let mut prompt = inquire::Select::new(&ask, labels).with_starting_cursor(start);
                if let Some(help) = help.as_deref() {
                    prompt = prompt.with_help_message(help);
                }
                let picked = prompt.raw_prompt().map_err(cancelled)?;
                Ok(RawAnswer::Text(q.choices[picked.index].clone()))
            }
            QuestionKind::Text => {
                let mut prompt = inquire::Text::new(&ask);
                if let Some(help) = help.as_deref() {
                    prompt = prompt.with_help_message(help);
                }
                if let Some(d) = default.as_deref() {
                    prompt = prompt.with_default(d);
                }
                Ok(RawAnswer::Text(prompt.prompt().map_err(cancelled)?))
            }
        }
    }

    fn state(&mut self, all: &Jurisdictions) -> Result<Jurisdiction> {
        // From jurisdictions.yaml, which a library folder may bring: no control characters.
        let labels: Vec<String> = all
            .jurisdictions
            .iter()
            .map(|j| strip_unsafe_chars(&j.picker_label()))
            .collect();
        let list = &all.jurisdictions;
        // The picker matches what `--state` accepts, an exact code, name or alias first.
        let scorer = |input: &str, _: &String, _: &str, index: usize| -> Option<i64> {
            list.get(index)
                .and_then(|j: &Jurisdiction| Jurisdictions::score(j, input))
        };
        let picked = inquire::Select::new(STATE_ASK, labels)
            .with_help_message(
                "type a code or a name to filter, ↑↓ to move, enter to pick, esc to cancel",
            )
            .with_page_size(8)
            .with_scorer(&scorer)
            .raw_prompt()
            .map_err(cancelled)?;
        Ok(list[picked.index].clone())
    }

    fn review(&mut self, review: &Review) -> Result<Decision> {
        show_review(review);
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
fn show_review(review: &Review) {
    let mut out = String::from("\nAnswers:\n");
    for a in &review.answers {
        out.push_str(&format!("  {}  {}\n", a.ask, a.value));
    }
    let rule = "─".repeat(40);
    out.push_str(&format!("\nReply:\n{rule}\n{}{rule}\n", review.preview));
    term::text(&out);
    for warning in &review.warnings {
        term::warning(warning);
    }
}

fn cancelled(err: InquireError) -> anyhow::Error {
    match err {
        InquireError::OperationCanceled | InquireError::OperationInterrupted => Cancelled.into(),
        other => anyhow::Error::new(other).context("asking on the terminal"),
    }
}

/// Replays prepared answers in order, for tests. Asking past the script is an error, and so
/// is an answer of `Cancel`: it behaves like Esc at a real prompt.
#[cfg(test)]
pub mod scripted {
    use std::collections::VecDeque;

    use anyhow::{Result, bail};

    use super::{Decision, Prompter, Review};
    use crate::error::Cancelled;
    use crate::library::jurisdictions::{Jurisdiction, Jurisdictions};
    use crate::library::snippet::Question;
    use crate::library::values::RawAnswer;
    use crate::reply::answers::{self, Source};

    #[derive(Debug, Default)]
    pub struct Scripted {
        pub script: VecDeque<Step>,
        /// Every prompt shown, in order: question ids, `state`, `review`.
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
                ..Scripted::default()
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

        /// The state the script names, as `--state` reads it.
        fn state(&mut self, all: &Jurisdictions) -> Result<Jurisdiction> {
            match self.next("state")? {
                Step::State(s) => Ok(answers::state(all, &s, &Source::Prompt)?),
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
}
