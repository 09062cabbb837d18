//! Files that would hang the program or exhaust the machine: deeply nested YAML in every file
//! the program parses, a FIFO or a device where a file should be, a file far too large. Each
//! is a clear error naming the file and the reason, with its exit code and nothing on stdout.
//! A child that hangs is killed after a generous bound and fails the test; no test times a
//! run more tightly than that.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;

use crate::util::{fixture, hotline, temp_library};

/// Far more than any case needs, even in a debug build on a busy machine: only a hang gets
/// near it.
const HANG: Duration = Duration::from_secs(20);

const GOOD: &[u8] = b"title: T\ncategory: C\nblocks:\n  - text: Fine.\n";

/// 500 KB of nesting, the testers' case: serde_yaml alone took minutes on it.
fn deep() -> String {
    "{a: ".repeat(125_000)
}

/// Runs `cmd`, killing it after [`HANG`]; a child that had to be killed fails the test.
fn run(cmd: &mut Command) -> Output {
    let out = cmd.timeout(HANG).output().expect("the binary runs");
    assert!(
        out.status.code().is_some(),
        "killed after {HANG:?} (it hung) or by a signal: {:?}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Expects exit `code`, an empty stdout, and one error on stderr naming `file` and `reason`.
fn refused(cmd: &mut Command, code: i32, file: &Path, reason: &str) {
    let out = run(cmd);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        stderr.contains(&file.display().to_string()),
        "does not name {}: {stderr}",
        file.display()
    );
    assert!(stderr.contains(reason), "does not say '{reason}': {stderr}");
}

fn with_library(lib: &Path) -> Command {
    let mut cmd = hotline();
    cmd.arg("--library").arg(lib);
    cmd
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
        hotline()
            .args(["compose", "drop-charges", "--state", "NY", "--answers"])
            .arg(&answers),
        2,
        &answers,
        NESTED,
    );
    // The same piped in: named as stdin, never quoted.
    let out = run(hotline()
        .args(["compose", "drop-charges", "--answers", "-"])
        .write_stdin(format!("asks_about_charges: {}", deep())));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.contains("stdin:1:") && stderr.contains(NESTED),
        "{stderr}"
    );
    assert!(!stderr.contains("{a: {a:"), "{stderr}");
}

#[test]
fn deep_nesting_in_a_snippet_is_refused() {
    let snippet = [GOOD, b"tags: ", deep().as_bytes()].concat();
    let lib = temp_library(&[("g/s.yaml", &snippet)]);
    let file = lib.path().join("g/s.yaml");
    refused(
        with_library(lib.path()).args(["compose", "s"]),
        1,
        &file,
        NESTED,
    );
    // `list` reads only the header, `check` everything: the same refusal.
    refused(with_library(lib.path()).arg("list"), 1, &file, NESTED);
    let out = run(with_library(lib.path()).arg("check"));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:5:", file.display())),
        "{stderr}"
    );
    assert!(stderr.contains(NESTED), "{stderr}");
}

#[test]
fn deep_nesting_in_links_yaml_is_refused() {
    let links = format!("crimes: {}", deep());
    let lib = temp_library(&[("links.yaml", links.as_bytes()), ("g/s.yaml", GOOD)]);
    let file = lib.path().join("links.yaml");
    refused(
        with_library(lib.path()).args(["compose", "s"]),
        1,
        &file,
        NESTED,
    );
    refused(with_library(lib.path()).arg("check"), 1, &file, NESTED);
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
        with_library(lib.path()).args(["compose", "s", "--state", "NY"]),
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
        hotline().env("HOTLINE_REPLY_CONFIG", &config).arg("list"),
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
        with_library(lib.path()).args(["compose", "s"]),
        1,
        &lib.path().join("g/s.yaml"),
        "is larger than 4 MiB",
    );
}

#[test]
fn a_folder_where_links_yaml_should_be_is_refused() {
    let lib = temp_library(&[("g/s.yaml", GOOD), ("links.yaml/x", b"")]);
    refused(
        with_library(lib.path()).args(["compose", "s"]),
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
        with_library(lib.path()).args(["compose", "s"]),
        1,
        &links,
        "is a character device, not a regular file",
    );
    refused(
        with_library(lib.path()).arg("check"),
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
        with_library(lib.path()).args(["compose", "pipe"]),
        1,
        &fifo,
        FIFO,
    );
    refused(with_library(lib.path()).arg("check"), 1, &fifo, FIFO);
    // `list` names it and still lists the good one.
    let out = run(with_library(lib.path()).arg("list"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(FIFO));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("s "));
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_template_is_refused_without_waiting() {
    let lib = temp_library(&[("g/s.yaml", GOOD), ("templates/.keep", b"")]);
    let fifo = lib.path().join("templates/text.jinja");
    mkfifo(&fifo);
    refused(
        with_library(lib.path()).args(["compose", "s"]),
        1,
        &fifo,
        FIFO,
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_answers_file_is_refused_without_waiting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("answers.yaml");
    mkfifo(&fifo);
    refused(
        hotline()
            .args(["compose", "drop-charges", "--answers"])
            .arg(&fifo),
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
        hotline().env("HOTLINE_REPLY_CONFIG", &fifo).arg("list"),
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
        hotline().arg("import").arg(&fifo),
        2,
        &fifo,
        &format!("legacy text {} {FIFO}", fifo.display()),
    );
}

/// Runs `args` on a pseudo-terminal (util-linux `script`), types `typed` and ends the input
/// with Ctrl-D; returns (exit code, stdout of the program, what the terminal showed).
#[cfg(unix)]
fn typed_on_a_terminal(args: &str, typed: &str) -> (i32, String, String) {
    use std::io::Write as _;
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("temp dir");
    let out: PathBuf = dir.path().join("stdout.txt");
    let bin = assert_cmd::cargo::cargo_bin("hotline-reply");
    let inner = format!("'{}' {args} > '{}'", bin.display(), out.display());
    let mut child = std::process::Command::new("script")
        .args(["-qec", &inner, "/dev/null"])
        .env_remove("HOTLINE_REPLY_LIBRARY")
        .env("HOTLINE_REPLY_CONFIG", fixture("config/absent.yaml"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("util-linux `script` runs");
    let mut stdin = child.stdin.take().expect("piped stdin");
    std::thread::sleep(Duration::from_millis(500));
    stdin
        .write_all(format!("{typed}\x04").as_bytes())
        .expect("typing");
    stdin.flush().expect("typing");
    let started = std::time::Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if started.elapsed() > HANG {
            let _ = child.kill();
            panic!("still waiting for input after {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(stdin);
    let done = child.wait_with_output().expect("script finishes");
    (
        done.status.code().unwrap_or(-1),
        std::fs::read_to_string(&out).unwrap_or_default(),
        String::from_utf8_lossy(&done.stdout).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn answers_from_a_terminal_are_asked_for_not_waited_on_silently() {
    let (code, reply, screen) = typed_on_a_terminal(
        "compose drop-charges --answers - --no-input",
        "asks_about_charges: yes\nstate: NY\n",
    );
    assert!(
        screen.contains(
            "reading the answers file from the terminal: type or paste one `question: value` per line"
        ) && screen.contains("then press Ctrl-D on a line of its own"),
        "{screen}"
    );
    assert_eq!(code, 0, "{screen}");
    assert!(reply.contains("https://www.womenslaw.org/"), "{reply}");
    assert!(!reply.contains("Ctrl-D"), "the hint must not reach stdout");
}
