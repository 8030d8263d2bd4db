"""X-VALID — 现行有效件数(本年) = 现行有效件数(上年) + 本年制发 − 本年废止 (2021 template).

检查 / What it checks
    Needs last year's report; both on the 2021 template. For 规章 and 行政规范性文件:
    in_force(Y) = in_force(Y−1) + issued(Y) − repealed(Y).

为什么 / Why
    现行有效 is a stock; it should move by what was issued and repealed. Not an identity in law
    (documents also expire), hence a warning.

失败示例 / Failing example
    2023 现行有效 58; 2024 制发 8, 废止 26, 现行有效 66 (expected 40).

来源 / Source
    CUSTOMARY, docs/report-format.md §8.4.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import labels
from ._pair import has_keys, mismatch, n, readable

ID = "X-VALID"
SEVERITY = "warning"
SUMMARY = "现行有效件数随制发、废止变化 / in-force stock follows issued and repealed"
PAIR = True

_ROWS = ("regulations", "normative_docs")
READS = tuple(f"t2.{r}.{c}" for r in _ROWS for c in ("issued", "repealed", "in_force"))  # the cells it compares


def check(report: Report, previous: Report) -> Iterator[Finding]:
    if not (has_keys(report, READS) and has_keys(previous, READS)):
        return
    for row in _ROWS:
        key = f"t2.{row}.in_force"
        now, before = report.values.get(key), previous.values.get(key)
        issued, repealed = report.values.get(f"t2.{row}.issued"), report.values.get(f"t2.{row}.repealed")
        if readable(now, before, issued, repealed):
            expected = n(before) + n(issued) - n(repealed)
            if expected != n(now):
                row_label, col_label = labels(report.template)[key]
                yield mismatch(previous, f"表二「{row_label}」{col_label}", expected, n(now), [now, issued, repealed, before])
