//! `Table`: one sheet's cells, whatever program wrote the file.
//!
//! The format layer ([`super::workbook`]) fills it; everything after works on
//! it alone. It is sparse, so a stray character far below the form costs one
//! entry, not a dense grid. Values are normalised: xls integers and xlsx
//! floats are both `Number`, ods ISO dates and Excel date serials with a date
//! format are both `DateTime` — except a number typed into a cell formatted
//! as a date (a day of January or February 1900), which stays a `Number`.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use rust_xlsxwriter::utility::row_col_to_cell;

/// One cell's content, as the file stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Bool(bool),
    /// A cell formatted as a date or time (or an ods date).
    DateTime(NaiveDateTime),
    /// An error value such as `#DIV/0!` or `#REF!`.
    Error(String),
    /// A formula whose result was never stored (some writers leave it to Excel).
    FormulaWithoutValue(String),
}

impl Value {
    /// The value as the person filling the form saw it, for messages.
    pub fn shown(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Number(n) => format_number(*n),
            Value::Bool(true) => "TRUE".to_owned(),
            Value::Bool(false) => "FALSE".to_owned(),
            Value::DateTime(dt) if dt.time() == chrono::NaiveTime::MIN => {
                dt.date().format("%Y-%m-%d").to_string()
            }
            Value::DateTime(dt) => dt.format("%Y-%m-%d %H:%M:%S").to_string(),
            Value::Error(e) => e.clone(),
            Value::FormulaWithoutValue(formula) => format!("={formula}"),
        }
    }

    /// Whether the cell holds nothing a person would call content (white space only).
    pub fn is_blank(&self) -> bool {
        matches!(self, Value::Text(text) if text.trim().is_empty())
    }
}

/// A number as Excel's General format would show it: no trailing `.0`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A cell address, 0-based, shown in A1 notation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    pub fn new(row: u32, col: u32) -> CellRef {
        CellRef { row, col }
    }
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let col = u16::try_from(self.col).unwrap_or(u16::MAX);
        f.write_str(&row_col_to_cell(self.row, col))
    }
}

/// The non-empty cells of one sheet, by row then column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    rows: BTreeMap<u32, BTreeMap<u32, Value>>,
}

impl Table {
    pub fn new() -> Table {
        Table::default()
    }

    /// Stores a value; blank text is dropped so that “empty” means one thing.
    pub fn set(&mut self, row: u32, col: u32, value: Value) {
        if value.is_blank() {
            return;
        }
        self.rows.entry(row).or_default().insert(col, value);
    }

    pub fn get(&self, row: u32, col: u32) -> Option<&Value> {
        self.rows.get(&row).and_then(|cells| cells.get(&col))
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Number of non-empty cells.
    pub fn len(&self) -> usize {
        self.rows.values().map(BTreeMap::len).sum()
    }

    /// The rows that hold anything, in order, each with its cells in column order.
    pub fn rows(&self) -> impl Iterator<Item = (u32, &BTreeMap<u32, Value>)> {
        self.rows.iter().map(|(row, cells)| (*row, cells))
    }

    /// The cells of one row, in column order.
    pub fn row(&self, row: u32) -> impl Iterator<Item = (u32, &Value)> {
        self.rows
            .get(&row)
            .into_iter()
            .flat_map(|cells| cells.iter().map(|(c, v)| (*c, v)))
    }

    /// The last used row and column, if any.
    pub fn extent(&self) -> Option<CellRef> {
        let last_row = *self.rows.keys().next_back()?;
        let last_col = self
            .rows
            .values()
            .filter_map(|cells| cells.keys().next_back())
            .max()?;
        Some(CellRef::new(last_row, *last_col))
    }
}
