//! The forms as another program sees them: LibreOffice opens each one, prints
//! it to PDF, and recalculates the 合计 row of a filled 附件3.

mod common;

use campaign::template;

#[test]
fn libreoffice_prints_every_form() {
    let campaign = common::default_campaign();
    let dir = tempfile::tempdir().unwrap();
    for path in template::write_all(&campaign, dir.path()).unwrap() {
        let pdf = common::soffice_convert(&path, "pdf", "pdf", dir.path());
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(
            bytes.starts_with(b"%PDF-"),
            "{} is not a PDF",
            pdf.display()
        );
        assert!(
            bytes.len() > 10_000,
            "{} is suspiciously small",
            pdf.display()
        );
    }
}

#[test]
fn libreoffice_recalculates_the_total_row_of_a_filled_progress_form() {
    let campaign = common::default_campaign();
    let report = campaign.report("progress").unwrap();
    let (mut workbook, layout) =
        template::build(&campaign, report, report.table().unwrap()).unwrap();
    let sheet = workbook.worksheet_from_index(0).unwrap();
    // Columns C..H hold the six counts; item i, metric m gets 10·i + m.
    for i in 0..10u32 {
        for col in 2..8u16 {
            sheet
                .write_number(
                    layout.first_data_row + i,
                    col,
                    f64::from(10 * i + u32::from(col)),
                )
                .unwrap();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let filled = dir.path().join("filled.xlsx");
    workbook.save(&filled).unwrap();

    let csv = common::soffice_convert(
        &filled,
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        "csv",
        dir.path(),
    );
    let text = std::fs::read_to_string(csv).unwrap();
    let total = text
        .lines()
        .find(|line| line.starts_with("\"合计\""))
        .expect("a 合计 row");
    // Σ (10·i + c) over i = 0..9 is 450 + 10·c, for c = 2..7.
    assert_eq!(total, "\"合计\",,470,480,490,500,510,520,");
}
