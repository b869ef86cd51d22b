//! The CI files `campaign init` writes, for GitHub Actions and GitLab: they
//! parse, have the steps they should, and the commands they run — exactly as
//! written there — do what they say on a scaffolded campaign pushed to a bare
//! remote: stamp and push the ledger back, annotate, report, build the page
//! and the workbooks, and fail only on an invalid form. No telephone number
//! appears in anything they print.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::git::Repo;
use common::{liaison_rows, progress_sheet, s, sample_counts, write_xlsx};
use yaml_rust2::{Yaml, YamlLoader};

/// The telephone numbers the fixture's forms hold, valid or not.
const PHONES: [&str; 4] = ["13800001234", "1380000123", "13900005678", "12345678"];

/// A shared repository as units leave it: the scaffolded campaign, a good
/// 附件1, one with a mobile number a digit short, and one whose file name
/// holds a mobile and whose e-mail is wrong; pushed to a bare remote. The
/// unit's clone is returned too, to push more while CI runs.
fn pushed_campaign() -> (Repo, Repo) {
    let remote = Repo::bare();
    let unit = Repo::clone_of(&remote);
    let init = Command::new(env!("CARGO_BIN_EXE_campaign"))
        .arg("init")
        .current_dir(&unit.root)
        .output()
        .unwrap();
    assert!(init.status.success());
    let roster = |unit: &str, mobile: &str| liaison_rows(unit, &[("赵六", mobile)]);
    write_xlsx(
        &unit.root.join("submissions/党建室/附件1.xlsx"),
        &[("附件1", roster("党建室", "13800001234"))],
    );
    write_xlsx(
        &unit.root.join("submissions/公共室/附件1.xlsx"),
        &[("附件1", roster("公共室", "1380000123"))],
    );
    let mut wrong_email = roster("市容环卫室", "13900005678");
    wrong_email[3][6] = s("zhaoliu.example.com");
    write_xlsx(
        &unit
            .root
            .join("submissions/市容环卫室/联络员赵六13900005678.xlsx"),
        &[("附件1", wrong_email)],
    );
    write_xlsx(
        &unit.root.join("submissions/党建室/附件3.xlsx"),
        &[("附件3", progress_sheet("党建室", &sample_counts()))],
    );
    unit.commit_at("2021-06-02T10:00:00+08:00");
    unit.git(&["push", "-q", "origin", "HEAD:main"]);
    (remote, unit)
}

fn yaml(path: &Path) -> Yaml {
    let text = std::fs::read_to_string(path).unwrap();
    YamlLoader::load_from_str(&text)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
        .remove(0)
}

fn text(value: &Yaml) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not text: {value:?}"))
}

/// What one command of a CI file printed, and how it ended.
struct Ran {
    code: i32,
    printed: String,
}

/// Runs `script` with bash in `dir` as a CI runner would, with the built
/// `campaign` first on the PATH and git set up as on a fresh machine.
fn run(script: &str, dir: &Path, env: &[(String, String)]) -> Ran {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_campaign"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap()
    );
    let output = Command::new("bash")
        .args([
            "--noprofile",
            "--norc",
            "-e",
            "-o",
            "pipefail",
            "-c",
            script,
        ])
        .current_dir(dir)
        .env("PATH", path)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("CAMPAIGN_STAMP_NOW", "2021-06-02T10:05:00+08:00")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .unwrap();
    Ran {
        code: output.status.code().unwrap_or(-1),
        printed: format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

/// The subjects of the remote's commits, newest first.
fn subjects(remote: &Repo) -> Vec<String> {
    remote
        .git(&["log", "--format=%s", "main"])
        .lines()
        .map(str::to_owned)
        .collect()
}

fn assert_no_phone(text: &str) {
    for phone in PHONES {
        assert!(!text.contains(phone), "{phone} printed:\n{text}");
    }
}

/// What every CI run leaves behind: the four workbooks and the status page.
fn assert_outputs(ci: &Path, page: &str) {
    for book in [
        "附件1-联络员汇总表.xlsx",
        "附件2-重点活动计划汇总表.xlsx",
        "附件3-活动进展情况汇总表.xlsx",
        "报送情况.xlsx",
    ] {
        assert!(ci.join("out").join(book).is_file(), "{book}");
    }
    let page = std::fs::read_to_string(ci.join(page)).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert_no_phone(&page);
    assert!(ci.join("campaign-junit.xml").is_file());
}

#[test]
fn the_github_workflow_parses_and_its_steps_run() {
    let (remote, unit) = pushed_campaign();
    let ci = Repo::clone_of(&remote);
    // A unit pushes again after CI checked out: the stamp step pulls it in.
    let late = "submissions/区城市照明管理所/联络员13800001234.xlsx";
    write_xlsx(
        &unit.root.join(late),
        &[(
            "附件1",
            liaison_rows("区城市照明管理所", &[("孙八", "13800001234")]),
        )],
    );
    unit.commit_at("2021-06-02T10:01:00+08:00");
    unit.git(&["push", "-q", "origin", "HEAD:main"]);
    let workflow = yaml(&ci.root.join(".github/workflows/campaign.yml"));
    assert_eq!(text(&workflow["permissions"]["contents"]), "write");
    let steps = workflow["jobs"]["check"]["steps"].as_vec().unwrap();
    assert_eq!(text(&steps[0]["uses"]), "actions/checkout@v4");
    assert_eq!(steps[0]["with"]["fetch-depth"].as_i64(), Some(0));
    let named: Vec<&str> = steps
        .iter()
        .map(|step| step["name"].as_str().or(step["uses"].as_str()).unwrap())
        .collect();
    assert_eq!(
        named,
        [
            "actions/checkout@v4",
            "取出缓存的 campaign",
            "安装 campaign",
            "缓存 campaign",
            "登记收到时间",
            "检查时刻",
            "标注有误的文件",
            "测试报告",
            "报送情况页面",
            "生成汇总表",
            "actions/upload-artifact@v4",
            "检查报送情况",
        ]
    );
    // The tool is compiled only when the cache does not hold it, and kept in
    // the cache at once, before a form with errors fails the run.
    assert_eq!(text(&steps[1]["uses"]), "actions/cache/restore@v4");
    assert_eq!(text(&steps[1]["with"]["path"]), "~/.cargo/bin/campaign");
    let missed = "steps.cache.outputs.cache-hit != 'true'";
    assert_eq!(text(&steps[2]["if"]), missed);
    assert_eq!(text(&steps[3]["uses"]), "actions/cache/save@v4");
    assert_eq!(text(&steps[3]["if"]), missed);
    assert_eq!(text(&steps[10]["if"]), "always()");

    // Every step that runs a command, as a push to the default branch runs
    // it, but the installation (the test has the tool at hand). What a step
    // adds to GITHUB_ENV is in the environment of the steps after it.
    let summary = ci.top.join("summary.md");
    let github_env = ci.top.join("github.env");
    let mut env: Vec<(String, String)> = [
        ("GITHUB_REF_NAME", "main"),
        ("GITHUB_STEP_SUMMARY", summary.to_str().unwrap()),
        ("GITHUB_ENV", github_env.to_str().unwrap()),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .to_vec();
    let mut log = String::new();
    let mut codes = Vec::new();
    for step in steps.iter().skip(4) {
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        assert!(!script.contains("${{"), "{script}");
        let ran = run(script, &ci.root, &env);
        log.push_str(&ran.printed);
        codes.push((text(&step["name"]).to_owned(), ran.code));
        let added = std::fs::read_to_string(&github_env).unwrap_or_default();
        env.extend(added.lines().filter_map(|line| {
            let (key, value) = line.split_once('=')?;
            Some((key.to_owned(), value.to_owned()))
        }));
    }
    assert_eq!(
        codes,
        [
            ("登记收到时间".to_owned(), 0),
            ("检查时刻".to_owned(), 0),
            ("标注有误的文件".to_owned(), 0),
            ("测试报告".to_owned(), 0),
            ("报送情况页面".to_owned(), 0),
            ("生成汇总表".to_owned(), 0),
            ("检查报送情况".to_owned(), 1),
        ],
        "{log}"
    );
    assert!(env.iter().any(|(key, _)| key == "CAMPAIGN_AS_OF"));
    assert_eq!(subjects(&remote)[0], "登记收到时间 [skip ci]");
    // The unit's later push was pulled in quietly (its file name holds a
    // mobile, and nothing below prints one) and lies under the ledger commit.
    assert_eq!(subjects(&remote)[1], "2021-06-02T10:01:00+08:00");
    assert!(
        log.contains("::error file=submissions/公共室/附件1.xlsx,title=附件1!F4::“手机号码”"),
        "{log}"
    );
    assert!(
        log.contains(
            "::error file=submissions/市容环卫室/联络员赵六139******78.xlsx,title=附件1!G4::"
        ),
        "{log}"
    );
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(
        summary.starts_with("## 2021年“安全生产月”活动"),
        "{summary}"
    );
    assert_no_phone(&log);
    assert_no_phone(&summary);
    assert_outputs(&ci.root, "status/index.html");
}

#[test]
fn the_gitlab_pipeline_parses_and_its_script_runs() {
    let (remote, _unit) = pushed_campaign();
    let ci = Repo::clone_of(&remote);
    let pipeline = yaml(&ci.root.join(".gitlab-ci.yml"));
    let job = &pipeline["campaign-check"];
    assert_eq!(job["variables"]["GIT_DEPTH"].as_i64(), Some(0));
    assert_eq!(text(&job["cache"]["paths"][0]), ".cargo/bin/");
    assert_eq!(text(&job["cache"]["when"]), "always");
    assert_eq!(
        text(&job["artifacts"]["reports"]["junit"]),
        "campaign-junit.xml"
    );
    assert_eq!(text(&job["artifacts"]["paths"][1]), "public/");
    assert_eq!(text(&pipeline["pages"]["artifacts"]["paths"][0]), "public/");
    let script: Vec<&str> = job["script"].as_vec().unwrap().iter().map(text).collect();
    let (gate, rest) = script.split_last().unwrap();
    assert_eq!(
        *gate,
        "campaign check --as-of \"$CAMPAIGN_AS_OF\" --format markdown --fail-on invalid"
    );

    // The job's commands in one shell, as the runner runs them: the tool of
    // the version asked for is found on the PATH, so nothing is compiled.
    let remote_path = remote.top.to_str().unwrap();
    let cargo_home = ci.top.join("cargo-home");
    let env: Vec<(String, String)> = [
        ("CI_COMMIT_BRANCH", "main"),
        ("CI_DEFAULT_BRANCH", "main"),
        ("CAMPAIGN_PUSH_URL", remote_path),
        ("CARGO_HOME", cargo_home.to_str().unwrap()),
        ("CAMPAIGN_REF", concat!("v", env!("CARGO_PKG_VERSION"))),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .to_vec();
    // One shell, as the runner's: the gate's Markdown is printed only if
    // every command before it went through.
    let mut script = rest.join("\n");
    script.push_str(&format!("\n{gate}"));
    let ran = run(&script, &ci.root, &env);
    assert_eq!(ran.code, 1, "{}", ran.printed);
    assert!(
        ran.printed.contains("## 2021年“安全生产月”活动"),
        "{}",
        ran.printed
    );
    assert_eq!(subjects(&remote)[0], "登记收到时间 [skip ci]");
    assert!(
        ran.printed.contains("联络员赵六139******78.xlsx"),
        "{}",
        ran.printed
    );
    assert_no_phone(&ran.printed);
    assert_outputs(&ci.root, "public/index.html");
    let pages = pipeline["pages"]["script"][0].as_str().unwrap();
    assert_eq!(run(pages, &ci.root, &[]).code, 0);
}

#[test]
fn no_ci_command_prints_the_table_or_json() {
    let tmp = tempfile::tempdir().unwrap();
    let init = Command::new(env!("CARGO_BIN_EXE_campaign"))
        .arg("init")
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(init.status.success());
    for file in [".github/workflows/campaign.yml", ".gitlab-ci.yml"] {
        let text = std::fs::read_to_string(tmp.path().join(file)).unwrap();
        let checks: Vec<&str> = text
            .lines()
            .filter(|line| line.contains("campaign check"))
            .collect();
        assert!(!checks.is_empty(), "{file}");
        for line in checks {
            let safe = ["markdown", "junit", "html", "github"]
                .iter()
                .any(|format| line.contains(&format!("--format {format}")));
            assert!(safe, "{file}: {line}");
        }
    }
}
