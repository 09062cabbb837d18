//! Arbitrary answers and state, from any source, against the built-in drop-charges snippet
//! and a snippet with a text question: never a panic, and a reply that comes out has passed
//! the guard and shows a typed answer exactly as cleaned, never evaluated.
#![no_main]

use std::borrow::Cow;
use std::collections::BTreeSet;

use arbitrary::Arbitrary;
use hotline_reply::reply::answers::{Answer, Answers, RawAnswer};
use hotline_reply::reply::compose::{Given, Request, compose};
use hotline_reply::library::{Library, LoadedSnippet, Source, parse_snippet};
use hotline_reply::reply::render::{self, Renderer};
use hotline_reply::reply::paragraphs::Reply;
use hotline_reply::reply::{guard, output};
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
    let request = Request {
        snippets: vec!["drop-charges".into()],
        state: input.state,
        given: input
            .given
            .into_iter()
            .map(|(id, value)| Given { id, value: RawAnswer::Text(value), from: "fuzz".into() })
            .collect(),
        defaults: input.defaults,
    };
    if let Ok(composed) = compose(&Library::BuiltIn, &request, None) {
        assert!(guard::check(&composed.reply).is_ok());
    }

    let source = Source { origin: "t.yaml".into(), text: Cow::Borrowed(TEXT_SNIPPET) };
    let loaded = LoadedSnippet { id: "t".into(), snippet: parse_snippet(&source).expect("fixed snippet"), source };
    let question = &loaded.snippet.questions[0];
    let Ok(Answer::Text(cleaned)) = hotline_reply::reply::answers::validate(question, &RawAnswer::Text(input.typed)) else {
        panic!("a text answer always validates");
    };
    let mut answers = Answers::new();
    answers.insert("who".into(), Answer::Text(cleaned.clone()));
    let mut renderer = Renderer::new(BTreeSet::from(["crimes".to_owned()]));
    renderer.add(&loaded).expect("fixed snippet compiles");
    let rendered = renderer.render(&loaded, 0, &render::context(&answers, None)).expect("renders");
    let mut reply = Reply::parse([rendered.as_str()]);
    reply.fill_links(|_| "https://example.org/crimes".into());
    assert!(guard::check(&reply).is_ok(), "the guard never judges a typed answer");
    let text = output::text(&reply);
    if !cleaned.is_empty() {
        assert!(text.contains(&cleaned), "typed answer changed: {cleaned:?} in {text:?}");
    }
});
