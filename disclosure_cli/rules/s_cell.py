"""S-CELL — 模板要求的单元格无法读取 (a required cell cannot be read).

检查 / What it checks
    Every cell the template requires is present and holds a number or a blank. A cell is
    reported when its row label is not found, the row has fewer value cells than the template,
    the cell holds text, the layout is damaged (table 4's header holding numbers), or a number
    stands under no recognised row label (a sign that cells have shifted). Such values are
    `null` in the output: never guessed.

为什么 / Why
    A value read from the wrong cell is worse than no value: every other check would be run on
    a fabricated number.

失败示例 / Failing example
    Pasted table 4 whose header lines hold `0 |` where 结果维持 … belong and whose data row is
    15 empty cells: the 15 values are null, with this finding.

来源 / Source
    report-format.md §9 (real layouts); data-dictionary.md "Values".
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import TABLE_NOT_FOUND, Finding, Report
from ..templates import TABLE_NAMES
from ._common import finding, short

ID = "S-CELL"
SEVERITY = "error"
SUMMARY = "模板要求的单元格无法读取 / a required cell cannot be read"


def check(report: Report) -> Iterator[Finding]:
    groups: dict[tuple[str, str, str], list] = {}
    for v in report.values.values():
        if v.status in ("unreadable", "missing") and v.note != TABLE_NOT_FOUND:
            table = v.key.split(".", 1)[0]
            row = v.row_label if table != "t4" else ""
            groups.setdefault((table, row or "", v.note or ""), []).append(v)
    for (table, row, note), values in groups.items():
        where = f"「{short(row)}」行" if row else ""
        yield finding(f"{TABLE_NAMES[table]}{where}{len(values)}个单元格无法读取，记为空值：{note}", values
        )
    for table, locs in report.stray.items():
        yield finding(f"{TABLE_NAMES[table]}有{len(locs)}个数字不在任何可识别的行标签之下（可能错行），未予采用",
            table=table, locations=tuple(locs),
        )
