//! The command line: every subcommand, flag and its help text.
//!
//! Names and flags here are the contract of SPEC §6; other tools call them
//! exactly as written.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::lang::Lang;
use crate::output::Format;
use crate::status::Status;

const EXAMPLES: &str = "\
示例 Examples:
  campaign init 安全生产月        新建活动文件夹 / scaffold a campaign folder
  campaign templates              生成空白表格 / write the blank forms into templates/
  campaign check --as-of 2021-06-30
                                  查看各单位报送情况 / who is on time, late, missing or wrong
  campaign merge                  生成汇总表 / write the consolidated workbooks into out/
  campaign explain submissions/党建室/附件3.xlsx
                                  说明这个文件哪里有问题 / what is wrong with this file

退出码 Exit status: 0 正常 / fine, 1 有 --fail-on 所列状态 / a --fail-on status was found,
2 活动定义无法读取或用法有误 / the campaign could not be read, or bad usage.";

/// 收集各单位报表、检查报送情况并汇总。
/// Collect the forms a campaign's units return, check who is on time, late,
/// missing or wrong, and build the consolidated workbooks.
#[derive(Debug, Parser)]
#[command(name = "campaign", version, after_help = EXAMPLES)]
pub struct Cli {
    /// 活动文件夹（默认：向上查找含 campaign.toml 的文件夹）/ the campaign folder (default: the nearest one holding campaign.toml)
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// 提示语言 / language of messages
    #[arg(long, global = true, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 新建活动文件夹：活动定义、空白表格、各单位文件夹和 CI 示例 / scaffold a campaign folder
    Init(InitArgs),
    /// 根据活动定义生成空白表格到 templates/ / write the blank forms into templates/
    Templates,
    /// 查看各单位各事项的报送情况 / the status of every unit and report
    Check(CheckArgs),
    /// 生成汇总表到 out/ / write the consolidated workbooks
    Merge(MergeArgs),
    /// 说明一个文件是如何读取的：单位、表格、表头、每行数据和问题 / how one file was read
    Explain(ExplainArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 新建的文件夹（默认：当前文件夹）/ where to create the campaign (default: here)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// 覆盖已有的 campaign.toml / overwrite an existing campaign.toml
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 按此时刻判断：日期（当天结束）或日期时间，默认现在 / judge the campaign as it stood at this date (end of day) or date-time; default now
    #[arg(long, value_name = "T")]
    pub as_of: Option<String>,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// 写入文件而非屏幕 / write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// 出现这些状态时退出码为 1 / statuses that make the exit status 1 (ok,late,missing,pending,invalid,exempt)
    #[arg(long, value_name = "LIST", default_value = "missing,invalid", value_parser = parse_statuses)]
    pub fail_on: StatusList,
    /// 距截止不足几天算“即将到期” / a pending report due within this many days is “due soon”
    #[arg(long, value_name = "DAYS", default_value_t = 2)]
    pub due_soon: u32,
}

/// A comma list of status codes, as `--fail-on` takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList(pub Vec<Status>);

fn parse_statuses(text: &str) -> Result<StatusList, String> {
    text.split(',')
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(|code| {
            Status::from_code(code).ok_or_else(|| {
                format!("未知的状态“{code}”/ unknown status “{code}”; use ok, late, missing, pending, invalid, exempt")
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(StatusList)
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// 要说明的文件 / the file to explain
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
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
    use clap::CommandFactory;

    #[test]
    fn command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
