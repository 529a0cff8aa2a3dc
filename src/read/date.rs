//! Statement dates as a user gives them: exactly `YYYY-MM-DD`, a real
//! calendar day, in a year statements can have (1900–2200 unless the user
//! says otherwise).
//!
//! chrono's `%Y` alone takes any number of digits and a sign, so
//! `--date 19-04-19` filed a statement as `0019-04-19.md`, and
//! `+10000-01-01` and `-0001-01-01` were dates. A date names a file in
//! the archive, so its form is checked before anything is written.

use chrono::{Datelike, NaiveDate};

/// Earliest year accepted without [`Years::Any`].
pub const MIN_YEAR: i32 = 1900;
/// Latest year accepted without [`Years::Any`].
pub const MAX_YEAR: i32 = 2200;

/// Which years a date may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Years {
    /// [`MIN_YEAR`] to [`MAX_YEAR`]: statements' years.
    Statements,
    /// Any four-digit year (0000–9999), for archives of older texts.
    Any,
}

/// Why a text is not an acceptable date; `Display` says what form is
/// expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not four digits, a dash, two digits, a dash, two digits.
    Form,
    /// The right form, but no such day (`2019-02-30`).
    NoSuchDay,
    /// A real day outside the accepted years.
    Year(i32),
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateError::Form => write!(f, "is not a date of the form YYYY-MM-DD (e.g. 2019-04-19)"),
            DateError::NoSuchDay => write!(
                f,
                "is not a calendar day; write YYYY-MM-DD (e.g. 2019-04-19)"
            ),
            DateError::Year(y) => write!(
                f,
                "has year {y}, outside {MIN_YEAR}\u{2013}{MAX_YEAR}; check it, or pass --any-year"
            ),
        }
    }
}

/// Parses a date written exactly `YYYY-MM-DD`.
pub fn parse(text: &str, years: Years) -> Result<NaiveDate, DateError> {
    let b = text.as_bytes();
    let form = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !form {
        return Err(DateError::Form);
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| DateError::NoSuchDay)?;
    check_year(date, years)
}

/// `date` when its year is accepted.
pub fn check_year(date: NaiveDate, years: Years) -> Result<NaiveDate, DateError> {
    match years {
        Years::Statements if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) => {
            Err(DateError::Year(date.year()))
        }
        Years::Any if !(0..=9999).contains(&date.year()) => Err(DateError::Year(date.year())),
        _ => Ok(date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_full_form_is_a_date() {
        assert_eq!(
            parse("2019-04-19", Years::Statements),
            Ok(NaiveDate::from_ymd_opt(2019, 4, 19).unwrap())
        );
        for bad in [
            "19-04-19",
            "+10000-01-01",
            "-0001-01-01",
            "2019-4-19",
            "2019-04-19 ",
            " 2019-04-19",
            "2019/04/19",
            "20190419",
            "2019-04-1x",
            "",
            "２０１９-04-19",
        ] {
            assert_eq!(parse(bad, Years::Any), Err(DateError::Form), "{bad:?}");
        }
    }

    #[test]
    fn a_day_that_does_not_exist_is_refused() {
        assert_eq!(parse("2019-02-30", Years::Any), Err(DateError::NoSuchDay));
        assert_eq!(parse("2019-13-01", Years::Any), Err(DateError::NoSuchDay));
    }

    #[test]
    fn years_outside_the_range_need_any_year() {
        assert_eq!(
            parse("1899-12-31", Years::Statements),
            Err(DateError::Year(1899))
        );
        assert_eq!(
            parse("2201-01-01", Years::Statements),
            Err(DateError::Year(2201))
        );
        assert!(parse("1900-01-01", Years::Statements).is_ok());
        assert!(parse("2200-12-31", Years::Statements).is_ok());
        assert!(parse("0019-04-19", Years::Any).is_ok());
        assert!(parse("1854-03-31", Years::Any).is_ok());
    }

    #[test]
    fn every_error_says_what_form_is_expected() {
        for e in [DateError::Form, DateError::NoSuchDay] {
            assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
        }
        assert!(DateError::Year(19).to_string().contains("1900"));
    }
}
