//! Why a cell cannot be read, and how that is said to the person who filled it.

use std::fmt;

use chrono::NaiveDate;

use crate::lang::Lang;
use crate::zh;

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
    /// What the cell held, as the person saw it.
    pub fn found(&self) -> &str {
        use ValueError::*;
        match self {
            NoFormulaResult { found, .. }
            | CellError { found, .. }
            | NotANumber { found, .. }
            | Negative { found, .. }
            | Fractional { found, .. }
            | Approximate { found, .. }
            | NumberRange { found, .. }
            | WrongUnit { found, .. }
            | NotADate { found, .. }
            | AmbiguousDate { found, .. }
            | DateRange { found, .. }
            | DateOutsidePeriod { found, .. }
            | LostDigits { found, .. }
            | BadMobile { found, .. }
            | BadPhone { found, .. }
            | BadEmail { found, .. }
            | NotBool { found, .. }
            | UnknownActivity { found, .. }
            | ActivityMismatch { found, .. }
            | UnknownUnit { found, .. }
            | UnknownChoice { found, .. } => found,
        }
    }

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
