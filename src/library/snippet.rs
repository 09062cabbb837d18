//! The snippet format of DESIGN.md: what an editor writes in `<category>/<id>.yaml`.
//!
//! Unknown keys are errors everywhere, so a typo can never silently drop content.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::library::values::{Invalid, RawAnswer, Value, YES_NO_EXPECTED, one_line, parse_yes_no};

/// One approved response: `<category>/<id>.yaml` in a hotline-reply library. The file stem is
/// its id.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "hotline-reply snippet")]
pub struct Snippet {
    /// The title advocates know the response by.
    pub title: String,
    /// The category shown in `list`, e.g. `Prosecutor`.
    pub category: String,
    /// Words `list` finds the snippet by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// When the text was last checked against the law (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub reviewed: Option<String>,
    /// `draft` for a snippet `import` made: compose refuses it until an editor has reviewed
    /// the text and removed this line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// What the advocate is asked; only the questions a reply needs are asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    /// The text, in order; a block with a `when` is left out when it is false.
    #[schemars(length(min = 1))]
    pub blocks: Vec<Block>,
}

/// A question to the advocate.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The name templates and `when` expressions use; also the key in `--set` and `--answers`.
    #[schemars(pattern(r"^[a-z][a-z0-9_]*$"))]
    pub id: String,
    /// The question as the advocate sees it at the prompt.
    pub ask: String,
    /// yes-no, choice (with `choices`) or text.
    #[serde(rename = "type")]
    pub kind: QuestionKind,
    /// The options of a `choice` question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    /// Used with `--defaults`, and preselected at the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<RawAnswer>,
    /// For the advocate: shown at the prompt and in `show`, never in the reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// Where a snippet stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Imported and not yet reviewed: never sent.
    Draft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    YesNo,
    Choice,
    Text,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::YesNo => "yes-no",
            Self::Choice => "choice",
            Self::Text => "text",
        }
    }
}

/// A piece of the reply's text.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// A minijinja expression over the answers; the block is left out when it is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// For the advocate: shown in `show`, never in the reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A minijinja template; paragraphs are separated by a blank line.
    pub text: String,
}

impl Question {
    /// Checks `raw` against the question: the one check every answer goes through.
    pub fn check(&self, raw: &RawAnswer) -> Result<Value, Invalid> {
        let question = self;
        match question.kind {
            QuestionKind::YesNo => match raw {
                RawAnswer::Bool(b) => Ok(Value::YesNo(*b)),
                RawAnswer::Text(s) => parse_yes_no(s)
                    .map(Value::YesNo)
                    .ok_or_else(|| Invalid(YES_NO_EXPECTED.into())),
            },
            QuestionKind::Choice => {
                let given = match raw {
                    RawAnswer::Text(s) => s.trim(),
                    RawAnswer::Bool(_) => "",
                };
                question
                    .choices
                    .iter()
                    .find(|c| c.eq_ignore_ascii_case(given))
                    .map(|c| Value::Choice(c.clone()))
                    .ok_or_else(|| {
                        Invalid(format!("expected one of: {}", question.choices.join(", ")))
                    })
            }
            QuestionKind::Text => match raw {
                RawAnswer::Text(s) => Ok(Value::Text(one_line(s))),
                RawAnswer::Bool(_) => Err(Invalid("expected text, not yes/no".into())),
            },
        }
    }
}

impl Snippet {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// Names templates get from the program, which a question id may not shadow.
pub const RESERVED_NAMES: &[&str] = &["state", "link", "name"];

#[cfg(test)]
impl Question {
    /// A question `q` of `kind` for unit tests.
    pub(crate) fn sample(kind: QuestionKind, choices: &[&str]) -> Question {
        Question {
            id: "q".into(),
            ask: "Q?".into(),
            kind,
            choices: choices.iter().map(|c| c.to_string()).collect(),
            default: None,
            help: None,
        }
    }
}
