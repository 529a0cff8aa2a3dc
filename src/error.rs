//! Typed errors for every stage of the pipeline.
//!
//! Each variant carries what a user needs to act: the file, the line and
//! column where one applies, and a hint. `Display` renders one line; the
//! binary prints it and exits with status 2.

use std::fmt;

/// Where in an input a problem sits: a file (or standard input) and,
/// where it makes sense, a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Display name of the input (`-` is shown as `<stdin>`).
    pub file: String,
    /// 1-based line, if known.
    pub line: Option<usize>,
    /// 1-based column, if known.
    pub column: Option<usize>,
}

impl Location {
    /// A location naming only the file.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    /// A location with a line (and optionally a column).
    pub fn at(file: impl Into<String>, line: usize, column: Option<usize>) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// Everything that can go wrong in pledgediff.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be opened or read.
    #[error("{path}: cannot read: {source}; {hint}")]
    Io {
        /// File that failed.
        path: String,
        /// Underlying error.
        source: std::io::Error,
        /// What to do about it.
        hint: &'static str,
    },
    /// Writing output failed (other than a closed pipe, which is not an error).
    #[error("{path}: cannot write: {source}")]
    Write {
        /// Destination that failed.
        path: String,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The input is not a statement pledgediff can read (encoding, binary,
    /// empty, too large).
    #[error("{at}: {problem}; {hint}")]
    BadInput {
        /// Where the problem is.
        at: Location,
        /// What is wrong.
        problem: String,
        /// What to do.
        hint: String,
    },
    /// Front matter is malformed or has a wrongly typed key.
    #[error("{at}: front matter: {problem}; {hint}")]
    FrontMatter {
        /// Where the problem is.
        at: Location,
        /// What is wrong.
        problem: String,
        /// What to do.
        hint: String,
    },
    /// A data file (lexicon, topics, chrome markers, rules) is malformed.
    #[error("{at}: {problem}; {hint}")]
    Data {
        /// Where the problem is.
        at: Location,
        /// What is wrong.
        problem: String,
        /// What to do.
        hint: String,
    },
    /// Arguments that parse but make no sense together.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Shorthand for [`Error::BadInput`].
    pub fn bad_input(at: Location, problem: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::BadInput {
            at,
            problem: problem.into(),
            hint: hint.into(),
        }
    }

    /// Shorthand for [`Error::FrontMatter`].
    pub fn front_matter(at: Location, problem: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::FrontMatter {
            at,
            problem: problem.into(),
            hint: hint.into(),
        }
    }

    /// Shorthand for [`Error::Data`].
    pub fn data(at: Location, problem: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Data {
            at,
            problem: problem.into(),
            hint: hint.into(),
        }
    }

    /// A YAML data file that does not parse or has the wrong shape: names
    /// the file and the parser's line and column.
    pub fn yaml(name: &str, e: &serde_yaml::Error, what: &str, hint: &str) -> Self {
        let loc = e.location();
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg);
        Error::data(
            Location {
                file: name.to_string(),
                line: loc.as_ref().map(|l| l.line()),
                column: loc.as_ref().map(|l| l.column()),
            },
            format!("{what}: {msg}"),
            hint,
        )
    }

    /// An I/O error while reading `path`, with a hint chosen from its kind.
    pub fn io(path: &str, source: std::io::Error) -> Self {
        let hint = match source.kind() {
            std::io::ErrorKind::NotFound => "check the path",
            std::io::ErrorKind::PermissionDenied => "check the file's permissions",
            _ => "check that it is a readable file",
        };
        Error::Io {
            path: path.to_string(),
            source,
            hint,
        }
    }

    /// True when this error is only a closed output pipe (e.g. `| head`),
    /// which the binary treats as success.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Write { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// Result type used throughout the library.
pub type Result<T> = std::result::Result<T, Error>;

/// Display name for a path given on the command line.
pub fn display_path(path: &std::path::Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}
