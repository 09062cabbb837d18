//! HTML escaping: a fragment of `<p>` elements that a browser and a helpdesk rich-text editor
//! both accept. Every character of text and of a URL is escaped, so nothing the advocate or the
//! library wrote can become markup.

/// Escapes text for an element's content or a quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A link whose visible text is the URL.
pub fn link(url: &str) -> String {
    let url = escape(url);
    format!("<a href=\"{url}\">{url}</a>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_special_characters_become_entities() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape("“curly” ’quotes’ – dash"), "“curly” ’quotes’ – dash");
    }

    #[test]
    fn a_link_cannot_break_out_of_its_attribute() {
        assert_eq!(
            link("https://x.org/\"onclick=\"a"),
            "<a href=\"https://x.org/&quot;onclick=&quot;a\">https://x.org/&quot;onclick=&quot;a</a>"
        );
    }
}
