//! The send-safety guard through the binary: a leaking snippet never reaches stdout.

use predicates::prelude::*;

use crate::util::{hotline, library};

#[test]
fn refuses_a_reply_that_leaks_a_placeholder() {
    hotline()
        .args([
            "--library",
            &library("leaks-link"),
            "compose",
            "leaky",
            "--state",
            "NY",
            "--set",
            "police=yes",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("reply refused"))
        .stderr(predicate::str::contains(
            "line 3, column 45 [capitals]: capital word LINK",
        ))
        .stderr(predicate::str::contains(
            "You can ask the police for the report here: LINK",
        ));
}

#[test]
fn the_branch_without_the_leak_passes() {
    hotline()
        .args([
            "--library",
            &library("leaks-link"),
            "compose",
            "leaky",
            "--state",
            "NY",
            "--set",
            "police=no",
        ])
        .assert()
        .success()
        .stdout("Our Crimes page is here: https://example.org/ny/crimes\n");
}
