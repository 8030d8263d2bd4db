"""X-ITEMS — 上一年项目数量(本年) = 上一年项目数量(上年) + 本年增/减(上年) (2019 template).

检查 / What it checks
    Needs last year's report; both on the 2019 template. For 行政许可, 其他对外管理服务事项,
    行政处罚, 行政强制 and 行政事业性收费: prev_items(Y) = prev_items(Y−1) + change(Y−1).

为什么 / Why
    上一年项目数量 is last year's item count after last year's increase or decrease.

失败示例 / Failing example
    2019: 行政许可 上一年项目数量 4, 本年增/减 +2; 2020: 上一年项目数量 5 (expected 6).

来源 / Source
    CUSTOMARY, docs/report-format.md §8.4.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import labels
from ._pair import has_keys, mismatch, n, readable

ID = "X-ITEMS"
SEVERITY = "warning"
SUMMARY = "上一年项目数量承接上年 / item counts continue last year's"
PAIR = True

_ROWS = ("licensing", "other_services", "penalty", "coercion", "fees")
READS = tuple(f"t2.{r}.{c}" for r in _ROWS for c in ("prev_items", "change"))  # the cells it compares


def check(report: Report, previous: Report) -> Iterator[Finding]:
    if not (has_keys(report, READS) and has_keys(previous, READS)):
        return
    for row in _ROWS:
        key = f"t2.{row}.prev_items"
        now = report.values.get(key)
        before, change = previous.values.get(key), previous.values.get(f"t2.{row}.change")
        if readable(now, before, change):
            expected = n(before) + n(change)
            if expected != n(now):
                row_label, col_label = labels(report.template)[key]
                yield mismatch(previous, f"表二「{row_label}」{col_label}", expected, n(now), [now, before, change])
