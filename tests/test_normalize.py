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
