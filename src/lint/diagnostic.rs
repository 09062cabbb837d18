//! Problems found in library files, with the file, line and column an editor can jump to.
//!
//! [`Located`] is an error that points into a file; `compose` prints it like any other error,
//! and `check` keeps the parts apart to print compiler-like lines and sort them.

use std::fmt;

pub use crate::error::Located;

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
            crate::error::position(self.at.location),
            self.at.message
        )
    }
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
}
