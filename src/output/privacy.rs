//! No telephone number where many people read.
//!
//! The formats made for CI (Markdown, JUnit, GitHub annotations) are read by
//! everyone who can see a pipeline, and the status page gets published. They
//! already leave the chase list out; this mask also hides any number that
//! looks like a telephone number in what units wrote — a liaison's mobile
//! quoted in a problem (“手机号码填写的是 1380000123”), a number in a file
//! name — keeping its first three and last two digits, so that the person who
//! typed it can still recognise it.

/// How many digits a run must hold to be taken for a telephone number: the
/// shortest landline without its area code has seven.
const MIN_DIGITS: usize = 7;

/// What may join the groups of one number: spaces, dashes and dots, in
/// either width.
const JOINS: [char; 6] = [' ', '-', '－', '.', '．', '\u{3000}'];

/// `text` with every telephone-like number masked: `13800001234` becomes
/// `138******34`, `022-12345678` becomes `022-******78`.
///
/// A number is digits (of either width) in groups of at least three, joined
/// by single spaces, dashes or dots, seven digits or more in all; a date or
/// time stamp written as one group (`20210603`, `20210603123045`, as file
/// names of photos and forms hold) is not one, nor are digits inside a word
/// of Latin letters (a commit id such as `a7005623`). Shorter numbers, dates with
/// separators (`2021-06-03`) and counts are left alone.
///
/// ```
/// use campaign::output::mask_phones;
/// assert_eq!(mask_phones("手机 13800001234，电话 022-12345678"), "手机 138******34，电话 022-******78");
/// assert_eq!(mask_phones("附件1-20210602.xlsx：2021-06-03 共 120 人次"), "附件1-20210602.xlsx：2021-06-03 共 120 人次");
/// ```
pub fn mask_phones(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let end = run_end(&chars, i);
        if end == i {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = &chars[i..end];
        if is_phone(run) && !in_word(&chars, i, end) {
            out.extend(masked(run));
        } else {
            out.extend(run);
        }
        i = end;
    }
    out
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The value of a digit of either width.
fn value(c: char) -> u32 {
    if c.is_ascii_digit() {
        c as u32 - '0' as u32
    } else {
        c as u32 - '０' as u32
    }
}

/// Where a run of digit groups that starts at `start` ends (`start` itself
/// when none starts there: not a digit, or inside a longer number).
fn run_end(chars: &[char], start: usize) -> usize {
    let digit = |i: usize| chars.get(i).is_some_and(|c| is_digit(*c));
    if !digit(start) || (start > 0 && digit(start - 1)) {
        return start;
    }
    let group = |from: usize| (from..).take_while(|&i| digit(i)).count();
    let first = group(start);
    let mut end = start + first;
    if first < 3 {
        return end;
    }
    while chars.get(end).is_some_and(|c| JOINS.contains(c)) && group(end + 1) >= 3 {
        end += 1 + group(end + 1);
    }
    end
}

/// Whether the run `start..end` is part of a word of Latin letters and
/// digits — a commit id (`3a70056231`), a file's hash — rather than a number
/// of its own.
fn in_word(chars: &[char], start: usize, end: usize) -> bool {
    let letter = |c: Option<&char>| c.is_some_and(char::is_ascii_alphabetic);
    letter(start.checked_sub(1).and_then(|i| chars.get(i))) || letter(chars.get(end))
}

/// Whether a run of digit groups is taken for a telephone number.
fn is_phone(run: &[char]) -> bool {
    let digits: Vec<u32> = run
        .iter()
        .filter(|c| is_digit(**c))
        .map(|c| value(*c))
        .collect();
    let one_group = digits.len() == run.len();
    digits.len() >= MIN_DIGITS && !(one_group && is_time_stamp(&digits))
}

/// `yyyymmdd`, `yyyymmddhhmm` or `yyyymmddhhmmss` of a plausible day.
fn is_time_stamp(digits: &[u32]) -> bool {
    let number = |range: std::ops::Range<usize>| digits[range].iter().fold(0, |n, d| n * 10 + d);
    if ![8, 12, 14].contains(&digits.len()) {
        return false;
    }
    let (year, month, day) = (number(0..4), number(4..6), number(6..8));
    let date =
        (1900..=2099).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    let time = digits.len() < 12 || (number(8..10) < 24 && number(10..12) < 60);
    let seconds = digits.len() < 14 || number(12..14) < 60;
    date && time && seconds
}

/// The run with all digits but the first three and the last two starred.
fn masked(run: &[char]) -> impl Iterator<Item = char> + '_ {
    let digits = run.iter().filter(|c| is_digit(**c)).count();
    let mut seen = 0;
    run.iter().map(move |&c| {
        if !is_digit(c) {
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
            ("138.0000.1234", "138.****.**34"),
            ("１３８００００１２３４", "１３８******３４"),
            ("138－0000－1234", "138－****－**34"),
            ("+86 13800001234", "+86 138******34"),
            ("(022)12345678", "(022)123***78"),
            ("022-12345678转801", "022-******78转801"),
            ("022.1234.5678", "022.****.**78"),
            ("“1380000123”", "“138*****23”"),
            ("联络员赵六13900005678.xlsx", "联络员赵六139******78.xlsx"),
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
            "附件1-20210602.xlsx",
            "IMG_20210603123045.jpg",
            "填写的是 460，但各行相加为 451",
            "第 12 行",
            "附件3!C5",
            "123456",
            "12-345-678",
            "提交 7005623b",
            "提交 a7005623",
            "commit 3f1234567890abcd",
        ] {
            assert_eq!(mask_phones(text), text);
        }
    }
}
