//! The `model` feature's [`Meaning`]: a BERT-style sentence encoder
//! (all-MiniLM-L6-v2 and models of its shape) on the CPU.
//!
//! candle-transformers supplies the encoder and the tokenizers crate the
//! WordPiece tokenizer, both read from a sentence-transformers folder.
//! A sentence's vector is the mean of its tokens' last hidden states
//! (padding left out), scaled to unit length: the pooling those models
//! were trained with.

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{PaddingParams, Tokenizer, TruncationParams};

use super::Meaning;
use crate::error::{Error, Location, Result};

/// Longest input in tokens when the folder does not say
/// (`sentence_bert_config.json`'s `max_seq_length`): all-MiniLM-L6-v2 was
/// trained on at most 256, and a pledge is far shorter.
const DEFAULT_MAX_TOKENS: usize = 256;

/// Texts encoded together: larger batches pad more and gain nothing on a
/// CPU.
const BATCH: usize = 32;

/// A loaded encoder with its tokenizer.
pub struct BertMeaning {
    name: String,
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
}

/// The error for a model folder's file that cannot be used.
fn unusable(path: &Path, problem: impl std::fmt::Display) -> Error {
    Error::data(
        Location::file(crate::error::display_path(path)),
        format!("cannot load the meaning model: {problem}"),
        "give --model a sentence-transformers folder holding config.json, tokenizer.json \
         and model.safetensors (see docs/model.md)",
    )
}

fn file_in(dir: &Path, name: &str) -> Result<PathBuf> {
    let path = dir.join(name);
    if path.is_file() {
        Ok(path)
    } else {
        Err(unusable(&path, "no such file"))
    }
}

impl BertMeaning {
    /// Loads the encoder in `dir`.
    pub fn load(dir: &Path) -> Result<Self> {
        if !dir.exists() {
            return Err(unusable(dir, "no such folder"));
        }
        if !dir.is_dir() {
            return Err(unusable(dir, "not a folder"));
        }
        let config_path = file_in(dir, "config.json")?;
        let tokenizer_path = file_in(dir, "tokenizer.json")?;
        let weights_path = file_in(dir, "model.safetensors")?;

        let text = std::fs::read_to_string(&config_path)
            .map_err(|e| Error::io(&crate::error::display_path(&config_path), e))?;
        let config: Config = serde_json::from_str(&text).map_err(|e| unusable(&config_path, e))?;
        let max_tokens = max_tokens(dir).min(config.max_position_embeddings);

        let mut tokenizer =
            Tokenizer::from_file(&tokenizer_path).map_err(|e| unusable(&tokenizer_path, e))?;
        tokenizer.with_padding(Some(PaddingParams::default()));
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: max_tokens,
                ..Default::default()
            }))
            .map_err(|e| unusable(&tokenizer_path, e))?;
        let vocab = tokenizer.get_vocab_size(true);
        if vocab > config.vocab_size {
            return Err(unusable(
                &tokenizer_path,
                format!(
                    "the tokenizer knows {vocab} tokens but config.json's vocab_size is {}",
                    config.vocab_size
                ),
            ));
        }

        let device = Device::Cpu;
        // SAFETY: the weights file is mapped read-only for the life of the
        // model; like every memory map it assumes no other process
        // truncates the file meanwhile, which is the user's own folder.
        let vb =
            unsafe { VarBuilder::from_mmaped_safetensors(&[&weights_path], DType::F32, &device) }
                .map_err(|e| unusable(&weights_path, e))?;
        let model = BertModel::load(vb, &config).map_err(|e| unusable(&weights_path, e))?;
        Ok(BertMeaning {
            name: crate::error::display_path(dir),
            model,
            tokenizer,
            device,
        })
    }

    fn embed_batch(&self, texts: &[&str]) -> candle_core::Result<Vec<Vec<f32>>> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(candle_core::Error::msg)?;
        let rows = |f: &dyn Fn(&tokenizers::Encoding) -> Vec<u32>| -> candle_core::Result<Tensor> {
            let rows: Vec<Tensor> = encodings
                .iter()
                .map(|e| Tensor::new(f(e).as_slice(), &self.device))
                .collect::<candle_core::Result<_>>()?;
            Tensor::stack(&rows, 0)
        };
        let ids = rows(&|e| e.get_ids().to_vec())?;
        let types = rows(&|e| e.get_type_ids().to_vec())?;
        let mask = rows(&|e| e.get_attention_mask().to_vec())?;
        let hidden = self.model.forward(&ids, &types, Some(&mask))?;
        // Mean over the real tokens only.
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
        let counts = mask.sum(1)?.clamp(1e-9f32, f32::MAX)?;
        let mean = summed.broadcast_div(&counts)?;
        let norm = mean
            .sqr()?
            .sum_keepdim(1)?
            .sqrt()?
            .clamp(1e-12f32, f32::MAX)?;
        mean.broadcast_div(&norm)?.to_vec2::<f32>()
    }
}

/// `max_seq_length` of the folder's `sentence_bert_config.json`, if it has
/// one.
fn max_tokens(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("sentence_bert_config.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v.get("max_seq_length")?.as_u64())
        .map_or(DEFAULT_MAX_TOKENS, |n| n as usize)
}

impl Meaning for BertMeaning {
    fn name(&self) -> &str {
        &self.name
    }

    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let mut out = Vec::with_capacity(texts.len());
        for chunk in texts.chunks(BATCH) {
            out.extend(self.embed_batch(chunk).map_err(|e| {
                Error::Usage(format!("{}: the meaning model failed: {e}", self.name))
            })?);
        }
        Ok(out)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::meaning::cosine;

    /// The words of the tiny model's vocabulary, after its special tokens.
    const WORDS: &[&str] = &[
        "we",
        "the",
        "ministers",
        "support",
        "oppose",
        "plan",
        "fund",
        "will",
        "continue",
        "to",
        "and",
        "work",
        "together",
        ".",
        ",",
        "##s",
    ];

    /// Writes a tiny BERT sentence encoder (random weights, 16 hidden
    /// units, one layer) in the layout of a sentence-transformers folder:
    /// enough to test loading and pooling without shipping a real model.
    pub(crate) fn write_tiny_model(dir: &Path) {
        let specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"];
        let vocab: Vec<&str> = specials.iter().chain(WORDS).copied().collect();
        let hidden = 16;
        let config = serde_json::json!({
            "vocab_size": vocab.len(), "hidden_size": hidden, "num_hidden_layers": 1,
            "num_attention_heads": 2, "intermediate_size": 32, "hidden_act": "gelu",
            "hidden_dropout_prob": 0.0, "max_position_embeddings": 64, "type_vocab_size": 2,
            "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0,
            "model_type": "bert"
        });
        std::fs::write(dir.join("config.json"), config.to_string()).unwrap();

        let ids: serde_json::Map<String, serde_json::Value> = vocab
            .iter()
            .enumerate()
            .map(|(i, w)| (w.to_string(), serde_json::json!(i)))
            .collect();
        let added: Vec<serde_json::Value> = specials
            .iter()
            .enumerate()
            .map(|(i, s)| {
                serde_json::json!({"id": i, "content": s, "single_word": false, "lstrip": false,
                    "rstrip": false, "normalized": false, "special": true})
            })
            .collect();
        let tokenizer = serde_json::json!({
            "version": "1.0", "truncation": null, "padding": null, "added_tokens": added,
            "normalizer": {"type": "BertNormalizer", "clean_text": true,
                "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
            "pre_tokenizer": {"type": "BertPreTokenizer"},
            "post_processor": {"type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                           {"Sequence": {"id": "A", "type_id": 0}},
                           {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                "pair": [{"Sequence": {"id": "A", "type_id": 0}},
                         {"Sequence": {"id": "B", "type_id": 1}}],
                "special_tokens": {
                    "[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                    "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
            "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
            "model": {"type": "WordPiece", "unk_token": "[UNK]",
                "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
                "vocab": ids}
        });
        std::fs::write(dir.join("tokenizer.json"), tokenizer.to_string()).unwrap();

        // Deterministic pseudo-random weights: a small linear congruential
        // sequence, so that every run of the test sees the same model.
        let mut state: u32 = 12345;
        let mut next = move || {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            ((state >> 8) as f32 / (1u32 << 24) as f32 - 0.5) * 0.4
        };
        let dev = Device::Cpu;
        let mut tensors: HashMap<String, Tensor> = HashMap::new();
        let mut put = |name: &str, shape: &[usize], constant: Option<f32>| {
            let n: usize = shape.iter().product();
            let data: Vec<f32> = (0..n).map(|_| constant.unwrap_or_else(&mut next)).collect();
            tensors.insert(
                name.to_string(),
                Tensor::from_vec(data, shape, &dev).unwrap(),
            );
        };
        let v = vocab.len();
        put("embeddings.word_embeddings.weight", &[v, hidden], None);
        put("embeddings.position_embeddings.weight", &[64, hidden], None);
        put(
            "embeddings.token_type_embeddings.weight",
            &[2, hidden],
            None,
        );
        put("embeddings.LayerNorm.weight", &[hidden], Some(1.0));
        put("embeddings.LayerNorm.bias", &[hidden], Some(0.0));
        let l = "encoder.layer.0";
        for m in [
            "attention.self.query",
            "attention.self.key",
            "attention.self.value",
            "attention.output.dense",
        ] {
            put(&format!("{l}.{m}.weight"), &[hidden, hidden], None);
            put(&format!("{l}.{m}.bias"), &[hidden], Some(0.0));
        }
        put(
            &format!("{l}.attention.output.LayerNorm.weight"),
            &[hidden],
            Some(1.0),
        );
        put(
            &format!("{l}.attention.output.LayerNorm.bias"),
            &[hidden],
            Some(0.0),
        );
        put(
            &format!("{l}.intermediate.dense.weight"),
            &[32, hidden],
            None,
        );
        put(&format!("{l}.intermediate.dense.bias"), &[32], Some(0.0));
        put(&format!("{l}.output.dense.weight"), &[hidden, 32], None);
        put(&format!("{l}.output.dense.bias"), &[hidden], Some(0.0));
        put(
            &format!("{l}.output.LayerNorm.weight"),
            &[hidden],
            Some(1.0),
        );
        put(&format!("{l}.output.LayerNorm.bias"), &[hidden], Some(0.0));
        candle_core::safetensors::save(&tensors, dir.join("model.safetensors")).unwrap();
    }

    fn tiny() -> (tempfile::TempDir, BertMeaning) {
        let dir = tempfile::tempdir().unwrap();
        write_tiny_model(dir.path());
        let model = BertMeaning::load(dir.path()).unwrap();
        (dir, model)
    }

    #[test]
    fn a_tiny_model_gives_one_unit_vector_per_text() {
        let (_dir, model) = tiny();
        let v = model
            .embed(&["We support the plan.", "We oppose the fund."])
            .unwrap();
        assert_eq!(v.len(), 2);
        for x in &v {
            assert_eq!(x.len(), 16);
            let norm: f32 = x.iter().map(|a| a * a).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
        }
        assert!(cosine(&v[0], &v[1]) < 0.9999, "two texts, one vector");
    }

    #[test]
    fn padding_beside_a_longer_text_does_not_change_a_vector() {
        let (_dir, model) = tiny();
        let alone = model.embed(&["We support the plan."]).unwrap();
        let batch = model
            .embed(&[
                "We support the plan.",
                "The ministers will continue to work together and support the funds.",
            ])
            .unwrap();
        for (a, b) in alone[0].iter().zip(&batch[0]) {
            assert!((a - b).abs() < 1e-4, "{:?} vs {:?}", alone[0], batch[0]);
        }
    }

    #[test]
    fn the_same_text_gives_the_same_vector_and_case_does_not_matter() {
        let (_dir, model) = tiny();
        let v = model
            .embed(&["We support the plan.", "WE SUPPORT THE PLAN."])
            .unwrap();
        assert!((cosine(&v[0], &v[1]) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn a_folder_without_weights_names_the_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        write_tiny_model(dir.path());
        std::fs::remove_file(dir.path().join("model.safetensors")).unwrap();
        let e = BertMeaning::load(dir.path()).err().unwrap().to_string();
        assert!(
            e.contains("model.safetensors: cannot load the meaning model: no such file"),
            "{e}"
        );
        assert!(e.contains("docs/model.md"), "{e}");
    }

    #[test]
    fn weights_of_another_shape_are_refused_not_run() {
        let dir = tempfile::tempdir().unwrap();
        write_tiny_model(dir.path());
        let path = dir.path().join("config.json");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replace("\"hidden_size\":16", "\"hidden_size\":32"),
        )
        .unwrap();
        let e = BertMeaning::load(dir.path()).err().unwrap().to_string();
        assert!(
            e.contains("model.safetensors: cannot load the meaning model"),
            "{e}"
        );
    }

    #[test]
    fn a_file_or_a_missing_folder_given_for_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        write_tiny_model(dir.path());
        let e = BertMeaning::load(&dir.path().join("config.json"))
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("not a folder"), "{e}");
        let e = BertMeaning::load(&dir.path().join("minilm"))
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains("minilm: cannot load the meaning model: no such folder"),
            "{e}"
        );
    }
}
