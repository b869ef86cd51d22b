//! Why `campaign receive` received nothing, or could not commit what it did.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use super::CommitError;
use crate::intake::IntakeError;
use crate::lang::Lang;
use crate::receipt::LedgerProblem;

/// Why `campaign receive` received nothing.
#[derive(Debug)]
pub enum ReceiveError {
    /// `--at` lies after the present.
    Future(DateTime<FixedOffset>),
    /// Nothing may be appended to the ledger as it stands.
    Ledger(LedgerProblem),
    /// `--dir` cannot be listed.
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The staging folder for archives cannot be made.
    Staging(std::io::Error),
    /// Filing failed; what had been copied was taken back.
    NotReceived(IntakeError),
    Commit(CommitError),
}

impl ReceiveError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            ReceiveError::Future(at) => {
                let at = crate::receipt::moment(*at, lang);
                lang.pick(
                    format!("--at 的时间 {at} 还没有到：收到时间不能晚于现在。"),
                    format!("--at {at} lies in the future: a file cannot arrive later than now."),
                )
            }
            ReceiveError::Ledger(problem) => format!(
                "{}\n{}",
                problem.render(lang),
                lang.pick(
                    "收件登记有误时不能在其后追加：本次没有收件，收件登记未作改动。请改正后重试。",
                    "nothing can be appended to the ledger while it is broken: nothing was received and the ledger was left as it was. Correct it and try again.",
                )
            ),
            ReceiveError::Folder { path, source } => lang.pick(
                format!("无法读取文件夹 {}：{source}", path.display()),
                format!("cannot read the folder {}: {source}", path.display()),
            ),
            ReceiveError::Staging(source) => lang.pick(
                format!("无法创建解压用的临时文件夹：{source}"),
                format!("cannot make a temporary folder to unpack into: {source}"),
            ),
            ReceiveError::NotReceived(error) => format!(
                "{}\n{}",
                error.render(lang),
                lang.pick(
                    "本次没有收下任何文件：已复制的文件均已撤回，收件登记未作改动。",
                    "nothing was received: the files already copied were taken back and the ledger was left as it was.",
                )
            ),
            ReceiveError::Commit(error) => error.render(lang),
        }
    }
}
