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
use super::{Compare, Compared, End, Point, compare};
use crate::definition::{Campaign, Report};
use crate::error::Error;
use crate::history::Store;
use crate::read::FileRead;
use crate::receipt::Receipts;
use crate::status::{Check, Judgement};

/// Which reports an audit looks at.
#[derive(Debug, Clone, Copy)]
pub enum Reports<'c> {
    /// Every table report.
    All,
    /// This one only (merge's rollup audits the progress report).
    Only(&'c Report),
}

/// A report received by its deadline whose version now was received after it.
struct Candidate<'c, 'j> {
    /// Its place in campaign order: units, then reports.
    order: usize,
    unit: &'j str,
    report: &'c Report,
    /// Whether its deadline is an extension.
    extended: bool,
}

/// Every report of every unit whose content changed between its deadline
/// and the instant `newest` was judged at (`point` says how that instant was
/// asked for; `newest_check` is its judgement), in campaign order of units,
/// then reports. The campaign at each deadline is read from the files as
/// read now (`now`, by `campaign` as it is) and their history.
pub fn after_deadline<'c>(
    root: &Path,
    campaign: &'c Campaign,
    now: (&[FileRead], &Receipts),
    (newest, newest_check, point): (&Judged, &Check, Point),
    reports: Reports<'c>,
    how: Compare,
    store: &mut Store,
) -> Result<Vec<Compared<'c>>, Error> {
    let at = newest.at;
    let newest_versions = newest.versions(newest_check);
    let mut by_deadline: BTreeMap<DateTime<FixedOffset>, Vec<Candidate>> = BTreeMap::new();
    let audited_report = |judgement: &Judgement| match reports {
        Reports::All => campaign
            .report(&judgement.report.0)
            .is_some_and(|r| r.table().is_some()),
        Reports::Only(only) => only.id == judgement.report,
    };
    // Results come in campaign order: units, then reports.
    for (order, judgement) in newest_check.results.iter().enumerate() {
        let (Some(deadline), Some(received)) = (&judgement.deadline, judgement.received()) else {
            continue;
        };
        if judgement.activity.is_some() || !audited_report(judgement) {
            continue;
        }
        let due = deadline.instant(campaign.timezone);
        let key = (judgement.unit.as_str(), &judgement.report);
        let revised = newest_versions
            .get(&key)
            .is_some_and(|(_, origin)| origin.received > due);
        // A report first received after its deadline came late and changed nothing.
        if due < at && received.first <= due && revised {
            let Some(report) = campaign.report(&judgement.report.0) else {
                continue;
            };
            by_deadline.entry(due).or_default().push(Candidate {
                order,
                unit: &judgement.unit,
                report,
                extended: deadline.extension.is_some(),
            });
        }
    }
    let mut audited: Vec<(usize, Compared<'c>)> = Vec::new();
    for (due, candidates) in by_deadline {
        let then = Judged::at(root, campaign, now, due, store)?;
        let then_check = then.check();
        let then_versions = then.versions(&then_check);
        for Candidate {
            order,
            unit,
            report,
            extended,
        } in candidates
        {
            let key = (unit, &report.id);
            let Some((old, old_origin)) = then_versions.get(&key).cloned() else {
                continue;
            };
            let new = newest_versions.get(&key).cloned();
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
                how,
            };
            audited.push((order, compared));
        }
    }
    audited.sort_by_key(|(order, _)| *order);
    Ok(audited.into_iter().map(|(_, compared)| compared).collect())
}
