//! `--copy` on a real X server (a private Xvfb), pasted with xclip the way an editor would:
//! every text target the clipboard offers gives the reply, it stays out of clipboard history,
//! and the background helper holding the reply goes away when something else is copied, when
//! the display goes away, and when its time is up.
//!
//! Needs Xvfb and xclip (`apt-get install xvfb xclip`; `.ci/run` installs them). Without them
//! each test says plainly that it skipped, and fails instead when `CI` is set.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::util::stdout;

/// The argument that turns the program into its clipboard server.
const SERVER_ARG: &str = "__hotline-reply-clipboard-server";
/// The environment variable that marks what one test started.
const TAG: &str = "HOTLINE_REPLY_TEST_DISPLAY";
/// Far more than any of these needs; only a hang reaches it.
const HANG: Duration = Duration::from_secs(20);

const ARGS: &[&str] = &[
    "compose",
    "drop-charges",
    "--state",
    "NY",
    "--set",
    "asks_about_charges=no",
];

/// A private X server on a display number it picked itself; killed when dropped.
struct Display {
    xvfb: Child,
    name: String,
    /// In the environment of every program this test starts, so it finds its own clipboard
    /// server even when another test's Xvfb had the same display number before.
    tag: String,
}

/// Tells apart the displays of one test run.
static DISPLAYS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl Display {
    /// `None` when Xvfb or xclip is missing and `CI` is not set (the test then skips).
    fn start(test: &str) -> Option<Display> {
        let missing: Vec<&str> = [("Xvfb", "-help"), ("xclip", "-version")]
            .into_iter()
            .filter(|(tool, arg)| {
                Command::new(tool)
                    .arg(arg)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .is_err()
            })
            .map(|(tool, _)| tool)
            .collect();
        if !missing.is_empty() {
            let tools = missing.join(" and ");
            assert!(
                std::env::var_os("CI").is_none(),
                "{test}: {tools} not installed, and CI must not skip this test (.ci/run installs them)"
            );
            // Straight to stderr, past the test harness's capture, so a skip is never silent.
            let _ = writeln!(
                std::io::stderr(),
                "{test}: skipped: {tools} not installed (apt-get install xvfb xclip)"
            );
            return None;
        }
        // `-displayfd 1`: Xvfb picks a free display and writes its number to stdout once it
        // accepts connections, so parallel tests never collide and nobody waits blindly.
        let mut xvfb = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-nolisten",
                "tcp",
                "-screen",
                "0",
                "64x64x24",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts");
        let mut number = String::new();
        BufReader::new(xvfb.stdout.take().expect("piped stdout"))
            .read_line(&mut number)
            .expect("Xvfb says its display");
        assert!(
            !number.trim().is_empty(),
            "Xvfb stopped before it took a display"
        );
        let serial = DISPLAYS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(Display {
            xvfb,
            name: format!(":{}", number.trim()),
            tag: format!("{}-{serial}", std::process::id()),
        })
    }

    /// `compose ... --copy` on this display, with `config` as the config file's text.
    fn copy(&self, config: &str) -> Output {
        let dir = tempfile::tempdir().expect("temp dir");
        let config_path = dir.path().join("config.yaml");
        std::fs::write(&config_path, config).expect("write config");
        let output = self
            .hotline(&config_path)
            .args(ARGS)
            .arg("--copy")
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    fn hotline(&self, config: &Path) -> Command {
        self.isolated(assert_cmd::cargo::cargo_bin("hotline-reply"), config)
    }

    /// `program` with this display, the config file `config` and nothing of the developer's.
    fn isolated(&self, program: impl AsRef<std::ffi::OsStr>, config: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_remove("HOTLINE_REPLY_LIBRARY")
            .env_remove("WAYLAND_DISPLAY")
            .env("HOTLINE_REPLY_CONFIG", config)
            .env("NO_COLOR", "1")
            .env("DISPLAY", &self.name)
            .env(TAG, &self.tag);
        cmd
    }

    /// What pasting `target` from the clipboard gives, or `None` when nothing is served.
    fn paste(&self, target: &str) -> Option<String> {
        let out = Command::new("xclip")
            .args(["-selection", "clipboard", "-o", "-t", target])
            .env("DISPLAY", &self.name)
            .stdin(Stdio::null())
            .output()
            .expect("xclip runs");
        out.status
            .success()
            .then(|| String::from_utf8(out.stdout).expect("utf-8"))
    }

    /// Copies `text` with xclip, as another program would.
    fn copy_other(&self, text: &str) {
        // xclip stays behind to serve it; its output is not ours to wait for.
        let mut xclip = Command::new("xclip")
            .args(["-selection", "clipboard", "-i"])
            .env("DISPLAY", &self.name)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("xclip runs");
        xclip
            .stdin
            .take()
            .expect("piped stdin")
            .write_all(text.as_bytes())
            .expect("write to xclip");
        assert!(xclip.wait().expect("xclip runs").success());
    }

    /// The clipboard servers this test started (found by their argument and their tag; an
    /// exited one that nobody has reaped yet shows neither).
    fn servers(&self) -> Vec<u32> {
        let tag = format!("{TAG}={}", self.tag);
        let has = |file: &Path, want: &str| {
            std::fs::read(file)
                .unwrap_or_default()
                .split(|b| *b == 0)
                .any(|item| item == want.as_bytes())
        };
        std::fs::read_dir("/proc")
            .expect("/proc")
            .flatten()
            .filter_map(|entry| {
                let pid = entry.file_name().to_str()?.parse().ok()?;
                let dir = entry.path();
                (has(&dir.join("cmdline"), SERVER_ARG) && has(&dir.join("environ"), &tag))
                    .then_some(pid)
            })
            .collect()
    }

    /// Whether this display's clipboard server exits within `bound`.
    fn server_exits_within(&self, bound: Duration) -> bool {
        let until = Instant::now() + bound;
        while !self.servers().is_empty() {
            if Instant::now() > until {
                return false;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        true
    }
}

/// Sends `signal` (a name such as `STOP`) to process `pid`, with the shell's own `kill`.
fn signal(pid: u32, signal: &str) {
    let sent = Command::new("sh")
        .args(["-c", r#"kill -s "$0" "$1""#, signal, &pid.to_string()])
        .status()
        .expect("sh runs");
    assert!(sent.success(), "kill -s {signal} {pid} failed");
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}

/// The reply as `compose` prints it in `format`, without copying.
fn reply(format: &str) -> String {
    stdout(crate::util::hotline().args(ARGS).args(["--format", format]))
}

const NOT_CONTENT: &[&str] = &[
    "TARGETS",
    "TIMESTAMP",
    "MULTIPLE",
    "SAVE_TARGETS",
    "x-kde-passwordManagerHint",
];

#[test]
fn every_text_target_offered_pastes_the_reply_and_it_stays_out_of_history() {
    let Some(display) = Display::start("x11 paste") else {
        return;
    };
    let copied = display.copy("# defaults\n");
    assert_eq!(String::from_utf8_lossy(&copied.stdout), reply("text"));
    assert_eq!(
        String::from_utf8_lossy(&copied.stderr),
        "copied to the system clipboard\n"
    );

    let targets = display.paste("TARGETS").expect("TARGETS is served");
    let targets: Vec<&str> = targets.lines().collect();
    for want in [
        "UTF8_STRING",
        "text/plain;charset=utf-8",
        "text/html",
        "x-kde-passwordManagerHint",
    ] {
        assert!(targets.contains(&want), "{want} not offered: {targets:?}");
    }
    // Clipboard managers are told to keep it out of their history, and not asked to save it.
    assert_eq!(
        display.paste("x-kde-passwordManagerHint").as_deref(),
        Some("secret")
    );
    assert!(!targets.contains(&"SAVE_TARGETS"), "{targets:?}");

    let (plain, html) = (reply("text"), reply("html"));
    for target in targets.iter().filter(|t| !NOT_CONTENT.contains(t)) {
        let want = if target.starts_with("text/html") {
            &html
        } else {
            &plain
        };
        assert_eq!(
            display.paste(target).as_ref(),
            Some(want),
            "pasting {target}"
        );
    }
}

#[test]
fn copying_something_else_ends_the_helper() {
    let Some(display) = Display::start("x11 copy over") else {
        return;
    };
    display.copy("# defaults\n");
    assert_eq!(display.servers().len(), 1);
    display.copy_other("something else\n");
    assert!(display.server_exits_within(HANG), "the helper stayed");
    assert_eq!(
        display.paste("UTF8_STRING").as_deref(),
        Some("something else\n")
    );
}

#[test]
fn when_the_display_goes_away_the_helper_holding_the_reply_exits() {
    let Some(mut display) = Display::start("x11 display gone") else {
        return;
    };
    display.copy("# defaults\n");
    assert_eq!(display.servers().len(), 1);
    display.xvfb.kill().expect("kill Xvfb");
    display.xvfb.wait().expect("Xvfb ends");
    assert!(
        display.server_exits_within(HANG),
        "the helper outlived its display"
    );
}

#[test]
fn the_helper_gives_the_clipboard_up_when_clipboard_seconds_are_over() {
    let Some(display) = Display::start("x11 clipboard_seconds") else {
        return;
    };
    let copied = display.copy("clipboard_seconds: 2\n");
    assert_eq!(
        String::from_utf8_lossy(&copied.stderr),
        "copied to the system clipboard\n"
    );
    assert!(
        display.server_exits_within(HANG),
        "the helper outlived clipboard_seconds"
    );
    assert_eq!(
        display.paste("UTF8_STRING"),
        None,
        "the reply is still there"
    );
}

/// Regression: at the end of `clipboard_seconds` the helper gave the clipboard up and waited
/// for the X server to confirm (`sync`) before it exited, so a stalled server (here stopped
/// with SIGSTOP) kept it, and the reply, alive for as long as the stall lasted.
#[test]
fn the_helper_exits_when_its_time_is_up_even_if_the_x_server_is_stalled() {
    let Some(display) = Display::start("x11 stalled server") else {
        return;
    };
    display.copy("clipboard_seconds: 2\n");
    assert_eq!(display.servers().len(), 1);
    signal(display.xvfb.id(), "STOP");
    let exited = display.server_exits_within(HANG);
    signal(display.xvfb.id(), "CONT");
    assert!(
        exited,
        "the helper waited for a stalled X server past clipboard_seconds"
    );
}

/// Regression: the helper inherited every file the program had open without close-on-exec,
/// so `{ hotline-reply compose ... --copy 7>&1 >/dev/null; } | cat` waited for the helper
/// (up to `clipboard_seconds`) before the pipeline ended. Now the pipeline ends with the
/// program, and the helper holds only its pipe, /dev/null twice and its X connection.
#[test]
fn the_helper_keeps_none_of_the_callers_files_open() {
    let Some(display) = Display::start("x11 inherited files") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "clipboard_seconds: 600\n").expect("write config");
    let mut pipeline = display
        .isolated("sh", &config)
        .args([
            "-c",
            r#"{ "$0" "$@" --copy 7>&1 >/dev/null; } | cat"#,
            &assert_cmd::cargo::cargo_bin("hotline-reply")
                .display()
                .to_string(),
        ])
        .args(ARGS)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    let until = Instant::now() + HANG;
    let status = loop {
        if let Some(status) = pipeline.try_wait().expect("waits") {
            break status;
        }
        if Instant::now() > until {
            let _ = pipeline.kill();
            let _ = pipeline.wait();
            panic!("the pipeline waited for the clipboard helper");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success());
    let mut said = String::new();
    std::io::Read::read_to_string(&mut pipeline.stderr.take().expect("stderr"), &mut said)
        .expect("stderr");
    assert_eq!(said, "copied to the system clipboard\n");

    let servers = display.servers();
    assert_eq!(servers.len(), 1, "the helper holds the reply");
    let fds = Path::new("/proc").join(servers[0].to_string()).join("fd");
    let mut open: Vec<(u32, String)> = std::fs::read_dir(&fds)
        .expect("the helper's files")
        .flatten()
        .map(|entry| {
            let fd = entry
                .file_name()
                .to_string_lossy()
                .parse()
                .expect("a number");
            let target = std::fs::read_link(entry.path()).unwrap_or_default();
            (fd, target.display().to_string())
        })
        .collect();
    open.sort();
    let kinds: Vec<(u32, &str)> = open
        .iter()
        .map(|(fd, target)| {
            let kind = if target.starts_with("pipe:") {
                "pipe"
            } else if target.starts_with("socket:") {
                "socket"
            } else {
                target.as_str()
            };
            (*fd, kind)
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (0, "pipe"),
            (1, "/dev/null"),
            (2, "/dev/null"),
            (3, "socket")
        ],
        "{open:?}"
    );
}

/// Regression: `--copy` with a stalled X server (stopped with SIGSTOP) waited on it for as long
/// as the stall lasted, after the reply was printed; a pipeline never saw its end. Now the
/// copy gives up after a few seconds with a warning, and the run ends as it would without it.
#[test]
fn copying_to_a_stalled_x_server_gives_up_and_keeps_the_reply() {
    let Some(display) = Display::start("x11 stalled copy") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "").expect("write config");
    signal(display.xvfb.id(), "STOP");
    let mut run = display
        .hotline(&config)
        .args(ARGS)
        .arg("--copy")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = run.try_wait().expect("waits") {
            break Some(status);
        }
        if started.elapsed() > HANG {
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    if status.is_none() {
        let _ = run.kill();
    }
    signal(display.xvfb.id(), "CONT");
    let output = run.wait_with_output().expect("output");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(
        status.is_some(),
        "compose --copy waited on a stalled X server"
    );
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stdout, reply("text"));
    assert!(stderr.contains("did not answer"), "{stderr}");
}
