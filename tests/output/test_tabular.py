"""csv (long format, --bom) and xlsx read back with openpyxl."""

from __future__ import annotations

import csv
import io

from ..conftest import CLEAN, CORPUS, ONE_ERROR, REFERENCE
from .helpers import run


def test_csv_long_format_and_bom():
    plain = run("extract", CLEAN, "--format", "csv").stdout
    bom = run("extract", CLEAN, "--format", "csv", "--bom").stdout
    assert bom == "\ufeff".encode() + plain
    rows = list(csv.DictReader(io.StringIO(plain.decode())))
    assert len(rows) == 200
    row = next(r for r in rows if r["key"] == "t3.new_received.total")
    assert (row["value"], row["row_label"], row["column_label"], row["location"]) == ("26", "一、本年新收政府信息公开申请数量", "总计", "L29:45")


def test_xlsx_single_report_as_the_template(tmp_path):
    import openpyxl

    out = tmp_path / "r.xlsx"
    assert run("extract", ONE_ERROR, "--format", "xlsx", "-o", out).returncode == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["表二 主动公开", "表三 依申请", "表四 复议诉讼", "长表 long"]
    t3 = book["表三 依申请"]
    assert t3["A1"].value.startswith("（本列数据的勾稽关系") and "A1:C3" in {str(m) for m in t3.merged_cells.ranges}
    assert t3["D1"].value == "申请人情况" and t3["D4"].value == 20 and t3["J4"].value == 26
    granted = t3["D6"]
    assert t3["B6"].value == "（一）予以公开" and granted.value == 8
    assert granted.fill.fgColor.rgb.endswith("FFC7CE") and "T3-ROW" in granted.comment.text
    assert t3["A6"].value == "三、本年度办理结果"
    t2 = book["表二 主动公开"]
    assert t2["A1"].value == "第二十条第（一）项" and t2["B7"].value == 1520
    t4 = book["表四 复议诉讼"]
    assert [c.value for c in t4[4]] == [1, 0, 0, 1, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]  # zeros as printed
    long = book["长表 long"]
    assert long.max_row == 201


def test_xlsx_many_reports_side_by_side(tmp_path):
    import openpyxl

    out = tmp_path / "all.xlsx"
    files = [REFERENCE, CLEAN, CORPUS / "2024_huaian_city_govt.pdf", tmp_path / "nothing.txt"]
    (tmp_path / "nothing.txt").write_bytes(b"")
    assert run("extract", *files, "--format", "xlsx", "-o", out).returncode == 2  # one file unreadable
    wide = openpyxl.load_workbook(out)["汇总 wide"]
    header = [c.value for c in wide[1]]
    assert header[:5] == ["file", "agency", "year", "template", "findings"]
    col = header.index("t3.new_received.total") + 1
    assert [wide.cell(r, col).value for r in (4, 5, 6)] == [0, 26, 3119]
    assert wide.cell(7, 2).value.endswith("empty file / 文件为空")


def test_xlsx_is_deterministic(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    run("extract", REFERENCE, "--format", "xlsx", "-o", a)
    run("extract", REFERENCE, "--format", "xlsx", "-o", b)
    assert a.read_bytes() == b.read_bytes()


def test_xlsx_to_stdout_when_it_is_not_a_terminal():
    """Into a pipe (or a file) the workbook is written; to a terminal it is refused (the
    terminal case needs a real one: test_installed.py::test_xlsx_refuses_a_terminal)."""
    import openpyxl

    r = run("extract", CLEAN, "--format", "xlsx")
    assert r.returncode == 0 and r.stderr == b""
    assert openpyxl.load_workbook(io.BytesIO(r.stdout))["表三 依申请"]["J4"].value == 26
