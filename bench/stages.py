"""Where the time of one report goes, in-process (CPU time): each stage of `check --format jsonl` timed
on its own over the same files (read, locate, rules, record, encode), in ms per report.

    python bench/stages.py FOLDER [--runs 3]

Run by bench/run.py; the stages are the CLI's own functions, called in the CLI's order.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from disclosure_cli.api import check, read_source
from disclosure_cli.config import Config
from disclosure_cli.locate import locate
from disclosure_cli.locate.reports import split_reports
from disclosure_cli.model import FileResult
from disclosure_cli.output import formatter_class
from disclosure_cli.output.base import file_record
from disclosure_cli.prose import front_matter, published
from disclosure_cli.readers import read
from disclosure_cli.schema import SCHEMA_VERSION

STAGES = ("read", "locate", "rules", "record", "encode")


def once(paths: list[Path]) -> dict[str, float]:
    """Seconds spent in each stage over all `paths`."""
    config = Config()
    encode = formatter_class("jsonl").prepare
    spent = dict.fromkeys(STAGES, 0.0)
    clock = time.process_time  # CPU time: steadier than wall time on a shared machine
    for path in paths:
        t0 = clock()
        data, shown = read_source(str(path))
        doc = read(data, shown)
        t1 = clock()
        reports = []
        for part in split_reports(doc):
            report = locate(part)
            front_matter(report)
            report.published, report.published_source = published(part.meta, part.rows, part.prose, report.year)
            reports.append(report)
        t2 = clock()
        results = [FileResult(r.path, r, check(r, config)) for r in reports]
        t3 = clock()
        records = [{"type": "file", "schema_version": SCHEMA_VERSION, **file_record(r, "check")} for r in results]
        t4 = clock()
        for r in results:
            encode(r, "check")
        t5 = clock()
        spent["read"] += t1 - t0
        spent["locate"] += t2 - t1
        spent["rules"] += t3 - t2
        spent["record"] += t4 - t3
        # prepare builds the record and encodes it: the encoding alone is what remains
        spent["encode"] += max(0.0, (t5 - t4) - (t4 - t3))
        del records
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    paths = sorted(args.folder.iterdir())
    once(paths[:100])  # warm-up: first-use compilation and caches are cold start, not per-report cost
    runs = [once(paths) for _ in range(args.runs)]
    for stage in STAGES:
        ms = statistics.median(r[stage] for r in runs) / len(paths) * 1000
        print(f"{stage}\t{ms:.3f}")
    print(f"total\t{statistics.median(sum(r.values()) for r in runs) / len(paths) * 1000:.3f}")


if __name__ == "__main__":
    sys.exit(main())
