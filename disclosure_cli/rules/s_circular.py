"""S-CIRCULAR — 所引年报格式文件与年度、表格相符 (the cited template circular fits the year and tables).

检查 / What it checks
    The prose cites the circular that issued the template: 国办公开办函〔2019〕60号 (reports
    on 2019 and 2020) or 国办公开办函〔2021〕30号 (2021 onward). When the report cites only
    one of them, it must be the one for the report's year, and the one whose tables the
    report uses. A report citing both, or neither, is not judged.

为什么 / Why
    Citing last year's circular, or the old one after a template change, is the mark of a
    report rewritten from an old file; so is a citation that disagrees with the tables.

失败示例 / Failing example
    A report on 2023 「依据…年度报告格式（国办公开办函〔2019〕60号）编制」.

来源 / Source
    docs/report-format.md §2 (the two notices and the years they apply to).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Location, Report
from ..templates import TEMPLATES, for_year
from ._common import finding

ID = "S-CIRCULAR"
SEVERITY = "warning"
SUMMARY = "所引年报格式文件与年度、表格相符 / cited template circular fits the year and tables"

_CITE = re.compile(r"国办公开办函\s*[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d+\s*号")

_BRACKETS = str.maketrans({"[": "〔", "［": "〔", "(": "〔", "（": "〔", "【": "〔", "]": "〕", "］": "〕", ")": "〕", "）": "〕", "】": "〕"})


def _cited(text: str) -> str | None:
    """The template whose circular a citation names (brackets and spaces as printed)."""
    m = re.fullmatch(r"国办公开办函〔(\d{4})〕(\d+)号", re.sub(r"\s", "", text).translate(_BRACKETS))
    if not m:
        return None
    for t in TEMPLATES.values():
        if t.circular == f"国办公开办函〔{m.group(1)}〕{m.group(2)}号":
            return t.id
    return None


def check(report: Report) -> Iterator[Finding]:
    cited: dict[str, Location | None] = {}
    for cell in report.prose:
        if "办函" not in cell.text:
            continue
        for m in _CITE.finditer(cell.text):
            template = _cited(m.group())
            if template and template not in cited:
                cited[template] = cell.loc
    if len(cited) != 1:
        return
    ((template, loc),) = cited.items()
    problems = []
    due = for_year(report.year) if report.year is not None else None
    if due and due.id != template:
        problems.append(f"{report.year}年度报告应依据{due.circular}")
    if report.template and report.template != template:
        problems.append(f"表格采用的是{TEMPLATES[report.template].circular}的格式")
    if problems:
        yield finding(
            f"正文引用{TEMPLATES[template].circular}，但" + "，".join(problems) + " / cited circular does not fit",
            locations=(loc,) if loc else (),
        )
