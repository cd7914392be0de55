#!/usr/bin/env python3
"""Runs the benchmark scenarios and writes bench/results/<mode>.json and .md (see bench/README.md)."""
import argparse
import datetime
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402
import scenarios  # noqa: E402
from cluster import Cluster  # noqa: E402
from runners import BENCH, BY_NAME, RUNNERS, ROOT  # noqa: E402

ALL = ["fresh", "concurrent", "upgrade", "fail", "catalog", "adopt", "startup"]


class Context:
    def __init__(self, a, cluster):
        self.cluster, self.runs, self.warmup, self.conc_runs, self.timeout = cluster, a.runs, a.warmup, a.conc_runs, a.timeout
        self.catalog_timeout = a.catalog_timeout
        self.runners = [r.name for r in RUNNERS if not a.runners or r.name in a.runners.split(",")]
        self.work = os.path.join(BENCH, "work")
        self.sets = os.path.join(self.work, "sets")

    def set(self, n, half=False):
        return os.path.join(self.sets, f"n{n}" + ("-half" if half else ""))


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:  # noqa: BLE001 - facts for the report only
        return "?"


def machine():
    cpu = re.sub(r"\s+", " ", sh("lscpu | sed -n 's/^Model name:\\s*//p'") or platform.processor())
    mem = sh("free -g | awk '/Mem:/{print $2}'")
    return f"{cpu}, {os.cpu_count()} cores, {mem} GiB, {platform.system()} {platform.release()}"


def write_outputs(doc, name):
    """Writes results/<name>.json and .md and puts the markdown into README.md between the markers."""
    os.makedirs(os.path.join(BENCH, "results"), exist_ok=True)
    with open(os.path.join(BENCH, "results", f"{name}.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
    md = f"## Results ({name})\n\n" + report.markdown(doc) + "\n"
    with open(os.path.join(BENCH, "results", f"{name}.md"), "w", encoding="utf-8") as f:
        f.write(md)
    readme = os.path.join(BENCH, "README.md")
    if name in ("quick", "full") and os.path.exists(readme):  # the latest figures go into the README between the markers
        with open(readme, encoding="utf-8") as f:
            text = f.read()
        start, end = "<!-- results:start -->", "<!-- results:end -->"
        if start in text and end in text:
            text = text[:text.index(start) + len(start)] + "\n" + md + text[text.index(end):]
            with open(readme, "w", encoding="utf-8") as f:
                f.write(text)
    print(md)
    print(f"wrote bench/results/{name}.json and .md")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true", help="smoke run: N=100, 2 runs")
    p.add_argument("--sizes", default=None, help="comma list of N for fresh/noop (default 100,500,1000)")
    p.add_argument("--runs", type=int, default=None)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--conc-runs", type=int, default=None, help="runs of each concurrency scenario")
    p.add_argument("--conc-n", type=int, default=100, help="N for the concurrent and upgrade scenarios")
    p.add_argument("--adopt-n", type=int, default=None)
    p.add_argument("--scenarios", default=",".join(ALL))
    p.add_argument("--runners", default=None, help="comma list; default all: " + ",".join(BY_NAME))
    p.add_argument("--timeout", type=int, default=300, help="seconds per process")
    p.add_argument("--catalog-timeout", type=int, default=None, help="seconds per catalog read (default 180; quick 90)")
    p.add_argument("--out", default=None, help="results name (default quick or full)")
    p.add_argument("--render", default=None, help="only re-render results/<name>.json into .md and the README")
    a = p.parse_args()
    if a.render:
        with open(os.path.join(BENCH, "results", f"{a.render}.json"), encoding="utf-8") as f:
            write_outputs(json.load(f), a.render)
        return
    mode = "quick" if a.quick else "full"
    sizes = [int(x) for x in (a.sizes or ("100" if a.quick else "100,500,1000")).split(",")]
    a.runs = a.runs or (2 if a.quick else 5)
    a.conc_runs = a.conc_runs or 1  # one run per concurrency scenario keeps the full run under 15 minutes on 2 cores
    a.catalog_timeout = a.catalog_timeout or (90 if a.quick else 180)
    adopt_n = a.adopt_n or (100 if a.quick else 200)
    wanted = a.scenarios.split(",")

    cluster = Cluster(os.path.join(BENCH, "work", "pg"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    rows, t0 = [], time.time()
    try:
        cluster.start()
        ctx = Context(a, cluster)
        log = lambda m: print(f"[{time.time() - t0:6.0f}s] {m}", flush=True)  # noqa: E731
        if "fresh" in wanted:
            for i, n in enumerate(sizes):  # the warm-up round runs at the first size only (processes, files, server caches)
                log(f"fresh + noop, N={n}")
                rows += scenarios.fresh_and_noop(ctx, n, warmup=a.warmup if i == 0 else 0)
        if "concurrent" in wanted:
            for k in (6, 16):
                log(f"concurrent, {k} processes, N={a.conc_n}")
                rows += scenarios.concurrent(ctx, a.conc_n, k)
        if "upgrade" in wanted:
            log(f"upgrade, 6 processes, N={a.conc_n}")
            rows += scenarios.concurrent(ctx, a.conc_n, 6, upgrade=True)
        if "fail" in wanted:
            log("fail")
            rows += scenarios.fail(ctx)
        if "catalog" in wanted:
            log("catalog")
            rows += scenarios.catalog(ctx)
        if "adopt" in wanted:
            log(f"adopt, N={adopt_n}")
            rows += scenarios.adopt(ctx, adopt_n)
        if "startup" in wanted:
            log("startup")
            rows += scenarios.startup(ctx)
        settings = cluster.settings()
    finally:
        cluster.stop()

    meta = {
        "mode": mode, "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(), "runs": a.runs, "warmup": a.warmup, "conc_runs": a.conc_runs, "sizes": sizes,
        "elapsed_s": round(time.time() - t0), "postgres": settings,
        "tidemark_root": ROOT, "tidemark_commit": (open(os.path.join(ROOT, ".commit")).read().strip() if os.path.exists(os.path.join(ROOT, ".commit"))
                            else sh(f"git -C {ROOT} rev-parse --short HEAD")),
        "dotnet": sh("dotnet --version"), "node": sh("node --version"),
        "command": "bench/run.sh " + " ".join(sys.argv[1:]),
        "runners": {r.name: r.note for r in RUNNERS},
    }
    doc = {"meta": meta, "rows": rows}
    write_outputs(doc, a.out or mode)
    print(f"done in {meta['elapsed_s']} s")


if __name__ == "__main__":
    main()
