//! `jurisdictions.yaml`: every jurisdiction an advocate can name must be one, unmistakably.
//! A slug becomes part of a URL, so it is a plain path segment; codes, names and aliases
//! are unique, and no alias may be another jurisdiction's code or name (else `--state NY`
//! could compose New Jersey's links).

use std::collections::BTreeMap;

use crate::error::Located;
use crate::library::Source;
use crate::library::jurisdictions::Jurisdiction;
use crate::lint::diagnostic::Diagnostic;

pub fn lint(source: &Source, jurisdictions: &[Jurisdiction], out: &mut Vec<Diagnostic>) {
    let at = |j: &Jurisdiction, message: String| {
        let needle = format!("code: {}", j.code);
        Located::new(
            &source.origin,
            crate::error::locate(&source.text, &needle)
                .or_else(|| crate::error::locate(&source.text, &j.code)),
            message,
        )
    };
    let mut owners: BTreeMap<String, (&Jurisdiction, &'static str)> = BTreeMap::new();
    for j in jurisdictions {
        if j.code.len() != 2 || !j.code.chars().all(|c| c.is_ascii_uppercase()) {
            out.push(Diagnostic::error(at(
                j,
                format!(
                    "code '{}' is not a two-letter postal code in capitals",
                    j.code
                ),
            )));
        }
        let slug = j.slug();
        let slug_ok = slug.starts_with(|c: char| c.is_ascii_lowercase())
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !slug_ok {
            out.push(Diagnostic::error(at(
                j,
                format!(
                    "{}: slug '{slug}' is not a path segment of lowercase letters, digits and `-`; it goes into every state URL",
                    j.code
                ),
            )));
        }
        if j.name.trim().is_empty() {
            out.push(Diagnostic::error(at(
                j,
                format!("{}: the name is empty", j.code),
            )));
        }
        if j.article.as_deref().is_some_and(|a| a != "the") {
            out.push(Diagnostic::error(at(
                j,
                format!("{}: `article` may only be `the`", j.code),
            )));
        }
        let mut own: Vec<(String, &'static str)> =
            vec![(normalize(&j.code), "code"), (normalize(&j.name), "name")];
        if j.slug.is_some() {
            own.push((normalize(&slug), "slug"));
        }
        own.extend(j.aliases.iter().map(|a| (normalize(a), "alias")));
        own.sort();
        own.dedup_by(|a, b| a.0 == b.0);
        for (key, kind) in own {
            if key.is_empty() {
                out.push(Diagnostic::error(at(
                    j,
                    format!("{}: an empty {kind}", j.code),
                )));
                continue;
            }
            match owners.get(&key) {
                Some((other, other_kind)) => out.push(Diagnostic::error(at(
                    j,
                    format!(
                        "{}: its {kind} '{key}' is already the {other_kind} of {}; each way of naming a jurisdiction must name one only",
                        j.code,
                        other.label()
                    ),
                ))),
                None => {
                    owners.insert(key, (j, kind));
                }
            }
        }
    }
}

/// As `--state` compares names: any case, dots and extra spaces ignored.
fn normalize(s: &str) -> String {
    crate::library::jurisdictions::normalize(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::jurisdictions::Jurisdictions;
    use crate::library::yaml;
    use std::borrow::Cow;

    fn problems(text: &'static str) -> Vec<String> {
        let source = Source {
            origin: "j.yaml".into(),
            text: Cow::Borrowed(text),
        };
        let all: Jurisdictions = yaml::parse(text, "j.yaml").unwrap();
        let mut out = Vec::new();
        lint(&source, &all.jurisdictions, &mut out);
        out.into_iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn the_built_in_list_is_sound() {
        let source = crate::library::Library::BuiltIn
            .read(crate::library::JURISDICTIONS)
            .unwrap()
            .unwrap();
        let all: Jurisdictions = yaml::parse(&source.text, &source.origin).unwrap();
        let mut out = Vec::new();
        lint(&source, &all.jurisdictions, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn slugs_codes_and_names_that_mislead_are_errors() {
        let found = problems(
            "jurisdictions:\n  - { code: NY, name: New York }\n  - { code: NJ, name: New Jersey, aliases: [NY] }\n  - { code: XX, name: Evil, slug: ../../evil }\n  - { code: TX, name: Texas, slug: '{State}' }\n  - { code: NY, name: Nowhere }\n",
        );
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(
            found[0].starts_with(
                "j.yaml:3:7: error: NJ: its alias 'ny' is already the code of New York (NY)"
            ),
            "{found:#?}"
        );
        assert!(found[1].contains("slug '../../evil' is not a path segment"));
        assert!(found[2].contains("slug '{State}' is not a path segment"));
        assert!(found[3].contains("its code 'ny' is already the code of New York (NY)"));
    }
}
