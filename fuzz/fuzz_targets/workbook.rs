//! One returned workbook, from its bytes, through the whole reading path the
//! files under submissions/ take: what the file is, its sheets and cells, the
//! forms on them, their rows and values, its unit, and every problem worded
//! in both languages. A panic is caught by the reader and reported as the
//! file's internal error; here that is a finding.
//!
//! The first byte chooses what the rest is, so that mutations reach the XML
//! the spreadsheet library parses rather than dying in the zip's checksums:
//! `S` the sheet of an xlsx, `T` its shared strings, `W` its workbook part,
//! `O` the content of an ods; anything else is the file's bytes as they are.

#![no_main]

use std::io::Write;
use std::sync::LazyLock;

use campaign::definition::{Campaign, DEFAULT_TOML};
use campaign::lang::Lang;
use campaign::read::problem::Kind;
use campaign::read::read_bytes;
use libfuzzer_sys::fuzz_target;

static CAMPAIGN: LazyLock<Campaign> =
    LazyLock::new(|| Campaign::parse(DEFAULT_TOML).expect("the default campaign is valid"));

fuzz_target!(|data: &[u8]| {
    let bytes = match data.split_first() {
        Some((b'S', xml)) => xlsx(&[("xl/worksheets/sheet1.xml", xml)]),
        Some((b'T', xml)) => xlsx(&[("xl/sharedStrings.xml", xml)]),
        Some((b'W', xml)) => xlsx(&[("xl/workbook.xml", xml)]),
        Some((b'O', xml)) => ods(xml),
        _ => data.to_vec(),
    };
    let read = read_bytes(&CAMPAIGN, "submissions/党建室/附件1.xlsx", bytes);
    for problem in &read.problems {
        if let Kind::Internal { detail, .. } = &problem.kind {
            panic!("{detail}");
        }
        for lang in [Lang::Zh, Lang::En] {
            assert!(!problem.text(lang).is_empty());
        }
    }
});

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A one-sheet xlsx whose parts are ours but for `replaced`: a 附件1 header
/// and one liaison, in shared strings.
fn xlsx(replaced: &[(&str, &[u8])]) -> Vec<u8> {
    let roster = CAMPAIGN
        .report("liaison")
        .and_then(|r| r.table())
        .expect("a roster");
    let header: Vec<String> = roster.columns.iter().map(|c| c.header()).collect();
    let mut strings = vec!["填报单位：党建室".to_owned()];
    strings.extend(header.iter().cloned());
    strings.extend(["党建室", "赵六", "13800001234"].map(str::to_owned));
    let sst: String = strings
        .iter()
        .map(|text| format!("<si><t>{text}</t></si>"))
        .collect();
    let cell = |r: &str, index: usize| format!(r#"<c r="{r}" t="s"><v>{index}</v></c>"#);
    let header_cells: String = (0..header.len())
        .map(|col| cell(&format!("{}2", char::from(b'A' + col as u8)), col + 1))
        .collect();
    let sheet = format!(
        r#"<worksheet xmlns="{MAIN_NS}"><dimension ref="A1:H3"/><sheetData><row r="1">{}</row><row r="2">{header_cells}</row><row r="3"><c r="A3"><v>1</v></c>{}{}{}</row></sheetData></worksheet>"#,
        cell("A1", 0),
        cell("B3", header.len() + 1),
        cell("C3", header.len() + 2),
        cell("F3", header.len() + 3)
    );
    let parts = [
        (
            "[Content_Types].xml",
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            format!(r#"<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ),
        (
            "xl/workbook.xml",
            format!(r#"<workbook xmlns="{MAIN_NS}" xmlns:r="{DOC_REL}"><sheets><sheet name="附件1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(r#"<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{DOC_REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{DOC_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
        (
            "xl/sharedStrings.xml",
            format!(r#"<sst xmlns="{MAIN_NS}" count="{0}" uniqueCount="{0}">{sst}</sst>"#, strings.len()),
        ),
    ];
    let parts: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(name, xml)| {
            let replacement = replaced.iter().find(|(part, _)| part == name);
            (
                *name,
                replacement.map_or(xml.as_bytes(), |(_, bytes)| *bytes),
            )
        })
        .collect();
    zip(&parts)
}

/// An ods whose content.xml is `content`.
fn ods(content: &[u8]) -> Vec<u8> {
    const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";
    zip(&[("mimetype", MIMETYPE), ("content.xml", content)])
}

/// A zip of stored parts, in order.
fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        zip.start_file(*name, stored).expect("a new part");
        zip.write_all(bytes).expect("written to memory");
    }
    zip.finish().expect("written to memory").into_inner()
}
