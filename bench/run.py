#!/usr/bin/env python3
"""The benchmark: `campaign merge` and `campaign check` against their peers and
the floor, at N = 200, 1,000 and 5,000 units, in one invocation.

    pip install xlsxwriter openpyxl pandas python-calamine
    bench/run.py [--sizes 200,1000,5000] [--rounds 5] [--shared ../shared/bench]

What it does, in order:

1. builds `campaign` (release) and the calamine floor of the shared bench
   folder (into target/bench-floor, since that folder is read-only);
2. for every N, makes the shared benchmark campaign (N filled 附件3
   workbooks), checks that merge and both peers add up to its ground truth,
   then times, in alternating order, round after round: `campaign merge`,
   the pandas + openpyxl peer, the python-calamine peer and the floor on as
   many threads as merge uses;
3. for every N, makes the check repository (bench/make_repository.py: N
   units × 5 files, one commit per file) and times `campaign check`, one bare
   `git log --name-status` over the repository and the floor over its
   workbooks, alternating likewise.

Every figure is the median of its rounds, whole process, warm cache; every
ratio is taken between medians of the same invocation. Peak memory is each
process's own maximum resident set (VmHWM, sampled every 5 ms while it runs;
a process's children, such as check's git, are not counted in it). The pandas peer takes a minute a
run at N = 5,000, so it runs at most --slow-rounds rounds. Prints Markdown:
the tables docs/BENCHMARKS.md records. Performance is measured here, never
asserted in the test suite.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def measure(cmd):
    """Wall time and peak resident memory (MB) of one run of `cmd`.

    The peak is the process's own high-water mark (VmHWM), sampled every few
    milliseconds until it exits: the rusage of wait4 would also count the
    children it waited for, and check's `git log` can take more than check.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, high_water_kb(proc.pid))
        time.sleep(0.005)
    elapsed = time.perf_counter() - start
    # check exits 1 when a report is missing or invalid: a finding, not a failure.
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited with status {proc.returncode}")
    return elapsed, peak / 1024


def high_water_kb(pid):
    """VmHWM of a running process, 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def rounds_of(tools, rounds, limit):
    """Times every tool `rounds` times (some fewer, per `limit`), alternating the order."""
    times = {name: [] for name in tools}
    peaks = {name: 0.0 for name in tools}
    for r in range(rounds):
        order = list(tools) if r % 2 == 0 else list(reversed(list(tools)))
        for name in order:
            if len(times[name]) >= limit.get(name, rounds):
                continue
            elapsed, peak = measure(tools[name])
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(times[name]), len(times[name]), peaks[name]) for name in tools}


def build(shared):
    run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=REPO)
    run(["cargo", "build", "--release", "--quiet",
         "--manifest-path", os.path.join(shared, "floor", "Cargo.toml"),
         "--target-dir", os.path.join(REPO, "target", "bench-floor")])
    return (os.path.join(REPO, "target", "release", "campaign"),
            os.path.join(REPO, "target", "bench-floor", "release", "floor"))


def verify_merge(campaign, root, out, n, shared, work):
    """Every tool's totals against the generator's ground truth, before any timing."""
    expected = json.load(open(os.path.join(root, "_expected.json"), encoding="utf-8"))
    rollup = json.loads(run([campaign, "--root", root, "--quiet", "merge", "--out", out,
                             "--format", "json"]).stdout)
    assert list(rollup["progress"]["total"].values()) == expected["grand_totals"], "merge totals"
    assert len(rollup["progress"]["by_unit"]) == n, "every unit counted"
    sub = os.path.join(root, "submissions")
    for peer in ("peer_pandas.py", "peer_calamine.py"):
        run([sys.executable, os.path.join(shared, peer), sub, "-o",
             os.path.join(work, "check.xlsx"), "--check"])


def table(rows, header):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description="campaign's benchmark (see the module doc)")
    ap.add_argument("--sizes", default="200,1000,5000")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--slow-rounds", type=int, default=3,
                    help="rounds of the pandas peer at N >= 5000")
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "bench"))
    ap.add_argument("--work", help="folder for the generated campaigns (default: a temporary one)")
    a = ap.parse_args()
    shared = os.path.abspath(a.shared)
    sizes = [int(n) for n in a.sizes.split(",")]
    threads = os.cpu_count() or 1
    load = os.getloadavg()[0]
    campaign, floor = build(shared)
    work = a.work or tempfile.mkdtemp(prefix="campaign-bench-")
    os.makedirs(work, exist_ok=True)

    merge, check = {}, {}
    for n in sizes:
        root = os.path.join(work, f"merge-{n}")
        run([sys.executable, os.path.join(shared, "make_campaign.py"), "--n", str(n), "--root", root])
        out = os.path.join(work, "out")
        verify_merge(campaign, root, out, n, shared, work)
        sub = os.path.join(root, "submissions")
        tools = {
            "campaign merge": [campaign, "--root", root, "--quiet", "merge", "--out", out],
            "pandas + openpyxl": [sys.executable, os.path.join(shared, "peer_pandas.py"), sub,
                                  "-o", os.path.join(work, "pandas.xlsx")],
            "python-calamine": [sys.executable, os.path.join(shared, "peer_calamine.py"), sub,
                                "-o", os.path.join(work, "calamine.xlsx")],
            f"floor ({threads} threads)": [floor, sub, "--threads", str(threads)],
        }
        slow = {"pandas + openpyxl": a.slow_rounds} if n >= 5000 else {}
        print(f"merge, N = {n} …", file=sys.stderr)
        merge[n] = rounds_of(tools, a.rounds, slow)

        repo = os.path.join(work, f"check-{n}")
        run([sys.executable, os.path.join(REPO, "bench", "make_repository.py"), "--n", str(n),
             "--root", repo, "--shared", shared])
        tools = {
            "campaign check": [campaign, "--root", repo, "--quiet", "check", "--as-of",
                               "2021-06-30", "--format", "json"],
            "git log --name-status": ["git", "-C", repo, "log", "--name-status"],
            f"floor ({threads} threads)": [floor, os.path.join(repo, "submissions"),
                                           "--threads", str(threads)],
        }
        print(f"check, N = {n} …", file=sys.stderr)
        check[n] = rounds_of(tools, a.rounds, {})

    report(merge, check, sizes, threads, a.rounds, load)


def timings(results, sizes, ours):
    """Every tool's median, runs and peak memory, against `ours`, by N."""
    rows = []
    for n in sizes:
        base = results[n][ours][0]
        for name, (median, runs, peak) in results[n].items():
            rows.append([f"{n:,}", name, f"{median:.3f} s", str(runs), f"{peak:.0f} MB",
                         f"{median / base:.2f}"])
    return table(rows, ["N", "tool", "median", "runs", "peak memory", f"tool / {ours}"])


def report(merge, check, sizes, threads, rounds, load):
    floor = f"floor ({threads} threads)"
    print(f"Machine: {platform.machine()}, {threads} cores, {platform.system()} "
          f"{platform.release()}; load average {load:.2f} before the run, "
          f"{os.getloadavg()[0]:.2f} after it; {rounds} rounds.\n")

    print("### campaign merge (N 附件3 workbooks in, four workbooks out)\n")
    print(timings(merge, sizes, "campaign merge"))
    print("\n### campaign check (N units × 5 files, 5N commits)\n")
    print(timings(check, sizes, "campaign check"))
    print("\n### Against the targets\n")
    rows = []
    for n in sizes:
        m = {name: v[0] for name, v in merge[n].items()}
        c = {name: v[0] for name, v in check[n].items()}
        bare = c["git log --name-status"] + c[floor]
        rows.append([
            f"{n:,}",
            f"{m['pandas + openpyxl'] / m['campaign merge']:.1f}×",
            f"{m['python-calamine'] / m['campaign merge']:.1f}×",
            f"{m['campaign merge'] / m[floor]:.2f}×",
            f"{c['campaign check'] / bare:.2f}×",
            f"{merge[n]['campaign merge'][2]:.0f} / {check[n]['campaign check'][2]:.0f} MB",
        ])
    print(table(rows, ["N", "merge faster than pandas (≥ 40×)",
                       "merge faster than python-calamine (≥ 5×)", "merge / floor (≤ 1.3×)",
                       "check / (git log + floor) (≤ 1.5×)", "peak memory merge / check (< 150 MB)"]))

    print("\n### Growth with N (median per unit)\n")
    rows = []
    for n in sizes:
        rows.append([f"{n:,}", f"{merge[n]['campaign merge'][0] / n * 1000:.3f} ms",
                     f"{merge[n][floor][0] / n * 1000:.3f} ms",
                     f"{check[n]['campaign check'][0] / n * 1000:.3f} ms"])
    print(table(rows, ["N", "merge per unit", "floor per unit", "check per unit"]))


if __name__ == "__main__":
    main()
