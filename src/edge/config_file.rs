//! The advocate's config file: library folder, signature, default format, default `--copy`,
//! how long a copy stays on an X11 clipboard.
//!
//! It lives in the platform's config folder (`~/.config/hotline-reply/config.yaml` on Linux
//! and macOS, `%APPDATA%\hotline-reply\config.yaml` on Windows), or wherever
//! `HOTLINE_REPLY_CONFIG` points. A missing file means the built-in defaults. The program reads
//! it and, for `config init` only, writes the commented template: no answer or survivor detail
//! is ever written to it.

use std::fs;
use std::io::Write as _;
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::error::BadInput;
use crate::library::files::{self, Input, Limit};
use crate::library::yaml;
use crate::reply::output::Format;

mod entries;

/// Points at the config file instead of the platform's config folder.
pub const ENV: &str = "HOTLINE_REPLY_CONFIG";

/// Written by `config init`: every setting, commented out, with what it does.
pub const TEMPLATE: &str = "\
# hotline-reply configuration. Remove the `# ` in front of a setting to use it.
# Flags on the command line win over this file; this file wins over the built-in defaults.
# Nothing a survivor or an advocate types in a reply is ever written here.

# A library folder to use instead of the library built into the program
# (`--library` and HOTLINE_REPLY_LIBRARY win over it). `~/` is your home folder; a relative
# path is relative to this file's folder.
# library: ~/hotline-library

# Your closing, added after every reply by the frame in the library's templates/ folder.
# Several lines are kept as lines.
# signature: |
#   Take care,
#   Sam, WomensLaw Email Hotline

# The output format when --format is not given: text, markdown or html.
# format: text

# Also put every reply on the clipboard, as if --copy were given (--no-copy turns it off).
# copy: false

# On Linux (X11), at most how many seconds a copied reply stays on the clipboard (copying
# something else removes it sooner). 600 is ten minutes.
# clipboard_seconds: 600

# Warn when a snippet's text was last checked against the law (its `reviewed` date) more
# than this many days ago; `check --max-age-days` wins over it.
# max_age_days: 365
";

/// The settings the file may hold; each is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub library: Option<PathBuf>,
    pub signature: Option<String>,
    pub format: Option<Format>,
    pub copy: Option<bool>,
    pub clipboard_seconds: Option<NonZeroU64>,
    pub max_age_days: Option<u32>,
}

/// Where the config file is: `HOTLINE_REPLY_CONFIG`, else the platform's config folder.
pub fn path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    use etcetera::BaseStrategy as _;
    let base = etcetera::choose_base_strategy().context(
        "cannot find your config folder (is HOME set?); set HOTLINE_REPLY_CONFIG to a file instead",
    )?;
    Ok(base.config_dir().join("hotline-reply").join("config.yaml"))
}

/// Reads the config file at `path`; a missing file is the built-in defaults. A broken one (or
/// one that is not a regular file of at most 1 MiB) is bad input, with file:line:column.
pub fn load(path: &Path) -> Result<Config> {
    let text = match files::read_text(Input::File(path), Limit::UserFile) {
        Ok(text) => text,
        Err(e) if e.is_not_found() => return Ok(Config::default()),
        Err(e) => {
            return Err(BadInput::new(format!(
                "{}; `hotline-reply config path` shows which file is used",
                e.for_user("the config file")
            ))
            .into());
        }
    };
    parse(&text, path)
}

/// Parses a config file's text; `path` names it in messages and anchors a relative library.
pub fn parse(text: &str, path: &Path) -> Result<Config> {
    let origin = path.display().to_string();
    // The template from `config init` is all comments: that is a config with nothing set.
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Ok(Config::default());
    }
    let mut config: Config = yaml::parse(text, &origin).map_err(|e| {
        BadInput::new(format!(
            "{}; `hotline-reply config init --force` writes a fresh commented one",
            entries::quiet(e)
        ))
    })?;
    config.library = config.library.map(|lib| resolve_library(&lib, path));
    Ok(config)
}

/// `~/x` is in the home folder; a relative path is relative to the config file's folder.
fn resolve_library(lib: &Path, config_path: &Path) -> PathBuf {
    if let Ok(rest) = lib.strip_prefix("~") {
        if let Ok(home) = etcetera::home_dir() {
            return home.join(rest);
        }
    }
    if lib.is_relative() {
        if let Some(dir) = config_path.parent() {
            return dir.join(lib);
        }
    }
    lib.to_path_buf()
}

/// Writes the commented template to `path`, creating its folder; an existing file is kept
/// unless `force`. Only a regular file is written: a FIFO would block the write until someone
/// read it, and a device (`/dev/zero`) would take the template and keep nothing, both while
/// the program said "wrote". Anything else there is refused before and after opening it
/// (opened without blocking, in case it changed in between).
pub fn init(path: &Path, force: bool) -> Result<()> {
    let shown = path.display();
    let refuse = |kind: &fs::FileType| -> anyhow::Error {
        BadInput::new(format!(
            "{shown} is {}, not a regular file; config init writes only a regular file: point {ENV} at a file (it may not exist yet)",
            describe(kind)
        ))
        .into()
    };
    if let Ok(meta) = fs::metadata(path) {
        if !meta.is_file() {
            return Err(refuse(&meta.file_type()));
        }
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)
            .with_context(|| format!("creating the folder {}", dir.display()))?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let mut file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(BadInput::new(format!(
                "{shown} already exists; it was left as it is (give --force to replace it with a fresh commented one)"
            ))
            .into());
        }
        Err(e) => return Err(e).with_context(|| format!("writing {shown}")),
    };
    let meta = file
        .metadata()
        .with_context(|| format!("writing {shown}"))?;
    if !meta.is_file() {
        return Err(refuse(&meta.file_type()));
    }
    // Emptied only now that it is known to be a regular file.
    file.set_len(0)
        .and_then(|()| file.write_all(TEMPLATE.as_bytes()))
        .with_context(|| format!("writing {shown}"))
}

/// What is at the config file's path instead of a regular file, for the message.
fn describe(kind: &fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "something else"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_valid_config_with_nothing_set_and_every_example_parses() {
        let path = Path::new("/etc/hr/config.yaml");
        assert_eq!(parse(TEMPLATE, path).unwrap(), Config::default());
        let uncommented: String = TEMPLATE
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| {
                l.starts_with("library:")
                    || l.starts_with("signature:")
                    || l.starts_with("  ")
                    || l.starts_with("format:")
                    || l.starts_with("copy:")
                    || l.starts_with("clipboard_seconds:")
                    || l.starts_with("max_age_days:")
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let config = parse(&uncommented, path).unwrap();
        assert_eq!(config.format, Some(Format::Text));
        assert_eq!(config.copy, Some(false));
        assert_eq!(config.clipboard_seconds, NonZeroU64::new(600));
        assert_eq!(config.max_age_days, Some(365));
        assert!(parse("clipboard_seconds: 0\n", path).is_err());
        assert_eq!(
            config.signature.as_deref(),
            Some("Take care,\nSam, WomensLaw Email Hotline\n")
        );
        assert!(
            config
                .library
                .is_some_and(|l| l.ends_with("hotline-library"))
        );
    }

    #[test]
    fn a_relative_library_is_relative_to_the_config_file() {
        let config = parse("library: lib\n", Path::new("/etc/hr/config.yaml")).unwrap();
        assert_eq!(config.library, Some(PathBuf::from("/etc/hr/lib")));
    }

    #[test]
    fn a_typo_is_an_error_with_line_and_column_that_never_quotes_the_key() {
        let err = parse("format: text\nsignatur: Sam\n", Path::new("c.yaml")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("c.yaml:2:1: this is not a setting of the config file; it takes `library` (a folder), `signature` (text)"),
            "{err}"
        );
        assert!(!err.to_string().contains("signatur`"), "{err}");
        assert!(err.is::<BadInput>());
        let err = parse("format: htm\n", Path::new("c.yaml")).unwrap_err();
        assert!(err.to_string().contains("c.yaml:1:9"), "{err}");
    }

    /// Regression: `copy: yes` failed with "expected a boolean": the config file had yes/no
    /// rules of its own. It now takes what every answer takes.
    #[test]
    fn copy_takes_the_one_yes_no_parser() {
        for (text, want) in [
            ("yes", true),
            ("Y", true),
            ("true", true),
            ("TRUE", true),
            ("no", false),
            ("n", false),
            ("False", false),
        ] {
            let config = parse(&format!("copy: {text}\n"), Path::new("c.yaml")).unwrap();
            assert_eq!(config.copy, Some(want), "{text}");
        }
        let err = parse("copy: perhaps\n", Path::new("c.yaml")).unwrap_err();
        assert!(
            err.to_string().starts_with(&format!(
                "c.yaml:1:7: copy: {}",
                crate::library::values::YES_NO_EXPECTED
            )),
            "{err}"
        );
    }

    /// Regression: numbers past 64 bits were refused by serde's own message, which quoted them.
    #[test]
    fn a_number_too_large_is_refused_without_quoting_it() {
        let path = Path::new("c.yaml");
        for text in [
            "clipboard_seconds: 98765432109876543210\n",
            "max_age_days: -98765432109876543210\n",
        ] {
            let err = parse(text, path).unwrap_err().to_string();
            assert!(err.starts_with("c.yaml:1:"), "{err}");
            assert!(err.contains(": expected a whole number"), "{err}");
            assert!(
                !err.contains("987654321") && !err.contains("expected expected"),
                "{err}"
            );
        }
    }

    /// Regression: serde's messages quoted the file (`unknown variant `ZQXMARK``, `invalid
    /// type: string "ZQXMARK"`, `unknown field `ZQXMARK``). Each now names the setting and its
    /// place, and what it takes.
    #[test]
    fn no_message_quotes_the_file() {
        let path = Path::new("c.yaml");
        for (text, want) in [
            (
                "format: ZQXMARK\n",
                "c.yaml:1:9: format: expected text, markdown or html",
            ),
            (
                "clipboard_seconds: ZQXMARK\n",
                "c.yaml:1:20: clipboard_seconds: expected a whole number of seconds above 0",
            ),
            (
                "clipboard_seconds: 0\n",
                "c.yaml:1:20: clipboard_seconds: expected",
            ),
            (
                "max_age_days: -1\n",
                "c.yaml:1:15: max_age_days: expected a whole number",
            ),
            (
                "ZQXMARK: 1\n",
                "c.yaml:1:1: this is not a setting of the config file",
            ),
            (
                "copy: no\nZQXMARK: [1]\n",
                "c.yaml:2:1: this is not a setting",
            ),
            (
                "copy: no\ncopy: yes\n",
                "c.yaml:2:1: this setting is given twice",
            ),
            (
                "signature: [ZQXMARK]\n",
                "c.yaml:1:12: signature: expected text",
            ),
            (
                "library: !ZQXMARK x\n",
                "c.yaml:1:10: library: expected a folder path, not a YAML tag",
            ),
            ("ZQXMARK\n", "c.yaml:1:1: the config file is a mapping"),
            (
                "format: 'ZQXMARK\n",
                "c.yaml:2:1: found unexpected end of stream",
            ),
        ] {
            let err = parse(text, path).unwrap_err().to_string();
            assert!(err.starts_with(want), "{text:?}: {err}");
            assert!(!err.contains("ZQX"), "{text:?}: {err}");
        }
    }
}
