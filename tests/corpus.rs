//! A corpus of bad inputs, each made here in code and run through the
//! binary as CI runs it (`check --format json --fail-on invalid`): the exact
//! outcome for the bad file (its status and message), the rest of the run
//! unaffected (党建室's good 附件1 still on time, nothing on standard error)
//! and the exit status.
//!
//! Files that cannot be read, each in 公共室's folder under a 附件1 name:
//! a zero-byte file; random bytes named .xlsx; a truncated zip; a zip
//! without its sheet part; a sheet whose XML is malformed; a password-
//! protected xlsx (an OLE container); an .xls that is a web page, one that is
//! CSV text, one that is Excel 2003 XML; WPS's own .et; a PDF and a Word
//! document named .xlsx; a workbook with nothing visible; a truncated xls.
//!
//! Files that would cost too much: a zip bomb declaring its size (refused by
//! the declared sizes), one hiding it (what is inflated is bounded); a stray
//! character in the last cell of the sheet; a used range of all 1,048,576
//! rows around ten data rows (read at once); a million real rows (refused
//! above the configured limit, which is named); a shared string table
//! declaring more strings than it can hold; entities nested to a billion
//! characters.
//!
//! Cells: a formula without its cached value; a shared string out of range.
//!
//! Names and places: file names with spaces, emoji, full-width characters
//! and a leading dash; a link leading outside the campaign (not followed); a
//! folder named like a workbook; a unit folder whose name has zero-width
//! characters around the unit's name (normalised: it is that unit's folder).
//!
//! The ledger: malformed, pointing outside submissions/, naming a missing
//! file. The definition: campaign.toml with every kind of mistake at once.
//!
//! Covered exactly elsewhere and not repeated here: a panic while reading a
//! file (tests/safety.rs, through the binary); a named pipe, a socket and a
//! link to a device (tests/special_files.rs, through the binary); every TOML
//! syntax slip of campaign.toml (tests/definition.rs).

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::git::Repo;
use common::package::{parts_of, rewrite_zip, write_ole, write_zip};
use common::run::{CHECK_INVALID, LIAISON, campaign_in, campaign_repo, liaison};
use common::{progress_sheet, sample_counts, write_xlsx};
use serde_json::{Value, json};

/// Where the bad file of most cases lies: 公共室's 附件1 by its name.
const BAD: &str = "submissions/公共室/附件1-联络员表.xlsx";

/// When everything is committed.
const COMMITTED: &str = "2021-06-02T10:00:00+08:00";

/// A campaign repository (the default definition with `extra` appended)
/// whose 党建室 sent a good 附件1.
fn corpus(extra: &str) -> Repo {
    let repo = campaign_repo(extra);
    liaison(&repo, LIAISON, "党建室");
    repo
}

/// What `check` said of a corpus repository, everything committed on June 2.
struct Checked {
    code: Option<i32>,
    json: Value,
}

fn check(repo: &Repo) -> Checked {
    repo.commit_at(COMMITTED);
    checked_as_is(repo)
}

/// `check` on the repository as it lies, committed or not.
fn checked_as_is(repo: &Repo) -> Checked {
    let output = campaign_in(&repo.root, &CHECK_INVALID);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr, "", "nothing beside the report");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let good = common::run::result(&json, "党建室", "liaison", None);
    assert_eq!(
        (&good["status"], &good["received"], &good["files"]),
        (&json!("ok"), &json!(COMMITTED), &json!([LIAISON]),),
        "the rest of the run is unaffected: {good}"
    );
    Checked {
        code: output.status.code(),
        json,
    }
}

impl Checked {
    /// `unit`'s 附件1 is invalid: `file` alone, with this one error of the file as a whole.
    fn invalid(&self, file: &str, message: &str) {
        self.invalid_at("公共室", "liaison", file, None, None, message);
    }

    /// `unit`'s `report` is invalid: `file` alone, with this one error.
    fn invalid_at(
        &self,
        unit: &str,
        report: &str,
        file: &str,
        sheet: Option<&str>,
        cell: Option<&str>,
        message: &str,
    ) {
        let result = common::run::result(&self.json, unit, report, None);
        assert_eq!(result["status"], "invalid", "{result}");
        assert_eq!(result["files"], json!([file]), "{result}");
        assert_eq!(
            result["errors"],
            json!([{ "file": file, "sheet": sheet, "cell": cell, "message": message }]),
        );
        assert_eq!(self.json["summary"]["invalid"], 1, "this report alone");
        assert_eq!(self.code, Some(1), "an invalid report fails the run");
    }

    /// `file` counts for no unit or report, for `reason`; the run does not fail for it.
    fn unassigned(&self, file: &str, reason: &str) {
        assert_eq!(
            self.json["unassigned"],
            json!([{ "file": file, "reason": reason }])
        );
        assert_eq!(self.json["summary"]["invalid"], 0);
        assert_eq!(self.code, Some(0), "nothing invalid");
    }

    /// `unit`'s 附件1 is on time, from `file` alone.
    fn on_time(&self, unit: &str, file: &str) {
        let result = common::run::result(&self.json, unit, "liaison", None);
        assert_eq!(
            (
                &result["status"],
                &result["received"],
                &result["files"],
                &result["errors"]
            ),
            (&json!("ok"), &json!(COMMITTED), &json!([file]), &json!([])),
            "{result}"
        );
        assert_eq!(self.json["unassigned"], json!([]));
        assert_eq!(self.json["summary"]["ok"], 2, "党建室's and this one");
        assert_eq!(self.code, Some(0));
    }
}

/// The message of a file that cannot be read because it is damaged: `cause`.
fn damaged(cause: &str) -> String {
    format!("文件已损坏或不完整，无法读取：{cause}，请用 Excel 或 WPS 打开确认后重新保存、重新提交")
}

/// Where a file at `rel` below the campaign root goes, its folder made.
fn new_file(repo: &Repo, rel: &str) -> PathBuf {
    let path = repo.root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    path
}

/// Writes `bytes` at `rel` below the campaign root.
fn put(repo: &Repo, rel: &str, bytes: &[u8]) {
    std::fs::write(new_file(repo, rel), bytes).unwrap();
}

/// A good 附件1 of 公共室 at `BAD`, with `change` made to its parts.
fn changed_liaison(repo: &Repo, change: impl FnMut(&str, Vec<u8>) -> Vec<u8>) {
    liaison(repo, BAD, "公共室");
    let path = repo.root.join(BAD);
    rewrite_zip(&path, &path, change);
}

/// `edit` applied to the sheet of a one-sheet xlsx, other parts kept.
fn edit_sheet(edit: impl Fn(&str) -> String) -> impl FnMut(&str, Vec<u8>) -> Vec<u8> {
    move |name, bytes| {
        if name != "xl/worksheets/sheet1.xml" {
            return bytes;
        }
        let edited = edit(std::str::from_utf8(&bytes).unwrap());
        assert_ne!(edited.as_bytes(), bytes, "the sheet was edited");
        edited.into_bytes()
    }
}

/// `check` on a corpus (the definition with `extra` appended) whose 公共室
/// sent a good 附件1 at `BAD` with its sheet passed through `edit`.
fn sheet_edited(extra: &str, edit: impl Fn(&str) -> String) -> Checked {
    let repo = corpus(extra);
    changed_liaison(&repo, edit_sheet(edit));
    check(&repo)
}

/// The sheet XML with the cell at `cell` written as `with` instead.
fn replace_cell(xml: &str, cell: &str, with: &str) -> String {
    let start = xml.find(&format!("<c r=\"{cell}\"")).expect("the cell");
    let end = start + xml[start..].find("</c>").expect("its end") + "</c>".len();
    format!("{}{with}{}", &xml[..start], &xml[end..])
}

// ---------------------------------------------------------------- unreadable

#[test]
fn a_zero_byte_file() {
    let repo = corpus("");
    put(&repo, BAD, b"");
    check(&repo).invalid(BAD, "文件是空的（0 字节），请重新提交填写好的表格");
}

#[test]
fn random_bytes_named_xlsx() {
    let repo = corpus("");
    // xorshift: the same bytes every run, with control bytes throughout.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    put(&repo, BAD, &bytes);
    check(&repo).invalid(BAD, &damaged("不是任何已知的表格格式"));
}

#[test]
fn a_truncated_zip() {
    let repo = corpus("");
    liaison(&repo, BAD, "公共室");
    let bytes = std::fs::read(repo.root.join(BAD)).unwrap();
    put(&repo, BAD, &bytes[..bytes.len() / 2]);
    check(&repo).invalid(
        BAD,
        &damaged(
            "zip 文件目录无法读取，文件可能只保存或上传了一部分（技术细节：invalid Zip archive: Could not find EOCD）",
        ),
    );
}

#[test]
fn a_zip_without_its_sheet_part() {
    let repo = corpus("");
    liaison(&repo, BAD, "公共室");
    let path = repo.root.join(BAD);
    let parts: Vec<(String, Vec<u8>)> = parts_of(&path)
        .into_iter()
        .filter(|(name, _)| name != "xl/worksheets/sheet1.xml")
        .collect();
    write_zip(&path, &parts);
    check(&repo).invalid(
        BAD,
        &damaged("工作簿列出了工作表“附件1”，文件中却没有它的内容"),
    );
}

#[test]
fn a_sheet_whose_xml_is_malformed() {
    // Cut off inside a tag, as an upload that stopped half-way leaves it.
    sheet_edited("", |xml| xml[..xml.find("<c r=\"B4\"").unwrap() + 5].to_owned()).invalid(
        BAD,
        &damaged(
            "工作表“附件1”无法解析（技术细节：Xml error: syntax error: tag not closed: `>` not found before end of input）",
        ),
    );
}

#[test]
fn a_password_protected_xlsx() {
    let repo = corpus("");
    let path = new_file(&repo, BAD);
    write_ole(
        &path,
        &[
            ("EncryptionInfo", b"\x04\x00\x04\x00".as_slice()),
            ("EncryptedPackage", &[7; 600]),
        ],
    );
    check(&repo).invalid(BAD, "文件设置了打开密码，无法读取，请取消密码后重新提交");
}

/// 公共室's 附件1 as a web system exports it: `bytes` under an .xls name,
/// named after 这是 as `found`.
fn exported_as_xls(bytes: &[u8], found: &str) {
    let repo = corpus("");
    let file = "submissions/公共室/附件1-联络员表.xls";
    put(&repo, file, bytes);
    check(&repo).invalid(
        file,
        &format!(
            "这是{found}，不是 Excel 工作簿（网页系统“导出为 Excel”时常得到这样的文件），请用 Excel 或 WPS 打开它，“另存为”Excel 工作簿（.xlsx）后重新提交"
        ),
    );
}

#[test]
fn an_xls_that_is_a_web_page() {
    exported_as_xls(
        "<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>序号</td><td>单位名称</td></tr><tr><td>1</td><td>公共室</td></tr></table></body></html>"
            .as_bytes(),
        "网页文件 (HTML)",
    );
}

#[test]
fn an_xls_that_is_csv_text() {
    exported_as_xls(
        "序号,单位名称,联络员姓名,职务,办公电话,手机号码,电子邮箱,备注\r\n1,公共室,赵六,科员,022-12345678,13800001234,someone@example.com,\r\n"
            .as_bytes(),
        " CSV 文本文件",
    );
}

#[test]
fn an_xls_that_is_excel_2003_xml() {
    exported_as_xls(
        br#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"><Table><Row><Cell><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet></Workbook>"#,
        " Excel 2003 XML 表格",
    );
}

#[test]
fn a_wps_et_file() {
    let repo = corpus("");
    let file = "submissions/公共室/附件1-联络员表.et";
    let path = new_file(&repo, file);
    write_ole(&path, &[("WpsContent", &[1; 700])]);
    check(&repo).invalid(
        file,
        "这是 WPS 表格专用格式（.et），无法读取，请在 WPS 中“另存为”Excel 工作簿（.xlsx）后重新提交",
    );
}

#[test]
fn a_pdf_named_xlsx() {
    let repo = corpus("");
    put(
        &repo,
        BAD,
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< >>\nendobj\n",
    );
    check(&repo).invalid(
        BAD,
        "这是 PDF 文件，不是 Excel 表格，请提交 Excel 工作簿（.xlsx、.xls 或 .xlsb）",
    );
}

#[test]
fn a_word_document_named_xlsx() {
    let repo = corpus("");
    let path = new_file(&repo, BAD);
    write_zip(
        &path,
        &[
            ("[Content_Types].xml".to_owned(), b"<Types/>".to_vec()),
            ("word/document.xml".to_owned(), b"<w:document/>".to_vec()),
        ],
    );
    check(&repo).invalid(
        BAD,
        "这是 Word 文档 (.docx)，不是 Excel 表格，请提交 Excel 工作簿（.xlsx、.xls 或 .xlsb）",
    );
}

#[test]
fn a_workbook_with_nothing_visible() {
    let repo = corpus("");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet();
    let hidden = book.add_worksheet();
    hidden.write_string(0, 0, "联络员").unwrap();
    hidden.set_hidden(true);
    let path = new_file(&repo, BAD);
    book.save(&path).unwrap();
    check(&repo).invalid(
        BAD,
        "文件中没有任何有内容的可见工作表，请确认填写的内容已经保存后重新提交",
    );
}

#[test]
fn a_truncated_xls() {
    let repo = corpus("");
    let file = "submissions/公共室/附件1-联络员表.xls";
    let path = new_file(&repo, file);
    write_ole(&path, &[("Workbook", &[0x55; 5000])]);
    let bytes = std::fs::read(&path).unwrap();
    put(&repo, file, &bytes[..bytes.len() - 1024]);
    check(&repo).invalid(
        file,
        &damaged(
            "OLE 复合文件结构无法解析（技术细节：Malformed FAT (FAT has 12 entries, but file has only 10 sectors)）",
        ),
    );
}

// ---------------------------------------------------------------- too large

#[test]
fn a_zip_bomb_declaring_its_size() {
    sheet_edited("\n[limits]\nmax_unzipped_mb = 1\n", |xml| {
        xml.replacen("<sheetData>", &format!("{}<sheetData>", " ".repeat(2 << 20)), 1)
    })
    .invalid(
        BAD,
        "文件中的“xl/worksheets/sheet1.xml”解压后有 2.0 MB，超过可读取的上限（1.0 MB），请删除多余的内容（如图片、大量空行）后重新提交",
    );
}

/// The zip at `path` with the uncompressed size of `part` declared as
/// `size`, in its local header and in the central directory.
fn declare_size(path: &Path, part: &str, size: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    let name = part.as_bytes();
    let mut patched = 0;
    for at in 0..bytes.len() - 46 {
        let (size_at, name_at) = match &bytes[at..at + 4] {
            b"PK\x03\x04" => (at + 22, at + 30),
            b"PK\x01\x02" => (at + 24, at + 46),
            _ => continue,
        };
        if bytes.get(name_at..name_at + name.len()) == Some(name) {
            bytes[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(
        patched, 2,
        "{part}: its local header and its directory entry"
    );
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_zip_bomb_hiding_its_size() {
    let repo = corpus("\n[limits]\nmax_unzipped_mb = 1\n");
    changed_liaison(
        &repo,
        edit_sheet(|xml| {
            xml.replacen(
                "<sheetData>",
                &format!("{}<sheetData>", " ".repeat(20 << 20)),
                1,
            )
        }),
    );
    declare_size(&repo.root.join(BAD), "xl/worksheets/sheet1.xml", 1000);
    let started = Instant::now();
    let checked = check(&repo);
    assert!(started.elapsed() < Duration::from_secs(20));
    checked.invalid(
        BAD,
        &damaged(
            "工作表“附件1”的数据无法解压，与文件目录中记录的不符（技术细节：File is larger than its declared uncompressed size）",
        ),
    );
}

#[test]
fn a_stray_character_in_the_last_cell() {
    sheet_edited("", |xml| {
        xml.replacen(
            "</sheetData>",
            r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#,
            1,
        )
    })
    .invalid(
        BAD,
        "工作表“附件1”的内容延伸到 XFD1048576 单元格，超出可读取的范围（最多 2000000 个单元格，即从 A1 到最远的内容所占的行数乘以列数），请删除多余的行、列或远离表格的内容后重新提交",
    );
}

#[test]
fn a_used_range_of_every_row_around_ten_data_rows() {
    let repo = corpus("");
    let file = "submissions/公共室/附件3-进展情况.xlsx";
    write_xlsx(
        &repo.root.join(file),
        &[("附件3", progress_sheet("公共室", &sample_counts()))],
    );
    let path = repo.root.join(file);
    rewrite_zip(
        &path,
        &path,
        edit_sheet(|xml| {
            let used = regex_free_replace_dimension(xml, "A1:XFD1048576");
            used.replacen(
                "</sheetData>",
                r#"<row r="1048576" s="1" customFormat="1"><c r="XFD1048576" s="1"/></row></sheetData>"#,
                1,
            )
        }),
    );
    let started = Instant::now();
    let checked = check(&repo);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "read at once: {:?}",
        started.elapsed()
    );
    let result = common::run::result(&checked.json, "公共室", "progress", None);
    assert_eq!(
        (&result["status"], &result["files"], &result["errors"]),
        (&json!("ok"), &json!([file]), &json!([])),
        "{result}"
    );
    assert_eq!(checked.code, Some(0));
}

/// The sheet XML with its `<dimension ref="…"/>` set to `range`.
fn regex_free_replace_dimension(xml: &str, range: &str) -> String {
    let start = xml.find("<dimension ref=\"").expect("a dimension") + "<dimension ref=\"".len();
    let end = start + xml[start..].find('"').unwrap();
    format!("{}{range}{}", &xml[..start], &xml[end..])
}

#[test]
fn a_million_real_rows() {
    let rows: String = (4..=1_000_003)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#))
        .collect();
    sheet_edited("\n[limits]\nmax_cells = 1000000\n", |xml| {
        xml.replacen("</sheetData>", &format!("{rows}</sheetData>"), 1)
    })
    .invalid(
        BAD,
        "工作表“附件1”的内容延伸到 A125001 单元格，超出可读取的范围（最多 1000000 个单元格，即从 A1 到最远的内容所占的行数乘以列数），请删除多余的行、列或远离表格的内容后重新提交",
    );
}

#[test]
fn a_shared_string_table_declaring_more_strings_than_it_holds() {
    let repo = corpus("");
    changed_liaison(&repo, |name, bytes| {
        if name != "xl/sharedStrings.xml" {
            return bytes;
        }
        let xml = String::from_utf8(bytes).unwrap();
        let start = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = start + xml[start..].find('"').unwrap();
        format!("{}100000000000{}", &xml[..start], &xml[end..]).into_bytes()
    });
    let size = parts_of(&repo.root.join(BAD))
        .into_iter()
        .find(|(name, _)| name == "xl/sharedStrings.xml")
        .unwrap()
        .1
        .len();
    check(&repo).invalid(
        BAD,
        &damaged(&format!(
            "共享字符串表（xl/sharedStrings.xml）声明有 100000000000 个字符串，而这一部分解压后只有 {size} 字节，最多容纳 {} 个",
            size / 5
        )),
    );
}

#[test]
fn entities_nested_to_a_billion_characters() {
    let mut doctype = String::from("<!DOCTYPE worksheet [<!ENTITY a0 \"ha\">");
    for level in 1..10 {
        let previous = format!("&a{};", level - 1);
        doctype.push_str(&format!("<!ENTITY a{level} \"{}\">", previous.repeat(10)));
    }
    doctype.push_str("]>");
    sheet_edited("", |xml| {
        let body = xml.replacen(
            "</sheetData>",
            r#"<row r="6"><c r="H6" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData>"#,
            1,
        );
        let at = body.find("<worksheet").unwrap();
        format!("{}{doctype}{}", &body[..at], &body[at..])
    })
    .invalid(
        BAD,
        &damaged(
            "工作表“附件1”无法解析（技术细节：Xml error: at 0..0: unrecognized entity `&a9;`）",
        ),
    );
}

// ---------------------------------------------------------------- cells

#[test]
fn a_formula_without_its_cached_value() {
    sheet_edited("", |xml| {
        replace_cell(xml, "F4", r#"<c r="F4"><f>CONCAT("138","00001234")</f></c>"#)
    })
    .invalid_at(
        "公共室",
        "liaison",
        BAD,
        Some("附件1"),
        Some("F4"),
        "“手机号码”该单元格是公式“=CONCAT(\"138\",\"00001234\")”，文件中没有保存计算结果；请用 Excel 或 WPS 打开该文件，保存后重新报送",
    );
}

#[test]
fn a_shared_string_out_of_range() {
    sheet_edited("", |xml| {
        replace_cell(xml, "C4", r#"<c r="C4" t="s"><v>9999</v></c>"#)
    })
    .invalid(
        BAD,
        &damaged("工作表“附件1”中紧接 B4 之后的单元格引用了共享字符串表中没有的文字"),
    );
}

// ---------------------------------------------------------------- names and places

/// 公共室's good 附件1 under `name`, in its folder.
fn named(name: &str) {
    let repo = corpus("");
    let file = format!("submissions/公共室/{name}");
    liaison(&repo, &file, "公共室");
    check(&repo).on_time("公共室", &file);
}

#[test]
fn a_file_name_with_spaces() {
    named("附件1 联络员表  (最终版) .xlsx");
}

#[test]
fn a_file_name_with_emoji() {
    named("附件1✅联络员表🎉.xlsx");
}

#[test]
fn a_file_name_in_full_width_characters() {
    named("附件１－联络员表（公共室）　最终.xlsx");
}

#[test]
fn a_file_name_with_a_leading_dash() {
    named("-附件1 --all.xlsx");
}

#[test]
fn a_link_leading_outside_the_campaign() {
    let repo = corpus("");
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("附件1.xlsx");
    liaison_at(&target, "公共室");
    std::os::unix::fs::symlink(&target, repo.root.join(BAD)).unwrap_or_else(|_| {
        std::fs::create_dir_all(repo.root.join("submissions/公共室")).unwrap();
        std::os::unix::fs::symlink(&target, repo.root.join(BAD)).unwrap();
    });
    let checked = check(&repo);
    checked.unassigned(BAD, "这是指向活动文件夹以外的链接，未读取");
    let result = common::run::result(&checked.json, "公共室", "liaison", None);
    assert_eq!(result["status"], "missing", "{result}");
}

fn liaison_at(path: &Path, unit: &str) {
    write_xlsx(path, &[("附件1", common::run::liaison_rows(unit))]);
}

#[test]
fn a_folder_named_like_a_workbook() {
    let repo = corpus("");
    // What unpacking an xlsx leaves: a folder of its parts, named as the file was.
    liaison(&repo, "下载/附件1.xlsx", "公共室");
    let folder = "submissions/公共室/附件1-联络员表.xlsx";
    for (name, bytes) in parts_of(&repo.root.join("下载/附件1.xlsx")) {
        put(&repo, &format!("{folder}/{name}"), &bytes);
    }
    std::fs::remove_dir_all(repo.root.join("下载")).unwrap();
    repo.commit_at(COMMITTED);
    // A folder has no commit of its own: its modification time dates it.
    let at = chrono::DateTime::parse_from_rfc3339(COMMITTED).unwrap();
    std::fs::File::open(repo.root.join(folder))
        .unwrap()
        .set_modified(at.into())
        .unwrap();
    let checked = checked_as_is(&repo);
    checked.unassigned(
        folder,
        "这是文件夹，不是普通文件，campaign 不读取这类文件；请换成要报送的文件本身",
    );
    let result = common::run::result(&checked.json, "公共室", "liaison", None);
    assert_eq!(result["status"], "missing", "{result}");
}

#[test]
fn a_unit_folder_with_zero_width_characters() {
    let repo = corpus("");
    let file = "submissions/\u{200B}公共室\u{200D}\u{FEFF}/附件1.xlsx";
    // Only the folder names the unit: no 填报单位, no unit in the file name.
    let mut rows = common::run::liaison_rows("公共室");
    rows[1] = Vec::new();
    write_xlsx(&repo.root.join(file), &[("附件1", rows)]);
    check(&repo).on_time("公共室", file);
}

// ---------------------------------------------------------------- the ledger

/// The ledger's problems, as `check` lists them among the unassigned files.
fn ledger_problems(checked: &Checked) -> Vec<&str> {
    checked.json["unassigned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            assert_eq!(entry["file"], "submissions/received.toml");
            entry["reason"].as_str().unwrap()
        })
        .collect()
}

#[test]
fn a_malformed_ledger() {
    let repo = corpus("");
    liaison(&repo, BAD, "公共室");
    repo.write(
        "submissions/received.toml",
        &format!(
            "[[received]]\npath = \"{BAD}\"\nat = 2021-06-01T09:00:00+08:00\nvia = \"email\"\n\n[[received]]\npath = \"submissions/公共室/附件2.xlsx\nat = 2021-06-01\n"
        ),
    );
    let checked = check(&repo);
    assert_eq!(
        ledger_problems(&checked),
        [
            "第 7 行（第 2 条登记）：不是有效的 TOML（invalid basic string, expected `\"`），这一条登记未被采用"
        ]
    );
    let result = common::run::result(&checked.json, "公共室", "liaison", None);
    assert_eq!(
        (
            &result["status"],
            &result["received"],
            &result["received_via"]
        ),
        (
            &json!("ok"),
            &json!("2021-06-01T09:00:00+08:00"),
            &json!("ledger")
        ),
        "the entry before the mistake still applies: {result}"
    );
    assert_eq!(checked.code, Some(0));
}

#[test]
fn a_ledger_entry_outside_submissions() {
    let repo = corpus("");
    repo.write(
        "submissions/received.toml",
        &format!(
            "[[received]]\npath = \"submissions/../{LIAISON}\"\nat = 2021-06-01T09:00:00+08:00\nvia = \"email\"\n\n[[received]]\npath = \"/etc/passwd\"\nat = 2021-06-01T09:00:00+08:00\nvia = \"email\"\n"
        ),
    );
    let checked = check(&repo);
    assert_eq!(
        ledger_problems(&checked),
        [
            "第 2 行（第 1 条登记）：路径“submissions/../submissions/党建室/附件1-联络员表.xlsx”不在 submissions/ 之内（应相对于活动文件夹，以 submissions/ 开头，用 / 分隔，不含 ..），这一条登记未被采用",
            "第 7 行（第 2 条登记）：路径“/etc/passwd”不在 submissions/ 之内（应相对于活动文件夹，以 submissions/ 开头，用 / 分隔，不含 ..），这一条登记未被采用",
        ]
    );
    assert_eq!(checked.code, Some(0));
}

#[test]
fn a_ledger_entry_for_a_missing_file() {
    let repo = corpus("");
    repo.write(
        "submissions/received.toml",
        "[[received]]\npath = \"submissions/公共室/附件1.xlsx\"\nat = 2021-06-01T09:00:00+08:00\nvia = \"email\"\n",
    );
    let checked = check(&repo);
    assert_eq!(
        ledger_problems(&checked),
        [
            "第 2 行（第 1 条登记）：没有提交的文件“submissions/公共室/附件1.xlsx”，这一条登记未被采用"
        ]
    );
    let result = common::run::result(&checked.json, "公共室", "liaison", None);
    assert_eq!(result["status"], "missing", "an entry is no file: {result}");
    assert_eq!(checked.code, Some(0));
}

// ---------------------------------------------------------------- the definition

#[test]
fn a_definition_with_every_kind_of_mistake() {
    let repo = Repo::new();
    let mut toml = campaign::definition::DEFAULT_TOML.to_owned();
    for (from, to) in [
        ("timezone = \"+08:00\"", "timezone = \"北京时间\""),
        ("name = \"党建室\"\nkind = \"室\"\n", "name = \"党建/室\"\n"),
        ("issuer = \"区城管委\"\n", ""),
        ("\nbusiness = true", "\nbusiness = \"是\""),
        ("aliases = [\"党建办\"]", "aliases = [\"公共室\"]"),
        ("at_most = \"排查隐患\"", "at_most = \"排查数\""),
        (
            "after = { report = \"plan\"",
            "after = { report = \"plans\"",
        ),
        ("aliases = [\"环卫中心\"]", "aliasses = [\"环卫中心\"]"),
        ("no = 10", "no = 11"),
        ("type = \"mobile\"", "type = \"cellphone\""),
        ("due = 2021-06-08", "due = 2031-06-08"),
    ] {
        assert!(toml.contains(from), "{from}");
        toml = toml.replacen(from, to, 1);
    }
    toml.push_str("\n[limits]\nmax_cells = 0\n\n[[extensions]]\nunit = \"某某科\"\nreport = \"progress\"\nuntil = 2021-06-20\nreason = \"\"\n");
    repo.write("campaign.toml", &toml);
    liaison(&repo, LIAISON, "党建室");
    let path = repo.root.join("campaign.toml");
    let output = campaign_in(&repo.root, &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(2), "the campaign cannot be read");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "活动定义 {} 有 14 处问题，请修改后重试：
  第 17 行 campaign.timezone：时区“北京时间”无法识别，应写成 \"+08:00\" 这样的 UTC 偏移
  第 92 行 activities[9].no：编号应从 1 起连续编排、不重不漏（1 至 10），现为 1、2、3、4、5、6、7、8、9、11
  第 102 行 units[0].kind：缺少必填项 kind
  第 103 行 units[0].name：名称或简称“党建/室”不能用作文件夹或文件的名称：不能含 / 或 \\，也不能是 . 或 ..（单位的文件夹和催报文件以它命名）
  第 107 行 units[1].name：名称或简称“公共室”与 units[0].aliases[0] 重复，名称和简称必须各不相同
  第 110 行 units[1].business：应为逻辑值 true 或 false（不加引号），现为文字 \"是\"
  第 143 行 units[7].aliasses：不认识的键“aliasses”，是否应为“aliases”？
  第 196 行 reports[0].columns[5].type：列类型“cellphone”无法识别，应为 serial、text、count、number、date、phone、mobile、email、choice、activity、bool、unit 之一
  第 234 行 reports[2].due：截止时间 2031-06-08 不合理，应在 2020-05-31 至 2022-07-01 之间
  第 253 行 reports[3].columns[7].at_most：报送事项“progress”没有名为“排查数”的列
  第 270 行 reports[5].after.report：没有编号为“plans”的报送事项
  第 281 行 limits.max_cells：应在 1 至 1000000000 之间，现为 0
  第 284 行 extensions[0].unit：没有名为“某某科”的单位
  第 286 行 extensions[0].until：延期至 2021年6月20日 不晚于原截止时间 2021年6月28日，延期应晚于原截止时间
",
            path.display()
        )
    );
    let english = campaign_in(&repo.root, &["--lang", "en", "check"]);
    assert_eq!(english.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&english.stderr);
    assert!(
        stderr.starts_with(&format!(
            "the campaign definition {} has 14 problem(s); please correct it:\n  line 17, campaign.timezone: time zone “北京时间” is not understood; write a UTC offset such as \"+08:00\"\n  line 92, activities[9].no:",
            path.display()
        )),
        "{stderr}"
    );
}
