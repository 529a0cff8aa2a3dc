//! Stage 4 — align: pair the paragraphs of two statements.
//!
//! Pairs come from content, not position: identical paragraphs first, then
//! candidates proposed by an inverted index over rare terms and scored by
//! idf-weighted cosine similarity, assigned greedily best-first. Leftover
//! paragraphs that are mostly contained in a neighbour's partner become
//! split or merged groups. A pair that breaks the common order is flagged
//! `moved` (it is outside the longest increasing run of pairs).

mod vectors;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::segment::Statement;
use vectors::{containment, cosine, union, Corpus, Index};

/// One alignment entry: which old paragraphs became which new ones.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    /// Old paragraph indices (empty when added).
    pub old: Vec<usize>,
    /// New paragraph indices (empty when dropped).
    pub new: Vec<usize>,
    /// Content similarity in 0..=1 for pairs; `None` for added/dropped.
    pub similarity: Option<f64>,
    /// The pair left its place relative to the others.
    pub moved: bool,
}

/// A rewritten paragraph pairs at this share of the normal threshold when
/// it and its partner are each other's best match in the same gap.
const LOW_PAIR_FACTOR: f64 = 0.5;

/// Pairs at this multiple of the pair threshold are strong: they are
/// taken, and their splits and merges found, before any weaker pair.
const STRONG_PAIR_FACTOR: f64 = 2.0;

/// Passes of split/merge grouping at most (each pass can only grow groups).
const MAX_REGROUP_ROUNDS: usize = 8;

/// Alignment thresholds.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// Least similarity for a 1:1 pair.
    pub pair: f64,
    /// Least share of a part found in its whole for a split/merge.
    pub part: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            pair: 0.3,
            part: 0.6,
        }
    }
}

/// Aligns two statements; entries are ordered as a reader walks the new
/// statement, with dropped paragraphs where they used to stand.
pub fn align(old: &Statement, new: &Statement) -> Vec<Alignment> {
    align_with(old, new, Thresholds::default())
}

/// [`align`] with explicit thresholds.
pub fn align_with(old: &Statement, new: &Statement, th: Thresholds) -> Vec<Alignment> {
    let (no, nn) = (old.paragraphs.len(), new.paragraphs.len());
    let mut old_group: Vec<Option<usize>> = vec![None; no];
    let mut new_group: Vec<Option<usize>> = vec![None; nn];
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();

    // 1. Identical paragraphs (after normalization) pair at once; among
    // duplicates the nearest by position wins.
    let mut by_key: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (j, p) in new.paragraphs.iter().enumerate() {
        by_key.entry(p.key.as_str()).or_default().push(j);
    }
    for (i, p) in old.paragraphs.iter().enumerate() {
        if let Some(list) = by_key.get_mut(p.key.as_str()) {
            if let Some(pos) = list
                .iter()
                .enumerate()
                .min_by_key(|(_, &j)| (j as i64 - scaled(i, no, nn) as i64).unsigned_abs())
                .map(|(k, _)| k)
            {
                let j = list.remove(pos);
                old_group[i] = Some(groups.len());
                new_group[j] = Some(groups.len());
                groups.push((vec![i], vec![j]));
            }
        }
    }

    // 2. Candidate pairs from the index, scored, assigned best-first.
    let corpus = Corpus::build(&old.segments, &new.segments);
    let new_index = Index::build(&corpus.new_rare, |j| new_group[j].is_none());
    let mut edges: Vec<(f64, usize, usize)> = Vec::new();
    let mut cands = Vec::new();
    for i in (0..no).filter(|&i| old_group[i].is_none()) {
        new_index.candidates(&corpus.old_rare[i], scaled(i, no, nn), &mut cands);
        for &j in &cands {
            let s = cosine(&corpus.old[i], &corpus.new[j]);
            if s >= th.pair {
                edges.push((s, i, j));
            }
        }
    }
    edges.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| distance(a.1, a.2, no, nn).cmp(&distance(b.1, b.2, no, nn)))
            .then_with(|| (a.1, a.2).cmp(&(b.1, b.2)))
    });
    // 3. Splits: a leftover new paragraph mostly contained in an old one
    // whose partner stands right next to it. Merges are the same with the
    // sides swapped. Repeated until nothing changes, so that the result does
    // not depend on which part of a three-way split was paired first.
    //
    // Steps 2 and 3 alternate over two tiers of similarity: strong pairs
    // first, then their splits and merges, and only then the weak pairs
    // that are left. A weak 1:1 pair must not take a paragraph that is
    // really part of a split or a merge: candidates are found from the old
    // side, so whether that weak pair is seen at all depends on which side
    // is old, and the diff of B against A would differ from A against B.
    let old_index = Index::build(&corpus.old_rare, |_| true);
    let new_index_all = Index::build(&corpus.new_rare, |_| true);
    for floor in [th.pair * STRONG_PAIR_FACTOR, th.pair] {
        for &(s, i, j) in &edges {
            if s >= floor && old_group[i].is_none() && new_group[j].is_none() {
                old_group[i] = Some(groups.len());
                new_group[j] = Some(groups.len());
                groups.push((vec![i], vec![j]));
            }
        }
        regroup(
            &corpus,
            &old_index,
            &new_index_all,
            &mut groups,
            &mut old_group,
            &mut new_group,
            th,
            &mut cands,
        );
    }

    // 4. Heavy rewording: leftovers that are each other's best candidate at
    // a lower similarity, and that sit in the same gap between pairs (so a
    // weak match never crosses the order the strong ones set).
    let low = th.pair * LOW_PAIR_FACTOR;
    let in_order: Vec<bool> =
        in_order(&groups.iter().map(|(o, n)| (o[0], n[0])).collect::<Vec<_>>());
    let old_side = Paragraphs {
        rare: &corpus.old_rare,
        vectors: &corpus.old,
        group: &old_group,
    };
    let new_side = Paragraphs {
        rare: &corpus.new_rare,
        vectors: &corpus.new,
        group: &new_group,
    };
    let best_new = best_unpaired(&old_side, &new_side, low);
    let best_old = best_unpaired(&new_side, &old_side, low);
    for i in 0..no {
        let Some((_, j)) = best_new[i] else { continue };
        if best_old[j].map(|(_, b)| b) != Some(i)
            || old_group[i].is_some()
            || new_group[j].is_some()
        {
            continue;
        }
        // Gap bounds come from pairs that keep the common order: a moved
        // pair would bound the gap differently in the two directions.
        let before = (0..i)
            .rev()
            .filter_map(|k| old_group[k])
            .find(|&g| in_order.get(g).copied().unwrap_or(true))
            .map(|g| groups[g].1[groups[g].1.len() - 1]);
        let after = (i + 1..no)
            .filter_map(|k| old_group[k])
            .find(|&g| in_order.get(g).copied().unwrap_or(true))
            .map(|g| groups[g].1[0]);
        if before.is_none_or(|b| b < j) && after.is_none_or(|a| j < a) {
            old_group[i] = Some(groups.len());
            new_group[j] = Some(groups.len());
            groups.push((vec![i], vec![j]));
        }
    }

    // 5. Similarity per group, moves, and reading order.
    let mut entries: Vec<Alignment> = groups
        .iter()
        .map(|(o, n)| {
            let identical = o.len() == 1
                && n.len() == 1
                && old.paragraphs[o[0]].key == new.paragraphs[n[0]].key;
            let sim = if identical {
                1.0
            } else {
                let a: Vec<_> = o.iter().map(|&i| &corpus.old[i]).collect();
                let b: Vec<_> = n.iter().map(|&j| &corpus.new[j]).collect();
                // Not identical, so never shown as a perfect match.
                ((cosine(&union(&a), &union(&b)) * 1000.0).round() / 1000.0).min(0.99)
            };
            Alignment {
                old: o.clone(),
                new: n.clone(),
                similarity: Some(sim.min(1.0)),
                moved: false,
            }
        })
        .collect();
    mark_moves(&mut entries);
    for i in (0..no).filter(|&i| old_group[i].is_none()) {
        entries.push(Alignment {
            old: vec![i],
            new: vec![],
            similarity: None,
            moved: false,
        });
    }
    for j in (0..nn).filter(|&j| new_group[j].is_none()) {
        entries.push(Alignment {
            old: vec![],
            new: vec![j],
            similarity: None,
            moved: false,
        });
    }
    order(entries, no)
}

/// Split/merge rounds until nothing changes (at most
/// [`MAX_REGROUP_ROUNDS`]).
#[allow(clippy::too_many_arguments)] // the aligner's state, passed explicitly
fn regroup(
    corpus: &Corpus,
    old_index: &Index,
    new_index_all: &Index,
    groups: &mut Vec<(Vec<usize>, Vec<usize>)>,
    old_group: &mut [Option<usize>],
    new_group: &mut [Option<usize>],
    th: Thresholds,
    cands: &mut Vec<usize>,
) {
    for _round in 0..MAX_REGROUP_ROUNDS {
        let split = Side {
            parts: &corpus.new,
            parts_rare: &corpus.new_rare,
            wholes: &corpus.old,
            whole_index: old_index,
        };
        let merge = Side {
            parts: &corpus.old,
            parts_rare: &corpus.old_rare,
            wholes: &corpus.new,
            whole_index: new_index_all,
        };
        let mut changed = attach_parts(&split, groups, new_group, old_group, false, th, cands);
        changed |= attach_parts(&merge, groups, old_group, new_group, true, th, cands);
        if !changed {
            break;
        }
    }
}

/// One direction of split/merge grouping: `parts` are the side whose
/// leftover paragraphs may join a group, `wholes` the side holding the
/// paragraph they came from.
struct Side<'a> {
    parts: &'a [vectors::Vector],
    parts_rare: &'a [Vec<u32>],
    wholes: &'a [vectors::Vector],
    whole_index: &'a Index,
}

/// Attaches leftover parts to the group of the whole that mostly contains
/// them, or pairs them with a leftover whole. `swapped` says the parts are
/// the old side (a merge) rather than the new one (a split). Returns whether
/// anything changed.
#[allow(clippy::too_many_arguments)] // both sides' state, passed explicitly so either can be "parts"
fn attach_parts(
    side: &Side<'_>,
    groups: &mut Vec<(Vec<usize>, Vec<usize>)>,
    part_group: &mut [Option<usize>],
    whole_group: &mut [Option<usize>],
    swapped: bool,
    th: Thresholds,
    cands: &mut Vec<usize>,
) -> bool {
    let (np, nw) = (part_group.len(), whole_group.len());
    let mut changed = false;
    #[allow(clippy::needless_range_loop)] // the loop assigns into part_group as it goes
    for j in 0..np {
        if part_group[j].is_some() {
            continue;
        }
        side.whole_index
            .candidates(&side.parts_rare[j], scaled(j, np, nw), cands);
        let best = cands
            .iter()
            .map(|&i| (containment(&side.parts[j], &side.wholes[i]), i))
            .filter(|&(c, _)| c >= th.part)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        let Some((_, i)) = best else { continue };
        match whole_group[i] {
            Some(g) => {
                let (wholes, parts) = if swapped {
                    (&groups[g].1, &groups[g].0)
                } else {
                    (&groups[g].0, &groups[g].1)
                };
                // A part that also holds most of a leftover paragraph of the
                // other side is a re-cut (m:n), not a split: it is left to
                // pair with that paragraph, whichever side is "old".
                let recut = cands.iter().any(|&k| {
                    whole_group[k].is_none()
                        && containment(&side.wholes[k], &side.parts[j]) >= th.part
                });
                if wholes.len() != 1 || !adjacent(parts, j) || recut {
                    continue;
                }
                let mut vs: Vec<&vectors::Vector> = parts.iter().map(|&k| &side.parts[k]).collect();
                let before = cosine(&side.wholes[i], &union(&vs));
                vs.push(&side.parts[j]);
                if cosine(&side.wholes[i], &union(&vs)) > before {
                    let parts = if swapped {
                        &mut groups[g].0
                    } else {
                        &mut groups[g].1
                    };
                    parts.push(j);
                    parts.sort_unstable();
                    part_group[j] = Some(g);
                    changed = true;
                }
            }
            None => {
                whole_group[i] = Some(groups.len());
                part_group[j] = Some(groups.len());
                groups.push(if swapped {
                    (vec![j], vec![i])
                } else {
                    (vec![i], vec![j])
                });
                changed = true;
            }
        }
    }
    changed
}

/// Position `i` of a side with `from` paragraphs, scaled to one with `to`.
/// One statement's paragraphs as the rewording pass sees them.
struct Paragraphs<'a> {
    rare: &'a [Vec<u32>],
    vectors: &'a [vectors::Vector],
    group: &'a [Option<usize>],
}

/// For each paragraph of `from` that has no group yet, its most similar
/// paragraph of `to` without one, at `low` similarity or above. One routine
/// for both directions keeps the mutual-best test symmetric.
fn best_unpaired(from: &Paragraphs, to: &Paragraphs, low: f64) -> Vec<Option<(f64, usize)>> {
    let index = Index::build(to.rare, |j| to.group[j].is_none());
    let mut cands = Vec::new();
    (0..from.rare.len())
        .map(|i| {
            if from.group[i].is_some() {
                return None;
            }
            let at = scaled(i, from.rare.len(), to.rare.len());
            index.candidates(&from.rare[i], at, &mut cands);
            cands
                .iter()
                .map(|&j| (cosine(&from.vectors[i], &to.vectors[j]), j))
                .filter(|&(c, _)| c >= low)
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        })
        .collect()
}

fn scaled(i: usize, from: usize, to: usize) -> usize {
    (i * to).checked_div(from).unwrap_or(0)
}

fn distance(i: usize, j: usize, no: usize, nn: usize) -> usize {
    scaled(i, no, nn).abs_diff(j)
}

fn adjacent(group: &[usize], k: usize) -> bool {
    let (lo, hi) = (group[0], group[group.len() - 1]);
    k + 1 == lo || k == hi + 1
}

/// Flags pairs outside the longest run that keeps both orders.
fn mark_moves(entries: &mut [Alignment]) {
    let spans: Vec<(usize, usize)> = entries.iter().map(|e| (e.old[0], e.new[0])).collect();
    for (e, keep) in entries.iter_mut().zip(in_order(&spans)) {
        e.moved = !keep;
    }
}

/// Which (old, new) pairs keep the common order. Of the longest runs in
/// order, the one found reading the old statement and the one found
/// reading the new one are both valid; the one that leaves the pairs that
/// travelled farthest out (as moved) wins, so that swapping OLD and NEW
/// flags the same paragraphs.
fn in_order(pairs: &[(usize, usize)]) -> Vec<bool> {
    let run = |by_old: bool| -> Vec<bool> {
        let mut idx: Vec<usize> = (0..pairs.len()).collect();
        idx.sort_by_key(|&k| {
            if by_old {
                pairs[k]
            } else {
                (pairs[k].1, pairs[k].0)
            }
        });
        let seq: Vec<usize> = idx
            .iter()
            .map(|&k| if by_old { pairs[k].1 } else { pairs[k].0 })
            .collect();
        let keep = longest_increasing(&seq);
        let mut out = vec![false; pairs.len()];
        for (pos, &k) in idx.iter().enumerate() {
            out[k] = keep[pos];
        }
        out
    };
    let forward = run(true);
    let backward = run(false);
    let travelled = |keep: &[bool]| -> usize {
        pairs
            .iter()
            .zip(keep)
            .filter(|(_, k)| !**k)
            .map(|((o, n), _)| o.abs_diff(*n))
            .sum()
    };
    if travelled(&backward) > travelled(&forward) {
        backward
    } else {
        forward
    }
}

/// Marks the members of one longest strictly increasing subsequence.
fn longest_increasing(seq: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // positions in seq
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for i in 0..seq.len() {
        let at = tails.partition_point(|&t| seq[t] < seq[i]);
        if at > 0 {
            prev[i] = Some(tails[at - 1]);
        }
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        keep[i] = true;
        cur = prev[i];
    }
    keep
}

/// Reading order: by new position; a dropped paragraph follows the entry
/// that holds its nearest preceding old neighbour.
fn order(entries: Vec<Alignment>, no: usize) -> Vec<Alignment> {
    let mut anchor: Vec<Option<usize>> = vec![None; no];
    for e in &entries {
        if !e.new.is_empty() && !e.moved {
            for &i in &e.old {
                anchor[i] = Some(e.new[0]);
            }
        }
    }
    let mut keyed: Vec<((i64, u8, usize), Alignment)> = entries
        .into_iter()
        .map(|e| {
            let key = if let Some(&j) = e.new.first() {
                (j as i64, 0, 0)
            } else {
                let i = e.old[0];
                let a = (0..i)
                    .rev()
                    .find_map(|k| anchor[k])
                    .map_or(-1, |v| v as i64);
                (a, 1, i)
            };
            (key, e)
        })
        .collect();
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(paras: &[&str]) -> Statement {
        crate::segment::statement_from_text(&paras.join("\n\n"))
    }

    const A: &str = "The Ministers welcomed the progress on the relocation of the air station to the northern coast of the island.";
    const B: &str = "The Ministers expressed concern about missile launches by North Korea and called for full sanctions enforcement.";
    const C: &str = "The Ministers committed to deepen cooperation in space, cyberspace and the electromagnetic spectrum.";
    const D: &str = "The Ministers decided to hold an annual dialogue on extended deterrence, including nuclear capabilities.";

    fn kinds(e: &[Alignment]) -> Vec<(Vec<usize>, Vec<usize>, bool)> {
        e.iter()
            .map(|a| (a.old.clone(), a.new.clone(), a.moved))
            .collect()
    }

    #[test]
    fn identical_statements_pair_in_place() {
        let s = statement(&[A, B, C]);
        let e = align(&s, &s);
        assert_eq!(
            kinds(&e),
            vec![
                (vec![0], vec![0], false),
                (vec![1], vec![1], false),
                (vec![2], vec![2], false)
            ]
        );
    }

    #[test]
    fn a_moved_paragraph_is_one_pair_flagged_moved() {
        let e = align(&statement(&[A, B, C, D]), &statement(&[B, C, D, A]));
        assert_eq!(e.len(), 4);
        let moved: Vec<_> = e.iter().filter(|a| a.moved).collect();
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].old, vec![0]);
    }

    #[test]
    fn added_and_dropped_paragraphs_stand_alone() {
        let e = align(&statement(&[A, B, C]), &statement(&[A, C, D]));
        assert!(e.contains(&Alignment {
            old: vec![1],
            new: vec![],
            similarity: None,
            moved: false
        }));
        assert!(e.contains(&Alignment {
            old: vec![],
            new: vec![2],
            similarity: None,
            moved: false
        }));
    }

    #[test]
    fn a_one_paragraph_statement_with_several_edits_still_pairs() {
        // Regression: with one paragraph a side every shared word was in
        // "every paragraph" and weighed next to nothing, so a few edits
        // brought the pair down to the threshold (similarity 0.30).
        let old = "We, the Leaders, met in Rivertown on 10-11 September 2024. We are \
            determined to address the debt vulnerabilities of low-income countries. \
            We will continue to support the Common Framework, and we call on all \
            creditors to participate. We welcome lending of USD 200 billion.";
        let new = "We, the Leaders, met in Lakeside on 9-10 September 2025. We are \
            determined to address the debt vulnerabilities of low- and middle-income \
            countries. We will continue to support the Common Framework, and we urge \
            all creditors to participate. We welcome lending of USD 300 billion. We \
            will review progress on debt at our next summit.";
        let e = align(&statement(&[old]), &statement(&[new]));
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].similarity.is_some_and(|s| s > 0.5), "{e:?}");
    }

    #[test]
    fn edited_paragraph_pairs_by_content() {
        let edited = "The Ministers expressed serious concern about repeated missile launches by North Korea and called for full enforcement of sanctions.";
        let e = align(&statement(&[A, B, C]), &statement(&[A, edited, C]));
        assert_eq!(kinds(&e)[1], (vec![1], vec![1], false));
        assert!(e[1].similarity.unwrap() < 1.0);
    }

    #[test]
    fn split_and_merge_are_groups() {
        let joined = format!("{} {}", C, D);
        let e = align(&statement(&[A, &joined, B]), &statement(&[A, C, D, B]));
        assert!(
            e.iter().any(|a| a.old == vec![1] && a.new == vec![1, 2]),
            "{e:?}"
        );
        let e = align(&statement(&[A, C, D, B]), &statement(&[A, &joined, B]));
        assert!(
            e.iter().any(|a| a.old == vec![1, 2] && a.new == vec![1]),
            "{e:?}"
        );
    }

    #[test]
    fn rewording_pass_after_new_pairs_does_not_panic() {
        // Regression: the rewording pass looked up order flags for pairs it
        // had just created, past the end of the flag list (found by the
        // mirror property test).
        let a = statement(&[
            "The Ministers noted cooperation in cyberspace under the Alder initiative.",
            "The Ministers noted the peaceful use of outer space under the Birch initiative, where appropriate.",
            "The two sides committed to the missile launches by North Korea under the Cedar initiative.",
        ]);
        let b = statement(&[
            "The Ministers noted cooperation in cyberspace under the Alder initiative.",
            "The Ministers noted Japan's administration of the Senkaku Islands under the Birch initiative, where appropriate.",
            "The jointly two sides committed to maritime security in the South China Sea under the Cedar initiative.",
        ]);
        let forward = align(&a, &b);
        let backward = align(&b, &a);
        assert_eq!(forward.len(), 3);
        assert_eq!(backward.len(), 3);
    }

    #[test]
    fn three_way_merge_is_one_group_in_either_direction() {
        let parts = [A, B, C];
        let joined = parts.join(" ");
        let e = align(&statement(&parts), &statement(&[&joined]));
        assert_eq!(kinds(&e), vec![(vec![0, 1, 2], vec![0], false)]);
        let e = align(&statement(&[&joined]), &statement(&parts));
        assert_eq!(kinds(&e), vec![(vec![0], vec![0, 1, 2], false)]);
    }

    /// Found by the mirror property: seen from the new side, a weak 1:1
    /// pair (similarity 0.30) took the paragraph that a split needed, so
    /// B against A read as three modified paragraphs while A against B was
    /// a merge next to a split.
    #[test]
    fn weak_pair_does_not_take_a_split_part_in_either_direction() {
        let old = [
            "The two sides called upon the international community to address maritime security in the South China Sea under the Alder initiative. The Ministers expressed serious concern about freedom of navigation in the East China Sea under the Alder initiative, where appropriate.",
            "The two sides encouraged all parties to respect cooperation in cyberspace under the Birch initiative. The two sides encouraged all parties to respect cooperation in cyberspace under the Birch initiative.",
            "The Ministers noted cooperation in cyberspace under the Cedar initiative. The Ministers expressed concern about freedom of navigation in the East China Sea under the Cedar initiative.",
            "The Ministers expressed concern about freedom of navigation in the East China Sea under the Dogwood initiative.",
            "The Ministers noted the peaceful use of outer space under the Elm initiative.",
            "The two sides called upon the international community to address the peaceful use of outer space under the Fir initiative. The Ministers recognized the peaceful use of outer space under the Fir initiative.",
        ];
        let merged = [old[0], old[1]].join(" ");
        let new = [
            merged.as_str(),
            "The Ministers noted cooperation in cyberspace under the Cedar initiative.",
            "The Ministers expressed concern about freedom of navigation in the East China Sea under the Cedar initiative.",
            old[3],
            old[4],
            old[5],
        ];
        let e = align(&statement(&old), &statement(&new));
        assert_eq!(
            kinds(&e),
            vec![
                (vec![0, 1], vec![0], false),
                (vec![2], vec![1, 2], false),
                (vec![3], vec![3], false),
                (vec![4], vec![4], false),
                (vec![5], vec![5], false)
            ]
        );
        let e = align(&statement(&new), &statement(&old));
        assert_eq!(
            kinds(&e),
            vec![
                (vec![0], vec![0, 1], false),
                (vec![1, 2], vec![2], false),
                (vec![3], vec![3], false),
                (vec![4], vec![4], false),
                (vec![5], vec![5], false)
            ]
        );
    }
}
