//! The program on a real pseudo-terminal (util-linux `script`): the prompts appear, keys
//! answer them, Enter accepts the review, the reply alone goes to stdout, Esc cancels with
//! exit 130, and a signal at a prompt ends the program with the terminal as it was before.
//!
//! The tests wait for what the terminal shows, never for a fixed time: a key is typed once its
//! prompt is on screen (inquire draws a prompt only after it made the terminal raw). The only
//! clock is [`HANG`], which catches a hang and nothing else.
//!
//! `script` rather than a pty crate: it is on every machine with util-linux (CI's included),
//! it needs no dependency and no unsafe code, and the shell it runs inside the pty can read
//! `stty` on the very terminal the program used, after the program is gone.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Far longer than any step takes on a loaded machine; reached only when something hangs.
const HANG: Duration = Duration::from_secs(60);

pub const QUESTION: &str = "Does the writer also ask about dropping the criminal charges?";
pub const REVIEW: &str = "Send this reply?";

/// Runs inside the pty: notes the terminal's settings, runs the program (which first shows its
/// process id, so that a test signals the program and not `script` or this shell), notes the
/// settings again and exits with the program's code. `$HOTLINE_WRAP` (e.g. strace and its
/// options) runs the program, and `$STDERR_FILE` takes its stderr, when they are set.
const SESSION: &str = r#"stty rows 30 cols 100
echo "BEFORE $(stty -g)"
sh -c 'echo "PID $$" >&2; if [ -n "$STDERR_FILE" ]; then exec 2>"$STDERR_FILE"; fi; exec $HOTLINE_WRAP "$0" "$@"' "$HOTLINE_BIN" compose drop-charges $HOTLINE_ARGS >"$REPLY_FILE"
code=$?
echo "AFTER $(stty -g)"
echo "MODES $(stty -a | tr '\n;' '  ')"
exit $code
"#;

/// What the terminal has shown so far, filled by a thread that reads `script`'s output.
#[derive(Default)]
struct Screen {
    /// The bytes, and whether `script` closed its output.
    shown: Mutex<(Vec<u8>, bool)>,
    grew: Condvar,
}

/// `compose drop-charges --state NY` running on a pty, isolated as the `Test` builder
/// isolates a run: an empty HOME, no config file, no library folder, no display.
pub struct Session {
    script: Child,
    keys: Option<ChildStdin>,
    screen: Arc<Screen>,
    /// How far [`Session::expect`] has read.
    seen: usize,
    /// The program's process id.
    pid: String,
    reply_file: PathBuf,
    _dir: tempfile::TempDir,
}

/// How a session ended.
pub struct Ended {
    pub code: i32,
    /// The program's stdout.
    pub reply: String,
    /// Everything the terminal showed.
    pub screen: String,
}

/// How to run the program inside the pty.
#[derive(Default)]
pub struct Launch<'a> {
    /// compose's arguments after `drop-charges`, split into words by the shell.
    pub args: &'a str,
    /// Words in front of the program (e.g. `strace -o LOG`), split by the shell.
    pub wrap: &'a str,
    /// A file for the program's stderr instead of the terminal.
    pub stderr_file: Option<&'a std::path::Path>,
}

impl Session {
    pub fn start() -> Session {
        Session::start_with("--state NY")
    }

    /// `compose drop-charges` with `args` (words split by the shell).
    pub fn start_with(args: &str) -> Session {
        Session::launch(&Launch {
            args,
            ..Launch::default()
        })
    }

    pub fn launch(how: &Launch<'_>) -> Session {
        let dir = tempfile::tempdir().expect("temp dir");
        let reply_file = dir.path().join("stdout.txt");
        let home = dir.path().join("home");
        std::fs::create_dir(&home).expect("home");
        let mut script = Command::new("script");
        script
            .args(["-qec", SESSION, "/dev/null"])
            .env_remove("HOTLINE_REPLY_LIBRARY")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("xdg"))
            .env(
                "HOTLINE_REPLY_CONFIG",
                crate::util::fixture("config/absent.yaml"),
            )
            .env("HOTLINE_BIN", assert_cmd::cargo::cargo_bin("hotline-reply"))
            .env("REPLY_FILE", &reply_file)
            .env("HOTLINE_ARGS", how.args)
            .env("HOTLINE_WRAP", how.wrap)
            .env(
                "STDERR_FILE",
                how.stderr_file.map(|p| p.as_os_str()).unwrap_or_default(),
            );
        let mut script = script
            // `script -c` runs its command with $SHELL; SESSION is POSIX sh.
            .env("SHELL", "/bin/sh")
            .env("TERM", "xterm")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("util-linux `script` runs");
        let keys = script.stdin.take();
        let mut output = script.stdout.take().expect("piped stdout");
        let screen = Arc::new(Screen::default());
        let filling = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut chunk = [0; 4096];
            loop {
                let n = output.read(&mut chunk).unwrap_or(0);
                let mut shown = filling.shown.lock().expect("screen lock");
                if n == 0 {
                    shown.1 = true;
                } else {
                    shown.0.extend_from_slice(&chunk[..n]);
                }
                filling.grew.notify_all();
                if n == 0 {
                    break;
                }
            }
        });
        let mut session = Session {
            script,
            keys,
            screen,
            seen: 0,
            pid: String::new(),
            reply_file,
            _dir: dir,
        };
        session.expect("PID ");
        session.pid = session.expect("\n").trim().to_owned();
        assert!(
            session.pid.parse::<u32>().is_ok(),
            "no process id: {}",
            session.shown()
        );
        session
    }

    /// Waits until the terminal shows `text` after what was expected before; returns what it
    /// showed in between.
    pub fn expect(&mut self, text: &str) -> String {
        let deadline = Instant::now() + HANG;
        let mut shown = self.screen.shown.lock().expect("screen lock");
        loop {
            let (bytes, closed) = &*shown;
            let rest = &bytes[self.seen..];
            if let Some(at) = rest.windows(text.len()).position(|w| w == text.as_bytes()) {
                let before = String::from_utf8_lossy(&rest[..at]).into_owned();
                self.seen += at + text.len();
                return before;
            }
            let now = Instant::now();
            if *closed || now >= deadline {
                let why = if *closed { "the session ended" } else { "hang" };
                panic!(
                    "{why} before the terminal showed {text:?}; it showed:\n{}",
                    String::from_utf8_lossy(bytes).escape_debug()
                );
            }
            shown = self
                .screen
                .grew
                .wait_timeout(shown, deadline - now)
                .expect("screen lock")
                .0;
        }
    }

    /// Types `keys` on the terminal.
    pub fn send(&mut self, keys: &str) {
        let pipe = self.keys.as_mut().expect("the terminal is open");
        pipe.write_all(keys.as_bytes()).expect("typing");
        pipe.flush().expect("typing");
    }

    /// Sends `signal` (a name such as `TERM`) to the program, with the shell's own `kill`.
    fn signal(&self, signal: &str) {
        let sent = Command::new("sh")
            .args(["-c", r#"kill -s "$0" "$1""#, signal, &self.pid])
            .status()
            .expect("sh runs");
        assert!(sent.success(), "kill -s {signal} failed");
    }

    /// Waits for the session to end.
    pub fn end(mut self) -> Ended {
        let deadline = Instant::now() + HANG;
        let status = loop {
            if let Some(status) = self.script.try_wait().expect("waiting for script") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "hang: the session did not end; the terminal showed:\n{}",
                self.shown()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        // The last line the session prints, whole.
        self.expect("MODES ");
        self.expect("\n");
        Ended {
            code: status.code().unwrap_or(-1),
            reply: std::fs::read_to_string(&self.reply_file).unwrap_or_default(),
            screen: String::from_utf8_lossy(&self.screen.shown.lock().expect("screen lock").0)
                .into_owned(),
        }
    }

    fn shown(&self) -> String {
        let shown = self.screen.shown.lock().expect("screen lock");
        String::from_utf8_lossy(&shown.0).escape_debug().to_string()
    }
}

impl Drop for Session {
    /// A failed test must not leave `script` (and the program) running.
    fn drop(&mut self) {
        if matches!(self.script.try_wait(), Ok(None)) {
            let _ = self.script.kill();
            let _ = self.script.wait();
        }
    }
}

impl Ended {
    /// The rest of the line where the session printed `label` (a prompt's last escape
    /// sequences may come first).
    fn line(&self, label: &str) -> &str {
        self.screen
            .split(['\r', '\n'])
            .find_map(|line| line.split_once(label).map(|(_, rest)| rest))
            .unwrap_or_else(|| panic!("no {label:?} line: {}", self.screen.escape_debug()))
    }

    /// The terminal is as the shell had it before the program: what the advocate types shows
    /// (`echo`) and waits for Enter (`icanon`).
    fn assert_terminal_restored(&self) {
        let modes: Vec<&str> = self.line("MODES ").split_whitespace().collect();
        for mode in ["echo", "icanon"] {
            assert!(
                modes.contains(&mode),
                "-{mode} after the program: {modes:?}"
            );
        }
        assert_eq!(
            self.line("BEFORE "),
            self.line("AFTER "),
            "the terminal settings (stty -g) changed"
        );
    }
}

#[test]
fn answering_yes_and_accepting_the_review_prints_the_six_paragraphs() {
    let mut session = Session::start();
    session.expect(QUESTION);
    session.send("y\r");
    session.expect(REVIEW);
    session.send("\r");
    let ended = session.end();
    assert_eq!(ended.code, 0, "{}", ended.screen.escape_debug());
    assert_eq!(ended.reply.split("\n\n").count(), 6, "{}", ended.reply);
    assert!(
        !ended.reply.contains("Does the writer"),
        "prompts must not reach stdout"
    );
    ended.assert_terminal_restored();
}

#[test]
fn escape_at_the_prompt_cancels_with_130_and_prints_nothing() {
    let mut session = Session::start();
    session.expect(QUESTION);
    session.send("\x1b");
    let ended = session.end();
    assert_eq!(ended.code, 130, "{}", ended.screen.escape_debug());
    assert_eq!(ended.reply, "");
    assert!(ended.screen.contains("cancelled; nothing was printed"));
    ended.assert_terminal_restored();
}

/// `kill -s <signal>` at the first prompt: the program ends with `code`, prints nothing on
/// stdout, and the advocate's terminal echoes again.
fn a_signal_at_the_prompt_restores_the_terminal(signal: &str, code: i32) {
    let mut session = Session::start();
    session.expect(QUESTION);
    session.signal(signal);
    let ended = session.end();
    assert_eq!(ended.code, code, "{}", ended.screen.escape_debug());
    assert_eq!(ended.reply, "", "nothing on stdout after SIG{signal}");
    ended.assert_terminal_restored();
}

#[test]
fn sigterm_at_the_prompt_exits_143_with_the_terminal_restored() {
    a_signal_at_the_prompt_restores_the_terminal("TERM", 143);
}

#[test]
fn sighup_at_the_prompt_exits_129_with_the_terminal_restored() {
    a_signal_at_the_prompt_restores_the_terminal("HUP", 129);
}

#[test]
fn sigint_at_the_prompt_is_a_cancel_exit_130_with_the_terminal_restored() {
    a_signal_at_the_prompt_restores_the_terminal("INT", 130);
}

#[test]
fn sigquit_at_the_prompt_exits_131_with_the_terminal_restored() {
    a_signal_at_the_prompt_restores_the_terminal("QUIT", 131);
}

#[test]
fn the_prompt_takes_every_spelling_the_flags_take() {
    // One yes/no parser: `true` works at the prompt as it does in `--set`.
    let mut session = Session::start();
    session.expect(QUESTION);
    session.send("true\r");
    session.expect(REVIEW);
    session.send("\r");
    let ended = session.end();
    assert_eq!(ended.code, 0, "{}", ended.screen.escape_debug());
    assert_eq!(ended.reply.split("\n\n").count(), 6, "{}", ended.reply);
}

/// Types `typed` into the state picker and takes the first entry it offers.
fn pick_state(typed: &str) -> Ended {
    let mut session = Session::start_with("");
    session.expect(QUESTION);
    session.send("n\r");
    session.expect("Which state is the writer in?");
    session.send(typed);
    session.send("\r");
    session.expect(REVIEW);
    session.send("\r");
    session.end()
}

#[test]
fn the_state_picker_puts_an_exact_alias_first() {
    for (typed, slug) in [
        ("cnmi", "/nmi/"),
        ("nmi", "/nmi/"),
        ("washington dc", "/dc/"),
    ] {
        let ended = pick_state(typed);
        assert_eq!(ended.code, 0, "{typed}: {}", ended.screen.escape_debug());
        assert!(
            ended.reply.contains(slug),
            "{typed} did not pick {slug}:\n{}",
            ended.reply
        );
    }
}

/// `--answers -` on a terminal says what to type and how to end, rather than wait silently
/// (it was in hostile_files.rs, on a fixed sleep; here it waits for the hint).
#[test]
fn answers_from_a_terminal_are_asked_for_not_waited_on_silently() {
    let mut session = Session::start_with("--answers - --no-input");
    session.expect(
        "reading the answers file from the terminal: type or paste one `question: value` per line",
    );
    session.expect("then press Ctrl-D on a line of its own");
    session.send("asks_about_charges: yes\rstate: NY\r\x04");
    let ended = session.end();
    assert_eq!(ended.code, 0, "{}", ended.screen.escape_debug());
    assert!(
        ended.reply.contains("https://www.womenslaw.org/"),
        "{}",
        ended.reply
    );
    assert!(
        !ended.reply.contains("Ctrl-D"),
        "the hint must not reach stdout"
    );
    ended.assert_terminal_restored();
}

/// Regression: with stdin a terminal and stderr redirected (`2>file`), compose said "there is
/// no terminal to ask on", which is untrue; it now says why it cannot ask, and what to do.
#[test]
fn with_stderr_redirected_it_says_why_it_does_not_ask() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stderr = dir.path().join("stderr.txt");
    let ended = Session::launch(&Launch {
        args: "--state NY",
        stderr_file: Some(&stderr),
        ..Launch::default()
    })
    .end();
    let said = std::fs::read_to_string(&stderr).expect("stderr file");
    assert_eq!(ended.code, 2, "{said}");
    assert_eq!(ended.reply, "");
    assert!(
        said.contains("stdin is a terminal, but stderr is not (it is redirected)"),
        "{said}"
    );
    assert!(said.contains("run without redirecting stderr"), "{said}");
    assert!(!said.contains("no terminal"), "{said}");
    // With every answer given there is nothing to ask: the reply is printed as usual.
    let ended = Session::launch(&Launch {
        args: "--state NY --set asks_about_charges=no",
        stderr_file: Some(&stderr),
        ..Launch::default()
    })
    .end();
    assert_eq!(ended.code, 0);
    assert_eq!(ended.reply.split("\n\n").count(), 5, "{}", ended.reply);
}
