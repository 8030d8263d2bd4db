"""Rows of cells → the three statutory tables, as canonical values with provenance.

Nothing here trusts column counts or pipe counts. Each table is found by its anchor cells;
each row by its label (templates.py); its values are the value cells that follow the label:
in the same row, on the wrapped continuation of a PDF label, or, when the text was pasted one
cell per line, on the following lines. A value that cannot be placed with certainty stays
`null` and says why; numbers that fall under no label are reported, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from . import prose as prose_mod
from .model import TABLE_NOT_FOUND, Cell, Document, LabelNote, Report, Row, TableInfo, Value
from .normalize import label, value
from .templates import (
    FINGERPRINTS,
    LABEL_VARIANTS,
    MONEY,
    PRE2019_MARKERS,
    T2_ANCHORS,
    T2_BLOCKS,
    T3_ANCHORS,
    T3_COLUMNS,
    T3_OTHER_HANDLING_2021,
    T3_ROWS,
    T4_ANCHORS,
    T4_COLUMNS,
    T4_GROUPS,
    T4_HEADER_WORDS,
    RowSpec,
    keys,
    t2_kind,
)

_MAX_LABEL = 80
_UNIT_IN_HEADER = re.compile(r"(亿元|万元|元)")


@dataclass
class _Slot:
    """A matched row label and the value cells read after it, up to the next label or text
    (in row mode: to the end of the row)."""

    spec: RowSpec
    label: Cell
    needed: int
    row: int
    cells: list[Cell] = field(default_factory=list)
    fragments_only: bool = True  # rows since the label held only label fragments

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
class _Read:
    slots: dict[str, _Slot] = field(default_factory=dict)
    conflicts: dict[str, str] = field(default_factory=dict)
    stray: list[Cell] = field(default_factory=list)


@dataclass(frozen=True)
class _Spec:
    """A row to look for: its RowSpec, how many values it has, how its label is matched."""

    row: RowSpec
    needed: int
    exact: bool


class _Matcher:
    """Finds the row a cell's label anchors. Table-2 labels are short and must equal the
    phrase (a few trailing characters allowed); table-3 phrases are searched inside the cell,
    preferring the one that comes last (an item label after its group label in a joined PDF
    line). One compiled alternation per table, built once."""

    def __init__(self, specs: tuple[_Spec, ...]) -> None:
        self.specs = specs
        self.by_phrase = {p: s for s in specs for p in s.row.match}
        phrases = sorted(self.by_phrase, key=len, reverse=True)
        self.regex = re.compile("|".join(re.escape(p) for p in phrases))
        self.exact = all(s.exact for s in specs)

    def __call__(self, norm: str) -> _Spec | None:
        if not norm or len(norm) > _MAX_LABEL:
            return None
        if self.exact:
            spec = self.by_phrase.get(norm)
            if spec is None:
                for phrase, candidate in self.by_phrase.items():
                    if norm.startswith(phrase) and len(norm) - len(phrase) <= 6:
                        return candidate
            return spec
        last = None
        for m in self.regex.finditer(norm):
            last = m
        return self.by_phrase[last.group()] if last else None


_MATCHERS: dict[tuple[_Spec, ...], _Matcher] = {}


def _matcher(specs: tuple[_Spec, ...]) -> _Matcher:
    found = _MATCHERS.get(specs)
    if found is None:
        found = _MATCHERS[specs] = _Matcher(specs)
    return found


def _read_rows(rows: list[Row], specs: tuple[_Spec, ...], cell_per_line: bool) -> _Read:
    """Walk the rows of one table region, opening a slot at each label and filling it."""
    match = _matcher(specs)
    out = _Read()
    current: _Slot | None = None

    def close() -> None:
        nonlocal current
        if current is None:
            return
        key = current.spec.key
        if not current.cells and current.spec.may_be_group:
            current = None
            return
        cells = current.trimmed()
        if cells is None:
            out.conflicts[key] = f"该行有{len(current.cells)}个数值单元格，多于格式的{current.needed}个 / too many value cells"
            current = None
            return
        if cell_per_line and len(cells) == current.needed and not cells[-1].text and any(c.text for c in cells):
            # One cell per line loses row boundaries: a blank last cell cannot be told from
            # padding after a row that lost a cell, so the row's alignment is uncertain.
            out.conflicts[key] = "逐格粘贴时行末空白单元格无法与填充区分，各数值所属的列无法确定 / trailing blank is ambiguous"
            current = None
            return
        current.cells = cells
        previous = out.slots.get(key)
        if previous is None or not previous.cells:
            out.slots[key] = current
        elif current.cells and [c.text for c in current.cells] != [c.text for c in previous.cells]:
            out.conflicts[key] = f"行标签出现两次（{previous.label.loc}、{current.label.loc}），数值不一致 / row appears twice"
        current = None

    for ri, row in enumerate(rows):
        if current is not None and not cell_per_line and current.row != ri:
            # A new row in row mode: a label may only continue onto a wrapped line that
            # begins with the rest of the label (PDF); anything else ends the slot.
            if current.cells or not (row.wrapped and current.fragments_only):
                close()
        for ci, cell in enumerate(row.cells):
            v = value(cell.text)
            spec = match(label(cell.text)) if v.kind == "text" else None
            if spec is not None:
                close()
                current = _Slot(spec.row, cell, spec.needed, ri)
                continue
            if v.kind == "text":
                if current is not None and (cell_per_line or current.row == ri) and any(ch.isdigit() for ch in cell.text):
                    current.cells.append(cell)  # a value written as text (`约1500`): unreadable
                elif current is not None and current.cells:
                    close()  # text after the values ends the row
                continue
            if current is None:
                if v.kind == "number":
                    out.stray.append(cell)
                continue
            if current.row != ri and not cell_per_line and (ci == 0 or value(row.cells[0].text).kind != "text"):
                close()  # values on a line of their own: not the wrapped rest of the label
                if v.kind == "number":
                    out.stray.append(cell)
                continue
            current.cells.append(cell)
        if current is not None and current.row != ri and not current.cells:
            current.fragments_only = current.fragments_only and all(
                value(c.text).kind == "text" for c in row.cells
            )
    close()
    return out


def _values_for(
    report: Report, read: _Read, spec: RowSpec, prefix: str, columns: list[tuple[str, str]], kinds: dict[str, str]
) -> None:
    """Turn one row's slot into Values (or nulls that say why)."""
    slot = read.slots.get(spec.key)
    conflict = read.conflicts.get(spec.key)
    for i, (col_key, col_label) in enumerate(columns):
        key = f"{prefix}.{spec.key}.{col_key}"
        if conflict:
            report.values[key] = Value(key, None, "unreadable", note=conflict, row_label=spec.label, col_label=col_label)
            continue
        if slot is None:
            report.values[key] = Value(
                key, None, "missing", note="未找到该行标签 / row label not found", row_label=spec.label, col_label=col_label
            )
            continue
        row_label = slot.label.text
        if len(slot.cells) < len(columns):
            # With a cell short, which column it was cannot be known: none is placed.
            if slot.cells:
                status = "unreadable"
                note = f"该行只有{len(slot.cells)}个数值单元格，应有{len(columns)}个，无法确定各数值所属的列 / short row"
            else:
                status = "missing"
                note = "行标签后没有数值单元格 / no value cells after the label"
            cell = slot.cells[i] if i < len(slot.cells) else None
            report.values[key] = Value(
                key, None, status, cell.text if cell else None, cell.loc if cell else slot.label.loc,
                note=note, row_label=row_label, col_label=col_label,
            )
            continue
        cell = slot.cells[i]
        v = value(cell.text)
        kind = kinds.get(key)
        if v.kind == "number":
            unit = v.unit if kind == MONEY else None
            report.values[key] = Value(key, v.number, "ok", cell.text, cell.loc, unit, row_label, col_label)
        elif v.kind == "blank":
            report.values[key] = Value(key, None, "blank", cell.text, cell.loc, None, row_label, col_label)
        else:
            report.values[key] = Value(
                key, None, "unreadable", cell.text, cell.loc, None, row_label, col_label, note="应为数字，实为文字 / text where a number belongs"
            )


def _label_notes(report: Report, read: _Read, prefix: str, t2: bool) -> None:
    for key, slot in read.slots.items():
        norm = label(slot.label.text)
        for found, official in LABEL_VARIANTS.items():
            if found in norm:
                report.label_notes.append(LabelNote(f"{prefix}.{key}", slot.label.text, official, slot.label.loc))
        if t2 and label(slot.spec.label) not in norm:
            report.label_notes.append(LabelNote(f"{prefix}.{key}", slot.label.text, slot.spec.label, slot.label.loc))


# ------------------------------------------------------------------------------ regions


def _first(rows: list[Row], start: int, test) -> int | None:
    for i in range(start, len(rows)):
        if any(test(label(c.text)) for c in rows[i].cells):
            return i
    return None


def _regions(rows: list[Row]) -> dict[str, tuple[int, int] | None]:
    """Row ranges of tables 2, 3 and 4, found by their anchor cells in one pass: table 3 by
    its header note or first row label, table 2 by a 第二十条 caption before it, table 4 by
    its 行政复议 header (or the section heading 四) after it, ending at section 五."""
    t2 = t3 = t4 = heading4 = end4 = None
    for i, row in enumerate(rows):
        for c in row.cells:
            t = label(c.text)
            if not t or len(t) > _MAX_LABEL:
                continue
            if t3 is None:
                if any(a in t for a in T3_ANCHORS):
                    t3 = i
                elif t2 is None and len(t) <= 30 and any(a in t for a in T2_ANCHORS):
                    t2 = i
                continue
            if t4 is None:
                if t.startswith(T4_ANCHORS) and len(t) <= 16:
                    t4 = i
                elif heading4 is None and (h := prose_mod.heading_number(t)) is not None and h[0] == 4:
                    heading4 = i
            elif end4 is None and i > t4 and (h := prose_mod.heading_number(t)) is not None and h[0] >= 5:
                end4 = i
        if end4 is not None:
            break
    if t3 is None:  # no table 3: table 4 may still follow table 2
        t4 = _first(rows, t2 or 0, lambda t: t.startswith(T4_ANCHORS) and len(t) <= 16)
        heading4 = _first(rows, t2 or 0, lambda t: (h := prose_mod.heading_number(t)) is not None and h[0] == 4)
    if t4 is None and heading4 is not None:
        t4 = heading4
    if t4 is not None and end4 is None:
        end4 = _first(rows, t4 + 1, lambda t: (h := prose_mod.heading_number(t)) is not None and h[0] >= 5)
    n = len(rows)
    return {
        "t2": (t2, t3 if t3 is not None else (t4 if t4 is not None else n)) if t2 is not None else None,
        "t3": (t3, t4 if t4 is not None else n) if t3 is not None else None,
        "t4": (t4, end4 if end4 is not None else n) if t4 is not None else None,
    }


# ------------------------------------------------------------------------------ template


_T3_SPECS = tuple(_Spec(r, 7, False) for r in T3_ROWS)  # both forms of （六）: the rows found decide


def _six_form(read: _Read | None) -> str | None:
    """How table 3 draws （六）其他处理: three sub-rows (2021) or one row (2019)."""
    if read is None:
        return None
    if any(k in read.slots for k in T3_OTHER_HANDLING_2021):
        return "2021"
    return "2019" if "other_handling" in read.slots else None


def _detect_template(report: Report, rows: list[Row], region: tuple[int, int] | None, six: str | None) -> str | None:
    """Table-2 fingerprints decide the template, else table 3's （六）; a disagreement is
    recorded as a hybrid (report-format.md §2.1)."""
    signals: dict[str, set[str]] = {"2019": set(), "2021": set()}
    if region:
        for row in rows[region[0] : region[1]]:
            for c in row.cells:
                norm = label(c.text)
                for phrase, tmpl in FINGERPRINTS.items():
                    if phrase in norm:
                        signals[tmpl].add(phrase)
    votes = {t: len(v) for t, v in signals.items()}
    template = max(votes, key=lambda t: votes[t]) if votes["2019"] != votes["2021"] else six
    if template and six and six != template:
        report.hybrid = (
            "single （六）其他处理 row in a 2021 table" if template == "2021" else "（六）其他处理 split into 3 rows in a 2019 table"
        )
    return template


# ------------------------------------------------------------------------------ tables


@cache
def _t2_specs(template: str) -> tuple[_Spec, ...]:
    return tuple(_Spec(r, len(b.columns), True) for b in T2_BLOCKS[template] for r in b.rows)


@cache
def _t2_kinds(template: str) -> dict[str, str]:
    return {k: t2_kind(template, k) for k in keys(template) if k.startswith("t2.")}


def _read_t2(report: Report, rows: list[Row], template: str, cell_per_line: bool) -> None:
    blocks = T2_BLOCKS[template]
    read = _read_rows(rows, _t2_specs(template), cell_per_line)
    kinds = _t2_kinds(template)
    header_unit = None
    for row in rows:
        for c in row.cells:
            t = label(c.text)
            if "金额" in t and (m := _UNIT_IN_HEADER.search(t)):
                header_unit = m.group(1)
    for b in blocks:
        for spec in b.rows:
            _values_for(report, read, spec, "t2", [(c.key, c.label) for c in b.columns], kinds)
            for c in b.columns:
                v = report.values[f"t2.{spec.key}.{c.key}"]
                if kinds[v.key] == MONEY and v.status == "ok" and v.unit is None:
                    v.unit = header_unit or ("万元" if template == "2021" else None)
    _label_notes(report, read, "t2", True)
    _report_stray(report, read, "t2")


def _read_t3(report: Report, read: _Read, template: str, six: str | None) -> None:
    form = six or template
    row_specs = [r for r in T3_ROWS if form in r.templates]
    columns = [(c.key, c.label) for c in T3_COLUMNS]
    for spec in row_specs:
        _values_for(report, read, spec, "t3", columns, {})
    if form != template:  # the template's own （六） keys stay, marked absent
        for spec in T3_ROWS:
            if template in spec.templates and form not in spec.templates:
                for c in T3_COLUMNS:
                    key = f"t3.{spec.key}.{c.key}"
                    report.values[key] = Value(
                        key, None, "absent", note=f"本报告的（六）其他处理为另一种形式：{report.hybrid}", row_label=spec.label, col_label=c.label
                    )
    _label_notes(report, read, "t3", False)
    _report_stray(report, read, "t3")


def _report_stray(report: Report, read: _Read, table: str) -> None:
    if read.stray:
        info = report.tables[table]
        where = ", ".join(str(c.loc) for c in read.stray[:5]) + (" …" if len(read.stray) > 5 else "")
        info.problem = (info.problem + "; " if info.problem else "") + (
            f"{len(read.stray)}个数字不在可识别的行标签之下（{where}）"
        )
        report.stray[table] = [c.loc for c in read.stray]


_HEADER_WORDS = tuple(sorted(T4_HEADER_WORDS, key=len, reverse=True))


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


def _t4_group(norm: str) -> str | None:
    if "复议后起诉" in norm:
        return "suit_after_review"
    if "直接起诉" in norm:
        return "suit_direct"
    if "行政复议" in norm and "诉讼" not in norm:
        return "review"
    return None


def _value_row(row: Row, width: int) -> list[Cell] | None:
    """The row's value cells when it is a row of exactly `width` values (trailing padding
    dropped) with at least one number and no text."""
    vals = [c for c in row.cells if value(c.text).kind != "text"]
    if any(value(c.text).kind == "text" and c.text for c in row.cells):
        return None
    while len(vals) > width and not vals[-1].text:
        vals.pop()
    if len(vals) == width and any(value(c.text).kind == "number" for c in vals):
        return vals
    return None


def _split_groups(rows: list[Row]) -> list[Cell | None] | None:
    """Table 4 drawn as three 1×5 tables, each under its group's heading (report-format.md
    §9.3): the 15 cells in canonical order, None for a group not found; None if not this
    layout."""
    found: dict[str, list[Cell]] = {}
    group = None
    for row in rows:
        for c in row.cells:
            if value(c.text).kind == "text":
                group = _t4_group(label(c.text)) or group
        vals = _value_row(row, 5)
        if vals and group and group not in found:
            found[group] = vals
    if len(found) < 2:
        return None
    return [c for g in T4_GROUPS for c in (found.get(g.key) or [None] * 5)]


def _read_t4(report: Report, rows: list[Row], cell_per_line: bool) -> None:
    """Table 4 has no row label: its 15 values follow the header. Numbers found among the
    header cells mean the paste is damaged, and then no value can be placed with certainty."""
    cells = [c for r in rows for c in r.cells]
    header_end = 0
    for i, c in enumerate(cells):
        if _is_header_word(label(c.text)):
            header_end = i + 1
    header_numbers = [c for c in cells[:header_end] if value(c.text).kind == "number"]
    data: list[Cell] = []
    split = None if cell_per_line else _split_groups(rows)
    if split:
        header_numbers = []
        data = split
    elif not cell_per_line:
        # A grid or row-per-line layout: the data row is a row of value cells.
        for r in rows:
            vals = _value_row(r, 15)
            if vals:
                data = vals
                break
    if not data:
        for c in cells[header_end:]:
            kind = value(c.text).kind
            if kind == "text":
                if data:
                    break
                continue
            data.append(c)
        while len(data) > 15 and not data[-1].text:
            data.pop()  # padding
    columns = [(g, c) for g in T4_GROUPS for c in T4_COLUMNS]
    damaged = None
    if header_numbers:
        lines = sorted({c.loc.line for c in header_numbers if c.loc.line})
        where = f"第{lines[0]}–{lines[-1]}行" if lines else "表头"
        damaged = (
            f"表头中“结果维持…总计”标签的位置出现{len(header_numbers)}个数字（{where}），"
            "数值无法对应到列 / numbers in the header: values cannot be placed"
        )
    elif not split and data and len(data) != 15:
        damaged = (
            f"数据行有{len(data)}个数值单元格，应有15个，无法确定各数值所属的列 / "
            "the data row does not have 15 cells: values cannot be placed"
        )
    if damaged:
        report.tables["t4"].problem = damaged
    for i, (g, c) in enumerate(columns):
        key = f"t4.{g.key}.{c.key}"
        cell = data[i] if i < len(data) else None
        if split and cell is None:
            report.values[key] = Value(key, None, "missing", row_label=g.label, col_label=c.label,
                                       note="未找到该组的分表 / group sub-table not found")
            continue
        if damaged:
            report.values[key] = Value(
                key, None, "unreadable", cell.text if cell else None, cell.loc if cell else None,
                row_label=g.label, col_label=c.label, note=damaged,
            )
        elif cell is None:
            report.values[key] = Value(
                key, None, "missing", row_label=g.label, col_label=c.label, note="未找到数据行 / no data row",
            )
        else:
            v = value(cell.text)
            if v.kind == "number":
                report.values[key] = Value(key, v.number, "ok", cell.text, cell.loc, None, g.label, c.label)
            else:
                report.values[key] = Value(key, None, "blank", cell.text, cell.loc, None, g.label, c.label)


# ------------------------------------------------------------------------------ entry


def locate(doc: Document) -> Report:
    """Rebuild the statutory tables of a read document into a Report."""
    report = Report(path=doc.path, form=doc.form, prose=doc.prose)
    report.title, report.year, report.agency = prose_mod.title_year_agency(doc.prose)
    report.period_year = prose_mod.period_year(doc.prose)
    if report.year is None:
        report.year = report.period_year or prose_mod.mentioned_year(doc.prose)
    report.sections = prose_mod.find_sections(doc.prose)

    rows = doc.rows
    regions = _regions(rows)
    for t in ("t2", "t3", "t4"):
        r = regions[t]
        report.tables[t] = TableInfo(found=r is not None, loc=rows[r[0]].cells[0].loc if r and rows[r[0]].cells else None)
    t3_read = _read_rows(rows[slice(*regions["t3"])], _T3_SPECS, doc.cell_per_line) if regions["t3"] else None
    six = _six_form(t3_read)
    template = _detect_template(report, rows, regions["t2"], six)
    if template is None:
        text = "".join(label(c.text) for row in rows[:600] for c in row.cells)
        report.pre2019 = sum(1 for m in PRE2019_MARKERS if m in text) >= 2
        return report
    report.template = template
    for key in keys(template):
        report.values[key] = Value(key, None, "missing", note=TABLE_NOT_FOUND)
    if regions["t2"]:
        _read_t2(report, rows[slice(*regions["t2"])], template, doc.cell_per_line)
    if t3_read is not None:
        _read_t3(report, t3_read, template, six)
    if regions["t4"]:
        _read_t4(report, rows[slice(*regions["t4"])], doc.cell_per_line)
    report.values = {k: report.values[k] for k in _key_order(template) if k in report.values}
    return report


@cache
def _key_order(template: str) -> tuple[str, ...]:
    """Table order, with both forms of （六） where a hybrid report has the other one."""
    t3 = [f"t3.{r.key}.{c.key}" for r in T3_ROWS for c in T3_COLUMNS]
    return tuple([k for k in keys(template) if k.startswith("t2.")] + t3 + [k for k in keys(template) if k.startswith("t4.")])

