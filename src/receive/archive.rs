//! Unpacking the .zip a unit sends with the photos and videos of a key
//! activity, so that its files can be filed one by one.
//!
//! Entry names are UTF-8 when the entry says so (general purpose bit 11);
//! otherwise they are tried as UTF-8 and then as GBK, which is what the zip
//! tool of a Chinese Windows writes. Nothing may land outside the activity's
//! folder: an entry named with `..`, from the root, with a drive letter or
//! with backslashes, or a symbolic link, refuses the whole archive. Nor may
//! an archive take more than the reader's limits allow: the declared sizes
//! are checked before anything is inflated, and what is inflated is counted
//! as it comes. Entries are inflated into a staging folder outside the
//! campaign; filing them is the intake's business.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use zip::ZipArchive;
use zip::result::ZipError;

use crate::discover::is_ignored;
use crate::read::workbook::Limits;

/// The language-encoding flag of a zip entry: its name is UTF-8.
const UTF8_NAME: u16 = 1 << 11;

/// More entries than any activity's photos and videos, few enough that an
/// archive of empty files cannot flood a folder.
pub const MAX_ENTRIES: usize = 10_000;

/// The folder macOS adds to the archives it makes: resource forks, not files.
const MACOS_FORKS: &str = "__MACOSX";

/// One file of an archive, inflated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpacked {
    /// The entry's name in the archive, decoded.
    pub name: String,
    /// Where it goes below the activity's folder: its folders and its name,
    /// without the one folder every entry of the archive may sit in.
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
    Encrypted {
        entry: String,
    },
    /// An entry that would land outside the folder, or a symbolic link.
    Escapes {
        entry: String,
    },
    /// An entry name that is neither UTF-8 nor GBK (shown with escapes).
    Undecodable {
        raw: String,
    },
    /// A compression method the reader does not have (only stored and deflate).
    Method {
        entry: String,
    },
    /// `entry` alone, or every entry together (`None`), unpacks to more
    /// than `limit` bytes (the campaign's `max_unzipped_mb`), as declared or
    /// as counted while inflating.
    TooLarge {
        entry: Option<String>,
        limit: u64,
    },
    TooMany {
        count: usize,
    },
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
}

/// Unpacks the zip at `path` into `staging`, every entry checked first.
pub fn unpack(path: &Path, limits: &Limits, staging: &Path) -> Result<Vec<Unpacked>, ArchiveError> {
    let file = File::open(path).map_err(|e| ArchiveError::Damaged(e.to_string()))?;
    let mut archive = ZipArchive::new(BufReader::new(file)).map_err(damaged)?;
    if archive.len() > MAX_ENTRIES {
        return Err(ArchiveError::TooMany {
            count: archive.len(),
        });
    }
    let declared = declared(&archive, limits)?;
    let mut unpacked = Vec::new();
    let mut inflated = 0u64;
    for (n, entry) in declared.into_iter().enumerate() {
        let staged = staging.join(n.to_string());
        let mut reader = archive.by_index(entry.index).map_err(|e| match e {
            ZipError::CompressionMethodNotSupported(_) => ArchiveError::Method {
                entry: entry.name.clone(),
            },
            other => damaged(other),
        })?;
        let left = limits.max_unzipped_bytes - inflated;
        inflated += inflate(&mut reader, &staged, left).map_err(|error| match error {
            Inflate::Over => ArchiveError::TooLarge {
                entry: Some(entry.name.clone()),
                limit: limits.max_unzipped_bytes,
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
    let limit = limits.max_unzipped_bytes;
    let mut entries = Vec::new();
    let mut total = 0u64;
    for index in 0..archive.len() {
        let entry = archive.by_index_data(index).map_err(damaged)?;
        let name = decode(entry.name_raw(), entry.flags().as_u16()).ok_or_else(|| {
            ArchiveError::Undecodable {
                raw: entry.name_raw().escape_ascii().to_string(),
            }
        })?;
        if entry.is_dir() {
            continue;
        }
        let Some(parts) = parts(&name).filter(|_| !entry.is_symlink()) else {
            return Err(ArchiveError::Escapes { entry: name });
        };
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
        entries.push(Declared { index, name, parts });
    }
    if entries.is_empty() {
        return Err(ArchiveError::Empty);
    }
    strip_common_folder(&mut entries);
    Ok(entries)
}

/// An entry's name: UTF-8 when flagged so, else UTF-8 if it reads as such,
/// else GBK; `None` when it is none of these.
fn decode(raw: &[u8], flags: u16) -> Option<String> {
    if let Ok(text) = std::str::from_utf8(raw) {
        return Some(text.to_owned());
    }
    if flags & UTF8_NAME != 0 {
        return None;
    }
    encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(raw)
        .map(Cow::into_owned)
}

/// The folders and file name of an entry, or `None` when it would land
/// outside the folder it is unpacked into: `..`, a name from the root, a
/// drive letter, a backslash (a Windows separator `/` would not show).
fn parts(name: &str) -> Option<Vec<String>> {
    let drive = name.as_bytes().get(1) == Some(&b':');
    if drive || name.starts_with('/') || name.contains(['\\', '\0']) {
        return None;
    }
    let mut parts = Vec::new();
    for part in name.split('/') {
        match part {
            ".." => return None,
            "" | "." => continue,
            _ => parts.push(part.to_owned()),
        }
    }
    (!parts.is_empty()).then_some(parts)
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
    /// More came out than the limit allows.
    Over,
    Read(String),
    Write(String),
}

/// Inflates one entry into `staged`, refusing to take in more than `left`
/// bytes whatever its header declared; returns how many it took.
fn inflate(entry: &mut impl Read, staged: &Path, left: u64) -> Result<u64, Inflate> {
    let mut out = File::create(staged).map_err(|e| Inflate::Write(e.to_string()))?;
    let mut buffer = vec![0; 64 * 1024];
    let mut taken = 0u64;
    loop {
        let read = entry
            .read(&mut buffer)
            .map_err(|e| Inflate::Read(e.to_string()))?;
        if read == 0 {
            return Ok(taken);
        }
        taken += read as u64;
        if taken > left {
            return Err(Inflate::Over);
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

    #[test]
    fn names_are_utf8_when_flagged_or_readable_and_gbk_otherwise() {
        let gbk = encoding_rs::GBK.encode("应急演练/现场.jpg").0.into_owned();
        assert_eq!(decode(&gbk, 0).as_deref(), Some("应急演练/现场.jpg"));
        assert_eq!(decode(&gbk, UTF8_NAME), None);
        let utf8 = "应急演练/现场.jpg".as_bytes();
        assert_eq!(decode(utf8, 0).as_deref(), Some("应急演练/现场.jpg"));
        assert_eq!(
            decode(utf8, UTF8_NAME).as_deref(),
            Some("应急演练/现场.jpg")
        );
        assert_eq!(decode(&[0x81, 0x20], 0), None);
    }

    #[test]
    fn what_is_inflated_is_counted_whatever_was_declared() {
        let tmp = tempfile::tempdir().unwrap();
        let staged = tmp.path().join("0");
        let bytes = vec![7u8; 100_000];
        assert!(matches!(
            inflate(&mut bytes.as_slice(), &staged, 99_999),
            Err(Inflate::Over)
        ));
        assert!(matches!(
            inflate(&mut bytes.as_slice(), &staged, 100_000),
            Ok(100_000)
        ));
        assert_eq!(std::fs::read(&staged).unwrap(), bytes);
    }

    #[test]
    fn names_that_leave_the_folder_are_refused() {
        for name in [
            "../campaign.toml",
            "照片/../../x.jpg",
            "/etc/passwd",
            "C:/Windows/x.jpg",
            "c:x.jpg",
            "照片\\1.jpg",
            "..",
        ] {
            assert_eq!(parts(name), None, "{name}");
        }
        assert_eq!(
            parts("./照片//现场/1.jpg"),
            Some(vec!["照片".into(), "现场".into(), "1.jpg".into()])
        );
    }
}
