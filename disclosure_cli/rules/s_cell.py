"""S-CELL — 模板要求的单元格无法读取 (a required cell cannot be read).

检查 / What it checks
    Every cell the template requires is present and holds a number or a blank. A cell is
    reported when its row label is not found, the row has fewer value cells than the template,
    the cell holds text or a number written wrong (`1,5200`, `2 0`: 数字格式不规范, with its text), the layout is damaged (table 4's header holding numbers), a header
    cannot say which column is which without a guess (it contradicts itself or the template's
    order: that table's values), or a number
    stands under no recognised row label (a sign that cells have shifted). Such values are
    `null` in the output: never guessed. One finding per table and problem (a table whose
    rows all lost their labels is one cause), naming the rows.

为什么 / Why
    A value read from the wrong cell is worse than no value: every other check would be run on
    a fabricated number.

失败示例 / Failing example
    Pasted table 4 whose header lines hold `0 |` where 结果维持 … belong and whose data row is
    15 empty cells: the 15 values are null, with this finding.

来源 / Source
    docs/report-format.md §9 (real layouts); docs/keys.md "Values".
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import TABLE_FUSED, TABLE_NOT_FOUND, Finding, Report
from ..templates import TABLE_NAMES
from ._common import finding, short

ID = "S-CELL"
SEVERITY = "error"
SUMMARY = "模板要求的单元格无法读取 / a required cell cannot be read"
_LISTED = 8  # row labels named in the message; the keys list every cell


def check(report: Report) -> Iterator[Finding]:
    """One finding per table and problem: a table whose rows all lost their labels is one
    cause, listed row by row in the message and cell by cell in the keys."""
    groups: dict[tuple[str, str], list] = {}
    for v in report.values.values():
        if v.status in ("unreadable", "missing") and v.note not in (TABLE_NOT_FOUND, TABLE_FUSED):
            groups.setdefault((v.key.split(".", 1)[0], v.note or ""), []).append(v)
    for (table, note), values in groups.items():
        rows = list(dict.fromkeys(v.row_label or "" for v in values)) if table != "t4" else []
        if len(rows) == 1:
            where = f"「{short(rows[0])}」行"
        elif rows:
            listed = "、".join(f"「{short(r, 16)}」" for r in rows[:_LISTED])
            where = f"{len(rows)}行（{listed}{'等' if len(rows) > _LISTED else ''}）共"
        else:
            where = ""
        yield finding(f"{TABLE_NAMES[table]}{where}{len(values)}个单元格无法读取，记为空值：{note}", values)
    for table, locs in report.stray.items():
        yield finding(f"{TABLE_NAMES[table]}有{len(locs)}个数字不在任何可识别的行标签之下（可能错行），未予采用",
            table=table, locations=tuple(locs),
        )
    for note in report.notes:
        yield finding(note.text, locations=(note.loc,))
