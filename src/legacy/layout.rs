//! Where things are in a legacy text: paragraphs, header lines, brackets, and the text a
//! paragraph directive governs. Positions only; what the text becomes is decided elsewhere.

use super::directive::{self, Directive, Scope};

/// One paragraph of the legacy text: a run of non-blank lines.
#[derive(Debug, Clone, Copy)]
pub(super) struct Para<'t> {
    pub text: &'t str,
    /// Byte offset of `text` in the whole (normalized) text.
    pub start: usize,
}

/// A directive that opens a paragraph, and where its text starts.
pub(super) struct Head {
    pub directive: Directive,
    /// Byte offset in the paragraph where the governed text starts.
    pub content: usize,
    /// The closing bracket, when the governed text is inside the directive's own brackets.
    pub enclosed_end: Option<usize>,
}

/// The text as one kind of line ending, without a byte-order mark.
pub(super) fn normalize(text: &str) -> String {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
        .replace('\r', "\n")
}

pub(super) fn paragraphs(text: &str) -> Vec<Para<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(Para {
                    text: &text[s..end],
                    start: s,
                });
            }
        } else {
            if start.is_none() {
                start = Some(offset + line.len() - line.trim_start().len());
            }
            end = offset + line.trim_end().len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(Para {
            text: &text[s..end],
            start: s,
        });
    }
    out
}

/// `..V wants to drop criminal RO and/or criminal charges*`: the old document's sort marks.
/// A title is one short line, so a body paragraph ending in a footnote `*` is not taken.
pub(super) fn is_sort_marked(text: &str) -> bool {
    let t = text.trim();
    !t.contains('\n')
        && !t.starts_with('[')
        && t.chars().count() <= 200
        && (t.starts_with("..") || t.ends_with('*'))
}

/// A short line that is not a sentence: a category.
pub(super) fn is_label(text: &str) -> bool {
    let t = text.trim();
    !t.contains('\n') && t.chars().count() <= 80 && !t.ends_with(['.', '!', '?', ':', ']'])
}

/// A directive that opens a paragraph and governs paragraphs (not a sentence).
pub(super) fn paragraph_head(text: &str) -> Option<Head> {
    let (words, content, enclosed_end) = if text.starts_with('[') {
        let close = matching_close(text, 0);
        let inner = &text[1..close.unwrap_or(text.len())];
        match directive_colon(inner) {
            // `[INCLUDE THIS PARAGRAPH IF ...: the text]`
            Some(colon) if !inner[colon + 1..].trim().is_empty() => {
                (&inner[..=colon], colon + 2, close)
            }
            // `[ADD THIS PARAGRAPH IF ...:] the text]`
            _ => (inner, close? + 1, None),
        }
    } else {
        // `ONLY INCLUDE THIS PARAGRAPH IF ...: the text`
        match text.find(':') {
            Some(colon) if !has_lowercase(&text[..colon]) => (&text[..=colon], colon + 1, None),
            _ if !has_lowercase(text) => (text, text.len(), None),
            _ => return None,
        }
    };
    let directive = directive::parse(words)?;
    (directive.scope == Scope::Paragraph).then_some(Head {
        directive,
        content,
        enclosed_end,
    })
}

/// Pieces (text, byte offset) of the text a paragraph directive governs.
pub(super) struct Governed<'t> {
    pub parts: Vec<(&'t str, usize)>,
    /// Text after the closing bracket, in the same paragraph.
    pub trailing: Option<(&'t str, usize)>,
    /// The paragraph after the governed text.
    pub next: usize,
    /// `THESE PARAGRAPHS` without a closing bracket: only the first paragraph was taken.
    pub unclosed: bool,
}

/// What the directive opening paragraph `k` governs: from the directive to the `]` that
/// closes it (the seed's `[ADD THIS PARAGRAPH ...:] ... court.]`), or to the end of the
/// paragraph when there is none. A directive standing alone governs the next paragraph;
/// `THESE PARAGRAPHS` runs on to the paragraph that holds the closing `]`.
pub(super) fn governed<'t>(paras: &[Para<'t>], k: usize, head: &Head) -> Governed<'t> {
    let p = paras[k];
    let mut g = Governed {
        parts: Vec::new(),
        trailing: None,
        next: k + 1,
        unclosed: false,
    };
    let first = &p.text[head.content..];
    let end = head
        .enclosed_end
        .or_else(|| find_unmatched_close(first).map(|e| head.content + e));
    if let Some(end) = end {
        g.parts
            .push((&p.text[head.content..end], p.start + head.content));
        g.trailing = Some((&p.text[end + 1..], p.start + end + 1));
        return g;
    }
    if !first.trim().is_empty() {
        g.parts.push((first, p.start + head.content));
    }
    if head.directive.plural {
        if let Some((m, e)) = closing_paragraph(paras, k + 1) {
            for q in &paras[k + 1..m] {
                g.parts.push((q.text, q.start));
            }
            g.parts.push((&paras[m].text[..e], paras[m].start));
            g.trailing = Some((&paras[m].text[e + 1..], paras[m].start + e + 1));
            g.next = m + 1;
            return g;
        }
        g.unclosed = true;
    }
    if g.parts.is_empty() {
        if let Some(q) = paras
            .get(k + 1)
            .filter(|q| paragraph_head(q.text).is_none())
        {
            match find_unmatched_close(q.text) {
                Some(e) => {
                    g.parts.push((&q.text[..e], q.start));
                    g.trailing = Some((&q.text[e + 1..], q.start + e + 1));
                }
                None => g.parts.push((q.text, q.start)),
            }
            g.next = k + 2;
        }
    }
    g
}

/// The paragraph (index, and offset of the bracket in it) that closes a multi-paragraph
/// directive: the first with an unmatched `]`, before any other directive.
pub(super) fn closing_paragraph(paras: &[Para], from: usize) -> Option<(usize, usize)> {
    for (i, q) in paras.iter().enumerate().skip(from) {
        if paragraph_head(q.text).is_some() {
            return None;
        }
        if let Some(e) = find_unmatched_close(q.text) {
            return Some((i, e));
        }
    }
    None
}

/// The colon that ends a directive's words inside brackets, if the words before it are
/// all capitals (`ERASE THIS SENTENCE IF IT'S NOT TRUE: ...`).
pub(super) fn directive_colon(inner: &str) -> Option<usize> {
    inner.find(':').filter(|&c| !has_lowercase(&inner[..c]))
}

pub(super) fn has_lowercase(s: &str) -> bool {
    s.chars().any(char::is_lowercase)
}

/// The `]` matching the `[` at `open`.
pub(super) fn matching_close(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in s.bytes().enumerate().skip(open) {
        match b {
            b'[' => depth += 1,
            b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The first `]` in `s` that closes no `[` of `s`: the end of a directive's governed text.
pub(super) fn find_unmatched_close(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' if depth == 0 => return Some(i),
            b']' => depth -= 1,
            _ => {}
        }
    }
    None
}

pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` as template text that renders as itself. Every `{` is printed by an expression,
/// so nothing before or after it (a `{{ link(...) }}` the importer writes next) can join it
/// into template syntax.
pub(super) fn literal(text: &str) -> String {
    text.replace('{', "{{ \"{\" }}")
}
