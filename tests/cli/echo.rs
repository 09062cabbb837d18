//! Nothing the advocate types or pipes is ever repeated on stderr, whatever the source and
//! whatever is wrong with it: a property over random values through the real binary.

use proptest::prelude::*;

use crate::util::Test;

/// Something a survivor might have written: it starts with `Zq`, which no message of the
/// program holds, so finding it on stderr means it was repeated.
fn secret() -> impl Strategy<Value = String> {
    "Zq[a-z]{2,8}( [A-Za-z0-9.,!?'{}\\[\\]<>]{1,10}){0,3}"
}

/// `list` with `yaml` as the config file; its path, which is random and may hold any letters,
/// is taken out of stderr.
fn config_list(yaml: &str) -> crate::util::Run {
    let test = Test::new().config(yaml);
    let home = test.home().display().to_string();
    let mut run = test.arg("list").run();
    run.stderr = run.stderr.replace(&home, "HOME");
    run
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_answers_never_appear_on_stderr(value in secret()) {
        let set = format!("asks_about_charges={value}");
        let unknown = format!("{value}=yes");
        let id = value.split(' ').next().unwrap_or_default().to_lowercase();
        let runs = [
            Test::new().args(["compose", "drop-charges", "--state", "NY", "--set", &set]).run(),
            Test::new().args(["compose", "drop-charges", "--defaults", "--state", &value]).run(),
            Test::new().args(["compose", "drop-charges", "--state", "NY", "--set", &unknown]).run(),
            Test::new().args(["compose", "drop-charges", "--state", "NY", "--set", &value]).run(),
            Test::new().args(["compose", "drop-charges", "--answers", "-"]).stdin(format!("asks_about_charges: {value}\nstate: NY\n")).run(),
            Test::new().args(["compose", "drop-charges", "--answers", "-"]).stdin(format!("{value}\n")).run(),
            Test::new().args(["compose", "drop-charges", "--answers", "-"]).stdin(format!("state: {value}\nasks_about_charges: no\n")).run(),
            Test::new().args(["compose", &value]).run(),
            // Reads like an ID: the second of two (a word of a name left unquoted).
            Test::new().args(["compose", "drop-charges", &id]).run(),
            // Refused by the command line itself.
            Test::new().args(["compose", "drop-charges", "--state", "NY", "--format", &value]).run(),
            Test::new().args(["compose", "drop-charges", "--name", &format!("-{value}")]).run(),
            Test::new().args([value.as_str(), "drop-charges"]).run(),
            // The config file is the advocate's typing too: as a value and as a key.
            config_list(&format!("format: {value}\n")),
            config_list(&format!("clipboard_seconds: {value}\n")),
            config_list(&format!("copy: {value}\n")),
            config_list(&format!("{id}: text\n")),
        ];
        for run in runs {
            prop_assert_ne!(run.code, 0, "{}", run.transcript());
            prop_assert!(!run.stderr.contains("Zq") && !run.stderr.contains(&id), "repeated what was typed:\n{}", run.stderr);
            prop_assert_eq!(&run.stdout, "");
        }
    }

    #[test]
    fn a_name_or_text_answer_in_a_refused_reply_is_never_quoted(value in secret()) {
        let who = format!("who={value}");
        let run = Test::new()
            .library("leaks-answer")
            .args(["compose", "greeting", "--set", &who, "--name", &value])
            .run();
        prop_assert_eq!(run.code, 1, "{}", run.transcript());
        prop_assert!(run.stderr.contains("reply refused"), "{}", run.stderr);
        prop_assert!(!run.stderr.contains("Zq"), "quoted what was typed:\n{}", run.stderr);
    }
}
