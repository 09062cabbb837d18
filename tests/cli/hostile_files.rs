//! Files that would hang the program or exhaust the machine: deeply nested YAML in every file
//! the program parses, a FIFO or a device where a file should be, a file far too large. Each
//! is a clear error naming the file and the reason, with its exit code and nothing on stdout.
//! Every run goes through [`Test`], which isolates HOME, the config and the display, and
//! kills a run that hangs (a generous bound that fails the test); no test times a run more
//! tightly than that.

use std::path::Path;

use crate::util::{Run, Test, temp_library};

const GOOD: &[u8] = b"title: T\ncategory: C\nblocks:\n  - text: Fine.\n";

/// 500 KB of nesting, the testers' case: serde_yaml alone took minutes on it.
fn deep() -> String {
    "{a: ".repeat(125_000)
}

/// Expects exit `code`, an empty stdout, and an error on stderr naming `file` and `reason`.
fn refused(run: Run, code: i32, file: &Path, reason: &str) -> Run {
    run.code(code)
        .stdout("")
        .stderr_has(&file.display().to_string())
        .stderr_has(reason)
}

/// A run with `--library lib`.
fn with_library(lib: &Path) -> Test {
    Test::new().library_at(lib)
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

const NESTED: &str = "levels deep (more than 64)";
const FIFO: &str = "is a FIFO (named pipe), not a regular file";

#[test]
fn deep_nesting_in_an_answers_file_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = dir.path().join("answers.yaml");
    std::fs::write(&answers, format!("asks_about_charges: {}", deep())).expect("write");
    refused(
        Test::new()
            .args(["compose", "drop-charges", "--state", "NY", "--answers"])
            .arg(&answers)
            .run(),
        2,
        &answers,
        NESTED,
    );
    // The same piped in: named as stdin, never quoted.
    Test::new()
        .args(["compose", "drop-charges", "--answers", "-"])
        .stdin(format!("asks_about_charges: {}", deep()))
        .run()
        .code(2)
        .stdout("")
        .stderr_has("stdin:1:")
        .stderr_has(NESTED)
        .stderr_lacks("{a: {a:");
}

/// The testers' alias bomb: under 1 MiB of aliases to one 300 KB value, which serde_yaml
/// expanded to gigabytes (the machine ran out of memory) from an answers file or stdin.
#[test]
fn an_alias_bomb_in_an_answers_file_is_refused() {
    let mut bomb = format!("k0: &s \"{}\"\n", "a".repeat(300_000));
    for i in 1..60_000 {
        bomb.push_str(&format!("k{i}: *s\n"));
    }
    Test::new()
        .args(["compose", "drop-charges", "--state", "NY", "--answers", "-"])
        .stdin(bomb)
        .run()
        .code(2)
        .stdout("")
        .stderr_has("stdin:2:5: a YAML alias (`*name`) has no place in this file");
}

#[test]
fn deep_nesting_in_a_snippet_is_refused() {
    let snippet = [GOOD, b"tags: ", deep().as_bytes()].concat();
    let lib = temp_library(&[("g/s.yaml", &snippet)]);
    let file = lib.path().join("g/s.yaml");
    refused(
        with_library(lib.path()).args(["compose", "s"]).run(),
        1,
        &file,
        NESTED,
    );
    // `list` reads only the header, `check` everything: the same refusal.
    refused(with_library(lib.path()).arg("list").run(), 1, &file, NESTED);
    with_library(lib.path())
        .arg("check")
        .run()
        .code(1)
        .stderr_has(&format!("{}:5:", file.display()))
        .stderr_has(NESTED);
}

#[test]
fn deep_nesting_in_links_yaml_is_refused() {
    let links = format!("crimes: {}", deep());
    let lib = temp_library(&[("links.yaml", links.as_bytes()), ("g/s.yaml", GOOD)]);
    let file = lib.path().join("links.yaml");
    refused(
        with_library(lib.path()).args(["compose", "s"]).run(),
        1,
        &file,
        NESTED,
    );
    refused(
        with_library(lib.path()).arg("check").run(),
        1,
        &file,
        NESTED,
    );
}

#[test]
fn deep_nesting_in_jurisdictions_yaml_is_refused() {
    let jurisdictions = format!("jurisdictions: {}", "[".repeat(500_000));
    let lib = temp_library(&[
        ("jurisdictions.yaml", jurisdictions.as_bytes()),
        ("g/s.yaml", GOOD),
    ]);
    let file = lib.path().join("jurisdictions.yaml");
    refused(
        with_library(lib.path())
            .args(["compose", "s", "--state", "NY"])
            .run(),
        1,
        &file,
        NESTED,
    );
}

#[test]
fn deep_nesting_in_the_config_file_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, format!("signature: {}", deep())).expect("write");
    refused(
        Test::new()
            .env("HOTLINE_REPLY_CONFIG", &config)
            .arg("list")
            .run(),
        2,
        &config,
        NESTED,
    );
}

#[test]
fn a_library_file_too_large_is_refused_unread() {
    let mut big = GOOD.to_vec();
    big.extend(std::iter::repeat_n(b'#', 5 << 20));
    let lib = temp_library(&[("g/s.yaml", &big)]);
    refused(
        with_library(lib.path()).args(["compose", "s"]).run(),
        1,
        &lib.path().join("g/s.yaml"),
        "is larger than 4 MiB",
    );
}

#[test]
fn a_folder_where_links_yaml_should_be_is_refused() {
    let lib = temp_library(&[("g/s.yaml", GOOD), ("links.yaml/x", b"")]);
    refused(
        with_library(lib.path()).args(["compose", "s"]).run(),
        1,
        &lib.path().join("links.yaml"),
        "is a folder, not a regular file",
    );
}

#[cfg(unix)]
#[test]
fn links_yaml_linked_to_dev_zero_is_refused_unread() {
    let lib = temp_library(&[("g/s.yaml", GOOD)]);
    let links = lib.path().join("links.yaml");
    std::os::unix::fs::symlink("/dev/zero", &links).expect("symlink");
    refused(
        with_library(lib.path()).args(["compose", "s"]).run(),
        1,
        &links,
        "is a character device, not a regular file",
    );
    refused(
        with_library(lib.path()).arg("check").run(),
        1,
        &links,
        "is a character device",
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_snippet_is_refused_without_waiting() {
    let lib = temp_library(&[("g/s.yaml", GOOD)]);
    let fifo = lib.path().join("g/pipe.yaml");
    mkfifo(&fifo);
    refused(
        with_library(lib.path()).args(["compose", "pipe"]).run(),
        1,
        &fifo,
        FIFO,
    );
    refused(with_library(lib.path()).arg("check").run(), 1, &fifo, FIFO);
    // `list` names it and still lists the good one.
    with_library(lib.path())
        .arg("list")
        .run()
        .code(1)
        .stderr_has(FIFO)
        .stdout_starts_with("s ");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_template_is_refused_without_waiting() {
    let lib = temp_library(&[("g/s.yaml", GOOD), ("templates/.keep", b"")]);
    let fifo = lib.path().join("templates/text.jinja");
    mkfifo(&fifo);
    refused(
        with_library(lib.path()).args(["compose", "s"]).run(),
        1,
        &fifo,
        FIFO,
    );
}

/// `check` judges each frame as the format it is named for: an unreadable text frame is
/// reported as such, and the HTML frame, whose `<p>` is its format's, is not judged as text.
#[cfg(unix)]
#[test]
fn check_judges_the_other_frames_as_their_own_format_when_one_is_a_fifo() {
    let lib = temp_library(&[
        ("g/s.yaml", GOOD),
        ("templates/html.jinja", b"<p>{{ name }}</p>{{ body }}"),
    ]);
    mkfifo(&lib.path().join("templates/text.jinja"));
    let run = Test::new()
        .current_dir(lib.path())
        .args(["--library", ".", "check"])
        .run()
        .code(1)
        .stdout("")
        .stderr_has(&format!("./templates/text.jinja: error: the file {FIFO}"))
        .stderr_lacks("html.jinja");
    assert!(run.stderr.contains(": 1 error,"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_answers_file_is_refused_without_waiting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("answers.yaml");
    mkfifo(&fifo);
    refused(
        Test::new()
            .args(["compose", "drop-charges", "--answers"])
            .arg(&fifo)
            .run(),
        2,
        &fifo,
        &format!("answers file {} {FIFO}", fifo.display()),
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_config_file_is_refused_without_waiting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("config.yaml");
    mkfifo(&fifo);
    refused(
        Test::new()
            .env("HOTLINE_REPLY_CONFIG", &fifo)
            .arg("list")
            .run(),
        2,
        &fifo,
        &format!("the config file {} {FIFO}", fifo.display()),
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_legacy_text_is_refused_without_waiting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("legacy.txt");
    mkfifo(&fifo);
    refused(
        Test::new().arg("import").arg(&fifo).run(),
        2,
        &fifo,
        &format!("legacy text {} {FIFO}", fifo.display()),
    );
}

/// Regression: a snippet file that is a link to nothing was skipped by `check` (0 errors) while
/// `list` failed on it and `compose` called it an unknown snippet.
#[cfg(unix)]
#[test]
fn a_snippet_that_links_to_nothing_is_one_error_everywhere() {
    let lib = temp_library(&[("g/s.yaml", GOOD)]);
    let link = lib.path().join("g/gone.yaml");
    std::os::unix::fs::symlink(lib.path().join("nowhere.yaml"), &link).expect("symlink");
    const DANGLING: &str = "is a link to a file that does not exist";
    Test::new()
        .current_dir(lib.path())
        .args(["--library", ".", "check"])
        .run()
        .code(1)
        .stderr_has(&format!("./g/gone.yaml: error: the file {DANGLING}"));
    refused(
        with_library(lib.path()).args(["compose", "gone"]).run(),
        1,
        &link,
        DANGLING,
    );
    with_library(lib.path())
        .arg("list")
        .run()
        .code(1)
        .stderr_has(DANGLING);
}
