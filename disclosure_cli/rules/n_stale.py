"""N-STALE — 总体情况不以其他年份当作本年度叙述 (section 一 does not narrate another year as this one).

检查 / What it checks
    A sentence of 一、总体情况 that opens with a year other than the report's, as a report
    opens the year it describes: `2022年，我局…`, `2022年全区…`, `2022年度，…` in a report on
    2023. Comparisons and spans are not stale: `较2022年`, `2022年以来`, `2022年底`,
    `截至2022年`; nor is a plan (`2024年，我局将…`).

为什么 / Why
    Reports are rewritten from last year's file; a sentence whose year was not updated
    shows it, and says that last year's facts are this year's.

失败示例 / Failing example
    Report on 2023: 「2022年，示例县市场监督管理局认真贯彻落实《条例》…」.

来源 / Source
    The 2021 template notice (30号) on 内容雷同、敷衍塞责; docs/report-format.md §10.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Report
from ._common import finding
from ._prose import section_sentences

ID = "N-STALE"
SEVERITY = "warning"
SUMMARY = "总体情况不把其他年份当作本年度 / section 一 does not narrate another year as this one"

# An enumerator may come first: （一）, 一是, 1.
_OPENING = re.compile(
    r"^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+是|\d+[.、．])?"
    r"((?:19|20)\d{2})年度?(?!以来|底|末|初|上半年|下半年|同期|前|后|起|至|到|的|相比|比)(?:[，,]|(?=[我本全])|(?=[\u4e00-\u9fff]{1,6}(?:局|委|办|厅|政府|中心|街道|镇|区|县|市)))"
)
_PLAN = re.compile(r"将|计划|拟|力争|预计|下一步")


def check(report: Report) -> Iterator[Finding]:
    if report.year is None:
        return
    for sent in section_sentences(report, 1):
        m = _OPENING.match(sent.text)
        if not m:
            continue
        year = int(m.group(1))
        if year == report.year or (year > report.year and _PLAN.search(sent.text)):
            continue
        text = sent.text if len(sent.text) <= 40 else sent.text[:39] + "…"
        yield finding(
            f"「一、总体情况」中「{text}」以{year}年叙述，而本报告为{report.year}年度 / another year narrated as this one",
            locations=(sent.loc,), expected=report.year, actual=year,
        )
