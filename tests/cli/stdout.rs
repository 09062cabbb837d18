//! A reply must arrive whole: with stdout closed (`>&-`) or its reader gone, compose is an
//! error and nothing is copied; a listing cut short (`| head`) is still fine.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use crate::util::fixture;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_hotline-reply")
}

/// Runs `args` from a shell whose stdout is closed, as `hotline-reply … >&-` does.
fn with_stdout_closed(args: &str) -> (i32, String) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("exec 1>&-; '{}' {args}", bin()))
        .env("HOTLINE_REPLY_CONFIG", fixture("config/absent.yaml"))
        .env_remove("HOTLINE_REPLY_LIBRARY")
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn compose_with_stdout_closed_is_an_error_not_a_lost_reply() {
    let (code, stderr) = with_stdout_closed("compose drop-charges --state NY --defaults");
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("stdout is closed, so the reply would be lost"),
        "{stderr}"
    );
    // `> /dev/null` is the advocate's own choice: that is not a closed stdout.
    let out = Command::new(bin())
        .args(["compose", "drop-charges", "--state", "NY", "--defaults"])
        .env("HOTLINE_REPLY_CONFIG", fixture("config/absent.yaml"))
        .env_remove("HOTLINE_REPLY_LIBRARY")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create("/dev/null").expect("/dev/null"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
}

/// Starts `args` with a stdout pipe nobody reads: the reply is written only after stdin
/// closes, by when the reader is gone, as under `| head -0`.
fn reader_gone(args: &[&str], input: &[u8]) -> (i32, String) {
    let mut child = Command::new(bin())
        .args(args)
        .env("HOTLINE_REPLY_CONFIG", fixture("config/absent.yaml"))
        .env_remove("HOTLINE_REPLY_LIBRARY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().expect("stdin");
    let _ = stdin.write_all(input);
    drop(stdin);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    (child.wait().expect("exits").code().unwrap_or(-1), stderr)
}

#[test]
fn a_reply_whose_reader_is_gone_is_an_error() {
    let (code, stderr) = reader_gone(
        &["compose", "drop-charges", "--answers", "-"],
        b"asks_about_charges: yes\nstate: NY\n",
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("the reply was not delivered"), "{stderr}");
}

/// Regression: `import` treated its draft as a listing, so with stdout closed or its reader
/// gone it exited 0 and said every part was classified, and the draft was lost.
#[test]
fn an_imported_draft_that_cannot_be_delivered_is_an_error() {
    let legacy = fixture("legacy/custody-move.txt");
    let (code, stderr) = with_stdout_closed(&format!("import '{}'", legacy.display()));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("stdout is closed, so the draft would be lost"),
        "{stderr}"
    );
    let text = std::fs::read(&legacy).expect("legacy text");
    let (code, stderr) = reader_gone(&["import", "-"], &text);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("the draft was not delivered"), "{stderr}");
}

#[test]
fn a_listing_cut_short_is_still_success() {
    let (code, stderr) = reader_gone(&["man"], b"");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
}

/// An ESC or a bidi override in a library file never reaches the terminal, on stdout or
/// stderr, whichever command prints it.
#[test]
fn control_characters_from_library_files_never_reach_the_terminal() {
    let jurisdictions =
        "jurisdictions:\n  - { code: XE, name: \"Evil\\e[31mLand\\u202e\", state_pages: false }\n";
    let links = "crimes:\n  title: \"Cri\\e[2Jmes\"\n  url: https://court-help.org/{state}/crimes\n  fallback: https://court-help.org/crimes\n";
    let lib = crate::util::temp_library(&[
        ("jurisdictions.yaml", jurisdictions.as_bytes()),
        ("links.yaml", links.as_bytes()),
    ]);
    // `links --state XE` names the jurisdiction on stdout and warns about it on stderr.
    for args in [&["links", "--state", "XE"][..], &["links"], &["check"]] {
        let run = crate::util::Test::new()
            .library_at(lib.path())
            .args(args)
            .run();
        for (name, out) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            assert!(
                !out.contains('\u{1b}') && !out.contains('\u{202e}'),
                "{args:?} {name}: {out:?}"
            );
        }
        assert!(run.code == 0 || run.code == 1, "{}", run.transcript());
    }
}
