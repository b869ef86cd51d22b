//! `campaign receive` end to end, .zip archives: the photos and videos of
//! a key activity, and forms sent in an archive, unpacked from zips written
//! in code as the tools units use write them — and the archives that must
//! not be unpacked at all.

mod common;

use std::path::{Path, PathBuf};

use campaign::receipt::Sha256;
use serde_json::Value;

use common::office::{HUANWEI, entry, gbk, office, office_with_plan, zip};
use common::run::{check_json, result};
use common::{liaison_rows, plan_rows, progress_sheet, sample_counts, write_xlsx};

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
    let photo = ("现场.jpg", b"photo".as_slice());
    let escaping =
        |name: &str, entry: &str| office.zip(name, &[photo, (entry, b"[campaign]".as_slice())]);
    let up = escaping("环卫中心-应急演练-1.zip", "../../campaign.toml");
    let back = escaping("环卫中心-应急演练-2.zip", "照片\\..\\..\\..\\campaign.toml");
    let absolute = escaping("环卫中心-应急演练-3.zip", "/etc/现场.jpg");
    let drive = escaping("环卫中心-应急演练-4.zip", "D:/照片/现场.jpg");
    let bomb = office.download("环卫中心-应急演练视频.zip");
    let zeros = vec![0u8; 2 * 1024 * 1024];
    zip(
        &bomb,
        &[("视频.mp4".as_bytes(), zeros.as_slice())],
        zip::CompressionMethod::Deflated,
    );
    assert!(std::fs::metadata(&bomb).unwrap().len() < 20_000);
    // The same bomb, its headers declaring it small.
    let lying = office.download("环卫中心-应急演练视频2.zip");
    std::fs::copy(&bomb, &lying).unwrap();
    declare_size(&lying, 1000);
    let rar = office.save("环卫中心-照片.rar", b"Rar!\x1a\x07\x00");
    let before = office.tree_hash();
    let args: Vec<&str> = [&up, &back, &absolute, &drive, &bomb, &lying, &rar]
        .iter()
        .map(|path| path.to_str().unwrap())
        .chain(["--activity", "应急演练", "--at", "2021-06-12"])
        .collect();

    office.says(
        &args,
        1,
        &[
            "收到时间：2021年6月12日 00:00（邮件）",
            "环卫中心-应急演练-1.zip：未收下。压缩包中的“../../campaign.toml”会解压到活动文件夹以外（路径含 ..，或以 / 或盘符开头），为安全起见整个压缩包都没有解压。请对方重新压缩后发送。",
            "环卫中心-应急演练-2.zip：未收下。压缩包中的“照片\\..\\..\\..\\campaign.toml”会解压到活动文件夹以外（路径含 ..，或以 / 或盘符开头），为安全起见整个压缩包都没有解压。请对方重新压缩后发送。",
            "环卫中心-应急演练-3.zip：未收下。压缩包中的“/etc/现场.jpg”会解压到活动文件夹以外（路径含 ..，或以 / 或盘符开头），为安全起见整个压缩包都没有解压。请对方重新压缩后发送。",
            "环卫中心-应急演练-4.zip：未收下。压缩包中的“D:/照片/现场.jpg”会解压到活动文件夹以外（路径含 ..，或以 / 或盘符开头），为安全起见整个压缩包都没有解压。请对方重新压缩后发送。",
            "环卫中心-应急演练视频.zip：未收下。压缩包中的“视频.mp4”解压后超过 1 MB 的上限（campaign.toml 的 [limits] max_unzipped_mb），没有解压。请对方分成几个压缩包发送。",
            "环卫中心-应急演练视频2.zip：未收下。压缩包中的“视频.mp4”解压出的内容与压缩包记录的大小或校验值不符（压缩包已损坏，或是有意伪造的），为安全起见整个压缩包都没有解压。请对方重新压缩后发送。",
            "环卫中心-照片.rar：未收下。这是 .rar 压缩包，无法解压。请对方改用 .zip 格式重新发送（或解压后重新压缩为 .zip 再收件）。",
        ],
    );
    assert_eq!(office.tree_hash(), before);

    office.says(
        &[&args[..], &["--lang", "en"]].concat(),
        1,
        &[
            "Received 2021-06-12 00:00 (e-mail)",
            "环卫中心-应急演练-1.zip: not received. “../../campaign.toml” in the archive would land outside the activity's folder (a path with .., or from the root or a drive), so nothing of the archive was unpacked. Ask the unit to zip it again and resend it.",
            "环卫中心-应急演练-2.zip: not received. “照片\\..\\..\\..\\campaign.toml” in the archive would land outside the activity's folder (a path with .., or from the root or a drive), so nothing of the archive was unpacked. Ask the unit to zip it again and resend it.",
            "环卫中心-应急演练-3.zip: not received. “/etc/现场.jpg” in the archive would land outside the activity's folder (a path with .., or from the root or a drive), so nothing of the archive was unpacked. Ask the unit to zip it again and resend it.",
            "环卫中心-应急演练-4.zip: not received. “D:/照片/现场.jpg” in the archive would land outside the activity's folder (a path with .., or from the root or a drive), so nothing of the archive was unpacked. Ask the unit to zip it again and resend it.",
            "环卫中心-应急演练视频.zip: not received. “视频.mp4” in the archive unpacks to more than the limit of 1 MB ([limits] max_unzipped_mb in campaign.toml); nothing was unpacked. Ask the unit to send several smaller archives.",
            "环卫中心-应急演练视频2.zip: not received. “视频.mp4” in the archive does not unpack to the size or checksum the archive records for it (the archive is damaged or forged), so nothing of the archive was unpacked. Ask the unit to zip it again and resend it.",
            "环卫中心-照片.rar: not received. This is a .rar archive, which cannot be unpacked. Ask the unit to send a .zip instead (or unpack it and zip it again).",
        ],
    );
    assert_eq!(office.tree_hash(), before);
}

/// Rewrites the uncompressed size the zip at `path` declares for its one
/// entry, in its local header and in the central directory alike.
fn declare_size(path: &Path, size: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    bytes[22..26].copy_from_slice(&size.to_le_bytes());
    let end = end_record(&bytes);
    let central = u32::from_le_bytes(bytes[end + 16..end + 20].try_into().unwrap()) as usize;
    assert_eq!(&bytes[central..central + 4], b"PK\x01\x02");
    bytes[central + 24..central + 28].copy_from_slice(&size.to_le_bytes());
    std::fs::write(path, bytes).unwrap();
}

/// Rewrites how many entries the end record of the zip at `path` declares.
fn declare_entries(path: &Path, count: u16) {
    let mut bytes = std::fs::read(path).unwrap();
    let end = end_record(&bytes);
    bytes[end + 8..end + 10].copy_from_slice(&count.to_le_bytes());
    bytes[end + 10..end + 12].copy_from_slice(&count.to_le_bytes());
    std::fs::write(path, bytes).unwrap();
}

/// Where a zip's end-of-central-directory record starts.
fn end_record(bytes: &[u8]) -> usize {
    bytes.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap()
}

#[test]
fn an_archive_of_too_many_entries_is_refused_before_its_names_are_read() {
    let office = office_with_plan();
    let crowded = office.download("环卫中心-应急演练进社区-1.zip");
    let names: Vec<String> = (0..=10_000).map(|n| format!("{n}.jpg")).collect();
    let entries: Vec<(&[u8], &[u8])> = names.iter().map(|n| (n.as_bytes(), &b""[..])).collect();
    zip(&crowded, &entries, zip::CompressionMethod::Stored);
    // Two entries, but an end record that declares 60,000: its names are never listed.
    let claimed = office.zip(
        "环卫中心-应急演练进社区-2.zip",
        &[("1.jpg", b"one".as_slice()), ("2.jpg", b"two".as_slice())],
    );
    declare_entries(&claimed, 60_000);
    let before = office.tree_hash();
    let args = [
        crowded.to_str().unwrap(),
        claimed.to_str().unwrap(),
        "--at",
        "2021-06-12",
    ];

    office.says(
        &args,
        1,
        &[
            "收到时间：2021年6月12日 00:00（邮件）",
            "环卫中心-应急演练进社区-1.zip：未收下。压缩包中有 10001 个条目，超过 10000 个的上限，没有解压。请对方分成几个压缩包发送。",
            "环卫中心-应急演练进社区-2.zip：未收下。压缩包中有 60000 个条目，超过 10000 个的上限，没有解压。请对方分成几个压缩包发送。",
        ],
    );
    office.says(
        &[&args[..], &["--lang", "en"]].concat(),
        1,
        &[
            "Received 2021-06-12 00:00 (e-mail)",
            "环卫中心-应急演练进社区-1.zip: not received. The archive holds 10001 entries, more than the 10000 allowed; nothing was unpacked. Ask the unit to send several smaller archives.",
            "环卫中心-应急演练进社区-2.zip: not received. The archive holds 60000 entries, more than the 10000 allowed; nothing was unpacked. Ask the unit to send several smaller archives.",
        ],
    );
    assert_eq!(office.tree_hash(), before);
}

#[test]
fn an_entry_name_windows_cannot_use_refuses_its_archive() {
    let office = office_with_plan();
    let good = ("好.jpg", b"good".as_slice());
    let names = [
        "C:现场.jpg",
        "现场.jpg:stream",
        "照片/com1.jpg",
        "NUL",
        "照片./1.jpg",
        "1.jpg ",
        "现场\u{7}.jpg",
        "现场|1.jpg",
    ];
    let archives: Vec<PathBuf> = names
        .iter()
        .enumerate()
        .map(|(n, name)| {
            office.zip(
                &format!("环卫中心-应急演练进社区-{}.zip", n + 1),
                &[good, (name, b"bad".as_slice())],
            )
        })
        .collect();
    let before = office.tree_hash();
    let args: Vec<&str> = archives
        .iter()
        .map(|path| path.to_str().unwrap())
        .chain(["--at", "2021-06-12"])
        .collect();

    office.says(
        &args,
        1,
        &[
            "收到时间：2021年6月12日 00:00（邮件）",
            "环卫中心-应急演练进社区-1.zip：未收下。压缩包中的“C:现场.jpg”会解压到活动文件夹以外（路径含 ..，或以 / 或盘符开头），为安全起见整个压缩包都没有解压。请对方重新压缩后发送。",
            "环卫中心-应急演练进社区-2.zip：未收下。压缩包中的“现场.jpg:stream”的名称在 Windows 上不能使用（含有字符 :），为安全起见整个压缩包都没有解压。请对方改名后重新压缩发送。",
            "环卫中心-应急演练进社区-3.zip：未收下。压缩包中的“照片/com1.jpg”的名称在 Windows 上不能使用（“com1”是 Windows 保留的设备名），为安全起见整个压缩包都没有解压。请对方改名后重新压缩发送。",
            "环卫中心-应急演练进社区-4.zip：未收下。压缩包中的“NUL”的名称在 Windows 上不能使用（“NUL”是 Windows 保留的设备名），为安全起见整个压缩包都没有解压。请对方改名后重新压缩发送。",
            "环卫中心-应急演练进社区-5.zip：未收下。压缩包中的“照片./1.jpg”的名称在 Windows 上不能使用（“照片.”以点或空格结尾），为安全起见整个压缩包都没有解压。请对方改名后重新压缩发送。",
            "环卫中心-应急演练进社区-6.zip：未收下。压缩包中的“1.jpg ”的名称在 Windows 上不能使用（“1.jpg ”以点或空格结尾），为安全起见整个压缩包都没有解压。请对方改名后重新压缩发送。",
            "环卫中心-应急演练进社区-7.zip：未收下。压缩包中的“现场\\u{7}.jpg”的名称在 Windows 上不能使用（含有控制字符 U+0007），为安全起见整个压缩包都没有解压。请对方改名后重新压缩发送。",
            "环卫中心-应急演练进社区-8.zip：未收下。压缩包中的“现场|1.jpg”的名称在 Windows 上不能使用（含有字符 |），为安全起见整个压缩包都没有解压。请对方改名后重新压缩发送。",
        ],
    );
    let en = office.receive(&[&args[..], &["--lang", "en", "--dry-run"]].concat());
    let lines: Vec<&str> = en.stdout.lines().collect();
    assert_eq!(
        lines[2..6],
        [
            "环卫中心-应急演练进社区-2.zip: not received. “现场.jpg:stream” in the archive has a name Windows cannot use (it holds the character :), so nothing of the archive was unpacked. Ask the unit to rename it and zip it again.",
            "环卫中心-应急演练进社区-3.zip: not received. “照片/com1.jpg” in the archive has a name Windows cannot use (com1 is a device name Windows reserves), so nothing of the archive was unpacked. Ask the unit to rename it and zip it again.",
            "环卫中心-应急演练进社区-4.zip: not received. “NUL” in the archive has a name Windows cannot use (NUL is a device name Windows reserves), so nothing of the archive was unpacked. Ask the unit to rename it and zip it again.",
            "环卫中心-应急演练进社区-5.zip: not received. “照片./1.jpg” in the archive has a name Windows cannot use (“照片.” ends in a dot or a space), so nothing of the archive was unpacked. Ask the unit to rename it and zip it again.",
        ]
    );
    assert_eq!(
        lines[7],
        "环卫中心-应急演练进社区-7.zip: not received. “现场\\u{7}.jpg” in the archive has a name Windows cannot use (it holds the control character U+0007), so nothing of the archive was unpacked. Ask the unit to rename it and zip it again."
    );
    assert_eq!(office.tree_hash(), before);
}

#[test]
fn names_one_file_system_takes_for_one_refuse_their_archive_only() {
    let office = office_with_plan();
    let photo = b"photo".as_slice();
    let case = office.zip(
        "环卫中心-应急演练进社区-1.zip",
        &[("现场/a.jpg", photo), ("现场/A.JPG", b"other".as_slice())],
    );
    let (composed, decomposed) = ("Caf\u{e9}.jpg", "Cafe\u{301}.jpg");
    let accents = office.zip(
        "环卫中心-应急演练进社区-2.zip",
        &[(composed, photo), (decomposed, b"other".as_slice())],
    );
    let folder = office.zip(
        "环卫中心-应急演练进社区-3.zip",
        &[("x", photo), ("X/y.jpg", b"other".as_slice())],
    );
    let sheet = office.save("应急演练进社区-签到表.jpg", b"sign-in sheet");
    let args = [
        case.to_str().unwrap(),
        accents.to_str().unwrap(),
        folder.to_str().unwrap(),
        sheet.to_str().unwrap(),
        "--unit",
        "环卫中心",
        "--at",
        "2021-06-12 09:00",
    ];
    let activity = "submissions/区环境卫生服务中心/重点活动/应急演练进社区";

    office.says(
        &args,
        1,
        &[
            "收到时间：2021年6月12日 09:00（邮件）",
            "环卫中心-应急演练进社区-1.zip：未收下。压缩包中的“现场/a.jpg”和“现场/A.JPG”在 Windows 和 Mac 上是同一个名称（只差大小写或字符的组合方式），解压后会互相覆盖，因此整个压缩包都没有解压。请对方改名后重新压缩发送。",
            &format!("环卫中心-应急演练进社区-2.zip：未收下。压缩包中的“{composed}”和“{decomposed}”在 Windows 和 Mac 上是同一个名称（只差大小写或字符的组合方式），解压后会互相覆盖，因此整个压缩包都没有解压。请对方改名后重新压缩发送。"),
            "环卫中心-应急演练进社区-3.zip：未收下。压缩包中的“x”是文件，而“X/y.jpg”要把同一名称用作文件夹，二者不能同时解压，因此整个压缩包都没有解压。请对方改名后重新压缩发送。",
            &format!("应急演练进社区-签到表.jpg：区环境卫生服务中心 重点活动资料 · 应急演练进社区：按时（截止6月13日），已存为 {activity}/应急演练进社区-签到表.jpg"),
        ],
    );
    assert_eq!(
        office.files_in(activity),
        [format!("{activity}/应急演练进社区-签到表.jpg")]
    );
    let run = office.receive(&[&args[..3], &["--unit", "环卫中心", "--lang", "en"]].concat());
    assert_eq!(
        run.stdout.lines().skip(1).collect::<Vec<_>>(),
        [
            "环卫中心-应急演练进社区-1.zip: not received. “现场/a.jpg” and “现场/A.JPG” in the archive are one name on Windows and Mac (they differ only in case or in how their characters are composed) and would overwrite each other, so nothing of the archive was unpacked. Ask the unit to rename one and zip it again.",
            &format!(
                "环卫中心-应急演练进社区-2.zip: not received. “{composed}” and “{decomposed}” in the archive are one name on Windows and Mac (they differ only in case or in how their characters are composed) and would overwrite each other, so nothing of the archive was unpacked. Ask the unit to rename one and zip it again."
            ),
            "环卫中心-应急演练进社区-3.zip: not received. “x” in the archive is a file and “X/y.jpg” needs a folder of the same name; both cannot be unpacked, so nothing of the archive was unpacked. Ask the unit to rename one and zip it again.",
        ]
    );
}

#[test]
fn backslashes_separate_folders_as_slashes_do() {
    let office = office_with_plan();
    let archive = office.zip(
        "环卫中心-应急演练进社区照片.zip",
        &[
            ("活动资料\\现场照片1.jpg", b"photo".as_slice()),
            ("活动资料\\视频\\演练.mp4", b"video".as_slice()),
        ],
    );
    let folder = "submissions/区环境卫生服务中心/重点活动/应急演练进社区";
    office.says(
        &[archive.to_str().unwrap(), "--at", "2021-06-12 09:00"],
        0,
        &[
            "收到时间：2021年6月12日 09:00（邮件）",
            &format!("环卫中心-应急演练进社区照片.zip：区环境卫生服务中心 重点活动资料 · 应急演练进社区：按时（截止6月13日），2 个文件已解压到 {folder}/"),
        ],
    );
    assert_eq!(office.read(&format!("{folder}/现场照片1.jpg")), b"photo");
    assert_eq!(office.read(&format!("{folder}/视频/演练.mp4")), b"video");
    // The ledger keeps the names as the archive spelt them.
    let ledger: toml::Table = toml::from_str(&office.ledger()).unwrap();
    let names: Vec<&str> = ledger["received"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "环卫中心-应急演练进社区照片.zip/活动资料\\现场照片1.jpg",
            "环卫中心-应急演练进社区照片.zip/活动资料\\视频\\演练.mp4"
        ]
    );
}

#[test]
fn forms_in_an_archive_are_filed_as_if_they_had_come_on_their_own() {
    let office = office_with_plan();
    let progress = |unit: &str| {
        let path = office.download(&format!("{unit}.xlsx"));
        write_xlsx(&path, &[("附件3", progress_sheet(unit, &sample_counts()))]);
        std::fs::read(path).unwrap()
    };
    let roster = office.download("附件1.xlsx");
    write_xlsx(
        &roster,
        &[("附件1", liaison_rows("党建室", &[("赵六", "13800001234")]))],
    );
    let roster = std::fs::read(roster).unwrap();
    let (huanwei, dangjian) = (progress(HUANWEI), progress("党建室"));
    // A unit's form and its activity's photo in one archive …
    let mixed = office.zip(
        "环卫中心-应急演练进社区.zip",
        &[
            ("材料/附件3.xlsx", &huanwei),
            ("材料/现场.jpg", b"photo".as_slice()),
        ],
    );
    // … and an archive of forms only: a way of sending files, nothing more.
    let forms = office.zip(
        "党建室报表.zip",
        &[("附件1.xlsx", &roster), ("进展表.xlsx", &dangjian)],
    );

    office.says(
        &[mixed.to_str().unwrap(), forms.to_str().unwrap(), "--at", "2021-06-12 09:00"],
        0,
        &[
            "收到时间：2021年6月12日 09:00（邮件）",
            "环卫中心-应急演练进社区.zip/材料/附件3.xlsx：区环境卫生服务中心 附件3 活动进展情况统计表：按时（截止6月28日），已存为 submissions/区环境卫生服务中心/附件3.xlsx",
            "环卫中心-应急演练进社区.zip：区环境卫生服务中心 重点活动资料 · 应急演练进社区：按时（截止6月13日），已存为 submissions/区环境卫生服务中心/重点活动/应急演练进社区/现场.jpg",
            "党建室报表.zip/附件1.xlsx：党建室 附件1 联络员表：逾期8天（截止6月3日），已存为 submissions/党建室/附件1.xlsx",
            "党建室报表.zip/进展表.xlsx：党建室 附件3 活动进展情况统计表：按时（截止6月28日），已存为 submissions/党建室/附件3-进展表.xlsx",
        ],
    );
    assert_eq!(
        office.read("submissions/区环境卫生服务中心/附件3.xlsx"),
        huanwei
    );
    assert_eq!(
        office.read("submissions/党建室/附件3-进展表.xlsx"),
        dangjian
    );
    let ledger = office.ledger();
    assert!(
        ledger.contains("path = \"submissions/党建室/附件1.xlsx\"\nat = 2021-06-12T09:00:00+08:00\nvia = \"email\"\nname = \"党建室报表.zip/附件1.xlsx\"\n"),
        "{ledger}"
    );
    let json = check_json(&office.repo, "2021-06-30");
    assert_eq!(result(&json, HUANWEI, "progress", None)["status"], "ok");
    assert_eq!(result(&json, "党建室", "liaison", None)["status"], "late");
    assert_eq!(
        result(&json, HUANWEI, "materials", Some("应急演练进社区"))["files"],
        Value::from(vec![
            "submissions/区环境卫生服务中心/重点活动/应急演练进社区/现场.jpg"
        ])
    );
}

#[test]
fn a_plan_and_its_activity_s_archive_arrive_in_one_run() {
    let office = office("");
    let plan = office.download("附件2-环卫.xlsx");
    write_xlsx(
        &plan,
        &[(
            "附件2",
            plan_rows(HUANWEI, &[("垃圾分类宣传周", 6, 10, "否")]),
        )],
    );
    // Taken by name, the archive comes before the plan that names its activity.
    office.zip(
        "环卫中心-垃圾分类宣传周.zip",
        &[("1.jpg", b"one".as_slice()), ("2.jpg", b"two".as_slice())],
    );
    let folder = "submissions/区环境卫生服务中心/重点活动/垃圾分类宣传周";
    office.says(
        &["--dir", office.downloads.path().to_str().unwrap(), "--at", "2021-06-12 09:00"],
        0,
        &[
            "收到时间：2021年6月12日 09:00（邮件）",
            &format!("环卫中心-垃圾分类宣传周.zip：区环境卫生服务中心 重点活动资料 · 垃圾分类宣传周：按时（截止6月13日），2 个文件已解压到 {folder}/"),
            "附件2-环卫.xlsx：区环境卫生服务中心 附件2 重点活动计划安排表：逾期8天（截止6月3日），已存为 submissions/区环境卫生服务中心/附件2-环卫.xlsx",
        ],
    );
    assert_eq!(office.read(&format!("{folder}/2.jpg")), b"two");
    let json = check_json(&office.repo, "2021-06-30");
    let materials = result(&json, HUANWEI, "materials", Some("垃圾分类宣传周"));
    assert_eq!(materials["status"], "ok");
    assert_eq!(materials["received"], "2021-06-12T09:00:00+08:00");
}

#[test]
fn an_archive_s_file_left_unrecorded_is_recorded_with_the_others() {
    let office = office_with_plan();
    let folder = "submissions/区环境卫生服务中心/重点活动/应急演练进社区";
    // A run that stopped after copying the first photo of the archive.
    office.repo.write(&format!("{folder}/1.jpg"), "photo one");
    let archive = office.zip(
        "环卫中心-应急演练进社区.zip",
        &[
            ("1.jpg", b"photo one".as_slice()),
            ("2.jpg", b"photo two".as_slice()),
        ],
    );
    office.says(
        &[archive.to_str().unwrap(), "--at", "2021-06-12 09:00", "--lang", "en"],
        0,
        &[
            "Received 2021-06-12 09:00 (e-mail)",
            &format!("环卫中心-应急演练进社区.zip: 区环境卫生服务中心 重点活动资料 · 应急演练进社区: on time (due Jun 13), 2 files unpacked into {folder}/ (including 1 left there unrecorded by an earlier run, not copied again)"),
        ],
    );
    assert_eq!(
        office.files_in(folder),
        [format!("{folder}/1.jpg"), format!("{folder}/2.jpg")]
    );
    let ledger = office.ledger();
    assert_eq!(ledger.matches("[[received]]").count(), 2);
    assert!(
        ledger.contains(&format!("path = \"{folder}/1.jpg\"\nat = 2021-06-12T09:00:00+08:00\nvia = \"email\"\nname = \"环卫中心-应急演练进社区.zip/1.jpg\"\n")),
        "{ledger}"
    );
}
