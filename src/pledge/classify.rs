//! Pledge matching and change classification.

use super::quantity::{pair_quantities, quantity_reason, time_limit};
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
    /// Paragraph diffs, with `reworded` promoted to `modified` where a
    /// pledge in the paragraph changed.
    pub paragraphs: Vec<ParagraphDiff>,
}

/// Most words a "wording:" reason lists per side.
const WORDING_WORDS: usize = 6;

/// Least similarity for two pledges in aligned paragraphs to be the same.
const LOCAL_MATCH: f64 = 0.4;
/// Least similarity for a pledge that moved to an unrelated paragraph.
const GLOBAL_MATCH: f64 = 0.6;

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
    let mut old_by_para: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (k, p) in old_pledges.iter().enumerate() {
        old_by_para.entry(p.paragraph).or_default().push(k);
    }
    let mut new_by_para: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (k, p) in new_pledges.iter().enumerate() {
        new_by_para.entry(p.paragraph).or_default().push(k);
    }
    let mut old_match: Vec<Option<usize>> = vec![None; old_pledges.len()];
    let mut new_match: Vec<Option<usize>> = vec![None; new_pledges.len()];

    // 1. Within each aligned group of paragraphs.
    for d in &paragraphs {
        if d.old.is_empty() || d.new.is_empty() {
            continue;
        }
        let olds = ids_of(&d.old, &old_by_para);
        let news = ids_of(&d.new, &new_by_para);
        // An unchanged paragraph has the same pledges in the same order.
        let same = d.change == Change::Unchanged
            && olds.len() == news.len()
            && olds
                .iter()
                .zip(&news)
                .all(|(&a, &b)| old_pledges[a].folded == new_pledges[b].folded);
        if same {
            for (&a, &b) in olds.iter().zip(&news) {
                old_match[a] = Some(b);
                new_match[b] = Some(a);
            }
            continue;
        }
        let edges = candidate_edges(&old_pledges, &new_pledges, &olds, &news, LOCAL_MATCH);
        assign(edges, &mut old_match, &mut new_match);
        // One pledge left on each side of a paired paragraph, made with
        // the same verb: the same pledge with a new object.
        let left_old: Vec<usize> = olds
            .iter()
            .copied()
            .filter(|&a| old_match[a].is_none())
            .collect();
        let left_new: Vec<usize> = news
            .iter()
            .copied()
            .filter(|&b| new_match[b].is_none())
            .collect();
        if let ([a], [b]) = (left_old.as_slice(), left_new.as_slice()) {
            if old_pledges[*a].verb == new_pledges[*b].verb {
                old_match[*a] = Some(*b);
                new_match[*b] = Some(*a);
            }
        }
    }

    // 1b. A paragraph added (or dropped) right beside an aligned pair often
    // holds text split off from (or merged into) it, reworded too much for
    // the aligner to call it a split: its pledges may match the pair's
    // leftovers at the local threshold.
    let unmatched = |ids: &[usize], by_para: &FxHashMap<usize, Vec<usize>>, m: &[Option<usize>]| {
        let mut v = ids_of(ids, by_para);
        v.retain(|&k| m[k].is_none());
        v
    };
    for (e, d) in paragraphs.iter().enumerate() {
        let added = d.old.is_empty() && !d.new.is_empty();
        let dropped = d.new.is_empty() && !d.old.is_empty();
        if !added && !dropped {
            continue;
        }
        let neighbours = [e.checked_sub(1), Some(e + 1)]
            .into_iter()
            .flatten()
            .filter_map(|n| paragraphs.get(n))
            .filter(|n| !n.old.is_empty() && !n.new.is_empty());
        let (mut olds, mut news) = (Vec::new(), Vec::new());
        if added {
            news = unmatched(&d.new, &new_by_para, &new_match);
            for n in neighbours {
                olds.extend(unmatched(&n.old, &old_by_para, &old_match));
            }
        } else {
            olds = unmatched(&d.old, &old_by_para, &old_match);
            for n in neighbours {
                news.extend(unmatched(&n.new, &new_by_para, &new_match));
            }
        }
        if olds.is_empty() || news.is_empty() {
            continue;
        }
        let edges = candidate_edges(&old_pledges, &new_pledges, &olds, &news, LOCAL_MATCH);
        assign(edges, &mut old_match, &mut new_match);
    }

    // 2. Across the statement, for pledges that moved between unrelated
    // paragraphs.
    let olds: Vec<usize> = (0..old_pledges.len())
        .filter(|&a| old_match[a].is_none())
        .collect();
    let news: Vec<usize> = (0..new_pledges.len())
        .filter(|&b| new_match[b].is_none())
        .collect();
    let edges = candidate_edges(&old_pledges, &new_pledges, &olds, &news, GLOBAL_MATCH);
    assign(edges, &mut old_match, &mut new_match);

    // A pledge and its negation ("will not impose tariffs" / "will impose
    // tariffs") say opposite things: neither is a stronger form of the
    // other, so the old one is dropped and the new one added, each saying
    // why. A reversal then survives `--min-change` as it should.
    let mut old_reversed: Vec<Option<&str>> = vec![None; old_pledges.len()];
    let mut new_reversed: Vec<Option<&str>> = vec![None; new_pledges.len()];
    for (a, m) in old_match.iter_mut().enumerate() {
        let Some(b) = *m else { continue };
        if old_pledges[a].negated != new_pledges[b].negated {
            let why = if new_pledges[b].negated {
                "pledge reversed: negation added"
            } else {
                "pledge reversed: negation removed"
            };
            (old_reversed[a], new_reversed[b]) = (Some(why), Some(why));
            *m = None;
            new_match[b] = None;
        }
    }

    // 2b. A paragraph split in two (or two merged into one) often splits
    // one pledge (or merges two): "Decides that the mandate shall include
    // A and B" -> "… shall include A." + "Decides further that it shall
    // include B." The pledge left over on the side with more paragraphs
    // is held by the other side's pledge of the group, same verb, every
    // content term included: joined to it, not added or dropped, and the
    // pair is compared with it.
    let mut merged_into: FxHashMap<usize, Vec<usize>> = FxHashMap::default(); // new -> olds
    let mut split_from: FxHashMap<usize, Vec<usize>> = FxHashMap::default(); // old -> news
    let mut merged_old = vec![false; old_pledges.len()];
    let mut split_new = vec![false; new_pledges.len()];
    let mut joined = Vec::new();
    for d in &paragraphs {
        match d.change {
            Change::Merged => {
                let olds = ids_of(&d.old, &old_by_para);
                for (x, b) in held_leftovers(&olds, &old_match, &old_pledges, &new_pledges) {
                    merged_into.entry(b).or_default().push(x);
                    merged_old[x] = true;
                    joined.push((x, b));
                }
            }
            Change::Split => {
                let news = ids_of(&d.new, &new_by_para);
                for (y, a) in held_leftovers(&news, &new_match, &new_pledges, &old_pledges) {
                    split_from.entry(a).or_default().push(y);
                    split_new[y] = true;
                    joined.push((a, y));
                }
            }
            _ => {}
        }
    }

    // 3. Classify.
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
                    text: match old_reversed[a] {
                        Some(why) => why.to_string(),
                        None => format!("pledge dropped: {}", old_pledges[a].verb_form),
                    },
                    step: -1,
                }],
            }),
            Some(b) => {
                let reasons = match (merged_into.get(b), split_from.get(&a)) {
                    (None, None) => compare(&old_pledges[a], &new_pledges[*b], lexicon),
                    (olds, news) => {
                        // Words that the halves of a split or merge both
                        // repeat ("Decides that the mandate shall include
                        // …" twice) count once, on both sides.
                        let mut old = joined_with(&old_pledges[a], olds, &old_pledges);
                        let mut new = joined_with(&new_pledges[*b], news, &new_pledges);
                        old.content = distinct(&old.content);
                        new.content = distinct(&new.content);
                        compare(&old, &new, lexicon)
                    }
                };
                if reasons.is_empty() {
                    continue;
                }
                let net: i32 = reasons.iter().map(|r| r.step).sum();
                let kind = match net.signum() {
                    1 => PledgeChangeKind::Strengthened,
                    -1 => PledgeChangeKind::Weakened,
                    _ => PledgeChangeKind::Modified,
                };
                let mut topics = old_pledges[a].topics.clone();
                topics.extend(new_pledges[*b].topics.iter().cloned());
                topics.sort();
                topics.dedup();
                changes.push(PledgeChange {
                    kind,
                    old: Some(a),
                    new: Some(*b),
                    topics,
                    reasons,
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
                    text: match new_reversed[b] {
                        Some(why) => why.to_string(),
                        None => format!("new pledge: {}", new_pledges[b].verb_form),
                    },
                    step: 1,
                }],
            });
        }
    }

    // Reading order: the paragraph entry each change belongs to.
    let mut entry_of_old: FxHashMap<usize, usize> = FxHashMap::default();
    let mut entry_of_new: FxHashMap<usize, usize> = FxHashMap::default();
    for (e, d) in paragraphs.iter().enumerate() {
        for &i in &d.old {
            entry_of_old.insert(i, e);
        }
        for &j in &d.new {
            entry_of_new.insert(j, e);
        }
    }
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
        paragraphs,
    }
}

/// The pledges of some paragraphs, in order.
fn ids_of(paras: &[usize], by_para: &FxHashMap<usize, Vec<usize>>) -> Vec<usize> {
    paras
        .iter()
        .flat_map(|i| by_para.get(i).cloned().unwrap_or_default())
        .collect()
}

/// The unmatched pledges of `group` (on the side with more paragraphs of a
/// split or merge) that a pledge on the other side, matched within the
/// group, holds: (leftover, holder).
fn held_leftovers(
    group: &[usize],
    matches: &[Option<usize>],
    mine: &[Pledge],
    theirs: &[Pledge],
) -> Vec<(usize, usize)> {
    group
        .iter()
        .filter(|&&x| matches[x].is_none())
        .filter_map(|&x| {
            group
                .iter()
                .filter_map(|&a| matches[a])
                .find(|&b| holds(&theirs[b], &mine[x]))
                .map(|b| (x, b))
        })
        .collect()
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
fn joined_with(p: &Pledge, others: Option<&Vec<usize>>, all: &[Pledge]) -> Pledge {
    let mut out = p.clone();
    for &k in others.map(Vec::as_slice).unwrap_or(&[]) {
        let o = &all[k];
        out.content.extend(o.content.iter().cloned());
        out.terms.extend(o.terms.iter().cloned());
        out.lists.extend(o.lists.iter().cloned());
        out.numbers.extend(o.numbers.iter().cloned());
        out.folded.push(' ');
        out.folded.push_str(&o.folded);
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
    out
}

/// Scored pairs at or above `threshold`. Small sets are compared in full;
/// large ones only where a pair shares one of the old pledge's rarest terms,
/// so the work stays near-linear.
fn candidate_edges(
    old_pledges: &[Pledge],
    new_pledges: &[Pledge],
    olds: &[usize],
    news: &[usize],
    threshold: f64,
) -> Vec<(f64, usize, usize)> {
    let mut edges = Vec::new();
    if olds.len() * news.len() <= 4096 {
        for &a in olds {
            for &b in news {
                let s = dice(&old_pledges[a].terms, &new_pledges[b].terms);
                if s >= threshold {
                    edges.push((s, a, b));
                }
            }
        }
        return edges;
    }
    let mut postings: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for &b in news {
        for t in &new_pledges[b].terms {
            let list = postings.entry(&**t).or_default();
            if list.last() != Some(&b) {
                list.push(b);
            }
        }
    }
    let mut cands = Vec::new();
    for &a in olds {
        let mut terms: Vec<&str> = old_pledges[a].terms.iter().map(|t| &**t).collect();
        terms.dedup();
        terms.sort_by_key(|t| (postings.get(t).map_or(usize::MAX, Vec::len), *t));
        cands.clear();
        for t in terms.iter().take(4) {
            if let Some(list) = postings.get(t) {
                cands.extend(list.iter().take(64).copied());
            }
        }
        cands.sort_unstable();
        cands.dedup();
        for &b in &cands {
            let s = dice(&old_pledges[a].terms, &new_pledges[b].terms);
            if s >= threshold {
                edges.push((s, a, b));
            }
        }
    }
    edges
}

fn assign(
    mut edges: Vec<(f64, usize, usize)>,
    old_match: &mut [Option<usize>],
    new_match: &mut [Option<usize>],
) {
    edges.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then_with(|| x.1.abs_diff(x.2).cmp(&y.1.abs_diff(y.2)))
            .then_with(|| (x.1, x.2).cmp(&(y.1, y.2)))
    });
    for (_, a, b) in edges {
        if old_match[a].is_none() && new_match[b].is_none() {
            old_match[a] = Some(b);
            new_match[b] = Some(a);
        }
    }
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

fn mentions(p: &Pledge, item: &str) -> bool {
    p.folded.contains(item)
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

/// Does the pledge bind anyone to something measurable? A quantity in a
/// concern, a note or a welcome ("concerned that 700 million people face
/// hunger", "welcomed the 4 billion pledged") describes the situation: a
/// change in it is no stronger or weaker a pledge.
fn binds(p: &Pledge) -> bool {
    match p.family {
        crate::lexicon::Family::Call => true,
        crate::lexicon::Family::Position => p.force >= 4,
        crate::lexicon::Family::Concern => false,
    }
}

/// A list for a reason's text; "none" rather than nothing.
fn listed(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

/// Reasons why `b` differs from `a`; empty when the change is cosmetic.
pub fn compare(a: &Pledge, b: &Pledge, lex: &Lexicon) -> Vec<Reason> {
    let mut r = Vec::new();
    if a.folded == b.folded {
        return r;
    }
    let mut push = |text: String, step: i32| r.push(Reason { text, step });
    if a.verb != b.verb {
        push(
            format!("verb: {} -> {}", a.verb_form, b.verb_form),
            (b.force as i32 - a.force as i32).signum(),
        );
    }
    // A modal that appears or vanishes usually means the sentence was
    // restructured; only a change between two modals is a change of force.
    if a.modal.is_some() && b.modal.is_some() && a.modal_force != b.modal_force {
        push(
            format!(
                "modal: {} -> {}",
                a.modal.as_deref().unwrap_or("(none)"),
                b.modal.as_deref().unwrap_or("(none)")
            ),
            (b.modal_force as i32 - a.modal_force as i32).signum(),
        );
    }
    let added: Vec<&String> = b
        .boosters
        .iter()
        .filter(|x| !a.boosters.contains(x))
        .collect();
    let removed: Vec<&String> = a
        .boosters
        .iter()
        .filter(|x| !b.boosters.contains(x))
        .collect();
    let grade = |x: &String| i32::from(lex.strong_boosters.contains(x));
    match (removed.as_slice(), added.as_slice()) {
        // One booster for another of a different grade: "deeply" ->
        // "gravely concerned" is stronger, where two unrelated reasons
        // would cancel out.
        ([old], [new]) if grade(old) != grade(new) => {
            push(
                format!("booster: {old} -> {new}"),
                (grade(new) - grade(old)).signum(),
            );
        }
        _ => {
            for x in added {
                push(format!("booster added: {x}"), 1);
            }
            for x in removed {
                push(format!("booster removed: {x}"), -1);
            }
        }
    }
    for x in b.hedges.iter().filter(|x| !a.hedges.contains(x)) {
        push(format!("hedge added: {x}"), -1);
    }
    for x in a.hedges.iter().filter(|x| !b.hedges.contains(x)) {
        push(format!("hedge removed: {x}"), 1);
    }
    if a.negated != b.negated {
        if b.negated {
            push("negation added".into(), -1);
        } else {
            push("negation removed".into(), 1);
        }
    }

    // Scope: a list that shares at least one item with the other side and
    // has items the other side never mentions. Lists with nothing in
    // common are rewording, not scope.
    // With the same content words on both sides the lists were only
    // reordered ("From every direction, against all threats, Allies …
    // deter and defend"): nothing left the scope or joined it.
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
    // name ("stability of the ECS" / "stability in the East China Sea"),
    // did not leave or join it.
    if widened.is_empty() != narrowed.is_empty() {
        widened.retain(|x| !has_terms_of(b, a, x, lex));
        narrowed.retain(|x| !has_terms_of(a, b, x, lex));
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
    match (widened.is_empty(), narrowed.is_empty()) {
        (false, true) => push(format!("scope widened: + {}", widened.join(", ")), 1),
        (true, false) => push(
            format!("scope narrowed: \u{2212} {}", narrowed.join(", ")),
            -1,
        ),
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
            .chain(&gone)
            .chain(&came);
        for q in changed {
            let words: Vec<&str> = q.split_whitespace().collect();
            explained.extend(
                crate::segment::terms_of(&words, lex)
                    .into_iter()
                    .map(|(t, _)| t),
            );
        }
        let bound = binds(a) && binds(b);
        for (x, y) in pairs {
            let (text, step) = quantity_reason(x, y);
            push(text, if bound { step } else { 0 });
        }
        // A deadline or interval set where there was none makes the
        // pledge firmer, and dropping one looser; other quantities added
        // or dropped are listed without a direction.
        let (mut other_gone, mut other_came) = (Vec::new(), Vec::new());
        for (list, sign, verb, other) in [
            (gone, -1, "removed", &mut other_gone),
            (came, 1, "added", &mut other_came),
        ] {
            for q in list {
                match time_limit(&q) {
                    Some(label) => {
                        push(format!("{label} {verb}: {q}"), if bound { sign } else { 0 })
                    }
                    None => other.push(q),
                }
            }
        }
        if !other_gone.is_empty() || !other_came.is_empty() {
            push(
                format!(
                    "numbers: {} -> {}",
                    listed(&other_gone),
                    listed(&other_came)
                ),
                0,
            );
        }
    }

    // Whatever content is left over is a substantive rewording.
    explained.sort_unstable();
    let strip = |c: &[TermWord]| -> Vec<TermWord> {
        let mut pool = explained.clone();
        c.iter()
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
        let text = match (gone.is_empty(), came.is_empty()) {
            (true, false) => format!("wording: + {}", words(&came)),
            (false, true) => format!("wording: \u{2212} {}", words(&gone)),
            _ => format!("wording: {} -> {}", words(&gone), words(&came)),
        };
        push(text, 0);
    }
    r
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Lexicon;
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

    fn compare(old: &str, new: &str) -> crate::pledge::Classified {
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
}
