//! Turning the raw TOML shape into a [`Campaign`], collecting every problem.
//!
//! Each problem names the TOML path of the offending key
//! (`reports[2].columns[4].type`, indexes from 0); [`Findings`] gives it the
//! line of that key, so that a clerk can find it.

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use toml::value::Datetime;

use super::place::Findings;
use super::problem::{ProblemKind, RoleNeed};
use super::raw::*;
use super::*;
use crate::normalize::key;
use crate::read::table::Value;
use crate::read::value::{Context, Parsed, parse};

/// Bounds of `[limits]` and of `after.days`: far beyond any real campaign, and
/// small enough that nothing computed from them can overflow.
const MAX_CELLS: i64 = 1_000_000_000;
const MAX_UNZIPPED_MB: i64 = 1_048_576;
const MAX_AFTER_DAYS: i64 = 366;
/// A 方案 or 综合情况 of fewer characters is hardly written yet (a title and a line).
const DEFAULT_MIN_TEXT: usize = 200;
/// The document report merge compiles when none is marked `compile`.
const DEFAULT_COMPILED: &str = "summary";

/// `text` trimmed, unless blank.
fn given(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|text| !text.is_empty())
}

/// `text` as a cell of type `ty` on a returned form reads it; `None` when it
/// cannot be read so.
fn as_cell(text: &str, ty: ColumnType, campaign: &Campaign) -> Option<Parsed> {
    let column = Column {
        name: String::new(),
        unit: None,
        ty,
        required: false,
        aliases: Vec::new(),
        at_least: None,
        at_most: None,
        hint: None,
        width: None,
    };
    let ctx = Context {
        campaign,
        dates_outside_period: true,
    };
    parse(Some(&Value::Text(text.to_owned())), &column, &ctx)
        .ok()
        .flatten()
}

/// The first and last day a deadline may fall on: within a year of the
/// campaign period, when the period could be read.
type Window = Option<(NaiveDate, NaiveDate)>;

/// Checks a raw definition, every problem going to `findings`; the campaign
/// returned is only meaningful when there are none.
pub(super) fn validate(raw: RawDefinition, findings: &mut Findings) -> Campaign {
    Validator { findings }.campaign(raw)
}

struct Validator<'f> {
    findings: &'f mut Findings,
}

/// The TOML path of the table a problem sits in (`reports[3]`).
type At<'p> = &'p str;

impl Validator<'_> {
    /// A problem at `key` of the table `at` (at the table itself for an empty key).
    fn report(&mut self, at: At, key: &str, kind: ProblemKind) {
        let path = if key.is_empty() {
            at.to_owned()
        } else {
            format!("{at}.{key}")
        };
        self.findings.report(path, kind);
    }

    fn campaign(&mut self, raw: RawDefinition) -> Campaign {
        let info = raw.campaign;
        if info.name.trim().is_empty() {
            self.report("campaign", "name", ProblemKind::Empty);
        }
        let start = self.plain_date(info.start.as_ref(), "campaign.start");
        let end = self.plain_date(info.end.as_ref(), "campaign.end");
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            self.report(
                "campaign.end",
                "",
                ProblemKind::PeriodReversed { start, end },
            );
        }
        // Deadlines are held against the period only when it is known.
        let window = start
            .zip(end)
            .map(|(start, end)| (start - Duration::days(366), end + Duration::days(366)));
        let timezone = self.timezone(&info.timezone);

        let categories = self.categories(&raw.categories);
        // Whether an activity's category exists can only be told when the
        // number of every category could be read.
        let readable = raw.categories.iter().all(|c| c.no.is_some());
        let activities =
            self.activities(&raw.activities, readable.then_some(categories.as_slice()));
        let units = self.units(&raw.units);
        let reports = self.reports(&raw.reports, &units, timezone, window);
        let mut campaign = Campaign {
            name: info.name,
            issuer: info.issuer,
            office: info.office,
            contact: OfficeContact::default(),
            theme: info.theme,
            start: start.unwrap_or_default(),
            end: end.unwrap_or_default(),
            timezone,
            categories,
            activities,
            units,
            reports,
            extensions: Vec::new(),
            limits: self.limits(&raw.limits),
            names: NameIndex::default(),
        };
        campaign.names = NameIndex::new(&campaign.units, &campaign.activities);
        let exemptions = self.exemptions(&raw.units, &campaign);
        for (unit, exempt) in campaign.units.iter_mut().zip(exemptions) {
            unit.exempt = exempt;
        }
        campaign.extensions = self.extensions(&raw.extensions, &campaign, window);
        campaign.contact = self.contact(&info.contact, &campaign);
        campaign
    }

    /// The office contact; a blank key counts as absent. The phone number and
    /// the e-mail address are read by the same rules as a phone and an e-mail
    /// cell of a returned form, so that a number units could not dial is
    /// refused here rather than printed in every reminder.
    fn contact(&mut self, raw: &RawContact, campaign: &Campaign) -> OfficeContact {
        let phone = |found| ProblemKind::NotAPhone { found };
        let email = |found| ProblemKind::NotAnEmail { found };
        OfficeContact {
            name: given(&raw.name),
            phone: self.contact_value(
                &raw.phone,
                "contact_phone",
                ColumnType::Phone,
                phone,
                campaign,
            ),
            email: self.contact_value(
                &raw.email,
                "contact_email",
                ColumnType::Email,
                email,
                campaign,
            ),
        }
    }

    /// A value of `[campaign]` read as a cell of type `ty` reads it; a blank
    /// value is absent, one the cell would refuse is the problem `refused`.
    fn contact_value(
        &mut self,
        text: &str,
        key: &str,
        ty: ColumnType,
        refused: fn(String) -> ProblemKind,
        campaign: &Campaign,
    ) -> Option<String> {
        let found = given(text)?;
        match as_cell(&found, ty, campaign) {
            Some(Parsed::Phone(read) | Parsed::Email(read)) => Some(read),
            _ => {
                self.report("campaign", key, refused(found));
                None
            }
        }
    }

    fn limits(&mut self, raw: &RawLimits) -> Limits {
        let at = "limits";
        Limits {
            max_cells: raw
                .max_cells
                .and_then(|n| self.within(at, "max_cells", n, 1, MAX_CELLS)),
            max_unzipped_bytes: raw
                .max_unzipped_mb
                .and_then(|mb| self.within(at, "max_unzipped_mb", mb, 1, MAX_UNZIPPED_MB))
                .map(|mb| mb * 1024 * 1024),
        }
    }

    /// `n` if it lies in `min..=max`, else a problem.
    fn within(&mut self, at: At, key: &str, n: i64, min: i64, max: i64) -> Option<u64> {
        if (min..=max).contains(&n) {
            return u64::try_from(n).ok();
        }
        self.report(at, key, ProblemKind::OutOfRange { found: n, min, max });
        None
    }

    /// A date without a time; none, and no problem, when the value is absent.
    fn plain_date(&mut self, value: Option<&Datetime>, path: &str) -> Option<NaiveDate> {
        let value = value?;
        let date = match value {
            Datetime {
                date: Some(date),
                time: None,
                offset: None,
            } => NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into()),
            _ => None,
        };
        if date.is_none() {
            let found = value.to_string();
            self.report(path, "", ProblemKind::NotADate { found });
        }
        date
    }

    fn timezone(&mut self, value: &str) -> FixedOffset {
        let parsed = DateTime::parse_from_rfc3339(&format!("2000-01-01T00:00:00{value}"))
            .ok()
            .map(|dt| *dt.offset());
        parsed.unwrap_or_else(|| {
            let found = value.to_owned();
            self.report("campaign.timezone", "", ProblemKind::BadTimezone { found });
            FixedOffset::east_opt(8 * 3600).expect("valid offset")
        })
    }

    /// Numbers of the list `list` must be exactly 1..=N in some order: none
    /// repeating, none outside 1..=N. The problem sits at the first number
    /// that breaks this. Not judged when a number could not be read, which is
    /// reported already.
    fn numbering(&mut self, list: &str, numbers: &[Option<i64>]) {
        let Some(numbers) = numbers.iter().copied().collect::<Option<Vec<i64>>>() else {
            return;
        };
        let range = 1..=numbers.len() as i64;
        let first = numbers
            .iter()
            .enumerate()
            .position(|(i, n)| !range.contains(n) || numbers[..i].contains(n));
        if let Some(first) = first {
            let found = numbers;
            self.report(
                &format!("{list}[{first}]"),
                "no",
                ProblemKind::Numbering { found },
            );
        }
    }

    fn categories(&mut self, raw: &[RawCategory]) -> Vec<Category> {
        let numbers: Vec<Option<i64>> = raw.iter().map(|c| c.no).collect();
        self.numbering("categories", &numbers);
        raw.iter()
            .enumerate()
            .map(|(i, category)| {
                let at = &format!("categories[{i}]");
                if category.name.trim().is_empty() {
                    self.report(at, "name", ProblemKind::Empty);
                }
                Category {
                    no: category.no.unwrap_or_default().max(0) as u32,
                    name: category.name.clone(),
                }
            })
            .collect()
    }

    /// The activity items; their categories are checked against `categories`
    /// when those are known.
    fn activities(
        &mut self,
        raw: &[RawActivity],
        categories: Option<&[Category]>,
    ) -> Vec<Activity> {
        if raw.is_empty() {
            self.report("activities", "", ProblemKind::Empty);
        }
        let numbers: Vec<Option<i64>> = raw.iter().map(|a| a.no).collect();
        self.numbering("activities", &numbers);
        let mut seen = Names::default();
        let mut activities = Vec::new();
        for (i, activity) in raw.iter().enumerate() {
            let path = format!("activities[{i}]");
            let at = path.as_str();
            if activity.name.trim().is_empty() {
                self.report(at, "name", ProblemKind::Empty);
            }
            if let Some(categories) = categories
                && !categories
                    .iter()
                    .any(|c| i64::from(c.no) == activity.category)
            {
                let no = activity.category;
                self.report(at, "category", ProblemKind::UnknownCategory { no });
            }
            let names = std::iter::once((activity.name.as_str(), "name".to_owned())).chain(
                activity
                    .aliases
                    .iter()
                    .enumerate()
                    .map(|(j, alias)| (alias.as_str(), format!("aliases[{j}]"))),
            );
            for (name, key) in names {
                if let Some(kind) = seen.claim(name, &format!("{path}.{key}")) {
                    self.report(at, &key, kind);
                }
            }
            activities.push(Activity {
                no: activity.no.unwrap_or_default().max(0) as u32,
                category: activity.category.max(0) as u32,
                name: activity.name.clone(),
                description: activity.description.clone(),
                aliases: activity.aliases.clone(),
            });
        }
        activities.sort_by_key(|a| a.no);
        activities
    }

    fn units(&mut self, raw: &[RawUnit]) -> Vec<Unit> {
        if raw.is_empty() {
            self.report("units", "", ProblemKind::Empty);
        }
        let mut seen = Names::default();
        let mut units = Vec::new();
        for (i, unit) in raw.iter().enumerate() {
            let path = format!("units[{i}]");
            let at = path.as_str();
            if unit.name.trim().is_empty() {
                self.report(at, "name", ProblemKind::Empty);
            }
            let kind = match unit.kind.trim() {
                "室" => UnitKind::Office,
                "单位" => UnitKind::Subordinate,
                other => {
                    let found = other.to_owned();
                    self.report(at, "kind", ProblemKind::UnknownUnitKind { found });
                    UnitKind::Subordinate
                }
            };
            let names = std::iter::once((unit.name.as_str(), "name".to_owned())).chain(
                unit.aliases
                    .iter()
                    .enumerate()
                    .map(|(j, alias)| (alias.as_str(), format!("aliases[{j}]"))),
            );
            for (name, key) in names {
                if !name.trim().is_empty() && !crate::layout::is_plain_name(name) {
                    let name = name.to_owned();
                    self.report(at, &key, ProblemKind::NotAFolderName { name });
                }
                if let Some(kind) = seen.claim(name, &format!("{path}.{key}")) {
                    self.report(at, &key, kind);
                }
            }
            if unit.business && kind != UnitKind::Office {
                self.report(at, "business", ProblemKind::BusinessNotOffice);
            }
            units.push(Unit {
                name: unit.name.clone(),
                kind,
                aliases: unit.aliases.clone(),
                business: unit.business,
                exempt: Vec::new(),
            });
        }
        units
    }

    /// Exemptions name reports, so they are resolved once the reports are known.
    fn exemptions(&mut self, raw: &[RawUnit], campaign: &Campaign) -> Vec<Vec<ReportId>> {
        let mut all = Vec::new();
        for (i, unit) in raw.iter().enumerate() {
            let at = &format!("units[{i}]");
            let mut exempt = Vec::new();
            for (j, id) in unit.exempt.iter().enumerate() {
                if campaign.report(id).is_some() {
                    exempt.push(ReportId(id.clone()));
                } else {
                    let id = id.clone();
                    self.report(
                        at,
                        &format!("exempt[{j}]"),
                        ProblemKind::UnknownReport { id },
                    );
                }
            }
            all.push(exempt);
        }
        all
    }

    fn reports(
        &mut self,
        raw: &[RawReport],
        units: &[Unit],
        timezone: FixedOffset,
        window: Window,
    ) -> Vec<Report> {
        let mut reports: Vec<Report> = Vec::new();
        for (i, report) in raw.iter().enumerate() {
            let at = &format!("reports[{i}]");
            if report.id.trim().is_empty() {
                self.report(at, "id", ProblemKind::Empty);
            } else if reports.iter().any(|r| r.id.0 == report.id) {
                let id = report.id.clone();
                self.report(at, "id", ProblemKind::DuplicateReport { id });
            }
            let due = report
                .due
                .as_ref()
                .and_then(|due| self.due(at, "due", due, timezone, window));
            let kind = match report.kind.trim() {
                "table" => ReportKind::Table(self.table(at, report, units)),
                "document" => {
                    if report.match_words.iter().all(|w| w.trim().is_empty()) {
                        self.report(at, "match", ProblemKind::NoMatchWords);
                    }
                    ReportKind::Document {
                        match_words: report.match_words.clone(),
                        min_text: report
                            .min_text
                            .and_then(|n| self.count(at, "min_text", n))
                            .map_or(DEFAULT_MIN_TEXT, |n| n as usize),
                        compiled: report.compile == Some(true),
                    }
                }
                "materials" => ReportKind::Materials {
                    after: report.after.as_ref().map(|after| After {
                        report: ReportId(after.report.clone()),
                        column: after.column.clone(),
                        days: after.days.clamp(0, MAX_AFTER_DAYS) as u32,
                    }),
                },
                other => {
                    let found = other.to_owned();
                    self.report(at, "kind", ProblemKind::UnknownReportKind { found });
                    ReportKind::Document {
                        match_words: Vec::new(),
                        min_text: DEFAULT_MIN_TEXT,
                        compiled: false,
                    }
                }
            };
            // An `after` that is there but unreadable is reported already.
            let after = report.after.is_some() || self.findings.is_unread(&format!("{at}.after"));
            let needs_due = !(matches!(kind, ReportKind::Materials { .. }) && after);
            if report.due.is_none() && needs_due {
                let problem = match kind {
                    ReportKind::Materials { .. } => ProblemKind::MaterialsWithoutDeadline,
                    _ => ProblemKind::MissingDue,
                };
                self.report(at, "due", problem);
            }
            let title = if report.title.trim().is_empty() {
                report.id.clone()
            } else {
                report.title.clone()
            };
            let short =
                report
                    .short
                    .clone()
                    .unwrap_or_else(|| match title.split_whitespace().next() {
                        Some(first) if first.starts_with("附件") => first.to_owned(),
                        _ => title.clone(),
                    });
            let role = report.role.as_deref().and_then(|name| {
                let found = Role::from_name(name.trim());
                if found.is_none() {
                    let found = name.to_owned();
                    self.report(at, "role", ProblemKind::UnknownRole { found });
                }
                found
            });
            reports.push(Report {
                id: ReportId(report.id.clone()),
                heading: report.heading.clone().unwrap_or_else(|| title.clone()),
                short,
                title,
                due,
                kind,
                role,
            });
        }
        self.afters(raw, &reports);
        self.roles(&mut reports);
        self.compiled(raw, &mut reports);
        reports
    }

    /// Checks the reports marked `compile`, then, when none is, marks the
    /// document report `summary` unless it says `compile = false`: merge
    /// writes one 汇编, of one report.
    fn compiled(&mut self, raw: &[RawReport], reports: &mut [Report]) {
        let mut first: Option<usize> = None;
        for (i, report) in raw.iter().enumerate() {
            if report.compile != Some(true) {
                continue;
            }
            let at = &format!("reports[{i}]");
            if !matches!(reports[i].kind, ReportKind::Document { .. }) {
                self.report(at, "compile", ProblemKind::CompileNotDocument);
                continue;
            }
            match first {
                Some(j) => {
                    let other = format!("reports[{j}]");
                    self.report(at, "compile", ProblemKind::DuplicateCompile { other });
                }
                None => first = Some(i),
            }
        }
        if first.is_some() {
            return;
        }
        let summary = reports
            .iter_mut()
            .zip(raw)
            .find(|(report, raw)| report.id.0 == DEFAULT_COMPILED && raw.compile.is_none());
        if let Some((report, _)) = summary
            && let ReportKind::Document { compiled, .. } = &mut report.kind
        {
            *compiled = true;
        }
    }

    /// Checks the roles claimed in the file, then gives each unclaimed role
    /// to the table report with its default id.
    fn roles(&mut self, reports: &mut [Report]) {
        for (i, report) in reports.iter().enumerate() {
            let Some(role) = report.role else { continue };
            let at = &format!("reports[{i}]");
            if let Some(j) = reports[..i].iter().position(|r| r.role == Some(role)) {
                let other = format!("reports[{j}]");
                self.report(at, "role", ProblemKind::DuplicateRole { role, other });
            }
            match report.table() {
                None => self.report(at, "role", ProblemKind::RoleNotTable),
                Some(spec) => {
                    if let Some(needs) = role_need(role, spec) {
                        self.report(at, "role", ProblemKind::RoleNeeds { role, needs });
                    }
                }
            }
        }
        for role in Role::ALL {
            if reports.iter().any(|r| r.role == Some(role)) {
                continue;
            }
            if let Some(report) = reports
                .iter_mut()
                .find(|r| r.id.0 == role.default_id() && r.table().is_some())
            {
                report.role = Some(role);
            }
        }
    }

    /// A deadline, if within a year of the campaign period (when that is known).
    fn due(
        &mut self,
        at: At,
        key: &str,
        value: &Datetime,
        timezone: FixedOffset,
        window: Window,
    ) -> Option<Due> {
        let Some(due) = to_due(value, timezone) else {
            let found = value.to_string();
            self.report(at, key, ProblemKind::NotADate { found });
            return None;
        };
        let Some((from, to)) = window else {
            return Some(due);
        };
        let day = due.date(timezone);
        if day < from || day > to {
            let found = value.to_string();
            self.report(at, key, ProblemKind::DueOutOfRange { found, from, to });
            return None;
        }
        Some(due)
    }

    fn table(&mut self, at: At, report: &RawReport, units: &[Unit]) -> TableSpec {
        if report.columns.is_empty() {
            self.report(at, "columns", ProblemKind::NoColumns);
        }
        let rows = match report.rows.as_deref().map(str::trim) {
            None | Some("") => Rows::Free,
            Some("activities") => Rows::Activities,
            Some(other) => {
                let found = other.to_owned();
                self.report(at, "rows", ProblemKind::UnknownRows { found });
                Rows::Free
            }
        };
        let mut columns = implied_columns(rows, report);
        // Rules below index the written columns; the implied ones come first.
        let offset = columns.len();
        let mut seen = Names::default();
        for column in &columns {
            seen.claim(&column.name, "");
        }
        for (j, raw) in report.columns.iter().enumerate() {
            let key = format!("columns[{j}]");
            if raw.name.trim().is_empty() {
                self.report(at, &format!("{key}.name"), ProblemKind::Empty);
            }
            for (k, name) in std::iter::once(&raw.name).chain(&raw.aliases).enumerate() {
                if seen.claim(name, "").is_some() {
                    let sub = if k == 0 {
                        "name".to_owned()
                    } else {
                        format!("aliases[{}]", k - 1)
                    };
                    let name = name.clone();
                    self.report(
                        at,
                        &format!("{key}.{sub}"),
                        ProblemKind::DuplicateColumn { name },
                    );
                }
            }
            let ty = self.column_type(at, &key, raw);
            columns.push(Column {
                name: raw.name.clone(),
                unit: raw.unit.clone(),
                ty,
                required: raw.required,
                aliases: raw.aliases.clone(),
                at_least: None,
                at_most: None,
                hint: raw.hint.clone(),
                width: raw.width,
            });
        }
        for (j, raw) in report.columns.iter().enumerate() {
            let key = format!("columns[{j}]");
            columns[j + offset].at_least = self.row_rule(
                at,
                &format!("{key}.at_least"),
                j + offset,
                &raw.at_least,
                report,
                &columns,
            );
            columns[j + offset].at_most = self.row_rule(
                at,
                &format!("{key}.at_most"),
                j + offset,
                &raw.at_most,
                report,
                &columns,
            );
        }
        let row_counts = report
            .row_counts
            .iter()
            .enumerate()
            .filter_map(|(j, raw)| {
                self.row_count(
                    at,
                    &format!("row_counts[{j}]"),
                    raw,
                    report,
                    &columns,
                    units,
                )
            })
            .collect();
        let min_rows = report.min_rows.and_then(|n| self.count(at, "min_rows", n));
        let max_rows = report.max_rows.and_then(|n| self.count(at, "max_rows", n));
        if let (Some(min), Some(max)) = (min_rows, max_rows)
            && min > max
        {
            let (min, max) = (min.into(), max.into());
            self.report(at, "max_rows", ProblemKind::MinAboveMax { min, max });
        }
        TableSpec {
            rows,
            header_keys: columns
                .iter()
                .map(|c| {
                    std::iter::once(&c.name)
                        .chain(&c.aliases)
                        .map(|n| crate::normalize::header_key(n))
                        .collect()
                })
                .collect(),
            columns,
            row_counts,
            min_rows,
            max_rows,
            dates_outside_period: report.dates_outside_period,
            notes: report.notes.clone(),
        }
    }

    fn column_type(&mut self, at: At, key: &str, raw: &RawColumn) -> ColumnType {
        match raw.ty.trim() {
            "serial" => ColumnType::Serial,
            "text" => ColumnType::Text,
            "count" => ColumnType::Count,
            "number" => ColumnType::Number,
            "date" => ColumnType::Date,
            "phone" => ColumnType::Phone,
            "mobile" => ColumnType::Mobile,
            "email" => ColumnType::Email,
            "activity" => ColumnType::Activity,
            "bool" => ColumnType::Bool,
            "unit" => ColumnType::Unit,
            "choice" => {
                let choices: Vec<String> = raw
                    .choices
                    .iter()
                    .filter(|c| !c.trim().is_empty())
                    .cloned()
                    .collect();
                if choices.is_empty() {
                    self.report(
                        at,
                        &format!("{key}.choices"),
                        ProblemKind::ChoiceWithoutChoices,
                    );
                }
                ColumnType::Choice(choices)
            }
            other => {
                let found = other.to_owned();
                self.report(
                    at,
                    &format!("{key}.type"),
                    ProblemKind::UnknownColumnType { found },
                );
                ColumnType::Text
            }
        }
    }

    /// Resolves `at_least` / `at_most` to the index of a comparable column.
    fn row_rule(
        &mut self,
        at: At,
        key: &str,
        this: usize,
        target: &Option<String>,
        report: &RawReport,
        columns: &[Column],
    ) -> Option<usize> {
        let target = target.as_ref()?;
        let Some(index) = super::column_index(columns, target) else {
            let (report, column) = (report.id.clone(), target.clone());
            self.report(at, key, ProblemKind::UnknownColumn { report, column });
            return None;
        };
        let (this, other) = (&columns[this], &columns[index]);
        let comparable = (this.ty.is_numeric() && other.ty.is_numeric())
            || (this.ty == ColumnType::Date && other.ty == ColumnType::Date);
        if !comparable {
            let (this, column) = (this.name.clone(), other.name.clone());
            self.report(at, key, ProblemKind::NotComparable { this, column });
            return None;
        }
        Some(index)
    }

    fn row_count(
        &mut self,
        at: At,
        key: &str,
        raw: &RawRowCount,
        report: &RawReport,
        columns: &[Column],
        units: &[Unit],
    ) -> Option<RowCount> {
        let column = super::column_index(columns, &raw.column);
        let Some(column) = column else {
            let (report, column) = (report.id.clone(), raw.column.clone());
            self.report(
                at,
                &format!("{key}.column"),
                ProblemKind::UnknownColumn { report, column },
            );
            return None;
        };
        let allowed: Option<Vec<String>> = match &columns[column].ty {
            ColumnType::Bool => Some(vec!["是".into(), "否".into()]),
            ColumnType::Choice(choices) => Some(choices.clone()),
            _ => None,
        };
        if let Some(allowed) = allowed
            && !allowed.iter().any(|a| key_eq(a, &raw.value))
        {
            let value = raw.value.clone();
            self.report(
                at,
                &format!("{key}.value"),
                ProblemKind::ValueNotAllowed { value, allowed },
            );
        }
        let selector = match &raw.units {
            RawUnitSelector::Keyword(word) => match word.trim() {
                "all" => UnitSelector::All,
                "business" => UnitSelector::Business,
                other => {
                    let found = other.to_owned();
                    self.report(
                        at,
                        &format!("{key}.units"),
                        ProblemKind::UnknownUnitSelector { found },
                    );
                    UnitSelector::All
                }
            },
            RawUnitSelector::Names(names) => {
                let mut canonical = Vec::new();
                for (k, name) in names.iter().enumerate() {
                    match super::find_unit(units, name) {
                        Some(unit) => canonical.push(unit.name.clone()),
                        None => {
                            let name = name.clone();
                            let path = format!("{key}.units[{k}]");
                            self.report(at, &path, ProblemKind::UnknownUnit { name });
                        }
                    }
                }
                UnitSelector::Named(canonical)
            }
        };
        let min = raw
            .min
            .and_then(|n| self.count(at, &format!("{key}.min"), n));
        let max = raw
            .max
            .and_then(|n| self.count(at, &format!("{key}.max"), n));
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            let (min, max) = (min.into(), max.into());
            self.report(
                at,
                &format!("{key}.max"),
                ProblemKind::MinAboveMax { min, max },
            );
        }
        Some(RowCount {
            column,
            value: raw.value.clone(),
            units: selector,
            min,
            max,
        })
    }

    fn count(&mut self, at: At, key: &str, n: i64) -> Option<u32> {
        match u32::try_from(n) {
            Ok(n) => Some(n),
            Err(_) => {
                self.report(at, key, ProblemKind::Negative { found: n });
                None
            }
        }
    }

    /// `after` refers to another report's date column, so it is checked once all reports are known.
    fn afters(&mut self, raw: &[RawReport], reports: &[Report]) {
        for (i, report) in raw.iter().enumerate() {
            let Some(after) = &report.after else {
                continue;
            };
            let at = &format!("reports[{i}]");
            self.within(at, "after.days", after.days, 0, MAX_AFTER_DAYS);
            let Some(target) = reports.iter().find(|r| r.id.0 == after.report) else {
                let id = after.report.clone();
                self.report(at, "after.report", ProblemKind::UnknownReport { id });
                continue;
            };
            match target.table().and_then(|spec| spec.column(&after.column)) {
                None => {
                    let (report, column) = (after.report.clone(), after.column.clone());
                    self.report(
                        at,
                        "after.column",
                        ProblemKind::UnknownColumn { report, column },
                    );
                }
                Some(column) if column.ty != ColumnType::Date => {
                    let column = after.column.clone();
                    self.report(at, "after.column", ProblemKind::AfterNotDate { column });
                }
                Some(_) => {}
            }
        }
    }

    fn extensions(
        &mut self,
        raw: &[RawExtension],
        campaign: &Campaign,
        window: Window,
    ) -> Vec<Extension> {
        let mut extensions = Vec::new();
        for (i, extension) in raw.iter().enumerate() {
            let at = &format!("extensions[{i}]");
            let unit = match campaign.find_unit(&extension.unit) {
                Some(unit) => unit.name.clone(),
                None => {
                    let name = extension.unit.clone();
                    self.report(at, "unit", ProblemKind::UnknownUnit { name });
                    extension.unit.clone()
                }
            };
            let report = campaign.report(&extension.report);
            if report.is_none() {
                let id = extension.report.clone();
                self.report(at, "report", ProblemKind::UnknownReport { id });
            }
            let until = extension
                .until
                .as_ref()
                .and_then(|until| self.due(at, "until", until, campaign.timezone, window));
            let Some(until) = until else {
                continue;
            };
            if let Some(due) = report.and_then(|r| r.due)
                && until.instant(campaign.timezone) <= due.instant(campaign.timezone)
            {
                let (until, due) = (
                    until.instant(campaign.timezone),
                    due.instant(campaign.timezone),
                );
                self.report(at, "until", ProblemKind::ExtensionNotLater { until, due });
            }
            let twice = extensions
                .iter()
                .any(|e: &Extension| e.unit == unit && e.report.0 == extension.report);
            if twice {
                self.report(at, "", ProblemKind::DuplicateExtension);
            }
            extensions.push(Extension {
                unit,
                report: ReportId(extension.report.clone()),
                until,
                reason: extension.reason.clone(),
                approved_by: extension.approved_by.clone(),
            });
        }
        extensions
    }
}

/// The 序号 and 活动事项 columns a table with one row per activity item has
/// even when its definition lists only the metrics (as SPEC §4's example does).
fn implied_columns(rows: Rows, report: &RawReport) -> Vec<Column> {
    let has = |ty: &str| report.columns.iter().any(|c| c.ty.trim() == ty);
    if rows != Rows::Activities || has("activity") {
        return Vec::new();
    }
    let column = |name: &str, ty: ColumnType, required: bool| Column {
        name: name.to_owned(),
        unit: None,
        ty,
        required,
        aliases: Vec::new(),
        at_least: None,
        at_most: None,
        hint: None,
        width: None,
    };
    let mut implied = Vec::new();
    if !has("serial") {
        implied.push(column("序号", ColumnType::Serial, false));
    }
    implied.push(column("活动事项", ColumnType::Activity, true));
    implied
}

/// The column type a role's table lacks, if any: the roster needs names and
/// mobile numbers to phone, the plan names and dates, the progress table its
/// one row per activity item.
fn role_need(role: Role, spec: &TableSpec) -> Option<RoleNeed> {
    let has = |ty: &ColumnType| spec.columns.iter().any(|c| &c.ty == ty);
    let named = spec.name_column().is_some();
    match role {
        Role::Roster | Role::Plan if !named => Some(RoleNeed::NameColumn),
        Role::Roster if !has(&ColumnType::Mobile) => Some(RoleNeed::MobileColumn),
        Role::Plan if !has(&ColumnType::Date) => Some(RoleNeed::DateColumn),
        Role::Progress if spec.rows != Rows::Activities => Some(RoleNeed::ActivityRows),
        _ => None,
    }
}

fn key_eq(a: &str, b: &str) -> bool {
    key(a) == key(b)
}

/// A TOML date or date-time as a deadline; a local date-time is in the campaign's zone.
fn to_due(value: &Datetime, timezone: FixedOffset) -> Option<Due> {
    let date = value.date?;
    let date = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())?;
    let Some(time) = value.time else {
        return value.offset.is_none().then_some(Due::EndOfDay(date));
    };
    let time = chrono::NaiveTime::from_hms_nano_opt(
        time.hour.into(),
        time.minute.into(),
        time.second.unwrap_or(0).into(),
        time.nanosecond.unwrap_or(0),
    )?;
    let local = date.and_time(time);
    let offset = match value.offset {
        None => timezone,
        Some(toml::value::Offset::Z) => FixedOffset::east_opt(0)?,
        Some(toml::value::Offset::Custom { minutes }) => {
            FixedOffset::east_opt(i32::from(minutes) * 60)?
        }
    };
    offset.from_local_datetime(&local).single().map(Due::At)
}

/// Names already taken in one namespace, compared by their normalised key.
#[derive(Default)]
struct Names {
    taken: HashMap<String, String>,
}

impl Names {
    /// Takes `name` for `path`, or says who already holds it.
    fn claim(&mut self, name: &str, path: &str) -> Option<ProblemKind> {
        let k = key(name);
        if k.is_empty() {
            return None;
        }
        match self.taken.get(&k) {
            Some(other) => Some(ProblemKind::DuplicateName {
                name: name.to_owned(),
                other: other.clone(),
            }),
            None => {
                self.taken.insert(k, path.to_owned());
                None
            }
        }
    }
}
