//! 附件1-联络员汇总表: every liaison, by unit in campaign order, with the
//! units that sent no usable 附件1 marked where they belong, and liaisons
//! taken from an invalid 附件1 shaded.

use rust_xlsxwriter::{Color, Workbook, XlsxError};

use super::Layout;
use crate::definition::Campaign;
use crate::lang::Lang;
use crate::merge::{Entry, Rollup};
use crate::status::Status;
use crate::xlsx::sheet::{self, Cell, Looks, Row, Tone};

const SHEET: &str = "联络员汇总";
/// A unit with no usable 附件1: light red, as Excel marks a bad value.
const MISSING_FILL: Color = Color::RGB(0xFFC7CE);
/// A liaison from an invalid 附件1: light yellow, as Excel marks a doubtful value.
const DOUBTFUL_FILL: Color = Color::RGB(0xFFEB9C);

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
    let layout = Layout::new(campaign, listing);
    let title = super::title(campaign, "联络员汇总表");

    let mut lines: Vec<Line> = listing.entries.iter().map(Line::Liaison).collect();
    lines.extend(
        rollup
            .liaisons_missing
            .iter()
            .map(|(unit, status)| Line::Missing(unit, *status)),
    );
    let position = |unit: &str| campaign.unit_position(unit);
    // Stable: a unit's liaisons keep the order the unit wrote them in.
    lines.sort_by_key(|line| position(line.unit()));

    let mut table = layout.table();
    let mut serial = 0;
    for line in &lines {
        match line {
            Line::Liaison(entry) => {
                serial += 1;
                let cells = layout.cells(serial, entry);
                table.rows.push(if entry.from_invalid {
                    Row {
                        cells,
                        tone: Tone::Fill(DOUBTFUL_FILL),
                    }
                } else {
                    Row::plain(cells)
                });
            }
            Line::Missing(unit, status) => {
                let mut cells = vec![Cell::Blank, Cell::text(*unit)];
                cells.extend(layout.shown.iter().map(|_| Cell::Blank));
                if !layout.shown.is_empty() {
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
        super::as_of(campaign, rollup.as_of, rollup.uncommitted.len())
    );
    if missing > 0 {
        note.push_str(&format!("；{missing} 个单位未报或有误，已用红色底色标出"));
    }
    let doubtful = listing.entries.iter().filter(|e| e.from_invalid).count();
    if doubtful > 0 {
        let roster = campaign
            .role(crate::definition::Role::Roster)
            .map_or("联络员表", |(report, _)| report.short.as_str());
        note.push_str(&format!(
            "；{doubtful} 名联络员取自有误的{roster}（姓名和电话无误），已用黄色底色标出"
        ));
    }
    note.push('）');

    let page = layout.page(title.clone(), note, table);
    let mut workbook = Workbook::new();
    workbook.set_properties(&super::properties(campaign, rollup.as_of, &title)?);
    let sheet = workbook.add_worksheet().set_name(SHEET)?;
    sheet::write(sheet, &page, &Looks::new())?;
    Ok(workbook)
}
