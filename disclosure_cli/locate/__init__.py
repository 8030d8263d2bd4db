"""Rows of cells → the three statutory tables, as canonical values with provenance.

Nothing here trusts column counts or pipe counts. The steps, one module each:
`regions` finds each table by its anchor cells; `rows` reads each labelled row (tables 2
and 3) by its label (templates.py) and `values` turns its cells into values; `table4` reads
the unlabelled table 4. This module
detects the template and assembles the Report. A value that cannot be placed with
certainty stays `null` and says why; numbers that fall under no label are reported, not
guessed.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..model import READABLE, TABLE_FUSED, TABLE_NOT_FOUND, Cell, Document, Report, Row, TableInfo, Value
from ..normalize import label
from ..templates import (
    MONEY,
    PRE2019_MARKERS,
    T3_COLUMNS,
    T3_HEADER,
    TABLES,
    TEMPLATES,
    Block,
    Header,
    RowSpec,
    Template,
    all_t3_rows,
    cell_keys,
    keys,
    t4_keys,
    value_kind,
)
from .fused import excerpt, fused_cell
from .header import columns_note, read_order, template_order
from .regions import Region, regions
from .rows import Read, Slot, Spec, read_rows
from .table4 import read_t4
from .values import label_notes, report_stray, values_for

__all__ = ["locate"]

PRE2019_SCAN_ROWS = 600  # rows searched for the pre-2019 layout's markers
PRE2019_MIN_MARKERS = 2  # markers found before a report is called pre-2019
TWICE_MIN_ROWS = 2  # rows read twice before a table is called duplicated (one is a stray row)
_UNIT_IN_HEADER = re.compile(r"(亿元|万元|元)")


@cache
def _t3_specs(ids: tuple[str, ...]) -> tuple[Spec, ...]:
    """Every registered template's table-3 rows (both forms of （六）): the rows found decide
    the form. Cached per set of registered templates (`ids`)."""
    return tuple(Spec(r, len(T3_COLUMNS), False) for r in all_t3_rows())


def _six_form(read: Read | None) -> Template | None:
    """The template whose table 3 draws （六）其他处理 the way this one does (one row, or a
    group of three): the newest whose own （六） rows were found."""
    if read is None:
        return None
    for t, own in _own_t3_keys(tuple(TEMPLATES)):
        if any(k in read.slots for k in own):
            return t
    return None


@cache
def _own_t3_keys(ids: tuple[str, ...]) -> tuple[tuple[Template, tuple[str, ...]], ...]:
    """Newest first, each template with the keys of its table-3 rows no other template has."""
    common = set.intersection(*(set(TEMPLATES[t].t3_rows) for t in ids))
    return tuple((TEMPLATES[t], tuple(r.key for r in TEMPLATES[t].t3_rows if r not in common)) for t in reversed(ids))


def _detect_template(report: Report, rows: list[Row], region: tuple[int, int] | None, six: Template | None) -> Template | None:
    """Table-2 fingerprints decide the template, else table 3's （六）; a disagreement is
    recorded as a hybrid (docs/report-format.md §2.1)."""
    signals: dict[str, set[str]] = {t: set() for t in TEMPLATES}
    if region:
        ids = tuple(TEMPLATES)
        for row in rows[region[0] : region[1]]:
            for c in row.cells:
                for t, found in _fingerprints(c.text, ids):
                    signals[t].update(found)
    top = max(len(v) for v in signals.values())
    leaders = [TEMPLATES[t] for t, v in signals.items() if len(v) == top]
    if len(leaders) == 1:
        template = leaders[0]
    else:  # a tie (or no table 2): the template whose （六） form table 3 has
        template = next((t for t in leaders if six and t.t3_rows == six.t3_rows), None)
    if template and six and six.t3_rows != template.t3_rows:
        report.hybrid = f"{six.six_form} in a {template.id} table"
    return template


@lru_cache(maxsize=2048)  # the labels stay; numbers, each seen in a few reports, come and go
def _fingerprints(text: str, ids: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The templates' fingerprints a cell's text holds (cached: cells repeat across a batch)."""
    norm = label(text)
    return tuple((t, found) for t in ids if (found := tuple(p for p in TEMPLATES[t].fingerprints if p in norm)))


@cache
def _t2_specs(template: str) -> tuple[Spec, ...]:
    return tuple(Spec(r, len(b.columns), True) for b in TEMPLATES[template].t2 for r in b.rows)


def _t2_columns(report: Report, header: list[list[Cell]], template: str, block: Block, first: bool) -> tuple[list[tuple[str, str]], str | None]:
    """A table-2 block's columns in the order its header draws them (a note, once per block,
    when it differs or cannot be read), and why none can be placed (an ambiguous header)."""
    tree = _t2_header(template, block.caption)
    order = read_order(header, tree)
    note = columns_note("t2", order, tree, {(c.key,): c.label for c in block.columns}, block.caption)
    if note and first:
        report.header_notes.append(("t2", note))
    labels = {c.key: c.label for c in block.columns}
    columns = [(p[0], labels[p[0]]) for p in order.columns] if order.columns else [(c.key, c.label) for c in block.columns]
    return columns, order.doubt and f"{block.caption}{order.doubt}"


@cache
def _t2_column_labels(template: str) -> frozenset[str]:
    return frozenset(label(c.label) for b in TEMPLATES[template].t2 for c in b.columns)


@cache
def _t2_header(template: str, caption: str) -> Header:
    """A table-2 block's header as a tree: its columns (one row)."""
    block = next(b for b in TEMPLATES[template].t2 if b.caption == caption)
    return Header(block.caption, children=tuple(Header(c.label, c.key) for c in block.columns))


@cache
def _t2_kinds(template: str) -> dict[str, str]:
    return {k: value_kind(k) for k in keys(template) if k.startswith("t2.")}


def _read_t2(report: Report, rows: list[Row], template: Template, doc_cell_per_line: bool) -> None:
    read = read_rows(rows, _t2_specs(template.id), doc_cell_per_line)
    kinds = _t2_kinds(template.id)
    header_unit = None
    for row in rows:
        for c in row.cells:
            t = label(c.text)
            if "金额" in t and (m := _UNIT_IN_HEADER.search(t)):
                header_unit = m.group(1)
    runs = _header_runs(rows, _t2_column_labels(template.id))
    for b in template.t2:
        orders: dict[int, tuple[list[tuple[str, str]], str | None]] = {}  # header run → the block's columns under it
        for spec in b.rows:
            columns = [(c.key, c.label) for c in b.columns]
            slot = read.slots.get(spec.key)
            if slot is not None and slot.cells and len(b.columns) > 1:
                run = next((r for r in reversed(runs) if r[0] < slot.row), None)
                if run is not None and not doc_cell_per_line and _misaligned(rows, run, slot):
                    read.conflicts[spec.key] = (
                        f"该行单元格数与本项表头不同（{slot.label.loc}），空白单元格无法与填充区分，各数值所属的列无法确定 "
                        "/ row and header widths differ: values cannot be placed"
                    )
                end = run[0] if run else -1
                if end not in orders:
                    orders[end] = _t2_columns(report, run[1] if run else [], template.id, b, first=not orders)
                columns, doubt = orders[end]
                if doubt:
                    read.conflicts[spec.key] = doubt
            values_for(report, read, spec, "t2", columns, kinds)
            for c in b.columns:
                v = report.values[f"t2.{spec.key}.{c.key}"]
                if kinds[v.key] == MONEY and v.status == "ok" and v.unit is None:
                    v.unit = header_unit or template.money_unit
    label_notes(report, read, "t2", True)
    report_stray(report, read, "t2")
    _twice(report, read, "t2")


def _header_runs(rows: list[Row], labels: frozenset[str]) -> list[tuple[int, list[list[Cell]]]]:
    """Table 2's column headers: runs of rows holding column labels (one row, or one cell per
    line; blank rows do not end a run), each with the index of its last row."""
    runs: list[tuple[int, list[list[Cell]]]] = []
    open_run = False
    for ri, row in enumerate(rows):
        heads = [c for c in row.cells if label(c.text) in labels]
        if heads:
            if open_run:
                runs[-1] = (ri, [*runs[-1][1], heads])
            else:
                runs.append((ri, [heads]))
            open_run = True
        elif any(c.text for c in row.cells):
            open_run = False
    return runs


def _misaligned(rows: list[Row], run: tuple[int, list[list[Cell]]], slot: Slot) -> bool:
    """A row narrower or wider than its block's one-row header (padding included) whose
    blanks might be padding: a cell lost or gained next to them cannot be placed. (A row's
    width is its header's: both are drawn on the same grid.)"""
    end, heads = run
    if len(heads) != 1 or not slot.cells:
        return False
    row = rows[slot.row].cells
    width = len(row) - next(i for i, c in enumerate(row) if c is slot.label)
    return width != len(rows[end].cells) and (slot.width > slot.needed or any(not c.text for c in slot.cells))


def _t3_columns(report: Report, region: list[Row], read: Read) -> list[tuple[str, str]]:
    """Table 3's columns in the order its header draws them (the header rows before the first
    row label); the template's order, with a note, when the header cannot be read."""
    first = min((slot.row for slot in read.slots.values()), default=0)
    order = read_order([r.cells for r in region[:first]], T3_HEADER)
    names = {(c.key,): c.label for c in T3_COLUMNS}
    if read.slots and (note := columns_note("t3", order, T3_HEADER, names)):
        report.header_notes.append(("t3", note))
    if order.doubt:  # an ambiguous header: no column can be placed
        read.conflicts.update((key, order.doubt) for key in read.slots)
    return [(p[0], names[p]) for p in (order.columns or template_order(T3_HEADER))]


def _read_t3(report: Report, region: list[Row], read: Read, template: Template, six: Template | None) -> None:
    rows = (six or template).t3_rows
    columns = _t3_columns(report, region, read)
    for spec in rows:
        values_for(report, read, spec, "t3", columns, {})
    # The template's own （六） keys stay, marked absent, where the report has the other form.
    for spec in _other_form(template.id, (six or template).id):
        for c in T3_COLUMNS:
            key = f"t3.{spec.key}.{c.key}"
            report.values[key] = Value(
                key, None, "absent", note=f"本报告的（六）其他处理为另一种形式：{report.hybrid}", row_label=spec.label, col_label=c.label
            )
    label_notes(report, read, "t3", False)
    report_stray(report, read, "t3")
    _twice(report, read, "t3")


@cache
def _other_form(template: str, form: str) -> tuple[RowSpec, ...]:
    """The template's table-3 rows that the form of （六） drawn (`form`'s) does not have."""
    rows = TEMPLATES[form].t3_rows
    return tuple(r for r in TEMPLATES[template].t3_rows if r not in rows)


def _twice(report: Report, read: Read, table: str) -> None:
    """Rows read again after their first copy: the table (or a good part of it) is there twice.
    Copies that differ are already null (a conflict); the table is reported either way."""
    if len(read.repeated) >= TWICE_MIN_ROWS and report.tables[table].duplicate is None:
        report.tables[table].duplicate = read.repeated[0].label.loc


def locate(doc: Document) -> Report:
    """Rebuild the statutory tables of a read document into a Report. The prose (title,
    year, sections) is read by a separate step, `prose.front_matter`."""
    report = Report(path=doc.path, form=doc.form, prose=doc.prose, notes=doc.notes)
    rows = doc.rows
    found = regions(rows)
    for t in ("t2", "t3", "t4"):
        r = found[t]
        report.tables[t] = TableInfo(found=r is not None, loc=rows[r[0]].cells[0].loc if r and rows[r[0]].cells else None)
    t3_read = read_rows(rows[slice(*found["t3"])], _t3_specs(tuple(TEMPLATES)), doc.cell_per_line) if found["t3"] else None
    six = _six_form(t3_read)
    template = _detect_template(report, rows, found["t2"], six)
    if template is None and any(fused_cell(rows, t) for t in TABLES):
        # Tables whose cells ran together: their text still tells the template.
        template = _detect_template(report, rows, (0, len(rows)), six)
    if template is None:
        text = "".join(label(c.text) for row in rows[:PRE2019_SCAN_ROWS] for c in row.cells)
        report.pre2019 = sum(1 for m in PRE2019_MARKERS if m in text) >= PRE2019_MIN_MARKERS
        if found["t4"] and not report.pre2019:
            # Table 4 is the same in both templates: read it even when tables 2 and 3,
            # which tell the templates apart, are missing.
            for key in t4_keys():
                report.values[key] = Value(key, None, "missing", note=TABLE_NOT_FOUND)
            read_t4(report, rows[slice(*found["t4"])], doc.cell_per_line)
        _fused(report, rows, found)
        return report
    report.template = template.id
    if found["t2"]:
        _read_t2(report, rows[slice(*found["t2"])], template, doc.cell_per_line)
    if t3_read is not None:
        _read_t3(report, rows[slice(*found["t3"])], t3_read, template, six)
    if found["t4"]:
        read_t4(report, rows[slice(*found["t4"])], doc.cell_per_line)
    values = report.values
    for key in keys(template.id):  # the cells of tables not found (each value is made once)
        if key not in values:
            values[key] = Value(key, None, "missing", note=TABLE_NOT_FOUND)
    _fused(report, rows, found)
    report.values = {k: values[k] for k in _key_order(template.id) if k in values}
    return report


def _fused(report: Report, rows: list[Row], found: dict[str, Region | None]) -> None:
    """A table with no value read whose text runs into its digits (cell boundaries lost):
    found, but unreadable as a whole, its values null (rule S-TABLE says why)."""
    read = {k[:2] for k, v in report.values.items() if v.status in READABLE}
    for t in TABLES:
        if t in read:
            continue
        values = [v for v in report.values.values() if v.key.startswith(t + ".") and v.status != "absent"]
        region = found[t]
        cell = fused_cell(rows[slice(*region)] if region else rows, t)
        if cell is None:
            continue
        info = report.tables[t]
        info.found, info.fused, info.loc = True, cell.loc, info.loc or cell.loc
        info.problem = f"单元格边界丢失，数字连在一起（{cell.loc}「{excerpt(cell)}」），无法分到各单元格"
        for v in values:
            v.status, v.value, v.note = "unreadable", None, TABLE_FUSED


@cache
def _key_order(template: str) -> tuple[str, ...]:
    """Table order, with both forms of （六） where a hybrid report has the other one."""
    own = keys(template)
    t3 = cell_keys("t3", all_t3_rows(), T3_COLUMNS)
    return tuple([k for k in own if k.startswith("t2.")] + t3 + [k for k in own if k.startswith("t4.")])
