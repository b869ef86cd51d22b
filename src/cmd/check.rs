//! `campaign check`: the status of every unit × report, the problems of every
//! file, and the chase list (SPEC §6).

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::cli::{CheckArgs, Cli};
use crate::error::Error;
use crate::status;
use crate::{Outcome, output};

pub fn run(cli: &Cli, args: &CheckArgs) -> Result<Outcome, Error> {
    let (root, campaign) = super::open(cli)?;
    let options = super::options(&campaign, &args.as_of, &args.due_soon)?;
    let (files, receipts) = super::gather(&root, &campaign, cli)?;
    let check = status::check(&campaign, &files, &receipts, options);

    let to_terminal = args.out.is_none() && std::io::stdout().is_terminal();
    let style = output::Style {
        color: args.format == output::Format::Table
            && output::use_color(to_terminal, std::env::var_os("NO_COLOR").as_deref()),
        lang: cli.lang,
    };
    let fail_on = &args.fail_on.0;
    let text = output::render(args.format, &check, &campaign, fail_on, style);
    match &args.out {
        Some(path) => {
            super::refuse_submissions(&root, path)?;
            write_file(path, &text)?
        }
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(Error::Output)?,
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
