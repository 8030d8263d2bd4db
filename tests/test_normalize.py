"""The number grammar: only a well-formed number is a number; anything else with digits in it
is text (unreadable), never a different number."""

from __future__ import annotations

import pytest

from disclosure_cli.normalize import value


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("1234", 1234, None),
        ("1,234", 1234, None),
        ("1，234", 1234, None),  # full-width comma
        ("1\u00a0234", 1234, None),  # NBSP
        ("1\u2009234", 1234, None),  # thin space
        ("1\u202f234\u202f567", 1234567, None),  # narrow NBSP
        ("12,345,678", 12345678, None),
        ("１，２３４", 1234, None),  # full-width digits
        ("12,345.5", 12345.5, None),
        ("12.5万元", 12.5, "万元"),
        (" 12 ", 12, None),
        ("-5", -5, None),
        ("+3", 3, None),
        ("007", 7, None),
    ],
)
def test_well_formed_numbers(text, number, unit):
    v = value(text)
    assert (v.kind, v.number, v.unit) == ("number", number, unit)


@pytest.mark.parametrize(
    "text",
    [
        "1,5200",  # a group of four
        "20,1234",
        "1,234,5678",
        "1234,567",  # a first group of four
        "0,123",  # a first group with a leading zero
        "12,",
        ",12",
        "1,,234",
        "1.2.3",
        "2 0",  # an ordinary space between digits: two cells run together
        "1 234",
        "1\u00a0\u00a0234",
        "1,234 567",
        "1\u00a023",  # NBSP before a group of two
        "二十",
        "（空）",
        "abc",
        "约1500",
        "١٢",  # digits of another script
    ],
)
def test_malformed_numbers_are_text(text):
    assert value(text).kind == "text"


@pytest.mark.parametrize("text", ["", " ", "\u00a0", "/", "-", "—", "——", "无", "- -"])
def test_blanks(text):
    assert value(text).kind == "blank"


@pytest.mark.parametrize("text", ["9" * 16, "9" * 5000, "1" + "0" * 400 + ".5", "1.0000000000000001", "1,000,000,000,000,000"])
def test_numbers_longer_than_a_double_holds_are_text(text):
    """No statutory cell has more than a dozen digits. Past 15 a double (JSON consumers, Excel)
    no longer holds the number exactly; past 308 it is infinite (not JSON); past 4,300 Python
    refuses to convert it. Such a cell is unreadable, never an internal error or a rounded number."""
    assert value(text).kind == "text"
    assert value("9" * 15).number == 999_999_999_999_999


def test_a_huge_number_in_a_cell_or_the_prose_is_a_finding_not_an_internal_error(tmp_path):
    import json

    from .conftest import CLEAN, invoke

    text = CLEAN.read_text(encoding="utf-8")
    for name, damaged in [
        ("cell.txt", text.replace("行政许可 | 1520 |", "行政许可 | " + "9" * 5000 + " |", 1)),
        ("money.txt", text.replace("行政事业性收费 | 12.5 |", "行政事业性收费 | 1" + "0" * 400 + ".5 |", 1)),
        ("prose.txt", text.replace("作出行政许可决定1520件", "作出行政许可决定" + "9" * 5000 + "件", 1)),
        ("sum.txt", text.replace("一、总体情况", "一、总体情况\n累计发布信息" + "9" * 5000 + "条（其中动态1条、公告2条）。", 1)),
    ]:
        (tmp_path / name).write_text(damaged, encoding="utf-8")
        r = invoke("check", "--format", "json", tmp_path / name)
        assert r.returncode in (0, 1), (name, r.stderr)
        record = json.loads(r.stdout)["files"][0]
        assert record["status"] == "ok", name
        if name in ("cell.txt", "money.txt"):
            assert r.returncode == 1 and "S-CELL" in {f["rule"] for f in record["findings"]}


@pytest.mark.parametrize("text,number", [("5\u200b", 5), ("\u200b5", 5), ("2\u200b6", 26), ("5\ufeff", 5), ("1\u00ad520", 1520),
                                         ("\u202a12\u202c", 12), ("3\u2060", 3)])
def test_invisible_format_characters_are_not_part_of_a_cell(text, number):
    """Zero-width spaces (the filler UEditor-based CMS pages leave in cells), soft hyphens, BOMs,
    word joiners and direction marks show nothing: the cell reads as what it shows."""
    v = value(text)
    assert (v.kind, v.number) == ("number", number)
    assert value("\u200b").kind == value("\u200b\u200b ").kind == "blank"


def test_a_page_with_zero_width_fillers_reads_as_the_clean_report():
    from disclosure_cli import check, parse

    from .conftest import CLEAN
    from .layouts import rows_of, to_html

    page = to_html(rows_of(CLEAN.read_text(encoding="utf-8")))
    filled = (page.replace(b"<td>&nbsp;</td>", "<td>\u200b</td>".encode()).replace(b"<span>1520</span>", "<span>1520\u200b</span>".encode())
              .replace("<span>行政许可</span>".encode(), "<span>行政\u200b许可</span>".encode()))
    assert filled.count("\u200b".encode()) > 3
    report = parse(filled, name="ueditor.html")
    assert {k: v.value for k, v in report.values.items()} == {k: v.value for k, v in parse(CLEAN).values.items()}
    assert check(report) == []
