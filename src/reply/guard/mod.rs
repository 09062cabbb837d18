//! The send-safety guard: the last step before a reply can reach stdout or the clipboard.
//!
//! It is default-deny: it accepts only what approved prose looks like ([`prose`]), links
//! that are plain web addresses ([`url`]), and the library's own house rules, and refuses
//! everything else. It judges every character that came from the library and never what
//! the advocate typed: an answer is a [`Segment::Answer`], which the guard sees only as a
//! stand-in, so it is never judged and never quoted in a refusal.

pub mod prose;
pub mod url;

use std::fmt;

use crate::library::rules::Rules;
use crate::reply::paragraphs::{Paragraph, Reply, Segment};

use prose::{Hit, Judged, STAND_IN};

/// One reason to refuse a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Where: the body's paragraphs are lines 1, 3, 5 … of the text reply; a frame's lines
    /// are numbered in the frame's own output.
    pub place: Place,
    pub line: usize,
    /// 1-based column, in characters of [`excerpt`](Self::excerpt).
    pub column: usize,
    /// The rule's short name (`capitals`, `bracket`, `link`, `forbid` …).
    pub rule: &'static str,
    /// What was found, e.g. `capital word LINK`.
    pub what: String,
    /// The line as the guard saw it, answers shown as `…`.
    pub excerpt: String,
}

/// Which part of the reply a finding is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Body,
    /// The frame, by its file name as the user knows it.
    Frame(String),
    /// The reply as a whole (a `require` rule it misses).
    Reply,
}

/// A refused reply: every finding, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub findings: Vec<Finding>,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.findings.iter().all(|x| x.place == Place::Reply) {
            writeln!(
                f,
                "reply refused: it does not keep the library's rules; nothing was printed"
            )?;
        } else {
            writeln!(
                f,
                "reply refused: it still holds text that must never reach a survivor; nothing was printed"
            )?;
        }
        for (i, x) in self.findings.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let place = match &x.place {
                Place::Body => String::new(),
                Place::Frame(origin) => format!("in the frame {origin}, "),
                Place::Reply => {
                    write!(f, "  [{}] {}", x.rule, x.what)?;
                    continue;
                }
            };
            write!(
                f,
                "  {place}line {}, column {} [{}]: {}\n    {}",
                x.line,
                x.column,
                x.rule,
                x.what,
                excerpt(&x.excerpt, x.column, 60, 60)
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Refused {}

/// The guard with a library's rules.
#[derive(Debug, Clone, Copy)]
pub struct Guard<'r> {
    pub rules: &'r Rules,
}

/// A paragraph as the guard reads it: what it shows, and the judged forms.
struct Views {
    shown: String,
    /// Library prose normalised; answers and links as stand-ins.
    prose: Judged,
    /// Everything but answers (links as their URLs), normalised: what house rules see.
    whole: Judged,
}

impl<'r> Guard<'r> {
    pub fn new(rules: &'r Rules) -> Self {
        Guard { rules }
    }

    fn views(paragraph: &[Segment]) -> Views {
        let mut shown = String::new();
        let mut column = 1;
        let mut prose = Judged::new();
        let mut whole = Judged::new();
        for segment in paragraph {
            match segment {
                Segment::Text(text) => {
                    prose.push_prose(text, column);
                    whole.push_prose(text, column);
                    // A changed answer shows as an answer does: nothing of it is quoted.
                    shown.extend(
                        text.chars()
                            .map(|c| if c == prose::TAINT { STAND_IN } else { c }),
                    );
                    column += text.chars().count();
                }
                Segment::Answer(_) => {
                    prose.push(STAND_IN, column);
                    whole.push(STAND_IN, column);
                    shown.push(STAND_IN);
                    column += 1;
                }
                Segment::Link { url, .. } => {
                    prose.push(STAND_IN, column);
                    for (i, c) in url.chars().enumerate() {
                        whole.push(c, column + i);
                    }
                    shown.push_str(url);
                    column += url.chars().count().max(1);
                }
            }
        }
        Views {
            shown,
            prose,
            whole,
        }
    }

    /// Findings in the library prose of a paragraph and in how it holds its links and
    /// answers: everything that does not depend on which state's URLs the links take.
    pub fn prose(&self, paragraph: &[Segment]) -> Vec<Hit> {
        self.prose_in(paragraph, &Self::views(paragraph))
    }

    fn prose_in(&self, paragraph: &[Segment], views: &Views) -> Vec<Hit> {
        let mut hits = prose::judge(&views.prose, self.rules);
        hits.extend(self.placement(paragraph));
        hits
    }

    /// Web addresses written in the prose itself, judged as the registry's are; and links
    /// that run into the text or an answer beside them, which a helpdesk would turn into one
    /// broken address (`…/crimes/insert-link`).
    fn placement(&self, paragraph: &[Segment]) -> Vec<Hit> {
        // Found by segment and byte; the column is worked out only for what is found (the
        // exhaustive check passes this way hundreds of thousands of times).
        let mut found: Vec<(usize, usize, String)> = Vec::new();
        for (i, segment) in paragraph.iter().enumerate() {
            match segment {
                Segment::Text(text) => {
                    for (at, address) in written_urls(text) {
                        if let Some(problem) = url::problem(&address, false, self.rules) {
                            let what =
                                format!("a web address in the text {}", shorten_url(&problem));
                            found.push((i, at, what));
                        }
                    }
                }
                Segment::Answer(_) => {}
                Segment::Link { name, .. } => {
                    let before = i.checked_sub(1).and_then(|b| paragraph.get(b));
                    let after = paragraph.get(i + 1);
                    let runs_in = match (before, after) {
                        (Some(Segment::Text(t)), _) if !separates_before(t) => Some("before"),
                        (_, Some(Segment::Text(t))) if !separates_after(t) => Some("after"),
                        (Some(Segment::Answer(_) | Segment::Link { .. }), _)
                        | (_, Some(Segment::Answer(_) | Segment::Link { .. })) => Some("beside"),
                        _ => None,
                    };
                    if let Some(side) = runs_in {
                        found.push((i, 0, format!(
                            "link '{name}' runs into what stands {side} it, which would read as part of its address; put a space or punctuation between"
                        )));
                    }
                }
            }
        }
        found
            .into_iter()
            .map(|(i, at, what)| Hit {
                column: column_of(paragraph, i, at),
                rule: "link",
                what,
            })
            .collect()
    }

    /// Findings in a paragraph's links.
    pub fn links(&self, paragraph: &[Segment]) -> Vec<Hit> {
        let mut column = 1;
        let mut hits = Vec::new();
        for segment in paragraph {
            match segment {
                Segment::Text(text) => column += text.chars().count(),
                Segment::Answer(_) => column += 1,
                Segment::Link { name, url } => {
                    if let Some(problem) = url::problem(url, false, self.rules) {
                        hits.push(Hit {
                            column,
                            rule: "link",
                            what: format!("link '{name}': {}", shorten_url(&problem)),
                        });
                    }
                    column += url.chars().count().max(1);
                }
            }
        }
        hits
    }

    fn forbidden_in(&self, whole: &Judged) -> Vec<Hit> {
        let mut hits = Vec::new();
        for rule in &self.rules.forbid {
            for m in rule.regex.find_iter(&whole.text) {
                hits.push(Hit {
                    column: whole.column(m.start()),
                    rule: "forbid",
                    what: rule.message.clone(),
                });
            }
        }
        hits
    }

    /// A paragraph made ready for the house rules, so a caller that fills its links with each
    /// state's URLs normalises its text once, not once per state.
    pub fn house(&self, paragraph: &[Segment]) -> House<'_> {
        let pieces = if self.rules.forbid.is_empty() && self.rules.require.is_empty() {
            Vec::new()
        } else {
            paragraph
                .iter()
                .map(|segment| match segment {
                    Segment::Text(text) => {
                        let mut judged = Judged::new();
                        judged.push_prose(text, 1);
                        HousePiece::Text(judged, text.chars().count())
                    }
                    Segment::Answer(_) => HousePiece::Answer,
                    Segment::Link { name, .. } => HousePiece::Link(name.clone()),
                })
                .collect()
        };
        House {
            guard: *self,
            pieces,
        }
    }

    /// For each `require` rule, whether the paragraph (links filled in) meets it.
    pub fn meets(&self, paragraph: &[Segment]) -> Vec<bool> {
        let views = Self::views(paragraph);
        self.meets_in(&views.whole)
    }

    fn meets_in(&self, whole: &Judged) -> Vec<bool> {
        self.rules
            .require
            .iter()
            .map(|rule| rule.regex.is_match(&whole.text))
            .collect()
    }

    /// Every finding of one paragraph, sorted by column: prose, links, house rules.
    pub fn paragraph(&self, paragraph: &[Segment]) -> Vec<Hit> {
        let views = Self::views(paragraph);
        let mut hits = self.prose_in(paragraph, &views);
        hits.extend(self.links(paragraph));
        hits.extend(self.forbidden_in(&views.whole));
        hits.sort_by_key(|h| h.column);
        hits
    }

    /// Passes a whole reply, or refuses it with every finding: its body and the frame's own
    /// lines (`frame`: the frame's origin and its lines, the body left out), and the
    /// `require` rules over both.
    pub fn check(&self, body: &Reply, frame: Option<(&str, &[Paragraph])>) -> Result<(), Refused> {
        let mut findings = Vec::new();
        let mut met = vec![false; self.rules.require.len()];
        let mut judge = |paragraph: &[Segment], place: Place, line: usize| {
            let views = Self::views(paragraph);
            let mut hits = self.prose_in(paragraph, &views);
            hits.extend(self.links(paragraph));
            hits.extend(self.forbidden_in(&views.whole));
            hits.sort_by_key(|h| h.column);
            for (m, now) in met.iter_mut().zip(self.meets_in(&views.whole)) {
                *m |= now;
            }
            findings.extend(hits.into_iter().map(|hit| Finding {
                place: place.clone(),
                line,
                column: hit.column,
                rule: hit.rule,
                what: hit.what,
                excerpt: views.shown.clone(),
            }));
        };
        if let Some((origin, lines)) = frame {
            for (i, line) in lines.iter().enumerate() {
                judge(line, Place::Frame(origin.to_owned()), i + 1);
            }
        }
        for (i, paragraph) in body.paragraphs.iter().enumerate() {
            judge(paragraph, Place::Body, 2 * i + 1);
        }
        if body.paragraphs.is_empty() {
            findings.push(Finding {
                place: Place::Reply,
                line: 0,
                column: 0,
                rule: "empty",
                what: "the reply has no text: for these answers every block is left out or says nothing".to_owned(),
                excerpt: String::new(),
            });
        }
        for (rule, met) in self.rules.require.iter().zip(met) {
            if !met {
                findings.push(Finding {
                    place: Place::Reply,
                    line: 0,
                    column: 0,
                    rule: "require",
                    what: format!(
                        "the reply lacks what the library's rules require: {}",
                        rule.message
                    ),
                    excerpt: String::new(),
                });
            }
        }
        if findings.is_empty() {
            Ok(())
        } else {
            Err(Refused { findings })
        }
    }
}

/// A paragraph ready for the house rules (see [`Guard::house`]).
pub struct House<'r> {
    guard: Guard<'r>,
    pieces: Vec<HousePiece>,
}

enum HousePiece {
    /// Normalised text, and how many characters it shows.
    Text(Judged, usize),
    Answer,
    Link(String),
}

impl House<'_> {
    /// The `forbid` findings and the `require` rules met, with each link's URL from `url`.
    pub fn judge(&self, url: impl Fn(&str) -> String) -> (Vec<Hit>, Vec<bool>) {
        if self.pieces.is_empty() {
            return (Vec::new(), vec![false; self.guard.rules.require.len()]);
        }
        let mut whole = Judged::new();
        let mut column = 1;
        for piece in &self.pieces {
            match piece {
                HousePiece::Text(judged, shown) => {
                    whole.append(judged, column);
                    column += shown;
                }
                HousePiece::Answer => {
                    whole.push(STAND_IN, column);
                    column += 1;
                }
                HousePiece::Link(name) => {
                    let url = url(name);
                    whole.push_run(&url, column);
                    column += url.chars().count().max(1);
                }
            }
        }
        (self.guard.forbidden_in(&whole), self.guard.meets_in(&whole))
    }
}

/// A paragraph as a message shows it: library text, `…` for each answer, links as URLs.
pub fn shown(paragraph: &[Segment]) -> String {
    Guard::views(paragraph).shown
}

/// The column, as a message shows the paragraph, of byte `at` of segment `segment`.
fn column_of(paragraph: &[Segment], segment: usize, at: usize) -> usize {
    let before: usize = paragraph[..segment]
        .iter()
        .map(|s| match s {
            Segment::Text(text) => text.chars().count(),
            Segment::Answer(_) => 1,
            Segment::Link { url, .. } => url.chars().count().max(1),
        })
        .sum();
    let within = match &paragraph[segment] {
        Segment::Text(text) => text[..at].chars().count(),
        _ => 0,
    };
    1 + before + within
}

/// Web addresses written in text, and their byte offsets: every word that holds `://`, starts
/// with `http` and a colon, or starts with `www.` (any case), less the punctuation a sentence
/// puts around it. A `www.` address is judged as the `https://` one a mail program makes of it.
fn written_urls(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    // Every address holds a `:` or a `www.`: most text has neither, and is passed at once.
    let www = |w: &[u8]| w.eq_ignore_ascii_case(b"www.");
    let any = text.contains(':') || text.as_bytes().windows(4).any(www);
    text.split_whitespace()
        .filter(move |word| any && (word.contains(':') || word.as_bytes().windows(4).any(www)))
        .filter_map(move |word| {
            let at = word.as_ptr() as usize - text.as_ptr() as usize;
            let trimmed = word.trim_start_matches(|c: char| OPENS_A_QUOTE.contains(c));
            let at = at + (word.len() - trimmed.len());
            let address = trimmed.trim_end_matches(|c: char| ENDS_A_SENTENCE.contains(c));
            let lower = address.to_ascii_lowercase();
            if lower.starts_with("www.") {
                Some((at, format!("https://{address}")))
            } else if address.contains("://")
                || (lower.starts_with("http") && address.contains(':'))
            {
                Some((at, address.to_owned()))
            } else {
                None
            }
        })
}

/// What may open a quotation or an aside before a link or an address.
const OPENS_A_QUOTE: &str = "(“‘\"'«";

/// Punctuation that may follow a link and still be read as the sentence's, not the address's.
const ENDS_A_SENTENCE: &str = ".,;:!?)”’\"'»";

/// Whether the text before a link ends so that the link starts a new word.
fn separates_before(text: &str) -> bool {
    text.chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || OPENS_A_QUOTE.contains(c))
}

/// Whether the text after a link begins so that the address ends with the link: a space, or
/// punctuation that ends the sentence followed by a space or nothing.
fn separates_after(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| ENDS_A_SENTENCE.contains(c));
    rest.chars().next().is_none_or(char::is_whitespace)
}

/// URLs in a problem can be long; messages keep them readable.
fn shorten_url(problem: &str) -> String {
    crate::clean::shorten(problem, 158)
}

/// Up to `before` characters before the column and `after` from it, on one line, with `…`
/// where it was cut, so a long paragraph stays readable in a message. Characters a reader
/// never sees (a zero-width space, a soft hyphen) are shown by code point, `⟨U+200B⟩`, so
/// the editor can find what hid a placeholder.
pub fn excerpt(line: &str, column: usize, before: usize, after: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let from = at.saturating_sub(before);
    let to = (at + after).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    for &c in &chars[from..to] {
        if prose::is_ignorable(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(paragraphs: &[&[Segment]]) -> Reply {
        Reply {
            paragraphs: paragraphs.iter().map(|p| p.to_vec()).collect(),
        }
    }

    fn text(s: &str) -> Segment {
        Segment::Text(s.into())
    }

    fn link(url: &str) -> Segment {
        Segment::Link {
            name: "crimes".into(),
            url: url.into(),
        }
    }

    fn rules_found(r: &Reply, rules: &Rules) -> Vec<(usize, usize, &'static str)> {
        Guard::new(rules)
            .check(r, None)
            .err()
            .map(|e| {
                e.findings
                    .into_iter()
                    .map(|f| (f.line, f.column, f.rule))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn found(r: &Reply) -> Vec<(usize, usize, &'static str)> {
        rules_found(r, &Rules::default())
    }

    #[test]
    fn passes_approved_prose_with_a_link() {
        let r = reply(&[&[
            text(
                "The prosecutor technically represents the state’s interests (or s/he may not) – see ",
            ),
            link("https://www.womenslaw.org/laws/ny/crimes"),
            text("."),
        ]]);
        assert_eq!(found(&r), vec![]);
    }

    #[test]
    fn a_refusal_shows_the_invisible_character_that_hid_a_placeholder() {
        let r = reply(&[&[text("Go to LI\u{200B}NK or LINK\u{AD}S now.")]]);
        let refused = Guard::new(&Rules::default()).check(&r, None).unwrap_err();
        let message = refused.to_string();
        assert!(
            message.contains("LI⟨U+200B⟩NK or LINK⟨U+00AD⟩S"),
            "{message}"
        );
        assert!(!message.contains('\u{200B}'), "{message}");
    }

    #[test]
    fn reports_line_and_column_of_the_text_output() {
        let r = reply(&[&[text("Fine.")], &[text("Then ∑ LINK.")]]);
        assert_eq!(found(&r), vec![(3, 6, "character"), (3, 8, "capitals")]);
    }

    #[test]
    fn a_bad_link_is_refused_where_it_stands() {
        let r = reply(&[&[text("here: "), link("")]]);
        assert_eq!(found(&r), vec![(1, 7, "link")]);
        let r = reply(&[&[text("here: "), link("https://x.org/{state}/a")]]);
        assert_eq!(found(&r), vec![(1, 7, "link")]);
    }

    #[test]
    fn answers_are_not_judged_and_not_quoted() {
        let r = reply(&[&[
            text("Hi "),
            Segment::Answer("{{ 7*7 }} NAME [ADD] Jane".into()),
            text(", see [HERE]"),
        ]]);
        let refused = Guard::new(&Rules::default()).check(&r, None).unwrap_err();
        let shown = refused.to_string();
        assert!(!shown.contains("Jane") && !shown.contains("7*7"), "{shown}");
        assert_eq!(
            refused
                .findings
                .iter()
                .map(|f| (f.column, f.rule))
                .collect::<Vec<_>>(),
            vec![(11, "bracket"), (12, "capitals"), (16, "bracket")]
        );
    }

    #[test]
    fn house_rules_forbid_and_require() {
        let file: crate::library::rules::RulesFile = crate::library::yaml::parse(
            "forbid:\n  - pattern: '(?i)\\byou should\\b'\n    message: advice\nrequire:\n  - pattern: 'https://'\n    message: a link\n",
            "rules.yaml",
        )
        .unwrap();
        let rules = crate::library::rules::compile(file, "rules.yaml", "").unwrap();
        let advice = reply(&[&[text("You should call.")]]);
        assert_eq!(
            rules_found(&advice, &rules),
            vec![(1, 1, "forbid"), (0, 0, "require")]
        );
        let linked = reply(&[&[text("Call: "), link("https://x.org/a")]]);
        assert_eq!(rules_found(&linked, &rules), vec![]);
        // An answer cannot meet a requirement: it is never judged, either way.
        let typed = reply(&[&[Segment::Answer("https://x.org".into())]]);
        assert_eq!(rules_found(&typed, &rules), vec![(0, 0, "require")]);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Lowercase prose: words, spaces and the punctuation approved texts use (no word is
    /// filler: `x` runs and the filler words are left out).
    fn prose() -> impl Strategy<Value = String> {
        let word = "[a-wyz]{1,9}".prop_filter("not filler", |w| {
            ![
                "todo", "tbd", "tba", "tbc", "fixme", "lorem", "ipsum", "insert",
            ]
            .contains(&w.as_str())
        });
        prop::collection::vec(
            prop_oneof![
                word,
                Just(",".to_owned()),
                Just("’s".to_owned()),
                Just("(or not)".to_owned()),
                Just("–".to_owned()),
                Just("s/he".to_owned()),
                Just("9-1-1".to_owned()),
            ],
            0..12,
        )
        .prop_map(|words| words.join(" "))
    }

    /// A word in capitals (two letters or more), perhaps with an invisible character inside.
    fn capital_word() -> impl Strategy<Value = String> {
        (
            "[A-Z]{2,8}",
            prop::option::of(prop::sample::select(vec![
                '\u{200b}', '\u{ad}', '\u{2060}', '\u{feff}',
            ])),
            any::<prop::sample::Index>(),
        )
            .prop_filter("not a listed acronym", |(w, _, _)| w != "PFA")
            .prop_map(|(word, hidden, at)| match hidden {
                Some(c) => {
                    let i = 1 + at.index(word.len() - 1);
                    format!("{}{c}{}", &word[..i], &word[i..])
                }
                None => word,
            })
    }

    fn one(text: String) -> Reply {
        Reply {
            paragraphs: vec![vec![Segment::Text(text)]],
        }
    }

    proptest! {
        #[test]
        fn any_capital_word_outside_the_acronyms_is_refused(
            before in prose(), word in capital_word(), after in prose(), gap in prop::sample::select(vec![" ", ": ", " (", "“", " – "]),
        ) {
            let rules = Rules { acronyms: vec!["PFA".into()], ..Rules::default() };
            let text = format!("{before}{gap}{word} {after}");
            let refused = Guard::new(&rules).check(&one(text.clone()), None);
            prop_assert!(refused.is_err(), "passed: {text:?}");
        }

        #[test]
        fn lowercase_prose_passes(text in prose()) {
            prop_assert_eq!(Guard::new(&Rules::default()).check(&one(text), None), Ok(()));
        }

        #[test]
        fn answers_are_never_judged_nor_quoted(
            before in prose(), typed in "\\PC{0,30}", after in prose(), leak in prop::bool::ANY,
        ) {
            // `¤` is never in the library text here, so finding the answer means quoting it.
            let answer = format!("¤{typed}");
            let mut paragraph = vec![
                Segment::Text(format!("{before} ")),
                Segment::Answer(answer.clone()),
                Segment::Text(format!(" {after}")),
            ];
            if leak {
                paragraph.push(Segment::Text(" LINK".into()));
            }
            let reply = Reply { paragraphs: vec![paragraph] };
            match Guard::new(&Rules::default()).check(&reply, None) {
                Ok(()) => prop_assert!(!leak),
                Err(refused) => {
                    prop_assert!(leak, "an answer was judged: {answer:?}");
                    let shown = refused.to_string();
                    prop_assert!(shown.contains("capital word LINK"), "{shown}");
                    prop_assert!(!shown.contains('¤'), "the answer is quoted in {shown}");
                }
            }
        }
    }
}
