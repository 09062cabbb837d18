//! The send-safety guard through the binary: a leaking snippet never reaches stdout.

use crate::util::Test;

#[test]
fn refuses_a_reply_that_leaks_a_placeholder() {
    Test::new()
        .library("leaks-link")
        .args(["compose", "leaky", "--state", "NY", "--set", "police=yes"])
        .run()
        .code(1)
        .stdout("")
        .stderr_has("reply refused")
        .stderr_has("line 3, column 45 [capitals]: capital word LINK")
        .stderr_has("You can ask the police for the report here: LINK");
}

#[test]
fn the_branch_without_the_leak_passes() {
    Test::new()
        .library("leaks-link")
        .args(["compose", "leaky", "--state", "NY", "--set", "police=no"])
        .run()
        .success()
        .stdout("Our Crimes page is here: https://court-help.org/ny/crimes\n");
}

/// A reply whose every block is left out would send an empty email: compose refuses it, and
/// `check` names the answers that give it (fixture `empty-reply`).
#[test]
fn an_empty_reply_is_refused() {
    Test::new()
        .library("empty-reply")
        .args(["compose", "either"])
        .args(["--set", "called_police=no", "--set", "went_to_court=no"])
        .run()
        .code(1)
        .stdout("")
        .stderr_has("[empty] the reply has no text");
    Test::new()
        .library("empty-reply")
        .args(["compose", "either"])
        .args(["--set", "called_police=no", "--set", "went_to_court=yes"])
        .run()
        .success()
        .stdout("The court clerk may be able to help.\n");
}

/// The shipped house rules refuse advice wording however it is capitalised, and pass the
/// approved "you may want to".
#[test]
fn the_shipped_rules_refuse_advice_wording_in_any_case() {
    let rules = include_str!("../../snippets/rules.yaml").as_bytes();
    for (text, refused) in [
        ("You should call the police.", true),
        ("You Should call the police.", true),
        ("Then you must go to court.", true),
        ("You may want to call the police.", false),
    ] {
        let snippet = format!(
            "title: T\ncategory: C\nreviewed: 2026-11-23\nblocks:\n  - text: \"{text} See https://www.womenslaw.org/about-abuse/safety-tips\"\n"
        );
        let lib = crate::util::temp_library(&[
            ("rules.yaml", rules),
            ("general/t.yaml", snippet.as_bytes()),
        ]);
        let run = Test::new()
            .library_at(lib.path())
            .args(["compose", "t"])
            .run();
        if refused {
            run.code(1)
                .stdout("")
                .stderr_has("[forbid]: advice wording");
        } else {
            run.success();
        }
    }
}

/// A block in every reply whose text is all conditional can still leave the reply empty.
#[test]
fn a_reply_whose_only_block_says_nothing_is_refused() {
    Test::new()
        .library("empty-reply")
        .args(["compose", "maybe", "--set", "has_order=no"])
        .run()
        .code(1)
        .stdout("")
        .stderr_has("[empty] the reply has no text");
}
