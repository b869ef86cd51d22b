//! What every workbook the tool writes has in common: fixed document
//! properties, the print setup a government office expects, and an atomic save.
//!
//! Workbooks must be byte-identical for identical inputs, so nothing here ever
//! reads the clock: the creation time is always given by the caller. The
//! layout of one printable sheet is `sheet`'s.

pub(crate) mod sheet;

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};

use crate::atomic;

/// Paper size code for A4 in the OOXML page setup.
const A4: u8 = 9;

/// Document properties pinned to `created`, never to the current time.
pub fn properties(
    title: &str,
    author: &str,
    created: NaiveDate,
) -> Result<DocProperties, XlsxError> {
    let created = ExcelDateTime::from_ymd(
        created.year() as u16,
        created.month() as u8,
        created.day() as u8,
    )?;
    Ok(DocProperties::new()
        .set_title(title)
        .set_author(author)
        .set_creation_datetime(&created))
}

/// A4 landscape, scaled to one page wide, rows `0..=repeat_to` on every page.
pub fn print_setup(sheet: &mut Worksheet, repeat_to: u32) -> Result<(), XlsxError> {
    page(sheet)
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_repeat_rows(0, repeat_to)?;
    Ok(())
}

/// A chart sheet prints its chart as one A4 landscape page; `heading` is
/// centred above it, since a chart sheet has no cells for a title row.
pub fn chart_print_setup(sheet: &mut Worksheet, heading: &str) {
    // A lone `&` would start a header code; `&&` prints one.
    page(sheet).set_header(format!("&C{}", heading.replace('&', "&&")));
}

/// What every printed page shares: A4 landscape, numbered in the footer.
fn page(sheet: &mut Worksheet) -> &mut Worksheet {
    sheet
        .set_paper_size(A4)
        .set_landscape()
        .set_footer("&C第 &P 页，共 &N 页")
}

/// Why a workbook could not be written.
#[derive(Debug)]
pub enum SaveError {
    Build(XlsxError),
    Write(std::io::Error),
}

impl From<XlsxError> for SaveError {
    fn from(error: XlsxError) -> Self {
        SaveError::Build(error)
    }
}

/// Serialises `workbook` and replaces `path` with it in one step.
pub fn save(workbook: &mut Workbook, path: &Path) -> Result<(), SaveError> {
    let bytes = workbook.save_to_buffer()?;
    atomic::write(path, &bytes).map_err(SaveError::Write)
}
