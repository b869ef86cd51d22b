//! A .docx into [`Block`]s, through docx-rs's reader.
//!
//! Headings are told by their style, followed through the styles it is based
//! on: a style named `heading N` (Word's and WPS's 标题 N, whatever the
//! language of the program), `Title`, or an outline level. List items are
//! paragraphs with numbering, ordered unless their level's format is a
//! bullet. Pictures are looked up by their relationship in the package.

use std::collections::HashMap;
use std::io::Cursor;

use docx_rs::{
    DocumentChild, Docx, Drawing, DrawingData, Paragraph, ParagraphChild, Run, RunChild,
    StructuredDataTagChild, Style, Table, TableCellContent, TableChild, TableRowChild,
    TextBoxContentChild,
};

use super::{Block, Cell, DocumentError, Dropped, Image, ImageKind, Inline, Merge};
use crate::read::workbook::{self, Limits, ReadError};

/// The name of every part, once their declared sizes are held to the limits.
pub(super) fn part_names(bytes: &[u8], limits: &Limits) -> Result<Vec<String>, DocumentError> {
    let package = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocumentError::Damaged(e.to_string()))?;
    let from_read = |error: ReadError| match error {
        ReadError::TooLarge { bytes, limit, .. } => DocumentError::TooLarge { bytes, limit },
        other => DocumentError::Damaged(other.render(crate::lang::Lang::En)),
    };
    let names = workbook::part_names(&package).map_err(from_read)?;
    workbook::check_declared_sizes(&package, &names, limits).map_err(from_read)?;
    Ok(names)
}

/// Reads a .docx whose sizes [`part_names`] has checked.
pub(super) fn read(bytes: &[u8]) -> Result<super::Document, DocumentError> {
    let bytes = with_document_rels(bytes)?;
    // docx-rs panics on some malformed packages (a part path it cannot spell).
    let docx = workbook::guarded(
        || docx_rs::read_docx(&bytes).map_err(|e| DocumentError::Damaged(e.to_string())),
        || DocumentError::Damaged("malformed package".to_owned()),
    )?;
    let reader = Reader::new(&docx);
    let mut blocks = Vec::new();
    let mut dropped = Dropped::default();
    for child in &docx.document.children {
        reader.document_child(child, &mut blocks, &mut dropped);
    }
    Ok(super::Document { blocks, dropped })
}

/// The package, with an empty `word/_rels/document.xml.rels` added when it
/// has none: the part is optional (a document without pictures or links needs
/// nothing in it, and small generators leave it out), but docx-rs requires it.
fn with_document_rels(bytes: &[u8]) -> Result<Vec<u8>, DocumentError> {
    const RELS: &str = "word/_rels/document.xml.rels";
    let damaged = |e: zip::result::ZipError| DocumentError::Damaged(e.to_string());
    let mut package = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    if package.index_for_name(RELS).is_some() {
        return Ok(bytes.to_vec());
    }
    let mut copy = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..package.len() {
        copy.raw_copy_file(package.by_index_raw(index).map_err(damaged)?)
            .map_err(damaged)?;
    }
    copy.start_file(RELS, zip::write::SimpleFileOptions::default())
        .map_err(damaged)?;
    std::io::Write::write_all(
        &mut copy,
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>"#,
    )
    .map_err(|e| DocumentError::Damaged(e.to_string()))?;
    Ok(copy.finish().map_err(damaged)?.into_inner())
}

/// What the walk needs from the package besides the body.
struct Reader<'d> {
    styles: HashMap<&'d str, &'d Style>,
    /// Whether each numbering instance (numId) counts (not bullets), by level.
    ordered: HashMap<usize, HashMap<usize, bool>>,
    images: HashMap<&'d str, &'d [u8]>,
}

impl<'d> Reader<'d> {
    fn new(docx: &'d Docx) -> Reader<'d> {
        let styles = docx
            .styles
            .styles
            .iter()
            .map(|s| (s.style_id.as_str(), s))
            .collect();
        let abstract_levels: HashMap<usize, HashMap<usize, bool>> = docx
            .numberings
            .abstract_nums
            .iter()
            .map(|a| {
                let levels = a
                    .levels
                    .iter()
                    .map(|l| (l.level, !matches!(l.format.val.as_str(), "bullet" | "none")))
                    .collect();
                (a.id, levels)
            })
            .collect();
        let ordered = docx
            .numberings
            .numberings
            .iter()
            .filter_map(|n| Some((n.id, abstract_levels.get(&n.abstract_num_id)?.clone())))
            .collect();
        let images = docx
            .images
            .iter()
            .map(|(id, _, image, _)| (id.as_str(), image.0.as_slice()))
            .collect();
        Reader {
            styles,
            ordered,
            images,
        }
    }

    fn document_child(
        &self,
        child: &DocumentChild,
        blocks: &mut Vec<Block>,
        dropped: &mut Dropped,
    ) {
        match child {
            DocumentChild::Paragraph(p) => blocks.extend(self.paragraph(p, dropped)),
            DocumentChild::Table(t) => blocks.push(self.table(t, dropped)),
            DocumentChild::StructuredDataTag(tag) => {
                for child in &tag.children {
                    match child {
                        StructuredDataTagChild::Paragraph(p) => {
                            blocks.extend(self.paragraph(p, dropped))
                        }
                        StructuredDataTagChild::Table(t) => blocks.push(self.table(t, dropped)),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    /// A paragraph as a block; an empty one is none.
    fn paragraph(&self, p: &Paragraph, dropped: &mut Dropped) -> Option<Block> {
        let mut content = Vec::new();
        for child in &p.children {
            self.paragraph_child(child, &mut content, dropped);
        }
        let has_text = content.iter().any(|i| match i {
            Inline::Text(t) => !t.trim().is_empty(),
            Inline::Image(_) => true,
            Inline::Break => false,
        });
        if !has_text {
            return None;
        }
        if let Some(level) = self.heading_level(p) {
            let mut text = String::new();
            super::push_inline(&mut text, &content);
            let images: Vec<Inline> = content
                .into_iter()
                .filter(|i| matches!(i, Inline::Image(_)))
                .collect();
            // A picture inside a heading is rare; it is kept after the heading's text.
            if images.is_empty() {
                return Some(Block::Heading {
                    level,
                    text: text.trim().to_owned(),
                });
            }
            return Some(Block::Paragraph(images));
        }
        if let Some((level, ordered)) = self.list_level(p) {
            return Some(Block::ListItem {
                level,
                ordered,
                content,
            });
        }
        Some(Block::Paragraph(content))
    }

    fn paragraph_child(
        &self,
        child: &ParagraphChild,
        content: &mut Vec<Inline>,
        dropped: &mut Dropped,
    ) {
        match child {
            ParagraphChild::Run(run) => self.run(run, content, dropped),
            ParagraphChild::Insert(insert) => {
                for child in &insert.children {
                    if let docx_rs::InsertChild::Run(run) = child {
                        self.run(run, content, dropped);
                    }
                }
            }
            ParagraphChild::Hyperlink(link) => {
                for child in &link.children {
                    self.paragraph_child(child, content, dropped);
                }
            }
            ParagraphChild::StructuredDataTag(tag) => {
                for child in &tag.children {
                    if let StructuredDataTagChild::Run(run) = child {
                        self.run(run, content, dropped);
                    }
                }
            }
            _ => {}
        }
    }

    fn run(&self, run: &Run, content: &mut Vec<Inline>, dropped: &mut Dropped) {
        for child in &run.children {
            match child {
                RunChild::Text(t) => push_text(content, &t.text),
                RunChild::Tab(_) => push_text(content, "\t"),
                RunChild::Break(_) | RunChild::CarriageReturn(_) => content.push(Inline::Break),
                RunChild::Drawing(drawing) => self.drawing(drawing, content, dropped),
                RunChild::Shape(shape) => match &shape.image_data {
                    Some(data) => self.image(&data.id, (0, 0), content, dropped),
                    None => dropped.text_boxes += 1,
                },
                _ => {}
            }
        }
    }

    fn drawing(&self, drawing: &Drawing, content: &mut Vec<Inline>, dropped: &mut Dropped) {
        match &drawing.data {
            Some(DrawingData::Pic(pic)) => self.image(&pic.id, pic.size, content, dropped),
            Some(DrawingData::TextBox(text_box)) => {
                dropped.text_boxes += 1;
                for child in &text_box.children {
                    if let TextBoxContentChild::Paragraph(p) = child
                        && let Some(Block::Paragraph(inner)) = self.paragraph(p, dropped)
                    {
                        content.push(Inline::Break);
                        content.extend(inner);
                    }
                }
            }
            None => {}
        }
    }

    fn image(&self, id: &str, size: (u32, u32), content: &mut Vec<Inline>, dropped: &mut Dropped) {
        let Some(bytes) = self.images.get(id) else {
            dropped.images += 1;
            return;
        };
        if ImageKind::of(bytes).is_none() {
            dropped.images += 1;
            return;
        }
        content.push(Inline::Image(Image {
            bytes: bytes.to_vec(),
            size,
        }));
    }

    fn table(&self, table: &Table, dropped: &mut Dropped) -> Block {
        let rows = table
            .rows
            .iter()
            .map(|TableChild::TableRow(row)| {
                row.cells
                    .iter()
                    .map(|TableRowChild::TableCell(cell)| {
                        let (span, merge) = spans(&cell.property);
                        let mut paragraphs = Vec::new();
                        for content in &cell.children {
                            self.cell_content(content, &mut paragraphs, dropped);
                        }
                        Cell {
                            paragraphs,
                            span,
                            merge,
                        }
                    })
                    .collect()
            })
            .collect();
        Block::Table(rows)
    }

    /// A cell's paragraphs; a table inside it becomes the text of its cells.
    fn cell_content(
        &self,
        content: &TableCellContent,
        paragraphs: &mut Vec<Vec<Inline>>,
        dropped: &mut Dropped,
    ) {
        match content {
            TableCellContent::Paragraph(p) => match self.paragraph(p, dropped) {
                Some(
                    Block::Paragraph(inline)
                    | Block::ListItem {
                        content: inline, ..
                    },
                ) => paragraphs.push(inline),
                Some(Block::Heading { text, .. }) => paragraphs.push(vec![Inline::Text(text)]),
                _ => {}
            },
            TableCellContent::Table(inner) => {
                dropped.nested_tables += 1;
                for TableChild::TableRow(row) in &inner.rows {
                    for TableRowChild::TableCell(cell) in &row.cells {
                        for content in &cell.children {
                            self.cell_content(content, paragraphs, dropped);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// The heading level of a paragraph, by its own outline level or its style's.
    fn heading_level(&self, p: &Paragraph) -> Option<usize> {
        if let Some(outline) = &p.property.outline_lvl {
            return (outline.v < 9).then_some(outline.v + 1);
        }
        let mut style_id = p.property.style.as_ref()?.val.as_str();
        let mut based_on: String;
        // Styles are based on styles; ten steps is deeper than any real chain.
        for _ in 0..10 {
            let style = self.styles.get(style_id)?;
            if let Some(level) = style.name.get_heading_number() {
                return Some(level.clamp(1, 9));
            }
            if style.name.starts_with("Title") || style_id == "Title" {
                return Some(1);
            }
            if let Some(outline) = &style.paragraph_property.outline_lvl {
                return (outline.v < 9).then_some(outline.v + 1);
            }
            based_on = based_on_id(style)?;
            style_id = based_on.as_str();
        }
        None
    }

    /// The list level of a paragraph and whether the list counts, by its own
    /// numbering or its style's.
    fn list_level(&self, p: &Paragraph) -> Option<(usize, bool)> {
        let numbering = p.property.numbering_property.as_ref().or_else(|| {
            let style = self.styles.get(p.property.style.as_ref()?.val.as_str())?;
            style.paragraph_property.numbering_property.as_ref()
        })?;
        // numId 0 means "no numbering" (a list style switched off).
        let id = numbering.id.as_ref()?.id;
        if id == 0 {
            return None;
        }
        let level = numbering.level.as_ref().map_or(0, |l| l.val);
        let ordered = self
            .ordered
            .get(&id)
            .and_then(|levels| levels.get(&level))
            .copied()
            .unwrap_or(true);
        Some((level, ordered))
    }
}

/// Text joined to the text before it, so that a word split over runs is one.
fn push_text(content: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text(last)) = content.last_mut() {
        last.push_str(text);
    } else {
        content.push(Inline::Text(text.to_owned()));
    }
}

/// The style a style is based on; docx-rs keeps its id private but serialises it.
fn based_on_id(style: &Style) -> Option<String> {
    let value = serde_json::to_value(style.based_on.as_ref()?).ok()?;
    value.as_str().map(str::to_owned)
}

/// A cell's span across and its part in a vertical merge. docx-rs keeps both
/// private to its writer, but serialises them (for its WebAssembly build).
fn spans(property: &docx_rs::TableCellProperty) -> (usize, Merge) {
    let value = serde_json::to_value(property).unwrap_or_default();
    let span = value["gridSpan"].as_u64().map_or(1, |n| n.max(1) as usize);
    let merge = match value["verticalMerge"].as_str() {
        Some("restart") => Merge::Start,
        Some("continue") => Merge::Continued,
        _ => Merge::None,
    };
    (span, merge)
}
