//! The campaign judged at one instant, as the comparison takes its versions
//! from it: the version of a report that counted then, by the one rule
//! `check` applies, read as it stood ([`crate::history`]).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, FixedOffset};

use super::Side;
use crate::definition::{Campaign, ReportId};
use crate::error::Error;
use crate::history::{self, Store};
use crate::read::FileRead;
use crate::receipt::Receipts;
use crate::status::{self, Check, Judgement, Options};

/// The campaign as it stood at `at`: borrowed from what was read now when
/// nothing changed since, read from the history otherwise.
pub struct Judged<'n> {
    pub campaign: Cow<'n, Campaign>,
    pub files: Cow<'n, [FileRead]>,
    pub receipts: Cow<'n, Receipts>,
    /// The bytes of the documents whose content then is not the folder's
    /// now, by path ([`history::Stood::documents`]).
    pub documents: BTreeMap<String, Vec<u8>>,
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

/// The versions of a check's table reports, by unit and report.
pub type Versions<'a> = HashMap<(&'a str, &'a ReportId), (Side<'a>, Origin)>;

impl<'n> Judged<'n> {
    /// The campaign at `at`, from what was read now (`files`, `receipts`,
    /// by `campaign` as it is now).
    pub fn at(
        root: &std::path::Path,
        campaign: &'n Campaign,
        (files, receipts): (&'n [FileRead], &'n Receipts),
        at: DateTime<FixedOffset>,
        store: &mut Store,
    ) -> Result<Judged<'n>, Error> {
        let Some(stood) = history::stood_at(root, campaign, files, receipts, at, store)? else {
            return Ok(Judged::now(campaign, (files, receipts), at));
        };
        Ok(Judged {
            campaign: stood.campaign.map_or(Cow::Borrowed(campaign), Cow::Owned),
            files: Cow::Owned(stood.files),
            receipts: Cow::Owned(stood.receipts),
            documents: stood.documents,
            at,
        })
    }

    /// The campaign as read now, judged at `at` whatever the history holds
    /// after it: what a command judges when no earlier instant is asked for.
    pub fn now(
        campaign: &'n Campaign,
        (files, receipts): (&'n [FileRead], &'n Receipts),
        at: DateTime<FixedOffset>,
    ) -> Judged<'n> {
        Judged {
            campaign: Cow::Borrowed(campaign),
            files: Cow::Borrowed(files),
            receipts: Cow::Borrowed(receipts),
            documents: BTreeMap::new(),
            at,
        }
    }

    /// The bytes of the file at `path` (root-relative) as it stood.
    pub fn bytes(&self, root: &std::path::Path, path: &str) -> std::io::Result<Vec<u8>> {
        match self.documents.get(path) {
            Some(bytes) => Ok(bytes.clone()),
            None => std::fs::read(root.join(path)),
        }
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
        report: &ReportId,
    ) -> Option<(Side<'a>, Origin)> {
        self.version_of(check, check.result(unit, report)?)
    }

    /// The version of every table report of every unit that counted at the instant.
    pub fn versions<'a>(&'a self, check: &'a Check<'a>) -> Versions<'a> {
        check
            .results
            .iter()
            .filter(|judgement| judgement.activity.is_none())
            .filter_map(|judgement| {
                let version = self.version_of(check, judgement)?;
                Some(((judgement.unit.as_str(), &judgement.report), version))
            })
            .collect()
    }

    fn version_of<'a>(
        &'a self,
        check: &Check<'a>,
        judgement: &Judgement,
    ) -> Option<(Side<'a>, Origin)> {
        let counted = check.counted(judgement)?;
        let report = self.campaign.report(&judgement.report.0)?;
        let spec = report.table()?;
        let version = judgement.counted()?;
        let origin = Origin {
            file: version.path.clone(),
            commit: self.receipts.commit_of(&version.path),
            received: version.changed,
        };
        let side = Side {
            file: counted.file,
            report: &report.id,
            spec,
        };
        Some((side, origin))
    }
}
