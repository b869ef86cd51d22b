//! The consolidation behind `campaign merge`: what goes into the rollup.
//!
//! Works on the same judgement `check` makes, so that exactly the reports
//! `check` calls usable are counted: for every unit, the newest version of
//! each report, if it is valid (on time or late). Every data row of a counted
//! 附件3 lands once in the detail and once in the totals; every unit owing
//! 附件3 is either counted or excluded with its reason. The 合计 rows units
//! write are never read as data. Writing the workbooks is [`books`]'s job.

pub mod books;
pub mod json;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::definition::{Campaign, Column, ColumnType, Report, TableSpec};
use crate::read::problem::Problem;
use crate::read::value::Parsed;
use crate::read::{Content, FileRead, Form};
use crate::receipt::Receipts;
use crate::status::{Check, Judgement, Status};

/// The report ids the rollup reads (SPEC §2).
pub const PROGRESS: &str = "progress";
pub const LIAISON: &str = "liaison";
pub const PLAN: &str = "plan";

#[derive(Debug, Clone, PartialEq)]
pub struct Rollup {
    pub campaign: String,
    /// The instant the data stands at: `--as-of`, or the latest receipt among the inputs.
    pub as_of: DateTime<FixedOffset>,
    pub progress: Progress,
    pub liaisons: Listing,
    /// Units with no valid 附件1, with their status.
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
    pub file: String,
    pub received: Option<DateTime<FixedOffset>>,
}

/// A unit owing 附件3 whose numbers are not in the rollup.
#[derive(Debug, Clone, PartialEq)]
pub struct Excluded {
    pub unit: String,
    pub status: Status,
    /// The first errors of an invalid report.
    pub errors: Vec<Problem>,
}

/// Every row of one report over all units that sent a valid version (附件1, 附件2).
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
}

impl Listing {
    /// The first column of a type (the activity item, the brand flag …).
    pub fn column_of(&self, ty: &ColumnType) -> Option<usize> {
        self.columns.iter().position(|c| &c.ty == ty)
    }

    /// The first required text column: the entry's name (联络员姓名, 活动名称).
    pub fn name_column(&self) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.ty == ColumnType::Text && c.required)
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

/// How many of an invalid report's errors the rollup names.
const FIRST_ERRORS: usize = 3;

/// Builds the rollup from what `check` judged, at `check.as_of`.
pub fn rollup(
    campaign: &Campaign,
    files: &[FileRead],
    receipts: &Receipts,
    check: &Check,
) -> Rollup {
    let by_path: BTreeMap<&str, &FileRead> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let counted = |judgement: &Judgement| -> Option<&FileRead> {
        let usable = matches!(judgement.status, Status::Ok | Status::Late);
        usable
            .then(|| {
                judgement
                    .files
                    .last()
                    .and_then(|path| by_path.get(path.as_str()).copied())
            })
            .flatten()
    };
    let received = |file: &FileRead| receipts.by_path.get(&file.path).map(|r| r.first);
    let results_of = |report: &'static str| {
        check
            .results
            .iter()
            .filter(move |j| j.report.0 == report && j.activity.is_none())
    };

    let progress = match campaign
        .report(PROGRESS)
        .and_then(|r| r.table().map(|spec| (r, spec)))
    {
        Some((report, spec)) => progress(
            campaign,
            report,
            spec,
            results_of(PROGRESS).map(|j| (j, counted(j))),
            &received,
        ),
        None => Progress::empty(),
    };

    let mut liaisons = listing(campaign, LIAISON);
    let mut liaisons_missing = Vec::new();
    for judgement in results_of(LIAISON).filter(|j| j.status != Status::Exempt) {
        match counted(judgement) {
            Some(file) => liaisons
                .entries
                .extend(entries(file, LIAISON, &judgement.unit)),
            None => liaisons_missing.push((judgement.unit.clone(), judgement.status)),
        }
    }

    let mut plans = listing(campaign, PLAN);
    for judgement in results_of(PLAN) {
        if let Some(file) = counted(judgement) {
            plans.entries.extend(entries(file, PLAN, &judgement.unit));
        }
    }
    let start = plans.date_columns().first().copied();
    let unit_order = |unit: &str| campaign.unit_position(unit);
    plans.entries.sort_by(|a, b| {
        a.date(start)
            .cmp(&b.date(start))
            .then_with(|| unit_order(&a.unit).cmp(&unit_order(&b.unit)))
    });

    let superseded = check
        .results
        .iter()
        .filter(|j| j.files.len() > 1 && [PROGRESS, LIAISON, PLAN].contains(&j.report.0.as_str()))
        .map(|j| Superseded {
            unit: j.unit.clone(),
            report: j.report.0.clone(),
            counted: j.files.last().cloned().unwrap_or_default(),
            older: j.files[..j.files.len() - 1].to_vec(),
        })
        .collect();

    Rollup {
        campaign: campaign.name.clone(),
        as_of: check.as_of,
        progress,
        liaisons,
        liaisons_missing,
        plans,
        superseded,
    }
}

/// The instant a merge stands at when none is given: the latest receipt among the inputs.
pub fn latest_receipt(receipts: &Receipts) -> Option<DateTime<FixedOffset>> {
    receipts
        .by_path
        .values()
        .map(|r| r.revised.unwrap_or(r.first))
        .max()
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
        }
    }
}

fn forms<'a>(file: &'a FileRead, report: &'a str) -> impl Iterator<Item = &'a Form> {
    let forms: &[Form] = match &file.content {
        Content::Forms(forms) => forms,
        _ => &[],
    };
    forms.iter().filter(move |form| form.report.0 == report)
}

fn number(value: &Option<Parsed>) -> f64 {
    match value {
        Some(Parsed::Count(n)) => *n as f64,
        Some(Parsed::Number(n)) => *n,
        _ => 0.0,
    }
}

fn progress<'a>(
    campaign: &Campaign,
    report: &Report,
    spec: &TableSpec,
    judged: impl Iterator<Item = (&'a Judgement, Option<&'a FileRead>)>,
    received: &dyn Fn(&FileRead) -> Option<DateTime<FixedOffset>>,
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
    for (judgement, file) in judged {
        if judgement.status == Status::Exempt {
            continue;
        }
        let Some(file) = file else {
            excluded.push(Excluded {
                unit: judgement.unit.clone(),
                status: judgement.status,
                errors: judgement
                    .errors
                    .iter()
                    .take(FIRST_ERRORS)
                    .cloned()
                    .collect(),
            });
            continue;
        };
        let mut unit_values = zero();
        for form in forms(file, &report.id.0) {
            for row in &form.data.rows {
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
                    file: file.path.clone(),
                    received: received(file),
                });
            }
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

fn listing(campaign: &Campaign, report: &str) -> Listing {
    Listing {
        columns: campaign
            .report(report)
            .and_then(Report::table)
            .map(|spec| spec.columns.clone())
            .unwrap_or_default(),
        entries: Vec::new(),
    }
}

fn entries<'a>(
    file: &'a FileRead,
    report: &'a str,
    unit: &'a str,
) -> impl Iterator<Item = Entry> + 'a {
    forms(file, report).flat_map(move |form| {
        form.data.rows.iter().map(move |row| Entry {
            unit: unit.to_owned(),
            cells: row.values.clone(),
        })
    })
}
