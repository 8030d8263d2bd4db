"""Benchmark: throughput, memory, cold start, and HTML extraction against pandas.read_html.

    pip install -e . -r bench/requirements.txt
    python bench/run.py                 # 10,000 reports; prints a Markdown table
    python bench/run.py --reports 2000  # quicker

What it measures, on this machine, in one run:
- `disclosure check DIR --format jsonl` over N generated reports (bench/generate.py: the
  sample's layout with varied, consistent numbers, in all four pasted layouts, one report in
  ten with a wrong number) with --jobs 1 and --jobs 2: reports/s and peak RSS;
- peak RSS at N/5 and at N reports, to show memory stays flat in the batch size;
- cold start of `disclosure check samples/…` against `python -c pass`, as a ratio of medians;
- HTML: `disclosure_cli.parse` against `pandas.read_html` on the same pages, as a ratio.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate, report_rows  # noqa: E402

from tests.layouts import to_html  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "2023_county_market_bureau_clean.txt"


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of a command, via GNU time when present."""
    gnu_time = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    if gnu_time:
        with tempfile.NamedTemporaryFile("r") as log:
            start = time.perf_counter()
            subprocess.run([gnu_time, "-f", "%M", "-o", log.name, *cmd], stdout=subprocess.DEVNULL, check=False)
            elapsed = time.perf_counter() - start
            return elapsed, int(log.read().strip().splitlines()[-1])
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, 0


def disclosure_cmd() -> list[str]:
    return [sys.executable, "-m", "disclosure_cli"]


def throughput(folder: Path, jobs: int) -> tuple[float, int]:
    files = len(list(folder.iterdir()))
    elapsed, rss = timed(disclosure_cmd() + ["check", str(folder), "--format", "jsonl", "--no-pairing",
                                             "--fail-on", "never", "--jobs", str(jobs)])
    return files / elapsed, rss


def cold_start(runs: int = 15) -> tuple[float, float]:
    def median(cmd: list[str]) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    exe = shutil.which("disclosure")
    check = [exe] if exe else disclosure_cmd()
    return median([sys.executable, "-c", "pass"]), median(check + ["check", str(SAMPLE), "--fail-on", "never"])


def html_ratio(pages: int = 300) -> tuple[float, float] | None:
    try:
        import pandas
    except ImportError:
        return None
    from disclosure_cli import parse

    rng = random.Random(3)
    docs = [to_html(report_rows(rng, 2023), page=False).decode("utf-8") for _ in range(pages)]
    start = time.perf_counter()
    for d in docs:
        parse(d.encode("utf-8"), name="page.html")
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for d in docs:
        pandas.read_html(io.StringIO(d))
    theirs = time.perf_counter() - start
    return ours / pages * 1000, theirs / pages * 1000


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu or platform.machine()}, Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=10000)
    args = ap.parse_args()
    n = args.reports
    with tempfile.TemporaryDirectory() as tmp:
        small, big = Path(tmp, "small"), Path(tmp, "big")
        small.mkdir()
        big.mkdir()
        generate(small, max(1, n // 5))
        generate(big, n)
        rate1, rss1 = throughput(big, 1)
        rate2, rss2 = throughput(big, 2)
        _, rss_small = throughput(small, 1)
    base, ours = cold_start()
    html = html_ratio()
    print(f"Measured {datetime.date.today().isoformat()} on {machine()}.\n")
    print("| measure | result |")
    print("|---|---|")
    print(f"| `check`, {n:,} pasted reports, `--jobs 1` | {rate1:,.0f} reports/s, peak RSS {rss1 / 1024:.0f} MB |")
    print(f"| `check`, {n:,} pasted reports, `--jobs 2` | {rate2:,.0f} reports/s, peak RSS {rss2 / 1024:.0f} MB (main process) |")
    print(f"| memory vs batch size, `--jobs 1` | {n // 5:,} reports: {rss_small / 1024:.0f} MB; {n:,} reports: {rss1 / 1024:.0f} MB |")
    print(f"| cold start: `disclosure check` sample vs `python -c pass` | {ours * 1000:.0f} ms vs {base * 1000:.0f} ms = {ours / base:.1f}× |")
    if html:
        print(f"| HTML page: `parse` vs `pandas.read_html` (tables only) | {html[0]:.2f} ms vs {html[1]:.2f} ms = {html[0] / html[1]:.2f}× |")
    else:
        print("| HTML vs pandas.read_html | pandas not installed (pip install -r bench/requirements.txt) |")


if __name__ == "__main__":
    main()
