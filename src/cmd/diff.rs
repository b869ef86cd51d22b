//! `campaign diff`: what changed between two versions of a unit's report,
//! from the history (exit status 0 when nothing did, 1 when something did).

use chrono::{DateTime, FixedOffset};

use crate::Outcome;
use crate::cli::{Cli, DiffArgs};
use crate::definition::{Campaign, Report};
use crate::diff::judged::Judged;
use crate::diff::{self, Compare, Compared, End, Point};
use crate::error::Error;

pub fn run(cli: &Cli, args: &DiffArgs) -> Result<Outcome, Error> {
    let (root, campaign) = super::open(cli)?;
    let (Some(unit), Some(report)) = (&args.unit, &args.report) else {
        return after_deadline(cli, args, &root, &campaign);
    };
    let unit = super::unit_named(&campaign, unit)?;
    let report = table_named(&campaign, report)?;
    let gathered = super::gather_noting_history(&root, &campaign, cli)?;
    let deadline = || deadline_of(&campaign, &unit, report, "--from");
    let (from, from_point) = match &args.from {
        Some(text) => instant("--from", text, &root, &campaign, &unit)?,
        None => deadline()?,
    };
    let (to, to_point) = match &args.to {
        Some(text) => instant("--to", text, &root, &campaign, &unit)?,
        None => (super::now(&campaign), Point::Now),
    };
    let mut store = super::store(&root, &campaign);
    let inputs = (gathered.0.as_slice(), &gathered.1);
    let old = Judged::at(&root, &campaign, inputs, from, &mut store)?;
    let new = Judged::at(&root, &campaign, inputs, to, &mut store)?;
    let (old_check, new_check) = (old.check(), new.check());
    let (old_version, new_version) = (
        old.version(&old_check, &unit, &report.id),
        new.version(&new_check, &unit, &report.id),
    );
    let how = how(args);
    let changes = diff::compare(
        &new.campaign,
        old_version.as_ref().map(|(side, _)| *side),
        new_version.as_ref().map(|(side, _)| *side),
        how,
    );
    let compared = Compared {
        unit,
        report,
        old: End {
            point: from_point,
            at: from,
            version: old_version.map(|(_, origin)| origin),
        },
        new: End {
            point: to_point,
            at: to,
            version: new_version.map(|(_, origin)| origin),
        },
        changes,
        how,
    };
    let text = crate::output::diff::render(args.format, &compared, &campaign, cli.lang);
    crate::stdout::print(&text)?;
    Ok(match compared.changes.any() {
        true => Outcome::Flagged,
        false => Outcome::Clean,
    })
}

/// `--after-deadline`: every unit and report whose content changed after its
/// deadline, up to now; with `--out`, 截止后修改情况.xlsx too.
fn after_deadline(
    cli: &Cli,
    args: &DiffArgs,
    root: &std::path::Path,
    campaign: &Campaign,
) -> Result<Outcome, Error> {
    if let Some(out) = &args.out {
        super::refuse_submissions(root, out)?;
    }
    let gathered = super::gather_noting_history(root, campaign, cli)?;
    let now = super::now(campaign);
    let mut store = super::store(root, campaign);
    let newest = Judged::now(campaign, (&gathered.0, &gathered.1), now);
    let audited = diff::audit::after_deadline(
        root,
        campaign,
        (&gathered.0, &gathered.1),
        (&newest, &newest.check(), Point::Now),
        diff::audit::Reports::All,
        how(args),
        &mut store,
    )?;
    if let Some(dir) = &args.out {
        let path = crate::merge::books::write_changes(campaign, &audited, now, dir)?;
        let shown = super::shown(root, &path);
        eprintln!("{}{shown}", cli.lang.pick("已写入 ", "written: "));
    }
    let text = crate::output::diff::render_audit(args.format, &audited, now, campaign, cli.lang);
    crate::stdout::print(&text)?;
    Ok(match audited.is_empty() {
        true => Outcome::Clean,
        false => Outcome::Flagged,
    })
}

fn how(args: &DiffArgs) -> Compare {
    match args.raw {
        true => Compare::Raw,
        false => Compare::Meaning,
    }
}

/// The table report `name` names: its id, or its title or the title's
/// first word (附件3).
pub fn table_named<'c>(campaign: &'c Campaign, name: &str) -> Result<&'c Report, Error> {
    let tables: Vec<String> = campaign
        .tables()
        .map(|(report, _)| format!("{}（{}）", report.id.0, report.title))
        .collect();
    let key = crate::normalize::key(name);
    let named = campaign.reports.iter().find(|report| {
        let first = report.title.split_whitespace().next().unwrap_or("");
        [report.id.0.as_str(), report.title.as_str(), first]
            .iter()
            .any(|candidate| crate::normalize::key(candidate) == key)
    });
    match named {
        Some(report) if report.table().is_some() => Ok(report),
        Some(report) => Err(Error::NotATable {
            title: report.title.clone(),
            reports: tables,
        }),
        None => Err(Error::UnknownReport {
            name: name.to_owned(),
            reports: tables,
        }),
    }
}

/// `report`'s deadline for `unit`, extensions applied.
fn deadline_of(
    campaign: &Campaign,
    unit: &str,
    report: &Report,
    flag: &'static str,
) -> Result<(DateTime<FixedOffset>, Point), Error> {
    let deadline =
        crate::status::deadline(campaign, unit, report, report.due).ok_or_else(|| {
            Error::NoDeadline {
                flag,
                title: report.title.clone(),
            }
        })?;
    let point = Point::Deadline {
        title: report.title.clone(),
        extended: deadline.extension.is_some(),
    };
    Ok((deadline.instant(campaign.timezone), point))
}

/// The instant `text` names: a report's deadline (by its id), a date or a
/// date-time, or a commit's time.
fn instant(
    flag: &'static str,
    text: &str,
    root: &std::path::Path,
    campaign: &Campaign,
    unit: &str,
) -> Result<(DateTime<FixedOffset>, Point), Error> {
    if let Some(report) = campaign.report(text) {
        return deadline_of(campaign, unit, report, flag);
    }
    if let Some(at) = crate::when::parse_instant(text, campaign.timezone) {
        return Ok((at, Point::Given));
    }
    match crate::receipt::commit_named(root, text, campaign.timezone).map_err(Error::Receipt)? {
        Some((commit, at)) => Ok((at, Point::Commit(commit))),
        None => Err(Error::BadWhen {
            flag,
            text: text.to_owned(),
        }),
    }
}
