//! Shared helpers: a fluent builder that runs the binary in an isolated environment (after
//! casey/just's `Test`), fixture paths, and the approved text read from the legacy file.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// The longest any run may take before it counts as a hang: generous for a debug build on
/// a busy 2-core machine; a release build takes milliseconds. Never a timing assertion.
const HANG: Duration = Duration::from_secs(60);

/// One run of the binary, isolated from the developer's environment: an empty HOME and
/// config folder of its own, no library folder, no colour, no display, a config file that
/// does not exist unless the test writes one.
pub struct Test {
    args: Vec<OsString>,
    env: Vec<(OsString, Option<OsString>)>,
    stdin: Option<Vec<u8>>,
    dir: Option<PathBuf>,
    home: tempfile::TempDir,
}

/// What a run did.
#[derive(Debug)]
pub struct Run {
    /// The exit code, or -1 when a signal ended the process.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Test {
    pub fn new() -> Test {
        let home = tempfile::tempdir().expect("temp dir");
        let config = home.path().join("config.yaml");
        Test {
            args: Vec::new(),
            env: vec![
                ("HOTLINE_REPLY_LIBRARY".into(), None),
                ("DISPLAY".into(), None),
                ("WAYLAND_DISPLAY".into(), None),
                ("NO_COLOR".into(), Some("1".into())),
                ("HOME".into(), Some(home.path().into())),
                (
                    "XDG_CONFIG_HOME".into(),
                    Some(home.path().join("xdg").into()),
                ),
                ("HOTLINE_REPLY_CONFIG".into(), Some(config.into())),
            ],
            stdin: Some(Vec::new()),
            dir: None,
            home,
        }
    }

    pub fn args<I, S>(mut self, args: I) -> Test
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn arg(self, arg: impl Into<OsString>) -> Test {
        self.args([arg])
    }

    /// `--library` the fixture library `name` (a folder under tests/fixtures/libraries).
    pub fn library(self, name: &str) -> Test {
        self.args([
            OsString::from("--library"),
            fixture(&format!("libraries/{name}")).into(),
        ])
    }

    /// `--library` a folder.
    pub fn library_at(self, dir: &Path) -> Test {
        self.args([OsString::from("--library"), dir.into()])
    }

    pub fn env(mut self, key: &str, value: impl Into<OsString>) -> Test {
        self.env.push((key.into(), Some(value.into())));
        self
    }

    pub fn env_remove(mut self, key: &str) -> Test {
        self.env.push((key.into(), None));
        self
    }

    /// The advocate's config file, with this content.
    pub fn config(self, yaml: &str) -> Test {
        std::fs::write(self.home.path().join("config.yaml"), yaml).expect("config");
        self
    }

    pub fn stdin(mut self, text: impl Into<Vec<u8>>) -> Test {
        self.stdin = Some(text.into());
        self
    }

    /// stdin closed (`< /dev/null`) rather than an empty pipe.
    pub fn no_stdin(mut self) -> Test {
        self.stdin = None;
        self
    }

    pub fn current_dir(mut self, dir: impl Into<PathBuf>) -> Test {
        self.dir = Some(dir.into());
        self
    }

    /// The folder that is HOME for this run, to look at what appeared in it.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// Runs the binary and waits for it, killing it (and failing the test) if it hangs.
    pub fn run(self) -> Run {
        let mut process = Process::new(env!("CARGO_BIN_EXE_hotline-reply"));
        process.args(&self.args);
        for (key, value) in &self.env {
            match value {
                Some(v) => process.env(key, v),
                None => process.env_remove(key),
            };
        }
        if let Some(dir) = &self.dir {
            process.current_dir(dir);
        }
        process
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = process.spawn().expect("the binary starts");
        let input = self.stdin.clone();
        let mut pipe = child.stdin.take();
        let writer = std::thread::spawn(move || {
            if let (Some(pipe), Some(input)) = (pipe.as_mut(), input) {
                // A program that stops reading early closes the pipe: not our failure.
                let _ = pipe.write_all(&input);
            }
        });
        let mut out = child.stdout.take().expect("stdout");
        let mut err = child.stderr.take().expect("stderr");
        let reader = std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = out.read_to_end(&mut s);
            s
        });
        let err_reader = std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = err.read_to_end(&mut s);
            s
        });
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("waits") {
                break status;
            }
            if started.elapsed() > HANG {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "hotline-reply {:?} hung for {HANG:?} and was killed",
                    self.args
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let _ = writer.join();
        let stdout = reader.join().expect("stdout read");
        let stderr = err_reader.join().expect("stderr read");
        Run {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
        }
    }
}

impl Run {
    /// Expects exit code `code`.
    pub fn code(self, code: i32) -> Run {
        assert_eq!(self.code, code, "exit code\n{}", self.transcript());
        self
    }

    pub fn success(self) -> Run {
        self.code(0)
    }

    pub fn stdout(self, expected: &str) -> Run {
        assert_eq!(self.stdout, expected, "stdout\n{}", self.transcript());
        self
    }

    pub fn stdout_has(self, part: &str) -> Run {
        assert!(
            self.stdout.contains(part),
            "stdout lacks {part:?}\n{}",
            self.transcript()
        );
        self
    }

    pub fn stdout_lacks(self, part: &str) -> Run {
        assert!(
            !self.stdout.contains(part),
            "stdout has {part:?}\n{}",
            self.transcript()
        );
        self
    }

    pub fn stdout_starts_with(self, prefix: &str) -> Run {
        assert!(
            self.stdout.starts_with(prefix),
            "stdout does not start with {prefix:?}\n{}",
            self.transcript()
        );
        self
    }

    pub fn stderr(self, expected: &str) -> Run {
        assert_eq!(self.stderr, expected, "stderr\n{}", self.transcript());
        self
    }

    pub fn stderr_has(self, part: &str) -> Run {
        assert!(
            self.stderr.contains(part),
            "stderr lacks {part:?}\n{}",
            self.transcript()
        );
        self
    }

    pub fn stderr_lacks(self, part: &str) -> Run {
        assert!(
            !self.stderr.contains(part),
            "stderr has {part:?}\n{}",
            self.transcript()
        );
        self
    }

    pub fn stderr_starts_with(self, prefix: &str) -> Run {
        assert!(
            self.stderr.starts_with(prefix),
            "stderr does not start with {prefix:?}\n{}",
            self.transcript()
        );
        self
    }

    /// Exit code, stdout and stderr together, as snapshots hold them.
    pub fn transcript(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// The binary as assert_cmd runs it, for the few tests that need its own API.
pub fn hotline() -> Command {
    let mut cmd = Command::cargo_bin("hotline-reply").expect("binary is built");
    cmd.env_remove("HOTLINE_REPLY_LIBRARY")
        .env("NO_COLOR", "1")
        .env("HOTLINE_REPLY_CONFIG", fixture("config/absent.yaml"));
    cmd
}

pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

pub fn library(name: &str) -> String {
    fixture(&format!("libraries/{name}")).display().to_string()
}

/// The drop-charges reply as the approved legacy text gives it, worked out from
/// `tests/fixtures/drop-charges.txt` (a copy of the hotline's file) the way an advocate
/// would by hand: drop the header lines, keep or drop the conditional paragraph without its
/// brackets, and put the state's URLs where the placeholders are.
pub fn approved_reply(shelters_url: &str, crimes_url: &str, asks_about_charges: bool) -> String {
    let legacy = std::fs::read_to_string(fixture("drop-charges.txt")).expect("seed fixture");
    let directive = "[ADD THIS PARAGRAPH IF SHE ALSO ASKS ABOUT DROPPING THE CRIMINAL CHARGES. IF NOT, SKIP TO NEXT PARAGRAPH:] ";
    let mut paragraphs = Vec::new();
    for paragraph in legacy.split("\n\n").skip(4) {
        if let Some(conditional) = paragraph.strip_prefix(directive) {
            if asks_about_charges {
                paragraphs.push(
                    conditional
                        .strip_suffix(']')
                        .expect("closing bracket")
                        .to_owned(),
                );
            }
            continue;
        }
        paragraphs.push(
            paragraph
                .replace("here: LINK If", &format!("here: {shelters_url} If"))
                .replace(
                    "LINK TO THE SECOND QUESTION ON THE CRIMES PAGE [USE ‘ADD LINK’ AT BOTTOM OF THE PAGE]",
                    crimes_url,
                ),
        );
    }
    paragraphs.join("\n\n") + "\n"
}

/// A library folder holding `files` (path relative to the library, contents).
pub fn temp_library(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (rel, contents) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(path, contents).expect("write");
    }
    dir
}

/// Runs `cmd`, expects success (showing its stderr otherwise) and returns its stdout.
pub fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}
