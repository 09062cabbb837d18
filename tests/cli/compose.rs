//! The main job: the drop-charges reply, verbatim, for several states and answer sources.

use crate::util::{Run, Test, approved_reply, fixture, library};

/// `compose drop-charges` with `args`, which must succeed.
fn compose_run(args: &[&str]) -> Run {
    Test::new()
        .args(["compose", "drop-charges"])
        .args(args)
        .run()
        .success()
}

/// The reply (stdout) of a successful `compose drop-charges` with `args`.
fn compose(args: &[&str]) -> String {
    compose_run(args).stdout
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
        let run = compose_run(&[
            "--state",
            state,
            "--set",
            &format!("asks_about_charges={charges}"),
        ]);
        insta::assert_snapshot!(
            format!("drop_charges_{}_{charges}", state.replace(' ', "_")),
            run.transcript()
        );
    }
}

#[test]
fn american_samoa_falls_back_to_general_pages_with_a_warning() {
    compose_run(&[
        "--state",
        "American Samoa",
        "--set",
        "asks_about_charges=no",
    ])
    .stdout_has("https://www.womenslaw.org/find-help/advocates-and-shelters If")
    .stdout_has("here: https://www.womenslaw.org/laws/general/crimes\n")
    .stderr_has("warning: American Samoa has no state pages");
}

#[test]
fn answers_from_a_file_stdin_and_flags_agree() {
    let from_flags = compose(&["--state", "NY", "--set", "asks_about_charges=yes"]);
    let file = fixture("answers/yes-ny.yaml");
    let from_file = compose(&["--answers", file.to_str().expect("utf-8 path")]);
    assert_eq!(from_file, from_flags);
    Test::new()
        .args(["compose", "drop-charges", "--answers", "-"])
        .stdin("{\"asks_about_charges\": true, \"state\": \"New York\"}")
        .run()
        .success()
        .stdout(&from_flags);
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
    Test::new()
        .current_dir(std::env::temp_dir())
        .args([
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--set",
            "asks_about_charges=no",
        ])
        .run()
        .success()
        .stdout_starts_with("Although I cannot speak");
}

#[test]
fn the_library_flag_and_env_var_point_at_a_folder() {
    Test::new()
        .library("state-free")
        .args([
            "compose",
            "hello",
            "--no-input",
            "--set",
            "topic=custody",
            "--defaults",
        ])
        .run()
        .success()
        .stdout("Thank you for writing about custody.\n");
    Test::new()
        .env("HOTLINE_REPLY_LIBRARY", library("state-free"))
        .args(["compose", "hello", "--set", "topic=housing", "--defaults"])
        .run()
        .success()
        .stdout("Thank you for writing about housing.\n\nWe have a page on housing here: https://court-help.org/housing\n");
}

#[test]
fn a_typed_answer_is_data_not_template_code() {
    Test::new()
        .library("state-free")
        .args([
            "compose",
            "hello",
            "--set",
            "topic=custody",
            "--set",
            "signature={{ 7*7 }} NAME [ADD]",
        ])
        .run()
        .success()
        .stdout("Thank you for writing about custody.\n\n— {{ 7*7 }} NAME [ADD]\n");
}

#[test]
fn a_run_without_a_terminal_never_stops_for_review() {
    // stdin is not a terminal here: the reply goes straight to stdout, nothing to stderr.
    compose_run(&["--state", "NY", "--set", "asks_about_charges=no"])
        .stdout_starts_with("Although I cannot speak")
        .stderr("");
}
