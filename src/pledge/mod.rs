//! Stage 6 — classify pledges: find the pledges of each statement
//! ([`extract()`]), match them across the aligned paragraphs and across the
//! whole statement, and classify each change as added, dropped,
//! strengthened, weakened or modified with reasons in plain words
//! ([`classify()`]).
//!
//! Strength is ordinal and explainable: every reason carries a signed step
//! (verb force, modality, boosters, hedges, negation, scope, quantities),
//! and the sign of their sum decides the direction.

pub mod classify;
pub mod explain;
pub mod extract;
pub mod matching;
pub mod quantity;
pub mod strength;

use serde::Serialize;

use crate::lexicon::Family;

pub use classify::{classify, Classified, Delta, PledgeChange, PledgeChangeKind, Reason, Verdict};
pub use extract::extract;
pub use quantity::Quantity;

/// One pledge: a clause in which an actor commits, affirms, calls,
/// expresses concern or opposes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pledge {
    /// Paragraph index.
    pub paragraph: usize,
    /// Index of its sentence within the paragraph.
    #[serde(skip)]
    pub sentence: usize,
    /// The clause as written.
    pub text: String,
    /// Who pledges ("The Ministers", "The General Assembly").
    pub actor: String,
    /// Verb lemma from the lexicon ("reaffirm" is shown as its entry, "affirm").
    pub verb: String,
    /// Verb as written, lower-case ("reaffirmed").
    pub verb_form: String,
    /// Scale the verb belongs to.
    pub family: Family,
    /// Verb force, 1 (note) to 7.
    pub force: u8,
    /// Modal word, if any.
    pub modal: Option<String>,
    /// Modal force (3 when there is none).
    pub modal_force: u8,
    /// Boosters present.
    pub boosters: Vec<String>,
    /// Hedges present.
    pub hedges: Vec<String>,
    /// Negated.
    pub negated: bool,
    /// Coordinated lists (scope).
    pub lists: Vec<Vec<String>>,
    /// Quantities: numbers with their units, bounds, kinds and dates.
    /// Serialized as the words shown for each, as before they were typed.
    #[serde(serialize_with = "quantity::serialize_texts")]
    pub numbers: Vec<Quantity>,
    /// Topic ids.
    pub topics: Vec<String>,
    /// All content terms, sorted (for matching).
    #[serde(skip)]
    pub terms: Vec<crate::segment::Term>,
    /// Canonical lower-case text, for containment checks.
    #[serde(skip)]
    pub folded: String,
    /// Content terms (with their words) not explained by a strength feature.
    #[serde(skip)]
    pub content: Vec<crate::segment::TermWord>,
    /// Strength from the one model ([`strength::strength`]): verb force
    /// dominates, then modality, boosters, hedges and time limits.
    pub strength: i32,
    /// Why this clause is a pledge, and where its actor and verb come
    /// from (`--explain`).
    #[serde(skip)]
    pub origin: Origin,
}

/// Why a clause is a pledge: the verb entry its verb form matched, the
/// stance a restating verb took over, and where the actor came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origin {
    /// Index of the verb entry the verb form matched (before a stance).
    pub matched: usize,
    /// The stance noun a restating verb took over ("commitment").
    pub stance: Option<crate::lexicon::Word>,
    /// Where the clause's actor and verb come from.
    pub source: Source,
    /// Id of the genre profile the statement was read with.
    pub genre: Option<crate::lexicon::Word>,
}

/// Where a pledge's actor and verb come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// Its own subject and verb.
    #[default]
    Own,
    /// Its own verb; the subject of the clause before it.
    BorrowedActor,
    /// Its own verb; the statement's speaker as actor (no subject).
    Speaker,
    /// A that-clause sharing the verb of the clause before it.
    SharedVerb,
    /// An item of the list a lead-in opens.
    LeadIn,
    /// A participle opening the sentence ("Recalling …, the Council
    /// stresses"): the main clause's subject is its actor.
    FrontedParticiple,
}

impl Pledge {
    /// Features behind the strength, in words.
    pub fn features(&self) -> Vec<String> {
        let mut f = vec![format!(
            "verb: {} ({:?} {})",
            self.verb_form, self.family, self.force
        )
        .to_lowercase()];
        if let Some(m) = &self.modal {
            f.push(format!("modal: {m}"));
        }
        for b in &self.boosters {
            f.push(format!("booster: {b}"));
        }
        for h in &self.hedges {
            f.push(format!("hedge: {h}"));
        }
        if self.negated {
            f.push("negated".into());
        }
        f
    }
}
