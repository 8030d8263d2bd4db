"""T3-FEE — 因逾期未缴费不再处理的申请，第六部分应报告信息处理费 (fees must be reported in 六).

检查 / What it checks
    2021 template: when （六）2.申请人逾期未按收费通知要求缴纳费用 is above 0, fee notices were
    issued, and section 六 (其他需要报告的事项) should mention 信息处理费.

为什么 / Why
    国办函〔2020〕109号 (信息处理费管理办法) makes fees reportable; a table showing unpaid fee
    notices with a silent section 六 is incomplete.

失败示例 / Failing example
    （六）2 总计 = 6, section 六: 「无。」

来源 / Source
    CUSTOMARY (inference), docs/report-format.md §8.1.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._common import finding

ID = "T3-FEE"
SEVERITY = "warning"
SUMMARY = "有逾期未缴费申请时第六部分应报告信息处理费 / unpaid-fee rows need 信息处理费 in 六"


def check(report: Report) -> Iterator[Finding]:
    v = report.values.get("t3.other_handling.unpaid_fee.total")
    if v is None or v.status != "ok" or not v.value:
        return
    section = report.section(6)
    text = section.text if section else "".join(c.text for c in report.prose)
    if "处理费" not in text.replace(" ", ""):
        where = f"「{section.heading}」" if section else "正文"
        yield finding(f"表三（六）2 逾期未缴费为{v.value}件，但{where}未提及信息处理费", [v],
        )
