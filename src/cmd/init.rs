//! `campaign init [DIR]`: scaffold a new campaign folder.

use std::path::{Path, PathBuf};

use crate::cli::{Cli, InitArgs};
use crate::error::Error;
use crate::{Outcome, scaffold};

pub fn run(cli: &Cli, args: &InitArgs) -> Result<Outcome, Error> {
    let dir = folder(args.dir.as_deref(), cli.root.as_deref())?;
    let created = scaffold::init(&dir, args.force)?;
    let mut text = cli.lang.pick(
        format!(
            "已在 {} 新建活动，共写入 {} 个文件。",
            dir.display(),
            created.len()
        ),
        format!(
            "created a campaign in {} ({} files written).",
            dir.display(),
            created.len()
        ),
    );
    for path in &created {
        text.push_str(&format!("\n  {}", super::shown(&dir, path)));
    }
    text.push('\n');
    crate::stdout::print(text)?;
    Ok(Outcome::Clean)
}

/// Where the campaign goes: DIR, else `--root`, else here. Given both, they
/// must name one folder, however spelled.
fn folder(dir: Option<&Path>, root: Option<&Path>) -> Result<PathBuf, Error> {
    match (dir, root) {
        (Some(dir), Some(root)) if super::resolved(dir) != super::resolved(root) => {
            Err(Error::InitFolders {
                dir: dir.to_path_buf(),
                root: root.to_path_buf(),
            })
        }
        (Some(dir), _) | (None, Some(dir)) => Ok(dir.to_path_buf()),
        (None, None) => Ok(PathBuf::from(".")),
    }
}
