"""S-TEMPLATE, S-TABLE, S-CELL, S-BLANK, S-SECTION, S-LABEL."""

from __future__ import annotations

from disclosure_cli import check, parse

from ..conftest import CLEAN, CORPUS, REFERENCE
from .helpers import clean, findings, with_values


def _text(**replace):
    text = CLEAN.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text


def test_s_template_passes_and_warns_on_wrong_year():
    assert findings("S-TEMPLATE", clean()) == []
    report = clean()
    report.year = 2020
    (f,) = findings("S-TEMPLATE", report)
    assert "2020年度报告使用了2021年格式" in f.message and f.severity == "warning"


def test_s_template_reports_pre2019_layout_as_unsupported():
    text = "某局2017年政府信息公开工作年度报告\n当面申请 | 3 |\n网络申请 | 5 |\n同意公开答复数 | 6 |\n信函申请 | 0 |\n"
    report = parse(text + "\n" * 2 + "行政复议 | 0 |\n")
    (f,) = [f for f in check(report) if f.rule == "S-TEMPLATE"]
    assert f.severity == "error" and "2019年以前" in f.message


def test_s_table_missing_table4():
    text = _text()
    text = text[: text.index("四、政府信息公开行政复议")]
    report = parse(text)
    assert [f.message for f in findings("S-TABLE", report)] == ["未找到表四（行政复议、行政诉讼） / table 4 not found"]
    assert findings("S-TABLE", clean()) == []


def test_s_cell_short_row_and_text_in_a_number_cell():
    report = parse(_text(**{"| 1520 | | |": "| 约1500 | | |"}))
    (f,) = findings("S-CELL", report)
    assert f.keys == ("t2.licensing.decisions",) and "文字" in f.message
    assert report.values["t2.licensing.decisions"].value is None
    assert findings("S-CELL", clean()) == []


def test_s_cell_reports_a_row_whose_label_is_missing():
    report = parse(_text(**{"4.无正当理由大量反复申请 |": "4.（标签缺失） |"}))
    fs = findings("S-CELL", report)
    assert any("t3.not_processed.excessive.total" in f.keys for f in fs)


def test_s_blank_lists_blank_cells_per_table():
    report = with_values(**{"t3.granted.research": None, "t3.partial.research": None})
    (f,) = findings("S-BLANK", report)
    assert f.keys == ("t3.granted.research", "t3.partial.research") and f.table == "t3"
    assert findings("S-BLANK", clean()) == []


def test_s_section_missing_and_renumbered():
    assert findings("S-SECTION", clean()) == []
    report = parse(_text(**{"五、存在的主要问题及改进情况\n": ""}))
    (f,) = findings("S-SECTION", report)
    assert "五、存在的主要问题及改进情况" in f.message


def test_s_label_quotes_a_misprint():
    report = parse(_text(**{"5.属于三类内部事务信息": "5.属于三类内容事务信息", "只计这一情形": "只计这一情况"}))
    fs = findings("S-LABEL", report)
    assert {f.keys[0] for f in fs} == {"t3.withheld.internal_affairs.natural_person", "t3.partial.natural_person"}
    assert all(len(f.keys) == 7 for f in fs)
    assert any("三类内容事务信息" in f.message for f in fs)
    assert report.values["t3.withheld.internal_affairs.total"].value == 0


def test_reference_input_structure():
    fs = check(parse(REFERENCE))
    assert not [f for f in fs if f.rule in ("S-TEMPLATE", "S-TABLE", "S-SECTION", "S-LABEL", "S-BLANK")]


def test_truncated_excerpt_gives_findings_not_an_error():
    report = parse(CORPUS / "excerpts" / "2023_changchun_municipal_bureau_styjrswj_web_excerpt.txt")
    assert report.template == "2021"
    assert report.values["t2.licensing.decisions"].value == 0
    assert report.values["t3.new_received.total"].value == 3
    rules = {f.rule for f in check(report)}
    assert {"S-TABLE", "S-CELL"} <= rules
