//! `campaign stamp` end to end (SPEC §5, §6): a bare repository as the shared
//! remote, units that commit with lying clocks, a CI clone that stamps at a
//! chosen time and pushes the ledger back, and `check` believing the stamps.

mod common;

use assert_cmd::Command;
use serde_json::Value;

use campaign::receipt::{Receipts, Sha256};
use chrono::{DateTime, FixedOffset};
use common::git::Repo;
use common::run::{LIAISON, campaign_repo, check_json, check_output, liaison, seen};
use common::write_xlsx;

const LEDGER: &str = "submissions/received.toml";

/// The clock `campaign stamp` reads in tests.
const CLOCK: &str = "CAMPAIGN_STAMP_NOW";

/// What one run of `campaign stamp` did.
#[derive(Debug, PartialEq, Eq)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `campaign stamp ARGS` in `repo` with the clock at `now`.
fn stamp(repo: &Repo, now: &str, args: &[&str]) -> Run {
    let output = Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(&repo.root)
        .env(CLOCK, now)
        .arg("stamp")
        .args(args)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// A run that exited 0 having printed `stdout` and nothing on standard error.
fn printed(stdout: &str) -> Run {
    Run {
        code: 0,
        stdout: stdout.to_owned(),
        stderr: String::new(),
    }
}

/// A run that exited 2 having printed `stderr` only.
fn refused(stderr: &str) -> Run {
    Run {
        code: 2,
        stdout: String::new(),
        stderr: stderr.to_owned(),
    }
}

/// The shared repository, holding the default campaign as the office pushed it.
fn shared() -> Repo {
    let remote = Repo::bare();
    let office = campaign_repo("");
    office.git(&["remote", "add", "origin", remote.top.to_str().unwrap()]);
    office.git(&["push", "-q", "origin", "main"]);
    remote
}

fn push(repo: &Repo) {
    repo.git(&["push", "-q", "origin", "main"]);
}

fn pull(repo: &Repo) {
    repo.git(&["pull", "-q", "--ff-only", "origin", "main"]);
}

fn ledger(repo: &Repo) -> String {
    std::fs::read_to_string(repo.root.join(LEDGER)).unwrap()
}

fn sha256(repo: &Repo, rel: &str) -> String {
    Sha256::of(&std::fs::read(repo.root.join(rel)).unwrap())
        .as_str()
        .to_owned()
}

fn t(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// The receipts of every file of `repo`, as check learns them.
fn receipts(repo: &Repo) -> Receipts {
    let files: Vec<String> = campaign::discover::discover(&repo.root)
        .unwrap()
        .into_iter()
        .map(|found| found.rel)
        .collect();
    campaign::receipt::receipts(&repo.root, &files, FixedOffset::east_opt(8 * 3600).unwrap())
        .unwrap()
}

fn ledger_seen(status: &str, at: &str) -> (String, Value, Value) {
    (status.to_owned(), Value::from(at), Value::from("ledger"))
}

fn git_seen(status: &str, at: &str) -> (String, Value, Value) {
    (status.to_owned(), Value::from(at), Value::from("git"))
}

/// The first line of `[stamp]` as the first run writes it, and its comment.
fn start_table(commit: &str, at: &str) -> String {
    format!(
        "# campaign stamp 自此登记新到文件的收到时间；commit 所指提交中已有的文件仍按提交时间计。\n\
         # campaign stamp records arrivals from here on; files already in this commit keep their commit times.\n\
         [stamp]\ncommit = \"{commit}\"\nat = {at}\n"
    )
}

fn entry(path: &str, at: &str, sha256: &str) -> String {
    format!("[[received]]\npath = \"{path}\"\nat = {at}\nvia = \"ci\"\nsha256 = \"{sha256}\"\n")
}

fn started(commit: &str, existing: usize) -> String {
    format!(
        "开始登记收到时间：提交 {} 中已有的 {existing} 个文件仍按提交时间计\n",
        campaign::git::short(commit)
    )
}

// ── The whole round: units, remote, CI ───────────────────────────────────

/// CI's turn: pull, stamp at `now`, commit the ledger and push it back.
fn ci_turn(ci: &Repo, now: &str, args: &[&str]) -> Run {
    pull(ci);
    let run = stamp(ci, now, args);
    ci.commit_at(now);
    push(ci);
    run
}

/// A unit's turn: pull, commit what it wrote with its clock at `clock`, push.
fn unit_turn(unit: &Repo, clock: &str, write: impl FnOnce(&Repo)) {
    pull(unit);
    write(unit);
    unit.commit_at(clock);
    push(unit);
}

/// The line of `unit` in check's table.
fn table_row(repo: &Repo, unit: &str) -> String {
    let table = check_output(repo, &["--as-of", "2021-06-30"]);
    let row = table.lines().find(|line| line.contains(unit)).unwrap();
    row.to_owned()
}

#[test]
fn a_backdated_commit_is_received_when_ci_stamped_it() {
    let remote = shared();
    let ci = Repo::clone_of(&remote);
    let start = ci.head();
    assert_eq!(
        ci_turn(&ci, "2021-06-01T08:00:00+08:00", &[]),
        printed(&started(&start, 0))
    );

    // The unit's clock says June 2; it pushes on June 5.
    let unit = Repo::clone_of(&remote);
    unit_turn(&unit, "2021-06-02T10:00:00+08:00", |unit| {
        liaison(unit, LIAISON, "党建室")
    });
    assert_eq!(
        seen(&check_json(&unit, "2021-06-30"), "党建室", "liaison"),
        git_seen("ok", "2021-06-02T10:00:00+08:00"),
        "without a stamp the commit time is believed"
    );
    assert_eq!(
        ci_turn(&ci, "2021-06-05T10:00:00+08:00", &[]),
        printed(&format!("已登记 {LIAISON}：2021年6月5日 10:00:00 收到\n"))
    );
    let written = format!(
        "{}\n{}",
        start_table(&start, "2021-06-01T08:00:00+08:00"),
        entry(LIAISON, "2021-06-05T10:00:00+08:00", &sha256(&ci, LIAISON))
    );
    assert_eq!(ledger(&ci), written);
    // Nothing new: the second run in a row adds nothing and says nothing.
    assert_eq!(stamp(&ci, "2021-06-05T10:05:00+08:00", &[]), printed(""));
    assert_eq!(ledger(&ci), written);

    let office = Repo::clone_of(&remote);
    assert_eq!(
        seen(&check_json(&office, "2021-06-30"), "党建室", "liaison"),
        ledger_seen("late", "2021-06-05T10:00:00+08:00")
    );
    let row = table_row(&office, "党建室");
    assert!(row.contains("逾期1天"), "{row}");
}

#[test]
fn a_new_version_gets_its_own_entry_and_dates_the_revision() {
    let remote = shared();
    let ci = Repo::clone_of(&remote);
    ci_turn(&ci, "2021-06-01T08:00:00+08:00", &[]);
    let unit = Repo::clone_of(&remote);
    unit_turn(&unit, "2021-06-03T09:00:00+08:00", |unit| {
        liaison(unit, LIAISON, "党建室")
    });
    ci_turn(&ci, "2021-06-03T09:10:00+08:00", &[]);

    // A correction on June 8, committed with a clock set to June 3.
    unit_turn(&unit, "2021-06-03T12:00:00+08:00", |unit| {
        let rows = common::liaison_rows("党建室", &[("钱七", "13800005678")]);
        write_xlsx(&unit.root.join(LIAISON), &[("附件1", rows)]);
    });
    assert_eq!(
        ci_turn(&ci, "2021-06-08T10:00:00+08:00", &["--lang", "en"]),
        printed(&format!(
            "recorded a new version of {LIAISON}: received 2021-06-08T10:00:00+08:00\n"
        ))
    );
    let text = ledger(&ci);
    assert!(
        text.ends_with(&format!(
            "\n\n{}",
            entry(LIAISON, "2021-06-08T10:00:00+08:00", &sha256(&ci, LIAISON))
        )),
        "{text}"
    );
    assert_eq!(stamp(&ci, "2021-06-08T10:05:00+08:00", &[]), printed(""));

    // Received on time at the first stamp; revised at the second.
    assert_eq!(
        seen(&check_json(&ci, "2021-06-30"), "党建室", "liaison"),
        ledger_seen("ok", "2021-06-03T09:10:00+08:00")
    );
    let row = table_row(&ci, "党建室");
    assert!(row.contains("按时↻"), "{row}");
    let receipt = &receipts(&ci).by_path[LIAISON];
    assert_eq!(receipt.changes, [t("2021-06-08T10:00:00+08:00")]);
}

// ── Adopting stamp in the middle of a campaign ──────────────────────────

#[test]
fn adopting_stamp_mid_campaign_changes_no_verdict() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-02T09:00:00+08:00");
    liaison(&repo, "submissions/附件1-公共室.xlsx", "公共室");
    repo.commit_at("2021-06-04T09:00:00+08:00");
    let before = check_json(&repo, "2021-06-30");
    assert_eq!(
        seen(&before, "公共室", "liaison"),
        git_seen("late", "2021-06-04T09:00:00+08:00")
    );

    let start = repo.head();
    assert_eq!(
        stamp(&repo, "2021-06-10T08:00:00+08:00", &[]),
        printed(&started(&start, 2))
    );
    assert_eq!(
        ledger(&repo),
        start_table(&start, "2021-06-10T08:00:00+08:00")
    );
    repo.commit_at("2021-06-10T08:00:05+08:00");

    // After the first run: an old file moved into its unit's folder, and a
    // new one committed with a clock set before the stamp began.
    std::fs::create_dir_all(repo.root.join("submissions/公共室")).unwrap();
    repo.rename(
        "submissions/附件1-公共室.xlsx",
        "submissions/公共室/附件1-公共室.xlsx",
    );
    let new = "submissions/安全监管室/附件1-联络员表.xlsx";
    liaison(&repo, new, "安全监管室");
    repo.commit_at("2021-06-03T09:00:00+08:00");
    assert_eq!(
        stamp(&repo, "2021-06-12T08:00:00+08:00", &[]),
        printed(&format!("已登记 {new}：2021年6月12日 08:00:00 收到\n"))
    );

    let after = check_json(&repo, "2021-06-30");
    for unit in ["党建室", "公共室"] {
        assert_eq!(
            seen(&after, unit, "liaison"),
            seen(&before, unit, "liaison"),
            "{unit}"
        );
    }
    assert_eq!(
        seen(&after, "安全监管室", "liaison"),
        ledger_seen("late", "2021-06-12T08:00:00+08:00")
    );
    assert_eq!(after["unassigned"], serde_json::json!([]));
}

#[test]
fn a_file_with_a_hand_written_entry_is_left_to_the_clerk() {
    let repo = campaign_repo("");
    let start = repo.head();
    stamp(&repo, "2021-06-01T08:00:00+08:00", &[]);
    liaison(&repo, LIAISON, "党建室");
    let by_hand = format!(
        "{}\n[[received]]\npath = \"{LIAISON}\"\nat = 2021-06-02T09:15:00+08:00\nvia = \"email\"\n",
        start_table(&start, "2021-06-01T08:00:00+08:00")
    );
    repo.write(LEDGER, &by_hand);
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let rows = common::liaison_rows("党建室", &[("钱七", "13800005678")]);
    write_xlsx(&repo.root.join(LIAISON), &[("附件1", rows)]);
    repo.commit_at("2021-06-04T10:00:00+08:00");

    assert_eq!(stamp(&repo, "2021-06-05T10:00:00+08:00", &[]), printed(""));
    assert_eq!(ledger(&repo), by_hand);
}

#[test]
fn a_stamped_file_moved_keeps_its_entry_and_one_moved_and_edited_gets_another() {
    let repo = campaign_repo("");
    stamp(&repo, "2021-06-01T08:00:00+08:00", &[]);
    let folder = "submissions/党建室/重点活动/应急演练进社区";
    let notes: String = (1..=20).map(|i| format!("第{i}项：演练记录\n")).collect();
    repo.write(&format!("{folder}/记录.txt"), &notes);
    repo.write(
        &format!("{folder}/签到.txt"),
        &notes.replace("演练记录", "签到"),
    );
    repo.commit_at("2021-06-02T09:00:00+08:00");
    stamp(&repo, "2021-06-02T09:10:00+08:00", &[]);
    repo.commit_at("2021-06-02T09:10:05+08:00");

    repo.rename(
        &format!("{folder}/记录.txt"),
        &format!("{folder}/演练记录.txt"),
    );
    let edited = format!("{folder}/签到表.txt");
    repo.rename(&format!("{folder}/签到.txt"), &edited);
    repo.write(
        &edited,
        &notes
            .replace("演练记录", "签到")
            .replace("第20项", "第二十项"),
    );
    repo.commit_at("2021-06-03T09:00:00+08:00");

    assert_eq!(
        stamp(&repo, "2021-06-03T09:10:00+08:00", &[]),
        printed(&format!(
            "已登记 {edited} 的新版本：2021年6月3日 09:10:00 收到\n"
        ))
    );
    let receipts = receipts(&repo);
    let dated = |rel: &str| {
        let receipt = &receipts.by_path[rel];
        (receipt.first, receipt.changes.clone())
    };
    assert_eq!(
        dated(&format!("{folder}/演练记录.txt")),
        (t("2021-06-02T09:10:00+08:00"), vec![])
    );
    assert_eq!(
        dated(&edited),
        (
            t("2021-06-02T09:10:00+08:00"),
            vec![t("2021-06-03T09:10:00+08:00")]
        )
    );
    assert_eq!(receipts.ledger_problems, []);
}

// ── The ledger as the clerk wrote it ─────────────────────────────────────

#[test]
fn comments_and_layout_of_an_existing_ledger_survive_byte_for_byte() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    // Saved by Notepad on Windows: a byte-order mark, CRLF line endings, no
    // newline at the end; comments everywhere and a layout of its own.
    let by_hand = "\u{feff}# 收件登记（手工）\r\n\r\n[[received]]   # 王五收到的邮件\r\npath='submissions/党建室/附件1-联络员表.xlsx'\r\n  at=2021-06-02 09:15:00+08:00\r\nvia = \"email\"\r\n# 以下由 CI 登记";
    repo.write(LEDGER, by_hand);
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let start = repo.head();
    stamp(&repo, "2021-06-02T10:10:00+08:00", &[]);
    let new = "submissions/公共室/附件1-联络员表.xlsx";
    liaison(&repo, new, "公共室");
    repo.commit_at("2021-06-02T11:00:00+08:00");
    stamp(&repo, "2021-06-02T11:10:00+08:00", &[]);

    let added = format!(
        "\n\n{}\n{}",
        start_table(&start, "2021-06-02T10:10:00+08:00"),
        entry(new, "2021-06-02T11:10:00+08:00", &sha256(&repo, new))
    )
    .replace('\n', "\r\n");
    assert_eq!(ledger(&repo), format!("{by_hand}{added}"));
    let json = check_json(&repo, "2021-06-30");
    assert_eq!(
        seen(&json, "党建室", "liaison"),
        ledger_seen("ok", "2021-06-02T09:15:00+08:00")
    );
    assert_eq!(
        seen(&json, "公共室", "liaison"),
        ledger_seen("ok", "2021-06-02T11:10:00+08:00")
    );
    assert_eq!(
        json["unassigned"],
        serde_json::json!([]),
        "no ledger problem"
    );
}

#[test]
fn a_ledger_that_does_not_parse_is_not_touched() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    let broken =
        format!("# 收件登记\n\n[[received]]\npath = \"{LIAISON}\nat = 2021-06-02T09:15:00+08:00\n");
    repo.write(LEDGER, &broken);
    repo.commit_at("2021-06-02T10:00:00+08:00");

    assert_eq!(
        stamp(&repo, "2021-06-05T10:00:00+08:00", &[]),
        refused(
            "submissions/received.toml 第 4 行：不是有效的 TOML（invalid basic string, expected `\"`）\n\
             收件登记有误时不能在其后追加：本次没有登记任何文件，收件登记未作改动。请改正后重试。\n"
        )
    );
    assert_eq!(
        stamp(&repo, "2021-06-05T10:00:00+08:00", &["--lang", "en"]),
        refused(
            "submissions/received.toml, line 4: not valid TOML (invalid basic string, expected `\"`)\n\
             nothing can be appended to the ledger while it is broken: nothing was recorded and the ledger was left as it was. Correct it and try again.\n"
        )
    );
    assert_eq!(ledger(&repo), broken);
}

#[test]
fn a_stamp_table_that_cannot_say_where_stamping_started_stops_it() {
    let repo = campaign_repo("");
    repo.write(LEDGER, "[stamp]\nat = 2021-06-01T08:00:00+08:00\n");
    assert_eq!(
        stamp(&repo, "2021-06-05T10:00:00+08:00", &[]),
        refused(
            "submissions/received.toml 第 1 行：[stamp] 缺少 commit；改正之前 campaign stamp 无法知道从哪里开始登记，不会登记任何文件\n\
             收件登记有误时不能在其后追加：本次没有登记任何文件，收件登记未作改动。请改正后重试。\n"
        )
    );

    let gone = "0123456789abcdef0123456789abcdef01234567";
    let ledger_text = format!("[stamp]\ncommit = \"{gone}\"\nat = 2021-06-01T08:00:00+08:00\n");
    repo.write(LEDGER, &ledger_text);
    assert_eq!(
        stamp(&repo, "2021-06-05T10:00:00+08:00", &["--lang", "en"]),
        refused(&format!(
            "[stamp] in submissions/received.toml says campaign stamp started at commit {gone}, which this repository does not have (was the history rewritten?). Set commit to the commit stamping started at and try again; nothing was recorded.\n"
        ))
    );
    assert_eq!(ledger(&repo), ledger_text);
}

// ── Where stamp cannot run ───────────────────────────────────────────────

#[test]
fn stamp_needs_a_repository_with_its_whole_history() {
    let plain = Repo::plain();
    plain.write("campaign.toml", campaign::definition::DEFAULT_TOML);
    liaison(&plain, LIAISON, "党建室");
    assert_eq!(
        stamp(&plain, "2021-06-05T10:00:00+08:00", &[]),
        refused(
            "campaign stamp 只能在已有提交的 git 仓库中运行：它登记的是文件何时到达共享仓库，而这里还没有任何提交。\n"
        )
    );
    assert!(!plain.root.join(LEDGER).exists());

    let remote = shared();
    let shallow = Repo::plain();
    let url = format!("file://{}", remote.top.display());
    shallow.git(&["clone", "-q", "--depth", "1", &url, "."]);
    let run = stamp(&shallow, "2021-06-05T10:00:00+08:00", &["--lang", "en"]);
    assert_eq!(
        run,
        refused(
            "the repository is a shallow clone (only part of its history), so receipt times cannot be known exactly; fetch the full history (git fetch --unshallow, or set fetch-depth: 0 in CI) and try again\n"
        )
    );
}
