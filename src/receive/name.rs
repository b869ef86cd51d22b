//! What a file or folder name must be to be filed in the shared folder,
//! which the clerk opens on Windows, and which names a file system that
//! ignores case and Unicode composition (Windows, macOS) takes for one.

use unicode_normalization::UnicodeNormalization;

/// Characters no Windows file name may hold: `\` separates folders there.
const RESERVED: [char; 8] = [':', '*', '?', '"', '<', '>', '|', '\\'];

/// Device names Windows reserves whatever the extension (`CON.txt` too);
/// `COM` and `LPT` with a digit are checked apart.
const DEVICES: [&str; 6] = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"];

/// Why a name cannot be a file or folder's name on Windows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WindowsFault {
    /// One of `: * ? " < > |`, or a control character.
    Character(char),
    /// A device name (`CON`, `NUL`, `COM1` …), as written.
    Device(String),
    /// The name (as written) ends in a dot or a space, which Windows drops:
    /// the file could not be opened by its own name.
    TrailingDotOrSpace(String),
}

/// Why `name`, one file or folder name, cannot be used on Windows.
pub fn windows_fault(name: &str) -> Option<WindowsFault> {
    if let Some(c) = name
        .chars()
        .find(|c| c.is_control() || RESERVED.contains(c))
    {
        return Some(WindowsFault::Character(c));
    }
    if name.ends_with(['.', ' ']) {
        return Some(WindowsFault::TrailingDotOrSpace(name.to_owned()));
    }
    // Windows ignores the spaces before the first dot: `NUL .txt` is NUL.
    let device = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    is_device(device).then(|| WindowsFault::Device(device.to_owned()))
}

fn is_device(stem: &str) -> bool {
    let upper = stem.to_uppercase();
    if DEVICES.contains(&upper.as_str()) {
        return true;
    }
    let number = upper
        .strip_prefix("COM")
        .or_else(|| upper.strip_prefix("LPT"));
    let mut chars = number.into_iter().flat_map(str::chars);
    match (chars.next(), chars.next()) {
        (Some(digit), None) => digit.is_ascii_digit() || matches!(digit, '¹' | '²' | '³'),
        _ => false,
    }
}

/// `name` as a file system that ignores case and Unicode composition sees
/// it: two names with one fold are one file there (`a.jpg` and `A.JPG`, an
/// accented letter composed or decomposed).
pub fn fold(name: &str) -> String {
    let lower: String = name.nfc().flat_map(char::to_lowercase).collect();
    lower.nfc().collect()
}

/// `name` with its control characters escaped (`\u{7}`), so that it can be
/// shown in a message.
pub fn shown(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            c if c.is_control() => c.escape_default().to_string(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_windows_cannot_use_are_told_apart() {
        for c in [':', '*', '?', '"', '<', '>', '|', '\\', '\u{1}', '\u{7f}'] {
            let name = format!("现场{c}1.jpg");
            assert_eq!(windows_fault(&name), Some(WindowsFault::Character(c)));
        }
        for device in [
            "CON",
            "con.jpg",
            "Nul",
            "nul.tar.gz",
            "AUX .txt",
            "PRN",
            "COM1",
            "com9.jpg",
            "LPT1",
            "lpt3.txt",
            "COM0",
            "COM¹",
            "CONIN$",
        ] {
            let stem = device.split('.').next().unwrap().trim_end();
            assert_eq!(
                windows_fault(device),
                Some(WindowsFault::Device(stem.to_owned())),
                "{device}"
            );
        }
        for trailing in ["照片.", "1.jpg ", "..."] {
            assert_eq!(
                windows_fault(trailing),
                Some(WindowsFault::TrailingDotOrSpace(trailing.to_owned()))
            );
        }
        for fine in [
            "现场.jpg",
            "CONSOLE.jpg",
            "COM10",
            "LPT",
            "nul1.jpg",
            ".gitkeep",
            "控制台",
        ] {
            assert_eq!(windows_fault(fine), None, "{fine}");
        }
    }

    #[test]
    fn names_that_differ_in_case_or_composition_fold_alike() {
        assert_eq!(fold("现场/A.JPG"), fold("现场/a.jpg"));
        assert_eq!(fold("Caf\u{e9}.jpg"), fold("Cafe\u{301}.jpg"));
        assert_ne!(fold("a.jpg"), fold("b.jpg"));
        // Width is not case: a full-width letter is another name.
        assert_ne!(fold("Ａ.jpg"), fold("a.jpg"));
        assert_eq!(shown("现场\u{7}.jpg"), "现场\\u{7}.jpg");
    }
}
