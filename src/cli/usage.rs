//! What is wrong with a command line, in the user's language.
//!
//! clap finds the problem; this module words it, naming the argument, the
//! value and what would have been accepted, and points to the `--help` of the
//! command that was meant. Help and the version pass through as clap prints
//! them, already in one language (see [`super::localize`]).

use std::ffi::OsString;

use clap::Command;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::values::FlagValueError;
use crate::lang::Lang;

/// A command line that ends before any command runs.
#[derive(Debug)]
pub enum Early {
    /// `--help` or `--version`: printed on standard output, exit status 0.
    Shown(clap::Error),
    /// Bad usage: a message for standard error, exit status 2.
    Refused(String),
}

impl Early {
    pub(super) fn new(
        error: clap::Error,
        command: &Command,
        args: &[OsString],
        lang: Lang,
    ) -> Self {
        match error.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Early::Shown(error),
            _ => Early::Refused(format!(
                "{}\n{}",
                problem(&error, command, lang),
                pointer(command, args, lang)
            )),
        }
    }

    pub fn print(&self) {
        match self {
            // A closed pipe (`campaign --help | head`) is a normal end.
            Early::Shown(shown) => drop(shown.print()),
            Early::Refused(message) => eprintln!("{message}"),
        }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Early::Shown(_) => 0,
            Early::Refused(_) => crate::EXIT_ERROR,
        }
    }
}

/// One sentence on what is wrong.
fn problem(error: &clap::Error, command: &Command, lang: Lang) -> String {
    let arg = string(error, ContextKind::InvalidArg)
        .map(flag)
        .unwrap_or_default();
    let value = string(error, ContextKind::InvalidValue).unwrap_or_default();
    let commands: Vec<&str> = command.get_subcommands().map(Command::get_name).collect();
    let commands = lang.list(&commands);
    match error.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            let mut text = lang.pick(
                format!("没有 {arg} 这个选项。"),
                format!("there is no option {arg}."),
            );
            if let Some(similar) = string(error, ContextKind::SuggestedArg) {
                text.push_str(&lang.pick(
                    format!("您是否想用 {similar}？"),
                    format!(" Did you mean {similar}?"),
                ));
            }
            text
        }
        ErrorKind::UnknownArgument => lang.pick(
            format!("多余的参数“{arg}”。"),
            format!("unexpected argument '{arg}'."),
        ),
        ErrorKind::InvalidSubcommand => {
            let name = string(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            lang.pick(
                format!("没有“{name}”这个命令，可用的命令：{commands}。"),
                format!("there is no command '{name}'; the commands are {commands}."),
            )
        }
        ErrorKind::InvalidValue => {
            let accepted = strings(error, ContextKind::ValidValue)
                .map(|values| {
                    let values = lang.list(&values);
                    lang.pick(
                        format!("，可选值：{values}"),
                        format!("; possible values: {values}"),
                    )
                })
                .unwrap_or_default();
            if value.is_empty() {
                lang.pick(
                    format!("{arg} 后面缺少值{accepted}。"),
                    format!("{arg} needs a value{accepted}."),
                )
            } else {
                lang.pick(
                    format!("{arg} 的值“{value}”无效{accepted}。"),
                    format!("invalid value '{value}' for {arg}{accepted}."),
                )
            }
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .and_then(|source| source.downcast_ref::<FlagValueError>())
                .map(|reason| reason.render(lang));
            match reason {
                Some(reason) => lang.pick(
                    format!("{arg} 的值“{value}”无效：{reason}。"),
                    format!("invalid value '{value}' for {arg}: {reason}."),
                ),
                None => lang.pick(
                    format!("{arg} 的值“{value}”无效。"),
                    format!("invalid value '{value}' for {arg}."),
                ),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(error, ContextKind::InvalidArg).unwrap_or_default();
            let missing = lang.list(&missing);
            lang.pick(
                format!("缺少参数 {missing}。"),
                format!("missing argument {missing}."),
            )
        }
        ErrorKind::ArgumentConflict
            if string(error, ContextKind::PriorArg) == string(error, ContextKind::InvalidArg) =>
        {
            lang.pick(
                format!("{arg} 只能给一次。"),
                format!("{arg} can be given only once."),
            )
        }
        ErrorKind::InvalidUtf8 => lang
            .pick(
                "命令行中有无法识别的字符（不是 UTF-8 编码）。",
                "the command line holds characters that are not UTF-8.",
            )
            .to_owned(),
        _ => lang
            .pick(
                "无法理解这个命令行。",
                "this command line is not understood.",
            )
            .to_owned(),
    }
}

/// The sentence that sends a user to the help of `command` (`campaign check`),
/// in the language of the mistake.
pub fn see_help(command: &str, lang: Lang) -> String {
    lang.pick(
        format!("请运行 {command} --help 查看用法。"),
        format!("Run {command} --help --lang en to see how to use it."),
    )
}

/// Where to read more: the help of the subcommand that was meant, or the main help.
fn pointer(command: &Command, args: &[OsString], lang: Lang) -> String {
    let mut path = command.get_name().to_owned();
    if let Some(sub) = meant(command, args) {
        path = format!("{path} {}", sub.get_name());
    }
    see_help(&path, lang)
}

/// The subcommand a command line names: its first word that is not an option
/// or an option's value.
fn meant<'a>(command: &'a Command, args: &[OsString]) -> Option<&'a Command> {
    let takes_value = |long: &str| {
        command
            .get_arguments()
            .any(|arg| arg.get_long() == Some(long) && arg.get_action().takes_values())
    };
    let mut tokens = args.iter().skip(1).map(|arg| arg.to_string_lossy());
    while let Some(token) = tokens.next() {
        if token == "--" {
            return None;
        }
        if let Some(long) = token.strip_prefix("--") {
            if !long.contains('=') && takes_value(long) {
                tokens.next();
            }
            continue;
        }
        if token.starts_with('-') {
            continue;
        }
        return command.find_subcommand(token.as_ref());
    }
    None
}

/// `--format` for clap's `--format <FORMAT>`; a positional's `<FILE>` as it is.
fn flag(shown: &str) -> &str {
    shown.split_whitespace().next().unwrap_or(shown)
}

fn string(error: &clap::Error, kind: ContextKind) -> Option<&str> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text),
        _ => None,
    }
}

fn strings(error: &clap::Error, kind: ContextKind) -> Option<Vec<String>> {
    match error.get(kind)? {
        ContextValue::Strings(texts) => Some(texts.clone()),
        ContextValue::String(text) => Some(vec![text.clone()]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(args: &[&str]) -> String {
        match super::super::parse(args.iter().copied()) {
            Err(Early::Refused(message)) => message,
            other => panic!("{args:?} was not refused: {other:?}"),
        }
    }

    #[test]
    fn unknown_options_and_commands_are_named() {
        assert_eq!(
            refused(&["campaign", "check", "--formt", "json"]),
            "没有 --formt 这个选项。您是否想用 --format？\n请运行 campaign check --help 查看用法。"
        );
        assert_eq!(
            refused(&["campaign", "--lang", "en", "chek"]),
            "there is no command 'chek'; the commands are init, templates, check, merge, explain, receive, stamp, remind, diff, completions, man.\n\
             Run campaign --help --lang en to see how to use it."
        );
        assert_eq!(
            refused(&["campaign", "templates", "extra"]),
            "多余的参数“extra”。\n请运行 campaign templates --help 查看用法。"
        );
    }

    #[test]
    fn missing_things_are_named() {
        assert_eq!(
            refused(&["campaign", "explain"]),
            "缺少参数 <FILE>。\n请运行 campaign explain --help 查看用法。"
        );
        assert_eq!(
            refused(&["campaign", "--root", "x", "check", "--format"]),
            "--format 后面缺少值，可选值：table、json、markdown、junit、html、github。\n\
             请运行 campaign check --help 查看用法。"
        );
        assert_eq!(
            refused(&[
                "campaign", "check", "--root", "a", "--root", "b", "--lang", "en"
            ]),
            "--root can be given only once.\nRun campaign check --help --lang en to see how to use it."
        );
    }

    #[test]
    fn bad_values_name_the_flag_the_value_and_what_is_accepted() {
        assert_eq!(
            refused(&["campaign", "check", "--fail-on", "ok,lat"]),
            "--fail-on 的值“ok,lat”无效：没有“lat”这个状态，可用的状态：ok、late、missing、pending、invalid、exempt。\n\
             请运行 campaign check --help 查看用法。"
        );
        assert_eq!(
            refused(&["campaign", "check", "--due-soon", "1.5", "--lang", "en"]),
            "invalid value '1.5' for --due-soon: expected a whole number of days (0 or more).\n\
             Run campaign check --help --lang en to see how to use it."
        );
        assert_eq!(
            refused(&["campaign", "check", "--due-soon", "-1"]),
            "--due-soon 的值“-1”无效：应为整数天数（0 或更大）。\n请运行 campaign check --help 查看用法。"
        );
        assert_eq!(
            refused(&["campaign", "--lang", "fr", "merge"]),
            "--lang 的值“fr”无效，可选值：zh、en。\n请运行 campaign merge --help 查看用法。"
        );
    }

    #[test]
    fn help_and_version_are_shown_and_exit_0() {
        for args in [
            &["campaign", "--help"][..],
            &["campaign", "-V"],
            &["campaign", "check", "-h"],
        ] {
            let early = super::super::parse(args.iter().copied()).unwrap_err();
            assert!(matches!(early, Early::Shown(_)), "{args:?}: {early:?}");
            assert_eq!(early.exit_code(), 0);
        }
        let Early::Shown(help) = super::super::parse(["campaign", "--help"]).unwrap_err() else {
            panic!("--help is not shown");
        };
        assert!(
            help.to_string().contains("用法：campaign [选项] [命令]"),
            "{help}"
        );
    }

    #[test]
    fn a_bare_command_line_is_no_mistake() {
        for args in [
            &["campaign"][..],
            &["campaign", "--lang=en"],
            &["campaign", "--root", "x"],
        ] {
            let cli = super::super::parse(args.iter().copied()).unwrap();
            assert!(cli.command.is_none(), "{args:?}");
        }
    }
}
