//! xlsb, Excel's binary workbook: a zip package like an xlsx whose parts are
//! binary records. Every record of the parts calamine reads is checked
//! against the end of its part first; then cells are streamed from calamine
//! into our sparse table as for xlsx, and the form fingerprint comes from
//! the custom document properties.
//!
//! calamine 0.38 skips the record of a formula whose result is an error
//! (BrtFmlaError), so such a cell reads as empty.

use std::io::{self, BufReader, Read, Seek};

use calamine::{Reader, WorkbookProperties, Xlsb, XlsbError};

use super::budget::{BoundedTable, Budget};
use super::cells::cell_value;
use super::package::{Package, find_part, inflate_fault};
use super::streamed::{self, Streamed};
use super::{Corruption, Format, Limits, ReadError, Workbook, corrupt, rels, unreadable_sheet};
use crate::read::table::Table;

/// Reads an xlsb.
pub(super) fn read_xlsb(
    mut package: Package,
    names: &[String],
    limits: &Limits,
) -> Result<Workbook, ReadError> {
    for index in record_parts(&mut package, names)? {
        check_record_lengths(&mut package, index, &names[index])?;
    }
    let xlsb = Xlsb::new(package.into_inner()).map_err(|e| match e {
        XlsbError::Password => ReadError::Encrypted,
        e => corrupt(Corruption::Workbook {
            library: e.to_string(),
        }),
    })?;
    streamed::read(xlsb, Format::Xlsb, limits)
}

impl<RS: Read + Seek> Streamed<RS> for Xlsb<RS> {
    fn properties(&mut self) -> Option<WorkbookProperties> {
        self.workbook_properties().ok()
    }

    fn table(&mut self, sheet: &str, budget: &mut Budget) -> Result<Table, ReadError> {
        xlsb_table(self, sheet, budget)
    }
}

/// The parts calamine reads record by record, by index: the workbook, its
/// style sheet and shared strings, all at fixed places, and the worksheets
/// the workbook's relationships lead to (`xl/` and the target, a worksheet
/// when its folder is `worksheets`, as calamine takes them).
fn record_parts(package: &mut Package, names: &[String]) -> Result<Vec<usize>, ReadError> {
    let mut parts: Vec<String> = ["xl/workbook.bin", "xl/styles.bin", "xl/sharedStrings.bin"]
        .map(str::to_owned)
        .into();
    let listed = rels::read(package, names, "xl/_rels/workbook.bin.rels")?.unwrap_or_default();
    parts.extend(
        listed
            .into_iter()
            .map(|relationship| format!("xl/{}", relationship.target))
            .filter(|part| part.split('/').nth(1) == Some("worksheets")),
    );
    Ok(parts
        .iter()
        .filter_map(|part| find_part(names, part))
        .collect())
}

/// Walks the records of one part as calamine's record reader does (a type
/// of one or two bytes, a length of one to four, the record itself), and
/// refuses the first that declares more bytes than are left. calamine sizes
/// its buffer by a record's length before reading the record, and four
/// bytes of a 1 KB file can ask for 256 MB; after this walk, no record asks
/// for more than its part holds, which is within the declared size of the
/// part, already held to the limit.
fn check_record_lengths(package: &mut Package, index: usize, name: &str) -> Result<(), ReadError> {
    let part = package
        .by_index(index)
        .map_err(|error| inflate_fault(name, error))?;
    let mut records = BufReader::new(part);
    let fault = |error: io::Error| {
        corrupt(Corruption::Inflate {
            part: name.to_owned(),
            library: error.to_string(),
        })
    };
    let cut_off = || {
        corrupt(Corruption::RecordCutOff {
            part: name.to_owned(),
        })
    };
    let next = |records: &mut BufReader<_>| -> Result<Option<u8>, ReadError> {
        let mut byte = [0];
        match records.read(&mut byte).map_err(fault)? {
            0 => Ok(None),
            _ => Ok(Some(byte[0])),
        }
    };
    loop {
        // The part may end between two records, nowhere else.
        let Some(kind) = next(&mut records)? else {
            return Ok(());
        };
        if kind & 0x80 != 0 {
            next(&mut records)?.ok_or_else(cut_off)?;
        }
        let mut length = 0u64;
        for shift in [0, 7, 14, 21] {
            let byte = next(&mut records)?.ok_or_else(cut_off)?;
            length += u64::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                break;
            }
        }
        let record = (&mut records).take(length);
        let skipped = io::copy(&mut { record }, &mut io::sink()).map_err(fault)?;
        if skipped < length {
            return Err(cut_off());
        }
    }
}

/// Streams one sheet's cells, in file order, into a sparse table. Only the
/// cells are read: calamine's ranges would be sized by the dimensions the
/// sheet declares.
fn xlsb_table<RS: Read + Seek>(
    xlsb: &mut Xlsb<RS>,
    name: &str,
    budget: &mut Budget,
) -> Result<Table, ReadError> {
    let unreadable = unreadable_sheet::<XlsbError>(name);
    let mut table = BoundedTable::new(name, budget);
    let mut cells = xlsb.worksheet_cells_reader(name).map_err(unreadable)?;
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (row, col) = cell.get_position();
        if let Some(value) = cell_value(cell.get_value().clone().into(), None) {
            table.set(row, col, value)?;
        }
    }
    table.finish()
}
