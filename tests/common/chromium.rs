//! Headless Chromium, to read a page as a browser builds it.
//!
//! Like LibreOffice, the browser is part of what the tests prove, so its
//! absence is a failure, never a skip; `scripts/test.sh` installs it. Every
//! run gets a fresh profile and the flags that keep Chromium from reaching for
//! the network on its own (updates, sync, first-run pages).

use std::path::Path;
use std::process::Command;

/// The document Chromium built from the HTML file at `page`, serialised.
pub fn dump_dom(page: &Path) -> String {
    let profile = tempfile::tempdir().expect("temporary profile");
    let output = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| {
            panic!("Chromium (chromium) must be installed: run scripts/test.sh, which installs it ({e})")
        });
    let dom = String::from_utf8(output.stdout).expect("UTF-8 from Chromium");
    assert!(
        output.status.success() && dom.starts_with("<!DOCTYPE html>"),
        "Chromium failed to open {}: {}",
        page.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    dom
}
