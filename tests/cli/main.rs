//! The integration test binary: drives the real `pledgediff` executable.

mod archive;
mod bad_input;
mod common;
mod diff;
mod gold;
mod normalize;
mod properties;
mod snapshots;
