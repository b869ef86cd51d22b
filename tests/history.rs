//! Reading the past (SPEC §5 `--as-of`): `check` and `merge` at an earlier
//! instant judge the contents each file had then and campaign.toml as it
//! stood, chosen by trusted receipt times — over real git repositories whose
//! commits are made at chosen times, with forms built in code.

mod common;

use std::path::Path;

use calamine::Reader;
use common::git::Repo;
use common::run::{campaign_in, campaign_repo, check_json, result, succeeded};
use common::{liaison_rows, plan_rows, progress_sheet, sample_counts, write_xlsx};
use serde_json::Value;

const PROGRESS: &str = "submissions/党建室/附件3.xlsx";
const PLAN: &str = "submissions/党建室/附件2.xlsx";
const MISFILED: &str = "submissions/附件1-公共室.xlsx";
const FILED: &str = "submissions/公共室/附件1-联络员表.xlsx";

/// An extension of 公共室's 附件3, added to campaign.toml on June 25.
const EXTENSION: &str = "
[[extensions]]
unit = \"公共室\"
report = \"progress\"
until = 2021-07-02
reason = \"负责同志出差\"
approved_by = \"委办公室\"
";

/// The counts of 党建室's 附件3, with 专题学习's 开展场次 set to `sessions`.
fn counts(sessions: f64) -> [[f64; 6]; 10] {
    let mut counts = sample_counts();
    counts[0][0] = sessions;
    counts
}

fn xlsx(repo: &Repo, rel: &str, sheet: &str, rows: Vec<Vec<common::C>>) {
    write_xlsx(&repo.root.join(rel), &[(sheet, rows)]);
}

/// A campaign whose every kind of change happens at its own time:
///
/// - May 28: campaign.toml; June 2: 党建室's 附件1 and 附件2;
/// - June 20: 党建室's 附件3 (专题学习 held 0 times) and 公共室's 附件1,
///   dropped straight into submissions/;
/// - June 25: campaign.toml gives 公共室 an extension of its 附件3;
/// - June 29: 党建室's 附件3 again (专题学习 held 5 times), 公共室's 附件1
///   moved into its folder;
/// - July 2: 公共室's 附件3 arrives, 党建室's 附件2 is deleted.
fn changing_campaign() -> Repo {
    let repo = campaign_repo("");
    xlsx(
        &repo,
        "submissions/党建室/附件1.xlsx",
        "附件1",
        liaison_rows("党建室", &[("赵六", "13800001234")]),
    );
    xlsx(
        &repo,
        PLAN,
        "附件2",
        plan_rows("党建室", &[("党史中的安全生产", 1, 15, "否")]),
    );
    repo.commit_at("2021-06-02T10:00:00+08:00");
    xlsx(
        &repo,
        PROGRESS,
        "附件3",
        progress_sheet("党建室", &counts(0.0)),
    );
    xlsx(
        &repo,
        MISFILED,
        "附件1",
        liaison_rows("公共室", &[("钱七", "13800005678")]),
    );
    repo.commit_at("2021-06-20T09:00:00+08:00");
    repo.write(
        "campaign.toml",
        &format!("{}{EXTENSION}", campaign::definition::DEFAULT_TOML),
    );
    repo.commit_at("2021-06-25T15:00:00+08:00");
    xlsx(
        &repo,
        PROGRESS,
        "附件3",
        progress_sheet("党建室", &counts(5.0)),
    );
    std::fs::create_dir_all(repo.root.join("submissions/公共室")).unwrap();
    repo.git(&["mv", MISFILED, FILED]);
    repo.commit_at("2021-06-29T11:00:00+08:00");
    xlsx(
        &repo,
        "submissions/公共室/附件3.xlsx",
        "附件3",
        progress_sheet("公共室", &sample_counts()),
    );
    repo.remove(PLAN);
    repo.commit_at("2021-07-02T16:00:00+08:00");
    repo
}

/// The four workbooks `merge` writes into `out`, by name.
fn books(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut books: Vec<(String, Vec<u8>)> = std::fs::read_dir(out)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    books.sort();
    books
}

/// `merge --as-of AS_OF --format json` in `dir`, writing into `out`: the JSON.
fn merge_at(dir: &Path, as_of: &str, out: &Path) -> Value {
    let out = out.to_str().unwrap();
    let stdout = succeeded(campaign_in(
        dir,
        &["merge", "--as-of", as_of, "--out", out, "--format", "json"],
    ));
    serde_json::from_slice(&stdout).unwrap()
}

/// 开展场次 of 专题学习 in a merge's JSON.
fn first_item_sessions(json: &Value) -> &Value {
    &json["progress"]["by_item"][0]["values"]["开展场次"]
}

#[test]
fn merge_as_of_an_instant_is_byte_identical_to_a_merge_of_a_checkout_of_that_instant() {
    let repo = changing_campaign();
    let commits: Vec<String> = repo
        .git(&["log", "--format=%H", "--reverse"])
        .lines()
        .map(str::to_owned)
        .collect();
    // The instant, the commit the shared folder was at then, and what the
    // rollup must show: 专题学习's sessions, the plans, the units counted.
    let instants = [
        (
            "2021-06-21T12:00:00+08:00",
            &commits[2],
            0,
            1,
            vec!["党建室"],
        ),
        (
            "2021-06-27T12:00:00+08:00",
            &commits[3],
            0,
            1,
            vec!["党建室"],
        ),
        (
            "2021-06-30T12:00:00+08:00",
            &commits[4],
            5,
            1,
            vec!["党建室"],
        ),
    ];
    let scratch = tempfile::tempdir().unwrap();
    for (i, (as_of, commit, sessions, plans, units)) in instants.iter().enumerate() {
        let checkout = scratch.path().join(format!("checkout-{i}"));
        repo.checkout(commit, &checkout);
        let (ours, theirs) = (
            scratch.path().join(format!("head-{i}")),
            scratch.path().join(format!("then-{i}")),
        );
        let json = merge_at(&repo.root, as_of, &ours);
        let checked_out = merge_at(&checkout, as_of, &theirs);
        assert_eq!(json, checked_out, "the rollup at {as_of}");
        assert_eq!(first_item_sessions(&json), *sessions, "at {as_of}");
        assert_eq!(
            json["plans"].as_array().unwrap().len(),
            *plans,
            "at {as_of}"
        );
        let counted: Vec<&str> = json["progress"]["by_unit"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["unit"].as_str().unwrap())
            .collect();
        assert_eq!(counted, *units, "at {as_of}");

        let (ours, theirs) = (books(&ours), books(&theirs));
        assert_eq!(ours.len(), 5, "the four books and the 汇编");
        for ((name, a), (_, b)) in ours.iter().zip(&theirs) {
            assert!(a == b, "{name} at {as_of} differs from the checkout's");
        }
        let check = |dir: &Path| {
            String::from_utf8(
                campaign_in(dir, &["check", "--as-of", as_of, "--format", "json"]).stdout,
            )
            .unwrap()
        };
        assert_eq!(check(&repo.root), check(&checkout), "check at {as_of}");
    }
    // Now: the later 附件3 counts, the deleted plan does not.
    let now = merge_at(&repo.root, "2021-07-03", &scratch.path().join("now"));
    assert_eq!(first_item_sessions(&now), 5);
    assert_eq!(now["plans"], serde_json::json!([]));
}

#[test]
fn check_as_of_judges_by_the_definition_and_the_paths_of_that_instant() {
    let repo = changing_campaign();
    // Before June 25 公共室's 附件3 has no extension.
    let before = check_json(&repo, "2021-06-24");
    assert_eq!(
        result(&before, "公共室", "progress", None)["due"],
        "2021-06-28T23:59:59+08:00"
    );
    assert_eq!(
        result(&before, "公共室", "liaison", None)["files"],
        serde_json::json!([MISFILED])
    );
    // On June 30 the extension holds and the roster lies in its folder.
    let after = check_json(&repo, "2021-06-30");
    assert_eq!(
        result(&after, "公共室", "progress", None)["status"],
        "pending"
    );
    assert_eq!(
        result(&after, "公共室", "progress", None)["due"],
        "2021-07-02T23:59:59+08:00"
    );
    assert_eq!(
        result(&after, "公共室", "liaison", None)["files"],
        serde_json::json!([FILED])
    );
}

#[test]
fn a_back_dated_commit_brings_in_only_its_own_change() {
    let repo = campaign_repo("");
    let ours = "submissions/党建室/附件1.xlsx";
    xlsx(
        &repo,
        ours,
        "附件1",
        liaison_rows("党建室", &[("赵六", "13800001234")]),
    );
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let theirs = "submissions/公共室/附件1.xlsx";
    xlsx(
        &repo,
        theirs,
        "附件1",
        liaison_rows("公共室", &[("钱七", "13800005678")]),
    );
    repo.commit_at("2021-06-30T10:00:00+08:00");
    // Committed after the June 30 commit, with a clock set to June 20.
    xlsx(
        &repo,
        ours,
        "附件1",
        liaison_rows("党建室", &[("孙八", "13800002468")]),
    );
    repo.commit_at("2021-06-20T10:00:00+08:00");
    let back_dated = repo.head();

    // `git rev-list --before` stops at the back-dated commit, whose tree
    // holds 公共室's June 30 form as well.
    let listed = repo.git(&[
        "rev-list",
        "-1",
        "--before=2021-06-25T00:00:00+08:00",
        "HEAD",
    ]);
    assert_eq!(listed.trim(), back_dated);
    let tree = repo.git(&[
        "-c",
        "core.quotepath=off",
        "ls-tree",
        "-r",
        "--name-only",
        &back_dated,
    ]);
    assert!(tree.lines().any(|path| path == theirs), "{tree}");

    let json = check_json(&repo, "2021-06-25");
    assert_eq!(
        result(&json, "公共室", "liaison", None)["status"],
        "missing"
    );
    let ours_then = result(&json, "党建室", "liaison", None);
    assert_eq!(ours_then["status"], "ok");
    assert_eq!(ours_then["received"], "2021-06-02T10:00:00+08:00");
    assert_eq!(json["history_warnings"][0]["commit"], back_dated);
    let out = tempfile::tempdir().unwrap();
    let merged = merge_at(&repo.root, "2021-06-25", out.path());
    let names: Vec<&Value> = merged["liaisons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| &l["name"])
        .collect();
    assert_eq!(
        names,
        ["孙八"],
        "the back-dated change counts by its own time"
    );
    // Before its claimed time, the first version.
    let merged = merge_at(&repo.root, "2021-06-10", out.path());
    assert_eq!(merged["liaisons"][0]["name"], "赵六");
}

#[test]
fn a_ledger_receipt_committed_later_uses_the_first_committed_content_and_says_so() {
    let repo = campaign_repo("");
    let form = "submissions/区环境卫生服务中心/附件3.xlsx";
    xlsx(
        &repo,
        form,
        "附件3",
        progress_sheet("区环境卫生服务中心", &counts(3.0)),
    );
    repo.write(
        "submissions/received.toml",
        &format!(
            "[[received]]\npath = \"{form}\"\nat = 2021-06-27T16:30:00+08:00\nvia = \"email\"\n"
        ),
    );
    repo.commit_at("2021-06-29T09:00:00+08:00");
    let commit = repo.head();

    let json = check_json(&repo, "2021-06-28");
    let progress = result(&json, "区环境卫生服务中心", "progress", None);
    assert_eq!(progress["status"], "ok");
    assert_eq!(progress["received"], "2021-06-27T16:30:00+08:00");
    let message = format!(
        "{form}：2021年6月27日 16:30:00 收到，但 git 历史中直到 2021年6月29日 09:00:00 的提交 {} 才有它的内容，当时的内容按这次提交计",
        campaign::git::short(&commit)
    );
    assert_eq!(
        json["stood_in"],
        serde_json::json!([{ "file": form, "reason": message }])
    );
    let table =
        String::from_utf8(campaign_in(&repo.root, &["check", "--as-of", "2021-06-28"]).stdout)
            .unwrap();
    assert!(
        table.contains(&format!(
            "当时的内容无法从历史中得出（以下用其他版本代替）（1）\n  {message}\n"
        )),
        "{table}"
    );
    let english = String::from_utf8(
        campaign_in(
            &repo.root,
            &[
                "check",
                "--as-of",
                "2021-06-28",
                "--lang",
                "en",
                "--format",
                "markdown",
            ],
        )
        .stdout,
    )
    .unwrap();
    let short = campaign::git::short(&commit);
    assert!(
        english.contains(&format!(
            "### Contents the history cannot give at the instant judged (what stands in)\n\n- {form}: received at 2021-06-27T16:30:00+08:00, but the git history holds its content only from commit {short} at 2021-06-29T09:00:00+08:00; that content is used\n"
        )),
        "{english}"
    );
    // The CI formats and the status page say it too, beside the file.
    let format = |format: &str| {
        let args = ["check", "--as-of", "2021-06-28", "--format", format];
        String::from_utf8(campaign_in(&repo.root, &args).stdout).unwrap()
    };
    let github = format("github");
    assert!(
        github.contains(&format!(
            "::warning file={form},title=当时的内容::{message}\n"
        )),
        "{github}"
    );
    let junit = format("junit");
    let property = format!("      <property name=\"stood_in\" value=\"{message}\"/>\n");
    assert_eq!(
        junit.matches(&property).count(),
        1,
        "only in the suite of 附件3: {junit}"
    );
    let suite = junit
        .split("<testsuite ")
        .find(|s| s.contains(&property))
        .unwrap();
    assert!(
        suite.starts_with("name=\"附件3 活动进展情况统计表\""),
        "{suite}"
    );
    let html = format("html");
    assert!(
        html.contains(&format!(
            "<section id=\"stood-in\">\n<h2>当时的内容无法从历史中得出（以下用其他版本代替）（1 个）</h2>\n<ul>\n<li data-file=\"{form}\"><code>{form}</code><p>{message}</p></li>\n</ul>\n</section>\n"
        )),
        "{html}"
    );
    let out = tempfile::tempdir().unwrap();
    let merged = merge_at(&repo.root, "2021-06-28", out.path());
    assert_eq!(first_item_sessions(&merged), 3);
    // merge and remind have no place for it in what they print: they say it on standard error.
    let said = format!("注意：{message}\n");
    let out = out.path().to_str().unwrap();
    for args in [
        ["merge", "--as-of", "2021-06-28", "--out", out],
        ["remind", "--as-of", "2021-06-28", "--unit", "党建室"],
    ] {
        let stderr = String::from_utf8(campaign_in(&repo.root, &args).stderr).unwrap();
        assert_eq!(stderr, said, "{args:?}");
    }
    // After the commit the history can say: nothing stands in.
    let json = check_json(&repo, "2021-06-30");
    assert!(json.get("stood_in").is_none(), "{json}");
}

#[test]
fn a_stamped_version_is_read_by_its_sha256_whenever_it_was_committed() {
    let repo = campaign_repo("");
    let form = "submissions/区环境卫生服务中心/附件3.xlsx";
    let path = repo.root.join(form);
    xlsx(
        &repo,
        form,
        "附件3",
        progress_sheet("区环境卫生服务中心", &counts(3.0)),
    );
    let first = campaign::receipt::Sha256::of(&std::fs::read(&path).unwrap());
    repo.commit_at("2021-06-26T09:00:00+08:00");
    xlsx(
        &repo,
        form,
        "附件3",
        progress_sheet("区环境卫生服务中心", &counts(7.0)),
    );
    let second = campaign::receipt::Sha256::of(&std::fs::read(&path).unwrap());
    // Both versions stamped, the second on July 1; both committed on July 1
    // with a clock that says June 27.
    repo.write(
        "submissions/received.toml",
        &format!(
            "[[received]]\npath = \"{form}\"\nat = 2021-06-26T09:05:00+08:00\nvia = \"ci\"\nsha256 = \"{}\"\n\n[[received]]\npath = \"{form}\"\nat = 2021-07-01T10:00:00+08:00\nvia = \"ci\"\nsha256 = \"{}\"\n",
            first.as_str(),
            second.as_str()
        ),
    );
    repo.commit_at("2021-06-27T09:00:00+08:00");

    let out = tempfile::tempdir().unwrap();
    let merged = merge_at(&repo.root, "2021-06-30", out.path());
    assert_eq!(
        first_item_sessions(&merged),
        3,
        "the stamp, not the commit, dates the second version"
    );
    let merged = merge_at(&repo.root, "2021-07-01T10:00:00", out.path());
    assert_eq!(first_item_sessions(&merged), 7);
    let json = check_json(&repo, "2021-06-30");
    assert!(json.get("stood_in").is_none(), "{json}");
}

#[test]
fn a_renamed_file_keeps_its_history_and_is_read_under_the_name_it_had() {
    let repo = campaign_repo("");
    let old = "submissions/党建室/进展表.xlsx";
    xlsx(&repo, old, "附件3", progress_sheet("党建室", &counts(1.0)));
    repo.commit_at("2021-06-20T09:00:00+08:00");
    repo.rename(old, PROGRESS);
    repo.commit_at("2021-06-22T09:00:00+08:00");
    xlsx(
        &repo,
        PROGRESS,
        "附件3",
        progress_sheet("党建室", &counts(2.0)),
    );
    repo.commit_at("2021-06-24T09:00:00+08:00");

    let at = |as_of: &str| {
        let json = check_json(&repo, as_of);
        let progress = result(&json, "党建室", "progress", None).clone();
        (progress["files"].clone(), progress["received"].clone())
    };
    let received = Value::from("2021-06-20T09:00:00+08:00");
    assert_eq!(
        at("2021-06-21"),
        (serde_json::json!([old]), received.clone())
    );
    assert_eq!(
        at("2021-06-23"),
        (serde_json::json!([PROGRESS]), received.clone())
    );
    let out = tempfile::tempdir().unwrap();
    assert_eq!(
        first_item_sessions(&merge_at(&repo.root, "2021-06-21", out.path())),
        1
    );
    assert_eq!(
        first_item_sessions(&merge_at(&repo.root, "2021-06-23", out.path())),
        1
    );
    assert_eq!(
        first_item_sessions(&merge_at(&repo.root, "2021-06-25", out.path())),
        2
    );
}

#[test]
fn a_definition_committed_only_after_the_instant_is_the_one_of_now_and_says_so() {
    let repo = Repo::new();
    xlsx(
        &repo,
        "submissions/党建室/附件1.xlsx",
        "附件1",
        liaison_rows("党建室", &[("赵六", "13800001234")]),
    );
    repo.write(
        "submissions/received.toml",
        "[[received]]\npath = \"submissions/党建室/附件1.xlsx\"\nat = 2021-06-02T09:00:00+08:00\nvia = \"email\"\n",
    );
    repo.write("campaign.toml", campaign::definition::DEFAULT_TOML);
    repo.commit_at("2021-07-05T09:00:00+08:00");
    let first = repo.head();
    repo.write(
        "campaign.toml",
        &format!("{}{EXTENSION}", campaign::definition::DEFAULT_TOML),
    );
    repo.commit_at("2021-07-06T09:00:00+08:00");

    let json = check_json(&repo, "2021-06-30");
    let reasons: Vec<&str> = json["stood_in"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        [
            "campaign.toml：git 历史中最早的版本提交于 2021年7月5日 09:00:00，当时的活动定义按现在的文件计".to_owned(),
            format!(
                "submissions/党建室/附件1.xlsx：2021年6月2日 09:00:00 收到，但 git 历史中直到 2021年7月5日 09:00:00 的提交 {} 才有它的内容，当时的内容按这次提交计",
                campaign::git::short(&first)
            ),
        ]
    );
    // The extension of now applies.
    assert_eq!(
        result(&json, "公共室", "progress", None)["status"],
        "pending"
    );
}

#[test]
fn every_earlier_version_is_read_through_one_git_process() {
    let repo = campaign_repo("");
    let units = [
        "党建室",
        "公共室",
        "市政道路桥梁室",
        "市容环卫室",
        "园林绿化室",
    ];
    for unit in units {
        let rows = progress_sheet(unit, &counts(1.0));
        xlsx(
            &repo,
            &format!("submissions/{unit}/附件3.xlsx"),
            "附件3",
            rows,
        );
    }
    repo.commit_at("2021-06-26T09:00:00+08:00");
    for unit in units {
        let rows = progress_sheet(unit, &counts(2.0));
        xlsx(
            &repo,
            &format!("submissions/{unit}/附件3.xlsx"),
            "附件3",
            rows,
        );
    }
    repo.commit_at("2021-06-29T09:00:00+08:00");

    let git = common::git::Recorder::new();
    let out = tempfile::tempdir().unwrap();
    let output = assert_cmd::Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(&repo.root)
        .env("PATH", git.path())
        .args([
            "merge",
            "--as-of",
            "2021-06-27",
            "--format",
            "json",
            "--out",
        ])
        .arg(out.path())
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&succeeded(output)).unwrap();
    // Every unit's first version: 专题学习 held once by each.
    assert_eq!(first_item_sessions(&json), 5);
    assert_eq!(
        git.subcommands(&["rev-parse", "log", "diff", "cat-file"]),
        ["cat-file", "diff", "log", "rev-parse"]
    );
}

#[test]
fn every_consolidated_row_is_traced_to_its_file_sheet_row_and_commit() {
    let repo = changing_campaign();
    let commit = |at: &str| {
        repo.git(&["log", "-1", "--format=%H", &format!("--before={at}")])
            .trim()
            .to_owned()
    };
    let (first, revised) = (
        commit("2021-06-20T09:00:00+08:00"),
        commit("2021-06-29T11:00:00+08:00"),
    );
    let scratch = tempfile::tempdir().unwrap();
    let traced = |as_of: &str, out: &str| {
        let json = merge_at(&repo.root, as_of, &scratch.path().join(out));
        let detail = json["progress"]["detail"].as_array().unwrap().clone();
        (json, detail)
    };

    let (_, then) = traced("2021-06-21", "then");
    assert_eq!(then.len(), 10, "党建室's ten items");
    assert_eq!(
        then[0],
        serde_json::json!({
            "unit": "党建室", "no": 1, "activity": "专题学习",
            "values": { "开展场次": 0, "参与人次": 1, "发放宣传资料": 2, "媒体报道": 3, "排查隐患": 4, "整改隐患": 4 },
            "source": { "file": PROGRESS, "sheet": "附件3", "row": 4, "commit": first, "received": "2021-06-20T09:00:00+08:00" }
        })
    );
    let (json, now) = traced("2021-07-03", "now");
    assert_eq!(now.len(), 20, "党建室's and 公共室's ten items");
    assert_eq!(now[0]["values"]["开展场次"], 5);
    assert_eq!(
        now[9]["source"],
        serde_json::json!({ "file": PROGRESS, "sheet": "附件3", "row": 13, "commit": revised, "received": "2021-06-29T11:00:00+08:00" })
    );
    assert_eq!(json["liaisons"][1]["source"]["file"], FILED);

    // The detail sheet says the same, the commit by its short id.
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(scratch.path().join("now/附件3-活动进展情况汇总表.xlsx")).unwrap();
    let detail = book.worksheet_range("明细").unwrap();
    assert_eq!(
        common::row_texts(&detail, 4)[10..14],
        [PROGRESS, "附件3", "4", campaign::git::short(&revised)]
    );

    // A change not committed has no commit to name.
    xlsx(
        &repo,
        PROGRESS,
        "附件3",
        progress_sheet("党建室", &counts(9.0)),
    );
    let (_, uncommitted) = traced("2021-07-03", "uncommitted");
    assert_eq!(uncommitted[0]["values"]["开展场次"], 9);
    assert_eq!(uncommitted[0]["source"]["commit"], Value::Null);
}
