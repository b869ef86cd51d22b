//! `campaign remind`: a ready-to-send reminder (催报) for every unit of the
//! chase list, and ([`book`]) the 问题清单 workbook of a unit whose form is
//! invalid.
//!
//! A reminder is plain text to paste into WeChat or an e-mail: a greeting,
//! what the unit owes (each report by its title, each key activity by name)
//! with its deadline and weekday, how long overdue or how long left, every
//! error of an invalid form placed as a liaison finds it (the file by its
//! name, the sheet, the row and cell — never a path in the shared folder),
//! whom to ask at the office, the issuer and the date. Which units and which
//! results are owed is the check's chase list ([`crate::status`]); nothing is
//! judged here.

pub mod book;

use chrono::Duration;

use super::{Style, View};
use crate::definition::Campaign;
use crate::lang::Lang;
use crate::read::problem::{Place, Problem};
use crate::status::{Chase, Check, Deadline, Judgement};

/// The reminder to the unit of `chase`, as of the check's instant.
///
/// ```
/// use campaign::definition::{Campaign, DEFAULT_TOML};
/// use campaign::lang::Lang;
/// use campaign::output::remind;
/// use campaign::receipt::Receipts;
/// use campaign::status::{check, Options};
///
/// let campaign = Campaign::parse(DEFAULT_TOML).unwrap();
/// let receipts = Receipts::default();
/// let as_of = chrono::DateTime::parse_from_rfc3339("2021-06-04T09:00:00+08:00").unwrap();
/// let soon = chrono::Duration::days(2);
/// let check = check(&campaign, &[], &receipts, Options { as_of, soon });
///
/// let letter = remind::letter(&check, &campaign, &check.chase[0], Lang::Zh);
/// assert!(letter.starts_with("党建室：\n"));
/// assert!(letter.contains(
///     "\n1. 附件1 联络员表：尚未报送，截止时间为2021年6月3日（星期四），已逾期9小时，请尽快报送。\n"
/// ));
/// assert!(letter.ends_with("\n区城管委\n2021年6月4日\n"));
/// ```
pub fn letter(check: &Check, campaign: &Campaign, chase: &Chase, lang: Lang) -> String {
    let view = view(check, campaign, lang);
    let owed = owed(check, chase);
    let mut text = lang.pick(
        format!("{}：\n\n", chase.unit),
        format!("{}:\n\n", chase.unit),
    );
    text.push_str(&intro(&view, owed.len()));
    for (i, result) in owed.iter().enumerate() {
        text.push_str(&format!("\n{}. {}\n", i + 1, item(result, &view)));
        for (j, problem) in result.errors().iter().enumerate() {
            let fix = sentence(
                &format!("{}{}", place(problem, lang), problem.kind.render(lang)),
                lang,
            );
            text.push_str(&lang.pick(
                format!("（{}）{fix}\n", j + 1),
                format!("({}) {fix}\n", j + 1),
            ));
        }
    }
    text.push('\n');
    text.push_str(&closing(campaign, lang));
    text.push_str(&signature(&view));
    text
}

/// What precedes a unit's reminder on standard output, for the person who
/// sends it: which one of how many, and whom to send it to.
pub fn heading(chase: &Chase, n: usize, total: usize, lang: Lang) -> String {
    let mut text = format!("==== {n}/{total} {} ====\n", chase.unit);
    for line in super::contacts(chase, lang) {
        text.push_str(&line);
        text.push('\n');
    }
    text
}

/// The one line said when no unit (or not `unit`) owes anything.
pub fn nothing_owed(check: &Check, campaign: &Campaign, unit: Option<&str>, lang: Lang) -> String {
    let at = super::when(check.as_of, campaign.timezone, lang);
    match unit {
        Some(unit) => lang.pick(
            format!("截至 {at}，{unit}没有需要催报的事项。\n"),
            format!("As of {at}, {unit} owes nothing.\n"),
        ),
        None => lang.pick(
            format!("截至 {at}，没有需要催报的单位。\n"),
            format!("As of {at}, no unit owes anything.\n"),
        ),
    }
}

/// What `--out` wrote: how many reminders, then one file a line.
pub fn written(units: usize, files: &[String], lang: Lang) -> String {
    let mut text = lang.pick(
        format!("已写好 {units} 个单位的催报消息：\n"),
        match units {
            1 => "the reminder is written for 1 unit:\n".to_owned(),
            _ => format!("reminders written for {units} units:\n"),
        },
    );
    for file in files {
        text.push_str(&format!("  {file}\n"));
    }
    text
}

/// A reminder as a file: UTF-8 with a byte-order mark and CRLF line ends.
/// Notepad before Windows 10 version 1903, still found in offices, takes a
/// file without the mark for the local code page (GBK), and before version
/// 1809 shows lines ended by LF alone as one line; with both, every Notepad
/// and every other editor shows the text as written.
pub fn file_bytes(text: &str) -> Vec<u8> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    bytes
}

/// The name of a unit's reminder file.
pub fn file_name(unit: &str) -> String {
    format!("{unit}.txt")
}

fn view<'a>(check: &'a Check<'a>, campaign: &'a Campaign, lang: Lang) -> View<'a> {
    View {
        check,
        campaign,
        fail_on: &[],
        style: Style { color: false, lang },
    }
}

/// The results `chase` owes, in the check's order.
fn owed<'c>(check: &'c Check, chase: &Chase) -> Vec<&'c Judgement> {
    chase
        .owed
        .iter()
        .filter_map(|&i| check.results.get(i))
        .collect()
}

/// `截至…，贵单位在…中尚有以下2项需要办理：`
fn intro(view: &View, n: usize) -> String {
    let lang = view.style.lang;
    let at = super::when(view.check.as_of, view.campaign.timezone, lang);
    let campaign = &view.campaign.name;
    lang.pick(
        format!("　　截至{at}，贵单位在{campaign}中尚有以下{n}项需要办理：\n"),
        match n {
            1 => format!("As of {at}, 1 item of {campaign} still needs your attention:\n"),
            _ => format!("As of {at}, {n} items of {campaign} still need your attention:\n"),
        },
    )
}

/// Where a result stands against its deadline at the check's instant, in
/// words: the deadline (`截止时间为…`) and how long ago or ahead it is.
enum Timing {
    Passed { due: String, by: String },
    Ahead { due: String, left: String },
    Undated,
}

impl Timing {
    fn of(result: &Judgement, view: &View) -> Timing {
        let Some(deadline) = &result.deadline else {
            return Timing::Undated;
        };
        let lang = view.style.lang;
        let due = due(deadline, view);
        let left = deadline.instant(view.campaign.timezone) - view.check.as_of;
        if left < Duration::zero() {
            let by = super::amount(-left, lang);
            Timing::Passed { due, by }
        } else {
            let left = super::amount(left, lang);
            Timing::Ahead { due, left }
        }
    }
}

/// One owed result: its name, where it stands and what to do.
fn item(result: &Judgement, view: &View) -> String {
    let lang = view.style.lang;
    let name = super::result_name(result, view.campaign);
    let timing = Timing::of(result, view);
    let state = match result.errors().len() {
        0 => to_send(&timing, lang),
        n => to_fix(result, n, &timing, lang),
    };
    lang.pick(format!("{name}：{state}"), format!("{name}: {state}"))
}

/// A result not received: missing, or pending and due soon.
fn to_send(timing: &Timing, lang: Lang) -> String {
    match timing {
        Timing::Passed { due, by } => lang.pick(
            format!("尚未报送，{due}，已逾期{by}，请尽快报送。"),
            format!("not received; {due}, {by} overdue. Please send it as soon as possible."),
        ),
        Timing::Ahead { due, left } => lang.pick(
            format!("尚未报送，{due}，还剩{left}，请按时报送。"),
            format!("not received yet; {due}, {left} left. Please send it on time."),
        ),
        Timing::Undated => lang
            .pick(
                "尚未报送，请尽快报送。",
                "not received. Please send it as soon as possible.",
            )
            .to_owned(),
    }
}

/// A result received with `n` errors in the version that counts.
fn to_fix(result: &Judgement, n: usize, timing: &Timing, lang: Lang) -> String {
    let file = result
        .counted()
        .map_or("", |version| base_name(&version.path));
    let found = lang.pick(
        format!("已收到的文件“{file}”有{n}处需要修改"),
        match n {
            1 => format!("the file you sent, “{file}”, has 1 entry to correct"),
            _ => format!("the file you sent, “{file}”, has {n} entries to correct"),
        },
    );
    let them = if n == 1 { "it" } else { "them" };
    match timing {
        Timing::Passed { due, by } => lang.pick(
            format!("{found}，{due}，已过{by}，请尽快改正后重新报送："),
            format!("{found}; {due}, {by} ago. Please correct {them} and send the file again as soon as possible:"),
        ),
        Timing::Ahead { due, left } => lang.pick(
            format!("{found}，{due}，还剩{left}，请在截止前改正后重新报送："),
            format!("{found}; {due}, {left} left. Please correct {them} and send the file again before then:"),
        ),
        Timing::Undated => lang.pick(
            format!("{found}，请改正后重新报送："),
            format!("{found}. Please correct {them} and send the file again:"),
        ),
    }
}

/// `截止时间为2021年6月3日（星期四）`, or `截止时间已延期至…` after an extension.
fn due(deadline: &Deadline, view: &View) -> String {
    let lang = view.style.lang;
    let day = super::due_with_weekday(deadline, view.campaign.timezone, lang);
    match (&deadline.extension, lang) {
        (None, Lang::Zh) => format!("截止时间为{day}"),
        (None, Lang::En) => format!("due {day}"),
        (Some(_), Lang::Zh) => format!("截止时间已延期至{day}"),
        (Some(_), Lang::En) => format!("extended to {day}"),
    }
}

/// Where in the file a problem sits, as a liaison looks for it, followed by
/// the separator before the message: `工作表“附件2”第5行（C5单元格）：`.
fn place(problem: &Problem, lang: Lang) -> String {
    let sheet = problem.sheet.as_deref().unwrap_or_default();
    match (problem.place, lang) {
        (Place::File, _) => String::new(),
        (Place::Sheet, Lang::Zh) => format!("工作表“{sheet}”："),
        (Place::Sheet, Lang::En) => format!("Sheet “{sheet}”: "),
        (Place::Row(row), Lang::Zh) => format!("工作表“{sheet}”第{}行：", row + 1),
        (Place::Row(row), Lang::En) => format!("Sheet “{sheet}”, row {}: ", row + 1),
        (Place::Cell(cell), Lang::Zh) => {
            format!("工作表“{sheet}”第{}行（{cell}单元格）：", cell.row + 1)
        }
        (Place::Cell(cell), Lang::En) => {
            format!("Sheet “{sheet}”, row {} (cell {cell}): ", cell.row + 1)
        }
    }
}

/// `text` ending as a sentence does.
fn sentence(text: &str, lang: Lang) -> String {
    if text.ends_with(['。', '.', '！', '!', '？', '?']) {
        return text.to_owned();
    }
    format!("{text}{}", lang.pick("。", "."))
}

/// The name of a file without its folders: a liaison knows the file they
/// sent, not where it lies in the shared folder.
fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Whom to ask at the office, with the numbers campaign.toml gives.
fn closing(campaign: &Campaign, lang: Lang) -> String {
    let contact = &campaign.contact;
    let office = [&campaign.office, &campaign.issuer]
        .into_iter()
        .find(|name| !name.trim().is_empty());
    let whom = match (office, &contact.name, lang) {
        (Some(office), Some(name), Lang::Zh) => format!("{office}{name}"),
        (Some(office), Some(name), Lang::En) => format!("{name} at {office}"),
        (Some(office), None, _) => office.clone(),
        (None, Some(name), _) => name.clone(),
        (None, None, _) => lang.pick("我们", "us").to_owned(),
    };
    let mut numbers = Vec::new();
    if let Some(phone) = &contact.phone {
        numbers.push(lang.pick(format!("电话：{phone}"), format!("phone {phone}")));
    }
    if let Some(email) = &contact.email {
        numbers.push(lang.pick(format!("邮箱：{email}"), format!("e-mail {email}")));
    }
    let numbers = if numbers.is_empty() {
        String::new()
    } else {
        lang.pick(
            format!("（{}）", numbers.join("，")),
            format!(" ({})", numbers.join(", ")),
        )
    };
    lang.pick(
        format!("　　请抓紧办理。如有疑问，请与{whom}联系{numbers}。谢谢！\n"),
        format!("Please attend to this soon. If you have any questions, please contact {whom}{numbers}. Thank you.\n"),
    )
}

/// The issuer and the day of the reminder (the check's instant), right after
/// a blank line.
fn signature(view: &View) -> String {
    let lang = view.style.lang;
    let campaign = view.campaign;
    let day = view
        .check
        .as_of
        .with_timezone(&campaign.timezone)
        .date_naive();
    let day = match lang {
        Lang::Zh => crate::zh::date(day),
        Lang::En => day.format("%Y-%m-%d").to_string(),
    };
    let issuer = [&campaign.issuer, &campaign.office]
        .into_iter()
        .find(|name| !name.trim().is_empty());
    match issuer {
        Some(issuer) => format!("\n{issuer}\n{day}\n"),
        None => format!("\n{day}\n"),
    }
}
