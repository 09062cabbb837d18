//! What approved prose looks like, as rules over one line of library text.
//!
//! The line is first normalised the way a reader's eye would see it: format and other
//! default-ignorable characters (zero-width spaces, soft hyphens, variation selectors) are
//! removed, each character is put in Unicode NFKC form (full-width `ＬＩＮＫ` becomes `LINK`),
//! and letters that look like Latin ones are folded to them (UTS 39 confusables: a Cyrillic
//! `А` is an `A`). The rules then accept only what the hotline's approved prose uses and
//! refuse the rest: template syntax, every bracket but parentheses, words in capitals that
//! are not the library's acronyms, filler, words that mix scripts, characters approved prose
//! never holds (private-use, unassigned, control characters, most symbols).

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;
use unicode_security::{GeneralSecurityProfile, MixedScript};

use crate::library::rules::Rules;

/// What stands in the judged text for a piece that is not library prose (an answer, a link):
/// a word boundary that no rule refuses.
pub const STAND_IN: char = '…';

pub use crate::reply::render::TAINT;

/// One problem in a line, before the line number is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// 1-based column (in characters) of the shown line.
    pub column: usize,
    /// The rule's short name, e.g. `capitals`.
    pub rule: &'static str,
    /// What was found, in a few words, e.g. `capital word LINK`.
    pub what: String,
}

/// A line as the guard judges it: normalised text, and where each of its bytes came from
/// in the shown line. Most text is ASCII and maps one to one, so the map is kept as runs.
pub struct Judged {
    pub text: String,
    /// `(byte offset in text, shown column, one to one)` where a run starts; within a
    /// one-to-one run, one byte is one column.
    runs: Vec<(usize, usize, bool)>,
    /// Byte ranges of `text` that were look-alike letters of another script, folded.
    folded: Vec<std::ops::Range<usize>>,
    /// Invisible characters removed from `text`, with their shown columns: each is refused
    /// (it can hide a placeholder from a reader), but the joiners some scripts need.
    invisible: Vec<(usize, char)>,
}

impl Judged {
    pub fn new() -> Judged {
        Judged {
            text: String::new(),
            runs: Vec::new(),
            folded: Vec::new(),
            invisible: Vec::new(),
        }
    }

    /// Adds library text shown from column `column` on, normalised.
    pub fn push_prose(&mut self, shown: &str, column: usize) {
        self.text.reserve(shown.len());
        // Most text needs none of the work below: ASCII goes in whole, and a string with no
        // ignorable character and already in NFKC form skips those two steps.
        let ignorables = shown.chars().any(|c| {
            !c.is_ascii() && !c.is_alphanumeric() && !EVERYDAY.contains(c) && is_ignorable(c)
        });
        let nfkc = unicode_normalization::is_nfkc_quick(shown.chars())
            != unicode_normalization::IsNormalized::Yes;
        let mut column = column;
        let mut rest = shown;
        let mut before = None;
        while !rest.is_empty() {
            let ascii = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii()).len();
            if ascii > 0 {
                self.push_run(&rest[..ascii], column);
                column += ascii;
                before = rest[..ascii].chars().next_back();
                rest = &rest[ascii..];
                continue;
            }
            let c = rest.chars().next().expect("not empty");
            rest = &rest[c.len_utf8()..];
            if ignorables && is_ignorable(c) {
                if !is_script_joiner(c, before, rest.chars().next()) {
                    self.invisible.push((column, c));
                }
            } else if nfkc {
                for n in std::iter::once(c).nfkc() {
                    self.push_letter(n, column);
                }
            } else {
                self.push_letter(c, column);
            }
            before = Some(c);
            column += 1;
        }
    }

    /// Adds a normalised character. A combining mark of ordinary writing (an accent) is left
    /// out, so marks stacked on letters cannot hide a word (`t́b́d́` reads `tbd`); any other
    /// mark stays, and the character rule refuses it.
    fn push_letter(&mut self, c: char, column: usize) {
        if is_mark(c) && c.identifier_allowed() {
            return;
        }
        self.push_folded(c, column);
    }

    /// Adds a character, folded to the Latin letters it looks like.
    fn push_folded(&mut self, c: char, column: usize) {
        if c.is_ascii() || !c.is_alphabetic() {
            self.push(c, column);
            return;
        }
        let folded = fold(c);
        let start = self.text.len();
        for &f in &folded {
            self.push(f, column);
        }
        if folded != [c] {
            self.folded.push(start..self.text.len());
        }
    }

    /// Adds another judged text, shown from column `column` on.
    pub fn append(&mut self, other: &Judged, column: usize) {
        let base = self.text.len();
        let shift = |c: usize| c + column - 1;
        for &(start, col, linear) in &other.runs {
            self.runs.push((base + start, shift(col), linear));
        }
        self.folded
            .extend(other.folded.iter().map(|r| base + r.start..base + r.end));
        self.invisible
            .extend(other.invisible.iter().map(|&(col, c)| (shift(col), c)));
        self.text.push_str(&other.text);
    }

    /// Adds one character as it is (a stand-in, or a URL's).
    pub fn push(&mut self, c: char, column: usize) {
        let mut buf = [0; 4];
        self.push_exact(c.encode_utf8(&mut buf), column, c.is_ascii());
    }

    /// Adds ASCII text as it is: one byte per column.
    pub fn push_run(&mut self, ascii: &str, column: usize) {
        self.push_exact(ascii, column, true);
    }

    fn push_exact(&mut self, text: &str, column: usize, one_to_one: bool) {
        let extends = one_to_one
            && self.runs.last().is_some_and(|&(start, col, linear)| {
                linear && col + (self.text.len() - start) == column
            });
        if !extends {
            self.runs.push((self.text.len(), column, one_to_one));
        }
        self.text.push_str(text);
    }

    /// The shown column of byte `offset` of the judged text.
    pub fn column(&self, offset: usize) -> usize {
        let i = self.runs.partition_point(|&(start, _, _)| start <= offset);
        match i.checked_sub(1).map(|i| self.runs[i]) {
            Some((start, col, true)) => col + (offset - start),
            Some((_, col, false)) => col,
            None => 1,
        }
    }
}

impl Default for Judged {
    fn default() -> Self {
        Judged::new()
    }
}

/// Punctuation every approved text uses beyond ASCII: in none of the classes below.
const EVERYDAY: &str = "’‘“”–—…";

/// A set of characters named as a regular-expression class over Unicode's own tables.
/// regex-syntax turns `\p{…}` into ranges without building an automaton, which would cost
/// milliseconds at every start; a lookup is a binary search.
struct Class(Vec<(char, char)>);

impl Class {
    fn new(pattern: &str) -> Class {
        let hir = regex_syntax::parse(pattern).expect("a valid class");
        let ranges = match hir.kind() {
            regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) => class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
            _ => Vec::new(),
        };
        Class(ranges)
    }

    fn contains(&self, c: char) -> bool {
        let i = self.0.partition_point(|&(_, end)| end < c);
        self.0.get(i).is_some_and(|&(start, _)| start <= c)
    }
}

/// Format and other default-ignorable characters: what a reader never sees.
static IGNORABLE: LazyLock<Class> =
    LazyLock::new(|| Class::new(r"[\p{Default_Ignorable_Code_Point}\p{Cf}]"));

pub fn is_ignorable(c: char) -> bool {
    IGNORABLE.contains(c)
}

/// The zero-width joiner and non-joiner between two letters of a script that writes with
/// them (Persian, the Indic scripts): part of the spelling there, not a hiding place.
fn is_script_joiner(c: char, before: Option<char>, after: Option<char>) -> bool {
    let letter = |x: Option<char>| x.is_some_and(|x| !x.is_ascii() && x.is_alphabetic());
    matches!(c, '\u{200C}' | '\u{200D}') && letter(before) && letter(after)
}

/// A letter that looks like one or more Latin letters or digits (its UTS 39 skeleton), as
/// those; anything else as it is. Case follows the original letter.
fn fold(c: char) -> Vec<char> {
    // A Latin letter is one of the script approved prose is written in (`æ`, `œ`, `ñ`), not
    // a look-alike of it; the rare ones that are not for ordinary writing are refused as such.
    static LATIN: LazyLock<Class> = LazyLock::new(|| Class::new(r"\p{Latin}"));
    if c.is_ascii() || !c.is_alphabetic() || LATIN.contains(c) {
        return vec![c];
    }
    let mut buf = [0; 4];
    let skeleton: Vec<char> = unicode_security::skeleton(c.encode_utf8(&mut buf)).collect();
    if skeleton.is_empty() || !skeleton.iter().all(char::is_ascii_alphanumeric) {
        return vec![c];
    }
    if c.is_uppercase() {
        // The confusables map `I`-like letters to `l`; an upper-case one is an `I`.
        skeleton
            .iter()
            .map(|&s| {
                if s == 'l' {
                    'I'
                } else {
                    s.to_ascii_uppercase()
                }
            })
            .collect()
    } else {
        skeleton
    }
}

static TEMPLATE_SYNTAX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{|\}\}|\{%|%\}|\{#|#\}").expect("valid"));
/// Every opening and closing bracket of any script, and `<` `>`, but parentheses.
/// Quotation marks that open like brackets (`„` `‚` `「`) are quotes, not brackets; the single
/// guillemets `‹` `›`, which look like `<` `>`, are brackets here.
static BRACKET: LazyLock<Class> =
    LazyLock::new(|| Class::new(r"[[[\p{Ps}\p{Pe}<>]--[()\p{Quotation_Mark}]]\x{2039}\x{203A}]"));
/// Filler an editor leaves for later, in any case. It is looked for in a copy of the line
/// whose digits and underscores are spaces, so a filler word glued to them (`tbd2`,
/// `name_tbd`) stands on its own.
static FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        // The words are ASCII: ASCII case and word boundaries keep the automaton small (it
        // is built at every start) and let the fast engines run it.
        // `todo` is Spanish for "all": in lower case it is filler only as a note (`todo:`);
        // `TODO` is refused as a capital word anyway.
        r"(?-u:\b)(?i-u:tbd|tba|tbc|fixme)(?-u:\b)|(?-u:\b)(?i-u:todo) ?:|(?-u:\b)(?i-u:x){2,}|(?i-u:x){2,}(?-u:\b)|(?i-u:x){3,}|\?{2,}|-{3,}|(?i-u:lorem|ipsum)|(?-u:\b)(?i-u:insert|paste)(?-u:\b)[^.!?]*?(?-u:\b)(?i-u:here)(?-u:\b)|(?-u:\b)(?i-u:goes here)(?-u:\b)|\( ?(?i-u:insert)(?-u:\b)",
    )
    .expect("valid")
});
/// Characters approved prose never holds. Letters, digits, spaces, punctuation (but
/// brackets, judged above), currency and a few everyday symbols are what it is made of.
static CHARACTER: LazyLock<Class> = LazyLock::new(|| {
    Class::new(r"[\p{Co}\p{Cn}\p{Cc}\p{Zl}\p{Zp}\\[\p{Sk}\p{So}\p{Sm}--[+=×÷±−©®°™<>]]]")
});
/// Connector punctuation: `_` and its look-alikes, which approved prose never writes and
/// placeholders often do (`LINK_HERE`, `name_here`, `___`).
static CONNECTOR: LazyLock<Class> = LazyLock::new(|| Class::new(r"\p{Pc}"));

/// Where in `text` a character of `class` stands, and which it is. Letters, digits, spaces
/// and the punctuation every approved text uses are in none of the classes here, and are
/// passed without a look at the tables (which are then not even built for most replies).
fn chars_of<'t>(
    text: &'t str,
    class: &'t LazyLock<Class>,
) -> impl Iterator<Item = (usize, char)> + 't {
    text.char_indices().filter(move |&(_, c)| {
        let plain = (c.is_ascii()
            && (c.is_ascii_alphanumeric() || " .,;:!?'\"-/()&%$@#*+=".contains(c)))
            || (!c.is_ascii() && (c.is_alphanumeric() || EVERYDAY.contains(c)));
        !plain && class.contains(c)
    })
}

/// Whether `text` may hold filler at all: each filler form holds one of these (ASCII case
/// aside), so text without any needs no look with the filler pattern.
fn may_hold_filler(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "todo",
        "tbd",
        "tba",
        "tbc",
        "fixme",
        "xx",
        "??",
        "---",
        "lorem",
        "ipsum",
        "insert",
        "paste",
        "goes here",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Whether a line of ASCII text may hold a word in capitals or letters spelled out: two
/// capitals in a row, or two letters standing alone with a gap of one or two characters
/// between (`L.I.N.K`, `T. B. D`, `t/b/d`).
fn may_hold_capitals(text: &str) -> bool {
    let b = text.as_bytes();
    let alone = |i: usize| {
        b[i].is_ascii_alphabetic()
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && b.get(i + 1).is_none_or(|c| !c.is_ascii_alphanumeric())
    };
    b.windows(2)
        .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase())
        || (0..b.len()).any(|i| alone(i) && (i + 2..(i + 4).min(b.len())).any(alone))
}

/// Letters spelled out one at a time (see `words`).
struct Spelled {
    start: usize,
    letters: String,
    /// Where the last letter ends.
    last: usize,
    /// What stands between two letters, once two are seen.
    gap: Option<String>,
}

/// What may stand between letters spelled out: one sign or space, or a sign and a space.
fn is_spelling_gap(gap: &str) -> bool {
    let mut chars = gap.chars();
    let sign = |c: char| !c.is_alphanumeric() && c != STAND_IN;
    match (chars.next(), chars.next(), chars.next()) {
        (Some(a), None, None) => sign(a) || a == ' ',
        (Some(a), Some(' '), None) => sign(a) && a != ' ',
        _ => false,
    }
}

/// Filler words, as `words` looks for them spelled out (`t.b.d`).
const FILLER_WORDS: &[&str] = &["todo", "tbd", "tba", "tbc", "fixme", "xx", "xxx", "xxxx"];

/// Judges one line of library text against the prose rules; `text` was built with
/// [`Judged`], answers and links as [`STAND_IN`]s.
pub fn judge(line: &Judged, rules: &Rules) -> Vec<Hit> {
    let mut hits = Vec::new();
    // What the library allows by name is judged as a space of the same length, so the
    // rules still see everything around it (`insert [sic] here` is still filler).
    let blanked;
    let text = match allowed_ranges(&line.text, rules) {
        ranges if ranges.is_empty() => line.text.as_str(),
        ranges => {
            blanked = blank(&line.text, &ranges);
            blanked.as_str()
        }
    };
    // Most lines are clean prose: one pass says whether any rule could apply.
    let needs_words = !text.is_ascii() || !line.folded.is_empty() || may_hold_capitals(text);
    // Filler is looked for with digits and underscores as spaces (see FILLER).
    let spaced =
        may_hold_filler(text).then(|| text.replace(|c: char| c.is_ascii_digit() || c == '_', " "));
    let signs = text.contains(['$', '%', '#', '&', '_', '@']);
    if !needs_words
        && !signs
        && line.invisible.is_empty()
        && !TEMPLATE_SYNTAX.is_match(text)
        && !spaced.as_ref().is_some_and(|t| FILLER.is_match(t))
        && chars_of(text, &BRACKET).next().is_none()
        && chars_of(text, &CHARACTER).next().is_none()
    {
        return hits;
    }
    let mut found = |offset: usize, rule: &'static str, what: String| {
        hits.push(Hit {
            column: line.column(offset),
            rule,
            what,
        });
    };

    let mut syntax_at = Vec::new();
    for m in TEMPLATE_SYNTAX.find_iter(text) {
        syntax_at.extend(m.range());
        found(
            m.start(),
            "template-syntax",
            format!("template syntax `{}`", m.as_str()),
        );
    }
    for (at, c) in chars_of(text, &BRACKET) {
        if !syntax_at.contains(&at) {
            found(at, "bracket", format!("bracket `{c}`"));
        }
    }
    if let Some(spaced) = &spaced {
        for m in FILLER.find_iter(spaced) {
            let what = short(line.text[m.range()].trim());
            found(m.start(), "filler", format!("filler “{what}”"));
        }
    }
    connectors(text, &mut found);
    signs_and_references(text, &mut found);
    for (at, c) in chars_of(text, &CHARACTER) {
        let what = if c == TAINT {
            found(
                at,
                "changed-answer",
                "an answer or a link changed by the template (a filter or string operation on it); print answers and links as they are, e.g. `{{ writer_name }}`".to_owned(),
            );
            continue;
        } else if is_private_use(c) {
            format!("private-use character U+{:04X}", u32::from(c))
        } else {
            format!("character U+{:04X} `{}`", u32::from(c), printable(c))
        };
        found(at, "character", what);
    }
    if needs_words {
        letters(text, &mut found);
        words(line, text, rules, &mut found);
    }
    hits.extend(line.invisible.iter().map(|&(column, c)| Hit {
        column,
        rule: "invisible",
        what: format!(
            "invisible character U+{:04X} (a reader cannot see it, and it can hide a placeholder); remove it",
            u32::from(c)
        ),
    }));
    // A filler word in capitals (`TBD`) is one finding, not two.
    let fillers: Vec<usize> = hits
        .iter()
        .filter(|h| h.rule == "filler")
        .map(|h| h.column)
        .collect();
    hits.retain(|h| h.rule != "capitals" || !fillers.contains(&h.column));
    hits
}

/// Underscores and the other connectors: a run of two or more is filler (`___`), one is a
/// placeholder's joint (`LINK_HERE`, `name_here`).
fn connectors(text: &str, found: &mut dyn FnMut(usize, &'static str, String)) {
    let mut run: Option<(usize, usize)> = None;
    let mut flush = |run: &mut Option<(usize, usize)>| {
        if let Some((at, n)) = run.take() {
            if n >= 2 {
                found(at, "filler", format!("filler “{}”", "_".repeat(n.min(40))));
            } else {
                found(
                    at,
                    "character",
                    "underscore `_` (approved prose has none; a placeholder such as LINK_HERE or name_here?)".to_owned(),
                );
            }
        }
    };
    let mut last_end = usize::MAX;
    for (at, c) in chars_of(text, &CONNECTOR) {
        match &mut run {
            Some((_, n)) if last_end == at => *n += 1,
            _ => {
                flush(&mut run);
                run = Some((at, 1));
            }
        }
        last_end = at + c.len_utf8();
    }
    flush(&mut run);
}

/// Signs approved prose writes only with numbers (`$50`, `10%`, `#2`), and character
/// references (`&#76;`), which a Markdown or HTML reader would turn into other characters.
fn signs_and_references(text: &str, found: &mut dyn FnMut(usize, &'static str, String)) {
    let mut before = ' ';
    for (at, c) in text.char_indices() {
        let after = text[at + c.len_utf8()..].chars().next().unwrap_or(' ');
        let what = match c {
            '$' if !amount_follows(&text[at + 1..]) => {
                Some("`$` not before an amount (a placeholder such as $name?)")
            }
            '%' if !number_precedes(&text[..at]) || after.is_alphabetic() => {
                Some("`%` not after a number (a placeholder such as %s, 10%s or %name%?)")
            }
            '#' if after.is_alphabetic() => {
                Some("`#` before a word (a placeholder such as #name?)")
            }
            '#' if after == '#' || before == '#' => {
                Some("a run of `#` (a placeholder for digits, such as ###-####?)")
            }
            '@' if !before.is_alphanumeric() || !after.is_alphanumeric() => {
                Some("`@` not inside an email address (a placeholder such as @name?)")
            }
            '&' if is_reference(&text[at..]) => Some(
                "a character reference such as `&#76;`, which a Markdown or HTML reader turns into another character; write the character itself",
            ),
            _ => None,
        };
        if let Some(what) = what {
            found(at, "sign", what.to_owned());
        }
        before = c;
    }
}

/// Whether `rest` begins with an amount, perhaps after one space (`$50`, `$ 50`).
fn amount_follows(rest: &str) -> bool {
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    rest.starts_with(|d: char| d.is_ascii_digit())
}

/// Whether `text` ends with a number, perhaps and one space (`10%`, `100 %`).
fn number_precedes(text: &str) -> bool {
    let text = text.strip_suffix(' ').unwrap_or(text);
    text.ends_with(|d: char| d.is_ascii_digit())
}

/// Whether `rest` (from an `&`) begins a character reference: `&name;`, `&#123;`, `&#x7B;`.
fn is_reference(rest: &str) -> bool {
    let body = &rest[1..];
    let (digits, body) = match body.strip_prefix('#') {
        Some(hex) if hex.starts_with(['x', 'X']) => (16, &hex[1..]),
        Some(dec) => (10, dec),
        None => (0, body),
    };
    let len = body
        .chars()
        .take_while(|c| match digits {
            0 => c.is_ascii_alphanumeric(),
            radix => c.is_digit(radix),
        })
        .count();
    len > 0
        && body[len..].starts_with(';')
        && (digits > 0 || body.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// Letters and marks outside those Unicode recommends for ordinary writing in any language
/// (UTS 39's identifier profile): small capitals (`ʟɪɴᴋ`), phonetic letters, combining
/// marks that underline or strike out, which can make a placeholder read as something else.
fn letters(text: &str, found: &mut dyn FnMut(usize, &'static str, String)) {
    for (at, c) in text.char_indices() {
        if !c.is_ascii() && (c.is_alphabetic() || is_mark(c)) && !c.identifier_allowed() {
            found(
                at,
                "character",
                format!(
                    "letter U+{:04X} `{}` is not used in ordinary writing (a small capital, a phonetic letter, a decorating mark?)",
                    u32::from(c),
                    printable(c)
                ),
            );
        }
    }
}

fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
}

/// What to show of a refused character: itself when visible, else nothing.
fn printable(c: char) -> String {
    if c.is_control() || c.is_whitespace() || is_mark(c) {
        String::new()
    } else {
        c.to_string()
    }
}

/// Byte ranges of `text` that the library allows by name (`allow`).
fn allowed_ranges(text: &str, rules: &Rules) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    for form in rules.allow.iter().filter(|f| !f.is_empty()) {
        let mut normal = Judged::new();
        normal.push_prose(form, 1);
        let needle = normal.text;
        if needle.is_empty() {
            continue;
        }
        ranges.extend(text.match_indices(&needle).map(|(o, m)| o..o + m.len()));
    }
    ranges
}

/// `text` with each of `ranges` made spaces, byte for byte, so offsets stay as they were.
fn blank(text: &str, ranges: &[std::ops::Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for r in ranges {
        bytes[r.clone()].fill(b' ');
    }
    // Whole characters were replaced by spaces: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

/// Word rules: words in capitals outside the acronyms (consecutive ones make one finding),
/// capitals spelled out letter by letter (`L.I.N.K`, `T B D`), and words that mix scripts
/// (look-alike letters).
fn words(
    line: &Judged,
    text: &str,
    rules: &Rules,
    found: &mut dyn FnMut(usize, &'static str, String),
) {
    let mut capitals: Option<(usize, String)> = None;
    let mut gap_only_spaces = true;
    // Single letters one after another with the same separator between each two (`L.I.N.K`,
    // `t.b.d`, `L/I/N/K`): where they start, the letters, where the last one ends, and the
    // separator. One separator throughout, so "the U.S. A protective order" is not `USA`.
    let mut spelled: Option<Spelled> = None;
    let flush = |capitals: &mut Option<(usize, String)>,
                 found: &mut dyn FnMut(usize, &'static str, String)| {
        if let Some((start, words)) = capitals.take() {
            let noun = if words.contains(' ') {
                "capital words"
            } else {
                "capital word"
            };
            found(start, "capitals", format!("{noun} {}", short(&words)));
        }
    };
    let flush_spelled =
        |spelled: &mut Option<Spelled>, found: &mut dyn FnMut(usize, &'static str, String)| {
            let Some(s) = spelled.take() else { return };
            let count = s.letters.chars().count();
            if count >= 3 && s.letters.chars().all(char::is_uppercase) {
                if !rules.is_acronym(&s.letters) {
                    found(
                        s.start,
                        "capitals",
                        format!(
                            "capital letters spelled out, {}, which read as a word in capitals",
                            short(&s.letters)
                        ),
                    );
                }
            } else if count >= 2 && FILLER_WORDS.contains(&s.letters.to_ascii_lowercase().as_str())
            {
                found(
                    s.start,
                    "filler",
                    format!("filler “{}” spelled out", s.letters.to_ascii_lowercase()),
                );
            }
        };
    for (start, word) in tokens(text) {
        let end = start + word.len();
        let single = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
        let extends = spelled.as_ref().is_some_and(|s| {
            let gap = &text[s.last..start];
            single
                && is_spelling_gap(gap)
                && s.gap.as_deref().is_none_or(|g| g == gap)
                && s.letters.chars().all(char::is_uppercase) == word.chars().all(char::is_uppercase)
        });
        match &mut spelled {
            Some(s) if extends => {
                s.gap.get_or_insert_with(|| text[s.last..start].to_owned());
                s.letters.push_str(word);
                s.last = end;
            }
            _ => {
                flush_spelled(&mut spelled, found);
                if single {
                    spelled = Some(Spelled {
                        start,
                        letters: word.to_owned(),
                        last: end,
                        gap: None,
                    });
                }
            }
        }
        if mixes_scripts(line, start, word) {
            flush(&mut capitals, found);
            found(
                start,
                "mixed-script",
                format!(
                    "word “{}” mixes letters of different scripts (look-alike letters?)",
                    short(word)
                ),
            );
            continue;
        }
        let between = capitals
            .as_ref()
            .map(|(s, w)| &text[s + w.len()..start])
            .unwrap_or(" ");
        gap_only_spaces &= between.chars().all(|c| c == ' ');
        if is_capital_word(word, rules) {
            match &mut capitals {
                Some((_, words)) if gap_only_spaces => {
                    words.push(' ');
                    words.push_str(word);
                }
                _ => {
                    flush(&mut capitals, found);
                    capitals = Some((start, word.to_owned()));
                }
            }
            gap_only_spaces = true;
        } else {
            flush(&mut capitals, found);
        }
    }
    flush(&mut capitals, found);
    flush_spelled(&mut spelled, found);
}

/// Whether a word mixes Latin letters with letters of another script, look-alike ones
/// (folded above: a Cyrillic `і` in `lіnk`) or not: the trick that hides a placeholder from a
/// reader. A word wholly in one script (Cyrillic, Greek …) is that script's to judge.
fn mixes_scripts(line: &Judged, start: usize, word: &str) -> bool {
    static NON_LATIN: LazyLock<Class> =
        LazyLock::new(|| Class::new(r"[\p{L}--[\p{Latin}\p{Common}\p{Inherited}]]"));
    if word.is_ascii() && line.folded.is_empty() {
        return false;
    }
    let end = start + word.len();
    let folded = |i: usize| line.folded.iter().any(|r| r.contains(&i));
    let any_folded = line.folded.iter().any(|r| r.start < end && start < r.end);
    let native_latin = word
        .char_indices()
        .any(|(i, c)| c.is_ascii_alphabetic() && !folded(start + i));
    if native_latin {
        return any_folded || word.chars().any(|c| NON_LATIN.contains(c));
    }
    !any_folded && !word.is_single_script()
}

/// Words: runs of letters, marks, digits and `_`, with their byte offsets.
pub fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || is_mark(c);
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.by_ref().find(|&(_, c)| is_word(c))?;
        let mut end = text.len();
        while let Some(&(i, c)) = rest.peek() {
            if !is_word(c) {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, &text[start..end]))
    })
}

fn is_mark(c: char) -> bool {
    static MARK: LazyLock<Class> = LazyLock::new(|| Class::new(r"\p{M}"));
    !c.is_ascii() && !EVERYDAY.contains(c) && MARK.contains(c)
}

/// Whether a word holds a run of two or more capital letters that the library does not list
/// as an acronym (`PFAs` is fine when `PFA` is listed; `LINKS`, `LINK2`, `XXXBye` and
/// `PFA_LINK` are not): every run must be one, or the whole word.
pub fn is_capital_word(word: &str, rules: &Rules) -> bool {
    !rules.is_acronym(word) && capital_runs(word).any(|run| !rules.is_acronym(run))
}

/// Every run of two or more capital letters in `word` (marks inside it kept).
fn capital_runs(word: &str) -> impl Iterator<Item = &str> {
    let mut runs = Vec::new();
    let mut start = None;
    let mut letters = 0;
    let mut end = 0;
    for (i, c) in word.char_indices() {
        if c.is_uppercase() {
            start.get_or_insert(i);
            letters += 1;
            end = i + c.len_utf8();
        } else if start.is_some() && is_mark(c) {
            end = i + c.len_utf8();
        } else {
            if letters >= 2 {
                runs.extend(start.map(|s| &word[s..end]));
            }
            start = None;
            letters = 0;
        }
    }
    if letters >= 2 {
        runs.extend(start.map(|s| &word[s..end]));
    }
    runs.into_iter()
}

/// Capital words of `text` as an editor reads it: what the library's `acronyms` would
/// have to list for the guard to accept them.
pub fn capital_words(text: &str, rules: &Rules) -> Vec<String> {
    let mut judged = Judged::new();
    judged.push_prose(text, 1);
    tokens(&judged.text)
        .filter(|(_, w)| is_capital_word(w, rules))
        .map(|(_, w)| w.to_owned())
        .collect()
}

fn short(s: &str) -> String {
    crate::clean::shorten(s, 41)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str, rules: &Rules) -> Vec<(usize, &'static str, String)> {
        let mut line = Judged::new();
        line.push_prose(text, 1);
        let mut out = judge(&line, rules);
        out.sort_by_key(|h| h.column);
        out.into_iter()
            .map(|h| (h.column, h.rule, h.what))
            .collect()
    }

    #[test]
    fn normalising_keeps_columns_of_the_shown_line() {
        let mut line = Judged::new();
        line.push_prose("a\u{200b}ＬＩ", 1);
        assert_eq!(line.text, "aLI");
        assert_eq!(line.column(1), 3);
        assert_eq!(line.column(2), 4);
    }

    #[test]
    fn look_alike_letters_fold_to_latin() {
        assert_eq!(fold('А'), vec!['A']);
        assert_eq!(fold('о'), vec!['o']);
        assert_eq!(fold('é'), vec!['é']);
        assert_eq!(fold('І'), vec!['I']);
    }

    #[test]
    fn consecutive_capital_words_are_one_finding() {
        let found = hits(
            "Please CHECK WITH LEGAL TEAM FIRST. Then TBD.",
            &Rules::default(),
        );
        assert_eq!(
            found,
            vec![
                (
                    8,
                    "capitals",
                    "capital words CHECK WITH LEGAL TEAM FIRST".to_owned()
                ),
                (42, "filler", "filler “TBD”".to_owned()),
            ]
        );
    }

    #[test]
    fn acronyms_and_allowed_forms_pass() {
        let rules = Rules {
            acronyms: vec!["PFA".into()],
            allow: vec!["[sic]".into()],
            ..Rules::default()
        };
        assert_eq!(
            hits("A PFA, two PFAs, and “their [sic] order”.", &rules),
            vec![]
        );
        assert_eq!(hits("A PFAB.", &rules).len(), 1);
    }
}
