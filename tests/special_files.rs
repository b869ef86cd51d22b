//! Named pipes, sockets, devices and links to them under `submissions/`:
//! never opened (a pipe would make the run wait forever), each listed with
//! its reason, each costing only itself.

mod common;

use std::path::Path;
use std::process::Output;

use common::git::Repo;
use common::run::{LIAISON, campaign_repo, liaison};
use serde_json::{Value, json};

/// Runs `campaign ARGS` in `dir`, killed after a minute: a run that waits
/// on a pipe ends with status 124 instead of hanging the suite.
fn campaign(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new("timeout")
        .current_dir(dir)
        .arg("60")
        .arg(assert_cmd::cargo::cargo_bin("campaign"))
        .args(args)
        .env("CAMPAIGN_STAMP_NOW", "2021-06-05T10:00:00+08:00")
        .output()
        .unwrap()
}

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

const PIPE: &str = "submissions/党建室/附件3.xlsx";
const SOCKET: &str = "submissions/公共室/附件2.xlsx";
const LINK_TO_PIPE: &str = "submissions/党建室/附件3-链接.xlsx";
const LINK_TO_DEVICE: &str = "submissions/公共室/附件1.xlsx";

/// A committed campaign with 党建室's 附件1, and then, not committed, a
/// named pipe and a link to it in 党建室's folder, a socket and a link to
/// /dev/zero in 公共室's, and a ledger entry with a sha256 for the pipe.
fn repo() -> Repo {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-02T10:00:00+08:00");
    mkfifo(&repo.root.join(PIPE));
    std::os::unix::fs::symlink("附件3.xlsx", repo.root.join(LINK_TO_PIPE)).unwrap();
    std::fs::create_dir_all(repo.root.join("submissions/公共室")).unwrap();
    drop(std::os::unix::net::UnixListener::bind(repo.root.join(SOCKET)).unwrap());
    std::os::unix::fs::symlink("/dev/zero", repo.root.join(LINK_TO_DEVICE)).unwrap();
    repo.write(
        "submissions/received.toml",
        &format!(
            "[[received]]\npath = \"{PIPE}\"\nat = 2021-06-03T09:00:00+08:00\nvia = \"email\"\nsha256 = \"{}\"\n",
            "0".repeat(64)
        ),
    );
    repo
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The reason check gives for a file, in `lang`.
fn reason(what: &str, lang: &str) -> String {
    match lang {
        "zh" => {
            format!("这是{what}，不是普通文件，campaign 不读取这类文件；请换成要报送的文件本身")
        }
        _ => format!(
            "this is {what}, not a regular file, and campaign does not read such files; please put the file itself in its place"
        ),
    }
}

#[test]
fn check_lists_every_special_file_with_its_reason_and_goes_on() {
    let repo = repo();
    for (lang, pipe, socket, device) in [
        ("zh", "命名管道", "套接字", "字符设备"),
        ("en", "a named pipe", "a socket", "a character device"),
    ] {
        let output = campaign(&repo.root, &["--lang", lang, "check", "--format", "json"]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        let liaison = common::run::result(&json, "党建室", "liaison", None);
        assert_eq!(liaison["status"], "ok", "the other files are read");
        let unassigned: Vec<&Value> = json["unassigned"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["file"] != "submissions/received.toml")
            .collect();
        assert_eq!(
            unassigned,
            [
                &json!({ "file": LINK_TO_PIPE, "reason": reason(pipe, lang) }),
                &json!({ "file": PIPE, "reason": reason(pipe, lang) }),
                &json!({ "file": LINK_TO_DEVICE, "reason": reason(device, lang) }),
                &json!({ "file": SOCKET, "reason": reason(socket, lang) }),
            ],
            "{lang}"
        );
    }
}

#[test]
fn merge_and_the_overview_finish() {
    let repo = repo();
    let merged = campaign(&repo.root, &["merge", "--out", "汇总"]);
    assert_eq!(merged.status.code(), Some(0), "{}", stderr(&merged));
    assert!(repo.root.join("汇总/附件1-联络员汇总表.xlsx").is_file());
    let overview = campaign(&repo.root, &[]);
    assert_eq!(overview.status.code(), Some(0), "{}", stderr(&overview));
}

#[test]
fn explain_says_what_the_file_is_without_opening_it() {
    let repo = repo();
    for path in [PIPE, LINK_TO_PIPE] {
        let output = campaign(&repo.root, &["explain", path]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            text.contains(&format!("错误  {}", reason("命名管道", "zh"))),
            "{text}"
        );
    }
}

#[test]
fn stamp_records_no_special_file_and_says_so() {
    let repo = repo();
    std::fs::remove_file(repo.root.join("submissions/received.toml")).unwrap();
    let output = campaign(&repo.root, &["stamp"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        [LINK_TO_PIPE, PIPE, LINK_TO_DEVICE, SOCKET]
            .iter()
            .zip(["命名管道", "命名管道", "字符设备", "套接字"])
            .map(|(path, what)| format!(
                "注意：{path} 是{what}，不是普通文件，campaign 不读取也不登记它\n"
            ))
            .collect::<String>()
    );
    let ledger = std::fs::read_to_string(repo.root.join("submissions/received.toml")).unwrap();
    assert!(!ledger.contains("[[received]]"), "{ledger}");
}

#[test]
fn receive_refuses_a_special_file_and_files_the_others() {
    let repo = repo();
    let downloads = repo.root.join("下载");
    mkfifo(&downloads.join("管道.xlsx"));
    liaison(&repo, "下载/公共室联络员.xlsx", "公共室");
    let output = campaign(
        &repo.root,
        &["receive", "--dir", "下载", "--at", "2021-06-03"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains(
            "管道.xlsx：未收下。这是命名管道，不是普通文件，campaign 不读取这类文件；请换成要报送的文件本身。\n"
        ),
        "{text}"
    );
    assert!(
        repo.root
            .join("submissions/公共室/附件1-公共室联络员.xlsx")
            .is_file(),
        "{text}"
    );
}
