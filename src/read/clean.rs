//! Text that looks the same must read the same: characters that are
//! invisible formatting, not text, and line endings of every convention.
//!
//! A soft hyphen (`&shy;`) or a zero-width space inside a word is a hint to
//! a browser's line breaker; treated as a space it split "com&shy;mit" into
//! two words, and an identical-looking page reported "pledge dropped". Old
//! Mac files end lines with a lone CR, which hid their front matter and ran
//! their paragraphs into one. The read stage applies both cleanings to
//! every text it decodes, the HTML reader to what entities produce, and
//! the normalizer to what Markdown entities produce, all through here.

use std::borrow::Cow;

/// Invisible formatting characters, removed wherever they stand: soft
/// hyphen, zero-width space, zero-width non-joiner, zero-width joiner,
/// word joiner, and the BOM (zero-width no-break space) inside text.
pub const INVISIBLE: [char; 6] = [
    '\u{00AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
];

/// True for a character in [`INVISIBLE`].
pub fn is_invisible(c: char) -> bool {
    INVISIBLE.contains(&c)
}

/// `text` without its [`INVISIBLE`] characters; borrowed when it has none.
pub fn remove_invisible(text: &str) -> Cow<'_, str> {
    if text.contains(INVISIBLE) {
        Cow::Owned(text.replace(INVISIBLE, ""))
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` with each lone CR (an old Mac line ending) made a LF; CRLF is
/// left as it is, since every later stage already reads it as one break.
pub fn unify_line_breaks(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Both cleanings: what the read stage does to every decoded text.
pub fn clean(text: &str) -> Cow<'_, str> {
    match unify_line_breaks(text) {
        Cow::Borrowed(t) => remove_invisible(t),
        Cow::Owned(t) => Cow::Owned(remove_invisible(&t).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_invisible_character_inside_a_word_is_removed_not_spaced() {
        for c in INVISIBLE {
            let text = format!("We will com{c}mit to{c}gether.");
            assert_eq!(remove_invisible(&text), "We will commit together.", "{c:?}");
        }
    }

    #[test]
    fn text_without_invisible_characters_is_borrowed() {
        assert!(matches!(remove_invisible("plain - text"), Cow::Borrowed(_)));
        assert!(matches!(clean("a\r\nb\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn lone_carriage_returns_become_line_feeds_and_crlf_stays() {
        assert_eq!(unify_line_breaks("a\rb\r\rc"), "a\nb\n\nc");
        assert_eq!(unify_line_breaks("a\r\nb\rc\r"), "a\r\nb\nc\n");
        assert_eq!(unify_line_breaks("no breaks"), "no breaks");
    }

    #[test]
    fn clean_does_both() {
        assert_eq!(
            clean("---\rdate: 2019-04-19\r---\rco\u{00AD}op"),
            "---\ndate: 2019-04-19\n---\ncoop"
        );
    }
}
