//! `schema`: the checked-in JSON Schemas editors use are the ones the program generates.

use crate::util::Test;

fn generated(args: &[&str]) -> String {
    Test::new().args(args).run().success().stdout
}

#[test]
fn checked_in_schemas_match_the_types() {
    for (kind, file) in [
        ("snippet", "schema/snippet.schema.json"),
        ("links", "schema/links.schema.json"),
        ("rules", "schema/rules.schema.json"),
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == generated(&["schema", kind]),
            "{file} is out of date with the Rust types; regenerate it with\n  \
             cargo run -- schema {kind} > {file}"
        );
    }
}

#[test]
fn the_default_is_the_snippet_schema_and_library_files_point_at_theirs() {
    assert_eq!(generated(&["schema", "snippet"]), generated(&["schema"]));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (file, line) in [
        (
            "snippets/prosecutor/drop-charges.yaml",
            "# yaml-language-server: $schema=../../schema/snippet.schema.json",
        ),
        (
            "snippets/links.yaml",
            "# yaml-language-server: $schema=../schema/links.schema.json",
        ),
        (
            "snippets/rules.yaml",
            "# yaml-language-server: $schema=../schema/rules.schema.json",
        ),
    ] {
        let text = std::fs::read_to_string(root.join(file)).expect("library file");
        assert_eq!(text.lines().next(), Some(line), "{file}");
        let target = line.split("$schema=").nth(1).expect("path");
        let schema = root.join(file).parent().expect("folder").join(target);
        assert!(schema.exists(), "{file} points at {}", schema.display());
    }
}
