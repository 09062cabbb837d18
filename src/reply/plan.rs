//! Which questions a reply still needs, in the order it needs them. The terminal asks
//! "what next?" one question at a time; a run without a terminal asks for all of them at
//! once, to name every missing answer in one message. Neither reads or prompts here.

use std::collections::HashSet;

use anyhow::Result;

use crate::library::LoadedSnippet;
use crate::library::registry::LinkRegistry;
use crate::library::snippet::Question;
use crate::reply::answers::{Answers, Questions, STATE};
use crate::reply::render::{Context, Engine, literal_links};

/// Something the reply still needs from the advocate.
#[derive(Debug, Clone, Copy)]
pub enum Ask<'a> {
    Question(&'a Question),
    /// The survivor's state: asked once, after the questions, and only when a block in the
    /// reply prints it, tests it or links to a page that depends on it.
    State,
}

impl Ask<'_> {
    /// The question id, or `state`.
    pub fn id(&self) -> &str {
        match self {
            Ask::Question(q) => &q.id,
            Ask::State => STATE,
        }
    }
}

/// The names a block depends on: its `when`'s and its text's (with `state` when one of its
/// links depends on the state).
#[derive(Debug, Clone, Default)]
pub struct BlockNames {
    pub when: HashSet<String>,
    pub text: HashSet<String>,
}

/// Works out the names of every block once.
pub fn block_names(
    engine: &Engine,
    snippets: &[LoadedSnippet],
    links: &LinkRegistry,
) -> Result<Vec<Vec<BlockNames>>> {
    snippets
        .iter()
        .map(|snippet| {
            (0..snippet.snippet.blocks.len())
                .map(|b| {
                    let mut text = engine.text_names(snippet, b)?;
                    if links_need_state(&snippet.snippet.blocks[b].text, links) {
                        text.insert(STATE.to_owned());
                    }
                    Ok(BlockNames {
                        when: engine.when_names(snippet, b)?,
                        text,
                    })
                })
                .collect()
        })
        .collect()
}

/// Whether a block's `link(...)` calls give a URL that depends on the state: the one answer
/// to that question, for compose and `check`. A computed link name may name any link, and an
/// unknown one is an error when rendered, so both are taken to need the state.
pub fn links_need_state(text: &str, links: &LinkRegistry) -> bool {
    let (names, computed) = literal_links(text);
    computed
        || names
            .iter()
            .any(|n| links.entries.get(n).is_none_or(|e| e.needs_state()))
}

/// The plan of one reply: its snippets' blocks and the names each depends on.
pub struct Plan<'a> {
    pub snippets: &'a [LoadedSnippet],
    pub names: &'a [Vec<BlockNames>],
    pub questions: &'a Questions<'a>,
    pub engine: &'a Engine,
}

impl<'a> Plan<'a> {
    /// Everything still needed, in the order the reply needs it, the state last. A block
    /// whose `when` cannot be decided yet contributes the names of its `when` and of its
    /// text, so a run without a terminal can name every answer it might need at once.
    pub fn pending(&self, answers: &Answers, ctx: &Context) -> Result<Vec<Ask<'a>>> {
        let mut questions: Vec<&'a Question> = Vec::new();
        let mut state = false;
        for (s, snippet) in self.snippets.iter().enumerate() {
            for (b, names) in self.names[s].iter().enumerate() {
                let undecided: Vec<&String> =
                    sorted(&names.when).filter(|n| !answers.has(n)).collect();
                let needed = if undecided.is_empty() {
                    if !self.engine.included(snippet, b, ctx)? {
                        continue;
                    }
                    sorted(&names.text).filter(|n| !answers.has(n)).collect()
                } else {
                    let text = sorted(&names.text).filter(|n| !answers.has(n));
                    undecided.into_iter().chain(text).collect::<Vec<_>>()
                };
                for name in needed {
                    if name == STATE {
                        state = true;
                    } else if let Some(q) = self.questions.get(name.as_str()) {
                        if !questions.iter().any(|p| p.id == q.id) {
                            questions.push(q);
                        }
                    }
                }
            }
        }
        let mut pending: Vec<Ask<'a>> = questions.into_iter().map(Ask::Question).collect();
        if state {
            pending.push(Ask::State);
        }
        Ok(pending)
    }

    /// The ids of the questions (and `state`) the reply as answered depends on: what the
    /// review shows.
    pub fn relevant(&self, answers: &Answers, ctx: &Context) -> Result<Vec<String>> {
        let mut used: Vec<String> = Vec::new();
        for (s, snippet) in self.snippets.iter().enumerate() {
            for (b, names) in self.names[s].iter().enumerate() {
                let mut add = |set: &HashSet<String>| {
                    for n in sorted(set) {
                        if answers.has(n) && !used.contains(n) {
                            used.push(n.clone());
                        }
                    }
                };
                add(&names.when);
                if self.engine.included(snippet, b, ctx)? {
                    add(&names.text);
                }
            }
        }
        Ok(used)
    }
}

fn sorted(names: &HashSet<String>) -> impl Iterator<Item = &String> {
    let mut v: Vec<&String> = names.iter().collect();
    v.sort();
    v.into_iter()
}
