//! Answers to a snippet's questions, from every source through one validation.
//!
//! `--set`, `--answers`, `--defaults`, a snippet's `default` and the prompts all hand in a
//! [`RawAnswer`]; [`validate`] is the only way one becomes an [`Answer`].

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::clean::strip_unsafe_chars;
use crate::library::snippet::{Question, QuestionKind};

/// An answer as it arrived, before it is checked against its question.
#[derive(Debug, Clone, PartialEq)]
pub enum RawAnswer {
    Bool(bool),
    Number(String),
    Text(String),
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    YesNo(bool),
    Choice(String),
    /// Typed by the advocate: data, never template code, never judged by the guard.
    Text(String),
}

/// Checked answers by question id.
pub type Answers = BTreeMap<String, Answer>;

/// Why a raw answer does not fit its question. Never repeats the value: it may be a
/// survivor's detail typed into the wrong field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub String);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks `raw` against `question`.
pub fn validate(question: &Question, raw: &RawAnswer) -> Result<Answer, Invalid> {
    match question.kind {
        QuestionKind::YesNo => match raw {
            RawAnswer::Bool(b) => Ok(Answer::YesNo(*b)),
            RawAnswer::Text(s) => parse_yes_no(s).map(Answer::YesNo).ok_or_else(|| {
                Invalid("expected yes or no (yes/no/y/n/true/false, any case)".into())
            }),
            RawAnswer::Number(_) => Err(Invalid(
                "expected yes or no (yes/no/y/n/true/false, any case), not a number".into(),
            )),
        },
        QuestionKind::Choice => {
            let given = match raw {
                RawAnswer::Text(s) | RawAnswer::Number(s) => s.trim(),
                RawAnswer::Bool(_) => "",
            };
            question
                .choices
                .iter()
                .find(|c| c.eq_ignore_ascii_case(given))
                .map(|c| Answer::Choice(c.clone()))
                .ok_or_else(|| Invalid(format!("expected one of: {}", question.choices.join(", "))))
        }
        QuestionKind::Text => match raw {
            RawAnswer::Text(s) | RawAnswer::Number(s) => Ok(Answer::Text(clean_text(s))),
            RawAnswer::Bool(_) => Err(Invalid("expected text, not yes/no".into())),
        },
    }
}

/// yes/no/y/n/true/false in any case.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => Some(true),
        "no" | "n" | "false" => Some(false),
        _ => None,
    }
}

/// A typed answer becomes one line of plain text: no control or bidi characters, no line
/// breaks (a reply paragraph is one line), no surrounding spaces.
fn clean_text(s: &str) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    strip_unsafe_chars(&flat)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Answer {
    /// The answer as the advocate would type it, for summaries and `--defaults`.
    pub fn display(&self) -> String {
        match self {
            Self::YesNo(true) => "yes".into(),
            Self::YesNo(false) => "no".into(),
            Self::Choice(s) | Self::Text(s) => s.clone(),
        }
    }
}

impl fmt::Display for RawAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bool(true) => f.write_str("yes"),
            Self::Bool(false) => f.write_str("no"),
            Self::Number(s) | Self::Text(s) => f.write_str(s),
        }
    }
}

impl Serialize for RawAnswer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Bool(b) => s.serialize_bool(*b),
            Self::Number(n) | Self::Text(n) => s.serialize_str(n),
        }
    }
}

/// Written by hand because the serde impls are: what YAML gives for a default or an answers
/// file value, before it is checked against its question.
impl JsonSchema for RawAnswer {
    fn schema_name() -> Cow<'static, str> {
        "Answer".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "yes/no (true/false), a number, or text",
            "type": ["boolean", "number", "string"]
        })
    }
}

impl<'de> Deserialize<'de> for RawAnswer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl Visitor<'_> for RawVisitor {
            type Value = RawAnswer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an answer: yes/no, a number or text")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Text(v))
            }
        }
        d.deserialize_any(RawVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_no_takes_every_documented_spelling() {
        let q = Question::sample(QuestionKind::YesNo, &[]);
        for (input, want) in [
            ("yes", true),
            ("Y", true),
            ("TRUE", true),
            (" no ", false),
            ("n", false),
            ("False", false),
        ] {
            assert_eq!(
                validate(&q, &RawAnswer::Text(input.into())),
                Ok(Answer::YesNo(want)),
                "{input}"
            );
        }
        assert_eq!(
            validate(&q, &RawAnswer::Bool(true)),
            Ok(Answer::YesNo(true))
        );
        assert!(validate(&q, &RawAnswer::Text("maybe".into())).is_err());
        assert!(validate(&q, &RawAnswer::Number("1".into())).is_err());
    }

    #[test]
    fn an_invalid_answer_is_not_repeated_in_the_error() {
        let q = Question::sample(QuestionKind::YesNo, &[]);
        let err = validate(&q, &RawAnswer::Text("Jane Example".into())).unwrap_err();
        assert!(!err.0.contains("Jane"), "{err}");
    }

    #[test]
    fn choice_matches_case_insensitively_and_lists_the_options() {
        let q = Question::sample(QuestionKind::Choice, &["police", "prosecutor"]);
        assert_eq!(
            validate(&q, &RawAnswer::Text("Police".into())),
            Ok(Answer::Choice("police".into()))
        );
        let err = validate(&q, &RawAnswer::Text("judge".into())).unwrap_err();
        assert_eq!(err.0, "expected one of: police, prosecutor");
    }

    #[test]
    fn text_is_one_clean_line() {
        let q = Question::sample(QuestionKind::Text, &[]);
        let got = validate(
            &q,
            &RawAnswer::Text(" Sam\n\u{202e}Doe\u{7}  {{ 7*7 }} ".into()),
        );
        assert_eq!(got, Ok(Answer::Text("Sam Doe {{ 7*7 }}".into())));
    }
}
