//! What can be wrong with a definition, and how each problem reads.
//!
//! The catalogue only: a [`Problem`] is a place (line and TOML path) and a
//! [`ProblemKind`], rendered in Chinese or English. Finding problems is the
//! business of the modules that read and validate the definition.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::{ColumnType, Role};
use crate::lang::Lang;

/// One thing wrong with a definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line of the key or array element in campaign.toml (of its
    /// table, for a key that is absent), where there is one.
    pub line: Option<usize>,
    /// TOML path of the offending key.
    pub path: String,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// A key the table does not have, with the known key it most resembles.
    UnknownKey {
        key: String,
        suggestion: Option<&'static str>,
        /// Every key of that table, in the order the definition reads them.
        known: Vec<&'static str>,
    },
    /// A value of another TOML type than its key takes.
    WrongType {
        expected: Expected,
        found: Found,
    },
    /// A key that must be there and is not.
    Missing {
        key: &'static str,
    },
    Empty,
    NotADate {
        found: String,
    },
    PeriodReversed {
        start: NaiveDate,
        end: NaiveDate,
    },
    BadTimezone {
        found: String,
    },
    /// A telephone number (`contact_phone`) that a phone cell would not accept.
    NotAPhone {
        found: String,
    },
    /// An e-mail address (`contact_email`) that an e-mail cell would not accept.
    NotAnEmail {
        found: String,
    },
    Numbering {
        found: Vec<i64>,
    },
    UnknownCategory {
        no: i64,
    },
    DuplicateName {
        name: String,
        other: String,
    },
    /// A unit's name or alias that cannot be one folder's name: the unit's
    /// folder and the reminders written for it are named by it.
    NotAFolderName {
        name: String,
    },
    UnknownUnitKind {
        found: String,
    },
    UnknownReportKind {
        found: String,
    },
    DuplicateReport {
        id: String,
    },
    UnknownReport {
        id: String,
    },
    UnknownColumn {
        report: String,
        column: String,
    },
    DuplicateColumn {
        name: String,
    },
    UnknownColumnType {
        found: String,
    },
    ChoiceWithoutChoices,
    NotComparable {
        this: String,
        column: String,
    },
    DuplicateExtension,
    BusinessNotOffice,
    DueOutOfRange {
        found: String,
        from: NaiveDate,
        to: NaiveDate,
    },
    MissingDue,
    NoColumns,
    NoMatchWords,
    MaterialsWithoutDeadline,
    AfterNotDate {
        column: String,
    },
    Negative {
        found: i64,
    },
    OutOfRange {
        found: i64,
        min: i64,
        max: i64,
    },
    MinAboveMax {
        min: i64,
        max: i64,
    },
    UnknownRows {
        found: String,
    },
    UnknownUnit {
        name: String,
    },
    UnknownUnitSelector {
        found: String,
    },
    ExtensionNotLater {
        until: DateTime<FixedOffset>,
        due: DateTime<FixedOffset>,
    },
    ValueNotAllowed {
        value: String,
        allowed: Vec<String>,
    },
    UnknownRole {
        found: String,
    },
    RoleNotTable,
    /// `compile = true` on a report that is not a document.
    CompileNotDocument,
    /// A second report marked `compile`; `other` is the first.
    DuplicateCompile {
        other: String,
    },
    DuplicateRole {
        role: Role,
        other: String,
    },
    /// A role's report lacks what the role relies on.
    RoleNeeds {
        role: Role,
        needs: RoleNeed,
    },
}

/// What a role's table must have for the tool to use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleNeed {
    /// A required text column: the liaison's or the activity's name.
    NameColumn,
    MobileColumn,
    DateColumn,
    ActivityRows,
}

/// The TOML type a key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    Integer,
    /// An integer or a float.
    Number,
    Bool,
    /// A date or a date-time.
    Date,
    /// An array of strings.
    Texts,
    Table,
    /// An array of tables: `[[units]]` or `[ { … }, … ]`.
    Tables,
    /// `"all"`, `"business"` or an array of unit names.
    Units,
}

/// A value as the file has it, for saying what was found instead: each
/// as written (cut short when long), a list only when it fits on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Text(String),
    Number(String),
    Bool(bool),
    Date(String),
    List(Option<String>),
    Table,
}

impl Expected {
    fn render(self, lang: Lang) -> &'static str {
        match self {
            Expected::Text => lang.pick("文字（用英文双引号括起来）", "text in double quotes"),
            Expected::Integer => lang.pick("整数（不加引号）", "a whole number (without quotes)"),
            Expected::Number => lang.pick("数字（不加引号）", "a number (without quotes)"),
            Expected::Bool => lang.pick(
                "逻辑值 true 或 false（不加引号）",
                "true or false (without quotes)",
            ),
            Expected::Date => lang.pick(
                "日期，如 2021-06-01（不加引号）",
                "a date such as 2021-06-01 (without quotes)",
            ),
            Expected::Texts => lang.pick(
                "文字的列表，如 [\"甲\", \"乙\"]",
                "a list of texts such as [\"a\", \"b\"]",
            ),
            Expected::Table => lang.pick(
                "表（写成 [表名] 或 { 键 = 值 }）",
                "a table ([name] or { key = value })",
            ),
            Expected::Tables => lang.pick(
                "表的列表（写成 [[表名]] 或 [ { … }, … ]）",
                "a list of tables ([[name]] or [ { … }, … ])",
            ),
            Expected::Units => lang.pick(
                "文字 \"all\" 或 \"business\"，或单位名称的列表",
                "\"all\", \"business\" or a list of unit names",
            ),
        }
    }
}

impl Found {
    fn render(&self, lang: Lang) -> String {
        match self {
            Found::Text(written) => lang.pick(format!("文字 {written}"), format!("text {written}")),
            Found::Number(written) => {
                lang.pick(format!("数字 {written}"), format!("the number {written}"))
            }
            Found::Bool(value) => lang.pick(format!("逻辑值 {value}"), value.to_string()),
            Found::Date(written) => {
                lang.pick(format!("日期 {written}"), format!("the date {written}"))
            }
            Found::List(Some(written)) => {
                lang.pick(format!("列表 {written}"), format!("the list {written}"))
            }
            Found::List(None) => lang.pick("列表".into(), "a list".into()),
            Found::Table => lang.pick("表".into(), "a table".into()),
        }
    }
}

impl RoleNeed {
    fn render(self, lang: Lang) -> &'static str {
        match self {
            RoleNeed::NameColumn => lang.pick(
                "一列必填的文字列（type = \"text\", required = true）",
                "a required text column (type = \"text\", required = true)",
            ),
            RoleNeed::MobileColumn => lang.pick(
                "一列手机号码（type = \"mobile\"）",
                "a mobile column (type = \"mobile\")",
            ),
            RoleNeed::DateColumn => lang.pick(
                "一列日期（type = \"date\"）",
                "a date column (type = \"date\")",
            ),
            RoleNeed::ActivityRows => lang.pick(
                "每个活动事项一行（rows = \"activities\"）",
                "one row per activity item (rows = \"activities\")",
            ),
        }
    }
}

impl Problem {
    pub fn render(&self, lang: Lang) -> String {
        let place = match self.line {
            Some(line) => lang.pick(
                format!("第 {line} 行 {}", self.path),
                format!("line {line}, {}", self.path),
            ),
            None => self.path.clone(),
        };
        let sep = lang.pick("：", ": ");
        format!("{place}{sep}{}", self.kind.render(lang))
    }
}

impl ProblemKind {
    pub fn render(&self, lang: Lang) -> String {
        use ProblemKind::*;
        match self {
            UnknownKey {
                key,
                suggestion: Some(suggestion),
                ..
            } => lang.pick(
                format!("不认识的键“{key}”，是否应为“{suggestion}”？"),
                format!("unknown key “{key}”; did you mean “{suggestion}”?"),
            ),
            UnknownKey {
                key,
                suggestion: None,
                known,
            } => lang.pick(
                format!("不认识的键“{key}”，这里可用的键有 {}", known.join("、")),
                format!("unknown key “{key}”; the keys here are {}", known.join(", ")),
            ),
            WrongType { expected, found } => lang.pick(
                format!("应为{}，现为{}", expected.render(lang), found.render(lang)),
                format!("must be {}; found {}", expected.render(lang), found.render(lang)),
            ),
            Missing { key } => lang.pick(
                format!("缺少必填项 {key}"),
                format!("the required key {key} is missing"),
            ),
            Empty => lang.pick("不能为空".into(), "must not be empty".into()),
            NotADate { found } => lang.pick(
                format!("“{found}”不是日期，应写成 2021-06-01 这样的日期"),
                format!("“{found}” is not a date; write a date such as 2021-06-01"),
            ),
            PeriodReversed { start, end } => lang.pick(
                format!("结束日期 {end} 早于开始日期 {start}"),
                format!("the end {end} is before the start {start}"),
            ),
            BadTimezone { found } => lang.pick(
                format!("时区“{found}”无法识别，应写成 \"+08:00\" 这样的 UTC 偏移"),
                format!("time zone “{found}” is not understood; write a UTC offset such as \"+08:00\""),
            ),
            NotAPhone { found } => lang.pick(
                format!("“{found}”不是电话号码，应写成 022-23450000 这样的固定电话或 13800001234 这样的11位手机号码"),
                format!("“{found}” is not a telephone number; write a landline such as 022-23450000 or an 11-digit mobile number such as 13800001234"),
            ),
            NotAnEmail { found } => lang.pick(
                format!("“{found}”不是电子邮箱地址，应写成 name@example.com 这样的地址"),
                format!("“{found}” is not an e-mail address; write one such as name@example.com"),
            ),
            Numbering { found } => {
                let list = |sep| found.iter().map(i64::to_string).collect::<Vec<_>>().join(sep);
                lang.pick(
                    format!("编号应从 1 起连续编排、不重不漏（1 至 {}），现为 {}", found.len(), list("、")),
                    format!(
                        "numbers must run from 1 to {} without gaps or repeats; found {}",
                        found.len(),
                        list(", ")
                    ),
                )
            }
            UnknownCategory { no } => lang.pick(
                format!("没有编号为 {no} 的类别"),
                format!("there is no category numbered {no}"),
            ),
            DuplicateName { name, other } => lang.pick(
                format!("名称或简称“{name}”与 {other} 重复，名称和简称必须各不相同"),
                format!("name or alias “{name}” is also used by {other}; names and aliases must be unique"),
            ),
            NotAFolderName { name } => lang.pick(
                format!("名称或简称“{name}”不能用作文件夹或文件的名称：不能含 / 或 \\，也不能是 . 或 ..（单位的文件夹和催报文件以它命名）"),
                format!("name or alias “{name}” cannot name a folder or file: it must not contain / or \\ nor be . or .. (the unit's folder and its reminders are named by it)"),
            ),
            UnknownUnitKind { found } => lang.pick(
                format!("单位类别“{found}”无法识别，应为“室”或“单位”"),
                format!("unit kind “{found}” is not known; use \"室\" or \"单位\""),
            ),
            UnknownReportKind { found } => lang.pick(
                format!("报送类别“{found}”无法识别，应为 table、document 或 materials"),
                format!("report kind “{found}” is not known; use table, document or materials"),
            ),
            DuplicateReport { id } => lang.pick(
                format!("报送事项编号“{id}”重复"),
                format!("report id “{id}” is used twice"),
            ),
            UnknownReport { id } => lang.pick(
                format!("没有编号为“{id}”的报送事项"),
                format!("there is no report with id “{id}”"),
            ),
            UnknownColumn { report, column } => lang.pick(
                format!("报送事项“{report}”没有名为“{column}”的列"),
                format!("report “{report}” has no column named “{column}”"),
            ),
            DuplicateColumn { name } => lang.pick(
                format!("列名“{name}”重复"),
                format!("column name “{name}” is used twice"),
            ),
            UnknownColumnType { found } => lang.pick(
                format!("列类型“{found}”无法识别，应为 {} 之一", ColumnType::NAMES.join("、")),
                format!("column type “{found}” is not known; use one of {}", ColumnType::NAMES.join(", ")),
            ),
            ChoiceWithoutChoices => lang.pick(
                "choice 类型的列必须用 choices 列出可选值".into(),
                "a column of type choice must list its choices".into(),
            ),
            DuplicateExtension => lang.pick(
                "同一单位同一报送事项已有一条延期，请合并为一条".into(),
                "this unit already has an extension for this report; keep one".into(),
            ),
            BusinessNotOffice => lang.pick(
                "只有“室”可以是业务室（business = true）".into(),
                "only an office (室) can be a business office (business = true)".into(),
            ),
            NotComparable { this, column } => lang.pick(
                format!("“{this}”与“{column}”无法比较：比较的两列须同为数字列或同为日期列"),
                format!("“{this}” cannot be compared with “{column}”: both must be number columns or both date columns"),
            ),
            DueOutOfRange { found, from, to } => lang.pick(
                format!("截止时间 {found} 不合理，应在 {from} 至 {to} 之间"),
                format!("the deadline {found} is not plausible; it should lie between {from} and {to}"),
            ),
            MissingDue => lang.pick(
                "缺少截止时间 due".into(),
                "the deadline (due) is missing".into(),
            ),
            NoColumns => lang.pick(
                "表格必须用 columns 列出各列".into(),
                "a table must list its columns".into(),
            ),
            NoMatchWords => lang.pick(
                "文档必须用 match 列出文件名中的识别词".into(),
                "a document must list the words (match) that identify its file name".into(),
            ),
            MaterialsWithoutDeadline => lang.pick(
                "资料类报送事项需要 due 或 after 之一".into(),
                "a materials report needs either due or after".into(),
            ),
            AfterNotDate { column } => lang.pick(
                format!("列“{column}”不是日期列，无法据此推算截止时间"),
                format!("column “{column}” is not a date column, so no deadline can follow from it"),
            ),
            Negative { found } => lang.pick(
                format!("不能为负数，现为 {found}"),
                format!("must not be negative; found {found}"),
            ),
            OutOfRange { found, min, max } => lang.pick(
                format!("应在 {min} 至 {max} 之间，现为 {found}"),
                format!("must lie between {min} and {max}; found {found}"),
            ),
            MinAboveMax { min, max } => lang.pick(
                format!("最少 {min} 大于最多 {max}"),
                format!("min {min} is greater than max {max}"),
            ),
            UnknownRows { found } => lang.pick(
                format!("rows 的值“{found}”无法识别，只能为 \"activities\" 或不填"),
                format!("rows = “{found}” is not known; use \"activities\" or leave it out"),
            ),
            UnknownUnit { name } => lang.pick(
                format!("没有名为“{name}”的单位"),
                format!("there is no unit named “{name}”"),
            ),
            UnknownUnitSelector { found } => lang.pick(
                format!("units 的值“{found}”无法识别，应为 \"all\"、\"business\" 或单位名称列表"),
                format!("units = “{found}” is not known; use \"all\", \"business\" or a list of unit names"),
            ),
            ExtensionNotLater { until, due } => lang.pick(
                format!(
                    "延期至 {} 不晚于原截止时间 {}，延期应晚于原截止时间",
                    crate::zh::date_time(until.naive_local()),
                    crate::zh::date_time(due.naive_local())
                ),
                format!(
                    "the extension until {} is not later than the original deadline {}",
                    until.to_rfc3339(),
                    due.to_rfc3339()
                ),
            ),
            ValueNotAllowed { value, allowed } => lang.pick(
                format!("“{value}”不是该列的可选值（{}）", allowed.join("、")),
                format!("“{value}” is not a value of that column ({})", allowed.join(", ")),
            ),
            UnknownRole { found } => {
                let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
                lang.pick(
                    format!("用途“{found}”无法识别，应为 {} 之一", names.join("、")),
                    format!("role “{found}” is not known; use one of {}", names.join(", ")),
                )
            }
            RoleNotTable => lang.pick(
                "只有表格（kind = \"table\"）可以有 role".into(),
                "only a table (kind = \"table\") can have a role".into(),
            ),
            CompileNotDocument => lang.pick(
                "只有文档（kind = \"document\"）可以编入汇编（compile = true）".into(),
                "only a document (kind = \"document\") can be compiled (compile = true)".into(),
            ),
            DuplicateCompile { other } => lang.pick(
                format!("{other} 已标记编入汇编（compile = true），只能有一项报送编入汇编"),
                format!("{other} is already marked compile = true; only one report can be compiled"),
            ),
            DuplicateRole { role, other } => lang.pick(
                format!("用途“{}”已由 {other} 担任，每种用途只能有一项报送", role.name()),
                format!("the role “{}” is already held by {other}; one report per role", role.name()),
            ),
            RoleNeeds { role, needs } => lang.pick(
                format!("用途为“{}”的表格需要{}", role.name(), needs.render(lang)),
                format!("a table with the role “{}” needs {}", role.name(), needs.render(lang)),
            ),
        }
    }
}
