//! HTML pages, for the read stage: a saved web page becomes block text
//! (one block per paragraph-like element, blank lines between; a list
//! item as a Markdown bullet) before anything else sees it, so every
//! command takes a page as it takes a text file. Parsing is `scraper`'s (html5ever, the browsers' algorithm),
//! which copes with the broken markup saved pages are full of.
//!
//! Only structure is used here: scripts, styles, navigation, headers,
//! footers and asides are dropped whole, since they never hold statement
//! text. Deciding which of the remaining blocks are page chrome (captions,
//! share bars, "related articles") is the normalize stage's job, the same
//! for pages and for text.

use std::path::Path;

use scraper::{Html, Node};

/// Elements whose content is never statement text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "button", "select", "iframe", "head",
];
/// Elements that hold one block of text each.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "figcaption",
    "pre",
    "dt",
    "dd",
    "td",
    "th",
    "caption",
    "address",
];

/// An HTML page as block text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageText {
    /// One block per paragraph-like element, a blank line between two:
    /// block `k` is on line `2k + 1`.
    pub text: String,
    /// The page's `<title>`, if it has one.
    pub title: Option<String>,
    /// The line of the page where each block starts (see [`source_line`]).
    pub lines: Vec<usize>,
}

/// Extracts block text from an HTML page: one block per paragraph-like
/// element, separated by blank lines, with the page line of each.
pub fn html_to_text(html: &str) -> PageText {
    let doc = Html::parse_document(html);
    let title = scraper::Selector::parse("title")
        .ok()
        .and_then(|sel| doc.select(&sel).next())
        .map(|t| collapse(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    let mut blocks: Vec<String> = Vec::new();
    let mut loose = String::new();
    walk(doc.tree.root(), &mut blocks, &mut loose);
    flush_text(&mut loose, &mut blocks, &mut false);
    PageText {
        lines: source_lines(html, &blocks),
        text: blocks.join("\n\n") + "\n",
        title,
    }
}

/// The page line of a line of [`PageText::text`], given the page's block
/// lines: what messages and outputs show for a page.
pub fn source_line(lines: &[usize], text_line: usize) -> usize {
    text_line
        .checked_sub(1)
        .and_then(|l| lines.get(l / 2))
        .copied()
        .unwrap_or(text_line)
}

/// Each block's line in the page: where the most telling of its first
/// words next occurs, searching on from the previous block (the parser
/// keeps document order). Approximate — a word may also stand in an
/// attribute — but never out of order. Searches that find nothing may
/// scan the page at most a few times over in all, so this stays linear.
fn source_lines(html: &str, blocks: &[String]) -> Vec<usize> {
    let body_start = html
        .char_indices()
        .find(|(i, _)| {
            html[*i..]
                .get(..5)
                .is_some_and(|t| t.eq_ignore_ascii_case("<body"))
        })
        .map_or(0, |(i, _)| i);
    let mut at = body_start;
    let mut line = 1 + html[..at].bytes().filter(|&b| b == b'\n').count();
    let mut miss_budget = 4 * html.len();
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        // The most telling (longest) of the first words finds the block;
        // its first word, the last time it stands before that, finds the
        // line the block starts on. "Contact:" is looked for as "Contact".
        let words: Vec<&str> = block
            .split_whitespace()
            .take(8)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_alphanumeric()))
            .collect();
        let word = words.iter().copied().max_by_key(|w| w.len());
        let mut block_line = line;
        if let (Some(word), true) = (word, miss_budget > 0) {
            match find_word(&html[at..], word) {
                Some(k) => {
                    // Within a few lines of markup before it, so that a
                    // common first word does not reach back into the page.
                    let mut from = k.saturating_sub(400);
                    while !html.is_char_boundary(at + from) {
                        from += 1;
                    }
                    let mut first_at = k;
                    if words[0] != word {
                        while let Some(j) = find_word(&html[at + from..at + k], words[0]) {
                            first_at = from + j;
                            from += j + words[0].len();
                        }
                    }
                    block_line = line
                        + html[at..at + first_at]
                            .bytes()
                            .filter(|&b| b == b'\n')
                            .count();
                    line += html[at..at + k].bytes().filter(|&b| b == b'\n').count();
                    at += k + word.len();
                }
                None => miss_budget = miss_budget.saturating_sub(html.len() - at),
            }
        }
        out.push(block_line);
        line = line.max(block_line);
    }
    out
}

/// Byte offset of `word` in `hay` as a whole word.
fn find_word(hay: &str, word: &str) -> Option<usize> {
    let bytes = hay.as_bytes();
    let mut from = 0;
    while let Some(k) = hay[from..].find(word) {
        let (s, e) = (from + k, from + k + word.len());
        let alnum = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric());
        if (s == 0 || !alnum(s - 1)) && !alnum(e) {
            return Some(s);
        }
        from = e;
    }
    None
}

/// Whitespace runs to one space; the invisible characters that entities
/// such as `&shy;` produce are removed, so words stay whole.
fn collapse(s: &str) -> String {
    super::clean::remove_invisible(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Stands for a `<br>` until the text is cut into blocks: a line
/// separator, which is whitespace, so a single break reads as a space.
const BR: char = '\u{2028}';

/// Pushes `text` as blocks: one per run of text between two or more
/// consecutive `<br>`s, which pages use as paragraph breaks ("para<br><br>
/// para"); a single `<br>` only breaks a line.
fn push_blocks(text: &str, blocks: &mut Vec<String>) {
    let mut start = 0;
    let mut last_br: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c == BR {
            if let Some(prev) = last_br {
                if text[prev..i].chars().all(char::is_whitespace) && prev > start {
                    let t = collapse(&text[start..prev]);
                    if !t.is_empty() {
                        blocks.push(t);
                    }
                    start = i;
                }
            }
            last_br = Some(i);
        } else if !c.is_whitespace() {
            last_br = None;
        }
    }
    let t = collapse(&text[start..]);
    if !t.is_empty() {
        blocks.push(t);
    }
}

/// Pushes the text read so far as blocks and starts anew: a block
/// element or a boundary ends what stood before it.
///
/// `bullet` is set while a list item's first block is still to come: that
/// block is written as a Markdown bullet item ("- share flood warnings"),
/// so that the normalize stage knows a page's list items as it knows a
/// text file's, and does not take a short one for a label or a share bar.
fn flush_text(text: &mut String, blocks: &mut Vec<String>, bullet: &mut bool) {
    let first = blocks.len();
    push_blocks(text, blocks);
    text.clear();
    if let Some(block) = blocks.get_mut(first).filter(|_| *bullet) {
        *bullet = false;
        if !block.starts_with(['-', '*', '+', '\u{2022}', '\u{00B7}']) {
            block.insert_str(0, "- ");
        }
    }
}

/// Elements that stand between blocks: a boundary around their content.
fn is_boundary(name: &str) -> bool {
    matches!(
        name,
        "div" | "section" | "article" | "main" | "body" | "table" | "ul" | "ol" | "figure"
    )
}

/// Cuts the tree into blocks. Iterative (a walk over open and close
/// edges, not recursion), so a page nested thousands of elements deep
/// cannot overflow the stack; each node is visited twice, so it is linear.
fn walk(root: ego_tree::NodeRef<'_, Node>, blocks: &mut Vec<String>, loose: &mut String) {
    use ego_tree::iter::Edge;
    // The skipped element (script, nav...) being passed over, if any.
    let mut skipping: Option<ego_tree::NodeId> = None;
    // The block elements being read, innermost last, and the text of the
    // innermost so far. A block nested in another (`<li>` in a `<ul>`
    // inside an `<li>`, `<p>` in a `<blockquote>` or `<td>`) is a block of
    // its own, as a nested list item is in Markdown: read into its
    // parent's text it was glued to its neighbours ("a rise;in both
    // languages"). The parent's text before it, and after it, are blocks
    // too, in page order.
    let mut open: Vec<ego_tree::NodeId> = Vec::new();
    let mut inner = String::new();
    // A list item opened whose first block is still to come.
    let mut bullet = false;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                // Text outside any block element is loose text.
                let text = if open.is_empty() {
                    &mut *loose
                } else {
                    &mut inner
                };
                match node.value() {
                    Node::Text(t) => text.push_str(&t.text),
                    Node::Element(e) => {
                        let name = e.name();
                        if SKIP.contains(&name) || footnote_mark(node, name) {
                            skipping = Some(node.id());
                        } else if name == "br" {
                            text.push(BR);
                        } else if BLOCKS.contains(&name) {
                            flush_text(text, blocks, &mut bullet);
                            open.push(node.id());
                            bullet |= name == "li";
                        } else if is_boundary(name) {
                            flush_text(text, blocks, &mut bullet);
                        }
                        // Anything else is inline in the text being read.
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                let text = if open.is_empty() {
                    &mut *loose
                } else {
                    &mut inner
                };
                if open.last() == Some(&node.id()) {
                    open.pop();
                    flush_text(text, blocks, &mut bullet);
                    // An empty item bullets nothing after it.
                    if node.value().as_element().is_some_and(|e| e.name() == "li") {
                        bullet = false;
                    }
                } else if let Node::Element(e) = node.value() {
                    if is_boundary(e.name()) {
                        flush_text(text, blocks, &mut bullet);
                    }
                }
            }
        }
    }
}

/// A footnote reference (`<sup>1</sup>`, `<sup>*</sup>`, `<sup>[2]</sup>`):
/// a superscript of a few characters without letters. Read as text it
/// would glue a number onto the word before it ("initiative1");
/// superscript letters ("21<sup>st</sup>") are kept.
fn footnote_mark(node: ego_tree::NodeRef<'_, Node>, name: &str) -> bool {
    if name != "sup" {
        return false;
    }
    let text: String = node
        .descendants()
        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        .collect();
    let t = text.trim();
    !t.is_empty() && t.chars().count() <= 4 && !t.chars().any(char::is_alphabetic)
}

/// How deep elements may nest in a page before it is refused. Real pages
/// nest a few dozen deep; the HTML parser's scope checks walk the stack
/// of open elements, so nesting costs time quadratic in its depth.
pub const MAX_DEPTH: usize = 512;

/// Elements that never hold content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];
/// Elements whose end tag pages leave out and the parser supplies (a new
/// `<p>` or `<li>` closes the open one): not counted as nesting, so an
/// ordinary page with unclosed paragraphs is not taken for a deep one.
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb",
    "rt", "rtc", "rp", "colgroup", "html", "head", "body", "a",
];

/// Where a page first nests elements deeper than `limit`: its line and the
/// element's name. A scan of the tags, before parsing (which is what
/// would take quadratic time): opening tags deepen, closing tags come
/// back up; comments, `<!...>`, and script and style content are passed
/// over. Approximate, as a count of tags is, but linear.
pub fn too_deep(html: &str, limit: usize) -> Option<(usize, String)> {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let find = |from: usize, pat: &str| html[from..].find(pat).map(|k| from + k);
    while let Some(k) = memchr_lt(b, i) {
        i = k + 1;
        if html[i..].starts_with("!--") {
            i = find(i, "-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let end = b[start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |n| start + n);
        if end == start || !b[start].is_ascii_alphabetic() {
            // `<!DOCTYPE`, `<?xml`, or a `<` in text.
            continue;
        }
        let name = html[start..end].to_ascii_lowercase();
        let tag_end = find(end, ">").unwrap_or(b.len());
        i = tag_end;
        if closing {
            if !IMPLIED_END.contains(&name.as_str()) && !VOID.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if matches!(
            name.as_str(),
            "script" | "style" | "textarea" | "title" | "xmp"
        ) {
            let close = format!("</{name}");
            let lower_rest = &html[i..];
            // Case-insensitive search for the closing tag.
            i = lower_rest
                .as_bytes()
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                .map_or(b.len(), |p| i + p);
            continue;
        }
        let self_closing = tag_end > 0 && b.get(tag_end - 1) == Some(&b'/');
        if self_closing || VOID.contains(&name.as_str()) || IMPLIED_END.contains(&name.as_str()) {
            continue;
        }
        depth += 1;
        if depth > limit {
            let line = 1 + b[..k].iter().filter(|&&c| c == b'\n').count();
            return Some((line, name));
        }
    }
    None
}

/// The next `<` at or after `from`.
fn memchr_lt(b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == b'<')
        .map(|k| from + k)
}

/// True when the bytes look like an HTML page.
pub fn looks_like_html(path: &Path, text: &str) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "html" || ext == "htm" {
        return true;
    }
    let head = text
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_footnote_mark_is_not_glued_to_its_word() {
        let page = html_to_text(
            "<p>The Ministers launched the initiative<sup><a href=\"#n1\">1</a></sup> in the 21<sup>st</sup> year.</p>",
        );
        assert_eq!(
            page.text.trim(),
            "The Ministers launched the initiative in the 21st year."
        );
    }

    #[test]
    fn html_blocks_skip_scripts_and_navigation() {
        let page = html_to_text(
            "<html><head><title>T</title><script>var x=1;</script></head><body><nav><a>Home</a></nav><h1>Head</h1><p>One <b>bold</b> para.</p><div>Loose text</div><footer>Foot</footer></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("T"));
        assert_eq!(page.text, "Head\n\nOne bold para.\n\nLoose text\n");
    }

    #[test]
    fn two_line_breaks_in_a_row_break_a_paragraph() {
        // Regression: a press release laid out with <br><br> between its
        // paragraphs came out as one paragraph, headline included.
        let page = html_to_text(
            "<body><div><b>Joint Statement</b><br><br>\nThe Ministers agreed.<br>\n\
             They will meet.<br> <br>They called on all parties.</div>\
             <p>One<br><br><br>two</p></body>",
        );
        assert_eq!(
            page.text,
            "Joint Statement\n\nThe Ministers agreed. They will meet.\n\n\
             They called on all parties.\n\nOne\n\ntwo\n"
        );
    }

    #[test]
    fn blocks_keep_the_line_they_have_in_the_page() {
        let page = "<html>\n<head><title>T</title></head>\n<body>\n<nav>Home</nav>\n\n\
                    <p>First\nparagraph.</p>\n<p>Second one.</p><p>Third one.</p>\n\n\n\
                    <p>Fourth, on line 11.</p>\n</body></html>";
        let page = html_to_text(page);
        assert_eq!(page.lines, [6, 8, 8, 11]);
        // Text line 3 is the second block.
        assert_eq!(source_line(&page.lines, 3), 8);
        assert_eq!(source_line(&page.lines, 7), 11);
        // Out of range (a line number from elsewhere): as it is.
        assert_eq!(source_line(&page.lines, 99), 99);
    }

    #[test]
    fn a_block_is_placed_on_the_line_it_starts_on() {
        // Regression: a block was placed where its longest word stood
        // (a later line), and "Contact:" was not looked for at all.
        let page = "<body>\n<p>Intro text here.</p>\n<div>\n<span>Tags:</span>\n\
                    <a>Alliance</a>\n<a>Maritime Security</a>\n</div>\n\
                    <p>Contact:</p>\n</body>";
        let page = html_to_text(page);
        assert_eq!(
            page.text,
            "Intro text here.\n\nTags: Alliance Maritime Security\n\nContact:\n"
        );
        assert_eq!(page.lines, [2, 4, 8]);
    }

    #[test]
    fn a_page_whose_words_are_nowhere_in_its_markup_still_lays_out() {
        // Every word is written as entities: no search finds it.
        let page = "<body><p>&#65;&#66;&#67; one</p><p>&#68;&#69;&#70; two</p></body>";
        let page = html_to_text(page);
        assert_eq!(page.text, "ABC one\n\nDEF two\n");
        assert_eq!(page.lines, [1, 1]);
    }

    #[test]
    fn invisible_character_entities_do_not_split_words() {
        for entity in [
            "&shy;", "&#173;", "&#8203;", "&zwnj;", "&zwj;", "&#x2060;", "&#xFEFF;",
        ] {
            let page = html_to_text(&format!(
                "<html><head><title>Co{entity}operation</title></head>\
                 <body><p>We will com{entity}mit to{entity}gether.</p></body></html>"
            ));
            assert_eq!(page.text, "We will commit together.\n", "{entity}");
            assert_eq!(page.title.as_deref(), Some("Cooperation"), "{entity}");
        }
    }

    #[test]
    fn pages_are_recognized_by_name_or_by_their_first_tag() {
        assert!(looks_like_html(Path::new("a.HTM"), "plain words"));
        assert!(looks_like_html(Path::new("-"), "\n  <!DOCTYPE html><p>x"));
        assert!(looks_like_html(Path::new("page.txt"), "<html lang=en>"));
        assert!(!looks_like_html(
            Path::new("a.md"),
            "The <b>Ministers</b> met."
        ));
    }
}
