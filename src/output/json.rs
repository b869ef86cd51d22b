//! `check --format json`: the contract of SPEC §6, key for key.
//!
//! Other tools compare this output key by key, so the shape is spelled out as
//! structs whose field order is the key order (serde keeps it). Beyond the
//! specified keys there are only additions: `activity` on a key activity's
//! result, `warnings` (those of the versions that count, shaped as `errors`)
//! and `history_warnings` (commits whose times look wrong), and `stood_in`
//! (judging an earlier instant, the files whose content then the history
//! cannot give, and what stands in), each only when there are any, and
//! `chase`, the chase list, last. The receipt ledger's
//! problems are listed with the unassigned files, under the ledger's own path.

use serde::Serialize;

use super::{Reporter, View};
use crate::lang::Lang;
use crate::layout::LEDGER_PATH;
use crate::read::problem::{Problem, Severity};
use crate::status::{Chase, Check, Contact, Judgement, Status};

pub(crate) struct Json;

#[derive(Serialize)]
struct Document<'a> {
    campaign: &'a str,
    as_of: String,
    summary: Summary,
    results: Vec<ResultEntry<'a>>,
    unassigned: Vec<Unassigned<'a>>,
    /// The warnings of the versions that count (a hidden sheet skipped, an
    /// extra column …), shaped as `errors`; only when there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<ErrorEntry<'a>>,
    /// Commits whose times look wrong; only when there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    history_warnings: Vec<HistoryEntry<'a>>,
    /// Files whose content at the instant judged the history cannot give,
    /// with what stands in; only when there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stood_in: Vec<Unassigned<'a>>,
    chase: Vec<ChaseEntry<'a>>,
}

/// A commit whose times cast doubt on the receipts taken from it.
#[derive(Serialize)]
struct HistoryEntry<'a> {
    commit: &'a str,
    message: String,
}

/// Every status code, in contract order, even when 0.
#[derive(Serialize)]
struct Summary {
    ok: usize,
    late: usize,
    missing: usize,
    pending: usize,
    invalid: usize,
    exempt: usize,
}

#[derive(Serialize)]
struct ResultEntry<'a> {
    unit: &'a str,
    report: &'a str,
    /// Only for materials: the key activity this result is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    activity: Option<&'a str>,
    due: Option<String>,
    status: &'static str,
    received: Option<String>,
    received_via: Option<&'static str>,
    files: Vec<&'a str>,
    errors: Vec<ErrorEntry<'a>>,
}

#[derive(Serialize)]
struct ErrorEntry<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
    cell: Option<String>,
    message: String,
}

#[derive(Serialize)]
struct Unassigned<'a> {
    file: &'a str,
    reason: String,
}

/// A unit that owes something: what, with whom to phone.
#[derive(Serialize)]
struct ChaseEntry<'a> {
    unit: &'a str,
    owes: Vec<Owed<'a>>,
    contacts: Vec<ContactEntry<'a>>,
    /// Only when the contacts come from an invalid roster: its path.
    #[serde(skip_serializing_if = "Option::is_none")]
    contacts_from_invalid_form: Option<&'a str>,
}

/// One owed result, named as in `results`.
#[derive(Serialize)]
struct Owed<'a> {
    report: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    activity: Option<&'a str>,
    status: &'static str,
    due: Option<String>,
}

#[derive(Serialize)]
struct ContactEntry<'a> {
    name: &'a str,
    mobile: Option<&'a str>,
    phone: Option<&'a str>,
}

impl<'a> Unassigned<'a> {
    fn of(problem: &'a Problem, lang: Lang) -> Unassigned<'a> {
        Unassigned {
            file: &problem.file,
            reason: problem.message(lang),
        }
    }
}

impl Reporter for Json {
    fn render(&self, view: &View) -> String {
        let tz = view.campaign.timezone;
        let lang = view.style.lang;
        let check = view.check;
        let document = Document {
            campaign: &check.campaign,
            as_of: super::rfc3339(check.as_of, tz),
            summary: summary(check),
            results: check
                .results
                .iter()
                .map(|result| result_entry(result, view))
                .collect(),
            unassigned: check
                .unassigned
                .iter()
                .map(|problem| Unassigned::of(problem, lang))
                .chain(check.ledger.iter().map(|problem| Unassigned {
                    file: LEDGER_PATH,
                    reason: problem.render_in_file(lang),
                }))
                .collect(),
            warnings: check
                .problems
                .iter()
                .filter(|problem| problem.severity == Severity::Warning)
                .map(|problem| error_entry(problem, view))
                .collect(),
            history_warnings: check
                .history
                .iter()
                .map(|warning| HistoryEntry {
                    commit: warning.commit(),
                    message: warning.render(lang),
                })
                .collect(),
            stood_in: check
                .substitutes
                .iter()
                .map(|substitute| Unassigned {
                    file: substitute.path(),
                    reason: substitute.render(lang),
                })
                .collect(),
            chase: check
                .chase
                .iter()
                .map(|chase| chase_entry(chase, view))
                .collect(),
        };
        let mut text =
            serde_json::to_string_pretty(&document).expect("plain structs always serialize");
        text.push('\n');
        text
    }
}

fn result_entry<'a>(result: &'a Judgement, view: &View) -> ResultEntry<'a> {
    let tz = view.campaign.timezone;
    let received = result.received();
    ResultEntry {
        unit: &result.unit,
        report: &result.report.0,
        activity: result.activity.as_deref(),
        due: due(result, view),
        status: result.status().code(),
        received: received.map(|r| super::rfc3339(r.first, tz)),
        received_via: received.map(|r| r.via.code()),
        files: result.versions.iter().map(|v| v.path.as_str()).collect(),
        errors: result
            .errors()
            .iter()
            .map(|problem| error_entry(problem, view))
            .collect(),
    }
}

/// The deadline in RFC 3339, as `results` and `chase` write it.
fn due(result: &Judgement, view: &View) -> Option<String> {
    let tz = view.campaign.timezone;
    result
        .deadline
        .as_ref()
        .map(|d| super::rfc3339(d.instant(tz), tz))
}

fn chase_entry<'a>(chase: &'a Chase, view: &View<'a>) -> ChaseEntry<'a> {
    let contact = |contact: &'a Contact| ContactEntry {
        name: &contact.name,
        mobile: contact.mobile.as_deref(),
        phone: contact.phone.as_deref(),
    };
    ChaseEntry {
        unit: &chase.unit,
        owes: chase
            .owed
            .iter()
            .filter_map(|&i| view.check.results.get(i))
            .map(|result| Owed {
                report: &result.report.0,
                activity: result.activity.as_deref(),
                status: result.status().code(),
                due: due(result, view),
            })
            .collect(),
        contacts: chase.contacts.iter().map(contact).collect(),
        contacts_from_invalid_form: chase.from_invalid.as_deref(),
    }
}

fn summary(check: &Check) -> Summary {
    Summary {
        ok: check.count(Status::Ok),
        late: check.count(Status::Late),
        missing: check.count(Status::Missing),
        pending: check.count(Status::Pending),
        invalid: check.count(Status::Invalid),
        exempt: check.count(Status::Exempt),
    }
}

fn error_entry<'a>(problem: &'a Problem, view: &View) -> ErrorEntry<'a> {
    ErrorEntry {
        file: &problem.file,
        sheet: problem.sheet.as_deref(),
        cell: problem.cell(),
        message: problem.message(view.style.lang),
    }
}
