"""N-YEAR — 标题年度与统计期限一致 (the title's year and the statistics period agree).

检查 / What it checks
    The year in the title (…2023年政府信息公开工作年度报告) equals the year of the statistics
    period (统计期限自2023年1月1日…).

为什么 / Why
    Reports are often made from last year's file; a stale year in one place is the tell-tale.

失败示例 / Failing example
    Title 2023, 「本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止」.

来源 / Source
    CUSTOMARY; docs/report-format.md §8.5.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._common import finding

ID = "N-YEAR"
SEVERITY = "warning"
SUMMARY = "标题年度与统计期限一致 / title year and statistics period agree"


def check(report: Report) -> Iterator[Finding]:
    if report.title and report.period_year and report.year and report.period_year != report.year:
        yield finding(f"标题为{report.year}年度，统计期限却为{report.period_year}年",
            expected=report.year, actual=report.period_year,
        )
