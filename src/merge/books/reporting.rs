//! 报送情况.xlsx: where every unit stands with every report, for the leaders.
//! 报送情况 is the unit × report matrix — each cell the label the table
//! format shows, filled with the colour of its status — with how many
//! results are complete per report and per unit, and a legend; 明细 has one
//! row per result with its deadline, receipt and file.
//!
//! Nothing is judged or worded here: the cells are the shared [`Matrix`],
//! the labels, marks, dates and channels [`crate::output`]'s, so the
//! workbook never disagrees with `check`.

use chrono::{DateTime, FixedOffset};
use rust_xlsxwriter::{Color, Workbook, XlsxError};

use crate::definition::Campaign;
use crate::lang::Lang;
use crate::output::{self, Matrix, Style, Tally, View};
use crate::status::{Check, Status};
use crate::xlsx::sheet::{self, Cell, Looks, Merge, Page, Row, Table};

const MATRIX: &str = "报送情况";
const DETAIL: &str = "明细";
/// The header of the completion column and the label of the completion row.
const COMPLETE: &str = "完成";

/// The books speak Chinese, whatever `--lang` the command ran with.
const LANG: Lang = Lang::Zh;

/// The colour of a status: light shades a black label reads well on, in
/// print as on screen. The label is always there too, so a grey print or a
/// reader who cannot tell the colours apart loses nothing.
fn fill(status: Status) -> Color {
    let (_, background) = output::Tone::of_status(status).colours();
    Color::RGB(background)
}

/// Which status colours a cell showing several results (a unit's key
/// activities): the one that most calls for action.
const PRESSING: [Status; 6] = [
    Status::Missing,
    Status::Invalid,
    Status::Late,
    Status::Pending,
    Status::Ok,
    Status::Exempt,
];

fn pressing(statuses: &[Status]) -> Option<Status> {
    PRESSING.into_iter().find(|s| statuses.contains(s))
}

/// A completion count (the page's, [`output::Tally`]) as a cell: `12/13`,
/// or a dash where nothing is owed.
fn tally_cell(tally: Tally) -> Cell {
    match tally.owed {
        0 => Cell::label(output::NOTHING),
        owed => Cell::Label(format!("{}/{owed}", tally.done)),
    }
}

pub(super) fn book(campaign: &Campaign, check: &Check) -> Result<Workbook, XlsxError> {
    let view = View {
        check,
        campaign,
        fail_on: &[],
        style: Style {
            color: false,
            lang: LANG,
        },
    };
    let title = super::title(campaign, "报送情况表");
    let uncommitted = crate::merge::uncommitted(check).len();
    let note = format!(
        "数据截至 {}",
        super::as_of(campaign, check.as_of, uncommitted)
    );
    let matrix = Matrix::new(&view);
    let legend = matrix.legend(&view);

    let mut workbook = Workbook::new();
    workbook.set_properties(&super::properties(campaign, check.as_of, &title)?);
    let looks = Looks::new();
    let pages = [
        (
            MATRIX,
            matrix_page(&matrix, legend.as_deref(), title, &note),
        ),
        (DETAIL, detail_page(&view, legend.as_deref(), &note)),
    ];
    for (name, page) in pages {
        let sheet = workbook.add_worksheet().set_name(name)?;
        sheet::write(sheet, &page, &looks)?;
    }
    Ok(workbook)
}

/// One row per unit, one column per report, the completion counts as a last
/// column and row, then the legend of colours and marks.
fn matrix_page(matrix: &Matrix, marks: Option<&str>, title: String, note: &str) -> Page {
    let reports = matrix.headers.len();
    let mut header = vec!["单位".to_owned()];
    header.extend(matrix.headers.iter().cloned());
    header.push(COMPLETE.to_owned());
    let columns = header.len();
    let mut table = Table::new(header);

    for row in &matrix.rows {
        let mut cells = vec![Cell::text(row.unit.as_str())];
        for (spans, statuses) in row.cells.iter().zip(&row.statuses) {
            let text = output::plain(spans);
            cells.push(match pressing(statuses) {
                Some(status) => Cell::Shaded(text, fill(status)),
                None => Cell::Label(text),
            });
        }
        let per_unit: Tally = row.statuses.iter().map(|s| output::done(s)).collect();
        cells.push(tally_cell(per_unit));
        table.rows.push(Row::plain(cells));
    }
    let cell_done = |k: usize| {
        matrix
            .rows
            .iter()
            .map(move |row| output::done(&row.statuses[k]))
    };
    let mut cells = vec![Cell::label(COMPLETE)];
    cells.extend((0..reports).map(|k| tally_cell(cell_done(k).collect())));
    cells.push(tally_cell((0..reports).flat_map(cell_done).collect()));
    table.rows.push(Row::total(cells));

    legend(&mut table, columns);
    let mut explained = format!(
        "{COMPLETE}：已按时或逾期报送且无误的事项数／应报事项数（免报不计；重点活动资料按单位计，每项活动都报送了才算完成）　{} 暂无重点活动",
        output::NOTHING
    );
    if let Some(marks) = marks {
        explained.push_str(&format!("　{marks}"));
    }
    let mut cells = vec![Cell::Text(explained)];
    cells.resize(columns, Cell::Blank);
    table.rows.push(Row::plain(cells));
    table.merge_last(0, columns as u16);

    let mut caps = vec![24.0];
    caps.extend(std::iter::repeat_n(16.0, reports));
    caps.push(10.0);
    Page {
        title,
        note: note.to_owned(),
        tables: vec![table],
        caps,
        filter: false,
    }
}

/// The legend of the fills: 图例, then every status in its colour, as many
/// to a row as there are report columns.
fn legend(table: &mut Table, columns: usize) {
    let first = table.rows.len();
    let slots = columns - 1;
    for (i, statuses) in Status::ALL.chunks(slots).enumerate() {
        let label = if i == 0 {
            Cell::label("图例")
        } else {
            Cell::Blank
        };
        let mut cells = vec![label];
        cells.extend(
            statuses
                .iter()
                .map(|s| Cell::Shaded(s.label(LANG).to_owned(), fill(*s))),
        );
        cells.resize(columns, Cell::Blank);
        table.rows.push(Row::plain(cells));
    }
    let rows = table.rows.len() - first;
    if rows > 1 {
        table.merges.push(Merge {
            row: first,
            col: 0,
            rows,
            cols: 1,
        });
    }
}

/// One row per result, in the order of `check`: unit, then report.
fn detail_page(view: &View, marks: Option<&str>, note: &str) -> Page {
    let tz = view.campaign.timezone;
    let local = |at: DateTime<FixedOffset>| Cell::DateTime(at.with_timezone(&tz).naive_local());
    let header = [
        "单位",
        "报送事项",
        "截止时间",
        "状态",
        "收到时间",
        "收到方式",
        "逾期",
        "修订时间",
        "文件",
    ];
    let mut table = Table::new(header.map(String::from).to_vec());
    for result in &view.check.results {
        let received = result.received();
        let deadline = result.deadline.as_ref();
        table.rows.push(Row::plain(vec![
            Cell::text(result.unit.as_str()),
            Cell::text(output::result_name(result, view.campaign)),
            deadline.map_or(Cell::Blank, |d| Cell::label(output::due_when(d, tz, LANG))),
            Cell::Shaded(output::marked_label(result, view), fill(result.status())),
            received.map_or(Cell::Blank, |r| local(r.first)),
            received.map_or(Cell::Blank, |r| Cell::label(output::via(r.via, LANG))),
            received
                .and_then(|r| r.late_by)
                .map_or(Cell::Blank, |by| Cell::label(output::amount(by, LANG))),
            received.and_then(|r| r.revised).map_or(Cell::Blank, local),
            result
                .counted()
                .map_or(Cell::Blank, |v| Cell::text(v.path.as_str())),
        ]));
    }
    // The matrix has no room for the counts by status; the detail has.
    let summary = output::plain(&output::summary(view.check, LANG));
    let mut note = format!("{note}；{summary}");
    if let Some(marks) = marks {
        note.push_str(&format!("　{marks}"));
    }
    Page {
        title: super::title(view.campaign, "报送情况明细表"),
        note,
        tables: vec![table],
        caps: vec![24.0, 30.0, 18.0, 14.0, 18.0, 14.0, 10.0, 18.0, 40.0],
        filter: true,
    }
}
