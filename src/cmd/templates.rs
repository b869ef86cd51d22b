//! `campaign templates`: write the blank forms into templates/.

use crate::cli::Cli;
use crate::error::Error;
use crate::{Outcome, template};

pub fn run(cli: &Cli) -> Result<Outcome, Error> {
    let (root, campaign) = super::open(cli)?;
    super::refuse_submissions(&root, &root.join(crate::layout::TEMPLATES))?;
    let written = template::write_all(&campaign, &root)?;
    let lines: String = written
        .iter()
        .map(|path| format!("{}\n", super::shown(&root, path)))
        .collect();
    crate::stdout::print(lines)?;
    Ok(Outcome::Clean)
}
