//! `campaign completions SHELL` and `campaign man`: the command line's own
//! documentation, printed for installers and packagers to put in place.

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Error;
use crate::{Outcome, cli};

pub fn completions(cli: &Cli, args: &CompletionsArgs) -> Result<Outcome, Error> {
    print(cli::completions(args.shell, cli.lang))
}

pub fn man(cli: &Cli) -> Result<Outcome, Error> {
    print(cli::manual(cli.lang))
}

fn print(bytes: impl AsRef<[u8]>) -> Result<Outcome, Error> {
    crate::stdout::print(bytes)?;
    Ok(Outcome::Clean)
}
