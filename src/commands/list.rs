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
    for (_, loaded) in library.load_all()? {
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(err) => {
                crate::term::error(&chain(&err));
                broken += 1;
                continue;
            }
        };
        let s = &loaded.snippet;
        let haystack = [&loaded.id, &s.category, &s.title]
            .into_iter()
            .chain(&s.tags)
            .chain(s.blocks.iter().map(|b| &b.text))
            .map(|t| t.to_lowercase())
            .collect::<Vec<_>>()
            .join("\n");
        if words.iter().all(|w| haystack.contains(w.as_str())) {
            rows.push([loaded.id.clone(), s.category.clone(), s.title.clone()]);
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
        crate::term::note(&format!("no snippet mentions '{}'", words.join(" ")));
    }
    print(&out)?;
    Ok(if broken > 0 {
        exit::FAILURE
    } else {
        exit::SUCCESS
    })
}
