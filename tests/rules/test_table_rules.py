"""T3-BAL, T3-OUT, T3-ROW, T3-NONNEG, T4-SUM, T4-NONNEG, T2-NONNEG: a passing and a failing
case each, on the clean sample with one cell changed."""

from __future__ import annotations

import pytest

from .helpers import clean, findings, with_values


@pytest.mark.parametrize("rule", ["T3-BAL", "T3-OUT", "T3-ROW", "T3-NONNEG", "T4-SUM", "T4-NONNEG", "T2-NONNEG"])
def test_clean_report_passes(rule):
    assert findings(rule, clean()) == []


def test_t3_bal_fails_on_the_changed_column():
    report = with_values(**{"t3.carried_forward.natural_person": 3})
    (f,) = findings("T3-BAL", report)
    assert f.expected == 22 and f.actual == 23
    assert "t3.carried_forward.natural_person" in f.keys
    assert "自然人" in f.message and "应为 22，实为 23" in f.message


def test_t3_bal_counts_blanks_as_zero_and_says_so():
    report = with_values(**{"t3.carried_over.commercial": None, "t3.carried_forward.commercial": 2})
    (f,) = findings("T3-BAL", report)
    assert "空白单元格按0计算" in f.message


def test_t3_bal_skips_a_column_of_blanks():
    report = with_values(**{f"t3.{r}.research": None for r in ("new_received", "carried_over", "handled_total", "carried_forward")})
    assert findings("T3-BAL", report) == []


def test_t3_out_fails_per_column():
    report = with_values(**{"t3.unable.not_held.legal": 2})
    (f,) = findings("T3-OUT", report)
    assert f.keys[0] == "t3.handled_total.legal" and f.expected == 2 and f.actual == 1
    assert "法律服务机构" in f.message


def test_t3_row_names_the_row_as_the_report_prints_it():
    report = with_values(**{"t3.partial.total": 4})
    (f,) = findings("T3-ROW", report)
    assert "部分公开" in f.message and f.expected == 3 and f.actual == 4


def test_t3_nonneg():
    (f,) = findings("T3-NONNEG", with_values(**{"t3.granted.research": -1}))
    assert f.keys == ("t3.granted.research",) and "负数" in f.message
    (f,) = findings("T3-NONNEG", with_values(**{"t3.granted.research": 1.5}))
    assert "整数" in f.message


def test_t4_sum():
    (f,) = findings("T4-SUM", with_values(**{"t4.review.total": 3}))
    assert f.expected == 2 and f.actual == 3 and "行政复议" in f.message


def test_t4_nonneg():
    (f,) = findings("T4-NONNEG", with_values(**{"t4.suit_direct.pending": -1}))
    assert f.keys == ("t4.suit_direct.pending",)


def test_t2_nonneg_allows_decimal_money_but_not_negative_counts():
    assert findings("T2-NONNEG", with_values(**{"t2.fees.amount": 0.35})) == []
    (f,) = findings("T2-NONNEG", with_values(**{"t2.penalty.decisions": -2}))
    assert f.keys == ("t2.penalty.decisions",)


def test_t2_nonneg_allows_signed_change_in_2019(tmp_path):
    from disclosure_cli import parse

    from ..conftest import REFERENCE

    report = parse(REFERENCE)
    report.values["t2.licensing.change"].value = -3
    assert findings("T2-NONNEG", report) == []
    report.values["t2.licensing.prev_items"].value = -3
    assert len(findings("T2-NONNEG", report)) == 1
