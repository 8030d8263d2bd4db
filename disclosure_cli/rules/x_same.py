"""X-SAME — 表格数据不与上年完全相同 (the tables are not last year's numbers).

检查 / What it checks
    Needs last year's report of the same body on the same template. Every table value that
    can be read (tables 2, 3 and 4) equals last year's, and not all of them are 0. At least
    50 readable values are needed on both sides.

为什么 / Why
    A year with exactly the same counts in every cell does not happen; the tables were
    carried over from last year's file (30号: 内容雷同). All-zero tables repeat legitimately.

失败示例 / Failing example
    2024 tables identical to 2023's, with 一、本年新收 26 both years.

来源 / Source
    国办公开办函〔2021〕30号; docs/report-format.md §10 (copy-paste reports).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._common import finding
from ._pair import value_digest

ID = "X-SAME"
SEVERITY = "warning"
SUMMARY = "表格数据不与上年完全相同 / table values not all equal to last year's"
PAIR = True
READS: tuple[str, ...] = ()  # no cell, but
KEEPS = (value_digest,)  # what the pairing keeps of each report for it

_MIN_VALUES = 50


def check(report: Report, previous: Report) -> Iterator[Finding]:
    if report.template is None or report.template != previous.template:
        return
    digest, count, zero = value_digest(report)
    before, before_count, _ = value_digest(previous)
    if digest == before and count >= _MIN_VALUES and before_count >= _MIN_VALUES and not zero:
        yield finding(
            f"表格中可读取的{count}个数值与{previous.year}年度报告完全相同（上年报告：{previous.path}）"
            " / every table value equals last year's",
        )
