//! The 填表说明 sheet: deadline, how to submit, and what each column takes.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::TEMPLATE_VERSION;
use super::hints::{column_hint, row_count_rule};
use super::style::Styles;
use crate::definition::{Campaign, Due, Report, Rows, TableSpec};
use crate::zh;

use crate::layout::GUIDE_SHEET as SHEET_NAME;

/// The deadline as a notice states it: 2021年6月3日（星期四）前 / 2021年6月28日（星期一）17:00前.
pub fn deadline_text(campaign: &Campaign, due: Due) -> String {
    match due {
        Due::EndOfDay(day) => format!("{}前", zh::date_with_weekday(day)),
        Due::At(instant) => {
            let local = instant.with_timezone(&campaign.timezone);
            format!(
                "{}{}前",
                zh::date_with_weekday(local.date_naive()),
                local.format("%H:%M")
            )
        }
    }
}

/// The numbered instructions of a form, in the order they are printed.
pub fn instructions(campaign: &Campaign, report: &Report, spec: &TableSpec) -> Vec<String> {
    let office = if campaign.office.is_empty() {
        "活动办公室"
    } else {
        &campaign.office
    };
    let mut lines = Vec::new();
    if let Some(due) = report.due {
        lines.push(format!(
            "报送时间：请于{}报送。",
            deadline_text(campaign, due)
        ));
    }
    lines.push(format!(
        "报送方式：本表由各室、各单位填写，填好后报送{office}（或放入共享文件夹“submissions/本单位名称/”下）。"
    ));
    lines.push(
        "请在第2行“填报单位”处从下拉列表中选择本单位名称，并填写填报人、联系电话和填报日期。"
            .to_owned(),
    );
    lines.push("请勿修改标题和表头，勿增删列或调整列的顺序，勿改动本说明页。".to_owned());
    match spec.rows {
        Rows::Activities => lines.push(format!(
            "{}项活动事项已预先列出，请勿增删或调换行；“合计”行自动求和，无需填写。",
            campaign.activities.len()
        )),
        Rows::Free => lines.push(match (spec.min_rows, spec.max_rows) {
            (Some(min), Some(max)) => format!("本表填写{min}至{max}行。"),
            _ => "每项内容填写一行，行数不够时可在表格下方接着填写。".to_owned(),
        }),
    }
    for column in &spec.columns {
        if let Some(other) = column.at_least {
            lines.push(format!(
                "每一行的“{}”不得早于或小于“{}”。",
                column.header(),
                spec.columns[other].header()
            ));
        }
        if let Some(other) = column.at_most {
            lines.push(format!(
                "每一行的“{}”不得大于“{}”。",
                column.header(),
                spec.columns[other].header()
            ));
        }
    }
    lines.extend(
        spec.row_counts
            .iter()
            .map(|rule| row_count_rule(spec, rule)),
    );
    lines.extend(spec.notes.iter().cloned());
    lines
}

pub fn write(
    sheet: &mut Worksheet,
    campaign: &Campaign,
    report: &Report,
    spec: &TableSpec,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_NAME)?;
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 72)?;
    sheet.set_column_width(2, 10)?;
    sheet.write_string_with_format(0, 0, SHEET_NAME, &styles.guide_title)?;
    sheet.set_row_height(0, 28)?;
    sheet.merge_range(
        1,
        0,
        1,
        2,
        &format!("{}　{}", campaign.name, report.title),
        &styles.guide_text,
    )?;

    let mut row = 3;
    for (i, line) in instructions(campaign, report, spec).iter().enumerate() {
        let text = format!("{}. {line}", i + 1);
        sheet.merge_range(row, 0, row, 2, &text, &styles.guide_text)?;
        let lines = crate::width::wrapped_lines(&text, 104.0);
        sheet.set_row_height(row, 18.0 * lines as f64 + 4.0)?;
        row += 1;
    }

    row += 1;
    for (col, title) in ["栏目", "填写要求", "是否必填"].iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *title, &styles.guide_header)?;
    }
    for column in &spec.columns {
        row += 1;
        let hint = column_hint(campaign, spec, column);
        let hint = hint.trim_start_matches("【必填】");
        sheet.write_string_with_format(row, 0, column.header(), &styles.guide_cell)?;
        sheet.write_string_with_format(row, 1, hint, &styles.guide_cell)?;
        sheet.write_string_with_format(
            row,
            2,
            if column.required { "必填" } else { "选填" },
            &styles.guide_cell,
        )?;
        let lines = crate::width::wrapped_lines(hint, 72.0);
        sheet.set_row_height(row, 18.0 * lines as f64 + 4.0)?;
    }

    row += 2;
    sheet.merge_range(
        row,
        0,
        row,
        2,
        &format!("模板版本 {TEMPLATE_VERSION}，由 campaign 根据活动定义（campaign.toml）生成。"),
        &styles.guide_text,
    )?;
    sheet.set_paper_size(9).set_print_fit_to_pages(1, 0);
    Ok(())
}
