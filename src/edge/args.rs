//! The command line as clap sees it. Each `///` becomes `--help` text.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::reply::output::Format;

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
        hotline-reply compose drop-charges --format html --copy --name Sam\n  \
        hotline-reply list restraining\n\n\
        Exit codes: 0 success, 1 failure (library or render error, reply refused by the guard), \
        2 bad usage or bad input, 130 cancelled (Esc, Ctrl-C or SIGINT at a prompt), 129, 131 or 143 \
        stopped by SIGHUP, SIGQUIT or SIGTERM at a prompt.\n\n\
        Environment: HOTLINE_REPLY_LIBRARY=DIR (like --library), HOTLINE_REPLY_CONFIG=FILE (the \
        config file to use; `hotline-reply config path` shows the default), NO_COLOR (no colour)."
)]
pub struct Cli {
    /// Use the library in DIR (laid out like `snippets/`) instead of the built-in one
    #[arg(long, global = true, value_name = "DIR", env = LIBRARY_ENV)]
    pub library: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// The variable that stands for `--library`.
pub const LIBRARY_ENV: &str = "HOTLINE_REPLY_LIBRARY";

impl Cli {
    /// Parses `args` (the program's name first). An empty `HOTLINE_REPLY_LIBRARY` counts as
    /// unset, as an empty variable usually does; clap would take it for an empty `--library`
    /// and say a flag nobody gave lacks its value.
    pub fn parse_args(args: &[OsString]) -> Result<Cli, clap::Error> {
        let mut command = Cli::command();
        if std::env::var_os(LIBRARY_ENV).is_some_and(|v| v.is_empty()) {
            command = command.mut_arg("library", |arg| arg.env(None::<&'static str>));
        }
        let mut matches = command.try_get_matches_from(args)?;
        Cli::from_arg_matches_mut(&mut matches)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compose a reply from one or more snippets and print it on stdout
    #[command(after_help = "Examples:\n  hotline-reply compose drop-charges\n  \
        hotline-reply compose drop-charges --state 'New York' --set asks_about_charges=yes\n  \
        echo 'asks_about_charges: no' | hotline-reply compose drop-charges --state NY --answers -\n  \
        hotline-reply compose drop-charges --format markdown --copy --name Sam\n\n\
        On a terminal the answers and the reply are shown for review before anything is printed.")]
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

    /// Print the JSON Schema of snippet files, links.yaml or rules.yaml, for editors
    #[command(
        after_help = "Examples:\n  hotline-reply schema > schema/snippet.schema.json\n  \
            hotline-reply schema links > schema/links.schema.json\n  \
            hotline-reply schema rules > schema/rules.schema.json"
    )]
    Schema {
        /// Which file's schema
        #[arg(value_enum, default_value_t = SchemaKind::Snippet)]
        kind: SchemaKind,
    },

    /// Show where the config file is, or write a commented one
    #[command(
        after_help = "Examples:\n  hotline-reply config path\n  hotline-reply config init\n\n\
        The config file sets the library folder, your signature, the default format and whether \
        to copy. HOTLINE_REPLY_CONFIG=FILE points at another file."
    )]
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },

    /// Print a shell completion script on stdout
    #[command(after_help = "Examples:\n  \
        hotline-reply completions bash > ~/.local/share/bash-completion/completions/hotline-reply\n  \
        hotline-reply completions zsh > ~/.zfunc/_hotline-reply\n  \
        hotline-reply completions fish > ~/.config/fish/completions/hotline-reply.fish")]
    Completions {
        /// The shell to complete for
        shell: Shell,
    },

    /// Print the man page (roff) on stdout
    #[command(after_help = "Examples:\n  hotline-reply man | man -l -\n  \
        hotline-reply man > ~/.local/share/man/man1/hotline-reply.1")]
    Man,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the config file's path (it need not exist yet)
    #[command(after_help = "Example:\n  hotline-reply config path")]
    Path,
    /// Write a commented config file there; an existing one is kept unless --force
    #[command(after_help = "Examples:\n  hotline-reply config init\n  \
        HOTLINE_REPLY_CONFIG=./test-config.yaml hotline-reply config init")]
    Init {
        /// Replace an existing config file
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Warn about snippets whose `reviewed` date is older than this many days [default: 365,
    /// or `max_age_days` in the config file]
    #[arg(long, value_name = "DAYS")]
    pub max_age_days: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A snippet file, `<category>/<id>.yaml`
    Snippet,
    /// The link registry, `links.yaml`
    Links,
    /// The library's guard rules, `rules.yaml`
    Rules,
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
    #[arg(long = "set", value_name = "QUESTION=VALUE")]
    pub set: Vec<String>,

    /// Read answers from a YAML or JSON mapping of question id to value; `-` reads stdin
    #[arg(long, value_name = "FILE|-")]
    pub answers: Option<PathBuf>,

    /// Take each question's declared default instead of asking
    #[arg(long)]
    pub defaults: bool,

    /// Never prompt: a missing answer is an error that names it (and no review)
    #[arg(long)]
    pub no_input: bool,

    /// Output format [default: text, or `format` in the config file]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    /// Also put the reply on the clipboard (rich HTML and plain text), or send it to the terminal's clipboard (OSC 52)
    #[arg(long, overrides_with = "no_copy")]
    pub copy: bool,

    /// Do not copy, even when the config file says `copy: true`
    #[arg(long, overrides_with = "copy")]
    pub no_copy: bool,

    /// Greet the writer by this name (never stored; escaped like any answer)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// The values of `--format`: the command line's names for the reply's formats (the core's
/// [`Format`] knows nothing of the command line). Each line below is its `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// One paragraph per line, a blank line between paragraphs
    Text,
    /// CommonMark: the same paragraphs, links as links, every special character escaped
    Markdown,
    /// A fragment of `<p>` elements with `<a href>` links, for rich-text editors
    Html,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Text => Format::Text,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Html => Format::Html,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// clap's own consistency checks on the whole command line (conflicting flags, missing
    /// value names …), which otherwise fire only when a flag is used.
    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
