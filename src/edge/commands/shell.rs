//! `completions SHELL` and `man`: generated from the same clap definition as `--help`, so they
//! never drift from the real command line.

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use crate::edge::args::Cli;

use super::print;

pub fn completions(shell: Shell) -> Result<i32> {
    let mut cmd = Cli::command();
    let name = cmd.get_name().to_owned();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut out);
    print(&String::from_utf8(out).context("the completion script is not UTF-8")?)
}

pub fn man() -> Result<i32> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .context("rendering the man page")?;
    print(&String::from_utf8(out).context("the man page is not UTF-8")?)
}
