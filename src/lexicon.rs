//! The strength lexicon, topic list and genre profiles: shared reference
//! data for the segment and pledge stages.
//!
//! They live in YAML files under `data/` that are embedded in the binary and
//! parsed once, on first use. A user file given with `--lexicon` extends or
//! overrides them; its errors name the file and line.

use std::path::Path;
use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::grammar::{Grammar, RawGrammar};
use crate::quantities::{Quantities, RawQuantities};

/// The YAML sources, kept for the line numbers of error messages.
const BUILTIN_LEXICON: &str = include_str!("../data/lexicon.yaml");
/// The same data as JSON, written by `build.rs`: JSON loads in a fraction
/// of the time YAML takes, and the lexicon is loaded by every run.
const BUILTIN_LEXICON_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.json"));
const BUILTIN_TOPICS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/topics.json"));
const BUILTIN_STRENGTH_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/strength.json"));
const BUILTIN_GRAMMAR_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/grammar.json"));
const BUILTIN_QUANTITIES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/quantities.json"));
const BUILTIN_GENRES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/genres.json"));

/// Family of a pledge verb: scales are ordered within a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// note < recognize < welcome < support < affirm = commit.
    Position,
    /// invite < encourage < call upon < urge < demand.
    Call,
    /// concern < oppose < condemn.
    Concern,
}

// The raw entries are generic over their strings: the embedded data is
// read as `&'static str` borrowed from the binary, a user file as `String`
// (YAML cannot be borrowed from) which is then leaked, since a lexicon
// lives as long as the process.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVerb<S> {
    lemma: S,
    family: Family,
    force: u8,
    forms: Vec<S>,
    #[serde(default)]
    opens_only: bool,
    #[serde(default)]
    restates: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModal<S> {
    word: S,
    force: u8,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic<S> {
    id: S,
    // `default` alone would make serde ask for `S: Default`.
    #[serde(default = "Option::default")]
    label: Option<S>,
    patterns: Vec<S>,
    #[serde(default = "Vec::new")]
    except: Vec<S>,
}

/// A genre profile as read (`data/genres.yaml`, or a `genres:` entry of a
/// `--lexicon` file).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGenre<S> {
    #[serde(default = "Option::default")]
    label: Option<S>,
    #[serde(default = "Vec::new")]
    actors: Vec<S>,
    #[serde(default = "Vec::new")]
    lead_ins: Vec<S>,
    #[serde(default = "Vec::new")]
    topics: Vec<S>,
}

/// A noun naming a stance, and the verb whose force it carries.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStance<S> {
    noun: S,
    verb: S,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPossessive<S> {
    word: S,
    holder: S,
}

/// Weights of the strength model (`data/strength.yaml`); a user file sets
/// only those it names.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeights {
    force: Option<i32>,
    modal: Option<i32>,
    booster: Option<i32>,
    strong_booster: Option<i32>,
    hedge: Option<i32>,
    time_limit: Option<i32>,
    quantity: Option<i32>,
    scope: Option<i32>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMatching {
    floor: Option<f64>,
    tie: Option<f64>,
    part: Option<f64>,
    model_floor: Option<f64>,
    framing: Option<u8>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStrength {
    #[serde(default)]
    weights: RawWeights,
    #[serde(default)]
    matching: RawMatching,
}

impl RawStrength {
    /// `self` with every value that `user` sets replaced.
    fn overridden_by(self, user: RawStrength) -> RawStrength {
        let (w, u) = (self.weights, user.weights);
        RawStrength {
            weights: RawWeights {
                force: u.force.or(w.force),
                modal: u.modal.or(w.modal),
                booster: u.booster.or(w.booster),
                strong_booster: u.strong_booster.or(w.strong_booster),
                hedge: u.hedge.or(w.hedge),
                time_limit: u.time_limit.or(w.time_limit),
                quantity: u.quantity.or(w.quantity),
                scope: u.scope.or(w.scope),
            },
            matching: RawMatching {
                floor: user.matching.floor.or(self.matching.floor),
                tie: user.matching.tie.or(self.matching.tie),
                part: user.matching.part.or(self.matching.part),
                model_floor: user.matching.model_floor.or(self.matching.model_floor),
                framing: user.matching.framing.or(self.matching.framing),
            },
        }
    }
}

/// Points each feature adds to a pledge's strength (see
/// `data/strength.yaml`, where every weight is explained).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weights {
    /// Per step of verb force.
    pub force: i32,
    /// Per step of modal force away from the plain indicative.
    pub modal: i32,
    /// Per plain booster.
    pub booster: i32,
    /// Per upper-grade booster.
    pub strong_booster: i32,
    /// Per hedge (negative).
    pub hedge: i32,
    /// Per deadline or interval.
    pub time_limit: i32,
    /// To the side of a compared pair whose binding quantity is stronger.
    pub quantity: i32,
    /// To the side of a compared pair whose scope is wider.
    pub scope: i32,
}

/// How pledges of two statements are paired (`data/strength.yaml`,
/// `matching:`; docs/calibration.md says how the floor was chosen).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchSettings {
    /// Least similarity for two pledges to be paired.
    pub floor: f64,
    /// Candidates within this much similarity of each other are ranked by
    /// paragraph alignment first.
    pub tie: f64,
    /// Least share of a left-over pledge's content terms that a paired
    /// pledge nearby must say for the left-over one to be read as merged
    /// into it (or split off it) rather than dropped (or added).
    pub part: f64,
    /// Least mean of the stems' cosine and a meaning model's (`--model`)
    /// for two pledges the stems leave apart to be paired.
    pub model_floor: f64,
    /// Highest force of a `position` verb whose clause only frames a
    /// pledge of its sentence, as an opening participle ("Recognizing these
    /// efforts, the leaders welcomed …") or coordinated with it: left
    /// without a partner, it is neither added nor dropped beside a paired
    /// pledge, and is reported with one that is added or dropped.
    pub framing: u8,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon<S> {
    #[serde(default)]
    strength: RawStrength,
    #[serde(default = "Vec::new")]
    connectives: Vec<S>,
    #[serde(default = "Vec::new")]
    stances: Vec<RawStance<S>>,
    #[serde(default = "Vec::new")]
    possessives: Vec<RawPossessive<S>>,
    #[serde(default = "Vec::new")]
    example_markers: Vec<S>,
    #[serde(default = "Vec::new")]
    prepositions: Vec<S>,
    #[serde(default = "Vec::new")]
    self_references: Vec<S>,
    #[serde(default = "Vec::new")]
    abbreviations: Vec<S>,
    #[serde(default = "Vec::new")]
    verbs: Vec<RawVerb<S>>,
    #[serde(default = "Vec::new")]
    modals: Vec<RawModal<S>>,
    #[serde(default = "Vec::new")]
    boosters: Vec<S>,
    #[serde(default = "Vec::new")]
    strong_boosters: Vec<S>,
    #[serde(default = "Vec::new")]
    hedges: Vec<S>,
    #[serde(default = "Vec::new")]
    negations: Vec<S>,
    #[serde(default = "Vec::new")]
    stopwords: Vec<S>,
    #[serde(default = "Vec::new")]
    topics: Vec<RawTopic<S>>,
    #[serde(default = "Vec::new")]
    equivalents: Vec<Vec<S>>,
    #[serde(default)]
    grammar: RawGrammar<S>,
    #[serde(default)]
    quantities: RawQuantities<S>,
    /// Genre profiles by id, in id order.
    #[serde(
        default = "std::collections::BTreeMap::new",
        bound(deserialize = "S: Deserialize<'de> + Ord")
    )]
    genres: std::collections::BTreeMap<S, RawGenre<S>>,
}

/// A string of the lexicon: borrowed from the binary for the embedded
/// data, leaked from a user file (read once per process).
pub type Word = &'static str;

pub(crate) use crate::grammar::{leak, lower};

impl RawLexicon<String> {
    /// The same entries with process-lifetime strings.
    fn leak(self) -> RawLexicon<Word> {
        let all = |v: Vec<String>| v.into_iter().map(leak).collect::<Vec<_>>();
        RawLexicon {
            strength: self.strength,
            connectives: all(self.connectives),
            example_markers: all(self.example_markers),
            prepositions: all(self.prepositions),
            self_references: all(self.self_references),
            abbreviations: all(self.abbreviations),
            stances: self
                .stances
                .into_iter()
                .map(|x| RawStance {
                    noun: leak(x.noun),
                    verb: leak(x.verb),
                })
                .collect(),
            possessives: self
                .possessives
                .into_iter()
                .map(|x| RawPossessive {
                    word: leak(x.word),
                    holder: leak(x.holder),
                })
                .collect(),
            verbs: self
                .verbs
                .into_iter()
                .map(|v| RawVerb {
                    lemma: leak(v.lemma),
                    family: v.family,
                    force: v.force,
                    forms: all(v.forms),
                    opens_only: v.opens_only,
                    restates: v.restates,
                })
                .collect(),
            modals: self
                .modals
                .into_iter()
                .map(|m| RawModal {
                    word: leak(m.word),
                    force: m.force,
                })
                .collect(),
            boosters: all(self.boosters),
            strong_boosters: all(self.strong_boosters),
            hedges: all(self.hedges),
            negations: all(self.negations),
            stopwords: all(self.stopwords),
            topics: self
                .topics
                .into_iter()
                .map(|t| RawTopic {
                    id: leak(t.id),
                    label: t.label.map(leak),
                    patterns: all(t.patterns),
                    except: all(t.except),
                })
                .collect(),
            equivalents: self.equivalents.into_iter().map(all).collect(),
            grammar: self.grammar.leak(),
            quantities: self.quantities.leak(),
            genres: self
                .genres
                .into_iter()
                .map(|(id, g)| {
                    (
                        leak(id),
                        RawGenre {
                            label: g.label.map(leak),
                            actors: all(g.actors),
                            lead_ins: all(g.lead_ins),
                            topics: all(g.topics),
                        },
                    )
                })
                .collect(),
        }
    }
}

/// A pledge verb.
#[derive(Debug, Clone, PartialEq)]
pub struct Verb {
    /// Dictionary form shown to users ("call upon").
    pub lemma: Word,
    /// Its scale.
    pub family: Family,
    /// Ordinal force, comparable across families.
    pub force: u8,
    /// Counts only as a sentence's first pledge verb, never inside a clause.
    pub opens_only: bool,
    /// Restates a stance named by its object ("reaffirmed their
    /// commitment", "reiterated the importance of"): the pledge takes that
    /// stance's verb (see [`Lexicon::stances`]).
    pub restates: bool,
}

/// A topic and the phrases that signal it.
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    /// Stable id used in JSON and `--topic`.
    pub id: Word,
    /// Human label.
    pub label: Word,
    /// Lower-case phrases, each split into words.
    pub patterns: Vec<Phrase>,
    /// Phrases in which a pattern names something else ("space heating",
    /// "fiscal space"): a match inside one does not count.
    pub except: Vec<Phrase>,
}

/// Topic patterns at least this long (in bytes) also match longer words
/// that start with them ("cyber" → "cyberspace"); shorter ones ("ai",
/// "scs") match whole words only.
pub const TOPIC_PREFIX_MIN: usize = 5;

/// A phrase of one or more lower-case words.
pub type Phrase = Vec<Word>;

/// `w` without its final possessive "'s" (each one, as `trim_end_matches`
/// would). Written with `strip_suffix`: a `&str` pattern given to
/// `trim_end_matches` builds a substring searcher on every call, and this
/// runs for every word of every statement.
pub fn without_possessive(mut w: &str) -> &str {
    while let Some(rest) = w.strip_suffix("'s") {
        w = rest;
    }
    w
}

/// The compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// The run's sentence-meaning model, if it has one (`--model`): a
    /// second opinion for pairing, shared like the rest of the lexicon
    /// by every comparison of the run.
    pub meaning: Option<crate::meaning::SharedMeaning>,
    /// Weights of the strength model.
    pub weights: Weights,
    /// Pairing settings.
    pub matching: MatchSettings,
    /// Discourse connectives and sentence adverbs ("additionally",
    /// "accordingly"): they link a sentence to the one before and change
    /// no pledge, so a pair differing only in them is no change.
    pub connectives: rustc_hash::FxHashSet<Word>,
    /// Phrases that introduce examples ("including", "such as"): a list
    /// after one illustrates the pledge's object rather than bounding it.
    pub example_markers: Vec<Phrase>,
    /// Last words of `example_markers`, for a quick first check.
    pub example_marker_ends: rustc_hash::FxHashSet<Word>,
    /// Stems of `connectives`, as content terms carry them.
    pub connective_stems: rustc_hash::FxHashSet<String>,
    /// Prepositions: one ends the head of a verb's object ("support for
    /// …"), so an adjective past it describes something else.
    pub prepositions: rustc_hash::FxHashSet<Word>,
    /// Words by which speakers name themselves as a clause's subject
    /// ("confirmed that they will"): the clause's undertaking is theirs.
    pub self_references: rustc_hash::FxHashSet<Word>,
    /// Abbreviations whose full stop ends no sentence ("Mr.", "No.",
    /// "e.g."), lower case, without the final stop.
    pub abbreviations: rustc_hash::FxHashSet<Word>,
    /// Stance nouns → index of the verb whose force they carry
    /// ("commitment" → commit), for verbs that restate ([`Verb::restates`]).
    pub stances: FxHashMap<Word, usize>,
    /// Possessive words → who holds what they qualify ("our" → "we"): in
    /// a nominal pledge ("The plan has our support") the holder is the
    /// one who pledges.
    pub possessives: FxHashMap<Word, Word>,
    /// Pledge verbs.
    pub verbs: Vec<Verb>,
    /// Verb forms as word sequences, with the verb they belong to; longest first.
    pub verb_forms: Vec<(Phrase, usize)>,
    /// Modal word → force.
    pub modals: FxHashMap<Word, u8>,
    /// Booster phrases.
    pub boosters: Vec<Phrase>,
    /// Hedge phrases.
    pub hedges: Vec<Phrase>,
    /// Negation phrases.
    pub negations: Vec<Phrase>,
    /// Stop words.
    pub stopwords: rustc_hash::FxHashSet<Word>,
    /// Topics.
    pub topics: Vec<Topic>,
    /// Single-word verb form → canonical "equal force" class, so that
    /// synonym swaps do not count as content changes.
    pub synonym_class: FxHashMap<Word, Word>,
    /// First word → indices into `verb_forms` (longest form first).
    pub verb_index: FxHashMap<Word, Vec<usize>>,
    /// First word → indices into `boosters`.
    pub booster_index: FxHashMap<Word, Vec<usize>>,
    /// First word → indices into `hedges`.
    pub hedge_index: FxHashMap<Word, Vec<usize>>,
    /// First word → indices into `negations`.
    pub negation_index: FxHashMap<Word, Vec<usize>>,
    /// Boosters of the upper grade ("gravely", "ironclad"), as their words
    /// joined by spaces: one of them for a plain one ("deeply") is a
    /// stronger pledge, not a mere change of wording.
    pub strong_boosters: Vec<String>,
    /// One-word boosters, which may stand inside a multi-word verb form.
    pub single_boosters: rustc_hash::FxHashSet<Word>,
    /// Every word of a topic pattern of several words (matched in any
    /// order, close together).
    pub topic_phrase_words: rustc_hash::FxHashSet<Word>,
    /// Topic patterns of several words by their first content word (stop
    /// words left out): only a pattern whose first content word a clause
    /// has can match there in any order.
    pub topic_phrases_by_word: FxHashMap<Word, Vec<(usize, usize)>>,
    /// Topic patterns matched from their first word: first word →
    /// (topic, pattern) pairs.
    pub topic_by_first: FxHashMap<Word, Vec<(usize, usize)>>,
    /// One-word topic patterns matched as word prefixes: prefix → topics.
    pub topic_prefixes: FxHashMap<Word, Vec<usize>>,
    /// Lengths (in bytes) of the prefixes in `topic_prefixes`, ascending.
    pub topic_prefix_lengths: Vec<usize>,
    /// Equal-meaning phrases as stem sequences, longest first, with the
    /// term they all fold into.
    pub equivalents: Vec<(Vec<String>, Term)>,
    /// First stems of equivalent phrases, for a fast first check.
    pub equivalent_starts: rustc_hash::FxHashSet<String>,
    /// Every word that starts an entry of some list above, with a bit per
    /// list ([`WordFlags`]): one look-up tells the pledge stage which of
    /// the many lists a word can start, and most words start none.
    pub first_words: FxHashMap<Word, WordFlags>,
    /// The English grammar words clauses are read with
    /// (`data/grammar.yaml`).
    pub grammar: Grammar,
    /// The English words of quantities and what each stands for
    /// (`data/quantities.yaml`).
    pub quantities: Quantities,
    /// Genre profiles (`data/genres.yaml`), in id order.
    pub genres: Vec<Genre>,
}

/// A genre profile: how a kind of statement names its speaker and opens
/// its lists (see `data/genres.yaml`, where each field is explained).
#[derive(Debug, Clone, PartialEq)]
pub struct Genre {
    /// Id used in front matter (`genre:`) and `--genre`.
    pub id: Word,
    /// What the genre is.
    pub label: Word,
    /// How the genre names the speaker, as written ("the Ministers").
    pub actors: Vec<Word>,
    /// Last words of `actors`, lower case: each names the speaker right
    /// before a verb or as a that-clause's subject.
    pub actor_heads: rustc_hash::FxHashSet<Word>,
    /// Lower-case first words of a paragraph that opens a list.
    pub lead_ins: Vec<Phrase>,
    /// The genre's usual topic ids.
    pub topics: Vec<Word>,
}

impl Genre {
    /// The speaker's name for a pledge without a subject: the first actor,
    /// with a capital ("The Ministers").
    pub fn speaker(&self) -> Option<String> {
        let first = self.actors.first()?;
        let mut c = first.chars();
        let head = c.next()?;
        Some(head.to_uppercase().chain(c).collect())
    }

    /// Does a paragraph of these (lower-case) words, ending in a colon,
    /// open with one of the profile's lead-ins?
    pub fn opens_list(&self, words: &[&str]) -> bool {
        self.lead_ins
            .iter()
            .any(|l| words.len() >= l.len() && words[..l.len()] == l[..])
    }

    /// The actor of the profile that `text` (a lead-in without its colon)
    /// names in full, as written there: "The Council:" names "The Council".
    pub fn actor_named(&self, text: &str) -> Option<String> {
        let t = text.trim().trim_end_matches(':').trim();
        self.actors
            .iter()
            .any(|a| a.eq_ignore_ascii_case(t))
            .then(|| t.to_string())
    }
}

/// Which lexicon lists a word may start, as bits (see
/// [`Lexicon::word_flags`]).
pub type WordFlags = u16;

/// Bits of [`WordFlags`].
pub mod flag {
    use super::WordFlags;
    /// Starts a verb form (`verb_index`).
    pub const VERB: WordFlags = 1;
    /// Is a modal.
    pub const MODAL: WordFlags = 1 << 1;
    /// Starts a booster phrase.
    pub const BOOSTER: WordFlags = 1 << 2;
    /// Starts a hedge phrase.
    pub const HEDGE: WordFlags = 1 << 3;
    /// Starts a negation phrase.
    pub const NEGATION: WordFlags = 1 << 4;
    /// Starts a topic pattern as is (`topic_by_first`).
    pub const TOPIC: WordFlags = 1 << 5;
    /// Starts a topic pattern once a possessive `'s` is cut off.
    pub const TOPIC_STEM: WordFlags = 1 << 6;
    /// Its first `topic_prefix_lengths[0]` bytes begin some topic prefix
    /// (only set for that head itself in `first_words`).
    pub const TOPIC_HEAD: WordFlags = 1 << 7;
    /// May open a quantity other than a numeral
    /// ([`crate::quantities::Quantities::opening_words`]).
    pub const QUANTITY: WordFlags = 1 << 8;
}

static STEMMER: LazyLock<rust_stemmers::Stemmer> =
    LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));

thread_local! {
    /// Statements reuse a small vocabulary; stemming each word once per
    /// thread saves most of the stemmer's time.
    static STEMS: std::cell::RefCell<FxHashMap<String, Term>> = std::cell::RefCell::new(
        FxHashMap::with_capacity_and_hasher(STEM_CACHE_START, Default::default()),
    );
}

/// Room the stem cache starts with: the distinct words of a pair of
/// statements and the lexicon's phrases (some 600 for the history pair),
/// which a cache grown from empty rehashed nine times to reach.
const STEM_CACHE_START: usize = 1024;

/// A content term or stem. Shared, not copied: a term is cloned into every
/// pledge and comparison that mentions its word.
pub type Term = Arc<str>;

/// Most distinct words the stem cache holds before it starts over.
const STEM_CACHE_LIMIT: usize = 200_000;

/// English stem of a lower-case word.
pub fn stem(word: &str) -> String {
    stem_shared(word).to_string()
}

/// [`stem`], shared with every other caller that stems the same word.
pub fn stem_shared(word: &str) -> Term {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(s) = cache.get(word) {
            return s.clone();
        }
        let s = match built_stem(word) {
            Some(s) => Term::from(s),
            None => Term::from(STEMMER.stem(word)),
        };
        if cache.len() >= STEM_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(word.to_string(), s.clone());
        s
    })
}

// `STEM_TABLE`, `STEM_WORD_AT` and `STEM_AT`: the words of the embedded
// data with their stems, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/stems.rs"));

/// Word `i` of build.rs's table and its stem.
fn built_entry(i: usize) -> (&'static str, &'static str) {
    let (word, stem, end) = (STEM_WORD_AT[i], STEM_AT[i], STEM_WORD_AT[i + 1]);
    (
        &STEM_TABLE[word as usize..stem as usize],
        &STEM_TABLE[stem as usize..end as usize],
    )
}

/// The stem build.rs found for `word`, when it is a word of the embedded
/// data: a binary search of the table in place of the stemmer.
fn built_stem(word: &str) -> Option<&'static str> {
    let (mut low, mut high) = (0, STEM_AT.len());
    while low < high {
        let mid = (low + high) / 2;
        let (w, stem) = built_entry(mid);
        match w.cmp(word) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return Some(stem),
        }
    }
    None
}

static BUILTIN: LazyLock<Arc<Lexicon>> = LazyLock::new(|| {
    Arc::new(
        compile(builtin_raw(), "data/lexicon.yaml", BUILTIN_LEXICON)
            .expect("embedded lexicon compiles"),
    )
});

/// The embedded lexicon and topics, before compiling. Their strings are
/// borrowed from the JSON in the binary (build.rs makes sure none needs
/// unescaping), so loading them allocates no string.
fn builtin_raw() -> RawLexicon<Word> {
    let parse = |json: &'static str| -> RawLexicon<Word> {
        serde_json::from_str(json).expect("build.rs wrote the embedded data from valid YAML")
    };
    let mut raw = parse(BUILTIN_LEXICON_JSON);
    raw.topics = parse(BUILTIN_TOPICS_JSON).topics;
    raw.grammar = parse(BUILTIN_GRAMMAR_JSON).grammar;
    raw.quantities = parse(BUILTIN_QUANTITIES_JSON).quantities;
    raw.genres = parse(BUILTIN_GENRES_JSON).genres;
    raw.strength = serde_json::from_str(BUILTIN_STRENGTH_JSON)
        .expect("build.rs wrote the embedded strength model from valid YAML");
    raw
}

impl Lexicon {
    /// The embedded lexicon, parsed on first use.
    pub fn builtin() -> Arc<Lexicon> {
        BUILTIN.clone()
    }

    /// The embedded lexicon extended by a user file.
    ///
    /// The file's strings are kept until the process ends (see [`Word`]):
    /// load a file once and share the returned `Arc`, rather than loading
    /// it again for each statement.
    pub fn with_file(path: &Path) -> Result<Arc<Lexicon>> {
        let name = path.display().to_string();
        let text = crate::read::file::read_input(path)?;
        let text = crate::read::decode(&name, &text)?;
        Self::with_text(&name, &text)
    }

    /// The embedded lexicon extended by YAML text (`name` for messages).
    /// Like [`Lexicon::with_file`], it keeps the text's strings until the
    /// process ends.
    pub fn with_text(name: &str, text: &str) -> Result<Arc<Lexicon>> {
        let user = parse_raw(name, text)?.leak();
        let mut raw = builtin_raw();
        override_by(&mut raw.verbs, user.verbs, |v| v.lemma);
        override_by(&mut raw.modals, user.modals, |m| m.word);
        raw.strength = raw.strength.overridden_by(user.strength);
        raw.connectives.extend(user.connectives);
        raw.example_markers.extend(user.example_markers);
        raw.prepositions.extend(user.prepositions);
        raw.self_references.extend(user.self_references);
        raw.abbreviations.extend(user.abbreviations);
        override_by(&mut raw.stances, user.stances, |x| x.noun);
        override_by(&mut raw.possessives, user.possessives, |x| x.word);
        raw.boosters.extend(user.boosters);
        raw.strong_boosters.extend(user.strong_boosters);
        raw.hedges.extend(user.hedges);
        raw.negations.extend(user.negations);
        raw.stopwords.extend(user.stopwords);
        raw.equivalents.extend(user.equivalents);
        raw.grammar.extend(user.grammar);
        raw.quantities.extend(user.quantities);
        // A user profile with a built-in id extends it; a new id adds one.
        for (id, g) in user.genres {
            match raw.genres.get_mut(id) {
                Some(existing) => {
                    existing.actors.extend(g.actors);
                    existing.lead_ins.extend(g.lead_ins);
                    existing.topics.extend(g.topics);
                    if g.label.is_some() {
                        existing.label = g.label;
                    }
                }
                None => {
                    raw.genres.insert(id, g);
                }
            }
        }
        // Topics by id, found through a map: a search of the list for each
        // user topic was quadratic in a large lexicon.
        let mut topic_at: FxHashMap<Word, usize> = raw
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        for t in user.topics {
            if let Some(existing) = topic_at.get(&t.id).map(|&i| &mut raw.topics[i]) {
                existing.patterns.extend(t.patterns);
                existing.except.extend(t.except);
                if t.label.is_some() {
                    existing.label = t.label;
                }
            } else {
                topic_at.insert(t.id, raw.topics.len());
                raw.topics.push(t);
            }
        }
        Ok(Arc::new(compile(raw, name, text)?))
    }

    /// Genre profile by id.
    pub fn genre(&self, id: &str) -> Option<&Genre> {
        self.genres.iter().find(|g| g.id == id)
    }

    /// The ids of the genre profiles, comma-separated (for messages).
    pub fn genre_ids(&self) -> String {
        let ids: Vec<&str> = self.genres.iter().map(|g| g.id).collect();
        ids.join(", ")
    }

    /// Topic by id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The lists a lower-case word may start ([`flag`] bits; 0 for most
    /// words).
    pub fn word_flags(&self, w: &str) -> WordFlags {
        let mut f = self.first_words.get(w).copied().unwrap_or(0) & !flag::TOPIC_HEAD;
        // The pledge stage also tries a word without its possessive.
        let base = without_possessive(w);
        if base.len() < w.len()
            && self
                .first_words
                .get(base)
                .is_some_and(|b| b & flag::TOPIC != 0)
        {
            f |= flag::TOPIC_STEM;
        }
        let shortest = self
            .topic_prefix_lengths
            .first()
            .copied()
            .unwrap_or(usize::MAX);
        if w.get(..shortest)
            .and_then(|h| self.first_words.get(h))
            .is_some_and(|b| b & flag::TOPIC_HEAD != 0)
        {
            f |= flag::TOPIC_HEAD;
        }
        f
    }
}

/// Replaces entries of `base` by the user's entries with the same key, as
/// removing the old entry and appending the new one for each user entry
/// in turn would (a later user entry wins, and stands where it stood),
/// but in linear time: that removal scanned the whole list per entry.
fn override_by<T, K: std::hash::Hash + Eq>(base: &mut Vec<T>, user: Vec<T>, key: impl Fn(&T) -> K) {
    let mut last: FxHashMap<K, usize> = FxHashMap::default();
    for (i, u) in user.iter().enumerate() {
        last.insert(key(u), i);
    }
    base.retain(|b| !last.contains_key(&key(b)));
    base.extend(
        user.into_iter()
            .enumerate()
            .filter(|(i, u)| last.get(&key(u)) == Some(i))
            .map(|(_, u)| u),
    );
}

fn parse_raw(name: &str, text: &str) -> Result<RawLexicon<String>> {
    if text.trim().is_empty() {
        return Ok(RawLexicon::default());
    }
    crate::read::nesting::check_flow_depth(name, text, 1, "lexicon")?;
    serde_yaml::from_str(text).map_err(|e| {
        Error::yaml(
            name,
            &e,
            "lexicon",
            "see data/lexicon.yaml in the pledgediff sources for the expected shape",
        )
    })
}

fn phrase(s: Word) -> Phrase {
    s.split_whitespace().map(lower).collect()
}

/// Line of the entry that names `needle`: a `key: needle` line (list dash
/// and quotes allowed) when there is one, else the first line containing it.
fn line_containing(text: &str, needle: &str) -> Option<usize> {
    let exact = text.lines().position(|l| {
        let l = l.trim().trim_start_matches("- ").trim();
        l.split_once(':').is_some_and(|(_, v)| {
            let v = v.trim();
            // A quoted value may hold escapes (`"a\"b"`): compare it as YAML
            // reads it. This runs only when reporting an error.
            v.trim_matches(['"', '\'']) == needle
                || serde_yaml::from_str::<String>(v).is_ok_and(|s| s == needle)
        })
    });
    exact
        .or_else(|| text.lines().position(|l| l.contains(needle)))
        .map(|i| i + 1)
}

fn compile(raw: RawLexicon<Word>, name: &str, text: &str) -> Result<Lexicon> {
    let bad = |needle: &str, problem: String| {
        Error::data(
            Location {
                file: name.to_string(),
                line: line_containing(text, needle),
                column: None,
            },
            problem,
            "fix that entry of the lexicon file",
        )
    };
    let w = raw.strength.weights;
    let missing = |key: &str| bad(key, format!("strength: weight `{key}` is not set"));
    let weights = Weights {
        force: w.force.ok_or_else(|| missing("force"))?,
        modal: w.modal.ok_or_else(|| missing("modal"))?,
        booster: w.booster.ok_or_else(|| missing("booster"))?,
        strong_booster: w.strong_booster.ok_or_else(|| missing("strong_booster"))?,
        hedge: w.hedge.ok_or_else(|| missing("hedge"))?,
        time_limit: w.time_limit.ok_or_else(|| missing("time_limit"))?,
        quantity: w.quantity.ok_or_else(|| missing("quantity"))?,
        scope: w.scope.ok_or_else(|| missing("scope"))?,
    };
    let m = raw.strength.matching;
    let matching = MatchSettings {
        floor: m.floor.ok_or_else(|| missing("floor"))?,
        tie: m.tie.ok_or_else(|| missing("tie"))?,
        part: m.part.ok_or_else(|| missing("part"))?,
        model_floor: m.model_floor.ok_or_else(|| missing("model_floor"))?,
        framing: m.framing.ok_or_else(|| missing("framing"))?,
    };
    // All are shares of something: above 0, at most 1.
    for (name, value) in [
        ("floor", matching.floor),
        ("part", matching.part),
        ("model_floor", matching.model_floor),
    ] {
        if !(value > 0.0 && value <= 1.0) {
            return Err(bad(
                &format!("{name}:"),
                format!("strength: matching {name} {value} must be above 0 and at most 1"),
            ));
        }
    }
    if !(0.0..=0.5).contains(&matching.tie) {
        return Err(bad(
            "tie:",
            format!("strength: matching tie {} must be 0 to 0.5", matching.tie),
        ));
    }
    // 0 frames nothing; above 7 would frame every position verb.
    if matching.framing > 7 {
        return Err(bad(
            "framing:",
            format!(
                "strength: matching framing {} must be a verb force, 0 to 7",
                matching.framing
            ),
        ));
    }
    let mut verbs = Vec::with_capacity(raw.verbs.len());
    let n_forms = raw.verbs.iter().map(|v| v.forms.len()).sum();
    let mut verb_forms = Vec::with_capacity(n_forms);
    let mut synonym_class = FxHashMap::with_capacity_and_hasher(n_forms, Default::default());
    for v in raw.verbs {
        if v.lemma.trim().is_empty() {
            return Err(bad("lemma:", "lexicon: a verb has an empty `lemma`".into()));
        }
        if !(1..=7).contains(&v.force) {
            return Err(bad(
                v.lemma,
                format!(
                    "lexicon: verb `{}` has force {} (must be 1 to 7)",
                    v.lemma, v.force
                ),
            ));
        }
        if v.forms.is_empty() || v.forms.iter().any(|f| f.trim().is_empty()) {
            return Err(bad(
                v.lemma,
                format!("lexicon: verb `{}` needs non-empty `forms`", v.lemma),
            ));
        }
        let idx = verbs.len();
        let class = leak(format!("~{:?}{}", v.family, v.force).to_lowercase());
        for f in &v.forms {
            let p = phrase(f);
            if p.len() == 1 {
                synonym_class.insert(p[0], class);
            }
            verb_forms.push((p, idx));
        }
        verbs.push(Verb {
            lemma: v.lemma,
            family: v.family,
            force: v.force,
            opens_only: v.opens_only,
            restates: v.restates,
        });
    }
    let mut stances = FxHashMap::default();
    for x in &raw.stances {
        let Some(k) = verbs.iter().position(|v| v.lemma == x.verb) else {
            return Err(bad(
                x.noun,
                format!(
                    "lexicon: stance `{}` names verb `{}`, which is no verb's lemma",
                    x.noun, x.verb
                ),
            ));
        };
        stances.insert(lower(x.noun), k);
    }
    // Longest forms first so "call upon" wins over a shorter match.
    verb_forms.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
    // Tables are sized up front: growing one rehashes it into fresh
    // memory, and a fresh process pays for every page it touches.
    let mut modals = FxHashMap::with_capacity_and_hasher(raw.modals.len(), Default::default());
    for m in raw.modals {
        if !(1..=4).contains(&m.force) {
            return Err(bad(
                m.word,
                format!(
                    "lexicon: modal `{}` has force {} (must be 1 to 4)",
                    m.word, m.force
                ),
            ));
        }
        modals.insert(lower(m.word), m.force);
    }
    let mut topics = Vec::new();
    for t in raw.topics {
        if t.id.trim().is_empty()
            || t.patterns
                .iter()
                .chain(&t.except)
                .any(|p| p.trim().is_empty())
        {
            return Err(bad(
                t.id,
                format!("topics: topic `{}` has an empty id or pattern", t.id),
            ));
        }
        topics.push(Topic {
            label: t.label.unwrap_or(t.id),
            patterns: t.patterns.iter().map(|p| phrase(p)).collect(),
            except: t.except.iter().map(|p| phrase(p)).collect(),
            id: t.id,
        });
    }
    let mut genres = Vec::with_capacity(raw.genres.len());
    for (&id, g) in &raw.genres {
        let valid_id = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid_id {
            return Err(bad(
                id,
                format!("genres: `{id}` is not a genre id (letters, digits and dashes)"),
            ));
        }
        if g.actors
            .iter()
            .chain(&g.lead_ins)
            .any(|p| p.trim().is_empty())
        {
            return Err(bad(
                id,
                format!("genres: genre `{id}` has an empty actor or lead-in"),
            ));
        }
        if let Some(t) = g
            .topics
            .iter()
            .find(|t| !topics.iter().any(|x| x.id == **t))
        {
            let known: Vec<&str> = topics.iter().map(|x| x.id).collect();
            return Err(bad(
                t,
                format!(
                    "genres: genre `{id}` names topic `{t}`, which is no topic's id (known: {})",
                    known.join(", ")
                ),
            ));
        }
        genres.push(Genre {
            id,
            label: g.label.unwrap_or(id),
            actors: g.actors.clone(),
            actor_heads: g
                .actors
                .iter()
                .filter_map(|a| phrase(a).last().copied())
                .collect(),
            lead_ins: g.lead_ins.iter().map(|l| phrase(l)).collect(),
            topics: g.topics.clone(),
        });
    }
    let phrases = |list: Vec<Word>| -> Vec<Phrase> {
        let mut v: Vec<Phrase> = list
            .iter()
            .map(|s| phrase(s))
            .filter(|p| !p.is_empty())
            .collect();
        v.sort_by_key(|p| std::cmp::Reverse(p.len()));
        v
    };
    let mut equivalents = Vec::new();
    let mut equivalent_starts =
        rustc_hash::FxHashSet::with_capacity_and_hasher(raw.equivalents.len(), Default::default());
    for group in &raw.equivalents {
        if group.len() < 2 || group.iter().any(|p| p.trim().is_empty()) {
            return Err(bad(
                group.first().copied().unwrap_or("equivalents"),
                "lexicon: an `equivalents` group needs two or more non-empty phrases".into(),
            ));
        }
        let canonical = Term::from(format!("\u{2248}{}", group[0].to_lowercase()));
        for p in group {
            let stems: Vec<String> = phrase(p).iter().map(|w| stem(w)).collect();
            equivalent_starts.insert(stems[0].clone());
            equivalents.push((stems, canonical.clone()));
        }
    }
    equivalents.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
    let index = |firsts: &mut dyn Iterator<Item = Word>| {
        let mut m: FxHashMap<Word, Vec<usize>> =
            FxHashMap::with_capacity_and_hasher(firsts.size_hint().0, Default::default());
        for (i, w) in firsts.enumerate() {
            m.entry(w).or_default().push(i);
        }
        m
    };
    let strong_boosters: Vec<String> = raw
        .strong_boosters
        .iter()
        .map(|b| phrase(b).join(" "))
        .filter(|b| !b.is_empty())
        .collect();
    let boosters = phrases(
        raw.boosters
            .into_iter()
            .chain(raw.strong_boosters)
            .collect(),
    );
    let hedges = phrases(raw.hedges);
    let negations = phrases(raw.negations);
    let n_patterns = topics.iter().map(|t| t.patterns.len()).sum();
    let mut topic_by_first: FxHashMap<Word, Vec<(usize, usize)>> =
        FxHashMap::with_capacity_and_hasher(n_patterns, Default::default());
    let mut topic_prefixes: FxHashMap<Word, Vec<usize>> = FxHashMap::default();
    for (ti, t) in topics.iter().enumerate() {
        for (pi, p) in t.patterns.iter().enumerate() {
            if p.len() == 1 && p[0].len() >= TOPIC_PREFIX_MIN {
                topic_prefixes.entry(p[0]).or_default().push(ti);
            } else {
                topic_by_first.entry(p[0]).or_default().push((ti, pi));
            }
        }
    }
    let mut topic_prefix_lengths: Vec<usize> = topic_prefixes.keys().map(|k| k.len()).collect();
    topic_prefix_lengths.sort_unstable();
    topic_prefix_lengths.dedup();
    let topic_prefix_heads = topic_prefixes
        .keys()
        .filter_map(|k| k.get(..topic_prefix_lengths.first().copied().unwrap_or(0)));
    let quantities = raw
        .quantities
        .compile()
        .map_err(|(word, problem)| bad(word, problem))?;
    let mut first_words: FxHashMap<Word, WordFlags> = FxHashMap::with_capacity_and_hasher(
        verb_forms.len()
            + modals.len()
            + boosters.len()
            + hedges.len()
            + negations.len()
            + topic_by_first.len()
            + topic_prefixes.len(),
        Default::default(),
    );
    let mut mark = |w: Word, bit: WordFlags| {
        *first_words.entry(w).or_default() |= bit;
    };
    for (p, _) in &verb_forms {
        mark(p[0], flag::VERB);
    }
    for &w in modals.keys() {
        mark(w, flag::MODAL);
    }
    for (list, bit) in [
        (&boosters, flag::BOOSTER),
        (&hedges, flag::HEDGE),
        (&negations, flag::NEGATION),
    ] {
        for p in list {
            mark(p[0], bit);
        }
    }
    for &w in topic_by_first.keys() {
        mark(w, flag::TOPIC);
    }
    for w in topic_prefix_heads {
        mark(w, flag::TOPIC_HEAD);
    }
    for w in quantities.opening_words() {
        mark(w, flag::QUANTITY);
    }
    Ok(Lexicon {
        meaning: None,
        genres,
        grammar: raw.grammar.compile(),
        quantities,
        weights,
        matching,
        connectives: raw.connectives.iter().map(|&s| lower(s)).collect(),
        example_marker_ends: raw
            .example_markers
            .iter()
            .filter_map(|s| phrase(s).last().copied())
            .collect(),
        example_markers: raw.example_markers.iter().map(|s| phrase(s)).collect(),
        topic_phrase_words: topics
            .iter()
            .flat_map(|t| t.patterns.iter().filter(|p| p.len() >= 2))
            .flatten()
            .copied()
            .collect(),
        topic_phrases_by_word: {
            let stop: rustc_hash::FxHashSet<Word> =
                raw.stopwords.iter().map(|&s| lower(s)).collect();
            let mut by: FxHashMap<Word, Vec<(usize, usize)>> = FxHashMap::default();
            for (t, topic) in topics.iter().enumerate() {
                for (pi, p) in topic.patterns.iter().enumerate() {
                    if p.len() < 2 {
                        continue;
                    }
                    if let Some(&first) = p.iter().find(|w| !stop.contains(*w)) {
                        by.entry(first).or_default().push((t, pi));
                    }
                }
            }
            by
        },
        connective_stems: raw
            .connectives
            .iter()
            .map(|&s| stem(&s.to_lowercase()))
            .collect(),
        prepositions: raw.prepositions.iter().map(|&s| lower(s)).collect(),
        self_references: raw.self_references.iter().map(|&s| lower(s)).collect(),
        abbreviations: raw
            .abbreviations
            .iter()
            .map(|&s| lower(s.trim_end_matches('.')))
            .collect(),
        stances,
        possessives: raw
            .possessives
            .iter()
            .map(|x| (lower(x.word), x.holder))
            .collect(),
        first_words,
        verb_index: index(&mut verb_forms.iter().map(|(p, _)| p[0])),
        booster_index: index(&mut boosters.iter().map(|p| p[0])),
        hedge_index: index(&mut hedges.iter().map(|p| p[0])),
        negation_index: index(&mut negations.iter().map(|p| p[0])),
        single_boosters: boosters
            .iter()
            .filter(|p| p.len() == 1)
            .map(|p| p[0])
            .collect(),
        topic_by_first,
        topic_prefixes,
        topic_prefix_lengths,
        equivalents,
        equivalent_starts,
        verbs,
        verb_forms,
        modals,
        boosters,
        strong_boosters,
        hedges,
        negations,
        stopwords: raw.stopwords.iter().map(|&s| lower(s)).collect(),
        topics,
        synonym_class,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_stems_are_the_stemmers_and_are_found() {
        assert!(STEM_AT.len() > 1000, "build.rs stems the data's words");
        for i in 0..STEM_AT.len() {
            let (word, stem) = built_entry(i);
            assert_eq!(STEMMER.stem(word), stem, "{word}");
            assert_eq!(built_stem(word), Some(stem), "{word}");
        }
        assert_eq!(built_stem("zzzz-not-in-the-data"), None);
        assert_eq!(built_stem(""), None);
    }

    #[test]
    fn without_possessive_strips_every_final_s_and_nothing_else() {
        assert_eq!(without_possessive("rok's"), "rok");
        assert_eq!(without_possessive("allies's's"), "allies");
        assert_eq!(without_possessive("its"), "its");
        assert_eq!(without_possessive("'s"), "");
        assert_eq!(without_possessive("o's-ward"), "o's-ward");
    }

    #[test]
    fn user_entries_replace_built_in_ones_as_one_by_one_removal_did() {
        // Regression: each user entry searched the whole list (quadratic);
        // the map must keep the order that removal and appending gave.
        let mut base = vec![("a", 1), ("b", 1), ("c", 1)];
        override_by(&mut base, vec![("b", 2), ("d", 2), ("b", 3)], |e| e.0);
        assert_eq!(base, [("a", 1), ("c", 1), ("d", 2), ("b", 3)]);
    }

    #[test]
    fn a_lexicon_file_can_add_strong_boosters() {
        let lex = Lexicon::with_text("user.yaml", "strong_boosters: [Categorically]").unwrap();
        assert!(lex.strong_boosters.iter().any(|b| b == "categorically"));
        assert!(lex.boosters.iter().any(|p| p == &["categorically"]));
        // The built-in grades stay.
        assert!(lex.strong_boosters.iter().any(|b| b == "gravely"));
        assert!(!lex.strong_boosters.iter().any(|b| b == "deeply"));
    }

    #[test]
    fn builtin_parses() {
        let l = Lexicon::builtin();
        assert!(l.verbs.iter().any(|v| v.lemma == "commit"));
        assert!(l.topic("article-v").is_some());
        assert_eq!(l.modals["shall"], 4);
        assert_eq!(l.synonym_class["reaffirmed"], l.synonym_class["reiterated"]);
        assert_ne!(l.synonym_class["noted"], l.synonym_class["committed"]);
    }

    #[test]
    fn user_file_overrides_and_extends() {
        let l = Lexicon::with_text(
            "mine.yaml",
            "verbs:\n  - lemma: welcome\n    family: position\n    force: 4\n    forms: [welcome, hail]\ntopics:\n  - id: arctic\n    patterns: [arctic]\n",
        )
        .unwrap();
        let w = l.verbs.iter().filter(|v| v.lemma == "welcome").count();
        assert_eq!(w, 1);
        assert!(l.topic("arctic").is_some());
    }

    /// The error message for a lexicon file `mine.yaml` holding `text`.
    fn error_for(text: &str) -> String {
        Lexicon::with_text("mine.yaml", text)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_lexicon_file_sets_the_framing_force_within_the_verb_scale() {
        assert_eq!(Lexicon::builtin().matching.framing, 2);
        let l =
            Lexicon::with_text("mine.yaml", "strength:\n  matching:\n    framing: 3\n").unwrap();
        assert_eq!(l.matching.framing, 3);
        let e = error_for("strength:\n  matching:\n    framing: 8\n");
        assert!(e.contains("framing 8 must be a verb force"), "{e}");
    }

    #[test]
    fn bad_entry_with_an_escaped_quote_names_its_line() {
        let e = error_for(
            "verbs:\n  - lemma: \"say \\\"yes\\\"\"\n    family: position\n    force: 9\n    forms: [say yes]\n",
        );
        assert!(e.starts_with("mine.yaml:2:"), "{e}");
    }

    #[test]
    fn bad_entry_names_file_and_line() {
        let e = error_for(
            "verbs:\n  - lemma: hail\n    family: position\n    force: 9\n    forms: [hail]\n",
        );
        assert!(e.starts_with("mine.yaml:2:"), "{e}");
        let e = error_for("verbs:\n  - lemma: x\n    colour: red\n");
        assert!(e.starts_with("mine.yaml:"), "{e}");
        assert!(e.contains("colour"), "{e}");
    }

    #[test]
    fn builtin_genres_name_their_speakers_lead_ins_and_known_topics() {
        let l = Lexicon::builtin();
        let ids: Vec<&str> = l.genres.iter().map(|g| g.id).collect();
        assert_eq!(
            ids,
            [
                "alliance",
                "communique",
                "eu-council",
                "leaders",
                "un-resolution"
            ]
        );
        let un = l.genre("un-resolution").unwrap();
        assert_eq!(un.speaker().as_deref(), Some("The General Assembly"));
        assert!(un.actor_heads.contains("council"));
        assert!(un.opens_list(&["urges", "member", "states"]));
        assert!(!un.opens_list(&["urges"]));
        assert!(l.genres.iter().all(|g| !g.topics.is_empty()));
    }

    #[test]
    fn a_lexicon_file_extends_a_genre_or_adds_one() {
        let l = Lexicon::with_text(
            "mine.yaml",
            "genres:\n  alliance:\n    actors: [the Defence Ministers]\n  agency:\n    label: agency board\n    actors: [the Board of Governors]\n    lead_ins: [the board decided to]\n",
        )
        .unwrap();
        let a = l.genre("alliance").unwrap();
        assert!(a.actor_heads.contains("ministers") && a.actors.contains(&"the Defence Ministers"));
        let b = l.genre("agency").unwrap();
        assert_eq!(b.label, "agency board");
        assert!(b.actor_heads.contains("governors"));
        assert!(b.opens_list(&["the", "board", "decided", "to", "act"]));
        assert_eq!(
            b.actor_named("The Board of Governors:").as_deref(),
            Some("The Board of Governors")
        );
    }

    #[test]
    fn a_genre_naming_an_unknown_topic_is_an_error_naming_its_line() {
        let e = error_for("genres:\n  agency:\n    topics: [nuclear-medicine]\n");
        assert!(e.starts_with("mine.yaml:3:"), "{e}");
        assert!(e.contains("nuclear-medicine") && e.contains("cyber"), "{e}");
        let e = error_for("genres:\n  agency:\n    speakers: [x]\n");
        assert!(e.contains("speakers"), "{e}");
    }
}
