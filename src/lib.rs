//! `campaign`: collect the forms a campaign's units return, check who is on
//! time, late, missing or wrong, and consolidate them.
//!
//! Data flows one way: [`definition`] → discovery → reading → receipt times →
//! statuses → outputs; only [`intake`] writes into `submissions/`, and only
//! adds ([`receive`] decides what `campaign receive` adds). Files come from
//! the folder or, for an earlier instant, from the git history ([`history`]);
//! [`diff`] compares the versions two judgements count. The binary only
//! parses arguments and calls [`run`].

pub mod atomic;
pub mod cli;
pub mod cmd;
pub mod definition;
pub mod diff;
pub mod discover;
pub mod error;
pub mod git;
pub mod history;
pub mod intake;
pub mod lang;
pub mod layout;
pub mod merge;
pub mod normalize;
pub mod output;
pub mod progress;
pub mod read;
pub mod receipt;
pub mod receive;
pub mod root;
pub mod scaffold;
pub mod status;
pub mod stdout;
pub mod template;
pub mod when;
pub mod width;
pub mod xlsx;
pub mod zh;

pub use error::Error;

use cli::{Cli, Command};

/// How a command that ran to the end came out (SPEC §6 exit statuses 0 and 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing in a `--fail-on` status.
    Clean,
    /// At least one result in a `--fail-on` status.
    Flagged,
}

impl Outcome {
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Clean => 0,
            Outcome::Flagged => 1,
        }
    }
}

/// Exit status for a campaign that could not be read, or bad usage.
pub const EXIT_ERROR: i32 = 2;

/// Runs one parsed command line.
pub fn run(cli: &Cli) -> Result<Outcome, Error> {
    let Some(command) = &cli.command else {
        return cmd::overview::run(cli);
    };
    match command {
        Command::Init(args) => cmd::init::run(cli, args),
        Command::Templates => cmd::templates::run(cli),
        Command::Check(args) => cmd::check::run(cli, args),
        Command::Merge(args) => cmd::merge::run(cli, args),
        Command::Explain(args) => cmd::explain::run(cli, args),
        Command::Receive(args) => cmd::receive::run(cli, args),
        Command::Stamp => cmd::stamp::run(cli),
        Command::Remind(args) => cmd::remind::run(cli, args),
        Command::Diff(args) => cmd::diff::run(cli, args),
        Command::Completions(args) => cmd::docs::completions(cli, args),
        Command::Man => cmd::docs::man(cli),
    }
}
