//! The command line as clap sees it. Each `///` becomes `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "hotline-reply",
    version,
    about = "Compose hotline email replies from approved snippets",
    long_about = "Compose hotline email replies from approved snippets.\n\n\
        Asks only the questions that matter, fills in the links for the survivor's state, \
        refuses any reply that still holds a directive or placeholder, and prints \
        paste-ready text on stdout. Prompts, warnings and errors go to stderr.",
    after_help = "Examples:\n  hotline-reply compose drop-charges\n  \
        hotline-reply compose drop-charges --state NY --set asks_about_charges=no\n  \
        hotline-reply list restraining\n\n\
        Exit codes: 0 success, 1 failure (library or render error, reply refused by the guard), \
        2 bad usage or bad input, 130 cancelled."
)]
pub struct Cli {
    /// Use the library in DIR (laid out like `snippets/`) instead of the built-in one
    #[arg(long, global = true, value_name = "DIR", env = "HOTLINE_REPLY_LIBRARY")]
    pub library: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compose a reply from one or more snippets and print it on stdout
    #[command(after_help = "Examples:\n  hotline-reply compose drop-charges\n  \
        hotline-reply compose drop-charges --state 'New York' --set asks_about_charges=yes\n  \
        echo 'asks_about_charges: no' | hotline-reply compose drop-charges --state NY --answers -")]
    Compose(ComposeArgs),

    /// List the snippets (id, category, title); QUERY narrows to those that mention it
    #[command(
        after_help = "Examples:\n  hotline-reply list\n  hotline-reply list 'restraining order'"
    )]
    List {
        /// Words to look for in the id, category, title, tags and text (all must appear)
        query: Vec<String>,
    },

    /// Turn a legacy response (the bracket-directive text) into a snippet YAML draft
    ///
    /// The draft goes to stdout (or -o FILE); a report of what each header line, directive,
    /// placeholder and link became, and of anything it could not classify, goes to stderr.
    #[command(after_help = "Examples:\n  \
        hotline-reply import custody-move.txt -o snippets/custody/custody-move.yaml\n  \
        hotline-reply import custody-move.txt > draft.yaml 2> report.txt\n  \
        xclip -o | hotline-reply import -")]
    Import {
        /// The legacy text as the hotline keeps it (UTF-8); `-` reads stdin
        #[arg(value_name = "FILE|-")]
        file: PathBuf,

        /// Write the draft to FILE instead of stdout; an existing file is never overwritten
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct ComposeArgs {
    /// Snippet ids, in the order their text appears in the reply
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,

    /// The survivor's state: a postal code or a name, any case (NY, ny, New York)
    #[arg(long, value_name = "STATE")]
    pub state: Option<String>,

    /// Answer a question: yes/no/y/n/true/false for yes-no questions; may be repeated
    #[arg(long = "set", value_name = "QUESTION=VALUE", value_parser = parse_set)]
    pub set: Vec<(String, String)>,

    /// Read answers from a YAML or JSON mapping of question id to value; `-` reads stdin
    #[arg(long, value_name = "FILE|-")]
    pub answers: Option<PathBuf>,

    /// Take each question's declared default instead of asking
    #[arg(long)]
    pub defaults: bool,

    /// Never prompt: a missing answer is an error that names it
    #[arg(long)]
    pub no_input: bool,
}

fn parse_set(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((q, v)) if !q.trim().is_empty() => Ok((q.trim().to_owned(), v.to_owned())),
        _ => Err(format!(
            "expected QUESTION=VALUE, e.g. asks_about_charges=yes (got '{s}')"
        )),
    }
}
