//! How an advocate names a state: a postal code, a name or an alias, in any case, with any
//! punctuation and spacing; `--state` and an answers file read it alike.

use crate::util::Test;

const DC_CRIMES: &str = "https://www.womenslaw.org/laws/dc/crimes";

#[test]
fn the_district_of_columbia_however_it_is_written() {
    for written in ["washington, dc", "Washington D.C.", "D.C.", "d. c.", "DC"] {
        Test::new()
            .args(["compose", "drop-charges", "--defaults", "--state", written])
            .run()
            .success()
            .stdout_has(DC_CRIMES);
        Test::new()
            .args(["compose", "drop-charges", "--defaults", "--answers", "-"])
            .stdin(format!("state: '{written}'\n"))
            .run()
            .success()
            .stdout_has(DC_CRIMES);
    }
    // Washington by name is Washington State.
    Test::new()
        .args([
            "compose",
            "drop-charges",
            "--defaults",
            "--state",
            "washington",
        ])
        .run()
        .success()
        .stdout_has("https://www.womenslaw.org/laws/wa/crimes");
}
