//! Counts and numbers: digits as typed or stored, the column's unit, dashes
//! for zero; estimates, ranges and other units rejected.

use super::{Cell, Parsed, ValueError};
use crate::normalize::key;

pub(super) fn count(cell: &Cell, unit: Option<&str>) -> Result<Parsed, ValueError> {
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

pub(super) fn number(cell: &Cell, unit: Option<&str>) -> Result<Parsed, ValueError> {
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

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::definition::Column;
    use crate::lang::Lang;
    use crate::read::table::Value;
    use crate::read::value::{Parsed, ValueError};

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
}
