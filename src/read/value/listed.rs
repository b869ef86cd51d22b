//! Values from a list: 是/否, the activity items, the campaign's units and
//! a column's own choices, each by its usual spellings.

use super::{Cell, Parsed, ValueError};
use crate::definition::{Activity, Campaign};
use crate::normalize::{key, loose_key};

pub(super) fn boolean(cell: &Cell) -> Result<Parsed, ValueError> {
    let found = cell.found();
    let yes = match cell {
        Cell::Bool(b) => Some(*b),
        Cell::Number(n) if *n == 1.0 => Some(true),
        Cell::Number(n) if *n == 0.0 => Some(false),
        Cell::Text { norm, .. } => match norm.to_lowercase().as_str() {
            "是" | "√" | "✓" | "✔" | "y" | "yes" | "true" | "1" => Some(true),
            "否" | "×" | "✗" | "✘" | "n" | "no" | "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    };
    yes.map(Parsed::Bool).ok_or(ValueError::NotBool { found })
}

// ---------------------------------------------------------------- names

pub(super) fn activity(cell: &Cell, campaign: &Campaign) -> Result<Parsed, ValueError> {
    let found = cell.found();
    let no = match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 1.0 => activity_no(campaign, *n as u64),
        Cell::Text { norm, .. } => activity_text(norm, campaign, &found)?,
        _ => None,
    };
    match no {
        Some(activity) => Ok(Parsed::Activity(activity.no)),
        None => Err(ValueError::UnknownActivity {
            found,
            count: campaign.activities.len(),
            example: campaign
                .activities
                .first()
                .map(|a| a.name.clone())
                .unwrap_or_default(),
        }),
    }
}

/// 专题学习, 3, 3.专题学习, 3、专题学习, 3 专题学习, (3)专题学习.
fn activity_text<'c>(
    norm: &str,
    campaign: &'c Campaign,
    found: &str,
) -> Result<Option<&'c Activity>, ValueError> {
    if let Some(activity) = activity_named(campaign, norm) {
        return Ok(Some(activity));
    }
    let Some((no, name)) = numbered(norm) else {
        return Ok(None);
    };
    let Some(by_no) = activity_no(campaign, no) else {
        return Ok(None);
    };
    if name.is_empty() {
        return Ok(Some(by_no));
    }
    match activity_named(campaign, name) {
        Some(by_name) if by_name.no == by_no.no => Ok(Some(by_no)),
        Some(by_name) => Err(ValueError::ActivityMismatch {
            found: found.to_owned(),
            no: by_no.no,
            item: by_no.name.clone(),
            named: by_name.name.clone(),
            named_no: by_name.no,
        }),
        None => Ok(None),
    }
}

fn activity_no(campaign: &Campaign, no: u64) -> Option<&Activity> {
    campaign.activities.iter().find(|a| u64::from(a.no) == no)
}

/// The item named `text` by [`key`]; failing that, by [`loose_key`], since
/// people retype 安全宣传“五进” with other quotes or none.
fn activity_named<'c>(campaign: &'c Campaign, text: &str) -> Option<&'c Activity> {
    if let Some(found) = campaign.names.activity(&key(text)) {
        return Some(&campaign.activities[found]);
    }
    let wanted = loose_key(text);
    if wanted.is_empty() {
        return None;
    }
    let mut matching = campaign.names.activities_loosely(&wanted);
    match (matching.next(), matching.next()) {
        (Some(only), None) => Some(&campaign.activities[only]),
        _ => None,
    }
}

/// A leading item number: “3.”, “3、”, “3 ”, “(3)”; the number and the rest.
fn numbered(text: &str) -> Option<(u64, &str)> {
    let (digits, rest) = match text.strip_prefix('(') {
        Some(inner) => {
            let (digits, rest) = inner.split_once(')')?;
            (digits.trim(), rest)
        }
        None => {
            let end = text
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(text.len());
            let (digits, rest) = text.split_at(end);
            let rest = rest.trim_start();
            (
                digits,
                rest.strip_prefix(['.', '、', ')', ',', ':'])
                    .unwrap_or(rest),
            )
        }
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, rest.trim()))
}

pub(super) fn unit_name(cell: &Cell, campaign: &Campaign) -> Result<Parsed, ValueError> {
    let found = cell.found();
    campaign
        .find_unit(&found)
        .map(|u| Parsed::Unit(u.name.clone()))
        .ok_or(ValueError::UnknownUnit { found })
}

pub(super) fn choice(cell: &Cell, choices: &[String]) -> Result<Option<Parsed>, ValueError> {
    let found = cell.found();
    let wanted = key(&found);
    if let Some(choice) = choices.iter().find(|c| key(c) == wanted) {
        return Ok(Some(Parsed::Choice(choice.clone())));
    }
    // A dash is “nothing”, unless the definition lists it as a choice.
    if cell.says_nothing() {
        return Ok(None);
    }
    Err(ValueError::UnknownChoice {
        found,
        choices: choices.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::definition::{Column, ColumnType};
    use crate::read::table::Value;
    use crate::read::value::{Parsed, ValueError};

    // ------------------------------------------------------------ bool

    #[test]
    fn yes_and_no() {
        for (value, yes) in [
            (text("是"), true),
            (text("√"), true),
            (text("✓"), true),
            (text("✔"), true),
            (text("Y"), true),
            (text("yes"), true),
            (text("YES"), true),
            (text("TRUE"), true),
            (text("1"), true),
            (Value::Bool(true), true),
            (Value::Number(1.0), true),
            (text("否"), false),
            (text("×"), false),
            (text("✗"), false),
            (text("✘"), false),
            (text("n"), false),
            (text("No"), false),
            (text("false"), false),
            (text("0"), false),
            (Value::Bool(false), false),
            (Value::Number(0.0), false),
        ] {
            assert_eq!(ok(&brand(), value.clone()), Parsed::Bool(yes), "{value:?}");
        }
        assert_eq!(
            zh_err(&brand(), text("可能")),
            "填写的是“可能”，应填写“是”或“否”"
        );
        assert!(matches!(
            err(&brand(), Value::Number(2.0)),
            ValueError::NotBool { .. }
        ));
    }

    // ------------------------------------------------------------ names

    #[test]
    fn an_activity_by_number_or_name() {
        for value in [
            Value::Number(3.0),
            text("3"),
            text("３"),
            text("安全隐患排查整治"),
            text("安全隐患 排查整治"),
            text("3.安全隐患排查整治"),
            text("3．安全隐患排查整治"),
            text("3、安全隐患排查整治"),
            text("3 安全隐患排查整治"),
            text("（3）安全隐患排查整治"),
            text("(3)安全隐患排查整治"),
        ] {
            assert_eq!(ok(&item(), value.clone()), Parsed::Activity(3), "{value:?}");
        }
        assert_eq!(ok(&item(), text("安全宣传\"五进\"")), Parsed::Activity(7));
        assert_eq!(ok(&item(), text("安全宣传五进")), Parsed::Activity(7));
        assert_eq!(
            ok(&item(), text("10、参与国家、市级、区级宣传系列活动")),
            Parsed::Activity(10)
        );
    }

    #[test]
    fn an_activity_whose_number_and_name_disagree() {
        assert_eq!(
            err(&item(), text("3.专题学习")),
            ValueError::ActivityMismatch {
                found: "3.专题学习".to_owned(),
                no: 3,
                item: "安全隐患排查整治".to_owned(),
                named: "专题学习".to_owned(),
                named_no: 1
            }
        );
        assert_eq!(
            zh_err(&item(), text("3.专题学习")),
            "填写的是“3.专题学习”，但序号3是“安全隐患排查整治”，而“专题学习”是第1项，二者不一致，请核对"
        );
    }

    #[test]
    fn an_unknown_activity() {
        assert_eq!(
            zh_err(&item(), text("安全检查")),
            "填写的是“安全检查”，应为10项活动事项之一（如“专题学习”）或其序号1–10"
        );
        for value in [
            Value::Number(11.0),
            text("11"),
            text("0"),
            Value::Number(2.5),
            text("3.安全检查"),
        ] {
            assert!(
                matches!(
                    err(&item(), value.clone()),
                    ValueError::UnknownActivity { .. }
                ),
                "{value:?}"
            );
        }
    }

    #[test]
    fn a_unit_by_name_or_alias() {
        let unit = column("liaison", "单位名称");
        for typed in [
            "区环境卫生服务中心",
            "环卫中心",
            "环卫 中心",
            "区环境卫生服务中心\n",
        ] {
            assert_eq!(
                ok(&unit, text(typed)),
                Parsed::Unit("区环境卫生服务中心".to_owned()),
                "{typed}"
            );
        }
        assert_eq!(
            zh_err(&unit, text("某某科")),
            "填写的是“某某科”，不是本次活动的单位名称或简称，请填写单位全称"
        );
    }

    #[test]
    fn a_choice_by_key() {
        assert_eq!(
            ok(&form(), text(" 线 上 ")),
            Parsed::Choice("线上".to_owned())
        );
        assert_eq!(
            zh_err(&form(), text("电话会")),
            "填写的是“电话会”，应为以下之一：线上、线下"
        );
        let with_dash = Column {
            ty: ColumnType::Choice(vec!["—".to_owned(), "有".to_owned()]),
            ..form()
        };
        assert_eq!(ok(&with_dash, text("—")), Parsed::Choice("—".to_owned()));
    }
}
