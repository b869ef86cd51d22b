//! The one module that writes into `submissions/`, and it can only add.
//!
//! What units sent is never changed (SPEC §7). The operations here create a
//! file where there is none ([`add_file`]) and append entries to the receipt
//! ledger ([`ledger::append`]), keeping every byte already there; none of
//! them overwrites, renames or deletes anything. Every other module reads
//! `submissions/` only.

pub mod ledger;

use std::path::Path;

use crate::layout::SUBMISSIONS;

pub use ledger::{Entry, IntakeError, append};

/// Creates `submissions/<parts…>` holding `bytes`, unless something is there
/// already; says whether it did. Every part is a plain file or folder name,
/// so nothing outside `submissions/` can be reached.
pub fn add_file(root: &Path, parts: &[&str], bytes: &[u8]) -> std::io::Result<bool> {
    let mut path = root.join(SUBMISSIONS);
    for part in parts {
        if part.is_empty() || matches!(*part, "." | "..") || part.contains(['/', '\\']) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("“{part}”"),
            ));
        }
        path.push(part);
    }
    crate::atomic::write_new(&path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
