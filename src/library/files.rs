//! Every file the program reads goes through [`read_text`]: library files, templates, the
//! answers file, the config file, a legacy text, and stdin for `-`.
//!
//! A path is opened without blocking and must be a regular file (a symlink to one is fine):
//! a FIFO would wait forever for a writer, and a device such as `/dev/zero` never ends. What is
//! read is capped (see [`Limit`]), and the text must be UTF-8. Every refusal names the file and
//! says why; none repeats what the file holds.
//!
//! What is read is [`normalised`] once, here, so no parser or template meets what an editor
//! does not show: a leading byte-order mark is dropped and every line ends with `\n`.

use std::borrow::Cow;
use std::fmt;
use std::fs::{File, FileType};
use std::io::{self, Read};
use std::path::Path;

use thiserror::Error;

use crate::error::line_col;

/// The most the program reads from one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// A file the user names or points at: an answers file, the config file, a legacy text.
    UserFile,
    /// A file of a library folder: a snippet, `links.yaml`, `jurisdictions.yaml`, a template.
    LibraryFile,
}

impl Limit {
    pub const fn bytes(self) -> u64 {
        match self {
            Limit::UserFile => 1 << 20,
            Limit::LibraryFile => 4 << 20,
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} MiB", self.bytes() >> 20)
    }
}

/// What to read.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    File(&'a Path),
    /// Standard input, for `-`.
    Stdin,
}

impl Input<'_> {
    /// The name messages give it: the path as given, or `stdin`.
    pub fn name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin => "stdin".to_owned(),
        }
    }
}

/// Why a file could not be read, with the name it has in messages.
#[derive(Debug, Error)]
#[error("{origin}{}: {problem}", self.location().map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
pub struct FileError {
    pub origin: String,
    pub problem: Problem,
}

#[derive(Debug, Error)]
pub enum Problem {
    /// Includes "not found": [`FileError::is_not_found`] tells it apart.
    #[error("cannot read the file: {0}")]
    Io(io::Error),
    /// What it is instead, e.g. "a FIFO (named pipe)".
    #[error("the file is {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("the file is larger than {limit}, the most the program reads from {}", what(*.0), limit = .0)]
    TooLarge(Limit),
    /// 1-based line and column (in characters) of the first byte that is not UTF-8.
    #[error("the file is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        line: usize,
        column: usize,
        offset: usize,
    },
}

fn what(limit: Limit) -> &'static str {
    match limit {
        Limit::UserFile => "an answers file, a config file or a legacy text",
        Limit::LibraryFile => "a library file",
    }
}

impl FileError {
    /// The file does not exist: for some files that means "use the default".
    pub fn is_not_found(&self) -> bool {
        matches!(&self.problem, Problem::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }

    /// Where in the file the problem is, when it is at a place.
    pub fn location(&self) -> Option<(usize, usize)> {
        match self.problem {
            Problem::NotUtf8 { line, column, .. } => Some((line, column)),
            _ => None,
        }
    }

    /// The one-paragraph message for a file the user named as `kind` (`answers file`): it
    /// names the kind and the file, and for text that is not UTF-8 says how to fix it.
    pub fn for_user(&self, kind: &str) -> String {
        let origin = &self.origin;
        match &self.problem {
            Problem::Io(e) => format!("cannot read {kind} {origin}: {e}"),
            Problem::NotRegular(what) => {
                format!("{kind} {origin} is {what}, not a regular file")
            }
            Problem::TooLarge(limit) => format!(
                "{kind} {origin} is larger than {limit}, the most the program reads from one; is it the right file?"
            ),
            Problem::NotUtf8 { line, column, .. } => format!(
                "{origin}:{line}: the file is not UTF-8 text (invalid byte at column {column}); save it as plain text, UTF-8"
            ),
        }
    }
}

/// Reads `input` as UTF-8 text of at most `limit` bytes, [`normalised`]. A path must be a
/// regular file (or a symlink to one): it is opened without blocking, so a FIFO is refused
/// instead of waited on, and a device is refused before a byte is read. Stdin is read as it
/// comes, up to the limit.
pub fn read_text(input: Input<'_>, limit: Limit) -> Result<String, FileError> {
    let fail = |problem| FileError {
        origin: input.name(),
        problem,
    };
    let max = limit.bytes();
    let mut bytes = Vec::new();
    match input {
        Input::Stdin => {
            io::stdin()
                .lock()
                .take(max + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| fail(Problem::Io(e)))?;
        }
        Input::File(path) => {
            let file = open(path).map_err(|e| {
                // A link whose target is gone is there, and broken: not "no such file".
                let dangling = e.kind() == io::ErrorKind::NotFound
                    && path
                        .symlink_metadata()
                        .is_ok_and(|m| m.file_type().is_symlink());
                fail(if dangling {
                    Problem::NotRegular("a link to a file that does not exist")
                } else {
                    Problem::Io(e)
                })
            })?;
            let meta = file.metadata().map_err(|e| fail(Problem::Io(e)))?;
            if !meta.is_file() {
                return Err(fail(Problem::NotRegular(describe(meta.file_type()))));
            }
            if meta.len() > max {
                return Err(fail(Problem::TooLarge(limit)));
            }
            // The length can be wrong (a file still growing, or /proc): the cap is what counts.
            bytes.reserve_exact(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
            file.take(max + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| fail(Problem::Io(e)))?;
        }
    }
    if bytes.len() as u64 > max {
        return Err(fail(Problem::TooLarge(limit)));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..offset]);
        let (line, column) = line_col(&before, before.len());
        fail(Problem::NotUtf8 {
            line,
            column,
            offset,
        })
    })?;
    // Nearly every file is unchanged by it, and then keeps its buffer.
    let unchanged = matches!(normalised(&text), Cow::Borrowed(same) if same.len() == text.len());
    Ok(if unchanged {
        text
    } else {
        normalised(&text).into_owned()
    })
}

/// The text as every reader of it should see it: without a leading byte-order mark (which
/// Windows editors write, and which made a YAML file with two keys read as two documents
/// and reached stdout from a frame), and with `\r\n` and a lone `\r` as `\n` (a file saved
/// with Windows line endings put a U+000D in every line of a reply, which the guard refused).
pub fn normalised(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Opens `path` for reading without waiting: on Unix with `O_NONBLOCK` (a FIFO without a
/// writer opens at once instead of blocking) and `O_NOCTTY` (a terminal never becomes the
/// controlling one). Reading a regular file is unaffected by either flag.
fn open(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// What a file that is not a regular file is, for the message.
fn describe(kind: FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// A file's text with the name to show in messages.
#[derive(Debug, Clone)]
pub struct Source {
    pub origin: String,
    pub text: std::borrow::Cow<'static, str>,
    /// Built into the binary: the shipped library, whose files a test reads as strictly as
    /// any folder's (see `yaml::parse_source`).
    pub built_in: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path, limit: Limit) -> Result<String, FileError> {
        read_text(Input::File(path), limit)
    }

    #[test]
    fn a_regular_file_and_a_symlink_to_one_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "a: b\n").unwrap();
        assert_eq!(read(&file, Limit::UserFile).unwrap(), "a: b\n");
        #[cfg(unix)]
        {
            let link = dir.path().join("link.yaml");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert_eq!(read(&link, Limit::LibraryFile).unwrap(), "a: b\n");
        }
    }

    #[test]
    fn a_missing_file_is_told_apart() {
        let err = read(Path::new("/nonexistent/x.yaml"), Limit::UserFile).unwrap_err();
        assert!(err.is_not_found(), "{err}");
        assert!(
            err.for_user("answers file")
                .starts_with("cannot read answers file /nonexistent/x.yaml: "),
            "{err}"
        );
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path(), Limit::LibraryFile).unwrap_err();
        assert!(!err.is_not_found());
        assert_eq!(
            err.to_string(),
            format!(
                "{}: the file is a folder, not a regular file",
                dir.path().display()
            )
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.yaml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let err = read(&fifo, Limit::UserFile).unwrap_err();
        assert_eq!(
            err.for_user("answers file"),
            format!(
                "answers file {} is a FIFO (named pipe), not a regular file",
                fifo.display()
            )
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_before_reading() {
        let err = read(Path::new("/dev/zero"), Limit::LibraryFile).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/dev/zero: the file is a character device, not a regular file"
        );
    }

    #[test]
    fn more_than_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("big.yaml");
        let limit = Limit::UserFile;
        std::fs::write(&file, vec![b'a'; limit.bytes() as usize]).unwrap();
        assert!(read(&file, limit).is_ok());
        std::fs::write(&file, vec![b'a'; limit.bytes() as usize + 1]).unwrap();
        let err = read(&file, limit).unwrap_err();
        assert!(
            err.for_user("answers file")
                .contains("is larger than 1 MiB"),
            "{err}"
        );
        assert!(read(&file, Limit::LibraryFile).is_ok());
    }

    #[test]
    fn a_byte_order_mark_and_windows_line_endings_are_read_away() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("answers.yaml");
        std::fs::write(&file, "\u{feff}a: b\r\nc: d\re: \u{feff}f\r\n").unwrap();
        // Only a leading mark is one; inside the text it is a character like any other.
        assert_eq!(
            read(&file, Limit::UserFile).unwrap(),
            "a: b\nc: d\ne: \u{feff}f\n"
        );
        assert!(matches!(normalised("plain\n"), Cow::Borrowed("plain\n")));
    }

    #[test]
    fn text_that_is_not_utf8_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("latin1.yaml");
        std::fs::write(&file, b"a: b\nt\xc3\xa9: caf\xe9\n").unwrap();
        let err = read(&file, Limit::LibraryFile).unwrap_err();
        assert_eq!(err.location(), Some((2, 8)));
        assert_eq!(
            err.to_string(),
            format!(
                "{}:2:8: the file is not UTF-8 text (invalid byte at offset 13)",
                file.display()
            )
        );
        assert!(
            err.for_user("legacy text")
                .ends_with("latin1.yaml:2: the file is not UTF-8 text (invalid byte at column 8); save it as plain text, UTF-8"),
            "{}",
            err.for_user("legacy text")
        );
    }
}
