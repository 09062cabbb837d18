//! `check` through the binary: the fixture corpus (every library under
//! `tests/fixtures/libraries/`, discovered from the folder, so a new one cannot go
//! unchecked) with its report snapshotted; every reply of every snippet rendered for every
//! state; what check reports, compose refuses; hostile libraries refused, never waited for.

use std::path::Path;

use crate::util::{Run, Test, fixture};

/// Runs `check --library .` inside `dir`, so paths in the output are relative and the
/// snapshots hold no machine's folders. stdout must be empty: diagnostics go to stderr.
fn check_in(dir: &Path, extra: &[&str]) -> Run {
    let run = Test::new()
        .current_dir(dir)
        .args(["--library", ".", "check"])
        .args(extra)
        .run()
        .stdout("");
    assert!(run.code == 0 || run.code == 1, "{}", run.transcript());
    run
}

fn check(name: &str) -> Run {
    check_in(&fixture(&format!("libraries/{name}")), &[])
}

/// `reviewed 2001-01-01, 9458 days ago` changes every day; the snapshot keeps the rest.
fn scrub_days(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(" days ago") {
        let digits = rest[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        out.push_str(&rest[..at - digits]);
        out.push_str("[N] days ago");
        rest = &rest[at + " days ago".len()..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_fixture_library_gets_its_report() {
    let root = fixture("libraries");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .expect("fixture libraries")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(
        names.len() >= 40,
        "the corpus is discovered from the folder: {names:?}"
    );
    for name in names {
        let run = check(&name);
        insta::assert_snapshot!(name.clone(), scrub_days(&run.transcript()));
    }
}

#[test]
fn every_line_is_path_line_column_severity_message() {
    let run = check("broken-template");
    let lines: Vec<&str> = run.stderr.lines().collect();
    let (summary, diagnostics) = lines.split_last().expect("output");
    assert!(diagnostics.len() >= 3, "{}", run.stderr);
    for line in diagnostics {
        let mut parts = line.splitn(4, ':');
        let (path, l, c) = (parts.next(), parts.next(), parts.next());
        assert!(path.is_some_and(|p| p.ends_with(".yaml")), "{line}");
        assert!(l.is_some_and(|n| n.parse::<usize>().is_ok()), "{line}");
        assert!(c.is_some_and(|n| n.parse::<usize>().is_ok()), "{line}");
        let rest = parts.next().unwrap_or_default();
        assert!(
            rest.starts_with(" error: ") || rest.starts_with(" warning: "),
            "{line}"
        );
    }
    assert!(summary.contains("2 errors"), "{summary}");
}

#[test]
fn the_shipped_library_passes_and_names_the_unverified_links() {
    let run = Test::new().arg("check").run().success();
    assert!(run.stderr.contains(": 0 errors,"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("link 'crimes-victim-advocates' is not verified")
    );
    assert!(!run.stderr.contains("words in capitals"), "{}", run.stderr);
    // The folder form of the same library, as an editor would run it.
    Test::new()
        .library_at(&Path::new(env!("CARGO_MANIFEST_DIR")).join("snippets"))
        .arg("check")
        .run()
        .success()
        .stderr_has("checked 1 snippet and 4 links");
}

#[test]
fn a_marker_only_texas_sees_is_found_and_the_answers_reproduce_it() {
    check("state-branch").code(1).stderr_has(
        "reply refused for Texas (TX) only, with --state TX --set police=yes [capitals]: capital word LINK",
    );
    // The reported answers really produce a refused reply; another state's do not.
    let compose = |state: &str| {
        Test::new()
            .library("state-branch")
            .args([
                "compose",
                "texas-only",
                "--state",
                state,
                "--set",
                "police=yes",
            ])
            .run()
    };
    compose("TX")
        .code(1)
        .stdout("")
        .stderr_has("capital word LINK");
    compose("NY").success();
}

#[test]
fn a_placeholder_in_one_state_url_is_reported_at_its_cause() {
    check("placeholder-in-url").code(1).stderr_has(
        "./links.yaml:6:5: error: link 'crimes': `by_state` tx: 'https://court-help.org/STATE/crimes#victim-advocates' holds the capital word STATE",
    );
}

#[test]
fn an_empty_state_url_is_reported_once_at_its_cause() {
    let run = check("empty-by-state");
    assert!(
        run.stderr
            .starts_with("./links.yaml:7:5: error: link 'crimes': `by_state` tx: is empty\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(": 1 error,"), "{}", run.stderr);
}

#[test]
fn max_age_days_decides_what_is_stale() {
    let dir = fixture("libraries/stale-review");
    check_in(&dir, &["--max-age-days", "100000"])
        .code(0)
        .stderr_has("0 errors, 0 warnings");
    check_in(&dir, &["--max-age-days", "30"]).stderr_has("(more than 30)");
    // The config file sets the default.
    Test::new()
        .current_dir(&dir)
        .config("max_age_days: 30\n")
        .args(["--library", ".", "check"])
        .run()
        .stderr_has("(more than 30)");
}

#[test]
fn twelve_questions_and_the_state_in_one_block_are_checked_whole() {
    check("twelve-and-state")
        .code(0)
        .stderr_has("0 errors")
        .stderr_lacks("more answer combinations")
        .stderr_lacks("units of template work");
}

#[test]
fn what_check_reports_compose_refuses() {
    // Each fixture library holds one way a placeholder reaches a reply; check finds it and
    // compose, given the answers check names, refuses it with the same rule.
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "leaky-default",
            &["compose", "greeting", "--defaults"],
            "[bracket]",
        ),
        ("leaky-frame-branch", &["compose", "hi"], "[capitals]"),
        (
            "state-in-when-only",
            &["compose", "forms", "--state", "TX"],
            "[forbid]",
        ),
        ("forged-marks", &["compose", "forged"], "capital word LINK"),
        (
            "filtered-answer",
            &["compose", "shout", "--set", "who=Jane Example"],
            "[changed-answer]",
        ),
        (
            "house-rules",
            &["compose", "advice", "--state", "NY", "--set", "urgent=yes"],
            "[forbid]",
        ),
        (
            "house-rules",
            &["compose", "unlinked", "--set", "police=no"],
            "[require]",
        ),
    ];
    for (library, args, rule) in cases {
        check(library).code(1);
        let mut test = Test::new().library(library).args(*args);
        // The frame is only refused when a signature is printed.
        if *library == "leaky-frame-branch" {
            test = test.config("signature: Sam\n");
        }
        test.run()
            .code(1)
            .stdout("")
            .stderr_has("reply refused")
            .stderr_has(rule)
            .stderr_lacks("Jane");
    }
}

#[test]
fn the_capital_words_of_a_library_come_in_one_list() {
    check("acronyms")
        .code(1)
        .stderr_has("words in capitals in the library's text that `acronyms` does not list (the guard refuses each wherever a reply prints it): DA, DV; list the real acronyms under `acronyms` in rules.yaml");
}

/// Hostile templates and YAML are errors, never a hang, a crash or an exhausted machine.
#[test]
fn hostile_libraries_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let loop_12: String = (1..=12)
        .map(|i| format!("{{% if q{i} %}}{{% endif %}}"))
        .collect();
    let questions: String = (1..=12)
        .map(|i| format!("  - id: q{i}\n    ask: Q{i}?\n    type: yes-no\n"))
        .collect();
    let hostile = [
        (
            "deep-expression",
            String::new(),
            format!("{{{{ 1{} }}}}", " + 1".repeat(100_000)),
            "a tag runs past 1000 characters",
        ),
        (
            "nested-not",
            String::new(),
            format!("{{{{ {}true }}}}", "not ".repeat(100_000)),
            "a tag runs past 1000 characters",
        ),
        (
            "nested-value",
            String::new(),
            "{% set ns = namespace(x=1) %}{% for i in range(100000) %}{% set ns.x = [ns.x] %}{% endfor %}{{ ns.x }}".to_owned(),
            "engine ran out of fuel",
        ),
        (
            "nested-ifs",
            String::new(),
            format!("{}x{}", "{% if true %}".repeat(5000), "{% endif %}".repeat(5000)),
            "maximum recursion",
        ),
        // Under the fuel limit in each render, but 4,096 renders of it: more work than check
        // spends on a block.
        (
            "slow",
            format!("questions:\n{questions}"),
            format!("{loop_12}{{% for i in range(30000) %}}{{% endfor %}}Done."),
            "units of template work",
        ),
    ];
    for (name, questions, template, message) in hostile {
        let category = dir.path().join(name).join("general");
        std::fs::create_dir_all(&category).expect("mkdir");
        let yaml = format!(
            "title: Hostile\ncategory: General\nreviewed: 2026-11-23\n{questions}blocks:\n  - text: '{}'\n",
            template.replace('\'', "''")
        );
        std::fs::write(category.join("hostile.yaml"), yaml).expect("write");
        check_in(&dir.path().join(name), &[])
            .code(1)
            .stderr_has(message);
        if name == "slow" {
            continue;
        }
        // The same template through compose: an error, not a crash (a stack overflow aborts
        // with a signal and no exit code).
        Test::new()
            .library_at(&dir.path().join(name))
            .args(["compose", "hostile", "--no-input"])
            .run()
            .code(1)
            .stdout("")
            .stderr_has(message);
    }
}

#[test]
fn a_missing_library_folder_is_bad_input() {
    Test::new()
        .args(["--library", "/nonexistent/library", "check"])
        .run()
        .code(2)
        .stdout("")
        .stderr_has("does not exist");
}

/// Without links.yaml every `link()` is missing; check says the file is, as compose does.
#[test]
fn a_library_without_links_yaml_is_told_so() {
    let uses = b"title: T\ncategory: C\nreviewed: 2026-01-05\nblocks:\n  - text: 'See {{ link(\"safety-tips\") }}'\n";
    let lib = crate::util::temp_library(&[("g/s.yaml", uses)]);
    let run = check_in(lib.path(), &[]).code(1);
    assert!(
        run.stderr.starts_with(
            "./links.yaml: error: the library has no links.yaml, so it has no links, and 1 snippet uses `link()`; add links.yaml"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("no link 'safety-tips' in links.yaml"));
    // A library that uses no link needs none.
    let fine = crate::util::temp_library(&[(
        "g/s.yaml",
        b"title: T\ncategory: C\nreviewed: 2026-01-05\nblocks:\n  - text: Fine.\n",
    )]);
    check_in(fine.path(), &[]).stderr_lacks("links.yaml");
}
