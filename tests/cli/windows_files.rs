//! Files saved by a Windows editor: a byte-order mark at the start and `\r\n` line endings.
//! Every file the program reads is read the same, as the editor shows it: the mark is not
//! text, and a line ends where the editor ends it.

use crate::util::{Test, temp_library};

const BOM: &str = "\u{feff}";

const SNIPPET: &str = "title: T\ncategory: C\nquestions:\n  - id: who\n    ask: Who?\n    type: text\nblocks:\n  - text: 'Thank you, {{ who }}.'\n";

/// A library with the snippet `s`, its files and frames saved as a Windows editor would.
fn windows_library() -> tempfile::TempDir {
    let crlf = |text: &str| format!("{BOM}{}", text.replace('\n', "\r\n")).into_bytes();
    let frame = crlf("{% if name %}Hello {{ name }},\n\n{% endif %}{{ body }}\n");
    temp_library(&[
        ("g/s.yaml", &crlf(SNIPPET)),
        (
            "links.yaml",
            &crlf(
                "safety:\n  title: Safety\n  url: https://court-help.org/safety\n  verified: true\n",
            ),
        ),
        ("rules.yaml", &crlf("acronyms: [VINE]\n")),
        ("templates/text.jinja", &frame),
        ("templates/markdown.jinja", &frame),
        ("templates/html.jinja", &frame),
    ])
}

#[test]
fn an_answers_file_with_a_byte_order_mark_reads_as_one_document() {
    let answers = format!("{BOM}who: Sam\r\nstate: NY\r\n");
    Test::new()
        .library_at(windows_library().path())
        .args(["compose", "s", "--answers", "-"])
        .stdin(answers)
        .run()
        .success()
        .stdout("Thank you, Sam.\n");
}

#[test]
fn a_config_file_with_a_byte_order_mark_and_two_keys_is_read() {
    Test::new()
        .config(&format!(
            "{BOM}signature: Take care\r\nformat: markdown\r\n"
        ))
        .args(["compose", "drop-charges", "--state", "NY", "--defaults"])
        .run()
        .success()
        .stdout_has("\n\nTake care\n")
        // Markdown links: the config's second key took effect.
        .stdout_has("<https://www.womenslaw.org/");
}

#[test]
fn frames_saved_on_windows_reply_with_a_name_and_no_stray_characters() {
    let run = Test::new()
        .library_at(windows_library().path())
        .args(["compose", "s", "--set", "who=Sam", "--name", "Alex"])
        .run()
        .success()
        .stdout("Hello Alex,\n\nThank you, Sam.\n");
    assert!(!run.stdout.contains(['\r', '\u{feff}']), "{:?}", run.stdout);
    for format in ["markdown", "html"] {
        let run = Test::new()
            .library_at(windows_library().path())
            .args(["compose", "s", "--set", "who=Sam", "--name", "Alex"])
            .args(["--format", format])
            .run()
            .success();
        assert!(!run.stdout.contains(['\r', '\u{feff}']), "{:?}", run.stdout);
    }
}

#[test]
fn check_passes_a_library_saved_on_windows_and_locates_what_is_wrong_in_it() {
    let lib = windows_library();
    Test::new()
        .library_at(lib.path())
        .arg("check")
        .run()
        .success()
        .stderr_has(": 0 errors,");
    // A placeholder on line 3 of a CRLF frame is found at its line and column.
    let broken = format!("{BOM}{{{{ body }}}}\r\n\r\nSee LINK\r\n");
    std::fs::write(lib.path().join("templates/text.jinja"), broken).expect("write");
    Test::new()
        .current_dir(lib.path())
        .args(["--library", ".", "check"])
        .run()
        .code(1)
        .stderr_has("./templates/text.jinja:3:5: error: the frame is refused [capitals]");
}
