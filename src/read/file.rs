//! Getting an input's bytes safely: every statement, lexicon and rules file
//! is read here, and only a regular file (or standard input) is read, never
//! more than [`MAX_INPUT_BYTES`].
//!
//! pledgediff runs unattended in CI on whatever arrives, so a name must not
//! be able to make it hang or exhaust memory: a FIFO would block `open`
//! until a writer came, and `/dev/zero` or `/dev/urandom` never end. The
//! kind of file is checked before opening, the open itself cannot block
//! (`O_NONBLOCK`), and the opened file is checked again, so a file swapped
//! for a FIFO in between is refused too.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use crate::error::{display_path, Error, Location, Result};

/// Inputs larger than this are refused: the tool reads whole statements,
/// and no real statement (or lexicon, or rules file) comes near it. One
/// cap for every read, standard input included.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Reads a whole input: `-` is standard input, anything else must be a
/// regular file (a symbolic link to one is fine). Refuses directories,
/// FIFOs, devices and sockets, and anything over [`MAX_INPUT_BYTES`].
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    read_capped(path, MAX_INPUT_BYTES)
}

/// [`read_input`] with a given cap (tests use a small one).
pub(crate) fn read_capped(path: &Path, cap: usize) -> Result<Vec<u8>> {
    let name = display_path(path);
    if path.as_os_str() == "-" {
        return read_all(std::io::stdin().lock(), &name, cap);
    }
    let meta = std::fs::metadata(path).map_err(|e| Error::io(&name, e))?;
    refuse_non_file(&name, &meta)?;
    if meta.len() > cap as u64 {
        return Err(too_large(&name, cap));
    }
    let file = open_nonblocking(path).map_err(|e| Error::io(&name, e))?;
    // The name may now point at something else than what was checked.
    let meta = file.metadata().map_err(|e| Error::io(&name, e))?;
    refuse_non_file(&name, &meta)?;
    read_all(file, &name, cap)
}

/// Reads at most `cap` bytes, refusing the input when there are more; a
/// file that grows while it is read cannot get past the cap either.
fn read_all(reader: impl Read, name: &str, cap: usize) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    reader
        .take(cap as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(name, e))?;
    if buf.len() > cap {
        return Err(too_large(name, cap));
    }
    Ok(buf)
}

/// The error for an input over the cap.
pub(crate) fn too_large(name: &str, cap: usize) -> Error {
    let size = if cap >= 1024 * 1024 {
        format!("{} MiB", cap / (1024 * 1024))
    } else {
        format!("{cap} bytes")
    };
    Error::bad_input(
        Location::file(name),
        format!("larger than {size}"),
        "split the file; no statement is this large",
    )
}

/// What kind of file `meta` describes, when it is not a regular file.
pub fn file_kind(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

fn refuse_non_file(name: &str, meta: &Metadata) -> Result<()> {
    match file_kind(meta) {
        None => Ok(()),
        Some("a directory") => Err(Error::bad_input(
            Location::file(name),
            "is a directory, not a file",
            "name a .md or .txt file inside it",
        )),
        Some(kind) => Err(Error::bad_input(
            Location::file(name),
            format!("is {kind}, not a regular file"),
            "give a regular file, or pipe the text to standard input as `-`",
        )),
    }
}

/// Opens for reading without ever blocking in `open` (a FIFO with no
/// writer would block there forever).
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    opts.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(path: &Path) -> String {
        read_input(path).unwrap_err().to_string()
    }

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.md");
        std::fs::write(&p, b"The Ministers met.\n").unwrap();
        assert_eq!(read_input(&p).unwrap(), b"The Ministers met.\n");
    }

    #[test]
    fn a_file_over_the_cap_is_refused_by_size() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.md");
        std::fs::write(&p, b"0123456789").unwrap();
        assert_eq!(read_capped(&p, 10).unwrap().len(), 10);
        let e = read_capped(&p, 9).unwrap_err().to_string();
        assert!(e.contains("larger than 9 bytes"), "{e}");
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(err(dir.path()).contains("is a directory"));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("2019-04-19.md");
        let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
        // SAFETY: `c` is a valid NUL-terminated path.
        if unsafe { libc::mkfifo(c.as_ptr(), 0o600) } != 0 {
            eprintln!("skipped: cannot make a FIFO here");
            return;
        }
        let e = err(&p);
        assert!(e.contains("named pipe (FIFO)"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn endless_devices_are_refused_not_read() {
        for dev in ["/dev/zero", "/dev/urandom", "/dev/null"] {
            let p = Path::new(dev);
            if !p.exists() {
                eprintln!("skipped {dev}: not on this machine");
                continue;
            }
            let e = err(p);
            assert!(e.contains("character device"), "{dev}: {e}");
        }
    }
}
