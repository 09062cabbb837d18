//! Every YAML call of the program, so the archived `serde_yaml` can be swapped in one place.
//!
//! Every parse goes through [`from_str`], which bounds the nesting before serde_yaml sees the
//! text: its parser (libyaml) takes time in the square of the depth, so a file of nested
//! brackets would run for minutes. serde_yaml itself refuses alias bombs. It also refuses a
//! key given twice in one mapping ([`unique_keys`]), which serde would let the last win.

use std::cell::RefCell;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::clean::strip_unsafe_chars;
use crate::error::Located;
use crate::error::line_col;
use crate::library::files::Source;
use crate::library::unique_keys;

pub use crate::library::unique_keys::REPEATED_KEY;

/// Deeper nesting is refused before parsing. The files the program reads need fewer than ten
/// levels (a snippet: its mapping, `blocks`, one block, perhaps a `[...]` list).
pub const MAX_DEPTH: usize = 64;

/// What a file the advocate writes may not hold: serde_yaml takes a `!x` tag for an enum and
/// silently ignores a `!!x` one, so no tag is allowed there at all.
pub const NO_TAGS: &str = "a YAML tag (`!…`) has no place in this file; remove it";
/// What an alias is told: no file the program reads needs one, and a few hundred kilobytes of
/// aliases to one long value expand to gigabytes.
pub const NO_ALIASES: &str =
    "a YAML alias (`*name`) has no place in this file; write the value out where it is used";

/// Whether a file may hold YAML tags (`!x`, `!!str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tags {
    Allowed,
    Refused,
}

/// Parses `text` from `origin` into `T`. An empty document is an error of its own, since
/// serde's "EOF while parsing" would not tell an editor what is wrong.
pub fn parse<T: DeserializeOwned>(text: &str, origin: &str) -> Result<T, Located> {
    parse_with(text, origin, Tags::Allowed, Keys::Walked)
}

/// [`parse`] for a library file. A file built into the binary is not walked for repeated
/// keys: that walk parses the text a second time, which costs a compose a quarter of its
/// time, and a test walks every built-in file instead
/// (`library::tests::no_built_in_file_gives_a_key_twice`).
pub fn parse_source<T: DeserializeOwned>(source: &Source) -> Result<T, Located> {
    let keys = if source.built_in {
        Keys::Trusted
    } else {
        Keys::Walked
    };
    parse_with(&source.text, &source.origin, Tags::Allowed, keys)
}

/// Whether a text is walked for a key given twice before it is deserialized.
#[derive(Clone, Copy)]
enum Keys {
    Walked,
    /// Built into the binary, and walked by a test.
    Trusted,
}

/// [`parse`] for a file the advocate writes (an answers file): any YAML tag is refused, at
/// its place, whatever it is, since none means anything in an answer.
pub fn parse_untagged<T: DeserializeOwned>(text: &str, origin: &str) -> Result<T, Located> {
    parse_with(text, origin, Tags::Refused, Keys::Walked)
}

fn parse_with<T: DeserializeOwned>(
    text: &str,
    origin: &str,
    tags: Tags,
    keys: Keys,
) -> Result<T, Located> {
    if text.trim().is_empty() {
        return Err(Located {
            origin: origin.to_owned(),
            location: None,
            message: "the file is empty".to_owned(),
        });
    }
    from_str(text, tags, keys).map_err(|refused| match refused {
        Refused::Tag(offset) => Located {
            origin: origin.to_owned(),
            location: Some(line_col(text, offset)),
            message: NO_TAGS.to_owned(),
        },
        Refused::Alias(offset) => Located {
            origin: origin.to_owned(),
            location: Some(line_col(text, offset)),
            message: NO_ALIASES.to_owned(),
        },
        Refused::TooDeep(deep) => Located {
            origin: origin.to_owned(),
            location: Some(line_col(text, deep.offset)),
            message: format!(
                "the YAML is nested {} levels deep (more than {MAX_DEPTH}); no file the program reads needs more than a few levels",
                deep.depth
            ),
        },
        Refused::Repeated { key, location } => Located {
            origin: origin.to_owned(),
            location,
            message: format!(
                "{REPEATED_KEY}, and '{}' is given again here; keep one of them",
                shown_key(&key)
            ),
        },
        Refused::Yaml(err) => {
            let location = err.location().map(|l| (l.line(), l.column()));
            // serde_yaml puts " at line L column C" after the problem; the location is already
            // in front, so only that is dropped. What follows (", while scanning a quoted scalar
            // at line 4 column 11") says where the trouble began, and stays.
            let message = drop_first_position(&err.to_string());
            Located {
                origin: origin.to_owned(),
                location,
                message,
            }
        }
    })
}

/// Why [`from_str`] gave no value.
enum Refused {
    TooDeep(TooDeep),
    /// A tag where none is allowed; the byte offset of its `!`.
    Tag(usize),
    /// An alias; the byte offset of its `*`.
    Alias(usize),
    /// A key given twice in one mapping; where the second one is.
    Repeated {
        key: String,
        location: Option<(usize, usize)>,
    },
    Yaml(serde_yaml::Error),
}

/// The one way text reaches serde_yaml: refused unread when it nests more than
/// [`MAX_DEPTH`] levels (or holds a tag where `tags` refuses them), and refused when a
/// mapping has a key twice.
fn from_str<T: DeserializeOwned>(text: &str, tags: Tags, keys: Keys) -> Result<T, Refused> {
    let scanned = nesting(text);
    if let Some(offset) = scanned.over_at {
        return Err(Refused::TooDeep(TooDeep {
            depth: scanned.deepest,
            offset,
        }));
    }
    if let (Tags::Refused, Some(offset)) = (tags, scanned.tag_at) {
        return Err(Refused::Tag(offset));
    }
    if let Some(offset) = scanned.alias_at {
        return Err(Refused::Alias(offset));
    }
    let repeated = RefCell::new(None);
    let walked = match keys {
        Keys::Walked => unique_keys::walk(serde_yaml::Deserializer::from_str(text), &repeated),
        Keys::Trusted => Ok(()),
    };
    if let Err(err) = walked {
        if let Some(key) = repeated.into_inner() {
            let location = err.location().map(|l| (l.line(), l.column()));
            return Err(Refused::Repeated { key, location });
        }
    }
    serde_yaml::from_str(text).map_err(Refused::Yaml)
}

/// A repeated key as a message about a library file shows it: clean, and not too long.
fn shown_key(key: &str) -> String {
    let key = strip_unsafe_chars(key);
    match key.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &key[..end]),
        None => key,
    }
}

fn drop_first_position(message: &str) -> String {
    let Some(start) = message.find(" at line ") else {
        return message.to_owned();
    };
    let rest = &message[start + " at line ".len()..];
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let line = digits(rest);
    let after_line = &rest[line..];
    let end = match after_line.strip_prefix(" column ") {
        Some(column) => line + " column ".len() + digits(column),
        None => line,
    };
    format!("{}{}", &message[..start], &rest[end..])
}

/// Parses only the top-level entries named in `keys` into `T`, skipping the rest of the text
/// unread by the YAML parser: `list` needs a snippet's title, not its paragraphs. An entry
/// runs from its `key:` at the start of a line to the next line that starts another entry.
/// `None` when anything is unusual (the caller then parses the whole file, which also gives
/// the precise error).
pub fn parse_top_level<T: DeserializeOwned>(text: &str, keys: &[&str]) -> Option<T> {
    let mut picked = String::new();
    let mut keep = false;
    for line in text.lines() {
        let starts_entry = line.starts_with(|c: char| !c.is_whitespace() && c != '#');
        if starts_entry {
            let key = line.split(':').next().unwrap_or_default();
            if line.starts_with("---")
                || line.starts_with("...")
                || key.contains(['&', '*', '"', '\'', '?', '{', '['])
            {
                return None;
            }
            keep = keys.contains(&key.trim_end());
        }
        if keep {
            picked.push_str(line);
            picked.push('\n');
        }
    }
    from_str(&picked, Tags::Allowed, Keys::Walked).ok()
}

/// Serializes `value` as a YAML document.
pub fn to_string<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_yaml::to_string(value)?)
}

/// Where nesting first went past [`MAX_DEPTH`], and the deepest it went in the whole text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TooDeep {
    depth: usize,
    /// Byte offset of the bracket, dash or key that went one level too deep.
    offset: usize,
}

/// How deep `text` nests, measured the way serde_yaml's parser (libyaml) will read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Nesting {
    /// Block collections plus flow collections, including the ones that open without an
    /// indentation or a bracket of their own (`key:` then `- item` at the key's column; the
    /// single pair in `[a: b]`).
    deepest: usize,
    over_at: Option<usize>,
    /// Where the first tag token is (`!x`, `!!str`, `!<…>`), if any.
    tag_at: Option<usize>,
    /// Where the first alias (`*name`) is.
    alias_at: Option<usize>,
}

/// One pass over the text, in time linear in its length, that follows libyaml's scanner
/// (unsafe-libyaml 0.2, `scanner.rs`) closely enough to know what it will nest: which `[` and
/// `{` open a flow collection and which are text (in a quoted, plain or block scalar, in a
/// comment, in a tag), and where a block mapping or sequence starts a deeper indentation
/// level. Matching libyaml matters in one direction: text this scan takes for a scalar or
/// a comment must be one for libyaml too, or brackets could hide from the count. So the scan
/// stops early only where libyaml stops with an error (nothing after that is parsed), and
/// where it is unsure it keeps counting. On text serde_yaml parses, the count is at least the
/// depth of what it builds, and in practice equal to it: the tests compare the two on every
/// file of the library and the fixtures and on generated YAML. So no real file is refused.
fn nesting(text: &str) -> Nesting {
    let mut scan = Scan {
        s: text.as_bytes(),
        pos: 0,
        line: 0,
        column: 0,
        index: 0,
        levels: Vec::new(),
        indentless: 0,
        flows: Vec::new(),
        pairs: 0,
        allowed: true,
        key: None,
        deepest: 0,
        over_at: None,
        tag_at: None,
        alias_at: None,
    };
    // `Err` is where libyaml reports a syntax error and stops: what was counted is all it reads.
    let _ = scan.tokens();
    Nesting {
        deepest: scan.deepest,
        over_at: scan.over_at,
        tag_at: scan.tag_at,
        alias_at: scan.alias_at,
    }
}

/// libyaml stops with a syntax error here.
struct Stop;

/// A block collection on libyaml's indentation stack.
#[derive(Debug, Clone, Copy)]
struct Level {
    column: isize,
    mapping: bool,
    /// A mapping whose value is a sequence at the mapping's own column (`key:` then `- item`).
    indentless: bool,
}

/// An open flow collection.
#[derive(Debug, Clone, Copy)]
struct Flow {
    sequence: bool,
    /// A sequence holding a single-pair mapping (`[a: b]`) up to the next `,` or `]`.
    pair: bool,
    /// The deepest nesting inside it so far.
    deepest: usize,
    /// The deepest nesting since its possible simple key began: when a `:` turns that into a
    /// key of a single-pair mapping, everything in the key is one level deeper than counted.
    key_deepest: Option<usize>,
}

/// A possible simple key (`key:` on one line) of the block context, as libyaml tracks it.
#[derive(Debug, Clone, Copy)]
struct Key {
    line: usize,
    index: usize,
    column: usize,
    offset: usize,
    /// At the indentation of its mapping: libyaml fails when it turns out not to be a key.
    required: bool,
    /// The deepest nesting since it began: when its `:` starts a block mapping around it,
    /// everything in the key (`[a]: b`) is one level deeper than counted.
    deepest: usize,
}

/// libyaml's scanner state, as far as nesting needs it. Lines, columns and indexes count
/// characters, as libyaml's marks do; `pos` is the byte offset.
struct Scan<'a> {
    s: &'a [u8],
    pos: usize,
    line: usize,
    column: usize,
    index: usize,
    /// Block collections, innermost last.
    levels: Vec<Level>,
    /// How many levels hold an indentless sequence.
    indentless: usize,
    /// Flow collections, innermost last.
    flows: Vec<Flow>,
    /// How many flow sequences hold a single-pair mapping.
    pairs: usize,
    /// libyaml's `simple_key_allowed`.
    allowed: bool,
    /// The possible simple key of the block context (flow level 0).
    key: Option<Key>,
    deepest: usize,
    over_at: Option<usize>,
    tag_at: Option<usize>,
    /// Where the first alias (`*name`) is.
    alias_at: Option<usize>,
}

impl Scan<'_> {
    /// Open flow collections: 0 is the block context.
    fn flow(&self) -> usize {
        self.flows.len()
    }

    /// The column of the innermost block collection, -1 at the top (libyaml's `indent`).
    fn indent(&self) -> isize {
        self.levels.last().map_or(-1, |l| l.column)
    }

    /// The byte `k` bytes ahead; 0 past the end (libyaml's NUL, which its reader refuses).
    fn at(&self, k: usize) -> u8 {
        self.s.get(self.pos + k).copied().unwrap_or(0)
    }

    fn at_end(&self) -> bool {
        self.at(0) == 0
    }

    fn is_blank(&self, k: usize) -> bool {
        matches!(self.at(k), b' ' | b'\t')
    }

    /// `\r`, `\n`, NEL, LS or PS: what libyaml ends a line with.
    fn is_break(&self, k: usize) -> bool {
        match self.at(k) {
            b'\r' | b'\n' => true,
            0xC2 => self.at(k + 1) == 0x85,
            0xE2 => self.at(k + 1) == 0x80 && matches!(self.at(k + 2), 0xA8 | 0xA9),
            _ => false,
        }
    }

    fn is_breakz(&self, k: usize) -> bool {
        self.at(k) == 0 || self.is_break(k)
    }

    fn is_blankz(&self, k: usize) -> bool {
        self.is_blank(k) || self.is_breakz(k)
    }

    /// `---` or `...` at the start of a line, followed by a blank: a document marker.
    fn document_marker(&self) -> bool {
        self.column == 0
            && (self.s[self.pos..].starts_with(b"---") || self.s[self.pos..].starts_with(b"..."))
            && self.is_blankz(3)
    }

    /// One character forward (the text is UTF-8, so the first byte gives its length).
    fn skip(&mut self) {
        let width = match self.at(0) {
            0 => return,
            b if b < 0x80 => 1,
            b if b >= 0xF0 => 4,
            b if b >= 0xE0 => 3,
            _ => 2,
        };
        self.pos = (self.pos + width).min(self.s.len());
        self.column += 1;
        self.index += 1;
    }

    /// Past one line break (`\r\n` is one).
    fn skip_line(&mut self) {
        if self.at(0) == b'\r' && self.at(1) == b'\n' {
            self.pos += 2;
            self.index += 2;
        } else if self.is_break(0) {
            let width = match self.at(0) {
                0xC2 => 2,
                0xE2 => 3,
                _ => 1,
            };
            self.pos += width;
            self.index += 1;
        } else {
            return;
        }
        self.column = 0;
        self.line += 1;
    }

    fn skip_to_break(&mut self) {
        while !self.is_breakz(0) {
            self.skip();
        }
    }

    fn depth(&self) -> usize {
        self.levels.len() + self.indentless + self.flows.len() + self.pairs
    }

    /// One level deeper, because of the token at `offset`.
    fn deeper(&mut self, offset: usize) {
        self.reach(self.depth(), offset);
    }

    /// Nesting reached `depth` at the token at `offset`: for the count, and for the keys
    /// that may turn out to enclose it.
    fn reach(&mut self, depth: usize, offset: usize) {
        self.deepest = self.deepest.max(depth);
        if depth > MAX_DEPTH && self.over_at.is_none() {
            self.over_at = Some(offset);
        }
        match self.flows.last_mut() {
            Some(flow) => {
                flow.deepest = flow.deepest.max(depth);
                if let Some(key) = &mut flow.key_deepest {
                    *key = (*key).max(depth);
                }
            }
            None => {
                if let Some(key) = &mut self.key {
                    key.deepest = key.deepest.max(depth);
                }
            }
        }
    }

    /// `[` or `{`.
    fn open_flow(&mut self, sequence: bool) {
        self.flows.push(Flow {
            sequence,
            pair: false,
            deepest: 0,
            key_deepest: None,
        });
        self.deeper(self.pos);
    }

    /// `]` or `}`: what was inside counts for the enclosing collection and its key.
    fn close_flow(&mut self) {
        self.end_flow_pair();
        let Some(closed) = self.flows.pop() else {
            return;
        };
        match self.flows.last_mut() {
            Some(flow) => {
                flow.deepest = flow.deepest.max(closed.deepest);
                if let Some(key) = &mut flow.key_deepest {
                    *key = (*key).max(closed.deepest);
                }
            }
            None => {
                if let Some(key) = &mut self.key {
                    key.deepest = key.deepest.max(closed.deepest);
                }
            }
        }
    }

    /// A block collection starts at `column` if that is deeper than the current one; returns
    /// whether it did.
    fn roll(&mut self, column: usize, mapping: bool, offset: usize) -> bool {
        let column = column as isize;
        if self.flow() == 0 && self.indent() < column {
            self.levels.push(Level {
                column,
                mapping,
                indentless: false,
            });
            self.deeper(offset);
            return true;
        }
        false
    }

    /// Block collections deeper than `column` end.
    fn unroll(&mut self, column: isize) {
        if self.flow() == 0 {
            while self.indent() > column {
                if self.levels.pop().is_some_and(|l| l.indentless) {
                    self.indentless -= 1;
                }
            }
        }
    }

    /// The innermost level's indentless sequence, if any, ends: a token other than `- ` at
    /// the level's column (the next key).
    fn end_indentless(&mut self) {
        let column = self.column as isize;
        if let Some(level) = self.levels.last_mut() {
            if self.flows.is_empty() && level.indentless && level.column == column {
                level.indentless = false;
                self.indentless -= 1;
            }
        }
    }

    /// `- ` at the column of a mapping: libyaml's parser reads an indentless sequence.
    fn start_indentless(&mut self, offset: usize) {
        let column = self.column as isize;
        if let Some(level) = self.levels.last_mut() {
            if level.mapping && !level.indentless && level.column == column {
                level.indentless = true;
                self.indentless += 1;
                self.deeper(offset);
            }
        }
    }

    /// `?` or `:` in a flow sequence opens a single-pair mapping, around the key when `:`
    /// ends one.
    fn flow_pair(&mut self, offset: usize) {
        let Some(flow) = self.flows.last_mut() else {
            return;
        };
        let key = flow.key_deepest.take();
        if flow.sequence && !flow.pair {
            flow.pair = true;
            self.pairs += 1;
            self.deeper(offset);
            if let Some(key) = key {
                self.reach(key + 1, offset);
            }
        }
    }

    /// `,` or the closing bracket ends a flow sequence's single pair.
    fn end_flow_pair(&mut self) {
        if let Some(flow) = self.flows.last_mut() {
            if flow.pair {
                flow.pair = false;
                self.pairs -= 1;
            }
        }
    }

    /// A token that could be a simple key starts here.
    fn save_key(&mut self) -> Result<(), Stop> {
        if !self.allowed {
            return Ok(());
        }
        let depth = self.depth();
        if let Some(flow) = self.flows.last_mut() {
            flow.key_deepest = Some(depth);
            return Ok(());
        }
        self.remove_key()?;
        self.key = Some(Key {
            line: self.line,
            index: self.index,
            column: self.column,
            offset: self.pos,
            required: self.indent() == self.column as isize,
            deepest: depth,
        });
        Ok(())
    }

    /// The simple key is no longer possible; libyaml fails when a required one is dropped. In
    /// a flow collection it is the collection's own key, which is never required.
    fn remove_key(&mut self) -> Result<(), Stop> {
        if let Some(flow) = self.flows.last_mut() {
            flow.key_deepest = None;
        } else if let Some(key) = self.key.take() {
            if key.required {
                return Err(Stop);
            }
        }
        Ok(())
    }

    /// A simple key ends with its line, or after 1024 characters.
    fn stale(&mut self) -> Result<(), Stop> {
        if let Some(key) = self.key {
            if key.line < self.line || key.index + 1024 < self.index {
                if key.required {
                    return Err(Stop);
                }
                self.key = None;
            }
        }
        Ok(())
    }

    /// Spaces, comments and line breaks up to the next token.
    fn skip_to_token(&mut self) {
        loop {
            if self.column == 0 && self.s[self.pos..].starts_with("\u{feff}".as_bytes()) {
                self.skip();
            }
            while self.at(0) == b' ' || ((self.flow() > 0 || !self.allowed) && self.at(0) == b'\t')
            {
                self.skip();
            }
            if self.at(0) == b'#' {
                self.skip_to_break();
            }
            if !self.is_break(0) {
                return;
            }
            self.skip_line();
            if self.flow() == 0 {
                self.allowed = true;
            }
        }
    }

    /// Every token, as libyaml's `yaml_parser_fetch_next_token` tells them apart.
    fn tokens(&mut self) -> Result<(), Stop> {
        loop {
            self.skip_to_token();
            if self.at_end() {
                return Ok(());
            }
            self.stale()?;
            self.unroll(self.column as isize);
            let c = self.at(0);
            if !(c == b'-' && self.is_blankz(1)) {
                self.end_indentless();
            }
            if self.column == 0 && c == b'%' {
                // A directive: the whole line, or a syntax error.
                self.unroll(-1);
                self.remove_key()?;
                self.allowed = false;
                self.skip_to_break();
                continue;
            }
            if self.document_marker() {
                self.unroll(-1);
                self.remove_key()?;
                self.allowed = false;
                (0..3).for_each(|_| self.skip());
                continue;
            }
            let flow = self.flow() > 0;
            match c {
                b'[' | b'{' => {
                    self.save_key()?;
                    self.open_flow(c == b'[');
                    self.allowed = true;
                    self.skip();
                }
                b']' | b'}' => {
                    self.remove_key()?;
                    self.close_flow();
                    self.allowed = false;
                    self.skip();
                }
                b',' => {
                    self.remove_key()?;
                    self.end_flow_pair();
                    self.allowed = true;
                    self.skip();
                }
                b'-' if self.is_blankz(1) => {
                    if !flow {
                        if !self.allowed {
                            return Err(Stop);
                        }
                        if !self.roll(self.column, false, self.pos) {
                            self.start_indentless(self.pos);
                        }
                    }
                    self.remove_key()?;
                    self.allowed = true;
                    self.skip();
                }
                b'?' if flow || self.is_blankz(1) => {
                    if flow {
                        self.flow_pair(self.pos);
                    } else {
                        if !self.allowed {
                            return Err(Stop);
                        }
                        self.roll(self.column, true, self.pos);
                    }
                    self.remove_key()?;
                    self.allowed = !flow;
                    self.skip();
                }
                b':' if flow || self.is_blankz(1) => {
                    self.value()?;
                    self.skip();
                }
                b'*' | b'&' => {
                    if c == b'*' {
                        self.alias_at.get_or_insert(self.pos);
                    }
                    self.save_key()?;
                    self.allowed = false;
                    self.anchor()?;
                }
                b'!' => {
                    self.save_key()?;
                    self.allowed = false;
                    self.tag();
                }
                b'|' | b'>' if !flow => {
                    self.remove_key()?;
                    self.allowed = true;
                    self.block_scalar()?;
                }
                b'\'' | b'"' => {
                    self.save_key()?;
                    self.allowed = false;
                    self.quoted(c == b'\'');
                }
                _ if self.plain_starts() => {
                    self.save_key()?;
                    self.allowed = false;
                    if self.plain()? {
                        self.allowed = true;
                    }
                }
                // "found character that cannot start any token"
                _ => return Err(Stop),
            }
        }
    }

    /// `:` — a block mapping starts at the key's column (or here, for an empty key).
    fn value(&mut self) -> Result<(), Stop> {
        if self.flow() > 0 {
            self.flow_pair(self.pos);
            self.allowed = false;
        } else if let Some(key) = self.key.take() {
            if self.roll(key.column, true, key.offset) {
                self.reach(key.deepest + 1, key.offset);
            }
            self.allowed = false;
        } else {
            if !self.allowed {
                return Err(Stop);
            }
            self.roll(self.column, true, self.pos);
            self.allowed = true;
        }
        Ok(())
    }

    /// `&name` or `*name`: letters, digits, `-` and `_`, then a blank or an indicator.
    fn anchor(&mut self) -> Result<(), Stop> {
        self.skip();
        let start = self.pos;
        while self.at(0).is_ascii_alphanumeric() || matches!(self.at(0), b'-' | b'_') {
            self.skip();
        }
        let ends = self.is_blankz(0)
            || matches!(
                self.at(0),
                b'?' | b':' | b',' | b']' | b'}' | b'%' | b'@' | b'`'
            );
        if self.pos == start || !ends {
            return Err(Stop);
        }
        Ok(())
    }

    /// `!tag`, `!!tag`, `!h!tag` or `!<verbatim>`: up to a blank (or `,` in a flow
    /// collection). libyaml fails on anything else after a tag.
    fn tag(&mut self) {
        self.tag_at.get_or_insert(self.pos);
        self.skip();
        if self.at(0) == b'<' {
            // A verbatim tag may hold `,`, `[`, `]` and quotes, up to its `>`.
            while !self.is_blankz(0) && self.at(0) != b'>' {
                self.skip();
            }
        }
        while !(self.is_blankz(0) || (self.flow() > 0 && self.at(0) == b',')) {
            self.skip();
        }
    }

    /// A single- or double-quoted scalar, which may run over several lines.
    fn quoted(&mut self, single: bool) {
        let quote = if single { b'\'' } else { b'"' };
        self.skip();
        loop {
            if self.at_end() {
                return;
            }
            while !self.is_blankz(0) {
                let c = self.at(0);
                if single && c == b'\'' && self.at(1) == b'\'' {
                    self.skip();
                    self.skip();
                } else if c == quote {
                    break;
                } else if !single && c == b'\\' && self.is_break(1) {
                    self.skip();
                    self.skip_line();
                    break;
                } else if !single && c == b'\\' {
                    // An escape: `\"` and `\\` do not end the scalar. The rest of a `\x41` is
                    // hex digits, harmless to read as text.
                    self.skip();
                    self.skip();
                } else {
                    self.skip();
                }
            }
            if self.at(0) == quote {
                self.skip();
                return;
            }
            while self.is_blank(0) || self.is_break(0) {
                if self.is_blank(0) {
                    self.skip();
                } else {
                    self.skip_line();
                }
            }
        }
    }

    /// Whether a plain scalar starts here (the last case of libyaml's dispatch).
    fn plain_starts(&self) -> bool {
        let c = self.at(0);
        let indicator = b"-?:,[]{}#&*!|>'\"%@`".contains(&c);
        !(self.is_blankz(0) || indicator)
            || (c == b'-' && !self.is_blank(1))
            || (self.flow() == 0 && matches!(c, b'?' | b':') && !self.is_blankz(1))
    }

    /// A plain scalar. It goes on over lines indented deeper than its block collection, and
    /// ends at `: `, ` #`, a document marker, or (in a flow collection) a flow indicator.
    /// Returns whether it took in a line break (a key may then follow).
    fn plain(&mut self) -> Result<bool, Stop> {
        let indent = self.indent() + 1;
        let mut leading_blanks = false;
        loop {
            if self.document_marker() || self.at(0) == b'#' {
                break;
            }
            while !self.is_blankz(0) {
                let c = self.at(0);
                if self.flow() > 0
                    && c == b':'
                    && matches!(self.at(1), b',' | b'?' | b'[' | b']' | b'{' | b'}')
                {
                    return Err(Stop);
                }
                if (c == b':' && self.is_blankz(1))
                    || (self.flow() > 0 && matches!(c, b',' | b'[' | b']' | b'{' | b'}'))
                {
                    break;
                }
                self.skip();
            }
            if !(self.is_blank(0) || self.is_break(0)) {
                break;
            }
            while self.is_blank(0) || self.is_break(0) {
                if self.is_blank(0) {
                    if leading_blanks && (self.column as isize) < indent && self.at(0) == b'\t' {
                        return Err(Stop);
                    }
                    self.skip();
                } else {
                    self.skip_line();
                    leading_blanks = true;
                }
            }
            if self.flow() == 0 && (self.column as isize) < indent {
                break;
            }
        }
        Ok(leading_blanks)
    }

    /// A literal (`|`) or folded (`>`) block scalar: its header, then every line indented at
    /// least as far as its first non-empty line (and deeper than its collection).
    fn block_scalar(&mut self) -> Result<(), Stop> {
        self.skip();
        let mut increment = 0;
        let digit = |c: u8| c.is_ascii_digit().then(|| isize::from(c - b'0'));
        if matches!(self.at(0), b'+' | b'-') {
            self.skip();
            if let Some(d) = digit(self.at(0)) {
                if d == 0 {
                    return Err(Stop);
                }
                increment = d;
                self.skip();
            }
        } else if let Some(d) = digit(self.at(0)) {
            if d == 0 {
                return Err(Stop);
            }
            increment = d;
            self.skip();
            if matches!(self.at(0), b'+' | b'-') {
                self.skip();
            }
        }
        while self.is_blank(0) {
            self.skip();
        }
        if self.at(0) == b'#' {
            self.skip_to_break();
        }
        if !self.is_breakz(0) {
            return Err(Stop);
        }
        self.skip_line();
        let mut indent = if increment == 0 {
            0
        } else if self.indent() >= 0 {
            self.indent() + increment
        } else {
            increment
        };
        self.block_breaks(&mut indent)?;
        while self.column as isize == indent && !self.at_end() {
            self.skip_to_break();
            self.skip_line();
            self.block_breaks(&mut indent)?;
        }
        Ok(())
    }

    /// Empty lines and indentation inside a block scalar; settles its indentation from the
    /// first non-empty line when the header did not give it.
    fn block_breaks(&mut self, indent: &mut isize) -> Result<(), Stop> {
        let mut max_indent = 0;
        loop {
            while (*indent == 0 || (self.column as isize) < *indent) && self.at(0) == b' ' {
                self.skip();
            }
            max_indent = max_indent.max(self.column as isize);
            if (*indent == 0 || (self.column as isize) < *indent) && self.at(0) == b'\t' {
                return Err(Stop);
            }
            if !self.is_break(0) {
                break;
            }
            self.skip_line();
        }
        if *indent == 0 {
            *indent = max_indent.max(self.indent() + 1).max(1);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    fn depth(text: &str) -> usize {
        nesting(text).deepest
    }

    /// How deep a parsed value nests: a scalar is 0, `[x]` is 1.
    fn value_depth(value: &serde_yaml::Value) -> usize {
        use serde_yaml::Value;
        match value {
            Value::Sequence(items) => 1 + items.iter().map(value_depth).max().unwrap_or(0),
            Value::Mapping(map) => {
                1 + map
                    .iter()
                    .map(|(k, v)| value_depth(k).max(value_depth(v)))
                    .max()
                    .unwrap_or(0)
            }
            Value::Tagged(tagged) => value_depth(&tagged.value),
            _ => 0,
        }
    }

    /// The depth serde_yaml itself finds, parsing without the check: the deepest of its
    /// documents, `None` when one does not parse.
    fn parsed_depth(text: &str) -> Option<usize> {
        use serde::Deserialize as _;
        let mut deepest = 0;
        for document in serde_yaml::Deserializer::from_str(text) {
            let value = serde_yaml::Value::deserialize(document).ok()?;
            deepest = deepest.max(value_depth(&value));
        }
        Some(deepest)
    }

    fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path);
            }
        }
    }

    /// Every YAML file of the shipped library and of the test fixtures (broken ones included)
    /// nests far less than the limit, and the count is never below what serde_yaml builds.
    #[test]
    fn real_files_are_never_refused() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        yaml_files(&root.join("snippets"), &mut files);
        yaml_files(&root.join("tests/fixtures"), &mut files);
        assert!(files.len() > 40, "{files:?}");
        for path in files {
            // The fixture that is not UTF-8 never gets this far.
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let found = nesting(&text);
            assert!(
                found.over_at.is_none() && found.deepest < 10,
                "{}: {found:?}",
                path.display()
            );
            if let Some(parsed) = parsed_depth(&text) {
                assert!(found.deepest >= parsed, "{}", path.display());
            }
        }
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing_with_its_place() {
        let nested = |open: &str, n: usize| open.repeat(n);
        let block: String = (0..100).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        let cases = [
            (nested("[", 500_000), (1, 65)),
            (format!("a: {}", nested("[", 500_000)), (1, 67)),
            (
                format!("a: {}", nested("{a: ", 100_000)),
                (1, 3 + 4 * 63 + 1),
            ),
            (format!("{}x\n", nested("- ", 100_000)), (1, 2 * 64 + 1)),
            (block, (65, 65)),
        ];
        // No clock here: a hang is caught by the harness; the time per depth is a benchmark's.
        for (text, (line, column)) in cases {
            let err = parse::<serde_yaml::Value>(&text, "deep.yaml").unwrap_err();
            assert_eq!(err.location, Some((line, column)), "{err}");
            assert!(
                err.message.starts_with("the YAML is nested ")
                    && err.message.contains(" levels deep (more than 64); "),
                "{err}"
            );
        }
        let err = parse::<serde_yaml::Value>(&nested("[", 100), "deep.yaml").unwrap_err();
        assert!(
            err.message
                .starts_with("the YAML is nested 100 levels deep"),
            "{err}"
        );
        // At the limit, serde_yaml decides.
        let fine = format!("{}{}", nested("[", 64), nested("]", 64));
        assert_eq!(depth(&fine), 64);
        assert!(parse::<serde_yaml::Value>(&fine, "ok.yaml").is_ok());
        // The header-only read goes through the same check.
        let tags = format!("title: T\ntags: {}\n", nested("[", 1000));
        assert!(parse_top_level::<serde_yaml::Value>(&tags, &["tags"]).is_none());
    }

    /// Brackets that are text for libyaml are text for the count.
    #[test]
    fn brackets_in_scalars_and_comments_do_not_count() {
        let many = "[{".repeat(200);
        let cases = [
            format!("text: 'a {many} b'\n"),
            format!("text: \"a \\\" {many}\"\n"),
            format!("text: it's {many}\n"),
            format!("text: >-\n  one {many}\n\n  two {many}\nnext: x\n"),
            format!("text: |2\n   {many}\n"),
            format!("# {many}\nkey: x # {many}\n"),
            format!("key: !<tag:{many}> x\n"),
            format!("key: plain\n  continued {many}\n"),
            format!("key: [a{many}b]\n").replace("[{", "x"),
        ];
        for text in cases {
            assert!(depth(&text) <= 2, "{}: {text}", depth(&text));
        }
    }

    /// Where libyaml reads structure, the count sees it too, however the text tries to pass
    /// it off as a scalar or a comment: each case holds 100 levels that serde_yaml builds.
    #[test]
    fn structure_cannot_hide_from_the_count() {
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let cases = [
            // A quote inside a plain scalar, on its first line or a continuation line.
            format!("a: it's\nb: {deep}\n"),
            format!("a: plain\n  'not a quote\nb: {deep}\n"),
            // Escaped quotes end nothing; the real closing quote does.
            format!("a: 'it''s'\nb: {deep}\n"),
            format!("a: \"say \\\"hi\\\"\"\nb: {deep}\n"),
            // Line breaks libyaml knows besides \n end a comment or a line.
            format!("a: x # note\u{2028}b: {deep}\n"),
            format!("a: x # note\rb: {deep}\r"),
            format!("a: x # note\u{85}b: {deep}\n"),
            format!("a: x\r\nb: {deep}\r\n"),
            // A block scalar ends at a line indented less than its first line.
            format!("a: |\n  text\nb: {deep}\n"),
            // A `#` without a space before it is text.
            format!("a: x#y\nb: {deep}\n"),
            // Tags, anchors and a byte-order mark.
            format!("a: !t'x {deep}\n"),
            format!("a: &x-1 {deep}\n"),
            format!("\u{feff}a: {deep}\n"),
            // Another document.
            format!("a: 1\n---\nb: {deep}\n"),
            // In a flow collection, `,` ends a plain scalar and a tag.
            format!("[a, !t, b'c, {deep}]\n"),
        ];
        for text in cases {
            let parsed = parsed_depth(&text);
            assert!(parsed.is_some_and(|d| d >= 100), "{parsed:?}: {text:?}");
            assert!(
                depth(&text) >= parsed.unwrap_or(0),
                "{}: {text:?}",
                depth(&text)
            );
        }
        // libyaml's scanner reads these as tokens too, before its parser gives up on them: a
        // block scalar ends at a line indented less than an over-indented blank line in front
        // of it, or than its header says.
        for text in [
            format!("a: |\n      \n  {deep}\n"),
            format!("a: |3\n  {deep}\n"),
        ] {
            assert!(depth(&text) >= 100, "{}: {text:?}", depth(&text));
        }
    }

    /// A `:` can turn what came before it into a key, after its brackets were counted: the
    /// mapping then holds the whole key.
    #[test]
    fn a_collection_as_a_key_counts_one_level_more() {
        for (text, levels) in [
            ("[]: #- - \n", 2),
            ("[[a]]: b\n", 3),
            ("x:\n  {a: [b]}: c\n", 4),
            ("[[a]: b]\n", 3),
            ("[{a: b}: c]\n", 3),
        ] {
            assert_eq!(parsed_depth(text), Some(levels), "{text:?}");
            assert_eq!(depth(text), levels, "{text:?}");
        }
    }

    #[test]
    fn errors_carry_file_line_and_column() {
        let err = parse::<BTreeMap<String, String>>("a: b\nc: [\n", "x.yaml").unwrap_err();
        assert_eq!(err.origin, "x.yaml");
        assert!(err.location.is_some(), "{err}");
        assert!(err.to_string().starts_with("x.yaml:"), "{err}");
        let (line, column) = err.location.unwrap();
        let repeated = format!("at line {line} column {column}");
        assert!(!err.message.contains(&repeated), "{err}");
    }

    #[test]
    fn where_the_trouble_began_is_kept() {
        let err = parse::<BTreeMap<String, String>>("a: \"open\nb: c\n", "q.yaml").unwrap_err();
        assert!(
            err.message
                .contains(", while scanning a quoted scalar at line 1 column 4"),
            "{err}"
        );
    }

    #[test]
    fn top_level_entries_are_read_without_the_rest() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Head {
            title: String,
            tags: Vec<String>,
        }
        let text = "# comment\nblocks:\n  - text: >-\n      title: not this\ntitle: 'A: b'\ntags:\n  - x\n  - y\nlater: [unparsed\n";
        let head: Option<Head> = parse_top_level(text, &["title", "tags"]);
        assert_eq!(
            head,
            Some(Head {
                title: "A: b".into(),
                tags: vec!["x".into(), "y".into()]
            })
        );
        assert_eq!(
            parse_top_level::<Head>("title: &a T\ntags: *a\n", &["title", "tags"]),
            None
        );
        assert_eq!(
            parse_top_level::<Head>("--- \ntitle: T\n", &["title", "tags"]),
            None
        );
    }

    /// A YAML tree, for texts written out in every style the generator knows.
    #[derive(Debug, Clone)]
    enum Node {
        Scalar(String),
        Seq(Vec<Node>),
        Map(Vec<(String, Node)>),
    }

    /// Trees whose scalars (keys too) are drawn from `alphabet`. A mapping's keys differ (a
    /// number is added to each), as they must for the text to parse.
    fn node(alphabet: &'static str) -> impl Strategy<Value = Node> {
        alphabet
            .prop_map(Node::Scalar)
            .prop_recursive(12, 96, 1, move |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..3).prop_map(Node::Seq),
                    prop::collection::vec((alphabet, inner), 0..3).prop_map(|pairs| {
                        let unique = pairs.into_iter().enumerate();
                        Node::Map(unique.map(|(i, (k, v))| (format!("{k}{i}"), v)).collect())
                    }),
                ]
            })
    }

    /// Characters that make a scanner's life hard: every bracket, quote and indicator, the
    /// escape character, tabs and every line break libyaml knows.
    const ANY_CHARACTERS: &str = "[a-z\\[\\]{}:,?|>#&!*'\" \\-\\\\\t\r\n\u{2028}\u{85}]{0,8}";
    /// Brackets, quotes and indicators on one line.
    const ONE_LINE: &str = "[a-z\\[\\]{}#:'\" ,&!*|>-]{0,6}";

    /// Which collection styles a [`Writer`] uses.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Style {
        /// `[…]` and `{…}` only.
        Flow,
        /// Indented collections wherever the tree allows (empty ones are `[]` and `{}`).
        Block,
        /// Either, as the dice say.
        Any,
    }

    /// Writes a [`Node`] as YAML that parses, every choice of style taken from `dice`: block
    /// and flow collections, compact and indentless sequences, plain, quoted and block
    /// scalars holding brackets and quotes, comments, line breaks inside flow collections.
    struct Writer<'a> {
        dice: &'a [u8],
        next: usize,
        out: String,
        style: Style,
    }

    /// Whether `text` can be written as a plain scalar and read back as itself: no indicator
    /// first, no `: ` or ` #` inside, and in a flow collection no flow indicator at all.
    fn plain_ok(text: &str, in_flow: bool) -> bool {
        let breaks = ['\t', '\r', '\n', '\u{2028}', '\u{85}'];
        text.starts_with(|c: char| c.is_ascii_lowercase())
            && !text.ends_with([' ', ':'])
            && !text.contains(": ")
            && !text.contains(" #")
            && !text.contains(breaks)
            && (!in_flow || !text.contains([',', '[', ']', '{', '}', ':']))
    }

    impl Writer<'_> {
        fn new(dice: &[u8], style: Style) -> Writer<'_> {
            Writer {
                dice,
                next: 0,
                out: String::new(),
                style,
            }
        }

        fn roll(&mut self, sides: u8) -> u8 {
            let d = self.dice.get(self.next % self.dice.len().max(1)).copied();
            self.next += 1;
            d.unwrap_or(0) % sides
        }

        fn pad(&mut self, indent: usize) {
            self.out.push_str(&" ".repeat(indent));
        }

        fn end_line(&mut self) {
            if self.roll(4) == 0 {
                self.out.push_str(" # c'[{\"\t]");
            }
            self.out.push('\n');
        }

        /// A scalar, or (not for a key, which must stay unique) now and then a plain word.
        fn scalar(&mut self, text: &str, in_flow: bool, key: bool) {
            match self.roll(5) {
                0 | 1 if plain_ok(text, in_flow) => self.out.push_str(text),
                1 if !key => self.out.push('w'),
                1 | 2 => {
                    // Quotes doubled; a line break would fold, so it is a space.
                    let text: String = text
                        .chars()
                        .map(|c| if c.is_whitespace() { ' ' } else { c })
                        .collect();
                    self.out.push('\'');
                    self.out.push_str(&text.replace('\'', "''"));
                    self.out.push('\'');
                }
                _ => {
                    self.out.push('"');
                    for c in text.chars() {
                        match c {
                            '\\' => self.out.push_str("\\\\"),
                            '"' => self.out.push_str("\\\""),
                            '\n' => self.out.push_str("\\n"),
                            '\r' => self.out.push_str("\\r"),
                            '\u{2028}' => self.out.push_str("\\L"),
                            '\u{85}' => self.out.push_str("\\N"),
                            c => self.out.push(c),
                        }
                    }
                    self.out.push('"');
                }
            }
        }

        fn flow(&mut self, node: &Node, indent: usize) {
            let (open, close) = match node {
                Node::Scalar(text) => return self.scalar(text, true, false),
                Node::Seq(_) => ('[', ']'),
                Node::Map(_) => ('{', '}'),
            };
            self.out.push(open);
            let count = match node {
                Node::Seq(items) => items.len(),
                Node::Map(pairs) => pairs.len(),
                Node::Scalar(_) => 0,
            };
            for i in 0..count {
                if i > 0 {
                    self.out.push(',');
                }
                if self.roll(5) == 0 {
                    self.out.push('\n');
                    self.pad(indent + 1);
                } else {
                    self.out.push(' ');
                }
                match node {
                    Node::Seq(items) => {
                        if let (Node::Map(pairs), 0) = (&items[i], self.roll(3)) {
                            // A single pair without braces: `[a: b]`.
                            if let [(key, value)] = pairs.as_slice() {
                                self.scalar(key, true, true);
                                self.out.push_str(": ");
                                self.flow(value, indent + 1);
                                continue;
                            }
                        }
                        self.flow(&items[i], indent + 1);
                    }
                    Node::Map(pairs) => {
                        self.scalar(&pairs[i].0, true, true);
                        self.out.push_str(": ");
                        self.flow(&pairs[i].1, indent + 1);
                    }
                    Node::Scalar(_) => {}
                }
            }
            self.out.push(close);
        }

        /// The value after `key:` or `-` at column `indent`; ends its last line.
        fn value(&mut self, node: &Node, indent: usize, in_seq: bool) {
            let empty = matches!(node, Node::Seq(v) if v.is_empty())
                || matches!(node, Node::Map(v) if v.is_empty());
            let roll = self.roll(3);
            let flow = match self.style {
                Style::Flow => true,
                Style::Block => empty,
                Style::Any => empty || roll == 0,
            };
            match (node, roll) {
                (Node::Scalar(text), 0) => {
                    let header = if self.roll(2) == 0 { " |\n" } else { " >-\n" };
                    self.out.push_str(header);
                    self.pad(indent + 2);
                    // One line, starting with what is not a space (that would set the indent).
                    let line: String = text
                        .chars()
                        .map(|c| if c.is_whitespace() { ' ' } else { c })
                        .collect();
                    self.out.push('x');
                    self.out.push_str(&line);
                    self.out.push('\n');
                }
                (Node::Scalar(text), _) => {
                    self.out.push(' ');
                    self.scalar(text, false, false);
                    self.end_line();
                }
                _ if flow => {
                    self.out.push(' ');
                    self.flow(node, indent);
                    self.end_line();
                }
                (Node::Seq(items), roll) => {
                    if in_seq && roll == 1 {
                        // Compact: `- - a` with the rest under it.
                        self.out.push(' ');
                        self.seq(items, indent + 2, true);
                    } else {
                        self.end_line();
                        // Indentless under a key, else two deeper.
                        let child = if !in_seq && roll == 1 {
                            indent
                        } else {
                            indent + 2
                        };
                        self.seq(items, child, false);
                    }
                }
                (Node::Map(pairs), roll) => {
                    if in_seq && roll == 1 {
                        self.out.push(' ');
                        self.map(pairs, indent + 2, true);
                    } else {
                        self.end_line();
                        self.map(pairs, indent + 2, false);
                    }
                }
            }
        }

        fn seq(&mut self, items: &[Node], indent: usize, first_inline: bool) {
            for (i, item) in items.iter().enumerate() {
                if i > 0 || !first_inline {
                    self.pad(indent);
                }
                self.out.push('-');
                self.value(item, indent, true);
            }
        }

        fn map(&mut self, pairs: &[(String, Node)], indent: usize, first_inline: bool) {
            for (i, (key, value)) in pairs.iter().enumerate() {
                if i > 0 || !first_inline {
                    self.pad(indent);
                }
                self.scalar(key, false, true);
                self.out.push(':');
                self.value(value, indent, false);
            }
        }

        fn document(mut self, node: &Node) -> String {
            let block =
                self.style != Style::Flow && (self.style == Style::Block || self.roll(3) > 0);
            match node {
                Node::Seq(items) if !items.is_empty() && block => self.seq(items, 0, false),
                Node::Map(pairs) if !pairs.is_empty() && block => self.map(pairs, 0, false),
                _ => {
                    self.flow(node, 0);
                    self.out.push('\n');
                }
            }
            self.out
        }
    }

    /// `text` with one character inserted at `at` (a fraction of its length, of 255) that
    /// may change what it all means.
    fn mutated(text: &str, at: u8, pick: u8) -> Option<String> {
        let at = usize::from(at) * text.len() / 255;
        let inserts = [
            "\n", " #", "'", "\"", "[", "]", "{", "}", ": ", "- ", "\t", "\r", "\u{2028}", "|\n",
            " ",
        ];
        let mut out = text.to_owned();
        out.is_char_boundary(at).then(|| {
            out.insert_str(at, inserts[usize::from(pick) % inserts.len()]);
            out
        })
    }

    /// What every generated case asserts: the text parses (the writer writes YAML), and the
    /// count is at least the depth of what serde_yaml builds.
    fn holds(text: &str) -> Result<(), TestCaseError> {
        let Some(parsed) = parsed_depth(text) else {
            return Err(TestCaseError::fail(format!(
                "the writer wrote text that does not parse: {text:?}"
            )));
        };
        let counted = depth(text);
        prop_assert!(counted >= parsed, "{} < {}: {:?}", counted, parsed, text);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Flow collections whose scalars hold any character: brackets in quoted scalars
        /// never count, the ones around them always do.
        #[test]
        fn the_count_holds_on_flow_yaml_holding_any_character(
            tree in node(ANY_CHARACTERS),
            dice in prop::collection::vec(any::<u8>(), 1..64),
        ) {
            holds(&Writer::new(&dice, Style::Flow).document(&tree))?;
        }

        /// Block collections on indented lines: keys, lists (compact, indentless), quoted,
        /// plain and block scalars holding brackets and quotes, comments.
        #[test]
        fn the_count_holds_on_block_yaml(
            tree in node(ONE_LINE),
            dice in prop::collection::vec(any::<u8>(), 1..64),
        ) {
            holds(&Writer::new(&dice, Style::Block).document(&tree))?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Both styles mixed, and then one character inserted that may change the meaning:
        /// every case checks the written text, and the changed one too when it still parses.
        #[test]
        fn the_count_holds_on_generated_yaml(
            tree in node(ONE_LINE),
            dice in prop::collection::vec(any::<u8>(), 1..64),
            at in any::<u8>(),
            pick in any::<u8>(),
        ) {
            let text = Writer::new(&dice, Style::Any).document(&tree);
            holds(&text)?;
            if let Some(changed) = mutated(&text, at, pick) {
                if let Some(parsed) = parsed_depth(&changed) {
                    let counted = depth(&changed);
                    prop_assert!(counted >= parsed, "{} < {}: {:?}", counted, parsed, changed);
                }
            }
        }
    }

    /// serde lets the last of two equal keys win, silently; in every mapping, at any depth,
    /// in block and flow style, the second key is an error at its own line and column.
    #[test]
    fn a_key_given_twice_is_located_at_the_second() {
        type Links = BTreeMap<String, BTreeMap<String, serde_yaml::Value>>;
        let cases = [
            ("a:\n  url: x\nb:\n  url: y\na:\n  url: z\n", (5, 1), "a"),
            (
                "a:\n  by_state:\n    ny: x\n    tx: y\n    ny: z\n",
                (5, 5),
                "ny",
            ),
            (
                "{\"a\": {\"url\": 1},\n \"a\": {\"url\": 2}}\n",
                (2, 2),
                "a",
            ),
            ("a: {url: x, 'url': y}\n", (1, 13), "url"),
            ("- a: {b: 1, b: 2}\n", (1, 13), "b"),
        ];
        for (text, at, key) in cases {
            let err = if text.starts_with('-') {
                parse::<Vec<Links>>(text, "links.yaml").map(|_| ())
            } else {
                parse::<Links>(text, "links.yaml").map(|_| ())
            }
            .unwrap_err();
            assert_eq!(err.location, Some(at), "{text:?}: {err}");
            assert_eq!(
                err.message,
                format!("{REPEATED_KEY}, and '{key}' is given again here; keep one of them"),
                "{text:?}"
            );
        }
        // A struct's repeated field too, at the field rather than at its mapping.
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Entry {
            title: String,
        }
        let err = parse::<Entry>("title: A\n\ntitle: B\n", "e.yaml").unwrap_err();
        assert_eq!(err.location, Some((3, 1)), "{err}");
        // Equal keys in two mappings are two keys.
        assert!(parse::<Vec<Links>>("- a: {}\n- a: {}\n", "l.yaml").is_ok());
    }

    /// Where tags are refused, every tag is, at its `!`; a `!` that is text is not a tag.
    #[test]
    fn every_tag_is_refused_where_tags_are() {
        type Map = BTreeMap<String, String>;
        for (text, at) in [
            ("a: !x no\n", (1, 4)),
            ("a: b\nc: !!ZQX no\n", (2, 4)),
            ("a: !!str 12\n", (1, 4)),
            ("{\"a\": !<tag:x> b}\n", (1, 7)),
            ("!!map\na: b\n", (1, 1)),
        ] {
            let err = parse_untagged::<Map>(text, "a.yaml").unwrap_err();
            assert_eq!(
                (err.location, err.message.as_str()),
                (Some(at), NO_TAGS),
                "{text:?}"
            );
            assert!(
                parse::<serde_yaml::Value>(text, "lib.yaml").is_ok(),
                "{text:?}"
            );
        }
        for text in ["a: it!s\n", "a: '!x'\n", "a: b # !x\n", "a: |\n  !x\n"] {
            assert!(parse_untagged::<Map>(text, "a.yaml").is_ok(), "{text:?}");
        }
    }

    #[test]
    fn an_empty_file_says_so() {
        let err = parse::<BTreeMap<String, String>>(" \n", "e.yaml").unwrap_err();
        assert_eq!(err.to_string(), "e.yaml: the file is empty");
    }

    #[test]
    fn an_alias_bomb_is_refused_not_expanded() {
        let mut doc = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            doc.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n").replace("*a0", "*a"));
        }
        let result = parse::<serde_yaml::Value>(&doc, "bomb.yaml");
        assert!(result.is_err(), "an alias bomb must not load");
    }
}
