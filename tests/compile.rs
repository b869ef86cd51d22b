//! 活动综合情况汇编.docx, as `campaign merge` writes it, and the content
//! checks `campaign check` makes of every document. Summaries are built in
//! code with docx-rs; the .doc is made from one by LibreOffice
//! (`soffice --headless --convert-to doc`); the 汇编 is read back with our own
//! reader and printed to PDF by LibreOffice.

mod common;

use std::path::Path;

use campaign::read::document::{self, Block, Document, Inline};
use campaign::read::workbook::Limits;
use common::docx::{body, document as summary};
use common::git::Repo;
use common::run::{campaign_in, check_json, succeeded};
use serde_json::Value;

const COMPILATION: &str = "活动综合情况汇编.docx";

const DANGJIAN: &str = "submissions/党建室/党建室活动综合情况.docx";
const GONGGONG: &str = "submissions/公共室/公共室活动综合情况.pdf";
const SHIZHENG: &str = "submissions/市政道路桥梁室/市政道路桥梁室活动综合情况.doc";

/// The default campaign (计划财务室 exempt from the summary) with: 党建室's
/// summary as a .docx, 公共室's as a PDF, 市政道路桥梁室's as a .doc made by
/// LibreOffice, and 区环境卫生服务中心's 附件3; the others sent no summary.
fn scene() -> Repo {
    let repo = Repo::new();
    repo.write("campaign.toml", &common::exempt_and_extended());
    repo.commit_at("2021-05-28T09:00:00+08:00");
    let dangjian = body("党建室");
    repo.write_bytes(
        DANGJIAN,
        &summary(
            "党建室安全生产月活动综合情况",
            &[&dangjian, "下一步，将继续抓好安全生产工作。"],
        ),
    );
    repo.write_bytes(GONGGONG, b"%PDF-1.4\n% a summary printed to PDF\n");
    let made = tempfile::tempdir().unwrap();
    let source = made.path().join("市政道路桥梁室活动综合情况.docx");
    let shizheng = body("市政道路桥梁室");
    std::fs::write(&source, summary("市政道路桥梁室活动综合情况", &[&shizheng])).unwrap();
    let doc = common::soffice_convert(&source, "doc", "doc", made.path());
    repo.write_bytes(SHIZHENG, &std::fs::read(doc).unwrap());
    common::write_xlsx(
        &repo.root.join("submissions/区环境卫生服务中心/附件3.xlsx"),
        &[(
            "附件3",
            common::progress_sheet("区环境卫生服务中心", &common::sample_counts()),
        )],
    );
    repo.commit_at("2021-06-27T10:00:00+08:00");
    repo
}

fn merge(repo: &Repo, out: &Path) -> Value {
    let printed = succeeded(campaign_in(
        &repo.root,
        &[
            "merge",
            "--as-of",
            "2021-06-30",
            "--format",
            "json",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    serde_json::from_slice(&printed).unwrap()
}

fn read(path: &Path) -> Document {
    document::open(path, &Limits::default())
        .unwrap()
        .document
        .unwrap()
}

fn text_of(content: &[Inline]) -> String {
    content
        .iter()
        .filter_map(|i| match i {
            Inline::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

/// Every block as one line: `H2 （一）党建室`, `P …`, `T 活动|场次 / 应急演练|3`.
fn lines(document: &Document) -> Vec<String> {
    document
        .blocks
        .iter()
        .map(|block| match block {
            Block::Heading { level, text } => format!("H{level} {text}"),
            Block::Paragraph(content) => format!("P {}", text_of(content)),
            Block::ListItem { content, .. } => format!("L {}", text_of(content)),
            Block::Table(rows) => format!(
                "T {}",
                rows.iter()
                    .map(|row| {
                        row.iter()
                            .map(|cell| {
                                cell.paragraphs
                                    .iter()
                                    .map(|p| text_of(p))
                                    .collect::<String>()
                            })
                            .collect::<Vec<_>>()
                            .join("|")
                    })
                    .collect::<Vec<_>>()
                    .join(" / ")
            ),
        })
        .collect()
}

/// The column widths of every table of a .docx, in document order (twentieths of a point).
fn grids(docx: &Path) -> Vec<Vec<usize>> {
    let xml = common::part(docx, "word/document.xml");
    xml.split("<w:tblGrid>")
        .skip(1)
        .map(|grid| {
            let grid = &grid[..grid.find("</w:tblGrid>").unwrap()];
            grid.split("<w:gridCol w:w=\"")
                .skip(1)
                .map(|col| col[..col.find('"').unwrap()].parse().unwrap())
                .collect()
        })
        .collect()
}

const UNITS: [&str; 13] = [
    "党建室",
    "公共室",
    "市政道路桥梁室",
    "市容环卫室",
    "园林绿化室",
    "安全监管室",
    "区环境卫生服务中心",
    "区园林绿化服务中心",
    "区市政设施维护中心",
    "区燃气管理服务中心",
    "区城市管理综合执法大队",
    "区生活垃圾处理场",
    "区城市照明管理所",
];

const NUMERALS: [&str; 13] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三",
];

#[test]
fn the_compilation_holds_every_unit_in_campaign_order() {
    let repo = scene();
    let out = tempfile::tempdir().unwrap();
    let rollup = merge(&repo, out.path());
    let compiled = read(&out.path().join(COMPILATION));
    let lines = lines(&compiled);

    let headings: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("H1 ") || l.starts_with("H2 "))
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "H1 2021年“安全生产月”活动综合情况汇编".to_owned(),
        "H1 一、总体情况".to_owned(),
        "H2 （一）报送情况".to_owned(),
        "H2 （二）活动进展情况".to_owned(),
        "H1 二、各单位活动综合情况".to_owned(),
    ];
    expected.extend(
        UNITS
            .iter()
            .zip(NUMERALS)
            .map(|(unit, n)| format!("H2 （{n}）{unit}")),
    );
    assert_eq!(headings, expected);

    // 党建室: when it came, its status, then its own heading one level down,
    // its paragraphs and its table.
    let at = lines.iter().position(|l| l == "H2 （一）党建室").unwrap();
    assert_eq!(
        lines[at + 1..at + 6],
        [
            "P 收到时间：2021年6月27日 10:00（git 提交）　状态：按时".to_owned(),
            "H3 党建室安全生产月活动综合情况".to_owned(),
            format!("P {}", body("党建室")),
            "P 下一步，将继续抓好安全生产工作。".to_owned(),
            "T 活动|场次 / 应急演练|3".to_owned(),
        ]
    );

    // 公共室's PDF is copied beside the 汇编, which says so.
    let at = lines.iter().position(|l| l == "H2 （二）公共室").unwrap();
    assert_eq!(
        lines[at + 2],
        "P 本单位报送的是PDF 文件，无法编入本汇编，原文件已复制为“汇编附件/公共室.pdf”，请一并查阅。"
    );
    assert_eq!(
        std::fs::read(out.path().join("汇编附件/公共室.pdf")).unwrap(),
        std::fs::read(repo.root.join(GONGGONG)).unwrap()
    );

    // 市政道路桥梁室's .doc is converted by LibreOffice and merged.
    let at = lines
        .iter()
        .position(|l| l == "H2 （三）市政道路桥梁室")
        .unwrap();
    assert_eq!(
        lines[at + 2..at + 5],
        [
            "P （本单位报送的是Word 97-2003 或 WPS 文档（.doc/.wps），已由 LibreOffice 转换后编入。）"
                .to_owned(),
            "H3 市政道路桥梁室活动综合情况".to_owned(),
            format!("P {}", body("市政道路桥梁室")),
        ]
    );

    // A unit that sent nothing, and the exempt one, named in 总体情况.
    let at = lines
        .iter()
        .position(|l| l == "H2 （四）市容环卫室")
        .unwrap();
    assert_eq!(lines[at + 1], "P 未报送（未报）");
    assert!(
        lines.contains(&"P 以下单位免报活动综合情况，未编入本汇编：计划财务室。".to_owned()),
        "{lines:#?}"
    );

    // The 附件3 totals are the rollup's.
    let totals = lines
        .iter()
        .find(|l| l.starts_with("T 序号|活动事项"))
        .unwrap();
    let total_row = totals.rsplit(" / ").next().unwrap();
    let total = &rollup["progress"]["total"];
    let expected: Vec<String> = rollup["progress"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| total[c.as_str().unwrap()].to_string())
        .collect();
    assert_eq!(total_row, format!("合计||{}", expected.join("|")));
    assert_eq!(expected[0], "450", "{total}");

    // Columns are as wide as their text asks, across the text width (156 mm):
    // in the totals, 序号 the narrowest, the activities the widest, and no
    // count narrower than four characters of 9-point type (its header wraps once).
    let grids = grids(&out.path().join(COMPILATION));
    let totals = &grids[1];
    assert_eq!(totals.len(), 8, "{grids:?}");
    assert!(
        grids.iter().all(|g| g.iter().sum::<usize>() == 8_844),
        "{grids:?}"
    );
    assert_eq!(totals.iter().min(), Some(&totals[0]), "{totals:?}");
    assert_eq!(totals.iter().max(), Some(&totals[1]), "{totals:?}");
    assert!(
        totals[2..].iter().all(|w| *w >= 4 * 180 + 216),
        "{totals:?}"
    );

    // The reporting status: 14 units owe each form; 13 owe the summary
    // (计划财务室 is exempt), of which 3 sent it on time and 10 did not.
    let status = lines.iter().find(|l| l.starts_with("T 报送事项|")).unwrap();
    assert_eq!(
        status.split(" / ").collect::<Vec<_>>(),
        [
            "T 报送事项|应报|按时|逾期|有误|未报|待报|免报",
            "附件1 联络员表|14|0|0|0|14|0|0",
            "附件2 重点活动计划安排表|14|0|0|0|14|0|0",
            "安全生产月活动方案|14|0|0|0|14|0|0",
            "附件3 活动进展情况统计表|14|1|0|0|13|0|0",
            "活动综合情况|13|3|0|0|10|0|1",
            "重点活动资料|0|0|0|0|0|0|0",
        ]
    );
}

#[test]
fn the_compilation_is_the_same_on_every_run_and_opens_in_libreoffice() {
    let repo = scene();
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    merge(&repo, first.path());
    merge(&repo, second.path());
    let bytes = std::fs::read(first.path().join(COMPILATION)).unwrap();
    assert_eq!(
        bytes,
        std::fs::read(second.path().join(COMPILATION)).unwrap()
    );

    let pdf = common::soffice_convert(&first.path().join(COMPILATION), "pdf", "pdf", first.path());
    let pages = common::pdf_pages(&pdf);
    assert_eq!(pages, 5);
    // A reader that does not update fields shows the contents' entries and
    // how to get their pages, never the field's code.
    let contents = common::pdf_text(&pdf, 2, common::TextOrder::Drawn);
    let mut expected = vec![
        "目 录",
        "一、总体情况",
        "（一）报送情况",
        "（二）活动进展情况",
        "二、各单位活动综合情况",
    ];
    let units: Vec<String> = UNITS
        .iter()
        .zip(NUMERALS)
        .map(|(unit, n)| format!("（{n}）{unit}"))
        .collect();
    expected.extend(units.iter().map(String::as_str));
    expected.push("（目录页码请在 Word 或 WPS 中右键单击目录，选择“更新域”后显示。）");
    assert_eq!(
        contents
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect::<Vec<_>>(),
        expected
    );
    let text: String = (1..=pages)
        .map(|page| common::pdf_text(&pdf, page, common::TextOrder::Drawn))
        .collect();
    // Past the contents (pages 1–2), every unit's heading, in order.
    let body = &text[text.find("二、各单位活动综合情况\n").unwrap()..];
    let mut from = 0;
    for unit in UNITS {
        let at = body[from..]
            .find(&format!("）{unit}\n"))
            .unwrap_or_else(|| panic!("{unit} not after position {from} in {body}"));
        from += at + '）'.len_utf8();
    }
}

/// The warnings `check --format json` gives for `file`.
fn warnings(json: &Value, file: &str) -> Vec<String> {
    json["warnings"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter(|w| w["file"] == file)
                .map(|w| w["message"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_content_checks_each_fire_and_stay_quiet_on_a_normal_summary() {
    let repo = Repo::new();
    repo.write("campaign.toml", campaign::definition::DEFAULT_TOML);
    let short = "submissions/公共室/公共室活动综合情况.docx";
    let other_unit = "submissions/市容环卫室/市容环卫室活动综合情况.docx";
    let scheme = "submissions/园林绿化室/园林绿化室活动综合情况.docx";
    let broken = "submissions/安全监管室/安全监管室活动综合情况.docx";
    repo.write_bytes(
        DANGJIAN,
        &summary("党建室安全生产月活动综合情况", &[&body("党建室")]),
    );
    repo.write_bytes(
        short,
        &summary("公共室活动综合情况", &["公共室开展了安全宣传。"]),
    );
    repo.write_bytes(other_unit, &summary("活动综合情况", &[&body("公共室")]));
    repo.write_bytes(
        scheme,
        &summary("园林绿化室安全生产月活动方案", &[&body("园林绿化室")]),
    );
    repo.write_bytes(broken, b"PK\x03\x04 cut short");
    repo.commit_at("2021-06-27T10:00:00+08:00");
    let json = check_json(&repo, "2021-06-30");

    assert_eq!(warnings(&json, DANGJIAN), Vec::<String>::new());
    assert_eq!(
        warnings(&json, short),
        ["文档只有 29 个字，少于应有的 200 个字，请确认提交的是写好的完整文档"]
    );
    assert_eq!(
        warnings(&json, other_unit),
        ["文档中没有出现单位名称“市容环卫室”或其简称，请确认是本单位的文档"]
    );
    assert_eq!(
        warnings(&json, scheme),
        [
            "文档标题是“园林绿化室安全生产月活动方案”，看起来是“安全生产月活动方案”，不是“活动综合情况”，请确认没有交错文档"
        ]
    );
    let broken_warnings = warnings(&json, broken);
    assert_eq!(broken_warnings.len(), 1, "{broken_warnings:?}");
    assert!(
        broken_warnings[0].starts_with("文件已损坏或不完整，无法打开（")
            && broken_warnings[0].ends_with("）；请用 Word 或 WPS 打开确认后重新保存、重新报送"),
        "{broken_warnings:?}"
    );
    // Warnings never make a document invalid.
    for file in [short, other_unit, scheme, broken] {
        let unit = file.split('/').nth(1).unwrap();
        assert_eq!(common::run::seen(&json, unit, "summary").0, "ok", "{unit}");
    }

    // English, as `--lang en` gives it.
    let english = common::run::check_output(
        &repo,
        &["--lang", "en", "--format", "json", "--as-of", "2021-06-30"],
    );
    let english: Value = serde_json::from_str(&english).unwrap();
    assert_eq!(
        warnings(&english, other_unit),
        [
            "the document names neither “市容环卫室” nor any of its short names; please check that it is this unit's document"
        ]
    );
}

#[test]
fn without_libreoffice_a_doc_is_attached_with_what_to_do() {
    let repo = scene();
    let out = tempfile::tempdir().unwrap();
    // A PATH that has git and no soffice.
    let bin = tempfile::tempdir().unwrap();
    let git = String::from_utf8(
        std::process::Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    std::os::unix::fs::symlink(git.trim(), bin.path().join("git")).unwrap();
    let output = assert_cmd::Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(&repo.root)
        .env("PATH", bin.path())
        .args(["merge", "--as-of", "2021-06-30", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    succeeded(output);
    let lines = lines(&read(&out.path().join(COMPILATION)));
    let at = lines
        .iter()
        .position(|l| l == "H2 （三）市政道路桥梁室")
        .unwrap();
    assert_eq!(
        lines[at + 2],
        "P 本单位报送的是Word 97-2003 或 WPS 文档（.doc/.wps），本机未安装 LibreOffice，无法转换编入；原文件已复制为“汇编附件/市政道路桥梁室.doc”。请该单位用 Word 或 WPS “另存为” .docx 文档后重新报送，或安装 LibreOffice 后重新汇总。"
    );
    assert_eq!(lines[at + 3], "H2 （四）市容环卫室");
    assert_eq!(
        std::fs::read(out.path().join("汇编附件/市政道路桥梁室.doc")).unwrap(),
        std::fs::read(repo.root.join(SHIZHENG)).unwrap()
    );
}

/// A 1 × 1 PNG.
const PNG: [u8; 67] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

#[test]
fn a_summary_keeps_its_lists_pictures_and_merged_cells() {
    use docx_rs::{
        AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
        NumberingId, Paragraph, Pic, Run, Start, Table, TableCell, TableRow, VMergeType,
    };
    let png = &PNG[..];
    let text = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let item = |id: usize, t: &str| text(t).numbering(NumberingId::new(id), IndentLevel::new(0));
    let list = |id: usize, format: &str, level_text: &str| {
        AbstractNumbering::new(id).add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(level_text),
            LevelJc::new("left"),
        ))
    };
    let cell = |t: &str| TableCell::new().add_paragraph(text(t));
    let docx = Docx::new()
        .add_abstract_numbering(list(1, "decimal", "%1."))
        .add_abstract_numbering(list(2, "bullet", "•"))
        .add_numbering(Numbering::new(1, 1))
        .add_numbering(Numbering::new(2, 2))
        .add_paragraph(text(&body("党建室")))
        .add_paragraph(item(1, "专题学习"))
        .add_paragraph(item(1, "应急演练"))
        .add_paragraph(item(2, "宣传资料"))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_image(
                    Pic::new_with_dimensions(png.to_vec(), 1, 1).size(914_400, 914_400),
                )),
        )
        .add_table(Table::new(vec![
            TableRow::new(vec![cell("活动情况").grid_span(2)]),
            TableRow::new(vec![
                cell("演练").vertical_merge(VMergeType::Restart),
                cell("3 场"),
            ]),
            TableRow::new(vec![
                TableCell::new()
                    .add_paragraph(Paragraph::new())
                    .vertical_merge(VMergeType::Continue),
                cell("120 人次"),
            ]),
        ]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).unwrap();

    let repo = Repo::new();
    repo.write("campaign.toml", campaign::definition::DEFAULT_TOML);
    repo.write_bytes(DANGJIAN, &bytes.into_inner());
    repo.commit_at("2021-06-27T10:00:00+08:00");
    let out = tempfile::tempdir().unwrap();
    merge(&repo, out.path());
    let compiled = read(&out.path().join(COMPILATION));
    let at = compiled
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { text, .. } if text == "（一）党建室"))
        .unwrap();
    let summary = &compiled.blocks[at + 3..at + 8];
    let item = |ordered: bool, t: &str| Block::ListItem {
        level: 0,
        ordered,
        content: vec![Inline::Text(t.to_owned())],
    };
    assert_eq!(
        summary[..3],
        [
            item(true, "专题学习"),
            item(true, "应急演练"),
            item(false, "宣传资料")
        ]
    );
    match &summary[3] {
        Block::Paragraph(content) => match &content[..] {
            [Inline::Image(image)] => {
                assert_eq!(
                    (image.bytes.as_slice(), image.size),
                    (png, (914_400, 914_400))
                )
            }
            other => panic!("not one picture: {other:?}"),
        },
        other => panic!("not a paragraph: {other:?}"),
    }
    let Block::Table(rows) = &summary[4] else {
        panic!("not a table: {:?}", summary[4]);
    };
    let shape: Vec<Vec<(usize, document::Merge, String)>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| {
                    (
                        c.span,
                        c.merge,
                        c.paragraphs.iter().map(|p| text_of(p)).collect(),
                    )
                })
                .collect()
        })
        .collect();
    use document::Merge::{Continued, None as Alone, Start as Down};
    assert_eq!(
        shape,
        [
            vec![(2, Alone, "活动情况".to_owned())],
            vec![(1, Down, "演练".to_owned()), (1, Alone, "3 场".to_owned())],
            vec![
                (1, Continued, String::new()),
                (1, Alone, "120 人次".to_owned())
            ],
        ]
    );
}

/// `merge --as-of` a day in `dir`, into `out`.
fn merge_at(dir: &Path, as_of: &str, out: &Path) {
    succeeded(campaign_in(
        dir,
        &["merge", "--as-of", as_of, "--out", out.to_str().unwrap()],
    ));
}

#[test]
fn an_earlier_instant_checks_and_compiles_each_summary_as_it_stood() {
    let repo = Repo::new();
    repo.write("campaign.toml", campaign::definition::DEFAULT_TOML);
    repo.commit_at("2021-05-28T09:00:00+08:00");
    let title = "党建室安全生产月活动综合情况";
    repo.write_bytes(DANGJIAN, &summary(title, &["党建室开展了安全宣传。"]));
    repo.commit_at("2021-06-27T10:00:00+08:00");
    let draft = repo.head();
    repo.write_bytes(DANGJIAN, &summary(title, &[&body("党建室")]));
    repo.commit_at("2021-07-02T10:00:00+08:00");

    // The draft's content is checked at the end of June, the revision's after.
    let then = check_json(&repo, "2021-06-30");
    assert_eq!(
        warnings(&then, DANGJIAN),
        ["文档只有 34 个字，少于应有的 200 个字，请确认提交的是写好的完整文档"]
    );
    let now = check_json(&repo, "2021-07-05");
    assert_eq!(warnings(&now, DANGJIAN), Vec::<String>::new());

    // The 汇编 of June 30 holds the draft, byte for byte the one a checkout
    // of that day compiles; the 汇编 of July 5 holds the revision.
    let scratch = tempfile::tempdir().unwrap();
    let checkout = scratch.path().join("checkout");
    repo.checkout(&draft, &checkout);
    let (ours, theirs, later) = (
        scratch.path().join("ours"),
        scratch.path().join("theirs"),
        scratch.path().join("later"),
    );
    merge_at(&repo.root, "2021-06-30", &ours);
    merge_at(&checkout, "2021-06-30", &theirs);
    merge_at(&repo.root, "2021-07-05", &later);
    let compiled = |dir: &Path| std::fs::read(dir.join(COMPILATION)).unwrap();
    assert!(compiled(&ours) == compiled(&theirs), "the 汇编 of June 30");
    let paragraphs = |dir: &Path| -> Vec<String> {
        lines(&read(&dir.join(COMPILATION)))
            .into_iter()
            .filter(|line| line.starts_with("P 党建室"))
            .collect()
    };
    assert_eq!(paragraphs(&ours), ["P 党建室开展了安全宣传。"]);
    assert_eq!(paragraphs(&later), [format!("P {}", body("党建室"))]);
}
