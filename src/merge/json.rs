//! `merge --format json` (SPEC §6, contract): the rollup as other tools read it.
//!
//! Beyond the contract's keys there are only additions: `progress.detail`,
//! every counted row of every 附件3, `progress.changed_after_deadline`, the
//! units whose 附件3 changed after its deadline, and a `source` on every detail row,
//! liaison and plan — the file, sheet, row, commit and receipt time of the
//! version it was read from, so that any consolidated figure can be traced.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Excluded, Rollup};
use crate::definition::{Campaign, ColumnType};
use crate::lang::Lang;
use crate::read::value::Parsed;

#[derive(Serialize)]
struct Document {
    progress: Progress,
    liaisons: Vec<Liaison>,
    plans: Vec<Plan>,
}

#[derive(Serialize)]
struct Progress {
    columns: Vec<String>,
    by_item: Vec<Item>,
    by_unit: Vec<Unit>,
    total: Map<String, Value>,
    excluded: Vec<Reason>,
    detail: Vec<Detail>,
    changed_after_deadline: Vec<Changed>,
}

/// A unit whose 附件3 changed after its deadline.
#[derive(Serialize)]
struct Changed {
    unit: String,
    due: String,
    received: Option<String>,
    commit: Option<String>,
    cells: usize,
    rows: usize,
}

/// One counted row of one 附件3, and where it was read.
#[derive(Serialize)]
struct Detail {
    unit: String,
    no: u32,
    activity: String,
    values: Map<String, Value>,
    source: Source,
}

/// The version one row was read from.
#[derive(Serialize)]
struct Source {
    file: String,
    sheet: String,
    row: u32,
    commit: Option<String>,
    received: Option<String>,
}

impl Source {
    fn of(source: &super::Source, campaign: &Campaign) -> Source {
        Source {
            file: source.file.clone(),
            sheet: source.sheet.clone(),
            row: source.row,
            commit: source.commit.clone(),
            received: source
                .received
                .map(|at| crate::output::rfc3339(at, campaign.timezone)),
        }
    }
}

#[derive(Serialize)]
struct Item {
    no: u32,
    activity: String,
    values: Map<String, Value>,
}

#[derive(Serialize)]
struct Unit {
    unit: String,
    values: Map<String, Value>,
}

#[derive(Serialize)]
struct Reason {
    unit: String,
    reason: String,
}

#[derive(Serialize)]
struct Liaison {
    unit: String,
    name: String,
    mobile: String,
    /// Only for a liaison taken from an invalid 附件1: that file.
    #[serde(skip_serializing_if = "Option::is_none")]
    from_invalid_form: Option<String>,
    source: Source,
}

#[derive(Serialize)]
struct Plan {
    unit: String,
    name: String,
    activity_no: Option<u32>,
    start: Option<String>,
    end: Option<String>,
    brand: bool,
    source: Source,
}

/// A count as a JSON integer, any other number as it is.
fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9e15 {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}

fn values(columns: &[String], values: &[f64]) -> Map<String, Value> {
    columns
        .iter()
        .zip(values)
        .map(|(c, v)| (c.clone(), number(*v)))
        .collect()
}

/// Why a unit's 附件3 is not counted: its status, and for an invalid one its
/// first errors and how many there are.
pub fn reason(excluded: &Excluded, lang: Lang) -> String {
    let status = excluded.status.label(lang);
    if excluded.errors.is_empty() {
        return status.to_owned();
    }
    let errors = crate::output::first_problems(&excluded.errors, lang);
    format!("{status}{}{errors}", lang.pick("：", ": "))
}

/// The rollup as pretty-printed JSON with a trailing newline.
pub fn render(campaign: &Campaign, rollup: &Rollup, lang: Lang) -> String {
    let progress = &rollup.progress;
    let columns = &progress.columns;
    let liaisons = &rollup.liaisons;
    let (name, mobile) = (
        liaisons.name_column(),
        liaisons.column_of(&ColumnType::Mobile),
    );
    let plans = &rollup.plans;
    let dates = plans.date_columns();
    let (plan_name, activity, brand) = (
        plans.name_column(),
        plans.column_of(&ColumnType::Activity),
        plans.column_of(&ColumnType::Bool),
    );
    let document = Document {
        progress: Progress {
            columns: columns.clone(),
            by_item: progress
                .by_item
                .iter()
                .map(|i| Item {
                    no: i.no,
                    activity: i.activity.clone(),
                    values: values(columns, &i.values),
                })
                .collect(),
            by_unit: progress
                .by_unit
                .iter()
                .map(|u| Unit {
                    unit: u.unit.clone(),
                    values: values(columns, &u.values),
                })
                .collect(),
            total: values(columns, &progress.total),
            excluded: progress
                .excluded
                .iter()
                .map(|e| Reason {
                    unit: e.unit.clone(),
                    reason: reason(e, lang),
                })
                .collect(),
            detail: progress
                .detail
                .iter()
                .map(|row| Detail {
                    unit: row.unit.clone(),
                    no: row.no,
                    activity: row.activity.clone(),
                    values: values(columns, &row.values),
                    source: Source::of(&row.source, campaign),
                })
                .collect(),
            changed_after_deadline: progress
                .changed
                .iter()
                .map(|c| Changed {
                    unit: c.unit.clone(),
                    due: crate::output::rfc3339(c.due, campaign.timezone),
                    received: c
                        .received
                        .map(|at| crate::output::rfc3339(at, campaign.timezone)),
                    commit: c.commit.clone(),
                    cells: c.cells,
                    rows: c.rows,
                })
                .collect(),
        },
        liaisons: liaisons
            .entries
            .iter()
            .map(|e| Liaison {
                unit: e.unit.clone(),
                name: e.text(name, campaign),
                mobile: e.text(mobile, campaign),
                from_invalid_form: e.from_invalid.then(|| e.source.file.clone()),
                source: Source::of(&e.source, campaign),
            })
            .collect(),
        plans: plans
            .entries
            .iter()
            .map(|e| Plan {
                unit: e.unit.clone(),
                name: e.text(plan_name, campaign),
                activity_no: match activity.and_then(|i| e.cells[i].as_ref()) {
                    Some(Parsed::Activity(n)) => Some(*n),
                    _ => None,
                },
                start: e.date(dates.first().copied()).map(|d| d.to_string()),
                end: e.date(dates.get(1).copied()).map(|d| d.to_string()),
                brand: matches!(
                    brand.and_then(|i| e.cells[i].as_ref()),
                    Some(Parsed::Bool(true))
                ),
                source: Source::of(&e.source, campaign),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("the rollup serialises");
    text.push('\n');
    text
}
