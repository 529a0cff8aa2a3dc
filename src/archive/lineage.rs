//! Pledge lineages: each pledge followed from the statement where it first
//! appears through every later step where it changed, was dropped, or came
//! back.

use serde::Serialize;

use rustc_hash::FxHashMap;

use crate::normalize::Paragraph;
use crate::pipeline::Comparison;
use crate::pledge::classify::dice;
use crate::pledge::Pledge;
use crate::pledge::PledgeChangeKind;

/// What happened to a pledge at one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineageEventKind {
    /// Stronger than before.
    Strengthened,
    /// Weaker than before.
    Weakened,
    /// Changed at the same strength.
    Modified,
    /// No longer made.
    Dropped,
    /// Made again after being dropped.
    ReAdded,
}

impl LineageEventKind {
    /// Name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            LineageEventKind::Strengthened => "strengthened",
            LineageEventKind::Weakened => "weakened",
            LineageEventKind::Modified => "modified",
            LineageEventKind::Dropped => "dropped",
            LineageEventKind::ReAdded => "re-added",
        }
    }
}

/// One change in a pledge's life.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineageEvent {
    /// Index of the statement where it happened (the newer one of the step).
    pub statement: usize,
    /// What happened.
    pub kind: LineageEventKind,
    /// Reasons, as in `diff`.
    pub reasons: Vec<String>,
    /// The pledge's text after the event (before it, for `dropped`).
    pub text: String,
    /// Strength after the event.
    pub strength: i32,
}

/// One pledge across a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lineage {
    /// Index of the statement where it first appears.
    pub first: usize,
    /// Its text there.
    pub first_text: String,
    /// Paragraph there (0-based index).
    pub first_paragraph: usize,
    /// That paragraph's own label ("2.", "(a)"), if it has a citable one.
    pub first_label: Option<String>,
    /// Line in that statement's file where the paragraph starts.
    pub first_line: usize,
    /// Strength there.
    pub first_strength: i32,
    /// Later events, in order.
    pub events: Vec<LineageEvent>,
    /// Topics seen at any point.
    pub topics: Vec<String>,
    /// Present in the latest statement.
    pub alive: bool,
    #[serde(skip)]
    last_terms: Vec<crate::segment::Term>,
}

impl Lineage {
    /// Every text the pledge had, for `--grep`.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.first_text.as_str()).chain(self.events.iter().map(|e| e.text.as_str()))
    }
}

/// Least similarity for an added pledge to count as a dropped one re-added.
const READD_MATCH: f64 = 0.6;
/// Terms of an added pledge used to look for a dropped one coming back.
const READD_PROBE_TERMS: usize = 4;
/// Dropped lineages looked at per term of an added pledge.
const READD_CANDIDATES: usize = 64;

/// A lineage starting with pledge `p` of statement `first`, whose
/// paragraphs are `paragraphs` (for the citation of where it appears).
fn new_lineage(first: usize, p: &Pledge, paragraphs: &[Paragraph]) -> Lineage {
    let para = paragraphs.get(p.paragraph);
    Lineage {
        first,
        first_text: p.text.clone(),
        first_paragraph: p.paragraph,
        first_label: para.and_then(|q| q.citable_label()).map(str::to_string),
        first_line: para.map_or(0, |q| q.line),
        first_strength: p.strength,
        events: Vec::new(),
        topics: p.topics.clone(),
        alive: true,
        last_terms: p.terms.clone(),
    }
}

/// Follows pledges step by step, so a series never has to be held in
/// memory whole.
pub struct Tracker {
    lineages: Vec<Lineage>,
    /// Lineage of each pledge of the current statement.
    current: Vec<usize>,
    /// Term → dropped lineages whose last text had it (stale entries are
    /// skipped by checking `alive`).
    dormant: FxHashMap<crate::segment::Term, Vec<usize>>,
}

impl Tracker {
    /// Starts with the first statement's pledges and paragraphs.
    pub fn new(first: &[Pledge], paragraphs: &[Paragraph]) -> Self {
        let lineages: Vec<Lineage> = first
            .iter()
            .map(|p| new_lineage(0, p, paragraphs))
            .collect();
        Tracker {
            current: (0..lineages.len()).collect(),
            lineages,
            dormant: FxHashMap::default(),
        }
    }

    /// Applies step `k` (statement k to k+1).
    pub fn step(&mut self, k: usize, step: &Comparison) {
        let c = &step.classified;
        let lineages = &mut self.lineages;
        let mut next: Vec<Option<usize>> = vec![None; c.new_pledges.len()];
        for &(a, b) in &c.pairs {
            let Some(&id) = self.current.get(a) else {
                continue;
            };
            next[b] = Some(id);
            let p = &c.new_pledges[b];
            lineages[id].last_terms = p.terms.clone();
            for t in &p.topics {
                if !lineages[id].topics.contains(t) {
                    lineages[id].topics.push(t.clone());
                }
            }
        }
        // Split or merged paragraphs: a pledge split off an old one carries
        // its lineage on; one merged into another pledge ends its own.
        // A weak stance framing a paired pledge goes with that pledge.
        for &(a, b) in c.joined.iter().chain(&c.framing) {
            let Some(&id) = self.current.get(a) else {
                continue;
            };
            if next[b].is_none() {
                next[b] = Some(id);
            } else if next[b] != Some(id) {
                lineages[id].alive = false;
            }
        }
        for ch in &c.changes {
            let kind = match ch.kind {
                PledgeChangeKind::Strengthened => LineageEventKind::Strengthened,
                PledgeChangeKind::Weakened => LineageEventKind::Weakened,
                PledgeChangeKind::Modified => LineageEventKind::Modified,
                PledgeChangeKind::Dropped => LineageEventKind::Dropped,
                PledgeChangeKind::Added => continue,
            };
            let (a, text, strength) = match (ch.old, ch.new) {
                (Some(a), Some(b)) => (a, &c.new_pledges[b].text, c.new_pledges[b].strength),
                (Some(a), None) => (a, &c.old_pledges[a].text, c.old_pledges[a].strength),
                _ => continue,
            };
            let Some(&id) = self.current.get(a) else {
                continue;
            };
            if kind == LineageEventKind::Dropped {
                lineages[id].alive = false;
                let mut terms = lineages[id].last_terms.clone();
                terms.dedup();
                for t in terms {
                    self.dormant.entry(t).or_default().push(id);
                }
            }
            lineages[id].events.push(LineageEvent {
                statement: k + 1,
                kind,
                reasons: ch.reasons.iter().map(|r| r.text.clone()).collect(),
                text: text.clone(),
                strength,
            });
        }
        // Added pledges: a dropped pledge coming back, or a new lineage.
        for ch in c
            .changes
            .iter()
            .filter(|ch| ch.kind == PledgeChangeKind::Added)
        {
            let Some(b) = ch.new else { continue };
            let p = &c.new_pledges[b];
            // Only the pledge's rarest terms among dropped lineages propose
            // candidates: a match at 0.6 shares most terms, rare ones too.
            let mut lists: Vec<&Vec<usize>> =
                p.terms.iter().filter_map(|t| self.dormant.get(t)).collect();
            lists.sort_by_key(|l| l.len());
            let mut cands: Vec<usize> = lists
                .into_iter()
                .take(READD_PROBE_TERMS)
                .flat_map(|l| l.iter().rev().take(READD_CANDIDATES).copied())
                .filter(|&id| {
                    let l = &lineages[id];
                    !l.alive && l.events.last().is_some_and(|e| e.statement <= k)
                })
                .collect();
            cands.sort_unstable();
            cands.dedup();
            let back = cands
                .into_iter()
                .map(|id| (dice(&lineages[id].last_terms, &p.terms), id))
                .filter(|(s, _)| *s >= READD_MATCH)
                .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
            let id = match back {
                Some((_, id)) => {
                    let l = &mut lineages[id];
                    l.alive = true;
                    l.last_terms = p.terms.clone();
                    l.events.push(LineageEvent {
                        statement: k + 1,
                        kind: LineageEventKind::ReAdded,
                        reasons: ch.reasons.iter().map(|r| r.text.clone()).collect(),
                        text: p.text.clone(),
                        strength: p.strength,
                    });
                    id
                }
                None => {
                    lineages.push(new_lineage(k + 1, p, &step.new.paragraphs));
                    lineages.len() - 1
                }
            };
            next[b] = Some(id);
        }
        // Classification pairs or adds every new pledge; should one slip
        // through, it starts a lineage of its own rather than vanish.
        self.current = next
            .into_iter()
            .enumerate()
            .map(|(b, id)| {
                id.unwrap_or_else(|| {
                    lineages.push(new_lineage(k + 1, &c.new_pledges[b], &step.new.paragraphs));
                    lineages.len() - 1
                })
            })
            .collect();
    }

    /// The lineages, topics sorted.
    pub fn finish(mut self) -> Vec<Lineage> {
        for l in &mut self.lineages {
            l.topics.sort();
        }
        self.lineages
    }
}
