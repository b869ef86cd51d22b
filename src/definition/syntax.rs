//! Parsing campaign.toml as TOML, and its syntax errors in plain words.
//!
//! The toml crate finds the first error and its place; this module names the
//! mistakes people make typing by hand (a quote left open, a Chinese comma, a
//! date written 2021-6-1, text without quotes) and quotes the line with a
//! caret under the place. Anything else still gets its place and a plain
//! “not valid here”. What the keys mean is not looked at here.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;
use unicode_width::UnicodeWidthChar;

use crate::lang::Lang;

/// The first TOML syntax error of a definition; what follows it cannot be
/// read reliably, so it is the only one reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The line as written, quoted under the message.
    pub text: String,
    pub cause: SyntaxCause,
}

/// What is wrong at the place of a [`SyntaxError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxCause {
    /// A string without its closing quote.
    UnterminatedString { quote: char },
    /// A key not followed by `=`.
    MissingEquals,
    /// `key =` with nothing after it.
    MissingValue,
    /// A key twice in one table.
    DuplicateKey { key: String },
    /// A `[table]` header twice.
    DuplicateTable { name: String },
    /// `[units]` and `[[units]]` both.
    MixedBrackets { name: String },
    /// `[campaign` without its `]`.
    UnclosedHeader,
    /// An array without a comma between items or without its closing `]`.
    UnclosedList,
    /// An inline table without a comma between entries or without its closing `}`.
    UnclosedInlineTable,
    /// Text without quotes: `name = 测试活动`.
    BareWord { text: String },
    /// Neither a number nor a date: `days = 3天`, `start = 2021/06/01`.
    BadValue { text: String },
    /// A date or date-time malformed or not on the calendar: `2021-6-1`,
    /// `2021-06-31`, `2021-06-08 截止` (a space may start a time).
    BadDate { text: String },
    /// Chinese punctuation where TOML needs an ASCII mark: `＝`, `，`, `“`.
    FullWidth { found: char, ascii: char },
    /// A full-width space (U+3000) outside quotes.
    FullWidthSpace,
    /// A key with characters a bare key cannot hold: `名称 = …`.
    BadKey { key: String },
    /// More on the line after a value: `name = "x" y`.
    TrailingText,
    /// Anything else.
    Other,
}

/// Parses the text as a TOML document.
pub(super) fn parse(text: &str) -> Result<Spanned<DeTable<'_>>, SyntaxError> {
    DeTable::parse(text).map_err(|error| SyntaxError::new(text, &error))
}

/// Chinese punctuation an input method slips in, and the ASCII mark TOML needs.
const FULL_WIDTH: [(char, char); 15] = [
    ('＝', '='),
    ('：', '='),
    ('，', ','),
    ('、', ','),
    ('“', '"'),
    ('”', '"'),
    ('‘', '\''),
    ('’', '\''),
    ('【', '['),
    ('】', ']'),
    ('［', '['),
    ('］', ']'),
    ('｛', '{'),
    ('｝', '}'),
    ('＃', '#'),
];

const IDEOGRAPHIC_SPACE: char = '\u{3000}';
const BOM: char = '\u{feff}';

/// Errors about one value as written, told apart by what the value looks like.
const VALUE_ERRORS: [&str; 11] = [
    "string values must be quoted",
    "missing opening quote",
    "unexpected leading zero",
    "unexpected sign",
    "`_` may only go between digits",
    "invalid boolean",
    "invalid float",
    "invalid integer number",
    "invalid hexadecimal number",
    "invalid octal number",
    "invalid binary number",
];

impl SyntaxError {
    fn new(text: &str, error: &toml::de::Error) -> SyntaxError {
        // Only the recursion limit comes without a place; the start stands in.
        let span = error.span().unwrap_or(0..0);
        let (offset, cause) =
            full_width(text, span.start).unwrap_or_else(|| cause(text, error.message(), span));
        let line = line_around(text, offset);
        // A byte-order mark, as Notepad writes, is no column to the reader.
        let before = text[line.start..offset.min(line.end)].trim_start_matches(BOM);
        SyntaxError {
            line: text[..line.start].matches('\n').count() + 1,
            column: before.chars().count() + 1,
            text: text[line].trim_start_matches(BOM).to_owned(),
            cause,
        }
    }

    /// The line quoted, with a caret under the column.
    pub fn quote(&self) -> String {
        // On screen the caret must sit under the column: wide characters
        // take two cells, and a tab stays a tab so that it expands alike.
        let pad: String = self
            .text
            .chars()
            .take(self.column - 1)
            .map(|c| match c {
                '\t' => "\t".to_owned(),
                c => " ".repeat(c.width_cjk().unwrap_or(0)),
            })
            .collect();
        let line = self.line;
        let gutter = " ".repeat(line.to_string().len());
        format!("  {line} | {}\n  {gutter} | {pad}^", self.text)
    }
}

/// The first full-width mark outside quotes on the error's line, if it comes
/// no later than the place the parser stopped: the parser stumbles over it
/// there or a little after, and then names a consequence.
fn full_width(text: &str, offset: usize) -> Option<(usize, SyntaxCause)> {
    let line = line_around(text, offset);
    let mut quote = None;
    for (i, c) in text[line.clone()].char_indices() {
        let at = line.start + i;
        if at > offset {
            return None;
        }
        match (quote, c) {
            (None, '#') => return None,
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, IDEOGRAPHIC_SPACE) => return Some((at, SyntaxCause::FullWidthSpace)),
            (None, _) => {
                if let Some(&(found, ascii)) = FULL_WIDTH.iter().find(|(fw, _)| *fw == c) {
                    return Some((at, SyntaxCause::FullWidth { found, ascii }));
                }
            }
            (Some(_), _) => {}
        }
    }
    None
}

/// What the parser's message means, and where the caret goes.
fn cause(text: &str, message: &str, span: Range<usize>) -> (usize, SyntaxCause) {
    let description = message.split(", expected").next().unwrap_or(message);
    let at = span.start;
    let written = || text[span.clone()].to_owned();
    let cause = match description {
        "duplicate key" if text[line_around(text, at)].trim_start().starts_with('[') => {
            table_clash(text, at, written())
        }
        "duplicate key" => SyntaxCause::DuplicateKey { key: written() },
        "key with no value" | "missing assignment between key-value pairs" => {
            SyntaxCause::MissingEquals
        }
        "invalid unquoted key" => SyntaxCause::BadKey { key: written() },
        "unclosed table" | "unclosed array table" => SyntaxCause::UnclosedHeader,
        "unclosed array" | "missing comma between array elements" => SyntaxCause::UnclosedList,
        "unclosed inline table"
        | "missing comma between key-value pairs"
        | "extra assignment between key-value pairs"
        | "missing key for inline table element"
        | "invalid inline table element" => SyntaxCause::UnclosedInlineTable,
        "missing value" | "missing value for key" => SyntaxCause::MissingValue,
        "unexpected key or value" => SyntaxCause::TrailingText,
        d if d.starts_with("invalid") && d.ends_with("string") => {
            match message.rsplit('`').nth(1) {
                Some("\"") => SyntaxCause::UnterminatedString { quote: '"' },
                Some("'") => SyntaxCause::UnterminatedString { quote: '\'' },
                _ => SyntaxCause::Other,
            }
        }
        // The parser's span is the whole value, a time after a space included.
        "invalid date" | "invalid time" | "invalid offset" | "invalid datetime"
        | "invalid date-time" => SyntaxCause::BadDate { text: written() },
        d if VALUE_ERRORS.contains(&d) => return value(text, at),
        _ => SyntaxCause::Other,
    };
    (at, cause)
}

/// A table header at byte `at` naming a table met before: written the same
/// way twice, or once `[name]` and once `[[name]]`.
fn table_clash(text: &str, at: usize, name: String) -> SyntaxCause {
    let line = line_around(text, at);
    let array = format!("[[{name}]]");
    let mixed = text[line.clone()].trim_start().starts_with("[[")
        || text[..line.start]
            .lines()
            .any(|earlier| earlier.trim_start().starts_with(&array));
    if mixed {
        SyntaxCause::MixedBrackets { name }
    } else {
        SyntaxCause::DuplicateTable { name }
    }
}

/// A value the parser could not take, judged by how it starts.
fn value(text: &str, at: usize) -> (usize, SyntaxCause) {
    let (start, written) = token(text, at);
    let numeric = written
        .trim_start_matches(['+', '-'])
        .starts_with(|c: char| c.is_ascii_digit());
    let cause = if written.is_empty() {
        SyntaxCause::MissingValue
    } else if numeric {
        SyntaxCause::BadValue { text: written }
    } else {
        SyntaxCause::BareWord { text: written }
    };
    (start, cause)
}

/// The unquoted word around byte `at`, and where it starts.
fn token(text: &str, at: usize) -> (usize, String) {
    let ends = |c: char| c.is_whitespace() || "=,[]{}#".contains(c);
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| ends(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..].find(ends).map_or(text.len(), |i| at + i);
    (start, text[start..end].to_owned())
}

/// The byte range of the line holding byte `offset`, without its line break.
/// An offset at the very end of a text ending in a line break is on its last line.
fn line_around(text: &str, offset: usize) -> Range<usize> {
    let offset = if offset == text.len() {
        text.trim_end_matches(['\n', '\r']).len()
    } else {
        offset
    };
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let end = if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    start..end
}

impl SyntaxCause {
    pub fn render(&self, lang: Lang) -> String {
        use SyntaxCause::*;
        match self {
            UnterminatedString { quote } => lang.pick(
                format!("文字缺少结尾的引号 {quote}，请在文字末尾补上"),
                format!("the text has no closing quote ({quote}); add one at its end"),
            ),
            MissingEquals => lang.pick(
                "键名后面应有等号 =，写成 键 = 值".into(),
                "a key must be followed by = and its value (key = value)".into(),
            ),
            MissingValue => lang.pick(
                "等号后面缺少值".into(),
                "the value after = is missing".into(),
            ),
            DuplicateKey { key } => lang.pick(
                format!("键“{key}”在同一个表中出现了两次，请只保留一个"),
                format!("the key “{key}” appears twice in the same table; keep one"),
            ),
            DuplicateTable { name } => lang.pick(
                format!("表 [{name}] 在前面已经出现过，同一个表只能写一次，请合并为一个"),
                format!("the table [{name}] appears earlier already; a table may appear once, so merge the two"),
            ),
            MixedBrackets { name } => lang.pick(
                format!("表“{name}”既写成了 [{name}] 又写成了 [[{name}]]：有多条时每一条都要写成 [[{name}]]"),
                format!("the table “{name}” is written both as [{name}] and as [[{name}]]; when there are several, write every one as [[{name}]]"),
            ),
            UnclosedHeader => lang.pick(
                "表头缺少结尾的方括号 ]".into(),
                "the table header has no closing ]".into(),
            ),
            UnclosedList => lang.pick(
                "列表缺少结尾的 ]，或各项之间缺少英文逗号".into(),
                "a list is missing its closing ] or a comma between its items".into(),
            ),
            UnclosedInlineTable => lang.pick(
                "行内表 { } 缺少结尾的 }，或各项之间缺少英文逗号".into(),
                "an inline table { } is missing its closing } or a comma between its entries".into(),
            ),
            BareWord { text } => lang.pick(
                format!("文字“{text}”缺少引号，应写成 \"{text}\""),
                format!("the text “{text}” needs double quotes, as \"{text}\""),
            ),
            BadValue { text } => lang.pick(
                format!("“{text}”不是有效的数字或日期，数字只写阿拉伯数字，日期写成 2021-06-01，文字要加英文双引号"),
                format!("“{text}” is neither a number nor a date; write numbers in digits, dates as 2021-06-01 and text in double quotes"),
            ),
            BadDate { text } => lang.pick(
                format!("“{text}”不是有效的日期，日期应写成 2021-06-01 这样（月和日各两位，且是日历上有的日子），带时间的写成 2021-06-01T17:00:00"),
                format!("“{text}” is not a valid date; write a date as 2021-06-01 (a two-digit month and day that exist on the calendar) and a date with a time as 2021-06-01T17:00:00"),
            ),
            FullWidth { found, ascii } => lang.pick(
                format!("这里的 {found} 是中文标点，请改为英文的 {ascii}"),
                format!("the Chinese punctuation mark {found} here must be the ASCII {ascii}"),
            ),
            FullWidthSpace => lang.pick(
                "这里有一个全角空格，请改为半角空格或删去".into(),
                "this is a full-width space; use an ordinary space or remove it".into(),
            ),
            BadKey { key } => lang.pick(
                format!("键名“{key}”不正确，键名只能用英文字母、数字、- 和 _"),
                format!("the key “{key}” is not valid; keys use only ASCII letters, digits, - and _"),
            ),
            TrailingText => lang.pick(
                "值后面多出了内容，每行只写一个 键 = 值，说明文字放在 # 之后".into(),
                "there is more after the value; write one key = value per line, and notes after a #".into(),
            ),
            Other => lang.pick(
                "这里不符合 TOML 格式".into(),
                "this is not valid TOML".into(),
            ),
        }
    }
}
