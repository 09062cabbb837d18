//! Privacy: a compose writes no file and opens no network socket, and error messages never
//! repeat what the advocate typed beyond naming the field that is wrong.

use std::path::Path;
use std::process::Command;

use crate::pty::{Launch, QUESTION, REVIEW, Session};
use crate::util::{Test, fixture};

/// Every path below `dir`, so a test can show what appeared.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        out.push(path.display().to_string());
        if path.is_dir() {
            out.extend(files_under(&path));
        }
    }
    out
}

/// Runs the binary under strace (its own mechanism: the builder cannot put strace in front of
/// the binary) and returns the system calls that write to disk or touch a
/// network: file opens for writing, creat/rename/unlink/mkdir, and any socket call.
fn writes_and_sockets(args: &[&str], stdin: &str, home: &Path) -> Vec<String> {
    let log = home
        .join("..")
        .join(format!("strace-{}.log", std::process::id()));
    let bin = assert_cmd::cargo::cargo_bin("hotline-reply");
    let mut cmd = Command::new("strace");
    cmd.args(["-f", "-qq", "-o"])
        .arg(&log)
        .args(["-e", "trace=%network,openat,open,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat"])
        .arg(&bin)
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("TMPDIR", home)
        .env("PATH", "/usr/bin:/bin")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = cmd
        .spawn()
        .expect("strace is installed (.ci/run installs it)");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    assert!(
        child.wait().expect("strace runs").success(),
        "the compose itself must succeed"
    );
    let trace = std::fs::read_to_string(&log).expect("strace log");
    std::fs::remove_file(&log).ok();
    trace
        .lines()
        .filter(|l| {
            let opens_for_writing = (l.contains("open(") || l.contains("openat("))
                && (l.contains("O_WRONLY") || l.contains("O_RDWR") || l.contains("O_CREAT"));
            let changes_disk = ["creat(", "rename", "unlink", "mkdir"]
                .iter()
                .any(|c| l.contains(c));
            let network = ["socket(", "connect(", "sendto(", "sendmsg(", "bind("]
                .iter()
                .any(|c| l.contains(c));
            // The terminal is not the disk.
            (opens_for_writing && !l.contains("\"/dev/")) || changes_disk || network
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_non_interactive_compose_writes_nothing_and_opens_no_socket() {
    let root = tempfile::tempdir().expect("temp dir");
    let home = root.path().join("home");
    std::fs::create_dir(&home).expect("home");
    let answers = fixture("answers/yes-ny.yaml");
    let calls = writes_and_sockets(
        &[
            "compose",
            "drop-charges",
            "--answers",
            answers.to_str().expect("utf-8"),
        ],
        "",
        &home,
    );
    assert_eq!(calls, Vec::<String>::new());
    let from_stdin = writes_and_sockets(
        &["compose", "drop-charges", "--answers", "-"],
        "asks_about_charges: no\nstate: CA\n",
        &home,
    );
    assert_eq!(from_stdin, Vec::<String>::new());
    assert_eq!(
        files_under(&home),
        Vec::<String>::new(),
        "nothing may appear in HOME"
    );
}

#[test]
fn a_compose_with_a_typed_answer_leaves_no_trace_in_home_tmp_or_the_working_folder() {
    let root = tempfile::tempdir().expect("temp dir");
    let (home, tmp, work) = (
        root.path().join("home"),
        root.path().join("tmp"),
        root.path().join("work"),
    );
    for dir in [&home, &tmp, &work] {
        std::fs::create_dir(dir).expect("dir");
    }
    Test::new()
        .current_dir(&work)
        .env("HOME", &home)
        .env("TMPDIR", &tmp)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .library("state-free")
        .args([
            "compose",
            "hello",
            "--set",
            "topic=housing",
            "--set",
            "signature=Sam Example",
        ])
        .run()
        .success()
        .stdout_has("— Sam Example");
    for dir in [&home, &tmp, &work] {
        assert_eq!(
            files_under(dir),
            Vec::<String>::new(),
            "{} must stay empty",
            dir.display()
        );
    }
}

#[test]
fn an_interactive_compose_on_a_terminal_writes_nothing_and_opens_no_socket() {
    // On a pseudo-terminal, with strace in front of the program and keys typed as each prompt
    // appears (pty.rs's session, isolated like the builder's runs).
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("strace.log");
    let wrap = format!(
        "strace -f -qq -o {} -e trace=%network,openat,creat,rename,unlink,unlinkat,mkdir",
        log.display()
    );
    let mut session = Session::launch(&Launch {
        args: "--state NY",
        wrap: &wrap,
        ..Launch::default()
    });
    session.expect(QUESTION);
    session.send("n\r");
    session.expect(REVIEW);
    session.send("\r");
    let ended = session.end();
    assert_eq!(ended.code, 0, "{}", ended.screen.escape_debug());
    assert_eq!(ended.reply.split("\n\n").count(), 5, "{}", ended.reply);
    let trace = std::fs::read_to_string(&log).expect("strace log (.ci/run installs strace)");
    let suspicious: Vec<&str> = trace
        .lines()
        .filter(|l| {
            ((l.contains("O_WRONLY") || l.contains("O_RDWR") || l.contains("O_CREAT"))
                && !l.contains("\"/dev/"))
                || ["socket(", "connect(", "creat(", "rename", "unlink", "mkdir"]
                    .iter()
                    .any(|c| l.contains(c))
        })
        .collect();
    assert_eq!(suspicious, Vec::<&str>::new());
}

#[test]
fn an_unknown_question_in_an_answers_file_does_not_repeat_the_other_answers() {
    Test::new()
        .args(["compose", "drop-charges", "--answers", "-"])
        .stdin("asks_about_charges: yes\nstate: NY\nwriter_name: Jane Example\n")
        .run()
        .code(2)
        .stdout("")
        .stderr_has("the answers on stdin names a question this reply does not have")
        .stderr_lacks("Jane");
}

#[test]
fn a_refused_reply_shows_the_library_text_but_not_the_typed_answer() {
    Test::new()
        .library("leaks-answer")
        .args(["compose", "greeting", "--set", "who=Jane Example"])
        .run()
        .code(1)
        .stdout("")
        .stderr_has("capital word LINK")
        .stderr_has("Dear …, our page is here: LINK")
        .stderr_lacks("Jane");
}

/// Regression: an unknown snippet ID was repeated when it "read like an ID", which a word of a
/// name left unquoted does (`--name maria lopez` makes `lopez` the second ID). Now the message
/// names its place; the suggestion, which is library text, stays.
#[test]
fn an_unknown_snippet_id_is_named_by_its_place_never_repeated() {
    Test::new()
        .args(["compose", "drop-charges", "--name", "maria", "lopez"])
        .run()
        .code(2)
        .stdout("")
        .stderr_has("unknown snippet: ID #2 is not a snippet of this library;")
        .stderr_has("put that value in quotes")
        .stderr_lacks("lopez");
    Test::new()
        .args(["compose", "drop-charges", "drop-chargse", "--defaults"])
        .run()
        .code(2)
        .stderr_has("ID #2 is not a snippet of this library (did you mean 'drop-charges'?)")
        .stderr_lacks("chargse");
    for command in ["compose", "show"] {
        Test::new()
            .args([command, "lopez"])
            .run()
            .code(2)
            .stderr("error: unknown snippet; `hotline-reply list` shows them all\n");
    }
}

/// Regression: clap's refusals quoted what was typed (`invalid value 'bogusX'`, `unexpected
/// argument '-J'` for `--name -Jane`, `unrecognized subcommand`). They name the flag or the
/// argument's place and what was expected instead.
#[test]
fn a_refused_command_line_names_the_flag_or_the_place_never_the_value() {
    Test::new()
        .args(["compose", "drop-charges", "--format", "ZqMark"])
        .run()
        .code(2)
        .stderr_starts_with(
            "error: the value given for '--format <FORMAT>' is not one of: text, markdown, html\n",
        )
        .stderr_lacks("ZqMark");
    Test::new()
        .args(["compose", "drop-charges", "--name", "-Jane"])
        .run()
        .code(2)
        .stderr_starts_with("error: argument 4 is not an option here; a value that starts with '-' goes with its flag after '=' (--name=-Sam)\n")
        .stderr_lacks("-J");
    Test::new()
        .args([
            "compose",
            "drop-charges",
            "--name=-Jane",
            "--state",
            "NY",
            "--defaults",
        ])
        .run()
        .success()
        .stdout_starts_with("Hello -Jane,");
    Test::new()
        .args(["Zq-survivor", "detail"])
        .run()
        .code(2)
        .stderr_starts_with("error: argument 1 is not a command; `hotline-reply --help` lists them")
        .stderr_lacks("Zq");
    Test::new()
        .args(["check", "--max-age-days", "Zq1"])
        .run()
        .code(2)
        .stderr_starts_with("error: the value given for '--max-age-days <DAYS>' is not valid: ")
        .stderr_lacks("Zq");
}
