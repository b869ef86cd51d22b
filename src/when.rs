//! Reading an instant as a clerk types it on the command line (`--as-of`).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

use crate::definition::Due;

/// A date (the end of that day) or a date-time (exact; without an offset, in
/// the campaign's time zone).
///
/// ```
/// use campaign::when::parse_instant;
/// let tz = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
/// assert_eq!(parse_instant("2021-06-30", tz).unwrap().to_rfc3339(), "2021-06-30T23:59:59+08:00");
/// assert_eq!(parse_instant("2021-06-09T12:00", tz).unwrap().to_rfc3339(), "2021-06-09T12:00:00+08:00");
/// assert_eq!(parse_instant("2021-06-09 12:00:00", tz).unwrap().to_rfc3339(), "2021-06-09T12:00:00+08:00");
/// assert_eq!(parse_instant("2021-06-09T04:00:00Z", tz).unwrap().to_rfc3339(), "2021-06-09T12:00:00+08:00");
/// assert_eq!(parse_instant("2021-06-09T12:00+08:00", tz).unwrap().to_rfc3339(), "2021-06-09T12:00:00+08:00");
/// assert!(parse_instant("6月9日", tz).is_none());
/// ```
pub fn parse_instant(text: &str, tz: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(Due::EndOfDay(date).instant(tz));
    }
    let with_offset = ["%Y-%m-%dT%H:%M:%S%:z", "%Y-%m-%dT%H:%M%:z"];
    if let Some(exact) = DateTime::parse_from_rfc3339(text).ok().or_else(|| {
        with_offset
            .iter()
            .find_map(|f| DateTime::parse_from_str(text, f).ok())
    }) {
        return Some(exact.with_timezone(&tz));
    }
    [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .and_then(|local| tz.from_local_datetime(&local).single())
}
