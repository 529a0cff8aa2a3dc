//! The quantities a pledge carries ("5 percent", "every two years", "by
//! the end of 2024") as typed values: a number, a unit, a kind (an amount,
//! an interval, a deadline …), a bound (a floor or a ceiling) and, for a
//! deadline, a date. Extraction builds them from a clause's tokens;
//! classification compares their fields to say which of two binds more.
//! Nothing here reads a quantity back from the words shown for it.

use std::cmp::Ordering;

use serde::{Serialize, Serializer};

// The kinds, bounds and units of time are read from the lexicon's data, which
// comes before this stage; they keep their place in this module's API.
pub use crate::quantities::{Bound, Kind, TimeUnit};

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
