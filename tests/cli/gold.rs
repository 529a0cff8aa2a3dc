//! Accuracy against the gold set: precision and recall of paragraph
//! alignment and of pledge changes, and how often a matched pledge change
//! carries the key's topics and reason kinds, measured over every pair
//! under `tests/fixtures/gold/`. Fails on any drop below the figures
//! recorded in [`FLOORS`].
//!
//! Gold entries and reports are paired one to one (a maximum matching),
//! so an entry two reports fit counts once towards recall and once
//! towards precision, and one report never stands for two entries.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::common::{diff_json, fixture};
use pledgediff::render::json::{DiffView, PledgeChangeView};

#[derive(Debug, Deserialize)]
struct Key {
    genre: String,
    #[allow(dead_code)] // documentation for people reading the key
    shows: String,
    paragraphs: Vec<KeyParagraph>,
    #[serde(default)]
    pledges: Vec<KeyPledge>,
}

#[derive(Debug, Deserialize)]
struct KeyParagraph {
    old: Vec<usize>,
    new: Vec<usize>,
    change: String,
    #[serde(default)]
    moved: bool,
}

#[derive(Debug, Deserialize)]
struct KeyPledge {
    change: String,
    old: Option<String>,
    new: Option<String>,
    /// The topics the change is about; absent where the key does not say.
    topics: Option<Vec<String>>,
    /// The delta features (`booster`, `hedge`, `verb`, …) the planted
    /// change must be reported under; absent where the key does not say.
    reason_kinds: Option<Vec<String>>,
    #[allow(dead_code)] // documentation for people reading the key
    why: Option<String>,
}

/// Lower-case, quote-folded, whitespace-collapsed text for containment.
fn fold(s: &str) -> String {
    pledgediff::normalize::canonical(s)
        .to_lowercase()
        .trim_end_matches([';', ',', '.', ':'])
        .to_string()
}

fn side_matches(
    key: &Option<String>,
    got: &Option<pledgediff::render::json::PledgeSideView>,
) -> bool {
    match (key, got) {
        (Some(k), Some(g)) => {
            let (k, g) = (fold(k), fold(&g.text));
            g.contains(&k) || k.contains(&g)
        }
        (None, _) => true,
        (Some(_), None) => false,
    }
}

fn pledge_matches(key: &KeyPledge, got: &PledgeChangeView) -> bool {
    key.change == got.change
        && (key.old.is_some() || key.new.is_some())
        && side_matches(&key.old, &got.old)
        && side_matches(&key.new, &got.new)
}

/// Reported items against gold entries, each side counted once.
#[derive(Default, Debug)]
struct Tally {
    predicted: usize,
    gold: usize,
    /// Pairs of the one-to-one matching: hits on both sides.
    matched: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    fn add(&mut self, t: &Tally) {
        self.predicted += t.predicted;
        self.gold += t.gold;
        self.matched += t.matched;
    }
}

/// Of the matched gold entries whose key states a property, how many
/// reports have it.
#[derive(Default, Debug)]
struct Agreement {
    checked: usize,
    agreed: usize,
}

impl Agreement {
    fn rate(&self) -> f64 {
        ratio(self.agreed, self.checked)
    }
    fn add(&mut self, a: &Agreement) {
        self.checked += a.checked;
        self.agreed += a.agreed;
    }
}

fn ratio(hits: usize, of: usize) -> f64 {
    if of == 0 {
        1.0
    } else {
        hits as f64 / of as f64
    }
}

/// A maximum one-to-one matching of `gold` entries with `reported`
/// items, where `fits(g, r)` says that report `r` may stand for entry
/// `g` (augmenting paths, so that a first-come pairing never leaves an
/// entry unmatched that another assignment would match). For each gold
/// entry, the report matched to it.
fn one_to_one(
    gold: usize,
    reported: usize,
    fits: impl Fn(usize, usize) -> bool,
) -> Vec<Option<usize>> {
    fn augment(
        g: usize,
        edges: &[Vec<usize>],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for &r in &edges[g] {
            if std::mem::replace(&mut seen[r], true) {
                continue;
            }
            if owner[r].is_none_or(|h| augment(h, edges, owner, seen)) {
                owner[r] = Some(g);
                return true;
            }
        }
        false
    }
    let edges: Vec<Vec<usize>> = (0..gold)
        .map(|g| (0..reported).filter(|&r| fits(g, r)).collect())
        .collect();
    let mut owner = vec![None; reported];
    for g in 0..gold {
        augment(g, &edges, &mut owner, &mut vec![false; reported]);
    }
    let mut of_gold = vec![None; gold];
    for (r, g) in owner.iter().enumerate() {
        if let Some(g) = *g {
            of_gold[g] = Some(r);
        }
    }
    of_gold
}

fn sorted(v: &[String]) -> Vec<&str> {
    let mut v: Vec<&str> = v.iter().map(String::as_str).collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[derive(Default, Debug)]
struct PairResult {
    align: Tally,
    pledges: Tally,
    topics: Agreement,
    reason_kinds: Agreement,
    misses: Vec<String>,
}

impl PairResult {
    fn add(&mut self, r: &PairResult) {
        self.align.add(&r.align);
        self.pledges.add(&r.pledges);
        self.topics.add(&r.topics);
        self.reason_kinds.add(&r.reason_kinds);
    }
}

/// Scores one pair's report against its key.
fn score(key: &Key, got: &DiffView) -> PairResult {
    let mut r = PairResult::default();

    let same_alignment = |k: &KeyParagraph, g: &pledgediff::render::json::ParagraphView| {
        g.old == k.old && g.new == k.new && g.change == k.change && g.moved == k.moved
    };
    let matched = one_to_one(key.paragraphs.len(), got.paragraphs.len(), |k, g| {
        same_alignment(&key.paragraphs[k], &got.paragraphs[g])
    });
    r.align = Tally {
        predicted: got.paragraphs.len(),
        gold: key.paragraphs.len(),
        matched: matched.iter().flatten().count(),
    };
    for (k, m) in key.paragraphs.iter().zip(&matched) {
        if m.is_none() {
            r.misses.push(format!("paragraph missed: {k:?}"));
        }
    }
    for (i, g) in got.paragraphs.iter().enumerate() {
        if !matched.contains(&Some(i)) {
            r.misses.push(format!(
                "paragraph spurious: old {:?} new {:?} {} moved={} sim={:?}",
                g.old, g.new, g.change, g.moved, g.similarity
            ));
        }
    }

    let matched = one_to_one(key.pledges.len(), got.pledges.len(), |k, g| {
        pledge_matches(&key.pledges[k], &got.pledges[g])
    });
    r.pledges = Tally {
        predicted: got.pledges.len(),
        gold: key.pledges.len(),
        matched: matched.iter().flatten().count(),
    };
    for (k, m) in key.pledges.iter().zip(&matched) {
        let Some(g) = m.map(|i| &got.pledges[i]) else {
            r.misses.push(format!(
                "pledge missed: {} old={:?} new={:?} topics={:?}",
                k.change, k.old, k.new, k.topics
            ));
            continue;
        };
        if let Some(want) = &k.topics {
            r.topics.checked += 1;
            if sorted(want) == sorted(&g.topics) {
                r.topics.agreed += 1;
            } else {
                r.misses.push(format!(
                    "pledge topics: {} old={:?} new={:?} key {:?} got {:?}",
                    k.change, k.old, k.new, want, g.topics
                ));
            }
        }
        if let Some(want) = &k.reason_kinds {
            r.reason_kinds.checked += 1;
            let kinds: Vec<&str> = g.deltas.iter().map(|d| d.feature.as_str()).collect();
            if want.iter().all(|w| kinds.contains(&w.as_str())) {
                r.reason_kinds.agreed += 1;
            } else {
                r.misses.push(format!(
                    "pledge reason kinds: {} old={:?} new={:?} key {:?} got {:?} ({:?})",
                    k.change, k.old, k.new, want, kinds, g.reasons
                ));
            }
        }
    }
    for (i, g) in got.pledges.iter().enumerate() {
        if !matched.contains(&Some(i)) {
            r.misses.push(format!(
                "pledge spurious: {} old={:?} new={:?} reasons={:?}",
                g.change,
                g.old.as_ref().map(|s| &s.text),
                g.new.as_ref().map(|s| &s.text),
                g.reasons
            ));
        }
    }
    r
}

fn evaluate(dir: &Path) -> (Key, PairResult) {
    let key: Key = serde_yaml::from_str(&std::fs::read_to_string(dir.join("key.yaml")).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let got: DiffView = diff_json(&dir.join("old.md"), &dir.join("new.md"));
    let r = score(&key, &got);
    (key, r)
}

#[test]
fn gold_set_keeps_its_recorded_figures() {
    let root = fixture("gold");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("key.yaml").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 5, "the gold set needs at least five pairs");
    let mut total = PairResult::default();
    let mut genres = BTreeMap::new();
    let mut report = String::new();
    let mut cosmetic_failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let (key, r) = evaluate(dir);
        *genres.entry(key.genre.clone()).or_insert(0) += 1;
        report.push_str(&format!(
            "{name:40} align P {:.2} R {:.2} | pledges P {:.2} R {:.2} | topics {}/{} | reason kinds {}/{}\n",
            r.align.precision(),
            r.align.recall(),
            r.pledges.precision(),
            r.pledges.recall(),
            r.topics.agreed,
            r.topics.checked,
            r.reason_kinds.agreed,
            r.reason_kinds.checked,
        ));
        for m in &r.misses {
            report.push_str(&format!("    {m}\n"));
        }
        if name.starts_with("cosmetic") && r.pledges.predicted > 0 {
            cosmetic_failures.push(name.clone());
        }
        total.add(&r);
    }
    let (align, pledges) = (&total.align, &total.pledges);
    report.push_str(&format!(
        "TOTAL ({} pairs, {} genres): alignment P {:.3} R {:.3} ({}/{} of {}) | \
         pledge changes P {:.3} R {:.3} ({}/{} of {}) | topics {:.3} ({}/{}) | reason kinds {:.3} ({}/{})\n",
        dirs.len(),
        genres.len(),
        align.precision(),
        align.recall(),
        align.matched,
        align.predicted,
        align.gold,
        pledges.precision(),
        pledges.recall(),
        pledges.matched,
        pledges.predicted,
        pledges.gold,
        total.topics.rate(),
        total.topics.agreed,
        total.topics.checked,
        total.reason_kinds.rate(),
        total.reason_kinds.agreed,
        total.reason_kinds.checked,
    ));
    println!("{report}");
    assert!(
        genres.len() >= 3,
        "the gold set needs three genres: {genres:?}"
    );
    assert!(
        cosmetic_failures.is_empty(),
        "cosmetic controls produced pledge changes: {cosmetic_failures:?}\n{report}"
    );
    assert!(
        total.topics.checked >= 40 && total.reason_kinds.checked >= 40,
        "the keys state topics for {} and reason kinds for {} pledge changes: \
         too few for the figures to mean anything\n{report}",
        total.topics.checked,
        total.reason_kinds.checked
    );
    for ((what, floor), v) in FLOORS.iter().zip([
        align.precision(),
        align.recall(),
        pledges.precision(),
        pledges.recall(),
        total.topics.rate(),
        total.reason_kinds.rate(),
    ]) {
        // Exact fractions: one more miss than recorded is a drop.
        assert!(
            v >= floor - 1e-9,
            "{what} {v:.4} is below its recorded {floor:.4}\n{report}"
        );
    }
}

/// The figures this gold set last reached, as exact fractions (hits over
/// items): raise them when the tool improves, never lower them to let a
/// change through. Alignment: 149 of 151 entries matched, 151 reported.
/// Pledge changes: 63 of 63, 63 reported. Topics (the reported set equals
/// the key's): 38 of the 49 matched changes whose key states them; the
/// misses are topics the patterns do not reach ("pirate groups", "coal
/// power", "non-market policies") or add ("East China Sea" as China,
/// "Australia and India" as trilateral, "ballistic missile" as
/// non-proliferation where the key names only North Korea). Reason kinds
/// (the key's features are among the reported deltas): 46 of 46.
const FLOORS: [(&str, f64); 6] = [
    ("alignment precision", 149.0 / 151.0),
    ("alignment recall", 149.0 / 151.0),
    ("pledge precision", 1.0),
    ("pledge recall", 1.0),
    ("topic agreement", 38.0 / 49.0),
    ("reason kind agreement", 1.0),
];

/// A diff report with the given pledge changes and no paragraphs.
fn report_of(pledges: serde_json::Value) -> DiffView {
    let side = serde_json::json!({"path": "x.md"});
    serde_json::from_value(serde_json::json!({
        "schema": "pledgediff.diff/2",
        "old": side,
        "new": side,
        "paragraphs": [],
        "pledges": pledges,
        "summary": {},
    }))
    .unwrap()
}

fn added(text: &str) -> serde_json::Value {
    serde_json::json!({
        "change": "added",
        "old": null,
        "new": {"text": text, "paragraph": 0, "strength": 3, "actor": "We", "verb": "will"},
        "topics": [],
        "reasons": [],
    })
}

fn key_of(yaml: &str) -> Key {
    serde_yaml::from_str(yaml).unwrap()
}

#[test]
fn a_gold_entry_reported_twice_counts_once() {
    // Scoring once counted every report that fitted any entry as a hit,
    // so a change reported twice (a clause and a longer one holding it)
    // made two hits for precision out of one gold entry.
    let key = key_of(
        "genre: alliance\nshows: x\nparagraphs: []\npledges:\n  - change: added\n    \
         new: \"We will train two hundred rangers\"\n",
    );
    let got = report_of(serde_json::json!([
        added("We will train two hundred rangers"),
        added("We will train two hundred rangers and equip the border posts"),
    ]));
    let r = score(&key, &got);
    assert_eq!(
        (r.pledges.matched, r.pledges.predicted, r.pledges.gold),
        (1, 2, 1)
    );
    assert_eq!(r.pledges.precision(), 0.5);
    assert_eq!(r.pledges.recall(), 1.0);
}

#[test]
fn one_report_stands_for_one_gold_entry_and_the_pairing_is_the_best_one() {
    // Two entries, two reports: the first report fits both entries, the
    // second only the first entry. A first-come pairing gives the first
    // report to the first entry and leaves the second unmatched.
    let key = key_of(
        "genre: alliance\nshows: x\nparagraphs: []\npledges:\n  - change: added\n    \
         new: \"train two hundred rangers\"\n  - change: added\n    \
         new: \"equip the border posts with radios\"\n",
    );
    let got = report_of(serde_json::json!([
        added("We will train two hundred rangers and equip the border posts with radios"),
        added("We will train two hundred rangers"),
    ]));
    let r = score(&key, &got);
    assert_eq!(
        (r.pledges.matched, r.pledges.predicted, r.pledges.gold),
        (2, 2, 2)
    );
    // One report alone fits both entries, and counts for one of them.
    let got = report_of(serde_json::json!([added(
        "We will train two hundred rangers and equip the border posts with radios"
    )]));
    let r = score(&key, &got);
    assert_eq!(
        (r.pledges.matched, r.pledges.predicted, r.pledges.gold),
        (1, 1, 2)
    );
}

#[test]
fn topics_and_reason_kinds_are_checked_where_the_key_states_them() {
    let key = key_of(
        "genre: alliance\nshows: x\nparagraphs: []\npledges:\n  - change: added\n    \
         new: \"We will train two hundred rangers\"\n    topics: [space]\n  \
         - change: added\n    new: \"equip the border posts with radios\"\n",
    );
    let got = report_of(serde_json::json!([
        added("We will train two hundred rangers"),
        added("equip the border posts with radios"),
    ]));
    let r = score(&key, &got);
    assert_eq!((r.topics.agreed, r.topics.checked), (0, 1));
    assert_eq!(r.reason_kinds.checked, 0);
}
