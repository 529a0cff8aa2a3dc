//! An optional sentence-meaning model: a second opinion for pledge pairing.
//!
//! The default pairing is lexical (idf-weighted stems, see
//! `pledge::matching`): fast, explainable, and blind to rewordings that
//! share no stems ("coordinate international actions" / "work together to
//! expand international support"). A sentence-embedding model reads those
//! as close. When a run has one (`--model DIR`), pairing averages the
//! lexical similarity with the cosine of the two pledges' embeddings and
//! uses its own floor (`matching.model_floor` in data/strength.yaml).
//!
//! This module holds the interface ([`Meaning`]) and the loader. The one
//! implementation, a BERT-style encoder (all-MiniLM-L6-v2 and its kin) run
//! on the CPU by candle, is compiled only with the `model` cargo feature,
//! so that the default build stays small and fast; without it, `--model`
//! is refused with the command that builds it. Weights come from a folder
//! the user provides; nothing is ever downloaded.

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

#[cfg(not(feature = "model"))]
use crate::error::Error;
use crate::error::Result;

#[cfg(feature = "model")]
mod bert;
#[cfg(feature = "model")]
pub use bert::BertMeaning;

/// A model that maps sentences to vectors whose cosine says how close in
/// meaning they are.
pub trait Meaning: Send + Sync {
    /// What the model is, for `--explain` (its folder, say).
    fn name(&self) -> &str;
    /// One unit-length vector per text, in order.
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>>;
}

/// A [`Meaning`] shared by a run, with each text's vector kept after its
/// first use: an archive compares every statement with two neighbours, and
/// a pledge need not be read twice.
#[derive(Clone)]
pub struct SharedMeaning {
    model: Arc<dyn Meaning>,
    seen: Arc<Mutex<FxHashMap<String, Arc<[f32]>>>>,
}

impl fmt::Debug for SharedMeaning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedMeaning")
            .field("model", &self.model.name())
            .finish_non_exhaustive()
    }
}

impl SharedMeaning {
    /// Wraps a model.
    pub fn new(model: Arc<dyn Meaning>) -> Self {
        SharedMeaning {
            model,
            seen: Arc::default(),
        }
    }

    /// The model's name.
    pub fn name(&self) -> &str {
        self.model.name()
    }

    /// The vectors of `texts`, in order, embedding only those not seen
    /// before (in one batch).
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Arc<[f32]>>> {
        let missing: Vec<&str> = {
            let seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
            let mut m: Vec<&str> = texts
                .iter()
                .copied()
                .filter(|t| !seen.contains_key(*t))
                .collect();
            m.sort_unstable();
            m.dedup();
            m
        };
        if !missing.is_empty() {
            let vectors = self.model.embed(&missing)?;
            let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
            for (t, v) in missing.iter().zip(vectors) {
                seen.insert((*t).to_string(), v.into());
            }
        }
        let seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        Ok(texts.iter().map(|t| seen[*t].clone()).collect())
    }
}

/// Cosine of two unit vectors (their dot product), clamped to 0..=1: a
/// negative cosine says no more about pairing than zero does.
pub fn cosine(a: &[f32], b: &[f32]) -> f64 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    f64::from(dot).clamp(0.0, 1.0)
}

/// Loads the model in folder `dir` (`config.json`, `tokenizer.json` and
/// `model.safetensors`, as a sentence-transformers folder has them).
#[cfg(feature = "model")]
pub fn load(dir: &Path) -> Result<SharedMeaning> {
    Ok(SharedMeaning::new(Arc::new(BertMeaning::load(dir)?)))
}

/// Without the `model` feature there is no model to load: says how to
/// build one that has it.
#[cfg(not(feature = "model"))]
pub fn load(dir: &Path) -> Result<SharedMeaning> {
    Err(Error::Usage(format!(
        "--model {}: this pledgediff was built without the `model` feature; \
         install one with it (`cargo install --path . --features model`) or leave out --model",
        crate::error::display_path(dir)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts the texts it is asked to embed.
    struct Counting(Mutex<usize>);

    impl Meaning for Counting {
        fn name(&self) -> &str {
            "counting"
        }
        fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
            *self.0.lock().unwrap() += texts.len();
            Ok(texts.iter().map(|t| vec![t.len() as f32, 1.0]).collect())
        }
    }

    #[test]
    fn a_text_seen_before_is_not_embedded_again() {
        let model = Arc::new(Counting(Mutex::new(0)));
        let shared = SharedMeaning::new(model.clone());
        let first = shared
            .embed(&["we support", "we oppose", "we support"])
            .unwrap();
        assert_eq!(*model.0.lock().unwrap(), 2);
        assert_eq!(first[0], first[2]);
        let again = shared.embed(&["we oppose", "we condemn"]).unwrap();
        assert_eq!(*model.0.lock().unwrap(), 3);
        assert_eq!(again[0], first[1]);
    }

    #[test]
    fn cosine_of_opposed_vectors_is_zero_not_negative() {
        assert_eq!(cosine(&[1.0, 0.0], &[-1.0, 0.0]), 0.0);
        assert!((cosine(&[0.6, 0.8], &[0.6, 0.8]) - 1.0).abs() < 1e-6);
    }

    #[cfg(not(feature = "model"))]
    #[test]
    fn without_the_feature_a_model_folder_is_refused_with_the_build_command() {
        let e = load(Path::new("models/minilm")).unwrap_err().to_string();
        assert!(e.contains("--features model"), "{e}");
        assert!(e.contains("models/minilm"), "{e}");
    }
}
