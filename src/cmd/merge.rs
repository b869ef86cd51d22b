//! `campaign merge`: the consolidated workbooks (and, with `--format json`, the rollup on stdout).

use chrono::Duration;

use crate::cli::{Cli, MergeArgs, MergeFormat};
use crate::definition::Due;
use crate::error::Error;
use crate::template::TemplateError;
use crate::xlsx::SaveError;
use crate::{Outcome, merge, status};

pub fn run(cli: &Cli, args: &MergeArgs) -> Result<Outcome, Error> {
    let (root, campaign) = super::open(cli)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| root.join(crate::layout::OUT));
    super::refuse_submissions(&root, &out)?;
    // The files as they are can be added up without their history; the
    // campaign as it stood at an earlier instant cannot.
    let (files, receipts) = match args.as_of {
        None => super::gather_even_without_git(&root, &campaign, cli)?,
        Some(_) => super::gather_noting_history(&root, &campaign, cli)?,
    };
    // Never the clock: the same inputs must give the same workbooks.
    let as_of = super::as_of(args.as_of.as_deref(), &campaign, || {
        merge::latest_receipt(&receipts)
            .unwrap_or_else(|| Due::EndOfDay(campaign.start).instant(campaign.timezone))
    })?;
    let options = status::Options {
        as_of,
        soon: Duration::zero(),
    };
    let check = status::check(&campaign, &files, &receipts, options);
    let rollup = merge::rollup(&campaign, &receipts, &check);
    let limits = crate::read::limits(&campaign);
    let compiled = merge::compile::files(&campaign, &rollup, &check, &root, &out, &limits)
        .map_err(|e| TemplateError {
            path: out.join(merge::compile::COMPILATION),
            error: SaveError::Write(std::io::Error::other(e)),
        })?;
    let written = merge::books::write_all(&campaign, &rollup, &check, &out, compiled)?;

    let text = match args.format {
        Some(MergeFormat::Json) => merge::json::render(&campaign, &rollup, cli.lang),
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
