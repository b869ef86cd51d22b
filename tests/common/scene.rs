//! The campaign repository of the rendering tests: one shared folder that
//! holds every status, mark and list of the outputs — forms written in code,
//! committed to git at chosen times, one entry in the receipt ledger, files not
//! yet committed — and what `check` reads of it.

use campaign::definition::Campaign;
use campaign::read::FileRead;
use campaign::receipt::Receipts;
use campaign::status::{Check, Options, Status};

use super::git::Repo;
use super::{C, Planned, liaison_rows, plan_rows, s, write_xlsx};

/// The instant the scene is judged at: after every status has occurred, before
/// the 附件3 that came later.
pub const AS_OF: &str = "2021-06-09T12:00:00+08:00";

/// The default campaign, 计划财务室 exempt from the summary, two extensions.
pub fn definition() -> String {
    super::exempt_and_extended()
}

/// A campaign repository as it stood on June 9, 2021 at noon, with every
/// status, mark and list of the outputs:
///
/// - every unit sent 附件1 on June 2, 附件2 on June 3 and its 方案 on June 8,
///   except as follows;
/// - 党建室: 附件1 recorded in the ledger, revised on June 5; a key activity
///   with its photos on time, another due in three and a half days;
/// - 公共室: 附件1 a day late, a 方案 of one line (a warning); 市政道路桥梁室:
///   附件2 five hours late, with an extra column;
/// - 市容环卫室: no 方案; 园林绿化室: an invalid 附件2 (an unknown item, three
///   brand activities) and an invalid 附件1 whose liaisons are still valid;
/// - 安全监管室: 方案 after the deadline but within its extension;
/// - 计划财务室: exempt from the summary; 区园林绿化服务中心: nothing sent, its
///   方案 extended and due in two and a half days;
/// - 区环境卫生服务中心: photos of one key activity not committed yet (dated by
///   their modification time, late), another activity due in eleven hours;
/// - 区市政设施维护中心: 附件1 first dropped straight into submissions/, then
///   moved into its folder; 区燃气管理服务中心: 附件2 whose 填报单位 names
///   区城市照明管理所;
/// - two stray files, a ledger entry for a file that does not exist, and a
///   附件3 of 区城市照明管理所 committed after June 9.
pub fn scene() -> Repo {
    let repo = Repo::new();
    repo.write("campaign.toml", &definition());
    repo.commit_at("2021-05-28T09:00:00+08:00");
    let campaign = Campaign::parse(&definition()).unwrap();
    let units: Vec<&str> = campaign.units.iter().map(|u| u.name.as_str()).collect();
    let xlsx = |rel: &str, sheet: &str, rows: Vec<Vec<C>>| {
        write_xlsx(&repo.root.join(rel), &[(sheet, rows)]);
    };
    let roster =
        |unit: &str| liaison_rows(unit, &[("赵六", "13800001234"), ("钱七", "13900005678")]);

    for unit in &units {
        match *unit {
            "公共室" | "区园林绿化服务中心" => {}
            "区市政设施维护中心" => xlsx(
                "submissions/附件1-区市政设施维护中心.xlsx",
                "附件1",
                roster(unit),
            ),
            "园林绿化室" => {
                let mut rows = roster(unit);
                rows[3][6] = s("zhaoliu.example.com");
                xlsx(&format!("submissions/{unit}/附件1.xlsx"), "附件1", rows);
            }
            _ => xlsx(
                &format!("submissions/{unit}/附件1.xlsx"),
                "附件1",
                roster(unit),
            ),
        }
    }
    repo.write(
        "submissions/received.toml",
        "[[received]]\npath = \"submissions/党建室/附件1.xlsx\"\nat = 2021-06-02T09:10:00+08:00\nvia = \"email\"\n\n[[received]]\npath = \"submissions/党建室/附件9.xlsx\"\nat = 2021-06-02T09:20:00+08:00\nvia = \"wechat\"\n",
    );
    repo.commit_at("2021-06-02T10:00:00+08:00");

    for unit in &units {
        let activities: Vec<Planned> = match *unit {
            "党建室" => vec![("专题学习会", 1, 5, "否"), ("领导干部讲安全课", 2, 9, "否")],
            "区环境卫生服务中心" => vec![
                ("燃气泄漏应急演练", 6, 3, "否"),
                ("安全宣传进社区", 7, 6, "否"),
            ],
            "园林绿化室" => vec![
                ("植树安全讲座", 1, 25, "是"),
                ("园林作业演练", 6, 25, "是"),
                ("绿地巡查", 3, 25, "是"),
            ],
            _ => vec![("安全知识讲座", 1, 25, "是")],
        };
        let mut rows = plan_rows(unit, &activities);
        match *unit {
            "公共室" | "区园林绿化服务中心" | "市政道路桥梁室" => continue,
            "园林绿化室" => rows[4][2] = s("植树活动"),
            "区燃气管理服务中心" => rows[1] = vec![s("填报单位：区城市照明管理所")],
            _ => {}
        }
        xlsx(&format!("submissions/{unit}/附件2.xlsx"), "附件2", rows);
    }
    repo.commit_at("2021-06-03T09:00:00+08:00");

    let mut roads = plan_rows("市政道路桥梁室", &[("桥梁检修演练", 6, 25, "是")]);
    roads[2].extend([C::Blank, C::Blank, C::Blank, s("审核人")]);
    xlsx("submissions/市政道路桥梁室/附件2.xlsx", "附件2", roads);
    repo.commit_at("2021-06-04T05:00:00+08:00");

    xlsx("submissions/公共室/附件1.xlsx", "附件1", roster("公共室"));
    repo.commit_at("2021-06-05T08:00:00+08:00");
    xlsx(
        "submissions/党建室/附件1.xlsx",
        "附件1",
        liaison_rows("党建室", &[("孙八", "13700002468")]),
    );
    repo.commit_at("2021-06-05T09:30:00+08:00");
    repo.write("submissions/党建室/重点活动/专题学习会/照片1.jpg", "jpeg");
    repo.commit_at("2021-06-07T16:20:00+08:00");

    for unit in &units {
        if !["市容环卫室", "安全监管室", "区园林绿化服务中心", "公共室"].contains(unit)
        {
            repo.write_bytes(
                &format!("submissions/{unit}/{unit}安全生产月活动方案.docx"),
                &super::docx::scheme(unit),
            );
        }
    }
    repo.write_bytes(
        "submissions/公共室/公共室安全生产月活动方案.docx",
        &super::docx::document(
            "公共室安全生产月活动方案",
            &["公共室将组织开展安全宣传和隐患排查。"],
        ),
    );
    std::fs::create_dir_all(repo.root.join("submissions/区市政设施维护中心")).unwrap();
    repo.git(&[
        "mv",
        "submissions/附件1-区市政设施维护中心.xlsx",
        "submissions/区市政设施维护中心/附件1.xlsx",
    ]);
    repo.commit_at("2021-06-08T15:00:00+08:00");
    repo.write_bytes(
        "submissions/安全监管室/安全监管室安全生产月活动方案.docx",
        &super::docx::scheme("安全监管室"),
    );
    repo.commit_at("2021-06-09T10:00:00+08:00");

    xlsx(
        "submissions/区城市照明管理所/附件3.xlsx",
        "附件3",
        super::progress_sheet("区城市照明管理所", &super::sample_counts()),
    );
    repo.commit_at("2021-06-20T10:00:00+08:00");

    // Not committed: two stray files and photos dated by their modification time.
    xlsx("submissions/新建文件夹/附件3.xlsx", "附件3", {
        let mut rows = super::progress_sheet("", &super::sample_counts());
        rows[1] = vec![s("填报单位：")];
        rows
    });
    repo.write("submissions/杂项 | 旧表<备份>.zip", "zip");
    let photo = "submissions/区环境卫生服务中心/重点活动/燃气泄漏应急演练/现场.jpg";
    repo.write(photo, "jpeg");
    for (rel, modified) in [
        (
            "submissions/新建文件夹/附件3.xlsx",
            "2021-06-08T18:00:00+08:00",
        ),
        (
            "submissions/杂项 | 旧表<备份>.zip",
            "2021-06-08T18:05:00+08:00",
        ),
        (photo, "2021-06-07T10:00:00+08:00"),
    ] {
        let file = std::fs::File::options()
            .write(true)
            .open(repo.root.join(rel))
            .unwrap();
        file.set_modified(at(modified).into()).unwrap();
    }
    repo
}

pub fn at(text: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(text).expect("a valid RFC 3339 time")
}

/// What check reads of the scene: the definition, the files and their receipts.
pub struct Read {
    repo: Repo,
    pub campaign: Campaign,
    pub files: Vec<FileRead>,
    pub receipts: Receipts,
}

pub fn read() -> Read {
    let repo = scene();
    let campaign = Campaign::parse(&definition()).unwrap();
    let files = campaign::read::read_all(&campaign, &repo.root).unwrap();
    let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    let receipts = campaign::receipt::receipts(&repo.root, &paths, campaign.timezone).unwrap();
    assert_eq!(receipts.warnings, [], "the scene's commits are in order");
    Read {
        repo,
        campaign,
        files,
        receipts,
    }
}

impl Read {
    /// The campaign folder.
    pub fn root(&self) -> &std::path::Path {
        &self.repo.root
    }

    /// The check at [`AS_OF`].
    pub fn check(&self) -> Check<'_> {
        self.check_at(AS_OF)
    }

    /// The check at `as_of` (RFC 3339), reports due within four days “due soon”.
    pub fn check_at(&self, as_of: &str) -> Check<'_> {
        campaign::status::check(&self.campaign, &self.files, &self.receipts, options(as_of))
    }

    /// The scene as `campaign check --as-of` reads it: every file as it stood
    /// at `as_of` (RFC 3339), from the history.
    pub fn stood(&self, as_of: &str) -> (Vec<FileRead>, Receipts) {
        let mut store =
            campaign::history::Store::new(self.root(), &campaign::read::limits(&self.campaign));
        let stood = campaign::history::stood_at(
            self.root(),
            &self.campaign,
            &self.files,
            &self.receipts,
            at(as_of),
            &mut store,
        )
        .expect("the scene's history reads")
        .expect("the scene changed after the instant");
        assert!(stood.campaign.is_none(), "campaign.toml is committed once");
        (stood.files, stood.receipts)
    }

    /// The check of what [`Read::stood`] gave at `as_of`, as [`Read::check_at`] judges.
    pub fn check_of<'a>(
        &self,
        (files, receipts): &'a (Vec<FileRead>, Receipts),
        as_of: &str,
    ) -> Check<'a> {
        campaign::status::check(&self.campaign, files, receipts, options(as_of))
    }
}

/// How the rendering tests judge: at `as_of` (RFC 3339), reports due within four days “due soon”.
fn options(as_of: &str) -> Options {
    Options {
        as_of: at(as_of),
        soon: chrono::Duration::days(4),
    }
}

pub fn campaign() -> Campaign {
    Campaign::parse(&definition()).unwrap()
}

/// The `--fail-on` of the rendering tests: the default.
pub const FAIL_ON: [Status; 2] = [Status::Missing, Status::Invalid];
