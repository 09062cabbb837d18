//! Frames: the library's `templates/<format>.jinja`, which wrap the body with an optional
//! greeting (`--name`) and closing (the advocate's signature from the config file).
//!
//! A frame is library text, so the send-safety guard judges it like a snippet. The name and
//! the signature are the advocate's: escaped for the format, never judged, never template code.
//! The body is already escaped and guarded, so it goes in as it is.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result, anyhow};
use minijinja::value::{Object, Value};
use minijinja::{AutoEscape, Environment, UndefinedBehavior, context};

use super::Format;
use crate::clean::strip_unsafe_chars;
use crate::library::{Library, Source};
use crate::reply::guard;
use crate::reply::paragraphs::{ANSWER_CLOSE, ANSWER_OPEN, Reply};

/// A frame is a few lines; this stops a runaway loop in a broken one.
const FUEL: u64 = 50_000;

/// What the advocate gives the frame. Neither value is ever stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameValues {
    /// Whom to greet; one line.
    pub name: Option<String>,
    /// The closing; may hold several lines (`Take care,` then a name).
    pub signature: Option<String>,
}

impl FrameValues {
    /// Cleans what the advocate gave: no control or bidi characters, no blank lines, nothing
    /// empty; the name folded to one line.
    pub fn new(name: Option<&str>, signature: Option<&str>) -> FrameValues {
        let name = name
            .map(|n| {
                strip_unsafe_chars(n)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|n| !n.is_empty());
        let signature = signature
            .map(|s| {
                strip_unsafe_chars(s)
                    .lines()
                    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .filter(|s| !s.is_empty());
        FrameValues { name, signature }
    }
}

/// A value the advocate gave, inside the template engine: printed escaped, never evaluated.
#[derive(Debug)]
struct Given(String);

impl Object for Given {
    fn is_true(self: &Arc<Self>) -> bool {
        !self.0.is_empty()
    }

    fn render(self: &Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The body, already in the output format: the only value printed as it is.
#[derive(Debug)]
struct Body(String);

impl Object for Body {
    fn render(self: &Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How the frame is rendered: for the reply, or for the guard to judge its own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Reply,
    Guard,
}

/// Wraps `body` in the library's frame for `format`; one final newline.
pub fn apply(
    library: &Library,
    format: Format,
    body: &str,
    values: &FrameValues,
) -> Result<String> {
    let name = format!("{}.jinja", format.as_str());
    let source = library
        .read_template(&name)?
        .with_context(|| format!("the frame templates/{name} is missing from the library"))?;
    let text = strip_unsafe_chars(&source.text);

    // The guard sees the frame with every value the advocate gave standing in as an answer
    // and the body left out: what remains is the frame's own text.
    let view = render(&source, &text, format, Mode::Guard, "", values)?;
    guard::check(&Reply::parse([view.as_str()]))
        .map_err(|refused| anyhow!("{refused}\n  in the frame {}", source.origin))?;

    let out = render(&source, &text, format, Mode::Reply, body, values)?;
    Ok(format!("{}\n", out.trim()))
}

fn render(
    source: &Source,
    text: &str,
    format: Format,
    mode: Mode,
    body: &str,
    values: &FrameValues,
) -> Result<String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env.set_debug(false);
    // Escaping is the formatter's job, per format; minijinja's own HTML escaping stays off.
    env.set_auto_escape_callback(|_| AutoEscape::None);
    let bodies = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&bodies);
    env.set_formatter(move |out, _state, value| {
        let text = if let Some(body) = value.downcast_object_ref::<Body>() {
            counted.fetch_add(1, Ordering::Relaxed);
            body.0.clone()
        } else if value.is_none() || value.is_undefined() {
            String::new()
        } else if let Some(given) = value.downcast_object_ref::<Given>() {
            match mode {
                Mode::Reply => format.escape_lines(&given.0),
                Mode::Guard => format!("{ANSWER_OPEN}{ANSWER_CLOSE}"),
            }
        } else {
            // Anything else (a literal, a filtered value) is escaped too, and in guard mode
            // judged as frame text.
            format.escape_lines(&value.to_string())
        };
        out.write_str(&text).map_err(minijinja::Error::from)
    });
    env.add_template("frame", text)
        .map_err(|e| frame_error(source, text, &e))?;
    let given = |v: &Option<String>| match (v, mode) {
        (None, _) => Value::from(()),
        (Some(v), Mode::Reply) => Value::from_object(Given(v.clone())),
        (Some(_), Mode::Guard) => Value::from_object(Given("…".to_owned())),
    };
    let ctx = context! {
        name => given(&values.name),
        signature => given(&values.signature),
        body => Value::from_object(Body(body.to_owned())),
    };
    let out = env
        .get_template("frame")
        .and_then(|t| t.render(ctx))
        .map_err(|e| frame_error(source, text, &e))?;
    // A frame that drops the body, or prints it twice, would send the wrong reply.
    match bodies.load(Ordering::Relaxed) {
        1 => Ok(out),
        n => Err(anyhow!(
            "{}: the frame prints `{{{{ body }}}}` {n} times; it must print it exactly once",
            source.origin
        )),
    }
}

/// `origin:line:column: template error in the frame: what`.
fn frame_error(source: &Source, text: &str, err: &minijinja::Error) -> anyhow::Error {
    let location = match (err.range(), err.line()) {
        (Some(range), _) if range.start <= text.len() => {
            let before = text.get(..range.start).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!(":{line}:{column}")
        }
        (_, Some(line)) => format!(":{line}"),
        _ => String::new(),
    };
    let what = match err.detail() {
        Some(detail) => format!("{}: {detail}", err.kind()),
        None => err.kind().to_string(),
    };
    anyhow!(
        "{}{location}: template error in the frame: {what}; a frame may use `name`, `signature` and `body`",
        source.origin
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(format: Format, body: &str, name: Option<&str>, signature: Option<&str>) -> String {
        apply(
            &Library::BuiltIn,
            format,
            body,
            &FrameValues::new(name, signature),
        )
        .unwrap()
    }

    #[test]
    fn without_name_or_signature_the_shipped_frames_add_nothing() {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            assert_eq!(frame(format, "Body.", None, None), "Body.\n", "{format:?}");
        }
    }

    #[test]
    fn greeting_and_closing_are_escaped_for_the_format() {
        assert_eq!(
            frame(Format::Text, "Body.", Some("<Sam>"), Some("Take care,\nAl")),
            "Hello <Sam>,\n\nBody.\n\nTake care,\nAl\n"
        );
        assert_eq!(
            frame(
                Format::Markdown,
                "Body.",
                Some("*Sam*"),
                Some("Take care,\nAl")
            ),
            "Hello \\*Sam\\*,\n\nBody.\n\nTake care,\\\nAl\n"
        );
        assert_eq!(
            frame(Format::Html, "<p>Body.</p>", Some("<Sam>"), Some("A & B")),
            "<p>Hello &lt;Sam&gt;,</p>\n<p>Body.</p>\n<p>A &amp; B</p>\n"
        );
    }

    #[test]
    fn what_the_advocate_gave_is_never_template_code_nor_judged() {
        assert_eq!(
            frame(Format::Text, "Body.", Some("{{ 1+1 }} NAME"), None),
            "Hello {{ 1+1 }} NAME,\n\nBody.\n"
        );
    }

    #[test]
    fn a_frame_must_print_the_body_exactly_once() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("templates");
        std::fs::create_dir(&templates).unwrap();
        let lib = Library::Dir(dir.path().to_path_buf());
        for (frame, times) in [("Hello.", 0), ("{{ body }}{{ body }}", 2)] {
            std::fs::write(templates.join("text.jinja"), frame).unwrap();
            let err = apply(&lib, Format::Text, "Body.", &FrameValues::default()).unwrap_err();
            assert!(
                err.to_string().ends_with(&format!(
                    "prints `{{{{ body }}}}` {times} times; it must print it exactly once"
                )),
                "{err}"
            );
        }
    }

    #[test]
    fn values_are_cleaned() {
        let v = FrameValues::new(
            Some(" Sam\u{202e}\n Doe "),
            Some("\n Take care, \n\n\u{1b}Al\n"),
        );
        assert_eq!(v.name.as_deref(), Some("Sam Doe"));
        assert_eq!(v.signature.as_deref(), Some("Take care,\nAl"));
        assert_eq!(
            FrameValues::new(Some("  "), Some("\n")),
            FrameValues::default()
        );
    }
}
