//! The pager, in the binary only: output a person reads on a terminal
//! goes through `$PAGER`, or `less -FRX` when it is unset, as git's does.
//!
//! The pager is started with the first byte of output, so an error that
//! comes before any output is printed on the terminal as usual. Its exit
//! status is ignored: the process exits with the run's (0, 1 or 2), even
//! when the reader quits the pager early.

use std::ffi::{OsStr, OsString};
use std::io::{self, Write};
use std::process::{Child, ChildStdin, Command, Stdio};

/// Which pager to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// `less -FRX`: quit if one screen holds it all, pass colors, leave
    /// the text on the screen.
    Less,
    /// `$PAGER`, run by the shell (it may carry its own options).
    Shell(OsString),
}

/// Decides the pager: none unless the command pages (no `--no-pager`)
/// and standard output is a terminal; none when `PAGER` is empty or
/// `cat`; `PAGER` when set; else `less -FRX`.
pub fn choose(pages: bool, terminal: bool, pager: Option<&OsStr>) -> Option<Choice> {
    if !pages || !terminal || cfg!(not(unix)) {
        return None;
    }
    match pager {
        None => Some(Choice::Less),
        Some(p) => {
            let p = p.to_string_lossy();
            match p.trim() {
                "" | "cat" => None,
                _ => Some(Choice::Shell(pager?.to_os_string())),
            }
        }
    }
}

/// Standard output through a pager started at the first write.
pub struct Pager {
    choice: Choice,
    started: bool,
    child: Option<Child>,
    input: Option<ChildStdin>,
}

impl Pager {
    /// A pager not started yet.
    pub fn new(choice: Choice) -> Self {
        Pager {
            choice,
            started: false,
            child: None,
            input: None,
        }
    }

    fn start(&mut self) {
        if self.started {
            return;
        }
        self.started = true;
        let mut cmd = match &self.choice {
            Choice::Less => {
                let mut c = Command::new("less");
                c.arg("-FRX");
                c
            }
            Choice::Shell(p) => {
                let mut c = Command::new("sh");
                c.arg("-c").arg(p);
                c
            }
        };
        // As git does: a `less` named in PAGER without options still
        // passes colors and quits on a short text.
        if std::env::var_os("LESS").is_none() {
            cmd.env("LESS", "FRX");
        }
        cmd.stdin(Stdio::piped());
        // Without a pager to start (no `less` installed), the output goes
        // to standard output as it would have.
        if let Ok(mut child) = cmd.spawn() {
            self.input = child.stdin.take();
            self.child = Some(child);
        }
    }

    /// Closes the pager's input and waits for the reader to quit it.
    pub fn finish(mut self) {
        drop(self.input.take());
        if let Some(mut child) = self.child.take() {
            let _ = child.wait();
        }
    }
}

impl Write for Pager {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.start();
        match &mut self.input {
            Some(input) => input.write(buf),
            None => io::stdout().write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.input {
            Some(input) => input.flush(),
            None => io::stdout().flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(s: &str) -> Option<&OsStr> {
        Some(OsStr::new(s))
    }

    #[cfg(unix)]
    #[test]
    fn a_terminal_gets_pager_or_less() {
        assert_eq!(choose(true, true, None), Some(Choice::Less));
        assert_eq!(
            choose(true, true, os("most -s")),
            Some(Choice::Shell("most -s".into()))
        );
    }

    #[test]
    fn no_pager_without_a_terminal_or_with_no_pager() {
        assert_eq!(choose(true, false, None), None);
        assert_eq!(choose(true, false, os("less")), None);
        assert_eq!(choose(false, true, None), None);
        assert_eq!(choose(false, true, os("less")), None);
    }

    #[test]
    fn an_empty_pager_or_cat_means_none() {
        for p in ["", "  ", "cat", " cat "] {
            assert_eq!(choose(true, true, os(p)), None, "PAGER={p:?}");
        }
    }

    #[test]
    fn a_pager_that_cannot_start_leaves_output_to_stdout() {
        let mut p = Pager::new(Choice::Less);
        p.started = true; // as after a failed start
        assert!(p.input.is_none());
        p.flush().unwrap();
        p.finish();
    }
}
