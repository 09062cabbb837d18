//! The states and territories a survivor may write from, and how an advocate names one.

use serde::{Deserialize, Serialize};

use crate::error::BadInput;
use crate::suggest;

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

    /// `New York (NY)`, as the state prompt lists it.
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.code)
    }
}

impl Jurisdictions {
    /// Finds a jurisdiction by postal code, name, slug or alias, in any case, ignoring dots
    /// and extra spaces (`dc`, `D.C.`, `new  york`).
    pub fn find(&self, input: &str) -> Result<&Jurisdiction, BadInput> {
        let wanted = normalize(input);
        self.jurisdictions
            .iter()
            .find(|j| {
                normalize(&j.code) == wanted
                    || normalize(&j.name) == wanted
                    || normalize(&j.slug()) == wanted
                    || j.aliases.iter().any(|a| normalize(a) == wanted)
            })
            .ok_or_else(|| {
                let names = self.jurisdictions.iter().map(|j| j.name.as_str());
                BadInput::new(format!(
                    "unknown state '{}'{}; give a postal code or a name, e.g. NY or New York",
                    input.trim(),
                    suggest::did_you_mean(input.trim(), names)
                ))
            })
    }
}

fn normalize(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
