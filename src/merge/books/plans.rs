//! 附件2-重点活动计划汇总表: 计划汇总 (every key activity by start date,
//! brand activities shaded) and 分事项统计 (planned activities per item and unit).

use rust_xlsxwriter::utility::cell_range;
use rust_xlsxwriter::{Color, Workbook, XlsxError};

use super::Layout;
use crate::definition::{Campaign, ColumnType};
use crate::merge::{Listing, Rollup};
use crate::read::value::Parsed;
use crate::xlsx::sheet::{self, Cell, FIRST_ROW, Looks, Page, Row, Table, Tone};

const PLANS: &str = "计划汇总";
const BY_ITEM: &str = "分事项统计";
/// A brand activity (品牌活动): light gold.
const BRAND_FILL: Color = Color::RGB(0xFFF2CC);

pub(super) fn book(campaign: &Campaign, rollup: &Rollup) -> Result<Workbook, XlsxError> {
    let title = super::title(campaign, "重点活动计划汇总表");
    let as_of = super::as_of(campaign, rollup.as_of, rollup.uncommitted.len());
    let mut workbook = Workbook::new();
    workbook.set_properties(&super::properties(campaign, rollup.as_of, &title)?);
    let looks = Looks::new();
    let pages = [
        (PLANS, plans(campaign, &rollup.plans, &title, &as_of)),
        (BY_ITEM, by_item(campaign, &rollup.plans, &as_of)),
    ];
    for (name, page) in pages {
        let sheet = workbook.add_worksheet().set_name(name)?;
        sheet::write(sheet, &page, &looks)?;
    }
    Ok(workbook)
}

fn is_brand(listing: &Listing, cells: &[Option<Parsed>]) -> bool {
    let brand = listing.column_of(&ColumnType::Bool);
    matches!(
        brand.and_then(|i| cells[i].as_ref()),
        Some(Parsed::Bool(true))
    )
}

fn plans(campaign: &Campaign, listing: &Listing, title: &str, as_of: &str) -> Page {
    let layout = Layout::new(campaign, listing);
    let mut table = layout.table();
    let mut brands = 0;
    for (n, entry) in listing.entries.iter().enumerate() {
        let cells = layout.cells(n as u32 + 1, entry);
        let tone = if is_brand(listing, &entry.cells) {
            brands += 1;
            Tone::Fill(BRAND_FILL)
        } else {
            Tone::Plain
        };
        table.rows.push(Row { cells, tone });
    }
    let units = super::distinct_units(listing.entries.iter().map(|e| e.unit.as_str()));
    let mut note = format!(
        "数据截至 {as_of}（共 {} 项重点活动，来自 {units} 个单位",
        listing.entries.len()
    );
    if brands > 0 {
        note.push_str(&format!("；其中品牌活动 {brands} 项，已用底色标出"));
    }
    note.push('）');
    layout.page(title.to_owned(), note, table)
}

/// Rows: activity items; columns: the units with at least one planned
/// activity, in campaign order; cells: how many of that unit's activities
/// serve that item.
fn by_item(campaign: &Campaign, listing: &Listing, as_of: &str) -> Page {
    let activity = listing.column_of(&ColumnType::Activity);
    let item_of = |cells: &[Option<Parsed>]| match activity.and_then(|i| cells[i].as_ref()) {
        Some(Parsed::Activity(no)) => Some(*no),
        _ => None,
    };
    let units: Vec<&str> = campaign
        .units
        .iter()
        .map(|u| u.name.as_str())
        .filter(|name| listing.entries.iter().any(|e| e.unit == *name))
        .collect();
    // Per item: how many each unit plans, then their sum (the 合计 column).
    let counts: Vec<Vec<f64>> = campaign
        .activities
        .iter()
        .map(|item| {
            let mut row: Vec<f64> = units
                .iter()
                .map(|unit| {
                    let planned = listing
                        .entries
                        .iter()
                        .filter(|e| e.unit == *unit && item_of(&e.cells) == Some(item.no));
                    planned.count() as f64
                })
                .collect();
            row.push(row.iter().sum());
            row
        })
        .collect();

    let mut header = vec!["序号".to_owned(), "活动事项".to_owned()];
    header.extend(units.iter().map(|u| (*u).to_owned()));
    header.push("合计".to_owned());
    let mut table = Table::new(header);
    let first_unit = 2u16;
    let total_col = first_unit + units.len() as u16;
    for (i, item) in campaign.activities.iter().enumerate() {
        let row = FIRST_ROW + i as u32;
        let (planned, sum) = counts[i].split_at(units.len());
        let mut cells = vec![Cell::Serial(item.no), Cell::text(item.name.as_str())];
        cells.extend(planned.iter().map(|n| Cell::Number(*n)));
        cells.push(match units.len() {
            0 => Cell::Number(sum[0]),
            _ => Cell::sum(cell_range(row, first_unit, row, total_col - 1), sum[0]),
        });
        table.rows.push(Row::plain(cells));
    }
    let totals = (0..=units.len()).map(|k| counts.iter().map(|row| row[k]).sum());
    table.push_sum_row(campaign.activities.len(), totals);

    let mut caps = vec![6.0, 22.0];
    caps.extend(units.iter().map(|_| 12.0));
    caps.push(10.0);
    Page {
        title: super::title(campaign, "重点活动计划分事项统计表"),
        note: format!("数据截至 {as_of}（各单位计划开展的重点活动项数，按对应活动事项统计）"),
        tables: vec![table],
        caps,
        filter: false,
    }
}
