//! What can be wrong in the receipt ledger, and how it reads.

use chrono::{DateTime, FixedOffset};

use crate::lang::Lang;
use crate::layout::LEDGER_PATH;
use crate::receipt::moment;

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
    /// `via`, `name` or `sha256` that is not text; the entry applies without it.
    NotText {
        entry: usize,
        line: usize,
        path: String,
        key: String,
        found: String,
    },
    /// A `sha256` that is not 64 hexadecimal digits; the entry applies without it.
    BadDigest {
        entry: usize,
        line: usize,
        path: String,
        found: String,
    },
    /// A second entry for a path that cannot be told apart from an earlier
    /// one (the same sha256, or one of them has none); the earlier is kept.
    Duplicate {
        entry: usize,
        line: usize,
        path: String,
        kept_entry: usize,
        kept_line: usize,
        kept_at: DateTime<FixedOffset>,
    },
    /// The `[stamp]` table is not as `campaign stamp` writes it.
    BadStart { line: usize, fault: StartFault },
}

/// What is wrong with the `[stamp]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartFault {
    /// `commit` or `at` is not there.
    Missing(&'static str),
    /// A `commit` that is not a commit id (hexadecimal digits), as written in TOML.
    NotCommit(String),
    /// An `at` that is no date or date-time, as written in TOML.
    NotTime(String),
    /// A key the table does not have; it is ignored.
    Unknown(String),
}

impl LedgerProblem {
    /// The path of the entry this problem is about, if it has one.
    pub fn path(&self) -> Option<&str> {
        use LedgerProblem::*;
        match self {
            Unreadable { .. }
            | Syntax { .. }
            | UnknownKey { .. }
            | MissingPath { .. }
            | BadStart { .. } => None,
            OutsideSubmissions { path, .. }
            | NoSuchFile { path, .. }
            | MissingTime { path, .. }
            | BadTime { path, .. }
            | NotText { path, .. }
            | BadDigest { path, .. }
            | Duplicate { path, .. } => Some(path),
        }
    }

    /// The line the problem is on, if known.
    pub fn line(&self) -> Option<usize> {
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
            | BadDigest { line, .. }
            | Duplicate { line, .. }
            | BadStart { line, .. } => Some(*line),
        }
    }

    pub(super) fn entry(&self) -> Option<usize> {
        use LedgerProblem::*;
        match self {
            Unreadable { .. } | BadStart { .. } => None,
            Syntax { entry, .. } | UnknownKey { entry, .. } => *entry,
            MissingPath { entry, .. }
            | OutsideSubmissions { entry, .. }
            | NoSuchFile { entry, .. }
            | MissingTime { entry, .. }
            | BadTime { entry, .. }
            | NotText { entry, .. }
            | BadDigest { entry, .. }
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
                format!("不认识的键“{key}”（登记只有 path、at、via、name、sha256），已忽略"),
                format!("unknown key “{key}” (an entry has path, at, via, name and sha256); ignored"),
            ),
            UnknownKey { entry: None, key, .. } => lang.pick(
                format!("不认识的键“{key}”（收件登记只有 [[received]] 条目和 [stamp] 表），已忽略"),
                format!("unknown key “{key}” (the ledger holds only [[received]] entries and the [stamp] table); ignored"),
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
            BadDigest { path, found, .. } => lang.pick(
                format!("“{path}”的 sha256 应为 64 位十六进制数字，实际是 {found}，已忽略"),
                format!("the sha256 of “{path}” should be 64 hexadecimal digits, not {found}; ignored"),
            ),
            BadStart { fault, .. } => fault.message(lang),
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

impl StartFault {
    /// Whether `campaign stamp` cannot tell where it started: only an
    /// unknown key leaves the table usable.
    pub fn blocks(&self) -> bool {
        !matches!(self, StartFault::Unknown(_))
    }

    fn message(&self, lang: Lang) -> String {
        let stops = lang.pick(
            "；改正之前 campaign stamp 无法知道从哪里开始登记，不会登记任何文件",
            "; until it is corrected campaign stamp cannot tell where it started and records nothing",
        );
        match self {
            StartFault::Missing(key) => lang.pick(
                format!("[stamp] 缺少 {key}{stops}"),
                format!("[stamp] has no {key}{stops}"),
            ),
            StartFault::NotCommit(found) => lang.pick(
                format!("[stamp] 的 commit 应为带引号的提交号（十六进制数字），实际是 {found}{stops}"),
                format!("commit in [stamp] should be a quoted commit id (hexadecimal digits), not {found}{stops}"),
            ),
            StartFault::NotTime(found) => lang.pick(
                format!("[stamp] 的 at = {found} 无法识别，应为日期时间（如 2021-06-01T09:00:00+08:00）{stops}"),
                format!("at = {found} in [stamp] is not understood; write a date-time (2021-06-01T09:00:00+08:00){stops}"),
            ),
            StartFault::Unknown(key) => lang.pick(
                format!("[stamp] 中不认识的键“{key}”（只有 commit 和 at），已忽略"),
                format!("unknown key “{key}” in [stamp] (it has commit and at); ignored"),
            ),
        }
    }
}
