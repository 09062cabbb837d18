//! What `import` made of each part of a legacy text, for the editor who reviews the draft.
//! Everything that left the reply text (header lines, directives, link instructions) and
//! everything that could not be classified is listed here, so nothing is dropped silently.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::Result;

use crate::library::registry::LinkEntry;
use crate::library::yaml;

/// A place in the legacy text: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct At {
    pub line: usize,
    pub column: usize,
}

/// One thing the importer did or could not do, with where it was and what it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub at: At,
    /// The legacy text as written, e.g. `LINK` or `[ASK SUPERVISOR]`.
    pub found: String,
    /// What it became, or why it could not become anything.
    pub outcome: String,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Header lines, which are not reply text: banner, section, category, title.
    pub header: Vec<Item>,
    /// Directives that became questions (or reused one).
    pub questions: Vec<Item>,
    /// Placeholders and URLs that became `link(...)` calls.
    pub links: Vec<Item>,
    /// Entries to add to `links.yaml` for link names it does not have, to be filled in.
    pub stubs: BTreeMap<String, LinkEntry>,
    /// `NAME`, `STATE` and what they became.
    pub variables: Vec<Item>,
    /// URLs kept as written because no registry entry has them.
    pub urls_kept: Vec<Item>,
    /// Choices made that an editor should check (a guessed category, a split paragraph).
    pub review: Vec<Item>,
    /// What it could not classify: kept in the draft as written, to be fixed before use.
    pub unclassified: Vec<Item>,
}

impl Report {
    /// The report as printed on stderr. `origin` names the legacy file.
    pub fn render(&self, origin: &str) -> Result<String> {
        let mut out = String::new();
        let mut section = |title: &str, items: &[Item]| {
            if items.is_empty() {
                return;
            }
            let _ = writeln!(out, "{title}:");
            for item in items {
                let _ = writeln!(
                    out,
                    "  {origin}:{}:{}: {} → {}",
                    item.at.line,
                    item.at.column,
                    shorten(&item.found),
                    item.outcome
                );
            }
        };
        section("header lines (not reply text)", &self.header);
        section("questions", &self.questions);
        section("links", &self.links);
        section("variables", &self.variables);
        section("URLs kept as written (not in links.yaml)", &self.urls_kept);
        section("to review", &self.review);
        section(
            "NOT CLASSIFIED: kept in the draft as written; fix each before the snippet is used",
            &self.unclassified,
        );
        if !self.stubs.is_empty() {
            out.push_str(
                "links.yaml needs these entries (fill in `url`, `fallback`, `by_state`; set `verified` once checked on the site):\n",
            );
            for line in yaml::to_string(&self.stubs)?.lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
        if self.unclassified.is_empty() {
            out.push_str("every part of the text was classified; review the draft before use\n");
        } else {
            let _ = writeln!(
                out,
                "{} part(s) not classified; the draft is not ready until they are fixed",
                self.unclassified.len()
            );
        }
        Ok(out)
    }
}

/// Long header lines and directives shortened, so each item stays readable on one line.
fn shorten(text: &str) -> String {
    crate::clean::shorten(text, 200)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_sections_with_file_line_and_column_and_the_stubs_as_yaml() {
        let at = At { line: 3, column: 7 };
        let mut report = Report {
            unclassified: vec![Item {
                at,
                found: "[ASK SUPERVISOR]".into(),
                outcome: "a bracketed note that is not a directive".into(),
            }],
            ..Report::default()
        };
        report.stubs.insert(
            "custody".into(),
            LinkEntry {
                title: "Custody".into(),
                url: None,
                fallback: None,
                by_state: BTreeMap::new(),
                verified: false,
            },
        );
        let text = report.render("old.txt").unwrap();
        assert!(
            text.contains("  old.txt:3:7: [ASK SUPERVISOR] → a bracketed note"),
            "{text}"
        );
        assert!(text.contains("  custody:\n    title: Custody\n"), "{text}");
        assert!(text.contains("1 part(s) not classified"), "{text}");
        assert!(!text.contains("questions:"), "{text}");
    }
}
