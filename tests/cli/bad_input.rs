//! Every bad input on the compose path, as a table: each case's exit code, stdout (always
//! empty) and stderr are snapshotted together (`snapshots/cli__bad_input__<case>.snap`), so
//! a changed message is a reviewed diff. Cases that need a library run inside a temporary
//! one with `--library .`, so the snapshots hold no machine's folders.

use crate::util::{Test, fixture, temp_library};

/// A case: its name (the snapshot's), the arguments, and what is on stdin.
struct Case {
    name: &'static str,
    args: &'static [&'static str],
    stdin: &'static str,
}

const fn case(name: &'static str, args: &'static [&'static str], stdin: &'static str) -> Case {
    Case { name, args, stdin }
}

/// A secret that must never appear in any message: what an advocate might type or paste.
const SECRET: &str = "Jane Example";

const CASES: &[Case] = &[
    case("no-snippet", &["compose"], ""),
    case(
        "unknown-flag",
        &["compose", "drop-charges", "--frobnicate"],
        "",
    ),
    case("unknown-command", &["frobnicate"], ""),
    case(
        "flag-without-value",
        &["compose", "drop-charges", "--state"],
        "",
    ),
    case(
        "unknown-snippet",
        &["compose", "drop-charge", "--state", "NY"],
        "",
    ),
    case("a-path-is-not-an-id", &["compose", "../../etc/passwd"], ""),
    case(
        "unknown-state",
        &[
            "compose",
            "drop-charges",
            "--state",
            "Nwe York",
            "--defaults",
        ],
        "",
    ),
    case(
        "unknown-state-far",
        &[
            "compose",
            "drop-charges",
            "--state",
            "Jane Example",
            "--defaults",
        ],
        "",
    ),
    case(
        "unknown-question",
        &[
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--set",
            "asks_about_charge=yes",
        ],
        "",
    ),
    case(
        "unknown-question-typed-text",
        &[
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--set",
            "Jane Example told me=yes",
        ],
        "",
    ),
    case(
        "invalid-yes-no",
        &[
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--set",
            "asks_about_charges=Jane Example",
        ],
        "",
    ),
    case(
        "set-without-equals",
        &["compose", "drop-charges", "--set", "Jane Example told me"],
        "",
    ),
    case("missing-answers", &["compose", "drop-charges"], ""),
    case(
        "missing-state-only",
        &["compose", "drop-charges", "--set", "asks_about_charges=no"],
        "",
    ),
    case(
        "no-input-names-what-is-missing",
        &["compose", "drop-charges", "--state", "NY", "--no-input"],
        "",
    ),
    case(
        "two-flags-disagree-on-the-state",
        &[
            "compose",
            "drop-charges",
            "--state",
            "TX",
            "--set",
            "state=NY",
            "--set",
            "asks_about_charges=no",
        ],
        "",
    ),
    case(
        "two-sets-disagree",
        &[
            "compose",
            "drop-charges",
            "--state",
            "TX",
            "--set",
            "asks_about_charges=no",
            "--set",
            "asks_about_charges=yes",
        ],
        "",
    ),
    case(
        "unreadable-answers-file",
        &[
            "compose",
            "drop-charges",
            "--answers",
            "/nonexistent/answers.yaml",
        ],
        "",
    ),
    case(
        "answers-of-the-wrong-type",
        &["compose", "drop-charges", "--answers", "-"],
        "asks_about_charges: 3\nstate: NY\n",
    ),
    case(
        "answers-file-key-twice",
        &["compose", "drop-charges", "--answers", "-"],
        "asks_about_charges: yes\nstate: NY\nasks_about_charges: no\n",
    ),
    case(
        "answers-file-a-list",
        &["compose", "drop-charges", "--answers", "-"],
        "asks_about_charges: [Jane Example, no]\n",
    ),
    case(
        "answers-file-not-a-mapping",
        &["compose", "drop-charges", "--answers", "-"],
        "- Jane Example\n",
    ),
    case(
        "answers-file-a-tagged-answer",
        &["compose", "drop-charges", "--answers", "-"],
        "asks_about_charges: !Jane Example yes\n",
    ),
    case(
        "answers-file-a-core-tag",
        &["compose", "drop-charges", "--answers", "-"],
        "state: NY\nasks_about_charges: !!Jane no\n",
    ),
    case(
        "answers-file-an-email",
        &["compose", "drop-charges", "--answers", "-"],
        "Hi, my name is Jane Example and my ex keeps calling me.\nWhat can I do?\n",
    ),
    case(
        "answers-file-empty",
        &["compose", "drop-charges", "--answers", "-"],
        "",
    ),
    case(
        "library-folder-missing",
        &["--library", "/nonexistent/library", "list"],
        "",
    ),
];

#[test]
fn each_bad_input_gets_its_exit_code_and_message_and_nothing_on_stdout() {
    for case in CASES {
        let run = Test::new().args(case.args).stdin(case.stdin).run();
        assert!(
            run.code == 1 || run.code == 2,
            "{}: {}",
            case.name,
            run.transcript()
        );
        assert_eq!(run.stdout, "", "{}", case.name);
        assert!(
            !run.stderr.contains(SECRET),
            "{} repeats what was typed:\n{}",
            case.name,
            run.stderr
        );
        insta::assert_snapshot!(case.name, run.transcript());
    }
}

#[test]
fn binary_and_huge_answers_files_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(&str, Vec<u8>); 2] = [
        ("binary.yaml", b"\xff\xfe\x00garbage".to_vec()),
        ("huge.yaml", "a: b\n".repeat(300_000).into_bytes()),
    ];
    for (name, content) in cases {
        std::fs::write(dir.path().join(name), content).expect("write fixture");
        let run = Test::new()
            .current_dir(dir.path())
            .args(["compose", "drop-charges", "--answers", name])
            .run()
            .code(2)
            .stdout("");
        insta::assert_snapshot!(format!("answers-file-{name}"), run.transcript());
    }
}

#[test]
fn closed_stdin_is_an_empty_answers_file_not_a_hang() {
    Test::new()
        .no_stdin()
        .args(["compose", "drop-charges", "--answers", "-"])
        .run()
        .code(2)
        .stdout("")
        .stderr_has("stdin: the file is empty");
}

const GOOD: &[u8] = b"title: T\ncategory: C\nblocks:\n  - text: Fine.\n";

/// Composes snippet `id` from a temporary library holding `files`, run inside it.
fn in_library(files: &[(&str, &[u8])], id: &str) -> crate::util::Run {
    let lib = temp_library(files);
    Test::new()
        .current_dir(lib.path())
        .args([
            "--library",
            ".",
            "compose",
            id,
            "--state",
            "NY",
            "--defaults",
        ])
        .run()
}

#[test]
fn broken_snippet_files_each_get_a_clear_error() {
    let cases: &[(&str, &[u8])] = &[
        ("empty", b""),
        ("not-utf8", b"\xff\xfetitle: T"),
        ("missing-blocks", b"title: T\ncategory: C\n"),
        ("no-blocks", b"title: T\ncategory: C\nblocks: []\n"),
        ("bad-indent", b"title: T\ncategory: C\nblocks:\n  - text: x\n   when: y\n"),
        ("when-a-list", b"title: T\ncategory: C\nblocks:\n  - text: 3\n    when: [x]\n"),
        ("bad-question-id", b"title: T\ncategory: C\nquestions:\n  - id: Bad-Id\n    ask: A?\n    type: yes-no\nblocks:\n  - text: x\n"),
        ("reserved-question-id", b"title: T\ncategory: C\nquestions:\n  - id: state\n    ask: A?\n    type: text\nblocks:\n  - text: x\n"),
        ("question-twice", b"title: T\ncategory: C\nquestions:\n  - id: a\n    ask: A?\n    type: yes-no\n  - id: a\n    ask: A?\n    type: yes-no\nblocks:\n  - text: x\n"),
        ("one-choice", b"title: T\ncategory: C\nquestions:\n  - id: a\n    ask: A?\n    type: choice\n    choices: [one]\nblocks:\n  - text: x\n"),
        ("bad-default", b"title: T\ncategory: C\nquestions:\n  - id: a\n    ask: A?\n    type: yes-no\n    default: perhaps\nblocks:\n  - text: x\n"),
        ("unknown-type", b"title: T\ncategory: C\nquestions:\n  - id: a\n    ask: A?\n    type: maybe\nblocks:\n  - text: x\n"),
        ("when-a-typo", b"title: T\ncategory: C\nblocks:\n  - when: typo\n    text: x\n"),
        ("undefined-name", b"title: T\ncategory: C\nblocks:\n  - text: '{{ nobody }}'\n"),
        ("a-draft", b"title: T\ncategory: C\nstatus: draft\nblocks:\n  - text: Fine.\n"),
        ("a-loop", b"title: T\ncategory: C\nblocks:\n  - text: '{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}'\n"),
        ("a-macro", b"title: T\ncategory: C\nblocks:\n  - text: '{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}'\n"),
        ("an-include", b"title: T\ncategory: C\nblocks:\n  - text: '{% include \"s#1\" %}'\n"),
    ];
    for (name, contents) in cases {
        let run = in_library(&[("g/s.yaml", contents)], "s")
            .code(1)
            .stdout("");
        insta::assert_snapshot!(format!("snippet-{name}"), run.transcript());
    }
}

#[test]
fn an_alias_bomb_in_a_snippet_is_refused() {
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
    in_library(&[("g/s.yaml", bomb.as_bytes())], "s")
        .code(1)
        .stdout("")
        .stderr_has("g/s.yaml");
}

#[test]
fn broken_registry_files_name_the_file() {
    type Files<'a> = &'a [(&'a str, &'a [u8])];
    let cases: &[(&str, Files)] = &[
        (
            "links-typo",
            &[
                ("links.yaml", b"crimes:\n  titel: Crimes\n"),
                ("g/s.yaml", GOOD),
            ],
        ),
        (
            "links-key-twice",
            &[
                (
                    "links.yaml",
                    b"safety-tips:\n  title: Safety\n  url: https://court-help.org/safety\nsafety-tips:\n  title: Safety\n  url: https://evil.example.org/safety\n",
                ),
                ("g/s.yaml", GOOD),
            ],
        ),
        (
            "links-by-state-twice",
            &[
                (
                    "links.yaml",
                    b"crimes: {title: Crimes, url: 'https://court-help.org/{state}', by_state: {ny: 'https://court-help.org/ny', ny: 'https://evil.example.org/ny'}}\n",
                ),
                ("g/s.yaml", GOOD),
            ],
        ),
        (
            "jurisdiction-without-name",
            &[
                ("jurisdictions.yaml", b"jurisdictions:\n  - { code: NY }\n"),
                ("g/s.yaml", GOOD),
            ],
        ),
        (
            "rules-bad-regex",
            &[
                (
                    "rules.yaml",
                    b"forbid:\n  - pattern: 'you (should'\n    message: advice\n",
                ),
                ("g/s.yaml", GOOD),
            ],
        ),
    ];
    for (name, files) in cases {
        let run = in_library(files, "s").code(1).stdout("");
        insta::assert_snapshot!(format!("registry-{name}"), run.transcript());
    }
}

#[test]
fn a_link_without_a_fallback_for_american_samoa_is_a_library_error() {
    let no_fallback = b"crimes:\n  title: Crimes\n  url: https://court-help.org/{state}/crimes\n";
    let uses = b"title: T\ncategory: C\nblocks:\n  - text: 'See {{ link(\"crimes\") }}'\n";
    let lib = temp_library(&[("links.yaml", no_fallback), ("g/s.yaml", uses)]);
    Test::new()
        .library_at(lib.path())
        .args(["compose", "s", "--state", "AS"])
        .run()
        .code(1)
        .stdout("")
        .stderr_has("link 'crimes' in links.yaml has no fallback URL");
}

#[test]
fn a_library_without_links_yaml_says_so_when_a_link_is_used() {
    let uses = b"title: T\ncategory: C\nblocks:\n  - text: 'See {{ link(\"safety-tips\") }}'\n";
    let run = in_library(&[("g/s.yaml", uses)], "s").code(1).stdout("");
    insta::assert_snapshot!("library-without-links-yaml", run.transcript());
}

#[test]
fn an_ambiguous_snippet_id_asks_for_the_category() {
    in_library(&[("a/s.yaml", GOOD), ("b/s.yaml", GOOD)], "s")
        .code(2)
        .stdout("")
        .stderr_has("snippet id 's' is ambiguous: a/s, b/s; name it as category/id");
    in_library(&[("a/s.yaml", GOOD), ("b/s.yaml", GOOD)], "b/s")
        .success()
        .stdout("Fine.\n");
    in_library(&[("a/s.yaml", GOOD)], "../a/s")
        .code(2)
        .stderr_has("unknown snippet");
}

#[test]
fn a_missing_defaults_hint_is_only_given_when_a_question_has_one() {
    let no_default = b"title: T\ncategory: C\nquestions:\n  - id: who\n    ask: Who?\n    type: text\nblocks:\n  - text: 'Dear {{ who }}.'\n";
    let lib = temp_library(&[("g/s.yaml", no_default)]);
    Test::new()
        .library_at(lib.path())
        .args(["compose", "s"])
        .run()
        .code(2)
        .stderr_has("--set who=TEXT")
        .stderr_lacks("--defaults");
    Test::new()
        .args(["compose", "drop-charges", "--state", "NY"])
        .run()
        .code(2)
        .stderr_has("or take the declared defaults with --defaults");
}

#[test]
fn the_fixture_answers_file_composes() {
    Test::new()
        .args(["compose", "drop-charges", "--answers"])
        .arg(fixture("answers/yes-ny.yaml"))
        .run()
        .success();
}

#[test]
fn a_key_given_twice_in_the_config_file_is_located() {
    Test::new()
        .config("format: html\nsignature: Sam\nformat: text\n")
        .args(["compose", "drop-charges", "--state", "NY", "--defaults"])
        .run()
        .code(2)
        .stdout("")
        .stderr_has("config.yaml:3:1: this setting is given twice; keep one line for it");
}

/// A text answer from a file is the text as written, though YAML reads it as a number.
#[test]
fn a_text_answer_from_a_file_is_kept_as_written() {
    let snippet = b"title: T\ncategory: C\nquestions:\n  - id: ref\n    ask: Reference?\n    type: text\nblocks:\n  - text: 'Your reference is {{ ref }}.'\n";
    let lib = temp_library(&[("g/s.yaml", snippet)]);
    for written in ["0x1F", "1e3", "1.50", "+12", "0o17", ".inf", "-0", "007"] {
        for answers in [
            format!("ref: {written}\n"),
            format!("{{\"ref\": {written}}}"),
        ] {
            Test::new()
                .library_at(lib.path())
                .args(["compose", "s", "--answers", "-"])
                .stdin(answers)
                .run()
                .success()
                .stdout(&format!("Your reference is {written}.\n"));
        }
    }
}

/// A library giving New Jersey the alias `NY` (or the slug `texas`) would send New Jersey's
/// links for `--state NY`: every command that uses the list refuses it, at its line.
#[test]
fn a_misleading_jurisdiction_list_is_refused_by_every_command() {
    let uses = b"title: T\ncategory: C\nblocks:\n  - text: 'See {{ link(\"crimes\") }}'\n";
    let links = b"crimes:\n  title: Crimes\n  url: https://court-help.org/{state}/crimes\n  fallback: https://court-help.org/crimes\n";
    for (list, problem) in [
        (
            "jurisdictions:\n  - { code: NY, name: New York }\n  - { code: NJ, name: New Jersey, aliases: [NY] }\n",
            "./jurisdictions.yaml:3:7: NJ: its alias 'NY' is already the code of New York (NY)",
        ),
        (
            "jurisdictions:\n  - { code: TX, name: Texas }\n  - { code: NJ, name: New Jersey, slug: texas }\n",
            "./jurisdictions.yaml:3:7: NJ: its slug 'texas' is already the name of Texas (TX)",
        ),
    ] {
        let lib = temp_library(&[
            ("jurisdictions.yaml", list.as_bytes()),
            ("links.yaml", links),
            ("g/s.yaml", uses),
        ]);
        for args in [
            &["compose", "s", "--state", "NY"][..],
            &["compose", "s", "--state", "texas"],
            &["links", "--state", "NY"],
            &["show", "s", "--state", "NY"],
        ] {
            Test::new()
                .current_dir(lib.path())
                .args(["--library", "."])
                .args(args)
                .run()
                .code(1)
                .stdout("")
                .stderr_has(problem);
        }
        Test::new()
            .current_dir(lib.path())
            .args(["--library", ".", "check"])
            .run()
            .code(1)
            .stderr_has(&problem.replace(": NJ:", ": error: NJ:"));
    }
}

/// A folder that is not a library is said to be one, for every command, rather than give an
/// empty list and a passing check.
#[test]
fn a_folder_without_snippets_is_not_a_library() {
    let empty = tempfile::tempdir().expect("temp dir");
    let not_a_library = temp_library(&[("notes/todo.txt", b"x"), ("README.md", b"x")]);
    for dir in [empty.path(), not_a_library.path()] {
        for command in [&["list"][..], &["check"], &["links"], &["compose", "s"]] {
            Test::new()
                .library_at(dir)
                .args(command)
                .run()
                .code(1)
                .stdout("")
                .stderr_has(&format!(
                    "library folder {} holds no snippet, so it is not a library",
                    dir.display()
                ))
                .stderr_has("(`<category>/<id>.yaml`)");
        }
    }
}

/// A folder with `snippets/` and no registries beside it is a library kept beside its
/// templates: its registry files are not snippets, whether or not it has a links.yaml.
#[test]
fn a_snippets_folder_without_links_yaml_is_the_library() {
    let lib = temp_library(&[
        ("snippets/general/s.yaml", GOOD),
        (
            "snippets/jurisdictions.yaml",
            b"jurisdictions:\n  - { code: NY, name: New York }\n",
        ),
        ("snippets/rules.yaml", b"acronyms: [VINE]\n"),
        ("templates/text.jinja", b"{{ body }}\n\nThe hotline"),
    ]);
    Test::new()
        .library_at(lib.path())
        .arg("list")
        .run()
        .success()
        .stdout("s  C  T\n");
    Test::new()
        .library_at(lib.path())
        .args(["compose", "s", "--state", "TX"])
        .run()
        .code(2)
        .stderr_has("the state from --state is not one of the jurisdictions");
    Test::new()
        .library_at(lib.path())
        .args(["compose", "s"])
        .run()
        .success()
        .stdout("Fine.\n\nThe hotline\n");
}
