//! Standard output, as every command prints to it: whole, flushed, and a
//! failure to write it is an error ([`Error::Output`]) that the command ends
//! with — except a closed pipe (`campaign check | head`), which `main` takes
//! for a normal end.
//!
//! A standard output that was closed when the process started
//! (`campaign check >&-`) cannot be seen from here: the Rust runtime opens
//! /dev/null in its place before `main`, where every write succeeds and the
//! output vanishes. The binary looks before the runtime does and says so
//! with [`closed_at_start`]; then every print fails as a full disk would.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::Error;

static CLOSED_AT_START: AtomicBool = AtomicBool::new(false);

/// Records that standard output was closed when the process started.
pub fn closed_at_start() {
    CLOSED_AT_START.store(true, Ordering::Relaxed);
}

/// Writes `bytes` to standard output and flushes them.
pub fn print(bytes: impl AsRef<[u8]>) -> Result<(), Error> {
    if CLOSED_AT_START.load(Ordering::Relaxed) {
        return Err(Error::OutputClosed);
    }
    let mut out = std::io::stdout().lock();
    out.write_all(bytes.as_ref())
        .and_then(|()| out.flush())
        .map_err(Error::Output)
}
