//! Composing one reply from one or more snippets: gather the answers that matter, render,
//! fill in the links for the state, and pass the guard. Takes values, returns values; the
//! terminal is reached only through the [`Prompter`] it is given.

use std::collections::BTreeMap;

use anyhow::{Result, bail};

use crate::edge::terminal::Prompter;
use crate::error::BadInput;
use crate::library::jurisdictions::Jurisdiction;
use crate::library::links::{LinkRegistry, Via};
use crate::library::snippet::Question;
use crate::library::{Library, LoadedSnippet};
use crate::reply::answers::{self, Answers, RawAnswer};
use crate::reply::guard;
use crate::reply::paragraphs::Reply;
use crate::reply::render::{self, Renderer, STATE};
use crate::suggest;

/// One answer as given on the command line or in an answers file.
#[derive(Debug, Clone)]
pub struct Given {
    pub id: String,
    pub value: RawAnswer,
    /// Where it came from, for messages: `--set`, or the answers file's name.
    pub from: String,
}

/// What the advocate asked for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub snippets: Vec<String>,
    /// `--state`, or `state` from an answers file.
    pub state: Option<String>,
    /// In order of precedence, lowest first: a later answer to the same question wins.
    pub given: Vec<Given>,
    /// Take each question's declared default instead of asking.
    pub defaults: bool,
}

/// A reply that passed the guard, with what the advocate should be told about it.
#[derive(Debug, Clone)]
pub struct Composed {
    pub reply: Reply,
    pub warnings: Vec<String>,
    pub answers: Answers,
    pub jurisdiction: Option<Jurisdiction>,
}

/// Composes the reply. Without a prompter every answer that matters must be given (or
/// defaulted), else the error names every missing one.
pub fn compose(
    library: &Library,
    request: &Request,
    mut prompter: Option<&mut dyn Prompter>,
) -> Result<Composed> {
    if request.snippets.is_empty() {
        return Err(
            BadInput::new("name at least one snippet; `hotline-reply list` shows them").into(),
        );
    }
    let snippets = request
        .snippets
        .iter()
        .map(|id| library.load_snippet(id))
        .collect::<Result<Vec<_>>>()?;
    let links = library.links()?;
    let questions = shared_questions(&snippets)?;
    let mut renderer = Renderer::new(links.entries.keys().cloned().collect());
    for snippet in &snippets {
        renderer.add(snippet)?;
    }
    let plan = Plan {
        snippets: &snippets,
        renderer: &renderer,
        questions: &questions,
        links: &links,
    };

    let mut answers = Answers::new();
    let mut state_input = request.state.clone();
    for given in &request.given {
        if given.id == STATE {
            state_input = Some(given.value.to_string());
            continue;
        }
        let question = questions.get(given.id.as_str()).ok_or_else(|| {
            BadInput::new(format!(
                "unknown question '{}' (from {}){}; the questions are: {}",
                given.id,
                given.from,
                suggest::did_you_mean(&given.id, questions.keys().copied()),
                list_or_none(questions.keys().copied()),
            ))
        })?;
        let answer = answers::validate(question, &given.value)
            .map_err(|e| BadInput::new(format!("{} (from {}): {e}", given.id, given.from)))?;
        answers.insert(given.id.clone(), answer);
    }
    // A state given is checked even when no link needs it: a typo is still a typo.
    let jurisdictions = library.jurisdictions()?;
    let mut jurisdiction = state_input
        .as_deref()
        .map(|s| jurisdictions.find(s))
        .transpose()?
        .cloned();

    loop {
        let pending = plan.pending(&answers)?;
        let Some(&first) = pending.first() else { break };
        if request.defaults {
            let mut took_any = false;
            for q in &pending {
                if let Some(default) = &q.default {
                    let answer = answers::validate(q, default)
                        .map_err(|e| anyhow::anyhow!("default of '{}': {e}", q.id))?;
                    answers.insert(q.id.clone(), answer);
                    took_any = true;
                }
            }
            if took_any {
                continue;
            }
        }
        match prompter.as_deref_mut() {
            Some(p) => {
                let raw = p.ask(first)?;
                let answer = answers::validate(first, &raw)
                    .map_err(|e| BadInput::new(format!("{}: {e}", first.id)))?;
                answers.insert(first.id.clone(), answer);
            }
            None => {
                let state_missing = jurisdiction.is_none() && plan.may_need_state(&answers)?;
                return Err(missing(&pending, state_missing).into());
            }
        }
    }

    let included = plan.included(&answers)?;
    let ctx_without_state = render::context(&answers, None);
    let mut needs_state = false;
    for &(s, b) in &included {
        needs_state |= renderer.text_names(&snippets[s], b)?.contains(STATE);
        needs_state |= plan.block_links_need_state(s, b);
    }
    if needs_state && jurisdiction.is_none() {
        jurisdiction = Some(match prompter {
            Some(p) => jurisdictions
                .find(&p.state(&jurisdictions.jurisdictions)?)?
                .clone(),
            None => return Err(missing(&[], true).into()),
        });
    }
    let ctx = match &jurisdiction {
        Some(j) => render::context(&answers, Some(&j.name)),
        None => ctx_without_state,
    };
    let rendered = included
        .iter()
        .map(|&(s, b)| renderer.render(&snippets[s], b, &ctx))
        .collect::<Result<Vec<_>>>()?;
    let mut reply = Reply::parse(rendered.iter().map(String::as_str));
    let warnings = fill_links(&mut reply, &links, jurisdiction.as_ref())?;
    guard::check(&reply)?;
    Ok(Composed {
        reply,
        warnings,
        answers,
        jurisdiction,
    })
}

/// Every question of the chosen snippets by id; one id declared twice must mean one thing.
fn shared_questions(snippets: &[LoadedSnippet]) -> Result<BTreeMap<&str, &Question>> {
    let mut all: BTreeMap<&str, &Question> = BTreeMap::new();
    for s in snippets {
        for q in &s.snippet.questions {
            if let Some(earlier) = all.get(q.id.as_str()) {
                if earlier.kind != q.kind || earlier.choices != q.choices {
                    bail!(
                        "{}: question '{}' is also declared by an earlier snippet of this reply, with another type or choices; give one of them another id",
                        s.source.origin,
                        q.id
                    );
                }
                continue;
            }
            all.insert(&q.id, q);
        }
    }
    Ok(all)
}

struct Plan<'a> {
    snippets: &'a [LoadedSnippet],
    renderer: &'a Renderer,
    questions: &'a BTreeMap<&'a str, &'a Question>,
    links: &'a LinkRegistry,
}

impl<'a> Plan<'a> {
    /// The questions still to answer, in the order the reply needs them. A block whose `when`
    /// cannot be decided yet contributes the questions of its `when` and of its text, so a
    /// non-interactive run can name every answer it might need at once.
    fn pending(&self, answers: &Answers) -> Result<Vec<&'a Question>> {
        let mut pending: Vec<&'a Question> = Vec::new();
        let ctx = render::context(answers, None);
        for snippet in self.snippets {
            for b in 0..snippet.snippet.blocks.len() {
                let when_missing = self.unanswered(self.renderer.when_names(snippet, b)?, answers);
                let include =
                    when_missing.is_empty() && self.renderer.included(snippet, b, &ctx)?;
                if include || !when_missing.is_empty() {
                    let text_missing =
                        self.unanswered(self.renderer.text_names(snippet, b)?, answers);
                    for q in when_missing.into_iter().chain(text_missing) {
                        if !pending.iter().any(|p| p.id == q.id) {
                            pending.push(q);
                        }
                    }
                }
            }
        }
        Ok(pending)
    }

    fn unanswered(
        &self,
        names: impl IntoIterator<Item = String>,
        answers: &Answers,
    ) -> Vec<&'a Question> {
        let mut names: Vec<String> = names
            .into_iter()
            .filter(|n| !answers.contains_key(n))
            .collect();
        names.sort();
        names
            .iter()
            .filter_map(|n| self.questions.get(n.as_str()).copied())
            .collect()
    }

    /// `(snippet, block)` of every block in the reply; every answer it needs is known.
    fn included(&self, answers: &Answers) -> Result<Vec<(usize, usize)>> {
        let ctx = render::context(answers, None);
        let mut out = Vec::new();
        for (s, snippet) in self.snippets.iter().enumerate() {
            for b in 0..snippet.snippet.blocks.len() {
                if self.renderer.included(snippet, b, &ctx)? {
                    out.push((s, b));
                }
            }
        }
        Ok(out)
    }

    fn block_links_need_state(&self, s: usize, b: usize) -> bool {
        let (names, dynamic) = render::literal_links(&self.snippets[s].snippet.blocks[b].text);
        dynamic
            || names
                .iter()
                .any(|n| self.links.entries.get(n).is_some_and(|e| e.needs_state()))
    }

    /// Whether a block that is, or may yet be, in the reply needs the state.
    fn may_need_state(&self, answers: &Answers) -> Result<bool> {
        let ctx = render::context(answers, None);
        for (s, snippet) in self.snippets.iter().enumerate() {
            for b in 0..snippet.snippet.blocks.len() {
                let undecided = self
                    .renderer
                    .when_names(snippet, b)?
                    .iter()
                    .any(|n| !answers.contains_key(n));
                if (undecided || self.renderer.included(snippet, b, &ctx)?)
                    && (self.renderer.text_names(snippet, b)?.contains(STATE)
                        || self.block_links_need_state(s, b))
                {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }
}

fn missing(questions: &[&Question], state: bool) -> BadInput {
    let mut lines: Vec<String> = questions
        .iter()
        .map(|q| {
            let how = match q.kind {
                crate::library::snippet::QuestionKind::YesNo => "yes|no".to_owned(),
                crate::library::snippet::QuestionKind::Choice => q.choices.join("|"),
                crate::library::snippet::QuestionKind::Text => "TEXT".to_owned(),
            };
            format!("  --set {}={how}    {}", q.id, q.ask)
        })
        .collect();
    if state {
        lines.push(
            "  --state STATE    Which state is the writer in? (a postal code or a name)".to_owned(),
        );
    }
    BadInput::new(format!(
        "missing answers, and there is no terminal to ask on (or --no-input was given); give them as\n{}\nor in a file with --answers FILE, or take the declared defaults with --defaults",
        lines.join("\n")
    ))
}

/// Fills in every link's URL for the jurisdiction; returns warnings for fallbacks.
fn fill_links(
    reply: &mut Reply,
    links: &LinkRegistry,
    jurisdiction: Option<&Jurisdiction>,
) -> Result<Vec<String>> {
    let mut urls = BTreeMap::new();
    let mut warnings = Vec::new();
    for name in reply.link_names() {
        let entry = &links.entries[name];
        let resolved = entry
            .resolve(jurisdiction)
            .map_err(|e| anyhow::anyhow!("link '{name}' in links.yaml {e}"))?;
        if resolved.via == Via::Fallback {
            if let Some(j) = jurisdiction {
                warnings.push(format!(
                    "{} has no state pages on the site: the {} link goes to the general page {}",
                    j.name, entry.title, resolved.url
                ));
            }
        }
        urls.insert(name.to_owned(), resolved.url);
    }
    reply.fill_links(|name| urls.get(name).cloned().unwrap_or_default());
    Ok(warnings)
}

fn list_or_none<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    if names.is_empty() {
        "(none)".to_owned()
    } else {
        names.join(", ")
    }
}
