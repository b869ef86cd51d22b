//! A .doc, .wps or .rtf summary turned into a .docx by LibreOffice, when it
//! is installed. The submitted file is only read: LibreOffice writes its copy
//! into a temporary folder, with a profile of its own so that a LibreOffice
//! the clerk has open is neither used nor disturbed.

use std::path::Path;
use std::process::Command;

/// Why a document was not converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Failure {
    /// `soffice` is not on the PATH.
    NoLibreOffice,
    /// LibreOffice ran and wrote no .docx; what it said.
    Failed(String),
}

/// The bytes of the .docx LibreOffice makes of `document`, the bytes of the
/// file at `path`.
pub(super) fn to_docx(document: &[u8], path: &Path) -> Result<Vec<u8>, Failure> {
    let work = tempfile::tempdir().map_err(|e| Failure::Failed(e.to_string()))?;
    // LibreOffice names its output after the input's stem; a copy under a
    // plain name keeps odd names (and the submitted file) out of its way.
    let extension = path
        .extension()
        .map_or("doc".into(), |e| e.to_string_lossy().to_lowercase());
    let input = work.path().join(format!("summary.{extension}"));
    std::fs::write(&input, document).map_err(|e| Failure::Failed(e.to_string()))?;
    let output = Command::new("soffice")
        .env("LANG", "C.UTF-8")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            work.path().join("profile").display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(work.path().join("out"))
        .arg(&input)
        .output();
    let output = match output {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Failure::NoLibreOffice),
        Err(e) => return Err(Failure::Failed(e.to_string())),
    };
    std::fs::read(work.path().join("out").join("summary.docx")).map_err(|_| {
        let said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        Failure::Failed(if said.is_empty() {
            format!("exit status {}", output.status)
        } else {
            said
        })
    })
}
