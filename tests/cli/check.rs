//! `check` through the binary: every mistake of the fixture corpus (one per library under
//! `tests/fixtures/libraries/`) reported where an editor can jump to it, every reply of every
//! snippet rendered for every state, and hostile libraries refused quickly.

use std::path::Path;
use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::util::{fixture, hotline};

/// Runs `check --library .` inside a fixture library, so paths in the output are relative
/// and the snapshots hold no machine's folders. Returns the exit code and stderr; stdout
/// must be empty (diagnostics are errors and warnings: they go to stderr).
fn check_in(dir: &Path, extra: &[&str]) -> (i32, String) {
    let output = hotline()
        .current_dir(dir)
        .args(["--library", ".", "check"])
        .args(extra)
        .output()
        .expect("runs");
    assert!(output.stdout.is_empty(), "check wrote to stdout");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    (output.status.code().unwrap_or(-1), stderr)
}

fn check(name: &str) -> (i32, String) {
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
fn each_broken_library_gets_its_diagnostics() {
    let corpus = [
        ("broken-yaml", 1),
        ("yaml-syntax", 1),
        ("missing-field", 1),
        ("broken-registry", 1),
        ("broken-template", 1),
        ("empty-file", 1),
        ("not-utf8", 1),
        ("duplicate-id", 1),
        ("bad-questions", 1),
        ("unknown-name", 1),
        ("unused-question", 0),
        ("stale-review", 0),
        ("bad-date", 1),
        ("bad-url", 1),
        ("state-in-fallback", 1),
        ("not-a-slug", 1),
        ("no-fallback", 1),
        ("empty-by-state", 1),
        ("leaks-link", 1),
        ("state-branch", 1),
        ("placeholder-in-url", 1),
        ("computed-link", 1),
        ("dead-block", 0),
        ("too-many-questions", 1),
        ("alias-bomb", 1),
        ("macro-recursion", 1),
        ("self-include", 1),
        ("huge-loop", 1),
    ];
    for (name, code) in corpus {
        let (got, stderr) = check(name);
        assert_eq!(got, code, "{name}:\n{stderr}");
        insta::assert_snapshot!(name, scrub_days(&stderr));
    }
}

#[test]
fn every_line_is_path_line_column_severity_message() {
    let (_, stderr) = check("broken-template");
    let lines: Vec<&str> = stderr.lines().collect();
    let (summary, diagnostics) = lines.split_last().expect("output");
    assert_eq!(diagnostics.len(), 3);
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
    assert!(summary.contains("2 errors, 1 warning"), "{summary}");
}

#[test]
fn the_shipped_library_passes_and_names_the_unverified_links() {
    let output = hotline().arg("check").output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains(": 0 errors,"), "{stderr}");
    assert!(
        stderr.contains("link 'crimes-victim-advocates' is not verified"),
        "{stderr}"
    );
    // The folder form of the same library, as an editor would run it.
    hotline()
        .args([
            "--library",
            concat!(env!("CARGO_MANIFEST_DIR"), "/snippets"),
            "check",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("checked 1 snippet and 4 links"));
}

#[test]
fn a_marker_only_texas_sees_is_found_and_the_answers_reproduce_it() {
    let (code, stderr) = check("state-branch");
    assert_eq!(code, 1);
    assert!(
        stderr.contains("reply refused for Texas (TX) only, with --state TX --set police=yes"),
        "{stderr}"
    );
    // The reported answers really produce a refused reply; another state's do not.
    let lib = fixture("libraries/state-branch").display().to_string();
    let compose = |state: &str| {
        hotline()
            .args(["--library", &lib, "compose", "texas-only", "--state", state])
            .args(["--set", "police=yes"])
            .assert()
    };
    compose("TX")
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("placeholder LINK"));
    compose("NY").success();
}

#[test]
fn a_link_that_leaks_a_placeholder_for_one_state_is_found() {
    let (code, stderr) = check("placeholder-in-url");
    assert_eq!(code, 1);
    assert!(
        stderr.contains("reply refused for Texas (TX) only, with --state TX: placeholder STATE"),
        "{stderr}"
    );
}

#[test]
fn an_empty_state_url_is_reported_once_at_its_cause() {
    let (_, stderr) = check("empty-by-state");
    assert!(
        stderr.starts_with("./links.yaml:7:5: error: link 'crimes': `by_state` tx: is empty\n"),
        "{stderr}"
    );
    assert!(stderr.contains(": 1 error,"), "{stderr}");
}

#[test]
fn max_age_days_decides_what_is_stale() {
    let dir = fixture("libraries/stale-review");
    let (code, stderr) = check_in(&dir, &["--max-age-days", "100000"]);
    assert_eq!(code, 0);
    assert!(stderr.contains("0 errors, 0 warnings"), "{stderr}");
    let (_, stderr) = check_in(&dir, &["--max-age-days", "30"]);
    assert!(stderr.contains("(more than 30)"), "{stderr}");
}

/// Hostile templates and YAML are errors quickly, never a hang, a crash or an exhausted
/// machine. The bound is generous for a debug build on a shared machine; a release build
/// takes milliseconds.
#[test]
fn hostile_libraries_fail_fast() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hostile = [
        (
            "deep-expression",
            format!("{{{{ 1{} }}}}", " + 1".repeat(100_000)),
            "a tag runs past 1000 characters",
        ),
        (
            "nested-not",
            format!("{{{{ {}true }}}}", "not ".repeat(100_000)),
            "a tag runs past 1000 characters",
        ),
        (
            "nested-value",
            "{% set ns = namespace(x=1) %}{% for i in range(100000) %}{% set ns.x = [ns.x] %}{% endfor %}{{ ns.x }}".to_owned(),
            "engine ran out of fuel",
        ),
        (
            "nested-ifs",
            format!("{}x{}", "{% if true %}".repeat(5000), "{% endif %}".repeat(5000)),
            "maximum recursion",
        ),
    ];
    for (name, template, message) in hostile {
        let category = dir.path().join(name).join("general");
        std::fs::create_dir_all(&category).expect("mkdir");
        let yaml = format!(
            "title: Hostile\ncategory: General\nblocks:\n  - text: '{}'\n",
            template.replace('\'', "''")
        );
        std::fs::write(category.join("hostile.yaml"), yaml).expect("write");
        let started = Instant::now();
        let (code, stderr) = check_in(&dir.path().join(name), &[]);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{name} took {:?}",
            started.elapsed()
        );
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(stderr.contains(message), "{name}: {stderr}");
        // The same template through compose: an error, not a crash (a stack overflow aborts
        // with a signal and no exit code).
        hotline()
            .args(["--library", &dir.path().join(name).display().to_string()])
            .args(["compose", "hostile", "--no-input"])
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(message));
    }
    // Under the fuel limit in each render, but thousands of renders: the time budget stops it.
    let slow = dir.path().join("slow").join("general");
    std::fs::create_dir_all(&slow).expect("mkdir");
    let questions: String = (1..=6)
        .map(|i| format!("  - id: q{i}\n    ask: Q{i}?\n    type: yes-no\n"))
        .collect();
    std::fs::write(
        slow.join("slow.yaml"),
        format!(
            "title: Slow\ncategory: General\nquestions:\n{questions}blocks:\n  - when: q1 or q2 or q3 or q4 or q5 or q6 or true\n    text: '{{% for i in range(20000) %}}{{% endfor %}}{{{{ state }}}}'\n"
        ),
    )
    .expect("write");
    let started = Instant::now();
    let (code, stderr) = check_in(&dir.path().join("slow"), &[]);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "slow took {:?}",
        started.elapsed()
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("block 1: gave up after 2 s"), "{stderr}");

    for name in ["alias-bomb", "huge-loop", "macro-recursion", "self-include"] {
        let started = Instant::now();
        let (code, _) = check(name);
        assert_eq!(code, 1, "{name}");
        assert!(started.elapsed() < Duration::from_secs(5), "{name}");
    }
}

#[test]
fn a_missing_library_folder_is_bad_input() {
    hotline()
        .args(["--library", "/nonexistent/library", "check"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("does not exist"));
}
