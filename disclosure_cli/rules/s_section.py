"""S-SECTION — 六个部分齐全且顺序正确 (the six sections are present, in order).

检查 / What it checks
    The headings 一、总体情况; 二、主动公开政府信息情况; 三、收到和处理政府信息公开申请情况;
    四、政府信息公开行政复议、行政诉讼情况; 五、存在的主要问题及改进情况; 六、其他需要报告的事项
    (with their common variants) are all present, in this order, and carry their own numeral.

为什么 / Why
    The format fixes the six parts (条例 第五十条); a missing part is a missing statutory
    content.

失败示例 / Failing example
    A report that goes from 四 straight to 六, or numbers 主动公开政府信息情况 as 一.

来源 / Source
    docs/report-format.md §3.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..normalize import CN_NUMERALS
from ..templates import SECTIONS
from ._common import finding

ID = "S-SECTION"
SEVERITY = "warning"
SUMMARY = "六个部分齐全且顺序正确 / the six sections are present, in order"


def check(report: Report) -> Iterator[Finding]:
    if report.template is None:
        return
    seen = [s.number for s in report.sections]
    missing = [n for n in SECTIONS if n not in seen]
    if missing:
        names = "、".join(SECTIONS[n][0] for n in missing)
        yield finding(f"缺少部分：{names} / missing section(s)")
    firsts = []
    for n in seen:
        if n not in firsts:
            firsts.append(n)
    if firsts != sorted(firsts):
        yield finding("各部分顺序与格式不一致：" + " → ".join(CN_NUMERALS[n - 1] for n in firsts) + " / sections out of order")
    for s in report.sections:
        if s.printed is not None and s.printed != s.number:
            yield finding(f"标题「{s.heading}」编号为“{CN_NUMERALS[s.printed - 1]}”，按格式应为“{CN_NUMERALS[s.number - 1]}”"
                " / heading numbered differently from the format", locations=(s.loc,),
            )
