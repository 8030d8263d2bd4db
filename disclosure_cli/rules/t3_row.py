"""T3-ROW — 表三每一行：总计 = 六类申请人之和 (row total equals the applicant columns).

检查 / What it checks
    For each of the 23 (2019) or 25 (2021) value rows of table 3: 总计 = 自然人 + 商业企业 +
    科研机构 + 社会公益组织 + 法律服务机构 + 其他.

为什么 / Why
    总计 is the sum over the applicant types; there is no 法人或其他组织 subtotal column.
    A blank 总计 beside filled applicant cells (Shanghai 2019) fails this rule; a column of
    them is one finding listing the rows (the engine groups it: rules/_group.py).

失败示例 / Failing example
    （一）予以公开: 258 + 12 + 1 + 1 = 272, 总计 blank.

来源 / Source
    STRUCTURAL / CUSTOMARY, docs/report-format.md §8.1.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import T3_APPLICANT_COLUMNS, all_t3_rows
from ._common import Sum, short, sum_check

ID = "T3-ROW"
SEVERITY = "error"
SUMMARY = "表三每行：总计 = 六类申请人之和 / row total equals applicant columns"


def equations(report: Report) -> Iterator[Sum]:
    for r in all_t3_rows():
        total = report.values.get(f"t3.{r.key}.total")
        if total is None:
            continue
        yield Sum(
            [total.key],
            [f"t3.{r.key}.{c}" for c in T3_APPLICANT_COLUMNS],
            f"表三「{short(total.row_label)}」行",
            "总计",
            "六类申请人之和",
        )


def check(report: Report) -> Iterator[Finding]:
    for e in equations(report):
        yield from sum_check(report, *e)
