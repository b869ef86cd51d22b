//! The 汇编's zip package, written by us from the parts docx-rs renders.
//!
//! docx-rs's own packer stores every part uncompressed, names every picture
//! `.png` whatever it holds, and stamps no fixed time on its entries; a
//! document with a dozen photos would be several times their size, a JPEG
//! would be declared a PNG, and two runs could differ. Here every part is
//! deflated, each picture is named by its format, and every entry carries the
//! same fixed time, so that the same inputs give the same bytes.

use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::read::document::ImageKind;

/// Packs the rendered parts into a .docx.
pub(super) fn pack(xml: XMLDocx) -> zip::result::ZipResult<Vec<u8>> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        // Said, not taken from the system building it, so that a 汇编
        // made on Windows is byte for byte the one made on Linux.
        .system(zip::System::Unix)
        .unix_permissions(0o644);
    let mut document_rels = String::from_utf8_lossy(&xml.document_rels).into_owned();
    let mut media = Vec::new();
    for (id, bytes) in xml.media {
        let extension = ImageKind::of(&bytes).map_or("png", ImageKind::extension);
        document_rels = document_rels.replace(
            &format!("\"media/{id}.png\""),
            &format!("\"media/{id}.{extension}\""),
        );
        media.push((format!("word/media/{id}.{extension}"), bytes));
    }
    let parts: Vec<(String, Vec<u8>)> = [
        ("[Content_Types].xml", xml.content_type),
        ("_rels/.rels", xml.rels),
        ("docProps/app.xml", xml.doc_props.app),
        ("docProps/core.xml", xml.doc_props.core),
        ("docProps/custom.xml", xml.doc_props.custom),
        ("word/_rels/document.xml.rels", document_rels.into_bytes()),
        ("word/document.xml", xml.document),
        ("word/styles.xml", xml.styles),
        ("word/settings.xml", xml.settings),
        ("word/fontTable.xml", xml.font_table),
        ("word/comments.xml", xml.comments),
        ("word/numbering.xml", xml.numberings),
        ("word/commentsExtended.xml", xml.comments_extended),
        ("word/footnotes.xml", xml.footnotes),
    ]
    .into_iter()
    .map(|(name, bytes)| (name.to_owned(), bytes))
    .chain(media)
    .collect();
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name, options)?;
        zip.write_all(&bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}
