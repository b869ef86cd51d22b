//! What a file is, from its first bytes, or for a zip from its part names
//! (and its relationships, when the workbook part is not where Excel puts
//! it): the spreadsheet formats we read, and what people send instead. It
//! does not open a workbook; [`super::package`] and [`super::xls`] do that.

use std::io::Read;

use super::package::{Package, find_part};
use super::{Corruption, Format, ReadError, corrupt, rels};

/// Enough to recognise every magic number and text heading below.
pub(super) const HEAD_LEN: usize = 4096;
pub(super) const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
pub(super) const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// What `NotASpreadsheet` says was found, and its English name for `--lang en`.
const PDF: &str = "PDF 文件";
const IMAGE: &str = "图片";
const ARCHIVE: &str = "压缩包";
const DOCX: &str = "Word 文档 (.docx)";
pub(super) const DOC: &str = "Word 文档 (.doc)";
const PPTX: &str = "PowerPoint 演示文稿 (.pptx)";
pub(super) const PPT: &str = "PowerPoint 演示文稿 (.ppt)";
const ODF_OTHER: &str = "OpenDocument 文档（非表格）";
const OFD: &str = "OFD 版式文件";
const RTF: &str = "RTF 文档";
const HTML: &str = "网页文件 (HTML)";
const XML_2003: &str = "Excel 2003 XML 表格";
const TEXT: &str = "文本文件";
const CSV: &str = "CSV 文本文件";

const FOUND_IN_ENGLISH: [(&str, &str); 14] = [
    (PDF, "a PDF file"),
    (IMAGE, "a picture"),
    (ARCHIVE, "an archive (zip, rar, 7z …)"),
    (DOCX, "a Word document (.docx)"),
    (DOC, "a Word document (.doc)"),
    (PPTX, "a PowerPoint presentation (.pptx)"),
    (PPT, "a PowerPoint presentation (.ppt)"),
    (ODF_OTHER, "an OpenDocument file that is not a spreadsheet"),
    (OFD, "an OFD document"),
    (RTF, "an RTF document"),
    (HTML, "a web page (HTML)"),
    (XML_2003, "an Excel 2003 XML spreadsheet"),
    (TEXT, "a text file"),
    (CSV, "a CSV text file"),
];

/// What web systems give when they “export to Excel”: opened in Excel or WPS
/// and saved again, each becomes a workbook.
pub(super) fn is_export(found: &str) -> bool {
    [HTML, XML_2003, TEXT, CSV].contains(&found)
}

pub(super) fn found_in_english(found: &str) -> &str {
    FOUND_IN_ENGLISH
        .iter()
        .find(|(zh, _)| *zh == found)
        .map_or(found, |(_, en)| en)
}

/// Names files that are plainly something other than a workbook; `None` when
/// the bytes mean nothing we know.
pub(super) fn other_kind(head: &[u8]) -> Option<&'static str> {
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
    // Values separated by commas or tabs on the first line: a CSV export.
    let first_line = lower.split(|b| *b == b'\n').next().unwrap_or_default();
    Some(
        if contains(b"urn:schemas-microsoft-com:office:spreadsheet") {
            XML_2003
        } else if contains(b"<html") || contains(b"<table") || contains(b"mime-version:") {
            HTML
        } else if first_line.iter().any(|b| matches!(b, b',' | b'\t')) {
            CSV
        } else {
            TEXT
        },
    )
}

/// What the package is, from its part names (and the ods `mimetype`), or
/// for a workbook part elsewhere than `xl/`, from the package's relationships.
pub(super) fn package_format(package: &mut Package, names: &[String]) -> Result<Format, ReadError> {
    let has = |name: &str| find_part(names, name).is_some();
    let has_folder = |folder: &str| {
        names.iter().any(|name| {
            name.get(..folder.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(folder))
        })
    };
    // Where Excel and nearly every other program put it: known without
    // inflating a part.
    if let Some(workbook) = ["xl/workbook.xml", "xl/workbook.bin"]
        .into_iter()
        .find(|part| has(part))
    {
        return Ok(workbook_format(names, workbook));
    }
    let not = |found| Err(ReadError::NotASpreadsheet { found });
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
    if has("[Content_Types].xml") || has("_rels/.rels") {
        // An Office package whose workbook part lies elsewhere: its
        // relationships say where, and calamine follows them as Excel does.
        return match rels::workbook_part(package, names)? {
            Some(workbook) if has(&workbook) => Ok(workbook_format(names, &workbook)),
            named => Err(corrupt(Corruption::NoWorkbookPart {
                part: named.unwrap_or_else(|| "xl/workbook.xml".to_owned()),
            })),
        };
    }
    not(ARCHIVE)
}

/// The format of a package whose workbook part is `workbook`: binary for an
/// xlsb; with macros beside it for an xlsm. (The content type says
/// macroEnabled too, but reading it means inflating [Content_Types].xml; the
/// macros themselves are the part beside the workbook.)
fn workbook_format(names: &[String], workbook: &str) -> Format {
    if workbook.to_ascii_lowercase().ends_with(".bin") {
        return Format::Xlsb;
    }
    let folder = workbook.rfind('/').map_or("", |slash| &workbook[..=slash]);
    if find_part(names, &format!("{folder}vbaProject.bin")).is_some() {
        Format::Xlsm
    } else {
        Format::Xlsx
    }
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
