//! The campaign definition (campaign.toml): the default campaign as SPEC §2
//! sets it, every validation rule with the exact message a clerk reads, TOML
//! syntax errors, empty files, keys and values of the wrong shape, and how
//! deadlines are read.

mod common;

use campaign::definition::{
    After, Campaign, ColumnType, DEFAULT_TOML, DefinitionError, Due, OfficeContact, ProblemKind,
    ReportId, ReportKind, Rows, SyntaxCause, UnitKind, UnitSelector,
};
use campaign::lang::Lang;
use chrono::{DateTime, FixedOffset, NaiveDate};

// ── Helpers ──────────────────────────────────────────────────────────────

/// A small valid definition the rule tests edit. Its lines (1-based) are
/// pinned by `minimal_definition_is_valid_and_its_lines_are_as_documented`;
/// a problem takes the line of its own key, or of its table when the key is
/// absent:
///
/// | line   | table                         | keys                                  |
/// |--------|-------------------------------|---------------------------------------|
/// | 1      | campaign                      | 2 name, 3 start, 4 end, 5 timezone    |
/// | 7      | categories[0]                 | 8 no                                  |
/// | 15     | activities[0]                 |                                       |
/// | 25     | activities[2]                 | 26 no, 27 category                    |
/// | 30     | units[0] 公共室               | 32 kind, 34 business                  |
/// | 36     | units[1] 区环境卫生服务中心   | 37 name, 38 kind, 39 aliases          |
/// | 41     | reports[0] plan               | 44 due, 46–49 columns[0–3], 51 row_counts |
/// | 53     | reports[1] progress           | 54 id, 56 due, 59–62 columns[0–3]     |
/// | 65     | reports[2] scheme             | 66 id, 67 kind, 68 due                |
/// | 71     | reports[3] materials          | 74 after                              |
/// | 76     | extensions[0]                 | 77 unit, 78 report, 79 until          |
const MINIMAL: &str = r#"[campaign]
name = "测试活动"
start = 2021-06-01
end = 2021-06-30
timezone = "+08:00"

[[categories]]
no = 1
name = "学习"

[[categories]]
no = 2
name = "整治"

[[activities]]
no = 1
category = 1
name = "专题学习"

[[activities]]
no = 2
category = 2
name = "隐患排查"

[[activities]]
no = 3
category = 2
name = "应急演练"

[[units]]
name = "公共室"
kind = "室"
aliases = ["公共事务室"]
business = true

[[units]]
name = "区环境卫生服务中心"
kind = "单位"
aliases = ["环卫中心", "环卫所"]

[[reports]]
id = "plan"
kind = "table"
due = 2021-06-03
columns = [
  { name = "活动名称", type = "text", required = true },
  { name = "开始日期", type = "date" },
  { name = "结束日期", type = "date", at_least = "开始日期" },
  { name = "是否品牌活动", type = "bool" },
]
row_counts = [ { column = "是否品牌活动", value = "是", units = "business", min = 1, max = 2 } ]

[[reports]]
id = "progress"
kind = "table"
due = 2021-06-28
rows = "activities"
columns = [
  { name = "活动事项", type = "activity" },
  { name = "排查隐患", unit = "项", type = "count" },
  { name = "整改隐患", unit = "项", type = "count", at_most = "排查隐患" },
  { name = "备注", type = "text" },
]

[[reports]]
id = "scheme"
kind = "document"
due = 2021-06-08
match = ["方案"]

[[reports]]
id = "materials"
kind = "materials"
after = { report = "plan", column = "结束日期", days = 3 }

[[extensions]]
unit = "区环境卫生服务中心"
report = "progress"
until = 2021-07-02
"#;

/// `base` with each `(from, to)` applied; `from` must occur exactly once, so
/// an edit can never silently miss or hit the wrong place.
fn edited(base: &str, edits: &[(&str, &str)]) -> String {
    let mut text = base.to_owned();
    for (from, to) in edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "the edit target {from:?} must occur exactly once"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

/// The 1-based line `n` of `text`.
fn line(text: &str, n: usize) -> &str {
    text.lines().nth(n - 1).expect("the text has that line")
}

/// The Chinese rendering of every problem of a definition that must be invalid.
fn problems(text: &str) -> Vec<String> {
    match Campaign::parse(text) {
        Ok(_) => panic!("the definition should have been refused:\n{text}"),
        Err(DefinitionError::Invalid { problems, .. }) => {
            problems.iter().map(|p| p.render(Lang::Zh)).collect()
        }
        Err(other) => panic!("expected validation problems, got:\n{other}"),
    }
}

/// Applies `edits` to [`MINIMAL`] and asserts the exact problems, in order.
fn assert_problems(edits: &[(&str, &str)], expected: &[&str]) {
    let text = edited(MINIMAL, edits);
    assert_eq!(problems(&text), expected, "definition:\n{text}");
}

fn offset(hours: i32) -> FixedOffset {
    FixedOffset::east_opt(hours * 3600).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// ── 1. The default campaign ──────────────────────────────────────────────

#[test]
fn default_campaign_loads_with_the_facts_of_spec_section_2() {
    let campaign = Campaign::parse(DEFAULT_TOML).expect("the default campaign is valid");

    assert_eq!(campaign.name, "2021年“安全生产月”活动");
    assert_eq!(campaign.issuer, "区城管委");
    assert_eq!(campaign.office, "委办公室");
    assert_eq!(campaign.theme, "落实安全责任，推动安全发展");
    assert_eq!(campaign.start, date(2021, 6, 1));
    assert_eq!(campaign.end, date(2021, 6, 30));
    assert_eq!(campaign.timezone, offset(8));
    assert!(campaign.extensions.is_empty());

    // Four categories, ten activity items numbered 1..10 in SPEC order.
    let categories: Vec<(u32, &str)> = campaign
        .categories
        .iter()
        .map(|c| (c.no, c.name.as_str()))
        .collect();
    assert_eq!(
        categories,
        [
            (1, "推动学习习近平总书记关于安全生产重要论述精神走深走实"),
            (2, "扎实开展安全生产综合整治"),
            (3, "大力开展安全生产咨询演练活动"),
            (4, "努力培育安全文化"),
        ]
    );
    let activities: Vec<(u32, u32, &str)> = campaign
        .activities
        .iter()
        .map(|a| (a.no, a.category, a.name.as_str()))
        .collect();
    assert_eq!(
        activities,
        [
            (1, 1, "专题学习"),
            (2, 1, "领导干部讲安全"),
            (3, 2, "安全隐患排查整治"),
            (4, 2, "宣传典型经验做法"),
            (5, 3, "集中宣传咨询"),
            (6, 3, "应急演练"),
            (7, 4, "安全宣传“五进”"),
            (8, 4, "典型事故案例警示"),
            (9, 4, "全媒体联动"),
            (10, 4, "参与国家、市级、区级宣传系列活动"),
        ]
    );

    // The fourteen default units in order, with their kinds.
    let units: Vec<(&str, UnitKind)> = campaign
        .units
        .iter()
        .map(|u| (u.name.as_str(), u.kind))
        .collect();
    use UnitKind::{Office, Subordinate};
    assert_eq!(
        units,
        [
            ("党建室", Office),
            ("公共室", Office),
            ("市政道路桥梁室", Office),
            ("市容环卫室", Office),
            ("园林绿化室", Office),
            ("安全监管室", Office),
            ("计划财务室", Office),
            ("区环境卫生服务中心", Subordinate),
            ("区园林绿化服务中心", Subordinate),
            ("区市政设施维护中心", Subordinate),
            ("区燃气管理服务中心", Subordinate),
            ("区城市管理综合执法大队", Subordinate),
            ("区生活垃圾处理场", Subordinate),
            ("区城市照明管理所", Subordinate),
        ]
    );
    assert_eq!(Office.label(), "室");
    assert_eq!(Subordinate.label(), "单位");
    let business: Vec<&str> = campaign
        .units
        .iter()
        .filter(|u| u.business)
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(
        business,
        ["公共室", "市政道路桥梁室", "市容环卫室", "园林绿化室"]
    );
    assert!(campaign.units.iter().all(|u| u.exempt.is_empty()));
    assert_eq!(
        campaign.unit("区环境卫生服务中心").unwrap().aliases,
        ["环卫中心"]
    );

    // The six reports in order, with kinds and deadlines (ends of days).
    let reports: Vec<(&str, &str, Option<Due>)> = campaign
        .reports
        .iter()
        .map(|r| (r.id.0.as_str(), r.kind.label(), r.due))
        .collect();
    let end_of = |d: u32| Some(Due::EndOfDay(date(2021, 6, d)));
    assert_eq!(
        reports,
        [
            ("liaison", "table", end_of(3)),
            ("plan", "table", end_of(3)),
            ("scheme", "document", end_of(8)),
            ("progress", "table", end_of(28)),
            ("summary", "document", end_of(28)),
            ("materials", "materials", None),
        ]
    );
    let liaison_due = campaign.report("liaison").unwrap().due.unwrap();
    assert_eq!(
        liaison_due.instant(campaign.timezone).to_rfc3339(),
        "2021-06-03T23:59:59+08:00"
    );
    assert_eq!(liaison_due.date(campaign.timezone), date(2021, 6, 3));

    // 附件3: its headers as printed, and 整改隐患 ≤ 排查隐患.
    let progress = campaign.report("progress").unwrap().table().unwrap();
    assert_eq!(progress.rows, Rows::Activities);
    let headers: Vec<String> = progress.columns.iter().map(|c| c.header()).collect();
    assert_eq!(headers, common::PROGRESS_HEADER);
    let found = progress.column("排查隐患").unwrap();
    let fixed = progress.column("整改隐患").unwrap();
    assert_eq!(found.ty, ColumnType::Count);
    assert_eq!(fixed.at_most, Some(6));
    assert_eq!(progress.columns[6].name, "排查隐患");
    assert_eq!(fixed.at_least, None);

    // 附件2: end on or after start, and every 业务室 marks 1–2 brand activities.
    let plan = campaign.report("plan").unwrap().table().unwrap();
    assert_eq!(plan.rows, Rows::Free);
    assert_eq!(plan.column("计划结束日期").unwrap().at_least, Some(4));
    assert_eq!(plan.columns[4].name, "计划开始日期");
    assert_eq!(plan.row_counts.len(), 1);
    let brand = &plan.row_counts[0];
    assert_eq!(plan.columns[brand.column].name, "是否品牌活动");
    assert_eq!(plan.columns[brand.column].ty, ColumnType::Bool);
    assert_eq!(brand.value, "是");
    assert_eq!(brand.units, UnitSelector::Business);
    assert_eq!((brand.min, brand.max), (Some(1), Some(2)));

    // 附件1: one or two rows per unit.
    let liaison = campaign.report("liaison").unwrap().table().unwrap();
    assert_eq!((liaison.min_rows, liaison.max_rows), (Some(1), Some(2)));
    assert_eq!(liaison.column("手机号码").unwrap().ty, ColumnType::Mobile);

    // Materials: due 3 days after each key activity of 附件2 ends.
    match &campaign.report("materials").unwrap().kind {
        ReportKind::Materials { after } => assert_eq!(
            after.as_ref(),
            Some(&After {
                report: ReportId("plan".into()),
                column: "计划结束日期".into(),
                days: 3,
            })
        ),
        other => panic!("materials is {other:?}"),
    }

    // Documents are recognised by words in their file names.
    let match_words = |id: &str| match &campaign.report(id).unwrap().kind {
        ReportKind::Document { match_words, .. } => match_words.clone(),
        other => panic!("{id} is {other:?}"),
    };
    assert_eq!(match_words("scheme"), ["方案"]);
    assert_eq!(match_words("summary"), ["综合情况", "总结"]);
}

#[test]
fn minimal_definition_is_valid_and_its_lines_are_as_documented() {
    let campaign = Campaign::parse(MINIMAL).expect("the minimal definition is valid");
    assert_eq!(campaign.units.len(), 2);
    assert_eq!(campaign.reports.len(), 4);
    assert_eq!(campaign.extensions.len(), 1);
    for (n, expected) in [
        (1, "[campaign]"),
        (2, "name = \"测试活动\""),
        (3, "start = 2021-06-01"),
        (4, "end = 2021-06-30"),
        (5, "timezone = \"+08:00\""),
        (7, "[[categories]]"),
        (8, "no = 1"),
        (15, "[[activities]]"),
        (25, "[[activities]]"),
        (26, "no = 3"),
        (27, "category = 2"),
        (30, "[[units]]"),
        (31, "name = \"公共室\""),
        (32, "kind = \"室\""),
        (34, "business = true"),
        (36, "[[units]]"),
        (37, "name = \"区环境卫生服务中心\""),
        (38, "kind = \"单位\""),
        (39, "aliases = [\"环卫中心\", \"环卫所\"]"),
        (41, "[[reports]]"),
        (44, "due = 2021-06-03"),
        (
            46,
            "  { name = \"活动名称\", type = \"text\", required = true },",
        ),
        (47, "  { name = \"开始日期\", type = \"date\" },"),
        (
            48,
            "  { name = \"结束日期\", type = \"date\", at_least = \"开始日期\" },",
        ),
        (49, "  { name = \"是否品牌活动\", type = \"bool\" },"),
        (
            51,
            "row_counts = [ { column = \"是否品牌活动\", value = \"是\", units = \"business\", min = 1, max = 2 } ]",
        ),
        (53, "[[reports]]"),
        (54, "id = \"progress\""),
        (56, "due = 2021-06-28"),
        (59, "  { name = \"活动事项\", type = \"activity\" },"),
        (
            60,
            "  { name = \"排查隐患\", unit = \"项\", type = \"count\" },",
        ),
        (
            61,
            "  { name = \"整改隐患\", unit = \"项\", type = \"count\", at_most = \"排查隐患\" },",
        ),
        (62, "  { name = \"备注\", type = \"text\" },"),
        (65, "[[reports]]"),
        (66, "id = \"scheme\""),
        (67, "kind = \"document\""),
        (68, "due = 2021-06-08"),
        (71, "[[reports]]"),
        (
            74,
            "after = { report = \"plan\", column = \"结束日期\", days = 3 }",
        ),
        (76, "[[extensions]]"),
        (77, "unit = \"区环境卫生服务中心\""),
        (78, "report = \"progress\""),
        (79, "until = 2021-07-02"),
    ] {
        assert_eq!(line(MINIMAL, n), expected, "line {n}");
    }
}

// ── 2. One test per validation rule ──────────────────────────────────────

#[test]
fn duplicate_unit_name_is_refused() {
    assert_problems(
        &[("name = \"公共室\"", "name = \"区环境卫生服务中心\"")],
        &[
            "第 37 行 units[1].name：名称或简称“区环境卫生服务中心”与 units[0].name 重复，名称和简称必须各不相同",
        ],
    );
}

#[test]
fn alias_equal_to_another_units_name_is_refused() {
    assert_problems(
        &[("\"环卫中心\", \"环卫所\"", "\"环卫中心\", \"公共室\"")],
        &[
            "第 39 行 units[1].aliases[1]：名称或简称“公共室”与 units[0].name 重复，名称和简称必须各不相同",
        ],
    );
}

#[test]
fn alias_equal_to_another_units_alias_is_refused() {
    assert_problems(
        &[("\"环卫中心\", \"环卫所\"", "\"环卫中心\", \"公共事务室\"")],
        &[
            "第 39 行 units[1].aliases[1]：名称或简称“公共事务室”与 units[0].aliases[0] 重复，名称和简称必须各不相同",
        ],
    );
}

#[test]
fn names_that_differ_only_in_spaces_or_width_collide() {
    // A full-width space inside, as people type it: the same name to a reader.
    assert_problems(
        &[(
            "\"环卫中心\", \"环卫所\"",
            "\"环卫中心\", \"公共\u{3000}室\"",
        )],
        &[
            "第 39 行 units[1].aliases[1]：名称或简称“公共\u{3000}室”与 units[0].name 重复，名称和简称必须各不相同",
        ],
    );
}

#[test]
fn activity_in_an_unknown_category_is_refused() {
    assert_problems(
        &[("no = 3\ncategory = 2", "no = 3\ncategory = 5")],
        &["第 27 行 activities[2].category：没有编号为 5 的类别"],
    );
}

#[test]
fn activity_numbers_with_a_gap_are_refused() {
    assert_problems(
        &[("no = 3\ncategory = 2", "no = 4\ncategory = 2")],
        &["第 26 行 activities[2].no：编号应从 1 起连续编排、不重不漏（1 至 3），现为 1、2、4"],
    );
}

#[test]
fn activity_numbers_with_a_repeat_are_refused() {
    assert_problems(
        &[("no = 3\ncategory = 2", "no = 2\ncategory = 2")],
        &["第 26 行 activities[2].no：编号应从 1 起连续编排、不重不漏（1 至 3），现为 1、2、2"],
    );
}

#[test]
fn after_naming_an_unknown_report_is_refused() {
    assert_problems(
        &[("report = \"plan\", column", "report = \"plans\", column")],
        &["第 74 行 reports[3].after.report：没有编号为“plans”的报送事项"],
    );
}

#[test]
fn after_naming_an_unknown_column_is_refused() {
    assert_problems(
        &[("column = \"结束日期\", days", "column = \"完成日期\", days")],
        &["第 74 行 reports[3].after.column：报送事项“plan”没有名为“完成日期”的列"],
    );
}

#[test]
fn after_naming_a_column_that_is_not_a_date_is_refused() {
    assert_problems(
        &[("column = \"结束日期\", days", "column = \"活动名称\", days")],
        &["第 74 行 reports[3].after.column：列“活动名称”不是日期列，无法据此推算截止时间"],
    );
}

#[test]
fn at_least_naming_an_unknown_column_is_refused() {
    assert_problems(
        &[("at_least = \"开始日期\"", "at_least = \"起始日期\"")],
        &["第 48 行 reports[0].columns[2].at_least：报送事项“plan”没有名为“起始日期”的列"],
    );
}

#[test]
fn at_most_naming_an_unknown_column_is_refused() {
    assert_problems(
        &[("at_most = \"排查隐患\"", "at_most = \"排查数\"")],
        &["第 61 行 reports[1].columns[2].at_most：报送事项“progress”没有名为“排查数”的列"],
    );
}

#[test]
fn at_most_naming_a_column_that_is_not_numeric_is_refused() {
    assert_problems(
        &[("at_most = \"排查隐患\"", "at_most = \"备注\"")],
        &[
            "第 61 行 reports[1].columns[2].at_most：“整改隐患”与“备注”无法比较：比较的两列须同为数字列或同为日期列",
        ],
    );
}

#[test]
fn row_counts_naming_an_unknown_column_is_refused() {
    assert_problems(
        &[(
            "column = \"是否品牌活动\", value",
            "column = \"品牌\", value",
        )],
        &["第 51 行 reports[0].row_counts[0].column：报送事项“plan”没有名为“品牌”的列"],
    );
}

#[test]
fn row_counts_naming_an_unknown_unit_is_refused() {
    assert_problems(
        &[(
            "units = \"business\"",
            "units = [\"公共室\", \"园林绿化室\"]",
        )],
        &["第 51 行 reports[0].row_counts[0].units[1]：没有名为“园林绿化室”的单位"],
    );
}

#[test]
fn row_counts_value_not_allowed_for_a_bool_column_is_refused() {
    assert_problems(
        &[("value = \"是\"", "value = \"对\"")],
        &["第 51 行 reports[0].row_counts[0].value：“对”不是该列的可选值（是、否）"],
    );
}

#[test]
fn due_date_outside_the_sane_range_is_refused() {
    // A mistyped year: more than a year away from the campaign period.
    assert_problems(
        &[("due = 2021-06-28\nrows", "due = 2012-06-28\nrows")],
        &[
            "第 56 行 reports[1].due：截止时间 2012-06-28 不合理，应在 2020-05-31 至 2022-07-01 之间",
        ],
    );
}

#[test]
fn unknown_column_type_is_refused() {
    assert_problems(
        &[("type = \"text\" },\n]", "type = \"string\" },\n]")],
        &[
            "第 62 行 reports[1].columns[3].type：列类型“string”无法识别，应为 serial、text、count、number、date、phone、mobile、email、choice、activity、bool、unit 之一",
        ],
    );
}

#[test]
fn choice_column_without_choices_is_refused() {
    assert_problems(
        &[("type = \"text\" },\n]", "type = \"choice\" },\n]")],
        &["第 62 行 reports[1].columns[3].choices：choice 类型的列必须用 choices 列出可选值"],
    );
    // An empty list is no better than none.
    assert_problems(
        &[(
            "type = \"text\" },\n]",
            "type = \"choice\", choices = [] },\n]",
        )],
        &["第 62 行 reports[1].columns[3].choices：choice 类型的列必须用 choices 列出可选值"],
    );
}

#[test]
fn unknown_unit_kind_is_refused() {
    assert_problems(
        &[("kind = \"单位\"", "kind = \"部门\"")],
        &["第 38 行 units[1].kind：单位类别“部门”无法识别，应为“室”或“单位”"],
    );
}

#[test]
fn unknown_report_kind_is_refused() {
    assert_problems(
        &[("kind = \"document\"", "kind = \"doc\"")],
        &["第 67 行 reports[2].kind：报送类别“doc”无法识别，应为 table、document 或 materials"],
    );
}

#[test]
fn duplicate_report_id_is_refused() {
    assert_problems(
        &[("id = \"scheme\"", "id = \"plan\"")],
        &["第 66 行 reports[2].id：报送事项编号“plan”重复"],
    );
}

#[test]
fn exempt_naming_an_unknown_report_is_refused() {
    assert_problems(
        &[(
            "business = true",
            "business = true\nexempt = [\"scheme\", \"summary\"]",
        )],
        &["第 35 行 units[0].exempt[1]：没有编号为“summary”的报送事项"],
    );
}

#[test]
fn extension_for_an_unknown_unit_is_refused() {
    assert_problems(
        &[(
            "unit = \"区环境卫生服务中心\"",
            "unit = \"区城市照明管理所\"",
        )],
        &["第 77 行 extensions[0].unit：没有名为“区城市照明管理所”的单位"],
    );
}

#[test]
fn extension_for_an_unknown_report_is_refused() {
    assert_problems(
        &[(
            "report = \"progress\"\nuntil",
            "report = \"summary\"\nuntil",
        )],
        &["第 78 行 extensions[0].report：没有编号为“summary”的报送事项"],
    );
}

#[test]
fn extension_not_later_than_the_original_deadline_is_refused() {
    // The same day as the deadline is no extension at all.
    assert_problems(
        &[("until = 2021-07-02", "until = 2021-06-28")],
        &[
            "第 79 行 extensions[0].until：延期至 2021年6月28日 不晚于原截止时间 2021年6月28日，延期应晚于原截止时间",
        ],
    );
    // Nor is an earlier day.
    assert_problems(
        &[("until = 2021-07-02", "until = 2021-06-20")],
        &[
            "第 79 行 extensions[0].until：延期至 2021年6月20日 不晚于原截止时间 2021年6月28日，延期应晚于原截止时间",
        ],
    );
}

#[test]
fn timezone_that_is_not_an_offset_is_refused() {
    assert_problems(
        &[("timezone = \"+08:00\"", "timezone = \"Asia/Shanghai\"")],
        &[
            "第 5 行 campaign.timezone：时区“Asia/Shanghai”无法识别，应写成 \"+08:00\" 这样的 UTC 偏移",
        ],
    );
}

#[test]
fn campaign_ending_before_it_starts_is_refused() {
    assert_problems(
        &[("end = 2021-06-30", "end = 2021-05-30")],
        &["第 4 行 campaign.end：结束日期 2021-05-30 早于开始日期 2021-06-01"],
    );
}

#[test]
fn reports_with_the_spec_ids_take_their_roles_by_default() {
    use campaign::definition::Role;
    let campaign = Campaign::parse(DEFAULT_TOML).unwrap();
    let holder = |role| campaign.role(role).map(|(report, _)| report.id.0.as_str());
    assert_eq!(holder(Role::Roster), Some("liaison"));
    assert_eq!(holder(Role::Plan), Some("plan"));
    assert_eq!(holder(Role::Progress), Some("progress"));
    let minimal = Campaign::parse(MINIMAL).unwrap();
    assert_eq!(
        minimal.role(Role::Roster).map(|(r, _)| r.id.0.clone()),
        None
    );
}

#[test]
fn a_role_claimed_in_the_file_replaces_the_default() {
    use campaign::definition::Role;
    let text = edited(
        MINIMAL,
        &[
            (
                "id = \"plan\"\nkind = \"table\"",
                "id = \"activities\"\nkind = \"table\"\nrole = \"plan\"",
            ),
            (
                "report = \"plan\", column",
                "report = \"activities\", column",
            ),
        ],
    );
    let campaign = Campaign::parse(&text).unwrap();
    let (plan, _) = campaign.role(Role::Plan).unwrap();
    assert_eq!(plan.id.0, "activities");
}

#[test]
fn roles_that_are_unknown_twice_held_or_unfit_are_refused() {
    assert_problems(
        &[(
            "id = \"scheme\"\nkind = \"document\"",
            "id = \"scheme\"\nkind = \"document\"\nrole = \"plan\"",
        )],
        &["第 68 行 reports[2].role：只有表格（kind = \"table\"）可以有 role"],
    );
    assert_problems(
        &[
            (
                "id = \"plan\"\nkind = \"table\"",
                "id = \"plan\"\nkind = \"table\"\nrole = \"plan\"",
            ),
            (
                "id = \"progress\"\nkind = \"table\"",
                "id = \"progress\"\nkind = \"table\"\nrole = \"plan\"",
            ),
        ],
        &[
            "第 57 行 reports[1].role：用途“plan”已由 reports[0] 担任，每种用途只能有一项报送",
            "第 57 行 reports[1].role：用途为“plan”的表格需要一列必填的文字列（type = \"text\", required = true）",
        ],
    );
    assert_problems(
        &[(
            "id = \"plan\"\nkind = \"table\"",
            "id = \"plan\"\nkind = \"table\"\nrole = \"roster\"",
        )],
        &["第 44 行 reports[0].role：用途为“roster”的表格需要一列手机号码（type = \"mobile\"）"],
    );
    assert_problems(
        &[(
            "id = \"plan\"\nkind = \"table\"",
            "id = \"plan\"\nkind = \"table\"\nrole = \"contacts\"",
        )],
        &["第 44 行 reports[0].role：用途“contacts”无法识别，应为 roster、plan、progress 之一"],
    );
}

#[test]
fn one_document_report_at_most_is_compiled() {
    // By default the document report `summary`, unless it says otherwise.
    let compiled = |text: &str| {
        Campaign::parse(text)
            .unwrap()
            .compiled()
            .map(|r| r.id.0.clone())
    };
    let summary = "[[reports]]\nid = \"summary\"\nkind = \"document\"\ndue = 2021-06-28\nmatch = [\"综合情况\"]\n\n[[reports]]\nid = \"materials\"";
    let with_summary = edited(MINIMAL, &[("[[reports]]\nid = \"materials\"", summary)]);
    assert_eq!(compiled(&with_summary).as_deref(), Some("summary"));
    assert_eq!(compiled(MINIMAL), None);
    let scheme_marked = edited(
        &with_summary,
        &[("match = [\"方案\"]", "match = [\"方案\"]\ncompile = true")],
    );
    assert_eq!(compiled(&scheme_marked).as_deref(), Some("scheme"));
    let summary_off = edited(
        &with_summary,
        &[(
            "match = [\"综合情况\"]",
            "match = [\"综合情况\"]\ncompile = false",
        )],
    );
    assert_eq!(compiled(&summary_off), None);

    // Two marked, or a table marked, are refused at the key, in both languages.
    let text = edited(
        &scheme_marked,
        &[(
            "match = [\"综合情况\"]",
            "match = [\"综合情况\"]\ncompile = true",
        )],
    );
    assert_eq!(
        problems(&text),
        [
            "第 77 行 reports[3].compile：reports[2] 已标记编入汇编（compile = true），只能有一项报送编入汇编"
        ]
    );
    assert_eq!(line(&text, 77), "compile = true");
    match Campaign::parse(&text) {
        Err(DefinitionError::Invalid { problems, .. }) => assert_eq!(
            problems[0].render(Lang::En),
            "line 77, reports[3].compile: reports[2] is already marked compile = true; only one report can be compiled"
        ),
        other => panic!("expected the problem, got {other:?}"),
    }
    assert_problems(
        &[(
            "id = \"plan\"\nkind = \"table\"",
            "id = \"plan\"\nkind = \"table\"\ncompile = true",
        )],
        &[
            "第 44 行 reports[0].compile：只有文档（kind = \"document\"）可以编入汇编（compile = true）",
        ],
    );
}

#[test]
fn table_without_due_is_refused() {
    let text = edited(MINIMAL, &[("due = 2021-06-03\n", "")]);
    assert_eq!(
        problems(&text),
        ["第 41 行 reports[0].due：缺少截止时间 due"]
    );
    match Campaign::parse(&text) {
        Err(DefinitionError::Invalid { problems, .. }) => {
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].kind, ProblemKind::MissingDue);
            assert_eq!(problems[0].line, Some(41));
            assert_eq!(problems[0].path, "reports[0].due");
        }
        other => panic!("{other:?}"),
    }
}

// ── 3. Every problem at once ─────────────────────────────────────────────

/// Three unrelated mistakes, in file order.
fn three_mistakes() -> DefinitionError {
    let text = edited(
        MINIMAL,
        &[
            ("timezone = \"+08:00\"", "timezone = \"北京时间\""),
            ("kind = \"单位\"", "kind = \"部门\""),
            ("kind = \"document\"", "kind = \"doc\""),
        ],
    );
    Campaign::parse(&text).expect_err("three mistakes")
}

#[test]
fn several_problems_are_reported_at_once_in_order() {
    let error = three_mistakes();
    let DefinitionError::Invalid { problems, .. } = &error else {
        panic!("{error:?}");
    };
    let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(5), Some(38), Some(67)]);
    assert_eq!(
        error.render(Lang::Zh),
        "活动定义 campaign.toml 有 3 处问题，请修改后重试：\n  \
         第 5 行 campaign.timezone：时区“北京时间”无法识别，应写成 \"+08:00\" 这样的 UTC 偏移\n  \
         第 38 行 units[1].kind：单位类别“部门”无法识别，应为“室”或“单位”\n  \
         第 67 行 reports[2].kind：报送类别“doc”无法识别，应为 table、document 或 materials"
    );
    // Display is the Chinese rendering.
    assert!(
        error
            .to_string()
            .starts_with("活动定义 campaign.toml 有 3 处问题，请修改后重试：\n")
    );
}

#[test]
fn problems_render_in_english_on_request() {
    assert_eq!(
        three_mistakes().render(Lang::En),
        "the campaign definition campaign.toml has 3 problem(s); please correct it:\n  \
         line 5, campaign.timezone: time zone “北京时间” is not understood; write a UTC offset such as \"+08:00\"\n  \
         line 38, units[1].kind: unit kind “部门” is not known; use \"室\" or \"单位\"\n  \
         line 67, reports[2].kind: report kind “doc” is not known; use table, document or materials"
    );
}

// ── 4. TOML syntax, empty files and the shape of values ─────────────────

/// The Chinese and the English rendering of the error `text` is refused with.
fn refused(text: &str) -> (String, String) {
    let error = Campaign::parse(text).expect_err("the definition should have been refused");
    (error.render(Lang::Zh), error.render(Lang::En))
}

/// [`refused`] for [`MINIMAL`] with `edits` applied.
fn refused_edited(edits: &[(&str, &str)]) -> (String, String) {
    refused(&edited(MINIMAL, edits))
}

#[test]
fn an_unterminated_string_is_named_with_its_line_quoted() {
    let text = edited(MINIMAL, &[("id = \"progress\"", "id = \"progress")]);
    let error = Campaign::parse(&text).expect_err("an unterminated string");
    let DefinitionError::Syntax {
        path,
        error: syntax,
    } = &error
    else {
        panic!("expected a syntax error, got {error:?}");
    };
    assert_eq!(path.to_str(), Some("campaign.toml"));
    assert_eq!((syntax.line, syntax.column), (54, 15));
    assert_eq!(syntax.cause, SyntaxCause::UnterminatedString { quote: '"' });
    assert_eq!(
        error.render(Lang::Zh),
        concat!(
            "活动定义 campaign.toml 第 54 行第 15 列格式有误：文字缺少结尾的引号 \"，请在文字末尾补上\n",
            "  54 | id = \"progress\n",
            "     |               ^",
        )
    );
    assert_eq!(
        error.render(Lang::En),
        concat!(
            "the campaign definition campaign.toml is not valid TOML at line 54, column 15: ",
            "the text has no closing quote (\"); add one at its end\n",
            "  54 | id = \"progress\n",
            "     |               ^",
        )
    );
}

#[test]
fn a_file_saved_by_notepad_has_the_same_place_and_line() {
    // A byte-order mark and CRLF line ends change neither column nor quote.
    let text = edited(MINIMAL, &[("id = \"progress\"", "id = \"progress")]);
    let notepad = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    assert_eq!(refused(&notepad), refused(&text));
    let (zh, _) = refused("\u{feff}name = 测试活动\r\n");
    assert_eq!(
        zh,
        concat!(
            "活动定义 campaign.toml 第 1 行第 8 列格式有误：文字“测试活动”缺少引号，应写成 \"测试活动\"\n",
            "  1 | name = 测试活动\n",
            "    |        ^",
        )
    );
}

#[test]
fn a_key_without_its_equals_sign_is_named() {
    let (zh, en) = refused_edited(&[("kind = \"室\"", "kind \"室\"")]);
    assert_eq!(
        zh,
        concat!(
            "活动定义 campaign.toml 第 32 行第 6 列格式有误：键名后面应有等号 =，写成 键 = 值\n",
            "  32 | kind \"室\"\n",
            "     |      ^",
        )
    );
    assert_eq!(
        en,
        concat!(
            "the campaign definition campaign.toml is not valid TOML at line 32, column 6: ",
            "a key must be followed by = and its value (key = value)\n",
            "  32 | kind \"室\"\n",
            "     |      ^",
        )
    );
}

#[test]
fn a_chinese_comma_is_pointed_at_under_wide_characters() {
    // On screen the caret sits under the comma: each of 环卫中心 takes two cells.
    let (zh, en) = refused_edited(&[("[\"环卫中心\", \"环卫所\"]", "[\"环卫中心\"，\"环卫所\"]")]);
    assert_eq!(
        zh,
        concat!(
            "活动定义 campaign.toml 第 39 行第 18 列格式有误：这里的 ， 是中文标点，请改为英文的 ,\n",
            "  39 | aliases = [\"环卫中心\"，\"环卫所\"]\n",
            "     |                      ^",
        )
    );
    assert_eq!(
        en,
        concat!(
            "the campaign definition campaign.toml is not valid TOML at line 39, column 18: ",
            "the Chinese punctuation mark ， here must be the ASCII ,\n",
            "  39 | aliases = [\"环卫中心\"，\"环卫所\"]\n",
            "     |                      ^",
        )
    );
}

#[test]
fn a_tab_before_the_place_stays_a_tab_under_it() {
    let (zh, _) = refused_edited(&[("due = 2021-06-08", "\tdue = 2021-06-8")]);
    assert_eq!(
        zh,
        concat!(
            "活动定义 campaign.toml 第 68 行第 8 列格式有误：“2021-06-8”不是有效的日期，",
            "日期应写成 2021-06-01 这样（月和日各两位，且是日历上有的日子），带时间的写成 2021-06-01T17:00:00\n",
            "  68 | \tdue = 2021-06-8\n",
            "     | \t      ^",
        )
    );
}

#[test]
fn common_syntax_mistakes_are_each_named_in_both_languages() {
    // (edit, Chinese message, English message): the first error only, its
    // line quoted with a caret under its column.
    let cases: [((&str, &str), &str, &str); 15] = [
        (
            ("kind = \"单位\"", "kind = \"单位\"\nname = \"环卫所\""),
            concat!(
                "活动定义 campaign.toml 第 39 行第 1 列格式有误：键“name”在同一个表中出现了两次，请只保留一个\n",
                "  39 | name = \"环卫所\"\n",
                "     | ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 39, column 1: ",
                "the key “name” appears twice in the same table; keep one\n",
                "  39 | name = \"环卫所\"\n",
                "     | ^",
            ),
        ),
        (
            (
                "until = 2021-07-02\n",
                "until = 2021-07-02\n\n[campaign]\nissuer = \"区城管委\"\n",
            ),
            concat!(
                "活动定义 campaign.toml 第 81 行第 2 列格式有误：表 [campaign] 在前面已经出现过，同一个表只能写一次，请合并为一个\n",
                "  81 | [campaign]\n",
                "     |  ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 81, column 2: ",
                "the table [campaign] appears earlier already; a table may appear once, so merge the two\n",
                "  81 | [campaign]\n",
                "     |  ^",
            ),
        ),
        (
            ("[[units]]\nname = \"区环境", "[units]\nname = \"区环境"),
            concat!(
                "活动定义 campaign.toml 第 36 行第 2 列格式有误：表“units”既写成了 [units] 又写成了 [[units]]：",
                "有多条时每一条都要写成 [[units]]\n",
                "  36 | [units]\n",
                "     |  ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 36, column 2: ",
                "the table “units” is written both as [units] and as [[units]]; ",
                "when there are several, write every one as [[units]]\n",
                "  36 | [units]\n",
                "     |  ^",
            ),
        ),
        (
            ("[[extensions]]", "[[extensions]"),
            concat!(
                "活动定义 campaign.toml 第 76 行第 14 列格式有误：表头缺少结尾的方括号 ]\n",
                "  76 | [[extensions]\n",
                "     |              ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 76, column 14: ",
                "the table header has no closing ]\n",
                "  76 | [[extensions]\n",
                "     |              ^",
            ),
        ),
        (
            // The list runs on into the next table, where the parser stops.
            ("match = [\"方案\"]", "match = [\"方案\""),
            concat!(
                "活动定义 campaign.toml 第 71 行第 1 列格式有误：列表缺少结尾的 ]，或各项之间缺少英文逗号\n",
                "  71 | [[reports]]\n",
                "     | ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 71, column 1: ",
                "a list is missing its closing ] or a comma between its items\n",
                "  71 | [[reports]]\n",
                "     | ^",
            ),
        ),
        (
            ("days = 3 }", "days = 3"),
            concat!(
                "活动定义 campaign.toml 第 76 行第 1 列格式有误：行内表 { } 缺少结尾的 }，或各项之间缺少英文逗号\n",
                "  76 | [[extensions]]\n",
                "     | ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 76, column 1: ",
                "an inline table { } is missing its closing } or a comma between its entries\n",
                "  76 | [[extensions]]\n",
                "     | ^",
            ),
        ),
        (
            ("name = \"测试活动\"", "name = 测试活动"),
            concat!(
                "活动定义 campaign.toml 第 2 行第 8 列格式有误：文字“测试活动”缺少引号，应写成 \"测试活动\"\n",
                "  2 | name = 测试活动\n",
                "    |        ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 2, column 8: ",
                "the text “测试活动” needs double quotes, as \"测试活动\"\n",
                "  2 | name = 测试活动\n",
                "    |        ^",
            ),
        ),
        (
            ("days = 3 }", "days = 3天 }"),
            concat!(
                "活动定义 campaign.toml 第 74 行第 52 列格式有误：“3天”不是有效的数字或日期，",
                "数字只写阿拉伯数字，日期写成 2021-06-01，文字要加英文双引号\n",
                "  74 | after = { report = \"plan\", column = \"结束日期\", days = 3天 }\n",
                "     |                                                        ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 74, column 52: ",
                "“3天” is neither a number nor a date; write numbers in digits, dates as 2021-06-01 ",
                "and text in double quotes\n",
                "  74 | after = { report = \"plan\", column = \"结束日期\", days = 3天 }\n",
                "     |                                                        ^",
            ),
        ),
        (
            ("start = 2021-06-01", "start = 2021-6-1"),
            concat!(
                "活动定义 campaign.toml 第 3 行第 9 列格式有误：“2021-6-1”不是有效的日期，",
                "日期应写成 2021-06-01 这样（月和日各两位，且是日历上有的日子），带时间的写成 2021-06-01T17:00:00\n",
                "  3 | start = 2021-6-1\n",
                "    |         ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 3, column 9: ",
                "“2021-6-1” is not a valid date; write a date as 2021-06-01 (a two-digit month and day ",
                "that exist on the calendar) and a date with a time as 2021-06-01T17:00:00\n",
                "  3 | start = 2021-6-1\n",
                "    |         ^",
            ),
        ),
        (
            // A space may begin a time in TOML: the words after the date are part of the value.
            ("due = 2021-06-08", "due = 2021-06-08 截止"),
            concat!(
                "活动定义 campaign.toml 第 68 行第 7 列格式有误：“2021-06-08 截止”不是有效的日期，",
                "日期应写成 2021-06-01 这样（月和日各两位，且是日历上有的日子），带时间的写成 2021-06-01T17:00:00\n",
                "  68 | due = 2021-06-08 截止\n",
                "     |       ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 68, column 7: ",
                "“2021-06-08 截止” is not a valid date; write a date as 2021-06-01 (a two-digit month and day ",
                "that exist on the calendar) and a date with a time as 2021-06-01T17:00:00\n",
                "  68 | due = 2021-06-08 截止\n",
                "     |       ^",
            ),
        ),
        (
            ("name = \"测试活动\"", "name = “测试活动”"),
            concat!(
                "活动定义 campaign.toml 第 2 行第 8 列格式有误：这里的 “ 是中文标点，请改为英文的 \"\n",
                "  2 | name = “测试活动”\n",
                "    |        ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 2, column 8: ",
                "the Chinese punctuation mark “ here must be the ASCII \"\n",
                "  2 | name = “测试活动”\n",
                "    |        ^",
            ),
        ),
        (
            ("kind = \"室\"", "kind\u{3000}= \"室\""),
            concat!(
                "活动定义 campaign.toml 第 32 行第 5 列格式有误：这里有一个全角空格，请改为半角空格或删去\n",
                "  32 | kind\u{3000}= \"室\"\n",
                "     |     ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 32, column 5: ",
                "this is a full-width space; use an ordinary space or remove it\n",
                "  32 | kind\u{3000}= \"室\"\n",
                "     |     ^",
            ),
        ),
        (
            ("name = \"测试活动\"", "名称 = \"测试活动\""),
            concat!(
                "活动定义 campaign.toml 第 2 行第 1 列格式有误：键名“名称”不正确，键名只能用英文字母、数字、- 和 _\n",
                "  2 | 名称 = \"测试活动\"\n",
                "    | ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 2, column 1: ",
                "the key “名称” is not valid; keys use only ASCII letters, digits, - and _\n",
                "  2 | 名称 = \"测试活动\"\n",
                "    | ^",
            ),
        ),
        (
            ("timezone = \"+08:00\"", "timezone ="),
            concat!(
                "活动定义 campaign.toml 第 5 行第 11 列格式有误：等号后面缺少值\n",
                "  5 | timezone =\n",
                "    |           ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 5, column 11: ",
                "the value after = is missing\n",
                "  5 | timezone =\n",
                "    |           ^",
            ),
        ),
        (
            // Nothing plainer to say than where: the fallback keeps the place.
            (
                "name = \"测试活动\"",
                "name = \"测试活动\"\nname.full = \"测试\"",
            ),
            concat!(
                "活动定义 campaign.toml 第 3 行第 1 列格式有误：这里不符合 TOML 格式\n",
                "  3 | name.full = \"测试\"\n",
                "    | ^",
            ),
            concat!(
                "the campaign definition campaign.toml is not valid TOML at line 3, column 1: ",
                "this is not valid TOML\n",
                "  3 | name.full = \"测试\"\n",
                "    | ^",
            ),
        ),
    ];
    for (edit, zh, en) in cases {
        assert_eq!(
            refused_edited(&[edit]),
            (zh.to_owned(), en.to_owned()),
            "{edit:?}"
        );
    }
}

#[test]
fn an_empty_definition_suggests_starting_from_the_default_campaign() {
    for text in ["", "\n  \n\t\n", "# 活动定义\n\n   # 待填写\n"] {
        let error = Campaign::parse(text).expect_err("an empty definition");
        assert!(
            matches!(&error, DefinitionError::Empty { path } if path.to_str() == Some("campaign.toml")),
            "{error:?}"
        );
        assert_eq!(
            error.render(Lang::Zh),
            "活动定义 campaign.toml 是空的，没有任何设置。要从默认活动开始，请在活动文件夹中运行 \
             campaign init --force，用默认活动替换这个空文件，再按本次活动修改。",
            "{text:?}"
        );
        assert_eq!(
            error.render(Lang::En),
            "the campaign definition campaign.toml is empty: it sets nothing. To start from the \
             default campaign, run campaign init --force in the campaign folder; it replaces the \
             empty file with the default campaign, for you to adapt.",
            "{text:?}"
        );
    }
}

#[test]
fn an_unknown_key_suggests_the_closest_known_key() {
    let (zh, en) = refused_edited(&[("aliases = [\"环卫中心\"", "aliasses = [\"环卫中心\"")]);
    assert_eq!(
        zh,
        "活动定义 campaign.toml 有 1 处问题，请修改后重试：\n  \
         第 39 行 units[1].aliasses：不认识的键“aliasses”，是否应为“aliases”？"
    );
    assert_eq!(
        en,
        "the campaign definition campaign.toml has 1 problem(s); please correct it:\n  \
         line 39, units[1].aliasses: unknown key “aliasses”; did you mean “aliases”?"
    );
    // A misspelt key inside an inline table, on its own line.
    assert_problems(
        &[("required = true", "requried = true")],
        &["第 46 行 reports[0].columns[0].requried：不认识的键“requried”，是否应为“required”？"],
    );
}

#[test]
fn an_unknown_key_like_no_known_key_lists_the_keys_of_its_table() {
    assert_problems(
        &[("business = true", "business = true\n\"联系人\" = \"张三\"")],
        &[
            "第 35 行 units[0].联系人：不认识的键“联系人”，这里可用的键有 name、kind、aliases、business、exempt",
        ],
    );
    let (_, en) = refused_edited(&[("business = true", "business = true\n\"联系人\" = \"张三\"")]);
    assert_eq!(
        en,
        "the campaign definition campaign.toml has 1 problem(s); please correct it:\n  \
         line 35, units[0].联系人: unknown key “联系人”; the keys here are name, kind, aliases, business, exempt"
    );
}

#[test]
fn a_value_of_the_wrong_type_says_what_was_found_and_what_is_expected() {
    let (zh, en) = refused_edited(&[("business = true", "business = \"是\"")]);
    assert_eq!(
        zh,
        "活动定义 campaign.toml 有 1 处问题，请修改后重试：\n  \
         第 34 行 units[0].business：应为逻辑值 true 或 false（不加引号），现为文字 \"是\""
    );
    assert_eq!(
        en,
        "the campaign definition campaign.toml has 1 problem(s); please correct it:\n  \
         line 34, units[0].business: must be true or false (without quotes); found text \"是\""
    );
    assert_problems(
        &[(
            "aliases = [\"环卫中心\", \"环卫所\"]",
            "aliases = \"环卫中心\"",
        )],
        &["第 39 行 units[1].aliases：应为文字的列表，如 [\"甲\", \"乙\"]，现为文字 \"环卫中心\""],
    );
    assert_problems(
        &[("units = \"business\"", "units = 2")],
        &[
            "第 51 行 reports[0].row_counts[0].units：应为文字 \"all\" 或 \"business\"，或单位名称的列表，现为数字 2",
        ],
    );
    assert_problems(
        &[(
            "column = \"结束日期\", days = 3",
            "column = \"结束日期\", days = 3.5",
        )],
        &["第 74 行 reports[3].after.days：应为整数（不加引号），现为数字 3.5"],
    );
}

#[test]
fn a_value_that_cannot_be_read_is_reported_once() {
    // The category's number is unreadable, so no activity is said to lie in
    // an unknown category, and no numbering is judged.
    assert_problems(
        &[("[[categories]]\nno = 1", "[[categories]]\nno = \"1\"")],
        &["第 8 行 categories[0].no：应为整数（不加引号），现为文字 \"1\""],
    );
    // A quoted date is no missing deadline.
    assert_problems(
        &[("due = 2021-06-03", "due = \"2021-06-03\"")],
        &["第 44 行 reports[0].due：应为日期，如 2021-06-01（不加引号），现为文字 \"2021-06-03\""],
    );
    // Nor is an unreadable `after` a materials report without a deadline.
    assert_problems(
        &[(
            "after = { report = \"plan\", column = \"结束日期\", days = 3 }",
            "after = \"plan\"",
        )],
        &["第 74 行 reports[3].after：应为表（写成 [表名] 或 { 键 = 值 }），现为文字 \"plan\""],
    );
    // One item of the wrong type: the item is named, the list is not read.
    assert_problems(
        &[("\"环卫中心\", \"环卫所\"", "\"环卫中心\", 3")],
        &["第 39 行 units[1].aliases[1]：应为文字（用英文双引号括起来），现为数字 3"],
    );
}

#[test]
fn deadlines_are_not_held_against_a_period_that_cannot_be_read() {
    // With no end of the period, no deadline can be told from a typing
    // mistake; only the end is reported, not every deadline after it.
    assert_problems(
        &[("end = 2021-06-30", "end = 2021-06-30T18:00:00")],
        &["第 4 行 campaign.end：“2021-06-30T18:00:00”不是日期，应写成 2021-06-01 这样的日期"],
    );
}

#[test]
fn a_missing_required_key_points_at_its_table() {
    let (zh, en) = refused_edited(&[("name = \"测试活动\"\n", "")]);
    assert_eq!(
        zh,
        "活动定义 campaign.toml 有 1 处问题，请修改后重试：\n  第 1 行 campaign.name：缺少必填项 name"
    );
    assert_eq!(
        en,
        "the campaign definition campaign.toml has 1 problem(s); please correct it:\n  \
         line 1, campaign.name: the required key name is missing"
    );
    assert_problems(
        &[("kind = \"单位\"\n", "")],
        &["第 36 行 units[1].kind：缺少必填项 kind"],
    );
    assert_problems(
        &[(", column = \"结束日期\"", "")],
        &["第 74 行 reports[3].after.column：缺少必填项 column"],
    );
}

/// Shape and validation problems of one file: a missing key, an unknown key,
/// a bad time zone, a wrong type, a misspelt key, an unknown report kind and
/// an unknown column, made in that order of the file.
fn mixed_mistakes() -> (String, String) {
    refused_edited(&[
        ("name = \"测试活动\"", "title = \"测试活动\""),
        ("timezone = \"+08:00\"", "timezone = \"北京时间\""),
        ("business = true", "business = \"是\""),
        ("aliases = [\"环卫中心\"", "aliasses = [\"环卫中心\""),
        ("kind = \"document\"", "kind = \"doc\""),
        ("column = \"结束日期\", days", "column = \"完成日期\", days"),
    ])
}

#[test]
fn shape_and_validation_problems_are_reported_together_in_file_order() {
    let (zh, en) = mixed_mistakes();
    assert_eq!(
        zh,
        "活动定义 campaign.toml 有 7 处问题，请修改后重试：\n  \
         第 1 行 campaign.name：缺少必填项 name\n  \
         第 2 行 campaign.title：不认识的键“title”，这里可用的键有 name、issuer、office、contact、contact_phone、contact_email、theme、start、end、timezone\n  \
         第 5 行 campaign.timezone：时区“北京时间”无法识别，应写成 \"+08:00\" 这样的 UTC 偏移\n  \
         第 34 行 units[0].business：应为逻辑值 true 或 false（不加引号），现为文字 \"是\"\n  \
         第 39 行 units[1].aliasses：不认识的键“aliasses”，是否应为“aliases”？\n  \
         第 67 行 reports[2].kind：报送类别“doc”无法识别，应为 table、document 或 materials\n  \
         第 74 行 reports[3].after.column：报送事项“plan”没有名为“完成日期”的列"
    );
    assert_eq!(
        en,
        "the campaign definition campaign.toml has 7 problem(s); please correct it:\n  \
         line 1, campaign.name: the required key name is missing\n  \
         line 2, campaign.title: unknown key “title”; the keys here are name, issuer, office, contact, contact_phone, contact_email, theme, start, end, timezone\n  \
         line 5, campaign.timezone: time zone “北京时间” is not understood; write a UTC offset such as \"+08:00\"\n  \
         line 34, units[0].business: must be true or false (without quotes); found text \"是\"\n  \
         line 39, units[1].aliasses: unknown key “aliasses”; did you mean “aliases”?\n  \
         line 67, reports[2].kind: report kind “doc” is not known; use table, document or materials\n  \
         line 74, reports[3].after.column: report “plan” has no column named “完成日期”"
    );
}

#[test]
fn the_office_contact_is_read_as_a_form_reads_a_phone_and_an_e_mail_cell() {
    let contact = |name: &str, phone: &str, email: &str| OfficeContact {
        name: Some(name.to_owned()),
        phone: Some(phone.to_owned()),
        email: Some(email.to_owned()),
    };
    let default = Campaign::parse(DEFAULT_TOML).unwrap();
    assert_eq!(
        default.contact,
        contact("王一", "022-23450000", "wangyi@example.com")
    );
    assert_eq!(
        Campaign::parse(MINIMAL).unwrap().contact,
        OfficeContact::default()
    );

    let written = edited(
        MINIMAL,
        &[(
            "timezone = \"+08:00\"\n",
            "timezone = \"+08:00\"\ncontact = \" 李四 \"\ncontact_phone = \"（022）2345 0000\"\ncontact_email = \"LiSi＠Example．com\"\n",
        )],
    );
    assert_eq!(
        Campaign::parse(&written).unwrap().contact,
        contact("李四", "022-23450000", "LiSi@example.com")
    );
    let blank = edited(
        MINIMAL,
        &[(
            "timezone = \"+08:00\"\n",
            "timezone = \"+08:00\"\ncontact = \"\"\ncontact_phone = \" \"\n",
        )],
    );
    assert_eq!(
        Campaign::parse(&blank).unwrap().contact,
        OfficeContact::default()
    );
}

#[test]
fn an_office_phone_or_e_mail_a_form_would_refuse_is_refused() {
    let (zh, en) = refused_edited(&[(
        "timezone = \"+08:00\"\n",
        "timezone = \"+08:00\"\ncontact_phone = \"2345\"\ncontact_email = \"wangyi.example.com\"\n",
    )]);
    assert_eq!(
        zh,
        "活动定义 campaign.toml 有 2 处问题，请修改后重试：\n  \
         第 6 行 campaign.contact_phone：“2345”不是电话号码，应写成 022-23450000 这样的固定电话或 13800001234 这样的11位手机号码\n  \
         第 7 行 campaign.contact_email：“wangyi.example.com”不是电子邮箱地址，应写成 name@example.com 这样的地址"
    );
    assert_eq!(
        en,
        "the campaign definition campaign.toml has 2 problem(s); please correct it:\n  \
         line 6, campaign.contact_phone: “2345” is not a telephone number; write a landline such as 022-23450000 or an 11-digit mobile number such as 13800001234\n  \
         line 7, campaign.contact_email: “wangyi.example.com” is not an e-mail address; write one such as name@example.com"
    );
}

// ── 5. Date-time deadlines ───────────────────────────────────────────────

fn progress_due(text: &str) -> Due {
    let campaign = Campaign::parse(text).expect("valid");
    campaign.report("progress").unwrap().due.unwrap()
}

#[test]
fn local_date_time_deadline_is_in_the_campaign_time_zone() {
    let text = edited(
        DEFAULT_TOML,
        &[("due = 2021-06-28\nrows", "due = 2021-06-28T17:00:00\nrows")],
    );
    let Due::At(at) = progress_due(&text) else {
        panic!("a date-time is an exact instant");
    };
    assert_eq!(at.to_rfc3339(), "2021-06-28T17:00:00+08:00");
    assert_eq!(*at.offset(), offset(8));

    // The campaign's zone decides, not the machine's.
    let text = edited(&text, &[("timezone = \"+08:00\"", "timezone = \"+05:30\"")]);
    let Due::At(at) = progress_due(&text) else {
        panic!("a date-time is an exact instant");
    };
    assert_eq!(at.to_rfc3339(), "2021-06-28T17:00:00+05:30");
}

#[test]
fn offset_date_time_deadline_is_kept_exactly() {
    let text = edited(
        DEFAULT_TOML,
        &[(
            "due = 2021-06-28\nrows",
            "due = 2021-06-28T17:00:00+00:00\nrows",
        )],
    );
    let due = progress_due(&text);
    let expected = DateTime::parse_from_rfc3339("2021-06-28T17:00:00+00:00").unwrap();
    assert_eq!(due, Due::At(expected));
    let Due::At(at) = due else { unreachable!() };
    assert_eq!(at.to_rfc3339(), "2021-06-28T17:00:00+00:00");
    assert_eq!(*at.offset(), offset(0));
    // 17:00 UTC is already the next day in the campaign's zone: the same instant, shown there.
    assert_eq!(
        due.instant(offset(8)).to_rfc3339(),
        "2021-06-29T01:00:00+08:00"
    );
    assert_eq!(due.instant(offset(8)), expected);
    assert_eq!(due.date(offset(8)), date(2021, 6, 29));
}

fn parsed(edits: &[(&str, &str)]) -> Campaign {
    Campaign::parse(&edited(MINIMAL, edits)).expect("the edited definition is valid")
}

#[test]
fn references_accept_aliases_and_resolve_them_to_canonical_names() {
    let campaign = parsed(&[
        ("unit = \"区环境卫生服务中心\"", "unit = \"环卫中心\""),
        ("units = \"business\"", "units = [\"公共事务室\"]"),
        (
            "{ name = \"排查隐患\", unit = \"项\", type = \"count\" }",
            "{ name = \"排查隐患\", unit = \"项\", type = \"count\", aliases = [\"排查隐患数\"] }",
        ),
        ("at_most = \"排查隐患\"", "at_most = \"排查隐患数\""),
    ]);
    assert_eq!(campaign.extensions[0].unit, "区环境卫生服务中心");
    let plan = campaign.report("plan").unwrap().table().unwrap();
    assert_eq!(
        plan.row_counts[0].units,
        UnitSelector::Named(vec!["公共室".to_owned()])
    );
    let progress = campaign.report("progress").unwrap().table().unwrap();
    assert_eq!(progress.columns[2].at_most, Some(1));
}

#[test]
fn two_extensions_for_the_same_unit_and_report_are_refused() {
    assert_problems(
        &[(
            "until = 2021-07-02\n",
            "until = 2021-07-02\n\n[[extensions]]\nunit = \"环卫中心\"\nreport = \"progress\"\nuntil = 2021-07-05\n",
        )],
        &["第 81 行 extensions[1]：同一单位同一报送事项已有一条延期，请合并为一条"],
    );
}

#[test]
fn only_an_office_can_be_a_business_office() {
    assert_problems(
        &[(
            "aliases = [\"环卫中心\", \"环卫所\"]",
            "aliases = [\"环卫中心\", \"环卫所\"]\nbusiness = true",
        )],
        &["第 40 行 units[1].business：只有“室”可以是业务室（business = true）"],
    );
}

#[test]
fn a_count_compared_with_a_date_is_refused() {
    assert_problems(
        &[("at_most = \"排查隐患\"", "at_most = \"备注\"")],
        &[
            "第 61 行 reports[1].columns[2].at_most：“整改隐患”与“备注”无法比较：比较的两列须同为数字列或同为日期列",
        ],
    );
    assert_problems(
        &[("at_least = \"开始日期\"", "at_least = \"活动名称\"")],
        &[
            "第 48 行 reports[0].columns[2].at_least：“结束日期”与“活动名称”无法比较：比较的两列须同为数字列或同为日期列",
        ],
    );
}

#[test]
fn a_table_of_activity_rows_that_lists_only_its_metrics_gets_serial_and_item_columns() {
    // SPEC §4's example lists only the counts of 附件3.
    let campaign = parsed(&[("  { name = \"活动事项\", type = \"activity\" },\n", "")]);
    let progress = campaign.report("progress").unwrap().table().unwrap();
    let headers: Vec<String> = progress.columns.iter().map(|c| c.header()).collect();
    assert_eq!(
        headers,
        [
            "序号",
            "活动事项",
            "排查隐患（项）",
            "整改隐患（项）",
            "备注"
        ]
    );
    assert_eq!(progress.columns[1].ty, ColumnType::Activity);
    assert!(progress.columns[1].required);
    // Rules still point at the right columns.
    assert_eq!(progress.columns[3].at_most, Some(2));
}

#[test]
fn numbers_beyond_any_real_campaign_are_refused_before_they_can_overflow() {
    assert_problems(
        &[(
            "column = \"结束日期\", days = 3",
            "column = \"结束日期\", days = 4294967299",
        )],
        &["第 74 行 reports[3].after.days：应在 0 至 366 之间，现为 4294967299"],
    );
    let text = format!("{MINIMAL}\n[limits]\nmax_unzipped_mb = 9223372036854775807\n");
    assert_eq!(
        problems(&text),
        ["第 82 行 limits.max_unzipped_mb：应在 1 至 1048576 之间，现为 9223372036854775807"]
    );
}
