//! `compose`: the main job. Gathers answers from flags, an answers file and the terminal,
//! lets the advocate review the reply on a terminal, prints the reply that passed the guard in
//! the chosen format, and copies it when asked.

use std::io::{self, IsTerminal};
use std::path::Path;

use anyhow::Result;

use crate::edge::args::ComposeArgs;
use crate::edge::clipboard::{self, Content, Osc52, System};
use crate::edge::config::Config;
use crate::edge::stderr as term;
use crate::edge::terminal::Terminal;
use crate::error::BadInput;
use crate::library::Library;
use crate::library::yaml;
use crate::reply::answers::RawAnswer;
use crate::reply::compose::{self, Composed, Given, Request};
use crate::reply::output::{self, Format, FrameValues};
use crate::reply::review;

use super::{print, read_input};

/// What this run does, resolved once: flags over the config file over the built-in defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub format: Format,
    pub copy: bool,
    pub frame: FrameValues,
}

impl Settings {
    pub fn resolve(args: &ComposeArgs, config: &Config) -> Settings {
        Settings {
            format: args.format.or(config.format).unwrap_or_default(),
            copy: if args.copy || args.no_copy {
                args.copy
            } else {
                config.copy.unwrap_or(false)
            },
            frame: FrameValues::new(args.name.as_deref(), config.signature.as_deref()),
        }
    }
}

pub fn run(library: &Library, args: &ComposeArgs, config: &Config) -> Result<i32> {
    let settings = Settings::resolve(args, config);
    let mut given = Vec::new();
    if let Some(path) = &args.answers {
        given.extend(read_answers(path)?);
    }
    given.extend(args.set.iter().map(|(id, value)| Given {
        id: id.clone(),
        value: RawAnswer::Text(value.clone()),
        from: "--set".to_owned(),
    }));
    let request = Request {
        snippets: args.ids.clone(),
        state: args.state.clone(),
        given,
        defaults: args.defaults,
    };
    let interactive = !args.no_input && io::stdin().is_terminal() && io::stderr().is_terminal();
    let composed = if interactive {
        term::setup_prompts();
        // The preview is what will be pasted; HTML source is previewed as the text it shows.
        let preview_format = match settings.format {
            Format::Html => Format::Text,
            other => other,
        };
        let preview =
            |c: &Composed| output::render(library, preview_format, &c.reply, &settings.frame);
        review::compose_reviewed(library, &request, &mut Terminal, &preview)?
    } else {
        let composed = compose::compose(library, &request, None)?;
        for warning in &composed.warnings {
            term::warning(warning);
        }
        composed
    };

    // Everything is rendered (and the frames guarded) before the first byte reaches stdout.
    let reply = output::render(library, settings.format, &composed.reply, &settings.frame)?;
    let copy = if settings.copy {
        let html = match settings.format {
            Format::Html => reply.clone(),
            _ => output::render(library, Format::Html, &composed.reply, &settings.frame)?,
        };
        let plain = match settings.format {
            Format::Html => {
                output::render(library, Format::Text, &composed.reply, &settings.frame)?
            }
            _ => reply.clone(),
        };
        Some(Content { html, plain })
    } else {
        None
    };
    let code = print(&reply)?;
    if let Some(content) = copy {
        let (message, warning) =
            clipboard::copy(&content, &mut [&mut System, &mut Osc52]).message();
        if warning {
            term::warning(&message);
        } else {
            term::note(&message);
        }
    }
    Ok(code)
}

/// Reads `--answers FILE|-` into given answers; any problem is bad input (exit 2).
fn read_answers(path: &Path) -> Result<Vec<Given>> {
    let (origin, text) = read_input(
        path,
        "answers file",
        "type or paste one `question: value` per line (e.g. `asks_about_charges: yes`)",
    )?;
    let map: std::collections::BTreeMap<String, RawAnswer> = yaml::parse(&text, &origin)
        .map_err(|e| BadInput::new(format!("{e}; an answers file is a mapping of question id to value, e.g. `asks_about_charges: yes`")))?;
    Ok(map
        .into_iter()
        .map(|(id, value)| Given {
            id,
            value,
            from: origin.clone(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::edge::args::{Cli, Command};

    fn settings(flags: &[&str], config: &Config) -> Settings {
        let cli =
            Cli::try_parse_from(["hotline-reply", "compose", "x"].iter().chain(flags)).unwrap();
        let Command::Compose(args) = cli.command else {
            panic!("not compose")
        };
        Settings::resolve(&args, config)
    }

    #[test]
    fn flags_override_the_config_file_which_overrides_the_defaults() {
        let none = Config::default();
        let set = Config {
            format: Some(Format::Markdown),
            copy: Some(true),
            signature: Some("Sam".into()),
            library: None,
        };
        assert_eq!(settings(&[], &none).format, Format::Text);
        assert!(!settings(&[], &none).copy);
        assert_eq!(settings(&[], &set).format, Format::Markdown);
        assert!(settings(&[], &set).copy);
        assert_eq!(settings(&["--format", "html"], &set).format, Format::Html);
        assert!(!settings(&["--no-copy"], &set).copy);
        assert!(settings(&["--no-copy", "--copy"], &set).copy);
        assert!(settings(&["--copy"], &none).copy);
        assert_eq!(
            settings(&["--name", "Al"], &set).frame,
            FrameValues::new(Some("Al"), Some("Sam"))
        );
    }
}
