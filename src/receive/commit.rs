//! Committing what `campaign receive --commit` filed: one commit per unit,
//! each holding that unit's new files and the ledger as committed before it
//! with that unit's new entries, so that the shared repository's history
//! tells the story the ledger tells, one unit at a time.
//!
//! The ledger of each commit is staged as a blob (`git hash-object`,
//! `git update-index --cacheinfo`): the file on disk holds every entry, and
//! may hold entries of earlier runs, or edits, not meant for these commits,
//! which stay in the work tree as they were. Only a work tree with nothing
//! staged is committed into, so that no commit carries anything but what was
//! received; and every path is given to git as a literal pathspec, so that a
//! file named `报表[1].xlsx` or `*.jpg` stages itself and nothing else.

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use crate::git::NotInstalled;
use crate::intake::{self, Entry};
use crate::lang::Lang;
use crate::layout::LEDGER_PATH;

/// Why nothing, or not everything, was committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommitError {
    /// The campaign is not in a git work tree.
    NoRepository,
    /// Something is staged already: it would go into the unit's commit.
    Staged,
    /// git failed (its own message).
    Git(String),
    /// git is not installed.
    NoGit(NotInstalled),
}

impl CommitError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            CommitError::NoRepository => lang.pick(
                "--commit 需要活动文件夹在 git 仓库中；本次没有收件。".into(),
                "--commit needs the campaign folder to be in a git repository; nothing was received.".into(),
            ),
            CommitError::Staged => lang.pick(
                "--commit 会把暂存区中的改动一并提交，而暂存区中已有改动：请先提交或撤销暂存（git restore --staged）后重试；本次没有收件。".into(),
                "--commit would commit what is already staged along with the files received: commit it or unstage it (git restore --staged) and try again; nothing was received.".into(),
            ),
            CommitError::NoGit(missing) => missing.render(lang),
            CommitError::Git(detail) => lang.pick(
                format!("文件已收下并登记，但 git 提交失败：{detail}。请检查后手动提交。"),
                format!("the files were received and recorded, but git could not commit them: {detail}. Check and commit them by hand."),
            ),
        }
    }
}

/// Whether the campaign at `root` can take commits of received files: a git
/// work tree with nothing staged.
pub fn ready(root: &Path) -> Result<(), CommitError> {
    let inside = match git(root, &["rev-parse", "--is-inside-work-tree"], None) {
        Ok(inside) => inside,
        Err(CommitError::NoGit(missing)) => return Err(CommitError::NoGit(missing)),
        Err(_) => return Err(CommitError::NoRepository),
    };
    if inside.trim() != "true" {
        return Err(CommitError::NoRepository);
    }
    let status = run(root, &["diff", "--cached", "--quiet"], None)?.status;
    match status.code() {
        Some(0) => Ok(()),
        Some(1) => Err(CommitError::Staged),
        _ => Err(CommitError::Git(format!("git diff --cached: {status}"))),
    }
}

/// One unit's commit: the unit and its message.
pub struct UnitCommit<'a> {
    pub unit: &'a str,
    pub message: String,
}

/// Commits, in order, each unit's files of `entries` (each with its unit, as
/// recorded in the ledger), with the ledger as committed at HEAD plus that
/// unit's entries.
pub fn commit(
    root: &Path,
    entries: &[(&str, &Entry)],
    commits: &[UnitCommit],
) -> Result<(), CommitError> {
    let prefix = git(root, &["rev-parse", "--show-prefix"], None)?;
    let ledger = format!("{}{LEDGER_PATH}", prefix.trim_end_matches('\n'));
    for unit in commits {
        let of_unit: Vec<Entry> = entries
            .iter()
            .filter(|(of, _)| *of == unit.unit)
            .map(|(_, entry)| (*entry).clone())
            .collect();
        let committed = committed(root, &ledger)?;
        let text = intake::with_entries(committed.as_deref(), &of_unit);
        let blob = git(root, &["hash-object", "-w", "--stdin"], Some(&text))?;
        let cacheinfo = format!("100644,{},{ledger}", blob.trim());
        git(
            root,
            &["update-index", "--add", "--cacheinfo", &cacheinfo],
            None,
        )?;
        let mut add = vec!["add", "--force", "--"];
        add.extend(of_unit.iter().map(|entry| entry.path.as_str()));
        git(root, &add, None)?;
        git(root, &["commit", "-q", "-m", &unit.message], None)?;
    }
    Ok(())
}

/// The text of `path` (from the top of the work tree) as committed at HEAD,
/// `None` when HEAD has no such file or there is no commit yet.
fn committed(root: &Path, path: &str) -> Result<Option<String>, CommitError> {
    let spec = format!("HEAD:{path}");
    let found = run(root, &["rev-parse", "--verify", "-q", &spec], None)?;
    if !found.status.success() {
        return Ok(None);
    }
    let blob = String::from_utf8_lossy(&found.stdout).trim().to_owned();
    git(root, &["cat-file", "blob", &blob], None).map(Some)
}

/// Runs git in `root` (with `input` on its standard input) and returns what
/// it printed, or its complaint when it fails.
fn git(root: &Path, args: &[&str], input: Option<&str>) -> Result<String, CommitError> {
    let output = run(root, args, input)?;
    if !output.status.success() {
        let detail = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(CommitError::Git(format!("git {}: {detail}", args[0])));
    }
    String::from_utf8(output.stdout).map_err(|e| CommitError::Git(e.to_string()))
}

/// Runs git in `root`, every path in `args` a literal pathspec.
fn run(root: &Path, args: &[&str], input: Option<&str>) -> Result<Output, CommitError> {
    let failed = |error: std::io::Error| CommitError::Git(error.to_string());
    let mut child = crate::git::command()
        .current_dir(root)
        .arg("--literal-pathspecs")
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| not_started(&e))?;
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin.write_all(input.as_bytes()).map_err(failed)?;
    }
    child.wait_with_output().map_err(failed)
}

/// git could not be started: not installed, or another reason.
fn not_started(error: &std::io::Error) -> CommitError {
    match NotInstalled::of(error) {
        Some(missing) => CommitError::NoGit(missing),
        None => CommitError::Git(error.to_string()),
    }
}
