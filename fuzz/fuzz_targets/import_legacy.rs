//! Any text as a legacy response: import never panics or hangs, and a draft it returns loads
//! as a snippet.
#![no_main]

use std::borrow::Cow;

use hotline_reply::legacy::import;
use hotline_reply::library::{Library, Source, parse_snippet};
use hotline_reply::library::yaml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let links = Library::BuiltIn.links().expect("built-in registry");
    let Ok(draft) = import(text, &links) else { return };
    let yaml = yaml::to_string(&draft.snippet).expect("a draft serializes");
    let source = Source { origin: "draft.yaml".into(), text: Cow::Owned(yaml), built_in: false };
    assert!(parse_snippet(&source).is_ok(), "a draft must load: {:?}", source.text);
});
