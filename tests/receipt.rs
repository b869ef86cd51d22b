//! When each submitted file was received (SPEC §5): the ledger, then the git
//! history, then the modification time — over real git repositories whose
//! commits are made at chosen times.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::git::{Repo, isolated_git};

use campaign::lang::Lang;
use campaign::receipt::{
    HistoryWarning, LedgerProblem, Move, Receipt, ReceiptError, Receipts, Sha256, StartFault, Via,
    receipts,
};
use chrono::{DateTime, FixedOffset};

// ── Helpers ──────────────────────────────────────────────────────────────

fn zone() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

fn t(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// A receipt from git: the first commit, then every later change.
fn git_receipt(first: &str, changes: &[&str]) -> Receipt {
    Receipt {
        first: t(first),
        via: Via::Git,
        changes: changes.iter().map(|at| t(at)).collect(),
        moved: None,
    }
}

/// Every ledger problem, rendered in Chinese.
fn ledger_messages(all: &Receipts) -> Vec<String> {
    all.ledger_problems
        .iter()
        .map(|p| p.render(Lang::Zh))
        .collect()
}

/// What the receipt tests ask of a repository.
trait Received {
    fn files(&self) -> Vec<String>;
    fn receipts(&self) -> Receipts;
    fn receipt(&self, rel: &str) -> Receipt;
}

impl Received for Repo {
    /// The submitted files as discovery lists them.
    fn files(&self) -> Vec<String> {
        campaign::discover::discover(&self.root)
            .unwrap()
            .into_iter()
            .map(|found| found.rel)
            .collect()
    }

    fn receipts(&self) -> Receipts {
        receipts(&self.root, &self.files(), zone()).unwrap()
    }

    fn receipt(&self, rel: &str) -> Receipt {
        let mut all = self.receipts();
        assert_eq!(all.ledger_problems, [], "ledger problems");
        all.by_path
            .remove(rel)
            .unwrap_or_else(|| panic!("no receipt for {rel}: {:?}", all.by_path))
    }
}

fn set_mtime(path: &Path, at: &str) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(t(at).into()).unwrap();
}

const FORM: &str = "submissions/党建室/附件1.xlsx";

// ── Git ──────────────────────────────────────────────────────────────────

#[test]
fn a_file_committed_once_is_received_at_the_commit_time() {
    let repo = Repo::new();
    repo.write("campaign.toml", "")
        .commit_at("2021-06-01T09:00:00+08:00");
    repo.write(FORM, "v1")
        .commit_at("2021-06-02T16:30:00+08:00");
    repo.write("campaign.toml", "# edited")
        .commit_at("2021-06-04T10:00:00+08:00");

    assert_eq!(
        repo.receipt(FORM),
        git_receipt("2021-06-02T16:30:00+08:00", &[])
    );
}

#[test]
fn times_are_given_in_the_campaign_time_zone() {
    let repo = Repo::new();
    repo.write(FORM, "v1")
        .commit_at("2021-06-02T08:30:00+00:00");

    let receipt = repo.receipt(FORM);
    assert_eq!(receipt.first.to_rfc3339(), "2021-06-02T16:30:00+08:00");
}

#[test]
fn a_later_commit_changing_the_file_is_its_revision() {
    let repo = Repo::new();
    repo.write(FORM, "v1")
        .commit_at("2021-06-02T16:30:00+08:00");
    repo.write(FORM, "v2")
        .commit_at("2021-06-04T10:00:00+08:00");
    repo.write(FORM, "v3")
        .commit_at("2021-06-05T11:00:00+08:00");
    repo.write("submissions/公共室/附件1.xlsx", "other")
        .commit_at("2021-06-06T09:00:00+08:00");

    assert_eq!(
        repo.receipt(FORM),
        git_receipt(
            "2021-06-02T16:30:00+08:00",
            &["2021-06-04T10:00:00+08:00", "2021-06-05T11:00:00+08:00"]
        )
    );
}

#[test]
fn a_deleted_and_re_added_file_keeps_its_first_receipt_and_is_revised_by_the_re_add() {
    let repo = Repo::new();
    repo.write(FORM, "v1")
        .commit_at("2021-06-02T16:30:00+08:00");
    repo.remove(FORM).commit_at("2021-06-03T09:00:00+08:00");
    repo.write(FORM, "v2")
        .commit_at("2021-06-05T10:00:00+08:00");

    assert_eq!(
        repo.receipt(FORM),
        git_receipt("2021-06-02T16:30:00+08:00", &["2021-06-05T10:00:00+08:00"])
    );
}

/// Enough lines for git's rename detection to tell an edited file from a new one.
fn form_text(edit: &str) -> String {
    let mut text: String = (1..=40).map(|i| format!("第 {i} 行：内容\n")).collect();
    text.push_str(edit);
    text
}

#[test]
fn a_renamed_file_keeps_the_receipt_of_its_first_arrival() {
    let repo = Repo::new();
    repo.write("submissions/党建室/旧名.xlsx", "same content")
        .commit_at("2021-06-02T16:30:00+08:00");
    repo.rename("submissions/党建室/旧名.xlsx", FORM)
        .commit_at("2021-06-04T10:00:00+08:00");

    let all = repo.receipts();
    assert_eq!(all.by_path.keys().collect::<Vec<_>>(), [FORM]);
    assert_eq!(
        all.by_path[FORM],
        Receipt {
            moved: Some(Move {
                from: "submissions/党建室/旧名.xlsx".to_owned(),
                at: t("2021-06-04T10:00:00+08:00"),
            }),
            ..git_receipt("2021-06-02T16:30:00+08:00", &[])
        }
    );
}

#[test]
fn a_misfiled_form_moved_into_its_units_folder_keeps_its_first_receipt() {
    let repo = Repo::new();
    let misfiled = "submissions/附件1-联络员表.xlsx";
    repo.write(misfiled, &form_text(""))
        .commit_at("2021-06-03T09:00:00+08:00");
    std::fs::create_dir_all(repo.root.join("submissions/党建室")).unwrap();
    repo.git(&["mv", misfiled, FORM]);
    repo.commit_at("2021-06-29T10:00:00+08:00");
    // Moved again, and edited on the way: a revision as well as a move.
    let renamed = "submissions/党建室/联络员表（改）.xlsx";
    repo.remove(FORM)
        .write(renamed, &form_text("第 41 行：补充\n"));
    repo.commit_at("2021-06-30T11:00:00+08:00");

    assert_eq!(
        repo.receipt(renamed),
        Receipt {
            moved: Some(Move {
                from: misfiled.to_owned(),
                at: t("2021-06-30T11:00:00+08:00"),
            }),
            ..git_receipt("2021-06-03T09:00:00+08:00", &["2021-06-30T11:00:00+08:00"])
        }
    );
}

#[test]
fn a_ledger_entry_made_under_the_old_path_dates_the_moved_file() {
    let repo = Repo::new();
    let misfiled = "submissions/附件1-联络员表.xlsx";
    repo.write(misfiled, &form_text(""));
    repo.write(
        "submissions/received.toml",
        "[[received]]\npath = \"submissions/附件1-联络员表.xlsx\"\nat = 2021-06-02T16:30:00+08:00\nvia = \"email\"\n",
    );
    repo.commit_at("2021-06-03T09:00:00+08:00");
    std::fs::create_dir_all(repo.root.join("submissions/党建室")).unwrap();
    repo.git(&["mv", misfiled, FORM]);
    repo.commit_at("2021-06-29T10:00:00+08:00");

    assert_eq!(
        repo.receipt(FORM),
        Receipt {
            first: t("2021-06-02T16:30:00+08:00"),
            via: Via::Ledger,
            changes: Vec::new(),
            moved: Some(Move {
                from: misfiled.to_owned(),
                at: t("2021-06-29T10:00:00+08:00"),
            }),
        },
        "the ledger entry follows the move and raises no problem"
    );
}

#[test]
fn a_similar_form_of_another_unit_does_not_inherit_a_deleted_one() {
    let repo = Repo::new();
    repo.write(FORM, &form_text(""))
        .commit_at("2021-06-02T16:30:00+08:00");
    // One commit deletes 党建室's form and adds 公共室's, alike enough for git
    // to call it a rename: forms filled from one template are.
    let other = "submissions/公共室/附件1.xlsx";
    repo.remove(FORM)
        .write(other, &form_text("第 41 行：公共室\n"));
    repo.commit_at("2021-06-10T10:00:00+08:00");

    assert_eq!(
        repo.receipt(other),
        git_receipt("2021-06-10T10:00:00+08:00", &[])
    );
}

#[test]
fn a_ledger_entry_made_under_an_old_path_after_the_file_left_it_is_not_its_own() {
    let repo = Repo::new();
    let old = "submissions/党建室/旧名.xlsx";
    repo.write(old, &form_text(""))
        .commit_at("2021-06-02T16:30:00+08:00");
    repo.rename(old, FORM)
        .commit_at("2021-06-05T10:00:00+08:00");
    repo.write(
        "submissions/received.toml",
        "[[received]]\npath = \"submissions/党建室/旧名.xlsx\"\nat = 2021-06-20T09:00:00+08:00\nvia = \"email\"\n",
    );
    repo.commit_at("2021-06-20T10:00:00+08:00");

    assert_eq!(
        repo.receipt(FORM),
        Receipt {
            moved: Some(Move {
                from: old.to_owned(),
                at: t("2021-06-05T10:00:00+08:00"),
            }),
            ..git_receipt("2021-06-02T16:30:00+08:00", &[])
        }
    );
}

#[test]
fn a_second_file_with_the_same_content_is_a_new_arrival() {
    let repo = Repo::new();
    repo.write(FORM, &form_text(""))
        .commit_at("2021-06-02T16:30:00+08:00");
    let copy = "submissions/公共室/附件1.xlsx";
    repo.write(copy, &form_text(""))
        .commit_at("2021-06-04T10:00:00+08:00");

    assert_eq!(
        repo.receipt(copy),
        git_receipt("2021-06-04T10:00:00+08:00", &[])
    );
    assert_eq!(
        repo.receipt(FORM),
        git_receipt("2021-06-02T16:30:00+08:00", &[])
    );
}

#[test]
fn chinese_names_with_spaces_and_quotes_are_read_verbatim() {
    let name = "submissions/区环境卫生服务中心/附件3 活动进展“6月”.xlsx";
    let repo = Repo::new();
    repo.write(name, "v1")
        .commit_at("2021-06-02T16:30:00+08:00");

    assert_eq!(
        repo.receipt(name),
        git_receipt("2021-06-02T16:30:00+08:00", &[])
    );
}

#[test]
fn a_file_merged_from_a_side_branch_is_received_when_the_merge_reaches_main() {
    let repo = Repo::new();
    repo.write("campaign.toml", "")
        .commit_at("2021-06-01T09:00:00+08:00");
    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.write(FORM, "v1")
        .commit_at("2021-06-02T16:30:00+08:00");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("campaign.toml", "# edited")
        .commit_at("2021-06-03T09:00:00+08:00");
    repo.git_at(
        "2021-06-05T10:00:00+08:00",
        "2021-06-05T10:00:00+08:00",
        &["merge", "-q", "--no-ff", "-m", "merge", "side"],
    );

    assert_eq!(
        repo.receipt(FORM),
        git_receipt("2021-06-05T10:00:00+08:00", &[])
    );
}

#[test]
fn a_campaign_in_a_subfolder_of_the_repository_sees_only_its_own_files() {
    let repo = Repo::with_campaign_in("安全生产月");
    // Another campaign of the same repository, with the same inner paths.
    std::fs::create_dir_all(repo.top.join("去年/submissions/党建室")).unwrap();
    std::fs::write(repo.top.join("去年").join(FORM), "old").unwrap();
    repo.commit_at("2020-06-02T09:00:00+08:00");
    repo.write(FORM, "v1")
        .commit_at("2021-06-02T16:30:00+08:00");
    std::fs::write(repo.top.join("去年").join(FORM), "old, edited").unwrap();
    repo.commit_at("2021-06-07T09:00:00+08:00");

    assert_eq!(
        repo.receipt(FORM),
        git_receipt("2021-06-02T16:30:00+08:00", &[])
    );
}

#[test]
fn a_shallow_clone_is_refused() {
    let origin = Repo::new();
    origin
        .write(FORM, "v1")
        .commit_at("2021-06-02T16:30:00+08:00");
    origin
        .write(FORM, "v2")
        .commit_at("2021-06-04T10:00:00+08:00");
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.top.display());
    let output = isolated_git()
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(clone.path().join("c"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let root = clone.path().join("c");

    let files = vec![FORM.to_owned()];
    let error = receipts(&root, &files, zone()).unwrap_err();
    assert_eq!(error, ReceiptError::ShallowClone);
    assert_eq!(
        error.render(Lang::Zh),
        "仓库是浅克隆（只有部分历史），无法得出准确的收到时间；请获取完整历史（git fetch --unshallow，或在 CI 中设置 fetch-depth: 0）后重试"
    );
}

// ── Modification times ───────────────────────────────────────────────────

#[test]
fn an_uncommitted_file_is_received_at_its_modification_time() {
    let repo = Repo::new();
    repo.write(FORM, "v1")
        .commit_at("2021-06-02T16:30:00+08:00");
    let fresh = "submissions/公共室/附件2.xlsx";
    repo.write(fresh, "new");
    set_mtime(&repo.root.join(fresh), "2021-06-03T08:15:00+08:00");

    assert_eq!(
        repo.receipt(fresh),
        Receipt {
            first: t("2021-06-03T08:15:00+08:00"),
            via: Via::Mtime,
            changes: Vec::new(),
            moved: None,
        }
    );
    assert_eq!(repo.receipt(fresh).first.offset(), &zone());
}

#[test]
fn a_folder_in_no_repository_has_only_modification_times() {
    let repo = Repo::plain();
    repo.write(FORM, "v1");
    repo.write("submissions/公共室/附件2.xlsx", "v1");
    set_mtime(&repo.root.join(FORM), "2021-06-02T16:30:00+08:00");

    let all = repo.receipts();
    assert_eq!(all.by_path.len(), 2);
    assert!(all.by_path.values().all(|r| r.via == Via::Mtime));
    assert_eq!(all.by_path[FORM].first, t("2021-06-02T16:30:00+08:00"));
    assert_eq!(all.warnings, []);
}

#[test]
fn a_repository_without_commits_has_only_modification_times() {
    let repo = Repo::new();
    repo.write(FORM, "v1");
    repo.git(&["add", "-A"]);

    let all = repo.receipts();
    assert_eq!(all.by_path[FORM].via, Via::Mtime);
}

// ── The ledger ───────────────────────────────────────────────────────────

#[test]
fn a_ledger_entry_without_sha256_overrides_git_and_later_commits_still_revise() {
    let repo = Repo::new();
    repo.write(FORM, "v1");
    repo.write(
        "submissions/received.toml",
        r#"[[received]]
path = "submissions/党建室/附件1.xlsx"
at = 2021-06-01T16:30:00+08:00
via = "email"
"#,
    );
    repo.commit_at("2021-06-03T09:00:00+08:00");
    assert_eq!(
        repo.receipt(FORM),
        Receipt {
            first: t("2021-06-01T16:30:00+08:00"),
            via: Via::Ledger,
            changes: Vec::new(),
            moved: None,
        },
        "the commit adding the file is no revision"
    );

    repo.write(FORM, "v2")
        .commit_at("2021-06-04T10:00:00+08:00");
    assert_eq!(repo.receipt(FORM).changes, [t("2021-06-04T10:00:00+08:00")]);
}

#[test]
fn ledger_times_may_be_local_dates_or_offsets_and_a_date_is_the_start_of_its_day() {
    let repo = Repo::plain();
    for unit in ["党建室", "公共室", "安全监管室", "计划财务室"] {
        repo.write(&format!("submissions/{unit}/附件1.xlsx"), "v1");
    }
    // With a byte-order mark, as Notepad may save it.
    repo.write(
        "submissions/received.toml",
        &format!(
            "\u{feff}{}",
            r#"[[received]]
path = "submissions/党建室/附件1.xlsx"
at = 2021-06-03
via = "wechat"

[[received]]
path = "submissions/公共室/附件1.xlsx"
at = 2021-06-03T17:45:00

[[received]]
path = "submissions/安全监管室/附件1.xlsx"
at = 2021-06-03T09:45:00Z

[[received]]
path = "submissions/计划财务室/附件1.xlsx"
at = "2021-06-03 18:00"
"#
        ),
    );

    let all = repo.receipts();
    assert_eq!(all.ledger_problems, []);
    let first = |unit: &str| {
        let receipt = &all.by_path[&format!("submissions/{unit}/附件1.xlsx")];
        assert_eq!(receipt.via, Via::Ledger);
        receipt.first.to_rfc3339()
    };
    assert_eq!(first("党建室"), "2021-06-03T00:00:00+08:00");
    assert_eq!(first("公共室"), "2021-06-03T17:45:00+08:00");
    assert_eq!(first("安全监管室"), "2021-06-03T17:45:00+08:00");
    assert_eq!(first("计划财务室"), "2021-06-03T18:00:00+08:00");
    // With or without `via`, an entry dates its file.
    assert_eq!(
        all.by_path["submissions/党建室/附件1.xlsx"].via,
        Via::Ledger
    );
    assert_eq!(
        all.by_path["submissions/公共室/附件1.xlsx"].via,
        Via::Ledger
    );
}

#[test]
fn ledger_problems_are_reported_and_the_other_entries_still_apply() {
    let repo = Repo::new();
    repo.write(FORM, "v1");
    repo.write("submissions/公共室/附件2.xlsx", "v1");
    repo.commit_at("2021-06-04T09:00:00+08:00");
    repo.write(
        "submissions/received.toml",
        r#"[[received]]
path = "submissions/党建室/附件1.xlsx"
at = 2021-06-02T09:00:00+08:00
via = "wechat"

[[received]]
path = "submissions/党建室/不存在.xlsx"
at = 2021-06-01
via = "wechat"

[[received]]
path = "../x"
at = 2021-06-01

[[received]]
path = "submissions/公共室/附件2.xlsx"
at = "yesterday"

[[received]]
path = "submissions/党建室/附件1.xlsx"
at = 2021-06-01T16:30:00+08:00
via = "email"

[[received]]
at = 2021-06-01
"#,
    );

    let all = repo.receipts();
    let rendered = ledger_messages(&all);
    assert_eq!(
        rendered,
        [
            "submissions/received.toml 第 1 行（第 1 条登记）：“submissions/党建室/附件1.xlsx”已在第 19 行（第 5 条登记）登记过，以较早的收到时间 2021年6月1日 16:30:00 为准，这一条登记未被采用",
            "submissions/received.toml 第 7 行（第 2 条登记）：没有提交的文件“submissions/党建室/不存在.xlsx”，这一条登记未被采用",
            "submissions/received.toml 第 12 行（第 3 条登记）：路径“../x”不在 submissions/ 之内（应相对于活动文件夹，以 submissions/ 开头，用 / 分隔，不含 ..），这一条登记未被采用",
            "submissions/received.toml 第 17 行（第 4 条登记）：“submissions/公共室/附件2.xlsx”的收到时间 at = \"yesterday\" 无法识别，应为日期时间（如 2021-06-02T16:30:00+08:00）或日期（如 2021-06-02），这一条登记未被采用",
            "submissions/received.toml 第 24 行（第 6 条登记）：缺少文件路径 path，这一条登记未被采用",
        ]
    );
    let paths: Vec<Option<&str>> = all.ledger_problems.iter().map(|p| p.path()).collect();
    assert_eq!(
        paths,
        [
            Some(FORM),
            Some("submissions/党建室/不存在.xlsx"),
            Some("../x"),
            Some("submissions/公共室/附件2.xlsx"),
            None,
        ]
    );
    assert_eq!(
        all.ledger_problems[0],
        LedgerProblem::Duplicate {
            entry: 1,
            line: 1,
            path: FORM.into(),
            kept_entry: 5,
            kept_line: 19,
            kept_at: t("2021-06-01T16:30:00+08:00"),
        }
    );
    assert_eq!(
        all.ledger_problems[1].render(Lang::En),
        "submissions/received.toml, line 7 (entry 2): there is no submitted file “submissions/党建室/不存在.xlsx”; the entry is not used"
    );

    // The earliest of the duplicates counts; the bad time leaves git in charge.
    assert_eq!(
        all.by_path[FORM],
        Receipt {
            first: t("2021-06-01T16:30:00+08:00"),
            via: Via::Ledger,
            changes: Vec::new(),
            moved: None,
        }
    );
    assert_eq!(
        all.by_path["submissions/公共室/附件2.xlsx"],
        git_receipt("2021-06-04T09:00:00+08:00", &[])
    );
}

#[test]
fn a_toml_syntax_error_costs_only_the_entry_it_is_in() {
    let repo = Repo::plain();
    for name in ["附件1", "附件2", "附件3"] {
        repo.write(&format!("submissions/公共室/{name}.xlsx"), "v1");
    }
    repo.write(
        "submissions/received.toml",
        r#"[[received]]
path = "submissions/公共室/附件1.xlsx"
at = 2021-06-01T16:30:00+08:00
via = "email"
name = "附件1(1).xlsx"

[[received]]
path = "submissions/公共室/附件2.xlsx
at = 2021-06-02

[[received]]
path = "submissions/公共室/附件3.xlsx"
at = 2021-06-03
note = "电话确认"
name = 3
"#,
    );

    let all = repo.receipts();
    let rendered = ledger_messages(&all);
    assert_eq!(
        rendered,
        [
            "submissions/received.toml 第 8 行（第 2 条登记）：不是有效的 TOML（invalid basic string, expected `\"`），这一条登记未被采用",
            "submissions/received.toml 第 14 行（第 3 条登记）：不认识的键“note”（登记只有 path、at、via、name、sha256），已忽略",
            "submissions/received.toml 第 15 行（第 3 条登记）：“submissions/公共室/附件3.xlsx”的 name 应为带引号的文本，实际是 3，已忽略",
        ]
    );
    let via = |name: &str| all.by_path[&format!("submissions/公共室/{name}.xlsx")].via;
    assert_eq!(via("附件1"), Via::Ledger);
    assert_eq!(via("附件2"), Via::Mtime);
    assert_eq!(via("附件3"), Via::Ledger);
    assert_eq!(
        all.by_path["submissions/公共室/附件3.xlsx"].first,
        t("2021-06-03T00:00:00+08:00")
    );
}

#[test]
fn a_misspelt_table_is_reported_not_ignored() {
    let repo = Repo::plain();
    repo.write(FORM, "v1");
    repo.write(
        "submissions/received.toml",
        "[[recieved]]\npath = \"submissions/党建室/附件1.xlsx\"\nat = 2021-06-01\n",
    );

    let all = repo.receipts();
    let rendered = ledger_messages(&all);
    assert_eq!(
        rendered,
        [
            "submissions/received.toml 第 1 行：不认识的键“recieved”（收件登记只有 [[received]] 条目和 [stamp] 表），已忽略"
        ]
    );
    assert_eq!(all.by_path[FORM].via, Via::Mtime);
}

// ── Versions the ledger records by sha256 ───────────────────────────────

/// A `[[received]]` entry with a sha256, as `campaign stamp` writes it.
fn stamped(path: &str, at: &str, content: &str) -> String {
    format!(
        "[[received]]\npath = \"{path}\"\nat = {at}\nvia = \"ci\"\nsha256 = \"{}\"\n\n",
        Sha256::of(content.as_bytes()).as_str()
    )
}

/// A receipt from the ledger.
fn ledger_receipt(first: &str, changes: &[&str]) -> Receipt {
    Receipt {
        via: Via::Ledger,
        ..git_receipt(first, changes)
    }
}

#[test]
fn entries_with_different_sha256_are_versions_trusted_over_commit_times() {
    let repo = Repo::new();
    repo.write(FORM, "v1")
        .commit_at("2021-06-01T09:00:00+08:00");
    repo.write(FORM, "v2")
        .commit_at("2021-06-02T09:00:00+08:00");
    // The later version first: the ledger's order does not matter, its times do.
    repo.write(
        "submissions/received.toml",
        &format!(
            "{}{}",
            stamped(FORM, "2021-06-05T10:00:00+08:00", "v2"),
            stamped(FORM, "2021-06-03T10:00:00+08:00", "v1")
        ),
    );
    assert_eq!(
        repo.receipt(FORM),
        ledger_receipt("2021-06-03T10:00:00+08:00", &["2021-06-05T10:00:00+08:00"]),
        "the commit of June 2 changes nothing"
    );
}

#[test]
fn entries_that_cannot_be_told_apart_are_one_arrival_written_twice() {
    let repo = Repo::plain();
    let other = "submissions/公共室/附件1.xlsx";
    repo.write(FORM, "v1").write(other, "v1");
    repo.write(
        "submissions/received.toml",
        &format!(
            "{}{}[[received]]\npath = \"{other}\"\nat = 2021-06-03T10:00:00+08:00\nvia = \"email\"\n\n{}",
            stamped(FORM, "2021-06-03T10:00:00+08:00", "v1"),
            stamped(FORM, "2021-06-04T10:00:00+08:00", "v1"),
            stamped(other, "2021-06-04T10:00:00+08:00", "v1"),
        ),
    );
    let all = repo.receipts();
    assert_eq!(
        ledger_messages(&all),
        [
            "submissions/received.toml 第 7 行（第 2 条登记）：“submissions/党建室/附件1.xlsx”已在第 1 行（第 1 条登记）登记过，以较早的收到时间 2021年6月3日 10:00:00 为准，这一条登记未被采用",
            "submissions/received.toml 第 18 行（第 4 条登记）：“submissions/公共室/附件1.xlsx”已在第 13 行（第 3 条登记）登记过，以较早的收到时间 2021年6月3日 10:00:00 为准，这一条登记未被采用",
        ]
    );
    for path in [FORM, other] {
        assert_eq!(
            all.by_path[path],
            ledger_receipt("2021-06-03T10:00:00+08:00", &[]),
            "{path}"
        );
    }
}

#[test]
fn a_sha256_that_is_not_one_is_reported_and_the_entry_still_dates_the_file() {
    let repo = Repo::new();
    repo.write(FORM, "v1");
    repo.write(
        "submissions/received.toml",
        &format!(
            "[[received]]\npath = \"{FORM}\"\nat = 2021-06-01T16:30:00+08:00\nsha256 = \"0f343b0931126a20f133d67c2b018a3b\"\n"
        ),
    );
    repo.commit_at("2021-06-03T09:00:00+08:00");
    repo.write(FORM, "v2")
        .commit_at("2021-06-04T10:00:00+08:00");
    let all = repo.receipts();
    let rendered: Vec<[String; 2]> = all
        .ledger_problems
        .iter()
        .map(|p| [p.render(Lang::Zh), p.render(Lang::En)])
        .collect();
    assert_eq!(
        rendered,
        [[
            "submissions/received.toml 第 4 行（第 1 条登记）：“submissions/党建室/附件1.xlsx”的 sha256 应为 64 位十六进制数字，实际是 \"0f343b0931126a20f133d67c2b018a3b\"，已忽略",
            "submissions/received.toml, line 4 (entry 1): the sha256 of “submissions/党建室/附件1.xlsx” should be 64 hexadecimal digits, not \"0f343b0931126a20f133d67c2b018a3b\"; ignored",
        ]]
    );
    // Without a usable sha256 the entry dates the arrival and commits the changes.
    assert_eq!(
        all.by_path[FORM],
        ledger_receipt("2021-06-01T16:30:00+08:00", &["2021-06-04T10:00:00+08:00"])
    );
}

#[test]
fn content_no_entry_records_is_revised_at_its_commit_or_else_its_modification_time() {
    let repo = Repo::new();
    repo.write(FORM, "v1");
    repo.write(
        "submissions/received.toml",
        &stamped(FORM, "2021-06-03T10:00:00+08:00", "v1"),
    );
    repo.commit_at("2021-06-03T10:00:05+08:00");
    assert_eq!(
        repo.receipt(FORM),
        ledger_receipt("2021-06-03T10:00:00+08:00", &[])
    );

    // Committed after the stamp, not stamped yet: the commit dates it.
    repo.write(FORM, "v2")
        .commit_at("2021-06-04T09:00:00+08:00");
    assert_eq!(
        repo.receipt(FORM),
        ledger_receipt("2021-06-03T10:00:00+08:00", &["2021-06-04T09:00:00+08:00"])
    );

    // Committed with a clock set before the stamp that saw the older content:
    // git cannot say, and the modification time stands in.
    repo.write(FORM, "v3");
    set_mtime(&repo.root.join(FORM), "2021-06-06T08:00:00+08:00");
    repo.commit_at("2021-06-01T08:00:00+08:00");
    assert_eq!(
        repo.receipt(FORM),
        ledger_receipt("2021-06-03T10:00:00+08:00", &["2021-06-06T08:00:00+08:00"])
    );
    // … but never before that stamp: the change certainly came after it.
    set_mtime(&repo.root.join(FORM), "2021-06-02T08:00:00+08:00");
    assert_eq!(
        repo.receipt(FORM),
        ledger_receipt("2021-06-03T10:00:00+08:00", &["2021-06-03T10:00:01+08:00"])
    );

    // Changed and not committed at all.
    repo.write(FORM, "v4");
    set_mtime(&repo.root.join(FORM), "2021-06-07T08:00:00+08:00");
    assert_eq!(
        repo.receipt(FORM),
        ledger_receipt("2021-06-03T10:00:00+08:00", &["2021-06-07T08:00:00+08:00"])
    );
}

#[test]
fn the_stamp_table_is_part_of_the_ledger_and_its_mistakes_are_named() {
    let repo = Repo::plain();
    repo.write(FORM, "v1");
    let commit = "0123456789abcdef0123456789abcdef01234567";
    repo.write(
        "submissions/received.toml",
        &format!("[stamp]\ncommit = \"{commit}\"\nat = 2021-06-01T08:00:00+08:00\n"),
    );
    assert_eq!(repo.receipts().ledger_problems, []);

    repo.write(
        "submissions/received.toml",
        "[stamp]\ncommit = \"main\"\nat = \"soon\"\nby = \"CI\"\n",
    );
    let all = repo.receipts();
    assert_eq!(
        all.ledger_problems[0],
        LedgerProblem::BadStart {
            line: 2,
            fault: StartFault::NotCommit("\"main\"".into())
        }
    );
    assert_eq!(
        ledger_messages(&all),
        [
            "submissions/received.toml 第 2 行：[stamp] 的 commit 应为带引号的提交号（十六进制数字），实际是 \"main\"；改正之前 campaign stamp 无法知道从哪里开始登记，不会登记任何文件",
            "submissions/received.toml 第 3 行：[stamp] 的 at = \"soon\" 无法识别，应为日期时间（如 2021-06-01T09:00:00+08:00）；改正之前 campaign stamp 无法知道从哪里开始登记，不会登记任何文件",
            "submissions/received.toml 第 4 行：[stamp] 中不认识的键“by”（只有 commit 和 at），已忽略",
        ]
    );
    assert_eq!(
        all.ledger_problems[2].render(Lang::En),
        "submissions/received.toml, line 4: unknown key “by” in [stamp] (it has commit and at); ignored"
    );

    // Each table reads on its own, but not the two together.
    let table = format!("[stamp]\ncommit = \"{commit}\"\nat = 2021-06-01T08:00:00+08:00\n");
    repo.write("submissions/received.toml", &format!("{table}\n{table}"));
    assert_eq!(
        ledger_messages(&repo.receipts()),
        ["submissions/received.toml 第 5 行：不是有效的 TOML（duplicate key）"]
    );
}

// ── Suspicious history ───────────────────────────────────────────────────

#[test]
fn commits_with_doubtful_times_are_flagged() {
    let repo = Repo::new();
    repo.write(FORM, "v1")
        .commit_at("2021-06-05T10:00:00+08:00");
    let parent = repo.head();
    repo.write("submissions/公共室/附件1.xlsx", "v1")
        .commit_at("2021-06-03T09:00:00+08:00");
    let backwards = repo.head();
    repo.write("submissions/公共室/附件2.xlsx", "v1")
        .commit_dated("2021-06-04T12:00:00+08:00", "2021-06-06T12:00:00+08:00");
    let apart = repo.head();
    // Outside submissions/: nobody's receipt depends on it.
    repo.write("campaign.toml", "")
        .commit_dated("2021-06-01T08:00:00+08:00", "2021-06-01T08:00:00+08:00");

    let all = repo.receipts();
    assert_eq!(
        all.warnings,
        [
            HistoryWarning::CommittedBeforeParent {
                commit: backwards.clone(),
                committed: t("2021-06-03T09:00:00+08:00"),
                parent: parent.clone(),
                parent_committed: t("2021-06-05T10:00:00+08:00"),
            },
            HistoryWarning::AuthoredApart {
                commit: apart.clone(),
                authored: t("2021-06-04T12:00:00+08:00"),
                committed: t("2021-06-06T12:00:00+08:00"),
            },
        ]
    );
    assert_eq!(
        all.warnings[0].render(Lang::Zh),
        format!(
            "提交 {} 的提交时间 2021年6月3日 09:00:00 早于它的上一个提交 {} 的提交时间 2021年6月5日 10:00:00：提交所用电脑的时钟可能有误，或提交时间被改过，由它得出的收到时间未必可信",
            campaign::git::short(&backwards),
            campaign::git::short(&parent)
        )
    );
    assert_eq!(
        all.warnings[1].render(Lang::Zh),
        format!(
            "提交 {} 的作者时间 2021年6月4日 12:00:00 与提交时间 2021年6月6日 12:00:00 相差超过一天（变基、拣选或时钟有误都会如此）；收到时间按提交时间计",
            campaign::git::short(&apart)
        )
    );
    assert_eq!(
        all.warnings[1].render(Lang::En),
        format!(
            "commit {} was authored at 2021-06-04T12:00:00+08:00 but committed at 2021-06-06T12:00:00+08:00, more than a day apart (a rebase, a cherry-pick or a wrong clock); the receipt time is the commit time",
            campaign::git::short(&apart)
        )
    );
    // The receipts themselves still follow the commits.
    assert_eq!(
        all.by_path["submissions/公共室/附件1.xlsx"].first,
        t("2021-06-03T09:00:00+08:00")
    );
}

// ── One pass ─────────────────────────────────────────────────────────────

/// Where the child run of `two_hundred_files_child` finds its campaign.
const CHILD_ROOT: &str = "CAMPAIGN_RECEIPT_TEST_ROOT";

fn two_hundred_files() -> Vec<String> {
    (0..200)
        .map(|i| format!("submissions/单位{}/附件{i}.xlsx", i % 14))
        .collect()
}

/// Runs only inside the child process `git_is_run_once_for_the_whole_folder`
/// starts with a logging `git` first on its PATH; a no-op otherwise.
#[test]
fn two_hundred_files_child() {
    let Some(root) = std::env::var_os(CHILD_ROOT) else {
        return;
    };
    let root = PathBuf::from(root);
    let files = two_hundred_files();
    let all = receipts(&root, &files, zone()).unwrap();
    assert_eq!(all.by_path.len(), 200);
    for (i, file) in files.iter().enumerate() {
        let expected = match i {
            0..50 => git_receipt("2021-06-02T10:00:00+08:00", &["2021-06-04T10:00:00+08:00"]),
            50..100 => git_receipt("2021-06-02T10:00:00+08:00", &[]),
            _ => git_receipt("2021-06-03T10:00:00+08:00", &[]),
        };
        assert_eq!(all.by_path[file], expected, "{file}");
    }
}

#[test]
fn git_is_run_once_for_the_whole_folder() {
    let repo = Repo::new();
    let files = two_hundred_files();
    for file in &files[..100] {
        repo.write(file, "v1");
    }
    repo.commit_at("2021-06-02T10:00:00+08:00");
    for file in &files[100..] {
        repo.write(file, "v1");
    }
    repo.commit_at("2021-06-03T10:00:00+08:00");
    for file in &files[..50] {
        repo.write(file, "v2");
    }
    repo.commit_at("2021-06-04T10:00:00+08:00");

    let git = common::git::Recorder::new();
    let child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "two_hundred_files_child", "--nocapture"])
        .env("PATH", git.path())
        .env(CHILD_ROOT, &repo.root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&child.stdout);
    assert!(child.status.success(), "{stdout}");
    assert!(stdout.contains("1 passed"), "{stdout}");
    assert_eq!(
        git.subcommands(&["rev-parse", "log", "diff"]),
        ["diff", "log", "rev-parse"]
    );
}

#[test]
fn the_repository_configuration_cannot_change_what_is_read() {
    let repo = Repo::new();
    for setting in [
        "log.showRoot=false",
        "log.showSignature=true",
        "log.follow=true",
        "log.abbrevCommit=true",
        "log.decorate=full",
        "log.diffMerges=separate",
        "diff.relative=true",
        "diff.renames=copies",
        "diff.noprefix=true",
        "color.ui=always",
        "core.quotepath=true",
        "format.pretty=oneline",
    ] {
        let (key, value) = setting.split_once('=').unwrap();
        repo.git(&["config", key, value]);
    }
    // The root commit adds the form: hidden by log.showRoot=false unless asked for.
    repo.write(FORM, "v1")
        .write("submissions/公共室/附件2.xlsx", "v1")
        .commit_at("2021-06-02T16:30:00+08:00");
    repo.rename(FORM, "submissions/党建室/附件1（改）.xlsx")
        .commit_at("2021-06-04T10:00:00+08:00");
    repo.write("submissions/党建室/附件1（改）.xlsx", "v2")
        .commit_at("2021-06-05T10:00:00+08:00");

    let all = repo.receipts();
    assert_eq!(
        all.by_path["submissions/党建室/附件1（改）.xlsx"],
        Receipt {
            moved: Some(Move {
                from: FORM.to_owned(),
                at: t("2021-06-04T10:00:00+08:00"),
            }),
            ..git_receipt("2021-06-02T16:30:00+08:00", &["2021-06-05T10:00:00+08:00"])
        }
    );
    assert_eq!(
        all.by_path["submissions/公共室/附件2.xlsx"],
        git_receipt("2021-06-02T16:30:00+08:00", &[])
    );
    assert_eq!(all.warnings, []);
}
