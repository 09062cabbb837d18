//! The editors' directives of the legacy texts (`[ADD THIS PARAGRAPH IF SHE ALSO ASKS ...:]`,
//! `[ERASE THIS SENTENCE IF IT'S NOT TRUE: ...]`) read as data: what they govern, when the
//! text stays, and the plain-words question each one becomes. The legacy wording varies from
//! editor to editor, so this reads the shape (verb, scope, `IF`, condition) rather than a
//! fixed list of sentences, and anything that does not fit is left to the report.

/// What a directive governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `... THIS PARAGRAPH ...` (or `THESE PARAGRAPHS`): a block of its own.
    Paragraph,
    /// `... THIS SENTENCE ...` (or part, line): a conditional piece inside a paragraph.
    Inline,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// The words after `IF`, as written, e.g. `SHE ALSO ASKS ABOUT DROPPING THE CRIMINAL CHARGES`.
    Stated(String),
    /// `ERASE THIS SENTENCE IF IT'S NOT TRUE`: whether the governed text itself is true.
    TextIsTrue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The directive as written (curly quotes and all), whitespace collapsed, without its
    /// brackets.
    pub words: String,
    pub scope: Scope,
    /// `THESE PARAGRAPHS`: the governed text may run over several paragraphs.
    pub plural: bool,
    /// The text stays when the condition holds (`ADD`, `INCLUDE`), or when it does not
    /// (`ERASE`, `DELETE`).
    pub keep_when: bool,
    pub condition: Condition,
}

/// How a question reads at the prompt and in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    /// A suggested question id (a template name), e.g. `asks_about_charges`.
    pub id: String,
    /// E.g. `Does the writer also ask about dropping the criminal charges?`
    pub ask: String,
    /// The condition as a statement, for the block's note, e.g. `the writer also asks about ...`.
    pub statement: String,
}

const KEEP_VERBS: &[&str] = &["ADD", "INCLUDE", "KEEP", "USE", "INSERT"];
const DROP_VERBS: &[&str] = &["ERASE", "DELETE", "REMOVE", "OMIT", "CUT", "SKIP", "DROP"];
/// How editors say "the text governed here may not be true for this writer".
const NOT_TRUE: &[&str] = &[
    "IT'S NOT TRUE",
    "IT IS NOT TRUE",
    "IT ISN'T TRUE",
    "THIS IS NOT TRUE",
    "THIS ISN'T TRUE",
    "THAT'S NOT TRUE",
    "THAT IS NOT TRUE",
    "IT DOESN'T APPLY",
    "IT DOES NOT APPLY",
    "NOT TRUE",
];
/// Where the condition of a directive ends and its instructions to the editor begin.
const CONDITION_ENDS: &[&str] = &[". ", "; ", "? ", " (", " IF NOT", ", IF NOT", ", OTHERWISE"];

/// Reads a directive from its words (brackets already removed). `None` when the words are not
/// a conditional directive this importer understands.
pub fn parse(words: &str) -> Option<Directive> {
    if words.chars().any(char::is_lowercase) {
        return None;
    }
    let written = collapse(words);
    let straight = straighten(&written);
    let body = straight.trim().trim_end_matches([':', ' ', ']']);
    let (phrase, condition) = match body.strip_prefix("IF ") {
        Some(rest) => ("", rest),
        None => {
            let at = body.find(" IF ")?;
            (&body[..at], &body[at + " IF ".len()..])
        }
    };
    let phrase = phrase.strip_prefix("ONLY").unwrap_or(phrase).trim();
    let verb = phrase.split(' ').next().unwrap_or_default();
    let mut keep_when = if phrase.is_empty() || KEEP_VERBS.contains(&verb) {
        true
    } else if DROP_VERBS.contains(&verb) {
        false
    } else {
        return None;
    };
    let scope = if phrase.contains("PARAGRAPH") {
        Scope::Paragraph
    } else {
        Scope::Inline
    };
    let mut condition = Condition::Stated(cut_condition(condition).to_owned());
    if let Condition::Stated(stated) = &condition {
        if stated.is_empty() {
            return None;
        }
        if !keep_when {
            if let Some(rest) = NOT_TRUE.iter().find_map(|p| stated.strip_prefix(p)) {
                // "ERASE ... IF IT'S NOT TRUE THAT X" keeps the text when X holds.
                let rest = rest.trim_start_matches([' ', ',', '-', '–', ':']);
                keep_when = true;
                condition = match rest.strip_prefix("THAT ") {
                    Some(that) if !that.trim().is_empty() => Condition::Stated(that.to_owned()),
                    _ => Condition::TextIsTrue,
                };
            }
        }
    }
    Some(Directive {
        plural: phrase.contains("PARAGRAPHS"),
        words: written,
        scope,
        keep_when,
        condition,
    })
}

/// The condition proper: up to the first sentence break or instruction (`IF NOT, SKIP ...`).
fn cut_condition(condition: &str) -> &str {
    let end = CONDITION_ENDS
        .iter()
        .filter_map(|sep| condition.find(sep))
        .min()
        .unwrap_or(condition.len());
    condition[..end]
        .trim()
        .trim_end_matches(['.', ',', ':', ';', '?', ' '])
}

/// Curly apostrophes and quotes as straight ones, so `IT’S` reads like `IT'S`.
pub fn straighten(s: &str) -> String {
    s.replace(['’', '‘'], "'").replace(['“', '”'], "\"")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Who "the writer" may be called in a condition.
const WRITER: &[&[&str]] = &[
    &["the", "writer"],
    &["the", "victim"],
    &["the", "survivor"],
    &["the", "caller"],
    &["the", "client"],
    &["s/he"],
    &["he/she"],
    &["she/he"],
    &["she"],
    &["he"],
    &["they"],
    &["you"],
    &["v"],
];
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "can", "could", "will", "would", "does",
    "do", "did", "may", "might", "must", "should",
];
const ADVERBS: &[&str] = &[
    "also",
    "already",
    "still",
    "now",
    "currently",
    "only",
    "just",
    "ever",
    "never",
    "recently",
    "really",
];
const PREPOSITIONS: &[&str] = &[
    "about", "in", "for", "with", "to", "on", "from", "at", "of", "by", "into", "against", "out",
];
/// Words that end the object of a condition: what follows is detail.
const CLAUSE_BREAKS: &[&str] = &[
    "and", "or", "but", "because", "that", "who", "which", "when", "if", "while", "after",
    "before", "since", "as",
];
/// Abbreviations that stay in capitals when a condition is reworded.
const ACRONYMS: &[&str] = &[
    "RO", "ROS", "DV", "DA", "PFA", "TPO", "CPS", "ICE", "US", "U.S.", "NY", "NYC", "DC", "ID",
];
/// Words that say nothing about the question, left out of ids.
const FILLER: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "about",
    "from",
    "by",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "can",
    "could",
    "will",
    "would",
    "may",
    "might",
    "must",
    "should",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "her",
    "his",
    "their",
    "them",
    "him",
    "she",
    "he",
    "they",
    "s/he",
    "you",
    "your",
    "our",
    "we",
    "i",
    "me",
    "my",
    "also",
    "already",
    "still",
    "just",
    "only",
    "not",
    "no",
    "if",
    "then",
    "so",
    "very",
    "there",
    "here",
    "some",
    "any",
    "own",
    "us",
    "told",
    "said",
    "mentioned",
    "writer",
    "victim",
    "another",
    "other",
    "understand",
    "recently",
    "yet",
];

/// Words the advocate is asked in: lower case except known abbreviations, the writer's
/// pronouns made neutral (the hotline serves survivors of any sex or gender).
fn ask_words(condition: &str) -> Vec<String> {
    condition
        .split_whitespace()
        .flat_map(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            if ACRONYMS.contains(&bare) {
                return vec![w.to_owned()];
            }
            let lower = w.to_lowercase();
            let word = match lower.as_str() {
                "her" | "his" | "his/her" | "her/his" => "their",
                "him" | "him/her" | "her/him" => "them",
                "herself" | "himself" => "themselves",
                "can't" | "cannot" => return vec!["can".to_owned(), "not".to_owned()],
                "won't" => return vec!["will".to_owned(), "not".to_owned()],
                // `doesn't` → `does not`, so the question reads "Does the writer not ...?"
                other => match other.strip_suffix("n't") {
                    Some(aux) if AUXILIARIES.contains(&aux) => {
                        return vec![aux.to_owned(), "not".to_owned()];
                    }
                    _ => other,
                },
            };
            vec![word.to_owned()]
        })
        .collect()
}

/// A question for a stated condition, e.g. `SHE ALSO ASKS ABOUT DROPPING THE CRIMINAL CHARGES`
/// → `asks_about_charges`, "Does the writer also ask about dropping the criminal charges?".
pub fn wording(condition: &str) -> Wording {
    let words = ask_words(&straighten(condition));
    let fallback = || Wording {
        id: significant_id(&words),
        ask: format!("Does this apply: “{}”?", words.join(" ")),
        statement: format!("this applies: “{}”", words.join(" ")),
    };
    let Some((subject, writer, verb_at)) = split_subject(&words) else {
        return fallback();
    };
    let rest = &words[verb_at..];
    let adverbs: Vec<&str> = rest
        .iter()
        .take_while(|w| ADVERBS.contains(&w.as_str()))
        .map(String::as_str)
        .collect();
    let Some(verb) = rest.get(adverbs.len()) else {
        return fallback();
    };
    let object: Vec<&str> = rest[adverbs.len() + 1..]
        .iter()
        .map(String::as_str)
        .collect();
    let lead = |aux: &str, verb: Option<&str>| {
        let mut parts = vec![aux.to_owned(), subject.clone()];
        parts.extend(adverbs.iter().map(|a| (*a).to_owned()));
        parts.extend(verb.map(str::to_owned));
        parts.extend(object.iter().map(|o| (*o).to_owned()));
        format!("{}?", parts.join(" "))
    };
    let ask = match verb.as_str() {
        "is" | "are" if writer => lead("Is", None),
        "was" | "were" if writer => lead("Was", None),
        "is" | "are" | "was" | "were" | "can" | "could" | "will" | "would" | "may" | "might"
        | "must" | "should" | "does" | "do" | "did" => lead(&capitalize(verb), None),
        "has" | "have" => lead(
            if writer || verb == "has" {
                "Does"
            } else {
                "Do"
            },
            Some("have"),
        ),
        "had" => lead("Did", Some("have")),
        v if v.ends_with('s') && !v.ends_with("ss") => lead("Does", Some(&base_form(v))),
        v if writer && !v.ends_with("ed") => lead("Does", Some(v)),
        _ => return fallback(),
    };
    let verb_stated = if writer {
        third_person(verb)
    } else {
        verb.clone()
    };
    let mut statement = vec![subject.clone()];
    statement.extend(adverbs.iter().map(|a| (*a).to_owned()));
    statement.push(verb_stated);
    statement.extend(object.iter().map(|o| (*o).to_owned()));
    let id =
        structured_id(&subject, writer, verb, &object).unwrap_or_else(|| significant_id(&words));
    Wording {
        id,
        ask,
        statement: statement.join(" "),
    }
}

/// A question for `ERASE THIS SENTENCE IF IT'S NOT TRUE`: the sentence itself is asked about.
pub fn wording_for_text(text: &str) -> Wording {
    let text = collapse(text);
    let excerpt = crate::clean::shorten(&text, 90);
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    Wording {
        id: significant_id(&words),
        ask: format!("Is this true for the writer: “{excerpt}”?"),
        statement: "it is true for the writer".to_owned(),
    }
}

/// The subject (reworded), whether it is the writer, and where the verb phrase starts.
fn split_subject(words: &[String]) -> Option<(String, bool, usize)> {
    for writer in WRITER {
        if words.len() > writer.len() && words.iter().zip(writer.iter()).all(|(w, p)| w == p) {
            return Some(("the writer".to_owned(), true, writer.len()));
        }
    }
    let determiners = ["the", "a", "an", "their", "its"];
    let verb_at = words
        .iter()
        .take(6)
        .position(|w| AUXILIARIES.contains(&w.as_str()))
        .filter(|&i| i > 0)
        .or_else(|| {
            (1..words.len().min(6)).find(|&i| {
                let w = &words[i];
                w.ends_with('s')
                    && !w.ends_with("ss")
                    && !w.contains('\'')
                    && !["his", "its", "this", "us", "yes"].contains(&w.as_str())
                    && !determiners.contains(&words[i - 1].as_str())
            })
        })?;
    Some((words[..verb_at].join(" "), false, verb_at))
}

/// verb (and its preposition, or `to` and the infinitive) plus the object's last real word:
/// `asks about dropping the criminal charges` → `asks_about_charges`.
fn structured_id(subject: &str, writer: bool, verb: &str, object: &[&str]) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if !writer {
        parts.extend(
            subject
                .split(' ')
                .rev()
                .find(|w| !FILLER.contains(w))
                .map(str::to_owned),
        );
    }
    parts.push(verb.to_owned());
    let mut rest = object;
    if let Some((first, after)) = rest.split_first() {
        if *first == "not" {
            parts.push("not".to_owned());
            rest = after;
        }
    }
    // After `does`, `can`, `will` ... the next word is the verb that says what happens.
    if !matches!(verb, "is" | "are" | "was" | "were" | "has" | "have" | "had")
        && AUXILIARIES.contains(&verb)
    {
        if let Some((main, after)) = rest.split_first() {
            parts.push((*main).to_owned());
            rest = after;
        }
    }
    if let Some((first, after)) = rest.split_first() {
        if PREPOSITIONS.contains(first) {
            parts.push((*first).to_owned());
            rest = after;
            if *first == "to" {
                if let Some((infinitive, after)) = rest.split_first() {
                    parts.push((*infinitive).to_owned());
                    rest = after;
                }
            }
        }
    }
    let phrase_end = rest
        .iter()
        .position(|w| PREPOSITIONS.contains(w) || CLAUSE_BREAKS.contains(w))
        .unwrap_or(rest.len());
    // The head of the object phrase is its last word; when the phrase is only filler
    // (`out of state`), the first real word after it.
    let head = rest[..phrase_end]
        .iter()
        .rev()
        .find(|w| !FILLER.contains(w))
        .or_else(|| {
            rest.iter()
                .find(|w| !FILLER.contains(w) && !PREPOSITIONS.contains(w))
        });
    parts.extend(head.map(|w| (*w).to_owned()));
    identifier(&parts.join("_"))
}

/// The first three words that carry meaning, e.g. `told_protection_order`.
fn significant_id(words: &[String]) -> String {
    let parts: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !FILLER.contains(&w.to_lowercase().as_str()))
        .take(3)
        .collect();
    identifier(&parts.join("_")).unwrap_or_else(|| "condition".to_owned())
}

/// `s` as a template name: lowercase ASCII letters, digits and `_`, starting with a letter.
pub fn identifier(s: &str) -> Option<String> {
    let mut out = String::new();
    for c in s.chars() {
        match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9') => out.push(c),
            '_' | ' ' | '-' | '/' if !out.is_empty() && !out.ends_with('_') => out.push('_'),
            _ => {}
        }
    }
    let out = out.trim_end_matches('_');
    let out = out.trim_start_matches(|c: char| !c.is_ascii_lowercase());
    let mut cut = out.len().min(40);
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    let out = out[..cut].trim_end_matches('_');
    (!out.is_empty()).then(|| out.to_owned())
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `asks` → `ask`, `carries` → `carry`, `watches` → `watch`.
fn base_form(verb: &str) -> String {
    if let Some(stem) = verb.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["ches", "shes", "sses", "xes", "zes", "oes"] {
        if verb.ends_with(ending) {
            return verb[..verb.len() - 2].to_owned();
        }
    }
    verb.strip_suffix('s').unwrap_or(verb).to_owned()
}

/// The verb after "the writer": `want` → `wants`, `are` → `is`, `have` → `has`.
fn third_person(verb: &str) -> String {
    match verb {
        "are" => "is".to_owned(),
        "were" => "was".to_owned(),
        "have" => "has".to_owned(),
        "do" => "does".to_owned(),
        v if AUXILIARIES.contains(&v) || v.ends_with('s') || v.ends_with("ed") => v.to_owned(),
        v => format!("{v}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_directive_becomes_asks_about_charges() {
        let d = parse("ADD THIS PARAGRAPH IF SHE ALSO ASKS ABOUT DROPPING THE CRIMINAL CHARGES. IF NOT, SKIP TO NEXT PARAGRAPH:").unwrap();
        assert_eq!(d.scope, Scope::Paragraph);
        assert!(d.keep_when && !d.plural);
        let Condition::Stated(condition) = &d.condition else {
            panic!("{d:?}")
        };
        assert_eq!(
            condition,
            "SHE ALSO ASKS ABOUT DROPPING THE CRIMINAL CHARGES"
        );
        let w = wording(condition);
        assert_eq!(w.id, "asks_about_charges");
        assert_eq!(
            w.ask,
            "Does the writer also ask about dropping the criminal charges?"
        );
        assert_eq!(
            w.statement,
            "the writer also asks about dropping the criminal charges"
        );
    }

    #[test]
    fn the_three_paragraph_spellings_and_the_inline_ones() {
        for words in [
            "ONLY INCLUDE THIS PARAGRAPH IF SHE HAS CHILDREN WITH THE ABUSER:",
            "INCLUDE THIS PARAGRAPH IF SHE HAS CHILDREN WITH THE ABUSER:",
            "ADD THIS PARAGRAPH IF SHE HAS CHILDREN WITH THE ABUSER. IF NOT, SKIP TO NEXT PARAGRAPH",
        ] {
            let d = parse(words).unwrap();
            assert_eq!(d.scope, Scope::Paragraph, "{words}");
            assert_eq!(
                d.condition,
                Condition::Stated("SHE HAS CHILDREN WITH THE ABUSER".into())
            );
        }
        let erase = parse("ERASE THIS SENTENCE IF IT’S NOT TRUE").unwrap();
        assert_eq!(erase.scope, Scope::Inline);
        assert!(erase.keep_when);
        assert_eq!(erase.condition, Condition::TextIsTrue);
        let that = parse("ERASE THIS SENTENCE IF IT'S NOT TRUE THAT THE ABUSER HAS A GUN").unwrap();
        assert_eq!(
            that.condition,
            Condition::Stated("THE ABUSER HAS A GUN".into())
        );
        let unless = parse("DELETE THIS SENTENCE IF SHE LIVES WITH THE ABUSER").unwrap();
        assert!(!unless.keep_when);
        assert!(
            parse("ADD THESE PARAGRAPHS IF SHE IS IN THE MILITARY:")
                .unwrap()
                .plural
        );
    }

    #[test]
    fn what_is_not_a_conditional_directive_is_refused() {
        for words in [
            "ASK SUPERVISOR",
            "HYPERLINK TO MAIN RO PAGE",
            "USE 'ADD LINK' AT BOTTOM OF THE PAGE",
            "Add this paragraph if she asks",
            "CALL THE PROSECUTOR IF SHE ASKS",
            "ADD THIS PARAGRAPH IF",
            "",
        ] {
            assert_eq!(parse(words), None, "{words}");
        }
    }

    #[test]
    fn questions_read_plainly_and_neutrally() {
        let cases = [
            (
                "SHE HAS CHILDREN WITH THE ABUSER",
                "has_children",
                "Does the writer have children with the abuser?",
            ),
            (
                "THE ABUSER HAS A GUN",
                "abuser_has_gun",
                "Does the abuser have a gun?",
            ),
            (
                "SHE IS IN THE MILITARY",
                "is_in_military",
                "Is the writer in the military?",
            ),
            (
                "HE WANTS TO DROP HIS RO",
                "wants_to_drop_ro",
                "Does the writer want to drop their RO?",
            ),
            (
                "THE ABUSER LIVES OUT OF STATE",
                "abuser_lives_out_state",
                "Does the abuser live out of state?",
            ),
            (
                "S/HE ALREADY HAS A PROTECTION ORDER",
                "has_order",
                "Does the writer already have a protection order?",
            ),
            (
                "SHE DOESN’T HAVE A LAWYER",
                "does_not_have_lawyer",
                "Does the writer not have a lawyer?",
            ),
            (
                "SHE CAN’T AFFORD A LAWYER",
                "can_not_afford_lawyer",
                "Can the writer not afford a lawyer?",
            ),
            (
                "SHE IS NOT LIVING WITH THE ABUSER",
                "is_not_living",
                "Is the writer not living with the abuser?",
            ),
            (
                "THE CHARGES WERE DROPPED",
                "charges_were_dropped",
                "Were the charges dropped?",
            ),
        ];
        for (condition, id, ask) in cases {
            let w = wording(condition);
            assert_eq!((w.id.as_str(), w.ask.as_str()), (id, ask), "{condition}");
        }
    }

    #[test]
    fn an_unusual_condition_still_gets_a_valid_id_and_a_question() {
        for condition in ["CUSTODY", "NOT SURE", "1ST TIME", "“QUOTED”", "É"] {
            let w = wording(condition);
            assert!(identifier(&w.id).as_deref() == Some(w.id.as_str()), "{w:?}");
            assert!(w.ask.ends_with('?'), "{w:?}");
        }
        let w =
            wording_for_text("You told us that you have a protection order from another state.");
        assert_eq!(w.id, "protection_order_state");
        assert!(
            w.ask
                .starts_with("Is this true for the writer: “You told us")
        );
        let w = wording_for_text("I understand that you recently moved and that you are worried.");
        assert_eq!(w.id, "moved_worried");
    }

    #[test]
    fn identifiers_are_template_names() {
        assert_eq!(
            identifier("Asks About Charges").as_deref(),
            Some("asks_about_charges")
        );
        assert_eq!(identifier("1st_time").as_deref(), Some("st_time"));
        assert_eq!(identifier("__").as_deref(), None);
        assert_eq!(identifier("ĳ").as_deref(), None);
    }
}
