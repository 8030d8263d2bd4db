"""The shared body of the three non-negativity rules."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from ..model import Finding, Report
from ..templates import COUNT, MONEY, SIGNED, TEMPLATES, all_keys, value_kind
from ._common import cell_name, finding, fmt


@cache
def _keys(table: str, templates: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(k for k in all_keys() if k.startswith(table + "."))


def nonneg(report: Report, table: str) -> Iterator[Finding]:
    """Counts are integers ≥ 0; money ≥ 0 (decimals allowed); 2019 本年增/减 may be negative."""
    values = report.values
    for key in _keys(table, tuple(TEMPLATES)):
        v = values.get(key)
        if v is None or v.status != "ok" or (v.value.__class__ is int and v.value >= 0):
            continue
        kind = value_kind(v.key) if table == "t2" else COUNT
        problem = None
        if kind != MONEY and not float(v.value).is_integer():
            problem = "应为整数"
        elif v.value < 0 and kind != SIGNED:
            problem = "不应为负数"
        if problem:
            yield finding(f"{cell_name(v)}：{problem}，实为 {fmt(v.value)}", [v], actual=v.value)
