//! The `check --rules` file parser on arbitrary bytes, as `check` reads a
//! rules file: `read::decode` (encoding and the flow-nesting scan that
//! refuses deep `[`/`{` before any YAML parser sees them), then
//! `parse_rules`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pledgediff::lexicon::Lexicon;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = pledgediff::read::decode("r.yaml", data) else {
        return;
    };
    let lex = Lexicon::builtin();
    let _ = pledgediff::archive::check::parse_rules("r.yaml", &text, &lex);
});
