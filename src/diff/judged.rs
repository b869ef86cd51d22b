//! The campaign judged at one instant, as the comparison takes its versions
//! from it: the version of a report that counted then, by the one rule
//! `check` applies, read as it stood ([`crate::history`]).

use chrono::{DateTime, Duration, FixedOffset};

use super::Side;
use crate::definition::{Campaign, ReportId};
use crate::error::Error;
use crate::history::{self, Store};
use crate::read::FileRead;
use crate::receipt::Receipts;
use crate::status::{self, Check, Options};

/// The campaign as it stood at `at`.
pub struct Judged {
    pub campaign: Campaign,
    pub files: Vec<FileRead>,
    pub receipts: Receipts,
    pub at: DateTime<FixedOffset>,
}

/// Where one version of a report came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Root-relative path, as it was then.
    pub file: String,
    /// The commit that gave the file that content, when one did.
    pub commit: Option<String>,
    /// When this version was received.
    pub received: DateTime<FixedOffset>,
}

impl Judged {
    /// The campaign at `at`, from what was read now (`files`, `receipts`,
    /// by `campaign` as it is now).
    pub fn at(
        root: &std::path::Path,
        campaign: &Campaign,
        (files, receipts): (&[FileRead], &Receipts),
        at: DateTime<FixedOffset>,
        store: &mut Store,
    ) -> Result<Judged, Error> {
        let stood = history::stood_at(root, campaign, files.to_vec(), receipts.clone(), at, store)?;
        Ok(Judged {
            campaign: stood.campaign.unwrap_or_else(|| campaign.clone()),
            files: stood.files,
            receipts: stood.receipts,
            at,
        })
    }

    /// Every unit × report at the instant, as `check --as-of` judges it.
    pub fn check(&self) -> Check<'_> {
        let options = Options {
            as_of: self.at,
            soon: Duration::zero(),
        };
        status::check(&self.campaign, &self.files, &self.receipts, options)
    }

    /// The version of `unit`'s table report `report` that counted at the
    /// instant, if one had been received, and where it came from.
    pub fn version<'a>(
        &'a self,
        check: &Check<'a>,
        unit: &str,
        report: &'a ReportId,
    ) -> Option<(Side<'a>, Origin)> {
        let counted = check.rows_of(unit, report)?;
        let spec = self.campaign.report(&report.0)?.table()?;
        let path = counted.file.path.as_str();
        let origin = Origin {
            file: path.to_owned(),
            commit: self.receipts.commits.get(path).map(|c| c.commit.clone()),
            received: self.receipts.by_path.get(path)?.changed(self.at),
        };
        let side = Side {
            file: counted.file,
            report,
            spec,
        };
        Some((side, origin))
    }
}
