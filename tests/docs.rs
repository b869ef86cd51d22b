//! `campaign completions SHELL` and `campaign man`: generated from the same
//! localized command tree as `--help`, in the language asked for, and the
//! manual page typeset by real groff without a warning.

use std::io::Write;
use std::process::{Command as Process, Stdio};

mod common;

use assert_cmd::Command;

fn campaign(args: &[&str]) -> String {
    let output = Command::cargo_bin("campaign")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(common::run::succeeded(output)).unwrap()
}

const COMMANDS: [&str; 10] = [
    "init",
    "templates",
    "check",
    "merge",
    "explain",
    "stamp",
    "receive",
    "remind",
    "completions",
    "man",
];

#[test]
fn completions_cover_every_command_in_every_shell() {
    let bash = campaign(&["completions", "bash"]);
    assert!(bash.contains("complete -F _campaign"), "{bash}");
    for command in COMMANDS {
        assert!(
            bash.contains(&format!("campaign__subcmd__{command})")),
            "{command}"
        );
    }
    assert!(bash.contains("--as-of"));
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = campaign(&["completions", shell]);
        assert!(script.contains("fail-on"), "{shell}");
    }
}

#[test]
fn completion_descriptions_speak_the_language_asked_for() {
    let zh = campaign(&["completions", "fish"]);
    assert!(
        zh.contains("-a \"check\" -d '查看各单位各事项的报送情况'"),
        "{zh}"
    );
    assert!(!zh.contains("the status of every unit"));
    let en = campaign(&["completions", "fish", "--lang", "en"]);
    assert!(
        en.contains("-a \"check\" -d 'the status of every unit and report'"),
        "{en}"
    );
}

#[test]
fn an_unknown_shell_is_bad_usage() {
    Command::cargo_bin("campaign")
        .unwrap()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("tcsh"));
}

/// The page as groff typesets it for a terminal, with its warnings.
fn typeset(page: &str) -> (String, String) {
    let mut groff = Process::new("groff")
        .args(["-K", "utf8", "-man", "-Tutf8", "-ww", "-P", "-cbou"])
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("groff must be installed: run scripts/test.sh, which installs it");
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let output = groff.wait_with_output().unwrap();
    assert!(output.status.success());
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_manual_page_typesets_cleanly_in_chinese() {
    let page = campaign(&["man"]);
    assert!(
        page.contains(".TH CAMPAIGN 1 2026-12 \"campaign 0.1.0\" \"campaign 使用手册\"\n"),
        "{page}"
    );
    let (text, warnings) = typeset(&page);
    assert_eq!(warnings, "");
    let headings: Vec<&str> = text
        .lines()
        .filter(|line| !line.starts_with(' ') && !line.is_empty())
        .collect();
    assert_eq!(
        headings,
        [
            "CAMPAIGN(1)                    campaign 使用手册                   CAMPAIGN(1)",
            "名称",
            "概要",
            "选项",
            "命令",
            "示例",
            "退出码",
            "campaign 0.1.0                      2026-12                        CAMPAIGN(1)"
        ]
    );
    assert!(text.contains("       campaign [选项] [命令]\n"), "{text}");
    for command in COMMANDS {
        assert!(
            text.contains(&format!("\n   campaign {command}\n")),
            "{command}"
        );
    }
    assert!(
        text.contains("       --fail-on <LIST>\n              出现这些状态时退出码为"),
        "{text}"
    );
    assert!(
        text.contains("       2      活动定义无法读取，或用法有误\n"),
        "{text}"
    );
    assert!(!text.contains("OPTIONS") && !text.contains("Print help"));
}

#[test]
fn the_manual_page_speaks_english_on_request() {
    let (text, warnings) = typeset(&campaign(&["man", "--lang", "en"]));
    assert_eq!(warnings, "");
    for heading in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "COMMANDS",
        "EXAMPLES",
        "EXIT STATUS",
    ] {
        assert!(text.contains(&format!("\n{heading}\n")), "{heading}");
    }
    assert!(text.contains("the status of every unit and report"));
    assert!(!text.contains("查看各单位各事项的报送情况"));
}
