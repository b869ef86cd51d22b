//! Who is on time, late, missing, not yet due, wrong or exempt (SPEC §5, §6).
//!
//! Takes what reading found and when each file was received, and judges every
//! (unit, report) — and for materials every (unit, key activity) — as the
//! campaign stood at one instant. Which version of a report counts is decided
//! here once ([`versions`]) and stored on the judgement; its rows are read
//! through one function (`versions::counted`), which the key-activity
//! deadlines call while judging and later stages reach through
//! [`Check::rows_of`]; the chase list and merge take liaisons from one
//! function too ([`Check::liaisons`]). So no two stages can count different
//! versions. Knows nothing of output formats.

mod chase;
mod materials;
mod versions;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, FixedOffset};

use crate::definition::{Campaign, Due, Extension, Report, ReportId, ReportKind, Unit};
use crate::lang::Lang;
use crate::read::problem::{Place, Problem, Severity};
use crate::read::{Content, FileRead};
use crate::receipt::{HistoryWarning, LedgerProblem, Receipt, Receipts, Via};

pub use chase::{Chase, Contact, Roster};
pub use versions::{Counted, Version};

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

/// The deadline that applies to one result.
#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    /// As the definition or the extension writes it: a day, or an instant.
    pub due: Due,
    /// The extension that moved it, if one did.
    pub extension: Option<Extension>,
}

impl Deadline {
    /// The last instant at which a report is still on time.
    pub fn instant(&self, timezone: FixedOffset) -> DateTime<FixedOffset> {
        self.due.instant(timezone)
    }
}

/// Where one result stands; the status is derived from it, never stored beside it.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// The unit does not owe this report.
    Exempt,
    /// Not received, and not due yet; `due_soon` within the “due soon” window.
    Pending {
        due_soon: bool,
    },
    /// Not received, and due.
    Missing,
    Received(Received),
}

/// A report that has arrived: when, how, and whether the counted version is usable.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// When its first version arrived.
    pub first: DateTime<FixedOffset>,
    pub via: Via,
    /// When the counted version last changed, if after `first`.
    pub revised: Option<DateTime<FixedOffset>>,
    /// How long after the deadline the first version arrived, if it was late.
    pub late_by: Option<Duration>,
    /// The errors of the counted version: any one makes the report invalid.
    pub errors: Vec<Problem>,
}

/// The judgement of one unit × report (× key activity, for materials).
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub unit: String,
    pub report: ReportId,
    /// The key activity, for materials.
    pub activity: Option<String>,
    /// The deadline that applies (after any extension); none for a report
    /// whose deadline follows from a plan that gives no date.
    pub deadline: Option<Deadline>,
    pub standing: Standing,
    /// Every version received by the check's instant, oldest change first.
    pub versions: Vec<Version>,
    pub counting: Counting,
}

/// Which of a result's versions count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// A form or a document: the newest version is the report.
    Newest,
    /// Materials: every file is part of the result.
    Every,
}

impl Judgement {
    pub fn status(&self) -> Status {
        match &self.standing {
            Standing::Exempt => Status::Exempt,
            Standing::Pending { .. } => Status::Pending,
            Standing::Missing => Status::Missing,
            Standing::Received(r) if !r.errors.is_empty() => Status::Invalid,
            Standing::Received(r) if r.late_by.is_some() => Status::Late,
            Standing::Received(_) => Status::Ok,
        }
    }

    pub fn received(&self) -> Option<&Received> {
        match &self.standing {
            Standing::Received(received) => Some(received),
            _ => None,
        }
    }

    /// The errors of the counted version (none unless received).
    pub fn errors(&self) -> &[Problem] {
        self.received().map_or(&[], |r| r.errors.as_slice())
    }

    pub fn due_soon(&self) -> bool {
        matches!(self.standing, Standing::Pending { due_soon: true })
    }

    /// The version that counts: the newest one (for materials, the newest file).
    pub fn counted(&self) -> Option<&Version> {
        self.versions.last()
    }

    /// Whether the version at `path` counts for this result.
    pub fn counts(&self, path: &str) -> bool {
        match self.counting {
            Counting::Every => self.versions.iter().any(|v| v.path == path),
            Counting::Newest => self.counted().is_some_and(|v| v.path == path),
        }
    }

    /// The paths of every version, oldest change first (SPEC §6 `files`).
    pub fn files(&self) -> Vec<String> {
        self.versions.iter().map(|v| v.path.clone()).collect()
    }
}

/// The whole campaign as it stood at `as_of`.
#[derive(Debug, Clone)]
pub struct Check<'a> {
    pub campaign: String,
    pub as_of: DateTime<FixedOffset>,
    /// Sorted by unit (campaign order), then report (campaign order).
    pub results: Vec<Judgement>,
    /// Files that count for no unit and report, each with the reason.
    pub unassigned: Vec<Problem>,
    /// What was wrong in the receipt ledger; its other entries still apply.
    pub ledger: Vec<LedgerProblem>,
    /// Commits whose times look wrong; the receipts taken from them still apply.
    pub history: Vec<HistoryWarning>,
    /// The problems of every counted version (errors and warnings), by file.
    pub problems: Vec<Problem>,
    pub chase: Vec<Chase>,
    /// The latest change among all files, when it is later than `as_of`:
    /// contents are read as they are now, which may be after the instant judged.
    pub later_change: Option<DateTime<FixedOffset>>,
    files: versions::Files<'a>,
}

impl<'a> Check<'a> {
    pub fn count(&self, status: Status) -> usize {
        self.results.iter().filter(|r| r.status() == status).count()
    }

    /// Whether any result is in one of `statuses` (the `--fail-on` test).
    pub fn any_in(&self, statuses: &[Status]) -> bool {
        self.results.iter().any(|r| statuses.contains(&r.status()))
    }

    /// The judgement of one unit and (non-materials) report.
    pub fn result(&self, unit: &str, report: &ReportId) -> Option<&Judgement> {
        result_of(&self.results, unit, report)
    }

    /// The version of a unit's report that counts, with its rows: the one
    /// query merge, the chase list and key-activity deadlines share.
    pub fn rows_of(&self, unit: &str, report: &ReportId) -> Option<Counted<'a>> {
        versions::counted(self.result(unit, report)?, &self.files)
    }

    /// The liaisons to phone for a unit: every row of its roster (附件1) with
    /// a valid name and number, from the newest version that has any.
    pub fn liaisons(&self, campaign: &Campaign, unit: &str) -> Option<Roster<'a>> {
        chase::roster(campaign, unit, &self.results, &self.files)
    }

    /// Where one file stands: the results it is a version of, or why it counts
    /// for none — what `explain` tells, by the same rule `check` applies.
    pub fn standing_of(&self, path: &str) -> FileStanding<'_> {
        FileStanding {
            versions: self
                .results
                .iter()
                .filter(|result| result.versions.iter().any(|v| v.path == path))
                .map(|result| (result, result.counts(path)))
                .collect(),
            unassigned: self.unassigned.iter().find(|p| p.file == path),
        }
    }
}

/// Where one file stands in a check.
#[derive(Debug, Clone)]
pub struct FileStanding<'c> {
    /// The results the file is a version of, each with whether it is the
    /// version that counts.
    pub versions: Vec<(&'c Judgement, bool)>,
    /// Why the file counts for nothing, when it does not.
    pub unassigned: Option<&'c Problem>,
}

/// The judgement of one unit and (non-materials) report among `results`.
fn result_of<'r>(results: &'r [Judgement], unit: &str, report: &ReportId) -> Option<&'r Judgement> {
    results
        .iter()
        .find(|r| r.unit == unit && r.report == *report && r.activity.is_none())
}

/// How a check is asked for.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub as_of: DateTime<FixedOffset>,
    /// A pending report due within this long is “due soon”.
    pub soon: Duration,
}

/// Judges every unit × report at `options.as_of`.
pub fn check<'a>(
    campaign: &Campaign,
    files: &'a [FileRead],
    receipts: &'a Receipts,
    options: Options,
) -> Check<'a> {
    let index: versions::Files<'a> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    // The campaign as it stood at `as_of`: later files are not yet received.
    let received: Vec<(&FileRead, &Receipt)> = files
        .iter()
        .filter_map(|file| Some((file, receipts.by_path.get(&file.path)?)))
        .filter(|(_, receipt)| receipt.first <= options.as_of)
        .collect();

    // Grouped once, in file order: a campaign of thousands of units must not
    // look through every file for each of them.
    let mut by_unit: HashMap<&str, Vec<(&FileRead, &Receipt)>> = HashMap::new();
    for &(file, receipt) in &received {
        if let Some(attribution) = &file.unit {
            by_unit
                .entry(attribution.unit.as_str())
                .or_default()
                .push((file, receipt));
        }
    }

    let mut results = Vec::new();
    let mut unassigned = Vec::new();
    for unit in &campaign.units {
        let of_unit = by_unit.remove(unit.name.as_str()).unwrap_or_default();
        let judge = Judge {
            campaign,
            unit,
            files: &of_unit,
            index: &index,
            options,
        };
        let (judged, strays) = judge_unit(&judge);
        results.extend(judged);
        unassigned.extend(strays);
    }
    for (file, _) in &received {
        if file.unit.is_none() || !contributes(file) {
            unassigned.extend(reason_unassigned(file).cloned());
        }
    }
    let counted: HashSet<&str> = results
        .iter()
        .filter(|r| r.activity.is_none() && r.standing != Standing::Exempt)
        .filter_map(|r| Some(r.counted()?.path.as_str()))
        .collect();
    let problems = received
        .iter()
        .filter(|(file, _)| counted.contains(file.path.as_str()))
        .flat_map(|(file, _)| file.problems.iter().cloned())
        .collect();
    let chase = chase::chase(campaign, &results, &index);
    let later_change = receipts
        .by_path
        .values()
        .map(Receipt::latest)
        .max()
        .filter(|latest| *latest > options.as_of);
    Check {
        campaign: campaign.name.clone(),
        as_of: options.as_of,
        results,
        unassigned,
        ledger: receipts.ledger_problems.clone(),
        history: receipts.warnings.clone(),
        problems,
        chase,
        later_change,
        files: index,
    }
}

/// Judging the results of one unit: what every judgement of it shares.
pub(super) struct Judge<'c, 'a> {
    campaign: &'c Campaign,
    unit: &'c Unit,
    /// The unit's files received by the check's instant.
    files: &'c [(&'a FileRead, &'a Receipt)],
    /// Every file of the check, by path.
    index: &'c versions::Files<'a>,
    options: Options,
}

/// Every result of one unit in report order; materials come last in the
/// computation because their deadlines follow from the unit's judged plan.
fn judge_unit(judge: &Judge) -> (Vec<Judgement>, Vec<Problem>) {
    let reports = &judge.campaign.reports;
    let mut per_report: Vec<Vec<Judgement>> = vec![Vec::new(); reports.len()];
    let mut strays = Vec::new();
    for (i, report) in reports.iter().enumerate() {
        let as_of = judge.options.as_of;
        if judge.unit.exempt.contains(&report.id) {
            let versions = match report.kind {
                ReportKind::Materials { .. } => versions::of_materials(judge.files, None, as_of),
                _ => versions::of_report(judge.files, report, as_of),
            };
            per_report[i].push(judge.exempt(report, &versions));
        } else if !matches!(report.kind, ReportKind::Materials { .. }) {
            let versions = versions::of_report(judge.files, report, as_of);
            let deadline = judge.deadline(report, report.due);
            per_report[i].push(judge.judge(report, None, deadline, &versions));
        }
    }
    for (i, report) in reports.iter().enumerate() {
        let ReportKind::Materials { after } = &report.kind else {
            continue;
        };
        if judge.unit.exempt.contains(&report.id) {
            continue;
        }
        let plan = after.as_ref().and_then(|after| {
            let j = reports.iter().position(|r| r.id == after.report)?;
            per_report[j].first()
        });
        let (judged, stray) = materials::judge_materials(judge, report, after.as_ref(), plan);
        per_report[i] = judged;
        strays.extend(stray);
    }
    (per_report.into_iter().flatten().collect(), strays)
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

/// Why a file counts for nothing: its first error about the file as a whole.
fn reason_unassigned(file: &FileRead) -> Option<&Problem> {
    file.problems
        .iter()
        .find(|p| p.severity == Severity::Error && p.place == Place::File)
}

impl Judge<'_, '_> {
    /// The deadline after any extension granted to this unit for this report.
    fn deadline(&self, report: &Report, original: Option<Due>) -> Option<Deadline> {
        let extension = self
            .campaign
            .extensions
            .iter()
            .find(|e| e.unit == self.unit.name && e.report == report.id);
        match extension {
            Some(e) => Some(Deadline {
                due: e.until,
                extension: Some(e.clone()),
            }),
            None => original.map(|due| Deadline {
                due,
                extension: None,
            }),
        }
    }

    /// Judges one result from its versions, oldest change first.
    fn judge(
        &self,
        report: &Report,
        activity: Option<String>,
        deadline: Option<Deadline>,
        versions: &[versions::Candidate],
    ) -> Judgement {
        let options = self.options;
        let due = deadline.as_ref().map(|d| d.instant(self.campaign.timezone));
        let first = versions.iter().min_by_key(|v| v.receipt.first);
        let standing = match (first, versions.last()) {
            (Some(first), Some(newest)) => {
                let at = first.receipt.first;
                Standing::Received(Received {
                    first: at,
                    via: first.receipt.via,
                    revised: Some(newest.changed).filter(|changed| *changed > at),
                    late_by: due.filter(|due| at > *due).map(|due| at - due),
                    errors: newest.errors.clone(),
                })
            }
            _ => match due {
                Some(due) if options.as_of <= due => Standing::Pending {
                    due_soon: due - options.as_of <= options.soon,
                },
                _ => Standing::Missing,
            },
        };
        Judgement {
            unit: self.unit.name.clone(),
            report: report.id.clone(),
            activity,
            deadline,
            standing,
            versions: versions.iter().map(|v| v.version(options.as_of)).collect(),
            counting: counting(report),
        }
    }

    /// A report the unit does not owe; what it sent anyway is listed, never judged.
    fn exempt(&self, report: &Report, versions: &[versions::Candidate]) -> Judgement {
        Judgement {
            unit: self.unit.name.clone(),
            report: report.id.clone(),
            activity: None,
            deadline: self.deadline(report, report.due),
            standing: Standing::Exempt,
            versions: versions
                .iter()
                .map(|v| v.version(self.options.as_of))
                .collect(),
            counting: counting(report),
        }
    }
}

fn counting(report: &Report) -> Counting {
    match report.kind {
        ReportKind::Materials { .. } => Counting::Every,
        _ => Counting::Newest,
    }
}
