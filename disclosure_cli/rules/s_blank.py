"""S-BLANK — 应填数字的单元格留空或填“/”“—”“无” (cells left blank instead of a number).

检查 / What it checks
    Value cells that are empty or hold a placeholder (`/`, `-`, `—`, `无`, `&nbsp;`). One
    finding per table, listing the keys. The values are `null` in the output; the sum rules
    count them as 0 and say so.

为什么 / Why
    The template expects a number in every data cell; blanks make the tables ambiguous (zero,
    or not filled in?). Shanghai 2019 leaves most of table 3's 总计 column blank.

失败示例 / Failing example
    一、本年新收 | 0 |  |  |  |  |  | 0 |

来源 / Source
    CUSTOMARY, docs/report-format.md §7.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..templates import TABLE_NAMES
from ._common import finding

ID = "S-BLANK"
SEVERITY = "info"
SUMMARY = "单元格留空或填占位符 / cells left blank or filled with a placeholder"


def check(report: Report) -> Iterator[Finding]:
    by_table: dict[str, list] = {}
    for v in report.values.values():
        if v.status == "blank":
            by_table.setdefault(v.key.split(".", 1)[0], []).append(v)
    for table, values in by_table.items():
        yield finding(f"{TABLE_NAMES[table]}有{len(values)}个单元格为空或为占位符（按0计入合计）", values)
