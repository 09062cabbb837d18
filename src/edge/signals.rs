//! Signals that end a prompt. While inquire shows a prompt the terminal is in raw mode: no
//! echo, no line editing, bracketed paste on. A process that dies of SIGINT, SIGTERM, SIGHUP or
//! SIGQUIT leaves it that way, and the advocate's shell then shows nothing they type.
//!
//! [`restore_terminal_on_signals`] is called once, when prompting starts (never in a run
//! without prompts, which stays as fast as it was). It watches those four signals on a thread
//! of its own; on the first one it gives the terminal back as it was before the prompt and
//! exits: 130 for SIGINT (the advocate cancelled, as with Esc), 128 + the
//! signal for the others. Nothing reaches stdout: a prompt always comes before the reply.
//!
//! What this cannot cover: a signal in the microseconds between this thread giving the
//! terminal back and the exit, while the main thread opens the next prompt, could leave it
//! raw again (inquire offers no hook to hold a prompt back); and SIGKILL cannot be caught.
//!
//! The clipboard server (`clipboard::system`) is another program image: a signal handler does
//! not survive `exec`, so it starts with the default actions, in its own process group, and
//! this watch never sees its signals.

#[cfg(unix)]
pub use unix::restore_terminal_on_signals;

/// Signals are a Unix matter; elsewhere there is nothing to watch.
#[cfg(not(unix))]
pub fn restore_terminal_on_signals() {}

#[cfg(unix)]
mod unix {
    use std::io::{self, Write};
    use std::sync::Once;

    use crossterm::cursor::Show;
    use crossterm::event::DisableBracketedPaste;
    use crossterm::style::{Attribute, ResetColor, SetAttribute};
    use crossterm::terminal::{self, Clear, ClearType};
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use signal_hook::iterator::Signals;

    use crate::edge::stderr as term;
    use crate::error::{Cancelled, exit};

    /// Starts watching for the signals that end a prompt; later calls do nothing.
    pub fn restore_terminal_on_signals() {
        static WATCH: Once = Once::new();
        WATCH.call_once(|| {
            if let Err(err) = watch() {
                term::warning(&format!(
                    "cannot watch for signals ({err}); if this program is stopped by one at a \
                     prompt, type `reset` and Enter to get the terminal back"
                ));
            }
        });
    }

    /// The exit code after `signal`: 130 for SIGINT, which DESIGN.md calls cancelled by the
    /// advocate, and the shells' 128 + the signal number for the others.
    pub fn exit_code(signal: i32) -> i32 {
        if signal == SIGINT {
            exit::CANCELLED
        } else {
            128 + signal
        }
    }

    fn watch() -> io::Result<()> {
        // Registered here, before the first prompt: a signal that arrives before the thread
        // runs waits for it.
        let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT])?;
        std::thread::Builder::new()
            .name("signals".to_owned())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    stop(signal);
                }
            })?;
        Ok(())
    }

    /// Gives the terminal back and exits. Every write can fail (after SIGHUP the terminal may
    /// be gone); none of that stops the exit.
    fn stop(signal: i32) -> ! {
        // Held until the process ends: inquire writes through stderr too, so from here on the
        // prompt cannot draw over what this writes.
        let mut err = io::stderr().lock();
        // crossterm remembers the mode it found before inquire made the terminal raw; raw
        // means a prompt is on screen, so nothing has been printed on stdout yet.
        if terminal::is_raw_mode_enabled().unwrap_or(false) {
            // Undo what inquire set, and clear the help line under the prompt.
            let _ = crossterm::queue!(
                err,
                DisableBracketedPaste,
                SetAttribute(Attribute::Reset),
                ResetColor,
                Clear(ClearType::FromCursorDown),
                Show,
            );
            let _ = err.flush();
            let _ = terminal::disable_raw_mode();
            let message = if signal == SIGINT {
                Cancelled.to_string()
            } else {
                format!("stopped by {}; nothing was printed", name(signal))
            };
            let _ = writeln!(err, "\n{message}");
            let _ = err.flush();
        }
        std::process::exit(exit_code(signal))
    }

    fn name(signal: i32) -> &'static str {
        match signal {
            SIGTERM => "SIGTERM",
            SIGHUP => "SIGHUP",
            SIGQUIT => "SIGQUIT",
            _ => "a signal",
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn sigint_is_a_cancel_and_the_others_exit_as_shells_report_them() {
            assert_eq!(exit_code(SIGINT), 130);
            assert_eq!(exit_code(SIGTERM), 143);
            assert_eq!(exit_code(SIGHUP), 129);
            assert_eq!(exit_code(SIGQUIT), 131);
        }
    }
}
