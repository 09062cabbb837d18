//! The snippet format of DESIGN.md: what an editor writes in `<category>/<id>.yaml`.
//!
//! Unknown keys are errors everywhere, so a typo can never silently drop content.

use serde::{Deserialize, Serialize};

use crate::answers::RawAnswer;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Snippet {
    /// The title advocates know the response by.
    pub title: String,
    /// The category shown in `list`, e.g. `Prosecutor`.
    pub category: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// When the text was last checked against the law (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The name templates and `when` expressions use; also the key in `--set` and `--answers`.
    pub id: String,
    /// The question as the advocate sees it at the prompt.
    pub ask: String,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
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

#[derive(Debug, Clone, Deserialize, Serialize)]
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

impl Snippet {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}
