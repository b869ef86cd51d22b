//! 附件3-活动进展情况汇总表: 汇总 (by category and item), 图表 (its chart,
//! a chart sheet of its own), 分单位, 明细 and 未纳入.

use rust_xlsxwriter::utility::{cell_range_absolute, quote_sheet_name, row_col_to_cell};
use rust_xlsxwriter::{
    Chart, ChartFont, ChartLegendPosition, ChartMarker, ChartMarkerType, ChartRange, ChartType,
    Workbook, XlsxError,
};

use crate::definition::Campaign;
use crate::lang::Lang;
use crate::merge::{Progress, Rollup};
use crate::xlsx::sheet::{self, Cell, FIRST_ROW, Looks, Merge, Page, Row, Table};

const SUMMARY: &str = "汇总";
/// The chart of 汇总, named for what it is, as short as the other tabs.
const CHART: &str = "图表";
const BY_UNIT: &str = "分单位";
const DETAIL: &str = "明细";
const EXCLUDED: &str = "未纳入";

/// Label columns before the metrics on 汇总: 类别, 序号, 活动事项.
const SUMMARY_LABELS: u16 = 3;
/// Metric columns are as wide as their headers: 开展场次（场） reads badly
/// broken before its closing bracket.
const METRIC_WIDTH: f64 = crate::width::MAX_COLUMN;

pub(super) fn book(campaign: &Campaign, rollup: &Rollup) -> Result<Workbook, XlsxError> {
    let progress = &rollup.progress;
    let title = super::title(campaign, "活动进展情况汇总表");
    let note = format!(
        "数据截至 {}（共 {} 个单位纳入汇总，{} 个单位未纳入）",
        super::as_of(campaign, rollup.as_of, rollup.uncommitted.len()),
        progress.by_unit.len(),
        progress.excluded.len()
    );
    let mut workbook = Workbook::new();
    workbook.set_properties(&super::properties(campaign, rollup.as_of, &title)?);
    let looks = Looks::new();

    let (page, item_rows) = summary(progress, &title, &note);
    let sheet = workbook.add_worksheet().set_name(SUMMARY)?;
    sheet.set_active(true);
    sheet::write(sheet, &page, &looks)?;
    // A chart sheet prints as one page filled by the chart, so neither the
    // table nor the chart shares or spills over a page.
    if let Some(chart) = chart(progress, &item_rows) {
        let sheet = workbook.add_chartsheet().set_name(CHART)?;
        crate::xlsx::chart_print_setup(sheet, &note);
        sheet.insert_chart(0, 0, &chart)?;
    }

    let pages = [
        (BY_UNIT, by_unit(campaign, progress, &note)),
        (DETAIL, detail(campaign, progress, &note)),
        (EXCLUDED, excluded(campaign, rollup, &note)),
    ];
    for (name, page) in pages {
        let sheet = workbook.add_worksheet().set_name(name)?;
        sheet::write(sheet, &page, &looks)?;
    }
    Ok(workbook)
}

fn header(labels: &[&str], progress: &Progress) -> Vec<String> {
    labels
        .iter()
        .map(|l| (*l).to_owned())
        .chain(progress.headers.iter().cloned())
        .collect()
}

/// Widest columns: `labels` for the leading ones, metric columns as wide as their headers, then `trailing`.
fn caps(labels: &[f64], metrics: usize, trailing: &[f64]) -> Vec<f64> {
    labels
        .iter()
        .copied()
        .chain(std::iter::repeat_n(METRIC_WIDTH, metrics))
        .chain(trailing.iter().copied())
        .collect()
}

/// The 汇总 page and the sheet rows (0-based) of its item rows.
fn summary(progress: &Progress, title: &str, note: &str) -> (Page, Vec<u32>) {
    let metrics = progress.headers.len();
    let metric_col = |m: usize| SUMMARY_LABELS + m as u16;
    let mut table = Table::new(header(&["类别", "序号", "活动事项"], progress));
    let mut item_rows = Vec::new();
    let mut subtotal_rows = Vec::new();
    for category in &progress.by_category {
        let first = table.rows.len();
        let items: Vec<_> = progress
            .by_item
            .iter()
            .filter(|i| i.category == category.no)
            .collect();
        for (k, item) in items.iter().enumerate() {
            let label = match k {
                0 => Cell::Text(format!(
                    "{}、{}",
                    super::chinese_numeral(category.no),
                    category.name
                )),
                _ => Cell::Blank,
            };
            let mut cells = vec![
                label,
                Cell::Serial(item.no),
                Cell::text(item.activity.as_str()),
            ];
            cells.extend(item.values.iter().map(|v| Cell::Number(*v)));
            item_rows.push(FIRST_ROW + table.rows.len() as u32);
            table.rows.push(Row::plain(cells));
        }
        if items.len() > 1 {
            table.merges.push(Merge {
                row: first,
                col: 0,
                rows: items.len(),
                cols: 1,
            });
        }
        let (top, bottom) = (
            FIRST_ROW + first as u32,
            FIRST_ROW + table.rows.len() as u32,
        );
        let mut cells = vec![Cell::label("小计"), Cell::Blank, Cell::Blank];
        cells.extend(
            (0..metrics).map(|m| Cell::column_sum(metric_col(m), top..bottom, category.values[m])),
        );
        subtotal_rows.push(bottom);
        table.rows.push(Row::total(cells));
        table.merge_last(0, SUMMARY_LABELS);
    }
    let mut cells = vec![Cell::label("合计"), Cell::Blank, Cell::Blank];
    cells.extend((0..metrics).map(|m| {
        let value = progress.total[m];
        if subtotal_rows.is_empty() {
            return Cell::Number(value);
        }
        let subtotals: Vec<String> = subtotal_rows
            .iter()
            .map(|&row| row_col_to_cell(row, metric_col(m)))
            .collect();
        Cell::sum(subtotals.join(","), value)
    }));
    table.rows.push(Row::total(cells));
    table.merge_last(0, SUMMARY_LABELS);

    let page = Page {
        title: title.to_owned(),
        note: note.to_owned(),
        tables: vec![table],
        caps: caps(&[20.0, 6.0, 22.0], metrics, &[]),
        filter: false,
    };
    (page, item_rows)
}

/// 开展场次 as columns and 参与人次 as a line on the secondary axis (it runs
/// a hundred times larger), by item, read from the item rows of 汇总.
///
/// Two column series on two axes would be drawn over each other, one hiding
/// the other, so the second metric is a line, as a 双轴 chart in a report is.
fn chart(progress: &Progress, item_rows: &[u32]) -> Option<Chart> {
    let first = progress.headers.first()?;
    if item_rows.is_empty() {
        return None;
    }
    let categories = range(item_rows, 2);
    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name("各活动事项开展场次与参与人次");
    chart
        .add_series()
        .set_name(first.as_str())
        .set_categories(&categories)
        .set_values(&range(item_rows, SUMMARY_LABELS))
        .set_gap(80);
    chart.y_axis().set_name(first.as_str());
    if let Some(second) = progress.headers.get(1) {
        let mut line = Chart::new(ChartType::Line);
        line.add_series()
            .set_name(second.as_str())
            .set_categories(&categories)
            .set_values(&range(item_rows, SUMMARY_LABELS + 1))
            .set_marker(
                ChartMarker::new()
                    .set_type(ChartMarkerType::Circle)
                    .set_size(7),
            )
            .set_secondary_axis(true);
        chart.combine(&line);
        chart.y2_axis().set_name(second.as_str());
    }
    // Item names lie level and wrap within their column: left to LibreOffice
    // or Excel, names of up to sixteen characters are turned on their side
    // and squash the plot.
    chart.x_axis().set_font(ChartFont::new().set_rotation(0));
    chart.legend().set_position(ChartLegendPosition::Bottom);
    Some(chart)
}

/// The cells of column `col` on `rows` of 汇总: one range, or a list of them
/// where 小计 rows interrupt the items.
fn range(rows: &[u32], col: u16) -> ChartRange {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &row in rows {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == row => *last = row,
            _ => runs.push((row, row)),
        }
    }
    if let [(first, last)] = runs[..] {
        return ChartRange::new_from_range(SUMMARY, first, col, last, col);
    }
    let sheet = quote_sheet_name(SUMMARY);
    let parts: Vec<String> = runs
        .iter()
        .map(|&(first, last)| format!("{sheet}!{}", cell_range_absolute(first, col, last, col)))
        .collect();
    ChartRange::new_from_string(&format!("=({})", parts.join(",")))
}

fn by_unit(campaign: &Campaign, progress: &Progress, note: &str) -> Page {
    let metrics = progress.headers.len();
    let mut table = Table::new(header(&["序号", "单位"], progress));
    for (i, unit) in progress.by_unit.iter().enumerate() {
        let mut cells = vec![Cell::Serial(i as u32 + 1), Cell::text(unit.unit.as_str())];
        cells.extend(unit.values.iter().map(|v| Cell::Number(*v)));
        table.rows.push(Row::plain(cells));
    }
    let units = progress.by_unit.len();
    if units == 0 {
        table
            .rows
            .push(Row::plain(vec![Cell::label("暂无单位纳入汇总")]));
        table.merge_last(0, 2 + metrics as u16);
    }
    let totals = (0..metrics).map(|m| progress.by_unit.iter().map(|u| u.values[m]).sum());
    table.push_sum_row(units, totals);
    let mut tables = vec![table];
    tables.extend(changed(campaign, progress));
    Page {
        title: super::title(campaign, "活动进展情况分单位汇总表"),
        note: note.to_owned(),
        tables,
        caps: caps(&[6.0, 26.0], metrics, &[]),
        filter: false,
    }
}

/// The units whose figures changed after the deadline, under the table of
/// units: the leaders should know which numbers moved after it passed.
fn changed(campaign: &Campaign, progress: &Progress) -> Option<Table> {
    if progress.changed.is_empty() {
        return None;
    }
    let header = ["序号", "单位", "截止时间", "修改后收到", "提交", "改动"];
    let mut table = Table::new(header.map(String::from).to_vec());
    table.caption = Some(
        "以下单位的数字在截止后修改过（逐格改动见 campaign diff --after-deadline）".to_owned(),
    );
    for (i, changed) in progress.changed.iter().enumerate() {
        let received = changed
            .received
            .map(|at| Cell::DateTime(at.with_timezone(&campaign.timezone).naive_local()));
        let commit = changed.commit.as_deref().map(crate::git::short);
        let mut what = format!("{} 个单元格", changed.cells);
        if changed.rows > 0 {
            what.push_str(&format!("，{} 行", changed.rows));
        }
        table.rows.push(Row::plain(vec![
            Cell::Serial(i as u32 + 1),
            Cell::text(changed.unit.as_str()),
            Cell::Text(super::as_of(campaign, changed.due, 0)),
            received.unwrap_or(Cell::Blank),
            commit.map_or(Cell::label("未提交"), Cell::label),
            Cell::Text(what),
        ]));
    }
    Some(table)
}

/// Every counted row, traced to the version that produced it: its file,
/// sheet and row, the commit that gave the file that content, and when that
/// version was received.
fn detail(campaign: &Campaign, progress: &Progress, note: &str) -> Page {
    let mut header = header(&["单位", "序号", "活动事项"], progress);
    header.extend(["备注", "来源文件", "工作表", "行", "提交", "收到时间"].map(String::from));
    let mut table = Table::new(header);
    for row in &progress.detail {
        let mut cells = vec![
            Cell::text(row.unit.as_str()),
            Cell::Serial(row.no),
            Cell::text(row.activity.as_str()),
        ];
        cells.extend(row.values.iter().map(|v| Cell::Number(*v)));
        let source = &row.source;
        let received = source
            .received
            .map(|at| Cell::DateTime(at.with_timezone(&campaign.timezone).naive_local()));
        let commit = source.commit.as_deref().map(crate::git::short);
        cells.extend([
            Cell::text(row.remark.as_str()),
            Cell::text(source.file.as_str()),
            Cell::text(source.sheet.as_str()),
            Cell::Serial(source.row),
            commit.map_or(Cell::Blank, Cell::label),
            received.unwrap_or(Cell::Blank),
        ]);
        table.rows.push(Row::plain(cells));
    }
    Page {
        title: super::title(campaign, "活动进展情况明细表"),
        note: note.to_owned(),
        tables: vec![table],
        caps: caps(
            &[24.0, 6.0, 20.0],
            progress.headers.len(),
            &[24.0, 36.0, 10.0, 6.0, 10.0, 18.0],
        ),
        filter: true,
    }
}

fn excluded(campaign: &Campaign, rollup: &Rollup, note: &str) -> Page {
    let excluded = &rollup.progress.excluded;
    let mut table = Table::new(["序号", "单位", "状态", "原因"].map(String::from).to_vec());
    for (i, unit) in excluded.iter().enumerate() {
        table.rows.push(Row::plain(vec![
            Cell::Serial(i as u32 + 1),
            Cell::text(unit.unit.as_str()),
            Cell::label(unit.status.label(Lang::Zh)),
            Cell::Text(crate::merge::json::reason(unit, Lang::Zh)),
        ]));
    }
    if excluded.is_empty() {
        table
            .rows
            .push(Row::plain(vec![Cell::label("全部单位均已纳入汇总")]));
        table.merge_last(0, 4);
    }
    let mut tables = vec![table];
    if !rollup.superseded.is_empty() {
        let header = ["序号", "单位", "报送事项", "计入的文件", "未计入的旧版本"];
        let mut older = Table::new(header.map(String::from).to_vec());
        older.caption = Some("以下旧版本未计入汇总".to_owned());
        for superseded in &rollup.superseded {
            let report = campaign
                .report(&superseded.report)
                .map_or(superseded.report.as_str(), |r| r.title.as_str());
            for file in &superseded.older {
                older.rows.push(Row::plain(vec![
                    Cell::Serial(older.rows.len() as u32 + 1),
                    Cell::text(superseded.unit.as_str()),
                    Cell::text(report),
                    Cell::text(superseded.counted.as_str()),
                    Cell::text(file.as_str()),
                ]));
            }
        }
        tables.push(older);
    }
    Page {
        title: super::title(campaign, "活动进展情况未纳入汇总的单位"),
        note: note.to_owned(),
        tables,
        caps: vec![6.0, 24.0, 22.0, 40.0, 40.0],
        filter: false,
    }
}
