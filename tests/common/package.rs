//! Packages built by hand, part by part, for the reader's tests: zips (xlsx
//! as the smallest package calamine reads, a copy of one with a part changed,
//! or one whose workbook part lies elsewhere than `xl/workbook.xml`, which no
//! spreadsheet program writes) and OLE compound files.

use std::io::{Read, Write};
use std::path::Path;

/// Every part of the zip `bytes`, in order: (name, content).
pub fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).unwrap();
            let name = part.name().unwrap().to_string();
            let mut content = Vec::new();
            part.read_to_end(&mut content).unwrap();
            (name, content)
        })
        .collect()
}

/// A zip holding `parts`, in order, deflated.
pub fn zipped(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The xlsx `bytes` with parts renamed: each part named `from`, or lying
/// under a folder `from` (ending in `/`), is renamed to `to` in its place,
/// and the package's relationships (`_rels/.rels`) and content types follow.
/// The workbook's own relationships are relative to its folder, so they need
/// no change as long as the sheets move with it.
pub fn move_parts(bytes: &[u8], moves: &[(&str, &str)]) -> Vec<u8> {
    let rename = |name: &str| {
        moves
            .iter()
            .find_map(|(from, to)| match from.strip_suffix('/') {
                Some(_) => name.strip_prefix(from).map(|rest| format!("{to}{rest}")),
                None => (name == *from).then(|| (*to).to_owned()),
            })
    };
    let original = parts(bytes);
    let renamed: Vec<(String, String)> = original
        .iter()
        .filter_map(|(name, _)| rename(name).map(|to| (name.clone(), to)))
        .collect();
    let point = |name: &str, content: Vec<u8>| -> Vec<u8> {
        let references: fn(&str) -> String = match name {
            "_rels/.rels" => |part| format!("Target=\"{part}\""),
            "[Content_Types].xml" => |part| format!("PartName=\"/{part}\""),
            _ => return content,
        };
        let mut xml = String::from_utf8(content).unwrap();
        for (from, to) in &renamed {
            xml = xml.replace(&references(from), &references(to));
        }
        xml.into_bytes()
    };
    let moved: Vec<(String, Vec<u8>)> = original
        .into_iter()
        .map(|(name, content)| {
            let content = point(&name, content);
            (rename(&name).unwrap_or(name), content)
        })
        .collect();
    zipped(&moved)
}

/// Writes a zip holding `parts` at `path`.
pub fn write_zip(path: &Path, parts: &[(String, Vec<u8>)]) {
    std::fs::write(path, zipped(parts)).unwrap();
}

/// Every part of the zip at `path`, in order, by name.
pub fn parts_of(path: &Path) -> Vec<(String, Vec<u8>)> {
    parts(&std::fs::read(path).unwrap())
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
