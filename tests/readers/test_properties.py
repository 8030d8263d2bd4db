"""Property tests: no reader raises anything but InputError, whatever it is given; a damaged
valid report never gives a wrong value."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from disclosure_cli.api import parse_all
from disclosure_cli.locate import locate
from disclosure_cli.model import InputError
from disclosure_cli.readers import read
from disclosure_cli.readers.decode import decode
from disclosure_cli.readers.html import read_html

from ..conftest import examples
from ..damage import DAMAGES, FORMS, damaged_sample

SETTINGS = settings(max_examples=examples(50))
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


@settings(max_examples=examples(20), suppress_health_check=list(HealthCheck))
@given(st.sampled_from(DAMAGES), st.sampled_from([f for f in FORMS if f != "docx"]), st.integers(0, 2**32 - 1))
def test_damaged_reports_never_give_a_wrong_value(kind, form, seed):
    """Hypothesis over tests/damage.py's valid reports and damages (test_damaged_reports.py runs
    fixed seeds of each kind and form): every value read is the number the damaged report
    states at that key, or null; and the examples do compare values (see the events)."""
    sample = damaged_sample(kind, seed)
    data, name = sample.render(form)
    compared = 0
    for report, truth in zip(parse_all(data, name=name), sample.truths, strict=True):
        for key, v in report.values.items():
            assert (v.value is None) == (v.status != "ok"), (key, v)
            if v.status == "ok":
                assert key in truth and v.value == truth[key], (kind, form, key, v.value, truth.get(key), v.raw, v.loc)
                compared += 1
    event(f"damage: {kind}")
    event("values compared" if compared else "nothing compared")
    assert compared, (kind, form, sample.note)  # a damage never leaves nothing to compare
