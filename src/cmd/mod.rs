//! One module per subcommand, each with a single `run`.

pub mod check;
pub mod explain;
pub mod init;
pub mod merge;
pub mod templates;

use std::path::PathBuf;

use crate::cli::Cli;
use crate::definition::{Campaign, FILE_NAME};
use crate::error::Error;
use crate::read::FileRead;
use crate::receipt::Receipts;

/// The campaign root and its validated definition, as every command after `init` needs them.
pub fn open(cli: &Cli) -> Result<(PathBuf, Campaign), Error> {
    let cwd = std::env::current_dir().map_err(|source| Error::Io {
        path: PathBuf::from("."),
        source,
    })?;
    let root = crate::root::resolve(cli.root.as_deref(), &cwd)?;
    let campaign = Campaign::load(&root.join(FILE_NAME))?;
    Ok((root, campaign))
}

/// Every submitted file, read, and when each was received: what check and merge judge.
pub fn gather(
    root: &std::path::Path,
    campaign: &Campaign,
) -> Result<(Vec<FileRead>, Receipts), Error> {
    let files = crate::read::read_all(campaign, root).map_err(|source| Error::Io {
        path: root.join(crate::scaffold::SUBMISSIONS),
        source,
    })?;
    let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    let receipts =
        crate::receipt::receipts(root, &paths, campaign.timezone).map_err(Error::Receipt)?;
    Ok((files, receipts))
}

/// `--as-of` as given, or `default` when it is not.
pub fn as_of(
    given: Option<&str>,
    campaign: &Campaign,
    default: impl FnOnce() -> chrono::DateTime<chrono::FixedOffset>,
) -> Result<chrono::DateTime<chrono::FixedOffset>, Error> {
    match given {
        Some(text) => crate::when::parse_instant(text, campaign.timezone)
            .ok_or_else(|| Error::BadInstant(text.to_owned())),
        None => Ok(default()),
    }
}
