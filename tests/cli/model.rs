//! `--model DIR`: the optional meaning model. Without the `model` feature
//! it is refused with the command that builds it; with the feature, a
//! folder it cannot use is refused with the file named. Neither runs the
//! comparison half-way.

use crate::common::{pledgediff, stderr_of, stdout_of};

const OLD: &str = "We pledged to coordinate international actions against drug trafficking.\n";
const NEW: &str =
    "The partners agreed to work together to widen global backing against narcotics smuggling.\n";

fn pair(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (old, new) = (dir.join("old.md"), dir.join("new.md"));
    std::fs::write(&old, OLD).expect("old written");
    std::fs::write(&new, NEW).expect("new written");
    (old, new)
}

#[cfg(not(feature = "model"))]
#[test]
fn without_the_model_feature_model_is_refused_with_the_build_command() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let (old, new) = pair(dir.path());
    let out = pledgediff()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .arg("--model")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("--features model"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(stdout_of(&out).is_empty());
}

#[cfg(feature = "model")]
#[test]
fn a_model_folder_without_its_weights_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let (old, new) = pair(dir.path());
    let model = dir.path().join("model");
    std::fs::create_dir(&model).expect("model folder");
    std::fs::write(model.join("config.json"), "{}").expect("config written");
    let out = pledgediff()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .arg("--model")
        .arg(&model)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("tokenizer.json: cannot load the meaning model: no such file"),
        "{err}"
    );
    assert!(stdout_of(&out).is_empty());
}
