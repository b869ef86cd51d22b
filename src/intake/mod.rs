//! The one module that writes into `submissions/`, and it can only add.
//!
//! What units sent is never changed (SPEC §7). The operations here create a
//! file where there is none ([`add_file`]), append entries to the receipt
//! ledger ([`ledger::append`]), keeping every byte already there, and do both
//! at once for files that arrived outside the repository ([`deliver`]); none
//! of them overwrites, renames or deletes anything that was there before.
//! Every other module reads `submissions/` only.
//!
//! The one removal is [`deliver`] taking back what the same call created a
//! moment earlier, when it cannot finish: those files were never recorded in
//! the ledger, so nobody has seen them as received.

pub mod ledger;

use std::path::{Path, PathBuf};

use crate::layout::SUBMISSIONS;

pub use ledger::{Entry, IntakeError, append, with_entries};

/// Creates `submissions/<parts…>` holding `bytes`, unless something is there
/// already; says whether it did. Every part is a plain file or folder name,
/// so nothing outside `submissions/` can be reached.
pub fn add_file(root: &Path, parts: &[&str], bytes: &[u8]) -> std::io::Result<bool> {
    crate::atomic::write_new(&target(root, parts)?, bytes)
}

/// A file that arrived, to add with its ledger entry: the bytes at `source`
/// become the file at `entry.path` (root-relative, below `submissions/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub source: PathBuf,
    pub entry: Entry,
}

/// Adds every delivered file and then appends all their entries to the
/// ledger in one write (which must still hold exactly `read`, as for
/// [`append`]). All or nothing: each file is created only where nothing is,
/// and when a name is taken meanwhile, a copy fails or the ledger cannot be
/// written, the files and folders this call created are removed again and
/// the error says why; nothing that was there before is touched. Nothing to
/// deliver writes nothing, not even an empty ledger.
pub fn deliver(
    root: &Path,
    read: Option<&str>,
    deliveries: &[Delivery],
) -> Result<(), IntakeError> {
    if deliveries.is_empty() {
        return Ok(());
    }
    let mut added = Added::default();
    for delivery in deliveries {
        if let Err(error) = added.copy(root, delivery) {
            added.undo();
            return Err(error);
        }
    }
    let entries: Vec<Entry> = deliveries.iter().map(|d| d.entry.clone()).collect();
    append(root, read, None, &entries).inspect_err(|_| added.undo())
}

/// What one [`deliver`] call created, so that it can take it back.
#[derive(Default)]
struct Added {
    files: Vec<PathBuf>,
    /// Outermost first, in the order they were created.
    folders: Vec<PathBuf>,
}

impl Added {
    fn copy(&mut self, root: &Path, delivery: &Delivery) -> Result<(), IntakeError> {
        let rel = &delivery.entry.path;
        let failed = |source| IntakeError::Add {
            path: rel.clone(),
            source: Some(source),
        };
        let below = rel
            .strip_prefix(SUBMISSIONS)
            .and_then(|rest| rest.strip_prefix('/'))
            .unwrap_or("");
        let parts: Vec<&str> = below.split('/').collect();
        let path = target(root, &parts).map_err(failed)?;
        let mut missing: Vec<PathBuf> = path
            .ancestors()
            .skip(1)
            .take_while(|folder| !folder.exists())
            .map(Path::to_path_buf)
            .collect();
        missing.reverse();
        self.folders.extend(missing);
        match crate::atomic::copy_new(&delivery.source, &path) {
            Ok(true) => {
                self.files.push(path);
                Ok(())
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
            source: source.to_path_buf(),
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
}
