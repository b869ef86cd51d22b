//! `campaign merge`: the consolidated workbooks (and, with `--format json`, the rollup on stdout).

use crate::cli::{Cli, MergeArgs, MergeFormat};
use crate::definition::Due;
use crate::diff::judged::Judged;
use crate::error::Error;
use crate::template::TemplateError;
use crate::xlsx::SaveError;
use crate::{Outcome, diff, merge, status};

pub fn run(cli: &Cli, args: &MergeArgs) -> Result<Outcome, Error> {
    let (root, campaign) = super::open(cli)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| root.join(crate::layout::OUT));
    super::refuse_submissions(&root, &out)?;
    // The files as they are can be added up without their history; the
    // campaign as it stood at an earlier instant cannot.
    let gathered = match args.as_of {
        None => super::gather_even_without_git(&root, &campaign, cli)?,
        Some(_) => super::gather_noting_history(&root, &campaign, cli)?,
    };
    // Never the clock: the same inputs must give the same workbooks.
    let as_of = super::as_of(args.as_of.as_deref(), &campaign, || {
        merge::latest_receipt(&gathered.1)
            .unwrap_or_else(|| Due::EndOfDay(campaign.start).instant(campaign.timezone))
    })?;
    let mut store = super::store(&root, &campaign);
    let asked = (as_of, args.as_of.is_some());
    let judged = super::as_asked(&root, &campaign, &gathered, asked, &mut store)?;
    super::note_substitutes(&judged.receipts, cli);
    let check = judged.check();
    let newest = (&judged, &check, diff::Point::Given);
    let changed = changed_after_deadline(&root, &campaign, &gathered, newest, &mut store)?;
    let (campaign, receipts) = (&*judged.campaign, &*judged.receipts);
    let mut rollup = merge::rollup(campaign, receipts, &check);
    rollup.progress.changed = changed;
    let limits = crate::read::limits(campaign);
    let bytes = |path: &str| judged.bytes(&root, path);
    let compiled = merge::compile::files(campaign, &rollup, &check, &bytes, &out, &limits)
        .map_err(|e| TemplateError {
            path: out.join(merge::compile::COMPILATION),
            error: SaveError::Write(std::io::Error::other(e)),
        })?;
    let written = merge::books::write_all(campaign, &rollup, &check, &out, compiled)?;

    let text = match args.format {
        Some(MergeFormat::Json) => merge::json::render(campaign, &rollup, cli.lang),
        None => {
            let counted = rollup.progress.by_unit.len();
            let excluded = rollup.progress.excluded.len();
            let mut text = cli.lang.pick(
                format!("已汇总：{counted} 个单位纳入附件3汇总，{excluded} 个单位未纳入。\n"),
                format!(
                    "consolidated: {counted} units in the 附件3 rollup, {excluded} not included.\n"
                ),
            );
            for path in &written {
                text.push_str(&format!("  {}\n", super::shown(&root, path)));
            }
            text
        }
    };
    crate::stdout::print(text)?;
    Ok(Outcome::Clean)
}

/// The units whose 附件3 content changed between its deadline and the
/// instant `newest` judges, from what was read now.
fn changed_after_deadline(
    root: &std::path::Path,
    campaign: &crate::definition::Campaign,
    (files, receipts): &(Vec<crate::read::FileRead>, crate::receipt::Receipts),
    newest: (&Judged, &status::Check, diff::Point),
    store: &mut crate::history::Store,
) -> Result<Vec<merge::Changed>, Error> {
    let Some((progress, _)) = campaign.role(crate::definition::Role::Progress) else {
        return Ok(Vec::new());
    };
    let audited = diff::audit::after_deadline(
        root,
        campaign,
        (files, receipts),
        newest,
        diff::audit::Reports::Only(progress),
        diff::Compare::Meaning,
        store,
    )?;
    Ok(merge::changed(&audited))
}
