//! Why a definition could not be used, as a clerk reads it.

use std::fmt;
use std::path::PathBuf;

use super::problem::Problem;
use super::syntax::SyntaxError;
use crate::lang::Lang;

/// Why a definition could not be used.
#[derive(Debug)]
pub enum DefinitionError {
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not UTF-8: most likely saved by Notepad in the local code page (GBK).
    NotUtf8 { path: PathBuf },
    /// Nothing but blanks and comments.
    Empty { path: PathBuf },
    /// Not valid TOML: the first syntax error.
    Syntax { path: PathBuf, error: SyntaxError },
    /// Valid TOML, but values of the wrong shape or describing an impossible
    /// campaign: every problem found, in file order.
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

impl DefinitionError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            DefinitionError::Read { path, source } => lang.pick(
                format!("无法读取活动定义 {}：{source}", path.display()),
                format!(
                    "cannot read the campaign definition {}: {source}",
                    path.display()
                ),
            ),
            DefinitionError::NotUtf8 { path } => lang.pick(
                format!(
                    "活动定义 {} 不是 UTF-8 编码（记事本以“ANSI”编码保存的文件就是这样）：请用记事本打开它，点“文件”→“另存为”，把“编码”选为“UTF-8”后保存，再重新运行。",
                    path.display()
                ),
                format!(
                    "the campaign definition {} is not UTF-8 (as a file Notepad saved as “ANSI” is): open it in Notepad, choose File → Save As, set Encoding to UTF-8, save, and run again.",
                    path.display()
                ),
            ),
            DefinitionError::Empty { path } => lang.pick(
                format!(
                    "活动定义 {} 是空的，没有任何设置。要从默认活动开始，请在活动文件夹中运行 campaign init --force，用默认活动替换这个空文件，再按本次活动修改。",
                    path.display()
                ),
                format!(
                    "the campaign definition {} is empty: it sets nothing. To start from the default campaign, run campaign init --force in the campaign folder; it replaces the empty file with the default campaign, for you to adapt.",
                    path.display()
                ),
            ),
            DefinitionError::Syntax { path, error } => {
                let (line, column) = (error.line, error.column);
                let head = lang.pick(
                    format!(
                        "活动定义 {} 第 {line} 行第 {column} 列格式有误：",
                        path.display()
                    ),
                    format!(
                        "the campaign definition {} is not valid TOML at line {line}, column {column}: ",
                        path.display()
                    ),
                );
                format!("{head}{}\n{}", error.cause.render(lang), error.quote())
            }
            DefinitionError::Invalid { path, problems } => {
                let mut text = lang.pick(
                    format!(
                        "活动定义 {} 有 {} 处问题，请修改后重试：",
                        path.display(),
                        problems.len()
                    ),
                    format!(
                        "the campaign definition {} has {} problem(s); please correct it:",
                        path.display(),
                        problems.len()
                    ),
                );
                for problem in problems {
                    text.push_str("\n  ");
                    text.push_str(&problem.render(lang));
                }
                text
            }
        }
    }
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Zh))
    }
}

impl std::error::Error for DefinitionError {}
