//! Every content each submitted file has had, with the times that date it:
//! what reading the campaign as it stood at an earlier instant needs.
//!
//! Built from the same `git log` pass and ledger as the receipts, so that
//! the versions of a file and its receipt never disagree. Which version
//! stood at an instant is decided by [`crate::history`]; this module only
//! gathers the evidence.

use chrono::{DateTime, FixedOffset};

pub use super::git::{Blob, Committed, Former};
pub use super::ledger::Logged;
use super::{Receipt, moment};
use crate::git::short;
use crate::lang::Lang;

/// The history of contents of a campaign folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// The commit HEAD is at; `None` outside a repository or before its first commit.
    pub head: Option<String>,
    /// Every file below `submissions/` now, and every one the history holds
    /// that has been deleted since; in no particular order.
    pub files: Vec<Lineage>,
    /// What the commits did to `campaign.toml`, in history order.
    pub definition: Vec<Committed>,
}

/// One file through its life: its paths, its contents and when each came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lineage {
    /// Root-relative `/` path where it lies now; for a file deleted since,
    /// the path it had last.
    pub path: String,
    /// Whether it lies in the folder now.
    pub present: bool,
    /// When it was received and changed, as `check` dates it. A file deleted
    /// since is dated by its commits alone: the ledger speaks of files that
    /// are there.
    pub receipt: Receipt,
    /// The paths it had before, oldest first, each with when it left it.
    pub former: Vec<Former>,
    /// What each commit did to it, in history order.
    pub committed: Vec<Committed>,
    /// The versions the ledger records, earliest first.
    pub logged: Vec<Logged>,
}

impl Lineage {
    /// The path the file had at `at`: where it lay before any move made later.
    pub fn path_at(&self, at: DateTime<FixedOffset>) -> &str {
        self.former
            .iter()
            .find(|former| former.left > at)
            .map_or(&self.path, |former| &former.path)
    }

    /// Whether anything happened to the file after `at`: a change, a move, a
    /// deletion (committed, or of a committed file from the folder now).
    pub fn changed_after(&self, at: DateTime<FixedOffset>) -> bool {
        let deleted_now = !self.present && self.committed.last().is_some_and(|c| c.blob.is_some());
        self.receipt.latest() > at
            || self.former.iter().any(|former| former.left > at)
            || self.committed.iter().any(|c| c.at > at)
            || deleted_now
    }
}

/// What stands in for a content the history cannot give at an instant:
/// said wherever the campaign as it stood then is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Substitute {
    /// `path` was received at `received`, but the history holds its content
    /// only from `commit`, made later: that commit's content is used.
    CommittedLater {
        path: String,
        received: DateTime<FixedOffset>,
        commit: String,
        committed: DateTime<FixedOffset>,
    },
    /// `path` was received at `received` with a content that was never
    /// committed: the file as it lies now is used.
    Uncommitted {
        path: String,
        received: DateTime<FixedOffset>,
    },
    /// `campaign.toml` had no committed version yet at the instant (its first
    /// is at `first`): the definition as it is now is used.
    Definition { first: DateTime<FixedOffset> },
}

impl Substitute {
    /// The file it is about, root-relative.
    pub fn path(&self) -> &str {
        match self {
            Substitute::CommittedLater { path, .. } | Substitute::Uncommitted { path, .. } => path,
            Substitute::Definition { .. } => crate::layout::DEFINITION,
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        match self {
            Substitute::CommittedLater {
                path,
                received,
                commit,
                committed,
            } => {
                let (received, committed) = (moment(*received, lang), moment(*committed, lang));
                let commit = short(commit);
                lang.pick(
                    format!("{path}：{received} 收到，但 git 历史中直到 {committed} 的提交 {commit} 才有它的内容，当时的内容按这次提交计"),
                    format!("{path}: received at {received}, but the git history holds its content only from commit {commit} at {committed}; that content is used"),
                )
            }
            Substitute::Uncommitted { path, received } => {
                let received = moment(*received, lang);
                lang.pick(
                    format!("{path}：{received} 收到的内容没有提交到 git，当时的内容按现在的文件计"),
                    format!("{path}: the content received at {received} was never committed to git; the file as it is now is used"),
                )
            }
            Substitute::Definition { first } => {
                let (path, first) = (crate::layout::DEFINITION, moment(*first, lang));
                lang.pick(
                    format!("{path}：git 历史中最早的版本提交于 {first}，当时的活动定义按现在的文件计"),
                    format!("{path}: its first version in the git history was committed at {first}; the definition as it is now is used"),
                )
            }
        }
    }
}
