//! One module per subcommand, each with a single `run`.

pub mod check;
pub mod diff;
pub mod docs;
pub mod explain;
pub mod init;
pub mod merge;
pub mod overview;
pub mod receive;
pub mod remind;
pub mod stamp;
pub mod templates;

use std::path::{Component, Path, PathBuf};

use crate::cli::{AsOf, Cli, DueSoon};
use crate::definition::Campaign;
use crate::diff::judged::Judged;
use crate::error::Error;
use crate::git::NotInstalled;
use crate::history::Store;
use crate::lang::Lang;
use crate::layout::{DEFINITION, SUBMISSIONS};
use crate::progress::Progress;
use crate::read::FileRead;
use crate::receipt::{ReceiptError, Receipts};
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
/// Doubtful commit times are left to the caller: check's formats list them.
pub fn gather(
    root: &Path,
    campaign: &Campaign,
    cli: &Cli,
) -> Result<(Vec<FileRead>, Receipts), Error> {
    let (files, _, receipts) = read_with_history(root, campaign, cli)?;
    Ok((files, receipts.map_err(Error::Receipt)?))
}

/// [`gather_noting_history`], but where git is not installed to read the
/// history of the repository the campaign is in, the files as they are,
/// dated by the ledger and their modification times, and a warning saying
/// so: what `merge` still does without git, since the numbers it adds up
/// are the files' own.
pub fn gather_even_without_git(
    root: &Path,
    campaign: &Campaign,
    cli: &Cli,
) -> Result<(Vec<FileRead>, Receipts), Error> {
    let (files, paths, receipts) = read_with_history(root, campaign, cli)?;
    let receipts = match receipts {
        Ok(receipts) => receipts,
        Err(ReceiptError::NoGit(missing)) => {
            eprintln!("{}", without_git(missing, cli.lang));
            crate::receipt::without_history(root, &paths, campaign.timezone)
        }
        Err(error) => return Err(Error::Receipt(error)),
    };
    note_history(&receipts, cli.lang);
    Ok((files, receipts))
}

/// What [`gather_even_without_git`] warns of.
fn without_git(missing: NotInstalled, lang: Lang) -> String {
    let install = missing.install(lang);
    lang.pick(
        format!(
            "注意：找不到 git（这台电脑没有安装 git，或 git 不在 PATH 中），无法读取活动文件夹的提交历史。本次按文件夹中现有的文件汇总，收到时间按收件登记和文件的修改时间计（标 †）：同一单位同一报表有几个文件时以修改时间最新的为准，报送情况.xlsx 中的状态未必准确。{install}安装后重新运行即可按提交历史汇总。"
        ),
        format!(
            "warning: git not found (not installed on this computer, or not on PATH), so the history of the campaign folder cannot be read. This rollup is of the files in the folder as they are, dated by the ledger and their modification times (marked †): where a unit has several files for one report the one modified last counts, and the statuses in 报送情况.xlsx may be wrong. {install}Then run again for a rollup by the history."
        ),
    )
}

/// Every submitted file, read, their paths, and what the history says of
/// when each was received.
type Gathered = (Vec<FileRead>, Vec<String>, Result<Receipts, ReceiptError>);

fn read_with_history(root: &Path, campaign: &Campaign, cli: &Cli) -> Result<Gathered, Error> {
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
    Ok((files, paths, receipts))
}

/// [`gather`], pointing out doubtful commit times on standard error: for the
/// commands whose output has no place for them (check's formats list them).
pub fn gather_noting_history(
    root: &Path,
    campaign: &Campaign,
    cli: &Cli,
) -> Result<(Vec<FileRead>, Receipts), Error> {
    let gathered = gather(root, campaign, cli)?;
    note_history(&gathered.1, cli.lang);
    Ok(gathered)
}

/// Points out doubtful commit times on standard error.
fn note_history(receipts: &Receipts, lang: Lang) {
    for warning in &receipts.warnings {
        eprintln!(
            "{}{}",
            lang.pick("注意：", "warning: "),
            warning.render(lang)
        );
    }
}

/// A file the command wrote, as it lists it: below `root` relative to it and
/// with `/` on every system, as campaign names every file of the campaign
/// folder (SPEC §5 `path`), so that Windows prints what Linux prints;
/// elsewhere as the system spells it.
pub fn shown(root: &Path, path: &Path) -> String {
    let Ok(below) = path.strip_prefix(root) else {
        return path.display().to_string();
    };
    let parts: Vec<_> = below.iter().map(|part| part.to_string_lossy()).collect();
    parts.join("/")
}

/// What is judged at `at`: when that instant was asked for (`--as-of`:
/// `asked`), the campaign as it stood then, from what [`gather`] found now —
/// its definition then, each file's version received by then, their
/// receipts as they stood ([`crate::history`]); otherwise the campaign as it is.
pub fn as_asked<'n>(
    root: &Path,
    campaign: &'n Campaign,
    (files, receipts): &'n (Vec<FileRead>, Receipts),
    (at, asked): (chrono::DateTime<chrono::FixedOffset>, bool),
    store: &mut Store,
) -> Result<Judged<'n>, Error> {
    let now = (files.as_slice(), receipts);
    match asked {
        true => Judged::at(root, campaign, now, at, store),
        false => Ok(Judged::now(campaign, now, at)),
    }
}

/// What stood in for the contents the history cannot give at the instant
/// judged, on standard error: for the commands whose output has no place for
/// it (check's formats list it).
pub fn note_substitutes(receipts: &Receipts, cli: &Cli) {
    for substitute in &receipts.substitutes {
        eprintln!(
            "{}{}",
            cli.lang.pick("注意：", "note: "),
            substitute.render(cli.lang)
        );
    }
}

/// The history's contents for one run: one `git cat-file`, started when first needed.
pub fn store<'r>(root: &'r Path, campaign: &Campaign) -> Store<'r> {
    Store::new(root, &crate::read::limits(campaign))
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
        Some(text) => {
            crate::when::parse_instant(text, campaign.timezone).ok_or_else(|| Error::BadInstant {
                flag: "--as-of",
                text: text.to_owned(),
            })
        }
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

/// The canonical name of the unit `--unit` names by its name or an alias.
pub fn unit_named(campaign: &Campaign, name: &str) -> Result<String, Error> {
    match campaign.find_unit(name) {
        Some(unit) => Ok(unit.name.clone()),
        None => Err(Error::UnknownUnit {
            name: name.to_owned(),
            units: campaign.units.iter().map(|u| u.name.clone()).collect(),
        }),
    }
}

/// Refuses an output path inside submissions/ (SPEC §7: nothing is ever
/// written there), however it is spelt. Two readings must both keep out:
/// the path with `..` taken as written ([`lexical`]), and the path the
/// system will reach ([`resolved`]), links followed as far as it exists;
/// the second is named in the refusal, as the place it would have landed.
pub fn refuse_submissions(root: &Path, out: &Path) -> Result<(), Error> {
    let submissions = root.join(SUBMISSIONS);
    let inside = lexical(out).starts_with(lexical(&submissions))
        || resolved(out).starts_with(resolved(&submissions));
    if inside {
        return Err(Error::OutputInSubmissions(resolved(out)));
    }
    Ok(())
}

/// `path` from the root of the file system, as the system will reach it:
/// each step that exists with its links resolved, the steps below the first
/// missing one as written (the folders a write creates there are plain
/// folders, so `..` out of one leads back to where it was made). Two
/// spellings of one place compare equal.
pub fn resolved(path: &Path) -> PathBuf {
    walk(path, |at| at.canonicalize().unwrap_or(at))
}

/// `path` from the root of the file system with `.` and `..` taken as
/// written, whatever the folders are.
fn lexical(path: &Path) -> PathBuf {
    walk(path, |at| at)
}

/// `path` made absolute and walked step by step, `..` taking the last step
/// back; `settle` sees the path after each forward step.
fn walk(path: &Path, settle: impl Fn(PathBuf) -> PathBuf) -> PathBuf {
    let mut at = PathBuf::new();
    for step in absolute(path).components() {
        match step {
            Component::CurDir => {}
            Component::ParentDir => {
                at.pop();
            }
            step => {
                at.push(step);
                at = settle(at);
            }
        }
    }
    at
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn a_file_below_the_root_is_shown_with_slashes_and_one_elsewhere_as_the_system_spells_it() {
        let root = Path::new("活动");
        let rollup = root.join("out").join("附件3.xlsx");
        assert_eq!(super::shown(root, &rollup), "out/附件3.xlsx");
        let elsewhere = Path::new("汇总").join("附件3.xlsx");
        assert_eq!(
            super::shown(root, &elsewhere),
            elsewhere.display().to_string()
        );
    }
}
