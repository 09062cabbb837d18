//! `list`: a new user sees what there is.

use crate::util::{Test, temp_library};

#[test]
fn lists_the_seed_with_id_category_and_title() {
    Test::new().arg("list").run().success().stdout_has(
        "drop-charges  Prosecutor  V wants to drop criminal RO and/or criminal charges",
    );
}

#[test]
fn a_query_narrows_the_list() {
    Test::new()
        .args(["list", "victim-less"])
        .run()
        .success()
        .stdout_has("drop-charges");
    Test::new()
        .args(["list", "housing"])
        .run()
        .success()
        .stdout("")
        .stderr("no snippet mentions every word searched for\n");
}

#[test]
fn lists_a_folder_library() {
    Test::new()
        .library("state-free")
        .arg("list")
        .run()
        .success()
        .stdout("hello  General  Hello\n");
}

#[test]
fn the_quick_header_read_agrees_with_the_snippet_and_reports_broken_files() {
    let lib = temp_library(&[
        ("a/late-title.yaml", b"blocks:\n  - text: >-\n      title: not this one\ncategory: Housing\ntitle: 'Rent: what to ask'\n"),
        ("b/anchored.yaml", b"category: &c Custody\ntitle: *c\nblocks:\n  - text: x\n"),
        ("c/broken.yaml", b"title: [Unclosed\ncategory: C\nblocks:\n  - text: x\n"),
    ]);
    Test::new()
        .library_at(lib.path())
        .arg("list")
        .run()
        .code(1)
        .stdout("late-title  Housing  Rent: what to ask\n")
        // No file the program reads may use an alias (a few kilobytes of them can expand to
        // gigabytes), and the quick header read refuses it as the full parse does.
        .stderr_has("b/anchored.yaml:2:8: a YAML alias (`*name`) has no place in this file")
        .stderr_has("c/broken.yaml");
}
