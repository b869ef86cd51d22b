//! Deciding what becomes of each file handed over: its unit, report or key
//! activity ([`super::identify`]), its place ([`super::place`]), and whether
//! its content arrived before — in the ledger, among the unit's files, or
//! earlier in the same run, which also takes names and counts versions.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{
    Current, Filed, Given, Handled, NewFile, Outcome, Refusal, What, archive, identify, place,
};
use crate::definition::{ReportId, ReportKind};
use crate::discover::{self, Found};
use crate::intake::{Delivery, Entry};
use crate::layout::{MATERIALS_DIR, SUBMISSIONS};
use crate::read::problem::Kind;
use crate::read::{self, FileRead, workbook::Limits};
use crate::receipt::Sha256;

/// Archives other than .zip, which units are asked to send as .zip instead.
const OTHER_ARCHIVES: [&str; 8] = ["rar", "7z", "tar", "gz", "tgz", "bz2", "xz", "zst"];

/// Decides what becomes of each of `inputs` in the campaign `now`; an
/// archive is unpacked into `staging`, which must outlive the result.
pub fn plan(now: &Current, given: &Given, inputs: &[PathBuf], staging: &Path) -> Vec<Handled> {
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
            let outcome = run.handle(i, input).unwrap_or_else(Outcome::Refused);
            Handled { name, outcome }
        })
        .collect()
}

/// One run of planning: the campaign, and what this run has taken so far.
struct Run<'r> {
    now: &'r Current<'r>,
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
    fn handle(&mut self, i: usize, input: &Path) -> Result<Outcome, Refusal> {
        let found = discover::found_at(self.now.root, input);
        if found.rel.starts_with(&format!("{SUBMISSIONS}/")) {
            return Err(Refusal::Submitted);
        }
        if let discover::Kind::Special(what) = found.kind {
            return Err(Refusal::NotAFile(what));
        }
        let extension = found.extension();
        if OTHER_ARCHIVES.contains(&extension.as_str()) {
            return Err(Refusal::NotZip { extension });
        }
        let read = read::read_file(self.now.campaign, &found, &self.limits);
        let unit = identify::unit(&read, self.given.unit)?;
        if extension == "zip" {
            return self.archive(i, input, &found, unit);
        }
        self.single(input, &found, &read, unit)
    }

    /// Files one form, document or material.
    fn single(
        &mut self,
        input: &Path,
        found: &Found,
        read: &FileRead,
        unit: String,
    ) -> Result<Outcome, Refusal> {
        let campaign = self.now.campaign;
        let reports = identify::reports(campaign, read);
        let sha256 = Sha256::of_file(input).map_err(|e| Refusal::Unreadable(e.to_string()))?;
        if let Some(earlier) = self.arrived(&sha256, input, &unit) {
            return Ok(Outcome::Duplicate(vec![earlier]));
        }
        let name = found.file_name();
        let folder = place::unit_folder(self.now.root, campaign, &unit);
        let (what, parts) = if reports.is_empty() {
            let Some(activity) = self.activity(&unit, found.stem()) else {
                return Err(self.no_activity(&unit, read));
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
            for report in &reports {
                let key = (unit.clone(), report.clone());
                *self.versions.entry(key).or_default() += 1;
            }
            let file = place::report_name(campaign, &read.content, &reports, name, revision);
            (What::Reports(reports), vec![folder, file])
        };
        let file = self.new_file(input, parts, sha256, name.to_owned());
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
            .filter(|name| crate::layout::is_plain_name(name))
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
