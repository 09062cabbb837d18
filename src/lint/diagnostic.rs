//! Problems found in library files, with the file, line and column an editor can jump to.
//!
//! [`Located`] is an error that points into a file; `compose` prints it like any other error,
//! and `check` keeps the parts apart to print compiler-like lines and sort them.

use std::fmt;

use thiserror::Error;

use crate::library::yaml::YamlError;

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
            if let Some(yaml) = cause.downcast_ref::<YamlError>() {
                return Located::new(&yaml.origin, yaml.location, yaml.message.clone());
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One line of `check` output: `path:line:col: error: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub at: Located,
}

impl Diagnostic {
    pub fn error(at: Located) -> Self {
        Diagnostic {
            severity: Severity::Error,
            at,
        }
    }

    pub fn warning(at: Located) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            at,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}{}: {severity}: {}",
            self.at.origin,
            position(self.at.location),
            self.at.message
        )
    }
}

fn position(location: Option<(usize, usize)>) -> String {
    location
        .map(|(line, column)| format!(":{line}:{column}"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_a_compiler() {
        let d = Diagnostic::error(Located::new("a/b.yaml", Some((3, 7)), "bad"));
        assert_eq!(d.to_string(), "a/b.yaml:3:7: error: bad");
        let w = Diagnostic::warning(Located::new("links.yaml", None, "old"));
        assert_eq!(w.to_string(), "links.yaml: warning: old");
    }

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
}
