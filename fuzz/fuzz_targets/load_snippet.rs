//! Any bytes as a snippet file: loading, compiling and rendering never panic or hang.
#![no_main]

use std::borrow::Cow;
use std::collections::BTreeSet;

use hotline_reply::reply::answers::Answers;
use hotline_reply::library::{LoadedSnippet, Source, parse_snippet};
use hotline_reply::reply::render::{self, Renderer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = Source { origin: "fuzz.yaml".into(), text: Cow::Owned(text.to_owned()) };
    let Ok(snippet) = parse_snippet(&source) else { return };
    let loaded = LoadedSnippet { id: "fuzz".into(), source, snippet };
    let mut renderer = Renderer::new(BTreeSet::from(["crimes".to_owned()]));
    if renderer.add(&loaded).is_err() {
        return;
    }
    let ctx = render::context(&Answers::new(), Some("New York"));
    for block in 0..loaded.snippet.blocks.len() {
        let _ = renderer.when_names(&loaded, block);
        let _ = renderer.included(&loaded, block, &ctx);
        let _ = renderer.render(&loaded, block, &ctx);
    }
});
