"""The pasted-text reader: every layout gives the same values; label variants; never raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from disclosure_cli import parse
from disclosure_cli.api import parse_all
from disclosure_cli.locate import locate
from disclosure_cli.readers.text import read_text

from ..conftest import CLEAN, examples, render
from ..damage import DAMAGES, damaged_sample

CLEAN_TEXT = CLEAN.read_text(encoding="utf-8")
CLEAN_VALUES = {k: v.value for k, v in parse(CLEAN).values.items()}


@pytest.mark.parametrize("layout", ["row", "cell", "markdown", "markdown_bare", "tab"])
def test_each_layout_gives_the_same_values(layout):
    report = parse(render(CLEAN_TEXT, layout))
    assert report.template == "2021"
    assert {k: v.value for k, v in report.values.items()} == CLEAN_VALUES
    assert len(CLEAN_VALUES) == 200 and None not in CLEAN_VALUES.values()


def test_cell_per_line_is_detected():
    assert read_text(render(CLEAN_TEXT, "cell"), "x").cell_per_line
    assert not read_text(CLEAN_TEXT, "x").cell_per_line


@pytest.mark.parametrize(
    "old,new",
    [
        ("（一）予以公开", "(一)予以公开"),
        ("（一）予以公开", "（一） 予 以 公 开"),
        ("1.属于国家秘密", "1、属于国家秘密"),
        ("1.属于国家秘密", "１．属于国家秘密"),
        ("2.重复申请", "2．重复申请"),
        ("（七）总计", "（七）合计"),
        ("3.危及“三安全一稳定”", '3.危及"三安全一稳定"'),
        ("第二十条第（一）项", "第二十条 第(一)项"),
        ("| 1520 |", "| 1,520 |"),
        ("| 1520 |", "| １５２０ |"),
        ("| 1520 |", "| 1520\u00a0|"),
    ],
)
def test_label_and_number_variants(old, new):
    report = parse(CLEAN_TEXT.replace(old, new))
    assert {k: v.value for k, v in report.values.items()} == CLEAN_VALUES


def test_plain_lines_as_a_pdf_text_layer_gives_them():
    text = CLEAN_TEXT.replace(" | ", " ").replace(" |", "")
    report = parse(text)
    assert report.values["t3.granted.total"].value == 11
    assert report.values["t2.fees.amount"].value == 12.5


def test_placeholders_are_null_not_zero():
    report = parse(CLEAN_TEXT.replace("规章 | 0 | 0 | 0 |", "规章 | / | — | 无 |"))
    for col in ("issued", "repealed", "in_force"):
        v = report.values[f"t2.regulations.{col}"]
        assert v.value is None and v.status == "blank"


@settings(max_examples=examples(50))
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_reader_never_raises_on_arbitrary_text(text):
    locate(read_text(text, "fuzz"))


PIECES = st.sampled_from(
    ["|", " |", "||", "0 |", "12 |", "\n", "\t", "一、本年新收政府信息公开申请数量", "（七）总计", "行政复议", "总计",
     "第二十条第（一）项", "规章", "本列数据的勾稽关系", "3.其他", "（六）其他处理", "|---|", "— |", "约5 |"]
)


@settings(max_examples=examples(50))
@given(st.lists(PIECES, max_size=120))
def test_reader_never_raises_on_table_like_noise(pieces):
    locate(read_text("".join(pieces), "fuzz"))


@settings(max_examples=examples(10), suppress_health_check=list(HealthCheck))
@given(st.sampled_from(DAMAGES), st.integers(0, 2**32 - 1))
def test_layouts_with_row_boundaries_agree_on_a_damaged_report(kind, seed):
    """One row per line, Markdown (with or without its `|---|` line) and tab-separated keep
    where a row ends: a damaged valid
    report (tests/damage.py) gives the same values and statuses in each, none of them wrong."""
    sample = damaged_sample(kind, seed)
    read = []
    for layout in ("row", "markdown", "markdown_bare", "tab"):
        data, name = sample.render(layout)
        read.append([{k: (v.value, v.status) for k, v in r.values.items()} for r in parse_all(data, name=name)])
    assert read[0] == read[1] == read[2] == read[3], kind
    compared = [k for values, truth in zip(read[0], sample.truths, strict=True)
                for k, (value, status) in values.items() if status == "ok" and truth.get(k) == value]
    ok = [k for values in read[0] for k, (_, status) in values.items() if status == "ok"]
    assert compared == ok and compared, (kind, sample.note)
    event(f"damage: {kind}")


def _split_plain_searching_the_whole_line(line: str, lineno: int) -> list:
    """readers.text.split_plain as it was before it looked at the last words only."""
    from disclosure_cli.model import Cell, Location
    from disclosure_cli.readers.text import _MAX_LABEL_WITH_NUMBERS, _MAX_NUMBERS_IN_ROW, _TRAILING_NUMBERS

    tokens = list(_TRAILING_NUMBERS.finditer(line))
    run: list = []
    end = len(line.rstrip())
    for m in reversed(tokens):
        if line[m.end() : end].strip() or len(run) > _MAX_NUMBERS_IN_ROW:
            break
        run.append(m)
        end = m.start()
    run.reverse()
    head = line[:end].strip()
    if run and (len(head) > _MAX_LABEL_WITH_NUMBERS or len(run) > _MAX_NUMBERS_IN_ROW):
        run, head = [], line.strip()
    cells = [Cell(head, Location(line=lineno, column=line.index(head[0]) + 1))] if head else []
    return cells + [Cell(m.group(), Location(line=lineno, column=m.start() + 1)) for m in run]


WORDS = st.sampled_from(["1", "23", "1,234", "-5", "+6", "7.5", "8万元", "9元", "abc", "行政处罚", "1.", "(1)", "二十"])
SPACES = st.sampled_from([" ", "  ", "\t", "\u3000", "\u00a0", " \u2003 "])


@settings(max_examples=examples(50))
@given(st.lists(st.tuples(WORDS, SPACES), max_size=80), st.sampled_from(["", " ", "标签 "]), st.sampled_from(["", "1", " x", "  "]))
def test_plain_lines_split_as_if_the_whole_line_were_searched(words, lead, tail):
    """split_plain looks for the trailing numbers among the last words only (a 1 MB line of
    numbers is not half a million matches): it gives what a search of the whole line gives,
    also around the 64-number limit."""
    from disclosure_cli.readers.text import split_plain

    line = lead + "".join(w + s for w, s in words) + tail
    assert split_plain(line, 3) == _split_plain_searching_the_whole_line(line, 3)


def test_pasted_pdf_text_excerpt_matches_the_verified_pdf_values():
    """A partial text extraction of the Huaian PDF (starts mid table 2, wrapped labels, group
    labels one character per line): every value read equals the PDF's verified value."""
    from ..conftest import CORPUS, expected

    report = parse(CORPUS / "excerpts" / "2024_huaian_city_govt_pdf_text_partial.txt")
    truth = expected("2024_huaian_city_govt.pdf")["values"]
    read = {k: v.value for k, v in report.values.items() if v.status == "ok"}
    assert report.template == "2021" and len(read) == 92
    assert all(truth[k] == v for k, v in read.items())
    assert read["t3.partial.total"] == 454 and read["t2.fees.amount"] == 96171.6
