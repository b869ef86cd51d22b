//! The office that receives what units send by e-mail or messenger: a
//! campaign scaffolded by `campaign init` in a real git repository, a
//! downloads folder outside it, `campaign receive` run on what lies there,
//! and zip archives written in code as the tools units use write them.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use campaign::receipt::Sha256;

use super::git::Repo;
use super::run::{plan, succeeded};
use super::{C, liaison_rows, progress_sheet, write_xlsx};

pub const LEDGER: &str = "submissions/received.toml";
pub const HUANWEI: &str = "区环境卫生服务中心";

/// A campaign scaffolded with `campaign init` and committed, and a
/// downloads folder outside it where the clerk saves attachments.
pub struct Office {
    pub repo: Repo,
    pub downloads: tempfile::TempDir,
}

pub fn office(extra: &str) -> Office {
    let repo = Repo::new();
    succeeded(campaign(&repo.root, &["init", "."]));
    if !extra.is_empty() {
        let toml = repo.root.join("campaign.toml");
        let mut file = std::fs::OpenOptions::new().append(true).open(toml).unwrap();
        file.write_all(extra.as_bytes()).unwrap();
    }
    repo.commit_at("2021-05-28T09:00:00+08:00");
    Office {
        repo,
        downloads: tempfile::tempdir().unwrap(),
    }
}

/// The office with 区环境卫生服务中心's valid 附件2 committed: one key
/// activity, 应急演练进社区, ending June 10 (materials due June 13).
pub fn office_with_plan() -> Office {
    let office = office("");
    plan(
        &office.repo,
        "submissions/区环境卫生服务中心/附件2.xlsx",
        HUANWEI,
        &[("应急演练进社区", 10, "否")],
    );
    office.repo.commit_at("2021-06-02T10:00:00+08:00");
    office
}

impl Office {
    /// Runs `campaign receive ARGS` and asserts it exited `code` having
    /// printed `lines` and nothing on standard error.
    pub fn says(&self, args: &[&str], code: i32, lines: &[&str]) -> Run {
        let run = self.receive(args);
        assert_eq!(run, said(code, lines));
        run
    }

    /// A file in the downloads folder.
    pub fn download(&self, name: &str) -> PathBuf {
        self.downloads.path().join(name)
    }

    /// Saves `bytes` as `name` in the downloads folder.
    pub fn save(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.download(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Saves a filled 附件3 of `unit` (its 填报单位 cell) in the downloads folder.
    pub fn progress(&self, name: &str, unit: &str, counts: &[[f64; 6]; 10]) -> PathBuf {
        let path = self.download(name);
        write_xlsx(&path, &[("附件3", progress_sheet(unit, counts))]);
        path
    }

    /// Saves a zip of `entries` (UTF-8 names) in the downloads folder.
    pub fn zip(&self, name: &str, entries: &[(&str, &[u8])]) -> PathBuf {
        let path = self.download(name);
        let raw: Vec<(&[u8], &[u8])> = entries
            .iter()
            .map(|(name, bytes)| (name.as_bytes(), *bytes))
            .collect();
        zip(&path, &raw, zip::CompressionMethod::Stored);
        path
    }

    /// `campaign receive ARGS` run in the campaign folder.
    pub fn receive(&self, args: &[&str]) -> Run {
        let mut all = vec!["receive"];
        all.extend_from_slice(args);
        Run::of(campaign(&self.repo.root, &all))
    }

    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.repo.root.join(rel)).unwrap()
    }

    pub fn ledger(&self) -> String {
        String::from_utf8(self.read(LEDGER)).unwrap()
    }

    /// Every file of the campaign folder (outside .git) with its bytes.
    pub fn tree(&self) -> Vec<(String, Vec<u8>)> {
        let root = &self.repo.root;
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
            .into_iter()
            .filter_entry(|e| e.file_name() != ".git")
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(root).unwrap().display().to_string();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    /// The paths of the campaign folder's files below `folder`.
    pub fn files_in(&self, folder: &str) -> Vec<String> {
        self.tree()
            .into_iter()
            .map(|(path, _)| path)
            .filter(|path| path.starts_with(folder))
            .collect()
    }

    /// The sha256 of the tree, as a single value to compare.
    pub fn tree_hash(&self) -> Sha256 {
        let mut all = Vec::new();
        for (path, bytes) in self.tree() {
            all.extend_from_slice(path.as_bytes());
            all.push(0);
            all.extend_from_slice(Sha256::of(&bytes).as_str().as_bytes());
        }
        Sha256::of(&all)
    }

    /// git in the campaign's repository, paths printed as they are.
    pub fn git(&self, args: &[&str]) -> String {
        let mut all = vec!["-c", "core.quotepath=off"];
        all.extend_from_slice(args);
        self.repo.git(&all)
    }
}

/// The binary, run in `dir` with git's identity and configuration fixed.
pub fn campaign(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "委办公室")
        .env("GIT_AUTHOR_EMAIL", "office@example.com")
        .env("GIT_COMMITTER_NAME", "委办公室")
        .env("GIT_COMMITTER_EMAIL", "office@example.com")
        .args(args)
        .output()
        .unwrap()
}

#[derive(Debug, PartialEq, Eq)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(output: std::process::Output) -> Run {
        Run {
            code: output.status.code().unwrap(),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }
}

/// A run that exited `code` having printed `lines` and nothing on standard error.
pub fn said(code: i32, lines: &[&str]) -> Run {
    Run {
        code,
        stdout: lines.iter().map(|line| format!("{line}\n")).collect(),
        stderr: String::new(),
    }
}

pub fn sha256(path: &Path) -> String {
    Sha256::of_file(path).unwrap().as_str().to_owned()
}

/// One `[[received]]` entry as receive writes it.
pub fn entry(path: &str, at: &str, via: &str, name: &str, sha256: &str) -> String {
    format!(
        "[[received]]\npath = \"{path}\"\nat = {at}\nvia = \"{via}\"\nname = \"{name}\"\nsha256 = \"{sha256}\"\n"
    )
}

/// A 附件1 of 党建室 whose 填报单位 cell is left blank.
pub fn liaison_without_filler(path: &Path) {
    let mut rows = liaison_rows("党建室", &[("赵六", "13800001234")]);
    rows[1] = vec![C::S("填报单位：".into())];
    write_xlsx(path, &[("附件1", rows)]);
}

/// Writes a zip at `path` holding `entries` (raw name bytes, content), each
/// stored or deflated as `method` says; a name that is not UTF-8 is written
/// as it is, with the UTF-8 flag off, as a Chinese Windows writes GBK names.
pub fn zip(path: &Path, entries: &[(&[u8], &[u8])], method: zip::CompressionMethod) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .name(name);
        writer.start_file_with_options(options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
}

pub fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}
