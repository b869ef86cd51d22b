//! Who is on time, late, missing, not yet due, wrong or exempt (SPEC §5, §6).
//!
//! Takes what reading found and when each file was received, and judges every
//! (unit, report) — and for materials every (unit, key activity) — as the
//! campaign stood at one instant. Knows nothing of output formats.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, Duration, FixedOffset, NaiveDate};

use crate::definition::{Campaign, Due, Extension, Report, ReportId, ReportKind, Unit};
use crate::lang::Lang;
use crate::normalize::loose_key;
use crate::read::problem::{Kind, Place, Problem, Severity};
use crate::read::value::Parsed;
use crate::read::{Content, FileRead, Form};
use crate::receipt::{LedgerProblem, Receipt, Receipts, Via};

/// The status of one result (contract: JSON uses the code, people see the label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Ok,
    Late,
    Missing,
    Pending,
    Invalid,
    Exempt,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Ok,
        Status::Late,
        Status::Missing,
        Status::Pending,
        Status::Invalid,
        Status::Exempt,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Late => "late",
            Status::Missing => "missing",
            Status::Pending => "pending",
            Status::Invalid => "invalid",
            Status::Exempt => "exempt",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Ok => lang.pick("按时", "on time"),
            Status::Late => lang.pick("逾期", "late"),
            Status::Missing => lang.pick("未报", "missing"),
            Status::Pending => lang.pick("待报", "pending"),
            Status::Invalid => lang.pick("有误", "invalid"),
            Status::Exempt => lang.pick("免报", "exempt"),
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The judgement of one unit × report (× key activity, for materials).
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub unit: String,
    pub report: ReportId,
    /// The key activity, for materials.
    pub activity: Option<String>,
    /// The deadline that applies (after any extension).
    pub due: Option<DateTime<FixedOffset>>,
    /// The extension that moved the deadline, if any.
    pub extension: Option<Extension>,
    pub status: Status,
    /// When the report was first received.
    pub received: Option<DateTime<FixedOffset>>,
    pub via: Option<Via>,
    /// When the counted version was last changed, if after the first receipt.
    pub revised: Option<DateTime<FixedOffset>>,
    /// Pending and due within the “due soon” window.
    pub due_soon: bool,
    /// Every file of this report, oldest first; the last one counts.
    pub files: Vec<String>,
    /// The errors of the counted version.
    pub errors: Vec<Problem>,
}

/// One liaison to phone, from a unit's valid 附件1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub mobile: Option<String>,
    pub phone: Option<String>,
}

/// A unit that owes something: the results to chase and whom to call.
#[derive(Debug, Clone, PartialEq)]
pub struct Chase {
    pub unit: String,
    /// Indexes into [`Check::results`].
    pub owed: Vec<usize>,
    pub contacts: Vec<Contact>,
}

/// The whole campaign as it stood at `as_of`.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub campaign: String,
    pub as_of: DateTime<FixedOffset>,
    /// Sorted by unit (campaign order), then report (campaign order).
    pub results: Vec<Judgement>,
    /// Files that count for no unit and report, each with the reason.
    pub unassigned: Vec<Problem>,
    /// The problems of every file that counts (errors and warnings), by file.
    pub problems: Vec<Problem>,
    pub chase: Vec<Chase>,
}

impl Check {
    pub fn count(&self, status: Status) -> usize {
        self.results.iter().filter(|r| r.status == status).count()
    }

    /// Whether any result is in one of `statuses` (the `--fail-on` test).
    pub fn any_in(&self, statuses: &[Status]) -> bool {
        self.results.iter().any(|r| statuses.contains(&r.status))
    }
}

/// How a check is asked for.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub as_of: DateTime<FixedOffset>,
    /// A pending report due within this long is “due soon”.
    pub soon: Duration,
}

/// One received version of a report.
struct Version<'a> {
    file: &'a FileRead,
    receipt: &'a Receipt,
    /// Errors that make this version unusable for the report.
    errors: Vec<Problem>,
}

impl Version<'_> {
    fn changed(&self) -> DateTime<FixedOffset> {
        self.receipt.revised.unwrap_or(self.receipt.first)
    }
}

/// Judges every unit × report at `options.as_of`.
pub fn check(
    campaign: &Campaign,
    files: &[FileRead],
    receipts: &Receipts,
    options: Options,
) -> Check {
    let tz = campaign.timezone;
    // The campaign as it stood at `as_of`: later files are not yet received,
    // and later changes are not yet revisions.
    let as_it_stood: Vec<(&FileRead, Receipt)> = files
        .iter()
        .filter_map(|file| {
            receipts
                .by_path
                .get(&file.path)
                .map(|receipt| (file, receipt))
        })
        .filter(|(_, receipt)| receipt.first <= options.as_of)
        .map(|(file, receipt)| {
            let revised = receipt.revised.filter(|at| *at <= options.as_of);
            (
                file,
                Receipt {
                    revised,
                    ..receipt.clone()
                },
            )
        })
        .collect();
    let received: Vec<(&FileRead, &Receipt)> = as_it_stood
        .iter()
        .map(|(file, receipt)| (*file, receipt))
        .collect();

    let mut results = Vec::new();
    let mut counted: Vec<&str> = Vec::new();
    let mut unassigned = Vec::new();
    for unit in &campaign.units {
        let of_unit: Vec<(&FileRead, &Receipt)> = received
            .iter()
            .copied()
            .filter(|(file, _)| file.unit.as_ref().is_some_and(|a| a.unit == unit.name))
            .collect();
        for report in &campaign.reports {
            if unit.exempt.contains(&report.id) {
                results.push(exempt(unit, report, tz));
                continue;
            }
            match &report.kind {
                ReportKind::Materials { .. } => {
                    let (judged, stray) = materials(campaign, unit, report, &of_unit, options);
                    results.extend(judged);
                    unassigned.extend(stray);
                }
                _ => {
                    let versions = versions(&of_unit, report);
                    if let Some(newest) = versions.last() {
                        counted.push(&newest.file.path);
                    }
                    let due = deadline(campaign, unit, report, report.due.map(|d| d.instant(tz)));
                    results.push(judge(unit, report, None, due, &versions, options));
                }
            }
        }
    }
    for (file, _) in &received {
        if (file.unit.is_none() || !contributes(file))
            && let Some(reason) = file
                .problems
                .iter()
                .find(|p| p.severity == Severity::Error && p.place == Place::File)
        {
            unassigned.push(reason.clone());
        }
    }
    unassigned.extend(receipts.ledger_problems.iter().map(ledger_problem));
    let problems = received
        .iter()
        .filter(|(file, _)| counted.contains(&file.path.as_str()))
        .flat_map(|(file, _)| file.problems.iter().cloned())
        .collect();
    let chase = chase(campaign, &results, &received);
    Check {
        campaign: campaign.name.clone(),
        as_of: options.as_of,
        results,
        unassigned,
        problems,
        chase,
    }
}

/// A problem of the receipt ledger, as a problem of the file `submissions/received.toml`.
fn ledger_problem(problem: &LedgerProblem) -> Problem {
    Problem {
        file: crate::layout::LEDGER_PATH.to_owned(),
        sheet: None,
        place: Place::File,
        severity: Severity::Error,
        kind: Kind::Ledger(problem.clone()),
    }
}

/// Whether a file is a version of some report (or material) of its unit.
fn contributes(file: &FileRead) -> bool {
    match &file.content {
        Content::Forms(forms) => !forms.is_empty(),
        Content::Unreadable { hint } => hint.is_some(),
        Content::Document { report } => report.is_some(),
        Content::Material { .. } => true,
        Content::Other => false,
    }
}

/// The versions of one table or document report among a unit's files, oldest change first.
fn versions<'a>(files: &[(&'a FileRead, &'a Receipt)], report: &Report) -> Vec<Version<'a>> {
    let mut versions: Vec<Version> = files
        .iter()
        .filter_map(|(file, receipt)| {
            let errors = match &file.content {
                Content::Forms(forms) => {
                    let mine: Vec<&Form> = forms.iter().filter(|f| f.report == report.id).collect();
                    if mine.is_empty() {
                        return None;
                    }
                    mine.iter()
                        .flat_map(|form| file.problems_of(form))
                        .filter(|p| p.severity == Severity::Error)
                        .cloned()
                        .collect()
                }
                Content::Unreadable { hint: Some(hint) } if *hint == report.id => file
                    .problems
                    .iter()
                    .filter(|p| p.severity == Severity::Error)
                    .cloned()
                    .collect(),
                Content::Document { report: Some(id) } if *id == report.id => Vec::new(),
                _ => return None,
            };
            let mut errors: Vec<Problem> = errors;
            errors.dedup();
            Some(Version {
                file,
                receipt,
                errors,
            })
        })
        .collect();
    sort_versions(&mut versions);
    versions
}

/// Oldest change first, so that the last version is the one that counts.
fn sort_versions(versions: &mut [Version]) {
    versions.sort_by(|a, b| {
        a.changed()
            .cmp(&b.changed())
            .then_with(|| a.file.path.cmp(&b.file.path))
    });
}

/// The deadline after any extension granted to this unit for this report.
fn deadline(
    campaign: &Campaign,
    unit: &Unit,
    report: &Report,
    original: Option<DateTime<FixedOffset>>,
) -> (Option<DateTime<FixedOffset>>, Option<Extension>) {
    let extension = campaign
        .extensions
        .iter()
        .find(|e| e.unit == unit.name && e.report == report.id)
        .cloned();
    match &extension {
        Some(e) => (Some(e.until.instant(campaign.timezone)), extension),
        None => (original, None),
    }
}

fn judge(
    unit: &Unit,
    report: &Report,
    activity: Option<String>,
    (due, extension): (Option<DateTime<FixedOffset>>, Option<Extension>),
    versions: &[Version],
    options: Options,
) -> Judgement {
    let first = versions.iter().min_by_key(|v| v.receipt.first);
    let newest = versions.last();
    let received = first.map(|v| v.receipt.first);
    let last_change = newest.map(Version::changed);
    let status = match (received, due) {
        (Some(_), _) if newest.is_some_and(|v| !v.errors.is_empty()) => Status::Invalid,
        (Some(at), Some(due)) if at > due => Status::Late,
        (Some(_), _) => Status::Ok,
        (None, Some(due)) if options.as_of <= due => Status::Pending,
        (None, _) => Status::Missing,
    };
    let due_soon =
        status == Status::Pending && due.is_some_and(|due| due - options.as_of <= options.soon);
    Judgement {
        unit: unit.name.clone(),
        report: report.id.clone(),
        activity,
        due,
        extension,
        status,
        received,
        via: first.map(|v| v.receipt.via),
        revised: last_change.filter(|change| received.is_some_and(|first| *change > first)),
        due_soon,
        files: versions.iter().map(|v| v.file.path.clone()).collect(),
        errors: newest.map(|v| v.errors.clone()).unwrap_or_default(),
    }
}

fn exempt(unit: &Unit, report: &Report, tz: FixedOffset) -> Judgement {
    Judgement {
        unit: unit.name.clone(),
        report: report.id.clone(),
        activity: None,
        due: report.due.map(|d| d.instant(tz)),
        extension: None,
        status: Status::Exempt,
        received: None,
        via: None,
        revised: None,
        due_soon: false,
        files: Vec::new(),
        errors: Vec::new(),
    }
}

/// One result per key activity of the unit's newest valid plan, due `after.days`
/// after its end date; material folders that match no planned activity are strays.
fn materials(
    campaign: &Campaign,
    unit: &Unit,
    report: &Report,
    files: &[(&FileRead, &Receipt)],
    options: Options,
) -> (Vec<Judgement>, Vec<Problem>) {
    let ReportKind::Materials { after } = &report.kind else {
        return (Vec::new(), Vec::new());
    };
    let material_files = |name: Option<&str>| -> Vec<Version> {
        let mut versions: Vec<Version> = files
            .iter()
            .filter(|(file, _)| match (&file.content, name) {
                (Content::Material { activity }, Some(name)) => {
                    loose_key(activity) == loose_key(name)
                }
                (Content::Material { .. }, None) => true,
                _ => false,
            })
            .map(|(file, receipt)| Version {
                file,
                receipt,
                errors: Vec::new(),
            })
            .collect();
        sort_versions(&mut versions);
        versions
    };
    let Some(after) = after else {
        // A fixed deadline: one result for all of the unit's materials.
        let due = deadline(
            campaign,
            unit,
            report,
            report.due.map(|d| d.instant(campaign.timezone)),
        );
        let judged = judge(unit, report, None, due, &material_files(None), options);
        return (vec![judged], Vec::new());
    };
    let planned = planned_activities(campaign, &after.report, &after.column, files);
    let mut judged = Vec::new();
    for (name, end) in &planned {
        let original =
            match end.and_then(|end| end.checked_add_days(Days::new(u64::from(after.days)))) {
                Some(due_day) => Some(Due::EndOfDay(due_day).instant(campaign.timezone)),
                None => report.due.map(|d| d.instant(campaign.timezone)),
            };
        let versions = material_files(Some(name));
        let due = deadline(campaign, unit, report, original);
        judged.push(judge(
            unit,
            report,
            Some(name.clone()),
            due,
            &versions,
            options,
        ));
    }
    let strays = files
        .iter()
        .filter_map(|(file, _)| match &file.content {
            Content::Material { activity }
                if !planned
                    .iter()
                    .any(|(name, _)| loose_key(name) == loose_key(activity)) =>
            {
                Some(Problem {
                    file: file.path.clone(),
                    sheet: None,
                    place: Place::File,
                    severity: Severity::Error,
                    kind: Kind::UnplannedMaterial {
                        activity: activity.clone(),
                    },
                })
            }
            _ => None,
        })
        .collect();
    (judged, strays)
}

/// The key activities (name, end date) of the unit's newest valid version of `report`.
fn planned_activities(
    campaign: &Campaign,
    report: &ReportId,
    column: &str,
    files: &[(&FileRead, &Receipt)],
) -> Vec<(String, Option<NaiveDate>)> {
    let Some(plan) = campaign.report(&report.0) else {
        return Vec::new();
    };
    let Some(spec) = plan.table() else {
        return Vec::new();
    };
    let Some(date_column) = spec.column_index(column) else {
        return Vec::new();
    };
    let name_column = spec
        .columns
        .iter()
        .position(|c| c.ty == crate::definition::ColumnType::Text && c.required);
    let versions = versions(files, plan);
    let Some(newest) = versions.iter().rev().find(|v| v.errors.is_empty()) else {
        return Vec::new();
    };
    let Content::Forms(forms) = &newest.file.content else {
        return Vec::new();
    };
    forms
        .iter()
        .filter(|form| form.report == *report)
        .flat_map(|form| form.data.rows.iter())
        .filter_map(|row| {
            let name = match name_column.and_then(|i| row.values[i].as_ref()) {
                Some(Parsed::Text(name)) => name.clone(),
                _ => return None,
            };
            let end = match &row.values[date_column] {
                Some(Parsed::Date(date)) => Some(*date),
                _ => None,
            };
            Some((name, end))
        })
        .collect()
}

/// Every unit with something missing, invalid or due soon, and its liaisons.
fn chase(
    campaign: &Campaign,
    results: &[Judgement],
    files: &[(&FileRead, &Receipt)],
) -> Vec<Chase> {
    let mut by_unit: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, result) in results.iter().enumerate() {
        let owes = matches!(result.status, Status::Missing | Status::Invalid) || result.due_soon;
        if owes && let Some(u) = campaign.units.iter().position(|u| u.name == result.unit) {
            by_unit.entry(u).or_default().push(i);
        }
    }
    by_unit
        .into_iter()
        .map(|(u, owed)| {
            let unit = &campaign.units[u];
            let of_unit: Vec<(&FileRead, &Receipt)> = files
                .iter()
                .copied()
                .filter(|(file, _)| file.unit.as_ref().is_some_and(|a| a.unit == unit.name))
                .collect();
            Chase {
                unit: unit.name.clone(),
                owed,
                contacts: contacts(campaign, &of_unit),
            }
        })
        .collect()
}

/// The liaisons of the unit's newest valid 附件1 (the report holding a mobile column).
fn contacts(campaign: &Campaign, files: &[(&FileRead, &Receipt)]) -> Vec<Contact> {
    use crate::definition::ColumnType;
    let Some((report, spec)) = campaign.role(crate::definition::Role::Roster) else {
        return Vec::new();
    };
    let versions = versions(files, report);
    let Some(newest) = versions.iter().rev().find(|v| v.errors.is_empty()) else {
        return Vec::new();
    };
    let Content::Forms(forms) = &newest.file.content else {
        return Vec::new();
    };
    let name = spec
        .columns
        .iter()
        .position(|c| c.ty == ColumnType::Text && c.required);
    let mobile = spec.columns.iter().position(|c| c.ty == ColumnType::Mobile);
    let phone = spec.columns.iter().position(|c| c.ty == ColumnType::Phone);
    let text = |row: &crate::read::rows::Row, i: Option<usize>| match i
        .and_then(|i| row.values[i].as_ref())
    {
        Some(Parsed::Text(t) | Parsed::Phone(t)) => Some(t.clone()),
        _ => None,
    };
    forms
        .iter()
        .filter(|form| form.report == report.id)
        .flat_map(|form| form.data.rows.iter())
        .filter_map(|row| {
            Some(Contact {
                name: text(row, name)?,
                mobile: text(row, mobile),
                phone: text(row, phone),
            })
        })
        .collect()
}
