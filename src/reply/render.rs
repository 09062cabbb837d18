//! The template engine, set up once for every template of the library: snippet blocks,
//! their `when` expressions and the frames. Strict (an undefined name is an error), bounded
//! (fuel, recursion and tag-length limits stop a runaway template), and keeping what is not
//! library text out of the library text.
//!
//! Provenance is out of band. An answer the advocate typed, a link and a frame's body enter
//! a template as opaque values; when one is printed, the formatter writes one private-use
//! character standing for it (a [`Slot`]) and records that it did. After rendering, the
//! slots in the output must be exactly the recorded ones in order, so a template can neither
//! forge a slot nor copy, drop or move one. The value itself never enters the template: a
//! filter or string operation on it (`{{ who|upper }}`, `who ~ ""`) sees only [`TAINT`],
//! which the guard refuses in library text. So an answer is never judged, never quoted, and
//! library text can never pass for an answer.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::sync::Arc;

use anyhow::Result;
use minijinja::value::{Object, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};

use crate::clean;
use crate::error::Located;
use crate::library::LoadedSnippet;
use crate::library::jurisdictions::Jurisdiction;
use crate::library::source_map::{block_spans, locate_in_block};
use crate::reply::answers::Answer;
use crate::suggest;

pub use crate::reply::answers::STATE;

/// The character a filter or string operation makes of an answer or a link (see [`Opaque`]):
/// in library text it means the template changed one, which the guard refuses.
pub const TAINT: char = '\u{10FFFD}';

/// The stack a render needs: templates from a library folder are untrusted, and minijinja
/// recurses over nested values (a list of a list of …, built up in a loop) when it prints,
/// compares or drops them. Fuel bounds that nesting to some tens of thousands of levels,
/// which overflows the default 8 MiB main stack; this holds it with room to spare. Untouched
/// pages cost no memory.
pub const STACK_BYTES: usize = 256 << 20;

/// Enough for any real reply many times over; a loop of millions runs out quickly.
const FUEL: u64 = 200_000;
const RECURSION_LIMIT: usize = 64;

/// The longest tag (`{{ … }}`, `{% … %}`) or `when` accepted. minijinja parses an expression
/// recursively, so one holding tens of thousands of operators overflows the stack; real tags
/// are a line at most.
const MAX_TAG_CHARS: usize = 1000;

/// What a slot character in rendered output stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The advocate's value number `n` of the render (a text answer, a name, a signature).
    Typed(usize),
    /// The registry link number `n` (in the engine's sorted list of link names).
    Link(usize),
    /// A frame's body.
    Body,
    /// The state's name, left out so one render serves every state (`check`, for a block
    /// that only prints the state: see [`prints_state_only`]).
    State,
}

/// Slots are Plane 15 private-use characters: `Typed` from U+F0000, `Link` from U+F8000.
const TYPED_BASE: u32 = 0xF_0000;
const LINK_BASE: u32 = 0xF_8000;
pub const BODY_CHAR: char = '\u{FFFFD}';
/// What [`Slot::State`] is written as.
pub const STATE_CHAR: char = '\u{FFFFC}';
const SLOTS_PER_KIND: usize = 0x8000 - 16;

impl Slot {
    fn to_char(self) -> Option<char> {
        match self {
            Slot::Typed(n) if n < SLOTS_PER_KIND => char::from_u32(TYPED_BASE + n as u32),
            Slot::Link(n) if n < SLOTS_PER_KIND => char::from_u32(LINK_BASE + n as u32),
            Slot::Body => Some(BODY_CHAR),
            Slot::State => Some(STATE_CHAR),
            _ => None,
        }
    }

    /// The slot a character stands for, if it is one.
    pub fn from_char(c: char) -> Option<Slot> {
        let n = u32::from(c);
        if c == BODY_CHAR {
            Some(Slot::Body)
        } else if c == STATE_CHAR {
            Some(Slot::State)
        } else if (TYPED_BASE..TYPED_BASE + SLOTS_PER_KIND as u32).contains(&n) {
            Some(Slot::Typed((n - TYPED_BASE) as usize))
        } else if (LINK_BASE..LINK_BASE + SLOTS_PER_KIND as u32).contains(&n) {
            Some(Slot::Link((n - LINK_BASE) as usize))
        } else {
            None
        }
    }
}

/// A value that stands in a template for something that is not library text.
#[derive(Debug)]
struct Opaque {
    slot: Slot,
    /// What `if who` sees: whether the value is non-empty.
    truthy: bool,
}

impl Object for Opaque {
    fn is_true(self: &Arc<Self>) -> bool {
        self.truthy
    }

    /// Any use but printing (a filter, `~`, a comparison's string form) sees only TAINT.
    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{TAINT}")
    }
}

/// The slots the formatter wrote during one render, in order: kept in the render's own
/// state, so renders on several threads (`check`) or nested in one another never mix.
#[derive(Debug, Default)]
struct Written(Vec<Slot>);

/// A rendered template: its text with slots, and what it cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    /// Fuel the render consumed, for bounding work over many renders (`check`).
    pub fuel: u64,
}

/// The values a render sees. Answers and the state are added by the caller.
#[derive(Debug, Clone, Default)]
pub struct Context {
    map: BTreeMap<String, Value>,
    /// The advocate's values, by slot number.
    pub typed: Vec<String>,
    /// The map as the engine takes it, made once for all the renders of this context.
    value: std::sync::OnceLock<Value>,
}

impl Context {
    /// A library value (a yes-no, a choice label, a default text, a state's name): template
    /// data that the guard judges where it is printed.
    pub fn library(&mut self, name: &str, value: Value) {
        self.map.insert(name.to_owned(), value);
    }

    /// A value the advocate gave: printed only as a slot, never judged. A value that shows
    /// nothing (a zero-width space) is empty, so it prints as an empty answer does: no
    /// "Dear ,". (Library text is judged as written instead, invisible characters refused.)
    pub fn typed(&mut self, name: &str, text: &str) {
        let text = if clean::shows_nothing(text) { "" } else { text };
        let slot = Slot::Typed(self.typed.len());
        self.typed.push(text.to_owned());
        self.map.insert(
            name.to_owned(),
            Value::from_object(Opaque {
                slot,
                truthy: !text.is_empty(),
            }),
        );
    }

    /// A checked answer, as every render sees it: yes-no, a choice label and a declared
    /// default are the library's values (judged where printed); what the advocate typed is a
    /// slot. An empty default is a slot too: there is nothing to judge, and an empty value
    /// prints as an empty answer does (its paragraph tidied, no "Dear ,").
    pub fn answer(&mut self, id: &str, answer: &Answer) {
        match answer {
            Answer::YesNo(b) => self.library(id, (*b).into()),
            Answer::Choice(c) => self.library(id, c.as_str().into()),
            Answer::DefaultText(t) if !t.is_empty() => self.library(id, t.as_str().into()),
            Answer::Text(t) | Answer::DefaultText(t) => self.typed(id, t),
        }
    }

    /// The survivor's state, as templates name it (with its article: "the District of
    /// Columbia").
    pub fn state(&mut self, jurisdiction: &Jurisdiction) {
        self.library(STATE, jurisdiction.in_prose().into());
    }

    /// The frame's body.
    pub fn body(&mut self) {
        self.map.insert(
            "body".to_owned(),
            Value::from_object(Opaque {
                slot: Slot::Body,
                truthy: true,
            }),
        );
    }

    /// The state as a slot: its name is put in after rendering.
    pub fn state_slot(&mut self) {
        self.map.insert(
            STATE.to_owned(),
            Value::from_object(Opaque {
                slot: Slot::State,
                truthy: true,
            }),
        );
    }

    /// Whether `name` has a value (answered, or the state known).
    pub fn has(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    fn value(&self) -> Value {
        self.value
            .get_or_init(|| Value::from(self.map.clone()))
            .clone()
    }
}

/// Every template of a library, compiled once.
pub struct Engine {
    env: Environment<'static>,
    /// Registry link names, sorted: `Slot::Link(n)` is `links[n]`.
    links: Arc<Vec<String>>,
}

impl Engine {
    /// An engine whose `link()` accepts the names in `links`; `registry` says where they are
    /// listed, for the message about a name that is not.
    pub fn new(links: impl IntoIterator<Item = String>, registry: String) -> Engine {
        let mut links: Vec<String> = links.into_iter().collect();
        links.sort();
        links.dedup();
        let links = Arc::new(links);
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(RECURSION_LIMIT);
        env.set_debug(false);
        // Escaping is the output format's job; the engine prints text as it is.
        env.set_auto_escape_callback(|_| AutoEscape::None);
        env.set_formatter(|out, state, value| {
            if let Some(opaque) = value.downcast_object_ref::<Opaque>() {
                let c = opaque.slot.to_char().ok_or_else(|| {
                    Error::new(ErrorKind::InvalidOperation, "too many answers printed")
                })?;
                state
                    .get_or_insert_extension_with(Written::default)
                    .0
                    .push(opaque.slot);
                write!(out, "{c}").map_err(Error::from)
            } else if value.is_none() {
                Ok(())
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        let names = Arc::clone(&links);
        env.add_function("link", move |name: &str| -> Result<Value, Error> {
            match names.binary_search_by(|n| n.as_str().cmp(name)) {
                Ok(n) => Ok(Value::from_object(Opaque {
                    slot: Slot::Link(n),
                    truthy: true,
                })),
                Err(_) => Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!(
                        "unknown link '{name}'{}; {registry}",
                        suggest::did_you_mean(name, names.iter().map(String::as_str))
                    ),
                )),
            }
        });
        Engine { env, links }
    }

    /// The registry link name a `Slot::Link` stands for.
    pub fn link_name(&self, n: usize) -> Option<&str> {
        self.links.get(n).map(String::as_str)
    }

    /// Compiles every block of `snippet`; a syntax error names the file, line and column.
    pub fn add_snippet(&mut self, snippet: &LoadedSnippet) -> Result<()> {
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
            template_error(snippet, block, field, &piece, &tag_too_long())
        };
        if let Some(at) = oversized_tag(&b.text) {
            return Err(too_long("text", &b.text, at));
        }
        if let Some(when) = b.when.as_deref().filter(|w| w.len() > MAX_TAG_CHARS) {
            return Err(too_long("when", when, 0));
        }
        self.env
            .add_template_owned(block_name(snippet, block), b.text.clone())
            .map_err(|e| template_error(snippet, block, "text", &b.text, &e))?;
        if let Some(when) = &b.when {
            self.env
                .compile_expression(when)
                .map_err(|e| template_error(snippet, block, "when", when, &e))?;
        }
        Ok(())
    }

    /// Compiles a frame (`templates/<format>.jinja`); `origin` names it in messages.
    pub fn add_frame(&mut self, key: &str, origin: &str, text: &str) -> Result<()> {
        if let Some(at) = oversized_tag(text) {
            return Err(frame_error(origin, text, at, &tag_too_long()));
        }
        self.env
            .add_template_owned(frame_name(key), text.to_owned())
            .map_err(|e| frame_error_at(origin, text, &e))
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
        let template = self.env.get_template(&block_name(snippet, block))?;
        Ok(template.undeclared_variables(false))
    }

    /// Whether a block is in the reply for these values.
    pub fn included(&self, snippet: &LoadedSnippet, block: usize, ctx: &Context) -> Result<bool> {
        let Some(when) = &snippet.snippet.blocks[block].when else {
            return Ok(true);
        };
        let fail = |e: &Error| template_error(snippet, block, "when", when, e);
        let expr = self.env.compile_expression(when).map_err(|e| fail(&e))?;
        // Strict mode lets an undefined name through an expression (`x and typo` is simply
        // undefined), so names are checked before evaluating: a typo must not hide a block.
        for name in expr.undeclared_variables(false) {
            if !ctx.has(&name) && !self.is_global(&name) {
                return Err(fail(&not_a_question(&name)));
            }
        }
        let value = expr.eval(ctx.value()).map_err(|e| fail(&e))?;
        if value.is_undefined() {
            return Err(fail(&not_a_question(when.trim())));
        }
        Ok(value.is_true())
    }

    /// Renders a block's text.
    pub fn render_block(
        &self,
        snippet: &LoadedSnippet,
        block: usize,
        ctx: &Context,
    ) -> Result<Rendered> {
        let text = &snippet.snippet.blocks[block].text;
        self.render(&block_name(snippet, block), ctx)
            .map_err(|e| template_error(snippet, block, "text", text, &e))
    }

    /// Renders a frame.
    pub fn render_frame(
        &self,
        key: &str,
        origin: &str,
        source: &str,
        ctx: &Context,
    ) -> Result<Rendered> {
        self.render(&frame_name(key), ctx)
            .map_err(|e| frame_error_at(origin, source, &e))
    }

    fn render(&self, name: &str, ctx: &Context) -> Result<Rendered, Error> {
        let captured = self.env.get_template(name)?.render_captured(ctx.value())?;
        let written = captured
            .state()
            .get_extension::<Written>()
            .map_or(&[][..], |w| w.0.as_slice());
        let fuel = captured.state().fuel_levels().map_or(0, |(used, _)| used);
        let text = captured.output().to_owned();
        let found: Vec<Slot> = text.chars().filter_map(Slot::from_char).collect();
        if found != written {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                "the template writes, repeats, drops or reorders the program's internal characters (U+F0000 to U+FFFFD) instead of printing answers and links as they are",
            ));
        }
        Ok(Rendered { text, fuel })
    }
}

fn not_a_question(name: &str) -> Error {
    Error::new(
        ErrorKind::UndefinedError,
        format!("`{name}` is not a question of this reply"),
    )
}

fn tag_too_long() -> Error {
    Error::new(
        ErrorKind::SyntaxError,
        format!(
            "a tag runs past {MAX_TAG_CHARS} characters without closing; keep each `{{{{ … }}}}` and `{{% … %}}` short"
        ),
    )
}

/// Whether a template uses `state` only to print it (`{{ state }}`), never to test, change
/// or capture it: then its output for a state is its output with the state's name put in
/// where it is printed, and one render serves every state. Judged from the source, and
/// conservatively: any other mention of `state`, or any tag that captures output, says no.
pub fn prints_state_only(text: &str) -> bool {
    const CAPTURING: &[&str] = &[
        "set", "filter", "call", "macro", "with", "include", "import", "extends", "block",
    ];
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let (close, print) = match after.chars().next() {
            Some('{') => ("}}", true),
            Some('%') => ("%}", false),
            _ => {
                rest = after;
                continue;
            }
        };
        let Some(end) = after[1..].find(close) else {
            return false;
        };
        let inside =
            after[1..1 + end].trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        let mentions = inside
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|w| w == STATE);
        if mentions && !(print && inside == STATE) {
            return false;
        }
        if !print
            && inside
                .split_whitespace()
                .next()
                .is_some_and(|w| CAPTURING.contains(&w))
        {
            return false;
        }
        rest = &after[1 + end + close.len()..];
    }
    true
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

fn block_name(snippet: &LoadedSnippet, block: usize) -> String {
    format!("{}#{}", snippet.id, block + 1)
}

fn frame_name(key: &str) -> String {
    format!("frame:{key}")
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
    Located::new(
        &snippet.source.origin,
        location,
        format!(
            "template error in block {} ({field}): {}",
            block + 1,
            what(err)
        ),
    )
    .into()
}

/// A frame's template error, located by the error's own range or line.
fn frame_error_at(origin: &str, text: &str, err: &Error) -> anyhow::Error {
    match (err.range(), err.line()) {
        (Some(range), _) if range.start <= text.len() => {
            frame_error(origin, text, range.start, err)
        }
        (_, Some(line)) => {
            let offset: usize = text
                .split_inclusive('\n')
                .take(line.saturating_sub(1))
                .map(str::len)
                .sum();
            frame_error(origin, text, offset, err)
        }
        _ => frame_error(origin, text, usize::MAX, err),
    }
}

fn frame_error(origin: &str, text: &str, offset: usize, err: &Error) -> anyhow::Error {
    let location = (offset <= text.len()).then(|| crate::error::line_col(text, offset));
    Located::new(
        origin,
        location,
        format!(
            "template error in the frame: {}; a frame may use `name`, `signature` and `body`",
            what(err)
        ),
    )
    .into()
}

fn what(err: &Error) -> String {
    match err.detail() {
        Some(detail) => format!("{}: {detail}", err.kind()),
        None => err.kind().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine_with(template: &str) -> Engine {
        let mut engine = Engine::new(["crimes".to_owned()], "links.yaml lists the links".into());
        engine
            .env
            .add_template_owned("t", template.to_owned())
            .expect("compiles");
        engine
    }

    fn render(template: &str, ctx: &Context) -> Result<Rendered, Error> {
        engine_with(template).render("t", ctx)
    }

    fn ctx() -> Context {
        let mut ctx = Context::default();
        ctx.library("charges", Value::from(true));
        ctx.library(STATE, Value::from("New York"));
        ctx.typed("who", "{{ 7*7 }} Jane");
        ctx
    }

    #[test]
    fn answers_and_links_come_out_as_recorded_slots() {
        let out = render("{{ state }}: {{ who }} {{ link('crimes') }}", &ctx()).unwrap();
        let slots: Vec<Slot> = out.text.chars().filter_map(Slot::from_char).collect();
        assert_eq!(slots, vec![Slot::Typed(0), Slot::Link(0)]);
        assert!(out.text.starts_with("New York: "));
        assert!(
            !out.text.contains("Jane"),
            "the value never enters the template"
        );
        assert!(out.fuel > 0);
    }

    #[test]
    fn a_changed_answer_is_tainted_not_copied() {
        for template in [
            "{{ who|upper }}",
            "{{ who ~ '' }}",
            "{{ who|replace('J', 'L') }}",
        ] {
            let out = render(template, &ctx()).unwrap();
            assert_eq!(out.text, TAINT.to_string(), "{template}");
        }
        assert!(
            render("{{ who[0] }}", &ctx()).is_err(),
            "no indexing into an answer"
        );
    }

    #[test]
    fn forged_repeated_or_dropped_slots_are_errors() {
        let typed = Slot::Typed(0).to_char().unwrap();
        let link = Slot::Link(0).to_char().unwrap();
        for template in [
            format!("{typed}"),
            format!("Hi {{{{ who }}}}{link}"),
            "{{ '\\uDB80\\uDC00' }}".to_owned(),
            "{% set x %}{{ who }}{% endset %}{{ x }}{{ x }}".to_owned(),
            "{% set x %}{{ who }}{% endset %}".to_owned(),
        ] {
            let err = render(&template, &ctx()).unwrap_err();
            assert!(
                err.to_string().contains("internal characters"),
                "{template}: {err}"
            );
        }
        // Captured and printed once, in order, is the answer as typed.
        let out = render("{% set x %}{{ who }}{% endset %}{{ x }}", &ctx()).unwrap();
        assert_eq!(out.text.chars().filter_map(Slot::from_char).count(), 1);
    }

    #[test]
    fn only_a_plain_print_of_the_state_lets_one_render_serve_every_state() {
        assert!(prints_state_only(
            "From {{ state }} and {{- state -}}: {% if q %}x{% endif %}"
        ));
        for not in [
            "{% if state == 'Texas' %}x{% endif %}",
            "{{ state|upper }}",
            "{% set x %}{{ state }}{% endset %}{{ x }}",
            "{% filter upper %}{{ state }}{% endfilter %}",
            "{{ link(state) }}",
            "{{ state",
        ] {
            assert!(!prints_state_only(not), "{not}");
        }
    }

    #[test]
    fn undefined_names_are_errors() {
        assert!(render("{{ missing }}", &ctx()).is_err());
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
