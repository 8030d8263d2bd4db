"""T2-RULEMAKER — 无规章制定权的机关不应填报规章 (规章 counts only from bodies that can make 规章).

检查 / What it checks
    Table 2's 规章 row (制发/废止/现行有效, or on the 2019 template 新制作/新公开/对外公开总数量)
    is above 0 in the report of a body that cannot make 规章: a 乡、镇 or 街道, a county-level
    government (县、区、旗, …) or one of its departments. The body's level is read from its name
    (the agency in the title). Bodies of a city, province or the State Council are not judged.

为什么 / Why
    Under 立法法 (第九十一条, 第九十三条) only State Council departments and the governments of
    provinces, autonomous regions, municipalities, 设区的市 and 自治州 make 规章. A county or a
    town that reports 规章 has counted something else — usually its internal 规章制度 — in
    the statutory row.

失败示例 / Failing example
    A town reports 规章 2 / 0 / 2, having counted its internal 规章制度.

来源 / Source
    立法法; docs/report-format.md §4 (table 2 第二十条第（一）项).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._body import body
from ._common import cell_name, finding, fmt

ID = "T2-RULEMAKER"
SEVERITY = "warning"
SUMMARY = "无规章制定权的机关不应填报规章 / 规章 only from bodies that can make 规章"

_NAMES = {"town": "乡镇、街道", "county": "县级"}


def check(report: Report) -> Iterator[Finding]:
    if report.template is None:
        return
    b = body(report)
    if b is None or b.level not in _NAMES:
        return
    cells = [v for k, v in report.values.items() if k.startswith("t2.regulations.") and v.status == "ok" and v.value]
    if cells:
        who = f"{_NAMES[b.level]}{'人民政府' if b.government else '机关'}（{b.place}）"
        shown = "、".join(f"{cell_name(v)}为{fmt(v.value)}" for v in cells)
        yield finding(
            f"{shown}，但{who}没有规章制定权（立法法）：是否把内部规章制度计入了规章？"
            " / 规章 reported by a body that cannot make them", cells,
        )
