//! Excel's binary workbook (.xlsb) in a campaign, through the binary: one
//! saved by Excel (from calamine's tests) dropped into a unit's folder, and a
//! filled 附件3 written record by record, as `check` and `explain` report them.

mod common;

use std::path::Path;

use common::git::Repo;
use common::run::{campaign_in, campaign_repo, check_json, result};
use common::{progress_sheet, sample_counts, write_xlsx, xlsb};
use serde_json::json;

const AS_OF: &str = "2021-06-30T12:00:00+08:00";

/// The campaign repository with the file `rel`, as `write` writes it at the
/// path given, committed on June 25.
fn committed(rel: &str, write: impl FnOnce(&Path)) -> Repo {
    let repo = campaign_repo("");
    let path = repo.root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    write(&path);
    repo.commit_at("2021-06-25T10:00:00+08:00");
    repo
}

/// What `campaign explain ARGS` prints, with its exit status.
fn explain(repo: &Repo, args: &[&str]) -> (Option<i32>, String) {
    let output = campaign_in(&repo.root, &[&["explain"], args].concat());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "expected nothing on standard error"
    );
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn an_xlsb_saved_by_excel_is_read_sheet_by_sheet_and_said_to_hold_no_form() {
    let excel = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/calamine/issues.xlsb"),
    )
    .unwrap();
    let repo = committed("submissions/党建室/报表.xlsb", |path| {
        std::fs::write(path, excel).unwrap();
    });
    assert_eq!(
        explain(&repo, &["submissions/党建室/报表.xlsb"]),
        (
            Some(1),
            "文件：submissions/党建室/报表.xlsb
单位：党建室（依据：所在文件夹）
问题 7 个（错误 1，提醒 6）：
  提醒  datatypes  这张工作表不是本次活动的任何一张表格（找不到表头），未读取
  提醒  issue2  这张工作表不是本次活动的任何一张表格（找不到表头），未读取
  提醒  Sheet1  这张工作表不是本次活动的任何一张表格（找不到表头），未读取
  提醒  issue5  这张工作表不是本次活动的任何一张表格（找不到表头），未读取
  提醒  issue6  这张工作表不是本次活动的任何一张表格（找不到表头），未读取
  提醒  spc_chrs  这张工作表不是本次活动的任何一张表格（找不到表头），未读取
  错误  文件中没有本次活动的表格（找不到任何一张表的表头）
报送情况：不计入任何报送事项：文件中没有本次活动的表格（找不到任何一张表的表头）
结论：有误，请按以上提示修改后重新提交。
"
            .to_owned()
        )
    );
    assert_eq!(
        explain(&repo, &["submissions/党建室/报表.xlsb", "--lang", "en"]),
        (
            Some(1),
            "File: submissions/党建室/报表.xlsb
Unit: 党建室 (from: folder)
7 problems (1 error, 6 warnings):
  warning  datatypes  this sheet is none of the campaign's forms (no header found); not read
  warning  issue2  this sheet is none of the campaign's forms (no header found); not read
  warning  Sheet1  this sheet is none of the campaign's forms (no header found); not read
  warning  issue5  this sheet is none of the campaign's forms (no header found); not read
  warning  issue6  this sheet is none of the campaign's forms (no header found); not read
  warning  spc_chrs  this sheet is none of the campaign's forms (no header found); not read
  error  the file holds none of the campaign's forms (no header found)
Standing: counts for no report: the file holds none of the campaign's forms (no header found)
Verdict: invalid; please correct the above and resubmit.
"
            .to_owned()
        )
    );
    assert_eq!(
        check_json(&repo, AS_OF)["unassigned"],
        json!([{
            "file": "submissions/党建室/报表.xlsb",
            "reason": "文件中没有本次活动的表格（找不到任何一张表的表头）"
        }])
    );
}

#[test]
fn a_filled_form_saved_as_xlsb_reads_and_counts_as_it_does_in_xlsx() {
    let rows = progress_sheet("党建室", &sample_counts());
    let xlsb = committed("submissions/党建室/附件3.xlsb", |path| {
        let sheet = xlsb::Sheet::from_rows("附件3", &rows);
        std::fs::write(path, xlsb::xlsb(&[sheet], &[])).unwrap();
    });
    let xlsx = committed("submissions/党建室/附件3.xlsx", |path| {
        write_xlsx(path, &[("附件3", rows.clone())]);
    });
    let (code, explained) = explain(&xlsb, &["submissions/党建室/附件3.xlsb"]);
    let (_, as_xlsx) = explain(&xlsx, &["submissions/党建室/附件3.xlsx"]);
    assert_eq!(
        (code, explained.as_str()),
        (
            Some(0),
            as_xlsx.replace("附件3.xlsx", "附件3.xlsb").as_str()
        ),
        "expected the xlsb explained as the same form in xlsx"
    );
    for line in [
        "单位：党建室（依据：所在文件夹、填报单位）",
        "  数据 10 行：",
        "    第 13 行 序号=10  活动事项=10 参与国家、市级、区级宣传系列活动  开展场次=90  参与人次=91  发放宣传资料=92  媒体报道=93  排查隐患=94  整改隐患=94",
        "  合计：第 14 行（仅核对，不计入汇总）",
        "问题：无",
        "  党建室 · 附件3 活动进展情况统计表：本文件是计入的版本，状态为“按时”",
    ] {
        assert!(
            explained.lines().any(|shown| shown == line),
            "expected the line {line:?} in:\n{explained}"
        );
    }
    assert_eq!(
        result(&check_json(&xlsb, AS_OF), "党建室", "progress", None),
        &json!({
            "unit": "党建室",
            "report": "progress",
            "due": "2021-06-28T23:59:59+08:00",
            "status": "ok",
            "received": "2021-06-25T10:00:00+08:00",
            "received_via": "git",
            "files": ["submissions/党建室/附件3.xlsb"],
            "errors": []
        })
    );
}
