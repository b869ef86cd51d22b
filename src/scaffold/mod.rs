//! `campaign init`: the files of a new campaign folder.
//!
//! Only creates: the definition (replaced only with `force`), the forms, one
//! submissions folder per unit, a .gitignore and example CI files. Existing
//! files other than campaign.toml are left as they are.

use std::path::{Path, PathBuf};

use crate::definition::{Campaign, DEFAULT_TOML};
use crate::error::Error;
use crate::layout::{DEFINITION, SUBMISSIONS};
use crate::template;

const GITIGNORE: &str = include_str!("gitignore");
const GITHUB_WORKFLOW: &str = include_str!("github-workflow.yml");
const GITLAB_CI: &str = include_str!("gitlab-ci.yml");

/// Creates a campaign in `dir`; returns every file written.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>, Error> {
    let definition = dir.join(DEFINITION);
    if definition.exists() && !force {
        return Err(Error::InitExists(definition));
    }
    let mut written = Vec::new();
    write(&definition, DEFAULT_TOML)?;
    written.push(definition);
    let campaign = Campaign::parse(DEFAULT_TOML)?;
    written.extend(template::write_all(&campaign, dir)?);

    for unit in &campaign.units {
        let keep = dir.join(SUBMISSIONS).join(&unit.name).join(".gitkeep");
        if create_new(&keep, "")? {
            written.push(keep);
        }
    }
    for (path, text) in [
        (".gitignore", GITIGNORE),
        (".github/workflows/campaign.yml", GITHUB_WORKFLOW),
        (".gitlab-ci.yml", GITLAB_CI),
    ] {
        let path = dir.join(path);
        if create_new(&path, text)? {
            written.push(path);
        }
    }
    Ok(written)
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    crate::atomic::write(path, text.as_bytes()).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}

/// Writes `path` only if nothing is there yet; says whether it did.
fn create_new(path: &Path, text: &str) -> Result<bool, Error> {
    if path.exists() {
        return Ok(false);
    }
    write(path, text)?;
    Ok(true)
}
