//! Filing what arrived outside the shared repository (`campaign receive`):
//! forms a unit sent by e-mail or messenger, and the .zip of a key
//! activity's photos and videos (or of forms).
//!
//! For every file the clerk hands over, this module decides which unit and
//! report it is — by the reader's own rules ([`crate::read::read_file`]), on
//! the file as it lies in the downloads folder and again as it will lie in
//! the unit's folder — where it goes under `submissions/` (`place`), and
//! whether its content arrived before (its sha256 in the ledger, in the
//! unit's files, or earlier in the same run, always for the same unit). It
//! writes nothing there: the intake does ([`crate::intake::deliver`]). It
//! judges nothing either: what a file's status now is comes from a check of
//! the campaign with the new files in ([`with_new`]), the very check
//! `campaign check` runs.
//!
//! A file that cannot be identified is refused on its own; the others of the
//! run are still filed.

mod archive;
mod arrive;
pub mod commit;
mod error;
mod identify;
mod name;
mod place;
mod plan;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::definition::{Campaign, ReportId};
use crate::discover;
use crate::intake::{Bytes, Delivery, Obstacle};
use crate::read::FileRead;
use crate::read::problem::{Problem, Source};
use crate::receipt::{Receipt, Receipts, Recorded, Via};
use crate::status::{self, Check};

pub use archive::{ArchiveError, Clash, MAX_ENTRIES, NameFault};
pub use commit::CommitError;
pub use error::ReceiveError;
pub use name::{WindowsFault, shown};
pub use plan::plan;

/// What the clerk says about the files of one run.
#[derive(Debug, Clone, Copy)]
pub struct Given<'a> {
    /// `--unit`, as the unit's canonical name.
    pub unit: Option<&'a str>,
    /// `--activity`: the key activity of archives and photos.
    pub activity: Option<&'a str>,
    /// When they arrived (`--at`, default now), in the campaign's time zone.
    pub at: DateTime<FixedOffset>,
    /// How they came (`--via`): email, wechat, paper …
    pub via: &'a str,
}

/// The campaign as it stands now, which files are filed into.
pub struct Current<'a> {
    pub campaign: &'a Campaign,
    pub root: &'a Path,
    /// The submitted files, read, and when each was received.
    pub files: &'a [FileRead],
    pub receipts: &'a Receipts,
    /// How the campaign is judged: now.
    pub options: status::Options,
    /// Judged now, before anything is filed.
    pub check: &'a Check<'a>,
    pub ledger: &'a Recorded,
}

/// What became of one file handed over.
#[derive(Debug, Clone)]
pub struct Handled {
    /// Its name as it arrived.
    pub name: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Filed(Filed),
    /// Everything in it arrived before: the paths that hold that content.
    Duplicate(Vec<String>),
    Refused(Refusal),
}

/// A file (or an archive's files) to add for one unit.
#[derive(Debug, Clone)]
pub struct Filed {
    pub unit: String,
    pub what: What,
    /// The new files, each read as it will be found where it goes.
    pub files: Vec<NewFile>,
    /// Entries of an archive that arrived before, by the path holding that content.
    pub known: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// Forms or a document: the reports it is a version of.
    Reports(Vec<ReportId>),
    /// The materials of a key activity.
    Materials { activity: String },
}

#[derive(Debug, Clone)]
pub struct NewFile {
    pub delivery: Delivery,
    pub read: FileRead,
}

impl NewFile {
    /// Whether the file lies in its place already, left unrecorded by a run
    /// that stopped: it is recorded, not copied.
    pub fn adopted(&self) -> bool {
        self.delivery.bytes == Bytes::InPlace
    }
}

/// Why a file was not filed.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Neither its content nor its name names a unit, and no `--unit` was given.
    NoUnit,
    /// Its 填报单位, its name and `--unit` do not name one unit.
    Conflict {
        given: Option<String>,
        claims: Vec<(Source, String)>,
    },
    /// It is a version of no report: the reader's reason.
    NoReport {
        reason: Option<Box<Problem>>,
    },
    /// An archive or a photo whose key activity is neither given nor in its
    /// name; the unit's planned activities.
    NoActivity {
        unit: String,
        planned: Vec<String>,
    },
    /// An archive other than .zip (its extension).
    NotZip {
        extension: String,
    },
    Archive(ArchiveError),
    /// A folder on the way to its place is no real folder.
    Obstacle(Obstacle),
    /// A link in the downloads folder that leads to no file.
    Link {
        target: PathBuf,
        end: LinkEnd,
    },
    /// The file lies in `submissions/` already.
    Submitted,
    /// Its name is one Windows cannot use, so it cannot be filed under it.
    WindowsName(WindowsFault),
    /// A named pipe, socket, device or link to one: never opened.
    NotAFile(discover::Special),
    /// The file could not be read (the system's words).
    Unreadable(String),
}

/// Where a link that leads to no file leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkEnd {
    /// Nothing is there.
    Nothing,
    /// A folder, or another thing that is not a regular file.
    NotAFile,
}

/// The files to receive: `files` as given, then everything directly in `dir`
/// but folders, by name, skipping what a person would not count (lock files,
/// hidden files, system clutter). A link is taken whatever it leads to, and a
/// named pipe or a device too, so that each is refused with its reason
/// rather than passed over.
pub fn inputs(files: &[PathBuf], dir: Option<&Path>) -> Result<Vec<PathBuf>, ReceiveError> {
    let mut inputs = files.to_vec();
    let Some(dir) = dir else {
        return Ok(inputs);
    };
    let folder_error = |source| ReceiveError::Folder {
        path: dir.to_path_buf(),
        source,
    };
    let mut listed = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(folder_error)? {
        let entry = entry.map_err(folder_error)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let not_a_folder = entry.file_type().is_ok_and(|kind| !kind.is_dir());
        if not_a_folder && !discover::is_ignored(&name) {
            listed.push(entry.path());
        }
    }
    listed.sort();
    inputs.extend(listed);
    Ok(inputs)
}

/// The files and receipts of the campaign with `new` files in, as
/// `campaign check` will find them once they are: each read at its place and
/// received as its ledger entry says.
pub fn with_new<'n>(
    files: &[FileRead],
    receipts: &Receipts,
    new: impl IntoIterator<Item = &'n NewFile>,
) -> (Vec<FileRead>, Receipts) {
    let mut files = files.to_vec();
    let mut receipts = receipts.clone();
    for new in new {
        // An adopted file is among the files already; only its receipt changes.
        if !new.adopted() {
            files.push(new.read.clone());
        }
        let receipt = Receipt {
            first: new.delivery.entry.at,
            via: Via::Ledger,
            changes: Vec::new(),
            moved: None,
        };
        receipts
            .by_path
            .insert(new.delivery.entry.path.clone(), receipt);
    }
    (files, receipts)
}

/// Every new file of a run, in order.
pub fn new_files(handled: &[Handled]) -> impl Iterator<Item = &NewFile> {
    filed(handled).flat_map(|filed| &filed.files)
}

/// What a run filed, in order.
fn filed(handled: &[Handled]) -> impl Iterator<Item = &Filed> {
    handled.iter().filter_map(|h| match &h.outcome {
        Outcome::Filed(filed) => Some(filed),
        _ => None,
    })
}

/// The unit of every new file of a run, in the order of [`new_files`].
pub fn units(handled: &[Handled]) -> Vec<&str> {
    filed(handled)
        .flat_map(|filed| filed.files.iter().map(|_| filed.unit.as_str()))
        .collect()
}

/// The filed files of a run by unit, units in the order they first came.
pub fn by_unit(handled: &[Handled]) -> Vec<(&str, Vec<&Filed>)> {
    let mut units: Vec<(&str, Vec<&Filed>)> = Vec::new();
    for one in filed(handled) {
        match units.iter_mut().find(|(unit, _)| *unit == one.unit) {
            Some((_, of_unit)) => of_unit.push(one),
            None => units.push((&one.unit, vec![one])),
        }
    }
    units
}
