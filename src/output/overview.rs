//! What a bare `campaign` says. Inside a campaign: where it stands at the
//! moment — its name and the instant, the counts by status, the next
//! deadline still ahead and how far off it is, and the command to run next.
//! Outside one: how to start.
//!
//! It renders the same check `campaign check` makes, in the same words
//! ([`super::summary`], [`super::due_day`], [`super::result_name`]); it
//! decides nothing itself.

use chrono::NaiveDate;

use super::{Style, View};
use crate::definition::Campaign;
use crate::lang::Lang;
use crate::status::{Check, Deadline, Judgement, Standing};

/// Where the campaign stands at `check.as_of`, the moment the command runs.
///
/// ```
/// use campaign::definition::{Campaign, DEFAULT_TOML};
/// use campaign::lang::Lang;
/// use campaign::receipt::Receipts;
/// use campaign::status::{check, Options};
///
/// let campaign = Campaign::parse(DEFAULT_TOML).unwrap();
/// let receipts = Receipts::default();
/// let as_of = chrono::DateTime::parse_from_rfc3339("2021-06-27T09:00:00+08:00").unwrap();
/// let check = check(&campaign, &[], &receipts, Options { as_of, soon: chrono::Duration::zero() });
/// let text = campaign::output::overview::render(&check, &campaign, Lang::Zh);
/// assert!(text.contains("6月28日（星期一），还有 1 天"));
/// ```
pub fn render(check: &Check, campaign: &Campaign, lang: Lang) -> String {
    let view = View {
        check,
        campaign,
        fail_on: &[],
        style: Style { color: false, lang },
    };
    [
        super::heading(&view),
        super::plain(&super::summary(check, lang)),
        next_deadline(&view),
        next_step(&view),
    ]
    .map(|line| line + "\n")
    .concat()
}

/// What a bare `campaign` says outside any campaign folder: how to start one.
pub fn outside(lang: Lang) -> String {
    lang.pick(
        "这里不是活动文件夹：当前文件夹及其上级文件夹中都没有 campaign.toml。\n\
         新建活动：campaign init 目录名\n\
         已有活动：请进入活动文件夹后再运行，或用 --root 指定活动文件夹。\n\
         查看全部命令：campaign --help\n",
        "This is not a campaign folder: there is no campaign.toml here or in any folder above.\n\
         To start a campaign: campaign init DIR\n\
         For an existing one: run campaign inside its folder, or name the folder with --root.\n\
         All commands: campaign --help --lang en\n",
    )
    .to_owned()
}

/// The earliest deadline among the results neither received nor yet due:
/// which reports, which day, how many days off, how many units still owe it.
fn next_deadline(view: &View) -> String {
    let (tz, lang) = (view.campaign.timezone, view.style.lang);
    let ahead: Vec<(&Judgement, &Deadline)> = view
        .check
        .results
        .iter()
        .filter(|r| matches!(r.standing, Standing::Pending { .. }))
        .filter_map(|r| Some((r, r.deadline.as_ref()?)))
        .collect();
    let Some(next) = ahead.iter().map(|(_, d)| d.instant(tz)).min() else {
        return lang
            .pick(
                "下一个截止：无（没有待报的事项）",
                "Next deadline: none (nothing is pending)",
            )
            .to_owned();
    };
    let due: Vec<&(&Judgement, &Deadline)> = ahead
        .iter()
        .filter(|(_, d)| d.instant(tz) == next)
        .collect();
    let mut names: Vec<String> = Vec::new();
    let mut units: Vec<&str> = Vec::new();
    for (result, _) in &due {
        let name = super::result_name(result, view.campaign);
        if !names.contains(&name) {
            names.push(name);
        }
        if !units.contains(&result.unit.as_str()) {
            units.push(&result.unit);
        }
    }
    let deadline = due[0].1;
    let day = deadline.due.date(tz);
    let when = format!(
        "{}{}",
        super::due_day(deadline, tz, lang),
        lang.pick(
            format!("（{}）", crate::zh::weekday(day)),
            day.format(" (%A)").to_string()
        )
    );
    let left = days_left(view.check.as_of.with_timezone(&tz).date_naive(), day, lang);
    let (names, n) = (lang.list(&names), units.len());
    lang.pick(
        format!("下一个截止：{names}，{when}，{left}（{n} 个单位尚未报送）"),
        format!(
            "Next deadline: {names}, {when}, {left} ({n} {} yet to hand it in)",
            if n == 1 { "unit has" } else { "units have" }
        ),
    )
}

/// `还有 5 天` / `in 5 days`, counted in calendar days; `今天截止` on the day.
fn days_left(today: NaiveDate, day: NaiveDate, lang: Lang) -> String {
    match (day - today).num_days() {
        0 => lang.pick("今天截止", "due today").to_owned(),
        1 => lang.pick("还有 1 天", "in 1 day").to_owned(),
        n => lang.pick(format!("还有 {n} 天"), format!("in {n} days")),
    }
}

/// `campaign check` for the details, and `campaign remind` when some unit
/// owes something; before anything has come in, how the units hand in their
/// forms.
fn next_step(view: &View) -> String {
    let lang = view.style.lang;
    let check = view.check;
    let nothing_in =
        check.unassigned.is_empty() && check.results.iter().all(|r| r.received().is_none());
    if !nothing_in && check.chase.is_empty() {
        return lang
            .pick(
                "运行 campaign check 查看各单位的详细情况。",
                "Run campaign check --lang en for the details of every unit.",
            )
            .to_owned();
    }
    if !nothing_in {
        let units = check.chase.len();
        return lang.pick(
            format!("运行 campaign check 查看各单位的详细情况；有 {units} 个单位需要催报，运行 campaign remind 生成催报消息。"),
            format!("Run campaign check --lang en for the details of every unit; {units} units owe something: campaign remind --lang en writes their reminders."),
        );
    }
    let office = &view.campaign.office;
    lang.pick(
        format!(
            "还没有收到任何表格。运行 campaign templates 生成空白表格（templates/）发给各单位；\
             各单位填好后放入 submissions/本单位名称/ 文件夹并提交，或交{office}代为放入。"
        ),
        format!(
            "Nothing has come in yet. Run campaign templates to write the blank forms into templates/ \
             and send them to the units; each unit puts its filled forms into submissions/<its name>/ \
             and commits them, or hands them to {office}, who puts them there."
        ),
    )
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Duration};

    use super::*;
    use crate::definition::DEFAULT_TOML;
    use crate::receipt::Receipts;
    use crate::status::{Options, check};

    fn overview(as_of: &str, lang: Lang) -> String {
        let campaign = Campaign::parse(DEFAULT_TOML).unwrap();
        let receipts = Receipts::default();
        let options = Options {
            as_of: DateTime::parse_from_rfc3339(as_of).unwrap(),
            soon: Duration::zero(),
        };
        render(&check(&campaign, &[], &receipts, options), &campaign, lang)
    }

    #[test]
    fn the_next_deadline_is_named_with_its_weekday_and_the_days_left() {
        assert_eq!(
            overview("2021-06-23T10:00:00+08:00", Lang::Zh),
            "2021年“安全生产月”活动　截至 2021年6月23日 10:00\n\
             共 70 项：按时 0，逾期 0，未报 42，待报 28，有误 0，免报 0\n\
             下一个截止：附件3 活动进展情况统计表、活动综合情况，6月28日（星期一），还有 5 天（14 个单位尚未报送）\n\
             还没有收到任何表格。运行 campaign templates 生成空白表格（templates/）发给各单位；\
             各单位填好后放入 submissions/本单位名称/ 文件夹并提交，或交委办公室代为放入。\n"
        );
        assert_eq!(
            overview("2021-06-23T10:00:00+08:00", Lang::En),
            "2021年“安全生产月”活动 — as of 2021-06-23 10:00\n\
             70 results: on time 0, late 0, missing 42, pending 28, invalid 0, exempt 0\n\
             Next deadline: 附件3 活动进展情况统计表, 活动综合情况, Jun 28 (Monday), in 5 days \
             (14 units have yet to hand it in)\n\
             Nothing has come in yet. Run campaign templates to write the blank forms into templates/ \
             and send them to the units; each unit puts its filled forms into submissions/<its name>/ \
             and commits them, or hands them to 委办公室, who puts them there.\n"
        );
    }

    #[test]
    fn a_deadline_on_the_day_is_due_today_and_none_is_left_after_the_last() {
        let today = overview("2021-06-03T08:00:00+08:00", Lang::Zh);
        assert!(
            today.contains(
                "下一个截止：附件1 联络员表、附件2 重点活动计划安排表，6月3日（星期四），今天截止（14 个单位尚未报送）\n"
            ),
            "{today}"
        );
        let tomorrow = overview("2021-06-02T23:00:00+08:00", Lang::En);
        assert!(
            tomorrow.contains(", Jun 3 (Thursday), in 1 day (14 units"),
            "{tomorrow}"
        );
        let after = overview("2021-07-01T09:00:00+08:00", Lang::Zh);
        assert!(
            after.contains("\n下一个截止：无（没有待报的事项）\n"),
            "{after}"
        );
        let after = overview("2021-07-01T09:00:00+08:00", Lang::En);
        assert!(
            after.contains("\nNext deadline: none (nothing is pending)\n"),
            "{after}"
        );
    }
}
