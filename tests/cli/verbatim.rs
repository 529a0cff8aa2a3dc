//! Every pledge text pledgediff quotes is a span of its statement as
//! normalized: never a carried-over actor or lead-in glued onto a clause,
//! never words from elsewhere. Checked over the bundled history, every
//! fixture statement, and the development set in `../shared/devset` when
//! it is there.

use std::path::{Path, PathBuf};

use crate::common::{pledgediff, root, stdout_of};
use pledgediff::render::json::{NormalizeView, PledgesView};

fn statements_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            statements_under(&p, out);
        } else if p.extension().is_some_and(|x| x == "md")
            && p.file_name().is_none_or(|n| n != "README.md")
        {
            out.push(p);
        }
    }
}

/// The pledge texts of `file` that are not inside one of its paragraphs.
fn glued(file: &Path) -> Vec<String> {
    let json = |cmd: &str| {
        let out = pledgediff()
            .args([cmd, "--format", "json"])
            .arg(file)
            .output()
            .unwrap();
        (out.status.code() == Some(0)).then(|| stdout_of(&out))
    };
    let (Some(norm), Some(pledges)) = (json("normalize"), json("pledges")) else {
        return Vec::new(); // a statement the reader refuses has no pledges
    };
    let norm: NormalizeView = serde_json::from_str(&norm).unwrap();
    let pledges: PledgesView = serde_json::from_str(&pledges).unwrap();
    pledges
        .pledges
        .into_iter()
        .filter(|p| {
            !norm
                .paragraphs
                .iter()
                .find(|q| q.index == p.paragraph)
                .is_some_and(|q| q.text.contains(&p.text))
        })
        .map(|p| format!("{}: ¶{} {:?}", file.display(), p.paragraph, p.text))
        .collect()
}

#[test]
fn every_pledge_text_is_a_span_of_its_statement() {
    let mut files = Vec::new();
    statements_under(&root().join("history"), &mut files);
    statements_under(&root().join("tests/fixtures/gold"), &mut files);
    statements_under(&root().join("tests/fixtures/rewritten"), &mut files);
    let devset = root().join("../shared/devset");
    if devset.is_dir() {
        statements_under(&devset, &mut files);
    } else {
        eprintln!("skipping the development set: ../shared/devset is not here");
    }
    assert!(files.len() >= 30, "found only {} statements", files.len());
    let bad: Vec<String> = files.iter().flat_map(|f| glued(f)).collect();
    assert!(
        bad.is_empty(),
        "{} pledge texts are not spans:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
