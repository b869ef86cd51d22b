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

mod date;
mod email;
mod error;
#[cfg(test)]
mod fixtures;
mod listed;
mod number;
mod phone;
#[cfg(test)]
mod properties;

use chrono::{NaiveDate, NaiveDateTime};
use unicode_normalization::UnicodeNormalization;

use super::table::{Value, format_number};
use crate::definition::{Campaign, Column, ColumnType};
use crate::lang::Lang;
use crate::zh;
pub use error::{Ambiguity, ValueError};

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
            Parsed::Activity(no) => match campaign.activities.iter().find(|a| a.no == *no) {
                Some(activity) => format!("{no} {}", activity.name),
                None => no.to_string(),
            },
            other => other.written(),
        }
    }

    /// The value inside a message in `lang`: a date as that language writes
    /// it (2021年6月5日, 2021-06-05), a flag as the form writes it (是, glossed
    /// “是 (yes)” in English), an activity item by its number.
    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (Parsed::Date(d), Lang::Zh) => zh::date(*d),
            (Parsed::Bool(true), Lang::En) => "是 (yes)".to_owned(),
            (Parsed::Bool(false), Lang::En) => "否 (no)".to_owned(),
            (Parsed::Activity(no), _) => {
                lang.pick(format!("第{no}项活动事项"), format!("activity item {no}"))
            }
            (other, _) => other.written(),
        }
    }

    /// The value as [`Parsed::shown`] writes it, but an activity item by its number alone.
    fn written(&self) -> String {
        match self {
            Parsed::Text(t)
            | Parsed::Phone(t)
            | Parsed::Email(t)
            | Parsed::Choice(t)
            | Parsed::Unit(t) => t.clone(),
            Parsed::Count(n) => n.to_string(),
            Parsed::Number(n) => format_number(*n),
            Parsed::Date(d) => d.format("%Y-%m-%d").to_string(),
            Parsed::Bool(true) => "是".to_owned(),
            Parsed::Bool(false) => "否".to_owned(),
            Parsed::Activity(no) | Parsed::Serial(no) => no.to_string(),
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
        ColumnType::Count => number::count(&cell, unit).map(Some),
        ColumnType::Number => number::number(&cell, unit).map(Some),
        ColumnType::Choice(choices) => listed::choice(&cell, choices),
        _ if cell.says_nothing() => Ok(None),
        ColumnType::Date => date::date(&cell, ctx).map(Some),
        ColumnType::Phone => phone::phone(&cell).map(Some),
        ColumnType::Mobile => phone::mobile(&cell).map(Some),
        ColumnType::Email => email::email(&cell).map(Some),
        ColumnType::Activity => listed::activity(&cell, ctx.campaign).map(Some),
        ColumnType::Bool => listed::boolean(&cell).map(Some),
        ColumnType::Unit => listed::unit_name(&cell, ctx.campaign).map(Some),
    }
}

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

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;

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

    // ------------------------------------------------------------ in messages

    #[test]
    fn a_value_in_a_message_is_written_as_each_language_writes_it() {
        for (value, zh, en) in [
            (Parsed::Date(day(2021, 6, 5)), "2021年6月5日", "2021-06-05"),
            (Parsed::Bool(true), "是", "是 (yes)"),
            (Parsed::Bool(false), "否", "否 (no)"),
            (Parsed::Activity(6), "第6项活动事项", "activity item 6"),
            (Parsed::Count(12), "12", "12"),
            (Parsed::Number(2.5), "2.5", "2.5"),
            (Parsed::Number(3.0), "3", "3"),
            (Parsed::Choice("线上".to_owned()), "线上", "线上"),
        ] {
            assert_eq!(value.render(Lang::Zh), zh, "{value:?}");
            assert_eq!(value.render(Lang::En), en, "{value:?}");
        }
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
