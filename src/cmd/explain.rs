//! `campaign explain FILE`: how one file was read, for answering a unit that
//! asks “what is wrong with my form?”.
//!
//! Exit status 0 when the file can be used, 1 when it has errors.

use std::io::Write as _;

use crate::cli::{Cli, ExplainArgs};
use crate::error::Error;
use crate::read::problem::Severity;
use crate::{Outcome, discover, output, read};

pub fn run(cli: &Cli, args: &ExplainArgs) -> Result<Outcome, Error> {
    let (root, campaign) = super::open(cli)?;
    if !args.file.is_file() {
        return Err(Error::NoSuchFile(args.file.clone()));
    }
    let found = discover::found_at(&root, &args.file);
    let file = read::read_file(&campaign, &found, &read::limits(&campaign));
    let text = output::explain::render(&campaign, &file, cli.lang);
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(Error::Output)?;
    let has_errors = file.problems.iter().any(|p| p.severity == Severity::Error);
    Ok(if has_errors {
        Outcome::Flagged
    } else {
        Outcome::Clean
    })
}
