//! `campaign receive` end to end, .zip archives: the photos and videos of
//! a key activity, and forms sent in an archive, unpacked from zips written
//! in code as the tools units use write them — and the archives that must
//! not be unpacked at all.

mod common;

use campaign::receipt::Sha256;

use common::office::{HUANWEI, entry, gbk, office, office_with_plan, zip};
use common::run::{check_json, result};

#[test]
fn a_gbk_named_zip_of_photos_is_unpacked_into_its_activity() {
    let office = office_with_plan();
    let archive = office.download("环卫中心-应急演练进社区照片.zip");
    let (photo, video) = (
        b"\xff\xd8\xff photo 1".as_slice(),
        b"video bytes".as_slice(),
    );
    let photo_name = gbk("活动资料/现场照片1.jpg");
    let video_name = gbk("活动资料/视频/演练.mp4");
    let desktop = gbk("活动资料/Thumbs.db");
    zip(
        &archive,
        &[
            (&photo_name, photo),
            (&video_name, video),
            (&desktop, b"clutter"),
        ],
        zip::CompressionMethod::Deflated,
    );
    // The fixture is what a Chinese Windows writes: GBK bytes, UTF-8 flag off.
    let check = zip::ZipArchive::new(std::fs::File::open(&archive).unwrap()).unwrap();
    let first = check.by_index_data(0).unwrap();
    assert_eq!(first.name_raw(), photo_name.as_slice());
    assert_eq!(first.flags().as_u16() & (1 << 11), 0);

    let folder = "submissions/区环境卫生服务中心/重点活动/应急演练进社区";
    office.says(
        &[
            archive.to_str().unwrap(),
            "--at",
            "2021-06-12 09:00",
            "--via",
            "wechat",
            "--commit",
        ],
        0,
        &[
            "收到时间：2021年6月12日 09:00（微信）",
            &format!("环卫中心-应急演练进社区照片.zip：区环境卫生服务中心 重点活动资料 · 应急演练进社区：按时（截止6月13日），2 个文件已解压到 {folder}/"),
            "已提交：区环境卫生服务中心 报送 活动资料“应急演练进社区”（微信，6月12日 09:00）",
        ],
    );
    assert_eq!(office.repo.git(&["status", "--porcelain"]), "");
    assert_eq!(office.read(&format!("{folder}/现场照片1.jpg")), photo);
    assert_eq!(office.read(&format!("{folder}/视频/演练.mp4")), video);
    assert!(
        !office
            .repo
            .root
            .join(format!("{folder}/Thumbs.db"))
            .exists()
    );
    let zip_name = "环卫中心-应急演练进社区照片.zip";
    assert_eq!(
        office.ledger(),
        format!(
            "{}\n{}",
            entry(
                &format!("{folder}/现场照片1.jpg"),
                "2021-06-12T09:00:00+08:00",
                "wechat",
                &format!("{zip_name}/活动资料/现场照片1.jpg"),
                Sha256::of(photo).as_str()
            ),
            entry(
                &format!("{folder}/视频/演练.mp4"),
                "2021-06-12T09:00:00+08:00",
                "wechat",
                &format!("{zip_name}/活动资料/视频/演练.mp4"),
                Sha256::of(video).as_str()
            )
        )
    );
    let json = check_json(&office.repo, "2021-06-30");
    let materials = result(&json, HUANWEI, "materials", Some("应急演练进社区"));
    assert_eq!(materials["status"], "ok");
    assert_eq!(materials["received"], "2021-06-12T09:00:00+08:00");
    assert_eq!(materials["received_via"], "ledger");

    // The same archive again: every file arrived before.
    let run = office.receive(&[archive.to_str().unwrap(), "--at", "2021-06-14"]);
    assert_eq!(
        run.stdout.lines().nth(1),
        Some(
            format!(
                "{zip_name}：其中 2 个文件此前均已收到（如 {folder}/现场照片1.jpg），未重复保存"
            )
            .as_str()
        )
    );
}

#[test]
fn the_activity_is_given_when_the_archive_name_does_not_hold_it() {
    let office = office_with_plan();
    let archive = office.download("照片.zip");
    zip(
        &archive,
        &[("现场.jpg".as_bytes(), b"photo".as_slice())],
        zip::CompressionMethod::Stored,
    );
    let path = archive.to_str().unwrap();
    office.says(
        &[path, "--unit", HUANWEI, "--at", "2021-06-15"],
        1,
        &[
            "收到时间：2021年6月15日 00:00（邮件）",
            "照片.zip：未收下。无法确定是哪项重点活动的资料：文件名中没有区环境卫生服务中心计划中的活动名称。请用 --activity 指定活动名称后重新运行（计划中的重点活动：应急演练进社区）。",
        ],
    );

    let photo = office.save("IMG_0002.jpg", b"another photo");
    let folder = "submissions/区环境卫生服务中心/重点活动/应急演练进社区";
    office.says(
        &[
            path,
            photo.to_str().unwrap(),
            "--unit",
            HUANWEI,
            "--at",
            "2021-06-15",
            "--activity",
            "应急演练 进社区",
            "--lang",
            "en",
        ],
        0,
        &[
            "Received 2021-06-15 00:00 (e-mail)",
            &format!("照片.zip: 区环境卫生服务中心 重点活动资料 · 应急演练进社区: late 1 day (due Jun 13), saved as {folder}/现场.jpg"),
            &format!("IMG_0002.jpg: 区环境卫生服务中心 重点活动资料 · 应急演练进社区: late 1 day (due Jun 13), saved as {folder}/IMG_0002.jpg"),
        ],
    );
    assert_eq!(
        office.read(&format!("{folder}/IMG_0002.jpg")),
        b"another photo"
    );
}

#[test]
fn an_archive_that_escapes_its_folder_or_inflates_too_far_is_refused() {
    let office = office("[limits]\nmax_unzipped_mb = 1\n");
    let escaping = office.download("环卫中心-应急演练照片.zip");
    zip(
        &escaping,
        &[
            ("现场.jpg".as_bytes(), b"photo".as_slice()),
            ("../../campaign.toml".as_bytes(), b"[campaign]".as_slice()),
        ],
        zip::CompressionMethod::Stored,
    );
    let bomb = office.download("环卫中心-应急演练视频.zip");
    let zeros = vec![0u8; 2 * 1024 * 1024];
    zip(
        &bomb,
        &[("视频.mp4".as_bytes(), zeros.as_slice())],
        zip::CompressionMethod::Deflated,
    );
    assert!(std::fs::metadata(&bomb).unwrap().len() < 20_000);
    let rar = office.save("环卫中心-照片.rar", b"Rar!\x1a\x07\x00");
    let before = office.tree_hash();

    office.says(
        &[
            escaping.to_str().unwrap(),
            bomb.to_str().unwrap(),
            rar.to_str().unwrap(),
            "--activity",
            "应急演练",
            "--at",
            "2021-06-12",
        ],
        1,
        &[
            "收到时间：2021年6月12日 00:00（邮件）",
            "环卫中心-应急演练照片.zip：未收下。压缩包中的“../../campaign.toml”会解压到活动文件夹以外（路径含 ..、以 / 或盘符开头、含反斜杠，或是链接），为安全起见整个压缩包都没有解压。请对方重新压缩后发送。",
            "环卫中心-应急演练视频.zip：未收下。压缩包中的“视频.mp4”解压后超过 1 MB 的上限（campaign.toml 的 [limits] max_unzipped_mb），没有解压。请对方分成几个压缩包发送。",
            "环卫中心-照片.rar：未收下。这是 .rar 压缩包，无法解压。请对方改用 .zip 格式重新发送（或解压后重新压缩为 .zip 再收件）。",
        ],
    );

    assert_eq!(office.tree_hash(), before);
}
