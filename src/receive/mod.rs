//! Filing what arrived outside the shared repository (`campaign receive`):
//! forms a unit sent by e-mail or messenger, and the .zip of a key
//! activity's photos and videos.
//!
//! For every file the clerk hands over, this module decides which unit and
//! report it is — by the reader's own rules ([`crate::read::read_file`]), on
//! the file as it lies in the downloads folder and again as it will lie in
//! the unit's folder — where it goes under `submissions/` ([`place`]), and
//! whether its content arrived before (its sha256 in the ledger, in the
//! unit's files, or earlier in the same run). It writes nothing there: the
//! intake does ([`crate::intake::deliver`]). It judges nothing either: what a
//! file's status now is comes from a check of the campaign with the new
//! files in ([`with_new`]), the very check `campaign check` runs.
//!
//! A file that cannot be identified is refused on its own; the others of the
//! run are still filed.

mod archive;
pub mod commit;
mod identify;
mod place;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::definition::{Campaign, ReportId, ReportKind};
use crate::discover::{self, Found};
use crate::intake::{Delivery, Entry, IntakeError};
use crate::lang::Lang;
use crate::layout::{MATERIALS_DIR, SUBMISSIONS};
use crate::read::problem::{Kind, Problem, Source};
use crate::read::{self, FileRead, workbook::Limits};
use crate::receipt::{LedgerProblem, Receipt, Receipts, Recorded, Sha256, Via};
use crate::status::Check;

pub use archive::{ArchiveError, MAX_ENTRIES};
pub use commit::CommitError;

/// Archives other than .zip, which units are asked to send as .zip instead.
const OTHER_ARCHIVES: [&str; 8] = ["rar", "7z", "tar", "gz", "tgz", "bz2", "xz", "zst"];

/// What the clerk says about the files of one run.
#[derive(Debug, Clone, Copy)]
pub struct Given<'a> {
    /// `--unit`, as the unit's canonical name.
    pub unit: Option<&'a str>,
    /// `--activity`: the key activity of archives and photos.
    pub activity: Option<&'a str>,
    /// When they arrived (`--at`, default now), in the campaign's time zone.
    pub at: DateTime<FixedOffset>,
    /// How they came (`--via`): email, wechat, paper …
    pub via: &'a str,
}

/// The campaign as it stands, which files are filed into.
pub struct Campaigned<'a> {
    pub campaign: &'a Campaign,
    pub root: &'a Path,
    /// The submitted files, read.
    pub files: &'a [FileRead],
    /// Judged now, before anything is filed.
    pub check: &'a Check<'a>,
    pub ledger: &'a Recorded,
}

/// What became of one file handed over.
#[derive(Debug, Clone)]
pub struct Handled {
    /// Its name as it arrived.
    pub name: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Filed(Filed),
    /// Everything in it arrived before: the paths that hold that content.
    Duplicate(Vec<String>),
    Refused(Refusal),
}

/// A file (or an archive's files) to add for one unit.
#[derive(Debug, Clone)]
pub struct Filed {
    pub unit: String,
    pub what: What,
    /// The new files, each read as it will be found where it goes.
    pub files: Vec<NewFile>,
    /// Entries of an archive that arrived before, by the path holding that content.
    pub known: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// Forms or a document; `revision` is its number among the unit's
    /// versions of these reports, when it is not the first.
    Reports {
        reports: Vec<ReportId>,
        revision: Option<usize>,
    },
    /// The materials of a key activity.
    Materials { activity: String },
}

#[derive(Debug, Clone)]
pub struct NewFile {
    pub delivery: Delivery,
    pub read: FileRead,
}

/// Why a file was not filed.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Neither its content nor its name names a unit, and no `--unit` was given.
    NoUnit,
    /// Its 填报单位, its name and `--unit` do not name one unit.
    Conflict {
        given: Option<String>,
        claims: Vec<(Source, String)>,
    },
    /// It is a version of no report: the reader's reason.
    NoReport {
        reason: Option<Box<Problem>>,
    },
    /// An archive or a photo whose key activity is neither given nor in its
    /// name; the unit's planned activities.
    NoActivity {
        unit: String,
        planned: Vec<String>,
    },
    /// An archive other than .zip (its extension).
    NotZip {
        extension: String,
    },
    Archive(ArchiveError),
    /// The file lies in `submissions/` already.
    Submitted,
    /// The file could not be read (the system's words).
    Unreadable(String),
}

/// Why `campaign receive` received nothing.
#[derive(Debug)]
pub enum ReceiveError {
    /// `--at` lies after the present.
    Future(DateTime<FixedOffset>),
    /// Nothing may be appended to the ledger as it stands.
    Ledger(LedgerProblem),
    /// `--dir` cannot be listed.
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The staging folder for archives cannot be made.
    Staging(std::io::Error),
    /// Filing failed; what had been copied was taken back.
    NotReceived(IntakeError),
    Commit(CommitError),
}

impl ReceiveError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            ReceiveError::Future(at) => {
                let at = crate::receipt::moment(*at, lang);
                lang.pick(
                    format!("--at 的时间 {at} 还没有到：收到时间不能晚于现在。"),
                    format!("--at {at} lies in the future: a file cannot arrive later than now."),
                )
            }
            ReceiveError::Ledger(problem) => format!(
                "{}\n{}",
                problem.render(lang),
                lang.pick(
                    "收件登记有误时不能在其后追加：本次没有收件，收件登记未作改动。请改正后重试。",
                    "nothing can be appended to the ledger while it is broken: nothing was received and the ledger was left as it was. Correct it and try again.",
                )
            ),
            ReceiveError::Folder { path, source } => lang.pick(
                format!("无法读取文件夹 {}：{source}", path.display()),
                format!("cannot read the folder {}: {source}", path.display()),
            ),
            ReceiveError::Staging(source) => lang.pick(
                format!("无法创建解压用的临时文件夹：{source}"),
                format!("cannot make a temporary folder to unpack into: {source}"),
            ),
            ReceiveError::NotReceived(error) => format!(
                "{}\n{}",
                error.render(lang),
                lang.pick(
                    "本次没有收下任何文件：已复制的文件均已撤回，收件登记未作改动。",
                    "nothing was received: the files already copied were taken back and the ledger was left as it was.",
                )
            ),
            ReceiveError::Commit(error) => error.render(lang),
        }
    }
}

/// The files to receive: `files` as given, then every file directly in
/// `dir` by name, skipping what a person would not count (lock files,
/// hidden files, system clutter).
pub fn inputs(files: &[PathBuf], dir: Option<&Path>) -> Result<Vec<PathBuf>, ReceiveError> {
    let mut inputs = files.to_vec();
    let Some(dir) = dir else {
        return Ok(inputs);
    };
    let folder_error = |source| ReceiveError::Folder {
        path: dir.to_path_buf(),
        source,
    };
    let mut listed = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(folder_error)? {
        let entry = entry.map_err(folder_error)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().is_ok_and(|t| t.is_file()) && !discover::is_ignored(&name) {
            listed.push(entry.path());
        }
    }
    listed.sort();
    inputs.extend(listed);
    Ok(inputs)
}

/// Decides what becomes of each of `inputs` in the campaign `now`; an
/// archive is unpacked into `staging`, which must outlive the result.
pub fn plan(now: &Campaigned, given: &Given, inputs: &[PathBuf], staging: &Path) -> Vec<Handled> {
    let mut run = Run {
        now,
        given,
        limits: read::limits(now.campaign),
        staging,
        seen: Vec::new(),
        taken: HashSet::new(),
        versions: HashMap::new(),
    };
    inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            let name = input.file_name().map_or_else(
                || input.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let outcome = run.handle(i, input, &name).unwrap_or_else(Outcome::Refused);
            Handled { name, outcome }
        })
        .collect()
}

/// The files and receipts of the campaign with every filed file in, as
/// `campaign check` will find them once they are: each read at its place and
/// received as its ledger entry says.
pub fn with_new(
    files: &[FileRead],
    receipts: &Receipts,
    handled: &[Handled],
) -> (Vec<FileRead>, Receipts) {
    let mut files = files.to_vec();
    let mut receipts = receipts.clone();
    for new in new_files(handled) {
        files.push(new.read.clone());
        let receipt = Receipt {
            first: new.delivery.entry.at,
            via: Via::Ledger,
            changes: Vec::new(),
            moved: None,
        };
        receipts
            .by_path
            .insert(new.delivery.entry.path.clone(), receipt);
    }
    (files, receipts)
}

/// Every new file of a run, in order.
pub fn new_files(handled: &[Handled]) -> impl Iterator<Item = &NewFile> {
    filed(handled).flat_map(|filed| &filed.files)
}

/// What a run filed, in order.
fn filed(handled: &[Handled]) -> impl Iterator<Item = &Filed> {
    handled.iter().filter_map(|h| match &h.outcome {
        Outcome::Filed(filed) => Some(filed),
        _ => None,
    })
}

/// Every new file of a run with its unit, in order.
pub fn entries(handled: &[Handled]) -> Vec<(&str, &Entry)> {
    filed(handled)
        .flat_map(|filed| {
            let unit = filed.unit.as_str();
            filed.files.iter().map(move |f| (unit, &f.delivery.entry))
        })
        .collect()
}

/// The filed files of a run by unit, units in the order they first came.
pub fn by_unit(handled: &[Handled]) -> Vec<(&str, Vec<&Filed>)> {
    let mut units: Vec<(&str, Vec<&Filed>)> = Vec::new();
    for one in filed(handled) {
        match units.iter_mut().find(|(unit, _)| *unit == one.unit) {
            Some((_, of_unit)) => of_unit.push(one),
            None => units.push((&one.unit, vec![one])),
        }
    }
    units
}

/// One run of planning: the campaign, and what this run has taken so far.
struct Run<'r> {
    now: &'r Campaigned<'r>,
    given: &'r Given<'r>,
    limits: Limits,
    staging: &'r Path,
    /// Contents filed in this run, with their paths.
    seen: Vec<(Sha256, String)>,
    /// Paths filed in this run.
    taken: HashSet<String>,
    /// Versions of each unit's report filed in this run.
    versions: HashMap<(String, ReportId), usize>,
}

impl Run<'_> {
    fn handle(&mut self, i: usize, input: &Path, name: &str) -> Result<Outcome, Refusal> {
        let (campaign, root) = (self.now.campaign, self.now.root);
        let found = discover::found_at(root, input);
        if found.rel.starts_with(&format!("{SUBMISSIONS}/")) {
            return Err(Refusal::Submitted);
        }
        let extension = found.extension();
        if OTHER_ARCHIVES.contains(&extension.as_str()) {
            return Err(Refusal::NotZip { extension });
        }
        let read = read::read_file(campaign, &found, &self.limits);
        let unit = identify::unit(&read, self.given.unit)?;
        if extension == "zip" {
            return self.archive(i, input, &found, unit);
        }
        let reports = identify::reports(campaign, &read);
        let sha256 = Sha256::of_file(input).map_err(|e| Refusal::Unreadable(e.to_string()))?;
        if let Some(earlier) = self.arrived(&sha256, input, &unit) {
            return Ok(Outcome::Duplicate(vec![earlier]));
        }
        let folder = place::unit_folder(root, campaign, &unit);
        let (what, parts) = if reports.is_empty() {
            let Some(activity) = self.activity(&unit, found.stem()) else {
                return Err(self.no_activity(&unit, &read));
            };
            let parts = vec![
                folder,
                MATERIALS_DIR.to_owned(),
                activity.clone(),
                name.to_owned(),
            ];
            (What::Materials { activity }, parts)
        } else {
            let revision = self.revision(&unit, &reports);
            let file = place::report_name(campaign, &read.content, &reports, name, revision);
            (What::Reports { reports, revision }, vec![folder, file])
        };
        let file = self.new_file(input, parts, sha256, name.to_owned());
        if let What::Reports { reports, .. } = &what {
            for report in reports {
                *self
                    .versions
                    .entry((unit.clone(), report.clone()))
                    .or_default() += 1;
            }
        }
        Ok(Outcome::Filed(Filed {
            unit,
            what,
            files: vec![file],
            known: Vec::new(),
        }))
    }

    /// Unpacks an archive into its unit's key-activity folder.
    fn archive(
        &mut self,
        i: usize,
        input: &Path,
        found: &Found,
        unit: String,
    ) -> Result<Outcome, Refusal> {
        let Some(activity) = self.activity(&unit, found.stem()) else {
            return Err(Refusal::NoActivity {
                planned: self.planned(&unit),
                unit,
            });
        };
        let staging = self.staging.join(i.to_string());
        std::fs::create_dir_all(&staging).map_err(|e| Refusal::Unreadable(e.to_string()))?;
        let unpacked = archive::unpack(input, &self.limits, &staging).map_err(Refusal::Archive)?;
        let folder = place::unit_folder(self.now.root, self.now.campaign, &unit);
        let mut files = Vec::new();
        let mut known = Vec::new();
        for entry in unpacked {
            let sha256 =
                Sha256::of_file(&entry.staged).map_err(|e| Refusal::Unreadable(e.to_string()))?;
            if let Some(earlier) = self.arrived(&sha256, &entry.staged, &unit) {
                known.push(earlier);
                continue;
            }
            let mut parts = vec![folder.clone(), MATERIALS_DIR.to_owned(), activity.clone()];
            parts.extend(entry.parts);
            let name = format!("{}/{}", found.file_name(), entry.name);
            files.push(self.new_file(&entry.staged, parts, sha256, name));
        }
        if files.is_empty() {
            return Ok(Outcome::Duplicate(known));
        }
        Ok(Outcome::Filed(Filed {
            unit,
            what: What::Materials { activity },
            files,
            known,
        }))
    }

    /// The file whose bytes are at `source`, to be filed at `parts` (made
    /// free of any name taken), read as it will be found there.
    fn new_file(
        &mut self,
        source: &Path,
        parts: Vec<String>,
        sha256: Sha256,
        name: String,
    ) -> NewFile {
        let parts = place::free(self.now.root, parts, &self.taken);
        let found = discover::found_as(source.to_path_buf(), &parts);
        let read = read::read_file(self.now.campaign, &found, &self.limits);
        let entry = Entry {
            path: found.rel.clone(),
            at: self.given.at,
            via: self.given.via.to_owned(),
            sha256: sha256.clone(),
            name: Some(name),
        };
        self.taken.insert(found.rel.clone());
        self.seen.push((sha256, found.rel));
        NewFile {
            delivery: Delivery {
                source: source.to_path_buf(),
                entry,
            },
            read,
        }
    }

    /// Where the content `sha256` (of the file at `path`) arrived before: in
    /// this run, in the ledger, or among the unit's files.
    fn arrived(&self, sha256: &Sha256, path: &Path, unit: &str) -> Option<String> {
        let same = |(digest, at): &(Sha256, String)| (digest == sha256).then(|| at.clone());
        if let Some(earlier) = self.seen.iter().find_map(same) {
            return Some(earlier);
        }
        if let Some(earlier) = self
            .now
            .ledger
            .contents
            .iter()
            .find_map(|(at, digest)| (digest == sha256).then(|| at.clone()))
        {
            return Some(earlier);
        }
        let size = std::fs::metadata(path).ok()?.len();
        let root = self.now.root;
        self.now
            .files
            .iter()
            .filter(|file| file.unit.as_ref().is_some_and(|a| a.unit == unit))
            .map(|file| &file.path)
            .filter(|rel| std::fs::metadata(root.join(rel)).is_ok_and(|m| m.len() == size))
            .find(|rel| Sha256::of_file(&root.join(rel)).is_ok_and(|d| d == *sha256))
            .cloned()
    }

    /// The key activity of a file that is no report: `--activity`, else the
    /// one planned activity of the unit its name holds.
    fn activity(&self, unit: &str, stem: &str) -> Option<String> {
        let planned = self.planned(unit);
        match self.given.activity {
            Some(given) => Some(identify::planned_spelling(given, &planned)),
            None => identify::activity_named_in(stem, &planned),
        }
    }

    /// The key activities of the unit's counted, valid plan, as the check
    /// judges them (names that cannot be a folder's are left out).
    fn planned(&self, unit: &str) -> Vec<String> {
        let campaign = self.now.campaign;
        self.now
            .check
            .results
            .iter()
            .filter(|r| r.unit == unit)
            .filter(|r| {
                campaign
                    .report(&r.report.0)
                    .is_some_and(|report| matches!(report.kind, ReportKind::Materials { .. }))
            })
            .filter_map(|r| r.activity.clone())
            .filter(|name| crate::intake::is_plain_name(name))
            .collect()
    }

    /// Why a file that is no report and no material of a known activity is
    /// refused: photos and videos want their activity, anything else is no
    /// report.
    fn no_activity(&self, unit: &str, read: &FileRead) -> Refusal {
        let reason = identify::why_no_report(read);
        match reason.map(|p| &p.kind) {
            Some(Kind::LooseMaterial) => Refusal::NoActivity {
                unit: unit.to_owned(),
                planned: self.planned(unit),
            },
            _ => Refusal::NoReport {
                reason: reason.cloned().map(Box::new),
            },
        }
    }

    /// The number a new version of `reports` takes among the unit's
    /// versions, when the unit has sent one before (now or in this run).
    fn revision(&self, unit: &str, reports: &[ReportId]) -> Option<usize> {
        let earlier = reports
            .iter()
            .map(|report| {
                let judged = self.now.check.result(unit, report);
                let before = judged.map_or(0, |j| j.versions.len());
                let in_run = self.versions.get(&(unit.to_owned(), report.clone()));
                before + in_run.copied().unwrap_or(0)
            })
            .max()
            .unwrap_or(0);
        (earlier > 0).then_some(earlier + 1)
    }
}
