//! Property tests: generated joint statements run through the library
//! pipeline (read → normalize → segment → align → diff → pledges → render)
//! and, for determinism, through the `report` command.
//!
//! Statements are built from templates ("The Ministers strongly supported
//! cooperation in cyberspace under the Cedar initiative, where
//! appropriate.") so that they exercise the pledge lexicon; every sentence
//! names its paragraph's own initiative, which keeps paragraphs distinct and
//! the alignment well defined. Edited versions are made by structural edits
//! (verbs, boosters, hedges, modals, objects; added, dropped, moved, split
//! and merged paragraphs) followed by raw word insertions, deletions and
//! replacements.
//!
//! Failures are not persisted to a regression file (the shrunk case is
//! printed with the statement texts instead).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use pledgediff::config::ReadSettings;
use pledgediff::diff::{Change, Op};
use pledgediff::lexicon::Lexicon;
use pledgediff::pledge::PledgeChangeKind;
use pledgediff::render::{json::diff_view, Context, DiffFormat, DiffReport, RenderOptions};
use pledgediff::segment::Statement;
use pledgediff::Comparison;
use proptest::prelude::*;
use proptest::sample::Index;

use crate::common::pledgediff;

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

const SUBJECTS: &[&str] = &[
    "The Ministers",
    "The two sides",
    "The United States and Japan",
];

/// Position and concern verbs, weakest to strongest within each family.
const POSITION_VERBS: &[&str] = &[
    "noted",
    "recognized",
    "welcomed",
    "supported",
    "reaffirmed",
    "committed to",
    "expressed concern about",
    "expressed serious concern about",
    "condemned",
];

const CALL_VERBS: &[&str] = &["encouraged", "called upon", "urged"];

const ADDRESSEES: &[&str] = &[
    "all parties",
    "North Korea",
    "China",
    "the international community",
    "regional partners",
];

const CALL_ACTIONS: &[&str] = &[
    "address",
    "respect",
    "refrain from undermining",
    "engage constructively on",
];

const MODALS: &[&str] = &["could", "would", "will", "shall"];

const MODAL_ACTIONS: &[&str] = &[
    "strengthen cooperation on",
    "deepen consultations on",
    "work together on",
    "expand joint exercises addressing",
];

const BOOSTERS: &[&str] = &["strongly", "firmly"];

const HEDGES: &[&str] = &[
    "where appropriate",
    "in certain circumstances",
    "as necessary",
];

const OBJECTS: &[&str] = &[
    "cooperation in cyberspace",
    "the peaceful use of outer space",
    "Japan's administration of the Senkaku Islands",
    "the missile launches by North Korea",
    "peace and stability across the Taiwan Strait",
    "action on climate change",
    "the \"free and open Indo-Pacific\" vision",
    "maritime security in the South China Sea",
    "the Mid-Term Defense Program for 2024-2028",
    "the realignment of U.S. forces in Okinawa",
    "the complete denuclearization of North Korea",
    "freedom of navigation in the East China Sea",
    "the Alliance's deterrence posture",
    "the 2015-2020 reform agenda for regional security",
];

/// Paragraph-specific initiative names (one per paragraph, never reused).
const NAMES: &[&str] = &[
    "Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Juniper", "Larch",
    "Maple", "Oak", "Pine", "Rowan", "Spruce", "Teak", "Willow", "Yew", "Acacia", "Baobab",
    "Cypress", "Ebony", "Hemlock", "Laurel", "Magnolia", "Olive", "Poplar", "Redwood", "Sequoia",
    "Tamarind", "Walnut", "Aspen", "Beech", "Chestnut", "Holly", "Linden", "Mahogany", "Myrtle",
    "Sycamore", "Hawthorn",
];

/// Words used by raw word insertions and replacements.
const WORDS: &[&str] = &[
    "also",
    "further",
    "jointly",
    "regional",
    "new",
    "bilateral",
    "continued",
    "close",
    "maritime",
    "security",
    "stability",
    "deterrence",
    "partners",
    "strongly",
    "where",
];

// ---------------------------------------------------------------------------
// Statement model
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Kind {
    /// "The Ministers [booster] noted X"
    Position { verb: usize },
    /// "The Ministers [booster] urged Y to do X"
    Call {
        verb: usize,
        addressee: usize,
        action: usize,
    },
    /// "The two sides will [booster] deepen consultations on X"
    Modal { modal: usize, action: usize },
}

#[derive(Clone, Debug)]
struct Sentence {
    subject: usize,
    kind: Kind,
    booster: Option<usize>,
    hedge: Option<usize>,
    object: usize,
    /// Index into NAMES: the initiative of the paragraph it was written for.
    name: usize,
}

#[derive(Clone, Debug)]
struct Model {
    paras: Vec<Vec<Sentence>>,
    numbered: bool,
    front: bool,
}

#[derive(Clone, Debug)]
enum Edit {
    Kind(Index, Index, Kind),
    Booster(Index, Index, Option<usize>),
    Hedge(Index, Index, Option<usize>),
    Object(Index, Index, usize),
    DropPara(Index),
    AddPara(Index, Vec<Sentence>),
    MovePara(Index, Index),
    SplitPara(Index, Index),
    MergePara(Index),
    DropSentence(Index, Index),
    AddSentence(Index, Index, Sentence),
    Word(WordEdit),
}

/// A raw word edit on a rendered paragraph (never its first or last word).
#[derive(Clone, Debug)]
enum WordEdit {
    Insert(Index, Index, usize),
    Delete(Index, Index),
    Replace(Index, Index, usize),
}

fn render_sentence(s: &Sentence) -> String {
    let subject = SUBJECTS[s.subject];
    let booster = s
        .booster
        .map(|b| format!("{} ", BOOSTERS[b]))
        .unwrap_or_default();
    let object = OBJECTS[s.object];
    let body = match &s.kind {
        Kind::Position { verb } => format!("{subject} {booster}{} {object}", POSITION_VERBS[*verb]),
        Kind::Call {
            verb,
            addressee,
            action,
        } => format!(
            "{subject} {booster}{} {} to {} {object}",
            CALL_VERBS[*verb], ADDRESSEES[*addressee], CALL_ACTIONS[*action]
        ),
        Kind::Modal { modal, action } => format!(
            "{subject} {} {booster}{} {object}",
            MODALS[*modal], MODAL_ACTIONS[*action]
        ),
    };
    let hedge = s
        .hedge
        .map(|h| format!(", {}", HEDGES[h]))
        .unwrap_or_default();
    format!(
        "{body} under the {} initiative{hedge}.",
        NAMES[s.name % NAMES.len()]
    )
}

fn render_paragraphs(m: &Model, words: &[WordEdit]) -> Vec<String> {
    let mut paras: Vec<String> = m
        .paras
        .iter()
        .map(|p| p.iter().map(render_sentence).collect::<Vec<_>>().join(" "))
        .collect();
    for w in words {
        apply_word_edit(&mut paras, w);
    }
    paras
}

fn apply_word_edit(paras: &mut [String], e: &WordEdit) {
    let (p, pos) = match e {
        WordEdit::Insert(p, pos, _) | WordEdit::Delete(p, pos) | WordEdit::Replace(p, pos, _) => {
            (p, pos)
        }
    };
    let text = &mut paras[p.index(paras.len())];
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    if words.len() < 3 {
        return;
    }
    let at = 1 + pos.index(words.len() - 2);
    match e {
        WordEdit::Insert(_, _, w) => words.insert(at, WORDS[*w].to_string()),
        WordEdit::Delete(..) => {
            words.remove(at);
        }
        WordEdit::Replace(_, _, w) => words[at] = WORDS[*w].to_string(),
    }
    *text = words.join(" ");
}

/// The statement file: optional front matter, then one line per paragraph.
fn assemble(m: &Model, paras: &[String], date: &str) -> String {
    let mut out = String::new();
    if m.front {
        out.push_str(&format!(
            "---\ndate: {date}\ntitle: \"Joint Statement of the Security Consultative Committee\"\nprovenance: illustrative\n---\n\n"
        ));
    }
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        if m.numbered {
            out.push_str(&format!("{}. ", i + 1));
        }
        out.push_str(p);
    }
    out.push('\n');
    out
}

fn render(m: &Model, words: &[WordEdit], date: &str) -> String {
    assemble(m, &render_paragraphs(m, words), date)
}

/// Applies structural edits in order; raw word edits are returned to be
/// applied to the rendered paragraphs.
fn apply(m: &Model, edits: &[Edit]) -> (Model, Vec<WordEdit>) {
    let mut m = m.clone();
    let mut words = Vec::new();
    let mut next_name = m
        .paras
        .iter()
        .flatten()
        .map(|s| s.name + 1)
        .max()
        .unwrap_or(0);
    for e in edits {
        let n = m.paras.len();
        match e {
            Edit::Kind(p, s, k) => sentence_mut(&mut m, p, s).kind = k.clone(),
            Edit::Booster(p, s, b) => sentence_mut(&mut m, p, s).booster = *b,
            Edit::Hedge(p, s, h) => sentence_mut(&mut m, p, s).hedge = *h,
            Edit::Object(p, s, o) => sentence_mut(&mut m, p, s).object = *o,
            Edit::DropPara(p) => {
                if n > 1 {
                    m.paras.remove(p.index(n));
                }
            }
            Edit::AddPara(at, para) => {
                let mut para = para.clone();
                for s in &mut para {
                    s.name = next_name;
                }
                next_name += 1;
                m.paras.insert(at.index(n + 1), para);
            }
            Edit::MovePara(from, to) => {
                let para = m.paras.remove(from.index(n));
                m.paras.insert(to.index(n), para);
            }
            Edit::SplitPara(p, at) => {
                let p = p.index(n);
                let len = m.paras[p].len();
                if len >= 2 {
                    let tail = m.paras[p].split_off(1 + at.index(len - 1));
                    m.paras.insert(p + 1, tail);
                }
            }
            Edit::MergePara(p) => {
                if n >= 2 {
                    let p = p.index(n - 1);
                    let next = m.paras.remove(p + 1);
                    m.paras[p].extend(next);
                }
            }
            Edit::DropSentence(p, s) => {
                let para = &mut m.paras[p.index(n)];
                if para.len() > 1 {
                    let s = s.index(para.len());
                    para.remove(s);
                }
            }
            Edit::AddSentence(p, s, sentence) => {
                let para = &mut m.paras[p.index(n)];
                let mut sentence = sentence.clone();
                sentence.name = para[0].name;
                let at = s.index(para.len() + 1);
                para.insert(at, sentence);
            }
            Edit::Word(w) => words.push(w.clone()),
        }
    }
    (m, words)
}

fn sentence_mut<'a>(m: &'a mut Model, p: &Index, s: &Index) -> &'a mut Sentence {
    let n = m.paras.len();
    let para = &mut m.paras[p.index(n)];
    let len = para.len();
    &mut para[s.index(len)]
}

// ---------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        3 => (0..POSITION_VERBS.len()).prop_map(|verb| Kind::Position { verb }),
        1 => (0..CALL_VERBS.len(), 0..ADDRESSEES.len(), 0..CALL_ACTIONS.len()).prop_map(
            |(verb, addressee, action)| Kind::Call {
                verb,
                addressee,
                action
            }
        ),
        1 => (0..MODALS.len(), 0..MODAL_ACTIONS.len())
            .prop_map(|(modal, action)| Kind::Modal { modal, action }),
    ]
}

fn sentence() -> impl Strategy<Value = Sentence> {
    (
        0..SUBJECTS.len(),
        kind(),
        prop::option::weighted(0.3, 0..BOOSTERS.len()),
        prop::option::weighted(0.25, 0..HEDGES.len()),
        0..OBJECTS.len(),
    )
        .prop_map(|(subject, kind, booster, hedge, object)| Sentence {
            subject,
            kind,
            booster,
            hedge,
            object,
            name: 0,
        })
}

fn paragraph() -> impl Strategy<Value = Vec<Sentence>> {
    prop::collection::vec(sentence(), 1..=3)
}

fn model() -> impl Strategy<Value = Model> {
    (
        prop::collection::vec(paragraph(), 3..=12),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(mut paras, numbered, front)| {
            for (i, p) in paras.iter_mut().enumerate() {
                for s in p {
                    s.name = i;
                }
            }
            Model {
                paras,
                numbered,
                front,
            }
        })
}

fn ix() -> impl Strategy<Value = Index> {
    any::<Index>()
}

fn edit() -> BoxedStrategy<Edit> {
    prop_oneof![
        3 => (ix(), ix(), kind()).prop_map(|(p, s, k)| Edit::Kind(p, s, k)),
        2 => (ix(), ix(), prop::option::of(0..BOOSTERS.len()))
            .prop_map(|(p, s, b)| Edit::Booster(p, s, b)),
        2 => (ix(), ix(), prop::option::of(0..HEDGES.len()))
            .prop_map(|(p, s, h)| Edit::Hedge(p, s, h)),
        2 => (ix(), ix(), 0..OBJECTS.len()).prop_map(|(p, s, o)| Edit::Object(p, s, o)),
        1 => ix().prop_map(Edit::DropPara),
        1 => (ix(), paragraph()).prop_map(|(at, p)| Edit::AddPara(at, p)),
        1 => (ix(), ix()).prop_map(|(a, b)| Edit::MovePara(a, b)),
        1 => (ix(), ix()).prop_map(|(p, at)| Edit::SplitPara(p, at)),
        1 => ix().prop_map(Edit::MergePara),
        1 => (ix(), ix()).prop_map(|(p, s)| Edit::DropSentence(p, s)),
        1 => (ix(), ix(), sentence()).prop_map(|(p, s, x)| Edit::AddSentence(p, s, x)),
        2 => (ix(), ix(), 0..WORDS.len())
            .prop_map(|(p, at, w)| Edit::Word(WordEdit::Insert(p, at, w))),
        2 => (ix(), ix()).prop_map(|(p, at)| Edit::Word(WordEdit::Delete(p, at))),
        2 => (ix(), ix(), 0..WORDS.len())
            .prop_map(|(p, at, w)| Edit::Word(WordEdit::Replace(p, at, w))),
    ]
    .boxed()
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 1..=6)
}

/// An old statement and an edited new one, as file texts.
#[derive(Clone)]
struct Pair {
    a: String,
    b: String,
}

impl fmt::Debug for Pair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\n===== A (old) =====\n{}===== B (new) =====\n{}===================\nA = {:?}\nB = {:?}\n",
            self.a, self.b, self.a, self.b
        )
    }
}

const DATE: &str = "2019-04-19";

fn pair() -> impl Strategy<Value = Pair> {
    (model(), edits()).prop_map(|(m, e)| {
        let (b, words) = apply(&m, &e);
        Pair {
            a: render(&m, &[], DATE),
            b: render(&b, &words, DATE),
        }
    })
}

/// One statement, as a file text.
#[derive(Clone)]
struct One(String);

impl fmt::Debug for One {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{}\n{:?}\n", self.0, self.0)
    }
}

fn one() -> impl Strategy<Value = One> {
    model().prop_map(|m| One(render(&m, &[], DATE)))
}

// ---------------------------------------------------------------------------
// Cosmetic transform
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Cosmetic {
    width: usize,
    crlf: bool,
    curly: bool,
    en_dash: bool,
    /// Cycled over the spaces between words: true makes a double space
    /// (where the line still fits).
    double: Vec<bool>,
    trailing: bool,
    /// 0 keep numbering as is, 1 toggle it, 2 renumber from `start`.
    numbering: u8,
    start: usize,
}

fn cosmetic() -> impl Strategy<Value = Cosmetic> {
    (
        40usize..=90,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(prop::bool::weighted(0.3), 0..16),
        any::<bool>(),
        0u8..3,
        2usize..40,
    )
        .prop_map(
            |(width, crlf, curly, en_dash, double, trailing, numbering, start)| Cosmetic {
                width,
                crlf,
                curly,
                en_dash,
                double,
                trailing,
                numbering,
                start,
            },
        )
}

fn curly_quotes(s: &str) -> String {
    let mut open = true;
    s.chars()
        .map(|c| match c {
            '"' => {
                let q = if open { '\u{201C}' } else { '\u{201D}' };
                open = !open;
                q
            }
            '\'' => '\u{2019}',
            c => c,
        })
        .collect()
}

/// "2024-2028" → "2024–2028": a hyphen between digits only.
fn en_dash_ranges(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len())
        .map(|i| {
            let range = chars[i] == '-'
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
            if range {
                '\u{2013}'
            } else {
                chars[i]
            }
        })
        .collect()
}

/// Greedy wrap: a line is broken only when the next word (after a single
/// space) would not fit, as any wrapper does; double spaces are used only
/// where they still fit.
fn wrap(text: &str, t: &Cosmetic, k: &mut usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut len = 0;
    for w in text.split(' ') {
        let wl = w.chars().count();
        if cur.is_empty() {
            cur.push_str(w);
            len = wl;
        } else if len + 1 + wl > t.width {
            lines.push(std::mem::take(&mut cur));
            cur.push_str(w);
            len = wl;
        } else {
            let double = !t.double.is_empty() && t.double[*k % t.double.len()];
            *k += 1;
            let sep = if double && len + 2 + wl <= t.width {
                "  "
            } else {
                " "
            };
            cur.push_str(sep);
            cur.push_str(w);
            len += sep.len() + wl;
        }
    }
    lines.push(cur);
    lines
}

/// Re-renders `m` with only cosmetic differences.
fn cosmetic_text(m: &Model, t: &Cosmetic) -> String {
    let nl = if t.crlf { "\r\n" } else { "\n" };
    let numbered = match t.numbering {
        0 => m.numbered,
        1 => !m.numbered,
        _ => true,
    };
    let first = if t.numbering == 2 { t.start } else { 1 };
    let mut out = String::new();
    if m.front {
        for l in [
            "---".to_string(),
            format!("date: {DATE}"),
            "title: \"Joint Statement of the Security Consultative Committee\"".to_string(),
            "provenance: illustrative".to_string(),
            "---".to_string(),
            String::new(),
        ] {
            out.push_str(&l);
            out.push_str(nl);
        }
    }
    let mut k = 0;
    for (i, p) in render_paragraphs(m, &[]).iter().enumerate() {
        if i > 0 {
            out.push_str(if t.trailing { "  " } else { "" });
            out.push_str(nl);
        }
        let mut p = p.clone();
        if t.curly {
            p = curly_quotes(&p);
        }
        if t.en_dash {
            p = en_dash_ranges(&p);
        }
        if numbered {
            p = format!("{}. {p}", first + i);
        }
        for line in wrap(&p, t, &mut k) {
            out.push_str(&line);
            if t.trailing {
                out.push_str(if k % 2 == 0 { " " } else { "   " });
            }
            out.push_str(nl);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Pipeline helpers
// ---------------------------------------------------------------------------

fn statement(name: &str, text: &str) -> Statement {
    let doc = pledgediff::read::parse_bytes(PathBuf::from(name), name, text.as_bytes())
        .expect("a generated statement reads");
    pledgediff::prepare(&doc, &ReadSettings::default(), &Lexicon::builtin())
}

fn compare(a: &str, b: &str) -> Comparison {
    pledgediff::compare(
        statement("old.md", a),
        statement("new.md", b),
        &Lexicon::builtin(),
    )
}

fn report(c: &Comparison) -> DiffReport<'_> {
    DiffReport {
        explain: Vec::new(),
        filtered: false,
        comparison: c,
        changes: c.classified.changes.iter().collect(),
        options: RenderOptions {
            color: false,
            context: Context::All,
            width: None,
        },
    }
}

fn json_bytes(c: &Comparison) -> Vec<u8> {
    let mut out = Vec::new();
    DiffFormat::Json
        .sink()
        .diff(&report(c), &mut out)
        .expect("JSON renders");
    out
}

fn joined_text(s: &Statement, idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| s.paragraphs[i].text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn joined_keys(s: &Statement, idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| {
            let seg = &s.segments[i];
            seg.tokens
                .iter()
                .map(|t| t.key(&seg.text))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn para_summary(c: &Comparison) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for d in &c.classified.paragraphs {
        *m.entry(d.change.as_str()).or_default() += 1;
    }
    m
}

fn pledge_kinds(c: &Comparison) -> Vec<PledgeChangeKind> {
    let mut v: Vec<_> = c.classified.changes.iter().map(|ch| ch.kind).collect();
    v.sort();
    v
}

/// A compact listing of the alignment, for failure messages.
fn alignment(c: &Comparison) -> String {
    c.classified
        .paragraphs
        .iter()
        .map(|d| {
            format!(
                "  {:?} -> {:?} {}{} sim={:?}\n",
                d.old,
                d.new,
                d.change.as_str(),
                if d.moved { " moved" } else { "" },
                d.similarity
            )
        })
        .collect()
}

fn pledge_listing(c: &Comparison) -> String {
    c.classified
        .changes
        .iter()
        .map(|ch| {
            let old = ch.old.map(|i| c.classified.old_pledges[i].text.as_str());
            let new = ch.new.map(|i| c.classified.new_pledges[i].text.as_str());
            let reasons: Vec<_> = ch
                .reasons
                .iter()
                .map(|r| format!("{} ({:+})", r.text, r.step))
                .collect();
            format!(
                "  {}: {:?} -> {:?} [{}]\n",
                ch.kind.as_str(),
                old,
                new,
                reasons.join("; ")
            )
        })
        .collect()
}

/// `cases` per property, unless `PROPTEST_CASES` asks for more (or fewer)
/// for a deeper run. The random seed is fixed so that CI runs the same
/// cases every time (a red CI must mean a regression, not bad luck);
/// `PROPTEST_RANDOM=1` explores new cases, `PROPTEST_SEED=N` replays one.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    let seed = std::env::var("PROPTEST_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EED_2026);
    let rng_seed = if std::env::var_os("PROPTEST_RANDOM").is_some() {
        proptest::test_runner::RngSeed::Random
    } else {
        proptest::test_runner::RngSeed::Fixed(seed)
    };
    ProptestConfig {
        cases,
        failure_persistence: None,
        max_shrink_iters: 4096,
        rng_seed,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// 1. Word diff reconstruction
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(64))]

    /// Equal and delete runs rebuild the old side's normalized text
    /// exactly (equal runs through their old wording); equal and insert
    /// runs rebuild the new side's. Split and merged sides are joined by a
    /// blank line. Keys rebuild the sides' token keys the same way, and
    /// the JSON view carries the same texts.
    #[test]
    fn word_diff_rebuilds_both_sides(case in pair()) {
        let c = compare(&case.a, &case.b);
        let view = diff_view(&report(&c));
        prop_assert_eq!(view.paragraphs.len(), c.classified.paragraphs.len());
        for (e, d) in c.classified.paragraphs.iter().enumerate() {
            let old_text = joined_text(&c.old, &d.old);
            let new_text = joined_text(&c.new, &d.new);
            let mut old_rebuilt = String::new();
            let mut new_rebuilt = String::new();
            let mut old_keys = String::new();
            let mut new_keys = String::new();
            for w in &d.words {
                match w.op {
                    Op::Equal => {
                        old_rebuilt.push_str(&w.old_text);
                        new_rebuilt.push_str(&w.text);
                        old_keys.push_str(&w.key);
                        new_keys.push_str(&w.key);
                    }
                    Op::Delete => {
                        old_rebuilt.push_str(&w.text);
                        old_keys.push_str(&w.key);
                    }
                    Op::Insert => {
                        new_rebuilt.push_str(&w.text);
                        new_keys.push_str(&w.key);
                    }
                }
            }
            prop_assert_eq!(&old_rebuilt, &old_text, "entry {} old side", e);
            prop_assert_eq!(&new_rebuilt, &new_text, "entry {} new side", e);
            prop_assert_eq!(&old_keys, &joined_keys(&c.old, &d.old), "entry {} old keys", e);
            prop_assert_eq!(&new_keys, &joined_keys(&c.new, &d.new), "entry {} new keys", e);

            // The JSON view: equal runs carry old_text only when it differs.
            let v = &view.paragraphs[e];
            let mut vo = String::new();
            let mut vn = String::new();
            for w in &v.words {
                match w.op.as_str() {
                    "equal" => {
                        vo.push_str(w.old_text.as_deref().unwrap_or(&w.text));
                        vn.push_str(&w.text);
                    }
                    "delete" => vo.push_str(&w.text),
                    "insert" => vn.push_str(&w.text),
                    other => prop_assert!(false, "unknown op {}", other),
                }
            }
            prop_assert_eq!(v.old_text.clone().unwrap_or_default(), vo, "entry {} JSON old", e);
            prop_assert_eq!(v.new_text.clone().unwrap_or_default(), vn, "entry {} JSON new", e);
        }
    }
}

// ---------------------------------------------------------------------------
// 2. Partition
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(64))]

    /// Every old and every new paragraph index is in exactly one entry,
    /// and no entry is empty on both sides.
    #[test]
    fn alignment_partitions_both_statements(case in pair()) {
        let c = compare(&case.a, &case.b);
        let mut old_seen = vec![0usize; c.old.paragraphs.len()];
        let mut new_seen = vec![0usize; c.new.paragraphs.len()];
        for d in &c.classified.paragraphs {
            prop_assert!(!(d.old.is_empty() && d.new.is_empty()), "empty entry");
            for &i in &d.old {
                prop_assert!(i < old_seen.len(), "old index {} out of range", i);
                old_seen[i] += 1;
            }
            for &j in &d.new {
                prop_assert!(j < new_seen.len(), "new index {} out of range", j);
                new_seen[j] += 1;
            }
        }
        prop_assert!(
            old_seen.iter().all(|&n| n == 1) && new_seen.iter().all(|&n| n == 1),
            "old counts {:?}, new counts {:?}\nalignment:\n{}",
            old_seen, new_seen, alignment(&c)
        );
    }
}

// ---------------------------------------------------------------------------
// 3. Identity
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(48))]

    /// A statement compared with itself: all unchanged, in place, no
    /// pledge changes, nothing substantive.
    #[test]
    fn identical_statements_have_no_changes(case in one()) {
        let c = compare(&case.0, &case.0);
        prop_assert!(!c.old.paragraphs.is_empty(), "generated statement has no paragraphs");
        for d in &c.classified.paragraphs {
            prop_assert!(
                d.change == Change::Unchanged && !d.moved && d.old == d.new,
                "alignment:\n{}", alignment(&c)
            );
            prop_assert!(d.words.iter().all(|w| w.op == Op::Equal));
        }
        prop_assert_eq!(c.classified.paragraphs.len(), c.old.paragraphs.len());
        prop_assert!(c.classified.changes.is_empty(), "pledge changes:\n{}", pledge_listing(&c));
        prop_assert!(!c.has_changes());
    }
}

// ---------------------------------------------------------------------------
// 4. Mirror
// ---------------------------------------------------------------------------

fn mirror_change(k: &str) -> &str {
    match k {
        "added" => "dropped",
        "dropped" => "added",
        "split" => "merged",
        "merged" => "split",
        k => k,
    }
}

fn mirror_pledge(k: PledgeChangeKind) -> PledgeChangeKind {
    match k {
        PledgeChangeKind::Added => PledgeChangeKind::Dropped,
        PledgeChangeKind::Dropped => PledgeChangeKind::Added,
        PledgeChangeKind::Strengthened => PledgeChangeKind::Weakened,
        PledgeChangeKind::Weakened => PledgeChangeKind::Strengthened,
        PledgeChangeKind::Modified => PledgeChangeKind::Modified,
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// diff(B, A) mirrors diff(A, B): paragraph kinds added↔dropped and
    /// split↔merged swap (the others keep their kind); pledge changes
    /// added↔dropped and strengthened↔weakened swap, modified stays.
    #[test]
    fn reverse_diff_mirrors_forward_diff(case in pair()) {
        let ab = compare(&case.a, &case.b);
        let ba = compare(&case.b, &case.a);
        let expected: BTreeMap<&str, usize> = para_summary(&ab)
            .into_iter()
            .map(|(k, n)| (mirror_change(k), n))
            .collect();
        let mut expected_pledges: Vec<_> = pledge_kinds(&ab).into_iter().map(mirror_pledge).collect();
        expected_pledges.sort();
        let detail = || format!(
            "diff(A, B) alignment:\n{}diff(B, A) alignment:\n{}diff(A, B) pledges:\n{}diff(B, A) pledges:\n{}",
            alignment(&ab), alignment(&ba), pledge_listing(&ab), pledge_listing(&ba)
        );
        prop_assert_eq!(&para_summary(&ba), &expected, "paragraph kinds\n{}", detail());
        prop_assert_eq!(&pledge_kinds(&ba), &expected_pledges, "pledge kinds\n{}", detail());
    }
}

// ---------------------------------------------------------------------------
// 5. Cosmetic invariance
// ---------------------------------------------------------------------------

#[derive(Clone)]
struct CosmeticCase {
    a: String,
    t: String,
    how: Cosmetic,
}

impl fmt::Debug for CosmeticCase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\n{:?}\n===== A =====\n{}===== T(A) =====\n{}=============\nA = {:?}\nT(A) = {:?}\n",
            self.how, self.a, self.t, self.a, self.t
        )
    }
}

fn cosmetic_case() -> impl Strategy<Value = CosmeticCase> {
    (model(), cosmetic()).prop_map(|(m, how)| CosmeticCase {
        a: render(&m, &[], DATE),
        t: cosmetic_text(&m, &how),
        how,
    })
}

proptest! {
    #![proptest_config(config(64))]

    /// Re-wrapping, CRLF, curly quotes, en dashes in number ranges, double
    /// and trailing spaces and paragraph numbering are not changes.
    #[test]
    fn cosmetic_edits_are_not_changes(case in cosmetic_case()) {
        let c = compare(&case.a, &case.t);
        prop_assert_eq!(
            c.old.paragraphs.len(),
            c.new.paragraphs.len(),
            "paragraph counts differ\nalignment:\n{}",
            alignment(&c)
        );
        for d in &c.classified.paragraphs {
            prop_assert!(
                d.change == Change::Unchanged && !d.moved,
                "alignment:\n{}", alignment(&c)
            );
        }
        prop_assert!(c.classified.changes.is_empty(), "pledge changes:\n{}", pledge_listing(&c));
        prop_assert!(!c.has_changes());
    }
}

// ---------------------------------------------------------------------------
// 6. Determinism
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(32))]

    /// Two independent runs of the pipeline render byte-identical JSON.
    #[test]
    fn json_rendering_is_deterministic(case in pair()) {
        let first = json_bytes(&compare(&case.a, &case.b));
        let second = json_bytes(&compare(&case.a, &case.b));
        prop_assert!(first == second, "JSON differs between runs");
    }
}

const ARCHIVE_DATES: &[&str] = &["2015-04-27", "2017-08-17", "2019-04-19", "2021-03-16"];

/// Successive statements of one series, each an edit of the one before.
#[derive(Clone)]
struct Series(Vec<String>);

impl fmt::Debug for Series {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (d, s) in ARCHIVE_DATES.iter().zip(&self.0) {
            write!(f, "\n===== {d}.md =====\n{s}")?;
        }
        Ok(())
    }
}

fn series() -> impl Strategy<Value = Series> {
    (model(), prop::collection::vec(edits(), 2..=3)).prop_map(|(m, steps)| {
        let mut texts = vec![render(&m, &[], ARCHIVE_DATES[0])];
        let mut cur = m;
        for (k, e) in steps.iter().enumerate() {
            let (next, words) = apply(&cur, e);
            texts.push(render(&next, &words, ARCHIVE_DATES[k + 1]));
            // Word edits are not carried into the model: the next step
            // edits the structurally edited statement.
            cur = next;
        }
        Series(texts)
    })
}

fn report_json(archive: &Path, jobs: &str) -> Vec<u8> {
    let out = pledgediff()
        .arg("report")
        .arg(archive)
        .args(["--format", "json", "-j", jobs])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("pledgediff runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "report -j {jobs} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

proptest! {
    #![proptest_config(config(4))]

    /// `report --format json` gives the same bytes with one and two jobs.
    #[test]
    fn report_json_is_the_same_for_any_job_count(case in series()) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("history").join("generated-series");
        std::fs::create_dir_all(&dir).expect("series folder");
        for (d, text) in ARCHIVE_DATES.iter().zip(&case.0) {
            std::fs::write(dir.join(format!("{d}.md")), text).expect("write statement");
        }
        let archive = tmp.path().join("history");
        let one = report_json(&archive, "1");
        let two = report_json(&archive, "2");
        prop_assert!(!one.is_empty());
        prop_assert!(one == two, "report -j 1 and -j 2 differ");
    }
}

// ---------------------------------------------------------------------------
// One strength model
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(64))]

    /// The direction of every strengthened or weakened change is the sign
    /// of the difference of the two strengths shown for it (in the change
    /// and in the JSON sides), a reversal or a change of act is never
    /// either, and the deltas add up to that difference.
    #[test]
    fn direction_agrees_with_the_strengths_shown(case in pair()) {
        let c = compare(&case.a, &case.b);
        let view = diff_view(&report(&c));
        for (ch, v) in c.classified.changes.iter().zip(&view.pledges) {
            let (Some(x), Some(y)) = (ch.old_strength, ch.new_strength) else { continue };
            let (vo, vn) = (v.old.as_ref().unwrap(), v.new.as_ref().unwrap());
            prop_assert_eq!((vo.strength, vn.strength), (x, y));
            let total: i32 = ch.deltas.iter().map(|d| d.step).sum();
            prop_assert_eq!(total, y - x, "deltas {:?}", ch.deltas);
            let other_act = ch
                .deltas
                .iter()
                .any(|d| d.feature == "polarity" || d.feature == "family");
            match ch.kind {
                PledgeChangeKind::Strengthened => prop_assert!(y > x && !other_act),
                PledgeChangeKind::Weakened => prop_assert!(y < x && !other_act),
                PledgeChangeKind::Modified => prop_assert!(x == y || other_act),
                k => prop_assert!(false, "a pair reported {:?}", k),
            }
        }
    }
}
