//! The contents of the history: every earlier version of a file, read through
//! one long-lived `git cat-file --batch-command --buffer` for a whole run.
//!
//! Ids go in on one thread and contents come out on the caller's, so that
//! neither side waits for the other to empty a pipe; `--buffer` lets git
//! write as fast as it reads, and a `flush` after each request hands that
//! request's contents over at once. One process serves every request of a
//! run, however many files it reads: never one git process per file.
//!
//! This module reads bytes only; what they hold is the reader's business.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Stdio};
use std::sync::mpsc::{Sender, channel};
use std::thread::JoinHandle;

use super::ReceiptError;
use super::git::{git, not_started};

/// One stored content, as the history gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    Bytes(Vec<u8>),
    /// Larger than may be held in memory: left unread, with its size.
    TooLarge(u64),
    /// The repository has no such object.
    Missing,
}

/// A running `git cat-file` serving the contents of one repository.
pub struct Blobs {
    child: Child,
    requests: Option<Sender<Vec<String>>>,
    writer: Option<JoinHandle<std::io::Result<()>>>,
    /// `None` only while the reader is dropped.
    contents: Option<BufReader<ChildStdout>>,
}

impl Blobs {
    /// Starts the reader of the repository `root` lies in.
    pub fn open(root: &Path) -> Result<Blobs, ReceiptError> {
        let mut child = git(root)
            .args(["cat-file", "--batch-command", "--buffer"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| not_started("git cat-file", &e))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(ReceiptError::Git("git cat-file: no pipes".to_owned()));
        };
        let (requests, received) = channel::<Vec<String>>();
        let writer = std::thread::spawn(move || {
            let mut stdin = std::io::BufWriter::new(stdin);
            for ids in received {
                for id in ids {
                    writeln!(stdin, "contents {id}")?;
                }
                writeln!(stdin, "flush")?;
                stdin.flush()?;
            }
            Ok(())
        });
        Ok(Blobs {
            child,
            requests: Some(requests),
            writer: Some(writer),
            contents: Some(BufReader::new(stdout)),
        })
    }

    /// The contents of `ids`, in their order; none larger than `max_bytes`
    /// is held.
    pub fn read(&mut self, ids: &[String], max_bytes: u64) -> Result<Vec<Fetched>, ReceiptError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let gone = || ReceiptError::Git("git cat-file stopped".to_owned());
        let requests = self.requests.as_ref().ok_or_else(gone)?;
        requests.send(ids.to_vec()).map_err(|_| gone())?;
        ids.iter()
            .map(|id| self.next(id, max_bytes))
            .collect::<std::io::Result<Vec<Fetched>>>()
            .map_err(|e| ReceiptError::Git(format!("git cat-file: {e}")))
    }

    /// Reads one answer: `<id> blob <size>`, the bytes and a newline, or `<id> missing`.
    fn next(&mut self, id: &str, max_bytes: u64) -> std::io::Result<Fetched> {
        let contents = self
            .contents
            .as_mut()
            .ok_or(std::io::ErrorKind::BrokenPipe)?;
        let mut header = String::new();
        contents.read_line(&mut header)?;
        let fields: Vec<&str> = header.split_whitespace().collect();
        let [_, _, size] = fields[..] else {
            if header.is_empty() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    format!("no answer for {id}"),
                ));
            }
            return Ok(Fetched::Missing);
        };
        let size: u64 = size.parse().map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("unexpected answer: {header}"),
            )
        })?;
        let fetched = if size > max_bytes {
            std::io::copy(&mut contents.take(size), &mut std::io::sink())?;
            Fetched::TooLarge(size)
        } else {
            let mut bytes = Vec::with_capacity(size as usize);
            contents.take(size).read_to_end(&mut bytes)?;
            Fetched::Bytes(bytes)
        };
        let mut newline = [0u8; 1];
        contents.read_exact(&mut newline)?;
        Ok(fetched)
    }
}

impl Drop for Blobs {
    /// Closing git's output first means no answer left unread can keep git
    /// (and so the writer) waiting; closing the requests ends the writer,
    /// which closes git's input: git ends.
    fn drop(&mut self) {
        self.contents.take();
        self.requests.take();
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
        let _ = self.child.wait();
    }
}
