"""Table regions: the row ranges of tables 2, 3 and 4, found by their anchor cells."""

from __future__ import annotations

from functools import lru_cache

from ..model import Row
from ..normalize import label
from ..prose import heading_number
from ..templates import T2_ANCHORS, T3_ANCHORS, T4_ANCHORS
from .rows import MAX_LABEL

T2_CAPTION_MAX = 30  # a 第二十条 caption cell is short; longer text only quotes the article
T4_ANCHOR_MAX = 16  # the 行政复议 header cell, not a sentence that mentions it

Region = tuple[int, int]  # [first row, end row)


def _is_t2_anchor(t: str) -> bool:
    return len(t) <= T2_CAPTION_MAX and any(a in t for a in T2_ANCHORS)


def _is_t3_anchor(t: str) -> bool:
    return any(a in t for a in T3_ANCHORS)


def _is_t4_anchor(t: str) -> bool:
    return t.startswith(T4_ANCHORS) and len(t) <= T4_ANCHOR_MAX


def _is_heading4(t: str) -> bool:
    return (h := heading_number(t)) is not None and h[0] == 4


def _is_after_t4(t: str) -> bool:
    """Section 五 or later: the end of table 4."""
    return (h := heading_number(t)) is not None and h[0] >= 5


def _first(rows: list[Row], start: int, test) -> int | None:
    for i in range(start, len(rows)):
        if any(test(label(c.text)) for c in rows[i].cells):
            return i
    return None


@lru_cache(maxsize=2048)  # the labels stay; numbers, each seen in a few reports, come and go
def _anchors(text: str) -> tuple[bool, bool, bool, int]:
    """What a cell's text can anchor: table 3, table 2, table 4, and its section heading
    number (0 if none). Cached: a batch repeats the same cells in every report."""
    t = label(text)
    if not t or len(t) > MAX_LABEL:
        return False, False, False, 0
    h = heading_number(t)
    return _is_t3_anchor(t), _is_t2_anchor(t), _is_t4_anchor(t), h[0] if h is not None else 0


def regions(rows: list[Row]) -> dict[str, Region | None]:
    """Row ranges of tables 2, 3 and 4, found by their anchor cells in one pass: table 3 by
    its header note or first row label, table 2 by a 第二十条 caption before it, table 4 by
    its 行政复议 header (or the section heading 四) after it, ending at section 五."""
    t2 = t3 = t4 = heading4 = end4 = None
    for i, row in enumerate(rows):
        for c in row.cells:
            is_t3, is_t2, is_t4, heading = _anchors(c.text)
            if t3 is None:
                if is_t3:
                    t3 = i
                elif t2 is None and is_t2:
                    t2 = i
                continue
            if t4 is None:
                if is_t4:
                    t4 = i
                elif heading4 is None and heading == 4:
                    heading4 = i
            elif end4 is None and i > t4 and heading >= 5:
                end4 = i
        if end4 is not None:
            break
    if t3 is None:  # no table 3: table 4 may still follow table 2
        t4 = _first(rows, t2 or 0, _is_t4_anchor)
        heading4 = _first(rows, t2 or 0, _is_heading4)
    if t4 is None and heading4 is not None:
        t4 = heading4
    if t4 is not None and end4 is None:
        end4 = _first(rows, t4 + 1, _is_after_t4)
    n = len(rows)
    return {
        "t2": (t2, t3 if t3 is not None else (t4 if t4 is not None else n)) if t2 is not None else None,
        "t3": (t3, t4 if t4 is not None else n) if t3 is not None else None,
        "t4": (t4, end4 if end4 is not None else n) if t4 is not None else None,
    }
