//! Stage 2 — normalize: a [`crate::read::Document`] body becomes
//! clean paragraphs.
//!
//! Hard-wrapped lines are unwrapped, hyphenated line breaks joined,
//! headings and paragraph numbers recognized and kept out of the
//! comparison, and page chrome (banners, captions, teasers, footers)
//! stripped by [`chrome`]. Every paragraph keeps its original wording for
//! display and gets a canonical `key` (quotes, dashes, spaces, Unicode
//! compatibility forms folded) that later stages compare.

pub mod chrome;
pub mod markdown;
pub mod patterns;

use std::borrow::Cow;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::read::Document;

/// One statement paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    /// 0-based index among the statement's paragraphs (headings excluded).
    pub index: usize,
    /// Paragraph text as written, wrapping undone, numbering removed.
    pub text: String,
    /// Canonical form used for comparison.
    #[serde(skip)]
    pub key: String,
    /// Paragraph number or letter as written (`1.`, `(a)`), if any.
    pub label: Option<String>,
    /// The section heading the paragraph stands under, if any.
    pub heading: Option<String>,
    /// 1-based line in the file where the paragraph starts.
    pub line: usize,
}

impl Paragraph {
    /// 1-based position among the statement's paragraphs: the number
    /// people cite. `index` stays 0-based because every later stage
    /// indexes with it.
    pub fn number(&self) -> usize {
        self.index + 1
    }

    /// The document's own number for the paragraph ("2.", "(a)", "iv.",
    /// "3.1"), when its leading marker has one. A bullet ("•", "-") marks
    /// a list item but names nothing a reader could cite, so it is left
    /// out: only a marker with a digit or letter counts.
    pub fn citable_label(&self) -> Option<&str> {
        self.label
            .as_deref()
            .filter(|l| l.chars().any(char::is_alphanumeric))
    }
}

/// A block the normalizer dropped, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Removed {
    /// The dropped text.
    pub text: String,
    /// 1-based line where it starts.
    pub line: usize,
    /// Why it was judged page chrome.
    pub why: String,
}

/// The normalizer's output for one statement.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// Statement paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Chrome blocks that were dropped.
    pub removed: Vec<Removed>,
}

/// Normalizer settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Keep page chrome instead of stripping it.
    pub keep_chrome: bool,
}

/// A candidate block after unwrapping, before chrome stripping.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub text: String,
    pub line: usize,
    /// Markdown `#` heading (always a heading, never a paragraph).
    pub markdown_heading: bool,
    /// Came from a single physical line.
    pub single_line: bool,
    /// A row of a Markdown table: text however short or unpunctuated.
    pub table_row: bool,
}

/// Normalizes a read document. Lines are the file's: for a saved page,
/// the page lines its blocks came from.
pub fn normalize(doc: &Document, opts: Options) -> Normalized {
    // A page's text is text: "3*4 and 5*6" on a page is not emphasis, so
    // only a text or Markdown file goes through the inline Markdown reader.
    let markdown = doc.format == crate::read::Format::Text;
    let mut n = normalize_with(&doc.body, doc.body_line, opts, markdown);
    if doc.format != crate::read::Format::Text {
        for p in &mut n.paragraphs {
            p.line = doc.format.source_line(p.line);
        }
        for r in &mut n.removed {
            r.line = doc.format.source_line(r.line);
        }
    }
    n
}

/// Normalizes raw text whose first line is `first_line` in its file.
pub fn normalize_text(body: &str, first_line: usize, opts: Options) -> Normalized {
    normalize_with(body, first_line, opts, true)
}

/// [`normalize_text`]; `markdown` when the text is Markdown (or plain text
/// that may hold it), whose inline markup is then read as formatting.
fn normalize_with(body: &str, first_line: usize, opts: Options, markdown: bool) -> Normalized {
    let mut blocks = blocks(body, first_line, markdown);
    for block in blocks.iter_mut().filter(|_| markdown) {
        // Inline Markdown goes before anything judges the text: "*Deeply
        // concerned* about ...,[^1]" must end in its comma.
        let (label, rest) = split_label(&block.text);
        // Markdown entities (`&shy;`, `&#8203;`) make invisible characters
        // that the read stage could not see: removed, not spaced.
        let rest = match markdown::plain(rest) {
            Cow::Owned(plain) => {
                Cow::Owned(crate::read::clean::remove_invisible(&plain).into_owned())
            }
            borrowed => borrowed,
        };
        if let Cow::Owned(clean) = rest {
            block.text = match label {
                Some(label) => format!("{label} {clean}"),
                None => clean,
            };
        }
    }
    let plan = chrome::classify(&blocks, opts.keep_chrome);
    let mut out = Normalized::default();
    let mut heading: Option<String> = None;
    for (block, role) in blocks.into_iter().zip(plan) {
        match role {
            chrome::Role::Heading => {
                heading = Some(if block.markdown_heading {
                    strip_markdown_heading(&block.text).to_string()
                } else {
                    block.text
                });
            }
            chrome::Role::Removed(why) => out.removed.push(Removed {
                text: block.text,
                line: block.line,
                why: why.to_string(),
            }),
            chrome::Role::Paragraph => {
                let (label, text) = split_label(&block.text);
                let key = canonical(text);
                if key.is_empty() {
                    continue;
                }
                out.paragraphs.push(Paragraph {
                    index: out.paragraphs.len(),
                    text: text.to_string(),
                    key,
                    label: label.map(str::to_string),
                    heading: heading.clone(),
                    line: block.line,
                });
            }
        }
    }
    out
}

/// Splits a leading paragraph number (`12.`, `(a)`, `iii.`) from the text.
pub fn split_label(text: &str) -> (Option<&str>, &str) {
    match patterns::label(text) {
        // A lone label with nothing after it is text, not a label.
        Some(end) if end < text.len() => (Some(text[..end].trim_end()), &text[end..]),
        _ => (None, text),
    }
}

fn strip_markdown_heading(text: &str) -> &str {
    text.trim_start_matches('#')
        .trim()
        .trim_end_matches('#')
        .trim()
}

/// Folds the differences that must never count as changes: Unicode
/// compatibility forms, quote style, dash style, non-breaking and repeated
/// spaces.
pub fn canonical(text: &str) -> String {
    if text.is_ascii() {
        // ASCII is NFKC already: only spacing and the backtick fold, and
        // most paragraphs (already unwrapped) need neither.
        if ascii_is_canonical(text.as_bytes()) {
            return text.to_string();
        }
        return fold_chars(text.chars(), text.len());
    }
    // Statements are almost always NFKC already (curly quotes and dashes
    // are); the quick check scans without building the composed form.
    if unicode_normalization::is_nfkc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        return fold_chars(text.chars(), text.len());
    }
    fold_chars(text.nfkc(), text.len())
}

/// True when [`fold_chars`] would return ASCII `text` unchanged: no
/// backtick, and every whitespace is a single space between two words.
fn ascii_is_canonical(text: &[u8]) -> bool {
    // The ASCII characters `char::is_whitespace` accepts.
    let ws = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
    let (Some(&first), Some(&last)) = (text.first(), text.last()) else {
        return true;
    };
    !ws(first)
        && !ws(last)
        && text.iter().all(|&c| c != b'`' && (c == b' ' || !ws(c)))
        && !text.windows(2).any(|w| w == b"  ")
}

fn fold_chars(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut space = false;
    for c in chars {
        // Invisible inside a word: removed, or it would split the word.
        if crate::read::clean::is_invisible(c) {
            continue;
        }
        let c = fold_char(c);
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// Maps one character to its canonical comparison form.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' => ' ',
        // Invisible characters ([`crate::read::clean::INVISIBLE`]) are
        // removed before this in canonical text; here they only make a
        // line of nothing else blank.
        '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => ' ',
        c => c,
    }
}

fn is_blank(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_whitespace() || fold_char(c) == ' ')
}

fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '\'', ')', ']', '\u{201D}', '\u{2019}', '*', '_']);
    t.ends_with(['.', '!', '?', ';', ':'])
}

fn starts_numbered(line: &str) -> bool {
    patterns::label(line).is_some()
}

/// Physical lines grouped into candidate blocks: blank lines separate
/// blocks; inside a block, a line break is kept only where the text shows
/// it was meant (a sentence ending early in a hard-wrapped block, a new
/// number, a Markdown heading, or one paragraph per long line).
///
/// `markdown` when `#` headings and `|` tables are Markdown (not in a
/// page's text, where they are just characters).
pub(crate) fn blocks(body: &str, first_line: usize, markdown: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut group: Vec<(usize, &str)> = Vec::new();
    let lines = body.split('\n').map(|l| l.trim_end_matches('\r'));
    for (i, raw) in lines.enumerate() {
        let line_no = first_line + i;
        if is_blank(raw) {
            flush(&mut group, &mut out, markdown);
        } else {
            group.push((line_no, raw.trim_end()));
        }
    }
    flush(&mut group, &mut out, markdown);
    out
}

fn flush(group: &mut Vec<(usize, &str)>, out: &mut Vec<Block>, markdown: bool) {
    if group.is_empty() {
        return;
    }
    if markdown && table_rows(group, out) {
        group.clear();
        return;
    }
    // A Markdown block quote ("> We will …" on every line) is its text:
    // the marks are layout, and a quoted statement's sentences and
    // numbers read as they would unquoted. Nested quotes lose every level.
    let quoted = |l: &str| l.trim_start().starts_with('>');
    while markdown && group.iter().all(|(_, l)| quoted(l)) {
        for (_, l) in group.iter_mut() {
            let rest = &l.trim_start()[1..];
            *l = rest.strip_prefix(' ').unwrap_or(rest);
        }
    }
    // A line left blank by its mark (">" alone) separates the quote's
    // paragraphs, as a blank line does.
    if group.iter().any(|(_, l)| is_blank(l)) {
        let lines = std::mem::take(group);
        for line in lines {
            if is_blank(line.1) {
                flush(group, out, markdown);
            } else {
                group.push(line);
            }
        }
        flush(group, out, markdown);
        return;
    }
    let width = group
        .iter()
        .map(|(_, l)| l.chars().count())
        .max()
        .unwrap_or(0);
    let hard_wrapped = group.len() > 1 && width <= 100;
    let mut current: Option<Block> = None;
    let mut prev: Option<&str> = None;
    for &(line_no, line) in group.iter() {
        let trimmed = line.trim();
        let md_heading = markdown && patterns::markdown_heading(trimmed);
        let breaks = match prev {
            None => true,
            Some(p) => {
                md_heading
                    || markdown && patterns::markdown_heading(p.trim())
                    || starts_numbered(trimmed)
                    // "Article 2" on a line of its own heads the text
                    // below it; it is not part of it.
                    || patterns::division_label(p.trim())
                    || patterns::division_label(trimmed)
                    || if hard_wrapped {
                        // A greedy wrapper only breaks a line when the next
                        // word does not fit; a sentence that ends with room
                        // to spare was ended on purpose.
                        let next_word = trimmed.split_whitespace().next().unwrap_or("");
                        ends_sentence(p)
                            && p.chars().count() + 1 + next_word.chars().count() <= width
                    } else {
                        ends_sentence(p)
                    }
            }
        };
        if breaks {
            if let Some(b) = current.take() {
                out.push(b);
            }
            current = Some(Block {
                text: trimmed.to_string(),
                line: line_no,
                markdown_heading: md_heading,
                single_line: true,
                table_row: false,
            });
        } else if let Some(b) = current.as_mut() {
            join_line(&mut b.text, trimmed);
            b.single_line = false;
        }
        prev = Some(line);
    }
    if let Some(b) = current.take() {
        out.push(b);
    }
    group.clear();
}

/// A Markdown table (a row of cells, a row of dashes, then rows): each
/// body row becomes a block of its own, its cells joined ("Norland: 220"
/// for two, "; " between more), so that a changed figure is one changed
/// row rather than a wall of pipes. Its header and rule are layout.
/// Returns false, adding nothing, for a group that is no table.
fn table_rows(group: &[(usize, &str)], out: &mut Vec<Block>) -> bool {
    let cells = |line: &str| -> Vec<String> {
        let line = line.trim();
        let line = line.strip_prefix('|').unwrap_or(line);
        let line = line.strip_suffix('|').unwrap_or(line);
        line.split('|').map(|c| c.trim().to_string()).collect()
    };
    let is_rule = |line: &str| {
        line.contains('-')
            && line.contains('|')
            && cells(line)
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')))
    };
    let [(_, header), (_, rule), rows @ ..] = group else {
        return false;
    };
    if !header.contains('|') || !is_rule(rule) || rows.iter().any(|(_, r)| !r.contains('|')) {
        return false;
    }
    for &(line, row) in rows {
        let cells: Vec<String> = cells(row).into_iter().filter(|c| !c.is_empty()).collect();
        let text = match cells.as_slice() {
            [] => continue,
            [name, value] => format!("{name}: {value}"),
            _ => cells.join("; "),
        };
        out.push(Block {
            text,
            line,
            markdown_heading: false,
            single_line: true,
            table_row: true,
        });
    }
    true
}

/// Appends a wrapped continuation line, undoing a hyphenated line break.
fn join_line(text: &mut String, next: &str) {
    let mut chars = text.chars().rev();
    let hyphen = chars.next() == Some('-');
    let before = chars.next();
    if hyphen && before.is_some_and(|c| !c.is_whitespace()) {
        if before.is_some_and(char::is_alphabetic)
            && next.chars().next().is_some_and(char::is_lowercase)
        {
            // "co-\noperation": a word broken by the wrapper.
            text.pop();
        }
        // "U.S.-\nJapan": a compound broken at its hyphen.
        text.push_str(next);
    } else {
        text.push(' ');
        text.push_str(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_from_markdown_entities_do_not_split_words() {
        for entity in [
            "&shy;", "&#8203;", "&zwj;", "&zwnj;", "&#x2060;", "&#xFEFF;",
        ] {
            let text = format!("We will *com{entity}mit* to{entity}gether.");
            let n = normalize_text(&text, 1, Options::default());
            assert_eq!(n.paragraphs[0].text, "We will commit together.", "{entity}");
            assert_eq!(n.paragraphs[0].key, "We will commit together.", "{entity}");
        }
    }

    #[test]
    fn canonical_removes_invisible_characters_instead_of_spacing_them() {
        for c in crate::read::clean::INVISIBLE {
            assert_eq!(canonical(&format!("com{c}mit")), "commit", "{c:?}");
        }
    }

    #[test]
    fn a_markdown_block_quote_is_read_without_its_marks() {
        // Regression: the marks stayed in the text ("together. > They").
        let text = "> The two towns will fund the pier.\n\
            > They will also repair the wall.\n\
            >\n\
            > > 2. The council will meet in May.\n\n\
            > 50 delegates attended.";
        let n = normalize_text(text, 1, Options::default());
        let texts: Vec<&str> = n.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The two towns will fund the pier. They will also repair the wall.",
                "The council will meet in May.",
                "50 delegates attended."
            ]
        );
        // Its number is its own, as unquoted.
        assert_eq!(n.paragraphs[1].line, 4);
        assert_eq!(n.paragraphs[1].label.as_deref(), Some("2."));
    }

    #[test]
    fn a_markdown_table_is_one_paragraph_per_row() {
        let text = "The pledges are set out below.\n\n\
            | Donor | Pledge (USD million) |\n\
            | :---- | ---: |\n\
            | Norland | 220 |\n\
            | **Total** | **1,200** |\n\n\
            We will meet again in 2026.";
        let n = normalize_text(text, 1, Options::default());
        let texts: Vec<&str> = n.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The pledges are set out below.",
                "Norland: 220",
                "Total: 1,200",
                "We will meet again in 2026."
            ]
        );
        // Pipes in prose are no table.
        let n = normalize_text("Either A | B.\nOr C.", 1, Options::default());
        assert_eq!(n.paragraphs.len(), 1);
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_general_fold() {
        for text in [
            "",
            " ",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\x0Bb",
            "it`s",
            "The Ministers, in 2019, agreed.",
            "a \r\n b",
        ] {
            assert_eq!(
                canonical(text),
                fold_chars(text.chars(), text.len()),
                "{text:?}"
            );
        }
    }

    fn paras(text: &str) -> Vec<String> {
        normalize_text(text, 1, Options::default())
            .paragraphs
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let t = "The Ministers affirmed their commitment to\nthe Alliance and to peace.\n\nSecond paragraph here.\n";
        assert_eq!(
            paras(t),
            vec![
                "The Ministers affirmed their commitment to the Alliance and to peace.",
                "Second paragraph here."
            ]
        );
    }

    #[test]
    fn hyphenated_breaks_are_joined() {
        let t = "Deepen co-\noperation with U.S.-\nJapan partners, they said.";
        assert_eq!(
            paras(t),
            vec!["Deepen cooperation with U.S.-Japan partners, they said."]
        );
    }

    #[test]
    fn early_sentence_end_in_wrapped_block_splits() {
        let t = "The Ministers met in Tokyo to review the Alliance and its\nmissions.\nThey welcomed progress on the realignment of forces in\nthe region.";
        assert_eq!(paras(t).len(), 2);
    }

    #[test]
    fn an_article_label_on_its_own_line_is_not_text() {
        // Regression: "Article 5" -> "Article 6" (renumbered) read as a
        // strengthened pledge, "number: 5 -> 6", about Article V.
        let n = normalize_text(
            "Article 5\nThis Agreement shall enter into force upon\nsignature.\n\nArticle V of the Treaty applies to\nthe islands.\n",
            1,
            Options::default(),
        );
        let texts: Vec<&str> = n.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "This Agreement shall enter into force upon signature.",
                "Article V of the Treaty applies to the islands."
            ]
        );
    }

    #[test]
    fn numbering_and_headings_stay_out_of_the_key() {
        let n = normalize_text(
            "# Title\n\nI. Overview\n\n1. Urges all States to act;\n\n(a) Calls upon parties;\n",
            1,
            Options::default(),
        );
        assert_eq!(n.paragraphs.len(), 2);
        assert_eq!(n.paragraphs[0].label.as_deref(), Some("1."));
        assert_eq!(n.paragraphs[0].key, "Urges all States to act;");
        assert_eq!(n.paragraphs[0].heading.as_deref(), Some("I. Overview"));
        assert_eq!(n.paragraphs[1].label.as_deref(), Some("(a)"));
    }

    #[test]
    fn quotes_dashes_and_spaces_fold() {
        assert_eq!(
            canonical("a \u{201C}free\u{201D}\u{00A0}and  open \u{2013} region\u{2019}s"),
            "a \"free\" and open - region's"
        );
    }

    #[test]
    fn crlf_and_trailing_space_are_insignificant() {
        let a = normalize_text(
            "One paragraph here.\r\n\r\nTwo here.  \r\n",
            1,
            Options::default(),
        );
        let b = normalize_text("One paragraph here.\n\nTwo here.\n", 1, Options::default());
        let ka: Vec<_> = a.paragraphs.iter().map(|p| &p.key).collect();
        let kb: Vec<_> = b.paragraphs.iter().map(|p| &p.key).collect();
        assert_eq!(ka, kb);
    }

    #[test]
    fn lines_are_reported_in_file_coordinates() {
        let n = normalize_text(
            "First paragraph of text.\n\n\nSecond paragraph.\n",
            5,
            Options::default(),
        );
        assert_eq!(n.paragraphs[0].line, 5);
        assert_eq!(n.paragraphs[1].line, 8);
    }
}
