//! The four text formats of `campaign check` over one campaign that holds
//! every status (the scene of `common::scene`). Snapshots of each format, and
//! the contract properties other tools rely on (SPEC §6 JSON keys in order,
//! well-formed JUnit with the right counts, no escape codes without colour,
//! CJK alignment of the table).

mod common;

use std::fmt;

use campaign::lang::Lang;
use campaign::output::{Format, Style, render};
use campaign::status::{Judgement, Status};
use campaign::width::display_width;
use common::scene::{AS_OF, FAIL_ON, campaign, read};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

fn output(format: Format, color: bool, lang: Lang) -> String {
    let read = read();
    render(
        format,
        &read.check(),
        &read.campaign,
        &FAIL_ON,
        Style { color, lang },
    )
}

// ── Snapshots ────────────────────────────────────────────────────────────

#[test]
fn table_snapshot() {
    insta::assert_snapshot!(output(Format::Table, false, Lang::Zh));
}

#[test]
fn table_snapshot_in_english() {
    insta::assert_snapshot!(output(Format::Table, false, Lang::En));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!(output(Format::Json, false, Lang::Zh));
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(output(Format::Markdown, false, Lang::Zh));
}

#[test]
fn junit_snapshot() {
    insta::assert_snapshot!(output(Format::Junit, false, Lang::Zh));
}

#[test]
fn github_snapshot() {
    insta::assert_snapshot!(output(Format::Github, false, Lang::Zh));
}

#[test]
fn github_annotations_are_one_command_a_line_and_name_their_file() {
    let text = output(Format::Github, false, Lang::En);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.iter().all(|l| l.starts_with("::")), "{text}");
    assert_eq!(
        lines.last().unwrap(),
        &"::notice title=as of 2021-06-09 12%3A00::82 results: on time 33, late 3, missing 4, pending 38, invalid 3, exempt 1"
    );
    assert!(
        lines.contains(&"::error file=submissions/received.toml,line=7,title=receipt ledger::line 7 (entry 2): there is no submitted file “submissions/党建室/附件9.xlsx”; the entry is not used"),
        "{text}"
    );
}

// ── JSON: the SPEC §6 contract ───────────────────────────────────────────

/// A JSON value that keeps the order of object keys, which serde_json's
/// `Value` (without `preserve_order`) sorts away.
#[derive(Debug)]
enum Ordered {
    Object(Vec<(String, Ordered)>),
    Array(Vec<Ordered>),
    Scalar,
}

impl Ordered {
    fn keys(&self) -> Vec<&str> {
        match self {
            Ordered::Object(entries) => entries.iter().map(|(k, _)| k.as_str()).collect(),
            other => panic!("not an object: {other:?}"),
        }
    }

    fn get(&self, key: &str) -> &Ordered {
        match self {
            Ordered::Object(entries) => {
                &entries
                    .iter()
                    .find(|(k, _)| k == key)
                    .unwrap_or_else(|| panic!("no key {key}"))
                    .1
            }
            other => panic!("not an object: {other:?}"),
        }
    }

    fn items(&self) -> &[Ordered] {
        match self {
            Ordered::Array(items) => items,
            other => panic!("not an array: {other:?}"),
        }
    }
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor;
        impl<'de> Visitor<'de> for OrderedVisitor {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_str<E>(self, _: &str) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Ordered::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry()? {
                    entries.push((key, value));
                }
                Ok(Ordered::Object(entries))
            }
        }
        deserializer.deserialize_any(OrderedVisitor)
    }
}

#[test]
fn json_has_exactly_the_contract_keys_in_order() {
    let text = output(Format::Json, false, Lang::Zh);
    assert!(text.ends_with("}\n"), "pretty JSON with a trailing newline");
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let ordered: Ordered = serde_json::from_str(&text).expect("valid JSON");

    assert_eq!(
        ordered.keys(),
        [
            "campaign",
            "as_of",
            "summary",
            "results",
            "unassigned",
            "warnings",
            "chase"
        ]
    );
    assert_eq!(value["campaign"], "2021年“安全生产月”活动");
    assert_eq!(value["as_of"], AS_OF);
    assert_eq!(
        ordered.get("summary").keys(),
        ["ok", "late", "missing", "pending", "invalid", "exempt"]
    );

    let results = ordered.get("results").items();
    let plain = [
        "unit",
        "report",
        "due",
        "status",
        "received",
        "received_via",
        "files",
        "errors",
    ];
    let with_activity = [
        "unit",
        "report",
        "activity",
        "due",
        "status",
        "received",
        "received_via",
        "files",
        "errors",
    ];
    let json_results = value["results"].as_array().expect("results");
    assert_eq!(results.len(), read().check().results.len());
    for (result, json) in results.iter().zip(json_results) {
        if json["report"] == "materials" && json["status"] != "exempt" {
            assert_eq!(result.keys(), with_activity, "{json}");
        } else {
            assert_eq!(result.keys(), plain, "{json}");
        }
    }

    let invalid = json_results
        .iter()
        .position(|r| r["unit"] == "园林绿化室" && r["report"] == "plan")
        .expect("园林绿化室's plan");
    assert_eq!(json_results[invalid]["status"], "invalid");
    let errors = results[invalid].get("errors").items();
    assert_eq!(errors.len(), 2);
    for error in errors {
        assert_eq!(error.keys(), ["file", "sheet", "cell", "message"]);
    }
    let json_errors = &json_results[invalid]["errors"];
    assert_eq!(json_errors[0]["cell"], "C5");
    assert_eq!(json_errors[1]["cell"], serde_json::Value::Null);
    assert_eq!(json_errors[1]["sheet"], "附件2");

    for file in ordered.get("unassigned").items() {
        assert_eq!(file.keys(), ["file", "reason"]);
    }

    let json_chase = value["chase"].as_array().expect("chase");
    for (unit, json) in ordered.get("chase").items().iter().zip(json_chase) {
        if json["unit"] == "园林绿化室" {
            assert_eq!(
                unit.keys(),
                ["unit", "owes", "contacts", "contacts_from_invalid_form"]
            );
        } else {
            assert_eq!(unit.keys(), ["unit", "owes", "contacts"], "{json}");
        }
        for (owed, json) in unit
            .get("owes")
            .items()
            .iter()
            .zip(json["owes"].as_array().unwrap())
        {
            if json["report"] == "materials" {
                assert_eq!(owed.keys(), ["report", "activity", "status", "due"]);
            } else {
                assert_eq!(owed.keys(), ["report", "status", "due"]);
            }
        }
        for contact in unit.get("contacts").items() {
            assert_eq!(contact.keys(), ["name", "mobile", "phone"]);
        }
    }
}

#[test]
fn json_chase_lists_the_units_that_owe_something_as_the_check_does() {
    let value: serde_json::Value =
        serde_json::from_str(&output(Format::Json, false, Lang::Zh)).expect("valid JSON");
    let units: Vec<&str> = value["chase"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["unit"].as_str().unwrap())
        .collect();
    assert_eq!(
        units,
        [
            "党建室",
            "公共室",
            "市容环卫室",
            "园林绿化室",
            "区环境卫生服务中心",
            "区园林绿化服务中心",
            "区燃气管理服务中心",
        ]
    );
    let chase = |unit: &str| {
        value["chase"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["unit"] == unit)
            .unwrap()
            .clone()
    };
    assert_eq!(
        chase("区园林绿化服务中心"),
        serde_json::json!({
            "unit": "区园林绿化服务中心",
            "owes": [
                { "report": "liaison", "status": "missing", "due": "2021-06-03T23:59:59+08:00" },
                { "report": "plan", "status": "missing", "due": "2021-06-03T23:59:59+08:00" },
                { "report": "scheme", "status": "pending", "due": "2021-06-11T23:59:59+08:00" },
            ],
            "contacts": [],
        })
    );
    assert_eq!(
        chase("园林绿化室"),
        serde_json::json!({
            "unit": "园林绿化室",
            "owes": [
                { "report": "liaison", "status": "invalid", "due": "2021-06-03T23:59:59+08:00" },
                { "report": "plan", "status": "invalid", "due": "2021-06-03T23:59:59+08:00" },
            ],
            "contacts": [
                { "name": "赵六", "mobile": "13800001234", "phone": "022-12345678" },
                { "name": "钱七", "mobile": "13900005678", "phone": "022-12345678" },
            ],
            "contacts_from_invalid_form": "submissions/园林绿化室/附件1.xlsx",
        })
    );
    assert_eq!(
        chase("区环境卫生服务中心")["owes"],
        serde_json::json!([{
            "report": "materials",
            "activity": "安全宣传进社区",
            "status": "pending",
            "due": "2021-06-09T23:59:59+08:00",
        }])
    );
}

#[test]
fn json_values_follow_the_contract() {
    let text = output(Format::Json, false, Lang::Zh);
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let read = read();
    let check = read.check();
    for status in Status::ALL {
        assert_eq!(
            value["summary"][status.code()],
            check.count(status),
            "{status:?}"
        );
    }
    let results = value["results"].as_array().expect("results");
    let late = results
        .iter()
        .find(|r| r["unit"] == "公共室" && r["report"] == "liaison")
        .expect("公共室 liaison");
    assert_eq!(late["due"], "2021-06-03T23:59:59+08:00");
    assert_eq!(late["status"], "late");
    assert_eq!(late["received"], "2021-06-05T08:00:00+08:00");
    assert_eq!(late["received_via"], "git");
    assert_eq!(late["files"][0], "submissions/公共室/附件1.xlsx");
    let missing = results
        .iter()
        .find(|r| r["status"] == "missing")
        .expect("a missing result");
    assert_eq!(missing["received"], serde_json::Value::Null);
    assert_eq!(missing["received_via"], serde_json::Value::Null);
    assert_eq!(missing["files"], serde_json::json!([]));
    let ledger = results
        .iter()
        .find(|r| r["unit"] == "党建室" && r["report"] == "liaison")
        .expect("党建室 liaison");
    assert_eq!(ledger["received_via"], "ledger");
    assert_eq!(
        value["unassigned"][0]["file"],
        "submissions/新建文件夹/附件3.xlsx"
    );
}

#[test]
fn json_messages_follow_the_language() {
    let zh: serde_json::Value =
        serde_json::from_str(&output(Format::Json, false, Lang::Zh)).expect("JSON");
    let en: serde_json::Value =
        serde_json::from_str(&output(Format::Json, false, Lang::En)).expect("JSON");
    let reason = |v: &serde_json::Value| {
        v["unassigned"][0]["reason"]
            .as_str()
            .expect("reason")
            .to_owned()
    };
    assert!(
        reason(&zh).starts_with("无法确定是哪个单位的文件"),
        "{}",
        reason(&zh)
    );
    assert!(
        reason(&en).starts_with("cannot tell whose file this is"),
        "{}",
        reason(&en)
    );
    // Codes never change with the language.
    assert_eq!(zh["results"][0]["status"], en["results"][0]["status"]);
}

// ── JUnit ────────────────────────────────────────────────────────────────

/// The `tests` and `failures` of the root and of every suite, after reading
/// every event of the document.
fn junit_counts(xml: &str) -> (u64, u64, Vec<(String, u64, u64)>) {
    use quick_xml::XmlVersion;
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut root = None;
    let mut suites = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(element) | Event::Empty(element) => {
                let attribute = |name: &str| {
                    element
                        .try_get_attribute(name)
                        .expect("a well-formed attribute")
                        .map(|a| {
                            a.normalized_value(XmlVersion::Explicit1_0)
                                .expect("a well-escaped value")
                                .into_owned()
                        })
                };
                let number =
                    |name: &str| attribute(name).map(|v| v.parse::<u64>().expect("a count"));
                match element.name().as_ref() {
                    "testsuites" => {
                        root = Some((
                            number("tests").expect("tests"),
                            number("failures").expect("failures"),
                        ))
                    }
                    "testsuite" => suites.push((
                        attribute("name").expect("name"),
                        number("tests").expect("tests"),
                        number("failures").expect("failures"),
                    )),
                    _ => {}
                }
            }
            Event::Text(text) => {
                text.xml10_content();
            }
            Event::GeneralRef(reference) if reference.is_char_ref() => {
                reference
                    .resolve_char_ref()
                    .expect("a valid character reference")
                    .expect("a character");
            }
            Event::GeneralRef(reference) => {
                let name = reference.xml10_content();
                assert!(
                    ["amp", "lt", "gt", "quot", "apos"].contains(&name.as_ref()),
                    "&{name};"
                );
            }
            _ => {}
        }
    }
    let (tests, failures) = root.expect("a testsuites element");
    (tests, failures, suites)
}

#[test]
fn junit_is_well_formed_with_the_right_counts() {
    let read = read();
    let check = read.check();
    let campaign = campaign();
    let style = Style {
        color: false,
        lang: Lang::Zh,
    };
    for fail_on in [&FAIL_ON[..], &[Status::Late][..], &[][..], &Status::ALL[..]] {
        let xml = render(Format::Junit, &check, &campaign, fail_on, style);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
        let (tests, failures, suites) = junit_counts(&xml);
        let failing = check
            .results
            .iter()
            .filter(|r| fail_on.contains(&r.status()))
            .count() as u64;
        assert_eq!(tests, check.results.len() as u64, "{fail_on:?}");
        assert_eq!(failures, failing, "{fail_on:?}");
        assert_eq!(suites.len(), campaign.reports.len());
        for ((name, tests, failures), report) in suites.iter().zip(&campaign.reports) {
            let of_report: Vec<&Judgement> = check
                .results
                .iter()
                .filter(|r| r.report == report.id)
                .collect();
            assert_eq!(name, &report.title);
            assert_eq!(*tests, of_report.len() as u64, "{name}");
            let failing = of_report
                .iter()
                .filter(|r| fail_on.contains(&r.status()))
                .count() as u64;
            assert_eq!(*failures, failing, "{name} {fail_on:?}");
        }
    }
    // With the default --fail-on: missing, 公共室's 附件2, 市容环卫室's scheme,
    // 区园林绿化服务中心's 附件1 and 附件2; invalid, 园林绿化室's 附件1 and 附件2
    // and 区燃气管理服务中心's 附件2.
    let (_, failures, _) = junit_counts(&output(Format::Junit, false, Lang::Zh));
    assert_eq!(failures, 7);
}

#[test]
fn junit_escapes_markup_and_drops_forbidden_characters() {
    let read = read();
    let mut check = read.check();
    let first = &mut check.results[0];
    first.unit = "a&b<c>\"d\"'e'\u{1}\u{b}f\u{fffe}".to_owned();
    first.standing = campaign::status::Standing::Missing;
    first.versions[0].path = "submissions/x&y/<z>.xlsx\u{0}".to_owned();
    let xml = render(
        Format::Junit,
        &check,
        &campaign(),
        &FAIL_ON,
        Style::default(),
    );
    junit_counts(&xml);
    assert!(
        xml.contains("classname=\"a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;f\""),
        "{xml}"
    );
    assert!(!xml.contains('\u{1}') && !xml.contains('\u{0}') && !xml.contains('\u{fffe}'));
}

// ── Table ────────────────────────────────────────────────────────────────

/// The matrix of a table output: the header line and one line per unit.
fn matrix_lines(table: &str) -> Vec<&str> {
    let units = campaign().units.len();
    let lines: Vec<&str> = table.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.contains("附件1") && l.contains("活动资料"))
        .expect("a header line");
    lines[header..=header + units].to_vec()
}

#[test]
fn table_columns_align_by_display_width() {
    for lang in [Lang::Zh, Lang::En] {
        let table = output(Format::Table, false, lang);
        let lines = matrix_lines(&table);
        let width = display_width(lines[0]);
        for line in &lines {
            assert_eq!(display_width(line), width, "{line:?}");
        }
        // Every cell starts where its header starts.
        let header = column_starts(lines[0]);
        assert_eq!(header.len(), campaign().reports.len() + 1, "{:?}", lines[0]);
        for line in &lines[1..] {
            for &start in &header {
                assert_ne!(char_at(line, start), Some(' '), "{line:?} at {start}");
                assert_eq!(char_at(line, start - 1), Some(' '), "{line:?} at {start}");
            }
        }
    }
}

/// The display columns where a word starts after a space.
fn column_starts(line: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut column = 0;
    let mut previous = None;
    for c in line.chars() {
        if c != ' ' && previous == Some(' ') {
            starts.push(column);
        }
        column += display_width(&c.to_string());
        previous = Some(c);
    }
    starts
}

/// The character that starts at display column `at`, if one does.
fn char_at(line: &str, at: usize) -> Option<char> {
    let mut column = 0;
    for c in line.chars() {
        if column == at {
            return Some(c);
        }
        column += display_width(&c.to_string());
    }
    None
}

#[test]
fn table_has_no_escape_codes_without_colour_and_some_with() {
    let plain = output(Format::Table, false, Lang::Zh);
    assert!(!plain.contains('\x1b'));
    let coloured = output(Format::Table, true, Lang::Zh);
    assert!(coloured.contains('\x1b'));
    assert!(coloured.contains("\x1b[31m未报\x1b[0m"), "missing is red");
    assert!(coloured.contains("\x1b[32m按时\x1b[0m"), "ok is green");
    // Colour changes no visible character.
    let stripped = strip_sgr(&coloured);
    assert_eq!(stripped, plain);
}

fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn table_cells_say_how_late_and_how_soon() {
    let table = output(Format::Table, false, Lang::Zh);
    let lines = matrix_lines(&table);
    let row = |unit: &str| *lines.iter().find(|l| l.contains(unit)).expect(unit);
    assert!(row("公共室").contains("逾期1天"));
    assert!(row("市政道路桥梁室").contains("逾期5小时"));
    assert!(row("党建室").contains("按时↻"));
    assert!(row("党建室").contains("按时1 待报1"));
    assert!(row("安全监管室").contains("按时*"));
    assert!(row("计划财务室").contains("免报"));
    assert!(row("区环境卫生服务中心").contains("逾期1† 待报1"));
    assert!(row("区燃气管理服务中心").contains("—"));
    assert!(row("区园林绿化服务中心").starts_with("✗"));
    assert!(table.contains("即将到期（剩11小时）"));
    assert!(table.contains("待报（剩3天）"));
    assert!(row("区园林绿化服务中心").contains("待报（剩2天）*"));
    assert!(table.contains("安全生产月活动方案：待报（剩2天），已延期至6月11日"));
    assert!(table.contains("联络员 赵六 手机 13800001234 办公电话 022-12345678"));
    assert!(table.contains("（暂无联络员信息：尚未收到填有姓名和电话的联络员表）"));
    for mark in ["* 已延期", "↻ 已修订", "† 尚未提交"] {
        assert!(table.contains(mark), "{mark}");
    }
}

// ── Markdown ─────────────────────────────────────────────────────────────

#[test]
fn markdown_table_rows_have_one_cell_per_report() {
    let markdown = output(Format::Markdown, false, Lang::Zh);
    let reports = campaign().reports.len();
    let rows: Vec<&str> = markdown.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), campaign().units.len() + 2);
    for row in rows {
        // Unescaped pipes only: one more than the cells.
        let pipes = row
            .match_indices('|')
            .filter(|(i, _)| !row[..*i].ends_with('\\'))
            .count();
        assert_eq!(pipes, reports + 2, "{row}");
    }
    assert!(markdown.contains("`submissions/杂项 | 旧表<备份>.zip`"));
}

// ── What a bare `campaign` says ──────────────────────────────────────────

#[test]
fn the_overview_counts_by_status_and_names_the_next_deadline() {
    let read = read();
    let check = read.check();
    assert_eq!(
        campaign::output::overview::render(&check, &read.campaign, Lang::Zh),
        "2021年“安全生产月”活动　截至 2021年6月9日 12:00\n\
         共 82 项：按时 33，逾期 3，未报 4，待报 38，有误 3，免报 1\n\
         下一个截止：重点活动资料 · 安全宣传进社区，6月9日（星期三），今天截止（1 个单位尚未报送）\n\
         运行 campaign check 查看各单位的详细情况；有 7 个单位需要催报，运行 campaign remind 生成催报消息。\n"
    );
    assert_eq!(
        campaign::output::overview::render(&check, &read.campaign, Lang::En),
        "2021年“安全生产月”活动 — as of 2021-06-09 12:00\n\
         82 results: on time 33, late 3, missing 4, pending 38, invalid 3, exempt 1\n\
         Next deadline: 重点活动资料 · 安全宣传进社区, Jun 9 (Wednesday), due today \
         (1 unit has yet to hand it in)\n\
         Run campaign check --lang en for the details of every unit; 7 units owe something: \
         campaign remind --lang en writes their reminders.\n"
    );
}
