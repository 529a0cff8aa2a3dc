//! The English words of quantities (`data/quantities.yaml`): months, the
//! leads and bounds before a number, number words, units of time, scales
//! and currencies, each with the typed value it stands for.
//!
//! The pledge stage keeps the mechanism (which number is a quantity, how
//! two are weighed; `src/pledge/quantity.rs`); the words are data, so that
//! a `--lexicon` file can add a currency name or a lead without a rebuild.
//! The types the words stand for ([`Kind`], [`Bound`], [`TimeUnit`]) live
//! here rather than in the pledge stage because the lexicon, which comes
//! before it, reads them. Every table is compiled once, when the lexicon
//! loads, to a hash map or a list of split phrases: the pledge stage looks
//! up every word of every clause, and a lookup must not allocate.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::grammar::{leak, lower};

/// A word of a table, as the embedded data holds it.
type Word = &'static str;

/// What a quantity measures, which decides which way a change of it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
// Serialized as before (reports show it); read from data in kebab case
// like the other names of the data files (one word each, so the same).
#[serde(rename_all(serialize = "snake_case", deserialize = "kebab-case"))]
pub enum Kind {
    /// A plain amount ("5 percent", "USD 3 billion", "200 personnel"):
    /// more binds more.
    Amount,
    /// How often ("every 3 years", "annually", "twice a year"): a shorter
    /// interval binds more.
    Interval,
    /// Time allowed ("within 30 days"): shorter binds more.
    Period,
    /// A date to act by ("by 2030", "by the end of 2024"): earlier binds
    /// more.
    Deadline,
    /// Time before acting ("after 24 months"): shorter binds more.
    Delay,
    /// A year, or a span of years, that sets no limit ("in 2023",
    /// "2023-2024"): a later one is neither firmer nor looser.
    Date,
    /// A multiple of what is pledged ("double", "a threefold increase"):
    /// more binds more.
    Multiple,
}

impl Kind {
    /// Does a smaller quantity of this kind bind more (a limit in time)?
    pub(crate) fn limits_time(self) -> bool {
        matches!(
            self,
            Kind::Interval | Kind::Period | Kind::Deadline | Kind::Delay
        )
    }

    /// The word a reason uses for a change of a quantity of this kind, for
    /// the kinds that limit time: a period ("within 30 days") reads as a
    /// deadline.
    pub(crate) fn time_label(self) -> Option<&'static str> {
        match self {
            Kind::Interval => Some("interval"),
            Kind::Deadline | Kind::Period => Some("deadline"),
            Kind::Delay => Some("delay"),
            _ => None,
        }
    }
}

/// Whether a quantity is a floor, a ceiling or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
// Serialized as before (reports show it); written `at-least` in the data.
#[serde(rename_all(serialize = "snake_case", deserialize = "kebab-case"))]
pub enum Bound {
    /// No bound word: the number as it stands.
    #[default]
    Exactly,
    /// "at least 2 percent": 2 or more.
    AtLeast,
    /// "up to 2 percent": 2 or less.
    AtMost,
}

impl Bound {
    /// 1 for a floor, -1 for a ceiling, 0 for none: with the number
    /// unchanged, a floor is the firmer pledge and a ceiling the looser.
    pub(crate) fn rank(self) -> i32 {
        match self {
            Bound::Exactly => 0,
            Bound::AtLeast => 1,
            Bound::AtMost => -1,
        }
    }
}

/// A unit of time, which lets "every 6 months" and "annually" be
/// compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(serialize = "snake_case", deserialize = "kebab-case"))]
pub enum TimeUnit {
    /// An hour.
    Hour,
    /// A day.
    Day,
    /// A week.
    Week,
    /// A month.
    Month,
    /// A quarter of a year.
    Quarter,
    /// A year.
    Year,
    /// Ten years.
    Decade,
}

impl TimeUnit {
    /// Its length in days. A month is a twelfth of a year, so that "every
    /// 12 months" and "annually" are the same interval.
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Hour => 1.0 / 24.0,
            TimeUnit::Day => 1.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Month => 365.0 / 12.0,
            TimeUnit::Quarter => 365.0 / 4.0,
            TimeUnit::Year => 365.0,
            TimeUnit::Decade => 3652.5,
        }
    }
}

/// What a unit word after a number measures (the `units` table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitKind {
    /// Percent ("5 percent", "5%").
    Percent,
    /// Percentage points ("half a percentage point").
    PercentagePoint,
    /// A count of the word ("200 troops").
    Count,
    /// Another measure ("2 degrees").
    Other,
}

// Entries of the tables, generic over their strings like the rest of the
// raw lexicon (borrowed from the binary, or leaked from a user file).

/// A month and its number.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMonth<S> {
    word: S,
    number: u8,
}

/// A lead and the kind of quantity it makes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLead<S> {
    word: S,
    kind: Kind,
}

/// A bound phrase and the bound it sets.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBound<S> {
    word: S,
    bound: Bound,
}

/// A word that stands for a number.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawValue<S> {
    word: S,
    value: f64,
}

/// A word for a unit of time.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTimeUnit<S> {
    word: S,
    unit: TimeUnit,
}

/// An adverb of frequency: every `count` units.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFrequency<S> {
    word: S,
    count: f64,
    unit: TimeUnit,
}

/// A currency sign or name and its code.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCurrency<S> {
    word: S,
    code: S,
}

/// A unit word or phrase, what it measures and the word shown for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUnit<S> {
    word: S,
    unit: UnitKind,
    // Missing is `None`, as for any `Option` serde reads.
    shown: Option<S>,
}

/// Declares the raw tables (as read) from one list of names and entry
/// types, so that a table added to `data/quantities.yaml` needs one line
/// here and cannot be forgotten in the leak or merge step.
macro_rules! quantity_tables {
    ($( $(#[$doc:meta])* $name:ident: $entry:ident, )*) => {
        /// The quantity tables as read from YAML or JSON.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct RawQuantities<S> {
            $(
                $(#[$doc])*
                #[serde(default = "Vec::new")]
                $name: Vec<$entry<S>>,
            )*
        }

        impl RawQuantities<String> {
            /// The same tables with process-lifetime strings.
            pub(crate) fn leak(self) -> RawQuantities<Word> {
                RawQuantities {
                    $( $name: self.$name.into_iter().map(Leak::leak).collect(), )*
                }
            }
        }

        impl RawQuantities<Word> {
            /// Appends the user's entries to every table (later entries
            /// win when the tables are compiled).
            pub(crate) fn extend(&mut self, user: RawQuantities<Word>) {
                $( self.$name.extend(user.$name); )*
            }
        }
    };
}

/// A plain word of a list, as an entry type of [`quantity_tables!`].
type Plain<S> = S;

quantity_tables! {
    /// Month names and their numbers.
    months: RawMonth,
    /// Words between a deadline's lead and its year.
    period_of: Plain,
    /// Leads before a number and the kind they make.
    leads: RawLead,
    /// Bound phrases and the bound they set.
    bounds: RawBound,
    /// Number words.
    number_words: RawValue,
    /// Words that multiply what they pledge.
    multiples: RawValue,
    /// Words that scale the number before them.
    scales: RawValue,
    /// Words for units of time.
    time_units: RawTimeUnit,
    /// Adverbs of frequency.
    frequency_adverbs: RawFrequency,
    /// Counts of a rate.
    rate_counts: RawValue,
    /// Words after a number that make it a rate's count.
    rate_times: Plain,
    /// Words between a rate's count and its unit.
    rate_per: Plain,
    /// Unit words after a number and what they measure.
    units: RawUnit,
    /// Currency signs and their codes.
    currency_signs: RawCurrency,
    /// Currency names and their codes.
    currency_names: RawCurrency,
}

/// An entry whose strings can be made to live as long as the process.
trait Leak {
    /// The entry with process-lifetime strings.
    type Leaked;
    fn leak(self) -> Self::Leaked;
}

impl Leak for String {
    type Leaked = Word;
    fn leak(self) -> Word {
        leak(self)
    }
}

/// Implements [`Leak`] for an entry type by leaking its string fields and
/// copying the rest.
macro_rules! leak_entry {
    ($entry:ident { $($s:ident),* ; $($copy:ident),* }) => {
        impl Leak for $entry<String> {
            type Leaked = $entry<Word>;
            fn leak(self) -> $entry<Word> {
                $entry { $( $s: leak(self.$s), )* $( $copy: self.$copy, )* }
            }
        }
    };
}

leak_entry!(RawMonth { word; number });
leak_entry!(RawLead { word; kind });
leak_entry!(RawBound { word; bound });
leak_entry!(RawValue { word; value });
leak_entry!(RawTimeUnit { word; unit });
leak_entry!(RawFrequency { word; count, unit });
leak_entry!(RawCurrency { word, code; });

impl Leak for RawUnit<String> {
    type Leaked = RawUnit<Word>;
    fn leak(self) -> RawUnit<Word> {
        RawUnit {
            word: leak(self.word),
            unit: self.unit,
            shown: self.shown.map(leak),
        }
    }
}

/// Phrases ending a run of words, with their values: longest first, so
/// that "no more than" is found before "more than".
#[derive(Debug, Clone)]
struct Phrases<T> {
    /// Each phrase as written (single spaces), its words and its value.
    entries: Vec<(Word, Vec<Word>, T)>,
}

impl<T: Copy> Phrases<T> {
    /// The phrases of `entries` in lower case. A later entry for the same
    /// phrase replaces an earlier one.
    fn new(entries: impl Iterator<Item = (Word, T)>) -> Phrases<T> {
        let mut out: Vec<(Word, Vec<Word>, T)> = Vec::new();
        for (phrase, value) in entries {
            let words: Vec<Word> = phrase.split_whitespace().map(lower).collect();
            let written = leak_joined(&words, phrase);
            match out.iter_mut().find(|(_, w, _)| *w == words) {
                Some(e) => e.2 = value,
                None => out.push((written, words, value)),
            }
        }
        // A stable sort: among phrases of one length, the table's order.
        out.sort_by_key(|(_, words, _)| std::cmp::Reverse(words.len()));
        Phrases { entries: out }
    }

    /// The phrase whose words are the first of `after`, and its value.
    fn opening(&self, after: &[&str]) -> Option<(Word, T)> {
        self.entries
            .iter()
            .find(|(_, words, _)| after.starts_with(words))
            .map(|&(p, _, v)| (p, v))
    }

    /// The phrase whose words are the last of `before`, and its value.
    fn ending(&self, before: &[&str]) -> Option<(Word, T)> {
        self.entries
            .iter()
            .find(|(_, words, _)| before.ends_with(words))
            .map(|&(p, _, v)| (p, v))
    }

    /// The value of `phrase` (single spaces, lower case).
    fn get(&self, phrase: &str) -> Option<T> {
        self.entries
            .iter()
            .find(|(p, _, _)| *p == phrase)
            .map(|&(_, _, v)| v)
    }
}

/// `words` joined by single spaces, reusing `written` when it is already
/// that (as the embedded data is), so that compiling allocates nothing for
/// it.
fn leak_joined(words: &[Word], written: Word) -> Word {
    let joined_len = words.iter().map(|w| w.len()).sum::<usize>() + words.len().saturating_sub(1);
    if written.len() == joined_len && written.split(' ').eq(words.iter().copied()) {
        written
    } else {
        leak(words.join(" "))
    }
}

/// A lower-case word to value map, later entries winning.
fn map<T>(entries: impl Iterator<Item = (Word, T)>) -> FxHashMap<Word, T> {
    entries.map(|(w, v)| (lower(w), v)).collect()
}

/// The compiled quantity tables (see `data/quantities.yaml`, where each is
/// explained).
#[derive(Debug, Clone, Default)]
pub struct Quantities {
    months: FxHashMap<Word, u8>,
    period_of: FxHashSet<Word>,
    leads: Phrases<Kind>,
    bounds: Phrases<Bound>,
    number_words: FxHashMap<Word, f64>,
    multiples: FxHashMap<Word, f64>,
    scales: FxHashMap<Word, f64>,
    time_units: FxHashMap<Word, TimeUnit>,
    frequency_adverbs: FxHashMap<Word, (f64, TimeUnit)>,
    rate_counts: FxHashMap<Word, f64>,
    rate_times: FxHashSet<Word>,
    rate_per: FxHashSet<Word>,
    units: Phrases<(UnitKind, Word)>,
    currency_signs: FxHashMap<Word, Word>,
    currency_names: FxHashMap<Word, Word>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases {
            entries: Vec::new(),
        }
    }
}

impl RawQuantities<Word> {
    /// Compiles the tables, words in lower case; a month numbered outside
    /// 1 to 12 is an error naming it.
    pub(crate) fn compile(&self) -> Result<Quantities, (Word, String)> {
        if let Some(m) = self.months.iter().find(|m| !(1..=12).contains(&m.number)) {
            return Err((
                m.word,
                format!(
                    "quantities: month `{}` has number {}; a month is 1 to 12",
                    m.word, m.number
                ),
            ));
        }
        let values = |t: &[RawValue<Word>]| map(t.iter().map(|e| (e.word, e.value)));
        let words = |t: &[Word]| t.iter().map(|&w| lower(w)).collect::<FxHashSet<Word>>();
        // Codes keep their case ("USD"); the words are matched in lower case.
        let codes = |t: &[RawCurrency<Word>]| map(t.iter().map(|e| (e.word, e.code)));
        Ok(Quantities {
            months: map(self.months.iter().map(|m| (m.word, m.number))),
            period_of: words(&self.period_of),
            leads: Phrases::new(self.leads.iter().map(|e| (e.word, e.kind))),
            bounds: Phrases::new(self.bounds.iter().map(|e| (e.word, e.bound))),
            number_words: values(&self.number_words),
            multiples: values(&self.multiples),
            scales: values(&self.scales),
            time_units: map(self.time_units.iter().map(|e| (e.word, e.unit))),
            frequency_adverbs: map(self
                .frequency_adverbs
                .iter()
                .map(|e| (e.word, (e.count, e.unit)))),
            rate_counts: values(&self.rate_counts),
            rate_times: words(&self.rate_times),
            rate_per: words(&self.rate_per),
            units: Phrases::new(self.units.iter().map(|e| {
                let shown = lower(e.shown.unwrap_or(e.word));
                (e.word, (e.unit, shown))
            })),
            currency_signs: codes(&self.currency_signs),
            currency_names: codes(&self.currency_names),
        })
    }
}

impl Quantities {
    /// Is `w` (lower case) a month name?
    pub fn is_month(&self, w: &str) -> bool {
        self.months.contains_key(w)
    }

    /// 1 for January to 12 for December.
    pub fn month_number(&self, w: &str) -> Option<u8> {
        self.months.get(w).copied()
    }

    /// Is `w` a word between a deadline's lead and its year ("the end
    /// of")?
    pub fn is_period_of(&self, w: &str) -> bool {
        self.period_of.contains(w)
    }

    /// The lead whose words are the last of `before` (the words just
    /// before a number), if any.
    pub fn lead_before(&self, before: &[&str]) -> Option<Word> {
        self.leads.ending(before).map(|(p, _)| p)
    }

    /// Every word that alone may open a quantity other than a numeral:
    /// a number, multiple, frequency or rate word, or a lead. The pledge
    /// stage flags them once per word (the lexicon's `flag::QUANTITY`) and
    /// passes over the other words without a look-up per table.
    pub fn opening_words(&self) -> impl Iterator<Item = Word> + '_ {
        self.number_words
            .keys()
            .chain(self.multiples.keys())
            .chain(self.frequency_adverbs.keys())
            .chain(self.rate_counts.keys())
            .copied()
            .chain(self.leads.entries.iter().map(|(p, _, _)| *p))
    }

    /// The kind of quantity a lead makes.
    pub fn lead_kind(&self, lead: &str) -> Option<Kind> {
        self.leads.get(lead)
    }

    /// The bound phrase whose words are the last of `before`, if any.
    pub fn bound_before(&self, before: &[&str]) -> Option<Word> {
        self.bounds.ending(before).map(|(p, _)| p)
    }

    /// The bound a bound phrase sets ([`Bound::Exactly`] for any other
    /// words).
    pub fn bound_of(&self, phrase: &str) -> Bound {
        self.bounds.get(phrase).unwrap_or_default()
    }

    /// The number a number word stands for ("two" -> 2).
    pub fn number_word(&self, w: &str) -> Option<f64> {
        self.number_words.get(w).copied()
    }

    /// The multiple a word pledges ("double" -> 2).
    pub fn multiple(&self, w: &str) -> Option<f64> {
        self.multiples.get(w).copied()
    }

    /// The factor a scale word multiplies by ("million" -> 1e6).
    pub fn scale(&self, w: &str) -> Option<f64> {
        self.scales.get(w).copied()
    }

    /// The unit of time a word names ("weeks" -> week).
    pub fn time_unit(&self, w: &str) -> Option<TimeUnit> {
        self.time_units.get(w).copied()
    }

    /// The interval an adverb of frequency stands for ("biennially" -> 2
    /// years).
    pub fn frequency(&self, w: &str) -> Option<(f64, TimeUnit)> {
        self.frequency_adverbs.get(w).copied()
    }

    /// The count a rate word stands for ("twice" -> 2).
    pub fn rate_count(&self, w: &str) -> Option<f64> {
        self.rate_counts.get(w).copied()
    }

    /// Is `w` a word after a number that makes it a rate's count
    /// ("times")?
    pub fn is_rate_times(&self, w: &str) -> bool {
        self.rate_times.contains(w)
    }

    /// The unit whose words open `after` (the words right after a
    /// number): what it measures and the word a quantity shows for it
    /// ("per cent" -> percent, shown "percent").
    pub fn unit_after(&self, after: &[&str]) -> Option<(UnitKind, Word)> {
        self.units.opening(after).map(|(_, v)| v)
    }

    /// Is `w` a word between a rate's count and its unit ("per")?
    pub fn is_rate_per(&self, w: &str) -> bool {
        self.rate_per.contains(w)
    }

    /// Is `text` (as written) a currency sign ("$")?
    pub fn is_currency_sign(&self, text: &str) -> bool {
        self.currency_signs.contains_key(text)
    }

    /// The currency code a sign, code or name stands for ("$" -> "USD",
    /// "EUR" -> "EUR", "euros" -> "EUR"), if it is one.
    pub fn currency_code(&self, written: &str) -> Option<String> {
        if let Some(code) = self
            .currency_signs
            .get(written)
            .or_else(|| self.currency_names.get(written))
        {
            return Some(code.to_string());
        }
        (written.len() == 3 && written.chars().all(|c| c.is_ascii_uppercase()))
            .then(|| written.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::pledge::quantity::Unit;

    #[test]
    fn builtin_tables_hold_their_typed_values() {
        let q = &Lexicon::builtin().quantities;
        assert_eq!(q.month_number("june"), Some(6));
        assert_eq!(q.lead_kind("within"), Some(Kind::Period));
        assert_eq!(q.scale("billion"), Some(1e9));
        assert_eq!(q.time_unit("weeks"), Some(TimeUnit::Week));
        assert_eq!(q.frequency("biennially"), Some((2.0, TimeUnit::Year)));
        assert_eq!(q.currency_code("€").as_deref(), Some("EUR"));
        // The longest bound ending the words wins.
        assert_eq!(
            q.bound_before(&["no", "more", "than"]),
            Some("no more than")
        );
        assert_eq!(q.bound_of("no more than"), Bound::AtMost);
        assert_eq!(
            q.bound_before(&["spend", "more", "than"]),
            Some("more than")
        );
        assert_eq!(q.bound_of("more than"), Bound::AtLeast);
    }

    #[test]
    fn a_user_currency_name_is_recognized() {
        let builtin = Lexicon::builtin();
        assert_eq!(builtin.quantities.currency_code("francs"), None);
        let l = Lexicon::with_text(
            "mine.yaml",
            "quantities:\n  currency_names:\n    - {word: Francs, code: CHF}\n",
        )
        .unwrap();
        assert_eq!(l.quantities.currency_code("francs").as_deref(), Some("CHF"));
        // The built-in names stay.
        assert_eq!(l.quantities.currency_code("euros").as_deref(), Some("EUR"));
        // And a pledge's amount in it is money.
        let statement = crate::segment::statement_from_text(
            "The Bank will lend 40 million francs to the region.",
        );
        let pledges = crate::pledge::extract(&statement, &l);
        let q = &pledges[0].numbers[0];
        assert_eq!(q.unit, Unit::Money("CHF".into()));
        assert_eq!(q.value, Some(40e6));
    }

    #[test]
    fn a_user_unit_word_makes_the_number_before_it_a_count() {
        let first = |l: &Lexicon, text: &str| {
            let statement = crate::segment::statement_from_text(text);
            crate::pledge::extract(&statement, l)[0].numbers[0].clone()
        };
        let text = "The coast guard will expand its fleet to 2000 vessels.";
        // Without the unit, a number in the range of years is a year.
        let builtin = first(&Lexicon::builtin(), text);
        assert_eq!(builtin.kind, Kind::Date);
        let l = Lexicon::with_text(
            "mine.yaml",
            "quantities:\n  units:\n    - {word: vessels, unit: count}\n",
        )
        .unwrap();
        let q = first(&l, text);
        assert_eq!(q.kind, Kind::Amount);
        assert_eq!(q.unit, Unit::Count("vessels".into()));
        assert_eq!(q.value, Some(2000.0));
        assert_eq!(q.text, "2000 vessels");
        // The built-in units stay, a phrase shown by its own word.
        let q = first(&l, "The Board will cut fees by 5 per cent.");
        assert_eq!((q.unit, q.text.as_str()), (Unit::Percent, "5 percent"));
    }

    #[test]
    fn a_month_numbered_outside_the_year_is_an_error_naming_it() {
        let e = Lexicon::with_text(
            "mine.yaml",
            "quantities:\n  months:\n    - {word: smarch, number: 13}\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("smarch"), "{e}");
    }

    #[test]
    fn an_unknown_kind_is_an_error() {
        let e = Lexicon::with_text(
            "mine.yaml",
            "quantities:\n  leads:\n    - {word: ere, kind: someday}\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("someday"), "{e}");
    }
}
