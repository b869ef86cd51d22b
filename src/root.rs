//! Finding the campaign folder, as cargo finds its manifest.

use std::path::{Path, PathBuf};

use crate::layout::DEFINITION;

/// The nearest of `start` and its ancestors that holds `campaign.toml`.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(DEFINITION).is_file())
        .map(Path::to_path_buf)
}

/// The campaign root: `--root` if given (it must hold campaign.toml), else discovered from `cwd`.
pub fn resolve(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf, RootError> {
    match explicit {
        Some(dir) if dir.join(DEFINITION).is_file() => Ok(dir.to_path_buf()),
        Some(dir) if !dir.exists() => Err(RootError::NoSuchFolder(dir.to_path_buf())),
        Some(dir) => Err(RootError::NotACampaign(dir.to_path_buf())),
        None => discover(cwd).ok_or_else(|| RootError::NotFound(cwd.to_path_buf())),
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum RootError {
    /// `--root` names a folder that does not exist.
    NoSuchFolder(PathBuf),
    /// `--root` names a folder without campaign.toml.
    NotACampaign(PathBuf),
    /// No ancestor of the working directory holds campaign.toml.
    NotFound(PathBuf),
}
