//! Inside a paragraph: approved text copied verbatim, placeholders (`LINK`, `NAME`, `STATE`,
//! `[HYPERLINK TO ...]`) turned into template calls, inline directives into conditional
//! pieces, and anything else that looks like an editor's note kept as written and reported.

use std::collections::HashMap;

use super::directive;
use super::importer::{Importer, WRITER_NAME};
use super::layout::{collapse, directive_colon, literal};
use crate::library::snippet::{Question, QuestionKind};

/// Conditional pieces inside conditional pieces deeper than this are left as written: no
/// real text nests them, and unbounded nesting would exhaust the stack.
const MAX_NESTING: usize = 4;
/// How far back from a link placeholder its describing words are looked for, in bytes.
const CONTEXT_BYTES: usize = 240;

/// Placeholder words of the legacy texts that have no meaning to import.
const UNKNOWN_MARKERS: &[&str] = &["XXX", "TBD", "TODO", "FIXME"];
/// How a bracket or a placeholder may name the page it links to.
const LINK_LEADS: &[&str] = &[
    "HYPERLINK TO ",
    "LINK TO ",
    "INSERT LINK TO ",
    "INSERT HYPERLINK TO ",
    "ADD LINK TO ",
    "ADD HYPERLINK TO ",
];
/// Template syntax in a legacy text is not template code: it is printed as itself.
const TEMPLATE_OPENERS: &[&str] = &["{{", "{%", "{#"];

/// A piece of legacy text being converted: the text, where it starts in the whole text, and
/// its brackets matched in one pass (so each `[` costs no scan of its own).
struct Piece<'s> {
    s: &'s str,
    base: usize,
    pairs: HashMap<usize, usize>,
}

impl Importer<'_> {
    /// `s` (found at byte `base` of the whole text) as template text.
    pub(super) fn convert(&mut self, s: &str, base: usize) -> String {
        let piece = Piece {
            s,
            base,
            pairs: bracket_pairs(s),
        };
        let mut out = String::with_capacity(s.len() + 32);
        let mut i = 0;
        while let Some(c) = s[i..].chars().next() {
            let word_start = s[..i]
                .chars()
                .next_back()
                .is_none_or(|p| !p.is_alphanumeric());
            let rest = &s[i..];
            i = if c == '[' {
                self.bracket(&piece, i, &mut out)
            } else if c == ']' {
                self.unclassified(base + i, "]", "a closing bracket without its opening one");
                out.push(']');
                i + 1
            } else if word_start && (rest.starts_with("https://") || rest.starts_with("http://")) {
                self.url(&piece, i, &mut out)
            } else if let Some(t) = TEMPLATE_OPENERS.iter().find(|t| rest.starts_with(**t)) {
                self.unclassified(
                    base + i,
                    t,
                    "template syntax in the legacy text; kept as text, which the guard refuses",
                );
                out.push_str(&literal(t));
                i + t.len()
            } else if word_start && c.is_ascii_uppercase() {
                self.capitals(&piece, i, &mut out)
            } else if c == '{' {
                out.push_str(&literal("{"));
                i + 1
            } else if c == '\n' {
                // Lines of one paragraph are one paragraph: helpdesks reflow anyway.
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push(' ');
                i + 1 + (s[i + 1..].len() - s[i + 1..].trim_start_matches([' ', '\t']).len())
            } else {
                out.push(c);
                i + c.len_utf8()
            };
        }
        out
    }

    fn unclassified(&mut self, offset: usize, found: &str, why: &str) {
        let at = self.at(offset);
        Self::note(&mut self.report.unclassified, at, found, why);
    }

    /// A bracket: a link placeholder, a conditional piece, or an editor's note kept as is.
    fn bracket(&mut self, piece: &Piece, i: usize, out: &mut String) -> usize {
        let (s, base) = (piece.s, piece.base);
        let Some(&j) = piece.pairs.get(&i) else {
            self.unclassified(base + i, "[", "an opening bracket that is never closed");
            out.push('[');
            return i + 1;
        };
        let inner = &s[i + 1..j];
        let words = collapse(&directive::straighten(inner));
        if !words.chars().any(char::is_lowercase) {
            let description = if words == "LINK" || words == "HYPERLINK" {
                Some(None)
            } else {
                LINK_LEADS
                    .iter()
                    .find_map(|lead| words.strip_prefix(lead))
                    .map(Some)
            };
            if let Some(description) = description {
                return self.slot(piece, i, j + 1, description, out);
            }
        }
        let colon = directive_colon(inner).filter(|_| self.nesting < MAX_NESTING);
        if let Some(colon) = colon {
            let content = &inner[colon + 1..];
            if let (Some(d), false) = (
                directive::parse(&inner[..=colon]),
                content.trim().is_empty(),
            ) {
                let lead = content.len() - content.trim_start().len();
                let content = content.trim();
                let at = self.at(base + i);
                let written = &s[i..=i + 1 + colon];
                let (when, _) = self.condition(&d, written, content, at);
                self.nesting += 1;
                let piece = self.convert(content, base + i + 1 + colon + 1 + lead);
                self.nesting -= 1;
                out.push_str(&format!("{{% if {when} %}}{piece}{{% endif %}}"));
                return j + 1;
            }
        }
        let why = if self.nesting >= MAX_NESTING {
            "conditional pieces nested too deep inside each other"
        } else if words.contains("ADD LINK") {
            "a link instruction with no LINK placeholder before it"
        } else if directive::parse(words.trim_end_matches([':', ' '])).is_some() {
            "a directive in the middle of a paragraph, with no text of its own"
        } else {
            "a bracketed note that is not a directive or placeholder import knows"
        };
        self.unclassified(base + i, &s[i..=j], why);
        out.push_str(&literal(&s[i..=j]));
        j + 1
    }

    /// A word in capitals: `LINK TO THE ... PAGE`, `LINK`, `NAME`, `STATE`, a run of
    /// capitals that reads like a directive, or just a word.
    fn capitals(&mut self, piece: &Piece, i: usize, out: &mut String) -> usize {
        let (s, base) = (piece.s, piece.base);
        let rest = &s[i..];
        for lead in ["HYPERLINK TO ", "LINK TO "] {
            if let Some(after) = rest.strip_prefix(lead) {
                let end = i + lead.len() + capitals_end(after);
                let description = s[i + lead.len()..end].trim();
                if !description.is_empty() {
                    return self.slot(piece, i, end, Some(description), out);
                }
            }
        }
        let (count, run_end) = capital_words(rest);
        if count >= 3 {
            self.unclassified(
                base + i,
                &rest[..run_end],
                "words in capitals that read like a directive import does not know",
            );
            out.push_str(&literal(&rest[..run_end]));
            return i + run_end;
        }
        let word_len = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        let word = &rest[..word_len];
        let at = self.at(base + i);
        match word {
            "LINK" | "HYPERLINK" => {
                return self.slot(piece, i, i + word_len, None, out);
            }
            "NAME" => {
                self.writer_name();
                Self::note(
                    &mut self.report.variables,
                    at,
                    word,
                    format!(
                        "{{{{ {WRITER_NAME} }}}}: a text question (`name` is reserved for the program)"
                    ),
                );
                out.push_str(&format!("{{{{ {WRITER_NAME} }}}}"));
            }
            "STATE" => {
                Self::note(
                    &mut self.report.variables,
                    at,
                    word,
                    "{{ state }}: the jurisdiction's name, asked once per reply",
                );
                out.push_str("{{ state }}");
            }
            w if UNKNOWN_MARKERS.contains(&w) => {
                self.unclassified(base + i, w, "a placeholder with nothing to fill it from");
                out.push_str(w);
            }
            w => out.push_str(w),
        }
        i + word_len
    }

    /// A link placeholder from `i` to `end`, with the `[USE 'ADD LINK' ...]` instruction that
    /// may follow it, becomes one `link(...)` call.
    fn slot(
        &mut self,
        piece: &Piece,
        i: usize,
        end: usize,
        description: Option<&str>,
        out: &mut String,
    ) -> usize {
        let (s, base) = (piece.s, piece.base);
        let end = link_instruction_end(s, end, &piece.pairs).unwrap_or(end);
        let suggestion = self.namer.suggest(description, sentence_before(s, i));
        out.push_str(&format!("{{{{ link(\"{}\") }}}}", suggestion.name));
        let at = self.at(base + i);
        Self::note(
            &mut self.report.links,
            at,
            &s[i..end],
            format!("link(\"{}\"): {}", suggestion.name, suggestion.why),
        );
        if let Some(stub) = suggestion.stub {
            self.report.stubs.entry(suggestion.name).or_insert(stub);
        }
        end
    }

    /// A URL: a `link(...)` call when the registry has it for every state, else as written.
    fn url(&mut self, piece: &Piece, i: usize, out: &mut String) -> usize {
        let (s, base) = (piece.s, piece.base);
        let rest = &s[i..];
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '[' | ']'))
            .unwrap_or(rest.len());
        let url = rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '”', '’', '\'']);
        let at = self.at(base + i);
        match self.namer.url(url).map(str::to_owned) {
            Some(name) => {
                out.push_str(&format!("{{{{ link(\"{name}\") }}}}"));
                Self::note(
                    &mut self.report.links,
                    at,
                    url,
                    format!("link(\"{name}\"): the URL of that links.yaml entry"),
                );
            }
            None => {
                out.push_str(&literal(url));
                Self::note(
                    &mut self.report.urls_kept,
                    at,
                    url,
                    "kept as written: no links.yaml entry has this URL for every state",
                );
            }
        }
        i + url.len().max(1)
    }

    fn writer_name(&mut self) {
        if !self.questions.iter().any(|q| q.id == WRITER_NAME) {
            self.questions.push(Question {
                id: WRITER_NAME.to_owned(),
                ask: "What is the writer's name, as the reply should use it?".to_owned(),
                kind: QuestionKind::Text,
                choices: Vec::new(),
                default: None,
                help: Some("The legacy text had the placeholder NAME here.".to_owned()),
            });
        }
    }
}

/// The sentence before byte `i`, the words that describe a placeholder there. A URL ends a
/// sentence too: the seed's `... safety-tips If you ...` has no full stop after it.
fn sentence_before(s: &str, i: usize) -> &str {
    let mut from = i.saturating_sub(CONTEXT_BYTES);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let before = &s[from..i];
    let sentence_end = [". ", "? ", "! "]
        .iter()
        .filter_map(|b| before.rfind(b).map(|at| at + b.len()));
    let url_end = ["https://", "http://"].iter().filter_map(|scheme| {
        let at = before.rfind(scheme)?;
        Some(
            before[at..]
                .find(char::is_whitespace)
                .map_or(before.len(), |len| at + len),
        )
    });
    &before[sentence_end.chain(url_end).max().unwrap_or(0)..]
}

/// Where a description in capitals ends: `THE SECOND QUESTION ON THE CRIMES PAGE`, up to a
/// word with lower case, a bracket, or punctuation after a word.
fn capitals_end(s: &str) -> usize {
    let mut end = 0;
    let mut pos = 0;
    loop {
        let tail = &s[pos..];
        let start = pos + tail.len() - tail.trim_start().len();
        let len = s[start..]
            .find(|c: char| c.is_whitespace() || c == '[')
            .unwrap_or(s.len() - start);
        let token = &s[start..start + len];
        let core = token.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        if core.is_empty()
            || core.chars().any(char::is_lowercase)
            || !core.chars().any(char::is_uppercase)
        {
            return end;
        }
        end = start + core.len();
        pos = start + len;
        if core.len() < token.len() {
            return end;
        }
    }
}

/// How many words in capitals (two letters or more, no lower case) start `s`, and where the
/// last one ends.
fn capital_words(s: &str) -> (usize, usize) {
    let mut count = 0;
    let mut end = 0;
    let mut pos = 0;
    loop {
        let tail = &s[pos..];
        let start = pos + tail.len() - tail.trim_start_matches(' ').len();
        let len = s[start..]
            .find(|c: char| c.is_whitespace() || c == '[')
            .unwrap_or(s.len() - start);
        let core = s[start..start + len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        let capitals = core.chars().filter(char::is_ascii_uppercase).count();
        if len == 0 || capitals < 2 || core.chars().any(char::is_lowercase) {
            return (count, end);
        }
        count += 1;
        end = start + core.len();
        pos = start + len;
    }
}

/// Each `[` of `s` with its matching `]`, found in one pass.
fn bracket_pairs(s: &str) -> HashMap<usize, usize> {
    let mut open = Vec::new();
    let mut pairs = HashMap::new();
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'[' => open.push(i),
            b']' => {
                if let Some(o) = open.pop() {
                    pairs.insert(o, i);
                }
            }
            _ => {}
        }
    }
    pairs
}

/// The end of a `[USE 'ADD LINK' AT BOTTOM OF THE PAGE]` right after a placeholder.
fn link_instruction_end(s: &str, from: usize, pairs: &HashMap<usize, usize>) -> Option<usize> {
    let rest = &s[from..];
    let open = from + rest.len() - rest.trim_start().len();
    let close = *pairs.get(&open)?;
    let words = directive::straighten(&s[open + 1..close]);
    (words.contains("ADD LINK") && !words.chars().any(char::is_lowercase)).then_some(close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_syntax_in_a_legacy_text_renders_as_itself() {
        assert_eq!(
            literal("a {{ b }} {% c"),
            "a {{ \"{\" }}{{ \"{\" }} b }} {{ \"{\" }}% c"
        );
        assert_eq!(literal("plain “text”"), "plain “text”");
    }

    #[test]
    fn the_sentence_before_a_placeholder_starts_after_a_full_stop_or_a_url() {
        let s = "First. Then here: LINK";
        assert_eq!(sentence_before(s, s.len() - 4), "Then here: ");
        let s = "help: https://x.org/a You can find programs here: LINK";
        assert_eq!(
            sentence_before(s, s.len() - 4),
            " You can find programs here: "
        );
        assert_eq!(sentence_before("LINK", 0), "");
    }

    #[test]
    fn descriptions_end_at_lower_case_brackets_and_punctuation() {
        assert_eq!(
            capitals_end("THE CRIMES PAGE If you"),
            "THE CRIMES PAGE".len()
        );
        assert_eq!(
            capitals_end("THE CRIMES PAGE [USE"),
            "THE CRIMES PAGE".len()
        );
        assert_eq!(
            capitals_end("THE CRIMES PAGE. Then"),
            "THE CRIMES PAGE".len()
        );
        assert_eq!(capitals_end("our page"), 0);
    }

    #[test]
    fn capital_runs_count_words_of_two_capitals_or_more() {
        assert_eq!(capital_words("SKIP TO NEXT PARAGRAPH. Then"), (4, 22));
        assert_eq!(capital_words("LINK If"), (1, 4));
        assert_eq!(capital_words("I AM"), (0, 0));
    }
}
