//! What a run does, resolved once (ripgrep's low and high arguments): clap's flags
//! ([`args`](super::args)), the config file and the environment become one [`Settings`]
//! value the rest of the program trusts. Flags win over the config file, which wins over the
//! built-in defaults.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;

use crate::edge::args::{CheckArgs, ComposeArgs};
use crate::edge::clipboard::System;
use crate::edge::config_file::Config;
use crate::error::BadInput;
use crate::library::Library;
use crate::library::date::Date;
use crate::library::values::RawAnswer;
use crate::reply::answers::STATE;
use crate::reply::answers::{Given, Source};
use crate::reply::output::{Format, FrameValues};

/// A `reviewed` date older than this is worth a warning, unless the config says otherwise.
pub const MAX_AGE_DAYS: u32 = 365;

/// What every command shares.
#[derive(Debug, Clone)]
pub struct Settings {
    pub library: Library,
    /// Today (UTC), for how old a `reviewed` date is.
    pub today: Date,
    pub max_age_days: u32,
}

impl Settings {
    /// The library: `--library` (or its variable), else the config file's, else the one
    /// built into the binary.
    pub fn resolve(library_flag: Option<&std::path::Path>, config: &Config) -> Result<Settings> {
        let library = match library_flag.or(config.library.as_deref()) {
            Some(dir) => Library::open(dir)?,
            None => Library::BuiltIn,
        };
        Ok(Settings {
            library,
            today: Date::today(),
            max_age_days: config.max_age_days.unwrap_or(MAX_AGE_DAYS),
        })
    }

    /// `check`'s: its flag wins over the config file.
    pub fn check(&self, args: &CheckArgs) -> u32 {
        args.max_age_days.unwrap_or(self.max_age_days)
    }
}

/// What `compose` does.
#[derive(Debug, Clone)]
pub struct Compose {
    pub ids: Vec<String>,
    /// `--state` and every `--set`, as given.
    pub flags: Vec<Given>,
    pub answers_file: Option<PathBuf>,
    pub defaults: bool,
    /// Prompts (and the review) happen only on a terminal, and never with `--no-input`.
    pub interactive: bool,
    pub format: Format,
    pub copy: bool,
    pub frame: FrameValues,
    /// How long the X11 clipboard keeps a copied reply at most.
    pub clipboard_hold: Duration,
}

impl Compose {
    pub fn resolve(args: &ComposeArgs, config: &Config) -> Result<Compose, BadInput> {
        let mut flags = Vec::new();
        if let Some(state) = &args.state {
            flags.push(Given {
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
            flags.push(Given {
                key: key.trim().to_owned(),
                value: RawAnswer::Text(value.to_owned()),
                source,
            });
        }
        Ok(Compose {
            ids: args.ids.clone(),
            flags,
            answers_file: args.answers.clone(),
            defaults: args.defaults,
            interactive: !args.no_input
                && std::io::stdin().is_terminal()
                && std::io::stderr().is_terminal(),
            format: args.format.or(config.format).unwrap_or_default(),
            copy: if args.copy || args.no_copy {
                args.copy
            } else {
                config.copy.unwrap_or(false)
            },
            frame: FrameValues::new(args.name.as_deref(), config.signature.as_deref()),
            clipboard_hold: config
                .clipboard_seconds
                .map_or(System::DEFAULT_HOLD, |s| Duration::from_secs(s.get())),
        })
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
        Compose::resolve(&args, config)
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
