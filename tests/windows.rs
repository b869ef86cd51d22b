//! What a clerk's Windows computer does differently, tested here through the
//! same code paths: a workbook open in Excel or WPS cannot be replaced (a
//! rename that fails as Windows fails it, injected with
//! `CAMPAIGN_TEST_HELD_OPEN`), git is not installed (`PATH` holds none), and
//! Notepad saves files with a byte-order mark and CRLF line ends, or in the
//! local code page. `scripts/windows-smoke.sh` runs the Windows build itself
//! under Wine, with a workbook really held open.

mod common;

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use common::git::Repo;
use common::run::{LIAISON, campaign_in as campaign, campaign_repo, liaison, succeeded};
use common::{progress_sheet, sample_counts, write_xlsx};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts that `run`, given `zh` and then `en` for `--lang`, exits with
/// status 2 and prints nothing but `[zh, en]`'s line on standard error.
fn refuses(run: impl Fn(&str) -> Output, [zh, en]: [String; 2]) {
    for (lang, expected) in [("zh", zh), ("en", en)] {
        let output = run(lang);
        assert_eq!(
            (output.status.code(), stderr(&output)),
            (Some(2), format!("{expected}\n")),
            "{lang}"
        );
        assert!(output.stdout.is_empty(), "{lang}");
    }
}

// ── A workbook open in Excel or WPS ────────────────────────────────────

const ROLLUP: &str = "附件3-活动进展情况汇总表.xlsx";
const STATUS_BOOK: &str = "报送情况.xlsx";
const OTHER_BOOKS: [&str; 4] = [
    "附件1-联络员汇总表.xlsx",
    "附件2-重点活动计划汇总表.xlsx",
    STATUS_BOOK,
    "活动综合情况汇编.docx",
];

/// `campaign ARGS` in `dir` while another program holds the files `held`
/// (file names, `/`-separated) open.
fn held_open(dir: &Path, held: &str, args: &[&str]) -> Output {
    Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(dir)
        .env("CAMPAIGN_TEST_HELD_OPEN", held)
        .args(args)
        .output()
        .unwrap()
}

/// A campaign whose 党建室 sent its 附件1 on June 2 and its 附件3 on June 27:
/// a rollup at June 30 differs from one at June 10.
fn campaign_with_a_rollup() -> Repo {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-02T10:00:00+08:00");
    write_xlsx(
        &repo.root.join("submissions/党建室/附件3.xlsx"),
        &[("附件3", progress_sheet("党建室", &sample_counts()))],
    );
    repo.commit_at("2021-06-27T10:00:00+08:00");
    repo
}

#[test]
fn a_rollup_open_in_excel_keeps_its_content_and_the_other_books_are_written() {
    let repo = campaign_with_a_rollup();
    succeeded(campaign(&repo.root, &["merge", "--as-of", "2021-06-10"]));
    let out = repo.root.join("out");
    let before = std::fs::read(out.join(ROLLUP)).unwrap();
    succeeded(campaign(
        &repo.root,
        &["merge", "--as-of", "2021-06-30", "--out", "对照"],
    ));
    let wanted = |book: &str| std::fs::read(repo.root.join("对照").join(book)).unwrap();
    assert_ne!(wanted(ROLLUP), before, "the June 30 rollup is another book");

    let open = out.join(ROLLUP);
    refuses(
        |lang| {
            let args = ["--lang", lang, "merge", "--as-of", "2021-06-30"];
            held_open(&repo.root, ROLLUP, &args)
        },
        [
            format!(
                "无法替换 {}：正在 Excel 或 WPS 中打开（或是只读文件），保留了原有的内容。本次的其余 4 个文件已写入（附件1-联络员汇总表.xlsx、附件2-重点活动计划汇总表.xlsx、报送情况.xlsx、活动综合情况汇编.docx）。请关闭后重新运行。",
                open.display()
            ),
            format!(
                "cannot replace {}: open in Excel or WPS (or read-only), so it keeps its previous content. The other 4 files of this run were written (附件1-联络员汇总表.xlsx, 附件2-重点活动计划汇总表.xlsx, 报送情况.xlsx, 活动综合情况汇编.docx). Close it and run again.",
                open.display()
            ),
        ],
    );
    assert_eq!(
        std::fs::read(&open).unwrap(),
        before,
        "the open book is kept"
    );
    for book in OTHER_BOOKS {
        assert_eq!(
            std::fs::read(out.join(book)).unwrap(),
            wanted(book),
            "{book}"
        );
    }
    let left: Vec<String> = common::tree::tree(&out).into_keys().collect();
    assert_eq!(left.len(), 5, "no temporary file is left: {left:?}");
}

#[test]
fn two_open_books_are_both_named_and_both_kept() {
    let repo = campaign_with_a_rollup();
    succeeded(campaign(&repo.root, &["merge", "--as-of", "2021-06-10"]));
    let out = repo.root.join("out");
    let before = |book: &str| std::fs::read(out.join(book)).unwrap();
    let (rollup, status) = (before(ROLLUP), before(STATUS_BOOK));

    let output = held_open(
        &repo.root,
        &format!("{ROLLUP}/{STATUS_BOOK}"),
        &["merge", "--as-of", "2021-06-30"],
    );
    assert_eq!(
        (output.status.code(), stderr(&output)),
        (
            Some(2),
            format!(
                "无法替换 {}、{}：正在 Excel 或 WPS 中打开（或是只读文件），保留了原有的内容。本次的其余 3 个文件已写入（附件1-联络员汇总表.xlsx、附件2-重点活动计划汇总表.xlsx、活动综合情况汇编.docx）。请关闭后重新运行。\n",
                out.join(ROLLUP).display(),
                out.join(STATUS_BOOK).display()
            )
        )
    );
    assert_eq!((before(ROLLUP), before(STATUS_BOOK)), (rollup, status));
}

#[test]
fn a_book_that_cannot_be_written_at_all_still_leaves_the_whole_set_as_it_was() {
    // An open book does not change the set rule for other failures: a
    // folder at another book's name stops the set before anything is renamed.
    let repo = campaign_with_a_rollup();
    succeeded(campaign(&repo.root, &["merge", "--as-of", "2021-06-10"]));
    let out = repo.root.join("out");
    std::fs::remove_file(out.join(STATUS_BOOK)).unwrap();
    std::fs::create_dir(out.join(STATUS_BOOK)).unwrap();
    let before = common::tree::tree(&out);

    let output = held_open(&repo.root, ROLLUP, &["merge", "--as-of", "2021-06-30"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(&format!(
            "无法写入 {}：is a directory。本次的 5 个文件都没有写入",
            out.join(STATUS_BOOK).display()
        )),
        "{}",
        stderr(&output)
    );
    assert_eq!(common::tree::tree(&out), before);
}

#[test]
fn a_blank_form_open_in_excel_stops_templates_with_a_request_to_close_it() {
    let repo = campaign_repo("");
    let templates = repo.root.join("templates");
    repo.write("templates/附件1-联络员表.xlsx", "旧表格")
        .write("templates/附件2-重点活动计划安排表.xlsx", "打开中的表格")
        .write("templates/附件3-活动进展情况统计表.xlsx", "旧表格");

    let output = held_open(&repo.root, "附件2-重点活动计划安排表.xlsx", &["templates"]);
    assert_eq!(
        (output.status.code(), stderr(&output)),
        (
            Some(2),
            format!(
                "无法写入工作簿 {}：这个文件正在 Excel 或 WPS 中打开（或是只读文件），无法替换，原有的文件保持原样；请关闭它后重新运行\n",
                templates.join("附件2-重点活动计划安排表.xlsx").display()
            )
        )
    );
    let content = |name: &str| std::fs::read(templates.join(name)).unwrap();
    let fresh = campaign_repo("");
    succeeded(campaign(&fresh.root, &["templates"]));
    // The forms are written in order: the one before is new, the open one
    // and the one after are as they were until the command runs again.
    assert_eq!(
        content("附件1-联络员表.xlsx"),
        std::fs::read(fresh.root.join("templates/附件1-联络员表.xlsx")).unwrap()
    );
    assert_eq!(
        content("附件2-重点活动计划安排表.xlsx"),
        "打开中的表格".as_bytes()
    );
    assert_eq!(
        content("附件3-活动进展情况统计表.xlsx"),
        "旧表格".as_bytes()
    );

    let english = held_open(
        &repo.root,
        "附件2-重点活动计划安排表.xlsx",
        &["--lang", "en", "templates"],
    );
    assert_eq!(
        stderr(&english),
        format!(
            "cannot write the workbook {}: it is open in Excel or WPS (or read-only) and cannot be replaced, so it is as it was; close it and run again\n",
            templates.join("附件2-重点活动计划安排表.xlsx").display()
        )
    );
}

#[test]
fn a_status_page_open_elsewhere_is_asked_to_be_closed() {
    let repo = campaign_repo("");
    repo.write("status.html", "上次的页面");
    let output = held_open(
        &repo.root,
        "status.html",
        &["check", "--format", "html", "--out", "status.html"],
    );
    assert_eq!(
        (output.status.code(), stderr(&output)),
        (
            Some(2),
            "无法写入 status.html：这个文件正在 Excel 或 WPS 中打开（或是只读文件），无法替换，原有的文件保持原样；请关闭它后重新运行\n".to_owned()
        )
    );
    assert_eq!(
        std::fs::read_to_string(repo.root.join("status.html")).unwrap(),
        "上次的页面"
    );
}

// ── No git installed ────────────────────────────────────────────────────

const NO_GIT_ZH: &str = "找不到 git：这台电脑没有安装 git（或 git 不在 PATH 中）。活动文件夹在 git 仓库中时，收到时间要从提交历史中读取，提交收到的文件也要用 git。请安装 Git for Windows（https://git-scm.com/download/win，安装时保留默认选项“Git from the command line and also from 3rd-party software”）；银河麒麟、统信 UOS 等 Linux 系统请安装 git 软件包（sudo apt install git，或在应用商店中搜索 git）。安装后请重新打开命令窗口再运行。没有 git 也可以使用：campaign templates（生成空白表格）、campaign explain（查看一份表格是怎样读取的）、campaign merge（按文件夹中现有的文件汇总）；活动文件夹不在 git 仓库中时，campaign check 按文件的修改时间判断收到时间。";

const NO_GIT_EN: &str = "git not found: git is not installed on this computer (or not on PATH). Where the campaign folder is in a git repository, receipt times come from its history, and received files are committed with git. Install Git for Windows (https://git-scm.com/download/win, keeping the default option “Git from the command line and also from 3rd-party software”); on Kylin, UOS and other Linux desktops install the git package (sudo apt install git, or git from the app store). Then open a new command window and run again. Without git you can still use campaign templates (the blank forms), campaign explain (how one form was read) and campaign merge (the files in the folder as they are); in a folder that is in no git repository, campaign check goes by the files' modification times.";

/// `campaign ARGS` in `dir` on a computer without git: `PATH` names only an
/// empty folder.
fn without_git(dir: &Path, args: &[&str]) -> Output {
    let empty = tempfile::tempdir().unwrap();
    Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(dir)
        .env("PATH", empty.path())
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn in_a_repository_without_git_the_commands_that_judge_say_what_to_install() {
    let repo = campaign_with_a_rollup();
    liaison(&repo, "下载/公共室联络员.xlsx", "公共室");
    let submitted = common::tree::tree(&repo.root.join("submissions"));
    refuses(
        |lang| without_git(&repo.root, &["--lang", lang, "check"]),
        [NO_GIT_ZH.to_owned(), NO_GIT_EN.to_owned()],
    );
    for args in [
        &["remind"][..],
        &["stamp"],
        &[],
        &["receive", "下载/公共室联络员.xlsx", "--at", "2021-06-03"],
        &[
            "receive",
            "下载/公共室联络员.xlsx",
            "--at",
            "2021-06-03",
            "--commit",
        ],
    ] {
        let output = without_git(&repo.root, args);
        assert_eq!(
            (output.status.code(), stderr(&output)),
            (Some(2), format!("{NO_GIT_ZH}\n")),
            "{args:?}"
        );
    }
    assert_eq!(
        common::tree::tree(&repo.root.join("submissions")),
        submitted,
        "nothing was received"
    );
}

#[test]
fn in_a_repository_without_git_merge_adds_up_the_files_as_they_are_and_says_so() {
    let repo = campaign_with_a_rollup();
    let args = ["merge", "--format", "json"];
    let with_git: serde_json::Value =
        serde_json::from_slice(&succeeded(campaign(&repo.root, &args))).unwrap();
    std::fs::remove_dir_all(repo.root.join("out")).unwrap();

    let output = without_git(&repo.root, &args);
    assert_eq!(
        (output.status.code(), stderr(&output)),
        (
            Some(0),
            "注意：找不到 git（这台电脑没有安装 git，或 git 不在 PATH 中），无法读取活动文件夹的提交历史。本次按文件夹中现有的文件汇总，收到时间按收件登记和文件的修改时间计（标 †）：同一单位同一报表有几个文件时以修改时间最新的为准，报送情况.xlsx 中的状态未必准确。请安装 Git for Windows（https://git-scm.com/download/win，安装时保留默认选项“Git from the command line and also from 3rd-party software”）；银河麒麟、统信 UOS 等 Linux 系统请安装 git 软件包（sudo apt install git，或在应用商店中搜索 git）。安装后重新运行即可按提交历史汇总。\n".to_owned()
        )
    );
    // One version per unit and report: the files give the numbers history
    // gives; only the statuses of what is missing depend on the instant.
    let without: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for part in ["by_item", "by_unit", "total"] {
        assert_eq!(
            without["progress"][part], with_git["progress"][part],
            "{part}"
        );
    }
    assert_eq!(without["progress"]["by_unit"][0]["unit"], "党建室");
    // The same rows, traced to no commit: the history was not read.
    let rows = |merged: &serde_json::Value| {
        let mut liaisons = merged["liaisons"].clone();
        for liaison in liaisons.as_array_mut().unwrap() {
            liaison.as_object_mut().unwrap().remove("source");
        }
        liaisons
    };
    assert_eq!(rows(&without), rows(&with_git));
    assert_eq!(
        without["liaisons"][0]["source"]["commit"],
        serde_json::Value::Null
    );
    assert_eq!(
        without["liaisons"][0]["source"]["file"],
        "submissions/党建室/附件1-联络员表.xlsx"
    );
    let books: Vec<String> = common::tree::tree(&repo.root.join("out"))
        .into_keys()
        .collect();
    assert_eq!(books.len(), 5, "{books:?}");

    let english = without_git(&repo.root, &["--lang", "en", "merge"]);
    assert_eq!(
        stderr(&english),
        "warning: git not found (not installed on this computer, or not on PATH), so the history of the campaign folder cannot be read. This rollup is of the files in the folder as they are, dated by the ledger and their modification times (marked †): where a unit has several files for one report the one modified last counts, and the statuses in 报送情况.xlsx may be wrong. Install Git for Windows (https://git-scm.com/download/win, keeping the default option “Git from the command line and also from 3rd-party software”); on Kylin, UOS and other Linux desktops install the git package (sudo apt install git, or git from the app store). Then run again for a rollup by the history.\n"
    );
    // The campaign as it stood at an earlier instant needs the history.
    let as_of = without_git(&repo.root, &["merge", "--as-of", "2021-06-30"]);
    assert_eq!(
        (as_of.status.code(), stderr(&as_of)),
        (Some(2), format!("{NO_GIT_ZH}\n"))
    );
}

#[test]
fn without_git_a_folder_in_no_repository_is_checked_by_modification_times() {
    let folder = Repo::plain();
    folder.write("campaign.toml", campaign::definition::DEFAULT_TOML);
    liaison(&folder, LIAISON, "党建室");
    let args = ["check", "--format", "json", "--as-of", "2099-06-30"];
    let with_git = campaign(&folder.root, &args);
    let output = without_git(&folder.root, &args);
    assert_eq!(
        (output.status.code(), stderr(&output)),
        (Some(1), String::new())
    );
    assert_eq!(output.stdout, with_git.stdout);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let result = common::run::result(&json, "党建室", "liaison", None);
    assert_eq!(result["received_via"], "mtime");
}

#[test]
fn without_git_explain_reads_the_form_and_says_why_its_standing_is_unknown() {
    let repo = campaign_with_a_rollup();
    let with_git = String::from_utf8(campaign(&repo.root, &["explain", LIAISON]).stdout).unwrap();
    let output = without_git(&repo.root, &["explain", LIAISON]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    let (reading, standing) = text.split_at(text.find("无法判断").expect("the standing"));
    assert!(
        with_git.starts_with(reading),
        "the form is read as with git:\n{text}"
    );
    assert_eq!(
        standing,
        format!("无法判断（{NO_GIT_ZH}）\n结论：可以使用。\n")
    );
}

// ── Files saved by Notepad ──────────────────────────────────────────────

/// The default campaign with a note on two lines, as a multi-line string.
fn definition_with_a_long_note() -> String {
    let one_line = "notes = [\"统计时间为2021年6月1日至填报之日；没有开展的项目请填0。\"]";
    let two_lines =
        "notes = [\"\"\"统计时间为2021年6月1日至填报之日；\n没有开展的项目请填0。\"\"\"]";
    let text = campaign::definition::DEFAULT_TOML.replacen(one_line, two_lines, 1);
    assert_ne!(text, campaign::definition::DEFAULT_TOML);
    text
}

const LEDGER: &str = "[[received]]\npath = \"submissions/党建室/附件1-联络员表.xlsx\"\nat = 2021-06-02T16:30:00+08:00\nvia = \"email\"\n";

/// What Notepad writes: a byte-order mark and CRLF line ends.
fn as_notepad_saves(text: &str) -> String {
    format!("\u{feff}{}", text.replace('\n', "\r\n"))
}

/// A campaign in no repository whose definition and ledger are `save`d.
fn saved_with(save: fn(&str) -> String) -> Repo {
    let folder = Repo::plain();
    folder.write("campaign.toml", &save(&definition_with_a_long_note()));
    liaison(&folder, LIAISON, "党建室");
    folder.write("submissions/received.toml", &save(LEDGER));
    folder
}

#[test]
fn a_definition_and_ledger_saved_by_notepad_read_as_the_plain_ones() {
    let plain = saved_with(str::to_owned);
    let notepad = saved_with(as_notepad_saves);
    let json = |folder: &Repo| {
        let args = ["check", "--format", "json", "--as-of", "2021-06-30"];
        campaign(&folder.root, &args).stdout
    };
    assert_eq!(json(&notepad), json(&plain));
    let checked: serde_json::Value = serde_json::from_slice(&json(&notepad)).unwrap();
    assert_eq!(
        common::run::seen(&checked, "党建室", "liaison"),
        (
            "ok".to_owned(),
            "2021-06-02T16:30:00+08:00".into(),
            "ledger".into()
        )
    );
    assert_eq!(checked["unassigned"], serde_json::json!([]));

    for folder in [&plain, &notepad] {
        succeeded(campaign(&folder.root, &["templates"]));
    }
    let forms = |folder: &Repo| common::tree::tree(&folder.root.join("templates"));
    assert_eq!(
        forms(&notepad),
        forms(&plain),
        "the forms are byte for byte the same"
    );
}

#[test]
fn a_definition_saved_in_the_local_code_page_says_how_to_save_it_as_utf8() {
    let folder = Repo::plain();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(campaign::definition::DEFAULT_TOML);
    assert!(!unmappable);
    std::fs::write(folder.root.join("campaign.toml"), gbk).unwrap();
    let path = folder.root.join("campaign.toml");
    refuses(
        |lang| campaign(&folder.root, &["--lang", lang, "check"]),
        [
            format!(
                "活动定义 {} 不是 UTF-8 编码（记事本以“ANSI”编码保存的文件就是这样）：请用记事本打开它，点“文件”→“另存为”，把“编码”选为“UTF-8”后保存，再重新运行。",
                path.display()
            ),
            format!(
                "the campaign definition {} is not UTF-8 (as a file Notepad saved as “ANSI” is): open it in Notepad, choose File → Save As, set Encoding to UTF-8, save, and run again.",
                path.display()
            ),
        ],
    );
}
