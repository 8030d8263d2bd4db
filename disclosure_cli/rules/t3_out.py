"""T3-OUT — 表三（七）总计 = 各办理结果之和 (outcomes add up to （七）总计, per column).

检查 / What it checks
    For each of the 7 columns: （七）总计 = （一）予以公开 + （二）部分公开 + （三）1–8 + （四）1–3 +
    （五）1–5 + （六）其他处理 (one row in the 2019 template, three sub-rows in 2021; a single
    （六） row in a 2021 table is summed as printed).

为什么 / Why
    The outcomes are mutually exclusive (（二） says “区分处理的，只计这一情形，不计其他情形”), so
    they must add up to the total handled. There are no subtotal rows for （三）–（六）.

失败示例 / Failing example
    予以公开 5 + 部分公开 1 + 无法提供 2 = 8, but （七）总计 = 9.

来源 / Source
    STRUCTURAL, docs/report-format.md §8.1 (KIROGOVCOMPARE ConsistencyCheckService t3_result_total).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import T3_COLUMNS, T3_NOT_OUTCOMES, all_t3_rows
from ._common import Sum, sum_check

ID = "T3-OUT"
SEVERITY = "error"
SUMMARY = "表三（七）总计 = 各办理结果之和 / outcomes sum to （七）总计"

def equations(report: Report) -> Iterator[Sum]:
    rows = [
        r.key
        for r in all_t3_rows()
        if r.key not in T3_NOT_OUTCOMES
        and f"t3.{r.key}.total" in report.values
        and report.values[f"t3.{r.key}.total"].status != "absent"
    ]
    for c in T3_COLUMNS:
        yield Sum(
            [f"t3.handled_total.{c.key}"],
            [f"t3.{r}.{c.key}" for r in rows],
            f"表三「{c.label}」列",
            "（七）总计",
            "（一）至（六）各项之和",
        )


def check(report: Report) -> Iterator[Finding]:
    for e in equations(report):
        yield from sum_check(report, *e)
