//! Help in one language.
//!
//! Every help text of the command tree, and every word this module adds, is
//! written once as `中文 / English`; the side `--lang` asks for is picked here,
//! at run time, so the two languages cannot drift apart. clap's own words (the
//! headings, the usage line, the help and version flags, default and possible
//! values) are replaced by ours in the same pass.

use std::ffi::OsString;

use clap::builder::PossibleValue;
use clap::{Arg, ArgAction, Command, CommandFactory, ValueEnum};

use super::Cli;
use crate::lang::Lang;
use crate::width::display_width;

const USAGE: &str = "用法 / Usage";
const COMMANDS: &str = "命令 / Commands";
const ARGUMENTS: &str = "参数 / Arguments";
const OPTIONS: &str = "选项 / Options";
/// The placeholders of the usage line.
const OPTIONS_PLACEHOLDER: &str = "选项 / OPTIONS";
const COMMAND_PLACEHOLDER: &str = "命令 / COMMAND";
const DEFAULT: &str = "默认 / default";
const POSSIBLE_VALUES: &str = "可选值 / possible values";
const VALUES_HEADING: &str = "可选值 / Possible values";
const HELP_FLAG: &str = "显示帮助 / Print help";
const VERSION_FLAG: &str = "显示版本 / Print version";
const EXAMPLES_HEADING: &str = "示例 / Examples";
const EXIT_STATUS_HEADING: &str = "退出码 / Exit status";

/// The examples after the main help: a command line and what it does.
pub(super) const EXAMPLES: [(&str, &str); 7] = [
    (
        "campaign init 安全生产月",
        "新建活动文件夹 / scaffold a campaign folder",
    ),
    (
        "campaign templates",
        "生成空白表格到 templates/ / write the blank forms into templates/",
    ),
    (
        "campaign check --as-of 2021-06-30",
        "查看各单位报送情况 / who is on time, late, missing or wrong",
    ),
    (
        "campaign merge",
        "生成汇总表到 out/ / write the consolidated workbooks into out/",
    ),
    (
        "campaign explain submissions/党建室/附件3.xlsx",
        "说明这个文件哪里有问题 / what is wrong with this file",
    ),
    (
        "campaign receive ~/下载/附件3.xlsx --via wechat",
        "收下单位通过微信发来的表格，登记收到时间 / file a form a unit sent by WeChat and record when it came",
    ),
    (
        "campaign remind --unit 环卫中心",
        "给一个单位的催报消息（名称或简称）/ the reminder to one unit, by name or alias",
    ),
];

/// SPEC §6's exit statuses, as the main help lists them.
pub(super) const EXIT_STATUSES: [(i32, &str); 3] = [
    (0, "正常 / fine"),
    (
        1,
        "出现 --fail-on 所列的状态 / a --fail-on status was found",
    ),
    (
        2,
        "活动定义无法读取，或用法有误 / the campaign could not be read, or bad usage",
    ),
];

/// Help and version come after every other flag, as clap's own do.
const LAST: usize = usize::MAX;

/// Where the text of an example starts, in half-width columns.
const EXAMPLE_TEXT_COLUMN: usize = 34;

/// The language a raw command line asks for, before clap reads it: `--lang en`
/// or `--lang=en`, anywhere before a `--`. Chinese when absent or not a language;
/// clap then reports the bad value, in Chinese.
pub(super) fn lang_in(args: &[OsString]) -> Lang {
    let mut tokens = args.iter().skip(1).map(|arg| arg.to_string_lossy());
    while let Some(token) = tokens.next() {
        let value = match token.as_ref() {
            "--" => break,
            "--lang" => tokens.next(),
            other => match other.strip_prefix("--lang=") {
                Some(value) => Some(value.to_owned().into()),
                None => continue,
            },
        };
        return value
            .and_then(|value| Lang::from_str(&value, false).ok())
            .unwrap_or_default();
    }
    Lang::default()
}

/// The whole command tree, speaking `lang` only.
pub(super) fn command(lang: Lang) -> Command {
    let root = Cli::command();
    let name = root.get_name().to_owned();
    localize(root, &name, lang)
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(own_flag(
            "version",
            'V',
            ArgAction::Version,
            VERSION_FLAG,
            lang,
        ))
        .after_help(examples(lang))
}

/// One side of a `中文 / English` text; the whole text if it has no single separator.
pub(super) fn side(text: &str, lang: Lang) -> &str {
    match split(text) {
        Some((zh, en)) => lang.pick(zh, en),
        None => text,
    }
}

/// The two sides of a `中文 / English` text. The separator is the one `/ ` that
/// follows a space or a full-width character, so that `templates/ / write …`
/// splits once, after the folder's own slash.
fn split(text: &str) -> Option<(&str, &str)> {
    let mut separators = text.match_indices("/ ").filter(|(at, _)| {
        text[..*at]
            .chars()
            .next_back()
            .is_some_and(|before| before == ' ' || !before.is_ascii())
    });
    let (at, _) = separators.next()?;
    if separators.next().is_some() {
        return None;
    }
    Some((text[..at].trim_end(), text[at + 2..].trim_start()))
}

/// A heading with the colon of its language.
fn heading(text: &str, lang: Lang) -> String {
    format!("{}{}", side(text, lang), lang.pick("：", ":"))
}

fn localize(command: Command, path: &str, lang: Lang) -> Command {
    let template = template(&command, lang);
    let usage = usage(&command, path, lang);
    let mut command = command
        .help_template(template)
        .override_usage(usage)
        .disable_help_flag(true)
        .mut_args(|arg| localize_arg(arg, lang))
        .arg(own_flag("help", 'h', ArgAction::Help, HELP_FLAG, lang))
        .mut_subcommands(|sub| {
            let path = format!("{path} {}", sub.get_name());
            localize(sub, &path, lang)
        });
    if let Some(about) = command.get_about() {
        let about = side(&about.to_string(), lang).to_owned();
        command = command.about(about);
    }
    if let Some(about) = command.get_long_about() {
        let about = side(&about.to_string(), lang).to_owned();
        command = command.long_about(about);
    }
    command
}

/// `-h, --help` or `-V, --version`, as clap would add them but in our words.
fn own_flag(name: &'static str, short: char, action: ArgAction, help: &str, lang: Lang) -> Arg {
    Arg::new(name)
        .short(short)
        .long(name)
        .action(action)
        .help(side(help, lang).to_owned())
        .display_order(LAST)
}

/// clap's default layout, with our headings; a section only where it has something.
fn template(command: &Command, lang: Lang) -> String {
    let mut template = format!(
        "{{about-with-newline}}\n{}{}{{usage}}",
        heading(USAGE, lang),
        lang.pick("", " ")
    );
    let mut section = |title: &str, tag: &str| {
        template.push_str(&format!("\n\n{}\n{{{tag}}}", heading(title, lang)));
    };
    if command.has_subcommands() {
        section(COMMANDS, "subcommands");
    }
    if command.get_positionals().next().is_some() {
        section(ARGUMENTS, "positionals");
    }
    section(OPTIONS, "options");
    template.push_str("{after-help}");
    template
}

/// `campaign check [选项]`, `campaign init [选项] [DIR]`, `campaign [选项] [命令]`.
fn usage(command: &Command, path: &str, lang: Lang) -> String {
    let mut usage = format!("{path} [{}]", side(OPTIONS_PLACEHOLDER, lang));
    for arg in command.get_positionals() {
        let name = arg
            .get_value_names()
            .and_then(|names| names.first())
            .map_or_else(|| arg.get_id().to_string(), ToString::to_string);
        if arg.is_required_set() {
            usage.push_str(&format!(" <{name}>"));
        } else {
            usage.push_str(&format!(" [{name}]"));
        }
    }
    if command.has_subcommands() {
        let placeholder = side(COMMAND_PLACEHOLDER, lang);
        if command.is_subcommand_required_set() {
            usage.push_str(&format!(" <{placeholder}>"));
        } else {
            usage.push_str(&format!(" [{placeholder}]"));
        }
    }
    usage
}

/// An argument's help in one language, with its default and possible values
/// worded by us instead of clap.
fn localize_arg(arg: Arg, lang: Lang) -> Arg {
    let Some(help) = arg.get_help() else {
        return arg;
    };
    let text = side(&help.to_string(), lang).to_owned();
    if !arg.get_action().takes_values() {
        return arg.help(text);
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    let values: Vec<PossibleValue> = arg
        .get_value_parser()
        .possible_values()
        .map(|values| values.filter(|value| !value.is_hide_set()).collect())
        .unwrap_or_default();

    let colon = lang.pick("：", ": ");
    let default = (!defaults.is_empty())
        .then(|| format!("[{}{colon}{}]", side(DEFAULT, lang), lang.list(&defaults)));
    let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
    let possible = (!names.is_empty()).then(|| {
        format!(
            "[{}{colon}{}]",
            side(POSSIBLE_VALUES, lang),
            lang.list(&names)
        )
    });
    let short = [Some(text.clone()), default.clone(), possible]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let arg = arg
        .help(short)
        .hide_default_value(true)
        .hide_possible_values(true);
    if !values.iter().any(|value| value.get_help().is_some()) {
        return arg;
    }
    // What each value means, as clap's long help lists it.
    let width = names.iter().map(|name| name.len()).max().unwrap_or(0);
    let mut long = format!("{text}\n\n{}", heading(VALUES_HEADING, lang));
    for value in &values {
        let meaning = value
            .get_help()
            .map(|help| side(&help.to_string(), lang).to_owned())
            .unwrap_or_default();
        long.push_str(&format!("\n  {:width$}  {meaning}", value.get_name()));
    }
    if let Some(default) = default {
        long.push_str(&format!("\n\n{default}"));
    }
    arg.long_help(long)
}

/// The examples and exit statuses after the main help.
fn examples(lang: Lang) -> String {
    let mut text = heading(EXAMPLES_HEADING, lang);
    for (line, what) in EXAMPLES {
        let what = side(what, lang);
        let width = display_width(line) + 2;
        if width < EXAMPLE_TEXT_COLUMN {
            let pad = " ".repeat(EXAMPLE_TEXT_COLUMN - width);
            text.push_str(&format!("\n  {line}{pad}{what}"));
        } else {
            let pad = " ".repeat(EXAMPLE_TEXT_COLUMN);
            text.push_str(&format!("\n  {line}\n{pad}{what}"));
        }
    }
    text.push_str(&format!("\n\n{}", heading(EXIT_STATUS_HEADING, lang)));
    for (code, meaning) in EXIT_STATUSES {
        text.push_str(&format!("\n  {code}  {}", side(meaning, lang)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `中文 / English` text the help is made of: the command tree's and ours.
    fn bilingual_texts() -> Vec<String> {
        fn walk(command: &Command, texts: &mut Vec<String>) {
            texts.extend(command.get_about().map(ToString::to_string));
            texts.extend(command.get_long_about().map(ToString::to_string));
            for arg in command.get_arguments() {
                texts.extend(arg.get_help().map(ToString::to_string));
                texts.extend(arg.get_long_help().map(ToString::to_string));
                let values = arg.get_value_parser().possible_values();
                for value in values.into_iter().flatten() {
                    texts.extend(value.get_help().map(ToString::to_string));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, texts);
            }
        }
        let mut texts = Vec::new();
        walk(&Cli::command(), &mut texts);
        texts.extend(
            [
                USAGE,
                COMMANDS,
                ARGUMENTS,
                OPTIONS,
                OPTIONS_PLACEHOLDER,
                COMMAND_PLACEHOLDER,
                DEFAULT,
                POSSIBLE_VALUES,
                VALUES_HEADING,
                HELP_FLAG,
                VERSION_FLAG,
                EXAMPLES_HEADING,
                EXIT_STATUS_HEADING,
            ]
            .map(String::from),
        );
        texts.extend(EXAMPLES.map(|(_, what)| what.to_owned()));
        texts.extend(EXIT_STATUSES.map(|(_, meaning)| meaning.to_owned()));
        texts
    }

    fn has_han(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// The full help of the main command and of every subcommand.
    fn every_help(lang: Lang) -> Vec<String> {
        let mut root = command(lang);
        root.build();
        let mut helps = vec![root.render_long_help().to_string()];
        for sub in root.get_subcommands_mut() {
            helps.push(sub.render_long_help().to_string());
        }
        helps
    }

    #[test]
    fn every_help_text_has_one_chinese_and_one_english_side() {
        let texts = bilingual_texts();
        assert!(texts.len() > 30, "{texts:?}");
        for text in &texts {
            let Some((zh, en)) = split(text) else {
                panic!("not “中文 / English”: {text:?}");
            };
            assert!(has_han(zh), "no Chinese before the separator: {text:?}");
            assert!(
                !en.is_empty() && !has_han(en),
                "the English side is empty or not English: {text:?}"
            );
        }
    }

    #[test]
    fn help_shows_only_the_language_asked_for() {
        let texts = bilingual_texts();
        for (lang, other) in [(Lang::Zh, Lang::En), (Lang::En, Lang::Zh)] {
            for help in every_help(lang) {
                for text in &texts {
                    let (zh, en) = split(text).unwrap();
                    let hidden = other.pick(zh, en);
                    assert!(
                        !help.contains(hidden),
                        "{other:?} text {hidden:?} in the {lang:?} help:\n{help}"
                    );
                }
            }
        }
    }

    #[test]
    fn clap_speaks_none_of_its_own_words() {
        let zh = every_help(Lang::Zh).join("\n");
        for word in [
            "Usage",
            "Commands",
            "Options",
            "Arguments",
            "Print help",
            "Print version",
            "default:",
            "possible values",
            "Possible values",
        ] {
            assert!(!zh.contains(word), "{word:?} in\n{zh}");
        }
    }

    #[test]
    fn the_separator_is_the_slash_after_a_space_or_full_width_character() {
        assert_eq!(
            split("生成空白表格到 templates/ / write into templates/"),
            Some(("生成空白表格到 templates/", "write into templates/"))
        );
        assert_eq!(
            split("HTML（尚未提供）/ HTML (not available yet)"),
            Some(("HTML（尚未提供）", "HTML (not available yet)"))
        );
        assert_eq!(split("只有中文"), None);
        assert_eq!(split("一 / one / 二 / two"), None);
        assert_eq!(side("只有中文", Lang::En), "只有中文");
    }

    #[test]
    fn lang_is_found_anywhere_before_a_double_dash() {
        let lang = |args: &[&str]| {
            let args: Vec<OsString> = args.iter().map(OsString::from).collect();
            lang_in(&args)
        };
        assert_eq!(lang(&["campaign", "check"]), Lang::Zh);
        assert_eq!(lang(&["campaign", "check", "--lang", "en"]), Lang::En);
        assert_eq!(lang(&["campaign", "--lang=en", "check", "--x"]), Lang::En);
        assert_eq!(lang(&["campaign", "--lang", "fr", "check"]), Lang::Zh);
        assert_eq!(lang(&["campaign", "explain", "--", "--lang=en"]), Lang::Zh);
    }
}
