//! The TOML shape of `campaign.toml`: every key of every table, once.
//!
//! Each `read` below names the keys of one table, the TOML type of each and
//! whether it is required; the [`Table`] it reads from reports any value of
//! another type, required key absent or key not named here. Everything else
//! is permissive on purpose: kinds, types and references are plain strings
//! and numbers, so that `validate` can report every problem of a definition
//! at once. An absent or unreadable value reads as its default here; the
//! problem already reported keeps validation from reporting it again.

use toml::value::Datetime;

use super::problem::Expected;
use super::shape::Need::{Optional, Required};
use super::shape::Table;

#[derive(Debug)]
pub struct RawDefinition {
    pub campaign: RawCampaign,
    pub categories: Vec<RawCategory>,
    pub activities: Vec<RawActivity>,
    pub units: Vec<RawUnit>,
    pub reports: Vec<RawReport>,
    pub extensions: Vec<RawExtension>,
    pub limits: RawLimits,
}

impl RawDefinition {
    pub fn read(t: &mut Table<'_, '_>) -> RawDefinition {
        RawDefinition {
            campaign: t
                .table("campaign", Required, RawCampaign::read)
                .unwrap_or_default(),
            categories: t.tables("categories", RawCategory::read),
            activities: t.tables("activities", RawActivity::read),
            units: t.tables("units", RawUnit::read),
            reports: t.tables("reports", RawReport::read),
            extensions: t.tables("extensions", RawExtension::read),
            limits: t
                .table("limits", Optional, RawLimits::read)
                .unwrap_or_default(),
        }
    }
}

/// Bounds on what one returned file may make the reader do.
#[derive(Debug, Default)]
pub struct RawLimits {
    pub max_cells: Option<i64>,
    pub max_unzipped_mb: Option<i64>,
}

impl RawLimits {
    fn read(t: &mut Table<'_, '_>) -> RawLimits {
        RawLimits {
            max_cells: t.integer("max_cells", Optional),
            max_unzipped_mb: t.integer("max_unzipped_mb", Optional),
        }
    }
}

#[derive(Debug, Default)]
pub struct RawCampaign {
    pub name: String,
    pub issuer: String,
    pub office: String,
    pub contact: RawContact,
    pub theme: String,
    pub start: Option<Datetime>,
    pub end: Option<Datetime>,
    pub timezone: String,
}

/// `contact`, `contact_phone` and `contact_email` of `[campaign]`.
#[derive(Debug, Default)]
pub struct RawContact {
    pub name: String,
    pub phone: String,
    pub email: String,
}

impl RawCampaign {
    fn read(t: &mut Table<'_, '_>) -> RawCampaign {
        RawCampaign {
            name: t.text("name", Required).unwrap_or_default(),
            issuer: t.text("issuer", Optional).unwrap_or_default(),
            office: t.text("office", Optional).unwrap_or_default(),
            contact: RawContact {
                name: t.text("contact", Optional).unwrap_or_default(),
                phone: t.text("contact_phone", Optional).unwrap_or_default(),
                email: t.text("contact_email", Optional).unwrap_or_default(),
            },
            theme: t.text("theme", Optional).unwrap_or_default(),
            start: t.date("start", Required),
            end: t.date("end", Required),
            timezone: t.text("timezone", Required).unwrap_or_default(),
        }
    }
}

#[derive(Debug)]
pub struct RawCategory {
    pub no: Option<i64>,
    pub name: String,
}

impl RawCategory {
    fn read(t: &mut Table<'_, '_>) -> RawCategory {
        RawCategory {
            no: t.integer("no", Required),
            name: t.text("name", Required).unwrap_or_default(),
        }
    }
}

#[derive(Debug)]
pub struct RawActivity {
    pub no: Option<i64>,
    pub category: i64,
    pub name: String,
    pub description: String,
    pub aliases: Vec<String>,
}

impl RawActivity {
    fn read(t: &mut Table<'_, '_>) -> RawActivity {
        RawActivity {
            no: t.integer("no", Required),
            category: t.integer("category", Required).unwrap_or_default(),
            name: t.text("name", Required).unwrap_or_default(),
            description: t.text("description", Optional).unwrap_or_default(),
            aliases: t.texts("aliases"),
        }
    }
}

#[derive(Debug)]
pub struct RawUnit {
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub business: bool,
    pub exempt: Vec<String>,
}

impl RawUnit {
    fn read(t: &mut Table<'_, '_>) -> RawUnit {
        RawUnit {
            name: t.text("name", Required).unwrap_or_default(),
            kind: t.text("kind", Required).unwrap_or_default(),
            aliases: t.texts("aliases"),
            business: t.bool("business").unwrap_or_default(),
            exempt: t.texts("exempt"),
        }
    }
}

#[derive(Debug)]
pub struct RawReport {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub heading: Option<String>,
    pub short: Option<String>,
    pub due: Option<Datetime>,
    pub role: Option<String>,
    pub rows: Option<String>,
    pub columns: Vec<RawColumn>,
    pub row_counts: Vec<RawRowCount>,
    pub min_rows: Option<i64>,
    pub max_rows: Option<i64>,
    pub dates_outside_period: bool,
    pub notes: Vec<String>,
    pub match_words: Vec<String>,
    pub min_text: Option<i64>,
    pub compile: Option<bool>,
    pub after: Option<RawAfter>,
}

impl RawReport {
    fn read(t: &mut Table<'_, '_>) -> RawReport {
        RawReport {
            id: t.text("id", Required).unwrap_or_default(),
            kind: t.text("kind", Required).unwrap_or_default(),
            title: t.text("title", Optional).unwrap_or_default(),
            heading: t.text("heading", Optional),
            short: t.text("short", Optional),
            due: t.date("due", Optional),
            role: t.text("role", Optional),
            rows: t.text("rows", Optional),
            columns: t.tables("columns", RawColumn::read),
            row_counts: t.tables("row_counts", RawRowCount::read),
            min_rows: t.integer("min_rows", Optional),
            max_rows: t.integer("max_rows", Optional),
            dates_outside_period: t.bool("dates_outside_period").unwrap_or_default(),
            notes: t.texts("notes"),
            match_words: t.texts("match"),
            min_text: t.integer("min_text", Optional),
            compile: t.bool("compile"),
            after: t.table("after", Optional, RawAfter::read),
        }
    }
}

#[derive(Debug)]
pub struct RawColumn {
    pub name: String,
    pub ty: String,
    pub unit: Option<String>,
    pub required: bool,
    pub aliases: Vec<String>,
    pub at_least: Option<String>,
    pub at_most: Option<String>,
    pub choices: Vec<String>,
    pub hint: Option<String>,
    pub width: Option<f64>,
}

impl RawColumn {
    fn read(t: &mut Table<'_, '_>) -> RawColumn {
        RawColumn {
            name: t.text("name", Required).unwrap_or_default(),
            ty: t.text("type", Required).unwrap_or_default(),
            unit: t.text("unit", Optional),
            required: t.bool("required").unwrap_or_default(),
            aliases: t.texts("aliases"),
            at_least: t.text("at_least", Optional),
            at_most: t.text("at_most", Optional),
            choices: t.texts("choices"),
            hint: t.text("hint", Optional),
            width: t.number("width"),
        }
    }
}

#[derive(Debug)]
pub struct RawRowCount {
    pub column: String,
    pub value: String,
    pub units: RawUnitSelector,
    pub min: Option<i64>,
    pub max: Option<i64>,
}

impl RawRowCount {
    fn read(t: &mut Table<'_, '_>) -> RawRowCount {
        RawRowCount {
            column: t.text("column", Required).unwrap_or_default(),
            value: t.text("value", Required).unwrap_or_default(),
            units: t
                .text_or_texts(
                    "units",
                    Expected::Units,
                    RawUnitSelector::Keyword,
                    RawUnitSelector::Names,
                )
                .unwrap_or_else(|| RawUnitSelector::Keyword("all".to_owned())),
            min: t.integer("min", Optional),
            max: t.integer("max", Optional),
        }
    }
}

/// `"all"`, `"business"` or a list of unit names.
#[derive(Debug)]
pub enum RawUnitSelector {
    Keyword(String),
    Names(Vec<String>),
}

#[derive(Debug)]
pub struct RawAfter {
    pub report: String,
    pub column: String,
    pub days: i64,
}

impl RawAfter {
    fn read(t: &mut Table<'_, '_>) -> RawAfter {
        RawAfter {
            report: t.text("report", Required).unwrap_or_default(),
            column: t.text("column", Required).unwrap_or_default(),
            days: t.integer("days", Required).unwrap_or_default(),
        }
    }
}

#[derive(Debug)]
pub struct RawExtension {
    pub unit: String,
    pub report: String,
    pub until: Option<Datetime>,
    pub reason: String,
    pub approved_by: String,
}

impl RawExtension {
    fn read(t: &mut Table<'_, '_>) -> RawExtension {
        RawExtension {
            unit: t.text("unit", Required).unwrap_or_default(),
            report: t.text("report", Required).unwrap_or_default(),
            until: t.date("until", Required),
            reason: t.text("reason", Optional).unwrap_or_default(),
            approved_by: t.text("approved_by", Optional).unwrap_or_default(),
        }
    }
}
