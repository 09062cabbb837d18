//! Every registry link resolved for every jurisdiction, and each URL judged by the guard,
//! once for the whole library: `check` then fills a paragraph's links from this table
//! instead of resolving and judging them again for every reply.

use std::collections::{BTreeSet, HashMap};

use crate::library::jurisdictions::Jurisdiction;
use crate::library::registry::LinkRegistry;
use crate::library::rules::Rules;
use crate::reply::guard::url;

/// What a link gives for one jurisdiction (or for none): its URL, or why it has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub url: Result<String, String>,
    /// The guard's verdict on the URL, when there is one.
    pub problem: Option<String>,
}

pub struct LinkTable {
    links: HashMap<String, Entry>,
}

struct Entry {
    needs_state: bool,
    without_state: Resolution,
    by_jurisdiction: Vec<Resolution>,
}

/// What a link with an error in `links.yaml` resolves to: that error is reported once, at
/// its cause, and the replies around the link are still checked.
const STAND_IN_URL: &str = "https://stand-in.invalid/";

impl LinkTable {
    /// `broken` names the entries `links.yaml` reported errors for.
    pub fn new(
        registry: &LinkRegistry,
        jurisdictions: &[Jurisdiction],
        broken: &BTreeSet<String>,
        rules: &Rules,
    ) -> LinkTable {
        let resolve = |name: &str, j: Option<&Jurisdiction>| {
            if broken.contains(name) {
                return Resolution {
                    url: Ok(STAND_IN_URL.to_owned()),
                    problem: None,
                };
            }
            let url = registry.entries[name].resolve(j).map(|r| r.url);
            let problem = url
                .as_ref()
                .ok()
                .and_then(|u| url::problem(u, false, rules));
            Resolution { url, problem }
        };
        let links = registry
            .entries
            .iter()
            .map(|(name, entry)| {
                let e = Entry {
                    needs_state: entry.needs_state(),
                    without_state: resolve(name, None),
                    by_jurisdiction: jurisdictions
                        .iter()
                        .map(|j| resolve(name, Some(j)))
                        .collect(),
                };
                (name.clone(), e)
            })
            .collect();
        LinkTable { links }
    }

    pub fn needs_state(&self, name: &str) -> bool {
        self.links.get(name).is_none_or(|r| r.needs_state)
    }

    /// The link for jurisdiction `state` (an index), or without one.
    pub fn get(&self, name: &str, state: Option<usize>) -> Option<&Resolution> {
        let entry = self.links.get(name)?;
        match state {
            Some(j) => entry.by_jurisdiction.get(j),
            None => Some(&entry.without_state),
        }
    }
}
