//! Shared helpers: the binary, fixture paths, and the approved text read from the legacy file.

use std::path::PathBuf;

use assert_cmd::Command;

/// The binary, isolated from the developer's environment: no library folder, no colour, and
/// a config file that does not exist (never the developer's own).
pub fn hotline() -> Command {
    let mut cmd = Command::cargo_bin("hotline-reply").expect("binary is built");
    cmd.env_remove("HOTLINE_REPLY_LIBRARY")
        .env("NO_COLOR", "1")
        .env("HOTLINE_REPLY_CONFIG", fixture("config/absent.yaml"));
    cmd
}

pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

pub fn library(name: &str) -> String {
    fixture(&format!("libraries/{name}")).display().to_string()
}

/// The drop-charges reply as the approved legacy text gives it, worked out from
/// `tests/fixtures/drop-charges.txt` (a copy of the hotline's file) the way an advocate
/// would by hand: drop the header lines, keep or drop the conditional paragraph without its
/// brackets, and put the state's URLs where the placeholders are.
pub fn approved_reply(shelters_url: &str, crimes_url: &str, asks_about_charges: bool) -> String {
    let legacy = std::fs::read_to_string(fixture("drop-charges.txt")).expect("seed fixture");
    let directive = "[ADD THIS PARAGRAPH IF SHE ALSO ASKS ABOUT DROPPING THE CRIMINAL CHARGES. IF NOT, SKIP TO NEXT PARAGRAPH:] ";
    let mut paragraphs = Vec::new();
    for paragraph in legacy.split("\n\n").skip(4) {
        if let Some(conditional) = paragraph.strip_prefix(directive) {
            if asks_about_charges {
                paragraphs.push(
                    conditional
                        .strip_suffix(']')
                        .expect("closing bracket")
                        .to_owned(),
                );
            }
            continue;
        }
        paragraphs.push(
            paragraph
                .replace("here: LINK If", &format!("here: {shelters_url} If"))
                .replace(
                    "LINK TO THE SECOND QUESTION ON THE CRIMES PAGE [USE ‘ADD LINK’ AT BOTTOM OF THE PAGE]",
                    crimes_url,
                ),
        );
    }
    paragraphs.join("\n\n") + "\n"
}

/// A library folder holding `files` (path relative to the library, contents).
pub fn temp_library(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (rel, contents) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(path, contents).expect("write");
    }
    dir
}

/// Runs `cmd`, expects success (showing its stderr otherwise) and returns its stdout.
pub fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}
