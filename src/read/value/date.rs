//! Dates: date cells, Excel serials, numbers such as 6.5, and dates typed as
//! text in the spellings people use; ranges, impossible days and dates
//! outside the campaign period rejected.

use chrono::{Datelike, Days, NaiveDate};

use super::{Ambiguity, Cell, Context, DASHES, Parsed, ValueError};
use crate::definition::Campaign;
use crate::read::table::format_number;

pub(super) fn date(cell: &Cell, ctx: &Context) -> Result<Parsed, ValueError> {
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

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::lang::Lang;
    use crate::read::table::Value;
    use crate::read::value::parse;

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
        assert_eq!(
            no_year.render(Lang::En),
            "found “6月5日” without a year, and the campaign period 2021-12-01 to 2022-01-31 spans two years; write the full date, such as 2021-12-01"
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
        assert_eq!(
            err(&start_date(), text("7.5")).render(Lang::En),
            "found “7.5” (2021-07-05), outside the campaign period 2021-06-01 to 2021-06-30"
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
}
