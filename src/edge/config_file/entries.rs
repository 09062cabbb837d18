//! How the config file's entries are read: each setting by a visitor of its own that says what
//! it expected, never what it found. serde's derived messages quote the value or the key
//! (`unknown variant `ZQXMARK``, `invalid type: string "ZQXMARK"`, `unknown field`), and the
//! file is the advocate's own typing (a signature, a folder's name). Every refusal is made
//! while serde_yaml reads the entry, so it carries the entry's line and column.

use std::fmt;
use std::marker::PhantomData;
use std::num::NonZeroU64;
use std::path::PathBuf;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::Config;
use crate::error::Located;
use crate::library::values::{YES_NO_EXPECTED, parse_yes_no};
use crate::reply::output::Format;

/// The settings the file takes, for the messages about its shape and its keys.
const KEYS: &str = "`library` (a folder), `signature` (text), `format` (text, markdown or html), `copy` (yes or no), `clipboard_seconds` (a whole number above 0) and `max_age_days` (a whole number)";

const NOT_A_MAPPING: &str =
    "the config file is a mapping of setting to value, one per line (e.g. `format: markdown`)";
const UNKNOWN_KEY: &str = "this is not a setting of the config file";
const TWICE: &str = "this setting is given twice; keep one line for it";
const MISSING: &str = "the value is missing after the `:`";

/// Every message this module writes: a parser message that is none of these and quotes
/// something is replaced, as it could quote the file.
const OURS: &[&str] = &[
    NOT_A_MAPPING,
    UNKNOWN_KEY,
    TWICE,
    MISSING,
    "expected ",
    crate::library::yaml::NO_ALIASES,
];

/// The parse error `err`, told without anything of the file's content.
pub fn quiet(err: Located) -> Located {
    // The YAML reader finds a repeated key before the settings are read; its message names
    // the key, which may be anything the advocate typed.
    if err.message.contains(crate::library::yaml::REPEATED_KEY) {
        return Located {
            message: TWICE.to_owned(),
            ..err
        };
    }
    let ours = OURS.iter().any(|m| err.message.contains(m));
    if ours || !err.message.contains(['"', '\'', '`']) {
        return err;
    }
    Located {
        message: "this does not read as YAML here".to_owned(),
        ..err
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Library,
    Signature,
    Format,
    Copy,
    ClipboardSeconds,
    MaxAgeDays,
}

impl Key {
    fn named(name: &str) -> Option<Key> {
        Some(match name {
            "library" => Key::Library,
            "signature" => Key::Signature,
            "format" => Key::Format,
            "copy" => Key::Copy,
            "clipboard_seconds" => Key::ClipboardSeconds,
            "max_age_days" => Key::MaxAgeDays,
            _ => return None,
        })
    }
}

impl<'de> Deserialize<'de> for Config {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Config, D::Error> {
        d.deserialize_any(ConfigVisitor)
    }
}

struct ConfigVisitor;

/// Refuses a file that is not a mapping, naming what it may hold.
fn not_a_mapping<E: de::Error>() -> E {
    E::custom(format!("{NOT_A_MAPPING}; it takes {KEYS}"))
}

impl<'de> Visitor<'de> for ConfigVisitor {
    type Value = Config;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(NOT_A_MAPPING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Config, A::Error> {
        let mut config = Config::default();
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed(&mut seen))? {
            match key {
                Key::Library => {
                    config.library = Some(map.next_value_seed(expect(
                        "expected a folder path",
                        |v| match v {
                            Seen::Text(s) => Some(PathBuf::from(s)),
                            _ => None,
                        },
                    ))?);
                }
                Key::Signature => {
                    config.signature = Some(map.next_value_seed(expect(
                        "expected text (your closing; `|` and an indented block keep several lines)",
                        |v| match v {
                            Seen::Text(s) => Some(s),
                            _ => None,
                        },
                    ))?);
                }
                Key::Format => {
                    config.format = Some(map.next_value_seed(expect(
                        "expected text, markdown or html",
                        |v| {
                            match v {
                                Seen::Text(s) => Format::ALL
                                    .into_iter()
                                    .find(|f| f.as_str().eq_ignore_ascii_case(s.trim())),
                                _ => None,
                            }
                        },
                    ))?);
                }
                Key::Copy => {
                    // The program's one yes/no parser, as for answers.
                    config.copy =
                        Some(map.next_value_seed(expect(YES_NO_EXPECTED, |v| match v {
                            Seen::Bool(b) => Some(b),
                            Seen::Text(s) => parse_yes_no(&s),
                            _ => None,
                        }))?);
                }
                Key::ClipboardSeconds => {
                    config.clipboard_seconds = Some(map.next_value_seed(expect(
                        "expected a whole number of seconds above 0",
                        |v| match v {
                            Seen::Whole(n) => NonZeroU64::new(n),
                            _ => None,
                        },
                    ))?);
                }
                Key::MaxAgeDays => {
                    config.max_age_days = Some(map.next_value_seed(expect(
                        "expected a whole number of days",
                        |v| match v {
                            Seen::Whole(n) => u32::try_from(n).ok(),
                            _ => None,
                        },
                    ))?);
                }
            }
        }
        Ok(config)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Config, A::Error> {
        Err(not_a_mapping())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<Config, A::Error> {
        Err(not_a_mapping())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Config, E> {
        Err(not_a_mapping())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Config, E> {
        Err(not_a_mapping())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Config, E> {
        Err(not_a_mapping())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Config, E> {
        Err(not_a_mapping())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Config, E> {
        Err(not_a_mapping())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Config, E> {
        Err(not_a_mapping())
    }
}

/// Reads a key: a setting the file takes, once. Anything else is refused without quoting it,
/// at the key's line and column.
struct KeySeed<'a>(&'a mut Vec<Key>);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a setting: {KEYS}")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        let Some(key) = Key::named(name) else {
            return Err(unknown_key());
        };
        if self.0.contains(&key) {
            return Err(E::custom(TWICE));
        }
        self.0.push(key);
        Ok(key)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Key, E> {
        Err(unknown_key())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Key, E> {
        Err(unknown_key())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Key, E> {
        Err(unknown_key())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Key, E> {
        Err(unknown_key())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Key, E> {
        Err(unknown_key())
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Key, A::Error> {
        Err(unknown_key())
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Key, A::Error> {
        Err(unknown_key())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<Key, A::Error> {
        Err(unknown_key())
    }
}

fn unknown_key<E: de::Error>() -> E {
    E::custom(format!("{UNKNOWN_KEY}; it takes {KEYS}"))
}

/// What YAML gave for an entry, kept only until it is turned into a setting.
enum Seen {
    Bool(bool),
    Whole(u64),
    Text(String),
    /// A negative or fractional number.
    OtherNumber,
}

/// A visitor (and a seed) that turns what it sees with `take`, or refuses it with `expected`.
struct Expect<T> {
    expected: &'static str,
    take: fn(Seen) -> Option<T>,
    value: PhantomData<T>,
}

fn expect<T>(expected: &'static str, take: fn(Seen) -> Option<T>) -> Expect<T> {
    Expect {
        expected,
        take,
        value: PhantomData,
    }
}

impl<T> Expect<T> {
    fn take<E: de::Error>(&self, seen: Seen) -> Result<T, E> {
        (self.take)(seen).ok_or_else(|| E::custom(self.expected))
    }

    /// For what no setting takes: says what it was in general terms only.
    fn not<E: de::Error>(&self, what: &str) -> E {
        E::custom(format!("{}, not {what}", self.expected))
    }
}

impl<'de, T> DeserializeSeed<'de> for Expect<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T> Visitor<'de> for Expect<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        self.take(Seen::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        self.take(u64::try_from(v).map_or(Seen::OtherNumber, Seen::Whole))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        self.take(Seen::Whole(v))
    }

    // Beyond 64 bits: serde's own refusal would quote the number.
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<T, E> {
        self.take(Seen::OtherNumber)
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<T, E> {
        self.take(Seen::OtherNumber)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<T, E> {
        self.take(Seen::OtherNumber)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        self.take(Seen::Text(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Err(E::custom(format!("{MISSING}; {}", self.expected)))
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        self.visit_unit()
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(self.not("a list"))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(self.not("a mapping"))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(self.not("a YAML tag (`!…`)"))
    }
}
