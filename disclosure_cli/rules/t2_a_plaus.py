"""T2-A-PLAUS — 2019格式表二：新公开数量 ≤ 新制作数量，对外公开总数量 ≥ 新公开数量.

检查 / What it checks
    2019 template, rows 规章 and 规范性文件: 本年新公开数量 ≤ 本年新制作数量 (usually), and
    对外公开总数量 ≥ 本年新公开数量.

为什么 / Why
    A stock smaller than this year's flow, or more published than made, usually means columns
    were swapped.

失败示例 / Failing example
    规范性文件 60 / 60 / 36 (对外公开总数量 36 < 60).

来源 / Source
    CUSTOMARY heuristic, docs/report-format.md §8.3 (Shanghai 2019: 13/13/524, 60/60/368).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import keys
from ._common import cell_name, finding, fmt

ID = "T2-A-PLAUS"
SEVERITY = "warning"
SUMMARY = "2019格式表二数量关系合理 / 2019 table 2 counts are plausible"

_ROWS = ("regulations", "normative_docs")
_COLUMNS = ("new_made", "new_published", "total_public")  # the template that has these columns


def check(report: Report) -> Iterator[Finding]:
    if report.template is None or not {f"t2.{r}.{c}" for r in _ROWS for c in _COLUMNS} <= set(keys(report.template)):
        return
    for row in _ROWS:
        made, published, total = (report.values.get(f"t2.{row}.{c}") for c in _COLUMNS)
        if all(v is not None and v.status == "ok" for v in (made, published)) and published.value > made.value:
            yield finding(f"{cell_name(published)}（{fmt(published.value)}）大于本年新制作数量（{fmt(made.value)}）",
                          [published, made], expected=made.value, actual=published.value)
        if all(v is not None and v.status == "ok" for v in (published, total)) and total.value < published.value:
            yield finding(f"{cell_name(total)}（{fmt(total.value)}）小于本年新公开数量（{fmt(published.value)}）",
                          [total, published], expected=published.value, actual=total.value)
