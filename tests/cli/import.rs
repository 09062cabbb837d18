//! `import` through the binary: legacy texts of several shapes become drafts whose replies
//! keep every approved sentence, with a report of what became what; bad input is refused.
//!
//! Each expected reply is worked out from the legacy text the way an advocate would by hand
//! (drop the header, delete the directives, fill in the placeholders), independently of the
//! importer, then compared with what the draft composes to.

use std::fs;
use std::path::Path;

use tempfile::TempDir;

use crate::util::{Run, Test, approved_reply, fixture};

const NY_SHELTERS: &str = "https://www.womenslaw.org/find-help/ny/advocates-and-shelters";
const NY_CRIMES: &str = "https://www.womenslaw.org/laws/ny/crimes";

/// Imports `rel` (relative to tests/fixtures, so reports name it the same everywhere), which
/// must succeed: the draft is its stdout and the report its stderr.
fn import_run(rel: &str) -> Run {
    Test::new()
        .current_dir(fixture(""))
        .args(["import", rel])
        .run()
        .success()
}

/// The draft (stdout) and the report (stderr) of importing `rel`.
fn import(rel: &str) -> (String, String) {
    let run = import_run(rel);
    (run.stdout, run.stderr)
}

/// A library folder with the draft as `legacy/<id>.yaml`, released as an editor would
/// release it (its `status: draft` line removed), and the built-in registry plus
/// `extra_links` (the stubs an editor would have filled in).
fn library_with(id: &str, draft: &str, extra_links: &str) -> TempDir {
    let dir = unreleased_library_with(id, draft, extra_links);
    assert!(
        draft.contains("\nstatus: draft\n"),
        "import marks its drafts"
    );
    let released = draft.replace("\nstatus: draft\n", "\n");
    fs::write(dir.path().join(format!("legacy/{id}.yaml")), released).expect("draft");
    dir
}

/// The same, with the draft as import wrote it.
fn unreleased_library_with(id: &str, draft: &str, extra_links: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("legacy")).expect("category folder");
    fs::write(dir.path().join(format!("legacy/{id}.yaml")), draft).expect("draft");
    let links =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("snippets/links.yaml"))
            .expect("built-in links.yaml");
    fs::write(dir.path().join("links.yaml"), links + "\n" + extra_links).expect("links");
    dir
}

/// The reply the library composes for New York with these `--set` answers.
fn compose(library: &TempDir, id: &str, answers: &[&str]) -> String {
    Test::new()
        .library_at(library.path())
        .args(["compose", id, "--no-input", "--state", "NY"])
        .args(answers.iter().flat_map(|answer| ["--set", answer]))
        .run()
        .success()
        .stdout
}

/// The reply made by hand from the legacy text: the header (banner, `Hotline`, category,
/// title) dropped, paragraphs starting with one of `drop` left out, each edit applied once,
/// and spaces left by deleted text tidied as the text format does.
fn by_hand(rel: &str, drop: &[&str], edits: &[(&str, &str)]) -> String {
    let legacy = fs::read_to_string(fixture(rel)).expect("fixture");
    let mut body = legacy
        .split("\n\n")
        .skip(4)
        .filter(|p| !drop.iter().any(|d| p.starts_with(d)))
        .collect::<Vec<_>>()
        .join("\n\n");
    for (from, to) in edits {
        assert!(body.contains(from), "{from:?} is not in {rel}");
        body = body.replacen(from, to, 1);
    }
    let paragraphs: Vec<String> = body
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n") + "\n"
}

/// Every sentence of `expected` is in `reply` verbatim (a missing one is named), and the
/// reply is exactly `expected`.
fn keeps_every_sentence(reply: &str, expected: &str) {
    for sentence in expected.split_inclusive(['.', '?', '!']) {
        let sentence = sentence.trim();
        assert!(
            reply.contains(sentence),
            "approved sentence missing: {sentence:?}\nreply:\n{reply}"
        );
    }
    assert_eq!(reply, expected);
}

#[test]
fn the_seed_draft_composes_exactly_the_shipped_reply_for_yes_and_no() {
    let (draft, report) = import("drop-charges.txt");
    let library = library_with("drop-charges", &draft, "");
    for (answer, yes) in [
        ("asks_about_charges=yes", true),
        ("asks_about_charges=no", false),
    ] {
        let reply = compose(&library, "drop-charges", &[answer]);
        Test::new()
            .args(["compose", "drop-charges", "--state", "NY", "--set", answer])
            .run()
            .success()
            .stdout(&reply);
        keeps_every_sentence(&reply, &approved_reply(NY_SHELTERS, NY_CRIMES, yes));
    }
    assert!(
        report.contains("every part of the text was classified"),
        "{report}"
    );
}

#[test]
fn the_seed_draft_and_report() {
    insta::assert_snapshot!("seed", import_run("drop-charges.txt").transcript());
}

#[test]
fn conditional_paragraphs_in_all_three_spellings() {
    let rel = "legacy/custody-move.txt";
    let run = import_run(rel);
    insta::assert_snapshot!("custody_move", run.transcript());
    let (draft, report) = (run.stdout, run.stderr);
    for question in [
        "custody-move.txt:13:1: [ADD THIS PARAGRAPH IF SHE ALSO ASKS ABOUT MOVING BEFORE THE HEARING. IF NOT, SKIP TO NEXT PARAGRAPH:] → question 'asks_about_moving' (yes-no, default no): Does the writer also ask about moving before the hearing?",
        "custody-move.txt:15:1: ONLY INCLUDE THIS PARAGRAPH IF THE CHILDREN ARE IN SCHOOL: → question 'children_are_in_school' (yes-no, default no): Are the children in school?",
        "custody-move.txt:17:1: [INCLUDE THIS PARAGRAPH IF THE ABUSER HAS A GUN:] → question 'abuser_has_gun' (yes-no, default no): Does the abuser have a gun?",
    ] {
        assert!(
            report.contains(question),
            "missing {question:?} in\n{report}"
        );
    }
    assert!(report.contains(
        "custody-move.txt:19:60: LINK TO THE CUSTODY PAGE [USE 'ADD LINK' AT BOTTOM OF THE PAGE] → link(\"custody\")"
    ));
    assert!(report.contains("links.yaml needs these entries"));
    assert!(report.contains("  custody:\n    title: Custody\n    verified: false\n"));

    let library = library_with(
        "custody-move",
        &draft,
        "custody:\n  title: Custody\n  url: https://court-help.org/custody\n",
    );
    let custody_link = (
        "LINK TO THE CUSTODY PAGE [USE 'ADD LINK' AT BOTTOM OF THE PAGE]",
        "https://court-help.org/custody",
    );
    let yes = compose(
        &library,
        "custody-move",
        &[
            "asks_about_moving=yes",
            "children_are_in_school=yes",
            "abuser_has_gun=yes",
        ],
    );
    let want = by_hand(
        rel,
        &[],
        &[
            (
                "[ADD THIS PARAGRAPH IF SHE ALSO ASKS ABOUT MOVING BEFORE THE HEARING. IF NOT, SKIP TO NEXT PARAGRAPH:] ",
                "",
            ),
            ("if possible.]", "if possible."),
            (
                "ONLY INCLUDE THIS PARAGRAPH IF THE CHILDREN ARE IN SCHOOL: ",
                "",
            ),
            ("[INCLUDE THIS PARAGRAPH IF THE ABUSER HAS A GUN:] ", ""),
            custody_link,
        ],
    );
    keeps_every_sentence(&yes, &want);
    let no = compose(
        &library,
        "custody-move",
        &[
            "asks_about_moving=no",
            "children_are_in_school=no",
            "abuser_has_gun=no",
        ],
    );
    let want = by_hand(
        rel,
        &["[ADD THIS", "ONLY INCLUDE", "[INCLUDE THIS"],
        &[custody_link],
    );
    keeps_every_sentence(&no, &want);
}

#[test]
fn inline_sentences_name_state_and_hyperlinks() {
    let rel = "legacy/ro-other-state.txt";
    let (draft, report) = import(rel);
    for line in [
        "ro-other-state.txt:9:4: NAME → {{ writer_name }}: a text question (`name` is reserved for the program)",
        "ro-other-state.txt:13:274: STATE → {{ state }}",
        "ro-other-state.txt:11:55: [ERASE THIS SENTENCE IF IT'S NOT TRUE: → question 'moved_worried_safety'",
        "ro-other-state.txt:13:110: [ERASE THIS SENTENCE IF IT’S NOT TRUE THAT THE ABUSER LIVES OUT OF STATE: → question 'abuser_lives_out_state' (yes-no, default no): Does the abuser live out of state?",
        "ro-other-state.txt:15:1: [INCLUDE THIS SENTENCE IF SHE ASKS ABOUT FEES: → question 'asks_about_fees'",
        "ro-other-state.txt:15:194: [HYPERLINK TO MAIN RO PAGE] → link(\"restraining-orders\"): not in links.yaml yet",
        "ro-other-state.txt:17:116: HYPERLINK → link(\"advocates-and-shelters\"): in links.yaml",
    ] {
        assert!(report.contains(line), "missing {line:?} in\n{report}");
    }
    assert!(report.contains("  restraining-orders:\n    title: Restraining Orders\n"));
    assert!(draft.contains("{% if moved_worried_safety %}I understand that you recently moved"));

    let library = library_with(
        "ro-other-state",
        &draft,
        "restraining-orders:\n  title: Restraining Orders\n  url: https://court-help.org/ro\n",
    );
    let yes = compose(
        &library,
        "ro-other-state",
        &[
            "writer_name=Sam",
            "moved_worried_safety=yes",
            "abuser_lives_out_state=yes",
            "asks_about_fees=yes",
        ],
    );
    let links = [
        ("[HYPERLINK TO MAIN RO PAGE]", "https://court-help.org/ro"),
        ("HYPERLINK", NY_SHELTERS),
    ];
    let mut edits = vec![
        ("NAME", "Sam"),
        ("[ERASE THIS SENTENCE IF IT'S NOT TRUE: ", ""),
        ("about your safety.]", "about your safety."),
        (
            "[ERASE THIS SENTENCE IF IT’S NOT TRUE THAT THE ABUSER LIVES OUT OF STATE: ",
            "",
        ),
        ("different state from you.]", "different state from you."),
        ("STATE", "New York"),
        ("[INCLUDE THIS SENTENCE IF SHE ASKS ABOUT FEES: ", ""),
        ("protection order.]", "protection order."),
    ];
    edits.extend(links);
    keeps_every_sentence(&yes, &by_hand(rel, &[], &edits));

    let no = compose(
        &library,
        "ro-other-state",
        &[
            "writer_name=Sam",
            "moved_worried_safety=no",
            "abuser_lives_out_state=no",
            "asks_about_fees=no",
        ],
    );
    let mut edits = vec![
        ("NAME", "Sam"),
        (
            "[ERASE THIS SENTENCE IF IT'S NOT TRUE: I understand that you recently moved and that you are worried about your safety.]",
            "",
        ),
        (
            "[ERASE THIS SENTENCE IF IT’S NOT TRUE THAT THE ABUSER LIVES OUT OF STATE: This can be true even when the abuser lives in a different state from you.]",
            "",
        ),
        ("STATE", "New York"),
        (
            "[INCLUDE THIS SENTENCE IF SHE ASKS ABOUT FEES: In many states, there is no fee to register or enforce a protection order.]",
            "",
        ),
    ];
    edits.extend(links);
    keeps_every_sentence(&no, &by_hand(rel, &[], &edits));
}

#[test]
fn links_to_pages_single_questions_and_registry_urls() {
    let rel = "legacy/case-updates.txt";
    let (draft, report) = import(rel);
    for line in [
        "case-updates.txt:11:70: LINK TO THE SECOND QUESTION ON THE CRIMES PAGE [USE ‘ADD LINK’ AT BOTTOM OF THE PAGE] → link(\"crimes-victim-advocates\"): in links.yaml",
        "case-updates.txt:13:200: LINK TO THE THIRD QUESTION ON THE CRIMES PAGE [USE 'ADD LINK' AT BOTTOM OF THE PAGE] → link(\"crimes-third-question\")",
        "case-updates.txt:15:91: https://www.womenslaw.org/about-abuse/safety-tips → link(\"safety-tips\"): the URL of that links.yaml entry",
        "case-updates.txt:15:198: LINK → link(\"advocates-and-shelters\"): in links.yaml; matched “program”",
        "URLs kept as written (not in links.yaml):\n  legacy/case-updates.txt:17:123: https://www.court-help.org/courts/help",
        // A question on a page the registry has: the stub falls back to that page's URLs.
        "  crimes-third-question:\n    title: Crimes (third question)\n    url: https://www.womenslaw.org/laws/{state}/crimes\n    fallback: https://www.womenslaw.org/laws/general/crimes\n    verified: false\n",
    ] {
        assert!(report.contains(line), "missing {line:?} in\n{report}");
    }
    let library = library_with(
        "case-updates",
        &draft,
        "crimes-third-question:\n  title: Crimes (third question)\n  url: https://www.womenslaw.org/laws/{state}/crimes\n",
    );
    let reply = compose(&library, "case-updates", &[]);
    let want = by_hand(
        rel,
        &[],
        &[
            (
                "LINK TO THE SECOND QUESTION ON THE CRIMES PAGE [USE ‘ADD LINK’ AT BOTTOM OF THE PAGE]",
                NY_CRIMES,
            ),
            (
                "LINK TO THE THIRD QUESTION ON THE CRIMES PAGE [USE 'ADD LINK' AT BOTTOM OF THE PAGE]",
                NY_CRIMES,
            ),
            (
                "programs here: LINK",
                &format!("programs here: {NY_SHELTERS}"),
            ),
        ],
    );
    keeps_every_sentence(&reply, &want);
}

#[test]
fn what_cannot_be_classified_is_reported_and_kept_so_the_guard_refuses_it() {
    let rel = "legacy/needs-review.txt";
    let run = import_run(rel);
    insta::assert_snapshot!("needs_review", run.transcript());
    let draft = run.stdout;
    assert!(draft.contains("# NOT READY: 4 part(s) of the legacy text could not be classified"));
    // Every approved sentence is in the draft, and so is every marker, where it was.
    let legacy = fs::read_to_string(fixture(rel)).expect("fixture");
    for paragraph in legacy.split("\n\n").skip(4) {
        assert!(
            draft.contains(paragraph.trim()),
            "{paragraph:?} not in\n{draft}"
        );
    }
    let library = library_with("needs-review", &draft, "");
    Test::new()
        .library_at(library.path())
        .args(["compose", "needs-review", "--no-input", "--state", "NY"])
        .run()
        .code(1)
        .stdout("")
        .stderr_has("reply refused")
        .stderr_has("[ASK SUPERVISOR]");
}

#[test]
fn a_draft_is_not_a_reply_until_an_editor_releases_it() {
    let (draft, _) = import("drop-charges.txt");
    let library = unreleased_library_with("drop-charges", &draft, "");
    Test::new()
        .library_at(library.path())
        .args([
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--set",
            "asks_about_charges=no",
        ])
        .run()
        .code(1)
        .stdout("")
        .stderr_has("snippet 'drop-charges' is a draft (`status: draft`)")
        .stderr_has("removing the `status: draft` line");
    Test::new()
        .library_at(library.path())
        .arg("check")
        .run()
        .stdout("")
        .stderr_has(
            "warning: a draft: compose refuses it until an editor has checked its text and removed `status: draft`",
        )
        .stderr_has("warning: no `reviewed` date");
}

#[test]
fn stdin_gives_the_same_draft_as_the_file() {
    let seed = fs::read_to_string(fixture("drop-charges.txt")).expect("seed");
    let from_stdin = Test::new()
        .args(["import", "-"])
        .stdin(seed)
        .run()
        .success()
        .stdout;
    let (from_file, _) = import("drop-charges.txt");
    assert_eq!(
        from_stdin.replace("from stdin;", "from drop-charges.txt;"),
        from_file
    );
}

#[test]
fn output_file_gets_the_draft_and_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("drop-charges.yaml");
    Test::new()
        .current_dir(fixture(""))
        .args(["import", "drop-charges.txt", "-o"])
        .arg(&path)
        .run()
        .success()
        .stdout("")
        .stderr_has("wrote the draft to")
        .stderr_has("asks_about_charges");
    let written = fs::read_to_string(&path).expect("written");
    assert_eq!(written, import("drop-charges.txt").0);

    fs::write(&path, "reviewed: keep me\n").expect("write");
    Test::new()
        .arg("import")
        .arg(fixture("drop-charges.txt"))
        .arg("--output")
        .arg(&path)
        .run()
        .code(2)
        .stdout("")
        .stderr_has("already exists; import never overwrites a file");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        "reviewed: keep me\n"
    );
}

#[test]
fn bad_input_is_exit_2_with_nothing_on_stdout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let latin1 = dir.path().join("latin1.txt");
    fs::write(&latin1, b"Hotline\n\nCustody\n\n..Caf\xe9*\n\nText.\n").expect("write");
    let missing = dir.path().join("missing.txt");
    let nowhere = dir.path().join("no/such/folder/draft.yaml");
    let seed = fixture("drop-charges.txt").display().to_string();
    let cases: [(Vec<String>, &str, &str); 6] = [
        (
            vec![seed, "-o".into(), nowhere.display().to_string()],
            "",
            "cannot create",
        ),
        (vec![missing.display().to_string()], "", "cannot read"),
        (
            vec![latin1.display().to_string()],
            "",
            "latin1.txt:5: the file is not UTF-8 text",
        ),
        (vec!["-".into()], " \n\n", "stdin: the file is empty"),
        (
            vec!["-".into()],
            "Just a paragraph.\n\nAnother one.\n",
            "stdin: no title found; a legacy text starts with its header",
        ),
        (
            vec!["-".into()],
            "Hotline\n\nCustody\n\n..A title*\n",
            "stdin: line 5: the title is not followed by any reply text",
        ),
    ];
    for (args, stdin, message) in cases {
        Test::new()
            .arg("import")
            .args(&args)
            .stdin(stdin)
            .run()
            .code(2)
            .stdout("")
            .stderr_has(message);
    }
}

#[test]
fn help_explains_the_streams_and_shows_an_example() {
    Test::new()
        .args(["import", "--help"])
        .run()
        .success()
        .stdout_has("-o, --output <FILE>")
        .stdout_has("goes to stderr")
        .stdout_has("Examples:\n  hotline-reply import");
}
