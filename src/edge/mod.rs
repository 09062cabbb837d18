//! The edge: arguments, environment, files, terminal and stdout. Everything here is thin;
//! the work happens in the modules it calls.

pub mod args;
pub mod clipboard;
mod commands;
pub mod config_file;
mod settings;
mod signals;
mod stderr;
mod stdout;
pub mod terminal;
mod usage;

use std::ffi::OsString;

use anyhow::Result;

use crate::error::{exit, exit_code};
use crate::library::Library;
use args::{Cli, Command};
use commands::chain;
use settings::Settings;
use stderr as term;

/// Runs the program and returns its exit code.
pub fn run() -> i32 {
    // The background copy that keeps a `--copy` reply on an X11 clipboard after exit.
    if let Some(code) = clipboard::serve_if_asked() {
        return code;
    }
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = match Cli::parse_args(&args) {
        Ok(cli) => cli,
        Err(err) => return usage::report(&err, args.get(1..).unwrap_or_default()),
    };
    let outcome = execute(cli);
    match outcome {
        Ok(code) => code,
        Err(err) => {
            let code = exit_code(&err);
            if code == exit::CANCELLED {
                term::note(&err.to_string());
            } else {
                term::error(&chain(&err));
            }
            code
        }
    }
}

fn execute(cli: Cli) -> Result<i32> {
    let Cli { library, command } = cli;
    // Each command that uses the library resolves the settings once, here.
    let settings = || Settings::load(library.as_deref(), &command);
    match &command {
        // These need neither the config file nor the library, and work when either is broken.
        Command::Config { action } => commands::config::run(action),
        Command::Completions { shell } => commands::shell::completions(*shell),
        Command::Man => commands::shell::man(),
        Command::Schema { kind } => commands::schema::run(*kind),
        Command::Compose(_) => {
            let settings = settings()?;
            deep_stack_for(&settings.library, || commands::compose::run(&settings))
        }
        Command::List { query } => commands::list::run(&settings()?.library, query),
        Command::Import { file, output } => {
            commands::import::run(&settings()?.library, file, output.as_deref())
        }
        Command::Show { id, state } => {
            commands::show::run(&settings()?.library, id, state.as_deref())
        }
        Command::Links { state } => commands::links::run(&settings()?.library, state.as_deref()),
        Command::Check(_) => {
            let settings = settings()?;
            deep_stack_for(&settings.library, || commands::check::run(&settings))
        }
    }
}

/// Runs `work`, which renders the library's templates, on a thread with the deep stack of
/// [`crate::reply::render::STACK_BYTES`] when the library is a folder. The built-in library
/// is part of the program (and checked before every release), so it runs on the main
/// thread: a new thread can wait milliseconds for a busy CPU.
fn deep_stack_for(library: &Library, work: impl FnOnce() -> Result<i32> + Send) -> Result<i32> {
    if matches!(library, Library::BuiltIn) {
        return work();
    }
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("hotline-reply".to_owned())
            .stack_size(crate::reply::render::STACK_BYTES)
            .spawn_scoped(scope, work)
            .map_err(|e| anyhow::Error::new(e).context("starting the worker thread"))?;
        worker.join().unwrap_or_else(|_| {
            Err(anyhow::anyhow!(
                "internal error (a bug): the worker stopped"
            ))
        })
    })
}
