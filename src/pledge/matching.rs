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
//! With a meaning model (`--model`, [`crate::meaning`]) every pair of the
//! two statements is a candidate, and the model gives a second opinion:
//! once every pair the stems justify is settled, two pledges left over
//! are paired, best first, when the mean of the stems' cosine and the
//! model's reaches `model_floor`. A rewording that shares few stems can
//! then be paired, while no pair the stems make is undone: the model
//! reads most pledges of one statement as fairly close to each other
//! (cosines of 0.5 to 0.7 between unrelated pledges on one subject), so
//! alone it would pair what an analyst keeps apart.
//!
//! The floors and the tie margin are data (`data/strength.yaml`); how they
//! were chosen is in docs/calibration.md.

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::diff::{Change, ParagraphDiff};
use crate::lexicon::{Lexicon, Term};

use super::Pledge;

/// Most candidates kept per pledge for explanations and split or merge
/// detection.
const KEPT_CANDIDATES: usize = 4;

/// Stems of more new pledges than this are left out of candidate
/// generation (they still count in the similarity): on a long statement
/// their posting lists would make the search quadratic, and a pair that
/// shares nothing rarer is below any sensible floor anyway.
const MAX_POSTINGS: usize = 64;

/// Candidates of a pledge whose exact similarity is computed: the best by
/// the partial dot product over the rarer stems.
const EXACT_CANDIDATES: usize = 16;

/// Shortest word read as a compound of two ("cybersecurity" for "cyber
/// security"): shorter joined forms are too often other words.
const COMPOUND_MIN: usize = 6;

/// A possible partner of a pledge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Candidate {
    /// Index of the partner in the other statement's pledges.
    pub other: usize,
    /// Idf-weighted cosine similarity of the stems, 0 to 1.
    pub similarity: f64,
    /// The meaning model's cosine, when the run has a model.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<f64>,
    /// Do the two pledges stand in paragraphs the aligner paired?
    pub aligned: bool,
}

impl Candidate {
    /// The mean of the stems' and the meaning model's similarity; 0
    /// without a model.
    pub fn blended(&self) -> f64 {
        self.meaning.map_or(0.0, |x| (self.similarity + x) / 2.0)
    }

    /// What candidates are ordered by: the better of the two figures.
    fn rank(&self) -> f64 {
        self.similarity.max(self.blended())
    }
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
    /// Why the run's meaning model gave no opinion, if it failed: the
    /// pairing is then lexical alone.
    pub meaning_failed: Option<String>,
}

/// A pledge as a sparse, unit-length vector of weighted terms, sorted by
/// term id.
struct Vector {
    terms: Vec<(u32, f64)>,
}

/// Term ids for one pairing: stems compared as numbers, not strings.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<Term, u32>,
    /// The verb lemma and family pseudo-terms, by lemma.
    acts: FxHashMap<String, [u32; 2]>,
}

impl Interner {
    fn id(&mut self, t: &Term) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(t.clone()).or_insert(next)
    }
}

/// The stems a pledge is matched on, as term ids: its terms less those of
/// its actor and of connectives. Who speaks ("Prime Minister Kishida and
/// President Biden" / "We") and how the sentence is tied to the one
/// before are not what the pledge says, and a successor often changes
/// both.
fn matched_terms(
    p: &Pledge,
    lex: &Lexicon,
    set_aside: &mut SetAside,
    interner: &mut Interner,
) -> Vec<u32> {
    let actor = set_aside.actors.entry(p.actor.clone()).or_insert_with(|| {
        let words: Vec<&str> = p.actor.split_whitespace().collect();
        let mut t: Vec<Term> = crate::segment::terms_of(&words, lex)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        t.extend(set_aside.connectives.iter().cloned());
        t.sort_unstable();
        t
    });
    // Both sorted: one pass drops each set-aside term once.
    let mut d = actor.iter().peekable();
    let mut ids: Vec<u32> = Vec::with_capacity(p.terms.len() + 2);
    for t in &p.terms {
        while d.next_if(|x| *x < t).is_some() {}
        if d.next_if(|x| *x == t).is_none() {
            ids.push(interner.id(t));
        }
    }
    // The act is part of what a pledge says: its verb as the lexicon reads
    // it ("reaffirmed their commitment" and "committed" are both commit)
    // and that verb's family count as terms of their own, weighted by idf
    // like the rest.
    let acts = match interner.acts.get(&p.verb) {
        Some(a) => *a,
        None => {
            let verb = interner.id(&Term::from(format!("\u{27e8}{}\u{27e9}", p.verb)));
            let family = interner.id(&Term::from(format!("\u{27e8}{:?}\u{27e9}", p.family)));
            interner.acts.insert(p.verb.clone(), [verb, family]);
            [verb, family]
        }
    };
    ids.extend(acts);
    ids.sort_unstable();
    ids
}

/// Terms left out of every pledge's vector: the connectives' (stemmed
/// once) and, with them, each actor's (stemmed once per actor).
struct SetAside {
    connectives: Vec<Term>,
    actors: FxHashMap<String, Vec<Term>>,
}

impl SetAside {
    fn new(lex: &Lexicon) -> Self {
        let words: Vec<&str> = lex.connectives.iter().copied().collect();
        SetAside {
            connectives: crate::segment::terms_of(&words, lex)
                .into_iter()
                .map(|(t, _)| t)
                .collect(),
            actors: FxHashMap::default(),
        }
    }
}

fn vectors(terms: &[Vec<u32>], idf: &[f64]) -> Vec<Vector> {
    terms
        .iter()
        .map(|p| {
            let mut terms: Vec<(u32, f64)> = Vec::with_capacity(p.len());
            // `p` is sorted: equal terms are neighbours.
            for &t in p {
                match terms.last_mut() {
                    Some((last, n)) if *last == t => *n += 1.0,
                    _ => terms.push((t, 1.0)),
                }
            }
            let mut norm = 0.0;
            for (t, n) in &mut terms {
                // A repeated stem counts, with diminishing weight.
                *n = (1.0 + n.ln()) * idf[*t as usize];
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

/// Which alignment entry each old and each new paragraph belongs to.
pub(crate) fn entries_of(
    paragraphs: &[ParagraphDiff],
) -> (FxHashMap<usize, usize>, FxHashMap<usize, usize>) {
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
    (entry_of_old, entry_of_new)
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
        meaning_failed: None,
    };
    if old.is_empty() || new.is_empty() {
        return m;
    }
    let (entry_of_old, entry_of_new) = entries_of(paragraphs);
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
    let mut set_aside = SetAside::new(lexicon);
    let mut interner = Interner::default();
    let old_terms: Vec<Vec<u32>> = old
        .iter()
        .map(|p| matched_terms(p, lexicon, &mut set_aside, &mut interner))
        .collect();
    let new_terms: Vec<Vec<u32>> = new
        .iter()
        .map(|p| matched_terms(p, lexicon, &mut set_aside, &mut interner))
        .collect();
    // A compound written in one word on one side and in two (or with a
    // hyphen) on the other ("cybersecurity" / "cyber security",
    // "semi-conductors") is the same stem: a pledge also carries the
    // joined form of its adjacent words, where some pledge uses it.
    let (mut old_terms, mut new_terms) = (old_terms, new_terms);
    // Each distinct pair of adjacent stems is joined and looked up once.
    let mut joined: FxHashMap<(Term, Term), Option<u32>> = FxHashMap::default();
    let mut hyphened: FxHashMap<Term, Option<u32>> = FxHashMap::default();
    // Only a form some pledge writes as one word can be one: a set of
    // those words, in lower case, spares stemming every adjacent pair.
    let single: rustc_hash::FxHashSet<String> = old
        .iter()
        .chain(new)
        .flat_map(|p| p.content.iter())
        .filter(|(_, w)| w.len() >= COMPOUND_MIN && !w.contains('-'))
        .map(|(_, w)| w.to_lowercase())
        .collect();
    let known = |w: &str, ids: &FxHashMap<Term, u32>| {
        single
            .contains(w)
            .then(|| ids.get(&*crate::lexicon::stem_shared(w)).copied())
            .flatten()
    };
    let mut buf = String::new();
    for (terms, p) in old_terms
        .iter_mut()
        .zip(old)
        .chain(new_terms.iter_mut().zip(new))
    {
        let mut found: Vec<u32> = Vec::new();
        for pair in p.content.windows(2) {
            let ((t1, w1), (t2, w2)) = (&pair[0], &pair[1]);
            // Joined in a reused buffer: this runs for every adjacent pair
            // of every pledge, and most are plain ASCII words.
            let id = *joined.entry((t1.clone(), t2.clone())).or_insert_with(|| {
                if w1.len() + w2.len() < COMPOUND_MIN {
                    return None;
                }
                buf.clear();
                buf.push_str(w1);
                buf.push_str(w2);
                if buf.is_ascii() {
                    buf.make_ascii_lowercase();
                    known(&buf, &interner.ids)
                } else {
                    known(&buf.to_lowercase(), &interner.ids)
                }
            });
            found.extend(id);
        }
        for (t, w) in p.content.iter().filter(|(_, w)| w.contains('-')) {
            let id = *hyphened
                .entry(t.clone())
                .or_insert_with(|| known(&w.replace('-', "").to_lowercase(), &interner.ids));
            found.extend(id);
        }
        let before = terms.len();
        for id in found {
            if !terms.contains(&id) {
                terms.push(id);
            }
        }
        if terms.len() > before {
            terms.sort_unstable();
        }
    }
    let mut df = vec![0usize; interner.ids.len()];
    for terms in old_terms.iter().chain(&new_terms) {
        let mut prev = None;
        for &t in terms {
            if prev != Some(t) {
                df[t as usize] += 1;
            }
            prev = Some(t);
        }
    }
    let n = (old.len() + new.len()) as f64;
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| (1.0 + n / d.max(1) as f64).ln())
        .collect();
    let (ov, nv) = (vectors(&old_terms, &idf), vectors(&new_terms, &idf));

    // Candidates through an inverted index over the new pledges: a
    // partial dot product over the stems that are not too common, then
    // the exact cosine for the best few.
    let mut postings: Vec<Vec<(u32, f64)>> = vec![Vec::new(); idf.len()];
    for (b, v) in nv.iter().enumerate() {
        for &(t, w) in &v.terms {
            postings[t as usize].push((b as u32, w));
        }
    }
    // The model's vectors of both sides' pledges, when the run has one.
    let embedded = lexicon.meaning.as_ref().and_then(|model| {
        let old_texts: Vec<&str> = old.iter().map(|p| p.text.as_str()).collect();
        let new_texts: Vec<&str> = new.iter().map(|p| p.text.as_str()).collect();
        match model
            .embed(&old_texts)
            .and_then(|o| Ok((o, model.embed(&new_texts)?)))
        {
            Ok(v) => Some(v),
            Err(e) => {
                m.meaning_failed = Some(e.to_string());
                None
            }
        }
    });
    let floor = settings.floor;
    let low = floor / 2.0;
    // (second opinion?, similarity, aligned, old, new)
    let mut edges: Vec<(bool, f64, bool, usize, usize)> = Vec::new();
    let mut acc = vec![0.0f64; new.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (a, v) in ov.iter().enumerate() {
        if let Some((oe, ne)) = &embedded {
            // Every pair: the model may see a rewording that shares no
            // stem at all.
            let cands: Vec<Candidate> = nv
                .iter()
                .enumerate()
                .map(|(b, w)| Candidate {
                    other: b,
                    similarity: cosine(v, w),
                    meaning: Some(crate::meaning::cosine(&oe[a], &ne[b])),
                    aligned: aligned(a, b),
                })
                .filter(|c| c.similarity >= low || c.blended() >= settings.model_floor / 2.0)
                .collect();
            for c in &cands {
                if c.similarity >= floor {
                    edges.push((false, c.similarity, c.aligned, a, c.other));
                } else if c.blended() >= settings.model_floor {
                    edges.push((true, c.blended(), c.aligned, a, c.other));
                }
                m.new_candidates[c.other].push(Candidate { other: a, ..*c });
            }
            m.old_candidates[a] = cands;
            continue;
        }
        touched.clear();
        for &(t, w) in &v.terms {
            let list = &postings[t as usize];
            if list.len() > MAX_POSTINGS {
                continue;
            }
            for &(b, x) in list {
                if acc[b as usize] == 0.0 {
                    touched.push(b);
                }
                acc[b as usize] += w * x;
            }
        }
        if touched.len() > EXACT_CANDIDATES {
            touched.select_nth_unstable_by(EXACT_CANDIDATES, |x, y| {
                acc[*y as usize].total_cmp(&acc[*x as usize]).then(x.cmp(y))
            });
        }
        let mut cands: Vec<Candidate> = Vec::new();
        for (k, &b) in touched.iter().enumerate() {
            let b = b as usize;
            acc[b] = 0.0;
            if k >= EXACT_CANDIDATES {
                continue;
            }
            let s = cosine(v, &nv[b]);
            if s >= low {
                cands.push(Candidate {
                    other: b,
                    similarity: s,
                    meaning: None,
                    aligned: aligned(a, b),
                });
            }
        }
        for c in &cands {
            if c.similarity >= floor {
                edges.push((false, c.similarity, c.aligned, a, c.other));
            }
            m.new_candidates[c.other].push(Candidate { other: a, ..*c });
        }
        m.old_candidates[a] = cands;
    }
    for list in m
        .old_candidates
        .iter_mut()
        .chain(m.new_candidates.iter_mut())
    {
        list.sort_by(|x, y| y.rank().total_cmp(&x.rank()).then(x.other.cmp(&y.other)));
        list.truncate(KEPT_CANDIDATES);
    }

    // Best first. Within `tie` of each other, a pair in aligned paragraphs
    // wins, then the pair nearer in reading order. Pairs the stems justify
    // all come before those only the meaning model does.
    let tie = settings.tie;
    let rank = |&(second, s, al, a, b): &(bool, f64, bool, usize, usize)| {
        (second, s + if al { tie } else { 0.0 }, a.abs_diff(b), a, b)
    };
    edges.sort_by(|x, y| {
        let (rx, ry) = (rank(x), rank(y));
        rx.0.cmp(&ry.0)
            .then(ry.1.total_cmp(&rx.1))
            .then(rx.2.cmp(&ry.2))
            .then((rx.3, rx.4).cmp(&(ry.3, ry.4)))
    });
    for (_, _, _, a, b) in edges {
        if m.old_match[a].is_none() && m.new_match[b].is_none() {
            m.old_match[a] = Some(b);
            m.new_match[b] = Some(a);
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{Lexicon, MatchSettings};
    use crate::segment::statement_from_text;

    fn pledges(text: &str) -> Vec<Pledge> {
        crate::pledge::extract(&statement_from_text(text), &Lexicon::builtin())
    }

    /// The similarity of two pledges as [`match_pledges`] would score them,
    /// with idf taken over these two alone (for explanations and tests).
    fn similarity_of(a: &Pledge, b: &Pledge, lexicon: &Lexicon) -> f64 {
        let pair = [a.clone(), b.clone()];
        let mut lexicon = lexicon.clone();
        lexicon.matching = MatchSettings {
            floor: 1e-9,
            tie: 0.0,
            part: 1.0,
            model_floor: 1e-9,
            framing: 0,
        };
        let m = match_pledges(&pair[..1], &pair[1..], &[], &lexicon);
        m.old_candidates[0].first().map_or(0.0, |c| c.similarity)
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

    /// A stand-in meaning model: texts naming drugs or narcotics mean one
    /// thing, every other text another.
    struct TwoMeanings;

    impl crate::meaning::Meaning for TwoMeanings {
        fn name(&self) -> &str {
            "two meanings"
        }
        fn embed(&self, texts: &[&str]) -> crate::error::Result<Vec<Vec<f32>>> {
            Ok(texts
                .iter()
                .map(|t| {
                    let t = t.to_lowercase();
                    if t.contains("drug") || t.contains("narcotic") {
                        vec![1.0, 0.0]
                    } else {
                        vec![0.0, 1.0]
                    }
                })
                .collect())
        }
    }

    fn with_model() -> Lexicon {
        let mut l = (*lex()).clone();
        l.meaning = Some(crate::meaning::SharedMeaning::new(std::sync::Arc::new(
            TwoMeanings,
        )));
        l
    }

    #[test]
    fn a_rewording_that_shares_no_stem_is_paired_on_the_models_opinion() {
        let old =
            pledges("We pledged to coordinate international actions against drug trafficking.");
        let new = pledges("The partners agreed to work together to widen global backing against narcotics smuggling.");
        assert_eq!(match_pledges(&old, &new, &[], &lex()).old_match, vec![None]);
        let m = match_pledges(&old, &new, &[], &with_model());
        assert_eq!(m.old_match, vec![Some(0)]);
        let c = m.old_candidates[0][0];
        assert!(c.similarity < settings().floor, "{c:?}");
        assert_eq!(c.meaning, Some(1.0));
        assert!(c.blended() >= settings().model_floor, "{c:?}");
    }

    #[test]
    fn the_model_does_not_undo_a_pair_the_stems_make() {
        // The model reads the old pledge as closer to the second new one;
        // the stems pair it with the first, and that pair stands.
        let old = pledges("We support the maritime drug interdiction patrols in the region.");
        let new = pledges(
            "We fully support the maritime interdiction patrols in the region.\n\n\
             We welcomed new measures against narcotics.",
        );
        let m = match_pledges(&old, &new, &[], &with_model());
        assert_eq!(m.old_match, vec![Some(0)]);
        assert_eq!(m.new_match, vec![Some(0), None]);
    }
}
