"""N-APP — 正文所述申请数与表三一致 (application counts in the prose match table 3).

检查 / What it checks
    Counts the prose states — 本年新收 N 件 (一), 上年结转 N 件 (二), 结转/顺延下年度 N 件 (四),
    办结/答复 N 件 (（七）总计), 共收到/受理/接收…政府信息公开申请 N 件 in any of its phrasings
    (一, or 一 + 二: either is accepted) — against table 3's 总计 column. Only applications for
    government information count: 咨询, 网络问政, 信访, 12345 热线, 投诉 and the like never do.
    "None" against some (未收到申请 with 一 > 0, or the reverse) is N-ZERO's.

为什么 / Why
    Prose and table are drafted separately and drift apart; reviewers compare them first.
    Only plain counts that the phrase pins down are read; anything uncertain is skipped.

失败示例 / Failing example
    正文「共受理政府信息公开申请30件」but 一、本年新收 总计 = 26 and 一+二 = 28.

来源 / Source
    CUSTOMARY, docs/report-format.md §8.5 (KIROGOVCOMPARE generateTextItems).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._prose import contradiction, report_statements, row_total, zero_case

ID = "N-APP"
SEVERITY = "warning"
SUMMARY = "正文所述申请数与表三一致 / prose application counts match table 3"

_ROWS = {
    "new_received": ("本年新收申请", ("new_received",)),
    "carried_over": ("上年结转申请", ("carried_over",)),
    "carried_forward": ("结转下年度申请", ("carried_forward",)),
    "handled": ("办结/答复申请", ("handled_total",)),
}


def check(report: Report) -> Iterator[Finding]:
    if report.template is None:
        return
    new, over = row_total(report, "new_received"), row_total(report, "carried_over")
    for st in report_statements(report):
        if st.subject in _ROWS:
            what, rows = _ROWS[st.subject]
            value = row_total(report, rows[0])
            if value is not None and value != st.value and not (st.subject == "new_received" and zero_case(st.value, value)):
                yield contradiction(st, what, value, (f"t3.{rows[0]}.total",))
        elif st.subject == "received" and new is not None:
            accepted = {new} | ({new + over} if over is not None else set())
            if st.value not in accepted and not zero_case(st.value, new):
                yield contradiction(st, "收到/受理申请", new, ("t3.new_received.total", "t3.carried_over.total"))
