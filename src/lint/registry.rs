//! Lints `links.yaml`: every URL well formed, `{state}` only where a state fills it, every
//! `by_state` key a jurisdiction, a URL for every jurisdiction, and which links nobody has
//! confirmed on the live site yet.

use std::collections::BTreeSet;

use crate::library::jurisdictions::Jurisdiction;
use crate::library::links::{LinkEntry, LinkRegistry, STATE_PLACEHOLDER};
use crate::library::{Source, line_col};
use crate::lint::diagnostic::{Diagnostic, Located};
use crate::suggest;

/// Lints the registry; returns the names of the entries that have errors.
pub fn lint(
    source: &Source,
    registry: &LinkRegistry,
    jurisdictions: &[Jurisdiction],
    out: &mut Vec<Diagnostic>,
) -> BTreeSet<String> {
    let mut broken = BTreeSet::new();
    let text = source.text.as_ref();
    let slugs: Vec<String> = jurisdictions.iter().map(Jurisdiction::slug).collect();
    for (name, entry) in &registry.entries {
        let key = top_level_key(text, name);
        let at = |offset: Option<usize>, message: String| {
            Located::new(
                &source.origin,
                offset.or(key).map(|o| line_col(text, o)),
                message,
            )
        };
        let field = |field: &str| key.and_then(|k| find_field(text, k, field));
        let mut errors: Vec<Located> = Vec::new();

        if entry.url.is_none() && entry.fallback.is_none() && entry.by_state.is_empty() {
            errors.push(at(None, format!("link '{name}' has no `url`")));
        }
        if let Some(problem) = entry.url.as_deref().and_then(|u| url_problem(u, true)) {
            errors.push(at(field("url"), format!("link '{name}': `url` {problem}")));
        }
        if let Some(problem) = entry
            .fallback
            .as_deref()
            .and_then(|u| url_problem(u, false))
        {
            errors.push(at(
                field("fallback"),
                format!("link '{name}': `fallback` {problem}"),
            ));
        }
        for (slug, url) in &entry.by_state {
            let offset = field(slug);
            if !slugs.contains(slug) {
                errors.push(at(
                    offset,
                    format!(
                        "link '{name}': `by_state` key '{slug}' is not a jurisdiction slug{}; slugs are lowercase postal codes (nmi for the Northern Mariana Islands)",
                        suggest::did_you_mean(slug, slugs.iter().map(String::as_str))
                    ),
                ));
            }
            if let Some(problem) = url_problem(url, false) {
                errors.push(at(
                    offset,
                    format!("link '{name}': `by_state` {slug}: {problem}"),
                ));
            }
        }
        // A URL already in error explains why some jurisdiction has none.
        if errors.is_empty() {
            if let Some(message) = unresolvable(name, entry, jurisdictions) {
                errors.push(at(None, message));
            }
        }
        if !errors.is_empty() {
            broken.insert(name.clone());
            out.extend(errors.into_iter().map(Diagnostic::error));
        }
        if !entry.verified {
            out.push(Diagnostic::warning(at(
                None,
                format!(
                    "link '{name}' is not verified: nobody has confirmed it on the live site yet (set `verified: true` once someone has)"
                ),
            )));
        }
    }
    broken
}

/// Names the jurisdictions the entry has no URL for, e.g. a `{state}` pattern without a
/// `fallback` leaves American Samoa, which has no state pages, without a link.
fn unresolvable(name: &str, entry: &LinkEntry, jurisdictions: &[Jurisdiction]) -> Option<String> {
    let failing: Vec<(&Jurisdiction, String)> = jurisdictions
        .iter()
        .filter_map(|j| entry.resolve(Some(j)).err().map(|e| (j, e)))
        .collect();
    let ((first, why), rest) = failing.split_first()?;
    let who = match rest.len() {
        0 => first.label(),
        n => format!("{} and {n} more", first.label()),
    };
    Some(format!("link '{name}' has no URL for {who}: it {why}"))
}

/// What is wrong with a registry URL, if anything. `{state}` is allowed only in `url`: a
/// fallback or an exact `by_state` URL has no state to fill in.
pub fn url_problem(url: &str, state_allowed: bool) -> Option<String> {
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
    if url.contains(STATE_PLACEHOLDER) && !state_allowed {
        return Some(format!(
            "'{url}' must not contain {{state}}: it is used where no state fills it in"
        ));
    }
    let filled = rest.replace(STATE_PLACEHOLDER, "ny");
    if filled.contains(['{', '}']) {
        return Some(format!(
            "'{url}' has a placeholder other than {{state}} (the only one filled in, lowercase)"
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
    (!host_ok).then(|| format!("'{url}' has no valid host name"))
}

/// `name:` at the start of a line (optionally quoted), where a top-level entry begins.
fn top_level_key(text: &str, name: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let unquoted = line
            .strip_prefix(name)
            .or_else(|| quoted(line, name, '"'))
            .or_else(|| quoted(line, name, '\''));
        if unquoted.is_some_and(|rest| rest.trim_start().starts_with(':')) {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

fn quoted<'a>(line: &'a str, name: &str, quote: char) -> Option<&'a str> {
    line.strip_prefix(quote)?
        .strip_prefix(name)?
        .strip_prefix(quote)
}

/// The first `field:` after `from` that starts a key (after a space, `{` or `,`), up to the
/// next top-level entry.
fn find_field(text: &str, from: usize, field: &str) -> Option<usize> {
    let entry = text.get(from..)?;
    // The entry ends where the next line starts without indentation.
    let end = entry
        .match_indices('\n')
        .map(|(o, _)| o + 1)
        .find(|&o| entry[o..].starts_with(|c: char| !c.is_whitespace() && c != '#'))
        .unwrap_or(entry.len());
    let entry = &entry[..end];
    entry
        .match_indices(field)
        .map(|(o, _)| o)
        .find(|&o| {
            let before = entry[..o].chars().next_back();
            let after = entry[o + field.len()..].trim_start_matches(['"', '\'']);
            before
                .is_some_and(|c| c.is_whitespace() || c == '{' || c == ',' || c == '"' || c == '\'')
                && after.trim_start().starts_with(':')
        })
        .map(|o| from + o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_web_addresses_with_only_a_state_placeholder() {
        assert_eq!(
            url_problem("https://www.womenslaw.org/laws/{state}/crimes", true),
            None
        );
        assert_eq!(url_problem("http://localhost.test:8080/x", true), None);
        let problem = |u: &str, state: bool| url_problem(u, state).unwrap_or_default();
        assert_eq!(problem("", true), "is empty");
        assert!(problem("www.womenslaw.org/x", true).contains("must start with https://"));
        assert!(problem("https://x.org/a b", true).contains("space"));
        assert!(problem("https://x.org/{State}/a", true).contains("other than {state}"));
        assert!(problem("https://x.org/{state}/a", false).contains("must not contain {state}"));
        assert!(problem("https:///path", true).contains("host"));
        assert!(problem("https://-x.org", true).contains("host"));
    }

    #[test]
    fn keys_and_fields_are_found_per_entry() {
        let text = "# c\na:\n  url: https://a.org\nb:\n  title: B\n  url: https://b.org\n  by_state: { ny: https://b.org/ny }\n";
        let b = top_level_key(text, "b").unwrap();
        assert_eq!(line_col(text, b), (4, 1));
        assert_eq!(line_col(text, find_field(text, b, "url").unwrap()), (6, 3));
        assert_eq!(line_col(text, find_field(text, b, "ny").unwrap()), (7, 15));
        let a = top_level_key(text, "a").unwrap();
        assert_eq!(find_field(text, a, "title"), None, "not b's title");
    }
}
