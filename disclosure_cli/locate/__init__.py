"""Rows of cells → the three statutory tables, as canonical values with provenance.

Nothing here trusts column counts or pipe counts. The steps, one module each:
`regions` finds each table by its anchor cells; `rows` reads each labelled row (tables 2
and 3) by its label (templates.py); `table4` reads the unlabelled table 4. This module
detects the template and assembles the Report. A value that cannot be placed with
certainty stays `null` and says why; numbers that fall under no label are reported, not
guessed.
"""

from __future__ import annotations

import re
from functools import cache

from ..model import TABLE_NOT_FOUND, Document, Report, Row, TableInfo, Value
from ..normalize import label
from ..templates import (
    FINGERPRINTS,
    MONEY,
    PRE2019_MARKERS,
    T2_BLOCKS,
    T3_COLUMNS,
    T3_OTHER_HANDLING_2021,
    T3_ROWS,
    keys,
    t2_kind,
)
from .regions import regions
from .rows import Read, Spec, label_notes, read_rows, report_stray, values_for
from .table4 import read_t4

__all__ = ["locate"]

PRE2019_SCAN_ROWS = 600  # rows searched for the pre-2019 layout's markers
PRE2019_MIN_MARKERS = 2  # markers found before a report is called pre-2019
_UNIT_IN_HEADER = re.compile(r"(亿元|万元|元)")

# Both forms of （六）其他处理 are looked for: the rows found decide which one the report uses.
_T3_SPECS = tuple(Spec(r, len(T3_COLUMNS), False) for r in T3_ROWS)


def _six_form(read: Read | None) -> str | None:
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


@cache
def _t2_specs(template: str) -> tuple[Spec, ...]:
    return tuple(Spec(r, len(b.columns), True) for b in T2_BLOCKS[template] for r in b.rows)


@cache
def _t2_kinds(template: str) -> dict[str, str]:
    return {k: t2_kind(template, k) for k in keys(template) if k.startswith("t2.")}


def _read_t2(report: Report, rows: list[Row], template: str, cell_per_line: bool) -> None:
    read = read_rows(rows, _t2_specs(template), cell_per_line)
    kinds = _t2_kinds(template)
    header_unit = None
    for row in rows:
        for c in row.cells:
            t = label(c.text)
            if "金额" in t and (m := _UNIT_IN_HEADER.search(t)):
                header_unit = m.group(1)
    for b in T2_BLOCKS[template]:
        for spec in b.rows:
            values_for(report, read, spec, "t2", [(c.key, c.label) for c in b.columns], kinds)
            for c in b.columns:
                v = report.values[f"t2.{spec.key}.{c.key}"]
                if kinds[v.key] == MONEY and v.status == "ok" and v.unit is None:
                    v.unit = header_unit or ("万元" if template == "2021" else None)
    label_notes(report, read, "t2", True)
    report_stray(report, read, "t2")


def _read_t3(report: Report, read: Read, template: str, six: str | None) -> None:
    form = six or template
    row_specs = [r for r in T3_ROWS if form in r.templates]
    columns = [(c.key, c.label) for c in T3_COLUMNS]
    for spec in row_specs:
        values_for(report, read, spec, "t3", columns, {})
    if form != template:  # the template's own （六） keys stay, marked absent
        for spec in T3_ROWS:
            if template in spec.templates and form not in spec.templates:
                for c in T3_COLUMNS:
                    key = f"t3.{spec.key}.{c.key}"
                    report.values[key] = Value(
                        key, None, "absent", note=f"本报告的（六）其他处理为另一种形式：{report.hybrid}", row_label=spec.label, col_label=c.label
                    )
    label_notes(report, read, "t3", False)
    report_stray(report, read, "t3")


def locate(doc: Document) -> Report:
    """Rebuild the statutory tables of a read document into a Report. The prose (title,
    year, sections) is read by a separate step, `prose.front_matter`."""
    report = Report(path=doc.path, form=doc.form, prose=doc.prose)
    rows = doc.rows
    found = regions(rows)
    for t in ("t2", "t3", "t4"):
        r = found[t]
        report.tables[t] = TableInfo(found=r is not None, loc=rows[r[0]].cells[0].loc if r and rows[r[0]].cells else None)
    t3_read = read_rows(rows[slice(*found["t3"])], _T3_SPECS, doc.cell_per_line) if found["t3"] else None
    six = _six_form(t3_read)
    template = _detect_template(report, rows, found["t2"], six)
    if template is None:
        text = "".join(label(c.text) for row in rows[:PRE2019_SCAN_ROWS] for c in row.cells)
        report.pre2019 = sum(1 for m in PRE2019_MARKERS if m in text) >= PRE2019_MIN_MARKERS
        return report
    report.template = template
    for key in keys(template):
        report.values[key] = Value(key, None, "missing", note=TABLE_NOT_FOUND)
    if found["t2"]:
        _read_t2(report, rows[slice(*found["t2"])], template, doc.cell_per_line)
    if t3_read is not None:
        _read_t3(report, t3_read, template, six)
    if found["t4"]:
        read_t4(report, rows[slice(*found["t4"])], doc.cell_per_line)
    report.values = {k: report.values[k] for k in _key_order(template) if k in report.values}
    return report


@cache
def _key_order(template: str) -> tuple[str, ...]:
    """Table order, with both forms of （六） where a hybrid report has the other one."""
    t3 = [f"t3.{r.key}.{c.key}" for r in T3_ROWS for c in T3_COLUMNS]
    return tuple([k for k in keys(template) if k.startswith("t2.")] + t3 + [k for k in keys(template) if k.startswith("t4.")])
