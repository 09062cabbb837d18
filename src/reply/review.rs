//! Review before output: after the questions, the advocate sees a summary of the answers and
//! the reply, then accepts it, changes an answer, or cancels. Only interactive runs review; a
//! run without a terminal never stops here.
//!
//! Changing an answer composes again with every other answer kept, so only that question (and
//! any question the new answer brings in) is asked.

use anyhow::Result;

use crate::edge::terminal::Prompter;
use crate::error::Cancelled;
use crate::library::Library;
use crate::reply::answers::{Answer, RawAnswer};
use crate::reply::compose::{self, Composed, Given, Request};
use crate::reply::render::STATE;

/// What the advocate sees before deciding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// Each answer the reply was composed with, in the order of the snippets' questions,
    /// the state last.
    pub answers: Vec<AnswerLine>,
    /// The reply as it will be printed.
    pub preview: String,
    /// What the advocate should know about it (a state without state pages).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerLine {
    /// The question id, or `state`: what [`Decision::Change`] names.
    pub id: String,
    /// The question as asked.
    pub ask: String,
    pub value: String,
}

/// The advocate's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Accept,
    /// Ask this question (an [`AnswerLine::id`]) again.
    Change(String),
    Cancel,
}

pub const STATE_ASK: &str = "Which state is the writer in?";

/// Composes, then shows the review until the advocate accepts (the reply) or cancels
/// ([`Cancelled`]). `preview` turns a composed reply into the text the advocate will get.
pub fn compose_reviewed(
    library: &Library,
    request: &Request,
    prompter: &mut dyn Prompter,
    preview: &dyn Fn(&Composed) -> Result<String>,
) -> Result<Composed> {
    let mut request = request.clone();
    loop {
        let composed = compose::compose(library, &request, Some(&mut *prompter))?;
        let review = Review {
            answers: summary(library, &request.snippets, &composed)?,
            preview: preview(&composed)?,
            warnings: composed.warnings.clone(),
        };
        match prompter.review(&review)? {
            Decision::Accept => return Ok(composed),
            Decision::Cancel => return Err(Cancelled.into()),
            Decision::Change(id) => request = without(&request, &composed, &id),
        }
    }
}

/// The answers the reply was composed with, labelled with their questions.
fn summary(library: &Library, ids: &[String], composed: &Composed) -> Result<Vec<AnswerLine>> {
    let mut lines: Vec<AnswerLine> = Vec::new();
    for id in ids {
        for q in library.load_snippet(id)?.snippet.questions {
            let Some(answer) = composed.answers.get(&q.id) else {
                continue;
            };
            if lines.iter().any(|l| l.id == q.id) {
                continue;
            }
            lines.push(AnswerLine {
                value: answer.display(),
                id: q.id,
                ask: q.ask,
            });
        }
    }
    if let Some(j) = &composed.jurisdiction {
        lines.push(AnswerLine {
            id: STATE.to_owned(),
            ask: STATE_ASK.to_owned(),
            value: j.name.clone(),
        });
    }
    Ok(lines)
}

/// The request to compose again: every answer given, but the one to change.
fn without(request: &Request, composed: &Composed, change: &str) -> Request {
    let given = composed
        .answers
        .iter()
        .filter(|(id, _)| id.as_str() != change)
        .map(|(id, answer)| Given {
            id: id.clone(),
            value: match answer {
                Answer::YesNo(b) => RawAnswer::Bool(*b),
                Answer::Choice(s) | Answer::Text(s) => RawAnswer::Text(s.clone()),
            },
            from: "review".to_owned(),
        })
        .collect();
    Request {
        snippets: request.snippets.clone(),
        state: composed
            .jurisdiction
            .as_ref()
            .filter(|_| change != STATE)
            .map(|j| j.code.clone()),
        given,
        // The question to change must be asked, not defaulted again.
        defaults: false,
    }
}
