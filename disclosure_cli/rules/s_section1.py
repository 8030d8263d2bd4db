"""S-SECTION1 — 总体情况涵盖格式要求的各方面 (section 一 covers what the template requires).

检查 / What it checks
    一、总体情况 mentions each aspect the 2021 template (30号) lists (Template.section1): 主动公开, 依申请公开,
    政府信息管理, 平台建设 and 监督保障; and, in a 人民政府's report, the results of 工作考核,
    社会评议 and 责任追究 (条例 第五十条（四）; these may also stand in sections 五 or 六). Each
    aspect is recognised by its words (平台建设: 平台 or 网站; 监督保障: 监督, 保障, 考核 or
    培训 …). Only a complete section 一 is judged: one followed by another section's heading.

为什么 / Why
    The format says the content must follow 第五十条 strictly, "不能遗漏"; evaluators score
    completeness of the required elements.

失败示例 / Failing example
    A section 一 of one paragraph on 主动公开 only.

来源 / Source
    国办公开办函〔2021〕30号; 条例 第五十条; docs/report-format.md §3.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import GOVERNMENT_RESULTS, TEMPLATES
from ._body import body
from ._common import finding

ID = "S-SECTION1"
SEVERITY = "info"
SUMMARY = "总体情况涵盖主动公开、依申请公开、信息管理、平台建设、监督保障 / section 一 covers the required aspects"


def check(report: Report) -> Iterator[Finding]:
    one = report.section(1)
    aspects = TEMPLATES[report.template].section1 if report.template in TEMPLATES else ()
    if not aspects or one is None or not any(s.number > 1 for s in report.sections):
        return
    text = "".join(one.text.split())
    missing = [name for name, words in aspects if not any(w in text for w in words)]
    b = body(report)
    if b is not None and b.government:
        rest = "".join("".join(s.text.split()) for s in report.sections if s.number in (5, 6))
        missing += [f"{name}结果" for name, words in GOVERNMENT_RESULTS if not any(w in text + rest for w in words)]
    if missing:
        yield finding(
            f"「{one.heading}」未涉及：{'、'.join(missing)}（格式要求，{TEMPLATES[report.template].circular}）"
            " / section 一 lacks required aspects", locations=(one.loc,),
        )
