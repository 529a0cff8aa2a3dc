//! Weighted term vectors and the inverted index that proposes candidate
//! pairs, so alignment never compares every paragraph with every other.

use rustc_hash::FxHashMap;

use crate::segment::Segment;

/// A sparse, L2-normalized vector of (term id, weight), sorted by term id.
#[derive(Debug, Clone, Default)]
pub struct Vector {
    /// Entries sorted by term id.
    pub entries: Vec<(u32, f32)>,
    /// Raw (unnormalized) idf-weighted term mass, for containment.
    pub raw: Vec<(u32, f32)>,
}

/// Term statistics over both statements.
#[derive(Debug)]
pub struct Corpus {
    /// Old side's vectors.
    pub old: Vec<Vector>,
    /// New side's vectors.
    pub new: Vec<Vector>,
    /// Old side's term ids per paragraph, rarest first.
    pub old_rare: Vec<Vec<u32>>,
    /// New side's term ids per paragraph, rarest first.
    pub new_rare: Vec<Vec<u32>>,
}

impl Corpus {
    /// Interns terms and weights them: a term found in most paragraphs (the
    /// genre's stock phrases, "The Ministers") weighs little; a rare one much.
    pub fn build(old: &[Segment], new: &[Segment]) -> Corpus {
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut df: Vec<u32> = Vec::new();
        let old_tf = term_counts(old, &mut ids, &mut df);
        let new_tf = term_counts(new, &mut ids, &mut df);
        let n = (old.len() + new.len()) as f32;
        // In a pair of very short statements (a paragraph or two a side)
        // every shared term is in "most paragraphs" and would weigh next
        // to nothing, so that a few edits outweigh all the shared text; a
        // floor that shrinks as the statements grow keeps shared terms
        // in play there and changes nothing from about 20 paragraphs on.
        let floor = (1.0 / n).max(0.05);
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| ((n + 1.0) / (d as f32 + 0.5)).ln().max(floor))
            .collect();
        let vectorize = |tfs: &[Vec<(u32, u32)>]| -> (Vec<Vector>, Vec<Vec<u32>>) {
            let vectors = tfs
                .iter()
                .map(|tf| {
                    let raw: Vec<(u32, f32)> = tf
                        .iter()
                        .map(|&(id, c)| (id, (1.0 + (c as f32).ln()) * idf[id as usize]))
                        .collect();
                    let norm = raw.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                    let entries = if norm > 0.0 {
                        raw.iter().map(|&(id, w)| (id, w / norm)).collect()
                    } else {
                        Vec::new()
                    };
                    Vector { entries, raw }
                })
                .collect();
            let rare = tfs
                .iter()
                .map(|tf| {
                    let mut ids: Vec<u32> = tf.iter().map(|&(id, _)| id).collect();
                    ids.sort_by_key(|&id| (df[id as usize], id));
                    ids
                })
                .collect();
            (vectors, rare)
        };
        let (old_v, old_rare) = vectorize(&old_tf);
        let (new_v, new_rare) = vectorize(&new_tf);
        Corpus {
            old: old_v,
            new: new_v,
            old_rare,
            new_rare,
        }
    }
}

/// Term frequencies per paragraph, interning terms and counting document
/// frequency as it goes.
fn term_counts<'a>(
    segs: &'a [Segment],
    ids: &mut FxHashMap<&'a str, u32>,
    df: &mut Vec<u32>,
) -> Vec<Vec<(u32, u32)>> {
    segs.iter()
        .map(|s| {
            // Sorting the ids and counting runs is cheaper than a map per
            // paragraph, and leaves the entries in id order for `dot`.
            let mut ids_here: Vec<u32> = s
                .terms
                .iter()
                .map(|t| {
                    let next = ids.len() as u32;
                    let id = *ids.entry(&**t).or_insert(next);
                    if id as usize == df.len() {
                        df.push(0);
                    }
                    id
                })
                .collect();
            ids_here.sort_unstable();
            let mut v: Vec<(u32, u32)> = Vec::with_capacity(ids_here.len());
            for id in ids_here {
                match v.last_mut() {
                    Some((last, n)) if *last == id => *n += 1,
                    _ => v.push((id, 1)),
                }
            }
            for (id, _) in &v {
                df[*id as usize] += 1;
            }
            v
        })
        .collect()
}

/// Cosine similarity of two normalized vectors.
pub fn cosine(a: &Vector, b: &Vector) -> f64 {
    dot(&a.entries, &b.entries)
}

fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += (a[i].1 * b[j].1) as f64;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Share of `part`'s weighted terms that also occur in `whole`.
pub fn containment(part: &Vector, whole: &Vector) -> f64 {
    let total: f32 = part.raw.iter().map(|(_, w)| w).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut s) = (0, 0, 0.0f32);
    let (a, b) = (&part.raw, &whole.raw);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1.min(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    (s / total) as f64
}

/// The sum of several vectors, normalized (a split or merged group).
pub fn union(vectors: &[&Vector]) -> Vector {
    // Sized for every entry, so that it never rehashes while summing.
    let mut acc: FxHashMap<u32, f32> = FxHashMap::with_capacity_and_hasher(
        vectors.iter().map(|v| v.raw.len()).sum(),
        Default::default(),
    );
    for v in vectors {
        for &(id, w) in &v.raw {
            *acc.entry(id).or_default() += w;
        }
    }
    let mut raw: Vec<(u32, f32)> = acc.into_iter().collect();
    raw.sort_unstable_by_key(|&(id, _)| id);
    let norm = raw.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    let entries = if norm > 0.0 {
        raw.iter().map(|&(id, w)| (id, w / norm)).collect()
    } else {
        Vec::new()
    };
    Vector { entries, raw }
}

/// Inverted index from term id to the paragraphs (of one side) holding it.
pub struct Index {
    postings: FxHashMap<u32, Vec<usize>>,
}

/// How many of a paragraph's rarest terms are looked up.
const PROBE_TERMS: usize = 10;
/// How many postings one term may contribute (nearest by position).
const MAX_POSTINGS: usize = 48;

impl Index {
    /// Indexes the given paragraphs (by their rarest-first term lists).
    pub fn build(rare: &[Vec<u32>], include: impl Fn(usize) -> bool) -> Index {
        let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for (i, terms) in rare.iter().enumerate() {
            if !include(i) {
                continue;
            }
            for &t in terms {
                postings.entry(t).or_default().push(i);
            }
        }
        Index { postings }
    }

    /// Candidate paragraphs sharing one of `terms`' rarest entries. A very
    /// common term contributes only the postings nearest `position`, which
    /// keeps the work per paragraph bounded.
    pub fn candidates(&self, terms: &[u32], position: usize, out: &mut Vec<usize>) {
        out.clear();
        // The rarest terms that the other side has at all: a term found only
        // on this side proposes nothing, so it must not use up a probe.
        for list in terms
            .iter()
            .filter_map(|t| self.postings.get(t))
            .take(PROBE_TERMS)
        {
            if list.len() <= MAX_POSTINGS {
                out.extend_from_slice(list);
            } else {
                let at = list.partition_point(|&p| p < position);
                let lo = at.saturating_sub(MAX_POSTINGS / 2);
                let hi = (lo + MAX_POSTINGS).min(list.len());
                out.extend_from_slice(&list[lo..hi]);
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}
