//! What is wrong with a workbook that cannot be read: each situation the
//! reader reports, with what names it (part, sheet, counts), rendered in both
//! languages here and nowhere else.
//!
//! Where a library (zip, quick_xml, cfb, calamine) found the fault, its own
//! message is kept verbatim in `library` and shown after ours, in brackets,
//! as technical detail only: it is English whatever the language, and it says
//! more to whoever fixes the reader than to the clerk.

use crate::lang::Lang;

/// Why a file is `ReadError::Corrupt`.
#[derive(Debug, Clone, PartialEq)]
pub enum Corruption {
    /// The bytes are no spreadsheet format and nothing else we recognise.
    UnknownFormat,
    /// calamine panicked on it (an index past a short record, say).
    Malformed,
    /// The zip's central directory cannot be read: most often a file saved
    /// or uploaded only in part.
    ZipDirectory { library: String },
    /// An entry of the zip's central directory cannot be read.
    ZipEntry { library: String },
    /// A part of the zip cannot be inflated.
    Inflate { part: String, library: String },
    /// A part is not well-formed XML, as calamine's XML reader reads it.
    InvalidXml { part: String, library: String },
    /// A tag whose attributes cannot be read, or could be read otherwise by
    /// calamine than by quick_xml.
    UnreadableAttributes { part: String, element: String },
    /// An Office package (one with [Content_Types].xml or _rels/.rels)
    /// without its workbook part: `part` is where `_rels/.rels` says it is,
    /// or `xl/workbook.xml` when the relationships say nothing.
    NoWorkbookPart { part: String },
    /// The shared string table declares more strings than its part has room for.
    SharedStringCount {
        part: String,
        count: u64,
        bytes: u64,
        most: u64,
    },
    /// A `table:table` of an ods that ends with its part.
    SheetUnended { part: String, sheet: String },
    /// An `office:annotation` in an ods string cell that ends with its part.
    AnnotationUnended { part: String },
    /// A repeat count of an ods that is not a number.
    NotANumber {
        part: String,
        attribute: String,
        value: String,
    },
    /// An ods sheet name whose character references cannot be resolved.
    SheetName {
        part: String,
        name: String,
        library: String,
    },
    /// An OLE file whose compound file structure cannot be parsed.
    OleStructure { library: String },
    /// An OLE file with neither a Workbook nor a Book stream.
    NoWorkbookStream,
    /// The workbook stream of an OLE file cannot be read.
    WorkbookStream { library: String },
    /// The workbook stream declares more bytes than the whole file has.
    StreamLongerThanFile,
    /// A BIFF record runs past the end of the stream.
    TruncatedRecord,
    /// A record of an xlsb part declares more bytes than are left of the part.
    RecordCutOff { part: String },
    /// A sheet's BoundSheet8 record points beyond the workbook stream.
    SheetOutsideStream { sheet: String },
    /// An xls sheet's DIMENSIONS record spans more than BIFF8's grid.
    Dimensions { sheet: String },
    /// calamine could not open the workbook.
    Workbook { library: String },
    /// calamine could not read one of its sheets.
    Sheet { sheet: String, library: String },
    /// The workbook lists a sheet whose part is not in the package.
    SheetMissing { sheet: String },
    /// A sheet's part inflates to other bytes than its entry declares (more,
    /// or a wrong checksum): the zip crate stopped inflating it.
    SheetInflate { sheet: String, library: String },
    /// A cell names a shared string the table does not have; `after` is the
    /// cell read just before it, in file order, if any.
    SharedStringMissing {
        sheet: String,
        after: Option<super::CellRef>,
    },
}

impl Corruption {
    /// What was found, as a clause the message of `ReadError::Corrupt` carries.
    pub fn render(&self, lang: Lang) -> String {
        let (zh, en) = self.texts();
        match self.library() {
            Some(library) => lang.pick(
                format!("{zh}（技术细节：{library}）"),
                format!("{en} (technical detail: {library})"),
            ),
            None => lang.pick(zh, en),
        }
    }

    fn library(&self) -> Option<&str> {
        match self {
            Corruption::ZipDirectory { library }
            | Corruption::ZipEntry { library }
            | Corruption::Inflate { library, .. }
            | Corruption::InvalidXml { library, .. }
            | Corruption::SheetName { library, .. }
            | Corruption::OleStructure { library }
            | Corruption::WorkbookStream { library }
            | Corruption::Workbook { library }
            | Corruption::Sheet { library, .. }
            | Corruption::SheetInflate { library, .. } => Some(library),
            _ => None,
        }
    }

    /// Ours, in Chinese and in English, without the library's message.
    fn texts(&self) -> (String, String) {
        let same = |zh: &str, en: &str| (zh.to_owned(), en.to_owned());
        match self {
            Corruption::UnknownFormat => same(
                "不是任何已知的表格格式",
                "it is in no spreadsheet format we know",
            ),
            Corruption::Malformed => same(
                "文件结构异常，读取时出错",
                "its structure is malformed, and reading it failed",
            ),
            Corruption::ZipDirectory { .. } => same(
                "zip 文件目录无法读取，文件可能只保存或上传了一部分",
                "the directory of the zip package cannot be read, perhaps because only part of the file was saved or uploaded",
            ),
            Corruption::ZipEntry { .. } => same(
                "zip 文件目录中有一项无法读取",
                "an entry in the directory of the zip package cannot be read",
            ),
            Corruption::Inflate { part, .. } => (
                format!("{part} 无法解压"),
                format!("{part} cannot be unpacked"),
            ),
            Corruption::InvalidXml { part, .. } => (
                format!("{part} 不是有效的 XML"),
                format!("{part} is not valid XML"),
            ),
            Corruption::UnreadableAttributes { part, element } => (
                format!("{part} 中 {element} 元素的属性无法读取"),
                format!("the attributes of a {element} element in {part} cannot be read"),
            ),
            Corruption::NoWorkbookPart { part } => (
                format!("Office 文件中缺少工作簿部分（{part}）"),
                format!("the Office file lacks its workbook part ({part})"),
            ),
            Corruption::SharedStringCount {
                part,
                count,
                bytes,
                most,
            } => (
                format!(
                    "共享字符串表（{part}）声明有 {count} 个字符串，而这一部分解压后只有 {bytes} 字节，最多容纳 {most} 个"
                ),
                format!(
                    "the shared string table ({part}) declares {count} strings, but the part unpacks to only {bytes} bytes, room for at most {most}"
                ),
            ),
            Corruption::SheetUnended { part, sheet } => (
                format!("{part} 在工作表“{sheet}”中途结束"),
                format!("{part} ends in the middle of sheet “{sheet}”"),
            ),
            Corruption::AnnotationUnended { part } => (
                format!("{part} 在批注（office:annotation）中途结束"),
                format!("{part} ends in the middle of a comment (office:annotation)"),
            ),
            Corruption::NotANumber {
                part,
                attribute,
                value,
            } => (
                format!("{part} 中 {attribute} 的值“{value}”不是数字"),
                format!("in {part}, the value “{value}” of {attribute} is not a number"),
            ),
            Corruption::SheetName { part, name, .. } => (
                format!("{part} 中的工作表名“{name}”无法读取"),
                format!("the sheet name “{name}” in {part} cannot be read"),
            ),
            Corruption::OleStructure { .. } => same(
                "OLE 复合文件结构无法解析",
                "its OLE compound file structure cannot be parsed",
            ),
            Corruption::NoWorkbookStream => {
                same("OLE 文件中没有工作簿", "the OLE file holds no workbook")
            }
            Corruption::WorkbookStream { .. } => {
                same("工作簿数据流无法读取", "the workbook stream cannot be read")
            }
            Corruption::StreamLongerThanFile => same(
                "工作簿数据流比文件还大",
                "the workbook stream is said to be longer than the whole file",
            ),
            Corruption::TruncatedRecord => same(
                "xls 记录被截断，文件不完整",
                "an xls record is cut off, so the file is incomplete",
            ),
            Corruption::RecordCutOff { part } => (
                format!("{part} 中有一条记录比这一部分剩下的内容还长，文件不完整"),
                format!(
                    "a record in {part} is longer than what is left of the part, so the file is incomplete"
                ),
            ),
            Corruption::SheetOutsideStream { sheet } => (
                format!("工作表“{sheet}”的位置超出了文件"),
                format!("sheet “{sheet}” is said to start beyond the end of the file"),
            ),
            Corruption::Dimensions { sheet } => (
                format!("工作表“{sheet}”的尺寸记录（DIMENSIONS）超出了 xls 格式的范围"),
                format!(
                    "the size record (DIMENSIONS) of sheet “{sheet}” reaches beyond what the xls format allows"
                ),
            ),
            Corruption::Workbook { .. } => same(
                "工作簿的内容无法解析",
                "the contents of the workbook cannot be parsed",
            ),
            Corruption::Sheet { sheet, .. } => (
                format!("工作表“{sheet}”无法解析"),
                format!("sheet “{sheet}” cannot be parsed"),
            ),
            Corruption::SheetMissing { sheet } => (
                format!("工作簿列出了工作表“{sheet}”，文件中却没有它的内容"),
                format!(
                    "the workbook lists sheet “{sheet}”, but the file does not hold its contents"
                ),
            ),
            Corruption::SheetInflate { sheet, .. } => (
                format!("工作表“{sheet}”的数据无法解压，与文件目录中记录的不符"),
                format!(
                    "the data of sheet “{sheet}” cannot be unpacked: it does not match what the file's directory records"
                ),
            ),
            Corruption::SharedStringMissing { sheet, after } => match after {
                Some(cell) => (
                    format!(
                        "工作表“{sheet}”中紧接 {cell} 之后的单元格引用了共享字符串表中没有的文字"
                    ),
                    format!(
                        "in sheet “{sheet}”, the cell right after {cell} refers to a text the shared string table does not have"
                    ),
                ),
                None => (
                    format!("工作表“{sheet}”的第一个单元格引用了共享字符串表中没有的文字"),
                    format!(
                        "in sheet “{sheet}”, the first cell refers to a text the shared string table does not have"
                    ),
                ),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> String {
        text.to_owned()
    }

    #[test]
    fn every_cause_reads_in_both_languages() {
        let library = || s("lib says no");
        let cases = [
            (
                Corruption::UnknownFormat,
                "不是任何已知的表格格式",
                "it is in no spreadsheet format we know",
            ),
            (
                Corruption::Malformed,
                "文件结构异常，读取时出错",
                "its structure is malformed, and reading it failed",
            ),
            (
                Corruption::ZipDirectory { library: library() },
                "zip 文件目录无法读取，文件可能只保存或上传了一部分（技术细节：lib says no）",
                "the directory of the zip package cannot be read, perhaps because only part of the file was saved or uploaded (technical detail: lib says no)",
            ),
            (
                Corruption::ZipEntry { library: library() },
                "zip 文件目录中有一项无法读取（技术细节：lib says no）",
                "an entry in the directory of the zip package cannot be read (technical detail: lib says no)",
            ),
            (
                Corruption::Inflate {
                    part: s("content.xml"),
                    library: library(),
                },
                "content.xml 无法解压（技术细节：lib says no）",
                "content.xml cannot be unpacked (technical detail: lib says no)",
            ),
            (
                Corruption::InvalidXml {
                    part: s("content.xml"),
                    library: library(),
                },
                "content.xml 不是有效的 XML（技术细节：lib says no）",
                "content.xml is not valid XML (technical detail: lib says no)",
            ),
            (
                Corruption::UnreadableAttributes {
                    part: s("content.xml"),
                    element: s("table:table-cell"),
                },
                "content.xml 中 table:table-cell 元素的属性无法读取",
                "the attributes of a table:table-cell element in content.xml cannot be read",
            ),
            (
                Corruption::NoWorkbookPart {
                    part: s("book/workbook.xml"),
                },
                "Office 文件中缺少工作簿部分（book/workbook.xml）",
                "the Office file lacks its workbook part (book/workbook.xml)",
            ),
            (
                Corruption::SharedStringCount {
                    part: s("xl/sharedStrings.xml"),
                    count: 100_000_000_000,
                    bytes: 700,
                    most: 140,
                },
                "共享字符串表（xl/sharedStrings.xml）声明有 100000000000 个字符串，而这一部分解压后只有 700 字节，最多容纳 140 个",
                "the shared string table (xl/sharedStrings.xml) declares 100000000000 strings, but the part unpacks to only 700 bytes, room for at most 140",
            ),
            (
                Corruption::SheetUnended {
                    part: s("content.xml"),
                    sheet: s("数据"),
                },
                "content.xml 在工作表“数据”中途结束",
                "content.xml ends in the middle of sheet “数据”",
            ),
            (
                Corruption::AnnotationUnended {
                    part: s("content.xml"),
                },
                "content.xml 在批注（office:annotation）中途结束",
                "content.xml ends in the middle of a comment (office:annotation)",
            ),
            (
                Corruption::NotANumber {
                    part: s("content.xml"),
                    attribute: s("table:number-rows-repeated"),
                    value: s("x"),
                },
                "content.xml 中 table:number-rows-repeated 的值“x”不是数字",
                "in content.xml, the value “x” of table:number-rows-repeated is not a number",
            ),
            (
                Corruption::SheetName {
                    part: s("content.xml"),
                    name: s("a&b"),
                    library: library(),
                },
                "content.xml 中的工作表名“a&b”无法读取（技术细节：lib says no）",
                "the sheet name “a&b” in content.xml cannot be read (technical detail: lib says no)",
            ),
            (
                Corruption::OleStructure { library: library() },
                "OLE 复合文件结构无法解析（技术细节：lib says no）",
                "its OLE compound file structure cannot be parsed (technical detail: lib says no)",
            ),
            (
                Corruption::NoWorkbookStream,
                "OLE 文件中没有工作簿",
                "the OLE file holds no workbook",
            ),
            (
                Corruption::WorkbookStream { library: library() },
                "工作簿数据流无法读取（技术细节：lib says no）",
                "the workbook stream cannot be read (technical detail: lib says no)",
            ),
            (
                Corruption::StreamLongerThanFile,
                "工作簿数据流比文件还大",
                "the workbook stream is said to be longer than the whole file",
            ),
            (
                Corruption::TruncatedRecord,
                "xls 记录被截断，文件不完整",
                "an xls record is cut off, so the file is incomplete",
            ),
            (
                Corruption::RecordCutOff {
                    part: s("xl/worksheets/sheet1.bin"),
                },
                "xl/worksheets/sheet1.bin 中有一条记录比这一部分剩下的内容还长，文件不完整",
                "a record in xl/worksheets/sheet1.bin is longer than what is left of the part, so the file is incomplete",
            ),
            (
                Corruption::SheetOutsideStream { sheet: s("数据") },
                "工作表“数据”的位置超出了文件",
                "sheet “数据” is said to start beyond the end of the file",
            ),
            (
                Corruption::Dimensions { sheet: s("数据") },
                "工作表“数据”的尺寸记录（DIMENSIONS）超出了 xls 格式的范围",
                "the size record (DIMENSIONS) of sheet “数据” reaches beyond what the xls format allows",
            ),
            (
                Corruption::Workbook { library: library() },
                "工作簿的内容无法解析（技术细节：lib says no）",
                "the contents of the workbook cannot be parsed (technical detail: lib says no)",
            ),
            (
                Corruption::Sheet {
                    sheet: s("数据"),
                    library: library(),
                },
                "工作表“数据”无法解析（技术细节：lib says no）",
                "sheet “数据” cannot be parsed (technical detail: lib says no)",
            ),
            (
                Corruption::SheetMissing { sheet: s("数据") },
                "工作簿列出了工作表“数据”，文件中却没有它的内容",
                "the workbook lists sheet “数据”, but the file does not hold its contents",
            ),
            (
                Corruption::SheetInflate {
                    sheet: s("数据"),
                    library: library(),
                },
                "工作表“数据”的数据无法解压，与文件目录中记录的不符（技术细节：lib says no）",
                "the data of sheet “数据” cannot be unpacked: it does not match what the file's directory records (technical detail: lib says no)",
            ),
            (
                Corruption::SharedStringMissing {
                    sheet: s("数据"),
                    after: Some(super::super::CellRef::new(3, 1)),
                },
                "工作表“数据”中紧接 B4 之后的单元格引用了共享字符串表中没有的文字",
                "in sheet “数据”, the cell right after B4 refers to a text the shared string table does not have",
            ),
            (
                Corruption::SharedStringMissing {
                    sheet: s("数据"),
                    after: None,
                },
                "工作表“数据”的第一个单元格引用了共享字符串表中没有的文字",
                "in sheet “数据”, the first cell refers to a text the shared string table does not have",
            ),
        ];
        for (cause, zh, en) in cases {
            assert_eq!(
                [cause.render(Lang::Zh), cause.render(Lang::En)],
                [zh, en],
                "{cause:?}"
            );
        }
    }
}
