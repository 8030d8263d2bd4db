"""T2-FEE-UNIT — 收费金额的单位为万元 (a fee that looks like 元 under the 万元 header).

检查 / What it checks
    Table 2's 行政事业性收费 本年收费金额 is in 万元 (2021 template). A cell that carries `元`
    itself (`251000元`), or an amount of 10⁶ 万元 (100 亿元) or more in the report of a single
    department, was probably written in 元.

为什么 / Why
    A fee in 元 under a 万元 header overstates it ten-thousandfold, and sums across reports
    inherit the error. A government's own report may aggregate the whole region, so its
    magnitude is not judged.

失败示例 / Failing example
    示例县市场监督管理局: 行政事业性收费 `125000` (12.5 万元 written in 元).

来源 / Source
    docs/report-format.md §4.1 (本年收费金额（单位：万元）), §9.5 (aggregated reports).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import TEMPLATES
from ._body import body
from ._common import cell_name, finding, fmt

ID = "T2-FEE-UNIT"
SEVERITY = "info"
SUMMARY = "收费金额疑似以元填入万元栏 / a fee that looks like 元 under the 万元 header"

_LARGE = 1_000_000  # 万元


def check(report: Report) -> Iterator[Finding]:
    v = report.values.get("t2.fees.amount")
    template = TEMPLATES.get(report.template or "")
    if template is None or template.money_unit != "万元" or v is None or v.status != "ok" or v.value is None:
        return
    if v.unit == "元":
        yield finding(f"{cell_name(v)}写作「{v.raw}」，单位应为万元 / amount given in 元", [v])
        return
    b = body(report)
    if v.value >= _LARGE and b is not None and not b.government:
        yield finding(
            f"{cell_name(v)}为{fmt(v.value)}万元（{fmt(v.value / 10000)}亿元），对单个部门而言过大，"
            "疑似以元填写 / amount looks like 元", [v],
        )
