//! Several snippets in one reply: bodies joined in order, shared questions and the state
//! asked once, one guard pass.

use crate::util::Test;

#[test]
fn two_snippets_from_flags_join_in_the_order_given() {
    let run = |ids: [&str; 2]| {
        Test::new()
            .library("two-part")
            .arg("compose")
            .args(ids)
            .args([
                "--state",
                "TX",
                "--set",
                "called_police=no",
                "--set",
                "court_name=court",
            ])
            .run()
            .success()
    };
    run(["police", "court"]).stdout(
        "Thank you for writing to us from Texas.\n\n\
         The court may have a self-help center: https://court-help.org/find-help/tx/courts\n",
    );
    run(["court", "police"]).stdout(
        "The court may have a self-help center: https://court-help.org/find-help/tx/courts\n\n\
         Thank you for writing to us from Texas.\n",
    );
}

#[test]
fn without_a_terminal_every_missing_answer_of_both_snippets_is_named_at_once() {
    Test::new()
        .library("two-part")
        .args(["compose", "police", "court"])
        .run()
        .code(2)
        .stdout("")
        .stderr_has("--set called_police=yes|no")
        .stderr_has("--set court_name=TEXT")
        .stderr_has("--state STATE");
}

#[test]
fn the_district_of_columbia_reads_with_its_article() {
    Test::new()
        .library("two-part")
        .args([
            "compose",
            "police",
            "--state",
            "DC",
            "--set",
            "called_police=no",
        ])
        .run()
        .success()
        .stdout("Thank you for writing to us from the District of Columbia.\n");
}

#[test]
fn a_snippet_named_twice_is_in_the_reply_once() {
    Test::new()
        .library("two-part")
        .args(["compose", "police", "police"])
        .args(["--state", "TX", "--set", "called_police=no"])
        .run()
        .success()
        .stdout("Thank you for writing to us from Texas.\n")
        .stderr_has("snippet 'police' is named more than once");
}

/// Two snippets that declare one question with different defaults cannot share its answer:
/// `check` reports it (fixture `shared-question`), and compose refuses to guess which one.
#[test]
fn one_question_declared_two_ways_is_an_error_not_a_guess() {
    for ids in [["first", "second"], ["second", "first"]] {
        Test::new()
            .library("shared-question")
            .args(["compose", ids[0], ids[1], "--defaults"])
            .run()
            .code(1)
            .stdout("")
            .stderr_has("question 'who' is also declared by an earlier snippet");
    }
    Test::new()
        .library("shared-question")
        .args(["compose", "second", "--defaults"])
        .run()
        .success()
        .stdout("We hope this helps, reader.\n");
}
