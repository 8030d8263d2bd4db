"""T3-NONNEG — 表三数值为非负整数 (table 3 values are non-negative integers).

检查 / What it checks
    every cell of table 3 is an integer ≥ 0.

为什么 / Why
    Cells count applications, documents, decisions or cases; a negative or fractional count is
    a typing or conversion error.

失败示例 / Failing example
    （一）予以公开 自然人 = 2.5.

来源 / Source
    STRUCTURAL, docs/report-format.md §7 and §8.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._nonneg import nonneg

ID = "T3-NONNEG"
SEVERITY = "error"
SUMMARY = "表三数值为非负整数 / table 3 values are non-negative integers"


def check(report: Report) -> Iterator[Finding]:
    yield from nonneg(report, "t3")
