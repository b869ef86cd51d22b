//! A lighter copy of an xlsx package for calamine to open.
//!
//! Opening a workbook, calamine parses its whole style sheet into fonts,
//! fills and borders, resolving theme colours from the theme part, and
//! reading the document properties parses the core and app parts too. A
//! returned form needs none of it: of the styles, only each cell format's
//! number format says anything (a date, a duration, a number), and of the
//! properties only the custom ones carry our fingerprint. Measured on forms
//! like ours, that parsing costs calamine more than reading the cells.
//!
//! So calamine is handed a copy of the package without the theme and the
//! core and app properties, whose style sheet holds only the number formats
//! and the cell formats' attributes, in their order and verbatim: what
//! calamine derives a cell's number format from is unchanged, and every
//! other part is copied still compressed, byte for byte. Whenever the copy
//! cannot be made exactly so (a style sheet that does not parse to its end, a
//! package larger than a form, a part the zip crate will not copy), there is
//! no copy, and calamine reads the package itself, as it always did.

use std::io::{Cursor, Read, Seek, Write};

use quick_xml::Reader as XmlReader;
use quick_xml::events::Event;
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

/// Larger packages are read from the file as they are: a copy in memory
/// must stay small beside what reading costs anyway. Forms are tens of KB.
const MOST_COPIED_BYTES: u64 = 4 * 1024 * 1024;

/// The lighter copy of `package`, or `None` when it cannot be made exactly.
pub(super) fn copy<R: Read + Seek>(
    package: &mut zip::ZipArchive<R>,
    names: &[String],
) -> Option<Vec<u8>> {
    let mut compressed = 0u64;
    for index in 0..names.len() {
        compressed = compressed.saturating_add(package.by_index_raw(index).ok()?.compressed_size());
    }
    if compressed > MOST_COPIED_BYTES {
        return None;
    }
    let capacity = usize::try_from(compressed).ok()? + 1024;
    let mut copy = ZipWriter::new(Cursor::new(Vec::with_capacity(capacity)));
    for (index, name) in names.iter().enumerate() {
        match Part::of(name) {
            Part::Unused => {}
            Part::Styles => {
                let mut xml = Vec::new();
                package.by_index(index).ok()?.read_to_end(&mut xml).ok()?;
                let raw = package.by_index_raw(index).ok()?;
                let stored =
                    SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
                copy.start_file(raw.name().ok()?, stored).ok()?;
                copy.write_all(&number_formats(&xml)?).ok()?;
            }
            Part::Kept => copy.raw_copy_file(package.by_index_raw(index).ok()?).ok()?,
        }
    }
    Some(copy.finish().ok()?.into_inner())
}

/// What the copy does with a part, by its name (`\` already read as `/`).
#[derive(Debug, PartialEq, Eq)]
enum Part {
    /// Copied as it is.
    Kept,
    /// Rewritten to its number formats.
    Styles,
    /// Left out: calamine parses it, nothing of ours uses what it finds there.
    Unused,
}

impl Part {
    fn of(name: &str) -> Part {
        let name = name.to_ascii_lowercase();
        if name == "docprops/core.xml" || name == "docprops/app.xml" {
            return Part::Unused;
        }
        let file = name.rsplit('/').next().unwrap_or(&name);
        if name.contains("/theme/") && file.starts_with("theme") {
            return Part::Unused;
        }
        if file == "styles.xml" {
            return Part::Styles;
        }
        Part::Kept
    }
}

/// A style sheet holding only what calamine takes a cell's number format
/// from: every `numFmts` and every `cellXfs` section, in their order, with
/// their `numFmt` and `xf` elements' attributes as written. `None` unless the
/// style sheet parses cleanly to the end of its root, since calamine would
/// then stop where the copy would not.
fn number_formats(xml: &[u8]) -> Option<Vec<u8>> {
    let mut reader = XmlReader::from_reader(xml);
    // As calamine reads the part, so that both see the same elements.
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    let mut out = b"<styleSheet>".to_vec();
    // The section being copied (`numFmts` or `cellXfs`) and the element kept in it.
    let mut section: Option<(&str, &str)> = None;
    loop {
        let event = reader.read_event().ok()?;
        match &event {
            Event::Start(tag) | Event::Empty(tag) if section.is_none() => {
                let element = match tag.local_name().as_ref() {
                    "numFmts" => ("numFmts", "numFmt"),
                    "cellXfs" => ("cellXfs", "xf"),
                    _ => continue,
                };
                out.extend_from_slice(format!("<{}>", element.0).as_bytes());
                section = Some(element);
                // `<cellXfs/>` opens and closes at once, as calamine reads it.
                if matches!(event, Event::Empty(_)) {
                    out.extend_from_slice(format!("</{}>", element.0).as_bytes());
                    section = None;
                }
            }
            Event::Start(tag) | Event::Empty(tag)
                if section.is_some_and(|(_, kept)| tag.local_name().as_ref() == kept) =>
            {
                let kept = section.map_or("", |(_, kept)| kept);
                out.push(b'<');
                out.extend_from_slice(kept.as_bytes());
                out.push(b' ');
                out.extend_from_slice(tag.attributes_raw().as_bytes());
                out.extend_from_slice(b"/>");
            }
            Event::End(tag)
                if section.is_some_and(|(name, _)| tag.local_name().as_ref() == name) =>
            {
                let name = section.map_or("", |(name, _)| name);
                out.extend_from_slice(format!("</{name}>").as_bytes());
                section = None;
            }
            Event::End(tag) if section.is_none() && tag.local_name().as_ref() == "styleSheet" => {
                out.extend_from_slice(b"</styleSheet>");
                return Some(out);
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

    use super::*;
    use crate::read::table::Value;
    use crate::read::workbook::xlsx::read_package;
    use crate::read::workbook::{Format as Kind, Limits};

    /// A form with every kind of cell whose reading hangs on its number format.
    fn formatted_book() -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet().set_name("附件2").unwrap();
        let day = ExcelDateTime::from_ymd(2021, 6, 5).unwrap();
        let chinese = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
        let builtin = Format::new().set_num_format_index(14);
        let hours = Format::new().set_num_format("[h]:mm");
        let money = Format::new().set_num_format("#,##0.00").set_bold();
        sheet.write_string(0, 0, "填报单位：党建室").unwrap();
        sheet
            .write_datetime_with_format(1, 0, &day, &chinese)
            .unwrap();
        sheet
            .write_datetime_with_format(1, 1, &day, &builtin)
            .unwrap();
        sheet.write_number_with_format(1, 2, 1.5, &hours).unwrap();
        sheet
            .write_number_with_format(1, 3, 1234.5, &money)
            .unwrap();
        sheet.write_number_with_format(1, 4, 6.3, &chinese).unwrap();
        sheet.write_boolean(1, 5, true).unwrap();
        let total = Formula::new("SUM(D2:D2)").set_result("1234.5");
        sheet.write_formula(1, 6, total).unwrap();
        book.save_to_buffer().unwrap()
    }

    fn names(package: &mut zip::ZipArchive<Cursor<Vec<u8>>>) -> Vec<String> {
        (0..package.len())
            .map(|i| {
                package
                    .by_index_raw(i)
                    .unwrap()
                    .name()
                    .unwrap()
                    .into_owned()
            })
            .collect()
    }

    #[test]
    fn the_copy_reads_as_the_package_itself_and_leaves_the_unused_parts_out() {
        let bytes = formatted_book();
        let mut package = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
        let parts = names(&mut package);
        let copy = copy(&mut package, &parts).expect("a copy of a well-formed form");

        let limits = Limits::default();
        let direct = read_package(Cursor::new(bytes), Kind::Xlsx, &limits).unwrap();
        let lean = read_package(Cursor::new(copy.clone()), Kind::Xlsx, &limits).unwrap();
        assert_eq!(
            lean, direct,
            "expected the copy to read cell for cell as the file"
        );
        let june5 = chrono::NaiveDate::from_ymd_opt(2021, 6, 5)
            .unwrap()
            .and_time(chrono::NaiveTime::MIN);
        let table = &lean.sheets[0].table;
        assert_eq!(
            [1, 2, 4].map(|col| table.get(1, col).cloned()),
            [
                Some(Value::DateTime(june5)),
                Some(Value::Number(1.5)),
                Some(Value::Number(6.3))
            ],
            "expected the dates, the duration and the typed number told apart by their formats"
        );

        let kept = names(&mut zip::ZipArchive::new(Cursor::new(copy)).unwrap());
        for gone in [
            "xl/theme/theme1.xml",
            "docProps/core.xml",
            "docProps/app.xml",
        ] {
            assert!(
                parts.iter().any(|p| p == gone),
                "expected {gone} in the form"
            );
            assert!(!kept.iter().any(|p| p == gone), "expected {gone} left out");
        }
        for part in [
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
            "xl/styles.xml",
        ] {
            assert!(kept.iter().any(|p| p == part), "expected {part} kept");
        }
    }

    #[test]
    fn the_style_sheet_keeps_its_number_formats_and_cell_formats_in_order() {
        let sheet = r#"<?xml version="1.0"?><x:styleSheet xmlns:x="s"><x:cellXfs count="2"><x:xf numFmtId="0" fontId="3"><x:alignment wrapText="1"/></x:xf><x:xf numFmtId="176"/></x:cellXfs><x:fonts><x:font><x:b/></x:font></x:fonts><x:numFmts><x:numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;"/></x:numFmts><x:cellStyleXfs><x:xf numFmtId="9"/></x:cellStyleXfs></x:styleSheet>"#;
        let kept = String::from_utf8(number_formats(sheet.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            kept,
            r#"<styleSheet><cellXfs><xf  numFmtId="0" fontId="3"/><xf  numFmtId="176"/></cellXfs><numFmts><numFmt  numFmtId="176" formatCode="yyyy&quot;年&quot;"/></numFmts></styleSheet>"#
        );
    }

    #[test]
    fn a_style_sheet_cut_short_gives_no_copy() {
        let sheet = r#"<styleSheet><numFmts><numFmt numFmtId="176" formatCode="0.0"/></numFmts><cellXfs><xf numFmtId="176"/>"#;
        assert_eq!(number_formats(sheet.as_bytes()), None);
    }
}
