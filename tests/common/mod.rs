//! Helpers shared by the integration tests.

#![allow(dead_code)]

pub mod chromium;
pub mod docx;
pub mod git;
pub mod office;
pub mod package;
pub mod run;
pub mod scene;
pub mod tree;
pub mod xlsb;

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Range};

/// The default campaign, parsed.
pub fn default_campaign() -> campaign::definition::Campaign {
    campaign::definition::Campaign::parse(campaign::definition::DEFAULT_TOML)
        .expect("the default campaign is valid")
}

/// Converts `input` with headless LibreOffice into `format` (a `--convert-to`
/// argument) inside `out_dir`; returns the converted file.
///
/// LibreOffice is part of what these tests prove, so its absence is a failure,
/// never a skip. Each call gets its own profile so tests may run in parallel.
pub fn soffice_convert(input: &Path, format: &str, extension: &str, out_dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().expect("temporary profile");
    // Recalculate every formula on load, as a user's edit would: LibreOffice
    // otherwise trusts the cached results stored in the file.
    let user = profile.path().join("user");
    std::fs::create_dir_all(&user).expect("profile folder");
    std::fs::write(user.join("registrymodifications.xcu"), ALWAYS_RECALCULATE)
        .expect("profile settings");
    let output = Command::new("soffice")
        .env("LANG", "C.UTF-8")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            format,
            "--outdir",
        ])
        .arg(out_dir)
        .arg(input)
        .output()
        .expect("LibreOffice (soffice) must be installed: run scripts/test.sh, which installs it");
    let stem = input.file_stem().expect("file name");
    let converted = out_dir.join(stem).with_extension(extension);
    assert!(
        output.status.success() && converted.is_file(),
        "LibreOffice failed to convert {}: {}\n{}",
        input.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    converted
}

/// How many pages a PDF has, as poppler's `pdfinfo` counts them.
pub fn pdf_pages(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", Command::new("pdfinfo").arg(pdf));
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .unwrap_or_else(|| panic!("pdfinfo gave no page count for {}: {info}", pdf.display()))
        .trim()
        .parse()
        .expect("a page count")
}

/// The size of page `page` (counted from 1) of a PDF in points, width
/// first, as `pdfinfo` gives it.
pub fn pdf_page_size(pdf: &Path, page: usize) -> (f64, f64) {
    let page = page.to_string();
    let info = poppler(
        "pdfinfo",
        Command::new("pdfinfo")
            .args(["-f", &page, "-l", &page])
            .arg(pdf),
    );
    let size = info
        .lines()
        .find(|line| line.starts_with(&format!("Page {page:>4} size:")))
        .unwrap_or_else(|| panic!("pdfinfo gave no size of page {page}: {info}"));
    let numbers: Vec<f64> = size
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    match numbers[..] {
        [_, width, height, ..] => (width, height),
        _ => panic!("not a page size: {size}"),
    }
}

/// How [`pdf_text`] orders the text of a page.
#[derive(Debug, Clone, Copy)]
pub enum TextOrder {
    /// Laid out as printed: what stands side by side shares a line.
    Layout,
    /// In drawing order: the lines of one wrapped label follow each other.
    Drawn,
}

/// The text of page `page` (counted from 1) of a PDF, from poppler's `pdftotext`.
pub fn pdf_text(pdf: &Path, page: usize, order: TextOrder) -> String {
    let page = page.to_string();
    let order = match order {
        TextOrder::Layout => "-layout",
        TextOrder::Drawn => "-raw",
    };
    poppler(
        "pdftotext",
        Command::new("pdftotext")
            .args([order, "-f", &page, "-l", &page])
            .arg(pdf)
            .arg("-"),
    )
}

/// Runs a poppler tool and returns what it printed; like LibreOffice, the
/// tool is part of what the tests prove, so its absence is a failure.
fn poppler(tool: &str, command: &mut Command) -> String {
    let output = command.output().unwrap_or_else(|e| {
        panic!(
            "{tool} (poppler-utils) must be installed: run scripts/test.sh, which installs it ({e})"
        )
    });
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 text")
}

const ALWAYS_RECALCULATE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#;

/// One cell of a fixture sheet.
#[derive(Debug, Clone)]
pub enum C {
    /// Text.
    S(String),
    N(f64),
    /// A date cell (formatted as a date, as Excel stores a typed date).
    D(u16, u8, u8),
    B(bool),
    /// A formula with its cached result.
    F(String, f64),
    /// Text merged over this cell and the given number of further columns.
    M(String, u16),
    Blank,
}

pub fn s(text: &str) -> C {
    C::S(text.to_owned())
}

pub fn n(value: f64) -> C {
    C::N(value)
}

/// Writes an xlsx with the given sheets (name, rows of cells).
pub fn write_xlsx(path: &Path, sheets: &[(&str, Vec<Vec<C>>)]) {
    save(xlsx_book(sheets), path);
}

/// Writes an xlsx as [`write_xlsx`] does, carrying the fingerprint `campaign
/// templates` writes into its forms: the campaign's name and the report id.
pub fn write_fingerprinted_xlsx(
    path: &Path,
    sheets: &[(&str, Vec<Vec<C>>)],
    campaign: &str,
    report: &str,
) {
    let mut workbook = xlsx_book(sheets);
    workbook.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_custom_property("CampaignName", campaign)
            .set_custom_property("CampaignReport", report)
            .set_custom_property("CampaignTemplateVersion", 1),
    );
    save(workbook, path);
}

fn save(mut workbook: rust_xlsxwriter::Workbook, path: &Path) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    workbook.save(path).unwrap();
}

/// A workbook with the given sheets (name, rows of cells).
fn xlsx_book(sheets: &[(&str, Vec<Vec<C>>)]) -> rust_xlsxwriter::Workbook {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    C::S(text) => drop(sheet.write_string(r, c, text).unwrap()),
                    C::N(value) => drop(sheet.write_number(r, c, *value).unwrap()),
                    C::D(y, m, d) => {
                        let value = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        sheet
                            .write_datetime_with_format(r, c, &value, &date)
                            .unwrap();
                    }
                    C::B(value) => drop(sheet.write_boolean(r, c, *value).unwrap()),
                    C::F(formula, result) => {
                        let formula = Formula::new(formula).set_result(result.to_string());
                        sheet.write_formula(r, c, formula).unwrap();
                    }
                    C::M(text, across) => {
                        sheet
                            .merge_range(r, c, r, c + across, text, &Format::new())
                            .unwrap();
                    }
                    C::Blank => {}
                }
            }
        }
    }
    workbook
}

/// The ten activity items of the default campaign.
pub const ITEMS: [&str; 10] = [
    "专题学习",
    "领导干部讲安全",
    "安全隐患排查整治",
    "宣传典型经验做法",
    "集中宣传咨询",
    "应急演练",
    "安全宣传“五进”",
    "典型事故案例警示",
    "全媒体联动",
    "参与国家、市级、区级宣传系列活动",
];

/// The 附件1 header as the default campaign prints it.
pub const LIAISON_HEADER: [&str; 8] = [
    "序号",
    "单位名称",
    "联络员姓名",
    "职务",
    "办公电话",
    "手机号码",
    "电子邮箱",
    "备注",
];
/// The 附件2 header as the default campaign prints it.
pub const PLAN_HEADER: [&str; 13] = [
    "序号",
    "活动名称",
    "对应活动事项",
    "活动形式",
    "计划开始日期",
    "计划结束日期",
    "活动地点",
    "参与对象",
    "预计参与人数（人）",
    "是否品牌活动",
    "负责人",
    "联系电话",
    "备注",
];

pub const PROGRESS_HEADER: [&str; 9] = [
    "序号",
    "活动事项",
    "开展场次（场）",
    "参与人次（人次）",
    "发放宣传资料（份）",
    "媒体报道（篇/条）",
    "排查隐患（项）",
    "整改隐患（项）",
    "备注",
];

/// A header row of text cells.
pub fn header(names: &[&str]) -> Vec<C> {
    names.iter().map(|h| s(h)).collect()
}

/// A 附件2 with a title (row 1), 填报单位 (row 2), the header (row 3) and the given data rows.
pub fn plan_sheet(unit: &str, rows: Vec<Vec<C>>) -> Vec<Vec<C>> {
    let mut sheet = vec![
        vec![s("附件2  2021年“安全生产月”重点活动计划安排表")],
        vec![s(&format!("填报单位：{unit}"))],
        header(&PLAN_HEADER),
    ];
    sheet.extend(rows);
    sheet
}

/// One 附件2 row: 序号, 活动名称, 对应活动事项, 活动形式, the dates, the rest
/// filled alike, and 是否品牌活动.
pub fn plan_row(no: f64, name: &str, item: C, start: C, end: C, brand: &str) -> Vec<C> {
    vec![
        n(no),
        s(name),
        item,
        s("现场"),
        start,
        end,
        s("区政府广场"),
        s("居民"),
        n(200.0),
        s(brand),
        s("王五"),
        s("13800001234"),
    ]
}

/// A filled 附件3 as a unit returns it: title (row 1), metadata (row 2),
/// header (row 3), the ten items (rows 4–13) with `counts[i]` in C..H, and a
/// 合计 row (row 14) with SUM formulas whose cached values are right.
pub fn progress_sheet(unit: &str, counts: &[[f64; 6]; 10]) -> Vec<Vec<C>> {
    let mut rows = vec![
        vec![s("附件3  2021年“安全生产月”活动进展情况统计表")],
        vec![
            s(&format!("填报单位：{unit}")),
            C::Blank,
            s("填报人：张三"),
            C::Blank,
            s("联系电话：13800001234"),
            C::Blank,
            s("填报日期：2021年6月27日"),
        ],
        PROGRESS_HEADER.iter().map(|h| s(h)).collect(),
    ];
    for (i, item) in ITEMS.iter().enumerate() {
        let mut row = vec![n((i + 1) as f64), s(item)];
        row.extend(counts[i].iter().map(|v| n(*v)));
        rows.push(row);
    }
    let mut total = vec![s("合计"), C::Blank];
    for (m, col) in ["C", "D", "E", "F", "G", "H"].iter().enumerate() {
        let sum: f64 = counts.iter().map(|c| c[m]).sum();
        total.push(C::F(format!("SUM({col}4:{col}13)"), sum));
    }
    rows.push(total);
    rows
}

/// Counts where item i, metric m holds 10·i + m (排查 ≥ 整改 on every row).
pub fn sample_counts() -> [[f64; 6]; 10] {
    let mut counts = [[0.0; 6]; 10];
    for (i, row) in counts.iter_mut().enumerate() {
        for (m, value) in row.iter_mut().enumerate() {
            *value = (10 * i + m) as f64;
        }
        row[5] = row[4]; // 整改 = 排查
    }
    counts
}

/// The default campaign with 计划财务室 exempt from the summary and the
/// 方案 of 安全监管室 and 区园林绿化服务中心 extended to June 11.
pub fn exempt_and_extended() -> String {
    let default = campaign::definition::DEFAULT_TOML;
    let exempt = default.replacen(
        "name = \"计划财务室\"\n",
        "name = \"计划财务室\"\nexempt = [\"summary\"]\n",
        1,
    );
    assert_ne!(exempt, default);
    format!(
        "{exempt}
[[extensions]]
unit = \"安全监管室\"
report = \"scheme\"
until = 2021-06-11
reason = \"负责同志出差，方案需审定后报送\"
approved_by = \"委办公室\"

[[extensions]]
unit = \"区园林绿化服务中心\"
report = \"scheme\"
until = 2021-06-11
reason = \"机构调整，方案待党组会审议\"
approved_by = \"委办公室\"
"
    )
}

/// A campaign folder holding the default campaign.toml, for reading tests.
pub struct Scenario {
    pub dir: tempfile::TempDir,
    pub campaign: campaign::definition::Campaign,
}

impl Scenario {
    pub fn new() -> Scenario {
        Scenario::with_definition(campaign::definition::DEFAULT_TOML)
    }

    /// A campaign folder with this campaign.toml.
    pub fn with_definition(toml: &str) -> Scenario {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("campaign.toml"), toml).unwrap();
        let campaign = campaign::definition::Campaign::parse(toml).expect("a valid definition");
        Scenario { dir, campaign }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes an xlsx at `rel` (relative to the campaign root).
    pub fn xlsx(&self, rel: &str, sheets: &[(&str, Vec<Vec<C>>)]) -> &Self {
        write_xlsx(&self.path(rel), sheets);
        self
    }

    /// Writes an xlsx at `rel` carrying the fingerprint of `campaign`'s form `report`.
    pub fn fingerprinted_xlsx(
        &self,
        rel: &str,
        sheets: &[(&str, Vec<Vec<C>>)],
        campaign: &str,
        report: &str,
    ) -> &Self {
        write_fingerprinted_xlsx(&self.path(rel), sheets, campaign, report);
        self
    }

    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Every file of the scenario read as `check` reads it, and when each was received.
    pub fn inputs(&self) -> (Vec<campaign::read::FileRead>, campaign::receipt::Receipts) {
        let files = campaign::read::read_all(&self.campaign, self.root()).unwrap();
        let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        let receipts =
            campaign::receipt::receipts(self.root(), &paths, self.campaign.timezone).unwrap();
        (files, receipts)
    }

    /// Judges the scenario's inputs at `as_of` (RFC 3339) as merge does,
    /// with no “due soon” window.
    pub fn check<'a>(
        &self,
        files: &'a [campaign::read::FileRead],
        receipts: &'a campaign::receipt::Receipts,
        as_of: &str,
    ) -> campaign::status::Check<'a> {
        let options = campaign::status::Options {
            as_of: chrono::DateTime::parse_from_rfc3339(as_of).unwrap(),
            soon: chrono::Duration::zero(),
        };
        campaign::status::check(&self.campaign, files, receipts, options)
    }

    /// Writes the receipt ledger: every `(path, time)` received by e-mail.
    pub fn ledger(&self, entries: &[(&str, &str)]) -> &Self {
        let text: String = entries
            .iter()
            .map(|(path, at)| {
                format!("[[received]]\npath = \"{path}\"\nat = {at}\nvia = \"email\"\n\n")
            })
            .collect();
        self.bytes("submissions/received.toml", text.as_bytes())
    }

    /// Reads one file as `check` would.
    pub fn read(&self, rel: &str) -> campaign::read::FileRead {
        let found = campaign::discover::found_at(self.root(), &self.path(rel));
        campaign::read::read_file(
            &self.campaign,
            &found,
            &campaign::read::limits(&self.campaign),
        )
    }

    /// Every problem of a file, rendered in Chinese as `location  message`.
    pub fn problems(&self, rel: &str) -> Vec<String> {
        self.problems_in(rel, campaign::lang::Lang::Zh)
    }

    /// Every problem of a file as `[Chinese, English]`, each `location  message`.
    pub fn messages(&self, rel: &str) -> Vec<[String; 2]> {
        let zh = self.problems_in(rel, campaign::lang::Lang::Zh);
        let en = self.problems_in(rel, campaign::lang::Lang::En);
        zh.into_iter().zip(en).map(|(zh, en)| [zh, en]).collect()
    }

    /// Every problem of a file, rendered in `lang` as `location  message`.
    pub fn problems_in(&self, rel: &str, lang: campaign::lang::Lang) -> Vec<String> {
        self.read(rel)
            .problems
            .iter()
            .map(|p| {
                format!(
                    "{} {}  {}",
                    p.severity.label(lang),
                    p.location(),
                    p.message(lang)
                )
            })
            .collect()
    }
}

/// A planned key activity: name, activity item, end day in June, brand (是/否).
pub type Planned<'a> = (&'a str, u8, u8, &'a str);

pub fn plan_rows(unit: &str, activities: &[Planned]) -> Vec<Vec<C>> {
    let mut rows = vec![
        vec![s("附件2  2021年“安全生产月”重点活动计划安排表")],
        vec![s(&format!("填报单位：{unit}"))],
        PLAN_HEADER[..10].iter().map(|h| s(h)).collect(),
    ];
    for (i, (name, item, end, brand)) in activities.iter().enumerate() {
        rows.push(vec![
            n(i as f64 + 1.0),
            s(name),
            n(f64::from(*item)),
            s("讲座"),
            C::D(2021, 6, 1),
            C::D(2021, 6, *end),
            s("区内"),
            s("职工"),
            n(30.0),
            s(brand),
        ]);
    }
    rows
}

/// A filled 附件1: title (row 1), 填报单位 (row 2), header (row 3), then one
/// liaison per `(name, mobile)`, each 科员 with the same office phone and e-mail.
pub fn liaison_rows(unit: &str, people: &[(&str, &str)]) -> Vec<Vec<C>> {
    let mut rows = vec![
        vec![s("附件1  2021年“安全生产月”活动联络员表")],
        vec![s(&format!("填报单位：{unit}"))],
        LIAISON_HEADER.iter().map(|h| s(h)).collect(),
    ];
    for (i, (name, mobile)) in people.iter().enumerate() {
        rows.push(vec![
            n(i as f64 + 1.0),
            s(unit),
            s(name),
            s("科员"),
            s("022-12345678"),
            s(mobile),
            s("someone@example.com"),
        ]);
    }
    rows
}

// ── Reading written workbooks back ──────────────────────────────────────

/// The raw XML of one part of an xlsx (a zip), such as `xl/styles.xml`.
pub fn part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{} has no part {name}: {e}", path.display()))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The style index (`s`) of a cell in a worksheet's XML.
pub fn style_of(xml: &str, cell: &str) -> usize {
    let start = xml
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("no {cell}"));
    let tag = &xml[start..start + xml[start..].find('>').unwrap()];
    let s = tag
        .split(" s=\"")
        .nth(1)
        .map_or("0", |rest| rest.split('"').next().unwrap());
    s.parse().unwrap()
}

/// The foreground colour of the fill of cell format `xf`.
pub fn fill_of(styles: &str, xf: usize) -> Option<String> {
    let xfs = styles
        .split("<cellXfs")
        .nth(1)?
        .split("</cellXfs>")
        .next()?;
    let xf = xfs.split("<xf ").nth(xf + 1)?;
    let fill: usize = xf
        .split("fillId=\"")
        .nth(1)?
        .split('"')
        .next()?
        .parse()
        .ok()?;
    let fills = styles.split("<fills").nth(1)?.split("</fills>").next()?;
    let fill = fills.split("<fill>").nth(fill + 1)?;
    Some(
        fill.split("<fgColor rgb=\"")
            .nth(1)?
            .split('"')
            .next()?
            .to_owned(),
    )
}

/// The 0-based (row, column) of an A1 reference such as `C5`.
pub fn position(cell: &str) -> (u32, u32) {
    let letters: String = cell.chars().take_while(char::is_ascii_alphabetic).collect();
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1))
        - 1;
    let row: u32 = cell[letters.len()..].parse().unwrap();
    (row - 1, col)
}

/// The cell at an A1 reference; empty where nothing was written.
pub fn at<'a>(range: &'a Range<Data>, cell: &str) -> &'a Data {
    range.get_value(position(cell)).unwrap_or(&Data::Empty)
}

/// The text of the cell at an A1 reference, "" if empty. Anything else
/// fails the test: a number where text belongs (a telephone number that
/// lost its leading zero) is what this looks for.
pub fn text(range: &Range<Data>, cell: &str) -> String {
    match at(range, cell) {
        Data::String(t) => t.clone(),
        Data::Empty => String::new(),
        other => panic!("{cell} holds {other:?}, not text"),
    }
}

/// Any cell as text: numbers as Rust prints them (`3`, `2.5`), empty as "".
pub fn cell_text(data: &Data) -> String {
    match data {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// Every cell of a row, counted from 1 as people do, as [`cell_text`].
pub fn row_texts(range: &Range<Data>, row: u32) -> Vec<String> {
    (0..range.width() as u32)
        .map(|col| {
            range
                .get_value((row - 1, col))
                .map(cell_text)
                .unwrap_or_default()
        })
        .collect()
}
