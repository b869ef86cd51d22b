//! `campaign check` end to end over real git repositories: when each report
//! arrived, and who is on time, late, missing, pending, wrong or exempt.

mod common;

use assert_cmd::Command;
use common::git::Repo;
use common::run::{
    LIAISON, campaign_repo, check_json, check_output, liaison, liaison_rows, plan, result, seen,
};
use common::{s, write_xlsx};
use serde_json::Value;

fn git(status: &str, at: &str) -> (String, Value, Value) {
    (status.to_owned(), Value::from(at), Value::from("git"))
}

#[test]
fn received_at_the_last_second_is_on_time_and_one_second_later_is_late() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-03T23:59:59+08:00");
    liaison(&repo, "submissions/公共室/附件1-联络员表.xlsx", "公共室");
    repo.commit_at("2021-06-04T00:00:00+08:00");
    let json = check_json(&repo, "2021-06-30");
    assert_eq!(
        seen(&json, "党建室", "liaison"),
        git("ok", "2021-06-03T23:59:59+08:00")
    );
    assert_eq!(
        seen(&json, "公共室", "liaison"),
        git("late", "2021-06-04T00:00:00+08:00")
    );
    assert_eq!(
        result(&json, "党建室", "liaison", None)["due"],
        "2021-06-03T23:59:59+08:00"
    );
    assert_eq!(
        result(&json, "党建室", "liaison", None)["files"],
        serde_json::json!([LIAISON])
    );
}

#[test]
fn missing_pending_and_due_soon_depend_on_the_as_of_instant() {
    let repo = campaign_repo("");
    let early = check_json(&repo, "2021-06-01T09:00:00");
    assert_eq!(
        seen(&early, "党建室", "liaison"),
        ("pending".to_owned(), Value::Null, Value::Null)
    );
    let after = check_json(&repo, "2021-06-04");
    assert_eq!(
        seen(&after, "党建室", "liaison"),
        ("missing".to_owned(), Value::Null, Value::Null)
    );

    let soon = Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(&repo.root)
        .args(["check", "--as-of", "2021-06-02T12:00:00"])
        .output()
        .unwrap();
    let text = String::from_utf8(soon.stdout).unwrap();
    assert!(
        text.contains("  附件1 联络员表：待报（剩1天），截止6月3日\n"),
        "{text}"
    );
    assert!(
        !text.contains("安全生产月活动方案：待报"),
        "the scheme is not due within two days:\n{text}"
    );
}

#[test]
fn a_file_received_after_the_as_of_instant_is_not_yet_received() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-05T10:00:00+08:00");
    assert_eq!(
        seen(&check_json(&repo, "2021-06-04"), "党建室", "liaison").0,
        "missing"
    );
    assert_eq!(
        seen(&check_json(&repo, "2021-06-05"), "党建室", "liaison").0,
        "late"
    );
}

#[test]
fn the_ledger_overrides_git() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.write(
        "submissions/received.toml",
        &format!(
            "[[received]]\npath = \"{LIAISON}\"\nat = 2021-06-01T16:30:00+08:00\nvia = \"email\"\n"
        ),
    );
    repo.commit_at("2021-06-10T10:00:00+08:00");
    let json = check_json(&repo, "2021-06-30");
    assert_eq!(
        seen(&json, "党建室", "liaison"),
        (
            "ok".to_owned(),
            Value::from("2021-06-01T16:30:00+08:00"),
            Value::from("ledger")
        )
    );
    assert_eq!(json["unassigned"], serde_json::json!([]));
}

#[test]
fn a_ledger_entry_for_a_missing_file_is_reported_in_the_output() {
    let repo = campaign_repo("");
    repo.write("submissions/received.toml", "[[received]]\npath = \"submissions/党建室/没有这个文件.xlsx\"\nat = 2021-06-01T16:30:00+08:00\n");
    repo.commit_at("2021-06-10T10:00:00+08:00");
    let json = check_json(&repo, "2021-06-30");
    assert_eq!(json["unassigned"][0]["file"], "submissions/received.toml");
    let reason = json["unassigned"][0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("没有提交的文件“submissions/党建室/没有这个文件.xlsx”"),
        "{reason}"
    );
}

#[test]
fn a_report_received_on_time_and_revised_after_the_deadline_is_ok_and_marked_revised() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-02T10:00:00+08:00");
    write_xlsx(
        &repo.root.join(LIAISON),
        &[("附件1", {
            let mut rows = liaison_rows("党建室");
            rows[3][2] = s("钱七");
            rows
        })],
    );
    repo.commit_at("2021-06-05T10:00:00+08:00");
    let json = check_json(&repo, "2021-06-30");
    assert_eq!(
        seen(&json, "党建室", "liaison"),
        git("ok", "2021-06-02T10:00:00+08:00")
    );
    let text = check_output(&repo, &["--as-of", "2021-06-30"]);
    assert!(text.contains("✗ 党建室                  按时↻"), "{text}");
}

#[test]
fn an_uncommitted_file_is_received_at_its_modification_time() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    let file = std::fs::File::options()
        .write(true)
        .open(repo.root.join(LIAISON))
        .unwrap();
    file.set_modified(
        chrono::DateTime::parse_from_rfc3339("2021-06-02T08:00:00+08:00")
            .unwrap()
            .into(),
    )
    .unwrap();
    let json = check_json(&repo, "2021-06-30");
    assert_eq!(
        seen(&json, "党建室", "liaison"),
        (
            "ok".to_owned(),
            Value::from("2021-06-02T08:00:00+08:00"),
            Value::from("mtime")
        )
    );
    // Every human format says the time is only a modification time.
    let legend = "† 尚未提交，收到时间按文件修改时间计";
    let table = check_output(&repo, &["--as-of", "2021-06-30"]);
    assert!(table.contains("✗ 党建室                  按时†"), "{table}");
    assert!(table.contains(legend), "{table}");
    let markdown = check_output(&repo, &["--as-of", "2021-06-30", "--format", "markdown"]);
    assert!(markdown.contains("| ✗ 党建室 | 按时† |"), "{markdown}");
    assert!(markdown.contains(legend), "{markdown}");
    let english = check_output(&repo, &["--as-of", "2021-06-30", "--lang", "en"]);
    assert!(
        english.contains("† not committed yet: dated by the file's modification time"),
        "{english}"
    );
    let junit = check_output(
        &repo,
        &[
            "--as-of",
            "2021-06-30",
            "--format",
            "junit",
            "--fail-on",
            "ok",
        ],
    );
    assert!(
        junit.contains("收到：2021年6月2日 08:00（未提交，按文件修改时间）"),
        "{junit}"
    );
}

#[test]
fn deleted_and_re_added_keeps_its_first_receipt_and_a_rename_keeps_it_too() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-02T10:00:00+08:00");
    repo.remove(LIAISON).commit_at("2021-06-03T10:00:00+08:00");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-10T10:00:00+08:00");

    liaison(&repo, "submissions/公共室/附件1.xlsx", "公共室");
    repo.commit_at("2021-06-02T11:00:00+08:00");
    repo.rename(
        "submissions/公共室/附件1.xlsx",
        "submissions/公共室/联络员表（公共室）.xlsx",
    )
    .commit_at("2021-06-05T11:00:00+08:00");

    let json = check_json(&repo, "2021-06-30");
    assert_eq!(
        seen(&json, "党建室", "liaison"),
        git("ok", "2021-06-02T10:00:00+08:00")
    );
    // A rename keeps the receipt of the first arrival.
    assert_eq!(
        seen(&json, "公共室", "liaison"),
        git("ok", "2021-06-02T11:00:00+08:00")
    );
    assert_eq!(
        result(&json, "公共室", "liaison", None)["files"],
        serde_json::json!(["submissions/公共室/联络员表（公共室）.xlsx"])
    );
}

#[test]
fn a_misfiled_form_moved_as_advised_keeps_the_day_it_arrived() {
    let repo = campaign_repo("");
    // No unit anywhere: the file is unassigned, and the message says to move it.
    let misfiled = "submissions/附件1-联络员表.xlsx";
    let mut rows = liaison_rows("党建室");
    rows[1] = vec![s("填报单位：")];
    write_xlsx(&repo.root.join(misfiled), &[("附件1", rows)]);
    repo.commit_at("2021-06-03T09:00:00+08:00");
    let before = check_json(&repo, "2021-06-10");
    assert_eq!(before["unassigned"][0]["file"], misfiled);
    assert_eq!(seen(&before, "党建室", "liaison").0, "missing");

    std::fs::create_dir_all(repo.root.join("submissions/党建室")).unwrap();
    repo.git(&["mv", misfiled, LIAISON]);
    repo.commit_at("2021-06-29T10:00:00+08:00");
    let json = check_json(&repo, "2021-06-30");
    assert_eq!(
        seen(&json, "党建室", "liaison"),
        git("ok", "2021-06-03T09:00:00+08:00")
    );
    let table = check_output(&repo, &["--as-of", "2021-06-30"]);
    assert!(
        table.contains(&format!(
            "移动过的文件（1）\n  {LIAISON}：2021年6月29日 10:00 由 {misfiled} 移入，收到时间仍按首次收到的 2021年6月3日 09:00 计\n"
        )),
        "{table}"
    );
}

#[test]
fn a_file_merged_into_main_is_received_when_the_merge_lands() {
    let repo = campaign_repo("");
    repo.git(&["checkout", "-q", "-b", "unit"]);
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-02T10:00:00+08:00");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("README.txt", "shared folder\n")
        .commit_at("2021-06-03T09:00:00+08:00");
    repo.git_at(
        "2021-06-05T10:00:00+08:00",
        "2021-06-05T10:00:00+08:00",
        &["merge", "-q", "--no-ff", "-m", "merge", "unit"],
    );
    let json = check_json(&repo, "2021-06-30");
    assert_eq!(
        seen(&json, "党建室", "liaison"),
        git("late", "2021-06-05T10:00:00+08:00")
    );
}

#[test]
fn a_shallow_clone_is_refused_with_advice() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-02T10:00:00+08:00");
    repo.write("x.txt", "x")
        .commit_at("2021-06-03T10:00:00+08:00");
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.top.display());
    common::git::isolated_git()
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(clone.path().join("c"))
        .output()
        .unwrap();
    Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(clone.path().join("c"))
        .args(["check", "--as-of", "2021-06-30"])
        .assert()
        .code(2)
        .stderr("仓库是浅克隆（只有部分历史），无法得出准确的收到时间；请获取完整历史（git fetch --unshallow，或在 CI 中设置 fetch-depth: 0）后重试\n");
}

#[test]
fn materials_are_due_three_days_after_each_planned_activity_ends() {
    let repo = campaign_repo("");
    plan(
        &repo,
        "submissions/党建室/附件2.xlsx",
        "党建室",
        &[
            ("消防演练", 15, "否"),
            ("燃气演练", 20, "否"),
            ("防汛演练", 25, "否"),
        ],
    );
    repo.commit_at("2021-06-02T10:00:00+08:00");
    repo.write("submissions/党建室/重点活动/消防演练/情况.txt", "ok")
        .commit_at("2021-06-18T20:00:00+08:00");
    repo.write("submissions/党建室/重点活动/燃气演练/情况.txt", "ok")
        .commit_at("2021-06-24T09:00:00+08:00");
    repo.write("submissions/党建室/重点活动/植树活动/情况.txt", "?")
        .commit_at("2021-06-24T10:00:00+08:00");
    let json = check_json(&repo, "2021-06-28T12:00:00");
    let material = |activity| {
        let r = result(&json, "党建室", "materials", Some(activity));
        (
            r["status"].as_str().unwrap().to_owned(),
            r["due"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(
        material("消防演练"),
        ("ok".to_owned(), "2021-06-18T23:59:59+08:00".to_owned())
    );
    assert_eq!(
        material("燃气演练"),
        ("late".to_owned(), "2021-06-23T23:59:59+08:00".to_owned())
    );
    assert_eq!(
        material("防汛演练"),
        ("pending".to_owned(), "2021-06-28T23:59:59+08:00".to_owned())
    );
    assert_eq!(
        json["unassigned"][0]["file"],
        "submissions/党建室/重点活动/植树活动/情况.txt"
    );
    // A unit with no valid plan has no key activity to judge.
    assert!(
        json["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| !(r["unit"] == "公共室" && r["report"] == "materials"))
    );
}

#[test]
fn exempt_units_and_extensions_come_from_the_definition() {
    let extra = "\n[[extensions]]\nunit = \"党建室\"\nreport = \"liaison\"\nuntil = 2021-06-10\nreason = \"人员调整\"\napproved_by = \"委办公室\"\n";
    let definition = format!("{}{extra}", campaign::definition::DEFAULT_TOML).replacen(
        "aliases = [\"计财室\", \"财务室\"]\n",
        "aliases = [\"计财室\", \"财务室\"]\nexempt = [\"scheme\"]\n",
        1,
    );
    let repo = Repo::new();
    repo.write("campaign.toml", &definition);
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-08T10:00:00+08:00");
    let json = check_json(&repo, "2021-06-30");
    assert_eq!(
        seen(&json, "党建室", "liaison"),
        git("ok", "2021-06-08T10:00:00+08:00")
    );
    assert_eq!(
        result(&json, "党建室", "liaison", None)["due"],
        "2021-06-10T23:59:59+08:00"
    );
    assert_eq!(
        seen(&json, "计划财务室", "scheme"),
        ("exempt".to_owned(), Value::Null, Value::Null)
    );
    assert_eq!(json["summary"]["exempt"], 1);
}

#[test]
fn an_invalid_newest_version_makes_the_report_invalid_with_its_errors() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let mut rows = liaison_rows("党建室");
    rows[3][5] = s("1380000123");
    write_xlsx(
        &repo.root.join("submissions/党建室/附件1-修改.xlsx"),
        &[("附件1", rows)],
    );
    repo.commit_at("2021-06-05T10:00:00+08:00");
    let json = check_json(&repo, "2021-06-30");
    let r = result(&json, "党建室", "liaison", None);
    assert_eq!(r["status"], "invalid");
    assert_eq!(r["received"], "2021-06-02T10:00:00+08:00");
    assert_eq!(
        r["files"],
        serde_json::json!([LIAISON, "submissions/党建室/附件1-修改.xlsx"])
    );
    assert_eq!(
        r["errors"],
        serde_json::json!([{
            "file": "submissions/党建室/附件1-修改.xlsx",
            "sheet": "附件1",
            "cell": "F4",
            "message": "“手机号码”填写的是“1380000123”（10位数字），应填写11位手机号码，如 13800001234"
        }])
    );
}

#[test]
fn the_exit_status_follows_fail_on() {
    let repo = campaign_repo("");
    let run = |args: &[&str]| {
        Command::cargo_bin("campaign")
            .unwrap()
            .current_dir(&repo.root)
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(
        run(&["check", "--as-of", "2021-06-30"]),
        Some(1),
        "missing reports fail by default"
    );
    assert_eq!(
        run(&["check", "--as-of", "2021-06-30", "--fail-on", "invalid"]),
        Some(0)
    );
    assert_eq!(
        run(&[
            "check",
            "--as-of",
            "2021-06-01",
            "--fail-on",
            "late,missing"
        ]),
        Some(0)
    );
    assert_eq!(
        run(&["check", "--as-of", "2021-06-01", "--fail-on", "pending"]),
        Some(1)
    );
    assert_eq!(run(&["check", "--fail-on", "tardy"]), Some(2));
    assert_eq!(run(&["check", "--as-of", "六月"]), Some(2));
}

#[test]
fn out_writes_the_report_to_a_file() {
    let repo = campaign_repo("");
    Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(&repo.root)
        .args([
            "check",
            "--as-of",
            "2021-06-30",
            "--format",
            "junit",
            "--out",
            "out/junit.xml",
        ])
        .assert()
        .code(1)
        .stdout("");
    let xml = std::fs::read_to_string(repo.root.join("out/junit.xml")).unwrap();
    assert!(
        xml.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"campaign\""
        ),
        "{xml}"
    );
}

#[test]
fn materials_with_a_fixed_deadline_are_one_result_per_unit() {
    let definition = campaign::definition::DEFAULT_TOML.replacen(
        "after = { report = \"plan\", column = \"计划结束日期\", days = 3 }",
        "due = 2021-06-25",
        1,
    );
    let repo = Repo::new();
    repo.write("campaign.toml", &definition);
    repo.write("submissions/党建室/重点活动/消防演练/情况.txt", "ok")
        .commit_at("2021-06-20T10:00:00+08:00");
    let json = check_json(&repo, "2021-06-30");
    let r = result(&json, "党建室", "materials", None);
    assert_eq!(
        (r["status"].as_str(), r["due"].as_str()),
        (Some("ok"), Some("2021-06-25T23:59:59+08:00"))
    );
    assert_eq!(
        r["files"],
        serde_json::json!(["submissions/党建室/重点活动/消防演练/情况.txt"])
    );
    assert_eq!(
        result(&json, "公共室", "materials", None)["status"],
        "missing"
    );
    assert_eq!(json["unassigned"], serde_json::json!([]));
}

#[test]
fn a_revision_after_the_as_of_instant_is_not_yet_a_revision() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-02T10:00:00+08:00");
    write_xlsx(
        &repo.root.join(LIAISON),
        &[("附件1", {
            let mut rows = liaison_rows("党建室");
            rows[3][2] = s("钱七");
            rows
        })],
    );
    repo.commit_at("2021-06-20T10:00:00+08:00");
    let table = |as_of: &str| {
        let output = Command::cargo_bin("campaign")
            .unwrap()
            .current_dir(&repo.root)
            .args(["check", "--as-of", as_of])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(
        table("2021-06-10").contains("✗ 党建室                  按时 "),
        "{}",
        table("2021-06-10")
    );
    assert!(table("2021-06-30").contains("✗ 党建室                  按时↻"));
}

#[test]
fn check_never_writes_its_report_under_submissions() {
    let repo = campaign_repo("");
    Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(&repo.root)
        .args([
            "check",
            "--as-of",
            "2021-06-30",
            "--out",
            "submissions/报告.json",
            "--format",
            "json",
        ])
        .assert()
        .code(2);
    assert!(!repo.root.join("submissions/报告.json").exists());
}
