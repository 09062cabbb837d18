//! `show`: everything an advocate or editor needs to know about one snippet before using or
//! changing it — its questions, its blocks and when each is included, and where its links go.

use anyhow::Result;

use crate::library::jurisdictions::Jurisdiction;
use crate::library::registry::LinkRegistry;
use crate::library::snippet::QuestionKind;
use crate::library::{Library, LoadedSnippet};
use crate::reply::render::literal_links;

use super::links::{rule, status, table};
use super::{print, state_flag};

/// How much of a block's text `show` prints: enough to recognise it.
const FIRST_WORDS: usize = 90;

pub fn run(library: &Library, id: &str, state: Option<&str>) -> Result<i32> {
    let snippet = library.load_snippet(id)?;
    let jurisdiction = state_flag(library, state)?;
    let registry = library.links()?;
    print(&describe(&snippet, &registry, jurisdiction.as_ref()))
}

fn describe(
    loaded: &LoadedSnippet,
    registry: &LinkRegistry,
    state: Option<&Jurisdiction>,
) -> String {
    let s = &loaded.snippet;
    let mut out = format!("{}: {}\n", loaded.id, s.title);
    out.push_str(&format!("  category  {}\n", s.category));
    if !s.tags.is_empty() {
        out.push_str(&format!("  tags      {}\n", s.tags.join(", ")));
    }
    if let Some(reviewed) = &s.reviewed {
        out.push_str(&format!("  reviewed  {reviewed}\n"));
    }
    out.push_str(&format!("  file      {}\n", loaded.source.origin));

    out.push_str("\nQuestions\n");
    if s.questions.is_empty() {
        out.push_str("  (none)\n");
    }
    for q in &s.questions {
        let kind = match q.kind {
            QuestionKind::Choice => format!("choice: {}", q.choices.join(" | ")),
            kind => kind.as_str().to_owned(),
        };
        let default = q
            .default
            .as_ref()
            .map(|d| format!(", default {d}"))
            .unwrap_or_default();
        out.push_str(&format!("  {}  ({kind}{default})\n    {}\n", q.id, q.ask));
        if let Some(help) = &q.help {
            out.push_str(&format!("    help: {help}\n"));
        }
    }

    out.push_str("\nBlocks\n");
    let mut used: Vec<(String, Vec<usize>)> = Vec::new();
    let mut computed = false;
    for (i, b) in s.blocks.iter().enumerate() {
        let condition = match &b.when {
            Some(when) => format!("when {}", when.trim()),
            None => "always".to_owned(),
        };
        out.push_str(&format!("  {:>2}  {condition}\n", i + 1));
        if let Some(note) = &b.note {
            out.push_str(&format!("      note: {note}\n"));
        }
        out.push_str(&format!("      {}\n", first_words(&b.text)));
        let (names, dynamic) = literal_links(&b.text);
        computed |= dynamic;
        for name in names {
            match used.iter_mut().find(|(n, _)| *n == name) {
                Some((_, blocks)) if !blocks.contains(&(i + 1)) => blocks.push(i + 1),
                Some(_) => {}
                None => used.push((name, vec![i + 1])),
            }
        }
    }

    out.push_str(&match state {
        Some(j) => format!("\nLinks for {}\n", j.label()),
        None => "\nLinks (give --state to see where they go for one state)\n".to_owned(),
    });
    let rows: Vec<[String; 5]> = used
        .iter()
        .map(|(name, blocks)| {
            let blocks = blocks
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let Some(entry) = registry.entries.get(name) else {
                return [
                    name.clone(),
                    blocks,
                    "missing".to_owned(),
                    String::new(),
                    "(not in links.yaml)".to_owned(),
                ];
            };
            let (rule, url) = match (state, entry.resolve(state)) {
                (_, Ok(r)) => (rule(r.via).to_owned(), r.url),
                (None, Err(_)) => (
                    "per state".to_owned(),
                    entry.url.clone().unwrap_or_default(),
                ),
                (Some(_), Err(why)) => ("none".to_owned(), format!("(no URL: it {why})")),
            };
            [name.clone(), blocks, rule, status(entry).to_owned(), url]
        })
        .collect();
    if rows.is_empty() {
        out.push_str("  (none)\n");
    } else {
        for line in table(["NAME", "BLOCKS", "RULE", "STATUS", "URL"], &rows).lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    if computed {
        out.push_str("  (a block computes a link name; `check` tries every answer)\n");
    }
    out
}

/// The start of a block's text on one line, cut at a word.
fn first_words(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= FIRST_WORDS {
        return folded;
    }
    let cut: String = folded.chars().take(FIRST_WORDS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_at_a_word() {
        let text = "word ".repeat(40);
        let shown = first_words(&text);
        assert!(shown.ends_with("word …"), "{shown}");
        assert!(shown.chars().count() <= FIRST_WORDS + 2);
        assert_eq!(first_words("Short\n  text."), "Short text.");
    }
}
