//! Writing output files so that readers never see half of one, nor half
//! of a set of them, and telling a file another program holds open (a
//! workbook open in Excel or WPS on Windows) from other failures.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::lang::Lang;

/// Names files another program holds open, for tests only (a `/`-separated
/// list of file names): a rename onto a file of one of these names fails as
/// Windows fails it when Excel or WPS has the file open. Read only by debug
/// builds, like `CAMPAIGN_STAMP_NOW`.
const TEST_HELD_OPEN: &str = "CAMPAIGN_TEST_HELD_OPEN";

/// `ERROR_SHARING_VIOLATION` and `ERROR_LOCK_VIOLATION`, which the standard
/// library does not sort into an error kind.
#[cfg(windows)]
const HELD_OPEN_CODES: [i32; 2] = [32, 33];

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
///
/// An interrupted run leaves either the old file or the new one, never a torn
/// mixture; the temporary file is removed if anything fails before the rename.
/// A target another program holds open keeps its content ([`held_open`]).
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    rename(temporary(path, |file| file.write_all(bytes))?, path)
}

/// Whether a file could not be replaced because another program holds it
/// open. Windows refuses to replace a workbook Excel or WPS has open, with
/// `ERROR_ACCESS_DENIED` (which the standard library calls `PermissionDenied`)
/// or a sharing or lock violation. Elsewhere an open file never stops a
/// rename, and `PermissionDenied` means a file that may not be replaced (a
/// read-only one): either way the file is as it was and the cure is the
/// user's, not a retry of ours.
pub fn held_open(error: &std::io::Error) -> bool {
    #[cfg(windows)]
    if error
        .raw_os_error()
        .is_some_and(|code| HELD_OPEN_CODES.contains(&code))
    {
        return true;
    }
    error.kind() == std::io::ErrorKind::PermissionDenied
}

/// Why a file could not be written, as the messages that name it say it: a
/// file held open is asked to be closed, anything else is the system's words.
pub fn cause(error: &std::io::Error, lang: Lang) -> String {
    if !held_open(error) {
        return error.to_string();
    }
    lang.pick(
        "这个文件正在 Excel 或 WPS 中打开（或是只读文件），无法替换，原有的文件保持原样；请关闭它后重新运行".into(),
        "it is open in Excel or WPS (or read-only) and cannot be replaced, so it is as it was; close it and run again".into(),
    )
}

/// Writes a set of files, all of them or none: every file is written whole
/// beside its target first, and only when all are complete are they renamed
/// into place. A target that cannot take its file (a folder at its name)
/// stops the set before anything is renamed; a rename that fails all the
/// same puts back what the set had already replaced. Either way the files
/// that were there before are left as they were, and the error names the
/// file that failed and every file of the set.
///
/// One failure is not the set's to undo: a target another program holds
/// open ([`held_open`]) keeps its previous content while the others are
/// written, since putting them back would not get the open one written
/// either; the error names it, so that the user closes it and runs again.
pub fn write_set(files: &[(PathBuf, Vec<u8>)]) -> Result<(), SetError> {
    let failed = |path: &Path, source| SetError::NotWritten {
        path: path.to_path_buf(),
        source,
        set: files.iter().map(|(path, _)| path.clone()).collect(),
    };
    let mut staged = Vec::new();
    for (path, bytes) in files {
        let file = temporary(path, |file| file.write_all(bytes)).map_err(|e| failed(path, e))?;
        if let Some(special) = crate::discover::special(path) {
            let kind = match special {
                crate::discover::Special::Folder => std::io::ErrorKind::IsADirectory,
                _ => std::io::ErrorKind::InvalidInput,
            };
            return Err(failed(path, kind.into()));
        }
        staged.push((path, file));
    }
    let mut replaced: Vec<(&Path, Option<Vec<u8>>)> = Vec::new();
    let mut open = Vec::new();
    for (path, file) in staged {
        let previous = std::fs::read(path).ok();
        match rename(file, path) {
            Ok(()) => replaced.push((path, previous)),
            Err(error) if held_open(&error) => open.push(path.clone()),
            Err(error) => {
                put_back(&replaced);
                return Err(failed(path, error));
            }
        }
    }
    if open.is_empty() {
        return Ok(());
    }
    let written = replaced.iter().map(|(path, _)| path.to_path_buf());
    Err(SetError::HeldOpen {
        open,
        written: written.collect(),
    })
}

/// Renames a complete temporary file over `path`.
fn rename(file: tempfile::NamedTempFile, path: &Path) -> std::io::Result<()> {
    if held_open_for_tests(path) {
        return Err(std::io::ErrorKind::PermissionDenied.into());
    }
    file.persist(path).map(drop).map_err(|error| error.error)
}

/// Whether [`TEST_HELD_OPEN`] names the file at `path` (debug builds only).
fn held_open_for_tests(path: &Path) -> bool {
    if !cfg!(debug_assertions) {
        return false;
    }
    let (Ok(names), Some(name)) = (std::env::var(TEST_HELD_OPEN), path.file_name()) else {
        return false;
    };
    names
        .split('/')
        .any(|held| std::ffi::OsStr::new(held) == name)
}

/// Restores what [`write_set`] replaced: the earlier bytes where there were
/// any, no file where there was none.
fn put_back(replaced: &[(&Path, Option<Vec<u8>>)]) {
    for (path, previous) in replaced {
        let _ = match previous {
            Some(bytes) => write(path, bytes),
            None => std::fs::remove_file(path),
        };
    }
}

/// Why a set of files was not written, or not all of it.
#[derive(Debug)]
pub enum SetError {
    /// None of the set was written: `path` could not be.
    NotWritten {
        path: PathBuf,
        source: std::io::Error,
        /// Every file of the set.
        set: Vec<PathBuf>,
    },
    /// Every file was written but those another program holds open, which
    /// keep their previous content.
    HeldOpen {
        open: Vec<PathBuf>,
        written: Vec<PathBuf>,
    },
}

/// Writes `bytes` to a new file at `path`, as [`write`] does, but never over
/// an existing one: says whether it wrote. The file appears whole or not at
/// all, and a file that appears meanwhile is kept.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    persist_new(temporary(path, |file| file.write_all(bytes))?, path)
}

/// A copy of a file, staged beside the place it is to take under a name
/// that cannot collide, so that what will lie there can be looked at before
/// it does; removed unless placed.
pub struct Staged(tempfile::NamedTempFile);

impl Staged {
    /// Copies the file at `source` beside `path`, reading it in pieces so
    /// that no video has to fit in memory.
    pub fn copy(source: &Path, path: &Path) -> std::io::Result<Staged> {
        let mut from = std::fs::File::open(source)?;
        let file = temporary(path, |file| std::io::copy(&mut from, file).map(drop))?;
        Ok(Staged(file))
    }

    /// Where the staged bytes lie.
    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// Renames the staged file to `path`, as [`write_new`] writes one: never
    /// over an existing file. Says whether it did; if not, it is removed.
    pub fn place_new(self, path: &Path) -> std::io::Result<bool> {
        persist_new(self.0, path)
    }
}

fn persist_new(file: tempfile::NamedTempFile, path: &Path) -> std::io::Result<bool> {
    match file.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(error) if error.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error.error),
    }
}

/// A temporary file beside `path` holding what `fill` writes, removed unless persisted.
fn temporary(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".campaign-");
    // A temporary file is private by default; an output is an ordinary file (subject to the umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder.tempfile_in(dir)?;
    fill(file.as_file_mut())?;
    file.as_file().sync_all()?;
    Ok(file)
}
