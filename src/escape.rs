//! Nothing from a statement, a file name or a folder name reaches a
//! terminal raw: control characters and bidi overrides are shown as
//! `<U+XXXX>` (ESC is `<U+001B>`, U+202E is `<U+202E>`).
//!
//! An ESC or OSC sequence in a statement could retitle the terminal, hide
//! or rewrite what `check` printed, or forge a hyperlink; BEL rings,
//! backspace and CR overwrite text; a bidi override (U+202E) shows text in
//! an order other than the one it has. pledgediff is run unattended on
//! whatever arrives, so every human output (text, Markdown, GitHub
//! annotations) and every message on standard error goes through here.
//! JSON escapes what it must itself (see [`crate::render::json`]).
//!
//! One readable scheme everywhere, `<U+XXXX>` with the code point in
//! upper-case hex, so that a reader can tell exactly what was there.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// True for a character that must not reach a terminal raw: C0 controls
/// (tab and line feed aside, which only lay text out), DEL, C1 controls,
/// and the bidi embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// The visible form of an unsafe character: `<U+001B>`.
fn push_escaped(out: &mut String, c: char) {
    let _ = write!(out, "<U+{:04X}>", c as u32);
}

/// `s` with every unsafe character ([`is_unsafe`]) and every line break
/// shown as `<U+XXXX>`: for one-line values such as file names, series
/// names and messages. Borrowed when there is nothing to escape.
pub fn visible(s: &str) -> Cow<'_, str> {
    escape_where(s, |c| is_unsafe(c) || c == '\n')
}

/// `s` with every unsafe character ([`is_unsafe`]) shown as `<U+XXXX>`,
/// its line breaks kept: for text laid out on several lines, such as a
/// word diff across paragraphs.
pub fn visible_text(s: &str) -> Cow<'_, str> {
    escape_where(s, is_unsafe)
}

fn escape_where(s: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if escape(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Length of the SGR (color) sequence `ESC [ digits;… m` at the start of
/// `s`, which begins with ESC; `None` for any other sequence.
fn sgr_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("\u{1b}[")?;
    let params = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (rest.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

/// A writer for human output: escapes every unsafe character that passes
/// through it (line breaks and tabs stay). With `colors`, SGR color
/// sequences pass too: the text renderer emits them, and it escapes the
/// values it paints itself, so no SGR from a statement gets this far.
///
/// Output is held until a whole line has come (so no character or color
/// sequence is ever cut between two writes) and written on each line
/// break, on [`flush`](Write::flush) and on drop.
pub struct TerminalSafe<W: Write> {
    inner: W,
    colors: bool,
    pending: Vec<u8>,
}

impl<W: Write> TerminalSafe<W> {
    /// Wraps `inner`; `colors` lets SGR color sequences through.
    pub fn new(inner: W, colors: bool) -> Self {
        TerminalSafe {
            inner,
            colors,
            pending: Vec::new(),
        }
    }

    /// Escapes and writes `pending[..end]`.
    fn emit(&mut self, end: usize) -> io::Result<()> {
        let chunk: Vec<u8> = self.pending.drain(..end).collect();
        let text = String::from_utf8_lossy(&chunk);
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while let Some(c) = text[i..].chars().next() {
            if c == '\u{1b}' && self.colors {
                if let Some(n) = sgr_len(&text[i..]) {
                    out.push_str(&text[i..i + n]);
                    i += n;
                    continue;
                }
            }
            if is_unsafe(c) {
                push_escaped(&mut out, c);
            } else {
                out.push(c);
            }
            i += c.len_utf8();
        }
        self.inner.write_all(out.as_bytes())
    }
}

impl<W: Write> Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|&b| b == b'\n') {
            self.emit(last + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.emit(self.pending.len())?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for TerminalSafe<W> {
    fn drop(&mut self) {
        // Best effort: a renderer that returned early on an error has
        // already reported it.
        let _ = self.emit(self.pending.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text rich in what matters here: controls, bidi, color-like runs.
    fn hostile_text() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '\u{1b}', '[', ']', 'm', ';', '3', '1', '\u{7}', '\u{8}', '\n', '\t', '\r', '\u{7f}',
            '\u{9b}', '\u{202E}', '\u{2066}', 'é', '日',
        ]);
        prop::collection::vec(prop_oneof![any::<char>(), special], 0..60)
            .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #[test]
        fn no_unsafe_character_gets_through_however_the_writes_are_cut(
            text in hostile_text(),
            cuts in prop::collection::vec(0usize..240, 0..6),
        ) {
            let bytes = text.as_bytes();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
            cuts.sort_unstable();
            let mut buf = Vec::new();
            {
                let mut w = TerminalSafe::new(&mut buf, false);
                let mut from = 0;
                for cut in cuts.into_iter().chain([bytes.len()]) {
                    w.write_all(&bytes[from..cut.max(from)]).unwrap();
                    from = cut.max(from);
                }
            }
            let out = String::from_utf8(buf).unwrap();
            prop_assert_eq!(&out, &visible_text(&text));
            prop_assert!(!out.chars().any(is_unsafe));
            prop_assert!(!visible(&text).chars().any(|c| is_unsafe(c) || c == '\n'));
        }
    }

    fn through(colors: bool, parts: &[&str]) -> String {
        let mut buf = Vec::new();
        {
            let mut w = TerminalSafe::new(&mut buf, colors);
            for p in parts {
                w.write_all(p.as_bytes()).unwrap();
            }
        }
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn every_control_and_bidi_character_is_shown_not_passed() {
        let hostile = [
            '\u{1b}', '\u{07}', '\u{08}', '\r', '\u{0}', '\u{7f}', '\u{9b}', '\u{85}', '\u{202A}',
            '\u{202E}', '\u{2066}', '\u{2069}',
        ];
        for c in hostile {
            let s = format!("a{c}b");
            let want = format!("a<U+{:04X}>b", c as u32);
            assert_eq!(visible(&s), want);
            assert_eq!(through(false, &[&s]), want);
            assert_eq!(through(true, &[&s]), want);
        }
    }

    #[test]
    fn line_breaks_and_tabs_lay_out_a_stream_but_not_a_value() {
        assert_eq!(through(false, &["a\tb\n", "c\n"]), "a\tb\nc\n");
        assert_eq!(visible("a\tb\nc"), "a\tb<U+000A>c");
        assert_eq!(visible_text("a\tb\nc\u{1b}"), "a\tb\nc<U+001B>");
    }

    #[test]
    fn plain_text_is_untouched_and_borrowed() {
        let s = "Ministers’ “free and open” Indo-Pacific — ¶3 → ⋯ العربية";
        assert!(matches!(visible(s), Cow::Borrowed(_)));
        assert_eq!(through(false, &[s, "\n"]), format!("{s}\n"));
    }

    #[test]
    fn colors_pass_only_when_asked_and_other_sequences_never() {
        let red = "\u{1b}[1;31mFAILED\u{1b}[0m";
        assert_eq!(through(true, &[red]), red);
        assert_eq!(through(false, &[red]), "<U+001B>[1;31mFAILED<U+001B>[0m");
        let osc = "\u{1b}]0;pwned\u{07}";
        assert_eq!(through(true, &[osc]), "<U+001B>]0;pwned<U+0007>");
        assert_eq!(through(true, &["\u{1b}[2J"]), "<U+001B>[2J");
    }

    #[test]
    fn a_sequence_or_character_split_between_writes_is_judged_whole() {
        assert_eq!(
            through(true, &["x\u{1b}", "[31", "mred\u{1b}[0m\n"]),
            "x\u{1b}[31mred\u{1b}[0m\n"
        );
        let rlo = "\u{202E}".as_bytes();
        let mut buf = Vec::new();
        {
            let mut w = TerminalSafe::new(&mut buf, false);
            w.write_all(&rlo[..1]).unwrap();
            w.write_all(&rlo[1..]).unwrap();
            w.flush().unwrap();
        }
        assert_eq!(String::from_utf8(buf).unwrap(), "<U+202E>");
    }
}
