//! Packages built by hand, part by part, for the reader's tests: zips
//! (xlsx as the smallest package calamine reads, or a copy of one with a part
//! changed) and OLE compound files.

use std::io::{Read, Write};
use std::path::Path;

pub fn write_zip(path: &Path, parts: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// Every part of a zip, in order, by name.
pub fn parts_of(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).unwrap();
            (part.name().unwrap().to_string(), bytes)
        })
        .collect()
}

/// Copies a zip, passing each part through `change`.
pub fn rewrite_zip(from: &Path, to: &Path, mut change: impl FnMut(&str, Vec<u8>) -> Vec<u8>) {
    let parts: Vec<(String, Vec<u8>)> = parts_of(from)
        .into_iter()
        .map(|(name, bytes)| {
            let bytes = change(&name, bytes);
            (name, bytes)
        })
        .collect();
    write_zip(to, &parts);
}

pub const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
pub const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
pub const DOC_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

pub fn sheet_xml(rows: &str) -> String {
    format!(r#"<worksheet xmlns="{MAIN_NS}"><sheetData>{rows}</sheetData></worksheet>"#)
}

/// The smallest package calamine reads as an xlsx: one sheet, no styles,
/// shared strings when given.
pub fn minimal_xlsx_parts(sheet_xml: &str, shared_strings: Option<&str>) -> Vec<(String, Vec<u8>)> {
    let mut parts = vec![
        (
            "[Content_Types].xml",
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
                .to_owned(),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<workbook xmlns="{MAIN_NS}" xmlns:r="{DOC_REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{DOC_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        ("xl/worksheets/sheet1.xml", sheet_xml.to_owned()),
    ];
    if let Some(strings) = shared_strings {
        parts.push((
            "xl/sharedStrings.xml",
            format!(r#"<sst xmlns="{MAIN_NS}">{strings}</sst>"#),
        ));
    }
    parts
        .into_iter()
        .map(|(name, xml)| (name.to_owned(), xml.into_bytes()))
        .collect()
}

/// An OLE compound file in version 3, 512-byte sectors, as Office writes
/// them (calamine's own OLE reader does not take version 4).
pub fn write_ole(path: &Path, streams: &[(&str, &[u8])]) {
    let mut file = cfb::CompoundFile::create_with_version(
        cfb::Version::V3,
        std::fs::File::create(path).unwrap(),
    )
    .unwrap();
    for (name, bytes) in streams {
        file.create_stream(name).unwrap().write_all(bytes).unwrap();
    }
    file.flush().unwrap();
}
