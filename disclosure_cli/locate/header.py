"""Column headers: which column is which, read from the header's own labels.

A table's header is a tree (templates.Header): 自然人 | 法人或其他组织 (five kinds) | 总计 for
table 3; 行政复议 and 行政诉讼 (two groups) over five results each for table 4. Pasted text
loses the spans, so the header arrives as a sequence of labels in reading order, row after
row: each header cell with children is followed, one level down, by its children in the
order the report draws them. Read level by level, the sequence gives the columns' order
whatever the layout (grid, row per line, one cell per line). A header that does not spell
out every column exactly once cannot be read: the template's order is used, and said, as
long as the labels it does hold come in the template's order.

Never a guess: a header whose labels contradict the template's order and cannot be read
whole, or that is read only by letting a group wait for a later row (`行政诉讼 | 行政复议`
over 行政复议's results: a group whose children come after the next group's), is ambiguous,
since the flattened labels fit two drawings with different column orders; its table's
values are null, with the reason (`doubt`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..model import Cell
from ..normalize import label
from ..templates import TABLE_NAMES, Header

Path = tuple[str, ...]  # the key parts from the root to a column: ("commercial",), ("review", "upheld")


@dataclass(frozen=True)
class Order:
    """A header read: the columns in the order the report draws them (None when the header
    cannot be read), and whether that differs from the template's."""

    columns: tuple[Path, ...] | None
    present: bool  # any header label was found
    doubt: str | None = None  # why neither the header nor the template can place the columns

    def differs(self, template: tuple[Path, ...]) -> bool:
        return self.columns is not None and self.columns != template


@cache
def _labels(tree: Header) -> frozenset[str]:
    """Every label under the root (the root's own label is a caption, not a column)."""
    out: set[str] = set()
    stack = list(tree.children)
    while stack:
        node = stack.pop()
        out.add(label(node.label))
        stack.extend(node.children)
    return frozenset(out)


@cache
def _flat(tree: Header) -> Header | None:
    """The tree with its groups left out, for a one-row header that names only the columns;
    possible where the groups stand for no key part and the column labels are unique."""
    leaves: list[Header] = []
    stack = list(tree.children)
    while stack:
        node = stack.pop(0)
        if node.children:
            if node.key:
                return None
            stack[:0] = list(node.children)
        else:
            leaves.append(node)
    if len({label(n.label) for n in leaves}) != len(leaves):
        return None
    return Header(tree.label, tree.key, tuple(leaves))


def _levels(tree: Header, labels: list[str]) -> tuple[tuple[Path, ...] | None, bool]:
    """Consume the labels level by level: each header cell with children takes, from where
    the sequence stands, its children in the order they come. None unless every column is
    named exactly once and no label is left over; and whether a group had to wait (its
    children not where its level's labels stand: a rowspan, or a header that contradicts
    itself)."""
    frontier: list[tuple[Header, Path]] = [(tree, (tree.key,) if tree.key else ())]
    pos = 0
    waited = False
    while pos < len(labels):
        nxt: list[tuple[Header, Path]] = []
        progressed = False
        for node, path in frontier:
            if not node.children:
                nxt.append((node, path))
                continue
            by_label = {label(c.label): c for c in node.children}
            taken: list[Header] = []
            while pos < len(labels) and (child := by_label.get(labels[pos])) is not None and child not in taken:
                taken.append(child)
                pos += 1
            if not taken:
                nxt.append((node, path))
                waited = True
            elif len(taken) != len(node.children):
                return None, waited
            else:
                progressed = True
                nxt.extend((c, path + ((c.key,) if c.key else ())) for c in taken)
        frontier = nxt
        if not progressed:
            return None, waited
    if any(node.children for node, _ in frontier):
        return None, waited
    return tuple(path for _, path in frontier), waited


@cache
def _template_sequence(tree: Header) -> tuple[str, ...]:
    """The labels the template's own header gives, read level by level (its drawing order)."""
    out: list[str] = []
    level = list(tree.children)
    while level:
        out += [label(n.label) for n in level]
        level = [c for n in level for c in n.children]
    return tuple(out)


def _subsequence(labels: list[str], of: tuple[str, ...]) -> bool:
    it = iter(of)
    return all(n in it for n in labels)


def _contradicts(tree: Header, labels: list[str]) -> bool:
    """Whether the labels found cannot be the template's header (drawn with its groups, or
    its columns alone) with some labels lost, an OCR loss: then the template's order would
    be a guess against what the header says."""
    if _subsequence(labels, _template_sequence(tree)):
        return False
    flat = _flat(tree)
    return flat is None or not _subsequence(labels, _template_sequence(flat))


def read_order(rows: list[list[Cell]], tree: Header) -> Order:
    """The column order the header rows (cells in reading order) draw; cells that are no
    label of the tree (notes, blanks, `申请人情况`) are passed over. A header that names the
    columns without their groups is read only when it is one row: a group label lost from a
    header of several rows leaves its columns' place unknown."""
    known = _labels(tree)
    found = [[n for c in row if (n := label(c.text)) in known] for row in rows]
    found = [row for row in found if row]
    labels = [n for row in found for n in row]
    if not labels:
        return Order(None, False)
    columns, waited = _levels(tree, labels)
    if columns is None and len(found) == 1 and (flat := _flat(tree)) is not None:
        columns, waited = _levels(flat, labels)
    if columns is not None and waited:
        return Order(None, True, "表头各组与其下级标签的先后不一致（某组的下级标签不紧随上一行），"
                     "无法确定各列 / the header's groups and their columns disagree: columns cannot be placed")
    if columns is None and _contradicts(tree, labels):
        return Order(None, True, "表头不完整且标签顺序与格式不同，无法确定各列 "
                     "/ header incomplete and out of template order: columns cannot be placed")
    return Order(columns, True)


def template_order(tree: Header) -> tuple[Path, ...]:
    return tuple(tree.leaves())


def columns_note(table: str, order: Order, tree: Header, names: dict[Path, str], part: str = "") -> str | None:
    """What a table's header means for its values, for rule S-TEMPLATE: read in another order
    than the template's (named), or not readable (the template's order is used)."""
    if order.doubt:
        return None
    if order.columns is None:
        why = "表头缺少或多出列标签" if order.present else "未找到表头"
        return f"{TABLE_NAMES[table]}{part}{why}，无法据表头确定各列，按格式的列顺序读取数值 / header unreadable: template column order assumed"
    if order.differs(template_order(tree)):
        shown = "、".join(names[p] for p in order.columns)
        return f"{TABLE_NAMES[table]}{part}的列顺序与格式不同，已按表头读取：{shown} / columns in another order than the template, read by the header"
    return None
