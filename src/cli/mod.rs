//! The command line: every subcommand, flag and its help text, and reading it.
//!
//! Names and flags here are the contract of SPEC §6; other tools call them
//! exactly as written. Every help text is written once, as `中文 / English`:
//! [`localize`] shows the side `--lang` asks for and replaces clap's own
//! words, and [`usage`] words what is wrong with a command line.

mod localize;
mod manual;
mod usage;
mod values;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::lang::Lang;
use crate::output::Format;

pub use manual::{completions, manual};
pub use usage::{Early, see_help};
pub use values::StatusList;

/// Reads a command line (the program's name first) in the language its `--lang` asks for.
///
/// ```
/// let cli = campaign::cli::parse(["campaign", "check", "--lang=en"]).unwrap();
/// assert_eq!(cli.lang, campaign::lang::Lang::En);
/// ```
pub fn parse<I, T>(args: I) -> Result<Cli, Early>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let lang = localize::lang_in(&args);
    let mut command = localize::command(lang);
    command
        .try_get_matches_from_mut(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .map_err(|error| Early::new(error, &command, &args, lang))
}

/// 收集各单位报表，检查谁按时、逾期、未报或有误，并生成汇总表 / Collect the forms a
/// campaign's units return, check who is on time, late, missing or wrong, and build the
/// consolidated workbooks
#[derive(Debug, Parser)]
#[command(name = "campaign", version)]
pub struct Cli {
    /// 活动文件夹（默认：向上查找含 campaign.toml 的文件夹）/ the campaign folder (default: the nearest one holding campaign.toml)
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// 提示和帮助使用的语言 / the language of messages and help
    #[arg(long, global = true, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,

    /// 不显示进度条 / show no progress bar
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    /// None: a bare `campaign`, which says where the campaign stands (or how to start one).
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 新建活动文件夹：活动定义、空白表格、各单位文件夹和 CI 示例 / scaffold a campaign folder
    Init(InitArgs),
    /// 根据活动定义生成空白表格到 templates/ / write the blank forms into templates/
    Templates,
    /// 查看各单位各事项的报送情况 / the status of every unit and report
    Check(CheckArgs),
    /// 生成汇总表到 out/ / write the consolidated workbooks into out/
    #[command(
        long_about = "生成汇总表到 out/：附件1-联络员汇总表.xlsx、附件2-重点活动计划汇总表.xlsx、附件3-活动进展情况汇总表.xlsx 和 报送情况.xlsx（各单位各事项的报送情况，供领导阅览） / write the consolidated workbooks into out/: the roll-ups of the liaisons, the key-activity plans and the progress figures, and the status workbook for the leaders (every unit and report, coloured by status)"
    )]
    Merge(MergeArgs),
    /// 说明一个文件是如何读取的：单位、表格、表头、每行数据和问题 / how one file was read
    Explain(ExplainArgs),
    /// 收下通过邮件、微信等收到的文件：识别单位和报送事项，存入单位文件夹并登记收到时间 / file what arrived by e-mail or messenger into its unit's folder and record when it came
    #[command(
        long_about = "收下通过邮件、微信等收到的文件：按表格内容（与 check 相同的规则）识别报送单位和报送事项，以保留原文件名的清楚名称存入 submissions/<单位>/，重点活动资料的 .zip 压缩包解压到 重点活动/<活动名称>/（压缩包中的表格与单独发来的一样处理），并在 submissions/received.toml 中登记收到时间、收到方式、原文件名和 sha256。已收到过的内容不重复保存，同一事项的新版本存在旧版本旁边，从不覆盖 / file what arrived by e-mail or messenger: find the unit and report from the content (by the rules check uses), copy it into submissions/<unit>/ under a clear name that keeps the original one, unpack a .zip of a key activity's materials into its folder (forms in it are filed as if sent on their own), and record the time, the channel, the original name and the sha256 in submissions/received.toml. Content that arrived before is not saved again; a new version of a report lies beside the old one, never over it"
    )]
    Receive(ReceiveArgs),
    /// 在收件登记中记下新到文件的收到时间（供 CI 在每次推送后运行）/ record when each new file arrived (run by CI on every push)
    Stamp,
    /// 为每个有未报、有误或即将到期事项的单位写一条催报消息 / a ready-to-send reminder for every unit that owes something
    Remind(RemindArgs),
    /// 输出命令行补全脚本 / print the shell completion script
    Completions(CompletionsArgs),
    /// 输出使用手册（man 格式）/ print the manual page (man format)
    Man,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// 所用的 shell / the shell to complete in
    #[arg(value_name = "SHELL", value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 新建的文件夹（默认：--root 指定的文件夹，否则当前文件夹）/ where to create the campaign (default: the --root folder, else here)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// 覆盖已有的 campaign.toml / overwrite an existing campaign.toml
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub as_of: AsOf,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// 写入文件而非屏幕 / write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// 出现这些状态时退出码为 1，用逗号分隔（ok,late,missing,pending,invalid,exempt）/ statuses that make the exit status 1, separated by commas (ok,late,missing,pending,invalid,exempt)
    #[arg(long, value_name = "LIST", default_value = "missing,invalid", value_parser = values::statuses)]
    pub fail_on: StatusList,
    #[command(flatten)]
    pub due_soon: DueSoon,
}

#[derive(Debug, Args)]
pub struct RemindArgs {
    #[command(flatten)]
    pub as_of: AsOf,
    /// 写入此文件夹而非屏幕：每个单位一个文本文件，表格有误的另附问题清单 / write into this folder instead of standard output: a text file per unit, and a workbook of the problems where a form is invalid
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// 只催报这个单位（名称或简称）/ remind only this unit (its name or alias)
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    #[command(flatten)]
    pub due_soon: DueSoon,
}

/// `--as-of` of check and remind: the instant the campaign is judged at.
#[derive(Debug, Args)]
pub struct AsOf {
    /// 按此时刻判断：日期（当天结束）或日期时间，默认现在 / judge the campaign as it stood at this date (end of day) or date-time; default now
    #[arg(long = "as-of", value_name = "T")]
    pub text: Option<String>,
}

/// `--due-soon` of check and remind: which pending reports are chased.
#[derive(Debug, Args)]
pub struct DueSoon {
    /// 距截止不足几天算“即将到期” / a pending report due within this many days is “due soon”
    // A negative number reaches the parser, which says why it is refused.
    #[arg(long = "due-soon", value_name = "DAYS", default_value = "2", value_parser = values::days, allow_negative_numbers = true)]
    pub days: u32,
}

impl DueSoon {
    /// The window as the check takes it.
    pub fn window(&self) -> chrono::Duration {
        chrono::Duration::days(i64::from(self.days))
    }
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// 要说明的文件 / the file to explain
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReceiveArgs {
    /// 收到的文件：表格、文档，或重点活动资料的 .zip 压缩包 / the files that arrived: forms, documents, or a .zip of a key activity's materials
    #[arg(value_name = "FILE", required_unless_present = "dir")]
    pub files: Vec<PathBuf>,
    /// 收下这个文件夹（如下载文件夹）中的全部文件 / receive every file in this folder, such as a downloads folder
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// 收到方式，常用 email（邮件）、wechat（微信）、paper（纸质），也可写其他文字 / how they came: usually email, wechat or paper; any other text is kept as written
    #[arg(long, value_name = "CHANNEL", default_value = "email")]
    pub via: String,
    /// 收到时间：日期（当天零点）或日期时间，默认现在 / when they arrived: a date (its start) or a date-time; default now
    #[arg(long, value_name = "T")]
    pub at: Option<String>,
    /// 报送单位（名称或简称），只用于文件本身没有写明单位的情况 / the unit that sent them (name or alias), for files that name no unit
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// 重点活动名称：压缩包、照片和视频存入该活动的文件夹 / the key activity that archives, photos and videos belong to
    #[arg(long, value_name = "NAME")]
    pub activity: Option<String>,
    /// 只显示将会怎样收件，不作任何改动 / show what would be received and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// 收件后提交到 git，每个单位一次提交 / commit what was received, one commit per unit
    #[arg(long)]
    pub commit: bool,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// 输出文件夹（默认 out/）/ output folder (default: out/ in the campaign folder)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// 同时在屏幕输出汇总数据 / also print the rollup on standard output
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<MergeFormat>,
    /// 按此时刻汇总（默认：最近一份材料的收到时间）/ consolidate as the campaign stood at this instant (default: the latest receipt)
    #[arg(long, value_name = "T")]
    pub as_of: Option<String>,
}

/// What `merge` can print besides writing the workbooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MergeFormat {
    /// SPEC §6 的 JSON / the JSON of SPEC §6
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_is_well_formed_in_both_languages() {
        localize::command(Lang::Zh).debug_assert();
        localize::command(Lang::En).debug_assert();
    }

    #[test]
    fn flags_reach_the_commands() {
        let cli = parse([
            "campaign",
            "--lang",
            "en",
            "check",
            "--fail-on",
            "late",
            "--due-soon",
            "5",
        ])
        .unwrap();
        assert_eq!(cli.lang, Lang::En);
        let Some(Command::Check(check)) = cli.command else {
            panic!("not check: {:?}", cli.command);
        };
        assert_eq!(check.fail_on, StatusList(vec![crate::status::Status::Late]));
        assert_eq!(check.due_soon.days, 5);
        assert_eq!(check.format, Format::Table);
        assert!(!cli.quiet, "expected the progress bar allowed by default");

        let cli = parse(["campaign", "merge", "--quiet"]).unwrap();
        assert!(cli.quiet, "expected --quiet after the command to count");

        let cli = parse(["campaign", "remind", "--unit", "环卫中心", "--out", "催报"]).unwrap();
        let Some(Command::Remind(remind)) = cli.command else {
            panic!("not remind: {:?}", cli.command);
        };
        assert_eq!(remind.unit.as_deref(), Some("环卫中心"));
        assert_eq!(remind.out, Some(PathBuf::from("催报")));
        assert_eq!(remind.as_of.text, None);
        // The same window as check's by default.
        assert_eq!(remind.due_soon.days, 2);
    }
}
