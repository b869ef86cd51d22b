//! The binary as a user runs it: init, templates, root discovery, exit statuses.

mod common;

use std::path::Path;

use assert_cmd::Command;
use campaign::lang::Lang;
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
    // The CI files are checked, run and all, by tests/ci.rs.

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
    std::fs::create_dir(tmp.path().join("empty")).unwrap();
    campaign(tmp.path())
        .args(["templates", "--root", "empty", "--lang", "en"])
        .assert()
        .code(2)
        .stderr("the folder given with --root, empty, holds no campaign.toml.\n");
}

#[test]
fn a_root_that_does_not_exist_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    for command in ["templates", "check", "merge"] {
        campaign(tmp.path())
            .args([command, "--root", "nowhere"])
            .assert()
            .code(2)
            .stdout("")
            .stderr("--root 指定的文件夹 nowhere 不存在。\n");
    }
    campaign(tmp.path())
        .args(["--root=nowhere", "--lang=en", "explain", "x.xlsx"])
        .assert()
        .code(2)
        .stderr("the folder given with --root, nowhere, does not exist.\n");
}

#[test]
fn init_creates_the_campaign_in_the_root_folder() {
    let tmp = tempfile::tempdir().unwrap();
    campaign(tmp.path())
        .args(["init", "--root", "安全生产月"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "已在 安全生产月 新建活动，共写入 21 个文件。\n",
        ));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("安全生产月/campaign.toml")).unwrap(),
        campaign::definition::DEFAULT_TOML
    );
    assert!(!tmp.path().join("campaign.toml").exists());

    // The same folder twice, however spelled, is one folder.
    campaign(tmp.path())
        .args(["init", "安全生产月/", "--root", "./安全生产月", "--force"])
        .assert()
        .success();
}

#[test]
fn init_refuses_two_different_folders() {
    let tmp = tempfile::tempdir().unwrap();
    campaign(tmp.path())
        .args(["init", "甲", "--root", "乙"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "campaign init 的 DIR（甲）与 --root（乙）是两个不同的文件夹，请只写其中一个。\n\
             请运行 campaign init --help 查看用法。\n",
        );
    campaign(tmp.path())
        .args(["--lang", "en", "--root", "乙", "init", "甲"])
        .assert()
        .code(2)
        .stderr(
            "campaign init was given two different folders, DIR 甲 and --root 乙; give only one.\n\
             Run campaign init --help --lang en to see how to use it.\n",
        );
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "nothing is created"
    );
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
fn bad_usage_exits_2_and_version_prints() {
    let tmp = tempfile::tempdir().unwrap();
    campaign(tmp.path())
        .arg("frobnicate")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "没有“frobnicate”这个命令，可用的命令：init、templates、check、merge、explain、receive、stamp、remind、completions、man。\n\
             请运行 campaign --help 查看用法。\n",
        );
    for flag in ["--version", "-V"] {
        campaign(tmp.path())
            .arg(flag)
            .assert()
            .success()
            .stdout(format!("campaign {}\n", env!("CARGO_PKG_VERSION")));
    }
}

#[test]
fn an_unknown_flag_is_named_in_the_language_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    campaign(tmp.path())
        .arg("--x")
        .assert()
        .code(2)
        .stdout("")
        .stderr("没有 --x 这个选项。\n请运行 campaign --help 查看用法。\n");
    campaign(tmp.path())
        .args(["check", "--x", "--lang", "en"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "there is no option --x.\nRun campaign check --help --lang en to see how to use it.\n",
        );
}

#[test]
fn a_bad_format_names_the_value_and_the_formats() {
    let tmp = tempfile::tempdir().unwrap();
    campaign(tmp.path())
        .args(["check", "--format", "foo"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "--format 的值“foo”无效，可选值：table、json、markdown、junit、html、github。\n\
             请运行 campaign check --help 查看用法。\n",
        );
    campaign(tmp.path())
        .args(["--lang=en", "check", "--format=foo"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "invalid value 'foo' for --format; possible values: table, json, markdown, junit, html, github.\n\
             Run campaign check --help --lang en to see how to use it.\n",
        );
    campaign(tmp.path())
        .args(["merge", "--format", "table", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(
            "invalid value 'table' for --format; possible values: json.\n\
             Run campaign merge --help --lang en to see how to use it.\n",
        );
}

/// Words of the English help that must not show in the Chinese one.
const ENGLISH: [&str; 12] = [
    "Usage",
    "Options",
    "Commands",
    "Print help",
    "Print version",
    "default:",
    "Collect the forms",
    "the campaign folder",
    "language of messages",
    "scaffold a campaign folder",
    "Examples",
    "Exit status",
];

/// Words of the Chinese help that must not show in the English one.
const CHINESE: [&str; 10] = [
    "用法",
    "选项",
    "命令",
    "显示帮助",
    "显示版本",
    "默认",
    "收集各单位报表",
    "活动文件夹",
    "示例",
    "退出码",
];

#[test]
fn the_main_help_speaks_one_language() {
    let tmp = tempfile::tempdir().unwrap();
    let zh = help(tmp.path(), &["--help"]);
    assert!(
        zh.starts_with(
            "收集各单位报表，检查谁按时、逾期、未报或有误，并生成汇总表\n\n用法：campaign [选项] [命令]\n\n命令：\n"
        ),
        "{zh}"
    );
    assert!(
        zh.contains("\n  -h, --help         显示帮助\n  -V, --version      显示版本\n"),
        "{zh}"
    );
    assert!(
        zh.contains("\n  campaign check --as-of 2021-06-30\n                                  查看各单位报送情况\n"),
        "{zh}"
    );
    for word in ENGLISH {
        assert!(!zh.contains(word), "{word:?} in\n{zh}");
    }

    let en = help(tmp.path(), &["--help", "--lang", "en"]);
    assert!(
        en.starts_with("Collect the forms a campaign's units return, check who is on time, late,"),
        "{en}"
    );
    assert!(
        en.contains("\nUsage: campaign [OPTIONS] [COMMAND]\n"),
        "{en}"
    );
    assert!(en.contains("\n  -h, --help         Print help\n"), "{en}");
    assert!(en.contains("\nExit status:\n  0  fine\n"), "{en}");
    for word in CHINESE {
        assert!(!en.contains(word), "{word:?} in\n{en}");
    }
    // Only the examples' own arguments are Chinese.
    let outside_examples = en
        .replace("campaign init 安全生产月", "")
        .replace("submissions/党建室/附件3.xlsx", "")
        .replace("~/下载/附件3.xlsx", "")
        .replace("--unit 环卫中心", "");
    assert!(
        !outside_examples
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{en}"
    );
}

#[test]
fn the_help_of_check_speaks_one_language() {
    let tmp = tempfile::tempdir().unwrap();
    let zh = help(tmp.path(), &["check", "--help"]);
    let expected = [
        "查看各单位各事项的报送情况\n",
        "\n",
        "用法：campaign check [选项]\n",
        "\n",
        "选项：\n",
        "      --as-of <T>\n",
        "          按此时刻判断：日期（当天结束）或日期时间，默认现在\n",
        "\n",
        "      --root <DIR>\n",
        "          活动文件夹（默认：向上查找含 campaign.toml 的文件夹）\n",
        "\n",
        "      --format <FORMAT>\n",
        "          输出格式\n",
        "          \n",
        "          可选值：\n",
        "            table     终端表格\n",
        "            json      供其他工具读取的 JSON\n",
        "            markdown  CI 摘要用的 Markdown\n",
        "            junit     CI 测试报告用的 JUnit XML\n",
        "            html      供领导阅读的报送情况页面（单个 HTML 文件）\n",
        "            github    GitHub Actions 注释：每个问题标在其文件上\n",
        "          \n",
        "          [默认：table]\n",
        "\n",
        "      --lang <LANG>\n",
        "          提示和帮助使用的语言 [默认：zh] [可选值：zh、en]\n",
        "\n",
        "      --out <FILE>\n",
        "          写入文件而非屏幕\n",
        "\n",
        "  -q, --quiet\n",
        "          不显示进度条\n",
        "\n",
        "      --fail-on <LIST>\n",
        "          出现这些状态时退出码为 1，用逗号分隔（ok,late,missing,pending,invalid,exempt） [默认：missing,invalid]\n",
        "\n",
        "      --due-soon <DAYS>\n",
        "          距截止不足几天算“即将到期” [默认：2]\n",
        "\n",
        "  -h, --help\n",
        "          显示帮助\n",
    ]
    .concat();
    assert_eq!(zh, expected);
    for word in ENGLISH
        .iter()
        .chain(&["Possible values", "a table for the terminal"])
    {
        assert!(!zh.contains(word), "{word:?} in\n{zh}");
    }

    let en = help(tmp.path(), &["check", "--lang=en", "-h"]);
    assert!(
        en.starts_with(
            "the status of every unit and report\n\nUsage: campaign check [OPTIONS]\n\nOptions:\n"
        ),
        "{en}"
    );
    assert!(en.contains("[default: missing,invalid]"), "{en}");
    let long = help(tmp.path(), &["check", "--help", "--lang", "en"]);
    assert!(
        long.contains(
            "\n          Possible values:\n            table     a table for the terminal\n"
        ),
        "{long}"
    );
    assert!(
        long.contains(
            "\n            html      a status page for leaders (one self-contained HTML file)\n"
        ),
        "{long}"
    );
    for text in [en, long] {
        assert!(
            !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{text}"
        );
    }
}

fn help(dir: &Path, args: &[&str]) -> String {
    let output = campaign(dir)
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(output.stderr.is_empty());
    String::from_utf8(output.stdout).unwrap()
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
报送情况：
  党建室 · 附件3 活动进展情况统计表：本文件是计入的版本，状态为“有误”
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
            "Problems: none\nStanding:\n  党建室 · 附件3 活动进展情况统计表: this file is the version that counts; status late\nVerdict: usable.\n",
        ));
    campaign(sc.root())
        .args(["explain", "nothing.xlsx"])
        .assert()
        .code(2)
        .stderr("找不到文件 nothing.xlsx。\n");
}

/// What a bare `campaign` prints in `dir` in `lang`, with exit status 0 and
/// nothing on standard error. Its first line must name the campaign and the
/// moment it ran, by the clock in the campaign's time zone; the lines after
/// it are returned.
fn overview(dir: &Path, lang: Lang) -> String {
    let beijing = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let clock = || {
        let now = chrono::Utc::now().with_timezone(&beijing);
        lang.pick(
            now.format("2021年“安全生产月”活动　截至 %Y年%-m月%-d日 %H:%M"),
            now.format("2021年“安全生产月”活动 — as of %Y-%m-%d %H:%M"),
        )
        .to_string()
    };
    let before = clock();
    let output = campaign(dir)
        .args(lang.pick(&[][..], &["--lang", "en"]))
        .assert()
        .success()
        .stderr("")
        .get_output()
        .clone();
    let after = clock();
    let text = String::from_utf8(output.stdout).unwrap();
    let (heading, rest) = text.split_once('\n').unwrap();
    assert!(
        heading == before || heading == after,
        "{heading:?} is neither {before:?} nor {after:?}"
    );
    rest.to_owned()
}

#[test]
fn a_bare_campaign_says_where_the_campaign_stands_now() {
    let tmp = tempfile::tempdir().unwrap();
    campaign(tmp.path()).arg("init").assert().success();
    // Every deadline of the default campaign lies in June 2021: none is ahead.
    let deep = tmp.path().join("submissions/党建室");
    assert_eq!(
        overview(&deep, Lang::Zh),
        "共 70 项：按时 0，逾期 0，未报 70，待报 0，有误 0，免报 0\n\
         下一个截止：无（没有待报的事项）\n\
         还没有收到任何表格。运行 campaign templates 生成空白表格（templates/）发给各单位；\
         各单位填好后放入 submissions/本单位名称/ 文件夹并提交，或交委办公室代为放入。\n"
    );
    assert_eq!(
        overview(&deep, Lang::En),
        "70 results: on time 0, late 0, missing 70, pending 0, invalid 0, exempt 0\n\
         Next deadline: none (nothing is pending)\n\
         Nothing has come in yet. Run campaign templates to write the blank forms into templates/ \
         and send them to the units; each unit puts its filled forms into submissions/<its name>/ \
         and commits them, or hands them to 委办公室, who puts them there.\n"
    );

    // A 附件1 not committed yet is received now, years after its deadline.
    common::write_xlsx(
        &deep.join("附件1.xlsx"),
        &[(
            "附件1",
            common::liaison_rows("党建室", &[("赵六", "13800001234")]),
        )],
    );
    assert_eq!(
        overview(tmp.path(), Lang::Zh),
        "共 70 项：按时 0，逾期 1，未报 69，待报 0，有误 0，免报 0\n\
         下一个截止：无（没有待报的事项）\n\
         运行 campaign check 查看各单位的详细情况；有 14 个单位需要催报，运行 campaign remind 生成催报消息。\n"
    );
    assert_eq!(
        overview(tmp.path(), Lang::En),
        "70 results: on time 0, late 1, missing 69, pending 0, invalid 0, exempt 0\n\
         Next deadline: none (nothing is pending)\n\
         Run campaign check --lang en for the details of every unit; 14 units owe something: \
         campaign remind --lang en writes their reminders.\n"
    );
}

#[test]
fn a_bare_campaign_outside_a_campaign_says_how_to_start_one() {
    let tmp = tempfile::tempdir().unwrap();
    campaign(tmp.path()).assert().success().stderr("").stdout(
        "这里不是活动文件夹：当前文件夹及其上级文件夹中都没有 campaign.toml。\n\
         新建活动：campaign init 目录名\n\
         已有活动：请进入活动文件夹后再运行，或用 --root 指定活动文件夹。\n\
         查看全部命令：campaign --help\n",
    );
    campaign(tmp.path())
        .args(["--lang", "en"])
        .assert()
        .success()
        .stderr("")
        .stdout(
            "This is not a campaign folder: there is no campaign.toml here or in any folder above.\n\
             To start a campaign: campaign init DIR\n\
             For an existing one: run campaign inside its folder, or name the folder with --root.\n\
             All commands: campaign --help --lang en\n",
        );
    // A folder named with --root is meant to be a campaign: its absence is a mistake.
    campaign(tmp.path())
        .args(["--root", "."])
        .assert()
        .code(2)
        .stdout("")
        .stderr("--root 指定的文件夹 . 中没有 campaign.toml。\n");
}

#[test]
fn the_help_of_merge_names_the_workbooks() {
    let tmp = tempfile::tempdir().unwrap();
    let zh = help(tmp.path(), &["merge", "--help"]);
    assert!(
        zh.starts_with(
            "生成汇总表到 out/：附件1-联络员汇总表.xlsx、附件2-重点活动计划汇总表.xlsx、\
             附件3-活动进展情况汇总表.xlsx 和 报送情况.xlsx（各单位各事项的报送情况，供领导阅览）\n\n\
             用法：campaign merge [选项]\n"
        ),
        "{zh}"
    );
    let short = help(tmp.path(), &["merge", "-h"]);
    assert!(
        short.starts_with("生成汇总表到 out/\n\n用法：campaign merge [选项]\n"),
        "{short}"
    );
    let en = help(tmp.path(), &["merge", "--help", "--lang", "en"]);
    let about: Vec<&str> = en
        .split("\n\n")
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(
        about.join(" "),
        "write the consolidated workbooks into out/: the roll-ups of the liaisons, the key-activity \
         plans and the progress figures, and the status workbook for the leaders (every unit and \
         report, coloured by status)"
    );
}
