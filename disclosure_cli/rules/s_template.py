"""S-TEMPLATE — 年报格式可识别且与年度相符 (the template is recognised and fits the year).

检查 / What it checks
    The tables follow one of the two national templates: 2019 (国办公开办函〔2019〕60号, for
    reports on 2019 and 2020) or 2021 (国办公开办函〔2021〕30号, for 2021 onward), recognised
    from table 2's columns and rows and table 3's （六）其他处理.
    - error: the pre-2019 statistics layout (当面申请, 同意公开答复数 …) — unsupported;
      or tables that match neither template.
    - warning: a 2019 template on a report for 2021 or later, a 2021 template on a 2019/2020
      report, or a hybrid (e.g. a single （六） row inside a 2021 table).
    - warning: columns drawn in another order than the template's (table 3's applicants,
      table 4's groups and results, a table-2 block): the values are read by the header's
      labels, and the finding names the order; or a header that cannot be read (a label
      missing, doubled or garbled): the values are read in the template's order, unconfirmed.

为什么 / Why
    Using the wrong or an outdated template is a routine publication mistake, and the keys
    (and therefore every other check) depend on the template.

失败示例 / Failing example
    A report on 2022 whose table 2 still has 本年新制作数量 / 本年新公开数量 / 对外公开总数量.

来源 / Source
    docs/report-format.md §2 and §2.1.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import for_year
from ._common import finding

ID = "S-TEMPLATE"
SEVERITY = "warning"
SUMMARY = "年报格式可识别且与年度相符 / template recognised and fits the year"


def check(report: Report) -> Iterator[Finding]:
    if report.pre2019:
        yield finding("采用2019年以前的统计表格式（当面申请、同意公开答复数等），不属于现行年报格式，无法检查 "
            "/ pre-2019 statistics layout: unsupported", severity="error",
        )
        return
    if report.template is None:
        if any(t.found for t in report.tables.values()):
            yield finding("无法识别年报格式（既不符合2019年格式，也不符合2021年格式）/ template not recognised", severity="error")
        return
    if report.year is not None:
        expected = for_year(report.year)
        if expected and expected.id != report.template:
            yield finding(f"{report.year}年度报告使用了{report.template}年格式，应使用{expected.id}年格式（{expected.circular}）"
                f" / {report.template} template on a report for {report.year}",
            )
    if report.hybrid:
        yield finding(f"表格混用两种格式：{report.hybrid} / hybrid template", table="t3")
    for table, note in report.header_notes:
        yield finding(note, table=table)
