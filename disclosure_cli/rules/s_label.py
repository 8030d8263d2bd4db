"""S-LABEL — 行列标签为变体或错别字 (a label was recognised from a variant or misprint).

检查 / What it checks
    A row or column was matched through a variant wording or a misprint listed in
    templates.LABEL_VARIANTS (只计这一情况, 三类内容事务信息, 其他法律行政止公开, 合计 …) or
    through an unofficial table-2 label. The finding quotes the text found and the official one.

为什么 / Why
    Altered labels are a publication defect reviewers flag, and the report should know which
    of its cells were read through a variant.

失败示例 / Failing example
    `5.属于三类内容事务信息` (official: 5.属于三类内部事务信息), changchun 2022.

来源 / Source
    docs/report-format.md §9.1.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._common import finding

ID = "S-LABEL"
SEVERITY = "info"
SUMMARY = "行列标签为变体或错别字 / label recognised from a variant or misprint"


def check(report: Report) -> Iterator[Finding]:
    for note in report.label_notes:
        depth = note.key.count(".") + 1
        keys = tuple(k for k in report.values if k.startswith(note.key + ".") and k.count(".") == depth)
        yield finding(f"标签「{note.found}」与格式用语「{note.official}」不一致，已按后者识别",
            table=note.key.split(".", 1)[0], keys=keys, locations=(note.loc,),
        )
