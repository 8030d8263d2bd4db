"""S-TABLE — 三张法定表格齐全 (each statutory table is present).

检查 / What it checks
    Tables 2 (主动公开), 3 (收到和处理申请) and 4 (行政复议、行政诉讼) are each found by their
    anchors (第二十条第（一）项; 本列数据的勾稽关系 / 一、本年新收; 行政复议), and each only once:
    a table that appears twice in one report is reported (cells whose copies differ are null).
    A second report in the same file is not a duplicate: it is checked on its own (`path#2`).
    A table whose cell boundaries were lost in copying (a row's digits run together,
    `…数量15130000154`) is reported here once; its values are null.

为什么 / Why
    The three tables are required by the format (条例 第五十条); a missing table is also the
    usual sign of a truncated copy or a table pasted as an image.

失败示例 / Failing example
    A web copy cut off inside table 3: table 4 is not found. A page holding table 4 only:
    tables 2 and 3 are named as missing (and the template cannot be told).

来源 / Source
    docs/report-format.md §3–§6.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import TABLE_NAMES
from ._common import finding

ID = "S-TABLE"
SEVERITY = "error"
SUMMARY = "三张法定表格齐全 / each statutory table is present"


def check(report: Report) -> Iterator[Finding]:
    # Without a template (tables 2 and 3 both missing, say) the missing tables are still named;
    # a pre-2019 layout or a file with no table at all is S-TEMPLATE's or an input error.
    if report.pre2019 or not any(info.found for info in report.tables.values()):
        return
    for table, info in report.tables.items():
        if not info.found:
            yield finding(f"未找到{TABLE_NAMES[table]} / table {table[1]} not found", table=table)
        elif info.fused is not None:
            yield finding(
                f"{TABLE_NAMES[table]}无法读取：{info.problem}；报告其余部分照常检查 / cell boundaries lost",
                table=table, locations=(info.fused,),
            )
        elif info.duplicate is not None:
            yield finding(
                f"{TABLE_NAMES[table]}在同一份报告中出现两次（第二次始于{info.duplicate}），"
                "两份不一致的数值记为空值 / the same table twice in one report",
                table=table, locations=(info.duplicate,),
            )
