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
        if cause.is::<BadInput>() {
            return exit::BAD_INPUT;
        }
    }
    exit::FAILURE
}
