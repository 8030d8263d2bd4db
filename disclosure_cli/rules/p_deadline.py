"""P-DEADLINE — 年报按期公布 (the report was published by the statutory deadline).

检查 / What it checks
    The publication date against 条例 第四十九条: departments of county-level and higher
    governments publish their report by 31 January; the 主管部门 publishes the government's
    own report (…人民政府) by 31 March. 乡镇/街道 are not named in the 条例: their deadline
    comes from local notices, so a report later than 31 March is only noted (info). A body
    whose name cannot be read is held to the latest deadline, 31 March.
    The date comes, in this order, from `--published YYYY-MM-DD`, the saved page (its
    <meta name="PubDate">/firstpublishedtime…, or a 发布日期/发文日期/成文日期 line), or the
    signature date under the report (落款 `2024年1月23日`); the JSON records it as `published`
    with `published_source`. No date, no finding.

为什么 / Why
    Late publication is the first item of every evaluation of annual reports (CASS
    《政府信息公开工作年度报告发布情况评估报告》) and a ground for accountability (第四十七条).

失败示例 / Failing example
    示例县市场监督管理局 2023 report, `--published 2024-02-20` (due 2024-01-31).

来源 / Source
    条例 第四十九条; docs/report-format.md §1, §10, §11.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..model import Finding, Report
from ._body import body
from ._common import finding

ID = "P-DEADLINE"
SEVERITY = "warning"
SUMMARY = "年报按期公布（部门1月31日、政府3月31日）/ published by the statutory deadline"

SOURCES = {
    "option": "--published",
    "page-meta": "网页元数据",
    "page-text": "网页所载发布日期",
    "signature": "落款日期",
    "http-last-modified": "网页Last-Modified",
}


def check(report: Report) -> Iterator[Finding]:
    if not report.published or report.year is None:
        return
    published = date.fromisoformat(report.published)
    due_year = report.year + 1
    b = body(report)
    severity = ""
    if b is None:
        deadline, who = date(due_year, 3, 31), "发布机关未识别，按条例最晚期限"
    elif b.level == "town":
        deadline, who, severity = date(due_year, 3, 31), "乡镇、街道的期限由本地通知规定，此处按条例最晚期限", "info"
    elif b.government:
        deadline, who = date(due_year, 3, 31), "本级人民政府年报由主管部门于3月31日前公布"
    else:
        deadline, who = date(due_year, 1, 31), "县级以上人民政府部门应于1月31日前公布"
    if published > deadline:
        source = SOURCES.get(report.published_source or "", report.published_source or "?")
        yield finding(
            f"{report.year}年度报告于{report.published}公布（{source}），晚于{deadline.isoformat()}（{who}，条例第四十九条）"
            f" / published after the deadline", severity=severity,
        )
