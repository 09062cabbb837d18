//! `import`: a legacy response, as the hotline keeps it today (a Word-style text with editor
//! directives in brackets and placeholders such as `LINK` and `NAME`), turned into a snippet
//! draft plus a report of every decision, so migrating a text takes a review rather than an
//! afternoon. Pure: text and the link registry in, values out; the edge reads and writes.
//!
//! Nothing is dropped silently. Header lines, directives and link instructions leave the
//! reply text and are listed in the report; whatever is not understood stays in the draft as
//! written (where the send-safety guard refuses it) and is listed as not classified.

mod directive;
mod importer;
mod inline;
mod layout;
mod report;
mod slots;

use std::borrow::Cow;

use anyhow::{Context, Result};

use crate::library::registry::LinkRegistry;
use crate::library::snippet::{Snippet, Status};
use crate::library::yaml;
use crate::library::{self, LoadedSnippet, Source};
use crate::reply::render::Engine;

use importer::Importer;
pub use importer::{ImportError, WRITER_NAME};
use layout::{normalize, paragraphs};
pub use report::{At, Item, Report};

/// A snippet draft and what the importer made of each part of the legacy text.
#[derive(Debug, Clone)]
pub struct Draft {
    pub snippet: Snippet,
    pub report: Report,
}

/// Turns a legacy text into a draft. `links` is the library's registry: its names are
/// preferred for link placeholders, and its fixed URLs in the text become `link(...)` calls.
pub fn import(text: &str, links: &LinkRegistry) -> Result<Draft, ImportError> {
    let text = normalize(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let paras = paragraphs(&text);
    let mut importer = Importer::new(&text, links);
    let header = importer.header(&paras)?;
    let body = &paras[header.title_at + 1..];
    if body.is_empty() {
        return Err(ImportError::NoBody(
            importer.at(paras[header.title_at].start).line,
        ));
    }
    let blocks = importer.body(body);
    Ok(Draft {
        snippet: Snippet {
            title: header.title,
            category: header.category,
            tags: Vec::new(),
            // Not set: nobody has reviewed the draft yet.
            reviewed: None,
            // Compose refuses it until an editor removes this.
            status: Some(Status::Draft),
            questions: importer.questions,
            blocks,
        },
        report: importer.report,
    })
}

impl Draft {
    /// The draft as a snippet file, with a header comment saying it is a draft to review.
    /// Checked to load like any snippet, so a broken draft is never handed out.
    pub fn to_yaml(&self, origin: &str) -> Result<String> {
        let origin: String = origin
            .chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect();
        let mut out = format!(
            "# DRAFT imported by `hotline-reply import` from {origin}; review it before use:\n\
             # each question's id and wording, each link(...) name, and the report printed with it.\n\
             # Every sentence is the approved wording: change it only with the hotline's review.\n"
        );
        if !self.report.unclassified.is_empty() {
            out.push_str(&format!(
                "# NOT READY: {} part(s) of the legacy text could not be classified; the report lists them.\n",
                self.report.unclassified.len()
            ));
        }
        let body = yaml::to_string(&self.snippet)?;
        out.push_str(&body);
        let source = Source {
            origin: format!("draft of {origin}"),
            text: Cow::Owned(out.clone()),
            built_in: false,
        };
        let loaded = LoadedSnippet {
            id: "draft".to_owned(),
            snippet: library::parse_snippet(&source)
                .context("the imported draft does not load (a bug in import)")?,
            source,
        };
        Engine::new(
            Vec::<String>::new(),
            "links.yaml lists the links".to_owned(),
        )
        .add_snippet(&loaded)
        .context("the imported draft has a template error (a bug in import)")?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;
    use importer::TAKEN_NAMES;

    const SEED: &str = include_str!("../../tests/fixtures/drop-charges.txt");

    fn draft(text: &str) -> Draft {
        import(text, &Library::BuiltIn.links().unwrap()).unwrap()
    }

    /// A draft of `body` under a minimal header (category `Custody`, title `T`).
    fn draft_of_body(body: &str) -> Draft {
        draft(&format!("Hotline\n\nCustody\n\n..T*\n\n{body}"))
    }

    #[test]
    fn the_seed_gives_the_shipped_snippet() {
        let draft = draft(SEED);
        let shipped = Library::BuiltIn
            .load_snippet("drop-charges")
            .unwrap()
            .snippet;
        let got = &draft.snippet;
        assert_eq!(got.title, shipped.title);
        assert_eq!(got.category, shipped.category);
        let ids = |s: &Snippet| s.questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(got), ids(&shipped));
        assert_eq!(got.questions[0].ask, shipped.questions[0].ask);
        assert_eq!(got.blocks.len(), shipped.blocks.len());
        for (g, s) in got.blocks.iter().zip(&shipped.blocks) {
            assert_eq!(g.text, s.text);
            assert_eq!(g.when, s.when);
        }
        assert!(
            draft.report.unclassified.is_empty(),
            "{:?}",
            draft.report.unclassified
        );
        assert!(draft.report.stubs.is_empty(), "{:?}", draft.report.stubs);
    }

    #[test]
    fn the_seed_report_names_every_header_line_and_link() {
        let report = draft(SEED).report;
        let header: Vec<&str> = report.header.iter().map(|i| i.outcome.as_str()).collect();
        assert_eq!(
            header,
            [
                "banner; left out of the snippet",
                "the hotline section; left out of the snippet",
                "category: Prosecutor",
                "title: V wants to drop criminal RO and/or criminal charges (sort marks removed)",
            ]
        );
        let links: Vec<(usize, &str)> = report
            .links
            .iter()
            .map(|i| (i.at.line, i.found.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                (17, "LINK"),
                (17, "https://www.womenslaw.org/about-abuse/safety-tips"),
                (
                    19,
                    "LINK TO THE SECOND QUESTION ON THE CRIMES PAGE [USE ‘ADD LINK’ AT BOTTOM OF THE PAGE]"
                ),
            ]
        );
        assert_eq!(report.questions.len(), 1);
        assert_eq!(
            report.questions[0].at,
            At {
                line: 15,
                column: 1
            }
        );
    }

    #[test]
    fn the_seed_draft_loads_and_says_it_is_a_draft() {
        let yaml = draft(SEED).to_yaml("drop-charges.txt").unwrap();
        assert!(
            yaml.starts_with("# DRAFT imported by `hotline-reply import` from drop-charges.txt")
        );
        assert!(!yaml.contains("NOT READY"));
    }

    #[test]
    fn crlf_a_byte_order_mark_and_no_sort_marks_are_fine() {
        let text = "\u{feff}Hotline\r\n\r\nCustody\r\n\r\nMoving with the children\r\n\r\nIn general, a parent may need permission.\r\n";
        let d = draft(text);
        assert_eq!(d.snippet.title, "Moving with the children");
        assert_eq!(d.snippet.category, "Custody");
        assert_eq!(
            d.snippet.blocks[0].text,
            "In general, a parent may need permission."
        );
    }

    #[test]
    fn bad_texts_are_errors_not_drafts() {
        let links = LinkRegistry::default();
        assert_eq!(import(" \n\n", &links).unwrap_err(), ImportError::Empty);
        assert_eq!(
            import("Just some text.\n\nMore text.\n", &links).unwrap_err(),
            ImportError::NoTitle
        );
        assert_eq!(
            import("Hotline\n\nCustody\n\n..A title*\n", &links).unwrap_err(),
            ImportError::NoBody(5)
        );
        assert_eq!(
            import("..*\n\nText.\n", &links).unwrap_err(),
            ImportError::NoTitle
        );
    }

    #[test]
    fn a_directive_standing_alone_governs_the_next_paragraph() {
        let d = draft_of_body(
            "First.\n\n[INCLUDE THIS PARAGRAPH IF SHE HAS CHILDREN:]\n\nAbout children.\n\nLast.\n",
        );
        let b = &d.snippet.blocks;
        assert_eq!(b.len(), 3, "{b:?}");
        assert_eq!(b[1].when.as_deref(), Some("has_children"));
        assert_eq!(b[1].text, "About children.");
        assert_eq!(b[2].text, "Last.");
    }

    #[test]
    fn these_paragraphs_run_to_the_closing_bracket() {
        let d = draft_of_body(
            "[ADD THESE PARAGRAPHS IF SHE IS IN THE MILITARY:] One.\n\nTwo.]\n\nThree.\n",
        );
        let b = &d.snippet.blocks;
        assert_eq!(b[0].when.as_deref(), Some("is_in_military"));
        assert_eq!(b[0].text, "One.\n\nTwo.");
        assert_eq!(b[1].text, "Three.");
        assert!(d.report.review.is_empty(), "{:?}", d.report.review);
    }

    #[test]
    fn text_after_the_closing_bracket_is_kept_and_reported() {
        let d = draft_of_body("[ADD THIS PARAGRAPH IF SHE ASKS ABOUT CUSTODY:] One.] Two.\n");
        let b = &d.snippet.blocks;
        assert_eq!((b[0].text.as_str(), b[1].text.as_str()), ("One.", "Two."));
        assert_eq!(b[1].when, None);
        assert_eq!(d.report.review.len(), 1);
        assert_eq!(
            d.report.review[0].at,
            At {
                line: 7,
                column: 55
            }
        );
    }

    #[test]
    fn the_same_condition_twice_is_one_question() {
        let d = draft_of_body(
            "ONLY INCLUDE THIS PARAGRAPH IF SHE HAS CHILDREN: A.\n\n[INCLUDE THIS PARAGRAPH IF SHE HAS CHILDREN:] B.\n\n[DELETE THIS PARAGRAPH IF SHE HAS CHILDREN:] C.]\n",
        );
        assert_eq!(d.snippet.questions.len(), 1);
        let whens: Vec<_> = d.snippet.blocks.iter().map(|b| b.when.clone()).collect();
        assert_eq!(
            whens,
            [
                Some("has_children".into()),
                Some("has_children".into()),
                Some("not has_children".into())
            ]
        );
        assert_eq!(
            d.snippet.blocks[2].note.as_deref(),
            Some("Left out when the writer has children.")
        );
    }

    #[test]
    fn question_ids_never_clash_with_reserved_names() {
        let d = draft_of_body(
            "[ADD THIS PARAGRAPH IF IS:] A.]\n\n[ADD THIS PARAGRAPH IF THE STATE:] B.]\n",
        );
        for q in &d.snippet.questions {
            assert!(!TAKEN_NAMES.contains(&q.id.as_str()), "{}", q.id);
            assert!(
                !library::RESERVED_NAMES.contains(&q.id.as_str()),
                "{}",
                q.id
            );
        }
        d.to_yaml("t").unwrap();
    }

    /// Texts built to be slow finish in linear time: unmatched brackets once cost a scan each,
    /// and positions were counted from the start for every item (each took minutes).
    #[test]
    fn hostile_texts_finish_quickly() {
        let started = std::time::Instant::now();
        let nested = format!(
            "{}x{}",
            "[ERASE THIS SENTENCE IF IT'S NOT TRUE: ".repeat(3_000),
            "]".repeat(3_000)
        );
        for body in [
            "[".repeat(200_000),
            "LINK [".repeat(3_000),
            nested,
            "[ADD THESE PARAGRAPHS IF SHE ASKS:] x\n\n".repeat(3_000),
        ] {
            let d = draft_of_body(&body);
            d.to_yaml("hostile").unwrap();
        }
        // A bound that catches the old hang (minutes), not a timing goal: this takes well
        // under a second.
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn conditional_pieces_nest_only_a_few_deep() {
        let d = draft_of_body(&format!(
            "{}x{}",
            "[ERASE THIS SENTENCE IF IT'S NOT TRUE: ".repeat(10),
            "]".repeat(10)
        ));
        assert_eq!(d.snippet.blocks[0].text.matches("{% if").count(), 4);
        assert_eq!(d.report.unclassified.len(), 1);
        assert!(d.report.unclassified[0].outcome.contains("nested too deep"));
    }

    const JUMBLES: usize = 3000;

    /// No input may panic: a deterministic jumble of the pieces legacy texts are made of.
    #[test]
    fn any_jumble_of_legacy_pieces_imports_or_fails_cleanly() {
        const PIECES: &[&str] = &[
            "[",
            "]",
            ":",
            ":]",
            " ",
            "\n",
            "\n\n",
            "LINK",
            "HYPERLINK",
            "LINK TO THE ",
            "CRIMES PAGE",
            "[USE ‘ADD LINK’ AT BOTTOM OF THE PAGE]",
            "NAME",
            "STATE",
            "ADD THIS PARAGRAPH IF SHE ASKS",
            "ERASE THIS SENTENCE IF IT’S NOT TRUE",
            "THESE PARAGRAPHS",
            "ONLY INCLUDE THIS PARAGRAPH IF ",
            "Text é “q” s/he.",
            "..Title*",
            "Hotline",
            "{{",
            "{%",
            "https://www.womenslaw.org/about-abuse/safety-tips",
            "https://",
            "XXX",
            "TBD",
            "\r",
            "\u{feff}",
            "’",
            "*",
            "..",
            "{",
            "}",
            "%",
            "#",
            "[ERASE THIS SENTENCE IF IT'S NOT TRUE: ",
            "[ADD THESE PARAGRAPHS IF SHE IS IN THE MILITARY:] ",
            "[HYPERLINK TO MAIN RO PAGE]",
            "[ASK SUPERVISOR]",
            "IF",
            "QUESTION ON THE ",
            "Prosecutor",
            "\t",
        ];
        let links = Library::BuiltIn.links().unwrap();
        let mut seed = 0x2545_f491_u64;
        let mut drafts = 0;
        for _ in 0..JUMBLES {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 40) as usize;
            // Two in three get a header, so the body is exercised too.
            let mut text = match seed % 3 {
                0 => String::new(),
                _ => "Hotline\n\nCustody\n\n..T*\n\n".to_owned(),
            };
            let mut s = seed;
            for _ in 0..len {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(PIECES[(s >> 33) as usize % PIECES.len()]);
            }
            if let Ok(d) = import(&text, &links) {
                d.to_yaml("jumble")
                    .unwrap_or_else(|e| panic!("{text:?}: {e:#}"));
                d.report.render("jumble").unwrap();
                drafts += 1;
            }
        }
        // Most jumbles must get past the header, or the test would exercise little.
        assert!(drafts > JUMBLES / 3, "only {drafts} drafts");
    }
}
