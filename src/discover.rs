//! Finding what the units returned: every file under `submissions/`.
//!
//! This module decides only what kind of thing each file is by its place and
//! extension (workbook, document, key-activity material, other) and which
//! files a person would not count at all (lock files, hidden files, the
//! receipt ledger). Which unit and report a file belongs to is decided when
//! it is read.
//!
//! Only regular files are ever opened. A named pipe would make whoever reads
//! it wait forever, a device may never end, so what is not a regular file
//! ([`Special`]: a pipe, a socket, a device, or a link to one) is told by its
//! type, looked at without opening it ([`special`]), and read by nobody. A
//! folder named like a workbook or a document (`附件1.xlsx/`) is one such
//! entry too, and what it holds is not looked at.

use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::lang::Lang;
use crate::layout::{LEDGER, MATERIALS_DIR, SUBMISSIONS};

const WORKBOOK_EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xls", "ods", "et", "xlsb"];
const DOCUMENT_EXTENSIONS: [&str; 6] = ["doc", "docx", "wps", "pdf", "ofd", "rtf"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Workbook,
    Document,
    /// A file inside `<unit>/重点活动/<活动名称>/`.
    Material {
        activity: String,
    },
    /// Anything else (photos outside a key-activity folder, archives, text files …).
    Other,
    /// A symbolic link whose target lies outside the campaign folder.
    OutsideLink,
    /// Not a regular file: never opened.
    Special(Special),
    /// A file or folder that could not be read (permissions, a vanished entry).
    Inaccessible {
        error: String,
    },
}

/// What a path holds when it is not a regular file (through a link, what
/// the link leads to).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    /// A link to a folder.
    Folder,
    /// Anything else the system has that is not a regular file.
    Other,
}

impl Special {
    /// What it is, as a message names it: 命名管道, a named pipe.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Special::Fifo => lang.pick("命名管道", "a named pipe"),
            Special::Socket => lang.pick("套接字", "a socket"),
            Special::CharDevice => lang.pick("字符设备", "a character device"),
            Special::BlockDevice => lang.pick("块设备", "a block device"),
            Special::Folder => lang.pick("文件夹", "a folder"),
            Special::Other => lang.pick("特殊文件", "a special file"),
        }
    }

    fn of(kind: std::fs::FileType) -> Option<Special> {
        #[cfg(unix)]
        use std::os::unix::fs::FileTypeExt;
        if kind.is_file() {
            return None;
        }
        if kind.is_dir() {
            return Some(Special::Folder);
        }
        #[cfg(unix)]
        {
            if kind.is_fifo() {
                return Some(Special::Fifo);
            }
            if kind.is_socket() {
                return Some(Special::Socket);
            }
            if kind.is_char_device() {
                return Some(Special::CharDevice);
            }
            if kind.is_block_device() {
                return Some(Special::BlockDevice);
            }
        }
        Some(Special::Other)
    }
}

/// What `path` is when it is not a regular file, by its type alone: the
/// system is asked about it (through a link, about its target) and nothing
/// is opened. `None` for a regular file, and for a path that cannot be
/// looked at, whose opening fails on its own.
pub fn special(path: &Path) -> Option<Special> {
    Special::of(std::fs::metadata(path).ok()?.file_type())
}

/// One file found under `submissions/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Relative to the campaign root with `/` separators, as in check's JSON.
    pub rel: String,
    /// The name of the first folder below `submissions/`, if the file is in one.
    pub folder: Option<String>,
    pub kind: Kind,
}

impl Found {
    /// A file at `parts` below `submissions/`.
    fn below(path: PathBuf, parts: &[String], kind: Kind) -> Found {
        Found {
            path,
            rel: format!("{SUBMISSIONS}/{}", parts.join("/")),
            folder: (parts.len() > 1).then(|| parts[0].clone()),
            kind,
        }
    }

    pub fn file_name(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
    }

    /// The file name without its extension.
    pub fn stem(&self) -> &str {
        let name = self.file_name();
        name.rsplit_once('.').map_or(name, |(stem, _)| stem)
    }

    pub fn extension(&self) -> String {
        extension(self.file_name())
    }
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_lowercase())
        .unwrap_or_default()
}

/// Whether a person would ignore this file name: Office and WPS lock files,
/// system clutter, hidden files, placeholders.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with("~$")
        || (name.starts_with(".~lock.") && name.ends_with('#'))
        || name.starts_with('.')
        || name.eq_ignore_ascii_case("Thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// Every file under `root/submissions/`, in a stable order (by path).
pub fn discover(root: &Path) -> std::io::Result<Vec<Found>> {
    let base = root.join(SUBMISSIONS);
    if !base.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    let mut walk = WalkDir::new(&base)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !is_ignored(&entry.file_name().to_string_lossy())
        });
    while let Some(entry) = walk.next() {
        let path = match entry {
            // What unpacking an .xlsx leaves, named as the file was: one
            // folder that is no file, not dozens of parts that are no forms.
            Ok(entry)
                if entry.file_type().is_dir()
                    && entry.depth() > 0
                    && named_like_a_file(&entry.file_name().to_string_lossy()) =>
            {
                walk.skip_current_dir();
                let path = entry.into_path();
                let parts = parts_below(&base, &path);
                found.push(Found::below(path, &parts, Kind::Special(Special::Folder)));
                continue;
            }
            Ok(entry) if entry.file_type().is_dir() => continue,
            Ok(entry) => entry.into_path(),
            // One unreadable folder costs only itself: it is reported, the walk goes on.
            Err(error) => match error.path() {
                Some(path) => {
                    let message = error
                        .io_error()
                        .map_or_else(|| error.to_string(), ToString::to_string);
                    let parts = parts_below(&base, path);
                    found.push(Found::below(
                        path.to_path_buf(),
                        &parts,
                        Kind::Inaccessible { error: message },
                    ));
                    continue;
                }
                None => continue,
            },
        };
        let parts = parts_below(&base, &path);
        if parts == [LEDGER] {
            continue;
        }
        let kind = kind_at(root, &path, &parts);
        found.push(Found::below(path, &parts, kind));
    }
    Ok(found)
}

/// One file given by path (for `explain`), classified as `discover` would;
/// a file outside `submissions/` has no folder and keeps the path it was given.
pub fn found_at(root: &Path, path: &Path) -> Found {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let inner = || -> Option<Vec<String>> {
        let base = root.join(SUBMISSIONS).canonicalize().ok()?;
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let dir = parent
            .canonicalize()
            .ok()?
            .strip_prefix(&base)
            .ok()?
            .to_path_buf();
        let mut parts: Vec<String> = dir
            .iter()
            .map(|part| part.to_string_lossy().into_owned())
            .collect();
        parts.push(name.clone());
        Some(parts)
    };
    let parts = inner();
    let kind = kind_at(
        root,
        path,
        parts.as_deref().unwrap_or(std::slice::from_ref(&name)),
    );
    match parts {
        Some(parts) => Found::below(path.to_path_buf(), &parts, kind),
        None => Found {
            path: path.to_path_buf(),
            rel: path.to_string_lossy().replace('\\', "/"),
            folder: None,
            kind,
        },
    }
}

/// A file whose bytes lie at `path`, classified as `discover` would find it
/// at `submissions/<parts…>`: how a file that arrived outside the campaign is
/// read before it is filed there (`campaign receive`).
pub fn found_as(path: PathBuf, parts: &[String]) -> Found {
    let kind = classify(parts);
    Found::below(path, parts, kind)
}

/// A file outside the campaign whose bytes lie at `path`, known by `rel`:
/// the path it was handed over by, or `包.zip/照片/1.jpg` for an archive's
/// entry. It is classified by its own name, as `campaign receive` reads what
/// arrived before filing it.
pub fn found_outside(path: PathBuf, rel: String) -> Found {
    let name = rel.rsplit('/').next().unwrap_or(&rel).to_owned();
    Found {
        path,
        kind: classify(&[name]),
        rel,
        folder: None,
    }
}

/// The file discovery would list at `rel` (root-relative, `submissions/…`),
/// classified by its place and name alone, or `None` when discovery passes
/// such a path over (a lock file, a hidden file, the ledger): how a file of
/// the history is found as it lay at an earlier instant. Nothing is looked at.
/// A file inside a folder named like a workbook or a document is listed as
/// that folder, as [`discover`] lists it.
pub fn listed(root: &Path, rel: &str) -> Option<Found> {
    let below = rel.strip_prefix(SUBMISSIONS)?.strip_prefix('/')?;
    let parts: Vec<String> = below.split('/').map(str::to_owned).collect();
    if parts.iter().any(|part| is_ignored(part)) || parts == [LEDGER] {
        return None;
    }
    let folders = &parts[..parts.len() - 1];
    if let Some(end) = folders.iter().position(|name| named_like_a_file(name)) {
        let folder = &parts[..=end];
        let path = root.join(SUBMISSIONS).join(folder.join("/"));
        return Some(Found::below(path, folder, Kind::Special(Special::Folder)));
    }
    Some(found_as(root.join(rel), &parts))
}

/// The names of the folders and file of `path` below `base`.
fn parts_below(base: &Path, path: &Path) -> Vec<String> {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// What the file at `path`, found at `parts` below `submissions/`, is:
/// first by its type, then by where a link leads, then by its place and name.
fn kind_at(root: &Path, path: &Path, parts: &[String]) -> Kind {
    if let Some(special) = special(path) {
        return Kind::Special(special);
    }
    if escapes(root, path) {
        return Kind::OutsideLink;
    }
    classify(parts)
}

/// Whether `path` is a symbolic link whose target is not inside `root`.
fn escapes(root: &Path, path: &Path) -> bool {
    let is_link = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    is_link
        && !root.canonicalize().is_ok_and(|root| {
            path.canonicalize()
                .is_ok_and(|target| target.starts_with(&root))
        })
}

/// A folder whose name ends as a workbook's or a document's does.
fn named_like_a_file(name: &str) -> bool {
    let ext = extension(name);
    WORKBOOK_EXTENSIONS.contains(&ext.as_str()) || DOCUMENT_EXTENSIONS.contains(&ext.as_str())
}

/// What a file is by its place below `submissions/` and its extension.
fn classify(parts: &[String]) -> Kind {
    // submissions/<unit>/重点活动/<活动名称>/…/file
    if parts.len() >= 4 && crate::normalize::key(&parts[1]) == MATERIALS_DIR {
        return Kind::Material {
            activity: parts[2].clone(),
        };
    }
    let ext = extension(parts.last().map_or("", String::as_str));
    if WORKBOOK_EXTENSIONS.contains(&ext.as_str()) {
        Kind::Workbook
    } else if DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
        Kind::Document
    } else {
        Kind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_files_and_clutter_are_ignored() {
        for name in [
            "~$附件3.xlsx",
            ".~lock.附件3.xlsx#",
            "Thumbs.db",
            ".DS_Store",
            ".gitkeep",
            "desktop.ini",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["附件3.xlsx", "~附件3.xlsx", "lock.xlsx#"] {
            assert!(!is_ignored(name), "{name}");
        }
    }

    #[test]
    fn files_are_classified_by_place_and_extension() {
        let parts = |p: &str| p.split('/').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(classify(&parts("党建室/附件3.XLSX")), Kind::Workbook);
        assert_eq!(classify(&parts("党建室/活动方案.docx")), Kind::Document);
        assert_eq!(
            classify(&parts("党建室/重点活动/应急演练进社区/照片1.jpg")),
            Kind::Material {
                activity: "应急演练进社区".into()
            }
        );
        assert_eq!(
            classify(&parts("党建室/重点活动/应急演练进社区/视频/现场.mp4")),
            Kind::Material {
                activity: "应急演练进社区".into()
            }
        );
        assert_eq!(classify(&parts("党建室/照片1.jpg")), Kind::Other);
        assert_eq!(classify(&parts("附件3-园林绿化室.xlsx")), Kind::Workbook);
    }
}
