//! 附件1-联络员汇总表: every liaison, by unit in campaign order, with the
//! units that sent no valid 附件1 marked where they belong.

use rust_xlsxwriter::{Color, Workbook, XlsxError};

use super::sheet::{self, Cell, Looks, Page, Row, Table, Tone};
use crate::definition::Campaign;
use crate::lang::Lang;
use crate::merge::{Entry, Rollup};
use crate::status::Status;

const SHEET: &str = "联络员汇总";
/// A unit with no valid 附件1: light red, as Excel marks a bad value.
const MISSING_FILL: Color = Color::RGB(0xFFC7CE);

enum Line<'a> {
    Liaison(&'a Entry),
    Missing(&'a str, Status),
}

impl Line<'_> {
    fn unit(&self) -> &str {
        match self {
            Line::Liaison(entry) => &entry.unit,
            Line::Missing(unit, _) => unit,
        }
    }
}

pub(super) fn book(campaign: &Campaign, rollup: &Rollup) -> Result<Workbook, XlsxError> {
    let listing = &rollup.liaisons;
    let shown = super::shown_columns(&listing.columns);
    let title = super::title(campaign, "联络员汇总表");

    let mut lines: Vec<Line> = listing.entries.iter().map(Line::Liaison).collect();
    lines.extend(
        rollup
            .liaisons_missing
            .iter()
            .map(|(unit, status)| Line::Missing(unit, *status)),
    );
    let position = |unit: &str| {
        campaign
            .units
            .iter()
            .position(|u| u.name == unit)
            .unwrap_or(usize::MAX)
    };
    // Stable: a unit's liaisons keep the order the unit wrote them in.
    lines.sort_by_key(|line| position(line.unit()));

    let mut header = vec!["序号".to_owned(), "单位".to_owned()];
    header.extend(shown.iter().map(|&i| listing.columns[i].header()));
    let mut table = Table::new(header);
    let mut serial = 0;
    for line in &lines {
        match line {
            Line::Liaison(entry) => {
                serial += 1;
                let mut cells = vec![Cell::Serial(serial), Cell::text(entry.unit.as_str())];
                cells.extend(
                    shown
                        .iter()
                        .map(|&i| super::value_cell(campaign, entry.cells[i].as_ref())),
                );
                table.rows.push(Row::plain(cells));
            }
            Line::Missing(unit, status) => {
                let mut cells = vec![Cell::Blank, Cell::text(*unit)];
                cells.extend(shown.iter().map(|_| Cell::Blank));
                if !shown.is_empty() {
                    cells.pop();
                    cells.push(Cell::label(status.label(Lang::Zh)));
                }
                table.rows.push(Row {
                    cells,
                    tone: Tone::Fill(MISSING_FILL),
                });
            }
        }
    }

    let reported = super::distinct_units(listing.entries.iter().map(|e| e.unit.as_str()));
    let missing = rollup.liaisons_missing.len();
    let mut note = format!(
        "数据截至 {}（共 {serial} 名联络员，来自 {reported} 个单位",
        super::as_of(campaign, rollup)
    );
    if missing > 0 {
        note.push_str(&format!("；{missing} 个单位未报或有误，已用底色标出"));
    }
    note.push('）');

    let mut caps = vec![6.0, 26.0];
    caps.extend(shown.iter().map(|_| 30.0));
    let page = Page {
        title: title.clone(),
        note,
        tables: vec![table],
        caps,
        filter: false,
    };
    let mut workbook = Workbook::new();
    workbook.set_properties(&super::properties(campaign, rollup, &title)?);
    let sheet = workbook.add_worksheet().set_name(SHEET)?;
    sheet::write(sheet, &page, &Looks::new())?;
    Ok(workbook)
}
