//! The config file: where it is, `config init`, and its place between the flags and the
//! built-in defaults. Every test uses its own temp dir, never the real home folder.

use std::fs;
use std::path::{Path, PathBuf};

use predicates::str::contains;
use tempfile::TempDir;

use crate::util::{hotline, library, stdout};

/// A temp dir holding `config.yaml` with `text`.
fn config(text: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.yaml");
    fs::write(&path, text).expect("write config");
    (dir, path)
}

fn with_config(path: &Path) -> assert_cmd::Command {
    let mut cmd = hotline();
    cmd.env("HOTLINE_REPLY_CONFIG", path)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    cmd
}

#[test]
fn config_path_follows_the_env_var_then_the_platform_config_dir() {
    let (_dir, path) = config("");
    hotline()
        .env("HOTLINE_REPLY_CONFIG", &path)
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", path.display()));
    #[cfg(not(windows))]
    {
        let home = tempfile::tempdir().expect("temp dir");
        hotline()
            .env_remove("HOTLINE_REPLY_CONFIG")
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("xdg"))
            .args(["config", "path"])
            .assert()
            .success()
            .stdout(format!(
                "{}\n",
                home.path().join("xdg/hotline-reply/config.yaml").display()
            ));
    }
}

#[test]
fn config_init_writes_a_commented_file_and_never_overwrites_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("new/folder/config.yaml");
    let init = |force: bool| {
        let mut cmd = hotline();
        cmd.env("HOTLINE_REPLY_CONFIG", &path)
            .args(["config", "init"]);
        if force {
            cmd.arg("--force");
        }
        cmd.assert()
    };
    init(false)
        .success()
        .stdout("")
        .stderr(contains(format!("wrote {}", path.display())));
    let written = fs::read_to_string(&path).expect("written");
    assert!(written.contains("# signature: |"));
    assert!(written.contains("# format: text"));

    fs::write(&path, "format: html\n").expect("edit");
    init(false).code(2).stderr(contains(
        "already exists; it was left as it is (give --force",
    ));
    assert_eq!(fs::read_to_string(&path).expect("kept"), "format: html\n");
    init(true).success();
    assert_eq!(fs::read_to_string(&path).expect("replaced"), written);
    // The fresh file sets nothing: a reply is as without a config.
    let reply =
        stdout(with_config(&path).args(["compose", "drop-charges", "--state", "NY", "--defaults"]));
    assert!(reply.starts_with("Although I cannot speak"));
}

#[test]
fn flags_override_the_config_file_which_overrides_the_defaults() {
    let state_free = library("state-free");
    let (_dir, path) = config(&format!(
        "library: {state_free}\nformat: markdown\nsignature: |\n  Take care,\n  Sam <hotline>\ncopy: true\n"
    ));
    let hello = ["compose", "hello", "--set", "topic=custody", "--defaults"];

    // The config file: its library, its format, its signature, and it copies.
    with_config(&path)
        .args(hello)
        .assert()
        .success()
        .stdout("Thank you for writing about custody.\n\nTake care,\\\nSam \\<hotline\\>\n")
        .stderr(contains("warning: the reply was not copied"));

    // Flags win: format, no copy.
    with_config(&path)
        .args(hello)
        .args(["--format", "text", "--no-copy"])
        .assert()
        .success()
        .stdout("Thank you for writing about custody.\n\nTake care,\nSam <hotline>\n")
        .stderr("");

    // --library and HOTLINE_REPLY_LIBRARY win over the config file's library.
    let police = [
        "compose",
        "police",
        "--state",
        "NY",
        "--set",
        "called_police=no",
        "--format",
        "text",
        "--no-copy",
    ];
    let two_part = library("two-part");
    let want = "Thank you for writing to us from New York.\n\nTake care,\nSam <hotline>\n";
    assert_eq!(
        stdout(
            with_config(&path)
                .args(["--library", &two_part])
                .args(police)
        ),
        want
    );
    assert_eq!(
        stdout(
            with_config(&path)
                .env("HOTLINE_REPLY_LIBRARY", &two_part)
                .args(police)
        ),
        want
    );

    // Without a config file, the built-in defaults: built-in library, text, no signature.
    hotline()
        .args(hello)
        .assert()
        .code(2)
        .stderr(contains("unknown snippet 'hello'"));
}

#[test]
fn a_broken_config_file_is_named_with_line_and_column() {
    let (_dir, path) = config("format: text\nsignatur: Sam\n");
    with_config(&path)
        .args(["compose", "drop-charges", "--state", "NY", "--defaults"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(format!(
            "error: {}:2:1: unknown field `signatur`",
            path.display()
        )))
        .stderr(contains("config init --force"));
    let (_dir, path) = config("format: rtf\n");
    with_config(&path)
        .args(["list"])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "{}:1:9: format: unknown variant `rtf`",
            path.display()
        )));
    // `config path` still works, so the file can be found and fixed.
    with_config(&path)
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", path.display()));
}

#[test]
fn composing_never_writes_answers_or_names_to_the_config_folder() {
    let (dir, path) = config("format: text\n");
    with_config(&path)
        .args([
            "--library",
            &library("state-free"),
            "compose",
            "hello",
            "--set",
            "topic=custody",
            "--set",
            "signature=Survivor Detail",
            "--name",
            "Writer Name",
            "--copy",
        ])
        .assert()
        .success()
        .stdout(contains("Survivor Detail"));
    let files: Vec<_> = fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(files, ["config.yaml"]);
    assert_eq!(fs::read_to_string(&path).expect("config"), "format: text\n");
}
