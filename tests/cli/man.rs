//! The man page is one page: every command has its section in it, and it names no other page.

use crate::util::Test;

#[test]
fn the_man_page_has_a_section_for_every_command_and_points_at_no_sub_page() {
    let run = Test::new().arg("man").run().success();
    let page = run.stdout;
    for command in [
        "COMPOSE",
        "LIST",
        "IMPORT",
        "SHOW",
        "LINKS",
        "CHECK",
        "SCHEMA",
        "CONFIG",
        "CONFIG PATH",
        "CONFIG INIT",
        "COMPLETIONS",
        "MAN",
    ] {
        assert!(
            page.contains(&format!(".SH \"HOTLINE-REPLY {command}\"")),
            "no section for {command}"
        );
    }
    // A reference to another page reads `name(1)`: there are no other pages.
    assert!(
        !page.contains("(1)"),
        "the page points at a page that does not exist"
    );
    assert!(
        !page.contains("HOTLINE-REPLY HELP"),
        "clap's help command is not a command"
    );
    assert!(page.contains("Exit codes:"));
}
