//! Arbitrary answers and state, from any source, against the built-in drop-charges snippet
//! and a library with a text question: never a panic, a reply that comes out has passed the
//! guard, and a typed answer shows exactly as cleaned, never evaluated nor judged.
#![no_main]

use std::borrow::Cow;

use arbitrary::Arbitrary;
use hotline_reply::library::values::RawAnswer;
use hotline_reply::library::{Library, Loaded, Source};
use hotline_reply::reply::Composer;
use hotline_reply::reply::answers::{Given, Source as From};
use hotline_reply::reply::output::{Format, FrameValues};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    given: Vec<(String, String)>,
    state: Option<String>,
    defaults: bool,
    typed: String,
}

const TEXT_SNIPPET: &str = "title: T\ncategory: C\nquestions:\n  - id: who\n    ask: Who?\n    type: text\nblocks:\n  - text: 'Dear {{ who }}, see {{ link(\"crimes\") }}.'\n";

fuzz_target!(|input: Input| {
    let loaded = Library::BuiltIn.load(&["drop-charges".to_owned()]).expect("built-in");
    let composer = Composer::new(&loaded).expect("compiles");
    let mut given: Vec<Given> = input
        .given
        .into_iter()
        .enumerate()
        .map(|(i, (key, value))| Given { key, value: RawAnswer::Text(value), source: From::Set(i + 1) })
        .collect();
    if let Some(state) = input.state {
        given.push(Given { key: "state".into(), value: RawAnswer::Text(state), source: From::StateFlag });
    }
    if let Ok(gathered) = composer.gather(&given, input.defaults) {
        if let Ok(body) = composer.body(&gathered.answers) {
            let _ = composer.output(&body, Format::Text, &FrameValues::default());
        }
    }

    // A typed answer in a library that prints it.
    let mut typed = loaded_with_text_question(&loaded);
    typed.snippets[0].snippet = hotline_reply::library::parse_snippet(&typed.snippets[0].source).expect("fixed");
    let composer = Composer::new(&typed).expect("compiles");
    let given = [
        Given { key: "who".into(), value: RawAnswer::Text(input.typed), source: From::Set(1) },
    ];
    let gathered = composer.gather(&given, false).expect("a text answer always validates");
    let cleaned = gathered.answers.get("who").map(|a| a.display()).unwrap_or_default();
    let body = composer.body(&gathered.answers).expect("renders");
    let text = composer
        .output(&body, Format::Text, &FrameValues::default())
        .expect("the guard never judges a typed answer");
    if !cleaned.is_empty() {
        assert!(text.contains(&cleaned), "typed answer changed: {cleaned:?} in {text:?}");
    }
});

/// The built-in library with one snippet that prints a text answer and a fixed link.
fn loaded_with_text_question(built_in: &Loaded) -> Loaded {
    let mut loaded = built_in.clone();
    let source = Source { origin: "t.yaml".into(), text: Cow::Borrowed(TEXT_SNIPPET), built_in: false };
    loaded.snippets[0].source = source;
    loaded.snippets[0].id = "t".into();
    loaded.links.entries.retain(|name, _| name == "safety-tips");
    let safety = loaded.links.entries.remove("safety-tips").expect("built-in link");
    loaded.links.entries.insert("crimes".into(), safety);
    loaded
}
