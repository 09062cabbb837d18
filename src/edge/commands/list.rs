//! `list`: what snippets there are, so a new user can find the one to compose.

use anyhow::Result;

use crate::error::exit;
use crate::library::Library;

use super::{chain, print};

pub fn run(library: &Library, query: &[String]) -> Result<i32> {
    let words: Vec<String> = query
        .iter()
        .flat_map(|q| q.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    let mut rows = Vec::new();
    let mut broken = 0;
    let mut report = |err: anyhow::Error| {
        crate::edge::stderr::error(&chain(&err));
        broken += 1;
    };
    if words.is_empty() {
        // The whole list needs only each header, not the paragraphs.
        for (file, header) in library.headers()? {
            match header {
                Ok(h) => rows.push([file.id, h.category, h.title]),
                Err(err) => report(err),
            }
        }
    } else {
        for (file, loaded) in library.load_all()? {
            match loaded {
                Ok(loaded) if mentions_all(&loaded, &words) => {
                    let s = loaded.snippet;
                    rows.push([file.id, s.category, s.title]);
                }
                Ok(_) => {}
                Err(err) => report(err),
            }
        }
    }
    let width = |i: usize| {
        rows.iter()
            .map(|r: &[String; 3]| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1) = (width(0), width(1));
    let mut out = String::new();
    for [id, category, title] in &rows {
        out.push_str(&format!("{id:w0$}  {category:w1$}  {title}\n"));
    }
    if rows.is_empty() && !words.is_empty() {
        // What was searched for is not repeated: it may be a survivor's detail.
        crate::edge::stderr::note("no snippet mentions every word searched for");
    }
    print(&out)?;
    Ok(if broken > 0 {
        exit::FAILURE
    } else {
        exit::SUCCESS
    })
}

/// Whether every word appears in the snippet's id, category, title, tags or text.
fn mentions_all(loaded: &crate::library::LoadedSnippet, words: &[String]) -> bool {
    let s = &loaded.snippet;
    let haystack = [&loaded.id, &s.category, &s.title]
        .into_iter()
        .chain(&s.tags)
        .chain(s.blocks.iter().map(|b| &b.text))
        .map(|t| t.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    words.iter().all(|w| haystack.contains(w.as_str()))
}
