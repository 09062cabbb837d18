//! The edge: arguments, environment, files, terminal and stdout. Everything here is thin;
//! the work happens in the modules it calls.

use anyhow::Result;
use clap::Parser;

use crate::cli::{Cli, Command};
use crate::commands::{self, chain};
use crate::error::exit_code;
use crate::library::Library;

/// Templates from a library folder are untrusted input, and minijinja recurses over nested
/// values (a list of a list of …, built up in a loop) when it prints, compares or drops them.
/// Fuel bounds that nesting to some tens of thousands of levels, which overflows the default
/// 8 MiB main stack; this one holds it with room to spare. Untouched pages cost no memory.
const STACK_BYTES: usize = 256 << 20;

/// Runs the program and returns its exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return err.exit_code();
        }
    };
    // The built-in library is part of the program (and checked before every release), so it
    // runs on the main thread: a new thread can wait milliseconds for a busy CPU.
    let outcome = if cli.library.is_some() {
        on_deep_stack(cli)
    } else {
        execute(cli)
    };
    match outcome {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", chain(&err));
            exit_code(&err)
        }
    }
}

/// Runs `execute` on a thread with a [`STACK_BYTES`] stack.
fn on_deep_stack(cli: Cli) -> Result<i32> {
    let worker = std::thread::Builder::new()
        .name("hotline-reply".to_owned())
        .stack_size(STACK_BYTES)
        .spawn(move || execute(cli))
        .map_err(|e| anyhow::Error::new(e).context("starting the worker thread"))?;
    worker.join().unwrap_or_else(|_| {
        Err(anyhow::anyhow!(
            "internal error (a bug): the worker stopped"
        ))
    })
}

fn execute(cli: Cli) -> Result<i32> {
    let library = match &cli.library {
        Some(dir) => Library::open(dir)?,
        None => Library::BuiltIn,
    };
    match cli.command {
        Command::Compose(args) => commands::compose::run(&library, &args),
        Command::List { query } => commands::list::run(&library, &query),
        Command::Show { id, state } => commands::show::run(&library, &id, state.as_deref()),
        Command::Links { state } => commands::links::run(&library, state.as_deref()),
        Command::Check(args) => commands::check::run(&library, &args),
        Command::Schema { kind } => commands::schema::run(kind),
    }
}
