//! The after-deadline audit: every unit and table report whose content
//! changed after its deadline (or extension), compared cell by cell with the
//! version received by then.
//!
//! A report whose version counted at the end was received after the deadline
//! is a candidate; one that had no version by the deadline arrived late,
//! which `check` says, and changed nothing. The campaign is read once per
//! distinct deadline, through the history, and only the files that changed
//! after it are read again.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::judged::Judged;
use super::{Compare, Compared, End, Point, compare, key_column};
use crate::definition::{Campaign, Report};
use crate::error::Error;
use crate::history::Store;
use crate::read::FileRead;
use crate::receipt::Receipts;

/// Which reports an audit looks at.
#[derive(Debug, Clone, Copy)]
pub enum Reports<'c> {
    /// Every table report.
    All,
    /// This one only (merge's rollup audits the progress report).
    Only(&'c Report),
}

/// A report whose version now was received after its deadline.
struct Candidate<'c> {
    /// Its place in campaign order: units, then reports.
    order: usize,
    unit: &'c str,
    report: &'c Report,
    /// Whether its deadline is an extension.
    extended: bool,
}

/// Every report of every unit whose content changed between its deadline
/// and `at` (`point` says how `at` was asked for), in campaign order of units,
/// then reports; from the files as read now (`now`, by `campaign` as it is).
pub fn after_deadline<'c>(
    root: &Path,
    campaign: &'c Campaign,
    now: (&[FileRead], &Receipts),
    (at, point): (DateTime<FixedOffset>, Point),
    reports: Reports<'c>,
    how: Compare,
    store: &mut Store,
) -> Result<Vec<Compared<'c>>, Error> {
    let newest = Judged::at(root, campaign, now, at, store)?;
    let newest_check = newest.check();
    let mut by_deadline: BTreeMap<DateTime<FixedOffset>, Vec<Candidate>> = BTreeMap::new();
    let tables = campaign
        .tables()
        .map(|(report, _)| report)
        .filter(|report| {
            matches!(reports, Reports::All)
                || matches!(reports, Reports::Only(only) if only.id == report.id)
        });
    let tables: Vec<&Report> = tables.collect();
    for (u, unit) in campaign.units.iter().enumerate() {
        for (r, report) in tables.iter().enumerate() {
            if unit.exempt.contains(&report.id) {
                continue;
            }
            let Some(deadline) = crate::status::deadline(campaign, &unit.name, report, report.due)
            else {
                continue;
            };
            let due = deadline.instant(campaign.timezone);
            let revised = newest
                .version(&newest_check, &unit.name, &report.id)
                .is_some_and(|(_, origin)| origin.received > due);
            if due < at && revised {
                by_deadline.entry(due).or_default().push(Candidate {
                    order: u * tables.len() + r,
                    unit: &unit.name,
                    report,
                    extended: deadline.extension.is_some(),
                });
            }
        }
    }
    let mut audited: Vec<(usize, Compared<'c>)> = Vec::new();
    for (due, candidates) in by_deadline {
        let then = Judged::at(root, campaign, now, due, store)?;
        let then_check = then.check();
        for Candidate {
            order,
            unit,
            report,
            extended,
        } in candidates
        {
            let Some((old, old_origin)) = then.version(&then_check, unit, &report.id) else {
                continue;
            };
            let new = newest.version(&newest_check, unit, &report.id);
            let changes = compare(
                &newest.campaign,
                Some(old),
                new.as_ref().map(|(s, _)| *s),
                how,
            );
            if !changes.any() {
                continue;
            }
            let compared = Compared {
                unit: unit.to_owned(),
                report,
                old: End {
                    point: Point::Deadline {
                        title: report.title.clone(),
                        extended,
                    },
                    at: due,
                    version: Some(old_origin),
                },
                new: End {
                    point: point.clone(),
                    at,
                    version: new.map(|(_, origin)| origin),
                },
                changes,
                key_column: key_column(report),
                how,
            };
            audited.push((order, compared));
        }
    }
    audited.sort_by_key(|(order, _)| *order);
    Ok(audited.into_iter().map(|(_, compared)| compared).collect())
}
