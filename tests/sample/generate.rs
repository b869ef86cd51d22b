//! The repository's sample campaign: the default 2021 campaign as the office
//! ran it (one extension granted, one office exempted) and what fourteen
//! fictional units returned in June 2021, with a receipt ledger.
//!
//! Every file is generated here, most of them by filling in our own blank
//! forms as a unit would; `tests/sample.rs` checks that the committed copy is
//! exactly what this writes. Regenerate with `cargo run --example sample_campaign`.
//! All names and numbers are invented.

use std::io::Write;
use std::path::Path;

use campaign::definition::{Campaign, DEFAULT_TOML};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// One cell a unit types into a form.
enum V {
    S(&'static str),
    N(f64),
    D(u8, u8),
}
use V::{D, N, S};

/// The definition as the office ran it: the default, plus an exemption and an extension.
pub fn definition() -> String {
    let with_exemption = DEFAULT_TOML.replacen(
        "aliases = [\"计财室\", \"财务室\"]\n",
        "aliases = [\"计财室\", \"财务室\"]\nexempt = [\"plan\", \"scheme\", \"materials\"]   # runs no key activity of its own\n",
        1,
    );
    let with_extension = with_exemption.replacen(
        "# [[extensions]]\n# unit = \"区生活垃圾处理场\"\n# report = \"progress\"\n# until = 2021-07-02\n# reason = \"设备检修，统计数据需延后汇总\"\n# approved_by = \"委办公室\"\n",
        "[[extensions]]\nunit = \"区生活垃圾处理场\"\nreport = \"progress\"\nuntil = 2021-07-02\nreason = \"设备检修，统计数据需延后汇总\"\napproved_by = \"委办公室\"\n",
        1,
    );
    assert_ne!(
        with_extension, with_exemption,
        "the default still carries the example extension"
    );
    with_extension
}

/// Writes campaign.toml, submissions/ and submissions/received.toml under `root`.
pub fn write(root: &Path) {
    let toml = definition();
    let campaign = Campaign::parse(&toml).expect("the sample definition is valid");
    std::fs::write(root.join("campaign.toml"), &toml).unwrap();
    let mut ledger = Ledger::default();
    let sub = |rel: &str| root.join("submissions").join(rel);
    let mut put = |rel: &str, bytes: Vec<u8>, at: &str, via: &str| {
        let path = sub(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        ledger.entry(&format!("submissions/{rel}"), at, via, &bytes);
        std::fs::write(&path, bytes).unwrap();
    };

    // 党建室: everything on time; one stray file.
    put(
        "党建室/附件1-联络员表.xlsx",
        liaison(
            &campaign,
            "党建室",
            &[[
                "赵一鸣",
                "科员",
                "022-23450001",
                "13800000001",
                "zhaoyiming@example.com",
            ]],
        ),
        "2021-06-02T09:15:00",
        "email",
    );
    put(
        "党建室/附件2-重点活动计划安排表.xlsx",
        plan(
            &campaign,
            "党建室",
            &[plan_row(
                "党史中的安全生产专题学习会",
                "专题学习",
                "集中学习",
                (6, 15),
                (6, 15),
                35.0,
                "否",
            )],
        ),
        "2021-06-02T09:15:00",
        "email",
    );
    put(
        "党建室/党建室安全生产月活动方案.docx",
        scheme(
            "党建室",
            "6月中旬组织“党史中的安全生产”专题学习会，6月下旬开展领导干部讲安全课和安全知识答题，做到学习有记录、活动有影像。",
        ),
        "2021-06-07T16:20:00",
        "wechat",
    );
    put(
        "党建室/重点活动/党史中的安全生产专题学习会/活动情况.txt",
        text("6月15日下午，党建室组织全体党员35人开展专题学习。"),
        "2021-06-17T10:00:00",
        "wechat",
    );
    put(
        "党建室/附件3-活动进展情况统计表.xlsx",
        progress(&campaign, "党建室", &counts(1)),
        "2021-06-25T10:00:00",
        "email",
    );
    put(
        "党建室/党建室活动综合情况.docx",
        summary(
            "党建室",
            "党建室安全生产月活动综合情况",
            "6月，党建室按照委安全生产月活动方案的部署，共开展专题学习3场、领导干部讲安全课1场，参与人次165，发放学习资料200份。",
            Some(&[
                &["活动", "场次", "参与人次"],
                &["专题学习", "3", "120"],
                &["领导干部讲安全", "1", "45"],
            ]),
            "以“党史中的安全生产”专题学习会为重点，把安全生产纳入支部学习内容，由支部书记带头讲安全，组织党员结合岗位查找安全风险。",
        ),
        "2021-06-27T11:30:00",
        "email",
    );
    put(
        "党建室/会议通知.txt",
        text("请各支部于周五前报送学习记录。"),
        "2021-06-10T08:00:00",
        "wechat",
    );

    // 公共室 (业务室): its plan on time with two brand activities; the scheme a day late;
    // 附件3 typed by hand in its own layout; no summary.
    put(
        "公共室/附件1-联络员表.xlsx",
        liaison(
            &campaign,
            "公共室",
            &[[
                "钱二平",
                "副主任",
                "022-23450002",
                "13800000002",
                "qianerping@example.com",
            ]],
        ),
        "2021-06-03T14:00:00",
        "email",
    );
    put(
        "公共室/附件2-重点活动计划安排表.xlsx",
        plan(
            &campaign,
            "公共室",
            &[
                plan_row(
                    "城市运行安全宣传咨询日",
                    "集中宣传咨询",
                    "设点咨询",
                    (6, 16),
                    (6, 16),
                    300.0,
                    "是",
                ),
                plan_row(
                    "燃气安全进社区",
                    "安全宣传“五进”",
                    "入户宣传",
                    (6, 28),
                    (6, 29),
                    150.0,
                    "是",
                ),
            ],
        ),
        "2021-06-03T14:00:00",
        "email",
    );
    put(
        "公共室/重点活动/城市运行安全宣传咨询日/活动情况.txt",
        text("6月16日在区政府广场设咨询点，发放资料800份。"),
        "2021-06-18T15:40:00",
        "wechat",
    );
    put(
        "公共室/公共室活动方案.docx",
        scheme(
            "公共室",
            "6月16日参加全区安全宣传咨询日，6月中下旬开展燃气安全进社区品牌活动，发放燃气安全宣传资料，入户讲解安全用气常识。",
        ),
        "2021-06-09T10:00:00",
        "wechat",
    );
    put(
        "公共室/进展统计（公共室）.xlsx",
        handmade_progress(),
        "2021-06-26T17:05:00",
        "email",
    );

    // 市政道路桥梁室 (业务室): its plan marks no brand activity and ends before it starts.
    put(
        "市政道路桥梁室/附件1-联络员表.xlsx",
        liaison(
            &campaign,
            "市政道路桥梁室",
            &[[
                "孙三立",
                "科员",
                "022-23450003",
                "13800000003",
                "sunsanli@example.com",
            ]],
        ),
        "2021-06-03T17:30:00",
        "email",
    );
    put(
        "市政道路桥梁室/附件2-重点活动计划安排表.xlsx",
        plan(
            &campaign,
            "市政道路桥梁室",
            &[
                plan_row(
                    "桥梁险情应急演练",
                    "应急演练",
                    "实战演练",
                    (6, 22),
                    (6, 21),
                    60.0,
                    "否",
                ),
                plan_row(
                    "道路塌陷隐患排查",
                    "安全隐患排查整治",
                    "现场排查",
                    (6, 10),
                    (6, 20),
                    20.0,
                    "否",
                ),
            ],
        ),
        "2021-06-03T17:30:00",
        "email",
    );
    put(
        "市政道路桥梁室/市政道路桥梁室活动方案.docx",
        scheme(
            "市政道路桥梁室",
            "6月上中旬对辖区城市道路、桥梁和隧道开展隐患排查，6月下旬组织桥梁突发事件应急演练，排查出的隐患建立台账、限期整改。",
        ),
        "2021-06-08T09:00:00",
        "email",
    );
    put(
        "市政道路桥梁室/附件3-活动进展情况统计表.xlsx",
        progress(&campaign, "市政道路桥梁室", &counts(3)),
        "2021-06-28T16:00:00",
        "email",
    );
    put(
        "市政道路桥梁室/市政道路桥梁室活动总结.docx",
        summary(
            "市政道路桥梁室",
            "市政道路桥梁室安全生产月活动总结",
            "6月，市政道路桥梁室对辖区城市道路、桥梁和隧道开展隐患排查，共排查隐患20项，已全部整改；组织桥梁突发事件应急演练1场。",
            None,
            "排查实行“一桥一档”，隐患逐项登记、限期整改、复查销号；应急演练邀请养护单位共同参加，检验了应急预案和处置流程。",
        ),
        "2021-06-28T17:00:00",
        "email",
    );

    // 市容环卫室 (业务室) has sent nothing.

    // 园林绿化室 (业务室): a folder named by its alias, and 附件3 loose in submissions/.
    put(
        "园林室/附件1-联络员表.xlsx",
        liaison(
            &campaign,
            "园林绿化室",
            &[[
                "李四海",
                "科员",
                "022-23450005",
                "13800000005",
                "lisihai@example.com",
            ]],
        ),
        "2021-06-03T11:00:00",
        "email",
    );
    put(
        "园林室/附件2-重点活动计划安排表.xlsx",
        plan(
            &campaign,
            "园林绿化室",
            &[plan_row(
                "公园游乐设施安全检查",
                "安全隐患排查整治",
                "现场检查",
                (6, 7),
                (6, 11),
                12.0,
                "是",
            )],
        ),
        "2021-06-03T11:00:00",
        "email",
    );
    put(
        "园林室/重点活动/公园游乐设施安全检查/检查记录.txt",
        text("检查公园游乐设施45台，发现隐患6项。"),
        "2021-06-15T09:30:00",
        "wechat",
    );
    put(
        "园林室/园林绿化室活动方案.docx",
        scheme(
            "园林绿化室",
            "6月上中旬重点检查各公园游乐设施和古树名木，6月下旬在公园开展游园安全宣传，检查中发现的问题督促管理单位及时整改。",
        ),
        "2021-06-08T15:00:00",
        "email",
    );
    put(
        "附件3-园林绿化室.xlsx",
        progress(&campaign, "", &counts(5)),
        "2021-06-28T09:00:00",
        "email",
    );
    put(
        "园林室/园林绿化室活动综合情况.docx",
        summary(
            "园林绿化室",
            "园林绿化室安全生产月活动综合情况",
            "6月，园林绿化室完成对各公园游乐设施和古树名木的安全检查，在公园开展游园安全宣传活动，发放宣传资料500份。",
            None,
            "检查由业务科室和公园管理单位共同进行，对游乐设施逐台核查检验合格证和日常维护记录；宣传活动结合游园高峰时段开展。",
        ),
        "2021-06-29T09:00:00",
        "email",
    );

    // 安全监管室: two liaisons; its 附件3 has an estimate and more rectified than found.
    put(
        "安全监管室/附件1-联络员表.xlsx",
        liaison(
            &campaign,
            "安全监管室",
            &[
                [
                    "周五岳",
                    "科长",
                    "022-23450006",
                    "13800000006",
                    "zhouwuyue@example.com",
                ],
                [
                    "吴六合",
                    "科员",
                    "022-23450016",
                    "13800000016",
                    "wuliuhe@example.com",
                ],
            ],
        ),
        "2021-06-01T16:00:00",
        "email",
    );
    put(
        "安全监管室/附件2-重点活动计划安排表.xlsx",
        plan(
            &campaign,
            "安全监管室",
            &[plan_row(
                "领导干部讲安全公开课",
                "领导干部讲安全",
                "讲座",
                (6, 8),
                (6, 8),
                80.0,
                "否",
            )],
        ),
        "2021-06-03T10:00:00",
        "email",
    );
    put(
        "安全监管室/重点活动/领导干部讲安全公开课/活动情况.txt",
        text("6月8日，分管领导讲授安全课，80人参加。"),
        "2021-06-10T10:00:00",
        "email",
    );
    put(
        "安全监管室/安全监管室活动方案.docx",
        scheme(
            "安全监管室",
            "统筹全委安全生产月活动，6月上旬印发活动通知，6月中旬对各单位活动开展情况进行督导检查，6月底汇总各单位活动情况。",
        ),
        "2021-06-04T10:00:00",
        "email",
    );
    let mut wrong = counts(6);
    wrong[2][5] = wrong[2][4] + 3.0; // 整改隐患 > 排查隐患
    put(
        "安全监管室/附件3-活动进展情况统计表.xlsx",
        progress_with(&campaign, "安全监管室", &wrong, &[(3, 2, S("约200"))]),
        "2021-06-28T15:00:00",
        "email",
    );
    put(
        "安全监管室/安全监管室活动综合情况.docx",
        summary(
            "安全监管室",
            "安全监管室安全生产月活动综合情况",
            "6月，安全监管室统筹全委安全生产月活动，印发活动通知，督导检查各单位活动开展情况，全委各单位活动开展情况良好。",
            None,
            "督导检查采取听取汇报、查阅资料和现场查看相结合的方式，对检查中发现的问题当场反馈，并跟踪督促整改到位。",
        ),
        "2021-06-28T16:30:00",
        "email",
    );

    // 计划财务室: exempt from the plan, the scheme and materials.
    put(
        "计划财务室/附件1-联络员表.xlsx",
        liaison(
            &campaign,
            "计划财务室",
            &[[
                "郑七星",
                "科员",
                "022-23450007",
                "13800000007",
                "zhengqixing@example.com",
            ]],
        ),
        "2021-06-03T09:00:00",
        "email",
    );
    put(
        "计划财务室/附件3-活动进展情况统计表.xlsx",
        progress(&campaign, "计划财务室", &counts(7)),
        "2021-06-24T09:00:00",
        "email",
    );
    put(
        "计划财务室/计划财务室活动综合情况.docx",
        summary(
            "计划财务室",
            "计划财务室安全生产月活动综合情况",
            "6月，计划财务室组织财务人员参加安全知识答题，开展办公场所消防安全自查，保障安全生产月活动经费及时到位。",
            None,
            "结合财务工作特点，重点检查办公场所电器线路和消防器材，提醒财务人员做好防盗、防火和信息安全工作。",
        ),
        "2021-06-25T09:00:00",
        "email",
    );

    // 区环境卫生服务中心: a folder named by its alias; 附件3 a day late.
    put(
        "环卫中心/附件1-联络员表.xlsx",
        liaison(
            &campaign,
            "区环境卫生服务中心",
            &[[
                "王八方",
                "科员",
                "022-23450008",
                "13800000008",
                "wangbafang@example.com",
            ]],
        ),
        "2021-06-02T10:00:00",
        "email",
    );
    put(
        "环卫中心/附件2-重点活动计划安排表.xlsx",
        plan(
            &campaign,
            "区环境卫生服务中心",
            &[plan_row(
                "环卫作业安全警示教育",
                "典型事故案例警示",
                "观看警示片",
                (6, 23),
                (6, 23),
                120.0,
                "否",
            )],
        ),
        "2021-06-03T16:00:00",
        "email",
    );
    put(
        "环卫中心/区环境卫生服务中心活动方案.docx",
        scheme(
            "区环境卫生服务中心",
            "6月上旬组织环卫作业人员观看事故案例警示教育片，6月中下旬开展道路清扫保洁和垃圾清运作业安全检查。",
        ),
        "2021-06-08T11:00:00",
        "email",
    );
    put(
        "环卫中心/附件3-活动进展情况统计表.xlsx",
        progress(&campaign, "区环境卫生服务中心", &counts(8)),
        "2021-06-29T15:00:00",
        "email",
    );
    put(
        "环卫中心/区环境卫生服务中心活动综合情况.docx",
        summary(
            "区环境卫生服务中心",
            "区环境卫生服务中心安全生产月活动综合情况",
            "6月，区环境卫生服务中心组织环卫作业人员开展事故案例警示教育，开展道路清扫保洁和垃圾清运作业安全检查。",
            None,
            "警示教育分班组进行，覆盖一线作业人员；作业安全检查重点查看车辆安全状况和作业人员反光服、安全帽等防护用品的佩戴情况。",
        ),
        "2021-06-28T10:00:00",
        "email",
    );

    // 区园林绿化服务中心: only its roster, a day late.
    put(
        "区园林绿化服务中心/附件1-联络员表.xlsx",
        liaison(
            &campaign,
            "区园林绿化服务中心",
            &[[
                "冯九州",
                "科员",
                "022-23450009",
                "13800000009",
                "fengjiuzhou@example.com",
            ]],
        ),
        "2021-06-04T10:30:00",
        "wechat",
    );

    // 区市政设施维护中心: 附件2 and 附件3 in one workbook, sent once at the end.
    put(
        "区市政设施维护中心/附件1-联络员表.xlsx",
        liaison(
            &campaign,
            "区市政设施维护中心",
            &[[
                "陈十全",
                "科员",
                "022-23450010",
                "13800000010",
                "chenshiquan@example.com",
            ]],
        ),
        "2021-06-03T08:30:00",
        "email",
    );
    put(
        "区市政设施维护中心/报表汇总.xlsx",
        plan_and_progress(&campaign),
        "2021-06-27T14:00:00",
        "email",
    );

    // 区燃气管理服务中心: 附件3 with a range instead of a number.
    put(
        "区燃气管理服务中心/附件1-联络员表.xlsx",
        liaison(
            &campaign,
            "区燃气管理服务中心",
            &[[
                "褚一帆",
                "科员",
                "022-23450011",
                "13800000011",
                "chuyifan@example.com",
            ]],
        ),
        "2021-06-02T15:00:00",
        "email",
    );
    put(
        "区燃气管理服务中心/附件3-活动进展情况统计表.xlsx",
        progress_with(
            &campaign,
            "区燃气管理服务中心",
            &counts(11),
            &[(5, 3, S("100-150"))],
        ),
        "2021-06-27T10:00:00",
        "email",
    );

    // 区城市管理综合执法大队: its roster came password-protected.
    put(
        "区城市管理综合执法大队/附件1-执法大队.xlsx",
        encrypted_workbook(),
        "2021-06-03T12:00:00",
        "email",
    );

    // 区生活垃圾处理场: granted until 7月2日 for 附件3.
    put(
        "区生活垃圾处理场/附件1-联络员表.xlsx",
        liaison(
            &campaign,
            "区生活垃圾处理场",
            &[[
                "卫十二",
                "科员",
                "022-23450013",
                "13800000013",
                "weishier@example.com",
            ]],
        ),
        "2021-06-03T10:00:00",
        "email",
    );

    // 区城市照明管理所: only its roster.
    put(
        "照明所/附件1-联络员表.xlsx",
        liaison(
            &campaign,
            "区城市照明管理所",
            &[[
                "蒋十四",
                "科员",
                "022-23450014",
                "13800000014",
                "jiangshisi@example.com",
            ]],
        ),
        "2021-06-02T11:00:00",
        "email",
    );

    for unit in &campaign.units {
        let folder = sub(&unit.name);
        if !root
            .join("submissions")
            .join(alias_folder(&unit.name))
            .exists()
        {
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join(".gitkeep"), "").unwrap();
        }
    }
    std::fs::write(root.join("submissions/received.toml"), ledger.text).unwrap();
}

/// The folder a unit's files are in, where the sample uses an alias.
fn alias_folder(unit: &str) -> &str {
    match unit {
        "园林绿化室" => "园林室",
        "区环境卫生服务中心" => "环卫中心",
        "区城市照明管理所" => "照明所",
        other => other,
    }
}

#[derive(Default)]
struct Ledger {
    text: String,
}

impl Ledger {
    /// Records `bytes` received at `path`: the sha256 says which content
    /// arrived, as `campaign receive` records it, so that the history can
    /// tell the content of each instant.
    fn entry(&mut self, path: &str, at: &str, via: &str, bytes: &[u8]) {
        if self.text.is_empty() {
            self.text.push_str("# 收件登记：各单位材料的收到时间（邮件、微信收到后登记）。\n# When each file arrived, as the office recorded it.\n");
        }
        let sha256 = campaign::receipt::Sha256::of(bytes);
        self.text.push_str(&format!(
            "\n[[received]]\npath = \"{path}\"\nat = {at}+08:00\nvia = \"{via}\"\nsha256 = \"{}\"\n",
            sha256.as_str()
        ));
    }
}

fn plan_row(
    name: &'static str,
    item: &'static str,
    form: &'static str,
    start: (u8, u8),
    end: (u8, u8),
    people: f64,
    brand: &'static str,
) -> Vec<V> {
    vec![
        S(name),
        S(item),
        S(form),
        D(start.0, start.1),
        D(end.0, end.1),
        S("区内"),
        S("干部职工"),
        N(people),
        S(brand),
        S("王主任"),
        S("13800000099"),
    ]
}

/// Counts of one unit: item i, metric m from a small deterministic pattern.
fn counts(seed: u32) -> [[f64; 6]; 10] {
    let mut counts = [[0.0; 6]; 10];
    for (i, row) in counts.iter_mut().enumerate() {
        let i = i as u32;
        let sessions = (seed + i) % 4;
        let found = (seed * 3 + i) % 6;
        *row = [
            f64::from(sessions),
            f64::from(sessions * (20 + seed * 5)),
            f64::from(sessions * 50),
            f64::from((seed + i) % 3),
            f64::from(found),
            f64::from(found.saturating_sub((seed + i) % 2)),
        ];
    }
    counts
}

/// A blank form of `report`, filled: metadata, then `rows` from the first data row
/// (for 附件3, `counts` into the six count columns).
fn filled(
    campaign: &Campaign,
    report: &str,
    unit: &str,
    fill: impl FnOnce(&mut rust_xlsxwriter::Worksheet, &campaign::template::form::Layout),
) -> Vec<u8> {
    let report = campaign.report(report).unwrap();
    let (mut workbook, layout) =
        campaign::template::build(campaign, report, report.table().unwrap()).unwrap();
    let sheet = workbook.worksheet_from_index(0).unwrap();
    let [unit_cell, filler, phone, date] = layout.metadata;
    let row = layout.metadata_row;
    if !unit.is_empty() {
        sheet.write_string(row, unit_cell.first, unit).unwrap();
    }
    sheet.write_string(row, filler.first, "王主任").unwrap();
    sheet.write_string(row, phone.first, "13800000099").unwrap();
    sheet.write_string(row, date.first, "2021年6月2日").unwrap();
    fill(sheet, &layout);
    workbook.save_to_buffer().unwrap()
}

fn write_value(sheet: &mut rust_xlsxwriter::Worksheet, row: u32, col: u16, value: &V) {
    match value {
        S(text) => drop(sheet.write_string(row, col, *text).unwrap()),
        N(n) => drop(sheet.write_number(row, col, *n).unwrap()),
        D(m, d) => {
            let date = ExcelDateTime::from_ymd(2021, *m, *d).unwrap();
            sheet
                .write_datetime_with_format(
                    row,
                    col,
                    &date,
                    &Format::new().set_num_format("yyyy-mm-dd"),
                )
                .unwrap();
        }
    }
}

fn liaison(campaign: &Campaign, unit: &str, people: &[[&'static str; 5]]) -> Vec<u8> {
    filled(campaign, "liaison", unit, |sheet, layout| {
        for (i, [name, title, phone, mobile, email]) in people.iter().enumerate() {
            let row = layout.first_data_row + i as u32;
            for (col, value) in [
                (1, unit),
                (2, *name),
                (3, *title),
                (4, *phone),
                (5, *mobile),
                (6, *email),
            ] {
                sheet.write_string(row, col, value).unwrap();
            }
        }
    })
}

fn plan(campaign: &Campaign, unit: &str, rows: &[Vec<V>]) -> Vec<u8> {
    filled(campaign, "plan", unit, |sheet, layout| {
        for (i, values) in rows.iter().enumerate() {
            for (col, value) in values.iter().enumerate() {
                write_value(
                    sheet,
                    layout.first_data_row + i as u32,
                    col as u16 + 1,
                    value,
                );
            }
        }
    })
}

fn progress(campaign: &Campaign, unit: &str, counts: &[[f64; 6]; 10]) -> Vec<u8> {
    progress_with(campaign, unit, counts, &[])
}

/// 附件3 from our form, with some cells overwritten: (item index, count index, value).
fn progress_with(
    campaign: &Campaign,
    unit: &str,
    counts: &[[f64; 6]; 10],
    overrides: &[(u32, u16, V)],
) -> Vec<u8> {
    filled(campaign, "progress", unit, |sheet, layout| {
        for (i, row) in counts.iter().enumerate() {
            for (m, value) in row.iter().enumerate() {
                sheet
                    .write_number(layout.first_data_row + i as u32, m as u16 + 2, *value)
                    .unwrap();
            }
        }
        let mut grid = *counts;
        for (item, metric, value) in overrides {
            write_value(sheet, layout.first_data_row + item, metric + 2, value);
            grid[*item as usize][*metric as usize] = match value {
                N(n) => *n,
                _ => 0.0, // SUM skips text, as Excel does
            };
        }
        // Store the results Excel would have saved with the file.
        let total_row = layout.total_row.expect("附件3 has a 合计 row");
        for m in 0..6u16 {
            let col = m + 2;
            let first = rust_xlsxwriter::utility::row_col_to_cell(layout.first_data_row, col);
            let last = rust_xlsxwriter::utility::row_col_to_cell(total_row - 1, col);
            let sum: f64 = grid.iter().map(|row| row[m as usize]).sum();
            let formula = rust_xlsxwriter::Formula::new(format!("SUM({first}:{last})"))
                .set_result(sum.to_string());
            sheet.write_formula(total_row, col, formula).unwrap();
        }
    })
}

/// 附件2 and 附件3 of 区市政设施维护中心 as two sheets of one workbook made by hand.
fn plan_and_progress(campaign: &Campaign) -> Vec<u8> {
    let mut workbook = Workbook::new();
    pin(&mut workbook);
    let plan = workbook.add_worksheet();
    plan.set_name("附件2").unwrap();
    plan.write_string(0, 0, "附件2  2021年“安全生产月”重点活动计划安排表")
        .unwrap();
    plan.write_string(1, 0, "填报单位：区市政设施维护中心")
        .unwrap();
    let header = [
        "序号",
        "活动名称",
        "对应活动事项",
        "活动形式",
        "计划开始日期",
        "计划结束日期",
        "活动地点",
        "参与对象",
        "预计参与人数（人）",
        "是否品牌活动",
        "负责人",
        "联系电话",
        "备注",
    ];
    for (col, text) in header.iter().enumerate() {
        plan.write_string(2, col as u16, *text).unwrap();
    }
    let row = plan_row(
        "防汛排水应急演练",
        "应急演练",
        "实战演练",
        (6, 24),
        (6, 24),
        45.0,
        "否",
    );
    plan.write_number(3, 0, 1.0).unwrap();
    for (col, value) in row.iter().enumerate() {
        write_value(plan, 3, col as u16 + 1, value);
    }
    let progress = workbook.add_worksheet();
    progress.set_name("附件3").unwrap();
    progress
        .write_string(0, 0, "附件3  2021年“安全生产月”活动进展情况统计表")
        .unwrap();
    progress
        .write_string(1, 0, "填报单位：区市政设施维护中心")
        .unwrap();
    let header = [
        "序号",
        "活动事项",
        "开展场次（场）",
        "参与人次（人次）",
        "发放宣传资料（份）",
        "媒体报道（篇/条）",
        "排查隐患（项）",
        "整改隐患（项）",
        "备注",
    ];
    for (col, text) in header.iter().enumerate() {
        progress.write_string(2, col as u16, *text).unwrap();
    }
    for (i, (activity, values)) in campaign.activities.iter().zip(counts(10)).enumerate() {
        let row = 3 + i as u32;
        progress
            .write_number(row, 0, f64::from(activity.no))
            .unwrap();
        progress.write_string(row, 1, &activity.name).unwrap();
        for (m, value) in values.iter().enumerate() {
            progress.write_number(row, m as u16 + 2, *value).unwrap();
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// 公共室's 附件3, typed into a sheet of its own making with the quirks people use:
/// everything of the metadata in one merged cell, a header broken over two
/// lines, full-width digits, numbers with their unit, dashes for zero, a 合计
/// row and a footnote.
fn handmade_progress() -> Vec<u8> {
    let mut workbook = Workbook::new();
    pin(&mut workbook);
    let sheet = workbook.add_worksheet();
    sheet.set_name("Sheet1").unwrap();
    let plain = Format::new();
    sheet
        .merge_range(
            0,
            0,
            0,
            8,
            "附件3  2021年“安全生产月”活动进展情况统计表",
            &plain,
        )
        .unwrap();
    sheet.merge_range(1, 0, 1, 8, "填报单位：公共室　　填报人：钱二平　　联系电话：138 0000 0002　　填报日期：2021年6月26日", &plain).unwrap();
    let header = [
        "序号",
        "活动事项",
        "开展场次\n（场）",
        "参与人次\n（人次）",
        "发放宣传资料\n（份）",
        "媒体报道\n（篇/条）",
        "排查隐患\n（项）",
        "整改隐患\n（项）",
        "备注",
    ];
    for (col, text) in header.iter().enumerate() {
        sheet.write_string(2, col as u16, *text).unwrap();
    }
    let rows: [[&str; 6]; 10] = [
        ["２", "６０", "—", "1", "0", "0"],
        ["1场", "40人次", "—", "—", "—", "—"],
        ["3", "25", "100", "2", "8", "8"],
        ["1", "—", "—", "3", "—", "—"],
        ["1", "1,200", "800", "2", "—", "—"],
        ["—", "—", "—", "—", "—", "—"],
        ["2", "150", "300", "1", "4", "3"],
        ["1", "60", "—", "—", "—", "—"],
        ["—", "—", "—", "5", "—", "—"],
        ["1", "30", "—", "—", "—", "—"],
    ];
    let items = [
        "专题学习",
        "领导干部讲安全",
        "安全隐患排查整治",
        "宣传典型经验做法",
        "集中宣传咨询",
        "应急演练",
        "安全宣传“五进”",
        "典型事故案例警示",
        "全媒体联动",
        "参与国家、市级、区级宣传系列活动",
    ];
    for (i, (item, values)) in items.iter().zip(rows).enumerate() {
        let row = 3 + i as u32;
        sheet.write_string(row, 0, (i + 1).to_string()).unwrap();
        sheet.write_string(row, 1, *item).unwrap();
        for (m, value) in values.iter().enumerate() {
            sheet.write_string(row, m as u16 + 2, *value).unwrap();
        }
    }
    sheet.merge_range(13, 0, 13, 1, "合计", &plain).unwrap();
    for (m, total) in [12.0, 1365.0, 1200.0, 14.0, 12.0, 11.0].iter().enumerate() {
        sheet.write_number(13, m as u16 + 2, *total).unwrap();
    }
    sheet
        .merge_range(
            15,
            0,
            15,
            8,
            "注：数据统计时间为2021年6月1日至6月26日。",
            &plain,
        )
        .unwrap();
    workbook.save_to_buffer().unwrap()
}

/// A workbook saved with an opening password: an OLE container holding
/// EncryptionInfo and EncryptedPackage streams, as Excel and WPS write it.
fn encrypted_workbook() -> Vec<u8> {
    let mut ole = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    ole.create_stream("/EncryptionInfo")
        .unwrap()
        .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
        .unwrap();
    ole.create_stream("/EncryptedPackage")
        .unwrap()
        .write_all(&[0u8; 64])
        .unwrap();
    ole.into_inner().into_inner()
}

/// Fixed document properties, so the same sample is written byte for byte.
fn pin(workbook: &mut Workbook) {
    let created = ExcelDateTime::from_ymd(2021, 6, 1).unwrap();
    workbook.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
}

/// A piece of a sample document.
enum Part {
    /// A section heading (Word's 标题 2).
    Heading(&'static str),
    Text(String),
    /// Rows of cells, the first one the header.
    Table(&'static [&'static [&'static str]]),
}

/// A unit's 安全生产月活动方案 as offices write them: why, who leads, what is
/// planned (`plan`), what is asked of everyone.
fn scheme(unit: &str, plan: &str) -> Vec<u8> {
    docx(
        &format!("{unit}安全生产月活动方案"),
        vec![
            Part::Heading("一、指导思想"),
            Part::Text(format!(
                "为贯彻落实委安全生产月活动的部署，围绕“落实安全责任，推动安全发展”主题，结合{unit}工作实际，制定本方案。"
            )),
            Part::Heading("二、组织领导"),
            Part::Text(format!(
                "成立{unit}安全生产月活动领导小组，主要负责同志任组长，分管负责同志任副组长，各岗位负责人为成员，负责活动的组织协调和督促落实。"
            )),
            Part::Heading("三、活动安排"),
            Part::Text(plan.to_owned()),
            Part::Heading("四、工作要求"),
            Part::Text(
                "各岗位要高度重视、精心组织，把安全生产月活动与日常工作结合起来，确保活动取得实效；活动中的好经验、好做法及时报送，活动结束后按时报送活动综合情况。"
                    .to_owned(),
            ),
        ],
    )
}

/// A unit's summary of the month under `title`: what was done (`done`, then
/// a table when there is one), how (`how`), what is next.
fn summary(
    unit: &str,
    title: &str,
    done: &str,
    table: Option<&'static [&'static [&'static str]]>,
    how: &str,
) -> Vec<u8> {
    let mut parts = vec![Part::Heading("一、基本情况"), Part::Text(done.to_owned())];
    parts.extend(table.map(Part::Table));
    parts.extend([
        Part::Heading("二、主要做法"),
        Part::Text(how.to_owned()),
        Part::Heading("三、存在的不足和下一步打算"),
        Part::Text(format!(
            "{unit}安全生产月活动虽取得一定成效，但仍存在宣传形式不够丰富、隐患排查不够深入等不足。下一步，将把活动中的好做法转化为长效机制，持续抓好安全生产各项工作。"
        )),
    ]);
    docx(title, parts)
}

/// A Word document (.docx): `title` in Word's 标题 1, then `parts`; written
/// part by part with one fixed time, so the same sample is written byte for byte.
fn docx(title: &str, parts: Vec<Part>) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let paragraph = |style: &str, text: &str| {
        let style = if style.is_empty() {
            String::new()
        } else {
            format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#)
        };
        format!("<w:p>{style}<w:r><w:t>{text}</w:t></w:r></w:p>")
    };
    let mut body = paragraph("Heading1", title);
    for part in parts {
        body.push_str(&match part {
            Part::Heading(text) => paragraph("Heading2", text),
            Part::Text(text) => paragraph("", &text),
            Part::Table(rows) => {
                let rows: String = rows
                    .iter()
                    .map(|row| {
                        let cells: String = row
                            .iter()
                            .map(|cell| format!("<w:tc>{}</w:tc>", paragraph("", cell)))
                            .collect();
                        format!("<w:tr>{cells}</w:tr>")
                    })
                    .collect();
                format!(
                    r#"<w:tbl><w:tblPr><w:tblBorders><w:top w:val="single"/><w:left w:val="single"/><w:bottom w:val="single"/><w:right w:val="single"/><w:insideH w:val="single"/><w:insideV w:val="single"/></w:tblBorders></w:tblPr>{rows}</w:tbl>"#
                )
            }
        });
    }
    let heading = |level: u8| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/><w:pPr><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"#,
            level - 1
        )
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#.to_owned()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_owned()),
        ("word/_rels/document.xml.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.to_owned()),
        ("word/styles.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{}{}</w:styles>"#, heading(1), heading(2))),
        ("word/document.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#)),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn text(body: &str) -> Vec<u8> {
    format!("{body}\n").into_bytes()
}
