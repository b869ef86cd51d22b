//! `campaign templates`: write the blank forms into templates/.

use std::io::Write;

use crate::cli::Cli;
use crate::error::Error;
use crate::{Outcome, template};

pub fn run(cli: &Cli) -> Result<Outcome, Error> {
    let (root, campaign) = super::open(cli)?;
    super::refuse_submissions(&root, &root.join(crate::layout::TEMPLATES))?;
    let written = template::write_all(&campaign, &root)?;
    let mut out = std::io::stdout().lock();
    for path in written {
        let shown = path.strip_prefix(&root).unwrap_or(&path);
        writeln!(out, "{}", shown.display()).map_err(Error::Output)?;
    }
    Ok(Outcome::Clean)
}
