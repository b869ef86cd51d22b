//! xlsx and xlsm: cells streamed from calamine into our sparse table, the
//! shared string count checked before calamine reserves for it, and the form
//! fingerprint from the custom document properties. The workbook part may lie
//! anywhere the package's relationships say: calamine follows them, and
//! nothing here looks for a part by its folder.

use std::collections::HashMap;
use std::io::{Cursor, Read, Seek};

use calamine::{
    DataRef, Reader, WorkbookProperties, Xlsx, XlsxError, XlsxFormulaMetadata,
    expand_shared_formula,
};
use quick_xml::events::Event;

use super::budget::{BoundedTable, Budget};
use super::cells::cell_value;
use super::lean;
use super::package::{Package, XmlPart, attribute, inflate_fault};
use super::streamed::{self, Streamed};
use super::{Corruption, Format, Limits, ReadError, Workbook, corrupt};
use crate::read::table::{CellRef, Table};

/// Reads an xlsx or xlsm.
pub(super) fn read_xlsx(
    mut package: Package,
    names: &[String],
    format: Format,
    limits: &Limits,
) -> Result<Workbook, ReadError> {
    check_shared_string_count(&mut package, names)?;
    match lean::copy(&mut package, names) {
        Some(copy) => read_package(Cursor::new(copy), format, limits),
        None => read_package(package.into_inner(), format, limits),
    }
}

/// Reads the package calamine is given: the file, or its lighter copy.
pub(super) fn read_package<RS: Read + Seek>(
    package: RS,
    format: Format,
    limits: &Limits,
) -> Result<Workbook, ReadError> {
    let xlsx = Xlsx::new(package).map_err(|e| match e {
        XlsxError::Password => ReadError::Encrypted,
        e => corrupt(Corruption::Workbook {
            library: e.to_string(),
        }),
    })?;
    streamed::read(xlsx, format, limits)
}

impl<RS: Read + Seek> Streamed<RS> for Xlsx<RS> {
    fn properties(&mut self) -> Option<WorkbookProperties> {
        self.workbook_properties().ok()
    }

    fn table(&mut self, sheet: &str, budget: &mut Budget) -> Result<Table, ReadError> {
        xlsx_table(self, sheet, budget)
    }
}

/// The fewest bytes a string of the shared string table takes: `<si/>`,
/// which calamine reads as an empty string.
const SHARED_STRING_MIN_BYTES: u64 = 5;

/// `Xlsx::new` reserves room for as many strings as the `uniqueCount`
/// attribute of the shared string table declares, before it reads one: a
/// 700-byte xlsx declaring 10^11 strings asks for 2.4 TB and aborts. No
/// table can hold more strings than its part has room for, so a count beyond
/// that is a lie, and the file is corrupt (not too large: nothing the clerk
/// deletes would fix it).
///
/// calamine takes the table from the folder its workbook part names; every
/// part called sharedStrings.xml is checked, read as calamine reads it
/// ([`XmlPart`]), and refused where that fails. Only the part up to the
/// opening `sst` element is inflated, however far into the part calamine
/// would look for it.
fn check_shared_string_count(package: &mut Package, names: &[String]) -> Result<(), ReadError> {
    for (index, name) in names.iter().enumerate() {
        if !name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            continue;
        }
        let part = package
            .by_index(index)
            .map_err(|error| inflate_fault(name, error))?;
        let size = part.size();
        let mut xml = XmlPart::new(part, name);
        let count = loop {
            match xml.next()? {
                // calamine takes the first element named sst, whatever its
                // prefix (up to the first colon).
                Event::Start(tag) if tag.local_name().as_ref() == "sst" => {
                    // calamine reserves only what parses as a number.
                    let count = attribute(&tag, "uniqueCount", name)?;
                    break count.and_then(|raw| {
                        raw.bytes()
                            .all(|b| b.is_ascii_digit())
                            .then(|| raw.parse::<u64>().ok())
                            .flatten()
                    });
                }
                Event::Eof => break None,
                _ => {}
            }
        };
        let most = size / SHARED_STRING_MIN_BYTES;
        if let Some(count) = count.filter(|count| *count > most) {
            return Err(corrupt(Corruption::SharedStringCount {
                part: name.clone(),
                count,
                bytes: size,
                most,
            }));
        }
    }
    Ok(())
}

/// Streams one sheet's cells, in file order, into a sparse table.
fn xlsx_table<RS: Read + Seek>(
    xlsx: &mut Xlsx<RS>,
    name: &str,
    budget: &mut Budget,
) -> Result<Table, ReadError> {
    let mut table = BoundedTable::new(name, budget);
    let mut cells = match xlsx.worksheet_cells_reader(name) {
        Ok(cells) => cells,
        Err(XlsxError::NotAWorksheet(_)) => return table.finish(),
        Err(e) => return Err(sheet_fault(name, e, None)),
    };
    // Shared formulas by index, kept here: `next_cell_with_formula` sizes a
    // vector by the index the file declares, and `si="4000000000"` aborts.
    let mut shared = HashMap::new();
    let mut last = None;
    while let Some(cell) = cells
        .next_cell_with_formula_metadata()
        .map_err(|error| sheet_fault(name, error, last))?
    {
        let (row, col) = cell.pos;
        last = Some(CellRef::new(row, col));
        let formula = match cell.formula {
            Some(XlsxFormulaMetadata::Normal { formula }) => Some(formula),
            Some(XlsxFormulaMetadata::Shared {
                shared_index,
                range,
                formula,
            }) => {
                let origin = range.map_or(cell.pos, |range| range.start);
                shared.insert(shared_index, (formula.clone(), origin));
                Some(formula)
            }
            // Spelled out only when it will be shown: no result was stored.
            Some(XlsxFormulaMetadata::SharedDerived { shared_index })
                if cell.value == DataRef::Empty =>
            {
                shared.get(&shared_index).and_then(|(formula, origin)| {
                    expand_shared_formula(formula, *origin, cell.pos).ok()
                })
            }
            _ => None,
        };
        if let Some(value) = cell_value(cell.value.into(), formula) {
            table.set(row, col, value)?;
        }
    }
    table.finish()
}

/// What calamine found wrong with a sheet, `after` the cell it read last.
fn sheet_fault(sheet: &str, error: XlsxError, after: Option<CellRef>) -> ReadError {
    let sheet = sheet.to_owned();
    corrupt(match error {
        XlsxError::WorksheetNotFound(_) => Corruption::SheetMissing { sheet },
        XlsxError::Xml(quick_xml::Error::Io(error)) => Corruption::SheetInflate {
            sheet,
            library: error.to_string(),
        },
        // calamine says so in this one static text, and nothing else.
        XlsxError::Unexpected(SHARED_STRING_MISSING) => {
            Corruption::SharedStringMissing { sheet, after }
        }
        error => Corruption::Sheet {
            sheet,
            library: error.to_string(),
        },
    })
}

/// calamine's error for a cell naming a shared string the table does not have.
const SHARED_STRING_MISSING: &str = "Cell string index not found in shared strings table";
