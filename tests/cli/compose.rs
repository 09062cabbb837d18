//! The main job: the drop-charges reply, verbatim, for several states and answer sources.

use predicates::prelude::*;

use crate::util::{approved_reply, fixture, hotline, stdout};

fn compose(args: &[&str]) -> String {
    stdout(hotline().arg("compose").arg("drop-charges").args(args))
}

#[test]
fn yes_gives_the_six_approved_paragraphs_verbatim() {
    let reply = compose(&["--state", "NY", "--set", "asks_about_charges=yes"]);
    let want = approved_reply(
        "https://www.womenslaw.org/find-help/ny/advocates-and-shelters",
        "https://www.womenslaw.org/laws/ny/crimes",
        true,
    );
    assert_eq!(reply, want);
    assert_eq!(reply.split("\n\n").count(), 6);
}

#[test]
fn no_gives_the_five_approved_paragraphs_verbatim() {
    let reply = compose(&["--state", "ny", "--set", "asks_about_charges=no"]);
    let want = approved_reply(
        "https://www.womenslaw.org/find-help/ny/advocates-and-shelters",
        "https://www.womenslaw.org/laws/ny/crimes",
        false,
    );
    assert_eq!(reply, want);
    assert_eq!(reply.split("\n\n").count(), 5);
    assert!(!reply.contains("victim-less prosecution"));
}

#[test]
fn keeps_curly_quotes_slashes_and_the_safety_url() {
    let reply = compose(&["--state", "CA", "--set", "asks_about_charges=y"]);
    for approved in [
        "“victim-less prosecution”",
        "s/he does not want the case",
        "convict him/her.",
        "didn’t ask them to",
        "I don’t know – generally",
        "https://www.womenslaw.org/about-abuse/safety-tips",
    ] {
        assert!(reply.contains(approved), "missing {approved:?}");
    }
    for leak in ["LINK", "[", "]", "{{", "ADD THIS"] {
        assert!(!reply.contains(leak), "leaked {leak:?}");
    }
}

#[test]
fn state_names_codes_and_slugs_pick_the_same_links() {
    let by_code = compose(&["--state", "MP", "--set", "asks_about_charges=no"]);
    let by_name = compose(&[
        "--state",
        "northern mariana islands",
        "--set",
        "asks_about_charges=no",
    ]);
    assert_eq!(by_code, by_name);
    assert!(by_code.contains("https://www.womenslaw.org/find-help/nmi/advocates-and-shelters"));
    assert!(by_code.contains("https://www.womenslaw.org/laws/nmi/crimes"));
}

#[test]
fn snapshots_for_several_states() {
    for (state, charges) in [
        ("NY", "yes"),
        ("TX", "no"),
        ("District of Columbia", "yes"),
        ("PR", "no"),
    ] {
        let reply = compose(&[
            "--state",
            state,
            "--set",
            &format!("asks_about_charges={charges}"),
        ]);
        insta::assert_snapshot!(
            format!("drop_charges_{}_{charges}", state.replace(' ', "_")),
            reply
        );
    }
}

#[test]
fn american_samoa_falls_back_to_general_pages_with_a_warning() {
    hotline()
        .args([
            "compose",
            "drop-charges",
            "--state",
            "American Samoa",
            "--set",
            "asks_about_charges=no",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "https://www.womenslaw.org/find-help/advocates-and-shelters If",
        ))
        .stdout(predicate::str::contains(
            "here: https://www.womenslaw.org/laws/general/crimes\n",
        ))
        .stderr(predicate::str::contains(
            "warning: American Samoa has no state pages",
        ));
}

#[test]
fn answers_from_a_file_stdin_and_flags_agree() {
    let from_flags = compose(&["--state", "NY", "--set", "asks_about_charges=yes"]);
    let file = fixture("answers/yes-ny.yaml");
    let from_file = compose(&["--answers", file.to_str().expect("utf-8 path")]);
    assert_eq!(from_file, from_flags);
    let out = hotline()
        .args(["compose", "drop-charges", "--answers", "-"])
        .write_stdin("{\"asks_about_charges\": true, \"state\": \"New York\"}")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), from_flags);
}

#[test]
fn set_overrides_the_answers_file() {
    let file = fixture("answers/yes-ny.yaml");
    let reply = compose(&[
        "--answers",
        file.to_str().expect("utf-8 path"),
        "--set",
        "asks_about_charges=no",
    ]);
    assert!(!reply.contains("victim-less prosecution"));
}

#[test]
fn defaults_take_the_declared_default() {
    let reply = compose(&["--state", "NY", "--defaults"]);
    assert_eq!(
        reply.split("\n\n").count(),
        5,
        "the default of asks_about_charges is no"
    );
}

#[test]
fn works_from_any_folder_with_the_built_in_library() {
    let dir = std::env::temp_dir();
    hotline()
        .current_dir(&dir)
        .args([
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--set",
            "asks_about_charges=no",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Although I cannot speak"));
}

#[test]
fn the_library_flag_and_env_var_point_at_a_folder() {
    let lib = crate::util::library("state-free");
    hotline()
        .args([
            "--library",
            &lib,
            "compose",
            "hello",
            "--no-input",
            "--set",
            "topic=custody",
            "--defaults",
        ])
        .assert()
        .success()
        .stdout("Thank you for writing about custody.\n");
    hotline()
        .env("HOTLINE_REPLY_LIBRARY", &lib)
        .args(["compose", "hello", "--set", "topic=housing", "--defaults"])
        .assert()
        .success()
        .stdout("Thank you for writing about housing.\n\nWe have a page on housing here: https://example.org/housing\n");
}

#[test]
fn a_typed_answer_is_data_not_template_code() {
    let lib = crate::util::library("state-free");
    hotline()
        .args([
            "--library",
            &lib,
            "compose",
            "hello",
            "--set",
            "topic=custody",
            "--set",
            "signature={{ 7*7 }} NAME [ADD]",
        ])
        .assert()
        .success()
        .stdout("Thank you for writing about custody.\n\n— {{ 7*7 }} NAME [ADD]\n");
}

#[test]
fn a_run_without_a_terminal_never_stops_for_review() {
    // stdin is not a terminal here: the reply goes straight to stdout, nothing to stderr.
    hotline()
        .args([
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--set",
            "asks_about_charges=no",
        ])
        .assert()
        .success()
        .stdout(predicates::str::starts_with("Although I cannot speak"))
        .stderr("");
}
