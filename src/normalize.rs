//! The one way names are compared: unit names, headers, activity items.
//!
//! People type the same name with full-width letters, stray spaces, full-width
//! spaces (U+3000), line breaks and characters nobody sees (zero-width
//! spaces from a web page or a chat message). Two names are the same when their keys are
//! equal; nothing here guesses beyond that.

use unicode_normalization::UnicodeNormalization;

/// NFKC-normalised `text` with every kind of white space and every
/// invisible formatting character removed.
///
/// ```
/// use campaign::normalize::key;
/// assert_eq!(key("环卫\u{3000}中心 "), key("环卫中心"));
/// assert_eq!(key("开展场次\n(场)"), "开展场次(场)");
/// assert_eq!(key("开展场次（场）"), "开展场次(场)");
/// assert_eq!(key("\u{200B}公共室\u{FEFF}"), "公共室");
/// ```
pub fn key(text: &str) -> String {
    // Most cells are plain Chinese and ASCII, which NFKC leaves as they are:
    // this check is far cheaper than normalising every cell of every file.
    let plain = |c: char| c.is_ascii_graphic() || ('\u{4E00}'..='\u{9FFF}').contains(&c);
    if text.chars().all(plain) {
        return text.to_owned();
    }
    text.nfkc()
        .filter(|c| !c.is_whitespace() && !INVISIBLE.contains(c))
        .collect()
}

/// Characters that take no room on the screen, which names copied from web
/// pages and chat messages carry unseen: zero-width spaces and joiners, the
/// word joiner, the byte-order mark, the soft hyphen and the marks of text
/// direction. Nobody can see them, so nobody means them.
const INVISIBLE: [char; 18] = [
    '\u{00AD}', '\u{180E}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}',
    '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2060}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{FEFF}',
];

/// [`key`] with punctuation and symbols dropped as well: for names people
/// retype with or without quotes and brackets (安全宣传“五进” / 安全宣传五进).
///
/// ```
/// use campaign::normalize::loose_key;
/// assert_eq!(loose_key("安全宣传“五进”"), loose_key("安全宣传 五进"));
/// assert_eq!(loose_key("参与国家、市级、区级宣传系列活动"), "参与国家市级区级宣传系列活动");
/// ```
pub fn loose_key(text: &str) -> String {
    loosen(&key(text))
}

/// A key with its punctuation and symbols dropped.
fn loosen(key: &str) -> String {
    key.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The key a header cell is compared by: [`loose_key`] without leading
/// required-markers (`*`) and without a trailing unit in brackets.
///
/// ```
/// use campaign::normalize::header_key;
/// assert_eq!(header_key("开展场次\n（场）"), header_key("*开展场次"));
/// ```
pub fn header_key(text: &str) -> String {
    header_of(&key(text))
}

/// The [`header_key`] and the [`loose_key`] of one text, normalising it once.
pub fn header_and_loose_keys(text: &str) -> (String, String) {
    let k = key(text);
    (header_of(&k), loosen(&k))
}

fn header_of(key: &str) -> String {
    let mut k = key.trim_start_matches(['*', '※', '★']);
    // Drop a trailing unit in brackets: 开展场次(场) → 开展场次.
    if k.ends_with(')')
        && let Some(open) = k.rfind('(')
        && open > 0
    {
        k = &k[..open];
    }
    loosen(k)
}
