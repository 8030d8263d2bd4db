"""X-REPEAL — 本年废止件数不超过可废止的件数 (no more repealed than there were to repeal).

检查 / What it checks
    Needs last year's report of the same body; both on the 2021 template. For 规章 and
    行政规范性文件: 本年废止件数 (Y) ≤ 现行有效件数 (Y−1) + 本年制发件数 (Y).

为什么 / Why
    Only documents in force at the start of the year, or made during it, can be repealed. More
    repealed than that means a wrong 废止 count, or last year's 现行有效 was understated.

失败示例 / Failing example
    2023 现行有效 20; 2024 制发 3, 废止 30.

来源 / Source
    CUSTOMARY, docs/report-format.md §8.3, §8.4 (X-VALID's identity, read as an inequality).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._common import fmt
from ._pair import has_keys, mismatch, n, readable

ID = "X-REPEAL"
SEVERITY = "warning"
SUMMARY = "本年废止 ≤ 上年现行有效 + 本年制发 / no more repealed than in force plus issued"
PAIR = True

_ROWS = (("regulations", "规章"), ("normative_docs", "行政规范性文件"))
READS = tuple(f"t2.{r}.{c}" for r, _ in _ROWS for c in ("issued", "repealed", "in_force"))  # the cells it compares


def check(report: Report, previous: Report) -> Iterator[Finding]:
    if not (has_keys(report, READS) and has_keys(previous, READS)):
        return
    for row, label in _ROWS:
        repealed, issued = (report.values.get(f"t2.{row}.{c}") for c in ("repealed", "issued"))
        in_force = previous.values.get(f"t2.{row}.in_force")
        if readable(repealed, issued, in_force) and n(repealed) > n(in_force) + n(issued):
            limit = n(in_force) + n(issued)
            yield mismatch(previous, f"表二「{label}」本年废止件数{fmt(n(repealed))}大于上年现行有效{fmt(n(in_force))}与本年制发{fmt(n(issued))}之和",
                limit, n(repealed), [repealed, issued, in_force],
            )
