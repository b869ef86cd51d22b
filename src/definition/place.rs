//! Where each problem of a definition is, and the problems in file order.
//!
//! Reading the document records where every key and array element it meets
//! starts, by its TOML path (`reports[3].after.column`); a problem then takes
//! the line of its own path, or of the nearest enclosing table for a key that
//! is absent. What is wrong is not decided here.

use std::collections::HashMap;

use super::problem::{Problem, ProblemKind};

/// The problems found so far, and where every path of the document starts.
pub(super) struct Findings {
    /// Byte offsets at which the lines of the definition start.
    line_starts: Vec<usize>,
    /// Byte offset of every key and array element read, by TOML path.
    offsets: HashMap<String, usize>,
    /// Paths whose value could not be read; see [`Findings::report`].
    unreadable: Vec<String>,
    /// Each problem with the byte offset it is placed at, for file order.
    problems: Vec<(Option<usize>, Problem)>,
}

impl Findings {
    pub(super) fn new(text: &str) -> Findings {
        Findings {
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            offsets: HashMap::new(),
            unreadable: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Records that `path` starts at byte `offset` of the text.
    pub(super) fn place(&mut self, path: &str, offset: usize) {
        self.offsets.insert(path.to_owned(), offset);
    }

    /// A value at `path` that could not be read at all: of the wrong type,
    /// absent though required, or a key nobody knows.
    pub(super) fn unreadable(&mut self, path: String, kind: ProblemKind) {
        self.mark_unread(path.clone());
        self.push(path, kind);
    }

    /// Marks the value at `path` as unread, its problems reported at its parts.
    pub(super) fn mark_unread(&mut self, path: String) {
        self.unreadable.push(path);
    }

    /// Whether the value at `path`, or a table holding it, could not be read.
    pub(super) fn is_unread(&self, path: &str) -> bool {
        self.unreadable
            .iter()
            .any(|unreadable| within(path, unreadable))
    }

    /// A problem with what a value means. Skipped when the value, or a table
    /// holding it, could not be read: that is reported already, and what a
    /// rule makes of the stand-in value would only repeat it.
    pub(super) fn report(&mut self, path: String, kind: ProblemKind) {
        if !self.is_unread(&path) {
            self.push(path, kind);
        }
    }

    /// Every problem, in the order of the file; problems of the file as a
    /// whole (no place) first.
    pub(super) fn into_problems(mut self) -> Vec<Problem> {
        self.problems.sort_by_key(|(offset, _)| *offset);
        self.problems
            .into_iter()
            .map(|(_, problem)| problem)
            .collect()
    }

    fn push(&mut self, path: String, kind: ProblemKind) {
        let offset = self.offset(&path);
        let line = offset.map(|offset| self.line_starts.partition_point(|&start| start <= offset));
        self.problems.push((offset, Problem { line, path, kind }));
    }

    /// Where `path` starts, or else the nearest enclosing path that is in the file.
    fn offset(&self, path: &str) -> Option<usize> {
        let mut path = path;
        loop {
            if let Some(&offset) = self.offsets.get(path) {
                return Some(offset);
            }
            path = parent(path)?;
        }
    }
}

/// `reports[3].after` for `reports[3].after.column`, `reports[3]` for
/// `reports[3].after`, `reports` for `reports[3]`; none for a top-level key.
fn parent(path: &str) -> Option<&str> {
    let cut = if path.ends_with(']') {
        path.rfind('[')?
    } else {
        path.rfind('.')?
    };
    Some(&path[..cut])
}

/// Whether `path` is `outer` or lies inside it.
fn within(path: &str, outer: &str) -> bool {
    path.strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_lies_within_itself_and_its_tables_only() {
        assert!(within("reports[3].after.column", "reports[3].after"));
        assert!(within("reports[3].after", "reports[3].after"));
        assert!(within("units[1].aliases[0]", "units[1].aliases"));
        assert!(!within("reports[3].afterwards", "reports[3].after"));
        assert!(!within("reports[31]", "reports[3]"));
    }

    #[test]
    fn parents_climb_one_key_or_index_at_a_time() {
        assert_eq!(parent("reports[3].after.column"), Some("reports[3].after"));
        assert_eq!(parent("reports[3].after"), Some("reports[3]"));
        assert_eq!(parent("reports[3]"), Some("reports"));
        assert_eq!(parent("reports"), None);
    }

    #[test]
    fn an_absent_key_takes_the_line_of_its_table_and_problems_sort_by_place() {
        let mut findings = Findings::new("[campaign]\nissuer = \"x\"\n\n[[units]]\nname = \"y\"\n");
        findings.place("campaign", 1);
        findings.place("units", 26);
        findings.place("units[0]", 25);
        findings.place("units[0].name", 35);
        findings.report("units[0].name".into(), ProblemKind::Empty);
        findings.unreadable("campaign.name".into(), ProblemKind::Empty);
        findings.report("activities".into(), ProblemKind::Empty);
        // A consequence of the unreadable name, not reported again.
        findings.report("campaign.name".into(), ProblemKind::Empty);
        let placed: Vec<(Option<usize>, String)> = findings
            .into_problems()
            .into_iter()
            .map(|p| (p.line, p.path))
            .collect();
        assert_eq!(
            placed,
            [
                (None, "activities".to_owned()),
                (Some(1), "campaign.name".to_owned()),
                (Some(5), "units[0].name".to_owned()),
            ]
        );
    }
}
