//! Nothing a command writes lands under `submissions/`, however the path to
//! it is spelt: directly, inside a unit's folder, through `..` over folders
//! that do not exist yet, or through a symbolic link.

mod common;

use common::git::Repo;
use common::run::{LIAISON, campaign_in as run, campaign_repo, liaison};
use common::tree::tree;

/// A campaign with one form, committed, and a link `单位链接` to 党建室's folder.
fn repo() -> Repo {
    let repo = campaign_repo("");
    liaison(&repo, LIAISON, "党建室");
    repo.commit_at("2021-06-02T10:00:00+08:00");
    std::os::unix::fs::symlink(
        repo.root.join("submissions/党建室"),
        repo.root.join("单位链接"),
    )
    .unwrap();
    repo
}

/// Every spelling of a place under submissions/, as given from the root,
/// with where it lands.
const INSIDE: [(&str, &str); 6] = [
    ("submissions/输出", "submissions/输出"),
    ("submissions/党建室/输出", "submissions/党建室/输出"),
    ("templates/../submissions/输出", "submissions/输出"),
    (
        "没有/这些/文件夹/../../../submissions/输出",
        "submissions/输出",
    ),
    ("单位链接/输出", "submissions/党建室/输出"),
    ("单位链接/../输出", "submissions/输出"),
];

/// Asserts that `output` is the refusal to write at `lands` (below the
/// campaign folder, as the system reaches it), with exit status 2.
fn refused(output: &std::process::Output, repo: &Repo, lands: &str, what: &str) {
    let landed = repo.root.canonicalize().unwrap().join(lands);
    assert_eq!(
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned()
        ),
        (
            Some(2),
            format!(
                "不能写到 {}：submissions/ 只存放各单位报送的文件，请换一个输出位置。\n",
                landed.display()
            )
        ),
        "{what}"
    );
}

/// Runs `command` with `flag PATH` for every spelling in [`INSIDE`] and
/// asserts each is refused, naming where it would have landed, with
/// nothing written anywhere.
fn refused_everywhere(command: &[&str], extension: &str) {
    let repo = repo();
    let before = tree(&repo.root);
    for (given, lands) in INSIDE {
        let given = format!("{given}{extension}");
        let mut args = command.to_vec();
        args.extend(["--as-of", "2021-06-30", "--out", &given]);
        let output = run(&repo.root, &args);
        let landed = format!("{lands}{extension}");
        refused(
            &output,
            &repo,
            &landed,
            &format!("{command:?} --out {given}"),
        );
        assert_eq!(tree(&repo.root), before, "{command:?} --out {given}");
    }
}

#[test]
fn merge_out_never_reaches_submissions() {
    refused_everywhere(&["merge"], "");
}

#[test]
fn check_out_never_reaches_submissions() {
    refused_everywhere(&["check", "--format", "json"], ".json");
}

#[test]
fn remind_out_never_reaches_submissions() {
    refused_everywhere(&["remind"], "");
}

#[test]
fn the_refusal_is_in_english_too() {
    let repo = repo();
    let output = run(
        &repo.root,
        &[
            "--lang",
            "en",
            "merge",
            "--out",
            "templates/../submissions/输出",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "will not write into {}: submissions/ holds only what units sent; choose another place.\n",
            repo.root
                .canonicalize()
                .unwrap()
                .join("submissions/输出")
                .display()
        )
    );
}

#[test]
fn the_same_spelling_from_inside_a_unit_folder_is_refused() {
    let repo = repo();
    let before = tree(&repo.root);
    let unit = repo.root.join("submissions/党建室");
    for given in [".", "新建/../汇总", "../汇总"] {
        let output = run(&unit, &["merge", "--out", given]);
        assert_eq!(output.status.code(), Some(2), "--out {given}");
    }
    assert_eq!(tree(&repo.root), before);
}

#[test]
fn templates_never_write_through_a_link_into_submissions() {
    let repo = repo();
    std::os::unix::fs::symlink(
        repo.root.join("submissions/党建室"),
        repo.root.join("templates"),
    )
    .unwrap();
    let before = tree(&repo.root);
    let output = run(&repo.root, &["templates"]);
    refused(&output, &repo, "submissions/党建室", "templates");
    assert_eq!(tree(&repo.root), before);
}

#[test]
fn a_place_beside_submissions_is_written() {
    let repo = repo();
    for given in ["没有/../汇总", "submissions-汇总"] {
        let output = run(
            &repo.root,
            &["merge", "--as-of", "2021-06-30", "--out", given],
        );
        assert_eq!(output.status.code(), Some(0), "--out {given}");
    }
    assert!(repo.root.join("汇总/报送情况.xlsx").is_file());
    assert!(repo.root.join("submissions-汇总/报送情况.xlsx").is_file());
}
