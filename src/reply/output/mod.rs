//! Turning a checked reply into what the advocate pastes: the body in one format, inside the
//! library's frame for that format.
//!
//! Every format walks the same paragraphs and segments, so a format can only differ in how it
//! escapes text and writes a link, never in which words it keeps.

mod format;
mod frame;
mod html;
mod markdown;

use crate::reply::paragraphs::{Reply, Segment};

pub use format::Format;
pub use frame::{FrameValues, assemble};

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
                        url: "https://court-help.org/a?b=1&c=2".into(),
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
            "Hi <b>Sam</b> & {{ 1+1 }},\n\nSee: https://court-help.org/a?b=1&c=2 now."
        );
    }

    #[test]
    fn markdown_escapes_answers_and_makes_links() {
        assert_eq!(
            body(Format::Markdown, &reply()),
            "Hi \\<b\\>Sam\\</b\\> & {{ 1+1 }},\n\nSee: <https://court-help.org/a?b=1&c=2> now."
        );
    }

    #[test]
    fn html_is_paragraphs_with_escaped_text_and_real_links() {
        assert_eq!(
            body(Format::Html, &reply()),
            "<p>Hi &lt;b&gt;Sam&lt;/b&gt; &amp; {{ 1+1 }},</p>\n\
             <p>See: <a href=\"https://court-help.org/a?b=1&amp;c=2\">https://court-help.org/a?b=1&amp;c=2</a> now.</p>"
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
