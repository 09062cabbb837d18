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
    /// Finds a jurisdiction by postal code, name, slug or alias, in any case, ignoring
    /// punctuation and spaces (`dc`, `D.C.`, `washington, dc`, `new  york`). An exact postal
    /// code wins over every other name: `NY` is New York whatever else is called that
    /// (loading refuses a list where something else is, so this is a second guard).
    pub fn find(&self, input: &str) -> Option<&Jurisdiction> {
        let wanted = key(input);
        if wanted.is_empty() {
            return None;
        }
        let all = &self.jurisdictions;
        all.iter()
            .find(|j| key(&j.code) == wanted)
            .or_else(|| all.iter().find(|j| j.names().any(|n| key(n) == wanted)))
    }

    /// How well `j` matches what the advocate typed into the state picker, higher first;
    /// `None` when it does not match. What [`find`](Self::find) accepts beats every partial
    /// match (an exact code first), so `nmi` puts the Northern Mariana Islands first and
    /// `washington, dc` finds the District of Columbia.
    pub fn score(j: &Jurisdiction, input: &str) -> Option<i64> {
        let wanted = normalize(input);
        if wanted.is_empty() {
            return Some(0);
        }
        if key(&j.code) == key(input) {
            return Some(4000);
        }
        if j.names().any(|n| key(n) == key(input)) {
            return Some(3000);
        }
        let names: Vec<String> = j.names().map(normalize).collect();
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

/// A name as words: any case; dots and apostrophes dropped (`D.C.` is `dc`, `Hawai'i` is
/// `hawaii`); any other punctuation, and runs of spaces, one space (`washington, dc` is
/// `washington dc`). The picker matches what is typed against the start of these words.
pub fn normalize(s: &str) -> String {
    let mut words = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '.' | '\'' | '’' | 'ʻ') {
            continue;
        }
        if c.is_alphanumeric() {
            words.extend(c.to_lowercase());
        } else if !words.is_empty() && !words.ends_with(' ') {
            words.push(' ');
        }
    }
    words.truncate(words.trim_end().len());
    words
}

/// What makes two names the same name: the letters and digits of [`normalize`], spaces left
/// out, so `D. C.`, `D.C.` and `DC` are one. `--state`, answers files, the picker and the
/// check that no name means two jurisdictions all compare names by this.
pub fn key(s: &str) -> String {
    normalize(s).replace(' ', "")
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
        // Punctuation and spaces are read the same way in what is typed and in the list.
        for input in [
            "washington, dc",
            "Washington D.C.",
            "D.C.",
            "d. c.",
            "washington dc",
        ] {
            assert_eq!(
                built_in().find(input).map(|j| j.code.as_str()),
                Some("DC"),
                "{input}"
            );
            assert_eq!(
                picked(input).first().map(String::as_str),
                Some("DC"),
                "{input}"
            );
        }
        assert_eq!(normalize("  Washington,  D.C. "), "washington dc");
        assert!(built_in().find(" , ").is_none());
        // A partial name still finds it.
        assert_eq!(picked("mariana").first().map(String::as_str), Some("MP"));
        assert!(picked("atlantis").is_empty());
    }
}

#[cfg(test)]
mod matching {
    use super::*;

    fn place(code: &str, name: &str, aliases: &[&str]) -> Jurisdiction {
        Jurisdiction {
            code: code.into(),
            name: name.into(),
            slug: None,
            state_pages: true,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            article: None,
        }
    }

    /// Loading refuses such a list; were one to get through, the code still wins.
    #[test]
    fn an_exact_code_wins_over_an_alias() {
        let all = Jurisdictions {
            jurisdictions: vec![
                place("NJ", "New Jersey", &["NY"]),
                place("NY", "New York", &[]),
            ],
        };
        assert_eq!(all.find("ny").map(|j| j.code.as_str()), Some("NY"));
        assert_eq!(
            Jurisdictions::score(&all.jurisdictions[1], "NY"),
            Some(4000)
        );
        assert_eq!(
            Jurisdictions::score(&all.jurisdictions[0], "NY"),
            Some(3000)
        );
    }
}
