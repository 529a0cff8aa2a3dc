//! Inline Markdown to plain text, for the normalize stage: emphasis marks,
//! link targets, images and footnote references are formatting, like hard
//! wrapping, and must not show up in paragraphs, pledges or word diffs
//! ("*Recalling* its resolution" is "Recalling its resolution").
//!
//! Parsing is `pulldown-cmark`'s. Block structure (numbering, headings,
//! blank lines) stays the normalizer's own business: only one block's text
//! at a time comes here, its number already split off.

use std::borrow::Cow;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Characters that can start inline Markdown. Text without any of them,
/// which is most statement text, is returned as it is without parsing.
const MARKUP: &[u8] = b"*_[`<\\!&";

/// The text a reader sees in one block of Markdown. A footnote's
/// definition is left alone (see [`is_footnote_definition`]).
pub fn plain(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| MARKUP.contains(&b)) || is_footnote_definition(text) {
        return Cow::Borrowed(text);
    }
    // The parser reads a footnote reference only when its definition is in
    // the same text, and one block never holds both: cut them out first.
    let unreferenced = without_footnote_references(text);
    let mut out = String::with_capacity(text.len());
    let mut in_image = 0usize;
    for event in Parser::new(&unreferenced) {
        match event {
            // An image's alt text describes a picture: page chrome.
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            // Raw HTML is kept as written rather than risk losing text.
            Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            // A block quote, list or other container: a space between parts.
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_))
                if !out.ends_with(' ') =>
            {
                out.push(' ')
            }
            _ => {}
        }
    }
    let trimmed = out.trim_end();
    if trimmed == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(trimmed.to_string())
    }
}

/// `text` without its footnote references (`[^1]`, `[^note]`).
fn without_footnote_references(text: &str) -> Cow<'_, str> {
    let text = without_numbered_notes(text);
    if !text.contains("[^") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(at) = rest.find("[^") {
        let after = &rest[at + 2..];
        match after.find(']') {
            Some(end) if end > 0 && !after[..end].contains(char::is_whitespace) => {
                out.push_str(&rest[..at]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..at + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `text` without plain-text note markers: a number of up to three digits
/// in brackets right after a word or a mark ("under way.[4]",
/// "basin[12]"). A bracketed number after a space ("see [4]") or after a
/// bracket (a Markdown reference link, "[text][1]") is left alone.
fn without_numbered_notes(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let note_at = |at: usize| -> Option<usize> {
        let digits = bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let attached = at > 0 && !bytes[at - 1].is_ascii_whitespace() && bytes[at - 1] != b']';
        (attached && (1..=3).contains(&digits) && bytes.get(at + 1 + digits) == Some(&b']'))
            .then_some(at + digits + 2)
    };
    let mut out = String::new();
    let mut copied = 0;
    for (at, _) in text.match_indices('[') {
        if at < copied {
            continue;
        }
        if let Some(end) = note_at(at) {
            out.push_str(&text[copied..at]);
            copied = end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// A footnote's definition (`[^1]: See the report ...`): notes under a
/// statement, not its text.
pub fn is_footnote_definition(text: &str) -> bool {
    let markdown = text
        .strip_prefix("[^")
        .and_then(|rest| rest.split_once("]:"))
        .is_some_and(|(label, _)| !label.is_empty() && !label.contains(char::is_whitespace));
    // A plain-text note: "[4] The survey is being carried out by …".
    let numbered = text
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("] "))
        .is_some_and(|(n, _)| (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()));
    markdown || numbered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_note_markers_go() {
        assert_eq!(
            plain("drawing on the survey now under way.[4] We will report[12] annually."),
            "drawing on the survey now under way. We will report annually."
        );
        // Not a marker: after a space, or a reference link's label.
        assert_eq!(plain("see [4] below"), "see [4] below");
        assert!(is_footnote_definition(
            "[4] The survey is carried out by the basin office."
        ));
        assert!(!is_footnote_definition("[Draft] The survey"));
    }

    #[test]
    fn emphasis_links_and_footnote_references_go() {
        assert_eq!(
            plain("*Recalling* its resolution and the [Convention](https://example.org/x),[^1]"),
            "Recalling its resolution and the Convention,"
        );
        assert_eq!(
            plain("cooperate on ocean science, **where appropriate**."),
            "cooperate on ocean science, where appropriate."
        );
        assert_eq!(plain("See ![the flag](flag.png) above"), "See  above");
    }

    #[test]
    fn text_that_only_looks_like_markup_stays() {
        for text in [
            "snake_case_name and 3 * 4 stay",
            "[Begin Text]",
            "The Ministers met.",
            "Research & development",
        ] {
            assert_eq!(plain(text), text);
        }
        assert!(matches!(plain("The Ministers met."), Cow::Borrowed(_)));
    }

    #[test]
    fn footnote_references_go_without_their_definitions() {
        assert_eq!(
            plain("*Deeply concerned* about the marine environment,[^1]"),
            "Deeply concerned about the marine environment,"
        );
        assert_eq!(plain("a [^not a note] b[^x]"), "a [^not a note] b");
        // The definition itself is left for the chrome stage to drop.
        assert_eq!(plain("[^1]: See A/78/67."), "[^1]: See A/78/67.");
    }

    #[test]
    fn footnote_definitions_are_recognized() {
        assert!(is_footnote_definition("[^1]: See A/78/67."));
        assert!(is_footnote_definition("[^note-a]: Text"));
        assert!(!is_footnote_definition("[^1] is cited"));
        assert!(!is_footnote_definition("[Begin Text]: x"));
    }
}
