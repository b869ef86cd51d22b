//! The text of `campaign explain FILE`: how one file was read — the unit it
//! was attributed to and why, each form's header, metadata and data rows as
//! parsed, the problems — where it stands in the campaign, and a verdict, for
//! answering a unit that asks “what is wrong with my form?”.
//!
//! It reads nothing and judges nothing: the [`FileRead`] comes from
//! [`crate::read`], validity from [`FileRead::is_valid`], the standing from
//! the check (`Check::standing_of`).

use std::fmt::Write as _;

use rust_xlsxwriter::utility::column_number_to_name;

use crate::definition::Campaign;
use crate::lang::Lang;
use crate::read::problem::{Problem, Severity};
use crate::read::{Content, FileRead, Form};
use crate::status::FileStanding;

/// Where the explained file stands in the campaign, as far as it can be known.
pub enum Standing<'c> {
    /// The file lies outside `submissions/`: it is not part of the campaign yet.
    Outside,
    /// A file nobody counts: a lock file, a hidden file, system clutter.
    Ignored,
    /// The campaign could not be judged (the message says why).
    Unknown(String),
    Known(FileStanding<'c>),
}

impl Standing<'_> {
    /// Whether the file is known to count for no report.
    pub fn counts_for_nothing(&self) -> bool {
        match self {
            Standing::Known(known) => known.unassigned.is_some(),
            Standing::Ignored => true,
            Standing::Outside | Standing::Unknown(_) => false,
        }
    }
}

/// The whole explanation of one file, as printed.
pub fn render(campaign: &Campaign, file: &FileRead, standing: &Standing, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}{}", lang.pick("文件：", "File: "), file.path);
    let unit = match &file.unit {
        Some(attribution) => {
            let sources: Vec<&str> = attribution.sources.iter().map(|s| s.label(lang)).collect();
            lang.pick(
                format!("{}（依据：{}）", attribution.unit, sources.join("、")),
                format!("{} (from: {})", attribution.unit, sources.join(", ")),
            )
        }
        None => lang.pick("无法确定".to_owned(), "undetermined".to_owned()),
    };
    let _ = writeln!(out, "{}{unit}", lang.pick("单位：", "Unit: "));
    match &file.content {
        Content::Forms(forms) => {
            for form in forms {
                render_form(&mut out, campaign, file, form, lang);
            }
        }
        Content::Unreadable { hint } => {
            let _ = writeln!(
                out,
                "{}",
                lang.pick("内容：无法读取", "Content: unreadable")
            );
            if let Some(report) = hint.as_ref().and_then(|id| campaign.report(&id.0)) {
                let _ = writeln!(
                    out,
                    "{}{}",
                    lang.pick("按文件名应为：", "By its name: "),
                    report.title
                );
            }
        }
        Content::Document { report } => {
            let title = report
                .as_ref()
                .and_then(|id| campaign.report(&id.0))
                .map(|r| r.title.as_str());
            let _ = writeln!(
                out,
                "{}{}",
                lang.pick("文档：", "Document: "),
                title.unwrap_or(lang.pick("无法判断", "unknown"))
            );
        }
        Content::Material { activity } => {
            let _ = writeln!(
                out,
                "{}{activity}",
                lang.pick("重点活动资料：", "Key-activity material: ")
            );
        }
        Content::Other => {}
    }
    render_problems(&mut out, &file.problems, lang);
    render_standing(&mut out, campaign, standing, lang);
    let errors = file
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let verdict = if errors > 0 || standing.counts_for_nothing() {
        lang.pick(
            "结论：有误，请按以上提示修改后重新提交。",
            "Verdict: invalid; please correct the above and resubmit.",
        )
    } else {
        lang.pick("结论：可以使用。", "Verdict: usable.")
    };
    let _ = writeln!(out, "{verdict}");
    out
}

fn render_form(out: &mut String, campaign: &Campaign, file: &FileRead, form: &Form, lang: Lang) {
    let report = campaign
        .report(&form.report.0)
        .expect("forms name known reports");
    let spec = report.table().expect("forms are tables");
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            format!("工作表“{}”：{}", form.sheet, report.title),
            format!("Sheet “{}”: {}", form.sheet, report.title)
        )
    );
    match form.header_row {
        Some(row) => {
            let columns: Vec<String> = spec
                .columns
                .iter()
                .zip(&form.columns)
                .filter_map(|(column, col)| {
                    col.map(|c| format!("{}={}", column.header(), column_letter(c)))
                })
                .collect();
            let _ = writeln!(
                out,
                "  {}{}",
                lang.pick(
                    format!("表头：第 {} 行 ", row + 1),
                    format!("Header: row {} ", row + 1)
                ),
                columns.join(" ")
            );
        }
        None => {
            let _ = writeln!(out, "  {}", lang.pick("表头：未找到", "Header: not found"));
        }
    }
    let meta = &form.metadata;
    let pairs = [
        (
            lang.pick("填报单位", "Unit"),
            meta.unit.as_ref().map(|(u, _)| u.clone()),
        ),
        (lang.pick("填报人", "Filled by"), meta.filler.clone()),
        (lang.pick("联系电话", "Phone"), meta.phone.clone()),
        (lang.pick("填报日期", "Date"), meta.date.clone()),
    ];
    let shown: Vec<String> = pairs
        .iter()
        .filter_map(|(label, value)| value.as_ref().map(|v| format!("{label}：{v}")))
        .collect();
    if !shown.is_empty() {
        let _ = writeln!(out, "  {}", shown.join("  "));
    }
    let _ = writeln!(
        out,
        "  {}",
        lang.pick(
            format!("数据 {} 行：", form.data.rows.len()),
            format!("{} data rows:", form.data.rows.len())
        )
    );
    for row in &form.data.rows {
        let cells: Vec<String> = spec
            .columns
            .iter()
            .zip(&row.values)
            .filter_map(|(column, value)| {
                value
                    .as_ref()
                    .map(|v| format!("{}={}", column.name, v.shown(campaign)))
            })
            .collect();
        let _ = writeln!(
            out,
            "    {} {}",
            lang.pick(
                format!("第 {} 行", row.row + 1),
                format!("row {}", row.row + 1)
            ),
            cells.join("  ")
        );
    }
    if let Some(total) = form.data.total_row {
        let _ = writeln!(
            out,
            "  {}",
            lang.pick(
                format!("合计：第 {} 行（仅核对，不计入汇总）", total + 1),
                format!("Total: row {} (checked, never summed)", total + 1)
            )
        );
    }
    let verdict = if file.is_valid(form) {
        lang.pick("本表可以使用", "usable")
    } else {
        lang.pick("本表有误", "invalid")
    };
    let _ = writeln!(out, "  {verdict}");
}

fn render_problems(out: &mut String, problems: &[Problem], lang: Lang) {
    if problems.is_empty() {
        let _ = writeln!(out, "{}", lang.pick("问题：无", "Problems: none"));
        return;
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            format!(
                "问题 {} 个（错误 {errors}，提醒 {warnings}）：",
                problems.len()
            ),
            format!(
                "{} ({}, {}):",
                super::counted(problems.len() as i64, "problem"),
                super::counted(errors as i64, "error"),
                super::counted(warnings as i64, "warning"),
            )
        )
    );
    for problem in problems {
        let location = problem.location();
        let location = if location.is_empty() {
            String::new()
        } else {
            format!("{location}  ")
        };
        let _ = writeln!(
            out,
            "  {}  {location}{}",
            problem.severity.label(lang),
            problem.message(lang)
        );
    }
}

/// Which results the file is a version of, and whether it counts; or why it
/// counts for nothing.
fn render_standing(out: &mut String, campaign: &Campaign, standing: &Standing, lang: Lang) {
    let heading = lang.pick("报送情况：", "Standing:");
    let line = |text: String| lang.pick(format!("{heading}{text}"), format!("{heading} {text}"));
    let known = match standing {
        Standing::Outside => return,
        Standing::Ignored => {
            let text = lang.pick(
                "不计入：这是 Excel 或 WPS 的临时锁定文件、隐藏文件或系统文件，不会被读取".to_owned(),
                "counts for nothing: a lock file of Excel or WPS, a hidden file or a system file is never read".to_owned(),
            );
            let _ = writeln!(out, "{}", line(text));
            return;
        }
        Standing::Unknown(why) => {
            let text = lang.pick(format!("无法判断（{why}）"), format!("unknown ({why})"));
            let _ = writeln!(out, "{}", line(text));
            return;
        }
        Standing::Known(known) => known,
    };
    if let Some(problem) = known.unassigned {
        let text = lang.pick(
            format!("不计入任何报送事项：{}", problem.message(lang)),
            format!("counts for no report: {}", problem.message(lang)),
        );
        let _ = writeln!(out, "{}", line(text));
        return;
    }
    if known.versions.is_empty() {
        let text = lang.pick(
            "尚未计入（收到时间晚于检查时刻）",
            "not counted yet (received after the instant checked)",
        );
        let _ = writeln!(out, "{}", line(text.to_owned()));
        return;
    }
    let _ = writeln!(out, "{heading}");
    for (result, counted) in &known.versions {
        let name = format!("{} · {}", result.unit, super::result_name(result, campaign));
        let status = result.status().label(lang);
        let line = match (counted, result.counted()) {
            _ if result.status() == crate::status::Status::Exempt => lang.pick(
                format!("{name}：本单位免报此项，本文件不计入"),
                format!("{name}: the unit does not owe this report; the file does not count"),
            ),
            (true, _) => lang.pick(
                format!("{name}：本文件是计入的版本，状态为“{status}”"),
                format!("{name}: this file is the version that counts; status {status}"),
            ),
            (false, Some(newer)) => lang.pick(
                format!("{name}：已有较新的版本 {}，本文件不再计入", newer.path),
                format!(
                    "{name}: superseded by the newer version {}; this file no longer counts",
                    newer.path
                ),
            ),
            (false, None) => continue,
        };
        let _ = writeln!(out, "  {line}");
    }
}

/// `C` for the third column.
fn column_letter(col: u32) -> String {
    column_number_to_name(u16::try_from(col).unwrap_or(u16::MAX))
}
