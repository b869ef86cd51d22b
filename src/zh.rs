//! Chinese renderings shared by every output: dates as people write them.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// 2021年6月28日
pub fn date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// 2021年6月28日（星期一）, as a notice states a deadline.
pub fn date_with_weekday(day: NaiveDate) -> String {
    let weekday = match day.weekday() {
        Weekday::Mon => "一",
        Weekday::Tue => "二",
        Weekday::Wed => "三",
        Weekday::Thu => "四",
        Weekday::Fri => "五",
        Weekday::Sat => "六",
        Weekday::Sun => "日",
    };
    format!("{}（星期{weekday}）", date(day))
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
