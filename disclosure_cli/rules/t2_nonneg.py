"""T2-NONNEG — 表二数值为非负整数 (table 2 values are non-negative integers).

检查 / What it checks
    表二 counts are integers ≥ 0; amounts (收费金额, 采购总金额) ≥ 0; the 2019 本年增/减 may be negative.

为什么 / Why
    Cells count applications, documents, decisions or cases; a negative or fractional count is
    a typing or conversion error.

失败示例 / Failing example
    行政许可 本年处理决定数量 = -3.

来源 / Source
    STRUCTURAL, docs/report-format.md §7 and §8.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._nonneg import nonneg

ID = "T2-NONNEG"
SEVERITY = "error"
SUMMARY = "表二数值为非负整数 / table 2 values are non-negative integers"


def check(report: Report) -> Iterator[Finding]:
    yield from nonneg(report, "t2")
