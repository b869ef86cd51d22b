//! What `campaign receive` says: when and how the files came, then one line
//! per file handed over — the unit, the report or key activity, the status it
//! now has against its deadline and where it was put — or why it was not
//! filed; and the message of each unit's commit.
//!
//! Statuses are the check's ([`Check::standing_of`] on the campaign with the
//! new files in), worded as `check` words them (`super::marked_label`).

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};

use super::{Style, View, due_day, first_problems, marked_label, result_name, when};
use crate::definition::{Campaign, Due, Report, ReportKind};
use crate::lang::Lang;
use crate::read::problem::{Kind, Problem};
use crate::receive::{
    ArchiveError, Clash, Filed, Given, Handled, LinkEnd, MAX_ENTRIES, NameFault, Outcome, Refusal,
    What, WindowsFault, shown,
};
use crate::status::{Check, Deadline, Status};

/// Whether the files were filed or only planned (`--dry-run`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Filed,
    DryRun,
}

/// Everything `receive` prints about its files.
pub fn render(
    handled: &[Handled],
    check: &Check,
    campaign: &Campaign,
    given: &Given,
    mode: Mode,
    lang: Lang,
) -> String {
    let view = View {
        check,
        campaign,
        fail_on: &[],
        style: Style { color: false, lang },
    };
    let at = when(given.at, campaign.timezone, lang);
    let channel = channel(given.via, lang);
    let mut out = match mode {
        Mode::Filed => lang.pick(
            format!("收到时间：{at}（{channel}）\n"),
            format!("Received {at} ({channel})\n"),
        ),
        Mode::DryRun => lang.pick(
            format!("试运行，不作任何改动。收到时间：{at}（{channel}）\n"),
            format!("Dry run: nothing is changed. Received {at} ({channel})\n"),
        ),
    };
    for one in handled {
        let line = match &one.outcome {
            Outcome::Filed(filed) => filed_line(filed, &view, mode),
            Outcome::Duplicate(earlier) => duplicate(earlier, lang),
            Outcome::Refused(refusal) => lang.pick(
                format!("未收下。{}", refusal_text(refusal, lang)),
                format!("not received. {}", refusal_text(refusal, lang)),
            ),
        };
        let _ = writeln!(out, "{}{}{line}", one.name, lang.pick("：", ": "));
    }
    out
}

/// `区环境卫生服务中心 附件3 活动进展情况统计表：按时（截止6月28日），已存为 submissions/…`
fn filed_line(filed: &Filed, view: &View, mode: Mode) -> String {
    let lang = view.style.lang;
    let first = &filed.files[0].delivery.entry.path;
    let standing = view.check.standing_of(first);
    let mut results: Vec<String> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    for (result, counts) in &standing.versions {
        let mut text = format!(
            "{}{}",
            result_name(result, view.campaign),
            lang.pick("：", ": ")
        );
        text.push_str(&marked_label(result, view));
        if let Some(deadline) = &result.deadline {
            let due = due_day(deadline, view.campaign.timezone, lang);
            text.push_str(&lang.pick(format!("（截止{due}）"), format!(" (due {due})")));
        }
        match result.counted() {
            Some(newer) if !counts => text.push_str(&lang.pick(
                format!("，但已有较新的版本 {}，本文件不计入", newer.path),
                format!(
                    ", but the newer version {} counts, not this file",
                    newer.path
                ),
            )),
            _ if result.status() == Status::Invalid => problems.extend_from_slice(result.errors()),
            _ => {}
        }
        results.push(text);
    }
    if let Some(problem) = standing.unassigned {
        let reason = problem.message(lang);
        results.push(lang.pick(
            format!("{}：不计入（{reason}）", what(filed, view.campaign)),
            format!(
                "{}: counts for nothing ({reason})",
                what(filed, view.campaign)
            ),
        ));
    }
    let mut line = format!(
        "{} {}{}{}",
        filed.unit,
        results.join(lang.pick("；", "; ")),
        lang.pick("，", ", "),
        placed(filed, mode, lang)
    );
    if !problems.is_empty() {
        let problems = first_problems(&problems, lang);
        line.push_str(&lang.pick(
            format!("。需要修改：{problems}"),
            format!(". To correct: {problems}"),
        ));
    }
    line
}

/// What a filed file is, when the check has no result for it: its reports'
/// titles, or the key activity's materials.
fn what(filed: &Filed, campaign: &Campaign) -> String {
    let title = |id: &str| {
        campaign
            .report(id)
            .map_or(id.to_owned(), |r| r.title.clone())
    };
    match &filed.what {
        What::Reports(reports) => {
            let titles: Vec<String> = reports.iter().map(|r| title(&r.0)).collect();
            titles.join("、")
        }
        What::Materials { activity } => {
            let title = materials(campaign).map_or("", |r| r.title.as_str());
            format!("{title} · {activity}")
        }
    }
}

/// The campaign's key-activity materials report.
fn materials(campaign: &Campaign) -> Option<&Report> {
    campaign
        .reports
        .iter()
        .find(|r| matches!(r.kind, ReportKind::Materials { .. }))
}

/// Where the file went: `已存为 <path>`, or for an archive
/// `12 个文件已解压到 <folder>/（另有 2 个文件此前已收到，未重复保存）`.
fn placed(filed: &Filed, mode: Mode, lang: Lang) -> String {
    let first = &filed.files[0].delivery.entry.path;
    let n = filed.files.len();
    let folder = activity_folder(filed);
    let adopted = filed.files.iter().filter(|file| file.adopted()).count();
    let mut text = match (n, mode) {
        (1, Mode::Filed) if adopted == 1 => lang.pick(
            format!("{first} 已在文件夹中（此前的收件没有登记完），现已登记，未再复制"),
            format!("{first} was already there (an earlier run stopped before recording it); recorded now, not copied again"),
        ),
        (1, Mode::DryRun) if adopted == 1 => lang.pick(
            format!("{first} 已在文件夹中（此前的收件没有登记完），将登记，不再复制"),
            format!("{first} is already there (an earlier run stopped before recording it); it would be recorded, not copied again"),
        ),
        (1, Mode::Filed) => lang.pick(format!("已存为 {first}"), format!("saved as {first}")),
        (1, Mode::DryRun) => lang.pick(
            format!("将存为 {first}"),
            format!("would be saved as {first}"),
        ),
        (_, Mode::Filed) => lang.pick(
            format!("{n} 个文件已解压到 {folder}"),
            format!("{n} files unpacked into {folder}"),
        ),
        (_, Mode::DryRun) => lang.pick(
            format!("{n} 个文件将解压到 {folder}"),
            format!("{n} files would be unpacked into {folder}"),
        ),
    };
    if n > 1 && adopted > 0 {
        text.push_str(&lang.pick(
            format!("（其中 {adopted} 个已在文件夹中，是此前没有登记完的收件，不再复制）"),
            format!(
                " (including {adopted} left there unrecorded by an earlier run, not copied again)"
            ),
        ));
    }
    if !filed.known.is_empty() {
        let k = filed.known.len();
        text.push_str(&lang.pick(
            format!("（另有 {k} 个文件此前已收到，未重复保存）"),
            format!(" ({k} more arrived before and were not saved again)"),
        ));
    }
    text
}

/// `submissions/<unit>/重点活动/<活动名称>/`: the folder of an archive's files.
fn activity_folder(filed: &Filed) -> String {
    let What::Materials { activity } = &filed.what else {
        return String::new();
    };
    let path = &filed.files[0].delivery.entry.path;
    let end = path
        .find(&format!("/{activity}/"))
        .map_or(path.len(), |at| at + activity.len() + 2);
    path[..end].to_owned()
}

fn duplicate(earlier: &[String], lang: Lang) -> String {
    match earlier {
        [one] => lang.pick(
            format!("与此前收到的 {one} 内容相同，未重复保存"),
            format!("the same as {one}, received before; not saved again"),
        ),
        _ => {
            let (n, first) = (earlier.len(), earlier.first().map_or("", String::as_str));
            lang.pick(
                format!("其中 {n} 个文件此前均已收到（如 {first}），未重复保存"),
                format!("all its {n} files arrived before (e.g. {first}); none saved again"),
            )
        }
    }
}

/// Why a file was not filed, and what to do.
pub fn refusal_text(refusal: &Refusal, lang: Lang) -> String {
    match refusal {
        Refusal::NoUnit => lang.pick(
            "无法确定是哪个单位的文件：表格中没有填写填报单位，文件名中也没有单位名称。请用 --unit 指定报送单位（名称或简称）后重新运行。".into(),
            "Cannot tell which unit sent it: it names no unit in a 填报单位 cell or in its file name. Name the unit with --unit (its name or alias) and run again.".into(),
        ),
        Refusal::Conflict { given, claims } => {
            let mut said: Vec<String> = claims
                .iter()
                .map(|(source, unit)| lang.pick(format!("{}为“{unit}”", source.label(lang)), format!("its {} says “{unit}”", source.label(lang))))
                .collect();
            if let Some(given) = given {
                said.push(lang.pick(format!("--unit 为“{given}”"), format!("--unit says “{given}”")));
            }
            let said = said.join(lang.pick("，", ", "));
            match given {
                Some(_) => lang.pick(
                    format!("单位不一致：{said}。--unit 不能改变表格中填写的填报单位：--unit 写错的，改正后重新运行；填报单位填错的，请退回对方改正后重新报送。"),
                    format!("The units do not agree: {said}. --unit cannot override the 填报单位 a form states: correct --unit if it is wrong, or return the file to the unit if its 填报单位 is."),
                ),
                None => lang.pick(
                    format!("单位不一致：{said}。请核对：填报单位填错的，请退回对方改正后重新报送；填报单位无误的，用 --unit 指明该单位后重新运行（文件名不再算数）。"),
                    format!("The units do not agree: {said}. Check which is right: return the file to the unit if its 填报单位 is wrong; if it is right, name that unit with --unit and run again (the file name then does not count)."),
                ),
            }
        }
        Refusal::NoReport { reason } => match reason {
            Some(reason) => lang.pick(
                format!("无法确定是哪项报送：{}。", reason.message(lang)),
                format!("Cannot tell which report it is: {}.", reason.message(lang)),
            ),
            None => lang.pick("无法确定是哪项报送。".into(), "Cannot tell which report it is.".into()),
        },
        Refusal::NoActivity { unit, planned } if planned.is_empty() => lang.pick(
            format!("无法确定是哪项重点活动的资料，{unit}也还没有有效的重点活动计划。请用 --activity 指定活动名称后重新运行。"),
            format!("Cannot tell which key activity this is for, and {unit} has no valid key-activity plan yet. Name the activity with --activity and run again."),
        ),
        Refusal::NoActivity { unit, planned } => lang.pick(
            format!("无法确定是哪项重点活动的资料：文件名中没有{unit}计划中的活动名称。请用 --activity 指定活动名称后重新运行（计划中的重点活动：{}）。", lang.list(planned)),
            format!("Cannot tell which key activity this is for: its name holds none of the activities {unit} planned. Name the activity with --activity and run again (planned: {}).", lang.list(planned)),
        ),
        Refusal::NotZip { extension } => lang.pick(
            format!("这是 .{extension} 压缩包，无法解压。请对方改用 .zip 格式重新发送（或解压后重新压缩为 .zip 再收件）。"),
            format!("This is a .{extension} archive, which cannot be unpacked. Ask the unit to send a .zip instead (or unpack it and zip it again)."),
        ),
        Refusal::Archive(error) => archive_text(error, lang),
        Refusal::Obstacle(obstacle) => obstacle.render(lang),
        Refusal::Link { target, end } => {
            let target = target.display();
            match end {
                LinkEnd::Nothing => lang.pick(
                    format!("这是指向 {target} 的链接，但那里没有文件。请找到原文件后重新运行。"),
                    format!("This is a link to {target}, where there is no file. Find the file itself and run again."),
                ),
                LinkEnd::NotAFile => lang.pick(
                    format!("这是指向 {target} 的链接，但那里不是文件（是文件夹或其他特殊文件）。请找到原文件后重新运行。"),
                    format!("This is a link to {target}, which is not a file (a folder or something else). Find the file itself and run again."),
                ),
            }
        }
        Refusal::WindowsName(fault) => {
            let why = windows_why(fault, lang);
            lang.pick(
                format!("这个文件的名称在 Windows 上不能使用（{why}），没有收件。请把它改名后重新收件。"),
                format!("This file's name cannot be used on Windows ({why}), so it was not received. Rename it and receive it again."),
            )
        }
        Refusal::Submitted => lang.pick(
            "这个文件已在 submissions/ 中，无需收件：它的收到时间按收件登记或提交时间计。".into(),
            "This file is already in submissions/ and needs no receiving: it is dated by the ledger or its commit.".into(),
        ),
        // The reader's own words, as a sentence.
        Refusal::NotAFile(special) => {
            let reason = Kind::NotAFile(*special).render(lang);
            let mut first = reason.chars();
            match (lang, first.next()) {
                (Lang::En, Some(c)) => format!("{}{}.", c.to_ascii_uppercase(), first.as_str()),
                _ => format!("{reason}。"),
            }
        }
        Refusal::Unreadable(detail) => lang.pick(
            format!("无法读取这个文件：{detail}"),
            format!("Cannot read this file: {detail}"),
        ),
    }
}

fn archive_text(error: &ArchiveError, lang: Lang) -> String {
    let again = lang.pick(
        "请对方重新压缩后发送。",
        "Ask the unit to zip it again and resend it.",
    );
    let split = lang.pick(
        "没有解压。请对方分成几个压缩包发送。",
        "nothing was unpacked. Ask the unit to send several smaller archives.",
    );
    match error {
        ArchiveError::Damaged(detail) => lang.pick(
            format!("压缩包已损坏或不是 zip 文件，无法解压（{detail}）。请对方重新发送。"),
            format!("The archive is damaged or not a zip file ({detail}). Ask the unit to send it again."),
        ),
        ArchiveError::Encrypted { entry } => lang.pick(
            format!("压缩包中的“{entry}”设置了密码，无法解压。请对方去掉密码后重新发送。"),
            format!("“{entry}” in the archive is protected by a password. Ask the unit to send it without one."),
        ),
        ArchiveError::Unsafe { entry, fault } => unsafe_text(&shown(entry), fault, lang),
        ArchiveError::Clash(clash) => clash_text(clash, lang),
        ArchiveError::Inconsistent { entry } => lang.pick(
            format!("压缩包中的“{entry}”解压出的内容与压缩包记录的大小或校验值不符（压缩包已损坏，或是有意伪造的），为安全起见整个压缩包都没有解压。{again}"),
            format!("“{entry}” in the archive does not unpack to the size or checksum the archive records for it (the archive is damaged or forged), so nothing of the archive was unpacked. {again}"),
        ),
        ArchiveError::Undecodable { raw } => lang.pick(
            format!("压缩包中有文件名无法识别（既不是 UTF-8 也不是 GBK 编码：{raw}）。{again}"),
            format!("A file name in the archive is neither UTF-8 nor GBK ({raw}). {again}"),
        ),
        ArchiveError::Method { entry } => lang.pick(
            format!("压缩包中的“{entry}”使用了无法解压的压缩方式。请对方用普通 zip 格式（如 Windows 的“发送到 → 压缩(zipped)文件夹”）重新压缩后发送。"),
            format!("“{entry}” in the archive uses a compression method that cannot be unpacked. Ask the unit to use plain zip (e.g. Windows' “Send to → Compressed (zipped) folder”)."),
        ),
        ArchiveError::TooLarge { entry, limit } => {
            let limit = format!("{} MB", limit / (1024 * 1024));
            let what = match entry {
                Some(entry) => lang.pick(format!("压缩包中的“{entry}”"), format!("“{entry}” in the archive")),
                None => lang.pick("压缩包".to_owned(), "The archive".to_owned()),
            };
            lang.pick(
                format!("{what}解压后超过 {limit} 的上限（campaign.toml 的 [limits] max_unzipped_mb），{split}"),
                format!("{what} unpacks to more than the limit of {limit} ([limits] max_unzipped_mb in campaign.toml); {split}"),
            )
        }
        ArchiveError::TooMany { count } => lang.pick(
            format!("压缩包中有 {count} 个条目，超过 {MAX_ENTRIES} 个的上限，{split}"),
            format!("The archive holds {count} entries, more than the {MAX_ENTRIES} allowed; {split}"),
        ),
        ArchiveError::Empty => lang.pick(
            "压缩包中没有任何文件。".into(),
            "The archive holds no file.".into(),
        ),
        ArchiveError::Staging(detail) => lang.pick(
            format!("无法解压到临时文件夹：{detail}"),
            format!("Cannot unpack into a temporary folder: {detail}"),
        ),
    }
}

/// Why an entry's name refuses its archive: it would land outside the
/// folder, is a link, or cannot be used on Windows (where the clerk opens
/// the shared folder).
fn unsafe_text(entry: &str, fault: &NameFault, lang: Lang) -> String {
    let windows = |why: String| {
        lang.pick(
            format!("压缩包中的“{entry}”的名称在 Windows 上不能使用（{why}），为安全起见整个压缩包都没有解压。请对方改名后重新压缩发送。"),
            format!("“{entry}” in the archive has a name Windows cannot use ({why}), so nothing of the archive was unpacked. Ask the unit to rename it and zip it again."),
        )
    };
    match fault {
        NameFault::Outside => lang.pick(
            format!("压缩包中的“{entry}”会解压到活动文件夹以外（路径含 ..，或以 / 或盘符开头），为安全起见整个压缩包都没有解压。请对方重新压缩后发送。"),
            format!("“{entry}” in the archive would land outside the activity's folder (a path with .., or from the root or a drive), so nothing of the archive was unpacked. Ask the unit to zip it again and resend it."),
        ),
        NameFault::Link => lang.pick(
            format!("压缩包中的“{entry}”是一个链接（符号链接），为安全起见整个压缩包都没有解压。请对方重新压缩后发送。"),
            format!("“{entry}” in the archive is a symbolic link, so nothing of the archive was unpacked. Ask the unit to zip it again and resend it."),
        ),
        NameFault::Windows(fault) => windows(windows_why(fault, lang)),
    }
}

/// Why Windows cannot use a name.
fn windows_why(fault: &WindowsFault, lang: Lang) -> String {
    match fault {
        WindowsFault::Character(c) if c.is_control() => {
            let code = format!("U+{:04X}", u32::from(*c));
            lang.pick(
                format!("含有控制字符 {code}"),
                format!("it holds the control character {code}"),
            )
        }
        WindowsFault::Character(c) => lang.pick(
            format!("含有字符 {c}"),
            format!("it holds the character {c}"),
        ),
        WindowsFault::Device(device) => lang.pick(
            format!("“{device}”是 Windows 保留的设备名"),
            format!("{device} is a device name Windows reserves"),
        ),
        WindowsFault::TrailingDotOrSpace(part) => lang.pick(
            format!("“{part}”以点或空格结尾"),
            format!("“{part}” ends in a dot or a space"),
        ),
    }
}

/// Why two entries cannot both be unpacked into one folder.
fn clash_text(clash: &Clash, lang: Lang) -> String {
    match clash {
        Clash::SameName { first, second } => lang.pick(
            format!("压缩包中的“{first}”和“{second}”在 Windows 和 Mac 上是同一个名称（只差大小写或字符的组合方式），解压后会互相覆盖，因此整个压缩包都没有解压。请对方改名后重新压缩发送。"),
            format!("“{first}” and “{second}” in the archive are one name on Windows and Mac (they differ only in case or in how their characters are composed) and would overwrite each other, so nothing of the archive was unpacked. Ask the unit to rename one and zip it again."),
        ),
        Clash::FileAndFolder { file, nested } => lang.pick(
            format!("压缩包中的“{file}”是文件，而“{nested}”要把同一名称用作文件夹，二者不能同时解压，因此整个压缩包都没有解压。请对方改名后重新压缩发送。"),
            format!("“{file}” in the archive is a file and “{nested}” needs a folder of the same name; both cannot be unpacked, so nothing of the archive was unpacked. Ask the unit to rename one and zip it again."),
        ),
    }
}

/// How a file came, in words: 邮件, 微信, 纸质; any other `via` as written.
pub fn channel(via: &str, lang: Lang) -> String {
    let named = match via.trim().to_lowercase().as_str() {
        "email" | "e-mail" | "mail" => lang.pick("邮件", "e-mail"),
        "wechat" => lang.pick("微信", "WeChat"),
        "paper" => lang.pick("纸质", "on paper"),
        "ci" => "CI",
        _ => return via.to_owned(),
    };
    named.to_owned()
}

/// The message of one unit's commit:
/// `区环境卫生服务中心 报送 附件3（邮件，6月27日 16:30）`, a key activity's
/// materials as `活动资料“应急演练进社区”`.
pub fn commit_message(
    unit: &str,
    filed: &[&Filed],
    campaign: &Campaign,
    given: &Given,
    lang: Lang,
) -> String {
    let position = |id: &str| campaign.reports.iter().position(|r| r.id.0 == id);
    // (place in the campaign's report order, name), so that 附件1 comes before 附件3.
    let mut items: Vec<(Option<usize>, String)> = Vec::new();
    for one in filed {
        match &one.what {
            What::Reports(reports) => items.extend(reports.iter().map(|id| {
                let short = campaign
                    .report(&id.0)
                    .map_or(id.0.clone(), |r| r.short.clone());
                (position(&id.0), short)
            })),
            What::Materials { activity } => {
                let report = materials(campaign);
                let short = report.map_or("", |r| r.short.as_str());
                let name = lang.pick(
                    format!("{short}“{activity}”"),
                    format!("{short} “{activity}”"),
                );
                items.push((report.and_then(|r| position(&r.id.0)), name));
            }
        }
    }
    items.sort();
    items.dedup();
    let items: Vec<String> = items.into_iter().map(|(_, name)| name).collect();
    let at = short_when(given.at, campaign.timezone, lang);
    let channel = channel(given.via, lang);
    lang.pick(
        format!("{unit} 报送 {}（{channel}，{at}）", items.join("、")),
        format!("{unit} sent {} ({channel}, {at})", items.join(", ")),
    )
}

/// The lines saying which commits were made.
pub fn committed(messages: &[&str], lang: Lang) -> String {
    messages
        .iter()
        .map(|message| format!("{}{message}\n", lang.pick("已提交：", "committed: ")))
        .collect()
}

/// A receipt time as a deadline within the campaign's year is written:
/// `6月27日 16:30` / `Jun 27 16:30`.
fn short_when(at: DateTime<FixedOffset>, tz: FixedOffset, lang: Lang) -> String {
    let exact = Deadline {
        due: Due::At(at),
        extension: None,
    };
    due_day(&exact, tz, lang)
}
