//! The consolidated workbooks `campaign merge` writes: 附件3 (the progress
//! rollup), 附件1 (every liaison), 附件2 (every planned key activity) and
//! 报送情况 (the status of every unit × report, for the leaders); and beside
//! them 截止后修改情况, what `campaign diff --after-deadline` found.
//!
//! Each book is built in memory from the [`Rollup`] alone, or for 报送情况
//! from the [`Check`] it was made from, and is byte-identical for the same
//! inputs: the document date is the as-of day, never the clock. Totals are live SUM formulas whose stored
//! results are the rollup's own numbers, so the books add up in Excel, in
//! LibreOffice and in readers that never recalculate. This module does not
//! decide what is counted; [`super::rollup`] does.

mod changes;
mod liaisons;
mod plans;
mod progress;
mod reporting;

pub use changes::CHANGES_BOOK;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

use super::{Entry, Listing, Rollup};
use crate::atomic;
use crate::definition::{Campaign, ColumnType};
use crate::error::Error;
use crate::read::value::Parsed;
use crate::status::Check;
use crate::template::TemplateError;
use crate::xlsx::sheet::{Cell, Page, Table};
use crate::xlsx::{self, SaveError};

/// The file names merge writes, as the office names the consolidated tables.
pub const PROGRESS_BOOK: &str = "附件3-活动进展情况汇总表.xlsx";
pub const LIAISON_BOOK: &str = "附件1-联络员汇总表.xlsx";
pub const PLAN_BOOK: &str = "附件2-重点活动计划汇总表.xlsx";
pub const STATUS_BOOK: &str = "报送情况.xlsx";

/// The 附件3 rollup: sheets 汇总 (by category and item), 图表 (a chart sheet:
/// 开展场次 and 参与人次 by item), 分单位, 明细 and 未纳入.
///
/// ```
/// use campaign::definition::{Campaign, DEFAULT_TOML};
/// use campaign::merge::{books, rollup};
/// use campaign::receipt::Receipts;
/// use campaign::status::{check, Options};
///
/// let campaign = Campaign::parse(DEFAULT_TOML).unwrap();
/// let receipts = Receipts::default();
/// let as_of = chrono::DateTime::parse_from_rfc3339("2021-06-30T23:59:59+08:00").unwrap();
/// let check = check(&campaign, &[], &receipts, Options { as_of, soon: chrono::Duration::zero() });
/// let rollup = rollup(&campaign, &receipts, &check);
///
/// let mut book = books::progress_book(&campaign, &rollup).unwrap();
/// let names: Vec<String> = book.worksheets().iter().map(|s| s.name()).collect();
/// assert_eq!(names, ["汇总", "图表", "分单位", "明细", "未纳入"]);
/// assert!(book.save_to_buffer().is_ok());
/// ```
pub fn progress_book(campaign: &Campaign, rollup: &Rollup) -> Result<Workbook, XlsxError> {
    progress::book(campaign, rollup)
}

/// The 附件1 roster: every liaison by unit, units that sent none marked in place.
pub fn liaison_book(campaign: &Campaign, rollup: &Rollup) -> Result<Workbook, XlsxError> {
    liaisons::book(campaign, rollup)
}

/// The 附件2 plan: every key activity by start date (brand activities shaded),
/// and a count per activity item and unit.
pub fn plan_book(campaign: &Campaign, rollup: &Rollup) -> Result<Workbook, XlsxError> {
    plans::book(campaign, rollup)
}

/// 报送情况: sheets 报送情况 (every unit × report as `check` labels it,
/// coloured by status, with completion counts and a legend) and 明细 (one
/// row per result).
///
/// ```
/// use campaign::definition::{Campaign, DEFAULT_TOML};
/// use campaign::merge::books;
/// use campaign::receipt::Receipts;
/// use campaign::status::{check, Options};
///
/// let campaign = Campaign::parse(DEFAULT_TOML).unwrap();
/// let receipts = Receipts::default();
/// let as_of = chrono::DateTime::parse_from_rfc3339("2021-06-30T23:59:59+08:00").unwrap();
/// let check = check(&campaign, &[], &receipts, Options { as_of, soon: chrono::Duration::zero() });
///
/// let mut book = books::status_book(&campaign, &check).unwrap();
/// let names: Vec<String> = book.worksheets().iter().map(|s| s.name()).collect();
/// assert_eq!(names, ["报送情况", "明细"]);
/// assert!(book.save_to_buffer().is_ok());
/// ```
pub fn status_book(campaign: &Campaign, check: &Check) -> Result<Workbook, XlsxError> {
    reporting::book(campaign, check)
}

/// 截止后修改情况: every cell changed after its deadline, one row each, as
/// `campaign diff --after-deadline` found them at `at`.
pub fn changes_book(
    campaign: &Campaign,
    audited: &[crate::diff::Compared],
    at: DateTime<FixedOffset>,
) -> Result<Workbook, XlsxError> {
    changes::book(campaign, audited, at)
}

/// Writes 截止后修改情况.xlsx into `dir`, atomically; returns its path.
pub fn write_changes(
    campaign: &Campaign,
    audited: &[crate::diff::Compared],
    at: DateTime<FixedOffset>,
    dir: &Path,
) -> Result<PathBuf, Error> {
    let path = dir.join(CHANGES_BOOK);
    let mut workbook = changes_book(campaign, audited, at).map_err(|e| TemplateError {
        path: path.clone(),
        error: SaveError::Build(e),
    })?;
    xlsx::save(&mut workbook, &path).map_err(|error| TemplateError {
        path: path.clone(),
        error,
    })?;
    Ok(path)
}

/// Writes the four books into `dir` as one set with `others` (the 汇编 and
/// its attachments), all or none ([`atomic::write_set`]); returns the paths
/// written (附件1, 附件2, 附件3, 报送情况, then `others`). `check` is the
/// judgement `rollup` was made from.
pub fn write_all(
    campaign: &Campaign,
    rollup: &Rollup,
    check: &Check,
    dir: &Path,
    others: Vec<(PathBuf, Vec<u8>)>,
) -> Result<Vec<PathBuf>, Error> {
    type Build<'a> = &'a (dyn Fn() -> Result<Workbook, XlsxError> + Sync);
    let books: [(&str, Build); 4] = [
        (LIAISON_BOOK, &|| liaison_book(campaign, rollup)),
        (PLAN_BOOK, &|| plan_book(campaign, rollup)),
        (PROGRESS_BOOK, &|| progress_book(campaign, rollup)),
        (STATUS_BOOK, &|| status_book(campaign, check)),
    ];
    // The books are independent; the 附件3 book takes longest, the others
    // are built beside it. They are written as one set.
    let files = books
        .par_iter()
        .map(|(name, build)| {
            let path = dir.join(name);
            let bytes = build()
                .and_then(|mut workbook| workbook.save_to_buffer())
                .map_err(|e| TemplateError {
                    path: path.clone(),
                    error: SaveError::Build(e),
                })?;
            Ok((path, bytes))
        })
        .collect::<Result<Vec<_>, TemplateError>>()?;
    let files: Vec<(PathBuf, Vec<u8>)> = files.into_iter().chain(others).collect();
    atomic::write_set(&files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// `{campaign.name}{what}`, without saying a word twice where they meet:
/// 2021年“安全生产月”活动 + 活动进展情况汇总表 gives 2021年“安全生产月”活动进展情况汇总表.
pub(super) fn title(campaign: &Campaign, what: &str) -> String {
    let name = campaign.name.as_str();
    let overlap = what
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .rev()
        .find(|&end| what[..end].chars().count() >= 2 && name.ends_with(&what[..end]))
        .unwrap_or(0);
    format!("{name}{}", &what[overlap..])
}

/// 2021年6月30日 23:59, the instant a book stands at in the campaign's time
/// zone, saying so when files not yet committed are counted (their time is
/// only their modification time).
pub(super) fn as_of(campaign: &Campaign, at: DateTime<FixedOffset>, uncommitted: usize) -> String {
    let local = at.with_timezone(&campaign.timezone);
    let mut text = format!(
        "{} {}",
        crate::zh::date(local.date_naive()),
        local.format("%H:%M")
    );
    if uncommitted > 0 {
        text.push_str(&format!(
            "（含 {uncommitted} 个尚未提交的文件，收到时间按文件修改时间计）"
        ));
    }
    text
}

/// Fixed document properties: the title, the issuer, the as-of day.
fn properties(
    campaign: &Campaign,
    at: DateTime<FixedOffset>,
    title: &str,
) -> Result<DocProperties, XlsxError> {
    let day = at.with_timezone(&campaign.timezone).date_naive();
    Ok(xlsx::properties(title, &campaign.issuer, day)?
        .set_company(&campaign.issuer)
        .set_comment("由 campaign 根据各单位报送的表格汇总生成"))
}

/// 1 → 一, 12 → 十二, 20 → 二十, for numbering categories.
pub(super) fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
    match n {
        0..=9 => DIGITS[ones].to_owned(),
        10..=99 => {
            let mut numeral = if tens == 1 {
                String::new()
            } else {
                DIGITS[tens].to_owned()
            };
            numeral.push('十');
            if ones > 0 {
                numeral.push_str(DIGITS[ones]);
            }
            numeral
        }
        _ => n.to_string(),
    }
}

/// How 附件1 and 附件2 lay out a listing: 序号 and 单位, then every column
/// of the form but its own 序号 and 单位, each value as its own kind of cell.
struct Layout<'a> {
    campaign: &'a Campaign,
    listing: &'a Listing,
    /// The listing's columns shown after 序号 and 单位.
    shown: Vec<usize>,
}

impl<'a> Layout<'a> {
    fn new(campaign: &'a Campaign, listing: &'a Listing) -> Layout<'a> {
        let shown = (0..listing.columns.len())
            .filter(|&i| !matches!(listing.columns[i].ty, ColumnType::Serial | ColumnType::Unit))
            .collect();
        Layout {
            campaign,
            listing,
            shown,
        }
    }

    /// The table, header only.
    fn table(&self) -> Table {
        let mut header = vec!["序号".to_owned(), "单位".to_owned()];
        header.extend(self.shown.iter().map(|&i| self.listing.columns[i].header()));
        Table::new(header)
    }

    /// The cells of one entry, numbered `serial`.
    fn cells(&self, serial: u32, entry: &Entry) -> Vec<Cell> {
        let mut cells = vec![Cell::Serial(serial), Cell::text(entry.unit.as_str())];
        cells.extend(
            self.shown
                .iter()
                .map(|&i| value_cell(self.campaign, entry.cells[i].as_ref())),
        );
        cells
    }

    /// The page of `table`, each column capped to what a name or a value needs.
    fn page(&self, title: String, note: String, table: Table) -> Page {
        let mut caps = vec![6.0, 26.0];
        caps.extend(self.shown.iter().map(|_| 30.0));
        Page {
            title,
            note,
            tables: vec![table],
            caps,
            filter: false,
        }
    }
}

/// A parsed value as its own kind of cell: numbers as numbers, dates as
/// dates, telephone numbers as digits kept as text, anything else as the text
/// people read ([`Parsed::shown`]: 是/否 centred, an item as `6 应急演练`).
fn value_cell(campaign: &Campaign, value: Option<&Parsed>) -> Cell {
    let Some(value) = value else {
        return Cell::Blank;
    };
    match value {
        Parsed::Phone(digits) => Cell::Digits(digits.clone()),
        Parsed::Count(n) => Cell::Number(*n as f64),
        Parsed::Number(n) => Cell::Number(*n),
        Parsed::Date(d) => Cell::Date(*d),
        Parsed::Serial(n) => Cell::Serial(*n),
        Parsed::Bool(_) => Cell::Label(value.shown(campaign)),
        Parsed::Text(_)
        | Parsed::Email(_)
        | Parsed::Choice(_)
        | Parsed::Unit(_)
        | Parsed::Activity(_) => Cell::Text(value.shown(campaign)),
    }
}

/// How many different units `units` names.
fn distinct_units<'a>(units: impl Iterator<Item = &'a str>) -> usize {
    let mut seen: Vec<&str> = units.collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        let shown: Vec<String> = [1, 4, 10, 11, 20, 23]
            .into_iter()
            .map(chinese_numeral)
            .collect();
        assert_eq!(shown, ["一", "四", "十", "十一", "二十", "二十三"]);
    }

    #[test]
    fn titles_do_not_repeat_a_word() {
        let mut campaign = Campaign::parse(crate::definition::DEFAULT_TOML).unwrap();
        assert_eq!(
            title(&campaign, "活动进展情况汇总表"),
            "2021年“安全生产月”活动进展情况汇总表"
        );
        assert_eq!(
            title(&campaign, "联络员汇总表"),
            "2021年“安全生产月”活动联络员汇总表"
        );
        campaign.name = "安全月".into();
        assert_eq!(
            title(&campaign, "活动进展情况汇总表"),
            "安全月活动进展情况汇总表"
        );
    }
}
