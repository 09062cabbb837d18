//! Lints `links.yaml`: every URL well formed, `{state}` only where a state fills it, every
//! `by_state` key a jurisdiction, a URL for every jurisdiction, and which links nobody has
//! confirmed on the live site yet.

use std::collections::BTreeSet;

use crate::error::Located;
use crate::error::line_col;
use crate::library::Source;
use crate::library::jurisdictions::Jurisdiction;
use crate::library::registry::{LinkEntry, LinkRegistry};
use crate::library::rules::Rules;
use crate::lint::diagnostic::Diagnostic;
use crate::reply::guard::url;
use crate::suggest;

/// Lints the registry; returns the names of the entries that have errors.
pub fn lint(
    source: &Source,
    registry: &LinkRegistry,
    jurisdictions: &[Jurisdiction],
    rules: &Rules,
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
        if let Some(problem) = entry
            .url
            .as_deref()
            .and_then(|u| url::problem(u, true, rules))
        {
            errors.push(at(field("url"), format!("link '{name}': `url` {problem}")));
        }
        if let Some(problem) = entry
            .fallback
            .as_deref()
            .and_then(|u| url::problem(u, false, rules))
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
            if let Some(problem) = url::problem(url, false, rules) {
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
        let plain = [
            ("url", entry.url.as_deref()),
            ("fallback", entry.fallback.as_deref()),
        ]
        .into_iter()
        .chain(
            entry
                .by_state
                .iter()
                .map(|(slug, u)| (slug.as_str(), Some(u.as_str()))),
        )
        .find(|(_, u)| u.is_some_and(|u| u.starts_with("http://")));
        if let Some((field_name, _)) = plain {
            out.push(Diagnostic::warning(at(
                field(field_name),
                format!(
                    "link '{name}': `{field_name}` is plain http://, which anyone on the survivor's network can read or change; use https:// where the site has it"
                ),
            )));
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
