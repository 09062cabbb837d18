//! Answers from several sources through the real binary: one precedence (`--state`/`--set`
//! over `--answers` over `--defaults`), never silent when two disagree, and what an empty
//! text answer leaves behind.

use crate::util::{Test, temp_library};

const TX_CRIMES: &str = "https://www.womenslaw.org/laws/tx/crimes";
const NY_CRIMES: &str = "https://www.womenslaw.org/laws/ny/crimes";

/// A library of one snippet, `greeting`: "Dear {{ who }}, thank you for writing.", where
/// `who` is a text question with `default` (YAML) when one is given.
fn greeting(default: Option<&str>) -> tempfile::TempDir {
    let default = default
        .map(|d| format!("    default: {d}\n"))
        .unwrap_or_default();
    let snippet = format!(
        "title: Greeting\ncategory: General\nreviewed: 2026-11-23\nquestions:\n  - id: who\n    ask: The writer's first name?\n    type: text\n{default}blocks:\n  - text: 'Dear {{{{ who }}}}, thank you for writing.'\n"
    );
    temp_library(&[("general/greeting.yaml", snippet.as_bytes())])
}

#[test]
fn the_state_flag_wins_over_the_answers_file_and_says_so() {
    let run = Test::new()
        .args(["compose", "drop-charges", "--state", "TX", "--answers", "-"])
        .stdin("state: NY\nasks_about_charges: no\n")
        .run()
        .success()
        .stdout_has(TX_CRIMES)
        .stderr_has("warning: --state and the answers on stdin give different answers to 'state'; --state wins");
    assert!(!run.stdout.contains(NY_CRIMES));
}

#[test]
fn a_set_wins_over_the_answers_file_and_says_so() {
    let run = Test::new()
        .args(["compose", "drop-charges", "--state", "NY", "--set", "asks_about_charges=yes", "--answers", "-"])
        .stdin("asks_about_charges: no\n")
        .run()
        .success()
        .stderr_has("--set #1 and the answers on stdin give different answers to 'asks_about_charges'; --set #1 wins");
    assert!(run.stdout.contains("victim-less prosecution"));
}

#[test]
fn sources_that_agree_say_nothing() {
    Test::new()
        .args([
            "compose",
            "drop-charges",
            "--state",
            "new york",
            "--set",
            "asks_about_charges=y",
            "--answers",
            "-",
        ])
        .stdin("state: NY\nasks_about_charges: true\n")
        .run()
        .success()
        .stderr("");
}

#[test]
fn defaults_fill_only_what_no_other_source_answered() {
    let run = Test::new()
        .args([
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--defaults",
            "--set",
            "asks_about_charges=yes",
        ])
        .run()
        .success()
        .stderr("");
    assert!(
        run.stdout.contains("victim-less prosecution"),
        "the flag, not the default (no)"
    );
}

#[test]
fn an_empty_text_answer_leaves_no_gap_before_the_comma() {
    let lib = greeting(None);
    Test::new()
        .library_at(lib.path())
        .args(["compose", "greeting", "--set", "who="])
        .run()
        .success()
        .stdout("Dear, thank you for writing.\n");
    Test::new()
        .library_at(lib.path())
        .args(["compose", "greeting", "--set", "who=Sam"])
        .run()
        .success()
        .stdout("Dear Sam, thank you for writing.\n");
}

/// Regression: an answer or `--name` of invisible characters only (a zero-width space, a soft
/// hyphen) printed them, and the survivor read "Dear , thank you" or "Hello ,". Text that
/// shows nothing is an empty answer.
#[test]
fn an_answer_or_name_that_shows_nothing_is_empty() {
    let lib = greeting(None);
    for blank in ["\u{200B}", " \u{00AD} ", "\u{2060}\u{FEFF}"] {
        Test::new()
            .library_at(lib.path())
            .args(["compose", "greeting", "--set", &format!("who={blank}")])
            .run()
            .success()
            .stdout("Dear, thank you for writing.\n");
        let with_name = Test::new()
            .args(["compose", "drop-charges", "--defaults", "--state", "NY"])
            .args(["--name", blank])
            .run()
            .success();
        let without = Test::new()
            .args(["compose", "drop-charges", "--defaults", "--state", "NY"])
            .run()
            .success();
        assert_eq!(with_name.stdout, without.stdout, "{blank:?} greets no one");
    }
}

/// The rule above is for what the advocate types: a declared default is library text, and a
/// zero-width space in it is refused by compose and reported by `check`, as anywhere else.
#[test]
fn a_default_that_shows_nothing_is_still_judged() {
    let lib = greeting(Some(r#""\u200B""#));
    Test::new()
        .library_at(lib.path())
        .args(["compose", "greeting", "--defaults"])
        .run()
        .code(1)
        .stdout("")
        .stderr_has("[invisible]: invisible character U+200B");
    Test::new()
        .library_at(lib.path())
        .arg("check")
        .run()
        .code(1)
        .stderr_has("invisible character U+200B");
}

#[test]
fn a_snippet_reviewed_too_long_ago_is_a_warning_at_compose() {
    Test::new()
        .library("stale-review")
        .args(["compose", "old"])
        .run()
        .success()
        .stderr_has("warning: snippet 'old' was last reviewed 2001-01-01")
        .stderr_has("(more than 365): the law may have changed");
    // The config file sets how old is too old.
    Test::new()
        .library("stale-review")
        .config("max_age_days: 100000\n")
        .args(["compose", "old"])
        .run()
        .success()
        .stderr("");
}

/// An empty declared default prints as an empty typed answer does, with no gap left.
#[test]
fn an_empty_default_leaves_no_gap_before_the_comma() {
    let lib = greeting(Some("''"));
    Test::new()
        .library_at(lib.path())
        .args(["compose", "greeting", "--defaults"])
        .run()
        .success()
        .stdout("Dear, thank you for writing.\n");
}

/// Regression: a key without a value was reported at `stdin:1:1`; now at its own line, and
/// still without repeating what the file says.
#[test]
fn a_missing_answer_is_placed_at_its_key() {
    for (text, place) in [
        ("state: NY\n\n\nasks_about_charges:\n", "stdin:4:1:"),
        ("state: NY\nasks_about_charges: ~\n", "stdin:2:1:"),
        (
            "{\"state\": \"NY\", \"asks_about_charges\": null}",
            "stdin:1:18:",
        ),
    ] {
        Test::new()
            .args(["compose", "drop-charges", "--answers", "-"])
            .stdin(text)
            .run()
            .code(2)
            .stdout("")
            .stderr(&format!(
                "error: {place} the answer is missing after the `:`\n"
            ));
    }
}
