//! The guard against a corpus: placeholder spellings and hiding tricks an editor (or a
//! hostile library) can leave in a snippet, each of which compose must refuse and check must
//! report; and ordinary approved-style prose, which both must pass, verbatim.
//!
//! Each piece is one snippet of one library, so `check` reports them file by file.

use crate::util::{Run, Test, temp_library};

/// Spellings and tricks that must never reach a survivor. The text is a block's template.
const REFUSED: &[(&str, &str)] = &[
    ("bare-link", "Our page is here: LINK"),
    ("tbd", "The court is TBD."),
    ("four-x", "Call XXXX for help."),
    ("x-run-into-a-word", "XXXBye for now."),
    ("link-here", "See LINK_HERE."),
    ("links", "See LINKS."),
    ("link2", "See LINK2 for more."),
    ("insert-link-here", "See [Insert Link Here] for more."),
    ("insert-link-lower", "See [insert link] for more."),
    (
        "check-with-legal",
        "CHECK WITH LEGAL TEAM FIRST: the court may agree.",
    ),
    ("skip-to-next", "SKIP TO NEXT QUESTION"),
    (
        "erase-if-not-true",
        "[ERASE THIS SENTENCE IF IT'S NOT TRUE: she called the police.]",
    ),
    ("full-width", "Our page is here: ＬＩＮＫ"),
    ("zero-width-space", "Our page is here: LI\u{200b}NK"),
    ("soft-hyphen", "Our page is here: LI\u{ad}NK"),
    ("word-joiner", "Our page is here: LIN\u{2060}K"),
    ("variation-selector", "Our page is here: L\u{fe0f}INK"),
    ("cyrillic-i", "Our page is here: L\u{406}NK"),
    ("cyrillic-tbd", "The date is \u{422}\u{412}D."),
    ("cyrillic-xx", "Call \u{445}\u{445} today."),
    ("greek-name", "Dear \u{39d}\u{391}\u{39c}\u{395},"),
    ("mixed-script-word", "Our l\u{456}nk is below."),
    (
        "math-bold",
        "Our page is here: \u{1d40b}\u{1d408}\u{1d40d}\u{1d40a}",
    ),
    ("lorem-ipsum", "Lorem ipsum dolor sit amet."),
    ("todo-lower", "todo: add the court's address"),
    ("fixme", "The fee is fixme dollars."),
    ("underscores", "Dear ___, thank you."),
    ("question-marks", "The hearing is on ??."),
    ("insert-here", "Please insert the court's address here."),
    ("angle-placeholder", "Dear <insert name>,"),
    ("braced-state", "The {state} page is below."),
    ("name", "Dear NAME, thank you."),
    ("state", "In STATE, the law may differ."),
    ("hyperlink", "See HYPERLINK."),
    ("hyperlink-directive", "See [HYPERLINK TO MAIN RO PAGE]."),
    ("lenticular-brackets", "See \u{3010}link\u{3011} below."),
    ("math-angle-brackets", "See \u{27e8}link\u{27e9} below."),
    ("square-bracket-quill", "See \u{2045}link\u{2046} below."),
    ("empty-brackets", "Check [ ] one."),
    ("phone-mask", "Call us at XXX-XXX-XXXX."),
    ("two-letter-placeholder", "Source: TK."),
    (
        "template-print-left",
        "{% raw %}Dear {{ name }},{% endraw %}",
    ),
    (
        "template-comment-left",
        "{% raw %}{# check this #}{% endraw %} Thank you.",
    ),
    ("zero-width-joiner", "See LINK\u{200d}2."),
    ("private-use", "Our page is here: \u{e000}."),
    (
        "forged-answer-marks",
        "Our page is here: \u{e000}LINK\u{e001}",
    ),
    ("emoji", "We are here for you \u{1f642}"),
    ("backslash", "See C:\\Users\\page."),
    // Found by trying to get round the rules above (2026-12-03).
    ("acronym-glued-to-capitals", "Ask for a PFA_NAME order."),
    ("acronym-then-capitals", "See PFAsLINK now."),
    ("acronym-digit-capitals", "See PFA2LINK now."),
    ("lower-placeholder-underscore", "See link_here now."),
    ("filler-glued-to-underscore", "Dear name_tbd, thank you."),
    ("filler-glued-to-digit", "The date is tbd2."),
    ("filler-run-together", "Loremipsum dolor."),
    ("small-capitals", "See \u{29f}\u{26a}\u{274}\u{1d0b} below."),
    (
        "small-capital-filler",
        "The date is \u{1d1b}\u{299}\u{1d05}.",
    ),
    ("underlined-filler", "The date is t\u{332}b\u{332}d\u{332}."),
    ("accented-filler", "The date is t\u{301}b\u{301}d\u{301}."),
    ("dollar-placeholder", "Dear $writer, thank you."),
    ("percent-placeholder", "Dear %name%, thank you."),
    ("format-placeholder", "Dear %s, thank you."),
    ("hash-placeholder", "Dear #name, thank you."),
    ("character-references", "See &#76;&#73;&#78;&#75; below."),
    ("spelled-with-dots", "See L.I.N.K below."),
    ("spelled-with-hyphens", "See L-I-N-K below."),
    ("spelled-with-spaces", "See L I N K below."),
    ("spelled-filler", "The date is T.B.D."),
    (
        "tag-characters",
        "See \u{e004c}\u{e0049}\u{e004e}\u{e004b} now.",
    ),
    ("invisible-in-lowercase", "See our li\u{200b}nk below."),
    (
        "allowed-form-inside-filler",
        "Please insert [sic] the name here.",
    ), // Found by a second try (2026-12-03).
    ("spelled-with-dot-spaces", "Spelled L. I. N. K. here."),
    ("spelled-with-slashes", "See L/I/N/K below."),
    ("spelled-lowercase-filler", "The date is t.b.d. for now."),
    ("hash-run", "Call (###) ###-####."),
    ("percent-then-letter", "Fees are 10%s now."),
    ("at-placeholder", "Dear @name@, thank you."),
    ("hyphen-run", "Dear ----, thank you."),
    ("insert-in-parentheses", "See (insert link) below."),
    ("paste-here", "Please paste the court's link here."),
    ("goes-here", "The link goes here."),
    ("single-guillemets", "Dear \u{2039}name\u{203a}, thank you."),
    (
        "written-url-capital-scheme",
        "See Https://www.womenslaw.org/laws for more.",
    ),
    ("written-url-www-example", "See www.example.com for more."),
    (
        "written-url-glued",
        "See xhttps://www.womenslaw.org/laws for more.",
    ),
    (
        "written-url-one-slash",
        "See http:/www.womenslaw.org for more.",
    ),
];

/// Approved-style prose: parentheses, quotes, dashes, slashes, numbers, abbreviations.
const PASSED: &[(&str, &str)] = &[
    (
        "state-interests",
        "The prosecutor technically represents the state’s interests, not the victim’s specific interests.",
    ),
    (
        "s-he",
        "It may be possible for a victim to tell the prosecutor that s/he does not want the case to continue.",
    ),
    (
        "him-her",
        "It may be up to the judge or jury whether or not to convict him/her.",
    ),
    (
        "nine-one-one",
        "You may want to call 9-1-1 if you are in danger.",
    ),
    (
        "us-states",
        "Many U.S. states have similar laws (e.g. New York, i.e. not all).",
    ),
    ("open-all-week", "The hotline is open 24/7."),
    (
        "en-dash",
        "Generally, this may be up to the prosecutor’s office – but I don’t know.",
    ),
    (
        "curly-quotes",
        "The district attorney can go forward anyway (often known as “victim-less prosecution”).",
    ),
    (
        "em-dash",
        "A no-contact order — also called a stay-away order — may apply.",
    ),
    (
        "written-url",
        "See our Safety Planning page: https://www.womenslaw.org/about-abuse/safety-tips",
    ),
    (
        "money-and-percent",
        "Fees may be 10% or $50, less than before.",
    ),
    (
        "exclamation",
        "I am sorry to hear about what happened; it is not your fault!",
    ),
    (
        "acronym-listed",
        "In Pennsylvania the order is called a PFA (protection from abuse order).",
    ),
    (
        "email-address",
        "Write to hotline@example.org with questions.",
    ),
    (
        "dates",
        "The 1st and 2nd hearings are on Mon., Jan. 5 at 9:30 a.m.",
    ),
    (
        "victim-witness",
        "Ask the victim/witness advocate’s office (if there is one).",
    ),
    (
        "spanish",
        "Señora, podemos ayudarle en español; la línea está abierta.",
    ),
    ("section-sign", "Page 3, § 2: the court’s rules apply."),
    ("ellipsis", "Don’t give up…"),
    ("case-name", "O’Brien v. Smith (2019) is one such case."),
    ("okina", "Hawaiʻi has its own laws."),
    ("accents", "A café, a résumé and a naïve façade."),
    (
        "persian-joiner",
        "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}",
    ),
    (
        "po-box-and-number",
        "Write to P.O. Box 12, Suite #4, by 5 p.m.",
    ),
    (
        "allowed-form",
        "Their words, “their [sic] order”, are quoted.",
    ),
    (
        "us-then-a",
        "Many people live in the U.S. A protective order can help.",
    ),
    (
        "dc-then-i",
        "Write to us from Washington, D.C. I will answer.",
    ),
    ("spanish-todo", "Todo el mundo merece vivir sin miedo."),
    ("ligatures", "Ærø and the œuvre of Æsop."),
    ("low-quotes", "Sie sagte „nein“ und ‚vielleicht‘."),
    ("spaced-amounts", "It costs $ 50, or 100 % of the fee."),
    ("aka", "A no-contact order, a.k.a. a stay-away order."),
    (
        "first-person",
        "I hope this information is helpful. Take care, and please write again.",
    ),
];

/// A library with one snippet per piece, named `<prefix>/<name>.yaml`, and rules that list
/// one acronym and one allowed form (so a real acronym passes and every other capital word
/// does not).
fn library() -> tempfile::TempDir {
    let mut files: Vec<(String, Vec<u8>)> = vec![(
        "rules.yaml".into(),
        b"acronyms: [PFA]\nallow: [\"[sic]\"]\n".to_vec(),
    )];
    for (category, pieces) in [("refused", REFUSED), ("passed", PASSED)] {
        for (name, text) in pieces {
            files.push(snippet(category, name, text));
        }
    }
    library_of(&files)
}

/// The file `<category>/<name>.yaml` of a snippet whose one block is `text`.
fn snippet(category: &str, name: &str, text: &str) -> (String, Vec<u8>) {
    // A JSON string is a YAML double-quoted scalar: every character arrives as is.
    let text = serde_json::to_string(text).expect("a string");
    (
        format!("{category}/{name}.yaml"),
        format!(
            "title: {name}\ncategory: {category}\nreviewed: 2026-11-23\nblocks:\n  - text: {text}\n"
        )
        .into_bytes(),
    )
}

fn library_of(files: &[(String, Vec<u8>)]) -> tempfile::TempDir {
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .collect();
    temp_library(&files)
}

/// `check` of the library in `dir`, which must find errors.
fn check_failing(dir: &std::path::Path) -> Run {
    Test::new()
        .current_dir(dir)
        .args(["--library", ".", "check"])
        .run()
        .code(1)
}

/// Whether `check` reported an error in the snippet `<category>/<name>.yaml`.
fn reported(run: &Run, category: &str, name: &str) -> bool {
    let file = format!("./{category}/{name}.yaml:");
    run.stderr
        .lines()
        .any(|l| l.starts_with(&file) && l.contains(": error: "))
}

fn compose(dir: &std::path::Path, name: &str) -> Run {
    Test::new().library_at(dir).args(["compose", name]).run()
}

#[test]
fn the_corpus_is_large_enough() {
    assert!(REFUSED.len() >= 40, "{}", REFUSED.len());
    assert!(PASSED.len() >= 15, "{}", PASSED.len());
}

#[test]
fn compose_refuses_every_placeholder_and_passes_approved_prose_verbatim() {
    let lib = library();
    for (name, _) in REFUSED {
        let run = compose(lib.path(), name);
        assert_eq!(run.code, 1, "{name} was not refused:\n{}", run.transcript());
        assert_eq!(run.stdout, "", "{name}");
        assert!(
            run.stderr.contains("reply refused"),
            "{name}:\n{}",
            run.stderr
        );
    }
    for (name, text) in PASSED {
        compose(lib.path(), name)
            .success()
            .stdout(&format!("{text}\n"));
    }
}

#[test]
fn check_reports_every_placeholder_and_nothing_else() {
    let lib = library();
    let run = check_failing(lib.path());
    for (name, _) in REFUSED {
        assert!(
            reported(&run, "refused", name),
            "check did not report {name}:\n{}",
            run.stderr
        );
    }
    for (name, _) in PASSED {
        let file = format!("./passed/{name}.yaml:");
        assert!(
            !run.stderr.lines().any(|l| l.starts_with(&file)),
            "check reported approved prose {name}:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains(&format!(": {} errors,", REFUSED.len())),
        "{}",
        run.stderr
    );
}

/// Link URLs that are placeholders or cannot be a real page, each the URL of one registry
/// entry that one snippet prints.
const LINKS_REFUSED: &[(&str, &str)] = &[
    ("example-domain", "https://example.com/"),
    ("example-subdomain", "https://www.example.org/laws"),
    ("test-domain", "https://help.test/laws"),
    (
        "capitals-in-path",
        "https://www.womenslaw.org/laws/STATE/crimes",
    ),
    (
        "encoded-state",
        "https://www.womenslaw.org/laws/%7Bstate%7D/crimes",
    ),
    (
        "encoded-directive",
        "https://www.womenslaw.org/%5Binsert%20link%5D",
    ),
    ("encoded-capitals", "https://www.womenslaw.org/%4C%49%4E%4B"),
    ("question-marks", "https://www.womenslaw.org/laws/ny/???"),
    ("filler-in-path", "https://www.womenslaw.org/laws/tbd"),
    ("no-scheme", "www.womenslaw.org/laws"),
    ("scheme-only", "https://"),
    ("javascript", "javascript:alert(1)"),
    ("space", "https://www.womenslaw.org/laws/new york"),
];

/// Prose around links, and addresses written in prose: refused where a reader would see a
/// broken or placeholder address.
const LINK_PROSE_REFUSED: &[(&str, &str)] = &[
    ("runs-on", "See {{ link(\"good\") }}/insert-link now."),
    ("runs-on-with-dot", "See {{ link(\"good\") }}.html now."),
    ("glued-before", "See here{{ link(\"good\") }} now."),
    ("written-scheme-only", "See https:// for more."),
    (
        "written-capitals",
        "See https://www.womenslaw.org/laws/STATE/crimes for more.",
    ),
];

/// A library with one registry entry per refused URL (and one good one) and one snippet per
/// piece that prints it.
fn link_library() -> tempfile::TempDir {
    let mut links = String::from(
        "good:\n  title: Good\n  url: https://www.womenslaw.org/laws/{state}/crimes\n  fallback: https://www.womenslaw.org/laws/general/crimes\n  verified: true\n",
    );
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, url) in LINKS_REFUSED {
        let url = serde_json::to_string(url).expect("a string");
        links.push_str(&format!(
            "{name}:\n  title: T\n  url: {url}\n  verified: true\n"
        ));
        let text = format!("See {{{{ link(\"{name}\") }}}} now.");
        files.push(snippet("links", name, &text));
    }
    for (name, text) in LINK_PROSE_REFUSED {
        files.push(snippet("prose", name, text));
    }
    files.push(snippet(
        "passed",
        "good",
        "See {{ link(\"good\") }}. Or (see {{ link(\"good\") }}), “{{ link(\"good\") }}”.",
    ));
    files.push(("links.yaml".into(), links.into_bytes()));
    library_of(&files)
}

#[test]
fn placeholder_links_are_refused_by_compose_and_reported_by_check() {
    let lib = link_library();
    let compose = |name: &str| {
        Test::new()
            .library_at(lib.path())
            .args(["compose", name, "--state", "NY"])
            .run()
    };
    for (name, _) in LINKS_REFUSED.iter().chain(LINK_PROSE_REFUSED) {
        let run = compose(name);
        assert_eq!(run.code, 1, "{name} was not refused:\n{}", run.transcript());
        assert_eq!(run.stdout, "", "{name}");
    }
    compose("good")
        .success()
        .stdout("See https://www.womenslaw.org/laws/ny/crimes. Or (see https://www.womenslaw.org/laws/ny/crimes), “https://www.womenslaw.org/laws/ny/crimes”.\n");

    let run = check_failing(lib.path());
    for (name, _) in LINKS_REFUSED {
        assert!(
            run.stderr.contains(&format!("link '{name}'")),
            "check did not report the link {name}:\n{}",
            run.stderr
        );
    }
    for (name, _) in LINK_PROSE_REFUSED {
        assert!(
            reported(&run, "prose", name),
            "check did not report {name}:\n{}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains("./passed/good.yaml"), "{}", run.stderr);
}
