//! CommonMark escaping: what the advocate and the library wrote must render as those exact
//! characters, never as emphasis, a list, a heading, raw HTML or a link.
//!
//! Characters that are special anywhere are always escaped; characters that are special only
//! at the start of a line (lists, headings, quotes) only there, so approved prose keeps its
//! look when read as plain text (`s/he`, `(or not)` and `–` stay as they are).

/// Special wherever they stand: emphasis, code, links, raw HTML, GFM tables and strikethrough.
const ALWAYS: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~'];
/// Special at the start of a line: headings, lists, setext underlines.
const LINE_START: &[char] = &['#', '-', '+', '='];

/// Escapes one line of text; `at_line_start` when it begins a paragraph or a line.
pub fn escape(text: &str, at_line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line_start = at_line_start;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if line_start && c.is_ascii_digit() {
            // `1.` or `1)` at the start of a line begins an ordered list.
            let digits = text[i..].chars().take_while(char::is_ascii_digit).count();
            let after = &text[i + digits..];
            out.push_str(&text[i..i + digits]);
            for _ in 1..digits {
                chars.next();
            }
            if let Some(marker @ ('.' | ')')) = after.chars().next() {
                out.push('\\');
                out.push(marker);
                chars.next();
            }
            line_start = false;
            continue;
        }
        let special = ALWAYS.contains(&c)
            || (line_start && LINE_START.contains(&c))
            || (c == '&' && is_entity(&text[i..]));
        if special {
            out.push('\\');
        }
        out.push(c);
        line_start = false;
    }
    out
}

/// An autolink whose visible text is the URL. Backslash escapes do not work inside `<…>`, so
/// what would end or break it is percent-encoded instead.
pub fn link(url: &str) -> String {
    let mut out = String::from("<");
    for c in url.chars() {
        if c.is_ascii_graphic() && c != '<' && c != '>' {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out.push('>');
    out
}

/// Whether `&…` reads as an HTML entity (`&amp;`, `&#39;`), which CommonMark would decode.
fn is_entity(rest: &str) -> bool {
    let name = &rest[1..];
    let len = name
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .count();
    len > 0 && name[len..].starts_with(';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_stays_readable() {
        let approved = "It may be up to the district attorney/prosecutor (or not) – s/he didn’t.";
        assert_eq!(escape(approved, true), approved);
    }

    #[test]
    fn formatting_characters_are_escaped() {
        assert_eq!(
            escape("*a* _b_ `c` [d](e)", false),
            r"\*a\* \_b\_ \`c\` \[d\](e)"
        );
        assert_eq!(
            escape("<script>x</script>", false),
            r"\<script\>x\</script\>"
        );
        assert_eq!(escape(r"a\b | ~c~", false), r"a\\b \| \~c\~");
        assert_eq!(escape("&amp; & &#39;", false), r"\&amp; & \&#39;");
    }

    #[test]
    fn line_starts_that_make_blocks_are_escaped() {
        assert_eq!(escape("# title", true), r"\# title");
        assert_eq!(escape("- item", true), r"\- item");
        assert_eq!(escape("12. item", true), r"12\. item");
        assert_eq!(escape("3) item", true), r"3\) item");
        assert_eq!(escape("1999 was", true), "1999 was");
        assert_eq!(escape("a - b # c 1. d", true), "a - b # c 1. d");
        assert_eq!(escape("- item", false), "- item");
    }

    #[test]
    fn links_are_autolinks_that_cannot_be_broken_out_of() {
        assert_eq!(
            link("https://court-help.org/a?b=1&c=2"),
            "<https://court-help.org/a?b=1&c=2>"
        );
        assert_eq!(
            link("https://x.org/<a> é"),
            "<https://x.org/%3Ca%3E%20%C3%A9>"
        );
    }
}
