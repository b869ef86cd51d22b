//! The 问题清单 of one unit: every error of the invalid forms it owes, one
//! row each — 表格, 文件, 工作表, 单元格, what the cell holds, the problem
//! and the rule of the column — on one sheet printed like the consolidated
//! books (A4 landscape, the header on every page), so that a liaison can tick
//! the cells off one by one; below them, captioned 提醒, the warnings on its
//! documents (`check`'s content checks), which never make a report invalid.
//!
//! The problem is the message `check` and `explain` show (without the place,
//! which has its own columns): one sentence saying what is wrong and what is
//! expected. What the cell holds stands beside it where the problem is about
//! one value; the rule is what the blank form itself tells about that column
//! (its input message, [`crate::template::hints`]), so a liaison reads the
//! same words on the form and in the list.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::{base_name, owed};
use crate::definition::{Campaign, ReportKind};
use crate::lang::Lang;
use crate::read::problem::{Kind, Place, Problem, Severity};
use crate::status::{Chase, Check, Judgement};
use crate::template::hints;
use crate::xlsx::sheet::{self, Cell, Looks, Page, Row, Table};

/// The name of a unit's 问题清单.
pub fn file_name(unit: &str) -> String {
    format!("{unit}-问题清单.xlsx")
}

/// The 问题清单 of the unit of `chase`; `None` when none of the results it
/// owes is invalid and none of its documents has a warning. The document
/// date is the check's day, never the clock.
pub fn book(
    check: &Check,
    campaign: &Campaign,
    chase: &Chase,
    lang: Lang,
) -> Result<Option<Workbook>, XlsxError> {
    let errors = errors(check, campaign, chase, lang);
    let warnings = warnings(check, campaign, &chase.unit, lang);
    let (n, m) = (errors.rows.len(), warnings.rows.len());
    let tables: Vec<Table> = [errors, warnings]
        .into_iter()
        .filter(|table| !table.rows.is_empty())
        .collect();
    if tables.is_empty() {
        return Ok(None);
    }

    let unit = &chase.unit;
    let title = lang.pick(
        format!("{unit}报送表格问题清单"),
        format!("Problems to correct: {unit}"),
    );
    let at = crate::output::when(check.as_of, campaign.timezone, lang);
    let name = &campaign.name;
    let note = match (n, m) {
        (_, 0) => lang.pick(
            format!("{name}　截至 {at}　共 {n} 处，请逐项改正后重新报送"),
            format!("{name} — as of {at} — {n} to correct; please correct each and send the files again"),
        ),
        (0, _) => lang.pick(
            format!("{name}　截至 {at}　共 {m} 处提醒，请核对；如确有问题，请修改后重新报送"),
            format!("{name} — as of {at} — {m} to look at; if one is right, please correct the document and send it again"),
        ),
        _ => lang.pick(
            format!("{name}　截至 {at}　共 {n} 处，请逐项改正后重新报送；另有 {m} 处提醒，请核对"),
            format!("{name} — as of {at} — {n} to correct; please correct each and send the files again; {m} more to look at"),
        ),
    };
    let page = Page {
        title: title.clone(),
        note,
        tables,
        caps: vec![6.0, 22.0, 20.0, 10.0, 8.0, 16.0, 50.0, 40.0],
        filter: false,
    };
    let day = check.as_of.with_timezone(&campaign.timezone).date_naive();
    let mut workbook = Workbook::new();
    workbook.set_properties(&crate::xlsx::properties(&title, &campaign.issuer, day)?);
    let worksheet = workbook
        .add_worksheet()
        .set_name(lang.pick("问题清单", "Problems"))?;
    sheet::write(worksheet, &page, &Looks::new())?;
    Ok(Some(workbook))
}

/// The header of both tables; `what` names the report column, `problem` the message column.
fn header(lang: Lang, what: (&str, &str), problem: (&str, &str)) -> Vec<String> {
    [
        ("序号", "No."),
        what,
        ("文件", "File"),
        ("工作表", "Sheet"),
        ("单元格", "Cell"),
        ("填写的内容", "Found"),
        problem,
        ("填写规则", "Rule of the form"),
    ]
    .map(|(zh, en)| lang.pick(zh, en).to_owned())
    .to_vec()
}

/// One row per error of the invalid forms the unit owes.
fn errors(check: &Check, campaign: &Campaign, chase: &Chase, lang: Lang) -> Table {
    let mut table = Table::new(header(
        lang,
        ("表格", "Form"),
        ("问题及应填写的内容", "Problem and what to enter"),
    ));
    for result in owed(check, chase) {
        for problem in result.errors() {
            let serial = table.rows.len() as u32 + 1;
            table.rows.push(Row::plain(vec![
                Cell::Serial(serial),
                Cell::text(crate::output::result_name(result, campaign)),
                Cell::text(base_name(&problem.file)),
                Cell::text(problem.sheet.clone().unwrap_or_default()),
                Cell::label(cell(problem, lang)),
                Cell::text(problem.kind.found(lang).unwrap_or_default()),
                Cell::text(problem.kind.render(lang)),
                Cell::text(rule(campaign, result, problem).unwrap_or_default()),
            ]));
        }
    }
    table
}

/// One row per warning on the documents of `unit` that count (a 方案 of a
/// line, one naming another unit …), whether or not the unit owes them: they
/// never make a report invalid, so they are listed apart, to be looked at.
fn warnings(check: &Check, campaign: &Campaign, unit: &str, lang: Lang) -> Table {
    let mut table = Table::new(header(
        lang,
        ("报送事项", "Report"),
        ("提醒内容", "Warning"),
    ));
    table.caption = Some(
        lang.pick(
            "提醒：以下文档已按收到计，不影响报送状态，请核对",
            "Warnings: these documents count as received; please look at them",
        )
        .to_owned(),
    );
    let documents = check.results.iter().filter(|result| {
        result.unit == unit
            && campaign
                .report(&result.report.0)
                .is_some_and(|report| matches!(report.kind, ReportKind::Document { .. }))
    });
    for result in documents {
        let Some(version) = result.counted() else {
            continue;
        };
        let found = check
            .problems
            .iter()
            .filter(|p| p.file == version.path && p.severity == Severity::Warning);
        for problem in found {
            let serial = table.rows.len() as u32 + 1;
            table.rows.push(Row::plain(vec![
                Cell::Serial(serial),
                Cell::text(crate::output::result_name(result, campaign)),
                Cell::text(base_name(&problem.file)),
                Cell::Blank,
                Cell::label(cell(problem, lang)),
                Cell::Blank,
                Cell::text(problem.kind.render(lang)),
                Cell::Blank,
            ]));
        }
    }
    table
}

/// What the form says of the problem's column: its input message, or for a
/// count of rows (brand activities) that rule as one sentence. The form's
/// own words, in Chinese whatever `--lang` says, since the form is Chinese.
fn rule(campaign: &Campaign, result: &Judgement, problem: &Problem) -> Option<String> {
    let spec = campaign.report(&result.report.0)?.table()?;
    let header = problem.kind.column()?;
    let index = spec.columns.iter().position(|c| c.header() == header)?;
    if let Kind::RowCount { .. } = problem.kind {
        let count = spec.row_counts.iter().find(|r| r.column == index)?;
        return Some(hints::row_count_rule(spec, count));
    }
    Some(hints::column_hint(campaign, spec, &spec.columns[index]))
}

/// The 单元格 column: `C5`, a row, or the whole sheet or file.
fn cell(problem: &Problem, lang: Lang) -> String {
    match problem.place {
        Place::Cell(cell) => cell.to_string(),
        Place::Row(row) => lang.pick(format!("第{}行", row + 1), format!("row {}", row + 1)),
        Place::Sheet => lang.pick("整张表", "whole sheet").to_owned(),
        Place::File => lang.pick("整个文件", "whole file").to_owned(),
    }
}
