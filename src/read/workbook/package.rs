//! The zip package of an xlsx, xlsm, xlsb or ods: its parts, their declared
//! sizes, and their XML read as calamine reads it. What the parts mean is for
//! [`super::xlsx`], [`super::xlsb`] and [`super::ods`].

use std::borrow::Cow;
use std::io::{BufReader, Read, Seek};

use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use zip::ZipArchive;

use super::sniff::package_format;
use super::source::Source;
use super::{Corruption, Format, Limits, ReadError, Workbook, corrupt, ods, xlsb, xlsx};

/// The package as the zip crate reads it: the same crate, and so the same
/// central directory and the same declared sizes, that calamine trusts.
pub(super) type Package = ZipArchive<Source>;

pub(super) fn read_zip(source: Source, limits: &Limits) -> Result<Workbook, ReadError> {
    let mut package = ZipArchive::new(source).map_err(|e| {
        corrupt(Corruption::ZipDirectory {
            library: e.to_string(),
        })
    })?;
    let names = part_names(&package)?;
    let format = package_format(&mut package, &names)?;
    check_declared_sizes(&package, &names, limits)?;
    match format {
        Format::Ods => ods::read_ods(package, limits),
        Format::Xlsb => xlsb::read_xlsb(package, &names, limits),
        _ => xlsx::read_xlsx(package, &names, format, limits),
    }
}

/// The name of every part, by index, `\` read as `/` (as calamine reads them).
pub(in crate::read) fn part_names<R: Read + Seek>(
    package: &ZipArchive<R>,
) -> Result<Vec<String>, ReadError> {
    (0..package.len())
        .map(|index| {
            let entry = package.by_index_data(index).map_err(zip_entry)?;
            Ok(entry.name().map_err(zip_entry)?.replace('\\', "/"))
        })
        .collect()
}

pub(super) fn find_part(names: &[String], name: &str) -> Option<usize> {
    names
        .iter()
        .position(|part| part.eq_ignore_ascii_case(name))
}

/// Every part's declared uncompressed size, and their sum, read from the
/// central directory without inflating anything. The zip crate stops any part
/// at its declared size, so nothing calamine inflates can be larger.
/// (`ZipArchive::decompressed_size` gives no sum when a part has a data
/// descriptor, and does not say which part is too large.)
pub(in crate::read) fn check_declared_sizes<R: Read + Seek>(
    package: &ZipArchive<R>,
    names: &[String],
    limits: &Limits,
) -> Result<(), ReadError> {
    let limit = limits.max_unzipped_bytes;
    let mut total = 0u64;
    for (index, name) in names.iter().enumerate() {
        let size = package.by_index_data(index).map_err(zip_entry)?.size();
        if size > limit {
            return Err(ReadError::TooLarge {
                part: name.clone(),
                bytes: size,
                limit,
            });
        }
        total = total.saturating_add(size);
    }
    if total > limit {
        return Err(ReadError::TooLarge {
            part: String::new(),
            bytes: total,
            limit,
        });
    }
    Ok(())
}

/// The zip crate could not read an entry of the central directory it has read.
fn zip_entry(error: zip::result::ZipError) -> ReadError {
    corrupt(Corruption::ZipEntry {
        library: error.to_string(),
    })
}

/// A part the zip crate could not start inflating.
pub(super) fn inflate_fault(part: &str, error: zip::result::ZipError) -> ReadError {
    corrupt(Corruption::Inflate {
        part: part.to_owned(),
        library: error.to_string(),
    })
}

/// A part's XML, read as calamine reads it: by quick_xml, set up as calamine
/// sets it up, so the two see the same events and stop at the same fault.
/// Only the event at hand is held.
pub(super) struct XmlPart<'n, R> {
    /// The part's name, for messages.
    name: &'n str,
    xml: XmlReader<BufReader<R>>,
    buf: Vec<u8>,
}

impl<'n, R: Read> XmlPart<'n, R> {
    pub(super) fn new(part: R, name: &'n str) -> XmlPart<'n, R> {
        let mut xml = XmlReader::from_reader(BufReader::new(part));
        let config = xml.config_mut();
        config.check_end_names = false;
        config.trim_text(false);
        config.check_comments = false;
        // `<a/>` comes as a start and an end, as calamine reads it.
        config.expand_empty_elements = true;
        XmlPart {
            name,
            xml,
            buf: Vec::new(),
        }
    }

    /// The next event; `Event::Eof` at the end of the part, and again after it.
    pub(super) fn next(&mut self) -> Result<Event<'_>, ReadError> {
        self.buf.clear();
        let name = self.name;
        self.xml
            .read_event_into(&mut self.buf)
            .map_err(|error| xml_fault(name, error))
    }

    /// Passes over everything up to the end of the `element` whose start was
    /// just read, as calamine does: only elements of the same name nest.
    pub(super) fn skip_to_end(&mut self, element: &str) -> Result<(), ReadError> {
        self.buf.clear();
        let name = self.name;
        self.xml
            .read_to_end_into(QName(element), &mut self.buf)
            .map(drop)
            .map_err(|error| xml_fault(name, error))
    }
}

/// What quick_xml found wrong with a part. calamine, reading it alike, would
/// stop at the same place.
fn xml_fault(part: &str, error: quick_xml::Error) -> ReadError {
    let part = part.to_owned();
    corrupt(match error {
        quick_xml::Error::Io(error) => Corruption::Inflate {
            part,
            library: error.to_string(),
        },
        error => Corruption::InvalidXml {
            part,
            library: error.to_string(),
        },
    })
}

/// A tag's attribute by its full name, prefix and all; the value raw, entities
/// left in, and the first one wins.
///
/// calamine reads attributes with a reader of its own, which agrees with
/// quick_xml's up to the first fault quick_xml finds, as long as the tag holds
/// no form feed (white space to calamine, not even a character to XML). A tag
/// where the two could part ways is refused: the walk must see what calamine
/// will see, and no spreadsheet program writes one.
pub(super) fn attribute<'t>(
    tag: &'t BytesStart<'_>,
    key: &str,
    part: &str,
) -> Result<Option<Cow<'t, str>>, ReadError> {
    for attribute in attributes(tag, part)? {
        let (name, value) = attribute?;
        if name == key {
            return Ok(Some(value));
        }
    }
    Ok(None)
}

/// All of a tag's attributes as (name, raw value), read as [`attribute`] reads them.
pub(super) fn attributes<'t>(
    tag: &'t BytesStart<'_>,
    part: &str,
) -> Result<impl Iterator<Item = Result<(&'t str, Cow<'t, str>), ReadError>>, ReadError> {
    let unreadable = move || {
        corrupt(Corruption::UnreadableAttributes {
            part: part.to_owned(),
            element: tag.name().as_ref().to_owned(),
        })
    };
    if tag.attributes_raw().contains('\x0C') {
        return Err(unreadable());
    }
    let mut all = tag.attributes();
    all.with_checks(false);
    Ok(all.map(move |attribute| {
        attribute
            .map(|attribute| (attribute.key.0, attribute.value))
            .map_err(|_| unreadable())
    }))
}
