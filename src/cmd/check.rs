//! `campaign check`: the status of every unit × report, the problems of every
//! file, and the chase list (SPEC §6).

use std::path::Path;

use crate::cli::{CheckArgs, Cli};
use crate::error::Error;
use crate::status;
use crate::{Outcome, output};

pub fn run(cli: &Cli, args: &CheckArgs) -> Result<Outcome, Error> {
    let (root, campaign) = super::open(cli)?;
    if let Some(out) = &args.out {
        super::refuse_submissions(&root, out)?;
    }
    let options = super::options(&campaign, &args.as_of, &args.due_soon)?;
    let gathered = super::gather(&root, &campaign, cli)?;
    let asked = (options.as_of, args.as_of.text.is_some());
    let store = &mut super::store(&root, &campaign);
    let judged = super::as_asked(&root, &campaign, &gathered, asked, store)?;
    let (campaign, files, receipts) = (&*judged.campaign, &*judged.files, &*judged.receipts);
    let check = status::check(campaign, files, receipts, options);

    let style = output::Style {
        color: args.format == output::Format::Table
            && args.out.is_none()
            && output::color_on_stdout(),
        lang: cli.lang,
    };
    let fail_on = &args.fail_on.0;
    let text = output::render(args.format, &check, campaign, fail_on, style);
    match &args.out {
        Some(path) => write_file(path, &text)?,
        None => crate::stdout::print(&text)?,
    }
    Ok(if check.any_in(fail_on) {
        Outcome::Flagged
    } else {
        Outcome::Clean
    })
}

fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    crate::atomic::write(path, text.as_bytes()).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}
