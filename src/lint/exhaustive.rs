//! Exhaustive rendering: every reply a snippet can produce, for every jurisdiction, through
//! the send-safety guard, reporting the first that fails as the answers that reproduce it.
//!
//! Done naively this is (answer combinations × jurisdictions) full renders per snippet. It is
//! made cheap by facts of the pipeline, each exact:
//! - a reply passes the guard when each of its paragraphs does (and the `require` rules are
//!   met, see [`require`](super::require)), and a paragraph never spans two blocks, so each
//!   block is checked on its own;
//! - a block's inclusion depends only on the names its `when` uses, and its text only on
//!   the names its text uses, so each is evaluated once per combination of those names
//!   (templates cannot include one another: minijinja's `multi_template` feature is off);
//! - links are filled in after rendering, and the guard judges a link's URL apart from the
//!   prose around it, so a block that does not use `state` renders once per combination,
//!   its prose is judged once, and each link's URL was judged once per jurisdiction for the
//!   whole library ([`LinkTable`]). Only the library's `forbid` rules see prose and URLs
//!   together; they are run once per distinct set of URLs.
//!
//! Work is bounded deterministically: at most [`MAX_COMBINATIONS`] answer combinations per
//! block, and at most [`MAX_BLOCK_FUEL`] units of template work over all its renders.

use std::collections::HashMap;

use crate::error::Located;
use crate::library::LoadedSnippet;
use crate::library::snippet::{Question, QuestionKind};
use crate::library::source_map::BlockSpan;
use crate::library::values;
use crate::lint::diagnostic::Diagnostic;
use crate::reply::RenderSlots;
use crate::reply::answers::{Answer, Answers};
use crate::reply::guard::prose::Hit;
use crate::reply::paragraphs::{Paragraph, Reply, Segment};
use crate::reply::render::{self, Context};

use super::blocks::{Linted, Uses};
use super::failure::{Failure, Problem};
use super::require::BlockRequirements;
use super::world::World;

/// At most this many answer combinations per block, the state aside. Twelve yes-no
/// questions in one block is far beyond any response the hotline keeps; past it the block
/// is an error to split.
pub const MAX_COMBINATIONS: usize = 4096;

/// At most this much template work (minijinja fuel) over all the renders of one block: a
/// template that stays under the fuel limit of one reply but would take minutes over
/// thousands of combinations is reported, never waited for.
pub const MAX_BLOCK_FUEL: u64 = 60_000_000;

/// What a text answer is rendered with. Its content never matters to the guard (answers
/// are not judged), but whether it is empty does (`when: signature`), so both are tried.
const SAMPLE_TEXT: &str = "Sam";

/// Key of a cached evaluation: the value index of each name it depends on, then the
/// jurisdiction (or `u16::MAX` for none).
pub type Key = Vec<u16>;
const NO_STATE: u16 = u16::MAX;

/// What checking a snippet's replies found.
pub struct Checked {
    pub failure: Option<Located>,
    pub requirements: Vec<BlockRequirements>,
    /// Every reply has text for sure: a block in every reply always has some.
    pub always_text: bool,
}

/// The values a question's answers are enumerated over.
pub fn domain(q: &Question) -> Vec<Answer> {
    match q.kind {
        QuestionKind::YesNo => vec![Answer::YesNo(true), Answer::YesNo(false)],
        QuestionKind::Choice => q.choices.iter().cloned().map(Answer::Choice).collect(),
        QuestionKind::Text => {
            let mut values = vec![
                Answer::Text(SAMPLE_TEXT.into()),
                Answer::Text(String::new()),
            ];
            // A default is the library's text: `--defaults` sends it, so it is judged.
            if let Some(values::Value::Text(d)) = q.default.as_ref().and_then(|d| q.check(d).ok()) {
                values.push(Answer::DefaultText(d));
            }
            values
        }
    }
}

/// Renders every reply of `snippet`: the first that fails is an error; a block no answers
/// include (`when: topic == "housng"`) is a warning, since its text can never be sent.
pub fn check_replies(
    snippet: &LoadedSnippet,
    linted: &Linted,
    spans: &[BlockSpan],
    world: &World,
    out: &mut Vec<Diagnostic>,
) -> Checked {
    let questions = &snippet.snippet.questions;
    let domains: Vec<Vec<Answer>> = questions.iter().map(domain).collect();
    let needs_state = linted.blocks.iter().any(Uses::needs_state);
    // Besides the library's `require` rules, every reply must have text. Recording what each
    // combination meets costs memory and time (a block with twelve questions and the state
    // has 229,376); it is only needed for that when no block is in every reply.
    let unconditional: Vec<bool> = snippet
        .snippet
        .blocks
        .iter()
        .map(|b| b.when.is_none())
        .collect();
    let mut checker = Checker {
        snippet,
        linted,
        world,
        domains: &domains,
        wants_requirements: !world.guard.rules.require.is_empty()
            || !unconditional.iter().any(|&u| u),
    };
    let mut checked = checker.replies(spans, needs_state, out);
    if checked.failure.is_none() && !checked.always_text && !checker.wants_requirements {
        // A block in every reply can be empty (its text is all conditional): find out
        // whether a reply can be, by recording what every combination gives.
        checker.wants_requirements = true;
        checked = checker.replies(spans, needs_state, &mut Vec::new());
    }
    checked
}

impl Checker<'_> {
    /// Checks every block's replies, reporting blocks never included to `out`.
    fn replies(
        &mut self,
        spans: &[BlockSpan],
        needs_state: bool,
        out: &mut Vec<Diagnostic>,
    ) -> Checked {
        let (snippet, linted, world) = (self.snippet, self.linted, self.world);
        let mut requirements = Vec::new();
        let mut failure = None;
        for (block, uses) in linted.blocks.iter().enumerate() {
            match self.block(block, uses) {
                Ok((ever_included, req)) => {
                    requirements.push(req);
                    if !ever_included {
                        out.push(Diagnostic::warning(Located::new(
                        &snippet.source.origin,
                        super::failure::block_location(snippet, spans, block),
                        format!(
                            "block {} is never included: its `when` is false for every answer{}, so its text can never be sent",
                            block + 1,
                            if uses.state() { " and state" } else { "" }
                        ),
                    )));
                    }
                }
                Err(f) => {
                    failure = Some(f.describe(snippet, spans, world, needs_state));
                    break;
                }
            }
        }
        let always_text = snippet
            .snippet
            .blocks
            .iter()
            .zip(&requirements)
            .any(|(b, r)| b.when.is_none() && r.always_text);
        Checked {
            failure,
            requirements,
            always_text,
        }
    }
}

struct Checker<'a> {
    snippet: &'a LoadedSnippet,
    linted: &'a Linted,
    world: &'a World<'a>,
    domains: &'a [Vec<Answer>],
    wants_requirements: bool,
}

/// A rendered block, judged: the first problem (with its jurisdiction and how many
/// jurisdictions of how many fail), and which rules it meets (per jurisdiction when its
/// links depend on the state).
struct Verdict {
    problem: Option<Found>,
    meets: Meets,
}

/// A problem, the jurisdiction it shows for, and how many of how many checked fail.
#[derive(Clone)]
struct Found {
    problem: Problem,
    state: Option<usize>,
    scope: Option<(usize, usize)>,
}

enum Meets {
    Same(Vec<bool>),
    ByState(Vec<Vec<bool>>),
}

impl Meets {
    /// Whether the reply had text (the last of the rules met, see `judge`).
    fn has_text(&self) -> bool {
        match self {
            Meets::Same(m) => m.last().copied().unwrap_or(false),
            Meets::ByState(rows) => rows.iter().all(|m| m.last().copied().unwrap_or(false)),
        }
    }
}

impl<'a> Checker<'a> {
    fn block(
        &mut self,
        block: usize,
        uses: &Uses,
    ) -> Result<(bool, BlockRequirements), Box<Failure>> {
        let vars = uses.questions();
        let combinations = vars
            .iter()
            .try_fold(1usize, |n, &q| n.checked_mul(self.domains[q].len()));
        if combinations.is_none_or(|n| n > MAX_COMBINATIONS) {
            return Err(self.failure(
                block,
                &vars,
                &[],
                None,
                None,
                Problem::TooMany(combinations, MAX_COMBINATIONS),
            ));
        }
        let states: Vec<Option<usize>> = if uses.state() {
            (0..self.world.jurisdictions.len()).map(Some).collect()
        } else {
            vec![None]
        };
        let position = |q: usize| vars.iter().position(|&v| v == q).unwrap_or(0);
        let when_at: Vec<usize> = uses.when.iter().map(|&q| position(q)).collect();
        let text_at: Vec<usize> = uses.text.iter().map(|&q| position(q)).collect();
        let key = |at: &[usize], combo: &[usize], state: Option<usize>, with_state: bool| -> Key {
            let mut k: Key = at.iter().map(|&i| combo[i] as u16).collect();
            if with_state {
                k.push(state.map_or(NO_STATE, |j| j as u16));
            }
            k
        };

        let mut included_cache: HashMap<Key, bool> = HashMap::new();
        let mut verdicts: HashMap<Key, Verdict> = HashMap::new();
        let mut fuel = 0u64;
        let mut ever_included = false;
        let mut req = BlockRequirements {
            vars: vars.clone(),
            state: uses.state(),
            meets: HashMap::new(),
            always_text: true,
        };
        // A block that only prints the state renders once for every state; its paragraphs
        // are then judged with each state's name put in.
        let printed_state = uses.state_in_text
            && !uses.state_in_when
            && render::prints_state_only(&self.snippet.snippet.blocks[block].text);
        let mut renders: HashMap<Key, Reply> = HashMap::new();
        // A text is met again only when some name the block depends on is not the text's;
        // else each verdict is used once and not kept.
        let revisits =
            uses.questions().len() > uses.text.len() || (uses.state() && !uses.state_in_text);
        let mut combo = vec![0usize; vars.len()];
        loop {
            let shared = printed_state.then(|| self.context(&vars, &combo, None, true));
            // Every state is tried before a failure is reported, to say how many fail.
            let mut first_failure: Option<Found> = None;
            let mut failed = 0;
            for &state in &states {
                let own;
                let ctx = match &shared {
                    Some(ctx) => ctx,
                    None => {
                        own = self.context(&vars, &combo, state, false);
                        &own
                    }
                };
                let wk = key(&when_at, &combo, state, uses.state_in_when);
                let included = match included_cache.get(&wk) {
                    Some(&inc) => inc,
                    None => {
                        let inc = self
                            .linted
                            .engine
                            .included(self.snippet, block, ctx)
                            .map_err(|err| {
                                let at = Located::from_error(&err, &self.snippet.source.origin);
                                self.failure(block, &vars, &combo, state, None, Problem::Error(at))
                            })?;
                        included_cache.insert(wk, inc);
                        inc
                    }
                };
                if !included {
                    continue;
                }
                ever_included = true;
                // A verdict holds for every state only when neither the text nor a link in
                // it depends on the state: a block that tests the state in its `when` is
                // judged with the links of each state it is included for.
                let tk = key(
                    &text_at,
                    &combo,
                    state,
                    uses.state_in_text || uses.links_need_state,
                );
                let fresh;
                let verdict = if let Some(v) = verdicts.get(&tk) {
                    v
                } else {
                    let reply = if printed_state {
                        let rk = key(&text_at, &combo, None, false);
                        if !renders.contains_key(&rk) {
                            let text = self
                                .render(block, ctx, &mut fuel)
                                .map_err(|p| self.failure(block, &vars, &combo, state, None, p))?;
                            renders.insert(rk.clone(), self.parse(&text, ctx));
                        }
                        let name = state.map(|j| self.world.jurisdictions[j].in_prose());
                        with_state(&renders[&rk], name.as_deref().unwrap_or(""))
                    } else {
                        let text = self
                            .render(block, ctx, &mut fuel)
                            .map_err(|p| self.failure(block, &vars, &combo, state, None, p))?;
                        self.parse(&text, ctx)
                    };
                    let verdict = self.judge(&reply, state);
                    if fuel > MAX_BLOCK_FUEL {
                        return Err(self.failure(
                            block,
                            &vars,
                            &combo,
                            state,
                            None,
                            Problem::TooMuchWork(MAX_BLOCK_FUEL),
                        ));
                    }
                    if revisits {
                        verdicts.entry(tk).or_insert(verdict)
                    } else {
                        fresh = verdict;
                        &fresh
                    }
                };
                req.always_text &= verdict.meets.has_text();
                if let Some(found) = &verdict.problem {
                    failed += 1;
                    first_failure.get_or_insert(Found {
                        state: state.or(found.state),
                        ..found.clone()
                    });
                    continue;
                }
                if self.wants_requirements {
                    let full = key(&(0..vars.len()).collect::<Vec<_>>(), &combo, state, false);
                    match &verdict.meets {
                        Meets::Same(m) if !uses.state() => {
                            req.meets.insert(full, m.clone());
                        }
                        Meets::Same(m) => {
                            let mut k = full;
                            k.push(state.map_or(NO_STATE, |j| j as u16));
                            req.meets.insert(k, m.clone());
                        }
                        Meets::ByState(by_state) => {
                            req.state = true;
                            for (j, m) in by_state.iter().enumerate() {
                                let mut k = full.clone();
                                k.push(j as u16);
                                req.meets.insert(k, m.clone());
                            }
                        }
                    }
                }
            }
            if let Some(found) = first_failure {
                let scope = if states.len() > 1 {
                    Some((failed, states.len()))
                } else {
                    found.scope
                };
                return Err(self.failure(block, &vars, &combo, found.state, scope, found.problem));
            }
            if !advance(&mut combo, &vars, self.domains) {
                break;
            }
        }
        if req.state && !uses.state() {
            // Some combinations met the rules the same way for every state, others per
            // state: give every entry the jurisdiction, so keys have one shape.
            let jurisdictions = self.world.jurisdictions.len();
            let entries: Vec<(Key, Vec<bool>)> = req.meets.drain().collect();
            for (k, m) in entries {
                if k.len() == vars.len() {
                    for j in 0..jurisdictions {
                        let mut kj = k.clone();
                        kj.push(j as u16);
                        req.meets.insert(kj, m.clone());
                    }
                } else {
                    req.meets.insert(k, m);
                }
            }
        }
        Ok((ever_included, req))
    }

    /// The template values of one combination: the block's questions, and the state (or a
    /// slot for it, when one render serves every state).
    fn context(
        &self,
        vars: &[usize],
        combo: &[usize],
        state: Option<usize>,
        state_slot: bool,
    ) -> Context {
        let mut ctx = Context::default();
        for (&q, &i) in vars.iter().zip(combo) {
            ctx.answer(&self.snippet.snippet.questions[q].id, &self.domains[q][i]);
        }
        if let Some(j) = state {
            ctx.state(&self.world.jurisdictions[j]);
        } else if state_slot {
            ctx.state_slot();
        }
        ctx
    }

    /// Renders the block for `ctx`, counting the work.
    fn render(&self, block: usize, ctx: &Context, fuel: &mut u64) -> Result<String, Problem> {
        let rendered = self
            .linted
            .engine
            .render_block(self.snippet, block, ctx)
            .map_err(|err| {
                Problem::Error(Located::from_error(&err, &self.snippet.source.origin))
            })?;
        *fuel += rendered.fuel;
        Ok(rendered.text)
    }

    /// The paragraphs of a render.
    fn parse(&self, rendered: &str, ctx: &Context) -> Reply {
        let slots = RenderSlots {
            ctx,
            engine: &self.linted.engine,
        };
        Reply::parse([rendered], &slots)
    }

    /// Judges each paragraph of a render: its prose once, its links and the `forbid` rules
    /// for `state`, or for every jurisdiction when it was rendered without one and holds a
    /// link that depends on it.
    fn judge(&self, reply: &Reply, state: Option<usize>) -> Verdict {
        let guard = self.world.guard;
        // One more than the library's rules: the last says the reply has text at all.
        let rules = guard.rules.require.len() + 1;
        let mut meets_same = vec![false; rules];
        let mut meets_by_state: Option<Vec<Vec<bool>>> = None;
        for paragraph in &reply.paragraphs {
            let hits = guard.prose(paragraph);
            if !hits.is_empty() {
                return Verdict {
                    problem: Some(Found {
                        problem: Problem::refused(hits, paragraph),
                        state,
                        scope: None,
                    }),
                    meets: Meets::Same(meets_same),
                };
            }
            let names = link_names(paragraph);
            let candidates: Vec<Option<usize>> = match state {
                Some(_) => vec![state],
                None if names.iter().any(|n| self.world.links.needs_state(n)) => {
                    (0..self.world.jurisdictions.len()).map(Some).collect()
                }
                None => vec![None],
            };
            let per_state = candidates.len() > 1;
            if per_state && meets_by_state.is_none() {
                meets_by_state = Some(vec![meets_same.clone(); candidates.len()]);
            }
            let house = guard.house(paragraph);
            let mut seen: HashMap<Vec<&str>, (Vec<Hit>, Vec<bool>)> = HashMap::new();
            let mut first: Option<(Problem, Option<usize>)> = None;
            let mut failed = 0;
            for (ci, &j) in candidates.iter().enumerate() {
                let mut urls: Vec<&str> = Vec::new();
                let mut problem = None;
                for name in &names {
                    match self.world.links.get(name, j) {
                        None => {
                            problem = Some(Problem::Link {
                                name: (*name).to_owned(),
                                why: "is not in links.yaml".to_owned(),
                            })
                        }
                        Some(r) => match (&r.url, &r.problem) {
                            (Err(why), _) => {
                                problem = Some(Problem::Link {
                                    name: (*name).to_owned(),
                                    why: why.clone(),
                                })
                            }
                            (Ok(url), Some(p)) => {
                                problem = Some(Problem::Link {
                                    name: (*name).to_owned(),
                                    why: format!("gives a URL the guard refuses: {p}"),
                                });
                                urls.push(url);
                            }
                            (Ok(url), None) => urls.push(url),
                        },
                    }
                    if problem.is_some() {
                        break;
                    }
                }
                if let Some(problem) = problem {
                    failed += 1;
                    first.get_or_insert((problem, j));
                    continue;
                }
                let (hits, meets) = seen.entry(urls.clone()).or_insert_with(|| {
                    house.judge(|name| {
                        let i = names.iter().position(|n| *n == name).unwrap_or(0);
                        urls.get(i).copied().unwrap_or_default().to_owned()
                    })
                });
                if !hits.is_empty() {
                    failed += 1;
                    let filled = fill(paragraph, &names, &urls);
                    first.get_or_insert((Problem::refused(hits.clone(), &filled), j));
                    continue;
                }
                match (&mut meets_by_state, per_state) {
                    (Some(by_state), true) => {
                        for (m, now) in by_state[ci].iter_mut().zip(meets.iter()) {
                            *m |= *now;
                        }
                    }
                    (Some(by_state), false) => {
                        for row in by_state.iter_mut() {
                            for (m, now) in row.iter_mut().zip(meets.iter()) {
                                *m |= *now;
                            }
                        }
                    }
                    (None, _) => {
                        for (m, now) in meets_same.iter_mut().zip(meets.iter()) {
                            *m |= *now;
                        }
                    }
                }
            }
            if let Some((problem, j)) = first {
                let scope = per_state.then_some((failed, candidates.len()));
                return Verdict {
                    problem: Some(Found {
                        problem,
                        state: j,
                        scope,
                    }),
                    meets: Meets::Same(meets_same),
                };
            }
        }
        let has_text = !reply.paragraphs.is_empty();
        for row in std::iter::once(&mut meets_same).chain(meets_by_state.iter_mut().flatten()) {
            if let Some(last) = row.last_mut() {
                *last = has_text;
            }
        }
        Verdict {
            problem: None,
            meets: match meets_by_state {
                Some(by_state) => Meets::ByState(by_state),
                None => Meets::Same(meets_same),
            },
        }
    }

    fn failure(
        &self,
        block: usize,
        vars: &[usize],
        combo: &[usize],
        state: Option<usize>,
        scope: Option<(usize, usize)>,
        problem: Problem,
    ) -> Box<Failure> {
        Box::new(Failure {
            block,
            answers: self.answers(vars, combo),
            state,
            scope,
            problem,
        })
    }

    /// The answers of a combination, every other question at its default (or first value).
    fn answers(&self, vars: &[usize], combo: &[usize]) -> Answers {
        let mut answers = Answers::default();
        for (q, question) in self.snippet.snippet.questions.iter().enumerate() {
            let value = match vars.iter().position(|&v| v == q) {
                Some(i) if i < combo.len() => self.domains[q][combo[i]].clone(),
                _ => default_or_first(question, &self.domains[q]),
            };
            answers.insert(&question.id, value);
        }
        answers
    }
}

/// A reply rendered with the state as a slot, with the state's name put in.
fn with_state(reply: &Reply, name: &str) -> Reply {
    let mut out = reply.clone();
    for segment in out.paragraphs.iter_mut().flatten() {
        if let Segment::Text(t) = segment {
            if t.contains(render::STATE_CHAR) {
                *t = t.replace(render::STATE_CHAR, name);
            }
        }
    }
    out
}

/// The answer a question has while other questions are varied: its default, else its first.
fn default_or_first(q: &Question, domain: &[Answer]) -> Answer {
    match (q.kind, q.default.as_ref().and_then(|d| q.check(d).ok())) {
        (QuestionKind::Text, _) | (_, None) => domain
            .first()
            .cloned()
            .unwrap_or(Answer::Text(String::new())),
        (_, Some(values::Value::YesNo(b))) => Answer::YesNo(b),
        (_, Some(values::Value::Choice(c) | values::Value::Text(c))) => Answer::Choice(c),
    }
}

fn link_names(paragraph: &[Segment]) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for segment in paragraph {
        if let Segment::Link { name, .. } = segment {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    names
}

/// The paragraph with each link's URL filled in.
fn fill(paragraph: &[Segment], names: &[&str], urls: &[&str]) -> Paragraph {
    let by_name: HashMap<&str, &str> = names.iter().copied().zip(urls.iter().copied()).collect();
    paragraph
        .iter()
        .map(|s| match s {
            Segment::Link { name, .. } => Segment::Link {
                name: name.clone(),
                url: by_name
                    .get(name.as_str())
                    .copied()
                    .unwrap_or_default()
                    .to_owned(),
            },
            other => other.clone(),
        })
        .collect()
}

/// Next combination, rightmost question fastest; false after the last.
pub fn advance(odometer: &mut [usize], questions: &[usize], domains: &[Vec<Answer>]) -> bool {
    for (slot, &q) in odometer.iter_mut().zip(questions).rev() {
        *slot += 1;
        if *slot < domains[q].len() {
            return true;
        }
        *slot = 0;
    }
    false
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn the_odometer_visits_every_combination_once() {
        let domains = vec![
            domain(&Question::sample(QuestionKind::YesNo, &[])),
            domain(&Question::sample(QuestionKind::Choice, &["a", "b", "c"])),
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
    fn a_text_default_is_tried_as_library_text() {
        let mut q = Question::sample(QuestionKind::Text, &[]);
        q.default = Some(values::RawAnswer::Text("[INSERT NAME]".into()));
        assert!(domain(&q).contains(&Answer::DefaultText("[INSERT NAME]".into())));
    }
}
