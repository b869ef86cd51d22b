//! Properties of value parsing over generated input: every count the tool
//! prints, and every spelling of it the parser accepts, reads back as that
//! number; no text and no number makes any column panic.

use proptest::prelude::*;

use super::fixtures::*;
use super::*;

/// `n` as a person may write it: in full-width digits, its thousands grouped
/// by an ASCII or a full-width comma, with zero decimals, with the column's
/// unit after it, padded with spaces of either width.
#[derive(Debug, Clone)]
struct Spelling {
    full_width: bool,
    group: Option<char>,
    decimals: &'static str,
    unit: &'static str,
    pad: &'static str,
}

impl Spelling {
    fn write(&self, n: u64) -> String {
        let digits = n.to_string();
        let mut written = String::new();
        for (i, digit) in digits.chars().enumerate() {
            let left = digits.len() - i;
            if i > 0 && left.is_multiple_of(3) {
                written.extend(self.group);
            }
            written.push(digit);
        }
        written.push_str(self.decimals);
        written.push_str(self.unit);
        if self.full_width {
            written = written.chars().map(full_width).collect();
        }
        format!("{}{written}{}", self.pad, self.pad)
    }
}

/// The full-width form of an ASCII digit, comma or full stop.
fn full_width(c: char) -> char {
    match c {
        '0'..='9' | ',' | '.' => {
            char::from_u32(c as u32 - 0x21 + 0xFF01).expect("a full-width form")
        }
        other => other,
    }
}

fn spelling() -> impl Strategy<Value = Spelling> {
    (
        any::<bool>(),
        prop::option::of(prop::sample::select(vec![',', '，'])),
        prop::sample::select(vec!["", ".0", ".00", ".000"]),
        prop::sample::select(vec!["", "场", " 场", "\u{3000}场"]),
        prop::sample::select(vec!["", " ", "\u{3000}", "\n"]),
    )
        .prop_map(|(full_width, group, decimals, unit, pad)| Spelling {
            full_width,
            group,
            decimals,
            unit,
            pad,
        })
}

/// Every column of the default campaign, one of each type among them.
fn every_column() -> Vec<Column> {
    CAMPAIGN
        .tables()
        .flat_map(|(_, spec)| spec.columns.iter().cloned())
        .chain([amount(), form()])
        .collect()
}

/// Text close to what people type into number, date and phone cells, so
/// that generated input reaches the corners of those parsers.
const TYPED: &str =
    "[0-9０-９,，.．:：/\\-—~～+年月日号时分约余多左右以上场人次篇条项转()（）@＠ \u{3000}]{0,16}";

/// Reads `value` in every column and words whatever is wrong in both languages.
fn read_everywhere(value: &Value) {
    for column in every_column() {
        if let Err(error) = read(&column, value.clone()) {
            assert!(!error.render(Lang::Zh).is_empty());
            assert!(!error.render(Lang::En).is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_count_the_tool_prints_reads_back(n in any::<u64>()) {
        for printed in [Parsed::Count(n).render(Lang::Zh), Parsed::Count(n).shown(&CAMPAIGN)] {
            prop_assert_eq!(read(&sessions(), text(&printed)), Ok(Some(Parsed::Count(n))));
        }
    }

    #[test]
    fn every_accepted_spelling_of_a_count_reads_back(n in any::<u64>(), spelling in spelling()) {
        let typed = spelling.write(n);
        prop_assert_eq!(
            read(&sessions(), text(&typed)),
            Ok(Some(Parsed::Count(n))),
            "{:?}", typed
        );
    }

    #[test]
    fn a_count_stored_as_a_number_reads_back(n in 0u64..(1 << 53)) {
        prop_assert_eq!(read(&sessions(), Value::Number(n as f64)), Ok(Some(Parsed::Count(n))));
    }

    #[test]
    fn no_text_makes_any_column_panic(typed in any::<String>()) {
        read_everywhere(&Value::Text(typed));
    }

    #[test]
    fn no_typed_number_date_or_phone_makes_any_column_panic(typed in TYPED) {
        read_everywhere(&Value::Text(typed));
    }

    #[test]
    fn no_number_makes_any_column_panic(n in any::<f64>()) {
        read_everywhere(&Value::Number(n));
    }
}
