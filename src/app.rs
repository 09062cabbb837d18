//! The edge: arguments, environment, files, terminal and stdout. Everything here is thin;
//! the work happens in the modules it calls.

use anyhow::Result;
use clap::Parser;

use crate::cli::{Cli, Command};
use crate::commands::{self, chain};
use crate::error::exit_code;
use crate::library::Library;

/// Runs the program and returns its exit code.
pub fn run() -> i32 {
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
            eprintln!("error: {}", chain(&err));
            exit_code(&err)
        }
    }
}

fn execute(cli: Cli) -> Result<i32> {
    let library = match &cli.library {
        Some(dir) => Library::open(dir)?,
        None => Library::BuiltIn,
    };
    match cli.command {
        Command::Compose(args) => commands::compose::run(&library, &args),
        Command::List { query } => commands::list::run(&library, &query),
        Command::Import { file, output } => {
            commands::import::run(&library, &file, output.as_deref())
        }
    }
}
