//! The receipt ledger `submissions/received.toml` (SPEC §5).
//!
//! ```toml
//! [[received]]
//! path = "submissions/党建室/附件1.xlsx"   # relative to the campaign root, `/` separators
//! at = 2021-06-02T16:30:00+08:00           # or a local date-time, or a date
//! via = "email"                            # free text: email, wechat, ci …
//! sha256 = "…"                             # optional, written by `campaign stamp`
//! ```
//!
//! A clerk edits this file by hand, so nothing in it stops the run: every
//! entry that cannot be used becomes a [`LedgerProblem`] and the others still
//! apply. Even a TOML syntax error costs only the entry it sits in: the file
//! is then read again table by table.
//!
//! Decisions:
//! - A local date-time is in the campaign's time zone.
//! - A date alone means 00:00:00 of that day in the campaign's time zone. A
//!   receipt known only by its day must not look later than it was: a unit
//!   that returned a form on the deadline day is on time, and one that
//!   returned it the day after is late, whatever hour it really was.
//! - A time written as a quoted string (`at = "2021-06-02 16:30"`) is read
//!   like the bare TOML value it spells; anything else is a problem.
//! - Several entries for one path: the earliest time counts (the first entry
//!   on a tie); each other one is reported.
//! - Unknown keys are reported (a misspelt `via` must not vanish silently),
//!   but the entry still applies.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::Deserialize;
use serde::de::IgnoredAny;
use toml::Spanned;
use toml::value::{Datetime, Offset};

use super::moment;
use crate::lang::Lang;
use crate::layout::{LEDGER, LEDGER_PATH, SUBMISSIONS};

const KEYS: [&str; 4] = ["path", "at", "via", "sha256"];
const TABLE: &str = "received";

/// Why (part of) the ledger was not used. `entry` is the 1-based number of a
/// `[[received]]` entry, `line` the 1-based line in the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerProblem {
    /// The file exists but cannot be read; none of it is used.
    Unreadable { message: String },
    /// Not valid TOML (or not the ledger's shape); the entry it sits in, if
    /// any, is not used.
    Syntax {
        entry: Option<usize>,
        line: Option<usize>,
        message: String,
    },
    /// A key the ledger does not know; it is ignored.
    UnknownKey {
        entry: Option<usize>,
        line: usize,
        key: String,
    },
    /// No `path`, or one that is not text (`found`).
    MissingPath {
        entry: usize,
        line: usize,
        found: Option<String>,
    },
    /// A path outside `submissions/`, absolute, or with `..`.
    OutsideSubmissions {
        entry: usize,
        line: usize,
        path: String,
    },
    /// A path that names no submitted file.
    NoSuchFile {
        entry: usize,
        line: usize,
        path: String,
    },
    MissingTime {
        entry: usize,
        line: usize,
        path: String,
    },
    /// An `at` that is no date or date-time (`found` as written in TOML).
    BadTime {
        entry: usize,
        line: usize,
        path: String,
        found: String,
    },
    /// `via` or `sha256` that is not text; the entry applies without it.
    NotText {
        entry: usize,
        line: usize,
        path: String,
        key: String,
        found: String,
    },
    /// A second entry for a path; the one with the earliest time is kept.
    Duplicate {
        entry: usize,
        line: usize,
        path: String,
        kept_entry: usize,
        kept_line: usize,
        kept_at: DateTime<FixedOffset>,
    },
}

impl LedgerProblem {
    /// The path of the entry this problem is about, if it has one.
    pub fn path(&self) -> Option<&str> {
        use LedgerProblem::*;
        match self {
            Unreadable { .. } | Syntax { .. } | UnknownKey { .. } | MissingPath { .. } => None,
            OutsideSubmissions { path, .. }
            | NoSuchFile { path, .. }
            | MissingTime { path, .. }
            | BadTime { path, .. }
            | NotText { path, .. }
            | Duplicate { path, .. } => Some(path),
        }
    }

    /// The line the problem is on, if known.
    fn line(&self) -> Option<usize> {
        use LedgerProblem::*;
        match self {
            Unreadable { .. } => None,
            Syntax { line, .. } => *line,
            UnknownKey { line, .. }
            | MissingPath { line, .. }
            | OutsideSubmissions { line, .. }
            | NoSuchFile { line, .. }
            | MissingTime { line, .. }
            | BadTime { line, .. }
            | NotText { line, .. }
            | Duplicate { line, .. } => Some(*line),
        }
    }

    fn entry(&self) -> Option<usize> {
        use LedgerProblem::*;
        match self {
            Unreadable { .. } => None,
            Syntax { entry, .. } | UnknownKey { entry, .. } => *entry,
            MissingPath { entry, .. }
            | OutsideSubmissions { entry, .. }
            | NoSuchFile { entry, .. }
            | MissingTime { entry, .. }
            | BadTime { entry, .. }
            | NotText { entry, .. }
            | Duplicate { entry, .. } => Some(*entry),
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        let file = LEDGER_PATH.to_owned();
        match self.place(lang) {
            Some(place) => format!(
                "{file}{}{place}{}{}",
                lang.pick(" ", ", "),
                lang.pick("：", ": "),
                self.message(lang)
            ),
            None => format!("{file}{}{}", lang.pick("：", ": "), self.message(lang)),
        }
    }

    /// The problem within the ledger file (line, entry, what is wrong), for
    /// outputs that name the file separately.
    pub fn render_in_file(&self, lang: Lang) -> String {
        match self.place(lang) {
            Some(place) => format!("{place}{}{}", lang.pick("：", ": "), self.message(lang)),
            None => self.message(lang),
        }
    }

    fn place(&self, lang: Lang) -> Option<String> {
        let line = self.line()?;
        Some(match (self.entry(), lang) {
            (Some(entry), Lang::Zh) => format!("第 {line} 行（第 {entry} 条登记）"),
            (Some(entry), Lang::En) => format!("line {line} (entry {entry})"),
            (None, Lang::Zh) => format!("第 {line} 行"),
            (None, Lang::En) => format!("line {line}"),
        })
    }

    fn message(&self, lang: Lang) -> String {
        use LedgerProblem::*;
        let unused = lang.pick("，这一条登记未被采用", "; the entry is not used");
        match self {
            Unreadable { message } => lang.pick(
                format!("无法读取收件登记（{message}），其中的登记都未被采用"),
                format!("cannot read the receipt ledger ({message}); none of its entries is used"),
            ),
            Syntax { entry, message, .. } => {
                let tail = if entry.is_some() { unused } else { "" };
                lang.pick(
                    format!("不是有效的 TOML（{message}）{tail}"),
                    format!("not valid TOML ({message}){tail}"),
                )
            }
            UnknownKey { entry: Some(_), key, .. } => lang.pick(
                format!("不认识的键“{key}”（登记只有 path、at、via、sha256），已忽略"),
                format!("unknown key “{key}” (an entry has path, at, via and sha256); ignored"),
            ),
            UnknownKey { entry: None, key, .. } => lang.pick(
                format!("不认识的键“{key}”（收件登记只有 [[received]] 条目），已忽略"),
                format!("unknown key “{key}” (the ledger holds only [[received]] entries); ignored"),
            ),
            MissingPath { found: None, .. } => lang.pick(
                format!("缺少文件路径 path{unused}"),
                format!("the file path (path) is missing{unused}"),
            ),
            MissingPath { found: Some(found), .. } => lang.pick(
                format!("文件路径 path 应为带引号的文本，实际是 {found}{unused}"),
                format!("the file path (path) should be quoted text, not {found}{unused}"),
            ),
            OutsideSubmissions { path, .. } => lang.pick(
                format!("路径“{path}”不在 submissions/ 之内（应相对于活动文件夹，以 submissions/ 开头，用 / 分隔，不含 ..）{unused}"),
                format!("the path “{path}” is not inside submissions/ (it should be relative to the campaign folder, start with submissions/, use / and hold no ..){unused}"),
            ),
            NoSuchFile { path, .. } => lang.pick(
                format!("没有提交的文件“{path}”{unused}"),
                format!("there is no submitted file “{path}”{unused}"),
            ),
            MissingTime { path, .. } => lang.pick(
                format!("“{path}”缺少收到时间 at{unused}"),
                format!("“{path}” has no receipt time (at){unused}"),
            ),
            BadTime { path, found, .. } => lang.pick(
                format!("“{path}”的收到时间 at = {found} 无法识别，应为日期时间（如 2021-06-02T16:30:00+08:00）或日期（如 2021-06-02）{unused}"),
                format!("the receipt time of “{path}”, at = {found}, is not understood; write a date-time (2021-06-02T16:30:00+08:00) or a date (2021-06-02){unused}"),
            ),
            NotText { path, key, found, .. } => lang.pick(
                format!("“{path}”的 {key} 应为带引号的文本，实际是 {found}，已忽略"),
                format!("{key} of “{path}” should be quoted text, not {found}; ignored"),
            ),
            Duplicate {
                path,
                kept_entry,
                kept_line,
                kept_at,
                ..
            } => lang.pick(
                format!(
                    "“{path}”已在第 {kept_line} 行（第 {kept_entry} 条登记）登记过，以较早的收到时间 {} 为准{unused}",
                    moment(*kept_at, lang)
                ),
                format!(
                    "“{path}” is also recorded on line {kept_line} (entry {kept_entry}); the earlier time, {}, counts{unused}",
                    moment(*kept_at, lang)
                ),
            ),
        }
    }
}

pub(super) struct Ledger {
    /// When each path was received (keyed by root-relative path), from its usable entry.
    pub entries: BTreeMap<String, DateTime<FixedOffset>>,
    pub problems: Vec<LedgerProblem>,
}

/// Reads the ledger of the campaign at `root`; a missing ledger is an empty one.
pub(super) fn read(root: &Path, files: &[String], timezone: FixedOffset) -> Ledger {
    let mut ledger = Ledger {
        entries: BTreeMap::new(),
        problems: Vec::new(),
    };
    let text = match std::fs::read_to_string(root.join(SUBMISSIONS).join(LEDGER)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return ledger,
        Err(e) => {
            ledger.problems.push(LedgerProblem::Unreadable {
                message: e.to_string(),
            });
            return ledger;
        }
    };
    // Notepad and WPS may save UTF-8 with a byte-order mark.
    let parsed = parse(text.strip_prefix('\u{feff}').unwrap_or(&text));
    ledger.problems = parsed.problems;
    let files: HashSet<&str> = files.iter().map(String::as_str).collect();
    let mut valid: Vec<Valid> = parsed
        .entries
        .iter()
        .filter_map(|raw| check(raw, &files, timezone, &mut ledger.problems))
        .collect();
    // The earliest time of a path counts; on a tie, the first entry.
    valid.sort_by(|a, b| (&a.path, a.at, a.entry).cmp(&(&b.path, b.at, b.entry)));
    let mut kept: Option<&Valid> = None;
    for entry in &valid {
        if let Some(k) = kept
            && k.path == entry.path
        {
            ledger.problems.push(LedgerProblem::Duplicate {
                entry: entry.entry,
                line: entry.line,
                path: entry.path.clone(),
                kept_entry: k.entry,
                kept_line: k.line,
                kept_at: k.at,
            });
            continue;
        }
        kept = Some(entry);
        ledger.entries.insert(entry.path.clone(), entry.at);
    }
    ledger
        .problems
        .sort_by_key(|p| (p.line().unwrap_or(0), p.entry()));
    ledger
}

type Fields = BTreeMap<String, Spanned<toml::Value>>;

#[derive(Deserialize)]
struct RawLedger {
    #[serde(default)]
    received: Vec<Spanned<Fields>>,
}

/// One `[[received]]` table as written, located in the whole file.
struct RawEntry {
    entry: usize,
    /// The line of its `[[received]]` header.
    line: usize,
    fields: Vec<(String, usize, toml::Value)>,
}

impl RawEntry {
    fn field(&self, key: &str) -> Option<(usize, &toml::Value)> {
        self.fields
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, line, value)| (*line, value))
    }
}

#[derive(Default)]
struct Parsed {
    entries: Vec<RawEntry>,
    problems: Vec<LedgerProblem>,
    /// `[[received]]` tables met so far, broken ones included.
    seen: usize,
}

/// Parses the whole file; on an error, each table on its own so that one
/// broken entry costs only itself.
fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    if parse_part(text, 0..text.len(), &mut parsed).is_ok() {
        return parsed;
    }
    let mut parsed = Parsed::default();
    for part in tables(text) {
        let start = part.start;
        let is_entry = text[part.clone()]
            .lines()
            .next()
            .is_some_and(is_entry_header);
        if let Err(error) = parse_part(text, part, &mut parsed) {
            let entry = is_entry.then(|| {
                parsed.seen += 1;
                parsed.seen
            });
            parsed.problems.push(LedgerProblem::Syntax {
                entry,
                line: error.span().map(|span| line_at(text, start + span.start)),
                message: error.message().to_owned(),
            });
        }
    }
    parsed
}

/// Parses the bytes `part` of `text` into `parsed`; nothing is added on an error.
fn parse_part(text: &str, part: Range<usize>, parsed: &mut Parsed) -> Result<(), toml::de::Error> {
    let start = part.start;
    let part = &text[part];
    let keys: BTreeMap<String, Spanned<IgnoredAny>> = toml::from_str(part)?;
    let raw: RawLedger = toml::from_str(part)?;
    let line = |offset: usize| line_at(text, start + offset);
    for (key, value) in &keys {
        if key != TABLE {
            parsed.problems.push(LedgerProblem::UnknownKey {
                entry: None,
                line: line(value.span().start),
                key: key.clone(),
            });
        }
    }
    for table in raw.received {
        parsed.seen += 1;
        let header = line(table.span().start);
        let fields = table
            .into_inner()
            .into_iter()
            .map(|(key, value)| (key, line(value.span().start), value.into_inner()))
            .collect();
        parsed.entries.push(RawEntry {
            entry: parsed.seen,
            line: header,
            fields,
        });
    }
    Ok(())
}

fn is_entry_header(line: &str) -> bool {
    let compact: String = line
        .split('#')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    compact == format!("[[{TABLE}]]")
}

/// The byte ranges of `text` split before every table header line.
fn tables(text: &str) -> Vec<Range<usize>> {
    let mut starts = vec![0];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset > 0 && line.trim_start().starts_with('[') {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts.push(text.len());
    starts
        .windows(2)
        .map(|w| w[0]..w[1])
        .filter(|part| !text[part.clone()].trim().is_empty())
        .collect()
}

fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// An entry that passed every check, before duplicates are weeded out.
struct Valid {
    entry: usize,
    line: usize,
    path: String,
    at: DateTime<FixedOffset>,
}

/// Checks one entry, reporting what is wrong with it; `None` when it cannot apply.
fn check(
    raw: &RawEntry,
    files: &HashSet<&str>,
    timezone: FixedOffset,
    problems: &mut Vec<LedgerProblem>,
) -> Option<Valid> {
    let entry = raw.entry;
    for (key, line, _) in &raw.fields {
        if !KEYS.contains(&key.as_str()) {
            problems.push(LedgerProblem::UnknownKey {
                entry: Some(entry),
                line: *line,
                key: key.clone(),
            });
        }
    }
    let path = match raw.field("path") {
        None => {
            problems.push(LedgerProblem::MissingPath {
                entry,
                line: raw.line,
                found: None,
            });
            return None;
        }
        Some((line, value)) => {
            let Some(path) = value.as_str() else {
                problems.push(LedgerProblem::MissingPath {
                    entry,
                    line,
                    found: Some(value.to_string()),
                });
                return None;
            };
            if !inside_submissions(path) {
                problems.push(LedgerProblem::OutsideSubmissions {
                    entry,
                    line,
                    path: path.to_owned(),
                });
                return None;
            }
            if !files.contains(path) {
                problems.push(LedgerProblem::NoSuchFile {
                    entry,
                    line,
                    path: path.to_owned(),
                });
                return None;
            }
            path.to_owned()
        }
    };
    let at = match raw.field("at") {
        None => {
            problems.push(LedgerProblem::MissingTime {
                entry,
                line: raw.line,
                path,
            });
            return None;
        }
        Some((line, value)) => match time(value, timezone) {
            Some(at) => at,
            None => {
                problems.push(LedgerProblem::BadTime {
                    entry,
                    line,
                    path,
                    found: value.to_string(),
                });
                return None;
            }
        },
    };
    let mut text = |key: &str| -> Option<String> {
        let (line, value) = raw.field(key)?;
        if let Some(text) = value.as_str() {
            return Some(text.to_owned());
        }
        problems.push(LedgerProblem::NotText {
            entry,
            line,
            path: path.clone(),
            key: key.to_owned(),
            found: value.to_string(),
        });
        None
    };
    // Receipts need only that these are text: `via` says how a file came,
    // `sha256` is for `stamp`, which compares it.
    let _via = text("via");
    let _sha256 = text("sha256");
    Some(Valid {
        entry,
        line: raw.line,
        path,
        at,
    })
}

/// `submissions/…`, relative, with no `.` or `..` step and no empty one.
fn inside_submissions(path: &str) -> bool {
    let mut steps = path.split('/');
    steps.next() == Some(SUBMISSIONS)
        && path.len() > SUBMISSIONS.len() + 1
        && steps.all(|step| !matches!(step, "" | "." | ".."))
}

/// A TOML date or date-time (or a string spelling one) in `timezone`.
fn time(value: &toml::Value, timezone: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let datetime = match value {
        toml::Value::Datetime(datetime) => *datetime,
        toml::Value::String(text) => text.trim().parse::<Datetime>().ok()?,
        _ => return None,
    };
    let date = datetime.date?;
    let date = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())?;
    let Some(time) = datetime.time else {
        // A receipt known only by its day: the start of that day (module docs).
        return timezone
            .from_local_datetime(&date.and_time(NaiveTime::MIN))
            .single();
    };
    let time = NaiveTime::from_hms_nano_opt(
        time.hour.into(),
        time.minute.into(),
        time.second.unwrap_or(0).into(),
        time.nanosecond.unwrap_or(0),
    )?;
    let offset = match datetime.offset {
        None => timezone,
        Some(Offset::Z) => FixedOffset::east_opt(0)?,
        Some(Offset::Custom { minutes }) => FixedOffset::east_opt(i32::from(minutes) * 60)?,
    };
    let at = offset.from_local_datetime(&date.and_time(time)).single()?;
    Some(at.with_timezone(&timezone))
}
