//! The campaign as it stood at an earlier instant (SPEC §5 `--as-of`): for
//! every file the newest version received by then, where it lay then, and
//! `campaign.toml` as it stood; the contents read from the git history.
//!
//! Which version had been received by an instant is decided by the trusted
//! receipt times — the ledger's entries and stamps first, then commits — and
//! never by `git rev-list --before`: that stops at the first commit dated
//! before the instant, so a back-dated commit would bring in every change of
//! the commits before it, however late they were made. Each file has its own
//! dated versions, and the newest one dated by the instant is taken. A file
//! with nothing dated after the instant is taken as it was read now, so
//! judging an instant after the last change costs nothing more. Where the
//! history cannot say — a file the ledger received but a later commit first
//! holds, a content never committed — the nearest content stands in, and a
//! [`Substitute`] says so.
//!
//! This module chooses versions and hands their bytes to the reader
//! ([`store`] reads them from the history); judging is the status module's
//! business.

pub mod store;

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::definition::Campaign;
use crate::discover::{self, Found};
use crate::error::Error;
use crate::layout::DEFINITION;
use crate::read::workbook::ReadError;
use crate::read::{self, FileRead};
use crate::receipt::{
    Blob, Committed, Lineage, Move, Receipt, Receipts, Sha256, Substitute, Timeline, Via,
};
pub use store::Store;

/// The campaign as it stood at one instant.
#[derive(Debug)]
pub struct Stood {
    /// The definition as it stood, when it differs from the one of now.
    pub campaign: Option<Campaign>,
    /// Every file that had been received, read as it stood.
    pub files: Vec<FileRead>,
    /// The bytes of each document whose content then is not the one in the
    /// folder now, by path: what the 汇编 compiles from.
    pub documents: BTreeMap<String, Vec<u8>>,
    /// Their receipts as they stood: under the paths they had then, with
    /// nothing dated later; the ledger's problems and the doubtful commits
    /// as now, and what stood in for contents the history cannot give. They
    /// carry no timeline: an earlier instant is read from the receipts of now.
    pub receipts: Receipts,
}

/// The campaign at `at`, from the files as read now (`files`, by `campaign`
/// as it is now) and what the history says of them (`receipts`); `None`
/// when it is the campaign as read now ([`unchanged_since`]).
pub fn stood_at(
    root: &Path,
    campaign: &Campaign,
    files: &[FileRead],
    receipts: &Receipts,
    at: DateTime<FixedOffset>,
    store: &mut Store,
) -> Result<Option<Stood>, Error> {
    let timeline = &receipts.timeline;
    if unchanged_since(root, timeline, at) {
        return Ok(None);
    }
    let lineages = listed_at(root, timeline, at);
    let mut substitutes = Vec::new();
    let past = definition_at(timeline, at, store, &mut substitutes)?;
    let reading = past.as_ref().unwrap_or(campaign);

    // The files of a folder named like a workbook are listed once, as the folder.
    let mut listed = HashSet::new();
    let picks: Vec<(&Lineage, Found, Picked)> = lineages
        .into_iter()
        .filter(|(lineage, _)| lineage.receipt.first <= at)
        .filter_map(|(lineage, found)| Some((lineage, found, pick(lineage, at)?)))
        .filter(|(_, found, _)| listed.insert(found.rel.clone()))
        .collect();
    let contents = resolve(root, &picks, at, store, &mut substitutes)?;

    // A file read now is taken as it was read, unless the definition then
    // reads it otherwise; every other file is read from its bytes.
    let now: HashMap<&str, &FileRead> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut jobs: Vec<(Found, Option<Held>)> = Vec::new();
    let mut stood: Vec<FileRead> = Vec::new();
    let mut by_path = BTreeMap::new();
    let mut commits = BTreeMap::new();
    let mut documents = BTreeMap::new();
    for ((lineage, found, _), content) in picks.into_iter().zip(contents) {
        let commit = match content {
            None => continue,
            Some(Content::Read) => {
                if past.is_some() {
                    jobs.push((discover::found_at(root, &found.path), None));
                } else if let Some(read) = now.get(found.rel.as_str()) {
                    stood.push((*read).clone());
                } else {
                    continue;
                }
                receipts.commits.get(&found.rel).cloned()
            }
            Some(Content::Held { bytes, commit }) => {
                if let (discover::Kind::Document, Ok(bytes)) = (&found.kind, &bytes) {
                    documents.insert(found.rel.clone(), bytes.clone());
                }
                jobs.push((found.clone(), Some(bytes)));
                commit
            }
        };
        commits.extend(commit.map(|commit| (found.rel.clone(), commit)));
        by_path.insert(found.rel, receipt_at(lineage, at));
    }
    let limits = read::limits(reading);
    stood.par_extend(jobs.into_par_iter().map(|(found, held)| match held {
        None => read::read_file(reading, &found, &limits),
        Some(held) => read::read_version(reading, &found, held, &limits),
    }));
    stood.sort_by(|a, b| in_folder_order(&a.path, &b.path));
    Ok(Some(Stood {
        campaign: past,
        files: stood,
        documents,
        receipts: Receipts {
            by_path,
            ledger_problems: receipts.ledger_problems.clone(),
            warnings: receipts.warnings.clone(),
            commits,
            timeline: Timeline::default(),
            substitutes,
        },
    }))
}

/// Whether the campaign at `at` is the campaign as read now: no history to
/// read, or nothing in it after `at` — no file received, changed, moved or
/// deleted, no change of `campaign.toml`.
fn unchanged_since(root: &Path, timeline: &Timeline, at: DateTime<FixedOffset>) -> bool {
    let untouched = || {
        listed_at(root, timeline, at)
            .iter()
            .all(|(l, _)| !l.changed_after(at))
    };
    timeline.head.is_none() || !definition_changed(timeline, at) && untouched()
}

/// Every file of the history as discovery would have listed it at `at`
/// (no lock file, no hidden file), where it lay then.
fn listed_at<'t>(
    root: &Path,
    timeline: &'t Timeline,
    at: DateTime<FixedOffset>,
) -> Vec<(&'t Lineage, Found)> {
    timeline
        .files
        .iter()
        .filter_map(|l| Some((l, discover::listed(root, l.path_at(at))?)))
        .collect()
}

/// The order discovery lists files in: folder by folder, names sorted.
fn in_folder_order(a: &str, b: &str) -> Ordering {
    a.split('/').cmp(b.split('/'))
}

/// Whether a commit after `at` changed `campaign.toml`.
fn definition_changed(timeline: &Timeline, at: DateTime<FixedOffset>) -> bool {
    timeline.definition.iter().any(|c| c.at > at)
}

/// The definition at `at`, when it differs from the one of now: the version
/// of the newest commit dated by then. With none by then, the one of now
/// stands in, and says so.
fn definition_at(
    timeline: &Timeline,
    at: DateTime<FixedOffset>,
    store: &mut Store,
    substitutes: &mut Vec<Substitute>,
) -> Result<Option<Campaign>, Error> {
    if !definition_changed(timeline, at) {
        return Ok(None);
    }
    let stood = newest_by(timeline.definition.iter().map(|c| (c.at, c)), at);
    let Some((commit, blob)) = stood.and_then(|(_, c)| Some((c, c.blob.as_ref()?))) else {
        let first = timeline.definition.first().map_or(at, |c| c.at);
        substitutes.push(Substitute::Definition { first });
        return Ok(None);
    };
    let bytes = store.bytes(blob)?;
    let named = PathBuf::from(format!(
        "{}:{DEFINITION}",
        crate::git::short(&commit.commit)
    ));
    Ok(Some(Campaign::parse_at(
        &String::from_utf8_lossy(&bytes),
        &named,
    )?))
}

/// The item of `dated` with the latest time not after `at`, with its time;
/// of equal times, the last in history order.
fn newest_by<T>(
    dated: impl Iterator<Item = (DateTime<FixedOffset>, T)>,
    at: DateTime<FixedOffset>,
) -> Option<(DateTime<FixedOffset>, T)> {
    dated
        .enumerate()
        .filter(|(_, (time, _))| *time <= at)
        .max_by_key(|(i, (time, _))| (*time, *i))
        .map(|(_, dated)| dated)
}

/// Which version of a file stood at an instant, before its content is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick<'l> {
    /// Nothing about the file changed after the instant: as read now.
    Unchanged,
    /// The content a commit gave it.
    Committed(&'l Committed),
    /// The content the ledger records by this sha256.
    Sha(&'l Sha256),
    /// The content it arrived with: its first committed one.
    First,
    /// The file as it lies now.
    Now,
}

/// A version that stood, and when it was received.
type Picked<'l> = (DateTime<FixedOffset>, Pick<'l>);

/// The version of `lineage` that stood at `at` (the file had arrived by
/// then), or `None` when it had been deleted by then.
fn pick(lineage: &Lineage, at: DateTime<FixedOffset>) -> Option<Picked<'_>> {
    if !lineage.changed_after(at) {
        return Some((lineage.receipt.latest(), Pick::Unchanged));
    }
    let (received, pick) = newest_by(dated(lineage).into_iter(), at)?;
    Some((received, pick?))
}

/// Every version of a file with the time that dates it (`None`: deleted),
/// in history order: by the ledger where it dates them, else by commits.
fn dated(lineage: &Lineage) -> Vec<(DateTime<FixedOffset>, Option<Pick<'_>>)> {
    let receipt = &lineage.receipt;
    let deletions = lineage
        .committed
        .iter()
        .filter(|c| c.blob.is_none())
        .map(|c| (c.at, None));
    match receipt.via {
        Via::Mtime => vec![(receipt.first, Some(Pick::Now))],
        Via::Git => lineage.committed.iter().map(committed).collect(),
        // Entries with a sha256 date each content; what none records is the
        // change not yet stamped: the file as it lies now.
        Via::Ledger if lineage.logged.iter().any(|l| l.sha256.is_some()) => {
            let recorded = lineage.logged.iter().map(|l| {
                let pick = l.sha256.as_ref().map_or(Pick::First, Pick::Sha);
                (l.at, Some(pick))
            });
            let unstamped = (receipt.changes.len() >= lineage.logged.len())
                .then(|| receipt.changes.last())
                .flatten()
                .map(|&at| (at, Some(Pick::Now)));
            recorded.chain(unstamped).chain(deletions).collect()
        }
        // Entries without a sha256 date the arrival; commits date the changes.
        Via::Ledger => {
            let changes = lineage
                .committed
                .iter()
                .filter(|c| c.blob.is_some())
                .skip(1);
            std::iter::once((receipt.first, Some(Pick::First)))
                .chain(changes.map(committed))
                .chain(deletions)
                .collect()
        }
    }
}

/// What a commit did to a file, dated by the commit.
fn committed(c: &Committed) -> (DateTime<FixedOffset>, Option<Pick<'_>>) {
    (c.at, c.blob.as_ref().map(|_| Pick::Committed(c)))
}

/// A file's bytes, or why they could not be had.
type Held = Result<Vec<u8>, ReadError>;

/// Where the content of a file as it stood is.
enum Content {
    /// As read now: nothing about the file changed after the instant.
    Read,
    /// Its bytes, and the commit that gave them (none for the file as it lies now).
    Held {
        bytes: Held,
        commit: Option<Committed>,
    },
}

/// The content of every pick, in their order (`None` for a file whose
/// content cannot be had at all), saying what stood in where the history
/// cannot give it.
fn resolve(
    root: &Path,
    picks: &[(&Lineage, Found, Picked)],
    at: DateTime<FixedOffset>,
    store: &mut Store,
    substitutes: &mut Vec<Substitute>,
) -> Result<Vec<Option<Content>>, Error> {
    // A content the ledger records by its sha256 is the committed one that has it.
    let recorded: Vec<&Blob> = picks
        .iter()
        .filter(|(_, _, (_, pick))| matches!(pick, Pick::Sha(_)))
        .flat_map(|(lineage, _, _)| lineage.committed.iter().filter_map(|c| c.blob.as_ref()))
        .collect();
    store.fetch(&recorded)?;
    // The committed content of each pick, and whether the history proves
    // it is the one received: a commit dates it, or its sha256 is the one recorded.
    let chosen: Vec<(Option<&Committed>, bool)> = picks
        .iter()
        .map(|(lineage, _, (_, pick))| match pick {
            Pick::Committed(c) => (Some(*c), true),
            Pick::Sha(sha) => match store.holding(lineage, sha) {
                Some(c) => (Some(c), true),
                None => (first(lineage), false),
            },
            Pick::First => (first(lineage), false),
            Pick::Unchanged | Pick::Now => (None, true),
        })
        .collect();
    let wanted: Vec<&Blob> = chosen
        .iter()
        .filter_map(|(c, _)| c.as_ref()?.blob.as_ref())
        .collect();
    store.fetch(&wanted)?;
    let mut contents = Vec::with_capacity(picks.len());
    for ((lineage, found, (received, pick)), (committed, proven)) in picks.iter().zip(chosen) {
        let (path, received) = (found.rel.clone(), *received);
        let content = match (pick, committed) {
            (Pick::Unchanged, _) => Some(Content::Read),
            (_, Some(c)) => {
                if !proven && c.at > at {
                    substitutes.push(Substitute::CommittedLater {
                        path,
                        received,
                        commit: c.commit.clone(),
                        committed: c.at,
                    });
                }
                c.blob.as_ref().map(|blob| Content::Held {
                    bytes: store.read(blob),
                    commit: Some(c.clone()),
                })
            }
            (_, None) if !lineage.present => None,
            (pick, None) => {
                if *pick != Pick::Now {
                    substitutes.push(Substitute::Uncommitted { path, received });
                }
                let bytes = std::fs::read(root.join(&lineage.path))
                    .map_err(|e| ReadError::Io(e.to_string()));
                Some(Content::Held {
                    bytes,
                    commit: None,
                })
            }
        };
        contents.push(content);
    }
    Ok(contents)
}

/// The first content the file was committed with.
fn first(lineage: &Lineage) -> Option<&Committed> {
    lineage.committed.iter().find(|c| c.blob.is_some())
}

/// The receipt of a file as it stood at `at`: nothing dated later, and only
/// the moves made by then.
fn receipt_at(lineage: &Lineage, at: DateTime<FixedOffset>) -> Receipt {
    let receipt = &lineage.receipt;
    let left: Vec<_> = lineage.former.iter().filter(|f| f.left <= at).collect();
    Receipt {
        first: receipt.first,
        via: receipt.via,
        changes: receipt
            .changes
            .iter()
            .copied()
            .filter(|c| *c <= at)
            .collect(),
        moved: match (left.first(), left.last()) {
            (Some(from), Some(last)) => Some(Move {
                from: from.path.clone(),
                at: last.left,
            }),
            _ => None,
        },
    }
}
