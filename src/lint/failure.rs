//! Saying which reply failed and how to see it: the block, the place in the file, the
//! finding and the `--state`/`--set` flags that make `compose` produce the same reply.

use crate::error::Located;
use crate::library::LoadedSnippet;
use crate::library::source_map::{BlockSpan, locate_in_block};
use crate::reply::answers::{Answer, Answers};
use crate::reply::guard::{self, excerpt, prose::Hit};
use crate::reply::paragraphs::Segment;

use super::world::World;

/// Why a reply cannot be sent.
#[derive(Debug, Clone)]
pub enum Problem {
    /// The guard refused a paragraph: its findings and the paragraph as shown.
    Refused {
        hits: Vec<Hit>,
        shown: String,
    },
    Link {
        name: String,
        why: String,
    },
    Error(Located),
    /// More answer combinations (`None`: beyond counting) than the check enumerates (the
    /// second number).
    TooMany(Option<usize>, usize),
    /// More template work than the check spends on one block (the number).
    TooMuchWork(u64),
}

impl Problem {
    pub fn refused(hits: Vec<Hit>, paragraph: &[Segment]) -> Problem {
        Problem::Refused {
            hits,
            shown: guard::shown(paragraph),
        }
    }
}

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
        let origin = &snippet.source.origin;
        let block = self.block + 1;
        let at = |needle: &str| locate_in_block(snippet, spans, self.block, needle);
        match &self.problem {
            Problem::TooMany(combinations, limit) => {
                return Located::new(
                    origin,
                    block_location(snippet, spans, self.block),
                    format!(
                        "block {block} depends on more answer combinations ({}) than the {limit} check renders per block; split the block (or the snippet) so each part depends on fewer questions",
                        combinations
                            .map_or_else(|| "too many to count".to_owned(), |n| n.to_string())
                    ),
                );
            }
            Problem::TooMuchWork(limit) => {
                return Located::new(
                    origin,
                    block_location(snippet, spans, self.block),
                    format!(
                        "block {block}: rendering every answer combination takes more than {limit} units of template work; its templates loop too much to check (simplify them, or split the block)"
                    ),
                );
            }
            _ => {}
        }
        let flags = flags(
            snippet,
            &self.answers,
            self.state.or(needs_state.then_some(0)),
            world,
        );
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
        match self.problem {
            Problem::Refused { hits, shown } => {
                let Some(hit) = hits.first() else {
                    return Located::new(origin, at(""), "reply refused");
                };
                let more = match hits.len() - 1 {
                    0 => String::new(),
                    n => format!(" (and {n} more)"),
                };
                let cut = excerpt(&shown, hit.column, 40, 30);
                let quoted = if cut.is_empty() {
                    String::new()
                } else {
                    format!(" in \"{cut}\"")
                };
                Located::new(
                    origin,
                    at(&needle(&hit.what, &shown, hit.column)),
                    format!(
                        "block {block}: reply refused{scope}{flags} [{}]: {}{quoted}{more}",
                        hit.rule, hit.what
                    ),
                )
            }
            Problem::Link { name, why } => Located::new(
                origin,
                at(&format!("\"{name}\"")),
                format!(
                    "block {block}: reply cannot be composed{scope}{flags}: link '{name}' {why}"
                ),
            ),
            Problem::Error(mut located) => {
                if !flags.is_empty() {
                    located.message = format!("{} (rendering{flags})", located.message);
                }
                located
            }
            Problem::TooMany(..) | Problem::TooMuchWork(_) => unreachable!("handled above"),
        }
    }
}

/// ` with --state NY --set q=yes …`: what makes compose give the same reply. A text answer
/// taken from its default is reproduced with `--defaults`, since a typed one is not judged.
pub fn flags(
    snippet: &LoadedSnippet,
    answers: &Answers,
    state: Option<usize>,
    world: &World,
) -> String {
    let mut flags = Vec::new();
    if let Some(j) = state.and_then(|j| world.jurisdictions.get(j)) {
        flags.push(format!("--state {}", j.code));
    }
    let mut defaults = false;
    for q in &snippet.snippet.questions {
        match answers.get(&q.id) {
            Some(Answer::DefaultText(_)) => defaults = true,
            Some(answer) => flags.push(format!(
                "--set {}",
                shell_word(&format!("{}={}", q.id, answer.display()))
            )),
            None => {}
        }
    }
    if defaults {
        flags.push("--defaults".to_owned());
    }
    if flags.is_empty() {
        String::new()
    } else {
        format!(" with {}", flags.join(" "))
    }
}

/// Where block `block` starts in its file.
pub fn block_location(
    snippet: &LoadedSnippet,
    spans: &[BlockSpan],
    block: usize,
) -> Option<(usize, usize)> {
    spans
        .get(block)
        .and_then(BlockSpan::start)
        .map(|o| crate::error::line_col(&snippet.source.text, o))
}

/// What to look for in the block's source to point at a finding: what the finding quotes
/// between backticks, else the word at its column.
fn needle(what: &str, line: &str, column: usize) -> String {
    if let Some((_, rest)) = what.split_once('`') {
        return rest.split('`').next().unwrap_or(rest).to_owned();
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
    fn the_place_to_point_at_is_the_quoted_piece_or_the_word() {
        assert_eq!(needle("bracket `[`", "a [b]", 3), "[");
        assert_eq!(
            needle("capital words LINK HERE", "see LINK HERE now", 5),
            "LINK"
        );
    }
}
