"""What `--show-source` shows under a finding, like ruff's and rustc's snippets: the table row
as read (its label, then each cell's text as printed) with the failing cell marked, or the
sentence of the prose with the stated number marked.

Built from the report itself (values keep their raw text and place, prose keeps its lines), so
no copy of the source is kept for it. Plain data: the text formatter styles it, and any other
view of findings can use it.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Finding, Location, Report, Value
from ..rules._common import fmt, short

ROWS_SHOWN = 3  # rows of a finding on a whole column; the rest are counted
_SEP = " │ "
_WINDOW = 24  # characters of prose kept on each side of the marked number


class Mark(NamedTuple):
    start: int  # character offsets in the snippet's text
    end: int
    note: str


class Snippet(NamedTuple):
    gutter: str  # the source line number, where lines mean something; else ""
    text: str
    marks: tuple[Mark, ...]


def line_of(loc: Location | None, lines: bool) -> str:
    """The line number worth printing: a text position (not a PDF page's, not a one-line page's)."""
    return str(loc.line) if loc is not None and loc.line is not None and loc.page is None and lines else ""


def _cell_text(v: Value) -> str:
    if v.raw:
        return " ".join(v.raw.split())
    return "空" if v.status == "blank" else "？"


def _row(report: Report, key: str, note: str, lines: bool, marked: frozenset[str] = frozenset()) -> Snippet | None:
    """The template row holding `key` (a table-4 group), its cell `key` (and `marked`) marked;
    `note` goes after the mark of `key`."""
    prefix = key.rsplit(".", 1)[0]
    cells = [v for k, v in report.values.items() if k.rsplit(".", 1)[0] == prefix]
    if not any(v.raw for v in cells):
        return None
    text = short(cells[0].row_label, 16)
    marks = []
    for v in cells:
        text += _SEP
        if v.key == key or v.key in marked:
            marks.append(Mark(len(text), len(text) + len(_cell_text(v)), note if v.key == key else ""))
        text += _cell_text(v)
    return Snippet(line_of(report.values[key].loc, lines), text, tuple(marks))


def _prose(report: Report, f: Finding, lines: bool) -> Snippet | None:
    """The sentence a prose finding quotes (「…」 in its message), the stated number marked."""
    loc = f.locations[0]
    quoted = f.message.split("「", 1)[-1].split("」", 1)[0].strip("…") if "「" in f.message else ""
    candidates = [c.text for c in report.prose if c.loc == loc]
    line = next((t for t in candidates if quoted and quoted in t), candidates[0] if candidates else None)
    if line is None:
        return None
    start = max(line.find(quoted), 0) if quoted else 0
    end = start + len(quoted) if quoted and quoted in line else len(line)
    number = fmt(f.actual) if f.actual is not None else None
    at = _find_number(line, number, start, end) if number else -1
    if at >= 0 and number:
        lo, hi = max(start, at - _WINDOW), min(end, at + len(number) + _WINDOW)
    else:
        lo, hi = start, min(end, start + 2 * _WINDOW)
    text = ("…" if lo > 0 else "") + line[lo:hi] + ("…" if hi < len(line) else "")
    marks: tuple[Mark, ...] = ()
    if at >= 0 and number:
        offset = at - lo + (1 if lo > 0 else 0)
        note = f"≠ {fmt(f.expected)}" if f.expected is not None else ""
        marks = (Mark(offset, offset + len(number), note),)
    return Snippet(line_of(loc, lines), text, marks)


def _find_number(text: str, number: str, start: int, end: int) -> int:
    """Where `number` stands alone (not inside a longer number) in text[start:end], or -1."""
    i = text.find(number, start, end)
    while i >= 0:
        before = text[i - 1] if i else ""
        after = text[i + len(number)] if i + len(number) < len(text) else ""
        if not (before.isdigit() or before == "." or after.isdigit() or after == "."):
            return i
        i = text.find(number, i + 1, end)
    return -1


def snippets(report: Report, f: Finding, lines: bool = True) -> tuple[list[Snippet], int]:
    """The snippets for one finding, and how many more rows it concerns than are shown."""
    if not f.locations:
        return [], 0
    if f.cells:
        shown = [
            s for c in f.cells[:ROWS_SHOWN]
            if (s := _row(report, c.key, f"应为 {fmt(c.expected)}" if c.expected is not None else "", lines))
        ]
        return shown, max(0, len(f.cells) - ROWS_SHOWN)
    first = f.keys[0] if f.keys else None
    value = report.values.get(first) if first else None
    if value is not None and value.loc == f.locations[0]:
        if f.sum is not None:  # a sum: its total is the failing cell
            note = f"应为 {fmt(f.expected)}" if len(f.sum.totals) == 1 and f.expected is not None else ""
            row = _row(report, value.key, note, lines)
        else:  # cells of one kind (blank, negative …): those in this row
            row = _row(report, value.key, "", lines, frozenset(f.keys))
        return ([row] if row else []), 0
    prose = _prose(report, f, lines)
    return ([prose] if prose and prose.marks else []), 0  # without a number, the message quotes it all
