//! Property tests: the answer parser, the guard and the paragraph tidier hold their promises
//! for any input, not just the examples in the unit tests.

use hotline_reply::library::snippet::{Question, QuestionKind};
use hotline_reply::reply::answers::{Answer, RawAnswer, validate};
use hotline_reply::reply::guard;
use hotline_reply::reply::output;
use hotline_reply::reply::paragraphs::{Reply, Segment};
use proptest::prelude::*;

fn question(kind: QuestionKind) -> Question {
    Question {
        id: "q".into(),
        ask: "Q?".into(),
        kind,
        choices: if kind == QuestionKind::Choice {
            vec!["police".into(), "prosecutor".into()]
        } else {
            vec![]
        },
        default: None,
        help: None,
    }
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// The private-use characters the renderer marks answers and links with.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{e000}'..='\u{e003}')
}

/// Text made of pieces that look like markers, prose and odd characters.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("LINK".to_owned()),
        Just("NAME".to_owned()),
        Just("STATE".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("{{".to_owned()),
        Just("{%".to_owned()),
        Just("#}".to_owned()),
        Just("[ADD THIS".to_owned()),
        Just("’".to_owned()),
        Just(" ".to_owned()),
        "[a-zA-Z]{1,8}",
        "\\PC{1,3}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn yes_no_accepts_exactly_the_documented_words(s in "\\PC{0,12}") {
        let got = validate(&question(QuestionKind::YesNo), &RawAnswer::Text(s.clone()));
        let word = s.trim().to_ascii_lowercase();
        match word.as_str() {
            "yes" | "y" | "true" => prop_assert_eq!(got, Ok(Answer::YesNo(true))),
            "no" | "n" | "false" => prop_assert_eq!(got, Ok(Answer::YesNo(false))),
            _ => {
                let err = got.expect_err("anything else is refused");
                // The error is the same sentence whatever was typed: it never echoes the answer.
                prop_assert_eq!(err.0, "expected yes or no (yes/no/y/n/true/false, any case)");
            }
        }
    }

    #[test]
    fn a_text_answer_is_one_clean_line_keeping_every_visible_character(s in "\\PC{0,40}|[\\x00-\\x1f\\u{202a}-\\u{202e}a-z \\n]{0,40}") {
        let Ok(Answer::Text(t)) = validate(&question(QuestionKind::Text), &RawAnswer::Text(s.clone())) else {
            return Err(TestCaseError::fail("text answers always validate"));
        };
        prop_assert!(!t.chars().any(|c| c.is_control() || is_bidi(c)), "unsafe character kept in {:?}", t);
        prop_assert!(!t.starts_with(' ') && !t.ends_with(' ') && !t.contains("  "), "untidy spaces in {:?}", t);
        let visible = |x: &str| x.chars().filter(|&c| !c.is_whitespace() && !c.is_control() && !is_bidi(c) && !is_mark(c)).collect::<String>();
        prop_assert_eq!(visible(&t), visible(&s));
    }

    #[test]
    fn a_reply_the_guard_passes_holds_no_marker(paragraphs in prop::collection::vec(tricky_text(), 1..4)) {
        let reply = Reply { paragraphs: paragraphs.iter().map(|p| vec![Segment::Text(p.clone())]).collect() };
        if guard::check(&reply).is_ok() {
            let text = output::text(&reply);
            for marker in ["{{", "}}", "{%", "%}", "{#", "#}"] {
                prop_assert!(!text.contains(marker), "{marker} passed in {text:?}");
            }
            for word in text.split(|c: char| !c.is_alphanumeric() && c != '_') {
                prop_assert!(!["LINK", "HYPERLINK", "NAME", "STATE", "XXX"].contains(&word), "{word} passed in {text:?}");
            }
            for line in text.lines() {
                let mut depth = 0i32;
                for c in line.chars() {
                    depth += match c { '[' => 1, ']' => -1, _ => 0 };
                    prop_assert!(depth >= 0, "unbalanced ] passed in {line:?}");
                }
                prop_assert_eq!(depth, 0, "unbalanced [ passed in {:?}", line);
            }
        }
    }

    #[test]
    fn the_guard_never_judges_an_answer(answer in "\\PC{0,30}") {
        let reply = Reply { paragraphs: vec![vec![Segment::Text("Dear ".into()), Segment::Answer(answer), Segment::Text(",".into())]] };
        prop_assert!(guard::check(&reply).is_ok());
    }

    #[test]
    fn tidying_keeps_every_sentence_in_order(
        paragraphs in prop::collection::vec(prop::collection::vec("[A-Za-z’“”,.–/-]{1,10}", 1..8), 1..6),
        gaps in prop::collection::vec(prop::sample::select(vec![" ", "  ", "\n", " \n ", "\t "]), 64),
        blank in "[ \\t]{0,3}",
    ) {
        // Lay the words out as an editor might: odd spacing and line breaks inside a paragraph,
        // blank lines (perhaps holding spaces) between paragraphs.
        let mut g = gaps.iter().cycle();
        let block = paragraphs
            .iter()
            .map(|words| words.iter().map(|w| format!("{w}{}", g.next().copied().unwrap_or(" "))).collect::<String>())
            .collect::<Vec<_>>()
            .join(&format!("\n{blank}\n"));
        let reply = Reply::parse([block.as_str()]);
        let got: Vec<String> = output::text(&reply).trim_end().split("\n\n").map(str::to_owned).collect();
        let want: Vec<String> = paragraphs.iter().map(|words| words.join(" ")).collect();
        prop_assert_eq!(got, want);
    }
}
