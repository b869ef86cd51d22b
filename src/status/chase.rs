//! The chase list (催报名单): who owes what, and whom to phone there.
//!
//! The people to phone come from the unit's roster (the report with the
//! roster role, 附件1): every row with a valid name and a valid number, from
//! the newest version that has any — even a version that is invalid for
//! another cell, since one bad e-mail address must not hide a good mobile
//! number. Where they come from an invalid version, that is said.

use std::collections::{BTreeMap, HashMap};

use super::versions::{self, Files, Placed};
use super::{Judgement, Status};
use crate::definition::{Campaign, ColumnType, ReportId, Role};
use crate::read::FileRead;
use crate::read::rows::Row;
use crate::read::value::Parsed;

/// One liaison to phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub mobile: Option<String>,
    pub phone: Option<String>,
}

/// A unit that owes something: the results to chase and whom to call.
#[derive(Debug, Clone, PartialEq)]
pub struct Chase {
    pub unit: String,
    /// Indexes into [`Check::results`](super::Check::results).
    pub owed: Vec<usize>,
    pub contacts: Vec<Contact>,
    /// The invalid roster the contacts were taken from, if they were.
    pub from_invalid: Option<String>,
}

/// A unit's usable liaison rows and the version they come from.
#[derive(Debug, Clone)]
pub struct Roster<'a> {
    pub file: &'a FileRead,
    /// Whether that version is valid as a whole.
    pub valid: bool,
    /// Rows with a valid name and a valid mobile or office number.
    pub rows: Vec<Placed<'a>>,
}

/// The roster columns a contact is made of.
struct Columns {
    name: usize,
    mobile: Option<usize>,
    phone: Option<usize>,
}

impl Columns {
    fn of(campaign: &Campaign) -> Option<(&crate::definition::Report, Columns)> {
        let (report, spec) = campaign.role(Role::Roster)?;
        let first = |ty: ColumnType| spec.columns.iter().position(|c| c.ty == ty);
        let name = spec.name_column()?;
        let columns = Columns {
            name,
            mobile: first(ColumnType::Mobile),
            phone: first(ColumnType::Phone),
        };
        Some((report, columns))
    }

    fn text(row: &Row, column: Option<usize>) -> Option<String> {
        match row.values.get(column?)? {
            Some(Parsed::Text(text) | Parsed::Phone(text)) => Some(text.clone()),
            _ => None,
        }
    }

    fn usable(&self, row: &Row) -> bool {
        Columns::text(row, Some(self.name)).is_some()
            && (Columns::text(row, self.mobile).is_some()
                || Columns::text(row, self.phone).is_some())
    }

    fn contact(&self, row: &Row) -> Option<Contact> {
        Some(Contact {
            name: Columns::text(row, Some(self.name))?,
            mobile: Columns::text(row, self.mobile),
            phone: Columns::text(row, self.phone),
        })
    }
}

/// The usable liaison rows of `unit`, from the newest roster version that has any.
pub(super) fn roster<'a>(
    campaign: &Campaign,
    unit: &str,
    results: &[Judgement],
    files: &Files<'a>,
) -> Option<Roster<'a>> {
    let (report, columns) = Columns::of(campaign)?;
    let judgement = super::result_of(results, unit, &report.id)?;
    roster_of(&report.id, &columns, judgement, files)
}

/// The usable liaison rows of the roster result `judgement`, from its newest
/// version that has any.
fn roster_of<'a>(
    report: &ReportId,
    columns: &Columns,
    judgement: &Judgement,
    files: &Files<'a>,
) -> Option<Roster<'a>> {
    versions::newest_first(judgement, files).find_map(|(version, file)| {
        let rows: Vec<Placed> = versions::rows_in(file, report)
            .filter(|placed| columns.usable(placed.row))
            .collect();
        (!rows.is_empty()).then_some(Roster {
            file,
            valid: version.valid,
            rows,
        })
    })
}

/// Every unit with something missing, invalid or due soon, and its liaisons.
pub(super) fn chase(campaign: &Campaign, results: &[Judgement], files: &Files) -> Vec<Chase> {
    let mut by_unit: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, result) in results.iter().enumerate() {
        let owes =
            matches!(result.status(), Status::Missing | Status::Invalid) || result.due_soon();
        if owes && let Some(u) = campaign.units.iter().position(|u| u.name == result.unit) {
            by_unit.entry(u).or_default().push(i);
        }
    }
    let of = Columns::of(campaign);
    // Each unit's roster result, found once: a campaign of thousands of
    // units must not search every result for each of them.
    let rosters: HashMap<&str, &Judgement> = of
        .as_ref()
        .map(|(report, _)| {
            results
                .iter()
                .filter(|r| r.report == report.id && r.activity.is_none())
                .map(|r| (r.unit.as_str(), r))
                .collect()
        })
        .unwrap_or_default();
    by_unit
        .into_iter()
        .map(|(u, owed)| {
            let unit = &campaign.units[u].name;
            let roster = of.as_ref().and_then(|(report, columns)| {
                roster_of(&report.id, columns, rosters.get(unit.as_str())?, files)
            });
            let columns = of.as_ref().map(|(_, columns)| columns);
            let contacts = match (&roster, columns) {
                (Some(roster), Some(columns)) => roster
                    .rows
                    .iter()
                    .filter_map(|placed| columns.contact(placed.row))
                    .collect(),
                _ => Vec::new(),
            };
            Chase {
                unit: unit.clone(),
                owed,
                contacts,
                from_invalid: roster
                    .filter(|roster| !roster.valid)
                    .map(|roster| roster.file.path.clone()),
            }
        })
        .collect()
}
