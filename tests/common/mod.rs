//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The default campaign, parsed.
pub fn default_campaign() -> campaign::definition::Campaign {
    campaign::definition::Campaign::parse(campaign::definition::DEFAULT_TOML)
        .expect("the default campaign is valid")
}

/// Converts `input` with headless LibreOffice into `format` (a `--convert-to`
/// argument) inside `out_dir`; returns the converted file.
///
/// LibreOffice is part of what these tests prove, so its absence is a failure,
/// never a skip. Each call gets its own profile so tests may run in parallel.
pub fn soffice_convert(input: &Path, format: &str, extension: &str, out_dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().expect("temporary profile");
    // Recalculate every formula on load, as a user's edit would: LibreOffice
    // otherwise trusts the cached results stored in the file.
    let user = profile.path().join("user");
    std::fs::create_dir_all(&user).expect("profile folder");
    std::fs::write(user.join("registrymodifications.xcu"), ALWAYS_RECALCULATE)
        .expect("profile settings");
    let output = Command::new("soffice")
        .env("LANG", "C.UTF-8")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            format,
            "--outdir",
        ])
        .arg(out_dir)
        .arg(input)
        .output()
        .expect("LibreOffice (soffice) must be installed: run scripts/test.sh, which installs it");
    let stem = input.file_stem().expect("file name");
    let converted = out_dir.join(stem).with_extension(extension);
    assert!(
        output.status.success() && converted.is_file(),
        "LibreOffice failed to convert {}: {}\n{}",
        input.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    converted
}

const ALWAYS_RECALCULATE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#;
