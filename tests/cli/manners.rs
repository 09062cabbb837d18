//! Terminal manners: help with examples everywhere, completions and a man page from the same
//! definition, no colour or control characters where they do not belong, `| head` is fine.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

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

#[test]
fn a_closed_stdout_is_success_not_an_error() {
    // The reply is written only after stdin closes, and by then nobody reads stdout: the
    // write meets a broken pipe, as under `| head -0`.
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("hotline-reply"))
        .args(["compose", "drop-charges", "--answers", "-"])
        .env(
            "HOTLINE_REPLY_CONFIG",
            crate::util::fixture("config/absent.yaml"),
        )
        .env_remove("HOTLINE_REPLY_LIBRARY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(b"asks_about_charges: yes\nstate: NY\n")
        .expect("answers");
    drop(stdin);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    let status = child.wait().expect("exits");
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}
