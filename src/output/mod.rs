//! Renders a [`Check`] for people and for other tools: a terminal table, the
//! JSON of SPEC §6, a Markdown job summary, JUnit XML and GitHub annotations
//! for CI, a status page for the leaders (these four with telephone numbers
//! masked, [`mask_phones`]); in [`explain`], how one file was read; in
//! [`overview`], what a bare `campaign` says; in [`remind`], a reminder
//! (催报) per unit of the chase list and its 问题清单 workbook; in
//! [`receive`], what `campaign receive` says about the files it filed.
//!
//! Reporters are values behind one trait: adding a format is adding a
//! reporter, not touching the engine. This module also owns the vocabulary
//! the formats share — the text of a status cell (按时, 逾期3天, 待报（剩2天）…),
//! the unit × report matrix, dates as people write them — so that the table
//! and the Markdown summary never disagree. It judges nothing itself: every
//! status comes from [`crate::status`].

pub mod diff;
pub mod explain;
mod github;
mod html;
mod json;
mod junit;
mod markdown;
pub mod overview;
mod privacy;
pub mod receive;
pub mod remind;
mod table;

pub use privacy::mask_phones;

use std::fmt::Write as _;

use chrono::{DateTime, Duration, FixedOffset, SecondsFormat};

use crate::definition::{Campaign, Due, ReportKind};
use crate::lang::Lang;
use crate::read::problem::Problem;
use crate::receipt::Via;
use crate::status::{Chase, Check, Contact, Deadline, Judgement, Standing, Status};

/// The output formats of `campaign check --format` (SPEC §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// 终端表格 / a table for the terminal
    #[default]
    Table,
    /// 供其他工具读取的 JSON / JSON for other tools
    Json,
    /// CI 摘要用的 Markdown / Markdown for a CI job summary
    Markdown,
    /// CI 测试报告用的 JUnit XML / JUnit XML for CI test reports
    Junit,
    /// 供领导阅读的报送情况页面（单个 HTML 文件）/ a status page for leaders (one self-contained HTML file)
    Html,
    /// GitHub Actions 注释：每个问题标在其文件上 / GitHub Actions annotations: every problem on its file
    Github,
}

impl Format {
    /// The flag value, as typed after `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Junit => "junit",
            Format::Html => "html",
            Format::Github => "github",
        }
    }

    /// Whether the format is made for CI, read by everyone who can see a
    /// pipeline: then no telephone number may appear anywhere in it. (The
    /// status page, published too, masks what units wrote itself: its own
    /// numbers are not to be masked.)
    fn for_ci(self) -> bool {
        matches!(self, Format::Markdown | Format::Junit | Format::Github)
    }

    /// The reporter of this format.
    fn reporter(self) -> &'static dyn Reporter {
        match self {
            Format::Table => &table::Table,
            Format::Json => &json::Json,
            Format::Markdown => &markdown::Markdown,
            Format::Junit => &junit::Junit,
            Format::Html => &html::Html,
            Format::Github => &github::Github,
        }
    }
}

/// How output is dressed: colour (only the table uses it) and language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub color: bool,
    pub lang: Lang,
}

/// Everything a reporter needs to render one check.
pub(crate) struct View<'a> {
    pub check: &'a Check<'a>,
    pub campaign: &'a Campaign,
    /// The statuses that count as failures (`--fail-on`).
    pub fail_on: &'a [Status],
    pub style: Style,
}

/// One output format.
pub(crate) trait Reporter {
    fn render(&self, view: &View) -> String;
}

/// Renders a check in `format`. `fail_on`: the statuses that count as failures
/// (JUnit failures; also used to mark rows in table and Markdown).
pub fn render(
    format: Format,
    check: &Check,
    campaign: &Campaign,
    fail_on: &[Status],
    style: Style,
) -> String {
    let view = View {
        check,
        campaign,
        fail_on,
        style,
    };
    let text = format.reporter().render(&view);
    if format.for_ci() {
        mask_phones(&text)
    } else {
        text
    }
}

/// Whether the table may be coloured on standard output, by the terminal
/// conventions of Rust's command-line tools (anstream's, which clap follows
/// too): on a terminal that shows colour (`TERM=dumb` does not), never with
/// `NO_COLOR` or `CLICOLOR=0`, and with `CLICOLOR_FORCE` wherever it goes.
pub fn color_on_stdout() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

// ── The vocabulary every format shares ──────────────────────────────────

/// How a status is coloured: on a terminal, on the status page and in the
/// status workbook alike, so that no two of them disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    Plain,
    Good,
    Warn,
    Bad,
    Dim,
}

impl Tone {
    pub(crate) const ALL: [Tone; 5] = [Tone::Good, Tone::Warn, Tone::Bad, Tone::Plain, Tone::Dim];

    /// The colour of the text and of its background, as `0xRRGGBB`, for the
    /// page and the workbook (a terminal has its own eight colours).
    pub(crate) fn colours(self) -> (u32, u32) {
        match self {
            Tone::Good => (0x17663a, 0xdcf3e4),
            Tone::Warn => (0x8a5300, 0xfdefc8),
            Tone::Bad => (0xa61b1b, 0xfde0de),
            Tone::Plain => (0x3d4756, 0xe8ecf2),
            Tone::Dim => (0x7a828f, 0xf1f2f4),
        }
    }

    /// Its name, as the page's classes and colour variables use it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Tone::Plain => "plain",
            Tone::Good => "good",
            Tone::Warn => "warn",
            Tone::Bad => "bad",
            Tone::Dim => "dim",
        }
    }

    fn of(result: &Judgement) -> Tone {
        match result.status() {
            Status::Pending if result.due_soon() => Tone::Warn,
            status => Tone::of_status(status),
        }
    }

    pub(crate) fn of_status(status: Status) -> Tone {
        match status {
            Status::Ok => Tone::Good,
            Status::Late => Tone::Warn,
            Status::Missing | Status::Invalid => Tone::Bad,
            Status::Pending => Tone::Plain,
            Status::Exempt => Tone::Dim,
        }
    }
}

/// A run of text of one tone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub text: String,
    pub tone: Tone,
}

/// Spans as text alone, without their tones (for Markdown, and for
/// measuring a cell before it is painted).
pub(crate) fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// The marks appended to a status cell, explained by the legend.
pub(crate) const EXTENDED: &str = "*";
pub(crate) const REVISED: &str = "↻";
/// A result dated by a file's modification time: not committed yet.
pub(crate) const UNCOMMITTED: &str = "†";
/// The row mark of a unit with a result in a `--fail-on` status.
pub(crate) const FLAGGED: &str = "✗";
/// A materials cell of a unit that has no key activity (no valid 附件2 yet).
pub(crate) const NOTHING: &str = "—";

/// The status of one result as people read it: 按时, 逾期3天, 待报（剩2天）,
/// 即将到期（剩5小时）… (without the marks).
pub(crate) fn label(result: &Judgement, view: &View) -> String {
    let lang = view.style.lang;
    let status = result.status();
    let base = status.label(lang);
    let left = result
        .deadline
        .as_ref()
        .map(|d| d.instant(view.campaign.timezone) - view.check.as_of);
    match (&result.standing, left) {
        (Standing::Received(received), _) if status == Status::Late => match received.late_by {
            Some(by) => {
                let by = amount(by, lang);
                lang.pick(format!("{base}{by}"), format!("{base} {by}"))
            }
            None => base.to_owned(),
        },
        (Standing::Pending { due_soon: true }, Some(left)) if left >= Duration::days(1) => {
            let left = amount(left, lang);
            lang.pick(
                format!("{base}（剩{left}）"),
                format!("{base} ({left} left)"),
            )
        }
        (Standing::Pending { due_soon: true }, Some(left)) => {
            let left = amount(left, lang);
            lang.pick(
                format!("即将到期（剩{left}）"),
                format!("due soon ({left} left)"),
            )
        }
        _ => base.to_owned(),
    }
}

/// The marks of one result: `*` when an extension applied, `↻` when revised,
/// `†` when dated by a modification time (not committed yet).
pub(crate) fn marks(result: &Judgement) -> String {
    let mut text = String::new();
    if result
        .deadline
        .as_ref()
        .is_some_and(|d| d.extension.is_some())
    {
        text.push_str(EXTENDED);
    }
    let received = result.received();
    if received.is_some_and(|r| r.revised.is_some()) {
        text.push_str(REVISED);
    }
    if received.is_some_and(|r| r.via == Via::Mtime) {
        text.push_str(UNCOMMITTED);
    }
    text
}

/// The label followed by its marks.
pub(crate) fn marked_label(result: &Judgement, view: &View) -> String {
    format!("{}{}", label(result, view), marks(result))
}

/// How long, as people round it: whole days if at least one, else whole
/// hours, else minutes (at least one).
pub(crate) fn amount(duration: Duration, lang: Lang) -> String {
    let (n, zh, en) = if duration.num_days() >= 1 {
        (duration.num_days(), "天", "day")
    } else if duration.num_hours() >= 1 {
        (duration.num_hours(), "小时", "hour")
    } else {
        let minutes = (duration.num_seconds() + 59) / 60;
        (minutes.max(1), "分钟", "minute")
    };
    lang.pick(format!("{n}{zh}"), counted(n, en))
}

/// `n` English nouns, the noun in the plural unless there is one.
pub(crate) fn counted(n: i64, noun: &str) -> String {
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} {noun}{plural}")
}

/// The campaign's status matrix: one row per unit, one column per report,
/// both in campaign order.
pub(crate) struct Matrix {
    /// The reports' short names (附件1, 活动方案 …).
    pub headers: Vec<String>,
    pub rows: Vec<MatrixRow>,
    /// Which marks occur, for the legend.
    pub any_flagged: bool,
    /// Every mark that occurs in a cell, for the legend.
    pub marks: String,
}

pub(crate) struct MatrixRow {
    pub unit: String,
    /// Some result of the unit is in a `--fail-on` status.
    pub flagged: bool,
    /// One cell per report, as coloured spans.
    pub cells: Vec<Vec<Span>>,
    /// Per cell, the statuses of the results it shows (none for a cell
    /// without results), for outputs that colour a whole cell.
    pub statuses: Vec<Vec<Status>>,
}

impl Matrix {
    pub fn new(view: &View) -> Matrix {
        let lang = view.style.lang;
        let mut matrix = Matrix {
            headers: view
                .campaign
                .reports
                .iter()
                .map(|r| r.short.clone())
                .collect(),
            rows: Vec::new(),
            any_flagged: false,
            marks: String::new(),
        };
        for unit in &view.campaign.units {
            let of_unit: Vec<&Judgement> = view
                .check
                .results
                .iter()
                .filter(|r| r.unit == unit.name)
                .collect();
            let flagged = of_unit.iter().any(|r| view.fail_on.contains(&r.status()));
            matrix.any_flagged |= flagged;
            let mut cells = Vec::new();
            let mut statuses = Vec::new();
            for report in &view.campaign.reports {
                let results: Vec<&Judgement> = of_unit
                    .iter()
                    .copied()
                    .filter(|r| r.report == report.id)
                    .collect();
                let per_activity = matches!(report.kind, ReportKind::Materials { .. })
                    && results.iter().any(|r| r.activity.is_some());
                let cell = match results.as_slice() {
                    [] => vec![Span {
                        text: NOTHING.to_owned(),
                        tone: Tone::Plain,
                    }],
                    [result] if !per_activity => {
                        matrix.marks.push_str(&marks(result));
                        vec![Span {
                            text: marked_label(result, view),
                            tone: Tone::of(result),
                        }]
                    }
                    _ => {
                        results
                            .iter()
                            .for_each(|r| matrix.marks.push_str(&marks(r)));
                        counts(&results, lang)
                    }
                };
                cells.push(cell);
                statuses.push(results.iter().map(|r| r.status()).collect());
            }
            matrix.rows.push(MatrixRow {
                unit: unit.name.clone(),
                flagged,
                cells,
                statuses,
            });
        }
        matrix
    }

    /// The legend of the marks that occur, or `None` when no mark occurs.
    pub fn legend(&self, view: &View) -> Option<String> {
        let lang = view.style.lang;
        let mut parts = Vec::new();
        if self.any_flagged {
            let statuses: Vec<&str> = view.fail_on.iter().map(|s| s.label(lang)).collect();
            parts.push(lang.pick(
                format!("{FLAGGED} 有{}事项", statuses.join("、")),
                format!("{FLAGGED} has a result that is {}", statuses.join(" or ")),
            ));
        }
        if self.marks.contains(EXTENDED) {
            parts.push(lang.pick(
                format!("{EXTENDED} 已延期"),
                format!("{EXTENDED} deadline extended"),
            ));
        }
        if self.marks.contains(REVISED) {
            parts.push(lang.pick(
                format!("{REVISED} 已修订（以最新版本为准）"),
                format!("{REVISED} revised (the newest version counts)"),
            ));
        }
        if self.marks.contains(UNCOMMITTED) {
            parts.push(lang.pick(
                format!("{UNCOMMITTED} 尚未提交，收到时间按文件修改时间计"),
                format!("{UNCOMMITTED} not committed yet: dated by the file's modification time"),
            ));
        }
        if parts.is_empty() {
            return None;
        }
        Some(parts.join(lang.pick("　", "   ")))
    }
}

/// A cell holding several results (a unit's key activities): the count by
/// status, each followed by the marks of its results.
fn counts(results: &[&Judgement], lang: Lang) -> Vec<Span> {
    let mut spans = Vec::new();
    for status in Status::ALL {
        let of_status: Vec<&&Judgement> = results.iter().filter(|r| r.status() == status).collect();
        let n = of_status.len();
        if n == 0 {
            continue;
        }
        let mut marked = String::new();
        for c in of_status
            .iter()
            .flat_map(|r| marks(r).chars().collect::<Vec<_>>())
        {
            if !marked.contains(c) {
                marked.push(c);
            }
        }
        if !spans.is_empty() {
            spans.push(Span {
                text: " ".to_owned(),
                tone: Tone::Plain,
            });
        }
        spans.push(Span {
            text: lang.pick(
                format!("{}{n}{marked}", status.label(lang)),
                format!("{} {n}{marked}", status.label(lang)),
            ),
            tone: Tone::of_status(status),
        });
    }
    spans
}

/// The counts per status: `共 84 项：按时 12，逾期 3，…`, with each part's tone.
pub(crate) fn summary(check: &Check, lang: Lang) -> Vec<Span> {
    let mut spans = vec![Span {
        text: lang.pick(
            format!("共 {} 项：", check.results.len()),
            format!("{} results: ", check.results.len()),
        ),
        tone: Tone::Plain,
    }];
    for (i, status) in Status::ALL.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span {
                text: lang.pick("，", ", ").to_owned(),
                tone: Tone::Plain,
            });
        }
        let n = check.count(status);
        spans.push(Span {
            text: format!("{} {n}", status.label(lang)),
            tone: if n == 0 {
                Tone::Plain
            } else {
                Tone::of_status(status)
            },
        });
    }
    spans
}

/// The heading of a human format: the campaign and the instant judged,
/// `2021年“安全生产月”活动　截至 2021年6月9日 12:00`.
pub(crate) fn heading(view: &View) -> String {
    let lang = view.style.lang;
    format!(
        "{}{}{}",
        view.check.campaign,
        lang.pick("　", " — "),
        as_of(view)
    )
}

/// `截至 2021年6月9日 12:00` / `as of 2021-06-09 12:00`.
pub(crate) fn as_of(view: &View) -> String {
    let at = when(view.check.as_of, view.campaign.timezone, view.style.lang);
    view.style
        .lang
        .pick(format!("截至 {at}"), format!("as of {at}"))
}

/// An instant as people write it, in the campaign's time zone:
/// `2021年6月3日 16:30` / `2021-06-03 16:30`.
pub(crate) fn when(at: DateTime<FixedOffset>, tz: FixedOffset, lang: Lang) -> String {
    let local = at.with_timezone(&tz).naive_local();
    match lang {
        Lang::Zh => format!(
            "{} {}",
            crate::zh::date(local.date()),
            local.format("%H:%M")
        ),
        Lang::En => local.format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// A deadline as the definition states it: the day alone for a date
/// deadline (`2021年6月3日`), the day and time for an exact one.
pub(crate) fn due_when(deadline: &Deadline, tz: FixedOffset, lang: Lang) -> String {
    match deadline.due {
        Due::EndOfDay(day) => match lang {
            Lang::Zh => crate::zh::date(day),
            Lang::En => day.format("%Y-%m-%d").to_string(),
        },
        Due::At(at) => when(at, tz, lang),
    }
}

/// A deadline with its weekday, as a notice states it:
/// `2021年6月28日（星期一）` / `2021-06-28 (Monday)`, with the time for an
/// exact deadline.
pub(crate) fn due_with_weekday(deadline: &Deadline, tz: FixedOffset, lang: Lang) -> String {
    let day = deadline.due.date(tz);
    let day = match lang {
        Lang::Zh => crate::zh::date_with_weekday(day),
        Lang::En => day.format("%Y-%m-%d (%A)").to_string(),
    };
    match deadline.due {
        Due::EndOfDay(_) => day,
        Due::At(at) => format!("{day} {}", at.with_timezone(&tz).format("%H:%M")),
    }
}

/// A deadline within the campaign's year, short: `6月28日` / `Jun 28`, with
/// the time for an exact deadline.
pub(crate) fn due_day(deadline: &Deadline, tz: FixedOffset, lang: Lang) -> String {
    let day = |date: chrono::NaiveDate| match lang {
        Lang::Zh => date.format("%-m月%-d日").to_string(),
        Lang::En => date.format("%b %-d").to_string(),
    };
    match deadline.due {
        Due::EndOfDay(date) => day(date),
        Due::At(at) => {
            let local = at.with_timezone(&tz).naive_local();
            format!("{} {}", day(local.date()), local.format("%H:%M"))
        }
    }
}

/// How a receipt time was learnt, in words: 收件登记, git 提交, 文件修改时间（未提交）.
pub(crate) fn via(via: Via, lang: Lang) -> &'static str {
    match via {
        Via::Ledger => lang.pick("收件登记", "receipt ledger"),
        Via::Git => lang.pick("git 提交", "git commit"),
        Via::Mtime => lang.pick(
            "未提交，按文件修改时间",
            "not committed: file modification time",
        ),
    }
}

/// RFC 3339 in the campaign's time zone, to the second: `2021-06-03T23:59:59+08:00`.
pub fn rfc3339(at: DateTime<FixedOffset>, tz: FixedOffset) -> String {
    at.with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Problems grouped by file, files in order of first appearance.
pub(crate) fn by_file(problems: &[Problem]) -> Vec<(&str, Vec<&Problem>)> {
    let mut groups: Vec<(&str, Vec<&Problem>)> = Vec::new();
    for problem in problems {
        match groups.iter_mut().find(|(file, _)| *file == problem.file) {
            Some((_, list)) => list.push(problem),
            None => groups.push((&problem.file, vec![problem])),
        }
    }
    groups
}

/// The name of a result as a line of a list: `附件1 联络员表` or
/// `重点活动资料 · 应急演练`.
pub(crate) fn result_name(result: &Judgement, campaign: &Campaign) -> String {
    let title = campaign
        .report(&result.report.0)
        .map_or(result.report.0.as_str(), |r| r.title.as_str());
    match &result.activity {
        Some(activity) => format!("{title} · {activity}"),
        None => title.to_owned(),
    }
}

/// One line per liaison, and where they come from if that is an invalid
/// form; or a note that there is none on record.
pub(crate) fn contacts(chase: &Chase, lang: Lang) -> Vec<String> {
    if chase.contacts.is_empty() {
        return vec![
            lang.pick(
                "（暂无联络员信息：尚未收到填有姓名和电话的联络员表）",
                "(no liaison on record: no liaison form with a name and a number yet)",
            )
            .to_owned(),
        ];
    }
    let mut lines: Vec<String> = chase
        .contacts
        .iter()
        .map(|contact| contact_line(contact, lang))
        .collect();
    if let Some(file) = &chase.from_invalid {
        lines.push(lang.pick(
            format!("（联络员取自有误的表格 {file}，姓名和电话本身无误）"),
            format!(
                "(liaisons taken from the invalid form {file}; their names and numbers are valid)"
            ),
        ));
    }
    lines
}

/// `联络员 赵六 手机 13800001234 办公电话 022-12345678`
fn contact_line(contact: &Contact, lang: Lang) -> String {
    let mut line = format!("{} {}", lang.pick("联络员", "liaison"), contact.name);
    if let Some(mobile) = &contact.mobile {
        let _ = write!(line, " {} {mobile}", lang.pick("手机", "mobile"));
    }
    if let Some(phone) = &contact.phone {
        let _ = write!(line, " {} {phone}", lang.pick("办公电话", "office"));
    }
    line
}

/// A note when the instant judged lies before the latest change among the
/// files: statuses are as they stood then, contents as they are now.
pub(crate) fn later_change_note(view: &View) -> Option<String> {
    let later = view.check.later_change?;
    let tz = view.campaign.timezone;
    let lang = view.style.lang;
    let (as_of, later) = (when(view.check.as_of, tz, lang), when(later, tz, lang));
    Some(lang.pick(
        format!("注意：状态按 {as_of} 判断，但表格内容按现在的文件读取（最近一次收到或修改在 {later}），当时的内容可能与现在不同。"),
        format!("Note: statuses are judged as of {as_of}, but contents are read from the files as they are now (the latest receipt or change was at {later}), which may differ from what they held then."),
    ))
}

/// One line per file moved or renamed inside `submissions/` since it arrived:
/// where it came from, and that it keeps its first receipt time.
pub(crate) fn moves(view: &View) -> Vec<String> {
    let tz = view.campaign.timezone;
    let lang = view.style.lang;
    let mut lines: Vec<String> = Vec::new();
    let versions = view.check.results.iter().flat_map(|r| &r.versions);
    for version in versions {
        let Some(moved) = &version.moved else {
            continue;
        };
        let (at, received) = (when(moved.at, tz, lang), when(version.received, tz, lang));
        let line = lang.pick(
            format!(
                "{}：{at} 由 {} 移入，收到时间仍按首次收到的 {received} 计",
                version.path, moved.from
            ),
            format!(
                "{}: moved from {} at {at}; still received at its first arrival, {received}",
                version.path, moved.from
            ),
        );
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines
}

/// The receipt ledger's problems as the human formats list them.
pub(crate) fn ledger_lines(view: &View) -> Vec<String> {
    view.check
        .ledger
        .iter()
        .map(|problem| problem.render_in_file(view.style.lang))
        .collect()
}

/// The commits whose times look wrong, as the human formats list them.
pub(crate) fn history_lines(view: &View) -> Vec<String> {
    view.check
        .history
        .iter()
        .map(|warning| warning.render(view.style.lang))
        .collect()
}

/// What stood in for the contents the history cannot give at the instant
/// judged, as the human formats list them.
pub(crate) fn substitute_lines(view: &View) -> Vec<String> {
    view.check
        .substitutes
        .iter()
        .map(|substitute| substitute.render(view.style.lang))
        .collect()
}

/// The heading of [`substitute_lines`].
pub(crate) fn substitute_heading(lang: Lang) -> &'static str {
    lang.pick(
        "当时的内容无法从历史中得出（以下用其他版本代替）",
        "Contents the history cannot give at the instant judged (what stands in)",
    )
}

/// The heading of [`history_lines`].
pub(crate) fn history_heading(lang: Lang) -> &'static str {
    lang.pick(
        "提交时间存疑（由这些提交得出的收到时间未必可信）",
        "Doubtful commit times (receipt times taken from these commits may not hold)",
    )
}

/// How many problems a short list shows before it says how many there are.
pub const FIRST_PROBLEMS: usize = 3;

/// A list of problems cut to the first [`FIRST_PROBLEMS`], saying how many
/// there are in all when some are left out: `…；等 5 处` / `…; and 2 more`.
pub fn first_problems(problems: &[Problem], lang: Lang) -> String {
    let shown: Vec<String> = problems
        .iter()
        .take(FIRST_PROBLEMS)
        .map(|p| p.text(lang))
        .collect();
    let mut text = shown.join(lang.pick("；", "; "));
    if problems.len() > FIRST_PROBLEMS {
        let (all, more) = (problems.len(), problems.len() - FIRST_PROBLEMS);
        text.push_str(&lang.pick(format!("；等 {all} 处"), format!("; and {more} more")));
    }
    text
}

/// Whether a unit is done with the report of one matrix cell: every result it
/// owes there is in, on time or late, and valid. `None` when it owes nothing
/// there (exempt, or no key activity yet). An invalid report is not done: it
/// must be sent again.
pub(crate) fn done(statuses: &[Status]) -> Option<bool> {
    let owed: Vec<&Status> = statuses.iter().filter(|s| **s != Status::Exempt).collect();
    if owed.is_empty() {
        return None;
    }
    Some(owed.iter().all(|s| matches!(s, Status::Ok | Status::Late)))
}

/// Done out of owed, counted by matrix cell (unit × report, [`done`]): the
/// completion the status page and the status workbook both show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub done: usize,
    pub owed: usize,
}

impl FromIterator<Option<bool>> for Tally {
    fn from_iter<I: IntoIterator<Item = Option<bool>>>(iter: I) -> Tally {
        let mut tally = Tally::default();
        for done in iter.into_iter().flatten() {
            tally.owed += 1;
            tally.done += usize::from(done);
        }
        tally
    }
}

impl Tally {
    pub(crate) fn complete(self) -> bool {
        self.owed > 0 && self.done == self.owed
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_thing_is_singular_and_any_other_number_plural() {
        assert_eq!(super::counted(1, "error"), "1 error");
        assert_eq!(super::counted(0, "error"), "0 errors");
        assert_eq!(super::counted(2, "warning"), "2 warnings");
    }
}
