//! What a run does, resolved once (ripgrep's low and high arguments): clap's flags
//! ([`args`](super::args)), the config file and the environment become one [`Settings`]
//! value the rest of the program trusts. Flags win over the config file, which wins over the
//! built-in defaults.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use crate::edge::args::{CheckArgs, Command, ComposeArgs};
use crate::edge::clipboard::System;
use crate::edge::config_file::{self, Config};
use crate::error::BadInput;
use crate::library::Library;
use crate::library::date::Date;
use crate::library::values::RawAnswer;
use crate::reply::answers::STATE;
use crate::reply::answers::{Given, Source};
use crate::reply::output::{Format, FrameValues};

/// A `reviewed` date older than this is worth a warning, unless the config says otherwise.
pub const MAX_AGE_DAYS: u32 = 365;

/// Everything a run needs to know besides its command's own words, resolved once from the
/// flags, the config file and the environment. Every command that uses the library gets it.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `--library` (or `HOTLINE_REPLY_LIBRARY`), else the config file's, else the one built
    /// into the binary.
    pub library: Library,
    /// Today (UTC), for how old a `reviewed` date is.
    pub today: Date,
    /// A `reviewed` date older than this many days is a warning (compose and check):
    /// `check --max-age-days`, else the config file's `max_age_days`, else 365.
    pub max_age_days: u32,
    /// What `compose` does: its flags over the config file. Other commands leave it alone.
    pub compose: Compose,
}

impl Settings {
    /// Reads the config file and resolves the settings for `command`: the one place that does.
    pub fn load(library_flag: Option<&Path>, command: &Command) -> Result<Settings> {
        let config = config_file::load(&config_file::path()?)?;
        Settings::resolve(library_flag, command, &config)
    }

    /// Flags win over the config file, which wins over the built-in defaults.
    pub fn resolve(
        library_flag: Option<&Path>,
        command: &Command,
        config: &Config,
    ) -> Result<Settings> {
        let library = match library_flag.or(config.library.as_deref()) {
            Some(dir) => Library::open(dir)?,
            None => Library::BuiltIn,
        };
        let max_age_flag = match command {
            Command::Check(CheckArgs { max_age_days }) => *max_age_days,
            _ => None,
        };
        let compose_args = match command {
            Command::Compose(args) => Some(args),
            _ => None,
        };
        Ok(Settings {
            library,
            today: Date::today(),
            max_age_days: max_age_flag.or(config.max_age_days).unwrap_or(MAX_AGE_DAYS),
            compose: Compose::resolve(compose_args, config)?,
        })
    }
}

/// Whether compose may ask on the terminal, and if not, why not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Prompts {
    /// stdin and stderr are a terminal, and `--no-input` was not given.
    Ask,
    /// `--no-input`, or stdin is not a terminal: every answer comes from flags or a file.
    #[default]
    Never,
    /// stdin is a terminal but stderr is not (`2>file`): the questions, which go to stderr,
    /// could not be seen.
    CannotShow,
}

/// What `compose` does.
#[derive(Debug, Clone, Default)]
pub struct Compose {
    pub ids: Vec<String>,
    /// `--state` and every `--set`, as given.
    pub flags: Vec<Given>,
    pub answers_file: Option<PathBuf>,
    pub defaults: bool,
    /// Prompts (and the review) happen only on a terminal, and never with `--no-input`.
    pub prompts: Prompts,
    pub format: Format,
    pub copy: bool,
    pub frame: FrameValues,
    /// How long the X11 clipboard keeps a copied reply at most.
    pub clipboard_hold: Duration,
}

impl Compose {
    /// `args` are compose's flags (none for another command, which then gets the config
    /// file's format, copy, signature and hold time, and nothing else).
    fn resolve(args: Option<&ComposeArgs>, config: &Config) -> Result<Compose, BadInput> {
        let mut compose = Compose {
            format: config.format.unwrap_or_default(),
            copy: config.copy.unwrap_or(false),
            frame: FrameValues::new(None, config.signature.as_deref()),
            clipboard_hold: config
                .clipboard_seconds
                .map_or(System::DEFAULT_HOLD, |s| Duration::from_secs(s.get())),
            ..Compose::default()
        };
        let Some(args) = args else {
            return Ok(compose);
        };
        if let Some(state) = &args.state {
            compose.flags.push(Given {
                key: STATE.to_owned(),
                value: RawAnswer::Text(state.clone()),
                source: Source::StateFlag,
            });
        }
        for (i, set) in args.set.iter().enumerate() {
            let source = Source::Set(i + 1);
            // What was typed is never repeated: it may be a survivor's detail in the wrong
            // place.
            let (key, value) = set
                .split_once('=')
                .filter(|(k, _)| !k.trim().is_empty())
                .ok_or_else(|| {
                    BadInput::new(format!(
                        "{source} is not QUESTION=VALUE; give it as, e.g., --set asks_about_charges=yes"
                    ))
                })?;
            compose.flags.push(Given {
                key: key.trim().to_owned(),
                value: RawAnswer::Text(value.to_owned()),
                source,
            });
        }
        compose.ids = args.ids.clone();
        compose.answers_file = args.answers.clone();
        compose.defaults = args.defaults;
        compose.prompts = if args.no_input || !std::io::stdin().is_terminal() {
            Prompts::Never
        } else if std::io::stderr().is_terminal() {
            Prompts::Ask
        } else {
            Prompts::CannotShow
        };
        if let Some(format) = args.format {
            compose.format = format.into();
        }
        if args.copy || args.no_copy {
            compose.copy = args.copy;
        }
        compose.frame = FrameValues::new(args.name.as_deref(), config.signature.as_deref());
        Ok(compose)
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::edge::args::{Cli, Command};

    fn compose(flags: &[&str], config: &Config) -> Result<Compose, BadInput> {
        let cli =
            Cli::try_parse_from(["hotline-reply", "compose", "x"].iter().chain(flags)).unwrap();
        let Command::Compose(args) = cli.command else {
            panic!("not compose")
        };
        Compose::resolve(Some(&args), config)
    }

    fn settings(args: &[&str], config: &Config) -> Settings {
        let cli = Cli::try_parse_from(std::iter::once("hotline-reply").chain(args.iter().copied()))
            .unwrap();
        Settings::resolve(None, &cli.command, config).unwrap()
    }

    #[test]
    fn max_age_is_checks_flag_else_the_config_file_else_a_year_for_every_command() {
        let none = Config::default();
        let set = Config {
            max_age_days: Some(90),
            ..Config::default()
        };
        assert_eq!(settings(&["check"], &none).max_age_days, 365);
        assert_eq!(settings(&["check"], &set).max_age_days, 90);
        assert_eq!(
            settings(&["check", "--max-age-days", "7"], &set).max_age_days,
            7
        );
        assert_eq!(settings(&["compose", "x"], &set).max_age_days, 90);
        assert_eq!(settings(&["list"], &none).max_age_days, 365);
    }

    #[test]
    fn only_compose_gets_ids_and_answers_and_never_prompts_with_no_input() {
        let list = settings(&["list"], &Config::default());
        assert!(list.compose.ids.is_empty() && list.compose.flags.is_empty());
        let compose = settings(
            &["compose", "a", "b", "--no-input", "--set", "q=yes"],
            &Config::default(),
        );
        assert_eq!(compose.compose.ids, ["a", "b"]);
        assert_eq!(compose.compose.flags.len(), 1);
        assert_eq!(compose.compose.prompts, Prompts::Never);
    }

    #[test]
    fn flags_override_the_config_file_which_overrides_the_defaults() {
        let none = Config::default();
        let set = Config {
            format: Some(Format::Markdown),
            copy: Some(true),
            signature: Some("Sam".into()),
            ..Config::default()
        };
        let c = |f: &[&str], config: &Config| compose(f, config).unwrap();
        assert_eq!(c(&[], &none).format, Format::Text);
        assert!(!c(&[], &none).copy);
        assert_eq!(c(&[], &set).format, Format::Markdown);
        assert!(c(&[], &set).copy);
        assert_eq!(c(&["--format", "html"], &set).format, Format::Html);
        assert!(!c(&["--no-copy"], &set).copy);
        assert!(c(&["--no-copy", "--copy"], &set).copy);
        assert!(c(&["--copy"], &none).copy);
        assert_eq!(
            c(&["--name", "Al"], &set).frame,
            FrameValues::new(Some("Al"), Some("Sam"))
        );
        assert_eq!(c(&[], &none).clipboard_hold, System::DEFAULT_HOLD);
    }

    #[test]
    fn a_set_without_equals_is_refused_without_repeating_it() {
        let err = compose(
            &["--set", "q=yes", "--set", "Jane Doe told me"],
            &Config::default(),
        )
        .unwrap_err();
        assert_eq!(
            err.0,
            "--set #2 is not QUESTION=VALUE; give it as, e.g., --set asks_about_charges=yes"
        );
    }

    #[test]
    fn state_and_sets_become_given_answers_in_order() {
        let got = compose(
            &["--set", "a=yes", "--state", "NY", "--set", "b = x=y"],
            &Config::default(),
        )
        .unwrap();
        let keys: Vec<(&str, String)> = got
            .flags
            .iter()
            .map(|g| (g.key.as_str(), g.source.to_string()))
            .collect();
        assert_eq!(
            keys,
            vec![
                ("state", "--state".to_owned()),
                ("a", "--set #1".to_owned()),
                ("b", "--set #2".to_owned())
            ]
        );
        assert_eq!(got.flags[2].value, RawAnswer::Text(" x=y".into()));
    }
}
