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

/// A 附件3 made from our own form, filled as a unit would (the unit chosen in
/// the 填报单位 dropdown cell, numbers typed into the input cells).
fn filled_progress_form(dir: &std::path::Path) -> std::path::PathBuf {
    let campaign = common::default_campaign();
    let report = campaign.report("progress").unwrap();
    let (mut workbook, layout) =
        template::build(&campaign, report, report.table().unwrap()).unwrap();
    let sheet = workbook.worksheet_from_index(0).unwrap();
    sheet
        .write_string(layout.metadata_row, 1, "区燃气管理服务中心")
        .unwrap();
    for i in 0..10u32 {
        for col in 2..8u16 {
            let value = if col == 7 {
                10 * i + 5
            } else {
                10 * i + u32::from(col)
            };
            sheet
                .write_number(layout.first_data_row + i, col, f64::from(value))
                .unwrap();
        }
    }
    sheet
        .write_string(layout.first_data_row + 2, 8, "联合街道开展")
        .unwrap();
    let path = dir.join("附件3.xlsx");
    workbook.save(&path).unwrap();
    path
}

#[test]
fn a_form_resaved_by_libreoffice_as_xlsx_xls_and_ods_reads_to_the_same_values() {
    let sc = common::Scenario::new();
    let made = tempfile::tempdir().unwrap();
    let original = filled_progress_form(made.path());
    let unit_dir = sc.path("submissions/燃气中心");
    std::fs::create_dir_all(&unit_dir).unwrap();

    let mut reads = Vec::new();
    for (format, ext) in [
        ("xlsx:Calc MS Excel 2007 XML", "xlsx"),
        ("xls:MS Excel 97", "xls"),
        ("ods", "ods"),
    ] {
        let out = tempfile::tempdir().unwrap();
        let converted = common::soffice_convert(&original, format, ext, out.path());
        let rel = format!("submissions/燃气中心/附件3.{ext}");
        std::fs::copy(&converted, sc.path(&rel)).unwrap();
        let file = sc.read(&rel);
        assert!(file.problems.is_empty(), "{rel}: {:?}", file.problems);
        assert_eq!(
            file.unit.as_ref().unwrap().unit,
            "区燃气管理服务中心",
            "{rel}"
        );
        let campaign::read::Content::Forms(forms) = &file.content else {
            panic!("{rel}: {:?}", file.content)
        };
        assert_eq!(forms.len(), 1, "{rel}");
        reads.push((rel, forms[0].clone()));
    }
    let (_, first) = &reads[0];
    assert_eq!(first.data.rows.len(), 10);
    assert_eq!(
        first.data.rows[2].values[2],
        Some(campaign::read::value::Parsed::Count(22))
    );
    assert_eq!(
        first.data.rows[9].values[7],
        Some(campaign::read::value::Parsed::Count(95))
    );
    assert_eq!(
        first.data.rows[2].values[8],
        Some(campaign::read::value::Parsed::Text("联合街道开展".into()))
    );
    for (rel, form) in &reads[1..] {
        assert_eq!(
            form.data.rows, first.data.rows,
            "{rel} reads differently from the xlsx"
        );
        assert_eq!(form.header_row, first.header_row, "{rel}");
        assert_eq!(
            form.metadata.unit.as_ref().map(|u| &u.0),
            Some(&"区燃气管理服务中心".to_owned()),
            "{rel}"
        );
    }
}
