"""Converter-made Markdown (pdf2md, OCR): every value that can be read with certainty is read;
the rest is null with a finding, never guessed."""

from __future__ import annotations

from disclosure_cli import check, parse

from ..conftest import CORPUS


def _row(report, row):
    return [report.values[f"{row}.{c}"].value for c in ("natural_person", "commercial", "research", "social", "legal", "other", "total")]


def test_science_commission_reads_the_certain_rows_only():
    report = parse(CORPUS / "2024_shanghai_science_tech_commission_pdf2md.md")
    assert (report.template, report.year, report.agency) == ("2021", 2024, "上海市科委")
    assert _row(report, "t3.new_received") == [32, 2, 0, 0, 0, 0, 34]
    assert _row(report, "t3.handled_total") == [33, 2, 0, 0, 0, 0, 35]
    assert report.values["t2.licensing.decisions"].value == 97
    assert report.values["t2.normative_docs.in_force"].value == 55
    # rows split and reordered by the converter: their numbers are not assigned to any row
    for row in ("t3.partial", "t3.unable.not_held", "t3.unable.needs_creation", "t3.unable.unclear"):
        assert _row(report, row) == [None] * 7
        assert report.values[f"{row}.total"].status == "missing"
    # the 四、结转 总计 cell is empty in the source
    assert report.values["t3.carried_forward.total"].status == "blank"
    # table 4 flattened into one row of 15 numbers
    assert [report.values[f"t4.review.{c}"].value for c in ("upheld", "corrected", "other", "pending", "total")] == [1, 0, 0, 0, 1]
    stray = [f for f in check(report) if f.rule == "S-CELL" and "不在任何可识别的行标签之下" in f.message]
    assert stray and stray[0].severity == "error"


def test_shanghai_2025_short_rows_are_unreadable_not_shifted():
    report = parse(CORPUS / "2025_shanghai_municipal_govt_general_office_pdf2md.md")
    for col in ("issued", "repealed", "in_force"):
        v = report.values[f"t2.regulations.{col}"]
        assert v.value is None and v.status == "unreadable" and "无法确定" in v.note
    assert _row(report, "t3.new_received") == [1259, 36, 0, 0, 0, 0, 1295]
    assert _row(report, "t3.carried_forward") == [290, 3, 0, 0, 0, 0, 293]
    assert [report.values[f"t4.suit_after_review.{c}"].value for c in ("upheld", "corrected", "other", "pending", "total")] == [6, 0, 9, 7, 22]


def test_suqian_ocr_split_table4_and_per_row_tables():
    report = parse(CORPUS / "2025_suqian_shuyang_county_govt_ocr.md")
    assert report.agency == "沐阳县人民政府"  # as printed (OCR misreads 沭)
    assert all(v.status == "ok" for v in report.values.values()) and len(report.values) == 200
    assert [report.values[f"t4.review.{c}"].value for c in ("upheld", "corrected", "other", "pending", "total")] == [27, 10, 9, 15, 61]
    assert [report.values[f"t4.suit_direct.{c}"].value for c in ("upheld", "corrected", "other", "pending", "total")] == [3, 0, 0, 0, 3]
    assert report.values["t2.fees.amount"].value == 4068.208
    assert not [f for f in check(report) if f.rule.startswith(("T3-", "T4-", "S-CELL"))]
