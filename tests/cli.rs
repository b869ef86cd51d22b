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
            tmp.path()
                .canonicalize()
                .unwrap()
                .join("campaign.toml")
                .display()
        )))
        .stderr(predicate::str::contains(
            "units[5].aliases[0]：名称或简称“党建室”与 units[0].name 重复，名称和简称必须各不相同",
        ))
        .stderr(predicate::str::contains(
            "reports[0].columns[5].type：列类型“cellphone”无法识别",
        ));
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
    let definition = tmp.path().canonicalize().unwrap().join("campaign.toml");
    campaign(tmp.path())
        .arg("templates")
        .assert()
        .code(2)
        .stderr(format!(
            concat!(
                "活动定义 {} 第 2 行第 10 列格式有误：文字缺少结尾的引号 \"，请在文字末尾补上\n",
                "  2 | name = \"x\n",
                "    |          ^\n",
            ),
            definition.display()
        ));
}

#[test]
fn formats_still_to_come_say_so_with_status_2() {
    let tmp = tempfile::tempdir().unwrap();
    campaign(tmp.path()).arg("init").assert().success();
    campaign(tmp.path())
        .args(["check", "--format", "html"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("--format html 尚未提供，将在后续版本中加入。\n");
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

#[test]
fn explain_shows_how_one_file_was_read_and_exits_1_on_errors() {
    let sc = common::Scenario::new();
    let mut counts = common::sample_counts();
    counts[1] = [1.0, 2.0, 3.0, 4.0, 5.0, 5.0];
    let mut rows = common::progress_sheet("党建室", &counts);
    rows[4][2] = common::s("约3");
    // C holds an unreadable cell, so its 合计 is not checked; D's 合计 is wrong.
    rows[13][2] = common::C::F("SUM(C4:C13)".into(), 449.0);
    rows[13][3] = common::C::F("SUM(D4:D13)".into(), 460.0);
    sc.xlsx("submissions/党建办/附件3.xlsx", &[("附件3", rows)]);
    let expected = "\
文件：submissions/党建办/附件3.xlsx
单位：党建室（依据：所在文件夹、填报单位）
工作表“附件3”：附件3 活动进展情况统计表
  表头：第 3 行 序号=A 活动事项=B 开展场次（场）=C 参与人次（人次）=D 发放宣传资料（份）=E 媒体报道（篇/条）=F 排查隐患（项）=G 整改隐患（项）=H 备注=I
  填报单位：党建室  填报人：张三  联系电话：13800001234  填报日期：2021年6月27日
  数据 10 行：
    第 4 行 序号=1  活动事项=1 专题学习  开展场次=0  参与人次=1  发放宣传资料=2  媒体报道=3  排查隐患=4  整改隐患=4
    第 5 行 序号=2  活动事项=2 领导干部讲安全  参与人次=2  发放宣传资料=3  媒体报道=4  排查隐患=5  整改隐患=5
    第 6 行 序号=3  活动事项=3 安全隐患排查整治  开展场次=20  参与人次=21  发放宣传资料=22  媒体报道=23  排查隐患=24  整改隐患=24
    第 7 行 序号=4  活动事项=4 宣传典型经验做法  开展场次=30  参与人次=31  发放宣传资料=32  媒体报道=33  排查隐患=34  整改隐患=34
    第 8 行 序号=5  活动事项=5 集中宣传咨询  开展场次=40  参与人次=41  发放宣传资料=42  媒体报道=43  排查隐患=44  整改隐患=44
    第 9 行 序号=6  活动事项=6 应急演练  开展场次=50  参与人次=51  发放宣传资料=52  媒体报道=53  排查隐患=54  整改隐患=54
    第 10 行 序号=7  活动事项=7 安全宣传“五进”  开展场次=60  参与人次=61  发放宣传资料=62  媒体报道=63  排查隐患=64  整改隐患=64
    第 11 行 序号=8  活动事项=8 典型事故案例警示  开展场次=70  参与人次=71  发放宣传资料=72  媒体报道=73  排查隐患=74  整改隐患=74
    第 12 行 序号=9  活动事项=9 全媒体联动  开展场次=80  参与人次=81  发放宣传资料=82  媒体报道=83  排查隐患=84  整改隐患=84
    第 13 行 序号=10  活动事项=10 参与国家、市级、区级宣传系列活动  开展场次=90  参与人次=91  发放宣传资料=92  媒体报道=93  排查隐患=94  整改隐患=94
  合计：第 14 行（仅核对，不计入汇总）
  本表有误
问题 2 个（错误 1，提醒 1）：
  错误  附件3!C5  “开展场次（场）”填写的是“约3”，应填写确切的非负整数，不能写“约”“左右”等估计数
  提醒  附件3!D14  合计行“参与人次（人次）”填写的是 460，但各行相加为 451；汇总以各行数据为准
结论：有误，请按以上提示修改后重新提交。
";
    campaign(sc.root())
        .args(["explain", "submissions/党建办/附件3.xlsx"])
        .assert()
        .code(1)
        .stdout(expected);

    let clean = common::progress_sheet("党建室", &common::sample_counts());
    sc.xlsx("submissions/党建室/附件3.xlsx", &[("附件3", clean)]);
    campaign(&sc.path("submissions/党建室"))
        .args(["explain", "附件3.xlsx", "--lang", "en"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "File: submissions/党建室/附件3.xlsx\nUnit: 党建室 (from: folder, 填报单位 cell)\n",
        ))
        .stdout(predicate::str::ends_with(
            "Problems: none\nVerdict: usable.\n",
        ));
    campaign(sc.root())
        .args(["explain", "nothing.xlsx"])
        .assert()
        .code(2)
        .stderr("找不到文件 nothing.xlsx。\n");
}
