//! The terminal table (the default format): the title, the unit × report
//! matrix aligned by display width, the summary, a note when the instant
//! judged is older than the contents read, the problems by file, the files
//! moved since they arrived, the unassigned files, the receipt ledger's
//! problems and the chase list (催报名单).
//!
//! Colour is ANSI SGR only when [`Style::color`](super::Style) is set; without
//! it the output holds no escape code at all.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use super::{Matrix, Reporter, Span, Tone, View};
use crate::lang::Lang;
use crate::layout::LEDGER_PATH;
use crate::read::problem::Severity;
use crate::status::Judgement;
use crate::width::display_width;

pub(crate) struct Table;

/// Between two matrix columns.
const GAP: &str = "  ";

impl Reporter for Table {
    fn render(&self, view: &View) -> String {
        let paint = Paint(view.style.color);
        let lang = view.style.lang;
        let mut out = String::new();
        let _ = writeln!(out, "{}\n", paint.bold(&super::heading(view)));

        let matrix = Matrix::new(view);
        matrix_lines(&mut out, &matrix, lang, paint);
        if let Some(legend) = matrix.legend(view) {
            let _ = writeln!(out, "{}", paint.dim(&legend));
        }
        let _ = writeln!(out, "{}", paint.spans(&super::summary(view.check, lang)));
        if let Some(note) = super::later_change_note(view) {
            let _ = writeln!(out, "{}", paint.tone(&note, Tone::Warn));
        }

        problems(&mut out, view, paint);
        let moved = lang.pick("移动过的文件", "Moved files");
        section(&mut out, moved, &super::moves(view), view, paint);
        unassigned(&mut out, view, paint);
        let ledger = lang.pick(
            format!("收件登记 {LEDGER_PATH} 的问题"),
            format!("Problems of the receipt ledger {LEDGER_PATH}"),
        );
        section(&mut out, &ledger, &super::ledger_lines(view), view, paint);
        let history = super::history_heading(lang);
        section(&mut out, history, &super::history_lines(view), view, paint);
        let substitutes = super::substitute_heading(lang);
        section(
            &mut out,
            substitutes,
            &super::substitute_lines(view),
            view,
            paint,
        );
        chase(&mut out, view, paint);
        out
    }
}

/// The matrix, every line padded to the same display width.
fn matrix_lines(out: &mut String, matrix: &Matrix, lang: Lang, paint: Paint) {
    let unit_header = lang.pick("单位", "Unit");
    let unit_width = matrix
        .rows
        .iter()
        .map(|row| display_width(&row.unit))
        .chain([display_width(unit_header)])
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = matrix
        .headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            matrix
                .rows
                .iter()
                .map(|row| display_width(&super::plain(&row.cells[i])))
                .chain([display_width(header)])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mark_width = display_width(super::FLAGGED);

    let mut header = format!("{} ", " ".repeat(mark_width));
    header.push_str(&pad(unit_header, unit_width));
    for (text, width) in matrix.headers.iter().zip(&widths) {
        header.push_str(GAP);
        header.push_str(&pad(text, *width));
    }
    let _ = writeln!(out, "{}", paint.bold(&header));

    for row in &matrix.rows {
        let mark = if row.flagged {
            paint.tone(super::FLAGGED, Tone::Bad)
        } else {
            " ".repeat(mark_width)
        };
        let _ = write!(out, "{mark} {}", pad(&row.unit, unit_width));
        for (cell, width) in row.cells.iter().zip(&widths) {
            let filler = width - display_width(&super::plain(cell));
            let _ = write!(out, "{GAP}{}{}", paint.spans(cell), " ".repeat(filler));
        }
        out.push('\n');
    }
}

/// The problems of every file that counts, grouped by file.
fn problems(out: &mut String, view: &View, paint: Paint) {
    let lang = view.style.lang;
    let groups = super::by_file(&view.check.problems);
    if groups.is_empty() {
        return;
    }
    let heading = lang.pick(
        format!("问题（{} 个文件）", groups.len()),
        format!("Problems ({} files)", groups.len()),
    );
    let _ = writeln!(out, "\n{}", paint.bold(&heading));
    for (file, problems) in groups {
        let _ = writeln!(out, "{file}");
        for problem in problems {
            let tone = match problem.severity {
                Severity::Error => Tone::Bad,
                Severity::Warning => Tone::Warn,
            };
            let severity = paint.tone(problem.severity.label(lang), tone);
            let _ = writeln!(out, "  {severity} {}", problem.text(lang));
        }
    }
}

/// A heading with its count, then one line per item; nothing when there is none.
fn section(out: &mut String, heading: &str, lines: &[String], view: &View, paint: Paint) {
    if lines.is_empty() {
        return;
    }
    let n = lines.len();
    let heading = view
        .style
        .lang
        .pick(format!("{heading}（{n}）"), format!("{heading} ({n})"));
    let _ = writeln!(out, "\n{}", paint.bold(&heading));
    for line in lines {
        let _ = writeln!(out, "  {line}");
    }
}

/// Files that count for no unit and report, each with the reason.
fn unassigned(out: &mut String, view: &View, paint: Paint) {
    let lang = view.style.lang;
    let files = &view.check.unassigned;
    if files.is_empty() {
        return;
    }
    let heading = lang.pick(
        format!("未归属文件（{} 个）", files.len()),
        format!("Unassigned files ({})", files.len()),
    );
    let _ = writeln!(out, "\n{}", paint.bold(&heading));
    for problem in files {
        let _ = writeln!(out, "{}\n  {}", problem.file, problem.message(lang));
    }
}

/// 催报名单: per unit, what it owes and whom to call.
fn chase(out: &mut String, view: &View, paint: Paint) {
    let lang = view.style.lang;
    if view.check.chase.is_empty() {
        return;
    }
    let heading = lang.pick(
        format!("催报名单（{} 个单位）", view.check.chase.len()),
        format!("To chase ({} units)", view.check.chase.len()),
    );
    let _ = writeln!(out, "\n{}", paint.bold(&heading));
    for chase in &view.check.chase {
        let _ = writeln!(out, "{}", chase.unit);
        for result in chase.owed.iter().filter_map(|&i| view.check.results.get(i)) {
            let _ = writeln!(out, "  {}", owed(result, view, paint));
        }
        for line in super::contacts(chase, lang) {
            let _ = writeln!(out, "  {line}");
        }
    }
}

/// `附件1 联络员表：未报，截止6月3日`
fn owed(result: &Judgement, view: &View, paint: Paint) -> String {
    let lang = view.style.lang;
    let name = super::result_name(result, view.campaign);
    let label = paint.tone(&super::label(result, view), Tone::of(result));
    let due = result.deadline.as_ref().map(|deadline| {
        let day = super::due_day(deadline, view.campaign.timezone, lang);
        match (&deadline.extension, lang) {
            (Some(_), Lang::Zh) => format!("已延期至{day}"),
            (Some(_), Lang::En) => format!("extended to {day}"),
            (None, Lang::Zh) => format!("截止{day}"),
            (None, Lang::En) => format!("due {day}"),
        }
    });
    let separator = lang.pick("，", ", ");
    match due {
        Some(due) => lang.pick(
            format!("{name}：{label}{separator}{due}"),
            format!("{name}: {label}{separator}{due}"),
        ),
        None => lang.pick(format!("{name}：{label}"), format!("{name}: {label}")),
    }
}

/// `text` followed by spaces up to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    let filler = width.saturating_sub(display_width(text));
    format!("{text}{}", " ".repeat(filler))
}

/// ANSI colour when on, nothing at all when off.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn style(self, text: &str, style: Style) -> String {
        if self.0 && !text.is_empty() {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    fn tone(self, text: &str, tone: Tone) -> String {
        match tone {
            Tone::Plain => text.to_owned(),
            Tone::Good => self.style(text, AnsiColor::Green.on_default()),
            Tone::Warn => self.style(text, AnsiColor::Yellow.on_default()),
            Tone::Bad => self.style(text, AnsiColor::Red.on_default()),
            Tone::Dim => self.dim(text),
        }
    }

    fn bold(self, text: &str) -> String {
        self.style(text, Style::new().bold())
    }

    fn dim(self, text: &str) -> String {
        self.style(text, Style::new().dimmed())
    }

    fn spans(self, spans: &[Span]) -> String {
        spans.iter().map(|s| self.tone(&s.text, s.tone)).collect()
    }
}
