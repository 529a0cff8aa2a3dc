//! YAML front matter splitting and metadata parsing on arbitrary UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = pledgediff::read::split_front_matter("f.md", text);
    let _ = pledgediff::read::parse_meta("f.md", text);
});
