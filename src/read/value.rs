//! Reading one cell by its column's type.
//!
//! A human filled these forms: numbers stored as text or followed by their
//! unit (“12场”), dashes for zero, full-width digits, dates typed as text,
//! phone numbers Excel turned into numbers. This module accepts what is
//! unambiguous and rejects what is not with a [`ValueError`] that quotes what
//! was found. It reads one cell at a time: whether a blank is allowed, how
//! cells of a row compare and where the cell is are the caller's business.
//!
//! Blanks: `None`, white space, and for every type but text, serial, count and
//! number also a lone dash, slash or 无 (“nothing to enter here”), read as
//! `Ok(None)`. In a count or number column the same means zero.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};
use unicode_normalization::UnicodeNormalization;

use super::table::{Value, format_number};
use crate::definition::{Activity, Campaign, Column, ColumnType};
use crate::lang::Lang;
use crate::normalize::{key, loose_key};
use crate::zh;

/// What a cell means once read by its column's type.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Text(String),
    Count(u64),
    Number(f64),
    Date(NaiveDate),
    /// Normalised: a mobile as 11 digits "13800001234"; a landline as "022-12345678" (area code, dash, number) or just the digits when no area code.
    ///
    /// An extension is kept after 转, as Chinese forms write it:
    /// "022-12345678转801", so that the one dash always separates the area code.
    Phone(String),
    Email(String),
    /// The canonical choice as written in the definition.
    Choice(String),
    /// The activity item's number (1..=N).
    Activity(u32),
    Bool(bool),
    /// The unit's canonical name.
    Unit(String),
    Serial(u32),
}

impl Parsed {
    /// The value as the tool shows it to people: 是/否 for a flag, `6 应急演练`
    /// for an activity item, 2021-06-05 for a date, numbers without a trailing `.0`.
    pub fn shown(&self, campaign: &Campaign) -> String {
        match self {
            Parsed::Text(t)
            | Parsed::Phone(t)
            | Parsed::Email(t)
            | Parsed::Choice(t)
            | Parsed::Unit(t) => t.clone(),
            Parsed::Count(n) => n.to_string(),
            Parsed::Number(n) => crate::read::table::format_number(*n),
            Parsed::Date(d) => d.format("%Y-%m-%d").to_string(),
            Parsed::Bool(true) => "是".to_owned(),
            Parsed::Bool(false) => "否".to_owned(),
            Parsed::Activity(no) => match campaign.activities.iter().find(|a| a.no == *no) {
                Some(activity) => format!("{no} {}", activity.name),
                None => no.to_string(),
            },
            Parsed::Serial(n) => n.to_string(),
        }
    }
}

/// What parsing needs to know beyond the column.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub campaign: &'a Campaign,
    /// The report allows dates outside the campaign period.
    pub dates_outside_period: bool,
}

/// Reads one cell (`None` = no cell / empty) as `column` expects.
/// Ok(None) means blank: nothing was entered (the caller decides whether a blank is allowed).
/// For `Count` and `Number` columns a blank or a dash means zero → Ok(Some(Count(0))) / Ok(Some(Number(0.0))).
///
/// ```
/// use campaign::definition::{Campaign, DEFAULT_TOML};
/// use campaign::read::table::Value;
/// use campaign::read::value::{Context, Parsed, parse};
///
/// let campaign = Campaign::parse(DEFAULT_TOML).unwrap();
/// let progress = campaign.report("progress").unwrap().table().unwrap();
/// let sessions = progress.column("开展场次").unwrap();
/// let ctx = Context { campaign: &campaign, dates_outside_period: false };
/// let cell = Value::Text("１２场".into());
/// assert_eq!(parse(Some(&cell), sessions, &ctx), Ok(Some(Parsed::Count(12))));
/// assert_eq!(parse(None, sessions, &ctx), Ok(Some(Parsed::Count(0))));
/// ```
pub fn parse(
    value: Option<&Value>,
    column: &Column,
    ctx: &Context,
) -> Result<Option<Parsed>, ValueError> {
    let cell = match value.map(Cell::of).transpose()? {
        Some(Some(cell)) => cell,
        _ => return Ok(blank(&column.ty)),
    };
    let unit = column.unit.as_deref();
    match &column.ty {
        ColumnType::Text => Ok(Some(Parsed::Text(cell.found()))),
        ColumnType::Serial => Ok(Some(serial(&cell))),
        ColumnType::Count => count(&cell, unit).map(Some),
        ColumnType::Number => number(&cell, unit).map(Some),
        ColumnType::Choice(choices) => choice(&cell, choices),
        _ if cell.says_nothing() => Ok(None),
        ColumnType::Date => date(&cell, ctx).map(Some),
        ColumnType::Phone => phone(&cell).map(Some),
        ColumnType::Mobile => mobile(&cell).map(Some),
        ColumnType::Email => email(&cell).map(Some),
        ColumnType::Activity => activity(&cell, ctx.campaign).map(Some),
        ColumnType::Bool => boolean(&cell).map(Some),
        ColumnType::Unit => unit_name(&cell, ctx.campaign).map(Some),
    }
}

/// Why a cell cannot be read: each variant keeps what was found.
///
/// `found` is the cell as the person saw it: the text trimmed, or the value
/// as Excel's General format shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueError {
    /// A formula whose result the file does not store; `found` is the formula (`=SUM(C3:C12)`).
    NoFormulaResult {
        found: String,
    },
    /// An error value such as `#DIV/0!`.
    CellError {
        found: String,
    },
    /// Not a number. `whole`: the column wants a count (a non-negative whole number).
    NotANumber {
        found: String,
        whole: bool,
    },
    /// A negative number in a count.
    Negative {
        found: String,
    },
    /// A fraction in a count.
    Fractional {
        found: String,
    },
    /// An estimate: 约200, 200左右, 200余, 200多, 200+.
    Approximate {
        found: String,
        whole: bool,
    },
    /// Two numbers as a range: 10-20, 10~20, 10至20.
    NumberRange {
        found: String,
        whole: bool,
    },
    /// A number followed by `unit` where the column counts in `expected`
    /// (or, when `expected` is `None`, takes a bare number).
    WrongUnit {
        found: String,
        unit: String,
        expected: Option<String>,
    },
    /// Not a date, or a day the calendar does not have (2021-6-31).
    NotADate {
        found: String,
    },
    /// A date that can be read more than one way.
    AmbiguousDate {
        found: String,
        ambiguity: Ambiguity,
    },
    /// More than one date in one cell: 6月5日-6月8日.
    DateRange {
        found: String,
    },
    /// A date outside the campaign period where the report does not allow it.
    DateOutsidePeriod {
        found: String,
        date: NaiveDate,
        start: NaiveDate,
        end: NaiveDate,
    },
    /// A phone number Excel stored as a number, losing digits (1.38E+10, a dropped leading 0).
    LostDigits {
        found: String,
    },
    /// Not an 11-digit mobile number; `digits` is how many digits were found.
    BadMobile {
        found: String,
        digits: usize,
    },
    /// Neither a landline nor a mobile number.
    BadPhone {
        found: String,
    },
    BadEmail {
        found: String,
    },
    /// Not 是/否 or one of their usual spellings.
    NotBool {
        found: String,
    },
    /// No activity item by that number or name; `count` items exist, `example` is the first.
    UnknownActivity {
        found: String,
        count: usize,
        example: String,
    },
    /// A number and a name naming different items: “3.专题学习”.
    ActivityMismatch {
        found: String,
        /// The number written, and the item it names.
        no: u32,
        item: String,
        /// The item the written name names, and its number.
        named: String,
        named_no: u32,
    },
    UnknownUnit {
        found: String,
    },
    UnknownChoice {
        found: String,
        choices: Vec<String>,
    },
}

/// Why a date can be read more than one way.
#[derive(Debug, Clone, PartialEq)]
pub enum Ambiguity {
    /// A number such as 6.1: the 1st, or the 10th typed as 6.10 whose zero Excel dropped.
    DroppedZero { year: i32, month: u32, day: u32 },
    /// A month and day without a year, in a campaign spanning two calendar years.
    NoYear { start: NaiveDate, end: NaiveDate },
}

impl ValueError {
    /// One plain sentence saying what was found and what was expected, e.g.
    /// zh: `填写的是“约200”，应填写确切的非负整数，不能写“约”“左右”等估计数`
    /// en: `found “约200”; expected an exact whole number, not an estimate`
    pub fn render(&self, lang: Lang) -> String {
        use ValueError::*;
        match self {
            NoFormulaResult { found } => lang.pick(
                format!(
                    "该单元格是公式“{found}”，文件中没有保存计算结果；请用 Excel 或 WPS 打开该文件，保存后重新报送"
                ),
                format!(
                    "found the formula “{found}” with no stored result; please open the file in Excel or WPS, save it and send it again"
                ),
            ),
            CellError { found } => lang.pick(
                format!("填写的是错误值“{found}”，请改正公式或直接填写数值"),
                format!("found the error value “{found}”; please correct the formula or type the value"),
            ),
            NotANumber { found, whole: true } => lang.pick(
                format!("填写的是“{found}”，应填写非负整数（如 12），没有请填 0"),
                format!("found “{found}”; expected a whole number such as 12 (0 if none)"),
            ),
            NotANumber { found, whole: false } => lang.pick(
                format!("填写的是“{found}”，应填写数字（如 12 或 3.5），没有请填 0"),
                format!("found “{found}”; expected a number such as 12 or 3.5 (0 if none)"),
            ),
            Negative { found } => lang.pick(
                format!("填写的是“{found}”，不能填写负数，应填写非负整数（如 12）"),
                format!("found “{found}”; expected a whole number, not a negative one"),
            ),
            Fractional { found } => lang.pick(
                format!("填写的是“{found}”，应填写整数，不能带小数"),
                format!("found “{found}”; expected a whole number, not a fraction"),
            ),
            Approximate { found, whole } => lang.pick(
                format!(
                    "填写的是“{found}”，应填写确切的{}，不能写“约”“左右”等估计数",
                    if *whole { "非负整数" } else { "数字" }
                ),
                format!(
                    "found “{found}”; expected an exact {}, not an estimate",
                    if *whole { "whole number" } else { "number" }
                ),
            ),
            NumberRange { found, whole } => lang.pick(
                format!(
                    "填写的是“{found}”，应填写一个确切的{}，不能填写范围",
                    if *whole { "非负整数" } else { "数字" }
                ),
                format!(
                    "found “{found}”; expected one exact {}, not a range",
                    if *whole { "whole number" } else { "number" }
                ),
            ),
            WrongUnit {
                found,
                expected: Some(expected),
                ..
            } => lang.pick(
                format!(
                    "填写的是“{found}”，但本栏以“{expected}”为单位，请核对是否填错栏目，并只填写数字"
                ),
                format!(
                    "found “{found}”, but this column counts in {expected}; check the column and enter the number only"
                ),
            ),
            WrongUnit {
                found,
                unit,
                expected: None,
            } => lang.pick(
                format!("填写的是“{found}”，本栏只填写数字，不要带“{unit}”等单位"),
                format!("found “{found}”; enter the number only, without the unit “{unit}”"),
            ),
            NotADate { found } => lang.pick(
                format!("填写的是“{found}”，不是有效的日期，应填写如 2021-06-05 这样的日期"),
                format!("found “{found}”; expected a valid date such as 2021-06-05"),
            ),
            AmbiguousDate {
                found,
                ambiguity: Ambiguity::DroppedZero { year, month, day },
            } => {
                let tens = day * 10;
                lang.pick(
                    format!(
                        "填写的是“{found}”，无法确定是{month}月{day}日还是{month}月{tens}日（Excel 会把 {month}.{tens} 保存为 {month}.{day}）；请填写完整日期，如 {year}-{month:02}-{day:02} 或 {year}-{month:02}-{tens}"
                    ),
                    format!(
                        "found “{found}”, which may be {month}/{day} or {month}/{tens} (Excel saves {month}.{tens} as {month}.{day}); write the full date, such as {year}-{month:02}-{day:02} or {year}-{month:02}-{tens}"
                    ),
                )
            }
            AmbiguousDate {
                found,
                ambiguity: Ambiguity::NoYear { start, end },
            } => lang.pick(
                format!(
                    "填写的是“{found}”，没有写年份，而活动期间（{}至{}）跨两个年度，无法确定年份；请填写带年份的完整日期，如 {start}",
                    zh::date(*start),
                    zh::date(*end)
                ),
                format!(
                    "found “{found}” without a year, and the campaign period {start} to {end} spans two years; write the full date, such as {start}"
                ),
            ),
            DateRange { found } => lang.pick(
                format!(
                    "填写的是“{found}”，一个单元格只能填写一个日期；活动持续多日的，请将开始日期和结束日期分别填入各自的栏目"
                ),
                format!(
                    "found “{found}”, more than one date; enter one date per cell (the start and end dates go in their own columns)"
                ),
            ),
            DateOutsidePeriod {
                found,
                date,
                start,
                end,
            } => lang.pick(
                format!(
                    "填写的是“{found}”，即{}，不在活动期间（{}至{}）内，请核对",
                    zh::date(*date),
                    zh::date(*start),
                    zh::date(*end)
                ),
                format!(
                    "found “{found}” ({date}), outside the campaign period {start} to {end}"
                ),
            ),
            LostDigits { found } => lang.pick(
                format!(
                    "填写的是“{found}”，号码被 Excel 当作数字保存，部分数字已经丢失；请将该单元格设置为“文本”格式后重新输入完整号码"
                ),
                format!(
                    "found “{found}”: Excel saved the phone number as a number and digits were lost; set the cell format to Text and type the full number again"
                ),
            ),
            BadMobile { found, digits } => {
                let (zh_count, en_count) = match digits {
                    0 => (String::new(), String::new()),
                    11 => (
                        "（不是以13至19开头的手机号码）".to_owned(),
                        " (not a mobile number starting 13 to 19)".to_owned(),
                    ),
                    n => (format!("（{n}位数字）"), format!(" ({n} digits)")),
                };
                lang.pick(
                    format!("填写的是“{found}”{zh_count}，应填写11位手机号码，如 13800001234"),
                    format!(
                        "found “{found}”{en_count}; expected an 11-digit mobile number such as 13800001234"
                    ),
                )
            }
            BadPhone { found } => lang.pick(
                format!(
                    "填写的是“{found}”，应填写固定电话（如 022-12345678）或11位手机号码（如 13800001234）"
                ),
                format!(
                    "found “{found}”; expected a landline such as 022-12345678 or an 11-digit mobile number such as 13800001234"
                ),
            ),
            BadEmail { found } => lang.pick(
                format!(
                    "填写的是“{found}”，不是有效的电子邮箱，应填写如 name@example.com 这样的邮箱地址"
                ),
                format!("found “{found}”; expected an e-mail address such as name@example.com"),
            ),
            NotBool { found } => lang.pick(
                format!("填写的是“{found}”，应填写“是”或“否”"),
                format!("found “{found}”; expected 是 (yes) or 否 (no)"),
            ),
            UnknownActivity {
                found,
                count,
                example,
            } => lang.pick(
                format!(
                    "填写的是“{found}”，应为{count}项活动事项之一（如“{example}”）或其序号1–{count}"
                ),
                format!(
                    "found “{found}”; expected one of the {count} activity items (such as “{example}”) or its number 1–{count}"
                ),
            ),
            ActivityMismatch {
                found,
                no,
                item,
                named,
                named_no,
            } => lang.pick(
                format!(
                    "填写的是“{found}”，但序号{no}是“{item}”，而“{named}”是第{named_no}项，二者不一致，请核对"
                ),
                format!(
                    "found “{found}”, but item {no} is “{item}” and “{named}” is item {named_no}; please check which one is meant"
                ),
            ),
            UnknownUnit { found } => lang.pick(
                format!("填写的是“{found}”，不是本次活动的单位名称或简称，请填写单位全称"),
                format!("found “{found}”; expected the name of one of the campaign's units"),
            ),
            UnknownChoice { found, choices } => lang.pick(
                format!("填写的是“{found}”，应为以下之一：{}", choices.join("、")),
                format!("found “{found}”; expected one of: {}", choices.join(", ")),
            ),
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Zh))
    }
}

impl std::error::Error for ValueError {}

/// What a blank cell means in a column of type `ty`.
fn blank(ty: &ColumnType) -> Option<Parsed> {
    match ty {
        ColumnType::Count => Some(Parsed::Count(0)),
        ColumnType::Number => Some(Parsed::Number(0.0)),
        _ => None,
    }
}

/// A cell with content, ready to be interpreted.
enum Cell<'v> {
    /// Text as typed (trimmed), and its NFKC form, which is what gets interpreted.
    Text {
        typed: &'v str,
        norm: String,
    },
    Number(f64),
    Bool(bool),
    DateTime(NaiveDateTime),
}

impl<'v> Cell<'v> {
    /// `Ok(None)` for blank text; an error for a cell whose value is unknown.
    fn of(value: &'v Value) -> Result<Option<Cell<'v>>, ValueError> {
        let cell = match value {
            Value::Text(text) => {
                let typed = text.trim();
                if typed.is_empty() {
                    return Ok(None);
                }
                let norm = typed.nfkc().collect::<String>().trim().to_owned();
                Cell::Text { typed, norm }
            }
            Value::Number(n) => Cell::Number(*n),
            Value::Bool(b) => Cell::Bool(*b),
            Value::DateTime(dt) => Cell::DateTime(*dt),
            Value::Error(code) => {
                return Err(ValueError::CellError {
                    found: code.clone(),
                });
            }
            Value::FormulaWithoutValue(_) => {
                return Err(ValueError::NoFormulaResult {
                    found: value.shown(),
                });
            }
        };
        Ok(Some(cell))
    }

    /// The cell as the person saw it, for messages and text columns.
    fn found(&self) -> String {
        match self {
            Cell::Text { typed, .. } => (*typed).to_owned(),
            Cell::Number(n) => Value::Number(*n).shown(),
            Cell::Bool(b) => Value::Bool(*b).shown(),
            Cell::DateTime(dt) => Value::DateTime(*dt).shown(),
        }
    }

    /// A lone dash, slash or 无: the person says there is nothing to enter.
    fn says_nothing(&self) -> bool {
        match self {
            Cell::Text { norm, .. } => norm == "无" || norm.chars().all(|c| NOTHING.contains(&c)),
            _ => false,
        }
    }
}

/// Dash-like characters people type, after NFKC (which maps － to - but keeps —).
const DASHES: [char; 6] = ['-', '—', '–', '―', '−', '‐'];

/// Characters that alone say “nothing here”: dashes and slashes.
const NOTHING: [char; 8] = ['-', '—', '–', '―', '−', '‐', '/', '\\'];

// ---------------------------------------------------------------- serial

/// 序号 is not validated: a positive whole number is kept as such, anything else as text.
fn serial(cell: &Cell) -> Parsed {
    let no = match cell {
        Cell::Number(n) if n.fract() == 0.0 && (1.0..=f64::from(u32::MAX)).contains(n) => {
            Some(*n as u32)
        }
        Cell::Text { norm, .. } if norm.bytes().all(|b| b.is_ascii_digit()) => {
            norm.parse().ok().filter(|no| *no >= 1)
        }
        _ => None,
    };
    no.map_or_else(|| Parsed::Text(cell.found()), Parsed::Serial)
}

// ---------------------------------------------------------------- counts and numbers

fn count(cell: &Cell, unit: Option<&str>) -> Result<Parsed, ValueError> {
    let found = cell.found();
    match cell {
        Cell::Number(n) => whole_number(*n, found).map(Parsed::Count),
        Cell::Text { .. } if cell.says_nothing() => Ok(Parsed::Count(0)),
        Cell::Text { norm, .. } => {
            let literal = number_text(norm, unit, true, &found)?;
            literal.whole(found).map(Parsed::Count)
        }
        Cell::Bool(_) | Cell::DateTime(_) => Err(ValueError::NotANumber { found, whole: true }),
    }
}

fn number(cell: &Cell, unit: Option<&str>) -> Result<Parsed, ValueError> {
    let found = cell.found();
    let n = match cell {
        Cell::Number(n) => *n,
        Cell::Text { .. } if cell.says_nothing() => 0.0,
        Cell::Text { norm, .. } => number_text(norm, unit, false, &found)?.value(),
        Cell::Bool(_) | Cell::DateTime(_) => f64::NAN,
    };
    if !n.is_finite() {
        return Err(ValueError::NotANumber {
            found,
            whole: false,
        });
    }
    // -0 is zero; nobody means a signed zero.
    Ok(Parsed::Number(if n == 0.0 { 0.0 } else { n }))
}

fn whole_number(n: f64, found: String) -> Result<u64, ValueError> {
    if !n.is_finite() {
        return Err(ValueError::NotANumber { found, whole: true });
    }
    if n == 0.0 {
        return Ok(0);
    }
    if n < 0.0 {
        return Err(ValueError::Negative { found });
    }
    if n.fract() != 0.0 {
        return Err(ValueError::Fractional { found });
    }
    // 2^64: the first integral f64 that does not fit.
    if n >= 18_446_744_073_709_551_616.0 {
        return Err(ValueError::NotANumber { found, whole: true });
    }
    Ok(n as u64)
}

/// A number written as text: sign, digits (thousands separators removed), fraction digits.
struct Literal<'t> {
    negative: bool,
    int: String,
    frac: &'t str,
}

impl Literal<'_> {
    fn is_zero(&self) -> bool {
        self.int.bytes().chain(self.frac.bytes()).all(|b| b == b'0')
    }

    fn whole(&self, found: String) -> Result<u64, ValueError> {
        if self.is_zero() {
            return Ok(0);
        }
        if self.negative {
            return Err(ValueError::Negative { found });
        }
        if self.frac.bytes().any(|b| b != b'0') {
            return Err(ValueError::Fractional { found });
        }
        self.int
            .parse()
            .map_err(|_| ValueError::NotANumber { found, whole: true })
    }

    fn value(&self) -> f64 {
        let sign = if self.negative { "-" } else { "" };
        let frac = if self.frac.is_empty() { "0" } else { self.frac };
        format!("{sign}{}.{frac}", self.int)
            .parse()
            .unwrap_or(f64::NAN)
    }
}

/// The number at the start of `text`, and the rest trimmed.
///
/// Thousands separators must group by three (1,234); “1,23” is not a number.
fn literal(text: &str) -> Option<(Literal<'_>, &str)> {
    let (negative, body) = match text.strip_prefix(['-', '−']) {
        Some(body) => (true, body),
        None => (false, text),
    };
    let end = body
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(body.len());
    let (number, rest) = body.split_at(end);
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if number.ends_with('.') || frac.contains(['.', ',']) {
        return None;
    }
    let int = grouped_digits(int)?;
    Some((
        Literal {
            negative,
            int,
            frac,
        },
        rest.trim(),
    ))
}

fn grouped_digits(int: &str) -> Option<String> {
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut groups = int.split(',');
    let first = groups.next().filter(|g| all_digits(g))?;
    if !int.contains(',') {
        return Some(first.to_owned());
    }
    if first.len() > 3 || !groups.all(|g| g.len() == 3 && all_digits(g)) {
        return None;
    }
    Some(int.replace(',', ""))
}

/// A count or number typed as text, with the column's unit if any; otherwise why not.
fn number_text<'t>(
    norm: &'t str,
    unit: Option<&str>,
    whole: bool,
    found: &str,
) -> Result<Literal<'t>, ValueError> {
    let found = found.to_owned();
    if let Some((literal, rest)) = literal(norm)
        && (rest.is_empty() || is_column_unit(rest, unit))
    {
        return Ok(literal);
    }
    if is_number_range(norm) {
        return Err(ValueError::NumberRange { found, whole });
    }
    if is_estimate(norm) {
        return Err(ValueError::Approximate { found, whole });
    }
    if let Some((_, rest)) = literal(norm)
        && is_unit_like(rest)
    {
        return Err(ValueError::WrongUnit {
            found,
            unit: rest.to_owned(),
            expected: unit.map(str::to_owned),
        });
    }
    Err(ValueError::NotANumber { found, whole })
}

/// Whether `found` is the column's unit; a unit such as 篇/条 accepts either part.
fn is_column_unit(found: &str, unit: Option<&str>) -> bool {
    let Some(unit) = unit else {
        return false;
    };
    let found = key(found);
    key(unit) == found || unit.split('/').any(|part| key(part) == found)
}

/// A short word after a number that reads as a unit: 场, 人次, 篇/条.
fn is_unit_like(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= 4
        && text.chars().all(|c| c.is_alphabetic() || c == '/')
}

/// A number, possibly followed by a unit.
fn is_quantity(text: &str) -> bool {
    literal(text).is_some_and(|(_, rest)| rest.is_empty() || is_unit_like(rest))
}

const RANGE_MARKS: [char; 9] = ['-', '—', '–', '―', '−', '~', '〜', '至', '到'];

/// 10-20, 10~20, 10至20, 10——20: two quantities joined by a range mark.
fn is_number_range(norm: &str) -> bool {
    norm.char_indices()
        .filter(|(at, c)| *at > 0 && RANGE_MARKS.contains(c))
        .any(|(at, c)| {
            let left = norm[..at].trim();
            let right = norm[at + c.len_utf8()..]
                .trim_start()
                .trim_start_matches(RANGE_MARKS)
                .trim();
            is_quantity(left) && is_quantity(right)
        })
}

const ESTIMATE_BEFORE: [&str; 13] = [
    "大约", "大概", "将近", "接近", "超过", "不到", "不足", "约", "近", "逾", "≈", "~", "〜",
];
const ESTIMATE_AFTER: [&str; 8] = ["左右", "上下", "以上", "以下", "余", "多", "来", "+"];

/// 约200, 200左右, 200余人次, 200多, 200+: a number with a word that makes it an estimate.
fn is_estimate(norm: &str) -> bool {
    let (mut marked, text) = match ESTIMATE_BEFORE.iter().find_map(|m| norm.strip_prefix(m)) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, norm),
    };
    let Some((_, mut tail)) = literal(text) else {
        return false;
    };
    // Right after the number (200余人) and at the very end (200人左右).
    while let Some(rest) = ESTIMATE_AFTER.iter().find_map(|m| tail.strip_prefix(m)) {
        tail = rest.trim_start();
        marked = true;
    }
    while let Some(rest) = ESTIMATE_AFTER.iter().find_map(|m| tail.strip_suffix(m)) {
        tail = rest.trim_end();
        marked = true;
    }
    marked && (tail.is_empty() || is_unit_like(tail))
}

// ---------------------------------------------------------------- dates

fn date(cell: &Cell, ctx: &Context) -> Result<Parsed, ValueError> {
    let campaign = ctx.campaign;
    let found = cell.found();
    let day = match cell {
        Cell::DateTime(dt) => dt.date(),
        Cell::Number(n) => date_from_number(*n, campaign, &found)?,
        Cell::Text { norm, .. } => date_from_text(norm, campaign, &found)?,
        Cell::Bool(_) => return Err(ValueError::NotADate { found }),
    };
    if !ctx.dates_outside_period && !(campaign.start..=campaign.end).contains(&day) {
        return Err(ValueError::DateOutsidePeriod {
            found,
            date: day,
            start: campaign.start,
            end: campaign.end,
        });
    }
    Ok(Parsed::Date(day))
}

/// Excel serials taken for dates: 1954 to 2119. Smaller or larger whole
/// numbers in a date column are something else typed there.
const PLAUSIBLE_SERIALS: std::ops::RangeInclusive<f64> = 20_000.0..=80_000.0;

fn date_from_number(n: f64, campaign: &Campaign, found: &str) -> Result<NaiveDate, ValueError> {
    let not_a_date = || ValueError::NotADate {
        found: found.to_owned(),
    };
    if !n.is_finite() || n <= 0.0 {
        return Err(not_a_date());
    }
    // A serial with a time of day (44352.5) keeps its date.
    if PLAUSIBLE_SERIALS.contains(&n.floor()) {
        return excel_serial(n.floor() as i64).ok_or_else(not_a_date);
    }
    if n.fract() == 0.0 {
        // 20210605 typed into a cell that Excel then kept as a number.
        let digits = format_number(n);
        return match digits.len() {
            8 => ymd(&digits[..4], &digits[4..6], &digits[6..]).ok_or_else(not_a_date),
            _ => Err(not_a_date()),
        };
    }
    if n < 13.0 {
        return month_dot_day(n, campaign, found);
    }
    Err(not_a_date())
}

/// Excel's 1900 date system. It counts a 29 February 1900 that never was (a
/// Lotus 1-2-3 bug Excel kept): serial 60 is that day, so from serial 61 on a
/// serial is one more than the days since 1899-12-31.
fn excel_serial(serial: i64) -> Option<NaiveDate> {
    let days = match serial {
        1..=59 => serial,
        61.. => serial - 1,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(1899, 12, 31)?.checked_add_days(Days::new(u64::try_from(days).ok()?))
}

/// A number such as 6.15 typed for 6月15日. Excel keeps what was typed as a
/// number, so 6.10 arrives as 6.1: a one-digit day is the day only when the
/// day with a zero appended does not exist (6.5 is June 5, 6.1 is ambiguous).
fn month_dot_day(n: f64, campaign: &Campaign, found: &str) -> Result<NaiveDate, ValueError> {
    let not_a_date = || ValueError::NotADate {
        found: found.to_owned(),
    };
    let shown = format_number(n);
    let Some((month, day)) = shown.split_once('.') else {
        return Err(not_a_date());
    };
    let month: u32 = month.parse().map_err(|_| not_a_date())?;
    if !(1..=12).contains(&month) || day.len() > 2 {
        return Err(not_a_date());
    }
    let two_digits = day.len() == 2;
    let day: u32 = day.parse().map_err(|_| not_a_date())?;
    let year = campaign_year(campaign, found)?;
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(not_a_date)?;
    if two_digits || NaiveDate::from_ymd_opt(year, month, day * 10).is_none() {
        return Ok(date);
    }
    Err(ValueError::AmbiguousDate {
        found: found.to_owned(),
        ambiguity: Ambiguity::DroppedZero { year, month, day },
    })
}

/// The year of a date written without one: the campaign's, if it has only one.
fn campaign_year(campaign: &Campaign, found: &str) -> Result<i32, ValueError> {
    if campaign.start.year() == campaign.end.year() {
        return Ok(campaign.start.year());
    }
    Err(ValueError::AmbiguousDate {
        found: found.to_owned(),
        ambiguity: Ambiguity::NoYear {
            start: campaign.start,
            end: campaign.end,
        },
    })
}

fn date_from_text(norm: &str, campaign: &Campaign, found: &str) -> Result<NaiveDate, ValueError> {
    let tokens = tokens(without_time(norm));
    if let Some(written) = written_date(&tokens) {
        let year = match written.year {
            Some(year) => year,
            None => campaign_year(campaign, found)?,
        };
        return NaiveDate::from_ymd_opt(year, written.month, written.day).ok_or_else(|| {
            ValueError::NotADate {
                found: found.to_owned(),
            }
        });
    }
    if is_several_dates(&tokens) {
        return Err(ValueError::DateRange {
            found: found.to_owned(),
        });
    }
    Err(ValueError::NotADate {
        found: found.to_owned(),
    })
}

/// “2021-06-05 00:00:00” as some programs export a date: the time is dropped.
fn without_time(text: &str) -> &str {
    match text.split_once(char::is_whitespace) {
        Some((date, time))
            if time.trim().contains(':')
                && time.trim().chars().all(|c| c.is_ascii_digit() || c == ':') =>
        {
            date
        }
        _ => text,
    }
}

/// A piece of a date as typed: a run of digits, or one mark (年, ., -, 至 …).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'t> {
    Digits(&'t str),
    Mark(char),
}

/// Splits a date into tokens: white space dropped, every dash (and a run of
/// them, ——) one `-`, 号 read as 日.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            tokens.push(Token::Digits(&rest[..end]));
            rest = &rest[end..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        if c.is_whitespace() {
            continue;
        }
        let mark = match c {
            c if DASHES.contains(&c) => '-',
            '〜' => '~',
            '号' => '日',
            c => c,
        };
        if mark == '-' && tokens.last() == Some(&Token::Mark('-')) {
            continue;
        }
        tokens.push(Token::Mark(mark));
    }
    tokens
}

/// A date as written; `year` is `None` for 6月5日 and 6.5.
struct Written {
    year: Option<i32>,
    month: u32,
    day: u32,
}

/// 2021年6月5日, 2021.6.5, 2021-6-5, 2021/6/5, 20210605, 6月5日, 6.5 (日 or 号 may follow).
fn written_date(tokens: &[Token]) -> Option<Written> {
    use Token::{Digits, Mark};
    let tokens = tokens.strip_suffix(&[Mark('日')]).unwrap_or(tokens);
    let (year, month, day) = match *tokens {
        [Digits(y), Mark('年'), Digits(m), Mark('月'), Digits(d)] => (Some(y), m, d),
        [Digits(y), Mark(a), Digits(m), Mark(b), Digits(d)] if a == b && ".-/".contains(a) => {
            (Some(y), m, d)
        }
        [Digits(ymd)] if ymd.len() == 8 => (Some(&ymd[..4]), &ymd[4..6], &ymd[6..]),
        [Digits(m), Mark('月'), Digits(d)] | [Digits(m), Mark('.'), Digits(d)] => (None, m, d),
        _ => return None,
    };
    if year.is_some_and(|y| y.len() != 4) || month.len() > 2 || day.len() > 2 {
        return None;
    }
    Some(Written {
        year: match year {
            Some(y) => Some(y.parse().ok()?),
            None => None,
        },
        month: month.parse().ok()?,
        day: day.parse().ok()?,
    })
}

fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// 8日 after a range mark: the end day of 6月5日至8日.
fn is_day_only(tokens: &[Token]) -> bool {
    let tokens = tokens.strip_suffix(&[Token::Mark('日')]).unwrap_or(tokens);
    matches!(tokens, [Token::Digits(d)] if d.len() <= 2)
}

/// Marks between two dates in one cell: a range or a list.
const DATE_JOINS: [char; 9] = ['-', '~', '至', '到', '、', ',', ';', '和', '及'];

/// 6月5日-6月8日, 2021.6.5-6.8, 6月5日至8日: a date, a join, and another date or day.
fn is_several_dates(tokens: &[Token]) -> bool {
    tokens.iter().enumerate().any(|(at, token)| {
        let Token::Mark(mark) = token else {
            return false;
        };
        let right = &tokens[at + 1..];
        DATE_JOINS.contains(mark)
            && written_date(&tokens[..at]).is_some()
            && (written_date(right).is_some() || is_day_only(right))
    })
}

// ---------------------------------------------------------------- phones

fn mobile(cell: &Cell) -> Result<Parsed, ValueError> {
    let found = cell.found();
    let text = phone_text(cell, &found)?.unwrap_or_default();
    if let Some(mobile) = as_mobile(&text) {
        return Ok(Parsed::Phone(mobile));
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    Err(ValueError::BadMobile { found, digits })
}

fn phone(cell: &Cell) -> Result<Parsed, ValueError> {
    let found = cell.found();
    let Some(text) = phone_text(cell, &found)? else {
        return Err(ValueError::BadPhone { found });
    };
    if let Some(mobile) = as_mobile(&text) {
        return Ok(Parsed::Phone(mobile));
    }
    // 02212345678 typed into a number cell arrives as 2212345678.
    if matches!(cell, Cell::Number(_)) && (9..=11).contains(&text.len()) {
        return Err(ValueError::LostDigits { found });
    }
    as_landline(&text)
        .map(Parsed::Phone)
        .ok_or(ValueError::BadPhone { found })
}

/// The text of a phone cell: a whole number's digits, or the normalised text;
/// `None` when the cell cannot hold a phone number at all. Digits Excel
/// already lost (a fraction, 1.38E+10, more digits than any phone has) are an
/// error of their own: the fix is to retype the cell as text.
fn phone_text(cell: &Cell, found: &str) -> Result<Option<String>, ValueError> {
    let lost = || ValueError::LostDigits {
        found: found.to_owned(),
    };
    match cell {
        Cell::Number(n) if *n < 0.0 => Ok(None),
        Cell::Number(n) if n.fract() != 0.0 || *n >= 1e11 => Err(lost()),
        Cell::Number(n) => Ok(Some(format_number(*n))),
        Cell::Text { norm, .. } if is_scientific(norm) => Err(lost()),
        Cell::Text { norm, .. } => Ok(Some(norm.clone())),
        Cell::Bool(_) | Cell::DateTime(_) => Ok(None),
    }
}

/// 1.38E+10, 1.3800001234e10: how Excel shows a long number.
fn is_scientific(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let Some((mantissa, exponent)) = compact.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    [int, frac, exponent]
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// 138 0000 1234, 138-0000-1234, +86 13800001234 → 13800001234.
fn as_mobile(text: &str) -> Option<String> {
    let digits: String = text
        .chars()
        .filter(|c| !(c.is_whitespace() || DASHES.contains(c) || *c == '(' || *c == ')'))
        .collect();
    let digits = match digits.strip_prefix("+86") {
        Some(rest) => rest,
        None if digits.len() == 13 => digits.strip_prefix("86").unwrap_or(&digits),
        None => &digits,
    };
    let bytes = digits.as_bytes();
    let is_mobile = bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1]);
    is_mobile.then(|| digits.to_owned())
}

/// 022-12345678, (022)12345678, 022 1234 5678, 02212345678, 12345678,
/// 022-12345678转801 → "022-12345678" / "12345678" / "022-12345678转801".
fn as_landline(text: &str) -> Option<String> {
    let (main, extension) = split_extension(text)?;
    let groups: Vec<&str> = main
        .split(|c: char| c.is_whitespace() || DASHES.contains(&c) || c == '(' || c == ')')
        .filter(|group| !group.is_empty())
        .collect();
    if groups.is_empty() || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let (area, rest): (Option<&str>, Vec<&str>) = match groups.as_slice() {
        [first, rest @ ..] if first.starts_with('0') && !rest.is_empty() => {
            (Some(first), rest.to_vec())
        }
        // One run of digits with its area code: 010 and 02x are the
        // three-digit codes, every other code has four digits.
        [only] if only.starts_with('0') => {
            let split = if only.starts_with("01") || only.starts_with("02") {
                3
            } else {
                4
            };
            let (area, number) = only.split_at(split.min(only.len()));
            (Some(area), vec![number])
        }
        _ => (None, groups),
    };
    if area.is_some_and(|a| !(3..=4).contains(&a.len())) {
        return None;
    }
    let is_number = |n: &str| (7..=8).contains(&n.len()) && !n.starts_with('0');
    let joined = rest.concat();
    let (number, dash_extension) = if is_number(&joined) {
        (joined, None)
    } else {
        // 022-12345678-801: the last group is an extension.
        let (last, before) = rest.split_last()?;
        let number = before.concat();
        if before.is_empty() || !is_number(&number) || last.len() > 6 {
            return None;
        }
        (number, Some(*last))
    };
    let extension = match (extension, dash_extension) {
        (Some(_), Some(_)) => return None,
        (ext, dash) => ext.or(dash),
    };
    let mut phone = match area {
        Some(area) => format!("{area}-{number}"),
        None => number,
    };
    if let Some(extension) = extension {
        phone.push('转');
        phone.push_str(extension);
    }
    Some(phone)
}

/// Splits off an extension written after 转, 分机 or ext; `None` when the
/// marker is followed by something other than 1–6 digits.
fn split_extension(text: &str) -> Option<(&str, Option<&str>)> {
    let lower = text.to_ascii_lowercase();
    let Some((at, marker)) = ["转", "分机", "ext.", "ext", "x"]
        .iter()
        .find_map(|m| lower.find(m).map(|at| (at, m.len())))
    else {
        return Some((text, None));
    };
    let extension = text[at + marker..]
        .trim_start_matches([' ', ':', '.'])
        .trim();
    let valid = (1..=6).contains(&extension.len()) && extension.bytes().all(|b| b.is_ascii_digit());
    valid.then_some((&text[..at], Some(extension)))
}

// ---------------------------------------------------------------- e-mail, bool

fn email(cell: &Cell) -> Result<Parsed, ValueError> {
    let found = cell.found();
    let Cell::Text { norm, .. } = cell else {
        return Err(ValueError::BadEmail { found });
    };
    match norm.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && !domain.contains('@')
                && !norm.contains(char::is_whitespace)
                && domain.contains('.')
                && domain.split('.').all(|label| !label.is_empty()) =>
        {
            Ok(Parsed::Email(format!("{local}@{}", domain.to_lowercase())))
        }
        _ => Err(ValueError::BadEmail { found }),
    }
}

fn boolean(cell: &Cell) -> Result<Parsed, ValueError> {
    let found = cell.found();
    let yes = match cell {
        Cell::Bool(b) => Some(*b),
        Cell::Number(n) if *n == 1.0 => Some(true),
        Cell::Number(n) if *n == 0.0 => Some(false),
        Cell::Text { norm, .. } => match norm.to_lowercase().as_str() {
            "是" | "√" | "✓" | "✔" | "y" | "yes" | "true" | "1" => Some(true),
            "否" | "×" | "✗" | "✘" | "n" | "no" | "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    };
    yes.map(Parsed::Bool).ok_or(ValueError::NotBool { found })
}

// ---------------------------------------------------------------- names

fn activity(cell: &Cell, campaign: &Campaign) -> Result<Parsed, ValueError> {
    let found = cell.found();
    let no = match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 1.0 => activity_no(campaign, *n as u64),
        Cell::Text { norm, .. } => activity_text(norm, campaign, &found)?,
        _ => None,
    };
    match no {
        Some(activity) => Ok(Parsed::Activity(activity.no)),
        None => Err(ValueError::UnknownActivity {
            found,
            count: campaign.activities.len(),
            example: campaign
                .activities
                .first()
                .map(|a| a.name.clone())
                .unwrap_or_default(),
        }),
    }
}

/// 专题学习, 3, 3.专题学习, 3、专题学习, 3 专题学习, (3)专题学习.
fn activity_text<'c>(
    norm: &str,
    campaign: &'c Campaign,
    found: &str,
) -> Result<Option<&'c Activity>, ValueError> {
    if let Some(activity) = activity_named(campaign, norm) {
        return Ok(Some(activity));
    }
    let Some((no, name)) = numbered(norm) else {
        return Ok(None);
    };
    let Some(by_no) = activity_no(campaign, no) else {
        return Ok(None);
    };
    if name.is_empty() {
        return Ok(Some(by_no));
    }
    match activity_named(campaign, name) {
        Some(by_name) if by_name.no == by_no.no => Ok(Some(by_no)),
        Some(by_name) => Err(ValueError::ActivityMismatch {
            found: found.to_owned(),
            no: by_no.no,
            item: by_no.name.clone(),
            named: by_name.name.clone(),
            named_no: by_name.no,
        }),
        None => Ok(None),
    }
}

fn activity_no(campaign: &Campaign, no: u64) -> Option<&Activity> {
    campaign.activities.iter().find(|a| u64::from(a.no) == no)
}

/// The item named `text` by [`key`]; failing that, by [`loose_key`], since
/// people retype 安全宣传“五进” with other quotes or none.
fn activity_named<'c>(campaign: &'c Campaign, text: &str) -> Option<&'c Activity> {
    if let Some(found) = campaign.names.activity(&key(text)) {
        return Some(&campaign.activities[found]);
    }
    let wanted = loose_key(text);
    if wanted.is_empty() {
        return None;
    }
    let mut matching = campaign.names.activities_loosely(&wanted);
    match (matching.next(), matching.next()) {
        (Some(only), None) => Some(&campaign.activities[only]),
        _ => None,
    }
}

/// A leading item number: “3.”, “3、”, “3 ”, “(3)”; the number and the rest.
fn numbered(text: &str) -> Option<(u64, &str)> {
    let (digits, rest) = match text.strip_prefix('(') {
        Some(inner) => {
            let (digits, rest) = inner.split_once(')')?;
            (digits.trim(), rest)
        }
        None => {
            let end = text
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(text.len());
            let (digits, rest) = text.split_at(end);
            let rest = rest.trim_start();
            (
                digits,
                rest.strip_prefix(['.', '、', ')', ',', ':'])
                    .unwrap_or(rest),
            )
        }
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, rest.trim()))
}

fn unit_name(cell: &Cell, campaign: &Campaign) -> Result<Parsed, ValueError> {
    let found = cell.found();
    campaign
        .find_unit(&found)
        .map(|u| Parsed::Unit(u.name.clone()))
        .ok_or(ValueError::UnknownUnit { found })
}

fn choice(cell: &Cell, choices: &[String]) -> Result<Option<Parsed>, ValueError> {
    let found = cell.found();
    let wanted = key(&found);
    if let Some(choice) = choices.iter().find(|c| key(c) == wanted) {
        return Ok(Some(Parsed::Choice(choice.clone())));
    }
    // A dash is “nothing”, unless the definition lists it as a choice.
    if cell.says_nothing() {
        return Ok(None);
    }
    Err(ValueError::UnknownChoice {
        found,
        choices: choices.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use chrono::NaiveDate;

    use super::*;
    use crate::definition::DEFAULT_TOML;

    static CAMPAIGN: LazyLock<Campaign> =
        LazyLock::new(|| Campaign::parse(DEFAULT_TOML).expect("the default campaign is valid"));

    fn column(report: &str, name: &str) -> Column {
        CAMPAIGN
            .report(report)
            .and_then(|r| r.table())
            .and_then(|spec| spec.column(name))
            .unwrap_or_else(|| panic!("{report} has a column {name}"))
            .clone()
    }

    fn read_in(
        campaign: &Campaign,
        column: &Column,
        value: Value,
    ) -> Result<Option<Parsed>, ValueError> {
        let ctx = Context {
            campaign,
            dates_outside_period: false,
        };
        parse(Some(&value), column, &ctx)
    }

    fn read(column: &Column, value: Value) -> Result<Option<Parsed>, ValueError> {
        read_in(&CAMPAIGN, column, value)
    }

    fn ok(column: &Column, value: Value) -> Parsed {
        match read(column, value.clone()) {
            Ok(Some(parsed)) => parsed,
            other => panic!("{value:?} in {}: {other:?}", column.name),
        }
    }

    fn err(column: &Column, value: Value) -> ValueError {
        match read(column, value.clone()) {
            Err(error) => error,
            other => panic!(
                "{value:?} in {}: expected an error, got {other:?}",
                column.name
            ),
        }
    }

    fn zh_err(column: &Column, value: Value) -> String {
        err(column, value).render(Lang::Zh)
    }

    fn text(s: &str) -> Value {
        Value::Text(s.to_owned())
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Value {
        Value::DateTime(day(y, m, d).and_hms_opt(h, min, 0).unwrap())
    }

    fn sessions() -> Column {
        column("progress", "开展场次")
    }

    /// The 开展场次（场） column read as a number rather than a count.
    fn amount() -> Column {
        Column {
            ty: ColumnType::Number,
            ..sessions()
        }
    }

    fn start_date() -> Column {
        column("plan", "计划开始日期")
    }

    fn mobile_column() -> Column {
        column("liaison", "手机号码")
    }

    fn phone_column() -> Column {
        column("plan", "联系电话")
    }

    fn item() -> Column {
        column("plan", "对应活动事项")
    }

    fn brand() -> Column {
        column("plan", "是否品牌活动")
    }

    fn form() -> Column {
        Column {
            ty: ColumnType::Choice(vec!["线上".to_owned(), "线下".to_owned()]),
            ..column("plan", "活动形式")
        }
    }

    /// A campaign from 2021-12-01 to 2022-01-31: a month and day alone name no year.
    fn across_new_year() -> Campaign {
        let mut campaign = CAMPAIGN.clone();
        campaign.start = day(2021, 12, 1);
        campaign.end = day(2022, 1, 31);
        campaign
    }

    // ------------------------------------------------------------ any type

    #[test]
    fn a_formula_without_its_result_is_an_error_in_every_column() {
        let formula = Value::FormulaWithoutValue("SUM(C3:C12)".to_owned());
        assert_eq!(
            zh_err(&sessions(), formula.clone()),
            "该单元格是公式“=SUM(C3:C12)”，文件中没有保存计算结果；请用 Excel 或 WPS 打开该文件，保存后重新报送"
        );
        assert_eq!(
            err(&column("liaison", "备注"), formula),
            ValueError::NoFormulaResult {
                found: "=SUM(C3:C12)".to_owned()
            }
        );
    }

    #[test]
    fn an_error_value_is_named() {
        assert_eq!(
            zh_err(&sessions(), Value::Error("#DIV/0!".to_owned())),
            "填写的是错误值“#DIV/0!”，请改正公式或直接填写数值"
        );
        assert_eq!(
            err(&column("liaison", "备注"), Value::Error("#REF!".to_owned())),
            ValueError::CellError {
                found: "#REF!".to_owned()
            }
        );
    }

    #[test]
    fn blanks_are_none_except_in_counts_and_numbers() {
        let ctx = Context {
            campaign: &CAMPAIGN,
            dates_outside_period: false,
        };
        assert_eq!(parse(None, &sessions(), &ctx), Ok(Some(Parsed::Count(0))));
        assert_eq!(parse(None, &amount(), &ctx), Ok(Some(Parsed::Number(0.0))));
        assert_eq!(parse(None, &start_date(), &ctx), Ok(None));
        assert_eq!(
            read(&sessions(), text(" \u{3000}\n")),
            Ok(Some(Parsed::Count(0)))
        );
        assert_eq!(read(&column("liaison", "联络员姓名"), text("  ")), Ok(None));
        for dash in ["—", "/", "无", "－"] {
            assert_eq!(read(&start_date(), text(dash)), Ok(None), "{dash}");
            assert_eq!(read(&phone_column(), text(dash)), Ok(None), "{dash}");
            assert_eq!(read(&mobile_column(), text(dash)), Ok(None), "{dash}");
            assert_eq!(
                read(&column("liaison", "电子邮箱"), text(dash)),
                Ok(None),
                "{dash}"
            );
            assert_eq!(read(&item(), text(dash)), Ok(None), "{dash}");
            assert_eq!(read(&brand(), text(dash)), Ok(None), "{dash}");
            assert_eq!(
                read(&column("liaison", "单位名称"), text(dash)),
                Ok(None),
                "{dash}"
            );
            assert_eq!(read(&form(), text(dash)), Ok(None), "{dash}");
        }
        // In a text column a dash is what was written.
        assert_eq!(
            ok(&column("liaison", "备注"), text("—")),
            Parsed::Text("—".to_owned())
        );
    }

    // ------------------------------------------------------------ counts

    #[test]
    fn a_count_takes_whole_non_negative_numbers() {
        assert_eq!(ok(&sessions(), Value::Number(12.0)), Parsed::Count(12));
        assert_eq!(ok(&sessions(), Value::Number(0.0)), Parsed::Count(0));
        assert_eq!(ok(&sessions(), Value::Number(-0.0)), Parsed::Count(0));
        assert_eq!(
            zh_err(&sessions(), Value::Number(-3.0)),
            "填写的是“-3”，不能填写负数，应填写非负整数（如 12）"
        );
        assert_eq!(
            zh_err(&sessions(), Value::Number(2.5)),
            "填写的是“2.5”，应填写整数，不能带小数"
        );
        assert_eq!(
            err(&sessions(), Value::Number(1e20)),
            ValueError::NotANumber {
                found: "100000000000000000000".to_owned(),
                whole: true
            }
        );
    }

    #[test]
    fn a_count_reads_numbers_stored_as_text() {
        for (typed, n) in [
            ("12", 12),
            ("１２", 12),
            (" 12 ", 12),
            ("12.0", 12),
            ("1,234", 1234),
            ("1，234", 1234),
            ("1,234,567", 1_234_567),
            ("0", 0),
            ("-0", 0),
        ] {
            assert_eq!(ok(&sessions(), text(typed)), Parsed::Count(n), "{typed}");
        }
        assert_eq!(
            err(&sessions(), text("-3")),
            ValueError::Negative {
                found: "-3".to_owned()
            }
        );
        assert_eq!(
            err(&sessions(), text("2.5")),
            ValueError::Fractional {
                found: "2.5".to_owned()
            }
        );
        assert_eq!(
            zh_err(&sessions(), text("1,23")),
            "填写的是“1,23”，应填写非负整数（如 12），没有请填 0"
        );
    }

    #[test]
    fn a_count_accepts_its_own_unit_only() {
        for typed in ["12场", "12 场", "１２场", "12\u{3000}场"] {
            assert_eq!(ok(&sessions(), text(typed)), Parsed::Count(12), "{typed}");
        }
        assert_eq!(
            ok(&column("progress", "参与人次"), text("120人次")),
            Parsed::Count(120)
        );
        let reports = column("progress", "媒体报道");
        for typed in ["3篇", "3条", "3篇/条", "3 篇／条"] {
            assert_eq!(ok(&reports, text(typed)), Parsed::Count(3), "{typed}");
        }
        assert_eq!(
            err(&sessions(), text("12人")),
            ValueError::WrongUnit {
                found: "12人".to_owned(),
                unit: "人".to_owned(),
                expected: Some("场".to_owned())
            }
        );
        assert_eq!(
            zh_err(&sessions(), text("12人")),
            "填写的是“12人”，但本栏以“场”为单位，请核对是否填错栏目，并只填写数字"
        );
    }

    #[test]
    fn a_dash_in_a_count_is_zero() {
        for typed in ["—", "——", "-", "－", "–", "/", "／", "无", "0", "--"] {
            assert_eq!(ok(&sessions(), text(typed)), Parsed::Count(0), "{typed}");
        }
    }

    #[test]
    fn a_count_rejects_estimates() {
        for typed in [
            "约200",
            "大约200",
            "200左右",
            "200余",
            "200多",
            "200+",
            "200余场",
            "约200场",
            "200场左右",
        ] {
            assert_eq!(
                err(&sessions(), text(typed)),
                ValueError::Approximate {
                    found: typed.to_owned(),
                    whole: true
                },
                "{typed}"
            );
        }
        assert_eq!(
            zh_err(&sessions(), text("约200")),
            "填写的是“约200”，应填写确切的非负整数，不能写“约”“左右”等估计数"
        );
        assert_eq!(
            err(&sessions(), text("约200")).render(Lang::En),
            "found “约200”; expected an exact whole number, not an estimate"
        );
    }

    #[test]
    fn a_count_rejects_ranges() {
        for typed in [
            "10-20",
            "10~20",
            "10～20",
            "10至20",
            "10—20",
            "10——20",
            "10到20",
            "10-20场",
        ] {
            assert_eq!(
                err(&sessions(), text(typed)),
                ValueError::NumberRange {
                    found: typed.to_owned(),
                    whole: true
                },
                "{typed}"
            );
        }
        assert_eq!(
            zh_err(&sessions(), text("10-20")),
            "填写的是“10-20”，应填写一个确切的非负整数，不能填写范围"
        );
    }

    #[test]
    fn anything_else_in_a_count_is_not_a_number() {
        assert_eq!(
            zh_err(&sessions(), text("很多")),
            "填写的是“很多”，应填写非负整数（如 12），没有请填 0"
        );
        assert_eq!(
            err(&sessions(), Value::Bool(true)),
            ValueError::NotANumber {
                found: "TRUE".to_owned(),
                whole: true
            }
        );
        assert_eq!(
            err(&sessions(), at(2021, 6, 5, 0, 0)),
            ValueError::NotANumber {
                found: "2021-06-05".to_owned(),
                whole: true
            }
        );
        assert_eq!(
            err(&sessions(), text("12（含线上3场）")),
            ValueError::NotANumber {
                found: "12（含线上3场）".to_owned(),
                whole: true
            }
        );
        assert_eq!(
            err(&sessions(), text("99999999999999999999")),
            ValueError::NotANumber {
                found: "99999999999999999999".to_owned(),
                whole: true
            }
        );
    }

    // ------------------------------------------------------------ numbers

    #[test]
    fn a_number_takes_fractions_and_negatives() {
        assert_eq!(ok(&amount(), Value::Number(2.5)), Parsed::Number(2.5));
        assert_eq!(ok(&amount(), text("2.5")), Parsed::Number(2.5));
        assert_eq!(ok(&amount(), text("-3")), Parsed::Number(-3.0));
        assert_eq!(ok(&amount(), text("1,234.5")), Parsed::Number(1234.5));
        assert_eq!(ok(&amount(), text("２.５场")), Parsed::Number(2.5));
        assert_eq!(ok(&amount(), text("—")), Parsed::Number(0.0));
        assert_eq!(
            zh_err(&amount(), text("约2.5")),
            "填写的是“约2.5”，应填写确切的数字，不能写“约”“左右”等估计数"
        );
        assert_eq!(
            zh_err(&amount(), text("1-2")),
            "填写的是“1-2”，应填写一个确切的数字，不能填写范围"
        );
        assert_eq!(
            zh_err(&amount(), text("若干")),
            "填写的是“若干”，应填写数字（如 12 或 3.5），没有请填 0"
        );
        assert_eq!(
            err(&amount(), text("12人")),
            ValueError::WrongUnit {
                found: "12人".to_owned(),
                unit: "人".to_owned(),
                expected: Some("场".to_owned())
            }
        );
        let bare = Column {
            unit: None,
            ..amount()
        };
        assert_eq!(
            zh_err(&bare, text("12人")),
            "填写的是“12人”，本栏只填写数字，不要带“人”等单位"
        );
    }

    // ------------------------------------------------------------ dates

    #[test]
    fn a_date_cell_gives_its_date() {
        assert_eq!(
            ok(&start_date(), at(2021, 6, 5, 9, 30)),
            Parsed::Date(day(2021, 6, 5))
        );
    }

    #[test]
    fn a_number_in_a_date_column_is_an_excel_serial_or_month_dot_day() {
        let june = |d| Parsed::Date(day(2021, 6, d));
        assert_eq!(ok(&start_date(), Value::Number(44352.0)), june(5));
        assert_eq!(ok(&start_date(), Value::Number(44352.75)), june(5));
        assert_eq!(ok(&start_date(), Value::Number(20210605.0)), june(5));
        assert_eq!(ok(&start_date(), Value::Number(6.5)), june(5));
        assert_eq!(ok(&start_date(), Value::Number(6.15)), june(15));
        assert_eq!(ok(&start_date(), Value::Number(6.05)), june(5));
        assert_eq!(ok(&start_date(), Value::Number(6.4)), june(4));
        for n in [6.1, 6.2, 6.3] {
            assert!(
                matches!(
                    err(&start_date(), Value::Number(n)),
                    ValueError::AmbiguousDate { .. }
                ),
                "{n}"
            );
        }
        assert_eq!(
            zh_err(&start_date(), Value::Number(6.3)),
            "填写的是“6.3”，无法确定是6月3日还是6月30日（Excel 会把 6.30 保存为 6.3）；请填写完整日期，如 2021-06-03 或 2021-06-30"
        );
        assert_eq!(
            err(&start_date(), Value::Number(6.1)),
            ValueError::AmbiguousDate {
                found: "6.1".to_owned(),
                ambiguity: Ambiguity::DroppedZero {
                    year: 2021,
                    month: 6,
                    day: 1
                }
            }
        );
        for n in [6.0, 13.5, 6.155, 1000.0, 0.5] {
            assert!(
                matches!(
                    err(&start_date(), Value::Number(n)),
                    ValueError::NotADate { .. }
                ),
                "{n}"
            );
        }
    }

    #[test]
    fn excel_serials_follow_the_1900_date_system() {
        assert_eq!(excel_serial(1), Some(day(1900, 1, 1)));
        assert_eq!(excel_serial(59), Some(day(1900, 2, 28)));
        assert_eq!(excel_serial(60), None, "the fake 1900-02-29");
        assert_eq!(excel_serial(61), Some(day(1900, 3, 1)));
        assert_eq!(excel_serial(44352), Some(day(2021, 6, 5)));
        assert_eq!(excel_serial(0), None);
    }

    #[test]
    fn dates_typed_as_text() {
        for typed in [
            "2021年6月5日",
            "2021年06月05日",
            "2021年6月5号",
            "2021 年 6 月 5 日",
            "2021.6.5",
            "２０２１．６．５",
            "2021-6-5",
            "2021/6/5",
            "2021-06-05",
            "2021－06－05",
            "20210605",
            "2021-06-05 00:00:00",
            "6月5日",
            "6月5号",
            "6月5",
            "6.5",
            "6.05",
        ] {
            assert_eq!(
                ok(&start_date(), text(typed)),
                Parsed::Date(day(2021, 6, 5)),
                "{typed}"
            );
        }
        // As text, 6.10 is what was typed: there is no dropped zero to guess.
        assert_eq!(
            ok(&start_date(), text("6.10")),
            Parsed::Date(day(2021, 6, 10))
        );
        assert_eq!(
            ok(&start_date(), text("6.1")),
            Parsed::Date(day(2021, 6, 1))
        );
    }

    #[test]
    fn impossible_or_unreadable_dates_are_not_dates() {
        assert_eq!(
            zh_err(&start_date(), text("2021-6-31")),
            "填写的是“2021-6-31”，不是有效的日期，应填写如 2021-06-05 这样的日期"
        );
        for typed in ["下旬", "2021年6月", "21.6.5", "2021.6-5", "6/5", "44352"] {
            assert_eq!(
                err(&start_date(), text(typed)),
                ValueError::NotADate {
                    found: typed.to_owned()
                },
                "{typed}"
            );
        }
        assert!(matches!(
            err(&start_date(), Value::Bool(true)),
            ValueError::NotADate { .. }
        ));
    }

    #[test]
    fn a_month_and_day_alone_need_a_campaign_within_one_year() {
        let campaign = across_new_year();
        let column = start_date();
        let no_year = ValueError::AmbiguousDate {
            found: "6月5日".to_owned(),
            ambiguity: Ambiguity::NoYear {
                start: day(2021, 12, 1),
                end: day(2022, 1, 31),
            },
        };
        assert_eq!(
            read_in(&campaign, &column, text("6月5日")),
            Err(no_year.clone())
        );
        assert_eq!(
            no_year.render(Lang::Zh),
            "填写的是“6月5日”，没有写年份，而活动期间（2021年12月1日至2022年1月31日）跨两个年度，无法确定年份；请填写带年份的完整日期，如 2021-12-01"
        );
        assert!(matches!(
            read_in(&campaign, &column, text("12.5")),
            Err(ValueError::AmbiguousDate {
                ambiguity: Ambiguity::NoYear { .. },
                ..
            })
        ));
        assert!(matches!(
            read_in(&campaign, &column, Value::Number(12.15)),
            Err(ValueError::AmbiguousDate {
                ambiguity: Ambiguity::NoYear { .. },
                ..
            })
        ));
        assert_eq!(
            read_in(&campaign, &column, text("2021-12-05")),
            Ok(Some(Parsed::Date(day(2021, 12, 5))))
        );
    }

    #[test]
    fn one_date_per_cell() {
        for typed in [
            "6月5日-6月8日",
            "2021.6.5-6.8",
            "6.5—6.8",
            "6.5——6.8",
            "6月5日至8日",
            "6月5日~8日",
            "6月5日～8日",
            "2021-6-5-2021-6-8",
            "2021年6月5日至2021年6月8日",
            "6月5日、6月8日",
        ] {
            assert_eq!(
                err(&start_date(), text(typed)),
                ValueError::DateRange {
                    found: typed.to_owned()
                },
                "{typed}"
            );
        }
        assert_eq!(
            zh_err(&start_date(), text("6月5日-6月8日")),
            "填写的是“6月5日-6月8日”，一个单元格只能填写一个日期；活动持续多日的，请将开始日期和结束日期分别填入各自的栏目"
        );
    }

    #[test]
    fn dates_outside_the_period_unless_the_report_allows_them() {
        assert_eq!(
            err(&start_date(), text("2021-07-05")),
            ValueError::DateOutsidePeriod {
                found: "2021-07-05".to_owned(),
                date: day(2021, 7, 5),
                start: day(2021, 6, 1),
                end: day(2021, 6, 30)
            }
        );
        assert_eq!(
            zh_err(&start_date(), text("7.5")),
            "填写的是“7.5”，即2021年7月5日，不在活动期间（2021年6月1日至2021年6月30日）内，请核对"
        );
        let ctx = Context {
            campaign: &CAMPAIGN,
            dates_outside_period: true,
        };
        assert_eq!(
            parse(Some(&text("2021-07-05")), &start_date(), &ctx),
            Ok(Some(Parsed::Date(day(2021, 7, 5))))
        );
        assert_eq!(
            ok(&start_date(), text("2021-06-30")),
            Parsed::Date(day(2021, 6, 30))
        );
        assert_eq!(
            ok(&start_date(), text("2021-06-01")),
            Parsed::Date(day(2021, 6, 1))
        );
    }

    // ------------------------------------------------------------ phones

    #[test]
    fn mobiles_are_normalised_to_eleven_digits() {
        let expected = Parsed::Phone("13800001234".to_owned());
        for typed in [
            "13800001234",
            "138 0000 1234",
            "138-0000-1234",
            "+86 138 0000 1234",
            "+86-13800001234",
            "8613800001234",
            "１３８００００１２３４",
        ] {
            assert_eq!(ok(&mobile_column(), text(typed)), expected, "{typed}");
        }
        assert_eq!(ok(&mobile_column(), Value::Number(13800001234.0)), expected);
    }

    #[test]
    fn a_mobile_excel_shortened_lost_its_digits() {
        assert_eq!(
            zh_err(&mobile_column(), text("1.38E+10")),
            "填写的是“1.38E+10”，号码被 Excel 当作数字保存，部分数字已经丢失；请将该单元格设置为“文本”格式后重新输入完整号码"
        );
        for value in [
            text("1.3800001234e10"),
            Value::Number(138000012345.0),
            Value::Number(1380000123.5),
        ] {
            assert!(
                matches!(
                    err(&mobile_column(), value.clone()),
                    ValueError::LostDigits { .. }
                ),
                "{value:?}"
            );
        }
    }

    #[test]
    fn other_mobiles_are_rejected_with_their_digit_count() {
        assert_eq!(
            zh_err(&mobile_column(), text("1380000123")),
            "填写的是“1380000123”（10位数字），应填写11位手机号码，如 13800001234"
        );
        assert_eq!(
            zh_err(&mobile_column(), text("12345678901")),
            "填写的是“12345678901”（不是以13至19开头的手机号码），应填写11位手机号码，如 13800001234"
        );
        assert_eq!(
            err(&mobile_column(), text("022-12345678")),
            ValueError::BadMobile {
                found: "022-12345678".to_owned(),
                digits: 11
            }
        );
        assert_eq!(
            zh_err(&mobile_column(), text("暂无手机")),
            "填写的是“暂无手机”，应填写11位手机号码，如 13800001234"
        );
    }

    #[test]
    fn landlines_are_normalised_to_area_dash_number() {
        let tianjin = Parsed::Phone("022-12345678".to_owned());
        for typed in [
            "022-12345678",
            "(022)12345678",
            "（022）12345678",
            "(022) 1234-5678",
            "022 1234 5678",
            "02212345678",
            "022－12345678",
            "022—12345678",
        ] {
            assert_eq!(ok(&phone_column(), text(typed)), tianjin, "{typed}");
        }
        assert_eq!(
            ok(&phone_column(), text("12345678")),
            Parsed::Phone("12345678".to_owned())
        );
        assert_eq!(
            ok(&phone_column(), text("1234-5678")),
            Parsed::Phone("12345678".to_owned())
        );
        assert_eq!(
            ok(&phone_column(), Value::Number(12345678.0)),
            Parsed::Phone("12345678".to_owned())
        );
        assert_eq!(
            ok(&phone_column(), text("03111234567")),
            Parsed::Phone("0311-1234567".to_owned())
        );
        assert_eq!(
            ok(&phone_column(), text("010-87654321")),
            Parsed::Phone("010-87654321".to_owned())
        );
    }

    #[test]
    fn a_landline_keeps_its_extension_after_zhuan() {
        for typed in [
            "022-12345678转801",
            "022-12345678-801",
            "022-12345678 ext. 801",
            "022-12345678分机801",
        ] {
            assert_eq!(
                ok(&phone_column(), text(typed)),
                Parsed::Phone("022-12345678转801".to_owned()),
                "{typed}"
            );
        }
    }

    #[test]
    fn a_phone_column_takes_a_mobile_too() {
        assert_eq!(
            ok(&phone_column(), text("138 0000 1234")),
            Parsed::Phone("13800001234".to_owned())
        );
        assert_eq!(
            ok(&phone_column(), Value::Number(13800001234.0)),
            Parsed::Phone("13800001234".to_owned())
        );
    }

    #[test]
    fn a_phone_that_lost_digits_or_is_no_phone() {
        // 02212345678 typed into a number cell: the area code's 0 is gone.
        assert_eq!(
            err(&phone_column(), Value::Number(2212345678.0)),
            ValueError::LostDigits {
                found: "2212345678".to_owned()
            }
        );
        assert!(matches!(
            err(&phone_column(), text("2.2123E+9")),
            ValueError::LostDigits { .. }
        ));
        assert_eq!(
            zh_err(&phone_column(), text("12345")),
            "填写的是“12345”，应填写固定电话（如 022-12345678）或11位手机号码（如 13800001234）"
        );
        for typed in [
            "022-1234",
            "13800001234/13900001234",
            "022-12345678转",
            "电话",
        ] {
            assert_eq!(
                err(&phone_column(), text(typed)),
                ValueError::BadPhone {
                    found: typed.to_owned()
                },
                "{typed}"
            );
        }
    }

    // ------------------------------------------------------------ e-mail

    #[test]
    fn e_mail_addresses() {
        let email = column("liaison", "电子邮箱");
        assert_eq!(
            ok(&email, text(" Zhang.San@Example.COM ")),
            Parsed::Email("Zhang.San@example.com".to_owned())
        );
        assert_eq!(
            ok(&email, text("zhang＠qq．com")),
            Parsed::Email("zhang@qq.com".to_owned())
        );
        assert_eq!(
            zh_err(&email, text("zhang.qq.com")),
            "填写的是“zhang.qq.com”，不是有效的电子邮箱，应填写如 name@example.com 这样的邮箱地址"
        );
        for typed in [
            "a@b",
            "a b@qq.com",
            "@qq.com",
            "a@@qq.com",
            "a@qq..com",
            "a@qq.com.",
        ] {
            assert_eq!(
                err(&email, text(typed)),
                ValueError::BadEmail {
                    found: typed.to_owned()
                },
                "{typed}"
            );
        }
    }

    // ------------------------------------------------------------ bool

    #[test]
    fn yes_and_no() {
        for (value, yes) in [
            (text("是"), true),
            (text("√"), true),
            (text("✓"), true),
            (text("✔"), true),
            (text("Y"), true),
            (text("yes"), true),
            (text("YES"), true),
            (text("TRUE"), true),
            (text("1"), true),
            (Value::Bool(true), true),
            (Value::Number(1.0), true),
            (text("否"), false),
            (text("×"), false),
            (text("✗"), false),
            (text("✘"), false),
            (text("n"), false),
            (text("No"), false),
            (text("false"), false),
            (text("0"), false),
            (Value::Bool(false), false),
            (Value::Number(0.0), false),
        ] {
            assert_eq!(ok(&brand(), value.clone()), Parsed::Bool(yes), "{value:?}");
        }
        assert_eq!(
            zh_err(&brand(), text("可能")),
            "填写的是“可能”，应填写“是”或“否”"
        );
        assert!(matches!(
            err(&brand(), Value::Number(2.0)),
            ValueError::NotBool { .. }
        ));
    }

    // ------------------------------------------------------------ names

    #[test]
    fn an_activity_by_number_or_name() {
        for value in [
            Value::Number(3.0),
            text("3"),
            text("３"),
            text("安全隐患排查整治"),
            text("安全隐患 排查整治"),
            text("3.安全隐患排查整治"),
            text("3．安全隐患排查整治"),
            text("3、安全隐患排查整治"),
            text("3 安全隐患排查整治"),
            text("（3）安全隐患排查整治"),
            text("(3)安全隐患排查整治"),
        ] {
            assert_eq!(ok(&item(), value.clone()), Parsed::Activity(3), "{value:?}");
        }
        assert_eq!(ok(&item(), text("安全宣传\"五进\"")), Parsed::Activity(7));
        assert_eq!(ok(&item(), text("安全宣传五进")), Parsed::Activity(7));
        assert_eq!(
            ok(&item(), text("10、参与国家、市级、区级宣传系列活动")),
            Parsed::Activity(10)
        );
    }

    #[test]
    fn an_activity_whose_number_and_name_disagree() {
        assert_eq!(
            err(&item(), text("3.专题学习")),
            ValueError::ActivityMismatch {
                found: "3.专题学习".to_owned(),
                no: 3,
                item: "安全隐患排查整治".to_owned(),
                named: "专题学习".to_owned(),
                named_no: 1
            }
        );
        assert_eq!(
            zh_err(&item(), text("3.专题学习")),
            "填写的是“3.专题学习”，但序号3是“安全隐患排查整治”，而“专题学习”是第1项，二者不一致，请核对"
        );
    }

    #[test]
    fn an_unknown_activity() {
        assert_eq!(
            zh_err(&item(), text("安全检查")),
            "填写的是“安全检查”，应为10项活动事项之一（如“专题学习”）或其序号1–10"
        );
        for value in [
            Value::Number(11.0),
            text("11"),
            text("0"),
            Value::Number(2.5),
            text("3.安全检查"),
        ] {
            assert!(
                matches!(
                    err(&item(), value.clone()),
                    ValueError::UnknownActivity { .. }
                ),
                "{value:?}"
            );
        }
    }

    #[test]
    fn a_unit_by_name_or_alias() {
        let unit = column("liaison", "单位名称");
        for typed in [
            "区环境卫生服务中心",
            "环卫中心",
            "环卫 中心",
            "区环境卫生服务中心\n",
        ] {
            assert_eq!(
                ok(&unit, text(typed)),
                Parsed::Unit("区环境卫生服务中心".to_owned()),
                "{typed}"
            );
        }
        assert_eq!(
            zh_err(&unit, text("某某科")),
            "填写的是“某某科”，不是本次活动的单位名称或简称，请填写单位全称"
        );
    }

    #[test]
    fn a_choice_by_key() {
        assert_eq!(
            ok(&form(), text(" 线 上 ")),
            Parsed::Choice("线上".to_owned())
        );
        assert_eq!(
            zh_err(&form(), text("电话会")),
            "填写的是“电话会”，应为以下之一：线上、线下"
        );
        let with_dash = Column {
            ty: ColumnType::Choice(vec!["—".to_owned(), "有".to_owned()]),
            ..form()
        };
        assert_eq!(ok(&with_dash, text("—")), Parsed::Choice("—".to_owned()));
    }

    // ------------------------------------------------------------ serial, text

    #[test]
    fn a_serial_is_a_number_or_kept_as_text() {
        let serial = column("liaison", "序号");
        assert_eq!(ok(&serial, Value::Number(1.0)), Parsed::Serial(1));
        assert_eq!(ok(&serial, text("２")), Parsed::Serial(2));
        assert_eq!(ok(&serial, text("一")), Parsed::Text("一".to_owned()));
        assert_eq!(
            ok(&serial, Value::Number(0.0)),
            Parsed::Text("0".to_owned())
        );
        assert_eq!(
            ok(&serial, Value::Number(1.5)),
            Parsed::Text("1.5".to_owned())
        );
        assert_eq!(ok(&serial, text("1.")), Parsed::Text("1.".to_owned()));
    }

    #[test]
    fn text_keeps_what_was_typed() {
        let name = column("liaison", "联络员姓名");
        assert_eq!(ok(&name, text(" 张三 ")), Parsed::Text("张三".to_owned()));
        assert_eq!(ok(&name, text("ＡＢＣ")), Parsed::Text("ＡＢＣ".to_owned()));
        assert_eq!(
            ok(&name, Value::Number(12.0)),
            Parsed::Text("12".to_owned())
        );
        assert_eq!(
            ok(&name, Value::Number(2.5)),
            Parsed::Text("2.5".to_owned())
        );
        assert_eq!(
            ok(&name, Value::Bool(false)),
            Parsed::Text("FALSE".to_owned())
        );
        assert_eq!(
            ok(&name, at(2021, 6, 5, 0, 0)),
            Parsed::Text("2021-06-05".to_owned())
        );
        assert_eq!(
            ok(&name, at(2021, 6, 5, 9, 30)),
            Parsed::Text("2021-06-05 09:30:00".to_owned())
        );
    }
}
