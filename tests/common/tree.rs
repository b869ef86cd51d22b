//! A folder's contents as a value: every entry's path, type and content,
//! so that a test can say what a command did or did not change there.

use std::collections::BTreeMap;
use std::path::Path;

use campaign::receipt::Sha256;

/// What one entry of a tree is, without following links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Folder,
    /// A regular file, by the sha256 of its bytes.
    File(Sha256),
    /// A symbolic link, by where it points.
    Link(String),
    /// A named pipe, socket or device: never opened.
    Special,
}

/// Every entry below `dir` by its `/` path relative to `dir`.
pub type Tree = BTreeMap<String, Entry>;

pub fn tree(dir: &Path) -> Tree {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .map(|entry| {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            let kind = entry.file_type();
            let what = if kind.is_dir() {
                Entry::Folder
            } else if kind.is_symlink() {
                let target = std::fs::read_link(entry.path()).unwrap();
                Entry::Link(target.to_string_lossy().into_owned())
            } else if kind.is_file() {
                Entry::File(Sha256::of(&std::fs::read(entry.path()).unwrap()))
            } else {
                Entry::Special
            };
            (rel, what)
        })
        .collect()
}

/// `before` with only additions: every entry still there and the same,
/// except the files named in `appended` (the test compares their bytes itself).
pub fn only_added(before: &Tree, after: &Tree, appended: &[&str]) {
    for (path, entry) in before {
        let now = after
            .get(path)
            .unwrap_or_else(|| panic!("{path} was removed or renamed"));
        if appended.contains(&path.as_str()) {
            continue;
        }
        assert_eq!(now, entry, "{path} was changed");
    }
}
