//! The rendered reply as paragraphs of segments, so later steps can tell library text from
//! what the advocate typed and from links.
//!
//! Rendering marks answers and links in its output with private-use characters; [`Reply::parse`]
//! turns that marked string into segments. Those characters are stripped from every text that
//! enters the program, so the marks cannot be forged by a snippet or an answer.

/// Opens and closes a text answer in rendered output.
pub const ANSWER_OPEN: char = '\u{E000}';
pub const ANSWER_CLOSE: char = '\u{E001}';
/// Opens and closes a link name in rendered output; the URL is filled in after rendering.
pub const LINK_OPEN: char = '\u{E002}';
pub const LINK_CLOSE: char = '\u{E003}';

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// Approved text from the library.
    Text(String),
    /// What the advocate typed; escaped for the format, never judged by the guard.
    Answer(String),
    /// A link from the registry, by name; `url` is set once the jurisdiction is known.
    Link { name: String, url: String },
}

pub type Paragraph = Vec<Segment>;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    pub paragraphs: Vec<Paragraph>,
}

impl Reply {
    /// Tidies rendered block texts into paragraphs: split at blank lines, whitespace runs
    /// folded to one space (helpdesks reflow, and skipped inline parts leave gaps; only ASCII
    /// whitespace, so a no-break space in approved text stays), empty
    /// paragraphs dropped.
    pub fn parse<'a>(rendered_blocks: impl IntoIterator<Item = &'a str>) -> Reply {
        let mut paragraphs = Vec::new();
        for block in rendered_blocks {
            for raw in split_paragraphs(block) {
                let folded = raw.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
                let paragraph = segments(&folded);
                if !paragraph.is_empty() {
                    paragraphs.push(paragraph);
                }
            }
        }
        Reply { paragraphs }
    }

    /// Every link name the reply uses, in order of first use.
    pub fn link_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for segment in self.paragraphs.iter().flatten() {
            if let Segment::Link { name, .. } = segment {
                if !names.contains(&name.as_str()) {
                    names.push(name);
                }
            }
        }
        names
    }

    /// Sets each link's URL from `url_of(name)`.
    pub fn fill_links(&mut self, mut url_of: impl FnMut(&str) -> String) {
        for segment in self.paragraphs.iter_mut().flatten() {
            if let Segment::Link { name, url } = segment {
                *url = url_of(name);
            }
        }
    }

    /// Joins replies in order: several snippets make one reply.
    pub fn append(&mut self, other: Reply) {
        self.paragraphs.extend(other.paragraphs);
    }
}

/// Splits at lines that are empty or hold only whitespace.
fn split_paragraphs(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for line in text.lines() {
        if line.trim().is_empty() {
            if !out.last().is_some_and(String::is_empty) {
                out.push(String::new());
            }
        } else {
            let current = out.last_mut().expect("never empty");
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(line);
        }
    }
    out
}

/// Cuts one folded paragraph into segments at the marks.
fn segments(text: &str) -> Paragraph {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(open) = rest.find([ANSWER_OPEN, LINK_OPEN]) else {
            push_text(&mut out, rest);
            break;
        };
        push_text(&mut out, &rest[..open]);
        let mark = rest[open..].chars().next().expect("found a mark");
        let close = if mark == ANSWER_OPEN {
            ANSWER_CLOSE
        } else {
            LINK_CLOSE
        };
        let inner_start = open + mark.len_utf8();
        let Some(len) = rest[inner_start..].find(close) else {
            // A mark without its close cannot come from rendering; keep the text, drop the mark.
            push_text(&mut out, &rest[inner_start..]);
            break;
        };
        let inner = rest[inner_start..inner_start + len].to_owned();
        out.push(if mark == ANSWER_OPEN {
            Segment::Answer(inner)
        } else {
            Segment::Link {
                name: inner,
                url: String::new(),
            }
        });
        rest = &rest[inner_start + len + close.len_utf8()..];
    }
    // Text that is only spaces next to a dropped part adds nothing a reader would see.
    if out
        .iter()
        .all(|s| matches!(s, Segment::Text(t) if t.trim().is_empty()))
    {
        out.clear();
    }
    out
}

fn push_text(out: &mut Paragraph, text: &str) {
    if !text.is_empty() {
        out.push(Segment::Text(text.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Segment {
        Segment::Text(s.into())
    }

    #[test]
    fn blocks_and_blank_lines_make_paragraphs_and_gaps_are_tidied() {
        let reply = Reply::parse(["One  two\nthree.\n\n\n  Four.  ", "", "   \n", "Five."]);
        assert_eq!(
            reply.paragraphs,
            vec![
                vec![text("One two three.")],
                vec![text("Four.")],
                vec![text("Five.")]
            ]
        );
    }

    #[test]
    fn marks_become_answer_and_link_segments() {
        let marked =
            format!("Hi {ANSWER_OPEN}Sam{ANSWER_CLOSE}, see {LINK_OPEN}crimes{LINK_CLOSE} now");
        let reply = Reply::parse([marked.as_str()]);
        assert_eq!(
            reply.paragraphs[0],
            vec![
                text("Hi "),
                Segment::Answer("Sam".into()),
                text(", see "),
                Segment::Link {
                    name: "crimes".into(),
                    url: String::new()
                },
                text(" now"),
            ]
        );
        assert_eq!(reply.link_names(), vec!["crimes"]);
    }
}
