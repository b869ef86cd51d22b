//! The receipt ledger `submissions/received.toml` (SPEC §5).
//!
//! ```toml
//! [[received]]
//! path = "submissions/党建室/附件1.xlsx"   # relative to the campaign root, `/` separators
//! at = 2021-06-02T16:30:00+08:00           # or a local date-time, or a date
//! via = "email"                            # free text: email, wechat, ci …
//! name = "附件3(1).xlsx"                    # optional: the name it arrived under (`campaign receive`)
//! sha256 = "…"                             # optional; `campaign stamp` and `campaign receive` write it
//!
//! [stamp]                                  # written by the first `campaign stamp`
//! commit = "…"                             # HEAD when it first ran
//! at = 2021-06-01T09:00:00+08:00           # when it first ran
//! ```
//!
//! A clerk edits this file by hand, so nothing in it stops the run: every
//! entry that cannot be used becomes a [`LedgerProblem`] and the others still
//! apply. Even a TOML syntax error costs only the entry it sits in: the file
//! is then read again table by table. Only `campaign stamp` refuses a ledger
//! that does not parse as a whole, since it must not append to one.
//!
//! Decisions:
//! - A local date-time is in the campaign's time zone.
//! - A date alone means 00:00:00 of that day in the campaign's time zone. A
//!   receipt known only by its day must not look later than it was: a unit
//!   that returned a form on the deadline day is on time, and one that
//!   returned it the day after is late, whatever hour it really was.
//! - A time written as a quoted string (`at = "2021-06-02 16:30"`) is read
//!   like the bare TOML value it spells; anything else is a problem.
//! - Several entries for one path with different sha256 are versions of the
//!   file: the earliest is its receipt, the later ones its revisions. Entries
//!   that cannot be told apart (the same sha256, or one of them without any)
//!   are one arrival written twice: the earliest time counts (the first entry
//!   on a tie) and each other one is reported.
//! - Unknown keys are reported (a misspelt `via` must not vanish silently),
//!   but the entry still applies.

mod problem;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::Deserialize;
use serde::de::IgnoredAny;
use toml::Spanned;
use toml::value::{Datetime, Offset};

use super::digest::Sha256;
use crate::layout::{LEDGER, SUBMISSIONS};

pub use problem::{LedgerProblem, StartFault};

const KEYS: [&str; 5] = ["path", "at", "via", "name", "sha256"];
const TABLE: &str = "received";
const START: &str = "stamp";
const START_KEYS: [&str; 2] = ["commit", "at"];

/// Where `campaign stamp` started: files already in `commit` keep their
/// commit times; whatever arrives later, it stamps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    /// The commit HEAD was at when stamp first ran.
    pub commit: String,
    /// When stamp first ran.
    pub at: DateTime<FixedOffset>,
}

/// One usable entry: a version of a file as the ledger dates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Logged {
    pub at: DateTime<FixedOffset>,
    pub sha256: Option<Sha256>,
}

pub(super) struct Ledger {
    /// The ledger's text as read, byte for byte (`None`: there is no ledger).
    pub text: Option<String>,
    /// The versions of each path (keyed by root-relative path), earliest first.
    pub entries: BTreeMap<String, Vec<Logged>>,
    /// Every path an entry names, usable or not, whether a file lies there or not.
    pub named: BTreeSet<String>,
    pub start: Option<Start>,
    pub problems: Vec<LedgerProblem>,
    /// Why the file does not parse as a whole, if it does not.
    whole: Option<LedgerProblem>,
}

impl Ledger {
    /// Why nothing may be appended to the ledger as it stands: it cannot be
    /// read, it is not valid TOML as a whole, or its `[stamp]` table cannot
    /// say where stamping started.
    pub fn broken(&self) -> Option<&LedgerProblem> {
        self.whole.as_ref().or_else(|| {
            self.problems.iter().find(|p| match p {
                LedgerProblem::Unreadable { .. } => true,
                LedgerProblem::BadStart { fault, .. } => fault.blocks(),
                _ => false,
            })
        })
    }
}

/// Reads the ledger of the campaign at `root`; a missing ledger is an empty one.
pub(super) fn read(root: &Path, files: &[String], timezone: FixedOffset) -> Ledger {
    let mut ledger = Ledger {
        text: None,
        entries: BTreeMap::new(),
        named: BTreeSet::new(),
        start: None,
        problems: Vec::new(),
        whole: None,
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
    let parsed = parse(without_bom(&text));
    ledger.problems = parsed.problems;
    ledger.whole = parsed.whole;
    ledger.start = parsed
        .start
        .and_then(|raw| start(&raw, timezone, &mut ledger.problems));
    ledger.named = parsed
        .entries
        .iter()
        .filter_map(|raw| raw.table.field("path")?.1.as_str().map(str::to_owned))
        .collect();
    let files: HashSet<&str> = files.iter().map(String::as_str).collect();
    let mut valid: Vec<Valid> = parsed
        .entries
        .iter()
        .filter_map(|raw| check(raw, &files, timezone, &mut ledger.problems))
        .collect();
    // The earliest time of a path counts; on a tie, the first entry.
    valid.sort_by(|a, b| (&a.path, a.at, a.entry).cmp(&(&b.path, b.at, b.entry)));
    let mut kept: BTreeMap<&str, Vec<&Valid>> = BTreeMap::new();
    for entry in &valid {
        let versions = kept.entry(&entry.path).or_default();
        if let Some(k) = versions.iter().find(|k| k.same_arrival(entry)) {
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
        versions.push(entry);
    }
    ledger.entries = kept
        .into_iter()
        .map(|(path, versions)| {
            let logged = versions
                .iter()
                .map(|v| Logged {
                    at: v.at,
                    sha256: v.sha256.clone(),
                })
                .collect();
            (path.to_owned(), logged)
        })
        .collect();
    ledger
        .problems
        .sort_by_key(|p| (p.line().unwrap_or(0), p.entry()));
    ledger.text = Some(text);
    ledger
}

/// How many `[[received]]` entries a ledger's text holds and whether it has
/// a `[stamp]` table; `None` when it is not a ledger as a whole. What the
/// ledger's writer appends is read back with this.
pub fn tables_in(text: &str) -> Option<(usize, bool)> {
    let raw: RawLedger = toml::from_str(without_bom(text)).ok()?;
    Some((raw.received.len(), raw.stamp.is_some()))
}

/// Notepad and WPS may save UTF-8 with a byte-order mark.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

type Fields = BTreeMap<String, Spanned<toml::Value>>;

#[derive(Deserialize)]
struct RawLedger {
    #[serde(default)]
    received: Vec<Spanned<Fields>>,
    stamp: Option<Spanned<Fields>>,
}

/// One table as written, located in the whole file.
struct RawTable {
    /// The line of its header.
    line: usize,
    fields: Vec<(String, usize, toml::Value)>,
}

impl RawTable {
    fn new(table: Spanned<Fields>, line: impl Fn(usize) -> usize) -> RawTable {
        RawTable {
            line: line(table.span().start),
            fields: table
                .into_inner()
                .into_iter()
                .map(|(key, value)| (key, line(value.span().start), value.into_inner()))
                .collect(),
        }
    }

    fn field(&self, key: &str) -> Option<(usize, &toml::Value)> {
        self.fields
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, line, value)| (*line, value))
    }

    /// The keys not among `known`, with their lines.
    fn unknown<'t>(&'t self, known: &'t [&str]) -> impl Iterator<Item = (&'t str, usize)> {
        self.fields
            .iter()
            .filter(|(key, _, _)| !known.contains(&key.as_str()))
            .map(|(key, line, _)| (key.as_str(), *line))
    }
}

/// One `[[received]]` table as written.
struct RawEntry {
    /// Its number among the `[[received]]` tables, from 1.
    entry: usize,
    table: RawTable,
}

#[derive(Default)]
struct Parsed {
    entries: Vec<RawEntry>,
    start: Option<RawTable>,
    problems: Vec<LedgerProblem>,
    /// `[[received]]` tables met so far, broken ones included.
    seen: usize,
    /// Why the file does not parse as a whole, if it does not.
    whole: Option<LedgerProblem>,
}

/// Parses the whole file; on an error, each table on its own so that one
/// broken entry costs only itself.
fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let Err(error) = parse_part(text, 0..text.len(), &mut parsed) else {
        return parsed;
    };
    let whole = LedgerProblem::Syntax {
        entry: None,
        line: error.span().map(|span| line_at(text, span.start)),
        message: error.message().to_owned(),
    };
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
    // Tables that parse one by one may still clash as a whole (a table
    // written twice): then the whole file's error is the one to tell.
    if !parsed
        .problems
        .iter()
        .any(|p| matches!(p, LedgerProblem::Syntax { .. }))
    {
        parsed.problems.push(whole.clone());
    }
    parsed.whole = Some(whole);
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
        if key != TABLE && key != START {
            parsed.problems.push(LedgerProblem::UnknownKey {
                entry: None,
                line: line(value.span().start),
                key: key.clone(),
            });
        }
    }
    for table in raw.received {
        parsed.seen += 1;
        parsed.entries.push(RawEntry {
            entry: parsed.seen,
            table: RawTable::new(table, line),
        });
    }
    if let Some(table) = raw.stamp {
        parsed.start = Some(RawTable::new(table, line));
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
    sha256: Option<Sha256>,
}

impl Valid {
    /// Whether two entries of one path may record the same arrival: only
    /// different sha256 tell two versions apart.
    fn same_arrival(&self, other: &Valid) -> bool {
        match (&self.sha256, &other.sha256) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
}

/// Checks one entry, reporting what is wrong with it; `None` when it cannot apply.
fn check(
    raw: &RawEntry,
    files: &HashSet<&str>,
    timezone: FixedOffset,
    problems: &mut Vec<LedgerProblem>,
) -> Option<Valid> {
    let entry = raw.entry;
    let raw = &raw.table;
    for (key, line) in raw.unknown(&KEYS) {
        problems.push(LedgerProblem::UnknownKey {
            entry: Some(entry),
            line,
            key: key.to_owned(),
        });
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
    let mut text = |key: &str| -> Option<(usize, String)> {
        let (line, value) = raw.field(key)?;
        if let Some(text) = value.as_str() {
            return Some((line, text.to_owned()));
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
    // Receipts need only that `via` and `name` are text: they say how a
    // file came and under which name, for people.
    let _via = text("via");
    let _name = text("name");
    let sha256 = text("sha256").and_then(|(line, written)| {
        let digest = Sha256::parse(&written);
        if digest.is_none() {
            problems.push(LedgerProblem::BadDigest {
                entry,
                line,
                path: path.clone(),
                found: toml::Value::String(written).to_string(),
            });
        }
        digest
    });
    Some(Valid {
        entry,
        line: raw.line,
        path,
        at,
        sha256,
    })
}

/// Checks the `[stamp]` table; `None` when it cannot say where stamping started.
fn start(
    raw: &RawTable,
    timezone: FixedOffset,
    problems: &mut Vec<LedgerProblem>,
) -> Option<Start> {
    let mut fault = |line: usize, fault: StartFault| {
        problems.push(LedgerProblem::BadStart { line, fault });
    };
    for (key, line) in raw.unknown(&START_KEYS) {
        fault(line, StartFault::Unknown(key.to_owned()));
    }
    let commit = match raw.field("commit") {
        None => {
            fault(raw.line, StartFault::Missing("commit"));
            None
        }
        Some((line, value)) => {
            let commit = value.as_str().filter(|text| is_commit_id(text));
            if commit.is_none() {
                fault(line, StartFault::NotCommit(value.to_string()));
            }
            commit
        }
    };
    let at = match raw.field("at") {
        None => {
            fault(raw.line, StartFault::Missing("at"));
            None
        }
        Some((line, value)) => {
            let at = time(value, timezone);
            if at.is_none() {
                fault(line, StartFault::NotTime(value.to_string()));
            }
            at
        }
    };
    Some(Start {
        commit: commit?.to_owned(),
        at: at?,
    })
}

/// A commit id as git abbreviates or writes it in full; never a branch or
/// tag name, which would move.
fn is_commit_id(text: &str) -> bool {
    (4..=64).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_hexdigit())
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
