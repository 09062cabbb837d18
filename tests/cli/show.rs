//! `show` and `links`: what a snippet asks and where its links go, before composing.

use predicates::prelude::*;
use predicates::str::contains;

use crate::util::{hotline, library};

#[test]
fn show_lists_questions_blocks_and_links_for_a_state() {
    let output = hotline()
        .args(["show", "drop-charges", "--state", "NY"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    insta::assert_snapshot!(String::from_utf8(output.stdout).expect("utf-8"));
}

#[test]
fn show_without_a_state_gives_the_patterns() {
    hotline()
        .args(["show", "drop-charges"])
        .assert()
        .success()
        .stdout(contains(
            "advocates-and-shelters   5       per state  unverified  https://www.womenslaw.org/find-help/{state}/advocates-and-shelters",
        ))
        .stdout(contains("4  when asks_about_charges"))
        .stdout(contains(
            "help: Adds the paragraph on asking the district attorney to drop the charges.",
        ));
}

#[test]
fn show_names_a_choice_question_and_its_default() {
    hotline()
        .args(["--library", &library("state-free"), "show", "hello"])
        .assert()
        .success()
        .stdout(contains("topic  (choice: custody | housing)"))
        .stdout(contains("signature  (text, default )"))
        .stdout(contains("when topic == \"housing\""));
}

#[test]
fn show_refuses_unknown_snippets_and_states() {
    hotline()
        .args(["show", "drop-charge"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("did you mean 'drop-charges'?"));
    hotline()
        .args(["show", "drop-charges", "--state", "Nwe York"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("did you mean 'New York'?"));
}

#[test]
fn links_for_a_state_gives_each_url_and_the_rule_that_made_it() {
    hotline()
        .args(["links", "--state", "tx"])
        .assert()
        .success()
        .stdout(contains("Links for Texas (TX)"))
        .stdout(contains(
            "crimes                   pattern  unverified  https://www.womenslaw.org/laws/tx/crimes",
        ))
        .stdout(contains(
            "safety-tips              fixed    verified    https://www.womenslaw.org/about-abuse/safety-tips",
        ));
}

#[test]
fn links_for_american_samoa_fall_back_with_a_warning() {
    hotline()
        .args(["links", "--state", "American Samoa"])
        .assert()
        .success()
        .stdout(contains(
            "advocates-and-shelters   fallback  unverified  https://www.womenslaw.org/find-help/advocates-and-shelters",
        ))
        .stderr(contains("American Samoa has no state pages"));
}

#[test]
fn links_without_a_state_shows_patterns_and_fallbacks() {
    hotline()
        .arg("links")
        .assert()
        .success()
        .stdout(contains("https://www.womenslaw.org/laws/{state}/crimes"))
        .stdout(contains(
            "fallback              https://www.womenslaw.org/laws/general/crimes",
        ))
        .stdout(predicate::str::starts_with("Links (give --state"));
}
