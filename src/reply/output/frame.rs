//! Frames: the library's `templates/<format>.jinja`, which wrap the body with an optional
//! greeting (`--name`) and closing (the advocate's signature from the config file).
//!
//! A frame renders through the same engine as the blocks: the name and the signature are
//! the advocate's values (slots, escaped for the format, never judged, never template code)
//! and the body is one slot the formatted body goes into. Everything else the frame writes
//! is library text, which the guard judges line by line and which goes out escaped for the
//! format like the body's; in an HTML frame its `<p>` and `<br>` tags are the format's, not
//! prose, left out of what is judged and kept as tags.

use std::sync::LazyLock;

use anyhow::{Result, bail};
use regex::Regex;

use super::format::Format;
use crate::clean::shows_nothing;
use crate::library::values::one_line;
use crate::reply::paragraphs::{Paragraph, Segment};
use crate::reply::render::{BODY_CHAR, Context, Slot};

/// What the advocate gives the frame. Neither value is ever stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameValues {
    /// Whom to greet; one line.
    pub name: Option<String>,
    /// The closing; may hold several lines (`Take care,` then a name).
    pub signature: Option<String>,
}

impl FrameValues {
    /// Cleans what the advocate gave as answers are cleaned ([`one_line`]): no control or bidi
    /// characters, no line that shows nothing (blank, or a zero-width space); the name folded to
    /// one line.
    pub fn new(name: Option<&str>, signature: Option<&str>) -> FrameValues {
        let name = name.map(one_line).filter(|n| !shows_nothing(n));
        let signature = signature
            .map(|s| {
                s.lines()
                    .map(one_line)
                    .filter(|l| !shows_nothing(l))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .filter(|s| !s.is_empty());
        FrameValues { name, signature }
    }

    /// The frame's template values: the two values as the advocate's, and the body.
    pub fn context(&self) -> Context {
        let mut ctx = Context::default();
        for (key, value) in [("name", &self.name), ("signature", &self.signature)] {
            match value {
                Some(v) => ctx.typed(key, v),
                None => ctx.library(key, minijinja::Value::from(())),
            }
        }
        ctx.body();
        ctx
    }
}

/// The tags an HTML frame may write around its text.
static HTML_TAGS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</?p>|<br\s*/?>").expect("valid"));

/// A frame's own text in `format`: escaped like library text, but the `<p>` and `<br>` tags
/// of an HTML frame, which are the format's.
fn escape_own_text(format: Format, text: &str, line_start: bool) -> String {
    match format {
        Format::Text => text.to_owned(),
        Format::Markdown => format.escape(text, line_start),
        Format::Html => {
            let mut out = String::new();
            let mut last = 0;
            for tag in HTML_TAGS.find_iter(text) {
                out.push_str(&format.escape(&text[last..tag.start()], false));
                out.push_str(tag.as_str());
                last = tag.end();
            }
            out.push_str(&format.escape(&text[last..], false));
            out
        }
    }
}

/// A rendered frame, taken apart: the document it makes around `body`, and its own lines
/// as the guard judges them (the advocate's values as answers, the body left out).
pub fn assemble(
    format: Format,
    origin: &str,
    rendered: &str,
    typed: &[String],
    body: &str,
) -> Result<(String, Vec<Paragraph>)> {
    let bodies = rendered
        .chars()
        .filter(|&c| Slot::from_char(c) == Some(Slot::Body))
        .count();
    if bodies != 1 {
        // A frame that drops the body, or prints it twice, would send the wrong reply.
        bail!(
            "{origin}: the frame prints `{{{{ body }}}}` {bodies} times; it must print it exactly once"
        );
    }
    if let Some(line) = rendered.split('\n').find(|l| l.contains(BODY_CHAR)) {
        let (before, after) = line.split_once(BODY_CHAR).unwrap_or_default();
        let (before, after) = (before.trim_end(), after.trim_start());
        // In HTML a paragraph tag may stand beside it: it ends or starts a paragraph.
        let html = format == Format::Html;
        let ends_apart = before.is_empty()
            || html
                && HTML_TAGS
                    .find_iter(before)
                    .last()
                    .is_some_and(|m| m.end() == before.len());
        let starts_apart =
            after.is_empty() || html && HTML_TAGS.find(after).is_some_and(|m| m.start() == 0);
        if !(ends_apart && starts_apart) {
            // Words beside the body would join its first or last words ("To" + "do: …"),
            // which neither the frame's nor the body's judging would see.
            bail!(
                "{origin}: the frame must print `{{{{ body }}}}` on a line of its own, with nothing beside it"
            );
        }
    }
    let mut document = String::new();
    let mut lines: Vec<Paragraph> = Vec::new();
    for line in rendered.split('\n') {
        let mut judged: Paragraph = Vec::new();
        let mut text = String::new();
        let mut line_start = true;
        // The frame's own words go out escaped like the body's: they show exactly as the
        // guard judged them, never as markup a reader would turn into other words
        // (`&#76;` or a `===` heading line in Markdown).
        let mut flush = |text: &mut String, judged: &mut Paragraph, document: &mut String| {
            if !text.is_empty() {
                let prose = match format {
                    Format::Html => HTML_TAGS.replace_all(text, " ").into_owned(),
                    Format::Text | Format::Markdown => text.clone(),
                };
                document.push_str(&escape_own_text(format, text, line_start));
                judged.push(Segment::Text(prose));
                text.clear();
            }
            line_start = false;
        };
        for c in line.chars() {
            match Slot::from_char(c) {
                None => text.push(c),
                Some(slot) => {
                    flush(&mut text, &mut judged, &mut document);
                    match slot {
                        Slot::Typed(n) => {
                            let value = typed.get(n).map(String::as_str).unwrap_or_default();
                            document.push_str(&format.escape_lines(value));
                            judged.push(Segment::Answer(String::new()));
                        }
                        // The body was judged as the body; in the frame it is a stand-in.
                        Slot::Body => {
                            document.push_str(body);
                            judged.push(Segment::Answer(String::new()));
                        }
                        Slot::Link(_) | Slot::State => {
                            bail!("{origin}: a frame cannot use `link()` or `state`")
                        }
                    }
                }
            }
        }
        flush(&mut text, &mut judged, &mut document);
        document.push('\n');
        if judged
            .iter()
            .any(|s| matches!(s, Segment::Text(t) if !t.trim().is_empty()))
        {
            lines.push(judged);
        } else {
            lines.push(Vec::new());
        }
    }
    Ok((format!("{}\n", document.trim()), paragraphs(lines)))
}

/// The frame's lines as a reader sees them: lines next to each other are one paragraph in
/// Markdown and HTML (and read on in text), so `T` `B` `D` on three lines is judged as
/// `T B D`. A paragraph is judged at its first line; the lines it took are left empty.
fn paragraphs(mut lines: Vec<Paragraph>) -> Vec<Paragraph> {
    let mut first: Option<usize> = None;
    for i in 0..lines.len() {
        match (first, lines[i].is_empty()) {
            (_, true) => first = None,
            (None, false) => first = Some(i),
            (Some(f), false) => {
                let line = std::mem::take(&mut lines[i]);
                lines[f].push(Segment::Text(" ".to_owned()));
                lines[f].extend(line);
            }
        }
    }
    lines
}
