//! Stage 3 — segment: each normalized paragraph is cut into tokens (for the
//! word diff), content terms (for alignment) and sentences (for pledges).
//!
//! The result, [`Statement`], is what every later stage reads: the
//! document's metadata, its paragraphs and their segments side by side.

use crate::lexicon::Lexicon;
pub use crate::lexicon::Term;
use crate::normalize::{canonical, fold_char, Normalized, Paragraph, Removed};
use crate::read::{Document, Meta};
use std::ops::Range;

/// Kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters or digits (with inner hyphens, apostrophes and dots).
    Word,
    /// One punctuation or symbol character.
    Punct,
    /// A run of whitespace.
    Space,
}

/// One token of a paragraph: a span of the segment's text. Only a token
/// whose canonical form differs from its text (curly quotes, dashes,
/// compatibility characters) stores that form, which keeps the many small
/// tokens of a long statement cheap.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte offset of the token in the segment's text.
    pub start: u32,
    /// Byte offset just past it.
    pub end: u32,
    /// What it is.
    pub kind: TokenKind,
    // A thin pointer (one word, not two) keeps a token at 24 bytes instead
    // of 32; tokens are the bulk of a large statement's memory, and folded
    // forms are rare (non-ASCII tokens only).
    folded: Option<Box<Box<str>>>,
}

impl Token {
    /// The token as written.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start as usize..self.end as usize]
    }

    /// The canonical form the word diff compares: one space for any
    /// whitespace, folded quotes and dashes.
    pub fn key<'a>(&'a self, src: &'a str) -> &'a str {
        match (self.kind, &self.folded) {
            (TokenKind::Space, _) => " ",
            (_, Some(f)) => f,
            (_, None) => self.text(src),
        }
    }
}

/// A segmented paragraph.
#[derive(Debug, Clone, Default)]
pub struct Segment {
    /// The paragraph text the tokens point into.
    pub text: String,
    /// All tokens; concatenating their text gives `text` back.
    pub tokens: Vec<Token>,
    /// Content terms: stemmed, lower-case, stop words dropped, equal-force
    /// verbs and equivalent phrases folded into one class.
    pub terms: Vec<Term>,
    /// The words each term came from (same length as `terms`).
    pub term_words: Vec<Term>,
    /// Index (in `tokens`) of each term's first word (same length as `terms`).
    pub term_tokens: Vec<u32>,
    /// Sentences as token ranges.
    pub sentences: Vec<Range<usize>>,
}

/// A statement ready for alignment: metadata, paragraphs and segments.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Name shown for the statement (its path).
    pub name: String,
    /// Front matter.
    pub meta: Meta,
    /// Paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// One segment per paragraph.
    pub segments: Vec<Segment>,
    /// What the normalizer removed.
    pub removed: Vec<Removed>,
    /// Id of the genre profile its pledges are read with: `--genre`, else
    /// the front matter's `genre:` (see [`crate::pipeline::try_prepare`]).
    pub genre: Option<String>,
}

/// Builds a [`Statement`] from a read and normalized document.
pub fn segment(doc: &Document, normalized: Normalized, lexicon: &Lexicon) -> Statement {
    // A statement repeats a small vocabulary: each distinct word's stem
    // and term are worked out once for all its paragraphs. Room for one
    // distinct word per 16 bytes of text (an 8 KB statement has some 550):
    // the cache rarely grows, and each growth rehashes it.
    let bytes: usize = normalized.paragraphs.iter().map(|p| p.text.len()).sum();
    let mut cache = WordCache::with_capacity((bytes / 16).min(1 << 14));
    let segments = normalized
        .paragraphs
        .iter()
        .map(|p| segment_with(&p.text, lexicon, &mut cache))
        .collect();
    Statement {
        name: doc.name.clone(),
        meta: doc.meta.clone(),
        paragraphs: normalized.paragraphs,
        segments,
        removed: normalized.removed,
        genre: doc.meta.genre.clone(),
    }
}

/// A statement straight from text (chrome kept), for unit tests of the
/// stages after this one.
#[cfg(test)]
pub(crate) fn statement_from_text(text: &str) -> Statement {
    let lex = Lexicon::builtin();
    let n =
        crate::normalize::normalize_text(text, 1, crate::normalize::Options { keep_chrome: true });
    Statement {
        name: "t".into(),
        meta: crate::read::Meta::default(),
        segments: n
            .paragraphs
            .iter()
            .map(|p| segment_text(&p.text, &lex))
            .collect(),
        paragraphs: n.paragraphs,
        removed: vec![],
        genre: None,
    }
}

/// Segments one paragraph's text.
pub fn segment_text(text: &str, lexicon: &Lexicon) -> Segment {
    segment_with(text, lexicon, &mut WordCache::default())
}

fn segment_with<'t>(text: &'t str, lexicon: &Lexicon, cache: &mut WordCache<'t>) -> Segment {
    let tokens = tokenize(text);
    let word_tokens: Vec<u32> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == TokenKind::Word)
        .map(|(i, _)| i as u32)
        .collect();
    let mut terms = Vec::new();
    let mut term_words = Vec::new();
    let mut term_tokens = Vec::new();
    {
        let words: Vec<&str> = word_tokens
            .iter()
            .map(|&i| tokens[i as usize].key(text))
            .collect();
        // The cache is keyed by the word as written, which outlives this
        // call; its canonical key (what the term rules read) may live in
        // the token, which moves into the segment below. The two always go
        // together, so either names the same entry.
        let written = |i: u32| tokens[i as usize].text(text);
        let at: Vec<usize> = word_tokens
            .iter()
            .zip(&words)
            .map(|(&i, w)| cache.fill(written(i), w, lexicon))
            .collect();
        let infos: Vec<&WordInfo> = at.iter().map(|&k| &cache.infos[k]).collect();
        for (t, w, at) in terms_from(&words, &infos, lexicon) {
            terms.push(t);
            term_words.push(w);
            term_tokens.push(word_tokens[at]);
        }
    }
    let sentences = sentences(&tokens, text, lexicon);
    Segment {
        text: text.to_string(),
        tokens,
        terms,
        term_words,
        term_tokens,
        sentences,
    }
}

/// What the term rules make of one word as written.
struct WordInfo {
    /// English stem of its lower-case form.
    stem: Term,
    /// The stem starts an equivalent phrase.
    starts_equivalent: bool,
    /// Its content term when it stands alone, and the word itself.
    term: Option<TermWord>,
}

/// [`WordInfo`] of each distinct word seen, keyed by the word as written.
#[derive(Default)]
struct WordCache<'w> {
    /// Where each word's entry is in `infos`: `fill` returns it, so that
    /// a word is looked up once, not again to read its entry.
    index: rustc_hash::FxHashMap<&'w str, usize>,
    infos: Vec<WordInfo>,
}

impl<'w> WordCache<'w> {
    fn with_capacity(words: usize) -> Self {
        WordCache {
            index: rustc_hash::FxHashMap::with_capacity_and_hasher(words, Default::default()),
            infos: Vec::with_capacity(words),
        }
    }

    /// Works out the [`WordInfo`] of a word as `written` from its canonical
    /// form `word`, unless it is known already; returns where it is in
    /// `infos`.
    fn fill(&mut self, written: &'w str, word: &str, lexicon: &Lexicon) -> usize {
        let infos = &mut self.infos;
        *self.index.entry(written).or_insert_with(|| {
            let lower = if word.chars().any(char::is_uppercase) {
                std::borrow::Cow::Owned(word.to_lowercase())
            } else {
                std::borrow::Cow::Borrowed(word)
            };
            let stem = crate::lexicon::stem_shared(&lower);
            infos.push(WordInfo {
                starts_equivalent: lexicon.equivalent_starts.contains(&*stem),
                term: term_of_lower(&lower, Some(stem.clone()), lexicon)
                    .map(|t| (t, Term::from(word))),
                stem,
            });
            infos.len() - 1
        })
    }
}

/// A content term and the word(s) it came from.
pub type TermWord = (Term, Term);

/// Content terms of a word sequence, with the words each came from.
/// Equivalent phrases ("work together" / "cooperate") fold into one term.
pub fn terms_of(words: &[&str], lexicon: &Lexicon) -> Vec<TermWord> {
    let mut cache = WordCache::default();
    let at: Vec<usize> = words.iter().map(|w| cache.fill(w, w, lexicon)).collect();
    let infos: Vec<&WordInfo> = at.iter().map(|&k| &cache.infos[k]).collect();
    terms_from(words, &infos, lexicon)
        .into_iter()
        .map(|(t, w, _)| (t, w))
        .collect()
}

/// [`terms_of`] given each word's [`WordInfo`], with the index of each
/// term's first word.
fn terms_from(words: &[&str], infos: &[&WordInfo], lexicon: &Lexicon) -> Vec<(Term, Term, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < infos.len() {
        let first = &infos[i].stem;
        if infos[i].starts_equivalent {
            let mut hit = None;
            for (p, canonical) in &lexicon.equivalents {
                if p.len() > infos.len() - i || *p[0] != **first {
                    continue;
                }
                if (1..p.len()).all(|k| *infos[i + k].stem == *p[k]) {
                    hit = Some((p.len(), canonical));
                    break;
                }
            }
            if let Some((n, canonical)) = hit {
                out.push((canonical.clone(), Term::from(words[i..i + n].join(" ")), i));
                i += n;
                continue;
            }
        }
        if let Some((t, w)) = &infos[i].term {
            out.push((t.clone(), w.clone(), i));
        }
        i += 1;
    }
    out
}

/// Term lists up to this long are cancelled by searching, longer ones by
/// counting. Searching costs less than hashing up to about 64 terms (a
/// pledge's, most paragraphs'); beyond, its quadratic cost takes over.
const SMALL_TERM_POOL: usize = 64;

/// The terms of one side, each able to cancel one equal term of the other.
enum TermPool<'a> {
    /// A short list, searched.
    Few(Vec<&'a str>),
    /// A long list, counted: searching was quadratic in its length.
    Many(rustc_hash::FxHashMap<&'a str, usize>),
}

impl<'a> TermPool<'a> {
    fn new(terms: &'a [TermWord]) -> Self {
        if terms.len() <= SMALL_TERM_POOL {
            return TermPool::Few(terms.iter().map(|(t, _)| &**t).collect());
        }
        let mut counts = rustc_hash::FxHashMap::default();
        for (t, _) in terms {
            *counts.entry(&**t).or_default() += 1;
        }
        TermPool::Many(counts)
    }

    /// Uses up one occurrence of `term`; false when none is left.
    fn take(&mut self, term: &str) -> bool {
        match self {
            TermPool::Few(pool) => pool
                .iter()
                .position(|p| *p == term)
                .map(|pos| pool.swap_remove(pos))
                .is_some(),
            TermPool::Many(counts) => match counts.get_mut(term) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            },
        }
    }
}

/// Terms present on one side only, as (term, word) pairs, after an acronym
/// and the words whose initials spell it cancel out ("AI" / "artificial
/// intelligence").
pub fn term_difference(a: &[TermWord], b: &[TermWord]) -> (Vec<TermWord>, Vec<TermWord>) {
    // Multiset difference, in `x`'s order: each term of `y` cancels one
    // occurrence in `x`.
    let minus = |x: &[TermWord], y: &[TermWord]| -> Vec<TermWord> {
        let mut pool = TermPool::new(y);
        x.iter().filter(|(t, _)| !pool.take(t)).cloned().collect()
    };
    let mut gone = minus(a, b);
    let mut came = minus(b, a);
    cancel_acronyms(&mut gone, &mut came);
    cancel_acronyms(&mut came, &mut gone);
    (gone, came)
}

/// A word written as an acronym: two to six capitals, dots aside ("AI",
/// "U.S.").
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|&c| c != '.');
    // Capitals first: most words fail at their first letter.
    letters.clone().all(char::is_uppercase) && (2..=6).contains(&letters.clone().count())
}

fn cancel_acronyms(short: &mut Vec<TermWord>, long: &mut Vec<TermWord>) {
    let mut k = 0;
    while k < short.len() {
        if let Some((s, n)) = spelled_out(&short[k].1, long) {
            long.drain(s..s + n);
            short.remove(k);
        } else {
            k += 1;
        }
    }
}

/// Where in `long` the words whose initials spell `word` stand, as start
/// and count, when `word` is an acronym.
fn spelled_out(word: &str, long: &[TermWord]) -> Option<(usize, usize)> {
    if !is_acronym(word) {
        return None;
    }
    let acro = word.replace('.', "");
    let n = acro.chars().count();
    (0..long.len().saturating_sub(n - 1))
        .find(|&s| {
            long[s..s + n].iter().zip(acro.chars()).all(|((_, w), c)| {
                w.chars()
                    .next()
                    .map(|f| f.to_lowercase().eq(c.to_lowercase()))
                    == Some(true)
            })
        })
        .map(|s| (s, n))
}

fn is_joiner(c: char) -> bool {
    matches!(fold_char(c), '-' | '\'' | '.')
}

/// "50,000": after a number's digits (`word`), a comma and three digits
/// that end the number (`rest` follows the comma) keep it one word.
fn thousands_follow(word: &str, rest: &str) -> bool {
    let group = rest.as_bytes();
    word.bytes().all(|b| b.is_ascii_digit() || b == b',')
        && group.len() >= 3
        && group[..3].iter().all(u8::is_ascii_digit)
        && !rest[3..].starts_with(|c: char| c.is_alphanumeric())
}

/// Splits text into word, punctuation and space tokens. Joiners (hyphens,
/// apostrophes, dots) stay inside a word when letters or digits follow, so
/// "U.S.-Japan", "iron-clad", "Japan's" and "2.5" are one token each.
pub fn tokenize(text: &str) -> Vec<Token> {
    // Positions are byte offsets and characters are decoded where they are
    // read: no per-paragraph table of every character.
    let at = |i: usize| text[i..].chars().next();
    let after = |i: usize, c: char| i + c.len_utf8();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(c) = at(i) {
        let start = i;
        let (kind, mut j) = if c.is_whitespace() {
            let mut j = after(i, c);
            while let Some(d) = at(j).filter(|d| d.is_whitespace()) {
                j = after(j, d);
            }
            (TokenKind::Space, j)
        } else if c.is_alphanumeric() {
            let mut j = after(i, c);
            while let Some(d) = at(j) {
                if d.is_alphanumeric() {
                    j = after(j, d);
                } else if d == ',' && thousands_follow(&text[start..j], &text[j + 1..]) {
                    j += 4;
                } else if d == '.' && glued_sentence(&text[start..j], &text[j + 1..]) {
                    // "Afghanistan.They": a sentence end that lost its
                    // space, not a dotted word.
                    break;
                } else if is_joiner(d) {
                    // Up to two joiners in a row ("U.S.-Japan") stay inside
                    // the word when a letter or digit follows them.
                    let mut k = after(j, d);
                    if let Some(e) = at(k).filter(|&e| is_joiner(e)) {
                        k = after(k, e);
                    }
                    match at(k) {
                        Some(f) if f.is_alphanumeric() => j = after(k, f),
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            (TokenKind::Word, j)
        } else {
            (TokenKind::Punct, after(i, c))
        };
        // Keep "U.S." whole: a dot right after a single-letter chunk.
        if kind == TokenKind::Word && at(j) == Some('.') {
            let word = &text[start..j];
            let last_chunk = word.rsplit('.').next().unwrap_or("");
            if word.contains('.') && last_chunk.chars().count() == 1 {
                j += 1;
            }
        }
        let end = j;
        let raw = &text[start..end];
        let folded = match kind {
            TokenKind::Space => None,
            // ASCII is already in canonical form except for the backtick.
            _ if raw.is_ascii() && !raw.contains('`') => None,
            _ => Some(canonical(raw))
                .filter(|c| c != raw)
                .map(|c| Box::new(c.into_boxed_str())),
        };
        tokens.push(Token {
            start: start as u32,
            end: end as u32,
            kind,
            folded,
        });
        i = j;
    }
    tokens
}

/// A word's content term, or `None` for stop words and punctuation.
pub fn term(key: &str, lexicon: &Lexicon) -> Option<String> {
    term_of_lower(&key.to_lowercase(), None, lexicon).map(|t| t.to_string())
}

/// [`term`] of a lower-case word, reusing its stem when the caller has
/// already computed it.
fn term_of_lower(lower: &str, stem: Option<Term>, lexicon: &Lexicon) -> Option<Term> {
    let (lower, stem) = match lower.strip_suffix("'s") {
        Some(base) => (base, None),
        None => (lower, stem),
    };
    if lower.is_empty() || lexicon.stopwords.contains(lower) {
        return None;
    }
    if let Some(&class) = lexicon.synonym_class.get(lower) {
        return Some(Term::from(class));
    }
    if lower.chars().any(|c| c.is_ascii_digit()) {
        return Some(Term::from(lower));
    }
    Some(stem.unwrap_or_else(|| crate::lexicon::stem_shared(lower)))
}

/// Sentence boundaries: a `.`, `!` or `?` (or `;` ending a clause list)
/// followed by space and a capital, digit or quote, unless the word before
/// is an abbreviation (the lexicon's `abbreviations`: "Mr.", "No.",
/// "e.g.") or an initial ("Joseph R. Biden").
/// Is a dot between `before` (the word so far) and `after` a sentence end
/// whose space was lost? The chunk before it is two or more letters ending
/// in lower case, and a capitalized word in lower case follows ("Afghan-
/// istan.They"). Initials ("U.S.Army"), abbreviations of one letter
/// ("e.g.The") and names in capitals ("gov.UK") stay one word.
fn glued_sentence(before: &str, after: &str) -> bool {
    let chunk = before.rsplit(['.', '-']).next().unwrap_or("");
    let mut rest = after.chars();
    chunk.chars().count() >= 2
        && chunk.chars().all(char::is_alphabetic)
        && chunk.chars().last().is_some_and(char::is_lowercase)
        && rest.next().is_some_and(char::is_uppercase)
        && rest.next().is_some_and(char::is_lowercase)
}

fn sentences(tokens: &[Token], src: &str, lexicon: &Lexicon) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        let ends = match t.key(src) {
            "." | "!" | "?" => {
                let prev_abbrev = tokens[..i]
                    .last()
                    .filter(|p| p.kind == TokenKind::Word)
                    .is_some_and(|p| {
                        let written = p.text(src);
                        let initial =
                            written.chars().count() == 1 && written.chars().all(char::is_uppercase);
                        initial || lexicon.abbreviations.contains(&*p.key(src).to_lowercase())
                    });
                let next_starts = tokens
                    .get(i + 2)
                    .filter(|_| {
                        tokens
                            .get(i + 1)
                            .is_some_and(|s| s.kind == TokenKind::Space)
                    })
                    .is_some_and(|n| {
                        n.text(src)
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"')
                            || n.key(src) == "\""
                    });
                // A page that lost the space ("Afghanistan.They
                // discussed"): a word of two or more letters, the mark,
                // then a capitalized word in lower case after its first
                // letter. Initials and abbreviations ("U.S.", "e.g.")
                // are caught above.
                let glued = || {
                    let word = |k: usize| tokens.get(k).filter(|t| t.kind == TokenKind::Word);
                    let (Some(p), Some(n)) = (i.checked_sub(1).and_then(word), word(i + 1)) else {
                        return false;
                    };
                    let (p, n) = (p.text(src), n.text(src));
                    let mut rest = n.chars();
                    p.chars().count() >= 2
                        && p.chars().last().is_some_and(char::is_lowercase)
                        && rest.next().is_some_and(char::is_uppercase)
                        && rest.clone().next().is_some()
                        && rest.all(char::is_lowercase)
                };
                !prev_abbrev && (next_starts || glued())
            }
            _ => false,
        };
        // A sentence that ends inside a quotation ends after the closing
        // quote: `… aggression." The Council will …`.
        let ends_quoted = !ends
            && matches!(t.key(src), "." | "!" | "?")
            && tokens
                .get(i + 1)
                .is_some_and(|q| matches!(q.text(src), "\"" | "\u{201d}" | "'" | "\u{2019}"))
            && tokens
                .get(i + 2)
                .is_some_and(|s| s.kind == TokenKind::Space)
            && tokens
                .get(i + 3)
                .is_some_and(|n| n.text(src).chars().next().is_some_and(|c| c.is_uppercase()));
        if ends_quoted {
            out.push(start..i + 2);
            start = i + 2;
            if tokens
                .get(start)
                .is_some_and(|t| t.kind == TokenKind::Space)
            {
                start += 1;
            }
            continue;
        }
        if ends {
            out.push(start..i + 1);
            start = i + 1;
            // The space after the sentence belongs to neither.
            if tokens
                .get(start)
                .is_some_and(|t| t.kind == TokenKind::Space)
            {
                start += 1;
            }
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_difference_cancels_each_shared_term_once_and_keeps_order() {
        let tw = |v: &[&str]| -> Vec<TermWord> {
            v.iter()
                .map(|t| (Term::from(*t), Term::from(t.to_uppercase())))
                .collect()
        };
        let (gone, came) = term_difference(
            &tw(&["peac", "secur", "peac", "allianc", "peac"]),
            &tw(&["secur", "peac", "region", "region"]),
        );
        let terms = |v: &[TermWord]| v.iter().map(|(t, _)| t.to_string()).collect::<Vec<_>>();
        assert_eq!(terms(&gone), ["peac", "allianc", "peac"]);
        assert_eq!(terms(&came), ["region", "region"]);
        assert_eq!(&*gone[1].1, "ALLIANC");

        // Past the small pool the counting path must agree with searching.
        let long = |seed: u64, n: usize| -> Vec<TermWord> {
            (0..n as u64)
                .map(|i| {
                    let t = Term::from(format!("t{}", (i * 7 + seed * 13) % 23));
                    (t.clone(), t)
                })
                .collect()
        };
        let search = |x: &[TermWord], y: &[TermWord]| -> Vec<String> {
            let mut pool: Vec<&Term> = y.iter().map(|(t, _)| t).collect();
            x.iter()
                .filter(|(t, _)| match pool.iter().position(|p| *p == t) {
                    Some(i) => {
                        pool.swap_remove(i);
                        false
                    }
                    None => true,
                })
                .map(|(t, _)| t.to_string())
                .collect()
        };
        let (a, b) = (long(1, 160), long(2, 120));
        let (gone, came) = term_difference(&a, &b);
        assert_eq!(terms(&gone), search(&a, &b));
        assert_eq!(terms(&came), search(&b, &a));
    }

    /// The token spans of the tokenizer as it was before it decoded
    /// characters in place (a table of every character first), kept to
    /// check the new one against.
    fn tokenize_by_char_table(text: &str) -> Vec<(u32, u32, TokenKind)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut spans = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let (start, c) = chars[i];
            let (kind, mut j) = if c.is_whitespace() {
                let mut j = i + 1;
                while j < chars.len() && chars[j].1.is_whitespace() {
                    j += 1;
                }
                (TokenKind::Space, j)
            } else if c.is_alphanumeric() {
                let mut j = i + 1;
                while j < chars.len() {
                    let d = chars[j].1;
                    if d.is_alphanumeric() {
                        j += 1;
                    } else if d == ','
                        && thousands_follow(&text[start..chars[j].0], &text[chars[j].0 + 1..])
                    {
                        j += 4;
                    } else if d == '.'
                        && glued_sentence(&text[start..chars[j].0], &text[chars[j].0 + 1..])
                    {
                        break;
                    } else if is_joiner(d) {
                        // Up to two joiners in a row ("U.S.-Japan") stay inside
                        // the word when a letter or digit follows them.
                        let mut k = j + 1;
                        if k < chars.len() && is_joiner(chars[k].1) {
                            k += 1;
                        }
                        if k < chars.len() && chars[k].1.is_alphanumeric() {
                            j = k + 1;
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                (TokenKind::Word, j)
            } else {
                (TokenKind::Punct, i + 1)
            };
            // Keep "U.S." whole: a dot right after a single-letter chunk.
            if kind == TokenKind::Word && j < chars.len() && chars[j].1 == '.' {
                let word: String = chars[i..j].iter().map(|(_, c)| *c).collect();
                let last_chunk = word.rsplit('.').next().unwrap_or("");
                if word.contains('.') && last_chunk.chars().count() == 1 {
                    j += 1;
                }
            }
            let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
            spans.push((start as u32, end as u32, kind));
            i = j;
        }
        spans
    }

    #[test]
    fn tokenizer_agrees_with_the_char_table_one() {
        // Words, joiners in every arrangement, dots, quotes, dashes,
        // non-ASCII letters and digits, spacing of every kind.
        let pieces = [
            "U", "S", "a", "2", ".", ".", "-", "'", "\u{2019}", " ", "\u{a0}", ",", "\u{e9}", "`",
            "Japan", "\u{4e2d}", "\u{201c}", "\n", "000", "12",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..next() % 12 {
                text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            let spans: Vec<_> = tokenize(&text)
                .iter()
                .map(|t| (t.start, t.end, t.kind))
                .collect();
            assert_eq!(spans, tokenize_by_char_table(&text), "{text:?}");
        }
    }

    #[test]
    fn a_token_stays_three_words_long() {
        assert!(std::mem::size_of::<Token>() <= 24);
    }

    fn words(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(text).to_string())
            .collect()
    }

    #[test]
    fn tokens_reconstruct_text() {
        let t = "The U.S.\u{2013}Japan Alliance, iron-clad; Japan\u{2019}s 2.5 percent.  End";
        let joined: String = tokenize(t).iter().map(|tok| tok.text(t)).collect();
        assert_eq!(joined, t);
    }

    #[test]
    fn compound_words_stay_whole() {
        assert_eq!(
            words("U.S.-Japan iron-clad Japan's 2.5 case-by-case U.S. forces"),
            vec![
                "U.S.-Japan",
                "iron-clad",
                "Japan's",
                "2.5",
                "case-by-case",
                "U.S.",
                "forces"
            ]
        );
        // Thousands separators, but not a list written without spaces.
        assert_eq!(
            words("50,000 nurses, 1,250,000 homes, 3,12 and 7,1000"),
            vec![
                "50,000",
                "nurses",
                "1,250,000",
                "homes",
                "3",
                "12",
                "and",
                "7",
                "1000"
            ]
        );
    }

    #[test]
    fn curly_and_straight_quotes_share_a_key() {
        let a = tokenize("Japan\u{2019}s");
        let b = tokenize("Japan's");
        assert_eq!(a[0].key("Japan\u{2019}s"), b[0].key("Japan's"));
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let s = segment_text(
            "The U.S. forces will stay. Japan agreed. See No. 5 for details.",
            &Lexicon::builtin(),
        );
        assert_eq!(s.sentences.len(), 3);
    }

    #[test]
    fn an_initial_does_not_end_a_sentence() {
        // Regression: "President Joseph R. Biden, Jr. of the United States
        // reaffirmed …" was cut at "R.", garbling the pledge after it.
        let s = segment_text(
            "President Joseph R. Biden, Jr. of the United States and Mr. Kishida met. They reaffirmed the Alliance.",
            &Lexicon::builtin(),
        );
        assert_eq!(s.sentences.len(), 2);
    }

    #[test]
    fn terms_fold_synonyms_and_drop_stopwords() {
        let lex = Lexicon::builtin();
        let a = segment_text("The Ministers reaffirmed the Alliance", &lex);
        let b = segment_text("The Ministers reiterated the Alliance", &lex);
        assert_eq!(a.terms, b.terms);
        assert!(!a.terms.iter().any(|t| &**t == "the"));
    }
}
