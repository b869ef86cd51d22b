//! `campaign init [DIR]`: scaffold a new campaign folder.

use std::io::Write;

use crate::cli::InitArgs;
use crate::error::Error;
use crate::lang::Lang;
use crate::{Outcome, scaffold};

pub fn run(args: &InitArgs, lang: Lang) -> Result<Outcome, Error> {
    let dir = args.dir.clone().unwrap_or_else(|| ".".into());
    let created = scaffold::init(&dir, args.force)?;
    let mut out = std::io::stdout().lock();
    let line = lang.pick(
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
    writeln!(out, "{line}").map_err(Error::Output)?;
    for path in &created {
        let shown = path.strip_prefix(&dir).unwrap_or(path);
        writeln!(out, "  {}", shown.display()).map_err(Error::Output)?;
    }
    Ok(Outcome::Clean)
}
