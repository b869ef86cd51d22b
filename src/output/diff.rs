//! What `campaign diff` says: the changes between two versions of a unit's
//! report ([`crate::diff::Changes`]), as a table for the terminal (Chinese
//! first), as JSON and as Markdown. Each change is placed by sheet, row key
//! and column header, never by a cell address alone; each version by its
//! file, its commit and when it was received.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::markdown::escape;
use super::{mask_phones, rfc3339, when};
use crate::cli::DiffFormat;
use crate::definition::Campaign;
use crate::diff::{
    Alignment, CellChange, Changes, Compare, Compared, End, Point, RowChange, RowKey, Shown,
};
use crate::lang::Lang;
use crate::read::problem::Problem;

/// Renders one comparison in `format`.
pub fn render(format: DiffFormat, compared: &Compared, campaign: &Campaign, lang: Lang) -> String {
    match format {
        DiffFormat::Table => table(compared, campaign, lang),
        DiffFormat::Json => to_json(&document(compared, campaign, lang)),
        // Read by everyone who can see a pipeline: no telephone number.
        DiffFormat::Markdown => mask_phones(&markdown(compared, campaign, lang)),
    }
}

/// Renders the after-deadline audit at `at` in `format`: every comparison
/// as [`render`] shows one, under a heading, then how many there are.
pub fn render_audit(
    format: DiffFormat,
    audited: &[Compared],
    at: DateTime<FixedOffset>,
    campaign: &Campaign,
    lang: Lang,
) -> String {
    let tz = campaign.timezone;
    let heading = lang.pick(
        format!("截止后修改情况（截至 {}）", when(at, tz, lang)),
        format!("Changes after the deadline (as of {})", when(at, tz, lang)),
    );
    let mut units: Vec<&str> = audited.iter().map(|c| c.unit.as_str()).collect();
    units.dedup();
    let summary = match audited.len() {
        0 => lang
            .pick(
                "没有单位在截止后修改过报表的内容。",
                "No unit changed the content of a report after its deadline.",
            )
            .to_owned(),
        n => lang.pick(
            format!("{} 个单位的 {n} 项报表在截止后修改了内容。", units.len()),
            format!(
                "{} units changed the content of {n} reports after the deadline.",
                units.len()
            ),
        ),
    };
    match format {
        DiffFormat::Table => {
            let each: Vec<String> = audited.iter().map(|c| table(c, campaign, lang)).collect();
            let mut out = format!("{heading}\n\n");
            for text in each {
                out.push_str(&text);
                out.push('\n');
            }
            out.push_str(&format!("{summary}\n"));
            out
        }
        DiffFormat::Json => to_json(&AuditDocument {
            as_of: rfc3339(at, tz),
            changed: audited
                .iter()
                .map(|c| document(c, campaign, lang))
                .collect(),
        }),
        DiffFormat::Markdown => {
            let mut out = format!("## {}\n\n", escape(&heading));
            for compared in audited {
                out.push_str(&markdown(compared, campaign, lang));
                out.push('\n');
            }
            out.push_str(&format!("{}\n", escape(&summary)));
            mask_phones(&out)
        }
    }
}

/// `区环境卫生服务中心 · 附件3 活动进展情况统计表`
fn heading(compared: &Compared) -> String {
    format!("{} · {}", compared.unit, compared.report.title)
}

/// The lines saying what each version is and how rows were paired.
fn preamble(compared: &Compared, campaign: &Campaign, lang: Lang) -> Vec<String> {
    let tz = campaign.timezone;
    let end = |end: &End, older: bool| {
        let side = match older {
            true => lang.pick("旧版本", "Older version"),
            false => lang.pick("新版本", "Newer version"),
        };
        let (point, at) = (point(&end.point, compared, lang), when(end.at, tz, lang));
        let version = match &end.version {
            None => lang.pick("尚未收到", "not received yet").to_owned(),
            Some(v) => {
                let file = &v.file;
                let received = when(v.received, tz, lang);
                let commit = match &v.commit {
                    Some(commit) => format!(
                        "{} {}",
                        lang.pick("提交", "commit"),
                        crate::git::short(commit)
                    ),
                    None => lang.pick("未提交", "not committed").to_owned(),
                };
                lang.pick(
                    format!("{file}，{received} 收到，{commit}"),
                    format!("{file}, received {received}, {commit}"),
                )
            }
        };
        lang.pick(
            format!("{side}（{point}：{at}）：{version}"),
            format!("{side} ({point}: {at}): {version}"),
        )
    };
    let paired = match (compared.key_column(), compared.changes.alignment) {
        (Some(key), Alignment::Key) => lang.pick(
            format!("各行按“{key}”对齐。"),
            format!("Rows are paired by “{key}”."),
        ),
        (Some(key), Alignment::Position) => lang.pick(
            format!("各行无法按“{key}”对齐（有的行没有填写，或填写重复），已按位置对齐。"),
            format!("Rows could not be paired by “{key}” (a row has none, or one is used twice): they are paired by position."),
        ),
        (None, _) => lang
            .pick("各行按位置对齐。", "Rows are paired by position.")
            .to_owned(),
    };
    let mut lines = vec![end(&compared.old, true), end(&compared.new, false), paired];
    if compared.how == Compare::Raw {
        lines.push(
            lang.pick(
                "按单元格中原样填写的内容比较。",
                "Cells are compared as written.",
            )
            .to_owned(),
        );
    }
    lines
}

/// What an instant is: 截止时 for the compared report's own deadline, the
/// title of another report whose deadline it is, a commit, a given time, now.
fn point(point: &Point, compared: &Compared, lang: Lang) -> String {
    let own = |title: &str| title == compared.report.title;
    match point {
        Point::Deadline { title, extended } => match (own(title), extended) {
            (true, false) => lang.pick("截止时", "at the deadline").to_owned(),
            (true, true) => lang
                .pick("延期后的截止时", "at the extended deadline")
                .to_owned(),
            (false, false) => lang.pick(
                format!("{title}截止时"),
                format!("at the deadline of {title}"),
            ),
            (false, true) => lang.pick(
                format!("{title}延期后的截止时"),
                format!("at the extended deadline of {title}"),
            ),
        },
        Point::Commit(commit) => lang.pick(
            format!("提交 {} 时", crate::git::short(commit)),
            format!("at commit {}", crate::git::short(commit)),
        ),
        Point::Given => lang.pick("指定时刻", "as given").to_owned(),
        Point::Now => lang.pick("现在", "now").to_owned(),
    }
}

/// Which row: its key, or its place among the data rows.
pub(crate) fn row_key(key: &RowKey, lang: Lang) -> String {
    match key {
        RowKey::Named(name) => name.clone(),
        RowKey::Position(n) => lang.pick(format!("第 {n} 行数据"), format!("data row {n}")),
    }
}

/// A cell's content as people read it: text as written in quotes, so that
/// text never passes for the number it spells.
pub(crate) fn shown(value: &Shown, lang: Lang) -> String {
    match value {
        Shown::Empty => lang.pick("（空）", "(empty)").to_owned(),
        Shown::Value(text) => text.clone(),
        Shown::Written {
            text,
            is_text: true,
        } => lang.pick(format!("“{text}”"), format!("\"{text}\"")),
        Shown::Written {
            text,
            is_text: false,
        } => text.clone(),
    }
}

/// `附件3 · 专题学习 · 开展场次（场）：12 → 15`
fn cell_line(change: &CellChange, lang: Lang) -> String {
    let sheet = change
        .new_at
        .as_ref()
        .or(change.old_at.as_ref())
        .map(|(sheet, _)| sheet.as_str())
        .unwrap_or("");
    let (old, new) = (shown(&change.old, lang), shown(&change.new, lang));
    let key = row_key(&change.key, lang);
    let column = &change.column;
    lang.pick(
        format!("{sheet} · {key} · {column}：{old} → {new}"),
        format!("{sheet} · {key} · {column}: {old} → {new}"),
    )
}

/// `附件2 第6行：应急疏散演练`
fn row_line(change: &RowChange, lang: Lang) -> String {
    let (sheet, row, key) = (
        &change.place.sheet,
        change.place.row,
        row_key(&change.key, lang),
    );
    lang.pick(
        format!("{sheet} 第{row}行：{key}"),
        format!("{sheet} row {row}: {key}"),
    )
}

/// The parts of a comparison, each a heading and its lines; empty parts left out.
fn sections(changes: &Changes, lang: Lang) -> Vec<(String, Vec<String>)> {
    let problems = |problems: &[Problem]| problems.iter().map(|p| p.text(lang)).collect();
    let parts = [
        (
            lang.pick("改动的单元格", "Changed cells"),
            changes.cells.iter().map(|c| cell_line(c, lang)).collect(),
        ),
        (
            lang.pick("新增的行", "Rows added"),
            changes.added.iter().map(|r| row_line(r, lang)).collect(),
        ),
        (
            lang.pick(
                "删除的行（旧版本中的位置）",
                "Rows removed (where they were)",
            ),
            changes.removed.iter().map(|r| row_line(r, lang)).collect(),
        ),
        (
            lang.pick(
                "已改正的问题（旧版本中的位置）",
                "Problems fixed (where they were)",
            ),
            problems(&changes.fixed),
        ),
        (
            lang.pick("新出现的问题", "Problems introduced"),
            problems(&changes.introduced),
        ),
    ];
    parts
        .into_iter()
        .filter(|(_, lines): &(&str, Vec<String>)| !lines.is_empty())
        .map(|(heading, lines)| {
            let n = lines.len();
            let heading = lang.pick(format!("{heading}（{n}）"), format!("{heading} ({n})"));
            (heading, lines)
        })
        .collect()
}

/// The last line: that nothing changed, or how much did.
fn verdict(changes: &Changes, lang: Lang) -> String {
    if !changes.any() {
        return lang
            .pick(
                "两个版本的内容没有差别。",
                "The two versions do not differ.",
            )
            .to_owned();
    }
    let (cells, added, removed) = (
        changes.cells.len(),
        changes.added.len(),
        changes.removed.len(),
    );
    let (fixed, introduced) = (changes.fixed.len(), changes.introduced.len());
    lang.pick(
        format!("共改动 {cells} 个单元格，新增 {added} 行，删除 {removed} 行；改正 {fixed} 个问题，新出现 {introduced} 个。"),
        format!("{cells} cells changed, {added} rows added, {removed} removed; {fixed} problems fixed, {introduced} introduced."),
    )
}

fn table(compared: &Compared, campaign: &Campaign, lang: Lang) -> String {
    let mut out = format!("{}\n", heading(compared));
    for line in preamble(compared, campaign, lang) {
        out.push_str(&format!("  {line}\n"));
    }
    for (heading, lines) in sections(&compared.changes, lang) {
        out.push_str(&format!("\n{heading}\n"));
        for line in lines {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out.push_str(&format!("\n{}\n", verdict(&compared.changes, lang)));
    out
}

fn markdown(compared: &Compared, campaign: &Campaign, lang: Lang) -> String {
    let mut out = format!("### {}\n\n", escape(&heading(compared)));
    for line in preamble(compared, campaign, lang) {
        out.push_str(&format!("- {}\n", escape(&line)));
    }
    for (heading, lines) in sections(&compared.changes, lang) {
        out.push_str(&format!("\n#### {}\n\n", escape(&heading)));
        for line in lines {
            out.push_str(&format!("- {}\n", escape(&line)));
        }
    }
    out.push_str(&format!(
        "\n{}\n",
        escape(&verdict(&compared.changes, lang))
    ));
    out
}

/// `diff --after-deadline --format json`: the instant and every comparison.
#[derive(Serialize)]
struct AuditDocument {
    as_of: String,
    changed: Vec<Document>,
}

/// `diff --format json`: every key always present, `null` where there is nothing.
#[derive(Serialize)]
struct Document {
    unit: String,
    report: String,
    from: EndEntry,
    to: EndEntry,
    aligned_by: &'static str,
    key_column: Option<String>,
    compared_as: &'static str,
    cells: Vec<CellEntry>,
    added_rows: Vec<RowEntry>,
    removed_rows: Vec<RowEntry>,
    fixed: Vec<ProblemEntry>,
    introduced: Vec<ProblemEntry>,
}

#[derive(Serialize)]
struct EndEntry {
    at: String,
    file: Option<String>,
    commit: Option<String>,
    received: Option<String>,
}

#[derive(Serialize)]
struct CellEntry {
    sheet: Option<String>,
    /// The row's key; `null` where rows are paired by position.
    row_key: Option<String>,
    column: String,
    old: Option<String>,
    new: Option<String>,
    old_cell: Option<String>,
    new_cell: Option<String>,
}

#[derive(Serialize)]
struct RowEntry {
    sheet: String,
    row: u32,
    row_key: Option<String>,
}

#[derive(Serialize)]
struct ProblemEntry {
    file: String,
    sheet: Option<String>,
    cell: Option<String>,
    message: String,
}

fn document(compared: &Compared, campaign: &Campaign, lang: Lang) -> Document {
    let tz = campaign.timezone;
    let key = |key: &'_ RowKey| -> Option<String> {
        match key {
            RowKey::Named(name) => Some(name.clone()),
            RowKey::Position(_) => None,
        }
    };
    let value = |value: &Shown| match value {
        Shown::Empty => None,
        Shown::Value(text) | Shown::Written { text, .. } => Some(text.clone()),
    };
    let problem = |p: &Problem| ProblemEntry {
        file: p.file.clone(),
        sheet: p.sheet.clone(),
        cell: p.cell(),
        message: p.message(lang),
    };
    let rows = |rows: &[RowChange]| {
        rows.iter()
            .map(|r| RowEntry {
                sheet: r.place.sheet.clone(),
                row: r.place.row,
                row_key: key(&r.key),
            })
            .collect()
    };
    let changes = &compared.changes;
    Document {
        unit: compared.unit.clone(),
        report: compared.report.id.0.clone(),
        from: end_entry(&compared.old, tz),
        to: end_entry(&compared.new, tz),
        aligned_by: match changes.alignment {
            Alignment::Key => "key",
            Alignment::Position => "position",
        },
        key_column: compared.key_column(),
        compared_as: match compared.how {
            Compare::Meaning => "meaning",
            Compare::Raw => "raw",
        },
        cells: changes
            .cells
            .iter()
            .map(|c| CellEntry {
                sheet: c
                    .new_at
                    .as_ref()
                    .or(c.old_at.as_ref())
                    .map(|(s, _)| s.clone()),
                row_key: key(&c.key),
                column: c.column.clone(),
                old: value(&c.old),
                new: value(&c.new),
                old_cell: c.old_at.as_ref().map(|(_, cell)| cell.to_string()),
                new_cell: c.new_at.as_ref().map(|(_, cell)| cell.to_string()),
            })
            .collect(),
        added_rows: rows(&changes.added),
        removed_rows: rows(&changes.removed),
        fixed: changes.fixed.iter().map(problem).collect(),
        introduced: changes.introduced.iter().map(problem).collect(),
    }
}

fn to_json(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("plain structs serialise");
    text.push('\n');
    text
}

fn end_entry(end: &End, tz: FixedOffset) -> EndEntry {
    EndEntry {
        at: rfc3339(end.at, tz),
        file: end.version.as_ref().map(|v| v.file.clone()),
        commit: end.version.as_ref().and_then(|v| v.commit.clone()),
        received: end.version.as_ref().map(|v| rfc3339(v.received, tz)),
    }
}
