//! The names of an archive's entries: decoded, split into the folders and
//! file name they are unpacked to, and judged before anything is inflated —
//! a name that would land outside the activity's folder, that Windows
//! cannot use, or that is one name with another's where the shared folder
//! is opened refuses the whole archive.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::receive::name::{WindowsFault, fold, windows_fault};

/// The language-encoding flag of a zip entry: its name is UTF-8.
const UTF8_NAME: u16 = 1 << 11;

/// Why an entry's name refuses its archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameFault {
    /// It would land outside the folder: `..`, a name from the root, a drive letter.
    Outside,
    /// The entry is a symbolic link.
    Link,
    /// Windows cannot use one of its names.
    Windows(WindowsFault),
}

/// Two entries that cannot both be unpacked into one folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// The two are one name where case and composition do not count.
    SameName { first: String, second: String },
    /// `file` is a file whose name `nested` needs as a folder.
    FileAndFolder { file: String, nested: String },
}

/// An entry's name: UTF-8 when flagged so, else UTF-8 if it reads as such,
/// else GBK, which the zip tool of a Chinese Windows writes; `None` when it
/// is none of these.
pub(super) fn decode(raw: &[u8], flags: u16) -> Option<String> {
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

/// The folders and file name of an entry, split at `/` and at `\` (which
/// some Windows tools write), each a name Windows can use.
pub(super) fn parts(name: &str) -> Result<Vec<String>, NameFault> {
    let is_separator = |c: char| c == '/' || c == '\\';
    let drive = name.as_bytes().get(1) == Some(&b':') && name.as_bytes()[0].is_ascii_alphabetic();
    if drive || name.starts_with(is_separator) {
        return Err(NameFault::Outside);
    }
    let mut parts = Vec::new();
    for part in name.split(is_separator) {
        match part {
            ".." => return Err(NameFault::Outside),
            "" | "." => continue,
            _ => match windows_fault(part) {
                Some(fault) => return Err(NameFault::Windows(fault)),
                None => parts.push(part.to_owned()),
            },
        }
    }
    // A name of nothing but separators and dots would be the folder itself.
    if parts.is_empty() {
        return Err(NameFault::Outside);
    }
    Ok(parts)
}

/// The first two of `entries` (each its name and where it lands) that
/// cannot both be unpacked: one name once case and composition are ignored,
/// or a file whose name another needs as a folder.
pub(super) fn clash<'e>(
    entries: impl IntoIterator<Item = (&'e str, &'e [String])>,
) -> Option<Clash> {
    let mut files: HashMap<String, &str> = HashMap::new();
    let mut folders: HashMap<String, &str> = HashMap::new();
    for (name, parts) in entries {
        let folded: Vec<String> = parts.iter().map(|part| fold(part)).collect();
        let path = folded.join("/");
        if let Some(first) = files.get(&path) {
            return Some(Clash::SameName {
                first: (*first).to_owned(),
                second: name.to_owned(),
            });
        }
        if let Some(nested) = folders.get(&path) {
            return Some(Clash::FileAndFolder {
                file: name.to_owned(),
                nested: (*nested).to_owned(),
            });
        }
        for depth in 1..folded.len() {
            let folder = folded[..depth].join("/");
            if let Some(file) = files.get(&folder) {
                return Some(Clash::FileAndFolder {
                    file: (*file).to_owned(),
                    nested: name.to_owned(),
                });
            }
            folders.entry(folder).or_insert(name);
        }
        files.insert(path, name);
    }
    None
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
    fn names_that_leave_the_folder_are_refused() {
        for name in [
            "../campaign.toml",
            "照片/../../x.jpg",
            "照片\\..\\..\\x.jpg",
            "/etc/passwd",
            "\\Windows\\x.jpg",
            "C:/Windows/x.jpg",
            "c:x.jpg",
            "..",
            "./",
        ] {
            assert_eq!(parts(name), Err(NameFault::Outside), "{name}");
        }
        assert_eq!(
            parts("./照片//现场\\1.jpg"),
            Ok(vec!["照片".into(), "现场".into(), "1.jpg".into()])
        );
    }

    #[test]
    fn every_part_of_a_name_must_be_one_windows_can_use() {
        assert_eq!(
            parts("照片./1.jpg"),
            Err(NameFault::Windows(WindowsFault::TrailingDotOrSpace(
                "照片.".into()
            )))
        );
        assert_eq!(
            parts("照片\\aux.jpg"),
            Err(NameFault::Windows(WindowsFault::Device("aux".into())))
        );
        assert_eq!(
            parts("y.jpg:stream"),
            Err(NameFault::Windows(WindowsFault::Character(':')))
        );
    }

    #[test]
    fn names_one_file_system_takes_for_one_clash() {
        let clash_of = |names: &[&str]| {
            let split: Vec<(&str, Vec<String>)> =
                names.iter().map(|n| (*n, parts(n).unwrap())).collect();
            clash(split.iter().map(|(n, p)| (*n, p.as_slice())))
        };
        let same = |first: &str, second: &str| {
            Some(Clash::SameName {
                first: first.into(),
                second: second.into(),
            })
        };
        let nested = |file: &str, nested: &str| {
            Some(Clash::FileAndFolder {
                file: file.into(),
                nested: nested.into(),
            })
        };
        assert_eq!(
            clash_of(&["a.jpg", "b.jpg", "A.JPG"]),
            same("a.jpg", "A.JPG")
        );
        assert_eq!(
            clash_of(&["Caf\u{e9}.jpg", "Cafe\u{301}.jpg"]),
            same("Caf\u{e9}.jpg", "Cafe\u{301}.jpg")
        );
        assert_eq!(clash_of(&["x", "X/y.jpg"]), nested("x", "X/y.jpg"));
        assert_eq!(
            clash_of(&["x/y.jpg", "x/z/1.jpg", "X"]),
            nested("X", "x/y.jpg")
        );
        assert_eq!(clash_of(&["现场/1.jpg", "现场/2.jpg", "视频/1.jpg"]), None);
    }
}
