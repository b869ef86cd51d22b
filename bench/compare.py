#!/usr/bin/env python3
"""Times `campaign merge` against its peers on one generated campaign, in one invocation.

    bench/compare.py [--n 1000] [--rounds 7] [--shared ../shared/bench]

Builds campaign (release) and the calamine floor, generates N filled 附件3
workbooks with the shared generator, checks every tool's totals against the
ground truth, then runs the tools in alternating order and reports medians and
ratios. Absolute times on a shared machine mean little; the ratios taken in
the same run are the measurement. Needs: pip install xlsxwriter openpyxl pandas
python-calamine.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def timed(cmd):
    start = time.perf_counter()
    run(cmd)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "bench"))
    a = ap.parse_args()
    shared = os.path.abspath(a.shared)

    run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=REPO)
    run(["cargo", "build", "--release", "--quiet", "--manifest-path", os.path.join(shared, "floor", "Cargo.toml"),
         "--target-dir", os.path.join(REPO, "target", "bench-floor")])
    campaign = os.path.join(REPO, "target", "release", "campaign")
    floor = os.path.join(REPO, "target", "bench-floor", "release", "floor")

    work = tempfile.mkdtemp(prefix="campaign-bench-")
    root = os.path.join(work, "campaign")
    run([sys.executable, os.path.join(shared, "make_campaign.py"), "--n", str(a.n), "--root", root])
    sub = os.path.join(root, "submissions")
    expected = json.load(open(os.path.join(root, "_expected.json"), encoding="utf-8"))

    tools = {
        "campaign merge": [campaign, "--root", root, "merge", "--out", os.path.join(work, "out")],
        "python-calamine": [sys.executable, os.path.join(shared, "peer_calamine.py"), sub, "-o", os.path.join(work, "peer.xlsx")],
        "floor (1 thread)": [floor, sub, "--threads", "1"],
        "floor (2 threads)": [floor, sub, "--threads", "2"],
    }

    # Correctness first: our totals against the ground truth.
    out = run([campaign, "--root", root, "merge", "--out", os.path.join(work, "out"), "--format", "json"]).stdout
    rollup = json.loads(out)
    ours = list(rollup["progress"]["total"].values())
    assert ours == expected["grand_totals"], (ours, expected["grand_totals"])
    assert len(rollup["progress"]["by_unit"]) == a.n, "every unit counted"
    run([sys.executable, os.path.join(shared, "peer_calamine.py"), sub, "-o", os.path.join(work, "peer.xlsx"), "--check"])

    times = {name: [] for name in tools}
    for r in range(a.rounds):
        order = list(tools) if r % 2 == 0 else list(reversed(tools))
        for name in order:
            times[name].append(timed(tools[name]))

    base = statistics.median(times["campaign merge"])
    print(f"N = {a.n} workbooks, {a.rounds} rounds, medians (whole process):")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"  {name:<18} {median:7.3f} s   campaign/this = {base / median:5.2f}")


if __name__ == "__main__":
    main()
