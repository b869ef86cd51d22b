//! Columns of the default campaign and shorthands the tests of every column type share.

use std::sync::LazyLock;

use chrono::NaiveDate;

use super::*;
use crate::definition::DEFAULT_TOML;
use crate::lang::Lang;

pub(super) static CAMPAIGN: LazyLock<Campaign> =
    LazyLock::new(|| Campaign::parse(DEFAULT_TOML).expect("the default campaign is valid"));

pub(super) fn column(report: &str, name: &str) -> Column {
    CAMPAIGN
        .report(report)
        .and_then(|r| r.table())
        .and_then(|spec| spec.column(name))
        .unwrap_or_else(|| panic!("{report} has a column {name}"))
        .clone()
}

pub(super) fn read_in(
    campaign: &Campaign,
    column: &Column,
    value: Value,
) -> Result<Option<Parsed>, ValueError> {
    let ctx = Context {
        campaign,
        dates_outside_period: false,
    };
    parse(Some(&value), column, &ctx)
}

pub(super) fn read(column: &Column, value: Value) -> Result<Option<Parsed>, ValueError> {
    read_in(&CAMPAIGN, column, value)
}

pub(super) fn ok(column: &Column, value: Value) -> Parsed {
    match read(column, value.clone()) {
        Ok(Some(parsed)) => parsed,
        other => panic!("{value:?} in {}: {other:?}", column.name),
    }
}

pub(super) fn err(column: &Column, value: Value) -> ValueError {
    match read(column, value.clone()) {
        Err(error) => error,
        other => panic!(
            "{value:?} in {}: expected an error, got {other:?}",
            column.name
        ),
    }
}

pub(super) fn zh_err(column: &Column, value: Value) -> String {
    err(column, value).render(Lang::Zh)
}

pub(super) fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

pub(super) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(super) fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Value {
    Value::DateTime(day(y, m, d).and_hms_opt(h, min, 0).unwrap())
}

pub(super) fn sessions() -> Column {
    column("progress", "开展场次")
}

/// The 开展场次（场） column read as a number rather than a count.
pub(super) fn amount() -> Column {
    Column {
        ty: ColumnType::Number,
        ..sessions()
    }
}

pub(super) fn start_date() -> Column {
    column("plan", "计划开始日期")
}

pub(super) fn mobile_column() -> Column {
    column("liaison", "手机号码")
}

pub(super) fn phone_column() -> Column {
    column("plan", "联系电话")
}

pub(super) fn item() -> Column {
    column("plan", "对应活动事项")
}

pub(super) fn brand() -> Column {
    column("plan", "是否品牌活动")
}

pub(super) fn form() -> Column {
    Column {
        ty: ColumnType::Choice(vec!["线上".to_owned(), "线下".to_owned()]),
        ..column("plan", "活动形式")
    }
}

/// A campaign from 2021-12-01 to 2022-01-31: a month and day alone name no year.
pub(super) fn across_new_year() -> Campaign {
    let mut campaign = CAMPAIGN.clone();
    campaign.start = day(2021, 12, 1);
    campaign.end = day(2022, 1, 31);
    campaign
}
