//! `campaign remind` on a real campaign repository (the scene of
//! tests/common/scene.rs, judged on June 9, 2021 at noon): the exact text of
//! a reminder in Chinese and in English, `--unit` by name or alias, the files
//! `--out` writes (their names, their bytes, the 问题清单 read back cell by
//! cell, the same bytes on every run), the refusal to write under
//! submissions/, and nothing at all for units that owe nothing.

mod common;

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use common::git::Repo;
use common::scene::{AS_OF, scene};
use common::{part, row_texts, text};

fn remind(repo: &Repo, args: &[&str]) -> Output {
    Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(&repo.root)
        .arg("remind")
        .args(args)
        .output()
        .unwrap()
}

/// What `campaign remind ARGS` prints, asserting it exits with status 0 and says nothing on standard error.
fn printed(repo: &Repo, args: &[&str]) -> String {
    let output = remind(repo, args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
    String::from_utf8(output.stdout).unwrap()
}

/// Every file name in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// The cells of a workbook's only sheet, which must be called `name`.
fn only_sheet(path: &Path, name: &str) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    assert_eq!(book.sheet_names(), [name]);
    book.worksheet_range(name).unwrap()
}

/// Whom to send 园林绿化室's reminder to: its liaisons, from its invalid 附件1.
const HEADING_ZH: &str = "\
==== 1/1 园林绿化室 ====
联络员 赵六 手机 13800001234 办公电话 022-12345678
联络员 钱七 手机 13900005678 办公电话 022-12345678
（联络员取自有误的表格 submissions/园林绿化室/附件1.xlsx，姓名和电话本身无误）
";

/// 园林绿化室 sent an invalid 附件1 and an invalid 附件2.
const LETTER_ZH: &str = "\
园林绿化室：

　　截至2021年6月9日 12:00，贵单位在2021年“安全生产月”活动中尚有以下2项需要办理：

1. 附件1 联络员表：已收到的文件“附件1.xlsx”有1处需要修改，截止时间为2021年6月3日（星期四），已过5天，请尽快改正后重新报送：
（1）工作表“附件1”第4行（G4单元格）：“电子邮箱”填写的是“zhaoliu.example.com”，不是有效的电子邮箱，应填写如 name@example.com 这样的邮箱地址。

2. 附件2 重点活动计划安排表：已收到的文件“附件2.xlsx”有2处需要修改，截止时间为2021年6月3日（星期四），已过5天，请尽快改正后重新报送：
（1）工作表“附件2”第5行（C5单元格）：“对应活动事项”填写的是“植树活动”，应为10项活动事项之一（如“专题学习”）或其序号1–10。
（2）工作表“附件2”：“是否品牌活动”为“是”的有 3 行，应为 1 至 2 行。

　　请抓紧办理。如有疑问，请与委办公室王一联系（电话：022-23450000，邮箱：wangyi@example.com）。谢谢！

区城管委
2021年6月9日
";

#[test]
fn a_unit_named_by_its_alias_gets_every_cell_to_fix_in_chinese() {
    let repo = scene();
    let stdout = printed(&repo, &["--as-of", AS_OF, "--unit", "园林室"]);
    assert_eq!(stdout, format!("{HEADING_ZH}\n{LETTER_ZH}"));
}

#[test]
fn a_unit_that_sent_nothing_gets_its_deadlines_in_english() {
    let repo = scene();
    let stdout = printed(
        &repo,
        &[
            "--as-of",
            AS_OF,
            "--due-soon",
            "4",
            "--unit",
            "区园林绿化服务中心",
            "--lang",
            "en",
        ],
    );
    assert_eq!(
        stdout,
        "\
==== 1/1 区园林绿化服务中心 ====
(no liaison on record: no liaison form with a name and a number yet)

区园林绿化服务中心:

As of 2021-06-09 12:00, 3 items of 2021年“安全生产月”活动 still need your attention:

1. 附件1 联络员表: not received; due 2021-06-03 (Thursday), 5 days overdue. Please send it as soon as possible.

2. 附件2 重点活动计划安排表: not received; due 2021-06-03 (Thursday), 5 days overdue. Please send it as soon as possible.

3. 安全生产月活动方案: not received yet; extended to 2021-06-11 (Friday), 2 days left. Please send it on time.

Please attend to this soon. If you have any questions, please contact 王一 at 委办公室 (phone 022-23450000, e-mail wangyi@example.com). Thank you.

区城管委
2021-06-09
"
    );
}

#[test]
fn an_invalid_form_is_placed_sheet_row_and_cell_in_english() {
    let repo = scene();
    let stdout = printed(
        &repo,
        &["--as-of", AS_OF, "--unit", "绿化室", "--lang", "en"],
    );
    let fixes: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with('(') && l.contains("Sheet"))
        .collect();
    assert_eq!(
        fixes,
        [
            "(1) Sheet “附件1”, row 4 (cell G4): “电子邮箱”: found “zhaoliu.example.com”; expected an e-mail address such as name@example.com.",
            "(1) Sheet “附件2”, row 5 (cell C5): “对应活动事项”: found “植树活动”; expected one of the 10 activity items (such as “专题学习”) or its number 1–10.",
            "(2) Sheet “附件2”: 3 rows have “是 (yes)” in “是否品牌活动”; expected 1 to 2.",
        ]
    );
    assert!(stdout.contains(
        "\n1. 附件1 联络员表: the file you sent, “附件1.xlsx”, has 1 entry to correct; due 2021-06-03 (Thursday), 5 days ago. Please correct it and send the file again as soon as possible:\n"
    ), "{stdout}");
}

#[test]
fn every_unit_of_the_chase_list_gets_one_reminder_in_campaign_order() {
    let repo = scene();
    let stdout = printed(&repo, &["--as-of", AS_OF]);
    let headings: Vec<&str> = stdout.lines().filter(|l| l.starts_with("====")).collect();
    // The units check's chase list names with --due-soon 2: 党建室's key
    // activity, due in three and a half days, is not chased yet.
    assert_eq!(
        headings,
        [
            "==== 1/6 公共室 ====",
            "==== 2/6 市容环卫室 ====",
            "==== 3/6 园林绿化室 ====",
            "==== 4/6 区环境卫生服务中心 ====",
            "==== 5/6 区园林绿化服务中心 ====",
            "==== 6/6 区燃气管理服务中心 ====",
        ]
    );
    assert!(
        stdout.contains(&format!("\n{LETTER_ZH}\n==== 4/6 ")),
        "{stdout}"
    );
    assert!(stdout.contains(
        "\n1. 重点活动资料 · 安全宣传进社区：尚未报送，截止时间为2021年6月9日（星期三），还剩11小时，请按时报送。\n"
    ), "{stdout}");
    assert!(stdout.contains(
        "\n1. 安全生产月活动方案：尚未报送，截止时间为2021年6月8日（星期二），已逾期12小时，请尽快报送。\n"
    ), "{stdout}");
    let four_days = printed(&repo, &["--as-of", AS_OF, "--due-soon", "4"]);
    assert!(
        four_days.starts_with("==== 1/7 党建室 ====\n"),
        "{four_days}"
    );
}

#[test]
fn out_writes_a_text_file_per_unit_and_a_problem_list_where_a_form_is_invalid_or_a_document_has_a_warning()
 {
    let repo = scene();
    let stdout = printed(&repo, &["--as-of", AS_OF, "--out", "out/催报"]);
    assert_eq!(
        stdout,
        "\
已写好 6 个单位的催报消息：
  out/催报/公共室.txt
  out/催报/公共室-问题清单.xlsx
  out/催报/市容环卫室.txt
  out/催报/园林绿化室.txt
  out/催报/园林绿化室-问题清单.xlsx
  out/催报/区环境卫生服务中心.txt
  out/催报/区园林绿化服务中心.txt
  out/催报/区燃气管理服务中心.txt
  out/催报/区燃气管理服务中心-问题清单.xlsx
"
    );
    let dir = repo.root.join("out/催报");
    assert_eq!(
        names(&dir),
        [
            "公共室-问题清单.xlsx",
            "公共室.txt",
            "区园林绿化服务中心.txt",
            "区燃气管理服务中心-问题清单.xlsx",
            "区燃气管理服务中心.txt",
            "区环境卫生服务中心.txt",
            "园林绿化室-问题清单.xlsx",
            "园林绿化室.txt",
            "市容环卫室.txt",
        ]
    );
    // Files are named by their file names, never by their paths.
    for name in names(&dir).iter().filter(|name| name.ends_with(".txt")) {
        let letter = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(!letter.contains("submissions/"), "{name}: {letter}");
        let advice = "请放到“区城市照明管理所”的文件夹中";
        assert_eq!(letter.contains(advice), name == "区燃气管理服务中心.txt");
    }
    // UTF-8 with a byte-order mark and CRLF, as every Notepad reads it.
    let bytes = std::fs::read(dir.join("园林绿化室.txt")).unwrap();
    let expected = format!("\u{feff}{}", LETTER_ZH.replace('\n', "\r\n"));
    assert_eq!(String::from_utf8(bytes).unwrap(), expected);
}

#[test]
fn the_problem_list_holds_one_row_per_problem_in_words_a_liaison_reads() {
    let repo = scene();
    printed(&repo, &["--as-of", AS_OF, "--out", "催报"]);
    let path = repo.root.join("催报/园林绿化室-问题清单.xlsx");
    let sheet = only_sheet(&path, "问题清单");
    assert_eq!(text(&sheet, "A1"), "园林绿化室报送表格问题清单");
    assert_eq!(
        text(&sheet, "A2"),
        "2021年“安全生产月”活动　截至 2021年6月9日 12:00　共 3 处，请逐项改正后重新报送"
    );
    assert_eq!(
        row_texts(&sheet, 3),
        [
            "序号",
            "表格",
            "文件",
            "工作表",
            "单元格",
            "填写的内容",
            "问题及应填写的内容",
            "填写规则"
        ]
    );
    let rows: Vec<Vec<String>> = (4..=6).map(|row| row_texts(&sheet, row)).collect();
    assert_eq!(
        rows,
        [
            [
                "1",
                "附件1 联络员表",
                "附件1.xlsx",
                "附件1",
                "G4",
                "zhaoliu.example.com",
                "“电子邮箱”填写的是“zhaoliu.example.com”，不是有效的电子邮箱，应填写如 name@example.com 这样的邮箱地址",
                "请填写电子邮箱，如 name@example.com。",
            ],
            [
                "2",
                "附件2 重点活动计划安排表",
                "附件2.xlsx",
                "附件2",
                "C5",
                "植树活动",
                "“对应活动事项”填写的是“植树活动”，应为10项活动事项之一（如“专题学习”）或其序号1–10",
                "【必填】请从下拉列表中选择对应的活动事项（共10项）。",
            ],
            [
                "3",
                "附件2 重点活动计划安排表",
                "附件2.xlsx",
                "附件2",
                "整张表",
                "",
                "“是否品牌活动”为“是”的有 3 行，应为 1 至 2 行",
                "各业务室“是否品牌活动”为“是”的行须有1至2行。",
            ],
        ]
    );
    assert_eq!(sheet.height(), 6);

    // A file-level problem has no sheet and no cell.
    let path = repo.root.join("催报/区燃气管理服务中心-问题清单.xlsx");
    let sheet = only_sheet(&path, "问题清单");
    assert_eq!(
        row_texts(&sheet, 4)[..5],
        [
            "1",
            "附件2 重点活动计划安排表",
            "附件2.xlsx",
            "",
            "整个文件"
        ]
    );

    // Print-ready like the consolidated books: A4 landscape, the header on
    // every page; dated by the reminder's day, not the clock.
    let path = repo.root.join("催报/园林绿化室-问题清单.xlsx");
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\""),
        "{xml}"
    );
    assert!(part(&path, "xl/workbook.xml").contains(
        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">问题清单!$1:$3</definedName>"
    ));
    assert!(part(&path, "docProps/core.xml").contains(
        "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2021-06-09T00:00:00Z</dcterms:created>"
    ));
}

#[test]
fn the_warnings_on_a_units_documents_are_listed_apart_to_be_looked_at() {
    // 公共室's 方案 is a line long: its 问题清单 holds that warning alone.
    let repo = scene();
    printed(
        &repo,
        &["--as-of", AS_OF, "--unit", "公共室", "--out", "催报"],
    );
    let sheet = only_sheet(&repo.root.join("催报/公共室-问题清单.xlsx"), "问题清单");
    assert_eq!(
        text(&sheet, "A2"),
        "2021年“安全生产月”活动　截至 2021年6月9日 12:00　共 1 处提醒，请核对；如确有问题，请修改后重新报送"
    );
    assert_eq!(
        [row_texts(&sheet, 3), row_texts(&sheet, 4)],
        [
            [
                "序号",
                "报送事项",
                "文件",
                "工作表",
                "单元格",
                "填写的内容",
                "提醒内容",
                "填写规则"
            ],
            [
                "1",
                "安全生产月活动方案",
                "公共室安全生产月活动方案.docx",
                "",
                "整个文件",
                "",
                "文档只有 39 个字，少于应有的 200 个字，请确认提交的是写好的完整文档",
                ""
            ]
        ]
    );
    assert_eq!(sheet.height(), 4);

    // Below the errors of an invalid form, under a caption, in both languages.
    let repo = common::run::campaign_repo("");
    let mut roster = common::run::liaison_rows("党建室");
    roster[3][6] = common::s("zhaoliu.example.com");
    common::write_xlsx(
        &repo.root.join("submissions/党建室/附件1.xlsx"),
        &[("附件1", roster)],
    );
    repo.write_bytes(
        "submissions/党建室/党建室安全生产月活动方案.docx",
        &common::docx::document("安全生产月活动方案", &[&common::docx::body("公共室")]),
    );
    repo.commit_at("2021-06-02T10:00:00+08:00");
    for (lang, sheet_name, expected) in [
        (
            "zh",
            "问题清单",
            [
                "2021年“安全生产月”活动　截至 2021年6月4日 23:59　共 1 处，请逐项改正后重新报送；另有 1 处提醒，请核对",
                "提醒：以下文档已按收到计，不影响报送状态，请核对",
                "文档中没有出现单位名称“党建室”或其简称，请确认是本单位的文档",
            ],
        ),
        (
            "en",
            "Problems",
            [
                "2021年“安全生产月”活动 — as of 2021-06-04 23:59 — 1 to correct; please correct each and send the files again; 1 more to look at",
                "Warnings: these documents count as received; please look at them",
                "the document names neither “党建室” nor any of its short names; please check that it is this unit's document",
            ],
        ),
    ] {
        printed(
            &repo,
            &["--lang", lang, "--as-of", "2021-06-04", "--out", lang],
        );
        let path = repo.root.join(format!("{lang}/党建室-问题清单.xlsx"));
        let sheet = only_sheet(&path, sheet_name);
        assert_eq!(text(&sheet, "A2"), expected[0], "{lang}");
        assert_eq!(row_texts(&sheet, 4)[4], "G4", "{lang}");
        assert_eq!(row_texts(&sheet, 5), [""; 8], "{lang}");
        assert_eq!(text(&sheet, "A6"), expected[1], "{lang}");
        assert_eq!(row_texts(&sheet, 8)[6], expected[2], "{lang}");
        assert_eq!(sheet.height(), 8, "{lang}");
    }
}

#[test]
fn in_english_the_problem_list_speaks_english_under_the_same_file_name() {
    let repo = scene();
    let stdout = printed(
        &repo,
        &[
            "--as-of",
            AS_OF,
            "--unit",
            "园林室",
            "--out",
            "en",
            "--lang",
            "en",
        ],
    );
    assert_eq!(
        stdout,
        "the reminder is written for 1 unit:\n  en/园林绿化室.txt\n  en/园林绿化室-问题清单.xlsx\n"
    );
    let path = repo.root.join("en/园林绿化室-问题清单.xlsx");
    let sheet = only_sheet(&path, "Problems");
    assert_eq!(text(&sheet, "A1"), "Problems to correct: 园林绿化室");
    assert_eq!(
        text(&sheet, "A2"),
        "2021年“安全生产月”活动 — as of 2021-06-09 12:00 — 3 to correct; please correct each and send the files again"
    );
    assert_eq!(
        row_texts(&sheet, 3),
        [
            "No.",
            "Form",
            "File",
            "Sheet",
            "Cell",
            "Found",
            "Problem and what to enter",
            "Rule of the form"
        ]
    );
    // The rule is the form's own input message, which is in Chinese.
    assert_eq!(
        row_texts(&sheet, 6)[4..],
        [
            "whole sheet",
            "",
            "3 rows have “是 (yes)” in “是否品牌活动”; expected 1 to 2",
            "各业务室“是否品牌活动”为“是”的行须有1至2行。"
        ]
    );
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let repo = scene();
    printed(&repo, &["--as-of", AS_OF, "--out", "first"]);
    printed(&repo, &["--as-of", AS_OF, "--out", "second"]);
    let (first, second) = (repo.root.join("first"), repo.root.join("second"));
    assert_eq!(names(&first), names(&second));
    for name in names(&first) {
        assert_eq!(
            std::fs::read(first.join(&name)).unwrap(),
            std::fs::read(second.join(&name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn out_refuses_a_folder_under_submissions() {
    let repo = scene();
    let output = remind(&repo, &["--as-of", AS_OF, "--out", "submissions/催报"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    let expected = format!(
        "不能写到 {}：submissions/ 只存放各单位报送的文件，请换一个输出位置。\n",
        repo.root.join("submissions/催报").display()
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), expected);
    assert!(!repo.root.join("submissions/催报").exists());
}

#[test]
fn a_unit_that_owes_nothing_gets_nothing() {
    let repo = scene();
    let cases: [(&[&str], &str); 3] = [
        (
            &["--as-of", AS_OF, "--unit", "执法大队", "--out", "催报"],
            "截至 2021年6月9日 12:00，区城市管理综合执法大队没有需要催报的事项。\n",
        ),
        (
            &["--as-of", AS_OF, "--unit", "执法大队", "--lang", "en"],
            "As of 2021-06-09 12:00, 区城市管理综合执法大队 owes nothing.\n",
        ),
        // Before any deadline is near, nobody owes anything.
        (
            &["--as-of", "2021-05-30", "--out", "催报"],
            "截至 2021年5月30日 23:59，没有需要催报的单位。\n",
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(printed(&repo, args), expected, "{args:?}");
    }
    assert!(!repo.root.join("催报").exists());
}

#[test]
fn an_unknown_unit_is_bad_usage() {
    let repo = scene();
    let output = remind(&repo, &["--unit", "某某科", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "--unit “某某科” is not the name or alias of a unit of this campaign. The units are: 党建室, 公共室, 市政道路桥梁室, 市容环卫室, 园林绿化室, 安全监管室, 计划财务室, 区环境卫生服务中心, 区园林绿化服务中心, 区市政设施维护中心, 区燃气管理服务中心, 区城市管理综合执法大队, 区生活垃圾处理场, 区城市照明管理所.\n"
    );
}

#[test]
fn without_an_office_contact_the_reminder_names_the_office() {
    let repo = Repo::new();
    let definition = campaign::definition::DEFAULT_TOML
        .lines()
        .filter(|line| !line.starts_with("contact"))
        .collect::<Vec<_>>()
        .join("\n");
    repo.write("campaign.toml", &definition);
    repo.commit_at("2021-05-28T09:00:00+08:00");
    let zh = printed(&repo, &["--as-of", "2021-06-04", "--unit", "党建室"]);
    assert!(
        zh.contains(
            "\n　　请抓紧办理。如有疑问，请与委办公室联系。谢谢！\n\n区城管委\n2021年6月4日\n"
        ),
        "{zh}"
    );
    let en = printed(
        &repo,
        &["--as-of", "2021-06-04", "--unit", "党建室", "--lang", "en"],
    );
    assert!(en.contains("\nPlease attend to this soon. If you have any questions, please contact 委办公室. Thank you.\n\n区城管委\n2021-06-04\n"), "{en}");
}
