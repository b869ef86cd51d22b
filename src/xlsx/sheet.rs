//! One printable sheet of a workbook the tool writes (the consolidated books,
//! a unit's 问题清单), as a value, and the one place that turns it into cells.
//!
//! Every such sheet has the same frame: a title merged across the table
//! (row 1), the as-of line (row 2), the header (row 3) and the rows from
//! row 4; a sheet may hold a second, captioned table below the first. The
//! builders (`merge::books`, `output::remind`) only decide what goes
//! into the cells; widths from the display width of the text, row heights for
//! wrapped text, borders, fills, frozen panes and the print setup are decided
//! here, the same way for every sheet.

use std::borrow::Cow;
use std::ops::Range;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::utility::cell_range;
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Worksheet, XlsxError,
};

use crate::template::style::Styles;
use crate::width::{MAX_COLUMN, MIN_COLUMN, column_width, wrapped_lines};

pub(crate) const TITLE_ROW: u32 = 0;
pub(crate) const NOTE_ROW: u32 = 1;
pub(crate) const HEADER_ROW: u32 = 2;
/// The first data row of the first table (0-based; row 4 as people count).
pub(crate) const FIRST_ROW: u32 = 3;

/// How a date-time (收到时间) is shown.
pub(crate) const DATE_TIME_FORMAT: &str = "yyyy-mm-dd hh:mm";
/// The 小计 and 合计 rows, as the forms shade their fixed cells.
const TOTAL_FILL: Color = Color::RGB(0xF2F2F2);

/// Points per wrapped line of 11-point body text, and the air around it.
const LINE: f64 = 15.0;
const PAD: f64 = 7.0;
const ROW_HEIGHT: f64 = 22.0;
const HEADER_HEIGHT: f64 = 30.0;
const TITLE_HEIGHT: f64 = 36.0;
/// The 16-point title against 11-point body text, in width and in points per line.
const TITLE_SCALE: f64 = 16.0 / 11.0;
const TITLE_LINE: f64 = 22.0;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Text, left-aligned and wrapped.
    Text(String),
    /// Short text, centred (状态, 是/否, 小计).
    Label(String),
    /// Short text, centred on a fill of its own (a status, coloured by it).
    Shaded(String, Color),
    /// Digits kept as text so that none is lost (telephone numbers).
    Digits(String),
    /// A row or item number, centred.
    Serial(u32),
    Number(f64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    /// A live formula with the result the rollup computed, for readers that do not recalculate.
    Formula {
        formula: String,
        value: f64,
    },
    Blank,
}

impl Cell {
    pub(crate) fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    pub(crate) fn label(text: impl Into<String>) -> Cell {
        Cell::Label(text.into())
    }

    pub(crate) fn sum(range: impl std::fmt::Display, value: f64) -> Cell {
        Cell::Formula {
            formula: format!("SUM({range})"),
            value,
        }
    }

    /// A live SUM of column `col` over `rows`, or the plain number where
    /// there is no row to sum.
    pub(crate) fn column_sum(col: u16, rows: Range<u32>, value: f64) -> Cell {
        if rows.is_empty() {
            return Cell::Number(value);
        }
        Cell::sum(cell_range(rows.start, col, rows.end - 1, col), value)
    }

    /// The text as a reader sees it, for sizing the column and the row
    /// (borrowed where the cell holds it: sizing visits every cell twice).
    fn shown(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(t) | Cell::Label(t) | Cell::Shaded(t, _) | Cell::Digits(t) => {
                Cow::Borrowed(t)
            }
            Cell::Serial(n) => Cow::Owned(n.to_string()),
            Cell::Number(n) | Cell::Formula { value: n, .. } => {
                Cow::Owned(crate::read::table::format_number(*n))
            }
            Cell::Date(d) => Cow::Owned(crate::zh::date(*d)),
            Cell::DateTime(t) => Cow::Owned(t.format("%Y-%m-%d %H:%M").to_string()),
            Cell::Blank => Cow::Borrowed(""),
        }
    }
}

/// How a whole row stands out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Tone {
    Plain,
    /// 小计 and 合计: bold on a grey fill.
    Total,
    /// A row to notice (a brand activity, a unit that has not reported).
    Fill(Color),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub cells: Vec<Cell>,
    pub tone: Tone,
}

impl Row {
    pub(crate) fn plain(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            tone: Tone::Plain,
        }
    }

    pub(crate) fn total(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            tone: Tone::Total,
        }
    }
}

/// Cells merged into one, counted from the table's first data row; the
/// content is that of the top-left cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    pub row: usize,
    pub col: u16,
    pub rows: usize,
    pub cols: u16,
}

/// One table: an optional caption line above it, the header, the rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Table {
    pub caption: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub merges: Vec<Merge>,
}

impl Table {
    pub(crate) fn new(header: Vec<String>) -> Table {
        Table {
            header,
            ..Table::default()
        }
    }

    /// Merges `cols` cells of the last row pushed, from `col` on.
    pub(crate) fn merge_last(&mut self, col: u16, cols: u16) {
        let row = self.rows.len() - 1;
        self.merges.push(Merge {
            row,
            col,
            rows: 1,
            cols,
        });
    }

    /// Pushes the 合计 row of a page's first table: 合计 across 序号 and the
    /// name column, then one SUM per total, over the first `rows` data rows
    /// of the column (a row saying there is nothing is not summed).
    pub(crate) fn push_sum_row(&mut self, rows: usize, totals: impl IntoIterator<Item = f64>) {
        let summed = FIRST_ROW..FIRST_ROW + rows as u32;
        let mut cells = vec![Cell::label("合计"), Cell::Blank];
        for total in totals {
            let col = cells.len() as u16;
            cells.push(Cell::column_sum(col, summed.clone(), total));
        }
        self.rows.push(Row::total(cells));
        self.merge_last(0, 2);
    }

    fn merge_at(&self, row: usize, col: u16) -> Option<&Merge> {
        self.merges.iter().find(|m| {
            (m.row..m.row + m.rows).contains(&row) && (m.col..m.col + m.cols).contains(&col)
        })
    }
}

/// A whole sheet: title, as-of line, tables (the first from [`HEADER_ROW`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Page {
    pub title: String,
    pub note: String,
    pub tables: Vec<Table>,
    /// The widest each column may grow, in Excel width units (missing: [`MAX_COLUMN`]).
    pub caps: Vec<f64>,
    /// An autofilter over the first table.
    pub filter: bool,
}

/// The formats of the books, derived from the blank forms' look.
pub(crate) struct Looks {
    forms: Styles,
}

impl Looks {
    pub(crate) fn new() -> Looks {
        Looks {
            forms: Styles::default(),
        }
    }

    fn title(&self) -> Format {
        self.forms.title.clone().set_text_wrap()
    }

    fn note(&self) -> Format {
        self.forms
            .cell
            .clone()
            .set_border(FormatBorder::None)
            .set_align(FormatAlign::Center)
    }

    fn caption(&self) -> Format {
        self.forms
            .cell
            .clone()
            .set_border(FormatBorder::None)
            .set_bold()
    }

    fn cell(&self, cell: &Cell, tone: Tone) -> Format {
        let forms = &self.forms;
        let format = match Kind::of(cell) {
            Kind::Plain => forms.cell.clone(),
            Kind::Centred => forms.cell.clone().set_align(FormatAlign::Center),
            Kind::Shaded(color) => forms
                .cell
                .clone()
                .set_align(FormatAlign::Center)
                .set_background_color(color),
            Kind::Digits => forms.cell_text.clone(),
            Kind::Date => forms.cell_date.clone(),
            Kind::DateTime => forms
                .cell
                .clone()
                .set_num_format(DATE_TIME_FORMAT)
                .set_align(FormatAlign::Center),
        };
        match tone {
            Tone::Plain => format,
            Tone::Total => format.set_bold().set_background_color(TOTAL_FILL),
            Tone::Fill(color) => format.set_background_color(color),
        }
    }
}

/// Which format a cell takes, apart from its row's tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Centred,
    Shaded(Color),
    Digits,
    Date,
    DateTime,
}

impl Kind {
    fn of(cell: &Cell) -> Kind {
        match cell {
            Cell::Text(_) | Cell::Number(_) | Cell::Formula { .. } | Cell::Blank => Kind::Plain,
            Cell::Label(_) | Cell::Serial(_) => Kind::Centred,
            Cell::Shaded(_, color) => Kind::Shaded(*color),
            Cell::Digits(_) => Kind::Digits,
            Cell::Date(_) => Kind::Date,
            Cell::DateTime(_) => Kind::DateTime,
        }
    }
}

/// The formats of one table, made once per (kind, tone) rather than once per cell.
struct Formats<'a> {
    looks: &'a Looks,
    made: Vec<(Kind, Tone, Format)>,
}

impl<'a> Formats<'a> {
    fn new(looks: &'a Looks) -> Formats<'a> {
        Formats {
            looks,
            made: Vec::new(),
        }
    }

    fn of(&mut self, cell: &Cell, tone: Tone) -> &Format {
        let kind = Kind::of(cell);
        let index = match self
            .made
            .iter()
            .position(|(k, t, _)| *k == kind && *t == tone)
        {
            Some(index) => index,
            None => {
                self.made.push((kind, tone, self.looks.cell(cell, tone)));
                self.made.len() - 1
            }
        };
        &self.made[index].2
    }
}

/// Writes `page` onto `sheet`: widths, rows, merges, frozen header, print setup.
pub(crate) fn write(sheet: &mut Worksheet, page: &Page, looks: &Looks) -> Result<(), XlsxError> {
    let widths = widths(page);
    let last_col = widths.len().saturating_sub(1) as u16;
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }

    // A narrow table (分事项统计) wraps its title and as-of line rather than cut them off.
    let table_width: f64 = widths.iter().sum();
    let title_lines = wrapped_lines(&page.title, table_width / TITLE_SCALE);
    sheet.set_row_height(
        TITLE_ROW,
        TITLE_HEIGHT + TITLE_LINE * (title_lines - 1) as f64,
    )?;
    across(sheet, TITLE_ROW, last_col, &page.title, &looks.title())?;
    let note_lines = wrapped_lines(&page.note, table_width);
    sheet.set_row_height(NOTE_ROW, (LINE * note_lines as f64 + PAD).max(ROW_HEIGHT))?;
    across(sheet, NOTE_ROW, last_col, &page.note, &looks.note())?;

    let mut header_row = HEADER_ROW;
    let mut next_row = HEADER_ROW;
    for (i, table) in page.tables.iter().enumerate() {
        if i > 0 {
            header_row = next_row + 1;
            if let Some(caption) = &table.caption {
                sheet.set_row_height(header_row, ROW_HEIGHT)?;
                across(sheet, header_row, last_col, caption, &looks.caption())?;
                header_row += 1;
            }
        }
        next_row = write_table(sheet, table, header_row, &widths, looks)?;
        if i == 0 && page.filter {
            let last = (table.header.len().max(1) - 1) as u16;
            sheet.autofilter(HEADER_ROW, 0, next_row.max(FIRST_ROW) - 1, last)?;
        }
    }

    sheet.set_freeze_panes(FIRST_ROW, 0)?;
    super::print_setup(sheet, HEADER_ROW)
}

/// Text merged across the first `last_col + 1` columns of `row`.
fn across(
    sheet: &mut Worksheet,
    row: u32,
    last_col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if last_col == 0 {
        sheet.write_string_with_format(row, 0, text, format)?;
    } else {
        sheet.merge_range(row, 0, row, last_col, text, format)?;
    }
    Ok(())
}

/// Writes one table with its header at `header_row`; returns the row below it.
fn write_table(
    sheet: &mut Worksheet,
    table: &Table,
    header_row: u32,
    widths: &[f64],
    looks: &Looks,
) -> Result<u32, XlsxError> {
    let mut lines = 1;
    for (col, header) in table.header.iter().enumerate() {
        lines = lines.max(wrapped_lines(header, widths[col]));
        sheet.write_string_with_format(header_row, col as u16, header, &looks.forms.header)?;
    }
    sheet.set_row_height(header_row, (LINE * lines as f64 + PAD).max(HEADER_HEIGHT))?;

    let first = header_row + 1;
    for (r, height) in heights(table, widths).into_iter().enumerate() {
        sheet.set_row_height(first + r as u32, height)?;
    }
    let mut formats = Formats::new(looks);
    for merge in &table.merges {
        let row = first + merge.row as u32;
        let tone = table.rows[merge.row].tone;
        let cell = &table.rows[merge.row].cells[merge.col as usize];
        sheet.merge_range(
            row,
            merge.col,
            row + merge.rows as u32 - 1,
            merge.col + merge.cols - 1,
            "",
            formats.of(cell, tone),
        )?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            let col = c as u16;
            let covered = table
                .merge_at(r, col)
                .is_some_and(|m| (m.row, m.col) != (r, col));
            if covered {
                continue;
            }
            put(
                sheet,
                first + r as u32,
                col,
                cell,
                formats.of(cell, row.tone),
            )?;
        }
    }
    Ok(first + table.rows.len() as u32)
}

fn put(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    format: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(text) | Cell::Label(text) | Cell::Shaded(text, _) | Cell::Digits(text) => {
            sheet.write_string_with_format(row, col, text, format)?;
        }
        Cell::Serial(n) => {
            sheet.write_number_with_format(row, col, *n, format)?;
        }
        Cell::Number(n) => {
            sheet.write_number_with_format(row, col, *n, format)?;
        }
        Cell::Date(date) => {
            let date =
                ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?;
            sheet.write_datetime_with_format(row, col, &date, format)?;
        }
        Cell::DateTime(at) => {
            let date = at.date();
            let at =
                ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?
                    .and_hms(at.hour() as u16, at.minute() as u8, at.second())?;
            sheet.write_datetime_with_format(row, col, &at, format)?;
        }
        Cell::Formula { formula, value } => {
            let formula =
                Formula::new(formula).set_result(crate::read::table::format_number(*value));
            sheet.write_formula_with_format(row, col, formula, format)?;
        }
        Cell::Blank => {
            sheet.write_blank(row, col, format)?;
        }
    }
    Ok(())
}

/// Column widths from the display width of every header and cell (cells
/// merged across columns aside), each within its cap.
fn widths(page: &Page) -> Vec<f64> {
    let columns = page
        .tables
        .iter()
        .map(|t| t.header.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let mut widths = vec![MIN_COLUMN; columns];
    for table in &page.tables {
        for (col, header) in table.header.iter().enumerate() {
            widths[col] = widths[col].max(column_width([header.as_str()]));
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                // A merge across columns is sized by its row, not by one column.
                if table.merge_at(r, c as u16).is_some_and(|m| m.cols > 1) {
                    continue;
                }
                widths[c] = widths[c].max(column_width([&*cell.shown()]));
            }
        }
    }
    for (col, width) in widths.iter_mut().enumerate() {
        *width = width.min(page.caps.get(col).copied().unwrap_or(MAX_COLUMN));
    }
    widths
}

/// Row heights that show every wrapped line, merged cells included.
fn heights(table: &Table, widths: &[f64]) -> Vec<f64> {
    let height = |text: &str, width: f64| LINE * wrapped_lines(text, width) as f64 + PAD;
    let mut heights: Vec<f64> = table
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.cells
                .iter()
                .enumerate()
                .filter(|(c, _)| table.merge_at(r, *c as u16).is_none())
                .map(|(c, cell)| height(&cell.shown(), widths[c]))
                .fold(ROW_HEIGHT, f64::max)
        })
        .collect();
    for merge in &table.merges {
        let cols = merge.col as usize..(merge.col + merge.cols) as usize;
        let width: f64 = widths[cols].iter().sum();
        let needed = height(
            &table.rows[merge.row].cells[merge.col as usize].shown(),
            width,
        );
        let rows = merge.row..merge.row + merge.rows;
        let have: f64 = heights[rows.clone()].iter().sum();
        if have < needed {
            let more = (needed - have) / merge.rows as f64;
            for h in &mut heights[rows] {
                *h += more;
            }
        }
    }
    heights
}
