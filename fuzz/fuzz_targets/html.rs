//! The HTML reader on arbitrary UTF-8, as `read::parse_bytes` drives it
//! for a page: the nesting scan first (`read::html::too_deep`), then, for
//! a page it lets through, block extraction (`read::html::html_to_text`)
//! and the page line of every block. Deep nesting is the case to hunt:
//! the scan must refuse what would overflow the stack or take quadratic
//! time, and the iterative walk must cope with whatever gets through.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pledgediff::read::html;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if html::too_deep(text, html::MAX_DEPTH).is_some() {
        return;
    }
    let page = html::html_to_text(text);
    let blocks = page.text.split("\n\n").count();
    assert!(page.lines.len() <= blocks, "a line for each block at most");
    for line in 1..=2 * blocks + 1 {
        let _ = html::source_line(&page.lines, line);
    }
});
