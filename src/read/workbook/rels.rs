//! The relationships of an Office package (its `_rels/….rels` parts), read
//! as calamine reads them: the package's own, which name the workbook part
//! wherever it lies, and a workbook's, which name its sheets. What the parts
//! they lead to hold is for the modules that read them.

use quick_xml::escape::unescape;
use quick_xml::events::Event;

use super::package::{Package, XmlPart, attribute, find_part, inflate_fault};
use super::{Corruption, ReadError, corrupt};

/// One `Relationship` element.
pub(super) struct Relationship {
    /// Its `Type`, a URI ending in what the target is (`…/officeDocument`).
    pub(super) kind: String,
    /// Its `Target`, entities resolved, as written: relative to the folder
    /// of the part the relationships belong to, or absolute from `/`.
    pub(super) target: String,
}

/// The relationships in the part `rels`; `None` when the package has no such part.
pub(super) fn read(
    package: &mut Package,
    names: &[String],
    rels: &str,
) -> Result<Option<Vec<Relationship>>, ReadError> {
    let Some(index) = find_part(names, rels) else {
        return Ok(None);
    };
    let name = &names[index];
    let part = package
        .by_index(index)
        .map_err(|error| inflate_fault(name, error))?;
    let mut xml = XmlPart::new(part, name);
    let mut found = Vec::new();
    loop {
        match xml.next()? {
            Event::Start(tag) if tag.local_name().as_ref() == "Relationship" => {
                let value = |key| -> Result<String, ReadError> {
                    let raw = attribute(&tag, key, name)?.unwrap_or_default();
                    let text = unescape(&raw).map_err(|_| {
                        corrupt(Corruption::UnreadableAttributes {
                            part: name.clone(),
                            element: "Relationship".to_owned(),
                        })
                    })?;
                    Ok(text.into_owned())
                };
                found.push(Relationship {
                    kind: value("Type")?,
                    target: value("Target")?,
                });
            }
            Event::Eof => return Ok(Some(found)),
            _ => {}
        }
    }
}

/// Where the package's relationships (`_rels/.rels`) say the workbook part
/// is: the last `officeDocument` relationship wins, and a target is taken
/// from the package's root, a leading `/` or not, as calamine takes it.
/// `None` when the package names no such part.
pub(super) fn workbook_part(
    package: &mut Package,
    names: &[String],
) -> Result<Option<String>, ReadError> {
    let Some(relationships) = read(package, names, "_rels/.rels")? else {
        return Ok(None);
    };
    Ok(relationships
        .into_iter()
        .rev()
        .find(|relationship| relationship.kind.ends_with("/relationships/officeDocument"))
        .map(|relationship| match relationship.target.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => relationship.target,
        }))
}
