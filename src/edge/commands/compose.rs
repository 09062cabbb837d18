//! `compose`: the main job. Loads what the reply needs once, gathers the answers from the
//! flags and an answers file, asks the rest on the terminal (and shows the review there),
//! then prints the reply that passed the guard in the chosen format, and copies it when
//! asked.

use anyhow::Result;

use crate::edge::clipboard::{self, Content, Osc52, System};
use crate::edge::settings::{Prompts, Settings};
use crate::edge::stderr as term;
use crate::edge::terminal::{Decision, Prompter, Review, Terminal};
use crate::error::{BadInput, Cancelled, UnknownSnippet};
use crate::reply::answers::{self, Answers, Source};
use crate::reply::output::{Format, FrameValues};
use crate::reply::plan::Ask;
use crate::reply::{Body, Composer};

use super::read_input;
use crate::edge::stdout;

pub fn run(settings: &Settings) -> Result<i32> {
    let compose = &settings.compose;
    stdout::refuse_if_closed("the reply")?;
    let loaded = settings
        .library
        .load(&compose.ids)
        .map_err(|err| name_the_unknown_id(err, &compose.ids))?;
    let composer = Composer::new(&loaded)?;
    for warning in composer.stale(settings.today, settings.max_age_days) {
        term::warning(&warning);
    }
    let mut given = compose.flags.clone();
    if let Some(path) = &compose.answers_file {
        let (origin, text) = read_input(
            path,
            "answers file",
            "type or paste one `question: value` per line (e.g. `asks_about_charges: yes`)",
        )?;
        given.extend(answers::parse_file(&text, &origin)?);
    }
    let gathered = composer.gather(&given, compose.defaults)?;
    for warning in &gathered.warnings {
        term::warning(warning);
    }

    let body = match compose.prompts {
        Prompts::Ask => {
            term::setup_prompts();
            crate::edge::signals::restore_terminal_on_signals();
            // The preview is what will be pasted; HTML source is previewed as the text it shows.
            let preview_format = match compose.format {
                Format::Html => Format::Text,
                other => other,
            };
            converse(
                &composer,
                gathered.answers,
                &mut Terminal,
                preview_format,
                &compose.frame,
            )?
            .1
        }
        prompts => {
            if prompts == Prompts::CannotShow && composer.next(&gathered.answers)?.is_some() {
                return Err(BadInput::new(CANNOT_SHOW).into());
            }
            let body = composer.body(&gathered.answers)?;
            for warning in &body.warnings {
                term::warning(warning);
            }
            body
        }
    };

    // Everything is rendered and guarded before the first byte reaches stdout.
    let reply = composer.output(&body, compose.format, &compose.frame)?;
    let copy = if compose.copy {
        let other = |format| composer.output(&body, format, &compose.frame);
        let (html, plain) = match compose.format {
            Format::Html => (reply.clone(), other(Format::Text)?),
            _ => (other(Format::Html)?, reply.clone()),
        };
        Some(Content { html, plain })
    } else {
        None
    };
    // Copied only once it is on stdout: a reply that did not arrive is not copied either.
    let code = stdout::deliver(&reply, "the reply")
        .map_err(|e| anyhow::anyhow!("{e:#}; nothing was copied"))?;
    if let Some(content) = copy {
        let (message, warning) = clipboard::copy(
            &content,
            &mut [&mut System::new(compose.clipboard_hold), &mut Osc52],
        )
        .message();
        if warning {
            term::warning(&message);
        } else {
            term::note(&message);
        }
    }
    Ok(code)
}

/// Says which of several IDs names no snippet by its place, never by what was typed.
fn name_the_unknown_id(err: anyhow::Error, ids: &[String]) -> anyhow::Error {
    let Some(unknown) = err.downcast_ref::<UnknownSnippet>() else {
        return err;
    };
    match ids.iter().position(|id| *id == unknown.id) {
        Some(n) if ids.len() > 1 => BadInput::new(format!(
            "{}; if it belongs to a value before it, put that value in quotes (--name 'First Last')",
            unknown.at(&format!("ID #{}", n + 1))
        ))
        .into(),
        _ => err,
    }
}

/// Why nothing is asked when stdin is a terminal but stderr is not: the questions would go
/// where the advocate cannot see them.
const CANNOT_SHOW: &str = "answers are missing, and they cannot be asked: stdin is a terminal, but stderr is not (it is redirected), and the questions are shown on stderr; run without redirecting stderr, or give every answer with --state, --set or --answers (with --no-input, the error names each missing one)";

/// Asks what the reply still needs, one question at a time, then shows the review until
/// the advocate accepts (the answers and the body) or cancels ([`Cancelled`]). Changing an
/// answer asks only that question again (and any the new answer brings in).
pub fn converse(
    composer: &Composer,
    mut answers: Answers,
    prompter: &mut dyn Prompter,
    preview: Format,
    frame: &FrameValues,
) -> Result<(Answers, Body)> {
    loop {
        while let Some(ask) = composer.next(&answers)? {
            match ask {
                Ask::Question(q) => {
                    let raw = prompter.ask(q)?;
                    let answer = answers::answer(q, &raw, &Source::Prompt)?;
                    answers.insert(&q.id, answer);
                }
                Ask::State => answers.set_state(prompter.state(composer.jurisdictions())?),
            }
        }
        let body = composer.body(&answers)?;
        let review = Review {
            answers: composer.review(&answers)?,
            preview: composer.output(&body, preview, frame)?,
            warnings: body.warnings.clone(),
        };
        match prompter.review(&review)? {
            Decision::Accept => return Ok((answers, body)),
            Decision::Cancel => return Err(Cancelled.into()),
            Decision::Change(id) => answers.remove(&id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edge::terminal::scripted::{Scripted, Step};
    use crate::error::{exit, exit_code};
    use crate::library::values::RawAnswer;
    use crate::library::{Library, Loaded};
    use crate::reply::AnswerLine;
    use crate::reply::answers::Given;

    fn load(library: &Library, ids: &[&str]) -> Loaded {
        let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
        library.load(&ids).expect("loads")
    }

    fn fixture(name: &str) -> Library {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/libraries")
            .join(name);
        Library::open(&dir).expect("fixture library")
    }

    /// What a conversation ended with: the answers and the reply as text, or the error.
    type Talked = Result<(Answers, String)>;

    /// Runs the conversation on snippets `ids` of `library` with `script`, after what the
    /// flags `given` answered; the preview is in text with the name Sam.
    fn talk_in(
        library: &Library,
        ids: &[&str],
        given: &[Given],
        script: Vec<Step>,
    ) -> (Talked, Scripted) {
        let loaded = load(library, ids);
        let composer = Composer::new(&loaded).expect("compiles");
        let answers = composer
            .gather(given, false)
            .expect("given answers")
            .answers;
        let mut prompter = Scripted::new(script);
        let frame = FrameValues::new(Some("Sam"), None);
        let result = converse(&composer, answers, &mut prompter, Format::Text, &frame).map(
            |(answers, body)| {
                let text = composer
                    .output(&body, Format::Text, &FrameValues::default())
                    .expect("guarded");
                (answers, text)
            },
        );
        (result, prompter)
    }

    /// The same on drop-charges from the built-in library.
    fn talk(script: Vec<Step>) -> (Talked, Scripted, String) {
        let (result, prompter) = talk_in(&Library::BuiltIn, &["drop-charges"], &[], script);
        let text = result.as_ref().map(|(_, t)| t.clone()).unwrap_or_default();
        (result, prompter, text)
    }

    #[test]
    fn asks_the_question_then_the_state_then_shows_the_review() {
        let (result, prompter, text) = talk(vec![
            Step::Answer(RawAnswer::Bool(true)),
            Step::State("NY".into()),
            Step::Accept,
        ]);
        result.expect("accepted");
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
        assert!(text.contains("“victim-less prosecution”"));
        assert!(text.contains("https://www.womenslaw.org/laws/ny/crimes"));
    }

    #[test]
    fn changing_an_answer_asks_only_that_question_again() {
        let (result, prompter, text) = talk(vec![
            Step::Answer(RawAnswer::Bool(true)),
            Step::State("NY".into()),
            Step::Change("asks_about_charges".into()),
            Step::Answer(RawAnswer::Bool(false)),
            Step::Accept,
        ]);
        result.expect("accepted");
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
        assert_eq!(text.trim_end().split("\n\n").count(), 5);
    }

    #[test]
    fn changing_the_state_changes_the_links() {
        let (result, prompter, text) = talk(vec![
            Step::Answer(RawAnswer::Bool(false)),
            Step::State("NY".into()),
            Step::Change("state".into()),
            Step::State("Texas".into()),
            Step::Accept,
        ]);
        result.expect("accepted");
        assert_eq!(
            prompter.asked,
            ["asks_about_charges", "state", "review", "state", "review"]
        );
        assert!(text.contains("https://www.womenslaw.org/laws/tx/crimes"));
        assert!(!text.contains("/ny/"));
    }

    #[test]
    fn cancelling_at_a_prompt_or_the_review_is_exit_130() {
        for script in [
            vec![Step::Answer(RawAnswer::Bool(true)), Step::Cancel],
            vec![
                Step::Answer(RawAnswer::Bool(true)),
                Step::State("NY".into()),
                Step::Cancel,
            ],
        ] {
            let (result, _, _) = talk(script);
            let err = result.expect_err("cancelled");
            assert!(err.is::<Cancelled>());
            assert_eq!(exit_code(&err), exit::CANCELLED);
        }
    }

    #[test]
    fn an_answer_from_the_prompt_goes_through_the_same_validation() {
        let (result, _, _) = talk(vec![Step::Answer(RawAnswer::Text("perhaps".into()))]);
        let err = result.expect_err("refused");
        assert_eq!(exit_code(&err), exit::BAD_INPUT);
        assert!(err.to_string().contains("expected yes or no"), "{err}");
        assert!(!err.to_string().contains("perhaps"), "{err}");
    }

    #[test]
    fn the_state_is_not_asked_when_no_link_needs_it() {
        let (result, prompter) = talk_in(
            &fixture("state-free"),
            &["hello"],
            &[],
            vec![
                Step::Answer(RawAnswer::Text("housing".into())),
                Step::Answer(RawAnswer::Text("".into())),
                Step::Accept,
            ],
        );
        let (answers, _) = result.unwrap();
        assert_eq!(prompter.asked, vec!["topic", "signature", "review"]);
        assert!(answers.state().is_none());
    }

    #[test]
    fn a_question_in_a_skipped_block_is_not_asked() {
        let script = vec![
            Step::Answer(RawAnswer::Bool(false)),
            Step::State("ca".into()),
            Step::Accept,
        ];
        let (result, prompter) = talk_in(&fixture("leaks-link"), &["leaky"], &[], script);
        result.unwrap();
        assert_eq!(prompter.asked, vec!["police", "state", "review"]);
    }

    /// The prompt offers a text question's default, and Enter takes it as it stands: that is
    /// the library's text, judged as `check` judges it, not an answer the advocate typed.
    #[test]
    fn a_placeholder_default_taken_at_the_prompt_is_refused() {
        let take_default = || {
            vec![
                Step::Answer(RawAnswer::Text("[INSERT WRITER NAME]".into())),
                Step::Accept,
            ]
        };
        let (result, _) = talk_in(
            &fixture("leaky-default"),
            &["greeting"],
            &[],
            take_default(),
        );
        let err = result.expect_err("refused");
        assert_eq!(exit_code(&err), exit::FAILURE);
        assert!(err.to_string().contains("[bracket]"), "{err}");

        let typed = vec![Step::Answer(RawAnswer::Text("[Sam]".into())), Step::Accept];
        let (result, _) = talk_in(&fixture("leaky-default"), &["greeting"], &[], typed);
        let (_, text) = result.expect("a typed answer is never judged");
        assert_eq!(text, "Dear [Sam], thank you for writing.\n");
    }

    #[test]
    fn what_is_given_is_not_asked_again() {
        let state = answers::Given {
            key: "state".into(),
            value: RawAnswer::Text("Texas".into()),
            source: Source::StateFlag,
        };
        let script = vec![Step::Answer(RawAnswer::Bool(false)), Step::Accept];
        let (result, prompter) = talk_in(&Library::BuiltIn, &["drop-charges"], &[state], script);
        let (_, text) = result.unwrap();
        assert_eq!(prompter.asked, vec!["asks_about_charges", "review"]);
        assert_eq!(text.trim_end().split("\n\n").count(), 5);
        assert!(text.contains("/tx/"));
    }

    #[test]
    fn two_snippets_ask_the_shared_question_and_the_state_once() {
        let script = vec![
            Step::Answer(RawAnswer::Bool(true)),
            Step::Answer(RawAnswer::Text("Kings County Family Court".into())),
            Step::State("New York".into()),
            Step::Accept,
        ];
        let (result, prompter) = talk_in(&fixture("two-part"), &["police", "court"], &[], script);
        let (_, text) = result.unwrap();
        assert_eq!(
            prompter.asked,
            ["called_police", "court_name", "state", "review"]
        );
        assert_eq!(
            text,
            "Thank you for writing to us from New York.\n\n\
             You can ask the police for a copy of the report. Our Crimes page: https://court-help.org/laws/ny/crimes?part=2&lang=en\n\n\
             The Kings County Family Court may have a self-help center: https://court-help.org/find-help/ny/courts\n\n\
             The police report may help in court.\n"
        );
    }
}
