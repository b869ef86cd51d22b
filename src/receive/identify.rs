//! Which unit, report or key activity a file that arrived is: the reader's
//! own answer ([`crate::read::read_file`]), with `--unit` and `--activity`
//! only where that answer is silent.

use super::Refusal;
use crate::definition::{Campaign, ReportId};
use crate::normalize::loose_key;
use crate::read::problem::{Kind, Place, Problem, Severity, Source};
use crate::read::{Content, FileRead};

/// The unit of a file read where it lies now, outside every unit's folder:
/// its 填报单位 cells, then its name. `given` (`--unit`) applies when its
/// cells name no unit, over whatever its name says: only what a form states
/// may contradict `--unit`, never a file name, which mentions partners as
/// often as owners.
pub(super) fn unit(read: &FileRead, given: Option<&str>) -> Result<String, Refusal> {
    let Some(given) = given else {
        if let Some(found) = &read.unit {
            return Ok(found.unit.clone());
        }
        return match conflict(read) {
            Some(claims) => Err(Refusal::Conflict {
                given: None,
                claims: claims.to_vec(),
            }),
            None => Err(Refusal::NoUnit),
        };
    };
    let stated = stated(read);
    if stated.iter().all(|unit| unit == given) {
        return Ok(given.to_owned());
    }
    Err(Refusal::Conflict {
        given: Some(given.to_owned()),
        claims: stated
            .into_iter()
            .map(|unit| (Source::Filler, unit))
            .collect(),
    })
}

/// The units a file's 填报单位 cells name, each once.
fn stated(read: &FileRead) -> Vec<String> {
    let mut units: Vec<String> = match (&read.unit, conflict(read)) {
        (Some(found), _) if found.sources.contains(&Source::Filler) => vec![found.unit.clone()],
        (None, Some(claims)) => claims
            .iter()
            .filter(|(source, _)| *source == Source::Filler)
            .map(|(_, unit)| unit.clone())
            .collect(),
        _ => Vec::new(),
    };
    units.dedup();
    units
}

/// The units a file's sources name when they disagree.
fn conflict(read: &FileRead) -> Option<&[(Source, String)]> {
    read.problems.iter().find_map(|p| match &p.kind {
        Kind::UnitConflict { claims } => Some(claims.as_slice()),
        _ => None,
    })
}

/// The reports a file is a version of, in campaign order: the forms on its
/// sheets, the form its name names when it cannot be read, or the document
/// its name names. Empty when it is none.
pub(super) fn reports(campaign: &Campaign, read: &FileRead) -> Vec<ReportId> {
    let mut reports: Vec<ReportId> = match &read.content {
        Content::Forms(forms) => forms.iter().map(|form| form.report.clone()).collect(),
        Content::Unreadable { hint: Some(report) }
        | Content::Document {
            report: Some(report),
        } => {
            vec![report.clone()]
        }
        _ => Vec::new(),
    };
    let position = |id: &ReportId| campaign.reports.iter().position(|r| r.id == *id);
    reports.sort_by_key(position);
    reports.dedup();
    reports
}

/// Why a file is a version of no report: the reader's first error about the
/// file as a whole.
pub(super) fn why_no_report(read: &FileRead) -> Option<&Problem> {
    read.problems
        .iter()
        .find(|p| p.severity == Severity::Error && p.place == Place::File)
}

/// The one planned activity whose name a file name holds; a name inside a
/// longer matching one (应急演练 inside 应急演练进社区) does not count.
pub(super) fn activity_named_in(stem: &str, planned: &[String]) -> Option<String> {
    let stem = loose_key(stem);
    let matching: Vec<&String> = planned
        .iter()
        .filter(|name| {
            let key = loose_key(name);
            !key.is_empty() && stem.contains(&key)
        })
        .collect();
    let longest: Vec<&&String> = matching
        .iter()
        .filter(|name| {
            let key = loose_key(name);
            !matching
                .iter()
                .any(|other| other.len() > name.len() && loose_key(other).contains(&key))
        })
        .collect();
    match longest.as_slice() {
        [one] => Some((**one).clone()),
        _ => None,
    }
}

/// `given` (`--activity`) spelt as the plan spells it, when the plan has it.
pub(super) fn planned_spelling(given: &str, planned: &[String]) -> String {
    let key = loose_key(given);
    planned
        .iter()
        .find(|name| loose_key(name) == key)
        .cloned()
        .unwrap_or_else(|| given.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_activity_a_name_holds_is_the_one() {
        let planned = vec!["应急演练".to_owned(), "应急演练进社区".to_owned()];
        assert_eq!(
            activity_named_in("应急演练进社区-照片", &planned).as_deref(),
            Some("应急演练进社区")
        );
        assert_eq!(
            activity_named_in("应急演练照片", &planned).as_deref(),
            Some("应急演练")
        );
        assert_eq!(activity_named_in("照片", &planned), None);
        let two = vec!["专题学习会".to_owned(), "安全宣传咨询日".to_owned()];
        assert_eq!(activity_named_in("专题学习会和安全宣传咨询日", &two), None);
        assert_eq!(
            planned_spelling(" 应急演练进社区 ", &planned),
            "应急演练进社区"
        );
        assert_eq!(planned_spelling("消防演练", &planned), "消防演练");
    }
}
