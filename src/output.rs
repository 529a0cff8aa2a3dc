//! Writing files: where `report -o` may write, and the atomic write that
//! `report -o` and `add` share.
//!
//! A report is written to a temporary file beside its destination and
//! renamed over it once complete, so a reader never sees half of one. A
//! rename replaces whatever the name pointed at, so the destination is
//! checked first, before any work: a symbolic link is followed to the file
//! it names (which is then replaced, not the link), anything that is not a
//! regular file (a device, `/dev/stdout`, a folder) is refused, and so is a
//! file the run reads. The replacement keeps the old file's mode; a new
//! file gets the mode the umask gives. A signal that stops the run removes
//! the temporary file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{display_path, Error, Location, Result};

/// Symbolic links followed at most (the kernel's own limit is 40).
const MAX_LINKS: usize = 40;

/// Where an output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Standard output (`-o -`).
    Stdout,
    /// A regular file, existing or to be created.
    File {
        /// The path as given, for messages.
        given: PathBuf,
        /// The file written: the given path with every symbolic link
        /// followed.
        path: PathBuf,
        /// Whether it exists already.
        exists: bool,
    },
}

fn refuse(given: &Path, problem: impl Into<String>, hint: impl Into<String>) -> Error {
    Error::bad_input(Location::file(display_path(given)), problem, hint)
}

/// The folder a file path is in (`.` for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Checks an output path before any work is done and says where the output
/// will go. `-` is standard output.
pub fn resolve(given: &Path) -> Result<Target> {
    if given.as_os_str() == "-" {
        return Ok(Target::Stdout);
    }
    let text = given.as_os_str().to_string_lossy();
    if text.ends_with(std::path::is_separator) {
        return Err(refuse(
            given,
            "names a folder (it ends with a path separator)",
            format!(
                "give a file name, such as {}report.md",
                crate::escape::visible(&text)
            ),
        ));
    }
    let mut path = given.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                check_folder(given, &folder_of(&path))?;
                return Ok(Target::File {
                    given: given.to_path_buf(),
                    path,
                    exists: false,
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
                check_folder(given, &folder_of(&path))?;
                return Err(Error::Write {
                    path: display_path(given),
                    source: e,
                });
            }
            Err(e) => {
                return Err(Error::Write {
                    path: display_path(given),
                    source: e,
                })
            }
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            match std::fs::metadata(&path) {
                // The kernel follows the links: `/dev/stdout` names a
                // pipe or a terminal through /proc, where reading the
                // links one by one would not.
                Ok(m) if m.is_file() => {
                    return Ok(Target::File {
                        given: given.to_path_buf(),
                        path: std::fs::canonicalize(&path).map_err(|e| Error::Write {
                            path: display_path(given),
                            source: e,
                        })?,
                        exists: true,
                    })
                }
                Ok(m) => return Err(not_a_file(given, &path, &m)),
                // A dangling link: the file it names is created.
                Err(_) => {
                    let to = std::fs::read_link(&path).map_err(|e| Error::Write {
                        path: display_path(given),
                        source: e,
                    })?;
                    path = folder_of(&path).join(to);
                    continue;
                }
            }
        }
        if kind.is_file() {
            return Ok(Target::File {
                given: given.to_path_buf(),
                path,
                exists: true,
            });
        }
        return Err(not_a_file(given, &path, &meta));
    }
    Err(refuse(
        given,
        format!("more than {MAX_LINKS} symbolic links to follow"),
        "give the file's own path",
    ))
}

/// The refusal of a destination that is not a regular file: replacing a
/// device or a pipe with a file would break whatever used it.
fn not_a_file(given: &Path, path: &Path, meta: &std::fs::Metadata) -> Error {
    let what = crate::read::file::file_kind(meta).unwrap_or("not a regular file");
    let through = if path == given {
        String::new()
    } else {
        " (through a symbolic link)".to_string()
    };
    refuse(
        given,
        format!("is {what}{through}; pledgediff writes only regular files"),
        "give a file name, or `-o -` for standard output",
    )
}

/// Refuses a folder for a new file that is missing or is not a folder,
/// naming the part of the path that is wrong.
fn check_folder(given: &Path, dir: &Path) -> Result<()> {
    let mut probe = dir.to_path_buf();
    loop {
        match std::fs::metadata(&probe) {
            Ok(m) if m.is_dir() => break,
            Ok(_) => {
                return Err(refuse(
                    given,
                    format!("{} is a file, not a folder", display_path(&probe)),
                    "choose an output path in an existing folder",
                ))
            }
            Err(_) => match probe.parent() {
                Some(p) if !p.as_os_str().is_empty() => probe = p.to_path_buf(),
                _ => break,
            },
        }
    }
    if !dir.is_dir() {
        return Err(refuse(
            given,
            format!("folder {} does not exist", display_path(dir)),
            "create it first or choose another output path",
        ));
    }
    Ok(())
}

/// Refuses to write over a file the run reads: the report would replace a
/// statement or the rules with itself.
pub fn refuse_inputs<'a>(
    target: &Target,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<()> {
    let Target::File {
        given,
        path,
        exists: true,
    } = target
    else {
        return Ok(());
    };
    for input in inputs {
        if same_file::is_same_file(path, input).unwrap_or(false) {
            return Err(refuse(
                given,
                format!("is {}, which this run reads", display_path(input)),
                "write the output to another file, outside the archive",
            ));
        }
    }
    Ok(())
}

/// A file being written atomically: a temporary file in the destination's
/// folder that replaces the destination only on [`AtomicFile::commit`].
/// Dropped without a commit, it vanishes and the old file stays as it was;
/// a signal that ends the run removes it too ([`cleanup`]).
pub struct AtomicFile {
    path: PathBuf,
    // Dropped first, removing the file; then `registered` forgets it.
    tmp: tempfile::NamedTempFile,
    registered: cleanup::Registered,
}

impl AtomicFile {
    /// Opens a temporary file beside `path`: with the mode of the file it
    /// will replace, or the mode the umask gives a new file (not the 0600
    /// of a temporary file).
    pub fn new(path: &Path) -> Result<Self> {
        let shown = display_path(path);
        let dir = folder_of(path);
        if !dir.is_dir() {
            return Err(refuse(
                path,
                format!("folder {} does not exist", display_path(&dir)),
                "create the folder first or choose another output path",
            ));
        }
        let werr = |e: std::io::Error| Error::Write {
            path: shown.clone(),
            source: e,
        };
        cleanup::install();
        let mut builder = tempfile::Builder::new();
        builder.prefix(".pledgediff-").suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // open(2) takes the umask off, as for any new file.
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let (tmp, registered) = cleanup::create(|| builder.tempfile_in(&dir)).map_err(werr)?;
        let file = AtomicFile {
            path: path.to_path_buf(),
            tmp,
            registered,
        };
        if let Ok(old) = std::fs::metadata(path) {
            if old.is_file() {
                file.tmp
                    .as_file()
                    .set_permissions(old.permissions())
                    .map_err(werr)?;
                #[cfg(unix)]
                {
                    use std::os::unix::fs::MetadataExt;
                    // Only root may give a file away; for anyone else the
                    // owner is already theirs, so a failure changes nothing.
                    let _ = std::os::unix::fs::fchown(
                        file.tmp.as_file(),
                        Some(old.uid()),
                        Some(old.gid()),
                    );
                }
            }
        }
        Ok(file)
    }

    /// The temporary file, to write into.
    pub fn as_file_mut(&mut self) -> &mut std::fs::File {
        self.tmp.as_file_mut()
    }

    /// Syncs and renames into place (never over an existing file unless
    /// `replace`).
    pub fn commit(self, replace: bool) -> Result<()> {
        let shown = display_path(&self.path);
        let err = |e: std::io::Error| Error::Write {
            path: shown.clone(),
            source: e,
        };
        self.tmp.as_file().sync_all().map_err(err)?;
        let done = if replace {
            self.tmp.persist(&self.path).map(drop)
        } else {
            self.tmp.persist_noclobber(&self.path).map(drop)
        };
        // Forgotten only after the rename: a signal in between finds
        // nothing to remove.
        drop(self.registered);
        done.map_err(|e| err(e.error))
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so readers see the old file or the new one, never half of one.
/// Without `replace`, an existing file is never overwritten.
pub fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    let mut file = AtomicFile::new(path)?;
    file.as_file_mut()
        .write_all(bytes)
        .map_err(|e| Error::Write {
            path: display_path(path),
            source: e,
        })?;
    file.commit(replace)
}

/// Temporary files removed when SIGINT, SIGTERM or SIGHUP ends the run.
///
/// A signal's default action kills the process at once, and the
/// temporary file's destructor never runs. A thread waits for those
/// signals instead, removes every registered file, and then lets the
/// signal's default action happen, so the exit status is still the
/// signal's.
pub mod cleanup {
    use std::path::PathBuf;
    use std::sync::{Mutex, Once};

    static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    static INSTALL: Once = Once::new();

    /// Starts the signal thread, once per process.
    pub fn install() {
        #[cfg(unix)]
        INSTALL.call_once(|| {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            // Without the thread the signals keep their default action:
            // the run still stops, only the file stays behind.
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            let _ = std::thread::Builder::new()
                .name("pledgediff-signals".into())
                .spawn(move || {
                    if let Some(sig) = signals.forever().next() {
                        // Held until the process is gone: no temporary
                        // file can be created or registered after this.
                        let mut pending = pending();
                        for p in pending.drain(..) {
                            let _ = std::fs::remove_file(p);
                        }
                        let _ = signal_hook::low_level::emulate_default_handler(sig);
                        std::process::exit(128 + sig);
                    }
                });
        });
        #[cfg(not(unix))]
        INSTALL.call_once(|| {});
    }

    fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
        PENDING.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A file to remove if a signal stops the run, until this is dropped.
    pub struct Registered(PathBuf);

    impl Drop for Registered {
        fn drop(&mut self) {
            pending().retain(|p| p != &self.0);
        }
    }

    /// Creates a temporary file with `make` and registers it, to be
    /// removed if a signal stops the run before the returned guard is
    /// dropped (once the file is renamed or removed). The list is locked
    /// throughout, so a signal that comes as the file appears waits for
    /// it to be registered, and removes it.
    pub fn create(
        make: impl FnOnce() -> std::io::Result<tempfile::NamedTempFile>,
    ) -> std::io::Result<(tempfile::NamedTempFile, Registered)> {
        let mut pending = pending();
        let tmp = make()?;
        pending.push(tmp.path().to_path_buf());
        let registered = Registered(tmp.path().to_path_buf());
        Ok((tmp, registered))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_never_clobbers_without_replace() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        write_atomic(&p, b"one", false).unwrap();
        assert!(write_atomic(&p, b"two", false).is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"two", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1);
    }

    #[test]
    fn a_dash_is_standard_output_and_a_trailing_slash_is_refused() {
        assert_eq!(resolve(Path::new("-")).unwrap(), Target::Stdout);
        let dir = tempfile::tempdir().unwrap();
        let e = resolve(&dir.path().join("newdir/"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("give a file name"), "{e}");
    }

    #[test]
    fn a_path_under_a_file_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("afile");
        std::fs::write(&f, "x").unwrap();
        let e = resolve(&f.join("r.md")).unwrap_err().to_string();
        assert!(e.contains("is a file, not a folder"), "{e}");
        let e = resolve(&dir.path().join("no/r.md"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("does not exist"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_resolves_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.md");
        std::fs::write(&target, "x").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        match resolve(&link).unwrap() {
            Target::File { path, exists, .. } => {
                assert_eq!(path, target);
                assert!(exists);
            }
            t => panic!("{t:?}"),
        }
    }
}
