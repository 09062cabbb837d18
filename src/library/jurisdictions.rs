//! The states and territories a survivor may write from, and how an advocate names one.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Jurisdictions {
    pub jurisdictions: Vec<Jurisdiction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    /// Postal code, e.g. `NY`.
    pub code: String,
    /// Name as advocates write it, e.g. `New York`.
    pub name: String,
    /// Path segment of the state's pages; the lowercase postal code when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// False where the site has no pages for the jurisdiction: links use their fallback.
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub state_pages: bool,
    /// Other names an advocate may type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// `the` where the name takes one in a sentence ("from the District of Columbia").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
}

fn yes() -> bool {
    true
}

impl Jurisdiction {
    pub fn slug(&self) -> String {
        self.slug
            .clone()
            .unwrap_or_else(|| self.code.to_lowercase())
    }

    /// The name as a reply prints it (`{{ state }}`): with its article, as it reads after
    /// "in" or "from" ("the District of Columbia").
    pub fn in_prose(&self) -> String {
        match &self.article {
            Some(article) => format!("{article} {}", self.name),
            None => self.name.clone(),
        }
    }

    /// `New York (NY)`, as messages and the state prompt name it.
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.code)
    }

    /// The label with the other names it answers to: `District of Columbia (DC), also
    /// Washington DC, D.C.`, so the picker shows why an entry matched.
    pub fn picker_label(&self) -> String {
        if self.aliases.is_empty() {
            self.label()
        } else {
            format!("{}, also {}", self.label(), self.aliases.join(", "))
        }
    }
}

impl Jurisdictions {
    /// Finds a jurisdiction by postal code, name, slug or alias, in any case, ignoring dots
    /// and extra spaces (`dc`, `D.C.`, `new  york`).
    pub fn find(&self, input: &str) -> Option<&Jurisdiction> {
        let wanted = normalize(input);
        self.jurisdictions
            .iter()
            .find(|j| j.names().any(|n| normalize(n) == wanted))
    }

    /// How well `j` matches what the advocate typed into the state picker, higher first;
    /// `None` when it does not match. An exact code, name, slug or alias (what `--state`
    /// accepts) beats every partial match, so `nmi` puts the Northern Mariana Islands first
    /// and `washington dc` finds the District of Columbia.
    pub fn score(j: &Jurisdiction, input: &str) -> Option<i64> {
        let wanted = normalize(input);
        if wanted.is_empty() {
            return Some(0);
        }
        let names: Vec<String> = j.names().map(normalize).collect();
        if names.contains(&wanted) {
            return Some(3000);
        }
        if let Some(n) = names.iter().find(|n| n.starts_with(&wanted)) {
            return Some(2000 - n.len() as i64);
        }
        let word_start = |n: &String| n.split(' ').any(|w| w.starts_with(&wanted));
        if let Some(n) = names.iter().find(|n| word_start(n)) {
            return Some(1000 - n.len() as i64);
        }
        names
            .iter()
            .any(|n| n.contains(&wanted))
            .then(|| 500 - j.name.len() as i64)
    }
}

impl Jurisdiction {
    /// Every name `--state` and the picker accept for it.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [self.code.as_str(), self.name.as_str()]
            .into_iter()
            .chain(self.slug.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// How names are compared: any case, dots and extra spaces ignored (`D.C.` is `dc`).
pub fn normalize(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in() -> Jurisdictions {
        crate::library::Library::BuiltIn
            .jurisdictions()
            .expect("built-in list")
    }

    /// The picker's order for what was typed: the best match first, as the advocate sees it.
    fn picked(input: &str) -> Vec<String> {
        let all = built_in();
        let mut scored: Vec<(i64, &Jurisdiction)> = all
            .jurisdictions
            .iter()
            .filter_map(|j| Jurisdictions::score(j, input).map(|s| (s, j)))
            .collect();
        scored.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
        scored.into_iter().map(|(_, j)| j.code.clone()).collect()
    }

    #[test]
    fn the_picker_puts_what_state_accepts_first() {
        // Each of these is what `--state` accepts; the picker must agree on the first entry.
        for input in [
            "cnmi",
            "nmi",
            "washington dc",
            "dc",
            "D.C.",
            "usvi",
            "ny",
            "new york",
            "texas",
        ] {
            let by_flag = built_in().find(input).map(|j| j.code.clone());
            assert_eq!(picked(input).first().cloned(), by_flag, "{input}");
        }
        // "washington" is Washington State by name; the District is right behind it, by alias.
        assert_eq!(&picked("washington")[..2], ["WA", "DC"]);
        // A partial name still finds it.
        assert_eq!(picked("mariana").first().map(String::as_str), Some("MP"));
        assert!(picked("atlantis").is_empty());
    }
}
