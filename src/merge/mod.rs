//! The consolidation behind `campaign merge`: what goes into the rollup.
//!
//! Works on the same judgement `check` makes and reads rows only through its
//! queries ([`Check::rows_of`], [`Check::liaisons`]), so that exactly the
//! versions `check` counts are counted: for every unit, the newest version of
//! each report, if it is valid (on time or late). Every data row of a counted
//! 附件3 lands once in the detail and once in the totals; every unit owing
//! 附件3 is either counted or excluded with its reason. The 合计 rows units
//! write are never read as data. The liaisons are the chase list's: every row
//! with a valid name and number, marked where they come from an invalid form.
//! Writing the workbooks is [`books`]'s job.

pub mod books;
pub mod compile;
pub mod json;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::definition::{Campaign, Column, ColumnType, Report, Role, TableSpec};
use crate::read::problem::Problem;
use crate::read::value::Parsed;
use crate::receipt::{Receipts, Via};
use crate::status::{Check, Judgement, Placed, Status};

#[derive(Debug, Clone, PartialEq)]
pub struct Rollup {
    pub campaign: String,
    /// The instant the data stands at: `--as-of`, or the latest receipt among the inputs.
    pub as_of: DateTime<FixedOffset>,
    /// Counted files not yet committed, dated by their modification time.
    pub uncommitted: Vec<String>,
    pub progress: Progress,
    pub liaisons: Listing,
    /// Units with no usable liaison at all, with their 附件1 status.
    pub liaisons_missing: Vec<(String, Status)>,
    /// Every planned key activity, by start date.
    pub plans: Listing,
    /// Older versions that were not counted, per unit and report.
    pub superseded: Vec<Superseded>,
}

/// The 附件3 rollup.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// The metric columns (count or number columns), without their unit suffix.
    pub columns: Vec<String>,
    /// Their headers as printed (开展场次（场）).
    pub headers: Vec<String>,
    pub by_item: Vec<ItemTotal>,
    pub by_category: Vec<CategoryTotal>,
    pub by_unit: Vec<UnitTotal>,
    pub total: Vec<f64>,
    pub detail: Vec<DetailRow>,
    pub excluded: Vec<Excluded>,
    /// The units whose 附件3 content changed after its deadline (as
    /// `campaign diff --after-deadline` finds them), in campaign order.
    pub changed: Vec<Changed>,
}

/// A unit whose 附件3 changed after its deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub unit: String,
    /// The deadline (or extension) it changed after.
    pub due: DateTime<FixedOffset>,
    /// When the changed version was received, and the commit that brought it.
    pub received: Option<DateTime<FixedOffset>>,
    pub commit: Option<String>,
    /// How many cells changed, and how many rows were added or removed.
    pub cells: usize,
    pub rows: usize,
}

/// The rollup's account of the comparisons that found a change after the deadline.
pub fn changed(audited: &[crate::diff::Compared]) -> Vec<Changed> {
    audited
        .iter()
        .map(|compared| Changed {
            unit: compared.unit.clone(),
            due: compared.old.at,
            received: compared.new.version.as_ref().map(|v| v.received),
            commit: compared.new.version.as_ref().and_then(|v| v.commit.clone()),
            cells: compared.changes.cells.len(),
            rows: compared.changes.added.len() + compared.changes.removed.len(),
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemTotal {
    pub no: u32,
    pub activity: String,
    pub category: u32,
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryTotal {
    pub no: u32,
    pub name: String,
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitTotal {
    pub unit: String,
    pub values: Vec<f64>,
}

/// One data row of one counted 附件3.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailRow {
    pub unit: String,
    pub no: u32,
    pub activity: String,
    pub values: Vec<f64>,
    pub remark: String,
    pub source: Source,
}

/// Where one consolidated row came from: the version of a unit's file that
/// produced it, down to its sheet, row and commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Root-relative path, as it was at the instant the rollup stands at.
    pub file: String,
    pub sheet: String,
    /// The sheet row, counted from 1 as people count.
    pub row: u32,
    /// The commit that gave the file this content, in full; none for a
    /// content never committed or changed since its last commit.
    pub commit: Option<String>,
    /// When this version of the file was received.
    pub received: Option<DateTime<FixedOffset>>,
}

/// A unit owing 附件3 whose numbers are not in the rollup.
#[derive(Debug, Clone, PartialEq)]
pub struct Excluded {
    pub unit: String,
    pub status: Status,
    /// Every error of an invalid report (people are shown the first few).
    pub errors: Vec<Problem>,
}

/// Every row of one report over all units that sent a usable version (附件1, 附件2).
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    /// The report's columns, as the definition gives them.
    pub columns: Vec<Column>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub unit: String,
    /// The parsed value of every column, in column order.
    pub cells: Vec<Option<Parsed>>,
    /// Where the row was read.
    pub source: Source,
    /// Whether that file is an invalid version (liaisons only: plans come
    /// from valid versions alone).
    pub from_invalid: bool,
}

impl Listing {
    /// The first column of a type (the activity item, the brand flag …).
    pub fn column_of(&self, ty: &ColumnType) -> Option<usize> {
        self.columns.iter().position(|c| &c.ty == ty)
    }

    /// The first required text column: the entry's name (联络员姓名, 活动名称).
    pub fn name_column(&self) -> Option<usize> {
        crate::definition::name_column(&self.columns)
    }

    /// The date columns, in order (计划开始日期, 计划结束日期).
    pub fn date_columns(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&i| self.columns[i].ty == ColumnType::Date)
            .collect()
    }
}

impl Entry {
    pub fn text(&self, column: Option<usize>, campaign: &Campaign) -> String {
        column
            .and_then(|i| self.cells[i].as_ref())
            .map(|v| v.shown(campaign))
            .unwrap_or_default()
    }

    pub fn date(&self, column: Option<usize>) -> Option<NaiveDate> {
        match column.and_then(|i| self.cells[i].as_ref()) {
            Some(Parsed::Date(d)) => Some(*d),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Superseded {
    pub unit: String,
    pub report: String,
    pub counted: String,
    pub older: Vec<String>,
}

/// Where the rows of a check's files came from: their commits and versions.
struct Sources<'r> {
    receipts: &'r Receipts,
    as_of: DateTime<FixedOffset>,
}

impl Sources<'_> {
    /// The source of one row of the file at `path`.
    fn of(&self, path: &str, placed: Placed) -> Source {
        Source {
            file: path.to_owned(),
            sheet: placed.sheet.to_owned(),
            row: placed.row.row + 1,
            commit: self.receipts.commit_of(path),
            received: self
                .receipts
                .by_path
                .get(path)
                .map(|r| r.changed(self.as_of)),
        }
    }
}

/// Builds the rollup from what `check` judged, at `check.as_of`.
pub fn rollup(campaign: &Campaign, receipts: &Receipts, check: &Check) -> Rollup {
    let sources = Sources {
        receipts,
        as_of: check.as_of,
    };
    let progress = match campaign.role(Role::Progress) {
        Some((report, spec)) => progress(campaign, report, spec, check, &sources),
        None => Progress::empty(),
    };

    // Every unit's liaisons, even of a unit that does not owe 附件1 but sent
    // one: the chase list phones them too.
    let mut liaisons = listing(campaign, Role::Roster);
    let mut liaisons_missing = Vec::new();
    for unit in &campaign.units {
        match check.liaisons(campaign, &unit.name) {
            Some(found) => liaisons
                .entries
                .extend(found.rows.iter().map(|placed| Entry {
                    unit: unit.name.clone(),
                    cells: placed.row.values.clone(),
                    source: sources.of(&found.file.path, *placed),
                    from_invalid: !found.valid,
                })),
            None => {
                let roster = campaign.role(Role::Roster).map(|(report, _)| &report.id);
                let owed = roster.and_then(|id| check.result(&unit.name, id));
                if let Some(judgement) = owed.filter(|j| j.status() != Status::Exempt) {
                    liaisons_missing.push((unit.name.clone(), judgement.status()));
                }
            }
        }
    }

    let mut plans = listing(campaign, Role::Plan);
    if let Some((plan, _)) = campaign.role(Role::Plan) {
        for judgement in results_of(check, plan) {
            if let Some(counted) = check.rows_of(&judgement.unit, &plan.id).filter(|c| c.valid) {
                plans.entries.extend(counted.rows().map(|placed| Entry {
                    unit: judgement.unit.clone(),
                    cells: placed.row.values.clone(),
                    source: sources.of(&counted.file.path, placed),
                    from_invalid: false,
                }));
            }
        }
    }
    let start = plans.date_columns().first().copied();
    let unit_order = |unit: &str| campaign.unit_position(unit);
    plans.entries.sort_by(|a, b| {
        a.date(start)
            .cmp(&b.date(start))
            .then_with(|| unit_order(&a.unit).cmp(&unit_order(&b.unit)))
    });

    let tables: Vec<&crate::definition::ReportId> = Role::ALL
        .iter()
        .filter_map(|role| Some(&campaign.role(*role)?.0.id))
        .collect();
    let superseded = check
        .results
        .iter()
        .filter(|j| j.versions.len() > 1 && tables.contains(&&j.report))
        .map(|j| {
            let mut files = j.files();
            let counted = files.pop().unwrap_or_default();
            Superseded {
                unit: j.unit.clone(),
                report: j.report.0.clone(),
                counted,
                older: files,
            }
        })
        .collect();
    // The files whose rows are in the books and that are dated only by
    // their modification time, each once.
    let mut uncommitted: Vec<String> = progress
        .detail
        .iter()
        .map(|row| &row.source.file)
        .chain(liaisons.entries.iter().map(|e| &e.source.file))
        .chain(plans.entries.iter().map(|e| &e.source.file))
        .filter(|path| {
            receipts
                .by_path
                .get(*path)
                .is_some_and(|r| r.via == Via::Mtime)
        })
        .cloned()
        .collect();
    uncommitted.sort();
    uncommitted.dedup();

    Rollup {
        campaign: campaign.name.clone(),
        as_of: check.as_of,
        uncommitted,
        progress,
        liaisons,
        liaisons_missing,
        plans,
        superseded,
    }
}

/// The counted versions not yet committed, dated by their modification time.
pub fn uncommitted(check: &Check) -> Vec<String> {
    let mut files: Vec<String> = check
        .results
        .iter()
        .filter_map(Judgement::counted)
        .filter(|version| version.via == Via::Mtime)
        .map(|version| version.path.clone())
        .collect();
    files.sort();
    files.dedup();
    files
}

/// The judgements of `report` that the rollup accounts for: every unit not exempt.
fn results_of<'c>(check: &'c Check, report: &'c Report) -> impl Iterator<Item = &'c Judgement> {
    check.results.iter().filter(move |j| {
        j.report == report.id && j.activity.is_none() && j.status() != Status::Exempt
    })
}

/// The instant a merge stands at when none is given: the latest receipt among the inputs.
pub fn latest_receipt(receipts: &Receipts) -> Option<DateTime<FixedOffset>> {
    receipts.by_path.values().map(|r| r.latest()).max()
}

impl Progress {
    fn empty() -> Progress {
        Progress {
            columns: Vec::new(),
            headers: Vec::new(),
            by_item: Vec::new(),
            by_category: Vec::new(),
            by_unit: Vec::new(),
            total: Vec::new(),
            detail: Vec::new(),
            excluded: Vec::new(),
            changed: Vec::new(),
        }
    }
}

fn number(value: &Option<Parsed>) -> f64 {
    match value {
        Some(Parsed::Count(n)) => *n as f64,
        Some(Parsed::Number(n)) => *n,
        _ => 0.0,
    }
}

fn progress(
    campaign: &Campaign,
    report: &Report,
    spec: &TableSpec,
    check: &Check,
    sources: &Sources,
) -> Progress {
    let metrics: Vec<usize> = (0..spec.columns.len())
        .filter(|&i| spec.columns[i].ty.is_numeric())
        .collect();
    let remark = spec.columns.iter().position(|c| c.ty == ColumnType::Text);
    let zero = || vec![0.0; metrics.len()];
    let mut by_item: Vec<ItemTotal> = campaign
        .activities
        .iter()
        .map(|a| ItemTotal {
            no: a.no,
            activity: a.name.clone(),
            category: a.category,
            values: zero(),
        })
        .collect();
    let mut by_unit = Vec::new();
    let mut detail = Vec::new();
    let mut excluded = Vec::new();
    for judgement in results_of(check, report) {
        let counted = check.rows_of(&judgement.unit, &report.id);
        let Some(counted) = counted.filter(|c| c.valid) else {
            excluded.push(Excluded {
                unit: judgement.unit.clone(),
                status: judgement.status(),
                errors: judgement.errors().to_vec(),
            });
            continue;
        };
        let file = &counted.file.path;
        let mut unit_values = zero();
        for placed in counted.rows() {
            let row = placed.row;
            let Some(no) = row.item else { continue };
            let values: Vec<f64> = metrics.iter().map(|&i| number(&row.values[i])).collect();
            let item = by_item
                .iter_mut()
                .find(|item| item.no == no)
                .expect("items are the campaign's");
            for (k, value) in values.iter().enumerate() {
                item.values[k] += value;
                unit_values[k] += value;
            }
            let remark = match remark.and_then(|i| row.values[i].as_ref()) {
                Some(Parsed::Text(text)) => text.clone(),
                _ => String::new(),
            };
            detail.push(DetailRow {
                unit: judgement.unit.clone(),
                no,
                activity: item.activity.clone(),
                values,
                remark,
                source: sources.of(file, placed),
            });
        }
        by_unit.push(UnitTotal {
            unit: judgement.unit.clone(),
            values: unit_values,
        });
    }
    let by_category = campaign
        .categories
        .iter()
        .map(|category| CategoryTotal {
            no: category.no,
            name: category.name.clone(),
            values: sum(
                by_item
                    .iter()
                    .filter(|i| i.category == category.no)
                    .map(|i| &i.values),
                metrics.len(),
            ),
        })
        .collect();
    let total = sum(by_item.iter().map(|i| &i.values), metrics.len());
    Progress {
        columns: metrics
            .iter()
            .map(|&i| spec.columns[i].name.clone())
            .collect(),
        headers: metrics.iter().map(|&i| spec.columns[i].header()).collect(),
        by_item,
        by_category,
        by_unit,
        total,
        detail,
        excluded,
        changed: Vec::new(),
    }
}

fn sum<'a>(rows: impl Iterator<Item = &'a Vec<f64>>, width: usize) -> Vec<f64> {
    rows.fold(vec![0.0; width], |mut acc, row| {
        for (a, v) in acc.iter_mut().zip(row) {
            *a += v;
        }
        acc
    })
}

fn listing(campaign: &Campaign, role: Role) -> Listing {
    Listing {
        columns: campaign
            .role(role)
            .map(|(_, spec)| spec.columns.clone())
            .unwrap_or_default(),
        entries: Vec::new(),
    }
}
