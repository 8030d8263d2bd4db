"""What the cross-year rules share: comparing a cell with last year's."""

from __future__ import annotations

from ..model import READABLE, Finding, Report, Value
from ..templates import keys
from ._common import finding, fmt


def has_keys(report: Report, wanted: tuple[str, ...]) -> bool:
    """Whether the report's template has every key a rule reads (a rule on one template's
    rows applies to every template that has them)."""
    return report.template is not None and set(wanted) <= set(keys(report.template))


def readable(*values: Value | None) -> bool:
    return all(v is not None and v.status in READABLE for v in values) and not all(
        v.status == "blank" for v in values  # type: ignore[union-attr]
    )


def n(v: Value) -> int | float:
    return v.value or 0


def mismatch(previous: Report, message: str, expected, actual, values: list[Value]) -> Finding:
    """A cross-year finding on this year's cell (values[0]); last year's cells are named by key
    only, since their locations are in the other file."""
    return finding(
        f"{message}：按{previous.year}年度报告应为 {fmt(expected)}，实为 {fmt(actual)}（上年报告：{previous.path}）",
        [values[0]], keys=tuple(v.key for v in values), expected=expected, actual=actual,
    )
