//! Word wrapping for the terminal: lines fitted to a width in display
//! columns, with a hanging indent, breaking only between words (a word
//! longer than a whole line is the one thing cut).
//!
//! The text arrives as styled spans, already escaped ([`super::escape`]):
//! a line break may fall inside a span (a deleted phrase of five words),
//! and each line then paints its own part of the span, so no color or
//! underline runs into the next line's indent. Widths are measured with
//! `unicode-width`: a CJK character takes two columns, a combining accent
//! none.

use std::fmt::Write as _;

use owo_colors::{OwoColorize, Style};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A piece of text (escaped already) and the style it is painted with
/// when colors are on.
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    /// The text.
    pub text: &'a str,
    /// Its style, if any.
    pub style: Option<Style>,
}

impl<'a> Span<'a> {
    /// Unstyled text.
    pub fn plain(text: &'a str) -> Self {
        Span { text, style: None }
    }
    /// Styled text.
    pub fn styled(text: &'a str, style: Style) -> Self {
        Span {
            text,
            style: Some(style),
        }
    }
}

/// How a block of text is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Layout<'a> {
    /// Columns per line; `None` for no wrapping (one line per line break).
    pub width: Option<usize>,
    /// Written before the first line.
    pub indent: &'a str,
    /// Written before every continuation line.
    pub hang: &'a str,
    /// Paint the spans' styles.
    pub color: bool,
}

/// A part of one span on one line.
#[derive(Debug, Clone, Copy)]
struct Piece {
    span: usize,
    start: usize,
    end: usize,
}

enum Token {
    Word(Vec<Piece>),
    Space(Vec<Piece>),
    Break,
}

/// Splits spans into words, runs of blanks and line breaks; a word may
/// run over several spans ("Strait" then an inserted "s").
fn tokens(spans: &[Span<'_>]) -> Vec<Token> {
    #[derive(PartialEq, Clone, Copy)]
    enum Kind {
        Word,
        Space,
    }
    let mut out = Vec::new();
    let mut cur: Vec<Piece> = Vec::new();
    let mut kind = Kind::Word;
    let flush = |cur: &mut Vec<Piece>, kind: Kind, out: &mut Vec<Token>| {
        if !cur.is_empty() {
            let pieces = std::mem::take(cur);
            out.push(match kind {
                Kind::Word => Token::Word(pieces),
                Kind::Space => Token::Space(pieces),
            });
        }
    };
    for (n, span) in spans.iter().enumerate() {
        let mut start = 0;
        for (i, c) in span.text.char_indices() {
            if c == '\n' {
                if start < i {
                    cur.push(Piece {
                        span: n,
                        start,
                        end: i,
                    });
                }
                flush(&mut cur, kind, &mut out);
                out.push(Token::Break);
                start = i + 1;
                continue;
            }
            let k = if c.is_whitespace() {
                Kind::Space
            } else {
                Kind::Word
            };
            if k != kind {
                if start < i {
                    cur.push(Piece {
                        span: n,
                        start,
                        end: i,
                    });
                }
                flush(&mut cur, kind, &mut out);
                kind = k;
                start = i;
            }
        }
        if start < span.text.len() {
            cur.push(Piece {
                span: n,
                start,
                end: span.text.len(),
            });
        }
    }
    flush(&mut cur, kind, &mut out);
    out
}

fn text<'a>(spans: &[Span<'a>], p: &Piece) -> &'a str {
    &spans[p.span].text[p.start..p.end]
}

fn width_of(spans: &[Span<'_>], pieces: &[Piece]) -> usize {
    pieces.iter().map(|p| text(spans, p).width()).sum()
}

/// Lays `spans` out under `layout` and returns the lines, without their
/// final line break. Without a width, the spans are written as they are,
/// each painted whole: the same bytes as printing them one after another.
pub fn lines(spans: &[Span<'_>], layout: Layout<'_>) -> Vec<String> {
    let Some(width) = layout.width.filter(|&w| w > 0) else {
        let mut line = layout.indent.to_string();
        for s in spans {
            paint(&mut line, s.text, s.style, layout.color);
        }
        return line.split('\n').map(str::to_string).collect();
    };
    // At least one column for text, however deep the indent.
    let room = |indent: &str| width.saturating_sub(indent.width()).max(1);
    let (first, rest) = (room(layout.indent), room(layout.hang));

    let mut done: Vec<Vec<Piece>> = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    let mut used = 0;
    let mut space: Vec<Piece> = Vec::new();
    let limit = |done: &[Vec<Piece>]| if done.is_empty() { first } else { rest };
    for token in tokens(spans) {
        match token {
            Token::Break => {
                done.push(std::mem::take(&mut line));
                used = 0;
                space.clear();
            }
            Token::Space(p) => {
                // Blanks at the start of a line are dropped, as are those
                // where a line is broken.
                if !line.is_empty() {
                    space.extend(p);
                }
            }
            Token::Word(word) => {
                let w = width_of(spans, &word);
                let gap = width_of(spans, &space);
                if !line.is_empty() && used + gap + w <= limit(&done) {
                    line.append(&mut space);
                    line.extend(word);
                    used += gap + w;
                    continue;
                }
                space.clear();
                if !line.is_empty() {
                    done.push(std::mem::take(&mut line));
                    used = 0;
                }
                if w <= limit(&done) {
                    used = w;
                    line = word;
                    continue;
                }
                // Longer than a whole line: cut it where the line ends.
                for piece in word {
                    let s = text(spans, &piece);
                    let mut start = piece.start;
                    for (i, c) in s.char_indices() {
                        let cw = c.width().unwrap_or(0);
                        if used > 0 && used + cw > limit(&done) {
                            let at = piece.start + i;
                            if start < at {
                                line.push(Piece {
                                    start,
                                    end: at,
                                    ..piece
                                });
                            }
                            done.push(std::mem::take(&mut line));
                            used = 0;
                            start = at;
                        }
                        used += cw;
                    }
                    if start < piece.end {
                        line.push(Piece { start, ..piece });
                    }
                }
            }
        }
    }
    done.push(line);

    done.iter()
        .enumerate()
        .map(|(n, pieces)| {
            // No indent on a blank line: nothing trails.
            if pieces.is_empty() {
                return String::new();
            }
            let mut out = if n == 0 { layout.indent } else { layout.hang }.to_string();
            // Neighbouring parts of one span are painted together.
            let mut k = 0;
            while k < pieces.len() {
                let span = pieces[k].span;
                let mut end = k;
                while end + 1 < pieces.len()
                    && pieces[end + 1].span == span
                    && pieces[end + 1].start == pieces[end].end
                {
                    end += 1;
                }
                let s = &spans[span].text[pieces[k].start..pieces[end].end];
                paint(&mut out, s, spans[span].style, layout.color);
                k = end + 1;
            }
            out
        })
        .collect()
}

fn paint(out: &mut String, s: &str, style: Option<Style>, color: bool) {
    match style {
        Some(style) if color => {
            let _ = write!(out, "{}", s.style(style));
        }
        _ => out.push_str(s),
    }
}

/// Writes `spans` laid out under `layout`, each line ended by a line
/// break.
pub fn write(
    out: &mut dyn std::io::Write,
    spans: &[Span<'_>],
    layout: Layout<'_>,
) -> std::io::Result<()> {
    for line in lines(spans, layout) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str, width: usize, indent: &str, hang: &str) -> Vec<String> {
        lines(
            &[Span::plain(text)],
            Layout {
                width: Some(width),
                indent,
                hang,
                color: false,
            },
        )
    }

    #[test]
    fn words_stay_whole_and_continuations_keep_the_indent() {
        let got = plain(
            "The Ministers affirmed that the two countries will deepen cooperation.",
            30,
            "  was: ",
            "       ",
        );
        assert_eq!(
            got,
            [
                "  was: The Ministers affirmed",
                "       that the two countries",
                "       will deepen",
                "       cooperation.",
            ]
        );
        assert!(got.iter().all(|l| l.width() <= 30));
    }

    #[test]
    fn only_a_word_longer_than_the_line_is_cut() {
        assert_eq!(
            plain("see https://example.org/a/very/long/path here", 12, "", ""),
            [
                "see",
                "https://exam",
                "ple.org/a/ve",
                "ry/long/path",
                "here"
            ]
        );
    }

    #[test]
    fn widths_are_display_columns() {
        // Each of these characters takes two columns: four fit in 8.
        assert_eq!(
            plain("日本 と アメリカ合衆国", 8, "", ""),
            ["日本 と", "アメリカ", "合衆国"]
        );
        // A combining accent takes none.
        assert_eq!(plain("cafe\u{301} noir", 9, "", ""), ["cafe\u{301} noir"]);
    }

    #[test]
    fn line_breaks_are_kept_and_blanks_at_a_break_dropped() {
        assert_eq!(
            plain("one two\n\nthree   four", 7, "> ", "  "),
            ["> one", "  two", "", "  three", "  four"]
        );
    }

    #[test]
    fn without_a_width_the_spans_are_written_as_they_are() {
        let spans = [Span::plain("a  b "), Span::styled("c", Style::new().red())];
        let layout = Layout {
            width: None,
            indent: "  ",
            hang: "    ",
            color: true,
        };
        let one = lines(&spans, layout);
        assert_eq!(one, [format!("  a  b {}", "c".style(Style::new().red()))]);
        assert_eq!(
            lines(
                &spans,
                Layout {
                    width: Some(0),
                    ..layout
                }
            ),
            one
        );
    }

    #[test]
    fn a_styled_span_is_painted_on_each_line_it_reaches() {
        let red = Style::new().red();
        let spans = [Span::plain("keep "), Span::styled("gone for good", red)];
        let got = lines(
            &spans,
            Layout {
                width: Some(10),
                indent: "",
                hang: "  ",
                color: true,
            },
        );
        assert_eq!(
            got,
            [
                format!("keep {}", "gone".style(red)),
                format!("  {}", "for good".style(red)),
            ]
        );
    }

    #[test]
    fn a_word_made_of_several_spans_is_not_broken() {
        let spans = [
            Span::plain("aa bb"),
            Span::styled("cc", Style::new().green()),
            Span::plain(" dd"),
        ];
        let got = lines(
            &spans,
            Layout {
                width: Some(5),
                indent: "",
                hang: "",
                color: false,
            },
        );
        assert_eq!(got, ["aa", "bbcc", "dd"]);
    }
}
