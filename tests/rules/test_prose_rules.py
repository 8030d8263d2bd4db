"""N-APP, N-OUT, N-T4, N-T2, N-SUM, N-YEAR, N-S5, T3-FEE, T2-A-PLAUS: real phrasing, a passing
and a failing case each; the corpus contradictions; no false alarms on consistent reports."""

from __future__ import annotations

import pytest

from disclosure_cli import check, parse

from ..conftest import CLEAN, CORPUS, REFERENCE
from .helpers import clean, findings

TEXT = CLEAN.read_text(encoding="utf-8")


def _with_prose(old: str, new: str):
    assert old in TEXT
    return parse(TEXT.replace(old, new))


PROSE_RULES = ["N-APP", "N-OUT", "N-T4", "N-T2", "N-SUM", "N-YEAR", "N-S5", "T3-FEE", "T2-A-PLAUS"]


@pytest.mark.parametrize("rule", PROSE_RULES)
def test_clean_sample_passes(rule):
    assert findings(rule, clean()) == []


@pytest.mark.parametrize(
    "rule,old,new,quoted",
    [
        ("N-APP", "共收到政府信息公开申请26件", "共收到政府信息公开申请30件", "30件"),
        ("N-APP", "办结25件", "办结二十件", "办结二十件"),
        ("N-APP", "结转下年度继续办理3件", "结转下年度继续办理5件", "5件"),
        ("N-OUT", "予以公开11件", "予以公开12件", "予以公开12件"),
        ("N-OUT", "无法提供7件", "无法提供6件", "无法提供6件"),
        ("N-T4", "行政复议2件", "行政复议三件", "行政复议三件"),
        ("N-T4", "其中结果维持1件", "其中结果维持2件", "维持2件"),
        ("N-T2", "本年度制发行政规范性文件3件", "本年度制发行政规范性文件5件", "制发行政规范性文件5件"),
        ("N-T2", "行政处罚决定86件", "行政处罚决定96件", "96"),
        ("N-YEAR", "统计期限自2023年1月1日", "统计期限自2022年1月1日", "2022"),
        ("N-S5", "一是主动公开内容的深度有待加强，政策解读形式较为单一；二是工作人员业务能力有待提高。下一步，我局将加强政策解读，组织业务培训，提升政府信息公开质量。", "无。", "无"),
    ],
)
def test_prose_contradiction_is_reported(rule, old, new, quoted):
    (f,) = findings(rule, _with_prose(old, new))
    assert quoted in f.message


def test_shared_cases_are_accepted():
    # 共收到 may mean 一 or 一+二
    assert findings("N-APP", _with_prose("共收到政府信息公开申请26件", "共收到政府信息公开申请28件")) == []


@pytest.mark.parametrize("stated", ["3-5件", "3~5件", "3～5件", "3至5件", "3到5件", "三至五件", "2.5件", "1.5万件"])
def test_ranges_and_decimals_are_not_counts(stated):
    """「新收申请3-5件」states no count: read as 5 it would contradict the table (26)."""
    report = _with_prose("共收到政府信息公开申请26件", f"本年新收政府信息公开申请{stated}")
    assert findings("N-APP", report) == []
    assert findings("N-APP", _with_prose("共收到政府信息公开申请26件", "本年新收政府信息公开申请5件"))  # the control


@pytest.mark.parametrize("text,counts", [
    ("答复率达100%", []), ("占比99.5％", []), ("同比增长12.5", []), ("2023年度", ["2023"]), ("26件", ["26"]),
    ("十二件", ["十二"]), ("3二件", ["3"]),
])
def test_the_count_pattern_skips_percentages_decimals_and_digit_runs(text, counts):
    """NUM, the number of every prose pattern, on its own: a percentage or a decimal is never
    a count, and a count is a whole run of digits or of Chinese numerals."""
    import re

    from disclosure_cli.narrative import NUM

    assert [m.group("n") for m in re.finditer(NUM, text)] == counts


@pytest.mark.parametrize("text,counts", [
    ("1,234件", ["1,234"]), ("1，234件", ["1,234"]), ("12,345,678件", ["12,345,678"]),
    ("1,2345件", []), ("20,1234件", []), ("1,234,5678件", []), ("1,23件", []), ("2 0件", []), ("共1,234件行政复议", ["1,234"]),
])
def test_the_count_pattern_reads_well_formed_grouping_only(text, counts):
    """A count with digit grouping is the number grammar's (groups of three): a malformed group
    is no count, and no part of it (`2345` of `1,2345`) is read either."""
    import re

    from disclosure_cli.narrative import NUM
    from disclosure_cli.normalize import chinese_number

    found = [m.group("n") for m in re.finditer(NUM, text)]
    assert [chinese_number(n) for n in found] == [int(c.replace(",", "")) for c in counts]


@pytest.mark.parametrize("stated,read", [("1,234", 1234), ("1，234", 1234), ("1\u00a0234", 1234), ("1,2345", None),
                                         ("2 6", None), ("1 234", None)])
def test_grouped_counts_in_prose_are_compared(stated, read):
    """「共收到申请1,234件」 is 1234 against the table's 26; a malformed grouping is no count."""
    found = findings("N-APP", _with_prose("共收到政府信息公开申请26件", f"共收到政府信息公开申请{stated}件"))
    assert [f.actual for f in found] == ([read] if read else [])


def test_n_sum_on_the_reference_input():
    report = parse(REFERENCE)
    assert findings("N-SUM", report) == []
    text = REFERENCE.read_text(encoding="utf-8").replace("政务动态44条", "政务动态40条")
    (f,) = findings("N-SUM", parse(text))
    assert "分项之和为59条，与总数63条不一致" in f.message


def test_n_sum_reports_the_science_commission_slip():
    report = parse(CORPUS / "2024_shanghai_science_tech_commission_pdf2md.md")
    (f,) = findings("N-SUM", report)
    assert f.expected == 2160 and f.actual == 2139


def test_shanghai_2019_contradictions():
    fs = [f for f in check(parse(CORPUS / "2019_shanghai_municipal_govt_general_office.html")) if f.rule.startswith("N-")]
    got = sorted((f.rule, f.expected, f.actual) for f in fs)
    assert got == [("N-OUT", 275, 258), ("N-OUT", 337, 265), ("N-T4", 7, 5), ("N-T4", 9, 8)]
    assert all(f.severity == "warning" for f in fs)


def test_consistent_huaian_prose_raises_no_prose_finding():
    fs = check(parse(CORPUS / "2024_huaian_city_govt.pdf"))
    assert [f for f in fs if f.rule.startswith("N-") or f.rule == "T3-FEE"] == []


def test_t3_fee():
    report = clean()
    report.values["t3.other_handling.unpaid_fee.total"].value = 2
    assert findings("T3-FEE", report) == []  # section 六 mentions 信息处理费
    report = _with_prose("本年度未收取信息处理费。", "无。")
    report.values["t3.other_handling.unpaid_fee.total"].value = 2
    (f,) = findings("T3-FEE", report)
    assert "信息处理费" in f.message


def test_t2_a_plaus():
    report = parse(REFERENCE)
    assert findings("T2-A-PLAUS", report) == []
    report.values["t2.normative_docs.new_published"].value = 5
    made, total = findings("T2-A-PLAUS", report)
    assert "大于本年新制作数量（0）" in made.message and "小于本年新公开数量（5）" in total.message
