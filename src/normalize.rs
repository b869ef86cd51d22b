//! The one way names are compared: unit names, headers, activity items.
//!
//! People type the same name with full-width letters, stray spaces, full-width
//! spaces (U+3000) and line breaks. Two names are the same when their keys are
//! equal; nothing here guesses beyond that.

use unicode_normalization::UnicodeNormalization;

/// NFKC-normalised `text` with every kind of white space removed.
///
/// ```
/// use campaign::normalize::key;
/// assert_eq!(key("环卫\u{3000}中心 "), key("环卫中心"));
/// assert_eq!(key("开展场次\n(场)"), "开展场次(场)");
/// assert_eq!(key("开展场次（场）"), "开展场次(场)");
/// ```
pub fn key(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// [`key`] with punctuation and symbols dropped as well: for names people
/// retype with or without quotes and brackets (安全宣传“五进” / 安全宣传五进).
///
/// ```
/// use campaign::normalize::loose_key;
/// assert_eq!(loose_key("安全宣传“五进”"), loose_key("安全宣传 五进"));
/// assert_eq!(loose_key("参与国家、市级、区级宣传系列活动"), "参与国家市级区级宣传系列活动");
/// ```
pub fn loose_key(text: &str) -> String {
    key(text).chars().filter(|c| c.is_alphanumeric()).collect()
}
