//! `check --format html`: one self-contained status page for the leaders —
//! the campaign and the instant judged, the count per status, how far each
//! report and each unit has got, the unit × report matrix (the terminal
//! table's cell texts, coloured by status and always carrying their words),
//! the 附件3 totals by activity item as a chart ([`chart`]), the problems by
//! file, the files that count for nothing and, for an earlier instant, what
//! stood in for contents the history cannot give.
//!
//! Nothing outside the file is ever loaded: the style sheet is inline, there
//! is no script, no web font and no image, so the page reads the same opened
//! from disk, from an intranet site or on paper. The chase list is left out
//! on purpose: pages get forwarded, and it carries liaisons' phone numbers.
//! The moved files and the receipt ledger's problems are the clerk's
//! business and stay in the table.

mod chart;

use std::fmt::Write as _;

use super::{Matrix, Reporter, Span, Tally, Tone, View};
use crate::definition::Report;
use crate::read::problem::Severity;
use crate::status::{Deadline, Judgement, Status};

pub(crate) struct Html;

const STYLE: &str = include_str!("html/page.css");

impl Reporter for Html {
    fn render(&self, view: &View) -> String {
        let lang = view.style.lang;
        let name = &view.check.campaign;
        let as_of = super::as_of(view);
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>\n{}{STYLE}</style>\n</head>\n<body>\n",
            lang.pick("zh-CN", "en"),
            escape(&lang.pick(
                format!("{name} 报送情况（{as_of}）"),
                format!("{name} — status {as_of}"),
            )),
            tone_colours(),
        );
        let kicker = lang.pick(
            format!("{} · 报送情况", view.campaign.issuer),
            format!("{} · status report", view.campaign.issuer),
        );
        let _ = writeln!(
            out,
            "<header class=\"page\">\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<p class=\"as-of\">{}</p>\n</header>\n<main>",
            escape(&kicker),
            escape(name),
            escape(&as_of),
        );
        if let Some(note) = super::later_change_note(view) {
            let _ = writeln!(out, "<p class=\"note\" role=\"note\">{}</p>", escape(&note));
        }
        let grid = Grid::new(view);
        summary(&mut out, view);
        completion(&mut out, view, &grid);
        matrix(&mut out, view, &grid);
        chart::section(&mut out, view);
        problems(&mut out, view);
        unassigned(&mut out, view);
        stood_in(&mut out, view);
        out.push_str("</main>\n</body>\n</html>\n");
        out
    }
}

/// The results of every unit × report, units and reports in campaign order
/// (the order of [`Matrix`]).
struct Grid<'a> {
    cells: Vec<Vec<Vec<&'a Judgement>>>,
}

impl<'a> Grid<'a> {
    fn new(view: &View<'a>) -> Grid<'a> {
        let campaign = view.campaign;
        let mut cells = vec![vec![Vec::new(); campaign.reports.len()]; campaign.units.len()];
        for result in &view.check.results {
            let unit = campaign.unit_position(&result.unit);
            let report = campaign.reports.iter().position(|r| r.id == result.report);
            let cell = report.and_then(|r| cells.get_mut(unit)?.get_mut(r));
            if let Some(cell) = cell {
                cell.push(result);
            }
        }
        Grid { cells }
    }

    /// How far one unit is with each report it owes.
    fn of_unit(&self, unit: usize) -> Tally {
        self.cells[unit]
            .iter()
            .map(|results| done(results))
            .collect()
    }

    /// How many units have handed in one report.
    fn of_report(&self, report: usize) -> Tally {
        self.cells.iter().map(|row| done(&row[report])).collect()
    }
}

/// Whether a unit is done with the report of one cell (see [`super::done`]).
fn done(results: &[&Judgement]) -> Option<bool> {
    let statuses: Vec<Status> = results.iter().map(|r| r.status()).collect();
    super::done(&statuses)
}

impl Tally {
    fn figure(self) -> String {
        format!("{} / {}", self.done, self.owed)
    }

    /// The data attributes a reader (or a test) finds the figures by.
    fn attributes(self) -> String {
        format!("data-done=\"{}\" data-owed=\"{}\"", self.done, self.owed)
    }
}

/// One tile per status with its count, after the number of results.
fn summary(out: &mut String, view: &View) {
    let lang = view.style.lang;
    let total = view.check.results.len();
    let lead = lang.pick(
        format!("共 {total} 项报送事项（单位 × 报送内容），其中："),
        format!("{total} results (unit × report):"),
    );
    open_section(
        out,
        "summary",
        lang.pick("总体情况", "Overview"),
        Some(&lead),
    );
    out.push_str("<ul class=\"counts\">\n");
    for status in Status::ALL {
        let n = view.check.count(status);
        let tone = if n == 0 {
            Tone::Plain
        } else {
            Tone::of_status(status)
        };
        let _ = writeln!(
            out,
            "<li class=\"{}\" data-status=\"{}\"><span class=\"n\">{n}</span><span class=\"what\">{}</span></li>",
            tone_class(tone),
            status.code(),
            escape(status.label(lang)),
        );
    }
    out.push_str("</ul>\n</section>\n");
}

/// Per report: its deadline, a bar and how many units are done of those that owe it.
fn completion(out: &mut String, view: &View, grid: &Grid) {
    let lang = view.style.lang;
    let lead = lang.pick(
        "已完成的单位数 / 应报单位数。按时或逾期报送且无误即为完成；有误的须重新报送，不计入；免报的单位不计。",
        "Units done / units that owe the report. A report is done when it came in, on time or late, without errors; an invalid one must be sent again and does not count; exempt units are left out.",
    );
    let heading = lang.pick("各项报送完成情况", "Completion by report");
    open_section(out, "completion", heading, Some(lead));
    out.push_str("<table class=\"completion\">\n<tbody>\n");
    for (i, report) in view.campaign.reports.iter().enumerate() {
        let tally = grid.of_report(i);
        let due = due(report, view);
        let _ = writeln!(
            out,
            "<tr data-report=\"{}\" {}><th scope=\"row\">{}{}</th><td class=\"bar\">{}</td><td class=\"figure\">{}</td></tr>",
            escape(&report.id.0),
            tally.attributes(),
            escape(&report.title),
            due.map(|d| format!(" <small>{}</small>", escape(&d)))
                .unwrap_or_default(),
            meter(tally),
            tally.figure(),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// `截止6月3日` for a report with a fixed deadline (before any extension).
fn due(report: &Report, view: &View) -> Option<String> {
    let deadline = Deadline {
        due: report.due?,
        extension: None,
    };
    let day = super::due_day(&deadline, view.campaign.timezone, view.style.lang);
    Some(
        view.style
            .lang
            .pick(format!("截止{day}"), format!("due {day}")),
    )
}

/// A bar filled to the share done; the figure beside it says the same in words.
fn meter(tally: Tally) -> String {
    let share = if tally.owed == 0 {
        0.0
    } else {
        100.0 * tally.done as f64 / tally.owed as f64
    };
    let fill = if tally.complete() {
        "fill full"
    } else {
        "fill"
    };
    format!(
        "<svg class=\"meter\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect class=\"track\" width=\"100\" height=\"10\"/><rect class=\"{fill}\" width=\"{share:.1}\" height=\"10\"/></svg>"
    )
}

/// The unit × report matrix with the shared cell texts, each unit's
/// completion, and the legend of colours and marks.
fn matrix(out: &mut String, view: &View, grid: &Grid) {
    let lang = view.style.lang;
    let matrix = Matrix::new(view);
    let heading = lang.pick("各单位报送情况", "Status by unit");
    open_section(out, "matrix", heading, None);
    let _ = write!(
        out,
        "<div class=\"scroll\">\n<table class=\"matrix\">\n<thead><tr><th scope=\"col\">{}</th>",
        lang.pick("单位", "Unit"),
    );
    for (header, report) in matrix.headers.iter().zip(&view.campaign.reports) {
        let _ = write!(
            out,
            "<th scope=\"col\" data-report=\"{}\" title=\"{}\">{}</th>",
            escape(&report.id.0),
            escape(&report.title),
            escape(header),
        );
    }
    let _ = writeln!(
        out,
        "<th scope=\"col\" class=\"done\">{}</th></tr></thead>\n<tbody>",
        lang.pick("已完成", "Done"),
    );
    for (u, row) in matrix.rows.iter().enumerate() {
        let flag = if row.flagged {
            format!("<span class=\"flag\">{}</span> ", super::FLAGGED)
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<tr data-unit=\"{}\"{}><th scope=\"row\">{flag}{}</th>",
            escape(&row.unit),
            if row.flagged {
                " class=\"flagged\""
            } else {
                ""
            },
            escape(&row.unit),
        );
        for ((spans, results), report) in row
            .cells
            .iter()
            .zip(&grid.cells[u])
            .zip(&view.campaign.reports)
        {
            cell(out, spans, results, report);
        }
        let tally = grid.of_unit(u);
        let _ = writeln!(
            out,
            "<td class=\"done{}\" {}>{}</td></tr>",
            if tally.complete() { " complete" } else { "" },
            tally.attributes(),
            tally.figure(),
        );
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    legend(out, view, &matrix);
    out.push_str("</section>\n");
}

/// One matrix cell: its spans as coloured chips, the statuses of its results
/// as `data-status` (several for a unit's key activities).
fn cell(out: &mut String, spans: &[Span], results: &[&Judgement], report: &Report) {
    let mut statuses: Vec<&str> = Vec::new();
    for status in Status::ALL {
        if results.iter().any(|r| r.status() == status) {
            statuses.push(status.code());
        }
    }
    let status = if statuses.is_empty() {
        String::new()
    } else {
        format!(" data-status=\"{}\"", statuses.join(" "))
    };
    let _ = write!(out, "<td data-report=\"{}\"{status}>", escape(&report.id.0));
    for span in spans {
        chip(out, span);
    }
    out.push_str("</td>");
}

/// A span in the colour of its tone; the blank between two counts stays plain.
fn chip(out: &mut String, span: &Span) {
    if span.text.trim().is_empty() {
        out.push_str(&escape(&span.text));
        return;
    }
    let _ = write!(
        out,
        "<span class=\"chip {}\">{}</span>",
        tone_class(span.tone),
        escape(&span.text)
    );
}

/// What the colours mean (each status label in its colour), then the marks.
fn legend(out: &mut String, view: &View, matrix: &Matrix) {
    let lang = view.style.lang;
    let _ = write!(
        out,
        "<p class=\"legend\"><span class=\"key\">{}</span>",
        lang.pick("图例：", "Key: ")
    );
    for status in Status::ALL {
        let span = Span {
            text: status.label(lang).to_owned(),
            tone: Tone::of_status(status),
        };
        chip(out, &span);
        out.push(' ');
        // A pending report due soon has the colour of a late one.
        if status == Status::Late {
            let span = Span {
                text: lang.pick("即将到期", "due soon").to_owned(),
                tone: Tone::Warn,
            };
            chip(out, &span);
            out.push(' ');
        }
    }
    if let Some(marks) = matrix.legend(view) {
        let _ = write!(out, "<br><span class=\"marks\">{}</span>", escape(&marks));
    }
    out.push_str("</p>\n");
}

/// The problems of every file that counts, grouped by file as the table groups them.
fn problems(out: &mut String, view: &View) {
    let lang = view.style.lang;
    let groups = super::by_file(&view.check.problems);
    if groups.is_empty() {
        return;
    }
    let heading = lang.pick(
        format!("报送文件中的问题（{} 个文件）", groups.len()),
        format!("Problems in the files sent ({} files)", groups.len()),
    );
    open_section(out, "problems", &heading, None);
    for (file, problems) in groups {
        let _ = writeln!(
            out,
            "<div class=\"file\" data-file=\"{0}\">\n<h3><code>{0}</code></h3>\n<ul>",
            shared(file)
        );
        for problem in problems {
            let (class, tone) = match problem.severity {
                Severity::Error => ("error", Tone::Bad),
                Severity::Warning => ("warning", Tone::Warn),
            };
            let _ = writeln!(
                out,
                "<li class=\"{class}\"><span class=\"chip {}\">{}</span> {}</li>",
                tone_class(tone),
                escape(problem.severity.label(lang)),
                shared(&problem.text(lang)),
            );
        }
        out.push_str("</ul>\n</div>\n");
    }
    out.push_str("</section>\n");
}

/// Files that count for no unit and report, each with the reason.
fn unassigned(out: &mut String, view: &View) {
    let lang = view.style.lang;
    let files = &view.check.unassigned;
    if files.is_empty() {
        return;
    }
    let heading = lang.pick(
        format!("未归属的文件（{} 个）", files.len()),
        format!("Unassigned files ({})", files.len()),
    );
    open_section(out, "unassigned", &heading, None);
    out.push_str("<ul>\n");
    for problem in files {
        let _ = writeln!(
            out,
            "<li data-file=\"{0}\"><code>{0}</code><p>{1}</p></li>",
            shared(&problem.file),
            shared(&problem.message(lang)),
        );
    }
    out.push_str("</ul>\n</section>\n");
}

/// What stood in for contents the history cannot give at the instant judged:
/// the page's figures rest on them, so its readers are told.
fn stood_in(out: &mut String, view: &View) {
    let lang = view.style.lang;
    let substitutes = &view.check.substitutes;
    if substitutes.is_empty() {
        return;
    }
    let heading = format!(
        "{}{}",
        super::substitute_heading(lang),
        lang.pick(
            format!("（{} 个）", substitutes.len()),
            format!(" ({})", substitutes.len())
        )
    );
    open_section(out, "stood-in", &heading, None);
    out.push_str("<ul>\n");
    for substitute in substitutes {
        let _ = writeln!(
            out,
            "<li data-file=\"{0}\"><code>{0}</code><p>{1}</p></li>",
            shared(substitute.path()),
            shared(&substitute.render(lang)),
        );
    }
    out.push_str("</ul>\n</section>\n");
}

/// Opens a section: its heading and, when there is one, the line under it.
fn open_section(out: &mut String, id: &str, heading: &str, lead: Option<&str>) {
    let _ = writeln!(out, "<section id=\"{id}\">\n<h2>{}</h2>", escape(heading));
    if let Some(lead) = lead {
        let _ = writeln!(out, "<p class=\"lead\">{}</p>", escape(lead));
    }
}

/// The class that colours a tone (page.css).
fn tone_class(tone: Tone) -> &'static str {
    tone.name()
}

/// The tones' colours as the style sheet's variables (`--good`, `--good-bg` …):
/// the one palette the status workbook uses too.
fn tone_colours() -> String {
    let mut css = String::from(":root {\n");
    for tone in Tone::ALL {
        let (text, background) = tone.colours();
        let name = tone.name();
        let _ = writeln!(
            css,
            "  --{name}: #{text:06x};\n  --{name}-bg: #{background:06x};"
        );
    }
    css.push_str("}\n");
    css
}

/// What units wrote — a file's name, a problem quoting a cell — escaped, with
/// telephone numbers masked: the page gets published. Only these are masked,
/// never the page's own numbers (a total of a million 参与人次 stays whole).
fn shared(text: &str) -> String {
    escape(&super::mask_phones(text))
}

/// Text as HTML shows it, in element content and in quoted attribute values
/// alike: the markup characters as references; the characters HTML forbids
/// in a document (controls other than white space, non-characters) as U+FFFD,
/// so that something visibly stands where they were.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' | '\u{c}' => out.push(c),
            c if forbidden(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// HTML's control characters and non-characters, which a document may not hold.
fn forbidden(c: char) -> bool {
    let code = u32::from(c);
    c.is_control() || (0xfdd0..=0xfdef).contains(&code) || code & 0xfffe == 0xfffe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_text_and_quotes_markup() {
        assert_eq!(
            escape("杂项 | 旧表<备份>&\"'.zip"),
            "杂项 | 旧表&lt;备份&gt;&amp;&quot;&#39;.zip"
        );
        assert_eq!(escape("a\u{1}b\u{7f}c\u{fffe}d\u{fdd0}e\n"), "a�b�c�d�e\n");
    }

    #[test]
    fn a_tally_counts_only_what_is_owed() {
        let tally: Tally = [Some(true), None, Some(false), Some(true)]
            .into_iter()
            .collect();
        assert_eq!(tally, Tally { done: 2, owed: 3 });
        assert_eq!(tally.figure(), "2 / 3");
        assert!(!tally.complete());
        assert!(!Tally::default().complete());
        assert_eq!(meter(Tally { done: 2, owed: 3 }).matches("66.7").count(), 1);
    }
}
