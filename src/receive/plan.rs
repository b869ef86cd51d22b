//! Deciding what becomes of each file handed over: its unit, report or key
//! activity ([`super::identify`]), its place ([`super::place`]), and whether
//! its content arrived before from the same unit — in the ledger, among the
//! unit's files, or earlier in the same run, which also takes names and
//! counts versions.
//!
//! Forms are planned first, those in archives with the loose ones, and then
//! the materials of key activities, against the campaign as it will be with
//! this run's forms in: a 附件2 that arrives with its activity's photos names
//! the folder they go to.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::arrive::{self, Arrived, Reader, Sent};
use super::name::fold;
use super::{
    Current, Filed, Given, Handled, NewFile, Outcome, Refusal, What, archive, identify, place,
};
use crate::definition::{ReportId, ReportKind};
use crate::discover::{self, Found};
use crate::intake::{self, Bytes, Delivery, Entry};
use crate::layout::{MATERIALS_DIR, SUBMISSIONS};
use crate::read::problem::Kind;
use crate::read::{self, FileRead, workbook::Limits};
use crate::receipt::{Sha256, Via};
use crate::status::{self, Check};

/// Decides what becomes of each of `inputs` in the campaign `now`; an
/// archive is unpacked into `staging`, which must outlive the result. The
/// forms in an archive are handled as if they had come on their own, each
/// with a line of its own (`包.zip/附件3.xlsx`), before the line of the
/// archive's other files.
pub fn plan(now: &Current, given: &Given, inputs: &[PathBuf], staging: &Path) -> Vec<Handled> {
    let limits = read::limits(now.campaign);
    let reader = Reader {
        campaign: now.campaign,
        root: now.root,
        unit: given.unit,
        limits: &limits,
    };
    let mut run = Run {
        now,
        given,
        limits: &limits,
        seen: Vec::new(),
        taken: now.ledger.named.iter().map(|path| fold(path)).collect(),
        versions: HashMap::new(),
    };
    let arrived: Vec<Arrived> = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| arrive::take(&reader, input, &staging.join(i.to_string())))
        .collect();
    let mut lines: Vec<Vec<Handled>> = arrived.iter().map(|one| run.forms(one)).collect();
    let (files, receipts) = super::with_new(
        now.files,
        now.receipts,
        lines.iter().flat_map(|handled| super::new_files(handled)),
    );
    let with_forms = status::check(now.campaign, &files, &receipts, now.options);
    for (one, handled) in arrived.iter().zip(&mut lines) {
        handled.extend(run.materials(one, &with_forms));
    }
    lines.into_iter().flatten().collect()
}

/// One run of planning: the campaign, and what this run has taken so far.
struct Run<'r> {
    now: &'r Current<'r>,
    given: &'r Given<'r>,
    limits: &'r Limits,
    /// Contents filed in this run, with their paths.
    seen: Vec<(String, Sha256)>,
    /// The [`fold`] of every path no new file may take: filed in this run,
    /// or named by the ledger.
    taken: HashSet<String>,
    /// Versions of each unit's report filed in this run.
    versions: HashMap<(String, ReportId), usize>,
}

impl Run<'_> {
    /// The lines of an input's forms, or of the input refused outright.
    fn forms(&mut self, arrived: &Arrived) -> Vec<Handled> {
        let sent: Vec<&Sent> = match arrived {
            Arrived::Refused { name, refusal } => {
                return vec![Handled {
                    name: name.clone(),
                    outcome: Outcome::Refused(refusal.clone()),
                }];
            }
            Arrived::Loose(sent) if !sent.reports.is_empty() => vec![sent],
            Arrived::Loose(_) => Vec::new(),
            Arrived::Archive { forms, .. } => forms.iter().collect(),
        };
        sent.into_iter()
            .map(|sent| Handled {
                name: sent.name.clone(),
                outcome: self.form(sent).unwrap_or_else(Outcome::Refused),
            })
            .collect()
    }

    /// The line of an input's materials, judged by `check` (the campaign
    /// with this run's forms in), if it has any.
    fn materials(&mut self, arrived: &Arrived, check: &Check) -> Option<Handled> {
        let (name, outcome) = match arrived {
            Arrived::Loose(sent) if sent.reports.is_empty() => {
                (&sent.name, self.material(sent, check))
            }
            Arrived::Archive {
                name,
                found,
                unit,
                materials,
                ..
            } if !materials.is_empty() => (name, self.archive(found, unit, materials, check)),
            _ => return None,
        };
        Some(Handled {
            name: name.clone(),
            outcome: outcome.unwrap_or_else(Outcome::Refused),
        })
    }

    /// Files one form or document into its unit's folder.
    fn form(&mut self, sent: &Sent) -> Result<Outcome, Refusal> {
        let unit = sent.unit.clone()?;
        let campaign = self.now.campaign;
        let folder = place::unit_folder(self.now.root, campaign, &unit);
        let sha256 = digest(&sent.source)?;
        let what = What::Reports(sent.reports.clone());
        let file_name = sent.found.file_name();
        let unnumbered = vec![folder.clone(), file_name.to_owned()];
        self.clear(&unnumbered)?;
        let new = match self.before(&sha256, &sent.source, &unit, std::slice::from_ref(&folder)) {
            Some(Before::Received(earlier)) => return Ok(Outcome::Duplicate(vec![earlier])),
            Some(Before::Unrecorded(path)) => self.adopt(path, sha256, &sent.name),
            None => {
                let revision = self.revision(&unit, &sent.reports);
                for report in &sent.reports {
                    let key = (unit.clone(), report.clone());
                    *self.versions.entry(key).or_default() += 1;
                }
                let file = place::report_name(
                    campaign,
                    &sent.read.content,
                    &sent.reports,
                    file_name,
                    revision,
                );
                let parts = vec![folder, file];
                self.new_file(&sent.source, parts, sha256, &sent.name)
            }
        };
        Ok(Outcome::Filed(Filed {
            unit,
            what,
            files: vec![new],
            known: Vec::new(),
        }))
    }

    /// Files one file that is no report — a photo, a video, a sign-in sheet —
    /// into its key activity's folder.
    fn material(&mut self, sent: &Sent, check: &Check) -> Result<Outcome, Refusal> {
        let unit = sent.unit.clone()?;
        let Some(activity) = self.activity(check, &unit, sent.found.stem()) else {
            return Err(self.no_activity(check, &unit, &sent.read));
        };
        let entry = archive::Unpacked {
            name: sent.name.clone(),
            parts: vec![sent.found.file_name().to_owned()],
            staged: sent.source.clone(),
        };
        self.file_in_activity(unit, activity, std::slice::from_ref(&entry), |entry| {
            entry.name.clone()
        })
    }

    /// Unpacks an archive's materials into its unit's key-activity folder.
    fn archive(
        &mut self,
        found: &Found,
        unit: &Result<String, Refusal>,
        materials: &[archive::Unpacked],
        check: &Check,
    ) -> Result<Outcome, Refusal> {
        let unit = unit.clone()?;
        let Some(activity) = self.activity(check, &unit, found.stem()) else {
            return Err(Refusal::NoActivity {
                planned: self.planned(check, &unit),
                unit,
            });
        };
        let archive = found.file_name();
        self.file_in_activity(unit, activity, materials, |entry| {
            format!("{archive}/{}", entry.name)
        })
    }

    /// Files `entries` below the folder of `unit`'s key activity, each named
    /// in the ledger as `named` says; all of them or, when a folder on the
    /// way is no real folder, none.
    fn file_in_activity(
        &mut self,
        unit: String,
        activity: String,
        entries: &[archive::Unpacked],
        named: impl Fn(&archive::Unpacked) -> String,
    ) -> Result<Outcome, Refusal> {
        let folder = place::unit_folder(self.now.root, self.now.campaign, &unit);
        let placed: Vec<Vec<String>> = entries
            .iter()
            .map(|entry| {
                let mut parts = vec![folder.clone(), MATERIALS_DIR.to_owned(), activity.clone()];
                parts.extend(entry.parts.iter().cloned());
                parts
            })
            .collect();
        placed.iter().try_for_each(|parts| self.clear(parts))?;
        let digests: Vec<Sha256> = entries
            .iter()
            .map(|entry| digest(&entry.staged))
            .collect::<Result<_, _>>()?;
        let mut files = Vec::new();
        let mut known = Vec::new();
        for ((entry, parts), sha256) in entries.iter().zip(placed).zip(digests) {
            let name = named(entry);
            match self.before(&sha256, &entry.staged, &unit, &parts[..parts.len() - 1]) {
                Some(Before::Received(earlier)) => known.push(earlier),
                Some(Before::Unrecorded(path)) => files.push(self.adopt(path, sha256, &name)),
                None => files.push(self.new_file(&entry.staged, parts, sha256, &name)),
            }
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

    /// Refuses a file whose place (`parts` below `submissions/`) lies behind
    /// a folder that is no real folder.
    fn clear(&self, parts: &[String]) -> Result<(), Refusal> {
        let rel = format!("{SUBMISSIONS}/{}", parts.join("/"));
        match intake::obstacle(self.now.root, &rel) {
            Some(obstacle) => Err(Refusal::Obstacle(obstacle)),
            None => Ok(()),
        }
    }

    /// The file whose bytes are at `source`, to be filed at `parts` (made
    /// free of any name taken), read as it will be found there.
    fn new_file(
        &mut self,
        source: &Path,
        parts: Vec<String>,
        sha256: Sha256,
        name: &str,
    ) -> NewFile {
        let parts = place::free(self.now.root, parts, &self.taken);
        let found = discover::found_as(source.to_path_buf(), &parts);
        let read = read::read_file(self.now.campaign, &found, self.limits);
        self.record(
            Bytes::Copy(source.to_path_buf()),
            found.rel,
            sha256,
            name,
            read,
        )
    }

    /// The file at `path`, there already but never recorded, to be recorded
    /// as it lies.
    fn adopt(&mut self, path: String, sha256: Sha256, name: &str) -> NewFile {
        let read = self
            .now
            .files
            .iter()
            .find(|file| file.path == path)
            .cloned()
            .expect("an unrecorded file is one of the files");
        self.record(Bytes::InPlace, path, sha256, name, read)
    }

    /// A new file of this run, its path and content taken.
    fn record(
        &mut self,
        bytes: Bytes,
        path: String,
        sha256: Sha256,
        name: &str,
        read: FileRead,
    ) -> NewFile {
        let entry = Entry {
            path: path.clone(),
            at: self.given.at,
            via: self.given.via.to_owned(),
            sha256: sha256.clone(),
            name: Some(name.to_owned()),
        };
        self.taken.insert(fold(&path));
        self.seen.push((path, sha256));
        NewFile {
            delivery: Delivery { bytes, entry },
            read,
        }
    }

    /// Whether the content `sha256` (of the file at `source`) arrived from
    /// `unit` before: in this run, in the ledger, or among the unit's files —
    /// or lies unrecorded in the folder it would go to (`folder`, below
    /// `submissions/`), left by a run that stopped before recording it.
    fn before(
        &self,
        sha256: &Sha256,
        source: &Path,
        unit: &str,
        folder: &[String],
    ) -> Option<Before> {
        let campaign = self.now.campaign;
        let of_unit = |path: &str| {
            path.strip_prefix(&format!("{SUBMISSIONS}/"))
                .and_then(|rest| rest.split_once('/'))
                .and_then(|(folder, _)| campaign.find_unit(folder))
                .is_some_and(|u| u.name == unit)
        };
        let earlier = self
            .seen
            .iter()
            .chain(&self.now.ledger.contents)
            .find(|(path, digest)| digest == sha256 && of_unit(path));
        if let Some((path, _)) = earlier {
            return Some(Before::Received(path.clone()));
        }
        let size = std::fs::metadata(source).ok()?.len();
        let root = self.now.root;
        let same: Vec<&String> = self
            .now
            .files
            .iter()
            .filter(|file| file.unit.as_ref().is_some_and(|a| a.unit == unit))
            .map(|file| &file.path)
            .filter(|rel| std::fs::metadata(root.join(rel)).is_ok_and(|m| m.len() == size))
            .filter(|rel| Sha256::of_file(&root.join(rel)).is_ok_and(|d| d == *sha256))
            .collect();
        let folder = format!("{SUBMISSIONS}/{}/", folder.join("/"));
        let unrecorded = same.iter().find(|rel| {
            let in_folder = rel
                .strip_prefix(&folder)
                .is_some_and(|name| !name.contains('/'));
            let receipt = self.now.receipts.by_path.get(rel.as_str());
            in_folder && receipt.is_some_and(|r| r.via == Via::Mtime)
        });
        match (unrecorded, same.first()) {
            (Some(path), _) => Some(Before::Unrecorded((*path).clone())),
            (None, Some(path)) => Some(Before::Received((*path).clone())),
            (None, None) => None,
        }
    }

    /// The key activity of a file that is no report: `--activity`, else the
    /// one planned activity of the unit its name holds.
    fn activity(&self, check: &Check, unit: &str, stem: &str) -> Option<String> {
        let planned = self.planned(check, unit);
        match self.given.activity {
            Some(given) => Some(identify::planned_spelling(given, &planned)),
            None => identify::activity_named_in(stem, &planned),
        }
    }

    /// The key activities of the unit's counted, valid plan, as `check`
    /// judges them (names that cannot be a folder's are left out).
    fn planned(&self, check: &Check, unit: &str) -> Vec<String> {
        let campaign = self.now.campaign;
        check
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
    fn no_activity(&self, check: &Check, unit: &str, read: &FileRead) -> Refusal {
        let reason = identify::why_no_report(read);
        match reason.map(|p| &p.kind) {
            Some(Kind::LooseMaterial) => Refusal::NoActivity {
                unit: unit.to_owned(),
                planned: self.planned(check, unit),
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

/// Where a content arrived before.
enum Before {
    /// Received from the unit before, at this path.
    Received(String),
    /// At this path in the folder it would go to, never recorded nor committed.
    Unrecorded(String),
}

fn digest(path: &Path) -> Result<Sha256, Refusal> {
    Sha256::of_file(path).map_err(|e| Refusal::Unreadable(e.to_string()))
}
