//! The edge: arguments, environment, files, terminal and stdout. Everything here is thin;
//! the work happens in the modules it calls.

use std::path::Path;

use anyhow::Result;
use clap::Parser;

use crate::cli::{Cli, Command};
use crate::commands::{self, chain};
use crate::config::{self, Config};
use crate::error::{exit, exit_code};
use crate::library::Library;
use crate::{clipboard, term};

/// Runs the program and returns its exit code.
pub fn run() -> i32 {
    // The background copy that keeps a `--copy` reply on an X11 clipboard after exit.
    if let Some(code) = clipboard::serve_if_asked() {
        return code;
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return err.exit_code();
        }
    };
    match execute(cli) {
        Ok(code) => code,
        Err(err) => {
            let code = exit_code(&err);
            if code == exit::CANCELLED {
                eprintln!("{err}");
            } else {
                term::error(&chain(&err));
            }
            code
        }
    }
}

fn execute(cli: Cli) -> Result<i32> {
    let Cli { library, command } = cli;
    match command {
        // These need neither the config file nor the library, and work when either is broken.
        Command::Config { action } => commands::config::run(&action),
        Command::Completions { shell } => commands::shell::completions(shell),
        Command::Man => commands::shell::man(),
        Command::Compose(args) => {
            let (config, library) = setup(library.as_deref())?;
            commands::compose::run(&library, &args, &config)
        }
        Command::List { query } => {
            let (_, library) = setup(library.as_deref())?;
            commands::list::run(&library, &query)
        }
        Command::Import { file, output } => {
            let (_, library) = setup(library.as_deref())?;
            commands::import::run(&library, &file, output.as_deref())
        }
    }
}

/// The config file, and the library: `--library` (or its env var), else the config file's,
/// else the one built into the binary.
fn setup(library_flag: Option<&Path>) -> Result<(Config, Library)> {
    let config = config::load(&config::path()?)?;
    let library = match library_flag.or(config.library.as_deref()) {
        Some(dir) => Library::open(dir)?,
        None => Library::BuiltIn,
    };
    Ok((config, library))
}
