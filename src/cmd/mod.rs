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
