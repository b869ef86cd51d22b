//! Reading the parsed TOML document, checking the type of every value.
//!
//! A [`Table`] hands the readers of raw.rs the values they ask for, each of
//! the TOML type asked. A value of another type, a required key that is
//! absent and a key no reader asks for become problems, every one of them,
//! never a stop; the value then reads as absent. Where each key starts is
//! recorded on the way, so that every problem can be placed. What the values
//! mean is validate.rs's business.

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

use super::place::Findings;
use super::problem::{Expected, Found, ProblemKind};

/// Whether a key must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Need {
    Required,
    Optional,
}

/// One table of the document, being read.
pub(super) struct Table<'a, 'i> {
    findings: &'a mut Findings,
    source: &'a str,
    entries: &'a DeTable<'i>,
    /// TOML path of the table; empty for the document itself.
    path: String,
    /// The keys asked for so far, in the order the reader asks for them.
    known: Vec<&'static str>,
}

type Value<'a, 'i> = &'a Spanned<DeValue<'i>>;

/// Reads the document (parsed from `source`) with `read`; every problem of
/// shape goes to `findings`.
pub(super) fn read_document<T>(
    document: &DeTable<'_>,
    source: &str,
    findings: &mut Findings,
    read: impl FnOnce(&mut Table<'_, '_>) -> T,
) -> T {
    let mut table = Table {
        findings,
        source,
        entries: document,
        path: String::new(),
        known: Vec::new(),
    };
    let value = read(&mut table);
    table.finish();
    value
}

impl<'a, 'i> Table<'a, 'i> {
    pub(super) fn text(&mut self, key: &'static str, need: Need) -> Option<String> {
        self.scalar(key, need, Expected::Text, as_text)
    }

    pub(super) fn integer(&mut self, key: &'static str, need: Need) -> Option<i64> {
        self.scalar(key, need, Expected::Integer, as_integer)
    }

    /// An integer or a float.
    pub(super) fn number(&mut self, key: &'static str) -> Option<f64> {
        self.scalar(key, Need::Optional, Expected::Number, |value| match value {
            DeValue::Float(float) => float.as_str().parse().ok(),
            other => as_integer(other).map(|n| n as f64),
        })
    }

    pub(super) fn bool(&mut self, key: &'static str) -> Option<bool> {
        self.scalar(key, Need::Optional, Expected::Bool, DeValue::as_bool)
    }

    /// A date or a date-time, as TOML writes them (unquoted).
    pub(super) fn date(&mut self, key: &'static str, need: Need) -> Option<Datetime> {
        self.scalar(key, need, Expected::Date, |value| {
            value.as_datetime().cloned()
        })
    }

    /// An array of strings; empty when absent or when an item is not a string.
    pub(super) fn texts(&mut self, key: &'static str) -> Vec<String> {
        let Some((value, path)) = self.get(key, Need::Optional) else {
            return Vec::new();
        };
        self.items(value, path, Expected::Texts, |table, item, path| {
            table.convert(item, path, Expected::Text, as_text)
        })
        .unwrap_or_default()
    }

    /// A string or an array of strings (`units = "all"`, `units = ["公共室"]`),
    /// made into a value by `one` or `many`.
    pub(super) fn text_or_texts<T>(
        &mut self,
        key: &'static str,
        expected: Expected,
        one: impl FnOnce(String) -> T,
        many: impl FnOnce(Vec<String>) -> T,
    ) -> Option<T> {
        let (value, path) = self.get(key, Need::Optional)?;
        if let Some(text) = as_text(value.get_ref()) {
            return Some(one(text));
        }
        let texts = self.items(value, path, expected, |table, item, path| {
            table.convert(item, path, Expected::Text, as_text)
        })?;
        Some(many(texts))
    }

    /// A table (`[limits]`, `after = { … }`), read by `read`.
    pub(super) fn table<T>(
        &mut self,
        key: &'static str,
        need: Need,
        read: impl FnOnce(&mut Table<'_, 'i>) -> T,
    ) -> Option<T> {
        let (value, path) = self.get(key, need)?;
        self.nested(value, path, read)
    }

    /// An array of tables (`[[units]]`, `columns = [ { … } ]`), each read by
    /// `read`; empty when absent or when an item is not a table.
    pub(super) fn tables<T>(
        &mut self,
        key: &'static str,
        mut read: impl FnMut(&mut Table<'_, 'i>) -> T,
    ) -> Vec<T> {
        let Some((value, path)) = self.get(key, Need::Optional) else {
            return Vec::new();
        };
        self.items(value, path, Expected::Tables, |table, item, path| {
            table.nested(item, path, &mut read)
        })
        .unwrap_or_default()
    }

    /// The value of `key` and its path, its place recorded; a problem when it
    /// is required and absent.
    fn get(&mut self, key: &'static str, need: Need) -> Option<(Value<'a, 'i>, String)> {
        self.known.push(key);
        let path = self.path_of(key);
        let entries: &'a DeTable<'i> = self.entries;
        let Some((name, value)) = entries.get_key_value(key) else {
            if need == Need::Required {
                self.findings.unreadable(path, ProblemKind::Missing { key });
            }
            return None;
        };
        self.findings.place(&path, name.span().start);
        Some((value, path))
    }

    fn scalar<T>(
        &mut self,
        key: &'static str,
        need: Need,
        expected: Expected,
        read: impl FnOnce(&DeValue<'i>) -> Option<T>,
    ) -> Option<T> {
        let (value, path) = self.get(key, need)?;
        self.convert(value, path, expected, read)
    }

    /// `value` as `read` takes it, or a problem saying what it is instead.
    fn convert<T>(
        &mut self,
        value: Value<'a, 'i>,
        path: String,
        expected: Expected,
        read: impl FnOnce(&DeValue<'i>) -> Option<T>,
    ) -> Option<T> {
        let converted = read(value.get_ref());
        if converted.is_none() {
            let found = self.found(value);
            self.findings
                .unreadable(path, ProblemKind::WrongType { expected, found });
        }
        converted
    }

    /// Every item of an array read by `read`, each placed; none when the value
    /// is no array or an item cannot be read, since indexes must stay those of
    /// the file for the paths of later problems.
    fn items<T>(
        &mut self,
        value: Value<'a, 'i>,
        path: String,
        expected: Expected,
        mut read: impl FnMut(&mut Self, Value<'a, 'i>, String) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Some(items) = value.get_ref().as_array() else {
            let found = self.found(value);
            self.findings
                .unreadable(path, ProblemKind::WrongType { expected, found });
            return None;
        };
        let mut all = Vec::new();
        let mut complete = true;
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            self.findings.place(&item_path, item.span().start);
            match read(self, item, item_path) {
                Some(one) => all.push(one),
                None => complete = false,
            }
        }
        if !complete {
            self.findings.mark_unread(path);
            return None;
        }
        Some(all)
    }

    fn nested<T>(
        &mut self,
        value: Value<'a, 'i>,
        path: String,
        read: impl FnOnce(&mut Table<'_, 'i>) -> T,
    ) -> Option<T> {
        let Some(entries) = value.get_ref().as_table() else {
            let found = self.found(value);
            let expected = Expected::Table;
            self.findings
                .unreadable(path, ProblemKind::WrongType { expected, found });
            return None;
        };
        let mut table = Table {
            findings: &mut *self.findings,
            source: self.source,
            entries,
            path,
            known: Vec::new(),
        };
        let value = read(&mut table);
        table.finish();
        Some(value)
    }

    /// Reports every key of the table that no reader asked for.
    fn finish(self) {
        for (name, _) in self.entries.iter() {
            let key = name.get_ref().as_ref();
            if self.known.contains(&key) {
                continue;
            }
            let path = self.path_of(key);
            self.findings.place(&path, name.span().start);
            let kind = ProblemKind::UnknownKey {
                key: key.to_owned(),
                suggestion: closest(key, &self.known),
                known: self.known.clone(),
            };
            self.findings.unreadable(path, kind);
        }
    }

    fn path_of(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// What `value` is, quoted as written where it is short.
    fn found(&self, value: Value<'a, 'i>) -> Found {
        let written = &self.source[value.span()];
        match value.get_ref() {
            DeValue::String(_) => Found::Text(shortened(written)),
            DeValue::Integer(_) | DeValue::Float(_) => Found::Number(shortened(written)),
            DeValue::Boolean(value) => Found::Bool(*value),
            DeValue::Datetime(_) => Found::Date(shortened(written)),
            DeValue::Array(_) => {
                Found::List((shortened(written) == written).then(|| written.to_owned()))
            }
            DeValue::Table(_) => Found::Table,
        }
    }
}

fn as_text(value: &DeValue<'_>) -> Option<String> {
    value.as_str().map(str::to_owned)
}

/// An integer, saturated: one beyond i64 is beyond every bound the rules
/// check, and is refused by them.
fn as_integer(value: &DeValue<'_>) -> Option<i64> {
    let integer = value.as_integer()?;
    let digits = integer.as_str();
    let saturated = if digits.starts_with('-') {
        i64::MIN
    } else {
        i64::MAX
    };
    Some(i64::from_str_radix(digits, integer.radix()).unwrap_or(saturated))
}

/// The first line of `written`, at most 30 characters, marked “…” when cut.
fn shortened(written: &str) -> String {
    const MAX: usize = 30;
    let line = written.lines().next().unwrap_or("");
    if line.len() == written.len() && line.chars().count() <= MAX {
        return written.to_owned();
    }
    let cut: String = line.chars().take(MAX).collect();
    format!("{cut}…")
}

/// The known key a misspelt `key` most resembles: one edit away for short
/// keys, two for longer ones, ignoring case and `-` for `_`.
fn closest(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let key = key.to_lowercase().replace('-', "_");
    known
        .iter()
        .map(|&candidate| (strsim::osa_distance(&key, candidate), candidate))
        .filter(|&(distance, candidate)| {
            let longest = key.chars().count().max(candidate.len());
            distance <= if longest <= 4 { 1 } else { 2 }
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: [&str; 5] = ["id", "kind", "title", "columns", "match"];

    #[test]
    fn a_misspelt_key_suggests_the_closest_known_key() {
        assert_eq!(closest("aliasses", &["name", "aliases"]), Some("aliases"));
        assert_eq!(closest("colums", &REPORT), Some("columns"));
        assert_eq!(closest("kidn", &REPORT), Some("kind"));
        assert_eq!(closest("Title", &REPORT), Some("title"));
        assert_eq!(
            closest("approved-by", &["reason", "approved_by"]),
            Some("approved_by")
        );
    }

    #[test]
    fn a_key_unlike_every_known_key_suggests_nothing() {
        assert_eq!(closest("名称", &REPORT), None);
        assert_eq!(closest("x", &REPORT), None);
        assert_eq!(closest("deadline", &REPORT), None);
    }

    #[test]
    fn long_values_are_cut_and_marked() {
        assert_eq!(shortened("\"公共室\""), "\"公共室\"");
        assert_eq!(
            shortened("\"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一\""),
            "\"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九…"
        );
        assert_eq!(shortened("\"\"\"第一行\n第二行\"\"\""), "\"\"\"第一行…");
    }
}
