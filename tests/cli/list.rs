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
