//! The system clipboard through arboard: HTML with a plain-text alternative, marked to stay
//! out of clipboard history and cloud sync where the platform has such a mark.
//!
//! On X11 the clipboard is not a store: the program that copied must stay alive to hand the
//! text to whoever pastes. So, as arboard documents, the program starts a copy of itself in the
//! background (`serve_if_asked`, served by `x11.rs`), which holds the reply until
//! something else is copied, the display goes away, or the hold time is up, and then exits. The
//! reply and the hold time reach it through a pipe, never the disk or its arguments. The
//! foreground program reads the clipboard back before it says "copied".

use std::time::Duration;

use super::sink::{Content, Placed, Sink};

pub struct System {
    /// At most how long a background clipboard server (X11) keeps the reply.
    hold: Duration,
}

impl System {
    /// Ten minutes: time to paste into the helpdesk, not a reply left behind for the day.
    pub const DEFAULT_HOLD: Duration = Duration::from_secs(10 * 60);

    pub fn new(hold: Duration) -> System {
        System { hold }
    }
}

impl Sink for System {
    fn name(&self) -> &'static str {
        "system clipboard"
    }

    fn put(&mut self, content: &Content) -> Result<Placed, String> {
        platform::put(content, self.hold)
    }
}

/// In the background copy of the program, serves the clipboard and returns its exit code;
/// `None` in a normal run.
pub fn serve_if_asked() -> Option<i32> {
    platform::serve_if_asked()
}

fn short(err: arboard::Error) -> String {
    match err {
        arboard::Error::Unknown { description } => description,
        other => other.to_string(),
    }
}

#[cfg(all(
    unix,
    not(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "android",
        target_os = "emscripten"
    ))
))]
mod platform {
    use std::io::{Read, Write};
    use std::os::unix::process::CommandExt;
    use std::process::{Child, Command, Stdio};
    use std::sync::{Arc, Mutex, mpsc};
    use std::time::{Duration, Instant};

    use arboard::Clipboard;

    use super::super::x11;
    use super::short;
    use crate::edge::clipboard::sink::{Content, Placed};

    /// The argument that turns the program into the clipboard server. Not a subcommand: it must
    /// never show in `--help`, completions or the man page.
    const SERVE_ARG: &str = "__hotline-reply-clipboard-server";
    /// Separates the hold time, the plain text and the HTML in the pipe; no text can hold it
    /// (control characters are stripped from every text that enters the program).
    const SEPARATOR: char = '\0';
    /// How long the foreground program waits to see the reply on the clipboard.
    const CONFIRM_WITHIN: Duration = Duration::from_secs(3);
    /// More than any reply; a bound on what the server reads.
    const MAX_PAYLOAD: u64 = 16 << 20;

    /// How long the whole copy may take: connecting to the X server, starting the server,
    /// reading the reply back. A stalled X server answers nothing, and the reply is already
    /// on stdout: the advocate is told, not kept waiting.
    const GIVE_UP_AFTER: Duration = Duration::from_secs(5);

    pub fn put(content: &Content, hold: Duration) -> Result<Placed, String> {
        if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
            return Err(if std::env::var_os("WAYLAND_DISPLAY").is_some() {
                "Wayland without X11 (XWayland) is not supported".into()
            } else {
                "no display (DISPLAY is not set)".into()
            });
        }
        // The X calls block for as long as the server does not answer, so they run on a
        // thread of their own; the server process, once started, is shared so that it can be
        // ended if they never come back (a thread left blocked ends with the program).
        let server: Arc<Mutex<Option<Child>>> = Arc::default();
        let (done, outcome) = mpsc::channel();
        let (content, shared) = (content.clone(), Arc::clone(&server));
        std::thread::spawn(move || {
            let _ = done.send(copy(&content, hold, &shared));
        });
        let outcome = outcome.recv_timeout(GIVE_UP_AFTER).unwrap_or_else(|_| {
            Err(format!(
                "the X server did not answer within {} seconds",
                GIVE_UP_AFTER.as_secs()
            ))
        });
        if outcome.is_err() {
            // Ours to end: a server that failed must not linger holding the reply.
            if let Some(mut child) = server.lock().ok().and_then(|mut s| s.take()) {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
        outcome
    }

    /// Starts the server with the reply and waits to read the reply back from the clipboard.
    fn copy(
        content: &Content,
        hold: Duration,
        server_slot: &Mutex<Option<Child>>,
    ) -> Result<Placed, String> {
        let mut clipboard = Clipboard::new().map_err(short)?;
        let exe = std::env::current_exe().map_err(|e| format!("cannot find the program: {e}"))?;
        let mut server = Command::new(exe)
            .arg(SERVE_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .current_dir("/")
            // Its own process group: Ctrl-C in the terminal afterwards must not take the
            // clipboard with it.
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start the clipboard server: {e}"))?;
        let payload = format!(
            "{}{SEPARATOR}{}{SEPARATOR}{}",
            hold.as_secs(),
            content.plain,
            content.html
        );
        let sent = server
            .stdin
            .take()
            .ok_or_else(|| "no pipe to the clipboard server".to_owned())
            .and_then(|mut pipe| {
                pipe.write_all(payload.as_bytes())
                    .map_err(|e| format!("cannot hand the reply to the clipboard server: {e}"))
            });
        if let Ok(mut slot) = server_slot.lock() {
            *slot = Some(server);
        }
        let stopped = || {
            let mut slot = server_slot.lock().ok()?;
            let status = slot.as_mut()?.try_wait().ok()??;
            Some(format!("the clipboard server stopped ({status})"))
        };
        let deadline = Instant::now() + CONFIRM_WITHIN;
        sent.and_then(|()| {
            loop {
                if let Some(why) = stopped() {
                    break Err(why);
                }
                if clipboard.get_text().is_ok_and(|t| t == content.plain) {
                    break Ok(Placed::Confirmed);
                }
                if Instant::now() > deadline {
                    break Err("the reply did not appear on the clipboard within 3 seconds".into());
                }
                std::thread::sleep(Duration::from_millis(25));
            }
        })
    }

    /// Closes every file the server inherited beyond its stdin (the reply's pipe) and its
    /// stdout and stderr (`/dev/null`). Whatever else the foreground program had open without
    /// close-on-exec (`7>&1` in the advocate's shell, a pipe of a script) would otherwise stay
    /// open for as long as the server holds the reply: a pipeline reading it would wait that
    /// long for its end.
    ///
    /// Listed first, then closed: the listing's own descriptor is closed by then, and nothing
    /// else opens one meanwhile (this runs first thing, on the only thread).
    #[allow(unsafe_code)]
    fn close_inherited_files() {
        let inherited: Vec<libc::c_int> = ["/proc/self/fd", "/dev/fd"]
            .iter()
            .find_map(|dir| std::fs::read_dir(dir).ok())
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| e.file_name().to_str()?.parse().ok())
                    .filter(|fd| *fd > 2)
                    .collect()
            })
            .unwrap_or_default();
        for fd in inherited {
            // SAFETY: nothing in this process owns a descriptor above 2 yet (no `File`,
            // socket or `OwnedFd` has been made), so closing one cannot pull a file from
            // under Rust code; a number that is no longer open only gives EBADF.
            unsafe {
                libc::close(fd);
            }
        }
    }

    pub fn serve_if_asked() -> Option<i32> {
        if std::env::args_os().nth(1).is_none_or(|a| a != SERVE_ARG) {
            return None;
        }
        close_inherited_files();
        let mut payload = String::new();
        if std::io::stdin()
            .take(MAX_PAYLOAD)
            .read_to_string(&mut payload)
            .is_err()
        {
            return Some(1);
        }
        let mut parts = payload.splitn(3, SEPARATOR);
        let (Some(seconds), Some(plain), Some(html)) = (parts.next(), parts.next(), parts.next())
        else {
            return Some(1);
        };
        let Ok(seconds) = seconds.parse() else {
            return Some(1);
        };
        let served = x11::serve(plain, html, Duration::from_secs(seconds));
        Some(if served.is_ok() { 0 } else { 1 })
    }
}

#[cfg(any(target_os = "macos", target_os = "windows"))]
mod platform {
    use arboard::Clipboard;
    #[cfg(target_os = "macos")]
    use arboard::SetExtApple;
    #[cfg(target_os = "windows")]
    use arboard::SetExtWindows;

    use super::{Duration, short};
    use crate::edge::clipboard::sink::{Content, Placed};

    /// The clipboard is a store here: nothing stays behind to serve it, so nothing to bound.
    pub fn put(content: &Content, _hold: Duration) -> Result<Placed, String> {
        let mut clipboard = Clipboard::new().map_err(short)?;
        let set = clipboard.set().exclude_from_history();
        #[cfg(target_os = "windows")]
        let set = set.exclude_from_cloud();
        set.html(&content.html, Some(&content.plain))
            .map_err(short)?;
        Ok(Placed::Confirmed)
    }

    pub fn serve_if_asked() -> Option<i32> {
        None
    }
}

#[cfg(not(any(
    all(
        unix,
        not(any(
            target_os = "macos",
            target_os = "ios",
            target_os = "android",
            target_os = "emscripten"
        ))
    ),
    target_os = "macos",
    target_os = "windows"
)))]
mod platform {
    use super::Duration;
    use crate::edge::clipboard::sink::{Content, Placed};

    pub fn put(_content: &Content, _hold: Duration) -> Result<Placed, String> {
        Err("not supported on this platform".into())
    }

    pub fn serve_if_asked() -> Option<i32> {
        None
    }
}
