//! Exit codes, and the few error types the edge must tell apart to pick one.
//!
//! Everything else is an `anyhow::Error` with context; `exit_code` walks its chain.

use thiserror::Error;

/// Exit codes of DESIGN.md; the README lists them for users.
pub mod exit {
    pub const SUCCESS: i32 = 0;
    /// Library errors, render errors, a reply refused by the send-safety guard.
    pub const FAILURE: i32 = 1;
    /// Bad usage or bad input: unknown snippet, state or question, invalid or missing answer.
    pub const BAD_INPUT: i32 = 2;
    /// The advocate cancelled at a prompt.
    pub const CANCELLED: i32 = 130;
}

/// Something the user typed or pointed at is wrong (exit 2). The message says what to do.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct BadInput(pub String);

impl BadInput {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

/// A snippet ID that names no snippet of the library (exit 2). The message never repeats the
/// ID: what was typed there may be anything, even a survivor's detail (`--name maria lopez`
/// makes `lopez` an ID). It says where instead, when the edge knows ([`Self::at`]).
#[derive(Debug, Error)]
#[error("unknown snippet{suggestion}; `hotline-reply list` shows them all")]
pub struct UnknownSnippet {
    /// The ID as given, to find which argument it was; never shown.
    pub id: String,
    /// ` (did you mean 'drop-charges'?)`, or nothing: library text, not what was typed.
    pub suggestion: String,
}

impl UnknownSnippet {
    /// The message for the ID at `place` (e.g. `ID #2`).
    pub fn at(&self, place: &str) -> String {
        format!(
            "unknown snippet: {place} is not a snippet of this library{}; `hotline-reply list` shows them all",
            self.suggestion
        )
    }
}

/// The advocate pressed Esc or Ctrl-C at a prompt (exit 130).
#[derive(Debug, Error)]
#[error("cancelled; nothing was printed")]
pub struct Cancelled;

/// The exit code for an error, from the first typed error in its chain.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    for cause in err.chain() {
        if cause.is::<Cancelled>() {
            return exit::CANCELLED;
        }
        if cause.is::<BadInput>() || cause.is::<UnknownSnippet>() {
            return exit::BAD_INPUT;
        }
    }
    exit::FAILURE
}

/// Something wrong at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{origin}{}: {message}", position(*location))]
pub struct Located {
    /// The file as the user knows it.
    pub origin: String,
    /// 1-based line and column (in characters), where known.
    pub location: Option<(usize, usize)>,
    pub message: String,
}

impl Located {
    pub fn new(origin: &str, location: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        Located {
            origin: origin.to_owned(),
            location,
            message: message.into(),
        }
    }

    /// The located error inside `err`, or the whole error chain as a message about `origin`.
    pub fn from_error(err: &anyhow::Error, origin: &str) -> Located {
        for cause in err.chain() {
            if let Some(located) = cause.downcast_ref::<Located>() {
                return located.clone();
            }
        }
        let message = err
            .chain()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(": ");
        // Errors made with the origin in front (e.g. "x.yaml: not UTF-8") need it only once.
        let message = message
            .strip_prefix(origin)
            .and_then(|m| m.strip_prefix(": "))
            .map_or(message.clone(), str::to_owned);
        Located::new(origin, None, message)
    }
}

/// `:line:column`, or nothing when the place is not known.
pub fn position(location: Option<(usize, usize)>) -> String {
    location
        .map(|(line, column)| format!(":{line}:{column}"))
        .unwrap_or_default()
}

/// 1-based line and column (in chars) of the first occurrence of `needle` in `text`.
pub fn locate(text: &str, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    text.find(needle).map(|offset| line_col(text, offset))
}

/// 1-based line and column (in chars) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_location_inside_an_error_chain() {
        let err =
            anyhow::Error::new(Located::new("x.yaml", Some((1, 2)), "boom")).context("loading x");
        assert_eq!(Located::from_error(&err, "x.yaml").location, Some((1, 2)));
        let plain = anyhow::anyhow!("x.yaml: the file is not UTF-8 text");
        assert_eq!(
            Located::from_error(&plain, "x.yaml").message,
            "the file is not UTF-8 text"
        );
    }

    #[test]
    fn locate_counts_lines_and_chars_from_one() {
        assert_eq!(locate("ab\n  ’x: y\n", "x:"), Some((2, 4)));
        assert_eq!(locate("ab", "zz"), None);
    }
}
