//! The quantities a pledge carries ("5 percent", "every two years", "by
//! the end of 2024") as typed values: a number, a unit, a kind (an amount,
//! an interval, a deadline …), a bound (a floor or a ceiling) and, for a
//! deadline, a date. Extraction builds them from a clause's tokens;
//! classification compares their fields to say which of two binds more.
//! Nothing here reads a quantity back from the words shown for it.

use std::cmp::Ordering;

use serde::{Serialize, Serializer};

/// Month names, which make the number beside them a day.
pub(super) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// 1 for January to 12 for December.
pub(super) fn month_number(w: &str) -> Option<u8> {
    MONTHS.iter().position(|m| *m == w).map(|i| i as u8 + 1)
}

/// A year on its own ("2030"), as a year.
pub(super) fn year_of(s: &str) -> Option<u16> {
    (s.len() == 4)
        .then(|| s.parse::<u16>().ok())
        .flatten()
        .filter(|y| (1900..2200).contains(y))
}

/// Is `s` a year on its own ("2030")?
pub(super) fn is_year(s: &str) -> bool {
    year_of(s).is_some()
}

/// What a quantity measures, which decides which way a change of it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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
    fn limits_time(self) -> bool {
        matches!(
            self,
            Kind::Interval | Kind::Period | Kind::Deadline | Kind::Delay
        )
    }

    /// The word a reason uses for a change of a quantity of this kind, for
    /// the kinds that limit time: a period ("within 30 days") reads as a
    /// deadline.
    fn time_label(self) -> Option<&'static str> {
        match self {
            Kind::Interval => Some("interval"),
            Kind::Deadline | Kind::Period => Some("deadline"),
            Kind::Delay => Some("delay"),
            _ => None,
        }
    }
}

/// Words before a quantity that make a smaller number the stronger
/// pledge, with what they make of it: "every 3 years" is an interval,
/// "within 30 days" a period, "by 2030" a deadline, "after 24 months" a
/// delay before acting.
pub(super) const LEADS: &[(&str, Kind)] = &[
    ("every", Kind::Interval),
    ("within", Kind::Period),
    ("by", Kind::Deadline),
    ("before", Kind::Deadline),
    ("no later than", Kind::Deadline),
    ("not later than", Kind::Deadline),
    ("after", Kind::Delay),
];

/// The lead of [`LEADS`] whose words are the last of `before` (the words
/// just before a number), if any.
pub(super) fn lead_before(before: &[&str]) -> Option<&'static str> {
    phrase_ending(LEADS, before)
}

/// The kind of quantity a lead of [`LEADS`] makes.
pub(super) fn lead_kind(lead: &str) -> Option<Kind> {
    LEADS.iter().find(|(l, _)| *l == lead).map(|&(_, k)| k)
}

/// The phrase of `table` whose words are the last of `before`, if any.
fn phrase_ending<T>(table: &[(&'static str, T)], before: &[&str]) -> Option<&'static str> {
    table.iter().map(|&(phrase, _)| phrase).find(|phrase| {
        let n = phrase.split(' ').count();
        before.len() >= n
            && before[before.len() - n..]
                .iter()
                .copied()
                .eq(phrase.split(' '))
    })
}

/// Whether a quantity is a floor, a ceiling or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
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
    fn rank(self) -> i32 {
        match self {
            Bound::Exactly => 0,
            Bound::AtLeast => 1,
            Bound::AtMost => -1,
        }
    }
}

/// Words before an amount that make it a floor or a ceiling. Longer
/// phrases first: "no more than" before "more than".
pub(super) const BOUNDS: &[(&str, Bound)] = &[
    ("no less than", Bound::AtLeast),
    ("not less than", Bound::AtLeast),
    ("no fewer than", Bound::AtLeast),
    ("not fewer than", Bound::AtLeast),
    ("a minimum of", Bound::AtLeast),
    ("no more than", Bound::AtMost),
    ("not more than", Bound::AtMost),
    ("a maximum of", Bound::AtMost),
    ("at least", Bound::AtLeast),
    ("more than", Bound::AtLeast),
    ("in excess of", Bound::AtLeast),
    ("up to", Bound::AtMost),
    ("as many as", Bound::AtMost),
    ("as much as", Bound::AtMost),
    ("at most", Bound::AtMost),
];

/// The bound of [`BOUNDS`] whose words are the last of `before`, if any.
pub(super) fn bound_before(before: &[&str]) -> Option<&'static str> {
    phrase_ending(BOUNDS, before)
}

/// The bound a phrase of [`BOUNDS`] sets.
pub(super) fn bound_of(phrase: &str) -> Bound {
    BOUNDS
        .iter()
        .find(|(b, _)| *b == phrase)
        .map_or(Bound::Exactly, |&(_, b)| b)
}

/// Words between "by" and a deadline's year: "by the end of 2024".
pub(super) const PERIOD_OF: &[&str] = &["the", "end", "middle", "of"];

/// Number words that count as quantities before a unit of time ("every
/// two years", "within three months"); elsewhere ("the two countries")
/// they are not quantities.
pub(super) const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("eighteen", 18.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("sixty", 60.0),
    ("ninety", 90.0),
];

/// A unit of time, which lets "every 6 months" and "annually" be
/// compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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

/// Words for units of time.
pub(super) const TIME_UNITS: &[(&str, TimeUnit)] = &[
    ("hour", TimeUnit::Hour),
    ("hours", TimeUnit::Hour),
    ("day", TimeUnit::Day),
    ("days", TimeUnit::Day),
    ("week", TimeUnit::Week),
    ("weeks", TimeUnit::Week),
    ("month", TimeUnit::Month),
    ("months", TimeUnit::Month),
    ("quarter", TimeUnit::Quarter),
    ("quarters", TimeUnit::Quarter),
    ("year", TimeUnit::Year),
    ("years", TimeUnit::Year),
    ("decade", TimeUnit::Decade),
    ("decades", TimeUnit::Decade),
];

/// Adverbs of frequency, as so many of a unit of time ("review annually"
/// is "every year", "biennially" every two).
pub(super) const FREQUENCY_ADVERBS: &[(&str, (f64, TimeUnit))] = &[
    ("daily", (1.0, TimeUnit::Day)),
    ("weekly", (1.0, TimeUnit::Week)),
    ("monthly", (1.0, TimeUnit::Month)),
    ("quarterly", (1.0, TimeUnit::Quarter)),
    ("annually", (1.0, TimeUnit::Year)),
    ("yearly", (1.0, TimeUnit::Year)),
    ("biennially", (2.0, TimeUnit::Year)),
    ("triennially", (3.0, TimeUnit::Year)),
];

/// Words that multiply what they pledge ("double our provision", "a
/// threefold increase"): "double" -> "triple" is a rise.
pub(super) const MULTIPLES: &[(&str, f64)] = &[
    ("double", 2.0),
    ("doubling", 2.0),
    ("twofold", 2.0),
    ("triple", 3.0),
    ("tripling", 3.0),
    ("threefold", 3.0),
    ("quadruple", 4.0),
    ("quadrupling", 4.0),
    ("fourfold", 4.0),
];

/// Counts that make a rate with a unit of time ("twice a year"); any
/// other count is a number and "times" ("four times a year").
pub(super) const RATE_COUNTS: &[(&str, f64)] = &[("once", 1.0), ("twice", 2.0), ("thrice", 3.0)];

/// Words between a rate's count and its unit: "twice a year", "4 times per
/// month".
pub(super) const RATE_PER: &[&str] = &["a", "per", "each"];

/// Words that scale the number before them: "500 million" -> "1.2
/// billion" is a rise.
pub(super) const SCALES: &[(&str, f64)] = &[("million", 1e6), ("billion", 1e9), ("trillion", 1e12)];

/// Currency signs, with the code they most often stand for in the
/// statements read here, so that "$5 billion" and "USD 5 billion" are one
/// currency.
const CURRENCY_SIGNS: &[(&str, &str)] = &[
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
];

/// Currency names written after an amount ("62 million euros").
const CURRENCY_NAMES: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds", "GBP"),
    ("yen", "JPY"),
];

/// The currency code a sign, code or name stands for ("$" -> "USD",
/// "EUR" -> "EUR", "euros" -> "EUR"), if it is one.
pub(super) fn currency_code(written: &str) -> Option<String> {
    if let Some(&(_, code)) = CURRENCY_SIGNS
        .iter()
        .chain(CURRENCY_NAMES)
        .find(|(w, _)| *w == written)
    {
        return Some(code.to_string());
    }
    (written.len() == 3 && written.chars().all(|c| c.is_ascii_uppercase()))
        .then(|| written.to_string())
}

/// The value of `table`'s entry for `word`.
pub(super) fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

/// What a quantity counts or measures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A number with no unit found beside it ("3", "40 to 45", "500
    /// million").
    Number,
    /// Percent ("5 percent", "5%", "5 per cent").
    Percent,
    /// Percentage points ("1/2 percentage point").
    PercentagePoint,
    /// Money in a currency, by its code ("USD" for "$" and "USD").
    Money(String),
    /// A count of the noun after the number ("200 personnel", "2,000
    /// scholarships").
    Count(String),
    /// A span of time ("30 days", "every 3 years").
    Time(TimeUnit),
    /// Another measure word ("degrees", "times").
    Other(String),
}

impl Unit {
    /// Can amounts in these two units be weighed against each other? A
    /// bare number can be against any (extraction often finds no unit
    /// beside one of a pair: "from 5 to 10 percent"), spans of time are
    /// in days, and anything else only in the same unit: money in one
    /// currency, one noun counted.
    fn comparable(&self, other: &Unit) -> bool {
        match (self, other) {
            (Unit::Number, _) | (_, Unit::Number) => true,
            (Unit::Time(_), Unit::Time(_)) => true,
            (a, b) => a == b,
        }
    }

    /// Do quantities in these two units measure the same thing, for
    /// pairing the quantities of two pledges when one has more?
    fn same_class(&self, other: &Unit) -> bool {
        match (self, other) {
            (Unit::Money(_), Unit::Money(_)) | (Unit::Time(_), Unit::Time(_)) => true,
            (a, b) => a == b,
        }
    }
}

/// A calendar date to the precision written: a year, a month of it, or a
/// day. "by the end of 2024" is 2024-12-31, "by 2030" the year 2030.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Date {
    /// The year.
    pub year: u16,
    /// 1 for January to 12 for December, when written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    /// Day of the month, when written (or implied: "the end of June").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
}

impl Date {
    /// A year alone.
    pub fn year(year: u16) -> Date {
        Date {
            year,
            month: None,
            day: None,
        }
    }

    /// The last day of `month` (1–12) of `year`.
    pub fn end_of_month(year: u16, month: u8) -> Date {
        Date {
            year,
            month: Some(month),
            day: Some(days_in_month(year, month)),
        }
    }

    /// The moment the date marks, in years: a year alone, or a month
    /// without a day, is its start, and a day its end, so "by 2030" is
    /// the same moment as "by the end of 2029" and "by the end of June
    /// 2025" half-way through 2025.
    pub fn in_years(self) -> f64 {
        let month = self.month.map_or(0.0, |m| f64::from(m - 1));
        let day = match (self.month, self.day) {
            (Some(m), Some(d)) => f64::from(d) / f64::from(days_in_month(self.year, m)),
            _ => 0.0,
        };
        f64::from(self.year) + (month + day) / 12.0
    }

    /// Which of two dates comes first.
    pub fn cmp_time(self, other: Date) -> Ordering {
        self.in_years().total_cmp(&other.in_years())
    }
}

/// Days in `month` (1–12) of `year`.
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// One quantity of a pledge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The words for it as reasons show them ("at least 2 percent", "by
    /// the end of 2024", "every two years").
    pub text: String,
    /// The number: a range counts as its middle, a fraction as its value,
    /// "million" and "billion" multiply. For a rate ("twice a year") the
    /// interval it implies (half a year); for a deadline or a date the
    /// year. None for a word that starts with a digit but is no number
    /// ("5G", "21st").
    pub value: Option<f64>,
    /// What it counts.
    pub unit: Unit,
    /// What it measures.
    pub kind: Kind,
    /// A floor, a ceiling or neither.
    pub bound: Bound,
    /// For a deadline or a date, the date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

impl Quantity {
    /// A quantity of `kind` with no bound and no date.
    pub fn new(text: impl Into<String>, value: Option<f64>, unit: Unit, kind: Kind) -> Quantity {
        Quantity {
            text: text.into(),
            value,
            unit,
            kind,
            bound: Bound::Exactly,
            date: None,
        }
    }

    /// A deadline ("by 2030") or a date ("in 2023") on `date`.
    pub fn dated(text: impl Into<String>, date: Date, kind: Kind) -> Quantity {
        Quantity {
            date: Some(date),
            ..Quantity::new(text, Some(f64::from(date.year)), Unit::Number, kind)
        }
    }

    /// The label of a quantity that binds a pledge in time ("interval" for
    /// "twice a year", "deadline" for "by 2025" or "within 30 days"), or
    /// None for any other quantity. A pledge that gains one is firmer: it
    /// says when. A delay set where there was none says nothing firmer.
    pub fn time_limit(&self) -> Option<&'static str> {
        match self.kind {
            Kind::Delay => None,
            kind => kind.time_label(),
        }
    }

    /// The size the comparison weighs: days for a span of time, the
    /// moment in years for a deadline or a date, else the number.
    fn magnitude(&self) -> Option<f64> {
        if let Some(d) = self.date {
            return Some(d.in_years());
        }
        match self.unit {
            Unit::Time(u) => self.value.map(|v| v * u.days()),
            _ => self.value,
        }
    }

    /// Do the two say the same, bound aside ("up to 1,200" and "as many as
    /// 1,200"; "annually" and "every 12 months")?
    fn same_measure(&self, other: &Quantity) -> bool {
        // Spans of time in any unit are weighed in days; anything else
        // only in its own unit ("5" is not "5 percent").
        let one_unit = self.unit == other.unit
            || matches!((&self.unit, &other.unit), (Unit::Time(_), Unit::Time(_)));
        self.kind == other.kind
            && one_unit
            && match (self.magnitude(), other.magnitude()) {
                (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
                // "5G" is only ever the same as itself.
                _ => self.text == other.text,
            }
    }

    /// Is this a quantity that the other could stand in for, when pairing
    /// the quantities of two pledges: the same kind, and for amounts a
    /// unit of one class?
    fn pairs_with(&self, other: &Quantity) -> bool {
        self.kind == other.kind && (self.kind != Kind::Amount || self.unit.same_class(&other.unit))
    }
}

/// The words a pledge's quantities are shown with, which is what the
/// serialized pledge keeps under `numbers`.
pub(super) fn serialize_texts<S: Serializer>(q: &[Quantity], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(q.iter().map(|q| q.text.as_str()))
}

/// Pairs of changed quantities, then the old ones and the new ones left
/// without a partner.
pub(super) fn pair_quantities<'q>(
    a: &'q [Quantity],
    b: &'q [Quantity],
) -> (
    Vec<(&'q Quantity, &'q Quantity)>,
    Vec<&'q Quantity>,
    Vec<&'q Quantity>,
) {
    // Quantities on both sides are set aside first, wherever they stand:
    // "reached 18.4 billion in 2023, up 9%" -> "rose 9% to 18.4 billion in
    // 2023" changes no number.
    let mut rest_b: Vec<Option<&Quantity>> = b.iter().map(Some).collect();
    let mut rest_a = Vec::new();
    let same = |x: &Quantity, y: &Quantity| x == y || x.bound == y.bound && x.same_measure(y);
    for x in a {
        match rest_b.iter_mut().find(|y| y.is_some_and(|y| same(x, y))) {
            Some(y) => *y = None,
            None => rest_a.push(x),
        }
    }
    // As many left on each side: they pair in order.
    if rest_a.len() == rest_b.iter().flatten().count() {
        let pairs = rest_a
            .into_iter()
            .zip(rest_b.into_iter().flatten())
            .collect();
        return (pairs, Vec::new(), Vec::new());
    }
    let mut pairs = Vec::new();
    let mut gone = Vec::new();
    for x in rest_a {
        let partner = rest_b
            .iter_mut()
            .find(|y| y.is_some_and(|y| y.pairs_with(x)));
        match partner.and_then(Option::take) {
            Some(y) => pairs.push((x, y)),
            None => gone.push(x),
        }
    }
    let came = rest_b.into_iter().flatten().collect();
    (pairs, gone, came)
}

/// The reason for one changed quantity, and its direction.
pub(super) fn quantity_reason(x: &Quantity, y: &Quantity) -> (String, i32) {
    let (bx, by) = (x.bound.rank(), y.bound.rank());
    let (label, direction) = unbounded_change(x, y);
    // "at least 2 percent" -> "up to 2 percent" is looser. When the
    // number moves too, it decides ("at least 2" -> "5" is a rise), unless
    // a ceiling moves against it: "at least 5" -> "up to 10" may be more
    // or less.
    let bound = (by - bx).signum();
    let direction = match direction {
        _ if bound == 0 => direction,
        0 if x.same_measure(y) => bound,
        d if d != bound && (bx < 0 || by < 0) => 0,
        d => d,
    };
    (format!("{label}: {} -> {}", x.text, y.text), direction)
}

/// What kind of change turns `x` into `y`, bounds aside, and its
/// direction: 1 when `y` binds more, -1 when less, 0 when neither or when
/// the two do not measure the same thing.
fn unbounded_change(x: &Quantity, y: &Quantity) -> (&'static str, i32) {
    let (mx, my) = (x.magnitude(), y.magnitude());
    if x.kind.limits_time() && y.kind.limits_time() {
        let label = x.kind.time_label().unwrap_or("deadline");
        // "within 3 months" -> "by 2025", "every month" -> "within a
        // month": neither measures the other.
        let comparable = x.kind == y.kind
            && (x.date.is_some() && y.date.is_some() || x.unit.comparable(&y.unit));
        return match (mx, my) {
            // A smaller interval, period or delay, an earlier deadline.
            (Some(a), Some(b)) if comparable => match b.total_cmp(&a) {
                Ordering::Less => (label, 1),
                Ordering::Greater => (label, -1),
                Ordering::Equal => (label, 0),
            },
            _ => (label, 0),
        };
    }
    match (x.kind, y.kind) {
        // A later year is neither firmer nor looser.
        (Kind::Date, Kind::Date) => ("date", 0),
        (kx, ky) if kx == ky && x.unit.comparable(&y.unit) => match (mx, my) {
            (Some(a), Some(b)) if a < b => ("number", 1),
            (Some(a), Some(b)) if a > b => ("number", -1),
            _ => ("number", 0),
        },
        // "5 percent" -> "200 personnel", "double" -> "5 percent": two
        // different measures, no direction.
        _ => ("number", 0),
    }
}

#[cfg(test)]
impl PartialEq<&str> for Quantity {
    /// A quantity is its words, for tests that check what was found.
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An amount of `value` in `unit` with `bound`, shown as `text`.
    fn amount(text: &str, value: f64, unit: Unit, bound: Bound) -> Quantity {
        Quantity {
            bound,
            ..Quantity::new(text, Some(value), unit, Kind::Amount)
        }
    }

    fn percent(text: &str, value: f64, bound: Bound) -> Quantity {
        amount(text, value, Unit::Percent, bound)
    }

    #[test]
    fn a_higher_floor_binds_more() {
        let (a, b) = (
            percent("at least 2 percent", 2.0, Bound::AtLeast),
            percent("at least 3 percent", 3.0, Bound::AtLeast),
        );
        assert_eq!(
            quantity_reason(&a, &b),
            ("number: at least 2 percent -> at least 3 percent".into(), 1)
        );
        assert_eq!(quantity_reason(&b, &a).1, -1);
    }

    #[test]
    fn a_shorter_interval_binds_more_whatever_its_unit() {
        let every = |text: &str, n: f64, unit: TimeUnit| {
            Quantity::new(text, Some(n), Unit::Time(unit), Kind::Interval)
        };
        let (a, b) = (
            every("annually", 1.0, TimeUnit::Year),
            every("every six months", 6.0, TimeUnit::Month),
        );
        assert_eq!(
            quantity_reason(&a, &b),
            ("interval: annually -> every six months".into(), 1)
        );
        // Twelve months are a year: the same interval, set aside in pairing.
        let c = every("every 12 months", 12.0, TimeUnit::Month);
        let (pairs, gone, came) =
            pair_quantities(std::slice::from_ref(&a), std::slice::from_ref(&c));
        assert!(pairs.is_empty() && gone.is_empty() && came.is_empty());
    }

    #[test]
    fn an_earlier_deadline_binds_more() {
        let by = |text: &str, date: Date| Quantity::dated(text, date, Kind::Deadline);
        let (a, b) = (
            by("by 2030", Date::year(2030)),
            by("by the end of 2025", Date::end_of_month(2025, 12)),
        );
        assert_eq!(
            quantity_reason(&a, &b),
            ("deadline: by 2030 -> by the end of 2025".into(), 1)
        );
        assert_eq!(quantity_reason(&b, &a).1, -1);
        // The end of 2029 is the start of 2030.
        assert_eq!(
            Date::end_of_month(2029, 12).cmp_time(Date::year(2030)),
            Ordering::Equal
        );
        assert_eq!(
            Date::end_of_month(2025, 6).cmp_time(Date::year(2025)),
            Ordering::Greater
        );
    }

    #[test]
    fn a_floor_binds_more_than_a_ceiling_of_the_same_number() {
        let (floor, ceiling) = (
            percent("at least 2 percent", 2.0, Bound::AtLeast),
            percent("up to 2 percent", 2.0, Bound::AtMost),
        );
        assert_eq!(quantity_reason(&floor, &ceiling).1, -1);
        assert_eq!(quantity_reason(&ceiling, &floor).1, 1);
        // A ceiling raised against a floor says neither.
        let higher = percent("up to 5 percent", 5.0, Bound::AtMost);
        assert_eq!(quantity_reason(&floor, &higher).1, 0);
    }

    #[test]
    fn quantities_of_different_units_or_kinds_are_not_weighed() {
        let pct = percent("5 percent", 5.0, Bound::Exactly);
        let troops = amount(
            "200 troops",
            200.0,
            Unit::Count("troops".into()),
            Bound::Exactly,
        );
        assert_eq!(quantity_reason(&pct, &troops).1, 0);
        let eur = amount(
            "62 million",
            62e6,
            Unit::Money("EUR".into()),
            Bound::Exactly,
        );
        let usd = amount(
            "70 million",
            70e6,
            Unit::Money("USD".into()),
            Bound::Exactly,
        );
        assert_eq!(quantity_reason(&eur, &usd).1, 0);
        // A deadline is not weighed against an amount.
        let by = Quantity::dated("by 2030", Date::year(2030), Kind::Deadline);
        assert_eq!(quantity_reason(&pct, &by).1, 0);
        // A bare number is weighed against any amount: extraction may have
        // missed its unit.
        let bare = amount("7", 7.0, Unit::Number, Bound::Exactly);
        assert_eq!(quantity_reason(&pct, &bare).1, 1);
    }

    #[test]
    fn a_year_later_is_no_change_of_strength() {
        let (a, b) = (
            Quantity::dated("2023", Date::year(2023), Kind::Date),
            Quantity::dated("2024", Date::year(2024), Kind::Date),
        );
        assert_eq!(quantity_reason(&a, &b), ("date: 2023 -> 2024".into(), 0));
    }
}
