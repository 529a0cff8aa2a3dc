//! The library's top-level modules depend on each other in one direction:
//! this test reads every `crate::…` path in `src/` (comments and trailing
//! `#[cfg(test)]` modules aside, which may use the whole pipeline), and
//! checks that each module only uses modules listed before it in the
//! dependency order that `src/lib.rs` states. A cycle, or an order that
//! went stale, fails here with the offending edge, rather than being found
//! by the next person who cannot move a type.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ORDER_MARK: &str = "//! Dependency order";

/// The source of every top-level library module, by module name.
fn modules(src: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(name) = line
            .trim()
            .strip_prefix("pub mod ")
            .or_else(|| line.trim().strip_prefix("mod "))
            .and_then(|r| r.strip_suffix(';'))
        else {
            continue;
        };
        let mut files = Vec::new();
        let file = src.join(format!("{name}.rs"));
        if file.exists() {
            files.push(file);
        }
        let dir = src.join(name);
        if dir.is_dir() {
            collect(&dir, &mut files);
        }
        assert!(!files.is_empty(), "no source for module `{name}`");
        out.insert(name.to_string(), files);
    }
    out
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable src dir")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, files);
        } else if p.extension().is_some_and(|e| e == "rs") {
            files.push(p);
        }
    }
}

/// Names that `lib.rs` re-exports at the crate root, mapped to the module
/// they come from (`crate::Comparison` is a use of `pipeline`).
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let flat = lib
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join(" ");
    for stmt in flat.split(';') {
        let Some(rest) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, items)) = rest.split_once("::") else {
            continue;
        };
        let items = items.trim().trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let item = item.trim();
            if !item.is_empty() {
                out.insert(item.to_string(), module.trim().to_string());
            }
        }
    }
    out
}

/// The code of a file without comments and without a trailing
/// `#[cfg(test)] mod …` (test modules are at the end of their file).
fn code(text: &str) -> String {
    let text = ["#[cfg(test)]\nmod ", "#[cfg(test)]\npub(crate) mod "]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .map_or(text, |i| &text[..i]);
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level names a file's code reaches through `crate::`, with
/// `crate::{a, b::c}` groups expanded.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        // `$crate::` in macros, `pledgediff_crate::` and the like.
        if i > 0 {
            let before = code[..i].chars().next_back().unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' || before == '$' {
                continue;
            }
        }
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level items of the group: split at commas outside braces.
            let mut depth = 0;
            let mut start = 0;
            let mut end = group.len();
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        end = k;
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.insert(ident(group[start..k].trim()));
                        start = k + 1;
                    }
                    _ => {}
                }
            }
            out.insert(ident(group[start..end].trim()));
        } else {
            out.insert(ident(rest));
        }
    }
    out.retain(|s| !s.is_empty() && s != "self");
    out
}

/// The order `src/lib.rs` states: the paragraph after the one that
/// starts with [`ORDER_MARK`], module names separated by `→`, lowest first.
fn stated_order(lib: &str) -> Vec<String> {
    let docs: Vec<&str> = lib
        .lines()
        .map_while(|l| l.strip_prefix("//!"))
        .map(str::trim)
        .collect();
    let mark = ORDER_MARK.trim_start_matches("//!").trim();
    let start = docs
        .iter()
        .position(|l| l.starts_with(mark))
        .unwrap_or_else(|| panic!("src/lib.rs states no `{mark}` in its docs"));
    let text: Vec<&str> = docs[start..]
        .iter()
        .skip_while(|l| !l.is_empty())
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .copied()
        .collect();
    text.join(" ")
        .split('\u{2192}')
        .map(|m| m.trim().trim_matches(['[', ']', '`']).to_string())
        .filter(|m| !m.is_empty())
        .collect()
}

#[test]
fn top_level_modules_depend_on_each_other_in_the_stated_order() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let modules = modules(&src);
    let reexports = root_reexports(&lib);
    let order = stated_order(&lib);
    let rank: BTreeMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, m)| (m.as_str(), i))
        .collect();
    for m in modules.keys() {
        assert!(
            rank.contains_key(m.as_str()),
            "module `{m}` is missing from the dependency order in src/lib.rs"
        );
    }
    for m in &order {
        assert!(
            modules.contains_key(m),
            "the dependency order in src/lib.rs names `{m}`, which is no module"
        );
    }
    let mut wrong = Vec::new();
    for (m, files) in &modules {
        for f in files {
            let text = std::fs::read_to_string(f).expect("readable source");
            for name in crate_paths(&code(&text)) {
                let Some(target) = (if modules.contains_key(&name) {
                    Some(name.clone())
                } else {
                    reexports.get(&name).cloned()
                }) else {
                    continue;
                };
                if &target != m && rank[target.as_str()] > rank[m.as_str()] {
                    wrong.push(format!(
                        "{} uses crate::{name} ({m} → {target})",
                        f.strip_prefix(&src).unwrap_or(f).display()
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "uses against the dependency order stated in src/lib.rs:\n{}",
        wrong.join("\n")
    );
}
