//! The config file: where it is, `config init`, and its place between the flags and the
//! built-in defaults. Every test uses its own temp dir, never the real home folder.

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::FileTypeExt as _;

use crate::util::{Test, library};

#[test]
fn config_path_follows_the_env_var_then_the_platform_config_dir() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.yaml");
    fs::write(&path, "").expect("write config");
    Test::new()
        .env("HOTLINE_REPLY_CONFIG", &path)
        .args(["config", "path"])
        .run()
        .success()
        .stdout(&format!("{}\n", path.display()));
    #[cfg(not(windows))]
    {
        // The builder's HOME, with XDG_CONFIG_HOME at `xdg` inside it.
        let test = Test::new().env_remove("HOTLINE_REPLY_CONFIG");
        let want = test.home().join("xdg/hotline-reply/config.yaml");
        test.args(["config", "path"])
            .run()
            .success()
            .stdout(&format!("{}\n", want.display()));
    }
}

#[test]
fn config_init_writes_a_commented_file_and_never_overwrites_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("new/folder/config.yaml");
    let init = |force: bool| {
        Test::new()
            .env("HOTLINE_REPLY_CONFIG", &path)
            .args(["config", "init"])
            .args(force.then_some("--force"))
            .run()
    };
    init(false)
        .success()
        .stdout("")
        .stderr_has(&format!("wrote {}", path.display()));
    let written = fs::read_to_string(&path).expect("written");
    assert!(written.contains("# signature: |"));
    assert!(written.contains("# format: text"));

    fs::write(&path, "format: html\n").expect("edit");
    init(false)
        .code(2)
        .stderr_has("already exists; it was left as it is (give --force");
    assert_eq!(fs::read_to_string(&path).expect("kept"), "format: html\n");
    init(true).success();
    assert_eq!(fs::read_to_string(&path).expect("replaced"), written);
    // The fresh file sets nothing: a reply is as without a config.
    Test::new()
        .env("HOTLINE_REPLY_CONFIG", &path)
        .args(["compose", "drop-charges", "--state", "NY", "--defaults"])
        .run()
        .success()
        .stdout_starts_with("Although I cannot speak");
}

#[test]
fn flags_override_the_config_file_which_overrides_the_defaults() {
    let yaml = format!(
        "library: {}\nformat: markdown\nsignature: |\n  Take care,\n  Sam <hotline>\ncopy: true\n",
        library("state-free")
    );
    let with_config = || Test::new().config(&yaml);
    let hello = ["compose", "hello", "--set", "topic=custody", "--defaults"];

    // The config file: its library, its format, its signature, and it copies.
    with_config()
        .args(hello)
        .run()
        .success()
        .stdout("Thank you for writing about custody.\n\nTake care,\\\nSam \\<hotline\\>\n")
        .stderr_has("warning: the reply was not copied");

    // Flags win: format, no copy.
    with_config()
        .args(hello)
        .args(["--format", "text", "--no-copy"])
        .run()
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
    let want = "Thank you for writing to us from New York.\n\nTake care,\nSam <hotline>\n";
    with_config()
        .library("two-part")
        .args(police)
        .run()
        .success()
        .stdout(want);
    with_config()
        .env("HOTLINE_REPLY_LIBRARY", library("two-part"))
        .args(police)
        .run()
        .success()
        .stdout(want);

    // Without a config file, the built-in defaults: built-in library, text, no signature.
    Test::new()
        .args(hello)
        .run()
        .code(2)
        .stderr_has("unknown snippet")
        .stderr_lacks("hello");
}

#[test]
fn a_broken_config_file_is_named_with_line_and_column() {
    let test = Test::new().config("format: text\nsignatur: Sam\n");
    let path = test.home().join("config.yaml");
    test.args(["compose", "drop-charges", "--state", "NY", "--defaults"])
        .run()
        .code(2)
        .stdout("")
        .stderr_has(&format!(
            "error: {}:2:1: this is not a setting of the config file; it takes `library`",
            path.display()
        ))
        .stderr_lacks("signatur`")
        .stderr_has("config init --force");
    let broken = "format: rtf\n";
    let test = Test::new().config(broken);
    let path = test.home().join("config.yaml");
    test.arg("list")
        .run()
        .code(2)
        .stderr_has(&format!(
            "{}:1:9: format: expected text, markdown or html",
            path.display()
        ))
        .stderr_lacks("rtf");
    // `config path` still works, so the file can be found and fixed.
    let test = Test::new().config(broken);
    let path = test.home().join("config.yaml");
    test.args(["config", "path"])
        .run()
        .success()
        .stdout(&format!("{}\n", path.display()));
}

#[test]
fn composing_never_writes_answers_or_names_to_the_config_folder() {
    // A folder of its own that is HOME, the XDG config folder's parent and the config
    // file's folder, so the run can be looked at afterwards.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.yaml");
    fs::write(&path, "format: text\n").expect("write config");
    Test::new()
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("xdg"))
        .env("HOTLINE_REPLY_CONFIG", &path)
        .library("state-free")
        .args([
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
        .run()
        .success()
        .stdout_has("Survivor Detail");
    let files: Vec<_> = fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(files, ["config.yaml"]);
    assert_eq!(fs::read_to_string(&path).expect("config"), "format: text\n");
}

/// Regression: `HOTLINE_REPLY_LIBRARY=` (set, empty) gave "a value is required for '--library
/// <DIR>'" though no flag was given. An empty variable is as if unset.
#[test]
fn an_empty_library_variable_is_as_if_unset() {
    let built_in = Test::new().arg("list").run().success().stdout;
    Test::new()
        .env("HOTLINE_REPLY_LIBRARY", "")
        .arg("list")
        .run()
        .success()
        .stdout(&built_in)
        .stderr("");
    // The flag itself still needs a value.
    Test::new()
        .env("HOTLINE_REPLY_LIBRARY", "")
        .args(["list", "--library"])
        .run()
        .code(2)
        .stderr_has("a value is required for '--library <DIR>'");
}

/// Regression: `copy: yes` was refused ("expected a boolean"); the config file reads yes/no
/// with the parser every answer uses.
#[test]
fn copy_yes_in_the_config_file_copies() {
    Test::new()
        .config("copy: yes\n")
        .args(["compose", "drop-charges", "--state", "NY", "--defaults"])
        .run()
        .success()
        .stderr_has("warning: the reply was not copied");
}

/// Regression: `config init --force` hung when HOTLINE_REPLY_CONFIG named a FIFO (the write
/// waited for a reader) and "wrote" to /dev/zero. It writes only a regular file, and says what
/// is there instead (the builder's hang guard catches a wait).
#[test]
#[cfg(unix)]
fn config_init_writes_only_a_regular_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("config.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    for (path, what) in [
        (fifo.as_path(), "a FIFO (named pipe)"),
        (std::path::Path::new("/dev/zero"), "a device"),
        (dir.path(), "a folder"),
    ] {
        for force in [true, false] {
            Test::new()
                .env("HOTLINE_REPLY_CONFIG", path)
                .args(["config", "init"])
                .args(force.then_some("--force"))
                .run()
                .code(2)
                .stdout("")
                .stderr_lacks("wrote")
                .stderr_has(&format!(
                    "{} is {what}, not a regular file; config init writes only a regular file",
                    path.display()
                ));
        }
    }
    assert!(
        std::fs::symlink_metadata(&fifo)
            .expect("still there")
            .file_type()
            .is_fifo()
    );
}
