//! `campaign completions SHELL` and `campaign man`: the command line's own
//! documentation, printed for installers and packagers to put in place.

use std::io::Write;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Error;
use crate::{Outcome, cli};

pub fn completions(cli: &Cli, args: &CompletionsArgs) -> Result<Outcome, Error> {
    print(&cli::completions(args.shell, cli.lang))
}

pub fn man(cli: &Cli) -> Result<Outcome, Error> {
    print(cli::manual(cli.lang).as_bytes())
}

fn print(bytes: &[u8]) -> Result<Outcome, Error> {
    std::io::stdout()
        .lock()
        .write_all(bytes)
        .map_err(Error::Output)?;
    Ok(Outcome::Clean)
}
