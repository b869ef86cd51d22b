//! The blank forms: one workbook per table report, generated from the definition.
//!
//! A form is what a government office prints and sends: the form sheet itself
//! (see [`form`]), a 填表说明 sheet ([`guide`]) and a hidden sheet of dropdown
//! lists ([`lists`]). Each workbook carries a fingerprint in its custom
//! document properties so that a returned copy can be recognised; other
//! programs may drop those properties, so readers treat them as a hint only.
//!
//! Forms are byte-identical for the same definition: the document creation
//! time is the campaign's start date, never the clock.

pub mod form;
pub mod guide;
pub mod hints;
pub mod lists;
pub mod style;

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Workbook, XlsxError};

use crate::definition::{Campaign, Report, TableSpec};
use crate::lang::Lang;
use crate::layout::fingerprint;
use crate::xlsx::{self, SaveError};
use form::{Form, Layout};
use lists::Lists;
use style::Styles;

/// Raised whenever the layout of the forms changes in a way readers may care about.
pub const TEMPLATE_VERSION: i32 = 1;

/// The file name of a report's form: its title with spaces turned into a dash.
///
/// ```
/// let campaign = campaign::definition::Campaign::parse(campaign::definition::DEFAULT_TOML).unwrap();
/// let report = campaign.report("liaison").unwrap();
/// assert_eq!(campaign::template::file_name(report), "附件1-联络员表.xlsx");
/// ```
pub fn file_name(report: &Report) -> String {
    let words: Vec<&str> = report.title.split_whitespace().collect();
    let stem: String = words
        .join("-")
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    format!("{stem}.xlsx")
}

/// The name of the form sheet: the first word of the title (附件3), within Excel's 31 characters.
pub fn sheet_name(report: &Report) -> String {
    let first = report
        .title
        .split_whitespace()
        .next()
        .unwrap_or(&report.id.0);
    first
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(31)
        .collect()
}

/// A form's workbook, ready to save, and where its parts sit.
pub fn build(
    campaign: &Campaign,
    report: &Report,
    spec: &TableSpec,
) -> Result<(Workbook, Layout), XlsxError> {
    let mut workbook = Workbook::new();
    let properties = xlsx::properties(&report.heading, &campaign.issuer, campaign.start)?
        .set_company(&campaign.issuer)
        .set_comment("由 campaign 根据活动定义生成")
        .set_custom_property(fingerprint::CAMPAIGN, campaign.name.as_str())
        .set_custom_property(fingerprint::REPORT, report.id.0.as_str())
        .set_custom_property(fingerprint::VERSION, TEMPLATE_VERSION);
    workbook.set_properties(&properties);
    let styles = Styles::default();

    let form_sheet = workbook.add_worksheet();
    form_sheet.set_name(sheet_name(report))?;
    form_sheet.set_active(true);
    let guide_sheet = workbook.add_worksheet();
    guide::write(guide_sheet, campaign, report, spec, &styles)?;
    let lists = Lists::write(workbook.add_worksheet(), campaign, spec)?;

    let form = Form {
        campaign,
        report,
        spec,
        styles: &styles,
        lists: &lists,
    };
    let layout = form.write(workbook.worksheet_from_index(0)?)?;
    Ok((workbook, layout))
}

/// Writes every table report's form into `root/templates/`; returns the paths written.
pub fn write_all(campaign: &Campaign, root: &Path) -> Result<Vec<PathBuf>, TemplateError> {
    let dir = root.join(crate::layout::TEMPLATES);
    let mut written = Vec::new();
    for (report, spec) in campaign.tables() {
        let path = dir.join(file_name(report));
        let failed = |error| TemplateError {
            path: path.clone(),
            error,
        };
        let (mut workbook, _) =
            build(campaign, report, spec).map_err(|e| failed(SaveError::Build(e)))?;
        xlsx::save(&mut workbook, &path).map_err(failed)?;
        written.push(path);
    }
    Ok(written)
}

#[derive(Debug)]
pub struct TemplateError {
    pub path: PathBuf,
    pub error: SaveError,
}

impl TemplateError {
    pub fn render(&self, lang: Lang) -> String {
        let cause = match &self.error {
            SaveError::Build(e) => e.to_string(),
            SaveError::Write(e) => crate::atomic::cause(e, lang),
        };
        lang.pick(
            format!("无法写入工作簿 {}：{cause}", self.path.display()),
            format!("cannot write the workbook {}: {cause}", self.path.display()),
        )
    }
}
