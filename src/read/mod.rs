//! Reading what the units return.
//!
//! [`workbook`] turns a file into [`table::Table`]s whatever its format;
//! [`sheet`] recognises which form a sheet holds and reads its metadata;
//! [`value`] reads one cell by its column's type; [`rows`] reads and checks
//! the data rows. This module ties them together per file (with the form
//! fingerprint as a hint for a sheet nothing else recognises) and decides which
//! unit a file belongs to (SPEC §3): from its folder, then the 填报单位 cell,
//! then its file name, and never by guessing between disagreeing sources. A
//! file in a unit's folder is that unit's attempt whatever else it says: when
//! its 填报单位 names another unit, it is that unit's invalid version, never a
//! version of the unit named in the cell; its file name is not asked.
//!
//! A file's bytes come from the disk, from the caller, or from the history
//! (an earlier version); all three are read by the same code, documents as
//! well as workbooks.

pub mod document;
mod guard;
pub mod problem;
pub mod rows;
pub mod sheet;
pub mod table;
pub mod value;
pub mod workbook;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::definition::{Campaign, Column, ReportId, ReportKind};
use crate::discover::{self, Found};
use crate::normalize::{key, loose_key};
use crate::progress::Progress;
use problem::{Kind, Place, Problem, Severity, Sink, Source};
use rows::Data;
use sheet::{HeaderCell, Metadata};
use workbook::Limits;

/// Everything learnt from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRead {
    /// Relative to the campaign root, `/`-separated.
    pub path: String,
    pub unit: Option<Attribution>,
    pub content: Content,
    pub problems: Vec<Problem>,
}

/// Which unit a file belongs to and which sources said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The canonical unit name.
    pub unit: String,
    /// Every source that named this unit, strongest first.
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// A workbook: the forms found in it (possibly none).
    Forms(Vec<Form>),
    /// A workbook that could not be read; `hint` is the report its file name suggests.
    Unreadable {
        hint: Option<ReportId>,
    },
    Document {
        report: Option<ReportId>,
    },
    Material {
        activity: String,
    },
    Other,
}

/// One recognised form on one sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub sheet: String,
    pub report: ReportId,
    /// 0-based header row, if a header was found.
    pub header_row: Option<u32>,
    /// The sheet column of each schema column, in schema order.
    pub columns: Vec<Option<u32>>,
    pub metadata: Metadata,
    pub data: Data,
}

impl FileRead {
    /// Whether `form` can be counted: no error in the file as a whole or on its sheet.
    pub fn is_valid(&self, form: &Form) -> bool {
        !self.problems.iter().any(|p| {
            p.severity == Severity::Error
                && (p.sheet.is_none() || p.sheet.as_deref() == Some(&form.sheet))
        })
    }

    /// The problems of one form's sheet and of the file as a whole.
    pub fn problems_of<'a>(&'a self, form: &'a Form) -> impl Iterator<Item = &'a Problem> {
        self.problems
            .iter()
            .filter(move |p| p.sheet.is_none() || p.sheet.as_deref() == Some(&form.sheet))
    }
}

/// The reader's limits for this campaign: its `[limits]`, else the defaults.
pub fn limits(campaign: &Campaign) -> Limits {
    let default = Limits::default();
    Limits {
        max_cells: campaign.limits.max_cells.unwrap_or(default.max_cells),
        max_unzipped_bytes: campaign
            .limits
            .max_unzipped_bytes
            .unwrap_or(default.max_unzipped_bytes),
    }
}

/// Reads every file under `submissions/`.
pub fn read_all(campaign: &Campaign, root: &Path) -> std::io::Result<Vec<FileRead>> {
    Ok(read_found(
        campaign,
        &discover::discover(root)?,
        &Progress::hidden(),
    ))
}

/// Reads the files discovery found, in its order, counting each on `progress`.
pub fn read_found(campaign: &Campaign, found: &[Found], progress: &Progress) -> Vec<FileRead> {
    let limits = limits(campaign);
    // Files are independent; reading them on every core keeps large campaigns fast.
    found
        .par_iter()
        .map(|f| {
            let read = read_file(campaign, f, &limits);
            progress.advance();
            read
        })
        .collect()
}

/// Reads one file found under `submissions/`.
///
/// A panic anywhere in reading it costs only this file: it is reported as
/// the file's problem ([`Kind::Internal`]), a defect of the tool to report.
pub fn read_file(campaign: &Campaign, found: &Found, limits: &Limits) -> FileRead {
    read_guarded(campaign, found, limits, Bytes::OnDisk)
}

/// Reads one version of a file from the history: `held` are its bytes (or
/// why they could not be had), read exactly as [`read_file`] reads the file
/// on the disk; `found` says where it lay then.
pub fn read_version(
    campaign: &Campaign,
    found: &Found,
    held: Result<Vec<u8>, workbook::ReadError>,
    limits: &Limits,
) -> FileRead {
    read_guarded(campaign, found, limits, Bytes::Held(held))
}

/// Reads one file handed over as its bytes, known by `rel`, its path below
/// the campaign root, exactly as [`read_file`] reads the file at that path:
/// its kind, the forms on its sheets, their rows and values, its unit.
/// Nothing is read from the disk.
///
/// ```
/// use campaign::definition::{Campaign, DEFAULT_TOML};
/// use campaign::read::{Content, read_bytes};
///
/// let campaign = Campaign::parse(DEFAULT_TOML).unwrap();
/// let read = read_bytes(&campaign, "submissions/党建室/附件1.xlsx", b"%PDF-1.7".to_vec());
/// assert_eq!(read.unit.unwrap().unit, "党建室");
/// assert!(matches!(read.content, Content::Unreadable { .. }));
/// assert_eq!(
///     read.problems[0].message(campaign::lang::Lang::Zh),
///     "这是 PDF 文件，不是 Excel 表格，请提交 Excel 工作簿（.xlsx、.xls 或 .xlsb）"
/// );
/// ```
pub fn read_bytes(campaign: &Campaign, rel: &str, bytes: Vec<u8>) -> FileRead {
    let below = rel
        .strip_prefix(crate::layout::SUBMISSIONS)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(rel);
    let parts: Vec<String> = below.split('/').map(str::to_owned).collect();
    let found = discover::found_as(PathBuf::from(rel), &parts);
    read_guarded(campaign, &found, &limits(campaign), Bytes::Held(Ok(bytes)))
}

/// Where a file's bytes are: in the file at its path, or handed over (a
/// version from the history, or bytes given to [`read_bytes`]).
enum Bytes {
    OnDisk,
    Held(Result<Vec<u8>, workbook::ReadError>),
}

impl Bytes {
    fn workbook(
        self,
        found: &Found,
        limits: &Limits,
    ) -> Result<workbook::Workbook, workbook::ReadError> {
        match self {
            Bytes::OnDisk => workbook::read(&found.path, limits),
            Bytes::Held(held) => {
                let named = workbook::Named::of(Path::new(found.file_name()));
                held.and_then(|bytes| workbook::read_bytes(bytes, named, limits))
            }
        }
    }

    fn document(
        self,
        found: &Found,
        limits: &Limits,
    ) -> Result<document::Opened, document::DocumentError> {
        match self {
            Bytes::OnDisk => document::open(&found.path, limits),
            Bytes::Held(Ok(bytes)) => document::open_bytes(&bytes, limits),
            Bytes::Held(Err(workbook::ReadError::TooLarge { bytes, limit, .. })) => {
                Err(document::DocumentError::TooLarge { bytes, limit })
            }
            Bytes::Held(Err(error)) => Err(document::DocumentError::Io(
                error.render(crate::lang::Lang::En),
            )),
        }
    }
}

/// Reads `found`, whose bytes `bytes` says where to find, catching any panic.
fn read_guarded(campaign: &Campaign, found: &Found, limits: &Limits, bytes: Bytes) -> FileRead {
    guard::catch(|| read_unguarded(campaign, found, limits, bytes))
        .unwrap_or_else(|panicked| read_failed(campaign, found, panicked))
}

fn read_unguarded(campaign: &Campaign, found: &Found, limits: &Limits, bytes: Bytes) -> FileRead {
    panic_for_tests(found);
    let mut document = None;
    let mut problems = Vec::new();
    let mut sink = Sink {
        file: &found.rel,
        sheet: None,
        problems: &mut problems,
    };
    let content = match &found.kind {
        discover::Kind::Workbook => {
            read_workbook(campaign, found, bytes.workbook(found, limits), &mut sink)
        }
        discover::Kind::Document => {
            let report = document_report(campaign, found, &mut sink);
            document = report.is_some().then(|| bytes.document(found, limits));
            Content::Document { report }
        }
        discover::Kind::Material { activity } => Content::Material {
            activity: activity.clone(),
        },
        discover::Kind::Other => {
            let ext = found.extension();
            if is_media(&ext) {
                sink.error(Place::File, Kind::LooseMaterial);
            } else {
                sink.error(Place::File, Kind::UnknownFile { extension: ext });
            }
            Content::Other
        }
        discover::Kind::OutsideLink => {
            sink.error(Place::File, Kind::OutsideLink);
            Content::Other
        }
        discover::Kind::Special(special) => {
            sink.error(Place::File, Kind::NotAFile(*special));
            Content::Other
        }
        discover::Kind::Inaccessible { error } => {
            sink.error(
                Place::File,
                Kind::Unreadable(workbook::ReadError::Io(error.clone())),
            );
            Content::Other
        }
    };
    let unit = attribute(campaign, found, &content, &mut sink);
    match (&unit, &content) {
        (Some(unit), Content::Forms(forms)) => {
            check_row_counts(campaign, &unit.unit, forms, &mut sink);
            check_roster_units(campaign, &unit.unit, forms, &mut sink);
        }
        (Some(unit), Content::Document { report: Some(id) }) => {
            if let (Some(report), Some(opened)) = (campaign.report(&id.0), document) {
                document::inspect(campaign, opened, &unit.unit, report, &mut sink);
            }
        }
        _ => {}
    }
    FileRead {
        path: found.rel.clone(),
        unit,
        content,
        problems,
    }
}

/// What is known of a file whose reading panicked: the panic, as the file's
/// error, and the unit and report its folder and name give, as for any file
/// that cannot be read.
fn read_failed(campaign: &Campaign, found: &Found, panicked: guard::Panicked) -> FileRead {
    let mut problems = Vec::new();
    let mut sink = Sink {
        file: &found.rel,
        sheet: None,
        problems: &mut problems,
    };
    sink.error(
        Place::File,
        Kind::Internal {
            name: found.file_name().to_owned(),
            detail: panicked.detail,
        },
    );
    let content = match found.kind {
        discover::Kind::Workbook => Content::Unreadable {
            hint: report_named_in(campaign, found.stem()),
        },
        _ => Content::Other,
    };
    // Should the same defect strike again here, the file belongs to no unit.
    let unit = guard::catch(|| attribute(campaign, found, &content, &mut sink))
        .ok()
        .flatten();
    FileRead {
        path: found.rel.clone(),
        unit,
        content,
        problems,
    }
}

/// Makes reading the file at this path (relative to the campaign root, as
/// in check's JSON) panic, for tests only: the guard around every file is
/// proved without a real defect. Only a debug build (the test suite's)
/// reads it.
const TEST_PANIC: &str = "CAMPAIGN_PANIC_READING";

fn panic_for_tests(found: &Found) {
    if cfg!(debug_assertions) && std::env::var_os(TEST_PANIC).is_some_and(|rel| rel == *found.rel) {
        panic!("{TEST_PANIC} names {}", found.rel);
    }
}

fn is_media(ext: &str) -> bool {
    const MEDIA: [&str; 12] = [
        "jpg", "jpeg", "png", "gif", "bmp", "heic", "webp", "mp4", "mov", "avi", "wmv", "mkv",
    ];
    MEDIA.contains(&ext)
}

fn read_workbook(
    campaign: &Campaign,
    found: &Found,
    book: Result<workbook::Workbook, workbook::ReadError>,
    sink: &mut Sink,
) -> Content {
    let book = match book {
        Ok(book) => book,
        Err(error) => {
            sink.error(Place::File, Kind::Unreadable(error));
            return Content::Unreadable {
                hint: report_named_in(campaign, found.stem()),
            };
        }
    };
    if let Some(fingerprint) = &book.fingerprint
        && key(&fingerprint.campaign) != key(&campaign.name)
    {
        sink.warning(
            Place::File,
            Kind::OtherCampaign {
                form: fingerprint.campaign.clone(),
                campaign: campaign.name.clone(),
            },
        );
    }
    // Our own forms hide their dropdown lists; any other hidden content is
    // said to be skipped, since a unit may have hidden what it meant to send.
    let ours = [crate::layout::GUIDE_SHEET, crate::layout::LISTS_SHEET];
    for hidden in book
        .sheets
        .iter()
        .filter(|s| !s.visible && !s.table.is_empty() && !ours.contains(&s.name.as_str()))
    {
        let mut sheet_sink = Sink {
            file: sink.file,
            sheet: Some(&hidden.name),
            problems: sink.problems,
        };
        sheet_sink.warning(Place::Sheet, Kind::HiddenSheet);
    }
    let sheets: Vec<(&workbook::Sheet, Option<sheet::Recognised>)> = book
        .sheets
        .iter()
        .filter(|s| s.visible && !s.table.is_empty() && s.name != crate::layout::GUIDE_SHEET)
        .map(|s| (s, sheet::recognise(&s.table, campaign)))
        .collect();
    let mut hinted = fingerprinted_report(campaign, book.fingerprint.as_ref(), &sheets);
    let mut forms = Vec::new();
    for (sheet, recognised) in sheets {
        let mut sheet_sink = Sink {
            file: sink.file,
            sheet: Some(&sheet.name),
            problems: sink.problems,
        };
        // The first sheet that matches no form is the one the fingerprint names.
        let recognised = recognised.or_else(|| {
            hinted
                .take()
                .map(|report| sheet::recognise_as(&sheet.table, campaign, report))
        });
        match recognised {
            Some(recognised) => {
                let form = read_form(
                    campaign,
                    &sheet.name,
                    &sheet.table,
                    recognised,
                    &mut sheet_sink,
                );
                if let Some(first) = forms.iter().find(|f: &&Form| f.report == form.report) {
                    let first_sheet = first.sheet.clone();
                    sheet_sink.error(Place::Sheet, Kind::DuplicateForm { first_sheet });
                }
                forms.push(form);
            }
            None => sheet_sink.warning(Place::Sheet, Kind::UnknownSheet),
        }
    }
    if forms.is_empty() {
        sink.error(Place::File, Kind::NoForm);
    }
    Content::Forms(forms)
}

/// The table report a workbook's fingerprint names, unless one of its sheets
/// already holds that report. Other programs may drop the fingerprint, so it
/// only ever helps a sheet that nothing else recognises.
fn fingerprinted_report(
    campaign: &Campaign,
    fingerprint: Option<&workbook::Fingerprint>,
    sheets: &[(&workbook::Sheet, Option<sheet::Recognised>)],
) -> Option<usize> {
    let fingerprint = fingerprint?;
    let report = campaign
        .reports
        .iter()
        .position(|r| r.id.0 == fingerprint.report && r.table().is_some())?;
    let held = sheets
        .iter()
        .any(|(_, recognised)| recognised.as_ref().is_some_and(|r| r.report == report));
    (!held).then_some(report)
}

fn read_form(
    campaign: &Campaign,
    name: &str,
    table: &table::Table,
    recognised: sheet::Recognised,
    sink: &mut Sink,
) -> Form {
    let report = &campaign.reports[recognised.report];
    let spec = report.table().expect("recognised reports are tables");
    let mut columns: Vec<Option<u32>> = vec![None; spec.columns.len()];
    let header_row = recognised.header_row;
    for (col, cell) in &recognised.header {
        let row = header_row.unwrap_or(0);
        match cell {
            HeaderCell::Column(i) => match columns[*i] {
                Some(first) => sink.error(
                    Place::Cell(table::CellRef::new(row, *col)),
                    Kind::DuplicateColumn {
                        column: spec.columns[*i].header(),
                        first: table::CellRef::new(row, first),
                    },
                ),
                None => columns[*i] = Some(*col),
            },
            HeaderCell::Unknown(header) => sink.warning(
                Place::Cell(table::CellRef::new(row, *col)),
                Kind::ExtraColumn {
                    header: header.clone(),
                },
            ),
        }
    }
    for (i, column) in spec.columns.iter().enumerate() {
        if column.required && columns[i].is_none() {
            sink.error(
                Place::Sheet,
                Kind::MissingColumn {
                    column: column.header(),
                },
            );
        }
    }
    let data = match header_row {
        Some(row) => rows::read(table, row, &columns, spec, campaign, sink),
        None => Data::default(),
    };
    Form {
        sheet: name.to_owned(),
        report: report.id.clone(),
        header_row,
        columns,
        metadata: sheet::metadata(table, header_row),
        data,
    }
}

/// The one table report whose title words the file name carries (附件3, 统计表 …), if exactly one.
fn report_named_in(campaign: &Campaign, stem: &str) -> Option<ReportId> {
    let stem = loose_key(stem);
    let mut named = campaign.tables().filter(|(report, _)| {
        report
            .title
            .split_whitespace()
            .map(loose_key)
            .any(|word| word.chars().count() >= 3 && stem.contains(&word))
    });
    match (named.next(), named.next()) {
        (Some((report, _)), None) => Some(report.id.clone()),
        _ => None,
    }
}

/// The document report whose `match` words the file name contains.
fn document_report(campaign: &Campaign, found: &Found, sink: &mut Sink) -> Option<ReportId> {
    let stem = key(found.stem());
    let candidates: Vec<&crate::definition::Report> = campaign
        .reports
        .iter()
        .filter(|report| match &report.kind {
            ReportKind::Document { match_words, .. } => {
                match_words.iter().any(|w| stem.contains(&key(w)))
            }
            _ => false,
        })
        .collect();
    match candidates.as_slice() {
        [report] => Some(report.id.clone()),
        _ => {
            let candidates = candidates.iter().map(|r| r.title.clone()).collect();
            sink.error(Place::File, Kind::UnknownDocument { candidates });
            None
        }
    }
}

/// Decides the unit of a file from its folder, its 填报单位 cells and its name.
fn attribute(
    campaign: &Campaign,
    found: &Found,
    content: &Content,
    sink: &mut Sink,
) -> Option<Attribution> {
    let mut claims: Vec<(Source, String)> = Vec::new();
    if let Some(unit) = found
        .folder
        .as_deref()
        .and_then(|folder| campaign.find_unit(folder))
    {
        claims.push((Source::Folder, unit.name.clone()));
    }
    let mut unknown_fillers = Vec::new();
    if let Content::Forms(forms) = content {
        for form in forms {
            let Some((written, cell)) = &form.metadata.unit else {
                continue;
            };
            match campaign.find_unit(written) {
                Some(unit) => claims.push((Source::Filler, unit.name.clone())),
                None => unknown_fillers.push((form.sheet.clone(), written.clone(), *cell)),
            }
        }
    }
    // In a unit's folder the file name is only a name: “与公共室联合演练.jpg”
    // or “配合党建室的方案” mention partners, not owners.
    if claims
        .first()
        .is_none_or(|(source, _)| *source != Source::Folder)
    {
        claims.extend(
            units_named_in(campaign, found.stem())
                .into_iter()
                .map(|unit| (Source::FileName, unit)),
        );
    }

    let mut units: Vec<&String> = claims.iter().map(|(_, unit)| unit).collect();
    units.sort();
    units.dedup();
    let attribution = match (units.as_slice(), claims.first()) {
        ([_, _, ..], Some((Source::Folder, folder))) => {
            let others: Vec<(Source, String)> = claims
                .iter()
                .filter(|(_, unit)| unit != folder)
                .cloned()
                .collect();
            sink.error(
                Place::File,
                Kind::ForeignUnit {
                    folder: folder.clone(),
                    claims: others,
                },
            );
            Some(Attribution {
                unit: folder.clone(),
                sources: vec![Source::Folder],
            })
        }
        ([], _) => {
            // A file nobody reads has said all there is to say.
            if !matches!(
                found.kind,
                discover::Kind::OutsideLink | discover::Kind::Special(_)
            ) {
                sink.error(Place::File, Kind::NoUnit);
            }
            None
        }
        ([unit], _) => {
            let mut sources: Vec<Source> = claims.iter().map(|(source, _)| *source).collect();
            sources.dedup();
            Some(Attribution {
                unit: (*unit).clone(),
                sources,
            })
        }
        _ => {
            claims.dedup();
            sink.error(Place::File, Kind::UnitConflict { claims });
            None
        }
    };
    for (sheet, found, cell) in unknown_fillers {
        let mut sheet_sink = Sink {
            file: sink.file,
            sheet: Some(&sheet),
            problems: sink.problems,
        };
        sheet_sink.warning(Place::Cell(cell), Kind::UnknownFiller { found });
    }
    attribution
}

/// Units whose name or alias appears in a file name; a name inside a longer
/// matched name (园林绿化室 inside 区园林绿化服务中心…) does not count twice.
fn units_named_in(campaign: &Campaign, stem: &str) -> Vec<String> {
    let mut matched: Vec<(&str, usize)> = Vec::new();
    // Longest keys come first, so a key inside an already matched one of another unit is skipped.
    for (k, unit) in campaign.names.keys_in(&key(stem)) {
        if !matched
            .iter()
            .any(|(longer, other)| *other != unit && longer.contains(k))
        {
            matched.push((k, unit));
        }
    }
    let mut units: Vec<usize> = matched.iter().map(|(_, unit)| *unit).collect();
    units.sort_unstable();
    units.dedup();
    units
        .into_iter()
        .map(|i| campaign.units[i].name.clone())
        .collect()
}

/// The definition's `row_counts`: how many rows of this unit may carry a value.
fn check_row_counts(campaign: &Campaign, unit: &str, forms: &[Form], sink: &mut Sink) {
    let Some(unit) = campaign.unit(unit) else {
        return;
    };
    for form in forms {
        let Some(spec) = campaign.report(&form.report.0).and_then(|r| r.table()) else {
            continue;
        };
        let mut sheet_sink = Sink {
            file: sink.file,
            sheet: Some(&form.sheet),
            problems: sink.problems,
        };
        for rule in spec
            .row_counts
            .iter()
            .filter(|rule| rule.units.includes(unit))
        {
            let column = &spec.columns[rule.column];
            let wanted = wanted_value(campaign, column, &rule.value);
            let count = form
                .data
                .rows
                .iter()
                .filter(|row| row.values[rule.column].as_ref() == Some(&wanted))
                .count() as u32;
            if rule.min.is_some_and(|min| count < min) || rule.max.is_some_and(|max| count > max) {
                sheet_sink.error(
                    Place::Sheet,
                    Kind::RowCount {
                        column: column.header(),
                        value: wanted,
                        count,
                        min: rule.min,
                        max: rule.max,
                    },
                );
            }
        }
    }
}

/// A roster row that names another unit in its unit column: worth a look,
/// since the chase list will phone that person about this unit.
fn check_roster_units(campaign: &Campaign, unit: &str, forms: &[Form], sink: &mut Sink) {
    let Some((roster, spec)) = campaign.role(crate::definition::Role::Roster) else {
        return;
    };
    let Some(column) = spec
        .columns
        .iter()
        .position(|c| c.ty == crate::definition::ColumnType::Unit)
    else {
        return;
    };
    for form in forms.iter().filter(|form| form.report == roster.id) {
        let mut sheet_sink = Sink {
            file: sink.file,
            sheet: Some(&form.sheet),
            problems: sink.problems,
        };
        for row in &form.data.rows {
            let Some(value::Parsed::Unit(found)) = &row.values[column] else {
                continue;
            };
            let Some(col) = form.columns[column] else {
                continue;
            };
            if found != unit {
                sheet_sink.warning(
                    Place::Cell(table::CellRef::new(row.row, col)),
                    Kind::OtherUnitRow {
                        found: found.clone(),
                        unit: unit.to_owned(),
                    },
                );
            }
        }
    }
}

/// The value a definition names (`value = "是"`), read as a cell of its
/// column, so that rows are counted by what their cells mean (Y and √ are
/// 是 too); a value the column cannot read stays the text it is.
fn wanted_value(campaign: &Campaign, column: &Column, value: &str) -> value::Parsed {
    let ctx = value::Context {
        campaign,
        dates_outside_period: true,
    };
    let cell = table::Value::Text(value.to_owned());
    match value::parse(Some(&cell), column, &ctx) {
        Ok(Some(parsed)) => parsed,
        _ => value::Parsed::Text(value.to_owned()),
    }
}
