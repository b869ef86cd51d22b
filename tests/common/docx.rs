//! Word documents built in code with docx-rs, as units hand them in: a
//! heading in Word's 标题 1 style, paragraphs, and a small table.

use std::io::Cursor;

use docx_rs::{Docx, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};

/// A .docx: `heading`, then `paragraphs`, then the table 活动|场次 / 应急演练|3.
pub fn document(heading: &str, paragraphs: &[&str]) -> Vec<u8> {
    let mut docx = Docx::new()
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .bold(),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Heading1")
                .add_run(Run::new().add_text(heading)),
        );
    for text in paragraphs {
        docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_text(*text)));
    }
    let cell = |text: &str| {
        TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(text)))
    };
    docx = docx.add_table(Table::new(vec![
        TableRow::new(vec![cell("活动"), cell("场次")]),
        TableRow::new(vec![cell("应急演练"), cell("3")]),
    ]));
    let mut bytes = Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).unwrap();
    bytes.into_inner()
}

/// A paragraph of more than 200 characters naming `unit`, as a 方案 or a
/// 综合情况 reads.
pub fn body(unit: &str) -> String {
    format!(
        "{unit}按照委安全生产月活动方案的部署，围绕“落实安全责任，推动安全发展”的主题，组织开展了专题学习、隐患排查、应急演练和安全宣传等活动。{}",
        "全体干部职工积极参与，各项活动按计划完成，取得了良好效果。".repeat(5)
    )
}

/// `unit`'s 安全生产月活动方案: its title, then [`body`].
pub fn scheme(unit: &str) -> Vec<u8> {
    document(&format!("{unit}安全生产月活动方案"), &[&body(unit)])
}
