//! The 问题清单 of one unit: every error of the invalid forms it owes, one
//! row each — 表格, 文件, 工作表, 单元格 and the problem — on one sheet
//! printed like the consolidated books (A4 landscape, the header on every
//! page), so that a liaison can tick the cells off one by one.
//!
//! The problem is one column holding the message `check` and `explain` show
//! (without the place, which has its own columns): each message is one
//! sentence saying what was found and what is expected, and for many (a 合计
//! that differs from its rows, a missing item, too many brand activities, a
//! form of another unit) the two are not separate phrases that could stand
//! in columns of their own.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::{base_name, owed};
use crate::definition::Campaign;
use crate::lang::Lang;
use crate::read::problem::{Place, Problem};
use crate::status::{Chase, Check};
use crate::xlsx::sheet::{self, Cell, Looks, Page, Row, Table};

/// The name of a unit's 问题清单.
pub fn file_name(unit: &str) -> String {
    format!("{unit}-问题清单.xlsx")
}

/// The 问题清单 of the unit of `chase`; `None` when none of the results it
/// owes is invalid. The document date is the check's day, never the clock.
pub fn book(
    check: &Check,
    campaign: &Campaign,
    chase: &Chase,
    lang: Lang,
) -> Result<Option<Workbook>, XlsxError> {
    let mut table = Table::new(
        [
            ("序号", "No."),
            ("表格", "Form"),
            ("文件", "File"),
            ("工作表", "Sheet"),
            ("单元格", "Cell"),
            ("问题及应填写的内容", "Problem and what to enter"),
        ]
        .map(|(zh, en)| lang.pick(zh, en).to_owned())
        .to_vec(),
    );
    for result in owed(check, chase) {
        for problem in result.errors() {
            let serial = table.rows.len() as u32 + 1;
            table.rows.push(Row::plain(vec![
                Cell::Serial(serial),
                Cell::text(crate::output::result_name(result, campaign)),
                Cell::text(base_name(&problem.file)),
                Cell::text(problem.sheet.clone().unwrap_or_default()),
                Cell::label(cell(problem, lang)),
                Cell::text(problem.kind.render(lang)),
            ]));
        }
    }
    if table.rows.is_empty() {
        return Ok(None);
    }

    let unit = &chase.unit;
    let title = lang.pick(
        format!("{unit}报送表格问题清单"),
        format!("Problems to correct: {unit}"),
    );
    let at = crate::output::when(check.as_of, campaign.timezone, lang);
    let n = table.rows.len();
    let note = lang.pick(
        format!(
            "{}　截至 {at}　共 {n} 处，请逐项改正后重新报送",
            campaign.name
        ),
        format!(
            "{} — as of {at} — {n} to correct; please correct each and send the files again",
            campaign.name
        ),
    );
    let page = Page {
        title: title.clone(),
        note,
        tables: vec![table],
        caps: vec![6.0, 26.0, 24.0, 12.0, 10.0, 60.0],
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

/// The 单元格 column: `C5`, a row, or the whole sheet or file.
fn cell(problem: &Problem, lang: Lang) -> String {
    match problem.place {
        Place::Cell(cell) => cell.to_string(),
        Place::Row(row) => lang.pick(format!("第{}行", row + 1), format!("row {}", row + 1)),
        Place::Sheet => lang.pick("整张表", "whole sheet").to_owned(),
        Place::File => lang.pick("整个文件", "whole file").to_owned(),
    }
}
