//! `jurisdictions.yaml`'s text becomes [`Jurisdictions`]: parsed, then checked so that every
//! jurisdiction an advocate can name is one, unmistakably. A slug becomes part of a URL, so
//! it is a plain path segment; codes, names, slugs and aliases name one jurisdiction each
//! (else a library giving New Jersey the alias `NY` sends New Jersey's links for
//! `--state NY`); names, printed in replies and on the terminal, are one clean line.
//!
//! `compose`, `show` and `links` refuse a list with any problem; `check` lists them all.

use std::collections::BTreeMap;

use crate::clean::{is_unsafe_char, strip_unsafe_chars};
use crate::error::{Located, line_col, locate};
use crate::library::Source;
use crate::library::jurisdictions::{Jurisdiction, Jurisdictions, key};
use crate::library::yaml;

/// Parses the file; `Err` when it does not parse. Otherwise the list, and every problem of
/// it in file order (none for a sound list).
pub fn read(source: &Source) -> Result<(Jurisdictions, Vec<Located>), Located> {
    let list: Jurisdictions = yaml::parse_source(source)?;
    let problems = problems(source, &list.jurisdictions);
    Ok((list, problems))
}

/// Every way the list could mislead, each at the jurisdiction it is about.
fn problems(source: &Source, jurisdictions: &[Jurisdiction]) -> Vec<Located> {
    let mut out = Vec::new();
    if jurisdictions.is_empty() {
        out.push(Located::new(
            &source.origin,
            locate(&source.text, "jurisdictions"),
            "the list has no jurisdiction, so no state can be given; list at least one",
        ));
    }
    // Each name's key, with the jurisdiction and the kind of name that has it.
    let mut owners: BTreeMap<String, (&Jurisdiction, &'static str)> = BTreeMap::new();
    for (i, j) in jurisdictions.iter().enumerate() {
        // The how-manieth with its code it is, to find it (and not a namesake) in the text.
        let nth = jurisdictions[..i]
            .iter()
            .filter(|o| o.code == j.code)
            .count();
        let at = |message: String| Located::new(&source.origin, place(source, j, nth), message);
        let code = shown(&j.code);
        if j.code.len() != 2 || !j.code.chars().all(|c| c.is_ascii_uppercase()) {
            out.push(at(format!(
                "code '{code}' is not a two-letter postal code in capitals"
            )));
        }
        let mut names: Vec<(&str, &'static str)> = vec![(&j.code, "code")];
        match j.slug.as_deref() {
            Some(slug) if !is_path_segment(slug) => out.push(at(format!(
                "{code}: slug '{}' is not a path segment of lowercase letters, digits and `-` (starting with a letter); it goes into every state URL",
                shown(slug)
            ))),
            Some(slug) => names.push((slug, "slug")),
            None => {}
        }
        names.push((&j.name, "name"));
        names.extend(j.aliases.iter().map(|a| (a.as_str(), "alias")));
        if j.article.as_deref().is_some_and(|a| a != "the") {
            out.push(at(format!("{code}: `article` may only be `the`")));
        }
        // Each distinct key of its own once: an alias that only respells its own name is fine.
        let mut own: Vec<String> = Vec::new();
        for (name, kind) in names {
            // A code's own problems are said above.
            if kind != "code" {
                if let Some(problem) = unprintable(name, kind) {
                    out.push(at(format!("{code}: {problem}")));
                    continue;
                }
            }
            let k = key(name);
            if k.is_empty() {
                if kind != "code" {
                    out.push(at(format!("{code}: {}", nameless(name, kind))));
                }
                continue;
            }
            if own.contains(&k) {
                continue;
            }
            own.push(k.clone());
            match owners.get(&k) {
                Some((other, other_kind)) => out.push(at(format!(
                    "{code}: its {kind} '{}' is already the {other_kind} of {}; each way of naming a jurisdiction must name one only",
                    shown(name),
                    shown(&other.label())
                ))),
                None => {
                    owners.insert(k, (j, kind));
                }
            }
        }
    }
    out
}

/// Where a jurisdiction is in the file: the `nth` (from 0) `code: XX` with its code.
fn place(source: &Source, j: &Jurisdiction, nth: usize) -> Option<(usize, usize)> {
    let text = &source.text;
    let needle = format!("code: {}", j.code);
    text.match_indices(&needle)
        .nth(nth)
        .map(|(offset, _)| line_col(text, offset))
        .or_else(|| locate(text, &j.code))
}

/// A slug is one path segment: `nmi`, `ny`, `new-york`; never `.`, `..`, `a/b` or `{x}`.
fn is_path_segment(slug: &str) -> bool {
    slug.starts_with(|c: char| c.is_ascii_lowercase())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Why a name cannot be printed as it is, if it cannot: a reply prints it in a sentence, the
/// terminal in a list, so it is one line without control or bidi characters.
fn unprintable(name: &str, kind: &str) -> Option<String> {
    if name.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        return Some(format!("the {kind} holds a line break; a name is one line"));
    }
    if let Some(c) = name.chars().find(|&c| is_unsafe_char(c) || c == '\t') {
        return Some(format!(
            "the {kind} holds the control character U+{:04X}; remove it",
            u32::from(c)
        ));
    }
    // A reply tidies the spaces of its text, but a name is put in after (check puts each
    // state's name into one render), so the name must already read as it is printed.
    (name.split_whitespace().collect::<Vec<_>>().join(" ") != name).then(|| {
        format!("the {kind} has spaces before, after or doubled inside it; one space between words")
    })
}

/// What is wrong with a name that has no letters or digits, once.
fn nameless(name: &str, kind: &str) -> String {
    if name.trim().is_empty() {
        format!("the {kind} is empty")
    } else {
        format!("the {kind} '{}' has no letters or digits", shown(name))
    }
}

/// Library text as a message quotes it: without what must not reach a terminal.
fn shown(text: &str) -> String {
    strip_unsafe_chars(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn problems_of(text: &'static str) -> Vec<String> {
        let source = Source {
            origin: "j.yaml".into(),
            text: Cow::Borrowed(text),
            built_in: false,
        };
        let (_, problems) = read(&source).expect("parses");
        problems.into_iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn the_built_in_list_is_sound() {
        let source = crate::library::Library::BuiltIn
            .read(crate::library::JURISDICTIONS)
            .unwrap()
            .unwrap();
        let (list, problems) = read(&source).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(list.jurisdictions.len(), 56);
    }

    #[test]
    fn slugs_codes_and_names_that_mislead_are_errors() {
        let found = problems_of(
            "jurisdictions:\n  - { code: NY, name: New York }\n  - { code: NJ, name: New Jersey, aliases: [NY] }\n  - { code: XX, name: Evil, slug: ../../evil }\n  - { code: TX, name: Texas, slug: '{State}' }\n  - { code: NY, name: Nowhere }\n  - { code: NM, name: New Mexico, slug: texas }\n  - { code: GU, name: Guam, aliases: ['new-york', 'washington, d.c.'] }\n  - { code: DC, name: District of Columbia, aliases: [Washington DC] }\n",
        );
        assert_eq!(
            found,
            [
                "j.yaml:3:7: NJ: its alias 'NY' is already the code of New York (NY); each way of naming a jurisdiction must name one only",
                "j.yaml:4:7: XX: slug '../../evil' is not a path segment of lowercase letters, digits and `-` (starting with a letter); it goes into every state URL",
                "j.yaml:5:7: TX: slug '{State}' is not a path segment of lowercase letters, digits and `-` (starting with a letter); it goes into every state URL",
                "j.yaml:6:7: NY: its code 'NY' is already the code of New York (NY); each way of naming a jurisdiction must name one only",
                "j.yaml:7:7: NM: its slug 'texas' is already the name of Texas (TX); each way of naming a jurisdiction must name one only",
                "j.yaml:8:7: GU: its alias 'new-york' is already the name of New York (NY); each way of naming a jurisdiction must name one only",
                "j.yaml:9:7: DC: its alias 'Washington DC' is already the alias of Guam (GU); each way of naming a jurisdiction must name one only",
            ]
        );
    }

    #[test]
    fn names_are_one_clean_line_and_each_problem_is_said_once() {
        let found = problems_of(
            "jurisdictions:\n  - { code: NY, name: \"New\\nYork\" }\n  - { code: TX, name: \"Te\\u001b[2Jxas\" }\n  - { code: WA, name: '' }\n  - { code: OR, name: Oregon, slug: '.' }\n  - { code: ID, name: Idaho, article: The, aliases: ['...'] }\n  - { code: UT, name: 'T  B  D' }\n",
        );
        assert_eq!(
            found,
            [
                "j.yaml:2:7: NY: the name holds a line break; a name is one line",
                "j.yaml:3:7: TX: the name holds the control character U+001B; remove it",
                "j.yaml:4:7: WA: the name is empty",
                "j.yaml:5:7: OR: slug '.' is not a path segment of lowercase letters, digits and `-` (starting with a letter); it goes into every state URL",
                "j.yaml:6:7: ID: `article` may only be `the`",
                "j.yaml:6:7: ID: the alias '...' has no letters or digits",
                "j.yaml:7:7: UT: the name has spaces before, after or doubled inside it; one space between words",
            ]
        );
        assert_eq!(
            problems_of("jurisdictions: []\n"),
            [
                "j.yaml:1:1: the list has no jurisdiction, so no state can be given; list at least one"
            ]
        );
    }
}
