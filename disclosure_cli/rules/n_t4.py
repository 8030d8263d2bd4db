"""N-T4 — 正文所述行政复议、行政诉讼与表四一致 (prose reconsideration and litigation match table 4).

检查 / What it checks
    行政复议 N 件 = 行政复议 总计; 行政诉讼 N 件 = 未经复议直接起诉 总计 + 复议后起诉 总计; the
    results stated after each (结果维持/纠正/其他结果/尚未审结 N 件) match that group's cells;
    「均获维持」 means every case was upheld, which the table must show.

为什么 / Why
    Shanghai 2019 says all 7 reconsiderations and 9 suits 「均获维持」while table 4 shows 2
    and 1 still 尚未审结.

失败示例 / Failing example
    「行政复议7件，诉讼9件，均获维持」 with 结果维持 5 and 尚未审结 2.

来源 / Source
    CUSTOMARY, docs/report-format.md §8.5.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import T4_COLUMNS, T4_GROUPS, T4_LITIGATION
from ._common import finding, fmt
from ._prose import contradiction, quote, report_statements, zero_case

ID = "N-T4"
SEVERITY = "warning"
SUMMARY = "正文所述复议、诉讼与表四一致 / prose reconsideration and litigation match table 4"

_REVIEW, *_SUITS = T4_GROUPS
# prose subject → table-4 groups it counts, and its name in messages
_GROUPS = {"review": (_REVIEW.key,), "suit": tuple(g.key for g in _SUITS)}
_NAMES = {"review": _REVIEW.label, "suit": T4_LITIGATION}
# prose subject → (table-4 column, its label)
_COLUMN_LABELS = {c.key: c.label for c in T4_COLUMNS}
_RESULTS = {subject: (col, _COLUMN_LABELS[col]) for subject, col in
            {"upheld": "upheld", "corrected": "corrected", "other_result": "other", "pending": "pending"}.items()}


def _sum(report: Report, groups: tuple[str, ...], column: str):
    values = [report.values.get(f"t4.{g}.{column}") for g in groups]
    if any(v is None or v.status != "ok" and v.status != "blank" for v in values):
        return None, ()
    return sum(v.value or 0 for v in values), tuple(v.key for v in values)


def check(report: Report) -> Iterator[Finding]:
    if report.template is None:
        return
    subject = None
    sentence = None
    named: dict[str, None] = {}  # groups the current sentence has named so far, in order (a set)
    for st in report_statements(report):
        if st.sentence is not sentence:
            sentence, subject, named = st.sentence, None, {}
        if st.subject in _GROUPS:
            subject = st.subject
            named[subject] = None
            value, keys = _sum(report, _GROUPS[subject], "total")
            if value is not None and value != st.value and not zero_case(st.value, value):  # none vs some: N-ZERO
                yield contradiction(st, _NAMES[subject], value, keys)
        elif st.subject in _RESULTS and subject:
            column, label = _RESULTS[st.subject]
            value, keys = _sum(report, _GROUPS[subject], column)
            if value is not None and value != st.value:
                yield contradiction(st, f"{_NAMES[subject]}{label}", value, keys)
        elif st.subject == "all_upheld":
            for group in named:
                total, keys = _sum(report, _GROUPS[group], "total")
                upheld, _ = _sum(report, _GROUPS[group], "upheld")
                if total is not None and upheld is not None and total and upheld != total:
                    yield finding(f"正文「{quote(st)}」称{_NAMES[group]}均获维持，但表四结果维持{fmt(upheld)}件、"
                        f"总计{fmt(total)}件", keys=keys, locations=(st.sentence.loc,), table="t4",
                        expected=total, actual=upheld,
                    )
