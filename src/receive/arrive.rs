//! What each file handed over is, read where it lies: a file on its own,
//! followed to its file when it is a link, or a .zip unpacked and sorted
//! into its forms — each identified as if it had come on its own — and its
//! other files, the materials of a key activity. Nothing is decided here
//! about where anything goes.

use std::path::{Path, PathBuf};

use super::name::windows_fault;
use super::{LinkEnd, Refusal, archive, identify};
use crate::definition::{Campaign, ReportId};
use crate::discover::{self, Found};
use crate::layout::SUBMISSIONS;
use crate::read::{self, FileRead, workbook::Limits};

/// Archives other than .zip, which units are asked to send as .zip instead.
const OTHER_ARCHIVES: [&str; 8] = ["rar", "7z", "tar", "gz", "tgz", "bz2", "xz", "zst"];

/// What files are read with.
pub(super) struct Reader<'r> {
    pub campaign: &'r Campaign,
    pub root: &'r Path,
    /// `--unit`.
    pub unit: Option<&'r str>,
    pub limits: &'r Limits,
}

/// One input, taken in and read.
pub(super) enum Arrived {
    /// Not even read: it lies in `submissions/`, leads nowhere, is another
    /// kind of archive or cannot be unpacked.
    Refused { name: String, refusal: Refusal },
    /// A file on its own.
    Loose(Sent),
    /// A .zip: its forms, each as if sent on its own, and its other files,
    /// the materials of a key activity.
    Archive {
        name: String,
        found: Found,
        /// The unit the archive's name or `--unit` names.
        unit: Result<String, Refusal>,
        forms: Vec<Sent>,
        materials: Vec<archive::Unpacked>,
    },
}

/// A file that arrived, read where it lies.
pub(super) struct Sent {
    /// Its name as it arrived (`包.zip/报表/附件3.xlsx` for an archive's entry).
    pub name: String,
    /// Where its bytes are.
    pub source: PathBuf,
    pub found: Found,
    pub read: FileRead,
    /// The reports it is a version of; none for a material.
    pub reports: Vec<ReportId>,
    pub unit: Result<String, Refusal>,
}

/// Reads the input at `input`, unpacking an archive into `staging`.
pub(super) fn take(reader: &Reader, input: &Path, staging: &Path) -> Arrived {
    let name = input.file_name().map_or_else(
        || input.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let refused = |refusal| Arrived::Refused {
        name: name.clone(),
        refusal,
    };
    let found = discover::found_at(reader.root, input);
    if found.rel.starts_with(&format!("{SUBMISSIONS}/")) {
        return refused(Refusal::Submitted);
    }
    // A link is followed to the file it leads to, and read under its own name.
    let source = match followed(input) {
        Ok(source) => source,
        Err(refusal) => return refused(refusal),
    };
    if let discover::Kind::Special(what) = found.kind {
        return refused(Refusal::NotAFile(what));
    }
    let found = discover::found_outside(source.clone(), found.rel);
    let extension = found.extension();
    if OTHER_ARCHIVES.contains(&extension.as_str()) {
        return refused(Refusal::NotZip { extension });
    }
    let read = read::read_file(reader.campaign, &found, reader.limits);
    let unit = identify::unit(&read, reader.unit);
    if extension != "zip" {
        // The file is filed under its own name, which the clerk's Windows
        // must be able to open.
        if let Some(fault) = windows_fault(found.file_name()) {
            return refused(Refusal::WindowsName(fault));
        }
        let reports = identify::reports(reader.campaign, &read);
        return match unit {
            Ok(unit) => Arrived::Loose(Sent {
                name,
                source,
                found,
                read,
                reports,
                unit: Ok(unit),
            }),
            Err(refusal) => refused(refusal),
        };
    }
    if let Err(e) = std::fs::create_dir_all(staging) {
        return refused(Refusal::Unreadable(e.to_string()));
    }
    let unpacked = match archive::unpack(&source, reader.limits, staging) {
        Ok(unpacked) => unpacked,
        Err(error) => return refused(Refusal::Archive(error)),
    };
    let (forms, materials) = sort_out(reader, &name, &unit, unpacked);
    Arrived::Archive {
        name,
        found,
        unit,
        forms,
        materials,
    }
}

/// An archive's entries: its forms, read and identified as if they had
/// come on their own (an entry that names no unit is the archive's
/// unit's), and its other files.
fn sort_out(
    reader: &Reader,
    archive: &str,
    unit: &Result<String, Refusal>,
    unpacked: Vec<archive::Unpacked>,
) -> (Vec<Sent>, Vec<archive::Unpacked>) {
    let mut forms = Vec::new();
    let mut materials = Vec::new();
    for entry in unpacked {
        let rel = format!("{archive}/{}", entry.name.replace('\\', "/"));
        let found = discover::found_outside(entry.staged.clone(), rel);
        let read = read::read_file(reader.campaign, &found, reader.limits);
        let reports = identify::reports(reader.campaign, &read);
        if reports.is_empty() {
            materials.push(entry);
            continue;
        }
        let own = identify::unit(&read, reader.unit);
        forms.push(Sent {
            name: format!("{archive}/{}", entry.name),
            source: entry.staged,
            found,
            read,
            reports,
            unit: match (own, unit) {
                (Err(Refusal::NoUnit), Ok(unit)) => Ok(unit.clone()),
                (own, _) => own,
            },
        });
    }
    (forms, materials)
}

/// The file a handed-over path stands for: itself, or the file a link leads
/// to (a download may be a link into another folder).
fn followed(input: &Path) -> Result<PathBuf, Refusal> {
    let is_link = input
        .symlink_metadata()
        .is_ok_and(|meta| meta.file_type().is_symlink());
    if !is_link {
        return Ok(input.to_path_buf());
    }
    let target = std::fs::read_link(input).unwrap_or_else(|_| input.to_path_buf());
    let link = |end| Refusal::Link {
        target: target.clone(),
        end,
    };
    match std::fs::metadata(input) {
        Ok(meta) if meta.is_file() => input.canonicalize().map_err(|_| link(LinkEnd::Nothing)),
        Ok(_) => Err(link(LinkEnd::NotAFile)),
        Err(_) => Err(link(LinkEnd::Nothing)),
    }
}
