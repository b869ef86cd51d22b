//! `campaign diff`: cell-level changes between versions of a unit's report,
//! from the history — over real git repositories whose commits are made at
//! chosen times, with forms built in code.

mod common;

use calamine::Reader;
use common::git::Repo;
use common::run::{campaign_in, campaign_repo};
use common::{C, Planned, plan_rows, progress_sheet, s, sample_counts, write_xlsx};
use serde_json::{Value, json};

const PROGRESS: &str = "submissions/区环境卫生服务中心/附件3.xlsx";
const PLAN: &str = "submissions/党建室/附件2.xlsx";

fn xlsx(repo: &Repo, rel: &str, sheet: &str, rows: Vec<Vec<C>>) {
    write_xlsx(&repo.root.join(rel), &[(sheet, rows)]);
}

/// `campaign ARGS` in the campaign: its exit status and standard output;
/// an exit status of 2 fails the test, with what was said on standard error.
fn run(repo: &Repo, args: &[&str]) -> (i32, String) {
    let output = campaign_in(&repo.root, args);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let code = output.status.code().unwrap();
    assert_ne!(code, 2, "{}", String::from_utf8_lossy(&output.stderr));
    (code, stdout)
}

fn json_of(repo: &Repo, args: &[&str]) -> (i32, Value) {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let (code, stdout) = run(repo, &args);
    (code, serde_json::from_str(&stdout).unwrap())
}

/// The counts of a 附件3 with 专题学习's 开展场次 set to `sessions`.
fn counts(sessions: f64) -> [[f64; 6]; 10] {
    let mut counts = sample_counts();
    counts[0][0] = sessions;
    counts
}

/// 区环境卫生服务中心's 附件3 on time on June 27, then again on July 2 with
/// 专题学习's 开展场次 changed from 0 to 5: the repository (at the second
/// commit) and the first commit.
fn progress_changed_after_the_deadline() -> (Repo, String) {
    let repo = campaign_repo("");
    let unit = "区环境卫生服务中心";
    xlsx(&repo, PROGRESS, "附件3", progress_sheet(unit, &counts(0.0)));
    repo.commit_at("2021-06-27T16:30:00+08:00");
    let first = repo.head();
    xlsx(&repo, PROGRESS, "附件3", progress_sheet(unit, &counts(5.0)));
    repo.commit_at("2021-07-02T10:00:00+08:00");
    (repo, first)
}

#[test]
fn one_cell_changed_after_the_deadline_is_shown_with_its_header_both_values_and_both_receipts() {
    let (repo, first) = progress_changed_after_the_deadline();
    let second = repo.head();
    let (code, table) = run(&repo, &["diff", "环卫中心", "附件3", "--to", "2021-07-05"]);
    assert_eq!(code, 1, "something changed");
    assert_eq!(
        table,
        format!(
            "区环境卫生服务中心 · 附件3 活动进展情况统计表
  旧版本（截止时：2021年6月28日 23:59）：{PROGRESS}，2021年6月27日 16:30 收到，提交 {}
  新版本（指定时刻：2021年7月5日 23:59）：{PROGRESS}，2021年7月2日 10:00 收到，提交 {}
  各行按“活动事项”对齐。

改动的单元格（1）
  附件3 · 专题学习 · 开展场次（场）：0 → 5

共改动 1 个单元格，新增 0 行，删除 0 行；改正 0 个问题，新出现 0 个。
",
            campaign::git::short(&first),
            campaign::git::short(&second)
        )
    );
    let (_, english) = run(
        &repo,
        &[
            "diff",
            "环卫中心",
            "progress",
            "--to",
            "2021-07-05",
            "--lang",
            "en",
        ],
    );
    assert!(
        english.contains(&format!(
            "  Older version (at the deadline: 2021-06-28 23:59): {PROGRESS}, received 2021-06-27 16:30, commit {}\n",
            campaign::git::short(&first)
        )),
        "{english}"
    );
    assert!(
        english.contains("\nChanged cells (1)\n  附件3 · 专题学习 · 开展场次（场）: 0 → 5\n"),
        "{english}"
    );

    let (code, json) = json_of(
        &repo,
        &["diff", "环卫中心", "progress", "--to", "2021-07-05"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        json,
        json!({
            "unit": "区环境卫生服务中心",
            "report": "progress",
            "from": { "at": "2021-06-28T23:59:59+08:00", "file": PROGRESS, "commit": first, "received": "2021-06-27T16:30:00+08:00" },
            "to": { "at": "2021-07-05T23:59:59+08:00", "file": PROGRESS, "commit": second, "received": "2021-07-02T10:00:00+08:00" },
            "aligned_by": "key",
            "key_column": "活动事项",
            "compared_as": "meaning",
            "cells": [{ "sheet": "附件3", "row_key": "专题学习", "column": "开展场次（场）", "old": "0", "new": "5", "old_cell": "C4", "new_cell": "C4" }],
            "added_rows": [],
            "removed_rows": [],
            "fixed": [],
            "introduced": []
        })
    );

    // By default: the deadline against now.
    let (code, now) = run(&repo, &["diff", "环卫中心", "progress"]);
    assert_eq!(code, 1);
    assert!(now.contains("\n  新版本（现在："), "{now}");
    // Before the change, nothing had changed.
    let (code, before) = run(
        &repo,
        &["diff", "环卫中心", "progress", "--to", "2021-07-01"],
    );
    assert_eq!(code, 0, "{before}");
    assert!(before.ends_with("\n两个版本的内容没有差别。\n"), "{before}");
}

#[test]
fn the_instants_may_be_commits_or_a_reports_deadline() {
    let (repo, first) = progress_changed_after_the_deadline();
    let second = repo.head();
    let (code, json) = json_of(
        &repo,
        &[
            "diff",
            "环卫中心",
            "progress",
            "--from",
            &first,
            "--to",
            campaign::git::short(&second),
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(json["from"]["at"], "2021-06-27T16:30:00+08:00");
    assert_eq!(json["to"]["at"], "2021-07-02T10:00:00+08:00");
    assert_eq!(json["cells"].as_array().unwrap().len(), 1);
    let (_, table) = run(
        &repo,
        &[
            "diff",
            "环卫中心",
            "progress",
            "--from",
            "plan",
            "--to",
            &first,
        ],
    );
    assert!(
        table.contains(&format!(
            "  旧版本（附件2 重点活动计划安排表截止时：2021年6月3日 23:59）：尚未收到\n  新版本（提交 {} 时：2021年6月27日 16:30）：",
            campaign::git::short(&first)
        )),
        "{table}"
    );
    // Every row of a version not yet received is a row added.
    assert!(
        table.contains("\n新增的行（10）\n  附件3 第4行：专题学习\n"),
        "{table}"
    );
}

#[test]
fn what_cannot_be_compared_is_named() {
    let repo = campaign_repo("");
    let refused = |args: &[&str], message: &str| {
        let output = campaign_in(&repo.root, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), message, "{args:?}");
    };
    refused(
        &["diff", "党建室", "附件9"],
        "“附件9”不是本次活动的报送事项。可以写：liaison（附件1 联络员表）、plan（附件2 重点活动计划安排表）、progress（附件3 活动进展情况统计表）。\n",
    );
    refused(
        &["diff", "党建室", "scheme"],
        "“安全生产月活动方案”不是表格，无法逐格比较。可以比较的有：liaison（附件1 联络员表）、plan（附件2 重点活动计划安排表）、progress（附件3 活动进展情况统计表）。\n",
    );
    refused(
        &["diff", "党建室", "plan", "--from", "上周"],
        "--from 的值“上周”无法识别，请写日期（2021-06-28）、日期时间（2021-06-28T17:00）、提交（如 a1b2c3d）或报送事项编号（如 progress，表示它的截止时间）。\n",
    );
    refused(
        &["diff", "党建室", "plan", "--to", "materials"],
        "--to：“重点活动资料”没有统一的截止时间，请写日期、日期时间或提交。\n",
    );
}

/// 党建室's 附件2 with three activities on June 2, then with a fourth
/// inserted after the first on June 20.
#[test]
fn a_row_inserted_is_one_row_added_and_no_row_below_it_changed() {
    let repo = campaign_repo("");
    let planned: [Planned; 3] = [
        ("党史中的安全生产", 1, 10, "否"),
        ("防汛应急演练", 6, 12, "是"),
        ("安全宣传进社区", 7, 15, "否"),
    ];
    xlsx(&repo, PLAN, "附件2", plan_rows("党建室", &planned));
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let inserted = [
        planned[0],
        ("消防器材使用培训", 3, 18, "否"),
        planned[1],
        planned[2],
    ];
    xlsx(&repo, PLAN, "附件2", plan_rows("党建室", &inserted));
    repo.commit_at("2021-06-20T10:00:00+08:00");

    let (code, table) = run(&repo, &["diff", "党建室", "plan", "--to", "2021-06-21"]);
    assert_eq!(code, 1);
    let sections: Vec<&str> = table.split("\n\n").skip(1).collect();
    assert_eq!(
        sections,
        [
            "新增的行（1）\n  附件2 第5行：消防器材使用培训",
            "共改动 0 个单元格，新增 1 行，删除 0 行；改正 0 个问题，新出现 0 个。\n",
        ]
    );
    assert!(table.contains("  各行按“活动名称”对齐。\n"), "{table}");
    let (_, json) = json_of(&repo, &["diff", "党建室", "plan", "--to", "2021-06-21"]);
    assert_eq!(
        json["added_rows"],
        json!([{ "sheet": "附件2", "row": 5, "row_key": "消防器材使用培训" }])
    );
    assert_eq!(json["cells"], json!([]));
}

#[test]
fn a_date_typed_another_way_is_no_change_unless_cells_are_compared_as_written() {
    let repo = campaign_repo("");
    let planned: [Planned; 2] = [
        ("党史中的安全生产", 1, 10, "否"),
        ("防汛应急演练", 6, 12, "是"),
    ];
    xlsx(&repo, PLAN, "附件2", plan_rows("党建室", &planned));
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let mut retyped = plan_rows("党建室", &planned);
    retyped[4][5] = s("2021年6月12日");
    xlsx(&repo, PLAN, "附件2", retyped);
    repo.commit_at("2021-06-05T10:00:00+08:00");

    let (code, table) = run(&repo, &["diff", "党建室", "plan", "--to", "2021-06-06"]);
    assert_eq!(code, 0, "{table}");
    assert!(table.ends_with("\n两个版本的内容没有差别。\n"), "{table}");
    let (code, raw) = run(
        &repo,
        &["diff", "党建室", "plan", "--to", "2021-06-06", "--raw"],
    );
    assert_eq!(code, 1);
    assert!(raw.contains("  按单元格中原样填写的内容比较。\n"), "{raw}");
    assert!(
        raw.contains("\n改动的单元格（1）\n  附件2 · 防汛应急演练 · 计划结束日期：2021-06-12 → “2021年6月12日”\n"),
        "{raw}"
    );
}

#[test]
fn a_corrected_cell_shows_the_finding_it_fixed() {
    let repo = campaign_repo("");
    let unit = "区环境卫生服务中心";
    let mut estimated = progress_sheet(unit, &counts(0.0));
    estimated[3][2] = s("约20");
    xlsx(&repo, PROGRESS, "附件3", estimated);
    repo.commit_at("2021-06-27T16:30:00+08:00");
    xlsx(
        &repo,
        PROGRESS,
        "附件3",
        progress_sheet(unit, &counts(20.0)),
    );
    repo.commit_at("2021-07-02T10:00:00+08:00");

    let (code, table) = run(
        &repo,
        &["diff", "环卫中心", "progress", "--to", "2021-07-05"],
    );
    assert_eq!(code, 1);
    let sections: Vec<&str> = table.split("\n\n").skip(1).collect();
    assert_eq!(
        sections,
        [
            "改动的单元格（1）\n  附件3 · 专题学习 · 开展场次（场）：“约20” → 20",
            "已改正的问题（旧版本中的位置）（1）\n  附件3!C4 “开展场次（场）”填写的是“约20”，应填写确切的非负整数，不能写“约”“左右”等估计数",
            "共改动 1 个单元格，新增 0 行，删除 0 行；改正 1 个问题，新出现 0 个。\n",
        ]
    );
    let (_, json) = json_of(
        &repo,
        &["diff", "环卫中心", "progress", "--to", "2021-07-05"],
    );
    assert_eq!(
        json["fixed"],
        json!([{
            "file": PROGRESS, "sheet": "附件3", "cell": "C4",
            "message": "“开展场次（场）”填写的是“约20”，应填写确切的非负整数，不能写“约”“左右”等估计数"
        }])
    );
    assert_eq!(json["introduced"], json!([]));
}

#[test]
fn rows_without_a_key_of_their_own_are_paired_by_position_and_it_is_said() {
    let repo = campaign_repo("");
    let roster = "submissions/党建室/附件1.xlsx";
    let same_name = [("赵六", "13800001234"), ("赵六", "13800005678")];
    xlsx(
        &repo,
        roster,
        "附件1",
        common::liaison_rows("党建室", &same_name),
    );
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let changed = [("赵六", "13800001234"), ("赵六", "13800002468")];
    xlsx(
        &repo,
        roster,
        "附件1",
        common::liaison_rows("党建室", &changed),
    );
    repo.commit_at("2021-06-05T10:00:00+08:00");

    let (code, table) = run(&repo, &["diff", "党建室", "liaison", "--to", "2021-06-06"]);
    assert_eq!(code, 1);
    assert!(
        table.contains(
            "  各行无法按“联络员姓名”对齐（有的行没有填写，或填写重复），已按位置对齐。\n"
        ),
        "{table}"
    );
    assert!(
        table.contains(
            "\n改动的单元格（1）\n  附件1 · 第 2 行数据 · 手机号码：13800005678 → 13800002468\n"
        ),
        "{table}"
    );
    // Markdown is read by everyone who can see a pipeline: numbers are masked.
    let (_, markdown) = run(
        &repo,
        &[
            "diff",
            "党建室",
            "liaison",
            "--to",
            "2021-06-06",
            "--format",
            "markdown",
        ],
    );
    assert!(
        markdown.contains("- 附件1 · 第 2 行数据 · 手机号码：138******78 → 138******68\n"),
        "{markdown}"
    );
}

/// Four units' reports, each changed or not after its deadline:
/// 党建室's 附件2 gets a row after June 3; 区环境卫生服务中心's 附件3 a cell
/// after June 28; 公共室 sends its 附件3 again after June 28 with the same
/// figures (only the date it was filled in differs); 园林绿化室 sends its
/// 附件3 only after June 28.
fn audited_campaign() -> Repo {
    let repo = campaign_repo("");
    let planned: [Planned; 1] = [("党史中的安全生产", 1, 10, "否")];
    xlsx(&repo, PLAN, "附件2", plan_rows("党建室", &planned));
    xlsx(
        &repo,
        PROGRESS,
        "附件3",
        progress_sheet("区环境卫生服务中心", &counts(0.0)),
    );
    let public = "submissions/公共室/附件3.xlsx";
    xlsx(
        &repo,
        public,
        "附件3",
        progress_sheet("公共室", &sample_counts()),
    );
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let more = [planned[0], ("防汛应急演练", 6, 20, "否")];
    xlsx(&repo, PLAN, "附件2", plan_rows("党建室", &more));
    repo.commit_at("2021-06-20T10:00:00+08:00");
    xlsx(
        &repo,
        PROGRESS,
        "附件3",
        progress_sheet("区环境卫生服务中心", &counts(5.0)),
    );
    let mut again = progress_sheet("公共室", &sample_counts());
    again[1][6] = s("填报日期：2021年7月1日");
    xlsx(&repo, public, "附件3", again);
    let late = "submissions/园林绿化室/附件3.xlsx";
    xlsx(
        &repo,
        late,
        "附件3",
        progress_sheet("园林绿化室", &sample_counts()),
    );
    repo.commit_at("2021-07-01T10:00:00+08:00");
    repo
}

#[test]
fn the_after_deadline_audit_lists_every_report_whose_content_changed_and_writes_its_workbook() {
    let repo = audited_campaign();
    let changed = repo.head();
    let out = tempfile::tempdir().unwrap();
    let (code, json) = json_of(
        &repo,
        &[
            "diff",
            "--after-deadline",
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1);
    let listed: Vec<(&str, &str)> = json["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["unit"].as_str().unwrap(), c["report"].as_str().unwrap()))
        .collect();
    assert_eq!(
        listed,
        [("党建室", "plan"), ("区环境卫生服务中心", "progress")]
    );
    assert_eq!(
        json["changed"][1]["cells"],
        json!([{ "sheet": "附件3", "row_key": "专题学习", "column": "开展场次（场）", "old": "0", "new": "5", "old_cell": "C4", "new_cell": "C4" }])
    );

    let (_, table) = run(&repo, &["diff", "--after-deadline"]);
    assert!(table.starts_with("截止后修改情况（截至 "), "{table}");
    assert!(
        table.ends_with("\n2 个单位的 2 项报表在截止后修改了内容。\n"),
        "{table}"
    );
    assert!(
        table.contains("\n党建室 · 附件2 重点活动计划安排表\n"),
        "{table}"
    );

    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(out.path().join("截止后修改情况.xlsx")).unwrap();
    let sheet = book.worksheet_range("截止后修改情况").unwrap();
    let row = |n: u32| common::row_texts(&sheet, n);
    assert_eq!(
        row(3),
        [
            "序号",
            "单位",
            "报送事项",
            "工作表",
            "行",
            "列",
            "原值",
            "新值",
            "截止时间",
            "修改后收到",
            "提交"
        ]
    );
    let commit = campaign::git::short(&changed).to_owned();
    let first = |n: u32| row(n)[..9].to_vec();
    assert_eq!(
        first(4),
        [
            "1",
            "党建室",
            "附件2 重点活动计划安排表",
            "附件2",
            "防汛应急演练",
            "（整行）",
            "（无此行）",
            "（新增此行）",
            "2021年6月3日 23:59"
        ]
    );
    assert_eq!(
        first(5),
        [
            "2",
            "区环境卫生服务中心",
            "附件3 活动进展情况统计表",
            "附件3",
            "专题学习",
            "开展场次（场）",
            "0",
            "5",
            "2021年6月28日 23:59"
        ]
    );
    assert_eq!(row(5)[10], commit);
    assert_eq!(sheet.get_size().0, 5);
}

#[test]
fn merge_lists_the_units_whose_figures_changed_after_the_deadline() {
    let repo = audited_campaign();
    let changed = repo.head();
    let out = tempfile::tempdir().unwrap();
    let output = campaign_in(
        &repo.root,
        &[
            "merge",
            "--format",
            "json",
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    let json: Value = serde_json::from_slice(&common::run::succeeded(output)).unwrap();
    assert_eq!(
        json["progress"]["changed_after_deadline"],
        json!([{
            "unit": "区环境卫生服务中心", "due": "2021-06-28T23:59:59+08:00",
            "received": "2021-07-01T10:00:00+08:00", "commit": changed, "cells": 1, "rows": 0
        }])
    );
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(out.path().join("附件3-活动进展情况汇总表.xlsx")).unwrap();
    let by_unit = book.worksheet_range("分单位").unwrap();
    let texts: Vec<Vec<String>> = (1..=by_unit.get_size().0 as u32)
        .map(|n| common::row_texts(&by_unit, n))
        .collect();
    let caption = texts
        .iter()
        .position(|row| {
            row[0] == "以下单位的数字在截止后修改过（逐格改动见 campaign diff --after-deadline）"
        })
        .expect("the units changed after the deadline, under the table of units");
    assert_eq!(texts[caption + 1][..3], ["序号", "单位", "截止时间"]);
    assert_eq!(
        [&texts[caption + 2][..3], &texts[caption + 2][4..6]].concat(),
        [
            "1",
            "区环境卫生服务中心",
            "2021年6月28日 23:59",
            campaign::git::short(&changed),
            "1 个单元格"
        ]
    );
}

/// merge without `--as-of` judges the campaign as it is, and so does the
/// list of what changed after a deadline: an extension granted after the
/// last receipt moves the deadline the list goes by.
#[test]
fn merge_lists_changes_by_the_deadlines_of_the_definition_it_merges_by() {
    let repo = audited_campaign();
    let toml = std::fs::read_to_string(repo.root.join("campaign.toml")).unwrap();
    repo.write(
        "campaign.toml",
        &format!(
            "{toml}\n[[extensions]]\nunit = \"区环境卫生服务中心\"\nreport = \"progress\"\nuntil = 2021-07-02\nreason = \"汛期值守，统计顺延\"\napproved_by = \"委办公室\"\n"
        ),
    );
    repo.commit_at("2021-07-05T09:00:00+08:00");
    let out = tempfile::tempdir().unwrap();
    let output = campaign_in(
        &repo.root,
        &[
            "merge",
            "--format",
            "json",
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    let json: Value = serde_json::from_slice(&common::run::succeeded(output)).unwrap();
    assert_eq!(json["progress"]["changed_after_deadline"], json!([]));
}

#[test]
fn a_renamed_form_keeps_its_history_and_each_side_names_the_file_it_had() {
    let repo = campaign_repo("");
    let unit = "区环境卫生服务中心";
    let draft = "submissions/区环境卫生服务中心/附件3-初稿.xlsx";
    xlsx(&repo, draft, "附件3", progress_sheet(unit, &counts(0.0)));
    repo.commit_at("2021-06-27T16:30:00+08:00");
    repo.rename(draft, PROGRESS);
    xlsx(&repo, PROGRESS, "附件3", progress_sheet(unit, &counts(5.0)));
    repo.commit_at("2021-07-02T10:00:00+08:00");

    let (code, json) = json_of(
        &repo,
        &["diff", "环卫中心", "progress", "--to", "2021-07-05"],
    );
    assert_eq!(code, 1);
    assert_eq!(json["from"]["file"], draft);
    assert_eq!(json["to"]["file"], PROGRESS);
    // Received when it first arrived, under its first name; revised on July 2.
    assert_eq!(json["from"]["received"], "2021-06-27T16:30:00+08:00");
    assert_eq!(json["to"]["received"], "2021-07-02T10:00:00+08:00");
    assert_eq!(
        json["cells"],
        json!([{ "sheet": "附件3", "row_key": "专题学习", "column": "开展场次（场）", "old": "0", "new": "5", "old_cell": "C4", "new_cell": "C4" }])
    );
}
