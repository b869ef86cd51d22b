#!/usr/bin/env python3
"""A benchmark campaign for `campaign check`: a git repository of N units,
each of which handed in five files, each file in a commit of its own (5N
commits), as a busy shared folder looks at the end of June.

    bench/make_repository.py --n 1000 --root DIR [--shared ../shared/bench]

Starts from the shared make_campaign.py (campaign.toml with N units and the
附件3 report, one filled 附件3 workbook per unit), then adds to every unit's
folder what the sample campaign's units send besides: a 附件1 liaison form and
a 附件2 key-activity plan (filled workbooks, written with xlsxwriter as the
shared generator writes 附件3), an activity scheme (a .docx, recognised by its
file name only) and one photo in the folder of the unit's first planned
activity; campaign.toml gets the four reports they belong to, as the sample
campaign at the root of this repository defines them. The history is
written with `git fast-import`: an initial commit with campaign.toml, then one
commit per file at its own time in June 2021 (+08:00), so that check reads a
history as long as the one a real campaign of that size accumulates.
Deterministic for the same --n and --seed.
"""
import argparse
import datetime as dt
import os
import random
import re
import subprocess
import sys
import tomllib
from multiprocessing import Pool

import xlsxwriter

HERE = os.path.dirname(os.path.abspath(__file__))
ZONE = dt.timezone(dt.timedelta(hours=8))

ITEMS = ["专题学习", "领导干部讲安全", "安全隐患排查整治", "宣传典型经验做法", "集中宣传咨询",
         "应急演练", "安全宣传“五进”", "典型事故案例警示", "全媒体联动",
         "参与国家、市级、区级宣传系列活动"]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = ["三", "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇"]
FORMS = ["现场宣讲", "实地演练", "线上直播", "入户走访", "集中培训"]
PLACES = ["区政务中心", "社区广场", "单位会议室", "街道文化站", "辖区工地"]

# The reports a unit hands in besides 附件3, exactly as the sample campaign
# at the root of the repository defines them.
EXTRA_REPORTS = ("liaison", "plan", "scheme", "materials")


def sample_reports():
    """The sample campaign's definitions of EXTRA_REPORTS: their TOML text and their columns."""
    text = open(os.path.join(HERE, "..", "campaign.toml"), encoding="utf-8").read()
    reports = {r["id"]: r for r in tomllib.loads(text)["reports"] if r["id"] in EXTRA_REPORTS}
    blocks = re.split(r"(?m)^(?=\[\[)", text)
    kept = [b for b in blocks if b.startswith("[[reports]]")
            and re.search(r'(?m)^id = "(\w+)"', b).group(1) in EXTRA_REPORTS]
    columns = {id: [c["name"] for c in r.get("columns", [])] for id, r in reports.items()}
    return "\n" + "".join(kept), columns


def person(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def mobile(rng):
    return f"13{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"


def form(path, title, unit, rng, columns, rows):
    """A filled form as units return them: title row, 填报单位 line, header, rows
    (each a dict by column name; dates as dates)."""
    wb = xlsxwriter.Workbook(path, {"in_memory": True})
    wb.set_properties({"title": title, "author": unit, "created": dt.datetime(2021, 6, 1, 9, 0)})
    ws = wb.add_worksheet(title.split()[0])
    head = wb.add_format({"bold": True, "border": 1, "text_wrap": True})
    cell = wb.add_format({"border": 1})
    day = wb.add_format({"border": 1, "num_format": "yyyy/m/d"})
    last = len(columns) - 1
    ws.merge_range(0, 0, 0, last, title, wb.add_format({"bold": True, "font_size": 16}))
    ws.merge_range(1, 0, 1, last, f"填报单位：{unit}    填报人：{person(rng)}    联系电话：{mobile(rng)}")
    for c, name in enumerate(columns):
        ws.write_string(2, c, name, head)
    for r, row in enumerate(rows, start=3):
        for c, name in enumerate(columns):
            value = row.get(name, "")
            if isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value, day)
            else:
                ws.write(r, c, value, cell)
    wb.close()


def unit_files(args):
    """Writes a unit's four extra files; returns them with the time each arrived."""
    seed, root, unit, columns = args
    rng = random.Random(f"{seed}:{unit}")
    folder = os.path.join(root, "submissions", unit)

    liaisons = [{"序号": k + 1, "单位名称": unit, "联络员姓名": person(rng), "职务": "科员",
                 "办公电话": f"022-{rng.randint(20000000, 29999999)}", "手机号码": mobile(rng),
                 "电子邮箱": f"lly{rng.randint(100, 999)}@example.com"}
                for k in range(rng.randint(1, 2))]
    form(os.path.join(folder, f"附件1-{unit}.xlsx"), "附件1 联络员表", unit, rng,
         columns["liaison"], liaisons)

    plans = []
    for k in range(rng.randint(1, 3)):
        start = dt.datetime(2021, 6, rng.randint(5, 20))
        plans.append({"序号": k + 1, "活动名称": f"{unit}安全活动{k + 1}",
                      "对应活动事项": rng.choice(ITEMS), "活动形式": rng.choice(FORMS),
                      "计划开始日期": start,
                      "计划结束日期": start + dt.timedelta(days=rng.randint(0, 4)),
                      "活动地点": rng.choice(PLACES), "参与对象": "全体职工",
                      "预计参与人数": rng.randint(20, 300), "是否品牌活动": "是" if k == 0 else "否",
                      "负责人": person(rng), "联系电话": mobile(rng)})
    form(os.path.join(folder, f"附件2-{unit}.xlsx"), "附件2 重点活动计划安排表", unit, rng,
         columns["plan"], plans)

    with open(os.path.join(folder, f"{unit}安全生产月活动方案.docx"), "wb") as f:
        f.write(b"PK\x03\x04" + unit.encode() * 64)
    photos = os.path.join(folder, "重点活动", plans[0]["活动名称"])
    os.makedirs(photos, exist_ok=True)
    with open(os.path.join(photos, "现场照片1.jpg"), "wb") as f:
        f.write(b"\xff\xd8\xff\xe0" + bytes(rng.getrandbits(8) for _ in range(2048)))

    def at(day, hour_from=8, hour_to=18):
        return dt.datetime(2021, 6, day, rng.randint(hour_from, hour_to), rng.randint(0, 59),
                           rng.randint(0, 59), tzinfo=ZONE)

    rel = lambda *parts: "/".join(["submissions", unit, *parts])  # noqa: E731
    return [
        (at(rng.randint(1, 3)), rel(f"附件1-{unit}.xlsx")),
        (at(rng.randint(2, 4)), rel(f"附件2-{unit}.xlsx")),
        (at(rng.randint(4, 9)), rel(f"{unit}安全生产月活动方案.docx")),
        (at(rng.randint(20, 29)), rel(f"附件3-{unit}.xlsx")),
        (at(min(30, plans[0]["计划结束日期"].day + rng.randint(0, 4))),
         rel("重点活动", plans[0]["活动名称"], "现场照片1.jpg")),
    ]


def fast_import(root, arrivals, start):
    """One commit for campaign.toml, then one per file, oldest first."""
    proc = subprocess.Popen(["git", "-C", root, "fast-import", "--quiet"], stdin=subprocess.PIPE)
    out = proc.stdin

    def data(payload):
        out.write(b"data %d\n" % len(payload))
        out.write(payload)
        out.write(b"\n")

    def commit(when, message, path, mark):
        blob = open(os.path.join(root, path), "rb").read()
        out.write(b"blob\nmark :%d\n" % (2 * mark))
        data(blob)
        out.write(b"commit refs/heads/main\nmark :%d\n" % (2 * mark + 1))
        stamp = int(when.timestamp())
        out.write(b"committer Bench <bench@example.com> %d +0800\n" % stamp)
        data(message.encode())
        if mark > 1:
            out.write(b"from :%d\n" % (2 * mark - 1))
        out.write(b"M 100644 :%d %s\n" % (2 * mark, path.encode()))

    commit(start, "新建活动", "campaign.toml", 1)
    for mark, (when, path) in enumerate(arrivals, start=2):
        commit(when, f"报送 {path}", path, mark)
    out.close()
    if proc.wait() != 0:
        sys.exit("git fast-import failed")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--seed", type=int, default=2021)
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared", "bench"))
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    subprocess.run([sys.executable, os.path.join(a.shared, "make_campaign.py"), "--n", str(a.n),
                    "--root", root, "--seed", str(a.seed)], check=True, stdout=subprocess.DEVNULL)
    reports, columns = sample_reports()
    with open(os.path.join(root, "campaign.toml"), "a", encoding="utf-8") as f:
        f.write(reports)
    units = sorted(os.listdir(os.path.join(root, "submissions")))
    with Pool(os.cpu_count() or 1) as pool:
        files = pool.map(unit_files, [(a.seed, root, u, columns) for u in units], chunksize=64)
    arrivals = sorted(arrival for unit in files for arrival in unit)

    subprocess.run(["git", "init", "-q", "-b", "main", root], check=True)
    fast_import(root, arrivals, dt.datetime(2021, 5, 31, 9, 0, tzinfo=ZONE))
    # The files are already in place: the index only has to agree with HEAD.
    subprocess.run(["git", "-C", root, "reset", "-q"], check=True)
    with open(os.path.join(root, ".git", "info", "exclude"), "a", encoding="utf-8") as f:
        f.write("_expected.json\nout/\n")
    print(root)


if __name__ == "__main__":
    main()
