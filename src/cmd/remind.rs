//! `campaign remind`: a ready-to-send reminder (催报) for every unit that owes
//! something, on standard output, or with `--out DIR` one text file per unit
//! and a 问题清单 workbook for each unit with an invalid form or a document
//! with a warning.

use std::path::Path;

use crate::Outcome;
use crate::cli::{Cli, RemindArgs};
use crate::definition::Campaign;
use crate::error::Error;
use crate::lang::Lang;
use crate::output::remind::{self, book};
use crate::status::{self, Chase, Check};
use crate::template::TemplateError;
use crate::xlsx::SaveError;

pub fn run(cli: &Cli, args: &RemindArgs) -> Result<Outcome, Error> {
    let (root, campaign) = super::open(cli)?;
    let unit = args
        .unit
        .as_deref()
        .map(|name| super::unit_named(&campaign, name))
        .transpose()?;
    if let Some(out) = &args.out {
        super::refuse_submissions(&root, out)?;
    }
    let options = super::options(&campaign, &args.as_of, &args.due_soon)?;
    let gathered = super::gather_noting_history(&root, &campaign, cli)?;
    let asked = (options.as_of, args.as_of.text.is_some());
    let store = &mut super::store(&root, &campaign);
    let judged = super::as_asked(&root, &campaign, &gathered, asked, store)?;
    let (campaign, files, receipts) = (&*judged.campaign, &*judged.files, &*judged.receipts);
    super::note_substitutes(receipts, cli);
    let check = status::check(campaign, files, receipts, options);
    let chased: Vec<&Chase> = check
        .chase
        .iter()
        .filter(|chase| unit.as_ref().is_none_or(|unit| chase.unit == *unit))
        .collect();

    let lang = cli.lang;
    let text = match (&args.out, chased.is_empty()) {
        (_, true) => remind::nothing_owed(&check, campaign, unit.as_deref(), lang),
        (None, false) => letters(&check, campaign, &chased, lang),
        (Some(dir), false) => {
            let written = write_all(&check, campaign, &chased, dir, lang)?;
            let shown: Vec<String> = written
                .iter()
                .map(|path| super::shown(&root, path))
                .collect();
            remind::written(chased.len(), &shown, lang)
        }
    };
    crate::stdout::print(&text)?;
    // Reminders are news, not failures.
    Ok(Outcome::Clean)
}

/// Every reminder, each under a heading saying whom to send it to.
fn letters(check: &Check, campaign: &Campaign, chased: &[&Chase], lang: Lang) -> String {
    let mut text = String::new();
    for (i, chase) in chased.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&remind::heading(chase, i + 1, chased.len(), lang));
        text.push('\n');
        text.push_str(&remind::letter(check, campaign, chase, lang));
    }
    text
}

/// Writes each unit's reminder and, where a form is invalid or a document
/// has a warning, its 问题清单,
/// each atomically; returns the paths written.
fn write_all(
    check: &Check,
    campaign: &Campaign,
    chased: &[&Chase],
    dir: &Path,
    lang: Lang,
) -> Result<Vec<std::path::PathBuf>, Error> {
    let mut written = Vec::new();
    for chase in chased {
        let path = dir.join(remind::file_name(&chase.unit));
        let text = remind::letter(check, campaign, chase, lang);
        crate::atomic::write(&path, &remind::file_bytes(&text)).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        written.push(path);
        let path = dir.join(book::file_name(&chase.unit));
        let saved = save_book(check, campaign, chase, &path, lang).map_err(|error| {
            Error::Template(TemplateError {
                path: path.clone(),
                error,
            })
        })?;
        if saved {
            written.push(path);
        }
    }
    Ok(written)
}

/// Saves the unit's 问题清单 at `path` when it has one; whether it had.
fn save_book(
    check: &Check,
    campaign: &Campaign,
    chase: &Chase,
    path: &Path,
    lang: Lang,
) -> Result<bool, SaveError> {
    let Some(mut workbook) = book::book(check, campaign, chase, lang)? else {
        return Ok(false);
    };
    crate::xlsx::save(&mut workbook, path)?;
    Ok(true)
}
