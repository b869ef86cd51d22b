//! `campaign init`: the files of a new campaign folder.
//!
//! Only creates: the definition (replaced only with `force`), the forms, one
//! submissions folder per unit (through the intake, the only writer there),
//! a .gitignore and example CI files. Existing files other than
//! campaign.toml are left as they are.

use std::path::{Path, PathBuf};

use crate::definition::{Campaign, DEFAULT_TOML};
use crate::lang::Lang;
use crate::layout::{DEFINITION, SUBMISSIONS};
use crate::template::{self, TemplateError};

const GITIGNORE: &str = include_str!("gitignore");
const GITHUB_WORKFLOW: &str = include_str!("github-workflow.yml");
const GITLAB_CI: &str = include_str!("gitlab-ci.yml");
/// Keeps an empty unit folder in git.
const GITKEEP: &str = ".gitkeep";

/// Creates a campaign in `dir`; returns every file written.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>, ScaffoldError> {
    let definition = dir.join(DEFINITION);
    if definition.exists() && !force {
        return Err(ScaffoldError::Exists(definition));
    }
    let mut written = Vec::new();
    write(&definition, DEFAULT_TOML)?;
    written.push(definition);
    let campaign = Campaign::parse(DEFAULT_TOML)
        .expect("the default campaign is valid, as tests/definition.rs checks");
    written.extend(template::write_all(&campaign, dir).map_err(ScaffoldError::Template)?);

    for unit in &campaign.units {
        let keep = dir.join(SUBMISSIONS).join(&unit.name).join(GITKEEP);
        let added =
            crate::intake::add_file(dir, &[&unit.name, GITKEEP], b"").map_err(|source| {
                ScaffoldError::Write {
                    path: keep.clone(),
                    source,
                }
            })?;
        if added {
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

/// Why a campaign folder could not be created.
#[derive(Debug)]
pub enum ScaffoldError {
    /// campaign.toml is there already and `force` was not given.
    Exists(PathBuf),
    /// A file of the new folder could not be written.
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A blank form could not be written.
    Template(TemplateError),
}

impl ScaffoldError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            ScaffoldError::Exists(path) => lang.pick(
                format!(
                    "{} 已存在，未作改动。如确需用默认活动覆盖，请加 --force。",
                    path.display()
                ),
                format!(
                    "{} already exists and was left alone. Add --force to overwrite it with the default campaign.",
                    path.display()
                ),
            ),
            ScaffoldError::Write { path, source } => lang.pick(
                format!("新建活动时无法写入 {}：{source}", path.display()),
                format!(
                    "cannot write {} for the new campaign: {source}",
                    path.display()
                ),
            ),
            ScaffoldError::Template(error) => error.render(lang),
        }
    }
}

fn write(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    crate::atomic::write(path, text.as_bytes()).map_err(|source| ScaffoldError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Writes `path` only if nothing is there yet; says whether it did.
fn create_new(path: &Path, text: &str) -> Result<bool, ScaffoldError> {
    crate::atomic::write_new(path, text.as_bytes()).map_err(|source| ScaffoldError::Write {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_the_way_of_a_folder_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        // A file where submissions/ should be: no unit folder can be made under it.
        std::fs::write(tmp.path().join(SUBMISSIONS), "").unwrap();
        let error = init(tmp.path(), false).unwrap_err();
        let ScaffoldError::Write { path, .. } = &error else {
            panic!("{error:?}");
        };
        let unit = &Campaign::parse(DEFAULT_TOML).unwrap().units[0].name;
        assert_eq!(
            *path,
            tmp.path().join(SUBMISSIONS).join(unit).join(".gitkeep")
        );
        assert!(
            error
                .render(Lang::Zh)
                .starts_with(&format!("新建活动时无法写入 {}：", path.display())),
            "{}",
            error.render(Lang::Zh)
        );
        assert!(
            error.render(Lang::En).starts_with(&format!(
                "cannot write {} for the new campaign: ",
                path.display()
            )),
            "{}",
            error.render(Lang::En)
        );
    }

    #[test]
    fn an_existing_campaign_is_kept() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(DEFINITION), "# mine\n").unwrap();
        let error = init(tmp.path(), false).unwrap_err();
        assert_eq!(
            error.render(Lang::En),
            format!(
                "{} already exists and was left alone. Add --force to overwrite it with the default campaign.",
                tmp.path().join(DEFINITION).display()
            )
        );
        assert_eq!(
            std::fs::read_to_string(tmp.path().join(DEFINITION)).unwrap(),
            "# mine\n"
        );
    }
}
