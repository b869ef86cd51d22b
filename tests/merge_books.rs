//! The consolidated workbooks (附件1, 附件2, 附件3) built from a real rollup
//! and read back with calamine, the zip package and LibreOffice.

mod common;

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use campaign::merge::books::{self, LIAISON_BOOK, PLAN_BOOK, PROGRESS_BOOK, STATUS_BOOK};
use campaign::merge::{Rollup, rollup};
use common::{
    C, PLAN_HEADER, PROGRESS_HEADER, Scenario, TextOrder, at, fill_of, liaison_rows, n, part,
    position, progress_sheet, row_texts, s, sample_counts, style_of, text,
};

const AS_OF: &str = "2021-06-30T23:59:59+08:00";

/// Every file of the scenario with when it arrived.
const RECEIVED: [(&str, &str); 9] = [
    ("submissions/党建室/附件3.xlsx", "2021-06-27T10:00:00+08:00"),
    ("submissions/公共室/附件3.xlsx", "2021-06-28T09:30:00+08:00"),
    (
        "submissions/环卫中心/附件3-初稿.xlsx",
        "2021-06-25T08:00:00+08:00",
    ),
    (
        "submissions/环卫中心/附件3.xlsx",
        "2021-06-28T16:45:00+08:00",
    ),
    (
        "submissions/市政道路桥梁室/附件3.xlsx",
        "2021-06-28T11:00:00+08:00",
    ),
    ("submissions/党建室/附件1.xlsx", "2021-06-02T10:00:00+08:00"),
    ("submissions/公共室/附件1.xlsx", "2021-06-03T10:00:00+08:00"),
    ("submissions/党建室/附件2.xlsx", "2021-06-02T11:00:00+08:00"),
    ("submissions/公共室/附件2.xlsx", "2021-06-03T11:00:00+08:00"),
];

fn filled(value: f64) -> [[f64; 6]; 10] {
    [[value; 6]; 10]
}

/// (活动名称, 活动事项 no, start day, end day, 是否品牌活动)
type Planned<'a> = (&'a str, f64, u8, u8, &'a str);

fn plan_rows(unit: &str, activities: &[Planned]) -> Vec<Vec<C>> {
    let mut rows = vec![
        vec![s("附件2")],
        vec![s(&format!("填报单位：{unit}"))],
        PLAN_HEADER[..10].iter().map(|h| s(h)).collect(),
    ];
    for (i, (name, item, start, end, brand)) in activities.iter().enumerate() {
        rows.push(vec![
            n(i as f64 + 1.0),
            s(name),
            n(*item),
            s("现场"),
            C::D(2021, 6, *start),
            C::D(2021, 6, *end),
            s("区内"),
            s("职工"),
            n(20.0),
            s(brand),
        ]);
    }
    rows
}

/// Three units counted (环卫中心 after a revision), 市政道路桥梁室 invalid,
/// the others missing; two rosters and two plans.
fn scenario() -> Scenario {
    let sc = Scenario::new();
    sc.xlsx(
        RECEIVED[0].0,
        &[("附件3", progress_sheet("党建室", &sample_counts()))],
    );
    sc.xlsx(
        RECEIVED[1].0,
        &[("附件3", progress_sheet("公共室", &filled(1.0)))],
    );
    sc.xlsx(
        RECEIVED[2].0,
        &[(
            "附件3",
            progress_sheet("区环境卫生服务中心", &filled(100.0)),
        )],
    );
    sc.xlsx(
        RECEIVED[3].0,
        &[("附件3", progress_sheet("区环境卫生服务中心", &filled(2.0)))],
    );
    let mut wrong = filled(3.0);
    wrong[0][5] = 4.0; // 整改隐患 above 排查隐患
    sc.xlsx(
        RECEIVED[4].0,
        &[("附件3", progress_sheet("市政道路桥梁室", &wrong))],
    );
    let people = [("张三", "13800001234"), ("李四", "13900005678")];
    sc.xlsx(RECEIVED[5].0, &[("附件1", liaison_rows("党建室", &people))]);
    sc.xlsx(
        RECEIVED[6].0,
        &[("附件1", liaison_rows("公共室", &[("王五", "13700009999")]))],
    );
    let party: [Planned; 1] = [("安全知识讲座", 1.0, 8, 8, "否")];
    sc.xlsx(RECEIVED[7].0, &[("附件2", plan_rows("党建室", &party))]);
    let public: [Planned; 2] = [
        ("燃气泄漏应急演练", 6.0, 15, 15, "是"),
        ("安全咨询日", 5.0, 5, 6, "否"),
    ];
    sc.xlsx(RECEIVED[8].0, &[("附件2", plan_rows("公共室", &public))]);
    sc.ledger(&RECEIVED);
    sc
}

fn rollup_of(sc: &Scenario) -> Rollup {
    let (files, receipts) = sc.inputs();
    rollup(&sc.campaign, &receipts, &sc.check(&files, &receipts, AS_OF))
}

/// The scenario's rollup and the four books written into a fresh folder.
struct Written {
    rollup: Rollup,
    out: tempfile::TempDir,
}

impl Written {
    fn new() -> Written {
        let sc = scenario();
        let (files, receipts) = sc.inputs();
        let check = sc.check(&files, &receipts, AS_OF);
        let rollup = rollup(&sc.campaign, &receipts, &check);
        let out = tempfile::tempdir().unwrap();
        let written =
            books::write_all(&sc.campaign, &rollup, &check, out.path(), Vec::new()).unwrap();
        let names: Vec<_> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap())
            .collect();
        assert_eq!(names, [LIAISON_BOOK, PLAN_BOOK, PROGRESS_BOOK, STATUS_BOOK]);
        Written { rollup, out }
    }

    fn book(&self, name: &str) -> Xlsx<std::io::BufReader<std::fs::File>> {
        open_workbook(self.out.path().join(name)).unwrap()
    }

    fn sheet(&self, name: &str, sheet: &str) -> Range<Data> {
        self.book(name).worksheet_range(sheet).unwrap()
    }

    fn formulas(&self, name: &str, sheet: &str) -> Range<String> {
        self.book(name).worksheet_formula(sheet).unwrap()
    }

    /// The 附件3 book as LibreOffice converts it (`common::soffice_convert`).
    fn progress_converted(&self, format: &str, extension: &str) -> std::path::PathBuf {
        let book = self.out.path().join(PROGRESS_BOOK);
        common::soffice_convert(&book, format, extension, self.out.path())
    }
}

fn number(range: &Range<Data>, cell: &str) -> f64 {
    match at(range, cell) {
        Data::Float(v) => *v,
        Data::Int(v) => *v as f64,
        other => panic!("{cell} holds {other:?}, not a number"),
    }
}

fn formula(range: &Range<String>, cell: &str) -> String {
    range.get_value(position(cell)).cloned().unwrap_or_default()
}

/// A date or date-time cell as (year, month, day, hour, minute).
fn stamp(cell: &Data) -> (u16, u8, u8, u8, u8) {
    let Data::DateTime(value) = cell else {
        panic!("{cell:?} is no date")
    };
    let (y, m, d, h, min, _, _) = value.to_ymd_hms_milli();
    (y, m, d, h, min)
}

const METRIC_COLUMNS: [&str; 6] = ["D", "E", "F", "G", "H", "I"];

#[test]
fn the_progress_book_has_its_sheets_in_order() {
    let w = Written::new();
    let book = w.book(PROGRESS_BOOK);
    assert_eq!(
        book.sheet_names(),
        ["汇总", "图表", "分单位", "明细", "未纳入"]
    );
    assert_eq!(w.book(LIAISON_BOOK).sheet_names(), ["联络员汇总"]);
    assert_eq!(w.book(PLAN_BOOK).sheet_names(), ["计划汇总", "分事项统计"]);
}

#[test]
fn the_summary_sheet_titles_and_header() {
    let w = Written::new();
    let sheet = w.sheet(PROGRESS_BOOK, "汇总");
    assert_eq!(text(&sheet, "A1"), "2021年“安全生产月”活动进展情况汇总表");
    assert_eq!(
        text(&sheet, "A2"),
        "数据截至 2021年6月30日 23:59（共 3 个单位纳入汇总，11 个单位未纳入）"
    );
    // The six metrics, as the form heads them.
    let metrics = &PROGRESS_HEADER[2..8];
    assert_eq!(
        row_texts(&sheet, 3),
        [&["类别", "序号", "活动事项"], metrics].concat()
    );
}

/// Item i (0-based), metric m of the scenario: 党建室 10·i + m (整改 = 排查), 公共室 1, 环卫中心 2.
fn expected(i: usize, m: usize) -> f64 {
    (10 * i + m.min(4)) as f64 + 3.0
}

#[test]
fn the_summary_sheet_holds_items_subtotals_and_the_total() {
    let w = Written::new();
    let sheet = w.sheet(PROGRESS_BOOK, "汇总");
    let formulas = w.formulas(PROGRESS_BOOK, "汇总");
    // Categories of 2, 2, 2 and 4 items, each followed by its 小计 row.
    let layout: [(&str, &[usize], u32); 4] = [
        (
            "一、推动学习习近平总书记关于安全生产重要论述精神走深走实",
            &[0, 1],
            4,
        ),
        ("二、扎实开展安全生产综合整治", &[2, 3], 7),
        ("三、大力开展安全生产咨询演练活动", &[4, 5], 10),
        ("四、努力培育安全文化", &[6, 7, 8, 9], 13),
    ];
    let mut subtotal_rows = Vec::new();
    for (k, (category, items, first)) in layout.iter().enumerate() {
        assert_eq!(text(&sheet, &format!("A{first}")), *category);
        for (j, &i) in items.iter().enumerate() {
            let row = first + j as u32;
            assert_eq!(number(&sheet, &format!("B{row}")), (i + 1) as f64);
            assert_eq!(text(&sheet, &format!("C{row}")), common::ITEMS[i]);
            for (m, col) in METRIC_COLUMNS.iter().enumerate() {
                assert_eq!(
                    number(&sheet, &format!("{col}{row}")),
                    expected(i, m),
                    "{col}{row}"
                );
                assert_eq!(w.rollup.progress.by_item[i].values[m], expected(i, m));
            }
        }
        let subtotal = first + items.len() as u32;
        subtotal_rows.push(subtotal);
        assert_eq!(text(&sheet, &format!("A{subtotal}")), "小计");
        for (m, col) in METRIC_COLUMNS.iter().enumerate() {
            let cell = format!("{col}{subtotal}");
            let last = subtotal - 1;
            assert_eq!(
                formula(&formulas, &cell),
                format!("SUM({col}{first}:{col}{last})")
            );
            let value: f64 = items.iter().map(|&i| expected(i, m)).sum();
            assert_eq!(number(&sheet, &cell), value, "{cell}");
            assert_eq!(w.rollup.progress.by_category[k].values[m], value);
        }
    }
    assert_eq!(subtotal_rows, [6, 9, 12, 17]);
    assert_eq!(text(&sheet, "A18"), "合计");
    for (m, col) in METRIC_COLUMNS.iter().enumerate() {
        let cell = format!("{col}18");
        assert_eq!(
            formula(&formulas, &cell),
            format!("SUM({col}6,{col}9,{col}12,{col}17)")
        );
        assert_eq!(number(&sheet, &cell), w.rollup.progress.total[m]);
    }
    // Σ (10·i + 3) over ten items.
    assert_eq!(number(&sheet, "D18"), 480.0);
    assert_eq!(sheet.get_size().0, 18, "nothing below the 合计 row");
    let xml = part(
        &w.out.path().join(PROGRESS_BOOK),
        "xl/worksheets/sheet1.xml",
    );
    assert!(
        !xml.contains("<drawing") && !xml.contains("<rowBreaks"),
        "the chart has a sheet of its own: {xml}"
    );
}

#[test]
fn the_chart_sheet_charts_the_item_rows_of_the_summary() {
    let w = Written::new();
    let path = w.out.path().join(PROGRESS_BOOK);
    let sheet = part(&path, "xl/chartsheets/sheet1.xml");
    assert!(
        sheet.contains("<pageSetup paperSize=\"9\" orientation=\"landscape\""),
        "{sheet}"
    );
    assert!(
        sheet.contains(
            "<oddHeader>&amp;C数据截至 2021年6月30日 23:59（共 3 个单位纳入汇总，11 个单位未纳入）</oddHeader>"
        ),
        "{sheet}"
    );
    assert!(
        sheet.contains("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"),
        "{sheet}"
    );
    let chart = part(&path, "xl/charts/chart1.xml");
    assert!(chart.contains("各活动事项开展场次与参与人次"));
    let items = "(汇总!$D$4:$D$5,汇总!$D$7:$D$8,汇总!$D$10:$D$11,汇总!$D$13:$D$16)";
    assert!(chart.contains(items), "{chart}");
    assert!(chart.contains("(汇总!$C$4:$C$5,汇总!$C$7:$C$8,汇总!$C$10:$C$11,汇总!$C$13:$C$16)"));
    assert!(chart.contains("(汇总!$E$4:$E$5,汇总!$E$7:$E$8,汇总!$E$10:$E$11,汇总!$E$13:$E$16)"));
    // 开展场次 as columns, 参与人次 as a line on an axis of its own.
    assert!(
        chart.contains("<c:barChart>") && chart.contains("<c:lineChart>"),
        "{chart}"
    );
    assert_eq!(chart.matches("<c:valAx>").count(), 2, "{chart}");
    // Item names lie level rather than on their side.
    let axis = chart.split("<c:catAx>").nth(1).unwrap();
    let axis = axis.split("</c:catAx>").next().unwrap();
    assert!(
        axis.contains("<a:bodyPr rot=\"0\" vert=\"horz\"/>"),
        "{axis}"
    );
}

/// LibreOffice prints 汇总 with its 合计 on page 1 and its chart alone on
/// page 2, the item names level on the axis; every other sheet follows on a
/// page of its own.
#[test]
fn libreoffice_prints_the_summary_and_its_chart_on_a_page_each() {
    let w = Written::new();
    let pdf = w.progress_converted("pdf", "pdf");
    // One page per sheet: 汇总, 图表, 分单位, 明细 (thirty rows) and 未纳入.
    assert_eq!(common::pdf_pages(&pdf), 5);
    let page = |n| common::pdf_text(&pdf, n, TextOrder::Layout);
    let titles = [
        (1, "活动进展情况汇总表"),
        (3, "活动进展情况分单位汇总表"),
        (4, "活动进展情况明细表"),
        (5, "活动进展情况未纳入汇总的单位"),
    ];
    for (n, title) in titles {
        let text = page(n);
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        assert_eq!(
            first.trim(),
            format!("2021年“安全生产月”{title}"),
            "page {n}"
        );
        assert!(text.contains(&format!("第 {n} 页，共 5 页")), "{text}");
    }

    let summary = page(1);
    let total = summary
        .lines()
        .find(|l| l.trim_start().starts_with("合计"))
        .unwrap_or_else(|| panic!("no 合计 on page 1: {summary}"));
    assert_eq!(
        total.split_whitespace().collect::<Vec<_>>(),
        ["合计", "480", "490", "500", "510", "520", "520"]
    );
    assert!(
        !summary.contains("各活动事项开展场次与参与人次"),
        "{summary}"
    );

    // The chart page: the as-of line as its header, then the chart, and no
    // row of 汇总 (its title, its header, its 合计) repeated above it.
    let chart = page(2);
    let lines: Vec<&str> = chart
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        lines[..2],
        [
            "数据截至 2021年6月30日 23:59（共 3 个单位纳入汇总，11 个单位未纳入）",
            "各活动事项开展场次与参与人次"
        ],
        "{chart}"
    );
    assert_eq!(lines.last(), Some(&"第 2 页，共 5 页"), "{chart}");
    for row in ["类别", "合计"] {
        assert!(!chart.contains(row), "{row} on the chart page: {chart}");
    }
    // Level names stand side by side on one line; names on their side would
    // come out a character per line.
    let axis = chart
        .lines()
        .find(|l| l.contains("专题学习"))
        .unwrap_or_else(|| panic!("no 专题学习 on page 2: {chart}"));
    for name in ["应急演练", "全媒体联动"] {
        assert!(axis.contains(name), "{name} is not beside 专题学习: {axis}");
    }
    // Every name whole and in order, wrapped lines joined.
    let drawn: String = common::pdf_text(&pdf, 2, TextOrder::Drawn)
        .split_whitespace()
        .collect();
    assert!(drawn.contains(&common::ITEMS.concat()), "{drawn}");
}

#[test]
fn the_unit_sheet_lists_counted_units_in_campaign_order() {
    let w = Written::new();
    let sheet = w.sheet(PROGRESS_BOOK, "分单位");
    let formulas = w.formulas(PROGRESS_BOOK, "分单位");
    assert_eq!(
        text(&sheet, "A1"),
        "2021年“安全生产月”活动进展情况分单位汇总表"
    );
    assert_eq!(
        &row_texts(&sheet, 3)[..3],
        ["序号", "单位", "开展场次（场）"]
    );
    let units = ["党建室", "公共室", "区环境卫生服务中心"];
    // 开展场次 of each: Σ 10·i = 450, 10 × 1, 10 × 2.
    let sessions = [450.0, 10.0, 20.0];
    for (i, unit) in units.iter().enumerate() {
        let row = 4 + i;
        assert_eq!(number(&sheet, &format!("A{row}")), (i + 1) as f64);
        assert_eq!(text(&sheet, &format!("B{row}")), *unit);
        assert_eq!(number(&sheet, &format!("C{row}")), sessions[i]);
    }
    assert_eq!(text(&sheet, "A7"), "合计");
    assert_eq!(formula(&formulas, "C7"), "SUM(C4:C6)");
    assert_eq!(number(&sheet, "C7"), 480.0);
    assert_eq!(formula(&formulas, "H7"), "SUM(H4:H6)");
    assert_eq!(number(&sheet, "H7"), w.rollup.progress.total[5]);
}

#[test]
fn the_detail_sheet_has_one_row_per_counted_row() {
    let w = Written::new();
    let sheet = w.sheet(PROGRESS_BOOK, "明细");
    let detail = &w.rollup.progress.detail;
    assert_eq!(detail.len(), 30);
    assert_eq!(sheet.get_size().0, 3 + detail.len());
    assert_eq!(
        row_texts(&sheet, 3)[9..],
        ["备注", "来源文件", "工作表", "行", "提交", "收到时间"]
    );
    assert_eq!(text(&sheet, "A4"), "党建室");
    assert_eq!(number(&sheet, "B4"), 1.0);
    assert_eq!(text(&sheet, "C4"), "专题学习");
    assert_eq!(number(&sheet, "E5"), 11.0);
    assert_eq!(text(&sheet, "K4"), "submissions/党建室/附件3.xlsx");
    assert_eq!(text(&sheet, "L4"), "附件3");
    assert_eq!(number(&sheet, "M4"), 4.0);
    assert_eq!(number(&sheet, "M5"), 5.0);
    // In no repository: no commit gave the content.
    assert_eq!(text(&sheet, "N4"), "");
    assert_eq!(stamp(at(&sheet, "O4")), (2021, 6, 27, 10, 0));
    let last = 3 + detail.len();
    assert_eq!(text(&sheet, &format!("A{last}")), "区环境卫生服务中心");
    assert_eq!(
        text(&sheet, &format!("K{last}")),
        "submissions/环卫中心/附件3.xlsx"
    );
    assert_eq!(number(&sheet, &format!("D{last}")), 2.0);
    let autofilter = part(
        &w.out.path().join(PROGRESS_BOOK),
        "xl/worksheets/sheet3.xml",
    );
    assert!(
        autofilter.contains(&format!("<autoFilter ref=\"A3:O{last}\"/>")),
        "{autofilter}"
    );
}

#[test]
fn the_excluded_sheet_names_every_unit_not_counted_and_the_older_versions() {
    let w = Written::new();
    let sheet = w.sheet(PROGRESS_BOOK, "未纳入");
    assert_eq!(row_texts(&sheet, 3), ["序号", "单位", "状态", "原因", ""]);
    let excluded = &w.rollup.progress.excluded;
    assert_eq!(excluded.len(), 11);
    // Campaign order: 市政道路桥梁室 (invalid) comes before the missing ones.
    assert_eq!(text(&sheet, "B4"), "市政道路桥梁室");
    assert_eq!(text(&sheet, "C4"), "有误");
    let reason = text(&sheet, "D4");
    assert!(reason.starts_with("有误："), "{reason}");
    assert!(reason.contains("H4"), "{reason}");
    assert_eq!(text(&sheet, "B5"), "市容环卫室");
    assert_eq!(text(&sheet, "C5"), "未报");
    assert_eq!(text(&sheet, "D5"), "未报");
    assert_eq!(text(&sheet, "B14"), "区城市照明管理所");
    // One blank row, the caption, the header, one row per older file.
    assert_eq!(text(&sheet, "A16"), "以下旧版本未计入汇总");
    assert_eq!(
        row_texts(&sheet, 17),
        ["序号", "单位", "报送事项", "计入的文件", "未计入的旧版本"]
    );
    assert_eq!(
        row_texts(&sheet, 18),
        [
            "1",
            "区环境卫生服务中心",
            "附件3 活动进展情况统计表",
            "submissions/环卫中心/附件3.xlsx",
            "submissions/环卫中心/附件3-初稿.xlsx"
        ]
    );
    assert_eq!(sheet.get_size().0, 18);
}

#[test]
fn the_liaison_book_lists_everyone_and_marks_missing_units_in_place() {
    let w = Written::new();
    let sheet = w.sheet(LIAISON_BOOK, "联络员汇总");
    assert_eq!(text(&sheet, "A1"), "2021年“安全生产月”活动联络员汇总表");
    assert_eq!(
        text(&sheet, "A2"),
        "数据截至 2021年6月30日 23:59（共 3 名联络员，来自 2 个单位；12 个单位未报或有误，已用红色底色标出）"
    );
    assert_eq!(
        row_texts(&sheet, 3),
        [
            "序号",
            "单位",
            "联络员姓名",
            "职务",
            "办公电话",
            "手机号码",
            "电子邮箱",
            "备注"
        ]
    );
    assert_eq!(
        row_texts(&sheet, 4),
        [
            "1",
            "党建室",
            "张三",
            "科员",
            "022-12345678",
            "13800001234",
            "someone@example.com",
            ""
        ]
    );
    assert_eq!(text(&sheet, "C5"), "李四");
    assert_eq!(
        text(&sheet, "F6"),
        "13700009999",
        "a mobile number stays text"
    );
    assert_eq!(
        row_texts(&sheet, 7),
        ["", "市政道路桥梁室", "", "", "", "", "", "未报"]
    );
    assert_eq!(sheet.get_size().0, 3 + 3 + 12);
    assert_eq!(text(&sheet, "B18"), "区城市照明管理所");

    let path = w.out.path().join(LIAISON_BOOK);
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    let (listed, missing) = (style_of(&xml, "B4"), style_of(&xml, "B7"));
    assert_ne!(listed, missing);
    assert_eq!(
        fill_of(&part(&path, "xl/styles.xml"), missing).as_deref(),
        Some("FFFFC7CE")
    );
}

#[test]
fn the_plan_book_lists_activities_by_start_date_with_brands_shaded() {
    let w = Written::new();
    let sheet = w.sheet(PLAN_BOOK, "计划汇总");
    assert_eq!(
        text(&sheet, "A1"),
        "2021年“安全生产月”活动重点活动计划汇总表"
    );
    assert_eq!(
        text(&sheet, "A2"),
        "数据截至 2021年6月30日 23:59（共 3 项重点活动，来自 2 个单位；其中品牌活动 1 项，已用底色标出）"
    );
    assert_eq!(
        row_texts(&sheet, 3)[..6],
        [
            "序号",
            "单位",
            "活动名称",
            "对应活动事项",
            "活动形式",
            "计划开始日期"
        ]
    );
    let names: Vec<String> = (4..=6).map(|r| text(&sheet, &format!("C{r}"))).collect();
    assert_eq!(names, ["安全咨询日", "安全知识讲座", "燃气泄漏应急演练"]);
    assert_eq!(text(&sheet, "B6"), "公共室");
    assert_eq!(text(&sheet, "D6"), "6 应急演练");
    assert_eq!(stamp(at(&sheet, "F6")), (2021, 6, 15, 0, 0));
    assert_eq!(number(&sheet, "J6"), 20.0);
    assert_eq!(text(&sheet, "K6"), "是");
    assert_eq!(text(&sheet, "K5"), "否");

    let path = w.out.path().join(PLAN_BOOK);
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert_ne!(style_of(&xml, "C6"), style_of(&xml, "C5"));
    assert_eq!(style_of(&xml, "C4"), style_of(&xml, "C5"));
    let styles = part(&path, "xl/styles.xml");
    assert_eq!(
        fill_of(&styles, style_of(&xml, "C6")).as_deref(),
        Some("FFFFF2CC")
    );
    assert_eq!(fill_of(&styles, style_of(&xml, "C5")), None);
}

#[test]
fn the_plan_book_counts_activities_per_item_and_unit() {
    let w = Written::new();
    let sheet = w.sheet(PLAN_BOOK, "分事项统计");
    let formulas = w.formulas(PLAN_BOOK, "分事项统计");
    assert_eq!(
        row_texts(&sheet, 3),
        ["序号", "活动事项", "党建室", "公共室", "合计"]
    );
    assert_eq!(row_texts(&sheet, 4), ["1", "专题学习", "1", "0", "1"]);
    assert_eq!(row_texts(&sheet, 8), ["5", "集中宣传咨询", "0", "1", "1"]);
    assert_eq!(row_texts(&sheet, 9), ["6", "应急演练", "0", "1", "1"]);
    assert_eq!(
        row_texts(&sheet, 13),
        ["10", common::ITEMS[9], "0", "0", "0"]
    );
    assert_eq!(formula(&formulas, "E4"), "SUM(C4:D4)");
    assert_eq!(row_texts(&sheet, 14), ["合计", "", "1", "2", "3"]);
    assert_eq!(formula(&formulas, "C14"), "SUM(C4:C13)");
    assert_eq!(formula(&formulas, "E14"), "SUM(E4:E13)");
}

#[test]
fn the_same_rollup_gives_the_same_bytes() {
    let sc = scenario();
    let rollup = rollup_of(&sc);
    let build = [books::progress_book, books::liaison_book, books::plan_book];
    for build in build {
        let first = build(&sc.campaign, &rollup)
            .unwrap()
            .save_to_buffer()
            .unwrap();
        let again = build(&sc.campaign, &rollup_of(&sc))
            .unwrap()
            .save_to_buffer()
            .unwrap();
        assert!(first == again, "two builds differ");
    }
}

#[test]
fn the_books_are_print_ready_and_dated_by_the_rollup() {
    let w = Written::new();
    let path = w.out.path().join(PROGRESS_BOOK);
    for sheet in 1..=4 {
        let xml = part(&path, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(xml.contains("<pageSetup paperSize=\"9\""), "sheet{sheet}");
        assert!(xml.contains("orientation=\"landscape\""), "sheet{sheet}");
        assert!(
            xml.contains("<pane ySplit=\"3\" topLeftCell=\"A4\""),
            "sheet{sheet}: {xml}"
        );
    }
    let workbook = part(&path, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"), "{workbook}");
    let core = part(&path, "docProps/core.xml");
    assert!(core.contains("2021-06-30T00:00:00Z"), "{core}");
    assert!(
        core.contains("<dc:title>2021年“安全生产月”活动进展情况汇总表</dc:title>"),
        "{core}"
    );
}

#[test]
fn a_campaign_with_nothing_returned_still_gives_every_book() {
    let sc = Scenario::new();
    let (files, receipts) = sc.inputs();
    let check = sc.check(&files, &receipts, AS_OF);
    let rollup = rollup(&sc.campaign, &receipts, &check);
    let out = tempfile::tempdir().unwrap();
    books::write_all(&sc.campaign, &rollup, &check, out.path(), Vec::new()).unwrap();
    let mut progress: Xlsx<_> = open_workbook(out.path().join(PROGRESS_BOOK)).unwrap();
    let summary = progress.worksheet_range("汇总").unwrap();
    assert_eq!(
        text(&summary, "A2"),
        "数据截至 2021年6月30日 23:59（共 0 个单位纳入汇总，14 个单位未纳入）"
    );
    assert_eq!(number(&summary, "D18"), 0.0);
    let by_unit = progress.worksheet_range("分单位").unwrap();
    assert_eq!(text(&by_unit, "A4"), "暂无单位纳入汇总");
    assert_eq!(text(&by_unit, "A5"), "合计");
    assert_eq!(number(&by_unit, "C5"), 0.0);
    let detail = progress.worksheet_range("明细").unwrap();
    assert_eq!(detail.get_size().0, 3);
    let excluded = progress.worksheet_range("未纳入").unwrap();
    assert_eq!(excluded.get_size().0, 3 + 14);

    let mut plans: Xlsx<_> = open_workbook(out.path().join(PLAN_BOOK)).unwrap();
    let by_item = plans.worksheet_range("分事项统计").unwrap();
    assert_eq!(row_texts(&by_item, 3), ["序号", "活动事项", "合计"]);
    assert_eq!(row_texts(&by_item, 14), ["合计", "", "0"]);
    let mut liaisons: Xlsx<_> = open_workbook(out.path().join(LIAISON_BOOK)).unwrap();
    let roster = liaisons.worksheet_range("联络员汇总").unwrap();
    assert_eq!(roster.get_size().0, 3 + 14);
    assert_eq!(text(&roster, "H4"), "未报");
    let mut status: Xlsx<_> = open_workbook(out.path().join(STATUS_BOOK)).unwrap();
    let matrix = status.worksheet_range("报送情况").unwrap();
    assert_eq!(
        row_texts(&matrix, 4),
        ["党建室", "未报", "未报", "未报", "未报", "未报", "—", "0/5"]
    );
    assert_eq!(
        row_texts(&matrix, 18),
        ["完成", "0/14", "0/14", "0/14", "0/14", "0/14", "—", "0/70"]
    );
}

#[test]
fn when_everyone_is_counted_the_excluded_sheet_says_so() {
    let sc = scenario();
    let mut rollup = rollup_of(&sc);
    rollup.progress.excluded.clear();
    rollup.superseded.clear();
    let mut book = books::progress_book(&sc.campaign, &rollup).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let mut xlsx = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = xlsx.worksheet_range("未纳入").unwrap();
    assert_eq!(text(&sheet, "A4"), "全部单位均已纳入汇总");
    assert_eq!(sheet.get_size().0, 4);
}

/// LibreOffice recalculates every formula on load (see `common::soffice_convert`):
/// the live 小计 and 合计 must come out as the rollup's numbers.
#[test]
fn libreoffice_recalculates_the_summary_to_the_rollup() {
    let w = Written::new();
    let csv = w.progress_converted("csv:Text - txt - csv (StarCalc):44,34,76,1", "csv");
    let text = std::fs::read_to_string(csv).unwrap();
    let shown = |values: &[f64]| -> String {
        values
            .iter()
            .map(|v| format!("{v}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let subtotals: Vec<&str> = text.lines().filter(|l| l.starts_with("\"小计\"")).collect();
    let expected: Vec<String> = w
        .rollup
        .progress
        .by_category
        .iter()
        .map(|c| format!("\"小计\",,,{}", shown(&c.values)))
        .collect();
    assert_eq!(subtotals, expected, "{text}");
    let total = text
        .lines()
        .find(|l| l.starts_with("\"合计\""))
        .expect("a 合计 row");
    assert_eq!(
        total,
        format!("\"合计\",,,{}", shown(&w.rollup.progress.total))
    );
    assert_eq!(total, "\"合计\",,,480,490,500,510,520,520");
}
