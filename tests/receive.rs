//! `campaign receive` end to end, forms and documents: a campaign
//! scaffolded by `campaign init` in a real git repository, forms arriving in
//! a downloads folder outside it, the binary filing them, and `campaign
//! check` afterwards.

mod common;

use serde_json::Value;

use common::office::{
    HUANWEI, LEDGER, Run, entry, liaison_without_filler, office, office_with_plan, sha256, zip,
};
use common::run::{check_json, check_output, plan, result, seen};
use common::{liaison_rows, progress_sheet, sample_counts, write_xlsx};

#[test]
fn a_form_is_filed_by_the_unit_its_content_names() {
    let office = office("");
    let form = office.progress("环卫中心进展表.xlsx", HUANWEI, &sample_counts());
    let before = office.tree_hash();

    let filed = "submissions/区环境卫生服务中心/附件3-环卫中心进展表.xlsx";
    office.says(
        &[form.to_str().unwrap(), "--at", "2021-06-27 16:30"],
        0,
        &[
            "收到时间：2021年6月27日 16:30（邮件）",
            &format!("环卫中心进展表.xlsx：区环境卫生服务中心 附件3 活动进展情况统计表：按时（截止6月28日），已存为 {filed}"),
        ],
    );
    assert_ne!(office.tree_hash(), before);
    assert_eq!(office.read(filed), std::fs::read(&form).unwrap());
    assert_eq!(
        office.ledger(),
        entry(
            filed,
            "2021-06-27T16:30:00+08:00",
            "email",
            "环卫中心进展表.xlsx",
            &sha256(&form)
        )
    );
    let json = check_json(&office.repo, "2021-06-30");
    assert_eq!(
        seen(&json, HUANWEI, "progress"),
        (
            "ok".to_owned(),
            Value::from("2021-06-27T16:30:00+08:00"),
            Value::from("ledger")
        )
    );
    assert_eq!(
        result(&json, HUANWEI, "progress", None)["files"],
        Value::from(vec![filed])
    );
}

#[test]
fn the_unit_comes_from_the_flag_only_when_the_content_names_none() {
    let office = office("");
    let form = office.download("附件1.xlsx");
    liaison_without_filler(&form);
    let before = office.tree_hash();

    office.says(
        &[form.to_str().unwrap(), "--at", "2021-06-04 10:00", "--via", "wechat"],
        1,
        &[
            "收到时间：2021年6月4日 10:00（微信）",
            "附件1.xlsx：未收下。无法确定是哪个单位的文件：表格中没有填写填报单位，文件名中也没有单位名称。请用 --unit 指定报送单位（名称或简称）后重新运行。",
        ],
    );

    assert_eq!(office.tree_hash(), before, "nothing is copied");

    office.says(
        &[
            form.to_str().unwrap(),
            "--at",
            "2021-06-04 10:00",
            "--via",
            "wechat",
            "--unit",
            "党建室",
            "--lang",
            "en",
        ],
        0,
        &[
            "Received 2021-06-04 10:00 (WeChat)",
            "附件1.xlsx: 党建室 附件1 联络员表: late 10 hours (due Jun 3), saved as submissions/党建室/附件1.xlsx",
        ],
    );

    let json = check_json(&office.repo, "2021-06-30");
    assert_eq!(
        seen(&json, "党建室", "liaison"),
        (
            "late".to_owned(),
            Value::from("2021-06-04T10:00:00+08:00"),
            Value::from("ledger")
        )
    );
}

#[test]
fn a_unit_flag_overrides_a_file_name_but_never_the_content() {
    let office = office("");
    let form = office.progress("进展表.xlsx", HUANWEI, &sample_counts());
    let named = office.progress("公共室附件3.xlsx", HUANWEI, &sample_counts());
    let before = office.tree_hash();

    office.says(
        &[form.to_str().unwrap(), named.to_str().unwrap(), "--unit", "党建室", "--at", "2021-06-27"],
        1,
        &[
            "收到时间：2021年6月27日 00:00（邮件）",
            "进展表.xlsx：未收下。单位不一致：填报单位为“区环境卫生服务中心”，--unit 为“党建室”。--unit 不能改变表格中填写的填报单位：--unit 写错的，改正后重新运行；填报单位填错的，请退回对方改正后重新报送。",
            "公共室附件3.xlsx：未收下。单位不一致：填报单位为“区环境卫生服务中心”，--unit 为“党建室”。--unit 不能改变表格中填写的填报单位：--unit 写错的，改正后重新运行；填报单位填错的，请退回对方改正后重新报送。",
        ],
    );
    assert_eq!(office.tree_hash(), before);

    // Without --unit the 填报单位 and the name disagree; --unit settles it for the content.
    office.says(
        &[named.to_str().unwrap(), "--lang", "en", "--at", "2021-06-27"],
        1,
        &[
            "Received 2021-06-27 00:00 (e-mail)",
            "公共室附件3.xlsx: not received. The units do not agree: its 填报单位 cell says “区环境卫生服务中心”, its file name says “公共室”. Check which is right: return the file to the unit if its 填报单位 is wrong; if it is right, name that unit with --unit and run again (the file name then does not count).",
        ],
    );
    assert_eq!(office.tree_hash(), before);
    let roster = office.download("公共室附件1.xlsx");
    liaison_without_filler(&roster);
    office.says(
        &[named.to_str().unwrap(), roster.to_str().unwrap(), "--unit", "环卫中心", "--at", "2021-06-27"],
        0,
        &[
            "收到时间：2021年6月27日 00:00（邮件）",
            "公共室附件3.xlsx：区环境卫生服务中心 附件3 活动进展情况统计表：按时（截止6月28日），已存为 submissions/区环境卫生服务中心/公共室附件3.xlsx",
            "公共室附件1.xlsx：区环境卫生服务中心 附件1 联络员表：逾期23天（截止6月3日），已存为 submissions/区环境卫生服务中心/公共室附件1.xlsx",
        ],
    );
    let json = check_json(&office.repo, "2021-06-30");
    assert_eq!(result(&json, HUANWEI, "progress", None)["status"], "ok");
    assert_eq!(result(&json, HUANWEI, "liaison", None)["status"], "late");
    assert_eq!(
        result(&json, "公共室", "liaison", None)["status"],
        "missing"
    );
}

#[test]
fn content_received_before_is_not_saved_again() {
    let office = office("");
    let form = office.progress("进展表.xlsx", HUANWEI, &sample_counts());
    let path = form.to_str().unwrap();
    office.receive(&[path, "--at", "2021-06-27 16:30"]);
    let ledger = office.ledger();
    let tree = office.tree_hash();

    let copy = office.download("进展表(1).xlsx");
    std::fs::copy(&form, &copy).unwrap();
    office.says(
        &[path, copy.to_str().unwrap(), "--at", "2021-06-28 09:00"],
        0,
        &[
            "收到时间：2021年6月28日 09:00（邮件）",
            "进展表.xlsx：与此前收到的 submissions/区环境卫生服务中心/附件3-进展表.xlsx 内容相同，未重复保存",
            "进展表(1).xlsx：与此前收到的 submissions/区环境卫生服务中心/附件3-进展表.xlsx 内容相同，未重复保存",
        ],
    );

    assert_eq!(office.ledger(), ledger);
    assert_eq!(office.tree_hash(), tree);
}

#[test]
fn a_unit_that_committed_its_form_itself_has_it_received_already() {
    let office = office("");
    let form = office.progress("附件3.xlsx", HUANWEI, &sample_counts());
    let committed = office
        .repo
        .root
        .join("submissions/区环境卫生服务中心/附件3.xlsx");
    std::fs::copy(&form, &committed).unwrap();
    office.repo.commit_at("2021-06-26T11:00:00+08:00");

    let run = office.receive(&[form.to_str().unwrap(), "--at", "2021-06-27"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout.lines().nth(1),
        Some(
            "附件3.xlsx：与此前收到的 submissions/区环境卫生服务中心/附件3.xlsx 内容相同，未重复保存"
        )
    );
    assert!(!office.repo.root.join(LEDGER).exists());
}

#[test]
fn a_second_version_is_kept_beside_the_first() {
    let office = office("");
    let first = office.progress("进展表.xlsx", HUANWEI, &sample_counts());
    office.receive(&[first.to_str().unwrap(), "--at", "2021-06-27 16:30"]);
    let first_filed = "submissions/区环境卫生服务中心/附件3-进展表.xlsx";
    let first_bytes = office.read(first_filed);

    let mut counts = sample_counts();
    counts[0][0] = 99.0;
    let second = office.progress("进展表.xlsx", HUANWEI, &counts);
    let second_filed = "submissions/区环境卫生服务中心/附件3-进展表（修订2）.xlsx";
    office.says(
        &[second.to_str().unwrap(), "--at", "2021-06-29 08:00"],
        0,
        &[
            "收到时间：2021年6月29日 08:00（邮件）",
            &format!("进展表.xlsx：区环境卫生服务中心 附件3 活动进展情况统计表：按时↻（截止6月28日），已存为 {second_filed}"),
        ],
    );
    assert_eq!(office.read(first_filed), first_bytes);
    assert_eq!(office.read(second_filed), std::fs::read(&second).unwrap());
    assert_eq!(office.ledger().matches("[[received]]").count(), 2);

    let json = check_json(&office.repo, "2021-06-30");
    let progress = result(&json, HUANWEI, "progress", None);
    assert_eq!(progress["status"], "ok");
    assert_eq!(progress["received"], "2021-06-27T16:30:00+08:00");
    assert_eq!(
        progress["files"],
        Value::from(vec![first_filed, second_filed])
    );
    let json = serde_json::from_str::<Value>(&check_output(
        &office.repo,
        &["--format", "json", "--as-of", "2021-06-30"],
    ))
    .unwrap();
    assert_eq!(json["summary"]["invalid"], 0);
}

#[test]
fn a_file_that_cannot_be_identified_is_not_copied_and_the_others_are() {
    let office = office("");
    let good = office.progress("进展表.xlsx", HUANWEI, &sample_counts());
    let note = office.save("说明.txt", "请查收");
    let photo = office.save("IMG_0001.jpg", b"\xff\xd8\xff photo");

    office.says(
        &[
            good.to_str().unwrap(),
            note.to_str().unwrap(),
            photo.to_str().unwrap(),
            "--unit",
            "环卫中心",
            "--at",
            "2021-06-27 16:30",
        ],
        1,
        &[
            "收到时间：2021年6月27日 16:30（邮件）",
            "进展表.xlsx：区环境卫生服务中心 附件3 活动进展情况统计表：按时（截止6月28日），已存为 submissions/区环境卫生服务中心/附件3-进展表.xlsx",
            "说明.txt：未收下。无法确定是哪项报送：不是可以读取的表格或文档（.txt），请提交 Excel 表格（.xlsx/.xls/.xlsb）、WPS/LibreOffice 表格或 Word/PDF 文档。",
            "IMG_0001.jpg：未收下。无法确定是哪项重点活动的资料，区环境卫生服务中心也还没有有效的重点活动计划。请用 --activity 指定活动名称后重新运行。",
        ],
    );

    let files: Vec<String> = office.tree().into_iter().map(|(path, _)| path).collect();
    let of_unit: Vec<&String> = files
        .iter()
        .filter(|p| p.starts_with("submissions/区环境卫生服务中心/"))
        .collect();
    assert_eq!(
        of_unit,
        [
            "submissions/区环境卫生服务中心/.gitkeep",
            "submissions/区环境卫生服务中心/附件3-进展表.xlsx"
        ]
    );
    assert_eq!(office.ledger().matches("[[received]]").count(), 1);

    // A file in submissions/ arrived there already.
    let inside = office
        .repo
        .root
        .join("submissions/区环境卫生服务中心/附件3-进展表.xlsx");
    office.says(
        &[inside.to_str().unwrap(), "--at", "2021-06-27 16:30", "--lang", "en"],
        1,
        &[
            "Received 2021-06-27 16:30 (e-mail)",
            "附件3-进展表.xlsx: not received. This file is already in submissions/ and needs no receiving: it is dated by the ledger or its commit.",
        ],
    );
}

#[test]
fn the_ledger_keeps_its_comments_and_dates_in_the_campaign_zone() {
    let office = office("");
    let hand = "# 收件登记（委办公室）\n\n[[received]]\npath = \"submissions/党建室/附件1.xlsx\"\nat = 2021-06-02 # 电话确认\nvia = \"email\"\n";
    write_xlsx(
        &office.repo.root.join("submissions/党建室/附件1.xlsx"),
        &[("附件1", liaison_rows("党建室", &[("赵六", "13800001234")]))],
    );
    std::fs::write(office.repo.root.join(LEDGER), hand).unwrap();
    let form = office.progress("进展表.xlsx", HUANWEI, &sample_counts());

    // A time with another offset is kept as the same instant in +08:00.
    let run = office.receive(&[form.to_str().unwrap(), "--at", "2021-06-27T08:30:00Z"]);
    assert_eq!(run.code, 0, "{run:?}");
    let filed = "submissions/区环境卫生服务中心/附件3-进展表.xlsx";
    assert_eq!(
        office.ledger(),
        format!(
            "{hand}\n{}",
            entry(
                filed,
                "2021-06-27T16:30:00+08:00",
                "email",
                "进展表.xlsx",
                &sha256(&form)
            )
        )
    );

    // Without --at, now, to the second, in the campaign's time zone.
    let mut counts = sample_counts();
    counts[1][1] = 7.0;
    let late = office.progress("进展表-改.xlsx", HUANWEI, &counts);
    let start = chrono::Utc::now().timestamp();
    let run = office.receive(&[late.to_str().unwrap(), "--via", "传真"]);
    let end = chrono::Utc::now().timestamp();
    assert_eq!(run.code, 0, "{run:?}");
    let ledger: toml::Table = toml::from_str(&office.ledger()).unwrap();
    let last = ledger["received"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["via"].as_str(), Some("传真"));
    assert_eq!(last["name"].as_str(), Some("进展表-改.xlsx"));
    let at = last["at"].as_datetime().unwrap().to_string();
    assert!(at.ends_with("+08:00"), "{at}");
    let at = chrono::DateTime::parse_from_rfc3339(&at)
        .unwrap()
        .timestamp();
    assert!((start..=end).contains(&at), "{start} <= {at} <= {end}");
    assert!(run.stdout.starts_with("收到时间："), "{}", run.stdout);
    assert!(run.stdout.contains("（传真）\n"), "{}", run.stdout);

    // check knows the name key: no problem with the ledger.
    let json = check_json(&office.repo, "2021-06-30");
    let unassigned = json["unassigned"].as_array().unwrap();
    assert!(unassigned.is_empty(), "{unassigned:?}");
}

#[test]
fn a_ledger_that_does_not_parse_is_not_appended_to() {
    let office = office("");
    std::fs::write(
        office.repo.root.join(LEDGER),
        "[[received]]\npath = \"submissions/党建室/附件1.xlsx\n",
    )
    .unwrap();
    let form = office.progress("进展表.xlsx", HUANWEI, &sample_counts());
    let before = office.tree_hash();
    let run = office.receive(&[form.to_str().unwrap(), "--at", "2021-06-27"]);
    assert_eq!(
        run,
        Run {
            code: 2,
            stdout: String::new(),
            stderr: "submissions/received.toml 第 2 行：不是有效的 TOML（invalid basic string, expected `\"`）\n\
                     收件登记有误时不能在其后追加：本次没有收件，收件登记未作改动。请改正后重试。\n"
                .into()
        }
    );
    assert_eq!(office.tree_hash(), before);
}

#[test]
fn a_time_to_come_and_a_bad_time_are_refused() {
    let office = office("");
    let form = office.progress("进展表.xlsx", HUANWEI, &sample_counts());
    let before = office.tree_hash();
    let run = office.receive(&[form.to_str().unwrap(), "--at", "2999-01-01 09:00"]);
    assert_eq!(
        run,
        Run {
            code: 2,
            stdout: String::new(),
            stderr: "--at 的时间 2999年1月1日 09:00:00 还没有到：收到时间不能晚于现在。\n".into()
        }
    );
    let run = office.receive(&[form.to_str().unwrap(), "--at", "6月27日"]);
    assert_eq!(
        run.stderr,
        "--at 的值“6月27日”无法识别，请写日期（2021-06-30）或日期时间（2021-06-30T17:00）。\n"
    );
    assert_eq!(run.code, 2);
    assert_eq!(office.tree_hash(), before);
}

#[test]
fn a_dry_run_changes_nothing() {
    let office = office_with_plan();
    let form = office.progress("进展表.xlsx", HUANWEI, &sample_counts());
    let archive = office.download("环卫中心-应急演练进社区.zip");
    zip(
        &archive,
        &[
            ("1.jpg".as_bytes(), b"one".as_slice()),
            ("2.jpg".as_bytes(), b"two".as_slice()),
        ],
        zip::CompressionMethod::Deflated,
    );
    let before = office.tree_hash();
    let status = office.repo.git(&["status", "--porcelain"]);

    let args = [
        form.to_str().unwrap(),
        archive.to_str().unwrap(),
        "--at",
        "2021-06-12 09:00",
        "--commit",
    ];
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let folder = "submissions/区环境卫生服务中心";
    let run = office.says(
        &dry,
        0,
        &[
            "试运行，不作任何改动。收到时间：2021年6月12日 09:00（邮件）",
            &format!("进展表.xlsx：区环境卫生服务中心 附件3 活动进展情况统计表：按时（截止6月28日），将存为 {folder}/附件3-进展表.xlsx"),
            &format!("环卫中心-应急演练进社区.zip：区环境卫生服务中心 重点活动资料 · 应急演练进社区：按时（截止6月13日），2 个文件将解压到 {folder}/重点活动/应急演练进社区/"),
        ],
    );
    assert_eq!(office.tree_hash(), before);
    assert_eq!(office.repo.git(&["status", "--porcelain"]), status);
    assert_eq!(office.repo.git(&["rev-list", "--count", "HEAD"]), "2\n");

    // The same command without --dry-run does what the dry run said.
    let real = office.receive(&args);
    assert_eq!(real.code, 0, "{real:?}");
    let said: Vec<String> = run
        .stdout
        .lines()
        .skip(1)
        .map(|l| {
            l.replace("将存为", "已存为")
                .replace("将解压到", "已解压到")
        })
        .collect();
    let done: Vec<&str> = real.stdout.lines().skip(1).take(2).collect();
    assert_eq!(done, said);
}

#[test]
fn check_afterwards_shows_what_the_ledger_implies() {
    let office = office("");
    let downloads = office.downloads.path();
    write_xlsx(
        &downloads.join("附件1-公共室.xlsx"),
        &[("附件1", liaison_rows("公共室", &[("钱七", "13800005678")]))],
    );
    office.progress("进展表-环卫.xlsx", HUANWEI, &sample_counts());
    let mut wrong = sample_counts();
    wrong[2][5] = wrong[2][4] + 1.0; // 整改 > 排查
    office.progress("进展表-党建.xlsx", "党建室", &wrong);
    write_xlsx(&downloads.join("~$进展表-环卫.xlsx"), &[("x", vec![])]);

    let run = office.receive(&[
        "--dir",
        downloads.to_str().unwrap(),
        "--at",
        "2021-06-28 18:00",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    // --dir takes the files by name; the lock file is left alone.
    assert_eq!(
        lines[1],
        "进展表-党建.xlsx：党建室 附件3 活动进展情况统计表：有误（截止6月28日），已存为 submissions/党建室/附件3-进展表-党建.xlsx。需要修改：附件3!H6 “整改隐患（项）”（25）不能大于“排查隐患（项）”（24）"
    );
    assert_eq!(
        lines[2],
        "进展表-环卫.xlsx：区环境卫生服务中心 附件3 活动进展情况统计表：按时（截止6月28日），已存为 submissions/区环境卫生服务中心/附件3-进展表-环卫.xlsx"
    );
    assert_eq!(
        lines[3],
        "附件1-公共室.xlsx：公共室 附件1 联络员表：逾期24天（截止6月3日），已存为 submissions/公共室/附件1-公共室.xlsx"
    );

    let json = check_json(&office.repo, "2021-06-30");
    let at = Value::from("2021-06-28T18:00:00+08:00");
    let ledger = Value::from("ledger");
    assert_eq!(
        seen(&json, "公共室", "liaison"),
        ("late".to_owned(), at.clone(), ledger.clone())
    );
    assert_eq!(
        seen(&json, "党建室", "progress"),
        ("invalid".to_owned(), at.clone(), ledger.clone())
    );
    assert_eq!(
        seen(&json, HUANWEI, "progress"),
        ("ok".to_owned(), at, ledger)
    );
    let table = check_output(&office.repo, &["--as-of", "2021-06-30"]);
    assert!(table.contains("逾期24天"), "{table}");
}

#[test]
fn the_same_content_is_a_duplicate_only_for_the_unit_that_sent_it() {
    let office = office_with_plan();
    plan(
        &office.repo,
        "submissions/党建室/附件2.xlsx",
        "党建室",
        &[("应急演练进社区", 10, "否")],
    );
    office.repo.commit_at("2021-06-02T11:00:00+08:00");
    let photo = office.save("IMG_0001.jpg", b"\xff\xd8\xff the same photo");
    let photo = photo.to_str().unwrap();
    let activity = ["--activity", "应急演练进社区", "--at", "2021-06-12 09:00"];
    let by = |unit: &'static str| [&[photo, "--unit", unit][..], &activity[..]].concat();

    let huanwei = "submissions/区环境卫生服务中心/重点活动/应急演练进社区/IMG_0001.jpg";
    office.says(
        &by("环卫中心"),
        0,
        &[
            "收到时间：2021年6月12日 09:00（邮件）",
            &format!("IMG_0001.jpg：区环境卫生服务中心 重点活动资料 · 应急演练进社区：按时（截止6月13日），已存为 {huanwei}"),
        ],
    );
    // Another unit sending the same photo has sent it for itself.
    let dangjian = "submissions/党建室/重点活动/应急演练进社区/IMG_0001.jpg";
    office.says(
        &by("党建室"),
        0,
        &[
            "收到时间：2021年6月12日 09:00（邮件）",
            &format!("IMG_0001.jpg：党建室 重点活动资料 · 应急演练进社区：按时（截止6月13日），已存为 {dangjian}"),
        ],
    );
    assert_eq!(office.read(dangjian), office.read(huanwei));
    let ledger = office.ledger();
    office.says(
        &by("环卫中心"),
        0,
        &[
            "收到时间：2021年6月12日 09:00（邮件）",
            &format!("IMG_0001.jpg：与此前收到的 {huanwei} 内容相同，未重复保存"),
        ],
    );
    assert_eq!(office.ledger(), ledger);
    let json = check_json(&office.repo, "2021-06-30");
    let materials = result(&json, "党建室", "materials", Some("应急演练进社区"));
    assert_eq!(materials["status"], "ok");
    assert_eq!(materials["files"], Value::from(vec![dangjian]));
}

#[test]
fn a_path_the_ledger_names_is_never_given_to_another_file() {
    let office = office("");
    let first = office.progress("进展表.xlsx", HUANWEI, &sample_counts());
    office.receive(&[first.to_str().unwrap(), "--at", "2021-06-27 16:30"]);
    let filed = "submissions/区环境卫生服务中心/附件3-进展表.xlsx";
    // The file is taken away again; its ledger entry stays.
    std::fs::remove_file(office.repo.root.join(filed)).unwrap();

    let mut counts = sample_counts();
    counts[0][0] = 99.0;
    let second = office.progress("进展表.xlsx", HUANWEI, &counts);
    let numbered = "submissions/区环境卫生服务中心/附件3-进展表（2）.xlsx";
    office.says(
        &[second.to_str().unwrap(), "--at", "2021-06-29 08:00"],
        0,
        &[
            "收到时间：2021年6月29日 08:00（邮件）",
            &format!("进展表.xlsx：区环境卫生服务中心 附件3 活动进展情况统计表：逾期8小时（截止6月28日），已存为 {numbered}"),
        ],
    );
    assert!(!office.repo.root.join(filed).exists());
    let json = check_json(&office.repo, "2021-06-30");
    let progress = result(&json, HUANWEI, "progress", None);
    assert_eq!(progress["status"], "late");
    assert_eq!(progress["received"], "2021-06-29T08:00:00+08:00");
    assert_eq!(progress["files"], Value::from(vec![numbered]));
}

#[test]
fn a_linked_download_is_received_from_the_file_it_points_to() {
    let office = office("");
    let store = tempfile::tempdir().unwrap();
    let blob = store.path().join("7f3a9c");
    write_xlsx(
        &blob,
        &[("附件3", progress_sheet(HUANWEI, &sample_counts()))],
    );
    let link = office.download("环卫进展表.xlsx");
    std::os::unix::fs::symlink(&blob, &link).unwrap();
    let gone = store.path().join("已删除.xlsx");
    let dangling = office.download("丢失.xlsx");
    std::os::unix::fs::symlink(&gone, &dangling).unwrap();
    let folder = office.download("文件夹.xlsx");
    std::os::unix::fs::symlink(store.path(), &folder).unwrap();

    let filed = "submissions/区环境卫生服务中心/附件3-环卫进展表.xlsx";
    let (gone, store) = (gone.display(), store.path().display());
    office.says(
        &["--dir", office.downloads.path().to_str().unwrap(), "--at", "2021-06-27 16:30"],
        1,
        &[
            "收到时间：2021年6月27日 16:30（邮件）",
            &format!("丢失.xlsx：未收下。这是指向 {gone} 的链接，但那里没有文件。请找到原文件后重新运行。"),
            &format!("文件夹.xlsx：未收下。这是指向 {store} 的链接，但那里不是文件（是文件夹或其他特殊文件）。请找到原文件后重新运行。"),
            &format!("环卫进展表.xlsx：区环境卫生服务中心 附件3 活动进展情况统计表：按时（截止6月28日），已存为 {filed}"),
        ],
    );
    assert_eq!(office.read(filed), std::fs::read(&blob).unwrap());
    assert!(
        !office
            .repo
            .root
            .join(filed)
            .symlink_metadata()
            .unwrap()
            .is_symlink()
    );
    assert_eq!(
        office.ledger(),
        entry(
            filed,
            "2021-06-27T16:30:00+08:00",
            "email",
            "环卫进展表.xlsx",
            &sha256(&blob)
        )
    );
    let run = office.receive(&[dangling.to_str().unwrap(), "--lang", "en", "--dry-run"]);
    assert_eq!(
        run.stdout.lines().nth(1),
        Some(format!("丢失.xlsx: not received. This is a link to {gone}, where there is no file. Find the file itself and run again.").as_str())
    );
    let run = office.receive(&[folder.to_str().unwrap(), "--lang", "en", "--dry-run"]);
    assert_eq!(
        run.stdout.lines().nth(1),
        Some(format!("文件夹.xlsx: not received. This is a link to {store}, which is not a file (a folder or something else). Find the file itself and run again.").as_str())
    );
}

#[test]
fn a_file_left_unrecorded_by_an_interrupted_run_is_recorded_not_copied_again() {
    let office = office("");
    let form = office.progress("进展表.xlsx", HUANWEI, &sample_counts());
    // What a run that stopped between copying and writing the ledger leaves.
    let orphan = "submissions/区环境卫生服务中心/附件3-进展表.xlsx";
    std::fs::copy(&form, office.repo.root.join(orphan)).unwrap();
    let folder = office.files_in("submissions/区环境卫生服务中心/");

    office.says(
        &[form.to_str().unwrap(), "--at", "2021-06-27 16:30", "--dry-run"],
        0,
        &[
            "试运行，不作任何改动。收到时间：2021年6月27日 16:30（邮件）",
            &format!("进展表.xlsx：区环境卫生服务中心 附件3 活动进展情况统计表：按时（截止6月28日），{orphan} 已在文件夹中（此前的收件没有登记完），将登记，不再复制"),
        ],
    );
    office.says(
        &[form.to_str().unwrap(), "--at", "2021-06-27 16:30"],
        0,
        &[
            "收到时间：2021年6月27日 16:30（邮件）",
            &format!("进展表.xlsx：区环境卫生服务中心 附件3 活动进展情况统计表：按时（截止6月28日），{orphan} 已在文件夹中（此前的收件没有登记完），现已登记，未再复制"),
        ],
    );
    assert_eq!(office.files_in("submissions/区环境卫生服务中心/"), folder);
    assert_eq!(
        office.ledger(),
        entry(
            orphan,
            "2021-06-27T16:30:00+08:00",
            "email",
            "进展表.xlsx",
            &sha256(&form)
        )
    );
    let json = check_json(&office.repo, "2021-06-30");
    assert_eq!(
        seen(&json, HUANWEI, "progress"),
        (
            "ok".to_owned(),
            Value::from("2021-06-27T16:30:00+08:00"),
            Value::from("ledger")
        )
    );

    // Once recorded, it is what arrived before.
    let run = office.receive(&[form.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(
        run.stdout.lines().nth(1),
        Some(
            format!("进展表.xlsx: the same as {orphan}, received before; not saved again").as_str()
        )
    );
}

#[test]
fn a_folder_that_is_a_link_is_never_written_through() {
    let office = office_with_plan();
    let outside = tempfile::tempdir().unwrap();
    let root = &office.repo.root;
    // 党建室's folder, and a key activity's folder of 区环境卫生服务中心, lead outside.
    std::fs::remove_dir_all(root.join("submissions/党建室")).unwrap();
    std::fs::create_dir(outside.path().join("党建室")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("党建室"),
        root.join("submissions/党建室"),
    )
    .unwrap();
    let activities = root.join("submissions/区环境卫生服务中心/重点活动");
    std::fs::create_dir_all(&activities).unwrap();
    std::fs::create_dir(outside.path().join("照片")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("照片"),
        activities.join("应急演练进社区"),
    )
    .unwrap();
    let archive = office.zip(
        "环卫中心-应急演练进社区.zip",
        &[("1.jpg", b"photo one".as_slice())],
    );
    let dangjian = office.progress("进展表-党建.xlsx", "党建室", &sample_counts());
    let huanwei = office.progress("进展表-环卫.xlsx", HUANWEI, &sample_counts());
    let args = [
        archive.to_str().unwrap(),
        dangjian.to_str().unwrap(),
        huanwei.to_str().unwrap(),
        "--at",
        "2021-06-12 09:00",
    ];

    office.says(
        &[&args[..], &["--lang", "en", "--dry-run"]].concat(),
        1,
        &[
            "Dry run: nothing is changed. Received 2021-06-12 09:00 (e-mail)",
            "环卫中心-应急演练进社区.zip: not received. submissions/区环境卫生服务中心/重点活动/应急演练进社区 is a symbolic link, not a real folder: saving through it could write outside the campaign folder, so nothing was saved. Replace it with a real folder and run again.",
            "进展表-党建.xlsx: not received. submissions/党建室 is a symbolic link, not a real folder: saving through it could write outside the campaign folder, so nothing was saved. Replace it with a real folder and run again.",
            "进展表-环卫.xlsx: 区环境卫生服务中心 附件3 活动进展情况统计表: on time (due Jun 28), would be saved as submissions/区环境卫生服务中心/附件3-进展表-环卫.xlsx",
        ],
    );
    office.says(
        &args,
        1,
        &[
            "收到时间：2021年6月12日 09:00（邮件）",
            "环卫中心-应急演练进社区.zip：未收下。submissions/区环境卫生服务中心/重点活动/应急演练进社区 是一个链接（符号链接），不是真正的文件夹，存入其中可能会写到活动文件夹以外，因此没有存入。请把它换成真正的文件夹后重新运行。",
            "进展表-党建.xlsx：未收下。submissions/党建室 是一个链接（符号链接），不是真正的文件夹，存入其中可能会写到活动文件夹以外，因此没有存入。请把它换成真正的文件夹后重新运行。",
            "进展表-环卫.xlsx：区环境卫生服务中心 附件3 活动进展情况统计表：按时（截止6月28日），已存为 submissions/区环境卫生服务中心/附件3-进展表-环卫.xlsx",
        ],
    );
    let written: Vec<_> = walkdir::WalkDir::new(outside.path())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .collect();
    assert!(written.is_empty(), "{written:?}");
    assert_eq!(office.ledger().matches("[[received]]").count(), 1);
}

#[test]
fn a_loose_file_whose_name_windows_cannot_hold_is_not_filed() {
    let office = office("");
    let form = office.progress("进展表?.xlsx", HUANWEI, &sample_counts());
    let photo = office.save("现场|1.jpg", b"\xff\xd8\xff photo");
    let before = office.tree_hash();

    office.says(
        &[form.to_str().unwrap(), "--at", "2021-06-27 16:30"],
        1,
        &[
            "收到时间：2021年6月27日 16:30（邮件）",
            "进展表?.xlsx：未收下。这个文件的名称在 Windows 上不能使用（含有字符 ?），没有收件。请把它改名后重新收件。",
        ],
    );
    office.says(
        &[
            photo.to_str().unwrap(),
            "--unit",
            "环卫中心",
            "--at",
            "2021-06-27 16:30",
            "--lang",
            "en",
        ],
        1,
        &[
            "Received 2021-06-27 16:30 (e-mail)",
            "现场|1.jpg: not received. This file's name cannot be used on Windows (it holds the character |), so it was not received. Rename it and receive it again.",
        ],
    );
    assert_eq!(office.tree_hash(), before);
}
