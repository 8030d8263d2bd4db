"""What the prose rules share: the report's statements (read once) and table totals."""

from __future__ import annotations

from ..model import UNCHECKABLE, Cell, Finding, Report
from ..narrative import Sentence, Statement, sentences, statements
from ..prose import heading_number
from ..templates import T3_APPLICANT_COLUMNS, all_t3_rows
from ._common import finding, fmt

_GROUP_ROWS = {
    g: tuple(r.key for r in all_t3_rows() if r.key == g or r.key.startswith(g + "."))
    for g in {r.key.split(".")[0] for r in all_t3_rows()}
}


def report_sentences(report: Report) -> list[Sentence]:
    """The prose split into sentences, once per report for all prose rules."""
    if "sentences" not in report.derived:
        report.derived["sentences"] = sentences(report.prose, report.form)
    return report.derived["sentences"]


def section_sentences(report: Report, number: int) -> list[Sentence]:
    """The sentences of one section (一 … 六), headings excluded, once per report."""
    key = f"section_sentences.{number}"
    if key not in report.derived:
        cells: list[Cell] = []
        current = None
        for cell in report.prose:
            found = heading_number(cell.text)
            if found:
                current = found[0]
            elif current == number:
                cells.append(cell)
        report.derived[key] = sentences(cells, report.form)
    return report.derived[key]


def zero_case(stated: int | float, table: int | float) -> bool:
    """One side says none and the other some: N-ZERO's finding, not a count mismatch."""
    return stated != table and (stated == 0 or table == 0)


def report_statements(report: Report) -> list[Statement]:
    if "statements" not in report.derived:
        report.derived["statements"] = statements(report_sentences(report))
    return report.derived["statements"]


def row_total(report: Report, row: str) -> int | float | None:
    """A table-3 row's total; where the 总计 cell is blank, the sum of its applicant cells
    (Shanghai 2019 leaves 总计 blank). None when a cell cannot be read."""
    total = report.values.get(f"t3.{row}.total")
    if total is None or total.status in UNCHECKABLE:
        return None
    if total.status == "ok":
        return total.value
    cells = [report.values.get(f"t3.{row}.{c}") for c in T3_APPLICANT_COLUMNS]
    if any(c is None or c.status in UNCHECKABLE for c in cells):
        return None
    return sum(c.value or 0 for c in cells)


def group_total(report: Report, group: str) -> int | float | None:
    """Sum of a table-3 group's rows (（三）不予公开 = 1–8 …), or a single row's total."""
    rows = [r for r in _GROUP_ROWS.get(group, ()) if f"t3.{r}.total" in report.values]
    rows = [r for r in rows if report.values[f"t3.{r}.total"].status != "absent"]
    if not rows:
        return None
    totals = [row_total(report, r) for r in rows]
    return None if any(t is None for t in totals) else sum(totals)


def quote(st: Statement, width: int = 40) -> str:
    text = st.sentence.text
    start = max(0, st.span[0] - width // 2)
    piece = text[start : start + width + (st.span[1] - st.span[0])]
    return ("…" if start else "") + piece + ("…" if start + len(piece) < len(text) else "")


def contradiction(st: Statement, what: str, table_value, keys: tuple[str, ...]) -> Finding:
    return finding(
        f"正文「{quote(st)}」称{what}{st.value}件，与表格（{fmt(table_value)}）不一致",
        keys=keys,
        locations=(st.sentence.loc,),
        table=keys[0].split(".", 1)[0] if keys else None,
        expected=table_value,
        actual=st.value,
    )
