//! Which format shows which command's output, in one place.
//!
//! [`Format`] names every output format. Each command has its own format
//! type listing only the formats that can show its output, and each value
//! builds its renderer as that command's sink trait: an unsupported
//! combination (an HTML normalize, GitHub pledges) is not a run-time
//! error but a value that does not exist. The CLI offers exactly these
//! lists ([`CommandFormat::ALL`]), in this order, in `--help`.
//!
//! Every human terminal format comes wrapped in [`Escaped`], so no format
//! can forget to escape what it shows. JSON escapes what it must itself;
//! HTML is not wrapped (its `<U+XXXX>` would be read as markup): it escapes
//! every text it writes itself ([`html::escape`]).

use super::{
    github, html, json, markdown, text, CheckSink, DiffSink, Escaped, LogSink, NormalizeSink,
    PledgesSink, ReportWriter,
};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Human-readable terminal output.
    Text,
    /// GitHub-flavored Markdown.
    Markdown,
    /// JSON with a versioned schema.
    Json,
    /// GitHub Actions workflow commands (CI annotations).
    Github,
    /// One self-contained HTML page (`diff` and `report`).
    Html,
}

impl Format {
    /// The format's name, as `--format` takes it.
    pub const fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Github => "github",
            Format::Html => "html",
        }
    }
}

/// The formats one command supports.
pub trait CommandFormat: Copy + Send + Sync + 'static {
    /// Every format the command supports, in the order `--help` lists them.
    const ALL: &'static [Self];
    /// The output format this is.
    fn format(self) -> Format;
    /// The supported format with this `--format` name.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|f| f.format().name() == name)
    }
}

// The renderers, built the same way for every command they serve.
const TEXT: Escaped<text::Text> = Escaped {
    inner: text::Text,
    colors: true,
};
const MARKDOWN: Escaped<markdown::Markdown> = Escaped {
    inner: markdown::Markdown,
    colors: false,
};
const GITHUB: Escaped<github::Github> = Escaped {
    inner: github::Github,
    colors: false,
};
const JSON: json::Json = json::Json;
const HTML: html::Html = html::Html;

/// Declares a command's format type: its variants (each one a [`Format`]
/// variant), its [`CommandFormat`] list, and `sink`, which builds the
/// renderer as the command's sink trait.
macro_rules! command_formats {
    ($(
        $(#[$doc:meta])*
        $name:ident: $sink:ident { $($variant:ident => $make:expr),+ $(,)? }
    )+) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $(
                #[doc = concat!("[`Format::", stringify!($variant), "`].")]
                $variant,
            )+
        }

        impl $name {
            /// The renderer for this format.
            pub fn sink(self) -> Box<dyn $sink> {
                match self {
                    $($name::$variant => Box::new($make),)+
                }
            }
        }

        impl CommandFormat for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn format(self) -> Format {
                match self {
                    $($name::$variant => Format::$variant,)+
                }
            }
        }

        impl From<$name> for Format {
            fn from(f: $name) -> Format {
                f.format()
            }
        }
    )+};
}

command_formats! {
    /// The formats `diff` (and git's external diff) shows a comparison in.
    DiffFormat: DiffSink {
        Text => TEXT,
        Markdown => MARKDOWN,
        Html => HTML,
        Json => JSON,
        Github => GITHUB,
    }

    /// The formats `normalize` shows a statement's paragraphs in.
    NormalizeFormat: NormalizeSink {
        Text => TEXT,
        Json => JSON,
    }

    /// The formats `pledges` lists a statement's pledges in.
    PledgesFormat: PledgesSink {
        Text => TEXT,
        Markdown => MARKDOWN,
        Json => JSON,
    }

    /// The formats `log` shows an archive's timeline in.
    LogFormat: LogSink {
        Text => TEXT,
        Json => JSON,
    }

    /// The formats `report` writes an archive's change report in.
    ReportFormat: ReportWriter {
        Markdown => MARKDOWN,
        Html => HTML,
        Json => JSON,
    }

    /// The formats `check` shows its findings in.
    CheckFormat: CheckSink {
        Text => TEXT,
        Github => GITHUB,
        Json => JSON,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_find_their_formats_and_only_supported_ones() {
        assert_eq!(DiffFormat::from_name("html"), Some(DiffFormat::Html));
        assert_eq!(NormalizeFormat::from_name("html"), None);
        assert_eq!(ReportFormat::from_name("text"), None);
        assert_eq!(CheckFormat::Github.format(), Format::Github);
    }
}
