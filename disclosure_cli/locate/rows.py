"""The row reader: walks the rows of one table region, opens a slot at each row label
(templates.py) and fills it with the value cells that follow (values.py turns each slot
into Values).

A label's values are the value cells that follow it: in the same row, on the wrapped
continuation of a PDF label, or, when the text was pasted one cell per line, on the
following lines. Numbers that fall under no label are kept as strays, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Cell, Row
from ..normalize import label, value
from ..prose import heading_number
from ..templates import LABEL_VARIANTS, T2_ANCHORS, T3_GROUP_LABELS, RowSpec, frame_labels
from .fused import excerpt, glued_label

_GLUED_DIGITS = re.compile(r"(?<=[^\d\s])\d[\d.,]*$")
MAX_LABEL = 80  # longer normalised text is prose, never a label or an anchor
_LABEL_TAIL = 6  # characters a table-2 label may carry after its phrase (`规章（件）`)
MAX_VALUE_TEXT = 12  # longer text in a value's place is prose or a heading, not an odd value
MAX_NUMBER_TEXT = 40  # the same for text with digits (a malformed number can be long)
_SEEN_MAX = 4096  # distinct cell texts a matcher remembers (bounded: memory stays flat in a batch)


@dataclass
class Slot:
    """A matched row label and the value cells read after it, up to the next label or text
    (in row mode: to the end of the row)."""

    spec: RowSpec
    label: Cell
    needed: int
    row: int
    cells: list[Cell] = field(default_factory=list)
    fragments_only: bool = True  # rows since the label held only label fragments
    width: int = 0  # value cells as read, before padding was trimmed

    def trimmed(self) -> list[Cell] | None:
        """The value cells without padding: surplus blanks at the end, then (label-column
        placeholders) at the start. None when the surplus holds numbers: the row has more
        values than the template, so none can be placed with certainty."""
        cells = list(self.cells)
        while len(cells) > self.needed and not cells[-1].text:
            cells.pop()
        while len(cells) > self.needed and not cells[0].text:
            cells.pop(0)
        return cells if len(cells) <= self.needed else None


@dataclass
class Read:
    """What the row reader found in one region: filled slots, rows that cannot be placed
    (row key → why), and numbers under no label."""

    slots: dict[str, Slot] = field(default_factory=dict)
    conflicts: dict[str, str] = field(default_factory=dict)
    stray: list[Cell] = field(default_factory=list)
    repeated: list[Slot] = field(default_factory=list)  # rows read again after their first copy


@dataclass(frozen=True)
class Spec:
    """A row to look for: its RowSpec, how many values it has, how its label is matched."""

    row: RowSpec
    needed: int
    exact: bool


class _Matcher:
    """Finds the row a cell's label anchors. Table-2 labels are short and must equal the
    phrase (a few trailing characters allowed); table-3 phrases are searched inside the cell,
    preferring the one that comes last (an item label after its group label in a joined PDF
    line). One compiled alternation per table, built once."""

    def __init__(self, specs: tuple[Spec, ...]) -> None:
        self.specs = specs
        self.by_phrase = {p: s for s in specs for p in s.row.match}
        phrases = sorted(self.by_phrase, key=len, reverse=True)
        self.regex = re.compile("|".join(re.escape(p) for p in phrases))
        self.exact = all(s.exact for s in specs)
        self.seen: dict[str, Spec | None] = {}  # the same labels recur in every report

    def __call__(self, norm: str) -> Spec | None:
        found = self.seen.get(norm, self)
        if found is self:
            if len(self.seen) >= _SEEN_MAX:
                self.seen.clear()
            found = self.seen[norm] = self._match(norm)
        return found  # type: ignore[return-value]

    def _match(self, norm: str) -> Spec | None:
        if not norm or len(norm) > MAX_LABEL:
            return None
        if self.exact:
            if norm[-1].isdigit():
                norm = _GLUED_DIGITS.sub("", norm)  # a label its row's digits ran into (fused cells)
            spec = self.by_phrase.get(norm)
            if spec is None:
                for phrase, candidate in self.by_phrase.items():
                    if norm.startswith(phrase) and len(norm) - len(phrase) <= _LABEL_TAIL:
                        return candidate
            return spec
        last = None
        for m in self.regex.finditer(norm):
            last = m
        return self.by_phrase[last.group()] if last else None


# By the identity of the specs tuple (the locator's are cached, so each is built once): hashing
# a tuple of dataclasses on every region read cost more than the match itself. The tuple is
# kept with its matcher, so its id cannot be reused.
_MATCHERS: dict[int, tuple[tuple[Spec, ...], _Matcher]] = {}


def _matcher(specs: tuple[Spec, ...]) -> _Matcher:
    found = _MATCHERS.get(id(specs))
    if found is None or found[0] is not specs:
        found = _MATCHERS[id(specs)] = (specs, _Matcher(specs))
    return found[1]


class _RowReader:
    """The walk over one region's rows: `current` is the open slot, `close` settles it."""

    def __init__(self, specs: tuple[Spec, ...], cell_per_line: bool) -> None:
        self.match = _matcher(specs)
        self.cell_per_line = cell_per_line
        self.out = Read()
        self.current: Slot | None = None

    def close(self) -> None:
        """Settle the open slot: store its trimmed cells, or record why they cannot be placed."""
        slot, self.current = self.current, None
        if slot is not None and (problem := self._settle(slot)):
            self.out.conflicts[slot.spec.key] = problem

    def _settle(self, slot: Slot) -> str | None:
        if glued_label(label(slot.label.text)):
            return (
                f"行标签与数字连在一起（「{excerpt(slot.label)}」），单元格边界丢失，数字无法分到各列 "
                "/ cell boundaries lost: the row's digits run together"
            )
        if not slot.cells and slot.spec.may_be_group:
            return None  # a group heading in this layout, not a row
        cells = slot.trimmed()
        if cells is None:
            return f"该行有{len(slot.cells)}个数值单元格，多于格式的{slot.needed}个 / too many value cells"
        if self.cell_per_line and len(cells) == slot.needed and not cells[-1].text and any(c.text for c in cells):
            # One cell per line loses row boundaries: a blank last cell cannot be told from
            # padding after a row that lost a cell, so the row's alignment is uncertain.
            return "逐格粘贴时行末空白单元格无法与填充区分，各数值所属的列无法确定 / trailing blank is ambiguous"
        slot.width, slot.cells = len(slot.cells), cells
        previous = self.out.slots.get(slot.spec.key)
        if previous is None or not previous.cells:
            self.out.slots[slot.spec.key] = slot
            return None
        if slot.cells:
            self.out.repeated.append(slot)
        if slot.cells and [c.text for c in slot.cells] != [c.text for c in previous.cells]:
            return f"行标签出现两次（{previous.label.loc}、{slot.label.loc}），数值不一致 / row appears twice"
        return None

    def row(self, ri: int, row: Row) -> None:
        current = self.current
        if current is not None and not self.cell_per_line and current.row != ri:
            # A new row in row mode: a label may only continue onto a wrapped line that
            # begins with the rest of the label (PDF); anything else ends the slot.
            if current.cells or not (row.wrapped and current.fragments_only):
                self.close()
        for ci, cell in enumerate(row.cells):
            self.cell(ri, ci, row, cell)
        current = self.current
        if current is not None and current.row != ri and not current.cells:
            current.fragments_only = current.fragments_only and all(value(c.text).kind == "text" for c in row.cells)

    def cell(self, ri: int, ci: int, row: Row, cell: Cell) -> None:
        v = value(cell.text)
        spec = self.match(label(cell.text)) if v.kind == "text" else None
        if spec is not None:
            self.close()
            self.current = Slot(spec.row, cell, spec.needed, ri)
            return
        current = self.current
        if v.kind == "text":
            if current is None or not (self.cell_per_line or current.row == ri):
                return
            norm = label(cell.text)
            if not current.cells and _continues(current.spec, norm):
                return  # the rest of the label, in a cell of its own
            if len(current.cells) < current.needed and not is_structural(norm):
                current.cells.append(cell)  # text where a value belongs (`二十`, `（空）`): unreadable
            else:
                self.close()  # a caption, header or heading (or text after the values) ends the row
            return
        if current is None:
            if v.kind == "number":
                self.out.stray.append(cell)
            return
        if current.row != ri and not self.cell_per_line and (ci == 0 or value(row.cells[0].text).kind != "text"):
            self.close()  # values on a line of their own: not the wrapped rest of the label
            if v.kind == "number":
                self.out.stray.append(cell)
            return
        current.cells.append(cell)


def _continues(spec: RowSpec, norm: str) -> bool:
    """A cell that is part of the row's own label (or its group's), wrapped into a cell of its
    own, or a misprint of it: not a value."""
    if not norm:
        return True
    official = label(spec.label)
    for found, right in LABEL_VARIANTS.items():
        norm = norm.replace(found, right)
    return norm in official or any(norm in label(g) for g in T3_GROUP_LABELS.values())


@lru_cache(maxsize=4096)
def is_structural(norm: str) -> bool:
    """Text that belongs to the table's frame, not to a cell of values: a section heading, a
    caption, a header or a group label, or prose. Any other text stands where a value belongs."""
    long = len(norm) > MAX_VALUE_TEXT if not any(ch.isdigit() for ch in norm) else len(norm) > MAX_NUMBER_TEXT
    return long or norm in _frame() or heading_number(norm) is not None or any(a in norm for a in T2_ANCHORS)


@lru_cache(maxsize=1)
def _frame() -> frozenset[str]:
    return frozenset(label(w) for w in frame_labels())


def read_rows(rows: list[Row], specs: tuple[Spec, ...], cell_per_line: bool) -> Read:
    """Walk the rows of one table region, opening a slot at each label and filling it."""
    reader = _RowReader(specs, cell_per_line)
    for ri, row in enumerate(rows):
        reader.row(ri, row)
    reader.close()
    return reader.out
