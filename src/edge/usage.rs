//! A command line clap refused, told without repeating what was typed. clap's own messages
//! quote the value or the word it could not place (`invalid value 'Jane'`, `unexpected
//! argument '-J'` for `--name -Jane`), and what was typed there may be a survivor's detail. So
//! every refusal that can hold typed text is written here from clap's context instead: the
//! flag (as the program defines it), the argument's place on the command line, and what was
//! expected. The refusals that hold only the program's own words (a missing argument, two
//! flags that conflict) and help and version keep clap's rendering.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

use crate::edge::stderr as term;

/// Prints `err` for the command line `args` (without the program name) and returns the exit
/// code clap gives it.
pub fn report(err: &Error, args: &[OsString]) -> i32 {
    match message(err, args) {
        Some(message) => term::error(&message),
        // Help goes to stdout; a failure to write it has nobody to tell.
        None => {
            let _ = err.print();
        }
    }
    err.exit_code()
}

/// Our message for `err`, or `None` when clap's own holds nothing that was typed.
fn message(err: &Error, args: &[OsString]) -> Option<String> {
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let list = |kind| match err.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_else(|| "an argument".to_owned());
    let did_you_mean = |kind| match list(kind).as_slice() {
        [] => String::new(),
        names => format!(" (did you mean '{}'?)", names.join("' or '")),
    };
    let mut message = match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        | ErrorKind::MissingRequiredArgument
        | ErrorKind::MissingSubcommand
        | ErrorKind::ArgumentConflict
        | ErrorKind::NoEquals
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues
        | ErrorKind::InvalidUtf8 => return None,
        ErrorKind::InvalidValue if text(ContextKind::InvalidValue).is_none_or(|v| v.is_empty()) => {
            format!("a value is required for '{arg}' but none was supplied")
        }
        ErrorKind::InvalidValue => format!(
            "the value given for '{arg}' is not one of: {}{}",
            list(ContextKind::ValidValue).join(", "),
            did_you_mean(ContextKind::SuggestedValue)
        ),
        ErrorKind::ValueValidation => {
            // The parser's reason (e.g. "invalid digit found in string"), never the value.
            let why = std::error::Error::source(err)
                .map(|e| format!(": {e}"))
                .unwrap_or_default();
            format!("the value given for '{arg}' is not valid{why}")
        }
        ErrorKind::UnknownArgument => {
            let typed = text(ContextKind::InvalidArg).unwrap_or_default();
            let place = place(&typed, args);
            let suggestion = did_you_mean(ContextKind::SuggestedArg);
            if !typed.starts_with('-') {
                format!("{place} is not expected here{suggestion}")
            } else if suggestion.is_empty() {
                // Most likely a value that looks like a flag (`--name -Jane`).
                format!(
                    "{place} is not an option here{suggestion}; a value that starts with '-' goes with its flag after '=' (--name=-Sam)"
                )
            } else {
                format!("{place} is not an option here{suggestion}")
            }
        }
        ErrorKind::InvalidSubcommand => format!(
            "{} is not a command{}; `hotline-reply --help` lists them",
            place(
                &text(ContextKind::InvalidSubcommand).unwrap_or_default(),
                args
            ),
            did_you_mean(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::TooManyValues => format!(
            "{} is one value too many for '{arg}'",
            place(&text(ContextKind::InvalidValue).unwrap_or_default(), args)
        ),
        _ => "the command line is not valid".to_owned(),
    };
    if let Some(usage) = text(ContextKind::Usage) {
        message.push_str("\n\n");
        message.push_str(usage.trim_end());
    }
    message.push_str("\n\nFor more information, try '--help'.");
    Some(message)
}

/// `argument N` for the first argument that is `typed` or starts with it (`-J` of `-Jane`,
/// `--frob` of `--frob=1`); counted from 1 after the program's name.
fn place(typed: &str, args: &[OsString]) -> String {
    let found = (!typed.is_empty())
        .then(|| {
            args.iter()
                .position(|a| a.to_string_lossy().starts_with(typed))
        })
        .flatten();
    match found {
        Some(i) => format!("argument {}", i + 1),
        None => "an argument".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::edge::args::Cli;

    /// The message for `line`, and that it holds nothing of `secret`.
    fn refused(line: &[&str], secret: &str) -> String {
        let args: Vec<OsString> = line.iter().map(OsString::from).collect();
        let err = Cli::try_parse_from(std::iter::once("hotline-reply").chain(line.iter().copied()))
            .expect_err("refused");
        let message = message(&err, &args).expect("our message");
        assert!(!message.contains(secret), "{message}");
        message
    }

    #[test]
    fn a_refused_value_is_named_by_its_flag_and_what_it_takes() {
        let got = refused(&["compose", "x", "--format", "bogusX"], "bogusX");
        assert!(
            got.starts_with(
                "the value given for '--format <FORMAT>' is not one of: text, markdown, html"
            ),
            "{got}"
        );
        let got = refused(&["check", "--max-age-days", "Zq12"], "Zq");
        assert!(
            got.starts_with("the value given for '--max-age-days <DAYS>' is not valid: "),
            "{got}"
        );
    }

    #[test]
    fn an_unknown_word_is_named_by_its_place() {
        let got = refused(&["compose", "drop-charges", "--name", "-Jane"], "-J");
        assert!(
            got.starts_with("argument 4 is not an option here; a value that starts with '-'"),
            "{got}"
        );
        let got = refused(&["compose", "x", "--frobnicate"], "frobnicate");
        assert!(
            got.starts_with("argument 3 is not an option here (did you mean '--format'?)"),
            "{got}"
        );
        let got = refused(&["composse", "x"], "composse");
        assert!(
            got.starts_with(
                "argument 1 is not a command (did you mean 'completions' or 'compose'?)"
            ),
            "{got}"
        );
    }
}
