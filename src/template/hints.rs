//! What a form tells the person filling it, column by column.
//!
//! The same sentences appear as the input message on a header cell and in the
//! 填表说明 sheet, so they are written once, here.

use crate::definition::{Campaign, Column, ColumnType, RowCount, TableSpec, UnitSelector};
use crate::zh;

/// What to enter in `column`, in one or two plain sentences.
pub fn column_hint(campaign: &Campaign, spec: &TableSpec, column: &Column) -> String {
    if let Some(hint) = &column.hint {
        return hint.clone();
    }
    let mut text = match &column.ty {
        ColumnType::Serial => "序号，按顺序填写即可。".to_owned(),
        ColumnType::Text => "请填写文字。".to_owned(),
        ColumnType::Count => {
            "请填写非负整数（如 12），没有请填 0；不要写“约”“左右”或范围。".to_owned()
        }
        ColumnType::Number => "请填写数字。".to_owned(),
        ColumnType::Date if spec.dates_outside_period => "请填写日期，如 2021-06-05。".to_owned(),
        ColumnType::Date => format!(
            "请填写日期，如 2021-06-05，须在{}至{}之间。",
            zh::date(campaign.start),
            zh::date(campaign.end)
        ),
        ColumnType::Phone => "请填写电话号码，如 022-12345678 或 13800001234。".to_owned(),
        ColumnType::Mobile => "请填写11位手机号码，如 13800001234。".to_owned(),
        ColumnType::Email => "请填写电子邮箱，如 name@example.com。".to_owned(),
        ColumnType::Choice(choices) => format!("请从下拉列表中选择：{}。", choices.join("、")),
        ColumnType::Activity => format!(
            "请从下拉列表中选择对应的活动事项（共{}项）。",
            campaign.activities.len()
        ),
        ColumnType::Bool => "请选择“是”或“否”。".to_owned(),
        ColumnType::Unit => "请从下拉列表中选择单位名称。".to_owned(),
    };
    if let Some(other) = column.at_least {
        text.push_str(&format!("不得早于或小于“{}”。", spec.columns[other].name));
    }
    if let Some(other) = column.at_most {
        text.push_str(&format!("不得大于“{}”。", spec.columns[other].name));
    }
    if column.required {
        text.insert_str(0, "【必填】");
    }
    text
}

/// A row-count rule as one sentence: 各业务室“是否品牌活动”为“是”的行须有1至2行。
pub fn row_count_rule(spec: &TableSpec, rule: &RowCount) -> String {
    let who = match &rule.units {
        UnitSelector::All => "各室、各单位".to_owned(),
        UnitSelector::Business => "各业务室".to_owned(),
        UnitSelector::Named(names) => names.join("、"),
    };
    let how_many = match (rule.min, rule.max) {
        (Some(min), Some(max)) if min == max => format!("{min}行"),
        (Some(min), Some(max)) => format!("{min}至{max}行"),
        (Some(min), None) => format!("至少{min}行"),
        (None, Some(max)) => format!("至多{max}行"),
        (None, None) => "若干行".to_owned(),
    };
    format!(
        "{who}“{}”为“{}”的行须有{how_many}。",
        spec.columns[rule.column].name, rule.value
    )
}
