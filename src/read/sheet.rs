//! Which form a sheet holds, where its header is, and what its metadata row says.
//!
//! A sheet is recognised by its content: the row whose cells best match a
//! table report's column names (under any number of title rows), or failing
//! that a title naming the report; a sheet nothing names can still be read as
//! the report a workbook's fingerprint names ([`recognise_as`]). Header text is compared loosely: line
//! breaks, spaces, full- or half-width brackets, the unit suffix and leading
//! required-markers (`*`) do not matter; aliases count.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use crate::definition::{Campaign, Report, TableSpec};
use crate::normalize::{header_and_loose_keys, header_key, key, loose_key};
use crate::read::table::{CellRef, Table, Value};

/// How far down a sheet the header is looked for (rows holding anything).
const HEADER_SEARCH_ROWS: usize = 20;
/// Matched columns needed to call a row a header without a title to confirm it.
const HEADER_MIN_MATCHES: usize = 3;

/// A sheet recognised as one table report.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognised {
    /// Index into `campaign.reports`.
    pub report: usize,
    /// The header row, if one was found (a title alone may name the report).
    pub header_row: Option<u32>,
    /// For each sheet column of the header: the schema column it holds, or its
    /// text if it matches none.
    pub header: Vec<(u32, HeaderCell)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum HeaderCell {
    Column(usize),
    Unknown(String),
}

/// The schema column a header text names, if any.
pub fn match_header(spec: &TableSpec, text: &str) -> Option<usize> {
    let wanted = header_key(text);
    if wanted.is_empty() {
        return None;
    }
    spec.header_keys
        .iter()
        .position(|keys| keys.contains(&wanted))
}

fn cell_text(value: &Value) -> Option<&str> {
    match value {
        Value::Text(text) => Some(text),
        _ => None,
    }
}

/// The words of a report's title that identify it in a title row (活动进展情况统计表).
fn title_keys(report: &Report) -> Vec<String> {
    report
        .title
        .split_whitespace()
        .filter(|word| !word.starts_with("附件") && word.chars().count() >= 4)
        .map(loose_key)
        .collect()
}

/// Each text cell near the top of a sheet, keyed once for every report to
/// compare with: (header key, loose key) by row.
fn keyed_rows(table: &Table) -> Vec<(u32, Vec<(String, String)>)> {
    table
        .rows()
        .take(HEADER_SEARCH_ROWS)
        .map(|(row, cells)| {
            let keys = cells
                .values()
                .filter_map(cell_text)
                .map(header_and_loose_keys)
                .collect();
            (row, keys)
        })
        .collect()
}

/// The schema columns the header keys of one row name.
fn matched_columns(spec: &TableSpec, keys: &[(String, String)]) -> BTreeSet<usize> {
    keys.iter()
        .filter_map(|(header, _)| {
            spec.header_keys
                .iter()
                .position(|k| !header.is_empty() && k.contains(header))
        })
        .collect()
}

/// Recognises the form a sheet holds, if any.
pub fn recognise(table: &Table, campaign: &Campaign) -> Option<Recognised> {
    let rows = keyed_rows(table);
    let mut best: Option<(usize, usize, u32, bool)> = None; // (matches, report, row, titled)
    for (index, report) in campaign.reports.iter().enumerate() {
        let Some(spec) = report.table() else { continue };
        let titles = title_keys(report);
        let mut titled_above = false;
        for (row, keys) in &rows {
            titled_above |= keys.iter().any(|(_, loose)| {
                titles
                    .iter()
                    .any(|t| !t.is_empty() && loose.contains(t.as_str()))
            });
            let matched = matched_columns(spec, keys).len();
            let candidate = (matched, index, *row, titled_above);
            let enough = matched >= HEADER_MIN_MATCHES.min(spec.columns.len())
                || (titled_above && matched > 0);
            let better = best.is_none_or(|(m, _, _, t)| (matched, titled_above) > (m, t));
            if enough && better {
                best = Some(candidate);
            }
        }
        if titled_above && best.is_none() {
            best = Some((0, index, u32::MAX, true));
        }
    }
    let (matches, report, row, _) = best?;
    let spec = campaign.reports[report].table()?;
    if matches == 0 {
        return Some(Recognised::headless(report));
    }
    Some(Recognised::at(table, spec, report, row))
}

/// Reads a sheet as `report` whatever it holds, for a workbook whose
/// fingerprint names the report: its header is the row naming most of the
/// report's columns, if any row names one.
pub fn recognise_as(table: &Table, campaign: &Campaign, report: usize) -> Recognised {
    let Some(spec) = campaign.reports[report].table() else {
        return Recognised::headless(report);
    };
    let best = keyed_rows(table)
        .iter()
        .map(|(row, keys)| (matched_columns(spec, keys).len(), Reverse(*row)))
        .filter(|(matched, _)| *matched > 0)
        .max();
    match best {
        Some((_, Reverse(row))) => Recognised::at(table, spec, report, row),
        None => Recognised::headless(report),
    }
}

impl Recognised {
    /// A report named by a title or a fingerprint, with no header row.
    fn headless(report: usize) -> Recognised {
        Recognised {
            report,
            header_row: None,
            header: Vec::new(),
        }
    }

    /// A report whose header is `row`: each of its cells as the column it names, or its text.
    fn at(table: &Table, spec: &TableSpec, report: usize, row: u32) -> Recognised {
        let header = table
            .row(row)
            .filter_map(|(col, value)| {
                let text = match value {
                    Value::Text(text) => text.clone(),
                    other => other.shown(),
                };
                match match_header(spec, &text) {
                    Some(column) => Some((col, HeaderCell::Column(column))),
                    None if text.trim().is_empty() => None,
                    None => Some((col, HeaderCell::Unknown(text.trim().to_owned()))),
                }
            })
            .collect();
        Recognised {
            report,
            header_row: Some(row),
            header,
        }
    }
}

/// The labels of the metadata row (SPEC §2) and what they hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// 填报单位 as written, and the cell it was read from.
    pub unit: Option<(String, CellRef)>,
    pub filler: Option<String>,
    pub phone: Option<String>,
    pub date: Option<String>,
}

const LABELS: [&str; 5] = ["填报单位", "报送单位", "填报人", "联系电话", "填报日期"];

/// Reads the metadata above `header_row`: labels with their values in the same
/// cell (填报单位：党建室) or in the next cell to the right, several labels
/// possibly sharing one merged cell.
pub fn metadata(table: &Table, header_row: Option<u32>) -> Metadata {
    let mut metadata = Metadata::default();
    let last = header_row.unwrap_or(HEADER_SEARCH_ROWS as u32);
    for (row, cells) in table.rows().take_while(|(row, _)| *row < last) {
        let texts: Vec<(u32, String)> = cells
            .iter()
            .map(|(col, value)| {
                (
                    *col,
                    key(&match value {
                        Value::Text(text) => text.clone(),
                        other => other.shown(),
                    }),
                )
            })
            .collect();
        for (i, (col, text)) in texts.iter().enumerate() {
            for (label, inline) in labelled(text) {
                let (value, value_col) = if inline.is_empty() {
                    // The value sits in the next cell, unless that cell is itself a label.
                    match texts.get(i + 1) {
                        Some((next_col, next)) if labelled(next).is_empty() => {
                            (next.clone(), *next_col)
                        }
                        _ => continue,
                    }
                } else {
                    (inline, *col)
                };
                match label {
                    "填报单位" | "报送单位" => {
                        metadata.unit = Some((value, CellRef::new(row, value_col)))
                    }
                    "填报人" => metadata.filler = Some(value),
                    "联系电话" => metadata.phone = Some(value),
                    _ => metadata.date = Some(value),
                }
            }
        }
    }
    metadata
}

/// The labels in one (normalised) cell text, each with the text up to the next label.
fn labelled(text: &str) -> Vec<(&'static str, String)> {
    let mut hits: Vec<(usize, &'static str)> = Vec::new();
    for label in LABELS {
        let mut from = 0;
        while let Some(at) = text[from..].find(label) {
            let at = from + at;
            from = at + label.len();
            // 填报人员 is not 填报人 followed by the value 员.
            if label == "填报人" && text[from..].starts_with('员') {
                continue;
            }
            hits.push((at, label));
        }
    }
    hits.sort();
    hits.dedup_by_key(|(at, _)| *at);
    hits.iter()
        .enumerate()
        .map(|(i, (at, label))| {
            let end = hits.get(i + 1).map_or(text.len(), |(next, _)| *next);
            let value = text[at + label.len()..end]
                .trim_start_matches([':', '：'])
                .to_owned();
            (*label, value)
        })
        .collect()
}
