//! The integration test binary: drives the real `pledgediff` executable.

mod add_arguments;
mod archive;
mod bad_input;
mod bullets_and_chrome;
mod citations;
mod common;
mod diff;
mod encodings;
mod gate;
mod genres;
mod gold;
mod grammar;
mod hostile_input;
mod html;
mod invisible_text;
mod model;
mod no_data_loss;
mod normalize;
#[cfg(unix)]
mod output_files;
mod properties;
mod report_markdown;
mod rewritten;
mod schemas;
mod snapshots;
#[cfg(unix)]
mod special_files;
#[cfg(unix)]
mod terminal;
mod terminal_injection;
mod verbatim;
