//! Several snippets in one reply: bodies joined in order, shared questions and the state
//! asked once, one guard pass.

use hotline_reply::edge::terminal::{Scripted, Step};
use hotline_reply::library::Library;
use hotline_reply::reply::answers::RawAnswer;
use hotline_reply::reply::compose::{Request, compose};
use hotline_reply::reply::output;

use crate::util::{fixture, hotline, library, stdout};

fn two_part() -> Library {
    Library::open(&fixture("libraries/two-part")).expect("fixture library")
}

#[test]
fn two_snippets_ask_the_shared_question_and_the_state_once() {
    let mut prompter = Scripted::new([
        Step::Answer(RawAnswer::Bool(true)),
        Step::Answer(RawAnswer::Text("Kings County Family Court".into())),
        Step::State("New York".into()),
    ]);
    let request = Request {
        snippets: vec!["police".into(), "court".into()],
        ..Request::default()
    };
    let composed = compose(&two_part(), &request, Some(&mut prompter)).expect("composes");
    assert_eq!(prompter.asked, ["called_police", "court_name", "state"]);
    assert_eq!(
        output::text(&composed.reply),
        "Thank you for writing to us from New York.\n\n\
         You can ask the police for a copy of the report. Our Crimes page: https://example.org/laws/ny/crimes?part=2&lang=en\n\n\
         The Kings County Family Court may have a self-help center: https://example.org/find-help/ny/courts\n\n\
         The police report may help in court.\n"
    );
}

#[test]
fn two_snippets_from_flags_join_in_the_order_given() {
    let run = |ids: [&str; 2]| {
        stdout(
            hotline()
                .args(["--library", &library("two-part"), "compose"])
                .args(ids)
                .args([
                    "--state",
                    "TX",
                    "--set",
                    "called_police=no",
                    "--set",
                    "court_name=court",
                ]),
        )
    };
    assert_eq!(
        run(["police", "court"]),
        "Thank you for writing to us from Texas.\n\n\
         The court may have a self-help center: https://example.org/find-help/tx/courts\n"
    );
    assert_eq!(
        run(["court", "police"]),
        "The court may have a self-help center: https://example.org/find-help/tx/courts\n\n\
         Thank you for writing to us from Texas.\n"
    );
}

#[test]
fn without_a_terminal_every_missing_answer_of_both_snippets_is_named_at_once() {
    hotline()
        .args([
            "--library",
            &library("two-part"),
            "compose",
            "police",
            "court",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("--set called_police=yes|no"))
        .stderr(predicates::str::contains("--set court_name=TEXT"))
        .stderr(predicates::str::contains("--state STATE"));
}
