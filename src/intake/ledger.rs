//! Appending to the receipt ledger `submissions/received.toml`.
//!
//! New `[[received]]` entries (and, on stamp's first run, its `[stamp]`
//! table) go after every byte already in the file, comments and the clerk's
//! own layout included. The whole file is written beside the ledger and
//! renamed over it, so a reader sees the old ledger or the new one, never
//! half of one; and it is written only if the file still holds exactly the
//! text the entries were decided on, and only if the result reads back as
//! that ledger with the new entries.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use crate::lang::Lang;
use crate::layout::{LEDGER, LEDGER_PATH, SUBMISSIONS};
use crate::receipt::{Sha256, Start, tables_in};

/// One `[[received]]` entry to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Root-relative `/` path.
    pub path: String,
    /// When the file arrived; written to the second.
    pub at: DateTime<FixedOffset>,
    /// How it came: `ci`, `email` …
    pub via: String,
    pub sha256: Sha256,
    /// The file's name as it arrived, when it was filed under another
    /// (`campaign receive`): `附件3(1).xlsx`, or `照片.zip/现场/1.jpg` for a
    /// file unpacked from an archive.
    pub name: Option<String>,
}

/// Why nothing was appended; the ledger is as it was.
#[derive(Debug)]
pub enum IntakeError {
    /// The ledger changed after it was read (another run, or a clerk's edit).
    Changed,
    /// The ledger with the new entries would not read back as the ledger
    /// (it keeps its entries in a form that cannot be added to).
    NotAppendable,
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A file could not be added at `path` (root-relative): its name was
    /// taken meanwhile (`source` is `None`), or writing it failed.
    Add {
        path: String,
        source: Option<std::io::Error>,
    },
    /// A folder on the way to a file's place is no real folder.
    Obstacle(super::Obstacle),
}

impl IntakeError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            IntakeError::Changed => lang.pick(
                format!("{LEDGER_PATH} 在登记过程中被改动了，本次没有写入，请重试。"),
                format!("{LEDGER_PATH} changed while the entries were being prepared; nothing was written, try again."),
            ),
            IntakeError::NotAppendable => lang.pick(
                format!("无法在 {LEDGER_PATH} 末尾追加 [[received]] 条目：追加后的文件读不出原有的登记加上新登记（例如登记写成了 received = [ … ] 的形式）。请把登记改写成一个个 [[received]] 表后重试；收件登记未作改动。"),
                format!("cannot append [[received]] entries to {LEDGER_PATH}: the result would not read as its entries plus the new ones (its entries may be written as received = [ … ]). Write them as [[received]] tables and try again; the ledger was left as it was."),
            ),
            IntakeError::Write { path, source } => lang.pick(
                format!("无法写入 {}：{source}", path.display()),
                format!("cannot write {}: {source}", path.display()),
            ),
            IntakeError::Add { path, source: None } => lang.pick(
                format!("{path} 在收件过程中被别的文件占用了，请重试。"),
                format!("{path} was taken by another file meanwhile; try again."),
            ),
            IntakeError::Add { path, source: Some(source) } => lang.pick(
                format!("无法写入 {path}：{source}"),
                format!("cannot write {path}: {source}"),
            ),
            IntakeError::Obstacle(obstacle) => obstacle.render(lang),
        }
    }
}

/// Appends `start` (if any) and `entries` to the ledger of the campaign at
/// `root`, which must still hold exactly `read` (`None`: no ledger yet).
pub fn append(
    root: &std::path::Path,
    read: Option<&str>,
    start: Option<&Start>,
    entries: &[Entry],
) -> Result<(), IntakeError> {
    let path = root.join(SUBMISSIONS).join(LEDGER);
    let old = read.unwrap_or("");
    let text = format!("{old}{}", addition(old, start, entries));
    let (had, started) = tables_in(old).ok_or(IntakeError::NotAppendable)?;
    if tables_in(&text) != Some((had + entries.len(), started || start.is_some())) {
        return Err(IntakeError::NotAppendable);
    }
    let write_error = |source| IntakeError::Write {
        path: path.clone(),
        source,
    };
    let Some(read) = read else {
        return match crate::atomic::write_new(&path, text.as_bytes()) {
            Ok(true) => Ok(()),
            Ok(false) => Err(IntakeError::Changed),
            Err(source) => Err(write_error(source)),
        };
    };
    // Between this check and the rename another writer could still slip in;
    // CI runs stamp one job at a time, and a clerk's edit at that very
    // second is lost no more than any concurrent edit of one file is.
    match std::fs::read(&path) {
        Ok(current) if current == read.as_bytes() => {}
        Ok(_) => return Err(IntakeError::Changed),
        Err(source) => return Err(write_error(source)),
    }
    crate::atomic::write(&path, text.as_bytes()).map_err(write_error)
}

/// The ledger's text `read` (`None`: no ledger yet) with `entries` appended,
/// byte for byte as [`append`] writes it: what the ledger holds once those
/// entries are in, e.g. for a commit of some of them.
pub fn with_entries(read: Option<&str>, entries: &[Entry]) -> String {
    let old = read.unwrap_or("");
    format!("{old}{}", addition(old, None, entries))
}

/// The text to put after `old`: on a line of its own, a blank line before
/// each table, in the line endings `old` uses.
fn addition(old: &str, start: Option<&Start>, entries: &[Entry]) -> String {
    let mut tables: Vec<String> = Vec::new();
    if let Some(start) = start {
        tables.push(format!(
            "# campaign stamp 自此登记新到文件的收到时间；commit 所指提交中已有的文件仍按提交时间计。\n\
             # campaign stamp records arrivals from here on; files already in this commit keep their commit times.\n\
             [stamp]\ncommit = {}\nat = {}\n",
            quoted(&start.commit),
            instant(start.at)
        ));
    }
    for entry in entries {
        let name = entry
            .name
            .as_deref()
            .map(|name| format!("name = {}\n", quoted(name)))
            .unwrap_or_default();
        tables.push(format!(
            "[[received]]\npath = {}\nat = {}\nvia = {}\n{name}sha256 = {}\n",
            quoted(&entry.path),
            instant(entry.at),
            quoted(&entry.via),
            quoted(entry.sha256.as_str())
        ));
    }
    let mut text = String::new();
    if !old.is_empty() && !old.ends_with('\n') {
        text.push('\n');
    }
    for table in tables {
        if !(old.is_empty() && text.is_empty()) {
            text.push('\n');
        }
        text.push_str(&table);
    }
    if old.contains("\r\n") {
        text = text.replace('\n', "\r\n");
    }
    text
}

/// A TOML string, quoted and escaped as TOML needs.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// A TOML offset date-time, to the second.
fn instant(at: DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str) -> Entry {
        Entry {
            path: path.to_owned(),
            at: DateTime::parse_from_rfc3339("2021-06-05T10:00:00+08:00").unwrap(),
            via: "ci".to_owned(),
            sha256: Sha256::of(b"v1"),
            name: None,
        }
    }

    fn ledger_in(root: &std::path::Path, text: &str) -> PathBuf {
        let path = root.join(SUBMISSIONS).join(LEDGER);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_path_of_any_characters_is_written_as_toml_and_read_back() {
        let tmp = tempfile::tempdir().unwrap();
        let odd = "submissions/党建室/附件1 \"终稿\"\\副本.xlsx";
        append(tmp.path(), None, None, &[entry(odd)]).unwrap();
        let text = std::fs::read_to_string(tmp.path().join(LEDGER_PATH)).unwrap();
        let value: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(value["received"][0]["path"].as_str(), Some(odd));
        assert_eq!(tables_in(&text), Some((1, false)));
    }

    #[test]
    fn entries_kept_as_an_inline_list_cannot_be_added_to() {
        let tmp = tempfile::tempdir().unwrap();
        let text = "received = [ { path = \"submissions/a.xlsx\", at = 2021-06-01 } ]\n";
        let path = ledger_in(tmp.path(), text);
        let error = append(tmp.path(), Some(text), None, &[entry("submissions/b.xlsx")]);
        assert!(
            matches!(error, Err(IntakeError::NotAppendable)),
            "{error:?}"
        );
        assert_eq!(std::fs::read_to_string(path).unwrap(), text);
    }

    #[test]
    fn a_ledger_that_changed_since_it_was_read_is_left_as_it_is() {
        let tmp = tempfile::tempdir().unwrap();
        let path = ledger_in(tmp.path(), "# edited meanwhile\n");
        for read in [None, Some("")] {
            let error = append(tmp.path(), read, None, &[entry("submissions/b.xlsx")]);
            assert!(matches!(error, Err(IntakeError::Changed)), "{error:?}");
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                "# edited meanwhile\n"
            );
        }
        assert_eq!(
            IntakeError::Changed.render(Lang::Zh),
            "submissions/received.toml 在登记过程中被改动了，本次没有写入，请重试。"
        );
    }
}
