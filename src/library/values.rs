//! Answer values as every source writes them — a snippet's `default`, `--set`, an answers
//! file, a prompt — and the one check that fits a value to its question. The yes/no parser
//! lives here, once, for all of them.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::clean;

/// An answer as it arrived, before it is checked against its question.
#[derive(Debug, Clone, PartialEq)]
pub enum RawAnswer {
    Bool(bool),
    Number(String),
    Text(String),
}

/// A value that fits its question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    YesNo(bool),
    /// One of the question's `choices`, as the library spells it.
    Choice(String),
    /// Text, on one clean line.
    Text(String),
}

/// Why a raw answer does not fit its question. Never repeats the value: it may be a
/// survivor's detail typed into the wrong field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub String);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a yes-no question takes, for every message that says so.
pub const YES_NO_EXPECTED: &str = "expected yes or no (yes/no/y/n/true/false, any case)";

/// yes/no/y/n/true/false in any case, surrounding spaces ignored: the only yes/no parser.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => Some(true),
        "no" | "n" | "false" => Some(false),
        _ => None,
    }
}

/// Text becomes one line of plain text: no control or bidi characters, no line breaks (a
/// reply paragraph is one line), no surrounding or doubled spaces.
pub fn one_line(s: &str) -> String {
    clean::strip_unsafe_chars(s)
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Value {
    /// The value as the advocate would type it, for summaries and reproducing flags.
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

/// What the parser says of a value that is not an answer. Each says what it saw in
/// general terms only: the value itself may be a survivor's detail.
pub const NOT_AN_ANSWER_LIST: &str = "a list is not an answer; give yes, no, a choice or text";
pub const NOT_AN_ANSWER_MAP: &str =
    "a mapping is not an answer; give yes, no, a choice or text (indent nothing under a question)";
pub const NOT_AN_ANSWER_TAG: &str = "a YAML tag (`!…`) is not part of an answer; remove it";
pub const NOT_AN_ANSWER_EMPTY: &str = "the answer is missing after the `:`";

impl<'de> Deserialize<'de> for RawAnswer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl<'de> Visitor<'de> for RawVisitor {
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
            fn visit_unit<E: de::Error>(self) -> Result<RawAnswer, E> {
                Err(E::custom(NOT_AN_ANSWER_EMPTY))
            }
            fn visit_none<E: de::Error>(self) -> Result<RawAnswer, E> {
                Err(E::custom(NOT_AN_ANSWER_EMPTY))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<RawAnswer, A::Error> {
                Err(de::Error::custom(NOT_AN_ANSWER_LIST))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<RawAnswer, A::Error> {
                Err(de::Error::custom(NOT_AN_ANSWER_MAP))
            }
            fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<RawAnswer, A::Error> {
                Err(de::Error::custom(NOT_AN_ANSWER_TAG))
            }
        }
        d.deserialize_any(RawVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::snippet::{Question, QuestionKind};

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
                q.check(&RawAnswer::Text(input.into())),
                Ok(Value::YesNo(want)),
                "{input}"
            );
        }
        assert_eq!(q.check(&RawAnswer::Bool(true)), Ok(Value::YesNo(true)));
        assert!(q.check(&RawAnswer::Text("maybe".into())).is_err());
        assert!(q.check(&RawAnswer::Number("1".into())).is_err());
    }

    #[test]
    fn an_invalid_answer_is_not_repeated_in_the_error() {
        let q = Question::sample(QuestionKind::YesNo, &[]);
        let err = q
            .check(&RawAnswer::Text("Jane Example".into()))
            .unwrap_err();
        assert!(!err.0.contains("Jane"), "{err}");
    }

    #[test]
    fn choice_matches_case_insensitively_and_lists_the_options() {
        let q = Question::sample(QuestionKind::Choice, &["police", "prosecutor"]);
        assert_eq!(
            q.check(&RawAnswer::Text("Police".into())),
            Ok(Value::Choice("police".into()))
        );
        let err = q.check(&RawAnswer::Text("judge".into())).unwrap_err();
        assert_eq!(err.0, "expected one of: police, prosecutor");
    }

    #[test]
    fn text_is_one_clean_line() {
        let q = Question::sample(QuestionKind::Text, &[]);
        let got = q.check(&RawAnswer::Text(
            " Sam\n\u{202e}Doe\u{7}  {{ 7*7 }} ".into(),
        ));
        assert_eq!(got, Ok(Value::Text("Sam Doe {{ 7*7 }}".into())));
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::*;
        use crate::library::snippet::{Question, QuestionKind};

        fn is_bidi(c: char) -> bool {
            matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
        }

        proptest! {
            #[test]
            fn yes_no_accepts_exactly_the_documented_words(s in "\\PC{0,12}|(?i)[ ]?(yes|no|y|n|true|false)[ ]?") {
                let got = Question::sample(QuestionKind::YesNo, &[]).check(&RawAnswer::Text(s.clone()));
                match s.trim().to_ascii_lowercase().as_str() {
                    "yes" | "y" | "true" => prop_assert_eq!(got, Ok(Value::YesNo(true))),
                    "no" | "n" | "false" => prop_assert_eq!(got, Ok(Value::YesNo(false))),
                    // The same sentence whatever was typed: it never echoes the answer.
                    _ => prop_assert_eq!(got, Err(Invalid(YES_NO_EXPECTED.into()))),
                }
            }

            #[test]
            fn a_text_answer_is_one_clean_line_keeping_every_visible_character(s in "\\PC{0,40}|[\\x00-\\x1f\\u{202a}-\\u{202e}a-z \\n]{0,40}") {
                let Ok(Value::Text(t)) = Question::sample(QuestionKind::Text, &[]).check(&RawAnswer::Text(s.clone())) else {
                    return Err(TestCaseError::fail("text answers always validate"));
                };
                prop_assert!(!t.chars().any(|c| c.is_control() || is_bidi(c)), "unsafe character kept in {:?}", t);
                prop_assert!(!t.starts_with(' ') && !t.ends_with(' ') && !t.contains("  "), "untidy spaces in {:?}", t);
                let visible = |x: &str| x.chars().filter(|&c| !c.is_whitespace() && !c.is_control() && !is_bidi(c)).collect::<String>();
                prop_assert_eq!(visible(&t), visible(&s));
            }
        }
    }
}
