//! Pledge alignment: pairs the pledges of two statements across the whole
//! text, whatever paragraph they moved to.
//!
//! Every pledge is a vector of its stems (equal-force verbs and the
//! lexicon's equivalent phrases already folded into one term each),
//! weighted by how rare a stem is among all the pledges of both
//! statements (idf), so that "denuclearization" counts for more than
//! "cooperation". Candidates come from an inverted index over the other
//! statement; similarity is the cosine of the two vectors. One best-first
//! assignment over every candidate pair of the statement at or above the
//! floor then pairs them: the most similar pair is settled first, so a
//! weaker partner in the same paragraph can no longer lock in a pledge
//! that has a better one elsewhere. Paragraph alignment only breaks
//! near-ties (within `tie`).
//!
//! The floor and the tie margin are data (`data/strength.yaml`); how they
//! were chosen is in docs/calibration.md.

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::diff::{Change, ParagraphDiff};
use crate::lexicon::{Lexicon, MatchSettings, Term};

use super::Pledge;

/// Most candidates kept per pledge for explanations and split or merge
/// detection.
const KEPT_CANDIDATES: usize = 4;

/// Stems shared by more pledges than this are left out of candidate
/// generation (they still count in the similarity): on a long statement
/// their posting lists would make the search quadratic, and a pair that
/// shares nothing rarer is below any sensible floor anyway.
const MAX_POSTINGS: usize = 400;

/// A possible partner of a pledge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Candidate {
    /// Index of the partner in the other statement's pledges.
    pub other: usize,
    /// Idf-weighted cosine similarity, 0 to 1.
    pub similarity: f64,
    /// Do the two pledges stand in paragraphs the aligner paired?
    pub aligned: bool,
}

/// The outcome of pairing.
#[derive(Debug, Clone, Default)]
pub struct Matching {
    /// Partner of each old pledge.
    pub old_match: Vec<Option<usize>>,
    /// Partner of each new pledge.
    pub new_match: Vec<Option<usize>>,
    /// Best candidates of each old pledge among the new ones, most similar
    /// first (at least half the floor, for explanations).
    pub old_candidates: Vec<Vec<Candidate>>,
    /// Best candidates of each new pledge among the old ones.
    pub new_candidates: Vec<Vec<Candidate>>,
}

/// A pledge as a sparse, unit-length vector of weighted terms, sorted by
/// term.
struct Vector {
    terms: Vec<(Term, f64)>,
}

/// The stems a pledge is matched on: its terms less those of its actor
/// and of connectives. Who speaks ("Prime Minister Kishida and President
/// Biden" / "We") and how the sentence is tied to the one before are not
/// what the pledge says, and a successor often changes both.
fn matched_terms(p: &Pledge, lex: &Lexicon) -> Vec<Term> {
    let words: Vec<&str> = p.actor.split_whitespace().collect();
    let mut drop: Vec<Term> = crate::segment::terms_of(&words, lex)
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let connectives: Vec<&str> = lex.connectives.iter().copied().collect();
    drop.extend(
        crate::segment::terms_of(&connectives, lex)
            .into_iter()
            .map(|(t, _)| t),
    );
    let mut terms: Vec<Term> = p
        .terms
        .iter()
        .filter(|t| match drop.iter().position(|d| d == *t) {
            Some(k) => {
                drop.swap_remove(k);
                false
            }
            None => true,
        })
        .cloned()
        .collect();
    // The act is part of what a pledge says: its verb as the lexicon reads
    // it ("reaffirmed their commitment" and "committed" are both commit)
    // and that verb's family count as terms of their own, weighted by idf
    // like the rest.
    terms.push(Term::from(format!("\u{27e8}{}\u{27e9}", p.verb)));
    terms.push(Term::from(format!("\u{27e8}{:?}\u{27e9}", p.family)));
    terms.sort_unstable();
    terms
}

fn vectors(terms: &[Vec<Term>], idf: &FxHashMap<Term, f64>) -> Vec<Vector> {
    terms
        .iter()
        .map(|p| {
            let mut terms: Vec<(Term, f64)> = Vec::new();
            // `terms` is sorted: equal terms are neighbours.
            for t in p {
                match terms.last_mut() {
                    Some((last, n)) if last == t => *n += 1.0,
                    _ => terms.push((t.clone(), 1.0)),
                }
            }
            let mut norm = 0.0;
            for (t, n) in &mut terms {
                // A repeated stem counts, with diminishing weight.
                *n = (1.0 + n.ln()) * idf.get(t).copied().unwrap_or(1.0);
                norm += *n * *n;
            }
            let norm = norm.sqrt();
            if norm > 0.0 {
                for (_, n) in &mut terms {
                    *n /= norm;
                }
            }
            Vector { terms }
        })
        .collect()
}

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].0.cmp(&b.terms[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a.terms[i].1 * b.terms[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot.min(1.0)
}

/// Pairs `old` with `new`. `paragraphs` is the paragraph alignment: a
/// pledge's paragraphs being paired breaks near-ties, and an unchanged
/// paragraph's identical pledges are paired before anything else.
pub fn match_pledges(
    old: &[Pledge],
    new: &[Pledge],
    paragraphs: &[ParagraphDiff],
    lexicon: &Lexicon,
) -> Matching {
    let settings = lexicon.matching;
    let mut m = Matching {
        old_match: vec![None; old.len()],
        new_match: vec![None; new.len()],
        old_candidates: vec![Vec::new(); old.len()],
        new_candidates: vec![Vec::new(); new.len()],
    };
    if old.is_empty() || new.is_empty() {
        return m;
    }
    // Which alignment entry each paragraph belongs to.
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
    let aligned = |a: usize, b: usize| {
        let (x, y) = (
            entry_of_old.get(&old[a].paragraph),
            entry_of_new.get(&new[b].paragraph),
        );
        x.is_some() && x == y && !paragraphs[*x.unwrap_or(&0)].old.is_empty()
    };

    // An unchanged paragraph has the same pledges in the same order.
    let mut old_by_para: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (k, p) in old.iter().enumerate() {
        old_by_para.entry(p.paragraph).or_default().push(k);
    }
    let mut new_by_para: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (k, p) in new.iter().enumerate() {
        new_by_para.entry(p.paragraph).or_default().push(k);
    }
    for d in paragraphs.iter().filter(|d| d.change == Change::Unchanged) {
        let ids = |paras: &[usize], by: &FxHashMap<usize, Vec<usize>>| -> Vec<usize> {
            paras
                .iter()
                .flat_map(|i| by.get(i).cloned().unwrap_or_default())
                .collect()
        };
        let (olds, news) = (ids(&d.old, &old_by_para), ids(&d.new, &new_by_para));
        if olds.len() == news.len()
            && olds
                .iter()
                .zip(&news)
                .all(|(&a, &b)| old[a].folded == new[b].folded)
        {
            for (&a, &b) in olds.iter().zip(&news) {
                m.old_match[a] = Some(b);
                m.new_match[b] = Some(a);
            }
        }
    }

    // Idf over the pledges of both statements.
    let old_terms: Vec<Vec<Term>> = old.iter().map(|p| matched_terms(p, lexicon)).collect();
    let new_terms: Vec<Vec<Term>> = new.iter().map(|p| matched_terms(p, lexicon)).collect();
    let mut df: FxHashMap<Term, usize> = FxHashMap::default();
    for terms in old_terms.iter().chain(&new_terms) {
        let mut prev: Option<&Term> = None;
        for t in terms {
            if prev != Some(t) {
                *df.entry(t.clone()).or_default() += 1;
            }
            prev = Some(t);
        }
    }
    let n = (old.len() + new.len()) as f64;
    let idf: FxHashMap<Term, f64> = df
        .iter()
        .map(|(t, &d)| (t.clone(), (1.0 + n / d as f64).ln()))
        .collect();
    let (ov, nv) = (vectors(&old_terms, &idf), vectors(&new_terms, &idf));

    // Candidates through an inverted index over the new pledges.
    let mut postings: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (b, v) in nv.iter().enumerate() {
        for (t, _) in &v.terms {
            postings.entry(&**t).or_default().push(b);
        }
    }
    let low = settings.floor / 2.0;
    let mut edges: Vec<(f64, bool, usize, usize)> = Vec::new();
    let mut seen = vec![false; new.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (a, v) in ov.iter().enumerate() {
        touched.clear();
        for (t, _) in &v.terms {
            if let Some(list) = postings.get(&**t) {
                if list.len() > MAX_POSTINGS {
                    continue;
                }
                for &b in list {
                    if !seen[b] {
                        seen[b] = true;
                        touched.push(b);
                    }
                }
            }
        }
        let mut cands: Vec<Candidate> = Vec::new();
        for &b in &touched {
            seen[b] = false;
            let s = cosine(v, &nv[b]);
            if s >= low {
                cands.push(Candidate {
                    other: b,
                    similarity: s,
                    aligned: aligned(a, b),
                });
            }
        }
        for c in &cands {
            if c.similarity >= settings.floor {
                edges.push((c.similarity, c.aligned, a, c.other));
            }
            m.new_candidates[c.other].push(Candidate {
                other: a,
                similarity: c.similarity,
                aligned: c.aligned,
            });
        }
        m.old_candidates[a] = cands;
    }
    for list in m
        .old_candidates
        .iter_mut()
        .chain(m.new_candidates.iter_mut())
    {
        list.sort_by(|x, y| {
            y.similarity
                .total_cmp(&x.similarity)
                .then(x.other.cmp(&y.other))
        });
        list.truncate(KEPT_CANDIDATES);
    }

    // Best first. Within `tie` of each other, a pair in aligned paragraphs
    // wins, then the pair nearer in reading order.
    let tie = settings.tie;
    let rank = |&(s, al, a, b): &(f64, bool, usize, usize)| {
        (s + if al { tie } else { 0.0 }, a.abs_diff(b), a, b)
    };
    edges.sort_by(|x, y| {
        let (rx, ry) = (rank(x), rank(y));
        ry.0.total_cmp(&rx.0)
            .then(rx.1.cmp(&ry.1))
            .then((rx.2, rx.3).cmp(&(ry.2, ry.3)))
    });
    for (_, _, a, b) in edges {
        if m.old_match[a].is_none() && m.new_match[b].is_none() {
            m.old_match[a] = Some(b);
            m.new_match[b] = Some(a);
        }
    }
    m
}

/// The similarity of two pledges as [`match_pledges`] would score them,
/// with idf taken over these two alone (for explanations and tests).
pub fn similarity_of(a: &Pledge, b: &Pledge, lexicon: &Lexicon) -> f64 {
    let pair = [a.clone(), b.clone()];
    let mut lexicon = lexicon.clone();
    lexicon.matching = MatchSettings {
        floor: 1e-9,
        tie: 0.0,
    };
    let m = match_pledges(&pair[..1], &pair[1..], &[], &lexicon);
    m.old_candidates[0].first().map_or(0.0, |c| c.similarity)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::segment::statement_from_text;

    fn pledges(text: &str) -> Vec<Pledge> {
        crate::pledge::extract(&statement_from_text(text), &Lexicon::builtin())
    }

    fn settings() -> MatchSettings {
        Lexicon::builtin().matching
    }

    fn lex() -> std::sync::Arc<Lexicon> {
        Lexicon::builtin()
    }

    #[test]
    fn a_pledge_moved_to_another_paragraph_finds_its_partner() {
        let old = pledges(
            "The Ministers reaffirmed their commitment to the denuclearization of the peninsula.\n\n\
             The Ministers welcomed progress on port upgrades in the southern islands.",
        );
        let new = pledges(
            "The Ministers welcomed steady progress on port upgrades in the southern islands.\n\n\
             They reiterated their commitment to the complete denuclearization of the peninsula.",
        );
        let m = match_pledges(&old, &new, &[], &lex());
        assert_eq!(m.old_match, vec![Some(1), Some(0)]);
    }

    #[test]
    fn a_better_partner_elsewhere_beats_a_weak_one_in_the_same_paragraph() {
        // Old ¶0 and new ¶0 are aligned, but the old pledge on democracy is
        // the new ¶1's, not the Indo-Pacific one's that shares only
        // "commitment".
        let old = pledges(
            "The Ministers reaffirmed their shared commitment to democracy, the rule of law and open markets.",
        );
        let new = pledges(
            "The Ministers affirmed their strong commitment to realize a free and open Indo-Pacific.\n\n\
             They reaffirmed their commitment to democracy, the rule of law and open markets.",
        );
        let para = crate::diff::ParagraphDiff {
            change: Change::Modified,
            moved: false,
            old: vec![0],
            new: vec![0],
            similarity: Some(0.3),
            words: Vec::new(),
            bounded: false,
        };
        let m = match_pledges(&old, &new, &[para], &lex());
        assert_eq!(m.old_match, vec![Some(1)]);
        assert_eq!(m.new_match, vec![None, Some(0)]);
    }

    #[test]
    fn pledges_that_share_only_common_words_are_not_paired() {
        // In a statement where every pledge strengthens cooperation, what
        // it is cooperation on tells the pledges apart.
        let old = pledges(
            "The leaders committed to strengthen cooperation on maritime security patrols.\n\n\
             The leaders committed to strengthen cooperation on clean energy grids.\n\n\
             The leaders committed to strengthen cooperation on cancer research.",
        );
        let new = pledges(
            "The leaders committed to strengthen cooperation on vaccine manufacturing.\n\n\
             The leaders committed to strengthen cooperation on clean energy grids and storage.\n\n\
             The leaders committed to strengthen cooperation on space exploration.",
        );
        let m = match_pledges(&old, &new, &[], &lex());
        assert_eq!(m.old_match, vec![None, Some(1), None]);
        assert!(m.old_candidates[0]
            .iter()
            .all(|c| c.other == 1 || c.similarity < settings().floor));
    }

    #[test]
    fn rare_shared_stems_weigh_more_than_common_ones() {
        let p = pledges(
            "We support the rule of law.\n\n\
             We support the denuclearization of the peninsula.\n\n\
             We support cooperation on law enforcement.",
        );
        let q = pledges("We strongly support the complete denuclearization of the peninsula.");
        let s1 = similarity_of(&p[1], &q[0], &lex());
        let s0 = similarity_of(&p[0], &q[0], &lex());
        assert!(s1 > 0.5, "{s1}");
        assert!(s0 < s1, "{s0} {s1}");
    }
}
