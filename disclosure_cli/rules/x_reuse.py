"""X-REUSE — 叙述文字不照搬上年报告 (the narrative is not last year's, copied).

检查 / What it checks
    Needs last year's report of the same body. The sentences of 一、总体情况 and 五、存在的
    主要问题及改进情况 (numbers masked, so `2023年` and `2024年`, `12件` and `15件` match), found
    verbatim in last year's report: when their share reaches the threshold (default 50%,
    `[tool.disclosure.options.X-REUSE] threshold = 0.4`), the finding gives the share and
    quotes two of them. Sub-headings and sentences under 16 characters (`无。`) are not counted, and
    a narrative of fewer than 4 sentences is not judged.

为什么 / Why
    The 2021 template notice (30号) names 内容雷同、敷衍塞责 as a ground for accountability;
    evaluators and the press (东莞市统计局 2008–2010) flag reports copied year to year.

失败示例 / Failing example
    A 2024 report whose 总体情况 and 存在的主要问题 repeat the 2023 report with the years changed.

来源 / Source
    国办公开办函〔2021〕30号; docs/report-format.md §10, §11 (j).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._common import finding, short
from ._pair import narrative

ID = "X-REUSE"
SEVERITY = "warning"
SUMMARY = "叙述文字不照搬上年报告 / narrative not copied from last year's report"
PAIR = True
READS: tuple[str, ...] = ()  # no cell, but
KEEPS = (narrative,)  # what the pairing keeps of each report for it
OPTIONS = {"threshold": 0.5}

_MIN_SENTENCES = 4


def check(report: Report, previous: Report, threshold: float = OPTIONS["threshold"]) -> Iterator[Finding]:
    now = narrative(report)
    before = {masked for masked, _ in narrative(previous)}
    if len(now) < _MIN_SENTENCES or not before:
        return
    repeated = [text for masked, text in now if masked in before]
    share = len(repeated) / len(now)
    if repeated and share >= threshold:
        examples = sorted(repeated, key=len, reverse=True)[:2]
        quoted = "」「".join(short(t, 40) for t in examples)
        yield finding(
            f"第一、五部分的{len(now)}句中有{len(repeated)}句（{share:.0%}）与{previous.year}年度报告逐字相同（数字除外），"
            f"如「{quoted}」（上年报告：{previous.path}）/ narrative repeated from last year's report",
            expected=threshold, actual=round(share, 4),
        )
