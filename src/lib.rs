//! pledgediff: track how successive joint statements change.
//!
//! The library is one pipeline, one module per stage, data flowing one way:
//!
//! [`read`] → [`normalize`] → [`segment`] → [`align`] → [`diff`] →
//! [`pledge`] (extract and classify) → [`render`].
//!
//! [`lexicon`] (with [`grammar`] and [`quantities`], its word lists) is
//! reference data shared by the segment and pledge stages, and carries the
//! optional sentence-meaning model of [`meaning`];
//! [`pipeline`] loads, prepares and compares statements; [`config`] holds
//! a validated command (the binary turns flags into one); [`command`]
//! executes it; [`exit`] maps its outcome to a process exit status.
//! [`archive`] runs the pipeline over a folder of series; [`output`] is the
//! one place that writes files (`report -o`, `add`); [`escape`] keeps what
//! is shown on a terminal from driving it.
//!
//! This file only declares the modules and re-exports the pipeline's entry
//! points; what runs lives in [`pipeline`] and [`command`]. The library
//! returns values and typed errors: flags (clap), the pager, progress bars,
//! completions and man pages belong to the binary (`src/main.rs` and its
//! `src/cli/`).
//!
//! Dependency order (each module uses only modules before it; checked by
//! `tests/module_graph.rs`, test modules aside):
//!
//! [`error`] → [`escape`] → [`read`] → [`grammar`] → [`quantities`] →
//! [`meaning`] → [`lexicon`] → [`normalize`] → [`segment`] → [`align`] → [`diff`] →
//! [`pledge`] → [`pipeline`] → [`output`] → [`archive`] → [`render`] →
//! [`config`] → [`command`] → [`exit`]
#![warn(missing_docs)]

pub mod align;
pub mod archive;
pub mod command;
pub mod config;
pub mod diff;
pub mod error;
pub mod escape;
pub mod exit;
pub mod grammar;
pub mod lexicon;
pub mod meaning;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod pledge;
pub mod quantities;
pub mod read;
pub mod render;
pub mod segment;

pub use command::{run, run_into, run_to, NoProgress, Outcome, Progress};
pub use error::{Error, Result};
pub use pipeline::{
    compare, compare_files, compare_prepared, lexicon_for, load, prepare, try_prepare, Comparison,
    DEFAULT_MAX_STATEMENT_BYTES, MAX_PARAGRAPH_BYTES,
};
