//! The light content checks of a returned document, all warnings: a
//! document is received whatever it holds, and a person reads it anyway.
//!
//! A document that cannot be opened; a .docx with almost no text (below its
//! report's `min_text`), one that names neither its unit nor an alias, one
//! whose title holds the words of another document report and none of its
//! own (a 方案 handed in as the 综合情况). Text is only read from a .docx; a
//! PDF, .doc, .wps or .rtf is only checked to be what it claims.

use super::{Document, DocumentError, Opened};
use crate::definition::{Campaign, Report, ReportKind};
use crate::normalize::key;
use crate::read::problem::{Kind, Place, Sink};

/// Checks `opened`, the document that is `unit`'s version of `report`.
pub fn inspect(
    campaign: &Campaign,
    opened: Result<Opened, DocumentError>,
    unit: &str,
    report: &Report,
    sink: &mut Sink,
) {
    let document = match opened {
        Ok(opened) => opened.document,
        Err(error) => {
            sink.warning(Place::File, Kind::UnreadableDocument(error));
            return;
        }
    };
    let Some(document) = document else {
        return;
    };
    let text = key(&document.text());
    let ReportKind::Document { min_text, .. } = report.kind else {
        return;
    };
    let chars = text.chars().count();
    if chars < min_text {
        sink.warning(
            Place::File,
            Kind::LittleText {
                chars,
                min: min_text,
            },
        );
    }
    if let Some(unit) = campaign.units.iter().find(|u| u.name == unit) {
        let named = std::iter::once(&unit.name)
            .chain(&unit.aliases)
            .any(|name| text.contains(&key(name)));
        if !named {
            sink.warning(
                Place::File,
                Kind::UnitNotNamed {
                    unit: unit.name.clone(),
                },
            );
        }
    }
    if let Some(other) = other_report(campaign, report, &document) {
        sink.warning(Place::File, other);
    }
}

/// The other document report the title names, when it names none of its own words.
fn other_report(campaign: &Campaign, report: &Report, document: &Document) -> Option<Kind> {
    let title = document.title()?;
    let title_key = key(&title);
    let names = |report: &Report| match &report.kind {
        ReportKind::Document { match_words, .. } => match_words
            .iter()
            .any(|w| !w.trim().is_empty() && title_key.contains(&key(w))),
        _ => false,
    };
    if names(report) {
        return None;
    }
    let other = campaign
        .reports
        .iter()
        .find(|other| other.id != report.id && names(other))?;
    Some(Kind::OtherDocument {
        title,
        looks_like: other.title.clone(),
        report: report.title.clone(),
    })
}
