//! Exhaustive rendering: every reply a snippet can produce, for every jurisdiction, through
//! the send-safety guard, reporting the first that fails as the answers that reproduce it.
//!
//! Done naively this is (answer combinations × jurisdictions) full renders per snippet. It is
//! made cheap by three facts of the pipeline, each exact:
//! - a reply passes the guard when each of its paragraphs does, and a paragraph never spans
//!   two blocks, so each block is checked on its own;
//! - a block's inclusion and text depend only on the questions its `when` and `text` name
//!   (and `state`), so only combinations of those are enumerated (templates cannot include
//!   one another: minijinja's `multi_template` feature is off);
//! - links are filled in after rendering, so a block that does not use `state` renders once
//!   per combination and only its paragraphs with links are re-checked per jurisdiction —
//!   once per distinct set of URLs, and never twice for the same paragraph.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::time::{Duration, Instant};

use crate::answers::{self, Answer, Answers};
use crate::diagnostic::{Diagnostic, Located};
use crate::guard::{self, Refused};
use crate::jurisdictions::Jurisdiction;
use crate::library::LoadedSnippet;
use crate::links::LinkRegistry;
use crate::render;
use crate::reply::{Paragraph, Reply, Segment};
use crate::snippet::{Question, QuestionKind};
use crate::source_map::{BlockSpan, locate_in_block};

use super::snippet::{Linted, Uses};

/// At most this many answer combinations per block. Twelve yes-no questions in one block is
/// far beyond any response the hotline keeps; past it the block is an error to split, since
/// checking it would cost more than the check is worth on every commit.
pub const MAX_COMBINATIONS: usize = 4096;

/// A safety net against templates that stay just under the fuel limit in every one of
/// thousands of renders: no snippet may hold `check` up for longer than this.
const TIME_BUDGET: Duration = Duration::from_secs(2);

/// What a text answer is rendered with. Its content never matters to the guard (answers are
/// not judged), but whether it is empty does (`when: signature`), so both are tried.
const SAMPLE_TEXT: &str = "Sam";

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

    fn needs_state(&self, name: &str) -> bool {
        self.links.get(name).is_none_or(|r| r.needs_state)
    }

    fn url(&self, name: &str, state: Option<usize>) -> Result<&str, String> {
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

/// Renders every reply of `snippet`: the first that fails is an error; a block no answers
/// include (`when: topic == "housng"`) is a warning, since its text can never be sent.
pub fn check_replies(
    snippet: &LoadedSnippet,
    linted: &Linted,
    spans: &[BlockSpan],
    world: &World,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(failure) = first_failure(snippet, linted, spans, world, out) {
        out.push(Diagnostic::error(failure));
    }
}

fn first_failure(
    snippet: &LoadedSnippet,
    linted: &Linted,
    spans: &[BlockSpan],
    world: &World,
    out: &mut Vec<Diagnostic>,
) -> Option<Located> {
    let questions = &snippet.snippet.questions;
    let domains: Vec<Vec<Answer>> = questions.iter().map(domain).collect();
    let baseline: Answers = questions
        .iter()
        .zip(&domains)
        .map(|(q, d)| (q.id.clone(), default_or_first(q, d)))
        .collect();
    let needs_state = linted
        .blocks
        .iter()
        .any(|u| u.state || u.computed_link || u.links.iter().any(|l| world.links.needs_state(l)));
    let report = |failure: Failure| Some(failure.describe(snippet, spans, world, needs_state));

    let deadline = Instant::now() + TIME_BUDGET;
    let mut passed: HashSet<Paragraph> = HashSet::new();
    for (block, uses) in linted.blocks.iter().enumerate() {
        let combinations = uses
            .questions
            .iter()
            .try_fold(1usize, |n, &q| n.checked_mul(domains[q].len()));
        if combinations.is_none_or(|n| n > MAX_COMBINATIONS) {
            return Some(too_many(snippet, spans, block, uses, combinations));
        }
        let states: Vec<Option<usize>> = if uses.state {
            (0..world.jurisdictions.len()).map(Some).collect()
        } else {
            vec![None]
        };
        let mut odometer = vec![0usize; uses.questions.len()];
        let mut ever_included = false;
        loop {
            let mut answers = baseline.clone();
            for (&q, &i) in uses.questions.iter().zip(&odometer) {
                answers.insert(questions[q].id.clone(), domains[q][i].clone());
            }
            // Every state is tried before reporting, to say how many fail.
            let mut first = None;
            let mut failed = 0;
            for &state in &states {
                match render_and_check(snippet, linted, block, &answers, state, world, &mut passed)
                {
                    Ok(included) => ever_included |= included,
                    Err(failure) => {
                        failed += 1;
                        first.get_or_insert(failure);
                    }
                }
                if Instant::now() > deadline {
                    return Some(too_slow(snippet, spans, block));
                }
            }
            if let Some((problem, state, scope)) = first {
                let scope = if states.len() > 1 {
                    Some((failed, states.len()))
                } else {
                    scope
                };
                return report(Failure {
                    block,
                    answers,
                    state,
                    scope,
                    problem,
                });
            }
            if !advance(&mut odometer, &uses.questions, &domains) {
                break;
            }
        }
        if !ever_included {
            out.push(Diagnostic::warning(Located::new(
                &snippet.source.origin,
                block_location(snippet, spans, block),
                format!(
                    "block {} is never included: its `when` is false for every answer{}, so its text can never be sent",
                    block + 1,
                    if uses.state { " and state" } else { "" }
                ),
            )));
        }
    }
    None
}

/// A problem, the jurisdiction it shows for, and how many of how many checked fail.
type Failed = (Problem, Option<usize>, Option<(usize, usize)>);

/// Renders one block for one combination of answers (and state, when it uses one) and
/// checks its paragraphs; returns whether the block was included. `passed` remembers
/// paragraphs already checked for every state.
fn render_and_check(
    snippet: &LoadedSnippet,
    linted: &Linted,
    block: usize,
    answers: &Answers,
    state: Option<usize>,
    world: &World,
    passed: &mut HashSet<Paragraph>,
) -> Result<bool, Failed> {
    let name = state.map(|j| world.jurisdictions[j].name.as_str());
    let ctx = render::context(answers, name);
    let renderer = &linted.renderer;
    let rendered = renderer
        .included(snippet, block, &ctx)
        .and_then(|included| {
            included
                .then(|| renderer.render(snippet, block, &ctx))
                .transpose()
        })
        .map_err(|err| {
            let at = Located::from_error(&err, &snippet.source.origin);
            (Problem::Error(at), state, None)
        })?;
    let Some(rendered) = rendered else {
        return Ok(false);
    };
    for paragraph in Reply::parse([rendered.as_str()]).paragraphs {
        if state.is_none() && passed.contains(&paragraph) {
            continue;
        }
        if let Some(failed) = check_paragraph(&paragraph, state, world) {
            return Err(failed);
        }
        if state.is_none() {
            passed.insert(paragraph);
        }
    }
    Ok(true)
}

fn too_slow(snippet: &LoadedSnippet, spans: &[BlockSpan], block: usize) -> Located {
    Located::new(
        &snippet.source.origin,
        block_location(snippet, spans, block),
        format!(
            "block {}: gave up after {} s of rendering every combination; its templates are too slow to check (do they loop?)",
            block + 1,
            TIME_BUDGET.as_secs()
        ),
    )
}

fn block_location(
    snippet: &LoadedSnippet,
    spans: &[BlockSpan],
    block: usize,
) -> Option<(usize, usize)> {
    spans
        .get(block)
        .and_then(BlockSpan::start)
        .map(|o| crate::library::line_col(&snippet.source.text, o))
}

/// The values a question's answers are enumerated over.
fn domain(q: &Question) -> Vec<Answer> {
    match q.kind {
        QuestionKind::YesNo => vec![Answer::YesNo(true), Answer::YesNo(false)],
        QuestionKind::Choice => q.choices.iter().cloned().map(Answer::Choice).collect(),
        QuestionKind::Text => vec![
            Answer::Text(SAMPLE_TEXT.into()),
            Answer::Text(String::new()),
        ],
    }
}

/// The answer a question has while other questions are varied: its default, else its first.
fn default_or_first(q: &Question, domain: &[Answer]) -> Answer {
    q.default
        .as_ref()
        .and_then(|d| answers::validate(q, d).ok())
        .or_else(|| domain.first().cloned())
        .unwrap_or(Answer::Text(String::new()))
}

/// Next combination, rightmost question fastest; false after the last.
fn advance(odometer: &mut [usize], questions: &[usize], domains: &[Vec<Answer>]) -> bool {
    for (slot, &q) in odometer.iter_mut().zip(questions).rev() {
        *slot += 1;
        if *slot < domains[q].len() {
            return true;
        }
        *slot = 0;
    }
    false
}

/// Checks one paragraph for `state`, or for every jurisdiction when it was rendered without
/// one and holds a link that depends on the state. Returns the problem, the first failing
/// jurisdiction and, when several were checked, how many failed of how many.
fn check_paragraph(paragraph: &Paragraph, state: Option<usize>, world: &World) -> Option<Failed> {
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

enum Problem {
    Refused(Refused),
    Link { name: String, why: String },
    Error(Located),
}

struct Failure {
    block: usize,
    answers: Answers,
    state: Option<usize>,
    /// Failed and checked jurisdictions, when the paragraph was checked for each.
    scope: Option<(usize, usize)>,
    problem: Problem,
}

impl Failure {
    fn describe(
        self,
        snippet: &LoadedSnippet,
        spans: &[BlockSpan],
        world: &World,
        needs_state: bool,
    ) -> Located {
        let state = self.state.or(needs_state.then_some(0));
        let mut flags = Vec::new();
        if let Some(j) = state.and_then(|j| world.jurisdictions.get(j)) {
            flags.push(format!("--state {}", j.code));
        }
        for q in &snippet.snippet.questions {
            if let Some(answer) = self.answers.get(&q.id) {
                flags.push(format!(
                    "--set {}",
                    shell_word(&format!("{}={}", q.id, answer.display()))
                ));
            }
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" with {}", flags.join(" "))
        };
        let scope = match (
            self.scope,
            self.state.and_then(|j| world.jurisdictions.get(j)),
        ) {
            (Some((failed, checked)), _) if failed == checked => {
                " for every jurisdiction,".to_owned()
            }
            (Some((1, _)), Some(j)) => format!(" for {} only,", j.label()),
            (Some((failed, checked)), Some(j)) => {
                format!(
                    " for {failed} of {checked} jurisdictions (first {}),",
                    j.label()
                )
            }
            _ => String::new(),
        };
        let at = |needle: &str| locate_in_block(snippet, spans, self.block, needle);
        let origin = &snippet.source.origin;
        match self.problem {
            Problem::Refused(refused) => {
                let Some(finding) = refused.findings.first() else {
                    return Located::new(origin, at(""), "reply refused");
                };
                let more = match refused.findings.len() - 1 {
                    0 => String::new(),
                    n => format!(" (and {n} more)"),
                };
                let shown = excerpt(&finding.excerpt, finding.column);
                let quoted = if shown.is_empty() {
                    String::new()
                } else {
                    format!(" in \"{shown}\"")
                };
                Located::new(
                    origin,
                    at(&needle(&finding.marker, &finding.excerpt, finding.column)),
                    format!(
                        "block {}: reply refused{scope}{flags}: {}{quoted}{more}",
                        self.block + 1,
                        finding.marker
                    ),
                )
            }
            Problem::Link { name, why } => Located::new(
                origin,
                at(&format!("\"{name}\"")),
                format!(
                    "block {}: reply cannot be composed{scope}{flags}: link '{name}' {why}",
                    self.block + 1
                ),
            ),
            Problem::Error(mut located) => {
                if !flags.is_empty() {
                    located.message = format!("{} (rendering{flags})", located.message);
                }
                located
            }
        }
    }
}

fn too_many(
    snippet: &LoadedSnippet,
    spans: &[BlockSpan],
    block: usize,
    uses: &Uses,
    combinations: Option<usize>,
) -> Located {
    let names: Vec<&str> = uses
        .questions
        .iter()
        .map(|&q| snippet.snippet.questions[q].id.as_str())
        .collect();
    Located::new(
        &snippet.source.origin,
        block_location(snippet, spans, block),
        format!(
            "block {} depends on {} questions ({}): {} answer combinations, more than the {MAX_COMBINATIONS} check renders per block; split the block (or the snippet) so each part depends on fewer",
            block + 1,
            names.len(),
            names.join(", "),
            combinations.map_or_else(|| "too many".to_owned(), |n| n.to_string())
        ),
    )
}

/// What to look for in the block's source to point at a finding.
fn needle(marker: &str, line: &str, column: usize) -> String {
    if let Some((_, rest)) = marker.split_once('`') {
        return rest.split('`').next().unwrap_or(rest).to_owned();
    }
    if let Some(word) = marker.strip_prefix("placeholder ") {
        return word.to_owned();
    }
    if let Some(name) = marker
        .strip_prefix("empty or malformed link '")
        .and_then(|r| r.strip_suffix('\''))
    {
        return format!("\"{name}\"");
    }
    line.chars()
        .skip(column.saturating_sub(1))
        .take_while(|c| !c.is_whitespace())
        .take(40)
        .collect()
}

/// Up to 40 characters before and 30 after the column, on one line.
fn excerpt(line: &str, column: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let from = at.saturating_sub(40);
    let to = (at + 30).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&chars[from..to]);
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// `x` as one shell word: bare when it is plainly safe, else single-quoted.
fn shell_word(s: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "_-.,/=:@+".contains(c);
    if !s.is_empty() && s.chars().all(safe) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_odometer_visits_every_combination_once() {
        let domains = vec![
            domain(&q(QuestionKind::YesNo, &[])),
            domain(&q(QuestionKind::Choice, &["a", "b", "c"])),
        ];
        let questions = [0, 1];
        let mut odometer = vec![0, 0];
        let mut seen = vec![odometer.clone()];
        while advance(&mut odometer, &questions, &domains) {
            seen.push(odometer.clone());
        }
        assert_eq!(seen.len(), 6);
        assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 6);
    }

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
        let registry: LinkRegistry = crate::yaml::parse(
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

    #[test]
    fn reproducing_flags_are_shell_words() {
        assert_eq!(shell_word("police=yes"), "police=yes");
        assert_eq!(shell_word("who=Sam Doe"), "'who=Sam Doe'");
        assert_eq!(shell_word("who=it's"), r"'who=it'\''s'");
    }

    #[test]
    fn excerpts_stay_short_around_the_column() {
        let line = "a".repeat(100) + "LINK" + &"b".repeat(100);
        let shown = excerpt(&line, 101);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert!(shown.contains("aLINKb"));
        assert!(shown.chars().count() <= 72);
    }

    fn q(kind: QuestionKind, choices: &[&str]) -> Question {
        Question {
            id: "q".into(),
            ask: "Q?".into(),
            kind,
            choices: choices.iter().map(|c| c.to_string()).collect(),
            default: None,
            help: None,
        }
    }
}
