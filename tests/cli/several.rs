//! Several snippets in one reply: bodies joined in order, shared questions and the state
//! asked once, one guard pass.

use crate::util::{hotline, library, stdout};

#[test]
fn two_snippets_from_flags_join_in_the_order_given() {
    let run = |ids: [&str; 2]| {
        stdout(
            hotline()
                .args(["--library", &library("two-part"), "compose"])
                .args(ids)
                .args([
                    "--state",
                    "TX",
                    "--set",
                    "called_police=no",
                    "--set",
                    "court_name=court",
                ]),
        )
    };
    assert_eq!(
        run(["police", "court"]),
        "Thank you for writing to us from Texas.\n\n\
         The court may have a self-help center: https://example.org/find-help/tx/courts\n"
    );
    assert_eq!(
        run(["court", "police"]),
        "The court may have a self-help center: https://example.org/find-help/tx/courts\n\n\
         Thank you for writing to us from Texas.\n"
    );
}

#[test]
fn without_a_terminal_every_missing_answer_of_both_snippets_is_named_at_once() {
    hotline()
        .args([
            "--library",
            &library("two-part"),
            "compose",
            "police",
            "court",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("--set called_police=yes|no"))
        .stderr(predicates::str::contains("--set court_name=TEXT"))
        .stderr(predicates::str::contains("--state STATE"));
}

#[test]
fn the_district_of_columbia_reads_with_its_article() {
    let out = stdout(
        hotline()
            .args(["--library", &library("two-part"), "compose", "police"])
            .args(["--state", "DC", "--set", "called_police=no"]),
    );
    assert_eq!(
        out,
        "Thank you for writing to us from the District of Columbia.\n"
    );
}

#[test]
fn a_snippet_named_twice_is_in_the_reply_once() {
    let out = hotline()
        .args([
            "--library",
            &library("two-part"),
            "compose",
            "police",
            "police",
        ])
        .args(["--state", "TX", "--set", "called_police=no"])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Thank you for writing to us from Texas.\n"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("snippet 'police' is named more than once"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
