//! The workbook reader against real files: what Excel-compatible writers and
//! LibreOffice produce, and what people send instead (encrypted, WPS .et,
//! PDFs, truncated uploads, a stray character in the sheet's last cell).
//!
//! Every fixture is built here, in a fresh folder: rust_xlsxwriter for xlsx,
//! the zip crate for hand-made packages, the cfb crate for OLE files, and
//! LibreOffice for xls and ods.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use campaign::lang::Lang;
use campaign::read::table::{CellRef, Table, Value};
use campaign::read::workbook::{
    self, Corruption, Fingerprint, Format, Limits, ReadError, Workbook,
};
use chrono::NaiveDate;
use common::package::{minimal_xlsx_parts, rewrite_zip, sheet_xml, write_ole, write_zip};
use common::{C, xlsb};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Formula};

fn read_ok(path: &Path) -> Workbook {
    workbook::read(path, &Limits::default()).unwrap_or_else(|error| {
        panic!(
            "{}: expected a readable workbook, got {error:?}",
            path.display()
        )
    })
}

fn read_err(path: &Path, limits: &Limits) -> ReadError {
    match workbook::read(path, limits) {
        Ok(book) => panic!(
            "{}: expected an error, but it read as {:?} with sheets {:?}",
            path.display(),
            book.format,
            book.sheets.iter().map(|s| &s.name).collect::<Vec<_>>()
        ),
        Err(error) => error,
    }
}

/// Counts the bytes each thread asks the allocator for, so that a test can
/// show what refusing a file cost: calamine would have asked for gigabytes.
struct CountingAllocator;

thread_local! {
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
}

fn count_allocation(bytes: usize) {
    // Not during the thread's teardown, when the counter may be gone.
    let _ = ALLOCATED.try_with(|allocated| allocated.set(allocated.get() + bytes as u64));
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_allocation(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_allocation(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_allocation(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Reads a file that must be refused; returns the error, how long it took and
/// the bytes allocated on the way (all of them, freed or not).
fn refused_at_cost(path: &Path, limits: &Limits) -> (ReadError, Duration, u64) {
    let before = ALLOCATED.with(Cell::get);
    let start = Instant::now();
    let error = read_err(path, limits);
    let elapsed = start.elapsed();
    (error, elapsed, ALLOCATED.with(Cell::get) - before)
}

/// Reads a file that must be refused, and checks that refusing it was quick
/// and cheap before checking it was refused as `expected`.
fn refused_cheaply(path: &Path, limits: &Limits, expected: ReadError) -> ReadError {
    let (error, elapsed, allocated) = refused_at_cost(path, limits);
    assert!(
        elapsed < QUICK && allocated < CHEAP,
        "{}: refusing took {elapsed:?} and {allocated} bytes",
        path.display()
    );
    assert_eq!(error, expected, "{}", path.display());
    error
}

/// Far more than the guards need, far less than what calamine would take.
const CHEAP: u64 = 16 * 1024 * 1024;
const QUICK: Duration = Duration::from_secs(5);

fn cell(row: u32, col: u32, value: Value) -> (CellRef, Value) {
    (CellRef::new(row, col), value)
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn date(y: i32, m: u32, d: u32) -> Value {
    Value::DateTime(
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
    )
}

// ---------------------------------------------------------------------------
// The form fixture: one sheet with every kind of value, and a hidden sheet.

const FORM_SHEET: &str = "附件3";
const TITLE: &str = "附件3 活动进展情况统计表";

/// Every non-empty cell of the form sheet as read from the xlsx.
fn form_cells() -> Vec<(CellRef, Value)> {
    vec![
        cell(0, 0, text(TITLE)),
        cell(1, 0, text("党建室")),
        cell(1, 1, Value::Number(12.0)),
        cell(1, 2, Value::Number(3.5)),
        cell(1, 3, date(2021, 6, 5)),
        cell(1, 4, Value::Bool(true)),
        cell(1, 5, Value::Number(15.5)),
        cell(1, 6, Value::FormulaWithoutValue("B2*2".to_owned())),
        cell(3, 1, text("合并")),
        // 6.3 typed into a date cell: the number, not 6 January 1900.
        cell(3, 0, Value::Number(6.3)),
    ]
}

/// The form as Excel would leave it, except that G2's formula has no stored
/// result (as some generators write it).
fn form_xlsx(dir: &Path) -> PathBuf {
    let mut book = rust_xlsxwriter::Workbook::new();
    let plain = rust_xlsxwriter::Format::new();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet().set_name(FORM_SHEET).unwrap();
    sheet.merge_range(0, 0, 0, 3, TITLE, &plain).unwrap();
    sheet.write_string(1, 0, "党建室").unwrap();
    sheet.write_number(1, 1, 12).unwrap();
    sheet.write_number(1, 2, 3.5).unwrap();
    let june5 = ExcelDateTime::from_ymd(2021, 6, 5).unwrap();
    sheet
        .write_datetime_with_format(1, 3, &june5, &date_format)
        .unwrap();
    sheet.write_boolean(1, 4, true).unwrap();
    sheet
        .write_formula(1, 5, Formula::new("=B2+C2").set_result("15.5"))
        .unwrap();
    sheet.write_formula(1, 6, "=B2*2").unwrap();
    // White space only: nobody would call it content.
    sheet.write_string(1, 7, "   ").unwrap();
    sheet.merge_range(3, 1, 4, 2, "合并", &plain).unwrap();
    sheet
        .write_number_with_format(3, 0, 6.3, &date_format)
        .unwrap();
    let lists = book.add_worksheet().set_name("lists").unwrap();
    lists.write_string(0, 0, "是").unwrap();
    lists.set_hidden(true);
    let written = dir.join("written.xlsx");
    book.save(&written).unwrap();

    let path = dir.join("附件3.xlsx");
    rewrite_zip(&written, &path, |name, bytes| {
        if name != "xl/worksheets/sheet1.xml" {
            return bytes;
        }
        let xml = String::from_utf8(bytes).unwrap();
        let stored = "<f>B2*2</f><v>0</v>";
        assert!(
            xml.contains(stored),
            "{}: expected G2 to be written as {stored}",
            written.display()
        );
        xml.replace(stored, "<f>B2*2</f>").into_bytes()
    });
    path
}

fn assert_form_sheet(path: &Path, book: &Workbook, expected: &[(CellRef, Value)]) {
    let names: Vec<(&str, bool)> = book
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.visible))
        .collect();
    assert_eq!(
        names,
        [(FORM_SHEET, true), ("lists", false)],
        "{}: expected the visible form sheet, then the hidden list sheet",
        path.display()
    );
    let table = &book.sheets[0].table;
    for (at, want) in expected {
        assert_eq!(
            table.get(at.row, at.col),
            Some(want),
            "{}: expected {want:?} at {at}",
            path.display()
        );
    }
    assert_eq!(
        table.len(),
        expected.len(),
        "{}: expected exactly the cells {expected:?}, got {table:?}",
        path.display()
    );
    assert_eq!(
        book.sheets[1].table.get(0, 0),
        Some(&text("是")),
        "{}: expected 是 at A1 of the hidden sheet",
        path.display()
    );
}

#[test]
fn xlsx_values_come_through_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = form_xlsx(dir.path());
    let book = read_ok(&path);
    assert_eq!(
        book.format,
        Format::Xlsx,
        "{}: expected xlsx",
        path.display()
    );
    assert_form_sheet(&path, &book, &form_cells());
    assert_eq!(
        book.fingerprint,
        None,
        "{}: expected no fingerprint",
        path.display()
    );
}

/// The same form through LibreOffice: same numbers, same dates. LibreOffice
/// recalculates on load, so G2 now holds its result.
fn converted_cells() -> Vec<(CellRef, Value)> {
    let mut cells = form_cells();
    cells[7] = cell(1, 6, Value::Number(24.0));
    cells
}

#[test]
fn xls_from_libreoffice_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let xls = common::soffice_convert(&form_xlsx(dir.path()), "xls", "xls", dir.path());
    let book = read_ok(&xls);
    assert_eq!(book.format, Format::Xls, "{}: expected xls", xls.display());
    assert_form_sheet(&xls, &book, &converted_cells());

    // WPS users rename files; an xls under .et is still an xls.
    let et = dir.path().join("附件3.et");
    std::fs::copy(&xls, &et).unwrap();
    let renamed = read_ok(&et);
    assert_eq!(
        (renamed.format, &renamed.sheets),
        (Format::Xls, &book.sheets),
        "{}: expected the xls read as before",
        et.display()
    );
}

#[test]
fn ods_from_libreoffice_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let ods = common::soffice_convert(&form_xlsx(dir.path()), "ods", "ods", dir.path());
    let book = read_ok(&ods);
    assert_eq!(book.format, Format::Ods, "{}: expected ods", ods.display());
    assert_form_sheet(&ods, &book, &converted_cells());

    // LibreOffice writes out every unused column and row of a sheet as
    // repeated empty cells; they count for nothing. The form reaches H4
    // (H2 holds the white space, which calamine keeps).
    let tight = Limits {
        max_cells: 4 * 8,
        ..Limits::default()
    };
    let book = workbook::read(&ods, &tight).unwrap_or_else(|error| {
        panic!(
            "{}: expected the form read within 32 cells, got {error:?}",
            ods.display()
        )
    });
    assert_form_sheet(&ods, &book, &converted_cells());
}

#[test]
fn an_xlsx_named_xls_is_read_as_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("附件3.xls");
    std::fs::copy(form_xlsx(dir.path()), &path).unwrap();
    let book = read_ok(&path);
    assert_eq!(
        book.format,
        Format::Xlsx,
        "{}: expected xlsx",
        path.display()
    );
    assert_form_sheet(&path, &book, &form_cells());
}

#[test]
fn the_fingerprint_comes_from_custom_properties() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("附件1.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "附件1").unwrap();
    book.set_properties(
        &DocProperties::new()
            .set_custom_property("CampaignName", "2021年“安全生产月”活动")
            .set_custom_property("CampaignReport", "liaison")
            .set_custom_property("CampaignTemplateVersion", 1),
    );
    book.save(&path).unwrap();
    assert_eq!(
        read_ok(&path).fingerprint,
        Some(Fingerprint {
            campaign: "2021年“安全生产月”活动".to_owned(),
            report: "liaison".to_owned(),
            version: Some(1),
        }),
        "{}: expected the fingerprint written into it",
        path.display()
    );
}

// ---------------------------------------------------------------------------
// Size guards

#[test]
fn a_stray_character_in_the_last_cell_is_refused_without_a_dense_grid() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stray.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "填报单位：党建室").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(&path).unwrap();
    let error = read_err(&path, &Limits::default());
    assert_eq!(
        error,
        ReadError::SheetTooLarge {
            sheet: "Sheet1".to_owned(),
            far_cell: CellRef::new(1_048_575, 16_383),
            limit: 2_000_000,
        },
        "{}: expected the sheet refused at its stray cell",
        path.display()
    );
    assert_eq!(
        error.render(Lang::Zh),
        "工作表“Sheet1”的内容延伸到 XFD1048576 单元格，超出可读取的范围（最多 2000000 个单元格，即从 A1 到最远的内容所占的行数乘以列数），请删除多余的行、列或远离表格的内容后重新提交",
        "{}: expected the message to name the sheet and the cell",
        path.display()
    );
}

#[test]
fn formatting_alone_far_out_is_no_content() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("formatted.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "填报单位：党建室").unwrap();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    sheet.write_blank(1_048_575, 16_383, &bold).unwrap();
    book.save(&path).unwrap();
    let book = read_ok(&path);
    assert_eq!(
        book.sheets[0].table.extent(),
        Some(CellRef::new(0, 0)),
        "{}: expected only A1 to count",
        path.display()
    );
}

#[test]
fn a_part_declared_larger_than_the_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xlsx");
    let long = "x".repeat(10_000);
    let sheet_xml = sheet_xml(&format!(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>{long}</t></is></c></row>"#
    ));
    let parts = minimal_xlsx_parts(&sheet_xml, None);
    write_zip(&path, &parts);
    let sheet_len = sheet_xml.len() as u64;
    let total: u64 = parts.iter().map(|(_, bytes)| bytes.len() as u64).sum();

    // Within the default limits the fixture is a good workbook.
    let book = read_ok(&path);
    assert_eq!(
        book.sheets[0].table.get(0, 0),
        Some(&text(&long)),
        "{}: expected the long text at A1",
        path.display()
    );

    let one_part = Limits {
        max_unzipped_bytes: 5_000,
        ..Limits::default()
    };
    assert_eq!(
        read_err(&path, &one_part),
        ReadError::TooLarge {
            part: "xl/worksheets/sheet1.xml".to_owned(),
            bytes: sheet_len,
            limit: 5_000,
        },
        "{}: expected the sheet part refused",
        path.display()
    );
    let all_parts = Limits {
        max_unzipped_bytes: sheet_len,
        ..Limits::default()
    };
    assert_eq!(
        read_err(&path, &all_parts),
        ReadError::TooLarge {
            part: String::new(),
            bytes: total,
            limit: sheet_len,
        },
        "{}: expected the parts together refused",
        path.display()
    );
}

#[test]
fn one_shared_string_in_many_cells_counts_every_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fan-out.xlsx");
    let paragraph = "安".repeat(1000);
    let cells: String = (0..20)
        .map(|col| format!(r#"<c r="{}1" t="s"><v>0</v></c>"#, char::from(b'A' + col)))
        .collect();
    let parts = minimal_xlsx_parts(
        &sheet_xml(&format!(r#"<row r="1">{cells}</row>"#)),
        Some(&format!("<si><t>{paragraph}</t></si>")),
    );
    write_zip(&path, &parts);

    let book = read_ok(&path);
    assert_eq!(
        book.sheets[0].table.get(0, 19),
        Some(&text(&paragraph)),
        "{}: expected the shared string at T1",
        path.display()
    );
    // 3000 bytes per copy: the 14th copy passes 40 000.
    let limits = Limits {
        max_unzipped_bytes: 40_000,
        ..Limits::default()
    };
    assert_eq!(
        read_err(&path, &limits),
        ReadError::TooLarge {
            part: "Sheet1".to_owned(),
            bytes: 42_000,
            limit: 40_000,
        },
        "{}: expected the sheet's text refused",
        path.display()
    );
}

#[test]
fn shared_formulas_without_results_are_spelled_out_whatever_their_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.xlsx");
    // calamine's own formula stream would size a vector by this index.
    let rows = r#"<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="4000000000">B1*2</f></c><c r="B1"><v>3</v></c></row><row r="2"><c r="A2"><f t="shared" si="4000000000"/></c></row>"#;
    write_zip(&path, &minimal_xlsx_parts(&sheet_xml(rows), None));
    let table = &read_ok(&path).sheets[0].table;
    assert_eq!(
        (table.get(0, 0), table.get(1, 0)),
        (
            Some(&Value::FormulaWithoutValue("B1*2".to_owned())),
            Some(&Value::FormulaWithoutValue("B2*2".to_owned()))
        ),
        "{}: expected B1*2 at A1 and B2*2 at A2",
        path.display()
    );
}

#[test]
fn an_xls_reaching_far_out_is_refused_before_calamine_builds_its_grid() {
    let dir = tempfile::tempdir().unwrap();
    // Two numbers: A1, and the last cell the 16-bit coordinates can name.
    // calamine alone would ask for 65536 × 65536 cells.
    let path = dir.path().join("far.xls");
    write_xls(
        &path,
        &[],
        &[number(0, 0, 1.5), number(65_535, 65_535, 2.0)],
    );
    assert_eq!(
        read_err(&path, &Limits::default()),
        ReadError::SheetTooLarge {
            sheet: "数据".to_owned(),
            far_cell: CellRef::new(65_535, 65_535),
            limit: 2_000_000,
        },
        "{}: expected the sheet refused at its far cell",
        path.display()
    );

    // The same builder, within bounds, makes a good xls.
    let near = dir.path().join("near.xls");
    write_xls(&near, &[], &[number(0, 0, 1.5), number(1, 1, 2.0)]);
    let book = read_ok(&near);
    assert_eq!(
        (book.format, book.sheets[0].name.as_str()),
        (Format::Xls, "数据"),
        "{}: expected an xls with the sheet 数据",
        near.display()
    );
    assert_eq!(
        (
            book.sheets[0].table.get(0, 0),
            book.sheets[0].table.get(1, 1)
        ),
        (Some(&Value::Number(1.5)), Some(&Value::Number(2.0))),
        "{}: expected 1.5 at A1 and 2 at B2",
        near.display()
    );
}

#[test]
fn an_xls_shared_string_in_many_cells_counts_every_copy_before_calamine() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fan-out.xls");
    // Two shared strings: 1000 × 安, split over the SST record and a
    // CONTINUE record as Excel splits long tables, then "ok".
    let paragraph = "安".repeat(1000);
    let wide: Vec<u8> = paragraph
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut sst = 21u32.to_le_bytes().to_vec();
    sst.extend(2u32.to_le_bytes());
    sst.extend(1000u16.to_le_bytes());
    sst.push(0x01);
    sst.extend(&wide[..1000]);
    let mut rest = vec![0x01];
    rest.extend(&wide[1000..]);
    rest.extend(2u16.to_le_bytes());
    rest.push(0x00);
    rest.extend(b"ok");
    let mut cells: Vec<Vec<u8>> = (0..20).map(|col| label_sst(0, col, 0)).collect();
    cells.push(label_sst(1, 0, 1));
    write_xls(
        &path,
        &[record(0x00FC, &sst), record(0x003C, &rest)],
        &cells,
    );

    let book = read_ok(&path);
    assert_eq!(
        (
            book.sheets[0].table.get(0, 19),
            book.sheets[0].table.get(1, 0)
        ),
        (Some(&text(&paragraph)), Some(&text("ok"))),
        "{}: expected the long shared string at T1 and ok at A2",
        path.display()
    );
    // 3000 bytes per copy: the 14th copy passes 40 000.
    let limits = Limits {
        max_unzipped_bytes: 40_000,
        ..Limits::default()
    };
    assert_eq!(
        read_err(&path, &limits),
        ReadError::TooLarge {
            part: "数据".to_owned(),
            bytes: 42_000,
            limit: 40_000,
        },
        "{}: expected the sheet's text refused",
        path.display()
    );
}

#[test]
fn an_xls_dimension_record_beyond_biff8_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dimensions.xls");
    // calamine reserves rows × columns cells from this record.
    let mut dimensions = Vec::new();
    dimensions.extend(0u32.to_le_bytes());
    dimensions.extend(0xFFFF_FFF0u32.to_le_bytes());
    dimensions.extend(0u16.to_le_bytes());
    dimensions.extend(10u16.to_le_bytes());
    dimensions.extend(0u16.to_le_bytes());
    write_xls(
        &path,
        &[],
        &[record(0x0200, &dimensions), number(0, 0, 1.0)],
    );
    let error = read_err(&path, &Limits::default());
    assert_eq!(
        error,
        ReadError::Corrupt {
            cause: Corruption::Dimensions {
                sheet: "数据".to_owned()
            }
        },
        "{}: expected Corrupt naming the DIMENSIONS record",
        path.display()
    );
    assert_eq!(
        [error.render(Lang::Zh), error.render(Lang::En)],
        [
            "文件已损坏或不完整，无法读取：工作表“数据”的尺寸记录（DIMENSIONS）超出了 xls 格式的范围，请用 Excel 或 WPS 打开确认后重新保存、重新提交",
            "the file is damaged or incomplete: the size record (DIMENSIONS) of sheet “数据” reaches beyond what the xls format allows; please open it in Excel or WPS, save it again and resubmit",
        ],
        "{}: expected the message to name the sheet and the record",
        path.display()
    );
}

#[test]
fn an_absurd_shared_string_count_is_corrupt_before_calamine_reserves_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = sheet_xml(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    let with_count = |count: &str| {
        let mut parts = minimal_xlsx_parts(&sheet, Some("<si><t>党建室</t></si>"));
        let strings = &mut parts.last_mut().unwrap().1;
        let xml = String::from_utf8(std::mem::take(strings)).unwrap();
        *strings = xml
            .replace("<sst ", &format!(r#"<sst uniqueCount="{count}" "#))
            .into_bytes();
        parts
    };

    // An honest count reads.
    let honest = dir.path().join("honest.xlsx");
    write_zip(&honest, &with_count("1"));
    assert_eq!(
        read_ok(&honest).sheets[0].table.get(0, 0),
        Some(&text("党建室")),
        "{}: expected the shared string at A1",
        honest.display()
    );

    // calamine alone would reserve 10^11 strings (2.4 TB) and abort.
    let path = dir.path().join("count.xlsx");
    let parts = with_count("100000000000");
    let bytes = parts.last().unwrap().1.len() as u64;
    write_zip(&path, &parts);
    let (error, elapsed, allocated) = refused_at_cost(&path, &Limits::default());
    assert_eq!(
        error,
        ReadError::Corrupt {
            cause: Corruption::SharedStringCount {
                part: "xl/sharedStrings.xml".to_owned(),
                count: 100_000_000_000,
                bytes,
                most: bytes / 5,
            }
        },
        "{}: expected Corrupt naming the part and its count",
        path.display()
    );
    assert_eq!(
        [error.render(Lang::Zh), error.render(Lang::En)],
        [
            format!(
                "文件已损坏或不完整，无法读取：共享字符串表（xl/sharedStrings.xml）声明有 100000000000 个字符串，而这一部分解压后只有 {bytes} 字节，最多容纳 {} 个，请用 Excel 或 WPS 打开确认后重新保存、重新提交",
                bytes / 5
            ),
            format!(
                "the file is damaged or incomplete: the shared string table (xl/sharedStrings.xml) declares 100000000000 strings, but the part unpacks to only {bytes} bytes, room for at most {}; please open it in Excel or WPS, save it again and resubmit",
                bytes / 5
            ),
        ],
        "{}: expected the message to give the count and the room",
        path.display()
    );
    assert!(
        elapsed < QUICK && allocated < CHEAP,
        "{}: expected a quick, cheap refusal, took {elapsed:?} and {allocated} bytes",
        path.display()
    );
}

#[test]
fn an_ods_repeating_a_number_far_out_is_refused_before_calamine_expands_it() {
    let dir = tempfile::tempdir().unwrap();
    // The same builder, within bounds, makes a good ods.
    let near = dir.path().join("near.ods");
    let rows = [
        ods_row(1, &ods_number(2, 1.5)),
        ods_row(2, &format!("{}{}", ods_empty(1), ods_number(1, 2.0))),
    ]
    .concat();
    write_ods(&near, &[("数据", rows)]);
    let book = read_ok(&near);
    let table = &book.sheets[0].table;
    assert_eq!(
        (book.format, table.len(), table.get(0, 1), table.get(2, 1)),
        (
            Format::Ods,
            4,
            Some(&Value::Number(1.5)),
            Some(&Value::Number(2.0))
        ),
        "{}: expected 1.5 in A1:B1 and 2 in B2:B3",
        near.display()
    );

    // 20 000 rows, each one number repeated across all 16384 columns:
    // calamine alone would store 327 million cells (some 18 GB) and abort.
    let path = dir.path().join("far.ods");
    write_ods(
        &path,
        &[("数据", ods_row(1, &ods_number(16_384, 1.0)).repeat(20_000))],
    );
    let file_len = std::fs::metadata(&path).unwrap().len();
    assert!(
        file_len < 20_000,
        "expected a small file, got {file_len} bytes"
    );
    let (error, elapsed, allocated) = refused_at_cost(&path, &Limits::default());
    // Row 123 is the first to take 16384 columns past two million cells.
    assert_eq!(
        error,
        ReadError::SheetTooLarge {
            sheet: "数据".to_owned(),
            far_cell: CellRef::new(122, 16_383),
            limit: 2_000_000,
        },
        "{}: expected the sheet refused at XFD123",
        path.display()
    );
    assert!(
        elapsed < QUICK && allocated < CHEAP,
        "{}: expected a quick, cheap refusal, took {elapsed:?} and {allocated} bytes",
        path.display()
    );
}

#[test]
fn ods_text_counts_every_copy_before_calamine_makes_them() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "安".repeat(1000);
    let path = dir.path().join("fan-out.ods");
    let cells = format!(
        r#"<table:table-cell office:value-type="string" table:number-columns-repeated="20"><text:p>{paragraph}</text:p></table:table-cell>"#
    );
    write_ods(&path, &[("数据", ods_row(1, &cells))]);
    let book = read_ok(&path);
    assert_eq!(
        book.sheets[0].table.get(0, 19),
        Some(&text(&paragraph)),
        "{}: expected the paragraph at T1",
        path.display()
    );
    // 3000 bytes per copy, 20 copies.
    let limits = Limits {
        max_unzipped_bytes: 40_000,
        ..Limits::default()
    };
    let error = read_err(&path, &limits);
    assert!(
        matches!(&error, ReadError::TooLarge { part, bytes, limit: 40_000 }
            if part == "数据" && *bytes >= 60_000),
        "{}: expected the sheet's text refused, got {error:?}",
        path.display()
    );

    // One element asking calamine for 300 million spaces.
    let spaces = dir.path().join("spaces.ods");
    let cell = r#"<table:table-cell office:value-type="string"><text:p>x<text:s text:c="300000000"/></text:p></table:table-cell>"#;
    write_ods(&spaces, &[("数据", ods_row(1, cell))]);
    let (error, elapsed, allocated) = refused_at_cost(&spaces, &Limits::default());
    assert!(
        matches!(&error, ReadError::TooLarge { part, bytes, .. }
            if part == "数据" && *bytes >= 300_000_000),
        "{}: expected the sheet's text refused, got {error:?}",
        spaces.display()
    );
    assert!(
        elapsed < QUICK && allocated < CHEAP,
        "{}: expected a quick, cheap refusal, took {elapsed:?} and {allocated} bytes",
        spaces.display()
    );
}

#[test]
fn ods_sheets_together_are_held_to_a_bound() {
    let dir = tempfile::tempdir().unwrap();
    // Each sheet spans A1:ALL1000, a million cells, well within one sheet's
    // limit; calamine holds every one of them densely at once.
    let sheet = [
        ods_row(1, &ods_number(1, 1.0)),
        ods_row(998, &ods_empty(1)),
        ods_row(1, &format!("{}{}", ods_empty(999), ods_number(1, 2.0))),
    ]
    .concat();
    let names = ["一", "二", "三", "四", "五", "六", "七", "八"];
    let path = dir.path().join("sheets.ods");
    let tables: Vec<(&str, String)> = names.iter().map(|name| (*name, sheet.clone())).collect();
    write_ods(&path, &tables);
    let error = read_err(&path, &Limits::default());
    let ReadError::WorkbookTooLarge { cells, limit } = error else {
        panic!(
            "{}: expected WorkbookTooLarge, got {error:?}",
            path.display()
        );
    };
    assert!(
        cells % 1_000_000 == 0 && cells > limit && cells - 1_000_000 <= limit,
        "{}: expected the first sheet past the bound to be refused, got {cells} > {limit}",
        path.display()
    );
    assert_eq!(
        error.render(Lang::Zh),
        format!(
            "工作簿的各工作表合计有 {cells} 个单元格（每张表从 A1 算到最远的内容），超过可读取的上限（{limit} 个），请删除多余的工作表或远离表格的内容后重新提交"
        ),
        "{}: expected the message to give both counts",
        path.display()
    );

    // Two of them are a good workbook.
    let two = dir.path().join("two.ods");
    write_ods(&two, &tables[..2]);
    let book = read_ok(&two);
    assert_eq!(
        book.sheets[1].table.get(999, 999),
        Some(&Value::Number(2.0)),
        "{}: expected 2 at ALL1000 of the second sheet",
        two.display()
    );
}

#[test]
fn an_ods_cut_off_inside_a_sheet_is_corrupt_before_calamine_waits_for_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let whole = ods_content(&[("数据", ods_row(1, &ods_number(1, 1.0)))]);
    let cut = &whole[..whole.find("</table:table>").unwrap()];
    let path = dir.path().join("cut.ods");
    write_ods_content(&path, cut);
    // calamine alone reads the end of the part over and over, for ever.
    let (error, elapsed, _) = refused_at_cost(&path, &Limits::default());
    assert_eq!(
        error,
        ReadError::Corrupt {
            cause: Corruption::SheetUnended {
                part: "content.xml".to_owned(),
                sheet: "数据".to_owned()
            }
        },
        "{}: expected the sheet without end refused",
        path.display()
    );
    assert_eq!(
        [error.render(Lang::Zh), error.render(Lang::En)],
        [
            "文件已损坏或不完整，无法读取：content.xml 在工作表“数据”中途结束，请用 Excel 或 WPS 打开确认后重新保存、重新提交",
            "the file is damaged or incomplete: content.xml ends in the middle of sheet “数据”; please open it in Excel or WPS, save it again and resubmit",
        ],
        "{}: expected the message to name the part and the sheet",
        path.display()
    );
    assert!(
        elapsed < QUICK,
        "{}: expected a quick refusal, took {elapsed:?}",
        path.display()
    );
}

#[test]
fn an_ods_with_a_doctype_reads_as_calamine_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let content = ods_content(&[("数据", ods_row(1, &ods_number(2, 1.5)))]).replacen(
        "?>",
        r#"?><!DOCTYPE office:document-content [<!ENTITY note "a > b">]>"#,
        1,
    );
    let path = dir.path().join("doctype.ods");
    write_ods_content(&path, &content);
    let table = &read_ok(&path).sheets[0].table;
    assert_eq!(
        (table.len(), table.get(0, 1)),
        (2, Some(&Value::Number(1.5))),
        "{}: expected 1.5 in A1:B1",
        path.display()
    );
}

// ---------------------------------------------------------------------------
// What people send instead

#[test]
fn a_password_protected_xlsx_is_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("附件1.xlsx");
    write_ole(
        &path,
        &[
            ("EncryptionInfo", b"\x04\x00\x04\x00".as_slice()),
            ("EncryptedPackage", &[7; 600]),
        ],
    );
    let error = read_err(&path, &Limits::default());
    assert_eq!(
        error,
        ReadError::Encrypted,
        "{}: expected Encrypted",
        path.display()
    );
    assert_eq!(
        error.render(Lang::Zh),
        "文件设置了打开密码，无法读取，请取消密码后重新提交",
        "{}: expected the Encrypted message",
        path.display()
    );
}

#[test]
fn an_xls_with_filepass_is_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("附件2.xls");
    let filepass = record(0x002F, &[1, 0, 1, 0, 1, 0]);
    write_xls(&path, &[filepass], &[number(0, 0, 1.0)]);
    assert_eq!(
        read_err(&path, &Limits::default()),
        ReadError::Encrypted,
        "{}: expected Encrypted",
        path.display()
    );
}

#[test]
fn wps_et_that_is_no_readable_workbook_asks_for_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let native = dir.path().join("附件3.et");
    write_ole(&native, &[("WpsContent", &[1; 700])]);
    let error = read_err(&native, &Limits::default());
    assert_eq!(
        error,
        ReadError::WpsEt,
        "{}: expected WpsEt",
        native.display()
    );
    assert_eq!(
        error.render(Lang::Zh),
        "这是 WPS 表格专用格式（.et），无法读取，请在 WPS 中“另存为”Excel 工作簿（.xlsx）后重新提交",
        "{}: expected the WpsEt message",
        native.display()
    );

    // A workbook stream that cannot be parsed: WpsEt under .et, Corrupt otherwise.
    let garbage = [("Workbook", [0x55u8; 5000].as_slice())];
    let et = dir.path().join("garbage.et");
    write_ole(&et, &garbage);
    assert_eq!(
        read_err(&et, &Limits::default()),
        ReadError::WpsEt,
        "{}: expected WpsEt",
        et.display()
    );
    let xls = dir.path().join("garbage.xls");
    write_ole(&xls, &garbage);
    let error = read_err(&xls, &Limits::default());
    assert_eq!(
        error,
        ReadError::Corrupt {
            cause: Corruption::TruncatedRecord
        },
        "{}: expected the cut-off record refused",
        xls.display()
    );
    assert_eq!(
        [error.render(Lang::Zh), error.render(Lang::En)],
        [
            "文件已损坏或不完整，无法读取：xls 记录被截断，文件不完整，请用 Excel 或 WPS 打开确认后重新保存、重新提交",
            "the file is damaged or incomplete: an xls record is cut off, so the file is incomplete; please open it in Excel or WPS, save it again and resubmit",
        ],
        "{}: expected the Corrupt message",
        xls.display()
    );
}

#[test]
fn a_word_file_is_not_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("方案.xls");
    write_ole(&doc, &[("WordDocument", &[0; 700])]);
    assert_eq!(
        read_err(&doc, &Limits::default()),
        ReadError::NotASpreadsheet {
            found: "Word 文档 (.doc)"
        },
        "{}: expected a Word .doc",
        doc.display()
    );
    let docx = dir.path().join("方案.xlsx");
    write_zip(
        &docx,
        &[
            ("[Content_Types].xml".to_owned(), b"<Types/>".to_vec()),
            ("word/document.xml".to_owned(), b"<w:document/>".to_vec()),
        ],
    );
    assert_eq!(
        read_err(&docx, &Limits::default()),
        ReadError::NotASpreadsheet {
            found: "Word 文档 (.docx)"
        },
        "{}: expected a Word .docx",
        docx.display()
    );
}

#[test]
fn a_truncated_xlsx_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(form_xlsx(dir.path())).unwrap();
    let path = dir.path().join("half.xlsx");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let error = read_err(&path, &Limits::default());
    let ReadError::Corrupt {
        cause: Corruption::ZipDirectory { library },
    } = &error
    else {
        panic!(
            "{}: expected the zip directory unreadable, got {error:?}",
            path.display()
        );
    };
    // The zip crate's own words, as technical detail only.
    assert_eq!(
        [error.render(Lang::Zh), error.render(Lang::En)],
        [
            format!(
                "文件已损坏或不完整，无法读取：zip 文件目录无法读取，文件可能只保存或上传了一部分（技术细节：{library}），请用 Excel 或 WPS 打开确认后重新保存、重新提交"
            ),
            format!(
                "the file is damaged or incomplete: the directory of the zip package cannot be read, perhaps because only part of the file was saved or uploaded (technical detail: {library}); please open it in Excel or WPS, save it again and resubmit"
            ),
        ],
        "{}: expected the Corrupt message with the zip crate's detail",
        path.display()
    );
}

#[test]
fn an_empty_file_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("附件1.xlsx");
    std::fs::write(&path, b"").unwrap();
    assert_eq!(
        read_err(&path, &Limits::default()),
        ReadError::EmptyFile,
        "{}: expected EmptyFile",
        path.display()
    );
}

#[test]
fn other_files_say_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "附件1.xlsx",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n",
            "PDF 文件",
        ),
        (
            "照片.xlsx",
            b"\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR",
            "图片",
        ),
        (
            "导出.xls",
            "<html><body><table><tr><td>党建室</td></tr></table></body></html>".as_bytes(),
            "网页文件 (HTML)",
        ),
        (
            "名单.xls",
            "序号,单位名称\n1,党建室\n".as_bytes(),
            "CSV 文本文件",
        ),
        (
            "说明.xls",
            "请各单位于6月3日前报送。\n".as_bytes(),
            "文本文件",
        ),
    ];
    for (name, bytes, found) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(
            read_err(&path, &Limits::default()),
            ReadError::NotASpreadsheet { found },
            "{}: expected NotASpreadsheet({found})",
            path.display()
        );
    }
}

#[test]
fn a_workbook_with_nothing_visible_to_read_has_no_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet();
    book.save(&empty).unwrap();
    assert_eq!(
        read_err(&empty, &Limits::default()),
        ReadError::NoSheets,
        "{}: expected NoSheets",
        empty.display()
    );

    let hidden_only = dir.path().join("hidden.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet();
    let lists = book.add_worksheet();
    lists.write_string(0, 0, "是").unwrap();
    lists.set_hidden(true);
    book.save(&hidden_only).unwrap();
    assert_eq!(
        read_err(&hidden_only, &Limits::default()),
        ReadError::NoSheets,
        "{}: expected NoSheets",
        hidden_only.display()
    );
}

// ---------------------------------------------------------------------------
// xlsb: Excel's binary workbook

/// issues.xlsb from calamine's tests, saved by Excel: see
/// tests/fixtures/calamine/README.md for where it comes from.
fn excel_xlsb() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/calamine/issues.xlsb")
}

/// Every cell of a table, row by row, named as Excel names it.
fn named_cells(table: &Table) -> Vec<(String, Value)> {
    table
        .rows()
        .flat_map(|(row, cells)| {
            cells
                .iter()
                .map(move |(col, value)| (CellRef::new(row, *col).to_string(), value.clone()))
        })
        .collect()
}

/// A sheet as read: its name, whether it is visible, its cells by [`named_cells`].
type SheetRead<'a> = (&'a str, bool, Vec<(String, Value)>);

fn sheets_read(book: &Workbook) -> Vec<SheetRead<'_>> {
    book.sheets
        .iter()
        .map(|sheet| {
            (
                sheet.name.as_str(),
                sheet.visible,
                named_cells(&sheet.table),
            )
        })
        .collect()
}

fn named(cells: &[(&str, Value)]) -> Vec<(String, Value)> {
    cells
        .iter()
        .map(|(at, value)| ((*at).to_owned(), value.clone()))
        .collect()
}

#[test]
fn an_xlsb_saved_by_excel_reads_cell_for_cell() {
    let path = excel_xlsb();
    let book = read_ok(&path);
    assert_eq!(
        book.format,
        Format::Xlsb,
        "{}: expected xlsb",
        path.display()
    );
    assert_eq!(
        book.fingerprint,
        None,
        "{}: expected no fingerprint",
        path.display()
    );
    let n = Value::Number;
    let expected = [
        (
            "datatypes",
            named(&[
                ("A1", n(1.0)),
                ("A2", n(1.5)),
                ("A3", text("ab")),
                ("A4", Value::Bool(false)),
                ("A5", text("test")),
                ("A6", date(2016, 10, 20)),
            ]),
        ),
        (
            "issue2",
            named(&[
                ("A1", n(1.0)),
                ("B1", text("a")),
                ("A2", n(2.0)),
                ("B2", text("b")),
                ("A3", n(3.0)),
                ("B3", text("c")),
            ]),
        ),
        // A2 holds the formula B1+OneRange: its stored result.
        ("Sheet1", named(&[("A2", n(0.0))])),
        ("issue5", named(&[("A1", n(0.5))])),
        (
            "issue6",
            named(&[
                ("A1", n(1.0)),
                ("A2", n(2.0)),
                ("A3", text("ab")),
                ("A4", Value::Bool(false)),
            ]),
        ),
        (
            "spc_chrs",
            named(&[
                ("A1", text("&")),
                ("A2", text("<")),
                ("A3", text(">")),
                ("A4", text("aaa ' aaa")),
                ("A5", text("\"")),
                ("A6", text("☺")),
                ("A7", text("֍")),
                ("A8", text("àâéêèçöïî«»")),
            ]),
        ),
    ];
    let expected: Vec<SheetRead> = expected
        .into_iter()
        .map(|(name, cells)| (name, true, cells))
        .collect();
    assert_eq!(
        sheets_read(&book),
        expected,
        "{}: expected every sheet, cell for cell",
        path.display()
    );
}

#[test]
fn an_xlsb_reads_its_sheets_cells_and_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("附件3.xlsb");
    let form = xlsb::Sheet::from_rows(
        FORM_SHEET,
        &[
            vec![common::s(TITLE)],
            vec![
                common::s("党建室"),
                common::n(12.0),
                common::n(3.5),
                C::B(true),
                C::F("B2+C2".to_owned(), 15.5),
                C::Blank,
                common::s("   "),
            ],
        ],
    );
    let lists = xlsb::Sheet {
        name: "lists",
        hidden: true,
        cells: vec![(0, 0, common::s("是"))],
    };
    let custom = [
        ("CampaignName", "2021年“安全生产月”活动"),
        ("CampaignReport", "progress"),
        ("CampaignTemplateVersion", "1"),
    ];
    std::fs::write(&path, xlsb::xlsb(&[form, lists], &custom)).unwrap();
    let book = read_ok(&path);
    assert_eq!(
        book.format,
        Format::Xlsb,
        "{}: expected xlsb",
        path.display()
    );
    assert_eq!(
        sheets_read(&book),
        [
            (
                FORM_SHEET,
                true,
                named(&[
                    ("A1", text(TITLE)),
                    ("A2", text("党建室")),
                    ("B2", Value::Number(12.0)),
                    ("C2", Value::Number(3.5)),
                    ("D2", Value::Bool(true)),
                    ("E2", Value::Number(15.5)),
                ])
            ),
            ("lists", false, named(&[("A1", text("是"))])),
        ],
        "{}: expected the form's cells (white space is no content) and the hidden list",
        path.display()
    );
    assert_eq!(
        book.fingerprint,
        Some(Fingerprint {
            campaign: "2021年“安全生产月”活动".to_owned(),
            report: "progress".to_owned(),
            version: Some(1),
        }),
        "{}: expected the fingerprint from its custom properties",
        path.display()
    );
}

#[test]
fn an_xlsb_with_a_stray_character_in_the_last_cell_is_refused_cheaply() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stray.xlsb");
    // The sheet also declares it spans A1:XFD1048576; nothing is sized by that.
    let sheet = xlsb::Sheet::new(
        "附件3",
        vec![
            (0, 0, common::s("填报单位：党建室")),
            (1_048_575, 16_383, common::s("x")),
        ],
    );
    std::fs::write(&path, xlsb::xlsb(&[sheet], &[])).unwrap();
    refused_cheaply(
        &path,
        &Limits::default(),
        ReadError::SheetTooLarge {
            sheet: "附件3".to_owned(),
            far_cell: CellRef::new(1_048_575, 16_383),
            limit: 2_000_000,
        },
    );
}

#[test]
fn an_xlsb_record_longer_than_its_part_is_corrupt_before_calamine_sizes_a_buffer_by_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lying.xlsb");
    let sheet = xlsb::Sheet::new("附件3", vec![(0, 0, common::s("填报单位：党建室"))]);
    // A row header declaring 2^28 − 1 bytes, of which twelve follow.
    let mut part = vec![0x00, 0xFF, 0xFF, 0xFF, 0x7F];
    part.extend([0; 12]);
    part.extend(xlsb::sheet_part(&sheet.cells));
    let worksheets = vec![("xl/worksheets/sheet1.bin".to_owned(), part)];
    std::fs::write(&path, xlsb::package(&[sheet], worksheets, &[])).unwrap();
    let error = refused_cheaply(
        &path,
        &Limits::default(),
        ReadError::Corrupt {
            cause: Corruption::RecordCutOff {
                part: "xl/worksheets/sheet1.bin".to_owned(),
            },
        },
    );
    assert_eq!(
        [error.render(Lang::Zh), error.render(Lang::En)],
        [
            "文件已损坏或不完整，无法读取：xl/worksheets/sheet1.bin 中有一条记录比这一部分剩下的内容还长，文件不完整，请用 Excel 或 WPS 打开确认后重新保存、重新提交",
            "the file is damaged or incomplete: a record in xl/worksheets/sheet1.bin is longer than what is left of the part, so the file is incomplete; please open it in Excel or WPS, save it again and resubmit",
        ],
        "{}: expected the message to name the part",
        path.display()
    );
}

#[test]
fn an_xlsb_cell_naming_a_shared_string_that_is_not_there_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("附件3.xlsb");
    // An empty sheet, with row 1 and a cell naming shared string 5 (the
    // package has none) put before its last two records, which end it.
    let mut part = xlsb::sheet_part(&[]);
    let end = part.split_off(part.len() - 6);
    let mut row = vec![0; 8];
    row.extend([0x2C, 0x01, 0, 0, 0, 0, 0, 0, 0]);
    part.extend(xlsb::record(0x0000, &row));
    part.extend(xlsb::record(0x0007, &[0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0]));
    part.extend(end);
    let sheet = xlsb::Sheet::new("附件3", Vec::new());
    let worksheets = vec![("xl/worksheets/sheet1.bin".to_owned(), part)];
    std::fs::write(&path, xlsb::package(&[sheet], worksheets, &[])).unwrap();
    // calamine indexes its shared strings by the number without looking.
    assert_eq!(
        read_err(&path, &Limits::default()),
        ReadError::Corrupt {
            cause: Corruption::Malformed
        },
        "{}: expected the panic inside calamine caught",
        path.display()
    );
}

#[test]
fn an_xlsb_part_declared_larger_than_the_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xlsb");
    let sheet = xlsb::Sheet::new("附件3", vec![(0, 0, common::s(&"x".repeat(10_000)))]);
    let sheet_len = xlsb::sheet_part(&sheet.cells).len() as u64;
    std::fs::write(&path, xlsb::xlsb(&[sheet], &[])).unwrap();
    let limits = Limits {
        max_unzipped_bytes: 5_000,
        ..Limits::default()
    };
    assert_eq!(
        read_err(&path, &limits),
        ReadError::TooLarge {
            part: "xl/worksheets/sheet1.bin".to_owned(),
            bytes: sheet_len,
            limit: 5_000,
        },
        "{}: expected the sheet part refused",
        path.display()
    );
}

// ---------------------------------------------------------------------------
// A workbook part elsewhere than xl/workbook.xml

#[test]
fn an_xlsx_whose_workbook_part_lies_elsewhere_is_read_where_its_relationships_say() {
    let dir = tempfile::tempdir().unwrap();
    let form = std::fs::read(form_xlsx(dir.path())).unwrap();
    // Where the workbook part goes, the parts moved there, what the package is.
    type Layout<'a> = (&'a str, &'a [(&'a str, &'a str)], Format);
    let layouts: [Layout; 2] = [
        // Renamed in its folder.
        (
            "xl/main.xml",
            &[
                ("xl/workbook.xml", "xl/main.xml"),
                ("xl/_rels/workbook.xml.rels", "xl/_rels/main.xml.rels"),
            ],
            Format::Xlsx,
        ),
        // Its whole folder moved, macros beside it.
        ("book/workbook.xml", &[("xl/", "book/")], Format::Xlsm),
    ];
    for (workbook, moves, format) in layouts {
        let mut parts = common::package::parts(&common::package::move_parts(&form, moves));
        if format == Format::Xlsm {
            parts.push(("book/vbaProject.bin".to_owned(), vec![0; 64]));
        }
        let names: Vec<&str> = parts.iter().map(|(name, _)| name.as_str()).collect();
        assert!(
            names.contains(&workbook) && !names.contains(&"xl/workbook.xml"),
            "expected the workbook part at {workbook} only: {names:?}"
        );
        let path = dir
            .path()
            .join(format!("{}.xlsx", workbook.replace('/', "-")));
        write_zip(&path, &parts);
        let book = read_ok(&path);
        assert_eq!(
            book.format,
            format,
            "{}: expected {format:?}",
            path.display()
        );
        assert_form_sheet(&path, &book, &form_cells());
    }
}

#[test]
fn a_workbook_part_its_relationships_name_but_the_package_lacks_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let form = std::fs::read(form_xlsx(dir.path())).unwrap();
    let parts: Vec<(String, Vec<u8>)> =
        common::package::parts(&common::package::move_parts(&form, &[("xl/", "book/")]))
            .into_iter()
            .filter(|(name, _)| name != "book/workbook.xml")
            .collect();
    let path = dir.path().join("附件3.xlsx");
    write_zip(&path, &parts);
    let error = read_err(&path, &Limits::default());
    assert_eq!(
        error,
        ReadError::Corrupt {
            cause: Corruption::NoWorkbookPart {
                part: "book/workbook.xml".to_owned()
            }
        },
        "{}: expected the missing part named",
        path.display()
    );
    assert_eq!(
        [error.render(Lang::Zh), error.render(Lang::En)],
        [
            "文件已损坏或不完整，无法读取：Office 文件中缺少工作簿部分（book/workbook.xml），请用 Excel 或 WPS 打开确认后重新保存、重新提交",
            "the file is damaged or incomplete: the Office file lacks its workbook part (book/workbook.xml); please open it in Excel or WPS, save it again and resubmit",
        ],
        "{}: expected the message to name the part",
        path.display()
    );
}

// ---------------------------------------------------------------------------
// Fixture builders

const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// An .ods as LibreOffice lays it out (mimetype first and stored), holding
/// the given tables: (name, the XML of its rows).
fn write_ods(path: &Path, tables: &[(&str, String)]) {
    write_ods_content(path, &ods_content(tables));
}

/// The content.xml of an .ods holding the given tables.
fn ods_content(tables: &[(&str, String)]) -> String {
    let body: String = tables
        .iter()
        .map(|(name, rows)| format!(r#"<table:table table:name="{name}">{rows}</table:table>"#))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
    )
}

/// An .ods whose content.xml is `content`, as it is.
fn write_ods_content(path: &Path, content: &str) {
    let manifest = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(ODS_MIMETYPE.as_bytes()).unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

/// One row of an ods table, `repeats` times.
fn ods_row(repeats: u32, cells: &str) -> String {
    format!(r#"<table:table-row table:number-rows-repeated="{repeats}">{cells}</table:table-row>"#)
}

/// A number cell, `repeats` times.
fn ods_number(repeats: u32, value: f64) -> String {
    format!(
        r#"<table:table-cell office:value-type="float" office:value="{value}" table:number-columns-repeated="{repeats}"/>"#
    )
}

/// An empty cell, `repeats` times.
fn ods_empty(repeats: u32) -> String {
    format!(r#"<table:table-cell table:number-columns-repeated="{repeats}"/>"#)
}

fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut bytes = kind.to_le_bytes().to_vec();
    bytes.extend(u16::try_from(data.len()).unwrap().to_le_bytes());
    bytes.extend(data);
    bytes
}

fn number(row: u16, col: u16, value: f64) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(col.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend(value.to_le_bytes());
    record(0x0203, &data)
}

fn label_sst(row: u16, col: u16, index: u32) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(col.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend(index.to_le_bytes());
    record(0x00FD, &data)
}

/// A BIFF8 workbook of one sheet named 数据: `globals` go before the sheet
/// list, `cells` into the sheet.
fn write_xls(path: &Path, globals: &[Vec<u8>], cells: &[Vec<u8>]) {
    let bof = |kind: u16| {
        let mut data = 0x0600u16.to_le_bytes().to_vec();
        data.extend(kind.to_le_bytes());
        data.extend([0; 12]);
        record(0x0809, &data)
    };
    let eof = record(0x000A, &[]);
    let name: Vec<u8> = "数据".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let bound_sheet = |position: u32| {
        let mut data = position.to_le_bytes().to_vec();
        data.extend([0, 0, 2, 1]);
        data.extend(&name);
        record(0x0085, &data)
    };
    let mut stream = bof(0x0005);
    for global in globals {
        stream.extend(global);
    }
    let sheet_at = stream.len() + bound_sheet(0).len() + eof.len();
    stream.extend(bound_sheet(u32::try_from(sheet_at).unwrap()));
    stream.extend(&eof);
    stream.extend(bof(0x0010));
    for cell in cells {
        stream.extend(cell);
    }
    stream.extend(&eof);
    // Past the 4096 bytes below which OLE keeps a stream in its mini stream.
    stream.extend(record(0x0000, &[]).repeat(1100));
    write_ole(path, &[("Workbook", &stream)]);
}
