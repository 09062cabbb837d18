//! One way to reach a clipboard, and what goes there.

/// What goes on the clipboard: HTML for rich-text editors, plain text for everything else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub html: String,
    pub plain: String,
}

/// How sure the program can be that the reply arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// The clipboard holds the reply (read back, or set by the platform API).
    Confirmed,
    /// Handed to the terminal, which may ignore it without telling.
    Sent,
}

/// One way to reach a clipboard.
pub trait Sink {
    /// How the advocate knows this clipboard, for messages.
    fn name(&self) -> &'static str;
    /// Puts the content there, or says in a few words why it cannot.
    fn put(&mut self, content: &Content) -> Result<Placed, String>;
}
