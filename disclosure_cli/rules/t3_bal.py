"""T3-BAL — 表三每一列：一 + 二 = （七）总计 + 四 (table 3 balance, per column).

检查 / What it checks
    For each of the 7 columns of table 3 (自然人 … 总计): new applications (一、本年新收) plus
    those carried over from last year (二、上年结转) equal the applications handled
    (（七）总计) plus those carried forward (四、结转下年度继续办理).

为什么 / Why
    It is the only formula printed in the template itself: the header note reads
    “本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”. 本列 means every value column.

失败示例 / Failing example
    自然人: 一 = 10, 二 = 2, （七） = 9, 四 = 2 → 12 ≠ 11.

来源 / Source
    Template text, 国办公开办函〔2019〕60号 and 〔2021〕30号 (OFFICIAL-PRINTED); docs/report-format.md §8.1.
    Blank cells count as 0 and the finding says so; a column whose four cells are all blank is
    not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import T3_COLUMNS
from ._common import Sum, sum_check

ID = "T3-BAL"
SEVERITY = "error"
SUMMARY = "表三每列：一 + 二 = （七）总计 + 四 / table 3 balance per column"


def equations(report: Report) -> Iterator[Sum]:
    for c in T3_COLUMNS:
        yield Sum(
            [f"t3.handled_total.{c.key}", f"t3.carried_forward.{c.key}"],
            [f"t3.new_received.{c.key}", f"t3.carried_over.{c.key}"],
            f"表三「{c.label}」列",
            "（七）总计+四",
            "一+二",
        )


def check(report: Report) -> Iterator[Finding]:
    for e in equations(report):
        yield from sum_check(report, *e)
