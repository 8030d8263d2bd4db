"""`--format xlsx`: an Excel workbook a reviewer can read.

One report: sheets 表二, 表三, 表四 laid out like the official template (its labels, merged
header cells), plus the long sheet. Several reports: a wide sheet, one row per file and one
column per canonical key, so hundreds of reports compare side by side, plus the long sheet.
Cells that failed a rule are highlighted, with the findings as the cell's comment. Written
with xlsxwriter (opens in Excel, WPS and LibreOffice); a fixed creation date keeps the
output byte-identical for the same input.
"""

from __future__ import annotations

import datetime
import io

from ..model import FileResult
from ..templates import (
    T2_ITEM_HEADER,
    T3_APPLICANTS,
    T3_COLUMNS,
    T3_GROUP_LABELS,
    T3_NOTE,
    T3_ORGANISATIONS,
    T3_OUTCOMES,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    TEMPLATES,
    all_keys,
    all_labels,
    all_t3_rows,
)
from .base import Formatter as Base
from .base import long_rows


class Formatter(Base):
    def begin(self) -> None:
        import xlsxwriter

        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True, "strings_to_numbers": False})
        self.book.set_properties({"created": datetime.datetime(2000, 1, 1), "title": "disclosure"})
        self.fmt = {
            "head": self.book.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
                                          "border": 1, "bg_color": "#F2F2F2"}),
            "label": self.book.add_format({"valign": "vcenter", "text_wrap": True, "border": 1}),
            "cell": self.book.add_format({"border": 1, "align": "center", "valign": "vcenter"}),
            "error": self.book.add_format({"border": 1, "align": "center", "valign": "vcenter", "bg_color": "#FFC7CE", "font_color": "#9C0006"}),
            "warning": self.book.add_format({"border": 1, "align": "center", "valign": "vcenter", "bg_color": "#FFEB9C"}),
        }
        self.results: list[FileResult] = []

    def file(self, result: FileResult) -> None:
        self.results.append(result)  # a workbook is written whole, at the end

    def pair(self, result) -> None:
        for r in self.results:
            if r.path == result.path:
                r.findings.extend(result.findings)

    # ------------------------------------------------------------------ helpers

    def _marks(self, result: FileResult) -> dict[str, tuple[str, str]]:
        """key → (worst severity, comment) for cells named by error/warning findings."""
        marks: dict[str, tuple[str, list[str]]] = {}
        for f in result.findings:
            if f.severity == "info":
                continue
            for key in f.keys:
                sev, notes = marks.get(key, ("warning", []))
                notes.append(f"{f.rule} {f.severity}: {f.message}")
                marks[key] = ("error" if "error" in (sev, f.severity) else "warning", notes)
        return {k: (s, "\n".join(n)) for k, (s, n) in marks.items()}

    def _value(self, sheet, row: int, col: int, result: FileResult, key: str, marks) -> None:
        v = result.report.values.get(key) if result.report else None
        value = v.value if v is not None else None
        mark = marks.get(key)
        style = self.fmt[mark[0]] if mark else self.fmt["cell"]
        if value is None:
            sheet.write_blank(row, col, None, style)
        else:
            sheet.write_number(row, col, value, style)
        if mark:
            sheet.write_comment(row, col, mark[1][:30000], {"x_scale": 3, "y_scale": 2})

    # ------------------------------------------------------------------ template sheets

    def _sheet(self, name: str):
        """A template sheet that prints as the template does: landscape, one page wide."""
        sheet = self.book.add_worksheet(name)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        return sheet

    def _table2(self, result: FileResult, marks) -> None:
        report = result.report
        sheet = self._sheet("表二 主动公开")
        sheet.set_column(0, 0, 24)
        sheet.set_column(1, 3, 16)
        r = 0
        for block in TEMPLATES[report.template].t2:
            sheet.merge_range(r, 0, r, 3, block.caption.replace("(", "（").replace(")", "）"), self.fmt["head"])
            r += 1
            sheet.write(r, 0, T2_ITEM_HEADER, self.fmt["head"])
            for i, c in enumerate(block.columns):
                if len(block.columns) == 1:
                    sheet.merge_range(r, 1, r, 3, c.label, self.fmt["head"])
                else:
                    sheet.write(r, 1 + i, c.label, self.fmt["head"])
            r += 1
            for spec in block.rows:
                sheet.write(r, 0, spec.label, self.fmt["label"])
                for i, c in enumerate(block.columns):
                    if len(block.columns) == 1:
                        sheet.merge_range(r, 1, r, 3, None, self.fmt["cell"])
                    self._value(sheet, r, 1 + i, result, f"t2.{spec.key}.{c.key}", marks)
                r += 1

    def _table3(self, result: FileResult, marks) -> None:
        report = result.report
        sheet = self._sheet("表三 依申请")
        sheet.set_column(0, 0, 10)
        sheet.set_column(1, 1, 14)
        sheet.set_column(2, 2, 40)
        sheet.set_column(3, 9, 10)
        head = self.fmt["head"]
        sheet.merge_range(0, 0, 2, 2, T3_NOTE, head)
        sheet.merge_range(0, 3, 0, 9, T3_APPLICANTS, head)
        sheet.merge_range(1, 3, 2, 3, T3_COLUMNS[0].label, head)
        sheet.merge_range(1, 4, 1, 8, T3_ORGANISATIONS, head)
        sheet.merge_range(1, 9, 2, 9, T3_COLUMNS[-1].label, head)
        for i, c in enumerate(T3_COLUMNS[1:6]):
            sheet.write(2, 4 + i, c.label, head)
        rows = [r for r in all_t3_rows() if f"t3.{r.key}.total" in report.values and report.values[f"t3.{r.key}.total"].status != "absent"]
        start = 3
        spans: dict[str, list[int]] = {}
        for i, spec in enumerate(rows):
            r = start + i
            group = spec.key.split(".")[0] if "." in spec.key else None
            if spec.key in ("new_received", "carried_over", "carried_forward"):
                sheet.merge_range(r, 0, r, 2, spec.label, self.fmt["label"])
            elif group:
                spans.setdefault(group, []).append(r)
                sheet.write(r, 2, spec.label, self.fmt["label"])
                lines = -(-len(spec.label) // 20)  # column C holds about 20 CJK characters a line
                if lines > 1:
                    sheet.set_row(r, 15 * lines)
            else:
                sheet.merge_range(r, 1, r, 2, spec.label, self.fmt["label"])
            if spec.key not in ("new_received", "carried_over", "carried_forward"):
                spans.setdefault("三", []).append(r)
            for j, c in enumerate(T3_COLUMNS):
                self._value(sheet, r, 3 + j, result, f"t3.{spec.key}.{c.key}", marks)
        for group, where in spans.items():
            text = T3_OUTCOMES if group == "三" else T3_GROUP_LABELS[group]
            col = 0 if group == "三" else 1
            if len(where) > 1:
                sheet.merge_range(where[0], col, where[-1], col, text, self.fmt["label"])
            else:
                sheet.write(where[0], col, text, self.fmt["label"])

    def _table4(self, result: FileResult, marks) -> None:
        sheet = self._sheet("表四 复议诉讼")
        sheet.set_column(0, 14, 9)
        head = self.fmt["head"]
        width = len(T4_COLUMNS)
        review, *suits = T4_GROUPS
        sheet.merge_range(0, 0, 0, width - 1, review.label, head)
        sheet.merge_range(0, width, 0, width * len(T4_GROUPS) - 1, T4_LITIGATION, head)
        for i, c in enumerate(T4_COLUMNS):
            sheet.merge_range(1, i, 2, i, c.label, head)
        for g, group in enumerate(suits, 1):
            sheet.merge_range(1, g * width, 1, g * width + width - 1, group.label, head)
        for g in range(1, len(T4_GROUPS)):
            for i, c in enumerate(T4_COLUMNS):
                sheet.write(2, g * width + i, c.label, head)
        for gi, g in enumerate(T4_GROUPS):
            for i, c in enumerate(T4_COLUMNS):
                self._value(sheet, 3, gi * width + i, result, f"t4.{g.key}.{c.key}", marks)

    # ------------------------------------------------------------------ wide and long

    def _wide(self) -> None:
        sheet = self.book.add_worksheet("汇总 wide")
        keys = all_keys()
        official = all_labels()
        meta = ("file", "agency", "year", "template", "findings")
        for i, name in enumerate(meta):
            sheet.merge_range(0, i, 2, i, name, self.fmt["head"])
        for j, key in enumerate(keys):
            row_label, col_label = official.get(key, ("", ""))
            sheet.write(0, len(meta) + j, key, self.fmt["head"])
            sheet.write(1, len(meta) + j, row_label, self.fmt["head"])
            sheet.write(2, len(meta) + j, col_label, self.fmt["head"])
        sheet.freeze_panes(3, 1)
        sheet.set_column(0, 0, 40)
        for i, result in enumerate(self.results):
            r = 3 + i
            sheet.write_string(r, 0, result.path)
            if result.report is None:
                sheet.write_string(r, 1, result.error or "unreadable", self.fmt["error"])
                continue
            rep = result.report
            sheet.write_string(r, 1, rep.agency or "")
            if rep.year is not None:
                sheet.write_number(r, 2, rep.year)
            sheet.write_string(r, 3, rep.template or "")
            sheet.write_number(r, 4, len(result.findings))
            marks = self._marks(result)
            for j, key in enumerate(keys):
                if key in rep.values:
                    self._value(sheet, r, len(meta) + j, result, key, marks)

    def _long(self) -> None:
        sheet = self.book.add_worksheet("长表 long")
        header = ("file", "key", "table", "row_label", "column_label", "value", "unit", "status", "raw", "location", "findings")
        for j, h in enumerate(header):
            sheet.write(0, j, h, self.fmt["head"])
        sheet.freeze_panes(1, 0)
        r = 1
        for result in self.results:
            if result.report is None:
                sheet.write_row(r, 0, (result.path, "", "", "", "", None, "", "unreadable", result.error or ""))
                r += 1
                continue
            marks = self._marks(result)
            for row in long_rows(result):
                key = row[0]
                mark = marks.get(key)
                sheet.write_string(r, 0, result.path)
                for j, x in enumerate(row):
                    if x is None:
                        continue
                    if isinstance(x, (int, float)):
                        sheet.write_number(r, 1 + j, x, self.fmt[mark[0]] if mark and j == 4 else None)
                    else:
                        sheet.write_string(r, 1 + j, x)
                if mark:
                    sheet.write_string(r, header.index("findings"), mark[1][:30000])
                r += 1

    def end(self, summary) -> None:
        readable = [r for r in self.results if r.report is not None and r.report.template]
        if len(self.results) == 1 and readable:
            result = readable[0]
            marks = self._marks(result)
            self._table2(result, marks)
            self._table3(result, marks)
            self._table4(result, marks)
        else:
            self._wide()
        self._long()
        self.book.close()
        self.stream.write(self.buffer.getvalue())
