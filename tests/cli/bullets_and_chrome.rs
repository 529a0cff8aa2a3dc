//! Bullet items are statement text, news-site chrome around a statement
//! is not, and a page's text is never read as Markdown.

use std::path::Path;

use crate::bad_input::input;
use crate::common::{pledgediff, stderr_of, stdout_of};
use pledgediff::render::json::NormalizeView;

fn normalize_view(path: &Path) -> NormalizeView {
    let out = pledgediff()
        .args(["normalize", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn texts(view: &NormalizeView) -> Vec<String> {
    view.paragraphs.iter().map(|p| p.text.clone()).collect()
}

/// Diffs OLD against OLD with "deepen cooperation" made "end cooperation".
fn diff_deepen_to_end(old: &str) -> std::process::Output {
    assert!(old.contains("deepen cooperation"));
    let new = old.replace("deepen cooperation", "end cooperation");
    let (_o, old_path) = input("old.md", old.as_bytes());
    let (_n, new_path) = input("new.md", new.as_bytes());
    diff(&old_path, &new_path)
}

/// `pledgediff diff OLD NEW`, text output.
fn diff(old: &Path, new: &Path) -> std::process::Output {
    pledgediff().arg("diff").arg(old).arg(new).output().unwrap()
}

#[test]
fn a_changed_pledge_in_a_bullet_item_is_reported() {
    // Regression: "- deepen cooperation ..., and" was taken for a heading
    // (short, unpunctuated, one line), so "deepen" -> "end" gave no
    // pledge change and exit 0.
    let layouts = [
        // Between the lead-in and closing prose.
        "The Ministers reaffirmed the Alliance and decided to:\n\n\
         {b} deepen cooperation on maritime security in the region, and\n\
         {b} strengthen deterrence through joint exercises.\n\n\
         They will meet again next year.\n",
        // The list ends the statement.
        "The Ministers reaffirmed their commitment to the Alliance and decided to:\n\n\
         {b} deepen cooperation on maritime security in the region, and\n\
         {b} strengthen deterrence\n",
        // A short lead-in; the list opens the statement, prose follows.
        "The Ministers will:\n\n\
         {b} deepen cooperation on maritime security\n\
         {b} strengthen deterrence\n\n\
         They reaffirmed the Alliance as the cornerstone of peace and stability in the region.\n",
    ];
    for layout in layouts {
        for bullet in ["-", "*", "+", "\u{2022}"] {
            let old = format!(
                "---\ndate: 2019-04-19\n---\n{}",
                layout.replace("{b}", bullet)
            );
            let out = diff_deepen_to_end(&old);
            let text = stdout_of(&out);
            assert_eq!(out.status.code(), Some(1), "{bullet} in {layout}: {text}");
            assert!(
                text.contains("modified") && text.contains("deepen -> end"),
                "{bullet} in {layout}: {text}"
            );
        }
    }
}

#[test]
fn bullet_items_are_paragraphs_not_headings_or_chrome() {
    let (_d, path) = input(
        "s.md",
        "---\ndate: 2019-04-19\n---\n\
         The Ministers reaffirmed the Alliance and decided to:\n\n\
         - deepen cooperation on maritime security in the region, and\n\
         - strengthen deterrence through joint exercises\n"
            .as_bytes(),
    );
    let view = normalize_view(&path);
    let texts = texts(&view);
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts[1].starts_with("deepen cooperation"), "{texts:?}");
    assert!(texts[2].starts_with("strengthen deterrence"), "{texts:?}");
    assert_eq!(view.paragraphs[1].label.as_deref(), Some("-"));
}

#[test]
fn link_lists_and_short_bullets_in_page_chrome_are_still_removed() {
    let (_d, path) = input(
        "page.txt",
        "- Home\n- World\n- Politics\n\n\
         Ministers meet in Oslo\n\n\
         The Foreign Ministers met in Oslo and reaffirmed their shared commitment to the rules-based order.\n\n\
         The Ministers will meet again in Helsinki next spring.\n\n\
         More stories\n\n\
         - Fishing talks stall again as deadline nears\n\
         - Coast guards hold drill in the Barents Sea\n"
            .as_bytes(),
    );
    let texts = texts(&normalize_view(&path));
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[0].starts_with("The Foreign Ministers"), "{texts:?}");
}

#[test]
fn an_editors_note_before_the_statement_is_chrome_however_it_ends() {
    for note in [
        "Below is the full text of the communique issued by the leaders at the close of the summit on Sunday.",
        "The following statement was issued by the two governments on Friday, and its text is reproduced here. Here is the statement issued in Oslo.",
        "Leaders met for two days; this is the text of the declaration issued at the end, as provided by the host.",
    ] {
        let page = format!(
            "World news\n\n{note}\n\n\
             The Foreign Ministers met in Oslo and reaffirmed their shared commitment to the rules-based order.\n\n\
             The Ministers will meet again in Helsinki next spring.\n"
        );
        let (_d, path) = input("page.txt", page.as_bytes());
        let view = normalize_view(&path);
        let texts = texts(&view);
        assert_eq!(texts.len(), 2, "{note}: {texts:?}");
        assert!(texts[0].starts_with("The Foreign Ministers"), "{note}: {texts:?}");
        assert!(
            view.removed.iter().any(|r| r.why.contains("editor's note")),
            "{note}"
        );
    }
}

#[test]
fn a_statement_that_itself_recalls_an_issued_communique_keeps_that_paragraph() {
    // The editor's note is the page's first prose; the same words later
    // in a statement are its text.
    let (_d, path) = input(
        "s.md",
        "The Foreign Ministers met in Oslo and reaffirmed their shared commitment to the rules-based order.\n\n\
         They recalled the full text of the communique issued in Lisbon and will implement it in full.\n"
            .as_bytes(),
    );
    assert_eq!(texts(&normalize_view(&path)).len(), 2);
    // Nor is a first paragraph that recalls earlier texts an editor's note.
    let (_d, path) = input(
        "s.md",
        "Recalling the joint statement issued in Tokyo in 2015 and the communique released in 2017, the Ministers will deepen cooperation.\n\n\
         They will meet again next year in Washington to review progress.\n"
            .as_bytes(),
    );
    assert_eq!(texts(&normalize_view(&path)).len(), 2);
}

#[test]
fn read_more_teasers_and_newsletter_boxes_inside_the_text_are_removed() {
    let teasers = [
        // Short: once a closing marker, which dropped the rest of the text.
        "Read more: Fishing row deepens",
        "RELATED: Oslo talks stall",
        "Read more: Oslo meeting comes after months of tension over fishing rights in the northern waters, officials say",
        "READ ALSO: Why the Barents Sea matters more than ever to the two countries and their fishing fleets",
        "Sign up for our morning briefing and get the most important diplomatic news of the day, every day.",
        "Want the latest from our correspondents? Subscribe to our newsletter and get every story delivered to your inbox.",
    ];
    for teaser in teasers {
        let page = format!(
            "The Foreign Ministers met in Oslo and reaffirmed their shared commitment to the rules-based order.\n\n\
             {teaser}\n\n\
             The Ministers will deepen cooperation on fisheries management in the Barents Sea.\n\n\
             The Ministers will meet again in Helsinki next spring.\n"
        );
        let (_d, path) = input("page.txt", page.as_bytes());
        let view = normalize_view(&path);
        let texts = texts(&view);
        assert_eq!(texts.len(), 3, "{teaser}: {texts:?}");
        assert!(
            view.removed
                .iter()
                .any(|r| r.why.contains("teaser or newsletter")),
            "{teaser}"
        );
    }
}

#[test]
fn text_from_html_is_not_read_as_markdown() {
    // Regression: "3*4 and 5*6" on a page became "34 and 56".
    let page = "<html><body>\
        <p>The Ministers agreed that 3*4 and 5*6 are the figures for the year ahead.</p>\
        <p># 5 of the partners will contribute _extra_ funds [to the fund](soon) \\o/.</p>\
        </body></html>";
    let (_d, path) = input("page.html", page.as_bytes());
    assert_eq!(
        texts(&normalize_view(&path)),
        [
            "The Ministers agreed that 3*4 and 5*6 are the figures for the year ahead.",
            "# 5 of the partners will contribute _extra_ funds [to the fund](soon) \\o/.",
        ]
    );
    // The same text in a Markdown file is Markdown.
    let (_m, md) = input(
        "s.md",
        b"The Ministers agreed that *this* matters for the year ahead.\n",
    );
    assert_eq!(
        texts(&normalize_view(&md)),
        ["The Ministers agreed that this matters for the year ahead."]
    );
}

#[test]
fn a_page_and_its_markdown_text_diff_as_text() {
    // The old statement a page, the new one the same words: only a real
    // change shows.
    let (_o, old) = input(
        "old.html",
        b"<html><body><p>The Parties will contribute 3*4 million to the fund each year.</p></body></html>",
    );
    let (_n, new) = input(
        "new.html",
        b"<html><body><p>The Parties will contribute 5*6 million to the fund each year.</p></body></html>",
    );
    let out = diff(&old, &new);
    let text = stdout_of(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("3*4") && text.contains("5*6"), "{text}");
}
