//! Errors that end a command, and how they read.
//!
//! Every variant is something a clerk can act on; each renders in Chinese or
//! English. Problems inside one submitted file are not errors of this kind:
//! they are reported and the run goes on.

use std::path::PathBuf;

use crate::atomic::SetError;
use crate::definition::DefinitionError;
use crate::lang::Lang;
use crate::root::RootError;
use crate::scaffold::ScaffoldError;
use crate::template::TemplateError;

#[derive(Debug)]
pub enum Error {
    Root(RootError),
    Definition(DefinitionError),
    Template(TemplateError),
    Scaffold(ScaffoldError),
    /// `init` was given two different folders, as DIR and with `--root`.
    InitFolders {
        dir: PathBuf,
        root: PathBuf,
    },
    /// A file the command writes could not be written.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A set of files the command writes together could not be written:
    /// none of them, or all but those another program holds open.
    Set(SetError),
    /// A folder or file the command needs could not be read.
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Writing to standard output failed; a closed pipe is a normal end.
    Output(std::io::Error),
    /// Standard output was closed when the command started (`>&-`).
    OutputClosed,
    /// A file named on the command line does not exist.
    NoSuchFile(PathBuf),
    /// `--as-of` or `--at` (`flag`) is neither a date nor a date-time.
    BadInstant {
        flag: &'static str,
        text: String,
    },
    /// `--activity` cannot be a folder's name.
    BadActivity(String),
    /// Receipt times cannot be trusted (a shallow clone) or git failed.
    Receipt(crate::receipt::ReceiptError),
    /// An output folder inside submissions/, where only units' files belong.
    OutputInSubmissions(PathBuf),
    /// `--unit` names no unit of the campaign; `units` are the names it has.
    UnknownUnit {
        name: String,
        units: Vec<String>,
    },
    /// A report named on the command line is no report of the campaign;
    /// `reports` are its table reports, as `id（title）`.
    UnknownReport {
        name: String,
        reports: Vec<String>,
    },
    /// A report that is no table cannot be compared cell by cell.
    NotATable {
        title: String,
        reports: Vec<String>,
    },
    /// `--from` or `--to` (`flag`) is no date, date-time, commit or report.
    BadWhen {
        flag: &'static str,
        text: String,
    },
    /// A report named as an instant has no one deadline for the unit.
    NoDeadline {
        flag: &'static str,
        title: String,
    },
    /// `stamp` cannot tell what to record, or must not append to the ledger.
    Stamp(crate::receipt::StampError),
    /// Nothing could be added to submissions/.
    Intake(crate::intake::IntakeError),
    /// `receive` received nothing, or could not commit what it received.
    Receive(crate::receive::ReceiveError),
    /// The clock fixed for tests is not a date-time.
    TestClock {
        variable: &'static str,
        value: String,
    },
}

impl Error {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Error::Root(RootError::NotFound(dir)) => lang.pick(
                format!(
                    "在 {} 及其上级文件夹中没有找到 campaign.toml。请进入活动文件夹，或用 --root 指定；新建活动请用 campaign init。",
                    dir.display()
                ),
                format!(
                    "no campaign.toml in {} or any folder above it. Change into the campaign folder, name it with --root, or create one with campaign init.",
                    dir.display()
                ),
            ),
            Error::Root(RootError::NoSuchFolder(dir)) => lang.pick(
                format!("--root 指定的文件夹 {} 不存在。", dir.display()),
                format!("the folder given with --root, {}, does not exist.", dir.display()),
            ),
            Error::Root(RootError::NotACampaign(dir)) => lang.pick(
                format!("--root 指定的文件夹 {} 中没有 campaign.toml。", dir.display()),
                format!("the folder given with --root, {}, holds no campaign.toml.", dir.display()),
            ),
            Error::Definition(error) => error.render(lang),
            Error::Template(error) => error.render(lang),
            Error::Scaffold(error) => error.render(lang),
            Error::InitFolders { dir, root } => format!(
                "{}\n{}",
                lang.pick(
                    format!(
                        "campaign init 的 DIR（{}）与 --root（{}）是两个不同的文件夹，请只写其中一个。",
                        dir.display(),
                        root.display()
                    ),
                    format!(
                        "campaign init was given two different folders, DIR {} and --root {}; give only one.",
                        dir.display(),
                        root.display()
                    ),
                ),
                crate::cli::see_help("campaign init", lang)
            ),
            Error::Io { path, source } => {
                let (path, cause) = (path.display(), crate::atomic::cause(source, lang));
                lang.pick(format!("无法写入 {path}：{cause}"), format!("cannot write {path}: {cause}"))
            }
            Error::Set(SetError::NotWritten { path, source, set }) => {
                let names = file_names(set);
                let (path, count, names) = (path.display(), set.len(), lang.list(&names));
                lang.pick(
                    format!("无法写入 {path}：{source}。本次的 {count} 个文件都没有写入（{names}），原有的文件保持原样。"),
                    format!("cannot write {path}: {source}. None of the {count} files of this run was written ({names}); the files there before are as they were."),
                )
            }
            Error::Set(SetError::HeldOpen { open, written }) => {
                let open: Vec<String> = open.iter().map(|path| path.display().to_string()).collect();
                let (open, names, count) = (lang.list(&open), lang.list(&file_names(written)), written.len());
                lang.pick(
                    format!("无法替换 {open}：正在 Excel 或 WPS 中打开（或是只读文件），保留了原有的内容。本次的其余 {count} 个文件已写入（{names}）。请关闭后重新运行。"),
                    format!("cannot replace {open}: open in Excel or WPS (or read-only), so it keeps its previous content. The other {count} files of this run were written ({names}). Close it and run again."),
                )
            }
            Error::Read { path, source } => lang.pick(
                format!("无法读取 {}：{source}", path.display()),
                format!("cannot read {}: {source}", path.display()),
            ),
            Error::Output(source) => lang.pick(format!("无法输出：{source}"), format!("cannot write output: {source}")),
            Error::OutputClosed => lang.pick(
                "无法输出：标准输出已关闭。不需要输出时，请把它重定向到 /dev/null。".to_owned(),
                "cannot write output: standard output is closed. Redirect it to /dev/null if the output is not wanted.".to_owned(),
            ),
            Error::BadInstant { flag, text } => lang.pick(
                format!("{flag} 的值“{text}”无法识别，请写日期（2021-06-30）或日期时间（2021-06-30T17:00）。"),
                format!("{flag} “{text}” is not understood; give a date (2021-06-30) or a date-time (2021-06-30T17:00)."),
            ),
            Error::BadActivity(name) => lang.pick(
                format!("--activity 的值“{name}”不能用作文件夹名称：请写重点活动的名称，不要含 / 或 \\。"),
                format!("--activity “{name}” cannot name a folder: give the key activity's name, without / or \\."),
            ),
            Error::Receipt(error) => error.render(lang),
            Error::OutputInSubmissions(path) => lang.pick(
                format!("不能写到 {}：submissions/ 只存放各单位报送的文件，请换一个输出位置。", path.display()),
                format!("will not write into {}: submissions/ holds only what units sent; choose another place.", path.display()),
            ),
            Error::UnknownUnit { name, units } => lang.pick(
                format!("--unit 的值“{name}”不是本次活动的单位名称或简称。本次活动的单位有：{}。", lang.list(units)),
                format!("--unit “{name}” is not the name or alias of a unit of this campaign. The units are: {}.", lang.list(units)),
            ),
            Error::UnknownReport { name, reports } => lang.pick(
                format!("“{name}”不是本次活动的报送事项。可以写：{}。", lang.list(reports)),
                format!("“{name}” is not a report of this campaign. You can give: {}.", lang.list(reports)),
            ),
            Error::NotATable { title, reports } => lang.pick(
                format!("“{title}”不是表格，无法逐格比较。可以比较的有：{}。", lang.list(reports)),
                format!("“{title}” is not a table and cannot be compared cell by cell. You can compare: {}.", lang.list(reports)),
            ),
            Error::BadWhen { flag, text } => lang.pick(
                format!("{flag} 的值“{text}”无法识别，请写日期（2021-06-28）、日期时间（2021-06-28T17:00）、提交（如 a1b2c3d）或报送事项编号（如 progress，表示它的截止时间）。"),
                format!("{flag} “{text}” is not understood; give a date (2021-06-28), a date-time (2021-06-28T17:00), a commit (such as a1b2c3d) or a report id (such as progress, for its deadline)."),
            ),
            Error::NoDeadline { flag, title } => lang.pick(
                format!("{flag}：“{title}”没有统一的截止时间，请写日期、日期时间或提交。"),
                format!("{flag}: “{title}” has no one deadline; give a date, a date-time or a commit."),
            ),
            Error::NoSuchFile(path) => lang.pick(
                format!("找不到文件 {}。", path.display()),
                format!("no such file: {}.", path.display()),
            ),
            Error::Stamp(error) => error.render(lang),
            Error::Intake(error) => error.render(lang),
            Error::Receive(error) => error.render(lang),
            Error::TestClock { variable, value } => lang.pick(
                format!("环境变量 {variable}（仅供测试）的值“{value}”不是带时区的日期时间，如 2021-06-05T10:00:00+08:00。"),
                format!("{variable} (for tests only) is “{value}”, not a date-time with an offset such as 2021-06-05T10:00:00+08:00."),
            ),
        }
    }

    /// Whether the error is only the reader of our output going away (`campaign check | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// The file names of `paths`, as a set of files written together is listed.
fn file_names(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|path| {
            path.file_name()
                .unwrap_or(path.as_os_str())
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

impl From<DefinitionError> for Error {
    fn from(error: DefinitionError) -> Self {
        Error::Definition(error)
    }
}

impl From<RootError> for Error {
    fn from(error: RootError) -> Self {
        Error::Root(error)
    }
}

impl From<crate::receive::ReceiveError> for Error {
    fn from(error: crate::receive::ReceiveError) -> Self {
        Error::Receive(error)
    }
}

impl From<ScaffoldError> for Error {
    fn from(error: ScaffoldError) -> Self {
        Error::Scaffold(error)
    }
}

impl From<SetError> for Error {
    fn from(error: SetError) -> Self {
        Error::Set(error)
    }
}

impl From<TemplateError> for Error {
    fn from(error: TemplateError) -> Self {
        Error::Template(error)
    }
}
