//! The one place that cleans untrusted text: what comes from files, answers and the
//! environment passes through here before it reaches a reply, a terminal or a message.

/// Removes characters that must never reach a reply or a terminal from text that enters the
/// program: control characters (but line breaks and tabs), bidi overrides and isolates, and
/// nothing else.
pub fn strip_unsafe_chars(text: &str) -> String {
    // Nearly all text is clean: copy it whole rather than char by char.
    if !text.chars().any(is_unsafe_char) {
        return text.to_owned();
    }
    text.chars().filter(|&c| !is_unsafe_char(c)).collect()
}

/// Whether `text` shows a reader nothing: only whitespace and invisible (format,
/// default-ignorable) characters, such as a zero-width space.
pub fn shows_nothing(text: &str) -> bool {
    static INVISIBLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[\s\p{Default_Ignorable_Code_Point}\p{Cf}]*$").expect("valid")
    });
    INVISIBLE.is_match(text)
}

/// `text` cut to at most `max` characters for a message, `…` marking the cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Whether `strip_unsafe_chars` removes `c`.
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_stripped_but_line_breaks_kept() {
        let dirty = "a\u{1b}[31mb\u{202e}c\nd";
        assert_eq!(strip_unsafe_chars(dirty), "a[31mbc\nd");
    }

    #[test]
    fn text_of_invisible_characters_shows_nothing() {
        for blank in ["", "  ", "\u{200B}", " \u{00AD}\u{2060} ", "\u{FEFF}"] {
            assert!(shows_nothing(blank), "{blank:?}");
        }
        for shown in ["Sam", "\u{200B}Sam", ".", "\u{00A0}x"] {
            assert!(!shows_nothing(shown), "{shown:?}");
        }
    }

    #[test]
    fn shortened_text_keeps_whole_characters_and_marks_the_cut() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("ÉÉÉÉÉÉ", 4), "ÉÉÉ…");
        assert_eq!(shorten("one two three", 5), "one…");
    }
}
