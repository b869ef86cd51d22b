//! The TOML shape of `campaign.toml`, exactly as serde reads it.
//!
//! Everything here is permissive on purpose: kinds, types and references are
//! plain strings and numbers, so that `validate` can report every problem of a
//! definition at once instead of stopping at the first one serde meets.
//! Unknown keys are refused here, since a misspelt key (`requried`) silently
//! ignored would be worse than an error.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDefinition {
    pub campaign: RawCampaign,
    #[serde(default)]
    pub categories: Vec<Spanned<RawCategory>>,
    #[serde(default)]
    pub activities: Vec<Spanned<RawActivity>>,
    #[serde(default)]
    pub units: Vec<Spanned<RawUnit>>,
    #[serde(default)]
    pub reports: Vec<Spanned<RawReport>>,
    #[serde(default)]
    pub extensions: Vec<Spanned<RawExtension>>,
    #[serde(default)]
    pub limits: RawLimits,
}

/// Bounds on what one returned file may make the reader do.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLimits {
    pub max_cells: Option<i64>,
    pub max_unzipped_mb: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCampaign {
    pub name: String,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub office: String,
    #[serde(default)]
    pub theme: String,
    pub start: Spanned<Datetime>,
    pub end: Spanned<Datetime>,
    pub timezone: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    pub no: i64,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActivity {
    pub no: i64,
    pub category: i64,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub business: bool,
    #[serde(default)]
    pub exempt: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    pub id: String,
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub heading: Option<String>,
    #[serde(default)]
    pub short: Option<String>,
    pub due: Option<Datetime>,
    pub role: Option<String>,
    pub rows: Option<String>,
    #[serde(default)]
    pub columns: Vec<RawColumn>,
    #[serde(default)]
    pub row_counts: Vec<RawRowCount>,
    #[serde(default)]
    pub min_rows: Option<i64>,
    #[serde(default)]
    pub max_rows: Option<i64>,
    #[serde(default)]
    pub dates_outside_period: bool,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default, rename = "match")]
    pub match_words: Vec<String>,
    pub after: Option<RawAfter>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColumn {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub unit: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub at_least: Option<String>,
    pub at_most: Option<String>,
    pub choices: Option<Vec<String>>,
    pub hint: Option<String>,
    pub width: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRowCount {
    pub column: String,
    pub value: String,
    #[serde(default = "all_units")]
    pub units: RawUnitSelector,
    pub min: Option<i64>,
    pub max: Option<i64>,
}

fn all_units() -> RawUnitSelector {
    RawUnitSelector::Keyword("all".to_owned())
}

/// `"all"`, `"business"` or a list of unit names.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawUnitSelector {
    Keyword(String),
    Names(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAfter {
    pub report: String,
    pub column: String,
    pub days: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExtension {
    pub unit: String,
    pub report: String,
    pub until: Datetime,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub approved_by: String,
}
