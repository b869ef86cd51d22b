//! The binary as a user runs it: init, templates, root discovery, exit statuses.

mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn campaign(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("campaign").unwrap();
    cmd.current_dir(dir);
    cmd
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    files
}

#[test]
fn init_scaffolds_a_campaign_on_which_templates_runs() {
    let tmp = tempfile::tempdir().unwrap();
    campaign(tmp.path())
        .args(["init", "安全生产月"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "已在 安全生产月 新建活动，共写入 21 个文件。\n",
        ));
    let dir = tmp.path().join("安全生产月");
    let units = common::default_campaign().units;
    let mut expected: Vec<String> = vec![
        ".github/workflows/campaign.yml".into(),
        ".gitignore".into(),
        ".gitlab-ci.yml".into(),
        "campaign.toml".into(),
        "templates/附件1-联络员表.xlsx".into(),
        "templates/附件2-重点活动计划安排表.xlsx".into(),
        "templates/附件3-活动进展情况统计表.xlsx".into(),
    ];
    expected.extend(
        units
            .iter()
            .map(|u| format!("submissions/{}/.gitkeep", u.name)),
    );
    expected.sort();
    assert_eq!(files_under(&dir), expected);
    assert_eq!(
        std::fs::read_to_string(dir.join("campaign.toml")).unwrap(),
        campaign::definition::DEFAULT_TOML
    );
    let gitignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(
        gitignore.contains("\nout/\n") && gitignore.contains("\n~$*\n"),
        "{gitignore}"
    );
    let workflow = std::fs::read_to_string(dir.join(".github/workflows/campaign.yml")).unwrap();
    assert!(
        workflow.contains("fetch-depth: 0") && workflow.contains("campaign check"),
        "{workflow}"
    );

    let before = std::fs::read(dir.join("templates/附件3-活动进展情况统计表.xlsx")).unwrap();
    campaign(&dir).arg("templates").assert().success().stdout(
        "templates/附件1-联络员表.xlsx\ntemplates/附件2-重点活动计划安排表.xlsx\ntemplates/附件3-活动进展情况统计表.xlsx\n",
    );
    let after = std::fs::read(dir.join("templates/附件3-活动进展情况统计表.xlsx")).unwrap();
    assert_eq!(before, after, "regenerating a form must not change it");
}

#[test]
fn init_refuses_to_overwrite_a_campaign_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("campaign.toml"), "# mine\n").unwrap();
    std::fs::write(tmp.path().join(".gitignore"), "mine\n").unwrap();
    campaign(tmp.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr("./campaign.toml 已存在，未作改动。如确需用默认活动覆盖，请加 --force。\n");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("campaign.toml")).unwrap(),
        "# mine\n"
    );

    campaign(tmp.path())
        .args(["init", "--force"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("campaign.toml")).unwrap(),
        campaign::definition::DEFAULT_TOML
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join(".gitignore")).unwrap(),
        "mine\n",
        "other files are kept"
    );
}

#[test]
fn the_root_is_found_from_a_subfolder_or_given_with_root() {
    let tmp = tempfile::tempdir().unwrap();
    campaign(tmp.path()).arg("init").assert().success();
    let deep = tmp.path().join("submissions/党建室");
    campaign(&deep)
        .arg("templates")
        .assert()
        .success()
        .stdout(predicate::str::contains("templates/附件1-联络员表.xlsx"));

    let elsewhere = tempfile::tempdir().unwrap();
    campaign(elsewhere.path())
        .args(["templates", "--root"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "templates/附件3-活动进展情况统计表.xlsx",
        ));
}

#[test]
fn no_campaign_root_is_an_error_with_status_2() {
    let tmp = tempfile::tempdir().unwrap();
    campaign(tmp.path()).arg("templates").assert().code(2).stderr(format!(
        "在 {} 及其上级文件夹中没有找到 campaign.toml。请进入活动文件夹，或用 --root 指定；新建活动请用 campaign init。\n",
        tmp.path().canonicalize().unwrap().display()
    ));
    campaign(tmp.path())
        .args(["templates", "--root", "nowhere", "--lang", "en"])
        .assert()
        .code(2)
        .stderr("the folder given with --root, nowhere, holds no campaign.toml.\n");
}

#[test]
fn a_bad_definition_exits_2_and_names_every_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let broken = campaign::definition::DEFAULT_TOML
        .replace("aliases = [\"安监室\"]", "aliases = [\"党建室\"]")
        .replace("type = \"mobile\"", "type = \"cellphone\"");
    std::fs::write(tmp.path().join("campaign.toml"), broken).unwrap();
    campaign(tmp.path())
        .arg("templates")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!(
            "活动定义 {} 有 2 处问题，请修改后重试：\n",
            tmp.path().canonicalize().unwrap().join("campaign.toml").display()
        )))
        .stderr(predicate::str::contains(
            "units[5].aliases[0]：名称或简称“党建室”与 units[0].name 重复，每个单位的名称和简称必须各不相同",
        ))
        .stderr(predicate::str::contains("reports[0].columns[5].type：列类型“cellphone”无法识别"));
    assert!(
        !tmp.path().join("templates").exists(),
        "nothing is written from a bad definition"
    );
}

#[test]
fn a_toml_syntax_error_shows_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("campaign.toml"),
        "[campaign]\nname = \"x\nstart = 2021-06-01\n",
    )
    .unwrap();
    campaign(tmp.path())
        .arg("templates")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("格式有误").and(predicate::str::contains("line 2, column")),
        );
}

#[test]
fn commands_still_to_come_say_so_with_status_2() {
    let tmp = tempfile::tempdir().unwrap();
    campaign(tmp.path())
        .arg("merge")
        .assert()
        .code(2)
        .stderr("campaign merge 尚未提供，将在后续版本中加入。\n");
}

#[test]
fn bad_usage_exits_2_and_version_prints() {
    let tmp = tempfile::tempdir().unwrap();
    campaign(tmp.path()).arg("frobnicate").assert().code(2);
    campaign(tmp.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("campaign {}\n", env!("CARGO_PKG_VERSION")));
    campaign(tmp.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "campaign check --as-of 2021-06-30",
        ));
}
