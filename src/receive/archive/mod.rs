//! Unpacking a .zip a unit sends — the photos and videos of a key activity,
//! forms too — so that its files can be filed one by one.
//!
//! Nothing is inflated before the whole archive has been judged: how many
//! entries its end record declares (before their names are read, `end`),
//! then every entry's name (`names`: nothing may land outside the folder,
//! every name must be one Windows can use, and no two may be one name where
//! case and composition do not count), then the sizes declared against the
//! reader's limits. While inflating, an entry that gives more than its
//! header declared, or other bytes than its checksum, refuses the archive
//! too, so the declared sizes bound what is taken in. Entries are inflated
//! into a staging folder outside the campaign; filing them is the intake's
//! business.

mod end;
mod names;

use std::fs::File;
use std::io::{BufReader, Read, Seek, Write};
use std::path::{Path, PathBuf};

use zip::ZipArchive;
use zip::result::ZipError;

use crate::discover::is_ignored;
use crate::read::workbook::Limits;

pub use names::{Clash, NameFault};

/// More entries than any activity's photos and videos, few enough that an
/// archive of empty files cannot flood a folder.
pub const MAX_ENTRIES: u64 = 10_000;

/// The folder macOS adds to the archives it makes: resource forks, not files.
const MACOS_FORKS: &str = "__MACOSX";

/// One file of an archive, inflated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpacked {
    /// The entry's name in the archive, decoded.
    pub name: String,
    /// Where it goes below the folder it is unpacked into: its folders and
    /// its name, without the one folder every entry of the archive may sit in.
    pub parts: Vec<String>,
    /// Where its bytes are now.
    pub staged: PathBuf,
}

/// Why an archive is not unpacked; nothing of it is filed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveError {
    /// Not a zip, or a damaged one (the library's words).
    Damaged(String),
    /// An entry is protected by a password.
    Encrypted { entry: String },
    /// An entry whose name would land outside the folder or cannot be used
    /// on Windows, or that is a symbolic link.
    Unsafe { entry: String, fault: NameFault },
    /// Two entries cannot both be unpacked into one folder.
    Clash(Clash),
    /// An entry name that is neither UTF-8 nor GBK (shown with escapes).
    Undecodable { raw: String },
    /// A compression method the reader does not have (only stored and deflate).
    Method { entry: String },
    /// `entry` alone, or every entry together (`None`), would unpack to more
    /// than `limit` bytes (the campaign's `max_unzipped_mb`), as declared.
    TooLarge { entry: Option<String>, limit: u64 },
    /// An entry unpacks to more bytes than its header declares, or to other
    /// bytes than its checksum: a damaged or a forged archive.
    Inconsistent { entry: String },
    /// More entries than [`MAX_ENTRIES`], as the archive declares them.
    TooMany { count: u64 },
    /// No file in it, only folders or clutter.
    Empty,
    /// The staging folder could not be written.
    Staging(String),
}

/// An entry as the central directory declares it.
struct Declared {
    index: usize,
    name: String,
    parts: Vec<String>,
    size: u64,
}

/// Unpacks the zip at `path` into `staging`, every entry checked first.
pub fn unpack(path: &Path, limits: &Limits, staging: &Path) -> Result<Vec<Unpacked>, ArchiveError> {
    let mut file = File::open(path).map_err(|e| ArchiveError::Damaged(e.to_string()))?;
    let count =
        end::declared_entries(&mut file).map_err(|e| ArchiveError::Damaged(e.to_string()))?;
    if let Some(count) = count.filter(|&count| count > MAX_ENTRIES) {
        return Err(ArchiveError::TooMany { count });
    }
    file.rewind()
        .map_err(|e| ArchiveError::Damaged(e.to_string()))?;
    let mut archive = ZipArchive::new(BufReader::new(file)).map_err(damaged)?;
    let declared = declared(&archive, limits)?;
    let mut unpacked = Vec::new();
    for (n, entry) in declared.into_iter().enumerate() {
        let staged = staging.join(n.to_string());
        let mut reader = archive.by_index(entry.index).map_err(|e| match e {
            ZipError::CompressionMethodNotSupported(_) => ArchiveError::Method {
                entry: entry.name.clone(),
            },
            other => damaged(other),
        })?;
        inflate(&mut reader, &staged, entry.size).map_err(|error| match error {
            Inflate::Inconsistent => ArchiveError::Inconsistent {
                entry: entry.name.clone(),
            },
            Inflate::Read(detail) => ArchiveError::Damaged(detail),
            Inflate::Write(detail) => ArchiveError::Staging(detail),
        })?;
        unpacked.push(Unpacked {
            name: entry.name,
            parts: entry.parts,
            staged,
        });
    }
    Ok(unpacked)
}

/// Every file entry with its name and declared size, checked against the
/// limits before anything is inflated.
fn declared(
    archive: &ZipArchive<BufReader<File>>,
    limits: &Limits,
) -> Result<Vec<Declared>, ArchiveError> {
    // The end record may have declared fewer entries than the directory holds.
    let count = archive.len() as u64;
    if count > MAX_ENTRIES {
        return Err(ArchiveError::TooMany { count });
    }
    let limit = limits.max_unzipped_bytes;
    let mut entries = Vec::new();
    let mut total = 0u64;
    for index in 0..archive.len() {
        let entry = archive.by_index_data(index).map_err(damaged)?;
        let name = names::decode(entry.name_raw(), entry.flags().as_u16()).ok_or_else(|| {
            ArchiveError::Undecodable {
                raw: entry.name_raw().escape_ascii().to_string(),
            }
        })?;
        if entry.is_dir() {
            continue;
        }
        let unsafe_name = |fault| ArchiveError::Unsafe {
            entry: name.clone(),
            fault,
        };
        if entry.is_symlink() {
            return Err(unsafe_name(NameFault::Link));
        }
        let parts = names::parts(&name).map_err(unsafe_name)?;
        if parts
            .iter()
            .any(|part| is_ignored(part) || part == MACOS_FORKS)
        {
            continue;
        }
        if entry.encrypted() {
            return Err(ArchiveError::Encrypted { entry: name });
        }
        let size = entry.size();
        total = total.saturating_add(size);
        if size > limit || total > limit {
            let entry = (size > limit).then_some(name);
            return Err(ArchiveError::TooLarge { entry, limit });
        }
        entries.push(Declared {
            index,
            name,
            parts,
            size,
        });
    }
    if entries.is_empty() {
        return Err(ArchiveError::Empty);
    }
    strip_common_folder(&mut entries);
    let landing = entries
        .iter()
        .map(|e| (e.name.as_str(), e.parts.as_slice()));
    if let Some(clash) = names::clash(landing) {
        return Err(ArchiveError::Clash(clash));
    }
    Ok(entries)
}

/// Drops the one folder every entry sits in (`活动照片/1.jpg`, `活动照片/2.jpg`):
/// the archive's own wrapping, which would only nest the activity's folder.
fn strip_common_folder(entries: &mut [Declared]) {
    let first = entries[0].parts[0].clone();
    let common = entries
        .iter()
        .all(|entry| entry.parts.len() > 1 && entry.parts[0] == first);
    if common {
        for entry in entries {
            entry.parts.remove(0);
        }
    }
}

enum Inflate {
    /// Other bytes than the header declared: more, or a wrong checksum.
    Inconsistent,
    Read(String),
    Write(String),
}

/// Inflates one entry, declared to hold `declared` bytes, into `staged`.
///
/// No more than the declared size is ever asked for, and then one byte
/// more: the zip reader refuses an entry that gives more than its header
/// declared, and checks the checksum at the end, so a failure at that point
/// is the entry disagreeing with its header — and whatever a reader does,
/// what comes past the declared size is never taken.
fn inflate(entry: &mut impl Read, staged: &Path, declared: u64) -> Result<(), Inflate> {
    let mut out = File::create(staged).map_err(|e| Inflate::Write(e.to_string()))?;
    let mut buffer = vec![0; 64 * 1024];
    let mut taken = 0u64;
    loop {
        let left = usize::try_from(declared - taken).unwrap_or(usize::MAX);
        let want = left.clamp(1, buffer.len());
        let read = match entry.read(&mut buffer[..want]) {
            Ok(read) => read,
            Err(_) if taken == declared => return Err(Inflate::Inconsistent),
            Err(error) => return Err(Inflate::Read(error.to_string())),
        };
        if read == 0 {
            return Ok(());
        }
        taken += read as u64;
        if taken > declared {
            return Err(Inflate::Inconsistent);
        }
        out.write_all(&buffer[..read])
            .map_err(|e| Inflate::Write(e.to_string()))?;
    }
}

fn damaged(error: ZipError) -> ArchiveError {
    ArchiveError::Damaged(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that gives `bytes` and then fails, as the zip reader does
    /// past the declared size or on a wrong checksum.
    struct ThenFails<'b>(&'b [u8]);

    impl Read for ThenFails<'_> {
        fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::other("declared size exceeded"));
            }
            let n = buffer.len().min(self.0.len());
            buffer[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn nothing_past_the_declared_size_is_taken() {
        let tmp = tempfile::tempdir().unwrap();
        let staged = tmp.path().join("0");
        let bytes = vec![7u8; 100_000];
        // A reader that would give more than declared.
        assert!(matches!(
            inflate(&mut bytes.as_slice(), &staged, 99_999),
            Err(Inflate::Inconsistent)
        ));
        assert!(std::fs::metadata(&staged).unwrap().len() <= 99_999);
        // One that refuses it itself, or fails its checksum, at the end.
        assert!(matches!(
            inflate(&mut ThenFails(&bytes), &staged, 100_000),
            Err(Inflate::Inconsistent)
        ));
        // One that fails before the end is a damaged archive.
        assert!(matches!(
            inflate(&mut ThenFails(&bytes[..10]), &staged, 100_000),
            Err(Inflate::Read(_))
        ));
        assert!(inflate(&mut bytes.as_slice(), &staged, 100_000).is_ok());
        assert_eq!(std::fs::read(&staged).unwrap(), bytes);
    }
}
