//! Every YAML call of the program, so the archived `serde_yaml` can be swapped in one place.

use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

/// A YAML file that does not parse or does not fit the expected shape.
#[derive(Debug, Error)]
#[error("{origin}{}: {message}", location.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
pub struct YamlError {
    /// The file (or `--answers -`) the text came from, as the user knows it.
    pub origin: String,
    /// 1-based line and column, where the parser knows them.
    pub location: Option<(usize, usize)>,
    pub message: String,
}

/// Parses `text` from `origin` into `T`. An empty document is an error of its own, since
/// serde's "EOF while parsing" would not tell an editor what is wrong.
pub fn parse<T: DeserializeOwned>(text: &str, origin: &str) -> Result<T, YamlError> {
    if text.trim().is_empty() {
        return Err(YamlError {
            origin: origin.to_owned(),
            location: None,
            message: "the file is empty".to_owned(),
        });
    }
    serde_yaml::from_str(text).map_err(|err| {
        let location = err.location().map(|l| (l.line(), l.column()));
        // serde_yaml puts " at line L column C" after the problem; the location is already in
        // front, so only that is dropped. What follows (", while scanning a quoted scalar at
        // line 4 column 11") says where the trouble began, and stays.
        let message = drop_first_position(&err.to_string());
        YamlError {
            origin: origin.to_owned(),
            location,
            message,
        }
    })
}

fn drop_first_position(message: &str) -> String {
    let Some(start) = message.find(" at line ") else {
        return message.to_owned();
    };
    let rest = &message[start + " at line ".len()..];
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let line = digits(rest);
    let after_line = &rest[line..];
    let end = match after_line.strip_prefix(" column ") {
        Some(column) => line + " column ".len() + digits(column),
        None => line,
    };
    format!("{}{}", &message[..start], &rest[end..])
}

/// Parses only the top-level entries named in `keys` into `T`, skipping the rest of the text
/// unread by the YAML parser: `list` needs a snippet's title, not its paragraphs. An entry
/// runs from its `key:` at the start of a line to the next line that starts another entry.
/// `None` when anything is unusual (the caller then parses the whole file, which also gives
/// the precise error).
pub fn parse_top_level<T: DeserializeOwned>(text: &str, keys: &[&str]) -> Option<T> {
    let mut picked = String::new();
    let mut keep = false;
    for line in text.lines() {
        let starts_entry = line.starts_with(|c: char| !c.is_whitespace() && c != '#');
        if starts_entry {
            let key = line.split(':').next().unwrap_or_default();
            if line.starts_with("---")
                || line.starts_with("...")
                || key.contains(['&', '*', '"', '\'', '?', '{', '['])
            {
                return None;
            }
            keep = keys.contains(&key.trim_end());
        }
        if keep {
            picked.push_str(line);
            picked.push('\n');
        }
    }
    serde_yaml::from_str(&picked).ok()
}

/// Serializes `value` as a YAML document.
pub fn to_string<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_yaml::to_string(value)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn errors_carry_file_line_and_column() {
        let err = parse::<BTreeMap<String, String>>("a: b\nc: [\n", "x.yaml").unwrap_err();
        assert_eq!(err.origin, "x.yaml");
        assert!(err.location.is_some(), "{err}");
        assert!(err.to_string().starts_with("x.yaml:"), "{err}");
        let (line, column) = err.location.unwrap();
        let repeated = format!("at line {line} column {column}");
        assert!(!err.message.contains(&repeated), "{err}");
    }

    #[test]
    fn where_the_trouble_began_is_kept() {
        let err = parse::<BTreeMap<String, String>>("a: \"open\nb: c\n", "q.yaml").unwrap_err();
        assert!(
            err.message
                .contains(", while scanning a quoted scalar at line 1 column 4"),
            "{err}"
        );
    }

    #[test]
    fn top_level_entries_are_read_without_the_rest() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Head {
            title: String,
            tags: Vec<String>,
        }
        let text = "# comment\nblocks:\n  - text: >-\n      title: not this\ntitle: 'A: b'\ntags:\n  - x\n  - y\nlater: [unparsed\n";
        let head: Option<Head> = parse_top_level(text, &["title", "tags"]);
        assert_eq!(
            head,
            Some(Head {
                title: "A: b".into(),
                tags: vec!["x".into(), "y".into()]
            })
        );
        assert_eq!(
            parse_top_level::<Head>("title: &a T\ntags: *a\n", &["title", "tags"]),
            None
        );
        assert_eq!(
            parse_top_level::<Head>("--- \ntitle: T\n", &["title", "tags"]),
            None
        );
    }

    #[test]
    fn an_empty_file_says_so() {
        let err = parse::<BTreeMap<String, String>>(" \n", "e.yaml").unwrap_err();
        assert_eq!(err.to_string(), "e.yaml: the file is empty");
    }

    #[test]
    fn an_alias_bomb_is_refused_not_expanded() {
        let mut doc = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            doc.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n").replace("*a0", "*a"));
        }
        let result = parse::<serde_yaml::Value>(&doc, "bomb.yaml");
        assert!(result.is_err(), "an alias bomb must not load");
    }
}
