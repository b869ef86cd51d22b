//! The widths of a table's columns in the 汇编, by what they hold: a column
//! of numbers stays narrow, a column of activity names takes what is left,
//! and no column is squeezed below four Chinese characters when its text is
//! wider, so that headers such as 开展场次（场） wrap in two lines, not five.
//! Word and LibreOffice would otherwise give every column the same width.

use crate::width::display_width;

/// A column holds at least this many half-width cells (four Chinese
/// characters and the slack) of its text.
const NARROWEST: usize = 9;
/// The left and right margins of a cell together, in twentieths of a point.
const PADDING: usize = 216;

/// The widths of the columns of a table `available` wide (twentieths of a
/// point), where `texts` gives each column's texts and `half_width` is what
/// one half-width character takes at the table's font size. They add up to
/// `available`: a table spans the text width.
pub(super) fn widths(texts: &[Vec<&str>], half_width: usize, available: usize) -> Vec<usize> {
    // One half-width more than the text: word processors round their
    // measures, and a text that only just fits would wrap its last character.
    let widest: Vec<usize> = texts
        .iter()
        .map(|column| column.iter().map(|t| display_width(t)).max().unwrap_or(0) + 1)
        .collect();
    let natural: Vec<usize> = widest.iter().map(|w| w * half_width + PADDING).collect();
    let least: Vec<usize> = widest
        .iter()
        .map(|w| (*w).min(NARROWEST) * half_width + PADDING)
        .collect();
    let least_sum: usize = least.iter().sum();
    if least_sum >= available {
        return shared(&least, least_sum, available, &vec![0; least.len()]);
    }
    let natural_sum: usize = natural.iter().sum();
    if natural_sum <= available {
        // Everything fits on one line: the room left goes to each column
        // in proportion to its text.
        return shared(&natural, natural_sum, available - natural_sum, &natural);
    }
    // The room beyond the least goes to the columns whose text wraps, in
    // proportion to how much more they would take.
    let more: Vec<usize> = natural.iter().zip(&least).map(|(n, l)| n - l).collect();
    let more_sum: usize = more.iter().sum();
    shared(&more, more_sum, available - least_sum, &least)
}

/// `base` plus `room` shared out in proportion to `weights` (of sum `total`),
/// the last column taking what rounding leaves, so that the sum is exact.
fn shared(weights: &[usize], total: usize, room: usize, base: &[usize]) -> Vec<usize> {
    let target: usize = base.iter().sum::<usize>() + room;
    let mut widths: Vec<usize> = weights
        .iter()
        .zip(base)
        .map(|(w, b)| b + room * w / total.max(1))
        .collect();
    let sum: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last = (*last + target).saturating_sub(sum);
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_stay_narrow_and_names_take_the_rest() {
        let names = vec![
            "活动事项",
            "推动学习习近平总书记关于安全生产重要论述精神走深走实",
        ];
        let counts = vec!["开展场次（场）", "21"];
        let serials = vec!["序号", "一、"];
        let widths = widths(
            &[serials, names, counts.clone(), counts.clone(), counts],
            105,
            8_844,
        );
        assert_eq!(widths.iter().sum::<usize>(), 8_844);
        // 序号 fits its text; each count column takes at least four characters.
        assert_eq!(widths[0], 5 * 105 + PADDING);
        assert!(widths[2] >= 9 * 105 + PADDING, "{widths:?}");
        assert!(widths[1] > 2 * widths[2], "{widths:?}");
    }

    #[test]
    fn a_narrow_table_fills_the_width_in_proportion() {
        let widths = widths(&[vec!["活动"], vec!["场次"]], 120, 8_000);
        assert_eq!(widths, [4_000, 4_000]);
    }

    #[test]
    fn a_table_of_many_columns_shares_the_width_evenly_at_the_least() {
        let column = vec!["开展场次（场）"];
        let widths = widths(&vec![column; 10], 120, 10_000);
        assert_eq!(widths, vec![1_000; 10]);
    }
}
