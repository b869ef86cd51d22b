//! Reading returned files: discovery, attribution, recognition, tolerant
//! parsing and cell-level validation, each rule with its exact outcome (the
//! sheet and cell of every problem, and its message as a clerk reads it).

mod common;

use campaign::discover::{self, Kind as FoundKind};
use campaign::read::problem::Source;
use campaign::read::value::Parsed;
use campaign::read::{Content, FileRead, Form};
use campaign::template::{self, style::DATE_FORMAT};
use chrono::NaiveDate;
use common::{
    C, LIAISON_HEADER, Scenario, header, n, plan_row, plan_sheet, progress_sheet, s, sample_counts,
};
use rust_xlsxwriter::Format;

fn forms(file: &FileRead) -> &[Form] {
    match &file.content {
        Content::Forms(forms) => forms,
        other => panic!("{} is not a workbook with forms: {other:?}", file.path),
    }
}

/// The parsed values of one schema column (by name), row by row.
fn column(
    campaign: &campaign::definition::Campaign,
    form: &Form,
    name: &str,
) -> Vec<Option<Parsed>> {
    let spec = campaign.report(&form.report.0).unwrap().table().unwrap();
    let index = spec.columns.iter().position(|c| c.name == name).unwrap();
    form.data
        .rows
        .iter()
        .map(|row| row.values[index].clone())
        .collect()
}

fn counts(values: &[u64]) -> Vec<Option<Parsed>> {
    values.iter().map(|v| Some(Parsed::Count(*v))).collect()
}

fn date(m: u32, d: u32) -> Option<Parsed> {
    Some(Parsed::Date(NaiveDate::from_ymd_opt(2021, m, d).unwrap()))
}

/// A 附件1 with a title, the metadata row and the given data rows.
fn liaison_sheet(unit: &str, rows: Vec<Vec<C>>) -> Vec<Vec<C>> {
    let mut sheet = vec![
        vec![s("附件1  2021年“安全生产月”活动联络员表")],
        vec![s("填报单位："), s(unit), s("填报人：李四")],
        header(&LIAISON_HEADER),
    ];
    sheet.extend(rows);
    sheet
}

fn liaison_row(no: f64, unit: &str, name: &str, mobile: C) -> Vec<C> {
    vec![
        n(no),
        s(unit),
        s(name),
        s("科员"),
        s("022-12345678"),
        mobile,
        s("someone@example.com"),
    ]
}

// ── 1. Discovery ─────────────────────────────────────────────────────────

#[test]
fn discovery_ignores_what_a_person_would_ignore_and_classifies_the_rest() {
    let sc = Scenario::new();
    for rel in [
        "submissions/党建室/附件3.xlsx",
        "submissions/党建室/~$附件3.xlsx",
        "submissions/党建室/.~lock.附件3.xlsx#",
        "submissions/党建室/Thumbs.db",
        "submissions/党建室/.DS_Store",
        "submissions/党建室/.gitkeep",
        "submissions/.hidden/附件3.xlsx",
        "submissions/received.toml",
        "submissions/党建室/活动方案.docx",
        "submissions/党建室/重点活动/党史安全知识竞赛/照片1.jpg",
        "submissions/党建室/合影.jpg",
        "submissions/附件3-园林绿化室.xlsx",
    ] {
        sc.bytes(rel, b"x");
    }
    let found = discover::discover(sc.root()).unwrap();
    let listed: Vec<(&str, Option<&str>, &FoundKind)> = found
        .iter()
        .map(|f| (f.rel.as_str(), f.folder.as_deref(), &f.kind))
        .collect();
    assert_eq!(
        listed,
        vec![
            (
                "submissions/党建室/合影.jpg",
                Some("党建室"),
                &FoundKind::Other
            ),
            (
                "submissions/党建室/活动方案.docx",
                Some("党建室"),
                &FoundKind::Document
            ),
            (
                "submissions/党建室/重点活动/党史安全知识竞赛/照片1.jpg",
                Some("党建室"),
                &FoundKind::Material {
                    activity: "党史安全知识竞赛".into()
                }
            ),
            (
                "submissions/党建室/附件3.xlsx",
                Some("党建室"),
                &FoundKind::Workbook
            ),
            (
                "submissions/附件3-园林绿化室.xlsx",
                None,
                &FoundKind::Workbook
            ),
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_link_leading_outside_the_campaign_is_not_followed() {
    let sc = Scenario::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.xlsx"), b"x").unwrap();
    std::fs::create_dir_all(sc.path("submissions/党建室")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.xlsx"),
        sc.path("submissions/党建室/附件3.xlsx"),
    )
    .unwrap();
    let found = discover::discover(sc.root()).unwrap();
    assert_eq!(found[0].kind, FoundKind::OutsideLink);
    assert_eq!(
        sc.messages("submissions/党建室/附件3.xlsx"),
        [[
            "错误   这是指向活动文件夹以外的链接，未读取",
            "error   a link that leads outside the campaign folder; not read"
        ]]
    );
}

// ── 2. Attribution ───────────────────────────────────────────────────────

#[test]
fn a_unit_folder_named_by_alias_attributes_and_agrees_with_the_filler_cell() {
    let sc = Scenario::new();
    sc.xlsx(
        "submissions/环卫中心/统计.xlsx",
        &[(
            "Sheet1",
            progress_sheet("区环境卫生服务中心", &sample_counts()),
        )],
    );
    let file = sc.read("submissions/环卫中心/统计.xlsx");
    let unit = file.unit.as_ref().unwrap();
    assert_eq!(unit.unit, "区环境卫生服务中心");
    assert_eq!(unit.sources, [Source::Folder, Source::Filler]);
    assert!(file.problems.is_empty(), "{:?}", file.problems);
}

#[test]
fn the_filler_cell_alone_names_the_unit_after_normalising_spaces_and_width() {
    let sc = Scenario::new();
    sc.xlsx(
        "submissions/新建 Microsoft Excel 工作表.xlsx",
        &[(
            "Sheet1",
            progress_sheet(" 市容\u{3000}环卫室 ", &sample_counts()),
        )],
    );
    let file = sc.read("submissions/新建 Microsoft Excel 工作表.xlsx");
    assert_eq!(file.unit.as_ref().unwrap().unit, "市容环卫室");
    assert_eq!(file.unit.as_ref().unwrap().sources, [Source::Filler]);
}

#[test]
fn the_file_name_alone_names_the_unit() {
    let sc = Scenario::new();
    sc.xlsx(
        "submissions/附件3-园林绿化室.xlsx",
        &[("附件3", progress_sheet("", &sample_counts()))],
    );
    let file = sc.read("submissions/附件3-园林绿化室.xlsx");
    assert_eq!(file.unit.as_ref().unwrap().unit, "园林绿化室");
    assert_eq!(file.unit.as_ref().unwrap().sources, [Source::FileName]);
}

#[test]
fn a_file_in_a_units_folder_naming_another_unit_is_that_units_with_an_error() {
    let sc = Scenario::new();
    sc.xlsx(
        "submissions/党建室/附件3.xlsx",
        &[("附件3", progress_sheet("公共室", &sample_counts()))],
    );
    let file = sc.read("submissions/党建室/附件3.xlsx");
    let unit = file.unit.expect("the folder's unit");
    assert_eq!(
        (unit.unit.as_str(), unit.sources),
        ("党建室", vec![Source::Folder])
    );
    assert_eq!(
        sc.messages("submissions/党建室/附件3.xlsx"),
        [[
            "错误   文件放在“党建室”的文件夹中，但填报单位为“公共室”；如果这是“公共室”的文件，请放到“公共室”的文件夹中；如果是“党建室”的文件，请改正后重新提交",
            "error   the file is in the folder of “党建室”, but its 填报单位 cell says “公共室”; if it is “公共室”'s file, please move it into the folder of “公共室”; if it is “党建室”'s, please correct it and resubmit"
        ]]
    );
}

#[test]
fn filler_and_file_name_naming_different_units_outside_a_folder_is_an_error_naming_both() {
    let sc = Scenario::new();
    sc.xlsx(
        "submissions/附件3-园林绿化室.xlsx",
        &[("附件3", progress_sheet("公共室", &sample_counts()))],
    );
    let file = sc.read("submissions/附件3-园林绿化室.xlsx");
    assert_eq!(file.unit, None);
    assert_eq!(
        sc.messages("submissions/附件3-园林绿化室.xlsx"),
        [[
            "错误   无法确定是哪个单位的文件：填报单位为“公共室”，文件名为“园林绿化室”，请核对后放入正确的单位文件夹",
            "error   cannot tell whose file this is: 填报单位 cell says “公共室”, file name says “园林绿化室”; please check and put it in the right unit's folder"
        ]]
    );
}

#[test]
fn an_unknown_filler_is_a_warning_when_the_folder_names_the_unit() {
    let sc = Scenario::new();
    sc.xlsx(
        "submissions/党建室/附件3.xlsx",
        &[("附件3", progress_sheet("某某科", &sample_counts()))],
    );
    assert_eq!(
        sc.read("submissions/党建室/附件3.xlsx").unit.unwrap().unit,
        "党建室"
    );
    assert_eq!(
        sc.messages("submissions/党建室/附件3.xlsx"),
        [[
            "提醒 附件3!A2  填报单位“某某科”不是本次活动的单位名称或简称",
            "warning 附件3!A2  填报单位 “某某科” is not a unit name or alias of this campaign"
        ]]
    );
}

#[test]
fn a_file_naming_no_unit_is_an_error() {
    let sc = Scenario::new();
    sc.xlsx(
        "submissions/统计表.xlsx",
        &[("附件3", progress_sheet("", &sample_counts()))],
    );
    assert_eq!(
        sc.messages("submissions/统计表.xlsx"),
        [[
            "错误   无法确定是哪个单位的文件：请放入“submissions/单位名称/”文件夹，或在“填报单位”处填写单位名称",
            "error   cannot tell whose file this is: put it in submissions/<unit>/ or fill in 填报单位"
        ]]
    );
}

// ── 3. Recognising reports ───────────────────────────────────────────────

#[test]
fn a_report_is_recognised_by_its_header_under_any_number_of_title_rows() {
    let sc = Scenario::new();
    let mut rows = vec![
        vec![s("区城管委")],
        vec![],
        vec![s("关于报送活动进展情况的通知")],
    ];
    rows.extend(progress_sheet("党建室", &sample_counts()));
    sc.xlsx("submissions/党建室/数据.xlsx", &[("Sheet1", rows)]);
    let file = sc.read("submissions/党建室/数据.xlsx");
    let form = &forms(&file)[0];
    assert_eq!(
        (form.report.0.as_str(), form.sheet.as_str(), form.header_row),
        ("progress", "Sheet1", Some(5))
    );
    assert_eq!(form.data.rows.len(), 10);
    assert_eq!(form.data.total_row, Some(16));
}

#[test]
fn one_workbook_may_hold_several_reports_and_hidden_or_empty_sheets_are_ignored() {
    let sc = Scenario::new();
    let liaison = liaison_sheet(
        "党建室",
        vec![liaison_row(1.0, "党建室", "赵六", s("13800001234"))],
    );
    let plan = plan_sheet(
        "党建室",
        vec![plan_row(
            1.0,
            "党史安全知识竞赛",
            s("专题学习"),
            s("2021-06-10"),
            s("2021-06-10"),
            "否",
        )],
    );
    sc.xlsx(
        "submissions/党建室/报表.xlsx",
        &[("联络员", liaison), ("计划", plan), ("空白", vec![])],
    );
    let file = sc.read("submissions/党建室/报表.xlsx");
    let reports: Vec<(&str, &str)> = forms(&file)
        .iter()
        .map(|f| (f.sheet.as_str(), f.report.0.as_str()))
        .collect();
    assert_eq!(reports, [("联络员", "liaison"), ("计划", "plan")]);
    assert!(file.problems.is_empty(), "{:?}", file.problems);
}

#[test]
fn a_sheet_matching_no_report_is_reported_and_a_workbook_without_forms_is_an_error() {
    let sc = Scenario::new();
    let notes = vec![vec![s("说明")], vec![s("本单位本月开展了多项活动。")]];
    sc.xlsx(
        "submissions/党建室/附件3.xlsx",
        &[
            ("附件3", progress_sheet("党建室", &sample_counts())),
            ("说明", notes.clone()),
        ],
    );
    assert_eq!(
        sc.messages("submissions/党建室/附件3.xlsx"),
        [[
            "提醒 说明  这张工作表不是本次活动的任何一张表格（找不到表头），未读取",
            "warning 说明  this sheet is none of the campaign's forms (no header found); not read"
        ]]
    );
    sc.xlsx("submissions/党建室/随手记.xlsx", &[("Sheet1", notes)]);
    assert_eq!(
        sc.messages("submissions/党建室/随手记.xlsx"),
        [
            [
                "提醒 Sheet1  这张工作表不是本次活动的任何一张表格（找不到表头），未读取",
                "warning Sheet1  this sheet is none of the campaign's forms (no header found); not read"
            ],
            [
                "错误   文件中没有本次活动的表格（找不到任何一张表的表头）",
                "error   the file holds none of the campaign's forms (no header found)"
            ]
        ]
    );
}

#[test]
fn documents_are_recognised_by_their_names_and_materials_by_their_folder() {
    let sc = Scenario::new();
    sc.bytes("submissions/党建室/党建室安全生产月活动方案.docx", b"x");
    sc.bytes("submissions/党建室/活动总结.pdf", b"x");
    sc.bytes("submissions/党建室/材料.docx", b"x");
    sc.bytes(
        "submissions/党建室/重点活动/党史安全知识竞赛/照片1.jpg",
        b"x",
    );
    sc.bytes("submissions/党建室/合影.jpg", b"x");
    let report = |rel: &str| match sc.read(rel).content {
        Content::Document { report } => report.map(|r| r.0),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        report("submissions/党建室/党建室安全生产月活动方案.docx").as_deref(),
        Some("scheme")
    );
    assert_eq!(
        report("submissions/党建室/活动总结.pdf").as_deref(),
        Some("summary")
    );
    assert_eq!(report("submissions/党建室/材料.docx"), None);
    assert_eq!(
        sc.messages("submissions/党建室/材料.docx"),
        [[
            "错误   无法从文件名判断是哪项报送的文档（如“方案”“总结”），请在文件名中注明",
            "error   cannot tell from the file name which report this document is; please name it (e.g. 方案, 总结)"
        ]]
    );
    assert_eq!(
        sc.read("submissions/党建室/重点活动/党史安全知识竞赛/照片1.jpg")
            .content,
        Content::Material {
            activity: "党史安全知识竞赛".into()
        }
    );
    assert_eq!(
        sc.messages("submissions/党建室/合影.jpg"),
        [[
            "错误   照片、视频等活动资料请放入“重点活动/活动名称/”文件夹",
            "error   photos and videos belong in a 重点活动/<活动名称>/ folder"
        ]]
    );
}

// ── 5. Finding the table ─────────────────────────────────────────────────

#[test]
fn a_file_of_no_known_kind_and_a_document_fitting_two_reports_are_named() {
    let sc = Scenario::new();
    sc.bytes("submissions/党建室/备份.zip", b"PK");
    sc.bytes("submissions/党建室/活动方案和总结.docx", b"x");
    assert_eq!(
        sc.messages("submissions/党建室/备份.zip"),
        [[
            "错误   不是可以读取的表格或文档（.zip），请提交 Excel 表格（.xlsx/.xls/.xlsb）、WPS/LibreOffice 表格或 Word/PDF 文档",
            "error   not a workbook or document we can read (.zip); please submit an Excel workbook or a Word/PDF document"
        ]]
    );
    assert_eq!(
        sc.messages("submissions/党建室/活动方案和总结.docx"),
        [[
            "错误   文件名同时符合多项报送（安全生产月活动方案、活动综合情况），请在文件名中只注明一项",
            "error   the file name fits several reports (安全生产月活动方案, 活动综合情况); please name only one"
        ]]
    );
}

#[test]
fn headers_are_matched_whatever_their_brackets_breaks_spaces_suffix_alias_or_order() {
    let sc = Scenario::new();
    let header = vec![
        s("活动事项"),
        s("序号"),
        s("开展场次\n(场)"),
        s("参与人次"),
        s("发放 宣传资料（份）"),
        s("媒体宣传报道"),
        s("*排查隐患（项）"),
        s("整改隐患数"),
    ];
    let mut rows = vec![vec![s("附件3")], header];
    for (i, item) in common::ITEMS.iter().enumerate() {
        let v = i as f64;
        rows.push(vec![
            s(item),
            n(v + 1.0),
            n(v),
            n(10.0 * v),
            n(100.0 * v),
            n(1.0),
            n(5.0),
            n(4.0),
        ]);
    }
    sc.xlsx("submissions/党建室/附件3.xlsx", &[("附件3", rows)]);
    let file = sc.read("submissions/党建室/附件3.xlsx");
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    let form = &forms(&file)[0];
    assert_eq!(
        form.columns,
        [
            Some(1),
            Some(0),
            Some(2),
            Some(3),
            Some(4),
            Some(5),
            Some(6),
            Some(7),
            None
        ]
    );
    assert_eq!(
        column(&sc.campaign, form, "参与人次"),
        counts(&[0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
    );
    assert_eq!(column(&sc.campaign, form, "整改隐患"), counts(&[4; 10]));
}

#[test]
fn a_missing_required_column_a_duplicated_column_and_an_extra_column_are_named() {
    let sc = Scenario::new();
    let mut rows = progress_sheet("党建室", &sample_counts());
    rows[2][7] = s("开展场次（场）"); // 整改隐患 is gone, 开展场次 twice
    rows[2].push(s("填报说明"));
    sc.xlsx("submissions/党建室/附件3.xlsx", &[("附件3", rows)]);
    assert_eq!(
        sc.messages("submissions/党建室/附件3.xlsx"),
        [
            [
                "错误 附件3!H3  “开展场次（场）”列出现了两次（另一处在 C3），请删去多余的一列",
                "error 附件3!H3  the column “开展场次（场）” appears twice (also at C3); please delete one"
            ],
            [
                "提醒 附件3!J3  表中多了一列“填报说明”，该列未读取",
                "warning 附件3!J3  an extra column “填报说明” was not read"
            ],
            [
                "错误 附件3  缺少“整改隐患（项）”列，请使用下发的表格模板，勿删改表头",
                "error 附件3  the column “整改隐患（项）” is missing; please use the form as sent"
            ]
        ]
    );
}

// ── 6. Values ────────────────────────────────────────────────────────────

#[test]
fn counts_are_read_as_people_write_them() {
    let sc = Scenario::new();
    let mut rows = progress_sheet("党建室", &sample_counts());
    rows[3][2] = s("１２"); // full-width digits
    rows[4][2] = s("12场"); // the column's unit
    rows[5][2] = s("1,234"); // thousands separator
    rows[6][2] = s("—"); // a dash for zero
    rows[7][2] = C::Blank; // blank is zero
    rows[8][2] = s(" 7 "); // a number stored as text
    rows[9][2] = s("无");
    sc.xlsx("submissions/党建室/附件3.xlsx", &[("附件3", rows)]);
    let file = sc.read("submissions/党建室/附件3.xlsx");
    let form = &forms(&file)[0];
    assert_eq!(
        column(&sc.campaign, form, "开展场次"),
        counts(&[12, 12, 1234, 0, 0, 7, 0, 70, 80, 90])
    );
    // The 合计 row was written for the original numbers: a warning, never a source.
    assert_eq!(
        sc.messages("submissions/党建室/附件3.xlsx"),
        [[
            "提醒 附件3!C14  合计行“开展场次（场）”填写的是 450，但各行相加为 1505；汇总以各行数据为准",
            "warning 附件3!C14  the 合计 row says 450 for “开展场次（场）”, but the rows add up to 1505; the rows are used"
        ]]
    );
}

#[test]
fn counts_that_are_not_certain_are_rejected_at_their_cell() {
    let sc = Scenario::new();
    let mut rows = progress_sheet("党建室", &sample_counts());
    rows[3][2] = s("约200");
    rows[4][3] = s("10-20");
    rows[5][4] = n(-3.0);
    rows[6][5] = n(2.5);
    rows[7][2] = s("12人");
    sc.xlsx("submissions/党建室/附件3.xlsx", &[("附件3", rows)]);
    assert_eq!(
        sc.messages("submissions/党建室/附件3.xlsx"),
        [
            [
                "错误 附件3!C4  “开展场次（场）”填写的是“约200”，应填写确切的非负整数，不能写“约”“左右”等估计数",
                "error 附件3!C4  “开展场次（场）”: found “约200”; expected an exact whole number, not an estimate"
            ],
            [
                "错误 附件3!D5  “参与人次（人次）”填写的是“10-20”，应填写一个确切的非负整数，不能填写范围",
                "error 附件3!D5  “参与人次（人次）”: found “10-20”; expected one exact whole number, not a range"
            ],
            [
                "错误 附件3!E6  “发放宣传资料（份）”填写的是“-3”，不能填写负数，应填写非负整数（如 12）",
                "error 附件3!E6  “发放宣传资料（份）”: found “-3”; expected a whole number, not a negative one"
            ],
            [
                "错误 附件3!F7  “媒体报道（篇/条）”填写的是“2.5”，应填写整数，不能带小数",
                "error 附件3!F7  “媒体报道（篇/条）”: found “2.5”; expected a whole number, not a fraction"
            ],
            [
                "错误 附件3!C8  “开展场次（场）”填写的是“12人”，但本栏以“场”为单位，请核对是否填错栏目，并只填写数字",
                "error 附件3!C8  “开展场次（场）”: found “12人”, but this column counts in 场; check the column and enter the number only"
            ]
        ]
    );
    let file = sc.read("submissions/党建室/附件3.xlsx");
    assert!(!file.is_valid(&forms(&file)[0]));
}

#[test]
fn dates_are_read_in_every_unambiguous_spelling() {
    let sc = Scenario::new();
    let starts = [
        s("2021年6月5日"),
        s("2021.6.6"),
        s("2021-6-7"),
        s("2021/6/8"),
        s("6月9日"),
        s("6.10"),
        C::D(2021, 6, 11),
        n(44359.0),
    ];
    let rows = starts
        .into_iter()
        .enumerate()
        .map(|(i, start)| {
            plan_row(
                i as f64 + 1.0,
                &format!("活动{}", i + 1),
                n(6.0),
                start,
                s("2021-06-30"),
                if i == 0 { "是" } else { "否" },
            )
        })
        .collect();
    sc.xlsx(
        "submissions/公共室/附件2.xlsx",
        &[("附件2", plan_sheet("公共室", rows))],
    );
    let file = sc.read("submissions/公共室/附件2.xlsx");
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    let form = &forms(&file)[0];
    assert_eq!(
        column(&sc.campaign, form, "计划开始日期"),
        [
            date(6, 5),
            date(6, 6),
            date(6, 7),
            date(6, 8),
            date(6, 9),
            date(6, 10),
            date(6, 11),
            date(6, 12)
        ]
    );
    assert_eq!(
        column(&sc.campaign, form, "对应活动事项"),
        vec![Some(Parsed::Activity(6)); 8]
    );
}

#[test]
fn dates_that_are_ambiguous_out_of_period_or_ranges_are_rejected() {
    let sc = Scenario::new();
    let rows = vec![
        plan_row(1.0, "活动1", s("应急演练"), n(6.3), s("2021-06-30"), "是"),
        plan_row(
            2.0,
            "活动2",
            s("应急演练"),
            s("2021-07-05"),
            s("2021-07-06"),
            "否",
        ),
        plan_row(
            3.0,
            "活动3",
            s("应急演练"),
            s("6月5日-6月8日"),
            s("2021-06-08"),
            "否",
        ),
        plan_row(
            4.0,
            "活动4",
            s("应急演练"),
            s("2021-06-20"),
            s("2021-06-18"),
            "否",
        ),
    ];
    sc.xlsx(
        "submissions/公共室/附件2.xlsx",
        &[("附件2", plan_sheet("公共室", rows))],
    );
    assert_eq!(
        sc.messages("submissions/公共室/附件2.xlsx"),
        [
            [
                "错误 附件2!E4  “计划开始日期”填写的是“6.3”，无法确定是6月3日还是6月30日（Excel 会把 6.30 保存为 6.3）；请填写完整日期，如 2021-06-03 或 2021-06-30",
                "error 附件2!E4  “计划开始日期”: found “6.3”, which may be 6/3 or 6/30 (Excel saves 6.30 as 6.3); write the full date, such as 2021-06-03 or 2021-06-30"
            ],
            [
                "错误 附件2!E5  “计划开始日期”填写的是“2021-07-05”，即2021年7月5日，不在活动期间（2021年6月1日至2021年6月30日）内，请核对",
                "error 附件2!E5  “计划开始日期”: found “2021-07-05” (2021-07-05), outside the campaign period 2021-06-01 to 2021-06-30"
            ],
            [
                "错误 附件2!F5  “计划结束日期”填写的是“2021-07-06”，即2021年7月6日，不在活动期间（2021年6月1日至2021年6月30日）内，请核对",
                "error 附件2!F5  “计划结束日期”: found “2021-07-06” (2021-07-06), outside the campaign period 2021-06-01 to 2021-06-30"
            ],
            [
                "错误 附件2!E6  “计划开始日期”填写的是“6月5日-6月8日”，一个单元格只能填写一个日期；活动持续多日的，请将开始日期和结束日期分别填入各自的栏目",
                "error 附件2!E6  “计划开始日期”: found “6月5日-6月8日”, more than one date; enter one date per cell (the start and end dates go in their own columns)"
            ],
            [
                "错误 附件2!F7  “计划结束日期”（2021年6月18日）不能早于“计划开始日期”（2021年6月20日）",
                "error 附件2!F7  “计划结束日期” (2021-06-18) must not be before “计划开始日期” (2021-06-20)"
            ]
        ]
    );
}

/// Our own 附件2 filled in as Excel stores what a unit types into its date
/// cells: a number keeps the cell's date format.
#[test]
fn a_number_typed_into_a_date_cell_of_our_form_is_read_as_typed() {
    let sc = Scenario::new();
    let report = sc.campaign.report("plan").unwrap();
    let (mut book, layout) =
        template::build(&sc.campaign, report, report.table().unwrap()).unwrap();
    let sheet = book.worksheet_from_index(0).unwrap();
    let date_cell = Format::new().set_num_format(DATE_FORMAT);
    sheet
        .write_string(layout.metadata_row, layout.metadata[0].first, "公共室")
        .unwrap();
    // (start, end): a number in a date cell, or text.
    let typed = [
        (n(6.3), n(44377.0)),
        (s("6.5"), n(6.15)),
        (n(44352.0), n(6.3)),
    ];
    for (i, (start, end)) in typed.iter().enumerate() {
        let row = layout.first_data_row + i as u32;
        sheet
            .write_string(row, 1, format!("活动{}", i + 1))
            .unwrap();
        sheet.write_number(row, 2, 6).unwrap();
        for (col, value) in [(4, start), (5, end)] {
            match value {
                C::N(number) => drop(
                    sheet
                        .write_number_with_format(row, col, *number, &date_cell)
                        .unwrap(),
                ),
                C::S(text) => drop(sheet.write_string(row, col, text).unwrap()),
                other => panic!("{other:?}"),
            }
        }
        sheet
            .write_string(row, 9, if i == 0 { "是" } else { "否" })
            .unwrap();
    }
    sc.bytes(
        "submissions/公共室/附件2.xlsx",
        &book.save_to_buffer().unwrap(),
    );

    assert_eq!(
        sc.messages("submissions/公共室/附件2.xlsx"),
        [
            [
                "错误 附件2!E4  “计划开始日期”填写的是“6.3”，无法确定是6月3日还是6月30日（Excel 会把 6.30 保存为 6.3）；请填写完整日期，如 2021-06-03 或 2021-06-30",
                "error 附件2!E4  “计划开始日期”: found “6.3”, which may be 6/3 or 6/30 (Excel saves 6.30 as 6.3); write the full date, such as 2021-06-03 or 2021-06-30"
            ],
            [
                "错误 附件2!F6  “计划结束日期”填写的是“6.3”，无法确定是6月3日还是6月30日（Excel 会把 6.30 保存为 6.3）；请填写完整日期，如 2021-06-03 或 2021-06-30",
                "error 附件2!F6  “计划结束日期”: found “6.3”, which may be 6/3 or 6/30 (Excel saves 6.30 as 6.3); write the full date, such as 2021-06-03 or 2021-06-30"
            ]
        ]
    );
    let file = sc.read("submissions/公共室/附件2.xlsx");
    let form = &forms(&file)[0];
    assert_eq!(
        column(&sc.campaign, form, "计划开始日期"),
        [None, date(6, 5), date(6, 5)]
    );
    assert_eq!(
        column(&sc.campaign, form, "计划结束日期"),
        [date(6, 30), date(6, 15), None]
    );
}

#[test]
fn phone_numbers_are_read_as_numbers_or_text_and_lost_digits_are_rejected() {
    let sc = Scenario::new();
    let rows = vec![
        liaison_row(1.0, "党建室", "赵六", n(13800001234.0)),
        liaison_row(2.0, "党建办", "钱七", s("138 0000 5678")),
    ];
    sc.xlsx(
        "submissions/党建室/附件1.xlsx",
        &[("附件1", liaison_sheet("党建室", rows))],
    );
    let file = sc.read("submissions/党建室/附件1.xlsx");
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    let form = &forms(&file)[0];
    assert_eq!(
        column(&sc.campaign, form, "手机号码"),
        [
            Some(Parsed::Phone("13800001234".into())),
            Some(Parsed::Phone("13800005678".into()))
        ]
    );
    assert_eq!(
        column(&sc.campaign, form, "单位名称"),
        vec![Some(Parsed::Unit("党建室".into())); 2]
    );
    assert_eq!(
        column(&sc.campaign, form, "办公电话"),
        vec![Some(Parsed::Phone("022-12345678".into())); 2]
    );

    let rows = vec![liaison_row(1.0, "党建室", "赵六", s("1.38E+10"))];
    sc.xlsx(
        "submissions/党建室/附件1.xlsx",
        &[("附件1", liaison_sheet("党建室", rows))],
    );
    assert_eq!(
        sc.messages("submissions/党建室/附件1.xlsx"),
        [[
            "错误 附件1!F4  “手机号码”填写的是“1.38E+10”，号码被 Excel 当作数字保存，部分数字已经丢失；请将该单元格设置为“文本”格式后重新输入完整号码",
            "error 附件1!F4  “手机号码”: found “1.38E+10”: Excel saved the phone number as a number and digits were lost; set the cell format to Text and type the full number again"
        ]]
    );
}

#[test]
fn a_required_cell_left_blank_is_named() {
    let sc = Scenario::new();
    let rows = vec![liaison_row(1.0, "党建室", "赵六", C::Blank)];
    sc.xlsx(
        "submissions/党建室/附件1.xlsx",
        &[("附件1", liaison_sheet("党建室", rows))],
    );
    assert_eq!(
        sc.messages("submissions/党建室/附件1.xlsx"),
        [[
            "错误 附件1!F4  “手机号码”为必填项，未填写",
            "error 附件1!F4  “手机号码” is required but empty"
        ]]
    );
}

#[test]
fn a_formula_cell_uses_its_cached_value() {
    let sc = Scenario::new();
    let mut rows = progress_sheet("党建室", &sample_counts());
    rows[3][2] = C::F("1+2".into(), 3.0);
    sc.xlsx("submissions/党建室/附件3.xlsx", &[("附件3", rows)]);
    let file = sc.read("submissions/党建室/附件3.xlsx");
    assert_eq!(
        column(&sc.campaign, &forms(&file)[0], "开展场次")[0],
        Some(Parsed::Count(3))
    );
}

// ── 7. Rows and cross-checks ─────────────────────────────────────────────

#[test]
fn blank_rows_are_skipped_and_nothing_after_the_total_row_is_data() {
    let sc = Scenario::new();
    let mut rows = progress_sheet("党建室", &sample_counts());
    rows.insert(8, vec![]); // a blank row between items
    rows.push(vec![]);
    rows.push(vec![s(
        "注：1.请各单位于2021年6月28日前报送；2.无数据的请填写0。",
    )]);
    rows.push(vec![n(11.0), s("其他活动"), n(5.0)]);
    sc.xlsx("submissions/党建室/附件3.xlsx", &[("附件3", rows)]);
    let file = sc.read("submissions/党建室/附件3.xlsx");
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    let form = &forms(&file)[0];
    assert_eq!(form.data.rows.len(), 10);
    assert_eq!(form.data.total_row, Some(14));
    let items: Vec<Option<u32>> = form.data.rows.iter().map(|r| r.item).collect();
    assert_eq!(items, (1..=10).map(Some).collect::<Vec<_>>());
}

#[test]
fn each_activity_item_must_appear_once() {
    let sc = Scenario::new();
    let mut rows = progress_sheet("党建室", &sample_counts());
    rows[5][0] = n(1.0); // row 6 says 序号 1 but 活动事项 安全隐患排查整治
    rows[6] = vec![
        n(1.0),
        s("专题学习"),
        n(1.0),
        n(1.0),
        n(1.0),
        n(1.0),
        n(1.0),
        n(1.0),
    ]; // item 1 again
    rows.remove(12); // item 10 gone
    sc.xlsx("submissions/党建室/附件3.xlsx", &[("附件3", rows)]);
    let mut errors = sc.messages("submissions/党建室/附件3.xlsx");
    errors.retain(|m| m[0].starts_with("错误"));
    assert_eq!(
        errors,
        [
            [
                "错误 附件3  第 6 行：序号对应“专题学习”，活动事项却是“安全隐患排查整治”，请核对",
                "error 附件3  row 6: 序号 points to “专题学习” but 活动事项 says “安全隐患排查整治”; please check",
            ],
            [
                "错误 附件3  第 7 行：第 1 项活动事项“专题学习”重复出现（第一次在第 4 行）",
                "error 附件3  row 7: activity item 1 “专题学习” appears again (first in row 4)",
            ],
            [
                "错误 附件3  缺少第 4 项活动事项“宣传典型经验做法”，请勿删除预先列出的行",
                "error 附件3  activity item 4 “宣传典型经验做法” is missing; please keep every pre-filled row",
            ],
            [
                "错误 附件3  缺少第 10 项活动事项“参与国家、市级、区级宣传系列活动”，请勿删除预先列出的行",
                "error 附件3  activity item 10 “参与国家、市级、区级宣传系列活动” is missing; please keep every pre-filled row",
            ],
        ]
    );
}

#[test]
fn a_row_naming_no_activity_item_is_named() {
    let sc = Scenario::new();
    let mut rows = progress_sheet("党建室", &sample_counts());
    rows[3][0] = C::Blank;
    rows[3][1] = s("其他活动");
    sc.xlsx("submissions/党建室/附件3.xlsx", &[("附件3", rows)]);
    assert_eq!(
        sc.messages("submissions/党建室/附件3.xlsx"),
        [
            [
                "错误 附件3!B4  “活动事项”填写的是“其他活动”，应为10项活动事项之一（如“专题学习”）或其序号1–10",
                "error 附件3!B4  “活动事项”: found “其他活动”; expected one of the 10 activity items (such as “专题学习”) or its number 1–10"
            ],
            [
                "错误 附件3  第 4 行：这一行对应不上任何活动事项（序号和活动事项都无法识别）",
                "error 附件3  row 4: this row matches no activity item (neither 序号 nor 活动事项 is recognised)"
            ],
            [
                "错误 附件3  缺少第 1 项活动事项“专题学习”，请勿删除预先列出的行",
                "error 附件3  activity item 1 “专题学习” is missing; please keep every pre-filled row"
            ]
        ]
    );
}

#[test]
fn a_form_with_no_rows_is_an_error() {
    let sc = Scenario::new();
    sc.xlsx(
        "submissions/党建室/附件1.xlsx",
        &[("附件1", liaison_sheet("党建室", vec![]))],
    );
    assert_eq!(
        sc.messages("submissions/党建室/附件1.xlsx"),
        [[
            "错误 附件1  表格中没有填写任何数据",
            "error 附件1  the form has no data rows"
        ]]
    );
}

#[test]
fn items_are_matched_by_name_when_the_serial_is_missing_and_in_any_order() {
    let sc = Scenario::new();
    let mut rows = progress_sheet("党建室", &sample_counts());
    for row in rows.iter_mut().skip(3).take(10) {
        row[0] = C::Blank;
    }
    rows[3..13].reverse();
    rows[6][1] = s("安全宣传五进"); // item 7, without the quotes
    sc.xlsx("submissions/党建室/附件3.xlsx", &[("附件3", rows)]);
    let file = sc.read("submissions/党建室/附件3.xlsx");
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    let items: Vec<Option<u32>> = forms(&file)[0].data.rows.iter().map(|r| r.item).collect();
    assert_eq!(items, (1..=10).rev().map(Some).collect::<Vec<_>>());
}

#[test]
fn rectified_hazards_may_not_exceed_those_found() {
    let sc = Scenario::new();
    let mut rows = progress_sheet("党建室", &sample_counts());
    rows[5][6] = n(3.0);
    rows[5][7] = n(5.0);
    rows[13][6] = C::F("SUM(G4:G13)".into(), 469.0);
    rows[13][7] = C::F("SUM(H4:H13)".into(), 471.0);
    sc.xlsx("submissions/党建室/附件3.xlsx", &[("附件3", rows)]);
    assert_eq!(
        sc.messages("submissions/党建室/附件3.xlsx"),
        [[
            "错误 附件3!H6  “整改隐患（项）”（5）不能大于“排查隐患（项）”（3）",
            "error 附件3!H6  “整改隐患（项）” (5) must not exceed “排查隐患（项）” (3)"
        ]]
    );
}

#[test]
fn business_offices_mark_one_or_two_brand_activities() {
    let sc = Scenario::new();
    let activity = |no: f64, brand: &str| {
        plan_row(
            no,
            &format!("活动{no}"),
            n(no),
            s("2021-06-10"),
            s("2021-06-11"),
            brand,
        )
    };
    sc.xlsx(
        "submissions/公共室/附件2.xlsx",
        &[(
            "附件2",
            plan_sheet("公共室", vec![activity(1.0, "否"), activity(2.0, "×")]),
        )],
    );
    assert_eq!(
        sc.messages("submissions/公共室/附件2.xlsx"),
        [[
            "错误 附件2  “是否品牌活动”为“是”的有 0 行，应为 1 至 2 行",
            "error 附件2  0 rows have “是 (yes)” in “是否品牌活动”; expected 1 to 2"
        ]]
    );
    let three = vec![activity(1.0, "是"), activity(2.0, "√"), activity(3.0, "是")];
    sc.xlsx(
        "submissions/公共室/附件2.xlsx",
        &[("附件2", plan_sheet("公共室", three))],
    );
    assert_eq!(
        sc.messages("submissions/公共室/附件2.xlsx"),
        [[
            "错误 附件2  “是否品牌活动”为“是”的有 3 行，应为 1 至 2 行",
            "error 附件2  3 rows have “是 (yes)” in “是否品牌活动”; expected 1 to 2"
        ]]
    );
    // A unit that is no business office owes no brand activity.
    sc.xlsx(
        "submissions/党建室/附件2.xlsx",
        &[("附件2", plan_sheet("党建室", vec![activity(1.0, "否")]))],
    );
    assert!(sc.problems("submissions/党建室/附件2.xlsx").is_empty());
}

#[test]
fn the_liaison_roster_holds_one_or_two_rows() {
    let sc = Scenario::new();
    let rows = (1..=3)
        .map(|i| liaison_row(f64::from(i), "党建室", "赵六", s("13800001234")))
        .collect();
    sc.xlsx(
        "submissions/党建室/附件1.xlsx",
        &[("附件1", liaison_sheet("党建室", rows))],
    );
    assert_eq!(
        sc.messages("submissions/党建室/附件1.xlsx"),
        [[
            "错误 附件1  填写了 3 行，应为 1 至 2 行",
            "error 附件1  3 rows filled; expected 1 to 2"
        ]]
    );
}

// ── 4. Files that cannot be read ─────────────────────────────────────────

#[test]
fn an_unreadable_workbook_costs_only_that_file_and_its_name_hints_the_report() {
    let sc = Scenario::new();
    sc.bytes("submissions/党建室/附件3-党建室.xlsx", b"PK\x03\x04 broken");
    let file = sc.read("submissions/党建室/附件3-党建室.xlsx");
    assert_eq!(file.unit.as_ref().unwrap().unit, "党建室");
    assert_eq!(
        file.content,
        Content::Unreadable {
            hint: Some(campaign::definition::ReportId("progress".into()))
        }
    );
    assert_eq!(file.problems.len(), 1);
    assert!(
        sc.problems("submissions/党建室/附件3-党建室.xlsx")[0]
            .starts_with("错误   文件已损坏或不完整，无法读取")
    );
}

#[test]
fn merged_title_metadata_and_total_label_as_real_forms_have_them() {
    // The layout offices actually send: title merged A1:I1, every metadata
    // label in one merged cell A2:I2, 合计 merged over A14:B14, a footnote.
    let sc = Scenario::new();
    let mut rows = progress_sheet("", &sample_counts());
    rows[0] = vec![C::M(
        "附件3  2021年“安全生产月”活动进展情况统计表".into(),
        8,
    )];
    rows[1] = vec![C::M("填报单位：区城市照明管理所    填报人：孙八    联系电话：138 0000 4321    填报日期：2021年6月27日".into(), 8)];
    rows[13][0] = C::M("合计".into(), 1);
    rows.push(vec![]);
    rows.push(vec![C::M(
        "注：数据统计时间为2021年6月1日至6月27日。".into(),
        8,
    )]);
    sc.xlsx("submissions/照明所/附件3.xlsx", &[("附件3", rows)]);
    let file = sc.read("submissions/照明所/附件3.xlsx");
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    assert_eq!(
        file.unit.as_ref().unwrap().sources,
        [Source::Folder, Source::Filler]
    );
    let form = &forms(&file)[0];
    assert_eq!(
        form.metadata
            .unit
            .as_ref()
            .map(|(u, cell)| (u.as_str(), cell.to_string())),
        Some(("区城市照明管理所", "A2".to_owned()))
    );
    assert_eq!(form.metadata.filler.as_deref(), Some("孙八"));
    assert_eq!(form.metadata.phone.as_deref(), Some("13800004321"));
    assert_eq!(form.metadata.date.as_deref(), Some("2021年6月27日"));
    assert_eq!((form.data.rows.len(), form.data.total_row), (10, Some(13)));
}

#[test]
fn the_sheet_size_limit_is_configurable_in_the_definition() {
    let toml = format!(
        "{}\n[limits]\nmax_cells = 100\n",
        campaign::definition::DEFAULT_TOML
    );
    let sc = Scenario::with_definition(&toml);
    sc.xlsx(
        "submissions/党建室/附件3.xlsx",
        &[("附件3", progress_sheet("党建室", &sample_counts()))],
    );
    // 附件3 reaches I14: 14 rows × 9 columns = 126 cells.
    let problems = sc.problems("submissions/党建室/附件3.xlsx");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("错误   工作表“附件3”的内容延伸到"),
        "{}",
        problems[0]
    );

    let bad = format!(
        "{}\n[limits]\nmax_cells = 0\n",
        campaign::definition::DEFAULT_TOML
    );
    let error = campaign::definition::Campaign::parse(&bad).unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("limits.max_cells：应在 1 至 1000000000 之间，现为 0"),
        "{error}"
    );
}

#[test]
fn the_same_form_on_two_sheets_of_one_workbook_is_an_error_not_counted_twice() {
    let sc = Scenario::new();
    let sheet = progress_sheet("党建室", &sample_counts());
    sc.xlsx(
        "submissions/党建室/附件3.xlsx",
        &[("附件3", sheet.clone()), ("附件3 (2)", sheet)],
    );
    assert_eq!(
        sc.messages("submissions/党建室/附件3.xlsx"),
        [[
            "错误 附件3 (2)  这张工作表与工作表“附件3”是同一张表，数据会重复计算；请只保留一张",
            "error 附件3 (2)  this sheet holds the same form as the sheet “附件3”, so its rows would count twice; keep one"
        ]]
    );
    let file = sc.read("submissions/党建室/附件3.xlsx");
    assert!(!file.is_valid(&forms(&file)[1]));
}

#[test]
fn a_label_that_merely_starts_like_another_is_not_mistaken_for_it() {
    let sc = Scenario::new();
    let mut rows = progress_sheet("党建室", &sample_counts());
    rows[1] = vec![
        s("填报单位：党建室"),
        C::Blank,
        s("填报人员：周九"),
        C::Blank,
        s("联系电话：13800001234"),
    ];
    sc.xlsx("submissions/党建室/附件3.xlsx", &[("附件3", rows)]);
    let file = sc.read("submissions/党建室/附件3.xlsx");
    let metadata = &forms(&file)[0].metadata;
    assert_eq!(
        metadata.unit.as_ref().map(|(u, _)| u.as_str()),
        Some("党建室")
    );
    assert_eq!(metadata.filler, None, "填报人员 is not 填报人 “员：周九”");
    assert_eq!(metadata.phone.as_deref(), Some("13800001234"));
}

/// A minimal xlsx shaped the way WPS 表格 writes one: every string inline in
/// its cell (`t="inlineStr"`, no shared-strings part), no styles part, and
/// WPS's own document properties. Built by hand here — WPS itself cannot run
/// on this machine — after the parts WPS is known to write.
fn wps_shaped_xlsx(rows: &[Vec<C>]) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let column = |c: usize| rust_xlsxwriter::utility::column_number_to_name(c as u16);
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column(c), r + 1);
            match cell {
                C::S(text) => sheet.push_str(&format!(
                    r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#
                )),
                C::N(n) => sheet.push_str(&format!(r#"<c r="{at}"><v>{n}</v></c>"#)),
                _ => {}
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>"#.to_owned()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>"#.to_owned()),
        ("docProps/app.xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>WPS 表格</Application></Properties>"#.to_owned()),
        ("docProps/custom.xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-11.1.0.10356</vt:lpwstr></property></Properties>"#.to_owned()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_owned()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_workbook_shaped_as_wps_writes_it_reads_like_any_other() {
    let sc = Scenario::new();
    let mut rows = progress_sheet("区燃气管理服务中心", &sample_counts());
    rows.truncate(13); // WPS users often delete the 合计 row
    sc.bytes(
        "submissions/燃气中心/附件3（WPS）.xlsx",
        &wps_shaped_xlsx(&rows),
    );
    let file = sc.read("submissions/燃气中心/附件3（WPS）.xlsx");
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    assert_eq!(
        file.unit.as_ref().unwrap().sources,
        [Source::Folder, Source::Filler]
    );
    let form = &forms(&file)[0];
    assert_eq!(form.data.rows.len(), 10);
    assert_eq!(
        column(&sc.campaign, form, "参与人次"),
        counts(&[1, 11, 21, 31, 41, 51, 61, 71, 81, 91])
    );
    assert_eq!(form.data.total_row, None);
}

/// A filled 附件3 of 党建室, read as check reads it: every row, no problem.
fn assert_filled_progress(sc: &Scenario, rel: &str) {
    let file = sc.read(rel);
    assert!(file.problems.is_empty(), "{rel}: {:?}", file.problems);
    assert_eq!(
        file.unit.as_ref().unwrap().sources,
        [Source::Folder, Source::Filler],
        "{rel}"
    );
    let form = &forms(&file)[0];
    assert_eq!(
        (form.sheet.as_str(), form.report.0.as_str(), form.header_row),
        ("附件3", "progress", Some(2)),
        "{rel}"
    );
    assert_eq!(form.data.rows.len(), 10, "{rel}");
    assert_eq!(
        column(&sc.campaign, form, "参与人次"),
        counts(&[1, 11, 21, 31, 41, 51, 61, 71, 81, 91]),
        "{rel}"
    );
    assert_eq!(
        column(&sc.campaign, form, "整改隐患"),
        counts(&[4, 14, 24, 34, 44, 54, 64, 74, 84, 94]),
        "{rel}"
    );
}

#[test]
fn a_form_whose_workbook_part_lies_elsewhere_reads_like_any_other() {
    let sc = Scenario::new();
    let written = sc.path("written.xlsx");
    sc.xlsx(
        "written.xlsx",
        &[("附件3", progress_sheet("党建室", &sample_counts()))],
    );
    let moved = common::package::move_parts(
        &std::fs::read(&written).unwrap(),
        &[
            ("xl/workbook.xml", "xl/main.xml"),
            ("xl/_rels/workbook.xml.rels", "xl/_rels/main.xml.rels"),
        ],
    );
    std::fs::remove_file(written).unwrap();
    sc.bytes("submissions/党建室/附件3.xlsx", &moved);
    assert_filled_progress(&sc, "submissions/党建室/附件3.xlsx");
}

#[test]
fn a_form_saved_as_xlsb_reads_like_any_other() {
    let sc = Scenario::new();
    let sheet =
        common::xlsb::Sheet::from_rows("附件3", &progress_sheet("党建室", &sample_counts()));
    sc.bytes(
        "submissions/党建室/附件3.xlsb",
        &common::xlsb::xlsb(&[sheet], &[]),
    );
    assert_filled_progress(&sc, "submissions/党建室/附件3.xlsb");
}

// ── 8. The fingerprint of our forms ──────────────────────────────────────

const CAMPAIGN_NAME: &str = "2021年“安全生产月”活动";

/// A roster whose header a unit retyped in its own words: only 单位名称 and
/// 手机 name columns of 附件1, too few to recognise it by content.
fn retyped_roster() -> Vec<Vec<C>> {
    vec![
        vec![s("本单位联系人")],
        header(&["单位名称", "名字", "手机"]),
        vec![s("党建室"), s("赵一鸣"), s("13800000001")],
    ]
}

fn notes() -> Vec<Vec<C>> {
    vec![vec![s("本单位本月开展了多项活动。")]]
}

#[test]
fn a_sheet_matching_no_form_is_read_as_the_form_its_fingerprint_names() {
    let sc = Scenario::new();
    let sheets = [("联系人", retyped_roster()), ("说明", notes())];
    sc.xlsx("submissions/党建室/联系人.xlsx", &sheets);
    assert_eq!(
        sc.problems("submissions/党建室/联系人.xlsx"),
        [
            "提醒 联系人  这张工作表不是本次活动的任何一张表格（找不到表头），未读取",
            "提醒 说明  这张工作表不是本次活动的任何一张表格（找不到表头），未读取",
            "错误   文件中没有本次活动的表格（找不到任何一张表的表头）",
        ]
    );

    sc.fingerprinted_xlsx(
        "submissions/党建室/联系人.xlsx",
        &sheets,
        CAMPAIGN_NAME,
        "liaison",
    );
    assert_eq!(
        sc.messages("submissions/党建室/联系人.xlsx"),
        [
            [
                "提醒 联系人!B2  表中多了一列“名字”，该列未读取",
                "warning 联系人!B2  an extra column “名字” was not read"
            ],
            [
                "错误 联系人  缺少“联络员姓名”列，请使用下发的表格模板，勿删改表头",
                "error 联系人  the column “联络员姓名” is missing; please use the form as sent"
            ],
            [
                "提醒 说明  这张工作表不是本次活动的任何一张表格（找不到表头），未读取",
                "warning 说明  this sheet is none of the campaign's forms (no header found); not read"
            ]
        ]
    );
    let file = sc.read("submissions/党建室/联系人.xlsx");
    let form = &forms(&file)[0];
    assert_eq!(
        (form.sheet.as_str(), form.report.0.as_str(), form.header_row),
        ("联系人", "liaison", Some(1))
    );
    assert_eq!(
        column(&sc.campaign, form, "手机号码"),
        [Some(Parsed::Phone("13800000001".into()))]
    );
    assert_eq!(
        column(&sc.campaign, form, "单位名称"),
        [Some(Parsed::Unit("党建室".into()))]
    );
}

#[test]
fn a_fingerprinted_sheet_with_no_header_at_all_misses_every_required_column() {
    let sc = Scenario::new();
    let sheets = [("Sheet1", notes())];
    sc.fingerprinted_xlsx(
        "submissions/党建室/附件.xlsx",
        &sheets,
        CAMPAIGN_NAME,
        "liaison",
    );
    assert_eq!(
        sc.problems("submissions/党建室/附件.xlsx"),
        [
            "错误 Sheet1  缺少“单位名称”列，请使用下发的表格模板，勿删改表头",
            "错误 Sheet1  缺少“联络员姓名”列，请使用下发的表格模板，勿删改表头",
            "错误 Sheet1  缺少“手机号码”列，请使用下发的表格模板，勿删改表头",
        ]
    );
    let file = sc.read("submissions/党建室/附件.xlsx");
    assert_eq!(forms(&file)[0].header_row, None);
}

#[test]
fn the_fingerprint_names_no_form_a_sheet_already_holds_nor_any_but_a_table() {
    let sc = Scenario::new();
    let roster = liaison_sheet(
        "党建室",
        vec![liaison_row(1.0, "党建室", "赵六", s("13800001234"))],
    );
    sc.fingerprinted_xlsx(
        "submissions/党建室/附件1.xlsx",
        &[("附件1", roster), ("联系人", retyped_roster())],
        CAMPAIGN_NAME,
        "liaison",
    );
    assert_eq!(
        sc.problems("submissions/党建室/附件1.xlsx"),
        ["提醒 联系人  这张工作表不是本次活动的任何一张表格（找不到表头），未读取"]
    );

    for report in ["scheme", "budget"] {
        sc.fingerprinted_xlsx(
            "submissions/党建室/联系人.xlsx",
            &[("联系人", retyped_roster())],
            CAMPAIGN_NAME,
            report,
        );
        assert_eq!(
            sc.problems("submissions/党建室/联系人.xlsx"),
            [
                "提醒 联系人  这张工作表不是本次活动的任何一张表格（找不到表头），未读取",
                "错误   文件中没有本次活动的表格（找不到任何一张表的表头）",
            ],
            "{report}"
        );
    }
}

#[test]
fn a_form_from_another_campaigns_templates_is_pointed_out() {
    let sc = Scenario::new();
    sc.fingerprinted_xlsx(
        "submissions/党建室/附件3.xlsx",
        &[("附件3", progress_sheet("党建室", &sample_counts()))],
        "2020年“安全生产月”活动",
        "progress",
    );
    assert_eq!(
        sc.messages("submissions/党建室/附件3.xlsx"),
        [[
            "提醒   这份表格来自“2020年“安全生产月”活动”的表格模板，不是本次活动“2021年“安全生产月”活动”下发的表格；请使用本次活动的表格填写后重新报送",
            "warning   this form comes from the templates of “2020年“安全生产月”活动”, not from those of this campaign “2021年“安全生产月”活动”; please fill in this campaign's forms and send them again"
        ]]
    );
    let file = sc.read("submissions/党建室/附件3.xlsx");
    assert!(file.is_valid(&forms(&file)[0]));

    // The same name, however it is spaced or whatever the width of its characters.
    sc.fingerprinted_xlsx(
        "submissions/党建室/附件3.xlsx",
        &[("附件3", progress_sheet("党建室", &sample_counts()))],
        "２０２１年“安全生产月” 活动",
        "progress",
    );
    assert!(sc.problems("submissions/党建室/附件3.xlsx").is_empty());
}
