//! `check --format html` as a browser reads it. The page of the every-status
//! campaign (`common::scene`) is opened in headless Chromium and the tests
//! read the document Chromium built: matrix cells with their labels and
//! status codes, the completion figures, the problems by file, the chart's
//! bars; and of the page as written: valid HTML, nothing loaded from
//! elsewhere, no phone number, the same bytes for the same check.

mod common;

use std::sync::OnceLock;

use campaign::lang::Lang;
use campaign::output::{Format, Style, render};
use campaign::status::Check;
use common::scene::{AS_OF, FAIL_ON, Read, read};
use scraper::{ElementRef, Html, Selector};

/// The page of one check.
fn page(read: &Read, check: &Check, lang: Lang) -> String {
    let style = Style { color: false, lang };
    render(Format::Html, check, &read.campaign, &FAIL_ON, style)
}

/// The document Chromium builds from `html` opened from disk, serialised.
fn dump(html: &str) -> String {
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("status.html");
    std::fs::write(&path, html).expect("the page");
    common::chromium::dump_dom(&path)
}

fn browse(html: &str) -> Html {
    Html::parse_document(&dump(html))
}

/// The scene's page at [`AS_OF`] in Chinese, as written and as Chromium built it.
fn scene_page() -> &'static (String, String) {
    static PAGE: OnceLock<(String, String)> = OnceLock::new();
    PAGE.get_or_init(|| {
        let read = read();
        let html = page(&read, &read.check(), Lang::Zh);
        let dom = dump(&html);
        (html, dom)
    })
}

fn scene_dom() -> Html {
    Html::parse_document(&scene_page().1)
}

fn all<'a>(dom: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).expect("a valid selector");
    dom.select(&selector).collect()
}

fn one<'a>(dom: &'a Html, css: &str) -> ElementRef<'a> {
    let found = all(dom, css);
    assert_eq!(found.len(), 1, "{css}");
    found[0]
}

fn within<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).expect("a valid selector");
    element.select(&selector).collect()
}

fn text(element: ElementRef) -> String {
    element.text().collect()
}

/// A matrix cell: its text, its status codes and the colour classes of its chips.
fn cell(dom: &Html, unit: &str, report: &str) -> (String, Option<String>, Vec<String>) {
    let td = one(
        dom,
        &format!("table.matrix tr[data-unit=\"{unit}\"] td[data-report=\"{report}\"]"),
    );
    let chips = within(td, ".chip")
        .into_iter()
        .map(|chip| {
            let class = chip.attr("class").expect("a class");
            class.trim_start_matches("chip ").to_owned()
        })
        .collect();
    (text(td), td.attr("data-status").map(str::to_owned), chips)
}

// ── The page as written ──────────────────────────────────────────────────

#[test]
fn html_snapshot() {
    insta::assert_snapshot!(scene_page().0);
}

#[test]
fn the_same_check_gives_the_same_bytes() {
    let first = read();
    let second = read();
    let page_of = |read: &Read| page(read, &read.check(), Lang::Zh);
    assert_eq!(page_of(&first), page_of(&second));
    assert_eq!(page_of(&first), scene_page().0);
}

#[test]
fn the_page_is_html5_without_parse_errors() {
    let html = &scene_page().0;
    assert!(
        html.starts_with(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        ),
        "{html}"
    );
    assert!(html.ends_with("</html>\n"));
    let parsed = Html::parse_document(html);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
}

#[test]
fn nothing_is_loaded_from_elsewhere_and_no_phone_number_is_shown() {
    let (html, dom) = scene_page();
    let dom = Html::parse_document(dom);
    for element in [
        "script", "link", "img", "iframe", "object", "embed", "video", "audio", "source", "base",
        "form", "image", "use",
    ] {
        assert_eq!(all(&dom, element).len(), 0, "<{element}>");
    }
    for attribute in ["src", "href", "srcset", "action", "poster", "background"] {
        assert_eq!(
            all(&dom, &format!("[{attribute}]")).len(),
            0,
            "{attribute}="
        );
    }
    let style = text(one(&dom, "head style"));
    for loader in ["url(", "@import", "@font-face"] {
        assert!(!style.contains(loader), "{loader}");
    }
    // The only address on the page is the SVG namespace, which loads nothing.
    assert_eq!(
        html.matches("http").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
    // The chase list and its phone numbers stay off the page.
    for number in ["13800001234", "13900005678", "13700002468", "022-12345678"] {
        assert!(!html.contains(number), "{number}");
    }
    assert!(!html.contains("催报"));
    assert!(!html.contains("联络员 赵六"));
}

// ── What Chromium shows ──────────────────────────────────────────────────

#[test]
fn the_title_the_instant_and_the_counts() {
    let dom = scene_dom();
    assert_eq!(one(&dom, "html").attr("lang"), Some("zh-CN"));
    assert_eq!(
        text(one(&dom, "title")),
        "2021年“安全生产月”活动 报送情况（截至 2021年6月9日 12:00）"
    );
    assert_eq!(text(one(&dom, "h1")), "2021年“安全生产月”活动");
    assert_eq!(text(one(&dom, ".as-of")), "截至 2021年6月9日 12:00");
    let counts: Vec<(String, String, String)> = all(&dom, "#summary li")
        .into_iter()
        .map(|li| {
            (
                li.attr("data-status").expect("a status").to_owned(),
                text(within(li, ".what")[0]),
                text(within(li, ".n")[0]),
            )
        })
        .collect();
    let expected = [
        ("ok", "按时", "33"),
        ("late", "逾期", "3"),
        ("missing", "未报", "4"),
        ("pending", "待报", "38"),
        ("invalid", "有误", "3"),
        ("exempt", "免报", "1"),
    ];
    assert_eq!(
        counts,
        expected.map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    );
    assert_eq!(
        text(one(&dom, "#summary .lead")),
        "共 82 项报送事项（单位 × 报送内容），其中："
    );
    assert_eq!(
        text(one(&dom, "p.note")),
        "注意：状态按 2021年6月9日 12:00 判断，但表格内容按现在的文件读取（最近一次收到或修改在 2021年6月20日 10:00），当时的内容可能与现在不同。"
    );
}

#[test]
fn matrix_cells_carry_their_label_and_their_status() {
    let dom = scene_dom();
    let expect = |unit: &str, report: &str, label: &str, status: Option<&str>, tones: &[&str]| {
        let tones: Vec<String> = tones.iter().map(|t| t.to_string()).collect();
        assert_eq!(
            cell(&dom, unit, report),
            (label.to_owned(), status.map(str::to_owned), tones),
            "{unit} {report}"
        );
    };
    expect("党建室", "liaison", "按时↻", Some("ok"), &["good"]);
    expect("公共室", "liaison", "逾期1天", Some("late"), &["warn"]);
    expect("公共室", "plan", "未报", Some("missing"), &["bad"]);
    expect(
        "市政道路桥梁室",
        "plan",
        "逾期5小时",
        Some("late"),
        &["warn"],
    );
    expect("园林绿化室", "plan", "有误", Some("invalid"), &["bad"]);
    expect("安全监管室", "scheme", "按时*", Some("ok"), &["good"]);
    expect("计划财务室", "summary", "免报", Some("exempt"), &["dim"]);
    expect(
        "区城市照明管理所",
        "progress",
        "待报",
        Some("pending"),
        &["plain"],
    );
    // Due soon: pending, in the colour of a late report.
    expect(
        "区园林绿化服务中心",
        "scheme",
        "待报（剩2天）*",
        Some("pending"),
        &["warn"],
    );
    // A unit's key activities: one chip per status.
    expect(
        "党建室",
        "materials",
        "按时1 待报1",
        Some("ok pending"),
        &["good", "plain"],
    );
    expect(
        "区环境卫生服务中心",
        "materials",
        "逾期1† 待报1",
        Some("late pending"),
        &["warn", "plain"],
    );
    expect("区燃气管理服务中心", "materials", "—", None, &["plain"]);

    let headers: Vec<String> = all(&dom, "table.matrix thead th")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        headers,
        [
            "单位",
            "附件1",
            "附件2",
            "活动方案",
            "附件3",
            "综合情况",
            "活动资料",
            "已完成"
        ]
    );
    let flagged: Vec<&str> = all(&dom, "table.matrix tr.flagged")
        .into_iter()
        .map(|tr| tr.attr("data-unit").expect("a unit"))
        .collect();
    assert_eq!(
        flagged,
        [
            "公共室",
            "市容环卫室",
            "园林绿化室",
            "区园林绿化服务中心",
            "区燃气管理服务中心"
        ]
    );
    assert_eq!(text(one(&dom, "tr[data-unit=\"公共室\"] th")), "✗ 公共室");
    assert_eq!(
        text(one(&dom, "#matrix .legend")),
        "图例：按时 逾期 即将到期 未报 待报 有误 免报 ✗ 有未报、有误事项　* 已延期　↻ 已修订（以最新版本为准）　† 尚未提交，收到时间按文件修改时间计"
    );
}

#[test]
fn completion_counts_units_done_of_those_that_owe() {
    let dom = scene_dom();
    let figures = |css: &str, key: &str| -> Vec<(String, String)> {
        all(&dom, css)
            .into_iter()
            .map(|e| {
                let figure = within(e, ".figure, td.done")
                    .first()
                    .map(|f| text(*f))
                    .expect("a figure");
                (e.attr(key).expect("a key").to_owned(), figure)
            })
            .collect()
    };
    let pairs = |expected: &[(&str, &str)]| -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    // 附件1: 园林绿化室 invalid, 区园林绿化服务中心 missing; 附件2: two missing,
    // two invalid; 方案: one missing, one pending; nothing of 附件3 or the
    // summary is due yet (计划财务室 is exempt from the summary); ten units
    // have key activities, none with all materials in.
    assert_eq!(
        figures("table.completion tr", "data-report"),
        pairs(&[
            ("liaison", "12 / 14"),
            ("plan", "10 / 14"),
            ("scheme", "12 / 14"),
            ("progress", "0 / 14"),
            ("summary", "0 / 13"),
            ("materials", "0 / 10"),
        ])
    );
    assert_eq!(
        text(one(&dom, "table.completion tr[data-report=\"liaison\"] th")),
        "附件1 联络员表 截止6月3日"
    );
    assert_eq!(
        figures("table.matrix tbody tr", "data-unit"),
        pairs(&[
            ("党建室", "3 / 6"),
            ("公共室", "2 / 5"),
            ("市政道路桥梁室", "3 / 6"),
            ("市容环卫室", "2 / 6"),
            ("园林绿化室", "1 / 5"),
            ("安全监管室", "3 / 6"),
            ("计划财务室", "3 / 5"),
            ("区环境卫生服务中心", "3 / 6"),
            ("区园林绿化服务中心", "0 / 5"),
            ("区市政设施维护中心", "3 / 6"),
            ("区燃气管理服务中心", "2 / 5"),
            ("区城市管理综合执法大队", "3 / 6"),
            ("区生活垃圾处理场", "3 / 6"),
            ("区城市照明管理所", "3 / 6"),
        ])
    );
    let meter = one(
        &dom,
        "table.completion tr[data-report=\"plan\"] svg.meter rect.fill",
    );
    assert_eq!(meter.attr("width"), Some("71.4"));
}

#[test]
fn problems_are_grouped_by_file_and_unassigned_files_listed() {
    let dom = scene_dom();
    assert_eq!(
        text(one(&dom, "#problems h2")),
        "报送文件中的问题（5 个文件）"
    );
    let groups: Vec<(String, Vec<String>)> = all(&dom, "#problems .file")
        .into_iter()
        .map(|file| {
            let items = within(file, "li").into_iter().map(text).collect();
            (text(within(file, "h3")[0]), items)
        })
        .collect();
    let expected = [
        (
            "submissions/公共室/公共室安全生产月活动方案.docx",
            vec!["提醒 文档只有 39 个字，少于应有的 200 个字，请确认提交的是写好的完整文档"],
        ),
        (
            "submissions/区燃气管理服务中心/附件2.xlsx",
            vec![
                "错误 文件放在“区燃气管理服务中心”的文件夹中，但填报单位为“区城市照明管理所”；如果这是“区城市照明管理所”的文件，请放到“区城市照明管理所”的文件夹中；如果是“区燃气管理服务中心”的文件，请改正后重新提交",
            ],
        ),
        (
            "submissions/园林绿化室/附件1.xlsx",
            vec![
                "错误 附件1!G4 “电子邮箱”填写的是“zhaoliu.example.com”，不是有效的电子邮箱，应填写如 name@example.com 这样的邮箱地址",
            ],
        ),
        (
            "submissions/园林绿化室/附件2.xlsx",
            vec![
                "错误 附件2!C5 “对应活动事项”填写的是“植树活动”，应为10项活动事项之一（如“专题学习”）或其序号1–10",
                "错误 附件2 “是否品牌活动”为“是”的有 3 行，应为 1 至 2 行",
            ],
        ),
        (
            "submissions/市政道路桥梁室/附件2.xlsx",
            vec!["提醒 附件2!N3 表中多了一列“审核人”，该列未读取"],
        ),
    ];
    let expected: Vec<(String, Vec<String>)> = expected
        .into_iter()
        .map(|(file, items)| {
            (
                file.to_owned(),
                items.into_iter().map(str::to_owned).collect(),
            )
        })
        .collect();
    assert_eq!(groups, expected);
    let classes: Vec<&str> = all(&dom, "#problems li")
        .into_iter()
        .map(|li| li.attr("class").expect("a severity"))
        .collect();
    assert_eq!(
        classes,
        ["warning", "error", "error", "error", "error", "warning"]
    );

    assert_eq!(text(one(&dom, "#unassigned h2")), "未归属的文件（2 个）");
    let files: Vec<(String, String)> = all(&dom, "#unassigned li")
        .into_iter()
        .map(|li| (text(within(li, "code")[0]), text(within(li, "p")[0])))
        .collect();
    let expected = [
        (
            "submissions/新建文件夹/附件3.xlsx",
            "无法确定是哪个单位的文件：请放入“submissions/单位名称/”文件夹，或在“填报单位”处填写单位名称",
        ),
        (
            "submissions/杂项 | 旧表<备份>.zip",
            "不是可以读取的表格或文档（.zip），请提交 Excel 表格（.xlsx/.xls/.xlsb）、WPS/LibreOffice 表格或 Word/PDF 文档",
        ),
    ];
    assert_eq!(files, expected.map(|(f, r)| (f.to_owned(), r.to_owned())));
}

#[test]
fn before_any_progress_report_counts_the_chart_says_so() {
    let dom = scene_dom();
    assert_eq!(
        text(one(&dom, "#chart h2")),
        "附件3 活动进展情况统计表：各活动事项合计"
    );
    assert_eq!(
        text(one(&dom, "#chart .lead")),
        "尚无可计入汇总的附件3；未计入 14 个（待报 14）"
    );
    assert_eq!(all(&dom, "svg.chart").len(), 0);
}

#[test]
fn the_chart_draws_the_rollup_totals() {
    // At the end of June 区城市照明管理所's 附件3 (item i, metric m: 10·i + m,
    // 整改 = 排查) is the only one counted.
    let read = read();
    let dom = browse(&page(
        &read,
        &read.check_at("2021-06-30T23:59:59+08:00"),
        Lang::Zh,
    ));
    assert_eq!(
        text(one(&dom, "#chart .lead")),
        "已计入 1 个单位；未计入 13 个（未报 13）"
    );
    let chart = one(&dom, "svg.chart");
    assert_eq!(text(within(chart, "title")[0]), "各活动事项合计");
    // The page's own numbers are never taken for telephone numbers.
    let view_box = chart.value().attr("viewBox").unwrap();
    assert!(
        view_box.starts_with("0 0 ") && !view_box.contains('*'),
        "{view_box}"
    );
    let metrics: Vec<String> = within(chart, "text.metric").into_iter().map(text).collect();
    assert_eq!(
        metrics,
        [
            "开展场次（场）",
            "参与人次（人次）",
            "发放宣传资料（份）",
            "媒体报道（篇/条）",
            "排查隐患（项）",
            "整改隐患（项）"
        ]
    );
    let items = within(chart, "g.item");
    assert_eq!(items.len(), 10);
    for (i, item) in items.iter().enumerate() {
        let label = text(within(*item, "text.label")[0]);
        let bars = within(*item, "g.bar");
        let values: Vec<&str> = bars
            .iter()
            .map(|bar| bar.attr("data-value").expect("a value"))
            .collect();
        let shown: Vec<String> = bars
            .iter()
            .map(|bar| text(within(*bar, "text")[0]))
            .collect();
        let expected: Vec<String> = [0, 1, 2, 3, 4, 4]
            .iter()
            .map(|m| (10 * i + m).to_string())
            .collect();
        assert_eq!(values, expected, "{label}");
        assert_eq!(shown, expected, "{label}");
    }
    let fifth = items[4];
    assert_eq!(text(within(fifth, "text.label")[0]), "5 集中宣传咨询");
    let bar = within(fifth, "g.bar[data-metric=\"参与人次\"]")[0];
    assert_eq!(
        text(within(bar, "title")[0]),
        "5 集中宣传咨询 · 参与人次（人次）：41"
    );
    // Each metric is scaled to its largest total (item 10's): 41 of 91.
    assert_eq!(within(bar, "rect")[0].attr("width"), Some("43.3"));
    let last = within(items[9], "g.bar rect")[0];
    assert_eq!(last.attr("width"), Some("96.0"));
    assert_eq!(
        text(within(items[9], "text.label")[0]),
        "10 参与国家、市级、区级宣传系列活动"
    );
    let totals: Vec<String> = within(chart, "g.total text")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(totals, ["合计", "450", "460", "470", "480", "490", "490"]);
}

#[test]
fn the_english_page() {
    let read = read();
    let dom = browse(&page(&read, &read.check(), Lang::En));
    assert_eq!(one(&dom, "html").attr("lang"), Some("en"));
    assert_eq!(text(one(&dom, ".as-of")), "as of 2021-06-09 12:00");
    assert_eq!(
        cell(&dom, "公共室", "liaison"),
        (
            "late 1 day".to_owned(),
            Some("late".to_owned()),
            vec!["warn".to_owned()]
        )
    );
    assert_eq!(
        cell(&dom, "区园林绿化服务中心", "scheme").0,
        "pending (2 days left)*"
    );
    assert_eq!(
        text(one(&dom, "#problems h2")),
        "Problems in the files sent (5 files)"
    );
    assert_eq!(
        text(one(&dom, "#chart .lead")),
        "No 附件3 can be counted yet; 14 not counted (pending 14)"
    );
    let headings: Vec<String> = all(&dom, "h2").into_iter().map(text).collect();
    assert_eq!(
        headings,
        [
            "Overview",
            "Completion by report",
            "Status by unit",
            "附件3 活动进展情况统计表: totals by activity item",
            "Problems in the files sent (5 files)",
            "Unassigned files (2)"
        ]
    );
}

#[test]
fn markup_in_names_is_shown_as_written() {
    let read = read();
    let mut campaign = read.campaign.clone();
    let name = "党建室<b>&amp;</b>\"'";
    campaign.units[0].name = name.to_owned();
    let mut check = read.check();
    for result in check.results.iter_mut().filter(|r| r.unit == "党建室") {
        result.unit = name.to_owned();
    }
    check.problems[0].file = "submissions/<i>x</i> & y.xlsx".to_owned();
    let style = Style {
        color: false,
        lang: Lang::Zh,
    };
    let dom = browse(&render(Format::Html, &check, &campaign, &FAIL_ON, style));
    assert_eq!(all(&dom, "b").len() + all(&dom, "i").len(), 0);
    let row = one(&dom, "table.matrix tbody tr:first-child");
    assert_eq!(row.attr("data-unit"), Some(name));
    assert_eq!(text(within(row, "th")[0]), name);
    assert_eq!(
        text(all(&dom, "#problems .file h3")[0]),
        "submissions/<i>x</i> & y.xlsx"
    );
}

#[test]
fn out_writes_the_page() {
    let read = read();
    // The binary reads the files as they stood at the instant judged.
    let stood = read.stood(AS_OF);
    let check = read.check_of(&stood, AS_OF);
    assert_eq!(check.later_change, None);
    let expected = page(&read, &check, Lang::Zh);
    let root = read.root();
    let out = tempfile::tempdir().expect("an output folder");
    let path = out.path().join("status.html");
    assert_cmd::Command::cargo_bin("campaign")
        .expect("the binary")
        .current_dir(root)
        .args([
            "check",
            "--format",
            "html",
            "--as-of",
            AS_OF,
            "--due-soon",
            "4",
            "--out",
        ])
        .arg(&path)
        .assert()
        .code(1)
        .stdout("");
    assert_eq!(std::fs::read_to_string(&path).expect("the page"), expected);
}
