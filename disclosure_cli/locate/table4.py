"""The table-4 reader. Table 4 (行政复议、行政诉讼) has no row labels: its 15 values follow
the header, drawn as one data row (grid or row per line), as three 1×5 sub-tables under
their group headings (docs/report-format.md §9.3), or pasted one cell per line. Numbers found
among the header cells mean the paste is damaged, and then no value can be placed."""

from __future__ import annotations

from functools import lru_cache

from ..model import Cell, Report, Row, Value
from ..normalize import label, value
from ..templates import T4_COLUMNS, T4_GROUPS, T4_HEADER, T4_HEADER_WORDS, Col
from .header import columns_note, read_order, template_order
from .rows import is_structural
from .values import ocr_doubt, unreadable_note

GROUP_WIDTH = len(T4_COLUMNS)  # values in one group (结果维持 … 总计)
TABLE_WIDTH = len(T4_GROUPS) * GROUP_WIDTH  # values in the whole table
_MIN_SUBTABLES = 2  # sub-tables found before the split layout is believed

_HEADER_WORDS = tuple(sorted(T4_HEADER_WORDS, key=len, reverse=True))
# Each group's own header (a sub-table's five results), from the template's header tree.
_GROUP_HEADERS = tuple(h for top in T4_HEADER.children for h in ([top] if top.key else top.children))


@lru_cache(maxsize=4096)
def _is_header_word(norm: str) -> bool:
    """True for a table-4 header cell, including joined ones (`行政复议行政诉讼`)."""
    if not norm:
        return False
    rest = norm
    while rest:
        for w in _HEADER_WORDS:
            if rest.startswith(w):
                rest = rest[len(w) :]
                break
        else:
            return False
    return True


def _group(norm: str) -> str | None:
    """The group a sub-table heading names."""
    if "复议后起诉" in norm:
        return "suit_after_review"
    if "直接起诉" in norm:
        return "suit_direct"
    if "行政复议" in norm and "诉讼" not in norm:
        return "review"
    return None


def _is_value(cell: Cell) -> bool:
    """A number, a blank, or text where a value belongs (`二十`: unreadable, but a cell of the
    row); not a header word, a heading or prose."""
    return value(cell.text).kind != "text" or not is_structural(label(cell.text))


def _value_row(row: Row, width: int) -> list[Cell] | None:
    """The row's value cells when it is a row of exactly `width` values (trailing padding
    dropped) with at least one number and nothing but values."""
    vals = [c for c in row.cells if _is_value(c)]
    if len(vals) < len(row.cells):
        return None
    while len(vals) > width and not vals[-1].text:
        vals.pop()
    if len(vals) == width and any(value(c.text).kind == "number" for c in vals):
        return vals
    return None


def _split_groups(rows: list[Row]) -> tuple[list[Cell | None], dict[str, list[Row]]] | None:
    """Table 4 drawn as three 1×5 tables, each under its group's heading: the 15 cells in
    canonical group order (each group's cells as drawn), None for a group not found, and
    each group's header rows; None if not this layout."""
    found: dict[str, list[Cell]] = {}
    headers: dict[str, list[Row]] = {}
    group = None
    pending: list[Row] = []
    for row in rows:
        for c in row.cells:
            if value(c.text).kind == "text" and (g := _group(label(c.text))):
                group, pending = g, []
        vals = _value_row(row, GROUP_WIDTH)
        if vals and group and group not in found:
            found[group] = vals
            headers[group] = pending
        elif not vals:
            pending.append(row)
    if len(found) < _MIN_SUBTABLES:
        return None
    return [c for g in T4_GROUPS for c in (found.get(g.key) or [None] * GROUP_WIDTH)], headers


def _columns(report: Report, rows: list[Row], split: dict[str, list[Row]] | None) -> tuple[list[tuple[Col, Col]], str | None]:
    """The 15 (group, result) columns in the order the header draws them: the whole header,
    or each sub-table's own; the template's order, with a note, where it cannot be read; and
    why no column can be placed, when the header is ambiguous."""
    groups = {g.key: g for g in T4_GROUPS}
    results = {c.key: c for c in T4_COLUMNS}
    names = {(g.key, c.key): f"{g.label}·{c.label}" for g in T4_GROUPS for c in T4_COLUMNS}
    if split is None:
        order = read_order([r.cells for r in rows], T4_HEADER)
        if note := columns_note("t4", order, T4_HEADER, names):
            report.header_notes.append(("t4", note))
        return [(groups[g], results[c]) for g, c in order.columns or template_order(T4_HEADER)], order.doubt
    out: list[tuple[Col, Col]] = []
    for g in T4_GROUPS:
        tree = next(h for h in _GROUP_HEADERS if h.key == g.key)
        order = read_order([r.cells for r in split.get(g.key, [])], tree)
        if order.doubt:
            return out, f"{g.label}：{order.doubt}"
        if g.key in split and (note := columns_note("t4", order, tree, names)):
            report.header_notes.append(("t4", f"{g.label}：{note}"))
        out += [(groups[k], results[c]) for k, c in order.columns or template_order(tree)]
    return out, None


def _cells_after_header(cells: list[Cell], header_end: int) -> list[Cell]:
    """The first run of value cells after the header, padding dropped."""
    data: list[Cell] = []
    for c in cells[header_end:]:
        if not _is_value(c):
            if data:
                break
            continue
        data.append(c)
    while len(data) > TABLE_WIDTH and not data[-1].text:
        data.pop()
    return data


def _damage(header_numbers: list[Cell], data: list[Cell | None], split: bool) -> str | None:
    """Why the values cannot be placed: numbers among the header, or a data row of the wrong width."""
    if header_numbers:
        lines = sorted({c.loc.line for c in header_numbers if c.loc.line})
        where = f"第{lines[0]}–{lines[-1]}行" if lines else "表头"
        return (
            f"表头中“结果维持…总计”标签的位置出现{len(header_numbers)}个数字（{where}），"
            "数值无法对应到列 / numbers in the header: values cannot be placed"
        )
    if not split and data and len(data) != TABLE_WIDTH:
        return (
            f"数据行有{len(data)}个数值单元格，应有{TABLE_WIDTH}个，无法确定各数值所属的列 / "
            f"the data row does not have {TABLE_WIDTH} cells: values cannot be placed"
        )
    return None


def read_t4(report: Report, rows: list[Row], cell_per_line: bool) -> None:
    """Read table 4's values into `report`, or nulls that say why."""
    cells = [c for r in rows for c in r.cells]
    header_end = 0
    for i, c in enumerate(cells):
        if _is_header_word(label(c.text)):
            header_end = i + 1
    header_numbers = [c for c in cells[:header_end] if value(c.text).kind == "number"]
    twice = None
    data: list[Cell | None] = []
    split = None if cell_per_line else _split_groups(rows)
    if split:
        header_numbers = []
        data = split[0]
    elif not cell_per_line:
        # A grid or row-per-line layout: the data row is a row of value cells; two are the
        # table twice, and two that differ cannot both be its values.
        full = [vals for r in rows if (vals := _value_row(r, TABLE_WIDTH))]
        data = full[0] if full else []
        if len(full) > 1:
            report.tables["t4"].duplicate = full[1][0].loc
            header_numbers = []  # the first copy's values, before the second copy's header
            if any([c.text for c in f] != [c.text for c in full[0]] for f in full[1:]):
                twice = "表四出现两次，两份数值不一致，无法确定 / table 4 twice with different values"
    if not data:
        data = _cells_after_header(cells, header_end)
    damaged = twice or _damage(header_numbers, data, bool(split))
    if damaged:
        report.tables["t4"].problem = damaged
    header_rows: list[Row] = []  # the rows that hold cells[:header_end]
    for r in rows:
        if sum(len(h.cells) for h in header_rows) >= header_end:
            break
        header_rows.append(r)
    columns = [(g, c) for g in T4_GROUPS for c in T4_COLUMNS]
    if not damaged and data:
        read, doubt = _columns(report, header_rows, split[1] if split else None)
        if doubt:
            damaged = doubt  # an ambiguous header: no value can be placed
        else:
            columns = read
    first = next((c for c in data if c is not None), None)
    row_loc = first.loc._replace(column=None, col=None) if first else None  # the data row, no cell of it
    for i, (g, c) in enumerate(columns):
        key = f"t4.{g.key}.{c.key}"
        cell = data[i] if i < len(data) else None
        if split and cell is None:
            report.values[key] = Value(key, None, "missing", row_label=g.label, col_label=c.label,
                                       note="未找到该组的分表 / group sub-table not found")
        elif damaged and twice:  # each cell is where it belongs; its two copies differ
            report.values[key] = Value(
                key, None, "unreadable", cell.text if cell else None, cell.loc if cell else None,
                row_label=g.label, col_label=c.label, note=damaged,
            )
        elif damaged:  # which cell belongs to this column is unknown: no cell's text is its raw
            report.values[key] = Value(key, None, "unreadable", None, row_loc, row_label=g.label, col_label=c.label,
                                       note=damaged)
        elif cell is None:
            report.values[key] = Value(
                key, None, "missing", row_label=g.label, col_label=c.label, note="未找到数据行 / no data row",
            )
        elif doubt := ocr_doubt(cell):
            report.values[key] = Value(key, None, "unreadable", cell.text, cell.loc, None, g.label, c.label, note=doubt)
        elif (v := value(cell.text)).kind == "number":
            report.values[key] = Value(key, v.number, "ok", cell.text, cell.loc, None, g.label, c.label)
        elif v.kind == "blank":
            report.values[key] = Value(key, None, "blank", cell.text, cell.loc, None, g.label, c.label)
        else:
            report.values[key] = Value(key, None, "unreadable", cell.text, cell.loc, None, g.label, c.label, note=unreadable_note(cell.text))
