//! Where a workbook's bytes come from: a file on the disk, or memory (a
//! version read from the history). Every format is read from a [`Source`],
//! so a workbook from the history goes through exactly the reading a file
//! on the disk does.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};

/// Files up to this size are read whole, in one go; larger ones are read
/// from the disk as they are parsed, so that none is held in memory.
const READ_WHOLE_BYTES: u64 = 4 * 1024 * 1024;

/// Memory for a file the size of a form, or for bytes already held; the file
/// itself beyond that. Reading a form whole costs one read of the disk, where
/// parsing it from the file costs dozens of small ones.
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

    /// How many bytes there are.
    pub(super) fn len(&self) -> std::io::Result<u64> {
        match self {
            Source::Memory(bytes) => Ok(bytes.get_ref().len() as u64),
            Source::Disk(file) => Ok(file.get_ref().metadata()?.len()),
        }
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
