//! The data rows of a recognised form, read and cross-checked.
//!
//! Blank rows are skipped; a 合计/总计 row or a footnote ends the data; the
//! 合计 row is compared with the rows (a warning, never a source of totals);
//! tables with one row per activity item must hold each item exactly once;
//! the definition's row rules (`at_least`, `at_most`) hold on every row.

use chrono::NaiveDate;

use super::problem::{Kind, Place, Rule, Sink};
use super::table::{CellRef, Table, Value};
use super::value::{self, Context, Parsed};
use crate::definition::{Campaign, ColumnType, Rows, TableSpec};
use crate::normalize::loose_key;

/// One data row: the parsed value of every schema column (None when blank or unreadable).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 0-based sheet row.
    pub row: u32,
    pub values: Vec<Option<Parsed>>,
    /// Each schema column's cell as the file holds it (none where the form
    /// lacks the column or the cell is empty): what a raw comparison shows.
    pub cells: Vec<Option<Value>>,
    /// For tables with one row per activity item: the item's number.
    pub item: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Data {
    pub rows: Vec<Row>,
    /// The 合计 row, if the form has one.
    pub total_row: Option<u32>,
}

/// Reads the rows under `header_row`; `columns[i]` is the sheet column of schema column `i`.
pub fn read(
    table: &Table,
    header_row: u32,
    columns: &[Option<u32>],
    spec: &TableSpec,
    campaign: &Campaign,
    sink: &mut Sink,
) -> Data {
    let ctx = Context {
        campaign,
        dates_outside_period: spec.dates_outside_period,
    };
    let mut data = Data::default();
    // Columns with an unreadable cell: their 合计 cannot be checked against the rows.
    let mut unreadable = vec![false; spec.columns.len()];
    for (row, cells) in table.rows().filter(|(row, _)| *row > header_row) {
        if is_total(cells.values()) {
            data.total_row = Some(row);
            break;
        }
        if is_footnote(cells) {
            break;
        }
        let filled = |i: usize| columns[i].is_some_and(|col| table.get(row, col).is_some());
        let content =
            (0..spec.columns.len()).any(|i| filled(i) && spec.columns[i].ty != ColumnType::Serial);
        if !content {
            continue;
        }
        let mut values = Vec::with_capacity(spec.columns.len());
        let mut raw = Vec::with_capacity(spec.columns.len());
        for (i, column) in spec.columns.iter().enumerate() {
            let cell = columns[i].and_then(|col| table.get(row, col));
            raw.push(cell.cloned());
            let Some(col) = columns[i] else {
                values.push(None);
                continue;
            };
            let place = Place::Cell(CellRef::new(row, col));
            match value::parse(cell, column, &ctx) {
                Ok(None) if column.required => {
                    sink.error(
                        place,
                        Kind::Required {
                            column: column.header(),
                        },
                    );
                    values.push(None);
                }
                Ok(parsed) => values.push(parsed),
                Err(error) => {
                    sink.error(
                        place,
                        Kind::Value {
                            column: column.header(),
                            error,
                        },
                    );
                    unreadable[i] = true;
                    values.push(None);
                }
            }
        }
        check_rules(row, &values, columns, spec, sink);
        data.rows.push(Row {
            row,
            values,
            cells: raw,
            item: None,
        });
    }
    if spec.rows == Rows::Activities {
        match_items(&mut data.rows, spec, campaign, sink);
    }
    if let Some(total_row) = data.total_row {
        let checkable: Vec<Option<u32>> = columns
            .iter()
            .zip(&unreadable)
            .map(|(col, bad)| if *bad { None } else { *col })
            .collect();
        check_totals(&data.rows, total_row, &checkable, spec, table, &ctx, sink);
    }
    check_row_total(&data.rows, spec, sink);
    data
}

/// A row whose label says 合计 or 总计 ends the data.
fn is_total<'a>(mut cells: impl Iterator<Item = &'a Value>) -> bool {
    cells.any(|value| match value {
        Value::Text(text) => {
            let k = loose_key(text);
            (k.starts_with("合计") || k.starts_with("总计")) && k.chars().count() <= 4
        }
        _ => false,
    })
}

/// A lone note below the table (注：…, 填表人：…) ends the data.
fn is_footnote(cells: &std::collections::BTreeMap<u32, Value>) -> bool {
    const OPENINGS: [&str; 8] = [
        "注",
        "说明",
        "填表人",
        "审核人",
        "制表人",
        "负责人",
        "单位负责人",
        "主要负责人",
    ];
    let mut values = cells.values();
    match (values.next(), values.next()) {
        (Some(Value::Text(text)), None) => {
            let k = loose_key(text);
            OPENINGS.iter().any(|opening| k.starts_with(opening)) && k.chars().count() > 2
        }
        _ => false,
    }
}

/// A value rules can compare.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum Comparable {
    Number(f64),
    Date(NaiveDate),
}

fn comparable(parsed: &Parsed) -> Option<Comparable> {
    match parsed {
        Parsed::Count(n) => Some(Comparable::Number(*n as f64)),
        Parsed::Number(n) => Some(Comparable::Number(*n)),
        Parsed::Date(d) => Some(Comparable::Date(*d)),
        _ => None,
    }
}

fn check_rules(
    row: u32,
    values: &[Option<Parsed>],
    columns: &[Option<u32>],
    spec: &TableSpec,
    sink: &mut Sink,
) {
    for (i, column) in spec.columns.iter().enumerate() {
        let rules = [
            (column.at_least, Rule::AtLeast),
            (column.at_most, Rule::AtMost),
        ];
        for (other, rule) in rules {
            let Some(other) = other else { continue };
            let (Some(Some(value)), Some(Some(bound))) = (values.get(i), values.get(other)) else {
                continue;
            };
            let (Some(a), Some(b)) = (comparable(value), comparable(bound)) else {
                continue;
            };
            let broken = match rule {
                Rule::AtLeast => a < b,
                Rule::AtMost => a > b,
            };
            if broken && let Some(col) = columns[i] {
                sink.error(
                    Place::Cell(CellRef::new(row, col)),
                    Kind::RowRule {
                        column: column.header(),
                        other: spec.columns[other].header(),
                        rule,
                        value: value.clone(),
                        other_value: bound.clone(),
                    },
                );
            }
        }
    }
}

/// Every activity item once: matched by 序号 or by name, which must agree when both are given.
fn match_items(rows: &mut [Row], spec: &TableSpec, campaign: &Campaign, sink: &mut Sink) {
    let serial = spec.columns.iter().position(|c| c.ty == ColumnType::Serial);
    let activity = spec
        .columns
        .iter()
        .position(|c| c.ty == ColumnType::Activity);
    let name_of = |no: u32| {
        campaign
            .activities
            .iter()
            .find(|a| a.no == no)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let mut seen: Vec<(u32, u32)> = Vec::new();
    for row in rows.iter_mut() {
        let by_serial = serial.and_then(|i| match &row.values[i] {
            Some(Parsed::Serial(n)) if campaign.activities.iter().any(|a| a.no == *n) => Some(*n),
            _ => None,
        });
        let by_name = activity.and_then(|i| match &row.values[i] {
            Some(Parsed::Activity(n)) => Some(*n),
            _ => None,
        });
        let item = match (by_serial, by_name) {
            (Some(s), Some(n)) if s != n => {
                // Reported, then placed by the name people read, so that one slip is one error.
                sink.error(
                    Place::Row(row.row),
                    Kind::ItemMismatch {
                        by_serial: name_of(s),
                        by_name: name_of(n),
                    },
                );
                Some(n)
            }
            (s, n) => n.or(s),
        };
        let Some(item) = item else {
            if by_serial.is_none() && by_name.is_none() {
                sink.error(Place::Row(row.row), Kind::UnknownItem);
            }
            continue;
        };
        if let Some((_, first_row)) = seen.iter().find(|(no, _)| *no == item) {
            sink.error(
                Place::Row(row.row),
                Kind::DuplicateItem {
                    no: item,
                    name: name_of(item),
                    first_row: *first_row,
                },
            );
            continue;
        }
        seen.push((item, row.row));
        row.item = Some(item);
    }
    for activity in &campaign.activities {
        if !seen.iter().any(|(no, _)| *no == activity.no) {
            sink.error(
                Place::Sheet,
                Kind::MissingItem {
                    no: activity.no,
                    name: activity.name.clone(),
                },
            );
        }
    }
}

fn check_totals(
    rows: &[Row],
    total_row: u32,
    columns: &[Option<u32>],
    spec: &TableSpec,
    table: &Table,
    ctx: &Context,
    sink: &mut Sink,
) {
    for (i, column) in spec.columns.iter().enumerate() {
        let Some(col) = columns[i] else { continue };
        if !column.ty.is_numeric() || table.get(total_row, col).is_none() {
            continue;
        }
        let Ok(Some(written)) = value::parse(table.get(total_row, col), column, ctx) else {
            continue;
        };
        let Some(Comparable::Number(written)) = comparable(&written) else {
            continue;
        };
        let sum: f64 = rows
            .iter()
            .filter_map(|row| row.values[i].as_ref().and_then(comparable))
            .map(|c| match c {
                Comparable::Number(n) => n,
                Comparable::Date(_) => 0.0,
            })
            .sum();
        if (written - sum).abs() > 1e-9 {
            sink.warning(
                Place::Cell(CellRef::new(total_row, col)),
                Kind::TotalMismatch {
                    column: column.header(),
                    written,
                    sum,
                },
            );
        }
    }
}

fn check_row_total(rows: &[Row], spec: &TableSpec, sink: &mut Sink) {
    let count = rows.len() as u32;
    if count == 0 {
        sink.error(Place::Sheet, Kind::NoRows);
        return;
    }
    let too_few = spec.min_rows.is_some_and(|min| count < min);
    let too_many = spec.max_rows.is_some_and(|max| count > max);
    if too_few || too_many {
        sink.error(
            Place::Sheet,
            Kind::RowTotal {
                count,
                min: spec.min_rows,
                max: spec.max_rows,
            },
        );
    }
}
