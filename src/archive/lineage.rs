//! Pledge lineages: each pledge followed from the statement where it first
//! appears through every later step where it changed, was dropped, or came
//! back.

use serde::Serialize;

use super::Series;
use crate::pledge::PledgeChangeKind;
use crate::Comparison;

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
    /// Paragraph there.
    pub first_paragraph: usize,
    /// Strength there.
    pub first_strength: i32,
    /// Later events, in order.
    pub events: Vec<LineageEvent>,
    /// Topics seen at any point.
    pub topics: Vec<String>,
    /// Present in the latest statement.
    pub alive: bool,
    #[serde(skip)]
    last_terms: Vec<String>,
}

impl Lineage {
    /// Every text the pledge had, for `--grep`.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.first_text.as_str()).chain(self.events.iter().map(|e| e.text.as_str()))
    }
}

fn dice(a: &[String], b: &[String]) -> f64 {
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
    if a.is_empty() && b.is_empty() {
        1.0
    } else {
        2.0 * shared as f64 / (a.len() + b.len()) as f64
    }
}

/// Least similarity for an added pledge to count as a dropped one re-added.
const READD_MATCH: f64 = 0.6;

/// Follows every pledge of a series through its steps.
pub fn follow(series: &Series, steps: &[Comparison]) -> Vec<Lineage> {
    let mut lineages: Vec<Lineage> = Vec::new();
    let Some(first) = series.pledges.first() else {
        return lineages;
    };
    // current[k] = lineage of pledge k of the current statement.
    let mut current: Vec<usize> = Vec::new();
    for p in first {
        current.push(lineages.len());
        lineages.push(Lineage {
            first: 0,
            first_text: p.text.clone(),
            first_paragraph: p.paragraph,
            first_strength: p.strength,
            events: Vec::new(),
            topics: p.topics.clone(),
            alive: true,
            last_terms: p.terms.clone(),
        });
    }
    for (k, step) in steps.iter().enumerate() {
        let c = &step.classified;
        let mut next: Vec<Option<usize>> = vec![None; c.new_pledges.len()];
        let mut dormant: Vec<usize> = lineages
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.alive)
            .map(|(i, _)| i)
            .collect();
        for &(a, b) in &c.pairs {
            let id = current[a];
            next[b] = Some(id);
            let p = &c.new_pledges[b];
            lineages[id].last_terms = p.terms.clone();
            for t in &p.topics {
                if !lineages[id].topics.contains(t) {
                    lineages[id].topics.push(t.clone());
                }
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
            let (id, text, strength) = match (ch.old, ch.new) {
                (Some(a), Some(b)) => (
                    current[a],
                    &c.new_pledges[b].text,
                    c.new_pledges[b].strength,
                ),
                (Some(a), None) => (
                    current[a],
                    &c.old_pledges[a].text,
                    c.old_pledges[a].strength,
                ),
                _ => continue,
            };
            if kind == LineageEventKind::Dropped {
                lineages[id].alive = false;
                dormant.push(id);
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
            let back = dormant
                .iter()
                .copied()
                .filter(|&id| lineages[id].events.last().is_none_or(|e| e.statement <= k))
                .map(|id| (dice(&lineages[id].last_terms, &p.terms), id))
                .filter(|(s, _)| *s >= READD_MATCH)
                .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
            let id = match back {
                Some((_, id)) => {
                    dormant.retain(|&d| d != id);
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
                    lineages.push(Lineage {
                        first: k + 1,
                        first_text: p.text.clone(),
                        first_paragraph: p.paragraph,
                        first_strength: p.strength,
                        events: Vec::new(),
                        topics: p.topics.clone(),
                        alive: true,
                        last_terms: p.terms.clone(),
                    });
                    lineages.len() - 1
                }
            };
            next[b] = Some(id);
        }
        // Classification pairs or adds every new pledge; should one slip
        // through, it starts a lineage of its own rather than vanish.
        current = Vec::with_capacity(next.len());
        for (b, id) in next.into_iter().enumerate() {
            let id = id.unwrap_or_else(|| {
                let p = &c.new_pledges[b];
                lineages.push(Lineage {
                    first: k + 1,
                    first_text: p.text.clone(),
                    first_paragraph: p.paragraph,
                    first_strength: p.strength,
                    events: Vec::new(),
                    topics: p.topics.clone(),
                    alive: true,
                    last_terms: p.terms.clone(),
                });
                lineages.len() - 1
            });
            current.push(id);
        }
    }
    for l in &mut lineages {
        l.topics.sort();
    }
    lineages
}
