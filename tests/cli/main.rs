//! The integration test binary: drives the real `pledgediff` executable.

mod common;
mod gold;
