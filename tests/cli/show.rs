//! `show` and `links`: what a snippet asks and where its links go, before composing.

use crate::util::Test;

#[test]
fn show_lists_questions_blocks_and_links_for_a_state() {
    let run = Test::new()
        .args(["show", "drop-charges", "--state", "NY"])
        .run()
        .success();
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn show_without_a_state_gives_the_patterns() {
    Test::new()
        .args(["show", "drop-charges"])
        .run()
        .success()
        .stdout_has(
            "advocates-and-shelters   5       per state  unverified  https://www.womenslaw.org/find-help/{state}/advocates-and-shelters",
        )
        .stdout_has("4  when asks_about_charges")
        .stdout_has(
            "help: Adds the paragraph on asking the district attorney to drop the charges.",
        );
}

#[test]
fn show_names_a_choice_question_and_its_default() {
    Test::new()
        .library("state-free")
        .args(["show", "hello"])
        .run()
        .success()
        .stdout_has("topic  (choice: custody | housing)")
        .stdout_has("signature  (text, default )")
        .stdout_has("when topic == \"housing\"");
}

#[test]
fn show_refuses_unknown_snippets_and_states() {
    Test::new()
        .args(["show", "drop-charge"])
        .run()
        .code(2)
        .stdout("")
        .stderr_has("did you mean 'drop-charges'?");
    Test::new()
        .args(["show", "drop-charges", "--state", "Nwe York"])
        .run()
        .code(2)
        .stdout("")
        .stderr_has("did you mean 'New York'?");
}

#[test]
fn links_for_a_state_gives_each_url_and_the_rule_that_made_it() {
    Test::new()
        .args(["links", "--state", "tx"])
        .run()
        .success()
        .stdout_has("Links for Texas (TX)")
        .stdout_has(
            "crimes                   pattern  unverified  https://www.womenslaw.org/laws/tx/crimes",
        )
        .stdout_has(
            "safety-tips              fixed    verified    https://www.womenslaw.org/about-abuse/safety-tips",
        );
}

#[test]
fn links_for_american_samoa_fall_back_with_a_warning() {
    Test::new()
        .args(["links", "--state", "American Samoa"])
        .run()
        .success()
        .stdout_has(
            "advocates-and-shelters   fallback  unverified  https://www.womenslaw.org/find-help/advocates-and-shelters",
        )
        .stderr_has("American Samoa has no state pages");
}

#[test]
fn links_without_a_state_shows_patterns_and_fallbacks() {
    Test::new()
        .arg("links")
        .run()
        .success()
        .stdout_has("https://www.womenslaw.org/laws/{state}/crimes")
        .stdout_has("fallback              https://www.womenslaw.org/laws/general/crimes")
        .stdout_starts_with("Links (give --state");
}
