//! Where a file that arrived goes under `submissions/`, and under what name.
//!
//! A form keeps the name it came with, after the short names of its reports
//! when it does not already hold them (`附件3-新建 Microsoft Excel 工作表.xlsx`),
//! so that the folder reads clearly and the sender's name stays
//! recognisable. A document keeps its name as it is, since the reader tells
//! documents apart by the words in their names. A second version of a report
//! the unit has sent is named so (`附件3-附件3（修订2）.xlsx`) and lies beside
//! the first; a name that is taken all the same gets a number (`（2）`).
//! Names are Chinese whatever `--lang` says, like every file in the folder.

use std::collections::HashSet;
use std::path::Path;

use super::name::fold;
use crate::definition::{Campaign, ReportId};
use crate::layout::SUBMISSIONS;
use crate::normalize::key;
use crate::read::Content;

/// The folder of `unit` below `submissions/`: the one named by its name if
/// there is one, else the first named by an alias, else its name.
pub(super) fn unit_folder(root: &Path, campaign: &Campaign, unit: &str) -> String {
    let mut folders: Vec<String> = std::fs::read_dir(root.join(SUBMISSIONS))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        // A link is found too, so that it is refused rather than passed by.
        .filter(|entry| {
            entry
                .file_type()
                .is_ok_and(|t| t.is_dir() || t.is_symlink())
        })
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| campaign.find_unit(name).is_some_and(|u| u.name == unit))
        .collect();
    folders.sort();
    if folders.iter().any(|name| name == unit) {
        return unit.to_owned();
    }
    folders
        .into_iter()
        .next()
        .unwrap_or_else(|| unit.to_owned())
}

/// The name a version of `reports` is filed under, `original` being the
/// name it came with; `revision` is its number among the unit's versions
/// when it is not the first.
pub(super) fn report_name(
    campaign: &Campaign,
    content: &Content,
    reports: &[ReportId],
    original: &str,
    revision: Option<usize>,
) -> String {
    let (stem, extension) = split(original);
    let shorts: Vec<&str> = reports
        .iter()
        .filter_map(|id| campaign.report(&id.0))
        .map(|report| report.short.as_str())
        .collect();
    let named = shorts.iter().all(|short| key(stem).contains(&key(short)));
    let mut stem = if named || matches!(content, Content::Document { .. }) {
        stem.to_owned()
    } else {
        format!("{}-{stem}", shorts.join("、"))
    };
    if let Some(n) = revision {
        stem.push_str(&format!("（修订{n}）"));
    }
    format!("{stem}{extension}")
}

/// `parts` (below `submissions/`), or, when that name is taken, the same
/// name numbered `（2）`, `（3）` … before its extension. A name is taken when
/// something lies there, or under the same name once case and composition
/// are ignored (Windows and macOS would take them for one), or when `taken`
/// holds its [`fold`]: the paths this run filed and those the ledger names.
pub(super) fn free(root: &Path, parts: Vec<String>, taken: &HashSet<String>) -> Vec<String> {
    let is_free = |parts: &[String]| {
        let rel = format!("{SUBMISSIONS}/{}", parts.join("/"));
        !taken.contains(&fold(&rel)) && !on_disk(&root.join(rel))
    };
    if is_free(&parts) {
        return parts;
    }
    let (last, folders) = parts.split_last().expect("a file has a name");
    let (stem, extension) = split(last);
    (2..)
        .map(|n| {
            let mut numbered = folders.to_vec();
            numbered.push(format!("{stem}（{n}）{extension}"));
            numbered
        })
        .find(|numbered| is_free(numbered))
        .expect("some number is free")
}

/// Whether something lies at `path`, a link even to nothing included, or
/// beside it under a name with the same fold.
fn on_disk(path: &Path) -> bool {
    if path.symlink_metadata().is_ok() {
        return true;
    }
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return false;
    };
    let name = fold(&name.to_string_lossy());
    std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .any(|entry| fold(&entry.file_name().to_string_lossy()) == name)
}

/// A file name's stem and its extension with the dot (`.xlsx`), if any.
fn split(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaign() -> Campaign {
        Campaign::parse(crate::definition::DEFAULT_TOML).unwrap()
    }

    fn ids(ids: &[&str]) -> Vec<ReportId> {
        ids.iter().map(|id| ReportId((*id).to_owned())).collect()
    }

    #[test]
    fn a_form_is_named_by_its_reports_and_keeps_its_own_name() {
        let campaign = campaign();
        let forms = Content::Forms(Vec::new());
        let name = |reports: &[&str], original: &str, revision| {
            report_name(&campaign, &forms, &ids(reports), original, revision)
        };
        assert_eq!(
            name(&["progress"], "新建 Microsoft Excel 工作表.xlsx", None),
            "附件3-新建 Microsoft Excel 工作表.xlsx"
        );
        assert_eq!(
            name(&["progress"], "环卫中心附件3.xlsx", None),
            "环卫中心附件3.xlsx"
        );
        assert_eq!(
            name(&["progress"], "附件3.xlsx", Some(2)),
            "附件3（修订2）.xlsx"
        );
        assert_eq!(
            name(&["plan", "progress"], "报表.xls", Some(3)),
            "附件2、附件3-报表（修订3）.xls"
        );
        assert_eq!(name(&["progress"], "附件三", None), "附件3-附件三");
        let document = Content::Document { report: None };
        assert_eq!(
            report_name(
                &campaign,
                &document,
                &ids(&["scheme"]),
                "我单位方案.docx",
                Some(2)
            ),
            "我单位方案（修订2）.docx"
        );
    }

    #[test]
    fn a_taken_name_is_numbered() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("submissions/党建室")).unwrap();
        std::fs::write(tmp.path().join("submissions/党建室/附件1.xlsx"), b"").unwrap();
        let parts = |name: &str| vec!["党建室".to_owned(), name.to_owned()];
        let mut taken = HashSet::new();
        assert_eq!(
            free(tmp.path(), parts("附件3.xlsx"), &taken),
            parts("附件3.xlsx")
        );
        assert_eq!(
            free(tmp.path(), parts("附件1.xlsx"), &taken),
            parts("附件1（2）.xlsx")
        );
        taken.insert(fold("submissions/党建室/附件1（2）.xlsx"));
        assert_eq!(
            free(tmp.path(), parts("附件1.xlsx"), &taken),
            parts("附件1（3）.xlsx")
        );
        // One name where case does not count, on disk and in `taken`.
        assert_eq!(
            free(tmp.path(), parts("附件1.XLSX"), &taken),
            parts("附件1（3）.XLSX")
        );
        taken.insert(fold("submissions/党建室/Photo.jpg"));
        assert_eq!(
            free(tmp.path(), parts("photo.JPG"), &taken),
            parts("photo（2）.JPG")
        );
    }
}
