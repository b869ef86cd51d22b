//! The 汇编 as docx-rs builds it: our styles, our own parts (title lines,
//! headings, plain tables) and a summary's [`Block`]s, each with ids counted
//! from the start of the document, so that the same document gets the same
//! ids on every run. docx-rs draws paragraph ids from a per-thread counter
//! and picture ids from a process-wide one; both are set here instead.

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, DocumentChild, Docx, FieldCharType, IndentLevel,
    InstrText, InstrToC, Level, LevelJc, LevelOverride, LevelText, NumberFormat, Numbering,
    NumberingId, PageMargin, Paragraph, Pic, Run, RunFonts, Start, Style, StyleType, Table,
    TableCell, TableLayoutType, TableRow, VMergeType, WidthType,
};

use super::columns;
use crate::read::document::{Block, Cell, Inline, Merge};

/// A4, in twentieths of a point.
const PAGE_TWIPS: (u32, u32) = (11_906, 16_838);
/// The margins of an official document (GB/T 9704: 37 mm top, 35 mm bottom,
/// 28 mm left, 26 mm right), in twentieths of a point.
const MARGIN_TWIPS: [i32; 4] = [2_098, 1_984, 1_588, 1_474];
/// The width of the text between the margins (156 mm).
const TEXT_WIDTH_TWIPS: usize = (PAGE_TWIPS.0 as i32 - MARGIN_TWIPS[2] - MARGIN_TWIPS[3]) as usize;
/// The same width in EMU (635 a twip), the widest a picture may be.
const TEXT_WIDTH_EMU: u32 = TEXT_WIDTH_TWIPS as u32 * 635;
/// A picture whose size the document does not give (an old VML picture) gets 12 × 9 cm.
const UNSIZED_EMU: (u32, u32) = (4_320_000, 3_240_000);
/// Numbering definitions: one for numbered lists, one for bullets.
const DECIMAL: usize = 1;
const BULLET: usize = 2;
/// The body's type size in half points (12 points, 小四). A half-width
/// character (half of a Chinese one) at a size of `n` half points is `5 * n`
/// twentieths of a point wide.
const BODY_SIZE: usize = 24;
/// The deepest heading Word offers.
const DEEPEST: usize = 9;
/// The heading levels the contents list.
const CONTENTS_DEPTH: usize = 2;
/// The last line of the contents until a word processor updates them.
const CONTENTS_HINT: &str = "（目录页码请在 Word 或 WPS 中右键单击目录，选择“更新域”后显示。）";

/// A document being written.
pub(super) struct Writer {
    docx: Docx,
    paragraphs: u32,
    pictures: u32,
    lists: usize,
    /// Where the contents go among the body's children, once asked for.
    contents_at: Option<usize>,
    /// The headings the contents list, with their levels, in order.
    headings: Vec<(usize, String)>,
}

impl Writer {
    pub(super) fn new(created: &str) -> Writer {
        let [top, bottom, left, right] = MARGIN_TWIPS;
        let mut docx = Docx::new()
            .created_at(created)
            .page_size(PAGE_TWIPS.0, PAGE_TWIPS.1)
            .page_margin(
                PageMargin::new()
                    .top(top)
                    .bottom(bottom)
                    .left(left)
                    .right(right),
            )
            .default_fonts(RunFonts::new().east_asia("宋体"))
            .default_size(BODY_SIZE)
            .add_style(
                Style::new("Title", StyleType::Paragraph)
                    .name("Title")
                    .bold()
                    .size(44)
                    .align(AlignmentType::Center),
            )
            .add_abstract_numbering(list(DECIMAL, "decimal", |level| format!("%{}.", level + 1)))
            .add_abstract_numbering(list(BULLET, "bullet", |_| "•".to_owned()));
        for level in 1..=CONTENTS_DEPTH {
            docx = docx.add_style(
                Style::new(format!("TOC{level}"), StyleType::Paragraph)
                    .name(format!("toc {level}"))
                    .indent(Some(420 * (level as i32 - 1)), None, None, None),
            );
        }
        for level in 1..=DEEPEST {
            let size = [36, 32, 30, 28, 26, 24, 24, 24, 24][level - 1];
            docx = docx.add_style(
                Style::new(format!("Heading{level}"), StyleType::Paragraph)
                    .name(format!("Heading {level}"))
                    .outline_lvl(level - 1)
                    .bold()
                    .size(size),
            );
        }
        Writer {
            docx,
            paragraphs: 0,
            pictures: 0,
            lists: 0,
            contents_at: None,
            headings: Vec::new(),
        }
    }

    /// The document, with its contents filled in now that every heading is known.
    pub(super) fn finish(mut self) -> Docx {
        if let Some(at) = self.contents_at {
            let contents = self.contents_field();
            self.docx.document.children.splice(at..at, contents);
        }
        self.docx
    }

    /// A new paragraph with the next id (hexadecimal, below 0x80000000 as Word wants).
    fn paragraph(&mut self) -> Paragraph {
        self.paragraphs += 1;
        Paragraph::new().id(format!("{:08X}", self.paragraphs))
    }

    pub(super) fn title(&mut self, text: &str) {
        let p = self
            .paragraph()
            .style("Title")
            .add_run(Run::new().add_text(text));
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    /// A centred line of the title page.
    pub(super) fn centred(&mut self, text: &str) {
        let p = self
            .paragraph()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(text).size(28));
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    pub(super) fn page_break(&mut self) {
        let p = self
            .paragraph()
            .add_run(Run::new().add_break(BreakType::Page));
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    /// The contents list, headed `heading`: a TOC field of the headings of
    /// levels 1 and 2, filled in by [`Writer::finish`].
    pub(super) fn contents(&mut self, heading: &str) {
        let p = self
            .paragraph()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(heading).bold().size(32));
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
        self.contents_at = Some(self.docx.document.children.len());
    }

    /// The TOC field, marked for updating: Word offers to update it when it
    /// opens the file, and then lists the headings with their pages. Until
    /// then (WPS, LibreOffice, a viewer, a Word that was told no) its result
    /// shows the headings, without pages, and a line saying how to get them —
    /// never the field's code. The field's start is a paragraph of its own:
    /// LibreOffice prints the code when it shares one with an entry.
    fn contents_field(&mut self) -> Vec<DocumentChild> {
        let start = self.paragraph().add_run(
            Run::new()
                .add_field_char(FieldCharType::Begin, true)
                .add_instr_text(InstrText::TOC(
                    InstrToC::new().heading_styles_range(1, CONTENTS_DEPTH),
                ))
                .add_field_char(FieldCharType::Separate, false),
        );
        let mut paragraphs = vec![start];
        for (level, text) in std::mem::take(&mut self.headings) {
            let p = self
                .paragraph()
                .style(&format!("TOC{level}"))
                .add_run(Run::new().add_text(text));
            paragraphs.push(p);
        }
        let hint = self.paragraph().add_run(
            Run::new()
                .add_text(CONTENTS_HINT)
                .add_field_char(FieldCharType::End, false),
        );
        paragraphs.push(hint);
        paragraphs
            .into_iter()
            .map(|p| DocumentChild::Paragraph(Box::new(p)))
            .collect()
    }

    pub(super) fn heading(&mut self, level: usize, text: &str) {
        let level = level.clamp(1, DEEPEST);
        if level <= CONTENTS_DEPTH {
            self.headings.push((level, text.to_owned()));
        }
        let p = self
            .paragraph()
            .style(&format!("Heading{level}"))
            .keep_next(true)
            .add_run(Run::new().add_text(text));
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    /// A paragraph of our own text.
    pub(super) fn text(&mut self, text: &str) {
        let p = self.paragraph().add_run(Run::new().add_text(text));
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    /// A table of our own in 9-point type (小五, as dense tables in official
    /// documents are set, so that the eight columns of the 附件3 totals fit
    /// the page): a bold header row, then text cells, columns sized by their text.
    pub(super) fn plain_table(&mut self, header: &[String], rows: &[Vec<String>]) {
        const SIZE: usize = 18;
        let texts: Vec<Vec<&str>> = (0..header.len())
            .map(|c| {
                std::iter::once(&header[c])
                    .chain(rows.iter().filter_map(|row| row.get(c)))
                    .map(String::as_str)
                    .collect()
            })
            .collect();
        let widths = columns::widths(&texts, SIZE * 5, TEXT_WIDTH_TWIPS);
        let mut cell = |text: &str, bold: bool, width: usize| {
            let run = Run::new().add_text(text).size(SIZE);
            let run = if bold { run.bold() } else { run };
            let p = self.paragraph().add_run(run);
            TableCell::new()
                .add_paragraph(p)
                .width(width, WidthType::Dxa)
        };
        let mut table_rows = vec![TableRow::new(
            header
                .iter()
                .zip(&widths)
                .map(|(h, w)| cell(h, true, *w))
                .collect(),
        )];
        for row in rows {
            let cells = row
                .iter()
                .zip(&widths)
                .map(|(text, w)| cell(text, false, *w))
                .collect();
            table_rows.push(TableRow::new(cells));
        }
        let table = sized(Table::new(table_rows), widths);
        self.docx = std::mem::take(&mut self.docx).add_table(table);
    }

    /// A summary's blocks, its headings `below` levels deeper.
    pub(super) fn blocks(&mut self, blocks: &[Block], below: usize) {
        let mut list: Option<(bool, usize)> = None;
        for block in blocks {
            match block {
                Block::Heading { level, text } => self.heading(level + below, text),
                Block::Paragraph(content) => {
                    let p = self.paragraph();
                    let p = self.inline(p, content);
                    self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
                }
                Block::ListItem {
                    level,
                    ordered,
                    content,
                } => {
                    let id = match list {
                        Some((kind, id)) if kind == *ordered => id,
                        _ => self.new_list(*ordered),
                    };
                    list = Some((*ordered, id));
                    let p = self.paragraph().numbering(
                        NumberingId::new(id),
                        IndentLevel::new((*level).min(DEEPEST - 1)),
                    );
                    let p = self.inline(p, content);
                    self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
                    continue;
                }
                Block::Table(rows) => {
                    let table = self.table(rows);
                    self.docx = std::mem::take(&mut self.docx).add_table(table);
                }
            }
            list = None;
        }
    }

    /// A numbering instance of its own, so that each list counts from 1.
    fn new_list(&mut self, ordered: bool) -> usize {
        self.lists += 1;
        let id = self.lists;
        let abstract_id = if ordered { DECIMAL } else { BULLET };
        let numbering =
            Numbering::new(id, abstract_id).add_override(LevelOverride::new(0).start(1));
        self.docx = std::mem::take(&mut self.docx).add_numbering(numbering);
        id
    }

    fn inline(&mut self, mut p: Paragraph, content: &[Inline]) -> Paragraph {
        for inline in content {
            let run = match inline {
                Inline::Text(text) => Run::new().add_text(text),
                Inline::Break => Run::new().add_break(BreakType::TextWrapping),
                Inline::Image(image) => {
                    self.pictures += 1;
                    let (width, height) = fitted(image.size);
                    let pic = Pic::new_with_dimensions(image.bytes.clone(), 0, 0)
                        .id(format!("rIdImage{}", self.pictures))
                        .size(width, height);
                    Run::new().add_image(pic)
                }
            };
            p = p.add_run(run);
        }
        p
    }

    /// A summary's table, in the document's 12-point type, its columns
    /// sized by the text of the cells that span one column.
    fn table(&mut self, rows: &[Vec<Cell>]) -> Table {
        let widths = block_widths(rows);
        let rows = rows
            .iter()
            .map(|row| {
                let mut column = 0;
                let cells = row
                    .iter()
                    .map(|cell| {
                        let width = widths.iter().skip(column).take(cell.span.max(1)).sum();
                        column += cell.span.max(1);
                        let mut table_cell = TableCell::new().width(width, WidthType::Dxa);
                        for content in &cell.paragraphs {
                            let p = self.paragraph();
                            table_cell = table_cell.add_paragraph(self.inline(p, content));
                        }
                        if cell.paragraphs.is_empty() {
                            table_cell = table_cell.add_paragraph(self.paragraph());
                        }
                        if cell.span > 1 {
                            table_cell = table_cell.grid_span(cell.span);
                        }
                        match cell.merge {
                            Merge::None => table_cell,
                            Merge::Start => table_cell.vertical_merge(VMergeType::Restart),
                            Merge::Continued => table_cell.vertical_merge(VMergeType::Continue),
                        }
                    })
                    .collect();
                TableRow::new(cells)
            })
            .collect();
        sized(Table::new(rows), widths)
    }
}

/// The column widths of a summary's table: its grid is as wide as its widest
/// row (spans counted); a cell spanning several columns sizes none of them.
fn block_widths(rows: &[Vec<Cell>]) -> Vec<usize> {
    let grid = rows
        .iter()
        .map(|row| row.iter().map(|c| c.span.max(1)).sum::<usize>())
        .max()
        .unwrap_or(0);
    let mut texts: Vec<Vec<String>> = vec![Vec::new(); grid];
    for row in rows {
        let mut column = 0;
        for cell in row {
            if cell.span <= 1 {
                texts[column].extend(cell.paragraphs.iter().map(|p| inline_text(p)));
            }
            column += cell.span.max(1);
        }
    }
    let texts: Vec<Vec<&str>> = texts
        .iter()
        .map(|column| column.iter().map(String::as_str).collect())
        .collect();
    columns::widths(&texts, BODY_SIZE * 5, TEXT_WIDTH_TWIPS)
}

/// The text of a paragraph, its line breaks kept (a column is as wide as its longest line).
fn inline_text(content: &[Inline]) -> String {
    content
        .iter()
        .map(|inline| match inline {
            Inline::Text(text) => text.as_str(),
            Inline::Break => "\n",
            Inline::Image(_) => "",
        })
        .collect()
}

/// A table laid out at `widths`, exactly: the grid, the whole width, a fixed layout.
fn sized(table: Table, widths: Vec<usize>) -> Table {
    let total = widths.iter().sum();
    table
        .set_grid(widths)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// A picture's size, scaled down to the text width when it is wider.
fn fitted(size: (u32, u32)) -> (u32, u32) {
    let (width, height) = if size.0 == 0 || size.1 == 0 {
        UNSIZED_EMU
    } else {
        size
    };
    if width <= TEXT_WIDTH_EMU {
        return (width, height);
    }
    let scaled = u64::from(height) * u64::from(TEXT_WIDTH_EMU) / u64::from(width);
    (TEXT_WIDTH_EMU, scaled as u32)
}

/// A list definition of nine levels in `format`, each indented further.
fn list(id: usize, format: &str, text: impl Fn(usize) -> String) -> AbstractNumbering {
    (0..DEEPEST).fold(AbstractNumbering::new(id), |numbering, level| {
        numbering.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text(level)),
                LevelJc::new("left"),
            )
            .indent(
                Some(420 * (level as i32 + 1)),
                Some(docx_rs::SpecialIndentType::Hanging(420)),
                None,
                None,
            ),
        )
    })
}
