"""N-T2 — 正文所述规章、规范性文件、许可、处罚、强制、收费与表二一致 (prose matches table 2).

检查 / What it checks
    A count the prose ties to a table-2 cell by noun and verb: 制发/印发/出台 (2021 本年制发件数),
    废止 (本年废止件数), 现行有效 (现行有效件数), 公开 (2019 本年新公开数量), 制作 (2019 本年新制作
    数量) of 规章 or (行政)规范性文件; 行政许可/行政处罚/行政强制 (决定) N 件 (处理决定数量);
    行政事业性收费 X 万元/亿元/元 (2021 本年收费金额, converted to 万元). 信息处理费 is not 收费.

为什么 / Why
    The prose often restates table 2; a differing figure means one of them is wrong.

失败示例 / Failing example
    「本年度制发行政规范性文件5件」 while 本年制发件数 = 3.

来源 / Source
    docs/report-format.md §8.5 (units: Guangdong 2022 states 亿元 while the table uses 万元).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..model import Finding, Report
from ..narrative import DIGITS, NUM
from ..normalize import chinese_number
from ..templates import TEMPLATES, keys
from ._common import finding, fmt
from ._prose import report_sentences

ID = "N-T2"
SEVERITY = "warning"
SUMMARY = "正文所述主动公开数与表二一致 / prose proactive-disclosure counts match table 2"



@cache
def _docs(template: str) -> re.Pattern[str]:
    """verb + (issuer) + document type + count: 「制发行政规范性文件3件」「主动公开规章13件」,
    with the template's verbs (Template.t2_verbs)."""
    verbs = dict(TEMPLATES[template].t2_verbs)
    return re.compile(
        rf"(?P<verb>{'|'.join(sorted(verbs, key=len, reverse=True))})(?:市政府|本机关|本单位|我局)?"
        rf"(?P<doc>行政规范性文件|规范性文件|规章){NUM}件"
    )


_DECISIONS = re.compile(rf"(?P<what>行政许可|行政处罚|行政强制)(?:决定|案件)?(?:共)?{NUM}件")
_FEES = re.compile(rf"行政事业性收费[^。；;]{{0,10}}?(?<![\d.,，])(?P<x>{DIGITS}(?:\.\d+)?)(?P<u>亿元|万元|元)")
_TO_WAN = {"亿元": 10000.0, "万元": 1.0, "元": 0.0001}
_ROW = {"行政许可": "licensing", "行政处罚": "penalty", "行政强制": "coercion"}
_FEE_KEY = "t2.fees.amount"  # 本年收费金额, where the template has it


def _statements(text: str, template: str):
    """(key, stated number) pairs a sentence ties to table 2."""
    verbs = dict(TEMPLATES[template].t2_verbs)
    for m in _docs(template).finditer(text):
        row = "regulations" if m.group("doc") == "规章" else "normative_docs"
        yield f"t2.{row}.{verbs[m.group('verb')]}", chinese_number(m.group("n"))
    for m in _DECISIONS.finditer(text):
        yield f"t2.{_ROW[m.group('what')]}.decisions", chinese_number(m.group("n"))
    if _FEE_KEY in keys(template):
        for m in _FEES.finditer(text):
            yield _FEE_KEY, round(float(re.sub("[,，]", "", m.group("x"))) * _TO_WAN[m.group("u")], 4)


def check(report: Report) -> Iterator[Finding]:
    if report.template is None or not TEMPLATES[report.template].t2_verbs:
        return
    for sent in report_sentences(report):
        if "信息处理费" in sent.text:
            continue
        for key, n in _statements(sent.text, report.template):
            v = report.values.get(key)
            if n is None or v is None or v.status != "ok" or abs(v.value - n) <= 1e-6:
                continue
            yield finding(f"正文「{sent.text[:60]}」所述{fmt(n)}与表二「{v.row_label}」「{v.col_label}」（{fmt(v.value)}）不一致",
                keys=(key,), locations=(sent.loc,), table="t2", expected=v.value, actual=n,
            )
