//! Names for the link placeholders of a legacy text (`LINK`, `[HYPERLINK TO MAIN RO PAGE]`,
//! `LINK TO THE SECOND QUESTION ON THE CRIMES PAGE ...`), and registry stubs for names the
//! library does not have yet.
//!
//! A name is only a suggestion an editor reviews, so the rule is simple and explainable:
//! words of the placeholder (counted twice) and of the sentence before it are matched
//! against each registry entry's name and title, plus a few words the hotline uses for
//! pages the site has (`programs` for advocates and shelters, `RO` for restraining orders).
//! The report says which words decided.

use std::collections::{BTreeMap, BTreeSet};

use crate::library::registry::{LinkEntry, LinkRegistry};

/// Pages of the site the legacy texts point to, with the words editors use for them. Used to
/// name a placeholder even when the library's registry lacks the page (a stub is made).
const KNOWN_PAGES: &[(&str, &str, &[&str])] = &[
    (
        "advocates-and-shelters",
        "Advocates and Shelters",
        &["advocate", "shelter", "program"],
    ),
    (
        "safety-tips",
        "Safety Planning",
        &["safety", "planning", "plan", "tip"],
    ),
    ("crimes", "Crimes", &["crime"]),
    (
        "crimes-victim-advocates",
        "Crimes (crime victim advocate offices)",
        &["crime", "victim", "advocate", "office"],
    ),
    (
        "restraining-orders",
        "Restraining Orders",
        &["restraining", "order", "ro", "protection", "protective"],
    ),
    ("custody", "Custody", &["custody", "visitation"]),
];

/// Words that cannot tell one page from another; sorted, for binary search.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "add",
    "also",
    "an",
    "and",
    "are",
    "at",
    "be",
    "below",
    "bottom",
    "by",
    "can",
    "click",
    "fifth",
    "find",
    "first",
    "for",
    "fourth",
    "from",
    "go",
    "has",
    "have",
    "here",
    "hyperlink",
    "in",
    "info",
    "information",
    "is",
    "it",
    "its",
    "last",
    "link",
    "list",
    "local",
    "look",
    "main",
    "may",
    "more",
    "of",
    "on",
    "or",
    "our",
    "page",
    "question",
    "read",
    "second",
    "section",
    "see",
    "site",
    "sixth",
    "some",
    "state",
    "that",
    "the",
    "there",
    "these",
    "third",
    "this",
    "those",
    "to",
    "top",
    "under",
    "use",
    "we",
    "website",
    "where",
    "which",
    "with",
    "you",
    "your",
];

/// A registry entry (or known page) a placeholder may mean.
#[derive(Debug)]
struct Candidate {
    name: String,
    title: String,
    words: BTreeSet<String>,
    entry: Option<LinkEntry>,
}

/// What a placeholder became.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub name: String,
    /// Why this name, for the report.
    pub why: String,
    /// For a name not in the registry: the entry to add to `links.yaml`, to be filled in.
    pub stub: Option<LinkEntry>,
}

pub struct Namer {
    candidates: Vec<Candidate>,
    fixed_urls: BTreeMap<String, String>,
    unnamed: usize,
}

impl Namer {
    pub fn new(registry: &LinkRegistry) -> Namer {
        let mut candidates: Vec<Candidate> = registry
            .entries
            .iter()
            .map(|(name, entry)| Candidate {
                name: name.clone(),
                title: entry.title.clone(),
                words: words(&format!("{} {}", name.replace('-', " "), entry.title)),
                entry: Some(entry.clone()),
            })
            .collect();
        for (name, title, extra) in KNOWN_PAGES {
            let page_words = extra.iter().map(|w| (*w).to_owned());
            match candidates.iter_mut().find(|c| c.name == *name) {
                Some(c) => c.words.extend(page_words),
                None => candidates.push(Candidate {
                    name: (*name).to_owned(),
                    title: (*title).to_owned(),
                    words: words(&name.replace('-', " "))
                        .into_iter()
                        .chain(page_words)
                        .collect(),
                    entry: None,
                }),
            }
        }
        // Only a URL that is the same for every state can stand for its entry: a state's own
        // page written into the text must stay that state's page.
        let fixed_urls = registry
            .entries
            .iter()
            .filter_map(|(name, e)| match &e.url {
                Some(url) if !e.needs_state() => Some((normal_url(url), name.clone())),
                _ => None,
            })
            .collect();
        Namer {
            candidates,
            fixed_urls,
            unnamed: 0,
        }
    }

    /// The registry entry whose fixed URL this is, if any.
    pub fn url(&self, url: &str) -> Option<&str> {
        self.fixed_urls.get(&normal_url(url)).map(String::as_str)
    }

    /// A name for a placeholder with the words it names (`description`, e.g. `MAIN RO PAGE`)
    /// and the words before it in its sentence (`context`).
    pub fn suggest(&mut self, description: Option<&str>, context: &str) -> Suggestion {
        let description = description.unwrap_or_default();
        if let Some((ordinal, page)) = question_on_page(description) {
            return self.question_link(&ordinal, &page, context);
        }
        let desc = words(description);
        let (near, far) = clauses(context);
        let best = self
            .candidates
            .iter()
            .map(|c| {
                let score = 4 * c.words.intersection(&desc).count()
                    + 3 * c.words.intersection(&near).count()
                    + c.words.intersection(&far).count();
                (score, c)
            })
            .filter(|(score, _)| *score > 0)
            // Highest score; on a tie, an entry the registry has, then the more general page.
            .max_by_key(|(score, c)| {
                (
                    *score,
                    c.entry.is_some(),
                    std::cmp::Reverse(c.words.len()),
                    std::cmp::Reverse(c.name.clone()),
                )
            });
        if let Some((_, c)) = best {
            let matched: Vec<&str> = c
                .words
                .iter()
                .filter(|w| desc.contains(*w) || near.contains(*w) || far.contains(*w))
                .map(String::as_str)
                .collect();
            return self.chosen(c, &format!("matched “{}”", matched.join("”, “")));
        }
        let desc_name = name_words(description);
        let ctx_name = name_words(context);
        let name = if !desc_name.is_empty() {
            desc_name.join("-")
        } else if !ctx_name.is_empty() {
            ctx_name[ctx_name.len().saturating_sub(2)..].join("-")
        } else {
            self.unnamed += 1;
            format!("link-{}", self.unnamed)
        };
        let title = if desc_name.is_empty() {
            title_case(&name.replace('-', " "))
        } else {
            title_case(page_name(description))
        };
        Suggestion {
            why: "no registry entry matched; a new name to review".to_owned(),
            stub: Some(stub(&title, None)),
            name,
        }
    }

    /// `LINK TO THE SECOND QUESTION ON THE CRIMES PAGE`: an entry about the page's topic that
    /// the sentence describes, else a new name that falls back to the page until the
    /// question's own URLs are filled in.
    fn question_link(&self, ordinal: &str, page: &str, context: &str) -> Suggestion {
        let page_words = words(page);
        let (near, far) = clauses(context);
        let near: BTreeSet<String> = near.difference(&page_words).cloned().collect();
        let far: BTreeSet<String> = far.difference(&page_words).cloned().collect();
        let ctx: BTreeSet<String> = near.union(&far).cloned().collect();
        let on_page = |c: &&Candidate| !c.words.is_disjoint(&page_words);
        let best = self
            .candidates
            .iter()
            .filter(on_page)
            .map(|c| {
                let score =
                    3 * c.words.intersection(&near).count() + c.words.intersection(&far).count();
                (score, c)
            })
            .filter(|(score, _)| *score > 0)
            .max_by_key(|(score, c)| (*score, c.entry.is_some()));
        if let Some((_, c)) = best {
            let matched: Vec<&str> = c
                .words
                .iter()
                .filter(|w| ctx.contains(*w))
                .map(String::as_str)
                .collect();
            return self.chosen(
                c,
                &format!(
                    "a question on the {} page; matched “{}”",
                    title_case(page),
                    matched.join("”, “")
                ),
            );
        }
        let page_entry = self
            .candidates
            .iter()
            .filter(on_page)
            .filter(|c| c.entry.is_some())
            .min_by_key(|c| c.words.len());
        let base = name_words(page).join("-");
        let name = format!("{base}-{}-question", ordinal.to_lowercase());
        let title = format!("{} ({} question)", title_case(page), ordinal.to_lowercase());
        let why = match page_entry {
            Some(p) => format!(
                "a question on the {} page; the stub falls back to '{}' until its URLs are filled in",
                title_case(page),
                p.name
            ),
            None => format!(
                "a question on the {} page; a new name to review",
                title_case(page)
            ),
        };
        Suggestion {
            name,
            why,
            stub: Some(stub(&title, page_entry.and_then(|p| p.entry.as_ref()))),
        }
    }

    fn chosen(&self, c: &Candidate, why: &str) -> Suggestion {
        match &c.entry {
            Some(_) => Suggestion {
                name: c.name.clone(),
                why: format!("in links.yaml; {why}"),
                stub: None,
            },
            None => Suggestion {
                name: c.name.clone(),
                why: format!("not in links.yaml yet; {why}"),
                stub: Some(stub(&c.title, None)),
            },
        }
    }
}

/// A registry entry to fill in: no URL is guessed (a wrong one would reach a survivor), or
/// the page's own URLs when the placeholder is one question on a page the registry has.
fn stub(title: &str, page: Option<&LinkEntry>) -> LinkEntry {
    LinkEntry {
        title: title.to_owned(),
        url: page.and_then(|p| p.url.clone()),
        fallback: page.and_then(|p| p.fallback.clone()),
        by_state: BTreeMap::new(),
        verified: false,
    }
}

/// `SECOND QUESTION ON THE CRIMES PAGE` → (`SECOND`, `CRIMES`).
fn question_on_page(description: &str) -> Option<(String, String)> {
    let upper = description.to_uppercase();
    let at = upper.find("QUESTION ON ")?;
    let ordinal = upper[..at]
        .split_whitespace()
        .rfind(|w| *w != "THE")
        .unwrap_or("A")
        .to_owned();
    let page = upper[at + "QUESTION ON ".len()..]
        .trim()
        .trim_start_matches("THE ")
        .trim_start_matches("OUR ");
    let page = page.strip_suffix(" PAGE").unwrap_or(page).trim();
    (!page.is_empty()).then(|| (ordinal, page.to_owned()))
}

/// The words of the clause just before a placeholder (`you can find advocates near you
/// here:`), which decide, and of the rest of its sentence, which only help.
fn clauses(context: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let context = context.trim_end().trim_end_matches([':', ',', ';', ' ']);
    let cut = [", ", "; ", ": ", " – ", " - "]
        .iter()
        .filter_map(|b| context.rfind(b).map(|i| i + b.len()))
        .max()
        .unwrap_or(0);
    (words(&context[cut..]), words(&context[..cut]))
}

/// Lowercase words that can tell pages apart, with a plural `s` removed.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !is_stopword(w))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.len() > 2 && !stem.ends_with('s') => stem.to_owned(),
            _ => w,
        })
        .collect()
}

/// The words of `text` that can make a link name, in order: `FIREARMS PAGE` → `firearms`.
fn name_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !is_stopword(w))
        .collect()
}

fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// `THE MAIN FIREARMS PAGE` → `FIREARMS`.
fn page_name(description: &str) -> &str {
    let d = description.trim();
    let d = d.strip_prefix("THE ").unwrap_or(d);
    let d = d.strip_prefix("MAIN ").unwrap_or(d);
    d.strip_suffix(" PAGE").unwrap_or(d)
}

fn title_case(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) if lower.len() > 2 || w.len() == 1 => {
                    first.to_uppercase().chain(chars).collect()
                }
                // Two-letter words are abbreviations (RO, DV) as often as not.
                _ => w.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// URLs compare without a trailing slash and regardless of the scheme's case.
fn normal_url(url: &str) -> String {
    let url = url.trim().trim_end_matches('/');
    match url.split_once("://") {
        Some((scheme, rest)) => format!("{}://{rest}", scheme.to_lowercase()),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;

    fn namer() -> Namer {
        Namer::new(&Library::BuiltIn.links().unwrap())
    }

    #[test]
    fn the_seed_placeholders_get_the_shipped_names() {
        let mut n = namer();
        let shelters = n.suggest(
            None,
            "We have information on state and local domestic violence programs here:",
        );
        assert_eq!(shelters.name, "advocates-and-shelters");
        assert!(shelters.stub.is_none());
        assert!(shelters.why.contains("program"), "{}", shelters.why);
        let crimes = n.suggest(
            Some("SECOND QUESTION ON THE CRIMES PAGE"),
            "We link to some crime victim advocate offices on our Crimes page, here:",
        );
        assert_eq!(crimes.name, "crimes-victim-advocates");
        assert!(crimes.stub.is_none());
        assert_eq!(
            n.url("https://www.womenslaw.org/about-abuse/safety-tips/"),
            Some("safety-tips")
        );
        assert_eq!(n.url("https://www.womenslaw.org/laws/ny/crimes"), None);
    }

    #[test]
    fn a_page_the_registry_lacks_gets_a_stub_without_a_guessed_url() {
        let mut n = namer();
        let ro = n.suggest(Some("MAIN RO PAGE"), "You can read more here:");
        assert_eq!(ro.name, "restraining-orders");
        let stub = ro.stub.unwrap();
        assert_eq!(stub.title, "Restraining Orders");
        assert_eq!(stub.url, None);
        assert!(!stub.verified);
    }

    #[test]
    fn a_question_on_a_known_page_falls_back_to_that_page() {
        let mut n = namer();
        let q = n.suggest(
            Some("THIRD QUESTION ON THE CRIMES PAGE"),
            "For more about this, see",
        );
        assert_eq!(q.name, "crimes-third-question");
        let stub = q.stub.unwrap();
        assert_eq!(stub.title, "Crimes (third question)");
        assert_eq!(
            stub.url.as_deref(),
            Some("https://www.womenslaw.org/laws/{state}/crimes")
        );
    }

    #[test]
    fn the_clause_next_to_the_placeholder_decides() {
        let mut n = namer();
        let near = n.suggest(
            None,
            "If you would like to talk to someone about safety planning in your new home, you can find advocates near you here:",
        );
        assert_eq!(near.name, "advocates-and-shelters");
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn nothing_to_go_on_gives_a_numbered_name() {
        let mut n = namer();
        assert_eq!(n.suggest(None, "").name, "link-1");
        assert_eq!(n.suggest(None, "Here:").name, "link-2");
        let firearms = n.suggest(Some("THE FIREARMS PAGE"), "");
        assert_eq!(firearms.name, "firearms");
        assert_eq!(firearms.stub.unwrap().title, "Firearms");
        assert_eq!(
            n.suggest(None, "Read about immigration visas:").name,
            "immigration-visas"
        );
    }
}
