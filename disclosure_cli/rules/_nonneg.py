"""The shared body of the three non-negativity rules."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import COUNT, MONEY, SIGNED, all_keys, value_kind
from ._common import cell_name, finding, fmt


def nonneg(report: Report, table: str) -> Iterator[Finding]:
    """Counts are integers ≥ 0; money ≥ 0 (decimals allowed); 2019 本年增/减 may be negative."""
    for key in (k for k in all_keys() if k.startswith(table + ".")):
        v = report.values.get(key)
        if v is None or v.status != "ok":
            continue
        if isinstance(v.value, int) and v.value >= 0:
            continue
        kind = value_kind(v.key) if table == "t2" else COUNT
        problem = None
        if kind != MONEY and not float(v.value).is_integer():
            problem = "应为整数"
        elif v.value < 0 and kind != SIGNED:
            problem = "不应为负数"
        if problem:
            yield finding(f"{cell_name(v)}：{problem}，实为 {fmt(v.value)}", [v], actual=v.value)
