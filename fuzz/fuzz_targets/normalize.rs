//! Reader + normalizer + segmenter on arbitrary bytes (as `pledgediff
//! normalize FILE` would see them), then every `normalize` format's renderer.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use pledgediff::config::ReadSettings;
use pledgediff::lexicon::Lexicon;
use pledgediff::render::{CommandFormat, Context, NormalizeFormat, RenderOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = pledgediff::read::parse_bytes(PathBuf::from("f.md"), "f.md", data) else {
        return;
    };
    let _ = pledgediff::normalize::normalize(&doc, Default::default());
    let lex = Lexicon::builtin();
    for keep_chrome in [false, true] {
        let settings = ReadSettings {
            keep_chrome,
            ..Default::default()
        };
        let statement = pledgediff::prepare(&doc, &settings, &lex);
        if keep_chrome {
            continue;
        }
        let opts = RenderOptions {
            color: false,
            context: Context::All,
            width: None,
        };
        for f in NormalizeFormat::ALL {
            let _ = f.sink().normalize(&statement, &opts, &mut Vec::new());
        }
    }
});
