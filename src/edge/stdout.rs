//! stdout: where the reply goes, and nothing else. Control and bidi characters never get
//! through, wherever they came from: stdout is often a terminal.
//!
//! A listing may stop early (`| head`): a closed pipe is not an error for it. A reply must
//! arrive whole: a closed or failing stdout is an error, and nothing is claimed as sent.

use std::io::{self, Write};

use anyhow::{Context, Result, bail};

use crate::error::exit;

/// Writes a listing, a schema or a script in one piece. A closed pipe is success.
pub fn print(text: &str) -> Result<i32> {
    match write(text) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(exit::SUCCESS),
        other => other.context("writing to stdout").map(|()| exit::SUCCESS),
    }
}

/// Writes a product in one piece (`what`: "the reply", "the draft"); any failure, a closed
/// pipe included, is an error: it did not reach whoever was to use it, and the program says
/// so rather than success.
pub fn deliver(text: &str, what: &str) -> Result<i32> {
    match write(text) {
        Ok(()) => Ok(exit::SUCCESS),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            bail!("{what} was not delivered: whatever reads stdout closed it")
        }
        Err(e) => Err(e).context(format!(
            "{what} was not delivered: writing to stdout failed"
        )),
    }
}

fn write(text: &str) -> io::Result<()> {
    let text = crate::clean::strip_unsafe_chars(text);
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
}

/// Refuses to compose when stdout was closed before the program started (`>&-`). The Rust
/// runtime then opens `/dev/null` in its place, read-write, so every write "succeeds" and
/// the reply would vanish; a shell's `> /dev/null` opens it write-only, which is the
/// advocate's own choice and is left alone.
pub fn refuse_if_closed(what: &str) -> Result<()> {
    if closed_at_start() {
        bail!(
            "stdout is closed, so {what} would be lost; run without `>&-`, or send stdout to a file or a program"
        );
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn closed_at_start() -> bool {
    let null =
        std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == std::path::Path::new("/dev/null"));
    if !null {
        return false;
    }
    // `flags:` is octal; the low two bits are the access mode, 2 = read-write.
    std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
        info.lines()
            .find_map(|l| l.strip_prefix("flags:"))
            .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            .is_some_and(|flags| flags & 0o3 == 2)
    })
}

#[cfg(not(target_os = "linux"))]
fn closed_at_start() -> bool {
    false
}
