"""N-S5 — 第五部分（存在的主要问题及改进情况）有实质内容 (section 五 is not empty).

检查 / What it checks
    Section 五 exists and says more than 「无」: at least a sentence of problems and measures.

为什么 / Why
    Evaluations (CASS, 2016) mark thin reports down; 五 is where an office states its own
    problems and what it will do.

失败示例 / Failing example
    五、存在的主要问题及改进情况 / 无。

来源 / Source
    KIROGOVCOMPARE quality rule; CASS 「内容不翔实」; docs/report-format.md §8.5.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Report
from ._common import finding

ID = "N-S5"
SEVERITY = "warning"
SUMMARY = "第五部分有实质内容 / section 五 is not empty"


def check(report: Report) -> Iterator[Finding]:
    section = report.section(5)
    if section is None:
        return
    body = re.sub(r"[\s。.,，；;、]", "", section.text)
    if len(body) < 10:
        yield finding(f"「{section.heading}」内容为空或仅为「{section.text.strip()[:10] or '空'}」",
                      locations=(section.loc,))
