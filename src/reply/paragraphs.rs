//! The rendered reply as paragraphs of segments, so later steps can tell library text from
//! what the advocate typed and from links.
//!
//! Rendering writes a slot character for each answer and link it prints (see
//! [`render`](super::render)); [`Reply::parse`] cuts the rendered text at those slots and
//! puts in what each stands for. Whitespace left by skipped parts and by empty answers is
//! tidied here.

use crate::reply::render::Slot;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// Text from the library: judged by the guard.
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

/// What the slots of a render stand for.
pub trait Slots {
    /// The advocate's value number `n` of the render.
    fn typed(&self, n: usize) -> Option<&str>;
    /// The name of registry link number `n`.
    fn link(&self, n: usize) -> Option<&str>;
}

impl Reply {
    /// Tidies rendered block texts into paragraphs: split at blank lines, whitespace runs
    /// folded to one space (helpdesks reflow, and skipped inline parts leave gaps; only ASCII
    /// whitespace, so a no-break space in approved text stays), empty paragraphs dropped. A
    /// slot nothing stands for (which rendering never writes) is dropped.
    pub fn parse<'a>(
        rendered_blocks: impl IntoIterator<Item = &'a str>,
        slots: &dyn Slots,
    ) -> Reply {
        let mut paragraphs = Vec::new();
        for block in rendered_blocks {
            for raw in split_paragraphs(block) {
                let paragraph = tidy(segments(&raw, slots));
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

/// Cuts one paragraph into segments at the slots.
fn segments(text: &str, slots: &dyn Slots) -> Paragraph {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        // The state's slot stays in the text, for `check` to put each name in.
        let Some(slot) = Slot::from_char(c).filter(|s| *s != Slot::State) else {
            current.push(c);
            continue;
        };
        let segment = match slot {
            Slot::Typed(n) => slots.typed(n).map(|t| Segment::Answer(t.to_owned())),
            Slot::Link(n) => slots.link(n).map(|name| Segment::Link {
                name: name.to_owned(),
                url: String::new(),
            }),
            Slot::Body | Slot::State => None,
        };
        if let Some(segment) = segment {
            if !current.is_empty() {
                out.push(Segment::Text(std::mem::take(&mut current)));
            }
            out.push(segment);
        }
    }
    if !current.is_empty() {
        out.push(Segment::Text(current));
    }
    out
}

/// Folds whitespace runs to one space, drops empty answers and the gap they leave (`Dear ,`
/// becomes `Dear,`), and drops a paragraph that shows nothing.
fn tidy(segments: Paragraph) -> Paragraph {
    // Empty answers go first, so the text on either side joins up.
    let mut joined: Paragraph = Vec::new();
    let mut after_empty = false;
    for segment in segments {
        match segment {
            Segment::Answer(a) if a.is_empty() => after_empty = true,
            Segment::Text(t) => match joined.last_mut() {
                Some(Segment::Text(before)) => {
                    if after_empty && t.starts_with([',', '.', ';', ':', '!', '?', ')']) {
                        let trimmed = before.trim_end_matches(|c: char| c.is_ascii_whitespace());
                        before.truncate(trimmed.len());
                    }
                    before.push_str(&t);
                    after_empty = false;
                }
                _ => {
                    joined.push(Segment::Text(t));
                    after_empty = false;
                }
            },
            other => {
                joined.push(other);
                after_empty = false;
            }
        }
    }
    let mut out: Paragraph = Vec::new();
    let last = joined.len().saturating_sub(1);
    for (i, segment) in joined.into_iter().enumerate() {
        match segment {
            Segment::Text(t) => {
                let mut folded = t.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
                let space = |c: char| c.is_ascii_whitespace();
                if i > 0 && t.starts_with(space) {
                    folded.insert(0, ' ');
                }
                if i < last && t.ends_with(space) && !folded.ends_with(' ') {
                    folded.push(' ');
                }
                out.push(Segment::Text(folded));
            }
            other => out.push(other),
        }
    }
    if let Some(Segment::Text(first)) = out.first_mut() {
        *first = first.trim_start().to_owned();
    }
    if let Some(Segment::Text(end)) = out.last_mut() {
        *end = end.trim_end().to_owned();
    }
    out.retain(|s| !matches!(s, Segment::Text(t) if t.is_empty()));
    // Text that is only spaces next to a dropped part adds nothing a reader would see.
    if out
        .iter()
        .all(|s| matches!(s, Segment::Text(t) if t.trim().is_empty()))
    {
        out.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Table;

    impl Slots for Table {
        fn typed(&self, n: usize) -> Option<&str> {
            ["Sam", ""].get(n).copied()
        }
        fn link(&self, n: usize) -> Option<&str> {
            ["crimes"].get(n).copied()
        }
    }

    fn text(s: &str) -> Segment {
        Segment::Text(s.into())
    }

    fn slot(s: Slot) -> String {
        let c = match s {
            Slot::Typed(n) => char::from_u32(0xF_0000 + n as u32),
            Slot::Link(n) => char::from_u32(0xF_8000 + n as u32),
            Slot::Body | Slot::State => None,
        };
        c.expect("a slot").to_string()
    }

    #[test]
    fn blocks_and_blank_lines_make_paragraphs_and_gaps_are_tidied() {
        let reply = Reply::parse(
            ["One  two\nthree.\n\n\n  Four.  ", "", "   \n", "Five."],
            &Table,
        );
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
    fn slots_become_answer_and_link_segments() {
        let marked = format!(
            "Hi {}, see {} now",
            slot(Slot::Typed(0)),
            slot(Slot::Link(0))
        );
        let reply = Reply::parse([marked.as_str()], &Table);
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

    #[test]
    fn an_empty_answer_leaves_no_gap() {
        let marked = format!(
            "Dear {}, thank you. Hello {} and bye.",
            slot(Slot::Typed(1)),
            slot(Slot::Typed(1))
        );
        let reply = Reply::parse([marked.as_str()], &Table);
        assert_eq!(
            reply.paragraphs,
            vec![vec![text("Dear, thank you. Hello and bye.")]]
        );
        let only = slot(Slot::Typed(1));
        assert_eq!(Reply::parse([only.as_str()], &Table).paragraphs.len(), 0);
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        proptest! {
            #[test]
            fn tidying_keeps_every_sentence_in_order(
                paragraphs in prop::collection::vec(prop::collection::vec("[A-Za-z’“”,.–/-]{1,10}", 1..8), 1..6),
                gaps in prop::collection::vec(prop::sample::select(vec![" ", "  ", "\n", " \n ", "\t "]), 64),
                blank in "[ \\t]{0,3}",
            ) {
                // Words laid out as an editor might: odd spacing and line breaks inside a
                // paragraph, blank lines (perhaps holding spaces) between paragraphs.
                let mut g = gaps.iter().cycle();
                let block = paragraphs
                    .iter()
                    .map(|words| words.iter().map(|w| format!("{w}{}", g.next().copied().unwrap_or(" "))).collect::<String>())
                    .collect::<Vec<_>>()
                    .join(&format!("\n{blank}\n"));
                let reply = Reply::parse([block.as_str()], &Table);
                let got: Vec<String> = reply
                    .paragraphs
                    .iter()
                    .map(|p| match p.as_slice() {
                        [Segment::Text(t)] => t.clone(),
                        other => format!("{other:?}"),
                    })
                    .collect();
                let want: Vec<String> = paragraphs.iter().map(|words| words.join(" ")).collect();
                prop_assert_eq!(got, want);
            }
        }
    }
}
