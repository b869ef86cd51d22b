//! The sheet a unit fills in: title, metadata row, header, data rows, totals.

use chrono::Datelike;
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Formula, Worksheet, XlsxError, utility::row_col_to_cell,
};

use super::hints::column_hint;
use super::lists::Lists;
use super::style::Styles;
use crate::definition::{Campaign, Column, ColumnType, Report, Rows, TableSpec};
use crate::width::{column_width, display_width, wrapped_lines};

/// The labels of the metadata row, in order (SPEC §2).
pub const METADATA_LABELS: [&str; 4] = ["填报单位：", "填报人：", "联系电话：", "填报日期："];

/// Where the parts of a form sit (0-based rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub title_row: u32,
    pub metadata_row: u32,
    pub header_row: u32,
    pub first_data_row: u32,
    /// Rows printed with borders for the unit to fill (or pre-filled, one per activity).
    pub data_rows: u32,
    /// The 合计 row, for tables with one row per activity.
    pub total_row: Option<u32>,
    /// Where the four label/input pairs of the metadata row sit.
    pub metadata: [MetaCell; 4],
}

/// Rows of a free table that keep their validation when a unit adds rows below the printed ones.
const VALIDATED_ROWS: u32 = 500;
/// Blank rows printed on a free table that does not cap its rows.
const DEFAULT_BLANK_ROWS: u32 = 10;

pub struct Form<'a> {
    pub campaign: &'a Campaign,
    pub report: &'a Report,
    pub spec: &'a TableSpec,
    pub styles: &'a Styles,
    pub lists: &'a Lists,
}

impl Form<'_> {
    /// Column widths (the metadata labels included) and where the metadata pairs sit.
    fn columns(&self) -> (Vec<f64>, [MetaCell; 4]) {
        let mut widths: Vec<f64> = self.spec.columns.iter().map(|c| self.width(c)).collect();
        let metadata = place_metadata(&mut widths, self.unit_name_width());
        (widths, metadata)
    }

    pub fn layout(&self) -> Layout {
        let first_data_row = 3;
        let (data_rows, total_row) = match self.spec.rows {
            Rows::Activities => {
                let n = self.campaign.activities.len() as u32;
                (n, Some(first_data_row + n))
            }
            Rows::Free => (self.spec.max_rows.unwrap_or(DEFAULT_BLANK_ROWS), None),
        };
        Layout {
            title_row: 0,
            metadata_row: 1,
            header_row: 2,
            first_data_row,
            data_rows,
            total_row,
            metadata: self.columns().1,
        }
    }

    pub fn write(&self, sheet: &mut Worksheet) -> Result<Layout, XlsxError> {
        let layout = self.layout();
        let (widths, metadata) = self.columns();
        let last_col = (widths.len() - 1) as u16;
        for (col, width) in widths.iter().enumerate() {
            sheet.set_column_width(col as u16, *width)?;
        }

        sheet.set_row_height(layout.title_row, 36)?;
        sheet.merge_range(
            layout.title_row,
            0,
            layout.title_row,
            last_col,
            &self.report.heading,
            &self.styles.title,
        )?;
        self.write_metadata(sheet, layout.metadata_row, &metadata)?;
        self.write_header(sheet, layout.header_row, &widths)?;
        self.write_rows(sheet, &layout)?;
        self.add_validations(sheet, &layout)?;

        sheet.set_freeze_panes(layout.first_data_row, 0)?;
        crate::xlsx::print_setup(sheet, layout.header_row)?;
        Ok(layout)
    }

    fn width(&self, column: &Column) -> f64 {
        if let Some(width) = column.width {
            return width;
        }
        let header = column.header();
        let samples: Vec<String> = match &column.ty {
            ColumnType::Serial | ColumnType::Count | ColumnType::Number | ColumnType::Bool => {
                vec![]
            }
            ColumnType::Text => vec!["一二三四五六七八".into()],
            ColumnType::Date => vec!["2021年12月30日".into()],
            ColumnType::Phone => vec!["022-12345678".into()],
            ColumnType::Mobile => vec!["138 0000 1234".into()],
            ColumnType::Email => vec!["someone@example.com".into()],
            ColumnType::Choice(choices) => choices.clone(),
            ColumnType::Activity => self
                .campaign
                .activities
                .iter()
                .map(|a| a.name.clone())
                .collect(),
            ColumnType::Unit => self.campaign.units.iter().map(|u| u.name.clone()).collect(),
        };
        column_width(std::iter::once(header.as_str()).chain(samples.iter().map(String::as_str)))
    }

    fn unit_name_width(&self) -> f64 {
        column_width(self.campaign.units.iter().map(|u| u.name.as_str()))
    }

    fn write_metadata(
        &self,
        sheet: &mut Worksheet,
        row: u32,
        cells: &[MetaCell; 4],
    ) -> Result<(), XlsxError> {
        sheet.set_row_height(row, 24)?;
        for (i, cell) in cells.iter().enumerate() {
            sheet.write_string_with_format(
                row,
                cell.label,
                METADATA_LABELS[i],
                &self.styles.meta_label,
            )?;
            let format = if i == 3 {
                &self.styles.meta_date
            } else {
                &self.styles.meta_value
            };
            if cell.first == cell.last {
                sheet.write_blank(row, cell.first, format)?;
            } else {
                sheet.merge_range(row, cell.first, row, cell.last, "", format)?;
            }
        }
        let unit = &cells[0];
        let choose_unit = DataValidation::new()
            .allow_list_formula(Formula::new(&self.lists.units))
            .set_input_title("填报单位")?
            .set_input_message("请从下拉列表中选择本单位名称。")?
            .set_error_title("单位名称有误")?
            .set_error_message("请从下拉列表中选择本单位名称。")?;
        sheet.add_data_validation(row, unit.first, row, unit.first, &choose_unit)?;
        let date = &cells[3];
        let year = self.campaign.start.year();
        let fill_date = DataValidation::new()
            .allow_date_formula(DataValidationRule::Between(
                Formula::new(format!("DATE({year},1,1)")),
                Formula::new(format!("DATE({},12,31)", self.campaign.end.year())),
            ))
            .set_input_title("填报日期")?
            .set_input_message("请填写填报日期，如 2021-06-05。")?
            .set_error_title("日期有误")?
            .set_error_message("请填写正确的日期，如 2021-06-05。")?;
        sheet.add_data_validation(row, date.first, row, date.first, &fill_date)?;
        Ok(())
    }

    fn write_header(
        &self,
        sheet: &mut Worksheet,
        row: u32,
        widths: &[f64],
    ) -> Result<(), XlsxError> {
        let mut lines = 1;
        for (col, column) in self.spec.columns.iter().enumerate() {
            let header = column.header();
            lines = lines.max(wrapped_lines(&header, widths[col]));
            sheet.write_string_with_format(row, col as u16, &header, &self.styles.header)?;
            let message = DataValidation::new()
                .allow_any_value()
                .set_input_title(input_title(&header))?
                .set_input_message(column_hint(self.campaign, self.spec, column))?;
            sheet.add_data_validation(row, col as u16, row, col as u16, &message)?;
        }
        sheet.set_row_height(row, 18.0 * lines as f64 + 8.0)?;
        Ok(())
    }

    fn write_rows(&self, sheet: &mut Worksheet, layout: &Layout) -> Result<(), XlsxError> {
        for i in 0..layout.data_rows {
            let row = layout.first_data_row + i;
            sheet.set_row_height(row, 22)?;
            for (col, column) in self.spec.columns.iter().enumerate() {
                let col = col as u16;
                match (&column.ty, self.spec.rows) {
                    (ColumnType::Serial, Rows::Activities) => {
                        let no = self.campaign.activities[i as usize].no;
                        sheet.write_number_with_format(row, col, no, &self.styles.fixed)?;
                    }
                    (ColumnType::Activity, Rows::Activities) => {
                        let name = &self.campaign.activities[i as usize].name;
                        sheet.write_string_with_format(row, col, name, &self.styles.fixed)?;
                    }
                    (ColumnType::Serial, Rows::Free) => {
                        sheet.write_number_with_format(row, col, i + 1, &self.styles.fixed)?;
                    }
                    (ty, _) => {
                        sheet.write_blank(row, col, self.input_format(ty))?;
                    }
                }
            }
        }
        if let Some(total_row) = layout.total_row {
            self.write_totals(sheet, layout, total_row)?;
        }
        Ok(())
    }

    fn input_format(&self, ty: &ColumnType) -> &rust_xlsxwriter::Format {
        match ty {
            ColumnType::Phone | ColumnType::Mobile => &self.styles.cell_text,
            ColumnType::Date => &self.styles.cell_date,
            ColumnType::Count => &self.styles.cell_count,
            _ => &self.styles.cell,
        }
    }

    /// The 合计 row: SUM formulas over the activity rows, so the form adds up as it is filled.
    fn write_totals(
        &self,
        sheet: &mut Worksheet,
        layout: &Layout,
        row: u32,
    ) -> Result<(), XlsxError> {
        let columns = &self.spec.columns;
        let first_numeric = columns
            .iter()
            .position(|c| c.ty.is_numeric())
            .unwrap_or(columns.len());
        let label_last = first_numeric.saturating_sub(1) as u16;
        sheet.set_row_height(row, 22)?;
        if label_last > 0 {
            sheet.merge_range(row, 0, row, label_last, "合计", &self.styles.total_label)?;
        } else {
            sheet.write_string_with_format(row, 0, "合计", &self.styles.total_label)?;
        }
        let last_data = layout.first_data_row + layout.data_rows - 1;
        for (col, column) in columns.iter().enumerate().skip(label_last as usize + 1) {
            let col = col as u16;
            if column.ty.is_numeric() {
                let range = format!(
                    "{}:{}",
                    row_col_to_cell(layout.first_data_row, col),
                    row_col_to_cell(last_data, col)
                );
                let sum = Formula::new(format!("SUM({range})")).set_result("0");
                sheet.write_formula_with_format(row, col, sum, &self.styles.total)?;
            } else {
                sheet.write_blank(row, col, &self.styles.total_label)?;
            }
        }
        Ok(())
    }

    fn add_validations(&self, sheet: &mut Worksheet, layout: &Layout) -> Result<(), XlsxError> {
        let first = layout.first_data_row;
        let last = match self.spec.rows {
            Rows::Activities => first + layout.data_rows - 1,
            Rows::Free => first + self.spec.max_rows.unwrap_or(VALIDATED_ROWS) - 1,
        };
        for (col, column) in self.spec.columns.iter().enumerate() {
            let prefilled = self.spec.rows == Rows::Activities
                && matches!(column.ty, ColumnType::Serial | ColumnType::Activity);
            if prefilled {
                continue;
            }
            if let Some(validation) = self.validation(col, first)? {
                let header = column.header();
                let validation = validation
                    .set_input_title(input_title(&header))?
                    .set_input_message(column_hint(self.campaign, self.spec, column))?;
                sheet.add_data_validation(first, col as u16, last, col as u16, &validation)?;
            }
        }
        Ok(())
    }

    /// The data validation of one column, written for its first data row
    /// (Excel shifts relative references down the range).
    fn validation(&self, col: usize, row: u32) -> Result<Option<DataValidation>, XlsxError> {
        let column = &self.spec.columns[col];
        let cell_of = |index: usize| row_col_to_cell(row, index as u16);
        let (start, end) = (self.campaign.start, self.campaign.end);
        let excel_date =
            |d: chrono::NaiveDate| format!("DATE({},{},{})", d.year(), d.month(), d.day());
        let within_period = !self.spec.dates_outside_period;
        let (mut lower, mut upper): (Option<String>, Option<String>) = match column.ty {
            ColumnType::Count => (Some("0".into()), None),
            ColumnType::Date if within_period => (Some(excel_date(start)), Some(excel_date(end))),
            _ => (None, None),
        };
        if let Some(other) = column.at_least {
            lower = Some(match lower {
                Some(bound) => format!("MAX({bound},{})", cell_of(other)),
                None => cell_of(other),
            });
        }
        if let Some(other) = column.at_most {
            upper = Some(match upper {
                Some(bound) => format!("MIN({bound},{})", cell_of(other)),
                None => cell_of(other),
            });
        }
        let rule = match (lower, upper) {
            (Some(l), Some(u)) => Some(DataValidationRule::Between(
                Formula::new(l),
                Formula::new(u),
            )),
            (Some(l), None) => Some(DataValidationRule::GreaterThanOrEqualTo(Formula::new(l))),
            (None, Some(u)) => Some(DataValidationRule::LessThanOrEqualTo(Formula::new(u))),
            (None, None) => None,
        };
        let here = cell_of(
            self.spec
                .columns
                .iter()
                .position(|c| c == column)
                .unwrap_or(0),
        );
        let (validation, error) = match (&column.ty, rule) {
            (ColumnType::Count, Some(rule)) => (
                DataValidation::new().allow_whole_number_formula(rule),
                "请填写非负整数（如 12），没有请填 0。".to_owned(),
            ),
            (ColumnType::Number, rule) => (
                match rule {
                    Some(rule) => DataValidation::new().allow_decimal_number_formula(rule),
                    None => DataValidation::new()
                        .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15)),
                },
                "请填写数字。".to_owned(),
            ),
            (ColumnType::Date, Some(rule)) => (
                DataValidation::new().allow_date_formula(rule),
                "请填写正确的日期，如 2021-06-05；注意日期范围和先后顺序。".to_owned(),
            ),
            (ColumnType::Mobile, _) => (
                DataValidation::new().allow_text_length(DataValidationRule::EqualTo(11)),
                "手机号码应为11位数字。".to_owned(),
            ),
            (ColumnType::Email, _) => (
                DataValidation::new()
                    .allow_custom(Formula::new(format!("ISNUMBER(FIND(\"@\",{here}))"))),
                "请填写正确的电子邮箱，如 name@example.com。".to_owned(),
            ),
            (ColumnType::Bool, _) => (
                DataValidation::new().allow_list_formula(Formula::new(&self.lists.yes_no)),
                "请选择“是”或“否”。".to_owned(),
            ),
            (ColumnType::Activity, _) => (
                DataValidation::new().allow_list_formula(Formula::new(&self.lists.activities)),
                "请从下拉列表中选择活动事项。".to_owned(),
            ),
            (ColumnType::Unit, _) => (
                DataValidation::new().allow_list_formula(Formula::new(&self.lists.units)),
                "请从下拉列表中选择单位名称。".to_owned(),
            ),
            (ColumnType::Choice(_), _) => match self.lists.choices_of(&column.name) {
                Some(range) => (
                    DataValidation::new().allow_list_formula(Formula::new(range)),
                    "请从下拉列表中选择。".to_owned(),
                ),
                None => return Ok(None),
            },
            (ColumnType::Serial | ColumnType::Text | ColumnType::Phone, _) => {
                (DataValidation::new().allow_any_value(), String::new())
            }
            (ColumnType::Count | ColumnType::Date, None) => {
                (DataValidation::new().allow_any_value(), String::new())
            }
        };
        if error.is_empty() {
            return Ok(Some(validation));
        }
        Ok(Some(
            validation
                .set_error_title("填写有误")?
                .set_error_message(error)?,
        ))
    }
}

/// Where one label and its input cell sit on the metadata row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetaCell {
    pub label: u16,
    pub first: u16,
    pub last: u16,
}

/// Lays the four label/input pairs along the table's columns, widening label
/// columns to fit their labels and giving each input enough room; the last
/// input takes whatever columns remain. Columns beyond the table are added
/// when the table is too narrow.
fn place_metadata(widths: &mut Vec<f64>, unit_width: f64) -> [MetaCell; 4] {
    let wanted = [unit_width.max(16.0), 10.0, 14.0, 14.0];
    let table_columns = widths.len();
    let mut col = 0usize;
    let mut cells = [MetaCell {
        label: 0,
        first: 0,
        last: 0,
    }; 4];
    for (i, label) in METADATA_LABELS.iter().enumerate() {
        if col >= widths.len() {
            widths.push(10.0);
        }
        widths[col] = widths[col].max(display_width(label) as f64 + 1.0);
        let label_col = col;
        col += 1;
        let first = col;
        let mut room = 0.0;
        while room < wanted[i] {
            if col >= widths.len() {
                widths.push(10.0);
            }
            room += widths[col];
            col += 1;
        }
        let last = if i == 3 {
            (col - 1).max(table_columns - 1)
        } else {
            col - 1
        };
        cells[i] = MetaCell {
            label: label_col as u16,
            first: first as u16,
            last: last as u16,
        };
    }
    cells
}

/// Excel caps an input title at 32 UTF-16 units.
fn input_title(header: &str) -> String {
    header.chars().take(30).collect()
}
