//! Deterministic synthetic joint statements for benchmarks.
//!
//! Not a bench target: include it with
//! `#[path = "support/synth.rs"] mod synth;` (benches) or
//! `#[path = "../benches/support/synth.rs"] mod synth;` (examples).
//!
//! Everything is driven by a fixed-seed splitmix64 generator and plain
//! `Vec`s (no hash maps), so the same arguments always give byte-identical
//! text on every platform.
//!
//! * [`statement`] builds a full statement file (YAML front matter,
//!   `provenance: illustrative`, then paragraphs separated by blank lines)
//!   from vocabulary lists and varied sentence templates.
//! * [`evolve`] plants changes in a statement to make the next one: added,
//!   dropped, strengthened, weakened, modified, moved, split and merged
//!   paragraphs and cosmetic edits (re-wrapping, synonym and equal-force
//!   verb swaps, quote style, spacing).
//! * [`pair`] is a statement and its evolved successor.
//! * [`archive`] writes `DIR/SERIES/YYYY-MM-DD.md` series of evolving
//!   statements with increasing dates.
// Shared by the bench and the `generate` example, each of which uses only
// part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/// splitmix64: tiny, fast, and good enough for text generation.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (any value, including 0, is fine).
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// Index drawn with the given integer weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

/// Mixes a seed with a stream number, so sub-generators are independent.
fn mix(seed: u64, stream: u64) -> u64 {
    let mut r = Rng(seed ^ stream.wrapping_mul(0xA24B_AED4_963E_E407));
    r.next_u64()
}

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

const ACTORS: &[&str] = &[
    "The Ministers",
    "The Ministers",
    "The Leaders",
    "The Foreign Ministers",
    "The Defense Ministers",
    "The two countries",
    "The Allies",
    "The participants",
    "The Parties",
    "Both sides",
    "The Council",
    "The delegations",
    "The United States",
    "Japan",
    "Australia",
    "The Republic of Korea",
    "The European Union",
    "Canada",
    "The United Kingdom",
    "The Secretary-General",
];

const REGIONS: &[&str] = &[
    "the Indo-Pacific",
    "the Asia-Pacific region",
    "the East China Sea",
    "the South China Sea",
    "the Taiwan Strait",
    "the Korean Peninsula",
    "the Euro-Atlantic area",
    "the Black Sea region",
    "the Baltic Sea region",
    "the Arctic",
    "the Middle East",
    "the Sahel",
    "the Horn of Africa",
    "the Pacific Islands",
    "Southeast Asia",
    "South Asia",
    "Central Asia",
    "the Western Balkans",
    "the Mediterranean",
    "the Gulf of Aden",
    "Eastern Europe",
    "the Caribbean",
    "Latin America",
    "the Red Sea",
];

const DOMAINS: &[&str] = &[
    "cyberspace",
    "outer space",
    "maritime security",
    "missile defense",
    "nuclear deterrence",
    "critical infrastructure protection",
    "supply chain resilience",
    "critical minerals",
    "semiconductors",
    "artificial intelligence",
    "quantum technologies",
    "hypersonic technologies",
    "clean energy",
    "climate adaptation",
    "global health security",
    "pandemic preparedness",
    "food security",
    "counter-terrorism",
    "non-proliferation",
    "arms control",
    "export controls",
    "investment screening",
    "disaster relief",
    "humanitarian assistance",
    "capacity building",
    "intelligence sharing",
    "defense industrial cooperation",
    "research and development",
    "sustainable development",
    "connectivity and infrastructure",
    "coast guard cooperation",
    "information security",
    "energy security",
    "economic security",
];

const DOMAINS_B: &[&str] = &[
    "interoperability",
    "logistics",
    "training and exercises",
    "equipment and technology",
    "command and control",
    "air and missile defense",
    "undersea warfare",
    "space situational awareness",
    "maritime domain awareness",
    "cyber defense",
    "host nation support",
    "military medicine",
    "search and rescue",
    "peacekeeping",
];

const INITIATIVES: &[&str] = &[
    "Framework",
    "Roadmap",
    "Action Plan",
    "Partnership",
    "Working Group",
    "Dialogue",
    "Initiative",
    "Strategy",
    "Task Force",
    "Coordination Mechanism",
    "Joint Fund",
    "Memorandum of Cooperation",
    "Consultation Mechanism",
    "Program",
];

const ACTIONS: &[&str] = &[
    "deepen",
    "expand",
    "strengthen",
    "enhance",
    "reinforce",
    "advance",
    "promote",
    "develop",
    "accelerate",
    "sustain",
    "maintain",
    "pursue",
    "build",
    "coordinate",
    "broaden",
    "modernize",
    "increase",
    "improve",
];

const OBJECTS: &[&str] = &[
    "cooperation on {d}",
    "bilateral cooperation in {d}",
    "trilateral cooperation on {d}",
    "their capabilities in {d}",
    "joint exercises in {r}",
    "investment in {d}",
    "information sharing on {d}",
    "coordination with partners in {r}",
    "the resilience of {d}",
    "efforts to counter threats to {d}",
    "their presence in {r}",
    "joint research on {d}",
    "policy coordination on {d}",
    "dialogue with countries in {r}",
    "cooperation in {b}",
    "the Alliance's posture in {r}",
    "support for partners in {r} in {d}",
    "work on {b} and {d}",
];

const NUMBER_OBJECTS: &[&str] = &[
    "defense spending of at least {n} percent of GDP by {y}",
    "contributions of {n} percent of gross national income to {d}",
    "funding of {m} billion dollars for {d} by {y}",
    "the number of joint exercises in {r} to {k} a year",
    "deployments of {k} personnel to {r} by {y}",
    "emissions by {p} percent from 2005 levels by {y}",
    "a reserve of {m} million doses for {d}",
    "{k} additional vessels for {d}",
];

const TARGETS: &[&str] = &[
    "all parties",
    "all states",
    "North Korea",
    "the international community",
    "the parties to the conflict",
    "all countries in {r}",
    "international partners",
    "the private sector",
    "regional organizations",
    "the Security Council",
    "all members",
    "relevant stakeholders",
    "the authorities in {r}",
    "donor countries",
];

const CALL_VPS: &[&str] = &[
    "refrain from {bad}",
    "comply with their obligations under international law",
    "comply with the relevant Security Council resolutions",
    "engage in constructive dialogue on {d}",
    "abandon its nuclear and ballistic missile programs",
    "respect freedom of navigation in {r}",
    "settle disputes peacefully in {r}",
    "{a} {o}",
    "contribute to {d} in {r}",
    "ensure unhindered humanitarian access in {r}",
    "implement the {i} on {d}",
    "join the {i} on {d}",
];

const BAD: &[&str] = &[
    "unilateral attempts to change the status quo by force",
    "the militarization of disputed features",
    "launches of ballistic missiles",
    "malicious cyber activities targeting critical infrastructure",
    "economic coercion",
    "attacks on civilian infrastructure",
    "the proliferation of weapons of mass destruction",
    "illicit ship-to-ship transfers",
    "dangerous maneuvers by vessels and aircraft",
    "violations of human rights and fundamental freedoms",
    "the deteriorating humanitarian situation",
    "the use of anti-personnel mines",
    "disinformation campaigns",
    "the erosion of arms control agreements",
    "restrictions on the export of critical minerals",
    "acts of terrorism and violent extremism",
    "the expansion of nuclear arsenals",
    "interference in democratic processes",
];

const CLAUSE_SUBJECTS: &[&str] = &[
    "the Alliance",
    "the partnership",
    "regional cooperation",
    "the rules-based international order",
    "deterrence",
    "their cooperation on {d}",
    "the {i} on {d}",
    "multilateral cooperation",
    "freedom of navigation",
    "dialogue with partners in {r}",
];

const CLAUSE_PREDICATES: &[&str] = &[
    "remains the cornerstone of peace and stability in {r}",
    "is essential to the security of {r}",
    "is critical to prosperity in {r}",
    "contributes to a free and open {r2}",
    "must adapt to threats in {d}",
    "has grown stronger since {y0}",
    "serves the interests of countries in {r}",
    "underpins stability in {r}",
    "depends on progress in {d}",
    "requires sustained investment in {d}",
];

const OBJ_NOUNS: &[&str] = &[
    "progress made in {d}",
    "launch of the {i} on {d}",
    "conclusion of the {i} on {d}",
    "establishment of a {i} on {d}",
    "results of the review of {b}",
    "efforts of partners in {r}",
    "adoption of the {i} on {d}",
    "contributions of allies to {d}",
    "outcome of the conference on {d} held in {c}",
    "work of the {i} on {b}",
    "role of regional organizations in {r}",
    "implementation of the {i} on {d}",
];

const CITIES: &[&str] = &[
    "Tokyo",
    "Washington",
    "Canberra",
    "Seoul",
    "Brussels",
    "Ottawa",
    "London",
    "Singapore",
    "Jakarta",
    "Manila",
    "Hanoi",
    "Wellington",
    "Paris",
    "Berlin",
    "Rome",
    "Madrid",
    "Warsaw",
    "Vilnius",
    "Geneva",
    "New York",
    "Nairobi",
    "Addis Ababa",
    "Bangkok",
    "New Delhi",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const NARRATIVES: &[&str] = &[
    "The {g} met in {c} on {day} {mon} {y0}, the {ord} meeting since its establishment in {y1}.",
    "Since {y1}, the two countries have conducted {k} joint exercises in {r}.",
    "Over the past year, {k} personnel took part in training on {b} in {r}.",
    "The {i} on {d}, launched in {y1}, has held {k2} meetings.",
    "Officials reviewed progress on {d} and on {b} at a meeting in {c} in {mon} {y0}.",
    "Trade between the two countries reached {m} billion dollars in {y0}, an increase of {p} percent.",
    "The meeting was preceded by consultations in {c} on {d}.",
];

const GROUPS: &[&str] = &[
    "Security Consultative Committee",
    "Strategic Dialogue",
    "Joint Commission",
    "Ministerial Council",
    "Partnership Council",
    "Consultative Forum",
];

/// Verb phrases of one family, weakest first, with an ordinal force. The
/// phrase includes the word that follows the verb where the family's
/// grammar needs it, so that any phrase of a family can replace any other.
struct Family {
    phrases: &'static [(&'static str, u8)],
}

/// "... noted that CLAUSE."
const F_THAT: Family = Family {
    phrases: &[
        ("noted that", 10),
        ("observed that", 10),
        ("recognized that", 20),
        ("acknowledged that", 20),
        ("stressed that", 22),
        ("underscored that", 22),
        ("affirmed that", 50),
        ("reaffirmed that", 50),
        ("confirmed that", 50),
        ("reiterated that", 50),
    ],
};

/// "... welcomed the NP."
const F_OBJ: Family = Family {
    phrases: &[
        ("took note of the", 10),
        ("noted the", 10),
        ("recognized the", 20),
        ("acknowledged the", 20),
        ("welcomed the", 30),
        ("appreciated the", 30),
        ("commended the", 30),
        ("supported the", 40),
        ("endorsed the", 40),
        ("reaffirmed support for the", 50),
    ],
};

/// "... committed to VP."
const F_COMMIT: Family = Family {
    phrases: &[
        ("intend to", 25),
        ("agreed to", 60),
        ("committed to", 60),
        ("pledged to", 60),
        ("resolved to", 60),
        ("decided to", 60),
        ("undertook to", 60),
    ],
};

/// "... urged TARGET to VP."
const F_CALL: Family = Family {
    phrases: &[
        ("invited", 20),
        ("asked", 20),
        ("encouraged", 30),
        ("called on", 40),
        ("called upon", 40),
        ("urged", 50),
        ("strongly urged", 55),
    ],
};

/// "... expressed concern about NP."
const F_CONCERN: Family = Family {
    phrases: &[
        ("expressed concern about", 30),
        ("expressed serious concern about", 35),
        ("expressed grave concern about", 35),
        ("opposed", 50),
        ("rejected", 50),
        ("strongly opposed", 55),
        ("condemned", 60),
        ("deplored", 60),
        ("condemned in the strongest terms", 65),
    ],
};

/// "ACTOR will VP."
const F_MODAL: Family = Family {
    phrases: &[
        ("may", 10),
        ("could", 10),
        ("would", 20),
        ("should", 20),
        ("will", 30),
        ("shall", 40),
        ("must", 40),
    ],
};

const FAMILIES: &[&Family] = &[&F_THAT, &F_OBJ, &F_COMMIT, &F_CALL, &F_CONCERN, &F_MODAL];

const ADVERB_BOOSTERS: &[&str] = &[
    "strongly",
    "firmly",
    "fully",
    "resolutely",
    "unequivocally",
    "steadfastly",
];

const ADJ_BOOSTERS: &[&str] = &[
    "unwavering",
    "steadfast",
    "ironclad",
    "robust",
    "full",
    "resolute",
];

const HEDGES: &[&str] = &[
    "where appropriate",
    "as appropriate",
    "where feasible",
    "in due course",
    "to the extent possible",
    "in certain circumstances",
    "on a voluntary basis",
    "as necessary",
    "when conditions allow",
];

/// Groups of equal-force phrases: swapping one for another is cosmetic.
const SYNONYMS: &[&[&str]] = &[
    &["cooperation", "collaboration"],
    &["strengthen", "enhance", "reinforce", "bolster"],
    &["promote", "advance", "foster"],
    &["critical", "vital", "crucial", "essential"],
    &["efforts", "endeavors"],
    &["reaffirmed that", "reiterated that", "confirmed that"],
    &["committed to", "pledged to", "resolved to"],
    &["welcomed the", "appreciated the", "commended the"],
    &["called on", "called upon"],
    &["North Korea", "the DPRK"],
    &["United States", "U.S."],
];

// ---------------------------------------------------------------------------
// Sentence and paragraph generation
// ---------------------------------------------------------------------------

/// Fills `{x}` slots of a template.
fn fill(rng: &mut Rng, template: &str) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("closed slot");
        let slot = &rest[open + 1..close];
        rest = &rest[close + 1..];
        let value: String = match slot {
            "d" => rng.pick(DOMAINS).to_string(),
            "b" => rng.pick(DOMAINS_B).to_string(),
            "r" => rng.pick(REGIONS).to_string(),
            "r2" => {
                let r = rng.pick(REGIONS);
                r.strip_prefix("the ").unwrap_or(r).to_string()
            }
            "i" => rng.pick(INITIATIVES).to_string(),
            "c" => rng.pick(CITIES).to_string(),
            "g" => rng.pick(GROUPS).to_string(),
            "a" => rng.pick(ACTIONS).to_string(),
            "o" => {
                let t = rng.pick(OBJECTS);
                fill(rng, t)
            }
            "bad" => {
                let t = rng.pick(BAD);
                fill(rng, t)
            }
            "n" => rng.range(1, 5).to_string(),
            "p" => (rng.range(2, 12) * 5).to_string(),
            "m" => rng.range(2, 95).to_string(),
            "k" => (rng.range(2, 60) * 10).to_string(),
            "k2" => rng.range(3, 40).to_string(),
            "y" => rng.range(2025, 2050).to_string(),
            "y0" => rng.range(2001, 2024).to_string(),
            "y1" => rng.range(1952, 2000).to_string(),
            "day" => rng.range(1, 28).to_string(),
            "mon" => rng.pick(MONTHS).to_string(),
            "ord" => {
                let n = rng.range(4, 60);
                let suffix = match (n % 10, n % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                format!("{n}{suffix}")
            }
            other => panic!("unknown slot {other}"),
        };
        out.push_str(&value);
    }
    out.push_str(rest);
    out
}

fn phrase(rng: &mut Rng, f: &Family) -> &'static str {
    f.phrases[rng.below(f.phrases.len())].0
}

fn maybe_booster(rng: &mut Rng, p: f64) -> String {
    if rng.chance(p) {
        format!("{} ", rng.pick(ADVERB_BOOSTERS))
    } else {
        String::new()
    }
}

fn maybe_hedge(rng: &mut Rng, p: f64) -> String {
    if rng.chance(p) {
        format!(" {}", rng.pick(HEDGES))
    } else {
        String::new()
    }
}

/// A verb phrase for "committed to ...", "will ...", "to ...".
fn vp(rng: &mut Rng) -> String {
    if rng.chance(0.2) {
        let t = rng.pick(NUMBER_OBJECTS);
        let verb = rng.pick(&["reach", "achieve", "raise", "provide", "commit", "reduce"]);
        let obj = fill(rng, t);
        format!("{verb} {obj}")
    } else {
        let a = rng.pick(ACTIONS);
        let t = rng.pick(OBJECTS);
        let obj = fill(rng, t);
        format!("{a} {obj}")
    }
}

/// One sentence; `actor` is the subject (`None` for a narrative sentence).
fn sentence(rng: &mut Rng) -> String {
    let actor = rng.pick(ACTORS);
    let kind = rng.weighted(&[16, 14, 18, 14, 12, 12, 7, 7]);
    let s = match kind {
        0 => {
            // that-clause
            let b = maybe_booster(rng, 0.15);
            let p = phrase(rng, &F_THAT);
            let st = rng.pick(CLAUSE_SUBJECTS);
            let subj = fill(rng, st);
            let pred_t = rng.pick(CLAUSE_PREDICATES);
            let pred = fill(rng, pred_t);
            format!("{actor} {b}{p} {subj} {pred}")
        }
        1 => {
            // object
            let b = maybe_booster(rng, 0.1);
            let p = phrase(rng, &F_OBJ);
            let t = rng.pick(OBJ_NOUNS);
            let np = fill(rng, t);
            let h = maybe_hedge(rng, 0.05);
            format!("{actor} {b}{p} {np}{h}")
        }
        2 => {
            // commitment
            let p = phrase(rng, &F_COMMIT);
            let p = if p == "intend to" {
                "expressed their intention to"
            } else {
                p
            };
            let v = vp(rng);
            let h = maybe_hedge(rng, 0.15);
            if rng.chance(0.3) {
                let v2 = vp(rng);
                format!("{actor} {p} {v}{h} and to {v2}")
            } else {
                format!("{actor} {p} {v}{h}")
            }
        }
        3 => {
            // call on others
            let b = maybe_booster(rng, 0.1);
            let p = phrase(rng, &F_CALL);
            let b = if p.starts_with("strongly") {
                String::new()
            } else {
                b
            };
            let tt = rng.pick(TARGETS);
            let target = fill(rng, tt);
            let vt = rng.pick(CALL_VPS);
            let v = fill(rng, vt);
            let h = maybe_hedge(rng, 0.1);
            format!("{actor} {b}{p} {target} to {v}{h}")
        }
        4 => {
            // concern
            let p = phrase(rng, &F_CONCERN);
            let bt = rng.pick(BAD);
            let bad = fill(rng, bt);
            let r = rng.pick(REGIONS);
            if rng.chance(0.4) {
                let p2 = phrase(rng, &F_CALL);
                let tt = rng.pick(TARGETS);
                let target = fill(rng, tt);
                let vt = rng.pick(CALL_VPS);
                let v = fill(rng, vt);
                format!("{actor} {p} {bad} in {r}, and {p2} {target} to {v}")
            } else {
                format!("{actor} {p} {bad} in {r}")
            }
        }
        5 => {
            // modal
            let m = phrase(rng, &F_MODAL);
            let cont = if rng.chance(0.5) { "continue to " } else { "" };
            let v = vp(rng);
            let h = maybe_hedge(rng, 0.15);
            format!("{actor} {m} {cont}{v}{h}")
        }
        6 => {
            // commitment with an adjective booster
            let adj = if rng.chance(0.6) {
                format!("{} ", rng.pick(ADJ_BOOSTERS))
            } else {
                String::new()
            };
            let p = phrase(rng, &F_THAT);
            let p = p.trim_end_matches(" that");
            let d = fill(rng, "{d} in {r}");
            format!("{actor} {p} their {adj}commitment to {d}")
        }
        _ => {
            let t = rng.pick(NARRATIVES);
            let mut s = fill(rng, t);
            s.pop(); // templates carry their own period
            s
        }
    };
    format!("{s}.")
}

/// One paragraph of 1–5 sentences.
pub fn paragraph(rng: &mut Rng) -> String {
    let n = 1 + rng.weighted(&[2, 4, 5, 3, 1]);
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&sentence(rng));
    }
    out
}

// ---------------------------------------------------------------------------
// Front matter and dates
// ---------------------------------------------------------------------------

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A date as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub i64);

impl Day {
    /// From a calendar date.
    pub fn ymd(y: i64, m: i64, d: i64) -> Day {
        Day(days_from_civil(y, m, d))
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Day> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Some(Day::ymd(y, m, d))
    }

    /// Shifted by `n` days.
    pub fn plus(self, n: i64) -> Day {
        Day(self.0 + n)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = civil_from_days(self.0);
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// Front matter of a synthetic statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// Issue date.
    pub date: Day,
    /// Title.
    pub title: String,
    /// Series id.
    pub series: String,
    /// Place.
    pub place: String,
    /// Participants.
    pub participants: Vec<String>,
}

const OFFICES: &[&str] = &[
    "Secretary of State",
    "Secretary of Defense",
    "Minister for Foreign Affairs",
    "Minister of Defense",
    "Foreign Minister",
    "Defence Minister",
    "High Representative",
    "Secretary-General",
];

const SURNAMES: &[&str] = &[
    "Abernathy",
    "Okada",
    "Lindqvist",
    "Moreau",
    "Castellano",
    "Nakamura",
    "Whitfield",
    "Kowalski",
    "Haddad",
    "Osei",
    "Ferreira",
    "Tanaka",
    "Brennan",
    "Sorensen",
    "Mbeki",
    "Ishikawa",
    "Delacroix",
    "Novak",
    "Park",
    "Quinlan",
    "Reyes",
    "Varga",
    "Yilmaz",
    "Zhou",
];

fn meta(rng: &mut Rng, series: &str, date: Day) -> Meta {
    let group = rng.pick(GROUPS);
    meta_of(rng, group, series, date)
}

fn meta_of(rng: &mut Rng, group: &str, series: &str, date: Day) -> Meta {
    let n = rng.range(2, 4);
    let participants = (0..n)
        .map(|_| format!("{} {}", rng.pick(OFFICES), rng.pick(SURNAMES)))
        .collect();
    Meta {
        date,
        title: format!("Joint Statement of the {group} (synthetic)"),
        series: series.to_string(),
        place: rng.pick(CITIES).to_string(),
        participants,
    }
}

fn render_meta(m: &Meta, out: &mut String) {
    let _ = writeln!(out, "---");
    let _ = writeln!(out, "date: {}", m.date);
    let _ = writeln!(out, "title: \"{}\"", m.title);
    let _ = writeln!(out, "series: {}", m.series);
    let _ = writeln!(out, "place: \"{}\"", m.place);
    let _ = writeln!(out, "participants: [{}]", m.participants.join(", "));
    let _ = writeln!(out, "provenance: illustrative");
    let _ = writeln!(out, "---");
}

/// Parses the front matter this module writes (other keys are ignored).
/// Returns the metadata (if there was front matter) and the body.
pub fn split(text: &str) -> (Option<Meta>, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (None, text);
    };
    let Some(end) = rest.find("\n---\n") else {
        return (None, text);
    };
    let (fm, body) = (&rest[..end], &rest[end + 5..]);
    let mut m = Meta {
        date: Day::ymd(2010, 1, 1),
        title: String::new(),
        series: "synthetic".into(),
        place: String::new(),
        participants: Vec::new(),
    };
    for line in fm.lines() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim().trim_matches('"');
        match k.trim() {
            "date" => m.date = Day::parse(v).unwrap_or(m.date),
            "title" => m.title = v.to_string(),
            "series" => m.series = v.to_string(),
            "place" => m.place = v.to_string(),
            "participants" => {
                m.participants = v
                    .trim_matches(['[', ']'])
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            _ => {}
        }
    }
    (Some(m), body)
}

/// The paragraphs of a statement body (or of a whole file): blocks separated
/// by blank lines, hard wrapping undone.
pub fn paragraphs(text: &str) -> Vec<String> {
    let (_, body) = split(text);
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in body.lines() {
        let t = line.trim();
        if t.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(t);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A paragraph as it will be written: one long line, or hard-wrapped.
#[derive(Debug, Clone)]
struct Para {
    text: String,
    wrap: Option<usize>,
}

/// Greedy hard wrap at `width` columns (words never broken).
fn wrap(text: &str, width: usize, out: &mut String) {
    let mut col = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let n = word.chars().count();
        if col > 0 && col + 1 + n > width {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += n;
    }
}

fn render(meta: &Meta, paras: &[Para]) -> String {
    let bytes: usize = paras.iter().map(|p| p.text.len() + 2).sum();
    let mut out = String::with_capacity(bytes + 512);
    render_meta(meta, &mut out);
    for p in paras {
        out.push('\n');
        match p.wrap {
            Some(w) => wrap(&p.text, w, &mut out),
            None => out.push_str(&p.text),
        }
        out.push('\n');
    }
    out
}

/// Opening paragraph: who met where (a realistic lead, no pledge verbs).
fn opening(rng: &mut Rng, m: &Meta) -> String {
    let (y, mo, d) = civil_from_days(m.date.0);
    let names = m.participants.join(", ");
    let group = m
        .title
        .strip_prefix("Joint Statement of the ")
        .and_then(|t| t.strip_suffix(" (synthetic)"))
        .unwrap_or("Joint Commission");
    let mut s = format!(
        "On {d} {} {y}, the {group} met in {}, with the participation of {names}.",
        MONTHS[(mo - 1) as usize],
        m.place
    );
    s.push(' ');
    s.push_str(&sentence(rng));
    s
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/// A full statement file of `paragraphs` paragraphs (at least 1).
pub fn statement(seed: u64, paragraphs: usize) -> String {
    let mut rng = Rng::new(mix(seed, 1));
    let date = Day::ymd(2010, 1, 1).plus(rng.below(3650) as i64);
    let m = meta(&mut rng, "synthetic", date);
    statement_with(&mut rng, &m, paragraphs)
}

fn statement_with(rng: &mut Rng, m: &Meta, paragraphs: usize) -> String {
    let mut paras = Vec::with_capacity(paragraphs);
    if paragraphs > 0 {
        paras.push(Para {
            text: opening(rng, m),
            wrap: None,
        });
    }
    while paras.len() < paragraphs {
        paras.push(Para {
            text: paragraph(rng),
            wrap: None,
        });
    }
    render(m, &paras)
}

/// What [`evolve`] starts from: a whole statement file, or bare paragraphs.
pub enum Source<'a> {
    /// A statement file (front matter optional).
    Text(&'a str),
    /// Paragraph texts.
    Paragraphs(&'a [String]),
}

impl<'a> From<&'a str> for Source<'a> {
    fn from(s: &'a str) -> Self {
        Source::Text(s)
    }
}
impl<'a> From<&'a String> for Source<'a> {
    fn from(s: &'a String) -> Self {
        Source::Text(s)
    }
}
impl<'a> From<&'a [String]> for Source<'a> {
    fn from(p: &'a [String]) -> Self {
        Source::Paragraphs(p)
    }
}
impl<'a> From<&'a Vec<String>> for Source<'a> {
    fn from(p: &'a Vec<String>) -> Self {
        Source::Paragraphs(p)
    }
}

/// Kinds of planted change, in the order of [`Planted::counts`].
pub const KINDS: &[&str] = &[
    "added",
    "dropped",
    "strengthened",
    "weakened",
    "modified",
    "moved",
    "split",
    "merged",
    "cosmetic",
];

const KIND_WEIGHTS: &[u32] = &[10, 10, 14, 14, 10, 8, 7, 7, 20];

/// How many changes of each kind [`evolve_logged`] planted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Planted {
    /// Indexed like [`KINDS`].
    pub counts: [usize; 9],
}

impl std::fmt::Display for Planted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = KINDS
            .iter()
            .zip(self.counts)
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

/// The next statement: each paragraph gets a planted change with
/// probability `rate`; the date moves on by 30–400 days.
pub fn evolve<'a>(src: impl Into<Source<'a>>, seed: u64, rate: f64) -> String {
    evolve_logged(src, seed, rate).0
}

/// [`evolve`], also returning what was planted.
pub fn evolve_logged<'a>(src: impl Into<Source<'a>>, seed: u64, rate: f64) -> (String, Planted) {
    let mut rng = Rng::new(mix(seed, 2));
    let (m, texts) = match src.into() {
        Source::Text(t) => (split(t).0, paragraphs(t)),
        Source::Paragraphs(p) => (None, p.to_vec()),
    };
    let mut m = m.unwrap_or_else(|| {
        let mut r = Rng::new(mix(seed, 3));
        meta(&mut r, "synthetic", Day::ymd(2010, 1, 1))
    });
    m.date = m.date.plus(rng.range(30, 400) as i64);
    let (paras, planted) = plant(&mut rng, texts, rate, None);
    (render(&m, &paras), planted)
}

/// [`evolve`] that also keeps the paragraph count within 5% of `target`
/// (extra paragraphs added or dropped count as planted), so that long
/// series neither shrink nor grow.
pub fn evolve_toward<'a>(
    src: impl Into<Source<'a>>,
    seed: u64,
    rate: f64,
    target: usize,
) -> String {
    let mut rng = Rng::new(mix(seed, 2));
    let (m, texts) = match src.into() {
        Source::Text(t) => (split(t).0, paragraphs(t)),
        Source::Paragraphs(p) => (None, p.to_vec()),
    };
    let mut m = m.unwrap_or_else(|| {
        let mut r = Rng::new(mix(seed, 3));
        meta(&mut r, "synthetic", Day::ymd(2010, 1, 1))
    });
    m.date = m.date.plus(rng.range(30, 400) as i64);
    let (paras, _) = plant(&mut rng, texts, rate, Some(target));
    render(&m, &paras)
}

/// A statement and its evolved successor (about 15% of paragraphs changed).
pub fn pair(seed: u64, paragraphs: usize) -> (String, String) {
    let old = statement(seed, paragraphs);
    let new = evolve(&old, mix(seed, 4), 0.15);
    (old, new)
}

/// Writes `series_count` series of `statements_per_series` evolving
/// statements as `DIR/SERIES/YYYY-MM-DD.md` with increasing dates; returns
/// the files written, in order.
pub fn archive(
    dir: &Path,
    series_count: usize,
    statements_per_series: usize,
    paragraphs: usize,
    seed: u64,
) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::with_capacity(series_count * statements_per_series);
    for s in 0..series_count {
        let sseed = mix(seed, 100 + s as u64);
        let mut rng = Rng::new(sseed);
        let group = rng.pick(GROUPS);
        let name = format!(
            "synthetic-{:02}-{}",
            s + 1,
            group.to_lowercase().replace(' ', "-")
        );
        let sdir = dir.join(&name);
        std::fs::create_dir_all(&sdir)?;
        let mut date = Day::ymd(1990, 1, 1).plus(rng.below(365) as i64);
        let mut text = String::new();
        for i in 0..statements_per_series {
            if i == 0 {
                let m = meta_of(&mut rng, group, &name, date);
                text = statement_with(&mut rng, &m, paragraphs);
            } else {
                // Hold the size steady, and re-date in small steps so long
                // series stay within a few decades.
                let next = evolve_toward(&text, mix(sseed, i as u64), 0.1, paragraphs);
                date = date.plus(rng.range(14, 60) as i64);
                text = redate(&next, date);
            }
            let path = sdir.join(format!("{date}.md"));
            std::fs::write(&path, &text)?;
            written.push(path);
        }
    }
    Ok(written)
}

fn redate(text: &str, date: Day) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = false;
    for line in text.split_inclusive('\n') {
        if !done && line.starts_with("date: ") {
            let _ = writeln!(out, "date: {date}");
            done = true;
        } else {
            out.push_str(line);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Planting changes
// ---------------------------------------------------------------------------

fn plant(
    rng: &mut Rng,
    texts: Vec<String>,
    rate: f64,
    target: Option<usize>,
) -> (Vec<Para>, Planted) {
    let mut planted = Planted::default();
    let mut out: Vec<Para> = Vec::with_capacity(texts.len() + texts.len() / 8);
    let mut moves: Vec<Para> = Vec::new();
    let mut iter = texts.into_iter().peekable();
    let mut first = true;
    while let Some(text) = iter.next() {
        let mut p = Para { text, wrap: None };
        // The opening paragraph is kept in place (cosmetic edits aside).
        let kind = if rng.chance(rate) {
            let k = rng.weighted(KIND_WEIGHTS);
            if first && matches!(k, 1 | 5 | 7) {
                8
            } else {
                k
            }
        } else {
            usize::MAX
        };
        first = false;
        let ok = match kind {
            0 => {
                out.push(p);
                out.push(Para {
                    text: paragraph(rng),
                    wrap: None,
                });
                planted.counts[0] += 1;
                continue;
            }
            1 => {
                planted.counts[1] += 1;
                continue;
            }
            2 => strengthen(rng, &mut p.text),
            3 => weaken(rng, &mut p.text),
            4 => modify(rng, &mut p.text),
            5 => {
                planted.counts[5] += 1;
                moves.push(p);
                continue;
            }
            6 => {
                let sents = sentences(&p.text);
                if sents.len() >= 2 {
                    let at = rng.range(1, sents.len() - 1);
                    let cut = sents[at];
                    let second = p.text[cut..].trim_start().to_string();
                    p.text.truncate(cut);
                    let t = p.text.trim_end().len();
                    p.text.truncate(t);
                    out.push(p);
                    out.push(Para {
                        text: second,
                        wrap: None,
                    });
                    planted.counts[6] += 1;
                    continue;
                }
                false
            }
            7 => match iter.next() {
                Some(next) => {
                    p.text.push(' ');
                    p.text.push_str(&next);
                    true
                }
                None => false,
            },
            8 => {
                cosmetic(rng, &mut p);
                true
            }
            _ => {
                out.push(p);
                continue;
            }
        };
        if ok {
            planted.counts[kind] += 1;
        } else if kind != 8 {
            // The change did not apply (no verb to swap...): a cosmetic
            // edit instead, so the rate holds.
            cosmetic(rng, &mut p);
            planted.counts[8] += 1;
        }
        out.push(p);
    }
    // Moved paragraphs go back at a random place, away from the opening.
    for p in moves {
        let at = if out.len() <= 1 {
            out.len()
        } else {
            rng.range(1, out.len())
        };
        out.insert(at, p);
    }
    if let Some(t) = target {
        let slack = t / 20;
        while out.len() + slack < t {
            let at = rng.range(out.len().min(1), out.len());
            out.insert(
                at,
                Para {
                    text: paragraph(rng),
                    wrap: None,
                },
            );
            planted.counts[0] += 1;
        }
        while out.len() > t + slack && out.len() > 1 {
            let at = rng.range(1, out.len() - 1);
            out.remove(at);
            planted.counts[1] += 1;
        }
    }
    if out.is_empty() {
        out.push(Para {
            text: paragraph(rng),
            wrap: None,
        });
    }
    (out, planted)
}

/// Byte offsets where sentences start (the first is 0).
fn sentences(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while let Some(k) = text[i..].find(". ") {
        let at = i + k;
        let next = at + 2;
        if next < b.len() && b[next].is_ascii_uppercase() {
            let word_start = text[..at].rfind(' ').map_or(0, |s| s + 1);
            let word = &text[word_start..at];
            // "U.S. Forces": an abbreviation, not a sentence end.
            if !word.contains('.') && word != "U.S" {
                starts.push(next);
            }
        }
        i = next;
    }
    starts
}

/// A match of a family phrase in a text.
struct Hit {
    start: usize,
    end: usize,
    family: usize,
    index: usize,
}

fn find_word(text: &str, needle: &str, from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(k) = text[i..].find(needle) {
        let at = i + k;
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-');
        if edge(before) && edge(after) {
            return Some(at);
        }
        i = at + needle.len();
    }
    None
}

/// All family phrases in `text`, longest first where they overlap.
fn hits(text: &str) -> Vec<Hit> {
    let mut all = Vec::new();
    for (fi, f) in FAMILIES.iter().enumerate() {
        for (pi, (ph, _)) in f.phrases.iter().enumerate() {
            let mut from = 0;
            while let Some(at) = find_word(text, ph, from) {
                all.push(Hit {
                    start: at,
                    end: at + ph.len(),
                    family: fi,
                    index: pi,
                });
                from = at + ph.len();
            }
        }
    }
    all.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
    });
    let mut kept: Vec<Hit> = Vec::new();
    for h in all {
        if kept.last().is_none_or(|k| h.start >= k.end) {
            kept.push(h);
        }
    }
    kept
}

/// Replaces a verb phrase by a stronger (`up`) or weaker one of its family.
fn shift_verb(rng: &mut Rng, text: &mut String, up: bool) -> bool {
    let hs = hits(text);
    let mut options: Vec<(usize, usize, &'static str)> = Vec::new();
    for h in &hs {
        let f = FAMILIES[h.family];
        let force = f.phrases[h.index].1;
        for (ph, fo) in f.phrases {
            if (up && *fo > force) || (!up && *fo < force) {
                options.push((h.start, h.end, ph));
            }
        }
    }
    if options.is_empty() {
        return false;
    }
    let (s, e, ph) = options[rng.below(options.len())];
    text.replace_range(s..e, ph);
    true
}

fn insert_booster(rng: &mut Rng, text: &mut String) -> bool {
    let hs: Vec<Hit> = hits(text)
        .into_iter()
        .filter(|h| h.family != 5 && !text[h.start..h.end].starts_with("strongly"))
        .filter(|h| {
            // not already boosted
            let before = text[..h.start].trim_end();
            !ADVERB_BOOSTERS.iter().any(|b| before.ends_with(b))
        })
        .collect();
    if hs.is_empty() {
        return false;
    }
    let h = &hs[rng.below(hs.len())];
    let b = rng.pick(ADVERB_BOOSTERS);
    text.insert_str(h.start, &format!("{b} "));
    true
}

fn remove_first(text: &mut String, words: &[&str], rng: &mut Rng, suffix_space: bool) -> bool {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for w in words {
        let mut from = 0;
        while let Some(at) = find_word(text, w, from) {
            found.push((at, w.len()));
            from = at + w.len();
        }
    }
    if found.is_empty() {
        return false;
    }
    found.sort();
    let (at, len) = found[rng.below(found.len())];
    if suffix_space {
        // "strongly urged" -> "urged"
        let end = (at + len + 1).min(text.len());
        text.replace_range(at..end, "");
    } else {
        // "cooperation where appropriate." -> "cooperation."
        let start = at.saturating_sub(1);
        text.replace_range(start..at + len, "");
    }
    true
}

/// Adds a hedge before the end of one sentence.
fn insert_hedge(rng: &mut Rng, text: &mut String) -> bool {
    let starts = sentences(text);
    let k = rng.below(starts.len());
    let end = if k + 1 < starts.len() {
        starts[k + 1] - 1
    } else {
        text.len()
    };
    let sent = &text[starts[k]..end];
    if HEDGES.iter().any(|h| sent.contains(h)) {
        return false;
    }
    let Some(dot) = text[..end].rfind('.') else {
        return false;
    };
    if dot < starts[k] {
        return false;
    }
    let h = rng.pick(HEDGES);
    text.insert_str(dot, &format!(" {h}"));
    true
}

fn strengthen(rng: &mut Rng, text: &mut String) -> bool {
    for _ in 0..4 {
        let done = match rng.weighted(&[5, 3, 2]) {
            0 => shift_verb(rng, text, true),
            1 => insert_booster(rng, text),
            _ => remove_first(text, HEDGES, rng, false),
        };
        if done {
            return true;
        }
    }
    false
}

fn weaken(rng: &mut Rng, text: &mut String) -> bool {
    for _ in 0..4 {
        let done = match rng.weighted(&[5, 3, 2]) {
            0 => shift_verb(rng, text, false),
            1 => insert_hedge(rng, text),
            _ => {
                remove_first(text, ADVERB_BOOSTERS, rng, true)
                    || remove_first(text, ADJ_BOOSTERS, rng, true)
            }
        };
        if done {
            return true;
        }
    }
    false
}

/// A substantive edit that is neither stronger nor weaker: another region,
/// domain or number, or an extra clause.
fn modify(rng: &mut Rng, text: &mut String) -> bool {
    match rng.below(4) {
        0 => swap_from(rng, text, REGIONS),
        1 => swap_from(rng, text, DOMAINS),
        2 => {
            // change a number
            let digits: Vec<usize> = text
                .char_indices()
                .filter(|(i, c)| {
                    c.is_ascii_digit()
                        && text[..*i]
                            .chars()
                            .next_back()
                            .is_none_or(|p| !p.is_ascii_digit())
                })
                .map(|(i, _)| i)
                .collect();
            if digits.is_empty() {
                return swap_from(rng, text, DOMAINS);
            }
            let at = digits[rng.below(digits.len())];
            let len = text[at..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(text.len() - at);
            let n: u64 = text[at..at + len].parse().unwrap_or(1);
            let m = n + 1 + rng.below(3) as u64;
            text.replace_range(at..at + len, &m.to_string());
            true
        }
        _ => {
            let extra = sentence(rng);
            let starts = sentences(text);
            let at = starts[rng.below(starts.len())];
            if at == 0 {
                text.push(' ');
                text.push_str(&extra);
            } else {
                text.insert_str(at, &format!("{extra} "));
            }
            true
        }
    }
}

fn swap_from(rng: &mut Rng, text: &mut String, list: &[&str]) -> bool {
    let present: Vec<(usize, &str)> = list
        .iter()
        .filter_map(|w| find_word(text, w, 0).map(|at| (at, *w)))
        .collect();
    if present.is_empty() {
        return false;
    }
    let (at, w) = present[rng.below(present.len())];
    let mut other = rng.pick(list);
    while other == w {
        other = rng.pick(list);
    }
    text.replace_range(at..at + w.len(), other);
    true
}

/// An edit that must not count as a change.
fn cosmetic(rng: &mut Rng, p: &mut Para) {
    match rng.weighted(&[4, 4, 1, 1]) {
        0 => p.wrap = Some(rng.range(60, 78)),
        1 => {
            let mut options: Vec<(usize, usize, &str)> = Vec::new();
            for group in SYNONYMS {
                for w in group.iter() {
                    if let Some(at) = find_word(&p.text, w, 0) {
                        for o in group.iter().filter(|o| *o != w) {
                            options.push((at, w.len(), o));
                        }
                    }
                }
            }
            if options.is_empty() {
                p.wrap = Some(rng.range(60, 78));
            } else {
                let (at, len, o) = options[rng.below(options.len())];
                p.text.replace_range(at..at + len, o);
            }
        }
        2 => {
            if p.text.contains('\'') {
                p.text = p.text.replace('\'', "\u{2019}");
            } else {
                p.text = p.text.replace(". ", ".  ");
            }
        }
        _ => p.text = p.text.replace(", and ", ",  and "),
    }
}
