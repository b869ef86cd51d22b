//! `check --format junit`: JUnit XML, so that CI systems show the campaign as
//! test results — one suite per report, one case per result, a failure for
//! every result in a `--fail-on` status, a skip for every exemption.
//!
//! Written by hand rather than through an XML library: the shape is small and
//! fixed, and the output must be byte-identical for the same check (the only
//! time in it is the check's `as_of`).

use std::fmt::Write as _;

use super::{Reporter, View};
use crate::lang::Lang;
use crate::status::{Judgement, Status};

pub(crate) struct Junit;

/// What one result becomes in a test report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Passed,
    Failed,
    Skipped,
}

impl Outcome {
    fn of(result: &Judgement, fail_on: &[Status]) -> Outcome {
        if fail_on.contains(&result.status()) {
            Outcome::Failed
        } else if result.status() == Status::Exempt {
            Outcome::Skipped
        } else {
            Outcome::Passed
        }
    }
}

impl Reporter for Junit {
    fn render(&self, view: &View) -> String {
        let count = |results: &[&Judgement], wanted: Outcome| {
            results
                .iter()
                .filter(|r| Outcome::of(r, view.fail_on) == wanted)
                .count()
        };
        let timestamp = super::rfc3339(view.check.as_of, view.campaign.timezone);

        let all: Vec<&Judgement> = view.check.results.iter().collect();
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuites name=\"campaign\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" timestamp=\"{timestamp}\">",
            all.len(),
            count(&all, Outcome::Failed),
            count(&all, Outcome::Skipped),
        );
        for report in &view.campaign.reports {
            let of_report: Vec<&Judgement> = all
                .iter()
                .copied()
                .filter(|r| r.report == report.id)
                .collect();
            let _ = writeln!(
                out,
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" timestamp=\"{timestamp}\">",
                escape(&report.title),
                of_report.len(),
                count(&of_report, Outcome::Failed),
                count(&of_report, Outcome::Skipped),
            );
            properties(&mut out, view, &of_report);
            for result in of_report {
                testcase(&mut out, result, Outcome::of(result, view.fail_on), view);
            }
            out.push_str("  </testsuite>\n");
        }
        out.push_str("</testsuites>\n");
        out
    }
}

/// A suite's properties, which CI systems show beside its cases: the note
/// that contents are newer than the instant judged, and what stood in for
/// the contents of the suite's files (or of the definition) that the
/// history cannot give.
fn properties(out: &mut String, view: &View, results: &[&Judgement]) {
    let in_suite = |path: &str| {
        path == crate::layout::DEFINITION
            || results
                .iter()
                .any(|r| r.versions.iter().any(|v| v.path == path))
    };
    let notes: Vec<(&str, String)> = super::later_change_note(view)
        .map(|note| ("note", note))
        .into_iter()
        .chain(
            view.check
                .substitutes
                .iter()
                .filter(|s| in_suite(s.path()))
                .map(|s| ("stood_in", s.render(view.style.lang))),
        )
        .collect();
    if notes.is_empty() {
        return;
    }
    out.push_str("    <properties>\n");
    for (name, value) in notes {
        let _ = writeln!(
            out,
            "      <property name=\"{name}\" value=\"{}\"/>",
            escape(&value)
        );
    }
    out.push_str("    </properties>\n");
}

fn testcase(out: &mut String, result: &Judgement, outcome: Outcome, view: &View) {
    let name = super::result_name(result, view.campaign);
    let open = format!(
        "    <testcase classname=\"{}\" name=\"{}\"",
        escape(&result.unit),
        escape(&name)
    );
    match outcome {
        Outcome::Passed => {
            let _ = writeln!(out, "{open}/>");
        }
        Outcome::Skipped => {
            let _ = writeln!(out, "{open}>\n      <skipped/>\n    </testcase>");
        }
        Outcome::Failed => {
            let _ = writeln!(
                out,
                "{open}>\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>",
                escape(&message(result, view)),
                result.status().code(),
                escape_text(&details(result, view)),
            );
        }
    }
}

/// The failure's one-line message: the status label and what matters most.
fn message(result: &Judgement, view: &View) -> String {
    let lang = view.style.lang;
    let label = super::marked_label(result, view);
    let due = result
        .deadline
        .as_ref()
        .map(|d| super::due_day(d, view.campaign.timezone, lang));
    let errors = result.errors().len();
    match (result.status(), due) {
        (Status::Invalid, _) => lang.pick(
            format!("{label}：{errors} 处错误"),
            format!("{label}: {}", super::counted(errors as i64, "error")),
        ),
        (Status::Missing | Status::Pending, Some(due)) => {
            lang.pick(format!("{label}，截止{due}"), format!("{label}, due {due}"))
        }
        _ => label,
    }
}

/// The failure's body: deadline, receipt, files and errors, one per line.
fn details(result: &Judgement, view: &View) -> String {
    let lang = view.style.lang;
    let tz = view.campaign.timezone;
    let mut lines = Vec::new();
    if let Some(deadline) = &result.deadline {
        let mut line = format!(
            "{}{}",
            lang.pick("截止：", "due: "),
            super::due_when(deadline, tz, lang)
        );
        if let Some(extension) = &deadline.extension {
            let _ = match lang {
                Lang::Zh => write!(line, "（已延期，{}）", extension.reason),
                Lang::En => write!(line, " (extended: {})", extension.reason),
            };
        }
        lines.push(line);
    }
    let received = match result.received() {
        Some(received) => {
            let via = super::via(received.via, lang);
            let at = super::when(received.first, tz, lang);
            lang.pick(format!("{at}（{via}）"), format!("{at} ({via})"))
        }
        None => lang.pick("未收到", "not received").to_owned(),
    };
    lines.push(format!("{}{received}", lang.pick("收到：", "received: ")));
    if let Some(revised) = result.received().and_then(|r| r.revised) {
        lines.push(format!(
            "{}{}",
            lang.pick("修订：", "revised: "),
            super::when(revised, tz, lang)
        ));
    }
    for version in &result.versions {
        let moved = version.moved.as_ref().map_or_else(String::new, |moved| {
            lang.pick(
                format!(
                    "（{} 由 {} 移入）",
                    super::when(moved.at, tz, lang),
                    moved.from
                ),
                format!(
                    " (moved from {} at {})",
                    moved.from,
                    super::when(moved.at, tz, lang)
                ),
            )
        });
        lines.push(format!(
            "{}{}{moved}",
            lang.pick("文件：", "file: "),
            version.path
        ));
    }
    let counted = result.counted().map(|v| v.path.as_str());
    for problem in result.errors() {
        let severity = problem.severity.label(lang);
        let text = problem.text(lang);
        // The errors are those of the counted (newest) file; name any other.
        if counted == Some(problem.file.as_str()) {
            lines.push(format!("{severity} {text}"));
        } else {
            lines.push(format!("{severity} {} {text}", problem.file));
        }
    }
    lines.join("\n")
}

/// Text safe in an XML 1.0 attribute: the five special characters escaped,
/// line breaks and tabs as character references (a parser would otherwise
/// normalise them to spaces), characters XML 1.0 forbids dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c => push_escaped(&mut out, c),
        }
    }
    out
}

/// Text safe as XML 1.0 element content; line breaks stay as they are.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&apos;"),
        // A parser would turn a bare CR into LF.
        '\r' => out.push_str("&#13;"),
        c if allowed(c) => out.push(c),
        _ => {}
    }
}

/// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
fn allowed(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
