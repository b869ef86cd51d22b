//! xls, and whatever else comes in an OLE compound file: the BIFF records
//! walked before calamine parses them, then the sheets calamine built copied
//! into our tables.

use std::io::{Read, Seek};

use calamine::{Reader, Xls, XlsError};

use super::budget::{BoundedTable, Budget};
use super::cells::read_dense;
use super::sniff::{DOC, PPT};
use super::source::Source;
use super::{Corruption, Format, Limits, Named, ReadError, Workbook, corrupt, guarded, io_error};

/// Reads an OLE compound file: an xls, or what else comes in one (a
/// password-protected xlsx, a Word or PowerPoint file, WPS's own .et).
pub(super) fn read_ole(
    mut source: Source,
    named: Named,
    limits: &Limits,
) -> Result<Workbook, ReadError> {
    let unreadable = |cause: Corruption| {
        if named == Named::WpsEt {
            ReadError::WpsEt
        } else {
            ReadError::Corrupt { cause }
        }
    };
    let stream_fault = |error: std::io::Error| {
        unreadable(Corruption::WorkbookStream {
            library: error.to_string(),
        })
    };
    let file_len = source.len().map_err(io_error)?;
    let mut ole = cfb::CompoundFile::open(source).map_err(|e| {
        unreadable(Corruption::OleStructure {
            library: e.to_string(),
        })
    })?;
    let streams: Vec<String> = ole
        .read_root_storage()
        .filter(|entry| entry.is_stream())
        .map(|entry| entry.name().to_owned())
        .collect();
    let has = |name: &str| streams.iter().any(|s| s.eq_ignore_ascii_case(name));
    // Office wraps a password-protected xlsx in an OLE file of these two streams.
    if has("EncryptedPackage") || has("EncryptionInfo") {
        return Err(ReadError::Encrypted);
    }
    // calamine prefers Workbook (BIFF8) over Book (BIFF5) in the same way.
    let Some(name) = ["Workbook", "Book"].into_iter().find(|name| has(name)) else {
        return Err(if has("WordDocument") {
            ReadError::NotASpreadsheet { found: DOC }
        } else if has("PowerPoint Document") {
            ReadError::NotASpreadsheet { found: PPT }
        } else {
            unreadable(Corruption::NoWorkbookStream)
        });
    };
    let mut stream = ole.open_stream(name).map_err(stream_fault)?;
    if stream.len() > file_len {
        return Err(unreadable(Corruption::StreamLongerThanFile));
    }
    let mut biff = Vec::new();
    stream.read_to_end(&mut biff).map_err(stream_fault)?;
    drop(stream);
    // calamine reads the same bytes again, from the start, with its own OLE reader.
    let mut source = ole.into_inner();
    source.rewind().map_err(io_error)?;
    match guarded(
        || read_xls(source, &biff, limits),
        || corrupt(Corruption::Malformed),
    ) {
        Err(ReadError::Corrupt { cause }) => Err(unreadable(cause)),
        read => read,
    }
}

fn read_xls(source: Source, biff: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    prescan_biff(biff, limits)?;
    let xls = Xls::new(source).map_err(|e| match e {
        XlsError::Password => ReadError::Encrypted,
        e => corrupt(Corruption::Workbook {
            library: e.to_string(),
        }),
    })?;
    // Already dense inside calamine, and bounded by the prescan.
    read_dense(xls, Format::Xls, limits)
}

fn le16(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn le32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes"))
}

// BIFF record types, [MS-XLS] 2.3.
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
const SST: u16 = 0x00FC;
const CONTINUE: u16 = 0x003C;
const LABELSST: u16 = 0x00FD;
/// The records calamine turns into one cell each, row and column first.
const CELL_RECORDS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// Walks the BIFF stream the way calamine 0.38's `parse_workbook` does and
/// refuses, before calamine allocates, what would make it allocate too much.
///
/// calamine trusts the coordinates it reads: `Range::from_sparse` spans the
/// cells' rows and columns, and columns are 16-bit in the cell records (so up
/// to 65536 × 65536 cells, not BIFF8's 65536 × 256); the DIMENSIONS record is
/// used to reserve rows × columns cells with 32-bit rows. A file Excel wrote
/// stays within 65536 × 256, whose reservation (some 670 MB) is never
/// touched; beyond that grid the file is corrupt. And every cell naming a
/// shared string gets its own copy of it. Cells and their text are held to
/// the same budget as in any other format.
fn prescan_biff(stream: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let mut biff8 = true;
    let mut sheets = Vec::new();
    // The shared string table and the CONTINUE records that carry its overflow.
    let mut sst = Vec::new();
    let mut in_sst = false;
    for record in BiffRecords(stream) {
        let (kind, data) = record?;
        if kind == CONTINUE && in_sst {
            sst.push(data);
            continue;
        }
        in_sst = kind == SST;
        match kind {
            SST => sst = vec![data],
            // The cells after it are encrypted: their coordinates mean nothing.
            FILEPASS => return Err(ReadError::Encrypted),
            BOF => biff8 = data.get(..2) == Some(&[0x00, 0x06]),
            BOUNDSHEET if data.len() >= 6 => {
                let name = bound_sheet_name(data, biff8, sheets.len());
                sheets.push((le32(data, 0) as usize, name));
            }
            EOF => break,
            _ => {}
        }
    }
    let strings = shared_string_sizes(&sst);
    let mut budget = Budget::dense(limits);
    for (position, name) in sheets {
        let substream = stream.get(position..).ok_or_else(|| {
            corrupt(Corruption::SheetOutsideStream {
                sheet: name.clone(),
            })
        })?;
        prescan_sheet(substream, &name, &strings, &mut budget)?;
    }
    Ok(())
}

fn prescan_sheet(
    substream: &[u8],
    name: &str,
    strings: &[u64],
    budget: &mut Budget,
) -> Result<(), ReadError> {
    let mut extent = BoundedTable::new(name, budget);
    // Embedded charts are nested BOF…EOF substreams that calamine skips.
    let mut seen_bof = false;
    let mut depth = 0usize;
    for record in BiffRecords(substream) {
        let (kind, data) = record?;
        if depth > 0 {
            match kind {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match kind {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => check_dimensions(data, name)?,
            MULRK if data.len() >= 6 => {
                let last = le16(data, data.len() - 2).max(le16(data, 2));
                extent.admit(u32::from(le16(data, 0)), u32::from(last))?;
            }
            kind if CELL_RECORDS.contains(&kind) && data.len() >= 4 => {
                extent.admit(u32::from(le16(data, 0)), u32::from(le16(data, 2)))?;
                if kind == LABELSST && data.len() >= 10 {
                    let index = le32(data, 6) as usize;
                    extent.charge_text(strings.get(index).copied().unwrap_or(0))?;
                }
            }
            _ => {}
        }
    }
    extent.finish().map(drop)
}

/// Mirrors calamine's `parse_dimensions` and the reservation made from it.
fn check_dimensions(data: &[u8], sheet: &str) -> Result<(), ReadError> {
    const BIFF8_CELLS: i64 = 65_536 * 256;
    let (first_row, row_end, first_col, col_end) = match data.len() {
        10 => (
            i64::from(le16(data, 0)),
            i64::from(le16(data, 2)),
            i64::from(le16(data, 4)),
            i64::from(le16(data, 6)),
        ),
        14 | 16 => (
            i64::from(le32(data, 0)),
            i64::from(le32(data, 4)),
            i64::from(le16(data, 8)),
            i64::from(le16(data, 10)),
        ),
        // calamine refuses the record itself.
        _ => return Ok(()),
    };
    if row_end < 1 || col_end < 1 {
        return Ok(());
    }
    let first_col = if first_col > 0xFF || col_end < first_col {
        0
    } else {
        first_col
    };
    let (rows, cols) = (row_end - first_row, col_end - first_col);
    if rows < 0 || rows.saturating_mul(cols) > BIFF8_CELLS {
        return Err(corrupt(Corruption::Dimensions {
            sheet: sheet.to_owned(),
        }));
    }
    Ok(())
}

/// The sheet's name from its BoundSheet8 record, for messages only.
fn bound_sheet_name(data: &[u8], biff8: bool, index: usize) -> String {
    let fallback = || format!("第 {} 个工作表", index + 1);
    let Some(&count) = data.get(6) else {
        return fallback();
    };
    let count = usize::from(count);
    if !biff8 {
        // BIFF5 names are in the workbook's code page; ASCII is all we can trust.
        return match data.get(7..7 + count) {
            Some(name) if name.is_ascii() => String::from_utf8_lossy(name).into_owned(),
            _ => fallback(),
        };
    }
    let wide = data.get(7).is_some_and(|flags| flags & 1 == 1);
    let name = match (wide, data.get(8..)) {
        (true, Some(chars)) if chars.len() >= 2 * count => {
            let units: Vec<u16> = chars[..2 * count]
                .chunks_exact(2)
                .map(|unit| u16::from_le_bytes([unit[0], unit[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        (false, Some(chars)) if chars.len() >= count => {
            chars[..count].iter().map(|&b| char::from(b)).collect()
        }
        _ => return fallback(),
    };
    name.replace('\0', "")
}

/// The size in UTF-8, at most, of each string in the shared string table, read
/// as calamine's `parse_sst` reads it. Where calamine would fail on the
/// table, the walk stops: the file will not open, so nothing is copied.
fn shared_string_sizes(sst: &[&[u8]]) -> Vec<u64> {
    let Some((first, rest)) = sst.split_first() else {
        return Vec::new();
    };
    let mut table = Segments {
        data: first.get(8..).unwrap_or_default(),
        rest: rest.iter(),
    };
    let mut sizes = Vec::new();
    while !table.data.is_empty() || table.next_segment() {
        match table.string_size() {
            Some(size) => sizes.push(size),
            None => break,
        }
    }
    sizes
}

/// A record's data followed by its CONTINUE records.
struct Segments<'a> {
    data: &'a [u8],
    rest: std::slice::Iter<'a, &'a [u8]>,
}

impl Segments<'_> {
    fn next_segment(&mut self) -> bool {
        self.rest.next().is_some_and(|next| {
            self.data = next;
            true
        })
    }

    fn take(&mut self, len: usize) -> Option<&[u8]> {
        let (taken, rest) = self.data.split_at_checked(len)?;
        self.data = rest;
        Some(taken)
    }

    fn skip(&mut self, mut len: usize) -> Option<()> {
        while len > 0 {
            if self.data.is_empty() && !self.next_segment() {
                return None;
            }
            let step = len.min(self.data.len());
            self.data = &self.data[step..];
            len -= step;
        }
        Some(())
    }

    /// One XLUnicodeRichExtendedString ([MS-XLS] 2.5.293): its characters
    /// may run on into the next segment, which then starts with a flags byte.
    fn string_size(&mut self) -> Option<u64> {
        if self.data.is_empty() {
            return Some(0);
        }
        let header = self.take(3)?;
        let (mut left, flags) = (usize::from(le16(header, 0)), header[2]);
        let runs = if flags & 0x8 != 0 {
            usize::from(le16(self.take(2)?, 0))
        } else {
            0
        };
        // calamine reads this as i32 and casts it, as here.
        let extension = if flags & 0x4 != 0 {
            le32(self.take(4)?, 0) as i32 as usize
        } else {
            0
        };
        let mut wide = flags & 0x1 != 0;
        let mut size = 0u64;
        loop {
            let width = if wide { 2 } else { 1 };
            let chars = left.min(self.data.len() / width);
            self.data = &self.data[chars * width..];
            left -= chars;
            // A UTF-16 unit takes at most 3 bytes in UTF-8, a Latin-1 one 2.
            size += (chars * (width + 1)) as u64;
            if left == 0 {
                break;
            }
            if !self.next_segment() {
                return None;
            }
            wide = self.take(1)?[0] & 0x1 != 0;
        }
        self.skip(runs * 4)?;
        self.skip(extension)?;
        Some(size)
    }
}

/// BIFF records as (type, data), each checked to fit the stream.
struct BiffRecords<'a>(&'a [u8]);

impl<'a> Iterator for BiffRecords<'a> {
    type Item = Result<(u16, &'a [u8]), ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.0.is_empty() {
            return None;
        }
        let record = (self.0.len() >= 4)
            .then(|| (le16(self.0, 0), usize::from(le16(self.0, 2))))
            .and_then(|(kind, len)| Some((kind, self.0.get(4..4 + len)?)));
        let Some((kind, data)) = record else {
            self.0 = &[];
            return Some(Err(corrupt(Corruption::TruncatedRecord)));
        };
        self.0 = &self.0[4 + data.len()..];
        Some(Ok((kind, data)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_string_sizes_follow_strings_across_continue_records() {
        // 4 × 安 split 1 + 3 over a CONTINUE, a rich "ab" with one run and a
        // 2-byte extension split over another CONTINUE, then an empty string.
        let wide = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        let mut sst = [3u32.to_le_bytes(), 3u32.to_le_bytes()].concat();
        sst.extend([4, 0, 0x01]);
        sst.extend(wide("安"));
        let mut second = vec![0x01];
        second.extend(wide("安安安"));
        second.extend([2, 0, 0x0C, 1, 0, 2, 0, 0, 0]);
        second.extend(b"ab");
        second.extend([0, 0]);
        let third = [0, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(shared_string_sizes(&[&sst, &second, &third]), [12, 4, 0]);
    }
}
