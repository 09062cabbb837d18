//! The link registry: `link("name")` in a template becomes a URL for the survivor's state.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::library::jurisdictions::Jurisdiction;

/// `links.yaml`: link name → entry. A template calls `link("name")`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
#[schemars(title = "hotline-reply link registry")]
pub struct LinkRegistry {
    pub entries: BTreeMap<String, LinkEntry>,
}

/// One page on the site. For a jurisdiction the URL is `by_state[slug]`, else `url` with
/// `{state}` replaced by the slug, else `fallback`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkEntry {
    /// The page's title, as the site shows it.
    pub title: String,
    /// The URL; `{state}` is replaced by the jurisdiction's slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^https?://"))]
    pub url: Option<String>,
    /// For jurisdictions without state pages (and states `url` cannot serve).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^https?://[^{}]*$"))]
    pub fallback: Option<String>,
    /// Slug (lowercase postal code; `nmi` for the Northern Mariana Islands) → exact URL;
    /// wins over `url`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(extend(
        "propertyNames" = { "pattern": "^[a-z]+$" },
        "additionalProperties" = { "type": "string", "pattern": "^https?://[^{}]*$" },
    ))]
    pub by_state: BTreeMap<String, String>,
    /// Whether somebody has confirmed the URL on the live site.
    #[serde(default)]
    pub verified: bool,
}

/// Which rule gave a link its URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The entry's `url` has no `{state}`: the same for everyone.
    Fixed,
    /// An exact URL from `by_state`.
    ByState,
    /// The `url` pattern with the state's slug.
    Pattern,
    /// The `fallback`: the advocate is warned.
    Fallback,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub url: String,
    pub via: Via,
}

pub const STATE_PLACEHOLDER: &str = "{state}";

impl LinkEntry {
    /// True when the URL depends on the survivor's state.
    pub fn needs_state(&self) -> bool {
        !self.by_state.is_empty()
            || [&self.url, &self.fallback]
                .into_iter()
                .flatten()
                .any(|u| u.contains(STATE_PLACEHOLDER))
    }

    /// The URL for `jurisdiction` (`None` only for entries that do not need one).
    pub fn resolve(&self, jurisdiction: Option<&Jurisdiction>) -> Result<Resolved, String> {
        let fallback = || match &self.fallback {
            Some(url) if !url.contains(STATE_PLACEHOLDER) => Ok(Resolved {
                url: url.clone(),
                via: Via::Fallback,
            }),
            _ => Err("has no fallback URL without {state}".to_owned()),
        };
        let Some(j) = jurisdiction else {
            return match &self.url {
                Some(url) if !self.needs_state() => Ok(Resolved {
                    url: url.clone(),
                    via: Via::Fixed,
                }),
                _ => Err("needs a state".to_owned()),
            };
        };
        let slug = j.slug();
        if let Some(url) = self.by_state.get(&slug) {
            return Ok(Resolved {
                url: url.clone(),
                via: Via::ByState,
            });
        }
        match &self.url {
            Some(url) if !url.contains(STATE_PLACEHOLDER) => Ok(Resolved {
                url: url.clone(),
                via: Via::Fixed,
            }),
            Some(url) if j.state_pages => Ok(Resolved {
                url: url.replace(STATE_PLACEHOLDER, &slug),
                via: Via::Pattern,
            }),
            _ => fallback(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(url: Option<&str>, fallback: Option<&str>) -> LinkEntry {
        LinkEntry {
            title: "T".into(),
            url: url.map(Into::into),
            fallback: fallback.map(Into::into),
            by_state: BTreeMap::new(),
            verified: false,
        }
    }

    fn place(code: &str, slug: Option<&str>, state_pages: bool) -> Jurisdiction {
        Jurisdiction {
            code: code.into(),
            name: code.into(),
            slug: slug.map(Into::into),
            state_pages,
            aliases: vec![],
            article: None,
        }
    }

    #[test]
    fn pattern_by_state_and_fallback_in_that_order() {
        let mut e = entry(Some("https://x.org/{state}/a"), Some("https://x.org/a"));
        let ny = place("NY", None, true);
        assert_eq!(
            e.resolve(Some(&ny)).unwrap(),
            Resolved {
                url: "https://x.org/ny/a".into(),
                via: Via::Pattern
            }
        );
        let mp = place("MP", Some("nmi"), true);
        assert_eq!(e.resolve(Some(&mp)).unwrap().url, "https://x.org/nmi/a");
        let samoa = place("AS", None, false);
        assert_eq!(
            e.resolve(Some(&samoa)).unwrap(),
            Resolved {
                url: "https://x.org/a".into(),
                via: Via::Fallback
            }
        );
        e.by_state
            .insert("ny".into(), "https://x.org/ny/a#q2".into());
        assert_eq!(e.resolve(Some(&ny)).unwrap().via, Via::ByState);
        assert!(e.resolve(None).is_err(), "a state link without a state");
    }

    #[test]
    fn a_fixed_link_needs_no_state() {
        let e = entry(Some("https://x.org/safety"), None);
        assert!(!e.needs_state());
        assert_eq!(e.resolve(None).unwrap().via, Via::Fixed);
        assert_eq!(
            e.resolve(Some(&place("AS", None, false))).unwrap().via,
            Via::Fixed
        );
    }
}
