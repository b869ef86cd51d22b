//! Office packages taken apart and put together again with the zip crate:
//! for fixtures no spreadsheet program writes, such as an xlsx whose
//! workbook part lies elsewhere than `xl/workbook.xml`.

use std::io::{Read, Write};

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
