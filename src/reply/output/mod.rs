//! Turning a checked reply into what the advocate pastes: the body in one format, inside the
//! library's frame for that format.
//!
//! Every format walks the same paragraphs and segments, so a format can only differ in how it
//! escapes text and writes a link, never in which words it keeps.

mod frame;
mod html;
mod markdown;

use serde::Deserialize;

use crate::reply::paragraphs::{Reply, Segment};

pub use frame::{FrameValues, assemble};

/// What the helpdesk editor takes: plain text, Markdown, or rich text (HTML).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One paragraph per line, a blank line between paragraphs
    #[default]
    Text,
    /// CommonMark: the same paragraphs, links as links, every special character escaped
    Markdown,
    /// A fragment of `<p>` elements with `<a href>` links, for rich-text editors
    Html,
}

impl Format {
    /// Every format, in the order of [`FRAMES`](crate::library::FRAMES).
    pub const ALL: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// Escapes one line of text (library text or an answer) for this format.
    fn escape(self, text: &str, at_line_start: bool) -> String {
        match self {
            Format::Text => text.to_owned(),
            Format::Markdown => markdown::escape(text, at_line_start),
            Format::Html => html::escape(text),
        }
    }

    /// Writes a link whose visible text is the URL, as the approved wording shows it.
    fn link(self, url: &str) -> String {
        match self {
            Format::Text => url.to_owned(),
            Format::Markdown => markdown::link(url),
            Format::Html => html::link(url),
        }
    }

    /// Joins the lines of a multi-line value (a signature) inside one paragraph.
    fn line_break(self) -> &'static str {
        match self {
            Format::Text => "\n",
            // A backslash at the end of a line is CommonMark's visible hard line break.
            Format::Markdown => "\\\n",
            Format::Html => "<br>\n",
        }
    }

    /// Escapes a value the advocate gave (name, signature): each line escaped as if it began a
    /// line (the frame decides where it lands), lines joined by the format's line break.
    pub fn escape_lines(self, value: &str) -> String {
        value
            .lines()
            .map(|line| self.escape(line, true))
            .collect::<Vec<_>>()
            .join(self.line_break())
    }
}

/// The reply's paragraphs in `format`, without a frame and without a final newline.
pub fn body(format: Format, reply: &Reply) -> String {
    let paragraphs = reply.paragraphs.iter().map(|paragraph| {
        let mut line = String::new();
        for segment in paragraph {
            match segment {
                Segment::Text(s) | Segment::Answer(s) => {
                    line.push_str(&format.escape(s, line.is_empty()));
                }
                Segment::Link { url, .. } => line.push_str(&format.link(url)),
            }
        }
        match format {
            Format::Html => format!("<p>{line}</p>"),
            Format::Text | Format::Markdown => line,
        }
    });
    let separator = match format {
        Format::Html => "\n",
        Format::Text | Format::Markdown => "\n\n",
    };
    paragraphs.collect::<Vec<_>>().join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply() -> Reply {
        Reply {
            paragraphs: vec![
                vec![
                    Segment::Text("Hi ".into()),
                    Segment::Answer("<b>Sam</b> & {{ 1+1 }}".into()),
                    Segment::Text(",".into()),
                ],
                vec![
                    Segment::Text("See: ".into()),
                    Segment::Link {
                        name: "x".into(),
                        url: "https://example.org/a?b=1&c=2".into(),
                    },
                    Segment::Text(" now.".into()),
                ],
            ],
        }
    }

    #[test]
    fn text_keeps_every_character_as_typed() {
        assert_eq!(
            body(Format::Text, &reply()),
            "Hi <b>Sam</b> & {{ 1+1 }},\n\nSee: https://example.org/a?b=1&c=2 now."
        );
    }

    #[test]
    fn markdown_escapes_answers_and_makes_links() {
        assert_eq!(
            body(Format::Markdown, &reply()),
            "Hi \\<b\\>Sam\\</b\\> & {{ 1+1 }},\n\nSee: <https://example.org/a?b=1&c=2> now."
        );
    }

    #[test]
    fn html_is_paragraphs_with_escaped_text_and_real_links() {
        assert_eq!(
            body(Format::Html, &reply()),
            "<p>Hi &lt;b&gt;Sam&lt;/b&gt; &amp; {{ 1+1 }},</p>\n\
             <p>See: <a href=\"https://example.org/a?b=1&amp;c=2\">https://example.org/a?b=1&amp;c=2</a> now.</p>"
        );
    }

    #[test]
    fn multi_line_values_use_the_format_line_break() {
        assert_eq!(
            Format::Text.escape_lines("Take care,\nSam"),
            "Take care,\nSam"
        );
        assert_eq!(
            Format::Markdown.escape_lines("Take care,\n- Sam"),
            "Take care,\\\n\\- Sam"
        );
        assert_eq!(
            Format::Html.escape_lines("Take care,\nSam & Al"),
            "Take care,<br>\nSam &amp; Al"
        );
    }
}
