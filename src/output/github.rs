//! `check --format github`: GitHub Actions workflow commands, so that a run
//! shows every problem as an annotation on its file — in the run's summary
//! and beside the file in a pull request — instead of a line in a long log.
//!
//! One `::error` or `::warning` per problem of a counted version, one
//! `::error` per file that counts for nothing and per problem of the receipt
//! ledger, a `::warning` per content the history cannot give at the instant
//! judged (what stood in), and a `::notice` with the counts by status. Values are escaped as
//! the workflow-command syntax requires; like every CI format, the output
//! goes through the telephone-number mask.

use std::fmt::Write as _;

use super::{Reporter, View};
use crate::layout::LEDGER_PATH;
use crate::read::problem::{Problem, Severity};

pub(crate) struct Github;

impl Reporter for Github {
    fn render(&self, view: &View) -> String {
        let lang = view.style.lang;
        let mut out = String::new();
        for problem in &view.check.problems {
            let level = match problem.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let title = title(problem, lang.pick("问题", "problem"));
            command(
                &mut out,
                level,
                &problem.file,
                None,
                &title,
                &problem.message(lang),
            );
        }
        for problem in &view.check.unassigned {
            let title = lang.pick("不计入任何报送事项", "counts for no report");
            command(
                &mut out,
                "error",
                &problem.file,
                None,
                title,
                &problem.message(lang),
            );
        }
        for problem in &view.check.ledger {
            let title = lang.pick("收件登记", "receipt ledger");
            let message = problem.render_in_file(lang);
            command(
                &mut out,
                "error",
                LEDGER_PATH,
                problem.line(),
                title,
                &message,
            );
        }
        for substitute in &view.check.substitutes {
            let title = lang.pick("当时的内容", "content then");
            let message = substitute.render(lang);
            command(
                &mut out,
                "warning",
                substitute.path(),
                None,
                title,
                &message,
            );
        }
        let summary = super::plain(&super::summary(view.check, lang));
        let title = super::as_of(view);
        let _ = writeln!(
            out,
            "::notice title={}::{}",
            property(&title),
            data(&summary)
        );
        out
    }
}

/// The annotation's title: where in the file (`附件3!C5`), else `what`.
fn title(problem: &Problem, what: &str) -> String {
    let place = problem.location();
    if place.is_empty() {
        what.to_owned()
    } else {
        place
    }
}

/// `::level file=…,line=…,title=…::message`
fn command(
    out: &mut String,
    level: &str,
    file: &str,
    line: Option<usize>,
    title: &str,
    message: &str,
) {
    let line = line.map_or_else(String::new, |n| format!(",line={n}"));
    let _ = writeln!(
        out,
        "::{level} file={}{line},title={}::{}",
        property(file),
        property(title),
        data(message)
    );
}

/// A message: `%`, CR and LF escaped, as the runner unescapes them.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: also `:` and `,`, which end a property.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{data, property};

    #[test]
    fn workflow_command_values_are_escaped() {
        assert_eq!(data("100% 完成\r\n下一行"), "100%25 完成%0D%0A下一行");
        assert_eq!(property("附件3!C5, 第 2 行: x"), "附件3!C5%2C 第 2 行%3A x");
    }
}
