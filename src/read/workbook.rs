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
//! - zip (xlsx, xlsm, ods): every entry's declared uncompressed size, and
//!   their sum, is held to [`Limits::max_unzipped_bytes`]. The zip crate
//!   calamine reads with stops any entry at its declared size.
//! - xlsx, xlsm: cells are streamed into our sparse [`Table`], and reading
//!   stops at the first cell that takes the sheet past [`Limits::max_cells`]
//!   (`worksheet_range` and `worksheet_formula` are never called). Shared
//!   formulas are tracked here, not by calamine, and the text copied out of
//!   shared strings is held to `max_unzipped_bytes`. Not guarded: see
//!   [`read_xlsx`].
//! - xls: calamine parses every sheet densely when the file is opened, from
//!   coordinates wider than BIFF8's 65536 × 256 grid, so we walk the same
//!   records first ([`prescan_biff`]) and refuse the file before it does.
//! - ods: calamine parses all of content.xml when the file is opened; what
//!   that leaves open is under [`read_ods`].
//!
//! Where calamine panics on malformed input instead, the file is `Corrupt`.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use calamine::{
    Data, DataRef, Dimensions, ExcelDateTime, ExcelDateTimeType, Ods, OdsError, Range, Reader,
    SheetType, SheetVisible, Xls, XlsError, Xlsx, XlsxError, XlsxFormulaMetadata,
    expand_shared_formula,
};
use chrono::{NaiveDate, NaiveDateTime};

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
    /// Also bounds the text of all cells together, shared strings spelled out.
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
        return read_zip(file, limits);
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

fn read_zip(mut file: File, limits: &Limits) -> Result<Workbook, ReadError> {
    let zip = ZipDirectory::read(&mut file).map_err(corrupt)?;
    let format = zip.format(&mut file)?;
    zip.check_sizes(limits)?;
    guarded(|| match format {
        Format::Ods => read_ods(file, limits),
        _ => read_xlsx(file, format, limits),
    })
}

/// One entry of a zip's central directory: what the zip crate will trust when
/// calamine asks it for the part.
struct ZipEntry {
    name: String,
    /// Declared uncompressed size.
    size: u64,
    method: u16,
    /// Where its local header starts, from the start of the archive.
    offset: u64,
}

/// The central directory of a zip, read without inflating anything.
///
/// The `zip` crate is not one of our dependencies (calamine's copy is private
/// to it), so the few fields the guards need are read here by hand.
struct ZipDirectory {
    entries: Vec<ZipEntry>,
    /// Bytes in front of the archive proper (a self-extracting stub).
    shift: u64,
}

impl ZipDirectory {
    fn read(file: &mut File) -> Result<ZipDirectory, String> {
        const EOCD_LEN: usize = 22;
        let len = file.metadata().map_err(|e| e.to_string())?.len();
        let tail_len = len.min((EOCD_LEN + usize::from(u16::MAX)) as u64);
        let tail = read_at(file, len - tail_len, tail_len as usize)?;
        // The end record is searched backwards, as the zip crate does; a
        // signature that leads to no valid directory (inside a comment, say)
        // is passed over.
        let last = tail.len().saturating_sub(EOCD_LEN - 1);
        for at in (0..last).rev() {
            if &tail[at..at + 4] != b"PK\x05\x06" {
                continue;
            }
            let position = len - tail_len + at as u64;
            if let Ok(directory) = ZipDirectory::at(file, len, position, &tail[at..]) {
                return Ok(directory);
            }
        }
        Err("找不到 zip 文件目录，文件可能不完整（例如只保存或上传了一部分）".to_owned())
    }

    /// The directory described by the end record at `position`.
    fn at(file: &mut File, len: u64, position: u64, end: &[u8]) -> Result<ZipDirectory, String> {
        let mut count = u64::from(le16(end, 10));
        let mut size = u64::from(le32(end, 12));
        let mut offset = u64::from(le32(end, 16));
        let mut directory_end = position;
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            let locator = read_at(file, position.checked_sub(20).ok_or("zip64")?, 20)?;
            if &locator[..4] != b"PK\x06\x07" {
                return Err("zip64 locator".to_owned());
            }
            directory_end = le64(&locator, 8);
            let record = read_at(file, directory_end, 56)?;
            if &record[..4] != b"PK\x06\x06" {
                return Err("zip64 end record".to_owned());
            }
            count = le64(&record, 32);
            size = le64(&record, 40);
            offset = le64(&record, 48);
        }
        // Checked before anything is read: these numbers come from the file.
        let start = directory_end.checked_sub(size).ok_or("directory size")?;
        let shift = start.checked_sub(offset).ok_or("directory offset")?;
        if directory_end > len {
            return Err("directory beyond the end".to_owned());
        }
        let bytes = read_at(
            file,
            start,
            usize::try_from(size).map_err(|e| e.to_string())?,
        )?;
        let mut entries = Vec::new();
        let mut at = 0usize;
        for _ in 0..count {
            let header = bytes.get(at..at + 46).ok_or("directory truncated")?;
            if &header[..4] != b"PK\x01\x02" {
                return Err("directory entry".to_owned());
            }
            let name_len = usize::from(le16(header, 28));
            let extra_len = usize::from(le16(header, 30));
            let comment_len = usize::from(le16(header, 32));
            let name = bytes.get(at + 46..at + 46 + name_len).ok_or("name")?;
            let extra = bytes
                .get(at + 46 + name_len..at + 46 + name_len + extra_len)
                .ok_or("extra field")?;
            let mut entry = ZipEntry {
                name: String::from_utf8_lossy(name).replace('\\', "/"),
                size: u64::from(le32(header, 24)),
                method: le16(header, 10),
                offset: u64::from(le32(header, 42)),
            };
            apply_zip64_extra(&mut entry, le32(header, 20), extra);
            entries.push(entry);
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(ZipDirectory { entries, shift })
    }

    fn has(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|entry| entry.name.eq_ignore_ascii_case(name))
    }

    fn has_folder(&self, folder: &str) -> bool {
        self.entries.iter().any(|entry| {
            entry
                .name
                .get(..folder.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(folder))
        })
    }

    /// What the package is, from its part names (and the ods `mimetype`,
    /// which ODF stores uncompressed).
    fn format(&self, file: &mut File) -> Result<Format, ReadError> {
        if self.has("xl/workbook.xml") {
            // The content type says macroEnabled too, but reading it means
            // inflating [Content_Types].xml; the macros themselves are this part.
            return Ok(if self.has("xl/vbaProject.bin") {
                Format::Xlsm
            } else {
                Format::Xlsx
            });
        }
        let not = |found| Err(ReadError::NotASpreadsheet { found });
        if self.has("xl/workbook.bin") {
            return not(XLSB);
        }
        if self.has_folder("word/") {
            return not(DOCX);
        }
        if self.has_folder("ppt/") {
            return not(PPTX);
        }
        if self.has("OFD.xml") {
            return not(OFD);
        }
        if self.has("mimetype") {
            return match self.mimetype(file) {
                Some(mime) if mime.trim_ascii() == ODS_MIMETYPE => Ok(Format::Ods),
                // A deflated mimetype breaks the ODF rules but calamine reads it.
                None if self.has("content.xml") => Ok(Format::Ods),
                _ => not(ODF_OTHER),
            };
        }
        if self.has("[Content_Types].xml") {
            return Err(corrupt("Office 文件中缺少工作簿部分（xl/workbook.xml）"));
        }
        not(ARCHIVE)
    }

    /// The stored bytes of the `mimetype` entry, `None` when compressed.
    fn mimetype(&self, file: &mut File) -> Option<Vec<u8>> {
        let entry = self
            .entries
            .iter()
            .find(|entry| entry.name.eq_ignore_ascii_case("mimetype"))?;
        if entry.method != 0 {
            return None;
        }
        let local = self.shift.checked_add(entry.offset)?;
        let header = read_at(file, local, 30).ok()?;
        if &header[..4] != b"PK\x03\x04" {
            return None;
        }
        let data = local + 30 + u64::from(le16(&header, 26)) + u64::from(le16(&header, 28));
        read_at(file, data, entry.size.min(128) as usize).ok()
    }

    fn check_sizes(&self, limits: &Limits) -> Result<(), ReadError> {
        let limit = limits.max_unzipped_bytes;
        let mut total = 0u64;
        for entry in &self.entries {
            if entry.size > limit {
                return Err(ReadError::TooLarge {
                    part: entry.name.clone(),
                    bytes: entry.size,
                    limit,
                });
            }
            total = total.saturating_add(entry.size);
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
}

const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Sizes that did not fit 32 bits are in the zip64 extra field, in this order.
fn apply_zip64_extra(entry: &mut ZipEntry, compressed: u32, mut extra: &[u8]) {
    while extra.len() >= 4 {
        let (id, len) = (le16(extra, 0), usize::from(le16(extra, 2)));
        let Some(data) = extra.get(4..4 + len) else {
            return;
        };
        if id == 0x0001 {
            let mut fields = data.chunks_exact(8).map(|chunk| le64(chunk, 0));
            if entry.size == 0xFFFF_FFFF {
                entry.size = fields.next().unwrap_or(u64::MAX);
            }
            if compressed == 0xFFFF_FFFF {
                fields.next();
            }
            if entry.offset == 0xFFFF_FFFF {
                entry.offset = fields.next().unwrap_or(u64::MAX);
            }
        }
        extra = &extra[4 + len..];
    }
}

fn read_at(file: &mut File, position: u64, len: usize) -> Result<Vec<u8>, String> {
    let mut bytes = vec![0; len];
    file.seek(SeekFrom::Start(position))
        .and_then(|_| file.read_exact(&mut bytes))
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}

fn le16(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn le32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes"))
}

fn le64(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

/// Reads an xlsx or xlsm.
///
/// What remains unguarded: `Xlsx::new` reserves room for as many strings as
/// the `uniqueCount` attribute of xl/sharedStrings.xml declares, before any
/// cell is read; a 700-byte xlsx declaring 10^11 strings makes it ask for
/// 2.4 TB and abort. Checking that attribute first means inflating the start
/// of that part ourselves, which needs the `zip` crate as a normal dependency.
fn read_xlsx(file: File, format: Format, limits: &Limits) -> Result<Workbook, ReadError> {
    let mut xlsx = Xlsx::new(BufReader::new(file)).map_err(|e| match e {
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

/// Streams one sheet's cells, in file order, into a sparse table.
fn xlsx_table<RS: Read + Seek>(
    xlsx: &mut Xlsx<RS>,
    name: &str,
    budget: &mut Budget,
) -> Result<Table, ReadError> {
    let mut table = BoundedTable::new(name, budget);
    let mut cells = match xlsx.worksheet_cells_reader(name) {
        Ok(cells) => cells,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(table.table),
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
    table.merges(xlsx.merge_cells_by_sheet_name(name).map_err(corrupt)?)?;
    Ok(table.table)
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
/// What remains unguarded: calamine parses all of content.xml inside
/// `Ods::new`, before we can look, and its 100-million-cell cap comes too
/// late. Each row element stores a non-empty cell once per
/// `table:number-columns-repeated` (up to 16384) with no cap on the rows, so
/// an 11 KB .ods (2.7 MB content.xml: 20 000 rows of one number repeated
/// 16384 times) asks for some 18 GB and aborts; under the cap, `get_range`
/// still expands `table:number-rows-repeated` into up to 100 million cells,
/// twice (values and formulas), several GB. Our check of each range comes
/// after all that. Closing it needs a streaming pass over content.xml that
/// adds up the repeats first, which needs an inflater (the `zip` crate as a
/// normal dependency). Merged areas are not read either: calamine 0.38
/// ignores `table:number-columns-spanned`.
fn read_ods(file: File, limits: &Limits) -> Result<Workbook, ReadError> {
    let mut ods: Ods<_> = Ods::new(BufReader::new(file)).map_err(|e| match e {
        OdsError::Password => ReadError::Encrypted,
        e => corrupt(e),
    })?;
    let listed = ods.sheets_metadata().to_vec();
    let mut budget = Budget::new(limits);
    let mut sheets = Vec::new();
    for sheet in listed.iter().filter(|s| s.typ == SheetType::WorkSheet) {
        let values = ods.worksheet_range(&sheet.name).map_err(corrupt)?;
        let formulas = ods.worksheet_formula(&sheet.name).map_err(corrupt)?;
        let table = range_table(&sheet.name, &values, &formulas, Vec::new(), &mut budget)?;
        sheets.push(Sheet {
            name: sheet.name.clone(),
            visible: sheet.visible == SheetVisible::Visible,
            table,
        });
    }
    finish(Format::Ods, sheets, None)
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
    let mut budget = Budget::new(limits);
    let mut sheets = Vec::new();
    for sheet in listed.iter().filter(|s| s.typ == SheetType::WorkSheet) {
        // Already dense inside calamine, and bounded by the prescan.
        let values = xls.worksheet_range(&sheet.name).map_err(corrupt)?;
        let formulas = xls.worksheet_formula(&sheet.name).map_err(corrupt)?;
        let merges = xls
            .merge_cells_by_sheet_name(&sheet.name)
            .map_err(corrupt)?;
        let table = range_table(&sheet.name, &values, &formulas, merges, &mut budget)?;
        sheets.push(Sheet {
            name: sheet.name.clone(),
            visible: sheet.visible == SheetVisible::Visible,
            table,
        });
    }
    finish(Format::Xls, sheets, None)
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
    let mut budget = Budget::new(limits);
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
    Ok(())
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
struct Budget {
    max_cells: u64,
    text_limit: u64,
    text_used: u64,
}

impl Budget {
    fn new(limits: &Limits) -> Budget {
        Budget {
            max_cells: limits.max_cells,
            text_limit: limits.max_unzipped_bytes,
            text_used: 0,
        }
    }
}

/// One sheet's table, refusing any cell beyond the workbook's budget.
struct BoundedTable<'a> {
    sheet: &'a str,
    budget: &'a mut Budget,
    last_row: u32,
    last_col: u32,
    table: Table,
}

impl<'a> BoundedTable<'a> {
    fn new(sheet: &'a str, budget: &'a mut Budget) -> BoundedTable<'a> {
        BoundedTable {
            sheet,
            budget,
            last_row: 0,
            last_col: 0,
            table: Table::new(),
        }
    }

    fn admit(&mut self, row: u32, col: u32) -> Result<(), ReadError> {
        let (last_row, last_col) = (self.last_row.max(row), self.last_col.max(col));
        let extent = (u64::from(last_row) + 1).saturating_mul(u64::from(last_col) + 1);
        if extent > self.budget.max_cells {
            return Err(ReadError::SheetTooLarge {
                sheet: self.sheet.to_owned(),
                far_cell: CellRef::new(row, col),
                limit: self.budget.max_cells,
            });
        }
        (self.last_row, self.last_col) = (last_row, last_col);
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

    /// Merged areas count to the extent with their far corner: what comes
    /// after may well spread a merged value over the whole area.
    fn merges(&mut self, areas: Vec<Dimensions>) -> Result<(), ReadError> {
        for area in areas {
            self.admit(area.end.0, area.end.1)?;
            self.table.merges.push(Merge {
                first: CellRef::new(area.start.0, area.start.1),
                last: CellRef::new(area.end.0, area.end.1),
            });
        }
        Ok(())
    }
}

/// Copies a sheet calamine has already built densely into a sparse table.
/// Walking the range allocates nothing, and stops at the first cell beyond
/// the budget.
fn range_table(
    sheet: &str,
    values: &Range<Data>,
    formulas: &Range<String>,
    merges: Vec<Dimensions>,
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
    Ok(table.table)
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
/// run. The default hook still prints the panic on standard error.
fn guarded<T>(read: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    panic::catch_unwind(AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(corrupt("文件结构异常，读取时出错")))
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
}
