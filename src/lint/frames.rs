//! The frames, as every reply has them: each format's frame rendered with and without a
//! name and a signature, and its own lines judged by the guard like a snippet's.

use crate::error::Located;
use crate::error::locate;
use crate::library::loading::Frame;
use crate::lint::diagnostic::Diagnostic;
use crate::reply::guard::{self, Guard, excerpt};
use crate::reply::output::{self, Format, FrameValues};
use crate::reply::render::Engine;

/// What the frames mean for the `require` rules: for each rule, whether every frame of
/// every format meets it whatever the advocate gives (then no body has to).
pub struct Frames {
    pub always_meet: Vec<bool>,
}

/// Checks every frame that loaded, each as the format it is named for (one that did not load
/// is reported by the loader, and shifts nothing); errors go to `out`.
pub fn check(frames: &[Frame], guard: Guard, out: &mut Vec<Diagnostic>) -> Frames {
    let rules = guard.rules.require.len();
    let mut always_meet = vec![true; rules];
    for (name, source) in frames {
        let Some(format) = Format::ALL.into_iter().find(|f| f.as_str() == *name) else {
            continue;
        };
        let mut engine = Engine::new(Vec::<String>::new(), "a frame has no links".to_owned());
        if let Err(err) = engine.add_frame(name, &source.origin, &source.text) {
            out.push(Diagnostic::error(Located::from_error(&err, &source.origin)));
            continue;
        }
        let mut reported = false;
        for values in variants() {
            let ctx = values.context();
            let rendered = engine
                .render_frame(name, &source.origin, &source.text, &ctx)
                .and_then(|r| output::assemble(format, &source.origin, &r.text, &ctx.typed, "…"));
            let (_, lines) = match rendered {
                Ok(done) => done,
                Err(err) => {
                    if !reported {
                        out.push(Diagnostic::error(Located::from_error(&err, &source.origin)));
                        reported = true;
                    }
                    continue;
                }
            };
            let mut met = vec![false; rules];
            for line in &lines {
                let hits = guard.paragraph(line);
                if let (Some(hit), false) = (hits.first(), reported) {
                    let shown = guard::shown(line);
                    let word: String = shown
                        .chars()
                        .skip(hit.column.saturating_sub(1))
                        .take_while(|c| !c.is_whitespace())
                        .collect();
                    out.push(Diagnostic::error(Located::new(
                        &source.origin,
                        locate(&source.text, &word),
                        format!(
                            "the frame is refused{} [{}]: {} in \"{}\"",
                            describe(&values),
                            hit.rule,
                            hit.what,
                            excerpt(&shown, hit.column, 40, 30)
                        ),
                    )));
                    reported = true;
                }
                for (m, now) in met.iter_mut().zip(guard.meets(line)) {
                    *m |= now;
                }
            }
            for (always, now) in always_meet.iter_mut().zip(met) {
                *always &= now;
            }
        }
    }
    Frames { always_meet }
}

/// The four ways an advocate can fill a frame.
fn variants() -> [FrameValues; 4] {
    [
        FrameValues::default(),
        FrameValues::new(Some("Sam"), None),
        FrameValues::new(None, Some("Take care,\nSam")),
        FrameValues::new(Some("Sam"), Some("Take care,\nSam")),
    ]
}

fn describe(values: &FrameValues) -> &'static str {
    match (values.name.is_some(), values.signature.is_some()) {
        (false, false) => "",
        (true, false) => " with --name",
        (false, true) => " with a signature",
        (true, true) => " with --name and a signature",
    }
}
