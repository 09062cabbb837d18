//! A snippet file's text becomes a [`Snippet`]: parsed against the schema, stripped of
//! characters that must never reach a reply, and checked for what serde cannot see (question
//! ids, choices, defaults). Also where in the file a problem is, for messages.

use anyhow::Result;

use crate::clean::{is_unsafe_char, strip_unsafe_chars};
use crate::error::{Located, locate};
use crate::library::snippet::{QuestionKind, Snippet};
use crate::library::values::RawAnswer;
use crate::library::yaml;

use crate::library::files::Source;
use crate::library::snippet::RESERVED_NAMES;

/// Parses and checks a snippet file: the schema via serde, then what serde cannot say.
/// Fails with the first problem; `check` lists them all with [`snippet_problems`].
pub fn parse_snippet(source: &Source) -> Result<Snippet> {
    let snippet = read_snippet(source)?;
    if let Some(first) = snippet_problems(&snippet, source).into_iter().next() {
        return Err(first.into());
    }
    Ok(snippet)
}

/// Parses a snippet file against the schema and strips unsafe characters; no other checks.
pub fn read_snippet(source: &Source) -> Result<Snippet, Located> {
    let mut snippet: Snippet = yaml::parse_source(source)?;
    sanitize(&mut snippet);
    Ok(snippet)
}

/// Every problem serde cannot see, in file order.
pub fn snippet_problems(snippet: &Snippet, source: &Source) -> Vec<Located> {
    let mut problems = Vec::new();
    let at = |needle: &str, message: String| {
        Located::new(&source.origin, locate(&source.text, needle), message)
    };
    if snippet.blocks.is_empty() {
        problems.push(at(
            "blocks",
            "`blocks` is empty; a snippet needs at least one block of text".to_owned(),
        ));
    }
    let mut seen: Vec<&str> = Vec::new();
    for q in &snippet.questions {
        let needle = format!("id: {}", q.id);
        let at = |message: String| at(&needle, message);
        if !is_identifier(&q.id) {
            problems.push(at(format!(
                "question id '{}' must be lowercase letters, digits and _, starting with a letter (it is a template name)",
                q.id
            )));
        } else if RESERVED_NAMES.contains(&q.id.as_str()) {
            problems.push(at(format!(
                "question id '{}' is reserved for the program; choose another",
                q.id
            )));
        } else if seen.contains(&q.id.as_str()) {
            problems.push(at(format!("question id '{}' is declared twice", q.id)));
        }
        seen.push(&q.id);
        match (q.kind, q.choices.len()) {
            (QuestionKind::Choice, n) if n < 2 => problems.push(at(format!(
                "choice question '{}' needs at least two `choices`",
                q.id
            ))),
            (QuestionKind::YesNo | QuestionKind::Text, n) if n > 0 => problems.push(at(format!(
                "`choices` is only for choice questions, and '{}' is {}",
                q.id,
                q.kind.as_str()
            ))),
            _ => {}
        }
        if let Some(default) = &q.default {
            if let Err(e) = q.check(default) {
                problems.push(at(format!("default of '{}': {e}", q.id)));
            }
        }
    }
    problems
}

/// Strips characters that must never reach a reply or a terminal from every library text.
fn sanitize(snippet: &mut Snippet) {
    let clean = |s: &mut String| {
        if s.chars().any(is_unsafe_char) {
            *s = strip_unsafe_chars(s);
        }
    };
    clean(&mut snippet.title);
    clean(&mut snippet.category);
    snippet.tags.iter_mut().for_each(clean);
    for q in &mut snippet.questions {
        clean(&mut q.ask);
        q.help.iter_mut().for_each(clean);
        q.choices.iter_mut().for_each(clean);
        // A default is shown at the prompt and may be printed in the reply.
        if let Some(RawAnswer::Text(t)) = &mut q.default {
            clean(t);
        }
    }
    for b in &mut snippet.blocks {
        clean(&mut b.text);
        b.note.iter_mut().for_each(clean);
        b.when.iter_mut().for_each(clean);
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ESC in a folder library's default would reach the terminal through the prompt,
    /// which shows the default; bidi controls could reorder what the review shows.
    #[test]
    fn every_library_text_that_reaches_a_terminal_or_a_reply_is_cleaned() {
        let text = r#"
title: "T\e[2J"
category: C
questions:
  - id: who
    ask: "Who\e]0;x\a?"
    type: text
    default: "Sam\e[31m\u202e"
    help: "h\e[1m"
  - id: pick
    ask: Pick
    type: choice
    choices: ["a\e[1m", b]
blocks:
  - note: "n\e[1m"
    text: "Hello\e[1m {{ who }} {{ pick }}"
"#;
        let source = Source {
            origin: "t.yaml".into(),
            text: text.into(),
            built_in: false,
        };
        let snippet = read_snippet(&source).expect("parses");
        let yaml = yaml::to_string(&snippet).expect("prints");
        assert!(!yaml.chars().any(is_unsafe_char), "{yaml:?}");
        assert_eq!(
            snippet.questions[0].default,
            Some(RawAnswer::Text("Sam[31m".into()))
        );
    }
}
