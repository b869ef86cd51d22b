//! What can be wrong with a returned file, as values.
//!
//! A [`Problem`] says where (file, sheet, cell or row), how bad (error or
//! warning) and what ([`Kind`]); it is rendered only by the output layer, in
//! Chinese or English. Nothing here builds a message deep inside a parser:
//! a kind holds values (numbers, dates, parsed cells), worded only when it is
//! rendered, and names columns by their headers as the form prints them.

use super::document::DocumentError;
use super::table::{CellRef, format_number};
use super::value::{Parsed, ValueError};
use super::workbook::ReadError;
use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file cannot count until it is corrected.
    Error,
    /// Worth a look; the file still counts.
    Warning,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => lang.pick("错误", "error"),
            Severity::Warning => lang.pick("提醒", "warning"),
        }
    }
}

/// Where in a file a problem sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    File,
    Sheet,
    /// A whole row (0-based).
    Row(u32),
    Cell(CellRef),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Relative to the campaign root, with `/` separators.
    pub file: String,
    pub sheet: Option<String>,
    pub place: Place,
    pub severity: Severity,
    pub kind: Kind,
}

/// How a unit was named by one source of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Folder,
    /// The 填报单位 cell of a sheet.
    Filler,
    FileName,
}

impl Source {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Source::Folder => lang.pick("所在文件夹", "folder"),
            Source::Filler => lang.pick("填报单位", "填报单位 cell"),
            Source::FileName => lang.pick("文件名", "file name"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// The file could not be read as a workbook at all.
    Unreadable(ReadError),
    /// Reading the file failed on a defect of the tool itself (a panic,
    /// caught): `name` is the file's name, `detail` what panicked and where.
    Internal {
        name: String,
        detail: String,
    },
    /// Two sources name different units.
    UnitConflict {
        claims: Vec<(Source, String)>,
    },
    /// No source names a unit of the campaign.
    NoUnit,
    /// 填报单位 holds a name that is no unit of the campaign.
    UnknownFiller {
        found: String,
    },
    /// A visible sheet with content that matches no report.
    UnknownSheet,
    /// A second sheet holding the same form as an earlier one of the workbook.
    DuplicateForm {
        first_sheet: String,
    },
    /// A workbook in which no sheet holds any of the campaign's forms.
    NoForm,
    /// A file that is neither a workbook, a document nor a material.
    UnknownFile {
        extension: String,
    },
    /// A document whose name matches no report (or several).
    UnknownDocument {
        candidates: Vec<String>,
    },
    /// Photos or video outside a 重点活动/<活动名称>/ folder.
    LooseMaterial,
    /// A 重点活动/<活动名称>/ folder that matches no key activity of the unit's plan.
    UnplannedMaterial {
        activity: String,
        why: Unplanned,
    },
    /// A file in one unit's folder whose content or name names another unit:
    /// it is the folder's unit's attempt, and invalid until this is resolved.
    ForeignUnit {
        folder: String,
        /// The other sources and the units they name.
        claims: Vec<(Source, String)>,
    },
    /// A roster row naming another unit than the one whose file it is.
    OtherUnitRow {
        found: String,
        unit: String,
    },
    /// A link that leads outside the campaign folder.
    OutsideLink,
    /// A named pipe, socket, device or link to one: never opened.
    NotAFile(crate::discover::Special),
    /// A hidden sheet with content, which is not read.
    HiddenSheet,
    /// A document that cannot be opened (a warning: it still counts as received).
    UnreadableDocument(DocumentError),
    /// A document with less text than its report asks for.
    LittleText {
        chars: usize,
        min: usize,
    },
    /// A document that names neither its unit nor any of its aliases.
    UnitNotNamed {
        unit: String,
    },
    /// A document whose title holds the words of another document report
    /// (`looks_like`, its title) and none of its own (`report`, its title).
    OtherDocument {
        title: String,
        looks_like: String,
        report: String,
    },
    MissingColumn {
        column: String,
    },
    DuplicateColumn {
        column: String,
        first: CellRef,
    },
    ExtraColumn {
        header: String,
    },
    /// A header row with no data rows below it.
    NoRows,
    Value {
        column: String,
        error: ValueError,
    },
    Required {
        column: String,
    },
    /// A row rule: `column` must not be below / above `other`; both values
    /// are numbers or both are dates.
    RowRule {
        column: String,
        other: String,
        rule: Rule,
        value: Parsed,
        other_value: Parsed,
    },
    /// A 合计 cell that differs from the sum of the rows above it.
    TotalMismatch {
        column: String,
        written: f64,
        sum: f64,
    },
    MissingItem {
        no: u32,
        name: String,
    },
    DuplicateItem {
        no: u32,
        name: String,
        first_row: u32,
    },
    /// A row of an activities table that names no activity item.
    UnknownItem,
    /// 序号 and 活动事项 name different items.
    ItemMismatch {
        by_serial: String,
        by_name: String,
    },
    /// Too few or too many rows carry `value` in `column`.
    RowCount {
        column: String,
        value: Parsed,
        count: u32,
        min: Option<u32>,
        max: Option<u32>,
    },
    /// Too few or too many data rows.
    RowTotal {
        count: u32,
        min: Option<u32>,
        max: Option<u32>,
    },
    /// A form whose fingerprint names another campaign: `form` is the
    /// campaign whose templates it was made from, `campaign` this one.
    OtherCampaign {
        form: String,
        campaign: String,
    },
}

/// Why a key-activity folder cannot be matched to a planned activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unplanned {
    /// The unit's plan (`plan` is its short name, 附件2) has not been received.
    NoPlan { plan: String },
    /// The unit's plan is invalid: its activities count only once it is corrected.
    PlanInvalid { plan: String, file: String },
    /// The unit does not owe the plan, so it has no key activities.
    PlanExempt { plan: String },
    /// The unit's valid plan lists no activity of the folder's name.
    NotInPlan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    AtLeast,
    AtMost,
}

impl Problem {
    /// Where the problem is, as a person reads it: `附件3!C5`, or the sheet
    /// alone for a sheet or a row (the message carries the row's number).
    pub fn location(&self) -> String {
        let sheet = self.sheet.as_deref().unwrap_or("");
        match self.place {
            Place::File => String::new(),
            Place::Sheet | Place::Row(_) => sheet.to_owned(),
            Place::Cell(cell) => format!("{sheet}!{cell}"),
        }
    }

    /// `附件3!C5 message`: the place in the file, if any, then the message.
    pub fn text(&self, lang: Lang) -> String {
        let place = self.location();
        if place.is_empty() {
            self.message(lang)
        } else {
            format!("{place} {}", self.message(lang))
        }
    }

    /// The cell in A1 notation, when the problem sits in one.
    pub fn cell(&self) -> Option<String> {
        match self.place {
            Place::Cell(cell) => Some(cell.to_string()),
            _ => None,
        }
    }

    /// The message alone (without file and place).
    pub fn message(&self, lang: Lang) -> String {
        let message = self.kind.render(lang);
        match self.place {
            Place::Row(row) => lang.pick(
                format!("第 {} 行：{message}", row + 1),
                format!("row {}: {message}", row + 1),
            ),
            _ => message,
        }
    }
}

fn bounds(min: Option<u32>, max: Option<u32>, lang: Lang) -> String {
    match (min, max) {
        (Some(min), Some(max)) if min == max => lang.pick(format!("{min} 行"), format!("{min}")),
        (Some(min), Some(max)) => {
            lang.pick(format!("{min} 至 {max} 行"), format!("{min} to {max}"))
        }
        (Some(min), None) => lang.pick(format!("至少 {min} 行"), format!("at least {min}")),
        (None, Some(max)) => lang.pick(format!("至多 {max} 行"), format!("at most {max}")),
        (None, None) => String::new(),
    }
}

impl Kind {
    /// The header (as printed on the form) of the column the problem is about, if one.
    pub fn column(&self) -> Option<&str> {
        match self {
            Kind::MissingColumn { column }
            | Kind::DuplicateColumn { column, .. }
            | Kind::Value { column, .. }
            | Kind::Required { column }
            | Kind::RowRule { column, .. }
            | Kind::TotalMismatch { column, .. }
            | Kind::RowCount { column, .. } => Some(column),
            _ => None,
        }
    }

    /// What the cell held, when the problem is about one value: the text
    /// typed, a compared value, a written total. `None` for the others.
    pub fn found(&self, lang: Lang) -> Option<String> {
        match self {
            Kind::Value { error, .. } => Some(error.found().to_owned()),
            Kind::RowRule { value, .. } => Some(value.render(lang)),
            Kind::TotalMismatch { written, .. } => Some(format_number(*written)),
            Kind::UnknownFiller { found } | Kind::OtherUnitRow { found, .. } => Some(found.clone()),
            _ => None,
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        match self {
            Kind::Unreadable(error) => error.render(lang),
            Kind::Internal { name, detail } => lang.pick(
                format!("读取文件“{name}”时 campaign 程序本身出错，未能读完（这是本工具的缺陷，不是文件的问题）；请把这个文件和这条消息发给维护 campaign 的人员，以便修复（技术细节：{detail}）"),
                format!("campaign itself failed while reading the file “{name}” and could not finish (a defect of the tool, not a fault of the file); please send this file and this message to whoever maintains campaign so that it can be fixed (technical detail: {detail})"),
            ),
            Kind::UnitConflict { claims } => {
                let list: Vec<String> = claims
                    .iter()
                    .map(|(source, unit)| lang.pick(format!("{}为“{unit}”", source.label(lang)), format!("{} says “{unit}”", source.label(lang))))
                    .collect();
                lang.pick(
                    format!("无法确定是哪个单位的文件：{}，请核对后放入正确的单位文件夹", list.join("，")),
                    format!("cannot tell whose file this is: {}; please check and put it in the right unit's folder", list.join(", ")),
                )
            }
            Kind::NoUnit => lang.pick(
                "无法确定是哪个单位的文件：请放入“submissions/单位名称/”文件夹，或在“填报单位”处填写单位名称".into(),
                "cannot tell whose file this is: put it in submissions/<unit>/ or fill in 填报单位".into(),
            ),
            Kind::UnknownFiller { found } => lang.pick(
                format!("填报单位“{found}”不是本次活动的单位名称或简称"),
                format!("填报单位 “{found}” is not a unit name or alias of this campaign"),
            ),
            Kind::UnknownSheet => lang.pick(
                "这张工作表不是本次活动的任何一张表格（找不到表头），未读取".into(),
                "this sheet is none of the campaign's forms (no header found); not read".into(),
            ),
            Kind::DuplicateForm { first_sheet } => lang.pick(
                format!("这张工作表与工作表“{first_sheet}”是同一张表，数据会重复计算；请只保留一张"),
                format!("this sheet holds the same form as the sheet “{first_sheet}”, so its rows would count twice; keep one"),
            ),
            Kind::NoForm => lang.pick(
                "文件中没有本次活动的表格（找不到任何一张表的表头）".into(),
                "the file holds none of the campaign's forms (no header found)".into(),
            ),
            Kind::UnknownFile { extension } => lang.pick(
                format!("不是可以读取的表格或文档（.{extension}），请提交 Excel 表格（.xlsx/.xls/.xlsb）、WPS/LibreOffice 表格或 Word/PDF 文档"),
                format!("not a workbook or document we can read (.{extension}); please submit an Excel workbook or a Word/PDF document"),
            ),
            Kind::UnknownDocument { candidates } if candidates.is_empty() => lang.pick(
                "无法从文件名判断是哪项报送的文档（如“方案”“总结”），请在文件名中注明".into(),
                "cannot tell from the file name which report this document is; please name it (e.g. 方案, 总结)".into(),
            ),
            Kind::UnknownDocument { candidates } => lang.pick(
                format!("文件名同时符合多项报送（{}），请在文件名中只注明一项", candidates.join("、")),
                format!("the file name fits several reports ({}); please name only one", candidates.join(", ")),
            ),
            Kind::LooseMaterial => lang.pick(
                "照片、视频等活动资料请放入“重点活动/活动名称/”文件夹".into(),
                "photos and videos belong in a 重点活动/<活动名称>/ folder".into(),
            ),
            Kind::UnplannedMaterial { activity, why: Unplanned::NoPlan { plan } } => lang.pick(
                format!("本单位尚未报送{plan}（重点活动计划），重点活动“{activity}”的资料暂时无法对应；请先报送{plan}"),
                format!("the unit has not sent its {plan} (the key-activity plan) yet, so the materials of “{activity}” cannot be matched; please send the {plan} first"),
            ),
            Kind::UnplannedMaterial { activity, why: Unplanned::PlanInvalid { plan, file } } => lang.pick(
                format!("本单位的{plan}（{file}）有误，改正之前无法核对重点活动，“{activity}”的资料暂时无法对应；请先改正{plan}"),
                format!("the unit's {plan} ({file}) is invalid, so no key activity can be checked until it is corrected and the materials of “{activity}” cannot be matched yet; please correct the {plan} first"),
            ),
            Kind::UnplannedMaterial { activity, why: Unplanned::PlanExempt { plan } } => lang.pick(
                format!("本单位不需报送{plan}（重点活动计划），因而没有重点活动，“{activity}”的资料无法对应，不计入"),
                format!("the unit does not owe a {plan} (the key-activity plan), so it has no key activities and the materials of “{activity}” cannot be matched; they do not count"),
            ),
            Kind::UnplannedMaterial { activity, why: Unplanned::NotInPlan } => lang.pick(
                format!("重点活动“{activity}”不在本单位的重点活动计划中，资料无法对应；请核对文件夹名称与计划中的活动名称是否一致"),
                format!("the key activity “{activity}” is not in the unit's plan; please make the folder name match the activity name there"),
            ),
            Kind::ForeignUnit { folder, claims } => {
                let list: Vec<String> = claims
                    .iter()
                    .map(|(source, unit)| lang.pick(format!("{}为“{unit}”", source.label(lang)), format!("its {} says “{unit}”", source.label(lang))))
                    .collect();
                let other = claims.first().map_or("", |(_, unit)| unit.as_str());
                lang.pick(
                    format!("文件放在“{folder}”的文件夹中，但{}；如果这是“{other}”的文件，请放到“{other}”的文件夹中；如果是“{folder}”的文件，请改正后重新提交", list.join("，")),
                    format!("the file is in the folder of “{folder}”, but {}; if it is “{other}”'s file, please move it into the folder of “{other}”; if it is “{folder}”'s, please correct it and resubmit", list.join(" and ")),
                )
            }
            Kind::OtherUnitRow { found, unit } => lang.pick(
                format!("这一行的单位名称是“{found}”，但这是“{unit}”的表格；请核对"),
                format!("this row names “{found}”, but the form is “{unit}”'s; please check"),
            ),
            Kind::OutsideLink => lang.pick(
                "这是指向活动文件夹以外的链接，未读取".into(),
                "a link that leads outside the campaign folder; not read".into(),
            ),
            Kind::HiddenSheet => lang.pick(
                "这张工作表是隐藏的，未读取；如其中有要报送的内容，请取消隐藏后重新报送".into(),
                "this sheet is hidden and was not read; if it holds what you meant to send, unhide it and send the file again".into(),
            ),
            Kind::UnreadableDocument(error) => {
                let error = error.render(lang);
                lang.pick(
                    format!("{error}；请用 Word 或 WPS 打开确认后重新保存、重新报送"),
                    format!("{error}; please open it in Word or WPS, save it again and send it again"),
                )
            }
            Kind::LittleText { chars, min } => lang.pick(
                format!("文档只有 {chars} 个字，少于应有的 {min} 个字，请确认提交的是写好的完整文档"),
                format!("the document holds only {chars} characters, fewer than the {min} expected; please check that the finished document was sent"),
            ),
            Kind::UnitNotNamed { unit } => lang.pick(
                format!("文档中没有出现单位名称“{unit}”或其简称，请确认是本单位的文档"),
                format!("the document names neither “{unit}” nor any of its short names; please check that it is this unit's document"),
            ),
            Kind::OtherDocument { title, looks_like, report } => lang.pick(
                format!("文档标题是“{title}”，看起来是“{looks_like}”，不是“{report}”，请确认没有交错文档"),
                format!("the document's title is “{title}”, which looks like “{looks_like}”, not “{report}”; please check that the right document was sent"),
            ),
            Kind::NotAFile(special) => {
                let what = special.name(lang);
                lang.pick(
                    format!("这是{what}，不是普通文件，campaign 不读取这类文件；请换成要报送的文件本身"),
                    format!("this is {what}, not a regular file, and campaign does not read such files; please put the file itself in its place"),
                )
            }
            Kind::MissingColumn { column } => lang.pick(
                format!("缺少“{column}”列，请使用下发的表格模板，勿删改表头"),
                format!("the column “{column}” is missing; please use the form as sent"),
            ),
            Kind::DuplicateColumn { column, first } => lang.pick(
                format!("“{column}”列出现了两次（另一处在 {first}），请删去多余的一列"),
                format!("the column “{column}” appears twice (also at {first}); please delete one"),
            ),
            Kind::ExtraColumn { header } => lang.pick(
                format!("表中多了一列“{header}”，该列未读取"),
                format!("an extra column “{header}” was not read"),
            ),
            Kind::NoRows => lang.pick("表格中没有填写任何数据".into(), "the form has no data rows".into()),
            Kind::Value { column, error } => lang.pick(
                format!("“{column}”{}", error.render(lang)),
                format!("“{column}”: {}", error.render(lang)),
            ),
            Kind::Required { column } => lang.pick(format!("“{column}”为必填项，未填写"), format!("“{column}” is required but empty")),
            Kind::RowRule { column, other, rule, value, other_value } => {
                let dates = matches!(value, Parsed::Date(_));
                let (zh, en) = match (rule, dates) {
                    (Rule::AtLeast, true) => ("早于", "be before"),
                    (Rule::AtLeast, false) => ("小于", "be below"),
                    (Rule::AtMost, true) => ("晚于", "be after"),
                    (Rule::AtMost, false) => ("大于", "exceed"),
                };
                let (value, other_value) = (value.render(lang), other_value.render(lang));
                lang.pick(
                    format!("“{column}”（{value}）不能{zh}“{other}”（{other_value}）"),
                    format!("“{column}” ({value}) must not {en} “{other}” ({other_value})"),
                )
            }
            Kind::TotalMismatch { column, written, sum } => {
                let (written, sum) = (format_number(*written), format_number(*sum));
                lang.pick(
                    format!("合计行“{column}”填写的是 {written}，但各行相加为 {sum}；汇总以各行数据为准"),
                    format!("the 合计 row says {written} for “{column}”, but the rows add up to {sum}; the rows are used"),
                )
            }
            Kind::MissingItem { no, name } => lang.pick(
                format!("缺少第 {no} 项活动事项“{name}”，请勿删除预先列出的行"),
                format!("activity item {no} “{name}” is missing; please keep every pre-filled row"),
            ),
            Kind::DuplicateItem { no, name, first_row } => lang.pick(
                format!("第 {no} 项活动事项“{name}”重复出现（第一次在第 {} 行）", first_row + 1),
                format!("activity item {no} “{name}” appears again (first in row {})", first_row + 1),
            ),
            Kind::UnknownItem => lang.pick(
                "这一行对应不上任何活动事项（序号和活动事项都无法识别）".into(),
                "this row matches no activity item (neither 序号 nor 活动事项 is recognised)".into(),
            ),
            Kind::ItemMismatch { by_serial, by_name } => lang.pick(
                format!("序号对应“{by_serial}”，活动事项却是“{by_name}”，请核对"),
                format!("序号 points to “{by_serial}” but 活动事项 says “{by_name}”; please check"),
            ),
            Kind::RowCount { column, value, count, min, max } => {
                let value = value.render(lang);
                lang.pick(
                    format!("“{column}”为“{value}”的有 {count} 行，应为 {}", bounds(*min, *max, lang)),
                    format!("{count} rows have “{value}” in “{column}”; expected {}", bounds(*min, *max, lang)),
                )
            }
            Kind::RowTotal { count, min, max } => lang.pick(
                format!("填写了 {count} 行，应为 {}", bounds(*min, *max, lang)),
                format!("{count} rows filled; expected {}", bounds(*min, *max, lang)),
            ),
            Kind::OtherCampaign { form, campaign } => lang.pick(
                format!("这份表格来自“{form}”的表格模板，不是本次活动“{campaign}”下发的表格；请使用本次活动的表格填写后重新报送"),
                format!("this form comes from the templates of “{form}”, not from those of this campaign “{campaign}”; please fill in this campaign's forms and send them again"),
            ),
        }
    }
}

/// Collects the problems of one file (and sheet) as the reader finds them.
pub struct Sink<'a> {
    pub file: &'a str,
    pub sheet: Option<&'a str>,
    pub problems: &'a mut Vec<Problem>,
}

impl Sink<'_> {
    pub fn error(&mut self, place: Place, kind: Kind) {
        self.push(place, Severity::Error, kind);
    }

    pub fn warning(&mut self, place: Place, kind: Kind) {
        self.push(place, Severity::Warning, kind);
    }

    fn push(&mut self, place: Place, severity: Severity, kind: Kind) {
        self.problems.push(Problem {
            file: self.file.to_owned(),
            sheet: self.sheet.map(str::to_owned),
            place,
            severity,
            kind,
        });
    }
}
