//! A bare `campaign`: where the campaign stands now, or, outside any
//! campaign folder, how to start one. A greeting, never a failure: it exits
//! with status 0 whatever the statuses are.

use chrono::Duration;

use crate::cli::Cli;
use crate::error::Error;
use crate::root::RootError;
use crate::status::{self, Options};
use crate::{Outcome, output};

pub fn run(cli: &Cli) -> Result<Outcome, Error> {
    let text = match super::open(cli) {
        // Only a search that found nothing; a folder named with --root that
        // holds no campaign is the mistake it is for every command.
        Err(Error::Root(RootError::NotFound(_))) => output::overview::outside(cli.lang),
        Err(error) => return Err(error),
        Ok((root, campaign)) => {
            let (files, receipts) = super::gather_noting_history(&root, &campaign, cli)?;
            let options = Options {
                as_of: super::now(&campaign),
                // The overview names the next deadline itself; no “due soon” window.
                soon: Duration::zero(),
            };
            let check = status::check(&campaign, &files, &receipts, options);
            output::overview::render(&check, &campaign, cli.lang)
        }
    };
    crate::stdout::print(&text)?;
    Ok(Outcome::Clean)
}
