//! `rules.yaml`: a library's own guard rules. The guard refuses every capital word, bracket
//! and filler by default; these rules name the exceptions approved prose may use
//! (`acronyms`, `allow`) and the house style every reply must keep (`forbid`, `require`).

use regex::Regex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Located;

/// `rules.yaml`: a library's own guard rules, the exceptions and the house style.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "hotline-reply guard rules")]
pub struct RulesFile {
    /// Words in capitals (two letters or more) that approved prose may use, e.g. `VINE`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("items" = { "type": "string", "pattern": "^[A-Z0-9]*[A-Z][A-Z0-9]*$" }))]
    pub acronyms: Vec<String>,
    /// Exact forms approved prose may use although the guard would refuse them, e.g. `[sic]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<String>,
    /// Patterns no paragraph of a reply may contain (a regular expression, matched against
    /// each paragraph of library text; answers never count).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbid: Vec<PatternRule>,
    /// Patterns every reply must contain somewhere (in its library text or its links).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require: Vec<PatternRule>,
}

/// One house rule.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PatternRule {
    /// A regular expression (Rust `regex` syntax; `(?i)` for any case).
    pub pattern: String,
    /// What the advocate or editor is told when the rule is broken.
    pub message: String,
}

/// The rules, compiled: what the guard consults.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// Upper case, as written.
    pub acronyms: Vec<String>,
    pub allow: Vec<String>,
    pub forbid: Vec<Compiled>,
    pub require: Vec<Compiled>,
    /// Where the rules came from, for messages (`snippets/rules.yaml`), if from a file.
    pub origin: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Compiled {
    pub regex: Regex,
    pub message: String,
    /// Line and column of the pattern in the file, for messages.
    pub location: Option<(usize, usize)>,
}

impl Rules {
    pub fn is_acronym(&self, word: &str) -> bool {
        self.acronyms.iter().any(|a| a == word)
    }
}

/// Compiles the file's rules; every problem is located in `text` (the file's source).
pub fn compile(file: RulesFile, origin: &str, text: &str) -> Result<Rules, Vec<Located>> {
    let mut problems = Vec::new();
    for acronym in &file.acronyms {
        let capitals = acronym.chars().filter(|c| c.is_uppercase()).count();
        if capitals < 2 || acronym.chars().any(char::is_lowercase) {
            problems.push(Located::new(
                origin,
                locate_value(text, acronym, 0),
                format!(
                    "acronym '{acronym}' is not a word in capitals of two letters or more; `acronyms` lists only those (a lower-case word needs no exception)"
                ),
            ));
        }
    }
    for form in &file.allow {
        // A form without a word in it (`[`, `__`) would let every placeholder with that sign
        // through; allowing is for whole forms such as `[sic]`.
        if !form.chars().any(char::is_alphanumeric) {
            let section = text.find("allow").unwrap_or(0);
            let quoted = [format!("'{form}'"), format!("\"{form}\"")]
                .iter()
                .find_map(|q| locate_value(text, q, section))
                .map(|(line, column)| (line, column + 1));
            problems.push(Located::new(
                origin,
                quoted
                    .or_else(|| locate_value(text, form, section))
                    .or_else(|| crate::error::locate(text, "allow")),
                "an `allow` form must hold a word (e.g. \"[sic]\"): a sign or bracket on its own would let every placeholder that uses it through".to_owned(),
            ));
        }
    }
    let mut compile_all = |rules: &[PatternRule], key: &str| -> Vec<Compiled> {
        let section = text.find(&format!("{key}:")).unwrap_or(0);
        rules
            .iter()
            .filter_map(|rule| {
                let at = locate_value(text, &rule.pattern, section);
                match Regex::new(&rule.pattern) {
                    Ok(regex) => Some(Compiled {
                        regex,
                        message: rule.message.clone(),
                        location: at,
                    }),
                    Err(err) => {
                        problems.push(regex_problem(origin, at, &rule.pattern, &err));
                        None
                    }
                }
            })
            .collect()
    };
    let forbid = compile_all(&file.forbid, "forbid");
    let require = compile_all(&file.require, "require");
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Rules {
        acronyms: file.acronyms,
        allow: file.allow,
        forbid,
        require,
        origin: Some(origin.to_owned()),
    })
}

/// Where `value` is written in the file, at or after byte `from`: the column of its first
/// character (inside the quotes when it is quoted).
fn locate_value(text: &str, value: &str, from: usize) -> Option<(usize, usize)> {
    let rest = text.get(from..)?;
    // A pattern in double quotes doubles its backslashes in the file.
    let doubled = value.replace('\\', "\\\\");
    [value.to_owned(), doubled]
        .iter()
        .find_map(|needle| rest.find(needle.as_str()))
        .map(|o| crate::error::line_col(text, from + o))
}

/// A bad regular expression, pointing at the offending part where the parser says where it is.
fn regex_problem(
    origin: &str,
    at: Option<(usize, usize)>,
    pattern: &str,
    err: &regex::Error,
) -> Located {
    let parsed = regex_syntax::ast::parse::Parser::new().parse(pattern);
    let (offset, what) = match &parsed {
        Err(e) => (
            pattern[..e.span().start.offset].chars().count(),
            e.kind().to_string(),
        ),
        Ok(_) => (0, err.to_string().lines().last().unwrap_or("").to_owned()),
    };
    let location = at.map(|(line, column)| (line, column + offset));
    Located::new(
        origin,
        location,
        format!("the pattern is not a valid regular expression: {what}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::yaml;

    fn rules(text: &str) -> Result<Rules, Vec<Located>> {
        let file: RulesFile = yaml::parse(text, "rules.yaml").expect("parses");
        compile(file, "rules.yaml", text)
    }

    #[test]
    fn a_bad_pattern_points_at_the_broken_part() {
        let text = "forbid:\n  - pattern: 'you (should'\n    message: advice\n";
        let problems = rules(text).unwrap_err();
        assert_eq!(problems.len(), 1);
        let p = &problems[0];
        assert_eq!(p.location, Some((2, 19)), "{p}");
        assert!(p.message.contains("not a valid regular expression"), "{p}");
    }

    #[test]
    fn acronyms_must_be_capitals() {
        let problems = rules("acronyms: [VINE, pfa, X]\n").unwrap_err();
        assert_eq!(problems.len(), 2);
        assert!(problems[0].message.contains("'pfa'"));
        assert_eq!(problems[0].location, Some((1, 18)));
        assert!(problems[1].message.contains("'X'"));
    }

    #[test]
    fn an_allowed_form_must_hold_a_word() {
        let problems = rules("allow: ['[sic]', '[', '__', '']\n").unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].message.contains("must hold a word"));
        assert_eq!(problems[0].location, Some((1, 19)));
    }

    #[test]
    fn good_rules_compile() {
        let r = rules(
            "acronyms: [VINE]\nallow: ['[sic]']\nforbid:\n  - pattern: \"(?i)\\\\byou should\\\\b\"\n    message: advice\nrequire:\n  - pattern: 'https://'\n    message: a link\n",
        )
        .unwrap();
        assert!(r.is_acronym("VINE"));
        assert!(r.forbid[0].regex.is_match("You should"));
        assert_eq!(r.forbid[0].location, Some((4, 15)));
        assert_eq!(r.require.len(), 1);
    }
}
