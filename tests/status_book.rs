//! 报送情况.xlsx, the leaders' status workbook, built from a real check and
//! read back with calamine, the zip package and LibreOffice.

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use campaign::merge::books::{self, STATUS_BOOK};
use chrono::DateTime;
use common::{C, Scenario, TextOrder, at, fill_of, liaison_rows, part, row_texts, style_of, text};

const AS_OF: &str = "2021-06-10T12:00:00+08:00";

/// Files dated by the receipt ledger.
const RECEIVED: [(&str, &str); 8] = [
    ("submissions/党建室/附件1.xlsx", "2021-06-02T10:00:00+08:00"),
    (
        "submissions/党建室/附件1-更正.xlsx",
        "2021-06-04T09:00:00+08:00",
    ),
    ("submissions/党建室/附件2.xlsx", "2021-06-02T11:00:00+08:00"),
    (
        "submissions/党建室/党建室安全生产月活动方案.docx",
        "2021-06-08T09:00:00+08:00",
    ),
    (
        "submissions/党建室/重点活动/安全知识讲座/照片.jpg",
        "2021-06-09T15:00:00+08:00",
    ),
    ("submissions/公共室/附件1.xlsx", "2021-06-05T10:00:00+08:00"),
    (
        "submissions/市政道路桥梁室/附件1.xlsx",
        "2021-06-02T10:00:00+08:00",
    ),
    // Not committed and not in the ledger: dated by its modification time.
    (
        "submissions/区环境卫生服务中心/附件1.xlsx",
        "2021-06-02T16:00:00+08:00",
    ),
];

/// As it stood on June 10 at noon, 计划财务室 exempt from the summary and
/// the 方案 of 安全监管室 and 区园林绿化服务中心 extended to June 11:
///
/// - 党建室: 附件1 on time, then revised; 附件2 on time with two key
///   activities, the photos of the first on time, the second not yet due;
///   its 方案 on time;
/// - 公共室: 附件1 a day late; 市政道路桥梁室: an invalid 附件1;
/// - 区环境卫生服务中心: 附件1 not committed yet, on time by its
///   modification time;
/// - everything else missing, 附件3 and the summary not yet due.
fn scenario() -> Scenario {
    let sc = Scenario::with_definition(&common::exempt_and_extended());
    let roster = |unit: &str| liaison_rows(unit, &[("赵六", "13800001234")]);
    sc.xlsx(RECEIVED[0].0, &[("附件1", roster("党建室"))]);
    sc.xlsx(
        RECEIVED[1].0,
        &[("附件1", liaison_rows("党建室", &[("孙八", "13700002468")]))],
    );
    let plan = common::plan_rows(
        "党建室",
        &[("安全知识讲座", 1, 8, "否"), ("应急演练观摩", 6, 25, "否")],
    );
    sc.xlsx(RECEIVED[2].0, &[("附件2", plan)]);
    sc.bytes(RECEIVED[3].0, b"docx");
    sc.bytes(RECEIVED[4].0, b"jpeg");
    sc.xlsx(RECEIVED[5].0, &[("附件1", roster("公共室"))]);
    let mut wrong = roster("市政道路桥梁室");
    wrong[3][5] = C::S("1380000123".to_owned());
    sc.xlsx(RECEIVED[6].0, &[("附件1", wrong)]);
    let (uncommitted, modified) = RECEIVED[7];
    sc.xlsx(uncommitted, &[("附件1", roster("区环境卫生服务中心"))]);
    std::fs::File::options()
        .write(true)
        .open(sc.path(uncommitted))
        .unwrap()
        .set_modified(DateTime::parse_from_rfc3339(modified).unwrap().into())
        .unwrap();
    sc.ledger(&RECEIVED[..7]);
    sc
}

/// The book's bytes, built from the scenario's check.
fn build(sc: &Scenario) -> Vec<u8> {
    let (files, receipts) = sc.inputs();
    let check = sc.check(&files, &receipts, AS_OF);
    books::status_book(&sc.campaign, &check)
        .unwrap()
        .save_to_buffer()
        .unwrap()
}

/// The scenario's book written into a fresh folder.
struct Written {
    out: tempfile::TempDir,
}

impl Written {
    fn new() -> Written {
        let out = tempfile::tempdir().unwrap();
        std::fs::write(out.path().join(STATUS_BOOK), build(&scenario())).unwrap();
        Written { out }
    }

    fn path(&self) -> PathBuf {
        self.out.path().join(STATUS_BOOK)
    }

    fn sheet(&self, name: &str) -> Range<Data> {
        let mut book: Xlsx<_> = open_workbook(self.path()).unwrap();
        book.worksheet_range(name).unwrap()
    }
}

/// The fill colour of a cell of worksheet `n` (counted from 1), if it has one.
fn fill(book: &Path, sheet: usize, cell: &str) -> Option<String> {
    let xml = part(book, &format!("xl/worksheets/sheet{sheet}.xml"));
    fill_of(&part(book, "xl/styles.xml"), style_of(&xml, cell))
}

// The status page's palette: one colour per tone, so 未报 and 有误 share red
// (their labels tell them apart), and 待报 is the page's neutral grey-blue.
const GREEN: &str = "FFDCF3E4";
const YELLOW: &str = "FFFDEFC8";
const RED: &str = "FFFDE0DE";
const BLUE: &str = "FFE8ECF2";
const ORANGE: &str = RED;
const GREY: &str = "FFF1F2F4";

/// The as-of line of both sheets: one file is counted by its modification time.
const AS_OF_LINE: &str =
    "数据截至 2021年6月10日 12:00（含 1 个尚未提交的文件，收到时间按文件修改时间计）";

/// Asserts the frame of a sheet: its title, its as-of line and its header
/// (cells joined by " | ").
fn assert_frame(sheet: &Range<Data>, title: &str, note: &str, header: &str) {
    assert_eq!(text(sheet, "A1"), title);
    assert_eq!(text(sheet, "A2"), note);
    assert_eq!(row_texts(sheet, 3).join(" | "), header);
}

#[test]
fn the_book_has_the_matrix_and_the_detail() {
    let w = Written::new();
    let book: Xlsx<_> = open_workbook(w.path()).unwrap();
    assert_eq!(book.sheet_names(), ["报送情况", "明细"]);
}

#[test]
fn the_matrix_shows_every_cell_as_check_labels_it() {
    let w = Written::new();
    let sheet = w.sheet("报送情况");
    assert_frame(
        &sheet,
        "2021年“安全生产月”活动报送情况表",
        AS_OF_LINE,
        "单位 | 附件1 | 附件2 | 活动方案 | 附件3 | 综合情况 | 活动资料 | 完成",
    );
    // Cells joined by " | ", as the rows read across the sheet.
    let rows = [
        (
            4,
            "党建室 | 按时↻ | 按时 | 按时 | 待报 | 待报 | 按时1 待报1 | 3/6",
        ),
        (5, "公共室 | 逾期1天 | 未报 | 未报 | 待报 | 待报 | — | 1/5"),
        (
            6,
            "市政道路桥梁室 | 有误 | 未报 | 未报 | 待报 | 待报 | — | 0/5",
        ),
        (
            9,
            "安全监管室 | 未报 | 未报 | 待报* | 待报 | 待报 | — | 0/5",
        ),
        (
            10,
            "计划财务室 | 未报 | 未报 | 未报 | 待报 | 免报 | — | 0/4",
        ),
        (
            11,
            "区环境卫生服务中心 | 按时† | 未报 | 未报 | 待报 | 待报 | — | 1/5",
        ),
        (
            12,
            "区园林绿化服务中心 | 未报 | 未报 | 待报* | 待报 | 待报 | — | 0/5",
        ),
        (
            17,
            "区城市照明管理所 | 未报 | 未报 | 未报 | 待报 | 待报 | — | 0/5",
        ),
    ];
    for (row, expected) in rows {
        assert_eq!(row_texts(&sheet, row).join(" | "), expected, "row {row}");
    }
}

#[test]
fn the_matrix_counts_what_is_complete_per_report_and_per_unit() {
    let w = Written::new();
    let sheet = w.sheet("报送情况");
    // 附件1: 党建室, 公共室 (late) and 区环境卫生服务中心; the materials: 党建室
    // owes two key activities and has handed in one, so it is not done; the
    // summary is owed by 13 units. Counted by unit × report, as the page counts.
    assert_eq!(
        row_texts(&sheet, 18),
        [
            "完成", "3/14", "1/14", "1/14", "0/14", "0/13", "0/1", "5/70"
        ]
    );
    assert_eq!(
        row_texts(&sheet, 19),
        ["图例", "按时", "逾期", "未报", "待报", "有误", "免报", ""]
    );
    assert_eq!(
        text(&sheet, "A20"),
        "完成：已按时或逾期报送且无误的事项数／应报事项数（免报不计；重点活动资料按单位计，每项活动都报送了才算完成）　\
         — 暂无重点活动　\
         * 已延期　↻ 已修订（以最新版本为准）　† 尚未提交，收到时间按文件修改时间计"
    );
    assert_eq!(sheet.get_size(), (20, 8));
}

#[test]
fn every_status_has_its_own_fill_beside_its_label() {
    let w = Written::new();
    let book = w.path();
    let fills = [
        ("B4", GREEN),  // 按时↻
        ("B5", YELLOW), // 逾期1天
        ("C5", RED),    // 未报
        ("E5", BLUE),   // 待报
        ("B6", ORANGE), // 有误
        ("F10", GREY),  // 免报
        ("D9", BLUE),   // 待报*
        // A cell of several results takes the colour that most calls for action.
        ("G4", BLUE), // 按时1 待报1
    ];
    for (cell, colour) in fills {
        assert_eq!(fill(&book, 1, cell).as_deref(), Some(colour), "{cell}");
    }
    // The legend shows the same colours, in the order of the statuses.
    let legend = ["B19", "C19", "D19", "E19", "F19", "G19"];
    let colours = [GREEN, YELLOW, RED, BLUE, ORANGE, GREY];
    for (cell, colour) in legend.iter().zip(colours) {
        assert_eq!(fill(&book, 1, cell).as_deref(), Some(colour), "{cell}");
    }
    // Unit names, a cell without results and the counts stay unfilled.
    for cell in ["A4", "G5", "H4"] {
        assert_eq!(fill(&book, 1, cell), None, "{cell}");
    }
}

#[test]
fn the_detail_has_one_row_per_result() {
    let w = Written::new();
    let sheet = w.sheet("明细");
    let note = format!(
        "{AS_OF_LINE}；共 72 项：按时 5，逾期 1，未报 34，待报 30，有误 1，免报 1　\
         * 已延期　↻ 已修订（以最新版本为准）　† 尚未提交，收到时间按文件修改时间计"
    );
    let header = "单位 | 报送事项 | 截止时间 | 状态 | 收到时间 | 收到方式 | 逾期 | 修订时间 | 文件";
    assert_frame(
        &sheet,
        "2021年“安全生产月”活动报送情况明细表",
        &note,
        header,
    );
    assert_eq!(sheet.get_size(), (3 + 72, 9));
    // 党建室: 附件1 revised, 附件2, 方案, 附件3, the summary, two key activities.
    assert_eq!(
        [
            text(&sheet, "A4"),
            text(&sheet, "B4"),
            text(&sheet, "C4"),
            text(&sheet, "D4"),
            text(&sheet, "F4"),
            text(&sheet, "G4"),
            text(&sheet, "I4"),
        ],
        [
            "党建室",
            "附件1 联络员表",
            "2021年6月3日",
            "按时↻",
            "收件登记",
            "",
            "submissions/党建室/附件1-更正.xlsx"
        ]
    );
    assert_eq!(stamp(at(&sheet, "E4")), (2021, 6, 2, 10, 0));
    assert_eq!(stamp(at(&sheet, "H4")), (2021, 6, 4, 9, 0));
    assert_eq!(
        row_texts(&sheet, 9)[..4].join(" | "),
        "党建室 | 重点活动资料 · 安全知识讲座 | 2021年6月11日 | 按时"
    );
    assert_eq!(
        text(&sheet, "I9"),
        "submissions/党建室/重点活动/安全知识讲座/照片.jpg"
    );
    assert_eq!(
        row_texts(&sheet, 10).join(" | "),
        "党建室 | 重点活动资料 · 应急演练观摩 | 2021年6月28日 | 待报 |  |  |  |  | "
    );
    // 公共室's late 附件1, then its missing 附件2.
    assert_eq!(text(&sheet, "D11"), "逾期1天");
    assert_eq!(text(&sheet, "G11"), "1天");
    assert_eq!(stamp(at(&sheet, "E11")), (2021, 6, 5, 10, 0));
    assert_eq!(
        row_texts(&sheet, 12).join(" | "),
        "公共室 | 附件2 重点活动计划安排表 | 2021年6月3日 | 未报 |  |  |  |  | "
    );
    // 区环境卫生服务中心's 附件1, dated by its modification time.
    let uncommitted = (4..=75)
        .find(|&row| text(&sheet, &format!("I{row}")) == RECEIVED[7].0)
        .expect("the uncommitted 附件1");
    assert_eq!(text(&sheet, &format!("D{uncommitted}")), "按时†");
    assert_eq!(
        text(&sheet, &format!("F{uncommitted}")),
        "未提交，按文件修改时间"
    );
    assert_eq!(
        fill(&w.path(), 2, &format!("D{uncommitted}")).as_deref(),
        Some(GREEN)
    );
    let xml = part(&w.path(), "xl/worksheets/sheet2.xml");
    assert!(xml.contains("<autoFilter ref=\"A3:I75\"/>"), "{xml}");
}

/// A date-time cell as (year, month, day, hour, minute).
fn stamp(cell: &Data) -> (u16, u8, u8, u8, u8) {
    let Data::DateTime(value) = cell else {
        panic!("{cell:?} is no date")
    };
    let (y, m, d, h, min, _, _) = value.to_ymd_hms_milli();
    (y, m, d, h, min)
}

#[test]
fn the_same_check_gives_the_same_bytes() {
    let sc = scenario();
    let first = build(&sc);
    assert!(first == build(&sc), "two builds differ");
    let core = {
        let out = tempfile::tempdir().unwrap();
        let path = out.path().join(STATUS_BOOK);
        std::fs::write(&path, &first).unwrap();
        part(&path, "docProps/core.xml")
    };
    // Dated by the instant judged, never by the clock.
    assert!(core.contains("2021-06-10T00:00:00Z"), "{core}");
}

#[test]
fn both_sheets_are_print_ready() {
    let w = Written::new();
    for sheet in 1..=2 {
        let xml = part(&w.path(), &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(
            xml.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\""),
            "sheet{sheet}: {xml}"
        );
        assert!(
            xml.contains("<pane ySplit=\"3\" topLeftCell=\"A4\""),
            "sheet{sheet}"
        );
    }
    let workbook = part(&w.path(), "xl/workbook.xml");
    assert_eq!(
        workbook.matches("_xlnm.Print_Titles").count(),
        2,
        "{workbook}"
    );
}

/// LibreOffice prints 报送情况 — fourteen units, the counts, the legend — on
/// one A4 landscape page; 明细 starts on the next.
#[test]
fn libreoffice_prints_the_matrix_on_one_a4_landscape_page() {
    let w = Written::new();
    let pdf = common::soffice_convert(&w.path(), "pdf", "pdf", w.out.path());
    let (width, height) = common::pdf_page_size(&pdf, 1);
    assert_eq!((width.round(), height.round()), (842.0, 595.0));
    let first = common::pdf_text(&pdf, 1, TextOrder::Layout);
    let lines: Vec<&str> = first
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines[0], "2021年“安全生产月”活动报送情况表");
    let campaign = common::default_campaign();
    for unit in &campaign.units {
        assert!(
            lines.iter().any(|l| l.starts_with(unit.name.as_str())),
            "{} is not on page 1: {first}",
            unit.name
        );
    }
    let counts = lines
        .iter()
        .find(|l| l.starts_with("完成 "))
        .unwrap_or_else(|| panic!("no completion row on page 1: {first}"));
    assert_eq!(
        counts.split_whitespace().collect::<Vec<_>>(),
        [
            "完成", "3/14", "1/14", "1/14", "0/14", "0/13", "0/1", "5/70"
        ]
    );
    assert!(lines.iter().any(|l| l.starts_with("图例")), "{first}");
    let pages = common::pdf_pages(&pdf);
    assert!(
        first.contains(&format!("第 1 页，共 {pages} 页")),
        "{first}"
    );
    let second = common::pdf_text(&pdf, 2, TextOrder::Layout);
    let title = second.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    assert_eq!(title.trim(), "2021年“安全生产月”活动报送情况明细表");
}
