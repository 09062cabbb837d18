//! Saying which reply failed and how to see it: the block, the place in the file, the
//! marker and the `--state`/`--set` flags that make `compose` produce the same reply.

use crate::library::LoadedSnippet;
use crate::library::source_map::{BlockSpan, locate_in_block};
use crate::lint::diagnostic::Located;
use crate::reply::answers::Answers;
use crate::reply::guard::excerpt;

use super::shapes::{Problem, World};

/// The first failing reply of a snippet.
pub struct Failure {
    pub block: usize,
    pub answers: Answers,
    pub state: Option<usize>,
    /// Failed and checked jurisdictions, when the paragraph was checked for each.
    pub scope: Option<(usize, usize)>,
    pub problem: Problem,
}

impl Failure {
    pub fn describe(
        self,
        snippet: &LoadedSnippet,
        spans: &[BlockSpan],
        world: &World,
        needs_state: bool,
    ) -> Located {
        let state = self.state.or(needs_state.then_some(0));
        let mut flags = Vec::new();
        if let Some(j) = state.and_then(|j| world.jurisdictions.get(j)) {
            flags.push(format!("--state {}", j.code));
        }
        for q in &snippet.snippet.questions {
            if let Some(answer) = self.answers.get(&q.id) {
                flags.push(format!(
                    "--set {}",
                    shell_word(&format!("{}={}", q.id, answer.display()))
                ));
            }
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" with {}", flags.join(" "))
        };
        let scope = match (
            self.scope,
            self.state.and_then(|j| world.jurisdictions.get(j)),
        ) {
            (Some((failed, checked)), _) if failed == checked => {
                " for every jurisdiction,".to_owned()
            }
            (Some((1, _)), Some(j)) => format!(" for {} only,", j.label()),
            (Some((failed, checked)), Some(j)) => {
                format!(
                    " for {failed} of {checked} jurisdictions (first {}),",
                    j.label()
                )
            }
            _ => String::new(),
        };
        let at = |needle: &str| locate_in_block(snippet, spans, self.block, needle);
        let origin = &snippet.source.origin;
        match self.problem {
            Problem::Refused(refused) => {
                let Some(finding) = refused.findings.first() else {
                    return Located::new(origin, at(""), "reply refused");
                };
                let more = match refused.findings.len() - 1 {
                    0 => String::new(),
                    n => format!(" (and {n} more)"),
                };
                let shown = excerpt(&finding.excerpt, finding.column, 40, 30);
                let quoted = if shown.is_empty() {
                    String::new()
                } else {
                    format!(" in \"{shown}\"")
                };
                Located::new(
                    origin,
                    at(&needle(&finding.marker, &finding.excerpt, finding.column)),
                    format!(
                        "block {}: reply refused{scope}{flags}: {}{quoted}{more}",
                        self.block + 1,
                        finding.marker
                    ),
                )
            }
            Problem::Link { name, why } => Located::new(
                origin,
                at(&format!("\"{name}\"")),
                format!(
                    "block {}: reply cannot be composed{scope}{flags}: link '{name}' {why}",
                    self.block + 1
                ),
            ),
            Problem::Error(mut located) => {
                if !flags.is_empty() {
                    located.message = format!("{} (rendering{flags})", located.message);
                }
                located
            }
        }
    }
}

/// What to look for in the block's source to point at a finding.
fn needle(marker: &str, line: &str, column: usize) -> String {
    if let Some((_, rest)) = marker.split_once('`') {
        return rest.split('`').next().unwrap_or(rest).to_owned();
    }
    if let Some(word) = marker.strip_prefix("placeholder ") {
        return word.to_owned();
    }
    if let Some(name) = marker
        .strip_prefix("empty or malformed link '")
        .and_then(|r| r.strip_suffix('\''))
    {
        return format!("\"{name}\"");
    }
    line.chars()
        .skip(column.saturating_sub(1))
        .take_while(|c| !c.is_whitespace())
        .take(40)
        .collect()
}

/// `x` as one shell word: bare when it is plainly safe, else single-quoted.
fn shell_word(s: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "_-.,/=:@+".contains(c);
    if !s.is_empty() && s.chars().all(safe) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproducing_flags_are_shell_words() {
        assert_eq!(shell_word("police=yes"), "police=yes");
        assert_eq!(shell_word("who=Sam Doe"), "'who=Sam Doe'");
        assert_eq!(shell_word("who=it's"), r"'who=it'\''s'");
    }

    #[test]
    fn excerpts_stay_short_around_the_column() {
        let line = "a".repeat(100) + "LINK" + &"b".repeat(100);
        let shown = excerpt(&line, 101, 40, 30);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert!(shown.contains("aLINKb"));
        assert!(shown.chars().count() <= 72);
    }
}
