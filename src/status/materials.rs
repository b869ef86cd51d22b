//! Key-activity materials (重点活动资料): one result per activity of the
//! unit's plan, due a number of days after the activity ends.
//!
//! The activities come from the counted version of the unit's plan (附件2),
//! and only when it is valid: an invalid plan's dates cannot set deadlines.
//! A material folder that matches no activity is unassigned, with the real
//! reason — no plan yet, an invalid plan, or a name the plan does not list —
//! so that `check` and `explain` say the same thing.

use chrono::{Days, NaiveDate};

use super::versions;
use super::{Judge, Judgement, Standing};
use crate::definition::{After, Campaign, Due, Report};
use crate::normalize::loose_key;
use crate::read::Content;
use crate::read::problem::{Kind, Place, Problem, Severity, Unplanned};
use crate::read::value::Parsed;

/// The results of one unit's materials report and its material folders that
/// match no planned activity.
pub(super) fn judge_materials(
    judge: &Judge,
    report: &Report,
    after: Option<&After>,
    plan: Option<&Judgement>,
) -> (Vec<Judgement>, Vec<Problem>) {
    let (campaign, files, as_of) = (judge.campaign, judge.files, judge.options.as_of);
    let Some(after) = after else {
        // A fixed deadline: one result for all of the unit's materials.
        let candidates = versions::of_materials(files, None, as_of);
        let deadline = judge.deadline(report, report.due);
        return (
            vec![judge.judge(report, None, deadline, &candidates)],
            Vec::new(),
        );
    };
    let plan_name = plan_name(campaign, after);
    let planned = match plan.and_then(|plan| Some((plan, versions::counted(plan, judge.index)?))) {
        Some((_, counted)) if counted.valid => Ok(planned(
            campaign,
            after,
            counted.rows().map(|placed| placed.row),
        )),
        Some((_, counted)) => Err(Unplanned::PlanInvalid {
            plan: plan_name,
            file: counted.file.path.clone(),
        }),
        None if plan.is_some_and(|p| p.standing == Standing::Exempt) => {
            Err(Unplanned::PlanExempt { plan: plan_name })
        }
        None => Err(Unplanned::NoPlan { plan: plan_name }),
    };
    let activities = planned.as_deref().unwrap_or_default();
    let judged = activities
        .iter()
        .map(|(name, end)| {
            let due = end
                .and_then(|end| end.checked_add_days(Days::new(u64::from(after.days))))
                .map(Due::EndOfDay)
                .or(report.due);
            let candidates = versions::of_materials(files, Some(name), as_of);
            let deadline = judge.deadline(report, due);
            judge.judge(report, Some(name.clone()), deadline, &candidates)
        })
        .collect();
    let strays = files
        .iter()
        .filter_map(|(file, _)| {
            let Content::Material { activity } = &file.content else {
                return None;
            };
            let why = match &planned {
                Err(why) => why.clone(),
                Ok(list)
                    if list
                        .iter()
                        .any(|(n, _)| loose_key(n) == loose_key(activity)) =>
                {
                    return None;
                }
                Ok(_) => Unplanned::NotInPlan,
            };
            Some(Problem {
                file: file.path.clone(),
                sheet: None,
                place: Place::File,
                severity: Severity::Error,
                kind: Kind::UnplannedMaterial {
                    activity: activity.clone(),
                    why,
                },
            })
        })
        .collect();
    (judged, strays)
}

/// The plan's short name as people say it (附件2).
fn plan_name(campaign: &Campaign, after: &After) -> String {
    campaign
        .report(&after.report.0)
        .map_or_else(|| after.report.0.clone(), |r| r.short.clone())
}

/// The key activities (name, end date) of a valid plan's rows.
fn planned<'a>(
    campaign: &Campaign,
    after: &After,
    rows: impl Iterator<Item = &'a crate::read::rows::Row>,
) -> Vec<(String, Option<NaiveDate>)> {
    let Some(spec) = campaign.report(&after.report.0).and_then(Report::table) else {
        return Vec::new();
    };
    let date_column = spec.column_index(&after.column);
    let name_column = spec.name_column();
    rows.filter_map(|row| {
        let name = match name_column.and_then(|i| row.values[i].as_ref()) {
            Some(Parsed::Text(name)) => name.clone(),
            _ => return None,
        };
        let end = match date_column.and_then(|i| row.values[i].as_ref()) {
            Some(Parsed::Date(date)) => Some(*date),
            _ => None,
        };
        Some((name, end))
    })
    .collect()
}
