"""What the cross-year rules share: comparing a cell with last year's."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report, Value
from ._common import fmt


def readable(*values: Value | None) -> bool:
    return all(v is not None and v.status in ("ok", "blank") for v in values) and not all(
        v.status == "blank" for v in values  # type: ignore[union-attr]
    )


def n(v: Value) -> int | float:
    return v.value or 0


def mismatch(rule: str, report: Report, previous: Report, message: str, expected, actual, values) -> Iterator[Finding]:
    yield Finding(
        rule=rule,
        severity="",  # type: ignore[arg-type]
        message=f"{message}：按{previous.year}年度报告应为 {fmt(expected)}，实为 {fmt(actual)}（上年报告：{previous.path}）",
        keys=tuple(v.key for v in values),
        expected=expected,
        actual=actual,
        locations=tuple(v.loc for v in values if v.loc is not None and v.key.startswith("t")) [:1],
        table=values[0].key.split(".", 1)[0],
        path=report.path,
    )
