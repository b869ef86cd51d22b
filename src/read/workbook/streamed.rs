//! What xlsx and xlsb share: calamine streams their cells one at a time, so
//! every worksheet is read into our sparse table under one budget, and both
//! carry the form fingerprint in their custom document properties.

use std::io::{Read, Seek};

use calamine::{Reader, WorkbookProperties};

use super::budget::Budget;
use super::{Fingerprint, Format, Limits, ReadError, Workbook, finish, worksheets};
use crate::read::table::Table;

/// A calamine reader whose cells are streamed.
pub(super) trait Streamed<RS: Read + Seek>: Reader<RS> {
    /// The document properties, `None` when they cannot be read.
    fn properties(&mut self) -> Option<WorkbookProperties>;

    /// One worksheet's cells, refused at the first beyond `budget`.
    fn table(&mut self, sheet: &str, budget: &mut Budget) -> Result<Table, ReadError>;
}

/// The workbook calamine has opened: its worksheets, in order, and the fingerprint.
pub(super) fn read<RS: Read + Seek>(
    mut book: impl Streamed<RS>,
    format: Format,
    limits: &Limits,
) -> Result<Workbook, ReadError> {
    let fingerprint = book
        .properties()
        .and_then(|properties| Fingerprint::from_properties(&properties.custom_properties));
    let listed = book.sheets_metadata().to_vec();
    let mut budget = Budget::new(limits);
    let sheets = worksheets(&listed, |name| book.table(name, &mut budget))?;
    finish(format, sheets, fingerprint)
}
