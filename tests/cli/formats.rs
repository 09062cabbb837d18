//! `--format text|markdown|html` and the frames: the same approved paragraphs in each format,
//! links that are links, and nothing typed or approved turning into markup.

use crate::parse::Page;
use crate::util::{Run, Test};

const SHELTERS: &str = "https://www.womenslaw.org/find-help/ny/advocates-and-shelters";
const SAFETY: &str = "https://www.womenslaw.org/about-abuse/safety-tips";
const CRIMES: &str = "https://www.womenslaw.org/laws/ny/crimes";

/// The stdout of a run with `args`, which must succeed.
fn run(args: &[&str]) -> String {
    Test::new().args(args).run().success().stdout
}

/// The drop-charges reply for New York with the charges paragraph, in `format`.
fn drop_charges_run(format: &str) -> Run {
    Test::new()
        .args([
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--set",
            "asks_about_charges=yes",
            "--format",
            format,
        ])
        .run()
        .success()
}

fn drop_charges(format: &str) -> String {
    drop_charges_run(format).stdout
}

/// The paragraphs of the text format: what every other format must show.
fn text_paragraphs() -> Vec<String> {
    drop_charges("text")
        .trim_end()
        .split("\n\n")
        .map(str::to_owned)
        .collect()
}

#[test]
fn snapshots_of_drop_charges_in_every_format() {
    for format in ["text", "markdown", "html"] {
        insta::assert_snapshot!(
            format!("drop_charges_NY_yes_{format}"),
            drop_charges_run(format).transcript()
        );
    }
}

#[test]
fn text_is_the_default_format() {
    assert_eq!(
        run(&[
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--set",
            "asks_about_charges=yes"
        ]),
        drop_charges("text")
    );
}

#[test]
fn html_shows_the_approved_paragraphs_with_real_links() {
    let html = drop_charges("html");
    let page = Page::html(&html);
    assert_eq!(page.texts("p"), text_paragraphs());
    assert_eq!(
        page.links(),
        [SHELTERS, SAFETY, CRIMES].map(|u| (u.to_owned(), u.to_owned()))
    );
    let mut kinds = page.elements();
    kinds.dedup();
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds, ["a", "p"], "a fragment of paragraphs and links only");
    // Curly quotes and dashes stay as characters, so the editor shows them as approved.
    assert!(html.contains("(often known as “victim-less prosecution”)"));
}

#[test]
fn markdown_renders_to_the_approved_paragraphs_with_real_links() {
    let markdown = drop_charges("markdown");
    let page = Page::markdown(&markdown);
    assert_eq!(page.texts("p"), text_paragraphs());
    assert_eq!(
        page.links(),
        [SHELTERS, SAFETY, CRIMES].map(|u| (u.to_owned(), u.to_owned()))
    );
    assert!(markdown.contains(&format!("here: <{CRIMES}>")));
}

/// An answer that is markup in every format, and template code, and Markdown.
const NASTY: &str = "<script>alert(1)</script> {{ 1+1 }} *x* [y](https://e.org) & &amp;";

fn nasty(format: &str) -> String {
    Test::new()
        .library("state-free")
        .args([
            "compose",
            "hello",
            "--set",
            "topic=custody",
            "--set",
            &format!("signature={NASTY}"),
            "--name",
            NASTY,
            "--format",
            format,
        ])
        .run()
        .success()
        .stdout
}

#[test]
fn markup_and_template_code_in_answers_show_literally_in_every_format() {
    let want = [
        format!("Hello {NASTY},"),
        "Thank you for writing about custody.".to_owned(),
        format!("— {NASTY}"),
    ];
    assert_eq!(nasty("text"), want.join("\n\n") + "\n");
    for (format, page) in [
        ("markdown", Page::markdown(&nasty("markdown"))),
        ("html", Page::html(&nasty("html"))),
    ] {
        assert_eq!(page.texts("p"), want, "{format}");
        assert_eq!(
            page.elements(),
            ["p", "p", "p"],
            "{format}: no script, em or a"
        );
    }
}

#[test]
fn links_with_a_query_string_are_escaped_and_still_work() {
    let police = |format: &str| {
        Test::new()
            .library("two-part")
            .args([
                "compose",
                "police",
                "--state",
                "ny",
                "--set",
                "called_police=yes",
                "--format",
                format,
            ])
            .run()
            .success()
            .stdout
    };
    let url = "https://court-help.org/laws/ny/crimes?part=2&lang=en";
    let html = police("html");
    assert!(html.contains("href=\"https://court-help.org/laws/ny/crimes?part=2&amp;lang=en\""));
    assert_eq!(
        Page::html(&html).links(),
        [(url.to_owned(), url.to_owned())]
    );
    let markdown = police("markdown");
    assert_eq!(
        Page::markdown(&markdown).links(),
        [(url.to_owned(), url.to_owned())]
    );
}

#[test]
fn the_frame_greets_by_name_in_every_format() {
    let args = |format: &'static str| {
        [
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--defaults",
            "--name",
            "Sam",
            "--format",
            format,
        ]
    };
    assert!(run(&args("text")).starts_with("Hello Sam,\n\nAlthough I cannot speak"));
    assert!(run(&args("markdown")).starts_with("Hello Sam,\n\nAlthough I cannot speak"));
    assert!(run(&args("html")).starts_with("<p>Hello Sam,</p>\n<p>Although I cannot speak"));
}

#[test]
fn a_frame_that_leaks_a_placeholder_is_refused() {
    Test::new()
        .library("leaky-frame")
        .args(["compose", "hi"])
        .run()
        .code(1)
        .stdout("")
        .stderr_has("reply refused")
        .stderr_has("capital word NAME")
        .stderr_has("leaky-frame/templates/text.jinja");
    // The library's other formats use the shipped frames, which pass.
    Test::new()
        .library("leaky-frame")
        .args(["compose", "hi", "--format", "html"])
        .run()
        .success()
        .stdout("<p>A fine approved sentence.</p>\n");
}

/// A frame's own words go out escaped like the body's, so they show exactly as the guard
/// judged them: a Markdown frame cannot turn the reply's last paragraph into a heading with
/// a `===` line, nor an HTML frame add markup of its own; character references, which both
/// readers turn into other characters (`&#76;` is `L`), are refused.
#[test]
fn a_frame_writes_plain_words_in_every_format() {
    let lib = crate::util::temp_library(&[
        (
            "general/hi.yaml",
            b"title: Hi\ncategory: General\nreviewed: 2026-11-23\nblocks:\n  - text: A fine approved sentence.\n",
        ),
        ("templates/markdown.jinja", b"{{ body }}\n===\n"),
        (
            "templates/html.jinja",
            b"{{ body }}\n<p>Take care, and write again.</p><br>\n",
        ),
        ("templates/text.jinja", b"{{ body }}\nCall &#76;&#73;&#78;&#75; now.\n"),
    ]);
    let compose = |format: &str| {
        Test::new()
            .library_at(lib.path())
            .args(["compose", "hi", "--format", format])
            .run()
    };
    let markdown = compose("markdown").success().stdout;
    assert_eq!(markdown, "A fine approved sentence.\n\\===\n");
    let page = Page::markdown(&markdown);
    assert!(page.texts("h1").is_empty(), "{markdown}");
    assert_eq!(page.texts("p"), ["A fine approved sentence.\n==="]);
    compose("html")
        .success()
        .stdout("<p>A fine approved sentence.</p>\n<p>Take care, and write again.</p><br>\n");
    compose("text")
        .code(1)
        .stdout("")
        .stderr_has("[sign]: a character reference");
}

/// A frame cannot make words with the body or across its own lines: words beside the body
/// would join its first words ("To" + "do: …"), and lines side by side are one paragraph to
/// a Markdown or HTML reader ("T", "B", "D" read "T B D").
#[test]
fn a_frame_cannot_join_words_with_the_body_or_across_its_lines() {
    let snippet: &[u8] = b"title: Hi\ncategory: General\nreviewed: 2026-11-23\nblocks:\n  - text: 'do: call the court clerk.'\n";
    let seam = crate::util::temp_library(&[
        ("general/hi.yaml", snippet),
        ("templates/text.jinja", b"To{{ body }}\n"),
    ]);
    for args in [&["compose", "hi"][..], &["check"][..]] {
        Test::new()
            .library_at(seam.path())
            .current_dir(seam.path())
            .args(args)
            .run()
            .code(1)
            .stdout("")
            .stderr_has("the frame must print `{{ body }}` on a line of its own");
    }
    let lines = crate::util::temp_library(&[
        (
            "general/hi.yaml",
            b"title: Hi\ncategory: General\nreviewed: 2026-11-23\nblocks:\n  - text: A fine approved sentence.\n",
        ),
        ("templates/markdown.jinja", b"{{ body }}\n\nStatus: T\nB\nD.\n"),
    ]);
    Test::new()
        .library_at(lines.path())
        .args(["compose", "hi", "--format", "markdown"])
        .run()
        .code(1)
        .stdout("")
        .stderr_has("[capitals]: capital letters spelled out, TBD");
}
