//! `campaign merge` end to end: the JSON of SPEC §6 value by value, the
//! invariant that every row counts exactly once, determinism, atomic
//! replacement, and never writing under submissions/.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{Scenario, progress_sheet};
use serde_json::{Value, json};

/// Counts where unit `u`, item i, metric m holds u·100 + 10·i + m (整改 = 排查).
fn counts(u: u32) -> [[f64; 6]; 10] {
    let mut counts = [[0.0; 6]; 10];
    for (i, row) in counts.iter_mut().enumerate() {
        for (m, value) in row.iter_mut().enumerate() {
            *value = f64::from(u * 100 + 10 * i as u32 + m as u32);
        }
        row[5] = row[4];
    }
    counts
}

fn merge(root: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("campaign")
        .unwrap()
        .current_dir(root)
        .arg("merge")
        .args(args)
        .output()
        .unwrap()
}

fn fixed_campaign() -> Scenario {
    let sc = Scenario::new();
    sc.xlsx(
        "submissions/党建室/附件3.xlsx",
        &[("附件3", progress_sheet("党建室", &counts(1)))],
    );
    sc.xlsx(
        "submissions/公共室/附件3-初稿.xlsx",
        &[("附件3", progress_sheet("公共室", &counts(9)))],
    );
    sc.xlsx(
        "submissions/公共室/附件3.xlsx",
        &[("附件3", progress_sheet("公共室", &counts(2)))],
    );
    let mut broken = progress_sheet("安全监管室", &counts(3));
    broken[4][2] = common::s("约20");
    sc.xlsx("submissions/安全监管室/附件3.xlsx", &[("附件3", broken)]);
    sc.ledger(&[
        ("submissions/党建室/附件3.xlsx", "2021-06-27T10:00:00+08:00"),
        (
            "submissions/公共室/附件3-初稿.xlsx",
            "2021-06-20T10:00:00+08:00",
        ),
        ("submissions/公共室/附件3.xlsx", "2021-06-28T10:00:00+08:00"),
        (
            "submissions/安全监管室/附件3.xlsx",
            "2021-06-28T11:00:00+08:00",
        ),
    ]);
    sc
}

#[test]
fn the_json_rollup_counts_the_newest_valid_version_of_every_unit() {
    let sc = fixed_campaign();
    let output = merge(sc.root(), &["--format", "json", "--as-of", "2021-06-30"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let columns = [
        "开展场次",
        "参与人次",
        "发放宣传资料",
        "媒体报道",
        "排查隐患",
        "整改隐患",
    ];
    assert_eq!(json["progress"]["columns"], json!(columns));
    // Item i over 党建室 (u=1) and 公共室's newest version (u=2): 300 + 20·i + 2·m.
    for (i, item) in json["progress"]["by_item"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        assert_eq!(item["no"], i + 1);
        assert_eq!(item["activity"], common::ITEMS[i]);
        let expected: Vec<u64> = (0..6)
            .map(|m| 300 + 20 * i as u64 + 2 * m.min(4) as u64)
            .collect();
        let got: Vec<u64> = columns
            .iter()
            .map(|c| item["values"][c].as_u64().unwrap())
            .collect();
        assert_eq!(got, expected, "item {}", i + 1);
    }
    // Unit u: Σ_i (u·100 + 10·i + m) = 1000·u + 450 + 10·m.
    assert_eq!(
        json["progress"]["by_unit"],
        json!([
            { "unit": "党建室", "values": { "开展场次": 1450, "参与人次": 1460, "发放宣传资料": 1470, "媒体报道": 1480, "排查隐患": 1490, "整改隐患": 1490 } },
            { "unit": "公共室", "values": { "开展场次": 2450, "参与人次": 2460, "发放宣传资料": 2470, "媒体报道": 2480, "排查隐患": 2490, "整改隐患": 2490 } },
        ])
    );
    assert_eq!(
        json["progress"]["total"],
        json!({ "开展场次": 3900, "参与人次": 3920, "发放宣传资料": 3940, "媒体报道": 3960, "排查隐患": 3980, "整改隐患": 3980 })
    );
    let excluded = json["progress"]["excluded"].as_array().unwrap();
    assert_eq!(
        excluded.len(),
        12,
        "every other unit owing 附件3 is excluded"
    );
    assert_eq!(
        excluded[0],
        json!({ "unit": "市政道路桥梁室", "reason": "未报" })
    );
    let safety = excluded.iter().find(|e| e["unit"] == "安全监管室").unwrap();
    assert_eq!(
        safety["reason"],
        "有误：附件3!C5 “开展场次（场）”填写的是“约20”，应填写确切的非负整数，不能写“约”“左右”等估计数"
    );
    assert_eq!(json["liaisons"], json!([]));
    assert_eq!(json["plans"], json!([]));
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["progress", "liaisons", "plans"]);
    let progress_keys: Vec<&str> = json["progress"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        progress_keys,
        [
            "columns",
            "by_item",
            "by_unit",
            "total",
            "excluded",
            "detail",
            "changed_after_deadline"
        ]
    );
}

#[test]
fn liaisons_and_plans_come_out_with_the_keys_of_spec_6() {
    let sc = Scenario::new();
    let liaison = vec![
        vec![common::s("附件1")],
        vec![common::s("填报单位：党建室")],
        common::LIAISON_HEADER
            .iter()
            .map(|h| common::s(h))
            .collect(),
        vec![
            common::n(1.0),
            common::s("党建室"),
            common::s("赵六"),
            common::s("科员"),
            common::s("022-12345678"),
            common::s("138 0000 1234"),
        ],
    ];
    let plan = vec![
        vec![common::s("附件2")],
        vec![common::s("填报单位：党建室")],
        common::PLAN_HEADER.iter().map(|h| common::s(h)).collect(),
        vec![
            common::n(1.0),
            common::s("防汛演练"),
            common::s("应急演练"),
            common::s("演练"),
            common::s("2021-06-10"),
            common::s("2021-06-11"),
            common::s("泵站"),
            common::s("职工"),
            common::n(30.0),
            common::s("否"),
        ],
    ];
    sc.xlsx("submissions/党建室/附件1.xlsx", &[("附件1", liaison)]);
    sc.xlsx("submissions/党建室/附件2.xlsx", &[("附件2", plan)]);
    sc.ledger(&[
        ("submissions/党建室/附件1.xlsx", "2021-06-02T10:00:00+08:00"),
        ("submissions/党建室/附件2.xlsx", "2021-06-02T10:00:00+08:00"),
    ]);
    let json: Value =
        serde_json::from_slice(&merge(sc.root(), &["--format", "json"]).stdout).unwrap();
    // Not in git: no commit gave these contents; the ledger dates them.
    let source = |file: &str, sheet: &str| json!({ "file": file, "sheet": sheet, "row": 4, "commit": null, "received": "2021-06-02T10:00:00+08:00" });
    assert_eq!(
        json["liaisons"],
        json!([{ "unit": "党建室", "name": "赵六", "mobile": "13800001234", "source": source("submissions/党建室/附件1.xlsx", "附件1") }])
    );
    assert_eq!(
        json["plans"],
        json!([{ "unit": "党建室", "name": "防汛演练", "activity_no": 6, "start": "2021-06-10", "end": "2021-06-11", "brand": false, "source": source("submissions/党建室/附件2.xlsx", "附件2") }])
    );
}

/// Every file merge writes: the workbooks and the 汇编.
const OUTPUTS: [&str; 5] = [
    "附件1-联络员汇总表.xlsx",
    "附件2-重点活动计划汇总表.xlsx",
    "附件3-活动进展情况汇总表.xlsx",
    "报送情况.xlsx",
    "活动综合情况汇编.docx",
];

#[test]
fn the_same_inputs_give_byte_identical_workbooks_and_an_old_output_is_replaced_whole() {
    let sc = fixed_campaign();
    let out = sc.path("out");
    std::fs::create_dir_all(&out).unwrap();
    let book = out.join("附件3-活动进展情况汇总表.xlsx");
    std::fs::write(&book, vec![b'x'; 1_000_000]).unwrap();
    let written = merge(sc.root(), &[]);
    assert!(written.status.success());
    assert_eq!(
        String::from_utf8(written.stdout).unwrap(),
        "已汇总：2 个单位纳入附件3汇总，12 个单位未纳入。\n\
         \x20 out/附件1-联络员汇总表.xlsx\n\
         \x20 out/附件2-重点活动计划汇总表.xlsx\n\
         \x20 out/附件3-活动进展情况汇总表.xlsx\n\
         \x20 out/报送情况.xlsx\n\
         \x20 out/活动综合情况汇编.docx\n"
    );
    let first: Vec<Vec<u8>> = OUTPUTS
        .iter()
        .map(|name| std::fs::read(out.join(name)).unwrap())
        .collect();
    assert!(
        first[2].starts_with(b"PK\x03\x04") && first[2].len() < 100_000,
        "the old file was replaced, not patched"
    );
    assert!(merge(sc.root(), &[]).status.success());
    for (i, name) in OUTPUTS.iter().enumerate() {
        assert_eq!(
            std::fs::read(out.join(name)).unwrap(),
            first[i],
            "{name} changed between runs"
        );
    }
    let leftovers: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert_eq!(
        leftovers,
        Vec::<String>::new(),
        "no temporary files are left behind"
    );
}

#[test]
fn merge_never_writes_under_submissions() {
    let sc = fixed_campaign();
    let snapshot = || -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(sc.path("submissions"))
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().display().to_string(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let before = snapshot();
    let refused = merge(sc.root(), &["--out", "submissions/汇总"]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.starts_with("不能写到 ") && stderr.contains("submissions/ 只存放各单位报送的文件"),
        "{stderr}"
    );
    assert!(
        merge(&sc.path("submissions/党建室"), &["--out", "."])
            .status
            .code()
            == Some(2)
    );
    assert!(merge(sc.root(), &[]).status.success());
    assert_eq!(snapshot(), before);
}

/// A small deterministic generator (xorshift), so the invariant test covers many shapes.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Random valid counts (整改隐患 never above 排查隐患).
fn random_counts(random: &mut Random) -> [[f64; 6]; 10] {
    let mut c = [[0.0; 6]; 10];
    for row in c.iter_mut() {
        for value in row.iter_mut().take(5) {
            *value = random.below(1000) as f64;
        }
        row[5] = random.below(row[4] as u64 + 1) as f64;
    }
    c
}

#[test]
fn every_data_row_of_every_valid_submission_is_counted_exactly_once() {
    for seed in 1..=12u64 {
        let mut random = Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let sc = Scenario::new();
        let units: Vec<String> = sc.campaign.units.iter().map(|u| u.name.clone()).collect();
        let mut entries = Vec::new();
        let mut expected_total = [0u64; 6];
        let mut expected_rows = 0;
        for unit in &units {
            match random.below(6) {
                0 => continue, // sends nothing
                1 => {
                    // invalid: a row where more hazards are rectified than found
                    let mut c = counts(random.below(50) as u32);
                    c[3][5] = c[3][4] + 1.0;
                    let rel = format!("submissions/{unit}/附件3.xlsx");
                    sc.xlsx(&rel, &[("附件3", progress_sheet(unit, &c))]);
                    entries.push((rel, "2021-06-27T10:00:00+08:00".to_owned()));
                }
                2 => {
                    // invalid: the same form twice in one workbook
                    let sheet = progress_sheet(unit, &counts(random.below(50) as u32));
                    let rel = format!("submissions/{unit}/附件3.xlsx");
                    sc.xlsx(&rel, &[("附件3", sheet.clone()), ("附件3副本", sheet)]);
                    entries.push((rel, "2021-06-26T10:00:00+08:00".to_owned()));
                }
                case => {
                    let c = random_counts(&mut random);
                    for row in &c {
                        for m in 0..6 {
                            expected_total[m] += row[m] as u64;
                        }
                    }
                    expected_rows += 10;
                    if case == 3 {
                        // an earlier version that the newer one replaces
                        let rel = format!("submissions/{unit}/附件3-初稿.xlsx");
                        sc.xlsx(
                            &rel,
                            &[("附件3", progress_sheet(unit, &random_counts(&mut random)))],
                        );
                        entries.push((rel, "2021-06-15T10:00:00+08:00".to_owned()));
                    }
                    let rel = format!("submissions/{unit}/附件3.xlsx");
                    sc.xlsx(&rel, &[("附件3", progress_sheet(unit, &c))]);
                    entries.push((
                        rel,
                        format!("2021-06-{:02}T10:00:00+08:00", 20 + random.below(10)),
                    ));
                }
            }
        }
        let refs: Vec<(&str, &str)> = entries
            .iter()
            .map(|(p, a)| (p.as_str(), a.as_str()))
            .collect();
        sc.ledger(&refs);

        let campaign = &sc.campaign;
        let files = campaign::read::read_all(campaign, sc.root()).unwrap();
        let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        let receipts = campaign::receipt::receipts(sc.root(), &paths, campaign.timezone).unwrap();
        let as_of = campaign::when::parse_instant("2021-06-30", campaign.timezone).unwrap();
        let check = campaign::status::check(
            campaign,
            &files,
            &receipts,
            campaign::status::Options {
                as_of,
                soon: chrono::Duration::zero(),
            },
        );
        let rollup = campaign::merge::rollup(campaign, &receipts, &check);
        let progress = &rollup.progress;

        let total: Vec<u64> = progress.total.iter().map(|v| *v as u64).collect();
        assert_eq!(total, expected_total, "seed {seed}: totals");
        assert_eq!(
            progress.detail.len(),
            expected_rows,
            "seed {seed}: detail rows"
        );
        let by_items: Vec<u64> = (0..6)
            .map(|m| progress.by_item.iter().map(|i| i.values[m] as u64).sum())
            .collect();
        assert_eq!(
            by_items, expected_total,
            "seed {seed}: items add up to the total"
        );
        let by_units: Vec<u64> = (0..6)
            .map(|m| progress.by_unit.iter().map(|u| u.values[m] as u64).sum())
            .collect();
        assert_eq!(
            by_units, expected_total,
            "seed {seed}: units add up to the total"
        );
        let by_categories: Vec<u64> = (0..6)
            .map(|m| {
                progress
                    .by_category
                    .iter()
                    .map(|c| c.values[m] as u64)
                    .sum()
            })
            .collect();
        assert_eq!(
            by_categories, expected_total,
            "seed {seed}: categories add up to the total"
        );
        let mut accounted: Vec<&str> = progress
            .by_unit
            .iter()
            .map(|u| u.unit.as_str())
            .chain(progress.excluded.iter().map(|e| e.unit.as_str()))
            .collect();
        accounted.sort();
        let mut owing: Vec<&str> = units.iter().map(String::as_str).collect();
        owing.sort();
        assert_eq!(
            accounted, owing,
            "seed {seed}: every unit owing 附件3 is counted or excluded, once"
        );
    }
}
