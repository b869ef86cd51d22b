//! How many entries a zip declares, read from its end record alone: the
//! central directory, which names every entry, is read only once the count
//! is known to be within the limit, so that an archive of a million empty
//! entries costs nothing to refuse.

use std::io::{Read, Seek, SeekFrom};

/// The end-of-central-directory record: its signature and its fixed size.
const END: &[u8; 4] = b"PK\x05\x06";
const END_LEN: usize = 22;
/// The longest comment that may follow the end record.
const MAX_COMMENT: u64 = 65_535;
/// The zip64 end-record locator, which lies just before the end record.
const LOCATOR: &[u8; 4] = b"PK\x06\x07";
const LOCATOR_LEN: u64 = 20;
/// The zip64 end record, where an archive of 65,535 entries or more keeps its count.
const ZIP64_END: &[u8; 4] = b"PK\x06\x06";

/// The number of entries the archive `file` declares, or `None` when it has
/// no end record to read (the zip reader then says what is wrong).
pub(super) fn declared_entries(file: &mut (impl Read + Seek)) -> std::io::Result<Option<u64>> {
    let len = file.seek(SeekFrom::End(0))?;
    let tail_start = len.saturating_sub(END_LEN as u64 + MAX_COMMENT);
    let tail = read_at(file, tail_start, (len - tail_start) as usize)?;
    let mut records = (0..tail.len().saturating_sub(END_LEN - 1))
        .rev()
        .filter(|&at| tail[at..].starts_with(END));
    // The record whose comment ends the file; the signature may also occur
    // inside a comment.
    let ending = records.clone().find(|&at| {
        let comment = u16::from_le_bytes([tail[at + 20], tail[at + 21]]);
        at + END_LEN + usize::from(comment) == tail.len()
    });
    let Some(at) = ending.or_else(|| records.next()) else {
        return Ok(None);
    };
    let count = u16::from_le_bytes([tail[at + 10], tail[at + 11]]);
    if count != u16::MAX {
        return Ok(Some(u64::from(count)));
    }
    let end_at = tail_start + at as u64;
    Ok(Some(zip64_count(file, end_at)?.unwrap_or(u64::from(count))))
}

/// The count in the zip64 end record, found through the locator before the
/// end record at `end_at`.
fn zip64_count(file: &mut (impl Read + Seek), end_at: u64) -> std::io::Result<Option<u64>> {
    let Some(locator_at) = end_at.checked_sub(LOCATOR_LEN) else {
        return Ok(None);
    };
    let locator = read_at(file, locator_at, LOCATOR_LEN as usize)?;
    if !locator.starts_with(LOCATOR) {
        return Ok(None);
    }
    let record_at = u64::from_le_bytes(locator[8..16].try_into().expect("eight bytes"));
    let record = read_at(file, record_at, 40)?;
    if !record.starts_with(ZIP64_END) {
        return Ok(None);
    }
    Ok(Some(u64::from_le_bytes(
        record[32..40].try_into().expect("eight bytes"),
    )))
}

/// Up to `len` bytes at `offset` (fewer at the end of the file).
fn read_at(file: &mut (impl Read + Seek), offset: u64, len: usize) -> std::io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(offset))?;
    let mut bytes = Vec::with_capacity(len);
    file.take(len as u64).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use super::*;

    fn zip_of(names: &[&str], comment: &str) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for name in names {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(name.as_bytes()).unwrap();
        }
        writer.set_comment(comment).unwrap();
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn the_count_is_read_from_the_end_record_behind_any_comment() {
        let bytes = zip_of(
            &["1.jpg", "2.jpg", "3.jpg"],
            "照片 PK\u{5}\u{6}\u{5}\u{6}\u{5}\u{6} 共三张，摄于六月十二日",
        );
        assert_eq!(declared_entries(&mut Cursor::new(bytes)).unwrap(), Some(3));
        let empty = zip_of(&[], "");
        assert_eq!(declared_entries(&mut Cursor::new(empty)).unwrap(), Some(0));
        let none = b"not a zip at all".to_vec();
        assert_eq!(declared_entries(&mut Cursor::new(none)).unwrap(), None);
    }

    #[test]
    fn a_zip64_count_is_read_from_the_zip64_end_record() {
        let mut bytes = Vec::new();
        let record_at = bytes.len() as u64;
        bytes.extend_from_slice(ZIP64_END);
        bytes.extend_from_slice(&[0; 28]);
        bytes.extend_from_slice(&1_000_000u64.to_le_bytes());
        bytes.extend_from_slice(LOCATOR);
        bytes.extend_from_slice(&[0; 4]);
        bytes.extend_from_slice(&record_at.to_le_bytes());
        bytes.extend_from_slice(&[0; 4]);
        bytes.extend_from_slice(END);
        bytes.extend_from_slice(&[0; 4]);
        bytes.extend_from_slice(&u16::MAX.to_le_bytes());
        bytes.extend_from_slice(&u16::MAX.to_le_bytes());
        bytes.extend_from_slice(&[0xff; 8]);
        bytes.extend_from_slice(&[0; 2]);
        assert_eq!(
            declared_entries(&mut Cursor::new(bytes)).unwrap(),
            Some(1_000_000)
        );
    }
}
