//! OpenDocument spreadsheets: content.xml gone through before calamine
//! parses it, then the sheets calamine built copied into our tables.

use std::borrow::Cow;
use std::io::Read;

use calamine::{Ods, OdsError, Reader};
use quick_xml::escape::unescape;
use quick_xml::events::{BytesStart, Event};

use super::budget::{BoundedTable, Budget};
use super::cells::read_dense;
use super::package::{Package, XmlPart, attribute, attributes};
use super::{Corruption, Format, Limits, ReadError, Workbook, corrupt};

/// Reads an OpenDocument spreadsheet.
///
/// calamine parses all of content.xml inside `Ods::new` and holds every
/// sheet densely, so [`prescan`] goes through content.xml first.
pub(super) fn read_ods(mut package: Package, limits: &Limits) -> Result<Workbook, ReadError> {
    prescan(&mut package, limits)?;
    let ods: Ods<_> = Ods::new(package.into_inner()).map_err(|e| match e {
        OdsError::Password => ReadError::Encrypted,
        e => corrupt(Corruption::Workbook {
            library: e.to_string(),
        }),
    })?;
    read_dense(ods, Format::Ods, limits)
}

const MANIFEST: &str = "META-INF/manifest.xml";
const CONTENT: &str = "content.xml";

const TABLE: &str = "table:table";
const ROW: &str = "table:table-row";
const CELL: &str = "table:table-cell";
const COVERED_CELL: &str = "table:covered-table-cell";
const ANNOTATION: &str = "office:annotation";

/// Goes through content.xml as calamine 0.38's `Ods::new` will, and refuses,
/// before calamine allocates, what would make it allocate too much.
///
/// calamine stores each non-empty cell once per `table:number-columns-repeated`
/// (up to 16384) in every row element, then copies each row once per
/// `table:number-rows-repeated` into one dense grid per sheet, from the first
/// to the last row and column with content; every copy of a text is a new
/// string. So a 13 KB .ods (20 000 rows of one number repeated 16384 times)
/// asks for some 18 GB, and one `<text:s text:c="1000000000"/>` for 1 GB. Here
/// each sheet's extent, with the repeats added up, is held to `max_cells`,
/// the text of its cells, each copy counted, to `max_unzipped_bytes`, and
/// the sheets together as for xls. Empty cells and rows count for nothing
/// however often they repeat (LibreOffice writes a sheet's unused columns
/// and rows out that way).
///
/// The XML is read by the reader calamine reads it with ([`XmlPart`]), and
/// the walk follows calamine's where broken XML would let the two part ways
/// (end tags are not matched, a string cell ends at the first end of any
/// cell). Where that reader fails, calamine would fail too, and the file is
/// corrupt. The walk is stricter in corners no spreadsheet program writes: a
/// row repeated 0 times counts as one, rows and columns are not cut at
/// calamine's 1048576 × 16384, a tag whose attributes calamine might read
/// otherwise is refused (see [`attribute`]), and so are a table and an
/// annotation without end (on which calamine loops for ever).
fn prescan(package: &mut Package, limits: &Limits) -> Result<(), ReadError> {
    // calamine looks for encryption first; the content is then no XML.
    if let Ok(manifest) = package.by_name(MANIFEST) {
        let mut manifest = XmlPart::new(manifest, MANIFEST);
        loop {
            match manifest.next()? {
                Event::Start(tag) if tag.name().as_ref() == "manifest:encryption-data" => {
                    return Err(ReadError::Encrypted);
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    // Without it calamine refuses the file.
    let Ok(content) = package.by_name(CONTENT) else {
        return Ok(());
    };
    prescan_content(XmlPart::new(content, CONTENT), limits)
}

/// The tables of content.xml, one after the other.
fn prescan_content<R: Read>(mut content: XmlPart<R>, limits: &Limits) -> Result<(), ReadError> {
    let mut budget = Budget::dense(limits);
    loop {
        let name = match content.next()? {
            Event::Start(tag) if tag.name().as_ref() == TABLE => {
                match attribute(&tag, "table:name", CONTENT)? {
                    Some(raw) => table_name(&raw)?,
                    // calamine passes over a table without a name, and its rows.
                    None => continue,
                }
            }
            Event::Eof => break,
            _ => continue,
        };
        prescan_table(&mut content, &name, &mut budget)?;
    }
    Ok(())
}

/// One `table:table`, from after its start tag to its end tag.
fn prescan_table<R: Read>(
    content: &mut XmlPart<R>,
    name: &str,
    budget: &mut Budget,
) -> Result<(), ReadError> {
    let mut table = BoundedTable::new(name, budget);
    let mut row = 0u64;
    loop {
        let repeats = match content.next()? {
            // calamine ends the table at the first end tag of any table.
            Event::End(end) if end.name().as_ref() == TABLE => break,
            Event::Start(tag) if tag.name().as_ref() == ROW => {
                count(&tag, "table:number-rows-repeated")?.unwrap_or(1)
            }
            // calamine waits for the end of the table for ever.
            Event::Eof => {
                return Err(corrupt(Corruption::SheetUnended {
                    part: CONTENT.to_owned(),
                    sheet: name.to_owned(),
                }));
            }
            _ => continue,
        };
        let repeats = repeats.max(1);
        let cells = OdsRow::read(content)?;
        if let Some(last_col) = cells.last_col {
            let last_row = row.saturating_add(repeats - 1);
            table.admit(clamped(last_row), clamped(last_col))?;
            table.charge_text(cells.text.saturating_mul(repeats))?;
        }
        row = row.saturating_add(repeats);
    }
    table.finish()?;
    Ok(())
}

/// What one row element holds, once (before its rows repeat).
#[derive(Default)]
struct OdsRow {
    /// The last column holding a cell calamine keeps.
    last_col: Option<u64>,
    /// The text calamine copies out of the row's cells, each copy counted.
    text: u64,
}

impl OdsRow {
    /// From after the row's start tag to its end tag.
    fn read<R: Read>(content: &mut XmlPart<R>) -> Result<OdsRow, ReadError> {
        let mut row = OdsRow::default();
        let mut col = 0u64;
        loop {
            let tag = match content.next()? {
                Event::End(end) if end.name().as_ref() == ROW => break,
                Event::Start(tag) if is_cell(tag.name().as_ref()) => tag,
                Event::Eof => break,
                _ => continue,
            };
            let element = if tag.name().as_ref() == CELL {
                CELL
            } else {
                COVERED_CELL
            };
            let repeats = count(&tag, "table:number-columns-repeated")?.unwrap_or(1);
            let cell = OdsCell::start(&tag)?.read_rest(content, element)?;
            if cell.kept && repeats > 0 {
                row.last_col = Some(col.saturating_add(repeats - 1));
                row.text = row.text.saturating_add(cell.text.saturating_mul(repeats));
            }
            col = col.saturating_add(repeats);
        }
        Ok(row)
    }
}

fn is_cell(name: &str) -> bool {
    name == CELL || name == COVERED_CELL
}

/// One cell as calamine's `get_datatype` sees it.
struct OdsCell {
    /// Whether calamine keeps it: a value, a formula, or a string (even an
    /// empty one). Anything else, styled or not, is an empty cell.
    kept: bool,
    /// Whether calamine reads the text of the cell's paragraphs.
    reads_text: bool,
    /// The bytes of text calamine will copy out of it, at most.
    text: u64,
}

impl OdsCell {
    /// The cell as far as its start tag tells.
    fn start(tag: &BytesStart<'_>) -> Result<OdsCell, ReadError> {
        // The first value attribute wins, and the value type counts only before it.
        let mut valued = false;
        let mut empty_string_value = false;
        let mut string_type = false;
        let mut error_type = false;
        let mut text = 0u64;
        let mut formula = 0u64;
        for attribute in attributes(tag, CONTENT)? {
            let (key, value) = attribute?;
            match key {
                "office:value" | "office:boolean-value" if !valued => valued = true,
                "office:string-value" | "office:date-value" | "office:time-value" if !valued => {
                    valued = true;
                    empty_string_value = key == "office:string-value" && value.is_empty();
                    text = value.len() as u64;
                }
                "office:value-type" if !valued => string_type = value == "string",
                "calcext:value-type" => error_type = value == "error",
                "table:formula" => formula = value.len() as u64,
                _ => {}
            }
        }
        // Then calamine reads the text of the cell's paragraphs, up to the
        // first end of any cell; otherwise it passes over the element.
        let reads_text = !valued && string_type || error_type && empty_string_value;
        Ok(OdsCell {
            kept: valued || reads_text || formula > 0,
            reads_text,
            text: text.saturating_add(formula),
        })
    }

    /// From after the cell's start tag past its end, as far as calamine
    /// reads: the two differ only where the XML is broken, and then the walk
    /// must go where calamine goes.
    fn read_rest<R: Read>(
        mut self,
        content: &mut XmlPart<R>,
        element: &str,
    ) -> Result<OdsCell, ReadError> {
        if self.reads_text {
            self.text = self.text.saturating_add(cell_text(content)?);
        } else {
            content.skip_to_end(element)?;
        }
        Ok(self)
    }
}

/// The bytes of text calamine 0.38 makes of a string cell whose start tag
/// was just read, read as its `get_datatype` reads: up to the first end tag
/// of any cell, annotations left out, with as many spaces as `text:c` says
/// for `text:s`, one character for `text:tab` and `text:line-break`, and one
/// between paragraphs. Text counts as written, references and all, which is
/// never less than what calamine makes of it.
fn cell_text<R: Read>(content: &mut XmlPart<R>) -> Result<u64, ReadError> {
    let mut written = 0u64;
    let mut added = 0u64;
    let mut paragraphs = 0u64;
    loop {
        match content.next()? {
            Event::End(end) if is_cell(end.name().as_ref()) => break,
            Event::Text(text) => written = written.saturating_add(text.len() as u64),
            // Written `&name;`.
            Event::GeneralRef(name) => written = written.saturating_add(name.len() as u64 + 2),
            Event::Start(tag) => match tag.name().as_ref() {
                ANNOTATION => skip_annotation(content)?,
                "text:p" => paragraphs += 1,
                "text:s" => {
                    let spaces = attribute(&tag, "text:c", CONTENT)?
                        .and_then(|raw| unescape(&raw).ok()?.parse().ok());
                    added = added.saturating_add(spaces.unwrap_or(1));
                }
                "text:tab" | "text:line-break" => added = added.saturating_add(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(written
        .saturating_add(added)
        .saturating_add(paragraphs.saturating_sub(1)))
}

/// calamine passes over an annotation in a string cell up to the first end
/// tag of one, and where there is none it loops for ever.
fn skip_annotation<R: Read>(content: &mut XmlPart<R>) -> Result<(), ReadError> {
    loop {
        match content.next()? {
            Event::End(end) if end.name().as_ref() == ANNOTATION => return Ok(()),
            Event::Eof => {
                return Err(corrupt(Corruption::AnnotationUnended {
                    part: CONTENT.to_owned(),
                }));
            }
            _ => {}
        }
    }
}

/// A repeat count; calamine refuses the file where it is not a number.
fn count(tag: &BytesStart<'_>, key: &str) -> Result<Option<u64>, ReadError> {
    let Some(raw) = attribute(tag, key, CONTENT)? else {
        return Ok(None);
    };
    let text = unescape(&raw).unwrap_or_else(|_| raw.clone());
    text.parse().map(Some).map_err(|_| {
        corrupt(Corruption::NotANumber {
            part: CONTENT.to_owned(),
            attribute: key.to_owned(),
            value: text.into_owned(),
        })
    })
}

/// A table's name, its references replaced as calamine replaces them.
fn table_name(raw: &str) -> Result<String, ReadError> {
    unescape(raw).map(Cow::into_owned).map_err(|e| {
        corrupt(Corruption::SheetName {
            part: CONTENT.to_owned(),
            name: raw.to_owned(),
            library: e.to_string(),
        })
    })
}

fn clamped(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::table::CellRef;

    /// The prescan of a content.xml holding `tables`.
    fn prescan_xml(tables: &str, limits: Limits) -> Result<(), ReadError> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
        );
        prescan_content(XmlPart::new(xml.as_bytes(), CONTENT), &limits)
    }

    fn cells(max_cells: u64) -> Limits {
        Limits {
            max_cells,
            ..Limits::default()
        }
    }

    fn is_corrupt(result: Result<(), ReadError>) -> bool {
        matches!(result, Err(ReadError::Corrupt { .. }))
    }

    #[test]
    fn markup_is_read_as_calamine_reads_it() {
        // A row in a comment and cells in a CDATA section are no rows and
        // cells, and a quoted `>` does not end a tag: the sheet reaches C1.
        let table = r#"<!DOCTYPE t [<!ENTITY e "a>b">]><table:table table:name="s"><!-- <table:table-row table:number-rows-repeated="1000"> --><table:table-row><?pi <table:table-cell office:value="1" table:number-columns-repeated="99"/>?><![CDATA[<table:table-cell office:value="1" table:number-columns-repeated="99"/>]]><table:table-cell office:value="1" table:content-validation-name="a > b" table:number-columns-repeated="3"/></table:table-row></table:table>"#;
        assert!(
            prescan_xml(table, cells(3)).is_ok(),
            "expected A1:C1 within 3 cells"
        );
        assert_eq!(
            prescan_xml(table, cells(2)),
            Err(ReadError::SheetTooLarge {
                sheet: "s".to_owned(),
                far_cell: CellRef::new(0, 2),
                limit: 2,
            }),
            "expected C1 to take the sheet past 2 cells"
        );
    }

    #[test]
    fn a_string_cell_measures_the_text_calamine_makes_of_it() {
        let xml = r#"<table:table-cell office:value-type="string"><text:p>ab<text:s text:c="5"/>c&amp;</text:p><office:annotation><text:p>note</text:p></office:annotation><text:p><text:tab/></text:p></table:table-cell><after/>"#;
        let mut content = XmlPart::new(xml.as_bytes(), CONTENT);
        content.next().unwrap();
        // ab + 5 spaces + c + &amp; as written, a line between the
        // paragraphs, a tab; not the note.
        assert_eq!(cell_text(&mut content).unwrap(), 3 + 5 + 5 + 1 + 1);
        assert!(
            matches!(content.next().unwrap(), Event::Start(tag) if tag.name().as_ref() == "after"),
            "expected the walk to stop at the end of the cell"
        );
    }

    #[test]
    fn other_cells_end_where_calamine_ends_them() {
        // Only elements of the cell's own name nest; calamine does not check
        // that the others are closed, and keeps nothing inside.
        let table = r#"<table:table table:name="s"><table:table-row><table:table-cell office:value="1"><x><table:table-cell office:value="2" table:number-columns-repeated="99"/></table:table-cell><table:table-cell office:value="3"/></table:table-row></table:table>"#;
        assert!(
            prescan_xml(table, cells(2)).is_ok(),
            "expected the inner cell passed over, and A1:B1 within 2 cells"
        );
    }

    #[test]
    fn what_calamine_would_loop_on_for_ever_is_corrupt() {
        let string_cell = r#"<table:table-cell office:value-type="string"><office:annotation><text:p>note</text:p></table:table-cell>"#;
        let unended = format!(r#"<table:table table:name="s"><table:table-row>{string_cell}"#);
        assert!(
            is_corrupt(prescan_xml(&unended, Limits::default())),
            "expected an annotation without end refused"
        );
        let unended = r#"<table:table table:name="s"><table:table-row><table:table-cell office:value="1"/></table:table-row>"#;
        assert_eq!(
            prescan_xml(unended, Limits::default()),
            Err(corrupt(Corruption::SheetUnended {
                part: "content.xml".to_owned(),
                sheet: "s".to_owned(),
            })),
            "expected a table without end refused"
        );
    }

    #[test]
    fn a_tag_calamine_could_read_otherwise_is_corrupt() {
        // calamine reads `junk office:value` as one name and a form feed as
        // white space, and so a string cell; quick_xml would not.
        for attributes in [
            r#"junk office:value="1" office:value-type="string""#,
            "a=\"1\"\x0Coffice:value-type=\"string\"",
        ] {
            let table = format!(
                r#"<table:table table:name="s"><table:table-row><table:table-cell {attributes}><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#
            );
            assert_eq!(
                prescan_xml(&table, Limits::default()),
                Err(corrupt(Corruption::UnreadableAttributes {
                    part: "content.xml".to_owned(),
                    element: "table:table-cell".to_owned(),
                })),
                "expected the cell refused: {attributes:?}"
            );
        }
    }
}
