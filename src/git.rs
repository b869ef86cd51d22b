//! The git program as every command that runs it starts it, and what to say
//! when there is none: receipt times come from the history of a repository
//! and `receive --commit` commits, while the office computer a clerk runs
//! `campaign` on often has no git at all (Windows comes without it).

use std::process::Command;

use crate::lang::Lang;

/// A `git` command, found on `PATH` as the system finds programs.
pub fn command() -> Command {
    Command::new("git")
}

/// git could not be started: it is not installed, or not on `PATH`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotInstalled;

impl NotInstalled {
    /// `Some` when `error`, from starting git, says there is no git to start.
    pub fn of(error: &std::io::Error) -> Option<NotInstalled> {
        (error.kind() == std::io::ErrorKind::NotFound).then_some(NotInstalled)
    }

    /// What is missing, what to install and what works without it.
    pub fn render(self, lang: Lang) -> String {
        lang.pick(
            format!(
                "找不到 git：这台电脑没有安装 git（或 git 不在 PATH 中）。活动文件夹在 git 仓库中时，收到时间要从提交历史中读取，提交收到的文件也要用 git。{}安装后请重新打开命令窗口再运行。没有 git 也可以使用：campaign templates（生成空白表格）、campaign explain（查看一份表格是怎样读取的）、campaign merge（按文件夹中现有的文件汇总）；活动文件夹不在 git 仓库中时，campaign check 按文件的修改时间判断收到时间。",
                self.install(lang)
            ),
            format!(
                "git not found: git is not installed on this computer (or not on PATH). Where the campaign folder is in a git repository, receipt times come from its history, and received files are committed with git. {}Then open a new command window and run again. Without git you can still use campaign templates (the blank forms), campaign explain (how one form was read) and campaign merge (the files in the folder as they are); in a folder that is in no git repository, campaign check goes by the files' modification times.",
                self.install(lang)
            ),
        )
    }

    /// Where to get git, on Windows and on the Linux desktops of government offices.
    pub fn install(self, lang: Lang) -> &'static str {
        lang.pick(
            "请安装 Git for Windows（https://git-scm.com/download/win，安装时保留默认选项“Git from the command line and also from 3rd-party software”）；银河麒麟、统信 UOS 等 Linux 系统请安装 git 软件包（sudo apt install git，或在应用商店中搜索 git）。",
            "Install Git for Windows (https://git-scm.com/download/win, keeping the default option “Git from the command line and also from 3rd-party software”); on Kylin, UOS and other Linux desktops install the git package (sudo apt install git, or git from the app store). ",
        )
    }
}

/// A commit's id as git abbreviates it, seven characters, longer where those
/// are all digits: up to its first letter, so that no output takes it for a
/// telephone number (the public formats mask those).
pub fn short(hash: &str) -> &str {
    let letter = hash.find(|c: char| c.is_ascii_alphabetic());
    let len = letter.map_or(hash.len(), |at| at + 1).max(7);
    hash.get(..len).unwrap_or(hash)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_id_is_seven_characters_or_up_to_its_first_letter() {
        assert_eq!(super::short("3a70056231bcdef0"), "3a70056");
        assert_eq!(super::short("70056231bcdef0"), "70056231b");
        assert_eq!(
            crate::output::mask_phones("提交 70056231b 的时间"),
            "提交 70056231b 的时间"
        );
    }
}
