//! No telephone number in a CI log.
//!
//! The formats made for CI (Markdown, JUnit, GitHub annotations) are read by
//! everyone who can see a pipeline, and the status page gets published. They
//! already leave the chase list out; this filter also masks any number that
//! looks like a telephone number in what remains — a liaison's mobile quoted in a problem (“手机号码填写的是
//! 1380000123”), a number in a file name — keeping its first three and last
//! two digits so that the person who typed it can still recognise it.

/// How many digits a run must hold to be taken for a telephone number: the
/// shortest landline without its area code has seven.
const MIN_DIGITS: usize = 7;

/// `text` with every telephone-like number masked: `13800001234` becomes
/// `138******34`, `022-12345678` becomes `022-******78`.
///
/// A run is digits in groups of at least three, joined by single spaces or
/// dashes, so that dates (`2021-06-03`), times and small counts are left alone.
///
/// ```
/// use campaign::output::mask_phones;
/// assert_eq!(mask_phones("手机 13800001234，电话 022-12345678"), "手机 138******34，电话 022-******78");
/// assert_eq!(mask_phones("2021-06-03 共 120 人次"), "2021-06-03 共 120 人次");
/// ```
pub fn mask_phones(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let end = run_end(&chars, i);
        let digits = chars[i..end].iter().filter(|c| c.is_ascii_digit()).count();
        if end > i && digits >= MIN_DIGITS {
            out.extend(masked(&chars[i..end], digits));
            i = end;
        } else {
            let next = if end > i { end } else { i + 1 };
            out.extend(&chars[i..next]);
            i = next;
        }
    }
    out
}

/// Where a run of digit groups that starts at `start` ends (`start` when
/// none starts there). A digit right before `start` means `start` is inside
/// a longer number, which the caller has already passed.
fn run_end(chars: &[char], start: usize) -> usize {
    let is_digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    if !is_digit(start) || (start > 0 && is_digit(start - 1)) {
        return start;
    }
    let group = |from: usize| (from..).take_while(|&i| is_digit(i)).count();
    let first = group(start);
    if first < 3 {
        return start + first;
    }
    let mut end = start + first;
    while matches!(chars.get(end), Some(' ' | '-')) && group(end + 1) >= 3 {
        end += 1 + group(end + 1);
    }
    end
}

/// The run with all digits but the first three and the last two starred.
fn masked(run: &[char], digits: usize) -> impl Iterator<Item = char> + '_ {
    let mut seen = 0;
    run.iter().map(move |&c| {
        if !c.is_ascii_digit() {
            return c;
        }
        seen += 1;
        if seen <= 3 || seen > digits - 2 {
            c
        } else {
            '*'
        }
    })
}

#[cfg(test)]
mod tests {
    use super::mask_phones;

    #[test]
    fn telephone_numbers_are_masked_in_every_spelling() {
        for (text, masked) in [
            ("13800001234", "138******34"),
            ("138 0000 1234", "138 **** **34"),
            ("138-0000-1234", "138-****-**34"),
            ("+86 13800001234", "+86 138******34"),
            ("(022)12345678", "(022)123***78"),
            ("022-12345678转801", "022-******78转801"),
            ("“1380000123”", "“138*****23”"),
            ("1234567", "123**67"),
        ] {
            assert_eq!(mask_phones(text), masked, "{text}");
        }
    }

    #[test]
    fn dates_times_and_counts_are_left_alone() {
        for text in [
            "2021-06-03T23:59:59+08:00",
            "2021年6月3日 16:30",
            "填写的是 460，但各行相加为 451",
            "第 12 行",
            "附件3!C5",
            "123456",
            "12-345-678",
        ] {
            assert_eq!(mask_phones(text), text);
        }
    }
}
