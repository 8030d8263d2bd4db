"""Benchmark: throughput, memory, cold start, HTML against pandas.read_html, and where the
time of one report goes, side by side with a baseline revision.

    pip install -e . -r bench/requirements.txt
    python bench/run.py --baseline-rev bc196e9            # 10,000 reports; prints Markdown
    python bench/run.py --baseline-rev bc196e9 --readme   # and rewrites README's Performance section
    python bench/run.py --reports 2000 --runs 1           # quicker

Both sides are installed NON-editable into temporary virtual environments (this checkout's
working tree, and `git archive` of the baseline revision), so cold start is what users get.
Commands of the two sides run interleaved (A B A B …), and each figure is the median of
`--runs` runs, so a load that comes and goes touches both sides alike. What it measures:
- `check DIR --format jsonl` (pairing on) over N generated reports (bench/generate.py: the
  sample's layout with varied, consistent numbers, in all four pasted layouts, one report in
  ten with a wrong number) with --jobs 1 and --jobs 2: reports/s and peak RSS;
- peak RSS at N/5 and at N reports, to show memory stays flat in the batch size;
- cold start of `disclosure check sample` against `python -c pass` from the same venv;
- HTML: `disclosure_cli.parse` against `pandas.read_html` on the same pages (this interpreter);
- per report, in-process (bench/stages.py): read, locate, rules, record, encode.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generate import generate, report_rows  # noqa: E402
from stages import STAGES  # noqa: E402

from tests.layouts import to_html  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "2023_county_market_bureau_clean.txt"
README_START, README_END = "<!-- bench -->", "<!-- /bench -->"


class Side:
    """One installed revision: its venv's python and `disclosure` command."""

    def __init__(self, name: str, venv: Path) -> None:
        self.name = name
        self.python = str(venv / "bin" / "python")
        self.exe = str(venv / "bin" / "disclosure")


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def install(name: str, source: Path, venv: Path) -> Side:
    """A fresh NON-editable venv with `source` installed (dependencies from pip's cache)."""
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", str(source)],
                         capture_output=True, text=True)
    if pip.returncode:
        raise SystemExit(f"installing {name} failed:\n{pip.stderr}")
    return Side(name, venv)


def baseline_source(rev: str, folder: Path) -> Path:
    """The tree of git revision `rev`, unpacked into `folder`."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def this_source(folder: Path) -> Path:
    """The working tree as it is (committed or not), without build leftovers."""
    files = _git("ls-files", "--cached", "--others", "--exclude-standard").splitlines()
    for rel in files:
        src = ROOT / rel
        if src.is_file():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, folder / rel)
    return folder


class Timing(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of the command and its children (0 without GNU time)
    rss: int  # peak RSS of the largest process, KB (0 without GNU time)


def timed(cmd: list[str]) -> Timing:
    """Wall and CPU seconds and peak RSS of a command, its output discarded. CPU time is
    shown too because on a shared machine it varies far less than wall time."""
    gnu_time = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    with tempfile.NamedTemporaryFile("r") as log:
        prefix = [gnu_time, "-f", "%U %S %M", "-o", log.name] if gnu_time else []
        start = time.perf_counter()
        subprocess.run([*prefix, *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        elapsed = time.perf_counter() - start
        user, system, rss = log.read().split()[-3:] if gnu_time else ("0", "0", "0")
    return Timing(elapsed, float(user) + float(system), int(rss))


def interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, Timing]:
    """Medians of each command's timings, the commands run in turn."""
    seen: dict[str, list[Timing]] = {k: [] for k in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            seen[name].append(timed(cmd))
    return {k: Timing(*(statistics.median(field) for field in zip(*v, strict=True))) for k, v in seen.items()}


def check_cmd(side: Side, folder: Path, jobs: int) -> list[str]:
    return [side.exe, "check", str(folder), "--format", "jsonl", "--fail-on", "never", "--jobs", str(jobs)]


def cold_start(sides: list[Side], runs: int) -> dict[str, tuple[float, float]]:
    """Per side: median `python -c pass` and median `disclosure check sample`, interleaved."""
    commands = {}
    for s in sides:
        commands[s.name + " python"] = [s.python, "-c", "pass"]
        commands[s.name + " check"] = [s.exe, "check", str(SAMPLE), "--fail-on", "never"]
    medians = interleaved(commands, runs)
    return {s.name: (medians[s.name + " python"].wall, medians[s.name + " check"].wall) for s in sides}


def html_times(pages: int = 300, runs: int = 5) -> tuple[float, float, float] | None:
    """CPU ms per page (this process's CPU time: steadier than wall time on a shared machine):
    `parse` (read, locate, prose), its HTML reader alone, and `pandas.read_html` (tables
    only), on the same generated pages, in turn."""
    try:
        import pandas
    except ImportError:
        return None
    from disclosure_cli import parse
    from disclosure_cli.readers.html import read_html

    rng = random.Random(3)
    docs = [to_html(report_rows(rng, 2023), page=False) for _ in range(pages)]
    texts = [d.decode("utf-8") for d in docs]

    def clock(fn: Callable[[], object]) -> float:
        start = time.process_time()
        fn()
        return (time.process_time() - start) / pages * 1000

    ours, reader, theirs = [], [], []
    for _ in range(runs):
        ours.append(clock(lambda: [parse(d, name="page.html") for d in docs]))
        reader.append(clock(lambda: [read_html(d, "page.html") for d in docs]))
        theirs.append(clock(lambda: [pandas.read_html(io.StringIO(t)) for t in texts]))
    return statistics.median(ours), statistics.median(reader), statistics.median(theirs)


def html_in(tree: Path) -> tuple[float, float, float] | None:
    """html_times on the copied tree (this interpreter, which has pandas): the checkout may
    change while the benchmark runs."""
    code = "import sys, run; t = run.html_times(); print(*(t or ()))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tree / "bench",
                         env={**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{tree / 'bench'}"}).stdout.split()
    return (float(out[0]), float(out[1]), float(out[2])) if out else None


def stages(side: Side, folder: Path, runs: int) -> dict[str, float]:
    """ms per report by stage (bench/stages.py in the side's venv)."""
    out = subprocess.run([side.python, str(ROOT / "bench" / "stages.py"), str(folder), "--runs", str(runs)],
                         capture_output=True, text=True, check=True, cwd=tempfile.gettempdir()).stdout
    return {k: float(v) for k, v in (line.split("\t") for line in out.splitlines())}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def load() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load unknown"


def report(args: argparse.Namespace, rev: str, sides: list[Side], tmp: Path, commit: str) -> str:
    """Every measurement, as the Markdown of README's Performance section."""
    n, runs = args.reports, args.runs
    small, big = tmp / "small", tmp / "big"
    small.mkdir()
    big.mkdir()
    generate(small, max(1, n // 5))
    generate(big, n)
    loads = [load()]
    rate: dict[tuple[str, int], Timing] = {}
    for jobs in (1, 2):
        rate.update({(k, jobs): t for k, t in interleaved({s.name: check_cmd(s, big, jobs) for s in sides}, runs).items()})
    mem_small = interleaved({s.name: check_cmd(s, small, 1) for s in sides}, runs)
    loads.append(load())
    cold = cold_start(sides, max(10, runs * 5))
    staged = {s.name: stages(s, small, runs) for s in sides}  # N/5 reports, after a warm-up
    html = html_in(tmp / "this")
    loads.append(load())
    ours, base = sides[0].name, sides[-1].name
    lines = [
        f"Measured {datetime.date.today().isoformat()} on {machine()}; commit {commit} against {rev}; "
        f"medians of {runs} interleaved runs ({', '.join(loads)}). Both installed non-editable in fresh venvs.",
        "",
        f"| measure | this commit | {rev} | ratio |",
        "|---|---|---|---|",
    ]
    for jobs in (1, 2):
        a, b = rate[(ours, jobs)], rate[(base, jobs)]
        lines.append(f"| `check --format jsonl --jobs {jobs}`, {n:,} pasted reports, pairing on | {n / a.wall:,.0f} reports/s "
                     f"({a.wall:.1f} s; CPU {a.cpu:.1f} s), peak RSS {a.rss / 1024:.0f} MB | {n / b.wall:,.0f} reports/s "
                     f"({b.wall:.1f} s; CPU {b.cpu:.1f} s), peak RSS {b.rss / 1024:.0f} MB | {b.wall / a.wall:.2f}× "
                     f"(CPU {b.cpu / a.cpu:.2f}×) |")
    scale = {s.name: rate[(s.name, 1)].wall / rate[(s.name, 2)].wall for s in sides}
    lines.append(f"| `--jobs 2` / `--jobs 1` (throughput) | {scale[ours]:.2f}× | {scale[base]:.2f}× | |")
    growth = {s.name: (mem_small[s.name].rss, rate[(s.name, 1)].rss) for s in sides}
    lines.append(f"| peak RSS, {n // 5:,} → {n:,} reports (`--jobs 1`) | " + " | ".join(
        f"{a / 1024:.0f} → {b / 1024:.0f} MB ({b / a:.2f}×)" for a, b in (growth[ours], growth[base])) + " | |")
    lines.append("| cold start: `disclosure check` sample / `python -c pass` | " + " | ".join(
        f"{c * 1000:.0f} / {p * 1000:.0f} ms = {c / p:.1f}×" for p, c in (cold[ours], cold[base])) + " | |")
    if html:
        parse_ms, reader_ms, pandas_ms = html
        lines.append(f"| HTML page, CPU ms (in-process, this commit): `parse` / its reader alone / `pandas.read_html` "
                     f"(tables only) | {parse_ms:.2f} / {reader_ms:.2f} / {pandas_ms:.2f} ms: `parse` "
                     f"{pandas_ms / parse_ms:.2f}× and the reader {pandas_ms / reader_ms:.2f}× faster than pandas | | |")
    else:
        lines.append("| HTML vs pandas.read_html | pandas not installed (pip install -r bench/requirements.txt) | | |")
    lines += ["", f"Where the time of one report goes (in-process, ms per report, {n // 5:,} reports, bench/stages.py):", "",
              f"| stage | this commit | {rev} |", "|---|---|---|"]
    for stage in (*STAGES, "total"):
        lines.append(f"| {stage} | {staged[ours][stage]:.3f} | {staged[base][stage]:.3f} |")
    return "\n".join(lines) + "\n"


def rewrite_readme(text: str) -> None:
    path = ROOT / "README.md"
    readme = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.S)
    if not pattern.search(readme):
        raise SystemExit(f"README.md has no {README_START} … {README_END} section")
    path.write_text(pattern.sub(lambda _: f"{README_START}\n{text}{README_END}", readme), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3, help="interleaved runs per measure (medians)")
    ap.add_argument("--baseline-rev", default="bc196e9", help="git revision to compare with (default bc196e9)")
    ap.add_argument("--readme", action="store_true", help="rewrite README.md's Performance section")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="disclosure-bench-") as name:
        tmp = Path(name)
        (tmp / "this").mkdir()
        # named when the tree is copied: the section may be written after later commits
        commit = _git("rev-parse", "--short", "HEAD") + (" + uncommitted changes" if _git("status", "--porcelain") else "")
        sides = [install("this", this_source(tmp / "this"), tmp / "venv-this"),
                 install(args.baseline_rev, baseline_source(args.baseline_rev, tmp / "base"), tmp / "venv-base")]
        text = report(args, args.baseline_rev, sides, tmp, commit)
    print(text)
    if args.readme:
        rewrite_readme(text)


if __name__ == "__main__":
    main()
