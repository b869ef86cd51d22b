//! What goes wrong around the tool, made in each test: a repository that
//! cannot be read, standard output closed, a terminal that cannot show
//! colour, a disk that fails half-way through a set of workbooks.

mod common;

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use common::git::Repo;
use common::run::{LIAISON, campaign_in as campaign, liaison};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

// ── A repository that cannot be read ────────────────────────────────────

/// A campaign folder in no repository, holding one form not yet committed.
fn plain_campaign() -> Repo {
    let repo = Repo::plain();
    repo.write("campaign.toml", campaign::definition::DEFAULT_TOML);
    liaison(&repo, LIAISON, "党建室");
    repo
}

#[test]
fn a_gitfile_pointing_nowhere_is_an_error_that_names_it() {
    let repo = plain_campaign();
    let gone = repo.top.join("移走的仓库/.git/worktrees/活动");
    repo.write(".git", &format!("gitdir: {}\n", gone.display()));
    let marker = repo.root.join(".git");
    for (lang, expected) in [
        (
            "zh",
            format!(
                "{} 表明活动文件夹在 git 仓库中，但这个仓库无法读取（fatal: not a git repository: {}），收到时间无从得知。请修复仓库（工作树或子模块的仓库被移走时，可用 git worktree repair 或重新克隆），或移走 {} 后按文件修改时间计。\n",
                marker.display(),
                gone.display(),
                marker.display()
            ),
        ),
        (
            "en",
            format!(
                "{} says the campaign folder is in a git repository, but that repository cannot be read (fatal: not a git repository: {}), so receipt times are unknown. Repair the repository (for a worktree or submodule whose repository was moved: git worktree repair, or clone it again), or move {} away to go by modification times.\n",
                marker.display(),
                gone.display(),
                marker.display()
            ),
        ),
    ] {
        let output = campaign(&repo.root, &["--lang", lang, "check"]);
        assert_eq!(
            (output.status.code(), stderr(&output)),
            (Some(2), expected),
            "{lang}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn an_empty_git_folder_is_a_broken_repository_too() {
    let repo = plain_campaign();
    std::fs::create_dir(repo.root.join(".git")).unwrap();
    let output = campaign(&repo.root, &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(&format!(
            "{} 表明活动文件夹在 git 仓库中，但这个仓库无法读取（",
            repo.root.join(".git").display()
        )),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_folder_in_no_repository_goes_by_modification_times_and_says_so() {
    let repo = plain_campaign();
    let output = campaign(&repo.root, &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let result = common::run::result(&json, "党建室", "liaison", None);
    assert_eq!(result["received_via"], "mtime");
    let table = campaign(&repo.root, &["check"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("† 尚未提交，收到时间按文件修改时间计"),
        "{text}"
    );
}

// ── Colour ──────────────────────────────────────────────────────────────

/// What `campaign check` prints on a terminal (a pseudo-terminal `script`
/// gives it) with `env` set and every colour variable else unset.
fn on_a_terminal(dir: &Path, env: &[(&str, &str)]) -> String {
    let binary = assert_cmd::cargo::cargo_bin("campaign");
    let mut script = std::process::Command::new("script");
    script.current_dir(dir).args([
        "-qec",
        &format!("'{}' check", binary.display()),
        "/dev/null",
    ]);
    for variable in ["CI", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM"] {
        script.env_remove(variable);
    }
    script.envs(env.iter().copied());
    let output = script
        .output()
        .expect("script (util-linux) must be installed");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const ESC: char = '\x1b';

#[test]
fn colour_follows_the_terminal_conventions() {
    let repo = plain_campaign();
    let coloured = on_a_terminal(&repo.root, &[("TERM", "xterm-256color")]);
    assert!(
        coloured.contains("\x1b[1m"),
        "a colour terminal: {coloured}"
    );
    assert!(coloured.contains("党建室"), "{coloured}");
    for env in [
        &[("TERM", "dumb")][..],
        &[("TERM", "xterm-256color"), ("NO_COLOR", "1")],
        &[("TERM", "xterm-256color"), ("CLICOLOR", "0")],
    ] {
        let plain = on_a_terminal(&repo.root, env);
        assert!(plain.contains("党建室"), "{env:?}: {plain}");
        assert!(!plain.contains(ESC), "{env:?}: {plain}");
    }
}

#[test]
fn clicolor_force_colours_even_a_pipe() {
    let repo = plain_campaign();
    let run = |force: Option<&str>| {
        let mut command = Command::cargo_bin("campaign").unwrap();
        command.current_dir(&repo.root).arg("check");
        for variable in ["CI", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE"] {
            command.env_remove(variable);
        }
        if let Some(force) = force {
            command.env("CLICOLOR_FORCE", force);
        }
        String::from_utf8(command.output().unwrap().stdout).unwrap()
    };
    assert!(!run(None).contains(ESC));
    assert!(run(Some("1")).contains("\x1b[1m"));
}

// ── Output that cannot be written ───────────────────────────────────────

/// Runs `campaign ARGS` in `dir` with its standard output closed (`>&-`)
/// or sent elsewhere: its exit status, even at the head of a pipe.
fn without_output(dir: &Path, redirect: &str, args: &[&str]) -> Output {
    std::process::Command::new("bash")
        .current_dir(dir)
        .arg("-c")
        .arg(format!("set -o pipefail; \"$0\" \"$@\" {redirect}"))
        .arg(assert_cmd::cargo::cargo_bin("campaign"))
        .args(args)
        .env("CAMPAIGN_STAMP_NOW", "2021-06-05T10:00:00+08:00")
        .output()
        .unwrap()
}

/// A committed campaign with one form, and a form to receive in `下载/`.
fn campaign_with_history() -> Repo {
    let repo = common::run::campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-02T10:00:00+08:00");
    liaison(&repo, "下载/公共室联络员.xlsx", "公共室");
    repo
}

/// Every command that prints, each in a fresh campaign.
fn every_printing_command() -> Vec<Vec<&'static str>> {
    [
        &["check"][..],
        &["check", "--format", "json"],
        &["merge", "--out", "汇总"],
        &["explain", LIAISON],
        &["remind"],
        &["receive", "下载/公共室联络员.xlsx", "--at", "2021-06-03"],
        &["stamp"],
        &[],
        &["templates"],
        &["init", "新活动"],
        &["completions", "bash"],
        &["man"],
    ]
    .into_iter()
    .map(<[&str]>::to_vec)
    .collect()
}

/// Asserts that every command that prints, its output sent by `redirect`,
/// exits with status 2 and says `expected` on standard error.
fn every_printing_command_fails(redirect: &str, expected: &str) {
    for args in every_printing_command() {
        let repo = campaign_with_history();
        let output = without_output(&repo.root, redirect, &args);
        assert_eq!(
            (output.status.code(), stderr(&output)),
            (Some(2), expected.to_owned()),
            "campaign {args:?} {redirect}"
        );
    }
}

#[test]
fn a_closed_standard_output_fails_every_command_that_prints() {
    every_printing_command_fails(
        ">&-",
        "无法输出：标准输出已关闭。不需要输出时，请把它重定向到 /dev/null。\n",
    );
    let repo = campaign_with_history();
    let closed = without_output(&repo.root, ">&-", &["--lang", "en", "check"]);
    assert_eq!(
        stderr(&closed),
        "cannot write output: standard output is closed. Redirect it to /dev/null if the output is not wanted.\n"
    );
}

#[test]
fn a_full_disk_fails_every_command_that_prints() {
    every_printing_command_fails(
        ">/dev/full",
        "无法输出：No space left on device (os error 28)\n",
    );
}

#[test]
fn output_thrown_away_on_purpose_is_no_error() {
    let repo = campaign_with_history();
    let output = without_output(&repo.root, ">/dev/null", &["check"]);
    assert_eq!(
        (output.status.code(), stderr(&output)),
        (Some(1), String::new())
    );
    let output = without_output(&repo.root, "| head -c 10 >/dev/null", &["man"]);
    assert_eq!(
        (output.status.code(), stderr(&output)),
        (Some(0), String::new())
    );
}

// ── A set of workbooks that fails half-way ─────────────────────────────

#[test]
fn a_merge_that_fails_half_way_leaves_the_previous_set_whole() {
    let repo = campaign_with_history();
    let first = campaign(&repo.root, &["merge", "--as-of", "2021-06-10"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let out = repo.root.join("out");
    // The third book cannot be written: a folder stands at its name.
    let third = out.join("附件3-活动进展情况汇总表.xlsx");
    std::fs::remove_file(&third).unwrap();
    std::fs::create_dir(&third).unwrap();
    let before = common::tree::tree(&out);

    for (lang, expected) in [
        (
            "zh",
            format!(
                "无法写入 {}：is a directory。本次的 5 个文件都没有写入（附件1-联络员汇总表.xlsx、附件2-重点活动计划汇总表.xlsx、附件3-活动进展情况汇总表.xlsx、报送情况.xlsx、活动综合情况汇编.docx），原有的文件保持原样。\n",
                third.display()
            ),
        ),
        (
            "en",
            format!(
                "cannot write {}: is a directory. None of the 5 files of this run was written (附件1-联络员汇总表.xlsx, 附件2-重点活动计划汇总表.xlsx, 附件3-活动进展情况汇总表.xlsx, 报送情况.xlsx, 活动综合情况汇编.docx); the files there before are as they were.\n",
                third.display()
            ),
        ),
    ] {
        let failed = campaign(
            &repo.root,
            &["--lang", lang, "merge", "--as-of", "2021-06-20"],
        );
        assert_eq!(
            (failed.status.code(), stderr(&failed)),
            (Some(2), expected),
            "{lang}"
        );
        assert_eq!(
            common::tree::tree(&out),
            before,
            "{lang}: out/ is as it was"
        );
    }
}
