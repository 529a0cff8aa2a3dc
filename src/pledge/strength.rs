//! The one strength model: a pledge's typed features turned into a
//! strength, feature by feature, with the weights of `data/strength.yaml`.
//!
//! Every strength the tool shows, and the direction of every change, comes
//! from here: a change is stronger or weaker by the sign of the difference
//! of two sums of these contributions, so the numbers shown for the two
//! sides always agree with the label.

use serde::Serialize;

use crate::lexicon::{Family, Lexicon};

use super::Pledge;

/// What one feature adds to a pledge's strength.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contribution {
    /// Feature kind: `verb`, `modal`, `booster`, `hedge`, `time_limit`.
    pub feature: &'static str,
    /// The words that carry it ("strongly", "by 2030").
    pub value: String,
    /// Points it adds (negative for a hedge).
    pub points: i32,
}

/// Does the pledge bind anyone to something measurable? A quantity in a
/// concern, a note or a welcome ("concerned that 700 million people face
/// hunger", "welcomed the 4 billion pledged") describes the situation: a
/// change in it is no stronger or weaker a pledge.
pub fn binds(p: &Pledge) -> bool {
    match p.family {
        Family::Call => true,
        Family::Position => p.force >= 4,
        Family::Concern => false,
    }
}

/// Is a booster of the upper grade ("gravely", "unwavering")?
pub fn is_strong_booster(b: &str, lex: &Lexicon) -> bool {
    lex.strong_boosters.iter().any(|s| s == b)
}

/// Points a booster adds: the upper grade counts more.
pub fn booster_points(b: &str, lex: &Lexicon) -> i32 {
    if is_strong_booster(b, lex) {
        lex.weights.strong_booster
    } else {
        lex.weights.booster
    }
}

/// Points the pledge's modal adds (or takes away) against the plain
/// indicative; none without a modal.
pub fn modal_points(p: &Pledge, lex: &Lexicon) -> i32 {
    match p.modal {
        Some(_) => (p.modal_force as i32 - 3) * lex.weights.modal,
        None => 0,
    }
}

/// The contributions of each feature of `p`, verb first.
pub fn contributions(p: &Pledge, lex: &Lexicon) -> Vec<Contribution> {
    let w = &lex.weights;
    let mut out = vec![Contribution {
        feature: "verb",
        value: format!("{} ({} {})", p.verb_form, family_name(p.family), p.force),
        points: p.force as i32 * w.force,
    }];
    if let Some(m) = &p.modal {
        out.push(Contribution {
            feature: "modal",
            value: m.clone(),
            points: modal_points(p, lex),
        });
    }
    for b in &p.boosters {
        out.push(Contribution {
            feature: "booster",
            value: b.clone(),
            points: booster_points(b, lex),
        });
    }
    for h in &p.hedges {
        out.push(Contribution {
            feature: "hedge",
            value: h.clone(),
            points: w.hedge,
        });
    }
    if binds(p) {
        for q in p.numbers.iter().filter(|q| q.time_limit().is_some()) {
            out.push(Contribution {
                feature: "time_limit",
                value: q.text.clone(),
                points: w.time_limit,
            });
        }
    }
    out
}

/// The strength of `p`: the sum of its [`contributions`], added up
/// without building them (this runs for every pledge of every statement).
pub fn strength(p: &Pledge, lex: &Lexicon) -> i32 {
    let w = &lex.weights;
    let modal = modal_points(p, lex);
    let boosters: i32 = p.boosters.iter().map(|b| booster_points(b, lex)).sum();
    let limits = if binds(p) {
        p.numbers
            .iter()
            .filter(|q| q.time_limit().is_some())
            .count() as i32
            * w.time_limit
    } else {
        0
    };
    p.force as i32 * w.force + modal + boosters + p.hedges.len() as i32 * w.hedge + limits
}

/// The family's name as users read it.
pub fn family_name(f: Family) -> &'static str {
    match f {
        Family::Position => "position",
        Family::Call => "call",
        Family::Concern => "concern",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::statement_from_text;

    fn first(text: &str) -> Pledge {
        let s = statement_from_text(text);
        crate::pledge::extract(&s, &Lexicon::builtin())
            .into_iter()
            .next()
            .expect("a pledge")
    }

    #[test]
    fn the_strength_is_the_sum_of_the_contributions_shown() {
        let lex = Lexicon::builtin();
        let p = first("The Ministers strongly supported the plan where appropriate.");
        let parts = contributions(&p, &lex);
        assert_eq!(p.strength, parts.iter().map(|c| c.points).sum::<i32>());
        assert_eq!(p.strength, strength(&p, &lex));
        // support (force 4) × 10, a plain booster +2, a hedge −2.
        assert_eq!(p.strength, 40);
        assert!(parts
            .iter()
            .any(|c| c.feature == "booster" && c.value == "strongly"));
        assert!(parts
            .iter()
            .any(|c| c.feature == "hedge" && c.value == "where appropriate"));
    }

    #[test]
    fn a_deadline_adds_to_a_binding_pledge_only() {
        let lex = Lexicon::builtin();
        let bound = first("The Parties will reduce emissions by 2030.");
        assert!(contributions(&bound, &lex)
            .iter()
            .any(|c| c.feature == "time_limit"));
        let concern = first("The Ministers are concerned that emissions will rise by 2030.");
        assert!(!contributions(&concern, &lex)
            .iter()
            .any(|c| c.feature == "time_limit"));
    }
}
