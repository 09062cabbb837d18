//! Every bad input on the compose path: a clear message, its exit code, nothing on stdout.

use predicates::prelude::*;
use predicates::str::contains;

use crate::util::{fixture, hotline, library};

fn fails(args: &[&str], code: i32, message: &str) {
    hotline()
        .args(args)
        .write_stdin("")
        .assert()
        .code(code)
        .stdout("")
        .stderr(contains(message));
}

#[test]
fn unknown_snippet_suggests_the_near_one() {
    fails(
        &["compose", "drop-charge", "--state", "NY"],
        2,
        "unknown snippet 'drop-charge' (did you mean 'drop-charges'?)",
    );
}

#[test]
fn unknown_state_suggests_the_near_one() {
    fails(
        &[
            "compose",
            "drop-charges",
            "--state",
            "Nwe York",
            "--defaults",
        ],
        2,
        "unknown state 'Nwe York' (did you mean 'New York'?)",
    );
    fails(
        &[
            "compose",
            "drop-charges",
            "--state",
            "Atlantis",
            "--defaults",
        ],
        2,
        "unknown state 'Atlantis'; give a postal code or a name",
    );
}

#[test]
fn unknown_question_names_the_questions() {
    fails(
        &[
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--set",
            "asks_about_charge=yes",
        ],
        2,
        "unknown question 'asks_about_charge' (from --set) (did you mean 'asks_about_charges'?)",
    );
}

#[test]
fn invalid_yes_no_says_what_is_accepted_without_echoing_it() {
    hotline()
        .args([
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--set",
            "asks_about_charges=Jane Example",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(
            "asks_about_charges (from --set): expected yes or no (yes/no/y/n/true/false, any case)",
        ))
        .stderr(contains("Jane").not());
}

#[test]
fn set_without_an_equals_sign_is_a_usage_error() {
    fails(
        &["compose", "drop-charges", "--set", "asks_about_charges"],
        2,
        "expected QUESTION=VALUE",
    );
}

#[test]
fn missing_answers_without_a_terminal_name_every_one() {
    hotline()
        .args(["compose", "drop-charges"])
        .write_stdin("")
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("missing answers"))
        .stderr(contains("--set asks_about_charges=yes|no"))
        .stderr(contains("--state STATE"));
}

#[test]
fn no_input_never_prompts_and_names_what_is_missing() {
    fails(
        &["compose", "drop-charges", "--state", "NY", "--no-input"],
        2,
        "--set asks_about_charges=yes|no",
    );
}

#[test]
fn the_state_alone_can_be_missing() {
    hotline()
        .args(["compose", "drop-charges", "--set", "asks_about_charges=no"])
        .write_stdin("")
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("--state STATE"))
        .stderr(contains("asks_about_charges").not());
}

#[test]
fn an_unreadable_answers_file_is_bad_input() {
    fails(
        &[
            "compose",
            "drop-charges",
            "--answers",
            "/nonexistent/answers.yaml",
        ],
        2,
        "cannot read answers file /nonexistent/answers.yaml",
    );
}

#[test]
fn an_answers_file_of_the_wrong_shape_points_at_the_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(&str, &[u8], &str); 4] = [
        ("list.yaml", b"asks_about_charges: [yes, no]\n", ":1:"),
        (
            "not-a-map.yaml",
            b"- yes\n",
            "invalid type: sequence, expected a map",
        ),
        ("empty.yaml", b"", "the file is empty"),
        ("binary.yaml", b"\xff\xfe\x00garbage", "is not UTF-8 text"),
    ];
    for (name, content, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).expect("write fixture");
        fails(
            &[
                "compose",
                "drop-charges",
                "--answers",
                path.to_str().expect("utf-8"),
            ],
            2,
            message,
        );
    }
}

#[test]
fn a_broken_snippet_names_file_line_and_column() {
    let lib = library("broken-yaml");
    let file = fixture("libraries/broken-yaml/general/typo.yaml");
    fails(
        &["--library", &lib, "compose", "typo"],
        1,
        &format!(
            "{}:5:5: blocks[1]: unknown field `whne`, expected one of `when`, `note`, `text`",
            file.display()
        ),
    );
}

#[test]
fn a_template_error_names_file_and_line() {
    let lib = library("broken-template");
    let bad_link = fixture("libraries/broken-template/general/bad-link.yaml");
    fails(
        &["--library", &lib, "compose", "bad-link"],
        1,
        &format!(
            "{}:5:19: template error in block 2 (text): invalid operation: unknown link 'advocates' (did you mean 'advocates-and-shelters'?)",
            bad_link.display()
        ),
    );
    let bad_syntax = fixture("libraries/broken-template/general/bad-syntax.yaml");
    fails(
        &["--library", &lib, "compose", "bad-syntax"],
        1,
        &format!("{}:5:", bad_syntax.display()),
    );
    fails(
        &["--library", &lib, "compose", "bad-syntax"],
        1,
        "template error in block 2 (text): syntax error",
    );
}

#[test]
fn a_missing_library_folder_is_bad_input() {
    fails(
        &["--library", "/nonexistent/library", "list"],
        2,
        "library folder /nonexistent/library does not exist",
    );
}
