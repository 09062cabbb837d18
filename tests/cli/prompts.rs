//! The interactive path, driven through the prompt trait: what is asked, in which order,
//! and what cancelling does.

use hotline_reply::edge::terminal::{Scripted, Step};
use hotline_reply::error::{Cancelled, exit, exit_code};
use hotline_reply::library::Library;
use hotline_reply::reply::answers::RawAnswer;
use hotline_reply::reply::compose::{Request, compose};
use hotline_reply::reply::output;

fn request(ids: &[&str]) -> Request {
    Request {
        snippets: ids.iter().map(|s| s.to_string()).collect(),
        ..Request::default()
    }
}

#[test]
fn asks_the_question_then_the_state_once() {
    let mut prompter = Scripted::new([
        Step::Answer(RawAnswer::Bool(true)),
        Step::State("NY".into()),
    ]);
    let composed = compose(
        &Library::BuiltIn,
        &request(&["drop-charges"]),
        Some(&mut prompter),
    )
    .expect("composes");
    assert_eq!(prompter.asked, vec!["asks_about_charges", "state"]);
    let text = output::text(&composed.reply);
    assert!(text.contains("“victim-less prosecution”"));
    assert!(text.contains("https://www.womenslaw.org/laws/ny/crimes"));
}

#[test]
fn what_is_given_is_not_asked_again() {
    let mut prompter = Scripted::new([Step::Answer(RawAnswer::Bool(false))]);
    let req = Request {
        state: Some("Texas".into()),
        ..request(&["drop-charges"])
    };
    let composed = compose(&Library::BuiltIn, &req, Some(&mut prompter)).expect("composes");
    assert_eq!(prompter.asked, vec!["asks_about_charges"]);
    assert_eq!(composed.reply.paragraphs.len(), 5);
}

#[test]
fn an_answer_from_the_prompt_goes_through_the_same_validation() {
    let mut prompter = Scripted::new([Step::Answer(RawAnswer::Text("perhaps".into()))]);
    let err = compose(
        &Library::BuiltIn,
        &request(&["drop-charges"]),
        Some(&mut prompter),
    )
    .unwrap_err();
    assert_eq!(exit_code(&err), exit::BAD_INPUT);
    assert!(err.to_string().contains("expected yes or no"), "{err}");
}

#[test]
fn cancelling_at_a_prompt_is_exit_130_and_no_reply() {
    let mut prompter = Scripted::new([Step::Answer(RawAnswer::Bool(true)), Step::Cancel]);
    let err = compose(
        &Library::BuiltIn,
        &request(&["drop-charges"]),
        Some(&mut prompter),
    )
    .unwrap_err();
    assert!(err.is::<Cancelled>());
    assert_eq!(exit_code(&err), exit::CANCELLED);
}

#[test]
fn the_state_is_not_asked_when_no_link_needs_it() {
    let lib =
        Library::open(&crate::util::fixture("libraries/state-free")).expect("fixture library");
    let mut prompter = Scripted::new([
        Step::Answer(RawAnswer::Text("housing".into())),
        Step::Answer(RawAnswer::Text("".into())),
    ]);
    let composed = compose(&lib, &request(&["hello"]), Some(&mut prompter)).expect("composes");
    assert_eq!(prompter.asked, vec!["topic", "signature"]);
    assert!(composed.jurisdiction.is_none());
}

#[test]
fn a_question_in_a_skipped_block_is_not_asked() {
    let lib =
        Library::open(&crate::util::fixture("libraries/leaks-link")).expect("fixture library");
    let mut prompter = Scripted::new([
        Step::Answer(RawAnswer::Bool(false)),
        Step::State("ca".into()),
    ]);
    compose(&lib, &request(&["leaky"]), Some(&mut prompter)).expect("composes");
    assert_eq!(prompter.asked, vec!["police", "state"]);
}
