//! `--copy`: the reply on the clipboard, by the first way that works.
//!
//! The system clipboard comes first (rich HTML plus plain text, kept out of clipboard history
//! where the platform allows); then OSC 52, an escape sequence that asks the terminal itself to
//! set the clipboard, which also works over SSH. Each way is a [`Sink`], so the choice and the
//! messages are tested without a display or a terminal. Not copying is never an error: the
//! reply is on stdout either way.

mod osc52;
mod sink;
mod system;
#[cfg(all(
    unix,
    not(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "android",
        target_os = "emscripten"
    ))
))]
mod x11;

pub use osc52::Osc52;
pub use sink::{Content, Placed, Sink};
pub use system::{System, serve_if_asked};

/// What `--copy` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Copied {
        by: &'static str,
        placed: Placed,
    },
    /// Nothing worked: each sink with the reason.
    NotCopied(Vec<(&'static str, String)>),
}

/// Tries each sink in order until one takes the content.
pub fn copy(content: &Content, sinks: &mut [&mut dyn Sink]) -> Outcome {
    let mut reasons = Vec::new();
    for sink in sinks.iter_mut() {
        match sink.put(content) {
            Ok(placed) => {
                return Outcome::Copied {
                    by: sink.name(),
                    placed,
                };
            }
            Err(reason) => reasons.push((sink.name(), reason)),
        }
    }
    Outcome::NotCopied(reasons)
}

impl Outcome {
    /// The line for stderr, and whether it is a warning.
    pub fn message(&self) -> (String, bool) {
        match self {
            Outcome::Copied {
                by,
                placed: Placed::Confirmed,
            } => (format!("copied to the {by}"), false),
            Outcome::Copied {
                by,
                placed: Placed::Sent,
            } => (
                format!(
                    "sent to the {by}; if pasting gives nothing, the terminal does not let programs set the clipboard"
                ),
                false,
            ),
            Outcome::NotCopied(reasons) => {
                let why: Vec<String> = reasons
                    .iter()
                    .map(|(name, reason)| format!("{name}: {reason}"))
                    .collect();
                (
                    format!(
                        "the reply was not copied ({}); it is printed on stdout",
                        why.join("; ")
                    ),
                    true,
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake {
        name: &'static str,
        result: Result<Placed, String>,
        got: Option<Content>,
    }

    impl Fake {
        fn new(name: &'static str, result: Result<Placed, String>) -> Self {
            Fake {
                name,
                result,
                got: None,
            }
        }
    }

    impl Sink for Fake {
        fn name(&self) -> &'static str {
            self.name
        }
        fn put(&mut self, content: &Content) -> Result<Placed, String> {
            self.got = Some(content.clone());
            self.result.clone()
        }
    }

    fn content() -> Content {
        Content {
            html: "<p>Hi</p>".into(),
            plain: "Hi\n".into(),
        }
    }

    #[test]
    fn the_system_clipboard_wins_and_the_terminal_is_not_touched() {
        let mut system = Fake::new("system clipboard", Ok(Placed::Confirmed));
        let mut terminal = Fake::new("terminal", Ok(Placed::Sent));
        let outcome = copy(&content(), &mut [&mut system, &mut terminal]);
        assert_eq!(
            outcome.message(),
            ("copied to the system clipboard".into(), false)
        );
        assert_eq!(system.got, Some(content()));
        assert_eq!(terminal.got, None);
    }

    #[test]
    fn without_a_system_clipboard_the_terminal_is_asked_and_it_says_it_cannot_confirm() {
        let mut system = Fake::new("system clipboard", Err("no display".into()));
        let mut terminal = Fake::new("terminal (OSC 52)", Ok(Placed::Sent));
        let outcome = copy(&content(), &mut [&mut system, &mut terminal]);
        let (message, warning) = outcome.message();
        assert!(message.starts_with("sent to the terminal (OSC 52); if pasting gives nothing"));
        assert!(!warning);
    }

    #[test]
    fn when_nothing_works_it_says_why_for_each() {
        let mut system = Fake::new("system clipboard", Err("no display".into()));
        let mut terminal = Fake::new("terminal (OSC 52)", Err("stderr is not a terminal".into()));
        let outcome = copy(&content(), &mut [&mut system, &mut terminal]);
        assert_eq!(
            outcome.message(),
            (
                "the reply was not copied (system clipboard: no display; terminal (OSC 52): stderr is not a terminal); it is printed on stdout".into(),
                true
            )
        );
    }
}
