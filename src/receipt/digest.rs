//! The sha256 of a file's content: how the ledger tells one version of a
//! file from another, whatever its path or commit times say.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256 as Hasher};

use crate::lang::Lang;

/// A sha256, as the ledger writes it: 64 lowercase hexadecimal digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sha256(String);

impl Sha256 {
    /// The sha256 of the file at `path`, read in pieces so that a video
    /// among the key-activity materials never has to fit in memory. What is
    /// not a regular file is refused unopened: a named pipe would never end.
    pub fn of_file(path: &Path) -> std::io::Result<Sha256> {
        if let Some(special) = crate::discover::special(path) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{} is not a regular file", special.name(Lang::En)),
            ));
        }
        let mut file = std::fs::File::open(path)?;
        let mut hasher = Hasher::new();
        let mut buffer = vec![0; 64 * 1024];
        loop {
            let read = file.read(&mut buffer)?;
            if read == 0 {
                break;
            }
            hasher.update(&buffer[..read]);
        }
        Ok(Sha256::hex(&hasher.finalize()))
    }

    /// The sha256 of `bytes`.
    pub fn of(bytes: &[u8]) -> Sha256 {
        Sha256::hex(&Hasher::digest(bytes))
    }

    /// A sha256 as someone wrote it: 64 hexadecimal digits, of either case.
    pub fn parse(text: &str) -> Option<Sha256> {
        let text = text.trim();
        (text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Sha256(text.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn hex(bytes: &[u8]) -> Sha256 {
        Sha256(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_the_standard_one() {
        assert_eq!(
            Sha256::of(b"abc").as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_file_read_in_pieces_has_the_digest_of_its_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("视频.mp4");
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(Sha256::of_file(&path).unwrap(), Sha256::of(&bytes));
    }

    #[test]
    fn a_written_digest_is_read_in_either_case_and_nothing_else_is() {
        let upper = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
        assert_eq!(Sha256::parse(upper), Some(Sha256::of(b"abc")));
        assert_eq!(Sha256::parse("0f343b0931126a20f133d67c2b018a3b"), None);
        assert_eq!(Sha256::parse(&"g".repeat(64)), None);
    }
}
