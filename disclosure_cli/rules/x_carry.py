"""X-CARRY — 本年“上年结转” = 上年“结转下年度继续办理” (carry-over continues last year's).

检查 / What it checks
    Needs last year's report of the same body. For each of the 7 columns of table 3:
    二、上年结转政府信息公开申请数量 (year Y) = 四、结转下年度继续办理 (year Y−1). It holds across
    the 2020→2021 template change: rows 二 and 四 did not change.

为什么 / Why
    Applications carried forward must reappear as carried over; a break means one of the two
    reports is wrong (or the body was merged or split: 机构改革).

失败示例 / Failing example
    2023 四、结转下年度 总计 = 5; 2024 二、上年结转 总计 = 3.

来源 / Source
    CUSTOMARY, docs/report-format.md §8.4 (KIROGOVCOMPARE CrossYearCheckView).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import T3_COLUMNS
from ._pair import mismatch, n, readable

ID = "X-CARRY"
SEVERITY = "warning"
SUMMARY = "本年上年结转 = 上年结转下年度 / carry-over continues last year's"
PAIR = True
READS = tuple(f"t3.{r}.{c.key}" for r in ("carried_over", "carried_forward") for c in T3_COLUMNS)  # the cells it compares


def check(report: Report, previous: Report) -> Iterator[Finding]:
    for c in T3_COLUMNS:
        cur = report.values.get(f"t3.carried_over.{c.key}")
        prev = previous.values.get(f"t3.carried_forward.{c.key}")
        if readable(cur, prev) and n(cur) != n(prev):
            yield mismatch(previous, f"表三「二、上年结转」「{c.label}」列", n(prev), n(cur), [cur, prev])
