//! OSC 52: asks the terminal to put text on its clipboard. It reaches the advocate's own
//! machine through SSH and needs no display, but it carries plain text only, and a terminal
//! that does not allow it ignores it silently (tmux needs `set -g set-clipboard on`).

use std::io::{self, IsTerminal};

use super::sink::{Content, Placed, Sink};

/// Writes the sequence to the controlling terminal (`/dev/tty`), never to stdout, which holds
/// the reply and may be a pipe.
pub struct Osc52;

impl Sink for Osc52 {
    fn name(&self) -> &'static str {
        "terminal (OSC 52)"
    }

    fn put(&mut self, content: &Content) -> Result<Placed, String> {
        // Only where the advocate is looking: with stderr redirected there is nobody to paste.
        if !io::stderr().is_terminal() {
            return Err("stderr is not a terminal".into());
        }
        write_to_tty(&sequence(&content.plain))?;
        Ok(Placed::Sent)
    }
}

#[cfg(unix)]
fn write_to_tty(bytes: &str) -> Result<(), String> {
    use std::io::Write;
    let mut tty = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/tty")
        .map_err(|e| format!("cannot open /dev/tty: {e}"))?;
    tty.write_all(bytes.as_bytes())
        .and_then(|()| tty.flush())
        .map_err(|e| format!("cannot write to /dev/tty: {e}"))
}

#[cfg(not(unix))]
fn write_to_tty(_bytes: &str) -> Result<(), String> {
    Err("not supported on this platform".into())
}

/// `ESC ] 52 ; c ; <base64> BEL`: set the clipboard (`c`) to the text.
pub fn sequence(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding; twenty lines rather than a dependency.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        for (input, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), want, "{input}");
        }
    }

    #[test]
    fn the_sequence_sets_the_clipboard_selection() {
        assert_eq!(sequence("hi\n"), "\x1b]52;c;aGkK\x07");
    }
}
