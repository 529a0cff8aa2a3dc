//! Stage 1 — read: bytes from a file or standard input become a [`Document`]:
//! checked UTF-8 text, split into YAML front matter ([`Meta`]) and body. A
//! saved HTML page becomes block text here ([`html`]), so the stages after
//! this one see pages and text files alike.
//!
//! Everything that makes an input unreadable is caught here, so later stages
//! may assume clean text: encodings other than UTF-8, binary data, empty
//! files, oversized files, and malformed or wrongly typed front matter.

pub mod clean;
pub mod date;
pub mod encoding;
pub mod file;
pub mod html;
pub mod nesting;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::error::{display_path, Error, Location, Result};
use chrono::NaiveDate;

pub use file::MAX_INPUT_BYTES;

/// Front matter keys pledgediff knows; others are kept but reported by `check`.
pub const KNOWN_KEYS: &[&str] = &[
    "date",
    "title",
    "series",
    "place",
    "participants",
    "source",
    "provenance",
    "genre",
];

/// A statement's metadata from its YAML front matter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// Date the statement was issued.
    pub date: Option<NaiveDate>,
    /// Title.
    pub title: Option<String>,
    /// Series the statement belongs to (e.g. `us-japan-scc`).
    pub series: Option<String>,
    /// Where it was issued.
    pub place: Option<String>,
    /// Who took part.
    pub participants: Vec<String>,
    /// URL of the original.
    pub source: Option<String>,
    /// `published`, `illustrative`, ...
    pub provenance: Option<String>,
    /// Id of the genre profile the statement is read with (checked
    /// against the profiles once the lexicon is loaded).
    pub genre: Option<String>,
    /// Keys pledgediff does not know, with their lines.
    pub unknown_keys: Vec<(String, usize)>,
    /// 1-based line of each known key, for messages pointing into the file.
    pub key_lines: Vec<(String, usize)>,
}

impl Meta {
    /// Line of a front matter key, if present.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.key_lines
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, l)| *l)
    }

    /// True when the statement is marked as illustrative (not an official text).
    pub fn is_illustrative(&self) -> bool {
        self.provenance
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case("illustrative"))
    }
}

/// A read, decoded statement file.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path as given (`-` for standard input).
    pub path: PathBuf,
    /// Name used in messages and output.
    pub name: String,
    /// Parsed front matter (default when absent).
    pub meta: Meta,
    /// Text after the front matter.
    pub body: String,
    /// 1-based line in the file where `body` starts (for a page, in its
    /// block text: see [`Format::source_line`]).
    pub body_line: usize,
    /// What the file was.
    pub format: Format,
}

/// The kind of file a [`Document`] was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// Text or Markdown, with optional front matter.
    Text,
    /// A saved HTML page; `body` is its block text.
    Html {
        /// The page's `<title>`, if it had one.
        title: Option<String>,
        /// The page line of each block of `body` ([`html::PageText::lines`]).
        lines: Vec<usize>,
    },
}

impl Format {
    /// The line of the file that a line of the body comes from: itself for
    /// text, the page line of its block for a page.
    pub fn source_line(&self, body_line: usize) -> usize {
        match self {
            Format::Text => body_line,
            Format::Html { lines, .. } => html::source_line(lines, body_line),
        }
    }
}

/// How an input that is not UTF-8 is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoding {
    /// UTF-8 only: what is compared is what an archive stores. Another
    /// encoding is refused, named, with the `iconv` line that converts it.
    Strict,
    /// Also convert UTF-16, UTF-32 and a page's declared charset: `add`,
    /// the door into an archive, stores them as UTF-8.
    Convert,
}

/// Reads a statement from `path` (`-` for standard input); see
/// [`file::read_input`] for what is refused.
pub fn read_path(path: &Path) -> Result<Document> {
    read_path_with(path, Decoding::Strict)
}

/// [`read_path`] with a choice of [`Decoding`].
pub fn read_path_with(path: &Path, decoding: Decoding) -> Result<Document> {
    let name = display_path(path);
    let bytes = file::read_input(path)?;
    parse_bytes_with(path.to_path_buf(), &name, &bytes, decoding)
}

/// Decodes and splits already-read bytes; `name` is used in messages.
pub fn parse_bytes(path: PathBuf, name: &str, bytes: &[u8]) -> Result<Document> {
    parse_bytes_with(path, name, bytes, Decoding::Strict)
}

/// [`parse_bytes`] with a choice of [`Decoding`].
pub fn parse_bytes_with(
    path: PathBuf,
    name: &str,
    bytes: &[u8],
    decoding: Decoding,
) -> Result<Document> {
    // A page may declare its charset: looked for only in what is a page.
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
    let page = html::looks_like_html(&path, &head);
    let text = decode_with(name, bytes, decoding, Kind::Statement { page })?;
    if html::looks_like_html(&path, &text) {
        if let Some((line, tag)) = html::too_deep(&text, html::MAX_DEPTH) {
            return Err(Error::bad_input(
                Location::at(name, line, None),
                format!(
                    "the page nests elements more than {} deep (at <{tag}>)",
                    html::MAX_DEPTH
                ),
                "save the statement's text from the page, or flatten its markup",
            ));
        }
        let html::PageText {
            text: body,
            title,
            lines,
        } = html::html_to_text(&text);
        if body.trim().is_empty() {
            return Err(Error::bad_input(
                Location::file(name),
                "the page has no text outside scripts, navigation, headers and footers",
                "save the page with its article text, or copy the statement into a text file",
            ));
        }
        return Ok(Document {
            path,
            name: name.to_string(),
            meta: Meta::default(),
            body,
            body_line: 1,
            format: Format::Html { title, lines },
        });
    }
    let (meta, body, body_line) = split_front_matter(name, &text)?;
    if body.trim().is_empty() {
        return Err(Error::bad_input(
            Location::file(name),
            "the statement has no text",
            "add the statement's paragraphs after the front matter",
        ));
    }
    Ok(Document {
        path,
        name: name.to_string(),
        meta,
        body: body.to_string(),
        body_line,
        format: Format::Text,
    })
}

/// Checks encoding and content and returns the text without a UTF-8 BOM,
/// its line breaks and invisible characters cleaned ([`clean::clean`]).
/// Only UTF-8 is accepted ([`Decoding::Strict`]).
///
/// Data files are YAML (lexicons, rules): their flow-collection nesting is
/// checked here, before any YAML parser sees them ([`nesting`]).
pub fn decode(name: &str, bytes: &[u8]) -> Result<String> {
    let text = decode_with(name, bytes, Decoding::Strict, Kind::Data)?;
    nesting::check_flow_depth(name, &text, 1, "YAML")?;
    Ok(text)
}

/// What is being decoded: a data file (lexicon, rules) or a statement,
/// which `add` can import, and which may be a page declaring a charset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Data,
    Statement { page: bool },
}

/// [`decode`] with a choice of [`Decoding`]; `page` when the input is an
/// HTML page, whose declared charset then counts.
fn decode_with(name: &str, bytes: &[u8], decoding: Decoding, kind: Kind) -> Result<String> {
    let at = || Location::file(name);
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(file::too_large(name, MAX_INPUT_BYTES));
    }
    if bytes.is_empty() {
        return Err(Error::bad_input(
            at(),
            "the file is empty",
            "give a statement with at least one paragraph",
        ));
    }
    let text: Cow<'_, str> = if let Some(found) = encoding::unicode(bytes) {
        Cow::Owned(convert(name, bytes, &found, decoding, kind)?)
    } else {
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        if let Some(pos) = bytes.iter().position(|&b| b == 0) {
            let (line, col) = line_col(bytes, pos);
            return Err(Error::bad_input(
                Location::at(name, line, Some(col)),
                "binary data (NUL byte), not a text statement",
                "give a UTF-8 text or Markdown file",
            ));
        }
        match std::str::from_utf8(bytes) {
            Ok(t) => Cow::Borrowed(t),
            Err(e) => {
                match encoding::declared(bytes).filter(|_| kind == Kind::Statement { page: true }) {
                    Some(found) => Cow::Owned(convert(name, bytes, &found, decoding, kind)?),
                    None => {
                        let (line, col) = line_col(bytes, e.valid_up_to());
                        let guess = encoding::guess(bytes);
                        return Err(Error::bad_input(
                            Location::at(name, line, Some(col)),
                            format!("invalid UTF-8 (the file looks like {guess})"),
                            format!("re-save the file as UTF-8 (e.g. `iconv -f {guess} -t UTF-8`)"),
                        ));
                    }
                }
            }
        }
    };
    if text.contains('\0') {
        return Err(Error::bad_input(
            at(),
            "binary data (NUL character), not a text statement",
            "give a text or Markdown file",
        ));
    }
    let text = clean::clean(&text);
    if text.trim().is_empty() {
        return Err(Error::bad_input(
            at(),
            "the file has only whitespace",
            "give a statement with at least one paragraph",
        ));
    }
    Ok(text.into_owned())
}

/// Text of an input found to be in another encoding: converted under
/// [`Decoding::Convert`] when it can be, else refused naming it.
fn convert(
    name: &str,
    bytes: &[u8],
    found: &encoding::Found,
    decoding: Decoding,
    kind: Kind,
) -> Result<String> {
    let at = || Location::file(name);
    let iconv = found.iconv_name();
    if decoding == Decoding::Strict {
        return Err(Error::bad_input(
            at(),
            format!("the file is {}, not UTF-8", found.describe()),
            match kind {
                Kind::Statement { .. } => format!(
                    "convert it, e.g. `iconv -f {iconv} -t UTF-8 FILE > OUT`, \
                     or import it with `pledgediff add`, which converts it"
                ),
                Kind::Data => format!("convert it, e.g. `iconv -f {iconv} -t UTF-8 FILE > OUT`"),
            },
        ));
    }
    if let encoding::Found::Declared { encoding: None, .. } = found {
        return Err(Error::bad_input(
            at(),
            format!(
                "the page's charset {} is not one pledgediff can convert",
                found.describe()
            ),
            format!("convert it, e.g. `iconv -f {iconv} -t UTF-8 FILE > OUT`"),
        ));
    }
    found.decode(bytes).map(Cow::into_owned).ok_or_else(|| {
        Error::bad_input(
            at(),
            format!(
                "the file looks like {} but is malformed in it",
                found.describe()
            ),
            format!("check the file, or convert it with `iconv -f {iconv} -t UTF-8`"),
        )
    })
}

/// 1-based line and column (in characters) of byte `pos`; a lone CR ends
/// a line as LF does, as it will once decoded ([`clean::unify_line_breaks`]).
fn line_col(bytes: &[u8], pos: usize) -> (usize, usize) {
    let before = &bytes[..pos];
    let breaks =
        |i: usize| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
    let line = (0..pos).filter(|&i| breaks(i)).count() + 1;
    let line_start = (0..pos).rev().find(|&i| breaks(i)).map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits YAML front matter off the text; returns (meta, body, body line).
pub fn split_front_matter<'a>(name: &str, text: &'a str) -> Result<(Meta, &'a str, usize)> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Ok((Meta::default(), text, 1));
    };
    if !is_fence(first) {
        return Ok((Meta::default(), text, 1));
    }
    let mut offset = first.len();
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &text[first.len()..offset];
            let meta = parse_meta(name, yaml)?;
            let body = &text[offset + line.len()..];
            return Ok((meta, body, line_no + 1));
        }
        offset += line.len();
    }
    Err(Error::front_matter(
        Location::at(name, 1, Some(1)),
        "opened with `---` but never closed",
        "end it with a line `---` before the statement text",
    ))
}

/// How many keys front matter may have. A statement's metadata is a
/// handful of keys; each is checked and reported on, so a file with tens
/// of thousands of them is refused rather than worked through.
pub const MAX_FRONT_MATTER_KEYS: usize = 256;

/// Parses the YAML between the fences. Line numbers are 1-based in the file
/// (the opening fence is line 1).
pub fn parse_meta(name: &str, yaml: &str) -> Result<Meta> {
    if let Some(line) = nesting::flow_too_deep(yaml, nesting::MAX_FLOW_DEPTH) {
        return Err(Error::front_matter(
            Location::at(name, line + 1, None),
            format!(
                "nests `[` and `{{` more than {} deep",
                nesting::MAX_FLOW_DEPTH
            ),
            "write the front matter as plain `key: value` lines",
        ));
    }
    let value: serde_yaml::Value = if yaml.trim().is_empty() {
        serde_yaml::Value::Null
    } else {
        serde_yaml::from_str(yaml).map_err(|e| {
            let (line, col) = e
                .location()
                .map_or((None, None), |l| (Some(l.line() + 1), Some(l.column())));
            Error::front_matter(
                Location {
                    file: name.to_string(),
                    line,
                    column: col,
                },
                first_sentence(&e.to_string()),
                "fix the YAML between the `---` lines",
            )
        })?
    };
    let map = match value {
        serde_yaml::Value::Null => return Ok(Meta::default()),
        serde_yaml::Value::Mapping(m) => m,
        _ => {
            return Err(Error::front_matter(
                Location::at(name, 2, Some(1)),
                "is not a mapping of keys to values",
                "write it as `key: value` lines, e.g. `date: 2019-04-19`",
            ))
        }
    };
    if map.len() > MAX_FRONT_MATTER_KEYS {
        return Err(Error::front_matter(
            Location::at(name, 2, None),
            format!(
                "has {} keys, more than the {MAX_FRONT_MATTER_KEYS} allowed",
                map.len()
            ),
            "keep the statement's metadata (date, title, ...) and move the rest out",
        ));
    }
    // Each key's line, found in one pass: looking each key up by scanning
    // the lines again was quadratic in the number of keys.
    let mut key_lines: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for (i, l) in yaml.lines().enumerate() {
        if let Some((k, _)) = l.split_once(':') {
            key_lines.entry(k.trim_end()).or_insert(i + 2);
        }
    }
    let line_of = |key: &str| -> usize { key_lines.get(key).copied().unwrap_or(2) };
    let mut meta = Meta::default();
    for (k, v) in map {
        let Some(key) = k.as_str() else {
            return Err(Error::front_matter(
                Location::at(name, 2, None),
                "has a key that is not a string",
                "use plain names such as `date` or `title`",
            ));
        };
        let line = line_of(key);
        let wrong = |expected: &str| {
            Error::front_matter(
                Location::at(name, line, Some(1)),
                format!("`{key}` must be {expected}"),
                format!("fix the `{key}:` line"),
            )
        };
        if KNOWN_KEYS.contains(&key) {
            meta.key_lines.push((key.to_string(), line));
        }
        match key {
            "date" => {
                let s = scalar_string(&v).ok_or_else(|| wrong("a date YYYY-MM-DD"))?;
                // Exactly YYYY-MM-DD: chrono's `%Y` alone took `19`,
                // `+10000` and `-0001` for years.
                let date = date::parse(s.trim(), date::Years::Any).map_err(|e| {
                    Error::front_matter(
                        Location::at(name, line, Some(1)),
                        format!("invalid date `{s}`: {e}"),
                        "write a real calendar date as YYYY-MM-DD, e.g. `date: 2019-04-19`",
                    )
                })?;
                meta.date = Some(date);
            }
            "title" => meta.title = Some(scalar_string(&v).ok_or_else(|| wrong("text"))?),
            "series" => meta.series = Some(scalar_string(&v).ok_or_else(|| wrong("text"))?),
            "place" => meta.place = Some(scalar_string(&v).ok_or_else(|| wrong("text"))?),
            "source" => meta.source = Some(scalar_string(&v).ok_or_else(|| wrong("a URL"))?),
            "provenance" => meta.provenance = Some(scalar_string(&v).ok_or_else(|| wrong("text"))?),
            "genre" => {
                meta.genre = Some(
                    scalar_string(&v)
                        .map(|g| g.trim().to_string())
                        .ok_or_else(|| wrong("a genre id, e.g. `un-resolution`"))?,
                )
            }
            "participants" => {
                meta.participants = match &v {
                    serde_yaml::Value::Sequence(items) => items
                        .iter()
                        .map(|i| scalar_string(i).ok_or_else(|| wrong("a list of names")))
                        .collect::<Result<Vec<_>>>()?,
                    serde_yaml::Value::Null => Vec::new(),
                    _ => return Err(wrong("a list of names")),
                }
            }
            other => meta.unknown_keys.push((other.to_string(), line)),
        }
    }
    Ok(meta)
}

fn scalar_string(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn first_sentence(msg: &str) -> String {
    // serde_yaml appends "at line X column Y"; the location is printed separately.
    let cut = msg.find(" at line ").unwrap_or(msg.len());
    msg[..cut].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Document> {
        parse_bytes(PathBuf::from("t.md"), "t.md", text.as_bytes())
    }

    #[test]
    fn front_matter_is_split_and_typed() {
        let d = parse("---\ndate: 2019-04-19\ntitle: T\nparticipants: [A, B]\nprovenance: illustrative\n---\n\nBody.\n").unwrap();
        assert_eq!(d.meta.date, NaiveDate::from_ymd_opt(2019, 4, 19));
        assert_eq!(d.meta.participants, vec!["A", "B"]);
        assert!(d.meta.is_illustrative());
        assert_eq!(d.body_line, 7);
        assert_eq!(d.body.trim(), "Body.");
    }

    #[test]
    fn a_genre_is_read_as_text_and_must_be_one() {
        let (m, _, _) = split_front_matter("t.md", "---\ngenre: alliance \n---\nx").unwrap();
        assert_eq!(m.genre.as_deref(), Some("alliance"));
        assert_eq!(m.line_of("genre"), Some(2));
        let e = split_front_matter("t.md", "---\ndate: 2020-01-01\ngenre: [a, b]\n---\nx")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("t.md:3:1: front matter: `genre` must be a genre id"),
            "{e}"
        );
    }

    #[test]
    fn unclosed_front_matter_names_line_one() {
        let e = parse("---\ndate: 2019-04-19\nBody.\n").unwrap_err();
        assert!(e.to_string().starts_with("t.md:1:1: front matter"), "{e}");
    }

    #[test]
    fn invalid_date_names_its_line() {
        let e = parse("---\ntitle: x\ndate: 2019-02-30\n---\nBody.\n").unwrap_err();
        assert!(e.to_string().starts_with("t.md:3:1:"), "{e}");
        assert!(e.to_string().contains("2019-02-30"));
    }

    #[test]
    fn a_front_matter_date_must_be_exactly_yyyy_mm_dd() {
        for bad in ["19-04-19", "+10000-01-01", "-0001-01-01", "2019-4-19"] {
            let e = parse(&format!("---\ndate: \"{bad}\"\n---\nBody.\n")).unwrap_err();
            assert!(e.to_string().contains("YYYY-MM-DD"), "{bad}: {e}");
        }
    }

    #[test]
    fn non_mapping_front_matter_is_refused() {
        let e = parse("---\n- a\n- b\n---\nBody.\n").unwrap_err();
        assert!(e.to_string().contains("not a mapping"), "{e}");
    }

    #[test]
    fn wrong_type_is_refused() {
        let e = parse("---\nparticipants: 3\n---\nBody.\n").unwrap_err();
        assert!(e.to_string().contains("`participants` must be"), "{e}");
    }

    #[test]
    fn encodings_and_binary_are_refused() {
        assert!(decode("f", &[0xFF, 0xFE, b'a', 0])
            .unwrap_err()
            .to_string()
            .contains("UTF-16"));
        assert!(decode("f", b"ab\0c")
            .unwrap_err()
            .to_string()
            .contains("binary"));
        let e = decode("f", b"ok\nbad \xE9 byte").unwrap_err().to_string();
        assert!(e.starts_with("f:2:5: invalid UTF-8"), "{e}");
        assert!(decode("f", b"").unwrap_err().to_string().contains("empty"));
        assert!(decode("f", b" \n\t\n")
            .unwrap_err()
            .to_string()
            .contains("whitespace"));
    }

    #[test]
    fn cr_only_line_endings_keep_front_matter_and_paragraphs() {
        let d = parse("---\rdate: 2019-04-19\rtitle: T\r---\r\rOne.\r\rTwo.\r").unwrap();
        assert_eq!(d.meta.date, NaiveDate::from_ymd_opt(2019, 4, 19));
        assert_eq!(d.body, "\nOne.\n\nTwo.\n");
        assert_eq!(d.body_line, 5);
    }

    #[test]
    fn a_bad_byte_in_a_cr_only_file_is_placed_on_its_line() {
        let e = decode("f", b"one\rtwo\r\xE9").unwrap_err().to_string();
        assert!(e.starts_with("f:3:1: invalid UTF-8"), "{e}");
    }

    #[test]
    fn invisible_characters_are_removed_from_body_and_front_matter() {
        let d = parse("---\ntitle: Co\u{00AD}operation\n---\nWe will com\u{200B}mit.\n").unwrap();
        assert_eq!(d.meta.title.as_deref(), Some("Cooperation"));
        assert_eq!(d.body, "We will commit.\n");
    }

    #[test]
    fn a_file_of_only_invisible_characters_is_refused_as_blank() {
        let e = decode("f", "\u{200B}\u{FEFF}\n".as_bytes()).unwrap_err();
        assert!(e.to_string().contains("whitespace"), "{e}");
    }

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let bom = if bom { "\u{FEFF}" } else { "" };
        bom.encode_utf16()
            .chain(text.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect()
    }

    #[test]
    fn other_unicode_encodings_are_named_or_converted() {
        let text = "---\ndate: 2019-04-19\n---\nThe Ministers met.\n";
        let plain = parse(text).unwrap();
        let bytes = utf16le(text, false);
        let e = parse_bytes(PathBuf::from("t.md"), "t.md", &bytes)
            .unwrap_err()
            .to_string();
        assert!(e.contains("UTF-16LE (no byte order mark)"), "{e}");
        assert!(e.contains("iconv -f UTF-16LE -t UTF-8"), "{e}");
        let d = parse_bytes_with(PathBuf::from("t.md"), "t.md", &bytes, Decoding::Convert).unwrap();
        assert_eq!((d.meta, d.body), (plain.meta.clone(), plain.body.clone()));
        let utf32: Vec<u8> = [0xFF, 0xFE, 0, 0]
            .into_iter()
            .chain(text.chars().flat_map(|c| (c as u32).to_le_bytes()))
            .collect();
        let e = decode("f", &utf32).unwrap_err().to_string();
        assert!(e.contains("UTF-32LE") && !e.contains("UTF-16"), "{e}");
        let d = parse_bytes_with(PathBuf::from("t.md"), "t.md", &utf32, Decoding::Convert).unwrap();
        assert_eq!(d.body, plain.body);
    }

    #[test]
    fn a_page_is_read_in_the_charset_it_declares() {
        let page = "<html><head><meta charset=shift_jis><title>T</title></head>\
                    <body><p>日米安全保障協議委員会は会合した。</p></body></html>";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(page);
        let e = parse_bytes(PathBuf::from("p.html"), "p.html", &bytes)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("Shift_JIS (declared by the page as `shift_jis`)"),
            "{e}"
        );
        assert!(e.contains("iconv -f SHIFT_JIS -t UTF-8"), "{e}");
        let d =
            parse_bytes_with(PathBuf::from("p.html"), "p.html", &bytes, Decoding::Convert).unwrap();
        assert_eq!(d.body, "日米安全保障協議委員会は会合した。\n");
        // Not a page: the declaration means nothing, the guess names it.
        let e = parse_bytes(PathBuf::from("p.md"), "p.md", &bytes[40..])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("invalid UTF-8") && e.contains("SHIFT_JIS"),
            "{e}"
        );
    }

    #[test]
    fn utf8_bom_is_ignored() {
        assert_eq!(decode("f", b"\xEF\xBB\xBFHello").unwrap(), "Hello");
    }

    #[test]
    fn empty_body_after_front_matter_is_refused() {
        let e = parse("---\ntitle: x\n---\n\n").unwrap_err();
        assert!(e.to_string().contains("no text"), "{e}");
    }
}
