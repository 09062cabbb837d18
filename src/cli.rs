//! The command line as clap sees it. Each `///` becomes `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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

    /// Show a snippet: its questions, its blocks and their conditions, the links it uses
    #[command(after_help = "Examples:\n  hotline-reply show drop-charges\n  \
        hotline-reply show drop-charges --state NY")]
    Show {
        /// The snippet id, as `list` shows it
        id: String,
        /// Show where each link goes for this state (a postal code or a name)
        #[arg(long, value_name = "STATE")]
        state: Option<String>,
    },

    /// Print the link registry, resolved for one state (the URL patterns without one)
    #[command(after_help = "Examples:\n  hotline-reply links\n  hotline-reply links --state TX")]
    Links {
        /// Resolve every link for this state (a postal code or a name)
        #[arg(long, value_name = "STATE")]
        state: Option<String>,
    },

    /// Lint the library: files, links, templates, and every reply each snippet can produce
    #[command(
        long_about = "Lint the library and print every problem as `file:line:column: error|warning: \
            message` on stderr, then a summary. Exits 1 on any error; warnings alone exit 0.\n\n\
            Besides files, links and templates, every snippet is rendered for every combination of \
            its yes-no and choice answers (text answers with a sample) and every jurisdiction, and \
            each reply is put through the send-safety guard; the first failing reply of a snippet \
            is reported with the answers that reproduce it.",
        after_help = "Examples:\n  hotline-reply check --library snippets\n  \
            hotline-reply check --library snippets --max-age-days 180"
    )]
    Check(CheckArgs),

    /// Print the JSON Schema of snippet files or of links.yaml, for editors
    #[command(
        after_help = "Examples:\n  hotline-reply schema > schema/snippet.schema.json\n  \
            hotline-reply schema links > schema/links.schema.json"
    )]
    Schema {
        /// Which file's schema
        #[arg(value_enum, default_value_t = SchemaKind::Snippet)]
        kind: SchemaKind,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Warn about snippets whose `reviewed` date is older than this many days
    #[arg(long, value_name = "DAYS", default_value_t = 365)]
    pub max_age_days: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A snippet file, `<category>/<id>.yaml`
    Snippet,
    /// The link registry, `links.yaml`
    Links,
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
