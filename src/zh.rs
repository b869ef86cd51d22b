//! Chinese renderings shared by every output: dates as people write them.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// 2021年6月28日
pub fn date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// 2021年6月28日（星期一）, as a notice states a deadline.
pub fn date_with_weekday(day: NaiveDate) -> String {
    format!("{}（{}）", date(day), weekday(day))
}

/// 星期一 … 星期日.
pub fn weekday(day: NaiveDate) -> &'static str {
    match day.weekday() {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

/// 2021年6月28日 for the last second of a day (a date deadline), else 2021年6月28日 17:00.
pub fn date_time(at: NaiveDateTime) -> String {
    let end_of_day = NaiveTime::from_hms_opt(23, 59, 59).expect("valid time");
    if at.time() == end_of_day {
        date(at.date())
    } else {
        format!("{} {}", date(at.date()), at.format("%H:%M"))
    }
}
