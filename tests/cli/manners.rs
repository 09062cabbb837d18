//! Terminal manners: help with examples everywhere, completions and a man page from the same
//! definition, no colour or control characters where they do not belong, `| head` is fine.

use predicates::prelude::*;
use predicates::str::contains;

use crate::util::hotline;

#[test]
fn every_command_has_help_with_an_example() {
    for command in [
        &["compose"][..],
        &["list"],
        &["config"],
        &["config", "path"],
        &["config", "init"],
        &["completions"],
        &["man"],
    ] {
        hotline()
            .args(command)
            .arg("--help")
            .assert()
            .success()
            .stdout(contains("Example").and(contains("hotline-reply ")));
    }
    hotline()
        .args(["compose", "--help"])
        .assert()
        .stdout(contains("--format <FORMAT>"))
        .stdout(contains("--copy"))
        .stdout(contains("--name <NAME>"));
}

#[test]
fn completions_for_every_shell_know_the_commands_and_flags() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        hotline()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(contains("hotline-reply"))
            .stdout(contains("compose"))
            .stdout(contains("format"));
    }
    hotline()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(contains("invalid value 'tcsh'"));
}

#[test]
fn the_man_page_is_roff_from_the_same_definition() {
    hotline()
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".TH hotline-reply 1"))
        .stdout(contains("compose"))
        .stdout(contains("completions"));
}

#[test]
fn the_clipboard_server_never_shows_in_help_completions_or_man() {
    for args in [&["--help"][..], &["man"], &["completions", "bash"]] {
        hotline()
            .args(args)
            .assert()
            .stdout(contains("clipboard-server").not());
    }
}

#[test]
fn errors_are_not_coloured_when_stderr_is_not_a_terminal() {
    hotline()
        .env_remove("NO_COLOR")
        .args(["compose", "drop-charge"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: unknown snippet"))
        .stderr(contains("\x1b").not());
}

#[test]
fn control_characters_from_a_file_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let category = dir.path().join("general");
    std::fs::create_dir(&category).expect("mkdir");
    // An unknown key that holds ESC [31m and a right-to-left override; the error names it.
    std::fs::write(
        category.join("odd.yaml"),
        "title: t\ncategory: c\nblocks:\n  - text: a\n    \"wh\\e[31mn\\u202Ee\": b\n",
    )
    .expect("write");
    hotline()
        .args([
            "--library",
            dir.path().to_str().expect("utf-8"),
            "compose",
            "odd",
        ])
        .assert()
        .code(1)
        .stderr(contains("unknown field `wh[31mne`"))
        .stderr(contains("\x1b").not())
        .stderr(contains("\u{202e}").not());
}
