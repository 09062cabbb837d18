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
    /// Yes or no as a prompt or the importer gives it.
    Bool(bool),
    /// Text as typed. From a file, every scalar is its text as written: `0x1F`, `1.50` and
    /// `true` stay what they read as, and a yes-no question reads `true` as yes.
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
            Self::Text(s) => f.write_str(s),
        }
    }
}

impl Serialize for RawAnswer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Bool(b) => s.serialize_bool(*b),
            Self::Text(t) => s.serialize_str(t),
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

/// How the parser's message about a list or a mapping given as an answer ends ("invalid
/// type: sequence, expected an answer …"). Nothing of the value is repeated.
pub const NOT_AN_ANSWER: &str =
    "expected an answer (yes, no, a choice or text), not a list or a mapping";
/// What the parser says of a key with nothing after it. Never repeats the value: it may be
/// a survivor's detail.
pub const NOT_AN_ANSWER_EMPTY: &str = "the answer is missing after the `:`";

/// A YAML null (nothing after the `:`, `~`, `null`) is no answer; any other scalar is taken
/// as the text it is written as. serde_yaml would read `0x1F` as 31 and `1.50` as 1.5, so
/// the scalar is asked for as a string, which gives its source text. A list or a mapping is
/// refused by the parser, at its place.
impl<'de> Deserialize<'de> for RawAnswer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Missing;
        impl<'de> Visitor<'de> for Missing {
            type Value = RawAnswer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // serde writes the "expected " itself.
                f.write_str(&NOT_AN_ANSWER["expected ".len()..])
            }
            fn visit_none<E: de::Error>(self) -> Result<RawAnswer, E> {
                Err(E::custom(NOT_AN_ANSWER_EMPTY))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawAnswer, E> {
                Err(E::custom(NOT_AN_ANSWER_EMPTY))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawAnswer, D::Error> {
                d.deserialize_str(AsWritten)
            }
        }
        struct AsWritten;
        impl Visitor<'_> for AsWritten {
            type Value = RawAnswer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // serde writes the "expected " itself.
                f.write_str(&NOT_AN_ANSWER["expected ".len()..])
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Text(v))
            }
        }
        d.deserialize_option(Missing)
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
        assert!(q.check(&RawAnswer::Text("1".into())).is_err());
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

    /// A scalar in a file is the text it is written as, for a text question; YAML would
    /// have read most of these as numbers and printed them another way.
    #[test]
    fn a_file_answer_is_kept_as_written() {
        #[derive(Deserialize, Debug)]
        struct File {
            a: RawAnswer,
        }
        let text = Question::sample(QuestionKind::Text, &[]);
        for written in [
            "0x1F", "1e3", "1.50", "+12", "0o17", ".inf", "-0", "007", "1_000", "true", "Null!",
        ] {
            for line in [format!("a: {written}\n"), format!("{{\"a\": {written}}}")] {
                let file: File = crate::library::yaml::parse(&line, "a.yaml").unwrap();
                assert_eq!(
                    text.check(&file.a),
                    Ok(Value::Text(written.to_owned())),
                    "{line:?}"
                );
            }
        }
        // A yes-no question reads YAML's booleans and the documented words alike.
        let yes_no = Question::sample(QuestionKind::YesNo, &[]);
        for (line, want) in [("a: true\n", true), ("a: 'No'\n", false), ("a: y\n", true)] {
            let file: File = crate::library::yaml::parse(line, "a.yaml").unwrap();
            assert_eq!(yes_no.check(&file.a), Ok(Value::YesNo(want)), "{line:?}");
        }
        // Nothing, `~` and `null` are no answer; a list is not one, and is not quoted.
        for line in ["a:\n", "a: ~\n", "a: null\n"] {
            let err = crate::library::yaml::parse::<File>(line, "a.yaml").unwrap_err();
            assert!(err.message.contains(NOT_AN_ANSWER_EMPTY), "{line:?}: {err}");
        }
        let err = crate::library::yaml::parse::<File>("a: [Jane]\n", "a.yaml").unwrap_err();
        assert_eq!(err.location, Some((1, 4)), "{err}");
        assert!(err.message.ends_with(NOT_AN_ANSWER) && !err.message.contains("Jane"));
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
