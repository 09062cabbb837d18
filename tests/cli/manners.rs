//! Terminal manners: help with examples everywhere, completions and a man page from the same
//! definition, no colour or control characters where they do not belong, `| head` is fine.

use crate::util::{Run, Test};

/// `--help` of `args`, at clap's width for output that is not a terminal (COLUMNS would
/// change where the lines wrap).
fn help(args: &[&str]) -> Run {
    Test::new()
        .env_remove("COLUMNS")
        .args(args)
        .arg("--help")
        .run()
}

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
        help(command)
            .success()
            .stdout_has("Example")
            .stdout_has("hotline-reply ");
    }
    help(&["compose"])
        .success()
        .stdout_has("--format <FORMAT>")
        .stdout_has("--copy")
        .stdout_has("--name <NAME>");
}

#[test]
fn help_snapshots() {
    insta::assert_snapshot!("help", help(&[]).success().transcript());
    insta::assert_snapshot!("compose_help", help(&["compose"]).success().transcript());
}

#[test]
fn completions_for_every_shell_know_the_commands_and_flags() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        Test::new()
            .args(["completions", shell])
            .run()
            .success()
            .stdout_has("hotline-reply")
            .stdout_has("compose")
            .stdout_has("format");
    }
    Test::new()
        .args(["completions", "tcsh"])
        .run()
        .code(2)
        .stderr_has("the value given for '<SHELL>' is not one of: bash, elvish, fish")
        .stderr_lacks("tcsh");
}

#[test]
fn the_man_page_is_roff_from_the_same_definition() {
    Test::new()
        .arg("man")
        .run()
        .success()
        .stdout_has(".TH hotline-reply 1")
        .stdout_has("compose")
        .stdout_has("completions");
}

/// The argument that turns the program into the X11 clipboard server: `SERVE_ARG` in
/// `src/edge/clipboard/system.rs`. Should that constant change, running it by hand stops
/// reaching the server (clap answers an unknown subcommand with exit 2 and an error), so the
/// test that does so fails and this copy gets updated.
const SERVE_ARG: &str = "__hotline-reply-clipboard-server";

#[test]
fn the_clipboard_server_never_shows_in_help_completions_or_man() {
    let outputs = [
        &["--help"][..],
        &["-h"],
        &["help"],
        &["compose", "--help"],
        &["man"],
        &["completions", "bash"],
        &["completions", "zsh"],
        &["completions", "fish"],
        &["completions", "powershell"],
        &["completions", "elvish"],
    ];
    for args in outputs {
        // Each output is real and names the visible commands, so an absence means something.
        let run = Test::new().args(args).run().success().stdout_has("compose");
        // Roff escapes every dash (`hotline\-reply\-compose(1)`): compare without escapes.
        let shown = run.stdout.replace('\\', "");
        for hidden in [SERVE_ARG, "clipboard-server"] {
            assert!(
                !shown.contains(hidden),
                "{args:?} shows {hidden:?}\n{}",
                run.transcript()
            );
        }
    }
}

#[test]
fn the_clipboard_server_run_by_hand_without_a_reply_exits_at_once_and_prints_nothing() {
    // Without a terminal and with nothing on stdin the server gets no reply to hold: it fails
    // at once and silently (the builder's hang guard catches a server that waits instead).
    Test::new()
        .arg(SERVE_ARG)
        .run()
        .code(1)
        .stdout("")
        .stderr("");
    Test::new()
        .arg(SERVE_ARG)
        .no_stdin()
        .run()
        .code(1)
        .stdout("")
        .stderr("");
}

#[test]
fn errors_are_not_coloured_when_stderr_is_not_a_terminal() {
    Test::new()
        .env_remove("NO_COLOR")
        .args(["compose", "drop-charge"])
        .run()
        .code(2)
        .stderr_starts_with("error: unknown snippet")
        .stderr_lacks("\x1b");
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
    Test::new()
        .library_at(dir.path())
        .args(["compose", "odd"])
        .run()
        .code(1)
        .stderr_has("unknown field `wh[31mne`")
        .stderr_lacks("\x1b")
        .stderr_lacks("\u{202e}");
}

/// The binary with nothing of the developer's, stdin piped, stdout piped and stderr `err`.
fn spawn_with_stderr(args: &[&str], err: std::process::Stdio) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_hotline-reply"))
        .args(args)
        .env_remove("HOTLINE_REPLY_LIBRARY")
        .env_remove("DISPLAY")
        .env("NO_COLOR", "1")
        .env(
            "HOTLINE_REPLY_CONFIG",
            crate::util::fixture("config/absent.yaml"),
        )
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(err)
        .spawn()
        .expect("the binary starts")
}

/// Runs `args` with stderr `/dev/full` (every write fails with ENOSPC), and with stderr a
/// pipe whose reader is gone before anything is written (EPIPE): exit code and stdout.
fn with_stderr_unwritable(args: &[&str], stdin: &str) -> [(Option<i32>, String); 2] {
    use std::io::{Read, Write};
    let finish = |mut child: std::process::Child| {
        let mut pipe = child.stdin.take().expect("stdin");
        // The program reads stdin (`--answers -`) before it warns: the reader is gone by then.
        let _ = pipe.write_all(stdin.as_bytes());
        drop(pipe);
        let mut out = String::new();
        child
            .stdout
            .take()
            .expect("stdout")
            .read_to_string(&mut out)
            .expect("stdout");
        (child.wait().expect("waits").code(), out)
    };
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let to_full = finish(spawn_with_stderr(args, full.into()));
    let mut child = spawn_with_stderr(args, std::process::Stdio::piped());
    drop(child.stderr.take());
    [to_full, finish(child)]
}

/// Regression: `eprintln!` panicked (exit 101, "failed printing to stderr") when stderr could
/// not be written, so the warning about American Samoa's links cost the advocate the reply.
#[test]
#[cfg(target_os = "linux")]
fn a_warning_that_cannot_be_written_does_not_cost_the_reply() {
    let reply = Test::new()
        .args(["compose", "drop-charges", "--state", "AS", "--defaults"])
        .run()
        .success()
        .stderr_has("warning:")
        .stdout;
    let answers = "asks_about_charges: no\nstate: AS\n";
    for got in with_stderr_unwritable(&["compose", "drop-charges", "--answers", "-"], answers) {
        assert_eq!(got, (Some(0), reply.clone()));
    }
}

/// The same for errors: their message is lost, their exit code is not.
#[test]
#[cfg(target_os = "linux")]
fn an_error_that_cannot_be_written_keeps_its_exit_code() {
    for (args, code) in [
        (&["compose", "drop-charge", "--answers", "-"][..], 2),
        (&["compose", "drop-charges", "--format", "rtf"], 2),
        (&["compose", "drop-charges", "--answers", "-"], 2),
    ] {
        for got in with_stderr_unwritable(args, "asks_about_charges: maybe\n") {
            assert_eq!(got, (Some(code), String::new()), "{args:?}");
        }
    }
}
