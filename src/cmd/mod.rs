//! One module per subcommand, each with a single `run`.

pub mod check;
pub mod docs;
pub mod explain;
pub mod init;
pub mod merge;
pub mod overview;
pub mod remind;
pub mod stamp;
pub mod templates;

use std::path::{Path, PathBuf};

use crate::cli::{AsOf, Cli, DueSoon};
use crate::definition::Campaign;
use crate::error::Error;
use crate::layout::{DEFINITION, SUBMISSIONS};
use crate::progress::Progress;
use crate::read::FileRead;
use crate::receipt::Receipts;
use crate::status::Options;

/// The campaign root and its validated definition, as every command after `init` needs them.
pub fn open(cli: &Cli) -> Result<(PathBuf, Campaign), Error> {
    let cwd = std::env::current_dir().map_err(|source| Error::Read {
        path: PathBuf::from("."),
        source,
    })?;
    let root = crate::root::resolve(cli.root.as_deref(), &cwd)?;
    let campaign = Campaign::load(&root.join(DEFINITION))?;
    Ok((root, campaign))
}

/// Every submitted file, read, and when each was received: what check and merge judge.
/// Doubtful commit times are pointed out on standard error, whatever the output.
pub fn gather(
    root: &Path,
    campaign: &Campaign,
    cli: &Cli,
) -> Result<(Vec<FileRead>, Receipts), Error> {
    let found = crate::discover::discover(root).map_err(|source| Error::Read {
        path: root.join(SUBMISSIONS),
        source,
    })?;
    let paths: Vec<String> = found.iter().map(|f| f.rel.clone()).collect();
    let progress = Progress::on_stderr(found.len(), cli.quiet, cli.lang);
    // The history is read while the files are: `git log` is another process,
    // and most of its time is the repository's, not this one's.
    let (files, receipts) = std::thread::scope(|scope| {
        let history = scope.spawn(|| crate::receipt::receipts(root, &paths, campaign.timezone));
        let files = crate::read::read_found(campaign, &found, &progress);
        let receipts = history
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (files, receipts)
    });
    progress.finish();
    let receipts = receipts.map_err(Error::Receipt)?;
    for warning in &receipts.warnings {
        eprintln!(
            "{}{}",
            cli.lang.pick("注意：", "warning: "),
            warning.render(cli.lang)
        );
    }
    Ok((files, receipts))
}

/// The clock, in the campaign's time zone.
pub fn now(campaign: &Campaign) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().with_timezone(&campaign.timezone)
}

/// `--as-of` as given, or `default` when it is not.
pub fn as_of(
    given: Option<&str>,
    campaign: &Campaign,
    default: impl FnOnce() -> chrono::DateTime<chrono::FixedOffset>,
) -> Result<chrono::DateTime<chrono::FixedOffset>, Error> {
    match given {
        Some(text) => crate::when::parse_instant(text, campaign.timezone)
            .ok_or_else(|| Error::BadInstant(text.to_owned())),
        None => Ok(default()),
    }
}

/// How check and remind judge: at `--as-of` (default: now), chasing what is
/// due within `--due-soon` days.
pub fn options(campaign: &Campaign, as_of: &AsOf, due_soon: &DueSoon) -> Result<Options, Error> {
    Ok(Options {
        as_of: self::as_of(as_of.text.as_deref(), campaign, || now(campaign))?,
        soon: due_soon.window(),
    })
}

/// Refuses an output path inside submissions/ (SPEC §7: nothing is ever written there).
pub fn refuse_submissions(root: &Path, out: &Path) -> Result<(), Error> {
    if resolved(out).starts_with(resolved(&root.join(SUBMISSIONS))) {
        return Err(Error::OutputInSubmissions(absolute(out)));
    }
    Ok(())
}

/// `path` from the root of the file system, with links and `..` resolved as
/// far as it exists, so that two spellings of one folder compare equal.
pub fn resolved(path: &Path) -> PathBuf {
    let path = absolute(path);
    let existing = path
        .ancestors()
        .find(|p| p.exists())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| path.clone());
    let rest = path
        .strip_prefix(&existing)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    existing.canonicalize().unwrap_or(existing).join(rest)
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
