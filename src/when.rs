//! Reading an instant as a clerk types it on the command line: the instant a
//! campaign is judged at (`--as-of`) and the time a file arrived (`--at`).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

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
    match date(text) {
        Some(date) => Some(Due::EndOfDay(date).instant(tz)),
        None => date_time(text, tz),
    }
}

/// When a file arrived (`receive --at`): a date-time as [`parse_instant`]
/// reads it, or a date, which means the start of that day — as a date in the
/// receipt ledger does, so that a form known only to have come on the
/// deadline day is on time.
///
/// ```
/// use campaign::when::parse_arrival;
/// let tz = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
/// assert_eq!(parse_arrival("2021-06-28", tz).unwrap().to_rfc3339(), "2021-06-28T00:00:00+08:00");
/// assert_eq!(parse_arrival("2021-06-27 16:30", tz).unwrap().to_rfc3339(), "2021-06-27T16:30:00+08:00");
/// assert!(parse_arrival("昨天", tz).is_none());
/// ```
pub fn parse_arrival(text: &str, tz: FixedOffset) -> Option<DateTime<FixedOffset>> {
    match date(text) {
        Some(date) => tz
            .from_local_datetime(&date.and_time(NaiveTime::MIN))
            .single(),
        None => date_time(text, tz),
    }
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// A date-time: exact with an offset, else in the campaign's time zone.
fn date_time(text: &str, tz: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
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
