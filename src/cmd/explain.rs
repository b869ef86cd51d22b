//! `campaign explain FILE`: how one file was read, for answering a unit that
//! asks “what is wrong with my form?”, and where it stands in the campaign
//! now — judged by the same check `campaign check` runs, so the two never
//! disagree.
//!
//! Exit status 0 when the file can be used, 1 when it has errors or counts
//! for nothing.

use crate::cli::{Cli, ExplainArgs};
use crate::error::Error;
use crate::output::explain::Standing;
use crate::read::problem::Severity;
use crate::{Outcome, discover, layout, output, read, status};

pub fn run(cli: &Cli, args: &ExplainArgs) -> Result<Outcome, Error> {
    let (root, campaign) = super::open(cli)?;
    if !args.file.exists() {
        return Err(Error::NoSuchFile(args.file.clone()));
    }
    let found = discover::found_at(&root, &args.file);
    let file = read::read_file(&campaign, &found, &read::limits(&campaign));
    let submitted = found.rel.starts_with(&format!("{}/", layout::SUBMISSIONS));
    let ignored = discover::is_ignored(found.file_name());
    // The standing needs the whole campaign: the other versions, the plan.
    let gathered =
        (submitted && !ignored).then(|| super::gather_noting_history(&root, &campaign, cli));
    let check;
    let standing = match &gathered {
        None if ignored => Standing::Ignored,
        None => Standing::Outside,
        Some(Err(error)) => Standing::Unknown(error.render(cli.lang)),
        Some(Ok((files, receipts))) => {
            let options = status::Options {
                as_of: super::now(&campaign),
                soon: chrono::Duration::zero(),
            };
            check = status::check(&campaign, files, receipts, options);
            Standing::Known(check.standing_of(&file.path))
        }
    };
    let text = output::explain::render(&campaign, &file, &standing, cli.lang);
    crate::stdout::print(&text)?;
    let has_errors = file.problems.iter().any(|p| p.severity == Severity::Error);
    Ok(if has_errors || standing.counts_for_nothing() {
        Outcome::Flagged
    } else {
        Outcome::Clean
    })
}
