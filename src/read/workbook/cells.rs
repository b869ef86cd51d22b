//! calamine's cell values, as everything after the reader sees them,
//! whatever the format; and the sheets of the formats calamine builds
//! densely (xls, ods), copied from its ranges into our tables.

use std::fmt::Display;
use std::io::{Read, Seek};

use calamine::{Data, ExcelDateTime, ExcelDateTimeType, Range, Reader};
use chrono::{NaiveDate, NaiveDateTime};

use super::budget::{BoundedTable, Budget};
use super::{Format, Limits, ReadError, Workbook, finish, unreadable_sheet, worksheets};
use crate::read::table::{Table, Value};

/// The workbook calamine has built densely (xls, ods): every worksheet
/// copied into a sparse table, the sheets together held to the dense budget.
pub(super) fn read_dense<RS: Read + Seek, R: Reader<RS>>(
    mut book: R,
    format: Format,
    limits: &Limits,
) -> Result<Workbook, ReadError>
where
    R::Error: Display,
{
    let listed = book.sheets_metadata().to_vec();
    let mut budget = Budget::dense(limits);
    let sheets = worksheets(&listed, |name| {
        let unreadable = unreadable_sheet::<R::Error>(name);
        let values = book.worksheet_range(name).map_err(unreadable)?;
        let formulas = book.worksheet_formula(name).map_err(unreadable)?;
        range_table(name, &values, &formulas, &mut budget)
    })?;
    finish(format, sheets, None)
}

/// Copies a sheet calamine has already built densely into a sparse table.
/// Walking the range allocates nothing, and stops at the first cell beyond
/// the budget.
fn range_table(
    sheet: &str,
    values: &Range<Data>,
    formulas: &Range<String>,
    budget: &mut Budget,
) -> Result<Table, ReadError> {
    let mut table = BoundedTable::new(sheet, budget);
    let (top, left) = values.start().unwrap_or_default();
    for (row, col, data) in values.used_cells() {
        let (row, col) = (top + row as u32, left + col as u32);
        if let Some(value) = cell_value(data.clone(), None) {
            table.set(row, col, value)?;
        }
    }
    let (top, left) = formulas.start().unwrap_or_default();
    for (row, col, formula) in formulas.used_cells() {
        let (row, col) = (top + row as u32, left + col as u32);
        let empty = values
            .get_value((row, col))
            .is_none_or(|data| *data == Data::Empty);
        if empty && let Some(value) = cell_value(Data::Empty, Some(formula.clone())) {
            table.set(row, col, value)?;
        }
    }
    table.finish()
}

/// A cell's value as everything after this module sees it; `None` for an
/// empty cell. A formula matters only when no result was stored with it.
pub(super) fn cell_value(data: Data, formula: Option<String>) -> Option<Value> {
    Some(match data {
        Data::Empty => match formula {
            Some(formula) if !formula.trim().is_empty() => Value::FormulaWithoutValue(formula),
            _ => return None,
        },
        Data::Int(n) => Value::Number(n as f64),
        Data::Float(n) => Value::Number(n),
        Data::String(text) => Value::Text(text),
        Data::Bool(b) => Value::Bool(b),
        Data::DateTime(serial) => excel_datetime(serial),
        Data::DateTimeIso(text) => iso_datetime(&text).map_or(Value::Text(text), ods_datetime),
        // An ods time of day reads as the same value as in an xlsx.
        Data::DurationIso(text) => match iso_duration_days(&text) {
            Some(days) => {
                excel_datetime(ExcelDateTime::new(days, ExcelDateTimeType::DateTime, false))
            }
            None => Value::Text(text),
        },
        Data::Error(error) => Value::Error(error.to_string()),
    })
}

/// Serials from 1 to 60 are days of January and February 1900, which no form
/// means: they are numbers typed into a cell that carries a date format (6.3
/// for 6月3日 into a date cell of our forms), and are kept as those numbers.
/// Below 1 is a time of day.
const TYPED_NUMBERS: std::ops::Range<f64> = 1.0..61.0;

/// A date-formatted serial as a date and time (calamine's `as_datetime` sits
/// behind a feature we do not enable; its `to_ymd_hms_milli` knows the 1904
/// date system too). A duration format (`[h]:mm`) stays a number of days, as
/// does a serial outside 0 ≤ days < 10000-01-01, which calamine would clamp,
/// and a typed number ([`TYPED_NUMBERS`]).
fn excel_datetime(serial: ExcelDateTime) -> Value {
    let days = serial.as_f64();
    if serial.is_duration() || !(0.0..2_958_466.0).contains(&days) || TYPED_NUMBERS.contains(&days)
    {
        return Value::Number(days);
    }
    let (year, month, day, hour, minute, second, milli) = serial.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(year.into(), month.into(), day.into())
        .and_then(|date| {
            date.and_hms_milli_opt(hour.into(), minute.into(), second.into(), milli.into())
        })
        .map_or(Value::Number(days), Value::DateTime)
}

/// An ods date-value as a date and time, except a typed number
/// ([`TYPED_NUMBERS`]), which comes back as the number: ods counts days from
/// 1899-12-30.
fn ods_datetime(at: NaiveDateTime) -> Value {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)
        .expect("valid date")
        .and_time(chrono::NaiveTime::MIN);
    let days = (at - epoch).num_milliseconds() as f64 / 86_400_000.0;
    if TYPED_NUMBERS.contains(&days) {
        return Value::Number(days);
    }
    Value::DateTime(at)
}

/// An ods date-value: `2021-06-05` or `2021-06-05T10:30:00`.
fn iso_datetime(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .map(|date| date.and_time(chrono::NaiveTime::MIN))
        })
}

/// An ods time-value such as `PT10H30M00S`, in days.
fn iso_duration_days(text: &str) -> Option<f64> {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, text),
    };
    let rest = rest.strip_prefix('P')?;
    let mut seconds = 0.0;
    let mut number = String::new();
    let mut in_time = false;
    for c in rest.chars() {
        let unit = match c {
            '0'..='9' | '.' | ',' => {
                number.push(if c == ',' { '.' } else { c });
                continue;
            }
            'T' if number.is_empty() => {
                in_time = true;
                continue;
            }
            'D' if !in_time => 86_400.0,
            'H' if in_time => 3_600.0,
            'M' if in_time => 60.0,
            'S' if in_time => 1.0,
            _ => return None,
        };
        seconds += number.parse::<f64>().ok()? * unit;
        number.clear();
    }
    number.is_empty().then_some(sign * seconds / 86_400.0)
}
