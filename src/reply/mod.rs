//! The reply, one pure pipeline over what the library loaded: plan the questions →
//! gather and validate the answers (the state is one of them) → render → paragraphs →
//! guard → output in a format. No step reads a file, prompts or keeps global state; the
//! terminal, `check` and any later face drive the same [`Composer`].
//!
//! The edge asks [`Composer::next`] for the next question and hands the answer back; the
//! core never calls a prompter.

pub mod answers;
pub mod guard;
pub mod output;
pub mod paragraphs;
pub mod plan;
pub mod render;

use std::collections::BTreeMap;

use anyhow::{Result, anyhow, bail};

use crate::error::{BadInput, Located};
use crate::library::Loaded;
use crate::library::date::Date;
use crate::library::jurisdictions::{Jurisdiction, Jurisdictions};
use crate::library::registry::{LinkRegistry, Via};
use crate::library::snippet::{Question, Status};

use answers::STATE;
use answers::{Answers, Gathered, Given, Questions};
use guard::Guard;
use output::{Format, FrameValues};
use paragraphs::{Reply, Slots};
use plan::{Ask, BlockNames, Plan};
use render::{Context, Engine};

/// A reply's body, rendered and with its links filled in for the state; not yet guarded:
/// only [`Composer::output`] turns it into text, after the guard has passed it.
#[derive(Debug, Clone)]
pub struct Body {
    reply: Reply,
    /// What the advocate should know (a state without state pages).
    pub warnings: Vec<String>,
}

/// One line of the review: a question and its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerLine {
    /// The question id, or `state`: what to remove to ask it again.
    pub id: String,
    pub ask: String,
    pub value: String,
}

/// How the state is asked and shown.
pub const STATE_ASK: &str = "Which state is the writer in?";

/// Everything compiled for the replies of one set of snippets.
pub struct Composer<'l> {
    lib: &'l Loaded,
    engine: Engine,
    questions: Questions<'l>,
    names: Vec<Vec<BlockNames>>,
}

impl<'l> Composer<'l> {
    /// Compiles the snippets' templates and the frames. A draft is refused here: it has not
    /// been reviewed, so nothing it holds may be sent.
    pub fn new(lib: &'l Loaded) -> Result<Composer<'l>> {
        for s in &lib.snippets {
            if s.snippet.status == Some(Status::Draft) {
                return Err(Located::new(
                    &s.source.origin,
                    crate::error::locate(&s.source.text, "status:"),
                    format!(
                        "snippet '{}' is a draft (`status: draft`), imported and not yet reviewed; an editor releases it by checking every sentence against the approved text and removing the `status: draft` line",
                        s.id
                    ),
                )
                .into());
            }
        }
        let mut engine = Engine::new(lib.links.entries.keys().cloned(), registry_note(lib));
        for s in &lib.snippets {
            engine.add_snippet(s)?;
        }
        for (name, source) in &lib.frames {
            engine.add_frame(name, &source.origin, &source.text)?;
        }
        let questions = shared_questions(lib)?;
        let names = plan::block_names(&engine, &lib.snippets, &lib.links)?;
        Ok(Composer {
            lib,
            engine,
            questions,
            names,
        })
    }

    pub fn questions(&self) -> &Questions<'l> {
        &self.questions
    }

    pub fn jurisdictions(&self) -> &Jurisdictions {
        &self.lib.jurisdictions
    }

    /// Checks what every source gave (see [`answers`] for the precedence).
    pub fn gather(&self, given: &[Given], defaults: bool) -> Result<Gathered> {
        Ok(answers::gather(
            &self.questions,
            &self.lib.jurisdictions,
            given,
            defaults,
        )?)
    }

    fn plan(&self) -> Plan<'_> {
        Plan {
            snippets: &self.lib.snippets,
            names: &self.names,
            questions: &self.questions,
            engine: &self.engine,
        }
    }

    /// The next thing to ask, or `None` when the reply can be composed.
    pub fn next(&self, answers: &Answers) -> Result<Option<Ask<'_>>> {
        Ok(self
            .plan()
            .pending(answers, &context(answers))?
            .first()
            .copied())
    }

    /// Without anyone to ask: an error naming every missing answer, if any is missing.
    pub fn missing(&self, answers: &Answers) -> Result<Option<BadInput>> {
        let pending = self.plan().pending(answers, &context(answers))?;
        if pending.is_empty() {
            return Ok(None);
        }
        let mut lines = Vec::new();
        let mut defaults = false;
        for ask in &pending {
            match ask {
                Ask::Question(q) => {
                    defaults |= q.default.is_some();
                    lines.push(answers::how_to_give(q));
                }
                Ask::State => lines.push(format!(
                    "  --state STATE    {STATE_ASK} (a postal code or a name)"
                )),
            }
        }
        let hint = if defaults {
            ", or take the declared defaults with --defaults"
        } else {
            ""
        };
        Ok(Some(BadInput::new(format!(
            "missing answers, and there is no terminal to ask on (or --no-input was given); give them as\n{}\nor in a file with --answers FILE{hint}",
            lines.join("\n")
        ))))
    }

    /// Renders the body for complete answers, links filled in for the state.
    pub fn body(&self, answers: &Answers) -> Result<Body> {
        if let Some(missing) = self.missing(answers)? {
            return Err(missing.into());
        }
        let ctx = context(answers);
        let mut rendered = Vec::new();
        for snippet in &self.lib.snippets {
            for b in 0..snippet.snippet.blocks.len() {
                if self.engine.included(snippet, b, &ctx)? {
                    rendered.push(self.engine.render_block(snippet, b, &ctx)?.text);
                }
            }
        }
        let slots = RenderSlots {
            ctx: &ctx,
            engine: &self.engine,
        };
        let mut reply = Reply::parse(rendered.iter().map(String::as_str), &slots);
        let warnings = fill_links(&mut reply, &self.lib.links, answers.state())?;
        Ok(Body { reply, warnings })
    }

    /// The reply in `format`, inside the library's frame: the only way a reply becomes text.
    /// The guard judges the body and the frame's own text together, with the library's rules;
    /// a refused reply is an error and no text.
    pub fn output(&self, body: &Body, format: Format, values: &FrameValues) -> Result<String> {
        let name = format.as_str();
        let Some((_, source)) = self.lib.frames.iter().find(|(n, _)| *n == name) else {
            bail!("the library has no frame for {name} (templates/{name}.jinja)");
        };
        let ctx = values.context();
        let rendered = self
            .engine
            .render_frame(name, &source.origin, &source.text, &ctx)?;
        let (document, lines) = output::assemble(
            format,
            &source.origin,
            &rendered.text,
            &ctx.typed,
            &output::body(format, &body.reply),
        )?;
        Guard::new(&self.lib.rules).check(&body.reply, Some((&source.origin, &lines)))?;
        // Snippet text and answers are clean already; URLs from links.yaml and frames are
        // not stripped when loaded, and no control character may reach an email.
        Ok(crate::clean::strip_unsafe_chars(&document))
    }

    /// The answers the reply depends on, labelled with their questions, the state last.
    pub fn review(&self, answers: &Answers) -> Result<Vec<AnswerLine>> {
        let relevant = self.plan().relevant(answers, &context(answers))?;
        let mut lines: Vec<AnswerLine> = Vec::new();
        for s in &self.lib.snippets {
            for q in &s.snippet.questions {
                let Some(answer) = answers.get(&q.id) else {
                    continue;
                };
                if !relevant.contains(&q.id) || lines.iter().any(|l| l.id == q.id) {
                    continue;
                }
                lines.push(AnswerLine {
                    id: q.id.clone(),
                    ask: q.ask.clone(),
                    value: answer.display(),
                });
            }
        }
        if let Some(j) = answers
            .state()
            .filter(|_| relevant.iter().any(|r| r == STATE))
        {
            lines.push(AnswerLine {
                id: STATE.to_owned(),
                ask: STATE_ASK.to_owned(),
                value: j.name.clone(),
            });
        }
        Ok(lines)
    }

    /// Warnings about the snippets themselves: one named twice, one reviewed longer ago than
    /// `max_age_days`.
    pub fn stale(&self, today: Date, max_age_days: u32) -> Vec<String> {
        let mut out: Vec<String> = self.lib.notes.clone();
        for s in &self.lib.snippets {
            // A snippet without a date is `check`'s to report, once, not every reply's.
            let Some(reviewed) = s.snippet.reviewed.as_deref() else {
                continue;
            };
            if let Some(date) = Date::parse(reviewed.trim()) {
                let age = today.0 - date.0;
                if age > i64::from(max_age_days) {
                    out.push(format!(
                        "snippet '{}' was last reviewed {reviewed}, {age} days ago (more than {max_age_days}): the law may have changed",
                        s.id
                    ));
                }
            }
        }
        out
    }
}

/// What `link()` says when a name is missing: where the registry is, or that there is none.
fn registry_note(lib: &Loaded) -> String {
    match &lib.links_origin {
        Some(origin) => format!("{origin} lists the links"),
        None => "the library has no links.yaml, so it has no links".to_owned(),
    }
}

/// The template values of a set of answers.
pub fn context(answers: &Answers) -> Context {
    let mut ctx = Context::default();
    for (id, answer) in answers.iter() {
        ctx.answer(id, answer);
    }
    if let Some(j) = answers.state() {
        ctx.state(j);
    }
    ctx
}

/// What the slots of one render stand for.
pub struct RenderSlots<'a> {
    pub ctx: &'a Context,
    pub engine: &'a Engine,
}

impl Slots for RenderSlots<'_> {
    fn typed(&self, n: usize) -> Option<&str> {
        self.ctx.typed.get(n).map(String::as_str)
    }

    fn link(&self, n: usize) -> Option<&str> {
        self.engine.link_name(n)
    }
}

/// Whether two declarations of one question id mean the same question: the same type,
/// choices and default. Snippets composed together share one answer per id, so a second
/// meaning would be lost (and a second default never judged where it is printed).
pub fn declared_alike(a: &Question, b: &Question) -> bool {
    let default = |q: &Question| q.default.as_ref().map(|d| q.check(d).ok());
    a.kind == b.kind && a.choices == b.choices && default(a) == default(b)
}

/// Every question of the chosen snippets by id; one id declared twice must mean one thing.
fn shared_questions(lib: &Loaded) -> Result<Questions<'_>> {
    let mut all: Questions = BTreeMap::new();
    for s in &lib.snippets {
        for q in &s.snippet.questions {
            if let Some(earlier) = all.get(q.id.as_str()) {
                if !declared_alike(earlier, q) {
                    bail!(
                        "{}: question '{}' is also declared by an earlier snippet of this reply, with another type, choices or default; give one of them another id",
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

/// Fills in every link's URL for the jurisdiction; returns warnings for fallbacks.
fn fill_links(
    reply: &mut Reply,
    links: &LinkRegistry,
    jurisdiction: Option<&Jurisdiction>,
) -> Result<Vec<String>> {
    let mut urls = BTreeMap::new();
    let mut warnings = Vec::new();
    for name in reply.link_names() {
        let entry = links
            .entries
            .get(name)
            .ok_or_else(|| anyhow!("link '{name}' is not in links.yaml"))?;
        let resolved = entry
            .resolve(jurisdiction)
            .map_err(|e| anyhow!("link '{name}' in links.yaml {e}"))?;
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
