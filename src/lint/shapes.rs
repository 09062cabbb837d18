//! Guarding one rendered paragraph for every jurisdiction: its links filled in with each
//! state's URLs, then the send-safety guard. Links are resolved once for the whole library,
//! and a paragraph is guarded once per shape of its URLs (see `Shape`), not once per state.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::library::jurisdictions::Jurisdiction;
use crate::library::links::LinkRegistry;
use crate::lint::diagnostic::Located;
use crate::reply::guard::{self, Refused};
use crate::reply::paragraphs::{Paragraph, Reply, Segment};

/// Every registry link resolved for every jurisdiction, once for the whole library.
pub struct LinkTable {
    links: HashMap<String, Resolutions>,
}

struct Resolutions {
    needs_state: bool,
    without_state: Result<String, String>,
    by_jurisdiction: Vec<Result<String, String>>,
}

/// What a link with an error in `links.yaml` renders as: that error is reported once, at its
/// cause, and the replies around the link are still checked.
const STAND_IN_URL: &str = "https://stand-in.invalid/";

impl LinkTable {
    /// `broken` names the entries `links.yaml` reported errors for.
    pub fn new(
        registry: &LinkRegistry,
        jurisdictions: &[Jurisdiction],
        broken: &BTreeSet<String>,
    ) -> LinkTable {
        let links = registry
            .entries
            .iter()
            .map(|(name, entry)| {
                let resolve = |j: Option<&Jurisdiction>| {
                    if broken.contains(name) {
                        Ok(STAND_IN_URL.to_owned())
                    } else {
                        entry.resolve(j).map(|r| r.url)
                    }
                };
                let resolutions = Resolutions {
                    needs_state: entry.needs_state(),
                    without_state: resolve(None),
                    by_jurisdiction: jurisdictions.iter().map(|j| resolve(Some(j))).collect(),
                };
                (name.clone(), resolutions)
            })
            .collect();
        LinkTable { links }
    }

    pub fn needs_state(&self, name: &str) -> bool {
        self.links.get(name).is_none_or(|r| r.needs_state)
    }

    pub fn url(&self, name: &str, state: Option<usize>) -> Result<&str, String> {
        let r = self
            .links
            .get(name)
            .ok_or_else(|| "is not in links.yaml".to_owned())?;
        let resolved = match state {
            Some(j) => r.by_jurisdiction.get(j).ok_or("has no such jurisdiction")?,
            None => &r.without_state,
        };
        resolved.as_deref().map_err(Clone::clone)
    }
}

/// What the exhaustive check renders against.
pub struct World<'a> {
    pub jurisdictions: &'a [Jurisdiction],
    pub links: &'a LinkTable,
}

/// Why a reply cannot be sent.
pub enum Problem {
    Refused(Refused),
    Link { name: String, why: String },
    Error(Located),
}

/// A problem, the jurisdiction it shows for, and how many of how many checked fail.
pub type Failed = (Problem, Option<usize>, Option<(usize, usize)>);

/// Checks one paragraph for `state`, or for every jurisdiction when it was rendered without
/// one and holds a link that depends on the state. Returns the problem, the first failing
/// jurisdiction and, when several were checked, how many failed of how many.
pub fn check_paragraph(
    paragraph: &Paragraph,
    state: Option<usize>,
    world: &World,
) -> Option<Failed> {
    let mut names: Vec<&str> = Vec::new();
    for segment in paragraph {
        if let Segment::Link { name, .. } = segment {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    let candidates: Vec<Option<usize>> = match state {
        Some(_) => vec![state],
        None if names.iter().any(|n| world.links.needs_state(n)) => {
            (0..world.jurisdictions.len()).map(Some).collect()
        }
        None => vec![None],
    };
    let mut verdicts: HashMap<Vec<Shape>, Option<Refused>> = HashMap::new();
    let mut first: Option<(Problem, Option<usize>)> = None;
    let mut failed = 0;
    for &j in &candidates {
        let urls: Result<Vec<&str>, Problem> = names
            .iter()
            .map(|&name| {
                world.links.url(name, j).map_err(|why| Problem::Link {
                    name: name.to_owned(),
                    why,
                })
            })
            .collect();
        let problem = match urls {
            Err(problem) => Some(problem),
            Ok(urls) => verdicts
                .entry(urls.iter().map(|u| shape(u)).collect())
                .or_insert_with(|| {
                    let by_name: BTreeMap<&str, &str> =
                        names.iter().copied().zip(urls.iter().copied()).collect();
                    let mut reply = Reply {
                        paragraphs: vec![paragraph.clone()],
                    };
                    reply.fill_links(|name| by_name.get(name).copied().unwrap_or("").to_owned());
                    guard::check(&reply).err()
                })
                .clone()
                .map(Problem::Refused),
        };
        if let Some(problem) = problem {
            failed += 1;
            first.get_or_insert((problem, j));
        }
    }
    let (problem, j) = first?;
    let scope = (candidates.len() > 1).then_some((failed, candidates.len()));
    Some((problem, j, scope))
}

/// How the guard sees a URL in a paragraph. Most URLs are inert: http(s), then only lower
/// case letters, digits and punctuation that cannot make or break a marker — no upper case
/// (placeholder words), no brackets, braces, `%` or `#` (directives, template syntax). The
/// guard's verdict on a paragraph is the same for any inert URLs that agree on whether they
/// end in a word character (which decides whether they run into a following word), so a
/// paragraph is guarded once per shape, not once per jurisdiction; any other URL is judged
/// as itself. A refused paragraph is always reported with its own URLs: the first state
/// with a failing shape is the one that computed the verdict.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Shape<'a> {
    Inert { ends_in_word: bool },
    Exact(&'a str),
}

fn shape(url: &str) -> Shape<'_> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let inert = rest.is_some_and(|r| {
        !r.is_empty()
            && r.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~:/?&=+,;@!$()*'".contains(c)
            })
    });
    if inert {
        Shape::Inert {
            ends_in_word: url.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_'),
        }
    } else {
        Shape::Exact(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_urls_that_could_hide_a_marker_are_judged_one_by_one() {
        let inert = |u| matches!(shape(u), Shape::Inert { .. });
        assert!(inert("https://www.womenslaw.org/laws/ny/crimes"));
        assert!(inert(
            "https://www.womenslaw.org/find-help/advocates-and-shelters"
        ));
        assert_eq!(
            shape("https://x.org/a/"),
            Shape::Inert {
                ends_in_word: false
            }
        );
        for exact in [
            "https://x.org/STATE/crimes",
            "https://x.org/ny#q2",
            "https://x.org/[x]",
            "https://x.org/%7B%7B",
            "",
            "ftp://x.org",
            "https://",
        ] {
            assert_eq!(shape(exact), Shape::Exact(exact));
        }
    }

    /// The shortcut in `check_paragraph` (one guard run per URL shape) must find exactly
    /// the jurisdictions that guarding every state's paragraph one by one finds.
    #[test]
    fn guarding_by_shape_agrees_with_guarding_every_state() {
        let jurisdictions = crate::library::Library::BuiltIn
            .jurisdictions()
            .unwrap()
            .jurisdictions;
        let registry: LinkRegistry = crate::library::yaml::parse(
            "a:\n  title: A\n  url: https://x.org/{state}\n  fallback: https://x.org/all\n  by_state: { ny: 'https://x.org/ny/', ca: 'https://x.org/ca#q2' }\n\
             b:\n  title: B\n  url: https://x.org/{state}/b\n  fallback: https://x.org/b\n  by_state: { tx: 'https://x.org/STATE/b' }\n",
            "links.yaml",
        )
        .unwrap();
        let links = LinkTable::new(&registry, &jurisdictions, &BTreeSet::new());
        let world = World {
            jurisdictions: &jurisdictions,
            links: &links,
        };
        let text = |s: &str| Segment::Text(s.into());
        let link = |n: &str| Segment::Link {
            name: n.into(),
            url: String::new(),
        };
        let paragraphs: Vec<Paragraph> = vec![
            vec![text("See "), link("a"), text(" now.")],
            vec![text("LINK"), link("a")],
            vec![link("a"), text("LINK more")],
            vec![text("[SEE "), link("a"), text(" BELOW]")],
            vec![link("a"), text("} {"), link("b")],
            vec![text("Crimes: "), link("b")],
        ];
        let mut refused_somewhere = 0;
        for paragraph in &paragraphs {
            let naive: Vec<usize> = (0..jurisdictions.len())
                .filter(|&j| {
                    let mut reply = Reply {
                        paragraphs: vec![paragraph.clone()],
                    };
                    reply.fill_links(|name| links.url(name, Some(j)).unwrap().to_owned());
                    guard::check(&reply).is_err()
                })
                .collect();
            let fast = check_paragraph(paragraph, None, &world);
            let fast = fast.map(|(_, first, scope)| (first, scope.map(|(failed, _)| failed)));
            let expected = naive.first().map(|&j| (Some(j), Some(naive.len())));
            assert_eq!(fast, expected, "{paragraph:?}");
            refused_somewhere += usize::from(!naive.is_empty());
        }
        // NY's URL ends in `/`, so `LINK` after it is a word of its own; TX's holds `STATE`.
        assert_eq!(refused_somewhere, 3);
    }
}
