//! `list`: a new user sees what there is.

use predicates::prelude::*;

use crate::util::{hotline, library};

#[test]
fn lists_the_seed_with_id_category_and_title() {
    hotline()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "drop-charges  Prosecutor  V wants to drop criminal RO and/or criminal charges",
        ));
}

#[test]
fn a_query_narrows_the_list() {
    hotline()
        .args(["list", "victim-less"])
        .assert()
        .success()
        .stdout(predicate::str::contains("drop-charges"));
    hotline()
        .args(["list", "housing"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("no snippet mentions 'housing'"));
}

#[test]
fn lists_a_folder_library() {
    hotline()
        .args(["--library", &library("state-free"), "list"])
        .assert()
        .success()
        .stdout("hello  General  Hello\n");
}

#[test]
fn the_quick_header_read_agrees_with_the_snippet_and_reports_broken_files() {
    let lib = crate::util::temp_library(&[
        ("a/late-title.yaml", b"blocks:\n  - text: >-\n      title: not this one\ncategory: Housing\ntitle: 'Rent: what to ask'\n"),
        ("b/anchored.yaml", b"category: &c Custody\ntitle: *c\nblocks:\n  - text: x\n"),
        ("c/broken.yaml", b"title: [Unclosed\ncategory: C\nblocks:\n  - text: x\n"),
    ]);
    hotline()
        .args(["--library", lib.path().to_str().expect("utf-8"), "list"])
        .assert()
        .code(1)
        .stdout("late-title  Housing  Rent: what to ask\nanchored    Custody  Custody\n")
        .stderr(predicate::str::contains("c/broken.yaml"));
}
