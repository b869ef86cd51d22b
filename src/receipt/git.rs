//! Receipt times from the git history: one `git log` for the whole folder.
//!
//! The same pass carries the blob id of every content a file had (`--raw
//! --no-abbrev`), so that [`super::blobs`] can read any earlier version, and
//! the versions of `campaign.toml`, so that the definition can be read as it
//! stood at an earlier instant.
//!
//! The history read is the first-parent chain of `HEAD`: a file that reached
//! the main line through a merge was received when the merge reached it (the
//! merge commit's committer time), not when someone committed it on a side
//! branch. Renames are detected in the same pass, so a file moved into the
//! right unit's folder or renamed keeps the receipt time of its first
//! arrival. Git pairs files by similarity, and forms filled from one template
//! are much alike: a rename that changed the content is believed only within
//! one folder (one unit's files); across folders only an exact move is, so
//! that one unit's new form never inherits another's deleted one. A move that
//! also changed the content is a revision as well. Every first-parent commit is
//! listed (its diff restricted to `submissions/`), so that each commit's
//! parent time is at hand for the clock check.
//!
//! git is run with `LC_ALL=C`, without the repository-locating variables a
//! hook may have set, and with every setting that could change the output
//! (signatures, colour, rename detection, root diffs, relative paths) fixed
//! on the command line. The user's configuration is otherwise kept, since it
//! may hold what makes the repository readable at all (`safe.directory`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::{DateTime, FixedOffset};

use super::{ReceiptError, moment};
use crate::git::{NotInstalled, short};
use crate::lang::Lang;
use crate::layout::{DEFINITION, SUBMISSIONS};

/// Variables that would make git read another repository than the one at `-C root`.
const LOCATING_VARIABLES: [&str; 5] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_INDEX_FILE",
    "GIT_PREFIX",
];

/// Author and committer times further apart than this are worth a look.
const AUTHOR_COMMITTER_GAP_SECONDS: i64 = 24 * 60 * 60;

/// A commit whose times cast doubt on the receipts taken from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryWarning {
    /// A commit touching `submissions/` committed before its first parent was.
    CommittedBeforeParent {
        commit: String,
        committed: DateTime<FixedOffset>,
        parent: String,
        parent_committed: DateTime<FixedOffset>,
    },
    /// A commit touching `submissions/` whose author and committer times are
    /// more than a day apart.
    AuthoredApart {
        commit: String,
        authored: DateTime<FixedOffset>,
        committed: DateTime<FixedOffset>,
    },
}

impl HistoryWarning {
    /// The commit in doubt.
    pub fn commit(&self) -> &str {
        match self {
            HistoryWarning::CommittedBeforeParent { commit, .. }
            | HistoryWarning::AuthoredApart { commit, .. } => commit,
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        match self {
            HistoryWarning::CommittedBeforeParent {
                commit,
                committed,
                parent,
                parent_committed,
            } => lang.pick(
                format!(
                    "提交 {} 的提交时间 {} 早于它的上一个提交 {} 的提交时间 {}：提交所用电脑的时钟可能有误，或提交时间被改过，由它得出的收到时间未必可信",
                    short(commit),
                    moment(*committed, lang),
                    short(parent),
                    moment(*parent_committed, lang)
                ),
                format!(
                    "commit {} was committed at {}, before its parent {} ({}): a clock may be wrong or the time rewritten, so receipt times taken from it may not hold",
                    short(commit),
                    moment(*committed, lang),
                    short(parent),
                    moment(*parent_committed, lang)
                ),
            ),
            HistoryWarning::AuthoredApart {
                commit,
                authored,
                committed,
            } => lang.pick(
                format!(
                    "提交 {} 的作者时间 {} 与提交时间 {} 相差超过一天（变基、拣选或时钟有误都会如此）；收到时间按提交时间计",
                    short(commit),
                    moment(*authored, lang),
                    moment(*committed, lang)
                ),
                format!(
                    "commit {} was authored at {} but committed at {}, more than a day apart (a rebase, a cherry-pick or a wrong clock); the receipt time is the commit time",
                    short(commit),
                    moment(*authored, lang),
                    moment(*committed, lang)
                ),
            ),
        }
    }
}

/// What the history says about the file now at one root-relative path (or,
/// for a file deleted since, at the path it had last).
#[derive(Debug, Clone)]
pub(super) struct PathHistory {
    /// The committer time of the first commit that added the file, at this
    /// path or at one it was later moved from.
    pub first: DateTime<FixedOffset>,
    /// Every later commit that modified or re-added it, oldest first.
    pub changes: Vec<DateTime<FixedOffset>>,
    /// The paths it had before, oldest first (empty if never moved).
    pub former: Vec<Former>,
    /// Every commit that gave it a content or took it away, in history
    /// order: its arrival, each change (`first` and `changes`, one for one),
    /// and each deletion.
    pub versions: Vec<Committed>,
}

/// A path a file had before it was moved or renamed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Former {
    pub path: String,
    /// When the file left it.
    pub left: DateTime<FixedOffset>,
}

/// One commit's doing to a file: the content it gave it, or its deletion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    pub commit: String,
    /// The committer time.
    pub at: DateTime<FixedOffset>,
    /// The content it gave the file; `None` when it deleted it.
    pub blob: Option<Blob>,
}

/// A content stored in the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob {
    /// The object id, in full.
    pub id: String,
}

#[derive(Default)]
pub(super) struct History {
    /// The commit HEAD is at; `None` in no repository or before the first commit.
    pub head: Option<String>,
    /// Keyed by campaign-root-relative `/` path.
    pub paths: HashMap<String, PathHistory>,
    /// What the commits did to `campaign.toml`, in history order.
    pub definition: Vec<Committed>,
    pub warnings: Vec<HistoryWarning>,
    /// The files below `submissions/` whose content in the folder is not
    /// the one HEAD holds (changed since, staged or not), root-relative.
    pub uncommitted: HashSet<String>,
}

/// Reads the history of `root/submissions/` and `root/campaign.toml`; empty
/// when `root` is in no repository or the repository has no commits.
pub(super) fn read(root: &Path, timezone: FixedOffset) -> Result<History, ReceiptError> {
    let Some((prefix, head)) = locate(root)? else {
        return Ok(History::default());
    };
    // Which files differ from HEAD is asked beside the history, not after it.
    let uncommitted = uncommitted(root, &prefix)?;
    let output = git(root)
        .args([
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "--find-renames",
            "--root",
            "--raw",
            "--no-abbrev",
            "-z",
            "--no-color",
            "--no-show-signature",
            "--format=%x1e%H%x1f%ct%x1f%at%x1f%P",
        ])
        .arg(format!("--relative={prefix}"))
        .args(["HEAD", "--"])
        .output()
        .map_err(|e| not_started("git log", &e))?;
    if !output.status.success() {
        return Err(failure("git log", &output));
    }
    let commits = parse_log(&output.stdout)?;
    Ok(History {
        head: Some(head),
        paths: paths(&commits, timezone),
        definition: definition(&commits, timezone),
        warnings: warnings(&commits, timezone),
        uncommitted: uncommitted.collect()?,
    })
}

/// A `git diff` running: which files below `submissions/` differ from HEAD's.
struct Uncommitted(std::process::Child);

/// Starts asking, by one `git diff` for the whole folder, which files below
/// `submissions/` differ from HEAD's; the index is left as it is.
fn uncommitted(root: &Path, prefix: &str) -> Result<Uncommitted, ReceiptError> {
    let child = git(root)
        .args([
            "--no-optional-locks",
            "diff",
            "--name-only",
            "--no-renames",
            "-z",
        ])
        .arg(format!("--relative={prefix}"))
        .args(["HEAD", "--", SUBMISSIONS])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| not_started("git diff", &e))?;
    Ok(Uncommitted(child))
}

impl Uncommitted {
    /// The root-relative paths git named.
    fn collect(self) -> Result<HashSet<String>, ReceiptError> {
        let output = self
            .0
            .wait_with_output()
            .map_err(|e| ReceiptError::Git(format!("git diff: {e}")))?;
        if !output.status.success() {
            return Err(failure("git diff", &output));
        }
        Ok(output
            .stdout
            .split(|&b| b == 0)
            .filter(|path| !path.is_empty())
            .map(|path| String::from_utf8_lossy(path).into_owned())
            .collect())
    }
}

pub(super) fn git(root: &Path) -> Command {
    let mut command = crate::git::command();
    command
        .arg("-C")
        .arg(root)
        .args([
            "--no-pager",
            "-c",
            "core.quotepath=off",
            "-c",
            "log.showSignature=false",
        ])
        .env("LC_ALL", "C")
        .stdin(Stdio::null());
    for variable in LOCATING_VARIABLES {
        command.env_remove(variable);
    }
    command
}

/// `root`'s path below the top of its work tree (`""` or `"a/b/"`) and the
/// commit HEAD is at, or `None` when there is no repository or no commit to read.
fn locate(root: &Path) -> Result<Option<(String, String)>, ReceiptError> {
    let output = match git(root)
        .args([
            "rev-parse",
            "--is-shallow-repository",
            "--show-prefix",
            "--verify",
            "-q",
            "HEAD",
        ])
        .output()
    {
        Ok(output) => output,
        // Without git a plain folder simply has no history; a repository
        // whose history cannot be read must not pass for one without commits.
        Err(e) if NotInstalled::of(&e).is_some() && marker(root).is_none() => return Ok(None),
        Err(e) => return Err(not_started("git rev-parse", &e)),
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    if output.status.success() && lines.len() >= 3 {
        if lines[0] == "true" {
            return Err(ReceiptError::ShallowClone);
        }
        return Ok(Some((lines[1].to_owned(), lines[2].to_owned())));
    }
    // `--verify -q HEAD` fails quietly with status 1 before the first commit,
    // after the other answers were given.
    if output.status.code() == Some(1) && lines.len() == 2 {
        return Ok(None);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("not a git repository") {
        // git looks past a `.git` it cannot use; only where there is none
        // at all is the folder outside every repository.
        return match marker(root) {
            None => Ok(None),
            Some(marker) => Err(ReceiptError::Unreadable {
                marker,
                detail: stderr.trim().to_owned(),
            }),
        };
    }
    Err(failure("git rev-parse", &output))
}

/// The root-relative paths below `submissions/` in `commit`, or `None` when
/// the repository has no such commit.
pub(super) fn files_at(root: &Path, commit: &str) -> Result<Option<HashSet<String>>, ReceiptError> {
    let commit = format!("{commit}^{{commit}}");
    let found = git(root)
        .args(["rev-parse", "--verify", "-q", &commit])
        .output()
        .map_err(|e| not_started("git rev-parse", &e))?;
    if !found.status.success() {
        return Ok(None);
    }
    // Paths come relative to `root`, as every receipt names them.
    let output = git(root)
        .args(["ls-tree", "-r", "-z", "--name-only", &commit, "--"])
        .arg(format!("{SUBMISSIONS}/"))
        .output()
        .map_err(|e| not_started("git ls-tree", &e))?;
    if !output.status.success() {
        return Err(failure("git ls-tree", &output));
    }
    let paths = output
        .stdout
        .split(|&b| b == 0)
        .filter(|path| !path.is_empty())
        .map(|path| String::from_utf8_lossy(path).into_owned())
        .collect();
    Ok(Some(paths))
}

/// The commit `name` names (an id, a branch, a tag) and its committer time,
/// or `None` when the repository has none such (or there is no repository).
/// The name is given to git after `--end-of-options`, so it is never an option.
pub fn commit_named(
    root: &Path,
    name: &str,
    timezone: FixedOffset,
) -> Result<Option<(String, DateTime<FixedOffset>)>, ReceiptError> {
    let output = git(root)
        .args([
            "log",
            "-1",
            "--no-walk",
            "--format=%H%x1f%ct",
            "--end-of-options",
        ])
        .arg(format!("{name}^{{commit}}"))
        .arg("--")
        .output()
        .map_err(|e| not_started("git log", &e))?;
    if !output.status.success() {
        return Ok(None);
    }
    let line = String::from_utf8_lossy(&output.stdout);
    let Some((hash, seconds)) = line.trim().split_once('\x1f') else {
        return Ok(None);
    };
    let seconds: i64 = seconds.parse().map_err(|_| unexpected(&line))?;
    Ok(Some((hash.to_owned(), at(seconds, timezone))))
}

/// The nearest `.git` (a folder, or the file a worktree or submodule has)
/// at or above `root`: what says the folder is in a repository.
fn marker(root: &Path) -> Option<PathBuf> {
    root.ancestors()
        .map(|dir| dir.join(".git"))
        .find(|marker| marker.symlink_metadata().is_ok())
}

/// git could not be started for `what`: not installed, or another reason.
pub(super) fn not_started(what: &str, error: &std::io::Error) -> ReceiptError {
    match NotInstalled::of(error) {
        Some(missing) => ReceiptError::NoGit(missing),
        None => ReceiptError::Git(format!("{what}: {error}")),
    }
}

fn failure(what: &str, output: &Output) -> ReceiptError {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let status = output
        .status
        .code()
        .map_or_else(|| "killed".to_owned(), |code| format!("exit status {code}"));
    ReceiptError::Git(format!("{what} ({status}): {}", stderr.trim()))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    Added,
    Modified,
    Deleted,
    /// Moved here from `from` (relative to the campaign root); `edited` when
    /// the content changed on the way (git's similarity below 100%).
    Renamed {
        from: String,
        edited: bool,
    },
}

/// One change of a commit: what happened at `path` (relative to the
/// campaign root), and the content the path holds after it.
struct Changed {
    change: Change,
    path: String,
    blob: Option<Blob>,
}

/// One commit of the first-parent chain, with its changes in the campaign folder.
struct Commit {
    hash: String,
    committed: i64,
    authored: i64,
    parent: Option<String>,
    changes: Vec<Changed>,
}

/// Parses `--raw -z` output: each commit is a `\x1e`-led header token, then
/// per change a token `:old-mode new-mode old-blob new-blob status` and its
/// path (a rename's status carries its similarity, `R087`, and two paths
/// follow it), all NUL-terminated. Paths are taken verbatim, whatever they hold.
fn parse_log(stdout: &[u8]) -> Result<Vec<Commit>, ReceiptError> {
    let mut commits: Vec<Commit> = Vec::new();
    let mut tokens = stdout.split(|&b| b == 0);
    while let Some(token) = tokens.next() {
        let token = token.strip_prefix(b"\n").unwrap_or(token);
        if let Some(header) = token.strip_prefix(b"\x1e") {
            commits.push(parse_header(header)?);
            continue;
        }
        if token.is_empty() {
            continue;
        }
        let commit = commits
            .last_mut()
            .ok_or_else(|| unexpected("a change before the first commit"))?;
        let (status, blob) = parse_raw(token)?;
        let mut path = || {
            tokens
                .next()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .ok_or_else(|| unexpected("a change without its path"))
        };
        let change = match status.first() {
            Some(b'R') => {
                let from = path()?;
                let edited = &status[1..] != b"100";
                Change::Renamed { from, edited }
            }
            Some(b'A') => Change::Added,
            Some(b'D') => Change::Deleted,
            _ => Change::Modified,
        };
        let path = path()?;
        commit.changes.push(Changed { change, path, blob });
    }
    Ok(commits)
}

/// Mode of a gitlink (a submodule's commit): no content of ours.
const GITLINK: &[u8] = b"160000";

/// The status (`M`, `R087` …) of one `--raw` token and the content the path
/// holds after the change (none when it is deleted or a submodule).
fn parse_raw(token: &[u8]) -> Result<(&[u8], Option<Blob>), ReceiptError> {
    let fields: Vec<&[u8]> = token.split(|&b| b == b' ').collect();
    let [_, mode, _, blob, status] = fields[..] else {
        return Err(unexpected(&String::from_utf8_lossy(token)));
    };
    let blob = std::str::from_utf8(blob).map_err(|_| unexpected("a blob id that is not text"))?;
    let content = !blob.bytes().all(|b| b == b'0') && mode != GITLINK;
    let blob = content.then(|| Blob {
        id: blob.to_owned(),
    });
    Ok((status, blob))
}

fn parse_header(header: &[u8]) -> Result<Commit, ReceiptError> {
    let header = String::from_utf8_lossy(header);
    let fields: Vec<&str> = header.split('\x1f').collect();
    let [hash, committed, authored, parents] = fields[..] else {
        return Err(unexpected(&header));
    };
    let seconds = |field: &str| field.parse::<i64>().map_err(|_| unexpected(&header));
    Ok(Commit {
        hash: hash.to_owned(),
        committed: seconds(committed)?,
        authored: seconds(authored)?,
        parent: parents.split_whitespace().next().map(str::to_owned),
        changes: Vec::new(),
    })
}

fn unexpected(what: &str) -> ReceiptError {
    ReceiptError::Git(format!("unexpected git log output: {what}"))
}

fn at(seconds: i64, timezone: FixedOffset) -> DateTime<FixedOffset> {
    DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .with_timezone(&timezone)
}

/// Whether a root-relative path lies below `submissions/`.
fn submitted(path: &str) -> bool {
    path.strip_prefix(SUBMISSIONS)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// Walks the chain oldest first: the first add of a path is its receipt,
/// every later add or modification a revision; deletions are neither; a
/// believable rename carries the history of the old path to the new one.
/// A move into `submissions/` from elsewhere is an arrival, a move out of it
/// a deletion.
fn paths(commits: &[Commit], timezone: FixedOffset) -> HashMap<String, PathHistory> {
    let mut paths: HashMap<String, PathHistory> = HashMap::new();
    for commit in commits.iter().rev() {
        let time = at(commit.committed, timezone);
        let committed = |blob: &Option<Blob>| Committed {
            commit: commit.hash.clone(),
            at: time,
            blob: blob.clone(),
        };
        for Changed { change, path, blob } in &commit.changes {
            if let Change::Renamed { from, .. } = change
                && submitted(from)
                && !submitted(path)
            {
                if let Some(history) = paths.get_mut(from) {
                    history.versions.push(committed(&None));
                }
                continue;
            }
            if !submitted(path) {
                continue;
            }
            match change {
                Change::Deleted => {
                    if let Some(history) = paths.get_mut(path) {
                        history.versions.push(committed(&None));
                    }
                }
                Change::Renamed { from, edited } => {
                    let believable = !*edited || folder(from) == folder(path);
                    let Some(mut history) = paths.remove(from).filter(|_| believable) else {
                        paths.insert(path.clone(), PathHistory::arrived(committed(blob)));
                        continue;
                    };
                    history.former.push(Former {
                        path: from.clone(),
                        left: time,
                    });
                    if *edited {
                        history.changes.push(time);
                        history.versions.push(committed(blob));
                    }
                    paths.insert(path.clone(), history);
                }
                Change::Added | Change::Modified => match paths.get_mut(path) {
                    Some(history) => {
                        history.changes.push(time);
                        history.versions.push(committed(blob));
                    }
                    None => {
                        paths.insert(path.clone(), PathHistory::arrived(committed(blob)));
                    }
                },
            }
        }
    }
    paths
}

/// What the commits did to `campaign.toml`, oldest first.
fn definition(commits: &[Commit], timezone: FixedOffset) -> Vec<Committed> {
    let mut versions = Vec::new();
    for commit in commits.iter().rev() {
        for Changed { change, path, blob } in &commit.changes {
            let gone = matches!(change, Change::Renamed { from, .. } if from == DEFINITION);
            if path != DEFINITION && !gone {
                continue;
            }
            versions.push(Committed {
                commit: commit.hash.clone(),
                at: at(commit.committed, timezone),
                blob: if path == DEFINITION {
                    blob.clone()
                } else {
                    None
                },
            });
        }
    }
    versions
}

impl PathHistory {
    fn arrived(committed: Committed) -> PathHistory {
        PathHistory {
            first: committed.at,
            changes: Vec::new(),
            former: Vec::new(),
            versions: vec![committed],
        }
    }

    /// The committer time of the last commit that brought the file its
    /// content: the last in history order, whatever the times say.
    pub fn last_change(&self) -> DateTime<FixedOffset> {
        self.changes.last().copied().unwrap_or(self.first)
    }
}

/// The folder below `submissions/` a path lies in (a unit's), if any.
fn folder(path: &str) -> Option<&str> {
    let below = path.strip_prefix(SUBMISSIONS)?.strip_prefix('/')?;
    below.split_once('/').map(|(folder, _)| folder)
}

/// Doubts about the commits that touch `submissions/`, oldest first.
fn warnings(commits: &[Commit], timezone: FixedOffset) -> Vec<HistoryWarning> {
    let committed: HashMap<&str, i64> = commits
        .iter()
        .map(|c| (c.hash.as_str(), c.committed))
        .collect();
    let mut warnings = Vec::new();
    let touches = |commit: &&Commit| {
        commit.changes.iter().any(|c| {
            submitted(&c.path)
                || matches!(&c.change, Change::Renamed { from, .. } if submitted(from))
        })
    };
    for commit in commits.iter().rev().filter(touches) {
        let parent = commit
            .parent
            .as_deref()
            .and_then(|p| Some((p, *committed.get(p)?)));
        if let Some((parent, parent_committed)) = parent
            && commit.committed < parent_committed
        {
            warnings.push(HistoryWarning::CommittedBeforeParent {
                commit: commit.hash.clone(),
                committed: at(commit.committed, timezone),
                parent: parent.to_owned(),
                parent_committed: at(parent_committed, timezone),
            });
        }
        if (commit.authored - commit.committed).abs() > AUTHOR_COMMITTER_GAP_SECONDS {
            warnings.push(HistoryWarning::AuthoredApart {
                commit: commit.hash.clone(),
                authored: at(commit.authored, timezone),
                committed: at(commit.committed, timezone),
            });
        }
    }
    warnings
}
