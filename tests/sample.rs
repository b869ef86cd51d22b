//! The repository's own sample campaign: committed exactly as the generator
//! writes it, and showing every status on the README's main command.

mod common;

#[path = "sample/generate.rs"]
mod generate;

use std::path::Path;

use assert_cmd::Command;

fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root.join("submissions"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files.push((
        "campaign.toml".into(),
        std::fs::read(root.join("campaign.toml")).unwrap(),
    ));
    files
}

#[test]
fn the_committed_sample_is_what_the_generator_writes() {
    let fresh = tempfile::tempdir().unwrap();
    generate::write(fresh.path());
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (expected, committed) = (files(fresh.path()), files(repo));
    let names = |files: &[(String, Vec<u8>)]| {
        files
            .iter()
            .map(|(name, _)| name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&committed),
        names(&expected),
        "run `cargo run --example sample_campaign` and commit"
    );
    for ((name, a), (_, b)) in committed.iter().zip(&expected) {
        assert!(
            a == b,
            "{name} differs from the generator: run `cargo run --example sample_campaign` and commit"
        );
    }
}

#[test]
fn the_main_command_shows_every_status() {
    // A copy outside git: the ledger alone dates every file, whatever kind of
    // clone the tests run in.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let copy = tempfile::tempdir().unwrap();
    for (rel, bytes) in files(repo) {
        let path = copy.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let json = main_command(copy.path());
    assert_eq!(
        json.get("stood_in"),
        None,
        "nothing stands in without a history"
    );
    shows_every_status(&json);
}

/// The sample as a clone holds it: committed in 2026, long after its ledger
/// dates the files, its documents first as drafts, then finished. The
/// ledger's sha256 says which content arrived, so every file is read as it
/// is; only campaign.toml, whose history begins after the instant asked
/// for, is said to stand in.
#[test]
fn in_a_clone_the_main_command_reads_what_the_ledger_received() {
    let repo = common::git::Repo::new();
    let sample = files(Path::new(env!("CARGO_MANIFEST_DIR")));
    let is_document = |rel: &str| rel.ends_with(".docx");
    for (rel, bytes) in &sample {
        let draft = is_document(rel).then_some(&b"draft"[..]);
        repo.write_bytes(rel, draft.unwrap_or(bytes));
    }
    repo.commit_at("2026-11-29T07:45:30+08:00");
    for (rel, bytes) in sample.iter().filter(|(rel, _)| is_document(rel)) {
        repo.write_bytes(rel, bytes);
    }
    repo.commit_at("2026-12-07T12:00:00+08:00");

    let json = main_command(&repo.root);
    assert_eq!(
        json["stood_in"],
        serde_json::json!([{
            "file": "campaign.toml",
            "reason": "campaign.toml：git 历史中最早的版本提交于 2026年11月29日 07:45:30，当时的活动定义按现在的文件计"
        }])
    );
    shows_every_status(&json);
}

/// `check --as-of 2021-06-30 --format json` in `dir`, which exits with status
/// 1 and says nothing on standard error.
fn main_command(dir: &Path) -> serde_json::Value {
    let output = Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--as-of", "2021-06-30", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The statuses the README's main command shows on the sample.
fn shows_every_status(json: &serde_json::Value) {
    assert_eq!(
        json["summary"],
        serde_json::json!({ "ok": 35, "late": 6, "missing": 28, "pending": 2, "invalid": 4, "exempt": 3 })
    );
    let status = |unit: &str, report: &str| -> String {
        json["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["unit"] == unit && r["report"] == report)
            .map(|r| r["status"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
            .join(",")
    };
    // Only the hand-made 附件3 draws a warning: every document is a finished one.
    let warned: std::collections::BTreeSet<&str> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        warned.into_iter().collect::<Vec<_>>(),
        ["submissions/公共室/进展统计（公共室）.xlsx"]
    );
    assert_eq!(status("党建室", "progress"), "ok");
    assert_eq!(status("公共室", "scheme"), "late");
    assert_eq!(status("公共室", "materials"), "ok,pending");
    assert_eq!(status("市政道路桥梁室", "plan"), "invalid");
    assert_eq!(status("市容环卫室", "liaison"), "missing");
    assert_eq!(status("园林绿化室", "progress"), "ok");
    assert_eq!(status("安全监管室", "progress"), "invalid");
    assert_eq!(status("计划财务室", "plan"), "exempt");
    assert_eq!(status("区环境卫生服务中心", "progress"), "late");
    assert_eq!(status("区城市管理综合执法大队", "liaison"), "invalid");
    assert_eq!(status("区生活垃圾处理场", "progress"), "pending");
    assert_eq!(
        json["unassigned"],
        serde_json::json!([{
            "file": "submissions/党建室/会议通知.txt",
            "reason": "不是可以读取的表格或文档（.txt），请提交 Excel 表格（.xlsx/.xls/.xlsb）、WPS/LibreOffice 表格或 Word/PDF 文档"
        }])
    );
}
