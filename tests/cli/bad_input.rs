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

/// Composes snippet `id` from a temporary library and expects a failure naming `message`.
fn library_fails(files: &[(&str, &[u8])], id: &str, code: i32, message: &str) {
    let lib = crate::util::temp_library(files);
    hotline()
        .args([
            "--library",
            lib.path().to_str().expect("utf-8"),
            "compose",
            id,
            "--state",
            "NY",
            "--defaults",
        ])
        .write_stdin("")
        .assert()
        .code(code)
        .stdout("")
        .stderr(contains(message));
}

const GOOD: &[u8] = b"title: T\ncategory: C\nblocks:\n  - text: Fine.\n";

#[test]
fn broken_snippet_files_each_get_a_clear_error() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "g/s.yaml: the file is empty"),
        (b"\xff\xfetitle: T", "is not UTF-8 text"),
        (b"title: T\ncategory: C\n", "missing field `blocks`"),
        (b"title: T\ncategory: C\nblocks: []\n", "`blocks` is empty"),
        (b"title: T\ncategory: C\nblocks:\n  - text: x\n   when: y\n", "g/s.yaml:5:4: did not find expected '-' indicator"),
        (b"title: T\ncategory: C\nblocks:\n  - text: 3\n    when: [x]\n", "blocks[0].when: invalid type: sequence, expected a string"),
        (b"title: T\ncategory: C\nquestions:\n  - id: Bad-Id\n    ask: A?\n    type: yes-no\nblocks:\n  - text: x\n", "g/s.yaml:4:5: question id 'Bad-Id' must be lowercase"),
        (b"title: T\ncategory: C\nquestions:\n  - id: state\n    ask: A?\n    type: text\nblocks:\n  - text: x\n", "question id 'state' is reserved"),
        (b"title: T\ncategory: C\nquestions:\n  - id: a\n    ask: A?\n    type: yes-no\n  - id: a\n    ask: A?\n    type: yes-no\nblocks:\n  - text: x\n", "question id 'a' is declared twice"),
        (b"title: T\ncategory: C\nquestions:\n  - id: a\n    ask: A?\n    type: choice\n    choices: [one]\nblocks:\n  - text: x\n", "needs at least two `choices`"),
        (b"title: T\ncategory: C\nquestions:\n  - id: a\n    ask: A?\n    type: yes-no\n    default: perhaps\nblocks:\n  - text: x\n", "default of 'a': expected yes or no"),
        (b"title: T\ncategory: C\nquestions:\n  - id: a\n    ask: A?\n    type: maybe\nblocks:\n  - text: x\n", "unknown variant `maybe`, expected one of `yes-no`, `choice`, `text`"),
        (b"title: T\ncategory: C\nblocks:\n  - when: typo\n    text: x\n", "template error in block 1 (when): undefined value: `typo` is not a question of this reply"),
        (b"title: T\ncategory: C\nblocks:\n  - text: '{{ nobody }}'\n", "template error in block 1 (text): undefined value"),
    ];
    for (contents, message) in cases {
        library_fails(&[("g/s.yaml", contents)], "s", 1, message);
    }
}

#[test]
fn an_alias_bomb_in_a_snippet_is_refused_quickly() {
    let mut bomb = String::from(
        "title: T\ncategory: C\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "x{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    bomb.push_str("blocks:\n  - text: x\n");
    library_fails(&[("g/s.yaml", bomb.as_bytes())], "s", 1, "g/s.yaml");
}

#[test]
fn hostile_templates_stop_with_an_error() {
    let looping = b"title: T\ncategory: C\nblocks:\n  - text: '{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}'\n";
    library_fails(
        &[("g/s.yaml", looping)],
        "s",
        1,
        "template error in block 1 (text)",
    );
    let macro_recursion = b"title: T\ncategory: C\nblocks:\n  - text: '{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}'\n";
    library_fails(
        &[("g/s.yaml", macro_recursion)],
        "s",
        1,
        "template error in block 1 (text)",
    );
    let include = b"title: T\ncategory: C\nblocks:\n  - text: '{% include \"s#1\" %}'\n";
    library_fails(
        &[("g/s.yaml", include)],
        "s",
        1,
        "template error in block 1 (text)",
    );
}

#[test]
fn broken_registry_files_name_the_file() {
    library_fails(
        &[
            ("links.yaml", b"crimes:\n  titel: Crimes\n"),
            ("g/s.yaml", GOOD),
        ],
        "s",
        1,
        "links.yaml:2:3: crimes: unknown field `titel`",
    );
    library_fails(
        &[
            ("jurisdictions.yaml", b"jurisdictions:\n  - { code: NY }\n"),
            ("g/s.yaml", GOOD),
        ],
        "s",
        1,
        "jurisdictions.yaml:2:5: jurisdictions[0]: missing field `name`",
    );
    let no_fallback = b"crimes:\n  title: Crimes\n  url: https://example.org/{state}/crimes\n";
    let uses = b"title: T\ncategory: C\nblocks:\n  - text: 'See {{ link(\"crimes\") }}'\n";
    let lib = crate::util::temp_library(&[("links.yaml", no_fallback), ("g/s.yaml", uses)]);
    hotline()
        .args([
            "--library",
            lib.path().to_str().expect("utf-8"),
            "compose",
            "s",
            "--state",
            "AS",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("link 'crimes' in links.yaml has no fallback URL"));
}

#[test]
fn an_ambiguous_snippet_id_asks_for_the_category() {
    library_fails(
        &[("a/s.yaml", GOOD), ("b/s.yaml", GOOD)],
        "s",
        2,
        "snippet id 's' is ambiguous: a/s, b/s; name it as category/id",
    );
    let lib = crate::util::temp_library(&[("a/s.yaml", GOOD), ("b/s.yaml", GOOD)]);
    hotline()
        .args([
            "--library",
            lib.path().to_str().expect("utf-8"),
            "compose",
            "b/s",
        ])
        .assert()
        .success()
        .stdout("Fine.\n");
}

#[test]
fn a_path_is_not_a_snippet_id() {
    fails(&["compose", "../../etc/passwd"], 2, "unknown snippet");
    let lib = crate::util::temp_library(&[("a/s.yaml", GOOD)]);
    fails(
        &[
            "--library",
            lib.path().to_str().expect("utf-8"),
            "compose",
            "../a/s",
        ],
        2,
        "unknown snippet",
    );
}

#[test]
fn a_huge_answers_file_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.yaml");
    std::fs::write(&path, "a: b\n".repeat(300_000)).expect("write");
    fails(
        &[
            "compose",
            "drop-charges",
            "--answers",
            path.to_str().expect("utf-8"),
        ],
        2,
        "larger than 1 MiB",
    );
}

#[test]
fn answers_of_the_wrong_type_name_the_field() {
    hotline()
        .args(["compose", "drop-charges", "--answers", "-"])
        .write_stdin("asks_about_charges: 3\nstate: NY\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(
            "asks_about_charges (from stdin): expected yes or no",
        ));
}

#[test]
fn closed_stdin_is_an_empty_answers_file_not_a_hang() {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("hotline-reply"))
        .args(["compose", "drop-charges", "--answers", "-"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("stdin: the file is empty"));
}

#[test]
fn usage_errors_are_exit_2() {
    fails(&["compose"], 2, "required arguments were not provided");
    fails(
        &["compose", "drop-charges", "--frobnicate"],
        2,
        "unexpected argument '--frobnicate'",
    );
    fails(&["frobnicate"], 2, "unrecognized subcommand 'frobnicate'");
    fails(
        &["compose", "drop-charges", "--state"],
        2,
        "a value is required for '--state <STATE>'",
    );
}
