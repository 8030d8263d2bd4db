"""Several reports in one file: where each begins.

A file may hold two reports one after the other (two pasted pages, a department's report
and its predecessor's, a download with an appendix). Each is checked on its own: ignoring the
second would let it pass unread. A new report begins where, after a statutory table, a title
line (`…2023年…政府信息公开工作年度报告`) or the heading 一、总体情况 comes before a table
opens again. A table that opens again with neither in between is the same table twice in one
report (tables.duplicated, rule S-TABLE), not a second report.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..model import Cell, Document, Location, Row
from ..normalize import label
from ..prose import heading_number
from .regions import _is_t2_anchor, _is_t3_anchor, _is_t4_anchor
from .rows import MAX_LABEL

# A title line: short, naming a year and ending with the report's name.
_TITLE = re.compile(r"^.{0,40}?(?:19|20)\d{2}年度?.{0,40}?政府信息公开(?:工作)?(?:年度)?报告$")


@lru_cache(maxsize=16384)
def _signal(norm: str) -> tuple[bool, str | None]:
    """What a cell says about report boundaries: whether it could open a report (a title or
    section 一), and which table it opens, if any. Cached: cells repeat across a batch."""
    if not norm or len(norm) > MAX_LABEL or norm.replace(".", "").isdigit():  # a number opens nothing
        return False, None
    opens = bool(_TITLE.match(norm)) or ((h := heading_number(norm)) is not None and h[0] == 1)
    table = "t2" if _is_t2_anchor(norm) else "t3" if _is_t3_anchor(norm) else "t4" if _is_t4_anchor(norm) else None
    return opens, table


def report_starts(rows: list[Row]) -> list[int]:
    """The first row of each report in the file (always 0 first): a title or section 一
    after the tables, followed by a table the report already has."""
    starts = [0]
    seen: set[str] = set()  # tables opened since the last start
    candidate: int | None = None  # a title or section 一 after them
    for i, row in enumerate(rows):
        for c in row.cells:
            opens, table = _signal(label(c.text))
            if opens and seen and candidate is None:
                candidate = i
            if table is None:
                continue
            if candidate is not None and table in seen:
                starts.append(candidate)
                seen = set()
            candidate = None
            seen.add(table)
    return starts


def _key(loc: Location) -> tuple:
    return (loc.page, loc.line, loc.table, loc.row)


def split_reports(doc: Document) -> list[Document]:
    """One Document per report in the file; the second and later are named `path#2`, …"""
    starts = report_starts(doc.rows)
    if len(starts) == 1:
        return [doc]
    # Each prose line belongs to the report of the row it was read with: the same cell (HTML,
    # Word), else the same place (text, PDF lines).
    row_of: dict[tuple, int] = {}
    same: dict[int, int] = {}
    for i, row in enumerate(doc.rows):
        for c in row.cells:
            row_of.setdefault(_key(c.loc), i)
            same[id(c)] = i
    prose_starts: list[int] = []
    last = 0
    at: list[int] = []
    for cell in doc.prose:
        last = same.get(id(cell), row_of.get(_key(cell.loc), last))
        at.append(last)
    for s in starts:
        prose_starts.append(next((j for j, r in enumerate(at) if r >= s), len(at)))
    bounds = list(zip(starts, starts[1:] + [len(doc.rows)], strict=True))
    prose_bounds = list(zip(prose_starts, prose_starts[1:] + [len(doc.prose)], strict=True))
    out = []
    for n, ((a, b), (pa, pb)) in enumerate(zip(bounds, prose_bounds, strict=True), 1):
        prose: list[Cell] = doc.prose[pa:pb]
        out.append(replace(doc, path=doc.path if n == 1 else f"{doc.path}#{n}", rows=doc.rows[a:b], prose=prose))
    return out
