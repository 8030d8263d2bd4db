"""T4-NONNEG — 表四数值为非负整数 (table 4 values are non-negative integers).

检查 / What it checks
    every cell of table 4 is an integer ≥ 0.

为什么 / Why
    Cells count applications, documents, decisions or cases; a negative or fractional count is
    a typing or conversion error.

失败示例 / Failing example
    行政复议 结果维持 = -1.

来源 / Source
    STRUCTURAL, docs/report-format.md §7 and §8.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._nonneg import nonneg

ID = "T4-NONNEG"
SEVERITY = "error"
SUMMARY = "表四数值为非负整数 / table 4 values are non-negative integers"


def check(report: Report) -> Iterator[Finding]:
    yield from nonneg(report, "t4")
