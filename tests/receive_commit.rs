//! `campaign receive --commit` end to end: one commit per unit in a real
//! git repository, holding that unit's files and ledger entries only.

mod common;

use common::office::{HUANWEI, Run, liaison_without_filler, office};
use common::{liaison_rows, sample_counts, write_xlsx};

#[test]
fn commit_records_one_commit_per_unit() {
    let office = office("");
    let environment = office.progress("环卫中心进展表.xlsx", HUANWEI, &sample_counts());
    let roster = office.download("附件1.xlsx");
    liaison_without_filler(&roster);

    // The README's walkthrough, word for word.
    office.says(
        &[environment.to_str().unwrap(), "--at", "2021-06-27 16:30", "--commit"],
        0,
        &[
            "收到时间：2021年6月27日 16:30（邮件）",
            "环卫中心进展表.xlsx：区环境卫生服务中心 附件3 活动进展情况统计表：按时（截止6月28日），已存为 submissions/区环境卫生服务中心/附件3-环卫中心进展表.xlsx",
            "已提交：区环境卫生服务中心 报送 附件3（邮件，6月27日 16:30）",
        ],
    );

    let run = office.receive(&[
        roster.to_str().unwrap(),
        "--unit",
        "党建室",
        "--via",
        "wechat",
        "--at",
        "2021-06-04 10:00",
        "--commit",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        office.repo.git(&["log", "--format=%s", "-3"]),
        "党建室 报送 附件1（微信，6月4日 10:00）\n区环境卫生服务中心 报送 附件3（邮件，6月27日 16:30）\n2021-05-28T09:00:00+08:00\n"
    );
    assert_eq!(office.repo.git(&["status", "--porcelain"]), "");
    assert_eq!(
        office
            .repo
            .git(&["show", "--name-only", "--format=", "HEAD"]),
        "submissions/received.toml\n\"submissions/\\345\\205\\232\\345\\273\\272\\345\\256\\244/\\351\\231\\204\\344\\273\\2661.xlsx\"\n"
    );
    let first = office
        .repo
        .git(&["show", "HEAD~1:submissions/received.toml"]);
    assert_eq!(first.matches("[[received]]").count(), 1);
    assert_eq!(
        office.repo.git(&["show", "HEAD:submissions/received.toml"]),
        office.ledger()
    );
}

#[test]
fn commit_groups_one_run_by_unit_and_refuses_a_staged_index() {
    let office = office("");
    let downloads = office.downloads.path();
    office.progress("进展表-环卫.xlsx", HUANWEI, &sample_counts());
    office.progress("进展表-党建.xlsx", "党建室", &sample_counts());
    write_xlsx(
        &downloads.join("附件1-区环境卫生服务中心.xlsx"),
        &[("附件1", liaison_rows(HUANWEI, &[("孙八", "13800009012")]))],
    );
    office.repo.write("notes.txt", "草稿");
    office.repo.git(&["add", "notes.txt"]);
    let before = office.tree_hash();
    let run = office.receive(&[
        "--dir",
        downloads.to_str().unwrap(),
        "--at",
        "2021-06-20",
        "--commit",
    ]);
    assert_eq!(
        run,
        Run {
            code: 2,
            stdout: String::new(),
            stderr: "--commit 会把暂存区中的改动一并提交，而暂存区中已有改动：请先提交或撤销暂存（git restore --staged）后重试；本次没有收件。\n".into()
        }
    );
    assert_eq!(office.tree_hash(), before);

    office.repo.git(&["restore", "--staged", "notes.txt"]);
    let run = office.receive(&[
        "--dir",
        downloads.to_str().unwrap(),
        "--at",
        "2021-06-20",
        "--commit",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    // The units in the order their files came (--dir takes them by name).
    assert_eq!(
        office.repo.git(&["log", "--format=%s", "-2"]),
        "区环境卫生服务中心 报送 附件1、附件3（邮件，6月20日 00:00）\n党建室 报送 附件3（邮件，6月20日 00:00）\n"
    );
    // Each commit's ledger holds the entries of the units committed so far.
    let first = office
        .repo
        .git(&["show", "HEAD~1:submissions/received.toml"]);
    assert_eq!(first.matches("[[received]]").count(), 1);
    assert!(!first.contains(HUANWEI), "{first}");
    assert_eq!(
        office.repo.git(&["show", "HEAD:submissions/received.toml"]),
        office.ledger()
    );
    assert_eq!(
        office.repo.git(&["status", "--porcelain"]),
        "?? notes.txt\n"
    );
}
