//! Which version of a report counts: the one rule (SPEC §5).
//!
//! A unit may hand a report in several times. The version changed last (up to
//! the instant judged; ties by path) is the one that counts, valid or not: a
//! broken correction makes the report invalid until a good one follows, just
//! as the clerk would read the latest e-mail. The earliest version dates the
//! report. This module picks the versions; [`Counted`] hands their rows to
//! every stage that needs them.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};

use super::Judgement;
use crate::definition::{Report, ReportId};
use crate::normalize::loose_key;
use crate::read::problem::{Problem, Severity};
use crate::read::rows::Row;
use crate::read::{Content, FileRead, Form};
use crate::receipt::{Move, Receipt, Via};

/// The files of a check by root-relative path.
pub(super) type Files<'a> = HashMap<&'a str, &'a FileRead>;

/// One received version of a report, as the outputs show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    /// Root-relative `/` path.
    pub path: String,
    /// When this file was first received.
    pub received: DateTime<FixedOffset>,
    pub via: Via,
    /// When it last changed, up to the check's instant.
    pub changed: DateTime<FixedOffset>,
    /// Where it arrived, if it was moved or renamed since.
    pub moved: Option<Move>,
    /// Whether it has no error that stops it from counting.
    pub valid: bool,
}

/// A version while it is being judged: the file, its receipt and its errors.
pub(super) struct Candidate<'a> {
    pub file: &'a FileRead,
    pub receipt: &'a Receipt,
    pub changed: DateTime<FixedOffset>,
    /// Errors that make this version unusable for the report.
    pub errors: Vec<Problem>,
}

impl Candidate<'_> {
    /// The version as it stood at `as_of`: a move made later had not happened yet.
    pub fn version(&self, as_of: DateTime<FixedOffset>) -> Version {
        Version {
            path: self.file.path.clone(),
            received: self.receipt.first,
            via: self.receipt.via,
            changed: self.changed,
            moved: self.receipt.moved.clone().filter(|moved| moved.at <= as_of),
            valid: self.errors.is_empty(),
        }
    }
}

/// The versions of one table or document report among a unit's files,
/// oldest change first.
pub(super) fn of_report<'a>(
    files: &[(&'a FileRead, &'a Receipt)],
    report: &Report,
    as_of: DateTime<FixedOffset>,
) -> Vec<Candidate<'a>> {
    let candidates = files.iter().filter_map(|&(file, receipt)| {
        let errors = match &file.content {
            Content::Forms(forms) => {
                let mine: Vec<&Form> = forms.iter().filter(|f| f.report == report.id).collect();
                if mine.is_empty() {
                    return None;
                }
                let mut errors: Vec<Problem> = mine
                    .iter()
                    .flat_map(|form| file.problems_of(form))
                    .filter(|p| p.severity == Severity::Error)
                    .cloned()
                    .collect();
                errors.dedup();
                errors
            }
            Content::Unreadable { hint: Some(hint) } if *hint == report.id => errors_of(file),
            Content::Document { report: Some(id) } if *id == report.id => errors_of(file),
            _ => return None,
        };
        Some(candidate(file, receipt, errors, as_of))
    });
    sorted(candidates.collect())
}

/// The files in a unit's key-activity folders: all of them, or those of one
/// activity (folder names compared loosely, as people type them).
pub(super) fn of_materials<'a>(
    files: &[(&'a FileRead, &'a Receipt)],
    activity: Option<&str>,
    as_of: DateTime<FixedOffset>,
) -> Vec<Candidate<'a>> {
    let candidates = files.iter().filter_map(|&(file, receipt)| {
        let Content::Material { activity: folder } = &file.content else {
            return None;
        };
        if activity.is_some_and(|name| loose_key(name) != loose_key(folder)) {
            return None;
        }
        Some(candidate(file, receipt, Vec::new(), as_of))
    });
    sorted(candidates.collect())
}

fn errors_of(file: &FileRead) -> Vec<Problem> {
    file.problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .cloned()
        .collect()
}

fn candidate<'a>(
    file: &'a FileRead,
    receipt: &'a Receipt,
    errors: Vec<Problem>,
    as_of: DateTime<FixedOffset>,
) -> Candidate<'a> {
    Candidate {
        file,
        receipt,
        changed: receipt.changed(as_of),
        errors,
    }
}

/// Oldest change first, so that the last version is the one that counts.
fn sorted(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        a.changed
            .cmp(&b.changed)
            .then_with(|| a.file.path.cmp(&b.file.path))
    });
    candidates
}

/// The version of one report that counts, with the file it was read from.
#[derive(Debug, Clone)]
pub struct Counted<'a> {
    pub file: &'a FileRead,
    /// Whether the version has no error: only then are its rows the unit's answer.
    pub valid: bool,
    report: ReportId,
}

impl<'a> Counted<'a> {
    /// The data rows of every sheet of the file holding this report.
    pub fn rows(&self) -> impl Iterator<Item = Placed<'a>> + '_ {
        rows_in(self.file, &self.report)
    }
}

/// A data row and the sheet it is on: where a figure can be found again.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed<'a> {
    pub sheet: &'a str,
    pub row: &'a Row,
}

/// The data rows of every form of `report` in `file`.
pub(super) fn rows_in<'a, 'r>(
    file: &'a FileRead,
    report: &'r ReportId,
) -> impl Iterator<Item = Placed<'a>> + use<'a, 'r> {
    let forms: &'a [Form] = match &file.content {
        Content::Forms(forms) => forms,
        _ => &[],
    };
    forms
        .iter()
        .filter(move |form| form.report == *report)
        .flat_map(|form| {
            let sheet = form.sheet.as_str();
            form.data.rows.iter().map(move |row| Placed { sheet, row })
        })
}

/// The counted version of a judged report, looked up among the check's files.
pub(super) fn counted<'a>(judgement: &Judgement, files: &Files<'a>) -> Option<Counted<'a>> {
    let version = judgement.counted()?;
    Some(Counted {
        file: files.get(version.path.as_str())?,
        valid: version.valid,
        report: judgement.report.clone(),
    })
}

/// Every version of a judged report, newest first, with its file.
pub(super) fn newest_first<'j, 'f: 'j>(
    judgement: &'j Judgement,
    files: &'j Files<'f>,
) -> impl Iterator<Item = (&'j Version, &'f FileRead)> + 'j {
    judgement
        .versions
        .iter()
        .rev()
        .filter_map(|version| Some((version, *files.get(version.path.as_str())?)))
}
