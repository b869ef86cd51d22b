//! The cell formats of a blank form, made once per workbook.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// Song typeface, the usual body face of government forms; viewers without it substitute a CJK serif.
const BODY_FONT: &str = "宋体";
/// Hei typeface for the title, as printed notices do.
const TITLE_FONT: &str = "黑体";
const HEADER_FILL: Color = Color::RGB(0xD9E1F2);
const FIXED_FILL: Color = Color::RGB(0xF2F2F2);

pub struct Styles {
    pub title: Format,
    pub meta_label: Format,
    pub meta_value: Format,
    pub meta_date: Format,
    pub header: Format,
    /// An input cell.
    pub cell: Format,
    /// An input cell kept as text, so that long digit strings keep every digit.
    pub cell_text: Format,
    pub cell_date: Format,
    pub cell_count: Format,
    /// A cell the form fills in advance (序号, 活动事项).
    pub fixed: Format,
    pub total_label: Format,
    pub total: Format,
    pub guide_title: Format,
    pub guide_text: Format,
    pub guide_header: Format,
    pub guide_cell: Format,
}

/// How dates are shown on every form.
pub const DATE_FORMAT: &str = "yyyy\"年\"m\"月\"d\"日\"";

impl Default for Styles {
    fn default() -> Styles {
        let body = Format::new().set_font_name(BODY_FONT).set_font_size(11);
        let boxed = body
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Styles {
            title: Format::new()
                .set_font_name(TITLE_FONT)
                .set_font_size(16)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            meta_label: body
                .clone()
                .set_bold()
                .set_align(FormatAlign::Right)
                .set_align(FormatAlign::VerticalCenter),
            meta_value: body
                .clone()
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter),
            meta_date: body
                .clone()
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter)
                .set_num_format(DATE_FORMAT),
            header: boxed
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(HEADER_FILL),
            cell: boxed.clone(),
            cell_text: boxed.clone().set_num_format("@"),
            cell_date: boxed
                .clone()
                .set_num_format(DATE_FORMAT)
                .set_align(FormatAlign::Center),
            cell_count: boxed
                .clone()
                .set_num_format("0")
                .set_align(FormatAlign::Right),
            fixed: boxed
                .clone()
                .set_background_color(FIXED_FILL)
                .set_align(FormatAlign::Center),
            total_label: boxed
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(FIXED_FILL),
            total: boxed
                .clone()
                .set_bold()
                .set_num_format("0")
                .set_background_color(FIXED_FILL),
            guide_title: Format::new()
                .set_font_name(TITLE_FONT)
                .set_font_size(14)
                .set_bold(),
            guide_text: body.clone().set_text_wrap().set_align(FormatAlign::Top),
            guide_header: boxed.clone().set_bold().set_background_color(HEADER_FILL),
            guide_cell: boxed.set_align(FormatAlign::Top),
        }
    }
}
