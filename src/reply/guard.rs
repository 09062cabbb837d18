//! The send-safety guard: the last check before a reply can reach stdout or the clipboard.
//!
//! It judges the text that comes from the library (and every link), never what the advocate
//! typed: an answer may hold `{{` or `NAME` and still be sent as typed.

use std::fmt;

use crate::reply::paragraphs::{ANSWER_CLOSE, ANSWER_OPEN, LINK_CLOSE, LINK_OPEN, Reply, Segment};

/// Placeholder words of the legacy texts; whole words, upper case only.
const PLACEHOLDERS: &[&str] = &["LINK", "HYPERLINK", "NAME", "STATE", "XXX"];
const TEMPLATE_SYNTAX: &[&str] = &["{{", "}}", "{%", "%}", "{#", "#}"];
/// What an answer looks like to the guard: nothing it could mistake for a marker.
const ANSWER_STAND_IN: &str = "…";

/// One reason to refuse a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// 1-based line of the text output (one paragraph per line, blank lines between).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What was found, e.g. `placeholder LINK`.
    pub marker: String,
    /// The line as the guard saw it (answers shown as `…`).
    pub excerpt: String,
}

/// A refused reply: every finding, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub findings: Vec<Finding>,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "reply refused: it still holds text that must never reach a survivor; nothing was printed"
        )?;
        for (i, x) in self.findings.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(
                f,
                "  line {}, column {}: {}\n    {}",
                x.line,
                x.column,
                x.marker,
                excerpt(&x.excerpt, x.column, 60, 60)
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Refused {}

/// Passes the reply, or refuses it with every finding.
pub fn check(reply: &Reply) -> Result<(), Refused> {
    let mut findings = Vec::new();
    for (i, paragraph) in reply.paragraphs.iter().enumerate() {
        let line = 2 * i + 1;
        let mut view = String::new();
        for segment in paragraph {
            match segment {
                Segment::Text(text) => view.push_str(text),
                Segment::Answer(_) => view.push_str(ANSWER_STAND_IN),
                Segment::Link { name, url } => {
                    if !is_link(url) {
                        findings.push(Finding {
                            line,
                            column: view.chars().count() + 1,
                            marker: format!("empty or malformed link '{name}'"),
                            excerpt: String::new(),
                        });
                    }
                    view.push_str(url);
                }
            }
        }
        let start = findings.len();
        scan(&view, line, &mut findings);
        for finding in &mut findings[start..] {
            finding.excerpt = view.clone();
        }
    }
    if findings.is_empty() {
        Ok(())
    } else {
        Err(Refused { findings })
    }
}

fn is_link(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace))
}

/// Scans one line of library text (answers replaced, links filled in).
fn scan(view: &str, line: usize, findings: &mut Vec<Finding>) {
    let chars: Vec<(usize, char)> = view.char_indices().collect();
    let column_of = |byte: usize| view[..byte].chars().count() + 1;
    let mut found = |byte: usize, marker: String| {
        findings.push(Finding {
            line,
            column: column_of(byte),
            marker,
            excerpt: String::new(),
        })
    };

    for syntax in TEMPLATE_SYNTAX {
        for (byte, _) in view.match_indices(syntax) {
            found(byte, format!("template syntax `{syntax}`"));
        }
    }

    let mut word_start = None;
    for &(byte, c) in chars.iter().chain([(view.len(), ' ')].iter()) {
        if c.is_alphanumeric() || c == '_' {
            word_start.get_or_insert(byte);
        } else if let Some(start) = word_start.take() {
            let word = &view[start..byte];
            if PLACEHOLDERS.contains(&word) {
                found(start, format!("placeholder {word}"));
            }
        }
    }

    let mut open: Vec<usize> = Vec::new();
    for &(byte, c) in &chars {
        match c {
            '[' => {
                let inside = &view[byte + 1..];
                let inside = &inside[..inside.find(']').unwrap_or(inside.len())];
                if is_directive(inside) {
                    found(byte, format!("directive [{}", shorten(inside)));
                }
                open.push(byte);
            }
            ']' if open.pop().is_none() => found(byte, "unbalanced `]`".to_owned()),
            ANSWER_OPEN | ANSWER_CLOSE | LINK_OPEN | LINK_CLOSE => {
                found(byte, "a stray internal mark".to_owned());
            }
            _ => {}
        }
    }
    for byte in open {
        found(byte, "unbalanced `[`".to_owned());
    }
    findings.sort_by_key(|f| (f.line, f.column));
}

/// A bracket whose words are ALL CAPS, like `[ADD THIS PARAGRAPH …]` or `[USE ‘ADD LINK’ …]`.
fn is_directive(inside: &str) -> bool {
    let letters = || inside.chars().filter(|c| c.is_alphabetic());
    letters().filter(|c| c.is_uppercase()).count() >= 2 && !letters().any(char::is_lowercase)
}

fn shorten(s: &str) -> String {
    let short: String = s.chars().take(40).collect();
    if short.len() < s.len() {
        format!("{short}…")
    } else {
        format!("{short}]")
    }
}

/// Up to `before` characters before the column and `after` from it, on one line, with `…`
/// where it was cut, so a long paragraph stays readable in a message.
pub(crate) fn excerpt(line: &str, column: usize, before: usize, after: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let from = at.saturating_sub(before);
    let to = (at + after).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&chars[from..to]);
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(paragraphs: &[&[Segment]]) -> Reply {
        Reply {
            paragraphs: paragraphs.iter().map(|p| p.to_vec()).collect(),
        }
    }

    fn text(s: &str) -> Segment {
        Segment::Text(s.into())
    }

    fn markers(r: &Reply) -> Vec<String> {
        check(r)
            .err()
            .map(|e| e.findings.into_iter().map(|f| f.marker).collect())
            .unwrap_or_default()
    }

    #[test]
    fn passes_approved_prose() {
        let r = reply(&[&[text(
            "The prosecutor technically represents the state’s interests (or s/he may not) – generally.",
        )]]);
        assert_eq!(check(&r), Ok(()));
    }

    #[test]
    fn refuses_each_kind_of_leftover() {
        assert_eq!(
            markers(&reply(&[&[text("Programs here: LINK If you")]])),
            vec!["placeholder LINK"]
        );
        assert_eq!(
            markers(&reply(&[&[text("Dear NAME,")]])),
            vec!["placeholder NAME"]
        );
        assert_eq!(
            markers(&reply(&[&[text("a {{ b }}")]])),
            vec!["template syntax `{{`", "template syntax `}}`"]
        );
        assert_eq!(
            markers(&reply(&[&[text(
                "[ADD THIS PARAGRAPH IF SHE ASKS:] In general, x."
            )]])),
            vec!["directive [ADD THIS PARAGRAPH IF SHE ASKS:]"]
        );
        assert_eq!(
            markers(&reply(&[&[text(
                "here: [USE ‘ADD LINK’ AT BOTTOM OF THE PAGE]"
            )]])),
            vec![
                "directive [USE ‘ADD LINK’ AT BOTTOM OF THE PAGE]",
                "placeholder LINK"
            ]
        );
        assert_eq!(
            markers(&reply(&[&[text("to court.]")]])),
            vec!["unbalanced `]`"]
        );
        let link = Segment::Link {
            name: "crimes".into(),
            url: String::new(),
        };
        assert_eq!(
            markers(&reply(&[&[text("here: "), link]])),
            vec!["empty or malformed link 'crimes'"]
        );
    }

    #[test]
    fn reports_line_and_column_of_the_text_output() {
        let r = reply(&[&[text("Fine.")], &[text("Then ∑ LINK.")]]);
        let refused = check(&r).unwrap_err();
        assert_eq!(
            (refused.findings[0].line, refused.findings[0].column),
            (3, 8)
        );
    }

    #[test]
    fn lowercase_words_and_bracketed_prose_pass() {
        let r = reply(&[&[text(
            "Click the link [see below] to find your state’s name.",
        )]]);
        assert_eq!(check(&r), Ok(()));
    }

    #[test]
    fn answers_are_not_judged() {
        let r = reply(&[&[
            text("Hi "),
            Segment::Answer("{{ 7*7 }} NAME [ADD]".into()),
            text(","),
        ]]);
        assert_eq!(check(&r), Ok(()));
    }
}
