//! The manual page (`campaign man`), in the language `--lang` asks for.
//!
//! clap_mangen renders the parts — the name, the synopsis and the options of
//! the program and of every command — from the same localized command tree the
//! help shows, so the page and `--help` cannot disagree. Its section headings
//! are English only, so this module puts the parts under headings of the
//! reader's language and adds the examples and exit statuses of the help.
//! Shell completions come from the same tree, so their descriptions speak the
//! same language.

use clap::Command;
use clap_mangen::Man;
use roff::{Roff, bold, roman};

use super::localize::{self, EXAMPLES, EXIT_STATUSES, side};
use crate::lang::Lang;

const NAME: &str = "名称 / NAME";
const SYNOPSIS: &str = "概要 / SYNOPSIS";
const OPTIONS: &str = "选项 / OPTIONS";
const COMMANDS: &str = "命令 / COMMANDS";
const EXAMPLES_HEADING: &str = "示例 / EXAMPLES";
const EXIT_STATUS: &str = "退出码 / EXIT STATUS";
const MANUAL: &str = "campaign 使用手册 / campaign manual";
/// The date on the page: the month of this version, never the clock, so the
/// page is the same on every machine.
const DATE: &str = "2026-12";

/// The whole page, as roff.
///
/// ```
/// let page = campaign::cli::manual(campaign::lang::Lang::Zh);
/// assert!(page.contains("\n.TH CAMPAIGN 1 "));
/// assert!(page.contains(".SH 命令"));
/// ```
pub fn manual(lang: Lang) -> String {
    let mut command = localize::command(lang);
    command.build();
    let man = Man::new(command.clone())
        .title("CAMPAIGN")
        .section("1")
        .date(DATE)
        .source(format!("campaign {}", env!("CARGO_PKG_VERSION")))
        .manual(side(MANUAL, lang));
    let mut page = String::new();
    page.push_str(&render(|w| man.render_title(w)));
    // Ragged right: Chinese lines have no spaces to stretch for justifying.
    page.push_str(&Roff::new().control("ad", ["l"]).to_roff());
    heading(&mut page, NAME, lang);
    page.push_str(&body(|w| man.render_name_section(w)));
    heading(&mut page, SYNOPSIS, lang);
    page.push_str(&body(|w| man.render_synopsis_section(w)));
    heading(&mut page, OPTIONS, lang);
    page.push_str(&body(|w| man.render_options_section(w)));
    heading(&mut page, COMMANDS, lang);
    for sub in command.get_subcommands() {
        page.push_str(&subcommand(sub));
    }
    heading(&mut page, EXAMPLES_HEADING, lang);
    let mut roff = Roff::new();
    for (line, what) in EXAMPLES {
        roff.control("TP", [])
            .text([bold(line)])
            .text([roman(side(what, lang))]);
    }
    page.push_str(&roff.to_roff());
    heading(&mut page, EXIT_STATUS, lang);
    let mut roff = Roff::new();
    for (code, meaning) in EXIT_STATUSES {
        roff.control("TP", [])
            .text([bold(code.to_string())])
            .text([roman(side(meaning, lang))]);
    }
    page.push_str(&roff.to_roff());
    breakable(&page)
}

/// roff breaks lines at spaces, and Chinese has none: a zero-width break
/// point (`\:`) after each Chinese punctuation mark lets groff break a long
/// description there instead of running it past the margin.
fn breakable(page: &str) -> String {
    const MARKS: [char; 6] = ['，', '、', '；', '：', '。', '）'];
    page.lines()
        .map(|line| {
            let text = if line.starts_with('.') {
                line.to_owned()
            } else {
                line.chars()
                    .flat_map(|c| {
                        let mark = MARKS.contains(&c);
                        std::iter::once(c)
                            .chain(mark.then_some('\\'))
                            .chain(mark.then_some(':'))
                    })
                    .collect()
            };
            text + "\n"
        })
        .collect()
}

/// One command as a subsection: its name, what it does, its synopsis and its
/// own options (the global ones and help are described once, above).
fn subcommand(sub: &Command) -> String {
    let own = sub.clone().mut_args(|arg| {
        let shared = arg.is_global_set() || arg.get_id() == "help";
        arg.hide(shared)
    });
    let man = Man::new(own.clone());
    let mut roff = Roff::new();
    roff.control("SS", [format!("campaign {}", sub.get_name()).as_str()]);
    if let Some(about) = sub.get_about() {
        roff.text([roman(about.to_string())]).control("PP", []);
    }
    let mut text = roff.to_roff();
    text.push_str(&body(|w| man.render_synopsis_section(w)));
    if own.get_arguments().any(|arg| !arg.is_hide_set()) {
        text.push_str(&body(|w| man.render_options_section(w)));
    }
    text
}

/// The completion script of `shell` for the whole command tree.
///
/// ```
/// let script = campaign::cli::completions(clap_complete::Shell::Bash, campaign::lang::Lang::Zh);
/// assert!(String::from_utf8(script).unwrap().contains("complete -F _campaign"));
/// ```
pub fn completions(shell: clap_complete::Shell, lang: Lang) -> Vec<u8> {
    let mut command = localize::command(lang);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "campaign", &mut script);
    script
}

/// `.SH` with one side of a `中文 / English` heading.
fn heading(page: &mut String, text: &str, lang: Lang) {
    page.push_str(&Roff::new().control("SH", [side(text, lang)]).to_roff());
}

/// What a clap_mangen renderer writes, without its English `.SH` line and
/// without the quote-defining preamble every render repeats (the title's
/// render keeps it, once, at the top of the page).
fn body(section: impl Fn(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let text = render(section);
    text.lines()
        .filter(|line| !line.starts_with(".SH ") && !is_preamble(line))
        .map(|line| format!("{line}\n"))
        .collect()
}

fn is_preamble(line: &str) -> bool {
    line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq")
}

fn render(section: impl Fn(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    section(&mut out).expect("writing into memory cannot fail");
    String::from_utf8(out).expect("clap_mangen writes UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_heading_has_a_chinese_and_an_english_side() {
        for text in [
            NAME,
            SYNOPSIS,
            OPTIONS,
            COMMANDS,
            EXAMPLES_HEADING,
            EXIT_STATUS,
            MANUAL,
        ] {
            let (zh, en) = (side(text, Lang::Zh), side(text, Lang::En));
            assert!(zh != en && !zh.is_ascii() && en.is_ascii(), "{text}");
        }
    }
}
