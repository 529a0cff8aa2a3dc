//! A `--lexicon` file's `grammar:` lists change how clauses are read.

use crate::common::{pledgediff, stdout_of};

/// The pledges `pledges --format json` finds in `text`, as (actor, verb)
/// pairs, with the lexicon file holding `lexicon` when there is one.
fn actors_and_verbs(text: &str, lexicon: Option<&str>) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().expect("temporary directory");
    let statement = dir.path().join("statement.txt");
    std::fs::write(&statement, text).expect("statement written");
    let mut cmd = pledgediff();
    cmd.args(["pledges", "--format", "json"]).arg(&statement);
    if let Some(yaml) = lexicon {
        let file = dir.path().join("mine.yaml");
        std::fs::write(&file, yaml).expect("lexicon written");
        cmd.arg("--lexicon").arg(&file);
    }
    let out = cmd.output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&out)).expect("JSON");
    json["pledges"]
        .as_array()
        .expect("a list of pledges")
        .iter()
        .map(|p| {
            (
                p["actor"].as_str().unwrap_or_default().to_string(),
                p["verb"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_user_grammar_list_makes_a_permission_a_pledge() {
    // "may" said by someone who pledges nothing else weighs a risk ("such
    // acts may undermine …"), unless the actor is a body a charter
    // empowers. A tribunal is not one of the built-in bodies.
    let text = "The Tribunal may publish its findings.\n";
    assert_eq!(actors_and_verbs(text, None), []);
    // Named as an empowered body, its "may" grants a power: a pledge.
    let mine = "grammar:\n  empowered: [tribunal]\n";
    assert_eq!(
        actors_and_verbs(text, Some(mine)),
        [("The Tribunal".to_string(), "may".to_string())]
    );
}

#[test]
fn a_user_grammar_list_makes_a_passive_the_speakers_stance() {
    // "is" before a verb form makes a passive, nobody's pledge, unless the
    // form is an adjective of stance after "be" ("is committed").
    // "recognized" is no such adjective by default…
    let text = "The Board is recognized as the authority on audits.\n";
    assert_eq!(actors_and_verbs(text, None), []);
    // …a user who reads it as one gets the Board's stance.
    let mine = "grammar:\n  stative: [recognized]\n";
    assert_eq!(
        actors_and_verbs(text, Some(mine)),
        [("The Board".to_string(), "recognized".to_string())]
    );
}
