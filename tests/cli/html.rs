//! `--format html`: the pages `diff` and `report` write, parsed with an
//! HTML parser (structure, links, escaping, self-containment) and loaded
//! in headless Chromium (no console message, a screenshot that is not
//! blank). And HTML read: the list items of a saved page, each a
//! paragraph of its own, as a text file's are.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use scraper::{ElementRef, Html, Selector};

use crate::common::{history, pledgediff, stderr_of, stdout_of};

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>()
}

/// Runs pledgediff with `args`, expecting exit status 0 or 1 and nothing
/// on standard error; returns the page.
fn page(args: &[&std::ffi::OsStr]) -> String {
    let out = pledgediff().args(args).output().expect("runs");
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{args:?}: {}",
        stderr_of(&out)
    );
    assert!(out.stderr.is_empty(), "{args:?}: {}", stderr_of(&out));
    stdout_of(&out)
}

fn diff_page(old: &Path, new: &Path, extra: &[&str]) -> String {
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["diff".as_ref(), "--format".as_ref(), "html".as_ref()];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    args.push(old.as_os_str());
    args.push(new.as_os_str());
    page(&args)
}

fn report_page(extra: &[&str]) -> String {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "report".as_ref(),
        "history".as_ref(),
        "--format".as_ref(),
        "html".as_ref(),
    ];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    page(&args)
}

/// What every page must be: one document that loads nothing: no
/// external script, style sheet, image, frame or font, no `http(s)` URL
/// in any `src` or `href`; ids unique; every in-page link lands on an
/// element that exists.
fn assert_self_contained(doc: &Html) {
    for e in doc.select(&sel("*")) {
        for attr in ["src", "href", "srcset", "action", "data", "poster"] {
            if let Some(v) = e.value().attr(attr) {
                let v = v.trim().to_ascii_lowercase();
                assert!(
                    !v.starts_with("http:") && !v.starts_with("https:") && !v.starts_with("//"),
                    "<{} {attr}=\"{v}\"> loads from the network",
                    e.value().name()
                );
            }
        }
    }
    assert_eq!(
        doc.select(&sel("script[src]")).count(),
        0,
        "external script"
    );
    assert_eq!(doc.select(&sel("link")).count(), 0, "linked resource");
    assert_eq!(doc.select(&sel("img, iframe, object, embed")).count(), 0);
    let mut ids = HashSet::new();
    for e in doc.select(&sel("[id]")) {
        let id = e.value().id().unwrap();
        assert!(ids.insert(id.to_string()), "id `{id}` twice");
    }
    for a in doc.select(&sel("a[href]")) {
        let href = a.value().attr("href").unwrap();
        let target = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("link `{href}` leaves the page"));
        assert!(ids.contains(target), "link `{href}` points nowhere");
    }
    // The one script is inline, in the head, and only opens <details>
    // blocks for printing.
    let scripts: Vec<_> = doc.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 1);
    assert_eq!(doc.select(&sel("head > script")).count(), 1);
    assert!(text(scripts[0]).contains("beforeprint"));
    let csp = doc
        .select(&sel("meta[http-equiv=Content-Security-Policy]"))
        .next()
        .expect("a Content-Security-Policy");
    assert!(csp
        .value()
        .attr("content")
        .unwrap()
        .starts_with("default-src 'none'"));
}

/// Heading levels never skip one going down (h2 then h4 would).
fn assert_heading_levels(doc: &Html) {
    let mut last = 0;
    for h in doc.select(&sel("h1, h2, h3, h4, h5, h6")) {
        let level: usize = h.value().name()[1..].parse().unwrap();
        assert!(
            level <= last + 1,
            "<{}> `{}` follows an h{last}",
            h.value().name(),
            text(h)
        );
        last = level;
    }
    assert_eq!(doc.select(&sel("h1")).count(), 1);
}

/// A pair written for this test: paragraph 1 is reworded from
/// "will consider" to "will strengthen … by 2025" and carries a script
/// tag; paragraph 2 is unchanged; paragraph 3 is new.
fn write_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let old = dir.join("old.md");
    let new = dir.join("new.md");
    std::fs::write(
        &old,
        "---\ndate: 2020-01-01\ntitle: Pair <b>statement</b>\n---\n\
         The Ministers will consider cooperation on cyber security.\n\n\
         The Ministers noted the importance of maritime security.\n",
    )
    .unwrap();
    std::fs::write(
        &new,
        "---\ndate: 2021-01-01\ntitle: Pair <b>statement</b>\n---\n\
         The Ministers will strengthen cooperation on cyber security by 2025 <script>alert(1)</script>.\n\n\
         The Ministers noted the importance of maritime security.\n\n\
         The Ministers committed to expand joint exercises\u{1b}[31m in the East China Sea.\n",
    )
    .unwrap();
    (old, new)
}

#[test]
fn diff_page_shows_both_sides_with_the_redline_and_links_each_change_to_its_note() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = write_pair(tmp.path());
    let html = diff_page(&old, &new, &[]);
    let doc = Html::parse_document(&html);
    assert_self_contained(&doc);
    assert_heading_levels(&doc);

    // Two text columns under an Old and a New heading.
    let heads: Vec<String> = doc.select(&sel("table.sbs thead th")).map(text).collect();
    assert_eq!(heads.len(), 3, "{heads:?}");
    assert!(heads[1].starts_with("Old") && heads[1].contains("2020-01-01"));
    assert!(heads[2].starts_with("New") && heads[2].contains("2021-01-01"));
    let rows: Vec<_> = doc.select(&sel("table.sbs tr.para")).collect();
    for r in &rows {
        assert_eq!(r.select(&sel("td.old")).count(), 1);
        assert_eq!(r.select(&sel("td.new")).count(), 1);
    }

    // The reworded first paragraph: the old wording struck, the new one
    // inserted, each on its own side.
    let first = rows
        .iter()
        .find(|r| text(**r).contains("cyber security"))
        .expect("the first paragraph's row");
    let del: String = first.select(&sel("td.old del")).map(text).collect();
    let ins: String = first.select(&sel("td.new ins")).map(text).collect();
    assert!(del.contains("consider"), "{del}");
    assert!(
        ins.contains("strengthen") && ins.contains("by 2025"),
        "{ins}"
    );
    assert_eq!(first.select(&sel("td.new del, td.old ins")).count(), 0);

    // The script tag is text on the page, not an element.
    assert!(text(*first).contains("<script>alert(1)</script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // So is the markup in the title, and the ESC in paragraph 3 is
    // shown, not sent.
    let h1 = text(doc.select(&sel("h1")).next().unwrap());
    assert!(h1.contains("Pair <b>statement</b>"), "{h1}");
    assert_eq!(doc.select(&sel("h1 b")).count(), 0);
    assert!(!html.contains('\u{1b}'));
    assert!(html.contains("exercises&lt;U+001B&gt;[31m in"));

    // The third paragraph is new: numbered as the reader counts it, with
    // nothing on the old side.
    let added = rows
        .iter()
        .find(|r| text(**r).contains("joint exercises"))
        .expect("the added paragraph's row");
    assert!(text(added.select(&sel("th")).next().unwrap()).contains("new \u{b6}3"));
    assert!(text(added.select(&sel("td.old")).next().unwrap()).contains("not in the old"));
    // The unchanged second paragraph is left out (no context asked for).
    assert!(!rows.iter().any(|r| text(*r).contains("maritime")));
    assert!(text(doc.select(&sel("tr.gap")).next().unwrap()).contains("1 unchanged paragraph"));

    // The change list: one entry per change, each linking to a note that
    // carries the same kind; "consider" → "strengthen … by 2025" is
    // stronger, the exercises pledge is new.
    let entries: Vec<_> = doc.select(&sel("ol.change-list a")).collect();
    let notes: HashMap<String, ElementRef<'_>> = doc
        .select(&sel(".pledge[id]"))
        .map(|n| (n.value().id().unwrap().to_string(), n))
        .collect();
    assert_eq!(entries.len(), notes.len());
    let mut kinds = Vec::new();
    for a in &entries {
        let target = &a.value().attr("href").unwrap()[1..];
        let note = notes.get(target).expect("the link lands on a note");
        let kind = text(a.select(&sel(".badge")).next().unwrap());
        assert_eq!(kind, text(note.select(&sel(".badge")).next().unwrap()));
        assert!(
            note.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|e| e.value().name() == "table"),
            "the note is in the side-by-side view"
        );
        kinds.push(kind);
    }
    assert!(
        kinds.iter().any(|k| k.contains("strengthened")),
        "{kinds:?}"
    );
    assert!(kinds.iter().any(|k| k.contains("added")), "{kinds:?}");
    let strengthened = entries
        .iter()
        .find(|a| text(**a).contains("strengthened"))
        .unwrap();
    let note = notes[&strengthened.value().attr("href").unwrap()[1..]];
    let note_text = text(note);
    assert!(note_text.contains("The Ministers will consider cooperation on cyber security."));
    assert!(note_text.contains("2025"));
    assert!(note.select(&sel("ul.reasons li")).count() > 0);
}

#[test]
fn a_change_in_a_paragraph_outside_the_context_is_still_shown_and_linked() {
    // Every note an entry links to exists whatever `-C`/`--all` asks.
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = write_pair(tmp.path());
    for extra in [&["--all"][..], &["-C", "0"], &["--topic", "cyber"]] {
        let doc = Html::parse_document(&diff_page(&old, &new, extra));
        assert_self_contained(&doc);
    }
    let doc = Html::parse_document(&diff_page(&old, &new, &["--all"]));
    assert!(doc
        .select(&sel("table.sbs tr.para"))
        .any(|r| text(r).contains("maritime")));
}

#[test]
fn history_diff_page_is_well_formed() {
    let html = diff_page(
        &history("2021-03-16.md"),
        &history("2023-01-11.md"),
        &["--explain"],
    );
    let doc = Html::parse_document(&html);
    assert_self_contained(&doc);
    assert_heading_levels(&doc);
    assert!(doc.select(&sel("ol.change-list li")).count() > 0);
    assert!(doc.select(&sel("table.sbs del")).count() > 0);
    assert!(doc.select(&sel("table.sbs ins")).count() > 0);
    // The 2023 text says "at least twice a year" where 2021 said "once".
    let del: Vec<String> = doc.select(&sel("td.old del")).map(text).collect();
    let ins: Vec<String> = doc.select(&sel("td.new ins")).map(text).collect();
    assert!(del.iter().any(|d| d.trim() == "once"), "{del:?}");
    assert!(ins.iter().any(|d| d.trim() == "twice"), "{ins:?}");
    assert!(doc.select(&sel(".pledge details")).count() > 0, "--explain");
}

#[test]
fn report_page_answers_first_then_tables_charts_and_folded_details() {
    let html = report_page(&[]);
    let doc = Html::parse_document(&html);
    assert_self_contained(&doc);
    assert_heading_levels(&doc);

    let h2: Vec<String> = doc.select(&sel("h2")).map(text).collect();
    assert_eq!(h2, ["Series: us-japan-scc"]);
    // The answers come before the tables.
    let h3: Vec<String> = doc.select(&sel("h3")).map(text).collect();
    let at = |name: &str| h3.iter().position(|h| h.starts_with(name)).unwrap();
    assert_eq!(at("What changed"), 0, "{h3:?}");
    assert!(at("Statements") < at("Pledge strength"));
    assert!(at("Steps") < at("Step details"));

    // history/us-japan-scc holds five statements: four steps, each
    // answered at the top and detailed in a folded block.
    assert_eq!(doc.select(&sel("section.answer")).count(), 4);
    let steps: Vec<_> = doc.select(&sel("details.step")).collect();
    assert_eq!(steps.len(), 4);
    assert!(steps.iter().all(|d| d.value().attr("open").is_none()));
    assert!(
        doc.select(&sel("table tbody tr")).count() >= 5 + 4,
        "statements and steps tables"
    );
    // The 2023 statement's "twice a year" is quoted among the key
    // changes of the last step.
    let last = doc.select(&sel("section.answer")).next_back().unwrap();
    assert!(text(last).contains("2021-03-16"));
    assert!(
        text(last).contains("at least twice a year"),
        "{}",
        text(last)
    );
    assert!(last.select(&sel("q")).count() > 0);

    // Charts: inline SVG with labelled axes and the scale explained.
    let charts: Vec<_> = doc.select(&sel("figure.chart svg")).collect();
    assert!(!charts.is_empty());
    for c in &charts {
        let t = text(*c);
        assert!(t.contains("mean strength") && t.contains("statement date"));
    }
    assert!(text(doc.select(&sel("body")).next().unwrap()).contains("Strength is the sum"));
    // Lineages are folded.
    assert!(doc.select(&sel("details.lineages")).next().is_some());
}

#[test]
fn html_bytes_do_not_depend_on_the_run_or_the_thread_count() {
    let one = report_page(&["--jobs", "1"]);
    let three = report_page(&["--jobs", "3"]);
    assert!(one == three, "report differs between --jobs 1 and --jobs 3");
    assert!(one == report_page(&["--jobs", "3"]));
    let (a, b) = (history("2017-08-17.md"), history("2019-04-19.md"));
    assert!(diff_page(&a, &b, &[]) == diff_page(&a, &b, &[]));
}

#[test]
fn html_is_offered_only_where_it_is_supported() {
    for cmd in ["normalize", "pledges"] {
        let out = pledgediff()
            .args([cmd, "--format", "html"])
            .arg(history("2019-04-19.md"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd}");
    }
    let out = pledgediff()
        .args(["log", "history", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------
// In a real browser
// ---------------------------------------------------------------------

/// Headless Chromium on the PATH (`.ci/run` installs it), if any.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// Loads `page` in headless Chromium at 1,200 × 1,000 and saves a
/// screenshot to `png`; returns the browser's standard error.
///
/// How console errors are caught: with `--enable-logging=stderr --v=0`
/// Chromium writes every console message of the page (a script error, a
/// `console.error`, and the "violates the Content Security Policy" error
/// it reports for anything the page tries to fetch) to standard error
/// as a `…:INFO:CONSOLE…` line. Our pages print nothing to the console,
/// so any such line is a failure. That the lines really come out is
/// checked first on a probe page that logs on purpose, so a Chromium
/// that stopped printing them fails the test instead of passing it.
fn load(browser: &Path, page: &Path, png: &Path, profile: &Path) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1200,1000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut { stderr }, &mut s).ok();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("chromium did not finish loading {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

fn console_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

/// Fails unless the PNG has more than one color and no single color
/// covers (nearly) all of it: a page that did not render is one flat
/// color.
fn assert_not_blank(png: &Path) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png).expect("a screenshot"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    assert_eq!((info.width, info.height), (1200, 1000), "window size");
    let channels = info.color_type.samples();
    let mut counts: HashMap<&[u8], usize> = HashMap::new();
    for px in buf[..info.buffer_size()].chunks(channels) {
        *counts.entry(px).or_default() += 1;
    }
    let total = (info.width * info.height) as usize;
    let top = counts.values().max().copied().unwrap_or(0);
    assert!(counts.len() > 1, "{}: one color", png.display());
    assert!(
        top * 100 < total * 98,
        "{}: {} of {} pixels are one color",
        png.display(),
        top,
        total
    );
}

#[test]
fn pages_load_in_headless_chromium_without_console_messages() {
    let Some(browser) = chromium() else {
        eprintln!("skipping the browser test: no `chromium` on PATH (.ci/run installs it)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let profile = tmp.path().join("profile");

    // The probe: its console message must show, or the check below
    // would see nothing whatever the pages do.
    let probe = tmp.path().join("probe.html");
    std::fs::write(
        &probe,
        "<!DOCTYPE html><title>probe</title><p>probe</p><script>console.error(\"pledgediff-probe\")</script>",
    )
    .unwrap();
    let err = load(&browser, &probe, &tmp.path().join("probe.png"), &profile);
    assert!(
        console_lines(&err)
            .iter()
            .any(|l| l.contains("pledgediff-probe")),
        "chromium no longer reports console messages as `:CONSOLE` lines on \
         standard error; the browser test must find another way:\n{err}"
    );

    let report = tmp.path().join("report.html");
    std::fs::write(&report, report_page(&[])).unwrap();
    let diff = tmp.path().join("diff.html");
    std::fs::write(
        &diff,
        diff_page(&history("2017-08-17.md"), &history("2019-04-19.md"), &[]),
    )
    .unwrap();
    for page in [&report, &diff] {
        let png = page.with_extension("png");
        let err = load(&browser, page, &png, &profile);
        let console = console_lines(&err);
        assert!(
            console.is_empty(),
            "{}: console messages:\n{}",
            page.display(),
            console.join("\n")
        );
        assert_not_blank(&png);
    }
}

/// The paragraphs `pledgediff normalize` reads from `page` (an HTML page),
/// and what it reports removed.
fn normalized_page(page: &str) -> (Vec<String>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    std::fs::write(&path, page).unwrap();
    let out = pledgediff()
        .args(["normalize", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let texts = v["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap().to_string())
        .collect();
    (texts, v["removed"].to_string())
}

#[test]
fn a_nested_list_item_is_not_glued_to_its_neighbours() {
    // Everything inside an <li> was one block, nested items and
    // paragraphs included, read with nothing between them: "a rise;in
    // both languages", "the planevery two years".
    let (paras, _) = normalized_page(
        "<html><body><article>\n\
         <p>The harbour towns met on Tuesday and agreed on a joint plan.</p>\n\
         <p>The towns commit to:</p>\n\
         <ul>\n\
         <li>send storm warnings\n\
           <ul><li>within one hour of a forecast;</li><li>in both languages.</li></ul>\n\
         </li>\n\
         <li><p>review the plan</p><p>every two years.</p></li>\n\
         </ul>\n\
         <table><tr><td><ul><li>The towns will pool their tugs.</li>\
         <li>The towns will share a pilot boat.</li></ul></td></tr></table>\n\
         <blockquote><p>The towns will dredge the channel.</p><p>The towns will light the pier.</p></blockquote>\n\
         </article></body></html>\n",
    );
    for item in [
        "send storm warnings",
        "within one hour of a forecast;",
        "in both languages.",
        "review the plan",
        "every two years.",
        "The towns will pool their tugs.",
        "The towns will share a pilot boat.",
        "The towns will dredge the channel.",
        "The towns will light the pier.",
    ] {
        assert!(paras.iter().any(|p| p == item), "{item:?} in {paras:#?}");
    }
}

#[test]
fn a_list_item_opening_with_share_does_not_end_the_statement() {
    // A page's list item was plain text to the normalize stage: "share
    // flood data" read as a share bar, and everything after it as the
    // page's footer. As a bullet item, as in a text file, it is text.
    let (paras, removed) = normalized_page(
        "<html><body><article>\n\
         <p>The river councils met in Linz and adopted a flood plan.</p>\n\
         <p>The councils will:</p>\n\
         <ul><li>share flood data</li><li>restore the wetlands</li></ul>\n\
         <p>The councils will meet again next spring.</p>\n\
         </article></body></html>\n",
    );
    for item in [
        "share flood data",
        "restore the wetlands",
        "The councils will meet again next spring.",
    ] {
        assert!(
            paras.iter().any(|p| p == item),
            "{item:?} in {paras:#?}; removed: {removed}"
        );
    }
}
