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

/// One page for the whole program: the main sections, then a section for each command
/// (and each of its own commands), so the page never points at sub-pages that do not exist.
pub fn man() -> Result<i32> {
    // clap's own `help` commands are not commands of the program: the page has no use for them.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(cmd.clone());
    page.render_title(&mut out)?;
    page.render_name_section(&mut out)?;
    page.render_synopsis_section(&mut out)?;
    page.render_description_section(&mut out)?;
    page.render_options_section(&mut out)?;
    let mut extra = Vec::new();
    page.render_extra_section(&mut extra)?;
    let extra = String::from_utf8(extra).context("the man page is not UTF-8")?;
    out.extend(
        extra
            .replacen(
                ".SH EXTRA",
                ".SH \"EXAMPLES, EXIT CODES AND ENVIRONMENT\"",
                1,
            )
            .bytes(),
    );
    let mut commands: Vec<clap::Command> = cmd.get_subcommands().cloned().collect();
    while !commands.is_empty() {
        let sub = commands.remove(0);
        let name = sub.get_bin_name().unwrap_or(sub.get_name()).to_owned();
        commands.splice(
            0..0,
            sub.get_subcommands()
                .filter(|c| c.get_name() != "help")
                .cloned(),
        );
        out.extend(format!(".SH \"{}\"\n", name.to_uppercase()).bytes());
        let mut section = Vec::new();
        let man = clap_mangen::Man::new(sub);
        man.render_synopsis_section(&mut section)?;
        man.render_description_section(&mut section)?;
        man.render_options_section(&mut section)?;
        man.render_extra_section(&mut section)?;
        // Inside a command's section its parts are subsections.
        let section = String::from_utf8(section).context("the man page is not UTF-8")?;
        for line in section.lines() {
            let line = match line.strip_prefix(".SH ") {
                Some("EXTRA") => ".SS EXAMPLES".to_owned(),
                Some(rest) => format!(".SS {rest}"),
                None => line.to_owned(),
            };
            out.extend(line.bytes());
            out.push(b'\n');
        }
    }
    page.render_version_section(&mut out)?;
    print(&String::from_utf8(out).context("the man page is not UTF-8")?)
}
