//! 截止后修改情况: every cell a unit changed after its deadline, one row
//! each — 单位, 报送事项, 工作表, the row's key, 列, 原值, 新值, 截止时间,
//! when the changed version was received and its commit — printed like the
//! consolidated books, for the office to file. Rows added or removed after
//! the deadline have a row each too. Written in Chinese, as every book is.

use chrono::{DateTime, FixedOffset};
use rust_xlsxwriter::{Workbook, XlsxError};

use crate::definition::Campaign;
use crate::diff::Compared;
use crate::lang::Lang;
use crate::output::diff::{row_key, shown};
use crate::xlsx::sheet::{self, Cell, Looks, Page, Row, Table};

/// The file name `campaign diff --after-deadline --out` writes.
pub const CHANGES_BOOK: &str = "截止后修改情况.xlsx";

/// The book of the after-deadline audit at `at`.
pub fn book(
    campaign: &Campaign,
    audited: &[Compared],
    at: DateTime<FixedOffset>,
) -> Result<Workbook, XlsxError> {
    let lang = Lang::Zh;
    let header = [
        "序号",
        "单位",
        "报送事项",
        "工作表",
        "行",
        "列",
        "原值",
        "新值",
        "截止时间",
        "修改后收到",
        "提交",
    ];
    let mut table = Table::new(header.map(String::from).to_vec());
    for compared in audited {
        let due = super::as_of(campaign, compared.old.at, 0);
        let (received, commit) = match &compared.new.version {
            Some(origin) => (
                Cell::DateTime(
                    origin
                        .received
                        .with_timezone(&campaign.timezone)
                        .naive_local(),
                ),
                origin.commit.as_deref().map_or(Cell::label("未提交"), |c| {
                    Cell::label(crate::git::short(c))
                }),
            ),
            None => (Cell::Blank, Cell::Blank),
        };
        let mut push = |sheet: &str, key: String, column: &str, old: String, new: String| {
            table.rows.push(Row::plain(vec![
                Cell::Serial(table.rows.len() as u32 + 1),
                Cell::text(compared.unit.as_str()),
                Cell::text(compared.report.title.as_str()),
                Cell::text(sheet),
                Cell::text(key),
                Cell::text(column),
                Cell::text(old),
                Cell::text(new),
                Cell::text(due.as_str()),
                received.clone(),
                commit.clone(),
            ]));
        };
        let changes = &compared.changes;
        for cell in &changes.cells {
            let sheet = cell.new_at.as_ref().or(cell.old_at.as_ref());
            push(
                sheet.map_or("", |(sheet, _)| sheet.as_str()),
                row_key(&cell.key, lang),
                &cell.column,
                shown(&cell.old, lang),
                shown(&cell.new, lang),
            );
        }
        let whole = [
            (&changes.added, "（无此行）", "（新增此行）"),
            (&changes.removed, "（原有此行）", "（已删除）"),
        ];
        for (rows, old, new) in whole {
            for row in rows {
                let key = row_key(&row.key, lang);
                push(&row.place.sheet, key, "（整行）", old.into(), new.into());
            }
        }
    }
    if table.rows.is_empty() {
        table.rows.push(Row::plain(vec![Cell::label(
            "没有单位在截止后修改报表内容",
        )]));
        table.merge_last(0, header.len() as u16);
    }
    let title = super::title(campaign, "截止后修改情况");
    let units = {
        let mut units: Vec<&str> = audited.iter().map(|c| c.unit.as_str()).collect();
        units.dedup();
        units.len()
    };
    let note = format!(
        "截至 {}，{units} 个单位的 {} 项报表在截止后修改了内容",
        super::as_of(campaign, at, 0),
        audited.len()
    );
    let page = Page {
        title: title.clone(),
        note,
        tables: vec![table],
        caps: vec![
            6.0, 24.0, 26.0, 10.0, 20.0, 20.0, 16.0, 16.0, 16.0, 16.0, 10.0,
        ],
        filter: true,
    };
    let mut workbook = Workbook::new();
    workbook.set_properties(&super::properties(campaign, at, &title)?);
    let worksheet = workbook.add_worksheet().set_name("截止后修改情况")?;
    sheet::write(worksheet, &page, &Looks::new())?;
    Ok(workbook)
}
