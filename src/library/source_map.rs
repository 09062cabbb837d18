//! Where a block of a snippet sits in its YAML file, so a message about a block, a name in
//! it or a marker it renders can point at the line an editor should fix.
//!
//! serde does not keep positions, so blocks are found by searching the file for their `when`
//! and the first words of their `text`, in order: a later block is never found before an
//! earlier one, and a piece of text is looked for inside its own block first.

use crate::error::line_col;
use crate::library::LoadedSnippet;

/// Byte offsets of one block in the source, where found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BlockSpan {
    /// Where the `when` expression starts.
    pub when: Option<usize>,
    /// Where the `text` starts.
    pub text: Option<usize>,
    /// Where the next block starts (or the end of the file): the block's text ends before.
    pub end: usize,
}

impl BlockSpan {
    pub fn start(&self) -> Option<usize> {
        match (self.when, self.text) {
            (Some(w), Some(t)) => Some(w.min(t)),
            (w, t) => w.or(t),
        }
    }
}

/// The spans of every block of `snippet`, in order.
pub fn block_spans(snippet: &LoadedSnippet) -> Vec<BlockSpan> {
    let source = snippet.source.text.as_ref();
    let mut cursor = find_key(source, "blocks").unwrap_or(0);
    let mut spans: Vec<BlockSpan> = Vec::new();
    for block in &snippet.snippet.blocks {
        let when = block
            .when
            .as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .and_then(|w| find_from(source, cursor, w));
        let after_when = when.map_or(cursor, |w| w + 1);
        let text = text_needles(&block.text)
            .into_iter()
            .find_map(|needle| find_from(source, after_when, &needle));
        let span = BlockSpan {
            when,
            text,
            end: source.len(),
        };
        if let Some(start) = span.start() {
            if let Some(previous) = spans.last_mut() {
                previous.end = start;
            }
        }
        cursor = [when, text]
            .into_iter()
            .flatten()
            .max()
            .map_or(cursor, |o| o + 1);
        spans.push(span);
    }
    spans
}

/// Line and column of the first `needle` in block `block`'s text (or `when`), else of the
/// block itself, else `None`.
pub fn locate_in_block(
    snippet: &LoadedSnippet,
    spans: &[BlockSpan],
    block: usize,
    needle: &str,
) -> Option<(usize, usize)> {
    let source = snippet.source.text.as_ref();
    let span = spans.get(block)?;
    let start = span.start();
    let found = start.and_then(|s| {
        let region = source.get(s..span.end)?;
        find_word(region, needle).map(|o| s + o)
    });
    found.or(span.text).or(start).map(|o| line_col(source, o))
}

/// The first occurrence of `needle` at or after `from`.
fn find_from(text: &str, from: usize, needle: &str) -> Option<usize> {
    text.get(from..)?.find(needle).map(|o| from + o)
}

/// `key:` at the start of a line.
fn find_key(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.strip_prefix(key).is_some_and(|r| r.starts_with(':')) {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// The first occurrence of `needle` that is not part of a longer name (so `police` is not
/// found inside `police_report`); any occurrence when `needle` does not start and end with
/// a name character.
pub fn find_word(text: &str, needle: &str) -> Option<usize> {
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    let bounded = needle.starts_with(is_name) && needle.ends_with(is_name);
    text.match_indices(needle)
        .map(|(o, _)| o)
        .find(|&o| {
            !bounded
                || (!text[..o].ends_with(is_name) && !text[o + needle.len()..].starts_with(is_name))
        })
        .or_else(|| text.find(needle))
}

/// What the start of a block's text may look like in the file, longest first: YAML may fold
/// a long line, so shorter and shorter beginnings are tried.
fn text_needles(text: &str) -> Vec<String> {
    let first_line = text
        .trim_start()
        .lines()
        .next()
        .unwrap_or_default()
        .trim_end();
    let words: Vec<&str> = first_line.split_whitespace().collect();
    let mut needles = vec![first_line.to_owned()];
    for n in [6, 3, 1] {
        if words.len() > n || (n == 1 && !words.is_empty()) {
            needles.push(words[..n.min(words.len())].join(" "));
        }
    }
    needles.retain(|n| n.chars().count() >= 2);
    needles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Source, read_snippet};
    use std::borrow::Cow;

    fn loaded(text: &'static str) -> LoadedSnippet {
        let source = Source {
            origin: "t.yaml".into(),
            text: Cow::Borrowed(text),
            built_in: false,
        };
        let snippet = read_snippet(&source).unwrap();
        LoadedSnippet {
            id: "t".into(),
            source,
            snippet,
        }
    }

    const DOC: &str = "title: T\ncategory: C\nquestions:\n  - id: police\n    ask: A?\n    type: yes-no\nblocks:\n  - text: Same words.\n  - when: police\n    text: >-\n      Same words\n      and LINK here.\n";

    #[test]
    fn blocks_are_found_in_order_even_when_their_text_repeats() {
        let s = loaded(DOC);
        let spans = block_spans(&s);
        assert_eq!(line_col(DOC, spans[0].text.unwrap()), (8, 11));
        assert_eq!(line_col(DOC, spans[1].when.unwrap()), (9, 11));
        assert_eq!(line_col(DOC, spans[1].text.unwrap()), (11, 7));
        assert_eq!(locate_in_block(&s, &spans, 1, "LINK"), Some((12, 11)));
        // Not in the file verbatim: the block itself.
        assert_eq!(locate_in_block(&s, &spans, 1, "nowhere"), Some((11, 7)));
    }

    #[test]
    fn words_are_matched_whole() {
        assert_eq!(find_word("police_report or police", "police"), Some(17));
        assert_eq!(find_word("a {{ b", "{{"), Some(2));
    }
}
