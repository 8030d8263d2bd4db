"""T4-SUM — 表四每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

检查 / What it checks
    For 行政复议, 未经复议直接起诉 and 复议后起诉: 总计 equals the sum of its four result columns.

为什么 / Why
    Every case is in exactly one of the four states. (Some tools omit 尚未审结 from this sum;
    that is wrong for this template.)

失败示例 / Failing example
    行政复议: 维持 5 + 纠正 0 + 其他 0 + 尚未审结 2 = 7, 总计 printed 6.

来源 / Source
    STRUCTURAL / CUSTOMARY, docs/report-format.md §8.2.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import T4_COLUMNS, T4_GROUPS
from ._common import Sum, sum_check

ID = "T4-SUM"
SEVERITY = "error"
SUMMARY = "表四每组：总计 = 维持 + 纠正 + 其他 + 尚未审结 / table 4 group totals"


def equations(report: Report) -> Iterator[Sum]:
    for g in T4_GROUPS:
        yield Sum(
            [f"t4.{g.key}.total"],
            [f"t4.{g.key}.{c.key}" for c in T4_COLUMNS[:-1]],
            f"表四「{g.label}」",
            "总计",
            "结果维持+结果纠正+其他结果+尚未审结",
        )


def check(report: Report) -> Iterator[Finding]:
    for e in equations(report):
        yield from sum_check(report, *e)
