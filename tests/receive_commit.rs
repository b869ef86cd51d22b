//! `campaign receive --commit` end to end: one commit per unit in a real
//! git repository, holding that unit's files and ledger entries only.

mod common;

use common::office::{
    HUANWEI, LEDGER, Run, entry, liaison_without_filler, office, office_with_plan, sha256,
};
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

#[test]
fn commit_stages_exactly_the_files_received_whatever_their_names() {
    let office = office_with_plan();
    let folder = "submissions/区环境卫生服务中心/重点活动/应急演练进社区";
    // Files lying there already, not received and not to be committed;
    // read as patterns, the names received would take them in.
    for stray in ["现场1.jpg", "a.jpg"] {
        office.repo.write(&format!("{folder}/{stray}"), "stray");
    }
    let photos: Vec<String> = ["现场[1].jpg", "[a].jpg", "-rf.jpg"]
        .iter()
        .map(|name| {
            let path = office.save(name, format!("photo {name}"));
            path.to_str().unwrap().to_owned()
        })
        .collect();
    let mut args: Vec<&str> = photos.iter().map(String::as_str).collect();
    args.extend([
        "--unit",
        "环卫中心",
        "--activity",
        "应急演练进社区",
        "--at",
        "2021-06-12 09:00",
        "--commit",
    ]);
    let run = office.receive(&args);
    assert_eq!(run.code, 0, "{run:?}");

    assert_eq!(
        office.git(&["show", "--name-only", "--format=%s", "HEAD"]),
        format!(
            "区环境卫生服务中心 报送 活动资料“应急演练进社区”（邮件，6月12日 09:00）\n\n\
             submissions/received.toml\n{folder}/-rf.jpg\n{folder}/[a].jpg\n{folder}/现场[1].jpg\n"
        )
    );
    assert_eq!(
        office.git(&["status", "--porcelain"]),
        format!("?? {folder}/a.jpg\n?? {folder}/现场1.jpg\n")
    );
}

#[test]
fn each_commit_adds_only_its_unit_s_entries_to_the_ledger() {
    let office = office("");
    // An earlier run, not committed: its entry stays out of this run's commits.
    let earlier = office.download("附件1-公共室.xlsx");
    write_xlsx(
        &earlier,
        &[("附件1", liaison_rows("公共室", &[("钱七", "13800005678")]))],
    );
    let run = office.receive(&[earlier.to_str().unwrap(), "--at", "2021-06-02 10:00"]);
    assert_eq!(run.code, 0, "{run:?}");
    let uncommitted = office.ledger();

    let huanwei = office.progress("进展表-环卫.xlsx", HUANWEI, &sample_counts());
    let dangjian = office.progress("进展表-党建.xlsx", "党建室", &sample_counts());
    let run = office.receive(&[
        huanwei.to_str().unwrap(),
        dangjian.to_str().unwrap(),
        "--at",
        "2021-06-20 10:00",
        "--commit",
    ]);
    assert_eq!(run.code, 0, "{run:?}");

    let at = "2021-06-20T10:00:00+08:00";
    let huanwei_entry = entry(
        "submissions/区环境卫生服务中心/附件3-进展表-环卫.xlsx",
        at,
        "email",
        "进展表-环卫.xlsx",
        &sha256(&huanwei),
    );
    let dangjian_entry = entry(
        "submissions/党建室/附件3-进展表-党建.xlsx",
        at,
        "email",
        "进展表-党建.xlsx",
        &sha256(&dangjian),
    );
    let ledger_at = |commit: &str| office.git(&["show", &format!("{commit}:{LEDGER}")]);
    assert_eq!(ledger_at("HEAD~1"), huanwei_entry);
    assert_eq!(
        ledger_at("HEAD"),
        format!("{huanwei_entry}\n{dangjian_entry}")
    );
    // The work tree's ledger holds every entry, the uncommitted one first.
    assert_eq!(
        office.ledger(),
        format!("{uncommitted}\n{huanwei_entry}\n{dangjian_entry}")
    );
    assert_eq!(
        office.git(&["status", "--porcelain"]),
        " M submissions/received.toml\n?? submissions/公共室/附件1-公共室.xlsx\n"
    );
}
