//! A returned file, read into one [`Table`] per sheet whatever program wrote it.
//!
//! This module owns three things: deciding what a file is from its bytes (an
//! xlsx renamed .xls, a PDF renamed .xlsx, WPS's own .et), refusing files that
//! would cost more memory than any form can need, and the calls into calamine.
//! Everything after it sees [`Table`] and [`Value`] only, never the format. It
//! does not look for forms, headers or units in the sheets.
//!
//! Why the guards: calamine sizes memory by what a file declares. It turns a
//! sheet into a dense grid from its first to its last used cell, so one stray
//! character at XFD1048576 of a 5 KB xlsx asks for hundreds of gigabytes, and
//! a failed allocation aborts the process (no `Result`, no `catch_unwind`).
//! What we do, before calamine allocates:
//!
//! - zip (xlsx, xlsm, ods): every part's declared uncompressed size, and
//!   their sum, is held to [`Limits::max_unzipped_bytes`], read from the
//!   central directory by the same zip crate calamine reads with, which stops
//!   any part at its declared size.
//! - xlsx, xlsm: cells are streamed into our sparse [`Table`], and reading
//!   stops at the first cell that takes the sheet past [`Limits::max_cells`]
//!   (`worksheet_range` and `worksheet_formula` are never called). Shared
//!   formulas are tracked here, not by calamine, and the text copied out of
//!   shared strings is held to `max_unzipped_bytes`. The string count the
//!   shared string table declares, by which calamine reserves memory, is
//!   checked first ([`check_shared_string_count`]).
//! - xls: calamine parses every sheet densely when the file is opened, from
//!   coordinates wider than BIFF8's 65536 × 256 grid, so we walk the same
//!   records first ([`prescan_biff`]) and refuse the file before it does.
//! - ods: calamine parses all of content.xml when the file is opened, and
//!   expands its repeated rows and columns; we go through content.xml first
//!   ([`prescan_ods`]), adding up the repeats, and refuse the file before it does.
//! - xls and ods: calamine holds every sheet at once, so the sheets together
//!   are held to a bound too (`ReadError::WorkbookTooLarge`).
//!
//! Where calamine panics on malformed input instead, the file is `Corrupt`.

use std::cell::Cell;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;

use calamine::{
    Data, DataRef, Dimensions, ExcelDateTime, ExcelDateTimeType, Ods, OdsError, Range, Reader,
    SheetType, SheetVisible, Xls, XlsError, Xlsx, XlsxError, XlsxFormulaMetadata,
    expand_shared_formula,
};
use chrono::{NaiveDate, NaiveDateTime};
use zip::ZipArchive;

use super::table::{CellRef, Merge, Table, Value};
use crate::lang::Lang;
use crate::template::fingerprint as property;

/// The spreadsheet formats we read, decided by content, not by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsm,
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
    /// The form fingerprint from custom document properties (xlsx and xlsm
    /// only): see [`crate::template::fingerprint`] for the property names.
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
    /// A truncated zip, broken XML, unreadable BIFF …
    Corrupt {
        detail: String,
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
            ReadError::NotASpreadsheet { found } => lang.pick(
                format!(
                    "这是{}{found}，不是 Excel 表格，请提交 Excel 工作簿（.xlsx 或 .xls）",
                    if found.starts_with(|c: char| c.is_ascii()) { " " } else { "" }
                ),
                format!(
                    "this is {}, not an Excel workbook; please submit an Excel workbook (.xlsx or .xls)",
                    found_in_english(found)
                ),
            ),
            ReadError::Corrupt { detail } => lang.pick(
                format!(
                    "文件已损坏或不完整，无法读取（{detail}），请用 Excel 或 WPS 打开确认后重新保存、重新提交"
                ),
                format!(
                    "the file is damaged or incomplete and cannot be read ({detail}); please open it in Excel or WPS, save it again and resubmit"
                ),
            ),
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
                    "工作表“{sheet}”在远离表格的 {far_cell} 单元格还有内容，使工作表超出可读取的范围（最多 {limit} 个单元格），请删除该处的多余内容后重新提交"
                ),
                format!(
                    "sheet “{sheet}” has content as far out as cell {far_cell}, which makes it larger than can be read (at most {limit} cells); please delete the stray content there and submit it again"
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
    let mut file = File::open(path).map_err(io_error)?;
    let mut head = Vec::with_capacity(HEAD_LEN);
    (&mut file)
        .take(HEAD_LEN as u64)
        .read_to_end(&mut head)
        .map_err(io_error)?;
    if head.is_empty() {
        return Err(ReadError::EmptyFile);
    }
    // WPS saves its own format under .et; when such a file is not a workbook
    // calamine can read, saying so is more useful than "damaged".
    let et = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("et"));
    if head.starts_with(ZIP_MAGIC) {
        return guarded(|| read_zip(file, limits));
    }
    if head.starts_with(OLE_MAGIC) {
        return read_ole(path, file, et, limits);
    }
    match other_kind(&head) {
        Some(found) => Err(ReadError::NotASpreadsheet { found }),
        None if et => Err(ReadError::WpsEt),
        None => Err(corrupt("不是任何已知的表格格式")),
    }
}

// ---------------------------------------------------------------------------
// Sniffing

/// Enough to recognise every magic number and text heading below.
const HEAD_LEN: usize = 4096;
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// What `NotASpreadsheet` says was found, and its English name for `--lang en`.
const PDF: &str = "PDF 文件";
const IMAGE: &str = "图片";
const ARCHIVE: &str = "压缩包";
const DOCX: &str = "Word 文档 (.docx)";
const DOC: &str = "Word 文档 (.doc)";
const PPTX: &str = "PowerPoint 演示文稿 (.pptx)";
const PPT: &str = "PowerPoint 演示文稿 (.ppt)";
const XLSB: &str = "Excel 二进制工作簿 (.xlsb)";
const ODF_OTHER: &str = "OpenDocument 文档（非表格）";
const OFD: &str = "OFD 版式文件";
const RTF: &str = "RTF 文档";
const HTML: &str = "网页文件 (HTML)";
const XML_2003: &str = "Excel 2003 XML 表格";
const TEXT: &str = "文本文件";

const FOUND_IN_ENGLISH: [(&str, &str); 14] = [
    (PDF, "a PDF file"),
    (IMAGE, "a picture"),
    (ARCHIVE, "an archive (zip, rar, 7z …)"),
    (DOCX, "a Word document (.docx)"),
    (DOC, "a Word document (.doc)"),
    (PPTX, "a PowerPoint presentation (.pptx)"),
    (PPT, "a PowerPoint presentation (.ppt)"),
    (XLSB, "an Excel binary workbook (.xlsb)"),
    (ODF_OTHER, "an OpenDocument file that is not a spreadsheet"),
    (OFD, "an OFD document"),
    (RTF, "an RTF document"),
    (HTML, "a web page (HTML)"),
    (XML_2003, "an Excel 2003 XML spreadsheet"),
    (TEXT, "a text file"),
];

fn found_in_english(found: &str) -> &str {
    FOUND_IN_ENGLISH
        .iter()
        .find(|(zh, _)| *zh == found)
        .map_or(found, |(_, en)| en)
}

/// Names files that are plainly something other than a workbook; `None` when
/// the bytes mean nothing we know.
fn other_kind(head: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 10] = [
        (b"%PDF", PDF),
        (b"\x89PNG", IMAGE),
        (b"\xFF\xD8\xFF", IMAGE),
        (b"GIF8", IMAGE),
        (b"II*\x00", IMAGE),
        (b"MM\x00*", IMAGE),
        (b"Rar!\x1A\x07", ARCHIVE),
        (b"7z\xBC\xAF\x27\x1C", ARCHIVE),
        (b"\x1F\x8B", ARCHIVE),
        (b"{\\rtf", RTF),
    ];
    if let Some((_, found)) = MAGIC.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Some(found);
    }
    if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return Some(IMAGE);
    }
    // Many systems "export to Excel" as a web page or as Excel 2003 XML under
    // an .xls name; the clerk should hear what the file really is.
    let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    let control = |b: &u8| *b < 0x20 && !b"\t\n\r\x0C".contains(b) || *b == 0x7F;
    if !utf16 && head.iter().any(control) {
        return None;
    }
    let lower: Vec<u8> = head
        .iter()
        .filter(|b| **b != 0)
        .map(u8::to_ascii_lowercase)
        .collect();
    let contains = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    Some(
        if contains(b"urn:schemas-microsoft-com:office:spreadsheet") {
            XML_2003
        } else if contains(b"<html") || contains(b"<table") || contains(b"mime-version:") {
            HTML
        } else {
            TEXT
        },
    )
}

// ---------------------------------------------------------------------------
// Zip-based formats

/// The package as the zip crate reads it: the same crate, and so the same
/// central directory and the same declared sizes, that calamine trusts.
type Package = ZipArchive<BufReader<File>>;

fn read_zip(file: File, limits: &Limits) -> Result<Workbook, ReadError> {
    let mut package = ZipArchive::new(BufReader::new(file)).map_err(|e| {
        corrupt(format!(
            "zip 文件目录无法读取，文件可能不完整（例如只保存或上传了一部分）：{e}"
        ))
    })?;
    let names = part_names(&package)?;
    let format = package_format(&mut package, &names)?;
    check_declared_sizes(&package, &names, limits)?;
    match format {
        Format::Ods => read_ods(package, limits),
        _ => read_xlsx(package, &names, format, limits),
    }
}

/// The name of every part, by index, `\` read as `/` (as calamine reads them).
fn part_names(package: &Package) -> Result<Vec<String>, ReadError> {
    (0..package.len())
        .map(|index| {
            let entry = package.by_index_data(index).map_err(corrupt)?;
            Ok(entry.name().map_err(corrupt)?.replace('\\', "/"))
        })
        .collect()
}

fn find_part(names: &[String], name: &str) -> Option<usize> {
    names
        .iter()
        .position(|part| part.eq_ignore_ascii_case(name))
}

/// What the package is, from its part names (and the ods `mimetype`).
fn package_format(package: &mut Package, names: &[String]) -> Result<Format, ReadError> {
    let has = |name: &str| find_part(names, name).is_some();
    let has_folder = |folder: &str| {
        names.iter().any(|name| {
            name.get(..folder.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(folder))
        })
    };
    if has("xl/workbook.xml") {
        // The content type says macroEnabled too, but reading it means
        // inflating [Content_Types].xml; the macros themselves are this part.
        return Ok(if has("xl/vbaProject.bin") {
            Format::Xlsm
        } else {
            Format::Xlsx
        });
    }
    let not = |found| Err(ReadError::NotASpreadsheet { found });
    if has("xl/workbook.bin") {
        return not(XLSB);
    }
    if has_folder("word/") {
        return not(DOCX);
    }
    if has_folder("ppt/") {
        return not(PPTX);
    }
    if has("OFD.xml") {
        return not(OFD);
    }
    if let Some(index) = find_part(names, "mimetype") {
        return match mimetype(package, index) {
            Some(mime) if mime.trim_ascii() == ODS_MIMETYPE => Ok(Format::Ods),
            // calamine will say what is wrong with it.
            None if has("content.xml") => Ok(Format::Ods),
            _ => not(ODF_OTHER),
        };
    }
    if has("[Content_Types].xml") {
        return Err(corrupt("Office 文件中缺少工作簿部分（xl/workbook.xml）"));
    }
    not(ARCHIVE)
}

const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// The start of the `mimetype` part; `None` when it cannot be inflated.
fn mimetype(package: &mut Package, index: usize) -> Option<Vec<u8>> {
    let mut head = Vec::new();
    package
        .by_index(index)
        .ok()?
        .take(128)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

/// Every part's declared uncompressed size, and their sum, read from the
/// central directory without inflating anything. The zip crate stops any part
/// at its declared size, so nothing calamine inflates can be larger.
/// (`ZipArchive::decompressed_size` gives no sum when a part has a data
/// descriptor, and does not say which part is too large.)
fn check_declared_sizes(
    package: &Package,
    names: &[String],
    limits: &Limits,
) -> Result<(), ReadError> {
    let limit = limits.max_unzipped_bytes;
    let mut total = 0u64;
    for (index, name) in names.iter().enumerate() {
        let size = package.by_index_data(index).map_err(corrupt)?.size();
        if size > limit {
            return Err(ReadError::TooLarge {
                part: name.clone(),
                bytes: size,
                limit,
            });
        }
        total = total.saturating_add(size);
    }
    if total > limit {
        return Err(ReadError::TooLarge {
            part: String::new(),
            bytes: total,
            limit,
        });
    }
    Ok(())
}

/// Reads an xlsx or xlsm.
fn read_xlsx(
    mut package: Package,
    names: &[String],
    format: Format,
    limits: &Limits,
) -> Result<Workbook, ReadError> {
    check_shared_string_count(&mut package, names)?;
    let mut xlsx = Xlsx::new(package.into_inner()).map_err(|e| match e {
        XlsxError::Password => ReadError::Encrypted,
        e => corrupt(e),
    })?;
    let fingerprint = xlsx
        .workbook_properties()
        .ok()
        .and_then(|properties| fingerprint(&properties.custom_properties));
    let listed = xlsx.sheets_metadata().to_vec();
    let mut budget = Budget::new(limits);
    let mut sheets = Vec::new();
    for sheet in listed.iter().filter(|s| s.typ == SheetType::WorkSheet) {
        let table = xlsx_table(&mut xlsx, &sheet.name, &mut budget)?;
        sheets.push(Sheet {
            name: sheet.name.clone(),
            visible: sheet.visible == SheetVisible::Visible,
            table,
        });
    }
    finish(format, sheets, fingerprint)
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
/// part called sharedStrings.xml is checked. Only the part up to the opening
/// `sst` element is inflated, however far into the part calamine would look for it.
fn check_shared_string_count(package: &mut Package, names: &[String]) -> Result<(), ReadError> {
    for (index, name) in names.iter().enumerate() {
        if !name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            continue;
        }
        let part = package.by_index(index).map_err(corrupt)?;
        let size = part.size();
        let mut tags = Tags::new(BufReader::new(part), name);
        while let Some(tag) = tags.next()? {
            // calamine takes the first element named sst, whatever its
            // prefix (up to the first colon, as quick_xml splits names).
            let element = tags.name();
            let local = element
                .iter()
                .position(|&b| b == b':')
                .map_or(element, |colon| &element[colon + 1..]);
            if tag == Tag::End || local != b"sst" {
                continue;
            }
            // calamine reserves only what parses as a number.
            let count = tags.attr(b"uniqueCount").and_then(|raw| {
                raw.iter()
                    .all(u8::is_ascii_digit)
                    .then(|| std::str::from_utf8(raw).ok()?.parse::<u64>().ok())
                    .flatten()
            });
            let most = size / SHARED_STRING_MIN_BYTES;
            if let Some(count) = count.filter(|count| *count > most) {
                return Err(corrupt(format!(
                    "共享字符串表（{name}）声明有 {count} 个字符串，而这一部分解压后只有 {size} 字节，最多容纳 {most} 个"
                )));
            }
            break;
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
        Err(e) => return Err(corrupt(e)),
    };
    // Shared formulas by index, kept here: `next_cell_with_formula` sizes a
    // vector by the index the file declares, and `si="4000000000"` aborts.
    let mut shared = HashMap::new();
    while let Some(cell) = cells.next_cell_with_formula_metadata().map_err(corrupt)? {
        let (row, col) = cell.pos;
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
    drop(cells);
    let merges = xlsx.merge_cells_by_sheet_name(name).map_err(corrupt)?;
    table.merges(merges.into_iter().map(merge_of))?;
    table.finish()
}

fn fingerprint(custom: &HashMap<String, String>) -> Option<Fingerprint> {
    Some(Fingerprint {
        campaign: custom.get(property::CAMPAIGN)?.clone(),
        report: custom.get(property::REPORT)?.clone(),
        version: custom
            .get(property::VERSION)
            .and_then(|version| version.trim().parse().ok()),
    })
}

/// Reads an OpenDocument spreadsheet.
///
/// calamine parses all of content.xml inside `Ods::new` and holds every
/// sheet densely, so [`prescan_ods`] goes through content.xml first; it also
/// reads the merged areas, which calamine 0.38 ignores.
fn read_ods(mut package: Package, limits: &Limits) -> Result<Workbook, ReadError> {
    let mut merges = prescan_ods(&mut package, limits)?;
    let mut ods: Ods<_> = Ods::new(package.into_inner()).map_err(|e| match e {
        OdsError::Password => ReadError::Encrypted,
        e => corrupt(e),
    })?;
    let listed = ods.sheets_metadata().to_vec();
    let mut budget = Budget::dense(limits);
    let mut sheets = Vec::new();
    for sheet in listed.iter().filter(|s| s.typ == SheetType::WorkSheet) {
        let values = ods.worksheet_range(&sheet.name).map_err(corrupt)?;
        let formulas = ods.worksheet_formula(&sheet.name).map_err(corrupt)?;
        let areas = merges.remove(&sheet.name).unwrap_or_default();
        let table = range_table(&sheet.name, &values, &formulas, areas, &mut budget)?;
        sheets.push(Sheet {
            name: sheet.name.clone(),
            visible: sheet.visible == SheetVisible::Visible,
            table,
        });
    }
    finish(Format::Ods, sheets, None)
}

/// Goes through content.xml as calamine 0.38's `Ods::new` will, and refuses,
/// before calamine allocates, what would make it allocate too much.
///
/// calamine stores each non-empty cell once per `table:number-columns-repeated`
/// (up to 16384) in every row element, then copies each row once per
/// `table:number-rows-repeated` into one dense grid per sheet, from the first
/// to the last row and column with content; every copy of a text is a new
/// string. So a 13 KB .ods (20 000 rows of one number repeated 16384 times)
/// asks for some 18 GB, and one `<text:s text:c="1000000000"/>` for 1 GB. Here
/// each sheet's extent, with the repeats added up, is held to `max_cells`,
/// the text of its cells, each copy counted, to `max_unzipped_bytes`, and
/// the sheets together as for xls. Empty cells and rows count for nothing
/// however often they repeat (LibreOffice writes a sheet's unused columns
/// and rows out that way).
///
/// The walk follows calamine's reading where broken XML would let the two
/// part ways (end tags are not matched, a string cell ends at the first end
/// of any cell). It is stricter in corners no spreadsheet program writes: a
/// row repeated 0 times counts as one, rows and columns are not cut at
/// calamine's 1048576 × 16384, a doctype is refused, and so is an annotation
/// without end (on which calamine loops for ever).
///
/// Returns the merged areas of each sheet (`table:number-columns-spanned`,
/// `table:number-rows-spanned`), which count to the extent as in any format.
fn prescan_ods(
    package: &mut Package,
    limits: &Limits,
) -> Result<HashMap<String, Vec<Merge>>, ReadError> {
    // calamine looks for encryption first; the content is then no XML.
    if let Ok(manifest) = package.by_name("META-INF/manifest.xml") {
        let mut tags = Tags::new(BufReader::new(manifest), "META-INF/manifest.xml");
        while let Some(tag) = tags.next()? {
            if tag != Tag::End && tags.name() == b"manifest:encryption-data" {
                return Err(ReadError::Encrypted);
            }
        }
    }
    let mut merges = HashMap::new();
    // Without it calamine refuses the file.
    let Ok(content) = package.by_name("content.xml") else {
        return Ok(merges);
    };
    let mut content = Tags::new(BufReader::new(content), "content.xml");
    let mut budget = Budget::dense(limits);
    while let Some(tag) = content.next()? {
        if tag != Tag::Start || content.name() != b"table:table" {
            continue;
        }
        // calamine passes over a table without a name, and its rows.
        let Some(name) = content.attr(b"table:name").map(unescape) else {
            continue;
        };
        let table = prescan_table(&mut content, &name, &mut budget)?;
        merges.insert(name, table.merges);
    }
    Ok(merges)
}

/// One `table:table`, from after its start tag to its end tag.
fn prescan_table<R: BufRead>(
    content: &mut Tags<R>,
    name: &str,
    budget: &mut Budget,
) -> Result<Table, ReadError> {
    let mut table = BoundedTable::new(name, budget);
    let mut row = 0u64;
    while let Some(tag) = content.next()? {
        match (tag, content.name()) {
            // calamine ends the table at the first end tag of any table.
            (Tag::End | Tag::Empty, b"table:table") => break,
            (Tag::Start | Tag::Empty, b"table:table-row") => {
                let repeats = content.count(b"table:number-rows-repeated")?.unwrap_or(1);
                let repeats = repeats.max(1);
                let cells = match tag {
                    Tag::Start => OdsRow::read(content)?,
                    _ => OdsRow::default(),
                };
                if let Some(last_col) = cells.last_col {
                    let last_row = row.saturating_add(repeats - 1);
                    table.admit(clamped(last_row), clamped(last_col))?;
                    table.charge_text(cells.text.saturating_mul(repeats))?;
                }
                // No two areas start at the same cell and each is admitted, so
                // this stops within `max_cells` areas however large the repeats.
                for span in &cells.spans {
                    for top in row..row.saturating_add(repeats) {
                        for left in span.col..span.col.saturating_add(span.repeats) {
                            table.merge(span.area(top, left))?;
                        }
                    }
                }
                row = row.saturating_add(repeats);
            }
            _ => {}
        }
    }
    table.finish()
}

/// What one row element holds, once (before its rows repeat).
#[derive(Default)]
struct OdsRow {
    /// The last column holding a cell calamine keeps.
    last_col: Option<u64>,
    /// The text calamine copies out of the row's cells, each copy counted.
    text: u64,
    spans: Vec<Span>,
}

/// A cell spanning more than itself: `repeats` such cells from `col` on.
struct Span {
    col: u64,
    repeats: u64,
    cols: u64,
    rows: u64,
}

impl Span {
    fn area(&self, top: u64, left: u64) -> Merge {
        Merge {
            first: CellRef::new(clamped(top), clamped(left)),
            last: CellRef::new(
                clamped(top.saturating_add(self.rows - 1)),
                clamped(left.saturating_add(self.cols - 1)),
            ),
        }
    }
}

impl OdsRow {
    /// From after the row's start tag to its end tag.
    fn read<R: BufRead>(content: &mut Tags<R>) -> Result<OdsRow, ReadError> {
        let mut row = OdsRow::default();
        let mut col = 0u64;
        while let Some(tag) = content.next()? {
            let element = match (tag, content.name()) {
                (Tag::End, b"table:table-row") => break,
                (Tag::Start | Tag::Empty, CELL) => CELL,
                (Tag::Start | Tag::Empty, COVERED_CELL) => COVERED_CELL,
                _ => continue,
            };
            let repeats = content
                .count(b"table:number-columns-repeated")?
                .unwrap_or(1);
            let span = |key| {
                content
                    .attr(key)
                    .and_then(|raw| unescape(raw).parse::<u64>().ok())
                    .unwrap_or(1)
                    .max(1)
            };
            let (cols, rows) = (
                span(b"table:number-columns-spanned"),
                span(b"table:number-rows-spanned"),
            );
            if (cols > 1 || rows > 1) && repeats > 0 {
                row.spans.push(Span {
                    col,
                    repeats,
                    cols,
                    rows,
                });
            }
            let cell = OdsCell::read(content, tag, element)?;
            if cell.kept && repeats > 0 {
                row.last_col = Some(col.saturating_add(repeats - 1));
                row.text = row.text.saturating_add(cell.text.saturating_mul(repeats));
            }
            col = col.saturating_add(repeats);
        }
        Ok(row)
    }
}

const CELL: &[u8] = b"table:table-cell";
const COVERED_CELL: &[u8] = b"table:covered-table-cell";

/// One cell as calamine's `get_datatype` sees it.
struct OdsCell {
    /// Whether calamine keeps it: a value, a formula, or a string (even an
    /// empty one). Anything else, styled or not, is an empty cell.
    kept: bool,
    /// The bytes of text calamine will copy out of it, at most.
    text: u64,
}

impl OdsCell {
    /// From the cell's start tag (just read) past its end, as far as
    /// calamine reads: the two differ only where the XML is broken, and then
    /// the walk must go where calamine goes.
    fn read<R: BufRead>(
        content: &mut Tags<R>,
        tag: Tag,
        element: &[u8],
    ) -> Result<OdsCell, ReadError> {
        // The first value attribute wins, and the value type counts only before it.
        let mut valued = false;
        let mut empty_string_value = false;
        let mut string_type = false;
        let mut error_type = false;
        let mut text = 0u64;
        let mut formula = 0u64;
        for (key, value) in content.attrs() {
            match key {
                b"office:value" | b"office:boolean-value" if !valued => valued = true,
                b"office:string-value" | b"office:date-value" | b"office:time-value" if !valued => {
                    valued = true;
                    empty_string_value = key == b"office:string-value" && value.is_empty();
                    text = value.len() as u64;
                }
                b"office:value-type" if !valued => string_type = value == b"string",
                b"calcext:value-type" => error_type = value == b"error",
                b"table:formula" => formula = value.len() as u64,
                _ => {}
            }
        }
        // Then calamine reads the text of the cell's paragraphs, up to the
        // first end of any cell; otherwise it passes over the element.
        let reads_text = !valued && string_type || error_type && empty_string_value;
        if tag == Tag::Start {
            if reads_text {
                text = text.saturating_add(content.cell_text()?);
            } else {
                content.skip_to_end(element)?;
            }
        }
        Ok(OdsCell {
            kept: valued || reads_text || formula > 0,
            text: text.saturating_add(formula),
        })
    }
}

fn clamped(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The elements of an XML part, read as a stream the way quick_xml (as
/// calamine sets it up) reads them: only the tag at hand is held; text,
/// comments, CDATA sections and processing instructions are passed over.
/// Names are compared as calamine compares them, prefix and all.
///
/// Stands in for quick_xml itself, which is not one of our dependencies.
struct Tags<R> {
    input: R,
    part: String,
    /// The tag just read, without `<`, `/` and `>`, and what it was.
    tag: Vec<u8>,
    kind: Tag,
    /// Bytes of text passed over since this was last reset.
    text: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Start,
    /// `<a/>`, which calamine reads as a start and an end.
    Empty,
    End,
}

impl<R: BufRead> Tags<R> {
    fn new(input: R, part: &str) -> Tags<R> {
        Tags {
            input,
            part: part.to_owned(),
            tag: Vec::new(),
            kind: Tag::End,
            text: 0,
        }
    }

    /// The next start, empty or end tag; `None` at the end of the part.
    fn next(&mut self) -> Result<Option<Tag>, ReadError> {
        loop {
            if !self.skip_text()? {
                return Ok(None);
            }
            match self.peek()? {
                None => return Ok(None),
                Some(b'?') => self.skip_past(b"?>")?,
                Some(b'!') => self.skip_markup()?,
                Some(b'/') => {
                    self.input.consume(1);
                    self.read_tag()?;
                    self.kind = Tag::End;
                    return Ok(Some(Tag::End));
                }
                Some(_) => {
                    self.read_tag()?;
                    self.kind = match self.tag.last() {
                        Some(b'/') => Tag::Empty,
                        _ => Tag::Start,
                    };
                    if self.kind == Tag::Empty {
                        self.tag.pop();
                    }
                    return Ok(Some(self.kind));
                }
            }
        }
    }

    /// As quick_xml names it: a start tag up to the first white space, an
    /// end tag whole (calamine does not check that end tags match).
    fn name(&self) -> &[u8] {
        if self.kind == Tag::End {
            return trim_xml_end(&self.tag);
        }
        let end = self
            .tag
            .iter()
            .position(|&b| is_xml_space(b))
            .unwrap_or(self.tag.len());
        &self.tag[..end]
    }

    /// The tag's attributes, raw (entities not replaced).
    fn attrs(&self) -> Attributes<'_> {
        Attributes(&self.tag[self.name().len()..])
    }

    fn attr(&self, key: &[u8]) -> Option<&[u8]> {
        self.attrs()
            .find(|(k, _)| *k == key)
            .map(|(_, value)| value)
    }

    /// A repeat count; calamine refuses the file where it is not a number.
    fn count(&self, key: &[u8]) -> Result<Option<u64>, ReadError> {
        let Some(raw) = self.attr(key) else {
            return Ok(None);
        };
        let text = unescape(raw);
        text.parse().map(Some).map_err(|_| {
            corrupt(format!(
                "{} 中 {} 的值“{text}”不是数字",
                self.part,
                String::from_utf8_lossy(key)
            ))
        })
    }

    /// Passes over everything up to the end tag of the `element` whose start
    /// tag was just read, as quick_xml's `read_to_end_into` does: only
    /// elements of the same name nest.
    fn skip_to_end(&mut self, element: &[u8]) -> Result<(), ReadError> {
        let mut depth = 0usize;
        while let Some(tag) = self.next()? {
            if self.name() != element {
                continue;
            }
            match tag {
                Tag::Start => depth += 1,
                Tag::End if depth == 0 => break,
                Tag::End => depth -= 1,
                Tag::Empty => {}
            }
        }
        Ok(())
    }

    /// The bytes of text calamine 0.38 makes of a string cell whose start tag
    /// was just read, read as its `get_datatype` reads: up to the first end
    /// tag of any cell, annotations left out, with as many spaces as `text:c`
    /// says for `text:s`, one character for `text:tab` and `text:line-break`,
    /// and one between paragraphs.
    fn cell_text(&mut self) -> Result<u64, ReadError> {
        self.text = 0;
        let mut added = 0u64;
        let mut paragraphs = 0u64;
        while let Some(tag) = self.next()? {
            let name = self.name();
            if tag == Tag::End {
                if name == CELL || name == COVERED_CELL {
                    break;
                }
                continue;
            }
            // An empty element is a start to calamine, followed by its end.
            match name {
                b"office:annotation" if tag == Tag::Start => {
                    let outside = self.text;
                    self.skip_annotation()?;
                    self.text = outside;
                }
                b"text:p" => paragraphs += 1,
                b"text:s" => {
                    let spaces = self
                        .attr(b"text:c")
                        .and_then(|raw| unescape(raw).parse().ok());
                    added = added.saturating_add(spaces.unwrap_or(1));
                }
                b"text:tab" | b"text:line-break" => added = added.saturating_add(1),
                _ => {}
            }
        }
        Ok(self
            .text
            .saturating_add(added)
            .saturating_add(paragraphs.saturating_sub(1)))
    }

    /// calamine passes over an annotation in a string cell up to the first
    /// end tag of one, and where there is none it loops for ever.
    fn skip_annotation(&mut self) -> Result<(), ReadError> {
        while let Some(tag) = self.next()? {
            if tag == Tag::End && self.name() == b"office:annotation" {
                return Ok(());
            }
        }
        Err(corrupt(format!(
            "{} 在批注（office:annotation）中途结束",
            self.part
        )))
    }

    /// Passes over text to just after the next `<`; false at the end.
    fn skip_text(&mut self) -> Result<bool, ReadError> {
        loop {
            let buffer = self
                .input
                .fill_buf()
                .map_err(|e| unreadable(&self.part, e))?;
            if buffer.is_empty() {
                return Ok(false);
            }
            let (skipped, found) = match buffer.iter().position(|&b| b == b'<') {
                Some(at) => (at, true),
                None => (buffer.len(), false),
            };
            self.input.consume(skipped + usize::from(found));
            self.text = self.text.saturating_add(skipped as u64);
            if found {
                return Ok(true);
            }
        }
    }

    fn peek(&mut self) -> Result<Option<u8>, ReadError> {
        let buffer = self
            .input
            .fill_buf()
            .map_err(|e| unreadable(&self.part, e))?;
        Ok(buffer.first().copied())
    }

    fn byte(&mut self) -> Result<Option<u8>, ReadError> {
        let byte = self.peek()?;
        if byte.is_some() {
            self.input.consume(1);
        }
        Ok(byte)
    }

    /// Reads to the `>` that closes the tag; a `>` inside quotes does not.
    fn read_tag(&mut self) -> Result<(), ReadError> {
        self.tag.clear();
        let mut quote = None;
        loop {
            let buffer = self
                .input
                .fill_buf()
                .map_err(|e| unreadable(&self.part, e))?;
            if buffer.is_empty() {
                return Ok(());
            }
            let mut end = None;
            for (at, &b) in buffer.iter().enumerate() {
                match quote {
                    Some(open) if b == open => quote = None,
                    Some(_) => {}
                    None if b == b'"' || b == b'\'' => quote = Some(b),
                    None if b == b'>' => {
                        end = Some(at);
                        break;
                    }
                    None => {}
                }
            }
            let taken = end.unwrap_or(buffer.len());
            self.tag.extend_from_slice(&buffer[..taken]);
            self.input.consume(taken + usize::from(end.is_some()));
            if end.is_some() {
                return Ok(());
            }
        }
    }

    /// After `<!`: a comment or a CDATA section. A doctype, which no
    /// spreadsheet program writes, would need parsing as quick_xml parses it
    /// for the walk to stay where calamine is; it is refused instead.
    fn skip_markup(&mut self) -> Result<(), ReadError> {
        const COMMENT: &[u8] = b"!--";
        const CDATA: &[u8] = b"![CDATA[";
        let mut head = Vec::new();
        while COMMENT.starts_with(&head) || CDATA.starts_with(&head) {
            if head == COMMENT {
                return self.skip_past(b"-->");
            }
            if head == CDATA {
                return self.skip_past(b"]]>");
            }
            match self.byte()? {
                Some(b) => head.push(b),
                None => return Ok(()),
            }
        }
        Err(corrupt(format!(
            "{} 中有文档类型声明或无法识别的 <! 标记",
            self.part
        )))
    }

    fn skip_past(&mut self, end: &[u8]) -> Result<(), ReadError> {
        let mut last = Vec::with_capacity(end.len());
        while let Some(b) = self.byte()? {
            if last.len() == end.len() {
                last.remove(0);
            }
            last.push(b);
            if last == end {
                break;
            }
        }
        Ok(())
    }
}

fn unreadable(part: &str, error: std::io::Error) -> ReadError {
    corrupt(format!("{part} 无法解压：{error}"))
}

/// White space as XML (and quick_xml) has it.
fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn trim_xml_end(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|&b| !is_xml_space(b))
        .map_or(0, |at| at + 1);
    &bytes[..end]
}

/// The `key="value"` pairs of a tag, values raw, as calamine's `RawAttrIter` reads them.
struct Attributes<'a>(&'a [u8]);

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a [u8], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.0;
        let equals = rest.iter().position(|&b| b == b'=')?;
        let key = rest[..equals].trim_ascii();
        let value = rest[equals + 1..].trim_ascii_start();
        let quote = *value.first().filter(|&&q| q == b'"' || q == b'\'')?;
        let len = value[1..].iter().position(|&b| b == quote)?;
        self.0 = &value[len + 2..];
        Some((key, &value[1..1 + len]))
    }
}

/// An attribute value with its character and entity references replaced.
fn unescape(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out = String::with_capacity(text.len());
    let mut rest = &*text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let reference = rest.split_once(';').and_then(|(name, after)| {
            let c = match name {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                _ => char::from_u32(match name.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => name.strip_prefix('#')?.parse().ok()?,
                })?,
            };
            Some((c, after))
        });
        match reference {
            Some((c, after)) => {
                out.push(c);
                rest = after;
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------
// OLE-based formats

fn read_ole(path: &Path, file: File, et: bool, limits: &Limits) -> Result<Workbook, ReadError> {
    let unreadable = |detail: String| {
        if et {
            ReadError::WpsEt
        } else {
            ReadError::Corrupt { detail }
        }
    };
    let file_len = file.metadata().map_err(io_error)?.len();
    let mut ole = cfb::CompoundFile::open(file)
        .map_err(|e| unreadable(format!("OLE 复合文件结构无法解析：{e}")))?;
    let streams: Vec<String> = ole
        .read_root_storage()
        .filter(|entry| entry.is_stream())
        .map(|entry| entry.name().to_owned())
        .collect();
    let has = |name: &str| streams.iter().any(|s| s.eq_ignore_ascii_case(name));
    // Office wraps a password-protected xlsx in an OLE file of these two streams.
    if has("EncryptedPackage") || has("EncryptionInfo") {
        return Err(ReadError::Encrypted);
    }
    // calamine prefers Workbook (BIFF8) over Book (BIFF5) in the same way.
    let Some(name) = ["Workbook", "Book"].into_iter().find(|name| has(name)) else {
        return Err(if has("WordDocument") {
            ReadError::NotASpreadsheet { found: DOC }
        } else if has("PowerPoint Document") {
            ReadError::NotASpreadsheet { found: PPT }
        } else {
            unreadable("OLE 文件中没有工作簿".to_owned())
        });
    };
    let mut stream = ole
        .open_stream(name)
        .map_err(|e| unreadable(e.to_string()))?;
    if stream.len() > file_len {
        return Err(unreadable("工作簿数据流比文件还大".to_owned()));
    }
    let mut biff = Vec::new();
    stream
        .read_to_end(&mut biff)
        .map_err(|e| unreadable(e.to_string()))?;
    drop((stream, ole));
    match guarded(|| read_xls(path, &biff, limits)) {
        Err(ReadError::Corrupt { detail }) => Err(unreadable(detail)),
        read => read,
    }
}

fn read_xls(path: &Path, biff: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    prescan_biff(biff, limits)?;
    let file = File::open(path).map_err(io_error)?;
    let mut xls = Xls::new(BufReader::new(file)).map_err(|e| match e {
        XlsError::Password => ReadError::Encrypted,
        e => corrupt(e),
    })?;
    let listed = xls.sheets_metadata().to_vec();
    let mut budget = Budget::dense(limits);
    let mut sheets = Vec::new();
    for sheet in listed.iter().filter(|s| s.typ == SheetType::WorkSheet) {
        // Already dense inside calamine, and bounded by the prescan.
        let values = xls.worksheet_range(&sheet.name).map_err(corrupt)?;
        let formulas = xls.worksheet_formula(&sheet.name).map_err(corrupt)?;
        let merges = xls
            .merge_cells_by_sheet_name(&sheet.name)
            .map_err(corrupt)?;
        let merges = merges.into_iter().map(merge_of).collect();
        let table = range_table(&sheet.name, &values, &formulas, merges, &mut budget)?;
        sheets.push(Sheet {
            name: sheet.name.clone(),
            visible: sheet.visible == SheetVisible::Visible,
            table,
        });
    }
    finish(Format::Xls, sheets, None)
}

fn le16(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn le32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes"))
}

// BIFF record types, [MS-XLS] 2.3.
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
const SST: u16 = 0x00FC;
const CONTINUE: u16 = 0x003C;
const LABELSST: u16 = 0x00FD;
/// The records calamine turns into one cell each, row and column first.
const CELL_RECORDS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// Walks the BIFF stream the way calamine 0.38's `parse_workbook` does and
/// refuses, before calamine allocates, what would make it allocate too much.
///
/// calamine trusts the coordinates it reads: `Range::from_sparse` spans the
/// cells' rows and columns, and columns are 16-bit in the cell records (so up
/// to 65536 × 65536 cells, not BIFF8's 65536 × 256); the DIMENSIONS record is
/// used to reserve rows × columns cells with 32-bit rows. A file Excel wrote
/// stays within 65536 × 256, whose reservation (some 670 MB) is never
/// touched; beyond that grid the file is corrupt. And every cell naming a
/// shared string gets its own copy of it. Cells and their text are held to
/// the same budget as in any other format.
fn prescan_biff(stream: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let mut biff8 = true;
    let mut sheets = Vec::new();
    // The shared string table and the CONTINUE records that carry its overflow.
    let mut sst = Vec::new();
    let mut in_sst = false;
    for record in BiffRecords(stream) {
        let (kind, data) = record?;
        if kind == CONTINUE && in_sst {
            sst.push(data);
            continue;
        }
        in_sst = kind == SST;
        match kind {
            SST => sst = vec![data],
            // The cells after it are encrypted: their coordinates mean nothing.
            FILEPASS => return Err(ReadError::Encrypted),
            BOF => biff8 = data.get(..2) == Some(&[0x00, 0x06]),
            BOUNDSHEET if data.len() >= 6 => {
                let name = bound_sheet_name(data, biff8, sheets.len());
                sheets.push((le32(data, 0) as usize, name));
            }
            EOF => break,
            _ => {}
        }
    }
    let strings = shared_string_sizes(&sst);
    let mut budget = Budget::dense(limits);
    for (position, name) in sheets {
        let substream = stream
            .get(position..)
            .ok_or_else(|| corrupt(format!("工作表“{name}”的位置超出了文件")))?;
        prescan_sheet(substream, &name, &strings, &mut budget)?;
    }
    Ok(())
}

fn prescan_sheet(
    substream: &[u8],
    name: &str,
    strings: &[u64],
    budget: &mut Budget,
) -> Result<(), ReadError> {
    let mut extent = BoundedTable::new(name, budget);
    // Embedded charts are nested BOF…EOF substreams that calamine skips.
    let mut seen_bof = false;
    let mut depth = 0usize;
    for record in BiffRecords(substream) {
        let (kind, data) = record?;
        if depth > 0 {
            match kind {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match kind {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => check_dimensions(data, name)?,
            MULRK if data.len() >= 6 => {
                let last = le16(data, data.len() - 2).max(le16(data, 2));
                extent.admit(u32::from(le16(data, 0)), u32::from(last))?;
            }
            kind if CELL_RECORDS.contains(&kind) && data.len() >= 4 => {
                extent.admit(u32::from(le16(data, 0)), u32::from(le16(data, 2)))?;
                if kind == LABELSST && data.len() >= 10 {
                    let index = le32(data, 6) as usize;
                    extent.charge_text(strings.get(index).copied().unwrap_or(0))?;
                }
            }
            _ => {}
        }
    }
    extent.finish().map(drop)
}

/// Mirrors calamine's `parse_dimensions` and the reservation made from it.
fn check_dimensions(data: &[u8], sheet: &str) -> Result<(), ReadError> {
    const BIFF8_CELLS: i64 = 65_536 * 256;
    let (first_row, row_end, first_col, col_end) = match data.len() {
        10 => (
            i64::from(le16(data, 0)),
            i64::from(le16(data, 2)),
            i64::from(le16(data, 4)),
            i64::from(le16(data, 6)),
        ),
        14 | 16 => (
            i64::from(le32(data, 0)),
            i64::from(le32(data, 4)),
            i64::from(le16(data, 8)),
            i64::from(le16(data, 10)),
        ),
        // calamine refuses the record itself.
        _ => return Ok(()),
    };
    if row_end < 1 || col_end < 1 {
        return Ok(());
    }
    let first_col = if first_col > 0xFF || col_end < first_col {
        0
    } else {
        first_col
    };
    let (rows, cols) = (row_end - first_row, col_end - first_col);
    if rows < 0 || rows.saturating_mul(cols) > BIFF8_CELLS {
        return Err(corrupt(format!(
            "工作表“{sheet}”的尺寸记录（DIMENSIONS）超出了 xls 格式的范围"
        )));
    }
    Ok(())
}

/// The sheet's name from its BoundSheet8 record, for messages only.
fn bound_sheet_name(data: &[u8], biff8: bool, index: usize) -> String {
    let fallback = || format!("第 {} 个工作表", index + 1);
    let Some(&count) = data.get(6) else {
        return fallback();
    };
    let count = usize::from(count);
    if !biff8 {
        // BIFF5 names are in the workbook's code page; ASCII is all we can trust.
        return match data.get(7..7 + count) {
            Some(name) if name.is_ascii() => String::from_utf8_lossy(name).into_owned(),
            _ => fallback(),
        };
    }
    let wide = data.get(7).is_some_and(|flags| flags & 1 == 1);
    let name = match (wide, data.get(8..)) {
        (true, Some(chars)) if chars.len() >= 2 * count => {
            let units: Vec<u16> = chars[..2 * count]
                .chunks_exact(2)
                .map(|unit| u16::from_le_bytes([unit[0], unit[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        (false, Some(chars)) if chars.len() >= count => {
            chars[..count].iter().map(|&b| char::from(b)).collect()
        }
        _ => return fallback(),
    };
    name.replace('\0', "")
}

/// The size in UTF-8, at most, of each string in the shared string table, read
/// as calamine's `parse_sst` reads it. Where calamine would fail on the
/// table, the walk stops: the file will not open, so nothing is copied.
fn shared_string_sizes(sst: &[&[u8]]) -> Vec<u64> {
    let Some((first, rest)) = sst.split_first() else {
        return Vec::new();
    };
    let mut table = Segments {
        data: first.get(8..).unwrap_or_default(),
        rest: rest.iter(),
    };
    let mut sizes = Vec::new();
    while !table.data.is_empty() || table.next_segment() {
        match table.string_size() {
            Some(size) => sizes.push(size),
            None => break,
        }
    }
    sizes
}

/// A record's data followed by its CONTINUE records.
struct Segments<'a> {
    data: &'a [u8],
    rest: std::slice::Iter<'a, &'a [u8]>,
}

impl Segments<'_> {
    fn next_segment(&mut self) -> bool {
        self.rest.next().is_some_and(|next| {
            self.data = next;
            true
        })
    }

    fn take(&mut self, len: usize) -> Option<&[u8]> {
        let (taken, rest) = self.data.split_at_checked(len)?;
        self.data = rest;
        Some(taken)
    }

    fn skip(&mut self, mut len: usize) -> Option<()> {
        while len > 0 {
            if self.data.is_empty() && !self.next_segment() {
                return None;
            }
            let step = len.min(self.data.len());
            self.data = &self.data[step..];
            len -= step;
        }
        Some(())
    }

    /// One XLUnicodeRichExtendedString ([MS-XLS] 2.5.293): its characters
    /// may run on into the next segment, which then starts with a flags byte.
    fn string_size(&mut self) -> Option<u64> {
        if self.data.is_empty() {
            return Some(0);
        }
        let header = self.take(3)?;
        let (mut left, flags) = (usize::from(le16(header, 0)), header[2]);
        let runs = if flags & 0x8 != 0 {
            usize::from(le16(self.take(2)?, 0))
        } else {
            0
        };
        // calamine reads this as i32 and casts it, as here.
        let extension = if flags & 0x4 != 0 {
            le32(self.take(4)?, 0) as i32 as usize
        } else {
            0
        };
        let mut wide = flags & 0x1 != 0;
        let mut size = 0u64;
        loop {
            let width = if wide { 2 } else { 1 };
            let chars = left.min(self.data.len() / width);
            self.data = &self.data[chars * width..];
            left -= chars;
            // A UTF-16 unit takes at most 3 bytes in UTF-8, a Latin-1 one 2.
            size += (chars * (width + 1)) as u64;
            if left == 0 {
                break;
            }
            if !self.next_segment() {
                return None;
            }
            wide = self.take(1)?[0] & 0x1 != 0;
        }
        self.skip(runs * 4)?;
        self.skip(extension)?;
        Some(size)
    }
}

/// BIFF records as (type, data), each checked to fit the stream.
struct BiffRecords<'a>(&'a [u8]);

impl<'a> Iterator for BiffRecords<'a> {
    type Item = Result<(u16, &'a [u8]), ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.0.is_empty() {
            return None;
        }
        let record = (self.0.len() >= 4)
            .then(|| (le16(self.0, 0), usize::from(le16(self.0, 2))))
            .and_then(|(kind, len)| Some((kind, self.0.get(4..4 + len)?)));
        let Some((kind, data)) = record else {
            self.0 = &[];
            return Some(Err(corrupt("xls 记录被截断，文件不完整")));
        };
        self.0 = &self.0[4 + data.len()..];
        Some(Ok((kind, data)))
    }
}

// ---------------------------------------------------------------------------
// Into our Table

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
struct Budget {
    max_cells: u64,
    cells_limit: u64,
    cells_used: u64,
    text_limit: u64,
    text_used: u64,
}

/// What calamine holds for each cell of a dense sheet: its value and its formula.
const DENSE_CELL_BYTES: u64 = (size_of::<Data>() + size_of::<String>()) as u64;

impl Budget {
    fn new(limits: &Limits) -> Budget {
        Budget {
            max_cells: limits.max_cells,
            cells_limit: u64::MAX,
            cells_used: 0,
            text_limit: limits.max_unzipped_bytes,
            text_used: 0,
        }
    }

    /// For the formats calamine holds densely.
    fn dense(limits: &Limits) -> Budget {
        Budget {
            cells_limit: limits.max_unzipped_bytes / DENSE_CELL_BYTES,
            ..Budget::new(limits)
        }
    }
}

/// One sheet's table, refusing any cell beyond the workbook's budget.
struct BoundedTable<'a> {
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
    fn new(sheet: &'a str, budget: &'a mut Budget) -> BoundedTable<'a> {
        BoundedTable {
            sheet,
            budget,
            far: None,
            table: Table::new(),
        }
    }

    fn admit(&mut self, row: u32, col: u32) -> Result<(), ReadError> {
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

    fn charge_text(&mut self, bytes: u64) -> Result<(), ReadError> {
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
    fn set(&mut self, row: u32, col: u32, value: Value) -> Result<(), ReadError> {
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

    /// A merged area counts to the extent with its far corner: what comes
    /// after may well spread a merged value over the whole area.
    fn merge(&mut self, area: Merge) -> Result<(), ReadError> {
        self.admit(area.last.row, area.last.col)?;
        self.table.merges.push(area);
        Ok(())
    }

    fn merges(&mut self, areas: impl IntoIterator<Item = Merge>) -> Result<(), ReadError> {
        areas.into_iter().try_for_each(|area| self.merge(area))
    }

    /// The sheet's table, its extent added to the workbook's.
    fn finish(self) -> Result<Table, ReadError> {
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

fn merge_of(area: Dimensions) -> Merge {
    Merge {
        first: CellRef::new(area.start.0, area.start.1),
        last: CellRef::new(area.end.0, area.end.1),
    }
}

/// Copies a sheet calamine has already built densely into a sparse table.
/// Walking the range allocates nothing, and stops at the first cell beyond
/// the budget.
fn range_table(
    sheet: &str,
    values: &Range<Data>,
    formulas: &Range<String>,
    merges: Vec<Merge>,
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
    table.merges(merges)?;
    table.finish()
}

/// A cell's value as everything after this module sees it; `None` for an
/// empty cell. A formula matters only when no result was stored with it.
fn cell_value(data: Data, formula: Option<String>) -> Option<Value> {
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
        Data::DateTimeIso(text) => iso_datetime(&text).map_or(Value::Text(text), Value::DateTime),
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

/// A date-formatted serial as a date and time (calamine's `as_datetime` sits
/// behind a feature we do not enable; its `to_ymd_hms_milli` knows the 1904
/// date system too). A duration format (`[h]:mm`) stays a number of days, as
/// does a serial outside 0 ≤ days < 10000-01-01, which calamine would clamp.
fn excel_datetime(serial: ExcelDateTime) -> Value {
    let days = serial.as_f64();
    if serial.is_duration() || !(0.0..2_958_466.0).contains(&days) {
        return Value::Number(days);
    }
    let (year, month, day, hour, minute, second, milli) = serial.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(year.into(), month.into(), day.into())
        .and_then(|date| {
            date.and_hms_milli_opt(hour.into(), minute.into(), second.into(), milli.into())
        })
        .map_or(Value::Number(days), Value::DateTime)
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
/// record) instead of returning an error; one broken file must not stop the
/// run, nor print a panic message in the middle of a report.
///
/// The panic hook is process-wide, so it is replaced once and for good, and
/// keeps quiet only for a panic on a thread inside `guarded`; every other
/// panic goes to the hook that was there before (the default one prints it).
fn guarded<T>(read: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    thread_local! {
        static GUARDED: Cell<bool> = const { Cell::new(false) };
    }
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !GUARDED.try_with(Cell::get).unwrap_or(false) {
                previous(info);
            }
        }));
    });
    let outer = GUARDED.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(read));
    GUARDED.set(outer);
    result.unwrap_or_else(|_| Err(corrupt("文件结构异常，读取时出错")))
}

fn corrupt(detail: impl ToString) -> ReadError {
    ReadError::Corrupt {
        detail: detail.to_string(),
    }
}

fn io_error(error: std::io::Error) -> ReadError {
    ReadError::Io(error.to_string())
}

/// A byte count as people read it.
fn size(bytes: u64, lang: Lang) -> String {
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
    fn shared_string_sizes_follow_strings_across_continue_records() {
        // 4 × 安 split 1 + 3 over a CONTINUE, a rich "ab" with one run and a
        // 2-byte extension split over another CONTINUE, then an empty string.
        let wide = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        let mut sst = [3u32.to_le_bytes(), 3u32.to_le_bytes()].concat();
        sst.extend([4, 0, 0x01]);
        sst.extend(wide("安"));
        let mut second = vec![0x01];
        second.extend(wide("安安安"));
        second.extend([2, 0, 0x0C, 1, 0, 2, 0, 0, 0]);
        second.extend(b"ab");
        second.extend([0, 0]);
        let third = [0, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(shared_string_sizes(&[&sst, &second, &third]), [12, 4, 0]);
    }

    /// Every tag of `xml` as (kind, name, value of `a`).
    fn tags(xml: &str) -> Result<Vec<(Tag, String, Option<String>)>, ReadError> {
        // A tiny buffer, so that tags and terminators straddle refills.
        let mut tags = Tags::new(BufReader::with_capacity(3, xml.as_bytes()), "test.xml");
        let mut found = Vec::new();
        while let Some(tag) = tags.next()? {
            let name = String::from_utf8(tags.name().to_vec()).unwrap();
            found.push((tag, name, tags.attr(b"a").map(unescape)));
        }
        Ok(found)
    }

    #[test]
    fn tags_pass_over_markup_and_keep_quoted_brackets() {
        let xml = r#"<?xml version="1.0"?><r a='1 > 0'><!-- <b a="2"/> --->text<![CDATA[<c/>]]><d a="&lt;&#x5B89;&amp;"/></r x=">"><e/></r >"#;
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            tags(xml).unwrap(),
            [
                (Tag::Start, "r".to_owned(), some("1 > 0")),
                (Tag::Empty, "d".to_owned(), some("<安&")),
                // Named whole, as quick_xml names an end tag.
                (Tag::End, r#"r x=">""#.to_owned(), None),
                (Tag::Empty, "e".to_owned(), None),
                (Tag::End, "r".to_owned(), None),
            ]
        );
        let doctype = r#"<!DOCTYPE r [<!ENTITY e "x>y">]><r/>"#;
        assert!(
            matches!(tags(doctype), Err(ReadError::Corrupt { .. })),
            "expected a doctype refused"
        );
    }

    #[test]
    fn a_string_cell_measures_the_text_calamine_makes_of_it() {
        let xml = r#"<text:p>ab<text:s text:c="5"/>c</text:p><office:annotation><text:p>note</text:p></office:annotation><text:p><text:tab/></text:p></table:table-cell><after/>"#;
        let mut tags = Tags::new(BufReader::new(xml.as_bytes()), "content.xml");
        // ab + 5 spaces + c, a line between the paragraphs, a tab; not the note.
        assert_eq!(tags.cell_text().unwrap(), 3 + 5 + 1 + 1);
        assert_eq!(tags.next().unwrap(), Some(Tag::Empty));
        assert_eq!(tags.name(), b"after");

        let unended = r#"<office:annotation><text:p>note</text:p></table:table-cell>"#;
        let mut tags = Tags::new(BufReader::new(unended.as_bytes()), "content.xml");
        assert!(
            matches!(tags.cell_text(), Err(ReadError::Corrupt { .. })),
            "expected an annotation without end refused"
        );
    }

    #[test]
    fn other_cells_end_where_quick_xml_ends_them() {
        // Only elements of the cell's own name nest; calamine does not check
        // that the others are closed.
        let xml = r#"<x><table:table-cell><y/></table:table-cell></table:table-cell><after/>"#;
        let mut tags = Tags::new(BufReader::new(xml.as_bytes()), "content.xml");
        tags.skip_to_end(CELL).unwrap();
        assert_eq!(tags.next().unwrap(), Some(Tag::Empty));
        assert_eq!(tags.name(), b"after");
    }

    #[test]
    fn a_panic_inside_the_guard_is_a_corrupt_file() {
        let read = || -> Result<(), ReadError> { panic!("index out of bounds") };
        assert_eq!(
            guarded(read),
            Err(corrupt("文件结构异常，读取时出错")),
            "expected the panic caught"
        );
    }
}
