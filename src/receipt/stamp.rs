//! What `campaign stamp` has yet to record in the ledger (SPEC §5).
//!
//! Stamping starts at the commit HEAD is at when stamp first runs: the files
//! already in that commit keep their commit times for good, under whatever
//! path they have been moved to since (followed as receipts follow moves), so
//! adopting stamp in the middle of a campaign changes no verdict. Every other
//! file needs an entry when the ledger has none for it, and a further one
//! whenever its content matches none of the sha256 recorded for it. A file
//! whose entries carry no sha256 (written by hand) is left alone: there is
//! nothing to compare its content with.
//!
//! This module only reads; writing the entries is the intake's business.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::digest::Sha256;
use super::git::{self, PathHistory};
use super::ledger::{self, LedgerProblem};
use super::{ReceiptError, known, logged, moment};
use crate::discover::{Special, special};
use crate::lang::Lang;
use crate::layout::LEDGER_PATH;

/// What the ledger lacks, as it stood when read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unstamped {
    /// The ledger's text as read, byte for byte (`None`: there is none yet):
    /// what the new entries go after.
    pub ledger: Option<String>,
    /// Where stamping starts, when it has not started yet.
    pub first_run: Option<FirstRun>,
    /// The files to stamp, in the order discovery listed them.
    pub arrivals: Vec<Arrival>,
    /// Files whose content could not be read; they wait for the next run.
    pub unreadable: Vec<Unreadable>,
    /// What is not a regular file, never opened and never recorded.
    pub not_files: Vec<NotAFile>,
}

/// The commit stamping starts at, on its first run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstRun {
    pub commit: String,
    /// How many of the files are in that commit and keep their commit times.
    pub existing: usize,
}

/// A file whose current content the ledger does not record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    /// Root-relative `/` path.
    pub path: String,
    pub sha256: Sha256,
    /// Whether the ledger already dates an earlier version of the file.
    pub revision: bool,
}

/// A named pipe, socket, device or link to one, found where files are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAFile {
    pub path: String,
    pub what: Special,
}

impl NotAFile {
    pub fn render(&self, lang: Lang) -> String {
        let (path, what) = (&self.path, self.what.name(lang));
        lang.pick(
            format!("{path} 是{what}，不是普通文件，campaign 不读取也不登记它"),
            format!("{path} is {what}, not a regular file; campaign neither reads nor records it"),
        )
    }
}

/// A file left for the next run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub path: String,
    pub message: String,
}

impl FirstRun {
    /// What starting means, as stamp reports it.
    pub fn render(&self, lang: Lang) -> String {
        let (commit, existing) = (crate::git::short(&self.commit), self.existing);
        lang.pick(
            format!("开始登记收到时间：提交 {commit} 中已有的 {existing} 个文件仍按提交时间计"),
            format!(
                "started recording arrivals: the {existing} files already in commit {commit} keep their commit times"
            ),
        )
    }
}

impl Arrival {
    /// The line stamp prints for the entry it wrote, received `at`.
    pub fn render(&self, at: DateTime<FixedOffset>, lang: Lang) -> String {
        let (path, at) = (&self.path, moment(at, lang));
        match (self.revision, lang) {
            (false, Lang::Zh) => format!("已登记 {path}：{at} 收到"),
            (true, Lang::Zh) => format!("已登记 {path} 的新版本：{at} 收到"),
            (false, Lang::En) => format!("recorded {path}: received {at}"),
            (true, Lang::En) => format!("recorded a new version of {path}: received {at}"),
        }
    }
}

impl Unreadable {
    pub fn render(&self, lang: Lang) -> String {
        lang.pick(
            format!(
                "无法读取 {}（{}），本次未登记，下次运行时再登记",
                self.path, self.message
            ),
            format!(
                "cannot read {} ({}); it is not recorded now and will be on the next run",
                self.path, self.message
            ),
        )
    }
}

/// Why stamping cannot go on; nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StampError {
    /// A shallow clone, or git failed.
    Receipt(ReceiptError),
    /// No repository, or one without commits: there is no arrival to see.
    NoHistory,
    /// The ledger cannot be read, does not parse, or its `[stamp]` table
    /// cannot say where stamping started: appending could only make it worse.
    Ledger(LedgerProblem),
    /// `[stamp]` names a commit the repository does not have.
    UnknownStart(String),
}

impl StampError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            StampError::Receipt(error) => error.render(lang),
            StampError::NoHistory => lang.pick(
                "campaign stamp 只能在已有提交的 git 仓库中运行：它登记的是文件何时到达共享仓库，而这里还没有任何提交。".into(),
                "campaign stamp runs only in a git repository with commits: it records when files reached the shared repository, and there is no commit here yet.".into(),
            ),
            StampError::Ledger(problem) => format!(
                "{}\n{}",
                problem.render(lang),
                lang.pick(
                    "收件登记有误时不能在其后追加：本次没有登记任何文件，收件登记未作改动。请改正后重试。",
                    "nothing can be appended to the ledger while it is broken: nothing was recorded and the ledger was left as it was. Correct it and try again.",
                )
            ),
            StampError::UnknownStart(commit) => lang.pick(
                format!(
                    "{LEDGER_PATH} 的 [stamp] 记录 campaign stamp 从提交 {commit} 开始登记，但仓库中没有这个提交（历史被改写过？）。请把 commit 改为开始登记时的提交后重试；本次没有登记任何文件。"
                ),
                format!(
                    "[stamp] in {LEDGER_PATH} says campaign stamp started at commit {commit}, which this repository does not have (was the history rewritten?). Set commit to the commit stamping started at and try again; nothing was recorded."
                ),
            ),
        }
    }
}

/// What `campaign stamp` must add for `files` (root-relative `/` paths, as
/// discovery lists them), with the ledger's text it was decided on.
pub fn unstamped(
    root: &Path,
    files: &[String],
    timezone: FixedOffset,
) -> Result<Unstamped, StampError> {
    let history = git::read(root, timezone).map_err(StampError::Receipt)?;
    let Some(head) = history.head.clone() else {
        return Err(StampError::NoHistory);
    };
    let ledger = ledger::read(root, &known(files, &history), timezone);
    if let Some(problem) = ledger.broken() {
        return Err(StampError::Ledger(problem.clone()));
    }
    let commit = ledger.start.as_ref().map_or(&head, |start| &start.commit);
    let existing = git::files_at(root, commit)
        .map_err(StampError::Receipt)?
        .ok_or_else(|| StampError::UnknownStart(commit.clone()))?;

    let mut left_alone = 0;
    let mut arrivals = Vec::new();
    let mut unreadable = Vec::new();
    let mut not_files = Vec::new();
    for file in files {
        if let Some(what) = special(&root.join(file)) {
            not_files.push(NotAFile {
                path: file.clone(),
                what,
            });
            continue;
        }
        let committed = history.paths.get(file);
        if existed(file, committed, &existing) {
            left_alone += 1;
            continue;
        }
        let logged = logged(&ledger, file, committed);
        let stamped: Vec<&Sha256> = logged.iter().filter_map(|l| l.sha256.as_ref()).collect();
        if !logged.is_empty() && stamped.is_empty() {
            continue;
        }
        let sha256 = match Sha256::of_file(&root.join(file)) {
            Ok(sha256) => sha256,
            Err(e) => {
                unreadable.push(Unreadable {
                    path: file.clone(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        if !stamped.contains(&&sha256) {
            arrivals.push(Arrival {
                path: file.clone(),
                sha256,
                revision: !logged.is_empty(),
            });
        }
    }
    Ok(Unstamped {
        first_run: ledger.start.is_none().then_some(FirstRun {
            commit: head,
            existing: left_alone,
        }),
        ledger: ledger.text,
        arrivals,
        unreadable,
        not_files,
    })
}

/// Whether the file was in the commit stamping started at, under its path or
/// one it was moved from.
fn existed(file: &str, committed: Option<&PathHistory>, existing: &HashSet<String>) -> bool {
    let former = committed.into_iter().flat_map(|h| &h.former);
    existing.contains(file) || former.map(|f| &f.path).any(|path| existing.contains(path))
}
