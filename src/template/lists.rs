//! The hidden 选项 sheet that holds the dropdown lists of a form.
//!
//! Excel caps an inline list at 255 characters, which fourteen unit names
//! already approach, so every list lives on this sheet and the validations
//! refer to its ranges. Readers ignore hidden sheets.

use rust_xlsxwriter::{Worksheet, XlsxError, utility::cell_range_absolute};

use crate::definition::{Campaign, ColumnType, TableSpec};

use crate::layout::LISTS_SHEET as SHEET_NAME;

/// Absolute references to the lists, for `allow_list_formula`.
pub struct Lists {
    pub units: String,
    pub activities: String,
    pub yes_no: String,
    choices: Vec<(String, String)>,
}

impl Lists {
    /// Writes the lists onto `sheet` (one per column) and returns their ranges.
    pub fn write(
        sheet: &mut Worksheet,
        campaign: &Campaign,
        spec: &TableSpec,
    ) -> Result<Lists, XlsxError> {
        sheet.set_name(SHEET_NAME)?.set_hidden(true);
        let units: Vec<&str> = campaign.units.iter().map(|u| u.name.as_str()).collect();
        let activities: Vec<&str> = campaign
            .activities
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        let mut col = 0;
        let mut list = |sheet: &mut Worksheet, items: &[&str]| -> Result<String, XlsxError> {
            for (row, item) in items.iter().enumerate() {
                sheet.write_string(row as u32, col, *item)?;
            }
            let last = items.len().max(1) as u32 - 1;
            let range = format!("='{SHEET_NAME}'!{}", cell_range_absolute(0, col, last, col));
            col += 1;
            Ok(range)
        };
        let units = list(sheet, &units)?;
        let activities = list(sheet, &activities)?;
        let yes_no = list(sheet, &["是", "否"])?;
        let mut choices = Vec::new();
        for column in &spec.columns {
            if let ColumnType::Choice(items) = &column.ty {
                let items: Vec<&str> = items.iter().map(String::as_str).collect();
                choices.push((column.name.clone(), list(sheet, &items)?));
            }
        }
        Ok(Lists {
            units,
            activities,
            yes_no,
            choices,
        })
    }

    pub fn choices_of(&self, column: &str) -> Option<&str> {
        self.choices
            .iter()
            .find(|(name, _)| name == column)
            .map(|(_, range)| range.as_str())
    }
}
