//! minijinja, set up for replies: strict (an undefined name is an error), bounded (fuel and
//! recursion limits stop a runaway template), and marking what is not library text.
//!
//! Text answers are wrapped in an object the formatter recognises, so they come out between
//! answer marks and are never evaluated as template code; `link("name")` comes out as a link
//! mark holding the name, so one render serves every state (URLs are filled in afterwards).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::sync::Arc;

use anyhow::Result;
use minijinja::value::{Object, Value};
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior};

use crate::library::LoadedSnippet;
use crate::library::source_map::{block_spans, locate_in_block};
use crate::lint::diagnostic::Located;
use crate::reply::answers::{Answer, Answers};
use crate::reply::paragraphs::{ANSWER_CLOSE, ANSWER_OPEN, LINK_CLOSE, LINK_OPEN};
use crate::suggest;

/// Enough for any real reply many times over; a loop of millions runs out quickly.
const FUEL: u64 = 200_000;
const RECURSION_LIMIT: usize = 64;

/// The longest tag (`{{ … }}`, `{% … %}`) or `when` accepted. minijinja parses an expression
/// recursively, so one holding tens of thousands of operators overflows the stack; real tags
/// are a line at most.
const MAX_TAG_CHARS: usize = 1000;

/// Names templates may use besides the questions.
pub const STATE: &str = "state";

/// The compiled templates of the snippets of one reply.
pub struct Renderer {
    env: Environment<'static>,
}

/// A text answer inside the template engine: renders as itself between answer marks.
#[derive(Debug)]
struct Typed(String);

impl Object for Typed {
    fn is_true(self: &Arc<Self>) -> bool {
        !self.0.is_empty()
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Renderer {
    /// A renderer whose `link()` accepts the names in `links`.
    pub fn new(links: BTreeSet<String>) -> Renderer {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(RECURSION_LIMIT);
        env.set_debug(false);
        env.set_formatter(|out, _state, value| {
            if let Some(typed) = value.downcast_object_ref::<Typed>() {
                write!(out, "{ANSWER_OPEN}{}{ANSWER_CLOSE}", typed.0).map_err(Error::from)
            } else {
                minijinja::escape_formatter(out, _state, value)
            }
        });
        env.add_function("link", move |name: &str| -> Result<Value, Error> {
            if links.contains(name) {
                Ok(Value::from_safe_string(format!(
                    "{LINK_OPEN}{name}{LINK_CLOSE}"
                )))
            } else {
                Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!(
                        "unknown link '{name}'{}; links.yaml lists the links",
                        suggest::did_you_mean(name, links.iter().map(String::as_str))
                    ),
                ))
            }
        });
        Renderer { env }
    }

    /// Compiles every block of `snippet`; a syntax error names the file, line and column.
    pub fn add(&mut self, snippet: &LoadedSnippet) -> Result<()> {
        for block in 0..snippet.snippet.blocks.len() {
            self.add_block(snippet, block)?;
        }
        Ok(())
    }

    /// Compiles one block's `text` and `when`, so `check` can report every block that fails.
    pub fn add_block(&mut self, snippet: &LoadedSnippet, block: usize) -> Result<()> {
        let b = &snippet.snippet.blocks[block];
        let too_long = |field: &str, text: &str, at: usize| {
            let piece: String = text[at..].chars().take(20).collect();
            let err = Error::new(
                ErrorKind::SyntaxError,
                format!(
                    "a tag runs past {MAX_TAG_CHARS} characters without closing; keep each `{{{{ … }}}}` and `{{% … %}}` short"
                ),
            );
            template_error(snippet, block, field, &piece, &err)
        };
        if let Some(at) = oversized_tag(&b.text) {
            return Err(too_long("text", &b.text, at));
        }
        if let Some(when) = b.when.as_deref().filter(|w| w.len() > MAX_TAG_CHARS) {
            return Err(too_long("when", when, 0));
        }
        self.env
            .add_template_owned(template_name(snippet, block), b.text.clone())
            .map_err(|e| template_error(snippet, block, "text", &b.text, &e))?;
        if let Some(when) = &b.when {
            self.env
                .compile_expression(when)
                .map_err(|e| template_error(snippet, block, "when", when, &e))?;
        }
        Ok(())
    }

    /// Whether `name` is a function or value minijinja gives every template (`range`, `link`…).
    pub fn is_global(&self, name: &str) -> bool {
        self.env.globals().any(|(g, _)| g == name)
    }

    /// Names a block's `when` uses (empty without one).
    pub fn when_names(&self, snippet: &LoadedSnippet, block: usize) -> Result<HashSet<String>> {
        match &snippet.snippet.blocks[block].when {
            None => Ok(HashSet::new()),
            Some(when) => Ok(self
                .env
                .compile_expression(when)
                .map_err(|e| template_error(snippet, block, "when", when, &e))?
                .undeclared_variables(false)),
        }
    }

    /// Names a block's `text` uses.
    pub fn text_names(&self, snippet: &LoadedSnippet, block: usize) -> Result<HashSet<String>> {
        let template = self.env.get_template(&template_name(snippet, block))?;
        Ok(template.undeclared_variables(false))
    }

    /// Whether a block is in the reply for these answers.
    pub fn included(&self, snippet: &LoadedSnippet, block: usize, ctx: &Value) -> Result<bool> {
        let Some(when) = &snippet.snippet.blocks[block].when else {
            return Ok(true);
        };
        let expr = self
            .env
            .compile_expression(when)
            .map_err(|e| template_error(snippet, block, "when", when, &e))?;
        // Strict mode lets an undefined name through an expression (`x and typo` is simply
        // undefined), so names are checked before evaluating: a typo must not hide a block.
        for name in expr.undeclared_variables(false) {
            let known =
                ctx.get_attr(&name).is_ok_and(|v| !v.is_undefined()) || self.is_global(&name);
            if !known {
                let err = Error::new(
                    ErrorKind::UndefinedError,
                    format!("`{name}` is not a question of this reply"),
                );
                return Err(template_error(snippet, block, "when", when, &err));
            }
        }
        let value = expr
            .eval(ctx.clone())
            .map_err(|e| template_error(snippet, block, "when", when, &e))?;
        if value.is_undefined() {
            // Strict mode lets a bare undefined name through an expression; it is still a typo.
            let err = Error::new(
                ErrorKind::UndefinedError,
                format!("`{}` is not a question of this reply", when.trim()),
            );
            return Err(template_error(snippet, block, "when", when, &err));
        }
        Ok(value.is_true())
    }

    /// Renders a block's text, with answers and links marked.
    pub fn render(&self, snippet: &LoadedSnippet, block: usize, ctx: &Value) -> Result<String> {
        let text = &snippet.snippet.blocks[block].text;
        self.env
            .get_template(&template_name(snippet, block))?
            .render(ctx.clone())
            .map_err(|e| template_error(snippet, block, "text", text, &e))
    }
}

/// The template context: each answer under its question id, and `state` when known.
pub fn context(answers: &Answers, state: Option<&str>) -> Value {
    let mut map: BTreeMap<String, Value> = answers
        .iter()
        .map(|(id, answer)| {
            let value = match answer {
                Answer::YesNo(b) => Value::from(*b),
                Answer::Choice(s) => Value::from(s.as_str()),
                Answer::Text(s) => Value::from_object(Typed(s.clone())),
            };
            (id.clone(), value)
        })
        .collect();
    if let Some(state) = state {
        map.insert(STATE.to_owned(), Value::from(state));
    }
    Value::from(map)
}

/// The link names a template calls with a literal, and whether it calls `link` any other way.
pub fn literal_links(text: &str) -> (Vec<String>, bool) {
    let mut names = Vec::new();
    let mut dynamic = false;
    let mut rest = text;
    while let Some(at) = rest.find("link(") {
        let preceded_by_name = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[at + "link(".len()..];
        if preceded_by_name {
            continue;
        }
        let args = rest.trim_start();
        let quote = args.chars().next().filter(|c| *c == '"' || *c == '\'');
        match quote.and_then(|q| args[1..].find(q).map(|end| &args[1..=end])) {
            Some(name) => names.push(name.to_owned()),
            None => dynamic = true,
        }
    }
    (names, dynamic)
}

/// The byte offset of the first `{{` or `{%` that is not closed within [`MAX_TAG_CHARS`],
/// skipping string literals inside tags as minijinja's lexer does.
fn oversized_tag(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    // One pass: outside a tag look for an opener, inside one for its closer.
    while i + 1 < bytes.len() {
        let close = match (bytes[i], bytes[i + 1]) {
            (b'{', b'{') => b'}',
            (b'{', b'%') => b'%',
            _ => {
                i += 1;
                continue;
            }
        };
        let open = i;
        let mut quote = None;
        i += 2;
        loop {
            if i - open > MAX_TAG_CHARS {
                return Some(open);
            }
            if i + 1 >= bytes.len() {
                return None;
            }
            match (quote, bytes[i]) {
                (Some(_), b'\\') => i += 1,
                (Some(q), b) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(bytes[i]),
                (None, b) if b == close && bytes[i + 1] == b'}' => break,
                (None, _) => {}
            }
            i += 1;
        }
        i += 2;
    }
    None
}

fn template_name(snippet: &LoadedSnippet, block: usize) -> String {
    format!("{}#{}", snippet.id, block + 1)
}

/// A template error as `file:line:column: … in block N (field): what`.
fn template_error(
    snippet: &LoadedSnippet,
    block: usize,
    field: &str,
    text: &str,
    err: &Error,
) -> anyhow::Error {
    // Point at the failing piece of the template inside the block in the YAML file when it
    // can be found there verbatim; otherwise at the block.
    let piece = err
        .range()
        .and_then(|r| text.get(r))
        .filter(|p| !p.trim().is_empty())
        .or_else(|| {
            err.line()
                .and_then(|l| text.lines().nth(l.saturating_sub(1)))
        })
        .unwrap_or(text);
    let location = locate_in_block(snippet, &block_spans(snippet), block, piece);
    let what = match err.detail() {
        Some(detail) => format!("{}: {detail}", err.kind()),
        None => err.kind().to_string(),
    };
    Located::new(
        &snippet.source.origin,
        location,
        format!("template error in block {} ({field}): {what}", block + 1),
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_reach_when_and_text_and_undefined_names_are_errors() {
        let mut answers = Answers::new();
        answers.insert("charges".into(), Answer::YesNo(true));
        answers.insert("who".into(), Answer::Text("{{ 7*7 }}".into()));
        let ctx = context(&answers, Some("New York"));
        let env = Renderer::new(BTreeSet::new()).env;
        assert!(
            env.compile_expression("charges")
                .unwrap()
                .eval(ctx.clone())
                .unwrap()
                .is_true()
        );
        assert!(
            env.compile_expression("not_a_question")
                .unwrap()
                .eval(ctx.clone())
                .unwrap()
                .is_undefined()
        );
        // Why `Renderer::included` checks names first: strict mode alone lets this through.
        assert!(
            env.compile_expression("charges and nope")
                .unwrap()
                .eval(ctx.clone())
                .unwrap()
                .is_undefined()
        );
        let out = env
            .render_str("{{ state }}: {{ who }}", ctx.clone())
            .unwrap();
        assert_eq!(
            out,
            format!("New York: {ANSWER_OPEN}{{{{ 7*7 }}}}{ANSWER_CLOSE}")
        );
        assert!(env.render_str("{{ missing }}", ctx).is_err());
    }

    #[test]
    fn refuses_a_tag_too_long_to_parse_safely() {
        assert_eq!(oversized_tag("a {{ b }} {% if c %}d{% endif %}"), None);
        let long = format!("ok {{{{ 1{} }}}}", " + 1".repeat(300));
        assert_eq!(oversized_tag(&long), Some(3));
        // A closing mark inside a string does not end the tag.
        let hidden = format!("{{{{ \"}}}}\"{} }}}}", " + 1".repeat(300));
        assert_eq!(oversized_tag(&hidden), Some(0));
        // Unclosed but short: minijinja reports the syntax error itself.
        assert_eq!(oversized_tag("{% if x"), None);
        assert_eq!(
            oversized_tag(&format!("{{{{ {}", "not ".repeat(300))),
            Some(0)
        );
    }

    #[test]
    fn finds_literal_link_names_and_flags_computed_ones() {
        let (names, dynamic) = literal_links(
            r#"a {{ link("crimes") }} b {{ link( 'safety-tips' ) }} {{ unlink("x") }}"#,
        );
        assert_eq!(names, vec!["crimes", "safety-tips"]);
        assert!(!dynamic);
        let (_, dynamic) = literal_links("{{ link(kind ~ '-page') }}");
        assert!(dynamic);
    }
}
