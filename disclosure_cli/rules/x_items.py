"""X-ITEMS — 上一年项目数量(本年) = 上一年项目数量(上年) + 本年增/减(上年) (2019 template).

检查 / What it checks
    Needs last year's report; both on the 2019 template. For 行政许可, 其他对外管理服务事项,
    行政处罚, 行政强制 and 行政事业性收费: prev_items(Y) = prev_items(Y−1) + change(Y−1).

为什么 / Why
    上一年项目数量 is last year's item count after last year's increase or decrease.

失败示例 / Failing example
    2019: 行政许可 上一年项目数量 4, 本年增/减 +2; 2020: 上一年项目数量 5 (expected 6).

来源 / Source
    CUSTOMARY, rules.md (across years).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._pair import mismatch, n, readable

ID = "X-ITEMS"
SEVERITY = "warning"
SUMMARY = "上一年项目数量承接上年 / item counts continue last year's"
PAIR = True

_ROWS = (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"), ("penalty", "行政处罚"),
         ("coercion", "行政强制"), ("fees", "行政事业性收费"))


def check(report: Report, previous: Report) -> Iterator[Finding]:
    if report.template != "2019" or previous.template != "2019":
        return
    for row, label in _ROWS:
        now = report.values.get(f"t2.{row}.prev_items")
        before, change = previous.values.get(f"t2.{row}.prev_items"), previous.values.get(f"t2.{row}.change")
        if readable(now, before, change):
            expected = n(before) + n(change)
            if expected != n(now):
                yield mismatch(ID, report, previous, f"表二「{label}」上一年项目数量", expected, n(now), [now, before, change])
