"""The shared body of the three non-negativity rules."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..schema import all_keys
from ..templates import MONEY, SIGNED, t2_kind
from ._common import cell_name, finding, fmt

_TABLE_KEYS = {t: tuple(k for k in all_keys() if k.startswith(t + ".")) for t in ("t2", "t3", "t4")}


def nonneg(rule: str, report: Report, table: str) -> Iterator[Finding]:
    """Counts are integers ≥ 0; money ≥ 0 (decimals allowed); 2019 本年增/减 may be negative."""
    for key in _TABLE_KEYS[table]:
        v = report.values.get(key)
        if v is None or v.status != "ok":
            continue
        if isinstance(v.value, int) and v.value >= 0:
            continue
        kind = t2_kind(report.template or "2021", v.key) if table == "t2" else "count"
        problem = None
        if kind != MONEY and not float(v.value).is_integer():
            problem = "应为整数"
        elif v.value < 0 and kind != SIGNED:
            problem = "不应为负数"
        if problem:
            yield finding(rule, report, f"{cell_name(v)}：{problem}，实为 {fmt(v.value)}", [v], actual=v.value)
