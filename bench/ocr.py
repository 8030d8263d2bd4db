"""The cost of reading a scan: seconds and memory per page, and how many values are exact.

    pip install -e '.[ocr]'
    python bench/ocr.py                 # 3 runs; prints a Markdown table

Each run is a fresh `disclosure extract --format json` process (model loading included) on
the degraded 300 dpi scan of the Huaian tables (tests/scans.py: 3 pages), timed by the
operating system: wall time, CPU time (user + system, which a busy machine inflates less
than wall time) and peak RSS. Medians of the runs, divided by the pages where per page. The
values are compared with tests/corpus/expected/.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.scans import TABLE_PAGES, huaian_scan  # noqa: E402


def one_run(path: Path) -> tuple[float, float, int, dict]:
    """(wall s, CPU s, peak RSS bytes, cells) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "disclosure_cli", "extract", "--format", "json", str(path)],
                         capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cells = json.loads(out.stdout)["files"][0]["cells"]
    return wall, cpu, after.ru_maxrss * 1024, cells


def main(runs: int = 3) -> None:
    expected = json.loads((ROOT / "tests/corpus/expected/2024_huaian_city_govt.pdf.json").read_text("utf-8"))["values"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scan.pdf"
        path.write_bytes(huaian_scan(300))
        results = [one_run(path) for _ in range(runs)]
    pages = len(TABLE_PAGES)
    cells = results[0][3]
    exact = sum(cells[k]["value"] == v for k, v in expected.items())
    wrong = sum(cells[k]["value"] is not None and cells[k]["value"] != v for k, v in expected.items())
    load = os.getloadavg()[0]
    print(f"{runs} runs, {os.cpu_count()} cores, load average {load:.1f}, Python {sys.version.split()[0]}\n")
    print("| measure | result |\n|---|---|")
    print(f"| values exact / wrong / null (degraded 300 dpi) | {exact} / {wrong} / {len(expected) - exact - wrong} |")
    print(f"| wall time per page (model load included) | {statistics.median(r[0] for r in results) / pages:.1f} s |")
    print(f"| CPU time per page | {statistics.median(r[1] for r in results) / pages:.1f} s |")
    print(f"| peak RSS (one process) | {max(r[2] for r in results) / 1048576:.0f} MB |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
