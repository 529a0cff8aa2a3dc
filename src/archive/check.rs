//! `check`: the CI gate for a statement archive — integrity of every file
//! and the rules in `rules.yaml`. It reads, never writes.

use std::path::{Path, PathBuf};

use chrono::{Days, Local, NaiveDate};
use regex::Regex;
use serde::Deserialize;

use super::{load_series, scan, shown, Problem, Severity, UNREADABLE};
use crate::error::{Error, Location, Result};
use crate::lexicon::Lexicon;
use crate::pipeline::ReadSettings;
use crate::pledge::PledgeChangeKind;

/// What a rule's `require` patterns must share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Within {
    /// All patterns in one pledge.
    Pledge,
    /// All patterns in one paragraph.
    #[default]
    Paragraph,
    /// All patterns anywhere in the statement.
    Statement,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    series: Option<String>,
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    require: Vec<String>,
    #[serde(default)]
    regex: bool,
    #[serde(default)]
    within: Within,
    #[serde(default)]
    topic: Option<String>,
    #[serde(default)]
    forbid: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    rules: Vec<RawRule>,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Rule name, shown in findings.
    pub name: String,
    /// What the rule protects, in words.
    pub description: Option<String>,
    /// Only this series (all when `None`).
    pub series: Option<String>,
    /// Error or warning.
    pub level: Severity,
    /// What the rule asks.
    pub kind: RuleKind,
}

/// The two kinds of rule.
#[derive(Debug, Clone)]
pub enum RuleKind {
    /// Patterns that must all appear (within a pledge, paragraph or the
    /// statement) in the latest statement of the series.
    Require {
        /// Case-insensitive patterns.
        patterns: Vec<Regex>,
        /// Their source text, for messages.
        shown: Vec<String>,
        /// Scope.
        within: Within,
    },
    /// Pledge changes on a topic that the latest step may not contain.
    Forbid {
        /// Topic id.
        topic: String,
        /// Change kinds not allowed.
        kinds: Vec<PledgeChangeKind>,
    },
}

fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

/// Parses a rules file's text (`name` is used in messages).
pub fn parse_rules(name: &str, text: &str, lexicon: &Lexicon) -> Result<Vec<Rule>> {
    let raw: RawRules = if text.trim().is_empty() {
        RawRules { rules: Vec::new() }
    } else {
        serde_yaml::from_str(text).map_err(|e| {
            Error::yaml(
                name,
                &e,
                "rules",
                "each rule has `name` and either `require: [..]` or `topic:` with `forbid: [..]`",
            )
        })?
    };
    let mut rules = Vec::new();
    for r in raw.rules {
        let at = |needle: &str| Location {
            file: name.to_string(),
            line: line_of(text, needle).or_else(|| line_of(text, &r.name)),
            column: None,
        };
        let level = match r.level.as_deref() {
            None | Some("error") => Severity::Error,
            Some("warning") => Severity::Warning,
            Some(other) => {
                return Err(Error::data(
                    at(other),
                    format!("rules: rule `{}` has level `{other}`", r.name),
                    "use `level: error` or `level: warning`",
                ))
            }
        };
        let kind = match (r.require.is_empty(), r.topic.as_ref(), r.forbid.is_empty()) {
            (false, None, true) => {
                let mut patterns = Vec::new();
                for p in &r.require {
                    let source = if r.regex { p.clone() } else { regex::escape(p) };
                    let re = regex::RegexBuilder::new(&source)
                        .case_insensitive(true)
                        .size_limit(1 << 20)
                        .build()
                        .map_err(|e| {
                            let first = e
                                .to_string()
                                .lines()
                                .last()
                                .unwrap_or("invalid")
                                .trim()
                                .to_string();
                            Error::data(
                                at(p),
                                format!(
                                    "rules: rule `{}`: bad regular expression `{p}`: {first}",
                                    r.name
                                ),
                                "fix the pattern, or drop `regex: true` to match it as plain text",
                            )
                        })?;
                    patterns.push(re);
                }
                RuleKind::Require {
                    patterns,
                    shown: r.require.clone(),
                    within: r.within,
                }
            }
            (true, Some(topic), false) => {
                if lexicon.topic(topic).is_none() {
                    return Err(Error::data(
                        at(topic),
                        format!("rules: rule `{}` names unknown topic `{topic}`", r.name),
                        "use a topic id from data/topics.yaml or add it with --lexicon",
                    ));
                }
                let mut kinds = Vec::new();
                for k in &r.forbid {
                    let kind = PledgeChangeKind::ALL
                        .into_iter()
                        .find(|x| x.as_str() == k)
                        .ok_or_else(|| {
                            Error::data(
                                at(k),
                                format!("rules: rule `{}` forbids unknown change `{k}`", r.name),
                                "use added, dropped, strengthened, weakened or modified",
                            )
                        })?;
                    kinds.push(kind);
                }
                RuleKind::Forbid {
                    topic: topic.clone(),
                    kinds,
                }
            }
            _ => {
                return Err(Error::data(
                    at(&r.name),
                    format!(
                        "rules: rule `{}` needs either `require` or both `topic` and `forbid`",
                        r.name
                    ),
                    "see history/rules.yaml for examples",
                ))
            }
        };
        rules.push(Rule {
            name: r.name,
            description: r.description,
            series: r.series,
            level,
            kind,
        });
    }
    Ok(rules)
}

/// Reads a rules file.
pub fn read_rules(path: &Path, lexicon: &Lexicon) -> Result<Vec<Rule>> {
    let name = shown(path);
    let bytes = crate::read::file::read_input(path)?;
    let text = crate::read::decode(&name, &bytes).or_else(|e| match e {
        Error::BadInput { ref problem, .. }
            if problem.contains("empty") || problem.contains("whitespace") =>
        {
            Ok(String::new())
        }
        e => Err(e),
    })?;
    parse_rules(&name, &text, lexicon)
}

/// Outcome of `check`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckReport {
    /// Archive folder.
    pub archive: String,
    /// Series checked.
    pub series: usize,
    /// Statements read.
    pub statements: usize,
    /// Rules applied.
    pub rules: usize,
    /// Findings, errors first within each file.
    pub problems: Vec<Problem>,
}

impl CheckReport {
    /// Statements that could not be read at all (the check is incomplete).
    pub fn unreadable(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.check == UNREADABLE)
            .count()
    }

    /// True when no finding is an error.
    pub fn passed(&self) -> bool {
        self.counts().0 == 0
    }

    /// (errors, warnings).
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        (errors, self.problems.len() - errors)
    }
}

/// The archive's own rules file, `rules.yaml`, if there is one. Anything
/// by that name is read, so that a rules file that is a FIFO, a folder or
/// a dangling link is an error, not a gate that passes because it silently
/// has no rules; for the same reason a rules file by another name
/// (`rules.yml`, `Rules.yaml`) is refused rather than passed over.
fn default_rules_file(root: &Path) -> Result<Option<PathBuf>> {
    let default_rules = root.join("rules.yaml");
    if default_rules.symlink_metadata().is_ok() {
        return Ok(Some(default_rules));
    }
    let misnamed = std::fs::read_dir(root)
        .map_err(|e| Error::io(&shown(root), e))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .is_some_and(|n| n == "rules.yml" || n == "rules.yaml")
        });
    match misnamed {
        Some(p) => Err(Error::bad_input(
            Location::file(shown(&p)),
            "the archive's rules file must be named rules.yaml, so these rules would not be applied",
            "rename it to rules.yaml (or pass it with --rules)",
        )),
        None => Ok(None),
    }
}

/// Runs every integrity check and rule on an archive. Scan findings and
/// statements that cannot be read go to `notice` as they are met.
pub fn check(
    root: &Path,
    rules_file: Option<&Path>,
    settings: &ReadSettings,
    lexicon: &Lexicon,
    notice: &(dyn Fn(&Problem) + Sync),
) -> Result<CheckReport> {
    let scan = scan(root)?;
    scan.require_statements()?;
    let rules_path: Option<PathBuf> = match rules_file {
        Some(p) => Some(p.to_path_buf()),
        None => default_rules_file(root)?,
    };
    let rules = match &rules_path {
        Some(p) => read_rules(p, lexicon)?,
        None => Vec::new(),
    };
    // Told once the run is sure to go on: a rules file that cannot be
    // read stops it with that one error.
    for p in &scan.problems {
        notice(p);
    }
    let today = Local::now().date_naive();
    let far = today.checked_add_days(Days::new(366)).unwrap_or(today);
    let mut problems = scan.problems.clone();
    let mut statements = 0;
    for files in &scan.series {
        let (series, load_problems) = load_series(files, settings, lexicon);
        for p in load_problems.iter().filter(|p| p.check == UNREADABLE) {
            notice(p);
        }
        problems.extend(load_problems);
        statements += series.statements.len();
        // Looked up by key, not searched: a search per statement made
        // check quadratic in the size of a series (8 s at 20k statements).
        let mut seen: rustc_hash::FxHashMap<NaiveDate, String> = Default::default();
        let file_dates: rustc_hash::FxHashMap<&Path, NaiveDate> =
            files.files.iter().map(|(p, d)| (p.as_path(), *d)).collect();
        for (s, path) in series.statements.iter().zip(&series.files) {
            let name = shown(path);
            let file_date = file_dates.get(path.as_path()).copied();
            match s.meta.date {
                None => problems.push(Problem::error(
                    &name,
                    Some(1),
                    "date",
                    "no `date` in front matter; add `date: YYYY-MM-DD`",
                )),
                Some(d) => {
                    let line = s.meta.line_of("date");
                    if Some(d) != file_date {
                        problems.push(Problem::error(
                            &name,
                            line,
                            "file-name",
                            format!(
                                "front matter date {d} differs from the file name's date; rename the file to {d}.md or fix the date"
                            ),
                        ));
                    }
                    if d > far {
                        problems.push(Problem::error(
                            &name,
                            line,
                            "date",
                            format!("date {d} is more than a year in the future; fix the year"),
                        ));
                    } else if d > today {
                        problems.push(Problem::warning(
                            &name,
                            line,
                            "date",
                            format!("date {d} is in the future"),
                        ));
                    }
                    if let Some(other) = seen.get(&d) {
                        problems.push(Problem::error(
                            &name,
                            line,
                            "unique-date",
                            format!("date {d} is also the date of {other}; a series has one statement per date"),
                        ));
                    }
                    seen.entry(d).or_insert_with(|| name.clone());
                }
            }
            for (key, line) in &s.meta.unknown_keys {
                problems.push(Problem::warning(
                    &name,
                    Some(*line),
                    "front-matter",
                    format!(
                        "unknown front matter key `{key}`; known keys: {}",
                        crate::read::KNOWN_KEYS.join(", ")
                    ),
                ));
            }
            if s.paragraphs.is_empty() {
                problems.push(Problem::error(
                    &name,
                    None,
                    "paragraphs",
                    "normalizes to no paragraph (only page chrome?); add the statement text",
                ));
            }
        }
        apply_rules(&rules, &series, lexicon, &mut problems);
    }
    if let Some(p) = &rules_path {
        for r in &rules {
            if let Some(s) = &r.series {
                if !scan.series.iter().any(|x| &x.name == s) {
                    problems.push(Problem::error(
                        &shown(p),
                        None,
                        "rules",
                        format!(
                            "rule `{}` names series `{s}`, which the archive does not have",
                            r.name
                        ),
                    ));
                }
            }
        }
    }
    problems.sort_by(|a, b| {
        (
            a.file.as_str(),
            a.line.unwrap_or(0),
            a.severity,
            a.message.as_str(),
        )
            .cmp(&(
                b.file.as_str(),
                b.line.unwrap_or(0),
                b.severity,
                b.message.as_str(),
            ))
    });
    problems.dedup();
    Ok(CheckReport {
        archive: shown(root),
        series: scan.series.len(),
        statements,
        rules: rules.len(),
        problems,
    })
}

fn apply_rules(
    rules: &[Rule],
    series: &super::Series,
    lexicon: &Lexicon,
    problems: &mut Vec<Problem>,
) {
    let n = series.statements.len();
    if n == 0 {
        return;
    }
    let latest = &series.statements[n - 1];
    let latest_name = shown(&series.files[n - 1]);
    let mut last_step: Option<crate::pipeline::Comparison> = None;
    for rule in rules
        .iter()
        .filter(|r| r.series.as_ref().is_none_or(|s| *s == series.name))
    {
        let tell = |msg: String| Problem {
            severity: rule.level,
            file: latest_name.clone(),
            line: None,
            message: msg,
            check: format!("rule:{}", rule.name),
        };
        match &rule.kind {
            RuleKind::Require {
                patterns,
                shown,
                within,
            } => {
                let texts: Vec<(String, usize)> = match within {
                    Within::Statement => vec![(
                        latest
                            .paragraphs
                            .iter()
                            .map(|p| p.key.as_str())
                            .collect::<Vec<_>>()
                            .join("\n"),
                        latest.paragraphs.first().map_or(1, |p| p.line),
                    )],
                    Within::Paragraph => latest
                        .paragraphs
                        .iter()
                        .map(|p| (p.key.clone(), p.line))
                        .collect(),
                    Within::Pledge => series.pledges[n - 1]
                        .iter()
                        .map(|p| {
                            (
                                crate::normalize::canonical(&p.text),
                                latest.paragraphs[p.paragraph].line,
                            )
                        })
                        .collect(),
                };
                let ok = texts
                    .iter()
                    .any(|(t, _)| patterns.iter().all(|re| re.is_match(t)));
                if !ok {
                    let scope = match within {
                        Within::Statement => "the latest statement",
                        Within::Paragraph => "no paragraph of the latest statement",
                        Within::Pledge => "no pledge of the latest statement",
                    };
                    let verb = if *within == Within::Statement {
                        "does not mention"
                    } else {
                        "mentions"
                    };
                    let mut msg = format!(
                        "rule `{}`: {scope} {verb} all of: {}",
                        rule.name,
                        shown
                            .iter()
                            .map(|s| format!("\"{s}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    if let Some(d) = &rule.description {
                        msg.push_str(&format!(" ({d})"));
                    }
                    let mut p = tell(msg);
                    p.line = Some(latest.paragraphs.first().map_or(1, |p| p.line));
                    problems.push(p);
                }
            }
            RuleKind::Forbid { topic, kinds } => {
                if n < 2 {
                    continue;
                }
                let step = last_step.get_or_insert_with(|| {
                    crate::pipeline::compare_prepared(
                        series.statements[n - 2].clone(),
                        series.statements[n - 1].clone(),
                        std::sync::Arc::new(series.pledges[n - 2].clone()),
                        std::sync::Arc::new(series.pledges[n - 1].clone()),
                        lexicon,
                    )
                });
                for ch in &step.classified.changes {
                    if !kinds.contains(&ch.kind) || !ch.topics.contains(topic) {
                        continue;
                    }
                    let (file, line, text) = match (ch.new, ch.old) {
                        (Some(b), _) => {
                            let p = &step.classified.new_pledges[b];
                            (
                                latest_name.clone(),
                                step.new.paragraphs[p.paragraph].line,
                                &p.text,
                            )
                        }
                        (None, Some(a)) => {
                            let p = &step.classified.old_pledges[a];
                            (
                                shown(&series.files[n - 2]),
                                step.old.paragraphs[p.paragraph].line,
                                &p.text,
                            )
                        }
                        _ => continue,
                    };
                    let reasons: Vec<&str> = ch.reasons.iter().map(|r| r.text.as_str()).collect();
                    let mut msg = format!(
                        "rule `{}`: a pledge on {topic} was {} in the latest step ({}): \"{}\"",
                        rule.name,
                        ch.kind.as_str(),
                        reasons.join("; "),
                        clip(text, 160)
                    );
                    if let Some(d) = &rule.description {
                        msg.push_str(&format!(" ({d})"));
                    }
                    problems.push(Problem {
                        severity: rule.level,
                        file,
                        line: Some(line),
                        message: msg,
                        check: format!("rule:{}", rule.name),
                    });
                }
            }
        }
    }
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}\u{2026}", s.chars().take(max).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse_and_validate() {
        let lex = Lexicon::builtin();
        let r = parse_rules(
            "r.yaml",
            "rules:\n  - name: a\n    require: [Article V, Senkaku]\n  - name: b\n    topic: cyber\n    forbid: [dropped, weakened]\n    level: warning\n",
            &lex,
        )
        .unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].level, Severity::Warning);
    }

    #[test]
    fn bad_regex_names_file_and_line() {
        let lex = Lexicon::builtin();
        let e = parse_rules(
            "r.yaml",
            "rules:\n  - name: a\n    regex: true\n    require: [\"Article (V\"]\n",
            &lex,
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("r.yaml:4:"), "{e}");
        assert!(e.contains("bad regular expression"), "{e}");
    }

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let lex = Lexicon::builtin();
        let e = parse_rules("r.yaml", "rules:\n  - name: a\n    requires: [x]\n", &lex)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("r.yaml:"), "{e}");
        assert!(e.contains("requires"), "{e}");
    }
}
