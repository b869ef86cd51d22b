//! `campaign receive FILE… [--dir DIR]` (SPEC §6): files what arrived by
//! e-mail or messenger into its unit's folder, records when it came in the
//! ledger, and says what status each file now has — judged by the check
//! `campaign check` runs, on the campaign with the new files in.
//!
//! Exit status 0 when every file was filed or had arrived before, 1 when one
//! was refused (the others are still filed), 2 when nothing could be
//! received (a bad campaign, ledger or command line, or a failed write).

use chrono::{DateTime, FixedOffset, Timelike};

use crate::cli::{Cli, ReceiveArgs};
use crate::definition::Campaign;
use crate::error::Error;
use crate::output::receive::{self as words, Mode};
use crate::receive::{self, Current, Given, Handled, Outcome, ReceiveError, commit};
use crate::{Outcome as Exit, intake, receipt, status};

pub fn run(cli: &Cli, args: &ReceiveArgs) -> Result<Exit, Error> {
    let (root, campaign) = super::open(cli)?;
    let now = super::now(&campaign);
    let now = now.with_nanosecond(0).unwrap_or(now);
    let at = arrival(args.at.as_deref(), &campaign, now)?;
    let unit = args
        .unit
        .as_deref()
        .map(|name| super::unit_named(&campaign, name))
        .transpose()?;
    if let Some(activity) = &args.activity
        && !crate::layout::is_plain_name(activity.trim())
    {
        return Err(Error::BadActivity(activity.clone()));
    }
    let inputs = receive::inputs(&args.files, args.dir.as_deref())?;
    // Only what is not there at all stops the run; a folder, a named pipe
    // or a link that leads nowhere is refused on its own, with its reason.
    let is_link = |path: &std::path::Path| path.symlink_metadata().is_ok_and(|m| m.is_symlink());
    if let Some(missing) = inputs
        .iter()
        .find(|input| !input.exists() && !is_link(input))
    {
        return Err(Error::NoSuchFile(missing.clone()));
    }
    let committing = args.commit && !args.dry_run;
    if committing {
        commit::ready(&root).map_err(ReceiveError::Commit)?;
    }

    let (files, receipts) = super::gather_noting_history(&root, &campaign, cli)?;
    let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    let ledger =
        receipt::recorded(&root, &paths, campaign.timezone).map_err(ReceiveError::Ledger)?;
    let options = status::Options {
        as_of: now,
        soon: chrono::Duration::zero(),
    };
    let before = status::check(&campaign, &files, &receipts, options);
    let given = Given {
        unit: unit.as_deref(),
        activity: args.activity.as_deref().map(str::trim),
        at,
        via: &args.via,
    };
    let staging = tempfile::tempdir().map_err(ReceiveError::Staging)?;
    let current = Current {
        campaign: &campaign,
        root: &root,
        files: &files,
        receipts: &receipts,
        options,
        check: &before,
        ledger: &ledger,
    };
    let handled = receive::plan(&current, &given, &inputs, staging.path());
    let new_files = receive::new_files(&handled);
    let (files_after, receipts_after) = receive::with_new(&files, &receipts, new_files);
    let after = status::check(&campaign, &files_after, &receipts_after, options);

    let mode = if args.dry_run {
        Mode::DryRun
    } else {
        Mode::Filed
    };
    let text = words::render(&handled, &after, &campaign, &given, mode, cli.lang);
    if mode == Mode::DryRun {
        crate::stdout::print(&text)?;
        return Ok(exit(&handled));
    }
    let deliveries: Vec<intake::Delivery> = receive::new_files(&handled)
        .map(|new| new.delivery.clone())
        .collect();
    let recorded = intake::deliver(&root, ledger.text.as_deref(), &deliveries)
        .map_err(ReceiveError::NotReceived)?;
    crate::stdout::print(&text)?;
    // What was received stays received, and has been said, if committing fails.
    if committing {
        let entries: Vec<(&str, &intake::Entry)> = receive::units(&handled)
            .into_iter()
            .zip(&recorded)
            .collect();
        crate::stdout::print(&commit_all(
            &root, &campaign, &given, &handled, &entries, cli.lang,
        )?)?;
    }
    Ok(exit(&handled))
}

/// Flagged when a file was refused: the others are still received.
fn exit(handled: &[Handled]) -> Exit {
    let refused = handled
        .iter()
        .any(|h| matches!(h.outcome, Outcome::Refused(_)));
    if refused { Exit::Flagged } else { Exit::Clean }
}

/// `--at` as given, else now; never later than now.
fn arrival(
    given: Option<&str>,
    campaign: &Campaign,
    now: DateTime<FixedOffset>,
) -> Result<DateTime<FixedOffset>, Error> {
    let Some(text) = given else {
        return Ok(now);
    };
    let at =
        crate::when::parse_arrival(text, campaign.timezone).ok_or_else(|| Error::BadInstant {
            flag: "--at",
            text: text.to_owned(),
        })?;
    if at > now {
        return Err(ReceiveError::Future(at).into());
    }
    Ok(at)
}

/// Commits each unit's files (`entries`, as recorded, with their units), in
/// the order the units first came; returns the lines saying so.
fn commit_all(
    root: &std::path::Path,
    campaign: &Campaign,
    given: &Given,
    handled: &[Handled],
    entries: &[(&str, &intake::Entry)],
    lang: crate::lang::Lang,
) -> Result<String, Error> {
    let commits: Vec<commit::UnitCommit> = receive::by_unit(handled)
        .into_iter()
        .map(|(unit, filed)| commit::UnitCommit {
            unit,
            message: words::commit_message(unit, &filed, campaign, given, lang),
        })
        .collect();
    commit::commit(root, entries, &commits).map_err(ReceiveError::Commit)?;
    let messages: Vec<&str> = commits.iter().map(|c| c.message.as_str()).collect();
    Ok(words::committed(&messages, lang))
}
