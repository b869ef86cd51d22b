//! Writing output files so that readers never see half of one, nor half
//! of a set of them.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
///
/// An interrupted run leaves either the old file or the new one, never a torn
/// mixture; the temporary file is removed if anything fails before the rename.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    temporary(path, |file| file.write_all(bytes))?
        .persist(path)
        .map_err(|error| error.error)?;
    Ok(())
}

/// Writes a set of files, all of them or none: every file is written whole
/// beside its target first, and only when all are complete are they renamed
/// into place. A target that cannot take its file (a folder at its name)
/// stops the set before anything is renamed; a rename that fails all the
/// same puts back what the set had already replaced. Either way the files
/// that were there before are left as they were, and the error names the
/// file that failed and every file of the set.
pub fn write_set(files: &[(PathBuf, Vec<u8>)]) -> Result<(), SetError> {
    let failed = |path: &Path, source| SetError {
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
    for (path, file) in staged {
        let previous = std::fs::read(path).ok();
        if let Err(error) = file.persist(path) {
            put_back(&replaced);
            return Err(failed(path, error.error));
        }
        replaced.push((path, previous));
    }
    Ok(())
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

/// Why a set of files was not written.
#[derive(Debug)]
pub struct SetError {
    /// The file that could not be written.
    pub path: PathBuf,
    pub source: std::io::Error,
    /// Every file of the set, none of which was written.
    pub set: Vec<PathBuf>,
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
