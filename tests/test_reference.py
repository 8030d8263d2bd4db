"""The project's reference input: every value against the verified expected file."""

from __future__ import annotations

from disclosure_cli import check, parse

from .conftest import REFERENCE, expected


def test_every_value_matches_expected():
    report = parse(REFERENCE)
    want = expected("2020_district_cdc_pasted.txt")
    assert report.template == want["template"] == "2019"
    assert report.year == want["year"] == 2020
    assert report.agency == want["agency"]
    assert len(report.values) == 198
    assert {k: v.value for k, v in report.values.items()} == want["values"]


def test_unreadable_table4_is_null_with_a_finding_never_zero():
    report = parse(REFERENCE)
    want = expected("2020_district_cdc_pasted.txt")
    for key in want["unreadable"]:
        v = report.values[key]
        assert v.value is None and v.status == "unreadable"
        assert "表头" in v.note
    findings = check(report)
    cell = [f for f in findings if f.rule == "S-CELL"]
    assert len(cell) == 1
    assert set(cell[0].keys) == set(want["unreadable"])
    assert cell[0].severity == "error"
    assert "305" in cell[0].message and "321" in cell[0].message


def test_table3_is_consistent_and_nothing_else_is_reported():
    findings = check(parse(REFERENCE))
    assert [f.rule for f in findings] == ["S-CELL"]


def test_provenance_points_at_the_source_line():
    report = parse(REFERENCE)
    amount = report.values["t2.procurement.amount"]
    assert (amount.value, amount.unit, amount.raw, amount.loc.line) == (1751292.6, "元", "1751292.6元", 76)
    assert report.values["t2.licensing.decisions"].loc.line == 39
    assert report.values["t3.carried_forward.total"].loc.line == 300
    assert report.values["t2.regulations.new_made"].row_label == "规 章"


def test_years_from_titles_and_wrapped_statistics_periods():
    from .conftest import CORPUS

    science = parse(CORPUS / "2024_shanghai_science_tech_commission_pdf2md.md")
    assert (science.year, science.period_year, science.agency) == (2024, 2024, "上海市科委")  # period wraps lines
    bureau = parse(CORPUS / "excerpts" / "2023_district_statistics_bureau_web_excerpt.txt")
    assert (bureau.year, bureau.agency) == (2023, None)  # named only inside a sentence: no body guessed
