//! Change classification: each pair that [`super::matching`] made is
//! compared feature by feature, and the kind of change follows from the one
//! strength model ([`super::strength`]): stronger or weaker by the sign of
//! the difference of the two strengths, `modified` when only the wording
//! changed, the polarity flipped ("reversed") or the verb changed family
//! ("different act": support -> condemn is no step on one scale).

use super::matching::{match_pledges, Candidate, Matching};
use super::quantity::{pair_quantities, quantity_reason};
use super::strength::{binds, family_name};
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::diff::{Change, ParagraphDiff};
use crate::lexicon::Lexicon;
use crate::segment::TermWord;

use super::Pledge;

/// Kind of pledge change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PledgeChangeKind {
    /// New pledge.
    Added,
    /// Pledge no longer made.
    Dropped,
    /// Same pledge, stronger.
    Strengthened,
    /// Same pledge, weaker.
    Weakened,
    /// Same pledge, substantive change at the same strength.
    Modified,
}

impl PledgeChangeKind {
    /// Name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PledgeChangeKind::Added => "added",
            PledgeChangeKind::Dropped => "dropped",
            PledgeChangeKind::Strengthened => "strengthened",
            PledgeChangeKind::Weakened => "weakened",
            PledgeChangeKind::Modified => "modified",
        }
    }

    /// One-character sign used in terminal and Markdown output.
    pub fn sign(self) -> &'static str {
        match self {
            PledgeChangeKind::Added => "+",
            PledgeChangeKind::Dropped => "\u{2212}",
            PledgeChangeKind::Strengthened => "\u{2191}",
            PledgeChangeKind::Weakened => "\u{2193}",
            PledgeChangeKind::Modified => "~",
        }
    }

    /// All kinds in report order.
    pub const ALL: [PledgeChangeKind; 5] = [
        PledgeChangeKind::Added,
        PledgeChangeKind::Dropped,
        PledgeChangeKind::Strengthened,
        PledgeChangeKind::Weakened,
        PledgeChangeKind::Modified,
    ];
}

/// One reason behind a change, with its signed step on the strength scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Plain words: "booster added: serious".
    pub text: String,
    /// +1 stronger, -1 weaker, 0 neither.
    pub step: i32,
}

/// One feature that differs between the two sides of a pair, with the
/// points it moves the strength by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delta {
    /// `verb`, `family`, `polarity`, `modal`, `booster`, `hedge`,
    /// `time_limit`, `quantity`, `scope` or `wording`.
    pub feature: &'static str,
    /// The old side's value, if it has one.
    pub old: Option<String>,
    /// The new side's value, if it has one.
    pub new: Option<String>,
    /// Points of strength this difference adds (negative: weaker).
    pub step: i32,
}

/// How one pair compares: the kind of change (none when the two say the
/// same thing), why, and the two strengths the kind follows from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Kind of change, if any.
    pub kind: Option<PledgeChangeKind>,
    /// Reasons in plain words.
    pub reasons: Vec<Reason>,
    /// The features behind them.
    pub deltas: Vec<Delta>,
    /// The old pledge's strength in this comparison.
    pub old_strength: i32,
    /// The new pledge's strength in this comparison: its own, plus what a
    /// stronger quantity or a wider scope than the old side's adds.
    pub new_strength: i32,
}

/// A changed pledge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PledgeChange {
    /// What happened.
    pub kind: PledgeChangeKind,
    /// Index into the old statement's pledges.
    pub old: Option<usize>,
    /// Index into the new statement's pledges.
    pub new: Option<usize>,
    /// Topics of the pledge (both sides).
    pub topics: Vec<String>,
    /// Why.
    pub reasons: Vec<Reason>,
    /// The feature differences behind the reasons (pairs only).
    pub deltas: Vec<Delta>,
    /// Strength of the old side as compared (see [`Verdict`]).
    pub old_strength: Option<i32>,
    /// Strength of the new side as compared; its sign against the old one
    /// is the direction of a strengthened or weakened change.
    pub new_strength: Option<i32>,
    /// Similarity of the pair (pairs only).
    pub similarity: Option<f64>,
}

/// Result of the classification stage.
#[derive(Debug, Clone)]
pub struct Classified {
    /// Pledges of the old statement.
    pub old_pledges: std::sync::Arc<Vec<Pledge>>,
    /// Pledges of the new statement.
    pub new_pledges: std::sync::Arc<Vec<Pledge>>,
    /// Changed pledges, in reading order.
    pub changes: Vec<PledgeChange>,
    /// Every matched (old, new) pledge pair, changed or not, by old index.
    pub pairs: Vec<(usize, usize)>,
    /// Pledges of a split or merged paragraph that another pledge of the
    /// group now holds, as (old, new): an old pledge merged into a new one,
    /// or a new one split off an old one. They are neither dropped nor
    /// added.
    pub joined: Vec<(usize, usize)>,
    /// Weak stances left without a partner that only frame a paired pledge
    /// of their sentence, as (old, new): an old one dropped from around a
    /// pledge that stays, or a new one written around it. Neither dropped
    /// nor added, and not compared.
    pub framing: Vec<(usize, usize)>,
    /// Paragraph diffs, with `reworded` promoted to `modified` where a
    /// pledge in the paragraph changed.
    pub paragraphs: Vec<ParagraphDiff>,
    /// The pairing, with each pledge's candidates (for `--explain`).
    pub matching: Matching,
}

/// Most words a "wording:" reason lists per side.
const WORDING_WORDS: usize = 6;

/// Dice coefficient of two sorted term multisets.
pub fn dice<T: Ord>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Matches and classifies the pledges of two aligned statements.
pub fn classify(
    old_pledges: std::sync::Arc<Vec<Pledge>>,
    new_pledges: std::sync::Arc<Vec<Pledge>>,
    mut paragraphs: Vec<ParagraphDiff>,
    lexicon: &Lexicon,
) -> Classified {
    let matching = match_pledges(&old_pledges, &new_pledges, &paragraphs, lexicon);
    let (old_match, new_match) = (&matching.old_match, &matching.new_match);

    // A split pledge ("Decides that the mandate shall include A and B" ->
    // "… shall include A." + "Decides further that it shall include B.")
    // or two merged into one: the pledge left over beside the pair, that
    // its partner's counterpart holds whole (same verb, every content term
    // included), is joined to the pair rather than added or dropped, and
    // the pair is compared with it.
    let mut merged_into: FxHashMap<usize, Vec<usize>> = FxHashMap::default(); // new -> olds
    let mut split_from: FxHashMap<usize, Vec<usize>> = FxHashMap::default(); // old -> news
    let mut merged_old = vec![false; old_pledges.len()];
    let mut split_new = vec![false; new_pledges.len()];
    let mut joined = Vec::new();
    let mut framing = Vec::new();
    let side = Side::new(&new_pledges, new_match, &old_pledges, old_match);
    for (y, cands) in matching.new_candidates.iter().enumerate() {
        if let Some(a) = side.holder_of(y, cands, lexicon) {
            split_from.entry(a).or_default().push(y);
            split_new[y] = true;
            joined.push((a, y));
        } else if let Some(main) = side.framed(y, lexicon) {
            split_new[y] = true;
            framing.extend(main.map(|a| (a, y)));
        }
    }
    let side = Side::new(&old_pledges, old_match, &new_pledges, new_match);
    for (x, cands) in matching.old_candidates.iter().enumerate() {
        if let Some(b) = side.holder_of(x, cands, lexicon) {
            merged_into.entry(b).or_default().push(x);
            merged_old[x] = true;
            joined.push((x, b));
        } else if let Some(main) = side.framed(x, lexicon) {
            merged_old[x] = true;
            framing.extend(main.map(|b| (x, b)));
        }
    }

    let similarity = |a: usize, b: usize| {
        matching.old_candidates[a]
            .iter()
            .find(|c| c.other == b)
            .map(|c| c.similarity)
    };
    let mut changes = Vec::new();
    for (a, m) in old_match.iter().enumerate() {
        match m {
            None if merged_old[a] => {}
            None => changes.push(PledgeChange {
                kind: PledgeChangeKind::Dropped,
                old: Some(a),
                new: None,
                topics: old_pledges[a].topics.clone(),
                reasons: vec![Reason {
                    text: format!("pledge dropped: {}", old_pledges[a].verb_form),
                    step: -1,
                }],
                deltas: Vec::new(),
                old_strength: Some(old_pledges[a].strength),
                new_strength: None,
                similarity: None,
            }),
            Some(b) => {
                let verdict = match (merged_into.get(b), split_from.get(&a)) {
                    (None, None) => compare(&old_pledges[a], &new_pledges[*b], lexicon),
                    (olds, news) => {
                        // Words that the halves of a split or merge both
                        // repeat ("Decides that the mandate shall include
                        // …" twice) count once, on both sides.
                        let mut old = joined_with(&old_pledges[a], olds, &old_pledges, lexicon);
                        let mut new = joined_with(&new_pledges[*b], news, &new_pledges, lexicon);
                        old.content = distinct(&old.content);
                        new.content = distinct(&new.content);
                        compare(&old, &new, lexicon)
                    }
                };
                let Some(kind) = verdict.kind else { continue };
                let mut topics = old_pledges[a].topics.clone();
                topics.extend(new_pledges[*b].topics.iter().cloned());
                topics.sort();
                topics.dedup();
                changes.push(PledgeChange {
                    kind,
                    old: Some(a),
                    new: Some(*b),
                    topics,
                    reasons: verdict.reasons,
                    deltas: verdict.deltas,
                    old_strength: Some(verdict.old_strength),
                    new_strength: Some(verdict.new_strength),
                    similarity: similarity(a, *b),
                });
            }
        }
    }
    for (b, m) in new_match.iter().enumerate() {
        if m.is_none() && !split_new[b] {
            changes.push(PledgeChange {
                kind: PledgeChangeKind::Added,
                old: None,
                new: Some(b),
                topics: new_pledges[b].topics.clone(),
                reasons: vec![Reason {
                    text: format!("new pledge: {}", new_pledges[b].verb_form),
                    step: 1,
                }],
                deltas: Vec::new(),
                old_strength: None,
                new_strength: Some(new_pledges[b].strength),
                similarity: None,
            });
        }
    }

    // Reading order: the paragraph entry each change belongs to.
    let (entry_of_old, entry_of_new) = super::matching::entries_of(&paragraphs);
    let key = |c: &PledgeChange| match (c.new, c.old) {
        (Some(b), _) => (
            entry_of_new
                .get(&new_pledges[b].paragraph)
                .copied()
                .unwrap_or(0),
            1,
            b,
        ),
        (None, Some(a)) => (
            entry_of_old
                .get(&old_pledges[a].paragraph)
                .copied()
                .unwrap_or(0),
            0,
            a,
        ),
        _ => (0, 0, 0),
    };
    changes.sort_by_key(key);

    // A paragraph whose pledge changed is modified, however small the edit.
    for c in &changes {
        let entry = match (c.new, c.old) {
            (Some(b), _) => entry_of_new.get(&new_pledges[b].paragraph),
            (None, Some(a)) => entry_of_old.get(&old_pledges[a].paragraph),
            _ => None,
        };
        if let Some(&e) = entry {
            let d = &mut paragraphs[e];
            if matches!(d.change, Change::Reworded | Change::Unchanged) {
                d.change = Change::Modified;
            }
        }
    }
    let pairs = old_match
        .iter()
        .enumerate()
        .filter_map(|(a, m)| m.map(|b| (a, b)))
        .collect();
    Classified {
        old_pledges,
        new_pledges,
        changes,
        pairs,
        joined,
        framing,
        paragraphs,
        matching,
    }
}

/// One direction of the search for merged or split pledges: the
/// left-over `parts` of one statement, and the `holders` of the other
/// that may say them too.
struct Side<'a> {
    parts: &'a [Pledge],
    part_match: &'a [Option<usize>],
    holders: &'a [Pledge],
    holder_match: &'a [Option<usize>],
    /// Left-over parts in each (paragraph, sentence).
    left_in_sentence: FxHashMap<(usize, usize), usize>,
}

impl<'a> Side<'a> {
    fn new(
        parts: &'a [Pledge],
        part_match: &'a [Option<usize>],
        holders: &'a [Pledge],
        holder_match: &'a [Option<usize>],
    ) -> Self {
        let mut left_in_sentence: FxHashMap<(usize, usize), usize> = FxHashMap::default();
        for (p, m) in parts.iter().zip(part_match) {
            if m.is_none() {
                *left_in_sentence
                    .entry((p.paragraph, p.sentence))
                    .or_default() += 1;
            }
        }
        Side {
            parts,
            part_match,
            holders,
            holder_match,
            left_in_sentence,
        }
    }

    /// The holder among `k`'s candidates that says left-over part `k`: a
    /// paired pledge whose partner stands in `k`'s paragraph or next to
    /// it, and that holds `k` whole with the same verb or as a part.
    fn holder_of(&self, k: usize, cands: &[Candidate], lex: &Lexicon) -> Option<usize> {
        if self.part_match[k].is_some() || !self.alone(k) {
            return None;
        }
        let part = &self.parts[k];
        cands
            .iter()
            .find(|c| {
                self.holder_match[c.other].is_some_and(|p| {
                    self.parts[p].paragraph.abs_diff(part.paragraph) <= 1
                        && (holds(&self.holders[c.other], part)
                            || part_of(&self.holders[c.other], part, c.similarity, lex))
                })
            })
            .map(|c| c.other)
    }

    /// The partner of the pledge that left-over part `k` only frames: `k`
    /// is a weak stance (a `position` verb no stronger than
    /// `matching.framing`: noting, recognizing, stressing) standing in one
    /// sentence with a paired pledge next to it, either the main clause
    /// after an opening participle ("Sharing the view that …, the
    /// President reiterated …") or a pledge that is no weak stance itself,
    /// coordinated with it ("recognized the importance of open trade, and confirmed that
    /// they will work together"). Such a clause says why the pledge beside
    /// it is made; written or left out around a pledge that stays, it is
    /// no pledge added or dropped, and beside a pledge that is itself added
    /// or dropped it is reported with that one, not twice: `Some(None)`.
    fn framed(&self, k: usize, lex: &Lexicon) -> Option<Option<usize>> {
        let part = &self.parts[k];
        if self.part_match[k].is_some() || !frames(part, lex) {
            return None;
        }
        let opening = part.origin.source == super::Source::FrontedParticiple;
        [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .find_map(|j| {
                let next = self.parts.get(j)?;
                let beside = next.paragraph == part.paragraph
                    && next.sentence == part.sentence
                    && ((opening && j == k + 1) || !frames(next, lex));
                beside.then_some(self.part_match[j])
            })
    }

    /// A left-over clause in a sentence with another left-over clause
    /// belongs with it: the sentence is new (or gone) as a whole, not a
    /// fragment of a neighbouring pair ("The Ministers affirmed that space
    /// attacks are a challenge, and that such attacks could lead to …").
    fn alone(&self, k: usize) -> bool {
        let me = &self.parts[k];
        self.left_in_sentence
            .get(&(me.paragraph, me.sentence))
            .is_some_and(|&n| n == 1)
    }
}

/// Is `p` a stance weak enough to frame a pledge beside it rather than
/// stand as one (`matching.framing` in data/strength.yaml)?
fn frames(p: &Pledge, lex: &Lexicon) -> bool {
    p.family == crate::lexicon::Family::Position && p.force <= lex.matching.framing
}

/// Does `holder` hold all of `part`: the same verb, and every content term
/// of `part` among its own?
fn holds(holder: &Pledge, part: &Pledge) -> bool {
    // Each term once: "Scholarships: Aldoria will fund 200 scholarships"
    // says "scholarship" twice, its merged form once.
    let terms = distinct(&part.content);
    holder.verb == part.verb
        && holder.negated == part.negated
        && !terms.is_empty()
        && crate::segment::term_difference(&terms, &holder.content)
            .0
            .is_empty()
}

/// Is `part`, left without a partner of its own, as similar to `holder`
/// (already paired) as a pair must be, with a verb of the same family,
/// and does `holder` say at least the `part` share of its content terms
/// (`matching.part` in data/strength.yaml)? Then `holder` says it too:
/// one pledge written where there were two. Similarity alone is not
/// enough: a new call beside a repeated one ("called for its engagement
/// in dialogue" beside "called for full implementation") shares the verb
/// and little else.
fn part_of(holder: &Pledge, part: &Pledge, similarity: f64, lex: &Lexicon) -> bool {
    if similarity < lex.matching.floor
        || holder.family != part.family
        || holder.negated != part.negated
    {
        return false;
    }
    let terms = distinct(&part.content);
    let missing = crate::segment::term_difference(&terms, &holder.content)
        .0
        .len();
    !terms.is_empty() && (terms.len() - missing) as f64 >= lex.matching.part * terms.len() as f64
}

/// Content with each term once, first occurrences in order.
fn distinct(content: &[TermWord]) -> Vec<TermWord> {
    let mut seen = rustc_hash::FxHashSet::default();
    content
        .iter()
        .filter(|(t, _)| seen.insert(t.clone()))
        .cloned()
        .collect()
}

/// `p` with the pledges `others` (indexes into `all`) joined to it: their
/// content, lists, numbers and features, as one pledge.
fn joined_with(p: &Pledge, others: Option<&Vec<usize>>, all: &[Pledge], lex: &Lexicon) -> Pledge {
    let mut out = p.clone();
    for &k in others.map(Vec::as_slice).unwrap_or(&[]) {
        let o = &all[k];
        out.content.extend(o.content.iter().cloned());
        out.terms.extend(o.terms.iter().cloned());
        out.lists.extend(o.lists.iter().cloned());
        out.numbers.extend(o.numbers.iter().cloned());
        out.folded.push(' ');
        out.folded.push_str(&o.folded);
        // A pledge is as firm as its weakest part: "shall include A" and
        // "may include B" together bind to B only as "may".
        if o.modal.is_some() && (out.modal.is_none() || o.modal_force < out.modal_force) {
            out.modal = o.modal.clone();
            out.modal_force = o.modal_force;
        }
        for (mine, theirs) in [
            (&mut out.boosters, &o.boosters),
            (&mut out.hedges, &o.hedges),
            (&mut out.topics, &o.topics),
        ] {
            for x in theirs {
                if !mine.contains(x) {
                    mine.push(x.clone());
                }
            }
        }
    }
    out.terms.sort_unstable();
    out.strength = super::strength::strength(&out, lex);
    out
}

/// Items of `p`'s lists that `other` does not mention, taken from lists
/// that share at least one item with `other`.
fn scope_delta<'a>(p: &'a Pledge, other: &Pledge) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for list in &p.lists {
        let (kept, extra): (Vec<&String>, Vec<&String>) =
            list.iter().partition(|x| mentions(other, x));
        if !kept.is_empty() {
            out.extend(extra.iter().map(|s| s.as_str()));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Does `p` mention `item`, written with or without spaces and hyphens
/// ("cyber security" / "cybersecurity", "semi-conductors")?
fn mentions(p: &Pledge, item: &str) -> bool {
    if p.folded.contains(item) {
        return true;
    }
    let squeeze = |s: &str| -> String { s.chars().filter(|c| !matches!(c, ' ' | '-')).collect() };
    squeeze(&p.folded).contains(&squeeze(item))
}

/// Does `other` have every content term of a list item of `owner` (an
/// acronym standing for the words it abbreviates)? The item is lower
/// case; its words as written, which an acronym needs, come from
/// `owner`.
fn has_terms_of(owner: &Pledge, other: &Pledge, item: &str, lex: &Lexicon) -> bool {
    let words: Vec<&str> = item.split_whitespace().collect();
    let terms: Vec<TermWord> = crate::segment::terms_of(&words, lex)
        .into_iter()
        .map(|(t, w)| {
            owner
                .content
                .iter()
                .find(|(u, _)| *u == t)
                .cloned()
                .unwrap_or((t, w))
        })
        .collect();
    !terms.is_empty()
        && crate::segment::term_difference(&terms, &other.content)
            .0
            .is_empty()
}

/// Does `other` still name the head of `owner`'s list item — its last
/// word, an English noun phrase's head — so that only a modifier changed
/// ("bilateral cybersecurity" / "cyber security")? Not when another item
/// of the same list shares that head ("nuclear deterrence", "conventional
/// deterrence"): there the modifier is what tells the items apart.
fn head_kept(owner: &Pledge, other: &Pledge, item: &str, lex: &Lexicon) -> bool {
    let head_of = |s: &str| s.split_whitespace().last().map(str::to_owned);
    let Some(head) = head_of(item) else {
        return false;
    };
    if head == item {
        return false;
    }
    let Some(list) = owner.lists.iter().find(|l| l.iter().any(|x| x == item)) else {
        return false;
    };
    if list
        .iter()
        .any(|x| x != item && head_of(x).as_deref() == Some(head.as_str()))
    {
        return false;
    }
    has_terms_of(owner, other, &head, lex) || mentions(other, &head)
}

/// A list for a reason's text; "none" rather than nothing.
fn listed(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

/// A pledge's modal, boosters and hedges with the points each adds, as
/// the strength model counts them (without building its contributions:
/// this runs for every matched pair of an archive).
struct Modifiers<'a> {
    modal: Option<(&'a str, i32)>,
    boosters: Vec<(&'a str, i32)>,
    hedges: Vec<(&'a str, i32)>,
}

fn modifiers<'a>(p: &'a Pledge, lex: &Lexicon) -> Modifiers<'a> {
    use super::strength::{booster_points, modal_points};
    Modifiers {
        modal: p.modal.as_deref().map(|m| (m, modal_points(p, lex))),
        boosters: p
            .boosters
            .iter()
            .map(|b| (b.as_str(), booster_points(b, lex)))
            .collect(),
        hedges: p
            .hedges
            .iter()
            .map(|h| (h.as_str(), lex.weights.hedge))
            .collect(),
    }
}

/// How `b` differs from `a`: no kind when the change is cosmetic.
pub fn compare(a: &Pledge, b: &Pledge, lex: &Lexicon) -> Verdict {
    let w = &lex.weights;
    let mut verdict = Verdict {
        kind: None,
        reasons: Vec::new(),
        deltas: Vec::new(),
        old_strength: a.strength,
        new_strength: b.strength,
    };
    if a.folded == b.folded {
        return verdict;
    }
    let mut deltas: Vec<(String, Delta)> = Vec::new();
    let mut push =
        |text: String, feature: &'static str, old: Option<&str>, new: Option<&str>, step: i32| {
            deltas.push((
                text,
                Delta {
                    feature,
                    old: old.map(str::to_string),
                    new: new.map(str::to_string),
                    step,
                },
            ))
        };
    let (pa, pb) = (modifiers(a, lex), modifiers(b, lex));
    // Polarity and the kind of act come first: across them no strength
    // comparison means anything.
    let reversed = a.negated != b.negated;
    if reversed {
        let (text, old, new) = if b.negated {
            ("reversed: negation added", "affirmative", "negated")
        } else {
            ("reversed: negation removed", "negated", "affirmative")
        };
        push(text.into(), "polarity", Some(old), Some(new), 0);
    }
    let other_act = a.family != b.family;
    if other_act {
        push(
            format!(
                "different act: {} ({}) -> {} ({})",
                a.verb_form,
                family_name(a.family),
                b.verb_form,
                family_name(b.family)
            ),
            "family",
            Some(family_name(a.family)),
            Some(family_name(b.family)),
            (b.force as i32 - a.force as i32) * w.force,
        );
    } else if a.verb != b.verb && a.force != b.force {
        // Verbs of one family and force are equal-force synonyms
        // (data/lexicon.yaml): "reaffirmed" -> "committed" is wording.
        push(
            format!("verb: {} -> {}", a.verb_form, b.verb_form),
            "verb",
            Some(&a.verb_form),
            Some(&b.verb_form),
            (b.force as i32 - a.force as i32) * w.force,
        );
    }
    let (ma, mb) = (pa.modal, pb.modal);
    let modal_points = |m: Option<(&str, i32)>| m.map_or(0, |x| x.1);
    if modal_points(ma) != modal_points(mb) {
        let name = |m: Option<(&str, i32)>| m.map(|x| x.0.to_string());
        let (x, y) = (name(ma), name(mb));
        push(
            format!(
                "modal: {} -> {}",
                x.as_deref().unwrap_or("(none)"),
                y.as_deref().unwrap_or("(none)")
            ),
            "modal",
            x.as_deref(),
            y.as_deref(),
            modal_points(mb) - modal_points(ma),
        );
    }
    // Boosters: one for another is one reason ("deeply" -> "gravely
    // concerned" is the grade that changed), the rest each their own.
    let (ba, bb) = (&pa.boosters, &pb.boosters);
    let removed: Vec<(&str, i32)> = ba
        .iter()
        .filter(|x| !bb.iter().any(|y| y.0 == x.0))
        .copied()
        .collect();
    let added: Vec<(&str, i32)> = bb
        .iter()
        .filter(|x| !ba.iter().any(|y| y.0 == x.0))
        .copied()
        .collect();
    match (removed.as_slice(), added.as_slice()) {
        ([old], [new]) => push(
            format!("booster: {} -> {}", old.0, new.0),
            "booster",
            Some(old.0),
            Some(new.0),
            new.1 - old.1,
        ),
        _ => {
            for x in &added {
                push(
                    format!("booster added: {}", x.0),
                    "booster",
                    None,
                    Some(x.0),
                    x.1,
                );
            }
            for x in &removed {
                push(
                    format!("booster removed: {}", x.0),
                    "booster",
                    Some(x.0),
                    None,
                    -x.1,
                );
            }
        }
    }
    let (ha, hb) = (&pa.hedges, &pb.hedges);
    for x in hb.iter().filter(|x| !ha.iter().any(|y| y.0 == x.0)) {
        push(
            format!("hedge added: {}", x.0),
            "hedge",
            None,
            Some(x.0),
            x.1,
        );
    }
    for x in ha.iter().filter(|x| !hb.iter().any(|y| y.0 == x.0)) {
        push(
            format!("hedge removed: {}", x.0),
            "hedge",
            Some(x.0),
            None,
            -x.1,
        );
    }

    // Scope: a list that shares at least one item with the other side and
    // has items the other side never mentions. Lists with nothing in
    // common are rewording, not scope.
    // With the same content words on both sides the lists were only
    // reordered ("At every crossing, the partners … inspect and repair"):
    // nothing left the scope or joined it.
    // Terms are sorted: equal sets compare without building them (this
    // runs for every matched pair of an archive).
    debug_assert!(a.terms.is_sorted() && b.terms.is_sorted());
    let same_terms = {
        let mut x = a.terms.iter().peekable();
        let mut y = b.terms.iter().peekable();
        loop {
            match (x.next(), y.next()) {
                (None, None) => break true,
                (Some(t), Some(u)) if t == u => {
                    while x.next_if_eq(&t).is_some() {}
                    while y.next_if_eq(&u).is_some() {}
                }
                _ => break false,
            }
        }
    };
    let (mut widened, mut narrowed) = if same_terms {
        (Vec::new(), Vec::new())
    } else {
        (scope_delta(b, a), scope_delta(a, b))
    };
    // Only one side changed its list: an item whose content words the
    // other side still has, in another order or with an acronym for its
    // name ("safety of the WTO's members" / "safety in the World Trade
    // Organization"),
    // did not leave or join it.
    if widened.is_empty() != narrowed.is_empty() {
        widened.retain(|x| !has_terms_of(b, a, x, lex) && !head_kept(b, a, x, lex));
        narrowed.retain(|x| !has_terms_of(a, b, x, lex) && !head_kept(a, b, x, lex));
    }
    let mut explained: Vec<crate::segment::Term> = Vec::new();
    for item in widened.iter().chain(narrowed.iter()) {
        let words: Vec<&str> = item.split_whitespace().collect();
        explained.extend(
            crate::segment::terms_of(&words, lex)
                .into_iter()
                .map(|(t, _)| t),
        );
    }
    // Items both added and removed are a rewording of the list, which the
    // wording reason below reports.
    let (mut old_extra, mut new_extra) = (0, 0);
    match (widened.is_empty(), narrowed.is_empty()) {
        (false, true) => {
            let items = widened.join(", ");
            push(
                format!("scope widened: + {items}"),
                "scope",
                None,
                Some(&items),
                w.scope,
            );
            new_extra += w.scope;
        }
        (true, false) => {
            let items = narrowed.join(", ");
            push(
                format!("scope narrowed: \u{2212} {items}"),
                "scope",
                Some(&items),
                None,
                -w.scope,
            );
            old_extra += w.scope;
        }
        _ => explained.clear(),
    }

    // Quantities: paired in order when both sides have as many, else
    // those both sides share are set aside and the rest paired by kind
    // ("2 percent" with "5 percent", "annually" with "every two years").
    if a.numbers != b.numbers {
        let (pairs, gone, came) = pair_quantities(&a.numbers, &b.numbers);
        // The changed quantities' words ("annually" -> "every two years")
        // are these reasons', not a rewording.
        let changed = pairs
            .iter()
            .flat_map(|&(x, y)| [x, y])
            .chain(gone.iter().copied())
            .chain(came.iter().copied());
        for q in changed {
            let words: Vec<&str> = q.text.split_whitespace().collect();
            explained.extend(
                crate::segment::terms_of(&words, lex)
                    .into_iter()
                    .map(|(t, _)| t),
            );
        }
        let bound = binds(a) && binds(b);
        for (x, y) in pairs {
            let (text, step) = quantity_reason(x, y);
            let points = if bound { step * w.quantity } else { 0 };
            if points > 0 {
                new_extra += points;
            } else {
                old_extra -= points;
            }
            push(text, "quantity", Some(&x.text), Some(&y.text), points);
        }
        // A deadline or interval set where there was none makes the
        // pledge firmer, and dropping one looser (the strength model
        // counts each on a pledge that binds); other quantities added or
        // dropped are listed without a direction.
        let (mut other_gone, mut other_came) = (Vec::new(), Vec::new());
        for q in gone {
            match q.time_limit() {
                Some(label) => {
                    let points = if binds(a) { -w.time_limit } else { 0 };
                    push(
                        format!("{label} removed: {}", q.text),
                        "time_limit",
                        Some(&q.text),
                        None,
                        points,
                    )
                }
                None => other_gone.push(q.text.clone()),
            }
        }
        for q in came {
            match q.time_limit() {
                Some(label) => {
                    let points = if binds(b) { w.time_limit } else { 0 };
                    push(
                        format!("{label} added: {}", q.text),
                        "time_limit",
                        None,
                        Some(&q.text),
                        points,
                    )
                }
                None => other_came.push(q.text.clone()),
            }
        }
        if !other_gone.is_empty() || !other_came.is_empty() {
            let (x, y) = (listed(&other_gone), listed(&other_came));
            push(
                format!("numbers: {x} -> {y}"),
                "quantity",
                Some(&x),
                Some(&y),
                0,
            );
        }
    }

    // Whatever content is left over is a substantive rewording, but for
    // the connectives that tie a sentence to the one before it.
    explained.sort_unstable();
    let strip = |c: &[TermWord]| -> Vec<TermWord> {
        let mut pool = explained.clone();
        c.iter()
            .filter(|(t, _)| !lex.connective_stems.contains(&**t))
            .filter(|(t, _)| match pool.iter().position(|e| e == t) {
                Some(k) => {
                    pool.swap_remove(k);
                    false
                }
                None => true,
            })
            .cloned()
            .collect()
    };
    // The same actor on both sides is no rewording wherever its words
    // stand: "The Parties reaffirm A and reaffirm B" -> "… reaffirm B and
    // reaffirm A" gives one clause the actor's words and the other none.
    let actor_terms: Vec<crate::segment::Term> = if a.actor.eq_ignore_ascii_case(&b.actor) {
        let words: Vec<&str> = a.actor.split_whitespace().collect();
        crate::segment::terms_of(&words, lex)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    } else {
        Vec::new()
    };
    let strip_all = |c: &[TermWord]| -> Vec<TermWord> {
        strip(c)
            .into_iter()
            .filter(|(t, _)| !actor_terms.contains(t))
            .collect()
    };
    let (gone, came) =
        crate::segment::term_difference(&strip_all(&a.content), &strip_all(&b.content));
    if !gone.is_empty() || !came.is_empty() {
        let words = |v: &[TermWord]| {
            let mut w: Vec<&str> = v.iter().map(|(_, w)| &**w).take(WORDING_WORDS).collect();
            if v.len() > WORDING_WORDS {
                w.push("\u{2026}");
            }
            w.join(", ")
        };
        let (x, y) = (words(&gone), words(&came));
        let text = match (gone.is_empty(), came.is_empty()) {
            (true, false) => format!("wording: + {y}"),
            (false, true) => format!("wording: \u{2212} {x}"),
            _ => format!("wording: {x} -> {y}"),
        };
        push(
            text,
            "wording",
            (!gone.is_empty()).then_some(x.as_str()),
            (!came.is_empty()).then_some(y.as_str()),
            0,
        );
    }
    if deltas.is_empty() {
        return verdict;
    }
    verdict.old_strength = a.strength + old_extra;
    verdict.new_strength = b.strength + new_extra;
    debug_assert_eq!(
        deltas.iter().map(|(_, d)| d.step).sum::<i32>(),
        verdict.new_strength - verdict.old_strength,
        "the deltas add up to the difference of the strengths: {deltas:?}"
    );
    verdict.kind = Some(if reversed || other_act {
        PledgeChangeKind::Modified
    } else {
        match (verdict.new_strength - verdict.old_strength).signum() {
            1 => PledgeChangeKind::Strengthened,
            -1 => PledgeChangeKind::Weakened,
            _ => PledgeChangeKind::Modified,
        }
    });
    for (text, d) in deltas {
        verdict.reasons.push(Reason {
            text,
            step: d.step.signum(),
        });
        verdict.deltas.push(d);
    }
    verdict
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::lexicon::Lexicon;
    use crate::pledge::PledgeChangeKind;
    use crate::segment::statement_from_text;

    const WHOLE: &str = "The Council met in New York on 3 March.\n\n\
        Decides that the mandate of the Mission shall include the protection of civilians \
        in the eastern provinces and support to the national electoral commission in its \
        preparations for the general elections.\n\n\
        Decides to remain seized of the matter.";
    const SPLIT: &str = "The Council met in New York on 3 March.\n\n\
        Decides that the mandate of the Mission shall include the protection of civilians \
        in the eastern provinces.\n\n\
        Decides further that the mandate of the Mission shall include support to the \
        national electoral commission in its preparations for the general elections.\n\n\
        Decides to remain seized of the matter.";

    /// Two texts compared with the built-in lexicon (shared with the
    /// explanation tests).
    pub(crate) fn compare(old: &str, new: &str) -> crate::pledge::Classified {
        crate::compare(
            statement_from_text(old),
            statement_from_text(new),
            &Lexicon::builtin(),
        )
        .classified
    }

    #[test]
    fn a_pledge_split_with_its_paragraph_is_no_change() {
        let c = compare(WHOLE, SPLIT);
        assert!(c.changes.is_empty(), "{:#?}", c.changes);
        assert_eq!(c.joined.len(), 1);
        // And merged back, the other way round.
        let c = compare(SPLIT, WHOLE);
        assert!(c.changes.is_empty(), "{:#?}", c.changes);
        assert_eq!(c.joined.len(), 1);
    }

    #[test]
    fn a_split_pledge_still_shows_what_changed() {
        let weaker = SPLIT.replace("shall include support", "may include support");
        let c = compare(WHOLE, &weaker);
        assert_eq!(c.changes.len(), 1, "{:#?}", c.changes);
        assert_eq!(
            c.changes[0].kind,
            crate::pledge::PledgeChangeKind::Weakened,
            "{:#?}",
            c.changes
        );
        assert_eq!(c.changes[0].reasons[0].text, "modal: shall -> may");
    }
    #[test]
    fn two_pledges_restated_in_one_sentence_are_no_drop() {
        // The second old sentence is said again inside the new one, with
        // another verb of the same family: merged, not dropped.
        let c = compare(
            "The two ministries will expand the night ferry service to the outer islands. \
             They must also upgrade the harbour cranes at the northern port before the winter storms.",
            "The ministries confirmed that they will expand the night ferry service to the outer islands \
             and upgrade the harbour cranes at the northern port before the winter storms.",
        );
        assert!(
            c.changes
                .iter()
                .all(|ch| ch.old.is_some() && ch.new.is_some()),
            "{:#?}",
            c.changes
        );
        assert_eq!(c.joined.len(), 1, "{:#?}", c.joined);
    }

    #[test]
    fn a_new_call_beside_a_repeated_one_is_still_added() {
        // Same verb, little else in common: a pledge of its own.
        let c = compare(
            "The Council called for full funding of the river clean-up by the provinces.",
            "The Council called for full funding of the river clean-up by the provinces. \
             It called for an inquiry into the chemical spill at the paper mill.",
        );
        assert!(c.joined.is_empty(), "{:#?}", c.joined);
        assert_eq!(c.changes.len(), 1, "{:#?}", c.changes);
        assert_eq!(c.changes[0].kind, crate::pledge::PledgeChangeKind::Added);
    }

    #[test]
    fn a_clause_of_a_new_sentence_is_not_split_off_a_neighbouring_pair() {
        // Regression: the second that-clause of a new sentence on space
        // echoed the wording of the cyber pledge before it and was read as
        // part of it, hiding the addition and weakening the cyber pledge.
        let c = compare(
            "The Ministers affirmed that a cyber attack could, in certain circumstances, \
             amount to an armed attack, judged case by case in close consultation.",
            "The Ministers affirmed that a cyber attack could, in certain circumstances, \
             amount to an armed attack, judged case by case in close consultation. \
             The Ministers affirmed that attacks in space are a clear challenge, and that such \
             attacks could, in certain circumstances, amount to an armed attack, judged case by case.",
        );
        assert!(c.joined.is_empty(), "{:#?}", c.joined);
        assert!(
            c.changes
                .iter()
                .all(|ch| ch.kind == crate::pledge::PledgeChangeKind::Added),
            "{:#?}",
            c.changes
        );
    }

    fn one_change(old: &str, new: &str) -> crate::pledge::PledgeChange {
        let c = compare(old, new);
        assert_eq!(c.changes.len(), 1, "{:#?}", c.changes);
        c.changes[0].clone()
    }

    #[test]
    fn support_turned_condemnation_is_a_different_act_not_a_stronger_one() {
        let ch = one_change(
            "The Council supported the enrichment programme of the northern agency.",
            "The Council condemned the enrichment programme of the northern agency.",
        );
        assert_eq!(ch.kind, crate::pledge::PledgeChangeKind::Modified);
        assert!(ch.reasons[0]
            .text
            .starts_with("different act: supported (position) -> condemned (concern)"));
    }

    #[test]
    fn a_stronger_verb_with_two_hedges_follows_the_sum_of_its_strength() {
        // support (4) -> affirm (6) is +20; two hedges are -2 each: the
        // strength rises 40 -> 56, so the change is stronger, and says so.
        let ch = one_change(
            "The Ministers supported the plan for a joint maintenance depot in the harbour.",
            "The Ministers affirmed the plan for a joint maintenance depot in the harbour, \
             where appropriate and as necessary.",
        );
        assert_eq!((ch.old_strength, ch.new_strength), (Some(40), Some(56)));
        assert_eq!(ch.kind, crate::pledge::PledgeChangeKind::Strengthened);
        assert!(ch
            .reasons
            .iter()
            .any(|r| r.text == "hedge added: where appropriate" && r.step < 0));
    }

    #[test]
    fn a_list_item_that_lost_a_modifier_did_not_leave_the_scope() {
        // "bilateral cybersecurity" is still named as "cyber security":
        // only its modifier went, which is wording, not a narrower scope.
        let c = compare(
            "The Ministers highlighted the importance of bilateral cybersecurity and information security.",
            "The Ministers highlighted the importance of cyber security and information security.",
        );
        assert!(
            c.changes
                .iter()
                .all(|ch| ch.kind == crate::pledge::PledgeChangeKind::Modified),
            "{:#?}",
            c.changes
        );
        // Two items with one head told apart by their modifiers: dropping
        // one narrows the scope.
        let ch = one_change(
            "The Allies will strengthen nuclear deterrence and conventional deterrence.",
            "The Allies will strengthen conventional deterrence.",
        );
        assert_eq!(ch.kind, crate::pledge::PledgeChangeKind::Weakened);
    }

    #[test]
    fn a_connective_or_sentence_adverb_is_no_pledge_change() {
        let c = compare(
            "Additionally, the Ministers recognized the value of the coastal radar network.",
            "The Ministers also recognized the value of the coastal radar network.",
        );
        assert!(c.changes.is_empty(), "{:#?}", c.changes);
        let c = compare(
            "As such, the Parties will publish the inventory every year.",
            "Accordingly, the Parties will publish the inventory every year.",
        );
        assert!(c.changes.is_empty(), "{:#?}", c.changes);
    }

    #[test]
    fn a_reworded_pledge_at_the_same_strength_is_modified_at_most() {
        let c = compare(
            "The two governments reaffirmed their commitment to the peaceful settlement of the border dispute.\n\n\
             The two governments welcomed the reopening of the northern rail crossing.",
            "The rail crossing in the north has reopened, which the two governments welcomed.\n\n\
             The two governments committed to the peaceful settlement of the dispute over the border.",
        );
        assert!(
            c.changes
                .iter()
                .all(|ch| ch.kind == crate::pledge::PledgeChangeKind::Modified),
            "{:#?}",
            c.changes
        );
    }

    const HARBOUR: &str =
        "The port authority will dredge the eastern channel before the autumn.\n\n\
        The two towns will fund the new ferry pier together.";

    #[test]
    fn a_framing_participle_written_before_a_kept_pledge_is_no_addition() {
        let framed = HARBOUR.replace(
            "The two towns will",
            "Recognizing the growth in river traffic, the two towns will",
        );
        let c = compare(HARBOUR, &framed);
        assert!(c.changes.is_empty(), "{:#?}", c.changes);
        assert_eq!(c.framing.len(), 1, "{:#?}", c.framing);
        assert!(c.joined.is_empty(), "{:#?}", c.joined);
        // And left out again: no drop.
        let c = compare(&framed, HARBOUR);
        assert!(c.changes.is_empty(), "{:#?}", c.changes);
    }

    #[test]
    fn a_participle_that_commits_is_still_an_added_pledge() {
        let framed = HARBOUR.replace(
            "The two towns will",
            "Committing to a shared timetable, the two towns will",
        );
        let c = compare(HARBOUR, &framed);
        let kinds: Vec<_> = c.changes.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [PledgeChangeKind::Added], "{:#?}", c.changes);
    }

    #[test]
    fn a_framing_participle_of_a_new_sentence_is_added_with_it() {
        let new = format!(
            "{HARBOUR}\n\nRecognizing the flood risk, the towns will raise the embankment by a metre."
        );
        let c = compare(HARBOUR, &new);
        // One sentence added, one report: the participle goes with it.
        let kinds: Vec<_> = c.changes.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [PledgeChangeKind::Added], "{:#?}", c.changes);
        let text = &c.new_pledges[c.changes[0].new.unwrap()].text;
        assert_eq!(text, "the towns will raise the embankment by a metre.");
    }

    #[test]
    fn a_weak_stance_beside_a_kept_pledge_is_no_change() {
        let kept = "The mayors pledged to add two night buses on the river line.";
        let noted = "The mayors noted the rise in late ridership and pledged to add two night buses on the river line.";
        assert!(compare(kept, noted).changes.is_empty());
        assert!(compare(noted, kept).changes.is_empty());
        // Beside a pledge that goes too, it goes with it, in one report.
        let other = "The mayors pledged to repave the market square.";
        let kinds: Vec<_> = compare(noted, other)
            .changes
            .iter()
            .map(|c| c.kind)
            .collect();
        assert_eq!(kinds, [PledgeChangeKind::Dropped, PledgeChangeKind::Added]);
        // Two weak stances: neither frames the other.
        let both = "The mayors noted the rise in late ridership and recognized the strain on the river line.";
        let one = "The mayors recognized the strain on the river line.";
        let kinds: Vec<_> = compare(both, one).changes.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [PledgeChangeKind::Dropped]);
    }

    /// The kinds of change between two one-sentence statements.
    fn kinds(old: &str, new: &str) -> Vec<PledgeChangeKind> {
        compare(old, new).changes.iter().map(|c| c.kind).collect()
    }

    #[test]
    fn one_word_of_constancy_for_another_is_no_change_of_strength() {
        // Regression: "unwavering" was of the upper grade, "steadfast" not.
        let k = kinds(
            "Aldoria reaffirmed its unwavering commitment to the defence of the islands.",
            "Aldoria reiterated its steadfast commitment to the defence of the islands.",
        );
        assert!(k.iter().all(|k| *k == PledgeChangeKind::Modified), "{k:?}");
    }

    #[test]
    fn an_annual_exercise_is_one_held_every_year() {
        // Regression: "annual" was no interval, so "every year" read as one added.
        let k = kinds(
            "The navies will hold an annual joint exercise in the strait.",
            "The navies will hold a joint exercise in the strait every year.",
        );
        assert!(k.iter().all(|k| *k == PledgeChangeKind::Modified), "{k:?}");
        let k = kinds(
            "The navies will hold a biennial joint exercise in the strait.",
            "The navies will hold an annual joint exercise in the strait.",
        );
        assert_eq!(k, [PledgeChangeKind::Strengthened]);
    }

    #[test]
    fn the_pledge_to_meet_again_is_paired_across_venues() {
        // Regression: a new venue and year left too few shared stems, and
        // the routine pledge read as one dropped and one added.
        let k = kinds(
            "The mayors agreed to meet again in Harwich in 2024.",
            "The mayors agreed to hold their next summit in Dover in 2025.",
        );
        assert!(k.iter().all(|k| *k == PledgeChangeKind::Modified), "{k:?}");
    }

    #[test]
    fn an_equal_force_verb_swap_is_no_verb_change() {
        let c = compare(
            "The Ministers reaffirmed the plan for a joint maintenance depot.",
            "The Ministers committed to the plan for a joint maintenance depot.",
        );
        let reasons: Vec<&str> = c
            .changes
            .iter()
            .flat_map(|c| c.reasons.iter().map(|r| r.text.as_str()))
            .collect();
        assert!(
            !reasons.iter().any(|r| r.starts_with("verb:")),
            "{reasons:?}"
        );
        assert!(c
            .changes
            .iter()
            .all(|c| c.kind == PledgeChangeKind::Modified));
    }
}
