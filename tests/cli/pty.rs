//! A smoke test on a real pseudo-terminal (util-linux `script`): the prompts appear, keys
//! answer them, Enter accepts the review, the reply alone goes to stdout, and Esc cancels
//! with exit 130.

use std::io::Write;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::Duration;

/// Runs `compose drop-charges --state NY` on a pty, typing `keys` one group at a time, and
/// returns (exit code, stdout of the program, what the terminal showed).
fn on_a_terminal(keys: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("stdout.txt");
    let bin = assert_cmd::cargo::cargo_bin("hotline-reply");
    let inner = format!(
        "'{}' compose drop-charges --state NY > '{}'",
        bin.display(),
        out.display()
    );
    let mut child = Command::new("script")
        .args(["-qec", &inner, "/dev/null"])
        .env_remove("HOTLINE_REPLY_LIBRARY")
        .env(
            "HOTLINE_REPLY_CONFIG",
            crate::util::fixture("config/absent.yaml"),
        )
        .env("TERM", "xterm")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("util-linux `script` runs");
    let mut stdin = child.stdin.take().expect("piped stdin");
    for key in keys {
        // Give the prompt time to draw and switch the terminal to raw mode.
        sleep(Duration::from_millis(700));
        stdin.write_all(key.as_bytes()).expect("typing");
        stdin.flush().expect("typing");
    }
    sleep(Duration::from_millis(500));
    drop(stdin);
    let done = child.wait_with_output().expect("script finishes");
    let reply = std::fs::read_to_string(&out).unwrap_or_default();
    (
        done.status.code().unwrap_or(-1),
        reply,
        String::from_utf8_lossy(&done.stdout).into_owned(),
    )
}

#[test]
fn answering_yes_and_accepting_the_review_prints_the_six_paragraphs() {
    let (code, reply, screen) = on_a_terminal(&["y", "\r", "\r"]);
    assert!(
        screen.contains("Does the writer also ask about dropping the criminal charges?"),
        "{screen}"
    );
    assert_eq!(code, 0, "{screen}");
    assert_eq!(reply.split("\n\n").count(), 6, "{reply}");
    assert!(
        !reply.contains("Does the writer"),
        "prompts must not reach stdout"
    );
}

#[test]
fn escape_at_the_prompt_cancels_with_130_and_prints_nothing() {
    let (code, reply, screen) = on_a_terminal(&["\x1b"]);
    assert_eq!(code, 130, "{screen}");
    assert_eq!(reply, "");
}
