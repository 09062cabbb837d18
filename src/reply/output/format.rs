//! The formats a reply comes in, and how each escapes text and writes a link.

use super::{html, markdown};

/// What the helpdesk editor takes: plain text, Markdown, or rich text (HTML).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// One paragraph per line, a blank line between paragraphs.
    #[default]
    Text,
    /// CommonMark: the same paragraphs, links as links, every special character escaped.
    Markdown,
    /// A fragment of `<p>` elements with `<a href>` links, for rich-text editors.
    Html,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// Escapes one line of text (library text or an answer) for this format.
    pub(super) fn escape(self, text: &str, at_line_start: bool) -> String {
        match self {
            Format::Text => text.to_owned(),
            Format::Markdown => markdown::escape(text, at_line_start),
            Format::Html => html::escape(text),
        }
    }

    /// Writes a link whose visible text is the URL, as the approved wording shows it.
    pub(super) fn link(self, url: &str) -> String {
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
