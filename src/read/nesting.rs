//! How deeply YAML nests its flow collections (`[..]`, `{..}`), scanned
//! before the text is handed to the YAML parser: a few hundred kilobytes
//! of `[` took the parser over 20 seconds, and front matter, lexicons and
//! rules files are all user input. The scan is linear and refuses deep
//! nesting with the line it reaches the limit on.

use crate::error::{Error, Location, Result};

/// How deep flow collections may nest. Front matter, lexicons and rules
/// nest two or three deep; no real file comes near this.
pub const MAX_FLOW_DEPTH: usize = 64;

/// The 1-based line (counting from `first_line`) on which `yaml` first
/// nests flow collections deeper than `limit`. Quoted scalars and
/// comments are passed over; brackets inside plain scalars count, which
/// can only overstate the depth of a file that is far from the limit.
pub fn flow_too_deep(yaml: &str, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut line = 1;
    let mut chars = yaml.chars().peekable();
    // Whether the previous character was whitespace or a line start, where
    // `#` opens a comment.
    let mut after_space = true;
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '#' if after_space => {
                while chars.peek().is_some_and(|&c| c != '\n') {
                    chars.next();
                }
            }
            '"' => {
                while let Some(q) = chars.next() {
                    match q {
                        // An escape; an escaped line break still ends a line.
                        '\\' if chars.next() == Some('\n') => line += 1,
                        '\\' => {}
                        '"' => break,
                        '\n' => line += 1,
                        _ => {}
                    }
                }
            }
            '\'' if after_space || depth > 0 => {
                // A quote inside a plain word (`don't`) does not open one.
                while let Some(q) = chars.next() {
                    match q {
                        // `''` is an escaped quote: the scan goes on.
                        '\'' if chars.peek() == Some(&'\'') => {
                            chars.next();
                        }
                        '\'' => break,
                        '\n' => line += 1,
                        _ => {}
                    }
                }
            }
            '[' | '{' => {
                depth += 1;
                if depth > limit {
                    return Some(line);
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        after_space = c.is_whitespace() || matches!(c, '[' | '{' | ',');
    }
    None
}

/// Refuses `yaml` when its flow collections nest deeper than
/// [`MAX_FLOW_DEPTH`]; `first_line` is the file line `yaml` starts on and
/// `what` names the file's role ("front matter", "lexicon", ...).
pub fn check_flow_depth(name: &str, yaml: &str, first_line: usize, what: &str) -> Result<()> {
    match flow_too_deep(yaml, MAX_FLOW_DEPTH) {
        None => Ok(()),
        Some(line) => Err(Error::data(
            Location::at(name, first_line + line - 1, None),
            format!("{what}: `[` and `{{` nest more than {MAX_FLOW_DEPTH} deep"),
            "write the entries as plain lists and mappings, nested at most a few levels",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_nesting_is_found_on_its_line() {
        let deep = format!("a: 1\nb: {}", "[".repeat(100));
        assert_eq!(flow_too_deep(&deep, 64), Some(2));
        assert_eq!(flow_too_deep("a: [[1, 2], {b: [3]}]\n", 64), None);
    }

    #[test]
    fn brackets_in_quotes_and_comments_do_not_count() {
        let q = format!(
            "a: \"{0}\"\nb: '{0}'\n# {0}\nc: don't {{x}}\n",
            "[".repeat(100)
        );
        assert_eq!(flow_too_deep(&q, 64), None);
    }
}
