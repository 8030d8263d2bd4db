"""X-JUMP — 主要总数与上年相比无异常跳变 (key totals do not jump from last year's).

检查 / What it checks
    Needs last year's report of the same body. 一、本年新收申请, （七）总计, the totals of
    table 4 (行政复议; 行政诉讼 = 直接起诉 + 复议后起诉), 行政许可 and 行政处罚: a total more
    than 5 times last year's, or below a fifth of it, is noted with both values. Totals where
    either year is 0, or both are below 10, are not judged (small counts vary freely).

为什么 / Why
    A jump of that size is usually a unit, a column or a whole table taken from somewhere
    else (another body, a cumulative figure); when it is real, the report should explain it.

失败示例 / Failing example
    行政处罚 86 in 2023, 1520 in 2024.

来源 / Source
    CUSTOMARY (data quality), docs/report-format.md §8.4 (jumps; KIROGOVCOMPARE QR-007 calls it X-DELTA).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report, Value
from ._common import finding, fmt
from ._pair import readable

ID = "X-JUMP"
SEVERITY = "info"
SUMMARY = "主要总数与上年相比无5倍以上跳变 / key totals within 5× of last year's"
PAIR = True

_TOTALS = (
    ("表三「一、本年新收政府信息公开申请数量」总计", ("t3.new_received.total",)),
    ("表三「（七）总计」总计", ("t3.handled_total.total",)),
    ("表四「行政复议」总计", ("t4.review.total",)),
    ("表四「行政诉讼」总计", ("t4.suit_direct.total", "t4.suit_after_review.total")),
    ("表二「行政许可」处理决定数量", ("t2.licensing.decisions",)),
    ("表二「行政处罚」处理决定数量", ("t2.penalty.decisions",)),
)
READS = tuple(k for _, keys in _TOTALS for k in keys)  # the cells it compares
FACTOR = 5
_FLOOR = 10


def _total(report: Report, keys: tuple[str, ...]) -> tuple[float | None, list[Value]]:
    values = [report.values.get(k) for k in keys]
    if not readable(*values):
        return None, []
    return sum(v.value or 0 for v in values), values  # type: ignore[union-attr]


def check(report: Report, previous: Report) -> Iterator[Finding]:
    for label, keys in _TOTALS:
        now, cells = _total(report, keys)
        before, _ = _total(previous, keys)
        if not now or not before or max(now, before) < _FLOOR:
            continue
        if now > FACTOR * before or now * FACTOR < before:
            ratio = now / before
            yield finding(
                f"{label}为{fmt(now)}，{previous.year}年度为{fmt(before)}（{fmt(round(ratio, 2))}倍）"
                f"，变化超过{FACTOR}倍 / total jumped from last year's", cells, expected=before, actual=now,
            )
