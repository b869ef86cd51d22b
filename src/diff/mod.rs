//! What changed between two versions of a unit's table report (`campaign
//! diff`): a stage after reading. Two read versions and the definition in,
//! typed changes out; wording is the output layer's business.
//!
//! Rows are paired by the form's own key, known from the definition — the
//! activity item on a table with one row per item (附件3), else the row's
//! name, its first required text column (附件2: the activity's name; 附件1:
//! the liaison's name) — so that a row inserted in the middle is one row
//! added, never every row below it changed. Where the key does not hold on
//! both sides (a row without one, two rows with the same one), rows are
//! paired by position, and [`Alignment::Position`] says so.
//!
//! Cells are compared as the reader understands them: `2021年6月3日` and
//! `2021-06-03` are one date, `12` and `"12"` one count, a blank count is 0.
//! A cell the reader could not understand is compared as written. The raw
//! comparison ([`Compare::Raw`]) compares every cell as the file holds it.
//! Row numbers (序号) are not compared: inserting a row renumbers the rows
//! below it without changing them.

mod align;
pub mod audit;
pub mod judged;

use crate::definition::{Campaign, ColumnType, TableSpec};
use crate::read::problem::{Place, Problem};
use crate::read::rows::Row;
use crate::read::table::{CellRef, Value};
use crate::read::{FileRead, Form};

pub use align::{Alignment, RowKey};
pub use judged::Origin;

/// Which instant a version was taken at, as it was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Point {
    /// A report's deadline for the unit (`title`), `extended` by the office.
    Deadline { title: String, extended: bool },
    /// A commit's time.
    Commit(String),
    /// A date or date-time given.
    Given,
    /// The moment the command ran.
    Now,
}

/// One version compared, and the instant it stood at.
#[derive(Debug, Clone, PartialEq)]
pub struct End {
    pub point: Point,
    pub at: chrono::DateTime<chrono::FixedOffset>,
    /// None when the report had not been received by then.
    pub version: Option<Origin>,
}

/// One comparison of two versions of a unit's report, with what it found.
#[derive(Debug, Clone)]
pub struct Compared<'c> {
    pub unit: String,
    pub report: &'c crate::definition::Report,
    pub old: End,
    pub new: End,
    pub changes: Changes,
    pub how: Compare,
}

impl Compared<'_> {
    /// The header of the column rows are keyed by, if the form has one.
    pub fn key_column(&self) -> Option<String> {
        let spec = self.report.table()?;
        Some(spec.columns[align::key_column(spec)?].header())
    }
}

/// How cells are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    /// As the reader understands them: the same date or count written two
    /// ways is no change.
    Meaning,
    /// As the file holds them: any difference in what was typed.
    Raw,
}

/// One version of a report: its forms in one file, read by `spec`.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub file: &'a FileRead,
    /// The report these forms are of: only its forms and their problems count.
    pub report: &'a crate::definition::ReportId,
    /// The report's columns as the definition the file was read by gives them.
    pub spec: &'a TableSpec,
}

impl<'a> Side<'a> {
    fn forms(&self) -> impl Iterator<Item = &'a Form> + '_ {
        let forms: &'a [Form] = match &self.file.content {
            crate::read::Content::Forms(forms) => forms,
            _ => &[],
        };
        forms.iter().filter(|form| form.report == *self.report)
    }

    /// Every data row, with the form it is on.
    fn rows(&self) -> Vec<Located<'a>> {
        self.forms()
            .flat_map(|form| form.data.rows.iter().map(move |row| Located { form, row }))
            .collect()
    }

    /// The findings of its forms' sheets and of the file as a whole.
    fn findings(&self) -> Vec<&'a Problem> {
        let file = self.file;
        let mut findings: Vec<&Problem> = self.forms().flat_map(|f| file.problems_of(f)).collect();
        findings.dedup();
        findings
    }
}

/// A data row and the form it is on.
#[derive(Debug, Clone, Copy)]
struct Located<'a> {
    form: &'a Form,
    row: &'a Row,
}

impl Located<'_> {
    /// The sheet and cell of schema column `column`, if the form has that column.
    fn at(&self, column: Option<usize>) -> Option<(String, CellRef)> {
        let col = self.form.columns.get(column?).copied().flatten()?;
        Some((self.form.sheet.clone(), CellRef::new(self.row.row, col)))
    }

    fn place(&self) -> RowPlace {
        RowPlace {
            sheet: self.form.sheet.clone(),
            row: self.row.row + 1,
        }
    }
}

/// Where a row is: its sheet, and its row counted from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowPlace {
    pub sheet: String,
    pub row: u32,
}

/// What changed between two versions of one report.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    pub alignment: Alignment,
    /// Every cell whose content changed, in the newer version's row order.
    pub cells: Vec<CellChange>,
    /// Rows only the newer version has.
    pub added: Vec<RowChange>,
    /// Rows only the older version has.
    pub removed: Vec<RowChange>,
    /// Findings of the older version the newer one no longer has.
    pub fixed: Vec<Problem>,
    /// Findings of the newer version the older one did not have.
    pub introduced: Vec<Problem>,
}

impl Changes {
    /// Whether anything at all changed.
    pub fn any(&self) -> bool {
        !(self.cells.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.fixed.is_empty()
            && self.introduced.is_empty())
    }
}

/// One cell that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct CellChange {
    /// The row it is on, by its key.
    pub key: RowKey,
    /// The column's header as the form prints it.
    pub column: String,
    pub old: Shown,
    pub new: Shown,
    /// Where the cell is in each version.
    pub old_at: Option<(String, CellRef)>,
    pub new_at: Option<(String, CellRef)>,
}

/// A row added or removed: its key and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowChange {
    pub key: RowKey,
    pub place: RowPlace,
}

/// A cell's content as the comparison saw it.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    Empty,
    /// Understood by the reader: shown as the tool shows values.
    Value(String),
    /// As the file holds it, text marked apart from a number that reads the same.
    Written {
        text: String,
        is_text: bool,
    },
}

/// Compares the report's versions `old` and `new` (either may be missing:
/// a report not yet received). Columns are matched by name, so a column the
/// definition added or dropped in between is compared with an empty one.
pub fn compare<'a>(
    campaign: &'a Campaign,
    old: Option<Side<'a>>,
    new: Option<Side<'a>>,
    how: Compare,
) -> Changes {
    let (Some(spec), Some(other)) = (new.or(old).map(|s| s.spec), old.or(new).map(|s| s.spec))
    else {
        return Changes::none();
    };
    let (old_lines, new_lines) = (lines(campaign, old, spec), lines(campaign, new, spec));
    let (alignment, pairs) = align::pair(&old_lines, &new_lines);
    let by_key = alignment == Alignment::Key;
    let columns = matched_columns(
        spec,
        other,
        new_lines.column,
        old_lines.column,
        new.is_some(),
    );
    let mut changes = Changes::none();
    changes.alignment = alignment;
    for pair in pairs {
        match pair {
            align::Pair::Both(o, n) => {
                let key = new_lines.key_of(n, by_key);
                let (o, n) = (&old_lines.rows[o], &new_lines.rows[n]);
                for column in &columns {
                    let before = shown(campaign, o.row, column.old, how);
                    let after = shown(campaign, n.row, column.new, how);
                    if before == after {
                        continue;
                    }
                    changes.cells.push(CellChange {
                        key: key.clone(),
                        column: column.header.clone(),
                        old: before,
                        new: after,
                        old_at: o.at(column.old),
                        new_at: n.at(column.new),
                    });
                }
            }
            align::Pair::Added(n) => changes.added.push(RowChange {
                key: new_lines.key_of(n, by_key),
                place: new_lines.rows[n].place(),
            }),
            align::Pair::Removed(o) => changes.removed.push(RowChange {
                key: old_lines.key_of(o, by_key),
                place: old_lines.rows[o].place(),
            }),
        }
    }
    let old_anchored = anchored(old, &old_lines, by_key);
    let new_anchored = anchored(new, &new_lines, by_key);
    let same = |(a, p): &(Anchor, &Problem), (b, q): &(Anchor, &Problem)| {
        a == b && p.severity == q.severity && p.kind == q.kind
    };
    changes.fixed = old_anchored
        .iter()
        .filter(|o| !new_anchored.iter().any(|n| same(o, n)))
        .map(|(_, p)| (*p).clone())
        .collect();
    changes.introduced = new_anchored
        .iter()
        .filter(|n| !old_anchored.iter().any(|o| same(o, n)))
        .map(|(_, p)| (*p).clone())
        .collect();
    changes
}

impl Changes {
    fn none() -> Changes {
        Changes {
            alignment: Alignment::Key,
            cells: Vec::new(),
            added: Vec::new(),
            removed: Vec::new(),
            fixed: Vec::new(),
            introduced: Vec::new(),
        }
    }
}

/// The rows of one version (none for a version missing), keyed by its definition.
fn lines<'a>(
    campaign: &'a Campaign,
    side: Option<Side<'a>>,
    missing: &TableSpec,
) -> align::Lines<'a> {
    let rows = side.map(|s| s.rows()).unwrap_or_default();
    align::Lines::new(campaign, side.map_or(missing, |s| s.spec), rows)
}

/// A column compared: its header and its index in each version's definition.
struct Matched {
    header: String,
    old: Option<usize>,
    new: Option<usize>,
}

/// The columns to compare, by name: every column of `spec` (the newer
/// version's definition) and those only `other` has, but row numbers and
/// the key. `spec_is_new` says which side `spec` is.
fn matched_columns(
    spec: &TableSpec,
    other: &TableSpec,
    key: Option<usize>,
    other_key: Option<usize>,
    spec_is_new: bool,
) -> Vec<Matched> {
    let compared = |spec: &TableSpec, key: Option<usize>| -> Vec<usize> {
        (0..spec.columns.len())
            .filter(|&i| spec.columns[i].ty != ColumnType::Serial && Some(i) != key)
            .collect()
    };
    let in_other = |name: &str| other.columns.iter().position(|c| c.name == name);
    let mut matched: Vec<(String, Option<usize>, Option<usize>)> = compared(spec, key)
        .into_iter()
        .map(|i| {
            (
                spec.columns[i].header(),
                Some(i),
                in_other(&spec.columns[i].name),
            )
        })
        .collect();
    let only_other = compared(other, other_key)
        .into_iter()
        .filter(|&j| !spec.columns.iter().any(|c| c.name == other.columns[j].name));
    matched.extend(only_other.map(|j| (other.columns[j].header(), None, Some(j))));
    matched
        .into_iter()
        .map(|(header, mine, theirs)| {
            let (new, old) = if spec_is_new {
                (mine, theirs)
            } else {
                (theirs, mine)
            };
            Matched { header, old, new }
        })
        .collect()
}

/// The findings of a version, each with what makes it the same finding in another.
fn anchored<'a>(
    side: Option<Side<'a>>,
    lines: &align::Lines,
    by_key: bool,
) -> Vec<(Anchor, &'a Problem)> {
    let findings = side.map(|s| s.findings()).unwrap_or_default();
    findings
        .into_iter()
        .map(|p| (anchor(lines, by_key, p), p))
        .collect()
}

/// What makes a finding the same one in two versions whose rows may have
/// moved: the key of its row where it sits in a data row, else its place.
#[derive(Debug, Clone, PartialEq)]
enum Anchor {
    Row(RowKey),
    Place(Option<String>, Place),
}

fn anchor(lines: &align::Lines, by_key: bool, problem: &Problem) -> Anchor {
    let row = match problem.place {
        Place::Cell(cell) => Some(cell.row),
        Place::Row(row) => Some(row),
        Place::File | Place::Sheet => None,
    };
    let index = row.and_then(|row| {
        lines.rows.iter().position(|l| {
            l.row.row == row && Some(l.form.sheet.as_str()) == problem.sheet.as_deref()
        })
    });
    match index {
        Some(index) => Anchor::Row(lines.key_of(index, by_key)),
        None => Anchor::Place(problem.sheet.clone(), problem.place),
    }
}

/// A cell as the comparison sees it: by its meaning when the reader
/// understood it (and meaning is asked for), else as written; empty where
/// the version's definition has no such column.
fn shown(campaign: &Campaign, row: &Row, column: Option<usize>, how: Compare) -> Shown {
    let Some(column) = column else {
        return Shown::Empty;
    };
    if how == Compare::Meaning
        && let Some(value) = row.values.get(column).cloned().flatten()
    {
        return Shown::Value(value.shown(campaign));
    }
    match row.cells.get(column).cloned().flatten() {
        None => Shown::Empty,
        Some(value) if value.is_blank() => Shown::Empty,
        Some(value) => Shown::Written {
            text: value.shown(),
            is_text: matches!(value, Value::Text(_)),
        },
    }
}
