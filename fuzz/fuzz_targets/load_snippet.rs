//! Any bytes as a snippet file: loading, compiling and rendering never panic or hang.
#![no_main]

use std::borrow::Cow;

use hotline_reply::library::{LoadedSnippet, Source, parse_snippet};
use hotline_reply::reply::render::{Context, Engine, STATE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = Source { origin: "fuzz.yaml".into(), text: Cow::Owned(text.to_owned()), built_in: false };
    let Ok(snippet) = parse_snippet(&source) else { return };
    let loaded = LoadedSnippet { id: "fuzz".into(), source, snippet };
    let mut engine = Engine::new(["crimes".to_owned()], "links.yaml lists the links".into());
    if engine.add_snippet(&loaded).is_err() {
        return;
    }
    let mut ctx = Context::default();
    ctx.library(STATE, "New York".into());
    for block in 0..loaded.snippet.blocks.len() {
        let _ = engine.when_names(&loaded, block);
        let _ = engine.included(&loaded, block, &ctx);
        let _ = engine.render_block(&loaded, block, &ctx);
    }
});
