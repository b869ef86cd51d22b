//! Writing output files so that readers never see half of one.

use std::io::Write;
use std::path::Path;

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
