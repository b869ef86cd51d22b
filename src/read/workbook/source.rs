//! Where a workbook's bytes come from: memory, or the file on the disk. Every
//! format is read from a [`Source`], so a file and bytes handed over in
//! memory take one and the same path through the reader.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};

use super::sniff::HEAD_LEN;

/// Files up to this size are read whole, in one go; larger ones are read
/// from the disk as they are parsed, so that none is held in memory.
const READ_WHOLE_BYTES: u64 = 4 * 1024 * 1024;

/// Memory for a file the size of a form, the file itself beyond that.
/// Reading a form whole costs one read of the disk, where parsing it from
/// the file costs dozens of small ones.
pub(super) enum Source {
    Memory(Cursor<Vec<u8>>),
    Disk(BufReader<File>),
}

impl Source {
    pub(super) fn of(mut file: File) -> std::io::Result<Source> {
        let size = file.metadata()?.len();
        if size > READ_WHOLE_BYTES {
            return Ok(Source::Disk(BufReader::new(file)));
        }
        let mut bytes = Vec::with_capacity(size as usize);
        file.read_to_end(&mut bytes)?;
        Ok(Source::Memory(Cursor::new(bytes)))
    }

    pub(super) fn bytes(bytes: Vec<u8>) -> Source {
        Source::Memory(Cursor::new(bytes))
    }

    /// The first bytes, enough to tell what the file is; the source is left at its start.
    pub(super) fn head(&mut self) -> std::io::Result<Vec<u8>> {
        let mut head = Vec::with_capacity(HEAD_LEN);
        self.rewind()?;
        self.by_ref().take(HEAD_LEN as u64).read_to_end(&mut head)?;
        self.rewind()?;
        Ok(head)
    }

    /// How many bytes there are; the source is left at its start.
    pub(super) fn len(&mut self) -> std::io::Result<u64> {
        let len = self.seek(SeekFrom::End(0))?;
        self.rewind()?;
        Ok(len)
    }
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Source::Memory(bytes) => bytes.read(buf),
            Source::Disk(file) => file.read(buf),
        }
    }
}

impl Seek for Source {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        match self {
            Source::Memory(bytes) => bytes.seek(to),
            Source::Disk(file) => file.seek(to),
        }
    }
}
