//! Answers to a reply's questions, from every source through one validation and one
//! precedence: `--state` and `--set`, then `--answers`, then `--defaults`; a prompt asks only
//! what none of them answered.
//!
//! Two sources that disagree are never silent: a flag and the answers file that disagree
//! give a warning naming the question and both sources (the flag wins); two flags that
//! disagree, or a key given twice in the answers file, are errors. No message repeats a
//! value: it may be a survivor's detail. Only the question and the source are named.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::{BadInput, Located};
use crate::library::jurisdictions::{Jurisdiction, Jurisdictions};
use crate::library::snippet::{Question, QuestionKind};
use crate::library::values::{self, RawAnswer, Value};
use crate::library::yaml;
use crate::suggest;

/// The name of the survivor's state among the answers, and in templates beside the
/// questions (a question may not be called so).
pub const STATE: &str = "state";

/// A checked answer, with where its text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    YesNo(bool),
    /// A choice label: the library's text.
    Choice(String),
    /// Typed by the advocate: data, never template code, never judged by the guard.
    Text(String),
    /// A text question's declared default, taken with `--defaults` or accepted as it stands
    /// at the prompt: the library's text, judged like any other.
    DefaultText(String),
}

impl Answer {
    /// `default`: the question's declared default, checked.
    fn new(value: Value, source: &Source, default: Option<&Value>) -> Answer {
        // A text answer that is the declared default word for word is the library's text
        // whatever its source (Enter at a prompt that offers the default, or the default
        // copied into a flag), so the guard judges it as `check` does.
        let library = *source == Source::Default || default == Some(&value);
        match value {
            Value::YesNo(b) => Answer::YesNo(b),
            Value::Choice(c) => Answer::Choice(c),
            Value::Text(t) if library => Answer::DefaultText(t),
            Value::Text(t) => Answer::Text(t),
        }
    }

    /// The answer as the advocate would type it, for the review and reproducing flags.
    pub fn display(&self) -> String {
        match self {
            Self::YesNo(true) => "yes".into(),
            Self::YesNo(false) => "no".into(),
            Self::Choice(s) | Self::Text(s) | Self::DefaultText(s) => s.clone(),
        }
    }
}

/// The answers of one reply: each question's, and the state (a typed answer like the rest).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    questions: BTreeMap<String, Answer>,
    state: Option<Jurisdiction>,
}

impl Answers {
    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.questions.get(id)
    }

    pub fn insert(&mut self, id: &str, answer: Answer) {
        self.questions.insert(id.to_owned(), answer);
    }

    pub fn state(&self) -> Option<&Jurisdiction> {
        self.state.as_ref()
    }

    pub fn set_state(&mut self, state: Jurisdiction) {
        self.state = Some(state);
    }

    /// Forgets one answer (a question id, or `state`), so it is asked again.
    pub fn remove(&mut self, id: &str) {
        if id == STATE {
            self.state = None;
        } else {
            self.questions.remove(id);
        }
    }

    /// Whether a template name has its value: an answered question, or the known state.
    pub fn has(&self, name: &str) -> bool {
        if name == STATE {
            self.state.is_some()
        } else {
            self.questions.contains_key(name)
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Answer)> {
        self.questions.iter().map(|(id, a)| (id.as_str(), a))
    }
}

/// Where an answer came from, as messages name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `--state`.
    StateFlag,
    /// The `n`th `--set` (from 1).
    Set(usize),
    /// An answers file, by its name (`stdin` for `-`).
    File(String),
    /// The prompt on the terminal.
    Prompt,
    /// The question's declared default (`--defaults`).
    Default,
}

impl Source {
    /// Flags beat the answers file, which beats the defaults.
    fn rank(&self) -> u8 {
        match self {
            Source::StateFlag | Source::Set(_) | Source::Prompt => 0,
            Source::File(_) => 1,
            Source::Default => 2,
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::StateFlag => f.write_str("--state"),
            Source::Set(n) => write!(f, "--set #{n}"),
            Source::File(origin) if origin == "stdin" => f.write_str("the answers on stdin"),
            Source::File(origin) => write!(f, "the answers file {origin}"),
            Source::Prompt => f.write_str("the prompt"),
            Source::Default => f.write_str("the default"),
        }
    }
}

/// One answer as given, before it is checked.
#[derive(Debug, Clone)]
pub struct Given {
    /// A question id, or `state`.
    pub key: String,
    pub value: RawAnswer,
    pub source: Source,
}

/// The answers every source gave, and what the advocate should know about them.
#[derive(Debug, Clone, Default)]
pub struct Gathered {
    pub answers: Answers,
    pub warnings: Vec<String>,
}

/// The questions of a reply by id.
pub type Questions<'a> = BTreeMap<&'a str, &'a Question>;

/// Checks every given answer and applies the precedence; with `defaults`, a question no
/// source answered takes its declared default.
pub fn gather(
    questions: &Questions,
    jurisdictions: &Jurisdictions,
    given: &[Given],
    defaults: bool,
) -> Result<Gathered, BadInput> {
    let mut gathered = Gathered::default();
    let mut sources: BTreeMap<String, Source> = BTreeMap::new();
    let mut ordered: Vec<&Given> = given.iter().collect();
    ordered.sort_by_key(|g| g.source.rank());
    for g in ordered {
        let (key, same) = if g.key == STATE {
            let state = state(jurisdictions, &g.value.to_string(), &g.source)?;
            let same = gathered
                .answers
                .state()
                .is_none_or(|s| s.code == state.code);
            if gathered.answers.state().is_none() {
                gathered.answers.set_state(state);
            }
            (STATE, same)
        } else {
            let question = question(questions, &g.key, &g.source)?;
            let answer = answer(question, &g.value, &g.source)?;
            let earlier = gathered.answers.get(&question.id);
            let same = earlier.is_none_or(|a| *a == answer);
            if earlier.is_none() {
                gathered.answers.insert(&question.id, answer);
            }
            (question.id.as_str(), same)
        };
        match sources.get(key) {
            None => {
                sources.insert(key.to_owned(), g.source.clone());
            }
            Some(_) if same => {}
            Some(first) if first.rank() == g.source.rank() => {
                return Err(BadInput::new(format!(
                    "{first} and {} give different answers to '{key}'; give it once",
                    g.source
                )));
            }
            Some(first) => gathered.warnings.push(format!(
                "{first} and {} give different answers to '{key}'; {first} wins",
                g.source
            )),
        }
    }
    if defaults {
        for q in questions.values() {
            if gathered.answers.get(&q.id).is_none() {
                if let Some(default) = &q.default {
                    let answer = answer(q, default, &Source::Default)?;
                    gathered.answers.insert(&q.id, answer);
                }
            }
        }
    }
    Ok(gathered)
}

/// The question a key names; an unknown key is named by its source only.
fn question<'q>(
    questions: &Questions<'q>,
    key: &str,
    source: &Source,
) -> Result<&'q Question, BadInput> {
    questions.get(key).copied().ok_or_else(|| {
        let ids: Vec<&str> = questions.keys().copied().collect();
        BadInput::new(format!(
            "{source} names a question this reply does not have{}; its questions are: {}",
            suggest::did_you_mean(key, ids.iter().copied()),
            if ids.is_empty() {
                "(none)".to_owned()
            } else {
                ids.join(", ")
            }
        ))
    })
}

/// Checks one answer against its question.
pub fn answer(question: &Question, raw: &RawAnswer, source: &Source) -> Result<Answer, BadInput> {
    let default = question
        .default
        .as_ref()
        .and_then(|d| question.check(d).ok());
    question
        .check(raw)
        .map(|value| Answer::new(value, source, default.as_ref()))
        .map_err(|e| BadInput::new(format!("{} (from {source}): {e}", question.id)))
}

/// The jurisdiction `input` names (a postal code, a name or an alias, any case).
pub fn state(
    jurisdictions: &Jurisdictions,
    input: &str,
    source: &Source,
) -> Result<Jurisdiction, BadInput> {
    jurisdictions.find(input).cloned().ok_or_else(|| {
        let names = jurisdictions.jurisdictions.iter().map(|j| j.name.as_str());
        BadInput::new(format!(
            "the state from {source} is not one of the jurisdictions{}; give a postal code or a name, e.g. NY or New York",
            suggest::did_you_mean(input.trim(), names)
        ))
    })
}

/// The lines to type when answers are missing and nobody can be asked.
pub fn how_to_give(question: &Question) -> String {
    let how = match question.kind {
        QuestionKind::YesNo => "yes|no".to_owned(),
        QuestionKind::Choice => question.choices.join("|"),
        QuestionKind::Text => "TEXT".to_owned(),
    };
    format!("  --set {}={how}    {}", question.id, question.ask)
}

/// Reads an answers file's text (YAML or JSON): a mapping of question id (or `state`) to
/// value. A key given twice is an error at its second line. Messages name the place, never
/// a value.
pub fn parse_file(text: &str, origin: &str) -> Result<Vec<Given>, BadInput> {
    let entries: Entries = yaml::parse_untagged(text, origin).map_err(|e| quiet(e, origin))?;
    entries
        .0
        .into_iter()
        .map(|(key, value)| match value {
            Some(value) => Ok(Given {
                key,
                value,
                source: Source::File(origin.to_owned()),
            }),
            // The parser places a missing value at the start of the file; the line of its
            // key is where the advocate looks (the key itself is not repeated).
            None => {
                let at = key_place(text, &key)
                    .map(|(l, c)| format!(":{l}:{c}"))
                    .unwrap_or_default();
                Err(BadInput::new(format!(
                    "{origin}{at}: {}",
                    values::NOT_AN_ANSWER_EMPTY
                )))
            }
        })
        .collect()
}

/// Line and column of the first place `key` is written as a key (`key:`, `"key":`).
fn key_place(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        line.match_indices(key).find_map(|(at, _)| {
            let before = line[..at].trim_end_matches(['"', '\'']);
            let after = line[at + key.len()..].trim_start_matches(['"', '\'']);
            let starts = before.trim_end().is_empty() || before.ends_with(['{', ',', ' ']);
            (starts && after.trim_start().starts_with(':'))
                .then(|| (i + 1, line[..at].chars().count() + 1))
        })
    })
}

/// What the answers file must look like, for every message about its shape.
const SHAPE: &str =
    "an answers file is a mapping of question id to value, e.g. `asks_about_charges: yes`";

/// A parse error of an answers file, without anything of the file's content: only messages
/// the program wrote itself, or the parser's own that quote nothing, are kept.
fn quiet(err: Located, origin: &str) -> BadInput {
    const OURS: &[&str] = &[
        values::NOT_AN_ANSWER,
        values::NOT_AN_ANSWER_EMPTY,
        yaml::NO_TAGS,
        yaml::NO_ALIASES,
        NOT_A_KEY,
        yaml::REPEATED_KEY,
        SHAPE,
        "the file is empty",
    ];
    let message = match OURS.iter().find(|m| err.message.contains(*m)) {
        Some(m) => (*m).to_owned(),
        None if err.message.contains(['"', '\'', '`']) => {
            "this does not read as YAML here".to_owned()
        }
        None => err.message.clone(),
    };
    let at = Located::new(origin, err.location, message);
    if at.message == SHAPE {
        BadInput::new(at.to_string())
    } else {
        BadInput::new(format!("{at}; {SHAPE}"))
    }
}

const NOT_A_KEY: &str = "a key must be a question id (or `state`)";

/// The entries of an answers file in order (`yaml` refuses a key given twice).
struct Entries(Vec<(String, Option<RawAnswer>)>);

impl<'de> serde::Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(SHAPE)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<Key>()? {
                    out.push((key.0, map.next_value::<Option<RawAnswer>>()?));
                }
                Ok(Entries(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Entries, A::Error> {
                Err(de::Error::custom(SHAPE))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Entries, E> {
                Err(E::custom(SHAPE))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Entries, E> {
                Err(E::custom(SHAPE))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Entries, E> {
                Err(E::custom(SHAPE))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Entries, E> {
                Err(E::custom(SHAPE))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Entries, E> {
                Err(E::custom(SHAPE))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Entries, E> {
                Err(E::custom(SHAPE))
            }
            fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<Entries, A::Error> {
                Err(de::Error::custom(SHAPE))
            }
        }
        d.deserialize_any(EntriesVisitor)
    }
}

/// A key: any scalar, as text.
struct Key(String);

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(NOT_A_KEY)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key(v.trim().to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Key, E> {
                Err(E::custom(NOT_A_KEY))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Key, E> {
                Err(E::custom(NOT_A_KEY))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Key, A::Error> {
                Err(de::Error::custom(NOT_A_KEY))
            }
            fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Key, A::Error> {
                Err(de::Error::custom(NOT_A_KEY))
            }
            fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<Key, A::Error> {
                Err(de::Error::custom(NOT_A_KEY))
            }
        }
        d.deserialize_any(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questions(q: &Question) -> Questions<'_> {
        [(q.id.as_str(), q)].into_iter().collect()
    }

    fn jurisdictions() -> Jurisdictions {
        let text =
            "jurisdictions:\n  - { code: NY, name: New York }\n  - { code: TX, name: Texas }\n";
        yaml::parse(text, "j.yaml").unwrap()
    }

    fn given(key: &str, value: &str, source: Source) -> Given {
        Given {
            key: key.into(),
            value: RawAnswer::Text(value.into()),
            source,
        }
    }

    #[test]
    fn flags_win_over_the_file_with_a_warning_naming_both() {
        let q = Question::sample(QuestionKind::YesNo, &[]);
        let got = gather(
            &questions(&q),
            &jurisdictions(),
            &[
                given("q", "no", Source::File("a.yaml".into())),
                given("q", "yes", Source::Set(1)),
                given("state", "NY", Source::File("a.yaml".into())),
                given("state", "tx", Source::StateFlag),
            ],
            false,
        )
        .unwrap();
        assert_eq!(got.answers.get("q"), Some(&Answer::YesNo(true)));
        assert_eq!(got.answers.state().map(|s| s.code.as_str()), Some("TX"));
        assert_eq!(
            got.warnings,
            vec![
                "--set #1 and the answers file a.yaml give different answers to 'q'; --set #1 wins",
                "--state and the answers file a.yaml give different answers to 'state'; --state wins",
            ]
        );
    }

    #[test]
    fn two_flags_that_disagree_are_an_error_and_agreeing_ones_are_not() {
        let q = Question::sample(QuestionKind::YesNo, &[]);
        let err = gather(
            &questions(&q),
            &jurisdictions(),
            &[
                given("state", "TX", Source::StateFlag),
                given("state", "NY", Source::Set(1)),
            ],
            false,
        )
        .unwrap_err();
        assert_eq!(
            err.0,
            "--state and --set #1 give different answers to 'state'; give it once"
        );
        let ok = gather(
            &questions(&q),
            &jurisdictions(),
            &[
                given("state", "TX", Source::StateFlag),
                given("state", "texas", Source::Set(1)),
            ],
            false,
        );
        assert!(ok.is_ok());
    }

    #[test]
    fn defaults_fill_only_what_no_source_answered() {
        let mut q = Question::sample(QuestionKind::Text, &[]);
        q.default = Some(RawAnswer::Text("Sam".into()));
        let got = gather(&questions(&q), &jurisdictions(), &[], true).unwrap();
        assert_eq!(
            got.answers.get("q"),
            Some(&Answer::DefaultText("Sam".into()))
        );
        let typed = gather(
            &questions(&q),
            &jurisdictions(),
            &[given("q", "Al", Source::Set(1))],
            true,
        )
        .unwrap();
        assert_eq!(typed.answers.get("q"), Some(&Answer::Text("Al".into())));
        assert!(typed.warnings.is_empty());
    }

    #[test]
    fn messages_never_repeat_what_was_given() {
        let q = Question::sample(QuestionKind::YesNo, &[]);
        let secret = "Jane Example";
        for g in [
            given(secret, "yes", Source::Set(1)),
            given("q", secret, Source::Set(1)),
            given("state", secret, Source::StateFlag),
        ] {
            let err = gather(&questions(&q), &jurisdictions(), &[g], false).unwrap_err();
            assert!(!err.0.contains("Jane"), "{err}");
        }
        for text in [
            "q: yes\nq: no\n",
            "Jane Example\n",
            "q: !Jane yes\n",
            "q: [Jane]\n",
            "- Jane\n",
            "\"Jane\": {a: b}\n",
        ] {
            let err = parse_file(text, "a.yaml").unwrap_err();
            assert!(!err.0.contains("Jane"), "{text:?}: {err}");
        }
    }

    #[test]
    fn a_key_given_twice_names_its_second_line() {
        let err = parse_file("q: yes\nstate: NY\nq: no\n", "a.yaml").unwrap_err();
        assert_eq!(
            err.0,
            format!("a.yaml:3:1: {}; {SHAPE}", yaml::REPEATED_KEY)
        );
        // JSON too, at its line.
        let err = parse_file("{\"q\": true,\n \"q\": false}", "a.json").unwrap_err();
        assert!(err.0.starts_with("a.json:2:2: "), "{err}");
    }
}
