//! The campaign definition: what `campaign.toml` says, as typed values.
//!
//! This module owns reading the file and turning it into a [`Campaign`] that
//! later stages can trust: every reference (a report's `after`, a row rule, an
//! extension's unit) has been resolved and checked, so nothing downstream has
//! to handle an unknown column or a choice column without choices. It does not
//! know about submissions, receipt times or output formats.

mod error;
mod place;
mod problem;
mod raw;
mod shape;
mod syntax;
mod validate;

use std::fmt;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};

pub use error::DefinitionError;
pub use problem::{Expected, Found, Problem, ProblemKind, RoleNeed};
pub use syntax::{SyntaxCause, SyntaxError};

/// The default campaign, as shipped at the repository root and written by `init`.
pub const DEFAULT_TOML: &str = include_str!("default.toml");

/// A validated campaign definition.
#[derive(Debug, Clone)]
pub struct Campaign {
    pub name: String,
    pub issuer: String,
    /// The office that receives the forms (委办公室); it owes nothing itself.
    pub office: String,
    /// Whom units ask at the office, named in reminders.
    pub contact: OfficeContact,
    pub theme: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub timezone: FixedOffset,
    pub categories: Vec<Category>,
    pub activities: Vec<Activity>,
    pub units: Vec<Unit>,
    pub reports: Vec<Report>,
    pub extensions: Vec<Extension>,
    /// `[limits]`: bounds on one returned file, where the defaults do not suit.
    pub limits: Limits,
    /// Unit names and aliases by normalised key, for lookups in every file.
    pub names: NameIndex,
}

/// The person and numbers at the office that units contact about the
/// campaign (`contact`, `contact_phone`, `contact_email` of `[campaign]`);
/// each may be absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeContact {
    pub name: Option<String>,
    /// A landline or a mobile number, written as a form's phone cell is read (022-23450000).
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// The units' names and aliases, normalised once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameIndex {
    /// Unit names and aliases by key; validation makes every key unique.
    by_key: std::collections::HashMap<String, usize>,
    /// Per activity item: the keys and loose keys of its name and aliases.
    activities: Vec<(Vec<String>, Vec<String>)>,
}

impl NameIndex {
    pub fn new(units: &[Unit], activities: &[Activity]) -> NameIndex {
        let names = |name: &String, aliases: &Vec<String>| {
            std::iter::once(name.clone())
                .chain(aliases.iter().cloned())
                .collect::<Vec<_>>()
        };
        let activities = activities
            .iter()
            .map(|a| {
                let names = names(&a.name, &a.aliases);
                (
                    names.iter().map(|n| crate::normalize::key(n)).collect(),
                    names
                        .iter()
                        .map(|n| crate::normalize::loose_key(n))
                        .collect(),
                )
            })
            .collect();
        let by_key = units
            .iter()
            .enumerate()
            .flat_map(|(i, u)| {
                names(&u.name, &u.aliases)
                    .into_iter()
                    .map(move |n| (crate::normalize::key(&n), i))
            })
            .filter(|(k, _)| !k.is_empty())
            .collect();
        NameIndex { by_key, activities }
    }

    /// The activity item (index) whose name or alias has this [`key`](crate::normalize::key).
    pub fn activity(&self, key: &str) -> Option<usize> {
        self.activities
            .iter()
            .position(|(keys, _)| keys.iter().any(|k| k == key))
    }

    /// The activity items (indexes) whose name or alias has this [`loose_key`](crate::normalize::loose_key).
    pub fn activities_loosely<'a>(&'a self, loose: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.activities
            .iter()
            .enumerate()
            .filter(move |(_, (_, looses))| looses.iter().any(|l| l == loose))
            .map(|(i, _)| i)
    }

    /// The index of the unit a name or alias normalises to.
    pub fn unit(&self, name: &str) -> Option<usize> {
        self.by_key.get(&crate::normalize::key(name)).copied()
    }

    /// Every (key, unit index) whose key occurs in `text` (already a [`key`](crate::normalize::key)),
    /// longest key first: one hash lookup per substring of a short text, not one scan per unit.
    pub fn keys_in<'a>(&'a self, text: &str) -> Vec<(&'a str, usize)> {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let mut found: Vec<(&str, usize)> = Vec::new();
        for (a, &start) in bounds.iter().enumerate() {
            for &end in &bounds[a + 1..] {
                if let Some((k, unit)) = self.by_key.get_key_value(&text[start..end]) {
                    found.push((k.as_str(), *unit));
                }
            }
        }
        found.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
        found.dedup();
        found
    }
}

/// `[limits]` of campaign.toml; `None` keeps the reader's default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    /// Largest sheet accepted, as rows × columns up to its farthest cell.
    pub max_cells: Option<u64>,
    /// Largest workbook accepted once unzipped, in bytes.
    pub max_unzipped_bytes: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub no: u32,
    pub name: String,
}

/// One activity item (活动事项) of the campaign, numbered 1..N.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub no: u32,
    pub category: u32,
    /// The short name printed on the forms (专题学习).
    pub name: String,
    /// The item's full wording from the campaign notice.
    pub description: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// 室: an internal office of the committee.
    Office,
    /// 单位: a subordinate unit.
    Subordinate,
}

impl UnitKind {
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Office => "室",
            UnitKind::Subordinate => "单位",
        }
    }
}

/// A unit that owes reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub name: String,
    pub kind: UnitKind,
    pub aliases: Vec<String>,
    /// A business office (业务室), which has extra duties such as brand activities.
    pub business: bool,
    /// Reports this unit does not owe.
    pub exempt: Vec<ReportId>,
}

/// A report's `id` (`liaison`, `plan`, `progress`, …), the key other tools use.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReportId(pub String);

impl fmt::Display for ReportId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// When a report is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// “6月3日前”: by the end of that day in the campaign's time zone.
    EndOfDay(NaiveDate),
    /// An exact instant.
    At(DateTime<FixedOffset>),
}

impl Due {
    /// The last instant at which a report still counts as on time.
    pub fn instant(self, timezone: FixedOffset) -> DateTime<FixedOffset> {
        match self {
            Due::EndOfDay(date) => {
                let last_second = NaiveTime::from_hms_opt(23, 59, 59).expect("valid time");
                timezone
                    .from_local_datetime(&date.and_time(last_second))
                    .single()
                    .expect("a fixed offset has no gaps")
            }
            Due::At(instant) => instant.with_timezone(&timezone),
        }
    }

    /// The calendar day of the deadline in the campaign's time zone.
    pub fn date(self, timezone: FixedOffset) -> NaiveDate {
        self.instant(timezone).date_naive()
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub id: ReportId,
    /// The report's name as people say it (附件3 活动进展情况统计表).
    pub title: String,
    /// The title row printed on the form.
    pub heading: String,
    /// A short name for narrow places such as a status matrix (附件3, 方案).
    pub short: String,
    /// Absent only for reports whose deadlines are derived (`after`).
    pub due: Option<Due>,
    pub kind: ReportKind,
    /// What the tool relies on this report for, if anything.
    pub role: Option<Role>,
}

/// What a table report is for, beyond holding rows: who to phone, which key
/// activities are planned, which numbers are rolled up. Set with `role` in
/// campaign.toml; the reports with the SPEC's ids `liaison`, `plan` and
/// `progress` take their role by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 附件1: the liaisons of every unit, for the chase list and the roster rollup.
    Roster,
    /// 附件2: the key activities, whose end dates set the materials' deadlines.
    Plan,
    /// 附件3: the numbers of the rollup.
    Progress,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Roster, Role::Plan, Role::Progress];

    /// The value of `role` in campaign.toml.
    pub fn name(self) -> &'static str {
        match self {
            Role::Roster => "roster",
            Role::Plan => "plan",
            Role::Progress => "progress",
        }
    }

    /// The report id that takes this role when no report claims it.
    pub fn default_id(self) -> &'static str {
        match self {
            Role::Roster => "liaison",
            Role::Plan => "plan",
            Role::Progress => "progress",
        }
    }

    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl Report {
    pub fn table(&self) -> Option<&TableSpec> {
        match &self.kind {
            ReportKind::Table(spec) => Some(spec),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub enum ReportKind {
    /// An Excel form with a column schema.
    Table(TableSpec),
    /// A document recognised by words in its file name. `check` warns when
    /// one holds fewer than `min_text` characters; the reports `compiled`
    /// (by default the one with the id `summary`) go into merge's 汇编.
    Document {
        match_words: Vec<String>,
        min_text: usize,
        compiled: bool,
    },
    /// Photos, videos and write-ups per key activity, due relative to another report.
    Materials { after: Option<After> },
}

impl ReportKind {
    pub fn label(&self) -> &'static str {
        match self {
            ReportKind::Table(_) => "table",
            ReportKind::Document { .. } => "document",
            ReportKind::Materials { .. } => "materials",
        }
    }
}

/// A deadline derived from a date column of another report: due `days` after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After {
    pub report: ReportId,
    pub column: String,
    pub days: u32,
}

/// How the rows of a table are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// Whatever rows the unit needs.
    Free,
    /// One pre-filled row per activity item.
    Activities,
}

#[derive(Debug, Clone)]
pub struct TableSpec {
    pub rows: Rows,
    pub columns: Vec<Column>,
    pub row_counts: Vec<RowCount>,
    pub min_rows: Option<u32>,
    pub max_rows: Option<u32>,
    /// Whether dates may fall outside the campaign period.
    pub dates_outside_period: bool,
    /// Extra instructions printed on the form's 填表说明 sheet.
    pub notes: Vec<String>,
    /// Per column, the [`header_key`](crate::normalize::header_key)s of its name
    /// and aliases: computed once, compared for every header cell of every file.
    pub header_keys: Vec<Vec<String>>,
}

impl TableSpec {
    /// The column called `name` or by one of its aliases, compared by normalised key.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.column_index(name).map(|i| &self.columns[i])
    }

    pub fn column_index(&self, name: &str) -> Option<usize> {
        column_index(&self.columns, name)
    }

    /// The column that names a row — the liaison, the key activity: the first
    /// required text column, as the roster and plan roles require one.
    pub fn name_column(&self) -> Option<usize> {
        name_column(&self.columns)
    }
}

/// The first required text column of `columns`: what names a row.
pub fn name_column(columns: &[Column]) -> Option<usize> {
    columns
        .iter()
        .position(|c| c.ty == ColumnType::Text && c.required)
}

pub(crate) fn column_index(columns: &[Column], name: &str) -> Option<usize> {
    let wanted = crate::normalize::key(name);
    columns.iter().position(|c| {
        std::iter::once(&c.name)
            .chain(&c.aliases)
            .any(|n| crate::normalize::key(n) == wanted)
    })
}

pub(crate) fn find_unit<'a>(units: &'a [Unit], name: &str) -> Option<&'a Unit> {
    let wanted = crate::normalize::key(name);
    units.iter().find(|u| {
        std::iter::once(&u.name)
            .chain(&u.aliases)
            .any(|n| crate::normalize::key(n) == wanted)
    })
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    /// The unit printed after the name in the header: 开展场次（场）.
    pub unit: Option<String>,
    pub ty: ColumnType,
    pub required: bool,
    pub aliases: Vec<String>,
    /// Index of a column of the same row this value must not be below.
    pub at_least: Option<usize>,
    /// Index of a column of the same row this value must not exceed.
    pub at_most: Option<usize>,
    /// What the form's input message says, if not derived from the type.
    pub hint: Option<String>,
    /// Column width on the form, if not derived from the text.
    pub width: Option<f64>,
}

impl Column {
    /// The header as printed on the form: the name with its unit in full-width brackets.
    pub fn header(&self) -> String {
        match &self.unit {
            Some(unit) => format!("{}（{}）", self.name, unit),
            None => self.name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ColumnType {
    /// A row number (序号).
    Serial,
    Text,
    /// A non-negative whole number.
    Count,
    Number,
    Date,
    /// A landline or a mobile number.
    Phone,
    /// An 11-digit mainland mobile number.
    Mobile,
    Email,
    Choice(Vec<String>),
    /// One of the campaign's activity items, by number or name.
    Activity,
    /// 是 / 否.
    Bool,
    /// One of the campaign's units.
    Unit,
}

impl ColumnType {
    /// The names accepted for `type` in campaign.toml.
    pub const NAMES: [&'static str; 12] = [
        "serial", "text", "count", "number", "date", "phone", "mobile", "email", "choice",
        "activity", "bool", "unit",
    ];

    pub fn is_numeric(&self) -> bool {
        matches!(self, ColumnType::Count | ColumnType::Number)
    }
}

/// How many rows of one unit may carry `value` in `column`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowCount {
    pub column: usize,
    pub value: String,
    pub units: UnitSelector,
    pub min: Option<u32>,
    pub max: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitSelector {
    All,
    /// Business offices (业务室) only.
    Business,
    /// The named units (canonical names).
    Named(Vec<String>),
}

impl UnitSelector {
    pub fn includes(&self, unit: &Unit) -> bool {
        match self {
            UnitSelector::All => true,
            UnitSelector::Business => unit.business,
            UnitSelector::Named(names) => names.contains(&unit.name),
        }
    }
}

/// A later deadline granted to one unit for one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub unit: String,
    pub report: ReportId,
    pub until: Due,
    pub reason: String,
    pub approved_by: String,
}

impl Campaign {
    /// Parses and validates a definition from TOML text.
    ///
    /// ```
    /// let campaign = campaign::definition::Campaign::parse(campaign::definition::DEFAULT_TOML)
    ///     .expect("the default campaign is valid");
    /// assert_eq!(campaign.activities.len(), 10);
    /// assert_eq!(campaign.report("progress").unwrap().title, "附件3 活动进展情况统计表");
    /// ```
    pub fn parse(text: &str) -> Result<Campaign, DefinitionError> {
        Self::parse_at(text, Path::new(crate::layout::DEFINITION))
    }

    /// Reads and validates the definition at `path`.
    pub fn load(path: &Path) -> Result<Campaign, DefinitionError> {
        let text = std::fs::read_to_string(path).map_err(|source| {
            let path = path.to_owned();
            match source.kind() {
                std::io::ErrorKind::InvalidData => DefinitionError::NotUtf8 { path },
                _ => DefinitionError::Read { path, source },
            }
        })?;
        Self::parse_at(&text, path)
    }

    /// Parses and validates a definition from TOML text that errors name as
    /// `path` (a version from the history: `abc1234:campaign.toml`).
    ///
    /// Syntax first: nothing can be read past the first TOML syntax error.
    /// Then the shape of every value and what the values mean, checked in
    /// one pass so that every problem is reported at once, in file order.
    pub fn parse_at(text: &str, path: &Path) -> Result<Campaign, DefinitionError> {
        // Notepad ends lines with CRLF, and TOML keeps the line ends inside
        // a multi-line string as written: what the forms say must not depend
        // on the editor that saved the definition.
        let text = &text.replace("\r\n", "\n");
        let document = syntax::parse(text).map_err(|error| DefinitionError::Syntax {
            path: path.to_owned(),
            error,
        })?;
        if document.get_ref().is_empty() {
            return Err(DefinitionError::Empty {
                path: path.to_owned(),
            });
        }
        let mut findings = place::Findings::new(text);
        let raw = shape::read_document(
            document.get_ref(),
            text,
            &mut findings,
            raw::RawDefinition::read,
        );
        let campaign = validate::validate(raw, &mut findings);
        let problems = findings.into_problems();
        if !problems.is_empty() {
            return Err(DefinitionError::Invalid {
                path: path.to_owned(),
                problems,
            });
        }
        Ok(campaign)
    }

    pub fn report(&self, id: &str) -> Option<&Report> {
        self.reports.iter().find(|r| r.id.0 == id)
    }

    pub fn unit(&self, name: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.name == name)
    }

    /// The unit called `name` or by its alias (简称), compared by normalised key.
    pub fn find_unit(&self, name: &str) -> Option<&Unit> {
        self.names.unit(name).map(|i| &self.units[i])
    }

    pub fn category(&self, no: u32) -> Option<&Category> {
        self.categories.iter().find(|c| c.no == no)
    }

    /// Where a unit stands in campaign order (units not in the campaign last).
    pub fn unit_position(&self, name: &str) -> usize {
        self.units
            .iter()
            .position(|u| u.name == name)
            .unwrap_or(usize::MAX)
    }

    /// The table report holding `role`, if the campaign has one.
    ///
    /// ```
    /// use campaign::definition::{Campaign, Role, DEFAULT_TOML};
    /// let campaign = Campaign::parse(DEFAULT_TOML).unwrap();
    /// let (roster, _) = campaign.role(Role::Roster).unwrap();
    /// assert_eq!(roster.id.0, "liaison");
    /// ```
    pub fn role(&self, role: Role) -> Option<(&Report, &TableSpec)> {
        self.tables().find(|(report, _)| report.role == Some(role))
    }

    /// The document report merge compiles into the 汇编: the one marked
    /// `compile` (the definition allows one at most), else the one with the
    /// id `summary`.
    ///
    /// ```
    /// use campaign::definition::{Campaign, DEFAULT_TOML};
    /// let campaign = Campaign::parse(DEFAULT_TOML).unwrap();
    /// assert_eq!(campaign.compiled().unwrap().id.0, "summary");
    /// ```
    pub fn compiled(&self) -> Option<&Report> {
        self.reports
            .iter()
            .find(|r| matches!(r.kind, ReportKind::Document { compiled: true, .. }))
    }

    /// The table reports, in definition order.
    pub fn tables(&self) -> impl Iterator<Item = (&Report, &TableSpec)> {
        self.reports
            .iter()
            .filter_map(|report| report.table().map(|spec| (report, spec)))
    }
}
