//! The few fixed text shapes the normalizer looks for at the start of a
//! line: paragraph labels, Markdown headings, numbered section headings.
//!
//! They are matched by hand rather than with `regex`: compiling the three
//! patterns took about half a millisecond at every start, a tenth of a
//! whole diff of two statements. Each function documents the pattern it
//! implements, and a unit test checks it against `regex` on every short
//! string over the characters that matter.

/// Unicode white space, as `\s` in `regex`.
fn space(c: char) -> bool {
    c.is_whitespace()
}

/// Bytes of `s` up to the end of a run of white space at its start, or
/// `None` when it does not start with white space (`\s+`).
fn spaces(s: &str) -> Option<usize> {
    let n = s.len() - s.trim_start_matches(space).len();
    (n > 0).then_some(n)
}

/// Length of the leading run of `s` whose characters satisfy `class`.
fn run(s: &str, class: impl Fn(char) -> bool) -> usize {
    s.len() - s.trim_start_matches(class).len()
}

fn roman(c: char) -> bool {
    matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')
}

/// A paragraph label and the white space after it, as
/// `^(?:\(?[0-9]{1,3}[.)]|\([a-z]{1,3}\)|\([ivxlc]{1,6}\)|[a-z]\)|[ivxlc]{1,5}\.|[•·\-*+])\s+`:
/// "12. ", "(3) ", "(b) ", "(iv) ", "a) ", "iii. ", "• ", and "+ ", the
/// third bullet Markdown has. Returns the
/// match's length in bytes.
pub fn label(text: &str) -> Option<usize> {
    // Each alternative gives the label's length; the first one followed by
    // white space wins, as in the regex.
    let digits = || {
        let open = usize::from(text.starts_with('('));
        let rest = &text[open..];
        let n = run(rest, |c| c.is_ascii_digit());
        ((1..=3).contains(&n) && rest[n..].starts_with(['.', ')'])).then_some(open + n + 1)
    };
    let bracketed = |class: fn(char) -> bool, max: usize| {
        let rest = text.strip_prefix('(')?;
        let n = run(rest, class);
        ((1..=max).contains(&n) && rest[n..].starts_with(')')).then_some(n + 2)
    };
    let letter_paren = || {
        let mut c = text.chars();
        (c.next().is_some_and(|c| c.is_ascii_lowercase()) && c.next() == Some(')')).then_some(2)
    };
    let roman_dot = || {
        let n = run(text, roman);
        ((1..=5).contains(&n) && text[n..].starts_with('.')).then_some(n + 1)
    };
    let bullet = || {
        let c = text.chars().next()?;
        matches!(c, '•' | '·' | '-' | '*' | '+').then_some(c.len_utf8())
    };
    // "3.1 We will", "4.2.1 The Parties": decimal numbering, taken for a
    // label only before a capital, so that "2.5 million people" keeps its
    // number.
    let decimal = || {
        let mut n = run(text, |c| c.is_ascii_digit());
        if !(1..=3).contains(&n) {
            return None;
        }
        let mut parts = 1;
        while text[n..].starts_with('.') {
            let k = run(&text[n + 1..], |c| c.is_ascii_digit());
            if !(1..=3).contains(&k) {
                break;
            }
            n += 1 + k;
            parts += 1;
        }
        if parts < 2 {
            return None;
        }
        if text[n..].starts_with('.') {
            n += 1;
        }
        let after = spaces(&text[n..])?;
        text[n + after..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
            .then_some(n)
    };
    let candidates = [
        digits(),
        decimal(),
        bracketed(|c| c.is_ascii_lowercase(), 3),
        bracketed(roman, 6),
        letter_paren(),
        roman_dot(),
        bullet(),
    ];
    candidates
        .into_iter()
        .flatten()
        .find_map(|n| spaces(&text[n..]).map(|s| n + s))
}

/// A Markdown ATX heading line, as `^#{1,6}(\s|$)`.
pub fn markdown_heading(text: &str) -> bool {
    let n = run(text, |c| c == '#');
    (1..=6).contains(&n) && text[n..].chars().next().is_none_or(space)
}

/// A numbered section heading ("I. Overview", "A. Cyber", "2. Regional
/// Security"), as `^(?:[IVXLC]{1,6}|[A-Z]|[0-9]{1,2})\.\s+\S`.
pub fn section_number(text: &str) -> bool {
    let Some(dot) = text.find('.') else {
        return false;
    };
    let number = &text[..dot];
    let n = number.len();
    let numbered = (n <= 6 && run(number, |c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')) == n)
        || (n == 1 && number.chars().all(|c| c.is_ascii_uppercase()))
        || (n <= 2 && number.chars().all(|c| c.is_ascii_digit()));
    let after = &text[dot + 1..];
    n > 0
        && numbered
        && spaces(after).is_some_and(|s| after[s..].chars().next().is_some_and(|c| !space(c)))
}

/// Words that open the label of a division of a legal text.
const DIVISIONS: &[&str] = &[
    "article",
    "art.",
    "section",
    "rule",
    "part",
    "chapter",
    "clause",
    "paragraph",
    "annex",
];

/// A line that is only the label of a division, perhaps with a short
/// title: "Article 2", "ARTICLE IV", "Section 1. Purpose", "Part 3 –
/// Funding". A line that goes on into a sentence ("Article V of the
/// Treaty applies to …") is not one.
pub fn division_label(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let (Some(kind), Some(number)) = (words.next(), words.next()) else {
        return false;
    };
    let number = number.trim_end_matches(['.', ':']);
    let numbered = (1..=4).contains(&number.len())
        && (number.chars().all(|c| c.is_ascii_digit())
            || number
                .chars()
                .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')));
    if !numbered || !DIVISIONS.contains(&kind.to_lowercase().as_str()) {
        return false;
    }
    // A title after the number: a few words, each capitalised or a dash,
    // with no sentence ending.
    let title: Vec<&str> = words.collect();
    title.is_empty()
        || title.len() <= 6
            && !line.ends_with(['.', ';', ','])
            && title.iter().enumerate().all(|(i, w)| {
                matches!(*w, "-" | "\u{2013}" | "\u{2014}" | ":")
                    || w.starts_with(|c: char| c.is_uppercase())
                    || i > 0 && matches!(*w, "of" | "and" | "the" | "on" | "for" | "in")
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to `len` characters over `alphabet`.
    fn strings(alphabet: &[char], len: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..len {
            last = last
                .iter()
                .flat_map(|s| {
                    alphabet.iter().map(move |c| {
                        let mut t = s.clone();
                        t.push(*c);
                        t
                    })
                })
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn label_agrees_with_its_regex() {
        // The decimal alternative ("3.1 We") counts only before a capital,
        // which is not part of the label.
        let re = regex::Regex::new(
            r"^(?:(?:\(?[0-9]{1,3}[.)]|\([a-z]{1,3}\)|\([ivxlc]{1,6}\)|[a-z]\)|[ivxlc]{1,5}\.|[•·\-*+])\s+|(?P<d>[0-9]{1,3}(?:\.[0-9]{1,3})+\.?\s+)\p{Lu})",
        )
        .unwrap();
        let expected = |s: &str| {
            re.captures(s)
                .map(|c| c.name("d").map_or_else(|| c[0].len(), |d| d.end()))
        };
        let alphabet = [
            '(', ')', '1', 'i', 'v', 'b', '.', ' ', '\u{a0}', '•', '-', '+', 'A',
        ];
        for s in strings(&alphabet, 5) {
            assert_eq!(label(&s), expected(&s), "{s:?}");
        }
        for s in [
            "3.1 We will",
            "4.2.1. The Parties",
            "2.5 million people",
            "1.2.3.4 X",
        ] {
            assert_eq!(label(s), expected(s), "{s:?}");
        }
        for s in [
            "1234. x",
            "(viii) x",
            "(abcd) x",
            "ii) x",
            "123) x",
            "(12. x",
            "(iii) x",
            "(12) x",
            "12.\u{2003}x",
            "iiiii. x",
            "iiiiii. x",
            "\u{b7} x",
        ] {
            assert_eq!(label(s), expected(s), "{s:?}");
        }
    }

    #[test]
    fn markdown_heading_agrees_with_its_regex() {
        let re = regex::Regex::new(r"^#{1,6}(\s|$)").unwrap();
        for s in strings(&['#', ' ', 'a', '\t'], 8) {
            assert_eq!(markdown_heading(&s), re.is_match(&s), "{s:?}");
        }
    }

    #[test]
    fn section_number_agrees_with_its_regex() {
        let re = regex::Regex::new(r"^(?:[IVXLC]{1,6}|[A-Z]|[0-9]{1,2})\.\s+\S").unwrap();
        let alphabet = ['I', 'V', 'A', 'a', '1', '.', ' ', '\t'];
        for s in strings(&alphabet, 7) {
            assert_eq!(section_number(&s), re.is_match(&s), "{s:?}");
        }
        for s in ["IVXLCI. Title", "IVXLCII. Title", "123. Title", "AB. Title"] {
            assert_eq!(section_number(s), re.is_match(s), "{s:?}");
        }
    }

    #[test]
    fn division_labels_are_whole_lines() {
        for line in [
            "Article 2",
            "ARTICLE IV",
            "Article 12.",
            "Section 1. Purpose",
            "Part 3 \u{2013} Funding of the Commission",
        ] {
            assert!(division_label(line), "{line:?}");
        }
        for line in [
            "Article V of the Treaty applies to",
            "Article 5 applies.",
            "The article 5 text",
            "Section one",
            "Part of the problem",
        ] {
            assert!(!division_label(line), "{line:?}");
        }
    }
}
