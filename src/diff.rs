//! Stage 5 — diff: each alignment entry gets a word-level diff (with
//! `similar`, over canonical token keys so quote style and spacing never
//! count) and a paragraph change kind.
//!
//! `reworded` versus `modified` is decided on content terms: if the bag of
//! stemmed content words (equal-force verbs folded together) is the same on
//! both sides, only wording changed. The pledge stage may still promote a
//! `reworded` paragraph to `modified` when a pledge in it changed.

use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{capture_diff_slices_deadline, Algorithm, DiffTag};

use crate::align::Alignment;
use crate::segment::Statement;

/// How long one paragraph's word diff may run before falling back to a
/// coarser (still correct) diff. Only pathological inputs come near it.
pub const WORD_DIFF_DEADLINE: Duration = Duration::from_millis(500);

/// Word diffs of at most this many units (words and marks, both sides
/// together) run without a deadline: Myers' worst case on them, about
/// (N + M)² steps, takes some milliseconds, far below
/// [`WORD_DIFF_DEADLINE`].
const UNBOUNDED_UNITS: usize = 2_000;

/// Paragraph change kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Identical after normalization.
    Unchanged,
    /// Wording changed, content did not.
    Reworded,
    /// Content changed.
    Modified,
    /// Only in the new statement.
    Added,
    /// Only in the old statement.
    Dropped,
    /// One old paragraph became several.
    Split,
    /// Several old paragraphs became one.
    Merged,
}

impl Change {
    /// Name used in JSON and summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Unchanged => "unchanged",
            Change::Reworded => "reworded",
            Change::Modified => "modified",
            Change::Added => "added",
            Change::Dropped => "dropped",
            Change::Split => "split",
            Change::Merged => "merged",
        }
    }

    /// All kinds, in summary order.
    pub const ALL: [Change; 7] = [
        Change::Unchanged,
        Change::Reworded,
        Change::Modified,
        Change::Added,
        Change::Dropped,
        Change::Split,
        Change::Merged,
    ];
}

/// A word-diff operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// In both.
    Equal,
    /// Only in new.
    Insert,
    /// Only in old.
    Delete,
}

/// A run of tokens with one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordOp {
    /// The operation.
    pub op: Op,
    /// Text as written (new side's wording for equal runs).
    pub text: String,
    /// For equal runs, the old side's wording (it may differ from `text` in
    /// quote style or spacing, which are not changes).
    pub old_text: String,
    /// Canonical text, from which both sides can be rebuilt exactly.
    pub key: String,
}

/// One diffed alignment entry.
#[derive(Debug, Clone)]
pub struct ParagraphDiff {
    /// Kind of change.
    pub change: Change,
    /// Moved relative to the others.
    pub moved: bool,
    /// Old indices.
    pub old: Vec<usize>,
    /// New indices.
    pub new: Vec<usize>,
    /// Content similarity.
    pub similarity: Option<f64>,
    /// Word diff.
    pub words: Vec<WordOp>,
    /// The word diff hit its time bound and is coarser than usual.
    pub bounded: bool,
}

impl ParagraphDiff {
    /// A change a reader must look at (not unchanged, reworded or a bare
    /// re-cut of the same text).
    pub fn is_substantive(&self) -> bool {
        match self.change {
            Change::Unchanged | Change::Reworded => false,
            Change::Split | Change::Merged => self
                .words
                .iter()
                .any(|w| w.op != Op::Equal && w.key.chars().any(|c| c.is_alphanumeric())),
            _ => true,
        }
    }
}

/// Diffs every alignment entry.
pub fn diff(old: &Statement, new: &Statement, alignment: &[Alignment]) -> Vec<ParagraphDiff> {
    alignment.iter().map(|a| diff_entry(old, new, a)).collect()
}

/// A token's text as written and its canonical key.
pub type Piece<'a> = (&'a str, &'a str);

/// The tokens of one or more paragraphs, a paragraph break between them.
fn joined<'a>(s: &'a Statement, idx: &[usize]) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    for (n, &i) in idx.iter().enumerate() {
        if n > 0 {
            out.push(("\n\n", " "));
        }
        let seg = &s.segments[i];
        out.extend(
            seg.tokens
                .iter()
                .map(|t| (t.text(&seg.text), t.key(&seg.text))),
        );
    }
    out
}

fn terms(s: &Statement, idx: &[usize]) -> Vec<crate::segment::TermWord> {
    idx.iter()
        .flat_map(|&i| {
            let seg = &s.segments[i];
            seg.terms
                .iter()
                .cloned()
                .zip(seg.term_words.iter().cloned())
        })
        .collect()
}

/// Same content on both sides: equal term bags once equivalent phrases
/// and acronyms are folded.
fn same_content(old: &Statement, new: &Statement, a: &Alignment) -> bool {
    let (gone, came) = crate::segment::term_difference(&terms(old, &a.old), &terms(new, &a.new));
    gone.is_empty() && came.is_empty()
}

fn diff_entry(old: &Statement, new: &Statement, a: &Alignment) -> ParagraphDiff {
    let identical = a.old.len() == 1
        && a.new.len() == 1
        && old.paragraphs[a.old[0]].key == new.paragraphs[a.new[0]].key;
    let (words, bounded) = if identical {
        // Most paragraphs of a re-issued statement are unchanged: one equal
        // run, no diff to compute.
        let (o, n) = (&old.segments[a.old[0]], &new.segments[a.new[0]]);
        let key: String = n.tokens.iter().map(|t| t.key(&n.text)).collect();
        let run = WordOp {
            op: Op::Equal,
            text: n.text.clone(),
            old_text: o.text.clone(),
            key,
        };
        (
            if n.text.is_empty() {
                Vec::new()
            } else {
                vec![run]
            },
            false,
        )
    } else {
        word_diff(&joined(old, &a.old), &joined(new, &a.new))
    };
    let change = match (a.old.len(), a.new.len()) {
        (0, _) => Change::Added,
        (_, 0) => Change::Dropped,
        (1, 1) if identical => Change::Unchanged,
        (1, 1) if same_content(old, new, a) => Change::Reworded,
        (1, 1) => Change::Modified,
        (1, _) => Change::Split,
        _ => Change::Merged,
    };
    ParagraphDiff {
        change,
        moved: a.moved,
        old: a.old.clone(),
        new: a.new.clone(),
        similarity: a.similarity,
        words,
        bounded,
    }
}

/// Word diff of two token sequences, compared by key. Returns the runs and
/// whether the time bound was hit.
pub fn word_diff(old: &[Piece<'_>], new: &[Piece<'_>]) -> (Vec<WordOp>, bool) {
    // Myers runs on units — a word or mark with the spacing after it — and
    // compares them by the word's key as a small integer. Leaving spacing
    // out of the search halves both the sequences and the edit distance,
    // which is what Myers' time grows with; spacing is put back after.
    let (old_units, new_units) = (units(old), units(new));
    // Room for every unit: a map grown from empty rehashes several times
    // per paragraph, and no pair has more distinct words than units.
    let mut ids = rustc_hash::FxHashMap::with_capacity_and_hasher(
        old_units.len() + new_units.len(),
        Default::default(),
    );
    let ok = intern(&mut ids, old, &old_units);
    let nk = intern(&mut ids, new, &new_units);
    // Myers checks its deadline at every edit distance it tries: a clock
    // read each time, a tenth of a paragraph's word diff. Pairs too short
    // to come near the deadline skip it.
    let deadline =
        (ok.len() + nk.len() > UNBOUNDED_UNITS).then(|| Instant::now() + WORD_DIFF_DEADLINE);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &ok, &nk, deadline);
    let bounded = deadline.is_some_and(|d| Instant::now() >= d);
    let mut out = Runs::default();
    // Spacing before the first word, if any.
    out.change(&old[..lead(old)], &new[..lead(new)]);
    for op in &ops {
        let (tag, or, nr) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                for (o, n) in old_units[or].iter().zip(&new_units[nr]) {
                    out.push(
                        Op::Equal,
                        &new[n.start..n.start + 1],
                        &old[o.start..o.start + 1],
                    );
                    out.change(&old[o.start + 1..o.end], &new[n.start + 1..n.end]);
                }
            }
            _ => out.change(span(old, &old_units[or]), span(new, &new_units[nr])),
        }
    }
    (cleanup(out.0), bounded)
}

fn is_spacing(p: &Piece<'_>) -> bool {
    !p.1.is_empty() && p.1.chars().all(char::is_whitespace)
}

/// Number of spacing pieces before the first word.
fn lead(pieces: &[Piece<'_>]) -> usize {
    pieces.iter().take_while(|p| is_spacing(p)).count()
}

/// The pieces a run of consecutive units covers.
fn span<'p, 'a>(pieces: &'p [Piece<'a>], units: &[std::ops::Range<usize>]) -> &'p [Piece<'a>] {
    match (units.first(), units.last()) {
        (Some(a), Some(b)) => &pieces[a.start..b.end],
        _ => &pieces[..0],
    }
}

/// Units as piece ranges: a word or mark first, then the spacing after it.
fn units(pieces: &[Piece<'_>]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(pieces.len() / 2 + 1);
    for (i, p) in pieces.iter().enumerate().skip(lead(pieces)) {
        match out.last_mut() {
            Some(u) if is_spacing(p) => u.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// Each unit's word key as an integer, shared between the two sides.
fn intern<'a>(
    ids: &mut rustc_hash::FxHashMap<&'a str, u32>,
    pieces: &[Piece<'a>],
    units: &[std::ops::Range<usize>],
) -> Vec<u32> {
    units
        .iter()
        .map(|u| {
            let next = ids.len() as u32;
            *ids.entry(pieces[u.start].1).or_insert(next)
        })
        .collect()
}

/// The word runs being built: consecutive pieces with one operation merge.
/// Where spacing lands around a change is left to [`cleanup`].
#[derive(Default)]
struct Runs(Vec<WordOp>);

impl Runs {
    /// Pieces at the same place on both sides: equal when their keys
    /// match piece for piece, else deleted and inserted.
    fn change(&mut self, old: &[Piece<'_>], new: &[Piece<'_>]) {
        if old.len() == new.len() && old.iter().zip(new).all(|(a, b)| a.1 == b.1) {
            self.push(Op::Equal, new, old);
        } else {
            self.push(Op::Delete, old, &[]);
            self.push(Op::Insert, new, &[]);
        }
    }

    fn push(&mut self, op: Op, toks: &[Piece<'_>], old_toks: &[Piece<'_>]) {
        if toks.is_empty() {
            return;
        }
        let text = toks.iter().map(|t| t.0);
        let old_text = old_toks.iter().map(|t| t.0);
        let key = toks.iter().map(|t| t.1);
        match self.0.last_mut() {
            Some(last) if last.op == op => {
                last.text.extend(text);
                last.old_text.extend(old_text);
                last.key.extend(key);
            }
            _ => self.0.push(WordOp {
                op,
                text: text.collect(),
                old_text: old_text.collect(),
                key: key.collect(),
            }),
        }
    }
}

/// Longest equal run (in characters, spaces trimmed) that is absorbed into
/// the changes around it.
const SMALL_EQUAL: usize = 3;

/// Readability pass: a tiny equal run ("the", ", ", a space) between two
/// changes is folded into them, so a redline reads as one deletion and one
/// insertion instead of confetti. Both sides still rebuild exactly.
fn cleanup(ops: Vec<WordOp>) -> Vec<WordOp> {
    let n = ops.len();
    let small: Vec<bool> = (0..n)
        .map(|i| {
            ops[i].op == Op::Equal
                && i > 0
                && i + 1 < n
                && ops[i - 1].op != Op::Equal
                && ops[i + 1].op != Op::Equal
                && ops[i].key.trim().chars().count() <= SMALL_EQUAL
        })
        .collect();
    let mut out: Vec<WordOp> = Vec::new();
    let mut del: Option<WordOp> = None;
    let mut ins: Option<WordOp> = None;
    let add = |slot: &mut Option<WordOp>, op: Op, text: &str, key: &str| match slot {
        Some(w) => {
            w.text.push_str(text);
            w.key.push_str(key);
        }
        None => {
            *slot = Some(WordOp {
                op,
                text: text.to_string(),
                old_text: String::new(),
                key: key.to_string(),
            })
        }
    };
    for (w, small) in ops.into_iter().zip(small) {
        match w.op {
            Op::Delete => add(&mut del, Op::Delete, &w.text, &w.key),
            Op::Insert => add(&mut ins, Op::Insert, &w.text, &w.key),
            Op::Equal if small => {
                add(&mut del, Op::Delete, &w.old_text, &w.key);
                add(&mut ins, Op::Insert, &w.text, &w.key);
            }
            Op::Equal => {
                let mut w = w;
                if let (Some(d), Some(i)) = (del.as_mut(), ins.as_mut()) {
                    // A space that ends both sides of a replacement reads
                    // better outside it, with the text after it
                    // ("of [-the-]{+our+} Alliance", "expand{+, where
                    // appropriate,+} bilateral").
                    let (dt, it) = (d.text.trim_end().len(), i.text.trim_end().len());
                    if d.key.ends_with(' ')
                        && i.key.ends_with(' ')
                        && (0..d.text.len()).contains(&dt)
                        && (0..i.text.len()).contains(&it)
                    {
                        w.text.insert_str(0, &i.text[it..]);
                        w.old_text.insert_str(0, &d.text[dt..]);
                        w.key.insert(0, ' ');
                        d.text.truncate(dt);
                        i.text.truncate(it);
                        d.key.pop();
                        i.key.pop();
                    }
                }
                // A side left empty by that move is no change at all.
                let kept = |w: &WordOp| !(w.key.is_empty() && w.text.is_empty());
                out.extend(del.take().filter(kept));
                out.extend(ins.take().filter(kept));
                out.push(w);
            }
        }
    }
    out.extend(del.take());
    out.extend(ins.take());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wd(a: &str, b: &str) -> Vec<WordOp> {
        let (ta, tb) = (crate::segment::tokenize(a), crate::segment::tokenize(b));
        let pa: Vec<Piece> = ta.iter().map(|t| (t.text(a), t.key(a))).collect();
        let pb: Vec<Piece> = tb.iter().map(|t| (t.text(b), t.key(b))).collect();
        word_diff(&pa, &pb).0
    }

    fn rebuild(ops: &[WordOp], side: Op) -> String {
        ops.iter()
            .filter(|w| w.op == Op::Equal || w.op == side)
            .map(|w| w.key.as_str())
            .collect()
    }

    /// One-paragraph statements, to compare paragraph pairs.
    fn pair(a: &str, b: &str) -> (Statement, Statement, Alignment) {
        let one = crate::segment::statement_from_text;
        let alignment = Alignment {
            old: vec![0],
            new: vec![0],
            similarity: Some(0.5),
            moved: false,
        };
        (one(a), one(b), alignment)
    }

    #[test]
    fn same_content_folds_synonyms_and_acronyms() {
        let cases = [
            // Same terms, other wording.
            (
                "The Ministers reaffirmed the Alliance.",
                "The Ministers reiterated the Alliance.",
                true,
            ),
            // A term only on one side.
            (
                "The Ministers reaffirmed the Alliance.",
                "The Ministers reaffirmed the strong Alliance.",
                false,
            ),
            // Terms on both sides, no acronym.
            (
                "They discussed space policy.",
                "They discussed maritime policy.",
                false,
            ),
            // An acronym and the words it stands for.
            (
                "They will study AI together.",
                "They will study artificial intelligence together.",
                true,
            ),
            (
                "They will study AI together.",
                "They will study applied physics together.",
                false,
            ),
        ];
        for (a, b, same) in cases {
            let (old, new, al) = pair(a, b);
            let (gone, came) =
                crate::segment::term_difference(&terms(&old, &al.old), &terms(&new, &al.new));
            assert_eq!(gone.is_empty() && came.is_empty(), same, "{a} / {b}");
            assert_eq!(same_content(&old, &new, &al), same, "{a} / {b}");
        }
    }

    #[test]
    fn word_diff_rebuilds_both_sides() {
        let a = "The Ministers expressed concern about the launches.";
        let b = "The Ministers expressed serious concern about repeated launches.";
        let ops = wd(a, b);
        assert_eq!(rebuild(&ops, Op::Delete), a);
        assert_eq!(rebuild(&ops, Op::Insert), b);
        assert!(ops
            .iter()
            .any(|w| w.op == Op::Insert && w.text.contains("serious")));
    }

    fn runs(ops: &[WordOp]) -> Vec<(Op, &str)> {
        ops.iter().map(|w| (w.op, w.key.as_str())).collect()
    }

    #[test]
    fn replacement_leaves_shared_spacing_outside() {
        let ops = wd("progress of the Alliance", "progress of our Alliance");
        assert_eq!(
            runs(&ops),
            [
                (Op::Equal, "progress of "),
                (Op::Delete, "the"),
                (Op::Insert, "our"),
                (Op::Equal, " Alliance"),
            ]
        );
    }

    #[test]
    fn folded_replacement_leaves_its_last_space_outside() {
        let ops = wd(
            "of State Pompeo, Acting Secretary of Defense",
            "of State Blinken, Secretary of Defense",
        );
        assert_eq!(
            runs(&ops),
            [
                (Op::Equal, "of State "),
                (Op::Delete, "Pompeo, Acting"),
                (Op::Insert, "Blinken,"),
                (Op::Equal, " Secretary of Defense"),
            ]
        );
    }

    #[test]
    fn odd_spacing_still_rebuilds_both_sides() {
        let cases = [
            ("", "a"),
            (" ", "a b"),
            (" a  b ", "a b"),
            ("a\n\nb", "a b c"),
            ("a, b", "a ,b"),
            ("  ", ""),
            ("a \u{200B} b", "a, b"),
            ("expand bilateral", "expand, where appropriate, bilateral"),
        ];
        for (a, b) in cases {
            let ops = wd(a, b);
            let key = |s: &str| {
                crate::segment::tokenize(s)
                    .iter()
                    .map(|t| t.key(s))
                    .collect::<String>()
            };
            assert_eq!(rebuild(&ops, Op::Delete), key(a), "{a:?} -> {b:?}");
            assert_eq!(rebuild(&ops, Op::Insert), key(b), "{a:?} -> {b:?}");
            let text = |side: Op| -> String {
                ops.iter()
                    .filter_map(|w| match w.op {
                        Op::Equal if side == Op::Delete => Some(w.old_text.as_str()),
                        Op::Equal => Some(w.text.as_str()),
                        op if op == side => Some(w.text.as_str()),
                        _ => None,
                    })
                    .collect()
            };
            assert_eq!(text(Op::Delete), a, "{a:?} -> {b:?}");
            assert_eq!(text(Op::Insert), b, "{a:?} -> {b:?}");
        }
    }

    #[test]
    fn quote_style_and_spacing_are_not_changes() {
        let ops = wd("a \u{201C}free\u{201D}  region", "a \"free\" region");
        assert!(ops.iter().all(|w| w.op == Op::Equal), "{ops:?}");
    }
}
