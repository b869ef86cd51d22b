//! The blank forms: content read back with calamine, layout checked in the
//! OOXML itself, determinism, and the committed templates being current.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Reader, SheetVisible, Xlsx, open_workbook};
use campaign::definition::Campaign;
use campaign::template;
use common::{cell_text, part, row_texts, text};

fn write_forms(campaign: &Campaign) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let written = template::write_all(campaign, dir.path()).unwrap();
    (dir, written)
}

#[test]
fn one_form_per_table_report_named_after_its_title() {
    let campaign = common::default_campaign();
    let (dir, written) = write_forms(&campaign);
    let names: Vec<PathBuf> = written
        .iter()
        .map(|p| p.strip_prefix(dir.path()).unwrap().to_owned())
        .collect();
    assert_eq!(
        names,
        vec![
            PathBuf::from("templates/附件1-联络员表.xlsx"),
            PathBuf::from("templates/附件2-重点活动计划安排表.xlsx"),
            PathBuf::from("templates/附件3-活动进展情况统计表.xlsx"),
        ]
    );
}

#[test]
fn forms_are_byte_identical_across_runs() {
    let campaign = common::default_campaign();
    let (_a, first) = write_forms(&campaign);
    let (_b, second) = write_forms(&campaign);
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(
            std::fs::read(a).unwrap(),
            std::fs::read(b).unwrap(),
            "{} differs",
            a.display()
        );
    }
}

#[test]
fn committed_templates_match_the_definition() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let campaign = Campaign::load(&root.join("campaign.toml")).unwrap();
    let (dir, written) = write_forms(&campaign);
    for fresh in written {
        let committed = root.join(fresh.strip_prefix(dir.path()).unwrap());
        assert!(
            std::fs::read(&committed).ok() == Some(std::fs::read(&fresh).unwrap()),
            "{} is out of date: run `campaign templates` and commit",
            committed.display()
        );
    }
}

#[test]
fn every_form_has_title_metadata_and_exactly_the_schema_header() {
    let campaign = common::default_campaign();
    let (_dir, written) = write_forms(&campaign);
    for ((report, spec), path) in campaign.tables().zip(&written) {
        let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
        let sheets: Vec<(String, SheetVisible)> = workbook
            .sheets_metadata()
            .iter()
            .map(|s| (s.name.clone(), s.visible))
            .collect();
        let form_sheet = template::sheet_name(report);
        assert_eq!(
            sheets,
            vec![
                (form_sheet.clone(), SheetVisible::Visible),
                ("填表说明".to_owned(), SheetVisible::Visible),
                ("选项".to_owned(), SheetVisible::Hidden),
            ]
        );
        let range = workbook.worksheet_range(&form_sheet).unwrap();
        assert_eq!(range.start(), Some((0, 0)));
        assert_eq!(text(&range, "A1"), report.heading);

        let metadata: Vec<String> = row_texts(&range, 2)
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(
            metadata,
            ["填报单位：", "填报人：", "联系电话：", "填报日期："],
            "{}",
            report.id
        );

        let expected: Vec<String> = spec.columns.iter().map(|c| c.header()).collect();
        let header = row_texts(&range, 3);
        assert_eq!(header[..expected.len()], expected[..]);
        assert_eq!(header.get(expected.len()).map_or("", String::as_str), "");
    }
}

#[test]
fn form_sheet_names_and_headers_per_report() {
    let campaign = common::default_campaign();
    let headers = |id: &str| -> Vec<String> {
        campaign
            .report(id)
            .unwrap()
            .table()
            .unwrap()
            .columns
            .iter()
            .map(|c| c.header())
            .collect()
    };
    assert_eq!(headers("liaison"), common::LIAISON_HEADER);
    assert_eq!(headers("plan"), common::PLAN_HEADER);
    assert_eq!(
        template::sheet_name(campaign.report("plan").unwrap()),
        "附件2"
    );
}

#[test]
fn progress_form_lists_the_ten_items_and_sums_them() {
    let campaign = common::default_campaign();
    let (_dir, written) = write_forms(&campaign);
    let path = &written[2];
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let range = workbook.worksheet_range("附件3").unwrap();
    let items: Vec<Vec<String>> = (4..=13)
        .map(|row| row_texts(&range, row)[..2].to_vec())
        .collect();
    let expected: Vec<Vec<String>> = common::ITEMS
        .iter()
        .enumerate()
        .map(|(i, name)| vec![(i + 1).to_string(), name.to_string()])
        .collect();
    assert_eq!(items, expected);
    assert_eq!(text(&range, "A14"), "合计");

    let formulas = workbook.worksheet_formula("附件3").unwrap();
    let totals: Vec<String> = (2..8)
        .map(|col| formulas.get_value((13, col)).cloned().unwrap_or_default())
        .collect();
    assert_eq!(
        totals,
        [
            "SUM(C4:C13)",
            "SUM(D4:D13)",
            "SUM(E4:E13)",
            "SUM(F4:F13)",
            "SUM(G4:G13)",
            "SUM(H4:H13)"
        ]
    );
    assert_eq!(formulas.get_value((13, 8)).cloned().unwrap_or_default(), "");
}

#[test]
fn forms_carry_the_campaign_fingerprint() {
    let campaign = common::default_campaign();
    let (_dir, written) = write_forms(&campaign);
    for ((report, _), path) in campaign.tables().zip(&written) {
        let custom = part(path, "docProps/custom.xml");
        assert!(
            custom.contains(r#"name="CampaignName"><vt:lpwstr>2021年“安全生产月”活动</vt:lpwstr>"#),
            "{custom}"
        );
        assert!(
            custom.contains(&format!(
                r#"name="CampaignReport"><vt:lpwstr>{}</vt:lpwstr>"#,
                report.id
            )),
            "{custom}"
        );
        assert!(
            custom.contains(r#"name="CampaignTemplateVersion"><vt:i4>1</vt:i4>"#),
            "{custom}"
        );
        let core = part(path, "docProps/core.xml");
        assert!(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2021-06-01T00:00:00Z</dcterms:created>"), "{core}");
    }
}

/// The `<dataValidation …>` elements of the form sheet, keyed by their range.
fn validations(sheet_xml: &str) -> BTreeMap<String, String> {
    sheet_xml
        .split("<dataValidation ")
        .skip(1)
        .map(|chunk| {
            let open_end = chunk.find('>').unwrap();
            let end = if chunk[..open_end].ends_with('/') {
                open_end
            } else {
                chunk.find("</dataValidation>").unwrap()
            };
            let element = &chunk[..end];
            let sqref = element
                .split("sqref=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_owned();
            (sqref, element.to_owned())
        })
        .collect()
}

#[test]
fn progress_form_validates_counts_and_the_rectification_rule() {
    let campaign = common::default_campaign();
    let (_dir, written) = write_forms(&campaign);
    let sheet = part(&written[2], "xl/worksheets/sheet1.xml");
    let rules = validations(&sheet);
    let counts = &rules["C4:C13"];
    assert!(
        counts.contains(r#"type="whole""#) && counts.contains(r#"operator="greaterThanOrEqual""#),
        "{counts}"
    );
    assert!(counts.contains("<formula1>0</formula1>"), "{counts}");
    assert!(
        counts.contains(r#"promptTitle="开展场次（场）""#),
        "{counts}"
    );
    let rectified = &rules["H4:H13"];
    assert!(rectified.contains(r#"type="whole""#), "{rectified}");
    assert!(
        rectified.contains("<formula1>0</formula1><formula2>G4</formula2>"),
        "{rectified}"
    );
    assert!(rectified.contains("不得大于“排查隐患”"), "{rectified}");
    assert!(
        !rules.contains_key("A4:A13") && !rules.contains_key("B4:B13"),
        "pre-filled cells take no input"
    );
    let unit = &rules["B2"];
    assert!(
        unit.contains(r#"type="list""#) && unit.contains("<formula1>'选项'!$A$1:$A$14</formula1>"),
        "{unit}"
    );
    let header = &rules["C3"];
    assert!(
        header.contains(
            r#"prompt="【必填】请填写非负整数（如 12），没有请填 0；不要写“约”“左右”或范围。""#
        ),
        "{header}"
    );
}

#[test]
fn plan_form_validates_items_dates_and_brand_flag() {
    let campaign = common::default_campaign();
    let (_dir, written) = write_forms(&campaign);
    let rules = validations(&part(&written[1], "xl/worksheets/sheet1.xml"));
    assert!(
        rules["C4:C503"].contains("<formula1>'选项'!$B$1:$B$10</formula1>"),
        "{}",
        rules["C4:C503"]
    );
    let start = &rules["E4:E503"];
    assert!(start.contains(r#"type="date""#), "{start}");
    assert!(
        start.contains("<formula1>DATE(2021,6,1)</formula1><formula2>DATE(2021,6,30)</formula2>"),
        "{start}"
    );
    let end = &rules["F4:F503"];
    assert!(
        end.contains(
            "<formula1>MAX(DATE(2021,6,1),E4)</formula1><formula2>DATE(2021,6,30)</formula2>"
        ),
        "{end}"
    );
    assert!(
        rules["J4:J503"].contains("<formula1>'选项'!$C$1:$C$2</formula1>"),
        "{}",
        rules["J4:J503"]
    );
    assert!(rules["I4:I503"].contains(r#"type="whole""#));
}

#[test]
fn liaison_form_keeps_phone_numbers_as_text_and_checks_mobile_length() {
    let campaign = common::default_campaign();
    let (_dir, written) = write_forms(&campaign);
    let rules = validations(&part(&written[0], "xl/worksheets/sheet1.xml"));
    let mobile = &rules["F4:F5"];
    assert!(
        mobile.contains(r#"type="textLength""#) && mobile.contains("<formula1>11</formula1>"),
        "{mobile}"
    );
    assert!(rules["B4:B5"].contains("<formula1>'选项'!$A$1:$A$14</formula1>"));
    assert!(
        rules["G4:G5"].contains(r#"type="custom""#) && rules["G4:G5"].contains("FIND(\"@\",G4)")
    );
    // Phone cells are formatted as text (@) so that 13800001234 keeps its digits.
    let styles = part(&written[0], "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="@""#));
}

#[test]
fn forms_print_on_a4_landscape_with_repeated_header_and_frozen_panes() {
    let campaign = common::default_campaign();
    let (_dir, written) = write_forms(&campaign);
    for path in &written {
        let sheet = part(path, "xl/worksheets/sheet1.xml");
        assert!(
            sheet.contains(r#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape""#),
            "{sheet}"
        );
        assert!(
            sheet.contains(
                r#"<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>"#
            ),
            "{sheet}"
        );
        let workbook = part(path, "xl/workbook.xml");
        assert!(
            workbook.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">"#),
            "{workbook}"
        );
        assert!(workbook.contains("!$1:$3</definedName>"), "{workbook}");
    }
}

/// Column widths in the OOXML (`<col min max width>`), 1-based column → width.
fn column_widths(sheet_xml: &str) -> BTreeMap<u32, f64> {
    let mut widths = BTreeMap::new();
    for chunk in sheet_xml.split("<col ").skip(1) {
        let attr = |name: &str| {
            chunk
                .split(&format!("{name}=\""))
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_owned()
        };
        let (min, max): (u32, u32) = (attr("min").parse().unwrap(), attr("max").parse().unwrap());
        for col in min..=max {
            widths.insert(col, attr("width").parse().unwrap());
        }
    }
    widths
}

#[test]
fn column_widths_fit_the_chinese_text() {
    let campaign = common::default_campaign();
    let (_dir, written) = write_forms(&campaign);
    let widths = column_widths(&part(&written[2], "xl/worksheets/sheet1.xml"));
    // “参与国家、市级、区级宣传系列活动”: 16 characters, 32 half-width cells, plus air.
    assert!(widths[&2] >= 34.0, "活动事项 column is {}", widths[&2]);
    // “发放宣传资料（份）”: 9 full-width characters.
    assert!(widths[&5] >= 20.0, "发放宣传资料 column is {}", widths[&5]);
    // The metadata label “填报单位：” sits over 序号 and must fit too.
    assert!(widths[&1] >= 11.0, "序号 column is {}", widths[&1]);
    let liaison = column_widths(&part(&written[0], "xl/worksheets/sheet1.xml"));
    // 单位名称 holds the longest unit name, 区城市管理综合执法大队 (11 characters).
    assert!(liaison[&2] >= 24.0, "单位名称 column is {}", liaison[&2]);
}

#[test]
fn guide_sheet_states_the_deadline_and_the_rules() {
    let campaign = common::default_campaign();
    let (_dir, written) = write_forms(&campaign);
    let mut workbook: Xlsx<_> = open_workbook(&written[1]).unwrap();
    let range = workbook.worksheet_range("填表说明").unwrap();
    let lines: Vec<String> = range
        .rows()
        .map(|row| row.iter().map(cell_text).collect::<Vec<_>>().join("|"))
        .collect();
    let all = lines.join("\n");
    assert!(
        all.contains("1. 报送时间：请于2021年6月3日（星期四）前报送。"),
        "{all}"
    );
    assert!(
        all.contains("每一行的“计划结束日期”不得早于或小于“计划开始日期”。"),
        "{all}"
    );
    assert!(
        all.contains("各业务室“是否品牌活动”为“是”的行须有1至2行。"),
        "{all}"
    );
    assert!(
        all.contains("对应活动事项|请从下拉列表中选择对应的活动事项（共10项）。|必填"),
        "{all}"
    );
}
