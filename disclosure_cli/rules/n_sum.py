"""N-SUM — 正文中的总数与其分项之和一致 (a stated total adds up to its parts).

检查 / What it checks
    A total followed directly by its parts — 「…共63条（其中政务动态44条、机构职能3条…）」,
    「…86条，其中：组织机构类信息2条；…」, 「…32条，包括…」 — where every part is counted in the
    same unit (条/件/篇/个/项): the parts add up to the total.

为什么 / Why
    Breakdowns are typed by hand; a part left out or mistyped shows as a sum that does not
    match.

失败示例 / Failing example
    「累计发布信息2139条，其中动态类1744条、政务信息393条、解读类21条、回应热点2条」: 2160.

来源 / Source
    CUSTOMARY (reviewers' practice); docs/report-format.md §8.5.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Report
from ..normalize import MAX_DIGITS
from ._common import finding
from ._prose import report_sentences

ID = "N-SUM"
SEVERITY = "warning"
SUMMARY = "正文中的总数与分项之和一致 / a stated total adds up to its parts"

_TOTAL = re.compile(
    r"(?<![\d.])(?P<total>\d+)(?P<unit>[条件篇个项])[，,:：]?\s*[（(]?(?:其中|包括)[:：]?(?P<parts>[^。）)]+)"
)


def check(report: Report) -> Iterator[Finding]:
    for sent in report_sentences(report):
        for m in _TOTAL.finditer(sent.text):
            unit = m.group("unit")
            parts_text = m.group("parts")
            found = [m.group("total"), *re.findall(rf"(?<![\d.%年月日])(\d+)(?=余?{unit})", parts_text)]
            if (len(found) < 3 or re.search(r"\d+(?:\.\d+)?[%％]", parts_text) or "余" in parts_text
                    or any(len(n) > MAX_DIGITS for n in found)):
                continue
            total, *parts = map(int, found)
            if sum(parts) != total:
                yield finding(f"正文「{m.group(0)[:60]}」：分项之和为{sum(parts)}{unit}，与总数{total}{unit}不一致",
                    locations=(sent.loc,), expected=sum(parts), actual=total,
                )
