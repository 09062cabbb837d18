//! `--copy` where no clipboard is reachable (no display, stderr not a terminal): it says so,
//! still prints the reply, and succeeds.

use predicates::prelude::*;

use crate::util::hotline;

fn no_display() -> assert_cmd::Command {
    let mut cmd = hotline();
    cmd.env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
    cmd
}

const ARGS: &[&str] = &[
    "compose",
    "drop-charges",
    "--state",
    "NY",
    "--set",
    "asks_about_charges=no",
];

#[test]
fn without_a_clipboard_it_says_so_and_still_prints_the_reply() {
    let plain = hotline().args(ARGS).output().expect("runs").stdout;
    no_display()
        .args(ARGS)
        .arg("--copy")
        .assert()
        .success()
        .stdout(predicate::eq(plain.as_slice()))
        .stderr(predicate::str::starts_with(
            "warning: the reply was not copied (",
        ))
        .stderr(predicate::str::contains("system clipboard: no display"))
        .stderr(predicate::str::contains(
            "terminal (OSC 52): stderr is not a terminal",
        ))
        .stderr(predicate::str::contains("it is printed on stdout"));
}

#[test]
fn an_osc_52_sequence_never_reaches_stdout() {
    no_display()
        .args(ARGS)
        .args(["--copy", "--format", "html"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<p>Although"))
        .stdout(predicate::str::contains("\x1b").not());
}

#[test]
fn without_copy_nothing_is_said_about_the_clipboard() {
    no_display().args(ARGS).assert().success().stderr("");
}
