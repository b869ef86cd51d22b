//! xlsb packages written record by record ([MS-XLSB]), since neither
//! rust_xlsxwriter nor LibreOffice writes Excel's binary workbook. A package
//! holds what calamine reads of one — the workbook's sheet list, each
//! sheet's extent and cells, the custom document properties — and nothing
//! else: no styles (so no dates), no shared strings (text is written into
//! its cell), no formulas' tokens (a formula is its cached result).

use super::C;

/// One sheet: its name, whether it is hidden, its cells as (row, column, value).
pub struct Sheet<'a> {
    pub name: &'a str,
    pub hidden: bool,
    pub cells: Vec<(u32, u32, C)>,
}

impl<'a> Sheet<'a> {
    /// A visible sheet holding `cells`.
    pub fn new(name: &'a str, cells: Vec<(u32, u32, C)>) -> Sheet<'a> {
        Sheet {
            name,
            hidden: false,
            cells,
        }
    }

    /// A visible sheet holding `rows` from A1, as [`super::write_xlsx`] lays them out.
    pub fn from_rows(name: &'a str, rows: &[Vec<C>]) -> Sheet<'a> {
        let cells = rows
            .iter()
            .enumerate()
            .flat_map(|(row, cells)| {
                cells
                    .iter()
                    .enumerate()
                    .map(move |(col, cell)| (row as u32, col as u32, cell.clone()))
            })
            .collect();
        Sheet::new(name, cells)
    }
}

// Record types, [MS-XLSB] 2.3.2.
const ROW_HDR: u16 = 0x0000;
const CELL_REAL: u16 = 0x0005;
const CELL_BOOL: u16 = 0x0004;
const CELL_ST: u16 = 0x0006;
const FMLA_NUM: u16 = 0x0009;
const BEGIN_SHEET: u16 = 0x0081;
const END_SHEET: u16 = 0x0082;
const BEGIN_BOOK: u16 = 0x0083;
const END_BOOK: u16 = 0x0084;
const BEGIN_BUNDLE_SHS: u16 = 0x008F;
const END_BUNDLE_SHS: u16 = 0x0090;
const BEGIN_SHEET_DATA: u16 = 0x0091;
const END_SHEET_DATA: u16 = 0x0092;
const WS_DIM: u16 = 0x0094;
const BUNDLE_SH: u16 = 0x009C;
const CALC_PROP: u16 = 0x009D;

/// One record: its type and its length, each written seven bits to a byte
/// with the high bit saying another byte follows, then its body.
pub fn record(kind: u16, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 6);
    if kind < 0x80 {
        out.push(kind as u8);
    } else {
        out.extend([(kind & 0x7F) as u8 | 0x80, (kind >> 7) as u8]);
    }
    let mut length = body.len();
    while length >= 0x80 {
        out.push((length & 0x7F) as u8 | 0x80);
        length >>= 7;
    }
    out.push(length as u8);
    out.extend_from_slice(body);
    out
}

/// An XLWideString: its count of UTF-16 code units, then the units.
fn wide(text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    out.extend(units.iter().flat_map(|unit| unit.to_le_bytes()));
    out
}

fn u32s(values: &[u32]) -> Vec<u8> {
    values
        .iter()
        .flat_map(|value| value.to_le_bytes())
        .collect()
}

/// A cell record's body: its column, then style 0 and no flags, then `value`.
fn cell(col: u32, value: &[u8]) -> Vec<u8> {
    let mut body = u32s(&[col, 0]);
    body.extend_from_slice(value);
    body
}

/// A worksheet part: the extent its cells span, then the cells row by row.
pub fn sheet_part(cells: &[(u32, u32, C)]) -> Vec<u8> {
    let mut cells: Vec<&(u32, u32, C)> = cells
        .iter()
        .filter(|(_, _, value)| !matches!(value, C::Blank))
        .collect();
    cells.sort_by_key(|(row, col, _)| (*row, *col));
    let last_row = cells.iter().map(|(row, _, _)| *row).max().unwrap_or(0);
    let last_col = cells.iter().map(|(_, col, _)| *col).max().unwrap_or(0);
    let mut part = record(BEGIN_SHEET, &[]);
    part.extend(record(WS_DIM, &u32s(&[0, last_row, 0, last_col])));
    part.extend(record(BEGIN_SHEET_DATA, &[]));
    let mut current = None;
    for (row, col, value) in cells {
        if current != Some(*row) {
            // rw, ixfe, the default height (15 pt), three bytes of flags, no spans.
            let mut header = u32s(&[*row, 0]);
            header.extend([0x2C, 0x01, 0, 0, 0]);
            header.extend(u32s(&[0]));
            part.extend(record(ROW_HDR, &header));
            current = Some(*row);
        }
        part.extend(match value {
            C::S(text) | C::M(text, _) => record(CELL_ST, &cell(*col, &wide(text))),
            C::N(number) => record(CELL_REAL, &cell(*col, &number.to_le_bytes())),
            C::B(truth) => record(CELL_BOOL, &cell(*col, &[u8::from(*truth)])),
            C::F(_, result) => {
                // The cached result, no flags, an empty formula (cce 0, cb 0).
                let mut body = result.to_le_bytes().to_vec();
                body.extend([0, 0]);
                body.extend(u32s(&[0, 0]));
                record(FMLA_NUM, &cell(*col, &body))
            }
            C::D(..) => panic!("dates need a style sheet, which these packages do not hold"),
            C::Blank => unreachable!("blank cells are left out above"),
        });
    }
    part.extend(record(END_SHEET_DATA, &[]));
    part.extend(record(END_SHEET, &[]));
    part
}

/// The workbook part: the sheets in order, each by its relationship `rId<n>`.
fn workbook_part(sheets: &[Sheet]) -> Vec<u8> {
    let mut part = record(BEGIN_BOOK, &[]);
    part.extend(record(BEGIN_BUNDLE_SHS, &[]));
    for (i, sheet) in sheets.iter().enumerate() {
        let mut body = u32s(&[u32::from(sheet.hidden), i as u32 + 1]);
        body.extend(wide(&format!("rId{}", i + 1)));
        body.extend(wide(sheet.name));
        part.extend(record(BUNDLE_SH, &body));
    }
    part.extend(record(END_BUNDLE_SHS, &[]));
    // calamine reads defined names up to the first record that follows them.
    part.extend(record(CALC_PROP, &[]));
    part.extend(record(END_BOOK, &[]));
    part
}

const PACKAGE_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An xlsb holding `sheets` and the custom document properties `custom`.
pub fn xlsb(sheets: &[Sheet], custom: &[(&str, &str)]) -> Vec<u8> {
    let parts: Vec<(String, Vec<u8>)> = sheets
        .iter()
        .enumerate()
        .map(|(i, sheet)| {
            (
                format!("xl/worksheets/sheet{}.bin", i + 1),
                sheet_part(&sheet.cells),
            )
        })
        .collect();
    package(sheets, parts, custom)
}

/// An xlsb whose worksheet parts are given as they are (one per sheet, in
/// order), for parts no well-behaved writer makes.
pub fn package(
    sheets: &[Sheet],
    worksheets: Vec<(String, Vec<u8>)>,
    custom: &[(&str, &str)],
) -> Vec<u8> {
    let overrides: String = worksheets
        .iter()
        .map(|(name, _)| {
            format!(
                r#"<Override PartName="/{name}" ContentType="application/vnd.ms-excel.worksheet"/>"#
            )
        })
        .collect();
    let (custom_type, custom_rel) = if custom.is_empty() {
        (String::new(), String::new())
    } else {
        (
            r#"<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>"#.to_owned(),
            format!(
                r#"<Relationship Id="rId2" Type="{OFFICE_RELS}/custom-properties" Target="docProps/custom.xml"/>"#
            ),
        )
    };
    let content_types = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>{overrides}{custom_type}</Types>"#
    );
    let package_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" Type="{OFFICE_RELS}/officeDocument" Target="xl/workbook.bin"/>{custom_rel}</Relationships>"#
    );
    let sheet_rels: String = worksheets
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            let target = name.strip_prefix("xl/").expect("a part under xl/");
            format!(
                r#"<Relationship Id="rId{}" Type="{OFFICE_RELS}/worksheet" Target="{target}"/>"#,
                i + 1
            )
        })
        .collect();
    let workbook_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PACKAGE_RELS}">{sheet_rels}</Relationships>"#
    );
    let mut parts = vec![
        ("[Content_Types].xml".to_owned(), content_types.into_bytes()),
        ("_rels/.rels".to_owned(), package_rels.into_bytes()),
        ("xl/workbook.bin".to_owned(), workbook_part(sheets)),
        (
            "xl/_rels/workbook.bin.rels".to_owned(),
            workbook_rels.into_bytes(),
        ),
    ];
    parts.extend(worksheets);
    if !custom.is_empty() {
        parts.push(("docProps/custom.xml".to_owned(), custom_part(custom)));
    }
    super::package::zipped(&parts)
}

/// docProps/custom.xml holding `custom` as text properties.
fn custom_part(custom: &[(&str, &str)]) -> Vec<u8> {
    let properties: String = custom
        .iter()
        .enumerate()
        .map(|(i, (name, value))| {
            format!(
                r#"<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{}" name="{name}"><vt:lpwstr>{value}</vt:lpwstr></property>"#,
                i + 2
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{properties}</Properties>"#
    )
    .into_bytes()
}
