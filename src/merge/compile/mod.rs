//! 活动综合情况汇编.docx: every unit's summary (the report the definition
//! marks `compile`, by default `summary`) in one Word document for the
//! upward report, with the campaign's figures in front.
//!
//! In order: a title page (campaign, issuer, theme, 数据截至); the contents;
//! 一、总体情况 — how many units handed in each report on time, late or not
//! at all, the units exempt from the summary, and the 附件3 totals by
//! category and item (the rollup's own numbers); then 二、各单位活动综合情况,
//! one section per unit in campaign order, headed by its name, saying when
//! its summary came and its status as `check` labels it, followed by the
//! summary's own blocks (its headings one level below the unit's). The
//! version that counts is the one `check` counts. A .doc, .wps or .rtf is
//! converted with LibreOffice when it is installed; a PDF or OFD (and a
//! document that could not be converted) cannot be merged, and is copied to
//! `汇编附件/<单位>.<扩展名>` beside the 汇编, which says so. The submitted
//! files are only read.
//!
//! This module decides what goes where; `writer` builds the Word document
//! (`columns` sizes its tables' columns) and `package` zips it so that the
//! same inputs give the same bytes.

mod columns;
mod convert;
mod package;
mod writer;

use std::path::{Path, PathBuf};

use crate::definition::{Campaign, Report};
use crate::output::{self, Style, View};
use crate::read::document::{self, Document, DocumentError, Format};
use crate::read::workbook::Limits;
use crate::status::{Check, Judgement, Standing, Status};

use super::Rollup;
use convert::Failure;
use writer::Writer;

/// The file name of the 汇编, and of the folder of summaries that cannot be merged.
pub const COMPILATION: &str = "活动综合情况汇编.docx";
pub const ATTACHMENTS: &str = "汇编附件";

/// A submitted file's bytes, by its root-relative path.
pub type Bytes<'b> = dyn Fn(&str) -> std::io::Result<Vec<u8>> + Sync + 'b;

/// Under 二、各单位活动综合情况 (level 1) a unit is level 2, its summary's top level 3.
const UNIT_LEVEL: usize = 2;

/// The 汇编 and the files it sends to 汇编附件/, to be written into `dir` as
/// part of merge's set; nothing when the campaign compiles no report.
/// `bytes` gives a submitted file's bytes by its root-relative path: as it
/// lies in the folder, or as it stood at the instant merged.
pub fn files(
    campaign: &Campaign,
    rollup: &Rollup,
    check: &Check,
    bytes: &Bytes,
    dir: &Path,
    limits: &Limits,
) -> Result<Vec<(PathBuf, Vec<u8>)>, zip::result::ZipError> {
    let Some(report) = campaign.compiled() else {
        return Ok(Vec::new());
    };
    let view = View {
        check,
        campaign,
        fail_on: &[],
        style: Style::default(),
    };
    let sections: Vec<Section> = campaign
        .units
        .iter()
        .filter_map(|unit| check.result(&unit.name, &report.id))
        .filter(|result| result.status() != Status::Exempt)
        .map(|result| Section::of(result, bytes, limits))
        .collect();

    let mut writer = Writer::new(&created(campaign, check));
    title_page(&mut writer, campaign, check, report);
    writer.contents("目  录");
    writer.page_break();
    overview(&mut writer, &view, rollup, report);
    writer.heading(1, "二、各单位活动综合情况");
    let mut files = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        let unit = &section.result.unit;
        writer.heading(
            UNIT_LEVEL,
            &format!("（{}）{unit}", super::books::chinese_numeral(i as u32 + 1)),
        );
        writer.text(&received_line(section.result, &view));
        match &section.content {
            Content::None => {}
            Content::Blocks {
                document,
                converted,
            } => {
                if let Some(format) = converted {
                    writer.text(&format!(
                        "（本单位报送的是{}，已由 LibreOffice 转换后编入。）",
                        format_name(*format)
                    ));
                }
                writer.blocks(&document.blocks, UNIT_LEVEL);
                if !document.dropped.is_empty() {
                    writer.text(&dropped_note(&document.dropped));
                }
            }
            Content::Attached {
                format,
                why,
                source,
                bytes,
            } => {
                let name = attachment_name(unit, source);
                writer.text(&attached_note(*format, why.as_ref(), &name));
                files.push((dir.join(ATTACHMENTS).join(&name), bytes.clone()));
            }
            Content::Unreadable(error) => writer.text(&format!(
                "本单位报送的文档无法打开（{}），未能编入，请联系该单位重新报送。",
                error.render(crate::lang::Lang::Zh)
            )),
        }
    }
    let bytes = package::pack(writer.finish().build())?;
    files.insert(0, (dir.join(COMPILATION), bytes));
    Ok(files)
}

/// One unit's section: its result and what its summary gives.
struct Section<'c> {
    result: &'c Judgement,
    content: Content,
}

enum Content {
    /// Nothing received yet.
    None,
    Blocks {
        document: Document,
        /// The format LibreOffice converted it from, if it was not a .docx.
        converted: Option<Format>,
    },
    /// A summary that cannot be merged, copied beside the 汇编.
    Attached {
        format: Format,
        /// Why a convertible format was not converted.
        why: Option<Failure>,
        /// Its root-relative path.
        source: String,
        bytes: Vec<u8>,
    },
    Unreadable(DocumentError),
}

impl<'c> Section<'c> {
    fn of(result: &'c Judgement, bytes: &Bytes, limits: &Limits) -> Section<'c> {
        let content = match result.counted() {
            None => Content::None,
            Some(version) => summary(bytes, &version.path, limits),
        };
        Section { result, content }
    }
}

/// What the summary at `path` gives the 汇编.
fn summary(bytes: &Bytes, path: &str, limits: &Limits) -> Content {
    let bytes = match bytes(path) {
        Ok(bytes) => bytes,
        Err(error) => return Content::Unreadable(DocumentError::Io(error.to_string())),
    };
    let opened = match document::open_bytes(&bytes, limits) {
        Ok(opened) => opened,
        Err(error) => return Content::Unreadable(error),
    };
    if let Some(document) = opened.document {
        return Content::Blocks {
            document,
            converted: None,
        };
    }
    let attached = |why, bytes| Content::Attached {
        format: opened.format,
        why,
        source: path.to_owned(),
        bytes,
    };
    if !opened.format.convertible() {
        return attached(None, bytes);
    }
    let converted = convert::to_docx(&bytes, Path::new(path)).and_then(|bytes| {
        document::open_bytes(&bytes, limits)
            .ok()
            .and_then(|opened| opened.document)
            .ok_or_else(|| Failure::Failed("LibreOffice wrote no readable .docx".to_owned()))
    });
    match converted {
        Ok(document) => Content::Blocks {
            document,
            converted: Some(opened.format),
        },
        Err(failure) => attached(Some(failure), bytes),
    }
}

/// The document's creation time: the day the data stands at, never the clock.
fn created(campaign: &Campaign, check: &Check) -> String {
    let day = check.as_of.with_timezone(&campaign.timezone).date_naive();
    format!("{}T00:00:00Z", day.format("%Y-%m-%d"))
}

fn title_page(writer: &mut Writer, campaign: &Campaign, check: &Check, report: &Report) {
    for _ in 0..4 {
        writer.centred("");
    }
    writer.title(&super::books::title(
        campaign,
        &format!("{}汇编", report.title),
    ));
    writer.centred("");
    writer.centred(&campaign.issuer);
    writer.centred(&format!("主题：{}", campaign.theme));
    let uncommitted = super::uncommitted(check).len();
    writer.centred(&format!(
        "数据截至 {}",
        super::books::as_of(campaign, check.as_of, uncommitted)
    ));
    writer.page_break();
}

/// 一、总体情况: the reporting status, the exempt units, the 附件3 totals.
fn overview(writer: &mut Writer, view: &View, rollup: &Rollup, report: &Report) {
    let (campaign, check) = (view.campaign, view.check);
    writer.heading(1, "一、总体情况");
    writer.heading(UNIT_LEVEL, "（一）报送情况");
    let shown = [
        Status::Ok,
        Status::Late,
        Status::Invalid,
        Status::Missing,
        Status::Pending,
        Status::Exempt,
    ];
    let mut header = vec!["报送事项".to_owned(), "应报".to_owned()];
    header.extend(
        shown
            .iter()
            .map(|s| s.label(crate::lang::Lang::Zh).to_owned()),
    );
    let rows: Vec<Vec<String>> = campaign
        .reports
        .iter()
        .map(|r| {
            let results: Vec<&Judgement> =
                check.results.iter().filter(|j| j.report == r.id).collect();
            let owed = results
                .iter()
                .filter(|j| j.status() != Status::Exempt)
                .count();
            let mut row = vec![r.title.clone(), owed.to_string()];
            row.extend(shown.iter().map(|s| {
                results
                    .iter()
                    .filter(|j| j.status() == *s)
                    .count()
                    .to_string()
            }));
            row
        })
        .collect();
    writer.plain_table(&header, &rows);
    writer.text("（重点活动资料按每项重点活动计。）");
    let exempt: Vec<&str> = check
        .results
        .iter()
        .filter(|j| j.report == report.id && j.status() == Status::Exempt)
        .map(|j| j.unit.as_str())
        .collect();
    if !exempt.is_empty() {
        writer.text(&format!(
            "以下单位免报{}，未编入本汇编：{}。",
            report.title,
            exempt.join("、")
        ));
    }
    writer.heading(UNIT_LEVEL, "（二）活动进展情况");
    let progress = &rollup.progress;
    writer.text(&format!(
        "以下为{}个单位报送的附件3汇总数{}。",
        progress.by_unit.len(),
        if progress.excluded.is_empty() {
            String::new()
        } else {
            format!("，{}个单位未纳入", progress.excluded.len())
        }
    ));
    let mut header = vec!["序号".to_owned(), "活动事项".to_owned()];
    header.extend(progress.headers.iter().cloned());
    let number = |n: &f64| crate::read::table::format_number(*n);
    let mut rows = Vec::new();
    for category in &progress.by_category {
        let mut row = vec![
            format!("{}、", super::books::chinese_numeral(category.no)),
            category.name.clone(),
        ];
        row.extend(category.values.iter().map(number));
        rows.push(row);
        for item in progress
            .by_item
            .iter()
            .filter(|i| i.category == category.no)
        {
            let mut row = vec![item.no.to_string(), item.activity.clone()];
            row.extend(item.values.iter().map(number));
            rows.push(row);
        }
    }
    let mut total = vec!["合计".to_owned(), String::new()];
    total.extend(progress.total.iter().map(number));
    rows.push(total);
    writer.plain_table(&header, &rows);
}

/// 收到时间：2021年6月27日 16:30（收件登记）　状态：按时 — or 未报送.
fn received_line(result: &Judgement, view: &View) -> String {
    let label = output::marked_label(result, view);
    let tz = view.campaign.timezone;
    let lang = crate::lang::Lang::Zh;
    match &result.standing {
        Standing::Received(received) => {
            let mut line = format!(
                "收到时间：{}（{}）　状态：{label}",
                output::when(received.first, tz, lang),
                output::via(received.via, lang)
            );
            if let Some(revised) = received.revised {
                line.push_str(&format!("　修订时间：{}", output::when(revised, tz, lang)));
            }
            line
        }
        _ => format!("未报送（{label}）"),
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Docx => "Word 文档（.docx）",
        Format::Doc => "Word 97-2003 或 WPS 文档（.doc/.wps）",
        Format::Rtf => "RTF 文档",
        Format::Pdf => "PDF 文件",
        Format::Ofd => "OFD 版式文件",
    }
}

/// `汇编附件/` names a copy by its unit, keeping the submitted extension.
fn attachment_name(unit: &str, source: &str) -> String {
    match Path::new(source).extension() {
        Some(extension) => format!("{unit}.{}", extension.to_string_lossy()),
        None => unit.to_owned(),
    }
}

fn attached_note(format: Format, why: Option<&Failure>, name: &str) -> String {
    let what = format_name(format);
    let place = format!("{ATTACHMENTS}/{name}");
    match why {
        None => {
            format!("本单位报送的是{what}，无法编入本汇编，原文件已复制为“{place}”，请一并查阅。")
        }
        Some(Failure::NoLibreOffice) => format!(
            "本单位报送的是{what}，本机未安装 LibreOffice，无法转换编入；原文件已复制为“{place}”。请该单位用 Word 或 WPS “另存为” .docx 文档后重新报送，或安装 LibreOffice 后重新汇总。"
        ),
        Some(Failure::Failed(said)) => format!(
            "本单位报送的是{what}，LibreOffice 未能转换（{said}），无法编入；原文件已复制为“{place}”。请该单位用 Word 或 WPS “另存为” .docx 文档后重新报送。"
        ),
    }
}

/// What a summary held that the 汇编 does not carry.
fn dropped_note(dropped: &document::Dropped) -> String {
    let mut parts = Vec::new();
    if dropped.images > 0 {
        parts.push(format!(
            "{} 张无法编入的图片（EMF、WMF、TIFF、SVG 等格式）",
            dropped.images
        ));
    }
    if dropped.text_boxes > 0 {
        parts.push(format!(
            "{} 个文本框或图形（只保留了其中的文字）",
            dropped.text_boxes
        ));
    }
    if dropped.nested_tables > 0 {
        parts.push(format!(
            "{} 个嵌套在表格中的表格（其内容按段落保留）",
            dropped.nested_tables
        ));
    }
    format!("（原文档中另有{}，请查阅原文件。）", parts.join("、"))
}
