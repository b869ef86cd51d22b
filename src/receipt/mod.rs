//! When each submitted file was received (SPEC §5).
//!
//! Three sources, in this order of precedence:
//!
//! 1. an entry of the receipt ledger `submissions/received.toml` ([`ledger`]),
//!    for files that came by e-mail or messenger before being committed
//!    (`campaign receive` files them; [`recorded`] is the ledger as it
//!    appends to it), or that CI stamped when they arrived ([`stamp`] tells
//!    what is still to stamp);
//! 2. the git history ([`git`]): the committer time of the first commit that
//!    added the file at its path, read in one `git log` pass for the whole
//!    folder;
//! 3. the file's modification time, for a file not yet committed.
//!
//! Whatever the source, a later commit that changed the file is its revision,
//! except where the ledger records the file's content (entries with a
//! sha256): there its later entries are the revisions, trusted over commit
//! times, and content matching none of them is a change not yet stamped.
//! A file moved or renamed inside `submissions/` keeps the receipt of its
//! first arrival, including a ledger entry made under its old path.
//! This module only learns times; judging them against deadlines (and
//! `--as-of`) is the business of the status module. The same pass gathers
//! every content each file had ([`Timeline`]), the commit the content now
//! read came from, and [`Blobs`] reads those contents from the repository;
//! which of them stood at an instant is [`crate::history`]'s business. Problems of the ledger
//! and doubts about the history are values with a Chinese and an English
//! rendering; only a shallow clone or a failing git stops the whole answer,
//! since every git time would then be in doubt.

mod blobs;
mod digest;
mod git;
mod ledger;
mod stamp;
mod timeline;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, FixedOffset, SecondsFormat, Utc};

use crate::lang::Lang;
use crate::layout::LEDGER_PATH;

pub use blobs::{Blobs, Fetched};
pub use digest::Sha256;
pub use git::{HistoryWarning, commit_named};
pub use ledger::{LedgerProblem, Start, StartFault, tables_in};
pub use stamp::{Arrival, FirstRun, NotAFile, StampError, Unreadable, Unstamped, unstamped};
pub use timeline::{Blob, Committed, Former, Lineage, Logged, Substitute, Timeline};

use git::{History, PathHistory};
use ledger::Ledger;

/// How a receipt time was learnt (SPEC §6 `received_via`: "ledger", "git", "mtime").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Ledger,
    Git,
    Mtime,
}

impl Via {
    /// The code check's JSON uses.
    pub fn code(self) -> &'static str {
        match self {
            Via::Ledger => "ledger",
            Via::Git => "git",
            Via::Mtime => "mtime",
        }
    }
}

/// When one file was received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// When the file was first received, in the campaign's time zone.
    pub first: DateTime<FixedOffset>,
    pub via: Via,
    /// Every later change, oldest first: a later version in the ledger, or
    /// a commit that modified the file.
    pub changes: Vec<DateTime<FixedOffset>>,
    /// Where the file first arrived, if it has been moved or renamed since.
    pub moved: Option<Move>,
}

/// A file moved or renamed inside `submissions/` after it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The root-relative path it arrived at.
    pub from: String,
    /// When it was last moved.
    pub at: DateTime<FixedOffset>,
}

impl Receipt {
    /// The latest change after the first receipt, up to `as_of`.
    pub fn revised(&self, as_of: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
        self.changes
            .iter()
            .copied()
            .filter(|&at| at > self.first && at <= as_of)
            .max()
    }

    /// When the file last changed, up to `as_of`: its revision or its receipt.
    pub fn changed(&self, as_of: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        self.revised(as_of).unwrap_or(self.first)
    }

    /// When the file last changed at all.
    pub fn latest(&self) -> DateTime<FixedOffset> {
        self.changes
            .iter()
            .copied()
            .chain([self.first])
            .max()
            .unwrap_or(self.first)
    }
}

/// The receipts of every submitted file, with what was wrong on the way.
/// `Receipts::default()` is none at all: what a campaign with no history has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Receipts {
    /// Keyed by root-relative `/` path, e.g. `submissions/党建室/附件1.xlsx`.
    /// A file whose modification time cannot be read (it vanished during the
    /// run) has no entry.
    pub by_path: BTreeMap<String, Receipt>,
    /// Entries of the ledger that were not used, or used in part.
    pub ledger_problems: Vec<LedgerProblem>,
    /// Commits whose times look wrong; their receipts are still used.
    pub warnings: Vec<HistoryWarning>,
    /// Every content each file has had: what reading an earlier instant needs.
    pub timeline: Timeline,
    /// For each file whose content as read is a committed one, the commit
    /// that gave it that content: where a figure came from. None for a
    /// content never committed, or changed since its last commit.
    pub commits: BTreeMap<String, Committed>,
    /// Where the campaign is read as it stood at an earlier instant, what
    /// stands in for the contents the history cannot give.
    pub substitutes: Vec<Substitute>,
}

impl Receipts {
    /// The commit that gave the file at `path` the content it is read with,
    /// if one did ([`Receipts::commits`]): where its figures came from.
    pub fn commit_of(&self, path: &str) -> Option<String> {
        self.commits.get(path).map(|c| c.commit.clone())
    }
}

/// What stops receipts from being known at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptError {
    /// The repository holds only part of its history: first commits may be
    /// missing, so every git time would be wrong.
    ShallowClone,
    /// git ran and failed unexpectedly (the detail is git's own message).
    Git(String),
    /// The folder is in a repository and git is not installed to read it.
    NoGit(crate::git::NotInstalled),
    /// `marker` (a `.git` folder or file) says the folder is in a
    /// repository, and git cannot read that repository: a worktree or
    /// submodule whose repository was moved, a `.git` folder left empty.
    Unreadable { marker: PathBuf, detail: String },
}

impl ReceiptError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            ReceiptError::ShallowClone => lang.pick(
                "仓库是浅克隆（只有部分历史），无法得出准确的收到时间；请获取完整历史（git fetch --unshallow，或在 CI 中设置 fetch-depth: 0）后重试".into(),
                "the repository is a shallow clone (only part of its history), so receipt times cannot be known exactly; fetch the full history (git fetch --unshallow, or set fetch-depth: 0 in CI) and try again".into(),
            ),
            ReceiptError::Git(detail) => lang.pick(
                format!("无法读取 git 历史，收到时间无从得知：{detail}"),
                format!("cannot read the git history, so receipt times are unknown: {detail}"),
            ),
            ReceiptError::NoGit(missing) => missing.render(lang),
            ReceiptError::Unreadable { marker, detail } => {
                let marker = marker.display();
                lang.pick(
                    format!("{marker} 表明活动文件夹在 git 仓库中，但这个仓库无法读取（{detail}），收到时间无从得知。请修复仓库（工作树或子模块的仓库被移走时，可用 git worktree repair 或重新克隆），或移走 {marker} 后按文件修改时间计。"),
                    format!("{marker} says the campaign folder is in a git repository, but that repository cannot be read ({detail}), so receipt times are unknown. Repair the repository (for a worktree or submodule whose repository was moved: git worktree repair, or clone it again), or move {marker} away to go by modification times."),
                )
            }
        }
    }
}

impl fmt::Display for ReceiptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Zh))
    }
}

impl std::error::Error for ReceiptError {}

/// The receipt of every file in `files` (root-relative `/` paths of the
/// submitted files, as discovery lists them; the ledger itself is not one).
///
/// Runs git at most twice (`rev-parse` and one `git log` for the whole
/// history), however many files there are. A folder that is not in a git
/// repository, or a repository without commits, simply has no git receipts.
///
/// ```no_run
/// # use std::path::Path;
/// use campaign::receipt::{receipts, Via};
/// use chrono::FixedOffset;
///
/// let files = vec!["submissions/党建室/附件1.xlsx".to_owned()];
/// let zone = FixedOffset::east_opt(8 * 3600).unwrap();
/// let found = receipts(Path::new("."), &files, zone).expect("full git history");
/// let receipt = &found.by_path["submissions/党建室/附件1.xlsx"];
/// println!("{} via {}", receipt.first, receipt.via.code());
/// ```
pub fn receipts(
    root: &Path,
    files: &[String],
    timezone: FixedOffset,
) -> Result<Receipts, ReceiptError> {
    Ok(from(root, files, timezone, git::read(root, timezone)?))
}

/// The receipts of `files` as a folder in no repository has them, from the
/// ledger and modification times, whatever git could tell: what is left
/// where git is not installed to read the history.
pub fn without_history(root: &Path, files: &[String], timezone: FixedOffset) -> Receipts {
    from(root, files, timezone, History::default())
}

fn from(root: &Path, files: &[String], timezone: FixedOffset, history: History) -> Receipts {
    let ledger = ledger::read(root, &known(files, &history), timezone);
    let mut by_path = BTreeMap::new();
    let mut commits = BTreeMap::new();
    let mut lineages = Vec::new();
    for file in files {
        let committed = history.paths.get(file);
        let last = committed.and_then(|h| h.versions.last());
        if let Some(last) = last.filter(|c| c.blob.is_some() && !history.uncommitted.contains(file))
        {
            commits.insert(file.clone(), last.clone());
        }
        let logged = logged(&ledger, file, committed);
        let Some(receipt) = receipt(root, file, &logged, committed, timezone) else {
            continue;
        };
        by_path.insert(file.clone(), receipt.clone());
        lineages.push(lineage(file, true, receipt, committed, &logged));
    }
    // Files the history holds that are not there now: dated by their commits.
    for (path, committed) in &history.paths {
        if path == LEDGER_PATH || by_path.contains_key(path) {
            continue;
        }
        if let Some(receipt) = receipt(root, path, &[], Some(committed), timezone) {
            lineages.push(lineage(path, false, receipt, Some(committed), &[]));
        }
    }
    Receipts {
        by_path,
        ledger_problems: ledger.problems,
        warnings: history.warnings,
        commits,
        timeline: Timeline {
            head: history.head,
            files: lineages,
            definition: history.definition,
        },
        substitutes: Vec::new(),
    }
}

/// The receipt of the file at `file`: the ledger's first, else git's, else
/// its modification time; `None` when nothing dates it.
fn receipt(
    root: &Path,
    file: &str,
    logged: &[&Logged],
    committed: Option<&PathHistory>,
    timezone: FixedOffset,
) -> Option<Receipt> {
    let moved = committed.and_then(|h| {
        Some(Move {
            from: h.former.first()?.path.clone(),
            at: h.former.last()?.left,
        })
    });
    if let Some(first) = logged.first() {
        return Some(Receipt {
            first: first.at,
            via: Via::Ledger,
            changes: logged_changes(&root.join(file), logged, committed, timezone),
            moved,
        });
    }
    if let Some(h) = committed {
        return Some(Receipt {
            first: h.first,
            via: Via::Git,
            changes: h.changes.clone(),
            moved,
        });
    }
    Some(Receipt {
        first: modified(&root.join(file), timezone)?,
        via: Via::Mtime,
        changes: Vec::new(),
        moved: None,
    })
}

fn lineage(
    path: &str,
    present: bool,
    receipt: Receipt,
    committed: Option<&PathHistory>,
    logged: &[&Logged],
) -> Lineage {
    Lineage {
        path: path.to_owned(),
        present,
        receipt,
        former: committed.map(|h| h.former.clone()).unwrap_or_default(),
        committed: committed.map(|h| h.versions.clone()).unwrap_or_default(),
        logged: logged.iter().map(|l| (*l).clone()).collect(),
    }
}

/// What the ledger holds, as a writer that appends to it needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The ledger's text as read, byte for byte (`None`: there is none yet):
    /// what new entries go after.
    pub text: Option<String>,
    /// Every content the ledger records by its sha256, with the path it was
    /// received at: what has already arrived, whatever its file is called now.
    pub contents: Vec<(String, Sha256)>,
    /// Every path an entry names, whether a file lies there or not: a name
    /// that no new file may take, or the ledger would date it by another's entry.
    pub named: BTreeSet<String>,
}

/// The ledger of the campaign at `root`, whose submitted files are `files`
/// (as discovery lists them), unless nothing may be appended to it: it
/// cannot be read, it does not parse as a whole, or its `[stamp]` table is
/// broken (the problem says which, with its line).
pub fn recorded(
    root: &Path,
    files: &[String],
    timezone: FixedOffset,
) -> Result<Recorded, LedgerProblem> {
    let ledger = ledger::read(root, files, timezone);
    if let Some(problem) = ledger.broken() {
        return Err(problem.clone());
    }
    let contents = ledger
        .entries
        .iter()
        .flat_map(|(path, versions)| {
            let digests = versions.iter().filter_map(|v| v.sha256.clone());
            digests.map(move |sha256| (path.clone(), sha256))
        })
        .collect();
    Ok(Recorded {
        text: ledger.text,
        contents,
        named: ledger.named,
    })
}

/// The paths the ledger may name for `files`: their own, and every path
/// they were moved from, since an entry made under the old path still dates
/// a moved file.
fn known(files: &[String], history: &History) -> Vec<String> {
    files
        .iter()
        .filter_map(|file| history.paths.get(file))
        .flat_map(|h| h.former.iter().map(|f| f.path.clone()))
        .chain(files.iter().cloned())
        .collect()
}

/// The ledger's versions of `file` under every path it has had, earliest
/// first. An entry under an old path counts only if it was made before the
/// file left that path; a later one is another file's.
fn logged<'l>(ledger: &'l Ledger, file: &str, committed: Option<&PathHistory>) -> Vec<&'l Logged> {
    let former = committed.into_iter().flat_map(|h| &h.former);
    let before_leaving = former.flat_map(|f| {
        let entries = ledger.entries.get(&f.path).into_iter().flatten();
        entries.filter(|l| l.at <= f.left)
    });
    let mut logged: Vec<&Logged> = before_leaving
        .chain(ledger.entries.get(file).into_iter().flatten())
        .collect();
    logged.sort_by_key(|l| l.at);
    logged
}

/// The changes of a file the ledger dates. Entries without a sha256 date
/// only its arrival, and commits its changes. Entries with one record each
/// version, so they are trusted over commit times: the later entries are the
/// revisions, and content that matches none of them is a change not yet
/// stamped, dated by [`unstamped_change`].
fn logged_changes(
    path: &Path,
    logged: &[&Logged],
    committed: Option<&PathHistory>,
    timezone: FixedOffset,
) -> Vec<DateTime<FixedOffset>> {
    let stamped: Vec<&Sha256> = logged.iter().filter_map(|l| l.sha256.as_ref()).collect();
    let Some(last) = logged.last().filter(|_| !stamped.is_empty()) else {
        return committed.map(|h| h.changes.clone()).unwrap_or_default();
    };
    let mut changes: Vec<DateTime<FixedOffset>> = logged[1..].iter().map(|l| l.at).collect();
    let unstamped = Sha256::of_file(path).is_ok_and(|current| !stamped.contains(&&current));
    if unstamped {
        changes.push(unstamped_change(path, last.at, committed, timezone));
    }
    changes
}

/// When content that no entry records arrived: at the commit that brought
/// it, if that is later than the last entry (which saw the content before
/// it). Otherwise git cannot say — the change is not committed, or its
/// commit claims a time before that entry — and the file's modification time
/// stands in, but never before the last entry: the change certainly came
/// after it.
fn unstamped_change(
    path: &Path,
    last: DateTime<FixedOffset>,
    committed: Option<&PathHistory>,
    timezone: FixedOffset,
) -> DateTime<FixedOffset> {
    if let Some(at) = committed
        .map(PathHistory::last_change)
        .filter(|at| *at > last)
    {
        return at;
    }
    let after = last + Duration::seconds(1);
    modified(path, timezone).map_or(after, |at| at.max(after))
}

fn modified(path: &Path, timezone: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let at = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(DateTime::<Utc>::from(at).with_timezone(&timezone))
}

/// A moment in a message: 2021年6月2日 16:30:00, or 2021-06-02T16:30:00+08:00.
pub(crate) fn moment(at: DateTime<FixedOffset>, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{} {}",
            crate::zh::date(at.date_naive()),
            at.format("%H:%M:%S")
        ),
        Lang::En => at.to_rfc3339_opts(SecondsFormat::AutoSi, false),
    }
}
