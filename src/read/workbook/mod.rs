//! A returned file, read into one [`Table`] per sheet whatever program wrote it.
//!
//! This module owns three things: deciding what a file is from its bytes (an
//! xlsx renamed .xls, a PDF renamed .xlsx, WPS's own .et, a package whose
//! workbook part lies elsewhere than `xl/`), refusing files that
//! would cost more memory than any form can need, and the calls into calamine.
//! Everything after it sees [`Table`] and [`Value`](super::table::Value)
//! only, never the format. It does not look for forms, headers or units in
//! the sheets.
//!
//! Why the guards: calamine sizes memory by what a file declares. It turns a
//! sheet into a dense grid from its first to its last used cell, so one stray
//! character at XFD1048576 of a 5 KB xlsx asks for hundreds of gigabytes, and
//! a failed allocation aborts the process (no `Result`, no `catch_unwind`).
//! What we do, before calamine allocates:
//!
//! - zip (xlsx, xlsm, xlsb, ods): every part's declared uncompressed size, and
//!   their sum, is held to [`Limits::max_unzipped_bytes`], read from the
//!   central directory by the same zip crate calamine reads with, which stops
//!   any part at its declared size (in `package`).
//! - xlsx, xlsm: cells are streamed into our sparse [`Table`], and reading
//!   stops at the first cell that takes the sheet past [`Limits::max_cells`]
//!   (`worksheet_range` and `worksheet_formula` are never called). Shared
//!   formulas are tracked here, not by calamine, and the text copied out of
//!   shared strings is held to `max_unzipped_bytes`. The string count the
//!   shared string table declares, by which calamine reserves memory, is
//!   checked first (in `xlsx`).
//! - xlsb: cells are streamed into our sparse [`Table`] as for xlsx, held
//!   to the same bounds. calamine sizes a buffer by the length each binary
//!   record declares before reading it, so every record of the parts it
//!   reads is checked against the end of its part first (in `xlsb`).
//! - xls: calamine parses every sheet densely when the file is opened, from
//!   coordinates wider than BIFF8's 65536 × 256 grid, so we walk the same
//!   records first and refuse the file before it does (in `xls`).
//! - ods: calamine parses all of content.xml when the file is opened, and
//!   expands its repeated rows and columns; we go through content.xml first,
//!   with the XML reader calamine reads it with, adding up the repeats, and
//!   refuse the file before it does (in `ods`).
//! - xls and ods: calamine holds every sheet at once, so the sheets together
//!   are held to a bound too (`ReadError::WorkbookTooLarge`, in `budget`).
//!
//! Where calamine panics on malformed input instead, the file is `Corrupt`.
//!
//! `sniff` tells the formats apart, `rels` finds the workbook part where the
//! package's relationships say it is; `streamed` reads the sheets of the
//! formats whose cells calamine streams (xlsx, xlsb); `cells` turns
//! calamine's values into ours and copies the sheets it builds densely (xls,
//! ods); `corruption` says, in both languages, what is wrong with a damaged file;
//! `lean` hands calamine a copy of an xlsx without what it would parse for
//! nothing (the theme, fonts, fills and borders). A file the size of a form
//! is read from the disk whole, in one read, and bytes handed over in memory
//! take the same path (`source`).

mod budget;
mod cells;
mod corruption;
mod lean;
mod ods;
mod package;
mod rels;
mod sniff;
mod source;
mod streamed;
mod xls;
mod xlsb;
mod xlsx;

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

use calamine::{SheetType, SheetVisible};

use super::guard;
use super::table::{CellRef, Table};
use crate::lang::Lang;
use crate::layout::fingerprint as property;
pub use corruption::Corruption;
pub(in crate::read) use package::{check_declared_sizes, part_names};
use sniff::{OLE_MAGIC, ZIP_MAGIC, found_in_english, is_export, other_kind};
use source::Source;

/// The spreadsheet formats we read, decided by content, not by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsm,
    /// Excel's binary workbook.
    Xlsb,
    Xls,
    Ods,
}

/// One worksheet. Chart sheets and macro sheets hold no cells and are left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub visible: bool,
    pub table: Table,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    pub format: Format,
    /// In workbook order, hidden ones included with `visible == false`.
    pub sheets: Vec<Sheet>,
    /// The form fingerprint from custom document properties (xlsx, xlsm and
    /// xlsb only): see [`crate::layout::fingerprint`] for the property names.
    /// `None` when absent; other programs may drop it, so it is a hint only.
    pub fingerprint: Option<Fingerprint>,
}

/// The custom properties `campaign templates` writes into every form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub campaign: String,
    pub report: String,
    pub version: Option<i64>,
}

impl Fingerprint {
    /// The fingerprint among a workbook's custom document properties, when
    /// the campaign and the report are both there.
    fn from_properties(custom: &HashMap<String, String>) -> Option<Fingerprint> {
        Some(Fingerprint {
            campaign: custom.get(property::CAMPAIGN)?.clone(),
            report: custom.get(property::REPORT)?.clone(),
            version: custom
                .get(property::VERSION)
                .and_then(|version| version.trim().parse().ok()),
        })
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest sheet extent accepted, as (last row + 1) × (last column + 1).
    pub max_cells: u64,
    /// Largest total declared uncompressed size of a zip-based workbook, and of any one part.
    /// Also bounds the text of all cells together, shared strings spelled out, and for xls
    /// and ods the extents of all sheets together, at the bytes calamine holds for a cell.
    pub max_unzipped_bytes: u64,
}

impl Default for Limits {
    /// Far beyond any form (附件3 is 12 rows by 9 columns), far below what hurts.
    fn default() -> Limits {
        Limits {
            max_cells: 2_000_000,
            max_unzipped_bytes: 200 * 1024 * 1024,
        }
    }
}

/// Why a file could not be read as a workbook. Each says what was found.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    Io(String),
    /// The file has 0 bytes.
    EmptyFile,
    /// A password-protected xlsx (an OLE file holding `EncryptedPackage`), an
    /// xls with a FILEPASS record, or an encrypted ods.
    Encrypted,
    /// WPS's native .et, which calamine cannot read.
    WpsEt,
    /// Some other kind of file, e.g. "PDF 文件", "Word 文档 (.docx)", "图片".
    NotASpreadsheet {
        found: &'static str,
    },
    /// A truncated zip, broken XML, unreadable BIFF …: [`Corruption`] says which.
    Corrupt {
        cause: Corruption,
    },
    /// A zip part's declared uncompressed size is over the limit; `part` is
    /// the entry's name, or empty when the parts together are over it, or the
    /// sheet where the text of the cells (shared strings spelled out) went over.
    TooLarge {
        part: String,
        bytes: u64,
        limit: u64,
    },
    /// A sheet reaches too far; `far_cell` is the cell that took it over.
    SheetTooLarge {
        sheet: String,
        far_cell: CellRef,
        limit: u64,
    },
    /// The sheets of an xls or ods together reach too far: each is counted
    /// from A1 to its far corner, as in `SheetTooLarge`.
    WorkbookTooLarge {
        cells: u64,
        limit: u64,
    },
    /// No visible sheet holds any content.
    NoSheets,
}

impl ReadError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            ReadError::Io(detail) => lang.pick(
                format!("无法读取文件（{detail}），请确认文件没有被其他程序占用后重试"),
                format!(
                    "cannot read the file ({detail}); please check that no other program holds it and try again"
                ),
            ),
            ReadError::EmptyFile => lang.pick(
                "文件是空的（0 字节），请重新提交填写好的表格".to_owned(),
                "the file is empty (0 bytes); please submit the filled-in form again".to_owned(),
            ),
            ReadError::Encrypted => lang.pick(
                "文件设置了打开密码，无法读取，请取消密码后重新提交".to_owned(),
                "the file is protected by a password and cannot be read; please remove the password and submit it again"
                    .to_owned(),
            ),
            ReadError::WpsEt => lang.pick(
                "这是 WPS 表格专用格式（.et），无法读取，请在 WPS 中“另存为”Excel 工作簿（.xlsx）后重新提交"
                    .to_owned(),
                "this is WPS Spreadsheets' own format (.et), which cannot be read; please use “Save As” in WPS to save it as an Excel workbook (.xlsx) and submit it again"
                    .to_owned(),
            ),
            ReadError::NotASpreadsheet { found } => {
                let space = if found.starts_with(|c: char| c.is_ascii()) { " " } else { "" };
                let english = found_in_english(found);
                if is_export(found) {
                    lang.pick(
                        format!(
                            "这是{space}{found}，不是 Excel 工作簿（网页系统“导出为 Excel”时常得到这样的文件），请用 Excel 或 WPS 打开它，“另存为”Excel 工作簿（.xlsx）后重新提交"
                        ),
                        format!(
                            "this is {english}, not an Excel workbook (web systems often “export to Excel” as such a file); please open it in Excel or WPS, use “Save As” to save it as an Excel workbook (.xlsx) and submit it again"
                        ),
                    )
                } else {
                    lang.pick(
                        format!(
                            "这是{space}{found}，不是 Excel 表格，请提交 Excel 工作簿（.xlsx、.xls 或 .xlsb）"
                        ),
                        format!(
                            "this is {english}, not an Excel workbook; please submit an Excel workbook (.xlsx, .xls or .xlsb)"
                        ),
                    )
                }
            }
            ReadError::Corrupt { cause } => {
                let cause = cause.render(lang);
                lang.pick(
                    format!(
                        "文件已损坏或不完整，无法读取：{cause}，请用 Excel 或 WPS 打开确认后重新保存、重新提交"
                    ),
                    format!(
                        "the file is damaged or incomplete: {cause}; please open it in Excel or WPS, save it again and resubmit"
                    ),
                )
            }
            ReadError::TooLarge { part, bytes, limit } if part.is_empty() => lang.pick(
                format!(
                    "文件解压后共有 {}，超过可读取的上限（{}），请删除多余的内容（如图片、大量空行）后重新提交",
                    size(*bytes, lang),
                    size(*limit, lang)
                ),
                format!(
                    "the file unpacks to {}, more than can be read ({}); please delete what the form does not need (pictures, masses of empty rows) and submit it again",
                    size(*bytes, lang),
                    size(*limit, lang)
                ),
            ),
            ReadError::TooLarge { part, bytes, limit } => lang.pick(
                format!(
                    "文件中的“{part}”解压后有 {}，超过可读取的上限（{}），请删除多余的内容（如图片、大量空行）后重新提交",
                    size(*bytes, lang),
                    size(*limit, lang)
                ),
                format!(
                    "the part “{part}” of the file unpacks to {}, more than can be read ({}); please delete what the form does not need (pictures, masses of empty rows) and submit it again",
                    size(*bytes, lang),
                    size(*limit, lang)
                ),
            ),
            ReadError::SheetTooLarge {
                sheet,
                far_cell,
                limit,
            } => lang.pick(
                format!(
                    "工作表“{sheet}”的内容延伸到 {far_cell} 单元格，超出可读取的范围（最多 {limit} 个单元格，即从 A1 到最远的内容所占的行数乘以列数），请删除多余的行、列或远离表格的内容后重新提交"
                ),
                format!(
                    "sheet “{sheet}” reaches as far as cell {far_cell}, more than can be read (at most {limit} cells, counted as the rows times the columns from A1 to the farthest content); please delete the extra rows or columns, or the stray content far from the table, and submit it again"
                ),
            ),
            ReadError::WorkbookTooLarge { cells, limit } => lang.pick(
                format!(
                    "工作簿的各工作表合计有 {cells} 个单元格（每张表从 A1 算到最远的内容），超过可读取的上限（{limit} 个），请删除多余的工作表或远离表格的内容后重新提交"
                ),
                format!(
                    "the sheets of the workbook together span {cells} cells (each from A1 to its farthest content), more than can be read ({limit}); please delete the sheets or the stray content the form does not need and submit it again"
                ),
            ),
            ReadError::NoSheets => lang.pick(
                "文件中没有任何有内容的可见工作表，请确认填写的内容已经保存后重新提交".to_owned(),
                "the workbook has no visible sheet with any content; please check that the filled-in form was saved and submit it again"
                    .to_owned(),
            ),
        }
    }
}

/// Reads the workbook at `path` (format sniffed from the bytes; the extension only breaks ties, e.g. `.et`).
///
/// ```no_run
/// use campaign::read::workbook::{self, Limits};
///
/// let book = workbook::read("submissions/党建室/附件1.xlsx".as_ref(), &Limits::default())?;
/// for sheet in book.sheets.iter().filter(|sheet| sheet.visible) {
///     println!("{}: {} cells", sheet.name, sheet.table.len());
/// }
/// # Ok::<(), workbook::ReadError>(())
/// ```
pub fn read(path: &Path, limits: &Limits) -> Result<Workbook, ReadError> {
    let source = File::open(path).and_then(Source::of).map_err(io_error)?;
    read_source(source, Named::of(path), limits)
}

/// Reads a workbook from its bytes, as [`read`] reads a file: `named` is
/// what its name says (the one tie the name breaks).
///
/// ```
/// use campaign::read::workbook::{self, Limits, Named, ReadError};
///
/// let error = workbook::read_bytes(Vec::new(), Named::Workbook, &Limits::default());
/// assert_eq!(error, Err(ReadError::EmptyFile));
/// ```
pub fn read_bytes(bytes: Vec<u8>, named: Named, limits: &Limits) -> Result<Workbook, ReadError> {
    read_source(Source::bytes(bytes), named, limits)
}

/// What a workbook's file name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// WPS's own format (.et): when such a file is not a workbook calamine
    /// can read, saying so is more useful than "damaged".
    WpsEt,
    /// Any other name: the bytes alone decide.
    Workbook,
}

impl Named {
    /// What the name of `path` says.
    pub fn of(path: &Path) -> Named {
        match path.extension() {
            Some(extension) if extension.eq_ignore_ascii_case("et") => Named::WpsEt,
            _ => Named::Workbook,
        }
    }
}

fn read_source(mut source: Source, named: Named, limits: &Limits) -> Result<Workbook, ReadError> {
    let head = source.head().map_err(io_error)?;
    if head.is_empty() {
        return Err(ReadError::EmptyFile);
    }
    if head.starts_with(ZIP_MAGIC) {
        return guarded(
            || package::read_zip(source, limits),
            || corrupt(Corruption::Malformed),
        );
    }
    if head.starts_with(OLE_MAGIC) {
        return xls::read_ole(source, named, limits);
    }
    match other_kind(&head) {
        Some(found) => Err(ReadError::NotASpreadsheet { found }),
        None if named == Named::WpsEt => Err(ReadError::WpsEt),
        None => Err(corrupt(Corruption::UnknownFormat)),
    }
}

/// The worksheets calamine lists, in workbook order, each read into a table
/// by `table`; chart and dialog sheets hold no cells and are left out.
fn worksheets(
    listed: &[calamine::Sheet],
    mut table: impl FnMut(&str) -> Result<Table, ReadError>,
) -> Result<Vec<Sheet>, ReadError> {
    listed
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| {
            Ok(Sheet {
                name: sheet.name.clone(),
                visible: sheet.visible == SheetVisible::Visible,
                table: table(&sheet.name)?,
            })
        })
        .collect()
}

/// The workbook, unless no visible sheet holds anything.
fn finish(
    format: Format,
    sheets: Vec<Sheet>,
    fingerprint: Option<Fingerprint>,
) -> Result<Workbook, ReadError> {
    if !sheets
        .iter()
        .any(|sheet| sheet.visible && !sheet.table.is_empty())
    {
        return Err(ReadError::NoSheets);
    }
    Ok(Workbook {
        format,
        sheets,
        fingerprint,
    })
}

/// calamine reports some malformed input by panicking (an index past a short
/// record) instead of returning an error: that is the file's fault, and it is
/// reported as the error `panicked` makes.
pub(super) fn guarded<T, E>(
    read: impl FnOnce() -> Result<T, E>,
    panicked: impl FnOnce() -> E,
) -> Result<T, E> {
    guard::catch(read).unwrap_or_else(|_| Err(panicked()))
}

fn corrupt(cause: Corruption) -> ReadError {
    ReadError::Corrupt { cause }
}

/// What calamine's error reading the sheet `sheet` makes of the file.
fn unreadable_sheet<E: std::fmt::Display>(sheet: &str) -> impl Fn(E) -> ReadError + Copy + '_ {
    move |error| {
        corrupt(Corruption::Sheet {
            sheet: sheet.to_owned(),
            library: error.to_string(),
        })
    }
}

fn io_error(error: std::io::Error) -> ReadError {
    ReadError::Io(error.to_string())
}

/// A byte count as people read it.
pub(super) fn size(bytes: u64, lang: Lang) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes < MIB {
        lang.pick(format!("{bytes} 字节"), format!("{bytes} bytes"))
    } else {
        format!("{:.1} MB", bytes as f64 / MIB as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_the_guard_is_a_corrupt_file() {
        let read = || -> Result<(), ReadError> { panic!("index out of bounds") };
        assert_eq!(
            guarded(read, || corrupt(Corruption::Malformed)),
            Err(corrupt(Corruption::Malformed)),
            "expected the panic caught"
        );
    }
}
