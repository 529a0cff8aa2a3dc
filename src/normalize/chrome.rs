//! Page-chrome detection for the normalizer.
//!
//! A saved web page or press release wraps the statement in banners,
//! headlines, captions, bylines, share bars, tags and teasers. The statement
//! itself is the run of *prose* blocks — long, sentence-punctuated, dense in
//! function words. Markers from `data/chrome.yaml` say where an explicit
//! wrapper opens or closes the text ("Begin Text:", "Check Also") and which
//! short blocks are captions or credits. Both are features, not rules for one
//! page: a page with none of them still loses its headline and footer,
//! because those are not prose.

use std::sync::LazyLock;

use serde::Deserialize;

use super::Block;

/// What the normalizer does with a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A statement paragraph.
    Paragraph,
    /// A section heading inside the statement.
    Heading,
    /// Page chrome, with the reason.
    Removed(&'static str),
}

#[derive(Debug, Deserialize)]
struct Markers {
    start: Vec<String>,
    start_contains: Vec<String>,
    end: Vec<String>,
    inline: Vec<String>,
    editor_note: Vec<String>,
    teaser_start: Vec<String>,
    teaser_contains: Vec<String>,
}

/// `data/chrome.yaml`, converted to JSON by `build.rs` (JSON loads much
/// faster, and every run loads the markers).
static MARKERS: LazyLock<Markers> = LazyLock::new(|| {
    serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/chrome.json")))
        .expect("build.rs wrote data/chrome.yaml as valid JSON")
});

/// Words that make up most of running prose in any genre; a block with few
/// of them is a label, a headline or a list of links.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "as", "that", "this", "these", "those", "which", "who", "is", "are", "was", "were",
    "be", "been", "has", "have", "had", "will", "would", "should", "could", "may", "its", "their",
    "our", "it", "they", "we", "not", "all", "also", "into", "such", "both", "any",
];

/// Whether a word, stripped of punctuation around it, is one of
/// [`FUNCTION_WORDS`] in any case. Every word of a page goes through here,
/// so ASCII words (nearly all) are compared in place, without a lower-case
/// copy.
fn is_function_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    if w.is_ascii() {
        if w.len() > LONGEST_FUNCTION_WORD {
            return false;
        }
        FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w))
    } else {
        FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
    }
}

/// Length in bytes of the longest of [`FUNCTION_WORDS`].
const LONGEST_FUNCTION_WORD: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < FUNCTION_WORDS.len() {
        if FUNCTION_WORDS[i].len() > longest {
            longest = FUNCTION_WORDS[i].len();
        }
        i += 1;
    }
    longest
};

/// Measured features of one block.
#[derive(Debug, Clone)]
struct Features {
    words: usize,
    function_ratio: f64,
    terminal: bool,
    lead_in: bool,
    title_case_ratio: f64,
    start_marker: bool,
    end_marker: bool,
    inline_marker: bool,
    /// Runs of spaces inside a line: text laid out in columns, as a PDF's
    /// running header or footer is ("24-12345        1/2").
    columns: bool,
    /// A Markdown or text bullet item ("- deepen cooperation ..."): the
    /// items of a list a statement's sentence runs into are its text,
    /// however short or unpunctuated each one is.
    list_item: bool,
    /// Names the statement as a news site's editor introduces it ("the
    /// full text of the communique issued ..."): an opening marker when it
    /// is the page's first prose.
    editor_note: bool,
    /// A "Read more" teaser or a newsletter sign-up box.
    teaser: bool,
}

fn features(b: &Block) -> Features {
    let words: Vec<&str> = b.text.split_whitespace().collect();
    let n = words.len();
    // Markers are only looked for in blocks of up to this many words, so
    // the long blocks of a statement are never lower-cased.
    const MARKER_WORDS: usize = 30;
    // Editor's notes and teasers run longer than labels do.
    const NOTE_WORDS: usize = 60;
    const TEASER_WORDS: usize = 50;
    let lower = if n <= NOTE_WORDS {
        b.text.to_lowercase()
    } else {
        String::new()
    };
    let function = words.iter().filter(|w| is_function_word(w)).count();
    let capitalized = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .count();
    let last = b
        .text
        .trim_end_matches(['"', '\'', ')', '\u{201D}', '\u{2019}', '*'])
        .chars()
        .last()
        .unwrap_or(' ');
    let starts_with_marker = |list: &[String]| {
        list.iter().any(|m| {
            lower.starts_with(m.as_str())
                && lower[m.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
    };
    Features {
        words: n,
        function_ratio: if n == 0 {
            0.0
        } else {
            function as f64 / n as f64
        },
        // Preambular clauses end in commas: a long comma-ended block is a
        // sentence too.
        terminal: matches!(last, '.' | '!' | '?' | ';') || (n >= 6 && matches!(last, ',' | ':')),
        lead_in: matches!(last, ',' | ':'),
        title_case_ratio: if n == 0 {
            0.0
        } else {
            capitalized as f64 / n as f64
        },
        start_marker: (n <= 14 && starts_with_marker(&MARKERS.start))
            || (n <= MARKER_WORDS
                && MARKERS
                    .start_contains
                    .iter()
                    .any(|m| lower.contains(m.as_str()))
                && (lower.ends_with(':')
                    || lower.ends_with("follows.")
                    || lower.ends_with("below."))),
        end_marker: n <= 8 && starts_with_marker(&MARKERS.end),
        columns: b.text.contains("    "),
        list_item: is_list_item(&b.text),
        editor_note: n <= NOTE_WORDS
            && MARKERS
                .editor_note
                .iter()
                .any(|m| lower.contains(m.as_str())),
        teaser: n <= TEASER_WORDS
            && (starts_with_marker(&MARKERS.teaser_start)
                || MARKERS
                    .teaser_contains
                    .iter()
                    .any(|m| lower.contains(m.as_str()))),
        inline_marker: n <= 20 && MARKERS.inline.iter().any(|m| lower.contains(m.as_str())),
    }
}

/// Whether a block is a bullet item: a bullet, then white space, then text.
fn is_list_item(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(
        chars.next(),
        Some('-' | '*' | '+' | '\u{2022}' | '\u{00B7}')
    ) && chars.next().is_some_and(char::is_whitespace)
        && chars.any(char::is_alphanumeric)
}

impl Features {
    /// Running statement prose: sentence-punctuated, long enough, and made
    /// of ordinary function words rather than names and labels.
    fn is_prose(&self) -> bool {
        !self.inline_marker
            && !self.teaser
            && !self.start_marker
            && !self.end_marker
            && self.terminal
            && self.words >= 6
            && self.function_ratio >= 0.12
    }

    /// A short line that introduces what follows ("The General Assembly,").
    fn is_lead_in(&self) -> bool {
        self.lead_in
            && self.words <= 12
            && !self.inline_marker
            && !self.start_marker
            && !self.teaser
    }

    /// A sentence too short to count as prose ("They condemned the
    /// launch."): text when it stands right above the prose, as a
    /// statement's short opening paragraphs do. A headline or label has no
    /// sentence punctuation, or too many capitals, or no function word.
    fn is_short_sentence(&self) -> bool {
        self.terminal
            && self.words >= 3
            && self.function_ratio > 0.0
            && self.title_case_ratio <= 0.6
            && !self.inline_marker
            && !self.start_marker
            && !self.end_marker
            && !self.teaser
    }

    fn is_heading_shape(&self, b: &Block) -> bool {
        b.markdown_heading
            || (b.single_line
                && self.words <= 12
                && !self.terminal
                && !self.lead_in
                && !self.list_item)
    }

    /// A bullet item that can belong to the statement's text: not a
    /// caption or a marker, and more than a bare word or two.
    fn is_text_item(&self) -> bool {
        self.list_item
            && self.words >= 3
            && !self.teaser
            && !self.inline_marker
            && !self.start_marker
            && !self.end_marker
    }

    fn chrome_reason(&self) -> &'static str {
        if self.teaser {
            "teaser or newsletter sign-up"
        } else if self.inline_marker {
            "caption, credit, byline or navigation"
        } else if self.columns && !self.terminal {
            "page header or footer (laid out in columns)"
        } else if self.title_case_ratio > 0.6 && !self.terminal {
            "headline or banner (title-case line without sentence punctuation)"
        } else if !self.terminal {
            "label or link line (no sentence punctuation)"
        } else {
            "outside the statement's run of prose"
        }
    }
}

/// Decides the role of every block.
pub(crate) fn classify(blocks: &[Block], keep_chrome: bool) -> Vec<Role> {
    let feats: Vec<Features> = blocks.iter().map(features).collect();
    if keep_chrome {
        return blocks
            .iter()
            .zip(&feats)
            .map(|(b, f)| {
                if b.markdown_heading {
                    Role::Heading
                } else {
                    let _ = f;
                    Role::Paragraph
                }
            })
            .collect();
    }
    let mut roles = layout(blocks, &feats);
    // Footnotes under a statement are notes (document symbols, sources),
    // not its text, wherever they stand.
    for (role, b) in roles.iter_mut().zip(blocks) {
        if super::markdown::is_footnote_definition(&b.text) {
            *role = Role::Removed("footnote (a note under the statement, not its text)");
        }
    }
    roles
}

/// Roles by where each block stands relative to the statement's prose.
fn layout(blocks: &[Block], feats: &[Features]) -> Vec<Role> {
    let n = blocks.len();
    let mut roles = vec![Role::Paragraph; n];

    // An explicit opening marker in the first half of the page.
    let mut start = 0;
    for (i, f) in feats.iter().enumerate().take(n.div_ceil(2).max(1)) {
        if f.start_marker {
            for role in roles.iter_mut().take(i) {
                *role = Role::Removed("before the statement's opening marker");
            }
            roles[i] = Role::Removed("opening marker");
            start = i + 1;
        }
    }

    // A news site's editor's note as the first prose, with more prose
    // after it: it opens the statement as an explicit marker does.
    if let Some(i) = (start..n).find(|&i| feats[i].is_prose()) {
        if feats[i].editor_note && (i + 1..n).any(|j| feats[j].is_prose()) {
            for role in roles.iter_mut().take(i).skip(start) {
                *role = Role::Removed("before the statement's opening marker");
            }
            roles[i] = Role::Removed("editor's note introducing the statement");
            start = i + 1;
        }
    }

    // The first prose block, then the first closing marker after it.
    let first_prose = (start..n).find(|&i| feats[i].is_prose());
    let Some(first) = first_prose else {
        // No prose at all: keep sentence-punctuated or plainly cased blocks
        // (a very short statement), drop title-case labels, links,
        // captions and markers. A page of
        // chrome alone normalizes to nothing, which callers report.
        for i in start..n {
            let f = &feats[i];
            roles[i] = if blocks[i].markdown_heading {
                Role::Heading
            } else if (f.terminal || f.lead_in || f.title_case_ratio <= 0.6)
                && !f.inline_marker
                && !f.teaser
                && !f.end_marker
                && !f.start_marker
            {
                Role::Paragraph
            } else {
                Role::Removed(f.chrome_reason())
            };
        }
        return roles;
    };
    // A teaser with its headline ("Read more: Fishing row deepens") that
    // prose follows stands inside the article: it goes alone, where a bare
    // "Read more" above a list of links ends the text.
    let inline_teaser = |i: usize| {
        feats[i].teaser && feats[i].words > 3 && feats.get(i + 1).is_some_and(Features::is_prose)
    };
    let end = (first..n)
        .find(|&i| feats[i].end_marker && !inline_teaser(i))
        .unwrap_or(n);
    for role in roles.iter_mut().take(n).skip(end) {
        *role = Role::Removed("after the statement's end (footer, tags or teaser)");
    }
    if end < n {
        roles[end] = Role::Removed("closing marker");
    }
    let last = (first..end)
        .rev()
        .find(|&i| feats[i].is_prose())
        .unwrap_or(first);

    // Above the first prose block: Markdown headings and a lead-in that
    // directly introduces the text stay; everything else is chrome.
    let mut lead_start = first;
    while lead_start > start
        && (feats[lead_start - 1].is_lead_in()
            || feats[lead_start - 1].is_short_sentence()
            || feats[lead_start - 1].is_text_item())
    {
        lead_start -= 1;
    }
    for i in start..first {
        roles[i] = if blocks[i].markdown_heading
            || (feats[i].is_heading_shape(&blocks[i])
                && super::patterns::section_number(&blocks[i].text))
        {
            Role::Heading
        } else if i >= lead_start {
            Role::Paragraph
        } else {
            Role::Removed(feats[i].chrome_reason())
        };
    }
    // Inside the statement: captions and adverts go, short unpunctuated
    // lines are headings, all else is text.
    for i in first..=last {
        let (b, f) = (&blocks[i], &feats[i]);
        roles[i] = if (f.inline_marker || f.teaser || f.columns && !f.terminal)
            && !f.is_prose()
            && !b.markdown_heading
        {
            Role::Removed(f.chrome_reason())
        } else if f.is_heading_shape(b) && !b.table_row {
            Role::Heading
        } else {
            Role::Paragraph
        };
    }
    // Below the last prose block and before any closing marker: a closing
    // lead-in or signature is text only when it is punctuated prose-like.
    for i in last + 1..end {
        let f = &feats[i];
        // A list that the text runs into, item after item, is text.
        let continues_text = f.is_text_item()
            && (i == last + 1 || feats[i - 1].list_item && roles[i - 1] == Role::Paragraph);
        roles[i] = if blocks[i].markdown_heading {
            Role::Heading
        } else if continues_text
            || blocks[i].table_row
            || f.terminal && f.words >= 3 && !f.inline_marker && !f.teaser
        {
            Role::Paragraph
        } else {
            Role::Removed(f.chrome_reason())
        };
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::super::{normalize_text, Options};

    #[test]
    fn embedded_markers_parse() {
        assert!(!super::MARKERS.end.is_empty());
    }

    #[test]
    fn begin_and_end_text_wrappers_are_removed() {
        let page = "Site Banner\n\nHome > Press\n\nBegin Text:\n\nThe two sides agreed to deepen their cooperation on maritime security.\n\nThey will meet again next year to review the progress of the work.\n\nEnd Text.\n\nShare this:\n\nTwitter\n";
        let n = normalize_text(page, 1, Options::default());
        let texts: Vec<_> = n.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[0].starts_with("The two sides"));
        assert!(n.removed.iter().any(|r| r.text == "Begin Text:"));
    }

    #[test]
    fn headline_and_caption_above_prose_are_removed() {
        let page = "Leaders Pledge Closer Ties In Cyber Defence\n\nThe summit venue, seen from the harbour. Photo courtesy of the city council.\n\nThe leaders committed to a new framework for cooperation in the cyber domain.\n";
        let n = normalize_text(page, 1, Options::default());
        assert_eq!(n.paragraphs.len(), 1);
        assert_eq!(n.removed.len(), 2);
    }

    #[test]
    fn a_media_contact_line_is_removed() {
        let page = "The leaders committed to a new framework for cooperation in the cyber domain.\n\nFor media enquiries, contact the press office at +49 30 1234 5678.\n";
        let n = normalize_text(page, 1, Options::default());
        assert_eq!(n.paragraphs.len(), 1);
        assert!(n.removed[0].text.starts_with("For media enquiries"));
    }

    #[test]
    fn lead_in_line_is_kept() {
        let page = "The General Assembly,\n\nRecalling its previous resolutions on the subject of this text,\n\n1. Urges all States to act without delay on the matters before them;\n";
        let n = normalize_text(page, 1, Options::default());
        assert_eq!(n.paragraphs.len(), 3);
        assert_eq!(n.paragraphs[0].text, "The General Assembly,");
    }

    #[test]
    fn short_sentences_right_above_the_prose_are_text() {
        // Regression: both short paragraphs were dropped as "outside the
        // statement's run of prose".
        let page = "Press Statement by the Ministers of Foreign Affairs\n\n\
            The Ministers will meet quarterly.\n\n\
            They condemned the missile launch.\n\n\
            The Ministers agreed to hold the next meeting in Lisbon in 2026.\n";
        let n = normalize_text(page, 1, Options::default());
        let texts: Vec<_> = n.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(texts[0], "The Ministers will meet quarterly.");
        // The headline still goes, and so does a short sentence cut off
        // from the prose by a title line.
        let page = "Photo Gallery.\n\nLatest News And Updates\n\n\
            The leaders committed to a new framework for cooperation.\n";
        let n = normalize_text(page, 1, Options::default());
        assert_eq!(n.paragraphs.len(), 1, "{:?}", n.paragraphs);
    }

    #[test]
    fn a_running_page_header_inside_the_text_is_removed() {
        // Regression: a PDF's page break left "job number, page, symbol,
        // title" between two operative paragraphs, kept as a paragraph.
        let page = "The General Assembly,\n\n\
            1. Encourages Member States to develop national strategies;\n\n\
            24-12345                                       1/2\n\
            A/RES/79/501     Promotion of inclusive digital development\n\n\
            2. Requests the Secretary-General to submit a report.\n";
        let n = normalize_text(page, 1, Options::default());
        let texts: Vec<_> = n.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(n.removed[0].why.contains("page header"), "{:?}", n.removed);
    }

    #[test]
    fn keep_chrome_keeps_everything() {
        let page = "Banner Line\n\nThe leaders committed to a new framework for cooperation.\n\nCheck Also\n";
        let n = normalize_text(page, 1, Options { keep_chrome: true });
        assert_eq!(n.paragraphs.len(), 3);
    }
}
