//! Everything the program writes on stderr goes through here: `error:` and `warning:` in
//! colour only on a terminal and only without `NO_COLOR`, and never a control or bidi
//! character from a file or an answer, which could rewrite what the advocate sees. (The one
//! exception is `signals`, which writes the escape sequences that give the terminal back.)
//!
//! Writing here never fails and never panics (`eprintln!` panics when stderr is full or its
//! reader is gone): a warning nobody can read must not cost the advocate the reply, and an
//! error's exit code says what happened even when its message is lost.

use std::io::{IsTerminal, Write};

use crate::clean::strip_unsafe_chars;

/// Whether stderr gets colour: a terminal, and `NO_COLOR` unset or empty (no-color.org).
pub fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Prints `error: message` on stderr.
pub fn error(message: &str) {
    write(&format!(
        "{} {}\n",
        paint("error:", "1;31"),
        strip_unsafe_chars(message)
    ));
}

/// Prints `warning: message` on stderr.
pub fn warning(message: &str) {
    write(&format!(
        "{} {}\n",
        paint("warning:", "1;33"),
        strip_unsafe_chars(message)
    ));
}

/// Prints a note (what the program did) on stderr.
pub fn note(message: &str) {
    write(&format!("{}\n", strip_unsafe_chars(message)));
}

/// Writes text as it is (a report, a review), cleaned.
pub fn text(text: &str) {
    write(&strip_unsafe_chars(text));
}

/// The one write to stderr. A failure is dropped: there is nobody left to tell.
fn write(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush());
}

fn paint(prefix: &str, sgr: &str) -> String {
    if color() {
        format!("\x1b[{sgr}m{prefix}\x1b[0m")
    } else {
        prefix.to_owned()
    }
}

/// Prompts follow the same rule: plain when `NO_COLOR` is set.
pub fn setup_prompts() {
    if !color() {
        inquire::set_global_render_config(inquire::ui::RenderConfig::empty());
    }
}
