//! The `--lexicon` file parser (user lexicon merged into the built-in one)
//! on arbitrary UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = pledgediff::lexicon::Lexicon::with_text("l.yaml", text);
});
