"""Property tests: no reader raises anything but InputError, whatever it is given, and every
value it reports is a number with status ok, or null with another status."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_cli import parse
from disclosure_cli.locate import locate
from disclosure_cli.model import InputError
from disclosure_cli.readers import read
from disclosure_cli.readers.decode import decode
from disclosure_cli.readers.html import read_html

from ..conftest import CLEAN
from ..layouts import render, rows_of, to_html

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TAGS = ["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", '<td rowspan="3">', '<td colspan="99999">',
        '<td rowspan="-2">', "<th>", "<p>", "</p>", "<br>", "<div style='display:none'>", "</div>", "&nbsp;",
        "行政复议", "（七）总计", "一、本年新收政府信息公开申请数量", "第二十条第（一）项", "12", "0", "—", "<script>", "</script>"]


def _consistent(report) -> None:
    for v in report.values.values():
        assert (v.value is None) == (v.status != "ok")


@SETTINGS
@given(st.binary(max_size=600))
def test_decode_raises_only_input_error(data):
    try:
        text, _ = decode(data, "x")
        assert isinstance(text, str)
    except InputError:
        pass


@SETTINGS
@given(st.lists(st.sampled_from(TAGS), max_size=150))
def test_html_reader_raises_only_input_error_on_tag_soup(pieces):
    try:
        _consistent(locate(read_html("".join(pieces).encode("utf-8"), "soup.html")))
    except InputError:
        pass


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from(["text", "html", "pdf", "docx", None]))
def test_any_bytes_in_any_reader_give_a_report_or_an_input_error(data, form):
    try:
        _consistent(locate(read(data, "x", form)))
    except InputError:
        pass


TRUTH = {k: v.value for k, v in parse(CLEAN).values.items()}
ROWS = rows_of(CLEAN.read_text(encoding="utf-8"))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data(), st.sampled_from(["html", "row", "cell", "markdown", "tab"]))
def test_damaged_tables_never_give_a_wrong_value(data, form):
    """Drop a cell, insert an empty cell or a stray number in random table rows, in any form:
    every value still read is the one the report holds at that key. Damage may make values
    null (with findings); it must never shift a number into another cell.

    Pasted one cell per line, rows have no boundaries: two damages that exactly compensate
    (a row loses a cell and a stray one stands before the next label) look like an intact
    table to any reader. There the guarantee is for one damaged row (README, Limits)."""
    damaged = []
    budget = 1 if form == "cell" else len(ROWS)
    for item in ROWS:
        if isinstance(item, list) and item and budget and data.draw(st.integers(0, 7)) == 0:
            budget -= 1
            i = data.draw(st.integers(0, len(item) - 1))
            item = [item[:i] + item[i + 1 :], item[:i] + [""] + item[i:], item[:i] + ["7"] + item[i:]][data.draw(st.integers(0, 2))]
        damaged.append(item)
    source = to_html(damaged) if form == "html" else render(damaged, form).encode("utf-8")
    try:
        report = parse(source, name=f"damaged.{'html' if form == 'html' else 'txt'}")
    except InputError:  # every anchor damaged: "no statutory tables" is a truthful answer
        return
    for key, v in report.values.items():
        if v.status == "ok":
            assert v.value == TRUTH[key], (form, key, v.raw, v.loc)
