"""Helpers the table rules share: naming a cell the way the report labels it, and checking a
sum under the catalogue's blank-cell convention."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ..model import UNCHECKABLE, Finding, Location, Report, SumCheck, Value


def short(text: str | None, width: int = 24) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def cell_name(v: Value) -> str:
    """「（七）总计」行「自然人」列 — with the labels as the report prints them."""
    return f"「{short(v.row_label)}」行「{short(v.col_label)}」列"


def fmt(n: int | float | None) -> str:
    if n is None:
        return "空"
    if isinstance(n, float):
        return f"{n:.4f}".rstrip("0").rstrip(".")
    return str(n)


def finding(
    message: str,
    values: Iterable[Value] = (),
    *,
    severity: str = "",
    table: str | None = None,
    keys: tuple[str, ...] | None = None,
    locations: tuple[Location, ...] | None = None,
    expected: float | None = None,
    actual: float | None = None,
) -> Finding:
    """A finding on some cells. The engine (rules.run) stamps the rule, the file and, where
    the rule leaves severity "", the configured severity."""
    values = list(values)
    return Finding(
        rule="",
        severity=severity,  # type: ignore[arg-type]
        message=message,
        keys=keys if keys is not None else tuple(v.key for v in values),
        expected=expected,
        actual=actual,
        # each place once: the cells of a row that cannot be placed all point at the row
        locations=locations if locations is not None else tuple(dict.fromkeys(v.loc for v in values if v.loc is not None)),
        table=table or (values[0].key.split(".", 1)[0] if values else None),
    )


class Sum(NamedTuple):
    """One sum of a table rule: Σ parts = Σ totals, with the words its findings use. The sum
    rules declare theirs (`equations`), so S-OCR rechecks exactly the same sums."""

    totals: list[str]
    parts: list[str]
    subject: str
    total_name: str
    parts_name: str


def sum_check(
    report: Report,
    total_keys: list[str],
    part_keys: list[str],
    subject: str,
    total_name: str,
    parts_name: str,
) -> Iterator[Finding]:
    """Σ parts = Σ totals, blanks read as 0. Skipped when a cell cannot be read (S-CELL says
    so) or when every cell is blank; a finding says when blanks were involved, and when one
    side is blank it says so instead of calling it 0 (rules/_group.py then groups blank totals
    of one column or row into one finding)."""
    get = report.values.get
    values = [get(k) for k in total_keys + part_keys]
    n = len(total_keys)
    total = part_sum = 0
    readable = False  # a cell that is not blank
    for i, v in enumerate(values):  # one pass: the common case is a sum that holds
        if v is None or v.status in UNCHECKABLE:
            return
        if v.status != "blank":
            readable = True
            if i < n:
                total += v.value or 0
            else:
                part_sum += v.value or 0
    if not readable or abs(total - part_sum) < 1e-9:
        return
    totals, parts = values[:n], values[n:]
    expected: float | None = part_sum
    actual: float | None = total
    if all(v.status == "blank" for v in totals):
        blanks = sum(v.status == "blank" for v in parts)
        note = f"（{parts_name}中{blanks}个空白单元格按0计算）" if blanks else ""
        message = f"{subject}：{total_name}为空，应为{parts_name} {fmt(part_sum)}{note}"
        actual = None
    elif all(v.status == "blank" for v in parts):
        message = f"{subject}：{total_name}为 {fmt(total)}，而{parts_name}的各单元格均为空"
        expected = None
    else:
        blanks = sum(v.status == "blank" for v in values)
        note = f"（其中{blanks}个空白单元格按0计算）" if blanks else ""
        message = f"{subject}：{total_name} 应等于 {parts_name}：应为 {fmt(part_sum)}，实为 {fmt(total)}{note}"
    f = finding(message, values, expected=expected, actual=actual)
    f.sum = SumCheck(tuple(total_keys), tuple(part_keys), subject, total_name, parts_name)
    yield f
