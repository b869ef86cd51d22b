//! What a workbook may still take in, and the sparse table each sheet is
//! read into, refusing the first cell beyond it.

use calamine::Data;

use super::{Limits, ReadError};
use crate::read::table::{CellRef, Table, Value};

/// What one workbook may still take in: each sheet's extent is held to
/// `max_cells`, and the text of all its cells together to
/// `max_unzipped_bytes`. The second matters because one shared string is
/// stored once in the file but copied into every cell that uses it: a 1 MB
/// xlsx can name one 30 000-character string in two million cells.
///
/// calamine holds every sheet of an xls or ods at once, densely, so for
/// those the sheets' extents together are held to what `max_unzipped_bytes`
/// buys at [`DENSE_CELL_BYTES`] a cell: a few bytes of file can otherwise
/// repeat a sheet just under `max_cells` a thousand times.
pub(super) struct Budget {
    max_cells: u64,
    cells_limit: u64,
    cells_used: u64,
    text_limit: u64,
    text_used: u64,
}

/// What calamine holds for each cell of a dense sheet: its value and its formula.
const DENSE_CELL_BYTES: u64 = (size_of::<Data>() + size_of::<String>()) as u64;

impl Budget {
    pub(super) fn new(limits: &Limits) -> Budget {
        Budget {
            max_cells: limits.max_cells,
            cells_limit: u64::MAX,
            cells_used: 0,
            text_limit: limits.max_unzipped_bytes,
            text_used: 0,
        }
    }

    /// For the formats calamine holds densely.
    pub(super) fn dense(limits: &Limits) -> Budget {
        Budget {
            cells_limit: limits.max_unzipped_bytes / DENSE_CELL_BYTES,
            ..Budget::new(limits)
        }
    }
}

/// One sheet's table, refusing any cell beyond the workbook's budget.
pub(super) struct BoundedTable<'a> {
    sheet: &'a str,
    budget: &'a mut Budget,
    /// The far corner of everything admitted so far.
    far: Option<(u32, u32)>,
    table: Table,
}

/// The cells from A1 to `(row, col)`.
fn extent(row: u32, col: u32) -> u64 {
    (u64::from(row) + 1).saturating_mul(u64::from(col) + 1)
}

impl<'a> BoundedTable<'a> {
    pub(super) fn new(sheet: &'a str, budget: &'a mut Budget) -> BoundedTable<'a> {
        BoundedTable {
            sheet,
            budget,
            far: None,
            table: Table::new(),
        }
    }

    pub(super) fn admit(&mut self, row: u32, col: u32) -> Result<(), ReadError> {
        let far = self.far.map_or((row, col), |(last_row, last_col)| {
            (last_row.max(row), last_col.max(col))
        });
        if extent(far.0, far.1) > self.budget.max_cells {
            return Err(ReadError::SheetTooLarge {
                sheet: self.sheet.to_owned(),
                far_cell: CellRef::new(row, col),
                limit: self.budget.max_cells,
            });
        }
        self.far = Some(far);
        Ok(())
    }

    pub(super) fn charge_text(&mut self, bytes: u64) -> Result<(), ReadError> {
        let used = self.budget.text_used.saturating_add(bytes);
        if used > self.budget.text_limit {
            return Err(ReadError::TooLarge {
                part: self.sheet.to_owned(),
                bytes: used,
                limit: self.budget.text_limit,
            });
        }
        self.budget.text_used = used;
        Ok(())
    }

    /// Blank text counts for nothing, here as in [`Table::set`].
    pub(super) fn set(&mut self, row: u32, col: u32, value: Value) -> Result<(), ReadError> {
        if value.is_blank() {
            return Ok(());
        }
        self.admit(row, col)?;
        if let Value::Text(text) | Value::Error(text) | Value::FormulaWithoutValue(text) = &value {
            self.charge_text(text.len() as u64)?;
        }
        self.table.set(row, col, value);
        Ok(())
    }

    /// The sheet's table, its extent added to the workbook's.
    pub(super) fn finish(self) -> Result<Table, ReadError> {
        let cells = self.far.map_or(0, |(row, col)| extent(row, col));
        let used = self.budget.cells_used.saturating_add(cells);
        if used > self.budget.cells_limit {
            return Err(ReadError::WorkbookTooLarge {
                cells: used,
                limit: self.budget.cells_limit,
            });
        }
        self.budget.cells_used = used;
        Ok(self.table)
    }
}
