//! `links`: the link registry as an advocate or editor needs to see it — where each link
//! goes for one state, or the patterns and exact URLs it is made from.

use anyhow::Result;

use crate::error::exit;
use crate::library::Library;
use crate::library::registry::{LinkEntry, STATE_PLACEHOLDER, Via};

use super::{print, state_flag};

pub fn run(library: &Library, state: Option<&str>) -> Result<i32> {
    let registry = library.links()?;
    let jurisdiction = state_flag(library, state)?;
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut unresolved = 0;
    for (name, entry) in &registry.entries {
        match &jurisdiction {
            Some(j) => {
                let (rule, url) = match entry.resolve(Some(j)) {
                    Ok(r) => (rule(r.via).to_owned(), r.url),
                    Err(why) => {
                        unresolved += 1;
                        ("none".to_owned(), format!("(no URL: it {why})"))
                    }
                };
                rows.push([name.clone(), rule, status(entry).to_owned(), url]);
            }
            None => rows.extend(sources(name, entry)),
        }
    }
    let mut out = match &jurisdiction {
        Some(j) => format!("Links for {}\n", j.label()),
        None => "Links (give --state to see where they go for one state)\n".to_owned(),
    };
    out.push_str(&table(["NAME", "RULE", "STATUS", "URL"], &rows));
    if let Some(j) = jurisdiction.as_ref().filter(|j| !j.state_pages) {
        crate::edge::stderr::warning(&format!(
            "{} has no state pages on the site: links marked fallback go to general pages",
            j.name
        ));
    }
    print(&out)?;
    Ok(if unresolved > 0 {
        exit::FAILURE
    } else {
        exit::SUCCESS
    })
}

/// The rows an entry is made from: its `url`, each `by_state` URL, its `fallback`.
fn sources(name: &str, entry: &LinkEntry) -> Vec<[String; 4]> {
    let mut rows = Vec::new();
    if let Some(url) = &entry.url {
        let rule = if url.contains(STATE_PLACEHOLDER) {
            "pattern"
        } else {
            "fixed"
        };
        rows.push([String::new(), rule.to_owned(), String::new(), url.clone()]);
    }
    for (slug, url) in &entry.by_state {
        rows.push([
            String::new(),
            format!("by_state {slug}"),
            String::new(),
            url.clone(),
        ]);
    }
    if let Some(url) = &entry.fallback {
        rows.push([
            String::new(),
            "fallback".to_owned(),
            String::new(),
            url.clone(),
        ]);
    }
    if let Some(first) = rows.first_mut() {
        first[0] = name.to_owned();
        first[2] = status(entry).to_owned();
    }
    rows
}

/// The name of the rule that gave a link its URL, as `links.yaml` calls it.
pub fn rule(via: Via) -> &'static str {
    match via {
        Via::Fixed => "fixed",
        Via::ByState => "by_state",
        Via::Pattern => "pattern",
        Via::Fallback => "fallback",
    }
}

pub fn status(entry: &LinkEntry) -> &'static str {
    if entry.verified {
        "verified"
    } else {
        "unverified"
    }
}

/// Columns padded to their widest cell; the last column is not padded.
pub fn table<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let header = header.map(str::to_owned);
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 < N {
                line.push_str(&format!("{cell:w$}  ", w = widths[i]));
            } else {
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_line_up_and_do_not_trail_spaces() {
        let rows = [["a".to_owned(), "long cell".to_owned(), String::new()]];
        assert_eq!(
            table(["X", "Y", "Z"], &rows),
            "X  Y          Z\na  long cell\n"
        );
    }
}
