//! The safety rules, each proved on a campaign repository with every kind
//! of file: what the units sent is never changed by a command that reads,
//! only added to by the commands that file; file names never become git
//! options; names in campaign.toml never lead outside; a panic while reading
//! one file costs only that file, whether the spreadsheet library or the tool
//! itself panicked.

mod common;

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use common::git::Repo;
use common::run::{LIAISON, campaign_repo, liaison};
use common::scene::{AS_OF, scene};
use common::tree::{only_added, tree};

fn campaign(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(dir)
        .env("CAMPAIGN_STAMP_NOW", "2021-06-10T10:00:00+08:00")
        .args(args)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn no_command_that_reads_changes_anything_under_submissions() {
    let repo = scene();
    let submissions = repo.root.join("submissions");
    let before = tree(&submissions);
    assert!(before.len() > 40, "the scene has every kind of file");
    let runs: [(&[&str], i32); 10] = [
        (&["check", "--as-of", AS_OF], 1),
        (&["check", "--as-of", AS_OF, "--format", "json"], 1),
        (
            &[
                "check",
                "--as-of",
                AS_OF,
                "--format",
                "html",
                "--out",
                "页面.html",
            ],
            1,
        ),
        (&["merge", "--as-of", AS_OF], 0),
        (&["explain", "submissions/园林绿化室/附件1.xlsx"], 1),
        (&["explain", "submissions/杂项 | 旧表<备份>.zip"], 1),
        (&["templates"], 0),
        (&["remind", "--as-of", AS_OF], 0),
        (&["remind", "--as-of", AS_OF, "--out", "催报"], 0),
        (&[], 0),
    ];
    for (args, code) in runs {
        let output = campaign(&repo.root, args);
        assert_eq!(
            output.status.code(),
            Some(code),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(tree(&submissions), before, "campaign {args:?}");
    }
}

#[test]
fn receive_and_stamp_only_add() {
    let repo = scene();
    repo.commit_at("2021-06-09T11:00:00+08:00");
    let submissions = repo.root.join("submissions");
    let ledger = || std::fs::read(submissions.join("received.toml")).unwrap();

    let before = tree(&submissions);
    let old_ledger = ledger();
    liaison(&repo, "下载/公共室联络员.xlsx", "公共室");
    let received = campaign(
        &repo.root,
        &[
            "receive",
            "下载/公共室联络员.xlsx",
            "--at",
            "2021-06-09T11:30",
        ],
    );
    assert_eq!(received.status.code(), Some(0), "{}", stderr(&received));
    let after = tree(&submissions);
    only_added(&before, &after, &["received.toml"]);
    assert!(ledger().starts_with(&old_ledger) && ledger() != old_ledger);
    assert_eq!(after.len(), before.len() + 1, "the form, and nothing else");

    let before = after;
    let old_ledger = ledger();
    let stamped = campaign(&repo.root, &["stamp"]);
    assert_eq!(stamped.status.code(), Some(0), "{}", stderr(&stamped));
    let after = tree(&submissions);
    only_added(&before, &after, &["received.toml"]);
    assert!(ledger().starts_with(&old_ledger) && ledger() != old_ledger);
    assert_eq!(after.len(), before.len());
}

#[test]
fn file_names_are_never_taken_for_git_options() {
    let repo = campaign_repo("");
    for name in ["--output=x.xlsx", "-rf.xlsx"] {
        liaison(&repo, &format!("submissions/党建室/{name}"), "党建室");
    }
    repo.commit_at("2021-06-02T10:00:00+08:00");
    liaison(&repo, "submissions/公共室/--output=y.xlsx", "公共室");

    let checked = campaign(
        &repo.root,
        &["check", "--format", "json", "--as-of", "2021-06-30"],
    );
    let json: serde_json::Value = serde_json::from_slice(&checked.stdout).unwrap();
    let result = common::run::result(&json, "党建室", "liaison", None);
    assert_eq!(result["received"], "2021-06-02T10:00:00+08:00", "{result}");
    assert_eq!(result["received_via"], "git");
    assert_eq!(
        result["files"],
        serde_json::json!([
            "submissions/党建室/--output=x.xlsx",
            "submissions/党建室/-rf.xlsx"
        ])
    );

    let stamped = campaign(&repo.root, &["stamp"]);
    assert_eq!(stamped.status.code(), Some(0), "{}", stderr(&stamped));
    let ledger = std::fs::read_to_string(repo.root.join("submissions/received.toml")).unwrap();
    assert!(
        ledger.contains("path = \"submissions/公共室/--output=y.xlsx\""),
        "{ledger}"
    );

    std::fs::create_dir(repo.root.join("下载")).unwrap();
    liaison(&repo, "下载/--output=z.xlsx", "区城市照明管理所");
    let received = campaign(&repo.root, &["receive", "--dir", "下载", "--commit"]);
    assert_eq!(received.status.code(), Some(0), "{}", stderr(&received));
    let committed = repo.git(&[
        "-c",
        "core.quotepath=off",
        "show",
        "--name-only",
        "--format=",
        "HEAD",
    ]);
    assert_eq!(
        committed,
        "submissions/received.toml\nsubmissions/区城市照明管理所/附件1---output=z.xlsx\n"
    );
    for stray in ["x.xlsx", "y.xlsx", "z.xlsx", "rf.xlsx"] {
        assert!(!repo.root.join(stray).exists(), "{stray}");
    }
}

#[test]
fn names_in_campaign_toml_cannot_lead_outside() {
    let dir = tempfile::tempdir().unwrap();
    let toml = campaign::definition::DEFAULT_TOML
        .replacen("name = \"党建室\"", "name = \"../党建室\"", 1)
        .replacen("aliases = [\"环卫中心\"]", "aliases = [\"环卫/中心\"]", 1);
    assert_ne!(toml, campaign::definition::DEFAULT_TOML);
    std::fs::write(dir.path().join("campaign.toml"), &toml).unwrap();
    let output = campaign(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    for expected in [
        "units[0].name：名称或简称“../党建室”不能用作文件夹或文件的名称：不能含 / 或 \\，也不能是 . 或 ..（单位的文件夹和催报文件以它命名）",
        "aliases[0]：名称或简称“环卫/中心”不能用作文件夹或文件的名称",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
}

#[test]
fn ledger_paths_outside_submissions_are_refused_and_never_read() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-05T10:00:00+08:00");
    std::fs::create_dir_all(repo.root.join("外面")).unwrap();
    std::os::unix::fs::symlink(repo.root.join("外面"), repo.root.join("submissions/公共室"))
        .unwrap();
    liaison(&repo, "外面/附件1.xlsx", "公共室");
    let absolute = repo.root.join(LIAISON);
    repo.write(
        "submissions/received.toml",
        &format!(
            "[[received]]\npath = \"submissions/../{LIAISON}\"\nat = 2021-06-01T09:00:00+08:00\nvia = \"email\"\n\n[[received]]\npath = \"{}\"\nat = 2021-06-01T09:00:00+08:00\nvia = \"email\"\n",
            absolute.display()
        ),
    );
    let json = common::run::check_json(&repo, "2021-06-30");
    let (status, received, via) = common::run::seen(&json, "党建室", "liaison");
    assert_eq!(
        (status.as_str(), received.as_str(), via.as_str()),
        ("late", Some("2021-06-05T10:00:00+08:00"), Some("git")),
        "no entry outside submissions/ dates the file"
    );
    let ledger: Vec<&str> = json["unassigned"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["file"] == "submissions/received.toml")
        .map(|u| u["reason"].as_str().unwrap())
        .collect();
    assert_eq!(ledger.len(), 2, "{ledger:?}");
    assert_eq!(
        common::run::seen(&json, "公共室", "liaison").0,
        "missing",
        "a folder that is a link out of the campaign is not read"
    );
}

#[test]
fn a_panic_of_the_spreadsheet_library_makes_only_that_file_damaged() {
    let repo: Repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    // A cell reference too long for any sheet: calamine's arithmetic on it
    // overflows, which panics in the test build.
    liaison(&repo, "submissions/公共室/附件1.xlsx", "公共室");
    rewrite_part(
        &repo.root.join("submissions/公共室/附件1.xlsx"),
        "xl/worksheets/sheet1.xml",
        |xml| xml.replacen("<c r=\"A1\"", "<c r=\"A99999999999\"", 1),
    );
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let output = campaign(
        &repo.root,
        &["check", "--format", "json", "--as-of", "2021-06-30"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "", "no panic message reaches the user");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(common::run::seen(&json, "党建室", "liaison").0, "ok");
    let broken = common::run::result(&json, "公共室", "liaison", None);
    assert_eq!(broken["status"], "invalid");
    assert_eq!(
        broken["errors"][0]["message"],
        "文件已损坏或不完整，无法读取：文件结构异常，读取时出错，请用 Excel 或 WPS 打开确认后重新保存、重新提交"
    );
}

/// The message of a defect that struck while `name` was read, in Chinese
/// and English, split where the place in the source goes (its line changes
/// as the reader does).
fn internal_error(name: &str, rel: &str) -> [(String, String); 2] {
    let detail = format!("CAMPAIGN_PANIC_READING names {rel} (src/read/mod.rs:");
    [
        (
            format!(
                "读取文件“{name}”时 campaign 程序本身出错，未能读完（这是本工具的缺陷，不是文件的问题）；请把这个文件和这条消息发给维护 campaign 的人员，以便修复（技术细节：{detail}"
            ),
            ")）".to_owned(),
        ),
        (
            format!(
                "campaign itself failed while reading the file “{name}” and could not finish (a defect of the tool, not a fault of the file); please send this file and this message to whoever maintains campaign so that it can be fixed (technical detail: {detail}"
            ),
            "))".to_owned(),
        ),
    ]
}

/// Asserts that `text` holds `expected`: its two halves with a line number between.
fn holds_internal_error(text: &str, (head, tail): &(String, String)) {
    let at = text
        .find(head.as_str())
        .unwrap_or_else(|| panic!("{head}\n{text}"));
    let rest = &text[at + head.len()..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    assert!(
        digits > 0 && rest[digits..].starts_with(tail.as_str()),
        "{head}…{tail}\n{text}"
    );
}

#[test]
fn a_defect_of_the_tool_while_reading_one_file_costs_only_that_file() {
    let repo: Repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    let broken = "submissions/公共室/附件1-联络员表.xlsx";
    liaison(&repo, broken, "公共室");
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let run = |args: &[&str]| {
        Command::cargo_bin("campaign")
            .unwrap()
            .current_dir(&repo.root)
            .env("CAMPAIGN_PANIC_READING", broken)
            .args(args)
            .output()
            .unwrap()
    };
    let [zh, en] = internal_error("附件1-联络员表.xlsx", broken);

    let output = run(&common::run::CHECK_INVALID);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "no panic message reaches the user");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(common::run::seen(&json, "党建室", "liaison").0, "ok");
    let result = common::run::result(&json, "公共室", "liaison", None);
    assert_eq!(result["status"], "invalid", "{result}");
    assert_eq!(result["files"], serde_json::json!([broken]));
    let errors = result["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{result}");
    assert_eq!(
        (&errors[0]["file"], &errors[0]["sheet"], &errors[0]["cell"]),
        (
            &serde_json::json!(broken),
            &serde_json::Value::Null,
            &serde_json::Value::Null
        )
    );
    holds_internal_error(errors[0]["message"].as_str().unwrap(), &zh);
    assert_eq!(json["summary"]["invalid"], 1, "only this file's report");

    let explained = run(&["--lang", "en", "explain", broken]);
    assert_eq!(explained.status.code(), Some(1), "{}", stderr(&explained));
    assert_eq!(stderr(&explained), "");
    holds_internal_error(&String::from_utf8(explained.stdout).unwrap(), &en);
}

/// Rewrites one part of a zip (an xlsx) through `edit`.
fn rewrite_part(path: &Path, part: &str, edit: impl Fn(&str) -> String) {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == part {
            let edited = edit(std::str::from_utf8(&bytes).unwrap());
            assert_ne!(edited.as_bytes(), bytes, "{part} was edited");
            bytes = edited.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    let bytes = out.finish().unwrap().into_inner();
    std::fs::write(path, bytes).unwrap();
}

/// What `campaign check --as-of 2021-06-30 --format FORMAT` prints, with
/// nothing on standard error.
fn checked(repo: &Repo, format: &str) -> String {
    let output = campaign(
        &repo.root,
        &["check", "--as-of", "2021-06-30", "--format", format],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "",
        "{format}: said in the output, not beside it"
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Asserts that check's table holds `table` and its Markdown `markdown`;
/// returns its JSON.
fn shown(repo: &Repo, table: &str, markdown: &str) -> serde_json::Value {
    for (format, expected) in [("table", table), ("markdown", markdown)] {
        let text = checked(repo, format);
        assert!(text.contains(expected), "{format}: {expected}\n{text}");
    }
    serde_json::from_str(&checked(repo, "json")).unwrap()
}

#[test]
fn a_doubtful_commit_time_is_shown_in_every_format() {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_dated("2021-05-30T10:00:00+08:00", "2021-06-02T10:00:00+08:00");
    let commit = repo.head();
    let zh = format!(
        "提交 {} 的作者时间 2021年5月30日 10:00:00 与提交时间 2021年6月2日 10:00:00 相差超过一天（变基、拣选或时钟有误都会如此）；收到时间按提交时间计",
        campaign::git::short(&commit)
    );
    let heading = "提交时间存疑（由这些提交得出的收到时间未必可信）";
    let json = shown(
        &repo,
        &format!("\n{heading}（1）\n  {zh}\n"),
        &format!("{heading}\n\n- {zh}\n"),
    );
    assert_eq!(
        json["history_warnings"],
        serde_json::json!([{ "commit": commit, "message": zh }])
    );
    let merged = campaign(&repo.root, &["merge", "--as-of", "2021-06-30"]);
    assert_eq!(
        stderr(&merged),
        format!("注意：{zh}\n"),
        "merge says it beside"
    );
}

#[test]
fn a_hidden_sheet_that_was_skipped_is_shown_in_every_format() {
    let repo = campaign_repo("");
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in [
        (
            "附件1",
            common::liaison_rows("党建室", &[("赵六", "13800001234")]),
        ),
        ("隐藏的表", vec![vec![common::s("另一份名单")]]),
    ] {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    common::C::S(text) => drop(sheet.write_string(r as u32, c as u16, text)),
                    common::C::N(value) => drop(sheet.write_number(r as u32, c as u16, *value)),
                    _ => {}
                }
            }
        }
        if name == "隐藏的表" {
            sheet.set_hidden(true);
        }
    }
    std::fs::create_dir_all(repo.root.join("submissions/党建室")).unwrap();
    book.save(repo.root.join(LIAISON)).unwrap();
    repo.commit_at("2021-06-02T10:00:00+08:00");
    let message = "这张工作表是隐藏的，未读取；如其中有要报送的内容，请取消隐藏后重新报送";
    let json = shown(
        &repo,
        &format!("\n  提醒 隐藏的表 {message}\n"),
        &format!("  - 提醒 隐藏的表 {message}\n"),
    );
    let result = common::run::result(&json, "党建室", "liaison", None);
    assert_eq!(
        result["status"], "ok",
        "a warning does not make the form invalid"
    );
    assert_eq!(result["errors"], serde_json::json!([]));
    assert_eq!(
        json["warnings"],
        serde_json::json!([{ "file": LIAISON, "sheet": "隐藏的表", "cell": null, "message": message }])
    );
}
