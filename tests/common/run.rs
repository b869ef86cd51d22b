//! A campaign repository driven through the binary, as CI drives it: the
//! default definition committed, forms committed at chosen times, `check`
//! run and its JSON or text read back.

use assert_cmd::Command;
use serde_json::Value;

use super::git::Repo;
use super::{C, Planned, plan_rows, write_xlsx};

pub const LIAISON: &str = "submissions/党建室/附件1-联络员表.xlsx";

/// A campaign repository holding the default definition (with `extra` appended).
pub fn campaign_repo(extra: &str) -> Repo {
    let repo = Repo::new();
    repo.write(
        "campaign.toml",
        &format!("{}{extra}", campaign::definition::DEFAULT_TOML),
    );
    repo.commit_at("2021-05-28T09:00:00+08:00");
    repo
}

/// A 附件1 of `unit` with one liaison, 赵六.
pub fn liaison_rows(unit: &str) -> Vec<Vec<C>> {
    super::liaison_rows(unit, &[("赵六", "13800001234")])
}

pub fn liaison(repo: &Repo, rel: &str, unit: &str) {
    write_xlsx(&repo.root.join(rel), &[("附件1", liaison_rows(unit))]);
}

/// A 附件2 of `unit` with one key activity (item 6, 应急演练) per `(name, end day, brand)`.
pub fn plan(repo: &Repo, rel: &str, unit: &str, activities: &[(&str, u8, &str)]) {
    let planned: Vec<Planned> = activities
        .iter()
        .map(|(name, end, brand)| (*name, 6, *end, *brand))
        .collect();
    write_xlsx(
        &repo.root.join(rel),
        &[("附件2", plan_rows(unit, &planned))],
    );
}

/// `check` as CI runs it on a form's problems: JSON, at the end of June
/// 2021, failing only on invalid reports.
pub const CHECK_INVALID: [&str; 7] = [
    "check",
    "--format",
    "json",
    "--as-of",
    "2021-06-30",
    "--fail-on",
    "invalid",
];

/// What `campaign ARGS` does, run in `dir`.
pub fn campaign_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// What `campaign check --format json --as-of AS_OF` prints.
pub fn check_json(repo: &Repo, as_of: &str) -> Value {
    serde_json::from_str(&check_output(repo, &["--format", "json", "--as-of", as_of])).unwrap()
}

/// What `campaign check ARGS` prints (any exit status but 2).
pub fn check_output(repo: &Repo, args: &[&str]) -> String {
    let output = Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(&repo.root)
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The result of one unit and report (and activity, for materials).
pub fn result<'a>(json: &'a Value, unit: &str, report: &str, activity: Option<&str>) -> &'a Value {
    json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["unit"] == unit
                && r["report"] == report
                && r.get("activity").and_then(Value::as_str) == activity
        })
        .unwrap_or_else(|| panic!("no result for {unit} {report} {activity:?}"))
}

/// status, received, received_via of one result.
pub fn seen(json: &Value, unit: &str, report: &str) -> (String, Value, Value) {
    let r = result(json, unit, report, None);
    (
        r["status"].as_str().unwrap().to_owned(),
        r["received"].clone(),
        r["received_via"].clone(),
    )
}

/// The standard output of a run that must succeed (exit status 0); its
/// standard error is shown when it does not.
pub fn succeeded(output: std::process::Output) -> Vec<u8> {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}
