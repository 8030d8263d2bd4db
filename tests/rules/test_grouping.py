"""One cause, one finding (rules/_group.py, S-CELL) and the wording of blanks: a blank total is
said to be blank, never 0."""

from __future__ import annotations

from disclosure_cli import check, parse
from disclosure_cli.templates import T3_APPLICANT_COLUMNS

from ..conftest import CORPUS
from .helpers import clean, findings, with_values

SHANGHAI_2019 = CORPUS / "2019_shanghai_municipal_govt_general_office.html"


def test_a_blank_total_is_called_blank_not_zero():
    (f,) = findings("T3-ROW", with_values(**{"t3.partial.total": None}))
    assert f.message == "表三「（二）部分公开（区分处理的，只计这一情形，不计…」行：总计为空，应为六类申请人之和 3"
    assert (f.expected, f.actual) == (3, None)


def test_blank_parts_beside_a_total_are_called_blank_not_zero():
    report = with_values(**{f"t3.granted.{c}": None for c in T3_APPLICANT_COLUMNS})
    (f,) = findings("T3-ROW", report)
    assert f.message.endswith("总计为 11，而六类申请人之和的各单元格均为空")
    assert (f.expected, f.actual) == (None, 11)


def test_blanks_among_numbers_still_count_as_zero_and_say_so():
    (f,) = findings("T3-ROW", with_values(**{"t3.granted.natural_person": None}))
    assert "应为 2，实为 11（其中1个空白单元格按0计算）" in f.message


def test_a_blank_total_column_is_one_finding_listing_the_rows():
    report = with_values(**{"t3.granted.total": None, "t3.partial.total": None, "t3.handled_total.total": None})
    (column,) = [f for f in check(report) if f.rule.startswith("T3")]  # T3-OUT and T3-BAL of 总计 folded in
    assert column.rule == "T3-ROW" and column.keys == ("t3.granted.total", "t3.partial.total", "t3.handled_total.total")
    assert column.message.startswith(
        "表三（收到和处理申请）「总计」列有3个单元格为空，应为各行六类申请人之和：（一）予以公开 11、（二）部分公开"
    )
    assert "（T3-OUT）" in column.message and "（T3-BAL）" in column.message
    assert [(c.key, c.expected, c.actual) for c in column.cells] == [
        ("t3.granted.total", 11, None), ("t3.partial.total", 3, None), ("t3.handled_total.total", 25, None)]
    assert len(column.locations) == 3 and len(column.to_dict()["cells"]) == 3


def test_a_finding_explained_by_the_blank_cells_is_folded_into_it():
    report = with_values(**{"t3.granted.total": None})
    found = check(report)
    assert [f.rule for f in found if f.rule.startswith("T3")] == ["T3-ROW"]  # T3-OUT's 总计 column balances once filled
    assert "补齐后表三「总计」列的（七）总计 25 与（一）至（六）各项之和相符（T3-OUT）" in found[0].message


def test_a_finding_not_explained_by_the_blank_cells_stays():
    report = with_values(**{"t3.granted.total": None, "t3.handled_total.total": 26})
    rules = sorted(f.rule for f in check(report) if f.rule.startswith("T3"))
    assert "T3-OUT" in rules and "T3-ROW" in rules


def test_shanghai_blank_total_column_is_one_finding_with_its_eleven_rows():
    report = parse(SHANGHAI_2019)
    found = check(report)
    (column,) = [f for f in found if f.rule in ("T3-ROW", "T3-OUT")]
    assert column.rule == "T3-ROW" and len(column.keys) == 11 and all(k.endswith(".total") for k in column.keys)
    assert "「总计」列有11个单元格为空" in column.message
    assert "（一）予以公开 272" in column.message and "2.重复申请 9" in column.message
    assert "（七）总计 805 与（一）至（六）各项之和相符（T3-OUT）" in column.message
    assert sum(c.expected for c in column.cells) == 805
    for f in found:
        assert "实为 0" not in f.message and "应为 0" not in f.message


def test_s_cell_one_finding_per_table_and_problem():
    report = clean()
    for key in ("t3.granted", "t3.partial", "t3.withheld.state_secret"):
        for c in ("natural_person", "commercial", "research", "social", "legal", "other", "total"):
            v = report.values[f"{key}.{c}"]
            v.value, v.status, v.note = None, "missing", "未找到该行标签 / row label not found"
    (f,) = findings("S-CELL", report)
    assert len(f.keys) == 21
    assert f.message.startswith("表三（收到和处理申请）3行（「（一）予以公开」、「（二）部分公开")
    assert "共21个单元格无法读取" in f.message
