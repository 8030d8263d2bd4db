"""Slots → Values: each row's value cells become Values with provenance (raw text and
location), or nulls that say why; label misprints and stray numbers are noted on the report."""

from __future__ import annotations

from ..model import OCR_MIN_CONFIDENCE, Cell, LabelNote, Report, Value
from ..normalize import footnote_mark, label, malformed_number, value
from ..templates import LABEL_VARIANTS, MONEY, RowSpec
from .rows import Read

_STRAYS_SHOWN = 5  # stray numbers listed by location in a table's problem
TEXT_NOT_NUMBER = "应为数字，实为文字 / text where a number belongs"


def unreadable_note(text: str) -> str:
    """Why a cell's text is no value: a number written wrong (named with its text: the
    grouping or a space is the problem, not the cell), or words where a number belongs."""
    if mark := footnote_mark(text):
        return f"数字带有脚注标记（「{text.strip()}」中的「{mark}」：上标、下标或带圈数字），无法确定数值 / a footnote mark on the number"
    if malformed_number(text):
        return f"数字格式不规范（「{text.strip()}」：千位分隔或空格位置不对），无法确定数值 / malformed number"
    return TEXT_NOT_NUMBER


def values_for(
    report: Report, read: Read, spec: RowSpec, prefix: str, columns: list[tuple[str, str]], kinds: dict[str, str]
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
            # which cell is this column's is unknown: no cell's text is its raw, the row its place
            report.values[key] = Value(key, None, status, None, slot.label.loc, note=note, row_label=row_label,
                                       col_label=col_label)
            continue
        cell = slot.cells[i]
        if doubt := ocr_doubt(cell):
            report.values[key] = Value(key, None, "unreadable", cell.text, cell.loc, None, row_label, col_label, note=doubt)
            continue
        v = value(cell.text)
        kind = kinds.get(key)
        if v.kind == "number":
            unit = v.unit if kind == MONEY else None
            report.values[key] = Value(key, v.number, "ok", cell.text, cell.loc, unit, row_label, col_label)
        elif v.kind == "blank":
            report.values[key] = Value(key, None, "blank", cell.text, cell.loc, None, row_label, col_label)
        else:
            report.values[key] = Value(
                key, None, "unreadable", cell.text, cell.loc, None, row_label, col_label, note=unreadable_note(cell.text)
            )


def ocr_doubt(cell: Cell) -> str | None:
    """Why a value cell read by OCR cannot be trusted (the engine was unsure), if it cannot."""
    conf = cell.loc.confidence
    if cell.loc.method == "ocr" and conf is not None and conf < OCR_MIN_CONFIDENCE and cell.text:
        return f"OCR识别置信度 {conf:.2f}，低于 {OCR_MIN_CONFIDENCE} / OCR confidence {conf:.2f} below {OCR_MIN_CONFIDENCE}"
    return None


def label_notes(report: Report, read: Read, prefix: str, official_wording: bool) -> None:
    """Misprints and unofficial wordings of the labels found (rule S-LABEL); with
    `official_wording`, also any label that does not contain its official text."""
    for key, slot in read.slots.items():
        norm = label(slot.label.text)
        for found, official in LABEL_VARIANTS.items():
            if found in norm:
                report.label_notes.append(LabelNote(f"{prefix}.{key}", slot.label.text, official, slot.label.loc))
        if official_wording and label(slot.spec.label) not in norm:
            report.label_notes.append(LabelNote(f"{prefix}.{key}", slot.label.text, slot.spec.label, slot.label.loc))


def report_stray(report: Report, read: Read, table: str) -> None:
    """Numbers under no label: listed in the table's problem and kept on the report."""
    if read.stray:
        info = report.tables[table]
        shown = read.stray[:_STRAYS_SHOWN]
        where = ", ".join(str(c.loc) for c in shown) + (" …" if len(read.stray) > _STRAYS_SHOWN else "")
        info.problem = (info.problem + "; " if info.problem else "") + (
            f"{len(read.stray)}个数字不在可识别的行标签之下（{where}）"
        )
        report.stray[table] = [c.loc for c in read.stray]
