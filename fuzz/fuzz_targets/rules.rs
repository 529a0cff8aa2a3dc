//! The `check --rules` file parser on arbitrary UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pledgediff::lexicon::Lexicon;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lex = Lexicon::builtin();
    let _ = pledgediff::archive::check::parse_rules("r.yaml", text, &lex);
});
