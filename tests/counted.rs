//! One rule for which version counts, used by every stage: check, merge, the
//! chase list, key-activity deadlines and explain, over real git repositories.

mod common;

use assert_cmd::Command;
use common::git::Repo;
use common::run::{LIAISON, campaign_repo, check_json, check_output, liaison_rows, plan, result};
use common::{progress_sheet, s, sample_counts, write_xlsx};
use serde_json::{Value, json};

fn campaign(repo: &Repo) -> Command {
    let mut command = Command::cargo_bin("campaign").unwrap();
    command.current_dir(&repo.root);
    command
}

/// `campaign merge --format json` into a fresh folder, as of `as_of`.
fn merge_json(repo: &Repo, as_of: &str) -> Value {
    let out = tempfile::tempdir().unwrap();
    let output = campaign(repo)
        .args(["merge", "--format", "json", "--as-of", as_of, "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    serde_json::from_slice(&common::run::succeeded(output)).unwrap()
}

/// The errors of one result, as (cell, message).
fn errors(json: &Value, unit: &str, report: &str) -> Vec<(Value, String)> {
    result(json, unit, report, None)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["cell"].clone(), e["message"].as_str().unwrap().to_owned()))
        .collect()
}

/// The lines of the chase list (催报名单) of the table format, from its heading on.
fn chase_lines(table: &str) -> Vec<&str> {
    let start = table.find("\n催报名单").expect("a chase list");
    table[start + 1..].lines().collect()
}

#[test]
fn a_form_in_a_units_folder_naming_another_unit_is_that_units_invalid_attempt() {
    let repo = campaign_repo("");
    write_xlsx(
        &repo.root.join(LIAISON),
        &[("附件1", liaison_rows("公共室"))],
    );
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let json = check_json(&repo, "2021-06-04");

    let mine = result(&json, "党建室", "liaison", None);
    assert_eq!(mine["status"], "invalid");
    assert_eq!(mine["received"], "2021-06-02T10:00:00+08:00");
    assert_eq!(mine["files"], json!([LIAISON]));
    assert_eq!(
        errors(&json, "党建室", "liaison"),
        [(
            Value::Null,
            "文件放在“党建室”的文件夹中，但填报单位为“公共室”；如果这是“公共室”的文件，请放到“公共室”的文件夹中；如果是“党建室”的文件，请改正后重新提交".to_owned()
        )]
    );
    // It never counts for the unit the cell names, and it is no stray file.
    assert_eq!(
        result(&json, "公共室", "liaison", None)["status"],
        "missing"
    );
    assert_eq!(json["unassigned"], json!([]));

    // The chase list asks 党建室 to correct its form, not to send one.
    let table = check_output(&repo, &["--as-of", "2021-06-04"]);
    let chase = chase_lines(&table);
    let at = chase.iter().position(|l| *l == "党建室").unwrap();
    assert_eq!(chase[at + 1], "  附件1 联络员表：有误，截止6月3日");
}

#[test]
fn one_bad_email_does_not_hide_the_valid_liaisons() {
    let repo = campaign_repo("");
    let mut rows = common::liaison_rows(
        "党建室",
        &[("赵六", "13800001234"), ("钱七", "13800005678")],
    );
    rows[3][6] = s("zhaoliu.example.com");
    write_xlsx(&repo.root.join(LIAISON), &[("附件1", rows)]);
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let commit = repo.head();

    let json = check_json(&repo, "2021-06-04");
    assert_eq!(
        result(&json, "党建室", "liaison", None)["status"],
        "invalid"
    );
    assert_eq!(
        errors(&json, "党建室", "liaison"),
        [(
            json!("G4"),
            "“电子邮箱”填写的是“zhaoliu.example.com”，不是有效的电子邮箱，应填写如 name@example.com 这样的邮箱地址".to_owned()
        )]
    );
    let table = check_output(&repo, &["--as-of", "2021-06-04"]);
    let chase = chase_lines(&table);
    let at = chase.iter().position(|l| *l == "党建室").unwrap();
    assert_eq!(
        chase[at + 1..at + 6],
        [
            "  附件1 联络员表：有误，截止6月3日",
            "  附件2 重点活动计划安排表：未报，截止6月3日",
            "  联络员 赵六 手机 13800001234 办公电话 022-12345678",
            "  联络员 钱七 手机 13800005678 办公电话 022-12345678",
            &format!("  （联络员取自有误的表格 {LIAISON}，姓名和电话本身无误）"),
        ]
    );

    // The roster rollup lists both, marked as taken from an invalid form,
    // each with the row it was read from.
    let merged = merge_json(&repo, "2021-06-04");
    let source = |row: u32| json!({ "file": LIAISON, "sheet": "附件1", "row": row, "commit": commit, "received": "2021-06-02T10:00:00+08:00" });
    assert_eq!(
        merged["liaisons"],
        json!([
            { "unit": "党建室", "name": "赵六", "mobile": "13800001234", "from_invalid_form": LIAISON, "source": source(4) },
            { "unit": "党建室", "name": "钱七", "mobile": "13800005678", "from_invalid_form": LIAISON, "source": source(5) },
        ])
    );
}

#[test]
fn the_newest_version_counts_even_when_it_is_invalid_everywhere() {
    let repo = campaign_repo("");
    let good = "submissions/党建室/附件3.xlsx";
    let broken = "submissions/党建室/附件3（修改）.xlsx";
    write_xlsx(
        &repo.root.join(good),
        &[("附件3", progress_sheet("党建室", &sample_counts()))],
    );
    repo.commit_at("2021-06-20T10:00:00+08:00");
    let mut counts = sample_counts();
    counts[0][5] = counts[0][4] + 1.0; // 整改隐患 above 排查隐患
    write_xlsx(
        &repo.root.join(broken),
        &[("附件3", progress_sheet("党建室", &counts))],
    );
    repo.commit_at("2021-06-25T10:00:00+08:00");

    let json = check_json(&repo, "2021-06-28");
    let judged = result(&json, "党建室", "progress", None);
    assert_eq!(judged["status"], "invalid");
    assert_eq!(judged["received"], "2021-06-20T10:00:00+08:00");
    assert_eq!(judged["files"], json!([good, broken]));

    // merge agrees: the unit's numbers are out until the correction is fixed.
    let merged = merge_json(&repo, "2021-06-28");
    assert_eq!(merged["progress"]["by_unit"], json!([]));
    let excluded = &merged["progress"]["excluded"][0];
    assert_eq!(excluded["unit"], "党建室");
    assert_eq!(
        excluded["reason"],
        "有误：附件3!H4 “整改隐患（项）”（5）不能大于“排查隐患（项）”（4）"
    );
}

#[test]
fn materials_of_a_unit_whose_plan_is_invalid_say_so_in_check_and_explain() {
    let repo = campaign_repo("");
    let plan_file = "submissions/党建室/附件2.xlsx";
    plan(&repo, plan_file, "党建室", &[("消防演练", 15, "否")]);
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let material = "submissions/党建室/重点活动/消防演练/照片1.jpg";
    repo.write(material, "jpeg")
        .commit_at("2021-06-16T10:00:00+08:00");
    let json = check_json(&repo, "2021-06-20");
    assert_eq!(
        result(&json, "党建室", "materials", Some("消防演练"))["status"],
        "ok"
    );

    // A correction that breaks the plan: its activities no longer set deadlines.
    plan(&repo, plan_file, "党建室", &[("消防演练", 15, "可能")]);
    repo.commit_at("2021-06-18T10:00:00+08:00");
    let json = check_json(&repo, "2021-06-20");
    assert_eq!(result(&json, "党建室", "plan", None)["status"], "invalid");
    let reason = format!(
        "本单位的附件2（{plan_file}）有误，改正之前无法核对重点活动，“消防演练”的资料暂时无法对应；请先改正附件2"
    );
    assert_eq!(
        json["unassigned"],
        json!([{ "file": material, "reason": reason }])
    );

    // explain says the same, and so exits 1.
    campaign(&repo)
        .args(["explain", material])
        .assert()
        .code(1)
        .stdout(format!(
            "文件：{material}\n单位：党建室（依据：所在文件夹）\n重点活动资料：消防演练\n问题：无\n报送情况：不计入任何报送事项：{reason}\n结论：有误，请按以上提示修改后重新提交。\n"
        ));
}

#[test]
fn a_roster_row_naming_another_unit_is_worth_a_warning() {
    let sc = common::Scenario::new();
    let mut rows = common::liaison_rows(
        "党建室",
        &[("赵六", "13800001234"), ("钱七", "13800005678")],
    );
    rows[4][1] = s("公共室");
    sc.xlsx("submissions/党建室/附件1.xlsx", &[("附件1", rows)]);
    assert_eq!(
        sc.problems("submissions/党建室/附件1.xlsx"),
        ["提醒 附件1!B5  这一行的单位名称是“公共室”，但这是“党建室”的表格；请核对"]
    );
}

#[test]
fn without_history_an_as_of_before_the_latest_change_says_contents_are_read_as_they_are_now() {
    // A folder in no repository: the ledger dates the files, and no earlier
    // content can be had.
    let repo = Repo::plain();
    repo.write("campaign.toml", campaign::definition::DEFAULT_TOML);
    common::run::liaison(&repo, LIAISON, "党建室");
    common::run::liaison(&repo, "submissions/公共室/附件1.xlsx", "公共室");
    repo.write(
        "submissions/received.toml",
        &format!(
            "[[received]]\npath = \"{LIAISON}\"\nat = 2021-06-02T10:00:00+08:00\nvia = \"email\"\n\n[[received]]\npath = \"submissions/公共室/附件1.xlsx\"\nat = 2021-06-05T09:30:00+08:00\nvia = \"email\"\n"
        ),
    );

    let note = "注意：状态按 2021年6月3日 23:59 判断，但表格内容按现在的文件读取（最近一次收到或修改在 2021年6月5日 09:30），当时的内容可能与现在不同。";
    let table = check_output(&repo, &["--as-of", "2021-06-03"]);
    assert!(table.contains(note), "{table}");
    let markdown = check_output(&repo, &["--as-of", "2021-06-03", "--format", "markdown"]);
    assert!(markdown.contains(&format!("> {note}")), "{markdown}");
    let later = check_output(&repo, &["--as-of", "2021-06-05T09:30:00"]);
    assert!(!later.contains("注意："), "{later}");
}

#[test]
fn with_history_an_as_of_before_the_latest_change_reads_the_files_as_they_stood() {
    let repo = campaign_repo("");
    common::run::liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-02T10:00:00+08:00");
    common::run::liaison(&repo, "submissions/公共室/附件1.xlsx", "公共室");
    repo.commit_at("2021-06-05T09:30:00+08:00");

    let table = check_output(&repo, &["--as-of", "2021-06-03"]);
    assert!(!table.contains("注意："), "{table}");
}

#[test]
fn a_long_list_of_errors_says_how_many_there_are() {
    let repo = campaign_repo("");
    let mut counts = sample_counts();
    for row in counts.iter_mut().take(5) {
        row[5] = row[4] + 1.0;
    }
    write_xlsx(
        &repo.root.join("submissions/党建室/附件3.xlsx"),
        &[("附件3", progress_sheet("党建室", &counts))],
    );
    repo.commit_at("2021-06-20T10:00:00+08:00");
    let merged = merge_json(&repo, "2021-06-28");
    let reason = merged["progress"]["excluded"][0]["reason"]
        .as_str()
        .unwrap();
    assert!(reason.ends_with("；等 5 处"), "{reason}");
    assert_eq!(reason.matches("不能大于").count(), 3, "{reason}");
}

#[test]
fn merge_says_when_it_counts_files_not_yet_committed() {
    let repo = campaign_repo("");
    write_xlsx(
        &repo.root.join("submissions/党建室/附件3.xlsx"),
        &[("附件3", progress_sheet("党建室", &sample_counts()))],
    );
    let out = tempfile::tempdir().unwrap();
    campaign(&repo)
        .args(["merge", "--out"])
        .arg(out.path())
        .assert()
        .code(0);
    let path = out.path().join("附件3-活动进展情况汇总表.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let summary = calamine::Reader::worksheet_range(&mut book, "汇总").unwrap();
    let note = common::text(&summary, "A2");
    assert!(
        note.contains("（含 1 个尚未提交的文件，收到时间按文件修改时间计）"),
        "{note}"
    );
}

/// The default campaign with 计划财务室 exempt from `reports` (a TOML list).
fn exempt_repo(reports: &str) -> Repo {
    let definition = campaign::definition::DEFAULT_TOML.replacen(
        "name = \"计划财务室\"\n",
        &format!("name = \"计划财务室\"\nexempt = {reports}\n"),
        1,
    );
    let repo = Repo::new();
    repo.write("campaign.toml", &definition);
    repo.commit_at("2021-05-28T09:00:00+08:00");
    repo
}

#[test]
fn materials_of_a_unit_without_a_plan_or_owing_none_say_which() {
    let cases = [
        (
            campaign_repo(""),
            "submissions/公共室/重点活动/应急演练/照片1.jpg",
            "本单位尚未报送附件2（重点活动计划），重点活动“应急演练”的资料暂时无法对应；请先报送附件2",
        ),
        (
            exempt_repo("[\"plan\"]"),
            "submissions/计划财务室/重点活动/预算培训/照片1.jpg",
            "本单位不需报送附件2（重点活动计划），因而没有重点活动，“预算培训”的资料无法对应，不计入",
        ),
    ];
    for (repo, material, reason) in cases {
        repo.write(material, "jpeg")
            .commit_at("2021-06-16T10:00:00+08:00");
        let json = check_json(&repo, "2021-06-20");
        assert_eq!(
            json["unassigned"],
            json!([{ "file": material, "reason": reason }])
        );
    }
}

#[test]
fn a_unit_exempt_from_the_roster_that_sent_one_is_still_phoned() {
    let repo = exempt_repo("[\"liaison\"]");
    let roster = "submissions/计划财务室/附件1.xlsx";
    write_xlsx(
        &repo.root.join(roster),
        &[("附件1", liaison_rows("计划财务室"))],
    );
    repo.commit_at("2021-06-02T10:00:00+08:00");

    let json = check_json(&repo, "2021-06-10");
    let judged = result(&json, "计划财务室", "liaison", None);
    assert_eq!(judged["status"], "exempt");
    assert_eq!(judged["files"], json!([roster]));
    let table = check_output(&repo, &["--as-of", "2021-06-10"]);
    let chase = chase_lines(&table);
    let at = chase.iter().position(|l| *l == "计划财务室").unwrap();
    assert!(
        chase[at + 1..].contains(&"  联络员 赵六 手机 13800001234 办公电话 022-12345678"),
        "{table}"
    );
    let merged = merge_json(&repo, "2021-06-10");
    let source = json!({ "file": roster, "sheet": "附件1", "row": 4, "commit": repo.head(), "received": "2021-06-02T10:00:00+08:00" });
    assert_eq!(
        merged["liaisons"],
        json!([{ "unit": "计划财务室", "name": "赵六", "mobile": "13800001234", "source": source }])
    );
}

#[test]
fn every_material_file_counts_and_explain_says_so() {
    let repo = campaign_repo("");
    plan(
        &repo,
        "submissions/党建室/附件2.xlsx",
        "党建室",
        &[("消防演练", 15, "否")],
    );
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let first = "submissions/党建室/重点活动/消防演练/照片1.jpg";
    // A name mentioning a partner unit is no claim on the file.
    let second = "submissions/党建室/重点活动/消防演练/与公共室联合演练.jpg";
    repo.write(first, "jpeg")
        .commit_at("2021-06-16T10:00:00+08:00");
    repo.write(second, "jpeg")
        .commit_at("2021-06-17T10:00:00+08:00");

    let json = check_json(&repo, "2021-06-20");
    let judged = result(&json, "党建室", "materials", Some("消防演练"));
    assert_eq!(judged["status"], "ok");
    assert_eq!(judged["files"], json!([first, second]));
    for file in [first, second] {
        let output = campaign(&repo).args(["explain", file]).output().unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert_eq!(output.status.code(), Some(0), "{text}");
        assert!(
            text.contains(
                "报送情况：\n  党建室 · 重点活动资料 · 消防演练：本文件是计入的版本，状态为“按时”\n"
            ),
            "{text}"
        );
    }
}

#[test]
fn explain_says_a_lock_file_counts_for_nothing() {
    let repo = campaign_repo("");
    let lock = "submissions/党建室/~$附件2.xlsx";
    repo.write(lock, "lock");
    campaign(&repo)
        .args(["explain", lock])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "报送情况：不计入：这是 Excel 或 WPS 的临时锁定文件、隐藏文件或系统文件，不会被读取\n",
        ));
}

#[test]
fn a_move_after_the_instant_judged_is_not_shown() {
    let repo = campaign_repo("");
    let misfiled = "submissions/附件1-党建室.xlsx";
    common::run::liaison(&repo, misfiled, "党建室");
    repo.commit_at("2021-06-02T10:00:00+08:00");
    std::fs::create_dir_all(repo.root.join("submissions/党建室")).unwrap();
    repo.git(&["mv", misfiled, LIAISON]);
    repo.commit_at("2021-06-10T10:00:00+08:00");

    let before = check_output(&repo, &["--as-of", "2021-06-05"]);
    assert!(!before.contains("移动过的文件"), "{before}");
    let after = check_output(&repo, &["--as-of", "2021-06-11"]);
    assert!(after.contains("移动过的文件（1）"), "{after}");
}

#[test]
fn merge_counts_an_uncommitted_workbook_once_and_only_what_it_uses() {
    let repo = campaign_repo("");
    // One uncommitted workbook holding two reports, and an uncommitted
    // document, which no book holds.
    let both = "submissions/党建室/附件2和附件3.xlsx";
    let mut plan = common::plan_rows("党建室", &[("消防演练", 6, 15, "否")]);
    plan[1] = vec![s("填报单位：党建室")];
    write_xlsx(
        &repo.root.join(both),
        &[
            ("附件2", plan),
            ("附件3", progress_sheet("党建室", &sample_counts())),
        ],
    );
    repo.write("submissions/党建室/党建室活动方案.docx", "docx");
    let merged = tempfile::tempdir().unwrap();
    campaign(&repo)
        .args(["merge", "--out"])
        .arg(merged.path())
        .assert()
        .code(0);
    let path = merged.path().join("附件3-活动进展情况汇总表.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let summary = calamine::Reader::worksheet_range(&mut book, "汇总").unwrap();
    let note = common::text(&summary, "A2");
    assert!(note.contains("（含 1 个尚未提交的文件，"), "{note}");
}
