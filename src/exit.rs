//! Exit statuses, in one place: 0 no substantive change, 1 changes found
//! (or a check failed), 2 error (also when statements could not be read
//! and were left out of an otherwise written output). A closed output pipe
//! is not an error: `diff` and `check` keep the status they would have had
//! (see `run`), anything else that meets one exits 0.

use crate::{Error, Outcome};

/// No substantive change.
pub const CLEAN: u8 = 0;
/// Changes found.
pub const CHANGES: u8 = 1;
/// Usage, input or I/O error.
pub const ERROR: u8 = 2;

/// Maps a run's result to an exit status, printing the error (one line, on
/// standard error) when there is one.
pub fn status(result: Result<Outcome, Error>) -> u8 {
    match result {
        Ok(Outcome::Clean) => CLEAN,
        Ok(Outcome::Changes) => CHANGES,
        Ok(Outcome::Incomplete(n)) => {
            // Each was named on standard error as it was met.
            eprintln!(
                "pledgediff: error: {n} statement file(s) could not be read and are left out \
                 (named above); fix or remove them and run again"
            );
            ERROR
        }
        Err(e) if e.is_broken_pipe() => CLEAN,
        Err(e) => {
            // Escaped: a message can quote a file name or a statement's
            // text, and must stay one line that cannot drive the terminal.
            eprintln!(
                "pledgediff: error: {}",
                crate::escape::visible(&e.to_string())
            );
            ERROR
        }
    }
}
