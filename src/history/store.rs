//! The contents of the history a run needs, each read once, through one
//! `git cat-file` started when the first is needed.

use std::collections::HashMap;
use std::path::Path;

use crate::error::Error;
use crate::read::workbook::{Limits, ReadError};
use crate::receipt::{Blob, Blobs, Committed, Fetched, Lineage, ReceiptError, Sha256};

/// The contents read from the history so far.
pub struct Store<'r> {
    root: &'r Path,
    /// No content larger than this is held: no workbook can be read from it.
    limit: u64,
    blobs: Option<Blobs>,
    held: HashMap<String, Fetched>,
}

impl<'r> Store<'r> {
    /// The store of the repository `root` lies in; git starts when first asked.
    pub fn new(root: &'r Path, limits: &Limits) -> Store<'r> {
        Store {
            root,
            limit: limits.max_unzipped_bytes,
            blobs: None,
            held: HashMap::new(),
        }
    }

    /// Reads every content of `blobs` not held yet, in one request.
    pub fn fetch(&mut self, blobs: &[&Blob]) -> Result<(), Error> {
        let mut ids: Vec<String> = blobs
            .iter()
            .filter(|blob| !self.held.contains_key(&blob.id))
            .map(|blob| blob.id.clone())
            .collect();
        ids.sort();
        ids.dedup();
        if ids.is_empty() {
            return Ok(());
        }
        let blobs = match &mut self.blobs {
            Some(blobs) => blobs,
            None => self
                .blobs
                .insert(Blobs::open(self.root).map_err(Error::Receipt)?),
        };
        let fetched = blobs.read(&ids, self.limit).map_err(Error::Receipt)?;
        self.held.extend(ids.into_iter().zip(fetched));
        Ok(())
    }

    /// The bytes of a content fetched before, for the reader.
    pub fn read(&self, blob: &Blob) -> Result<Vec<u8>, ReadError> {
        match self.held.get(&blob.id) {
            Some(Fetched::Bytes(bytes)) => Ok(bytes.clone()),
            Some(Fetched::TooLarge(bytes)) => Err(ReadError::TooLarge {
                part: String::new(),
                bytes: *bytes,
                limit: self.limit,
            }),
            Some(Fetched::Missing) | None => {
                Err(ReadError::Io(format!("git has no object {}", blob.id)))
            }
        }
    }

    /// The bytes of one content, fetched now if need be; git not having it
    /// (a repository cut short) is git failing.
    pub fn bytes(&mut self, blob: &Blob) -> Result<Vec<u8>, Error> {
        self.fetch(&[blob])?;
        match self.held.get(&blob.id) {
            Some(Fetched::Bytes(bytes)) => Ok(bytes.clone()),
            Some(Fetched::TooLarge(bytes)) => Err(git_fault(format!(
                "object {} holds {bytes} bytes, more than {}",
                blob.id, self.limit
            ))),
            Some(Fetched::Missing) | None => Err(git_fault(format!("no object {}", blob.id))),
        }
    }

    /// The committed version of `lineage` whose content has `sha256`, among
    /// those fetched.
    pub fn holding<'l>(&self, lineage: &'l Lineage, sha256: &Sha256) -> Option<&'l Committed> {
        lineage.committed.iter().find(|c| {
            let Some(blob) = &c.blob else { return false };
            matches!(self.held.get(&blob.id), Some(Fetched::Bytes(bytes)) if Sha256::of(bytes) == *sha256)
        })
    }
}

fn git_fault(detail: String) -> Error {
    Error::Receipt(ReceiptError::Git(format!("git cat-file: {detail}")))
}
