//! Explanations for `--explain`: why a clause is a pledge and how its
//! strength adds up, and for each change the partners that pairing
//! considered, with their similarities, and why the chosen one won.
//!
//! Everything here reads what the stages recorded (a pledge's origin, the
//! matching's candidates, a change's deltas); nothing is decided again.

use crate::lexicon::Lexicon;

use super::classify::{Classified, PledgeChange, PledgeChangeKind};
use super::matching::Candidate;
use super::strength::{contributions, family_name};
use super::{Pledge, Source};

/// Most characters of a candidate's text quoted in an explanation.
const QUOTE: usize = 70;

fn quote(s: &str) -> String {
    let mut out: String = s.chars().take(QUOTE).collect();
    if s.chars().count() > QUOTE {
        out.push('\u{2026}');
    }
    out
}

fn signed(n: i32) -> String {
    if n >= 0 {
        format!("+{n}")
    } else {
        format!("\u{2212}{}", -n)
    }
}

/// Why `p` is a pledge, in plain words.
fn why_a_pledge(p: &Pledge, lex: &Lexicon) -> String {
    let o = &p.origin;
    let matched = &lex.verbs[o.matched];
    let written = p
        .verb_form
        .split(" \u{2026} ")
        .next()
        .unwrap_or(&p.verb_form);
    let mut parts = vec![format!(
        "verb form \"{written}\" of {} ({} {})",
        matched.lemma,
        family_name(matched.family),
        matched.force
    )];
    if let Some(noun) = o.stance {
        parts.push(format!(
            "\"{written}\" restates the stance \"{noun}\": read as {} ({} {})",
            p.verb,
            family_name(p.family),
            p.force
        ));
    }
    match o.source {
        Source::Own => {}
        Source::BorrowedActor => parts.push(format!(
            "actor \"{}\" carried over from the clause before",
            p.actor
        )),
        Source::Speaker => parts.push(format!("actor \"{}\": the statement's speaker", p.actor)),
        Source::SharedVerb => {
            parts.push("a that-clause sharing the verb of the clause before it".into())
        }
        Source::LeadIn => parts.push("an item of the list its lead-in opens".into()),
        Source::FrontedParticiple => parts.push(format!(
            "a participle opening the sentence; actor \"{}\" is the main clause's subject",
            p.actor
        )),
    }
    parts.join("; ")
}

/// Why `p` is a pledge and how its strength adds up, one line each.
pub fn pledge_lines(p: &Pledge, lex: &Lexicon) -> Vec<String> {
    let mut out = vec![format!("why a pledge: {}", why_a_pledge(p, lex))];
    out.push(format!(
        "actor: {}; verb: {} ({} {}){}",
        if p.actor.is_empty() {
            "(none)"
        } else {
            &p.actor
        },
        p.verb,
        family_name(p.family),
        p.force,
        if p.negated { "; negated" } else { "" }
    ));
    let parts: Vec<String> = contributions(p, lex)
        .iter()
        .map(|c| format!("{} {} {}", c.feature, c.value, signed(c.points)))
        .collect();
    out.push(format!("strength {} = {}", p.strength, parts.join(", ")));
    out.extend(genre_line(p.origin.genre, p.origin.genre, lex));
    out
}

/// The genre profile the statements were read with, when one was.
fn genre_line(old: Option<&str>, new: Option<&str>, lex: &Lexicon) -> Option<String> {
    let describe = |id: Option<&str>| match id.and_then(|id| lex.genre(id)) {
        Some(g) if g.topics.is_empty() => format!("{} ({})", g.id, g.label),
        Some(g) => format!(
            "{} ({}; its topics: {})",
            g.id,
            g.label,
            g.topics.join(", ")
        ),
        None => "none".to_string(),
    };
    match (old, new) {
        (None, None) => None,
        (a, b) if a == b => Some(format!("genre profile: {}", describe(a))),
        (a, b) => Some(format!(
            "genre profile: old {}; new {}",
            describe(a),
            describe(b)
        )),
    }
}

/// The candidates of one pledge, best first, with what became of each.
fn candidate_lines(
    cands: &[Candidate],
    others: &[Pledge],
    partner_of_other: &[Option<usize>],
    chosen: Option<usize>,
    floors: (f64, f64),
) -> Vec<String> {
    let (floor, model_floor) = floors;
    if cands.is_empty() {
        return vec![format!(
            "no pledge of the other statement shares enough stems to be a candidate (floor {floor:.2})"
        )];
    }
    cands
        .iter()
        .map(|c| {
            let fate = if Some(c.other) == chosen {
                "chosen".to_string()
            } else if partner_of_other[c.other].is_some() {
                "paired with a closer partner".to_string()
            } else if c.similarity < floor && c.meaning.is_none() {
                format!("below the floor {floor:.2}")
            } else if c.similarity < floor && c.blended() < model_floor {
                format!(
                    "below the floor {floor:.2}, and the mean with the model {:.2} below {model_floor:.2}",
                    c.blended()
                )
            } else {
                "left for a better pair".to_string()
            };
            format!(
                "candidate \u{b6}{} similarity {:.2}{}{}: {} \u{2014} \u{201c}{}\u{201d}",
                // 1-based, as every paragraph number a reader sees.
                others[c.other].paragraph + 1,
                c.similarity,
                c.meaning
                    .map(|x| format!(" (model {x:.2})"))
                    .unwrap_or_default(),
                if c.aligned {
                    " (aligned paragraphs)"
                } else {
                    ""
                },
                fate,
                quote(&others[c.other].text)
            )
        })
        .collect()
}

/// Why `ch` was reported as it was, one line each.
pub fn change_lines(c: &Classified, ch: &PledgeChange, lex: &Lexicon) -> Vec<String> {
    let m = &c.matching;
    let floor = lex.matching.floor;
    let side = |i: Option<usize>, ps: &[super::Pledge]| i.and_then(|i| ps[i].origin.genre);
    // A side without a pledge was read as the other one was.
    let (old, new) = (side(ch.old, &c.old_pledges), side(ch.new, &c.new_pledges));
    let old_genre = if ch.old.is_some() { old } else { new };
    let new_genre = if ch.new.is_some() { new } else { old };
    let mut out: Vec<String> = genre_line(old_genre, new_genre, lex).into_iter().collect();
    let floors = (floor, lex.matching.model_floor);
    if let (Some(model), Some(e)) = (&lex.meaning, &m.meaning_failed) {
        out.push(format!(
            "the meaning model {} failed ({e}); pairing is by stems alone",
            model.name()
        ));
    }
    match (ch.old, ch.new) {
        (Some(a), Some(b)) => {
            let s = ch.similarity.unwrap_or(0.0);
            let chosen = m.old_candidates[a].iter().find(|x| x.other == b);
            out.push(match chosen.and_then(|x| x.meaning.map(|y| (x, y))) {
                Some((x, model)) if s < floor => format!(
                    "paired on the meaning model's second opinion: stems {s:.2} (below the floor {floor:.2}), model {model:.2}, mean {:.2} at or above {:.2}; the most similar pair still open once the stems' pairs were made",
                    x.blended(),
                    floors.1
                ),
                Some((_, model)) => format!(
                    "paired at similarity {s:.2} (model {model:.2}): the most similar pair still open at or above the floor {floor:.2}"
                ),
                None => format!(
                    "paired at similarity {s:.2}: the most similar pair still open at or above the floor {floor:.2}"
                ),
            });
            let rivals: Vec<Candidate> = m.old_candidates[a]
                .iter()
                .filter(|x| x.other != b)
                .copied()
                .collect();
            if !rivals.is_empty() {
                out.extend(candidate_lines(
                    &rivals,
                    &c.new_pledges,
                    &m.new_match,
                    Some(b),
                    floors,
                ));
            }
            // A pledge merged into this one, or split off it, is compared
            // as part of it and reported with it.
            let framing = c.framing.iter().map(|&j| (j, true));
            for ((x, y), frames) in c.joined.iter().map(|&j| (j, false)).chain(framing) {
                let (other, joined) = if y == b && x != a {
                    ("old", &c.old_pledges[x])
                } else if x == a && y != b {
                    ("new", &c.new_pledges[y])
                } else {
                    continue;
                };
                let (para, text) = (joined.paragraph, &joined.text);
                let not = if other == "old" { "dropped" } else { "added" };
                if frames {
                    out.push(format!(
                        "framing: {other} \u{b6}{} \u{201c}{}\u{201d} is a weak stance in this pledge's sentence (force {} of at most {}): it frames this pledge and is not {not}",
                        para + 1,
                        quote(text),
                        joined.force,
                        lex.matching.framing,
                    ));
                    continue;
                }
                // Each list keeps only its best few: the pair is in one
                // of the two.
                let s = m.old_candidates[x]
                    .iter()
                    .find(|k| k.other == y)
                    .or_else(|| m.new_candidates[y].iter().find(|k| k.other == x))
                    .map_or(0.0, |k| k.similarity);
                out.push(format!(
                    "joined: {other} \u{b6}{} \u{201c}{}\u{201d} (similarity {s:.2}) is compared as part of this pair, not {}",
                    para + 1,
                    quote(text),
                    not
                ));
            }
            let steps: Vec<String> = ch
                .deltas
                .iter()
                .map(|d| format!("{} {}", d.feature, signed(d.step)))
                .collect();
            let (x, y) = (ch.old_strength.unwrap_or(0), ch.new_strength.unwrap_or(0));
            let verdict = match ch.kind {
                PledgeChangeKind::Modified if ch.deltas.iter().any(|d| d.feature == "polarity") => {
                    "reversed: neither stronger nor weaker".to_string()
                }
                PledgeChangeKind::Modified if ch.deltas.iter().any(|d| d.feature == "family") => {
                    "a different act: no step on one scale".to_string()
                }
                PledgeChangeKind::Modified => "same strength: a change of substance only".into(),
                k => format!("{} by {}", k.as_str(), signed(y - x)),
            };
            out.push(format!(
                "strength {x} \u{2192} {y} ({}): {verdict}",
                steps.join(", ")
            ));
        }
        (None, Some(b)) => {
            out.push("no old pledge paired with it".into());
            out.extend(candidate_lines(
                &m.new_candidates[b],
                &c.old_pledges,
                &m.old_match,
                None,
                floors,
            ));
        }
        (Some(a), None) => {
            out.push("no new pledge paired with it".into());
            out.extend(candidate_lines(
                &m.old_candidates[a],
                &c.new_pledges,
                &m.new_match,
                None,
                floors,
            ));
        }
        (None, None) => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pledge::classify::tests::compare;
    use crate::segment::statement_from_text;

    #[test]
    fn a_pledge_explains_its_verb_and_each_point_of_its_strength() {
        let lex = Lexicon::builtin();
        let p = &crate::pledge::extract(
            &statement_from_text(
                "The Ministers reaffirmed their strong commitment to the Alliance.",
            ),
            &lex,
        )[0];
        let lines = pledge_lines(p, &lex);
        assert!(
            lines[0].contains("\"reaffirmed\" restates the stance \"commitment\""),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("actor: The Ministers; verb: commit"),
            "{lines:?}"
        );
        assert_eq!(
            lines[2],
            "strength 62 = verb reaffirmed \u{2026} commitment (position 6) +60, booster strong +2"
        );
    }

    #[test]
    fn a_change_names_its_rivals_and_the_arithmetic_of_its_direction() {
        let lex = Lexicon::builtin();
        let c = compare(
            "We will consider sanctions on the networks that finance piracy.\n\n\
             We welcome the new coast guard academy in the port city.",
            "We will impose sanctions on the networks that finance piracy.\n\n\
             We welcome the new coast guard academy and its first graduates.",
        );
        let ch = c
            .changes
            .iter()
            .find(|ch| ch.kind == PledgeChangeKind::Strengthened)
            .expect("the hedge removed");
        let lines = change_lines(&c, ch, &lex);
        assert!(lines[0].starts_with("paired at similarity"), "{lines:?}");
        let last = lines.last().unwrap();
        assert!(
            last.starts_with("strength 58 \u{2192} 60 (hedge +2"),
            "{lines:?}"
        );
        assert!(last.ends_with("strengthened by +2"), "{lines:?}");
    }
}
