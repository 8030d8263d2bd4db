"""N-OUT — 正文所述办理结果与表三一致 (outcome counts in the prose match table 3).

检查 / What it checks
    予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理 N 件 (and 予以公开及部分公开 N 件)
    against the 总计 column summed over the group's rows. Where a row's 总计 is blank, its
    applicant cells are summed instead.

为什么 / Why
    A narrative that quotes one row for its whole group, or one column for the whole row, is a
    common drafting slip.

失败示例 / Failing example
    Shanghai 2019: 「予以公开及部分公开258件」while the table gives 272 + 3 = 275;
    「无法提供265件」while （四） sums to 265 + 47 + 25 = 337.

来源 / Source
    CUSTOMARY, docs/report-format.md §8.5 and §10.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._prose import contradiction, group_total, report_statements

ID = "N-OUT"
SEVERITY = "warning"
SUMMARY = "正文所述办理结果与表三一致 / prose outcome counts match table 3"

_GROUPS = {
    "granted": ("予以公开", ("granted",)),
    "partial": ("部分公开", ("partial",)),
    "granted+partial": ("予以公开及部分公开", ("granted", "partial")),
    "withheld": ("不予公开", ("withheld",)),
    "unable": ("无法提供", ("unable",)),
    "not_processed": ("不予处理", ("not_processed",)),
    "other_handling": ("其他处理", ("other_handling",)),
}


def check(report: Report) -> Iterator[Finding]:
    if report.template is None:
        return
    for st in report_statements(report):
        if st.subject not in _GROUPS:
            continue
        what, groups = _GROUPS[st.subject]
        totals = [group_total(report, g) for g in groups]
        if any(t is None for t in totals):
            continue
        value = sum(totals)
        if value != st.value:
            keys = tuple(k for k in report.values if k.endswith(".total") and k.split(".")[1] in groups)
            yield contradiction(st, what, value, keys)
