//! Turning a checked reply into the text the advocate pastes.

use crate::reply::{Reply, Segment};

/// One paragraph per line, a blank line between paragraphs, one final newline; no wrapping
/// (helpdesks reflow).
pub fn text(reply: &Reply) -> String {
    let mut out = String::new();
    for (i, paragraph) in reply.paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        for segment in paragraph {
            match segment {
                Segment::Text(s) | Segment::Answer(s) => out.push_str(s),
                Segment::Link { url, .. } => out.push_str(url),
            }
        }
    }
    out.push('\n');
    out
}
