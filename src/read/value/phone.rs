//! Phone and mobile numbers, normalised; numbers Excel shortened rejected.

use super::{Cell, DASHES, Parsed, ValueError};
use crate::read::table::format_number;

pub(super) fn mobile(cell: &Cell) -> Result<Parsed, ValueError> {
    let found = cell.found();
    let text = phone_text(cell, &found)?.unwrap_or_default();
    if let Some(mobile) = as_mobile(&text) {
        return Ok(Parsed::Phone(mobile));
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    Err(ValueError::BadMobile { found, digits })
}

pub(super) fn phone(cell: &Cell) -> Result<Parsed, ValueError> {
    let found = cell.found();
    let Some(text) = phone_text(cell, &found)? else {
        return Err(ValueError::BadPhone { found });
    };
    if let Some(mobile) = as_mobile(&text) {
        return Ok(Parsed::Phone(mobile));
    }
    // 02212345678 typed into a number cell arrives as 2212345678.
    if matches!(cell, Cell::Number(_)) && (9..=11).contains(&text.len()) {
        return Err(ValueError::LostDigits { found });
    }
    as_landline(&text)
        .map(Parsed::Phone)
        .ok_or(ValueError::BadPhone { found })
}

/// The text of a phone cell: a whole number's digits, or the normalised text;
/// `None` when the cell cannot hold a phone number at all. Digits Excel
/// already lost (a fraction, 1.38E+10, more digits than any phone has) are an
/// error of their own: the fix is to retype the cell as text.
fn phone_text(cell: &Cell, found: &str) -> Result<Option<String>, ValueError> {
    let lost = || ValueError::LostDigits {
        found: found.to_owned(),
    };
    match cell {
        Cell::Number(n) if *n < 0.0 => Ok(None),
        Cell::Number(n) if n.fract() != 0.0 || *n >= 1e11 => Err(lost()),
        Cell::Number(n) => Ok(Some(format_number(*n))),
        Cell::Text { norm, .. } if is_scientific(norm) => Err(lost()),
        Cell::Text { norm, .. } => Ok(Some(norm.clone())),
        Cell::Bool(_) | Cell::DateTime(_) => Ok(None),
    }
}

/// 1.38E+10, 1.3800001234e10: how Excel shows a long number.
fn is_scientific(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let Some((mantissa, exponent)) = compact.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    [int, frac, exponent]
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// 138 0000 1234, 138-0000-1234, +86 13800001234 → 13800001234.
fn as_mobile(text: &str) -> Option<String> {
    let digits: String = text
        .chars()
        .filter(|c| !(c.is_whitespace() || DASHES.contains(c) || *c == '(' || *c == ')'))
        .collect();
    let digits = match digits.strip_prefix("+86") {
        Some(rest) => rest,
        None if digits.len() == 13 => digits.strip_prefix("86").unwrap_or(&digits),
        None => &digits,
    };
    let bytes = digits.as_bytes();
    let is_mobile = bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1]);
    is_mobile.then(|| digits.to_owned())
}

/// 022-12345678, (022)12345678, 022 1234 5678, 02212345678, 12345678,
/// 022-12345678转801 → "022-12345678" / "12345678" / "022-12345678转801".
fn as_landline(text: &str) -> Option<String> {
    let (main, extension) = split_extension(text)?;
    let groups: Vec<&str> = main
        .split(|c: char| c.is_whitespace() || DASHES.contains(&c) || c == '(' || c == ')')
        .filter(|group| !group.is_empty())
        .collect();
    if groups.is_empty() || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let (area, rest): (Option<&str>, Vec<&str>) = match groups.as_slice() {
        [first, rest @ ..] if first.starts_with('0') && !rest.is_empty() => {
            (Some(first), rest.to_vec())
        }
        // One run of digits with its area code: 010 and 02x are the
        // three-digit codes, every other code has four digits.
        [only] if only.starts_with('0') => {
            let split = if only.starts_with("01") || only.starts_with("02") {
                3
            } else {
                4
            };
            let (area, number) = only.split_at(split.min(only.len()));
            (Some(area), vec![number])
        }
        _ => (None, groups),
    };
    if area.is_some_and(|a| !(3..=4).contains(&a.len())) {
        return None;
    }
    let is_number = |n: &str| (7..=8).contains(&n.len()) && !n.starts_with('0');
    let joined = rest.concat();
    let (number, dash_extension) = if is_number(&joined) {
        (joined, None)
    } else {
        // 022-12345678-801: the last group is an extension.
        let (last, before) = rest.split_last()?;
        let number = before.concat();
        if before.is_empty() || !is_number(&number) || last.len() > 6 {
            return None;
        }
        (number, Some(*last))
    };
    let extension = match (extension, dash_extension) {
        (Some(_), Some(_)) => return None,
        (ext, dash) => ext.or(dash),
    };
    let mut phone = match area {
        Some(area) => format!("{area}-{number}"),
        None => number,
    };
    if let Some(extension) = extension {
        phone.push('转');
        phone.push_str(extension);
    }
    Some(phone)
}

/// Splits off an extension written after 转, 分机 or ext; `None` when the
/// marker is followed by something other than 1–6 digits.
fn split_extension(text: &str) -> Option<(&str, Option<&str>)> {
    let lower = text.to_ascii_lowercase();
    let Some((at, marker)) = ["转", "分机", "ext.", "ext", "x"]
        .iter()
        .find_map(|m| lower.find(m).map(|at| (at, m.len())))
    else {
        return Some((text, None));
    };
    let extension = text[at + marker..]
        .trim_start_matches([' ', ':', '.'])
        .trim();
    let valid = (1..=6).contains(&extension.len()) && extension.bytes().all(|b| b.is_ascii_digit());
    valid.then_some((&text[..at], Some(extension)))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::read::table::Value;
    use crate::read::value::{Parsed, ValueError};

    // ------------------------------------------------------------ phones

    #[test]
    fn mobiles_are_normalised_to_eleven_digits() {
        let expected = Parsed::Phone("13800001234".to_owned());
        for typed in [
            "13800001234",
            "138 0000 1234",
            "138-0000-1234",
            "+86 138 0000 1234",
            "+86-13800001234",
            "8613800001234",
            "１３８００００１２３４",
        ] {
            assert_eq!(ok(&mobile_column(), text(typed)), expected, "{typed}");
        }
        assert_eq!(ok(&mobile_column(), Value::Number(13800001234.0)), expected);
    }

    #[test]
    fn a_mobile_excel_shortened_lost_its_digits() {
        assert_eq!(
            zh_err(&mobile_column(), text("1.38E+10")),
            "填写的是“1.38E+10”，号码被 Excel 当作数字保存，部分数字已经丢失；请将该单元格设置为“文本”格式后重新输入完整号码"
        );
        for value in [
            text("1.3800001234e10"),
            Value::Number(138000012345.0),
            Value::Number(1380000123.5),
        ] {
            assert!(
                matches!(
                    err(&mobile_column(), value.clone()),
                    ValueError::LostDigits { .. }
                ),
                "{value:?}"
            );
        }
    }

    #[test]
    fn other_mobiles_are_rejected_with_their_digit_count() {
        assert_eq!(
            zh_err(&mobile_column(), text("1380000123")),
            "填写的是“1380000123”（10位数字），应填写11位手机号码，如 13800001234"
        );
        assert_eq!(
            zh_err(&mobile_column(), text("12345678901")),
            "填写的是“12345678901”（不是以13至19开头的手机号码），应填写11位手机号码，如 13800001234"
        );
        assert_eq!(
            err(&mobile_column(), text("022-12345678")),
            ValueError::BadMobile {
                found: "022-12345678".to_owned(),
                digits: 11
            }
        );
        assert_eq!(
            zh_err(&mobile_column(), text("暂无手机")),
            "填写的是“暂无手机”，应填写11位手机号码，如 13800001234"
        );
    }

    #[test]
    fn landlines_are_normalised_to_area_dash_number() {
        let tianjin = Parsed::Phone("022-12345678".to_owned());
        for typed in [
            "022-12345678",
            "(022)12345678",
            "（022）12345678",
            "(022) 1234-5678",
            "022 1234 5678",
            "02212345678",
            "022－12345678",
            "022—12345678",
        ] {
            assert_eq!(ok(&phone_column(), text(typed)), tianjin, "{typed}");
        }
        assert_eq!(
            ok(&phone_column(), text("12345678")),
            Parsed::Phone("12345678".to_owned())
        );
        assert_eq!(
            ok(&phone_column(), text("1234-5678")),
            Parsed::Phone("12345678".to_owned())
        );
        assert_eq!(
            ok(&phone_column(), Value::Number(12345678.0)),
            Parsed::Phone("12345678".to_owned())
        );
        assert_eq!(
            ok(&phone_column(), text("03111234567")),
            Parsed::Phone("0311-1234567".to_owned())
        );
        assert_eq!(
            ok(&phone_column(), text("010-87654321")),
            Parsed::Phone("010-87654321".to_owned())
        );
    }

    #[test]
    fn a_landline_keeps_its_extension_after_zhuan() {
        for typed in [
            "022-12345678转801",
            "022-12345678-801",
            "022-12345678 ext. 801",
            "022-12345678分机801",
        ] {
            assert_eq!(
                ok(&phone_column(), text(typed)),
                Parsed::Phone("022-12345678转801".to_owned()),
                "{typed}"
            );
        }
    }

    #[test]
    fn a_phone_column_takes_a_mobile_too() {
        assert_eq!(
            ok(&phone_column(), text("138 0000 1234")),
            Parsed::Phone("13800001234".to_owned())
        );
        assert_eq!(
            ok(&phone_column(), Value::Number(13800001234.0)),
            Parsed::Phone("13800001234".to_owned())
        );
    }

    #[test]
    fn a_phone_that_lost_digits_or_is_no_phone() {
        // 02212345678 typed into a number cell: the area code's 0 is gone.
        assert_eq!(
            err(&phone_column(), Value::Number(2212345678.0)),
            ValueError::LostDigits {
                found: "2212345678".to_owned()
            }
        );
        assert!(matches!(
            err(&phone_column(), text("2.2123E+9")),
            ValueError::LostDigits { .. }
        ));
        assert_eq!(
            zh_err(&phone_column(), text("12345")),
            "填写的是“12345”，应填写固定电话（如 022-12345678）或11位手机号码（如 13800001234）"
        );
        for typed in [
            "022-1234",
            "13800001234/13900001234",
            "022-12345678转",
            "电话",
        ] {
            assert_eq!(
                err(&phone_column(), text(typed)),
                ValueError::BadPhone {
                    found: typed.to_owned()
                },
                "{typed}"
            );
        }
    }
}
