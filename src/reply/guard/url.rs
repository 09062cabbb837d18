//! What a link's URL must look like: an absolute `https://` (or `http://`) address with a
//! host that can be a real site (not an example or test domain), printable ASCII without
//! spaces or brackets, nothing left of a pattern, and no word an editor leaves for later
//! (`/STATE/`, `/TODO`), percent-encoded or not.

use crate::library::registry::STATE_PLACEHOLDER;
use crate::library::rules::Rules;

use super::prose;

/// What is wrong with `url`, if anything. `pattern` allows `{state}` (a registry `url`
/// before the state is filled in); a URL in a reply never has one.
pub fn problem(url: &str, pattern: bool, rules: &Rules) -> Option<String> {
    if url.trim().is_empty() {
        return Some("is empty".to_owned());
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!("'{url}' contains a space or a control character"));
    }
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Some(format!("'{url}' must start with https://"));
    };
    if url.contains(STATE_PLACEHOLDER) && !pattern {
        return Some(format!(
            "'{url}' still holds {{state}}: it is used where no state fills it in"
        ));
    }
    let filled = rest.replace(STATE_PLACEHOLDER, "ny");
    if filled.contains(['{', '}']) {
        return Some(format!(
            "'{url}' has a placeholder other than {{state}} (the only one filled in, lowercase)"
        ));
    }
    if let Some(c) = filled.chars().find(|c| {
        !c.is_ascii_graphic() || matches!(c, '[' | ']' | '<' | '>' | '"' | '\\' | '^' | '`' | '|')
    }) {
        return Some(format!(
            "'{url}' holds `{c}`, which a URL must percent-encode"
        ));
    }
    let authority = filled.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => host,
        Some(_) => "",
        None => authority,
    };
    let host_ok = host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && !host.contains("..");
    if !host_ok {
        return Some(format!("'{url}' has no valid host name"));
    }
    if is_reserved(host) {
        return Some(format!(
            "'{url}' goes to an example or test domain, which no real page is on (a placeholder?)"
        ));
    }
    if filled.contains("??") {
        return Some(format!("'{url}' holds filler “??”"));
    }
    // What the address says once percent-encoding is undone: `%5Binsert%20link%5D` is
    // `[insert link]`, and `%4C%49%4E%4B` is `LINK`.
    let decoded = percent_decoded(&filled);
    if let Some(c) = decoded
        .chars()
        .find(|c| matches!(c, '[' | ']' | '<' | '>' | '{' | '}'))
    {
        return Some(format!(
            "'{url}' holds an encoded bracket `{c}`, which reads like a placeholder"
        ));
    }
    if decoded.contains("/:") {
        return Some(format!(
            "'{url}' holds a route parameter (`/:name`), which reads like a placeholder"
        ));
    }
    // Words of the address, split at every character that is not a letter. Real addresses
    // hold capitals (`/LegacyPDFs/`, `/DV-100`, form IDs), so only a word wholly in
    // capitals of three letters or more reads as a placeholder (`/STATE/`, `LINK`).
    let words = decoded.replace(|c: char| !c.is_alphabetic(), " ");
    let placeholder = prose::capital_words(&words, rules)
        .into_iter()
        .find(|w| w.chars().count() >= 3 && w.chars().all(char::is_uppercase));
    if let Some(word) = placeholder {
        return Some(format!(
            "'{url}' holds the capital word {word}, which reads like a placeholder (list it in `acronyms` in rules.yaml if it is real)"
        ));
    }
    let mut line = prose::Judged::new();
    line.push_prose(
        &decoded.replace(['/', '.', '-', '?', '=', '&', '#'], " "),
        1,
    );
    if let Some(hit) = prose::judge(&line, rules)
        .into_iter()
        .find(|h| h.rule == "filler")
    {
        return Some(format!("'{url}' holds {}", hit.what));
    }
    None
}

/// Hosts no real page is on: the example domains and the special-use top-level domains
/// (RFC 2606, RFC 6761), and any host that is not under a public name.
fn is_reserved(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    ["example.com", "example.net", "example.org"]
        .iter()
        .any(|d| under(d))
        || ["example", "test", "invalid", "localhost", "local"]
            .iter()
            .any(|tld| under(tld))
}

/// `text` with every `%XX` replaced by the byte it stands for (as UTF-8, lossily).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|&b| hex(b)),
            bytes.get(i + 2).and_then(|&b| hex(b)),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_web_addresses_with_only_a_state_placeholder() {
        let rules = Rules::default();
        let problem =
            |u: &str, pattern: bool| super::problem(u, pattern, &rules).unwrap_or_default();
        assert_eq!(
            problem("https://www.womenslaw.org/laws/{state}/crimes", true),
            ""
        );
        assert_eq!(
            problem("https://www.womenslaw.org/laws/ny/crimes", false),
            ""
        );
        assert_eq!(problem("http://court-help.org:8080/x", true), "");
        assert_eq!(
            problem("https://x.org/Pages/Default.aspx?a=1&b=2#q2", false),
            ""
        );
        assert_eq!(problem("", true), "is empty");
        assert!(problem("www.womenslaw.org/x", true).contains("must start with https://"));
        assert!(problem("https://x.org/a b", true).contains("space"));
        assert!(problem("https://x.org/{State}/a", true).contains("other than {state}"));
        assert!(problem("https://x.org/{state}/a", false).contains("still holds {state}"));
        assert!(problem("https:///path", true).contains("host"));
        assert!(problem("https://-x.org", true).contains("host"));
        assert!(problem("https://x.org/STATE/crimes", false).contains("capital word STATE"));
        assert!(problem("https://x.org/tbd", false).contains("filler"));
        assert!(problem("https://x.org/[x]", false).contains("percent-encode"));
        assert!(problem("https://x.org/é", false).contains("percent-encode"));
        assert!(problem("https://x.org/caf%C3%A9", false).is_empty());
        for real in [
            "https://www.courts.ca.gov/documents/DV-100.pdf",
            "https://docs.google.com/forms/d/e/1FAIpQLSd/viewform",
            "https://www.courts.state.x.us/LegacyPDFS/form.pdf",
        ] {
            assert_eq!(problem(real, false), "", "{real}");
        }
        assert!(problem("https://x.org/laws/:state/crimes", false).contains("route parameter"));
        for placeholder in [
            "https://example.com/",
            "https://www.example.org/laws",
            "http://localhost.test:8080/x",
            "https://help.invalid/",
        ] {
            assert!(
                problem(placeholder, false).contains("example or test"),
                "{placeholder}"
            );
        }
        assert!(problem("https://x.org/laws/%7Bstate%7D/a", false).contains("encoded bracket"));
        assert!(problem("https://x.org/%5Binsert%20link%5D", false).contains("encoded bracket"));
        assert!(problem("https://x.org/%4C%49%4E%4B", false).contains("capital word LINK"));
        assert!(problem("https://x.org/laws/ny/???", false).contains("“??”"));
    }
}
