//! Pledge extraction: find the clauses in which the parties commit, affirm,
//! call, concern themselves or oppose, and measure the features of each
//! (verb force, modality, boosters, hedges, negation, scope lists, numbers,
//! topics).

use super::quantity::{is_year, year_of, Date, Kind, Quantity, Unit};
use crate::grammar::Grammar;
use crate::lexicon::{flag, Genre, Lexicon, Phrase, WordFlags, TOPIC_PREFIX_MIN};
use crate::quantities::{Quantities, UnitKind};
use crate::segment::{Statement, TokenKind};

use super::Pledge;

/// A word or clause-relevant punctuation mark of a sentence.
#[derive(Debug, Clone)]
struct Item<'a> {
    /// Lower-case canonical word, or the punctuation character (borrowed
    /// when the token is lower-case already, as most are).
    word: std::borrow::Cow<'a, str>,
    /// As written.
    text: &'a str,
    /// Index of its token in the paragraph.
    token: usize,
    is_word: bool,
    /// The lexicon lists `word` may start, looked up once here rather than
    /// once per list and clause.
    flags: WordFlags,
}

impl Item<'_> {
    fn w(&self) -> &str {
        &self.word
    }
}

/// "explain what will happen next", "measures that will help": a modal
/// right after a relative or interrogative word has that clause's
/// subject, not the speaker. ("affirmed that the two sides will" has the
/// clause's subject between.)
fn modal_of_a_clause(items: &[Item], modal: usize, g: &Grammar) -> bool {
    let relative = modal > 0
        && (g.relative_pronouns.contains(items[modal - 1].w())
            || g.clause_openers.contains(items[modal - 1].w()));
    // "Should you be dissatisfied, you can ask …": a modal that opens a
    // clause and is followed by its subject, not by a verb, makes the
    // clause a condition.
    let opens = modal == 0 || !items[modal - 1].is_word;
    let inverted = opens
        && items.get(modal + 1).is_some_and(|n| {
            n.is_word && (g.pronouns.contains(n.w()) || g.determiners.contains(n.w()))
        });
    relative || inverted
}

/// Longest stretch of words and punctuation read as one sentence.
const MAX_SENTENCE_ITEMS: usize = 600;

fn items_of<'a>(statement: &'a Statement, para: usize, lexicon: &Lexicon) -> Vec<Item<'a>> {
    let seg = &statement.segments[para];
    let src = seg.text.as_str();
    seg.tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind != TokenKind::Space)
        .map(|(i, t)| {
            let key = t.key(src);
            let word = if key.chars().any(char::is_uppercase) {
                std::borrow::Cow::Owned(key.to_lowercase())
            } else {
                std::borrow::Cow::Borrowed(key)
            };
            Item {
                flags: lexicon.word_flags(&word),
                word,
                text: t.text(src),
                token: i,
                is_word: t.kind == TokenKind::Word,
            }
        })
        .collect()
}

/// Phrase match at `at` allowing skippable words inside multi-word phrases;
/// returns the end (exclusive).
fn match_phrase(
    items: &[Item],
    at: usize,
    phrase: &Phrase,
    skip: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let mut k = at;
    for (n, w) in phrase.iter().enumerate() {
        if n > 0 {
            let mut skipped = 0;
            while k < items.len() && items[k].word != *w && skip(items[k].w()) && skipped < 3 {
                k += 1;
                skipped += 1;
            }
        }
        if k >= items.len() || items[k].word != *w {
            return None;
        }
        k += 1;
    }
    Some(k)
}

/// Every occurrence of any of `phrases` in `items` (whole words), using
/// the first-word `index` into `phrases`; only items with the flag `bit`
/// can start one.
fn find_all(
    items: &[Item],
    phrases: &[Phrase],
    index: &rustc_hash::FxHashMap<crate::lexicon::Word, Vec<usize>>,
    bit: WordFlags,
    skip: &dyn Fn(&str) -> bool,
    g: &Grammar,
) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if items[i].flags & bit == 0 {
            i += 1;
            continue;
        }
        let hit = index.get(items[i].w()).and_then(|cands| {
            cands.iter().find_map(|&k| {
                let phrase = &phrases[k];
                // "the plan to relocate", "Japan's aim to": after a
                // determiner a hedge like "plan to" is a noun, not a hedge.
                if phrase.last() == Some(&"to") && i > 0 && is_determiner(&items[i - 1], g) {
                    return None;
                }
                match_phrase(items, i, phrase, skip).map(|end| (i, end, phrase.join(" ")))
            })
        });
        if let Some((s, e, t)) = hit {
            out.push((s, e, t));
            i = e;
        } else {
            i += 1;
        }
    }
    out
}

/// Most words between the opener and the verb of a clause of permission.
const PERMISSION_WORDS: usize = 4;

/// The clauses of permission in `items` ("where national circumstances
/// allow"), as spans: an opener, one to four words, and a verb of
/// permission, with no mark between.
fn permissions(items: &[Item], g: &Grammar) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < items.len() {
        if items[k].is_word && g.permission_openers.contains(items[k].w()) {
            let verb = (k + 1..items.len().min(k + PERMISSION_WORDS + 2))
                .take_while(|&j| items[j].is_word)
                .find(|&j| g.permission_verbs.contains(items[j].w()));
            if let Some(v) = verb.filter(|&v| v > k + 1) {
                out.push(k..v + 1);
                k = v + 1;
                continue;
            }
        }
        k += 1;
    }
    out
}

/// A determiner or a possessive ("the", "their", "Japan's"): a verb form
/// right after one is a noun ("their support", "Japan's plan to").
fn is_determiner(item: &Item, g: &Grammar) -> bool {
    item.is_word && (g.determiners.contains(item.w()) || is_possessive(item))
}

/// "Japan's", "the Parties'".
fn is_possessive(item: &Item) -> bool {
    item.w().ends_with("'s") || item.w().len() > 2 && item.w().ends_with("s'")
}

#[derive(Debug, Clone)]
struct Predicate {
    start: usize,
    end: usize,
    verb: usize,
    /// A passive's agent ("was adopted by the Council"): who pledges.
    agent: Option<std::ops::Range<usize>>,
}

/// Most words of a passive's agent ("by the two governments").
const AGENT_WORDS: usize = 5;

/// The agent of a passive whose participle ends at `end`: the words after
/// "by" up to a mark or preposition, when they name someone ("the
/// leaders", "the Council", "us"), not a means ("by consensus", "by
/// 2030", "by evidence").
fn passive_agent(items: &[Item], end: usize, lexicon: &Lexicon) -> Option<std::ops::Range<usize>> {
    if items.get(end)?.w() != "by" {
        return None;
    }
    named_agent(items, end + 1, lexicon)
}

/// The words from `from` up to a mark or preposition, when they name
/// someone: the agent after a passive's "by", or the holder after a
/// nominal pledge's "of" ("has the support of the Ministers").
fn named_agent(items: &[Item], from: usize, lexicon: &Lexicon) -> Option<std::ops::Range<usize>> {
    let to = (from..items.len().min(from + AGENT_WORDS + 1))
        .find(|&k| !items[k].is_word || lexicon.prepositions.contains(items[k].w()))
        .unwrap_or(items.len().min(from + AGENT_WORDS + 1));
    let first = items.get(from)?;
    let names = lexicon.grammar.agent_openers.contains(first.w())
        || lexicon.self_references.contains(first.w())
        || first.text.starts_with(|c: char| c.is_uppercase());
    (to > from && to - from <= AGENT_WORDS && names).then_some(from..to)
}

fn predicates(items: &[Item], lexicon: &Lexicon) -> Vec<Predicate> {
    let g = &lexicon.grammar;
    // Between the words of a multi-word form stand boosters, determiners
    // and coordinated modifiers: "shared serious and ongoing concerns".
    let skip = |w: &str| {
        lexicon.single_boosters.contains(w)
            || g.inside_verb_form.contains(w)
            || w.len() > 5 && w.ends_with("ing")
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if !items[i].is_word || items[i].flags & flag::VERB == 0 {
            i += 1;
            continue;
        }
        let hit = lexicon.verb_index.get(items[i].w()).and_then(|cands| {
            cands.iter().find_map(|&k| {
                let (p, v) = &lexicon.verb_forms[k];
                match_phrase(items, i, p, &skip).map(|e| (e, *v))
            })
        });
        if let Some((end, verb)) = hit {
            // "the Global Methane Pledge", "the Paris Agreement": a verb form
            // in title case after another capitalised word is part of a name.
            // (All capitals, as in "URGES", is a resolution's verb.)
            let in_name = i > 0
                && is_title_case(items[i].text)
                && items[i - 1].is_word
                && items[i - 1]
                    .text
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
            // "by May 2026": a verb form that is also a month ("may")
            // is the month when written with a capital.
            let month = lexicon.quantities.is_month(items[i].w()) && is_title_case(items[i].text);
            let after_be = || {
                let mut j = i;
                while j > 0 && lexicon.single_boosters.contains(items[j - 1].w()) {
                    j -= 1;
                }
                j > 0 && g.be.contains(items[j - 1].w())
            };
            let blocked = in_name
                || month
                || g.after_be_only.contains(items[i].w()) && !after_be()
                || in_relative_clause(items, out.last(), i, g)
                || i > 0 && is_possessive(&items[i - 1])
                || agent_participle(items, i, end, g)
                || noun_not_verb(items, i, end, g)
                || lexicon.modals.contains_key(items[i].w()) && modal_of_a_clause(items, i, g)
                // "the States involved shall notify": a participle right
                // before a modal ends the subject; the modal is the verb.
                || items[end - 1].w().ends_with("ed")
                    && items
                        .get(end)
                        .is_some_and(|n| lexicon.modals.contains_key(n.w()))
                || i > 0 && {
                    // An adverb between ("was originally announced", "are
                    // strongly encouraged") does not change what the word
                    // before the verb form makes of it.
                    let mut j = i - 1;
                    while j > 0
                        && items[j].is_word
                        && items[j].w().len() > 4
                        && items[j].w().ends_with("ly")
                        && g.not_a_predicate_after.contains(items[j - 1].w())
                    {
                        j -= 1;
                    }
                    let prev = items[j].w();
                    let before = if j > 0 { items[j - 1].w() } else { "" };
                    g.not_a_predicate_after.contains(prev)
                        && !(prev == "to" && before.starts_with("continu"))
                        && !(g.be.contains(prev)
                            && (g.stative.contains(items[i].w())
                                || g.after_be_only.contains(items[i].w())))
                        && !(g.be.contains(prev)
                            && g.passive_calls.contains(items[i].w())
                            && items.get(end).is_some_and(|n| n.w() == "to"))
                        && !(g.be.contains(prev) && passive_agent(items, end, lexicon).is_some())
                };
            if !blocked {
                out.push(Predicate {
                    start: i,
                    end,
                    verb,
                    agent: passive_agent(items, end, lexicon)
                        .filter(|_| {
                            i > 0 && g.be.contains(items[i - 1].w())
                                || i > 1 && g.be.contains(items[i - 2].w())
                        })
                        .or_else(|| {
                            // "The fund has the support of the Ministers":
                            // a stance had, not done, is its holder's.
                            (g.perfect_auxiliaries.contains(items[i].w())
                                && items[end - 1].w() == "of")
                                .then(|| named_agent(items, end, lexicon))
                                .flatten()
                        }),
                });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The relative clauses about people in a clause: from "who", "whom" or
/// "whose" to the next mark. ("which" and "that" are left out: "areas
/// in which the two countries should explore ways to …" is what the
/// pledge is about.)
fn relative_spans(items: &[Item], g: &Grammar) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < items.len() {
        if g.personal_relatives.contains(items[k].w()) {
            let end = (k + 1..items.len())
                .find(|&j| !items[j].is_word)
                .unwrap_or(items.len());
            out.push(k..end);
            k = end;
        } else {
            k += 1;
        }
    }
    out
}

/// "… and assistance and support to the relief agencies": a verb that
/// takes its object directly (the grammar's `direct_object_verbs`) is the
/// noun before a preposition of a noun's complement ("to", "for", "of").
/// "task" the noun ("the joint task force") is told from the verb the
/// other way round: the verb form of `verbs_before_object` counts only
/// before a determiner or possessive that opens whom it tasks.
fn noun_not_verb(items: &[Item], verb: usize, end: usize, g: &Grammar) -> bool {
    let w = items[verb].w();
    end == verb + 1
        && (g.direct_object_verbs.contains(w)
            && items
                .get(end)
                .is_some_and(|n| g.noun_complement_prepositions.contains(n.w()))
            || g.verbs_before_object.contains(w)
                && !items.get(end).is_some_and(|n| is_determiner(n, g)))
}

/// ", supported by resilient spending": a participle after a comma with
/// its agent describes the words before it; nobody pledges anything. A
/// body that decides "by consensus" or "by a recorded vote" still
/// decides.
fn agent_participle(items: &[Item], verb: usize, end: usize, g: &Grammar) -> bool {
    verb > 0
        && items[verb - 1].word == ","
        && items[verb].w().ends_with("ed")
        && items.get(end).is_some_and(|n| n.w() == "by")
        && !items[end + 1..(end + 4).min(items.len())]
            .iter()
            .any(|n| g.manners_of_deciding.contains(n.w()))
}

/// "We welcome the measures that countries have adopted": a verb form
/// in a relative clause after an earlier predicate of the sentence says
/// what someone else did, not what the actor pledges. A "that" right
/// after the predicate opens its object ("recognize that …"), and "and"
/// right before the verb form returns to the main clause ("welcomed the
/// progress that was made and decided to …").
fn in_relative_clause(
    items: &[Item],
    previous: Option<&Predicate>,
    at: usize,
    g: &Grammar,
) -> bool {
    let Some(p) = previous else {
        // "Tenants who report repairs promptly will be reimbursed": the
        // verb of a relative clause in the subject comes right after its
        // "who" (past auxiliaries and adverbs); "Contributors who do not
        // meet the criteria should be acknowledged" keeps its "should".
        return at > 0
            && items[..at]
                .iter()
                .rposition(|i| g.relative_pronouns.contains(i.w()))
                .is_some_and(|r| {
                    items[r + 1..at].iter().all(|i| {
                        g.between_subject_and_verb.contains(i.w()) || g.do_support.contains(i.w())
                    })
                });
    };
    let between = &items[p.end.min(at)..at];
    if between
        .iter()
        .any(|i| matches!(i.w(), "." | ";" | "!" | "?"))
    {
        return false;
    }
    let mut k = between.len();
    while k > 0 && g.between_subject_and_verb.contains(between[k - 1].w()) {
        k -= 1;
    }
    if k > 0 && g.main_clause_coordinators.contains(between[k - 1].w()) {
        return false;
    }
    between.iter().enumerate().any(|(j, i)| match i.w() {
        w if g.relative_pronouns.contains(w) => true,
        // "… applies to the islands and that both nations oppose …": a
        // second object clause, not a relative one.
        "that" => {
            j > 0 && between[j - 1].is_word && !matches!(between[j - 1].w(), "and" | "but" | "or")
        }
        _ => false,
    })
}

/// "…, and we will deepen them": a modal after a coordinator and its own
/// subject opens a sentence of its own, and may carry a pledge there.
fn opens_coordinate(items: &[Item], p: &Predicate, g: &Grammar, genre: Option<&Genre>) -> bool {
    // "X remains committed to A and will continue B": the modal right
    // after the coordinator shares the sentence's subject, unless a
    // "that"-clause before it makes the subject someone else's.
    if p.start > 0
        && g.main_clause_coordinators.contains(items[p.start - 1].w())
        && !items[..p.start].iter().any(|i| i.w() == "that")
    {
        return true;
    }
    let mut j = p.start;
    let mut subject = false;
    while j > 0 && p.start - j < 3 {
        let w = items[j - 1].w();
        if (g.subject_words.contains(w) || names_speaker(w, genre)) && w != "it" {
            subject = true;
        } else if w != "the" {
            break;
        }
        j -= 1;
    }
    subject && j > 0 && g.coordinators.contains(items[j - 1].w())
}

/// "Pledge", not "pledge" nor "PLEDGE".
fn is_title_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// Does the predicate at `p` start a new clause (after a coordinator or its
/// own subject), rather than sit inside the previous clause's object?
fn starts_clause(
    items: &[Item],
    p: &Predicate,
    clause_start: usize,
    g: &Grammar,
    genre: Option<&Genre>,
) -> bool {
    let mut k = p.start;
    // "the Council strongly urges": an adverb of the verb stands between
    // it and its subject, like "also".
    while k > clause_start
        && (g.between_subject_and_verb.contains(items[k - 1].w()) || adverb(&items[k - 1]))
    {
        k -= 1;
    }
    if k == clause_start {
        return false;
    }
    let prev = &items[k - 1];
    if g.coordinators.contains(prev.w()) {
        return true;
    }
    prev.is_word
        && (g.subject_words.contains(prev.w())
            || names_speaker(prev.w(), genre)
            || prev.text.chars().next().is_some_and(char::is_uppercase))
}

/// Where the first clause starts when the sentence opens with a phrase
/// around a participle that pledges nothing ("Reflecting their long
/// commitment to the region, the leaders agreed to …", "Building on
/// last year's work, …"): after its comma, so that the phrase, which says
/// why or how, is not read as the pledge's content. A sentence whose
/// subject is a list of gerunds ("Mapping risks, sharing data and
/// training staff will …") has more than one comma before its verb and
/// keeps its start.
fn fronted_adjunct_end(items: &[Item], p: &Predicate, lexicon: &Lexicon) -> usize {
    if p.start == 0 || !opens_with_participle(items) {
        return 0;
    }
    let mut commas = (1..p.start).filter(|&k| items[k].word == ",");
    let (Some(k), None) = (commas.next(), commas.next()) else {
        return 0;
    };
    // The main clause's subject opens after the comma ("…, they", "…,
    // the leaders", "…, Japan"); a list inside a gerund subject goes on
    // ("Ensuring energy that is secure, affordable and clean remains …").
    let g = &lexicon.grammar;
    let subject = items.get(k + 1).is_some_and(|n| {
        n.is_word
            && (g.pronouns.contains(n.w())
                || g.determiners.contains(n.w())
                || lexicon.self_references.contains(n.w())
                || n.text.starts_with(char::is_uppercase))
    });
    if subject && k + 1 < p.start {
        k + 1
    } else {
        0
    }
}

/// "Recognizing the risk, the towns will raise the embankment": `main`
/// is the main clause's predicate after a participle phrase that opens the
/// sentence (`first`) and ends at a comma. It carries the sentence ("will"
/// included) whatever its subject is.
fn main_after_participle(items: &[Item], first: &Predicate, main: &Predicate) -> bool {
    first.start == 0
        && opens_with_participle(items)
        && items[first.end..main.start].iter().any(|i| i.word == ",")
}

/// Does the sentence open with a participle ("Recalling …", "Building on
/// …")? The pledge verb or adjunct phrase it starts then stands before the
/// main clause.
fn opens_with_participle(items: &[Item]) -> bool {
    items
        .first()
        .is_some_and(|i| i.is_word && i.word.ends_with("ing"))
}

/// "The leaders reaffirmed X, urging Y to Z": a participle of a pledge
/// verb that says something (`trailing_act_lemmas` in data/grammar.yaml)
/// after a comma is a second act of the same subject, as an opening one
/// is ("Urging Y to Z, the leaders reaffirmed X"). Left inside the
/// first clause it would pair that clause with whichever successor says
/// the second act, and hide the first act's own partner.
fn trailing_participle(
    items: &[Item],
    p: &Predicate,
    clause_start: usize,
    lexicon: &Lexicon,
) -> bool {
    if !lexicon
        .grammar
        .trailing_act_lemmas
        .contains(lexicon.verbs[p.verb].lemma)
    {
        return false;
    }
    let mut k = p.start;
    // ", strongly urging": the adverb belongs to the participle.
    while k > clause_start && adverb(&items[k - 1]) {
        k -= 1;
    }
    k > clause_start
        && items[k - 1].word == ","
        && p.agent.is_none()
        && items[p.start].w().ends_with("ing")
}

/// A booster adverb ("strongly"): it may stand before a verb without
/// being its subject.
fn adverb(i: &Item) -> bool {
    i.flags & flag::BOOSTER != 0 && i.w().ends_with("ly")
}

/// Is `w` (lower case) the head of one of the genre profile's names for
/// the speaker ("ministers" of "the Ministers")?
fn names_speaker(w: &str, genre: Option<&Genre>) -> bool {
    genre.is_some_and(|g| g.actor_heads.contains(w))
}

/// The genre profile a statement is read with, if it names one the
/// lexicon has.
fn genre_of<'l>(statement: &Statement, lexicon: &'l Lexicon) -> Option<&'l Genre> {
    statement.genre.as_deref().and_then(|id| lexicon.genre(id))
}

/// Default actor of a statement: a short lead-in paragraph ending in a
/// comma ("The General Assembly,").
pub fn default_actor(statement: &Statement) -> Option<String> {
    statement.paragraphs.iter().take(3).find_map(|p| {
        let t = p.text.trim();
        let words = t.split_whitespace().count();
        (t.ends_with(',') && words <= 6 && t.chars().next().is_some_and(char::is_uppercase))
            .then(|| t.trim_end_matches(',').to_string())
    })
}

/// Words that may stand between a subject and its verb: "also", a
/// booster ("strongly"), a form of "be", a linking verb ("remains").
fn before_verb(w: &str, lexicon: &Lexicon) -> bool {
    let g = &lexicon.grammar;
    g.between_subject_and_verb.contains(w)
        || lexicon.single_boosters.contains(w)
        || g.be.contains(w)
        || g.linking.contains(w)
}

/// "They discussed X and committed to Y": when the verb at `verb` is the
/// second of two predicates of a pronoun subject at `start`, the index of
/// the coordinator that joins them.
fn second_predicate(items: &[Item], start: usize, verb: usize, lexicon: &Lexicon) -> Option<usize> {
    let g = &lexicon.grammar;
    let k = (start..verb)
        .rev()
        .find(|&k| !before_verb(items[k].w(), lexicon))?;
    let subject = items.get(start)?.w();
    (k > start + 1
        && g.coordinators.contains(items[k].w())
        && (g.pronouns.contains(subject) || lexicon.self_references.contains(subject)))
    .then_some(k)
}

/// Does the word at `k` read as a finite verb by its form alone: an
/// auxiliary, a modal, a linking verb, or a past tense ("-ed" or one of
/// `irregular_past`) that no determiner, preposition or adverb before it
/// makes an adjective ("the elected mayors", "newly built")?
fn finite_by_form(items: &[Item], k: usize, lexicon: &Lexicon) -> bool {
    let g = &lexicon.grammar;
    let w = items[k].w();
    if lexicon.modals.contains_key(w)
        || g.be.contains(w)
        || g.perfect_auxiliaries.contains(w)
        || g.linking.contains(w)
    {
        return true;
    }
    let past = g.irregular_past.contains(w) || w.len() > 4 && w.ends_with("ed");
    let prev = &items[k - 1];
    past && prev.is_word
        && !g.determiners.contains(prev.w())
        && !lexicon.prepositions.contains(prev.w())
        && !prev.w().ends_with("ly")
}

/// "The two mayors opened the pier, and pledged to keep it open": a
/// pledge verb after "and" or "but" whose clause began with a predicate
/// of no pledge shares that predicate's subject, the words before the
/// first clause's first finite verb (after any fronted phrase and its
/// comma). The range of that subject in `items`.
fn subject_of_first_clause(
    items: &[Item],
    from: usize,
    to: usize,
    lexicon: &Lexicon,
) -> Option<std::ops::Range<usize>> {
    let g = &lexicon.grammar;
    let mut k = to;
    while k > from && before_verb(items[k - 1].w(), lexicon) {
        k -= 1;
    }
    if k <= from + 1 || !g.main_clause_coordinators.contains(items[k - 1].w()) {
        return None;
    }
    let verb = (from + 1..k - 1).find(|&j| finite_by_form(items, j, lexicon))?;
    let start = items[from..verb]
        .iter()
        .rposition(|i| i.word == ",")
        .map_or(from, |c| from + c + 1);
    let subject = &items[start..verb];
    let plain = |i: &Item| {
        i.is_word
            && !g.relative_pronouns.contains(i.w())
            && !g.clause_openers.contains(i.w())
            && !g.coordinators.contains(i.w())
    };
    (!subject.is_empty()
        && subject.len() <= 8
        && !lexicon.prepositions.contains(subject[0].w())
        && subject.iter().all(plain))
    .then_some(start..verb)
}

fn actor_of(items: &[Item], from: usize, to: usize, lexicon: &Lexicon) -> Option<String> {
    let g = &lexicon.grammar;
    if let Some(subject) = subject_of_first_clause(items, from, to, lexicon) {
        return Some(capitalised(&items[subject]));
    }
    // The subject is what follows the last comma before the verb:
    // "During the meeting, the Ministers affirmed" -> "the Ministers".
    let mut start = items[from..to]
        .iter()
        .rposition(|i| i.word == ",")
        .map_or(from, |k| from + k + 1);
    let mut end = to;
    // "Italy strongly supports", "Strongly condemns": an adverb before the
    // verb is its booster, not part of (or all of) the subject; "The
    // Council remains (deeply) concerned": the copula is not either.
    while end > start && before_verb(items[end - 1].w(), lexicon) {
        end -= 1;
    }
    while start < end && g.coordinators.contains(items[start].w()) {
        start += 1;
    }
    // "They discussed the situation and committed to …": the subject is
    // the first predicate's, here a pronoun standing first (a longer one
    // is found below).
    if second_predicate(items, start, to, lexicon).is_some() {
        end = start + 1;
    }
    if end > start + 8 {
        // "The fund has disbursed USD 40 million this year and remains
        // open to":
        // a second predicate shares the first one's subject, which ends at
        // that predicate's auxiliary.
        let coordinated = items[start..end].iter().any(|i| i.w() == "and");
        let aux = items[start..end].iter().position(|i| {
            lexicon.modals.contains_key(i.w())
                || g.perfect_auxiliaries.contains(i.w())
                || g.be.contains(i.w())
        });
        match aux {
            Some(k) if coordinated && (1..=8).contains(&k) => end = start + k,
            _ => return None,
        }
    }
    if start >= end || items[start..end].iter().any(|i| !i.is_word) {
        return None;
    }
    Some(capitalised(&items[start..end]))
}

/// Who holds the stance of a nominal pledge's verb form by its
/// possessive: "The plan has our full support" is pledged by "we". Only a
/// form that opens with a form of "have" is nominal: in "reaffirmed their
/// commitment" the possessive points back to the subject, which is the
/// actor anyway.
fn possessive_holder(form: &[Item], lexicon: &Lexicon) -> Option<String> {
    if !form
        .first()
        .is_some_and(|i| lexicon.grammar.perfect_auxiliaries.contains(i.w()))
    {
        return None;
    }
    let holder = form.iter().find_map(|i| lexicon.possessives.get(i.w()))?;
    let mut chars = holder.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect::<String>())
}

/// The words as written, joined, with a capital first letter: an actor
/// read from the middle of a sentence ("the Ministers") as it would open
/// one.
fn capitalised(words: &[Item]) -> String {
    let words: Vec<&str> = words.iter().map(|i| i.text).collect();
    let actor = words.join(" ");
    let mut chars = actor.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// Extracts the pledges of every paragraph of a statement.
pub fn extract(statement: &Statement, lexicon: &Lexicon) -> Vec<Pledge> {
    let genre = genre_of(statement, lexicon);
    // A genre's speaker stands in when the statement names none of its own.
    let fallback_actor = default_actor(statement).or_else(|| genre.and_then(Genre::speaker));
    let mut out = Vec::new();
    let mut lead_in: Option<LeadIn> = None;
    // "The Council:" in a profile that lists the Council: the actor its
    // list items speak for, and the shape of the lead's own label.
    let mut named_lead: Option<(String, Option<LabelShape>)> = None;
    let mut own = Vec::new();
    for para in 0..statement.paragraphs.len() {
        let items = items_of(statement, para, lexicon);
        let paragraph = &statement.paragraphs[para];
        let profile_lead = genre.filter(|g| {
            paragraph.text.trim_end().ends_with(':') && {
                let words: Vec<&str> = items.iter().filter(|i| i.is_word).map(Item::w).collect();
                g.opens_list(&words)
            }
        });
        own.clear();
        let last_verb = extract_paragraph(
            statement,
            para,
            &items,
            lexicon,
            fallback_actor.as_deref(),
            &mut own,
        );
        named_lead = named_lead.filter(|(_, shape)| governs(*shape, paragraph));
        if let Some((actor, _)) = &named_lead {
            for p in own
                .iter_mut()
                .filter(|p| p.actor.is_empty() || p.origin.source == super::Source::Speaker)
            {
                p.actor.clone_from(actor);
                p.origin.source = super::Source::Speaker;
            }
        }
        let governing = lead_in.as_ref().filter(|l| {
            l.governs(paragraph)
                && (own.is_empty() || l.takes_bare_verb(paragraph, &own, &lexicon.grammar))
        });
        if let Some(lead) = governing {
            let item = lead.item_pledge(statement, para, &items, lexicon);
            // The lead's own clause ("we commit to:") says nothing its
            // items do not: once an item carries it, it is no pledge of
            // its own, and a reworded lead-in is no change.
            if item.is_some() {
                if let Some(at) = lead_in.as_mut().and_then(|l| l.pledge_at.take()) {
                    out.remove(at);
                }
            }
            out.extend(item);
        } else if let Some(verb) = last_verb {
            out.append(&mut own);
            lead_in = LeadIn::of(statement, para, &out[out.len() - 1], verb).map(|l| LeadIn {
                pledge_at: Some(out.len() - 1),
                profile: profile_lead.is_some(),
                ..l
            });
        } else {
            lead_in = None;
            if let Some(actor) = profile_lead.and_then(|g| g.actor_named(&paragraph.text)) {
                named_lead = Some((actor, paragraph.label.as_deref().map(LabelShape::of)));
            }
        }
    }
    keep_binding_permissions(&mut out, &lexicon.grammar, genre);
    out
}

/// The verb form of a permission: "The Participants may cooperate".
const PERMISSION: &str = "may";

/// Drops the "may" clauses of anyone who makes no other pledge in the
/// statement. "may" binds a party — "The Participants may cooperate …"
/// beside "The Participants will convene …", so that "may" -> "will"
/// reads as a firmer pledge — but in most other mouths it weighs a risk
/// ("such acts may undermine stability").
fn keep_binding_permissions(pledges: &mut Vec<Pledge>, g: &Grammar, genre: Option<&Genre>) {
    if pledges.iter().all(|p| p.verb_form != PERMISSION) {
        return;
    }
    // An actor is known by its last word, singular: "Each Participant"
    // is one of "The Participants", "Each Agency" one of "The Agencies".
    let head = |actor: &str| {
        let last = actor.split_whitespace().last().unwrap_or("").to_lowercase();
        match last.strip_suffix("ies") {
            Some(stem) if !stem.is_empty() => format!("{stem}y"),
            _ => last.strip_suffix('s').map(str::to_string).unwrap_or(last),
        }
    };
    let pledging: rustc_hash::FxHashSet<String> = pledges
        .iter()
        .filter(|p| p.verb_form != PERMISSION)
        .map(|p| head(&p.actor))
        .collect();
    pledges.retain(|p| {
        p.verb_form != PERMISSION || {
            let h = head(&p.actor);
            h == "we"
                || h == "i"
                || pledging.contains(&h)
                || g.empowered.contains(h.as_str())
                // The speaker's own "may", in a genre that names it.
                || names_speaker(&p.actor.split_whitespace().last().unwrap_or("").to_lowercase(), genre)
        }
    });
}

/// A pledge clause that a list completes: "URGES Member States:" followed
/// by "(1) to strengthen …;", "(2) to consider …;", or "The Leaders will:"
/// followed by bullets. Resolutions and communiqués put most of their
/// operative content in such items, which have no verb of their own.
#[derive(Debug)]
struct LeadIn {
    /// The lead's clause as written, without its colon.
    text: String,
    actor: String,
    verb: usize,
    verb_form: String,
    /// Shape of the lead paragraph's own number (`1.`, `(a)`, a bullet):
    /// a paragraph numbered the same way is its sibling, not its item.
    label_shape: Option<LabelShape>,
    /// Where the lead's own pledge is in the statement's list, until an
    /// item takes its place.
    pledge_at: Option<usize>,
    /// Opened by a lead-in of the statement's genre profile: an item
    /// opening with a bare verb completes it, whatever its last word.
    profile: bool,
}

impl LeadIn {
    /// The lead a paragraph opens, if it ends in a colon with its last
    /// pledge (`last`, of the lexicon's verb `verb`) running up to it.
    fn of(statement: &Statement, para: usize, last: &Pledge, verb: usize) -> Option<Self> {
        let paragraph = &statement.paragraphs[para];
        if last.paragraph != para || !paragraph.text.trim_end().ends_with(':') {
            return None;
        }
        Some(LeadIn {
            text: last.text.clone(),
            actor: last.actor.clone(),
            verb,
            verb_form: last.verb_form.clone(),
            label_shape: paragraph.label.as_deref().map(LabelShape::of),
            pledge_at: None,
            profile: false,
        })
    }

    /// Does the lead carry over to this paragraph, which has no pledge of
    /// its own? Only for list items: numbered or bulleted differently from
    /// the lead, or continuing it in lower case.
    fn governs(&self, paragraph: &crate::normalize::Paragraph) -> bool {
        governs(self.label_shape, paragraph)
    }

    /// "we commit to:" then "- support smallholder farmers": an item
    /// that opens with a bare verb of the lexicon completes the lead (its
    /// verb is the item's content), when the lead ends in "to" or a modal
    /// and the item has no other pledge.
    fn takes_bare_verb(
        &self,
        paragraph: &crate::normalize::Paragraph,
        own: &[Pledge],
        g: &Grammar,
    ) -> bool {
        let lead_end = self.text.split_whitespace().last().unwrap_or("");
        let first = paragraph.text.split_whitespace().next().unwrap_or("");
        (self.profile || g.lead_in_ends.contains(lead_end.to_lowercase().as_str()))
            && own.len() == 1
            && own[0]
                .verb_form
                .split_whitespace()
                .next()
                .is_some_and(|v| v == first)
    }

    /// The item's pledge: the lead's verb and actor, the item's own
    /// features (hedges, boosters, numbers, topics), read as one sentence.
    fn item_pledge(
        &self,
        statement: &Statement,
        para: usize,
        all: &[Item],
        lexicon: &Lexicon,
    ) -> Option<Pledge> {
        let items = &all[..all.len().min(MAX_SENTENCE_ITEMS)];
        if !items.iter().any(|i| i.is_word) {
            return None;
        }
        // No verb stands in the item itself: nothing to mark as used.
        let p = Predicate {
            start: 0,
            end: 0,
            verb: self.verb,
            agent: None,
        };
        let mut pledge = build(
            statement,
            para,
            items,
            &p,
            0,
            self.actor.clone(),
            self.verb_form.clone(),
            lexicon,
        );
        pledge.origin.source = super::Source::LeadIn;
        // The text stays the item as written; the lead it completes is
        // part of what it says, so comparisons see both.
        let read = format!("{} {}", self.text, pledge.text);
        pledge.folded = crate::normalize::canonical(&read).to_lowercase();
        Some(pledge)
    }
}

/// Does a lead-in whose own label has `lead_shape` carry over to this
/// paragraph? Only to list items: numbered or bulleted differently from the
/// lead, or continuing it in lower case.
fn governs(lead_shape: Option<LabelShape>, paragraph: &crate::normalize::Paragraph) -> bool {
    match paragraph.label.as_deref() {
        Some(label) => lead_shape != Some(LabelShape::of(label)),
        None => paragraph
            .text
            .chars()
            .next()
            .is_some_and(char::is_lowercase),
    }
}

/// How a paragraph label is written, ignoring which number it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelShape {
    /// `1.`, `1)`, `(1)`: a number, with how it is bracketed.
    Number { open: bool, close: char },
    /// `(a)`, `a)`: a letter.
    Letter { open: bool },
    /// `iv.`, `(iv)`.
    Roman { open: bool },
    /// `•`, `-`, `*`.
    Bullet(char),
}

impl LabelShape {
    fn of(label: &str) -> Self {
        let open = label.starts_with('(');
        let body = label.trim_start_matches('(');
        let close = label.chars().last().unwrap_or(' ');
        let first = body.chars().next().unwrap_or(' ');
        let roman = |c: char| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c');
        if first.is_ascii_digit() {
            LabelShape::Number { open, close }
        } else if !first.is_alphanumeric() {
            LabelShape::Bullet(first)
        } else if body.trim_end_matches(['.', ')']).chars().all(roman)
            && (body.len() > 2 || close == '.')
        {
            LabelShape::Roman { open }
        } else {
            LabelShape::Letter { open }
        }
    }
}

/// Pushes the pledges of one paragraph (its `all_items`) to `out`;
/// returns the lexicon verb of the last one, if there is one.
fn extract_paragraph(
    statement: &Statement,
    para: usize,
    all_items: &[Item],
    lexicon: &Lexicon,
    fallback_actor: Option<&str>,
    out: &mut Vec<Pledge>,
) -> Option<usize> {
    let seg = &statement.segments[para];
    let genre = genre_of(statement, lexicon);
    let mut last_actor: Option<String> = None;
    let mut last_verb = None;
    // Sentences longer than any real one are cut into windows, which keeps
    // the clause logic linear on pathological input.
    let mut windows = Vec::new();
    for (n, sentence) in seg.sentences.iter().enumerate() {
        let lo = all_items.partition_point(|i| i.token < sentence.start);
        let hi = all_items.partition_point(|i| i.token < sentence.end);
        let mut s = lo;
        while s < hi {
            let e = (s + MAX_SENTENCE_ITEMS).min(hi);
            windows.push((n, s..e));
            s = e;
        }
    }
    for (sentence, window) in windows {
        let items: &[Item] = &all_items[window];
        let mut preds = predicates(items, lexicon);
        // "will"/"shall" make a pledge only where they carry the sentence;
        // inside a clause ("affirmed that X will ...") they are its modal.
        let mut k = 1;
        while k < preds.len() {
            if lexicon.verbs[preds[k].verb].opens_only
                && !opens_coordinate(items, &preds[k], &lexicon.grammar, genre)
                && !(k == 1 && main_after_participle(items, &preds[0], &preds[1]))
            {
                preds.remove(k);
            } else {
                k += 1;
            }
        }
        if preds.is_empty() {
            continue;
        }
        // Cut the sentence into clauses at predicates that start one.
        let mut clauses: Vec<(usize, Predicate, bool)> = Vec::new(); // (start, predicate, inherited)
        for p in preds {
            match clauses.last() {
                None => clauses.push((fronted_adjunct_end(items, &p, lexicon), p, false)),
                Some((_, prev, _)) => {
                    let words_after_prev = items[prev.end..p.start]
                        .iter()
                        .filter(|i| i.is_word)
                        .count();
                    if (starts_clause(items, &p, prev.end, &lexicon.grammar, genre)
                        || trailing_participle(items, &p, prev.end, lexicon)
                        || (clauses.len() == 1 && main_after_participle(items, prev, &p)))
                        && words_after_prev >= 3
                    {
                        let cut = clause_cut(items, prev.end, p.start, &lexicon.grammar);
                        clauses.push((cut, p, false));
                    }
                }
            }
        }
        // "affirmed that A and that B": one verb, two commitments.
        let mut expanded: Vec<(usize, Predicate, bool)> = Vec::new();
        for (n, (start, p, inh)) in clauses.iter().enumerate() {
            expanded.push((*start, p.clone(), *inh));
            let limit = clauses.get(n + 1).map_or(items.len(), |c| c.0);
            if items.get(p.end).is_some_and(|i| i.word == "that") {
                let mut k = p.end + 1;
                while k + 1 < limit {
                    if items[k].word == "and" && items[k + 1].word == "that" {
                        expanded.push((k, p.clone(), true));
                    }
                    k += 1;
                }
            }
        }
        // "Recalling its conclusions, the Council stresses …": a sentence
        // that opens with a participle of a pledge verb makes two pledges,
        // and the opening one's actor is the main clause's subject.
        let fronted = match expanded.as_slice() {
            [(0, first, false), (start, main, false), ..]
                if first.start == 0 && opens_with_participle(items) && main.agent.is_none() =>
            {
                actor_of(items, *start, main.start, lexicon)
            }
            _ => None,
        };
        for (n, (start, p, inherited)) in expanded.iter().enumerate() {
            let end = expanded.get(n + 1).map_or(items.len(), |c| c.0);
            let own_actor = if *inherited {
                None
            } else if n == 0 && fronted.is_some() {
                fronted.clone()
            } else if let Some(agent) = &p.agent {
                // A passive's agent is who pledges: "Terrorism is
                // condemned by the leaders".
                Some(capitalised(&items[agent.clone()]))
            } else if let Some(holder) = possessive_holder(&items[p.start..p.end], lexicon) {
                Some(holder)
            } else {
                actor_of(items, *start, p.start, lexicon)
            };
            let borrowed = own_actor.is_none() && last_actor.is_some();
            let own_actor_found = own_actor.clone();
            let actor = own_actor
                .or_else(|| last_actor.clone())
                .or_else(|| fallback_actor.map(str::to_string))
                .unwrap_or_default();
            last_actor = Some(actor.clone()).filter(|a| !a.is_empty());
            let verb_form = items[p.start..p.end]
                .iter()
                .map(|i| i.w())
                .collect::<Vec<_>>()
                .join(" ");
            let clause = &items[*start..end];
            // A clause cut from its sentence ("and reconfirmed that ...",
            // "and that a cyber attack ...") reads on its own only with the
            // subject (and, for "that"-clauses, the verb) it shares.
            let lead = if *inherited {
                let written: Vec<&str> = items[p.start..p.end].iter().map(|i| i.text).collect();
                Some(format!("{actor} {}", written.join(" ")))
            } else if borrowed {
                Some(actor.clone())
            } else {
                None
            };
            let mut pledge = build(
                statement, para, clause, p, *start, actor, verb_form, lexicon,
            );
            pledge.origin.source = if *inherited {
                super::Source::SharedVerb
            } else if n == 0 && fronted.is_some() {
                super::Source::FrontedParticiple
            } else if borrowed {
                super::Source::BorrowedActor
            } else if own_actor_found.is_none() && !pledge.actor.is_empty() {
                super::Source::Speaker
            } else {
                super::Source::Own
            };
            // The text stays a span of the statement as written: a shared
            // subject or verb is the pledge's actor and verb, never glued
            // onto the quote. Comparisons read the clause with it.
            let read = match lead.filter(|l| !l.is_empty()) {
                Some(lead) => format!("{lead} {}", pledge.text),
                None => pledge.text.clone(),
            };
            pledge.folded = crate::normalize::canonical(&read).to_lowercase();
            pledge.sentence = sentence;
            out.push(pledge);
            last_verb = Some(p.verb);
        }
    }
    last_verb
}

/// Does the booster at `s..e` modify the pledge's predicate? An adverb
/// ("strongly", "without delay") does wherever it stands in the clause. An
/// adjective ("serious", "indispensable") does only inside the verb form
/// ("expressed serious concern") or in the head of its object, the few
/// words after the verb before any preposition or mark ("their firm
/// commitment", "full support"); further on it describes something the
/// pledge is about ("peace as an indispensable element", "grave
/// humanitarian suffering").
fn modifies_predicate(
    items: &[Item],
    s: usize,
    e: usize,
    verb: Option<std::ops::Range<usize>>,
    lexicon: &Lexicon,
) -> bool {
    let word = items[s].w();
    let adjective =
        e == s + 1 && !word.ends_with("ly") && !lexicon.negations.iter().any(|n| n == &[word]);
    let Some(verb) = verb else { return true };
    if !adjective || verb.contains(&s) {
        return true;
    }
    // "respond in full", "repay the debt in full": an adjective after
    // "in" that closes the phrase is an adverb of the verb.
    // Not in a clause of its own ("so that the system can operate in
    // full"): no modal or "that" stands between.
    let adverbial = s > verb.end
        && items[s - 1].w() == "in"
        && items[verb.end..s]
            .iter()
            .all(|i| i.is_word && i.flags & flag::MODAL == 0 && i.w() != "that")
        && items
            .get(s + 1)
            .is_none_or(|n| !n.is_word || lexicon.prepositions.contains(n.w()));
    adverbial
        || s >= verb.end
            && s < verb.end + STANCE_WINDOW
            && items[verb.end..s]
                .iter()
                .all(|i| i.is_word && !lexicon.prepositions.contains(i.w()))
}

/// Most words between a restating verb and the noun of the stance it
/// restates ("reaffirmed the United States' unwavering commitment").
const STANCE_WINDOW: usize = 5;

/// The stance that a restating verb ending at `at` restates: the first
/// stance noun among the next few words of its object, or, for a
/// that-clause, the undertaking its modal makes ("confirmed that they will
/// work together"). Returns the word's index and the verb it stands for.
fn restated_stance(
    items: &[Item],
    at: usize,
    lexicon: &Lexicon,
    genre: Option<&Genre>,
) -> Option<(usize, usize)> {
    let first = items.get(at)?;
    if first.is_word && first.w() == "that" {
        // The that-clause's own modal, if it makes an undertaking and the
        // clause's subject, from "that" to the modal, is the speakers
        // themselves: a self-reference ("they", "both sides") or several
        // parties named together ("Japan and the United States"), not
        // one of them ("affirm that Japan will").
        let modal_at = items[at + 1..]
            .iter()
            .position(|i| !i.is_word || i.flags & flag::MODAL != 0)
            .map(|k| at + 1 + k)
            .filter(|&k| items[k].is_word)?;
        let subject = &items[at + 1..modal_at];
        let own = !subject.is_empty()
            && subject.len() <= 8
            && subject.iter().all(|i| {
                lexicon.self_references.contains(i.w())
                    || names_speaker(i.w(), genre)
                    || i.text.starts_with(|c: char| c.is_uppercase())
                    || matches!(i.w(), "and" | "the")
            })
            && subject.iter().any(|i| {
                i.w() == "and"
                    || lexicon.self_references.contains(i.w())
                    || names_speaker(i.w(), genre)
            });
        // Whatever the modal, the clause is the undertaking; the modal's
        // own force ("that they should") then weighs it, so "will" ->
        // "should" reads as the modal changed, not the verb too.
        let modal = items[modal_at].w();
        if !lexicon.modals.contains_key(modal) {
            return None;
        }
        let verb = lexicon
            .verb_index
            .get(modal)?
            .iter()
            .map(|&f| &lexicon.verb_forms[f])
            .find(|(form, _)| form.len() == 1)?
            .1;
        return own.then_some((modal_at, verb));
    }
    // A short aside set off by commas right after the verb ("We
    // reaffirm, too, our support", "reiterated, once again, their
    // commitment") stands outside the object.
    let at = parenthetical_end(items, at).unwrap_or(at);
    items[at..]
        .iter()
        .enumerate()
        // A possessive's apostrophe stands apart: "the United States’
        // commitment".
        .filter(|(_, i)| !matches!(&*i.word, "'" | "\u{2019}"))
        .take_while(|(_, i)| i.is_word && !matches!(i.w(), "that" | "to"))
        .take(STANCE_WINDOW)
        .find_map(|(k, i)| lexicon.stances.get(i.w()).map(|&v| (at + k, v)))
}

/// Most words in an aside set off by commas ("once again").
const ASIDE_WORDS: usize = 3;

/// When `at` opens an aside between commas (", too,"), the index just
/// after its closing comma.
fn parenthetical_end(items: &[Item], at: usize) -> Option<usize> {
    if items.get(at)?.word != "," {
        return None;
    }
    let close = items[at + 1..]
        .iter()
        .take(ASIDE_WORDS + 1)
        .position(|i| !i.is_word)
        .map(|k| at + 1 + k)?;
    (close > at + 1 && items[close].word == ",").then_some(close + 1)
}

/// Where the previous clause ends: at the coordinator (or comma) that
/// introduces the next one.
fn clause_cut(items: &[Item], from: usize, pred: usize, g: &Grammar) -> usize {
    (from..pred)
        .rev()
        .find(|&k| g.coordinators.contains(items[k].w()) || items[k].word == ",")
        .map_or(pred, |k| if items[k].word == "," { k + 1 } else { k })
}

#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
fn build(
    statement: &Statement,
    para: usize,
    items: &[Item],
    p: &Predicate,
    offset: usize,
    actor: String,
    verb_form: String,
    lexicon: &Lexicon,
) -> Pledge {
    let seg = &statement.segments[para];
    // Clause text as written, trimmed of a leading coordinator and commas.
    let mut first = 0;
    while first < items.len()
        && (lexicon.grammar.coordinators.contains(items[first].w()) || !items[first].is_word)
    {
        first += 1;
    }
    let last = items.len();
    let (t0, t1) = (
        items.get(first).map_or(0, |i| i.token),
        items.get(last - 1).map_or(0, |i| i.token + 1),
    );
    let text: String = seg.tokens[t0..t1.max(t0)]
        .iter()
        .map(|t| t.text(&seg.text))
        .collect::<String>()
        .trim_end_matches([',', ';', ':', ' ', '\u{2014}', '\u{2013}'])
        .to_string();

    let mut verb = &lexicon.verbs[p.verb];
    let mut verb_form = verb_form;
    let mut used = vec![false; items.len()];
    // An inherited clause ("... and that B") borrows a verb standing before it.
    if p.start >= offset {
        for u in used.iter_mut().take(p.end - offset).skip(p.start - offset) {
            *u = true;
        }
    }
    let mut mark = |s: usize, e: usize| {
        for u in used.iter_mut().take(e).skip(s) {
            *u = true;
        }
    };
    // A verb that restates takes the stance its object names: "reaffirmed
    // their commitment" commits, "reiterated the importance" recognizes.
    let genre = genre_of(statement, lexicon);
    let mut origin = super::Origin {
        matched: p.verb,
        genre: genre.map(|g| g.id),
        ..Default::default()
    };
    if verb.restates && p.start >= offset {
        if let Some((k, v)) = restated_stance(items, p.end - offset, lexicon, genre) {
            mark(k, k + 1);
            origin.stance = lexicon.stances.get_key_value(items[k].w()).map(|(w, _)| *w);
            verb = &lexicon.verbs[v];
            verb_form = format!("{verb_form} \u{2026} {}", items[k].w());
        }
    }
    // The verb's place in the clause, when it stands there (an inherited
    // clause borrows one from before it).
    let verb_at = p.start.checked_sub(offset);
    let clause_verb = verb_at.map(|v| v..p.end - offset);
    // A modal of a relative clause ("if risks emerge that could impede")
    // is not the pledge's. Nor is one before the verb that a mark cuts
    // off from it, in a fronted phrase ("Sharing the view that governance
    // must change, the President reiterated").
    let own_modal = |k: usize| match &clause_verb {
        Some(v) if k < v.start => items[k + 1..v.start].iter().all(|i| i.is_word),
        // After the verb, a modal with a relative pronoun before it and no
        // mark between is the relative clause's: "launching a scheme under
        // which young people may work" allows; it does not hedge.
        Some(v) if k >= v.end => !items[v.end..k]
            .iter()
            .rev()
            .take_while(|i| i.is_word)
            .any(|i| lexicon.grammar.relative_pronouns.contains(i.w())),
        // A modal inside a verb form of several words ("can expect") is
        // the verb's own; a modal that is the verb ("We will") is both.
        Some(v) => !(v.contains(&k) && v.len() > 1),
        _ => true,
    };
    let modal = items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.flags & flag::MODAL != 0)
        .filter(|&(k, _)| !modal_of_a_clause(items, k, &lexicon.grammar) && own_modal(k))
        .find_map(|(k, i)| {
            lexicon
                .modals
                .get(i.w())
                .map(|&f| (k, i.w().to_string(), f))
        });
    // Every modal is the pledge's force or another clause's, never its
    // content: a second "will" in a sentence split in two is no rewording.
    for (k, i) in items.iter().enumerate() {
        if i.flags & flag::MODAL != 0 && lexicon.modals.contains_key(i.w()) {
            mark(k, k + 1);
        }
    }
    let mut boosters = Vec::new();
    let relative = relative_spans(items, &lexicon.grammar);
    let in_relative = |s: usize| relative.iter().any(|r| r.contains(&s));
    for (s, e, t) in find_all(
        items,
        &lexicon.boosters,
        &lexicon.booster_index,
        flag::BOOSTER,
        &|_| false,
        &lexicon.grammar,
    ) {
        // An adverb before a participle describes the thing, not the
        // pledge ("the rapidly evolving environment", "seriously
        // undermining stability"), unless the participle is the verb
        // itself ("Strongly supporting …").
        let describes = e == s + 1
            && items[s].w().ends_with("ly")
            && Some(e) != verb_at
            && items
                .get(e)
                .is_some_and(|n| n.is_word && n.w().ends_with("ing"));
        // "people who have contributed substantially": a booster in a
        // relative clause describes someone; it does not boost the pledge.
        if describes
            || in_relative(s)
            || !modifies_predicate(items, s, e, clause_verb.clone(), lexicon)
        {
            continue;
        }
        mark(s, e);
        boosters.push(t);
    }
    let mut hedges = Vec::new();
    // Adverbs may stand inside a hedge: "where technically and
    // economically feasible" is "where feasible".
    let adverb = |w: &str| w == "and" || w.len() > 4 && w.ends_with("ly");
    let mut hedged_words: Vec<&str> = Vec::new();
    let mut hedge_spans: Vec<std::ops::Range<usize>> = Vec::new();
    for (s, e, t) in find_all(
        items,
        &lexicon.hedges,
        &lexicon.hedge_index,
        flag::HEDGE,
        &adverb,
        &lexicon.grammar,
    ) {
        // "In considering the timing, the Committee will assess": a gerund
        // after a preposition names what the clause is about; it does not
        // hedge the pledge.
        let gerund = items[s].w().ends_with("ing")
            && s > 0
            && lexicon
                .grammar
                .gerund_prepositions
                .contains(items[s - 1].w());
        if gerund || in_relative(s) {
            continue;
        }
        // A condition's complement, up to the next mark, is part of it:
        // "subject to the availability of resources" going is the hedge
        // removed, not resources dropped from the scope.
        let e = if lexicon.grammar.conditions.contains(t.as_str()) {
            (e..items.len())
                .find(|&k| !items[k].is_word)
                .unwrap_or(items.len())
        } else {
            e
        };
        mark(s, e);
        hedged_words.extend(items[s..e].iter().map(|i| i.w()));
        hedge_spans.push(s..e);
        hedges.push(t);
    }
    // A clause of permission the list does not spell out ("where national
    // circumstances allow", "as resources permit").
    for std::ops::Range { start: s, end: e } in permissions(items, &lexicon.grammar) {
        if hedge_spans.iter().any(|h| h.start < e && s < h.end) || in_relative(s) {
            continue;
        }
        mark(s, e);
        hedged_words.extend(items[s..e].iter().map(|i| i.w()));
        hedges.push(
            items[s..e]
                .iter()
                .map(|i| i.w())
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    let mut negated = false;
    for (s, e, _) in find_all(
        items,
        &lexicon.negations,
        &lexicon.negation_index,
        flag::NEGATION,
        &|_| false,
        &lexicon.grammar,
    ) {
        // "urged States to refrain from …" is what the call asks, not a
        // call withdrawn; "will refrain from …" negates the pledge itself.
        let asked = lexicon.grammar.asked_negations.contains(items[s].w())
            && s > 0
            && items[s - 1].w() == "to";
        // "not only … but also", "not least": emphasis, no negation.
        let emphasis = items
            .get(e)
            .is_some_and(|n| lexicon.grammar.emphasis_after_negation.contains(n.w()));
        if asked || emphasis {
            continue;
        }
        mark(s, e);
        negated = true;
    }
    let numbers = numbers(items, &lexicon.grammar, &lexicon.quantities);
    // A hedge or booster set off by commas is not a list item.
    let feature_phrases: Vec<String> = boosters.iter().chain(hedges.iter()).cloned().collect();
    let verb_span = match verb_at {
        Some(v) => v..p.end - offset,
        None => 0..0,
    };
    let lists: Vec<Vec<String>> = lists(items, verb_span, lexicon)
        .into_iter()
        .map(|l| {
            l.into_iter()
                // A hedge or booster ending an item is the pledge's, not
                // the item's: "and exercises where appropriate" lists
                // "exercises".
                .map(|x| {
                    let mut x = x;
                    for f in &feature_phrases {
                        if let Some(rest) = x.strip_suffix(f.as_str()) {
                            x = rest.trim_end().to_string();
                        }
                    }
                    x
                })
                .filter(|x| {
                    !x.is_empty()
                        && !feature_phrases.contains(x)
                        && !x.split(' ').all(|w| hedged_words.contains(&w))
                })
                .collect::<Vec<_>>()
        })
        .filter(|l| l.len() >= 2)
        .collect();
    let words: Vec<&str> = items.iter().map(|i| i.w()).collect();
    let flags: Vec<WordFlags> = items.iter().map(|i| i.flags).collect();
    let topics = topics_flagged(&words, &flags, lexicon);
    // Terms come from the paragraph's segment (computed once), restricted
    // to the clause's tokens; content drops the words a feature explains.
    // "We respect X and are committed to Y": the pledge says Y; X is
    // another predicate of the same subject, shown in the text but not
    // compared as the pledge's content.
    let own_from = verb_at
        .and_then(|v| second_predicate(items, first, v, lexicon))
        .map_or(0, |k| k + 1);
    let (first_token, end_token) = (
        items.get(own_from).map_or(0, |i| i.token as u32),
        items.last().map_or(0, |i| i.token as u32 + 1),
    );
    let used_tokens: Vec<u32> = items
        .iter()
        .zip(&used)
        .filter(|(i, u)| **u || i.word.chars().any(|c| c.is_ascii_digit()))
        .map(|(i, _)| i.token as u32)
        .collect();
    let mut terms: Vec<crate::segment::Term> = Vec::new();
    let mut content: Vec<crate::segment::TermWord> = Vec::new();
    for ((t, w), &at) in seg.terms.iter().zip(&seg.term_words).zip(&seg.term_tokens) {
        if at < first_token || at >= end_token {
            continue;
        }
        terms.push(t.clone());
        if used_tokens.binary_search(&at).is_err() {
            content.push((t.clone(), w.clone()));
        }
    }
    terms.sort_unstable();
    boosters.sort_unstable();
    boosters.dedup();
    hedges.sort_unstable();
    hedges.dedup();
    let modal_force = modal.as_ref().map_or(3, |m| m.2);
    let mut pledge = Pledge {
        paragraph: para,
        // Set by the caller, which knows the sentence.
        sentence: 0,
        // Set by the caller once the text is final (it may get a lead).
        folded: String::new(),
        text,
        actor,
        verb: verb.lemma.to_string(),
        verb_form,
        family: verb.family,
        force: verb.force,
        modal: modal.map(|m| m.1),
        modal_force,
        boosters,
        hedges,
        negated,
        lists,
        numbers,
        topics,
        terms,
        content,
        strength: 0,
        origin,
    };
    pledge.strength = super::strength::strength(&pledge, lexicon);
    pledge
}

/// The quantities of a clause, built from its tokens: numbers with the
/// word that follows them ("2.5 percent", "12 months"), and the word before
/// them when it makes a smaller number the stronger pledge: "every" or
/// "within" before a quantity with a unit ("every 3 years", "within 30
/// days"), "by" or "before" before a year (a deadline: "by 2030"; "by 50
/// percent" is a plain quantity).
fn numbers(items: &[Item], g: &Grammar, q: &Quantities) -> Vec<Quantity> {
    let mut out = Vec::new();
    let slash = |j: usize| items.get(j).is_some_and(|i| i.word == "/");
    let time_unit = |j: usize| items.get(j).and_then(|n| q.time_unit(n.w()));
    let mut k = 0;
    while k < items.len() {
        let i = &items[k];
        // Most words open no quantity: with neither the flag nor a digit
        // (or "mid-") to start a numeral, none of the tables below has it.
        if i.flags & flag::QUANTITY == 0
            && !i.word.starts_with(|c: char| c.is_ascii_digit())
            && !i.word.starts_with("mid-")
        {
            k += 1;
            continue;
        }
        if i.is_word {
            // "annually", "biennially": an interval in one word.
            if let Some((n, unit)) = q.frequency(i.w()) {
                out.push(Quantity::new(
                    i.w(),
                    Some(n),
                    Unit::Time(unit),
                    Kind::Interval,
                ));
                k += 1;
                continue;
            }
            if let Some(m) = q.multiple(i.w()) {
                out.push(Quantity::new(i.w(), Some(m), Unit::Number, Kind::Multiple));
                k += 1;
                continue;
            }
        }
        // "twice a year", "four times per month": a rate, an interval of
        // one unit over the count.
        let number_word = q.number_word(i.w());
        let (count, count_words) = match q.rate_count(i.w()) {
            Some(c) => (Some(c), 1),
            None if items.get(k + 1).is_some_and(|n| q.is_rate_times(n.w())) => (
                number_word.or_else(|| {
                    i.w()
                        .chars()
                        .all(|c| c.is_ascii_digit())
                        .then(|| i.w().parse().ok())
                        .flatten()
                }),
                2,
            ),
            None => (None, 0),
        };
        if let Some(count) = count.filter(|&c| c > 0.0) {
            if let (true, Some(unit)) = (
                items
                    .get(k + count_words)
                    .is_some_and(|n| q.is_rate_per(n.w())),
                time_unit(k + count_words + 1),
            ) {
                let words: Vec<&str> = items[k..=k + count_words + 1]
                    .iter()
                    .map(|i| i.w())
                    .collect();
                out.push(Quantity::new(
                    words.join(" "),
                    Some(1.0 / count),
                    Unit::Time(unit),
                    Kind::Interval,
                ));
                k += count_words + 2;
                continue;
            }
        }
        // "every year", "every month": an interval of one, after a lead
        // that makes intervals.
        if let Some(unit) = time_unit(k + 1).filter(|_| q.lead_kind(i.w()) == Some(Kind::Interval))
        {
            if !items[k + 1].w().ends_with('s') {
                out.push(Quantity::new(
                    format!("every {}", items[k + 1].w()),
                    Some(1.0),
                    Unit::Time(unit),
                    Kind::Interval,
                ));
                k += 2;
                continue;
            }
        }
        let number_word = number_word.filter(|_| i.is_word && time_unit(k + 1).is_some());
        // "by mid-2025": the middle of a year.
        let mid_year = i
            .w()
            .strip_prefix("mid-")
            .and_then(year_of)
            .filter(|_| i.is_word);
        if !(number_word.is_some()
            || mid_year.is_some()
            || i.is_word && i.word.chars().next().is_some_and(|c| c.is_ascii_digit()))
        {
            k += 1;
            continue;
        }
        // Parts joined by slashes: a fraction ("1/2", "5-1/4") is a
        // quantity; anything else ("resolution 77/248", "A/78/67") is a
        // document symbol, a name.
        let mut last = k;
        while slash(last + 1) && items.get(last + 2).is_some_and(|n| n.is_word) {
            last += 2;
        }
        let after_slash = k >= 2 && slash(k - 1);
        // A fraction's part is proper: "3/4", "5-1/4", never "61/7" (a
        // document's symbol, whose second part is smaller).
        let (whole, numerator) = match i.word.rsplit_once('-') {
            Some((w, n)) => (w.parse::<u32>().ok(), n.parse::<u32>().ok()),
            None => (Some(0), i.word.parse::<u32>().ok()),
        };
        let denominator = items[last].word.parse::<u32>().ok();
        let fraction = last == k + 2
            && items[last].word.len() == 1
            && items[last].word.chars().all(|c| c.is_ascii_digit())
            && i.word.chars().all(|c| c.is_ascii_digit() || c == '-')
            && numerator.zip(denominator).is_some_and(|(n, d)| n < d);
        if after_slash || (last > k && !fraction) || names_a_document(items, k, g) {
            k = last + 1;
            continue;
        }
        // The day of a date ("30 December", "December 30"): the date's
        // year counts, as a date, the day does not.
        let month = |j: Option<usize>| {
            j.and_then(|j| items.get(j))
                .is_some_and(|n| q.is_month(n.w()))
        };
        if last == k && i.word.len() <= 2 && (month(k.checked_sub(1)) || month(Some(k + 1))) {
            k += 1;
            continue;
        }
        // "40 to 45 percent", "between 40 and 45 percent": a range is one
        // quantity. Two years ("2025 to 2030") are a period, not a range.
        let plain = |w: &str| -> Option<f64> {
            w.starts_with(|c: char| c.is_ascii_digit())
                .then(|| w.parse::<f64>().ok())
                .flatten()
        };
        let range_end = (last == k
            && plain(&i.word).is_some()
            && !is_year(&i.word)
            && match items.get(k + 1).map(|n| n.w()) {
                Some("to") => true,
                Some("and") => k > 0 && items[k - 1].w() == "between",
                _ => false,
            })
        .then(|| items.get(k + 2))
        .flatten()
        .filter(|n| n.is_word && plain(&n.word).is_some());
        if range_end.is_some() {
            last = k + 2;
        }
        // The number, read from the tokens: a range as its middle, a
        // fraction as its value.
        let (value_text, mut value): (String, Option<f64>) = if let Some(end) = range_end {
            (
                format!("{} to {}", i.word, end.word),
                plain(&i.word)
                    .zip(plain(&end.word))
                    .map(|(a, b)| (a + b) / 2.0),
            )
        } else if fraction {
            (
                format!("{}/{}", i.word, items[last].word),
                whole
                    .zip(numerator)
                    .zip(denominator)
                    .map(|((w, n), d)| f64::from(w) + f64::from(n) / f64::from(d)),
            )
        } else if let Some(n) = number_word {
            (i.w().to_string(), Some(n))
        } else {
            (i.word.to_string(), numeral(&i.word))
        };
        // "within 10 working days": a word that only qualifies the unit of
        // time stands between.
        if items
            .get(last + 1)
            .is_some_and(|n| g.unit_qualifiers.contains(n.w()))
            && time_unit(last + 2).is_some()
        {
            last += 1;
        }
        // A unit of the lexicon after the number, which may be a mark
        // ("%") or a phrase ("per cent"), shown by its own word ("20 per
        // cent" is "20 percent").
        let after: Vec<&str> = items[(last + 1).min(items.len())..(last + 4).min(items.len())]
            .iter()
            .map(|i| i.w())
            .collect();
        let measure = q.unit_after(&after);
        let unit_item = items
            .get(last + 1)
            .filter(|n| n.is_word || measure.is_some());
        let unit_word = match measure {
            Some((_, shown)) => shown,
            None => unit_item.map(|n| n.w()).unwrap_or(""),
        };
        // "every 3 years", "within 30 days": an interval or a deadline,
        // where the smaller number is the stronger pledge.
        let inverse = lead_at(items, k, q);
        let time = q.time_unit(unit_word);
        let scale = q.scale(unit_word);
        let unit_ok = time.is_some() || scale.is_some() || measure.is_some();
        let text = if unit_ok {
            format!("{value_text} {unit_word}")
        } else {
            value_text.clone()
        };
        if let Some(s) = scale {
            value = value.map(|v| v * s);
        }
        // The unit, typed: a currency before the number ("USD 5 billion",
        // "$5 billion") or named after it ("62 million euros"), a unit of
        // time, a measure word, or the noun counted ("2,000 scholarships").
        let after_unit = if scale.is_some() {
            items.get(last + 2)
        } else {
            unit_item
        };
        let currency = k
            .checked_sub(1)
            .map(|j| &items[j])
            .filter(|c| is_currency(c, q))
            .and_then(|c| q.currency_code(c.text))
            .or_else(|| {
                after_unit
                    .filter(|n| n.text.starts_with(|c: char| c.is_ascii_lowercase()))
                    .and_then(|n| q.currency_code(n.w()))
            });
        let unit = match (time, currency, measure.map(|(m, _)| m)) {
            (Some(t), _, _) => Unit::Time(t),
            (_, Some(code), _) => Unit::Money(code),
            (_, _, Some(UnitKind::Percent)) => Unit::Percent,
            (_, _, Some(UnitKind::PercentagePoint)) => Unit::PercentagePoint,
            (_, _, Some(UnitKind::Count)) => Unit::Count(unit_word.to_string()),
            (_, _, Some(UnitKind::Other)) => Unit::Other(unit_word.to_string()),
            _ => after_unit
                .filter(|n| counted_noun(n, g, q))
                .map_or(Unit::Number, |n| Unit::Count(n.w().to_string())),
        };
        let year = if unit_ok {
            None
        } else {
            year_of(&value_text).or(mid_year)
        };
        // The date a year stands for: "mid-2025" is its middle.
        let year_date = |y: u16| match mid_year {
            Some(_) => Date::end_of_month(y, 6),
            None => Date::year(y),
        };
        // "by the end of 2024", "by June 2025", "before 31 December 2025":
        // a deadline too.
        let end_of = match year {
            Some(y) if inverse.is_none() => {
                let in_date = |w: &str| {
                    q.is_period_of(w)
                        || q.is_month(w)
                        || w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit())
                };
                let mut j = k;
                while j > 0 && j + 5 > k && in_date(items[j - 1].w()) {
                    j -= 1;
                }
                (j < k && items[j].w() != "of")
                    .then(|| lead_at(items, j, q))
                    .flatten()
                    // Only a deadline's lead dates one: "within the end
                    // of 2024" is no deadline.
                    .filter(|&p| q.lead_kind(p) == Some(Kind::Deadline))
                    .map(|p| {
                        let words: Vec<&str> = items[j..k].iter().map(|i| i.text).collect();
                        Quantity::dated(
                            format!("{p} {} {text}", words.join(" ")),
                            date_before(&items[j..k], y, q),
                            Kind::Deadline,
                        )
                    })
            }
            _ => None,
        };
        let quantity = end_of.unwrap_or_else(|| {
            let lead_kind = inverse.and_then(|p| q.lead_kind(p));
            // The kind of the lead decides what it makes, whatever its
            // words ("every", "within", "no later than").
            match (inverse, lead_kind, year) {
                (Some(p), Some(kind @ (Kind::Interval | Kind::Period)), _) if unit_ok => Quantity {
                    text: format!("{p} {text}"),
                    ..Quantity::new("", value, unit, kind)
                },
                // "after 24 months": a delay before acting. After a year
                // or a number of anything else, the word says too little.
                (Some(p), Some(kind @ Kind::Delay), _) if time.is_some() => Quantity {
                    text: format!("{p} {text}"),
                    ..Quantity::new("", value, unit, kind)
                },
                (Some(p), Some(kind @ Kind::Deadline), Some(y)) => {
                    Quantity::dated(format!("{p} {text}"), year_date(y), kind)
                }
                (_, _, Some(y)) => Quantity::dated(text, year_date(y), Kind::Date),
                // "at least 2 percent", "up to USD 3 billion": a floor or
                // a ceiling, which the comparison weighs with the number.
                _ => {
                    let bound = bound_at(items, k, q);
                    let spans_years =
                        unit == Unit::Number && value_text.split(['-', '\u{2013}']).all(is_year);
                    let mut q = match bound {
                        Some(b) => Quantity {
                            text: format!("{b} {text}"),
                            bound: q.bound_of(b),
                            ..Quantity::new("", value, unit, Kind::Amount)
                        },
                        None => Quantity::new(text, value, unit, Kind::Amount),
                    };
                    // "2023-2024": a span of years, a date.
                    if spans_years {
                        if let Some(y) = value_text.get(..4).and_then(year_of) {
                            q.kind = Kind::Date;
                            q.value = Some(f64::from(y));
                            q.date = Some(Date::year(y));
                        }
                    }
                    q
                }
            }
        });
        out.push(quantity);
        k = last + 1;
    }
    out
}

/// The number a token that starts with a digit stands for: "2,000",
/// "1.5", or a range in one token ("26-28") as its middle. None for a
/// token that is no number ("5G", "21st").
fn numeral(word: &str) -> Option<f64> {
    let number = |w: &str| w.replace(',', "").parse::<f64>().ok();
    number(word).or_else(|| {
        let (a, b) = word.split_once(['-', '\u{2013}'])?;
        Some((number(a)? + number(b)?) / 2.0)
    })
}

/// The date that the words before a deadline's year (`words`: "the end
/// of", "31 December", "the end of June") and the year make: the end of a
/// year or month is its last day, its middle half-way through.
fn date_before(words: &[Item], year: u16, q: &Quantities) -> Date {
    let has = |w: &str| words.iter().any(|i| i.w() == w);
    let month = words.iter().find_map(|i| q.month_number(i.w()));
    let day = words
        .iter()
        .find(|i| i.w().len() <= 2 && i.w().chars().all(|c| c.is_ascii_digit()))
        .and_then(|i| i.w().parse::<u8>().ok());
    match (month, day) {
        (Some(m), Some(d)) => Date {
            year,
            month: Some(m),
            day: Some(d),
        },
        (Some(m), None) if has("end") => Date::end_of_month(year, m),
        (Some(m), None) if has("middle") => Date {
            year,
            month: Some(m),
            day: Some(15),
        },
        (Some(m), None) => Date {
            year,
            month: Some(m),
            day: None,
        },
        (None, _) if has("end") => Date::end_of_month(year, 12),
        (None, _) if has("middle") => Date::end_of_month(year, 6),
        (None, _) => Date::year(year),
    }
}

/// Is `n`, the word after a number, the noun it counts ("2,000
/// scholarships", "5 countries")? A lower-case word, not one that only
/// ties the number to what follows ("3 of", "2030 and").
fn counted_noun(n: &Item, g: &Grammar, q: &Quantities) -> bool {
    n.is_word
        && n.text.len() >= 3
        && n.text.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && !g.not_counted.contains(n.w())
        && !q.is_month(n.w())
}

/// Is the number at `at` a name rather than a quantity: one of a run of
/// numbers (and bracketed years) right after a word of the grammar's
/// `references`?
/// "resolutions 8876 (2021), 8960 (2022) and 9041 (2023)" adds a
/// resolution, not the numbers 9041 and 2023.
fn names_a_document(items: &[Item], at: usize, g: &Grammar) -> bool {
    let in_run = |i: &Item| {
        matches!(i.w(), "(" | ")" | "," | "and" | "or")
            || i.w().starts_with(|c: char| c.is_ascii_digit())
    };
    let mut j = at;
    while j > 0 && at - j < 16 {
        j -= 1;
        if !in_run(&items[j]) {
            return g.references.contains(items[j].w());
        }
    }
    false
}

/// The quantity lead ("within", "no later than") that ends just before
/// item `at`, if any.
fn lead_at(items: &[Item], at: usize, q: &Quantities) -> Option<&'static str> {
    let before: Vec<&str> = items[at.saturating_sub(3)..at]
        .iter()
        .map(|i| i.w())
        .collect();
    q.lead_before(&before)
}

/// The bound ("at least", "up to") that ends just before item `at`, or
/// before the currency in front of it ("at least USD 5 billion", "up to
/// $3 billion").
fn bound_at(items: &[Item], at: usize, q: &Quantities) -> Option<&'static str> {
    let at = match at.checked_sub(1).map(|j| &items[j]) {
        Some(c) if is_currency(c, q) => at - 1,
        _ => at,
    };
    let before: Vec<&str> = items[at.saturating_sub(3)..at]
        .iter()
        .map(|i| i.w())
        .collect();
    q.bound_before(&before)
}

/// A currency before an amount: a sign of the lexicon ("$", "€") or a
/// three-letter code ("USD", "EUR").
fn is_currency(i: &Item, q: &Quantities) -> bool {
    q.is_currency_sign(i.text)
        || i.text.len() == 3 && i.text.chars().all(|c| c.is_ascii_uppercase())
}

/// Coordinated lists of short items: "space, cyberspace, and the
/// electromagnetic spectrum" -> [space, cyberspace, electromagnetic spectrum].
/// The first item is only the tail of the words before the first comma,
/// since the list's head usually sits at the end of a longer phrase.
///
/// The pledge's verb (`verb`, positions in `items`) ends whatever came
/// before it: "highlighted space, cyberspace and …" lists "space".
///
/// Only the pledge's object is its scope: a list before the verb names who
/// speaks ("We, the governments of A, B and C, recognize"), and a list
/// after a word that introduces examples ("including", "such as"; the
/// lexicon's `example_markers`) illustrates rather than bounds it, so a
/// longer list of examples is no wider scope.
fn lists(items: &[Item], verb: std::ops::Range<usize>, lexicon: &Lexicon) -> Vec<Vec<String>> {
    let g = &lexicon.grammar;
    let mut out = Vec::new();
    let mut examples = false;
    let marker_ends_at = |k: usize| {
        lexicon.example_markers.iter().any(|m| {
            k + 1 >= m.len()
                && items[k + 1 - m.len()..=k]
                    .iter()
                    .zip(m)
                    .all(|(i, w)| i.w() == *w)
        })
    };
    let mut current: Vec<String> = Vec::new();
    let mut piece: Vec<&str> = Vec::new();
    let mut has_and = false;
    let close = |current: &mut Vec<String>, has_and: &mut bool, out: &mut Vec<Vec<String>>| {
        if current.len() >= 2 && *has_and {
            out.push(std::mem::take(current));
        }
        current.clear();
        *has_and = false;
    };
    let item = |piece: &[&str], first: bool| -> Option<String> {
        let words = strip_determiners(piece, g);
        // "79" of "79/501", "2023": numbers and symbols are no scope.
        if !words.iter().any(|w| w.chars().any(char::is_alphabetic)) {
            return None;
        }
        if first {
            // The words before a list's first comma end with its first
            // item, often after the word that opens the list ("covering
            // exploration, processing and refining").
            let tail = &words[words.len().saturating_sub(2)..];
            let tail = match tail {
                [opener, _] if g.list_openers.contains(opener) => &tail[1..],
                _ => tail,
            };
            Some(tail.join(" "))
        } else if words.len() <= 4 {
            Some(words.join(" "))
        } else {
            None
        }
    };
    for (k, i) in items.iter().enumerate() {
        if verb.contains(&k) || k < verb.start {
            piece.clear();
            current.clear();
            has_and = false;
            continue;
        }
        if i.is_word && lexicon.example_marker_ends.contains(i.w()) && marker_ends_at(k) {
            // A list of examples runs to the next mark other than a comma.
            examples = true;
        } else if !i.is_word && i.word != "," {
            examples = false;
        }
        if examples {
            piece.clear();
            current.clear();
            has_and = false;
            continue;
        }
        let sep = i.word == "," || i.word == "and" || i.word == "or";
        if sep {
            if !piece.is_empty() {
                match item(&piece, current.is_empty()) {
                    Some(it) => current.push(it),
                    None => {
                        // Too long to be an item: the list ends, and the
                        // piece's tail may start the next one.
                        close(&mut current, &mut has_and, &mut out);
                        if let Some(it) = item(&piece, true) {
                            current.push(it);
                        }
                    }
                }
                piece.clear();
            }
            if i.word != "," {
                has_and = true;
            }
        } else if i.is_word {
            piece.push(i.w());
        } else if i.word == ":" {
            // "Transport and housing: the city will …": words before a colon
            // label what follows; they are no list of its scope.
            piece.clear();
            current.clear();
            has_and = false;
        } else {
            if !current.is_empty() {
                if let Some(it) = item(&piece, false) {
                    current.push(it);
                }
            }
            piece.clear();
            close(&mut current, &mut has_and, &mut out);
        }
    }
    if !current.is_empty() {
        let it = item(&piece, false).or_else(|| {
            // A long last piece: its head is the item ("and Asia to ...").
            let words = strip_determiners(&piece, g);
            let mut head = &words[..words.len().min(2)];
            // "stability in the Taiwan Strait": the head without the
            // preposition that starts its complement.
            if let [word, opener] = head {
                if g.list_openers.contains(opener) {
                    head = std::slice::from_ref(word);
                }
            }
            (!head.is_empty()).then(|| head.join(" "))
        });
        if let Some(it) = it {
            current.push(it);
        }
    }
    close(&mut current, &mut has_and, &mut out);
    out
}

fn strip_determiners<'a>(words: &[&'a str], g: &Grammar) -> Vec<&'a str> {
    let mut w: Vec<&str> = words.to_vec();
    while w.first().is_some_and(|x| g.item_lead_words.contains(x)) {
        w.remove(0);
    }
    w
}

/// Topic ids whose patterns occur in `words`. Patterns match whole words;
/// a one-word pattern of at least [`TOPIC_PREFIX_MIN`] bytes also matches
/// words it begins ("cyber" → "cyberspace"), and a short final word takes a
/// plural or possessive ("rok's").
pub fn topics(words: &[&str], lexicon: &Lexicon) -> Vec<String> {
    let flags: Vec<WordFlags> = words.iter().map(|w| lexicon.word_flags(w)).collect();
    topics_flagged(words, &flags, lexicon)
}

/// [`topics`], given each word's [`Lexicon::word_flags`].
fn topics_flagged(words: &[&str], flags: &[WordFlags], lexicon: &Lexicon) -> Vec<String> {
    let mut hit = vec![false; lexicon.topics.len()];
    let last_matches = |w: &str, pat: &str| {
        if pat.len() >= TOPIC_PREFIX_MIN {
            w.starts_with(pat)
        } else {
            w == pat || w.strip_prefix(pat).is_some_and(|r| r == "s" || r == "'s")
        }
    };
    // A match counts unless it lies inside one of its topic's exceptions
    // ("space" in "space heating").
    let excepted = |t: usize, s: usize, n: usize| {
        lexicon.topics[t].except.iter().any(|e| {
            (0..e.len()).any(|j| {
                s >= j
                    && s - j + e.len() <= words.len()
                    && s + n <= s - j + e.len()
                    && e.iter().enumerate().all(|(k, x)| {
                        let w = words[s - j + k];
                        w == *x || w.strip_prefix(*x).is_some_and(|r| r == "s" || r == "'s")
                    })
            })
        })
    };
    let mut found = |t: usize, s: usize, n: usize| {
        if !hit[t] && !excepted(t, s, n) {
            hit[t] = true;
        }
    };
    for (s, (w, &f)) in words.iter().zip(flags).enumerate() {
        if f & (flag::TOPIC | flag::TOPIC_STEM | flag::TOPIC_HEAD) == 0 {
            continue;
        }
        // Most words start no topic pattern: their head's flag settles it
        // before trying every prefix length.
        let head_known = f & flag::TOPIC_HEAD != 0;
        for &len in lexicon.topic_prefix_lengths.iter().filter(|_| head_known) {
            if len > w.len() {
                break;
            }
            if let Some(ts) = w.get(..len).and_then(|p| lexicon.topic_prefixes.get(p)) {
                for &t in ts {
                    found(t, s, 1);
                }
            }
        }
        let key = crate::lexicon::without_possessive(w);
        let firsts = [(*w, flag::TOPIC), (key, flag::TOPIC_STEM)];
        for first in firsts.iter().filter(|(_, b)| f & b != 0).map(|(x, _)| *x) {
            if let Some(cands) = lexicon.topic_by_first.get(first) {
                for &(t, pi) in cands {
                    let p = &lexicon.topics[t].patterns[pi];
                    let n = p.len();
                    let ok = s + n <= words.len()
                        && (1..n.saturating_sub(1)).all(|k| words[s + k] == p[k])
                        && if n == 1 {
                            last_matches(w, p[0])
                        } else {
                            last_matches(words[s + n - 1], p[n - 1])
                        };
                    if ok {
                        found(t, s, n);
                    }
                }
            }
        }
    }
    // A pattern of several words also matches its content words in any
    // order close together: "nuclear and conventional" for "conventional
    // and nuclear", "capabilities, including nuclear" for "nuclear
    // capabilities". Each word's places are looked up once.
    if hit.iter().any(|h| !h) {
        let mut places: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
        for (k, w) in words.iter().enumerate() {
            let singular = w.strip_suffix('s');
            for form in [Some(crate::lexicon::without_possessive(w)), singular]
                .into_iter()
                .flatten()
            {
                // Only words of some phrase pattern can help.
                if lexicon.topic_phrase_words.contains(form) {
                    places.entry(form).or_default().push(k);
                }
            }
        }
        // Only patterns whose first content word the clause has; keys in
        // sorted order, so that the work done does not depend on hashing.
        let mut keys: Vec<&str> = places.keys().copied().collect();
        keys.sort_unstable();
        for key in keys {
            for &(t, pi) in lexicon.topic_phrases_by_word.get(key).into_iter().flatten() {
                if !hit[t] {
                    hit[t] = near_in_any_order(&places, &lexicon.topics[t].patterns[pi], lexicon);
                }
            }
        }
    }
    lexicon
        .topics
        .iter()
        .zip(hit)
        .filter(|(_, h)| *h)
        .map(|(t, _)| t.id.to_string())
        .collect()
}

/// Words a pattern's words may stand apart by, beyond the pattern's own
/// length, and still read as the pattern.
const TOPIC_WINDOW: usize = 3;

/// Do the content words of `pattern` (its stop words left out) all occur
/// among `places` (each word's positions in the clause, singular and
/// plural alike), in any order, within a span of the pattern's length plus
/// [`TOPIC_WINDOW`]?
fn near_in_any_order(
    places: &rustc_hash::FxHashMap<&str, Vec<usize>>,
    pattern: &[crate::lexicon::Word],
    lexicon: &Lexicon,
) -> bool {
    let mut content = pattern
        .iter()
        .copied()
        .filter(|w| !lexicon.stopwords.contains(w));
    let Some(first) = content.next() else {
        return false;
    };
    let Some(firsts) = places.get(first) else {
        return false;
    };
    let rest: Vec<&Vec<usize>> = match content.map(|w| places.get(w)).collect::<Option<Vec<_>>>() {
        Some(r) if !r.is_empty() => r,
        _ => return false,
    };
    let span = pattern.len() + TOPIC_WINDOW;
    firsts.iter().any(|&p| {
        rest.iter()
            .all(|ks| ks.iter().any(|&k| k.abs_diff(p) < span))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pledges(text: &str) -> Vec<Pledge> {
        extract(
            &crate::segment::statement_from_text(text),
            &Lexicon::builtin(),
        )
    }

    /// Why the first pledge of `new` differs from the first of `old`.
    fn reasons(old: &str, new: &str) -> Vec<crate::pledge::Reason> {
        let one = |t: &str| pledges(t).remove(0);
        crate::pledge::classify::compare(&one(old), &one(new), &Lexicon::builtin()).reasons
    }

    /// Is there a reason with this text, pointing this way?
    fn has(reasons: &[crate::pledge::Reason], text: &str, step: i32) -> bool {
        reasons
            .iter()
            .any(|r| r.text == text && r.step.signum() == step)
    }

    const RESOLUTION: &str = "1. Urges Member States:\n\n\
        (a) to strengthen the retention of health workers;\n\n\
        (b) to consider investing in training, where appropriate;\n\n\
        2. Requests the Director-General to report on progress.\n\n\
        3. Notes with appreciation the work of the secretariat.";

    #[test]
    fn list_items_inherit_the_verb_of_their_lead_in() {
        let p = pledges(RESOLUTION);
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        // The item as written; the lead it completes is read with it, and
        // is no pledge of its own beside its items.
        assert_eq!(texts[0], "to strengthen the retention of health workers");
        assert!(p[0].folded.starts_with("urges member states to strengthen"));
        assert_eq!(p[0].verb_form, "urges");
        assert_eq!(p[0].paragraph, 1);
        // The item's own hedges count, and weaken it against its sibling.
        assert_eq!(p[1].hedges, ["consider", "where appropriate"]);
        assert!(p[1].strength < p[0].strength);
    }

    #[test]
    fn a_sibling_numbered_like_the_lead_in_ends_its_list() {
        // "2." and "3." are numbered like "1.", so they are not its items;
        // "3." has a pledge of its own, not the lead's "urges".
        let p = pledges(RESOLUTION);
        assert_eq!(p.len(), 4, "{p:#?}");
        assert_eq!(p[2].verb_form, "requests");
        assert_eq!(p[3].paragraph, 4);
        assert_ne!(p[3].verb, p[0].verb);
    }

    #[test]
    fn an_item_opening_with_a_bare_verb_completes_the_lead() {
        // Regression: "support" made the item a pledge of its own, with no
        // actor, and ended the list, so the next item had no pledge.
        let p = pledges(
            "To respond to the crisis, we commit to:\n\n- mobilize new funds;\n\n\
             - support smallholder farmers in adapting;\n\n\
             - strengthen early warning systems.",
        );
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(p.len(), 3, "{texts:?}");
        assert_eq!(texts[1], "support smallholder farmers in adapting");
        assert_eq!(p[1].actor.to_lowercase(), "we");
        assert!(p.iter().all(|item| item.verb_form == "commit"));
        assert_eq!(p[2].paragraph, 3);
    }

    #[test]
    fn a_paragraph_without_a_colon_leads_no_list() {
        let p = pledges(
            "The Ministers affirmed their commitment to the Alliance.\n\n\
             - a bulleted line on the summit venue;",
        );
        assert_eq!(p.len(), 1);
    }

    #[test]
    fn bullets_in_lower_case_continue_a_we_will_lead() {
        let p = pledges(
            "To that end, we will:\n\n- expand grid links;\n\n- explore joint procurement.",
        );
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["expand grid links", "explore joint procurement."]);
        assert_eq!(p[1].hedges, ["explore"]);
    }

    #[test]
    fn an_adverb_before_the_verb_is_not_the_actor() {
        // Regression: "Strongly" was taken for the subject and lent to the
        // next clause, which then read "Strongly stresses ...".
        let p = pledges(
            "The Security Council,\n\n\
             5. Strongly condemns all attacks against peacekeepers, and stresses \
             that such attacks may constitute war crimes;",
        );
        assert_eq!(p.len(), 2, "{p:#?}");
        assert_eq!(p[0].actor, "The Security Council");
        assert_eq!(p[0].boosters, ["strongly"]);
        assert_eq!(p[1].actor, "The Security Council");
        assert!(!p[1].text.starts_with("Strongly"), "{}", p[1].text);
        let p = pledges("Italy strongly supports the initiative.");
        assert_eq!(p[0].actor, "Italy");
        // Nor is a copula: the second clause borrowed "The Council remains".
        let p = pledges(
            "The Council remains deeply concerned by the situation, and condemns \
             the attacks against civilians.",
        );
        assert_eq!(p.len(), 2, "{p:#?}");
        assert_eq!(p[1].actor, "The Council");
        // The borrowed subject is the actor, not part of the quote.
        assert_eq!(p[1].text, "condemns the attacks against civilians.");
    }

    #[test]
    fn an_adverb_before_a_participle_is_no_booster() {
        let p = pledges(
            "The Ministers committed to respond to the rapidly evolving security environment.",
        );
        assert!(p[0].boosters.is_empty(), "{:?}", p[0].boosters);
        let p = pledges("The Ministers committed to rapidly expand cooperation.");
        assert_eq!(p[0].boosters, ["rapidly"]);
        let p = pledges("Strongly supporting the efforts of the Secretary-General,");
        assert_eq!(p[0].boosters, ["strongly"]);
    }

    #[test]
    fn a_shorter_interval_or_deadline_is_stronger() {
        for (old, new, label) in [
            ("every 3 years", "every 2 years", "interval"),
            ("within 60 days", "within 30 days", "deadline"),
        ] {
            let (a, b) = (
                format!("The Parties will report {old}."),
                format!("The Parties will report {new}."),
            );
            assert_eq!(pledges(&a)[0].numbers, [old]);
            let r = reasons(&a, &b);
            assert!(has(&r, &format!("{label}: {old} -> {new}"), 1), "{r:?}");
            let r = reasons(&b, &a);
            assert!(has(&r, &format!("{label}: {new} -> {old}"), -1), "{r:?}");
        }
        // A plain quantity still grows stronger as it grows.
        let r = reasons(
            "The Parties will deploy 200 personnel.",
            "The Parties will deploy 300 personnel.",
        );
        assert!(
            has(&r, "number: 200 personnel -> 300 personnel", 1),
            "{r:?}"
        );
    }

    #[test]
    fn intervals_in_words_and_other_units_compare_in_days() {
        for (old, new, label, step) in [
            ("annually", "every two years", "interval", -1),
            ("every six months", "quarterly", "interval", 1),
            ("every year", "every 2 years", "interval", -1),
            ("within 3 months", "within two weeks", "deadline", 1),
            ("twice a year", "four times a year", "interval", 1),
            ("once a month", "every six weeks", "interval", -1),
            ("twice a year", "every quarter", "interval", 1),
        ] {
            let (a, b) = (
                format!("The Parties will report {old}."),
                format!("The Parties will report {new}."),
            );
            assert_eq!(pledges(&a)[0].numbers, [old]);
            let r = reasons(&a, &b);
            assert_eq!(r.len(), 1, "the quantity's words are no rewording: {r:?}");
            assert!(has(&r, &format!("{label}: {old} -> {new}"), step), "{r:?}");
        }
        // A number word is a quantity only before a unit of time.
        assert!(pledges("The two countries will meet soon.")[0]
            .numbers
            .is_empty());
    }

    #[test]
    fn a_pledge_and_its_negation_are_a_reversal_not_a_change_of_strength() {
        use crate::pledge::PledgeChangeKind as K;
        let changes = |old: &str, new: &str| {
            let c = crate::compare(
                crate::segment::statement_from_text(old),
                crate::segment::statement_from_text(new),
                &Lexicon::builtin(),
            );
            c.classified
                .changes
                .iter()
                .map(|ch| (ch.kind, ch.reasons[0].text.clone()))
                .collect::<Vec<_>>()
        };
        let got = changes(
            "Both sides will not impose new tariffs on steel.",
            "Both sides will impose new tariffs on steel.",
        );
        let why = "reversed: negation removed".to_string();
        assert_eq!(got, [(K::Modified, why)]);
        let got = changes(
            "The Ministers support the proposal.",
            "The Ministers do not support the proposal.",
        );
        assert_eq!(got, [(K::Modified, "reversed: negation added".to_string())]);
    }

    #[test]
    fn quantities_pair_by_kind_when_one_side_has_more() {
        let r = reasons(
            "We commit to invest at least 2% of our income annually on defence.",
            "We commit to invest 5% of our income annually on defence by 2035.",
        );
        assert!(
            has(&r, "number: at least 2 percent -> 5 percent", 1),
            "{r:?}"
        );
        assert!(has(&r, "deadline added: by 2035", 1), "{r:?}");
        // A quantity that sets no time is listed without a direction.
        let r = reasons(
            "We commit to invest in defence annually.",
            "We commit to invest 5% of our income in defence annually.",
        );
        assert!(has(&r, "numbers: none -> 5 percent", 0), "{r:?}");
        // A regular meeting given a rate, or a deadline dropped.
        let r = reasons(
            "The Ministers will meet on a regular basis.",
            "The Ministers will meet twice a year.",
        );
        assert!(has(&r, "interval added: twice a year", 1), "{r:?}");
        let r = reasons(
            "The Parties will ratify the treaty within 12 months.",
            "The Parties will ratify the treaty.",
        );
        assert!(has(&r, "deadline removed: within 12 months", -1), "{r:?}");
    }

    #[test]
    fn a_pledge_split_off_into_an_added_paragraph_is_matched() {
        // Regression: the first sentence moved into a paragraph of its own
        // and was reworded; the aligner saw an added paragraph, and the
        // pledge read as dropped plus a new one.
        let old = "We reaffirm our commitment to invest at least 2% of our Gross \
            Domestic Product annually on defence. We will continue to \
            strengthen our deterrence and defence posture, including through \
            forward presence on the eastern flank and integrated air defence.";
        let new = "We commit to invest 5% of our Gross Domestic Product annually \
            on core defence requirements and security-related spending by 2035.\n\n\
            We will continue to strengthen our deterrence and defence posture, \
            including through forward presence on the eastern flank and \
            integrated air defence.";
        let c = crate::compare(
            crate::segment::statement_from_text(old),
            crate::segment::statement_from_text(new),
            &Lexicon::builtin(),
        );
        let kinds: Vec<_> = c.classified.changes.iter().map(|ch| ch.kind).collect();
        assert_eq!(
            kinds,
            [crate::pledge::PledgeChangeKind::Strengthened],
            "{:#?}",
            c.classified.changes
        );
    }

    #[test]
    fn will_after_and_with_its_own_subject_is_a_pledge() {
        let p = pledges(
            "We welcome the progress in our partnerships with the region, \
             and we will deepen them.",
        );
        let verbs: Vec<&str> = p.iter().map(|p| p.verb_form.as_str()).collect();
        assert_eq!(verbs, ["welcome", "will"], "{p:#?}");
        assert_eq!(p[1].text, "we will deepen them.");
        assert!(p[0].lists.iter().flatten().all(|i| !i.contains("deepen")));
        // Inside a clause it is still that clause's modal.
        let p = pledges("The Ministers affirmed that the two sides will deepen ties.");
        assert_eq!(p.len(), 1, "{p:#?}");
        let p = pledges("The Ministers affirmed that Japan will grow and will acquire more.");
        assert_eq!(p.len(), 1, "{p:#?}");
        // With the sentence's own subject shared, it is a pledge of its own,
        // and a negation in it is its own.
        let p = pledges(
            "The EU remains committed to the region but will no longer continue budget support.",
        );
        assert_eq!(p.len(), 2, "{p:#?}");
        assert_eq!(
            (p[0].negated, p[1].negated, p[1].actor.as_str()),
            (false, true, "The EU")
        );
    }

    #[test]
    fn a_booster_of_courtesy_stands_inside_a_verb_form() {
        // Regression: "sincere" broke "expressed ... appreciation", so the
        // pledge vanished and read as dropped.
        let r = reasons(
            "The Westland side expressed its appreciation.",
            "The Westland side expressed its sincere appreciation.",
        );
        assert!(has(&r, "booster added: sincere", 1), "{r:?}");
    }

    #[test]
    fn leaders_tasking_their_ministers_make_a_pledge() {
        let r = reasons(
            "We tasked our Ministers to explore a regional digital economy agreement.",
            "We tasked our Ministers to conclude a regional digital economy agreement.",
        );
        assert!(has(&r, "hedge removed: explore", 1), "{r:?}");
        let p = pledges("We instructed the Secretariat to prepare a report.");
        assert_eq!(p[0].verb, "instruct");
        let p = pledges("We look forward to the conclusion of the negotiations.");
        assert_eq!(p[0].verb, "welcome");
        let p = pledges("The Ministers shared the view that the situation is severe.");
        assert_eq!(p[0].verb, "recognize");
        let p = pledges("The Ministers concurred on the importance of joint training.");
        assert_eq!(p[0].verb, "commit");
        // "task" the noun is no verb.
        let p = pledges("The Ministers welcomed the joint task force on minerals.");
        assert_eq!(p.len(), 1);
    }

    #[test]
    fn a_number_in_a_concern_has_no_direction() {
        let r = reasons(
            "We remain concerned that 700 million people face hunger.",
            "We remain concerned that 670 million people face hunger.",
        );
        assert!(has(&r, "number: 700 million -> 670 million", 0), "{r:?}");
        // In an undertaking it has one.
        let r = reasons(
            "We commit to mobilize USD 4 billion.",
            "We commit to mobilize USD 6 billion.",
        );
        assert!(has(&r, "number: 4 billion -> 6 billion", 1), "{r:?}");
    }

    #[test]
    fn by_the_end_of_a_year_is_a_deadline() {
        let (a, b) = (
            "The Ministers agreed to conclude the talks by the end of 2024.",
            "The Ministers agreed to conclude the talks by the end of 2025.",
        );
        assert_eq!(pledges(a)[0].numbers, ["by the end of 2024"]);
        let r = reasons(a, b);
        assert!(
            has(&r, "deadline: by the end of 2024 -> by the end of 2025", -1),
            "{r:?}"
        );
        for (old, new, step) in [
            ("by June 2025", "by March 2025", 1),
            ("before 31 December 2025", "before 30 June 2026", -1),
        ] {
            let r = reasons(
                &format!("The Council invites the Commission to report {old}."),
                &format!("The Council invites the Commission to report {new}."),
            );
            assert!(has(&r, &format!("deadline: {old} -> {new}"), step), "{r:?}");
        }
        // "at the end of 2024" is a date, not a deadline.
        let p = pledges("The Ministers will meet at the end of 2024.");
        assert_eq!(p[0].numbers, ["2024"]);
    }

    #[test]
    fn aim_and_intend_are_hedged_undertakings() {
        let r = reasons(
            "We aim to reach net zero by 2050.",
            "We will reach net zero by 2045.",
        );
        assert!(has(&r, "hedge removed: aim to", 1), "{r:?}");
        assert!(has(&r, "deadline: by 2050 -> by 2045", 1), "{r:?}");
        let p = pledges("The Board intends to link pay to climate targets.");
        assert_eq!(
            (p[0].verb_form.as_str(), p[0].actor.as_str()),
            ("intends to", "The Board")
        );
        // Inside a clause, or as a noun, they are not pledges or hedges.
        let p = pledges("The Ministers confirmed the plan to relocate 4,000 Marines.");
        assert_eq!(p.len(), 1);
        assert!(p[0].hedges.is_empty(), "{:?}", p[0].hedges);
        let p = pledges("They welcomed progress, and Japan's support for the fund was noted.");
        assert_eq!(p.len(), 1, "{p:#?}");
        // Regression (generated archive): plural nouns read as hedges.
        for text in [
            "The Parties agreed to broaden endeavours to counter threats.",
            "The Ministers welcomed plans to expand the port.",
        ] {
            assert!(pledges(text)[0].hedges.is_empty(), "{text}");
        }
    }

    #[test]
    fn setting_a_goal_undertakes_it() {
        let p = pledges("The council set a new goal of planting 5,000 trees by 2030.");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].verb, "aim");
        // Against an agreed lower target, the goal set is the stronger.
        let r = reasons(
            "The council agreed to plant 4,000 trees by 2030.",
            "The council set a goal of planting 5,000 trees by 2030.",
        );
        assert!(has(&r, "number: 4,000 -> 5,000", 1), "{r:?}");
    }

    #[test]
    fn a_clause_of_permission_is_a_hedge_whatever_permits() {
        let r = reasons(
            "The ministries will vaccinate 90 percent of children by 2027.",
            "The ministries will vaccinate 90 percent of children by 2027, where local budgets allow.",
        );
        assert!(
            has(&r, "hedge added: where local budgets allow", -1),
            "{r:?}"
        );
        assert_eq!(r.len(), 1, "{r:?}");
        // Listed ones are read as listed, once.
        let r = reasons(
            "The ministries will open two clinics.",
            "The ministries will open two clinics as conditions allow.",
        );
        assert_eq!(r.len(), 1, "{r:?}");
        // "as" with no verb of permission after it is no hedge.
        let r = reasons(
            "The ministries will open two clinics.",
            "The ministries will open two clinics as planned in March.",
        );
        assert!(!r.iter().any(|x| x.text.starts_with("hedge")), "{r:?}");
    }

    #[test]
    fn a_condition_is_a_hedge() {
        let r = reasons(
            "We will phase out coal by 2035.",
            "We will phase out coal by 2035, subject to regulatory approval.",
        );
        assert!(has(&r, "hedge added: subject to", -1), "{r:?}");
        let r = reasons(
            "The Parties shall not disclose the information to third parties.",
            "The Parties shall not disclose the information to third parties, \
             except as required by law.",
        );
        assert!(has(&r, "hedge added: except as", -1), "{r:?}");
        // Regression: adverbs inside a hedge hid it, and its words read as
        // a list whose loss narrowed the scope.
        let r = reasons(
            "We will minimize the use of enriched uranium, where technically and economically feasible.",
            "We will minimize the use of enriched uranium.",
        );
        assert_eq!(r.len(), 1, "{r:?}");
        assert!(has(&r, "hedge removed: where feasible", 1), "{r:?}");
    }

    #[test]
    fn must_and_should_carry_a_pledge_and_may_only_for_a_pledging_actor() {
        let (a, b) = (
            "The EU should increase its support to regional organisations.",
            "The EU must increase its support to regional organisations.",
        );
        assert_eq!((pledges(a).len(), pledges(b).len()), (1, 1));
        let r = reasons(a, b);
        assert!(has(&r, "modal: should -> must", 1), "{r:?}");
        assert!(pledges("Such acts may undermine regional stability.").is_empty());
        // A party that pledges elsewhere is bound by its "may" too, and
        // "may" -> "will" is the firmer pledge.
        let meet = "The Participants will convene a working group every year.";
        let (a, b) = (
            format!("Each Participant may share its survey data.\n\n{meet}"),
            format!("Each Participant will share its survey data.\n\n{meet}"),
        );
        assert_eq!(pledges(&a).len(), 2);
        assert!(has(&reasons(&a, &b), "modal: may -> will", 1));
        assert_eq!(
            pledges(&format!("{meet}\n\nSuch delays may harm trade.")).len(),
            1
        );
        // "May" with a capital is the month.
        assert_eq!(pledges("We will report by May 2026.")[0].verb_form, "will");
        assert_eq!(pledges("Talks held in May ended.").len(), 0);
    }

    #[test]
    fn ranges_delays_and_no_later_than_are_quantities() {
        for (old, new, reason, step) in [
            (
                "by 26-28 percent",
                "by 50-52 percent",
                "number: 26-28 percent -> 50-52 percent",
                1,
            ),
            (
                "by 40 to 45 percent",
                "by 35 percent",
                "number: 40 to 45 percent -> 35 percent",
                -1,
            ),
            (
                "after 24 months",
                "after 36 months",
                "delay: after 24 months -> after 36 months",
                -1,
            ),
            (
                "no later than the end of 2035",
                "no later than 2030",
                "deadline: no later than the end of 2035 -> no later than 2030",
                1,
            ),
        ] {
            let r = reasons(
                &format!("The Parties will cut emissions {old}."),
                &format!("The Parties will cut emissions {new}."),
            );
            assert!(has(&r, reason, step), "{r:?}");
        }
        // A span of years is a date: no direction.
        let r = reasons(
            "The Parties will adopt the plan for 2023-2024.",
            "The Parties will adopt the plan for 2025-2026.",
        );
        assert!(has(&r, "date: 2023-2024 -> 2025-2026", 0), "{r:?}");
    }

    #[test]
    fn recommit_is_commit_and_immediate_urges_a_call() {
        let p = pledges("We recommit to promoting a rules-based order.");
        assert_eq!((p[0].verb.as_str(), p[0].force), ("commit", 6));
        let r = reasons(
            "We call for the release of all detainees.",
            "We call for the immediate release of all detainees.",
        );
        assert!(has(&r, "booster added: immediate", 1), "{r:?}");
        let r = reasons(
            "We will stand with Ukraine.",
            "We will stand with Ukraine for as long as it takes.",
        );
        assert!(
            has(&r, "booster added: for as long as it takes", 1),
            "{r:?}"
        );
    }

    #[test]
    fn the_perfect_is_a_pledge_but_a_relative_clause_is_not() {
        let p = pledges("The Ministers have agreed to establish a fund.");
        assert_eq!(
            (p[0].actor.as_str(), p[0].verb_form.as_str()),
            ("The Ministers", "agreed")
        );
        assert_eq!(
            pledges("Japan has committed to doubling its budget.")[0].actor,
            "Japan"
        );
        for text in [
            "We welcome the measures that countries have adopted.",
            "We welcome the plan which the Council adopted.",
        ] {
            let verbs: Vec<String> = pledges(text).into_iter().map(|p| p.verb).collect();
            assert_eq!(verbs, ["welcome"], "{text}");
        }
        // "and" returns to the main clause; "and that" is a second object.
        let p =
            pledges("The Ministers welcomed the progress that was made and decided to fund it.");
        assert_eq!(p.len(), 2);
        let p = pledges(
            "We recognize that the treaty applies and that both nations oppose any attempt.",
        );
        assert!(p.iter().any(|p| p.verb_form == "oppose"), "{p:?}");
    }

    #[test]
    fn thousands_and_millions_are_whole_numbers() {
        // Regression: "50,000" was read as the numbers 50 and 000.
        let r = reasons(
            "We will recruit 50,000 more nurses.",
            "We will recruit 28,000 more nurses.",
        );
        assert!(has(&r, "number: 50,000 -> 28,000", -1), "{r:?}");
        // A list keeps its numbers apart.
        assert_eq!(
            pledges("We will fund sites 3, 120 and 7.")[0].numbers,
            ["3", "120", "7"]
        );
        let r = reasons(
            "We will provide USD 500 million to the fund.",
            "We will provide USD 1.2 billion to the fund.",
        );
        assert!(has(&r, "number: 500 million -> 1.2 billion", 1), "{r:?}");
    }

    #[test]
    fn a_passive_call_or_obligation_is_a_pledge_of_its_subject() {
        let r = reasons(
            "Suppliers are required to pay at least the minimum wage.",
            "Suppliers are encouraged to pay at least the minimum wage.",
        );
        assert!(has(&r, "verb: required to -> encouraged", -1), "{r:?}");
        let p = pledges("Member States are strongly encouraged to ratify the Convention.");
        assert_eq!(
            (p[0].actor.as_str(), p[0].verb.as_str()),
            ("Member States", "encourage")
        );
        // Not a call: a participle. A passive with its agent is the
        // agent's call, not one addressed to the subject.
        let verbs = |t: &str| pledges(t).into_iter().map(|p| p.verb).collect::<Vec<_>>();
        assert_eq!(
            verbs("We will provide the resources required to implement the plan."),
            ["will"]
        );
        let p = pledges("The measures were requested by the Council.");
        assert_eq!(
            (p[0].actor.as_str(), p[0].verb.as_str()),
            ("The Council", "invite")
        );
    }

    #[test]
    fn double_to_triple_is_a_rise() {
        let r = reasons(
            "We will double our provision of adaptation finance.",
            "We will triple our provision of adaptation finance.",
        );
        assert_eq!(r.len(), 1, "the multiple is no rewording: {r:?}");
        assert!(has(&r, "number: double -> triple", 1), "{r:?}");
    }

    #[test]
    fn a_floor_and_a_ceiling_weigh_with_the_number() {
        let r = reasons(
            "We will provide at least EUR 150 million for retrofits.",
            "We will provide up to EUR 150 million for retrofits.",
        );
        assert!(
            has(&r, "number: at least 150 million -> up to 150 million", -1),
            "{r:?}"
        );
        let r = reasons(
            "Allies will spend 2 percent of GDP on defence.",
            "Allies will spend no less than 2 percent of GDP on defence.",
        );
        assert!(
            has(&r, "number: 2 percent -> no less than 2 percent", 1),
            "{r:?}"
        );
        // "no more than" is a ceiling, not "more than" after "no".
        let r = reasons(
            "Fees will rise by 3 percent a year.",
            "Fees will rise by no more than 3 percent a year.",
        );
        assert!(
            has(&r, "number: 3 percent -> no more than 3 percent", -1),
            "{r:?}"
        );
        // A bound moving against the number leaves no direction.
        let r = reasons(
            "We will mobilise at least $5 billion.",
            "We will mobilise up to $10 billion.",
        );
        assert!(
            has(&r, "number: at least 5 billion -> up to 10 billion", 0),
            "{r:?}"
        );
        // Unbounded numbers are as before; a deadline takes no bound.
        assert_eq!(
            pledges("We will cut emissions by at least 40 percent by 2030.")[0].numbers,
            ["at least 40 percent", "by 2030"]
        );
    }

    #[test]
    fn a_fronted_phrase_does_not_narrow_the_scope() {
        let r = reasons(
            "The partners remain determined to inspect and repair the bridges, at every crossing.",
            "At every crossing, the partners remain determined to inspect and repair the bridges.",
        );
        assert!(r.iter().all(|r| r.step == 0), "{r:?}");
        let r = reasons(
            "We will cooperate on space, cyberspace and maritime security.",
            "We will cooperate on space and cyberspace.",
        );
        assert!(
            has(&r, "scope narrowed: \u{2212} maritime security", -1),
            "{r:?}"
        );
    }

    #[test]
    fn prepared_to_is_a_hedged_undertaking() {
        let r = reasons(
            "The Committee is prepared to adjust the stance of policy if risks emerge that could impede its goals.",
            "The Committee will adjust the stance of policy if risks emerge that could impede its goals.",
        );
        assert!(has(&r, "hedge removed: prepared to", 1), "{r:?}");
        // "could" belongs to the relative clause, not to the pledge.
        assert!(r.iter().all(|r| !r.text.starts_with("modal")), "{r:?}");
    }

    #[test]
    fn a_participle_with_its_agent_is_no_pledge() {
        let verbs = |t: &str| pledges(t).into_iter().map(|p| p.verb).collect::<Vec<_>>();
        assert!(verbs(
            "Activity has continued to expand at a moderate pace, supported by resilient household spending."
        )
        .is_empty());
        // A body deciding "by consensus" still decides.
        assert_eq!(
            verbs("The Parties, meeting in Geneva, decided by consensus to extend the mandate."),
            ["commit"]
        );
    }

    #[test]
    fn a_gerund_after_a_preposition_is_no_hedge() {
        let p = pledges(
            "In considering the timing of any adjustments, the Committee will carefully assess incoming data.",
        );
        assert!(p[0].hedges.is_empty(), "{:?}", p[0].hedges);
        let p = pledges("The Committee will consider slowing the pace of reduction.");
        assert_eq!(p[0].hedges, ["consider"]);
    }

    #[test]
    fn a_condition_takes_its_complement_with_it() {
        let r = reasons(
            "The Parties undertake to cooperate, subject to the availability of resources, in the removal of debris.",
            "The Parties undertake to cooperate in the removal of debris.",
        );
        assert_eq!(r.len(), 1, "{r:?}");
        assert!(has(&r, "hedge removed: subject to", 1), "{r:?}");
    }

    #[test]
    fn reordered_numbers_are_no_change() {
        let r = reasons(
            "The Ministers welcomed trade, which reached USD 18.4 billion in 2023, up 9% on the year before.",
            "The Ministers welcomed trade, which rose by 9% on the year before to USD 18.4 billion in 2023.",
        );
        assert!(r.iter().all(|r| !r.text.contains("number")), "{r:?}");
    }

    #[test]
    fn the_same_actor_is_no_rewording_wherever_it_stands() {
        let a = "The States Parties reaffirm their commitment to the Convention and reaffirm that outer space shall be used for peaceful purposes.";
        let b = "The States Parties reaffirm that outer space shall be used for peaceful purposes and reaffirm their commitment to the Convention.";
        let (pa, pb) = (pledges(a), pledges(b));
        let r = crate::pledge::classify::compare(&pa[0], &pb[1], &Lexicon::builtin()).reasons;
        assert!(r.is_empty(), "{r:?}");
        // A new actor still shows.
        let r = reasons(
            "Canada will fund the programme.",
            "Japan will fund the programme.",
        );
        assert!(r.iter().any(|r| r.text.contains("Japan")), "{r:?}");
    }

    #[test]
    fn a_list_starts_after_the_verb_and_its_opener() {
        let p = pledges("The Ministers highlighted space, cyberspace, and the electromagnetic spectrum as priorities.");
        assert_eq!(p[0].lists[0][0], "space");
        let p = pledges(
            "Accordingly, the Ministers decided that cross-domain operations, stronger capabilities, and higher readiness should be core objectives.",
        );
        assert_eq!(
            p[0].lists[0][0], "cross-domain operations",
            "{:?}",
            p[0].lists
        );
        let p = pledges("The two sides will launch a partnership covering exploration, processing and refining.");
        assert_eq!(p[0].lists[0][0], "exploration");
    }

    #[test]
    fn space_heating_is_not_outer_space() {
        let lex = Lexicon::builtin();
        assert!(topics(&["for", "space", "heating"], &lex).is_empty());
        assert!(topics(&["preserve", "civic", "space"], &lex).is_empty());
        assert_eq!(
            topics(&["outer", "space", "and", "fiscal", "space"], &lex),
            ["space"]
        );
    }

    #[test]
    fn a_second_predicate_shares_the_first_ones_subject() {
        let p = pledges(
            "The regional fund has disbursed USD 40 million to small farms this year and remains committed to expanding the scheme.",
        );
        assert_eq!(p[0].actor, "The regional fund");
    }

    #[test]
    fn a_coordinated_pledge_verb_after_a_plain_predicate_shares_its_subject() {
        // The actor was the whole first clause ("The two mayors opened the
        // pier, and") or none at all.
        let cases = [
            (
                "The two mayors opened the pier, and pledged to keep it open all year.",
                "The two mayors",
            ),
            (
                "The harbour boards toured the new dock and agreed to share its cranes.",
                "The harbour boards",
            ),
            (
                "The delegates met in Tromso on Friday and will publish the survey in June.",
                "The delegates",
            ),
            (
                "After a long night, the wardens closed the trail but pledged to reopen it soon.",
                "The wardens",
            ),
            (
                "The newly elected councils signed the charter and committed to fund the school.",
                "The newly elected councils",
            ),
        ];
        for (text, actor) in cases {
            let p = pledges(text);
            assert_eq!(p.len(), 1, "{text}");
            assert_eq!(p[0].actor, actor, "{text}");
            // The actor is shown as the actor; the text is the sentence as
            // written.
            assert_eq!(p[0].text, text);
        }
    }

    #[test]
    fn task_is_a_verb_only_before_whom_it_tasks() {
        let verbs = |t: &str| pledges(t).into_iter().map(|p| p.verb).collect::<Vec<_>>();
        assert_eq!(
            verbs("We task our envoys to report back by June 2026."),
            ["instruct"]
        );
        assert_eq!(
            verbs("The Board tasks its auditors with a review."),
            ["instruct"]
        );
        assert!(verbs("The joint task force met twice.").is_empty());
        assert!(verbs("Each task requires a named owner.").is_empty());
    }

    #[test]
    fn a_document_number_is_a_name_not_a_quantity() {
        let p = pledges(
            "Recalling its resolutions 8876 (2021), 8960 (2022) and 9041 (2023), the Council decides to renew the measures imposed by paragraphs 9 and 11 of resolution 8876 (2021) for 12 months.",
        );
        let decides = p.iter().find(|p| p.verb_form == "decides").unwrap();
        assert_eq!(decides.numbers, ["12 months"]);
    }

    #[test]
    fn support_before_to_or_for_is_the_noun() {
        let p = pledges(
            "Decides that the programme shall include the training of nurses and support to the rural clinics.",
        );
        assert_eq!(p.len(), 1, "{p:#?}");
        let p = pledges("The Council expresses its intention to broaden support for the mission.");
        assert_eq!(
            (p.len(), p[0].verb_form.as_str()),
            (1, "expresses its intention")
        );
    }

    #[test]
    fn working_days_are_days() {
        let r = reasons(
            "Staff are required to declare any interest within 10 working days.",
            "Staff are required to declare any interest within 20 working days.",
        );
        assert!(
            has(&r, "deadline: within 10 days -> within 20 days", -1),
            "{r:?}"
        );
    }

    #[test]
    fn a_relative_clause_about_people_is_not_the_pledge() {
        // Its verb is not the pledge's verb; the modal after it is.
        let p = pledges("Tenants who report repairs promptly will be reimbursed in full.");
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(p[0].verb_form, "will");
        let p =
            pledges("Contributors who do not meet the criteria should be acknowledged by name.");
        assert_eq!(p[0].verb_form, "should");
        // Its hedges and boosters describe the people, not the pledge.
        let p = pledges(
            "Authorship should be limited to those who have contributed substantially and who are prepared to take responsibility.",
        );
        assert!(p[0].hedges.is_empty() && p[0].boosters.is_empty(), "{p:#?}");
        // "the States involved": the participle ends the subject.
        let p = pledges("If a spill occurs, the States involved shall seek to contain it.");
        assert_eq!(p[0].verb_form, "shall");
    }

    #[test]
    fn an_actor_in_ies_is_one_of_its_plural() {
        // "Each Agency" is one of "The Agencies", which pledge elsewhere:
        // its "may" binds.
        let p = pledges(
            "The Agencies will meet twice a year.\n\nEach Agency may share its survey data.",
        );
        assert_eq!(p.len(), 2, "{p:#?}");
        // "Parties" is the plural of the empowered "party".
        let p = pledges("The Parties may request consultations at any time.");
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(p[0].verb_form, "may");
    }

    #[test]
    fn may_grants_a_power_to_a_body_of_the_agreement() {
        let r = reasons(
            "The Committee may publish summaries of its stock assessments.",
            "The Committee shall publish summaries of its stock assessments.",
        );
        assert!(has(&r, "modal: may -> shall", 1), "{r:?}");
        // Elsewhere "may" still weighs a risk.
        assert!(pledges("Such tests may endanger the satellites.").is_empty());
    }

    #[test]
    fn per_cent_is_percent_and_not_only_is_no_negation() {
        assert_eq!(
            pledges("We aim to raise the share to at least 20 per cent by 2030.")[0].numbers,
            ["at least 20 percent", "by 2030"]
        );
        let p = pledges(
            "We recognise that decisions must consider the needs of ecosystems, and not only those of people.",
        );
        assert!(!p[0].negated);
        assert!(!pledges("We will not only fund but also build the plant.")[0].negated);
        assert!(pledges("We will not fund the plant.")[0].negated);
    }

    #[test]
    fn a_modal_after_what_or_that_is_not_the_speakers() {
        let verbs = |t: &str| {
            pledges(t)
                .into_iter()
                .map(|p| p.verb_form)
                .collect::<Vec<_>>()
        };
        assert!(verbs("Officers are trained to explain clearly what will happen next.").is_empty());
        assert!(verbs("These are measures that will help farmers.").is_empty());
        assert_eq!(verbs("We affirm that Japan will help farmers."), ["affirm"]);
    }

    #[test]
    fn mid_year_is_a_deadline() {
        let r = reasons(
            "We urge all States to sign the convention by the end of 2024.",
            "We urge all States to sign the convention by mid-2025.",
        );
        assert!(
            has(&r, "deadline: by the end of 2024 -> by mid-2025", -1),
            "{r:?}"
        );
    }

    #[test]
    fn refrain_from_is_a_negation() {
        // Regression: "will refrain from imposing" -> "shall not impose"
        // read as a reversed pledge.
        let r = reasons(
            "The Governments will refrain from imposing export restrictions.",
            "The Governments shall not impose export restrictions.",
        );
        assert!(has(&r, "modal: will -> shall", 1), "{r:?}");
        assert!(!r.iter().any(|x| x.text.contains("negation")), "{r:?}");
        // A call to refrain is not a call withdrawn.
        assert!(!pledges("We urge all States to refrain from testing.")[0].negated);
    }

    #[test]
    fn never_is_a_firmer_not() {
        let r = reasons(
            "We will never sell your data to third parties.",
            "We will not sell your data to third parties.",
        );
        assert!(has(&r, "booster removed: never", -1), "{r:?}");
        assert!(!r.iter().any(|x| x.text.contains("negation")), "{r:?}");
    }

    #[test]
    fn concerns_in_the_plural_are_a_concern() {
        for text in [
            "We expressed concerns over the reclamation work.",
            "The Ministers raised serious concerns about the missile launches.",
        ] {
            let p = pledges(text);
            assert_eq!(p.len(), 1, "{text}");
            assert_eq!(p[0].verb, "concern", "{text}");
        }
    }

    #[test]
    fn be_committed_is_a_pledge_and_a_passive_is_its_agents() {
        for text in [
            "We are committed to achieving net zero emissions by 2050.",
            "The Council is concerned about the situation.",
        ] {
            assert_eq!(pledges(text).len(), 1, "{text}");
        }
        // Issue 17: a passive with its agent is the agent's pledge; without
        // one it is no pledge.
        let p = pledges("These efforts are supported by the partners.");
        assert_eq!(
            (p[0].actor.as_str(), p[0].verb.as_str()),
            ("The partners", "support")
        );
        assert!(pledges("These efforts are supported.").is_empty());
    }

    #[test]
    fn a_verb_form_inside_a_name_is_no_verb() {
        let p = pledges("We encourage all countries to join the Global Methane Pledge.");
        assert_eq!(p.len(), 1, "{p:#?}");
        assert!(
            p[0].text.ends_with("Global Methane Pledge."),
            "{}",
            p[0].text
        );
    }

    #[test]
    fn a_later_deadline_year_is_weaker_and_a_later_meeting_is_neither() {
        let r = reasons(
            "We will phase out coal power by 2030.",
            "We will phase out coal power by 2035.",
        );
        assert!(has(&r, "deadline: by 2030 -> by 2035", -1), "{r:?}");
        let r = reasons("We will meet again in 2025.", "We will meet again in 2026.");
        assert!(r.iter().all(|r| r.step == 0), "{r:?}");
    }

    #[test]
    fn document_symbols_and_days_are_not_quantities() {
        let p = pledges(
            "Recalling its resolution 77/248 of 30 December 2022 and document A/78/67, \
             and the meeting of March 3, 2023 on 12 months of work,",
        );
        assert_eq!(p[0].numbers, ["2022", "2023", "12 months"]);
    }

    #[test]
    fn fractions_are_quantities_and_symbols_are_not() {
        // An improper "fraction" is a document's symbol, not a number.
        assert!(pledges("Recalling its decisions 48/15 and 61/7,")[0]
            .numbers
            .is_empty());
        let p = pledges(
            "The Committee decided to keep the range at 5-1/4 to 5-1/2 percent and to cut \
             it by 1/2 percentage point, recalling resolution 77/248 and A/78/67.",
        );
        assert_eq!(p[0].numbers, ["5-1/4", "5-1/2 percent", "1/2 percentage"]);
    }

    #[test]
    fn a_lower_fraction_is_a_lower_number() {
        let r = reasons(
            "The Committee decided to hold the rate at 5-1/2 percent.",
            "The Committee decided to hold the rate at 5-1/4 percent.",
        );
        assert!(
            has(&r, "number: 5-1/2 percent -> 5-1/4 percent", -1),
            "{r:?}"
        );
    }

    #[test]
    fn a_booster_of_the_upper_grade_in_place_of_a_plain_one_is_stronger() {
        let r = reasons(
            "Deeply concerned about the impacts of climate change,",
            "Gravely concerned about the impacts of climate change,",
        );
        assert!(has(&r, "booster: deeply -> gravely", 1), "{r:?}");
        let r = reasons(
            "We reaffirm our ironclad commitment to the Alliance.",
            "We reaffirm our strong commitment to the Alliance.",
        );
        assert!(has(&r, "booster: ironclad -> strong", -1), "{r:?}");
        // One for another of the same grade: named, with no direction.
        let r = reasons(
            "We reaffirm our ironclad commitment to the Alliance.",
            "We reaffirm our unwavering commitment to the Alliance.",
        );
        assert!(has(&r, "booster: ironclad -> unwavering", 0), "{r:?}");
    }

    #[test]
    fn a_hedge_ending_a_list_item_is_not_part_of_the_item() {
        // Regression (README pair 2021 -> 2023): "where appropriate"
        // removed read as "scope narrowed: − exercises where appropriate".
        let r = reasons(
            "The Ministers committed to advance maritime patrols, joint training and exercises where appropriate.",
            "The Ministers committed to advance maritime patrols, joint training and exercises.",
        );
        assert!(has(&r, "hedge removed: where appropriate", 1), "{r:?}");
        assert!(!r.iter().any(|x| x.text.starts_with("scope")), "{r:?}");
    }

    #[test]
    fn an_adverb_between_be_and_a_participle_keeps_it_passive() {
        // Regression (a re-issued statement's note): "which was originally
        // announced at the summit" read as a new pledge, "announced".
        assert!(
            pledges("This statement was originally announced at the summit in March.").is_empty()
        );
        // A stative or a call with its infinitive still counts.
        assert_eq!(
            pledges("The Ministers are firmly committed to the Alliance.").len(),
            1
        );
    }

    #[test]
    fn a_sentence_that_lost_its_space_still_ends() {
        let p = pledges(
            "The ministers reaffirmed their support for the river treaty.They reviewed the budget and committed to fund the survey.",
        );
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts[0],
            "The ministers reaffirmed their support for the river treaty."
        );
        // The second predicate's subject is the first one's.
        assert_eq!(p[1].actor, "They");
        assert!(p[1].text.ends_with("committed to fund the survey."));
    }

    #[test]
    fn an_earlier_predicate_of_the_subject_is_not_the_pledges_content() {
        let p = pledges("We respect the border treaty and are committed to holding talks.");
        assert_eq!(p[0].actor, "We");
        assert_eq!(
            p[0].text,
            "We respect the border treaty and are committed to holding talks."
        );
        let terms: Vec<&str> = p[0].terms.iter().map(|t| &**t).collect();
        assert!(!terms.iter().any(|t| t.starts_with("border")), "{terms:?}");
        assert!(terms.iter().any(|t| t.starts_with("talk")), "{terms:?}");
    }

    #[test]
    fn an_adverb_between_subject_and_verb_still_starts_the_clause() {
        let p =
            pledges("Noting the drought, the Council strongly urges Member States to share water.");
        let forms: Vec<&str> = p.iter().map(|p| p.verb_form.as_str()).collect();
        assert_eq!(forms, ["noting", "urges"]);
        assert_eq!(p[1].boosters, ["strongly"]);
        assert_eq!(p[0].actor, "The Council");
    }

    #[test]
    fn a_sentence_ending_in_a_quotation_ends_after_the_quote() {
        let p = pledges(
            "The Board cited its charter, \"We will publish every audit.\" The Board will report in May.",
        );
        assert_eq!(p.last().unwrap().text, "The Board will report in May.");
    }

    #[test]
    fn an_opening_participle_is_a_pledge_of_the_main_clause_subject() {
        let p = pledges(
            "Recalling its decision on the river basin, the Board stresses that monitoring must continue.",
        );
        let forms: Vec<&str> = p.iter().map(|p| p.verb_form.as_str()).collect();
        assert_eq!(forms, ["recalling", "stresses"]);
        assert_eq!(p[0].actor, "The Board");
        assert_eq!(p[0].text, "Recalling its decision on the river basin");
        assert_eq!(p[0].origin.source, crate::pledge::Source::FrontedParticiple);
    }

    #[test]
    fn will_after_an_opening_participle_carries_the_main_clause() {
        // Regression: "will" counted only as a sentence's first pledge
        // verb, so the opening participle took the whole sentence.
        let p = pledges(
            "Recognizing the growth in river traffic, the two towns will fund a new ferry pier.",
        );
        let forms: Vec<&str> = p.iter().map(|p| p.verb_form.as_str()).collect();
        assert_eq!(forms, ["recognizing", "will"]);
        assert_eq!(p[1].text, "the two towns will fund a new ferry pier.");
        assert_eq!(p[1].actor, "The two towns");
        // A "will" inside the participle's own clause is not the main one.
        let p = pledges("Recognizing that traffic will grow, the two towns agreed to fund a pier.");
        let forms: Vec<&str> = p.iter().map(|p| p.verb_form.as_str()).collect();
        assert_eq!(forms, ["recognizing", "agreed"]);
    }

    #[test]
    fn a_trailing_participle_that_says_something_is_a_second_pledge() {
        let p = pledges(
            "The Mayors reaffirmed their support for the tram extension, urging the province to fund the depot.",
        );
        let forms: Vec<&str> = p.iter().map(|p| p.verb_form.as_str()).collect();
        assert_eq!(forms, ["reaffirmed … support", "urging"]);
        assert_eq!(
            p[0].text,
            "The Mayors reaffirmed their support for the tram extension"
        );
        assert_eq!(p[1].text, "urging the province to fund the depot.");
        assert_eq!(p[1].actor, "The Mayors");
        // An action verb after a comma says how the first act is done.
        let p = pledges(
            "The agencies will share flood data, supporting the river towns and ensuring early warnings.",
        );
        assert_eq!(p.len(), 1);
    }

    #[test]
    fn a_modal_opening_a_condition_is_not_the_pledges() {
        // "Should you be unhappy": a condition, not "should" weakening "will".
        let p = pledges(
            "Should you be unhappy with the outcome, the ombudsman will review your case within 30 days.",
        );
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(p[0].modal.as_deref(), Some("will"));
    }

    #[test]
    fn in_full_after_the_verb_boosts_it() {
        let p = pledges("We will repay the arrears in full within a year.");
        assert_eq!(p[0].boosters, ["full"]);
        // In a clause of its own, it describes something else.
        let p = pledges("We will fund the agency so that it can work in full.");
        assert!(p[0].boosters.is_empty(), "{:?}", p[0].boosters);
    }

    #[test]
    fn back_is_support_but_not_after_an_object_pronoun() {
        let p = pledges("The ministers back the new port authority.");
        assert_eq!(p[0].verb, "support");
        assert!(pledges("Our staff will pay them back within a day.")
            .iter()
            .all(|p| p.verb != "support"));
    }

    #[test]
    fn nominal_stances_are_pledges() {
        let verb = |t: &str| pledges(t).first().map(|p| p.verb.clone());
        assert_eq!(
            verb("The regional rail plan has our full support.").as_deref(),
            Some("support")
        );
        assert_eq!(
            verb("Coercion through trade is something we stand against.").as_deref(),
            Some("oppose")
        );
        assert_eq!(
            pledges("The partners reaffirmed their dedication to the accord.")[0].strength,
            pledges("The partners reaffirmed their commitment to the accord.")[0].strength
        );
    }

    #[test]
    fn a_charter_guarantee_is_an_undertaking() {
        let p = pledges("Tenants can expect repairs to be made within five working days.");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].verb, "expect");
        assert_eq!(p[0].strength, pledges("We will make repairs.")[0].strength);
    }

    #[test]
    fn an_aside_after_a_restating_verb_does_not_hide_its_stance() {
        let p = pledges("We reaffirm, once again, our support for the river commission.");
        assert_eq!(p[0].verb_form, "reaffirm \u{2026} support");
        assert_eq!(p[0].strength, 40);
        let p = pledges("The Ministers reiterated, too, their commitment to the fisheries accord.");
        assert_eq!(p[0].strength, 60);
    }

    #[test]
    fn an_opening_phrase_that_pledges_nothing_is_not_the_pledges_content() {
        let p = pledges(
            "Building on last year's survey of the harbour, the two towns agreed to repair the pier.",
        );
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].text, "the two towns agreed to repair the pier.");
        assert_eq!(p[0].actor, "The two towns");
        // A gerund subject with a list in it is the sentence's subject.
        let text = "Ensuring that every child has a meal that is hot, fresh and free remains a goal to which we are committed.";
        assert_eq!(pledges(text)[0].text, text);
        // So is a list of gerunds.
        let text =
            "Mapping flood risks, sharing data and training staff will remain our priorities.";
        assert_eq!(pledges(text)[0].text, text);
    }

    #[test]
    fn a_modal_of_a_relative_clause_after_the_verb_is_not_the_pledges() {
        // Regression: "may" of "under which … may work" weakened the pledge.
        let p = pledges(
            "The mayors committed to opening a night market under which up to 40 traders may sell food.",
        );
        assert_eq!(p[0].modal, None);
        // A that-clause's modal still weighs a restated undertaking.
        let p = pledges("The leaders confirmed that both sides should review the quotas.");
        assert_eq!(p[0].modal.as_deref(), Some("should"));
    }

    #[test]
    fn a_stance_underscored_is_that_stance() {
        // "underscored their support" supports, as "reaffirmed their
        // support" does; what is stressed without a stance stays a
        // recognition.
        let p = pledges("The leaders underscored their support for the grid interconnector.");
        assert_eq!(p[0].verb, "support");
        assert_eq!(p[0].verb_form, "underscored \u{2026} support");
        let p = pledges("The leaders stressed their commitment to the fisheries accord.");
        assert_eq!(p[0].verb, "commit");
        let p = pledges("The leaders stressed the value of the fisheries accord.");
        assert_eq!(p[0].verb, "recognize");
    }

    #[test]
    fn a_restated_undertaking_of_the_speakers_is_theirs() {
        let verb = |t: &str| {
            let p = pledges(t);
            (p[0].verb.clone(), p[0].strength)
        };
        // The speakers, or several parties named together: an undertaking.
        assert_eq!(
            verb("The two leaders confirmed that they will work closely together on trade."),
            ("will".into(), 60)
        );
        assert_eq!(
            verb("The leaders confirmed that Japan and the United States will collaborate on export controls."),
            ("will".into(), 60)
        );
        // Its own modal weighs it: "should" is the weaker undertaking.
        assert_eq!(
            verb("The leaders confirmed that both sides should review the quotas."),
            ("will".into(), 57)
        );
        // One party named alone is reported, not undertaken.
        assert_eq!(
            verb("We affirm that Japan will help farmers."),
            ("affirm".into(), 60)
        );
    }

    #[test]
    fn coordinated_modifiers_stand_inside_a_verb_form() {
        // Regression: "shared serious and ongoing concerns" was no pledge.
        let p = pledges(
            "They shared serious and ongoing concerns regarding developments in the province.",
        );
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].verb, "concern");
    }

    #[test]
    fn a_passive_with_its_agent_is_the_agents_pledge() {
        let p = pledges("Terrorism in all its forms is condemned by the leaders.");
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(
            (p[0].verb.as_str(), p[0].actor.as_str()),
            ("condemn", "The leaders")
        );
        let p = pledges("The plan was adopted by the Council on 3 May.");
        assert_eq!(
            (p[0].verb.as_str(), p[0].actor.as_str()),
            ("commit", "The Council")
        );
        // A means, not an agent, keeps the passive no pledge.
        assert!(pledges("The text was adopted by consensus.").is_empty());
        assert!(pledges("Growth is supported by household spending.").is_empty());
    }

    #[test]
    fn a_topic_phrase_matches_its_words_in_any_order() {
        // Regression (bundled history, 2015): "both nuclear and
        // conventional" was not nuclear-deterrence, so a rule on that
        // topic missed "iron-clad" removed from the defense commitment.
        let lex = Lexicon::builtin();
        let t = |s: &str| {
            let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            topics(&words, &lex)
        };
        assert!(t("with its capabilities , both nuclear and conventional")
            .contains(&"nuclear-deterrence".to_string()));
        assert!(t("with its capabilities , conventional and nuclear")
            .contains(&"nuclear-deterrence".to_string()));
        // Words far apart are no phrase, and "nuclear medicine" is no
        // deterrence.
        assert!(
            !t("advances in nuclear medicine and the training of radiologists")
                .contains(&"nuclear-deterrence".to_string())
        );
        assert!(!t("free and open trade in goods").contains(&"indo-pacific".to_string()));
        assert!(!t("our partnership with india on vaccines").contains(&"trilateral".to_string()));
    }

    /// The one quantity of the first pledge of `text`.
    fn quantity(text: &str) -> Quantity {
        let p = pledges(text);
        assert_eq!(p[0].numbers.len(), 1, "{:?}", p[0].numbers);
        p[0].numbers[0].clone()
    }

    #[test]
    fn a_floor_in_percent_is_typed() {
        let q = quantity("The Allies will spend at least 2 percent of GDP on defence.");
        assert_eq!(q.text, "at least 2 percent");
        assert_eq!(q.value, Some(2.0));
        assert_eq!(q.unit, Unit::Percent);
        assert_eq!(q.kind, Kind::Amount);
        assert_eq!(q.bound, crate::pledge::quantity::Bound::AtLeast);
        assert_eq!(q.date, None);
        // "%" and "per cent" are the same unit.
        let q = quantity("The Allies will spend no more than 3% on arms.");
        assert_eq!(
            (q.value, q.unit, q.bound),
            (
                Some(3.0),
                Unit::Percent,
                crate::pledge::quantity::Bound::AtMost
            )
        );
    }

    #[test]
    fn intervals_and_periods_are_counts_of_a_unit_of_time() {
        use crate::pledge::quantity::TimeUnit;
        let q = quantity("The Parties will meet every two years to review progress.");
        assert_eq!(q.text, "every two years");
        assert_eq!(
            (q.value, q.unit, q.kind),
            (Some(2.0), Unit::Time(TimeUnit::Year), Kind::Interval)
        );
        let q = quantity("The Secretariat shall reply within 30 days of a request.");
        assert_eq!(q.text, "within 30 days");
        assert_eq!(
            (q.value, q.unit, q.kind),
            (Some(30.0), Unit::Time(TimeUnit::Day), Kind::Period)
        );
        // A rate is the interval it implies: half a year.
        let q = quantity("The Ministers will meet twice a year.");
        assert_eq!(
            (q.value, q.unit, q.kind),
            (Some(0.5), Unit::Time(TimeUnit::Year), Kind::Interval)
        );
    }

    #[test]
    fn a_deadline_carries_its_date() {
        let q = quantity("The Parties will conclude the negotiations by the end of 2024.");
        assert_eq!(q.text, "by the end of 2024");
        assert_eq!(q.kind, Kind::Deadline);
        assert_eq!(q.date, Some(Date::end_of_month(2024, 12)));
        let q = quantity("The Parties will ratify the protocol no later than June 2025.");
        assert_eq!(q.text, "no later than June 2025");
        assert_eq!(q.kind, Kind::Deadline);
        assert_eq!(
            q.date,
            Some(Date {
                year: 2025,
                month: Some(6),
                day: None
            })
        );
        let q = quantity("We will phase out coal power by 2030.");
        assert_eq!((q.kind, q.date), (Kind::Deadline, Some(Date::year(2030))));
        // Without a lead a year is a date, not a deadline.
        let q = quantity("We will host the summit in 2026.");
        assert_eq!((q.kind, q.date), (Kind::Date, Some(Date::year(2026))));
    }

    #[test]
    fn money_carries_its_currency_and_scale() {
        let q = quantity("The Union will provide EUR 62 million in humanitarian aid.");
        assert_eq!(q.text, "62 million");
        assert_eq!(q.value, Some(62e6));
        assert_eq!(q.unit, Unit::Money("EUR".into()));
        let q = quantity("The Partners will mobilize $1.5 billion for clean energy.");
        assert_eq!(q.value, Some(1.5e9));
        assert_eq!(q.unit, Unit::Money("USD".into()));
        let q = quantity("The Bank will lend 40 million euros to the region.");
        assert_eq!((q.value, q.unit), (Some(40e6), Unit::Money("EUR".into())));
    }

    #[test]
    fn a_count_keeps_the_noun_it_counts() {
        let q = quantity("Japan will offer 2,000 scholarships to young leaders.");
        assert_eq!(q.text, "2,000");
        assert_eq!(q.value, Some(2000.0));
        assert_eq!(q.unit, Unit::Count("scholarships".into()));
        // A word that only ties the number on is no noun.
        let q = quantity("The Parties will plant 500 and more trees.");
        assert_eq!(q.unit, Unit::Number);
    }

    #[test]
    fn a_number_that_names_a_document_is_no_quantity() {
        // Regression: a resolution's number and year, or a paragraph's
        // number, name a text; they are not amounts.
        let p = pledges(
            "The Council recalls resolution 2593 (2021) and calls for its full implementation.",
        );
        assert!(p.iter().all(|p| p.numbers.is_empty()), "{p:?}");
        let p = pledges(
            "The Ministers reaffirmed their commitments under paragraph 3 of the Declaration.",
        );
        assert!(p[0].numbers.is_empty(), "{:?}", p[0].numbers);
    }

    #[test]
    fn a_change_of_unit_has_no_direction() {
        let r = reasons(
            "The Parties will deploy 200 personnel to the mission.",
            "The Parties will deploy 300 troops to the mission.",
        );
        assert!(has(&r, "number: 200 personnel -> 300 troops", 0), "{r:?}");
        let r = reasons(
            "The Union will provide EUR 62 million in aid.",
            "The Union will provide USD 70 million in aid.",
        );
        assert!(has(&r, "number: 62 million -> 70 million", 0), "{r:?}");
    }

    #[test]
    fn a_nominal_pledge_is_its_holders_not_its_subjects() {
        // "X has our support": the stance is had, not done; who holds it
        // pledges, whether a possessive or an of-phrase names them.
        let text = "The new tram line has our full support.\n\n\
             The flood barrier has the support of the three city councils.\n\n\
             The Ministers reaffirmed their commitment to the tram line.";
        let p = extract(
            &crate::segment::statement_from_text(text),
            &Lexicon::builtin(),
        );
        let got: Vec<(&str, &str, &str)> = p
            .iter()
            .map(|x| (x.actor.as_str(), x.verb.as_str(), x.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("We", "support", "The new tram line has our full support."),
                (
                    "The three city councils",
                    "support",
                    "The flood barrier has the support of the three city councils."
                ),
                (
                    "The Ministers",
                    "commit",
                    "The Ministers reaffirmed their commitment to the tram line."
                ),
            ]
        );
    }

    #[test]
    fn a_carried_over_actor_or_verb_is_never_quoted() {
        // Each way a clause gets an actor or verb from elsewhere: a
        // borrowed subject, a shared "that", a lead-in's list item, and
        // the speaker of a statement that names no subject.
        let text = "The Harbour Commission\n\n\
             The two mayors welcomed the ferry timetable and reaffirmed that the \
             pier will reopen in May, and that the wardens will fence the dunes.\n\n\
             The councils will:\n\n\
             - repaint the lighthouse;\n\n\
             - rebuild the sea wall by 2030.\n\n\
             Further resolves to publish the tide tables each spring.";
        let statement = crate::segment::statement_from_text(text);
        let p = extract(&statement, &Lexicon::builtin());
        let carried: Vec<_> = p
            .iter()
            .filter(|x| x.origin.source != crate::pledge::Source::Own)
            .map(|x| x.origin.source)
            .collect();
        for source in [
            crate::pledge::Source::BorrowedActor,
            crate::pledge::Source::SharedVerb,
            crate::pledge::Source::LeadIn,
        ] {
            assert!(carried.contains(&source), "no {source:?} in {p:#?}");
        }
        for x in &p {
            let paragraph = &statement.paragraphs[x.paragraph].text;
            assert!(
                paragraph.contains(&x.text),
                "{:?} is not in {paragraph:?}",
                x.text
            );
            if x.origin.source != crate::pledge::Source::Own {
                assert!(
                    !x.text.starts_with(&x.actor) || x.actor.is_empty(),
                    "the carried actor {:?} is glued onto {:?}",
                    x.actor,
                    x.text
                );
            }
        }
    }

    /// The pledges of `text` read with the genre profile `genre` (none
    /// for `None`) of `lexicon`, as (actor, verb) pairs.
    fn read_as(text: &str, genre: Option<&str>, lexicon: &Lexicon) -> Vec<(String, String)> {
        let mut s = crate::segment::statement_from_text(text);
        s.genre = genre.map(str::to_string);
        extract(&s, lexicon)
            .into_iter()
            .map(|p| (p.actor, p.verb))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, v)| (a.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn without_a_genre_nothing_changes() {
        let lex = Lexicon::builtin();
        let text = "Stresses the importance of safe navigation.";
        assert_eq!(read_as(text, None, &lex), pairs(&[("", "recognize")]));
    }

    #[test]
    fn a_genres_speaker_is_the_actor_of_a_clause_without_a_subject() {
        let lex = Lexicon::builtin();
        let text = "Stresses the importance of safe navigation.";
        assert_eq!(
            read_as(text, Some("un-resolution"), &lex),
            pairs(&[("The General Assembly", "recognize")])
        );
        // The statement's own opening line still names its speaker.
        let own = "The Security Council,\n\nStresses the importance of safe navigation.";
        assert_eq!(
            read_as(own, Some("un-resolution"), &lex),
            pairs(&[("The Security Council", "recognize")])
        );
    }

    #[test]
    fn a_genre_lead_in_is_completed_by_a_bare_verb_item() {
        let lex = Lexicon::builtin();
        // "States" is no word a lead ends with, so the item's own verb
        // is its pledge; under the profile's lead-in the item is what the
        // Assembly urges.
        let text = "The General Assembly,\n\n1. Urges Member States:\n\n(a) support the regional fund for displaced persons;";
        assert_eq!(
            read_as(text, None, &lex),
            pairs(&[
                ("The General Assembly", "urge"),
                ("The General Assembly", "support")
            ])
        );
        assert_eq!(
            read_as(text, Some("un-resolution"), &lex),
            pairs(&[("The General Assembly", "urge")])
        );
    }

    #[test]
    fn a_lead_in_naming_a_genre_actor_gives_its_items_that_actor() {
        let lex = Lexicon::builtin();
        let text = "The Council:\n\n1. Recalls its conclusions on energy security.\n\n2. Welcomes the new storage targets.";
        assert_eq!(
            read_as(text, None, &lex),
            pairs(&[("", "note"), ("", "welcome")])
        );
        // The profile's first actor is the European Council; the lead-in
        // names the Council, which its items speak for.
        assert_eq!(
            read_as(text, Some("eu-council"), &lex),
            pairs(&[("The Council", "note"), ("The Council", "welcome")])
        );
    }

    #[test]
    fn a_genre_actor_in_a_that_clause_makes_the_undertaking_the_speakers() {
        let lex = Lexicon::builtin();
        // "that the Allies will …" reports one party's undertaking unless
        // the Allies are the ones speaking.
        let text = "The Ministers affirmed that the Allies will expand air defence.";
        let verbs = |genre| -> Vec<String> {
            read_as(text, genre, &lex)
                .into_iter()
                .map(|(_, v)| v)
                .collect()
        };
        assert_eq!(verbs(None), ["affirm"]);
        assert_eq!(verbs(Some("alliance")), ["will"]);
    }

    #[test]
    fn a_lexicon_genre_makes_its_actor_the_speaker() {
        // "may" said by someone who pledges nothing else weighs a risk; a
        // profile that names the Board of Governors as its speaker makes it
        // the Board's own power, and "and the Board … will" its pledge.
        let lex = Lexicon::with_text(
            "mine.yaml",
            "genres:\n  agency:\n    actors: [the Board of Governors]\n",
        )
        .unwrap();
        let text = "The Board of Governors may publish an annual review.";
        assert_eq!(read_as(text, None, &lex), pairs(&[]));
        assert_eq!(
            read_as(text, Some("agency"), &lex),
            pairs(&[("The Board of Governors", "will")])
        );
    }
}
