//! `check --format markdown`: a GitHub-flavoured job summary for CI — the
//! matrix as a pipe table with the same cell texts as the terminal table, the
//! summary, the problems by file and the unassigned files.
//!
//! The chase list is left out on purpose: it carries liaisons' phone numbers,
//! which do not belong in CI logs that many people can read.

use std::fmt::Write as _;

use super::{Matrix, Reporter, View};

pub(crate) struct Markdown;

impl Reporter for Markdown {
    fn render(&self, view: &View) -> String {
        let lang = view.style.lang;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "## {} — {}\n",
            escape(&view.check.campaign),
            escape(&super::as_of(view))
        );

        let matrix = Matrix::new(view);
        let mut header = format!("| {} |", lang.pick("单位", "Unit"));
        let mut rule = String::from("|---|");
        for short in &matrix.headers {
            let _ = write!(header, " {} |", escape(short));
            rule.push_str("---|");
        }
        let _ = writeln!(out, "{header}\n{rule}");
        for row in &matrix.rows {
            let unit = if row.flagged {
                format!("{} {}", super::FLAGGED, row.unit)
            } else {
                row.unit.clone()
            };
            let _ = write!(out, "| {} |", escape(&unit));
            for cell in &row.cells {
                let _ = write!(out, " {} |", escape(&super::plain(cell)));
            }
            out.push('\n');
        }
        out.push('\n');
        if let Some(legend) = matrix.legend(view) {
            let _ = writeln!(out, "{}\n", escape(&legend));
        }
        let summary = super::plain(&super::summary(view.check, lang));
        let _ = writeln!(out, "{}", escape(&summary));
        if let Some(note) = super::later_change_note(view) {
            let _ = writeln!(out, "\n> {}", escape(&note));
        }

        let groups = super::by_file(&view.check.problems);
        if !groups.is_empty() {
            let _ = writeln!(out, "\n### {}\n", lang.pick("问题", "Problems"));
            for (file, problems) in groups {
                let _ = writeln!(out, "- {}", code(file));
                for problem in problems {
                    let _ = writeln!(
                        out,
                        "  - {} {}",
                        problem.severity.label(lang),
                        escape(&problem.text(lang))
                    );
                }
            }
        }

        list(
            &mut out,
            lang.pick("移动过的文件", "Moved files"),
            &super::moves(view),
        );
        if !view.check.unassigned.is_empty() {
            let _ = writeln!(
                out,
                "\n### {}\n",
                lang.pick("未归属文件", "Unassigned files")
            );
            for problem in &view.check.unassigned {
                let reason = escape(&problem.message(lang));
                let _ = writeln!(
                    out,
                    "- {}{}{reason}",
                    code(&problem.file),
                    lang.pick("：", ": ")
                );
            }
        }
        list(
            &mut out,
            lang.pick("收件登记的问题", "Problems of the receipt ledger"),
            &super::ledger_lines(view),
        );
        list(
            &mut out,
            super::history_heading(lang),
            &super::history_lines(view),
        );
        list(
            &mut out,
            super::substitute_heading(lang),
            &super::substitute_lines(view),
        );
        out
    }
}

/// A heading and one bullet per line; nothing when there is none.
fn list(out: &mut String, heading: &str, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### {heading}\n");
    for line in lines {
        let _ = writeln!(out, "- {}", escape(line));
    }
}

/// Text that Markdown shows as written: punctuation that could start
/// emphasis, a link, HTML or a heading is backslash-escaped, `|` above all so
/// that a cell never splits the table; line breaks become spaces.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// `text` as a code span, fenced with more backticks than it holds in a row.
pub(super) fn code(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{text}{fence}")
    } else {
        format!("{fence} {text} {fence}")
    }
}
