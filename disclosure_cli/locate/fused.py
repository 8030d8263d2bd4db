"""Fused cells: a table whose cell boundaries were lost in copying, so that a row's label and
its digits run together (`一、本年新收政府信息公开申请数量15130000154`). The digits cannot be
split into values (`151` `3` or `15` `13`?): such a table is reported, with the text that
shows it, and its values are null; the rest of the report (title, sections, prose, the other
tables) is read as usual.
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Cell, Row
from ..normalize import label
from ..templates import T2_ANCHORS, T3_ANCHORS, T4_HEADER_WORDS, TEMPLATES, all_t3_rows

# Digits glued to the label before them: no cell boundary between.
_GLUED_END = re.compile(r"[^\d\s]\d[\d.,]*$")
# Digits right after a table phrase (and perhaps a header word: `尚未审结总计1001…`), not a
# count in a sentence (`行政复议2件`).
_AFTER = r"\D{0,4}?(\d+)(?![\d件个条项次起宗例人名家%％万元年月日])"
FUSED_DIGITS = 5  # digits glued to one phrase that make a row's worth
FUSED_RUNS = 2  # or phrases each glued to digits


@cache
def _phrases() -> dict[str, tuple[str, ...]]:
    """Per table, the phrases that show its text: anchors, row labels, header words."""
    t2 = {label(r.label) for t in TEMPLATES.values() for b in t.t2 for r in b.rows}
    t3 = {p for r in all_t3_rows() for p in r.match}
    return {
        "t2": tuple(sorted(t2 | set(T2_ANCHORS))),
        "t3": tuple(sorted(t3 | set(T3_ANCHORS))),
        "t4": tuple(sorted(label(w) for w in T4_HEADER_WORDS if len(label(w)) > 2)),  # not 总计 (table 3 has it)
    }


def glued_label(norm: str) -> bool:
    """A row label cell that ends with digits glued to it: the row's values, fused."""
    return bool(_GLUED_END.search(norm))


@cache
def _fused_pattern(table: str) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(re.escape(p) for p in _phrases()[table]) + ")" + _AFTER)


def fused_cell(rows: list[Row], table: str) -> Cell | None:
    """The first cell where the table's text runs straight into its digits: one phrase
    glued to a row's worth of digits, or several phrases each glued to some."""
    pattern = _fused_pattern(table)
    for row in rows:
        for c in row.cells:
            runs = pattern.findall(label(c.text))
            if len(runs) >= FUSED_RUNS or any(len(r) >= FUSED_DIGITS for r in runs):
                return c
    return None


def excerpt(cell: Cell, width: int = 30) -> str:
    text = " ".join(cell.text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
