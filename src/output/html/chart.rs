//! The 附件3 totals by activity item as an inline SVG chart: one row per item,
//! one column of bars per metric (开展场次, 参与人次 …), each column scaled to
//! its own largest total, every bar labelled with its value and titled with
//! item, metric and value for screen readers, and a 合计 row.
//!
//! The numbers are the rollup's ([`crate::merge::rollup`] over the same
//! check), so the page never disagrees with 附件3-活动进展情况汇总表. Text is
//! placed by display width, since the page cannot measure it.

use std::fmt::Write as _;

use super::{escape, open_section};
use crate::definition::Role;
use crate::merge::{Progress, rollup};
use crate::output::View;
use crate::read::table::format_number;
use crate::receipt::Receipts;
use crate::status::Status;
use crate::width::display_width;

/// The font size of the chart's text, in pixels; a CJK character is about as wide.
const FONT: usize = 13;
/// The height of one item's row.
const ROW: usize = 26;
/// The height of the header row naming the metrics.
const HEAD: usize = 36;
/// The longest bar; a metric's column also leaves room for its value.
const BAR: f64 = 96.0;
const BAR_HEIGHT: usize = 14;
/// The space between the item labels and the bars, and around a column.
const GAP: usize = 12;

/// The section with the chart; nothing when the campaign has no progress report.
pub(super) fn section(out: &mut String, view: &View) {
    let lang = view.style.lang;
    let Some((report, _)) = view.campaign.role(Role::Progress) else {
        return;
    };
    // Receipt times only date the rollup's detail rows; the totals drawn here
    // come from the check alone.
    let no_receipts = Receipts::default();
    let progress = rollup(view.campaign, &no_receipts, view.check).progress;
    let heading = lang.pick(
        format!("{}：各活动事项合计", report.title),
        format!("{}: totals by activity item", report.title),
    );
    open_section(out, "chart", &heading, Some(&counted(&progress, view)));
    if progress.by_unit.is_empty() {
        out.push_str("</section>\n");
        return;
    }
    svg(out, &progress, view);
    out.push_str("</section>\n");
}

/// `已计入 8 个单位；未计入 6 个（未报 3，有误 3）`
fn counted(progress: &Progress, view: &View) -> String {
    let lang = view.style.lang;
    let counted = progress.by_unit.len();
    let mut text = if counted == 0 {
        lang.pick(
            "尚无可计入汇总的附件3".to_owned(),
            "No 附件3 can be counted yet".to_owned(),
        )
    } else {
        lang.pick(
            format!("已计入 {counted} 个单位"),
            format!("{counted} units counted"),
        )
    };
    if progress.excluded.is_empty() {
        return text;
    }
    let by_status: Vec<String> = Status::ALL
        .into_iter()
        .filter_map(|status| {
            let n = progress
                .excluded
                .iter()
                .filter(|e| e.status == status)
                .count();
            (n > 0).then(|| format!("{} {n}", status.label(lang)))
        })
        .collect();
    let excluded = progress.excluded.len();
    text.push_str(&lang.pick(
        format!("；未计入 {excluded} 个（{}）", by_status.join("，")),
        format!("; {excluded} not counted ({})", by_status.join(", ")),
    ));
    text
}

/// The chart itself: labels, stripes, one bar per item and metric, the totals.
fn svg(out: &mut String, progress: &Progress, view: &View) {
    let lang = view.style.lang;
    let total_label = lang.pick("合计", "Total");
    let labels: Vec<String> = progress
        .by_item
        .iter()
        .map(|item| format!("{} {}", item.no, item.activity))
        .collect();
    let label_width = labels
        .iter()
        .map(|l| display_width(l))
        .chain([display_width(total_label)])
        .max()
        .unwrap_or(0)
        * FONT
        / 2
        + GAP;
    let value_width = progress
        .total
        .iter()
        .map(|v| format_number(*v).len())
        .max()
        .unwrap_or(1)
        * FONT
        * 2
        / 3;
    let column = progress
        .headers
        .iter()
        .map(|h| display_width(h) * FONT / 2)
        .max()
        .unwrap_or(0)
        .max(BAR as usize + value_width)
        + 2 * GAP;
    let rows = progress.by_item.len();
    let width = label_width + column * progress.headers.len();
    let height = HEAD + ROW * (rows + 1) + GAP;

    let title = lang.pick("各活动事项合计", "Totals by activity item");
    let _ = writeln!(
        out,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-labelledby=\"chart-title chart-desc\">\n<title id=\"chart-title\">{}</title>\n<desc id=\"chart-desc\">{}</desc>",
        escape(title),
        escape(&lang.pick(
            format!(
                "每行一个活动事项，每列一项指标：{}",
                progress.headers.join("、")
            ),
            format!(
                "One row per activity item, one column per metric: {}",
                progress.headers.join(", ")
            ),
        )),
    );
    for (k, header) in progress.headers.iter().enumerate() {
        let _ = writeln!(
            out,
            "<text class=\"metric\" x=\"{}\" y=\"{}\">{}</text>",
            label_width + k * column + GAP,
            HEAD - GAP,
            escape(header),
        );
    }
    let maxima: Vec<f64> = (0..progress.headers.len())
        .map(|k| {
            progress
                .by_item
                .iter()
                .map(|item| item.values[k])
                .fold(0.0, f64::max)
        })
        .collect();
    for (r, (item, label)) in progress.by_item.iter().zip(&labels).enumerate() {
        let top = HEAD + r * ROW;
        let _ = writeln!(
            out,
            "<g class=\"item\" data-item=\"{}\">{}<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            item.no,
            stripe(r, top, width),
            label_width - GAP,
            baseline(top),
            escape(label),
        );
        for (k, value) in item.values.iter().enumerate() {
            let x = label_width + k * column + GAP;
            let length = if maxima[k] > 0.0 {
                BAR * value / maxima[k]
            } else {
                0.0
            };
            let shown = format_number(*value);
            let _ = writeln!(
                out,
                "<g class=\"bar\" data-metric=\"{}\" data-value=\"{shown}\"><title>{}</title><rect x=\"{x}\" y=\"{}\" width=\"{length:.1}\" height=\"{BAR_HEIGHT}\"/><text x=\"{:.1}\" y=\"{}\">{shown}</text></g>",
                escape(&progress.columns[k]),
                escape(&lang.pick(
                    format!("{label} · {}：{shown}", progress.headers[k]),
                    format!("{label} · {}: {shown}", progress.headers[k]),
                )),
                top + (ROW - BAR_HEIGHT) / 2,
                x as f64 + length + 4.0,
                baseline(top),
            );
        }
        out.push_str("</g>\n");
    }
    let top = HEAD + rows * ROW;
    let _ = write!(
        out,
        "<g class=\"total\"><line x1=\"0\" y1=\"{top}\" x2=\"{width}\" y2=\"{top}\"/><text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
        label_width - GAP,
        baseline(top),
        escape(total_label),
    );
    for (k, value) in progress.total.iter().enumerate() {
        let _ = write!(
            out,
            "<text data-metric=\"{}\" x=\"{}\" y=\"{}\">{}</text>",
            escape(&progress.columns[k]),
            label_width + k * column + GAP,
            baseline(top),
            format_number(*value),
        );
    }
    out.push_str("</g>\n</svg>\n");
}

/// A light band behind every other row, to read across.
fn stripe(row: usize, top: usize, width: usize) -> String {
    if row % 2 == 1 {
        return String::new();
    }
    format!("<rect class=\"stripe\" x=\"0\" y=\"{top}\" width=\"{width}\" height=\"{ROW}\"/>")
}

/// Where text sits in a row starting at `top`: centred on the bar.
fn baseline(top: usize) -> usize {
    top + ROW / 2 + FONT * 2 / 5
}
