//! The quantities a pledge carries ("5 percent", "every two years", "by
//! the end of 2024"): the words for them, shared by extraction, which
//! finds them in a clause, and classification, which compares two of them
//! and says which way a change goes.

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

/// 0 for January to 11 for December.
fn month_index(w: &str) -> Option<usize> {
    MONTHS.iter().position(|m| *m == w)
}

/// A year on its own ("2030"), as extraction records it.
pub(super) fn is_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<u16>().is_ok_and(|y| (1900..2200).contains(&y))
}

/// Words before a quantity that make a smaller number the stronger
/// pledge, with what they make of it: "every 3 years" is an interval,
/// "within 30 days" a period, "by 2030" a deadline, "after 24 months" a
/// delay before acting.
pub(super) const LEADS: &[(&str, &str)] = &[
    ("every", "interval"),
    ("within", "period"),
    ("by", "deadline"),
    ("before", "deadline"),
    ("no later than", "deadline"),
    ("not later than", "deadline"),
    ("after", "delay"),
];

/// The lead of `s` from [`LEADS`] (its kind) and the words after it.
fn split_lead(s: &str) -> Option<(&'static str, &str)> {
    LEADS.iter().find_map(|&(lead, kind)| {
        let rest = s.strip_prefix(lead)?.strip_prefix(' ')?;
        Some((kind, rest))
    })
}

/// The lead of [`LEADS`] whose words are the last of `before` (the words
/// just before a number), if any.
pub(super) fn lead_before(before: &[&str]) -> Option<&'static str> {
    phrase_ending(LEADS, before)
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

/// Words before an amount that make it a floor or a ceiling: "at least 2
/// percent" promises 2 or more, "up to 2 percent" 2 or less. With the
/// number unchanged, a floor is the firmer pledge and a ceiling the
/// looser one. Longer phrases first: "no more than" before "more than".
pub(super) const BOUNDS: &[(&str, i32)] = &[
    ("no less than", 1),
    ("not less than", 1),
    ("no fewer than", 1),
    ("not fewer than", 1),
    ("a minimum of", 1),
    ("no more than", -1),
    ("not more than", -1),
    ("a maximum of", -1),
    ("at least", 1),
    ("more than", 1),
    ("in excess of", 1),
    ("up to", -1),
    ("as many as", -1),
    ("as much as", -1),
    ("at most", -1),
];

/// The bound of [`BOUNDS`] whose words are the last of `before`, if any.
pub(super) fn bound_before(before: &[&str]) -> Option<&'static str> {
    phrase_ending(BOUNDS, before)
}

/// A quantity's bound (1 for a floor, -1 for a ceiling, 0 for none) and
/// the quantity after it.
fn split_bound(s: &str) -> (i32, &str) {
    BOUNDS
        .iter()
        .find_map(|&(bound, rank)| {
            let rest = s.strip_prefix(bound)?.strip_prefix(' ')?;
            Some((rank, rest))
        })
        .unwrap_or((0, s))
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

/// Units of time, in days: what lets "every 6 months" and "annually" be
/// compared.
pub(super) const TIME_UNITS: &[(&str, f64)] = &[
    ("hour", 1.0 / 24.0),
    ("hours", 1.0 / 24.0),
    ("day", 1.0),
    ("days", 1.0),
    ("week", 7.0),
    ("weeks", 7.0),
    ("month", 30.4),
    ("months", 30.4),
    ("quarter", 91.25),
    ("quarters", 91.25),
    ("year", 365.0),
    ("years", 365.0),
    ("decade", 3652.5),
    ("decades", 3652.5),
];

/// Adverbs of frequency, as intervals in days ("review annually" is
/// "every year").
pub(super) const FREQUENCY_ADVERBS: &[(&str, f64)] = &[
    ("daily", 1.0),
    ("weekly", 7.0),
    ("monthly", 30.4),
    ("quarterly", 91.25),
    ("annually", 365.0),
    ("yearly", 365.0),
    ("biennially", 730.0),
    ("triennially", 1095.0),
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

/// The value of `table`'s entry for `word`.
pub(super) fn lookup(table: &[(&str, f64)], word: &str) -> Option<f64> {
    table.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

/// The number of a quantity, past a lead of [`LEADS`] before it
/// ("within 30 days").
fn parse_number(s: &str) -> Option<f64> {
    let mut words: Vec<&str> = s.split_whitespace().collect();
    if let Some((_, rest)) = split_lead(s) {
        words = rest.split_whitespace().collect();
        // "by the end of 2024", "by June 2025": the year, and the month
        // within it when one is named. The end of a year or month is the
        // start of the next ("by March 2026" comes before "by the end of
        // 2026"), its middle half-way.
        if let [.., _, last] = words.as_slice() {
            if is_year(last) {
                let month = words.iter().find_map(|w| month_index(&w.to_lowercase()));
                let span = if month.is_some() { 1.0 / 12.0 } else { 1.0 };
                let within = if words.contains(&"end") {
                    span
                } else if words.contains(&"middle") {
                    span / 2.0
                } else {
                    0.0
                };
                return Some(last.parse::<f64>().ok()? + month.unwrap_or(0) as f64 / 12.0 + within);
            }
        }
    }
    let head = *words.first()?;
    if let Some(m) = lookup(MULTIPLES, head) {
        return Some(m);
    }
    if let Some(year) = head.strip_prefix("mid-").filter(|y| is_year(y)) {
        return Some(year.parse::<f64>().ok()? + 0.5);
    }
    // A range ("26-28", "40 to 45") counts as its middle: both ends
    // moving up moves it up.
    let range = match words.as_slice() {
        [a, "to", b, ..] => Some((*a, *b)),
        _ if !head.contains('/') => head.split_once(['-', '\u{2013}']),
        _ => None,
    };
    if let Some((a, b)) = range {
        let end = |x: &str| x.replace(',', "").parse::<f64>().ok();
        return Some((end(a)? + end(b)?) / 2.0);
    }
    // A fraction, whole ("1/2") or mixed ("5-1/4").
    if let Some((whole_num, den)) = head.split_once('/') {
        let (whole, num) = whole_num.split_once('-').unwrap_or(("0", whole_num));
        let (whole, num, den): (f64, f64, f64) =
            (whole.parse().ok()?, num.parse().ok()?, den.parse().ok()?);
        return (den != 0.0).then(|| whole + num / den);
    }
    let n = lookup(NUMBER_WORDS, head).or_else(|| head.replace(',', "").parse().ok())?;
    // "500 million" -> "1.2 billion" is a rise.
    Some(n * words.get(1).and_then(|w| lookup(SCALES, w)).unwrap_or(1.0))
}

/// Words that scale the number before them.
const SCALES: &[(&str, f64)] = &[("million", 1e6), ("billion", 1e9), ("trillion", 1e12)];

/// An interval or a period in days: "every 6 months", "within two
/// weeks", "annually". None for a quantity of anything else.
fn days(s: &str) -> Option<f64> {
    if let Some(d) = lookup(FREQUENCY_ADVERBS, s).or_else(|| rate_days(s)) {
        return Some(d);
    }
    let unit = lookup(TIME_UNITS, s.split_whitespace().last()?)?;
    // "every year", "every month": one of the unit.
    let bare = s.split_whitespace().count() == 2 && is_inverse(s);
    Some(if bare { 1.0 } else { parse_number(s)? } * unit)
}

/// A year ("2030") or a span of years ("2023-2024"), which a later one
/// neither strengthens nor weakens.
fn is_date(s: &str) -> bool {
    let s = s.strip_prefix("mid-").unwrap_or(s);
    s.split(['-', '\u{2013}']).all(is_year)
}

/// "every 3 years" (an interval), "within 30 days" or "by 2030" (a
/// deadline): the smaller number is the stronger pledge.
fn is_inverse(s: &str) -> bool {
    is_frequency(s) || split_lead(s).is_some()
}

/// "annually", "quarterly": an interval in one word.
fn is_frequency(s: &str) -> bool {
    lookup(FREQUENCY_ADVERBS, s).is_some() || rate_days(s).is_some()
}

/// "twice a year", "4 times per month": the interval a rate implies, in
/// days.
fn rate_days(s: &str) -> Option<f64> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let (count, rest) = match words.as_slice() {
        [n, "times", rest @ ..] => (lookup(NUMBER_WORDS, n).or_else(|| n.parse().ok())?, rest),
        [n, rest @ ..] => (lookup(RATE_COUNTS, n)?, rest),
        _ => return None,
    };
    match rest {
        [per, unit] if RATE_PER.contains(per) && count > 0.0 => {
            Some(lookup(TIME_UNITS, unit)? / count)
        }
        _ => None,
    }
}

/// What a quantity measures, for pairing the quantities of two pledges:
/// an interval, a period, a deadline, a date, or its unit.
fn quantity_kind(q: &str) -> &str {
    let q = split_bound(q).1;
    if is_frequency(q) {
        "interval"
    } else if lookup(MULTIPLES, q).is_some() {
        "multiple"
    } else if let Some((kind, _)) = split_lead(q) {
        kind
    } else if is_date(q) {
        "date"
    } else {
        // The unit is the last word ("40 to 45 percent"); millions and
        // billions are one kind, an amount.
        q.split_whitespace()
            .skip(1)
            .last()
            .filter(|u| !u.starts_with(|c: char| c.is_ascii_digit()))
            .map(|u| {
                if lookup(SCALES, u).is_some() {
                    "amount"
                } else {
                    u
                }
            })
            .unwrap_or("number")
    }
}

/// The label of a quantity that binds a pledge in time ("interval" for
/// "twice a year", "deadline" for "by 2025" or "within 30 days"), or None
/// for any other quantity. A pledge that gains one is firmer: it says
/// when.
pub(super) fn time_limit(q: &str) -> Option<&'static str> {
    match quantity_kind(q) {
        // A delay set where there was none says nothing firmer.
        "delay" => None,
        kind => time_label(kind),
    }
}

/// The word a reason uses for a quantity of `kind` that falls with a
/// firmer pledge: a period ("within 30 days") reads as a deadline.
fn time_label(kind: &str) -> Option<&'static str> {
    match kind {
        "interval" => Some("interval"),
        "deadline" | "period" => Some("deadline"),
        "delay" => Some("delay"),
        _ => None,
    }
}

/// Pairs of changed quantities, then the old ones and the new ones left
/// without a partner.
pub(super) fn pair_quantities<'q>(
    a: &'q [String],
    b: &'q [String],
) -> (Vec<(&'q String, &'q String)>, Vec<String>, Vec<String>) {
    // Quantities on both sides are set aside first, wherever they stand:
    // "reached 18.4 billion in 2023, up 9%" -> "rose 9% to 18.4 billion in
    // 2023" changes no number.
    let mut rest_b: Vec<Option<&String>> = b.iter().map(Some).collect();
    let mut rest_a = Vec::new();
    // "up to 1,200" and "as many as 1,200" are one quantity.
    let same = |x: &str, y: &str| x == y || split_bound(x) == split_bound(y);
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
            .find(|y| y.is_some_and(|y| quantity_kind(y) == quantity_kind(x)));
        match partner.and_then(Option::take) {
            Some(y) => pairs.push((x, y)),
            None => gone.push(x.clone()),
        }
    }
    let came = rest_b.into_iter().flatten().cloned().collect();
    (pairs, gone, came)
}

/// The reason for one changed quantity, and its direction.
pub(super) fn quantity_reason(x: &str, y: &str) -> (String, i32) {
    let ((bx, qx), (by, qy)) = (split_bound(x), split_bound(y));
    let (label, direction) = unbounded_change(qx, qy);
    // "at least 2 percent" -> "up to 2 percent" is looser. When the
    // number moves too, it decides ("at least 2" -> "5" is a rise), unless
    // a ceiling moves against it: "at least 5" -> "up to 10" may be more
    // or less.
    let bound = (by - bx).signum();
    let direction = match direction {
        _ if bound == 0 => direction,
        0 if qx == qy => bound,
        d if d != bound && (bx < 0 || by < 0) => 0,
        d => d,
    };
    (format!("{label}: {x} -> {y}"), direction)
}

/// What kind of change turns `x` into `y`, two quantities without
/// bounds, and its direction.
fn unbounded_change(x: &str, y: &str) -> (&'static str, i32) {
    // Intervals and periods in different units ("annually" -> "every 6
    // months") compare in days.
    let both_inverse = is_inverse(x) && is_inverse(y);
    let (px, py) = match (days(x), days(y)) {
        (Some(dx), Some(dy)) if both_inverse => (Some(dx), Some(dy)),
        // "within 3 months" -> "by 2025": neither number measures the other.
        _ if both_inverse && quantity_kind(x) != quantity_kind(y) => return ("deadline", 0),
        _ => (parse_number(x), parse_number(y)),
    };
    match (px, py) {
        (Some(_), Some(_)) if is_date(x) && is_date(y) => ("date", 0),
        (Some(nx), Some(ny)) if nx != ny && both_inverse => {
            let label = time_label(quantity_kind(x)).unwrap_or("deadline");
            (label, if ny < nx { 1 } else { -1 })
        }
        (Some(nx), Some(ny)) if nx != ny => ("number", if ny > nx { 1 } else { -1 }),
        _ => ("number", 0),
    }
}
