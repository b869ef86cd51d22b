//! `campaign stamp` (SPEC §5, §6): run by CI on every push, it records in the
//! receipt ledger when each new file, or new version of a file, arrived —
//! the clock of the machine it runs on, which no unit can set back. It runs
//! in CI, so what it prints goes through the telephone-number mask of the CI
//! formats: a file name may hold a liaison's mobile.

use chrono::{DateTime, FixedOffset, Timelike};

use crate::cli::Cli;
use crate::error::Error;
use crate::intake::{self, Entry};
use crate::layout::SUBMISSIONS;
use crate::output::mask_phones;
use crate::receipt::{self, Start};
use crate::{Outcome, discover};

/// Fixes the clock, for tests only: an RFC 3339 date-time.
const TEST_CLOCK: &str = "CAMPAIGN_STAMP_NOW";

/// How the entries stamp writes say the file came.
const VIA: &str = "ci";

pub fn run(cli: &Cli) -> Result<Outcome, Error> {
    let (root, campaign) = super::open(cli)?;
    let now = now(campaign.timezone)?;
    let files: Vec<String> = discover::discover(&root)
        .map_err(|source| Error::Read {
            path: root.join(SUBMISSIONS),
            source,
        })?
        .into_iter()
        .map(|found| found.rel)
        .collect();
    let unstamped = receipt::unstamped(&root, &files, campaign.timezone).map_err(Error::Stamp)?;
    let skipped = unstamped.not_files.iter().map(|file| file.render(cli.lang));
    let unread = unstamped
        .unreadable
        .iter()
        .map(|file| file.render(cli.lang));
    for line in skipped.chain(unread) {
        eprintln!(
            "{}{}",
            cli.lang.pick("注意：", "warning: "),
            mask_phones(&line)
        );
    }
    if unstamped.first_run.is_none() && unstamped.arrivals.is_empty() {
        return Ok(Outcome::Clean);
    }

    let start = unstamped.first_run.as_ref().map(|first| Start {
        commit: first.commit.clone(),
        at: now,
    });
    let entries: Vec<Entry> = unstamped
        .arrivals
        .iter()
        .map(|arrival| Entry {
            path: arrival.path.clone(),
            at: now,
            via: VIA.to_owned(),
            sha256: arrival.sha256.clone(),
            name: None,
        })
        .collect();
    intake::append(&root, unstamped.ledger.as_deref(), start.as_ref(), &entries)
        .map_err(Error::Intake)?;

    let lines: String = unstamped
        .first_run
        .iter()
        .map(|first| first.render(cli.lang))
        .chain(unstamped.arrivals.iter().map(|a| a.render(now, cli.lang)))
        .map(|line| format!("{}\n", mask_phones(&line)))
        .collect();
    crate::stdout::print(lines)?;
    Ok(Outcome::Clean)
}

/// The clock in the campaign's time zone, to the second, as the ledger keeps it.
///
/// Only a debug build (the test suite's) reads the test clock: an installed
/// `campaign` must not let a changed CI file backdate every stamp.
fn now(timezone: FixedOffset) -> Result<DateTime<FixedOffset>, Error> {
    let fixed = cfg!(debug_assertions)
        .then(|| std::env::var(TEST_CLOCK).ok())
        .flatten();
    let now = match fixed {
        Some(value) => DateTime::parse_from_rfc3339(&value).map_err(|_| Error::TestClock {
            variable: TEST_CLOCK,
            value,
        })?,
        None => chrono::Local::now().fixed_offset(),
    };
    Ok(now
        .with_timezone(&timezone)
        .with_nanosecond(0)
        .unwrap_or(now))
}
