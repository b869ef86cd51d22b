//! A returned document (a unit's 方案 or 综合情况) as far as we read it.
//!
//! This module owns telling a document's format from its bytes (a .docx, a
//! Word .doc or WPS .wps, an RTF, a PDF, an OFD), refusing one that cannot be
//! opened or would cost more memory than any document needs, and turning a
//! .docx into a neutral list of [`Block`]s: headings, paragraphs, list items
//! and tables in their order, with the pictures in them. The blocks are what
//! `check` looks at (how much text, whether the unit is named, the title) and
//! what `merge` copies into the 汇编; neither sees docx-rs. Other formats are
//! only recognised here: converting them is `merge`'s business.
//!
//! What a .docx loses on the way is named in [`Dropped`]; formatting (fonts,
//! colours, alignment) is not carried at all, only structure and text.

mod docx;
mod inspect;

use std::path::Path;

use super::workbook::Limits;
use crate::lang::Lang;

pub use inspect::inspect;

/// What a document file is, by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    /// A Word 97–2003 document; WPS saves its .wps the same way.
    Doc,
    Rtf,
    Pdf,
    Ofd,
}

impl Format {
    /// Whether LibreOffice can turn it into a .docx for the 汇编.
    pub fn convertible(self) -> bool {
        matches!(self, Format::Doc | Format::Rtf)
    }
}

/// A .docx read into blocks, and what could not be carried over.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub dropped: Dropped,
}

/// One piece of a document's body, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading; level 1 is the document's own top level (a 标题 or 标题 1).
    Heading {
        level: usize,
        text: String,
    },
    Paragraph(Vec<Inline>),
    /// An item of a bulleted (`ordered == false`) or numbered list; level 0 is the outermost.
    ListItem {
        level: usize,
        ordered: bool,
        content: Vec<Inline>,
    },
    Table(Vec<Vec<Cell>>),
}

/// What a paragraph holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    /// A line break inside the paragraph.
    Break,
    Image(Image),
}

/// A picture, its bytes as the document holds them.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub bytes: Vec<u8>,
    /// Width and height as the document shows it, in EMU.
    pub size: (u32, u32),
}

/// The picture formats Word and LibreOffice both show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Gif,
    Bmp,
}

impl ImageKind {
    /// By its bytes; `None` for formats we do not carry (EMF, WMF, TIFF, SVG …).
    pub fn of(bytes: &[u8]) -> Option<ImageKind> {
        const MAGIC: [(&[u8], ImageKind); 4] = [
            (b"\x89PNG", ImageKind::Png),
            (b"\xFF\xD8\xFF", ImageKind::Jpeg),
            (b"GIF8", ImageKind::Gif),
            (b"BM", ImageKind::Bmp),
        ];
        MAGIC
            .iter()
            .find(|(magic, _)| bytes.starts_with(magic))
            .map(|(_, kind)| *kind)
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpeg",
            ImageKind::Gif => "gif",
            ImageKind::Bmp => "bmp",
        }
    }
}

/// One table cell: its paragraphs, and how far it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub paragraphs: Vec<Vec<Inline>>,
    /// Grid columns it covers (1 unless merged across).
    pub span: usize,
    pub merge: Merge,
}

/// A cell's part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    None,
    /// The first cell of cells merged downwards.
    Start,
    /// Covered by the cell above.
    Continued,
}

/// What a .docx held that the blocks leave out, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dropped {
    /// Pictures in a format Word and LibreOffice do not both show (EMF, WMF, TIFF, SVG …).
    pub images: usize,
    /// Text boxes and drawn shapes: their text is kept as a paragraph, the box is not.
    pub text_boxes: usize,
    /// Tables inside table cells: kept as the cell's paragraphs.
    pub nested_tables: usize,
}

impl Dropped {
    pub fn is_empty(&self) -> bool {
        *self == Dropped::default()
    }
}

/// Why a document could not be opened. Each says what was found.
#[derive(Debug, Clone, PartialEq)]
pub enum DocumentError {
    Io(String),
    Empty,
    /// An OLE file holding `EncryptedPackage`: a password-protected .docx.
    Encrypted,
    /// Bytes that are no document format we know (a picture, a workbook …).
    Unknown,
    /// A zip or OLE file that is broken, or whose parts cannot be read.
    Damaged(String),
    /// Its parts unpack to more than the reader's limit.
    TooLarge {
        bytes: u64,
        limit: u64,
    },
}

impl DocumentError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            DocumentError::Io(detail) => lang.pick(
                format!("无法读取文件（{detail}）"),
                format!("cannot read the file ({detail})"),
            ),
            DocumentError::Empty => lang.pick(
                "文件是空的（0 字节）".to_owned(),
                "the file is empty (0 bytes)".to_owned(),
            ),
            DocumentError::Encrypted => lang.pick(
                "文件设置了打开密码，无法打开".to_owned(),
                "the file is protected by a password and cannot be opened".to_owned(),
            ),
            DocumentError::Unknown => lang.pick(
                "文件内容不是 Word、WPS、RTF、PDF 或 OFD 文档，无法打开".to_owned(),
                "the file holds no Word, WPS, RTF, PDF or OFD document and cannot be opened"
                    .to_owned(),
            ),
            DocumentError::Damaged(detail) => lang.pick(
                format!("文件已损坏或不完整，无法打开（{detail}）"),
                format!("the file is damaged or incomplete and cannot be opened ({detail})"),
            ),
            DocumentError::TooLarge { bytes, limit } => lang.pick(
                format!(
                    "文件解压后共有 {}，超过可读取的上限（{}）",
                    super::workbook::size(*bytes, lang),
                    super::workbook::size(*limit, lang)
                ),
                format!(
                    "the file unpacks to {}, more than can be read ({})",
                    super::workbook::size(*bytes, lang),
                    super::workbook::size(*limit, lang)
                ),
            ),
        }
    }
}

/// A document file opened: its format, and for a .docx its blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub format: Format,
    pub document: Option<Document>,
}

/// Opens the document at `path`: its format by content, and a .docx read into blocks.
pub fn open(path: &Path, limits: &Limits) -> Result<Opened, DocumentError> {
    let bytes = std::fs::read(path).map_err(|e| DocumentError::Io(e.to_string()))?;
    open_bytes(&bytes, limits)
}

/// [`open`] on bytes already read.
pub fn open_bytes(bytes: &[u8], limits: &Limits) -> Result<Opened, DocumentError> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    let only = |format| {
        Ok(Opened {
            format,
            document: None,
        })
    };
    if bytes.is_empty() {
        return Err(DocumentError::Empty);
    }
    if bytes.starts_with(b"%PDF") {
        return only(Format::Pdf);
    }
    if bytes.starts_with(b"{\\rtf") {
        return only(Format::Rtf);
    }
    if bytes.starts_with(OLE) {
        return ole_format(bytes).and_then(only);
    }
    if !bytes.starts_with(ZIP) {
        return Err(DocumentError::Unknown);
    }
    let names = docx::part_names(bytes, limits)?;
    if names
        .iter()
        .any(|name| name.eq_ignore_ascii_case("OFD.xml"))
    {
        return only(Format::Ofd);
    }
    if !names
        .iter()
        .any(|name| name.eq_ignore_ascii_case("word/document.xml"))
    {
        return Err(DocumentError::Unknown);
    }
    Ok(Opened {
        format: Format::Docx,
        document: Some(docx::read(bytes)?),
    })
}

/// A Word .doc (or WPS .wps) holds a `WordDocument` stream; a
/// password-protected .docx is an OLE file holding `EncryptedPackage`.
fn ole_format(bytes: &[u8]) -> Result<Format, DocumentError> {
    let ole = cfb::CompoundFile::open(std::io::Cursor::new(bytes))
        .map_err(|e| DocumentError::Damaged(e.to_string()))?;
    let has = |name: &str| {
        ole.read_root_storage()
            .any(|entry| entry.is_stream() && entry.name().eq_ignore_ascii_case(name))
    };
    if has("WordDocument") {
        Ok(Format::Doc)
    } else if has("EncryptedPackage") {
        Err(DocumentError::Encrypted)
    } else {
        Err(DocumentError::Unknown)
    }
}

impl Document {
    /// All of its text, paragraphs apart by line ends, for counting and searching.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for block in &self.blocks {
            match block {
                Block::Heading { text: heading, .. } => text.push_str(heading),
                Block::Paragraph(content) | Block::ListItem { content, .. } => {
                    push_inline(&mut text, content)
                }
                Block::Table(rows) => {
                    for paragraph in rows.iter().flatten().flat_map(|c| &c.paragraphs) {
                        push_inline(&mut text, paragraph);
                        text.push('\n');
                    }
                }
            }
            text.push('\n');
        }
        text
    }

    /// Its title: the first heading, else its first paragraph with text.
    pub fn title(&self) -> Option<String> {
        let heading = self.blocks.iter().find_map(|block| match block {
            Block::Heading { text, .. } => Some(text.clone()),
            _ => None,
        });
        heading.or_else(|| {
            self.blocks.iter().find_map(|block| match block {
                Block::Paragraph(content) => {
                    let mut text = String::new();
                    push_inline(&mut text, content);
                    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
                }
                _ => None,
            })
        })
    }
}

fn push_inline(text: &mut String, content: &[Inline]) {
    for inline in content {
        match inline {
            Inline::Text(t) => text.push_str(t),
            Inline::Break => text.push('\n'),
            Inline::Image(_) => {}
        }
    }
}
