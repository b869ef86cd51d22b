//! How wide text is on screen and on paper, for sizing columns.
//!
//! Excel measures column widths in widths of the digit “0”; a Chinese character
//! takes about two of them. rust_xlsxwriter's autofit counts every character as
//! one and undersizes CJK columns by half, so widths are computed here instead.

use unicode_width::UnicodeWidthStr;

/// Widest line of `text` in half-width cells: CJK characters and full-width
/// punctuation count two, ASCII one.
///
/// ```
/// use campaign::width::display_width;
/// assert_eq!(display_width("开展场次（场）"), 14);
/// assert_eq!(display_width("022-12345678"), 12);
/// assert_eq!(display_width("第一行\n第二行长"), 8);
/// ```
pub fn display_width(text: &str) -> usize {
    text.lines()
        .map(UnicodeWidthStr::width_cjk)
        .max()
        .unwrap_or(0)
}

/// Narrowest and widest column a form uses, in Excel width units.
pub const MIN_COLUMN: f64 = 6.0;
pub const MAX_COLUMN: f64 = 40.0;

/// The Excel width that fits the widest of `texts` with a little air either side.
pub fn column_width<'a>(texts: impl IntoIterator<Item = &'a str>) -> f64 {
    let widest = texts.into_iter().map(display_width).max().unwrap_or(0);
    (widest as f64 + 2.0).clamp(MIN_COLUMN, MAX_COLUMN)
}

/// How many lines `text` wraps to in a column of `width` units.
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    let usable = (width - 1.0).max(1.0);
    text.lines()
        .map(|line| {
            ((UnicodeWidthStr::width_cjk(line) as f64) / usable)
                .ceil()
                .max(1.0) as usize
        })
        .sum::<usize>()
        .max(1)
}
