//! `--copy` where no clipboard is reachable (no display, stderr not a terminal): it says so,
//! still prints the reply, and succeeds. The builder never passes DISPLAY or WAYLAND_DISPLAY.

use crate::util::Test;

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
    let plain = Test::new().args(ARGS).run().success().stdout;
    Test::new()
        .args(ARGS)
        .arg("--copy")
        .run()
        .success()
        .stdout(&plain)
        .stderr_starts_with("warning: the reply was not copied (")
        .stderr_has("system clipboard: no display")
        .stderr_has("terminal (OSC 52): stderr is not a terminal")
        .stderr_has("it is printed on stdout");
}

#[test]
fn an_osc_52_sequence_never_reaches_stdout() {
    Test::new()
        .args(ARGS)
        .args(["--copy", "--format", "html"])
        .run()
        .success()
        .stdout_starts_with("<p>Although")
        .stdout_lacks("\x1b");
}

#[test]
fn without_copy_nothing_is_said_about_the_clipboard() {
    Test::new().args(ARGS).run().success().stderr("");
}
