//! Review before output, driven through the prompt trait: the advocate sees the answers and
//! the reply, then accepts, changes an answer, or cancels.

use anyhow::Result;
use hotline_reply::edge::terminal::{Scripted, Step};
use hotline_reply::error::{Cancelled, exit, exit_code};
use hotline_reply::library::Library;
use hotline_reply::reply::answers::RawAnswer;
use hotline_reply::reply::compose::{Composed, Request};
use hotline_reply::reply::output::{self, Format, FrameValues};
use hotline_reply::reply::review::{AnswerLine, compose_reviewed};

use crate::util::hotline;

fn drop_charges() -> Request {
    Request {
        snippets: vec!["drop-charges".into()],
        ..Request::default()
    }
}

fn preview(composed: &Composed) -> Result<String> {
    let values = FrameValues::new(Some("Sam"), None);
    output::render(&Library::BuiltIn, Format::Text, &composed.reply, &values)
}

fn review(script: Vec<Step>) -> (Result<Composed>, Scripted) {
    let mut prompter = Scripted::new(script);
    let result = compose_reviewed(&Library::BuiltIn, &drop_charges(), &mut prompter, &preview);
    (result, prompter)
}

#[test]
fn after_the_questions_the_answers_and_the_reply_are_shown_then_accepted() {
    let (result, prompter) = review(vec![
        Step::Answer(RawAnswer::Bool(true)),
        Step::State("NY".into()),
        Step::Accept,
    ]);
    let composed = result.expect("accepted");
    assert_eq!(prompter.asked, ["asks_about_charges", "state", "review"]);
    let shown = &prompter.reviews[0];
    assert_eq!(
        shown.answers,
        [
            AnswerLine {
                id: "asks_about_charges".into(),
                ask: "Does the writer also ask about dropping the criminal charges?".into(),
                value: "yes".into(),
            },
            AnswerLine {
                id: "state".into(),
                ask: "Which state is the writer in?".into(),
                value: "New York".into(),
            },
        ]
    );
    assert!(
        shown
            .preview
            .starts_with("Hello Sam,\n\nAlthough I cannot speak")
    );
    assert!(shown.preview.contains("“victim-less prosecution”"));
    assert_eq!(shown.preview, preview(&composed).expect("renders"));
}

#[test]
fn changing_an_answer_asks_only_that_question_again() {
    let (result, prompter) = review(vec![
        Step::Answer(RawAnswer::Bool(true)),
        Step::State("NY".into()),
        Step::Change("asks_about_charges".into()),
        Step::Answer(RawAnswer::Bool(false)),
        Step::Accept,
    ]);
    let composed = result.expect("accepted");
    assert_eq!(
        prompter.asked,
        [
            "asks_about_charges",
            "state",
            "review",
            "asks_about_charges",
            "review"
        ]
    );
    assert!(
        prompter.reviews[0]
            .preview
            .contains("victim-less prosecution")
    );
    assert!(
        !prompter.reviews[1]
            .preview
            .contains("victim-less prosecution")
    );
    assert_eq!(composed.reply.paragraphs.len(), 5);
}

#[test]
fn changing_the_state_changes_the_links() {
    let (result, prompter) = review(vec![
        Step::Answer(RawAnswer::Bool(false)),
        Step::State("NY".into()),
        Step::Change("state".into()),
        Step::State("Texas".into()),
        Step::Accept,
    ]);
    let text = output::text(&result.expect("accepted").reply);
    assert_eq!(
        prompter.asked,
        ["asks_about_charges", "state", "review", "state", "review"]
    );
    assert!(text.contains("https://www.womenslaw.org/laws/tx/crimes"));
    assert!(!text.contains("/ny/"));
}

#[test]
fn cancelling_at_the_review_gives_no_reply_and_exit_130() {
    let (result, prompter) = review(vec![
        Step::Answer(RawAnswer::Bool(true)),
        Step::State("NY".into()),
        Step::Cancel,
    ]);
    let err = result.expect_err("cancelled");
    assert!(err.is::<Cancelled>());
    assert_eq!(exit_code(&err), exit::CANCELLED);
    assert_eq!(prompter.asked.last().map(String::as_str), Some("review"));
}

#[test]
fn a_run_without_a_terminal_never_stops_for_review() {
    // stdin is not a terminal here: the reply goes straight to stdout, nothing to stderr.
    hotline()
        .args([
            "compose",
            "drop-charges",
            "--state",
            "NY",
            "--set",
            "asks_about_charges=no",
        ])
        .assert()
        .success()
        .stdout(predicates::str::starts_with("Although I cannot speak"))
        .stderr("");
}
