//! The one module that writes into `submissions/`, and it can only add.
//!
//! What units sent is never changed (SPEC §7). The operations here create a
//! file where there is none ([`add_file`]), append entries to the receipt
//! ledger ([`ledger::append`]), keeping every byte already there, and do both
//! at once for files that arrived outside the repository ([`deliver`]); none
//! of them overwrites, renames or deletes anything that was there before.
//! What arrived is never written through a folder that is a symbolic link,
//! which could lead outside the campaign ([`obstacle`]). Every other module
//! reads `submissions/` only.
//!
//! The one removal is [`deliver`] taking back what the same call created a
//! moment earlier, when it cannot finish: those files were never recorded in
//! the ledger, so nobody has seen them as received.

pub mod ledger;

use std::path::{Path, PathBuf};

use crate::lang::Lang;
use crate::layout::SUBMISSIONS;
use crate::receipt::Sha256;

pub use ledger::{Entry, IntakeError, append, with_entries};

/// Creates `submissions/<parts…>` holding `bytes`, unless something is there
/// already; says whether it did. Every part is a plain file or folder name,
/// so nothing outside `submissions/` can be reached.
pub fn add_file(root: &Path, parts: &[&str], bytes: &[u8]) -> std::io::Result<bool> {
    crate::atomic::write_new(&target(root, parts)?, bytes)
}

/// A file that arrived, to add with its ledger entry at `entry.path`
/// (root-relative, below `submissions/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub bytes: Bytes,
    pub entry: Entry,
}

/// Where a delivered file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bytes {
    /// A copy of this file.
    Copy(PathBuf),
    /// The file at the entry's path, there already but never recorded: what
    /// a run that stopped between copying and recording left behind.
    InPlace,
}

/// A folder on the way to a file's place that is not a real folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Obstacle {
    /// A symbolic link (root-relative path), which could lead anywhere.
    Link(String),
    /// A file (root-relative path) where a folder is needed.
    File(String),
}

impl Obstacle {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Obstacle::Link(path) => lang.pick(
                format!("{path} 是一个链接（符号链接），不是真正的文件夹，存入其中可能会写到活动文件夹以外，因此没有存入。请把它换成真正的文件夹后重新运行。"),
                format!("{path} is a symbolic link, not a real folder: saving through it could write outside the campaign folder, so nothing was saved. Replace it with a real folder and run again."),
            ),
            Obstacle::File(path) => lang.pick(
                format!("{path} 是一个文件，不是文件夹，无法存入其中。请把它改名或移走后重新运行。"),
                format!("{path} is a file, not a folder, so nothing can be saved in it. Rename or move it and run again."),
            ),
        }
    }
}

/// What stands in the way of adding a file at `rel` (root-relative, below
/// `submissions/`): the first of its folders, from `submissions/` down,
/// that is there but is no real folder. Folders not there yet are created
/// as real ones.
pub fn obstacle(root: &Path, rel: &str) -> Option<Obstacle> {
    let parts: Vec<&str> = rel.split('/').collect();
    for depth in 1..parts.len() {
        let folder = parts[..depth].join("/");
        // `symlink_metadata`: a link is judged as itself, never by its target.
        let Ok(meta) = std::fs::symlink_metadata(root.join(&folder)) else {
            return None;
        };
        if meta.file_type().is_symlink() {
            return Some(Obstacle::Link(folder));
        }
        if !meta.is_dir() {
            return Some(Obstacle::File(folder));
        }
    }
    None
}

/// Adds every delivered file and then appends all their entries to the
/// ledger in one write (which must still hold exactly `read`, as for
/// [`append`]); returns the entries as recorded. All or nothing: each file
/// is created only where nothing is, and when a name is taken meanwhile, a
/// folder on the way is no real folder, a copy fails or the ledger cannot
/// be written, the files and folders this call created are removed again
/// and the error says why; nothing that was there before is touched.
/// Nothing to deliver writes nothing, not even an empty ledger.
///
/// Each entry records the sha256 of the bytes that lie at its path — a copy
/// is hashed as staged beside its place, before it takes it — whatever the
/// source held when the delivery was planned.
pub fn deliver(
    root: &Path,
    read: Option<&str>,
    deliveries: &[Delivery],
) -> Result<Vec<Entry>, IntakeError> {
    if deliveries.is_empty() {
        return Ok(Vec::new());
    }
    let mut added = Added::default();
    let mut entries = Vec::new();
    for delivery in deliveries {
        match added.add(root, delivery) {
            Ok(sha256) => entries.push(Entry {
                sha256,
                ..delivery.entry.clone()
            }),
            Err(error) => {
                added.undo();
                return Err(error);
            }
        }
    }
    append(root, read, None, &entries).inspect_err(|_| added.undo())?;
    Ok(entries)
}

/// What one [`deliver`] call created, so that it can take it back.
#[derive(Default)]
struct Added {
    files: Vec<PathBuf>,
    /// Outermost first, in the order they were created.
    folders: Vec<PathBuf>,
}

impl Added {
    /// Puts one delivery's bytes in place; returns their sha256.
    fn add(&mut self, root: &Path, delivery: &Delivery) -> Result<Sha256, IntakeError> {
        let rel = &delivery.entry.path;
        let failed = |source| IntakeError::Add {
            path: rel.clone(),
            source: Some(source),
        };
        if let Some(obstacle) = obstacle(root, rel) {
            return Err(IntakeError::Obstacle(obstacle));
        }
        let below = rel
            .strip_prefix(SUBMISSIONS)
            .and_then(|rest| rest.strip_prefix('/'))
            .unwrap_or("");
        let parts: Vec<&str> = below.split('/').collect();
        let path = target(root, &parts).map_err(failed)?;
        let Bytes::Copy(source) = &delivery.bytes else {
            return in_place(&path).map_err(failed);
        };
        let mut missing: Vec<PathBuf> = path
            .ancestors()
            .skip(1)
            .take_while(|folder| !folder.exists())
            .map(Path::to_path_buf)
            .collect();
        missing.reverse();
        self.folders.extend(missing);
        let staged = crate::atomic::Staged::copy(source, &path).map_err(failed)?;
        let sha256 = Sha256::of_file(staged.path()).map_err(failed)?;
        match staged.place_new(&path) {
            Ok(true) => {
                self.files.push(path);
                Ok(sha256)
            }
            Ok(false) => Err(IntakeError::Add {
                path: rel.clone(),
                source: None,
            }),
            Err(source) => Err(failed(source)),
        }
    }

    fn undo(&self) {
        for file in self.files.iter().rev() {
            let _ = std::fs::remove_file(file);
        }
        // Only folders left empty go: another writer's file keeps its folder.
        for folder in self.folders.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// The sha256 of the regular file at `path`, adopted as it lies.
fn in_place(path: &Path) -> std::io::Result<Sha256> {
    if !std::fs::symlink_metadata(path)?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    Sha256::of_file(path)
}

/// `root/submissions/<parts…>`, when every part is a plain file or folder name.
fn target(root: &Path, parts: &[&str]) -> std::io::Result<PathBuf> {
    let mut path = root.join(SUBMISSIONS);
    for part in parts {
        if !crate::layout::is_plain_name(part) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("“{part}”"),
            ));
        }
        path.push(part);
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::LEDGER_PATH;
    use crate::receipt::Sha256;

    #[test]
    fn a_file_is_added_once_and_never_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(add_file(tmp.path(), &["党建室", "附件1.xlsx"], b"v1").unwrap());
        assert!(!add_file(tmp.path(), &["党建室", "附件1.xlsx"], b"v2").unwrap());
        let path = tmp.path().join("submissions/党建室/附件1.xlsx");
        assert_eq!(std::fs::read(path).unwrap(), b"v1");
    }

    #[test]
    fn nothing_outside_submissions_can_be_named() {
        let tmp = tempfile::tempdir().unwrap();
        for parts in [&["..", "campaign.toml"][..], &["a/../../x"], &[""], &["."]] {
            let error = add_file(tmp.path(), parts, b"x").unwrap_err();
            assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput, "{parts:?}");
        }
        assert!(!tmp.path().join("campaign.toml").exists());
    }

    fn delivery(source: &Path, path: &str) -> Delivery {
        Delivery {
            bytes: Bytes::Copy(source.to_path_buf()),
            entry: Entry {
                path: path.to_owned(),
                at: chrono::DateTime::parse_from_rfc3339("2021-06-27T16:30:00+08:00").unwrap(),
                via: "email".to_owned(),
                sha256: Sha256::of_file(source).unwrap(),
                name: Some("附件3.xlsx".to_owned()),
            },
        }
    }

    /// Every file below `dir`, root-relative, with its bytes.
    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    /// A file in a downloads folder holding `bytes`, and a campaign root beside it.
    fn downloaded(tmp: &Path, bytes: &[u8]) -> (PathBuf, PathBuf) {
        let source = tmp.join("下载.xlsx");
        std::fs::write(&source, bytes).unwrap();
        (source, tmp.join("活动"))
    }

    #[test]
    fn delivered_files_and_their_entries_arrive_together() {
        let tmp = tempfile::tempdir().unwrap();
        let (source, root) = downloaded(tmp.path(), b"form");
        let deliveries = [
            delivery(&source, "submissions/党建室/附件3-下载.xlsx"),
            delivery(&source, "submissions/公共室/重点活动/应急演练/下载.xlsx"),
        ];
        deliver(&root, None, &deliveries).unwrap();
        assert_eq!(
            std::fs::read(root.join("submissions/公共室/重点活动/应急演练/下载.xlsx")).unwrap(),
            b"form"
        );
        let ledger = std::fs::read_to_string(root.join(LEDGER_PATH)).unwrap();
        assert_eq!(crate::receipt::tables_in(&ledger), Some((2, false)));
        assert!(
            ledger.contains("path = \"submissions/党建室/附件3-下载.xlsx\"\nat = 2021-06-27T16:30:00+08:00\nvia = \"email\"\nname = \"附件3.xlsx\"\n"),
            "{ledger}"
        );
    }

    #[test]
    fn a_delivery_that_cannot_finish_takes_back_only_what_it_created() {
        let tmp = tempfile::tempdir().unwrap();
        let (source, root) = downloaded(tmp.path(), b"new");
        std::fs::create_dir_all(root.join("submissions/党建室")).unwrap();
        std::fs::write(root.join("submissions/党建室/附件1.xlsx"), b"old").unwrap();
        let before = tree(&root);

        // The second name is taken: the first copy and its new folders go again.
        let taken = [
            delivery(&source, "submissions/公共室/重点活动/应急演练/照片.jpg"),
            delivery(&source, "submissions/党建室/附件1.xlsx"),
        ];
        let error = deliver(&root, None, &taken).unwrap_err();
        assert!(
            matches!(&error, IntakeError::Add { path, source: None } if path == "submissions/党建室/附件1.xlsx"),
            "{error:?}"
        );
        assert_eq!(tree(&root), before);
        assert!(!root.join("submissions/公共室").exists());

        // The ledger changed since it was read: every copy goes again.
        let ledger = root.join(LEDGER_PATH);
        std::fs::write(&ledger, "# edited meanwhile\n").unwrap();
        let before = tree(&root);
        let fine = [delivery(&source, "submissions/党建室/附件3.xlsx")];
        let error = deliver(&root, Some(""), &fine).unwrap_err();
        assert!(matches!(error, IntakeError::Changed), "{error:?}");
        assert_eq!(tree(&root), before);
    }

    #[test]
    fn what_is_recorded_is_the_sha256_of_the_bytes_filed() {
        let tmp = tempfile::tempdir().unwrap();
        let (source, root) = downloaded(tmp.path(), b"as planned");
        let planned = delivery(&source, "submissions/党建室/附件3.xlsx");
        // The download changes after the delivery was planned.
        std::fs::write(&source, b"changed meanwhile").unwrap();
        let recorded = deliver(&root, None, &[planned]).unwrap();

        let sha256 = Sha256::of(b"changed meanwhile");
        assert_eq!(recorded[0].sha256, sha256);
        let ledger = std::fs::read_to_string(root.join(LEDGER_PATH)).unwrap();
        assert!(
            ledger.ends_with(&format!("sha256 = \"{}\"\n", sha256.as_str())),
            "{ledger}"
        );
        // Nothing is left of the staged copy.
        assert_eq!(
            tree(&root.join("submissions/党建室")),
            [("附件3.xlsx".to_owned(), b"changed meanwhile".to_vec())]
        );
    }

    #[test]
    fn nothing_is_written_through_a_folder_that_is_a_link() {
        let tmp = tempfile::tempdir().unwrap();
        let (source, root) = downloaded(tmp.path(), b"form");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::create_dir_all(root.join("submissions/公共室/重点活动")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("submissions/党建室")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("submissions/公共室/重点活动/演练"))
            .unwrap();
        std::fs::write(root.join("submissions/公共室/重点活动/说明"), b"").unwrap();

        for (path, expected) in [
            (
                "submissions/党建室/附件3.xlsx",
                Obstacle::Link("submissions/党建室".into()),
            ),
            (
                "submissions/公共室/重点活动/演练/1.jpg",
                Obstacle::Link("submissions/公共室/重点活动/演练".into()),
            ),
            (
                "submissions/公共室/重点活动/说明/1.jpg",
                Obstacle::File("submissions/公共室/重点活动/说明".into()),
            ),
        ] {
            assert_eq!(obstacle(&root, path), Some(expected.clone()));
            let error = deliver(&root, None, &[delivery(&source, path)]).unwrap_err();
            assert!(
                matches!(&error, IntakeError::Obstacle(o) if *o == expected),
                "{error:?}"
            );
        }
        assert_eq!(tree(&outside), []);
        assert!(!root.join(LEDGER_PATH).exists());
        assert_eq!(obstacle(&root, "submissions/公共室/新建/1.jpg"), None);
        assert_eq!(
            Obstacle::Link("submissions/党建室".into()).render(Lang::Zh),
            "submissions/党建室 是一个链接（符号链接），不是真正的文件夹，存入其中可能会写到活动文件夹以外，因此没有存入。请把它换成真正的文件夹后重新运行。"
        );
    }

    #[test]
    fn a_file_in_place_is_recorded_as_it_lies_and_never_taken_back() {
        let tmp = tempfile::tempdir().unwrap();
        let (source, root) = downloaded(tmp.path(), b"left behind");
        std::fs::create_dir_all(root.join("submissions/党建室")).unwrap();
        std::fs::copy(&source, root.join("submissions/党建室/附件1.xlsx")).unwrap();
        let adopted = Delivery {
            bytes: Bytes::InPlace,
            ..delivery(&source, "submissions/党建室/附件1.xlsx")
        };
        let recorded = deliver(&root, None, std::slice::from_ref(&adopted)).unwrap();
        assert_eq!(recorded, std::slice::from_ref(&adopted.entry));

        // A run that cannot finish leaves the adopted file where it was.
        let ledger = root.join(LEDGER_PATH);
        std::fs::write(&ledger, "# edited meanwhile\n").unwrap();
        let error = deliver(&root, Some(""), &[adopted]).unwrap_err();
        assert!(matches!(error, IntakeError::Changed), "{error:?}");
        assert_eq!(
            std::fs::read(root.join("submissions/党建室/附件1.xlsx")).unwrap(),
            b"left behind"
        );
    }
}
