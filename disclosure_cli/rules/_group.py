"""One cause, one finding: the rule engine's last step (run() calls `by_cause`).

A report that leaves its 总计 column blank fails T3-ROW once per row, and T3-OUT once more for
that column: a dozen findings for one thing to fix. This step works on the findings of the sum
rules (they carry a `SumCheck`), in two passes:

1. **Blank totals.** Findings whose total cell is blank (while its parts hold numbers), of one
   rule and one table, lying in one column (else one row), become one finding that lists the
   cells and what each should hold (`Finding.cells`), e.g. 「总计」列有11个单元格为空，应为
   各行六类申请人之和：（一）予以公开 272、…
2. **Explained findings.** Another sum finding whose mismatch disappears once those blank
   cells hold what they should has the same cause: it is folded into the finding of step 1,
   whose message names it (补齐后 … 相符（T3-OUT）), instead of standing alone.

Any other finding passes through unchanged. Structural rules group their own cells (S-CELL
one finding per table and problem, S-BLANK one per table).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import SEVERITY_RANK, Finding, FindingCell, Report
from ..templates import TABLE_NAMES
from ._common import fmt, short


def _split(key: str) -> tuple[str, str, str]:
    """`t3.withheld.state_secret.total` → (table, row, column)."""
    table, rest = key.split(".", 1)
    row, _, col = rest.rpartition(".")
    return table, row, col


def _grouped(members: list[Finding], report: Report, along: str) -> Finding:
    """One finding for blank totals lying in one column (`along="col"`) or one row."""
    first = members[0]
    values = [report.values[f.sum.totals[0]] for f in members]  # type: ignore[union-attr]
    head = values[0]
    line = f"「{short(head.col_label)}」列" if along == "col" else f"「{short(head.row_label)}」行"
    name = (lambda v: short(v.row_label, 16)) if along == "col" else (lambda v: short(v.col_label, 16))
    listing = "、".join(f"{name(v)} {fmt(f.expected)}" for v, f in zip(values, members, strict=True))
    each = "各行" if along == "col" else "各列"
    blanks = any(report.values[k].status == "blank" for f in members for k in f.sum.parts)  # type: ignore[union-attr]
    note = f"（{first.sum.parts_name}中的空白单元格按0计算）" if blanks else ""  # type: ignore[union-attr]
    return Finding(
        rule=first.rule,
        severity=max((f.severity for f in members), key=lambda s: SEVERITY_RANK.get(s, 0)),
        message=(
            f"{TABLE_NAMES.get(first.table or '', '')}{line}有{len(members)}个单元格为空，"
            f"应为{each}{first.sum.parts_name}：{listing}{note}"  # type: ignore[union-attr]
        ),
        keys=tuple(v.key for v in values),
        locations=tuple(v.loc for v in values if v.loc is not None),
        table=first.table,
        path=first.path,
        cells=tuple(FindingCell(v.key, f.expected, None, v.loc) for v, f in zip(values, members, strict=True)),
    )


def _blank_total_groups(blank: list[Finding], report: Report) -> list[tuple[list[Finding], Finding]]:
    """(members, finding to report) per group: a column first, else a row, else alone."""
    out: list[tuple[list[Finding], Finding]] = []
    left = blank
    for along in ("col", "row"):
        lines: dict[tuple[str, str, str], list[Finding]] = {}
        for f in left:
            table, row, col = _split(f.sum.totals[0])  # type: ignore[union-attr]
            lines.setdefault((f.rule, table, col if along == "col" else row), []).append(f)
        left = []
        for members in lines.values():
            if len(members) > 1:
                out.append((members, _grouped(members, report, along)))
            else:
                left.extend(members)
    out.extend(([f], f) for f in left)
    return out


def _explained(f: Finding, fill: dict[str, float], report: Report) -> bool:
    """Whether f's sum holds once the blank cells in `fill` hold what they should."""
    check = f.sum
    if check is None or not any(k in fill for k in check.totals + check.parts):
        return False

    def side(keys: tuple[str, ...]) -> float:
        return sum(fill[k] if k in fill else (report.values[k].value or 0) for k in keys)

    return abs(side(check.totals) - side(check.parts)) < 1e-9


def by_cause(findings: list[Finding], report: Report) -> list[Finding]:
    """The findings with those of one cause merged (see the module's docstring)."""
    blank = [
        f for f in findings
        if f.sum is not None and len(f.sum.totals) == 1 and f.expected is not None
        and all(report.values[k].status == "blank" for k in f.sum.totals)
    ]
    if not blank:
        return findings
    # A blank total whose parts are themselves blank totals (T3-OUT's 总计 column beside a
    # blank 总计 column) is not a cause but a consequence: it is checked in the second pass.
    # So is a second rule's verdict on a cell already claimed.
    claimed = {f.sum.totals[0] for f in blank}  # type: ignore[union-attr]
    primary: list[Finding] = []
    for f in blank:
        total = f.sum.totals[0]  # type: ignore[union-attr]
        if claimed.isdisjoint(f.sum.parts) and all(total != p.sum.totals[0] for p in primary):  # type: ignore[union-attr]
            primary.append(f)
    groups = _blank_total_groups(primary, report)
    fill = {f.sum.totals[0]: f.expected for members, _ in groups for f in members}  # type: ignore[union-attr]
    owner = {f.sum.totals[0]: i for i, (members, _) in enumerate(groups) for f in members}  # type: ignore[union-attr]
    merged = {id(f) for f in primary}
    clauses: dict[int, list[str]] = {}
    for f in findings:
        if id(f) in merged or not _explained(f, fill, report):
            continue
        check = f.sum
        assert check is not None
        index = min(owner[k] for k in check.totals + check.parts if k in owner)
        total = sum(fill.get(k, report.values[k].value or 0) for k in check.totals)
        clauses.setdefault(index, []).append(
            f"补齐后{check.subject}的{check.total_name} {fmt(total)} 与{check.parts_name}相符（{f.rule}）"
        )
        merged.add(id(f))
    out = [f for f in findings if id(f) not in merged]
    for i, (_, f) in enumerate(groups):
        if i in clauses:
            f = replace(f, message=f.message + "；" + "；".join(clauses[i]))
        out.append(f)
    return out
