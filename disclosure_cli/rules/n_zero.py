"""N-ZERO — 正文所称“无”与表格相符 (prose saying "none" agrees with the tables, and the reverse).

检查 / What it checks
    The prose says there were none — 未收到政府信息公开申请, 未接到依申请公开办件, 未发生因政府
    信息公开引起的行政复议、行政诉讼, or a count of 0件 — while table 3 (一、本年新收; 一 + 二
    for 共收到) or table 4 (行政复议 总计; 行政诉讼 = 直接起诉 + 复议后起诉 总计) shows some;
    and the reverse: the prose counts applications, reconsiderations or suits where the table
    shows none. (Other count mismatches are N-APP's and N-T4's.)

为什么 / Why
    "None" in the prose next to a non-zero table (or a count next to an all-zero table) means
    one of them was copied from another report or never filled in: a reader cannot tell which
    is true.

失败示例 / Failing example
    「本年度未收到政府信息公开申请」 with 一、本年新收 总计 = 26.

来源 / Source
    CUSTOMARY, docs/report-format.md §8.5 (narrative ↔ table).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report, Value
from ..templates import T3_APPLICANT_COLUMNS
from ._common import finding, fmt
from ._prose import quote, report_statements, row_total

ID = "N-ZERO"
SEVERITY = "error"
SUMMARY = "正文所称“无”与表格相符 / prose saying none agrees with the tables, and the reverse"

# statement subject → table-4 groups, name, the word that names it in a "none" sentence
_T4 = {"review": (("review",), "行政复议", "复议"), "suit": (("suit_direct", "suit_after_review"), "行政诉讼", "诉讼")}


def _t4_total(report: Report, groups: tuple[str, ...]) -> tuple[int | float | None, tuple[str, ...]]:
    values = [report.values.get(f"t4.{g}.total") for g in groups]
    if any(v is None or v.status not in ("ok", "blank") for v in values):
        return None, ()
    return sum(v.value or 0 for v in values), tuple(v.key for v in values)


def _t3_cells(report: Report, row: str) -> list[Value]:
    """The cells row_total adds up: the 总计 cell, or the applicant cells where it is blank."""
    total = report.values[f"t3.{row}.total"]
    return [total] if total.status == "ok" else [report.values[f"t3.{row}.{c}"] for c in T3_APPLICANT_COLUMNS]


def _shown(table: int | float, cells: list[Value]) -> str:
    """What the table shows, in words: a blank is said to be blank (为空), never 0."""
    blanks = sum(1 for v in cells if v.status == "blank")
    if blanks == len(cells):
        return "为空（空白单元格）"
    return f"为{fmt(table)}件" + (f"（其中{blanks}个空白单元格按0计）" if blanks else "")


def _finding(st, what: str, table, keys: tuple[str, ...], cells: list[Value]) -> Finding:
    said = f"{what}{st.value}件" if st.value or st.subject not in ("none_received", "none_t4") else f"没有{what}"
    return finding(
        f"正文「{quote(st)}」称{said}，而表格{_shown(table, cells)} / prose and table disagree on none",
        keys=keys, locations=(st.sentence.loc,), table=keys[0].split(".", 1)[0], expected=table, actual=st.value,
    )


def check(report: Report) -> Iterator[Finding]:
    if report.template is None:
        return
    new, over = row_total(report, "new_received"), row_total(report, "carried_over")
    for st in report_statements(report):
        if st.subject in ("received", "none_received", "new_received") and new is not None:
            accepted = {new} if st.subject == "new_received" else {new} | ({new + over} if over is not None else set())
            if st.value not in accepted and (st.value == 0 or new == 0):
                rows = ("new_received",) + (("carried_over",) if st.subject != "new_received" else ())
                keys = tuple(f"t3.{r}.total" for r in rows)
                yield _finding(st, "收到政府信息公开申请", new, keys, _t3_cells(report, "new_received"))
        elif st.subject in _T4 or st.subject == "none_t4":
            said = st.sentence.text[st.span[0] : st.span[1]]
            named = [st.subject] if st.subject in _T4 else [g for g, (_, _, word) in _T4.items() if word in said]
            for group in named:
                groups, what, _ = _T4[group]
                total, keys = _t4_total(report, groups)
                if total is not None and total != st.value and (st.value == 0 or total == 0):
                    yield _finding(st, what, total, keys, [report.values[k] for k in keys])
