//! The whole diff pipeline on two inputs: the fuzz input is split at its
//! first NUL byte into OLD and NEW (the reader rejects NUL, so the separator
//! never belongs to a valid statement). Both sides are read, prepared,
//! compared, and rendered with the text (colored), Markdown and JSON renderers.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use pledgediff::lexicon::Lexicon;
use pledgediff::render::{Context, DiffFormat, DiffReport, RenderOptions};

fuzz_target!(|data: &[u8]| {
    let Some(sep) = data.iter().position(|&b| b == 0) else {
        return;
    };
    let (old, new) = (&data[..sep], &data[sep + 1..]);
    let read = |name: &str, bytes: &[u8]| {
        pledgediff::read::parse_bytes(PathBuf::from(name), name, bytes)
    };
    let (Ok(old), Ok(new)) = (read("old.md", old), read("new.md", new)) else {
        return;
    };
    let lex = Lexicon::builtin();
    let old = pledgediff::prepare(&old, &Default::default(), &lex);
    let new = pledgediff::prepare(&new, &Default::default(), &lex);
    let c = pledgediff::compare(old, new, &lex);
    let _ = c.has_changes();
    for f in [DiffFormat::Text, DiffFormat::Markdown, DiffFormat::Json] {
        let report = DiffReport {
            explain: Vec::new(),
            filtered: false,
            comparison: &c,
            changes: c.classified.changes.iter().collect(),
            options: RenderOptions {
                color: true,
                context: Context::All,
                width: None,
            },
        };
        let _ = f.sink().diff(&report, &mut Vec::new());
    }
});
